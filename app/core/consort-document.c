/* consort-document.c: an appraisal stored in one SQLite file.
 *
 * The file is only ever inspected through a read-only connection until
 * it is known to be a Consort appraisal of a version this Consort reads,
 * undamaged and valid; only then, and only if it may be written, is a
 * read-write connection opened (and an earlier schema migrated).  Every
 * change rewrites the whole appraisal inside one BEGIN IMMEDIATE ...
 * COMMIT with cached prepared statements; new files and copies are
 * written to a temporary file beside the target and renamed into place.
 * docs/file-format.md describes the format and these guarantees.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE  /* renameat2 */
#endif
#include "config.h"

#include "consort-document.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "consort-error.h"
#include "consort-schema.h"

#define UNDO_DEPTH 200
#define BUSY_TIMEOUT_MS 5000

typedef enum {
  STMT_APPRAISAL,
  STMT_DEFAULT_RATE,
  STMT_BOROUGH,
  STMT_SERVICE,
  STMT_BASELINE,
  STMT_OPTION,
  STMT_PARTICIPANT,
  STMT_SAVINGS,
  STMT_SAVINGS_AMOUNT,
  STMT_POST,
  STMT_PHASING,
  STMT_COST,
  STMT_COST_AMOUNT,
  STMT_SHARE,
  STMT_FEASIBILITY,
  STMT_RISK,
  /* For saving only what changed. */
  STMT_UPDATE_BOROUGH,
  STMT_UPDATE_SERVICE,
  STMT_DELETE_BASELINES,
  STMT_UPDATE_OPTION,
  STMT_DELETE_OPTION_FIRST,
  STMT_DELETE_OPTION_LAST = STMT_DELETE_OPTION_FIRST + 10,
  N_STMTS
} StmtId;

static const char *const stmt_sql[N_STMTS] = {
  [STMT_APPRAISAL] =
    "INSERT INTO appraisal (singleton, title, description, first_year, years,"
    " currency, discount_rate, author, perspective) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)",
  [STMT_DEFAULT_RATE] =
    "INSERT INTO default_rates (position, model, min_partners, rate) VALUES (?, ?, ?, ?)",
  [STMT_BOROUGH] =
    "INSERT INTO boroughs (id, position, name, population) VALUES (?, ?, ?, ?)",
  [STMT_SERVICE] =
    "INSERT INTO services (id, position, name) VALUES (?, ?, ?)",
  [STMT_BASELINE] =
    "INSERT INTO baselines (service_id, borough_id, position, budget, fte,"
    " management_posts, overheads, outsourced) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  [STMT_OPTION] =
    "INSERT INTO options (id, position, name, description) VALUES (?, ?, ?, ?)",
  [STMT_PARTICIPANT] =
    "INSERT INTO participants (option_id, position, borough_id, from_year) VALUES (?, ?, ?, ?)",
  [STMT_SAVINGS] =
    "INSERT INTO savings_items (id, option_id, position, label, service_id, method,"
    " borough_id, share, has_rate, rate, model, start_year, start_month)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [STMT_SAVINGS_AMOUNT] =
    "INSERT INTO savings_amounts (item_id, position, year, amount) VALUES (?, ?, ?, ?)",
  [STMT_POST] =
    "INSERT INTO posts (item_id, position, title, fte, cost) VALUES (?, ?, ?, ?, ?)",
  [STMT_PHASING] =
    "INSERT INTO phasing (item_id, position, fraction) VALUES (?, ?, ?)",
  [STMT_COST] =
    "INSERT INTO cost_items (id, option_id, position, label, kind, service_id,"
    " borough_id, share, form, year, amount, posts, unit_cost)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [STMT_COST_AMOUNT] =
    "INSERT INTO cost_amounts (item_id, position, year, amount) VALUES (?, ?, ?, ?)",
  [STMT_SHARE] =
    "INSERT INTO custom_shares (savings_item_id, cost_item_id, position, borough_id, weight)"
    " VALUES (?, ?, ?, ?, ?)",
  [STMT_FEASIBILITY] =
    "INSERT INTO feasibility (option_id, position, service_id, existing_arrangements,"
    " market_maturity, delivery_capability, legal_complexity, note)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  [STMT_RISK] =
    "INSERT INTO risks (option_id, position, risk_class, issue, mitigation, likelihood, impact)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)",
  [STMT_UPDATE_BOROUGH] =
    "UPDATE boroughs SET name = ?2, population = ?3 WHERE id = ?1",
  [STMT_UPDATE_SERVICE] =
    "UPDATE services SET name = ?2 WHERE id = ?1",
  [STMT_DELETE_BASELINES] =
    "DELETE FROM baselines WHERE service_id = ?1",
  [STMT_UPDATE_OPTION] =
    "UPDATE options SET name = ?2, description = ?3 WHERE id = ?1",
  /* Everything of one option but its own row, children first. */
  [STMT_DELETE_OPTION_FIRST] =
    "DELETE FROM custom_shares WHERE savings_item_id IN"
    " (SELECT id FROM savings_items WHERE option_id = ?1)",
  [STMT_DELETE_OPTION_FIRST + 1] =
    "DELETE FROM custom_shares WHERE cost_item_id IN"
    " (SELECT id FROM cost_items WHERE option_id = ?1)",
  [STMT_DELETE_OPTION_FIRST + 2] =
    "DELETE FROM savings_amounts WHERE item_id IN"
    " (SELECT id FROM savings_items WHERE option_id = ?1)",
  [STMT_DELETE_OPTION_FIRST + 3] =
    "DELETE FROM posts WHERE item_id IN (SELECT id FROM savings_items WHERE option_id = ?1)",
  [STMT_DELETE_OPTION_FIRST + 4] =
    "DELETE FROM phasing WHERE item_id IN (SELECT id FROM savings_items WHERE option_id = ?1)",
  [STMT_DELETE_OPTION_FIRST + 5] =
    "DELETE FROM cost_amounts WHERE item_id IN (SELECT id FROM cost_items WHERE option_id = ?1)",
  [STMT_DELETE_OPTION_FIRST + 6] =
    "DELETE FROM savings_items WHERE option_id = ?1",
  [STMT_DELETE_OPTION_FIRST + 7] =
    "DELETE FROM cost_items WHERE option_id = ?1",
  [STMT_DELETE_OPTION_FIRST + 8] =
    "DELETE FROM participants WHERE option_id = ?1",
  [STMT_DELETE_OPTION_FIRST + 9] =
    "DELETE FROM feasibility WHERE option_id = ?1",
  [STMT_DELETE_OPTION_LAST] =
    "DELETE FROM risks WHERE option_id = ?1",
};

/* Children before parents, so that no foreign key is ever broken. */
#define DELETE_OPTIONS_SQL \
  "DELETE FROM custom_shares;" \
  "DELETE FROM savings_amounts;" \
  "DELETE FROM posts;" \
  "DELETE FROM phasing;" \
  "DELETE FROM cost_amounts;" \
  "DELETE FROM savings_items;" \
  "DELETE FROM cost_items;" \
  "DELETE FROM participants;" \
  "DELETE FROM feasibility;" \
  "DELETE FROM risks;" \
  "DELETE FROM options;"

static const char delete_options_sql[] = DELETE_OPTIONS_SQL;

static const char delete_all_sql[] =
  DELETE_OPTIONS_SQL
  "DELETE FROM baselines;"
  "DELETE FROM appraisal;"
  "DELETE FROM default_rates;"
  "DELETE FROM services;"
  "DELETE FROM boroughs;";

/* The file's own slugs: kept here, apart from the interchange format's,
 * so that the file format cannot change by accident.  Indexed by the
 * enum values of consort-appraisal.h. */
static const char *const share_slugs[] = {
  "default", "equal", "baseline", "population", "savings", "custom",
};
static const char *const method_slugs[] = { "amounts", "rate", "posts" };
static const char *const cost_kind_slugs[] = {
  "redundancy", "pension_strain", "project_management", "ict_investment", "other",
};
static const char *const cost_form_slugs[] = { "amount", "posts", "amounts" };

G_STATIC_ASSERT (STMT_DELETE_OPTION_LAST + 1 == N_STMTS);
G_STATIC_ASSERT (G_N_ELEMENTS (share_slugs) == CONSORT_SHARE_CUSTOM + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (method_slugs) == CONSORT_METHOD_POSTS + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (cost_kind_slugs) == CONSORT_N_COST_KINDS);
G_STATIC_ASSERT (G_N_ELEMENTS (cost_form_slugs) == CONSORT_COST_FORM_AMOUNTS + 1);

typedef struct {
  char             *label;
  ConsortAppraisal *state;
} Snapshot;

struct _ConsortDocument
{
  GObject           parent_instance;

  char             *path;
  sqlite3          *db;                /* NULL when read-only or closed */
  sqlite3_stmt     *stmts[N_STMTS];    /* prepared on first use */
  ConsortAppraisal *current;
  ConsortResults   *results;           /* cache for current, or NULL */
  GPtrArray        *undo;              /* Snapshot*, the newest last */
  GPtrArray        *redo;              /* Snapshot*, the next redo last */
  int               data_version;      /* PRAGMA data_version after our last write */
  gboolean          read_only;
  char             *read_only_reason;
  gboolean          closed;
};

