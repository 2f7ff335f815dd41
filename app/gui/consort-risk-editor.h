/* consort-risk-editor.h: a dialog that adds or edits one entry of an
 * option's risk log, applied to the document as one edit.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "consort-core.h"

G_BEGIN_DECLS

#define CONSORT_TYPE_RISK_EDITOR (consort_risk_editor_get_type ())
G_DECLARE_FINAL_TYPE (ConsortRiskEditor, consort_risk_editor, CONSORT, RISK_EDITOR, AdwWindow)

/* @index: the risk of the option to edit, or -1 to add one. */
GtkWidget  *consort_risk_editor_new       (ConsortDocument *document,
                                           const char      *option_id,
                                           int              index);
gboolean    consort_risk_editor_save      (ConsortRiskEditor *self);
const char *consort_risk_editor_get_error (ConsortRiskEditor *self);

G_END_DECLS
