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

G_END_DECLS
