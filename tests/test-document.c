/* test-document.c: .consort files: round trip, transactions, undo and
 * redo, migrations, bad files left untouched, read-only files.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "consort-core.h"
#include "consort-schema.h"

/* ---- helpers ---------------------------------------------------------- */

typedef struct {
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("consort-document-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  GDir *dir;
  const char *name;

  g_chmod (path, 0755);
  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        {
          g_chmod (child, 0644);
          g_unlink (child);
        }
    }
  g_dir_close (dir);
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
}

static char *
in_dir (Fixture    *f,
        const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static gint64
file_mtime_ns (const char *path)
{
  struct stat st;

  g_assert_cmpint (stat (path, &st), ==, 0);
  return (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The names in @dir, sorted, joined by spaces. */
static char *
dir_listing (const char *dir_path)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GDir *dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_dir_close (dir);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
}

static gint64
raw_int (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
raw_text (sqlite3    *db,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static void
write_file (const char *path,
            const char *data,
            gssize      length)
{
  /* Plain stdio, without the fsync of g_file_set_contents: these files
   * only need to exist for the test. */
  FILE *file = fopen (path, "wb");

  g_assert_nonnull (file);
  if (length == 0)
    {
      fclose (file);
      return;
    }
  if (length < 0)
    length = (gssize) strlen (data);
  g_assert_cmpuint (fwrite (data, 1, (gsize) length, file), ==, (gsize) length);
  g_assert_cmpint (fclose (file), ==, 0);
}

static void
add_year_amount (GArray       *amounts,
                 int           year,
                 ConsortMoney  amount)
{
  ConsortYearAmount ya = { year, amount };

  g_array_append_val (amounts, ya);
}

static void
add_share (ConsortAttribution *owner,
           const char         *borough_id,
           ConsortMicros       weight)
{
  ConsortShareWeight sw = { g_strdup (borough_id), weight };

  g_array_append_val (owner->custom_shares, sw);
}

static void
add_baseline (ConsortService *s,
              const char     *borough_id,
              ConsortMoney    budget,
              ConsortMicros   fte,
              ConsortMicros   management_posts,
              ConsortMoney    overheads,
              gboolean        outsourced)
{
  ConsortBaseline *b = consort_baseline_new (borough_id);

  b->budget = budget;
  b->fte = fte;
  b->management_posts = management_posts;
  b->overheads = overheads;
  b->outsourced = outsourced;
  g_ptr_array_add (s->baselines, b);
}

/* An appraisal that uses every field of the model, with awkward text:
 * NULL next to "", quotes, non-ASCII. */
static ConsortAppraisal *
build_rich (void)
{
  ConsortAppraisal *a = consort_appraisal_new ();
  ConsortService *s;
  ConsortOption *o;
  ConsortSavingsItem *si;
  ConsortCostItem *ci;
  ConsortFeasibility *fe;
  ConsortRisk *r;
  ConsortMicros ph;

  g_free (a->title);
  a->title = g_strdup ("Children’s services: “shared” options, 2010 'draft'");
  a->description = g_strdup ("");
  a->author = g_strdup ("Tri-borough programme office");
  a->perspective = g_strdup ("hf");
  a->first_year = 2010;
  a->years = 6;
  a->discount_rate = 35000;
  g_ptr_array_add (a->default_rates, consort_default_rate_new ("joint_commissioning", 3, 25000));

  g_ptr_array_add (a->boroughs, consort_borough_new ("wcc", "Westminster", 253100));
  g_ptr_array_add (a->boroughs, consort_borough_new ("hf", "Hammersmith & Fulham", 172200));
  g_ptr_array_add (a->boroughs, consort_borough_new ("rbkc", "Kensington and Chelsea", 0));

  s = consort_service_new ("education", "Education Services");
  add_baseline (s, "wcc", 1750000000, 120000000, 6000000, 12500050, FALSE);
  add_baseline (s, "hf", 1210000001, 95500000, 4000000, 0, FALSE);
  g_ptr_array_add (a->services, s);
  s = consort_service_new ("commissioning", "Commissioning");
  add_baseline (s, "rbkc", 1, 250000, 0, 7, TRUE);
  add_baseline (s, "hf", 430000000, 12000000, 1000000, 0, TRUE);
  g_ptr_array_add (a->services, s);

  o = consort_option_new ("1a", "Option 1A");
  o->description = g_strdup ("Two-borough shared service\nwith a second line");
  g_ptr_array_add (o->participants, consort_participant_new ("wcc", 2010));
  g_ptr_array_add (o->participants, consort_participant_new ("hf", 2011));

  si = consort_savings_item_new ("education", CONSORT_METHOD_POSTS);
  si->label = g_strdup ("Management posts");
  si->owner.share = CONSORT_SHARE_EQUAL;
  g_ptr_array_add (si->posts, consort_post_new ("Admissions manager", 1000000, 6000000));
  g_ptr_array_add (si->posts, consort_post_new ("Head of school improvement", 500000, 8550050));
  si->start_year = 2011;
  si->start_month = 9;
  ph = 100000; g_array_append_val (si->phasing, ph);
  ph = 550000; g_array_append_val (si->phasing, ph);
  ph = 1000000; g_array_append_val (si->phasing, ph);
  g_ptr_array_add (o->savings, si);

  si = consort_savings_item_new ("education", CONSORT_METHOD_AMOUNTS);
  si->owner.borough_id = g_strdup ("wcc");
  add_year_amount (si->amounts, 2011, 33500000);
  add_year_amount (si->amounts, 2012, 41000001);
  g_ptr_array_add (o->savings, si);

  si = consort_savings_item_new ("education", CONSORT_METHOD_RATE);
  si->label = g_strdup ("");
  si->model = g_strdup ("shared_service");
  si->owner.share = CONSORT_SHARE_CUSTOM;
  add_share (&si->owner, "wcc", 600000);
  add_share (&si->owner, "hf", 400000);
  si->start_year = 2012;
  si->start_month = 12;
  g_ptr_array_add (o->savings, si);

  ci = consort_cost_item_new (CONSORT_COST_REDUNDANCY);
  ci->form = CONSORT_COST_FORM_POSTS;
  ci->owner.borough_id = g_strdup ("wcc");
  ci->year = 2010;
  ci->posts = 5000000;
  ci->unit_cost = 4130000;
  g_ptr_array_add (o->costs, ci);

  ci = consort_cost_item_new (CONSORT_COST_PROJECT_MANAGEMENT);
  ci->label = g_strdup ("Project team");
  ci->service_id = g_strdup ("education");
  ci->owner.share = CONSORT_SHARE_SAVINGS;
  ci->form = CONSORT_COST_FORM_AMOUNTS;
  add_year_amount (ci->amounts, 2010, 4066000);
  add_year_amount (ci->amounts, 2011, 2033099);
  g_ptr_array_add (o->costs, ci);

  ci = consort_cost_item_new (CONSORT_COST_ICT_INVESTMENT);
  ci->form = CONSORT_COST_FORM_AMOUNT;
  ci->year = 2011;
  ci->amount = 2500001;
  ci->owner.share = CONSORT_SHARE_CUSTOM;
  add_share (&ci->owner, "hf", 1);
  add_share (&ci->owner, "wcc", 3);
  g_ptr_array_add (o->costs, ci);

  fe = consort_feasibility_new ("education");
  fe->ratings[CONSORT_CRITERION_EXISTING_ARRANGEMENTS] = CONSORT_LEVEL_LOW;
  fe->ratings[CONSORT_CRITERION_MARKET_MATURITY] = CONSORT_LEVEL_SOME;
  fe->ratings[CONSORT_CRITERION_DELIVERY_CAPABILITY] = CONSORT_LEVEL_HIGH;
  fe->note = g_strdup ("Existing SLA with H&F");
  g_ptr_array_add (o->feasibility, fe);
  fe = consort_feasibility_new ("commissioning");
  fe->ratings[CONSORT_CRITERION_LEGAL_COMPLEXITY] = CONSORT_LEVEL_HIGH;
  g_ptr_array_add (o->feasibility, fe);

  r = consort_risk_new ();
  r->risk_class = g_strdup ("Political");
  r->issue = g_strdup ("Members do not agree the sovereignty guarantee");
  r->mitigation = g_strdup ("");
  r->likelihood = CONSORT_LEVEL_SOME;
  r->impact = CONSORT_LEVEL_HIGH;
  g_ptr_array_add (o->risks, r);
  r = consort_risk_new ();
  r->issue = g_strdup ("Unknown likelihood");
  g_ptr_array_add (o->risks, r);
  g_ptr_array_add (a->options, o);

  o = consort_option_new ("3", "Option 3: alliance");
  g_ptr_array_add (o->participants, consort_participant_new ("hf", 2010));
  g_ptr_array_add (o->participants, consort_participant_new ("rbkc", 2012));
  g_ptr_array_add (o->participants, consort_participant_new ("wcc", 2010));
  si = consort_savings_item_new ("commissioning", CONSORT_METHOD_RATE);
  si->has_rate = TRUE;
  si->rate = 25000;
  si->owner.share = CONSORT_SHARE_POPULATION;
  si->start_year = 2012;
  g_ptr_array_add (o->savings, si);
  si = consort_savings_item_new ("commissioning", CONSORT_METHOD_RATE);
  si->model = g_strdup ("joint_commissioning");
  si->owner.share = CONSORT_SHARE_BASELINE;
  si->start_year = 2013;
  g_ptr_array_add (o->savings, si);
  ci = consort_cost_item_new (CONSORT_COST_OTHER);
  ci->form = CONSORT_COST_FORM_AMOUNT;
  ci->year = 2015;
  ci->amount = 0;
  ci->owner.share = CONSORT_SHARE_EQUAL;
  g_ptr_array_add (o->costs, ci);
  ci = consort_cost_item_new (CONSORT_COST_PENSION_STRAIN);
  ci->form = CONSORT_COST_FORM_AMOUNT;
  ci->year = 2012;
  ci->amount = 1999999;
  ci->owner.borough_id = g_strdup ("rbkc");
  g_ptr_array_add (o->costs, ci);
  g_ptr_array_add (a->options, o);

  /* An option with nothing in it yet. */
  g_ptr_array_add (a->options, consort_option_new ("empty", "Nothing yet"));
  return a;
}

static void
assert_valid (const ConsortAppraisal *a)
{
  g_autoptr(GError) error = NULL;

  consort_appraisal_validate (a, &error);
  g_assert_no_error (error);
}

static ConsortDocument *
create_doc (const char             *path,
            const ConsortAppraisal *a)
{
  g_autoptr(GError) error = NULL;
  ConsortDocument *doc = consort_document_create (path, a, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static ConsortDocument *
open_doc (const char       *path,
          ConsortOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  ConsortDocument *doc = consort_document_open (path, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static ConsortAppraisal *
load_file (const char *path)
{
  g_autoptr(ConsortDocument) doc = open_doc (path, CONSORT_OPEN_READ_ONLY);

  return consort_appraisal_ref (consort_document_get_appraisal (doc));
}

/* ---- round trip ---------------------------------------------------- */

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ConsortAppraisal) rich = build_rich ();
  g_autofree char *path = in_dir (f, "rich.consort");
  g_autofree char *listing = NULL;
  g_autoptr(ConsortDocument) doc = NULL;
  g_autoptr(ConsortDocument) again = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *sum_after = NULL;
  gint64 mtime;
  sqlite3 *db;

  assert_valid (rich);
  doc = create_doc (path, rich);
  g_assert_true (consort_appraisal_equal (consort_document_get_appraisal (doc), rich));
  g_assert_cmpstr (consort_document_get_path (doc), ==, path);
  g_assert_false (consort_document_get_read_only (doc));
  g_assert_null (consort_document_get_read_only_reason (doc));
  g_assert_false (consort_document_can_undo (doc));
  g_assert_false (consort_document_can_redo (doc));

  /* While open, and after closing, nothing lies beside the file. */
  listing = dir_listing (f->dir);
  g_assert_cmpstr (listing, ==, "rich.consort");
  consort_document_close (doc);
  g_clear_object (&doc);
  g_free (listing);
  listing = dir_listing (f->dir);
  g_assert_cmpstr (listing, ==, "rich.consort");

  /* Opening for writing and closing without an edit writes nothing. */
  sum = file_checksum (path);
  mtime = file_mtime_ns (path);
  again = open_doc (path, CONSORT_OPEN_DEFAULT);
  g_assert_true (consort_appraisal_equal (consort_document_get_appraisal (again), rich));
  g_assert_false (consort_document_get_read_only (again));
  g_clear_object (&again);
  sum_after = file_checksum (path);
  g_assert_cmpstr (sum, ==, sum_after);
  g_assert_cmpint (mtime, ==, file_mtime_ns (path));

  /* The file is stamped as ours, in a journal mode that leaves nothing
   * behind, and its foreign keys hold. */
  db = raw_open (path);
  g_assert_cmpint (raw_int (db, "PRAGMA application_id"), ==, CONSORT_APPLICATION_ID);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, CONSORT_SCHEMA_VERSION);
  {
    g_autofree char *mode = raw_text (db, "PRAGMA journal_mode");
    g_assert_cmpstr (mode, ==, "delete");
  }
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM baselines"), ==, 4);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM custom_shares"), ==, 4);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM risks"), ==, 2);
  /* Money as integer pence. */
  g_assert_cmpint (raw_int (db, "SELECT amount FROM savings_amounts WHERE year = 2012"), ==, 41000001);
  sqlite3_close (db);

  g_free (listing);
  listing = dir_listing (f->dir);
  g_assert_cmpstr (listing, ==, "rich.consort");
}

static void
test_create_refuses (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(ConsortAppraisal) rich = build_rich ();
  g_autoptr(ConsortAppraisal) bad = NULL;
  g_autofree char *path = in_dir (f, "exists.consort");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;
  ConsortDocument *doc;

  write_file (path, "precious", -1);
  before = file_checksum (path);
  doc = consort_document_create (path, rich, &error);
  g_assert_null (doc);
  g_assert_error (error, CONSORT_ERROR, CONSORT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "already exists"));
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);

  /* An invalid appraisal creates nothing at all. */
  bad = consort_appraisal_copy (rich);
  bad->discount_rate = 1500000;
  g_free (path);
  path = in_dir (f, "invalid.consort");
  doc = consort_document_create (path, bad, &error);
  g_assert_null (doc);
  g_assert_error (error, CONSORT_ERROR, CONSORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "discount_rate"));
  listing = dir_listing (f->dir);
  g_assert_cmpstr (listing, ==, "exists.consort");
}

