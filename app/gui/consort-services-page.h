/* consort-services-page.h
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "consort-core.h"
#include "consort-baseline-grid.h"

G_BEGIN_DECLS

#define CONSORT_TYPE_SERVICES_PAGE (consort_services_page_get_type ())
G_DECLARE_FINAL_TYPE (ConsortServicesPage, consort_services_page, CONSORT, SERVICES_PAGE, AdwBin)

/* "document" property (ConsortDocument, may be NULL): the page shows it
 * and follows its "changed" signal. */
void consort_services_page_set_document (ConsortServicesPage *self, ConsortDocument *document);

/* The grid of baselines (for tests and keyboard focus). */
ConsortBaselineGrid *consort_services_page_get_grid (ConsortServicesPage *self);
/* Deletes a service with what depends on it, as one undoable edit. */
gboolean consort_services_page_delete_service (ConsortServicesPage *self, const char *id);
/* What in @a uses @service's figures of @field, in a sentence (shown
 * under the grid): which options' rate-based savings use its budgets. */
char    *consort_services_page_describe_usage (const ConsortAppraisal *a,
                                               const ConsortService   *service,
                                               ConsortBaselineField    field);

G_END_DECLS
