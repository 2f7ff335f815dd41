/* test-gui-forms.c: the editing forms driven through their widgets.
 *
 * Loads the bundled Westminster sample into a temporary document and
 * edits it through the services grid, the savings editor, the
 * feasibility grid and the risk editor, checking the document, the
 * engine's figures and undo each time.
 *
 * With CONSORT_FORMS_SCREENSHOTS=DIR set, it also renders the three
 * pages at 1366x768 in light and dark style to DIR/<page>-<style>.png.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <glib/gstdio.h>

#include "consort-core.h"
#include "consort-baseline-grid.h"
#include "consort-cost-editor.h"
#include "consort-feasibility-page.h"
#include "consort-form-util.h"
#include "consort-options-page.h"
#include "consort-risk-editor.h"
#include "consort-savings-editor.h"
#include "consort-services-page.h"
#include "consort-settings-page.h"
#include "consort-share-editor.h"
#include "gui-test-util.h"

typedef struct {
  char            *tmpdir;
  ConsortDocument *document;
  GtkWidget       *window;
  char            *last_toast;
  guint            undo_toasts;   /* toasts shown with an Undo button */
} Fixture;

static void
wait_idle (void)
{
  /* Twice: a refresh scheduled from an idle may schedule a frame. */
  for (int i = 0; i < 2; i++)
    while (g_main_context_pending (NULL))
      g_main_context_iteration (NULL, FALSE);
}

static void
toast_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  Fixture *f = user_data;

  g_free (f->last_toast);
  f->last_toast = g_variant_dup_string (parameter, NULL);
}

static void
toast_undo_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  Fixture *f = user_data;

  f->undo_toasts++;
  toast_activated (action, parameter, user_data);
}

static void
undo_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  Fixture *f = user_data;
  g_assert_true (consort_document_undo (f->document, NULL));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *root = g_getenv ("SOURCE_ROOT");
  /* CONSORT_FORMS_SAMPLE (screenshots only) renders another appraisal. */
  g_autofree char *sample = g_getenv ("CONSORT_FORMS_SAMPLE") && g_getenv ("CONSORT_FORMS_SCREENSHOTS")
                            ? g_strdup (g_getenv ("CONSORT_FORMS_SAMPLE"))
                            : g_build_filename (root ? root : ".", "data", "westminster-2010.json", NULL);
  g_autofree char *path = NULL;
  g_autoptr(ConsortAppraisal) appraisal = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) toast = g_simple_action_new ("toast", G_VARIANT_TYPE_STRING);

  f->tmpdir = g_dir_make_tmp ("consort-forms-XXXXXX", &error);
  g_assert_no_error (error);
  appraisal = consort_json_read_file (sample, &error);
  g_assert_no_error (error);
  path = g_build_filename (f->tmpdir, "sample.consort", NULL);
  f->document = consort_document_create (path, appraisal, &error);
  g_assert_no_error (error);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1366, 768);
  g_signal_connect (toast, "activate", G_CALLBACK (toast_activated), f);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (toast));
  /* The window's undo, as the shell's window provides it. */
  {
    g_autoptr(GSimpleAction) undo = g_simple_action_new ("undo", NULL);
    g_signal_connect (undo, "activate", G_CALLBACK (undo_activated), f);
    g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (undo));
  }
  /* The window's toast with an Undo button. */
  {
    g_autoptr(GSimpleAction) toast_undo = g_simple_action_new ("toast-undo", G_VARIANT_TYPE_STRING);
    g_signal_connect (toast_undo, "activate", G_CALLBACK (toast_undo_activated), f);
    g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (toast_undo));
  }
  gtk_widget_insert_action_group (f->window, "win", G_ACTION_GROUP (group));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_strdup (consort_document_get_path (f->document));

  gtk_window_destroy (GTK_WINDOW (f->window));
  wait_idle ();
  consort_document_close (f->document);
  g_clear_object (&f->document);
  g_unlink (path);
  g_rmdir (f->tmpdir);
  g_free (f->tmpdir);
  g_free (f->last_toast);
}

static void
show_page (Fixture   *f,
           GtkWidget *page)
{
  gtk_window_set_child (GTK_WINDOW (f->window), page);
  g_object_set (page, "document", f->document, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  /* Mapped, allocated and drawn (pages defer their refresh until they
   * are mapped; leaflets fold on allocation). */
  consort_test_wait_frames (f->window);
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);
      if (found)
        return found;
    }
  return NULL;
}

/* The feasibility grid's button for @service and @criterion. */
static GtkWidget *
find_cell (GtkWidget  *root,
           const char *service,
           int         criterion)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (g_object_get_data (G_OBJECT (root), "service"), service) == 0 &&
      GPOINTER_TO_INT (g_object_get_data (G_OBJECT (root), "criterion")) == criterion)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_cell (child, service, criterion);
      if (found)
        return found;
    }
  return NULL;
}

static ConsortAppraisal *
current (Fixture *f)
{
  return consort_document_get_appraisal (f->document);
}

static ConsortBaseline *
baseline (Fixture    *f,
          const char *service,
          const char *borough)
{
  return consort_service_find_baseline (consort_appraisal_find_service (current (f), service), borough);
}

static ConsortMoney
option_total_gross (Fixture    *f,
                    const char *option_id)
{
  g_autoptr(GError) error = NULL;
  ConsortResults *results = consort_document_get_results (f->document, &error);
  int index = consort_appraisal_option_index (current (f), option_id);

  g_assert_no_error (error);
  g_assert_cmpint (index, >=, 0);
  return results->options[index].partnership.total_gross;
}

/* A partnership savings item at 3% of the baseline from 2011/12 in
 * option 2, so that budgets feed the figures. */
static void
add_rate_item (Fixture *f)
{
  g_autoptr(ConsortAppraisal) copy = consort_appraisal_copy (current (f));
  g_autoptr(GError) error = NULL;
  ConsortSavingsItem *item = consort_savings_item_new ("back_office", CONSORT_METHOD_RATE);

  item->has_rate = TRUE;
  item->rate = 30000;
  item->start_year = 2011;
  item->owner.share = CONSORT_SHARE_BASELINE;
  g_ptr_array_add (consort_appraisal_find_option (copy, "2")->savings, item);
  g_assert_true (consort_document_apply (f->document, g_steal_pointer (&copy), "Add rate item", &error));
  g_assert_no_error (error);
}

static void
test_grid_edit (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *page = g_object_new (CONSORT_TYPE_SERVICES_PAGE, NULL);
  ConsortBaselineGrid *grid;
  GtkEditable *editor;
  ConsortMoney old_budget, before, three_percent_old;
  g_autoptr(GError) error = NULL;
  int row, column;

  add_rate_item (f);
  show_page (f, page);
  grid = consort_services_page_get_grid (CONSORT_SERVICES_PAGE (page));
  row = consort_appraisal_service_index (current (f), "back_office");
  column = consort_appraisal_borough_index (current (f), "wcc");
  old_budget = baseline (f, "back_office", "wcc")->budget;
  before = option_total_gross (f, "2");

  g_assert_true (consort_baseline_grid_set_cursor (grid, row, column));
  editor = consort_baseline_grid_get_editor (grid);
  gtk_editable_set_text (editor, "1.05m");
  g_signal_emit_by_name (editor, "activate");
  wait_idle ();

  g_assert_cmpint (baseline (f, "back_office", "wcc")->budget, ==, 105000000);
  g_assert_cmpstr (consort_document_get_undo_label (f->document), ==, "Edit budget");
  /* 3% of £1,050,000 for 2011/12, 2012/13 and 2013/14 instead of 3% of the old budget. */
  g_assert_true (consort_money_muldiv (old_budget, 30000, 1000000, &three_percent_old));
  g_assert_cmpint (option_total_gross (f, "2") - before, ==, 3 * (3150000 - three_percent_old));
  /* Enter moved the cursor down a row. */
  consort_baseline_grid_get_cursor (grid, &row, NULL);
  g_assert_cmpint (row, ==, consort_appraisal_service_index (current (f), "back_office") + 1);

  g_assert_true (consort_document_undo (f->document, &error));
  g_assert_no_error (error);
  wait_idle ();
  g_assert_cmpint (baseline (f, "back_office", "wcc")->budget, ==, old_budget);
  g_assert_cmpint (option_total_gross (f, "2"), ==, before);

  /* The other baseline fields go through the same grid. */
  consort_baseline_grid_set_field (grid, CONSORT_BASELINE_FTE);
  g_assert_true (consort_baseline_grid_set_cursor (grid, consort_appraisal_service_index (current (f), "back_office"), column));
  gtk_editable_set_text (editor, "12.5");
  g_assert_true (consort_baseline_grid_commit (grid));
  g_assert_cmpint (baseline (f, "back_office", "wcc")->fte, ==, 12500000);
  g_assert_cmpstr (consort_document_get_undo_label (f->document), ==, "Edit staff numbers");
}

