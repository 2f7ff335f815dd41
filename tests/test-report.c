/* test-report.c: the PDF report: the Westminster sample's figures and
 * sections as pdftotext reads them, and clean layout (nothing outside
 * the printable area, overlapping, too wide or cut short) for awkward
 * appraisals: one option, eleven options with long names, no costs, a
 * partner joining late, a ten-year horizon that needs landscape pages.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <glib/gstdio.h>

#include "consort-core.h"
#include "consort-report.h"

static char *tmpdir;

static char *
sample_path (void)
{
  const char *root = g_getenv ("SOURCE_ROOT");

  if (!root)
    root = "..";
  return g_build_filename (root, "data", "westminster-2010.json", NULL);
}

static ConsortResults *
compute (ConsortAppraisal *appraisal)
{
  g_autoptr(GError) error = NULL;
  ConsortResults *results = consort_engine_compute (appraisal, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

static ConsortResults *
load_sample (void)
{
  g_autofree char *path = sample_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsortAppraisal) appraisal = consort_json_read_file (path, &error);

  g_assert_no_error (error);
  return compute (appraisal);
}

static ConsortResults *
load_json (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsortAppraisal) appraisal = consort_json_read_data (json, -1, &error);

  g_assert_no_error (error);
  return compute (appraisal);
}

static ConsortReport *
make_report (ConsortResults *results, int party)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 11, 26, 12, 0, 0);
  g_autoptr(GError) error = NULL;
  ConsortReportOptions options = { .party = party, .file_name = "appraisal.consort", .date = date };
  ConsortReport *report = consort_report_new (results, &options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
assert_layout_clean (ConsortReport *report)
{
  g_autoptr(GError) error = NULL;

  consort_report_check_layout (report, &error);
  g_assert_no_error (error);
}

/* Writes the PDF and returns what pdftotext reads, or NULL (test
 * skipped) without pdftotext. */
static char *
pdf_text (ConsortReport *report, const char *name, gboolean layout)
{
  g_autofree char *pdf = g_build_filename (tmpdir, name, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { "pdftotext", layout ? "-layout" : "-raw", pdf, "-", NULL };

  consort_report_save_pdf (report, pdf, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  if (!g_find_program_in_path ("pdftotext"))
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return NULL;
    }
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  return g_steal_pointer (&out);
}

static void
test_sample_report (void)
{
  g_autoptr(ConsortResults) results = load_sample ();
  g_autoptr(ConsortReport) report = make_report (results, CONSORT_REPORT_PERSPECTIVE);
  g_autofree char *text = NULL;
  g_autofree char *last_page = NULL;
  guint n_pages = consort_report_get_n_pages (report);
  static const char *const figures[] = {
    /* The paper's total net savings for Westminster, Options 1A to 3. */
    "£757,840", "£1,162,640", "£2,195,020", "£2,614,020",
    /* Gross savings and costs tables (Westminster's share). */
    "£1,005,000", "£1,575,000", "£3,143,000", "£3,562,000",
    "£247,160", "£412,360", "£947,980", "(£247,160)", "(£412,360)",
    "2010/11", "2011/12", "2012/13", "2013/14",
  };
  static const char *const sections[] = {
    "Summary of options", "Savings, costs and net savings by year", "Charts",
    "Options in detail", "Each borough’s share", "Feasibility", "Risk log", "Assumptions",
  };

  assert_layout_clean (report);
  g_assert_cmpuint (n_pages, >=, 15);
  g_assert_cmpuint (n_pages, <=, 40);

  /* Sections, in order, each on a later page than the one before. */
  {
    guint next = 0, last = 0;
    for (guint i = 0; i < consort_report_get_n_sections (report); i++)
      {
        guint page;
        int level;
        const char *title = consort_report_get_section (report, i, &page, &level);

        if (level == 1 && next < G_N_ELEMENTS (sections))
          {
            g_assert_nonnull (strstr (title, sections[next]));
            g_assert_cmpuint (page, >, last);
            last = page;
            next++;
          }
      }
    g_assert_cmpuint (next, ==, G_N_ELEMENTS (sections));
  }

  text = pdf_text (report, "sample.pdf", FALSE);
  if (!text)
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      g_test_message ("looking for %s", figures[i]);
      g_assert_nonnull (strstr (text, figures[i]));
    }
  for (gsize i = 0; i < G_N_ELEMENTS (sections); i++)
    g_assert_nonnull (strstr (text, sections[i]));
  g_assert_nonnull (strstr (text, "Westminster children's services"));
  g_assert_nonnull (strstr (text, "Westminster’s share"));
  g_assert_nonnull (strstr (text, "Prepared by"));
  g_assert_nonnull (strstr (text, "26 November 2026"));
  g_assert_nonnull (strstr (text, "appraisal.consort"));
  g_assert_nonnull (strstr (text, "Page 1 of"));
  last_page = g_strdup_printf ("Page %u of %u", n_pages, n_pages);
  g_assert_nonnull (strstr (text, last_page));
  /* The apportionment rule in words, the assumptions and the risk log. */
  g_assert_nonnull (strstr (text, "in equal shares among the boroughs taking part that year"));
  g_assert_nonnull (strstr (text, "Discount rate"));
  g_assert_nonnull (strstr (text, "3.5%"));
  g_assert_nonnull (strstr (text, "Mitigation"));
  g_assert_nonnull (strstr (text, "Feasibility: Option 2"));
  g_assert_nonnull (strstr (text, "arrangements"));
  /* Every page has its number: pdftotext separates pages by form feeds. */
  {
    guint ff = 0;
    for (const char *p = text; *p; p++)
      ff += *p == '\f';
    g_assert_cmpuint (ff, ==, n_pages);
  }
}

