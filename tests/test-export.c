/* test-export.c: tables as CSV and xlsx, charts as SVG and PNG, and the
 * report, chart and table commands of consort-cli (its path is argv[1]).
 *
 * CSV must re-read to the very numbers of `summary --json`; the xlsx
 * must hold numbers as numbers and totals as SUM formulas (read from the
 * sheet's XML), and, where LibreOffice is installed, convert to the same
 * CSV in a second tool.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "consort-core.h"
#include "consort-chart.h"
#include "consort-table-export.h"

static const char *cli_path;
static char *tmpdir;

/* A check that needs a second tool skips without it, except where
 * CONSORT_TEST_REQUIRE_TOOLS is set (CI, which installs them): there a
 * missing tool fails the test rather than hiding the check. */
static void
skip_without_tool (const char *message)
{
  if (g_getenv ("CONSORT_TEST_REQUIRE_TOOLS"))
    {
      g_test_message ("%s, but CONSORT_TEST_REQUIRE_TOOLS is set", message);
      g_test_fail ();
    }
  else
    g_test_skip (message);
}

static char *
sample_path (void)
{
  const char *root = g_getenv ("SOURCE_ROOT");
  return g_build_filename (root ? root : "..", "data", "westminster-2010.json", NULL);
}

static ConsortResults *
load_sample (void)
{
  g_autofree char *path = sample_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsortAppraisal) appraisal = consort_json_read_file (path, &error);
  ConsortResults *results;

  g_assert_no_error (error);
  results = consort_engine_compute (appraisal, &error);
  g_assert_no_error (error);
  return results;
}

static char *
tmp_file (const char *name)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_unlink (path);
  return g_steal_pointer (&path);
}

/* A small RFC 4180 reader: rows of fields. */
static GPtrArray *
csv_parse (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ',')
        {
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
        }
      else if (*p == '\r')
        continue;
      else if (*p == '\n')
        {
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
        }
      else
        g_string_append_c (field, *p);
    }
  if (field->len > 0 || row->len > 0)
    {
      g_ptr_array_add (row, g_strdup (field->str));
      g_ptr_array_add (rows, row);
    }
  else
    g_ptr_array_unref (row);
  g_string_free (field, TRUE);
  return rows;
}

static const char *
cell (GPtrArray *rows, guint r, guint c)
{
  GPtrArray *row = g_ptr_array_index (rows, r);
  g_assert_cmpuint (c, <, row->len);
  return g_ptr_array_index (row, c);
}

/* Pounds as text ("-247160", "1423436.78") to pence, exactly. */
static gint64
pence_of (const char *text)
{
  ConsortMoney pence = 0;
  g_assert_true (consort_money_parse (text, &pence));
  return pence;
}

static gint64
json_pence (JsonNode *node)
{
  /* JSON numbers in pounds with at most two decimals. */
  double v = json_node_get_double (node);
  return (gint64) (v * 100 + (v < 0 ? -0.5 : 0.5));
}

