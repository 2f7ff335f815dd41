/* consort-services-page.h
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "consort-core.h"

G_BEGIN_DECLS

#define CONSORT_TYPE_SERVICES_PAGE (consort_services_page_get_type ())
G_DECLARE_FINAL_TYPE (ConsortServicesPage, consort_services_page, CONSORT, SERVICES_PAGE, AdwBin)

/* "document" property (ConsortDocument, may be NULL): the page shows it
 * and follows its "changed" signal. */
void consort_services_page_set_document (ConsortServicesPage *self, ConsortDocument *document);

G_END_DECLS
