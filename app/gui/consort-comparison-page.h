/* consort-comparison-page.h
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "consort-core.h"

G_BEGIN_DECLS

#define CONSORT_TYPE_COMPARISON_PAGE (consort_comparison_page_get_type ())
G_DECLARE_FINAL_TYPE (ConsortComparisonPage, consort_comparison_page, CONSORT, COMPARISON_PAGE, AdwBin)

/* "document" property (ConsortDocument, may be NULL): the page shows it
 * and follows its "changed" signal. */
void consort_comparison_page_set_document (ConsortComparisonPage *self, ConsortDocument *document);

G_END_DECLS
