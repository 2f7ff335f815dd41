/* test-gui-comparison.c: the Comparison page on the Westminster sample:
 * the council-paper table per party and measure, edits, undo, charts and
 * the presentation window.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "consort-comparison-page.h"
#include "consort-presentation-window.h"
#include "gui-test-util.h"

#define YEARS 4
#define COL_TOTAL (YEARS + 1)
#define COL_NPV (YEARS + 2)
#define COL_BREAKEVEN (YEARS + 3)

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
  gboolean empty = GPOINTER_TO_INT (data);

  f->dir = g_dir_make_tmp ("consort-comparison-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "sample.consort", NULL);
  appraisal = consort_json_read_file (sample, &error);
  g_assert_no_error (error);
  if (empty)
    g_ptr_array_set_size (appraisal->options, 0);
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
  gtk_window_destroy (f->window);
  settle ();
  consort_document_close (f->document);
  g_clear_object (&f->document);
  g_unlink (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static int
borough (Fixture *f, const char *id)
{
  int i = consort_appraisal_borough_index (consort_document_get_appraisal (f->document), id);
  g_assert_cmpint (i, >=, 0);
  return i;
}

static void
test_table (Fixture *f, gconstpointer data)
{
  static const char *const totals[] = { "£757,840", "£1,162,640", "£2,195,020", "£2,614,020" };

  consort_comparison_page_set_party (f->page, borough (f, "wcc"));
  consort_comparison_page_set_measure (f->page, CONSORT_MEASURE_NET);
  g_assert_cmpint (consort_comparison_page_get_party (f->page), ==, borough (f, "wcc"));

  g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 0, 0), ==, "Option 1A");
  for (guint o = 0; o < G_N_ELEMENTS (totals); o++)
    g_assert_cmpstr (consort_comparison_page_get_cell (f->page, o, COL_TOTAL), ==, totals[o]);
  g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 0, 1), ==, "(£247,160)");
  g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 0, 2), ==, "£335,000");
  g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 0, COL_BREAKEVEN), ==, "2011/12");
  g_assert_nonnull (consort_comparison_page_get_cell (f->page, 3, COL_NPV));
  g_assert_null (consort_comparison_page_get_cell (f->page, 4, 0));
  g_assert_null (consort_comparison_page_get_cell (f->page, 0, COL_BREAKEVEN + 1));

  consort_comparison_page_set_measure (f->page, CONSORT_MEASURE_COSTS);
  g_assert_cmpint (consort_comparison_page_get_measure (f->page), ==, CONSORT_MEASURE_COSTS);
  g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 0, 1), ==, "£247,160");
  g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 0, COL_TOTAL), ==, "£247,160");

  consort_comparison_page_set_measure (f->page, CONSORT_MEASURE_GROSS);
  g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 0, 1), ==, "£0");
  g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 0, 2), ==, "£335,000");
  g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 3, COL_TOTAL), ==, "£3,562,000");

  /* Kensington and Chelsea takes part in Option 3 only. */
  consort_comparison_page_set_party (f->page, borough (f, "rbkc"));
  g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 0, 0), ==, "Option 1A");
  g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 0, COL_TOTAL), ==, "—");
  g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 3, COL_TOTAL), !=, "—");

  /* The partnership's gross for Option 1A is both boroughs' £335,000. */
  consort_comparison_page_set_party (f->page, -1);
  g_assert_cmpint (consort_comparison_page_get_party (f->page), ==, -1);
  g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 0, 2), ==, "£670,000");
}

static void
test_edit_and_undo (Fixture *f, gconstpointer data)
{
  g_autoptr(ConsortAppraisal) copy = consort_appraisal_copy (consort_document_get_appraisal (f->document));
  g_autoptr(GError) error = NULL;
  ConsortOption *option = g_ptr_array_index (copy->options, 0);
  ConsortCostItem *redundancy = g_ptr_array_index (option->costs, 0);

  consort_comparison_page_set_party (f->page, borough (f, "wcc"));
  g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 0, COL_TOTAL), ==, "£757,840");

  /* One more Westminster post at £41,300: (£288,460) in 2010/11. */
  g_assert_cmpint (redundancy->form, ==, CONSORT_COST_FORM_POSTS);
  redundancy->posts = 6 * CONSORT_MICROS_ONE;
  g_assert_true (consort_document_apply (f->document, copy, "Edit posts", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 0, 1), ==, "(£288,460)");
  g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 0, COL_TOTAL), ==, "£716,540");
  /* Other options and the party chosen are untouched. */
  g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 1, COL_TOTAL), ==, "£1,162,640");
  g_assert_cmpint (consort_comparison_page_get_party (f->page), ==, borough (f, "wcc"));
  g_assert_true (strstr (consort_chart_describe (consort_chart_view_get_chart (
                           consort_comparison_page_get_chart_view (f->page, CONSORT_CHART_NET_BY_YEAR))),
                         "Option 1A saves least, £716,540") != NULL);

  g_assert_true (consort_document_undo (f->document, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 0, 1), ==, "(£247,160)");
  g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 0, COL_TOTAL), ==, "£757,840");

  g_assert_true (consort_document_redo (f->document, &error));
  g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 0, COL_TOTAL), ==, "£716,540");
}

