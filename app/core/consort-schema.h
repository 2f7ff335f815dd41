/* consort-schema.h: the SQL schema of .consort files, every version of
 * it, and the forward migrations between them (docs/file-format.md).
 *
 * Internal to libconsort-core: the document uses it, and the tests use
 * the historical DDL to build files of earlier versions.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* PRAGMA application_id of every Consort file: "Cons" in ASCII. */
#define CONSORT_APPLICATION_ID 0x436F6E73

/* The oldest schema version this Consort can read (and migrate). */
#define CONSORT_SCHEMA_OLDEST 1

/* The complete DDL that created a new file of schema @version
 * (CONSORT_SCHEMA_OLDEST .. CONSORT_SCHEMA_VERSION), without the
 * application_id / user_version pragmas.  Historical versions are kept
 * verbatim so that files of every earlier version can be built and
 * migrated in tests.  NULL for an unknown version. */
const char *consort_schema_ddl (int version);

/* Creates the current schema in an empty database and stamps it with
 * the application id and CONSORT_SCHEMA_VERSION.  Must be called inside
 * a transaction. */
gboolean    consort_schema_create (sqlite3  *db,
                                   GError  **error);

/* Migrates @db, whose schema is @from_version, to CONSORT_SCHEMA_VERSION
 * in one transaction: all steps or none.  Foreign keys are checked over
 * the whole database before committing. */
gboolean    consort_schema_migrate (sqlite3  *db,
                                    int       from_version,
                                    GError  **error);

G_END_DECLS