static void
test_csv_matches_summary_json (void)
{
  g_autoptr(ConsortResults) results = load_sample ();
  int wcc = consort_appraisal_borough_index (results->appraisal, "wcc");
  g_autofree char *json_text = consort_summary_to_json (results, wcc);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *options;
  static const struct { ConsortTableKind kind; const char *field; const char *total; } tables[] = {
    { CONSORT_TABLE_GROSS, "gross", "total_gross" },
    { CONSORT_TABLE_COSTS, "costs", "total_costs" },
    { CONSORT_TABLE_NET, "net", "total_net" },
    { CONSORT_TABLE_CUMULATIVE, "cumulative", NULL },
  };

  json_parser_load_from_data (parser, json_text, -1, &error);
  g_assert_no_error (error);
  options = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "options");
  g_assert_cmpuint (json_array_get_length (options), ==, 4);

  for (gsize t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autoptr(ConsortTable) table = consort_table_new (results, tables[t].kind, -1, wcc, &error);
      g_autofree char *csv = NULL;
      g_autoptr(GPtrArray) rows = NULL;

      g_assert_no_error (error);
      csv = consort_table_to_csv (table);
      g_assert_true (g_utf8_validate (csv, -1, NULL));
      rows = csv_parse (csv);
      g_assert_cmpuint (rows->len, ==, 1 + 4);
      g_assert_cmpstr (cell (rows, 0, 0), ==, "Option");
      g_assert_cmpstr (cell (rows, 0, 1), ==, "2010/11");
      g_assert_cmpstr (cell (rows, 0, 4), ==, "2013/14");
      for (guint o = 0; o < 4; o++)
        {
          JsonObject *opt = json_array_get_object_element (options, o);
          JsonObject *b = json_object_get_object_member (json_object_get_object_member (opt, "boroughs"), "wcc");
          JsonArray *values = json_object_get_array_member (b, tables[t].field);

          g_assert_cmpstr (cell (rows, 1 + o, 0), ==, json_object_get_string_member (opt, "name"));
          for (guint y = 0; y < 4; y++)
            g_assert_cmpint (pence_of (cell (rows, 1 + o, 1 + y)), ==,
                             json_pence (json_array_get_element (values, y)));
          if (tables[t].total)
            g_assert_cmpint (pence_of (cell (rows, 1 + o, 5)), ==,
                             json_pence (json_object_get_member (b, tables[t].total)));
        }
    }

  /* The paper's totals, exactly. */
  {
    g_autoptr(ConsortTable) net = consort_table_new (results, CONSORT_TABLE_NET, -1, wcc, NULL);
    g_autofree char *csv = consort_table_to_csv (net);
    g_assert_nonnull (strstr (csv, "Option 1A,-247160,335000,335000,335000,757840\r\n"));
    g_assert_nonnull (strstr (csv, ",1162640\r\n"));
    g_assert_nonnull (strstr (csv, ",2195020\r\n"));
    g_assert_nonnull (strstr (csv, ",2614020\r\n"));
  }

  /* Summary: totals, NPV to the penny, break-even. */
  {
    g_autoptr(ConsortTable) summary = consort_table_new (results, CONSORT_TABLE_SUMMARY, -1, -1, NULL);
    g_autofree char *csv = consort_table_to_csv (summary);
    g_autoptr(GPtrArray) rows = csv_parse (csv);

    g_assert_cmpstr (cell (rows, 0, 5), ==, "NPV at 3.5%");
    g_assert_cmpstr (cell (rows, 1, 1), ==, "Two-borough");
    g_assert_cmpint (pence_of (cell (rows, 1, 4)), ==, 155634000);
    g_assert_cmpint (pence_of (cell (rows, 1, 5)), ==, 142343678);
    g_assert_cmpstr (cell (rows, 1, 6), ==, "2011/12");
  }
}

static void
test_services_table (void)
{
  g_autoptr(ConsortResults) results = load_sample ();
  int wcc = consort_appraisal_borough_index (results->appraisal, "wcc");
  int option3 = consort_appraisal_option_index (results->appraisal, "3");
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsortTable) table = consort_table_new (results, CONSORT_TABLE_SERVICES, option3, wcc, &error);
  g_autofree char *csv = NULL;

  g_assert_no_error (error);
  g_assert_true (table->has_total_row);
  csv = consort_table_to_csv (table);
  g_assert_nonnull (strstr (csv, "Total,0,622000,1006000,1934000,3562000\r\n"));

  g_assert_null (consort_table_new (results, CONSORT_TABLE_SERVICES, 17, wcc, &error));
  g_assert_error (error, CONSORT_ERROR, CONSORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (consort_table_new (results, CONSORT_TABLE_NET, 0, 42, &error));
  g_assert_error (error, CONSORT_ERROR, CONSORT_ERROR_INVALID);
}

static void
test_csv_quoting (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsortAppraisal) a = consort_appraisal_new ();
  g_autoptr(ConsortResults) results = NULL;
  g_autoptr(ConsortTable) table = NULL;
  g_autofree char *csv = NULL;
  ConsortOption *opt = consort_option_new ("x", "Option \"X\", the one");

  g_ptr_array_add (a->boroughs, consort_borough_new ("a", "A", 1));
  g_ptr_array_add (opt->participants, consort_participant_new ("a", a->first_year));
  g_ptr_array_add (a->options, opt);
  results = consort_engine_compute (a, &error);
  g_assert_no_error (error);
  table = consort_table_new (results, CONSORT_TABLE_GROSS, -1, -1, &error);
  csv = consort_table_to_csv (table);
  g_assert_true (g_str_has_prefix (strchr (csv, '\n') + 1, "\"Option \"\"X\"\", the one\",0,"));
}

static char *
run_capture (const char * const *argv, int *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  char *err = NULL;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, status, &error);
  g_assert_no_error (error);
  return err;
}