/* ---- apply, undo, redo ------------------------------------------------ */

typedef struct {
  int changed;
  int can_undo;
  int can_redo;
} Counts;

static void
on_changed (ConsortDocument *doc,
            Counts          *c)
{
  c->changed++;
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           Counts     *c)
{
  if (g_str_equal (pspec->name, "can-undo"))
    c->can_undo++;
  else if (g_str_equal (pspec->name, "can-redo"))
    c->can_redo++;
}

static ConsortAppraisal *
with_title (ConsortDocument *doc,
            const char      *title)
{
  ConsortAppraisal *copy = consort_appraisal_copy (consort_document_get_appraisal (doc));

  g_free (copy->title);
  copy->title = g_strdup (title);
  return copy;
}

static void
apply_ok (ConsortDocument  *doc,
          ConsortAppraisal *a,
          const char       *label)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (consort_document_apply (doc, a, label, &error));
  g_assert_no_error (error);
}

static void
apply_title (ConsortDocument *doc,
             const char      *title,
             const char      *label)
{
  g_autoptr(ConsortAppraisal) a = with_title (doc, title);

  apply_ok (doc, a, label);
}

static void
test_undo_redo (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(ConsortAppraisal) rich = build_rich ();
  g_autofree char *path = in_dir (f, "undo.consort");
  g_autoptr(ConsortDocument) doc = NULL;
  g_autoptr(ConsortAppraisal) a1 = NULL;
  g_autoptr(ConsortAppraisal) a2 = NULL;
  g_autoptr(ConsortAppraisal) same = NULL;
  g_autoptr(ConsortAppraisal) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  Counts c = { 0, };
  ConsortBaseline *bl;

  doc = create_doc (path, rich);
  g_signal_connect (doc, "changed", G_CALLBACK (on_changed), &c);
  g_signal_connect (doc, "notify", G_CALLBACK (on_notify), &c);

  g_assert_false (consort_document_undo (doc, &error));
  g_assert_error (error, CONSORT_ERROR, CONSORT_ERROR_NOTHING_TO_UNDO);
  g_clear_error (&error);
  g_assert_false (consort_document_redo (doc, &error));
  g_assert_error (error, CONSORT_ERROR, CONSORT_ERROR_NOTHING_TO_UNDO);
  g_clear_error (&error);
  g_assert_null (consort_document_get_undo_label (doc));

  /* Edit 1: a baseline budget. */
  a1 = consort_appraisal_copy (consort_document_get_appraisal (doc));
  bl = consort_service_find_baseline (consort_appraisal_find_service (a1, "education"), "hf");
  bl->budget = 1300000000;
  apply_ok (doc, a1, "Edit budget");
  g_assert_true (consort_document_get_appraisal (doc) == a1);
  g_assert_cmpint (c.changed, ==, 1);
  g_assert_cmpint (c.can_undo, ==, 1);
  g_assert_cmpint (c.can_redo, ==, 0);
  g_assert_true (consort_document_can_undo (doc));
  g_assert_cmpstr (consort_document_get_undo_label (doc), ==, "Edit budget");

  /* Edit 2: the title. */
  a2 = with_title (doc, "Renamed");
  apply_ok (doc, a2, "Rename appraisal");
  g_assert_cmpint (c.changed, ==, 2);
  g_assert_cmpint (c.can_undo, ==, 1);  /* already TRUE: no notify */
  g_assert_cmpstr (consort_document_get_undo_label (doc), ==, "Rename appraisal");

  /* Applying an equal state is no edit at all. */
  same = consort_appraisal_copy (a2);
  apply_ok (doc, same, "Nothing");
  g_assert_cmpint (c.changed, ==, 2);
  g_assert_cmpstr (consort_document_get_undo_label (doc), ==, "Rename appraisal");

  /* Undo twice: back to the start, on disk too. */
  g_assert_true (consort_document_undo (doc, &error));
  g_assert_no_error (error);
  g_assert_cmpint (c.changed, ==, 3);
  g_assert_cmpint (c.can_redo, ==, 1);
  g_assert_true (consort_appraisal_equal (consort_document_get_appraisal (doc), a1));
  g_assert_cmpstr (consort_document_get_redo_label (doc), ==, "Rename appraisal");
  g_assert_cmpstr (consort_document_get_undo_label (doc), ==, "Edit budget");
  loaded = load_file (path);
  g_assert_true (consort_appraisal_equal (loaded, a1));
  g_clear_pointer (&loaded, consort_appraisal_unref);

  g_assert_true (consort_document_undo (doc, &error));
  g_assert_no_error (error);
  g_assert_false (consort_document_can_undo (doc));
  g_assert_cmpint (c.can_undo, ==, 2);
  g_assert_true (consort_appraisal_equal (consort_document_get_appraisal (doc), rich));
  loaded = load_file (path);
  g_assert_true (consort_appraisal_equal (loaded, rich));
  g_clear_pointer (&loaded, consort_appraisal_unref);

  /* Redo once: the budget edit is back, on disk too. */
  g_assert_true (consort_document_redo (doc, &error));
  g_assert_no_error (error);
  g_assert_true (consort_appraisal_equal (consort_document_get_appraisal (doc), a1));
  g_assert_cmpstr (consort_document_get_undo_label (doc), ==, "Edit budget");
  g_assert_cmpstr (consort_document_get_redo_label (doc), ==, "Rename appraisal");
  loaded = load_file (path);
  g_assert_true (consort_appraisal_equal (loaded, a1));
  g_clear_pointer (&loaded, consort_appraisal_unref);

  /* A new edit clears what could be redone. */
  g_clear_pointer (&a2, consort_appraisal_unref);
  a2 = with_title (doc, "Another title");
  apply_ok (doc, a2, "Rename again");
  g_assert_false (consort_document_can_redo (doc));
  g_assert_null (consort_document_get_redo_label (doc));
  g_assert_cmpint (c.can_redo, ==, 2);  /* FALSE -> TRUE at the first undo, TRUE -> FALSE here */

  /* Close and reopen: the last state is what was saved. */
  consort_document_close (doc);
  g_clear_pointer (&a2, consort_appraisal_unref);
  a2 = with_title (doc, "After close");
  g_assert_false (consort_document_apply (doc, a2, "x", &error));
  g_assert_error (error, CONSORT_ERROR, CONSORT_ERROR_IO);
  g_clear_error (&error);
  g_clear_object (&doc);
  listing = dir_listing (f->dir);
  g_assert_cmpstr (listing, ==, "undo.consort");
  doc = open_doc (path, CONSORT_OPEN_DEFAULT);
  g_assert_cmpstr (consort_document_get_appraisal (doc)->title, ==, "Another title");
  g_assert_false (consort_document_can_undo (doc));
}

