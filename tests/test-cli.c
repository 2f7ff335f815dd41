/* test-cli.c: runs the built consort-cli (its path is the first argument)
 * through every command's success path and every error path.  Each error
 * must exit non-zero with exactly one line on stderr naming the file and
 * the place, and leave every input file byte for byte as it was.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "consort-core.h"
#include "consort-schema.h"

static char *cli_path;
static char *sample_path;
static char *tmp_dir;

/* A small valid appraisal; error cases are variants of it. */
static const char minimal_json[] =
  "{\"format\": \"consort-appraisal\", \"version\": 1, \"title\": \"Minimal\",\n"
  " \"first_year\": 2010, \"years\": 3, \"discount_rate\": 0.035,\n"
  " \"boroughs\": [{\"id\": \"a\", \"name\": \"Alpha\", \"population\": 100000},\n"
  "              {\"id\": \"b\", \"name\": \"Beta\", \"population\": 200000}],\n"
  " \"services\": [{\"id\": \"s\", \"name\": \"Service\",\n"
  "                \"baselines\": {\"a\": {\"budget\": 1000000, \"fte\": 10, \"outsourced\": false},\n"
  "                              \"b\": {\"budget\": 3000000, \"fte\": 30, \"outsourced\": false}}}],\n"
  " \"options\": [{\"id\": \"o\", \"name\": \"Option\",\n"
  "   \"participants\": [{\"borough\": \"a\", \"from\": 2010}, {\"borough\": \"b\", \"from\": 2011}],\n"
  "   \"savings\": [{\"service\": \"s\", \"method\": \"amounts\", \"borough\": \"a\", \"amounts\": {\"2011\": 5000}},\n"
  "               {\"service\": \"s\", \"method\": \"rate\", \"rate\": 0.03, \"start\": 2011}],\n"
  "   \"costs\": [{\"kind\": \"redundancy\", \"posts\": 1, \"unit_cost\": 41300, \"year\": 2010, \"borough\": \"a\"}]}]}\n";

/* ---- helpers ---------------------------------------------------------- */

static char *
tmp_file (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static char *
write_tmp (const char *name,
           const char *contents,
           gssize      length)
{
  char *path = tmp_file (name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static char *
read_all (const char *path,
          gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, length, &error);
  g_assert_no_error (error);
  return data;
}

static char *
checksum (const char *path)
{
  gsize len;
  g_autofree char *data = read_all (path, &len);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Names in @dir, sorted and joined: to see that nothing was left behind. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("\n", (char **) names->pdata);
}

/* Runs consort-cli with @args (NULL-terminated); returns the exit status. */
static int
run_cli (const char * const *args,
         char              **out,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *o = NULL;
  g_autofree char *e = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, cli_path);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (tmp_dir, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &o, &e, &wait_status, &error);
  g_assert_no_error (error);

  /* It must exit, never die of a signal. */
  if (!WIFEXITED (wait_status))
    g_error ("consort-cli %s: killed by signal %d\nstderr: %s", args[0],
             WTERMSIG (wait_status), e);

  if (out)
    *out = g_steal_pointer (&o);
  if (err)
    *err = g_steal_pointer (&e);
  return WEXITSTATUS (wait_status);
}

#define CLI(...) ((const char *const[]) { __VA_ARGS__, NULL })

static void
assert_ok (const char * const *args,
           char              **out)
{
  g_autofree char *o = NULL;
  g_autofree char *e = NULL;
  int status = run_cli (args, &o, &e);

  if (status != 0)
    g_error ("consort-cli %s: exit %d, stderr: %s", args[0], status, e);
  g_assert_cmpstr (e, ==, "");
  if (out)
    *out = g_steal_pointer (&o);
}

/* Runs a command that must fail with @expected_status and exactly one
 * stderr line "consort-cli: SUBJECT: ...", which contains every one of
 * @needles (NULL-terminated); nothing on stdout; each of @inputs unchanged
 * and nothing new left in the folder. */
static void
assert_fails_full (const char * const *args,
                   int                 expected_status,
                   const char         *subject,
                   const char * const *needles,
                   const char * const *inputs)
{
  g_autofree char *o = NULL;
  g_autofree char *e = NULL;
  g_autofree char *prefix = g_strdup_printf ("consort-cli: %s: ", subject);
  g_autofree char *before = list_dir (tmp_dir);
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) sums = g_ptr_array_new_with_free_func (g_free);
  int status;

  for (guint i = 0; inputs && inputs[i]; i++)
    g_ptr_array_add (sums, g_file_test (inputs[i], G_FILE_TEST_IS_REGULAR)
                             ? checksum (inputs[i]) : NULL);

  status = run_cli (args, &o, &e);
  g_test_message ("consort-cli %s → %d: %s", args[0], status, e);

  g_assert_cmpint (status, ==, expected_status);
  g_assert_cmpstr (o, ==, "");
  /* Exactly one line. */
  g_assert_true (g_str_has_suffix (e, "\n"));
  g_assert_true (strchr (e, '\n') == e + strlen (e) - 1);
  if (!g_str_has_prefix (e, prefix))
    g_error ("stderr “%s” does not start with “%s”", e, prefix);
  for (guint i = 0; needles && needles[i]; i++)
    if (!strstr (e + strlen (prefix), needles[i]))
      g_error ("stderr “%s” does not mention “%s”", e, needles[i]);

  for (guint i = 0; inputs && inputs[i]; i++)
    {
      g_autofree char *sum = g_file_test (inputs[i], G_FILE_TEST_IS_REGULAR)
                               ? checksum (inputs[i]) : NULL;
      g_assert_cmpstr (sum, ==, g_ptr_array_index (sums, i));
    }
  after = list_dir (tmp_dir);
  g_assert_cmpstr (after, ==, before);
}

