/* consort-schema.c: the DDL of every schema version and the migrations.
 *
 * To add schema version N+1: raise CONSORT_SCHEMA_VERSION in
 * consort-document.h, add the complete new DDL as schema_vN+1 (leave the
 * older ones as they are: they are history), add one entry to
 * `migrations` that turns an N file into an N+1 file, and teach the load
 * and save code in consort-document.c the new columns.  The tests build a
 * file of every earlier version from its DDL and check that migrating it
 * gives exactly the schema of a new file.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "consort-schema.h"

#include "consort-document.h"
#include "consort-error.h"

/* Version 1: the first file format.  Appraisal settings, default rates,
 * boroughs, services and baselines, options with participants, savings
 * and cost items, and feasibility ratings without notes. */
static const char schema_v1[] =
  "CREATE TABLE appraisal (\n"
  "  singleton     INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),\n"
  "  title         TEXT,\n"
  "  description   TEXT,\n"
  "  first_year    INTEGER NOT NULL,\n"
  "  years         INTEGER NOT NULL CHECK (years >= 1),\n"
  "  currency      TEXT,\n"
  "  discount_rate INTEGER NOT NULL\n"
  ");\n"
  "CREATE TABLE default_rates (\n"
  "  position     INTEGER PRIMARY KEY NOT NULL CHECK (position >= 0),\n"
  "  model        TEXT NOT NULL,\n"
  "  min_partners INTEGER NOT NULL,\n"
  "  rate         INTEGER NOT NULL\n"
  ");\n"
  "CREATE TABLE boroughs (\n"
  "  id         TEXT PRIMARY KEY NOT NULL,\n"
  "  position   INTEGER NOT NULL UNIQUE CHECK (position >= 0),\n"
  "  name       TEXT,\n"
  "  population INTEGER NOT NULL\n"
  ");\n"
  "CREATE TABLE services (\n"
  "  id       TEXT PRIMARY KEY NOT NULL,\n"
  "  position INTEGER NOT NULL UNIQUE CHECK (position >= 0),\n"
  "  name     TEXT\n"
  ");\n"
  "CREATE TABLE baselines (\n"
  "  service_id       TEXT NOT NULL REFERENCES services (id),\n"
  "  borough_id       TEXT NOT NULL REFERENCES boroughs (id),\n"
  "  position         INTEGER NOT NULL CHECK (position >= 0),\n"
  "  budget           INTEGER NOT NULL,\n"
  "  fte              INTEGER NOT NULL,\n"
  "  management_posts INTEGER NOT NULL,\n"
  "  overheads        INTEGER NOT NULL,\n"
  "  outsourced       INTEGER NOT NULL CHECK (outsourced = 0 OR outsourced = 1),\n"
  "  PRIMARY KEY (service_id, borough_id),\n"
  "  UNIQUE (service_id, position)\n"
  ") WITHOUT ROWID;\n"
  "CREATE TABLE options (\n"
  "  id          TEXT PRIMARY KEY NOT NULL,\n"
  "  position    INTEGER NOT NULL UNIQUE CHECK (position >= 0),\n"
  "  name        TEXT,\n"
  "  description TEXT\n"
  ");\n"
  "CREATE TABLE participants (\n"
  "  option_id  TEXT NOT NULL REFERENCES options (id),\n"
  "  position   INTEGER NOT NULL CHECK (position >= 0),\n"
  "  borough_id TEXT NOT NULL REFERENCES boroughs (id),\n"
  "  from_year  INTEGER NOT NULL,\n"
  "  PRIMARY KEY (option_id, position),\n"
  "  UNIQUE (option_id, borough_id)\n"
  ") WITHOUT ROWID;\n"
  "CREATE TABLE savings_items (\n"
  "  id          INTEGER PRIMARY KEY NOT NULL,\n"
  "  option_id   TEXT NOT NULL REFERENCES options (id),\n"
  "  position    INTEGER NOT NULL CHECK (position >= 0),\n"
  "  label       TEXT,\n"
  "  service_id  TEXT NOT NULL REFERENCES services (id),\n"
  "  method      TEXT NOT NULL CHECK (method = 'amounts' OR method = 'rate'\n"
  "                                     OR method = 'posts'),\n"
  "  borough_id  TEXT REFERENCES boroughs (id),\n"
  "  share       TEXT NOT NULL CHECK (share = 'default' OR share = 'equal'\n"
  "                                    OR share = 'baseline' OR share = 'population'\n"
  "                                    OR share = 'savings' OR share = 'custom'),\n"
  "  has_rate    INTEGER NOT NULL CHECK (has_rate = 0 OR has_rate = 1),\n"
  "  rate        INTEGER NOT NULL,\n"
  "  model       TEXT,\n"
  "  start_year  INTEGER NOT NULL,\n"
  "  start_month INTEGER NOT NULL CHECK (start_month BETWEEN 0 AND 12),\n"
  "  UNIQUE (option_id, position)\n"
  ");\n"
  "CREATE TABLE savings_amounts (\n"
  "  item_id  INTEGER NOT NULL REFERENCES savings_items (id),\n"
  "  position INTEGER NOT NULL CHECK (position >= 0),\n"
  "  year     INTEGER NOT NULL,\n"
  "  amount   INTEGER NOT NULL,\n"
  "  PRIMARY KEY (item_id, position),\n"
  "  UNIQUE (item_id, year)\n"
  ") WITHOUT ROWID;\n"
  "CREATE TABLE posts (\n"
  "  item_id  INTEGER NOT NULL REFERENCES savings_items (id),\n"
  "  position INTEGER NOT NULL CHECK (position >= 0),\n"
  "  title    TEXT,\n"
  "  fte      INTEGER NOT NULL,\n"
  "  cost     INTEGER NOT NULL,\n"
  "  PRIMARY KEY (item_id, position)\n"
  ") WITHOUT ROWID;\n"
  "CREATE TABLE phasing (\n"
  "  item_id  INTEGER NOT NULL REFERENCES savings_items (id),\n"
  "  position INTEGER NOT NULL CHECK (position >= 0),\n"
  "  fraction INTEGER NOT NULL,\n"
  "  PRIMARY KEY (item_id, position)\n"
  ") WITHOUT ROWID;\n"
  "CREATE TABLE cost_items (\n"
  "  id         INTEGER PRIMARY KEY NOT NULL,\n"
  "  option_id  TEXT NOT NULL REFERENCES options (id),\n"
  "  position   INTEGER NOT NULL CHECK (position >= 0),\n"
  "  label      TEXT,\n"
  "  kind       TEXT NOT NULL CHECK (kind = 'redundancy' OR kind = 'pension_strain'\n"
  "                                  OR kind = 'project_management'\n"
  "                                  OR kind = 'ict_investment' OR kind = 'other'),\n"
  "  service_id TEXT REFERENCES services (id),\n"
  "  borough_id TEXT REFERENCES boroughs (id),\n"
  "  share      TEXT NOT NULL CHECK (share = 'default' OR share = 'equal'\n"
  "                                   OR share = 'baseline' OR share = 'population'\n"
  "                                   OR share = 'savings' OR share = 'custom'),\n"
  "  form       TEXT NOT NULL CHECK (form = 'amount' OR form = 'posts'\n"
  "                                  OR form = 'amounts'),\n"
  "  year       INTEGER NOT NULL,\n"
  "  amount     INTEGER NOT NULL,\n"
  "  posts      INTEGER NOT NULL,\n"
  "  unit_cost  INTEGER NOT NULL,\n"
  "  UNIQUE (option_id, position)\n"
  ");\n"
  "CREATE TABLE cost_amounts (\n"
  "  item_id  INTEGER NOT NULL REFERENCES cost_items (id),\n"
  "  position INTEGER NOT NULL CHECK (position >= 0),\n"
  "  year     INTEGER NOT NULL,\n"
  "  amount   INTEGER NOT NULL,\n"
  "  PRIMARY KEY (item_id, position),\n"
  "  UNIQUE (item_id, year)\n"
  ") WITHOUT ROWID;\n"
  /* Weights of CONSORT_SHARE_CUSTOM, for either kind of item. */
  "CREATE TABLE custom_shares (\n"
  "  savings_item_id INTEGER REFERENCES savings_items (id),\n"
  "  cost_item_id    INTEGER REFERENCES cost_items (id),\n"
  "  position        INTEGER NOT NULL CHECK (position >= 0),\n"
  "  borough_id      TEXT NOT NULL REFERENCES boroughs (id),\n"
  "  weight          INTEGER NOT NULL,\n"
  "  CHECK ((savings_item_id IS NULL) <> (cost_item_id IS NULL)),\n"
  "  UNIQUE (savings_item_id, position),\n"
  "  UNIQUE (cost_item_id, position)\n"
  ");\n"
  "CREATE TABLE feasibility (\n"
  "  option_id             TEXT NOT NULL REFERENCES options (id),\n"
  "  position              INTEGER NOT NULL CHECK (position >= 0),\n"
  "  service_id            TEXT NOT NULL REFERENCES services (id),\n"
  "  existing_arrangements INTEGER NOT NULL CHECK (existing_arrangements BETWEEN 0 AND 3),\n"
  "  market_maturity       INTEGER NOT NULL CHECK (market_maturity BETWEEN 0 AND 3),\n"
  "  delivery_capability   INTEGER NOT NULL CHECK (delivery_capability BETWEEN 0 AND 3),\n"
  "  legal_complexity      INTEGER NOT NULL CHECK (legal_complexity BETWEEN 0 AND 3),\n"
  "  PRIMARY KEY (option_id, position),\n"
  "  UNIQUE (option_id, service_id)\n"
  ") WITHOUT ROWID;\n";