static void
test_undo_depth (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ConsortAppraisal) empty = consort_appraisal_new ();
  g_autofree char *path = NULL;
  g_autoptr(ConsortDocument) doc = NULL;
  int undone = 0;

  /* 410 saves, each synced to disk: on a RAM disk where there is one. */
  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && access ("/dev/shm", W_OK) == 0)
    {
      g_autofree char *shm = g_build_filename ("/dev/shm", "consort-document-XXXXXX", NULL);

      if (g_mkdtemp (shm) != NULL)
        {
          remove_tree (f->dir);
          g_free (f->dir);
          f->dir = g_steal_pointer (&shm);
        }
    }
  path = in_dir (f, "depth.consort");
  doc = create_doc (path, empty);

  for (int i = 1; i <= 210; i++)
    {
      g_autofree char *title = g_strdup_printf ("Title %d", i);
      g_autoptr(ConsortAppraisal) a = with_title (doc, title);

      apply_ok (doc, a, title);
    }
  while (consort_document_can_undo (doc))
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (consort_document_undo (doc, &error));
      g_assert_no_error (error);
      undone++;
    }
  g_assert_cmpint (undone, ==, 200);
  g_assert_cmpstr (consort_document_get_appraisal (doc)->title, ==, "Title 10");
  g_assert_cmpstr (consort_document_get_redo_label (doc), ==, "Title 11");
}

/* ---- failures change nothing ------------------------------------------ */

/* An edit whose save fails midway, at the risks of option 3 (written
 * last), must leave the file and the document as they were. */
static void
assert_boom_fails (ConsortDocument *doc,
                   const char      *path,
                   Counts          *c)
{
  g_autoptr(ConsortAppraisal) edit = NULL;
  g_autoptr(ConsortAppraisal) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = file_checksum (path);
  g_autofree char *after = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *listing_before = dir_listing (dir);
  g_autofree char *listing_after = NULL;
  ConsortAppraisal *old_state = consort_document_get_appraisal (doc);
  g_autofree char *undo_label = g_strdup (consort_document_get_undo_label (doc));
  ConsortRisk *risk;
  Counts start = *c;

  edit = with_title (doc, "Failing edit");
  ((ConsortBorough *) g_ptr_array_index (edit->boroughs, 0))->population = 1;
  ((ConsortBaseline *) g_ptr_array_index (((ConsortService *) g_ptr_array_index (edit->services, 0))->baselines, 0))->budget = 7;
  g_ptr_array_remove_index (((ConsortOption *) g_ptr_array_index (edit->options, 0))->savings, 0);
  risk = consort_risk_new ();
  risk->issue = g_strdup ("boom");
  g_ptr_array_add (consort_appraisal_find_option (edit, "3")->risks, risk);

  g_assert_false (consort_document_apply (doc, edit, "Failing", &error));
  g_assert_error (error, CONSORT_ERROR, CONSORT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "injected failure"));

  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  listing_after = dir_listing (dir);
  g_assert_cmpstr (listing_before, ==, listing_after);
  g_assert_true (consort_document_get_appraisal (doc) == old_state);
  g_assert_cmpstr (consort_document_get_undo_label (doc), ==, undo_label);
  g_assert_cmpint (c->changed, ==, start.changed);
  g_assert_cmpint (c->can_undo, ==, start.can_undo);
  g_assert_cmpint (c->can_redo, ==, start.can_redo);
  loaded = load_file (path);
  g_assert_true (consort_appraisal_equal (loaded, old_state));
}

static void
test_failed_apply (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ConsortAppraisal) rich = build_rich ();
  g_autofree char *path = in_dir (f, "atomic.consort");
  g_autoptr(ConsortDocument) doc = create_doc (path, rich);
  g_autoptr(ConsortAppraisal) invalid = NULL;
  g_autoptr(ConsortAppraisal) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ConsortAppraisal *old_state;
  Counts c = { 0, };
  sqlite3 *db;

  apply_title (doc, "First edit", "First");
  g_signal_connect (doc, "changed", G_CALLBACK (on_changed), &c);
  g_signal_connect (doc, "notify", G_CALLBACK (on_notify), &c);

  db = raw_open (path);
  raw_exec (db, "CREATE TRIGGER test_fail BEFORE INSERT ON risks WHEN NEW.issue = 'boom'"
                " BEGIN SELECT RAISE (ABORT, 'injected failure'); END;");
  sqlite3_close (db);

  /* Another connection wrote to the file, so this save rewrites it all. */
  assert_boom_fails (doc, path, &c);
  /* After a save of our own, only the changes are written. */
  apply_title (doc, "Second edit", "Second");
  assert_boom_fails (doc, path, &c);
  g_assert_cmpint (c.changed, ==, 1);

  /* An invalid appraisal is refused before anything is written. */
  old_state = consort_document_get_appraisal (doc);
  before = file_checksum (path);
  invalid = consort_appraisal_copy (old_state);
  g_ptr_array_add (((ConsortOption *) g_ptr_array_index (invalid->options, 0))->participants,
                   consort_participant_new ("nowhere", 2010));
  g_assert_false (consort_document_apply (doc, invalid, "Bad", &error));
  g_assert_error (error, CONSORT_ERROR, CONSORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "nowhere"));
  g_clear_error (&error);
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (consort_document_get_appraisal (doc) == old_state);

  /* A failed undo changes nothing either. */
  db = raw_open (path);
  raw_exec (db, "DROP TRIGGER test_fail;"
                "CREATE TRIGGER test_fail2 BEFORE INSERT ON appraisal"
                " BEGIN SELECT RAISE (ABORT, 'injected failure'); END;");
  sqlite3_close (db);
  g_free (before);
  before = file_checksum (path);
  g_assert_false (consort_document_undo (doc, &error));
  g_assert_error (error, CONSORT_ERROR, CONSORT_ERROR_IO);
  g_clear_error (&error);
  g_free (after);
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (consort_document_get_appraisal (doc) == old_state);
  g_assert_cmpstr (consort_document_get_undo_label (doc), ==, "Second");

  /* The document is still usable once the obstacle is gone. */
  db = raw_open (path);
  raw_exec (db, "DROP TRIGGER test_fail2;");
  sqlite3_close (db);
  g_assert_true (consort_document_undo (doc, &error));
  g_assert_no_error (error);
  g_assert_true (consort_document_undo (doc, &error));
  g_assert_no_error (error);
  loaded = load_file (path);
  g_assert_true (consort_appraisal_equal (loaded, rich));
}