#define NEEDLES(...) ((const char *const[]) { __VA_ARGS__, NULL })

/* A bad input file: every read-only command must reject it the same way. */
static void
assert_bad_input (const char         *path,
                  const char * const *needles)
{
  g_autofree char *out = tmp_file ("never-written.consort");
  g_autofree char *out_json = tmp_file ("never-written.json");
  const char *inputs[] = { path, NULL };

  assert_fails_full (CLI ("validate", path), 1, path, needles, inputs);
  assert_fails_full (CLI ("summary", path), 1, path, needles, inputs);
  assert_fails_full (CLI ("summary", "--json", path), 1, path, needles, inputs);
  assert_fails_full (CLI ("import", path, out), 1, path, needles, inputs);
  assert_fails_full (CLI ("export", path, out_json), 1, path, needles, inputs);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (out_json, G_FILE_TEST_EXISTS));
}

/* @minimal_json with @from replaced by @to (which must occur once). */
static char *
variant (const char *from,
         const char *to)
{
  const char *at = strstr (minimal_json, from);
  GString *s;

  g_assert_nonnull (at);
  g_assert_null (strstr (at + 1, from));
  s = g_string_new_len (minimal_json, at - minimal_json);
  g_string_append (s, to);
  g_string_append (s, at + strlen (from));
  return g_string_free (s, FALSE);
}

static char *
import_sample (const char *name)
{
  char *path = tmp_file (name);
  assert_ok (CLI ("import", sample_path, path), NULL);
  return path;
}

