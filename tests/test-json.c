/* test-json.c: the interchange format (docs/interchange.md): import of
 * the issue's shape, byte-identical round trips, every error with its
 * place, and odd input that must fail cleanly.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "consort-core.h"

#include <glib/gstdio.h>
#include <string.h>

#define M(units) ((ConsortMicros) ((units) * 1000000.0 + 0.5))

static char *
read_fixture (const char *name, gsize *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "json", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

/* export -> import -> export gives the same bytes, and the imported
 * appraisal equals the original. */
static void
assert_round_trip (const ConsortAppraisal *a)
{
  g_autofree char *first = consort_json_write (a);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsortAppraisal) b = consort_json_read_data (first, -1, &error);
  g_autofree char *second = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (b);
  g_assert_true (consort_appraisal_equal (a, b));
  second = consort_json_write (b);
  g_assert_cmpstr (first, ==, second);
}

/* @expected: exact, or a prefix when it ends in "*" (json-glib's own
 * wording after the place); NULL: any "line L, column C: ..." message. */
static void
assert_message (const char *message, const char *expected)
{
  if (expected == NULL)
    expected = "line *";
  if (g_str_has_suffix (expected, "*"))
    {
      g_autofree char *prefix = g_strndup (expected, strlen (expected) - 1);

      g_autofree char *start = g_strndup (message, strlen (prefix));

      g_assert_cmpstr (start, ==, prefix);
    }
  else
    g_assert_cmpstr (message, ==, expected);
}

static ConsortSavingsItem *
savings (const ConsortAppraisal *a, guint option, guint item)
{
  ConsortOption *o = g_ptr_array_index (a->options, option);

  return g_ptr_array_index (o->savings, item);
}

static ConsortCostItem *
cost (const ConsortAppraisal *a, guint option, guint item)
{
  ConsortOption *o = g_ptr_array_index (a->options, option);

  return g_ptr_array_index (o->costs, item);
}

