/* consort-options-page.h
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "consort-core.h"

G_BEGIN_DECLS

#define CONSORT_TYPE_OPTIONS_PAGE (consort_options_page_get_type ())
G_DECLARE_FINAL_TYPE (ConsortOptionsPage, consort_options_page, CONSORT, OPTIONS_PAGE, AdwBin)

/* "document" property (ConsortDocument, may be NULL): the page shows it
 * and follows its "changed" signal. */
void consort_options_page_set_document (ConsortOptionsPage *self, ConsortDocument *document);

/* Shows the option @option_id in the editor. */
void        consort_options_page_select_option (ConsortOptionsPage *self, const char *option_id);
const char *consort_options_page_get_selected  (ConsortOptionsPage *self);
/* Opens the editor dialog of the selected option's savings or cost item
 * @index (-1: a new one) and returns it. */
GtkWidget  *consort_options_page_edit_savings  (ConsortOptionsPage *self, int index);
GtkWidget  *consort_options_page_edit_cost     (ConsortOptionsPage *self, int index);
/* Deletes an option as one undoable edit (the page asks first). */
gboolean    consort_options_page_delete_option (ConsortOptionsPage *self, const char *option_id);

G_END_DECLS