G_DEFINE_FINAL_TYPE (ConsortDocument, consort_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_READ_ONLY,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
snapshot_free (gpointer data)
{
  Snapshot *snap = data;

  g_free (snap->label);
  consort_appraisal_unref (snap->state);
  g_free (snap);
}

static Snapshot *
snapshot_new (const char       *label,
              ConsortAppraisal *state)  /* transfer full */
{
  Snapshot *snap = g_new0 (Snapshot, 1);

  snap->label = g_strdup (label ? label : "");
  snap->state = state;
  return snap;
}

/* ---- small SQLite helpers ------------------------------------------- */

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      g_set_error_literal (error, CONSORT_ERROR, CONSORT_ERROR_IO,
                           msg ? msg : sqlite3_errmsg (db));
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

static void
finalize_stmts (sqlite3_stmt **stmts)
{
  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&stmts[i], sqlite3_finalize);
}

static sqlite3_stmt *
get_stmt (sqlite3       *db,
          sqlite3_stmt **cache,
          StmtId         id,
          GError       **error)
{
  if (cache[id] == NULL
      && sqlite3_prepare_v3 (db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                             &cache[id], NULL) != SQLITE_OK)
    {
      g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_IO, "%s", sqlite3_errmsg (db));
      return NULL;
    }
  return cache[id];
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

static void
bind_slug (sqlite3_stmt      *stmt,
           int                index,
           const char *const *slugs,
           guint              n_slugs,
           int                value)
{
  /* Out-of-range values bind NULL, which every NOT NULL CHECK rejects. */
  if (value < 0 || (guint) value >= n_slugs)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, slugs[value], -1, SQLITE_STATIC);
}

static int
slug_index (const char *const *slugs,
            guint              n_slugs,
            const char        *text)
{
  if (text == NULL)
    return -1;
  for (guint i = 0; i < n_slugs; i++)
    if (strcmp (slugs[i], text) == 0)
      return (int) i;
  return -1;
}