/* Many kinds of edit in a row, each saved as changes only: after each,
 * the file holds exactly the document's state, and undo walks back
 * through every one of them. */
static void
assert_file_matches (ConsortDocument *doc)
{
  g_autoptr(ConsortAppraisal) loaded = load_file (consort_document_get_path (doc));

  g_assert_true (consort_appraisal_equal (loaded, consort_document_get_appraisal (doc)));
}

static gint64
count_inserts (const char *path,
               const char *table)
{
  sqlite3 *db = raw_open (path);
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce ((SELECT n FROM test_counts"
                                          " WHERE tbl = '%s'), 0)", table);
  gint64 n = raw_int (db, sql);

  sqlite3_close (db);
  return n;
}

static void
test_incremental (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ConsortAppraisal) rich = build_rich ();
  g_autofree char *path = in_dir (f, "edits.consort");
  g_autoptr(ConsortDocument) doc = create_doc (path, rich);
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func ((GDestroyNotify) consort_appraisal_unref);
  g_autoptr(GError) error = NULL;
  sqlite3 *db;
  /* Rows inserted into baselines and savings_items by each step: only
   * what changed is written, unless the step rewrites everything. */
  const gint64 expect_baselines[] = { 0, 2, 3, 0, 0, 0, 0, 0, 0, 5, 5, 0, 0, 5 };
  const gint64 expect_savings[] = { 0, 0, 0, 3, 6, 6, 6, 9, 0, 9, 9, 3, 3, 9 };

  /* Count the rows written, with triggers put in while the file is closed. */
  g_clear_object (&doc);
  db = raw_open (path);
  raw_exec (db, "CREATE TABLE test_counts (tbl TEXT PRIMARY KEY, n INTEGER);"
                "CREATE TRIGGER count_baselines AFTER INSERT ON baselines BEGIN"
                " INSERT INTO test_counts VALUES ('baselines', 1)"
                " ON CONFLICT (tbl) DO UPDATE SET n = n + 1; END;"
                "CREATE TRIGGER count_savings AFTER INSERT ON savings_items BEGIN"
                " INSERT INTO test_counts VALUES ('savings_items', 1)"
                " ON CONFLICT (tbl) DO UPDATE SET n = n + 1; END;");
  sqlite3_close (db);
  doc = open_doc (path, CONSORT_OPEN_DEFAULT);

  g_ptr_array_add (states, consort_appraisal_ref (rich));
  for (int step = 0; step < 14; step++)
    {
      gint64 baselines_before = count_inserts (path, "baselines");
      gint64 savings_before = count_inserts (path, "savings_items");
      g_autoptr(ConsortAppraisal) a = consort_appraisal_copy (consort_document_get_appraisal (doc));
      ConsortOption *o1a = consort_appraisal_find_option (a, "1a");
      ConsortOption *o3 = consort_appraisal_find_option (a, "3");
      ConsortSavingsItem *si;

      switch (step)
        {
        case 0:  /* a borough's name */
          g_free (((ConsortBorough *) g_ptr_array_index (a->boroughs, 1))->name);
          ((ConsortBorough *) g_ptr_array_index (a->boroughs, 1))->name = g_strdup ("H&F");
          break;
        case 1:  /* one baseline */
          consort_service_find_baseline (consort_appraisal_find_service (a, "commissioning"),
                                         "rbkc")->budget = 99;
          break;
        case 2:  /* a baseline added, the service renamed */
          add_baseline (consort_appraisal_find_service (a, "commissioning"), "wcc", 5, 0, 0, 0, FALSE);
          g_free (consort_appraisal_find_service (a, "commissioning")->name);
          consort_appraisal_find_service (a, "commissioning")->name = g_strdup ("Commissioning & procurement");
          break;
        case 3:  /* a savings item changed in one option */
          si = g_ptr_array_index (o1a->savings, 1);
          consort_year_amounts_set (si->amounts, 2013, 123456);
          break;
        case 4:  /* custom weights changed, an item added to another option */
          si = g_ptr_array_index (o1a->savings, 2);
          g_array_index (si->owner.custom_shares, ConsortShareWeight, 0).weight = 1;
          si = consort_savings_item_new ("education", CONSORT_METHOD_POSTS);
          g_ptr_array_add (si->posts, consort_post_new ("New post", 2000000, 100));
          si->start_year = 2014;
          g_ptr_array_add (o3->savings, si);
          break;
        case 5:  /* options reordered */
          g_ptr_array_insert (a->options, 0, g_ptr_array_steal_index (a->options, 2));
          break;
        case 6:  /* an option removed */
          g_ptr_array_remove_index (a->options, 0);
          break;
        case 7:  /* an option added */
          g_ptr_array_add (a->options, consort_option_copy (o3));
          g_free (((ConsortOption *) g_ptr_array_index (a->options, a->options->len - 1))->id);
          ((ConsortOption *) g_ptr_array_index (a->options, a->options->len - 1))->id = g_strdup ("3b");
          break;
        case 8:  /* settings only */
          a->years = 9;
          a->discount_rate = 0;
          g_ptr_array_remove_index (a->default_rates, 3);
          g_clear_pointer (&a->perspective, g_free);
          break;
        case 9:  /* a borough added: everything rewritten */
          g_ptr_array_add (a->boroughs, consort_borough_new ("lbhf2", "New borough", 5));
          break;
        case 10:  /* services reordered */
          g_ptr_array_insert (a->services, 0, g_ptr_array_steal_index (a->services, 1));
          break;
        case 11:  /* feasibility and risks */
          g_ptr_array_remove_index (o1a->feasibility, 0);
          g_ptr_array_remove_index (o1a->risks, 1);
          break;
        case 12:  /* a cost item's custom shares */
          add_share (&((ConsortCostItem *) g_ptr_array_index (o1a->costs, 2))->owner, "lbhf2", 0);
          g_ptr_array_add (o1a->participants, consort_participant_new ("lbhf2", 2015));
          break;
        case 13:  /* another program changed the file meanwhile: rewritten whole */
          db = raw_open (path);
          raw_exec (db, "UPDATE boroughs SET name = 'Changed elsewhere' WHERE id = 'wcc';");
          sqlite3_close (db);
          o3->name = (g_free (o3->name), g_strdup ("Option three"));
          break;
        }
      assert_valid (a);
      apply_ok (doc, a, "Edit");
      assert_file_matches (doc);
      g_ptr_array_add (states, consort_appraisal_ref (a));
      g_test_message ("step %d: %" G_GINT64_FORMAT " baselines, %" G_GINT64_FORMAT
                      " savings items written", step,
                      count_inserts (path, "baselines") - baselines_before,
                      count_inserts (path, "savings_items") - savings_before);
      g_assert_cmpint (count_inserts (path, "baselines") - baselines_before, ==,
                       expect_baselines[step]);
      g_assert_cmpint (count_inserts (path, "savings_items") - savings_before, ==,
                       expect_savings[step]);
    }

  for (int i = (int) states->len - 2; i >= 0; i--)
    {
      g_assert_true (consort_document_undo (doc, &error));
      g_assert_no_error (error);
      g_assert_true (consort_appraisal_equal (consort_document_get_appraisal (doc),
                                              g_ptr_array_index (states, i)));
      assert_file_matches (doc);
    }
  while (consort_document_can_redo (doc))
    {
      g_assert_true (consort_document_redo (doc, &error));
      g_assert_no_error (error);
      assert_file_matches (doc);
    }
  g_assert_true (consort_appraisal_equal (consort_document_get_appraisal (doc),
                                          g_ptr_array_index (states, states->len - 1)));
  db = raw_open (path);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  sqlite3_close (db);
}

/* ---- bad files ------------------------------------------------------- */