static void
test_issue_example (void)
{
  g_autofree char *text = read_fixture ("issue-example.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsortAppraisal) a = consort_json_read_data (text, -1, &error);
  ConsortService *service;
  ConsortBaseline *baseline;
  ConsortOption *option;
  ConsortSavingsItem *s;
  ConsortCostItem *c;
  ConsortPost *post;

  g_assert_no_error (error);
  g_assert_cmpstr (a->title, ==, "...");
  g_assert_cmpint (a->first_year, ==, 2010);
  g_assert_cmpint (a->years, ==, 4);
  g_assert_cmpstr (a->currency, ==, "GBP");
  g_assert_cmpint (a->discount_rate, ==, 35000);
  g_assert_null (a->description);
  g_assert_null (a->author);
  g_assert_null (a->perspective);
  g_assert_cmpuint (a->default_rates->len, ==, 3);
  g_assert_cmpint (((ConsortDefaultRate *) g_ptr_array_index (a->default_rates, 1))->rate, ==, 40000);
  g_assert_cmpint (((ConsortDefaultRate *) g_ptr_array_index (a->default_rates, 1))->min_partners, ==, 3);

  g_assert_cmpuint (a->boroughs->len, ==, 1);
  g_assert_cmpstr (((ConsortBorough *) g_ptr_array_index (a->boroughs, 0))->name, ==, "Westminster");
  g_assert_cmpint (((ConsortBorough *) g_ptr_array_index (a->boroughs, 0))->population, ==, 253100);

  service = consort_appraisal_find_service (a, "education");
  g_assert_nonnull (service);
  baseline = consort_service_find_baseline (service, "wcc");
  g_assert_cmpint (baseline->budget, ==, G_GINT64_CONSTANT (1750000000));
  g_assert_cmpint (baseline->fte, ==, M (120));
  g_assert_cmpint (baseline->management_posts, ==, 0);
  g_assert_false (baseline->outsourced);

  option = consort_appraisal_find_option (a, "1a");
  g_assert_cmpstr (option->name, ==, "Option 1A");
  g_assert_cmpuint (option->participants->len, ==, 1);
  g_assert_cmpint (((ConsortParticipant *) g_ptr_array_index (option->participants, 0))->from_year, ==, 2010);

  s = savings (a, 0, 0);
  g_assert_cmpint (s->method, ==, CONSORT_METHOD_POSTS);
  g_assert_cmpint (s->owner.share, ==, CONSORT_SHARE_EQUAL);
  g_assert_null (s->owner.borough_id);
  g_assert_cmpint (s->start_year, ==, 2011);
  g_assert_cmpint (s->start_month, ==, 0);
  g_assert_cmpuint (s->phasing->len, ==, 0);
  post = g_ptr_array_index (s->posts, 0);
  g_assert_cmpstr (post->title, ==, "Admissions manager");
  g_assert_cmpint (post->fte, ==, M (1));
  g_assert_cmpint (post->cost, ==, 6000000);

  s = savings (a, 0, 1);
  g_assert_cmpint (s->method, ==, CONSORT_METHOD_AMOUNTS);
  g_assert_cmpstr (s->owner.borough_id, ==, "wcc");
  g_assert_cmpint (s->owner.share, ==, CONSORT_SHARE_DEFAULT);
  g_assert_cmpuint (s->amounts->len, ==, 1);
  g_assert_cmpint (consort_year_amounts_get (s->amounts, 2011), ==, 33500000);

  s = savings (a, 0, 2);
  g_assert_cmpint (s->method, ==, CONSORT_METHOD_RATE);
  g_assert_false (s->has_rate);
  g_assert_cmpstr (s->model, ==, "shared_service");
  g_assert_cmpint (s->start_year, ==, 2012);
  g_assert_cmpint (s->start_month, ==, 9);
  g_assert_cmpuint (s->phasing->len, ==, 3);
  g_assert_cmpint (g_array_index (s->phasing, ConsortMicros, 0), ==, 100000);
  g_assert_cmpint (g_array_index (s->phasing, ConsortMicros, 1), ==, 550000);
  g_assert_cmpint (g_array_index (s->phasing, ConsortMicros, 2), ==, 1000000);
  g_assert_cmpint (s->owner.share, ==, CONSORT_SHARE_DEFAULT);

  c = cost (a, 0, 0);
  g_assert_cmpint (c->kind, ==, CONSORT_COST_REDUNDANCY);
  g_assert_cmpint (c->form, ==, CONSORT_COST_FORM_POSTS);
  g_assert_cmpint (c->posts, ==, M (5));
  g_assert_cmpint (c->unit_cost, ==, 4130000);
  g_assert_cmpint (c->year, ==, 2010);
  g_assert_cmpstr (c->owner.borough_id, ==, "wcc");

  c = cost (a, 0, 1);
  g_assert_cmpint (c->kind, ==, CONSORT_COST_PROJECT_MANAGEMENT);
  g_assert_cmpint (c->form, ==, CONSORT_COST_FORM_AMOUNTS);
  g_assert_cmpint (c->owner.share, ==, CONSORT_SHARE_SAVINGS);
  g_assert_cmpint (consort_year_amounts_get (c->amounts, 2010), ==, 4066000);

  assert_round_trip (a);
}

/* The rich fixture is written in the canonical form: exporting what it
 * imports gives it back byte for byte. */
static void
test_rich_round_trip (void)
{
  gsize length = 0;
  g_autofree char *text = read_fixture ("rich.json", &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsortAppraisal) a = consort_json_read_data (text, (gssize) length, &error);
  g_autofree char *exported = NULL;
  ConsortService *service;
  ConsortBaseline *baseline;
  ConsortOption *option;
  ConsortSavingsItem *s;
  ConsortCostItem *c;
  ConsortFeasibility *f;
  ConsortRisk *r;
  ConsortShareWeight *w;

  g_assert_no_error (error);
  exported = consort_json_write (a);
  g_assert_cmpstr (exported, ==, text);
  assert_round_trip (a);

  /* Spot checks of what each form became. */
  g_assert_cmpstr (a->title, ==, "Children's services: \"shared\" options");
  g_assert_nonnull (strstr (a->description, "\n"));
  g_assert_nonnull (strstr (a->description, "tab\there"));
  g_assert_nonnull (strstr (a->description, "backslash \\ and"));
  g_assert_nonnull (strstr (a->description, "a quote \" in it"));
  g_assert_nonnull (strstr (a->description, "café £ ½ — “quotes”"));
  g_assert_cmpstr (a->perspective, ==, "wcc");
  g_assert_cmpint (((ConsortDefaultRate *) g_ptr_array_index (a->default_rates, 3))->rate, ==, 15625);

  service = g_ptr_array_index (a->services, 0);
  baseline = consort_service_find_baseline (service, "wcc");
  g_assert_cmpint (baseline->management_posts, ==, M (12.5));
  g_assert_cmpint (baseline->overheads, ==, 25000075);
  baseline = consort_service_find_baseline (service, "hf");
  g_assert_cmpint (baseline->budget, ==, G_GINT64_CONSTANT (1525000050));
  g_assert_cmpint (baseline->fte, ==, M (98.25));
  g_assert_true (baseline->outsourced);
  g_assert_cmpuint (((ConsortService *) g_ptr_array_index (a->services, 1))->baselines->len, ==, 0);

  option = g_ptr_array_index (a->options, 0);
  g_assert_cmpstr (option->description, ==, "Two boroughs, Kensington joins later.");
  g_assert_cmpint (((ConsortParticipant *) g_ptr_array_index (option->participants, 2))->from_year, ==, 2012);

  s = savings (a, 0, 0);
  g_assert_cmpstr (s->label, ==, "Merged admissions");
  g_assert_null (((ConsortPost *) g_ptr_array_index (s->posts, 2))->title);
  g_assert_cmpint (((ConsortPost *) g_ptr_array_index (s->posts, 1))->cost, ==, 3125050);
  g_assert_cmpint (((ConsortPost *) g_ptr_array_index (s->posts, 1))->fte, ==, M (2.5));
  s = savings (a, 0, 1);
  g_assert_cmpint (consort_year_amounts_get (s->amounts, 2012), ==, 1);
  g_assert_cmpint (consort_year_amounts_get (s->amounts, 2014), ==, 123456789);
  s = savings (a, 0, 3);
  g_assert_true (s->has_rate);
  g_assert_cmpint (s->rate, ==, 12500);
  g_assert_null (s->model);
  g_assert_cmpint (s->owner.share, ==, CONSORT_SHARE_DEFAULT);
  s = savings (a, 0, 4);
  g_assert_cmpint (s->owner.share, ==, CONSORT_SHARE_POPULATION);
  g_assert_cmpstr (s->model, ==, "joint_commissioning");
  g_assert_cmpint (s->start_month, ==, 12);
  s = savings (a, 0, 5);
  g_assert_cmpint (s->owner.share, ==, CONSORT_SHARE_CUSTOM);
  g_assert_cmpuint (s->owner.custom_shares->len, ==, 3);
  w = &g_array_index (s->owner.custom_shares, ConsortShareWeight, 1);
  g_assert_cmpstr (w->borough_id, ==, "hf");
  g_assert_cmpint (w->weight, ==, M (0.4));
  g_assert_cmpuint (s->amounts->len, ==, 0);
  s = savings (a, 0, 7);
  g_assert_cmpint (s->owner.share, ==, CONSORT_SHARE_SAVINGS);
  g_assert_cmpint (g_array_index (s->phasing, ConsortMicros, 1), ==, 333333);

  c = cost (a, 0, 2);
  g_assert_cmpstr (c->label, ==, "Pension strain on early retirement");
  g_assert_cmpint (c->kind, ==, CONSORT_COST_PENSION_STRAIN);
  g_assert_cmpint (c->form, ==, CONSORT_COST_FORM_AMOUNT);
  g_assert_cmpstr (c->service_id, ==, "education");
  g_assert_cmpint (c->amount, ==, 7500025);
  c = cost (a, 0, 3);
  g_assert_cmpint (c->kind, ==, CONSORT_COST_ICT_INVESTMENT);
  g_assert_cmpint (c->owner.share, ==, CONSORT_SHARE_CUSTOM);
  c = cost (a, 0, 4);
  g_assert_cmpint (c->form, ==, CONSORT_COST_FORM_POSTS);
  g_assert_cmpint (c->posts, ==, M (0.5));
  g_assert_cmpint (c->unit_cost, ==, 100010);

  f = g_ptr_array_index (option->feasibility, 0);
  g_assert_cmpint (f->ratings[CONSORT_CRITERION_EXISTING_ARRANGEMENTS], ==, CONSORT_LEVEL_LOW);
  g_assert_cmpint (f->ratings[CONSORT_CRITERION_MARKET_MATURITY], ==, CONSORT_LEVEL_SOME);
  g_assert_cmpint (f->ratings[CONSORT_CRITERION_DELIVERY_CAPABILITY], ==, CONSORT_LEVEL_HIGH);
  g_assert_cmpstr (f->note, ==, "Agreed in principle.");
  f = g_ptr_array_index (option->feasibility, 1);
  g_assert_cmpint (f->ratings[CONSORT_CRITERION_EXISTING_ARRANGEMENTS], ==, CONSORT_LEVEL_UNSET);
  g_assert_null (f->note);
  r = g_ptr_array_index (option->risks, 0);
  g_assert_cmpstr (r->risk_class, ==, "Financial");
  g_assert_cmpint (r->likelihood, ==, CONSORT_LEVEL_SOME);
  g_assert_cmpint (r->impact, ==, CONSORT_LEVEL_HIGH);
  r = g_ptr_array_index (option->risks, 2);
  g_assert_null (r->issue);
  g_assert_cmpint (r->impact, ==, CONSORT_LEVEL_UNSET);

  option = g_ptr_array_index (a->options, 1);
  g_assert_cmpuint (option->participants->len, ==, 0);
  g_assert_cmpuint (option->feasibility->len, ==, 0);
}

/* Strings with every awkward character survive the round trip. */
/* Every printable ASCII character and a few beyond. */
static const char *
text_without_controls (void)
{
  static char text[128];

  if (text[0] == '\0')
    {
      int n = 0;

      for (int c = 0x20; c < 0x7F; c++)
        text[n++] = (char) c;
      g_strlcpy (text + n, "£€😀\u2028\u2029", sizeof text - n);
    }
  return text;
}

static void
test_strings_round_trip (void)
{
  g_autoptr(ConsortAppraisal) a = consort_appraisal_new ();
  GString *odd = g_string_new (NULL);
  g_autofree char *text = NULL;

  for (int c = 1; c < 0x80; c++)
    g_string_append_c (odd, (char) c);
  g_string_append (odd, "£€😀\u2028\u2029");
  g_free (a->title);
  a->title = g_string_free (odd, FALSE);
  a->author = g_strdup ("");
  a->description = g_strdup ("/ \\/ </script>");
  g_ptr_array_add (a->boroughs, consort_borough_new ("a-b_c9", "\"Quoted\"\tname", 1));

  /* The writer escapes every control character... */
  text = consort_json_write (a);
  g_assert_nonnull (strstr (text, "\\u0001\\u0002"));
  g_assert_nonnull (strstr (text, "\\b\\t\\n\\u000b\\f\\r"));
  g_assert_nonnull (strstr (text, "\\\"Quoted\\\"\\tname"));
  g_assert_nonnull (strstr (text, "\"author\": \"\","));

  /* ...though the model keeps them out of titles and names: free text
   * may hold tabs and line breaks. */
  g_free (a->title);
  a->title = g_strdup (text_without_controls ());
  g_free (a->description);
  a->description = g_strdup ("/ \\/ </script>\n\tindented");
  g_free (((ConsortBorough *) g_ptr_array_index (a->boroughs, 0))->name);
  ((ConsortBorough *) g_ptr_array_index (a->boroughs, 0))->name = g_strdup ("\"Quoted\" name");
  assert_round_trip (a);
}

static void
test_new_round_trip (void)
{
  g_autoptr(ConsortAppraisal) a = consort_appraisal_new ();
  g_autofree char *text = NULL;

  assert_round_trip (a);
  text = consort_json_write (a);
  /* Absent optional fields stay absent. */
  g_assert_null (strstr (text, "description"));
  g_assert_null (strstr (text, "author"));
  g_assert_null (strstr (text, "perspective"));
  g_assert_true (g_str_has_prefix (text, "{\n  \"format\": \"consort-appraisal\",\n  \"version\": 1,\n"));
  g_assert_true (g_str_has_suffix (text, "  \"options\": []\n}\n"));
}

/* Defaults where the file leaves things out. */
static void
test_defaults (void)
{
  const char *text =
    "{\"format\": \"consort-appraisal\", \"version\": 1, \"title\": \"Minimal\","
    " \"first_year\": 2020, \"years\": 3}";
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsortAppraisal) a = consort_json_read_data (text, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpint (a->first_year, ==, 2020);
  g_assert_cmpint (a->discount_rate, ==, CONSORT_DEFAULT_DISCOUNT_RATE);
  g_assert_cmpstr (a->currency, ==, "GBP");
  g_assert_cmpuint (a->default_rates->len, ==, 3);
  g_assert_cmpuint (a->boroughs->len, ==, 0);
  assert_round_trip (a);
}

static void
test_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("consort-json-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autofree char *bad_dir = g_build_filename (dir, "no", "such", "dir.json", NULL);
  g_autofree char *text = read_fixture ("rich.json", NULL);
  g_autofree char *written = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsortAppraisal) a = consort_json_read_data (text, -1, &error);
  g_autoptr(ConsortAppraisal) b = NULL;

  g_assert_no_error (error);
  g_assert_true (consort_json_write_file (a, path, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &written, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==, text);
  b = consort_json_read_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (consort_appraisal_equal (a, b));

  g_assert_null (consort_json_read_file (missing, &error));
  g_assert_error (error, CONSORT_ERROR, CONSORT_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (consort_json_write_file (a, bad_dir, &error));
  g_assert_error (error, CONSORT_ERROR, CONSORT_ERROR_IO);
  g_clear_error (&error);

  g_unlink (path);
  g_rmdir (dir);
}

/* ------------------------------------------------------------------ */
/* Errors: each is the issue example with one change.                   */

typedef struct {
  const char  *name;
  const char  *find;     /* in issue-example.json; NULL: @replace is the whole text */
  const char  *replace;
  ConsortError code;
  const char  *message;
} ErrorCase;

static const ErrorCase error_cases[] = {
  /* Malformed JSON: the place is a line and column. */
  { "malformed-missing-comma", "\"years\": 4,", "\"years\": 4", CONSORT_ERROR_PARSE,
    "line 2, column *" },
  { "malformed-trailing-garbage", NULL, "{\"format\": \"consort-appraisal\"} x", CONSORT_ERROR_PARSE,
    "line 1, column *" },
  { "malformed-unclosed", NULL, "{\"format\": [1, 2", CONSORT_ERROR_PARSE, NULL },
  { "duplicate-key", "\"population\": 253100", "\"population\": 253100, \"population\": 1",
    CONSORT_ERROR_PARSE, "line 6, column 76: “population” appears twice in the same object" },
  { "huge-integer", "\"budget\": 17500000", "\"budget\": 175000000000000000000", CONSORT_ERROR_PARSE,
    "line 8, column 50: the number 175000000000000000000 is too large" },
  { "nan", "\"discount_rate\": 0.035", "\"discount_rate\": NaN", CONSORT_ERROR_PARSE, NULL },
  /* json-glib's jargon in plain words. */
  { "malformed-comma-words", "\"years\": 4,", "\"years\": 4", CONSORT_ERROR_PARSE,
    "line 2, column 48: found the number 4 where “,” was expected" },
  { "malformed-unclosed-string", NULL, "{\"format\": \"consort-appraisal\",\n  \"title\": \"Kids", CONSORT_ERROR_PARSE,
    "line 2, column 17: a string is not closed (a \" is missing)" },
  { "malformed-word", "\"years\": 4", "\"years\": four", CONSORT_ERROR_PARSE,
    "line 2, column 51: found “four” where a value was expected" },
  { "malformed-trailing-words", NULL, "{\"format\": \"consort-appraisal\"} x", CONSORT_ERROR_PARSE,
    "line 1, column 33: found “x” where the end of the text was expected" },
  /* A NUL would cut the text short: refused by place. */
  { "nul-title", "\"title\": \"...\"", "\"title\": \"Kids\\u0000 secret\"", CONSORT_ERROR_INVALID,
    "title: contains a control character (U+0000)" },
  { "nul-name", "\"name\": \"Westminster\"", "\"name\": \"West\\u0000minster\"", CONSORT_ERROR_INVALID,
    "boroughs[0] (\"wcc\").name: contains a control character (U+0000)" },
  { "nul-key", "\"baselines\": {\"wcc\"", "\"baselines\": {\"wcc\\u0000\"", CONSORT_ERROR_INVALID,
    "services[0] (\"education\").baselines: a field name contains a control character (U+0000)" },
  { "nul-with-noncharacter", "\"title\": \"...\"", "\"title\": \"\\uffff\\u0000\"", CONSORT_ERROR_INVALID,
    "title: contains a control character (U+0000)" },
  { "escaped-backslash-not-nul", "\"title\": \"...\"", "\"title\": \"C:\\\\u0000\", \"description\": \"a\\u0001\"",
    CONSORT_ERROR_INVALID, "description: contains a control character (U+0001)" },
  { "control-title", "\"title\": \"...\"", "\"title\": \"Kids\\u001b[31m\"", CONSORT_ERROR_INVALID,
    "title: contains a control character (U+001B)" },
  { "bidi-name", "\"name\": \"Westminster\"", "\"name\": \"Westminster\\u202e\"", CONSORT_ERROR_INVALID,
    "boroughs[0] (\"wcc\").name: contains a text-direction control character (U+202E), which can disguise text" },

  /* Not an appraisal, or too new. */
  { "format-other", "\"consort-appraisal\"", "\"geojson\"", CONSORT_ERROR_NOT_CONSORT,
    "format: \"geojson\" is not a Consort appraisal (expected \"consort-appraisal\")" },
  { "format-missing", "\"format\": \"consort-appraisal\", ", "", CONSORT_ERROR_NOT_CONSORT,
    "format: missing: this is not a Consort appraisal (expected \"format\": \"consort-appraisal\")" },
  { "version-newer", "\"version\": 1", "\"version\": 2", CONSORT_ERROR_TOO_NEW,
    "version: 2 is newer than this Consort reads (1): update Consort" },
  { "version-zero", "\"version\": 1", "\"version\": 0", CONSORT_ERROR_INVALID,
    "version: 0 is not a version of the format" },
  { "version-string", "\"version\": 1", "\"version\": \"1\"", CONSORT_ERROR_INVALID,
    "version: expected a whole number, found a string" },

  /* Wrong types and shapes. */
  { "title-number", "\"title\": \"...\"", "\"title\": 7", CONSORT_ERROR_INVALID,
    "title: expected a string, found a number" },
  { "title-missing", "\"title\": \"...\", ", "", CONSORT_ERROR_INVALID, "title: missing" },
  { "first-year-string", "\"first_year\": 2010", "\"first_year\": \"2010\"", CONSORT_ERROR_INVALID,
    "first_year: expected a whole number, found a string" },
  { "years-fraction", "\"years\": 4", "\"years\": 4.5", CONSORT_ERROR_INVALID,
    "years: 4.5 is not a whole number" },
  { "years-zero", "\"years\": 4", "\"years\": 0", CONSORT_ERROR_INVALID, "years: 0 is outside 1 to 50" },
  { "boroughs-object", "\"boroughs\": [ {\"id\": \"wcc\", \"name\": \"Westminster\", \"population\": 253100} ]",
    "\"boroughs\": {}", CONSORT_ERROR_INVALID, "boroughs: expected an array, found an object" },
  { "borough-array", "{\"id\": \"wcc\", \"name\": \"Westminster\", \"population\": 253100}", "[]",
    CONSORT_ERROR_INVALID, "boroughs[0]: expected an object, found an array" },
  { "borough-name-missing", "\"name\": \"Westminster\", ", "", CONSORT_ERROR_INVALID,
    "boroughs[0] (\"wcc\").name: missing" },
  { "population-fraction", "253100", "253100.5", CONSORT_ERROR_INVALID,
    "boroughs[0] (\"wcc\").population: 253100.5 is not a whole number" },
  { "baselines-array", "\"baselines\": {", "\"baselines\": [], \"x\": {", CONSORT_ERROR_INVALID,
    "services[0] (\"education\").x: unknown field" },
  { "outsourced-string", "\"outsourced\": false", "\"outsourced\": \"no\"", CONSORT_ERROR_INVALID,
    "services[0] (\"education\").baselines[\"wcc\"].outsourced: expected true or false, found a string" },
  { "budget-string", "\"budget\": 17500000", "\"budget\": \"17.5m\"", CONSORT_ERROR_INVALID,
    "services[0] (\"education\").baselines[\"wcc\"].budget: expected an amount in pounds, found a string" },
  { "budget-infinite", "\"budget\": 17500000", "\"budget\": 1e400", CONSORT_ERROR_INVALID,
    "services[0] (\"education\").baselines[\"wcc\"].budget: an infinite number is too large" },
  { "budget-huge", "\"budget\": 17500000", "\"budget\": 1e300", CONSORT_ERROR_INVALID,
    "services[0] (\"education\").baselines[\"wcc\"].budget: 1e+300 is too large" },
  { "participants-null", "\"participants\": [ {\"borough\": \"wcc\", \"from\": 2010} ]", "\"participants\": null",
    CONSORT_ERROR_INVALID, "options[0] (\"1a\").participants: expected an array, found null" },
  { "unknown-field", "\"start_month\": 9", "\"strat_month\": 9", CONSORT_ERROR_INVALID,
    "options[0] (\"1a\").savings[2].strat_month: unknown field" },
  { "field-of-other-method", "\"amounts\": {\"2011\": 335000}", "\"amounts\": {\"2011\": 335000}, \"start\": 2011",
    CONSORT_ERROR_INVALID, "options[0] (\"1a\").savings[1].start: not used by the amounts method" },
  { "unknown-method", "\"method\": \"posts\"", "\"method\": \"post\"", CONSORT_ERROR_INVALID,
    "options[0] (\"1a\").savings[0].method: \"post\" is not one of amounts, rate, posts" },
  { "unknown-share", "\"share\": \"equal\"", "\"share\": \"equally\"", CONSORT_ERROR_INVALID,
    "options[0] (\"1a\").savings[0].share: \"equally\" is not one of equal, baseline, population, savings or an object of weights" },
  { "share-number", "\"share\": \"equal\"", "\"share\": 1", CONSORT_ERROR_INVALID,
    "options[0] (\"1a\").savings[0].share: expected a rule name or an object of weights, found a number" },
  { "unknown-kind", "\"redundancy\"", "\"redundant\"", CONSORT_ERROR_INVALID,
    "options[0] (\"1a\").costs[0].kind: \"redundant\" is not one of redundancy, pension_strain, project_management, ict_investment, other" },
  { "year-key", "\"amounts\": {\"2011\": 335000}", "\"amounts\": {\"2011.5\": 335000}", CONSORT_ERROR_INVALID,
    "options[0] (\"1a\").savings[1].amounts[\"2011.5\"]: “2011.5” is not a year: use the first calendar year of the FY, e.g. \"2011\" for 2011/12" },
  { "year-key-twice", "\"amounts\": {\"2011\": 335000}", "\"amounts\": {\"2011\": 335000, \"2011\": 1}",
    CONSORT_ERROR_PARSE, "line 13, column 49: “2011” appears twice in the same object" },
  { "year-key-twice-zero", "\"amounts\": {\"2011\": 335000}", "\"amounts\": {\"2011\": 335000, \"011\": 1, \"11\": 1}",
    CONSORT_ERROR_INVALID, "options[0] (\"1a\").savings[1].amounts[\"11\"]: the year 11 is given twice" },
  { "start-fraction", "\"start\": 2011", "\"start\": 2011.25", CONSORT_ERROR_INVALID,
    "options[0] (\"1a\").savings[0].start: 2011.25 is not a whole number" },
  { "start-month", "\"start_month\": 9", "\"start_month\": 13", CONSORT_ERROR_INVALID,
    "options[0] (\"1a\").savings[2].start_month: 13 is outside 1 to 12" },
  { "cost-no-form", "\"amounts\": {\"2010\": 40660}, ", "", CONSORT_ERROR_INVALID,
    "options[0] (\"1a\").costs[1]: give amount and year, posts, unit_cost and year, or amounts" },
  { "cost-two-forms", "\"amounts\": {\"2010\": 40660}", "\"amounts\": {\"2010\": 40660}, \"year\": 2010",
    CONSORT_ERROR_INVALID, "options[0] (\"1a\").costs[1].year: not used with amounts over several years" },
  { "cost-posts-no-year", ", \"year\": 2010, \"borough\": \"wcc\"", ", \"borough\": \"wcc\"", CONSORT_ERROR_INVALID,
    "options[0] (\"1a\").costs[0].year: missing" },
  { "borough-and-share", "\"borough\": \"wcc\",\n", "\"borough\": \"wcc\", \"share\": \"equal\",\n",
    CONSORT_ERROR_INVALID,
    "options[0] (\"1a\").savings[1].share: an item of one borough cannot also be shared: give either borough or share" },

  /* Model rules, found by validation after import. */
  { "unknown-borough", "{\"borough\": \"wcc\", \"from\": 2010}", "{\"borough\": \"hf\", \"from\": 2010}",
    CONSORT_ERROR_INVALID, "options[0] (\"1a\").participants[0].borough: \"hf\" is not a borough" },
  { "participant-not-borough", "{\"borough\": \"wcc\", \"from\": 2010}", "{\"borough\": \"education\", \"from\": 2010}",
    CONSORT_ERROR_INVALID, "options[0] (\"1a\").participants[0].borough: \"education\" is not a borough" },
  { "unknown-service", "{\"service\": \"education\", \"method\": \"amounts\"", "{\"service\": \"housing\", \"method\": \"amounts\"",
    CONSORT_ERROR_INVALID, "options[0] (\"1a\").savings[1].service: \"housing\" is not a service" },
  { "unknown-baseline-borough", "\"baselines\": {\"wcc\"", "\"baselines\": {\"lbhf\"", CONSORT_ERROR_INVALID,
    "services[0] (\"education\").baselines[\"lbhf\"]: \"lbhf\" is not a borough" },
  { "rate-outside", "\"rate\": null", "\"rate\": 1.5", CONSORT_ERROR_INVALID,
    "options[0] (\"1a\").savings[2].rate: 1.5 is outside 0 to 1" },
  { "rate-negative", "\"rate\": null", "\"rate\": -0.03", CONSORT_ERROR_INVALID,
    "options[0] (\"1a\").savings[2].rate: -0.03 is outside 0 to 1" },
  { "default-rate-outside", "\"rate\": 0.04", "\"rate\": 4", CONSORT_ERROR_INVALID,
    "default_rates[1].rate: 4 is outside 0 to 1" },
  { "discount-outside", "\"discount_rate\": 0.035", "\"discount_rate\": 3.5", CONSORT_ERROR_INVALID,
    "discount_rate: 3.5 is outside 0 to 1" },
  { "phasing-outside", "[0.1, 0.55, 1.0]", "[0.1, 0.55, 1.01]", CONSORT_ERROR_INVALID,
    "options[0] (\"1a\").savings[2].phasing[2]: 1.01 is outside 0 to 1" },
  { "year-outside", "\"amounts\": {\"2011\": 335000}", "\"amounts\": {\"2014\": 335000}", CONSORT_ERROR_INVALID,
    "options[0] (\"1a\").savings[1].amounts[\"2014\"]: 2014/15 is outside the horizon 2010/11 to 2013/14" },
  { "from-outside", "\"from\": 2010", "\"from\": 2009", CONSORT_ERROR_INVALID,
    "options[0] (\"1a\").participants[0].from: 2009/10 is outside the horizon 2010/11 to 2013/14" },
  { "cost-year-outside", "\"year\": 2010", "\"year\": 2020", CONSORT_ERROR_INVALID,
    "options[0] (\"1a\").costs[0].year: 2020/21 is outside the horizon 2010/11 to 2013/14" },
  { "negative-budget", "\"budget\": 17500000", "\"budget\": -17500000", CONSORT_ERROR_INVALID,
    "services[0] (\"education\").baselines[\"wcc\"].budget: -17500000 is negative" },
  { "negative-cost", "\"unit_cost\": 41300", "\"unit_cost\": -41300.5", CONSORT_ERROR_INVALID,
    "options[0] (\"1a\").costs[0].unit_cost: -41300.50 is negative" },
  { "three-decimals-cost", "\"cost\": 60000", "\"cost\": 60000.125", CONSORT_ERROR_INVALID,
    "options[0] (\"1a\").savings[0].posts[0].cost: 60000.125 has more than two decimals" },
  { "three-decimals-amount", "\"2011\": 335000", "\"2011\": 335000.001", CONSORT_ERROR_INVALID,
    "options[0] (\"1a\").savings[1].amounts[\"2011\"]: 335000.001 has more than two decimals" },
  { "three-decimals-budget", "\"budget\": 17500000", "\"budget\": 0.005", CONSORT_ERROR_INVALID,
    "services[0] (\"education\").baselines[\"wcc\"].budget: 0.005 has more than two decimals" },
  { "model-missing", "\"model\": \"shared_service\",\n", "\n", CONSORT_ERROR_INVALID,
    "options[0] (\"1a\").savings[2].model: a delivery model is needed where the rate is null" },
  { "model-not-in-table", "\"model\": \"shared_service\",\n", "\"model\": \"joint_venture\",\n", CONSORT_ERROR_INVALID,
    "options[0] (\"1a\").savings[2].model: no default rate is given for \"joint_venture\"" },
  { "model-typo", "\"model\": \"shared_service\",\n", "\"model\": \"shared_servise\",\n", CONSORT_ERROR_INVALID,
    "options[0] (\"1a\").savings[2].model: \"shared_servise\" is not a delivery model (one of: shared_service, "
    "joint_commissioning, collaborative_procurement, joint_outsourcing, joint_venture)" },
  { "default-model-typo", "{\"model\": \"shared_service\", \"min_partners\": 2", "{\"model\": \"shared_servise\", \"min_partners\": 2",
    CONSORT_ERROR_INVALID,
    "default_rates[0].model: \"shared_servise\" is not a delivery model (one of: shared_service, "
    "joint_commissioning, collaborative_procurement, joint_outsourcing, joint_venture)" },
  { "duplicate-borough-id", "\"boroughs\": [ {\"id\": \"wcc\", \"name\": \"Westminster\", \"population\": 253100} ]",
    "\"boroughs\": [ {\"id\": \"wcc\", \"name\": \"Westminster\"}, {\"id\": \"wcc\", \"name\": \"Again\"} ]",
    CONSORT_ERROR_INVALID, "boroughs[1] (\"wcc\").id: the id is used by boroughs[0] too" },
  { "bad-id", "\"id\": \"1a\"", "\"id\": \"Option 1a\"", CONSORT_ERROR_INVALID,
    "options[0] (\"Option 1a\").id: \"Option 1a\" is not a valid id: use lower-case letters a to z, digits, “_” and “-”" },
  { "custom-share-unknown", "\"share\": \"equal\"", "\"share\": {\"wcc\": 1, \"hf\": 1}", CONSORT_ERROR_INVALID,
    "options[0] (\"1a\").savings[0].share[\"hf\"]: \"hf\" is not a borough" },
  { "custom-share-zero", "\"share\": \"equal\"", "\"share\": {\"wcc\": 0}", CONSORT_ERROR_INVALID,
    "options[0] (\"1a\").savings[0].share: every weight is zero" },
  { "custom-share-string", "\"share\": \"equal\"", "\"share\": {\"wcc\": \"half\"}", CONSORT_ERROR_INVALID,
    "options[0] (\"1a\").savings[0].share[\"wcc\"]: expected a number, found a string" },
  { "seven-decimals-rate", "\"rate\": 0.04", "\"rate\": 0.0412345", CONSORT_ERROR_INVALID,
    "default_rates[1].rate: 0.0412345 has more than six decimals" },
  { "seven-decimals-fte", "\"fte\": 1,", "\"fte\": 1.0000001,", CONSORT_ERROR_INVALID,
    "options[0] (\"1a\").savings[0].posts[0].fte: 1.0000001 has more than six decimals" },
  { "min-partners-zero", "\"min_partners\": 3", "\"min_partners\": 0", CONSORT_ERROR_INVALID,
    "default_rates[1].min_partners: 0 is less than 1" },
  { "default-rate-duplicate", "\"min_partners\": 3", "\"min_partners\": 2", CONSORT_ERROR_INVALID,
    "default_rates[1]: shared_service with 2 partners is given twice (also default_rates[0])" },
  { "currency", "\"years\": 4,", "\"years\": 4, \"currency\": \"EUR\",", CONSORT_ERROR_INVALID,
    "currency: \"EUR\" is not supported: only GBP is" },
  { "perspective", "\"years\": 4,", "\"years\": 4, \"perspective\": \"lbh\",", CONSORT_ERROR_INVALID,
    "perspective: \"lbh\" is not a borough" },
  { "feasibility-level", "\"costs\": [", "\"feasibility\": [ {\"service\": \"education\", \"ratings\": {\"market_maturity\": \"medium-high\"}} ], \"costs\": [",
    CONSORT_ERROR_INVALID,
    "options[0] (\"1a\").feasibility[0].ratings.market_maturity: \"medium-high\" is not one of low, some, high" },
  { "feasibility-criterion", "\"costs\": [", "\"feasibility\": [ {\"service\": \"education\", \"ratings\": {\"cost\": \"low\"}} ], \"costs\": [",
    CONSORT_ERROR_INVALID, "options[0] (\"1a\").feasibility[0].ratings.cost: unknown field" },
  { "risk-level", "\"costs\": [", "\"risks\": [ {\"issue\": \"x\", \"impact\": \"severe\"} ], \"costs\": [",
    CONSORT_ERROR_INVALID, "options[0] (\"1a\").risks[0].impact: \"severe\" is not one of low, medium, high" },
};

static void
test_error_case (gconstpointer data)
{
  const ErrorCase *c = data;
  g_autofree char *base = read_fixture ("issue-example.json", NULL);
  g_autoptr(GString) text = g_string_new (c->find ? base : c->replace);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsortAppraisal) a = NULL;

  if (c->find != NULL)
    g_assert_cmpuint (g_string_replace (text, c->find, c->replace, 1), ==, 1);

  a = consort_json_read_data (text->str, (gssize) text->len, &error);
  g_assert_null (a);
  g_assert_error (error, CONSORT_ERROR, (gint) c->code);
  assert_message (error->message, c->message);
}

/* ------------------------------------------------------------------ */
/* Odd input: always a clean error, never a crash.                      */

typedef struct {
  const char  *name;
  const char  *text;
  gssize       length;
  ConsortError code;
  const char  *message;
} OddCase;

#define HEAD "{\"format\": \"consort-appraisal\", \"version\": 1, \"title\": \"t\", \"first_year\": 2010, \"years\": 2"

static const OddCase odd_cases[] = {
  { "empty", "", 0, CONSORT_ERROR_PARSE, "line 1, column 1: the file is empty" },
  { "blank", "  \n\t\n", -1, CONSORT_ERROR_PARSE, "line 1, column 1: the file is empty" },
  { "array", "[]", -1, CONSORT_ERROR_NOT_CONSORT,
    "top level: expected an object, found an array: this is not a Consort appraisal" },
  { "null", "null", -1, CONSORT_ERROR_NOT_CONSORT,
    "top level: expected an object, found null: this is not a Consort appraisal" },
  { "number", "42", -1, CONSORT_ERROR_NOT_CONSORT,
    "top level: expected an object, found a number: this is not a Consort appraisal" },
  { "string", "\"consort-appraisal\"", -1, CONSORT_ERROR_NOT_CONSORT,
    "top level: expected an object, found a string: this is not a Consort appraisal" },
  { "empty-object", "{}", -1, CONSORT_ERROR_NOT_CONSORT,
    "format: missing: this is not a Consort appraisal (expected \"format\": \"consort-appraisal\")" },
  { "format-array", "{\"format\": []}", -1, CONSORT_ERROR_NOT_CONSORT,
    "format: an array is not a Consort appraisal (expected \"consort-appraisal\")" },
  { "not-utf8", "{\"title\": \"\xff\"}", -1, CONSORT_ERROR_PARSE,
    "line 1, column 12: the text is not valid UTF-8" },
  { "nul-byte", "{\"format\"\0: 1}", 14, CONSORT_ERROR_PARSE,
    "line 1, column 10: the file holds a NUL byte: it is not a JSON text" },
  { "nan", HEAD ", \"discount_rate\": NaN}", -1, CONSORT_ERROR_PARSE, NULL },
  { "infinity", HEAD ", \"discount_rate\": Infinity}", -1, CONSORT_ERROR_PARSE, NULL },
  { "huge-exponent", HEAD ", \"discount_rate\": 1e999}", -1, CONSORT_ERROR_INVALID,
    "discount_rate: an infinite number is too large" },
  { "huge-year", HEAD ", \"boroughs\": [{\"id\": \"a\", \"name\": \"A\"}], \"options\": [{\"id\": \"o\", \"name\": \"O\", "
    "\"participants\": [{\"borough\": \"a\", \"from\": 1e15}]}]}", -1, CONSORT_ERROR_INVALID,
    "options[0] (\"o\").participants[0].from: 1e+15 is outside 0 to 9999" },
  { "negative-year", HEAD ", \"boroughs\": [{\"id\": \"a\", \"name\": \"A\"}], \"options\": [{\"id\": \"o\", \"name\": \"O\", "
    "\"participants\": [{\"borough\": \"a\", \"from\": -2010}]}]}", -1, CONSORT_ERROR_INVALID,
    "options[0] (\"o\").participants[0].from: -2010 is outside 0 to 9999" },
  { "huge-years", HEAD "000000000}", -1, CONSORT_ERROR_INVALID, "years: 2000000000 is outside 1 to 50" },
  { "huge-money", HEAD ", \"services\": [{\"id\": \"s\", \"name\": \"S\", \"baselines\": {}}], \"boroughs\": [], "
    "\"options\": [{\"id\": \"o\", \"name\": \"O\", \"savings\": [{\"service\": \"s\", \"method\": \"amounts\", "
    "\"amounts\": {\"2010\": 9999999999999999}}]}]}", -1, CONSORT_ERROR_INVALID,
    "options[0] (\"o\").savings[0].amounts[\"2010\"]: 9999999999999999 is too large" },
  { "huge-fte", HEAD ", \"boroughs\": [{\"id\": \"a\", \"name\": \"A\"}], \"services\": [{\"id\": \"s\", \"name\": \"S\", "
    "\"baselines\": {\"a\": {\"budget\": 1, \"fte\": 1e17}}}]}", -1, CONSORT_ERROR_INVALID,
    "services[0] (\"s\").baselines[\"a\"].fte: 1e+17 is too large" },
  { "arrays-for-objects", HEAD ", \"options\": [[]]}", -1, CONSORT_ERROR_INVALID,
    "options[0]: expected an object, found an array" },
  { "objects-for-arrays", HEAD ", \"services\": [{\"id\": \"s\", \"name\": \"S\", \"baselines\": []}]}", -1,
    CONSORT_ERROR_INVALID, "services[0] (\"s\").baselines: expected an object, found an array" },
  { "id-number", HEAD ", \"options\": [{\"id\": 1, \"name\": \"O\"}]}", -1, CONSORT_ERROR_INVALID,
    "options[0].id: expected a string, found a number" },
  { "phasing-object", HEAD ", \"boroughs\": [{\"id\": \"a\", \"name\": \"A\"}], \"services\": [{\"id\": \"s\", \"name\": \"S\"}], "
    "\"options\": [{\"id\": \"o\", \"name\": \"O\", \"savings\": [{\"service\": \"s\", \"method\": \"rate\", \"rate\": 0.1, "
    "\"start\": 2010, \"phasing\": {\"1\": 0.5}}]}]}", -1, CONSORT_ERROR_INVALID,
    "options[0] (\"o\").savings[0].phasing: expected an array, found an object" },
  { "phasing-strings", HEAD ", \"boroughs\": [{\"id\": \"a\", \"name\": \"A\"}], \"services\": [{\"id\": \"s\", \"name\": \"S\"}], "
    "\"options\": [{\"id\": \"o\", \"name\": \"O\", \"savings\": [{\"service\": \"s\", \"method\": \"rate\", \"rate\": 0.1, "
    "\"start\": 2010, \"phasing\": [\"50%\"]}]}]}", -1, CONSORT_ERROR_INVALID,
    "options[0] (\"o\").savings[0].phasing[0]: expected a number, found a string" },
  { "posts-null", HEAD ", \"services\": [{\"id\": \"s\", \"name\": \"S\"}], "
    "\"options\": [{\"id\": \"o\", \"name\": \"O\", \"savings\": [{\"service\": \"s\", \"method\": \"posts\", \"posts\": [null], "
    "\"start\": 2010}]}]}", -1, CONSORT_ERROR_INVALID,
    "options[0] (\"o\").savings[0].posts[0]: expected an object, found null" },
  { "unknown-top-field", HEAD ", \"boroughz\": []}", -1, CONSORT_ERROR_INVALID, "boroughz: unknown field" },
  { "unknown-odd-field", HEAD ", \"bad\\nname\": 1}", -1, CONSORT_ERROR_INVALID,
    "[\"bad\\u000aname\"]: unknown field" },
};

static void
test_odd_case (gconstpointer data)
{
  const OddCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsortAppraisal) a = consort_json_read_data (c->text, c->length, &error);

  g_assert_null (a);
  g_assert_error (error, CONSORT_ERROR, (gint) c->code);
  assert_message (error->message, c->message);
}