static void
test_partnership_report (void)
{
  g_autoptr(ConsortResults) results = load_sample ();
  g_autoptr(ConsortReport) report = make_report (results, -1);
  g_autofree char *text = NULL;

  assert_layout_clean (report);
  text = pdf_text (report, "partnership.pdf", FALSE);
  if (!text)
    return;
  g_assert_nonnull (strstr (text, "The whole partnership"));
  /* Option 1A for the partnership: £2,010,000 gross less £453,660. */
  g_assert_nonnull (strstr (text, "£1,556,340"));
  g_assert_nonnull (strstr (text, "(£453,660)"));
}

static void
test_bad_borough (void)
{
  g_autoptr(ConsortResults) results = load_sample ();
  g_autoptr(GError) error = NULL;
  ConsortReportOptions options = { .party = 99 };
  ConsortReport *report = consort_report_new (results, &options, &error);

  g_assert_null (report);
  g_assert_error (error, CONSORT_ERROR, CONSORT_ERROR_INVALID);
}

/* A generated appraisal: @n_options options over @years years, with
 * names made long when asked, costs or not, and a partner joining in
 * the last year. */
static char *
generated_json (guint n_options, int years, gboolean long_names, gboolean costs, gboolean late_partner)
{
  GString *s = g_string_new (NULL);
  const char *stem = long_names
    ? "Integrated early help, youth offending and family support services across the tri-borough area with "
      "a single commissioning hub"
    : "Service";

  g_string_append_printf (s, "{\"format\": \"consort-appraisal\", \"version\": 1, "
                          "\"title\": \"%s\", \"first_year\": 2012, \"years\": %d, \"discount_rate\": 0.035,"
                          "\"boroughs\": [",
                          long_names ? "A very long appraisal title that goes on and on about the "
                                       "shared services of many London boroughs over many years, "
                                       "to test the title page and the running header"
                                     : "Generated appraisal",
                          years);
  for (int b = 0; b < 5; b++)
    g_string_append_printf (s, "%s{\"id\": \"b%d\", \"name\": \"%s %d\", \"population\": %d}",
                            b ? "," : "", b,
                            long_names ? "The Royal Borough of Kensington and Chelsea with Westminster"
                                       : "Borough",
                            b, 150000 + b * 1000);
  g_string_append (s, "], \"services\": [");
  for (int v = 0; v < 6; v++)
    {
      g_string_append_printf (s, "%s{\"id\": \"s%d\", \"name\": \"%s %d\", \"baselines\": {", v ? "," : "",
                              v, stem, v);
      for (int b = 0; b < 5; b++)
        g_string_append_printf (s, "%s\"b%d\": {\"budget\": %d, \"fte\": 10, \"outsourced\": false}",
                                b ? "," : "", b, 1000000 + 250000 * v + 100000 * b);
      g_string_append (s, "}}");
    }
  g_string_append (s, "], \"options\": [");
  for (guint o = 0; o < n_options; o++)
    {
      g_string_append_printf (s, "%s{\"id\": \"o%u\", \"name\": \"%s%u\", \"participants\": [",
                              o ? "," : "", o,
                              long_names ? "Option with a remarkably long name for a cabinet paper, number "
                                         : "Option ", o + 1);
      g_string_append (s, "{\"borough\": \"b0\", \"from\": 2012}, {\"borough\": \"b1\", \"from\": 2012}");
      if (o % 2 == 1)
        g_string_append (s, ", {\"borough\": \"b2\", \"from\": 2013}");
      if (late_partner)
        g_string_append_printf (s, ", {\"borough\": \"b4\", \"from\": %d}", 2012 + years - 1);
      g_string_append (s, "], \"savings\": [");
      g_string_append_printf (s, "{\"service\": \"s%u\", \"method\": \"rate\", \"rate\": null, "
                              "\"model\": \"shared_service\", \"start\": 2013, \"start_month\": 9, "
                              "\"phasing\": [0.25, 0.5, 1.0]}", o % 6);
      g_string_append_printf (s, ", {\"service\": \"s%u\", \"method\": \"posts\", \"start\": 2013, "
                              "\"share\": \"equal\", \"posts\": [{\"title\": \"Head of service\", "
                              "\"fte\": 1, \"cost\": %u}]}", (o + 1) % 6, 60000 + 1000 * o);
      g_string_append_printf (s, ", {\"service\": \"s%u\", \"method\": \"amounts\", \"borough\": \"b0\", "
                              "\"amounts\": {\"2014\": %u}}", (o + 2) % 6, 125000 + 5000 * o);
      g_string_append (s, "], \"costs\": [");
      if (costs)
        g_string_append_printf (s, "{\"kind\": \"redundancy\", \"posts\": 3, \"unit_cost\": 41300, "
                                "\"year\": 2012, \"borough\": \"b0\"}, "
                                "{\"kind\": \"project_management\", \"amounts\": {\"2012\": %u, \"2013\": 20000}, "
                                "\"share\": \"savings\"}", 300000 + 10000 * o);
      g_string_append (s, "]}");
    }
  g_string_append (s, "]}");
  return g_string_free (s, FALSE);
}