static void
assert_refused (const char *path,
                ConsortError code,
                const char *message)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *before = file_checksum (path);
  g_autofree char *listing_before = dir_listing (dir);
  g_autofree char *after = NULL;
  g_autofree char *listing_after = NULL;
  gint64 mtime = file_mtime_ns (path);
  g_autoptr(GError) error = NULL;

  for (int flags = 0; flags <= CONSORT_OPEN_READ_ONLY; flags++)
    {
      ConsortDocument *doc = consort_document_open (path, flags, &error);

      g_assert_null (doc);
      g_assert_error (error, CONSORT_ERROR, (int) code);
      if (strstr (error->message, message) == NULL)
        g_error ("“%s” not found in “%s”", message, error->message);
      g_test_message ("%s", error->message);
      g_clear_error (&error);
    }

  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (mtime, ==, file_mtime_ns (path));
  listing_after = dir_listing (dir);
  g_assert_cmpstr (listing_before, ==, listing_after);
}

static char *
make_good_file (Fixture    *f,
                const char *name)
{
  g_autoptr(ConsortAppraisal) rich = build_rich ();
  char *path = in_dir (f, name);
  g_autoptr(ConsortDocument) doc = create_doc (path, rich);

  consort_document_close (doc);
  return path;
}

static void
test_bad_files (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  gsize length;
  sqlite3 *db;

  /* Empty. */
  path = in_dir (f, "empty.consort");
  write_file (path, "", 0);
  assert_refused (path, CONSORT_ERROR_NOT_CONSORT, "The file is not a Consort appraisal (the file is empty)");
  g_clear_pointer (&path, g_free);

  /* Random bytes. */
  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (20100701);
    guint8 bytes[8192];

    for (guint i = 0; i < sizeof bytes; i++)
      bytes[i] = (guint8) g_rand_int_range (rand, 0, 256);
    path = in_dir (f, "random.consort");
    write_file (path, (const char *) bytes, sizeof bytes);
    assert_refused (path, CONSORT_ERROR_NOT_CONSORT, "The file is not a Consort appraisal");
    g_clear_pointer (&path, g_free);
  }

  /* JSON renamed. */
  path = in_dir (f, "renamed.consort");
  write_file (path, "\n  { \"format\": \"consort-appraisal\", \"version\": 1, \"title\": \"x\" }\n", -1);
  assert_refused (path, CONSORT_ERROR_NOT_CONSORT, "JSON");
  g_clear_pointer (&path, g_free);

  /* Another program's SQLite database. */
  path = in_dir (f, "foreign.consort");
  db = raw_open (path);
  raw_exec (db, "CREATE TABLE boroughs (id TEXT); INSERT INTO boroughs VALUES ('wcc');");
  sqlite3_close (db);
  assert_refused (path, CONSORT_ERROR_NOT_CONSORT, "The file is not a Consort appraisal (it is a database of another program)");
  g_clear_pointer (&path, g_free);

  /* A Consort file from the future. */
  path = make_good_file (f, "newer.consort");
  db = raw_open (path);
  raw_exec (db, "PRAGMA user_version = 3; CREATE TABLE future (x);");
  sqlite3_close (db);
  message = g_strdup_printf ("The file was written by a newer version of Consort "
                             "(file format 3; this version reads up to %d)",
                             CONSORT_SCHEMA_VERSION);
  assert_refused (path, CONSORT_ERROR_TOO_NEW, message);
  g_clear_pointer (&path, g_free);

  /* Truncated: within the header, and after a few pages. */
  path = make_good_file (f, "truncated.consort");
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 3 * 4096);
  write_file (path, contents, 3 * 4096);
  assert_refused (path, CONSORT_ERROR_DAMAGED, "The file is damaged: its database structure is corrupt");
  write_file (path, contents, 60);
  assert_refused (path, CONSORT_ERROR_DAMAGED, "The file is damaged: the file is truncated");
  g_clear_pointer (&path, g_free);

  /* A page overwritten with garbage. */
  path = in_dir (f, "corrupt.consort");
  memset (contents + 2 * 4096 + 8, 0x5a, 2000);
  write_file (path, contents, length);
  assert_refused (path, CONSORT_ERROR_DAMAGED, "The file is damaged: its database structure is corrupt");
  /* No SQLite jargon and no file name: the caller names the file. */
  {
    g_autoptr(GError) e = NULL;

    g_assert_null (consort_document_open (path, CONSORT_OPEN_READ_ONLY, &e));
    g_assert_cmpstr (e->message, ==, "The file is damaged: its database structure is corrupt");
  }
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&contents, g_free);

  /* Sound SQLite, but contents that break the model's rules. */
  path = make_good_file (f, "invalid.consort");
  db = raw_open (path);
  raw_exec (db, "UPDATE savings_items SET rate = 1500000 WHERE has_rate = 1;");
  sqlite3_close (db);
  assert_refused (path, CONSORT_ERROR_DAMAGED, "is outside 0 to 1");
  g_clear_pointer (&path, g_free);

  /* A table missing. */
  path = make_good_file (f, "missing.consort");
  db = raw_open (path);
  raw_exec (db, "DROP TABLE risks;");
  sqlite3_close (db);
  assert_refused (path, CONSORT_ERROR_DAMAGED, "The file is damaged: its database structure is corrupt");
  g_clear_pointer (&path, g_free);

  /* Ours, but without a format version. */
  path = make_good_file (f, "unversioned.consort");
  db = raw_open (path);
  raw_exec (db, "PRAGMA user_version = 0;");
  sqlite3_close (db);
  assert_refused (path, CONSORT_ERROR_DAMAGED, "no file format version");
  g_clear_pointer (&path, g_free);

  /* Not a file, and no file at all. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *sub = in_dir (f, "folder.consort");
    g_autofree char *none = in_dir (f, "none.consort");

    g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
    g_assert_null (consort_document_open (sub, 0, &error));
    g_assert_error (error, CONSORT_ERROR, CONSORT_ERROR_NOT_CONSORT);
    g_clear_error (&error);
    g_assert_null (consort_document_open (none, 0, &error));
    g_assert_error (error, CONSORT_ERROR, CONSORT_ERROR_IO);
    g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));
  }
}

/* Random damage anywhere in a good file, with a fixed seed: every file
 * either opens (the damage hit unused space or text) or is refused with
 * a message, and a refused file is never written to. */
static void
test_random_damage (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *good = make_good_file (f, "good.consort");
  g_autofree char *path = in_dir (f, "damaged.consort");
  g_autofree char *contents = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (27072010);
  gsize length;
  int opened = 0, refused = 0;

  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
  for (int i = 0; i < 300; i++)
    {
      g_autofree char *copy = g_memdup2 (contents, length);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;
      ConsortDocument *doc;
      gsize l = length;
      int n = g_rand_int_range (rand, 1, 20);

      for (int k = 0; k < n; k++)
        copy[g_rand_int_range (rand, 0, (gint32) length)] = (char) g_rand_int_range (rand, 0, 256);
      if (i % 7 == 0)
        l = (gsize) g_rand_int_range (rand, 0, (gint32) length);
      write_file (path, copy, (gssize) l);
      before = file_checksum (path);

      doc = consort_document_open (path, i % 2 ? CONSORT_OPEN_READ_ONLY : 0, &error);
      if (doc != NULL)
        {
          g_assert_no_error (error);
          assert_valid (consort_document_get_appraisal (doc));
          g_object_unref (doc);
          opened++;
          continue;
        }
      refused++;
      g_assert_true (error->code == CONSORT_ERROR_NOT_CONSORT
                     || error->code == CONSORT_ERROR_DAMAGED
                     || error->code == CONSORT_ERROR_TOO_NEW);
      /* The problem first; the caller names the file. */
      g_assert_true (g_str_has_prefix (error->message, "The file "));
      g_assert_null (strstr (error->message, "damaged.consort"));
      after = file_checksum (path);
      g_assert_cmpstr (before, ==, after);
    }
  g_test_message ("%d damaged files opened, %d refused", opened, refused);
  g_assert_cmpint (refused, >, 0);
}

/* A program that stopped in the middle of a save leaves the file with a
 * "hot" journal.  Opened for writing, SQLite rolls the save back; opened
 * read-only, the file and its journal are left alone and the last saved
 * state is read from a recovered copy. */