static void
test_deep_nesting (void)
{
  const gsize depth = 200000;
  g_autoptr(GString) text = g_string_new (HEAD ", \"boroughs\": ");
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsortAppraisal) a = NULL;

  for (gsize i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');

  a = consort_json_read_data (text->str, (gssize) text->len, &error);
  g_assert_null (a);
  g_assert_error (error, CONSORT_ERROR, CONSORT_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "line 1, column 136: nested deeper than 32 levels");
}

/* Every truncation of a valid file fails cleanly; damaging bytes never
 * crashes, and whatever still imports round-trips. */
static void
test_damage (void)
{
  gsize length = 0;
  g_autofree char *text = read_fixture ("rich.json", &length);
  static const char replacements[] = { '}', '"', '0', ',', '\\' };
  guint imported = 0;

  for (gsize cut = 0; cut + 1 < length; cut += 5)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ConsortAppraisal) a = consort_json_read_data (text, (gssize) cut, &error);

      g_assert_null (a);
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, !=, "");
    }

  for (gsize at = 0; at < length; at += 13)
    for (guint r = 0; r < G_N_ELEMENTS (replacements); r++)
      {
        g_autofree char *copy = g_memdup2 (text, length + 1);
        g_autoptr(GError) error = NULL;
        g_autoptr(ConsortAppraisal) a = NULL;

        copy[at] = replacements[r];
        a = consort_json_read_data (copy, (gssize) length, &error);
        if (a != NULL)
          {
            g_assert_no_error (error);
            assert_round_trip (a);
            imported++;
          }
        else
          {
            g_assert_nonnull (error);
            g_assert_true (error->domain == CONSORT_ERROR);
          }
      }
  /* Some damage is harmless (inside a string, say). */
  g_assert_cmpuint (imported, >, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/issue-example", test_issue_example);
  g_test_add_func ("/json/round-trip/rich", test_rich_round_trip);
  g_test_add_func ("/json/round-trip/strings", test_strings_round_trip);
  g_test_add_func ("/json/round-trip/new", test_new_round_trip);
  g_test_add_func ("/json/defaults", test_defaults);
  g_test_add_func ("/json/files", test_files);
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/json/error/%s", error_cases[i].name);

      g_test_add_data_func (path, &error_cases[i], test_error_case);
    }
  for (guint i = 0; i < G_N_ELEMENTS (odd_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/json/odd/%s", odd_cases[i].name);

      g_test_add_data_func (path, &odd_cases[i], test_odd_case);
    }
  g_test_add_func ("/json/odd/deep-nesting", test_deep_nesting);
  g_test_add_func ("/json/odd/damage", test_damage);

  return g_test_run ();
}
