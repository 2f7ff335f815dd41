/* consort-savings-editor.h: a dialog that adds or edits one savings item
 * of an option, applied to the document as one edit.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "consort-core.h"

G_BEGIN_DECLS

#define CONSORT_TYPE_SAVINGS_EDITOR (consort_savings_editor_get_type ())
G_DECLARE_FINAL_TYPE (ConsortSavingsEditor, consort_savings_editor, CONSORT, SAVINGS_EDITOR, AdwWindow)

/* @index: the item of the option to edit, or -1 to add one. */
GtkWidget *consort_savings_editor_new  (ConsortDocument *document,
                                        const char      *option_id,
                                        int              index);
/* Checks every field, applies the item and closes; FALSE (the dialog
 * stays open, showing why) if anything is invalid. */
gboolean   consort_savings_editor_save (ConsortSavingsEditor *self);
/* The message shown for the last failed save, or NULL. */
const char *consort_savings_editor_get_error (ConsortSavingsEditor *self);

G_END_DECLS
