/* test-gui-export.c: the export actions of the Comparison page and its
 * chart cards, the report and tables written from a document, and the
 * print preview window drawing the report's pages.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "consort-comparison-page.h"
#include "consort-export.h"
#include "gui-test-util.h"

typedef struct
{
  char                  *dir;
  char                  *path;
  ConsortDocument       *document;
  GtkWindow             *window;
  ConsortComparisonPage *page;
} Fixture;

static void
settle (void)
{
  /* Lets the windows map, lay out and draw: waits for their frames, not
   * for a while, which is too short on a loaded machine. */
  consort_test_wait_toplevels ();
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  const char *root = g_getenv ("SOURCE_ROOT");
  g_autofree char *sample = g_build_filename (root ? root : ".", "data", "westminster-2010.json", NULL);
  g_autoptr(ConsortAppraisal) appraisal = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("consort-gui-export-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "sample.consort", NULL);
  appraisal = consort_json_read_file (sample, &error);
  g_assert_no_error (error);
  f->document = consort_document_create (f->path, appraisal, &error);
  g_assert_no_error (error);

  f->page = g_object_new (CONSORT_TYPE_COMPARISON_PAGE, "document", f->document, NULL);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1366, 768);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  settle ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (f->window);
  settle ();
  consort_document_close (f->document);
  g_clear_object (&f->document);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gboolean
menu_has_action (GMenuModel *menu, const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *a = NULL;
      g_autoptr(GMenuModel) sub = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &a)
          && g_str_equal (a, action))
        return TRUE;
      sub = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SUBMENU);
      if (sub && menu_has_action (sub, action))
        return TRUE;
    }
  return FALSE;
}

static void
test_menus_and_actions (Fixture *f, gconstpointer data)
{
  GMenuModel *page_section = G_MENU_MODEL (consort_comparison_page_get_export_section (f->page));
  GMenuModel *chart_section = G_MENU_MODEL (consort_comparison_page_get_chart_export_section (f->page));
  GActionGroup *group = g_object_get_data (G_OBJECT (f->page), "consort-export-actions");

  g_assert_true (menu_has_action (page_section, "export.report"));
  g_assert_true (menu_has_action (page_section, "export.print"));
  g_assert_true (menu_has_action (page_section, "export.table"));
  g_assert_true (menu_has_action (chart_section, "chart.export-svg"));
  g_assert_true (menu_has_action (chart_section, "chart.export-png"));

  g_assert_nonnull (group);
  g_assert_true (g_action_group_get_action_enabled (group, "report"));
  g_assert_true (g_action_group_get_action_enabled (group, "print"));
  g_assert_true (g_action_group_get_action_enabled (group, "table"));
  for (ConsortChartKind kind = 0; kind < CONSORT_N_CHART_KINDS; kind++)
    {
      GActionMap *map = consort_comparison_page_get_chart_actions (f->page, kind);
      g_assert_nonnull (g_action_map_lookup_action (map, "export-svg"));
      g_assert_nonnull (g_action_map_lookup_action (map, "export-png"));
      g_assert_nonnull (g_action_map_lookup_action (map, "export-csv"));
      g_assert_nonnull (g_action_map_lookup_action (map, "export-xlsx"));
    }

  /* Without a document the actions are off. */
  consort_comparison_page_set_document (f->page, NULL);
  g_assert_false (g_action_group_get_action_enabled (group, "report"));
  consort_comparison_page_set_document (f->page, f->document);
  g_assert_true (g_action_group_get_action_enabled (group, "report"));
}

static void
test_exports (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "net.csv", NULL);
  g_autofree char *svg = g_build_filename (f->dir, "chart.svg", NULL);
  g_autofree char *png = g_build_filename (f->dir, "chart.png", NULL);
  g_autofree char *chart_csv = g_build_filename (f->dir, "chart.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  ConsortChart *chart;
  int wcc = consort_appraisal_borough_index (consort_document_get_appraisal (f->document), "wcc");

  g_assert_true (consort_export_report_to_pdf (f->document, CONSORT_REPORT_PERSPECTIVE, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "%PDF-"));
  g_clear_pointer (&text, g_free);

  g_assert_true (consort_export_table_to_file (f->document, CONSORT_TABLE_NET, 0, wcc, csv, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Option 3,-412360,354190,738190,1934000,2614020\r\n"));
  g_clear_pointer (&text, g_free);

  chart = consort_chart_view_get_chart (consort_comparison_page_get_chart_view (f->page, CONSORT_CHART_NET_BY_YEAR));
  g_assert_nonnull (chart);
  g_assert_true (consort_export_chart_to_file (chart, svg, 640, 360, &error));
  g_assert_no_error (error);
  g_assert_true (consort_export_chart_to_file (chart, png, 1280, 720, &error));
  g_assert_no_error (error);
  g_assert_true (consort_export_chart_table_to_file (chart, chart_csv, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (chart_csv, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "2010/11"));
}

static void
test_preview (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsortReport) report = consort_export_new_report (f->document, -1, &error);
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint before = g_list_model_get_n_items (toplevels);
  GtkWindow *preview = NULL;

  g_assert_no_error (error);
  consort_export_print (f->window, report, TRUE);
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, before + 1);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (w != f->window && gtk_window_get_transient_for (w) == f->window)
        preview = w;
    }
  g_assert_nonnull (preview);
  g_assert_cmpstr (gtk_window_get_title (preview), ==, "Print Preview");
  gtk_window_destroy (preview);
  settle ();
}

/* Printing goes through GtkPrintOperation page by page: exported to a
 * file, it has the report's pages, orientations and figures. */
static void
test_print_operation (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsortReport) report = consort_export_new_report (f->document, CONSORT_REPORT_PERSPECTIVE, &error);
  g_autofree char *pdf = g_build_filename (f->dir, "printed.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *pages = NULL;
  int status = 0;

  g_assert_no_error (error);
  g_assert_true (consort_export_print_to_file (report, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  if (!g_find_program_in_path ("pdfinfo") || !g_find_program_in_path ("pdftotext"))
    {
      g_test_skip ("poppler-utils are not installed");
      return;
    }
  {
    const char *argv[] = { "pdfinfo", pdf, NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error (error);
    pages = g_strdup_printf ("Pages:%*s%u\n", 11, "", consort_report_get_n_pages (report));
    g_assert_nonnull (strstr (out, pages));
    g_assert_nonnull (strstr (out, "595.276 x 841.89"));
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    const char *argv[] = { "pdftotext", pdf, "-", NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (out, "£757,840"));
    g_assert_nonnull (strstr (out, "£2,614,020"));
    g_assert_nonnull (strstr (out, "Page 1 of"));
  }
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  consort_test_disable_animations ();

  g_test_add ("/gui-export/menus-and-actions", Fixture, NULL, fixture_set_up, test_menus_and_actions, fixture_tear_down);
  g_test_add ("/gui-export/exports", Fixture, NULL, fixture_set_up, test_exports, fixture_tear_down);
  g_test_add ("/gui-export/print-operation", Fixture, NULL, fixture_set_up, test_print_operation, fixture_tear_down);
  g_test_add ("/gui-export/preview", Fixture, NULL, fixture_set_up, test_preview, fixture_tear_down);
  return g_test_run ();
}