static void
test_charts (Fixture *f, gconstpointer data)
{
  ConsortChart *net, *services, *boroughs;
  GActionMap *actions;
  g_autoptr(GVariant) state = NULL;

  consort_comparison_page_set_party (f->page, borough (f, "wcc"));
  consort_comparison_page_set_chart_option (f->page, 1);
  settle ();

  net = consort_chart_view_get_chart (consort_comparison_page_get_chart_view (f->page, CONSORT_CHART_NET_BY_YEAR));
  g_assert_nonnull (net);
  g_assert_cmpstr (consort_chart_get_subtitle (net), ==, "Westminster’s share");
  g_assert_true (strstr (consort_chart_describe (net), "Option 3 saves most, £2,614,020 in total") != NULL);

  services = consort_chart_view_get_chart (consort_comparison_page_get_chart_view (f->page, CONSORT_CHART_SERVICE_STACK));
  g_assert_cmpstr (consort_chart_get_title (services), ==, "Gross savings by service: Option 1B");
  boroughs = consort_chart_view_get_chart (consort_comparison_page_get_chart_view (f->page, CONSORT_CHART_BOROUGH_SHARES));
  g_assert_cmpstr (consort_chart_get_title (boroughs), ==, "Each borough’s share: Option 1B");
  g_assert_cmpstr (consort_chart_table_get_cell (consort_chart_get_table (boroughs), 0, 3), ==, "£1,162,640");

  /* "Show as table" is the card's stateful action. */
  actions = consort_comparison_page_get_chart_actions (f->page, CONSORT_CHART_NET_BY_YEAR);
  g_action_group_change_action_state (G_ACTION_GROUP (actions), "show-table", g_variant_new_boolean (TRUE));
  state = g_action_group_get_action_state (G_ACTION_GROUP (actions), "show-table");
  g_assert_true (g_variant_get_boolean (state));
  settle ();

  g_assert_nonnull (consort_comparison_page_get_export_section (f->page));
  g_assert_nonnull (consort_comparison_page_get_chart_export_section (f->page));
}

static gboolean
press (GtkWidget *window, guint keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (window);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller)
          && gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (controller)) == GTK_PHASE_CAPTURE)
        {
          gboolean this_one = FALSE;
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &this_one);
          handled |= this_one;
        }
    }
  return handled;
}

static void
test_presentation (Fixture *f, gconstpointer data)
{
  ConsortChart *charts[CONSORT_N_CHART_KINDS];
  GtkWidget *window;

  for (int k = 0; k < CONSORT_N_CHART_KINDS; k++)
    charts[k] = consort_chart_view_get_chart (consort_comparison_page_get_chart_view (f->page, k));
  window = consort_presentation_window_new (f->window);
  consort_presentation_window_set_charts (CONSORT_PRESENTATION_WINDOW (window), charts, CONSORT_N_CHART_KINDS);
  consort_presentation_window_set_position (CONSORT_PRESENTATION_WINDOW (window), 1);
  gtk_window_present (GTK_WINDOW (window));
  settle ();

  g_assert_true (consort_presentation_window_move (CONSORT_PRESENTATION_WINDOW (window), 1));
  g_assert_cmpuint (consort_presentation_window_get_position (CONSORT_PRESENTATION_WINDOW (window)), ==, 2);
  g_assert_true (consort_presentation_window_move (CONSORT_PRESENTATION_WINDOW (window), 1));
  g_assert_false (consort_presentation_window_move (CONSORT_PRESENTATION_WINDOW (window), 1));
  gtk_widget_activate_action (window, "presentation.previous", NULL);
  g_assert_cmpuint (consort_presentation_window_get_position (CONSORT_PRESENTATION_WINDOW (window)), ==, 2);
  consort_presentation_window_set_position (CONSORT_PRESENTATION_WINDOW (window), 0);
  g_assert_false (consort_presentation_window_move (CONSORT_PRESENTATION_WINDOW (window), -1));

  /* The keys, as the window's key controller receives them. */
  g_assert_true (press (window, GDK_KEY_Right));
  g_assert_true (press (window, GDK_KEY_space));
  g_assert_cmpuint (consort_presentation_window_get_position (CONSORT_PRESENTATION_WINDOW (window)), ==, 2);
  g_assert_true (press (window, GDK_KEY_Page_Up));
  g_assert_true (press (window, GDK_KEY_Left));
  g_assert_cmpuint (consort_presentation_window_get_position (CONSORT_PRESENTATION_WINDOW (window)), ==, 0);
  g_assert_true (press (window, GDK_KEY_End));
  g_assert_cmpuint (consort_presentation_window_get_position (CONSORT_PRESENTATION_WINDOW (window)), ==, 3);
  g_assert_false (press (window, GDK_KEY_a));
  g_object_ref (window);
  g_assert_true (press (window, GDK_KEY_Escape));
  settle ();
  g_assert_false (gtk_widget_get_visible (window));
  g_object_unref (window);

  /* The page's own action opens one too, without complaint. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "comparison.present", NULL));
  settle ();
}

static void
resize (Fixture *f, int width, int height)
{
  /* Until the X server has resized the window and it has drawn at the
   * new size (the figures' format follows the allocation). */
  consort_test_resize (f->window, width, height);
  settle ();
}