static void
sqlite_exec (const char *path,
             const char *sql)
{
  sqlite3 *db = NULL;
  char *msg = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* ---- success paths ---------------------------------------------------- */

static void
test_cli_help (void)
{
  g_autofree char *out = NULL;
  g_autofree char *version = NULL;
  static const char *const commands[] = { "import", "export", "validate", "summary" };

  assert_ok (CLI ("--help"), &out);
  g_assert_true (g_str_has_prefix (out, "Usage: consort-cli COMMAND"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *c_out = NULL;
      g_autofree char *h_out = NULL;
      g_autofree char *usage = g_strdup_printf ("Usage: consort-cli %s ", commands[i]);

      g_assert_nonnull (strstr (out, commands[i]));
      assert_ok (CLI (commands[i], "--help"), &c_out);
      g_assert_true (g_str_has_prefix (c_out, usage));
      g_assert_nonnull (strstr (c_out, "--help"));
      assert_ok (CLI ("help", commands[i]), &h_out);
      g_assert_cmpstr (h_out, ==, c_out);
    }

  version = g_strdup_printf ("consort-cli %s\n", PACKAGE_VERSION);
  g_clear_pointer (&out, g_free);
  assert_ok (CLI ("--version"), &out);
  g_assert_cmpstr (out, ==, version);
}

static void
test_cli_import_export (void)
{
  g_autofree char *sum = checksum (sample_path);
  g_autofree char *a_consort = tmp_file ("a.consort");
  g_autofree char *a_json = tmp_file ("a.json");
  g_autofree char *b_consort = tmp_file ("b.consort");
  g_autofree char *b_json = tmp_file ("b.json");
  g_autofree char *c_json = tmp_file ("c.json");
  g_autofree char *a_data = NULL;
  g_autofree char *b_data = NULL;
  g_autofree char *c_data = NULL;
  g_autofree char *stdout_json = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *sum_a = NULL;
  gsize a_len, b_len, c_len;
  char header[16];
  FILE *f;

  assert_ok (CLI ("import", sample_path, a_consort), NULL);
  g_clear_pointer (&sum_a, g_free);
  sum_a = checksum (sample_path);
  g_assert_cmpstr (sum_a, ==, sum);

  /* A real SQLite document. */
  f = fopen (a_consort, "rb");
  g_assert_nonnull (f);
  g_assert_cmpuint (fread (header, 1, sizeof header, f), ==, sizeof header);
  fclose (f);
  g_assert_cmpmem (header, sizeof header, "SQLite format 3", 16);

  assert_ok (CLI ("export", a_consort, a_json), NULL);
  assert_ok (CLI ("import", a_json, b_consort), NULL);
  assert_ok (CLI ("export", b_consort, b_json), NULL);

  /* export, import, export: identical bytes. */
  a_data = read_all (a_json, &a_len);
  b_data = read_all (b_json, &b_len);
  g_assert_cmpmem (a_data, a_len, b_data, b_len);

  /* JSON to JSON gives the same canonical text. */
  assert_ok (CLI ("export", sample_path, c_json), NULL);
  c_data = read_all (c_json, &c_len);
  g_assert_cmpmem (a_data, a_len, c_data, c_len);

  /* "-" is standard output. */
  assert_ok (CLI ("export", a_consort, "-"), &stdout_json);
  g_assert_cmpmem (stdout_json, strlen (stdout_json), a_data, a_len);

  /* An existing output is kept without --force ... */
  sum_a = checksum (a_consort);
  assert_fails_full (CLI ("import", sample_path, a_consort), 3, a_consort,
                     NEEDLES ("already exists", "--force"),
                     ((const char *const[]) { sample_path, a_consort, NULL }));
  assert_fails_full (CLI ("export", a_consort, a_json), 3, a_json,
                     NEEDLES ("already exists"),
                     ((const char *const[]) { a_consort, a_json, NULL }));

  /* ... and replaced with it, leaving nothing else behind. */
  listing = list_dir (tmp_dir);
  assert_ok (CLI ("import", "--force", a_json, a_consort), NULL);
  assert_ok (CLI ("export", "-f", a_consort, a_json), NULL);
  g_clear_pointer (&c_data, g_free);
  c_data = list_dir (tmp_dir);
  g_assert_cmpstr (c_data, ==, listing);
  g_clear_pointer (&b_data, g_free);
  b_data = read_all (a_json, &b_len);
  g_assert_cmpmem (a_data, a_len, b_data, b_len);

  /* The output can never be the input, even with --force. */
  g_clear_pointer (&sum_a, g_free);
  sum_a = checksum (a_consort);
  assert_fails_full (CLI ("import", "--force", a_consort, a_consort), 3, a_consort,
                     NEEDLES ("input"), ((const char *const[]) { a_consort, NULL }));
  assert_fails_full (CLI ("export", "--force", a_json, a_json), 3, a_json,
                     NEEDLES ("input"), ((const char *const[]) { a_json, NULL }));

  g_unlink (a_consort);
  g_unlink (a_json);
  g_unlink (b_consort);
  g_unlink (b_json);
  g_unlink (c_json);
}

static void
test_cli_content_detection (void)
{
  g_autofree char *doc = import_sample ("detect.consort");
  g_autofree char *doc_named_json = tmp_file ("document-named.json");
  g_autofree char *json_named_consort = tmp_file ("json-named.consort");
  g_autofree char *json_no_ext = tmp_file ("appraisal");
  g_autofree char *s1 = NULL;
  g_autofree char *s2 = NULL;
  g_autofree char *s3 = NULL;
  g_autofree char *s4 = NULL;
  g_autofree char *data = NULL;
  gsize len;

  data = read_all (doc, &len);
  g_file_set_contents (doc_named_json, data, len, NULL);
  g_clear_pointer (&data, g_free);
  data = read_all (sample_path, &len);
  g_file_set_contents (json_named_consort, data, len, NULL);
  g_file_set_contents (json_no_ext, data, len, NULL);

  assert_ok (CLI ("summary", doc), &s1);
  assert_ok (CLI ("summary", doc_named_json), &s2);
  assert_ok (CLI ("summary", json_named_consort), &s3);
  assert_ok (CLI ("summary", json_no_ext), &s4);
  g_assert_cmpstr (s1, ==, s2);
  g_assert_cmpstr (s1, ==, s3);
  g_assert_cmpstr (s1, ==, s4);

  g_unlink (doc);
  g_unlink (doc_named_json);
  g_unlink (json_named_consort);
  g_unlink (json_no_ext);
}

static void
test_cli_validate (void)
{
  g_autofree char *doc = import_sample ("validate.consort");
  g_autofree char *sum = checksum (doc);
  g_autofree char *out1 = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *listing = list_dir (tmp_dir);

  assert_ok (CLI ("validate", sample_path), &out1);
  g_assert_true (g_str_has_prefix (out1, sample_path));
  g_assert_nonnull (strstr (out1, "valid"));
  g_assert_nonnull (strstr (out1, "4 options"));

  assert_ok (CLI ("validate", doc), &out2);
  g_assert_nonnull (strstr (out2, "valid Consort document"));
  /* Read-only: the document and its folder are untouched. */
  g_clear_pointer (&out1, g_free);
  out1 = checksum (doc);
  g_assert_cmpstr (out1, ==, sum);
  g_clear_pointer (&out2, g_free);
  out2 = list_dir (tmp_dir);
  g_assert_cmpstr (out2, ==, listing);
  g_unlink (doc);
}

static void
test_cli_summary_text (void)
{
  g_autofree char *doc = import_sample ("summary.consort");
  g_autofree char *out = NULL;
  g_autofree char *out_doc = NULL;
  g_autofree char *out_wcc = NULL;
  g_autofree char *out_part = NULL;
  static const char *const figures[] = {
    "£757,840", "£1,162,640", "£2,195,020", "£2,614,020",
    "(£247,160)", "(£412,360)", "£535,620", "£947,980", "2013", "Option 1A", "Option 3",
  };

  assert_ok (CLI ("summary", sample_path), &out);
  for (gsize i = 0; i < G_N_ELEMENTS (figures); i++)
    if (!strstr (out, figures[i]))
      g_error ("summary lacks %s:\n%s", figures[i], out);

  /* The same from the document; the perspective (wcc) is the default. */
  assert_ok (CLI ("summary", doc), &out_doc);
  g_assert_cmpstr (out_doc, ==, out);
  assert_ok (CLI ("summary", "--borough", "wcc", doc), &out_wcc);
  g_assert_cmpstr (out_wcc, ==, out);

  /* The partnership view differs: it adds H&F's savings and costs. */
  assert_ok (CLI ("summary", "--partnership", doc), &out_part);
  g_assert_cmpstr (out_part, !=, out);
  g_assert_nonnull (strstr (out_part, "£1,556,340"));
  g_unlink (doc);
}

static JsonObject *
find_option (JsonArray  *options,
             const char *id)
{
  for (guint i = 0; i < json_array_get_length (options); i++)
    {
      JsonObject *o = json_array_get_object_element (options, i);
      if (g_strcmp0 (json_object_get_string_member (o, "id"), id) == 0)
        return o;
    }
  g_error ("no option %s in the summary", id);
  return NULL;
}

static void
assert_party (JsonObject   *party,
              const double  net[4],
              double        total_gross,
              double        total_costs,
              double        total_net,
              const char   *breakeven)
{
  JsonArray *a = json_object_get_array_member (party, "net");
  JsonArray *c = json_object_get_array_member (party, "cumulative");
  double cum = 0;

  g_assert_cmpuint (json_array_get_length (a), ==, 4);
  for (guint y = 0; y < 4; y++)
    {
      cum += net[y];
      g_assert_cmpfloat (json_array_get_double_element (a, y), ==, net[y]);
      g_assert_cmpfloat (json_array_get_double_element (c, y), ==, cum);
    }
  g_assert_cmpfloat (json_object_get_double_member (party, "total_gross"), ==, total_gross);
  g_assert_cmpfloat (json_object_get_double_member (party, "total_costs"), ==, total_costs);
  g_assert_cmpfloat (json_object_get_double_member (party, "total_net"), ==, total_net);
  g_assert_true (json_object_has_member (party, "npv"));
  g_assert_true (json_object_has_member (party, "gross"));
  g_assert_true (json_object_has_member (party, "costs"));
  if (breakeven)
    g_assert_cmpstr (json_object_get_string_member (party, "breakeven"), ==, breakeven);
  else
    g_assert_true (json_object_get_null_member (party, "breakeven"));
}

static JsonObject *
parse_summary (const char *text,
               JsonParser *parser)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_node_get_object (root);
}

static void
test_cli_summary_json (void)
{
  g_autofree char *doc = import_sample ("summary-json.consort");
  g_autofree char *out = NULL;
  g_autofree char *out_doc = NULL;
  g_autofree char *out_hf = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) parser_hf = json_parser_new ();
  JsonObject *root, *o, *boroughs;
  JsonArray *years, *options;
  static const double wcc_net[4][4] = {
    { -247160, 335000, 335000, 335000 },
    { -412360, 525000, 525000, 525000 },
    { -412360, 86380, 1006000, 1515000 },
    { -412360, 354190, 738190, 1934000 },
  };
  static const char *const ids[] = { "1a", "1b", "2", "3" };
  static const double gross[] = { 1005000, 1575000, 3143000, 3562000 };
  static const double costs[] = { 247160, 412360, 947980, 947980 };
  static const double net[] = { 757840, 1162640, 2195020, 2614020 };
  static const char *const breakeven[] = { "2011/12", "2011/12", "2012/13", "2012/13" };
  static const char *const kinds[] = { "two-borough", "two-borough", "two-borough", "alliance" };
  static const double part_1a[4] = { -453660, 670000, 670000, 670000 };

  assert_ok (CLI ("summary", "--json", sample_path), &out);
  assert_ok (CLI ("summary", doc, "--json"), &out_doc);
  g_assert_cmpstr (out, ==, out_doc);

  root = parse_summary (out, parser);
  years = json_object_get_array_member (root, "years");
  g_assert_cmpuint (json_array_get_length (years), ==, 4);
  g_assert_cmpstr (json_array_get_string_element (years, 0), ==, "2010/11");
  g_assert_cmpstr (json_array_get_string_element (years, 3), ==, "2013/14");

  options = json_object_get_array_member (root, "options");
  g_assert_cmpuint (json_array_get_length (options), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      o = find_option (options, ids[i]);
      g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, kinds[i]);
      g_assert_nonnull (json_object_get_string_member (o, "name"));
      boroughs = json_object_get_object_member (o, "boroughs");
      g_assert_true (json_object_has_member (boroughs, "hf"));
      assert_party (json_object_get_object_member (boroughs, "wcc"), wcc_net[i],
                    gross[i], costs[i], net[i], breakeven[i]);
    }
  o = find_option (options, "1a");
  assert_party (json_object_get_object_member (o, "partnership"), part_1a,
                2010000, 453660, 1556340, "2011/12");

  /* --borough: only that borough. */
  assert_ok (CLI ("summary", "--json", "--borough=hf", doc), &out_hf);
  root = parse_summary (out_hf, parser_hf);
  options = json_object_get_array_member (root, "options");
  o = find_option (options, "1b");
  boroughs = json_object_get_object_member (o, "boroughs");
  g_assert_cmpuint (json_object_get_size (boroughs), ==, 1);
  g_assert_true (json_object_has_member (boroughs, "hf"));
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (boroughs, "hf"),
                                                    "total_net"), ==, 1203300);
  g_unlink (doc);
}