/* Sends a key press to the editor's own key controller, as GTK would. */
static gboolean
press_key (GtkWidget       *widget,
           guint            keyval,
           GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (controller)) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
    }
  return handled;
}

static void
test_grid_keyboard (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *page = g_object_new (CONSORT_TYPE_SERVICES_PAGE, NULL);
  ConsortBaselineGrid *grid;
  GtkEditable *editor;
  int row, column, start, end;

  show_page (f, page);
  grid = consort_services_page_get_grid (CONSORT_SERVICES_PAGE (page));
  editor = consort_baseline_grid_get_editor (grid);
  g_assert_true (consort_baseline_grid_set_cursor (grid, 1, 0));

  /* Type over the cell, Tab commits it and moves right. */
  gtk_editable_set_text (editor, "£2,000,000");
  g_assert_true (press_key (GTK_WIDGET (editor), GDK_KEY_Tab, 0));
  consort_baseline_grid_get_cursor (grid, &row, &column);
  g_assert_cmpint (row, ==, 1);
  g_assert_cmpint (column, ==, 1);
  g_assert_cmpint (baseline (f, "back_office", "wcc")->budget, ==, 200000000);
  /* The new cell's text is all selected, so typing replaces it. */
  gtk_editable_set_text (editor, "");
  g_assert_true (press_key (GTK_WIDGET (editor), GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  consort_baseline_grid_get_cursor (grid, &row, &column);
  g_assert_cmpint (column, ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (editor), ==, "£2,000,000");
  g_assert_true (gtk_editable_get_selection_bounds (editor, &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, g_utf8_strlen ("£2,000,000", -1));

  /* Enter moves down, Shift+Enter back up. */
  g_assert_true (press_key (GTK_WIDGET (editor), GDK_KEY_Return, 0));
  consort_baseline_grid_get_cursor (grid, &row, &column);
  g_assert_cmpint (row, ==, 2);
  g_assert_true (press_key (GTK_WIDGET (editor), GDK_KEY_Return, GDK_SHIFT_MASK));
  consort_baseline_grid_get_cursor (grid, &row, &column);
  g_assert_cmpint (row, ==, 1);

  /* Escape takes back what was typed. */
  gtk_editable_set_text (editor, "9k");
  g_assert_true (press_key (GTK_WIDGET (editor), GDK_KEY_Escape, 0));
  g_assert_cmpstr (gtk_editable_get_text (editor), ==, "£2,000,000");

  /* With nothing typed, Ctrl+Z undoes the document's last edit and the
   * cell shows the figure again. */
  g_assert_true (press_key (GTK_WIDGET (editor), GDK_KEY_z, GDK_CONTROL_MASK));
  wait_idle ();
  g_assert_cmpint (baseline (f, "back_office", "wcc")->budget, ==, 142500000);
  g_assert_cmpstr (gtk_editable_get_text (editor), ==, "£1,425,000");

  /* Clicks find their cell: the first data cell, a row header, a column header. */
  g_assert_true (consort_baseline_grid_cell_at (grid, 260, 60, &row, &column));
  g_assert_cmpint (row, ==, 0);
  g_assert_cmpint (column, ==, 0);
  g_assert_true (consort_baseline_grid_cell_at (grid, 10, 100, &row, &column));
  g_assert_cmpint (row, ==, 1);
  g_assert_cmpint (column, ==, -1);
  g_assert_true (consort_baseline_grid_cell_at (grid, 400, 10, &row, &column));
  g_assert_cmpint (row, ==, -1);
  g_assert_cmpint (column, ==, 1);

  /* Tab on the last cell lets the focus leave the grid. */
  g_assert_true (consort_baseline_grid_set_cursor (grid, current (f)->services->len - 1,
                                                   current (f)->boroughs->len - 1));
  g_assert_false (press_key (GTK_WIDGET (editor), GDK_KEY_Tab, 0));
}

static void
test_grid_paste (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *page = g_object_new (CONSORT_TYPE_SERVICES_PAGE, NULL);
  ConsortBaselineGrid *grid;
  g_autoptr(ConsortAppraisal) before = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  int row;

  show_page (f, page);
  grid = consort_services_page_get_grid (CONSORT_SERVICES_PAGE (page));
  before = consort_appraisal_ref (current (f));
  row = consort_appraisal_service_index (current (f), "back_office");

  g_assert_true (consort_baseline_grid_set_cursor (grid, row, 0));
  g_assert_true (consort_baseline_grid_paste_text (grid, "£1,050,000\t335k\r\n1.05m\t2,000\r\n", &message));
  g_assert_null (message);
  wait_idle ();
  g_assert_cmpint (baseline (f, "back_office", "wcc")->budget, ==, 105000000);
  g_assert_cmpint (baseline (f, "back_office", "hf")->budget, ==, 33500000);
  g_assert_cmpint (baseline (f, "discrete_specialist", "wcc")->budget, ==, 105000000);
  g_assert_cmpint (baseline (f, "discrete_specialist", "hf")->budget, ==, 200000);
  g_assert_cmpstr (consort_document_get_undo_label (f->document), ==, "Paste baselines");

  /* One undo step takes back the whole block. */
  g_assert_true (consort_document_undo (f->document, &error));
  g_assert_no_error (error);
  g_assert_true (consort_appraisal_equal (current (f), before));

  /* A block with one bad cell changes nothing. */
  g_assert_false (consort_baseline_grid_paste_text (grid, "1k\t2k\n3k\tabc\n", &message));
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "abc"));
  g_assert_true (current (f) == before);
  g_clear_pointer (&message, g_free);

  /* So does a block that does not fit. */
  g_assert_true (consort_baseline_grid_set_cursor (grid, row, 3));
  g_assert_false (consort_baseline_grid_paste_text (grid, "1k\t2k\n", &message));
  g_assert_nonnull (message);
  g_assert_true (current (f) == before);
}

static void
test_grid_reject (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *page = g_object_new (CONSORT_TYPE_SERVICES_PAGE, NULL);
  ConsortBaselineGrid *grid;
  GtkEditable *editor;
  ConsortAppraisal *before;
  int row, column;

  show_page (f, page);
  grid = consort_services_page_get_grid (CONSORT_SERVICES_PAGE (page));
  before = current (f);
  row = consort_appraisal_service_index (before, "back_office");
  column = consort_appraisal_borough_index (before, "wcc");

  g_assert_true (consort_baseline_grid_set_cursor (grid, row, column));
  editor = consort_baseline_grid_get_editor (grid);
  gtk_editable_set_text (editor, "abc");
  g_signal_emit_by_name (editor, "activate");
  wait_idle ();

  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (editor), "error"));
  g_assert_nonnull (consort_baseline_grid_get_error (grid));
  g_assert_nonnull (strstr (consort_baseline_grid_get_error (grid), "abc"));
  g_assert_true (current (f) == before);
  g_assert_false (consort_document_can_undo (f->document));
  /* The cursor stays on the invalid cell. */
  consort_baseline_grid_get_cursor (grid, &row, NULL);
  g_assert_cmpint (row, ==, consort_appraisal_service_index (before, "back_office"));
  g_assert_false (consort_baseline_grid_set_cursor (grid, row + 1, column));

  /* Negative budgets are refused too; a good value clears the error. */
  gtk_editable_set_text (editor, "-5k");
  g_assert_false (consort_baseline_grid_commit (grid));
  gtk_editable_set_text (editor, "335k");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (editor), "error"));
  g_assert_true (consort_baseline_grid_commit (grid));
  g_assert_cmpint (baseline (f, "back_office", "wcc")->budget, ==, 33500000);
}