/* Steps an INSERT and makes the statement ready for the next row. */
static gboolean
step_insert (sqlite3       *db,
             sqlite3_stmt  *stmt,
             const char    *place,
             GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_IO,
                   "%s: %s", place, sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

/* ---- writing --------------------------------------------------------- */

typedef struct {
  sqlite3       *db;
  sqlite3_stmt **cache;
  gint64         next_savings_id;
  gint64         next_cost_id;
} Writer;

#define PREPARE(w, id, stmt) \
  G_STMT_START { \
    stmt = get_stmt ((w)->db, (w)->cache, (id), error); \
    if (stmt == NULL) \
      return FALSE; \
  } G_STMT_END

static gboolean
write_year_amounts (Writer       *w,
                    StmtId        id,
                    gint64        item_id,
                    const GArray *amounts,
                    const char   *place,
                    GError      **error)
{
  sqlite3_stmt *stmt;

  if (amounts == NULL)
    return TRUE;
  PREPARE (w, id, stmt);
  for (guint i = 0; i < amounts->len; i++)
    {
      const ConsortYearAmount *ya = &g_array_index (amounts, ConsortYearAmount, i);

      sqlite3_bind_int64 (stmt, 1, item_id);
      sqlite3_bind_int (stmt, 2, (int) i);
      sqlite3_bind_int (stmt, 3, ya->year);
      sqlite3_bind_int64 (stmt, 4, ya->amount);
      if (!step_insert (w->db, stmt, place, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_custom_shares (Writer                   *w,
                     gboolean                  for_cost,
                     gint64                    item_id,
                     const ConsortAttribution *owner,
                     const char               *place,
                     GError                  **error)
{
  sqlite3_stmt *stmt;

  if (owner->custom_shares == NULL || owner->custom_shares->len == 0)
    return TRUE;
  PREPARE (w, STMT_SHARE, stmt);
  for (guint i = 0; i < owner->custom_shares->len; i++)
    {
      const ConsortShareWeight *sw = &g_array_index (owner->custom_shares, ConsortShareWeight, i);

      sqlite3_bind_int64 (stmt, for_cost ? 2 : 1, item_id);
      sqlite3_bind_null (stmt, for_cost ? 1 : 2);
      sqlite3_bind_int (stmt, 3, (int) i);
      bind_text (stmt, 4, sw->borough_id);
      sqlite3_bind_int64 (stmt, 5, sw->weight);
      if (!step_insert (w->db, stmt, place, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_savings_item (Writer                   *w,
                    const char               *option_id,
                    guint                     position,
                    const ConsortSavingsItem *item,
                    const char               *place,
                    GError                  **error)
{
  sqlite3_stmt *stmt;
  gint64 id = w->next_savings_id++;

  PREPARE (w, STMT_SAVINGS, stmt);
  sqlite3_bind_int64 (stmt, 1, id);
  bind_text (stmt, 2, option_id);
  sqlite3_bind_int (stmt, 3, (int) position);
  bind_text (stmt, 4, item->label);
  bind_text (stmt, 5, item->service_id);
  bind_slug (stmt, 6, method_slugs, G_N_ELEMENTS (method_slugs), item->method);
  bind_text (stmt, 7, item->owner.borough_id);
  bind_slug (stmt, 8, share_slugs, G_N_ELEMENTS (share_slugs), item->owner.share);
  sqlite3_bind_int (stmt, 9, item->has_rate ? 1 : 0);
  sqlite3_bind_int64 (stmt, 10, item->rate);
  bind_text (stmt, 11, item->model);
  sqlite3_bind_int (stmt, 12, item->start_year);
  sqlite3_bind_int (stmt, 13, item->start_month);
  if (!step_insert (w->db, stmt, place, error))
    return FALSE;

  if (!write_year_amounts (w, STMT_SAVINGS_AMOUNT, id, item->amounts, place, error))
    return FALSE;

  if (item->posts != NULL && item->posts->len > 0)
    {
      PREPARE (w, STMT_POST, stmt);
      for (guint i = 0; i < item->posts->len; i++)
        {
          const ConsortPost *post = g_ptr_array_index (item->posts, i);

          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_int (stmt, 2, (int) i);
          bind_text (stmt, 3, post->title);
          sqlite3_bind_int64 (stmt, 4, post->fte);
          sqlite3_bind_int64 (stmt, 5, post->cost);
          if (!step_insert (w->db, stmt, place, error))
            return FALSE;
        }
    }

  if (item->phasing != NULL && item->phasing->len > 0)
    {
      PREPARE (w, STMT_PHASING, stmt);
      for (guint i = 0; i < item->phasing->len; i++)
        {
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_int (stmt, 2, (int) i);
          sqlite3_bind_int64 (stmt, 3, g_array_index (item->phasing, ConsortMicros, i));
          if (!step_insert (w->db, stmt, place, error))
            return FALSE;
        }
    }

  return write_custom_shares (w, FALSE, id, &item->owner, place, error);
}

static gboolean
write_cost_item (Writer                *w,
                 const char            *option_id,
                 guint                  position,
                 const ConsortCostItem *item,
                 const char            *place,
                 GError               **error)
{
  sqlite3_stmt *stmt;
  gint64 id = w->next_cost_id++;

  PREPARE (w, STMT_COST, stmt);
  sqlite3_bind_int64 (stmt, 1, id);
  bind_text (stmt, 2, option_id);
  sqlite3_bind_int (stmt, 3, (int) position);
  bind_text (stmt, 4, item->label);
  bind_slug (stmt, 5, cost_kind_slugs, G_N_ELEMENTS (cost_kind_slugs), item->kind);
  bind_text (stmt, 6, item->service_id);
  bind_text (stmt, 7, item->owner.borough_id);
  bind_slug (stmt, 8, share_slugs, G_N_ELEMENTS (share_slugs), item->owner.share);
  bind_slug (stmt, 9, cost_form_slugs, G_N_ELEMENTS (cost_form_slugs), item->form);
  sqlite3_bind_int (stmt, 10, item->year);
  sqlite3_bind_int64 (stmt, 11, item->amount);
  sqlite3_bind_int64 (stmt, 12, item->posts);
  sqlite3_bind_int64 (stmt, 13, item->unit_cost);
  if (!step_insert (w->db, stmt, place, error))
    return FALSE;

  if (!write_year_amounts (w, STMT_COST_AMOUNT, id, item->amounts, place, error))
    return FALSE;

  return write_custom_shares (w, TRUE, id, &item->owner, place, error);
}

/* Everything of @option but its own row. */
static gboolean
write_option_contents (Writer              *w,
                       guint                position,
                       const ConsortOption *option,
                       GError             **error)
{
  g_autofree char *place = g_strdup_printf ("options[%u]", position);
  sqlite3_stmt *stmt;

  PREPARE (w, STMT_PARTICIPANT, stmt);
  for (guint i = 0; option->participants != NULL && i < option->participants->len; i++)
    {
      const ConsortParticipant *p = g_ptr_array_index (option->participants, i);

      bind_text (stmt, 1, option->id);
      sqlite3_bind_int (stmt, 2, (int) i);
      bind_text (stmt, 3, p->borough_id);
      sqlite3_bind_int (stmt, 4, p->from_year);
      if (!step_insert (w->db, stmt, place, error))
        return FALSE;
    }

  for (guint i = 0; option->savings != NULL && i < option->savings->len; i++)
    {
      g_autofree char *item_place = g_strdup_printf ("%s.savings[%u]", place, i);

      if (!write_savings_item (w, option->id, i, g_ptr_array_index (option->savings, i),
                               item_place, error))
        return FALSE;
    }

  for (guint i = 0; option->costs != NULL && i < option->costs->len; i++)
    {
      g_autofree char *item_place = g_strdup_printf ("%s.costs[%u]", place, i);

      if (!write_cost_item (w, option->id, i, g_ptr_array_index (option->costs, i),
                            item_place, error))
        return FALSE;
    }

  PREPARE (w, STMT_FEASIBILITY, stmt);
  for (guint i = 0; option->feasibility != NULL && i < option->feasibility->len; i++)
    {
      const ConsortFeasibility *f = g_ptr_array_index (option->feasibility, i);

      bind_text (stmt, 1, option->id);
      sqlite3_bind_int (stmt, 2, (int) i);
      bind_text (stmt, 3, f->service_id);
      for (int c = 0; c < CONSORT_N_CRITERIA; c++)
        sqlite3_bind_int (stmt, 4 + c, (int) f->ratings[c]);
      bind_text (stmt, 8, f->note);
      if (!step_insert (w->db, stmt, place, error))
        return FALSE;
    }

  PREPARE (w, STMT_RISK, stmt);
  for (guint i = 0; option->risks != NULL && i < option->risks->len; i++)
    {
      const ConsortRisk *r = g_ptr_array_index (option->risks, i);

      bind_text (stmt, 1, option->id);
      sqlite3_bind_int (stmt, 2, (int) i);
      bind_text (stmt, 3, r->risk_class);
      bind_text (stmt, 4, r->issue);
      bind_text (stmt, 5, r->mitigation);
      sqlite3_bind_int (stmt, 6, (int) r->likelihood);
      sqlite3_bind_int (stmt, 7, (int) r->impact);
      if (!step_insert (w->db, stmt, place, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_option (Writer              *w,
              guint                position,
              const ConsortOption *option,
              GError             **error)
{
  g_autofree char *place = g_strdup_printf ("options[%u]", position);
  sqlite3_stmt *stmt;

  PREPARE (w, STMT_OPTION, stmt);
  bind_text (stmt, 1, option->id);
  sqlite3_bind_int (stmt, 2, (int) position);
  bind_text (stmt, 3, option->name);
  bind_text (stmt, 4, option->description);
  if (!step_insert (w->db, stmt, place, error))
    return FALSE;
  return write_option_contents (w, position, option, error);
}

/* Replaces the option's contents, keeping its row (and position). */
static gboolean
rewrite_option (Writer              *w,
                guint                position,
                const ConsortOption *option,
                GError             **error)
{
  g_autofree char *place = g_strdup_printf ("options[%u]", position);
  sqlite3_stmt *stmt;

  for (int id = STMT_DELETE_OPTION_FIRST; id <= STMT_DELETE_OPTION_LAST; id++)
    {
      PREPARE (w, id, stmt);
      bind_text (stmt, 1, option->id);
      if (!step_insert (w->db, stmt, place, error))
        return FALSE;
    }
  PREPARE (w, STMT_UPDATE_OPTION, stmt);
  bind_text (stmt, 1, option->id);
  bind_text (stmt, 2, option->name);
  bind_text (stmt, 3, option->description);
  if (!step_insert (w->db, stmt, place, error))
    return FALSE;
  return write_option_contents (w, position, option, error);
}

static gboolean
write_baselines (Writer               *w,
                 guint                 position,
                 const ConsortService *s,
                 GError              **error)
{
  g_autofree char *place = g_strdup_printf ("services[%u]", position);
  sqlite3_stmt *stmt;

  PREPARE (w, STMT_BASELINE, stmt);
  for (guint j = 0; s->baselines != NULL && j < s->baselines->len; j++)
    {
      const ConsortBaseline *bl = g_ptr_array_index (s->baselines, j);

      bind_text (stmt, 1, s->id);
      bind_text (stmt, 2, bl->borough_id);
      sqlite3_bind_int (stmt, 3, (int) j);
      sqlite3_bind_int64 (stmt, 4, bl->budget);
      sqlite3_bind_int64 (stmt, 5, bl->fte);
      sqlite3_bind_int64 (stmt, 6, bl->management_posts);
      sqlite3_bind_int64 (stmt, 7, bl->overheads);
      sqlite3_bind_int (stmt, 8, bl->outsourced ? 1 : 0);
      if (!step_insert (w->db, stmt, place, error))
        return FALSE;
    }
  return TRUE;
}

/* The appraisal row and the default rates: a handful of rows, always
 * rewritten. */
static gboolean
write_settings (Writer                 *w,
                const ConsortAppraisal *a,
                GError                **error)
{
  sqlite3_stmt *stmt;

  if (!exec_sql (w->db, "DELETE FROM appraisal; DELETE FROM default_rates;", error))
    return FALSE;

  PREPARE (w, STMT_DEFAULT_RATE, stmt);
  for (guint i = 0; i < a->default_rates->len; i++)
    {
      const ConsortDefaultRate *dr = g_ptr_array_index (a->default_rates, i);
      g_autofree char *place = g_strdup_printf ("default_rates[%u]", i);

      sqlite3_bind_int (stmt, 1, (int) i);
      bind_text (stmt, 2, dr->model);
      sqlite3_bind_int (stmt, 3, dr->min_partners);
      sqlite3_bind_int64 (stmt, 4, dr->rate);
      if (!step_insert (w->db, stmt, place, error))
        return FALSE;
    }

  /* After the boroughs: the perspective refers to one. */
  PREPARE (w, STMT_APPRAISAL, stmt);
  bind_text (stmt, 1, a->title);
  bind_text (stmt, 2, a->description);
  sqlite3_bind_int (stmt, 3, a->first_year);
  sqlite3_bind_int (stmt, 4, a->years);
  bind_text (stmt, 5, a->currency);
  sqlite3_bind_int64 (stmt, 6, a->discount_rate);
  bind_text (stmt, 7, a->author);
  bind_text (stmt, 8, a->perspective);
  return step_insert (w->db, stmt, "appraisal", error);
}

/* Replaces the whole contents of @db by @a. */
static gboolean
write_everything (Writer                 *w,
                  const ConsortAppraisal *a,
                  GError                **error)
{
  sqlite3_stmt *stmt;

  if (!exec_sql (w->db, delete_all_sql, error))
    return FALSE;

  PREPARE (w, STMT_BOROUGH, stmt);
  for (guint i = 0; i < a->boroughs->len; i++)
    {
      const ConsortBorough *b = g_ptr_array_index (a->boroughs, i);
      g_autofree char *place = g_strdup_printf ("boroughs[%u]", i);

      bind_text (stmt, 1, b->id);
      sqlite3_bind_int (stmt, 2, (int) i);
      bind_text (stmt, 3, b->name);
      sqlite3_bind_int64 (stmt, 4, b->population);
      if (!step_insert (w->db, stmt, place, error))
        return FALSE;
    }

  for (guint i = 0; i < a->services->len; i++)
    {
      const ConsortService *s = g_ptr_array_index (a->services, i);
      g_autofree char *place = g_strdup_printf ("services[%u]", i);

      PREPARE (w, STMT_SERVICE, stmt);
      bind_text (stmt, 1, s->id);
      sqlite3_bind_int (stmt, 2, (int) i);
      bind_text (stmt, 3, s->name);
      if (!step_insert (w->db, stmt, place, error))
        return FALSE;
      if (!write_baselines (w, i, s, error))
        return FALSE;
    }

  if (!write_settings (w, a, error))
    return FALSE;

  for (guint i = 0; i < a->options->len; i++)
    if (!write_option (w, i, g_ptr_array_index (a->options, i), error))
      return FALSE;

  return TRUE;
}

/* Two scratch appraisals alike in everything, to compare single
 * services or options with the model's own consort_appraisal_equal(). */
typedef struct {
  ConsortAppraisal *a;
  ConsortAppraisal *b;
} Scratch;

static gboolean
parts_equal (Scratch       *scratch,
             gsize          array_offset,
             gconstpointer  x,
             gconstpointer  y)
{
  GPtrArray *xa = G_STRUCT_MEMBER (GPtrArray *, scratch->a, array_offset);
  GPtrArray *ya = G_STRUCT_MEMBER (GPtrArray *, scratch->b, array_offset);
  gboolean equal;

  g_ptr_array_add (xa, (gpointer) x);
  g_ptr_array_add (ya, (gpointer) y);
  equal = consort_appraisal_equal (scratch->a, scratch->b);
  g_ptr_array_steal_index (xa, 0);
  g_ptr_array_steal_index (ya, 0);
  return equal;
}

static gboolean
same_ids (GPtrArray *a,
          GPtrArray *b)
{
  /* ConsortBorough, ConsortService and ConsortOption all start with the id. */
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_strcmp0 (*(char **) g_ptr_array_index (a, i), *(char **) g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

static gint64
next_id (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0) + 1;
  sqlite3_finalize (stmt);
  return id;
}

/* Writes only what differs between @old, which the file holds now, and
 * @a: the settings, changed boroughs, services whose baselines changed
 * and options that changed.  A change to the set or order of boroughs
 * or services rewrites everything. */
static gboolean
write_changes (Writer                 *w,
               const ConsortAppraisal *old,
               const ConsortAppraisal *a,
               GError                **error)
{
  Scratch scratch;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  if (!same_ids (old->boroughs, a->boroughs) || !same_ids (old->services, a->services))
    return write_everything (w, a, error);

  w->next_savings_id = next_id (w->db, "SELECT max(id) FROM savings_items");
  w->next_cost_id = next_id (w->db, "SELECT max(id) FROM cost_items");
  scratch.a = consort_appraisal_new ();
  scratch.b = consort_appraisal_copy (scratch.a);

  if (!write_settings (w, a, error))
    goto out;

  for (guint i = 0; i < a->boroughs->len; i++)
    {
      const ConsortBorough *ob = g_ptr_array_index (old->boroughs, i);
      const ConsortBorough *nb = g_ptr_array_index (a->boroughs, i);
      g_autofree char *place = NULL;

      if (g_strcmp0 (ob->name, nb->name) == 0 && ob->population == nb->population)
        continue;
      place = g_strdup_printf ("boroughs[%u]", i);
      stmt = get_stmt (w->db, w->cache, STMT_UPDATE_BOROUGH, error);
      if (stmt == NULL)
        goto out;
      bind_text (stmt, 1, nb->id);
      bind_text (stmt, 2, nb->name);
      sqlite3_bind_int64 (stmt, 3, nb->population);
      if (!step_insert (w->db, stmt, place, error))
        goto out;
    }

  for (guint i = 0; i < a->services->len; i++)
    {
      const ConsortService *os = g_ptr_array_index (old->services, i);
      const ConsortService *ns = g_ptr_array_index (a->services, i);
      g_autofree char *place = NULL;

      if (parts_equal (&scratch, G_STRUCT_OFFSET (ConsortAppraisal, services), os, ns))
        continue;
      place = g_strdup_printf ("services[%u]", i);
      stmt = get_stmt (w->db, w->cache, STMT_UPDATE_SERVICE, error);
      if (stmt == NULL)
        goto out;
      bind_text (stmt, 1, ns->id);
      bind_text (stmt, 2, ns->name);
      if (!step_insert (w->db, stmt, place, error))
        goto out;
      stmt = get_stmt (w->db, w->cache, STMT_DELETE_BASELINES, error);
      if (stmt == NULL)
        goto out;
      bind_text (stmt, 1, ns->id);
      if (!step_insert (w->db, stmt, place, error) || !write_baselines (w, i, ns, error))
        goto out;
    }

  if (same_ids (old->options, a->options))
    {
      for (guint i = 0; i < a->options->len; i++)
        {
          const ConsortOption *oo = g_ptr_array_index (old->options, i);
          const ConsortOption *no = g_ptr_array_index (a->options, i);

          if (!parts_equal (&scratch, G_STRUCT_OFFSET (ConsortAppraisal, options), oo, no)
              && !rewrite_option (w, i, no, error))
            goto out;
        }
    }
  else
    {
      /* Options added, removed or moved: rewrite them all. */
      if (!exec_sql (w->db, delete_options_sql, error))
        goto out;
      for (guint i = 0; i < a->options->len; i++)
        if (!write_option (w, i, g_ptr_array_index (a->options, i), error))
          goto out;
    }
  ok = TRUE;

out:
  consort_appraisal_unref (scratch.a);
  consort_appraisal_unref (scratch.b);
  return ok;
}

/* Makes the file hold @a.  With @old (what the file holds now) only the
 * differences are written.  The caller holds the transaction. */
static gboolean
write_appraisal (sqlite3                *db,
                 sqlite3_stmt          **cache,
                 const ConsortAppraisal *old,
                 const ConsortAppraisal *a,
                 GError                **error)
{
  Writer writer = { db, cache, 1, 1 };

  if (old != NULL)
    return write_changes (&writer, old, a, error);
  return write_everything (&writer, a, error);
}

/* ---- reading --------------------------------------------------------- */

typedef struct {
  ConsortAppraisal *a;
  GHashTable       *services;  /* id -> ConsortService* */
  GHashTable       *options;   /* id -> ConsortOption* */
  GHashTable       *savings;   /* gint64* -> ConsortSavingsItem* */
  GHashTable       *costs;     /* gint64* -> ConsortCostItem* */
  gboolean          found_appraisal;
} Reader;

typedef gboolean (*RowFunc) (Reader        *r,
                             sqlite3_stmt  *stmt,
                             GError       **error);

static char *
col_str (sqlite3_stmt *stmt,
         int           i)
{
  if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

static gboolean
damaged (GError    **error,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
damaged (GError    **error,
         const char *format,
         ...)
{
  va_list args;
  char *msg;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, CONSORT_ERROR, CONSORT_ERROR_DAMAGED, msg);
  g_free (msg);
  return FALSE;
}

static gboolean
for_each_row (sqlite3     *db,
              Reader      *r,
              const char  *sql,
              RowFunc      func,
              GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return damaged (error, "%s", sqlite3_errmsg (db));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!func (r, stmt, error))
      {
        ok = FALSE;
        break;
      }

  if (ok && rc != SQLITE_DONE)
    {
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_IO,
                     _("The file is in use by another program"));
      else
        damaged (error, "%s", sqlite3_errmsg (db));
      ok = FALSE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
read_appraisal_row (Reader        *r,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  ConsortAppraisal *a = r->a;

  if (r->found_appraisal)
    return damaged (error, "appraisal: more than one row");
  r->found_appraisal = TRUE;
  g_free (a->title);
  a->title = col_str (stmt, 0);
  g_free (a->description);
  a->description = col_str (stmt, 1);
  a->first_year = sqlite3_column_int (stmt, 2);
  a->years = sqlite3_column_int (stmt, 3);
  g_free (a->currency);
  a->currency = col_str (stmt, 4);
  a->discount_rate = sqlite3_column_int64 (stmt, 5);
  g_free (a->author);
  a->author = col_str (stmt, 6);
  g_free (a->perspective);
  a->perspective = col_str (stmt, 7);
  return TRUE;
}

static gboolean
read_default_rate (Reader        *r,
                   sqlite3_stmt  *stmt,
                   GError       **error)
{
  g_ptr_array_add (r->a->default_rates,
                   consort_default_rate_new ((const char *) sqlite3_column_text (stmt, 0),
                                             sqlite3_column_int (stmt, 1),
                                             sqlite3_column_int64 (stmt, 2)));
  return TRUE;
}

static gboolean
read_borough (Reader        *r,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  ConsortBorough *b = consort_borough_new ((const char *) sqlite3_column_text (stmt, 0),
                                           NULL, sqlite3_column_int64 (stmt, 2));

  b->name = col_str (stmt, 1);
  g_ptr_array_add (r->a->boroughs, b);
  return TRUE;
}

static gboolean
read_service (Reader        *r,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  ConsortService *s = consort_service_new ((const char *) sqlite3_column_text (stmt, 0), NULL);

  s->name = col_str (stmt, 1);
  g_ptr_array_add (r->a->services, s);
  g_hash_table_insert (r->services, s->id, s);
  return TRUE;
}

static gboolean
read_baseline (Reader        *r,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  const char *service_id = (const char *) sqlite3_column_text (stmt, 0);
  ConsortService *s = g_hash_table_lookup (r->services, service_id);
  ConsortBaseline *bl;

  if (s == NULL)
    return damaged (error, "baselines: no service “%s”", service_id);
  bl = consort_baseline_new ((const char *) sqlite3_column_text (stmt, 1));
  bl->budget = sqlite3_column_int64 (stmt, 2);
  bl->fte = sqlite3_column_int64 (stmt, 3);
  bl->management_posts = sqlite3_column_int64 (stmt, 4);
  bl->overheads = sqlite3_column_int64 (stmt, 5);
  bl->outsourced = sqlite3_column_int (stmt, 6) != 0;
  g_ptr_array_add (s->baselines, bl);
  return TRUE;
}

static gboolean
read_option (Reader        *r,
             sqlite3_stmt  *stmt,
             GError       **error)
{
  ConsortOption *o = consort_option_new ((const char *) sqlite3_column_text (stmt, 0), NULL);

  o->name = col_str (stmt, 1);
  o->description = col_str (stmt, 2);
  g_ptr_array_add (r->a->options, o);
  g_hash_table_insert (r->options, o->id, o);
  return TRUE;
}

static ConsortOption *
lookup_option (Reader        *r,
               sqlite3_stmt  *stmt,
               const char    *table,
               GError       **error)
{
  const char *option_id = (const char *) sqlite3_column_text (stmt, 0);
  ConsortOption *o = g_hash_table_lookup (r->options, option_id ? option_id : "");

  if (o == NULL)
    damaged (error, "%s: no option “%s”", table, option_id ? option_id : "");
  return o;
}

static gboolean
read_participant (Reader        *r,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  ConsortOption *o = lookup_option (r, stmt, "participants", error);

  if (o == NULL)
    return FALSE;
  g_ptr_array_add (o->participants,
                   consort_participant_new ((const char *) sqlite3_column_text (stmt, 1),
                                            sqlite3_column_int (stmt, 2)));
  return TRUE;
}

static GArray *
ensure_share_array (ConsortAttribution *owner)
{
  /* The model's constructors give an empty array; be safe if not. */
  if (owner->custom_shares == NULL)
    owner->custom_shares = g_array_new (FALSE, TRUE, sizeof (ConsortShareWeight));
  return owner->custom_shares;
}

static gboolean
read_savings_item (Reader        *r,
                   sqlite3_stmt  *stmt,
                   GError       **error)
{
  ConsortOption *o = lookup_option (r, stmt, "savings_items", error);
  ConsortSavingsItem *item;
  int method, share;

  if (o == NULL)
    return FALSE;
  method = slug_index (method_slugs, G_N_ELEMENTS (method_slugs),
                       (const char *) sqlite3_column_text (stmt, 5));
  share = slug_index (share_slugs, G_N_ELEMENTS (share_slugs),
                      (const char *) sqlite3_column_text (stmt, 7));
  if (method < 0 || share < 0)
    return damaged (error, "savings_items: unknown method or share rule");

  item = consort_savings_item_new ((const char *) sqlite3_column_text (stmt, 4), method);
  item->label = col_str (stmt, 3);
  item->owner.borough_id = col_str (stmt, 6);
  item->owner.share = share;
  item->has_rate = sqlite3_column_int (stmt, 8) != 0;
  item->rate = sqlite3_column_int64 (stmt, 9);
  item->model = col_str (stmt, 10);
  item->start_year = sqlite3_column_int (stmt, 11);
  item->start_month = sqlite3_column_int (stmt, 12);
  g_ptr_array_add (o->savings, item);
  g_hash_table_insert (r->savings, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 1) },
                                              sizeof (gint64)), item);
  return TRUE;
}

static gboolean
read_cost_item (Reader        *r,
                sqlite3_stmt  *stmt,
                GError       **error)
{
  ConsortOption *o = lookup_option (r, stmt, "cost_items", error);
  ConsortCostItem *item;
  int kind, share, form;

  if (o == NULL)
    return FALSE;
  kind = slug_index (cost_kind_slugs, G_N_ELEMENTS (cost_kind_slugs),
                     (const char *) sqlite3_column_text (stmt, 4));
  share = slug_index (share_slugs, G_N_ELEMENTS (share_slugs),
                      (const char *) sqlite3_column_text (stmt, 7));
  form = slug_index (cost_form_slugs, G_N_ELEMENTS (cost_form_slugs),
                     (const char *) sqlite3_column_text (stmt, 8));
  if (kind < 0 || share < 0 || form < 0)
    return damaged (error, "cost_items: unknown kind, share rule or form");

  item = consort_cost_item_new (kind);
  item->label = col_str (stmt, 3);
  item->service_id = col_str (stmt, 5);
  item->owner.borough_id = col_str (stmt, 6);
  item->owner.share = share;
  item->form = form;
  item->year = sqlite3_column_int (stmt, 9);
  item->amount = sqlite3_column_int64 (stmt, 10);
  item->posts = sqlite3_column_int64 (stmt, 11);
  item->unit_cost = sqlite3_column_int64 (stmt, 12);
  g_ptr_array_add (o->costs, item);
  g_hash_table_insert (r->costs, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 1) },
                                            sizeof (gint64)), item);
  return TRUE;
}

static gpointer
lookup_item (GHashTable    *items,
             sqlite3_stmt  *stmt,
             const char    *table,
             GError       **error)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);
  gpointer item = g_hash_table_lookup (items, &id);

  if (item == NULL)
    damaged (error, "%s: no item %" G_GINT64_FORMAT, table, id);
  return item;
}

static void
append_year_amount (GArray       *amounts,
                    sqlite3_stmt *stmt)
{
  ConsortYearAmount ya = { sqlite3_column_int (stmt, 1), sqlite3_column_int64 (stmt, 2) };

  g_array_append_val (amounts, ya);
}

static gboolean
read_savings_amount (Reader        *r,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  ConsortSavingsItem *item = lookup_item (r->savings, stmt, "savings_amounts", error);

  if (item == NULL)
    return FALSE;
  append_year_amount (item->amounts, stmt);
  return TRUE;
}

static gboolean
read_cost_amount (Reader        *r,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  ConsortCostItem *item = lookup_item (r->costs, stmt, "cost_amounts", error);

  if (item == NULL)
    return FALSE;
  append_year_amount (item->amounts, stmt);
  return TRUE;
}

static gboolean
read_post (Reader        *r,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  ConsortSavingsItem *item = lookup_item (r->savings, stmt, "posts", error);
  ConsortPost *post;

  if (item == NULL)
    return FALSE;
  post = consort_post_new (NULL, sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3));
  post->title = col_str (stmt, 1);
  g_ptr_array_add (item->posts, post);
  return TRUE;
}

static gboolean
read_phasing (Reader        *r,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  ConsortSavingsItem *item = lookup_item (r->savings, stmt, "phasing", error);
  ConsortMicros fraction;

  if (item == NULL)
    return FALSE;
  fraction = sqlite3_column_int64 (stmt, 1);
  g_array_append_val (item->phasing, fraction);
  return TRUE;
}

static gboolean
read_custom_share (Reader        *r,
                   sqlite3_stmt  *stmt,
                   GError       **error)
{
  ConsortAttribution *owner;
  ConsortShareWeight sw;

  if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      ConsortSavingsItem *item = lookup_item (r->savings, stmt, "custom_shares", error);

      if (item == NULL)
        return FALSE;
      owner = &item->owner;
    }
  else
    {
      gint64 id = sqlite3_column_int64 (stmt, 1);
      ConsortCostItem *item = g_hash_table_lookup (r->costs, &id);

      if (item == NULL)
        return damaged (error, "custom_shares: no item %" G_GINT64_FORMAT, id);
      owner = &item->owner;
    }

  sw.borough_id = col_str (stmt, 2);
  sw.weight = sqlite3_column_int64 (stmt, 3);
  g_array_append_val (ensure_share_array (owner), sw);
  return TRUE;
}

static gboolean
read_feasibility (Reader        *r,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  ConsortOption *o = lookup_option (r, stmt, "feasibility", error);
  ConsortFeasibility *f;

  if (o == NULL)
    return FALSE;
  f = consort_feasibility_new ((const char *) sqlite3_column_text (stmt, 1));
  for (int c = 0; c < CONSORT_N_CRITERIA; c++)
    f->ratings[c] = (ConsortLevel) sqlite3_column_int (stmt, 2 + c);
  f->note = col_str (stmt, 6);
  g_ptr_array_add (o->feasibility, f);
  return TRUE;
}

static gboolean
read_risk (Reader        *r,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  ConsortOption *o = lookup_option (r, stmt, "risks", error);
  ConsortRisk *risk;

  if (o == NULL)
    return FALSE;
  risk = consort_risk_new ();
  risk->risk_class = col_str (stmt, 1);
  risk->issue = col_str (stmt, 2);
  risk->mitigation = col_str (stmt, 3);
  risk->likelihood = (ConsortLevel) sqlite3_column_int (stmt, 4);
  risk->impact = (ConsortLevel) sqlite3_column_int (stmt, 5);
  g_ptr_array_add (o->risks, risk);
  return TRUE;
}

static const struct {
  const char *sql;
  RowFunc     func;
} read_steps[] = {
  { "SELECT title, description, first_year, years, currency, discount_rate, author,"
    " perspective FROM appraisal", read_appraisal_row },
  { "SELECT model, min_partners, rate FROM default_rates ORDER BY position", read_default_rate },
  { "SELECT id, name, population FROM boroughs ORDER BY position", read_borough },
  { "SELECT id, name FROM services ORDER BY position", read_service },
  { "SELECT service_id, borough_id, budget, fte, management_posts, overheads, outsourced"
    " FROM baselines ORDER BY service_id, position", read_baseline },
  { "SELECT id, name, description FROM options ORDER BY position", read_option },
  { "SELECT option_id, borough_id, from_year FROM participants"
    " ORDER BY option_id, position", read_participant },
  { "SELECT option_id, id, position, label, service_id, method, borough_id, share,"
    " has_rate, rate, model, start_year, start_month FROM savings_items"
    " ORDER BY option_id, position", read_savings_item },
  { "SELECT item_id, year, amount FROM savings_amounts ORDER BY item_id, position",
    read_savings_amount },
  { "SELECT item_id, title, fte, cost FROM posts ORDER BY item_id, position", read_post },
  { "SELECT item_id, fraction FROM phasing ORDER BY item_id, position", read_phasing },
  { "SELECT option_id, id, position, label, kind, service_id, borough_id, share, form,"
    " year, amount, posts, unit_cost FROM cost_items ORDER BY option_id, position",
    read_cost_item },
  { "SELECT item_id, year, amount FROM cost_amounts ORDER BY item_id, position",
    read_cost_amount },
  { "SELECT savings_item_id, cost_item_id, borough_id, weight FROM custom_shares"
    " ORDER BY savings_item_id, cost_item_id, position", read_custom_share },
  { "SELECT option_id, service_id, existing_arrangements, market_maturity,"
    " delivery_capability, legal_complexity, note FROM feasibility"
    " ORDER BY option_id, position", read_feasibility },
  { "SELECT option_id, risk_class, issue, mitigation, likelihood, impact FROM risks"
    " ORDER BY option_id, position", read_risk },
};

/* Reads the whole appraisal from a database of the current schema.
 * Errors are CONSORT_ERROR_DAMAGED (or _IO when busy) and name the table. */
static ConsortAppraisal *
read_appraisal (sqlite3  *db,
                GError  **error)
{
  g_autoptr(ConsortAppraisal) a = consort_appraisal_new ();
  Reader r = { 0, };
  gboolean ok = TRUE;

  /* Start from an empty appraisal: the file says everything. */
  g_ptr_array_set_size (a->default_rates, 0);
  g_ptr_array_set_size (a->boroughs, 0);
  g_ptr_array_set_size (a->services, 0);
  g_ptr_array_set_size (a->options, 0);

  r.a = a;
  r.services = g_hash_table_new (g_str_hash, g_str_equal);
  r.options = g_hash_table_new (g_str_hash, g_str_equal);
  r.savings = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  r.costs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; ok && i < G_N_ELEMENTS (read_steps); i++)
    ok = for_each_row (db, &r, read_steps[i].sql, read_steps[i].func, error);

  if (ok && !r.found_appraisal)
    ok = damaged (error, "appraisal: the settings are missing");

  g_hash_table_unref (r.services);
  g_hash_table_unref (r.options);
  g_hash_table_unref (r.savings);
  g_hash_table_unref (r.costs);

  return ok ? g_steal_pointer (&a) : NULL;
}

/* ---- files ------------------------------------------------------------ */

static char *
display_name (const char *path)
{
  return g_filename_display_basename (path);
}

/* Why @path cannot be written, or NULL.  Root passes access(W_OK) on
 * any file, so the permission bits are checked as well: a file nobody
 * may write is treated as read-only even for root. */
static char *
unwritable_reason (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  GStatBuf st;

  if (access (path, W_OK) != 0)
    return g_strdup (errno == EROFS ? _("The file is on a read-only disk")
                                    : _("The file is read-only"));
  if (g_stat (path, &st) == 0 && (st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0)
    return g_strdup (_("The file is read-only"));
  /* SQLite writes its rollback journal beside the file. */
  if (access (dir, W_OK) != 0)
    return g_strdup (errno == EROFS ? _("The file is on a read-only disk")
                                    : _("The folder containing the file is read-only"));
  if (g_stat (dir, &st) == 0 && (st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0)
    return g_strdup (_("The folder containing the file is read-only"));
  return NULL;
}

static int
pragma_int (sqlite3    *db,
            const char *sql,
            int        *out)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  return rc;
}

/* Changes whenever another connection commits to the file. */
static int
data_version (sqlite3 *db)
{
  int version = -1;

  if (pragma_int (db, "PRAGMA data_version", &version) != SQLITE_OK)
    return -1;
  return version;
}

/* The first line PRAGMA quick_check reports, or NULL if all is well. */
static char *
quick_check (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  char *problem = NULL;
  int rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (text, "ok") != 0)
        {
          /* One line is enough: "*** in database main ***\nOn tree page 3 ..." */
          g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);
          const char *first = NULL;

          for (guint i = 0; lines[i] != NULL && first == NULL; i++)
            if (*lines[i] != '\0' && !g_str_has_prefix (lines[i], "***"))
              first = lines[i];
          problem = g_strdup_printf (_("its structure is broken (%s)"),
                                     first ? first : "quick_check failed");
        }
    }
  else
    problem = g_strdup (sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return problem;
}

static gboolean
not_consort (GError     **error,
             const char  *name,
             const char  *detail)
{
  if (detail != NULL)
    g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_NOT_CONSORT,
                 _("The file is not a Consort appraisal (%s)"), detail);
  else
    g_set_error_literal (error, CONSORT_ERROR, CONSORT_ERROR_NOT_CONSORT,
                         _("The file is not a Consort appraisal"));
  return FALSE;
}

static gboolean
damaged_file (GError     **error,
              const char  *name,
              const char  *detail)
{
  g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_DAMAGED,
               _("The file is damaged: %s"), detail);
  return FALSE;
}

/* Messages start with the problem (callers name the file); SQLite's
 * own words mean nothing to people, so they only go to the debug log. */
static gboolean
damaged_database (GError     **error,
                  const char  *name,
                  const char  *sqlite_detail)
{
  /* The detail may quote damaged bytes: keep the log valid UTF-8. */
  g_autofree char *detail = g_utf8_make_valid (sqlite_detail ? sqlite_detail : "(no detail)", -1);

  g_debug ("%s: damaged database: %s", name, detail);
  return damaged_file (error, name, _("its database structure is corrupt"));
}

/* Looks at the first bytes without SQLite: empty files, other formats
 * and truncated headers are told apart from SQLite files here. */
static gboolean
check_header (const char  *path,
              const char  *name,
              guint32     *app_id_out,
              GError     **error)
{
  static const char magic[16] = "SQLite format 3";  /* with its NUL */
  guint8 header[100];
  gssize n = 0;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_IO,
                   _("Cannot open the file: %s"), g_strerror (saved));
      return FALSE;
    }
  while ((gsize) n < sizeof header)
    {
      gssize got = read (fd, header + n, sizeof header - n);

      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          int saved = errno;
          close (fd);
          g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_IO,
                       _("Cannot read the file: %s"), g_strerror (saved));
          return FALSE;
        }
      if (got == 0)
        break;
      n += got;
    }
  close (fd);

  if (n == 0)
    return not_consort (error, name, _("the file is empty"));
  if (n < (gssize) sizeof magic || memcmp (header, magic, sizeof magic) != 0)
    {
      gssize i = 0;

      while (i < n && g_ascii_isspace (header[i]))
        i++;
      if (i < n && (header[i] == '{' || header[i] == '['))
        return not_consort (error, name, _("it looks like JSON: import it instead"));
      return not_consort (error, name, NULL);
    }
  if (n < (gssize) sizeof header)
    return damaged_file (error, name, _("the file is truncated"));
  /* The same value PRAGMA application_id reads, big-endian at 68. */
  *app_id_out = ((guint32) header[68] << 24) | ((guint32) header[69] << 16)
                | ((guint32) header[70] << 8) | header[71];
  return TRUE;
}

