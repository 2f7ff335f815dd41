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

G_END_DECLS