/* ---- error paths ------------------------------------------------------ */

static void
test_cli_missing_file (void)
{
  g_autofree char *missing = tmp_file ("no-such-file.json");

  assert_bad_input (missing, NEEDLES ("No such file"));
}

static void
test_cli_unreadable (void)
{
  g_autofree char *folder = tmp_file ("a-folder.consort");
  g_autofree char *locked = NULL;

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  assert_bad_input (folder, NEEDLES ("cannot read"));
  g_rmdir (folder);

  /* Permissions do not stop root, so only check them for other users. */
  if (geteuid () != 0)
    {
      locked = write_tmp ("locked.json", minimal_json, -1);
      g_assert_cmpint (g_chmod (locked, 0), ==, 0);
      assert_bad_input (locked, NEEDLES ("Permission denied"));
      g_chmod (locked, 0644);
      g_unlink (locked);
    }
}

static void
test_cli_not_an_appraisal (void)
{
  g_autofree char *empty = write_tmp ("empty.json", "", 0);
  g_autofree char *binary = write_tmp ("noise.bin", "\x01\x02\x03garbage\xff", 11);
  g_autofree char *short_doc = write_tmp ("short.consort", "SQLite for", 10);

  assert_bad_input (empty, NEEDLES ("empty"));
  assert_bad_input (binary, NEEDLES ("neither"));
  assert_bad_input (short_doc, NEEDLES ("neither"));
  g_unlink (empty);
  g_unlink (binary);
  g_unlink (short_doc);
}

