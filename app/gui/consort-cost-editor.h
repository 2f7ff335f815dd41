/* consort-cost-editor.h: a dialog that adds or edits one cost item of
 * an option, applied to the document as one edit.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "consort-core.h"

G_BEGIN_DECLS

#define CONSORT_TYPE_COST_EDITOR (consort_cost_editor_get_type ())
G_DECLARE_FINAL_TYPE (ConsortCostEditor, consort_cost_editor, CONSORT, COST_EDITOR, AdwWindow)

/* @index: the item of the option to edit, or -1 to add one. */
GtkWidget  *consort_cost_editor_new       (ConsortDocument *document,
                                           const char      *option_id,
                                           int              index);
gboolean    consort_cost_editor_save      (ConsortCostEditor *self);
const char *consort_cost_editor_get_error (ConsortCostEditor *self);

G_END_DECLS