static void
test_interrupted_save (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(ConsortAppraisal) rich = build_rich ();
  g_autofree char *path = make_good_file (f, "crashed.consort");
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *sum_file = NULL;
  g_autofree char *sum_journal = NULL;
  g_autofree char *after = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(ConsortDocument) doc = NULL;
  int status = 0;
  pid_t pid;

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      sqlite3 *db = NULL;

      /* A tiny cache makes SQLite write changed pages into the file
       * before the commit, as a large save would. */
      sqlite3_open (path, &db);
      sqlite3_exec (db, "PRAGMA cache_size = 1; BEGIN;"
                        "UPDATE appraisal SET title = 'half-saved';"
                        "DELETE FROM custom_shares; DELETE FROM posts;"
                        "UPDATE baselines SET budget = budget + 1;", NULL, NULL, NULL);
      _exit (0);  /* no commit, no close */
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));

  sum_file = file_checksum (path);
  sum_journal = file_checksum (journal);
  doc = open_doc (path, CONSORT_OPEN_READ_ONLY);
  g_assert_true (consort_appraisal_equal (consort_document_get_appraisal (doc), rich));
  g_clear_object (&doc);
  after = file_checksum (path);
  g_assert_cmpstr (after, ==, sum_file);
  g_free (after);
  after = file_checksum (journal);
  g_assert_cmpstr (after, ==, sum_journal);

  doc = open_doc (path, CONSORT_OPEN_DEFAULT);
  g_assert_false (consort_document_get_read_only (doc));
  g_assert_true (consort_appraisal_equal (consort_document_get_appraisal (doc), rich));
  listing = dir_listing (f->dir);
  g_assert_cmpstr (listing, ==, "crashed.consort");
  apply_title (doc, "Recovered", "Rename");
}

/* ---- migrations -------------------------------------------------------- */

/* What tests/data/v1-sample.sql holds, as the model. */
static ConsortAppraisal *
build_v1_expected (void)
{
  ConsortAppraisal *a = consort_appraisal_new ();
  ConsortService *s;
  ConsortOption *o;
  ConsortSavingsItem *si;
  ConsortCostItem *ci;
  ConsortFeasibility *fe;
  ConsortMicros ph;

  g_free (a->title);
  a->title = g_strdup ("Children's services shared options (v1)");
  a->first_year = 2010;
  a->years = 4;
  g_ptr_array_add (a->boroughs, consort_borough_new ("wcc", "Westminster", 253100));
  g_ptr_array_add (a->boroughs, consort_borough_new ("hf", "Hammersmith & Fulham", 172200));
  s = consort_service_new ("education", "Education Services");
  add_baseline (s, "wcc", 1750000000, 120000000, 6000000, 12500050, FALSE);
  add_baseline (s, "hf", 1210000000, 95500000, 4000000, 0, FALSE);
  g_ptr_array_add (a->services, s);
  s = consort_service_new ("commissioning", "Commissioning");
  add_baseline (s, "hf", 430000000, 12000000, 1000000, 0, TRUE);
  g_ptr_array_add (a->services, s);

  o = consort_option_new ("1a", "Option 1A");
  o->description = g_strdup ("Two-borough shared education service");
  g_ptr_array_add (o->participants, consort_participant_new ("wcc", 2010));
  g_ptr_array_add (o->participants, consort_participant_new ("hf", 2011));
  si = consort_savings_item_new ("education", CONSORT_METHOD_POSTS);
  si->label = g_strdup ("Management posts");
  si->owner.share = CONSORT_SHARE_EQUAL;
  g_ptr_array_add (si->posts, consort_post_new ("Admissions manager", 1000000, 6000000));
  g_ptr_array_add (si->posts, consort_post_new ("Head of school improvement", 500000, 8550050));
  si->start_year = 2011;
  si->start_month = 9;
  ph = 100000; g_array_append_val (si->phasing, ph);
  ph = 550000; g_array_append_val (si->phasing, ph);
  ph = 1000000; g_array_append_val (si->phasing, ph);
  g_ptr_array_add (o->savings, si);
  si = consort_savings_item_new ("education", CONSORT_METHOD_AMOUNTS);
  si->owner.borough_id = g_strdup ("wcc");
  add_year_amount (si->amounts, 2011, 33500000);
  add_year_amount (si->amounts, 2012, 41000000);
  g_ptr_array_add (o->savings, si);
  si = consort_savings_item_new ("education", CONSORT_METHOD_RATE);
  si->label = g_strdup ("Procurement");
  si->model = g_strdup ("shared_service");
  si->owner.share = CONSORT_SHARE_CUSTOM;
  add_share (&si->owner, "wcc", 600000);
  add_share (&si->owner, "hf", 400000);
  si->start_year = 2012;
  g_ptr_array_add (o->savings, si);
  ci = consort_cost_item_new (CONSORT_COST_REDUNDANCY);
  ci->form = CONSORT_COST_FORM_POSTS;
  ci->owner.borough_id = g_strdup ("wcc");
  ci->year = 2010;
  ci->posts = 5000000;
  ci->unit_cost = 4130000;
  g_ptr_array_add (o->costs, ci);
  ci = consort_cost_item_new (CONSORT_COST_PROJECT_MANAGEMENT);
  ci->label = g_strdup ("Project team");
  ci->service_id = g_strdup ("education");
  ci->owner.share = CONSORT_SHARE_SAVINGS;
  ci->form = CONSORT_COST_FORM_AMOUNTS;
  add_year_amount (ci->amounts, 2010, 4066000);
  add_year_amount (ci->amounts, 2011, 2033000);
  g_ptr_array_add (o->costs, ci);
  fe = consort_feasibility_new ("education");
  fe->ratings[0] = CONSORT_LEVEL_LOW;
  fe->ratings[1] = CONSORT_LEVEL_SOME;
  fe->ratings[2] = CONSORT_LEVEL_LOW;
  fe->ratings[3] = CONSORT_LEVEL_HIGH;
  g_ptr_array_add (o->feasibility, fe);
  fe = consort_feasibility_new ("commissioning");
  fe->ratings[0] = CONSORT_LEVEL_SOME;
  fe->ratings[1] = CONSORT_LEVEL_SOME;
  fe->ratings[2] = CONSORT_LEVEL_UNSET;
  fe->ratings[3] = CONSORT_LEVEL_LOW;
  g_ptr_array_add (o->feasibility, fe);
  g_ptr_array_add (a->options, o);

  o = consort_option_new ("2", "Option 2");
  g_ptr_array_add (o->participants, consort_participant_new ("hf", 2010));
  si = consort_savings_item_new ("commissioning", CONSORT_METHOD_RATE);
  si->owner.borough_id = g_strdup ("hf");
  si->has_rate = TRUE;
  si->rate = 25000;
  si->start_year = 2010;
  g_ptr_array_add (o->savings, si);
  ci = consort_cost_item_new (CONSORT_COST_ICT_INVESTMENT);
  ci->form = CONSORT_COST_FORM_AMOUNT;
  ci->owner.borough_id = g_strdup ("hf");
  ci->year = 2011;
  ci->amount = 2500000;
  g_ptr_array_add (o->costs, ci);
  g_ptr_array_add (a->options, o);
  return a;
}

/* Builds a file of schema version 1 from the historical DDL and the
 * sample data. */
static void
make_v1_file (const char *path)
{
  g_autofree char *sql_path = g_test_build_filename (G_TEST_DIST, "data", "v1-sample.sql", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *stamp = NULL;
  sqlite3 *db;

  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, NULL));
  db = raw_open (path);
  raw_exec (db, "BEGIN");
  raw_exec (db, consort_schema_ddl (1));
  raw_exec (db, sql);
  stamp = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = 1;",
                           CONSORT_APPLICATION_ID);
  raw_exec (db, stamp);
  raw_exec (db, "COMMIT");
  sqlite3_close (db);
}

static gint64
file_version (const char *path)
{
  sqlite3 *db = raw_open (path);
  gint64 v = raw_int (db, "PRAGMA user_version");

  sqlite3_close (db);
  return v;
}

static void
test_migrate_v1 (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ConsortAppraisal) expected = build_v1_expected ();
  g_autofree char *path = in_dir (f, "old.consort");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(ConsortDocument) doc = NULL;
  g_autoptr(ConsortAppraisal) edit = NULL;
  g_autoptr(ConsortAppraisal) loaded = NULL;
  ConsortRisk *risk;

  assert_valid (expected);
  make_v1_file (path);
  g_assert_cmpint (file_version (path), ==, 1);

  /* Read-only: the figures are there, the file stays at version 1. */
  before = file_checksum (path);
  doc = open_doc (path, CONSORT_OPEN_READ_ONLY);
  g_assert_true (consort_appraisal_equal (consort_document_get_appraisal (doc), expected));
  g_clear_object (&doc);
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (file_version (path), ==, 1);

  /* Writable: migrated in place, every figure kept. */
  doc = open_doc (path, CONSORT_OPEN_DEFAULT);
  g_assert_false (consort_document_get_read_only (doc));
  g_assert_true (consort_appraisal_equal (consort_document_get_appraisal (doc), expected));
  g_assert_cmpint (file_version (path), ==, CONSORT_SCHEMA_VERSION);
  g_assert_null (consort_document_get_appraisal (doc)->author);

  /* And the version 2 fields can now be stored. */
  edit = consort_appraisal_copy (consort_document_get_appraisal (doc));
  edit->author = g_strdup ("Finance");
  edit->perspective = g_strdup ("wcc");
  risk = consort_risk_new ();
  risk->issue = g_strdup ("Staff transfer");
  risk->likelihood = CONSORT_LEVEL_LOW;
  g_ptr_array_add (((ConsortOption *) g_ptr_array_index (edit->options, 0))->risks, risk);
  ((ConsortFeasibility *) g_ptr_array_index (((ConsortOption *) g_ptr_array_index (edit->options, 0))->feasibility, 0))->note = g_strdup ("Note");
  apply_ok (doc, edit, "Add risk");
  g_clear_object (&doc);
  loaded = load_file (path);
  g_assert_true (consort_appraisal_equal (loaded, edit));
  listing = dir_listing (f->dir);
  g_assert_cmpstr (listing, ==, "old.consort");
}