static void remove_temporary (const char *tmp);

/* Opens @path read-write just long enough for SQLite to roll back the
 * journal of a save that was interrupted (a crash, a power cut): this
 * restores the last committed state. */
static gboolean
roll_back_journal (const char  *path,
                   GError     **error)
{
  sqlite3 *db = NULL;
  int ignored, rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
      rc = pragma_int (db, "PRAGMA application_id", &ignored);
    }
  if (rc != SQLITE_OK)
    g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_DAMAGED, "%s",
                 db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_close (db);
  return rc == SQLITE_OK;
}

static gboolean
copy_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  return g_file_get_contents (from, &contents, &length, error)
         && g_file_set_contents (to, contents, length, error);
}

/* For a file that must not be written: the file and its journal are
 * copied to a private folder and the copy is recovered there. */
static char *
recover_copy (const char  *path,
              char       **tmp_dir_out,
              GError     **error)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *tmp_dir = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *copy_journal = NULL;

  tmp_dir = g_dir_make_tmp ("consort-recover-XXXXXX", error);
  if (tmp_dir == NULL)
    return NULL;
  copy = g_build_filename (tmp_dir, "recover.consort", NULL);
  copy_journal = g_strconcat (copy, "-journal", NULL);
  *tmp_dir_out = g_strdup (tmp_dir);
  if (!copy_file (path, copy, error) || !copy_file (journal, copy_journal, error)
      || !roll_back_journal (copy, error))
    return NULL;
  return g_steal_pointer (&copy);
}