static void
check_generated (const char *name, guint n_options, int years, gboolean long_names,
                 gboolean costs, gboolean late_partner, gboolean expect_landscape)
{
  g_autofree char *json = generated_json (n_options, years, long_names, costs, late_partner);
  g_autoptr(ConsortResults) results = load_json (json);
  g_autoptr(ConsortReport) report = make_report (results, -1);
  g_autoptr(ConsortReport) borough_report = make_report (results, 0);
  g_autofree char *file = g_strdup_printf ("%s.pdf", name);
  g_autofree char *text = NULL;
  gboolean landscape = FALSE;

  assert_layout_clean (report);
  assert_layout_clean (borough_report);
  for (guint p = 0; p < consort_report_get_n_pages (report); p++)
    landscape |= consort_report_page_is_landscape (report, p);
  g_assert_cmpint (landscape, ==, expect_landscape);

  /* Every page also draws on a plain image surface. */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 300);
    cairo_t *cr = cairo_create (surface);
    cairo_scale (cr, 0.3, 0.3);
    for (guint p = 0; p < consort_report_get_n_pages (report); p++)
      consort_report_render_page (report, cr, p);
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }

  text = pdf_text (report, file, FALSE);
  if (!text)
    return;
  /* Long names are wrapped, never cut: every option's full name is in
   * the text (words may be split over lines, so compare without them). */
  {
    g_autoptr(GString) squeezed = g_string_new (NULL);
    for (const char *p = text; *p; p++)
      if (*p != ' ' && *p != '\n')
        g_string_append_c (squeezed, *p);
    for (guint o = 0; o < n_options; o++)
      {
        g_autofree char *opt = g_strdup_printf ("%s%u", long_names
                                                ? "Optionwitharemarkablylongnameforacabinetpaper,number"
                                                : "Option", o + 1);
        g_assert_nonnull (strstr (squeezed->str, opt));
      }
  }
  if (!costs)
    g_assert_null (strstr (text, "Cost items:"));

  /* The PDF's pages have the report's orientations. */
  if (g_find_program_in_path ("pdfinfo"))
    {
      g_autofree char *path = g_build_filename (tmpdir, file, NULL);
      g_autofree char *last = g_strdup_printf ("%u", consort_report_get_n_pages (report));
      const char *argv[] = { "pdfinfo", "-f", "1", "-l", last, path, NULL };
      g_autofree char *out = NULL;
      g_autoptr(GError) error = NULL;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (strstr (out, "595.276 x 841.89"));
      if (expect_landscape)
        g_assert_nonnull (strstr (out, "841.89 x 595.276"));
      else
        g_assert_null (strstr (out, "841.89 x 595.276"));
    }
}