/* A file written with version 1 and kept in the repository: protects
 * against the historical DDL being edited by mistake. */
static void
test_migrate_fixture (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(ConsortAppraisal) expected = build_v1_expected ();
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "v1-sample.consort", NULL);
  g_autofree char *path = in_dir (f, "fixture.consort");
  g_autofree char *contents = NULL;
  g_autoptr(ConsortDocument) doc = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (fixture, &contents, &length, NULL));
  write_file (path, contents, length);
  g_assert_cmpint (file_version (path), ==, 1);
  doc = open_doc (path, CONSORT_OPEN_DEFAULT);
  g_assert_true (consort_appraisal_equal (consort_document_get_appraisal (doc), expected));
  g_assert_cmpint (file_version (path), ==, CONSORT_SCHEMA_VERSION);
}

/* Columns, keys, constraints and indexes of every table, as text. */
static char *
describe_schema (sqlite3 *db)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *tables = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                       " ORDER BY name", -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (tables, 0);
      const char *queries[] = {
        "SELECT name, type, \"notnull\", quote (dflt_value), pk FROM pragma_table_xinfo (?1) ORDER BY cid",
        "SELECT \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list (?1) ORDER BY id, seq",
        "SELECT \"unique\", origin, partial, (SELECT group_concat (name) FROM pragma_index_info (il.name))"
        " FROM pragma_index_list (?1) AS il ORDER BY 4",
      };

      g_string_append_printf (out, "table %s\n", table);
      for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
        {
          sqlite3_stmt *stmt = NULL;

          g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
          sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            {
              for (int c = 0; c < sqlite3_column_count (stmt); c++)
                g_string_append_printf (out, " %s", sqlite3_column_text (stmt, c));
              g_string_append_c (out, '\n');
            }
          sqlite3_finalize (stmt);
        }
    }
  sqlite3_finalize (tables);
  return g_string_free (out, FALSE);
}

/* Every earlier version migrates to exactly the schema of a new file. */
static void
test_migrate_schema (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fresh_text = NULL;
  sqlite3 *fresh = NULL;

  g_assert_null (consort_schema_ddl (CONSORT_SCHEMA_OLDEST - 1));
  g_assert_null (consort_schema_ddl (CONSORT_SCHEMA_VERSION + 1));

  g_assert_cmpint (sqlite3_open (":memory:", &fresh), ==, SQLITE_OK);
  raw_exec (fresh, "BEGIN");
  g_assert_true (consort_schema_create (fresh, &error));
  g_assert_no_error (error);
  raw_exec (fresh, "COMMIT");
  fresh_text = describe_schema (fresh);
  g_assert_cmpint (raw_int (fresh, "PRAGMA user_version"), ==, CONSORT_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (fresh, "PRAGMA application_id"), ==, CONSORT_APPLICATION_ID);
  sqlite3_close (fresh);

  for (int v = CONSORT_SCHEMA_OLDEST; v < CONSORT_SCHEMA_VERSION; v++)
    {
      g_autofree char *text = NULL;
      g_autofree char *stamp = g_strdup_printf ("PRAGMA user_version = %d", v);
      sqlite3 *db = NULL;

      g_assert_nonnull (consort_schema_ddl (v));
      g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
      raw_exec (db, consort_schema_ddl (v));
      raw_exec (db, stamp);
      g_assert_true (consort_schema_migrate (db, v, &error));
      g_assert_no_error (error);
      g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, CONSORT_SCHEMA_VERSION);
      g_assert_cmpint (raw_int (db, "PRAGMA foreign_keys"), ==, 1);
      text = describe_schema (db);
      g_assert_cmpstr (text, ==, fresh_text);
      sqlite3_close (db);
    }
}

/* A migration that cannot complete leaves the file as it was. */
static void
test_migrate_atomic (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = in_dir (f, "blocked.consort");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db;

  make_v1_file (path);
  /* Something in the way of the second step: a risks table exists. */
  db = raw_open (path);
  raw_exec (db, "CREATE TABLE risks (x);");
  before = file_checksum (path);
  g_assert_false (consort_schema_migrate (db, 1, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "risks"));
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pragma_table_xinfo ('appraisal')"
                               " WHERE name = 'author'"), ==, 0);
  sqlite3_close (db);
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

/* ---- read-only ------------------------------------------------------- */

static void
assert_read_only (const char *path,
                  ConsortOpenFlags flags,
                  const char *reason)
{
  g_autoptr(ConsortDocument) doc = NULL;
  g_autoptr(ConsortAppraisal) edit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = file_checksum (path);
  g_autofree char *after = NULL;
  gint64 mtime = file_mtime_ns (path);

  doc = open_doc (path, flags);
  g_assert_true (consort_document_get_read_only (doc));
  g_assert_cmpstr (consort_document_get_read_only_reason (doc), ==, reason);
  edit = with_title (doc, "Not allowed");
  g_assert_false (consort_document_apply (doc, edit, "Rename", &error));
  g_assert_error (error, CONSORT_ERROR, CONSORT_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, reason));
  g_clear_error (&error);
  g_assert_false (consort_document_can_undo (doc));
  g_assert_false (consort_document_undo (doc, &error));
  g_clear_error (&error);
  g_assert_cmpstr (consort_document_get_appraisal (doc)->title, !=, "Not allowed");
  g_clear_object (&doc);

  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (mtime, ==, file_mtime_ns (path));
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = make_good_file (f, "ro.consort");
  g_autofree char *sub = in_dir (f, "locked");
  g_autofree char *inner = NULL;
  g_autofree char *copy = in_dir (f, "copy.consort");
  g_autofree char *listing = NULL;
  g_autoptr(ConsortDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  assert_read_only (path, CONSORT_OPEN_READ_ONLY, "Opened read-only on request");

  /* Read-only by its permissions, even for root. */
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  assert_read_only (path, CONSORT_OPEN_DEFAULT, "The file is read-only");

  /* A read-only document can still be saved elsewhere, and edited there. */
  doc = open_doc (path, CONSORT_OPEN_DEFAULT);
  g_assert_true (consort_document_save_as (doc, copy, TRUE, &error));
  g_assert_no_error (error);
  g_assert_false (consort_document_get_read_only (doc));
  g_assert_null (consort_document_get_read_only_reason (doc));
  g_assert_cmpstr (consort_document_get_path (doc), ==, copy);
  apply_title (doc, "Edited copy", "Rename");
  g_clear_object (&doc);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  /* In a folder that cannot be written (no room for the journal). */
  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  inner = g_build_filename (sub, "inner.consort", NULL);
  g_assert_cmpint (g_rename (path, inner), ==, 0);
  g_assert_cmpint (g_chmod (sub, 0555), ==, 0);
  assert_read_only (inner, CONSORT_OPEN_DEFAULT, "The folder containing the file is read-only");
  g_assert_cmpint (g_chmod (sub, 0755), ==, 0);
  listing = dir_listing (sub);
  g_assert_cmpstr (listing, ==, "inner.consort");
}

/* ---- save as ------------------------------------------------------------ */

static void
count_notify (int *counter)
{
  (*counter)++;
}