static void
test_service_delete (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *page = g_object_new (CONSORT_TYPE_SERVICES_PAGE, NULL);
  g_autoptr(ConsortAppraisal) before = NULL;
  g_autoptr(GError) error = NULL;
  guint n_services;

  show_page (f, page);
  before = consort_appraisal_ref (current (f));
  n_services = before->services->len;

  /* Its savings items and feasibility ratings go with it, in one edit. */
  g_assert_true (consort_services_page_delete_service (CONSORT_SERVICES_PAGE (page), "back_office"));
  g_assert_cmpuint (current (f)->services->len, ==, n_services - 1);
  g_assert_null (consort_appraisal_find_service (current (f), "back_office"));
  for (guint i = 0; i < current (f)->options->len; i++)
    {
      ConsortOption *o = g_ptr_array_index (current (f)->options, i);
      g_assert_null (consort_option_find_feasibility (o, "back_office"));
      for (guint j = 0; j < o->savings->len; j++)
        g_assert_cmpstr (((ConsortSavingsItem *) g_ptr_array_index (o->savings, j))->service_id, !=, "back_office");
    }
  g_assert_cmpstr (consort_document_get_undo_label (f->document), ==, "Delete service");
  g_assert_true (consort_document_undo (f->document, &error));
  g_assert_no_error (error);
  g_assert_true (consort_appraisal_equal (current (f), before));
}

static void
test_savings_editor (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *page = g_object_new (CONSORT_TYPE_OPTIONS_PAGE, NULL);
  ConsortOptionsPage *options = CONSORT_OPTIONS_PAGE (page);
  GtkWidget *editor;
  ConsortMoney before;
  guint n_before;
  g_autoptr(GError) error = NULL;

  show_page (f, page);
  consort_options_page_select_option (options, "2");
  g_assert_cmpstr (consort_options_page_get_selected (options), ==, "2");
  before = option_total_gross (f, "2");
  n_before = consort_appraisal_find_option (current (f), "2")->savings->len;

  /* An amount that cannot be read stops the save and says why. */
  editor = consort_options_page_edit_savings (options, -1);
  g_assert_nonnull (editor);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_named (editor, "service")),
                              consort_appraisal_service_index (current (f), "out_of_school"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_named (editor, "method")), 0);
  gtk_editable_set_text (GTK_EDITABLE (find_named (editor, "amount-2011")), "abc");
  g_assert_false (consort_savings_editor_save (CONSORT_SAVINGS_EDITOR (editor)));
  g_assert_nonnull (strstr (consort_savings_editor_get_error (CONSORT_SAVINGS_EDITOR (editor)), "2011/12"));
  g_assert_true (gtk_widget_has_css_class (find_named (editor, "amount-2011"), "error"));
  g_assert_cmpint (consort_appraisal_find_option (current (f), "2")->savings->len, ==, n_before);

  /* £335,000 in 2011/12 and 1.05m in 2013/14, Westminster's alone. */
  gtk_editable_set_text (GTK_EDITABLE (find_named (editor, "amount-2011")), "335k");
  gtk_editable_set_text (GTK_EDITABLE (find_named (editor, "amount-2013")), "1.05m");
  consort_share_editor_select (CONSORT_SHARE_EDITOR (find_named (editor, "share-owner")
                                                     ? gtk_widget_get_ancestor (find_named (editor, "share-owner"),
                                                                                CONSORT_TYPE_SHARE_EDITOR)
                                                     : NULL),
                               "wcc", CONSORT_SHARE_DEFAULT);
  g_assert_true (consort_savings_editor_save (CONSORT_SAVINGS_EDITOR (editor)));
  wait_idle ();

  {
    ConsortOption *o = consort_appraisal_find_option (current (f), "2");
    ConsortSavingsItem *item = g_ptr_array_index (o->savings, o->savings->len - 1);

    g_assert_cmpint (o->savings->len, ==, n_before + 1);
    g_assert_cmpstr (item->service_id, ==, "out_of_school");
    g_assert_cmpstr (item->owner.borough_id, ==, "wcc");
    g_assert_cmpint (consort_year_amounts_get (item->amounts, 2011), ==, 33500000);
    g_assert_cmpint (consort_year_amounts_get (item->amounts, 2013), ==, 105000000);
  }
  g_assert_cmpstr (consort_document_get_undo_label (f->document), ==, "Add savings item");
  g_assert_cmpint (option_total_gross (f, "2") - before, ==, 33500000 + 105000000);

  /* Editing it again: a rate item with a part-year start and phasing. */
  editor = consort_options_page_edit_savings (options, n_before);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_named (editor, "method")), 1);
  gtk_editable_set_text (GTK_EDITABLE (find_named (editor, "rate")), "3%");
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_named (editor, "start-month")), 5);  /* September */
  gtk_editable_set_text (GTK_EDITABLE (find_named (editor, "phasing")), "10%, 55%, 100%");
  g_assert_true (consort_savings_editor_save (CONSORT_SAVINGS_EDITOR (editor)));
  {
    ConsortOption *o = consort_appraisal_find_option (current (f), "2");
    ConsortSavingsItem *item = g_ptr_array_index (o->savings, n_before);

    g_assert_cmpint (item->method, ==, CONSORT_METHOD_RATE);
    g_assert_true (item->has_rate);
    g_assert_cmpint (item->rate, ==, 30000);
    g_assert_cmpint (item->start_month, ==, 9);
    g_assert_cmpint (item->start_year, ==, 2011);
    g_assert_cmpuint (item->phasing->len, ==, 3);
    g_assert_cmpint (g_array_index (item->phasing, ConsortMicros, 1), ==, 550000);
  }
  g_assert_cmpstr (consort_document_get_undo_label (f->document), ==, "Edit savings item");

  /* Undo twice restores the option and its figures. */
  g_assert_true (consort_document_undo (f->document, &error));
  g_assert_true (consort_document_undo (f->document, &error));
  g_assert_no_error (error);
  wait_idle ();
  g_assert_cmpint (consort_appraisal_find_option (current (f), "2")->savings->len, ==, n_before);
  g_assert_cmpint (option_total_gross (f, "2"), ==, before);
}

/* The participant row's joining-year drop-down for @borough. */
static GtkWidget *
find_join_dropdown (GtkWidget  *root,
                    const char *borough)
{
  if (GTK_IS_DROP_DOWN (root) && g_strcmp0 (g_object_get_data (G_OBJECT (root), "borough"), borough) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_join_dropdown (child, borough);
      if (found)
        return found;
    }
  return NULL;
}