static void
test_no_options (void)
{
  g_autofree char *json = generated_json (0, 4, FALSE, FALSE, FALSE);
  g_autoptr(ConsortResults) results = load_json (json);
  g_autoptr(ConsortReport) report = make_report (results, -1);
  g_autofree char *text = NULL;

  assert_layout_clean (report);
  /* Title, summary, assumptions: nothing to tabulate or chart. */
  g_assert_cmpuint (consort_report_get_n_pages (report), ==, 3);
  text = pdf_text (report, "no-options.pdf", FALSE);
  if (text)
    g_assert_nonnull (strstr (text, "no options yet"));
}

static void
test_one_option (void)
{
  check_generated ("one-option", 1, 4, FALSE, TRUE, FALSE, FALSE);
}

static void
test_eleven_options (void)
{
  check_generated ("eleven-options", 11, 5, FALSE, TRUE, FALSE, FALSE);
}

static void
test_long_names (void)
{
  check_generated ("long-names", 11, 5, TRUE, TRUE, FALSE, FALSE);
}

static void
test_no_costs (void)
{
  check_generated ("no-costs", 2, 4, FALSE, FALSE, FALSE, FALSE);
}

static void
test_late_partner (void)
{
  check_generated ("late-partner", 3, 5, FALSE, TRUE, TRUE, FALSE);
}

static void
test_wide_horizon (void)
{
  /* Ten years and a Total do not fit across A4 portrait. */
  check_generated ("ten-years", 11, 10, TRUE, TRUE, TRUE, TRUE);
}

static void
test_very_wide_horizon (void)
{
  /* Twenty years do not fit landscape either: the tables are split
   * into column groups, still within the page. */
  check_generated ("twenty-years", 3, 20, FALSE, TRUE, FALSE, TRUE);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("consort-report-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/report/sample", test_sample_report);
  g_test_add_func ("/report/partnership", test_partnership_report);
  g_test_add_func ("/report/bad-borough", test_bad_borough);
  g_test_add_func ("/report/no-options", test_no_options);
  g_test_add_func ("/report/one-option", test_one_option);
  g_test_add_func ("/report/eleven-options", test_eleven_options);
  g_test_add_func ("/report/long-names", test_long_names);
  g_test_add_func ("/report/no-costs", test_no_costs);
  g_test_add_func ("/report/late-partner", test_late_partner);
  g_test_add_func ("/report/wide-horizon", test_wide_horizon);
  g_test_add_func ("/report/very-wide-horizon", test_very_wide_horizon);
  status = g_test_run ();

  if (!g_getenv ("CONSORT_KEEP_REPORTS"))
    {
      g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
      const char *name;
      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *path = g_build_filename (tmpdir, name, NULL);
          g_unlink (path);
        }
      g_rmdir (tmpdir);
    }
  else
    g_printerr ("# reports kept in %s\n", tmpdir);
  g_free (tmpdir);
  return status;
}
