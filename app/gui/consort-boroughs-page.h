/* consort-boroughs-page.h
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "consort-core.h"

G_BEGIN_DECLS

#define CONSORT_TYPE_BOROUGHS_PAGE (consort_boroughs_page_get_type ())
G_DECLARE_FINAL_TYPE (ConsortBoroughsPage, consort_boroughs_page, CONSORT, BOROUGHS_PAGE, AdwBin)

/* "document" property (ConsortDocument, may be NULL): the page shows it
 * and follows its "changed" signal. */
void consort_boroughs_page_set_document (ConsortBoroughsPage *self, ConsortDocument *document);

G_END_DECLS