/* Issue 3: no horizontal scrolling of the table down to ~800 px, and the
 * key figures never cut: short figures when full ones do not fit, then
 * only the year columns scroll, whole columns at a time. */
static void
test_table_widths (Fixture *f, gconstpointer data)
{
  g_autoptr(ConsortAppraisal) copy = NULL;
  g_autoptr(GError) error = NULL;
  int shown;

  consort_comparison_page_set_party (f->page, borough (f, "wcc"));
  consort_comparison_page_set_measure (f->page, CONSORT_MEASURE_NET);

  /* 1366 px, four years: everything in full. */
  g_assert_false (consort_comparison_page_get_short_figures (f->page));
  g_assert_cmpint (consort_comparison_page_get_years_shown (f->page), ==, 0);
  g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 0, COL_TOTAL), ==, "£757,840");

  /* 800 px: short figures, nothing scrolls. */
  resize (f, 800, 600);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->page)), <=, 800);
  g_assert_true (consort_comparison_page_get_short_figures (f->page));
  g_assert_cmpint (consort_comparison_page_get_years_shown (f->page), ==, 0);
  g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 0, COL_TOTAL), ==, "£758K");
  g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 0, 1), ==, "(£247K)");
  g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 3, COL_NPV), ==, "£2.4m");
  g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 3, COL_BREAKEVEN), ==, "2012/13");
  g_assert_nonnull (strstr (consort_comparison_page_get_note (f->page), "rounded"));

  /* Ten years at 800 px: the years scroll between the pinned columns,
   * Total, NPV and Break-even stay whole. */
  copy = consort_appraisal_copy (consort_document_get_appraisal (f->document));
  copy->years = 10;
  g_assert_true (consort_document_apply (f->document, copy, "Ten years", &error));
  g_assert_no_error (error);
  settle ();
  settle ();
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->page)), <=, 800);
  g_assert_true (consort_comparison_page_get_short_figures (f->page));
  shown = consort_comparison_page_get_years_shown (f->page);
  g_assert_cmpint (shown, >=, 1);
  g_assert_cmpint (shown, <, 10);
  g_assert_cmpstr (consort_comparison_page_get_heading (f->page, 11), ==, "Total");
  g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 0, 11), ==, "£2.8m");
  g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 0, 13), ==, "2011/12");

  /* Back to 1366: ten years fit without scrolling.  In full they need
   * within a few pixels of the whole card (so which form depends on the
   * fonts, not on timing): either, as long as cells and note agree. */
  resize (f, 1366, 768);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->page)), ==, 1366);
  g_assert_cmpint (consort_comparison_page_get_years_shown (f->page), ==, 0);
  if (consort_comparison_page_get_short_figures (f->page))
    {
      g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 0, 11), ==, "£2.8m");
      g_assert_nonnull (strstr (consort_comparison_page_get_note (f->page), "rounded"));
    }
  else
    {
      g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 0, 11), ==, "£2,767,840");
      g_assert_null (strstr (consort_comparison_page_get_note (f->page), "rounded"));
    }

  /* Back to four years, which fit with room to spare: in full again. */
  g_assert_true (consort_document_undo (f->document, &error));
  g_assert_no_error (error);
  settle ();
  g_assert_cmpint (consort_comparison_page_get_years_shown (f->page), ==, 0);
  g_assert_false (consort_comparison_page_get_short_figures (f->page));
  g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 0, COL_TOTAL), ==, "£757,840");
  g_assert_null (strstr (consort_comparison_page_get_note (f->page), "rounded"));
}