static void
test_cli_malformed_json (void)
{
  g_autofree char *cut = NULL;
  g_autofree char *path = NULL;
  g_autofree char *comma = NULL;
  g_autofree char *path2 = NULL;

  /* Cut off in the middle. */
  cut = g_strndup (minimal_json, strlen (minimal_json) / 2);
  path = write_tmp ("cut.json", cut, -1);
  assert_bad_input (path, NEEDLES ("line"));

  /* A stray comma on line 2. */
  comma = variant ("\"years\": 3,", "\"years\": 3,,");
  path2 = write_tmp ("comma.json", comma, -1);
  assert_bad_input (path2, NEEDLES ("line 2"));

  g_unlink (path);
  g_unlink (path2);
}

typedef struct {
  const char *name;
  const char *from;
  const char *to;
  const char *needles[4];
} BadJson;

static const BadJson bad_json[] = {
  /* Unknown ids. */
  { "unknown-borough-baseline", "\"b\": {\"budget\": 3000000", "\"zz\": {\"budget\": 3000000",
    { "services[0]", "baselines", "zz" } },
  { "unknown-borough-owner", "\"borough\": \"a\", \"amounts\"", "\"borough\": \"zz\", \"amounts\"",
    { "options[0]", "savings[0]", "zz" } },
  { "unknown-service", "{\"service\": \"s\", \"method\": \"rate\"", "{\"service\": \"nope\", \"method\": \"rate\"",
    { "options[0]", "savings[1]", "nope" } },
  /* A participant that is not a borough. */
  { "participant-not-borough", "{\"borough\": \"b\", \"from\": 2011}", "{\"borough\": \"camden\", \"from\": 2011}",
    { "options[0]", "participants[1]", "camden" } },
  /* Rates outside 0..1. */
  { "rate-above-one", "\"rate\": 0.03", "\"rate\": 1.5", { "options[0]", "savings[1]", "rate" } },
  { "rate-negative", "\"rate\": 0.03", "\"rate\": -0.1", { "options[0]", "savings[1]", "rate" } },
  { "discount-above-one", "\"discount_rate\": 0.035", "\"discount_rate\": 3.5", { "discount_rate" } },
  /* Years outside the horizon (2010/11 to 2012/13). */
  { "amount-year-after", "{\"2011\": 5000}", "{\"2015\": 5000}", { "options[0]", "savings[0]", "2015" } },
  { "cost-year-before", "\"year\": 2010, \"borough\"", "\"year\": 2009, \"borough\"", { "options[0]", "costs[0]", "2009" } },
  { "start-after", "\"start\": 2011", "\"start\": 2013", { "options[0]", "savings[1]", "2013" } },
  { "join-after", "\"from\": 2011", "\"from\": 2020", { "options[0]", "participants[1]", "2020" } },
  /* Negative budget. */
  { "negative-budget", "\"budget\": 1000000", "\"budget\": -1000000", { "services[0]", "budget" } },
  /* Wrong types and unknown values. */
  { "format", "\"consort-appraisal\"", "\"something-else\"", { "format" } },
  { "newer-interchange", "\"version\": 1", "\"version\": 99", { "version" } },
  { "years-string", "\"years\": 3", "\"years\": \"three\"", { "years" } },
  { "method", "\"method\": \"rate\"", "\"method\": \"magic\"", { "options[0]", "savings[1]", "magic" } },
  { "cost-kind", "\"kind\": \"redundancy\"", "\"kind\": \"bribes\"", { "options[0]", "costs[0]", "bribes" } },
  { "amount-decimals", "{\"2011\": 5000}", "{\"2011\": 5000.125}", { "options[0]", "savings[0]", "decimals" } },
  { "duplicate-borough", "{\"id\": \"b\", \"name\": \"Beta\"", "{\"id\": \"a\", \"name\": \"Beta\"", { "boroughs[1]", "a" } },
  /* A mistyped delivery model would detach the item from its default rate. */
  { "model-typo", "\"rate\": 0.03, \"start\": 2011", "\"rate\": null, \"model\": \"shared_servise\", \"start\": 2011",
    { "options[0] (\"o\").savings[1].model: \"shared_servise\" is not a delivery model (one of: shared_service," } },
  /* A NUL would silently cut the title short; controls and bidi overrides disguise names. */
  { "nul-title", "\"title\": \"Minimal\"", "\"title\": \"Mini\\u0000mal\"",
    { "title: contains a control character (U+0000)" } },
  { "bidi-name", "\"name\": \"Beta\"", "\"name\": \"Beta\\u202e\"",
    { "boroughs[1] (\"b\").name: contains a text-direction control character (U+202E)" } },
  /* json-glib's jargon in plain words. */
  { "unclosed-string", "\"title\": \"Minimal\",", "\"title\": \"Minimal,",
    { "line 2, column 2", "a string is not closed on its line" } },
};