static void
remove_recovery (char *tmp_dir)
{
  g_autofree char *copy = NULL;

  if (tmp_dir == NULL)
    return;
  copy = g_build_filename (tmp_dir, "recover.consort", NULL);
  remove_temporary (copy);
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
}

static void
sync_directory (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Moves @tmp to @path; without @replace it fails if @path exists,
 * atomically where the filesystem allows. */
static gboolean
move_into_place (const char  *tmp,
                 const char  *path,
                 gboolean     replace,
                 GError     **error)
{
  g_autofree char *name = display_name (path);
  int rc;

  if (replace)
    rc = g_rename (tmp, path);
  else
    {
      rc = renameat2 (AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE);
      if (rc != 0 && (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP))
        {
          /* A filesystem without RENAME_NOREPLACE: a hard link also
           * refuses an existing name atomically. */
          rc = link (tmp, path);
          if (rc == 0)
            g_unlink (tmp);
          else if (errno != EEXIST)
            {
              if (g_file_test (path, G_FILE_TEST_EXISTS))
                errno = EEXIST;
              else
                rc = g_rename (tmp, path);
            }
        }
    }

  if (rc != 0)
    {
      int saved = errno;
      if (saved == EEXIST)
        g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_IO,
                     _("Cannot create “%s”: a file of that name already exists"), name);
      else
        g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_IO,
                     _("Cannot write “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }
  sync_directory (path);
  return TRUE;
}

static void
remove_temporary (const char *tmp)
{
  g_autofree char *journal = g_strconcat (tmp, "-journal", NULL);

  g_unlink (tmp);
  g_unlink (journal);
}

/* Writes @a as a complete new file at @path through a temporary file in
 * the same folder, so that @path is either absent/old or complete. */
static gboolean
write_new_file (const char             *path,
                const ConsortAppraisal *a,
                gboolean                replace,
                GError                **error)
{
  g_autofree char *name = display_name (path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp = NULL;
  sqlite3_stmt *stmts[N_STMTS] = { NULL, };
  sqlite3 *db = NULL;
  GError *local_error = NULL;
  GStatBuf old;
  int fd;

  tmp = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_IO,
                   _("Cannot write “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }
  /* A replaced file keeps its permissions. */
  if (replace && g_stat (path, &old) == 0)
    fchmod (fd, old.st_mode & 07777);
  close (fd);

  if (sqlite3_open_v2 (tmp, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      g_set_error (&local_error, CONSORT_ERROR, CONSORT_ERROR_IO,
                   "%s", db ? sqlite3_errmsg (db) : "out of memory");
      goto fail;
    }
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);

  if (!exec_sql (db, "PRAGMA foreign_keys = ON; BEGIN IMMEDIATE;", &local_error))
    goto fail;
  if (!consort_schema_create (db, &local_error)
      || !write_appraisal (db, stmts, NULL, a, &local_error)
      || !exec_sql (db, "COMMIT;", &local_error))
    {
      sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
      goto fail;
    }

  finalize_stmts (stmts);
  if (sqlite3_close (db) != SQLITE_OK)
    {
      g_set_error (&local_error, CONSORT_ERROR, CONSORT_ERROR_IO, "%s", sqlite3_errmsg (db));
      db = NULL;
      goto fail;
    }
  db = NULL;

  if (!move_into_place (tmp, path, replace, error))
    {
      remove_temporary (tmp);
      return FALSE;
    }
  return TRUE;

fail:
  finalize_stmts (stmts);
  if (db != NULL)
    sqlite3_close (db);
  remove_temporary (tmp);
  g_set_error (error, CONSORT_ERROR, local_error->code == CONSORT_ERROR_INVALID
                                      ? CONSORT_ERROR_INVALID : CONSORT_ERROR_IO,
               _("Cannot write “%s”: %s"), name, local_error->message);
  g_error_free (local_error);
  return FALSE;
}

static sqlite3 *
open_writable (const char  *path,
               GError     **error)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_READ_ONLY,
                   "%s", db ? sqlite3_errmsg (db) : "out of memory");
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  /* Rollback journal, deleted at each commit: nothing stays beside the
   * file.  (A WAL file left by another tool is converted back.) */
  if (!exec_sql (db, "PRAGMA foreign_keys = ON; PRAGMA journal_mode = DELETE;", error))
    {
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

/* ---- the object ------------------------------------------------------ */

static void
disconnect (ConsortDocument *self)
{
  finalize_stmts (self->stmts);
  g_clear_pointer (&self->db, sqlite3_close);
}

static void
consort_document_dispose (GObject *object)
{
  ConsortDocument *self = CONSORT_DOCUMENT (object);

  disconnect (self);
  g_clear_pointer (&self->results, consort_results_unref);
  g_clear_pointer (&self->current, consort_appraisal_unref);
  if (self->undo)
    g_ptr_array_set_size (self->undo, 0);
  if (self->redo)
    g_ptr_array_set_size (self->redo, 0);

  G_OBJECT_CLASS (consort_document_parent_class)->dispose (object);
}

static void
consort_document_finalize (GObject *object)
{
  ConsortDocument *self = CONSORT_DOCUMENT (object);

  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_free (self->path);
  g_free (self->read_only_reason);

  G_OBJECT_CLASS (consort_document_parent_class)->finalize (object);
}

static void
consort_document_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ConsortDocument *self = CONSORT_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, consort_document_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, consort_document_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consort_document_class_init (ConsortDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = consort_document_dispose;
  object_class->finalize = consort_document_finalize;
  object_class->get_property = consort_document_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
consort_document_init (ConsortDocument *self)
{
  self->undo = g_ptr_array_new_with_free_func (snapshot_free);
  self->redo = g_ptr_array_new_with_free_func (snapshot_free);
}

static ConsortDocument *
document_new (const char       *path,
              ConsortAppraisal *current,  /* transfer full */
              sqlite3          *db,       /* transfer full, NULL: read-only */
              const char       *read_only_reason)
{
  ConsortDocument *self = g_object_new (CONSORT_TYPE_DOCUMENT, NULL);

  self->path = g_strdup (path);
  self->current = current;
  self->db = db;
  self->read_only = db == NULL;
  self->read_only_reason = self->read_only ? g_strdup (read_only_reason) : NULL;
  self->data_version = db ? data_version (db) : -1;
  return self;
}

ConsortDocument *
consort_document_open (const char        *path,
                       ConsortOpenFlags   flags,
                       GError           **error)
{
  g_autofree char *name = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *problem = NULL;
  g_autoptr(ConsortAppraisal) appraisal = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *inspect = NULL;  /* a recovered copy, or NULL: @path */
  char *recovery_dir = NULL;
  sqlite3 *ro = NULL;
  sqlite3 *mem = NULL;
  sqlite3 *rw = NULL;
  GStatBuf st;
  guint32 header_app_id = 0;
  int app_id = 0, version = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = display_name (path);

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_IO,
                   _("Cannot open the file: %s"), g_strerror (saved));
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      not_consort (error, name, _("it is a folder"));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      not_consort (error, name, _("it is not a regular file"));
      return NULL;
    }
  if (!check_header (path, name, &header_app_id, error))
    return NULL;

  /* Inspect through a read-only connection: nothing below may write
   * until the file is known to be ours, readable and sound. */
  for (int attempt = 0; ; attempt++)
    {
      int rc;

      if (sqlite3_open_v2 (inspect ? inspect : path, &ro, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        {
          damaged_database (error, name, ro ? sqlite3_errmsg (ro) : "out of memory");
          goto fail;
        }
      sqlite3_busy_timeout (ro, BUSY_TIMEOUT_MS);

      rc = pragma_int (ro, "PRAGMA application_id", &app_id);
      if (rc == SQLITE_OK)
        break;

      /* A save was interrupted and left its journal: only a connection
       * that may write can roll it back.  Only ever for our own files. */
      if (sqlite3_extended_errcode (ro) == SQLITE_READONLY_ROLLBACK && attempt == 0)
        {
          g_clear_pointer (&ro, sqlite3_close);
          if (header_app_id != CONSORT_APPLICATION_ID)
            {
              not_consort (error, name, _("it is a database of another program"));
              goto fail;
            }
          reason = (flags & CONSORT_OPEN_READ_ONLY) ? g_strdup ("") : unwritable_reason (path);
          if (reason == NULL ? !roll_back_journal (path, &local_error)
                             : (inspect = recover_copy (path, &recovery_dir, &local_error)) == NULL)
            {
              damaged_database (error, name, local_error->message);
              goto fail;
            }
          g_clear_pointer (&reason, g_free);
          continue;
        }
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_IO,
                     _("Cannot open the file: it is in use by another program"));
      else
        damaged_database (error, name, sqlite3_errmsg (ro));
      goto fail;
    }
  if (app_id != CONSORT_APPLICATION_ID)
    {
      not_consort (error, name, _("it is a database of another program"));
      goto fail;
    }
  if (pragma_int (ro, "PRAGMA user_version", &version) != SQLITE_OK)
    {
      damaged_database (error, name, sqlite3_errmsg (ro));
      goto fail;
    }
  if (version > CONSORT_SCHEMA_VERSION)
    {
      g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_TOO_NEW,
                   _("The file was written by a newer version of Consort (file format %d; "
                     "this version reads up to %d)"),
                   version, CONSORT_SCHEMA_VERSION);
      goto fail;
    }
  if (version < CONSORT_SCHEMA_OLDEST)
    {
      damaged_file (error, name, _("it has no file format version"));
      goto fail;
    }
  problem = quick_check (ro);
  if (problem != NULL)
    {
      damaged_database (error, name, problem);
      goto fail;
    }

  /* An earlier schema is migrated in a copy in memory first: the file
   * itself is only migrated once its contents are known to be good. */
  if (version < CONSORT_SCHEMA_VERSION)
    {
      sqlite3_backup *backup;
      int rc;

      if (sqlite3_open (":memory:", &mem) != SQLITE_OK)
        {
          g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_IO, "%s", sqlite3_errmsg (mem));
          goto fail;
        }
      backup = sqlite3_backup_init (mem, "main", ro, "main");
      rc = backup ? sqlite3_backup_step (backup, -1) : sqlite3_errcode (mem);
      if (backup)
        sqlite3_backup_finish (backup);
      if (rc != SQLITE_DONE)
        {
          damaged_database (error, name, sqlite3_errstr (rc));
          goto fail;
        }
      if (!consort_schema_migrate (mem, version, &local_error))
        {
          damaged_database (error, name, local_error->message);
          goto fail;
        }
    }

  appraisal = read_appraisal (mem ? mem : ro, &local_error);
  if (appraisal == NULL)
    {
      if (local_error->code == CONSORT_ERROR_DAMAGED)
        damaged_database (error, name, local_error->message);
      else
        g_set_error (error, CONSORT_ERROR, local_error->code,
                     _("Cannot read the file: %s"), local_error->message);
      goto fail;
    }
  if (!consort_appraisal_validate (appraisal, &local_error))
    {
      damaged_file (error, name, local_error->message);
      goto fail;
    }
  g_clear_pointer (&mem, sqlite3_close);
  g_clear_pointer (&ro, sqlite3_close);
  remove_recovery (g_steal_pointer (&recovery_dir));

  if (flags & CONSORT_OPEN_READ_ONLY)
    reason = g_strdup (_("Opened read-only on request"));
  else
    reason = unwritable_reason (path);

  if (reason == NULL)
    {
      rw = open_writable (path, &local_error);
      if (rw == NULL)
        reason = g_strdup_printf (_("The file cannot be written (%s)"), local_error->message);
      else if (version < CONSORT_SCHEMA_VERSION
               && !consort_schema_migrate (rw, version, &local_error))
        {
          reason = g_strdup_printf (_("The file could not be updated to the current "
                                      "format (%s)"), local_error->message);
          g_clear_pointer (&rw, sqlite3_close);
        }
    }

  return document_new (path, g_steal_pointer (&appraisal), rw, reason);

fail:
  if (mem)
    sqlite3_close (mem);
  if (ro)
    sqlite3_close (ro);
  remove_recovery (recovery_dir);
  return NULL;
}

ConsortDocument *
consort_document_create (const char             *path,
                         const ConsortAppraisal *appraisal,
                         GError                **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  sqlite3 *rw;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (appraisal != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = display_name (path);
  if (g_lstat (path, &st) == 0)
    {
      g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_IO,
                   _("Cannot create “%s”: a file of that name already exists"), name);
      return NULL;
    }
  if (!consort_appraisal_validate (appraisal, error))
    return NULL;
  if (!write_new_file (path, appraisal, FALSE, error))
    return NULL;

  rw = open_writable (path, &local_error);
  if (rw == NULL)
    {
      g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_IO,
                   _("Cannot open “%s” after creating it: %s"), name, local_error->message);
      return NULL;
    }
  return document_new (path, consort_appraisal_copy (appraisal), rw, NULL);
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0
         && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

gboolean
consort_document_save_as (ConsortDocument  *self,
                          const char       *path,
                          gboolean          switch_to,
                          GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *reason = NULL;
  sqlite3 *rw;

  g_return_val_if_fail (CONSORT_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The file being edited already holds the current state. */
  if (self->db != NULL && same_file (self->path, path))
    return TRUE;

  if (!write_new_file (path, self->current, TRUE, error))
    return FALSE;
  if (!switch_to)
    return TRUE;

  /* A replaced file kept its permissions, which may forbid writing. */
  reason = unwritable_reason (path);
  rw = reason ? NULL : open_writable (path, &local_error);
  if (reason == NULL && rw == NULL)
    reason = g_strdup_printf (_("The file cannot be written (%s)"), local_error->message);
  disconnect (self);
  self->db = rw;
  self->data_version = rw ? data_version (rw) : -1;
  g_free (self->path);
  self->path = g_strdup (path);
  g_free (self->read_only_reason);
  self->read_only_reason = g_steal_pointer (&reason);
  self->closed = FALSE;
  if (self->read_only != (rw == NULL))
    {
      self->read_only = rw == NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
  return TRUE;
}

void
consort_document_close (ConsortDocument *self)
{
  g_return_if_fail (CONSORT_IS_DOCUMENT (self));

  disconnect (self);
  self->closed = TRUE;
}

const char *
consort_document_get_path (ConsortDocument *self)
{
  g_return_val_if_fail (CONSORT_IS_DOCUMENT (self), NULL);
  return self->path;
}

ConsortAppraisal *
consort_document_get_appraisal (ConsortDocument *self)
{
  g_return_val_if_fail (CONSORT_IS_DOCUMENT (self), NULL);
  return self->current;
}

ConsortResults *
consort_document_get_results (ConsortDocument  *self,
                              GError          **error)
{
  g_return_val_if_fail (CONSORT_IS_DOCUMENT (self), NULL);

  if (self->results == NULL)
    self->results = consort_engine_compute (self->current, error);
  return self->results;
}

gboolean
consort_document_get_read_only (ConsortDocument *self)
{
  g_return_val_if_fail (CONSORT_IS_DOCUMENT (self), TRUE);
  return self->read_only;
}

const char *
consort_document_get_read_only_reason (ConsortDocument *self)
{
  g_return_val_if_fail (CONSORT_IS_DOCUMENT (self), NULL);
  return self->read_only_reason;
}

/* Makes the file hold @state, in one transaction.  The file holds
 * self->current, unless another program wrote to it meanwhile (its
 * data_version moved): then everything is rewritten. */
static gboolean
save_state (ConsortDocument         *self,
            const ConsortAppraisal  *state,
            GError                 **error)
{
  g_autofree char *name = display_name (self->path);
  g_autoptr(GError) local_error = NULL;
  const ConsortAppraisal *old;
  int version;

  if (self->closed || self->db == NULL)
    {
      if (self->closed)
        g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_IO,
                     _("“%s” has been closed"), name);
      else
        g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_READ_ONLY,
                     _("“%s” cannot be changed: %s"), name,
                     self->read_only_reason ? self->read_only_reason : _("it is read-only"));
      return FALSE;
    }

  if (!exec_sql (self->db, "BEGIN IMMEDIATE;", &local_error))
    {
      g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_IO,
                   _("Cannot save “%s”: %s"), name, local_error->message);
      return FALSE;
    }
  version = data_version (self->db);
  old = version == self->data_version && version != -1 ? self->current : NULL;
  if (!write_appraisal (self->db, self->stmts, old, state, &local_error)
      || !exec_sql (self->db, "COMMIT;", &local_error))
    {
      sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
      g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_IO,
                   _("Cannot save “%s”: %s"), name, local_error->message);
      return FALSE;
    }
  /* Our own commits leave data_version as it was. */
  self->data_version = version;
  return TRUE;
}

