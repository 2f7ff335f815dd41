/* consort-feasibility-page.h
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "consort-core.h"

G_BEGIN_DECLS

#define CONSORT_TYPE_FEASIBILITY_PAGE (consort_feasibility_page_get_type ())
G_DECLARE_FINAL_TYPE (ConsortFeasibilityPage, consort_feasibility_page, CONSORT, FEASIBILITY_PAGE, AdwBin)

/* "document" property (ConsortDocument, may be NULL): the page shows it
 * and follows its "changed" signal. */
void consort_feasibility_page_set_document (ConsortFeasibilityPage *self, ConsortDocument *document);

/* Shows the option @option_id. */
void       consort_feasibility_page_select_option (ConsortFeasibilityPage *self, const char *option_id);
/* Sets one rating of the shown option as one undoable edit. */
gboolean   consort_feasibility_page_set_rating    (ConsortFeasibilityPage *self,
                                                   const char             *service_id,
                                                   ConsortCriterion        criterion,
                                                   ConsortLevel            level);
/* Opens the editor of the shown option's risk @index (-1: a new one). */
GtkWidget *consort_feasibility_page_edit_risk     (ConsortFeasibilityPage *self, int index);

G_END_DECLS