static void
test_cli_bad_json (gconstpointer data)
{
  const BadJson *bad = data;
  g_autofree char *text = variant (bad->from, bad->to);
  g_autofree char *name = g_strconcat (bad->name, ".json", NULL);
  g_autofree char *path = write_tmp (name, text, -1);

  assert_bad_input (path, bad->needles);
  g_unlink (path);
}

static void
test_cli_minimal_ok (void)
{
  g_autofree char *path = write_tmp ("minimal.json", minimal_json, -1);
  g_autofree char *out = NULL;

  assert_ok (CLI ("validate", path), &out);
  g_clear_pointer (&out, g_free);
  assert_ok (CLI ("summary", "--json", path), &out);
  g_unlink (path);
}

static void
test_cli_damaged_document (void)
{
  g_autofree char *doc = import_sample ("whole.consort");
  g_autofree char *cut = tmp_file ("truncated.consort");
  g_autofree char *cut_small = tmp_file ("truncated-small.consort");
  g_autofree char *scribbled = tmp_file ("scribbled.consort");
  g_autofree char *data = NULL;
  gsize len;

  data = read_all (doc, &len);
  g_assert_cmpuint (len, >, 4096);

  /* Truncated in the middle of its pages. */
  g_file_set_contents (cut, data, len / 2 + 100, NULL);
  assert_bad_input (cut, NULL);

  /* Only the first page left. */
  g_file_set_contents (cut_small, data, 1024, NULL);
  assert_bad_input (cut_small, NULL);

  /* Pages overwritten with noise after the header. */
  for (gsize i = 100; i < len; i++)
    data[i] = (char) (i * 7 + 3);
  g_file_set_contents (scribbled, data, len, NULL);
  /* The problem in words, without SQLite's jargon or the name again. */
  assert_bad_input (scribbled, NEEDLES ("The file is damaged: its database structure is corrupt"));
  {
    g_autofree char *o = NULL;
    g_autofree char *e = NULL;
    g_autofree char *want = g_strdup_printf ("consort-cli: %s: The file is damaged: its database "
                                             "structure is corrupt\n", scribbled);

    g_assert_cmpint (run_cli (CLI ("validate", scribbled), &o, &e), ==, 1);
    g_assert_cmpstr (e, ==, want);
  }

  g_unlink (doc);
  g_unlink (cut);
  g_unlink (cut_small);
  g_unlink (scribbled);
}