static void
test_option_actions (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *page = g_object_new (CONSORT_TYPE_OPTIONS_PAGE, NULL);
  ConsortOptionsPage *options = CONSORT_OPTIONS_PAGE (page);
  g_autoptr(ConsortAppraisal) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kinds = NULL;
  g_autofree char *copy_id = NULL;
  GtkWidget *name_row;
  ConsortOption *o;

  show_page (f, page);
  consort_options_page_select_option (options, "1a");
  before = consort_appraisal_ref (current (f));

  /* A partner joining later changes the option's kind from then on. */
  g_assert_true (gtk_widget_activate_action (page, "options.add-participant", "s", "rbkc"));
  wait_idle ();
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_join_dropdown (page, "rbkc")), 2);
  wait_idle ();
  o = consort_appraisal_find_option (current (f), "1a");
  g_assert_cmpuint (o->participants->len, ==, 3);
  g_assert_cmpstr (consort_document_get_undo_label (f->document), ==, "Change joining year");
  kinds = consort_form_describe_kinds (current (f), o);
  g_assert_cmpstr (kinds, ==, "Two-borough from 2010/11, alliance from 2012/13");
  g_assert_true (consort_document_undo (f->document, &error));
  g_assert_true (consort_document_undo (f->document, &error));
  g_assert_no_error (error);
  g_assert_true (consort_appraisal_equal (current (f), before));
  wait_idle ();

  /* Rename through the name row; an empty name is refused inline. */
  name_row = find_named (page, "option-name");
  g_assert_nonnull (name_row);
  gtk_editable_set_text (GTK_EDITABLE (name_row), "  ");
  g_signal_emit_by_name (name_row, "apply");
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));
  g_assert_true (current (f) == before);
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Option 1A (education only)");
  g_signal_emit_by_name (name_row, "apply");
  g_assert_cmpstr (consort_appraisal_find_option (current (f), "1a")->name, ==, "Option 1A (education only)");
  g_assert_cmpstr (consort_document_get_undo_label (f->document), ==, "Rename option");
  g_assert_true (consort_document_undo (f->document, &error));
  wait_idle ();

  /* Duplicate, then delete the copy. */
  g_assert_true (gtk_widget_activate_action (page, "options.duplicate", NULL));
  wait_idle ();
  g_assert_cmpuint (current (f)->options->len, ==, before->options->len + 1);
  copy_id = g_strdup (consort_options_page_get_selected (options));
  g_assert_cmpstr (copy_id, !=, "1a");
  o = consort_appraisal_find_option (current (f), copy_id);
  g_assert_cmpstr (o->name, ==, "Option 1A (copy)");
  g_assert_cmpuint (o->savings->len, ==, consort_appraisal_find_option (before, "1a")->savings->len);
  g_assert_true (consort_options_page_delete_option (options, copy_id));
  wait_idle ();
  g_assert_cmpuint (current (f)->options->len, ==, before->options->len);
  g_assert_cmpstr (consort_document_get_undo_label (f->document), ==, "Delete option");

  /* Deleting a savings item from its row. */
  consort_options_page_select_option (options, "2");
  g_assert_true (gtk_widget_activate_action (page, "options.delete-savings", "i", 0));
  wait_idle ();
  g_assert_cmpuint (consort_appraisal_find_option (current (f), "2")->savings->len, ==,
                    consort_appraisal_find_option (before, "2")->savings->len - 1);
  g_assert_cmpstr (f->last_toast, ==, "Savings item deleted");
  /* With Undo on it (HIG). */
  g_assert_cmpuint (f->undo_toasts, ==, 1);
  g_assert_true (consort_document_undo (f->document, &error));
  g_assert_true (consort_document_undo (f->document, &error));
  g_assert_true (consort_document_undo (f->document, &error));
  g_assert_no_error (error);
  g_assert_true (consort_appraisal_equal (current (f), before));
}

static void
test_cost_editor (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *page = g_object_new (CONSORT_TYPE_OPTIONS_PAGE, NULL);
  ConsortOptionsPage *options = CONSORT_OPTIONS_PAGE (page);
  GtkWidget *editor;
  guint n_before;
  g_autoptr(GError) error = NULL;

  show_page (f, page);
  consort_options_page_select_option (options, "1a");
  n_before = consort_appraisal_find_option (current (f), "1a")->costs->len;

  editor = consort_options_page_edit_cost (options, -1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_named (editor, "kind")), CONSORT_COST_REDUNDANCY);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_named (editor, "form")), 1);
  gtk_editable_set_text (GTK_EDITABLE (find_named (editor, "posts")), "5");
  gtk_editable_set_text (GTK_EDITABLE (find_named (editor, "unit-cost")), "£41,300");
  g_assert_true (consort_cost_editor_save (CONSORT_COST_EDITOR (editor)));
  {
    ConsortOption *o = consort_appraisal_find_option (current (f), "1a");
    ConsortCostItem *item = g_ptr_array_index (o->costs, n_before);

    g_assert_cmpint (item->form, ==, CONSORT_COST_FORM_POSTS);
    g_assert_cmpint (item->posts, ==, 5000000);
    g_assert_cmpint (item->unit_cost, ==, 4130000);
    g_assert_cmpint (item->year, ==, 2010);
  }
  g_assert_cmpstr (consort_document_get_undo_label (f->document), ==, "Add cost item");
  g_assert_true (consort_document_undo (f->document, &error));
  g_assert_cmpint (consort_appraisal_find_option (current (f), "1a")->costs->len, ==, n_before);
}

static void
test_feasibility (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *page = g_object_new (CONSORT_TYPE_FEASIBILITY_PAGE, NULL);
  ConsortFeasibility *rating;
  ConsortLevel old;
  GtkWidget *editor;
  guint n_risks;
  g_autoptr(GError) error = NULL;

  show_page (f, page);
  consort_feasibility_page_select_option (CONSORT_FEASIBILITY_PAGE (page), "2");
  rating = consort_option_find_feasibility (consort_appraisal_find_option (current (f), "2"), "back_office");
  old = rating ? rating->ratings[CONSORT_CRITERION_LEGAL_COMPLEXITY] : CONSORT_LEVEL_UNSET;

  /* The cells' menu activates this action. */
  g_assert_true (gtk_widget_activate_action (page, "feasibility.rate", "(sii)", "back_office",
                                             (int) CONSORT_CRITERION_LEGAL_COMPLEXITY,
                                             (int) (old == CONSORT_LEVEL_HIGH ? CONSORT_LEVEL_LOW : CONSORT_LEVEL_HIGH)));
  wait_idle ();
  rating = consort_option_find_feasibility (consort_appraisal_find_option (current (f), "2"), "back_office");
  g_assert_nonnull (rating);
  g_assert_cmpint (rating->ratings[CONSORT_CRITERION_LEGAL_COMPLEXITY], ==,
                   old == CONSORT_LEVEL_HIGH ? CONSORT_LEVEL_LOW : CONSORT_LEVEL_HIGH);
  g_assert_cmpstr (consort_document_get_undo_label (f->document), ==, "Change feasibility rating");
  /* The cell shows the word and the colour of the new rating. */
  {
    GtkWidget *cell = find_cell (page, "back_office", CONSORT_CRITERION_LEGAL_COMPLEXITY);
    gboolean high = old != CONSORT_LEVEL_HIGH;

    g_assert_nonnull (cell);
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (cell)), ==, high ? "High" : "Low");
    g_assert_true (gtk_widget_has_css_class (cell, high ? "consort-level-high" : "consort-level-low"));
  }
  g_assert_true (consort_document_undo (f->document, &error));
  g_assert_no_error (error);
  rating = consort_option_find_feasibility (consort_appraisal_find_option (current (f), "2"), "back_office");
  g_assert_cmpint (rating ? rating->ratings[CONSORT_CRITERION_LEGAL_COMPLEXITY] : CONSORT_LEVEL_UNSET, ==, old);

  /* A risk through its editor. */
  n_risks = consort_appraisal_find_option (current (f), "2")->risks->len;
  editor = consort_feasibility_page_edit_risk (CONSORT_FEASIBILITY_PAGE (page), -1);
  g_assert_false (consort_risk_editor_save (CONSORT_RISK_EDITOR (editor)));  /* no issue yet */
  gtk_editable_set_text (GTK_EDITABLE (find_named (editor, "risk-class")), "Financial");
  gtk_editable_set_text (GTK_EDITABLE (find_named (editor, "issue")), "Savings slip by a year");
  gtk_editable_set_text (GTK_EDITABLE (find_named (editor, "mitigation")), "Phase the savings");
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_named (editor, "likelihood")), CONSORT_LEVEL_SOME);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_named (editor, "impact")), CONSORT_LEVEL_HIGH);
  g_assert_true (consort_risk_editor_save (CONSORT_RISK_EDITOR (editor)));
  wait_idle ();
  {
    ConsortOption *o = consort_appraisal_find_option (current (f), "2");
    ConsortRisk *risk = g_ptr_array_index (o->risks, o->risks->len - 1);

    g_assert_cmpuint (o->risks->len, ==, n_risks + 1);
    g_assert_cmpstr (risk->risk_class, ==, "Financial");
    g_assert_cmpstr (risk->issue, ==, "Savings slip by a year");
    g_assert_cmpint (risk->likelihood, ==, CONSORT_LEVEL_SOME);
    g_assert_cmpint (risk->impact, ==, CONSORT_LEVEL_HIGH);
  }
  g_assert_cmpstr (consort_document_get_undo_label (f->document), ==, "Add risk");
  g_assert_true (consort_document_undo (f->document, &error));
  g_assert_cmpuint (consort_appraisal_find_option (current (f), "2")->risks->len, ==, n_risks);
}