static void
test_save_as (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(ConsortAppraisal) rich = build_rich ();
  g_autofree char *path = in_dir (f, "original.consort");
  g_autofree char *dup = in_dir (f, "duplicate.consort");
  g_autofree char *moved = in_dir (f, "moved.consort");
  g_autofree char *sum_dup = NULL;
  g_autofree char *sum_orig = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(ConsortDocument) doc = create_doc (path, rich);
  g_autoptr(ConsortAppraisal) loaded = NULL;
  g_autoptr(GError) error = NULL;
  int path_notifies = 0;

  g_signal_connect_swapped (doc, "notify::path", G_CALLBACK (count_notify), &path_notifies);

  /* Duplicate: the document stays where it is. */
  write_file (dup, "to be replaced", -1);
  g_assert_true (consort_document_save_as (doc, dup, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (consort_document_get_path (doc), ==, path);
  g_assert_cmpint (path_notifies, ==, 0);
  loaded = load_file (dup);
  g_assert_true (consort_appraisal_equal (loaded, rich));
  g_clear_pointer (&loaded, consort_appraisal_unref);
  sum_dup = file_checksum (dup);
  apply_title (doc, "Original edited", "Rename");
  sum = file_checksum (dup);
  g_assert_cmpstr (sum, ==, sum_dup);
  g_clear_pointer (&sum, g_free);

  /* Save as and switch: edits go to the new file only. */
  g_assert_true (consort_document_save_as (doc, moved, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (consort_document_get_path (doc), ==, moved);
  g_assert_cmpint (path_notifies, ==, 1);
  sum_orig = file_checksum (path);
  apply_title (doc, "Moved edited", "Rename");
  sum = file_checksum (path);
  g_assert_cmpstr (sum, ==, sum_orig);
  loaded = load_file (moved);
  g_assert_cmpstr (loaded->title, ==, "Moved edited");
  g_clear_pointer (&loaded, consort_appraisal_unref);

  /* Undo still works, into the new file. */
  g_assert_true (consort_document_undo (doc, &error));
  g_assert_no_error (error);
  loaded = load_file (moved);
  g_assert_cmpstr (loaded->title, ==, "Original edited");

  /* Saving onto itself is harmless. */
  g_assert_true (consort_document_save_as (doc, moved, TRUE, &error));
  g_assert_no_error (error);

  /* Into a folder that does not exist: a clear error, nothing written. */
  {
    g_autofree char *nowhere = in_dir (f, "no/such/dir.consort");

    g_assert_false (consort_document_save_as (doc, nowhere, FALSE, &error));
    g_assert_error (error, CONSORT_ERROR, CONSORT_ERROR_IO);
    g_clear_error (&error);
  }

  g_clear_object (&doc);
  listing = dir_listing (f->dir);
  g_assert_cmpstr (listing, ==, "duplicate.consort moved.consort original.consort");
}

/* ---- the schema enforces references ----------------------------------- */

static void
test_foreign_keys (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = make_good_file (f, "fk.consort");
  sqlite3 *db = raw_open (path);
  const char *bad[] = {
    "INSERT INTO baselines (service_id, borough_id, position, budget, fte, management_posts,"
    " overheads, outsourced) VALUES ('education', 'nowhere', 9, 0, 0, 0, 0, 0)",
    "INSERT INTO participants (option_id, position, borough_id, from_year)"
    " VALUES ('no-option', 0, 'wcc', 2010)",
    "INSERT INTO posts (item_id, position, title, fte, cost) VALUES (999, 0, 'x', 0, 0)",
    "DELETE FROM boroughs WHERE id = 'wcc'",
    "UPDATE appraisal SET perspective = 'nowhere'",
    /* CHECK constraints */
    "UPDATE baselines SET outsourced = 2",
    "UPDATE savings_items SET method = 'magic'",
    "UPDATE feasibility SET legal_complexity = 4",
    "INSERT INTO appraisal (singleton, first_year, years, discount_rate) VALUES (2, 2010, 1, 0)",
    "INSERT INTO custom_shares (savings_item_id, cost_item_id, position, borough_id, weight)"
    " VALUES (1, 1, 5, 'wcc', 1)",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      int rc = sqlite3_exec (db, bad[i], NULL, NULL, NULL);

      if ((rc & 0xff) != SQLITE_CONSTRAINT)
        g_error ("%s: expected a constraint failure, got %d", bad[i], rc);
    }
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  sqlite3_close (db);
}

/* ---- results ---------------------------------------------------------- */

static void
test_results_cache (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(ConsortAppraisal) rich = build_rich ();
  g_autofree char *path = in_dir (f, "results.consort");
  g_autoptr(ConsortDocument) doc = create_doc (path, rich);
  g_autoptr(GError) error = NULL;
  ConsortResults *r1, *r2, *r3;

  r1 = consort_document_get_results (doc, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r1);
  g_assert_true (r1->appraisal == consort_document_get_appraisal (doc));
  g_assert_cmpint (r1->n_options, ==, 3);
  r2 = consort_document_get_results (doc, &error);
  g_assert_true (r1 == r2);

  apply_title (doc, "Changed", "Rename");
  r3 = consort_document_get_results (doc, &error);
  g_assert_no_error (error);
  g_assert_true (r3->appraisal == consort_document_get_appraisal (doc));
  g_assert_cmpstr (r3->appraisal->title, ==, "Changed");
}

/* ---- a London-wide appraisal ------------------------------------------ */

static ConsortAppraisal *
build_large (void)
{
  ConsortAppraisal *a = consort_appraisal_new ();

  a->first_year = 2010;
  a->years = 10;
  for (int b = 0; b < 33; b++)
    {
      g_autofree char *id = g_strdup_printf ("b%02d", b);
      g_autofree char *name = g_strdup_printf ("Borough %d", b);

      g_ptr_array_add (a->boroughs, consort_borough_new (id, name, 150000 + b * 1000));
    }
  for (int s = 0; s < 60; s++)
    {
      g_autofree char *id = g_strdup_printf ("s%02d", s);
      g_autofree char *name = g_strdup_printf ("Service %d", s);
      ConsortService *service = consort_service_new (id, name);

      for (int b = 0; b < 33; b++)
        {
          g_autofree char *bid = g_strdup_printf ("b%02d", b);

          add_baseline (service, bid, 100000000 + s * 1000 + b, 10000000, 1000000, 0, b % 5 == 0);
        }
      g_ptr_array_add (a->services, service);
    }
  for (int o = 0; o < 20; o++)
    {
      g_autofree char *id = g_strdup_printf ("o%02d", o);
      ConsortOption *option = consort_option_new (id, id);

      for (int b = 0; b < 33; b += 1 + o % 3)
        {
          g_autofree char *bid = g_strdup_printf ("b%02d", b);

          g_ptr_array_add (option->participants, consort_participant_new (bid, 2010 + b % 3));
        }
      for (int i = 0; i < 100; i++)
        {
          g_autofree char *sid = g_strdup_printf ("s%02d", (o + i) % 60);
          ConsortSavingsItem *item;

          if (i % 3 == 0)
            {
              item = consort_savings_item_new (sid, CONSORT_METHOD_AMOUNTS);
              add_year_amount (item->amounts, 2011, 1000000 + i);
              add_year_amount (item->amounts, 2012, 2000000 + i);
            }
          else if (i % 3 == 1)
            {
              ConsortMicros ph = 500000;

              item = consort_savings_item_new (sid, CONSORT_METHOD_RATE);
              item->has_rate = TRUE;
              item->rate = 20000;
              item->start_year = 2011;
              g_array_append_val (item->phasing, ph);
            }
          else
            {
              item = consort_savings_item_new (sid, CONSORT_METHOD_POSTS);
              g_ptr_array_add (item->posts, consort_post_new ("Manager", 1000000, 5000000));
              item->start_year = 2012;
            }
          g_ptr_array_add (option->savings, item);
        }
      g_ptr_array_add (a->options, option);
    }
  return a;
}

static void
test_large (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(ConsortAppraisal) large = build_large ();
  g_autoptr(ConsortAppraisal) edit = NULL;
  g_autoptr(ConsortAppraisal) loaded = NULL;
  g_autofree char *path = in_dir (f, "london.consort");
  g_autoptr(ConsortDocument) doc = NULL;
  gint64 start, created, applied, opened;

  assert_valid (large);
  start = g_get_monotonic_time ();
  doc = create_doc (path, large);
  created = g_get_monotonic_time ();

  edit = consort_appraisal_copy (large);
  ((ConsortBaseline *) g_ptr_array_index (((ConsortService *) g_ptr_array_index (edit->services, 7))->baselines, 3))->budget = 1;
  applied = g_get_monotonic_time ();
  apply_ok (doc, edit, "Edit budget");
  applied = g_get_monotonic_time () - applied;
  g_clear_object (&doc);

  opened = g_get_monotonic_time ();
  loaded = load_file (path);
  opened = g_get_monotonic_time () - opened;
  g_assert_true (consort_appraisal_equal (loaded, edit));

  /* Reported, not asserted: timing depends on the machine. */
  g_test_message ("London-wide appraisal (1980 baselines, 2000 savings items): "
                  "create %.1f ms, apply %.1f ms, open %.1f ms",
                  (created - start) / 1000.0, applied / 1000.0, opened / 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/document/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("round-trip", test_round_trip);
  ADD ("create-refuses", test_create_refuses);
  ADD ("undo-redo", test_undo_redo);
  ADD ("undo-depth", test_undo_depth);
  ADD ("failed-apply", test_failed_apply);
  ADD ("incremental", test_incremental);
  ADD ("bad-files", test_bad_files);
  ADD ("random-damage", test_random_damage);
  ADD ("interrupted-save", test_interrupted_save);
  ADD ("migrate-v1", test_migrate_v1);
  ADD ("migrate-fixture", test_migrate_fixture);
  g_test_add_func ("/document/migrate-schema", test_migrate_schema);
  ADD ("migrate-atomic", test_migrate_atomic);
  ADD ("read-only", test_read_only);
  ADD ("save-as", test_save_as);
  ADD ("foreign-keys", test_foreign_keys);
  ADD ("results", test_results_cache);
  ADD ("large", test_large);

#undef ADD

  return g_test_run ();
}