/* Version 2: the author ("prepared by") and the borough whose view
 * reports take, notes on feasibility ratings, and a risk log per
 * option.  New columns come last, as ALTER TABLE puts them, so that a
 * migrated file and a new file have the same tables. */
static const char schema_v2[] =
  "CREATE TABLE appraisal (\n"
  "  singleton     INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),\n"
  "  title         TEXT,\n"
  "  description   TEXT,\n"
  "  first_year    INTEGER NOT NULL,\n"
  "  years         INTEGER NOT NULL CHECK (years >= 1),\n"
  "  currency      TEXT,\n"
  "  discount_rate INTEGER NOT NULL,\n"
  "  author        TEXT,\n"
  "  perspective   TEXT REFERENCES boroughs (id)\n"
  ");\n"
  "CREATE TABLE default_rates (\n"
  "  position     INTEGER PRIMARY KEY NOT NULL CHECK (position >= 0),\n"
  "  model        TEXT NOT NULL,\n"
  "  min_partners INTEGER NOT NULL,\n"
  "  rate         INTEGER NOT NULL\n"
  ");\n"
  "CREATE TABLE boroughs (\n"
  "  id         TEXT PRIMARY KEY NOT NULL,\n"
  "  position   INTEGER NOT NULL UNIQUE CHECK (position >= 0),\n"
  "  name       TEXT,\n"
  "  population INTEGER NOT NULL\n"
  ");\n"
  "CREATE TABLE services (\n"
  "  id       TEXT PRIMARY KEY NOT NULL,\n"
  "  position INTEGER NOT NULL UNIQUE CHECK (position >= 0),\n"
  "  name     TEXT\n"
  ");\n"
  "CREATE TABLE baselines (\n"
  "  service_id       TEXT NOT NULL REFERENCES services (id),\n"
  "  borough_id       TEXT NOT NULL REFERENCES boroughs (id),\n"
  "  position         INTEGER NOT NULL CHECK (position >= 0),\n"
  "  budget           INTEGER NOT NULL,\n"
  "  fte              INTEGER NOT NULL,\n"
  "  management_posts INTEGER NOT NULL,\n"
  "  overheads        INTEGER NOT NULL,\n"
  "  outsourced       INTEGER NOT NULL CHECK (outsourced = 0 OR outsourced = 1),\n"
  "  PRIMARY KEY (service_id, borough_id),\n"
  "  UNIQUE (service_id, position)\n"
  ") WITHOUT ROWID;\n"
  "CREATE TABLE options (\n"
  "  id          TEXT PRIMARY KEY NOT NULL,\n"
  "  position    INTEGER NOT NULL UNIQUE CHECK (position >= 0),\n"
  "  name        TEXT,\n"
  "  description TEXT\n"
  ");\n"
  "CREATE TABLE participants (\n"
  "  option_id  TEXT NOT NULL REFERENCES options (id),\n"
  "  position   INTEGER NOT NULL CHECK (position >= 0),\n"
  "  borough_id TEXT NOT NULL REFERENCES boroughs (id),\n"
  "  from_year  INTEGER NOT NULL,\n"
  "  PRIMARY KEY (option_id, position),\n"
  "  UNIQUE (option_id, borough_id)\n"
  ") WITHOUT ROWID;\n"
  "CREATE TABLE savings_items (\n"
  "  id          INTEGER PRIMARY KEY NOT NULL,\n"
  "  option_id   TEXT NOT NULL REFERENCES options (id),\n"
  "  position    INTEGER NOT NULL CHECK (position >= 0),\n"
  "  label       TEXT,\n"
  "  service_id  TEXT NOT NULL REFERENCES services (id),\n"
  "  method      TEXT NOT NULL CHECK (method = 'amounts' OR method = 'rate'\n"
  "                                     OR method = 'posts'),\n"
  "  borough_id  TEXT REFERENCES boroughs (id),\n"
  "  share       TEXT NOT NULL CHECK (share = 'default' OR share = 'equal'\n"
  "                                    OR share = 'baseline' OR share = 'population'\n"
  "                                    OR share = 'savings' OR share = 'custom'),\n"
  "  has_rate    INTEGER NOT NULL CHECK (has_rate = 0 OR has_rate = 1),\n"
  "  rate        INTEGER NOT NULL,\n"
  "  model       TEXT,\n"
  "  start_year  INTEGER NOT NULL,\n"
  "  start_month INTEGER NOT NULL CHECK (start_month BETWEEN 0 AND 12),\n"
  "  UNIQUE (option_id, position)\n"
  ");\n"
  "CREATE TABLE savings_amounts (\n"
  "  item_id  INTEGER NOT NULL REFERENCES savings_items (id),\n"
  "  position INTEGER NOT NULL CHECK (position >= 0),\n"
  "  year     INTEGER NOT NULL,\n"
  "  amount   INTEGER NOT NULL,\n"
  "  PRIMARY KEY (item_id, position),\n"
  "  UNIQUE (item_id, year)\n"
  ") WITHOUT ROWID;\n"
  "CREATE TABLE posts (\n"
  "  item_id  INTEGER NOT NULL REFERENCES savings_items (id),\n"
  "  position INTEGER NOT NULL CHECK (position >= 0),\n"
  "  title    TEXT,\n"
  "  fte      INTEGER NOT NULL,\n"
  "  cost     INTEGER NOT NULL,\n"
  "  PRIMARY KEY (item_id, position)\n"
  ") WITHOUT ROWID;\n"
  "CREATE TABLE phasing (\n"
  "  item_id  INTEGER NOT NULL REFERENCES savings_items (id),\n"
  "  position INTEGER NOT NULL CHECK (position >= 0),\n"
  "  fraction INTEGER NOT NULL,\n"
  "  PRIMARY KEY (item_id, position)\n"
  ") WITHOUT ROWID;\n"
  "CREATE TABLE cost_items (\n"
  "  id         INTEGER PRIMARY KEY NOT NULL,\n"
  "  option_id  TEXT NOT NULL REFERENCES options (id),\n"
  "  position   INTEGER NOT NULL CHECK (position >= 0),\n"
  "  label      TEXT,\n"
  "  kind       TEXT NOT NULL CHECK (kind = 'redundancy' OR kind = 'pension_strain'\n"
  "                                  OR kind = 'project_management'\n"
  "                                  OR kind = 'ict_investment' OR kind = 'other'),\n"
  "  service_id TEXT REFERENCES services (id),\n"
  "  borough_id TEXT REFERENCES boroughs (id),\n"
  "  share      TEXT NOT NULL CHECK (share = 'default' OR share = 'equal'\n"
  "                                   OR share = 'baseline' OR share = 'population'\n"
  "                                   OR share = 'savings' OR share = 'custom'),\n"
  "  form       TEXT NOT NULL CHECK (form = 'amount' OR form = 'posts'\n"
  "                                  OR form = 'amounts'),\n"
  "  year       INTEGER NOT NULL,\n"
  "  amount     INTEGER NOT NULL,\n"
  "  posts      INTEGER NOT NULL,\n"
  "  unit_cost  INTEGER NOT NULL,\n"
  "  UNIQUE (option_id, position)\n"
  ");\n"
  "CREATE TABLE cost_amounts (\n"
  "  item_id  INTEGER NOT NULL REFERENCES cost_items (id),\n"
  "  position INTEGER NOT NULL CHECK (position >= 0),\n"
  "  year     INTEGER NOT NULL,\n"
  "  amount   INTEGER NOT NULL,\n"
  "  PRIMARY KEY (item_id, position),\n"
  "  UNIQUE (item_id, year)\n"
  ") WITHOUT ROWID;\n"
  "CREATE TABLE custom_shares (\n"
  "  savings_item_id INTEGER REFERENCES savings_items (id),\n"
  "  cost_item_id    INTEGER REFERENCES cost_items (id),\n"
  "  position        INTEGER NOT NULL CHECK (position >= 0),\n"
  "  borough_id      TEXT NOT NULL REFERENCES boroughs (id),\n"
  "  weight          INTEGER NOT NULL,\n"
  "  CHECK ((savings_item_id IS NULL) <> (cost_item_id IS NULL)),\n"
  "  UNIQUE (savings_item_id, position),\n"
  "  UNIQUE (cost_item_id, position)\n"
  ");\n"
  "CREATE TABLE feasibility (\n"
  "  option_id             TEXT NOT NULL REFERENCES options (id),\n"
  "  position              INTEGER NOT NULL CHECK (position >= 0),\n"
  "  service_id            TEXT NOT NULL REFERENCES services (id),\n"
  "  existing_arrangements INTEGER NOT NULL CHECK (existing_arrangements BETWEEN 0 AND 3),\n"
  "  market_maturity       INTEGER NOT NULL CHECK (market_maturity BETWEEN 0 AND 3),\n"
  "  delivery_capability   INTEGER NOT NULL CHECK (delivery_capability BETWEEN 0 AND 3),\n"
  "  legal_complexity      INTEGER NOT NULL CHECK (legal_complexity BETWEEN 0 AND 3),\n"
  "  note                  TEXT,\n"
  "  PRIMARY KEY (option_id, position),\n"
  "  UNIQUE (option_id, service_id)\n"
  ") WITHOUT ROWID;\n"
  "CREATE TABLE risks (\n"
  "  option_id  TEXT NOT NULL REFERENCES options (id),\n"
  "  position   INTEGER NOT NULL CHECK (position >= 0),\n"
  "  risk_class TEXT,\n"
  "  issue      TEXT,\n"
  "  mitigation TEXT,\n"
  "  likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 0 AND 3),\n"
  "  impact     INTEGER NOT NULL CHECK (impact BETWEEN 0 AND 3),\n"
  "  PRIMARY KEY (option_id, position)\n"
  ") WITHOUT ROWID;\n";