static void
test_xlsx (void)
{
  g_autoptr(ConsortResults) results = load_sample ();
  int wcc = consort_appraisal_borough_index (results->appraisal, "wcc");
  int option3 = consort_appraisal_option_index (results->appraisal, "3");
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsortTable) net = consort_table_new (results, CONSORT_TABLE_NET, -1, wcc, &error);
  g_autoptr(ConsortTable) services = consort_table_new (results, CONSORT_TABLE_SERVICES, option3, wcc, &error);
  g_autofree char *path = tmp_file ("net.xlsx");
  g_autofree char *spath = tmp_file ("services.xlsx");
  g_autofree char *sheet = NULL;
  g_autofree char *strings = NULL;
  int status = 0;

  g_assert_true (consort_table_save (net, path, &error));
  g_assert_no_error (error);
  g_assert_true (consort_table_save (services, spath, &error));
  g_assert_no_error (error);

  /* Nothing else is left beside it. */
  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (dir)))
      g_assert_false (strstr (name, ".part-"));
  }

  if (!g_find_program_in_path ("unzip"))
    {
      skip_without_tool ("unzip is not installed");
      return;
    }
  {
    const char *argv[] = { "unzip", "-p", path, "xl/worksheets/sheet1.xml", NULL };
    g_autofree char *err = NULL;
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &sheet, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_cmpint (status, ==, 0);
  }
  {
    const char *argv[] = { "unzip", "-p", path, "xl/sharedStrings.xml", NULL };
    g_autofree char *err = NULL;
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &strings, &err, &status, &error);
    g_assert_no_error (error);
  }
  /* Numbers are numbers (no t="s"), totals are formulas with their value. */
  g_assert_nonnull (strstr (sheet, "<c r=\"B3\" s=\"3\"><v>-247160</v></c>"));
  g_assert_nonnull (strstr (sheet, "<f>SUM(B3:E3)</f><v>757840</v>"));
  g_assert_nonnull (strstr (sheet, "<f>SUM(B6:E6)</f><v>2614020</v>"));
  g_assert_nonnull (strstr (strings, "2010/11"));
  g_assert_nonnull (strstr (strings, "Option 1A"));

  {
    const char *argv[] = { "unzip", "-p", spath, "xl/worksheets/sheet1.xml", NULL };
    g_autofree char *err = NULL;
    g_autofree char *ssheet = NULL;
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &ssheet, &err, &status, &error);
    g_assert_no_error (error);
    /* The Total row sums the columns: 7 services in rows 3 to 9. */
    g_assert_nonnull (strstr (ssheet, "<f>SUM(F3:F9)</f><v>3562000</v>"));
  }
}

/* The xlsx opened by a second tool: LibreOffice converts it to CSV. */
static void
test_xlsx_libreoffice (void)
{
  g_autoptr(ConsortResults) results = load_sample ();
  int wcc = consort_appraisal_borough_index (results->appraisal, "wcc");
  g_autoptr(GError) error = NULL;
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *outdir = g_build_filename (tmpdir, "lo", NULL);
  g_autofree char *profile = g_build_filename (tmpdir, "lo-profile", NULL);
  g_autofree char *profile_url = NULL;

  if (!soffice)
    {
      skip_without_tool ("LibreOffice (soffice, Debian's libreoffice-calc-nogui) is not installed");
      return;
    }
  profile_url = g_filename_to_uri (profile, NULL, NULL);

  for (ConsortTableKind kind = CONSORT_TABLE_GROSS; kind < CONSORT_N_TABLE_KINDS; kind++)
    {
      g_autoptr(ConsortTable) table = consort_table_new (results, kind, 3, wcc, &error);
      g_autofree char *name = g_strdup_printf ("lo-%s.xlsx", consort_table_kind_to_string (kind));
      g_autofree char *csv_name = g_strdup_printf ("lo-%s.csv", consort_table_kind_to_string (kind));
      g_autofree char *path = tmp_file (name);
      g_autofree char *converted = g_build_filename (outdir, csv_name, NULL);
      g_autofree char *env_arg = g_strdup_printf ("-env:UserInstallation=%s", profile_url);
      g_autofree char *text = NULL;
      g_autofree char *ours = NULL;
      g_autoptr(GPtrArray) theirs_rows = NULL;
      g_autoptr(GPtrArray) our_rows = NULL;
      const char *argv[] = { soffice, env_arg, "--headless", "--convert-to",
                             "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false",
                             "--outdir", outdir, path, NULL };
      g_autofree char *err = NULL;
      int status = 0;

      g_assert_no_error (error);
      g_assert_true (consort_table_save (table, path, &error));
      err = run_capture (argv, &status);
      g_assert_cmpint (status, ==, 0);
      g_file_get_contents (converted, &text, NULL, &error);
      g_assert_no_error (error);

      /* Their rows: a title row, then our heading and body rows. */
      theirs_rows = csv_parse (text);
      ours = consort_table_to_csv (table);
      our_rows = csv_parse (ours);
      g_assert_cmpuint (theirs_rows->len, ==, our_rows->len + 1);
      for (guint r = 0; r < our_rows->len; r++)
        for (guint c = 0; c < table->n_columns; c++)
          {
            const char *a = cell (our_rows, r, c);
            const char *b = cell (theirs_rows, r + 1, c);
            if (r > 0 && table->types[(r - 1) * table->n_columns + c] == CONSORT_CELL_MONEY)
              g_assert_cmpint (pence_of (a), ==, pence_of (b));
            else
              g_assert_cmpstr (a, ==, b);
          }
    }
}