/* Whether any control under @root still offers an edit: a visible,
 * sensitive button (or menu item owner) bound to one of @actions, a
 * sensitive editable entry, a sensitive drop-down other than the
 * navigation ones named in @navigation. */
static GtkWidget *
find_editing_control (GtkWidget          *root,
                      const char * const *actions,
                      const char * const *navigation)
{
  if (!gtk_widget_get_visible (root) || !gtk_widget_get_sensitive (root))
    return NULL;

  if (GTK_IS_ACTIONABLE (root) && gtk_actionable_get_action_name (GTK_ACTIONABLE (root)) &&
      g_strv_contains (actions, gtk_actionable_get_action_name (GTK_ACTIONABLE (root))))
    return root;
  if (GTK_IS_EDITABLE (root) && !GTK_IS_SPIN_BUTTON (root) && gtk_editable_get_editable (GTK_EDITABLE (root)) &&
      gtk_editable_get_delegate (GTK_EDITABLE (root)) == NULL)
    {
      /* A drop-down's search entry is navigation, not an edit. */
      if (!gtk_widget_get_ancestor (root, GTK_TYPE_DROP_DOWN))
        return root;
    }
  if (GTK_IS_DROP_DOWN (root) && !g_strv_contains (navigation, gtk_widget_get_name (root)))
    return root;
  if (GTK_IS_MENU_BUTTON (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_editing_control (child, actions, navigation);
      if (found)
        return found;
    }
  return NULL;
}

static void
describe_control (GtkWidget *widget)
{
  g_test_message ("still editable: %s “%s” (%s)", G_OBJECT_TYPE_NAME (widget), gtk_widget_get_name (widget),
                  GTK_IS_ACTIONABLE (widget) && gtk_actionable_get_action_name (GTK_ACTIONABLE (widget))
                  ? gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)) : "-");
}

/* A read-only document: the Options, Services and Feasibility pages and
 * the item dialogs show everything and offer no edit at all. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  static const char * const option_actions[] = {
    "options.add", "options.duplicate", "options.delete", "options.add-participant",
    "options.remove-participant", "options.add-savings", "options.add-cost",
    "options.delete-savings", "options.delete-cost", NULL,
  };
  static const char * const services_actions[] = {
    "services.add", "services.rename", "services.delete", NULL,
  };
  static const char * const feasibility_actions[] = {
    "feasibility.add-risk", "feasibility.delete-risk", "feasibility.rate", NULL,
  };
  static const char * const navigation[] = { "option", "field", NULL };
  g_autoptr(ConsortDocument) writable = g_steal_pointer (&f->document);
  g_autoptr(ConsortAppraisal) before = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *page, *editor, *found, *cell;

  /* Writable, the same search finds what can be edited. */
  f->document = g_object_ref (writable);
  page = g_object_new (CONSORT_TYPE_OPTIONS_PAGE, NULL);
  show_page (f, page);
  g_assert_nonnull (find_editing_control (page, option_actions, navigation));
  gtk_window_set_child (GTK_WINDOW (f->window), NULL);
  g_clear_object (&f->document);

  /* The fixture's document, opened again read-only. */
  f->document = consort_document_open (consort_document_get_path (writable), CONSORT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (consort_document_get_read_only (f->document));
  consort_document_close (writable);
  before = consort_appraisal_ref (current (f));

  /* Options: names, participants, items and the option menu. */
  page = g_object_new (CONSORT_TYPE_OPTIONS_PAGE, NULL);
  show_page (f, page);
  consort_options_page_select_option (CONSORT_OPTIONS_PAGE (page), "1a");
  wait_idle ();
  g_assert_nonnull (find_join_dropdown (page, "wcc"));
  g_assert_false (gtk_widget_get_sensitive (find_join_dropdown (page, "wcc")));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (find_named (page, "option-name"))));
  if ((found = find_editing_control (page, option_actions, navigation)))
    describe_control (found);
  g_assert_null (found);

  /* Its items still open, to be read, in dialogs that cannot save. */
  editor = consort_options_page_edit_savings (CONSORT_OPTIONS_PAGE (page), 0);
  g_assert_nonnull (editor);
  g_assert_false (gtk_widget_get_visible (find_named (editor, "save")));
  g_assert_false (gtk_widget_is_sensitive (find_named (editor, "service")));
  g_assert_false (gtk_widget_is_sensitive (find_named (editor, "label")));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Savings Item");
  g_assert_false (consort_savings_editor_save (CONSORT_SAVINGS_EDITOR (editor)));
  g_assert_nonnull (strstr (consort_savings_editor_get_error (CONSORT_SAVINGS_EDITOR (editor)), "read-only"));
  gtk_window_destroy (GTK_WINDOW (editor));
  editor = consort_options_page_edit_cost (CONSORT_OPTIONS_PAGE (page), 0);
  g_assert_nonnull (editor);
  g_assert_false (gtk_widget_get_visible (find_named (editor, "save")));
  g_assert_false (gtk_widget_is_sensitive (find_named (editor, "kind")));
  g_assert_false (consort_cost_editor_save (CONSORT_COST_EDITOR (editor)));
  gtk_window_destroy (GTK_WINDOW (editor));

  /* Services: the grid's toolbar. */
  page = g_object_new (CONSORT_TYPE_SERVICES_PAGE, NULL);
  show_page (f, page);
  if ((found = find_editing_control (page, services_actions, navigation)))
    describe_control (found);
  g_assert_null (found);
  g_assert_nonnull (find_named (page, "field"));

  /* Feasibility: the rating cells and the risk log. */
  page = g_object_new (CONSORT_TYPE_FEASIBILITY_PAGE, NULL);
  show_page (f, page);
  consort_feasibility_page_select_option (CONSORT_FEASIBILITY_PAGE (page), "2");
  wait_idle ();
  cell = find_cell (page, "back_office", CONSORT_CRITERION_LEGAL_COMPLEXITY);
  g_assert_nonnull (cell);
  g_assert_false (gtk_widget_get_sensitive (cell));
  if ((found = find_editing_control (page, feasibility_actions, navigation)))
    describe_control (found);
  g_assert_null (found);
  g_assert_false (consort_feasibility_page_set_rating (CONSORT_FEASIBILITY_PAGE (page), "back_office",
                                                       CONSORT_CRITERION_LEGAL_COMPLEXITY, CONSORT_LEVEL_HIGH));
  if (consort_appraisal_find_option (current (f), "2")->risks->len > 0)
    {
      editor = consort_feasibility_page_edit_risk (CONSORT_FEASIBILITY_PAGE (page), 0);
      g_assert_false (gtk_widget_get_visible (find_named (editor, "save")));
      g_assert_false (gtk_widget_is_sensitive (find_named (editor, "issue")));
      g_assert_false (consort_risk_editor_save (CONSORT_RISK_EDITOR (editor)));
      gtk_window_destroy (GTK_WINDOW (editor));
    }

  /* Nothing reached the document. */
  g_assert_true (current (f) == before || consort_appraisal_equal (current (f), before));
  g_assert_false (consort_document_can_undo (f->document));
}

/* The dialogs remember their item by position: one opened before an undo
 * put another item there must not replace that item. */
