/* consort-application.h: the Consort application.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "consort-core.h"

G_BEGIN_DECLS

#define CONSORT_TYPE_APPLICATION (consort_application_get_type ())
G_DECLARE_FINAL_TYPE (ConsortApplication, consort_application, CONSORT, APPLICATION, AdwApplication)

ConsortApplication *consort_application_new              (void);

/* The application's settings, or NULL when the schema is not installed
 * (running uninstalled without a compiled schema). */
GSettings          *consort_application_get_settings     (ConsortApplication *self);

/* Opens @file (.consort, or .json imported into a new draft) in a window:
 * the one already showing it, an empty one, or a new one. */
void                consort_application_open_file        (ConsortApplication *self,
                                                          GFile              *file);

/* Remembers @path as the most recent document (GtkRecentManager and the
 * "recent-documents" setting). */
void                consort_application_add_recent       (ConsortApplication *self,
                                                          const char         *path);
/* Recent documents that still exist, most recent first. */
char              **consort_application_dup_recent       (ConsortApplication *self);

/* Where drafts live: g_get_user_data_dir()/consort. */
char               *consort_drafts_dir                   (void);
/* A path in @dir that does not exist yet, named after @title:
 * "Title.consort", "Title (2).consort", ... */
char               *consort_unique_document_path         (const char *dir,
                                                          const char *title);
/* Creates a new document for @appraisal in the drafts folder. */
ConsortDocument    *consort_create_draft                 (const ConsortAppraisal *appraisal,
                                                          GError                **error);
/* Reads an interchange file and creates a new draft document from it. */
ConsortDocument    *consort_import_json                  (const char  *json_path,
                                                          GError     **error);
/* The bundled Westminster sample: $CONSORT_DATADIR, the installed copy,
 * or the source tree. */
char               *consort_sample_path                  (void);

G_END_DECLS