static gboolean
svg_parses (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GMarkupParser parser = { 0 };
  GMarkupParseContext *ctx;
  gboolean ok;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "<?xml"));
  ctx = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  ok = g_markup_parse_context_parse (ctx, text, -1, &error) &&
       g_markup_parse_context_end_parse (ctx, &error);
  g_assert_no_error (error);
  g_markup_parse_context_free (ctx);
  return ok && strstr (text, "<svg") != NULL;
}

static void
test_chart_images (void)
{
  g_autoptr(ConsortResults) results = load_sample ();
  ConsortChartStyle style;

  consort_chart_style_init_light (&style);
  for (ConsortChartKind kind = 0; kind < CONSORT_N_CHART_KINDS; kind++)
    {
      g_autoptr(ConsortChart) chart = consort_chart_new (results, kind, 3, 0);
      g_autofree char *svg = tmp_file ("chart.svg");
      g_autofree char *png = tmp_file ("chart.png");
      g_autoptr(GError) error = NULL;
      cairo_surface_t *image;

      g_assert_true (consort_chart_save (chart, svg, 640, 400, &style, &error));
      g_assert_no_error (error);
      g_assert_true (svg_parses (svg));

      g_assert_true (consort_chart_save (chart, png, 1234, 567, &style, &error));
      g_assert_no_error (error);
      image = cairo_image_surface_create_from_png (png);
      g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1234);
      g_assert_cmpint (cairo_image_surface_get_height (image), ==, 567);
      cairo_surface_destroy (image);
    }
}

/* consort-cli */

static int
cli (const char *const *args, char **out, char **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) cli_path);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, 0, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  return -1;
}

static void
assert_one_line_error (const char *err, const char *fragment)
{
  g_assert_true (g_str_has_prefix (err, "consort-cli: "));
  g_assert_nonnull (strstr (err, fragment));
  g_assert_nonnull (strchr (err, '\n'));
  g_assert_cmpstr (strchr (err, '\n') + 1, ==, "");
}