static void
test_cli_foreign_sqlite (void)
{
  g_autofree char *foreign = tmp_file ("foreign.consort");

  sqlite_exec (foreign, "CREATE TABLE recipes (name TEXT, minutes INTEGER);"
                        "INSERT INTO recipes VALUES ('toast', 3);");
  assert_bad_input (foreign, NEEDLES ("Consort"));
  g_unlink (foreign);
}

static void
test_cli_newer_document (void)
{
  g_autofree char *doc = import_sample ("newer.consort");

  sqlite_exec (doc, "PRAGMA user_version = 999;");
  assert_bad_input (doc, NEEDLES ("newer"));
  g_unlink (doc);
}

static gint64
user_version (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return v;
}

/* A document of the oldest schema is read (migrated in memory only) and
 * stays as it was on disk; import writes it at the current version. */
static void
test_cli_older_document (void)
{
  const char *root = g_getenv ("SOURCE_ROOT");
  g_autofree char *sql_path = g_build_filename (root ? root : "..", "tests", "data",
                                                "v1-sample.sql", NULL);
  g_autofree char *old = tmp_file ("old.consort");
  g_autofree char *copy = tmp_file ("old-imported.consort");
  g_autofree char *sql = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *sum_after = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *listing_after = NULL;
  g_autofree char *out = NULL;
  gsize len;

  if (!g_file_test (sql_path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no tests/data/v1-sample.sql");
      return;
    }
  sql = read_all (sql_path, &len);
  stamp = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                           CONSORT_APPLICATION_ID, CONSORT_SCHEMA_OLDEST);
  {
    g_autofree char *all = g_strconcat ("BEGIN;\n", consort_schema_ddl (CONSORT_SCHEMA_OLDEST),
                                        ";\n", sql, ";\n", stamp, "\nCOMMIT;", NULL);
    sqlite_exec (old, all);
  }
  g_assert_cmpint (user_version (old), ==, CONSORT_SCHEMA_OLDEST);

  sum = checksum (old);
  listing = list_dir (tmp_dir);
  assert_ok (CLI ("validate", old), &out);
  g_clear_pointer (&out, g_free);
  assert_ok (CLI ("summary", old), &out);
  g_clear_pointer (&out, g_free);
  assert_ok (CLI ("export", old, "-"), &out);
  sum_after = checksum (old);
  listing_after = list_dir (tmp_dir);
  g_assert_cmpstr (sum_after, ==, sum);
  g_assert_cmpstr (listing_after, ==, listing);
  g_assert_cmpint (user_version (old), ==, CONSORT_SCHEMA_OLDEST);

  assert_ok (CLI ("import", old, copy), NULL);
  g_assert_cmpint (user_version (copy), ==, CONSORT_SCHEMA_VERSION);
  g_unlink (old);
  g_unlink (copy);
}

static void
test_cli_usage_errors (void)
{
  const char *inputs[] = { sample_path, NULL };
  g_autofree char *out = tmp_file ("usage-out.consort");
  g_autofree char *o = NULL;
  g_autofree char *e = NULL;

  assert_fails_full (CLI ("frobnicate", sample_path), 2, "frobnicate",
                     NEEDLES ("not a command"), inputs);
  assert_fails_full (CLI ("--frobnicate"), 2, "--frobnicate", NEEDLES ("unknown option"), inputs);
  assert_fails_full (CLI ("summary", "--colour", sample_path), 2, "summary",
                     NEEDLES ("unknown option", "--colour"), inputs);
  assert_fails_full (CLI ("summary", "-x", sample_path), 2, "summary",
                     NEEDLES ("unknown option", "-x"), inputs);
  assert_fails_full (CLI ("validate", "--force", sample_path), 2, "validate",
                     NEEDLES ("unknown option", "--force"), inputs);
  assert_fails_full (CLI ("summary", "--json=yes", sample_path), 2, "summary",
                     NEEDLES ("--json", "no value"), inputs);
  assert_fails_full (CLI ("summary", sample_path, "--borough"), 2, "summary",
                     NEEDLES ("--borough", "needs a value"), inputs);
  assert_fails_full (CLI ("summary", "--borough", "wcc", "--partnership", sample_path), 2, "summary",
                     NEEDLES ("--partnership"), inputs);
  assert_fails_full (CLI ("summary", "--json", "--json", sample_path), 2, "summary",
                     NEEDLES ("twice"), inputs);
  assert_fails_full (CLI ("summary"), 2, "summary", NEEDLES ("expected FILE"), inputs);
  assert_fails_full (CLI ("summary", sample_path, sample_path), 2, "summary",
                     NEEDLES ("got 2"), inputs);
  assert_fails_full (CLI ("import", sample_path), 2, "import", NEEDLES ("expected"), inputs);
  assert_fails_full (CLI ("import", sample_path, "-"), 2, "import", NEEDLES ("standard output"), inputs);
  assert_fails_full (CLI ("validate", ""), 2, "validate", NEEDLES ("empty"), inputs);
  assert_fails_full (CLI ("help", "frobnicate"), 2, "help", NEEDLES ("frobnicate"), inputs);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  /* --borough with an id the appraisal lacks names the file and option. */
  assert_fails_full (CLI ("summary", "--borough", "camden", sample_path), 2, sample_path,
                     NEEDLES ("--borough", "camden", "wcc"), inputs);
  assert_fails_full (CLI ("summary", "--json", "-b", "camden", sample_path), 2, sample_path,
                     NEEDLES ("--borough", "camden"), inputs);

  /* No arguments at all: the help, on stderr, and status 2. */
  g_assert_cmpint (run_cli ((const char *const[]) { NULL }, &o, &e), ==, 2);
  g_assert_cmpstr (o, ==, "");
  g_assert_true (g_str_has_prefix (e, "Usage: consort-cli"));
}

