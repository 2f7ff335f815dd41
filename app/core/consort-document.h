/* consort-document.h: an appraisal stored in one SQLite file (.consort).
 *
 * The document owns the current ConsortAppraisal.  Every change goes
 * through consort_document_apply(), which writes the whole new state in
 * one transaction: either all of it is saved or none.  Undo and redo are
 * snapshots of earlier states, saved the same way.  A file that is not a
 * Consort appraisal, is damaged or is newer than this Consort is never
 * written to.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "consort-appraisal.h"
#include "consort-engine.h"

G_BEGIN_DECLS

#define CONSORT_SCHEMA_VERSION 2
#define CONSORT_FILE_EXTENSION ".consort"
#define CONSORT_MIME_TYPE "application/x-consort-appraisal"

#define CONSORT_TYPE_DOCUMENT (consort_document_get_type ())
G_DECLARE_FINAL_TYPE (ConsortDocument, consort_document, CONSORT, DOCUMENT, GObject)

typedef enum {
  CONSORT_OPEN_DEFAULT   = 0,
  CONSORT_OPEN_READ_ONLY = 1 << 0,  /* never write, even if the file is writable */
} ConsortOpenFlags;

/* Opens an existing file.  A file written by an earlier schema is
 * migrated forward in one transaction (unless read-only).  A file that
 * cannot be written (permissions, read-only medium) opens read-only;
 * see consort_document_get_read_only_reason(). */
ConsortDocument        *consort_document_open              (const char       *path,
                                                            ConsortOpenFlags  flags,
                                                            GError          **error);
/* Creates @path (which must not exist) holding @appraisal. */
ConsortDocument        *consort_document_create            (const char             *path,
                                                            const ConsortAppraisal *appraisal,
                                                            GError                **error);
/* Writes a complete copy of the current state to @path (replacing it
 * atomically) and, if @switch_to, continues editing there. */
gboolean                consort_document_save_as           (ConsortDocument *self,
                                                            const char      *path,
                                                            gboolean         switch_to,
                                                            GError         **error);
void                    consort_document_close             (ConsortDocument *self);

const char             *consort_document_get_path          (ConsortDocument *self);
/* Current state; do not modify: copy, edit the copy, apply it. */
ConsortAppraisal       *consort_document_get_appraisal     (ConsortDocument *self);
/* Figures of the current state, computed on demand and cached. */
ConsortResults         *consort_document_get_results       (ConsortDocument *self,
                                                            GError         **error);
gboolean                consort_document_get_read_only     (ConsortDocument *self);
const char             *consort_document_get_read_only_reason (ConsortDocument *self);

/* Validates @appraisal, saves it in one transaction and makes it current;
 * the previous state goes on the undo stack under @label ("Edit budget").
 * On failure nothing changes, in memory or on disk.  Takes a reference. */
gboolean                consort_document_apply             (ConsortDocument  *self,
                                                            ConsortAppraisal *appraisal,
                                                            const char       *label,
                                                            GError          **error);
gboolean                consort_document_can_undo          (ConsortDocument *self);
gboolean                consort_document_can_redo          (ConsortDocument *self);
const char             *consort_document_get_undo_label    (ConsortDocument *self);
const char             *consort_document_get_redo_label    (ConsortDocument *self);
gboolean                consort_document_undo              (ConsortDocument *self,
                                                            GError         **error);
gboolean                consort_document_redo              (ConsortDocument *self,
                                                            GError         **error);

/* Signals:
 *   "changed" (void): the current appraisal was replaced (apply, undo, redo).
 * Properties: "path", "read-only", "can-undo", "can-redo" (notify). */

G_END_DECLS