static void
test_editor_after_undo (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *page = g_object_new (CONSORT_TYPE_OPTIONS_PAGE, NULL);
  ConsortOptionsPage *options = CONSORT_OPTIONS_PAGE (page);
  g_autoptr(ConsortAppraisal) after_undo = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *editor;
  ConsortOption *o;

  show_page (f, page);
  consort_options_page_select_option (options, "2");
  o = consort_appraisal_find_option (current (f), "2");
  g_assert_cmpuint (o->savings->len, >=, 2);
  g_assert_cmpuint (o->costs->len, >=, 2);

  /* Delete the first savings and cost items: the second ones move up. */
  g_assert_true (gtk_widget_activate_action (page, "options.delete-savings", "i", 0));
  g_assert_true (gtk_widget_activate_action (page, "options.delete-cost", "i", 0));
  wait_idle ();

  /* The dialogs are modal to the window: its undo is out of reach. */
  editor = consort_options_page_edit_savings (options, 0);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (f->window));
  g_assert_false (gtk_widget_activate_action (editor, "win.undo", NULL));
  g_assert_true (consort_document_can_undo (f->document));

  /* Undo all the same (from elsewhere): the first items come back. */
  g_assert_true (consort_document_undo (f->document, &error));
  g_assert_true (consort_document_undo (f->document, &error));
  g_assert_no_error (error);
  wait_idle ();
  after_undo = consort_appraisal_ref (current (f));

  gtk_editable_set_text (GTK_EDITABLE (find_named (editor, "label")), "Edited after the undo");
  g_assert_false (consort_savings_editor_save (CONSORT_SAVINGS_EDITOR (editor)));
  g_assert_nonnull (strstr (consort_savings_editor_get_error (CONSORT_SAVINGS_EDITOR (editor)),
                            "changed or removed while this dialog was open"));
  g_assert_true (current (f) == after_undo);
  gtk_window_destroy (GTK_WINDOW (editor));

  /* The same for a cost item opened before the undo. */
  g_assert_true (consort_document_redo (f->document, &error));
  g_assert_true (consort_document_redo (f->document, &error));
  g_assert_no_error (error);
  wait_idle ();
  editor = consort_options_page_edit_cost (options, 0);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));
  g_assert_true (consort_document_undo (f->document, &error));
  g_assert_no_error (error);
  wait_idle ();
  g_clear_pointer (&after_undo, consort_appraisal_unref);
  after_undo = consort_appraisal_ref (current (f));
  g_assert_false (consort_cost_editor_save (CONSORT_COST_EDITOR (editor)));
  g_assert_nonnull (strstr (consort_cost_editor_get_error (CONSORT_COST_EDITOR (editor)),
                            "changed or removed while this dialog was open"));
  g_assert_true (current (f) == after_undo);
  gtk_window_destroy (GTK_WINDOW (editor));

  /* With nothing changed in between, the edit goes through. */
  editor = consort_options_page_edit_savings (options, 0);
  gtk_editable_set_text (GTK_EDITABLE (find_named (editor, "label")), "Checked edit");
  g_assert_true (consort_savings_editor_save (CONSORT_SAVINGS_EDITOR (editor)));
  g_assert_cmpstr (((ConsortSavingsItem *) g_ptr_array_index (consort_appraisal_find_option (current (f), "2")->savings,
                                                              0))->label, ==, "Checked edit");
  wait_idle ();
}

/* A risk editor opened before an undo moved the risks. */
static void
test_risk_editor_after_undo (Fixture       *f,
                             gconstpointer  data)
{
  GtkWidget *page = g_object_new (CONSORT_TYPE_FEASIBILITY_PAGE, NULL);
  g_autoptr(ConsortAppraisal) copy = NULL;
  g_autoptr(GError) error = NULL;
  ConsortOption *o;
  ConsortAppraisal *before;
  GtkWidget *editor;

  show_page (f, page);
  consort_feasibility_page_select_option (CONSORT_FEASIBILITY_PAGE (page), "2");

  /* Two risks, then the first deleted: the second takes its place. */
  copy = consort_appraisal_copy (current (f));
  o = consort_appraisal_find_option (copy, "2");
  for (int i = 0; i < 2; i++)
    {
      ConsortRisk *risk = consort_risk_new ();
      risk->issue = g_strdup_printf ("Risk %d", i + 1);
      g_ptr_array_insert (o->risks, i, risk);
    }
  g_assert_true (consort_document_apply (f->document, g_steal_pointer (&copy), "Add risks", &error));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (page, "feasibility.delete-risk", "i", 0));
  wait_idle ();

  editor = consort_feasibility_page_edit_risk (CONSORT_FEASIBILITY_PAGE (page), 0);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_named (editor, "issue"))), ==, "Risk 2");
  g_assert_true (consort_document_undo (f->document, &error));
  g_assert_no_error (error);
  wait_idle ();
  before = current (f);
  g_assert_false (consort_risk_editor_save (CONSORT_RISK_EDITOR (editor)));
  g_assert_nonnull (strstr (consort_risk_editor_get_error (CONSORT_RISK_EDITOR (editor)),
                            "changed or removed while this dialog was open"));
  g_assert_true (current (f) == before);
  g_assert_cmpstr (((ConsortRisk *) g_ptr_array_index (consort_appraisal_find_option (current (f), "2")->risks, 0))->issue,
                   ==, "Risk 1");
  gtk_window_destroy (GTK_WINDOW (editor));
  wait_idle ();
}

static void
test_helpers (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *hint = consort_form_default_rate_hint (current (f), "shared_service");
  g_autofree char *kinds = consort_form_describe_kinds (current (f), consort_appraisal_find_option (current (f), "3"));
  g_autofree char *error = NULL;
  g_autoptr(GArray) phasing = consort_form_parse_phasing ("10%, 55%, 100%", &error);
  g_autoptr(GArray) bad = NULL;

  g_assert_cmpstr (hint, ==, "Default: 3% with 2 partners, 4% with 3 or more");
  g_assert_cmpstr (kinds, ==, "Two-borough from 2010/11, alliance from 2012/13");
  g_assert_cmpuint (phasing->len, ==, 3);
  bad = consort_form_parse_phasing ("10%, lots", &error);
  g_assert_null (bad);
  g_assert_nonnull (strstr (error, "lots"));
}

/* Optional pictures of the pages, for looking at. */

static void
save_png (GtkWidget  *window,
          const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width, height;

  /* Drawn at its size first: a window that has not drawn a frame since
   * it changed gives an empty picture. */
  for (int attempt = 0; node == NULL && attempt < 10; attempt++)
    {
      consort_test_wait_frames (window);
      width = gtk_widget_get_width (window);
      height = gtk_widget_get_height (window);
      g_clear_object (&snapshot);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
settle (void)
{
  /* Every window (editors and dialogs too) has laid out and drawn. */
  consort_test_wait_toplevels ();
  wait_idle ();
}

/* UX review: the label showing exactly @text under @root, or NULL. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);
      if (found)
        return found;
    }
  return NULL;
}

/* UX review: the AdwMessageDialog the settings page opened, or NULL. */
static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* owned by GTK */
  AdwMessageDialog *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      /* The newest: answered ones may linger until destroyed. */
      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        found = ADW_MESSAGE_DIALOG (window);
    }
  return found;
}

/* Years − on the sample asks first, then shortens in one edit; First FY +
 * offers to move everything and keeps the figures. */