static void
test_cli_unwritable_output (void)
{
  const char *inputs[] = { sample_path, NULL };
  g_autofree char *nowhere = tmp_file ("no-such-folder/out.consort");
  g_autofree char *nowhere_json = tmp_file ("no-such-folder/out.json");
  g_autofree char *folder = tmp_file ("out-folder");

  assert_fails_full (CLI ("import", sample_path, nowhere), 3, nowhere,
                     NEEDLES ("cannot write"), inputs);
  assert_fails_full (CLI ("export", sample_path, nowhere_json), 3, nowhere_json,
                     NEEDLES ("cannot write"), inputs);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  assert_fails_full (CLI ("import", "--force", sample_path, folder), 3, folder,
                     NEEDLES ("folder"), inputs);
  g_rmdir (folder);
}

int
main (int    argc,
      char **argv)
{
  const char *root = g_getenv ("SOURCE_ROOT");
  g_autoptr(GError) error = NULL;
  g_autofree char *sample = NULL;
  gsize len;
  int status;

  /* The path of consort-cli comes first, before any test options. */
  if (argc < 2 || argv[1][0] == '-')
    {
      g_printerr ("usage: %s PATH-TO-CONSORT-CLI [TEST-OPTION…]\n", argv[0]);
      return 2;
    }
  cli_path = g_canonicalize_filename (argv[1], NULL);
  argv[1] = argv[0];
  argc--;
  argv++;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("consort-test-cli-XXXXXX", &error);
  g_assert_no_error (error);

  /* Work on a copy of the sample, so that a failure cannot touch the
   * repository. */
  {
    g_autofree char *src = g_build_filename (root ? root : "..", "data",
                                             "westminster-2010.json", NULL);
    sample = read_all (src, &len);
    sample_path = write_tmp ("westminster-2010.json", sample, len);
  }

  g_test_add_func ("/cli/help", test_cli_help);
  g_test_add_func ("/cli/import-export", test_cli_import_export);
  g_test_add_func ("/cli/content-detection", test_cli_content_detection);
  g_test_add_func ("/cli/validate", test_cli_validate);
  g_test_add_func ("/cli/summary-text", test_cli_summary_text);
  g_test_add_func ("/cli/summary-json", test_cli_summary_json);
  g_test_add_func ("/cli/minimal", test_cli_minimal_ok);
  g_test_add_func ("/cli/older-document", test_cli_older_document);
  g_test_add_func ("/cli/error/missing-file", test_cli_missing_file);
  g_test_add_func ("/cli/error/unreadable", test_cli_unreadable);
  g_test_add_func ("/cli/error/not-an-appraisal", test_cli_not_an_appraisal);
  g_test_add_func ("/cli/error/malformed-json", test_cli_malformed_json);
  for (gsize i = 0; i < G_N_ELEMENTS (bad_json); i++)
    {
      g_autofree char *name = g_strconcat ("/cli/error/json/", bad_json[i].name, NULL);
      g_test_add_data_func (name, &bad_json[i], test_cli_bad_json);
    }
  g_test_add_func ("/cli/error/damaged-document", test_cli_damaged_document);
  g_test_add_func ("/cli/error/foreign-sqlite", test_cli_foreign_sqlite);
  g_test_add_func ("/cli/error/newer-document", test_cli_newer_document);
  g_test_add_func ("/cli/error/usage", test_cli_usage_errors);
  g_test_add_func ("/cli/error/unwritable-output", test_cli_unwritable_output);

  status = g_test_run ();

  g_unlink (sample_path);
  g_rmdir (tmp_dir);
  g_free (sample_path);
  g_free (tmp_dir);
  g_free (cli_path);
  return status;
}