static void
test_cli_commands (void)
{
  g_autofree char *sample = sample_path ();
  g_autofree char *pdf = tmp_file ("cli.pdf");
  g_autofree char *svg = tmp_file ("cli.svg");
  g_autofree char *png = tmp_file ("cli.png");
  g_autofree char *csv = tmp_file ("cli.csv");
  g_autofree char *xlsx = tmp_file ("cli.xlsx");
  g_autofree char *json_out = NULL;
  g_autofree char *json_err = NULL;

  if (!cli_path)
    {
      g_test_skip ("no consort-cli given");
      return;
    }

  {
    const char *args[] = { "report", sample, pdf, NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (cli (args, &out, &err), ==, 0);
    g_assert_cmpstr (err, ==, "");
    g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  }
  {
    /* Not replaced without --force. */
    const char *args[] = { "report", sample, pdf, NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (cli (args, &out, &err), ==, 3);
    assert_one_line_error (err, "cli.pdf");
  }
  {
    const char *args[] = { "report", sample, pdf, "--borough", "hf", "--force", NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (cli (args, &out, &err), ==, 0);
  }
  {
    const char *args[] = { "chart", sample, "--chart", "services", "--option", "3", svg, NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (cli (args, &out, &err), ==, 0);
    g_assert_true (svg_parses (svg));
  }
  {
    const char *args[] = { "chart", sample, "--chart", "net", "--width", "900", "--height", "300", png, NULL };
    g_autofree char *out = NULL, *err = NULL;
    cairo_surface_t *image;
    g_assert_cmpint (cli (args, &out, &err), ==, 0);
    image = cairo_image_surface_create_from_png (png);
    g_assert_cmpint (cairo_image_surface_get_width (image), ==, 900);
    g_assert_cmpint (cairo_image_surface_get_height (image), ==, 300);
    cairo_surface_destroy (image);
  }
  {
    const char *args[] = { "table", sample, "--table", "net", csv, NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_autofree char *text = NULL;
    g_assert_cmpint (cli (args, &out, &err), ==, 0);
    g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
    /* The appraisal's own borough (Westminster), as the summary. */
    g_assert_nonnull (strstr (text, "Option 1A,-247160,335000,335000,335000,757840\r\n"));
  }
  {
    const char *args[] = { "table", sample, "--table", "summary", "--partnership", "-", NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (cli (args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "Option 1A,Two-borough,2010000,453660,1556340,1423436.78,2011/12\r\n"));
  }
  {
    const char *args[] = { "table", sample, "--table", "gross", xlsx, NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (cli (args, &out, &err), ==, 0);
    g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));
  }

  /* Errors: one line, naming what is wrong, the right exit status. */
  {
    static const struct { const char *args[10]; int status; const char *fragment; } cases[] = {
      { { "report", "SAMPLE", "out.doc" }, 2, ".pdf" },
      { { "report", "SAMPLE", "out.pdf", "--borough", "nope" }, 2, "nope" },
      { { "report", "missing.json", "out.pdf" }, 1, "missing.json" },
      { { "chart", "SAMPLE", "out.svg" }, 2, "--chart" },
      { { "chart", "SAMPLE", "--chart", "pie", "out.svg" }, 2, "pie" },
      { { "chart", "SAMPLE", "--chart", "net", "out.jpg" }, 2, ".svg or .png" },
      { { "chart", "SAMPLE", "--chart", "services", "--option", "9z", "out.svg" }, 2, "9z" },
      { { "chart", "SAMPLE", "--chart", "net", "--width", "huge", "out.png" }, 2, "huge" },
      { { "table", "SAMPLE", "out.csv" }, 2, "--table" },
      { { "table", "SAMPLE", "--table", "pivot", "out.csv" }, 2, "pivot" },
      { { "table", "SAMPLE", "--table", "net", "out.ods" }, 2, ".csv or .xlsx" },
      { { "table", "SAMPLE", "--table", "net", "--borough", "hf", "--partnership", "out.csv" }, 2, "exclude" },
    };
    for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        const char *args[11] = { 0 };
        g_autofree char *out = NULL, *err = NULL;
        char *outs[10] = { 0 };

        for (guint a = 0; cases[i].args[a]; a++)
          {
            const char *arg = cases[i].args[a];
            if (g_str_equal (arg, "SAMPLE"))
              args[a] = sample;
            else if (g_str_has_prefix (arg, "out."))
              args[a] = outs[a] = g_build_filename (tmpdir, arg, NULL);
            else
              args[a] = arg;
          }
        g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, cases[i].fragment);
        g_assert_cmpint (cli (args, &out, &err), ==, cases[i].status);
        assert_one_line_error (err, cases[i].fragment);
        for (guint a = 0; a < 10; a++)
          if (outs[a])
            {
              g_assert_false (g_file_test (outs[a], G_FILE_TEST_EXISTS));
              g_free (outs[a]);
            }
      }
  }
  (void) json_out;
  (void) json_err;
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  cli_path = argc > 1 ? argv[1] : NULL;
  tmpdir = g_dir_make_tmp ("consort-export-XXXXXX", NULL);

  g_test_add_func ("/export/csv-matches-summary-json", test_csv_matches_summary_json);
  g_test_add_func ("/export/services-table", test_services_table);
  g_test_add_func ("/export/csv-quoting", test_csv_quoting);
  g_test_add_func ("/export/xlsx", test_xlsx);
  g_test_add_func ("/export/xlsx-libreoffice", test_xlsx_libreoffice);
  g_test_add_func ("/export/chart-images", test_chart_images);
  g_test_add_func ("/export/cli", test_cli_commands);
  status = g_test_run ();

  {
    const char *rm[] = { "rm", "-rf", tmpdir, NULL };
    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  g_free (tmpdir);
  return status;
}