static const char *const schema_ddl[] = {
  NULL,
  schema_v1,
  schema_v2,
};

G_STATIC_ASSERT (G_N_ELEMENTS (schema_ddl) == CONSORT_SCHEMA_VERSION + 1);

/* migrations[i] turns a file of version i + CONSORT_SCHEMA_OLDEST into
 * one of the next version.  Steps that rebuild a table may do so freely:
 * they run with foreign keys off and the whole database is checked
 * before the transaction commits. */
static const char *const migrations[] = {
  /* 1 -> 2 */
  "ALTER TABLE appraisal ADD COLUMN author TEXT;\n"
  "ALTER TABLE appraisal ADD COLUMN perspective TEXT REFERENCES boroughs (id);\n"
  "ALTER TABLE feasibility ADD COLUMN note TEXT;\n"
  "CREATE TABLE risks (\n"
  "  option_id  TEXT NOT NULL REFERENCES options (id),\n"
  "  position   INTEGER NOT NULL CHECK (position >= 0),\n"
  "  risk_class TEXT,\n"
  "  issue      TEXT,\n"
  "  mitigation TEXT,\n"
  "  likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 0 AND 3),\n"
  "  impact     INTEGER NOT NULL CHECK (impact BETWEEN 0 AND 3),\n"
  "  PRIMARY KEY (option_id, position)\n"
  ") WITHOUT ROWID;\n",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CONSORT_SCHEMA_VERSION - CONSORT_SCHEMA_OLDEST);