/* Issue 3 review: NPV and break-even are of the net savings in every
 * view; the note says only what applies. */
static void
test_table_labels (Fixture *f, gconstpointer data)
{
  const char *note;

  consort_comparison_page_set_party (f->page, borough (f, "wcc"));
  consort_comparison_page_set_measure (f->page, CONSORT_MEASURE_NET);
  g_assert_cmpstr (consort_comparison_page_get_heading (f->page, COL_NPV), ==, "NPV");
  g_assert_cmpstr (consort_comparison_page_get_heading (f->page, COL_BREAKEVEN), ==, "Break-even");
  note = consort_comparison_page_get_note (f->page);
  g_assert_nonnull (strstr (note, "Highlighted: the option with the largest total net savings."));
  g_assert_nonnull (strstr (note, "Figures in brackets are negative."));

  /* Costs: no negative figure, no highlight; NPV says it is net. */
  consort_comparison_page_set_measure (f->page, CONSORT_MEASURE_COSTS);
  g_assert_cmpstr (consort_comparison_page_get_heading (f->page, COL_NPV), ==, "Net NPV");
  g_assert_cmpstr (consort_comparison_page_get_cell (f->page, 3, COL_NPV), ==, "£2,363,318");
  note = consort_comparison_page_get_note (f->page);
  g_assert_null (strstr (note, "brackets"));
  g_assert_null (strstr (note, "Highlighted"));
  g_assert_nonnull (strstr (note, "Net NPV and break-even are of the net savings"));

  consort_comparison_page_set_measure (f->page, CONSORT_MEASURE_GROSS);
  g_assert_cmpstr (consort_comparison_page_get_heading (f->page, COL_NPV), ==, "Net NPV");
  g_assert_null (strstr (consort_comparison_page_get_note (f->page), "brackets"));
}

/* Issue 3 review: the presentation opens on the summary table. */
static void
test_presentation_summary (Fixture *f, gconstpointer data)
{
  GtkWindow *window = NULL;
  GList *toplevels;

  consort_comparison_page_set_party (f->page, borough (f, "wcc"));
  consort_comparison_page_present (f->page, CONSORT_N_CHART_KINDS);
  settle ();
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (CONSORT_IS_PRESENTATION_WINDOW (l->data))
      window = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (window);
  g_assert_true (consort_presentation_window_has_summary (CONSORT_PRESENTATION_WINDOW (window)));
  g_assert_cmpuint (consort_presentation_window_get_position (CONSORT_PRESENTATION_WINDOW (window)), ==, 0);
  /* Summary, then the four charts. */
  g_assert_true (consort_presentation_window_move (CONSORT_PRESENTATION_WINDOW (window), 4));
  g_assert_false (consort_presentation_window_move (CONSORT_PRESENTATION_WINDOW (window), 1));

  /* A chart's own "present" goes to that chart, after the summary. */
  consort_comparison_page_present (f->page, CONSORT_CHART_CUMULATIVE);
  g_assert_cmpuint (consort_presentation_window_get_position (CONSORT_PRESENTATION_WINDOW (window)), ==,
                    CONSORT_CHART_CUMULATIVE + 1);
  gtk_window_close (window);
  settle ();
}

static void
test_empty (Fixture *f, gconstpointer data)
{
  g_assert_null (consort_comparison_page_get_cell (f->page, 0, 0));
  consort_comparison_page_set_document (f->page, NULL);
  g_assert_null (consort_comparison_page_get_cell (f->page, 0, 0));
  consort_comparison_page_set_document (f->page, f->document);
  g_assert_null (consort_comparison_page_get_cell (f->page, 0, 0));
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  consort_test_disable_animations ();

  g_test_add ("/comparison/table", Fixture, NULL, fixture_set_up, test_table, fixture_tear_down);
  g_test_add ("/comparison/edit-and-undo", Fixture, NULL, fixture_set_up, test_edit_and_undo, fixture_tear_down);
  g_test_add ("/comparison/charts", Fixture, NULL, fixture_set_up, test_charts, fixture_tear_down);
  g_test_add ("/comparison/presentation", Fixture, NULL, fixture_set_up, test_presentation, fixture_tear_down);
  g_test_add ("/comparison/table-widths", Fixture, NULL, fixture_set_up, test_table_widths, fixture_tear_down);
  g_test_add ("/comparison/table-labels", Fixture, NULL, fixture_set_up, test_table_labels, fixture_tear_down);
  g_test_add ("/comparison/presentation-summary", Fixture, NULL, fixture_set_up, test_presentation_summary,
              fixture_tear_down);
  g_test_add ("/comparison/empty", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up, test_empty, fixture_tear_down);
  return g_test_run ();
}
