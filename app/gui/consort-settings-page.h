/* consort-settings-page.h
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "consort-core.h"

G_BEGIN_DECLS

#define CONSORT_TYPE_SETTINGS_PAGE (consort_settings_page_get_type ())
G_DECLARE_FINAL_TYPE (ConsortSettingsPage, consort_settings_page, CONSORT, SETTINGS_PAGE, AdwBin)

/* "document" property (ConsortDocument, may be NULL): the page shows it
 * and follows its "changed" signal. */
void consort_settings_page_set_document (ConsortSettingsPage *self, ConsortDocument *document);

G_END_DECLS