/* Makes @state (transfer full) current and tells everyone. */
static void
set_current (ConsortDocument  *self,
             ConsortAppraisal *state,
             gboolean          could_undo,
             gboolean          could_redo)
{
  g_clear_pointer (&self->results, consort_results_unref);
  g_clear_pointer (&self->current, consort_appraisal_unref);
  self->current = state;

  g_object_freeze_notify (G_OBJECT (self));
  if (could_undo != consort_document_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != consort_document_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_signal_emit (self, signals[CHANGED], 0);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
consort_document_apply (ConsortDocument   *self,
                        ConsortAppraisal  *appraisal,
                        const char        *label,
                        GError           **error)
{
  gboolean could_undo, could_redo;

  g_return_val_if_fail (CONSORT_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (appraisal != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (appraisal == self->current)
    {
      g_set_error_literal (error, CONSORT_ERROR, CONSORT_ERROR_INVALID,
                           "The current appraisal cannot be applied to itself: apply an edited copy");
      return FALSE;
    }
  if (self->read_only || self->closed)
    return save_state (self, appraisal, error);  /* sets the error */
  if (!consort_appraisal_validate (appraisal, error))
    return FALSE;
  /* Nothing changed: no write, no undo step. */
  if (consort_appraisal_equal (appraisal, self->current))
    return TRUE;
  if (!save_state (self, appraisal, error))
    return FALSE;

  could_undo = consort_document_can_undo (self);
  could_redo = consort_document_can_redo (self);
  g_ptr_array_add (self->undo, snapshot_new (label, g_steal_pointer (&self->current)));
  if (self->undo->len > UNDO_DEPTH)
    g_ptr_array_remove_range (self->undo, 0, self->undo->len - UNDO_DEPTH);
  g_ptr_array_set_size (self->redo, 0);
  set_current (self, consort_appraisal_ref (appraisal), could_undo, could_redo);
  return TRUE;
}

gboolean
consort_document_can_undo (ConsortDocument *self)
{
  g_return_val_if_fail (CONSORT_IS_DOCUMENT (self), FALSE);
  return self->undo->len > 0;
}

gboolean
consort_document_can_redo (ConsortDocument *self)
{
  g_return_val_if_fail (CONSORT_IS_DOCUMENT (self), FALSE);
  return self->redo->len > 0;
}

static const char *
top_label (GPtrArray *stack)
{
  if (stack->len == 0)
    return NULL;
  return ((Snapshot *) g_ptr_array_index (stack, stack->len - 1))->label;
}

const char *
consort_document_get_undo_label (ConsortDocument *self)
{
  g_return_val_if_fail (CONSORT_IS_DOCUMENT (self), NULL);
  return top_label (self->undo);
}

const char *
consort_document_get_redo_label (ConsortDocument *self)
{
  g_return_val_if_fail (CONSORT_IS_DOCUMENT (self), NULL);
  return top_label (self->redo);
}

/* Moves one step from @from to @to: saves the state on top of @from,
 * and on success pushes the current state onto @to under the same label. */
static gboolean
step_history (ConsortDocument  *self,
              GPtrArray        *from,
              GPtrArray        *to,
              const char       *nothing,
              GError          **error)
{
  gboolean could_undo = consort_document_can_undo (self);
  gboolean could_redo = consort_document_can_redo (self);
  Snapshot *snap;
  ConsortAppraisal *target;

  if (from->len == 0)
    {
      g_set_error_literal (error, CONSORT_ERROR, CONSORT_ERROR_NOTHING_TO_UNDO, nothing);
      return FALSE;
    }
  snap = g_ptr_array_index (from, from->len - 1);
  if (!save_state (self, snap->state, error))
    return FALSE;

  target = consort_appraisal_ref (snap->state);
  g_ptr_array_add (to, snapshot_new (snap->label, g_steal_pointer (&self->current)));
  g_ptr_array_set_size (from, from->len - 1);
  set_current (self, target, could_undo, could_redo);
  return TRUE;
}

gboolean
consort_document_undo (ConsortDocument  *self,
                       GError          **error)
{
  g_return_val_if_fail (CONSORT_IS_DOCUMENT (self), FALSE);
  return step_history (self, self->undo, self->redo, _("Nothing to undo"), error);
}

gboolean
consort_document_redo (ConsortDocument  *self,
                       GError          **error)
{
  g_return_val_if_fail (CONSORT_IS_DOCUMENT (self), FALSE);
  return step_history (self, self->redo, self->undo, _("Nothing to redo"), error);
}