static void
test_settings_horizon (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *page = g_object_new (CONSORT_TYPE_SETTINGS_PAGE, NULL);
  AdwMessageDialog *dialog;
  g_autoptr(GError) error = NULL;
  ConsortMoney before = option_total_gross (f, "2");
  ConsortResults *results;
  ConsortMoney net_before;

  show_page (f, page);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_named (page, "years")), 3);
  wait_idle ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Shorten to 3 Years?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "12 items have figures in 2013/14, which will be removed.\n"
                   "Wandsworth joins Option 3 in 2013/14 and will no longer take part in it.");
  /* Nothing changed until confirmed. */
  g_assert_cmpint (current (f)->years, ==, 4);
  if (g_getenv ("CONSORT_FORMS_SCREENSHOTS"))
    {
      g_autofree char *path = g_build_filename (g_getenv ("CONSORT_FORMS_SCREENSHOTS"), "horizon-dialog.png", NULL);

      settle ();
      save_png (GTK_WIDGET (dialog), path);
    }
  adw_message_dialog_response (dialog, "fit");
  wait_idle ();
  g_assert_cmpint (current (f)->years, ==, 3);
  g_assert_cmpstr (consort_document_get_undo_label (f->document), ==, "Change Number of Years");
  g_assert_cmpuint (consort_appraisal_find_option (current (f), "3")->participants->len, ==, 3);
  g_assert_true (consort_appraisal_validate (current (f), &error));
  g_assert_no_error (error);
  /* One edit: one undo gives everything back. */
  g_assert_true (consort_document_undo (f->document, &error));
  g_assert_no_error (error);
  wait_idle ();
  g_assert_cmpint (current (f)->years, ==, 4);
  g_assert_cmpint (option_total_gross (f, "2"), ==, before);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (find_named (page, "years"))), ==, 4);

  /* Cancel leaves the document and puts the spin button back. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_named (page, "years")), 2);
  wait_idle ();
  adw_message_dialog_response (find_message_dialog (), "cancel");
  wait_idle ();
  g_assert_cmpint (current (f)->years, ==, 4);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (find_named (page, "years"))), ==, 4);

  /* First FY +: move the whole appraisal; the figures stay. */
  results = consort_document_get_results (f->document, &error);
  net_before = results->options[3].partnership.total_net;
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_named (page, "first-year")), 2011);
  wait_idle ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Start the Appraisal in 2011/12?");
  adw_message_dialog_response (dialog, "move");
  wait_idle ();
  g_assert_cmpint (current (f)->first_year, ==, 2011);
  g_assert_cmpstr (consort_document_get_undo_label (f->document), ==, "Move Appraisal");
  g_assert_cmpint (((ConsortParticipant *) g_ptr_array_index (consort_appraisal_find_option (current (f), "3")->participants, 3))->from_year,
                   ==, 2014);
  results = consort_document_get_results (f->document, &error);
  g_assert_no_error (error);
  g_assert_cmpint (results->options[3].partnership.total_net, ==, net_before);
}

/* Errors in the names people see; the discount rate's message, Escape and
 * clearing; the delivery model drop-down. */
static void
test_settings_inputs (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *page = g_object_new (CONSORT_TYPE_SETTINGS_PAGE, NULL);
  GtkWidget *discount;
  GtkWidget *model;
  g_autoptr(ConsortAppraisal) bad = NULL;
  g_autofree char *message = NULL;

  show_page (f, page);

  /* A validation error reads as the pages name things. */
  bad = consort_appraisal_copy (current (f));
  bad->years = 3;
  g_assert_false (consort_form_apply (page, f->document, g_steal_pointer (&bad), "Bad", &message));
  g_assert_cmpstr (message, ==,
                   "Could not save the change: Option 2, savings item 2 (Appendix 5: Back Office Services): "
                   "2013/14 is outside the horizon 2010/11 to 2012/13");

  discount = find_named (page, "discount-rate");
  gtk_editable_set_text (GTK_EDITABLE (discount), "150%");
  g_signal_emit_by_name (discount, "entry-activated");
  wait_idle ();
  g_assert_true (gtk_widget_has_css_class (discount, "error"));
  g_assert_cmpint (current (f)->discount_rate, ==, 35000);
  {
    GtkWidget *message_label = find_label (page, "“150%”: enter a rate between 0% and 100%, for example 3.5%");
    GtkWidget *label;

    g_assert_nonnull (message_label);
    label = gtk_widget_get_ancestor (message_label, GTK_TYPE_LIST_BOX_ROW);
    g_assert_true (gtk_widget_get_visible (label));
    /* Escape puts the saved rate back and clears the error. */
    g_assert_true (press_key (discount, GDK_KEY_Escape, 0));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (discount)), ==, "3.5%");
    g_assert_false (gtk_widget_has_css_class (discount, "error"));
    g_assert_false (gtk_widget_get_visible (label));

    /* Typed wrong, then back to the saved value and left: no error. */
    gtk_editable_set_text (GTK_EDITABLE (discount), "x");
    g_assert_true (gtk_widget_has_css_class (discount, "error"));
    gtk_editable_set_text (GTK_EDITABLE (discount), "3.5%");
    g_signal_emit_by_name (discount, "entry-activated");
    g_assert_false (gtk_widget_has_css_class (discount, "error"));
    g_assert_false (gtk_widget_get_visible (label));
  }

  /* "Prepared by" wraps rather than being cut; Enter applies it. */
  {
    GtkWidget *author = find_named (page, "author");

    g_assert_true (GTK_IS_TEXT_VIEW (author));
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (author)), "  Policy Unit,\nWestminster ", -1);
    g_assert_true (press_key (author, GDK_KEY_Return, 0));
    g_assert_cmpstr (current (f)->author, ==, "Policy Unit, Westminster");
    g_assert_cmpstr (consort_document_get_undo_label (f->document), ==, "Change Author");
  }

  /* The default rates' entries behave the same. */
  {
    GtkWidget *rate = find_named (page, "rate-rate-0");

    gtk_editable_set_text (GTK_EDITABLE (rate), "150%");
    g_assert_true (gtk_widget_has_css_class (rate, "error"));
    g_assert_nonnull (find_label (page, "“150%”: enter a rate between 0% and 100%, for example 3.5%"));
    g_assert_true (press_key (rate, GDK_KEY_Escape, 0));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rate)), ==, "3%");
    g_assert_false (gtk_widget_has_css_class (rate, "error"));
  }

  /* Delivery models are chosen by name, not typed as slugs. */
  model = find_named (page, "rate-model-2");
  g_assert_true (GTK_IS_DROP_DOWN (model));
  g_assert_cmpstr (gtk_string_object_get_string (GTK_STRING_OBJECT (gtk_drop_down_get_selected_item (GTK_DROP_DOWN (model)))),
                   ==, "Joint commissioning of outsourced services");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (model), 2);
  wait_idle ();
  g_assert_cmpstr (((ConsortDefaultRate *) g_ptr_array_index (current (f)->default_rates, 2))->model, ==,
                   "collaborative_procurement");
  g_assert_cmpstr (consort_document_get_undo_label (f->document), ==, "Change Default Rate");

}

/* Honest hints where baselines change nothing, and rate items' figures. */
static void
test_baseline_hints (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *page = g_object_new (CONSORT_TYPE_SERVICES_PAGE, NULL);
  ConsortBaselineGrid *grid;
  GtkWidget *usage;
  GtkWidget *options;
  GtkWidget *editor;
  int n;

  show_page (f, page);
  grid = consort_services_page_get_grid (CONSORT_SERVICES_PAGE (page));
  usage = find_named (page, "usage");
  g_assert_true (consort_baseline_grid_set_cursor (grid, consort_appraisal_service_index (current (f), "back_office"), 0));
  wait_idle ();
  /* In the sample every such saving is a fixed amount of Westminster's. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (usage)), ==,
                   "No rate-based savings use Back Office Services budgets: figures won’t change.");
  add_rate_item (f);
  wait_idle ();
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (usage)), ==,
                   "Back Office Services budgets are used by rate-based savings in Option 2.");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_named (page, "field")), CONSORT_BASELINE_FTE);
  wait_idle ();
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (usage)), ==,
                   "“Staff (FTE)” is for reference only: no figure in the appraisal is calculated from it.");

  /* The options page shows the rate item's full-year figure: 3% of
   * Westminster's £1,425,000 (H&F has no budget for it). */
  options = g_object_new (CONSORT_TYPE_OPTIONS_PAGE, NULL);
  show_page (f, options);
  consort_options_page_select_option (CONSORT_OPTIONS_PAGE (options), "2");
  wait_idle ();
  g_assert_nonnull (find_label (options, "£42,750 a year at 3%"));
  /* The description is a wrapping paragraph, shown in full. */
  {
    GtkWidget *view = find_named (options, "option-description");
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, consort_appraisal_find_option (current (f), "2")->description);
  }

  /* The savings editor warns about H&F's missing budget. */
  n = (int) consort_appraisal_find_option (current (f), "2")->savings->len;
  editor = consort_options_page_edit_savings (CONSORT_OPTIONS_PAGE (options), n - 1);
  g_assert_nonnull (editor);
  g_assert_true (gtk_widget_get_visible (find_named (editor, "rate-warning")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_named (editor, "rate-warning"))), ==,
                   "Hammersmith & Fulham has no budget for Back Office Services: this item saves £0 for it");
  /* Known models by name, the same list as the settings page. */
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (find_named (editor, "model")))), ==, 5);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_named (editor, "method")), 0);
  g_assert_false (gtk_widget_get_visible (find_named (editor, "rate-warning")));
  gtk_window_destroy (GTK_WINDOW (editor));
  wait_idle ();
}