const char *
consort_schema_ddl (int version)
{
  if (version < CONSORT_SCHEMA_OLDEST || version > CONSORT_SCHEMA_VERSION)
    return NULL;
  return schema_ddl[version];
}

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      const char  *what,
      GError     **error)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_IO,
                   "%s: %s", what, msg ? msg : sqlite3_errmsg (db));
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

gboolean
consort_schema_create (sqlite3  *db,
                       GError  **error)
{
  g_autofree char *stamp = NULL;

  if (!exec (db, schema_ddl[CONSORT_SCHEMA_VERSION], "Cannot create the tables", error))
    return FALSE;
  stamp = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                           CONSORT_APPLICATION_ID, CONSORT_SCHEMA_VERSION);
  return exec (db, stamp, "Cannot stamp the file", error);
}

/* Rows of PRAGMA foreign_key_check: the first violation, described. */
static char *
first_foreign_key_violation (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  char *found = NULL;

  if (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL) != SQLITE_OK)
    return g_strdup (sqlite3_errmsg (db));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    found = g_strdup_printf ("a row of %s refers to a missing row of %s",
                             (const char *) sqlite3_column_text (stmt, 0),
                             (const char *) sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
  return found;
}

gboolean
consort_schema_migrate (sqlite3  *db,
                        int       from_version,
                        GError  **error)
{
  g_autofree char *violation = NULL;
  g_autofree char *stamp = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (from_version >= CONSORT_SCHEMA_OLDEST, FALSE);

  if (from_version >= CONSORT_SCHEMA_VERSION)
    return TRUE;

  /* The procedure SQLite documents for schema changes: foreign keys off
   * (it cannot change inside a transaction), change, check, commit. */
  if (!exec (db, "PRAGMA foreign_keys = OFF; BEGIN IMMEDIATE;",
             "Cannot start migrating", error))
    goto restore;

  for (int v = from_version; v < CONSORT_SCHEMA_VERSION; v++)
    {
      g_autofree char *what = g_strdup_printf ("Cannot migrate from file format %d to %d",
                                               v, v + 1);
      if (!exec (db, migrations[v - CONSORT_SCHEMA_OLDEST], what, &local_error))
        goto rollback;
    }

  violation = first_foreign_key_violation (db);
  if (violation != NULL)
    {
      g_set_error (&local_error, CONSORT_ERROR, CONSORT_ERROR_DAMAGED,
                   "Cannot migrate: %s", violation);
      goto rollback;
    }

  stamp = g_strdup_printf ("PRAGMA user_version = %d;", CONSORT_SCHEMA_VERSION);
  if (!exec (db, stamp, "Cannot stamp the migrated file", &local_error)
      || !exec (db, "COMMIT;", "Cannot commit the migration", &local_error))
    goto rollback;

  return exec (db, "PRAGMA foreign_keys = ON;", "Cannot enable foreign keys", error);

rollback:
  sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
  g_propagate_error (error, local_error);
restore:
  sqlite3_exec (db, "PRAGMA foreign_keys = ON;", NULL, NULL, NULL);
  return FALSE;
}