/* After undo, the focused grid cell is selected again: typing replaces. */
static void
test_grid_undo_selects (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *page = g_object_new (CONSORT_TYPE_SERVICES_PAGE, NULL);
  ConsortBaselineGrid *grid;
  GtkEditable *editor;
  g_autoptr(GError) error = NULL;
  int row, column, start = -1, end = -1;

  show_page (f, page);
  grid = consort_services_page_get_grid (CONSORT_SERVICES_PAGE (page));
  row = consort_appraisal_service_index (current (f), "discrete_specialist");
  column = consort_appraisal_borough_index (current (f), "wcc");
  g_assert_true (consort_baseline_grid_set_cursor (grid, row, column));
  editor = consort_baseline_grid_get_editor (grid);
  gtk_widget_grab_focus (GTK_WIDGET (editor));
  gtk_editable_set_text (editor, "4m");
  g_assert_true (consort_baseline_grid_commit (grid));
  wait_idle ();
  g_assert_true (consort_document_undo (f->document, &error));
  g_assert_no_error (error);
  wait_idle ();
  g_assert_cmpstr (gtk_editable_get_text (editor), ==, "£3,625,000");
  g_assert_true (gtk_editable_get_selection_bounds (editor, &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, g_utf8_strlen ("£3,625,000", -1));
}

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  const char *dir = g_getenv ("CONSORT_FORMS_SCREENSHOTS");
  const char *schemes[] = { "light", "dark" };
  const char *pages[] = { "services", "options", "feasibility", "savings-editor", "savings-rate", "cost-editor", "risk-editor" };
  int width = 1366, height = 768;

  if (dir == NULL)
    {
      g_test_skip ("CONSORT_FORMS_SCREENSHOTS is not set");
      return;
    }
  if (g_getenv ("CONSORT_FORMS_WIDTH"))
    width = atoi (g_getenv ("CONSORT_FORMS_WIDTH"));

  for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
    {
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          s ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
      for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
        {
          g_autofree char *name = g_strdup_printf ("%s-%s.png", pages[p], schemes[s]);
          g_autofree char *path = g_build_filename (dir, name, NULL);
          GtkWidget *page;
          GtkWidget *shot = f->window;

          if (p == 0)
            page = g_object_new (CONSORT_TYPE_SERVICES_PAGE, NULL);
          else if (p == 2 || p == 6)
            page = g_object_new (CONSORT_TYPE_FEASIBILITY_PAGE, NULL);
          else
            page = g_object_new (CONSORT_TYPE_OPTIONS_PAGE, NULL);
          gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
          show_page (f, page);
          if (p == 2 || p == 6)
            {
              gint64 t0 = g_get_monotonic_time ();
              consort_feasibility_page_select_option (CONSORT_FEASIBILITY_PAGE (page), "3");
              g_test_message ("feasibility page refresh in %.1f ms", (g_get_monotonic_time () - t0) / 1000.0);
              /* The keyboard focus on a coloured cell must show (UX review). */
              if (p == 2 && find_cell (page, "back_office", CONSORT_CRITERION_MARKET_MATURITY))
                {
                  gtk_widget_grab_focus (find_cell (page, "back_office", CONSORT_CRITERION_MARKET_MATURITY));
                  gtk_window_set_focus_visible (GTK_WINDOW (f->window), TRUE);
                }
            }
          if (p == 1 || p == 3 || p == 4 || p == 5)
            {
              gint64 t0 = g_get_monotonic_time ();
              consort_options_page_select_option (CONSORT_OPTIONS_PAGE (page), "3");
              g_test_message ("options page refresh in %.1f ms", (g_get_monotonic_time () - t0) / 1000.0);
            }
          if (p == 3 || p == 4)
            {
              shot = consort_options_page_edit_savings (CONSORT_OPTIONS_PAGE (page), 0);
              if (p == 4)
                adw_combo_row_set_selected (ADW_COMBO_ROW (find_named (shot, "method")), 1);
              gtk_window_set_default_size (GTK_WINDOW (shot), 600, 720);
            }
          if (p == 5)
            {
              shot = consort_options_page_edit_cost (CONSORT_OPTIONS_PAGE (page), 0);
              gtk_window_set_default_size (GTK_WINDOW (shot), 600, 720);
            }
          if (p == 6)
            {
              shot = consort_feasibility_page_edit_risk (CONSORT_FEASIBILITY_PAGE (page), 0);
              gtk_window_set_default_size (GTK_WINDOW (shot), 600, 560);
            }
          settle ();
          if (p == 0 && s == 0)
            {
              /* How long one edit through the grid takes, to the next frame's picture. */
              ConsortBaselineGrid *grid = consort_services_page_get_grid (CONSORT_SERVICES_PAGE (page));
              gint64 t0;
              g_autofree char *tmp = g_build_filename (dir, "timing.png", NULL);

              consort_baseline_grid_set_cursor (grid, 1, 1);
              t0 = g_get_monotonic_time ();
              gtk_editable_set_text (consort_baseline_grid_get_editor (grid), "1.05m");
              g_assert_true (consort_baseline_grid_commit (grid));
              wait_idle ();
              g_test_message ("grid edit applied in %.1f ms", (g_get_monotonic_time () - t0) / 1000.0);
              save_png (shot, tmp);
              g_test_message ("grid edit applied and drawn in %.1f ms", (g_get_monotonic_time () - t0) / 1000.0);
              g_unlink (tmp);
              consort_document_undo (f->document, NULL);
              settle ();

              /* And how an invalid entry looks. */
              {
                g_autofree char *error_path = g_build_filename (dir, "services-error-light.png", NULL);

                gtk_editable_set_text (consort_baseline_grid_get_editor (grid), "abc");
                g_assert_false (consort_baseline_grid_commit (grid));
                settle ();
                save_png (shot, error_path);
                press_key (GTK_WIDGET (consort_baseline_grid_get_editor (grid)), GDK_KEY_Escape, 0);
                settle ();
              }
            }
          save_png (shot, path);
          if (shot != f->window)
            gtk_window_destroy (GTK_WINDOW (shot));
          g_test_message ("wrote %s", path);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  consort_test_disable_animations ();

  /* The application loads style.css; without one, load it here. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
    gtk_css_provider_load_from_resource (css, "/io/github/consortapp/Consort/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

#define ADD(name, func) g_test_add ("/gui-forms/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("helpers", test_helpers);
  ADD ("grid-edit", test_grid_edit);
  ADD ("grid-keyboard", test_grid_keyboard);
  ADD ("grid-paste", test_grid_paste);
  ADD ("grid-reject", test_grid_reject);
  ADD ("service-delete", test_service_delete);
  ADD ("savings-editor", test_savings_editor);
  ADD ("option-actions", test_option_actions);
  ADD ("cost-editor", test_cost_editor);
  ADD ("feasibility-and-risks", test_feasibility);
  ADD ("read-only", test_read_only);
  ADD ("editor-after-undo", test_editor_after_undo);
  ADD ("risk-editor-after-undo", test_risk_editor_after_undo);
  ADD ("settings-horizon", test_settings_horizon);
  ADD ("settings-inputs", test_settings_inputs);
  ADD ("baseline-hints", test_baseline_hints);
  ADD ("grid-undo-selects", test_grid_undo_selects);
  ADD ("screenshots", test_screenshots);
#undef ADD

  return g_test_run ();
}
