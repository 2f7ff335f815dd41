/* test-gui-window.c: the application window, driven through its widgets.
 *
 * Opens the Westminster sample (imported into a temporary document),
 * checks the title, visits every page, edits a population and the
 * discount rate through the widgets, undoes and redoes, rejects invalid
 * input, deletes a borough that options use, shows a read-only document
 * with its banner, reports files that cannot be opened, and remembers the
 * last document in GSettings.  Runs under Xvfb.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "consort-application.h"
#include "consort-presentation-window.h"
#include "consort-window.h"
#include "gui-test-util.h"

static ConsortApplication *app;
static char *tmpdir;
static char *sample_json;

static const char * const pages[] = {
  "comparison", "options", "boroughs", "services", "feasibility", "settings",
};

static gboolean
set_true (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the window lay out, map pages and handle what the edits queued. */
static void
settle (void)
{
  gboolean done = FALSE;

  g_timeout_add (50, set_true, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  /* And until every window has really been mapped, laid out and drawn:
   * on a loaded machine the X server answers later than 50 ms. */
  consort_test_wait_toplevels ();
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

static GtkWidget *
find_label_with_prefix (GtkWidget  *root,
                        const char *prefix)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root) &&
      g_str_has_prefix (gtk_label_get_text (GTK_LABEL (root)), prefix))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_with_prefix (child, prefix);
      if (found)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_button_with_tooltip (GtkWidget  *root,
                          const char *tooltip)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_tooltip (child, tooltip);
      if (found)
        return found;
    }

  return NULL;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static ConsortDocument *
new_sample_document (void)
{
  g_autoptr(ConsortAppraisal) appraisal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  ConsortDocument *document;

  appraisal = consort_json_read_file (sample_json, &error);
  g_assert_no_error (error);
  path = consort_unique_document_path (tmpdir, appraisal->title);
  document = consort_document_create (path, appraisal, &error);
  g_assert_no_error (error);

  return document;
}

static ConsortWindow *
new_window (ConsortDocument *document)
{
  ConsortWindow *window = consort_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  if (document)
    consort_window_set_document (window, document);
  gtk_window_present (GTK_WINDOW (window));
  settle ();

  return window;
}

static void
close_window (ConsortWindow *window)
{
  ConsortDocument *document = consort_window_get_document (window);

  if (document)
    {
      g_object_ref (document);
      consort_window_set_document (window, NULL);
      consort_document_close (document);
      g_object_unref (document);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

static void
show_page (ConsortWindow *window,
           const char    *name)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", name));
  settle ();
  g_assert_cmpstr (consort_window_get_visible_page (window), ==, name);
}

static const ConsortBorough *
borough (ConsortDocument *document,
         const char      *id)
{
  const ConsortBorough *b = consort_appraisal_find_borough (consort_document_get_appraisal (document), id);

  g_assert_nonnull (b);
  return b;
}

/* Tests */

static void
test_title_and_pages (void)
{
  g_autoptr(ConsortDocument) document = new_sample_document ();
  ConsortWindow *window = new_window (document);
  g_autofree char *basename = g_path_get_basename (consort_document_get_path (document));
  g_autofree char *expected = NULL;
  const char *title = consort_document_get_appraisal (document)->title;

  g_assert_cmpstr (title, ==, "Westminster children's services: merger of services (July 2010)");
  expected = g_strdup_printf ("%s — %s", title, basename);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, expected);
  g_assert_cmpstr (basename, ==, "Westminster children's services - merger of services (July 2010).consort");

  /* Comparison is the page shown first. */
  g_assert_cmpstr (consort_window_get_visible_page (window), ==, "comparison");
  g_assert_true (consort_window_get_editable (window));

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page = consort_window_get_page (window, pages[i]);
      ConsortDocument *shown = NULL;

      show_page (window, pages[i]);
      g_assert_true (gtk_widget_get_mapped (page));
      g_object_get (page, "document", &shown, NULL);
      g_assert_true (shown == document);
      g_object_unref (shown);
    }

  /* Nothing to undo yet. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL) &&
                  consort_document_can_undo (document));

  close_window (window);
}

static void
test_population_edit_and_undo (void)
{
  g_autoptr(ConsortDocument) document = new_sample_document ();
  ConsortWindow *window = new_window (document);
  GtkWidget *entry, *undo_button;
  gint64 before = borough (document, "wcc")->population;

  g_assert_cmpint (before, ==, 253100);

  show_page (window, "boroughs");
  entry = find_named (GTK_WIDGET (window), "population-wcc");
  g_assert_true (ADW_IS_ENTRY_ROW (entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "253,100");

  /* What people type, applied with Enter. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "260,500");
  g_signal_emit_by_name (entry, "entry-activated");
  settle ();
  g_assert_cmpint (borough (document, "wcc")->population, ==, 260500);
  g_assert_true (consort_document_can_undo (document));
  g_assert_false (gtk_widget_has_css_class (entry, "error"));

  undo_button = find_named (GTK_WIDGET (window), "undo-button");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (undo_button), ==, "Undo Change Population");

  /* Undo through the window's action restores it, widgets included. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  settle ();
  g_assert_cmpint (borough (document, "wcc")->population, ==, 253100);
  entry = find_named (GTK_WIDGET (window), "population-wcc");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "253,100");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  settle ();
  g_assert_cmpint (borough (document, "wcc")->population, ==, 260500);
  entry = find_named (GTK_WIDGET (window), "population-wcc");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "260,500");

  /* Not a number: shown as an error, nothing applied. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "lots");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_signal_emit_by_name (entry, "entry-activated");
  settle ();
  g_assert_cmpint (borough (document, "wcc")->population, ==, 260500);
  g_assert_nonnull (find_label_with_prefix (GTK_WIDGET (window), "Enter the population as a whole number"));

  close_window (window);
}

static void
test_discount_rate (void)
{
  g_autoptr(ConsortDocument) document = new_sample_document ();
  ConsortWindow *window = new_window (document);
  g_autoptr(GError) error = NULL;
  g_autofree char *undo_label = NULL;
  ConsortResults *results;
  ConsortMoney npv_before, npv_after;
  GtkWidget *entry;

  results = consort_document_get_results (document, &error);
  g_assert_no_error (error);
  npv_before = results->options[0].partnership.npv;

  show_page (window, "settings");
  entry = find_named (GTK_WIDGET (window), "discount-rate");
  g_assert_true (ADW_IS_ENTRY_ROW (entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "3.5%");

  gtk_editable_set_text (GTK_EDITABLE (entry), "6%");
  g_signal_emit_by_name (entry, "entry-activated");
  settle ();
  g_assert_cmpint (consort_document_get_appraisal (document)->discount_rate, ==, 60000);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "6%");

  /* The figures follow: a higher rate discounts the later savings more. */
  results = consort_document_get_results (document, &error);
  g_assert_no_error (error);
  npv_after = results->options[0].partnership.npv;
  g_assert_cmpint (npv_after, <, npv_before);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  settle ();
  g_assert_cmpint (consort_document_get_appraisal (document)->discount_rate, ==, 35000);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "3.5%");
  results = consort_document_get_results (document, &error);
  g_assert_no_error (error);
  g_assert_cmpint (results->options[0].partnership.npv, ==, npv_before);

  /* "abc" is not a rate: error style and message, document unchanged. */
  g_assert_true (consort_document_can_redo (document));
  gtk_editable_set_text (GTK_EDITABLE (entry), "abc");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_signal_emit_by_name (entry, "entry-activated");
  settle ();
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_nonnull (find_label_with_prefix (GTK_WIDGET (window), "“abc”: enter a rate between 0% and 100%"));
  g_assert_cmpint (consort_document_get_appraisal (document)->discount_rate, ==, 35000);
  /* Nothing was applied: the redo step is still there. */
  g_assert_true (consort_document_can_redo (document));

  /* A bare "3" is ambiguous for a rate and is refused too. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "3");
  g_signal_emit_by_name (entry, "entry-activated");
  settle ();
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpint (consort_document_get_appraisal (document)->discount_rate, ==, 35000);

  /* Correcting it clears the error. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "4%");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_signal_emit_by_name (entry, "entry-activated");
  settle ();
  g_assert_cmpint (consort_document_get_appraisal (document)->discount_rate, ==, 40000);

  /* Years through the spin button. */
  {
    GtkWidget *years = find_named (GTK_WIDGET (window), "years");
    g_assert_true (GTK_IS_SPIN_BUTTON (years));
    g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (years)), ==, 4);
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (years), 5);
    settle ();
    g_assert_cmpint (consort_document_get_appraisal (document)->years, ==, 5);
    undo_label = g_strdup (consort_document_get_undo_label (document));
    g_assert_cmpstr (undo_label, ==, "Change Number of Years");
  }

  close_window (window);
}

static void
test_delete_borough_in_use (void)
{
  g_autoptr(ConsortDocument) document = new_sample_document ();
  g_autoptr(ConsortAppraisal) before = consort_appraisal_ref (consort_document_get_appraisal (document));
  ConsortWindow *window = new_window (document);
  const ConsortAppraisal *after;
  AdwMessageDialog *dialog;
  GtkWidget *expander, *button = NULL;

  show_page (window, "boroughs");
  expander = find_named (GTK_WIDGET (window), "borough-hf");
  g_assert_nonnull (expander);

  /* The delete button is the expander's action widget. */
  button = find_button_with_tooltip (expander, "Delete Borough");
  g_assert_nonnull (button);

  /* H&F takes part in options and has baselines: it asks first. */
  g_signal_emit_by_name (button, "clicked");
  settle ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete “Hammersmith & Fulham”?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "takes part"));
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle ();

  after = consort_document_get_appraisal (document);
  g_assert_null (consort_appraisal_find_borough (after, "hf"));
  for (guint i = 0; i < after->options->len; i++)
    {
      const ConsortOption *option = g_ptr_array_index (after->options, i);

      for (guint j = 0; j < option->participants->len; j++)
        g_assert_cmpstr (((ConsortParticipant *) g_ptr_array_index (option->participants, j))->borough_id, !=, "hf");
    }
  for (guint i = 0; i < after->services->len; i++)
    g_assert_null (consort_service_find_baseline (g_ptr_array_index (after->services, i), "hf"));
  g_assert_null (find_named (GTK_WIDGET (window), "borough-hf"));

  /* One undo brings all of it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  settle ();
  g_assert_true (consort_appraisal_equal (before, consort_document_get_appraisal (document)));
  g_assert_nonnull (find_named (GTK_WIDGET (window), "borough-hf"));

  close_window (window);
}

static void
test_add_borough (void)
{
  g_autoptr(ConsortDocument) document = new_sample_document ();
  ConsortWindow *window = new_window (document);
  GtkWidget *page, *name, *population;
  AdwMessageDialog *dialog;
  const ConsortBorough *added;

  show_page (window, "boroughs");
  page = consort_window_get_page (window, "boroughs");
  g_assert_true (gtk_widget_activate_action (page, "boroughs.add", NULL));
  settle ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  name = find_named (GTK_WIDGET (dialog), "new-borough-name");
  population = find_named (GTK_WIDGET (dialog), "new-borough-population");
  g_assert_nonnull (name);
  g_assert_nonnull (population);

  /* Nothing typed yet: cannot add. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));

  /* A name already taken is refused. */
  gtk_editable_set_text (GTK_EDITABLE (name), "Westminster");
  gtk_editable_set_text (GTK_EDITABLE (population), "195,000");
  g_assert_true (gtk_widget_has_css_class (name, "error"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));

  gtk_editable_set_text (GTK_EDITABLE (name), "Richmond upon Thames");
  gtk_editable_set_text (GTK_EDITABLE (population), "195k");
  g_assert_true (gtk_widget_has_css_class (population, "error"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));

  gtk_editable_set_text (GTK_EDITABLE (population), "195,000");
  g_assert_false (gtk_widget_has_css_class (name, "error"));
  g_assert_false (gtk_widget_has_css_class (population, "error"));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  adw_message_dialog_response (dialog, "add");
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle ();

  /* The id comes from the name. */
  added = borough (document, "richmond-upon-thames");
  g_assert_cmpstr (added->name, ==, "Richmond upon Thames");
  g_assert_cmpint (added->population, ==, 195000);
  g_assert_cmpuint (consort_document_get_appraisal (document)->boroughs->len, ==, 5);
  g_assert_nonnull (find_named (GTK_WIDGET (window), "borough-richmond-upon-thames"));
  g_assert_cmpstr (consort_document_get_undo_label (document), ==, "Add Borough");

  /* Renaming keeps the id. */
  name = find_named (GTK_WIDGET (window), "name-richmond-upon-thames");
  gtk_editable_set_text (GTK_EDITABLE (name), "Richmond");
  g_signal_emit_by_name (name, "entry-activated");
  settle ();
  g_assert_cmpstr (borough (document, "richmond-upon-thames")->name, ==, "Richmond");

  /* A borough nobody uses goes without asking. */
  {
    GtkWidget *expander = find_named (GTK_WIDGET (window), "borough-richmond-upon-thames");
    g_signal_emit_by_name (find_button_with_tooltip (expander, "Delete Borough"), "clicked");
    settle ();
    g_assert_null (find_message_dialog ());
    g_assert_null (consort_appraisal_find_borough (consort_document_get_appraisal (document), "richmond-upon-thames"));
  }

  close_window (window);
}

static void
test_settings_page (void)
{
  g_autoptr(ConsortDocument) document = new_sample_document ();
  ConsortWindow *window = new_window (document);
  const ConsortAppraisal *a;
  GtkWidget *title, *perspective, *rate, *first_year;

  show_page (window, "settings");

  title = find_named (GTK_WIDGET (window), "title");
  gtk_editable_set_text (GTK_EDITABLE (title), "  ");
  g_assert_true (gtk_widget_has_css_class (title, "error"));
  g_signal_emit_by_name (title, "entry-activated");
  settle ();
  g_assert_cmpstr (consort_document_get_appraisal (document)->title, ==,
                   "Westminster children's services: merger of services (July 2010)");
  gtk_editable_set_text (GTK_EDITABLE (title), "Children's services options");
  g_signal_emit_by_name (title, "entry-activated");
  settle ();
  g_assert_cmpstr (consort_document_get_appraisal (document)->title, ==, "Children's services options");
  /* The window title follows. */
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "Children's services options — "));

  /* The description is a paragraph, applied when focus leaves it.
   * Focusing, typing and leaving run with no main loop iteration in
   * between: under Xvfb without a window manager the window can be
   * deactivated at any iteration (X focus follows the pointer), and a
   * deactivation counts as leaving the field, so a later focus change
   * would no longer commit what was typed after it. */
  {
    GtkWidget *view = find_named (GTK_WIDGET (window), "description");
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

    g_assert_true (gtk_widget_grab_focus (view));
    gtk_text_buffer_set_text (buffer, "Options for education services.\nSecond paragraph.", -1);
    gtk_window_set_focus (GTK_WINDOW (window), NULL);
    settle ();
    g_assert_cmpstr (consort_document_get_appraisal (document)->description, ==,
                     "Options for education services.\nSecond paragraph.");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
    settle ();
  }

  /* Point of view: the partnership is the first choice. */
  perspective = find_named (GTK_WIDGET (window), "perspective");
  g_assert_cmpstr (consort_document_get_appraisal (document)->perspective, ==, "wcc");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (perspective)), ==, 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (perspective), 0);
  settle ();
  g_assert_null (consort_document_get_appraisal (document)->perspective);

  /* First FY shown as a financial year. */
  first_year = find_named (GTK_WIDGET (window), "first-year");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (first_year)), ==, "2010/11");

  /* A default rate, typed as a percentage. */
  rate = find_named (GTK_WIDGET (window), "rate-rate-0");
  g_assert_true (GTK_IS_ENTRY (rate));
  a = consort_document_get_appraisal (document);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rate)), ==, "3%");
  gtk_editable_set_text (GTK_EDITABLE (rate), "2.5%");
  g_signal_emit_by_name (rate, "activate");
  settle ();
  a = consort_document_get_appraisal (document);
  g_assert_cmpint (((ConsortDefaultRate *) g_ptr_array_index (a->default_rates, 0))->rate, ==, 25000);
  gtk_editable_set_text (GTK_EDITABLE (rate), "lots");
  g_assert_true (gtk_widget_has_css_class (rate, "error"));
  g_signal_emit_by_name (rate, "activate");
  settle ();
  a = consort_document_get_appraisal (document);
  g_assert_cmpint (((ConsortDefaultRate *) g_ptr_array_index (a->default_rates, 0))->rate, ==, 25000);

  /* Undo walks back through every kind of edit. */
  g_assert_cmpstr (consort_document_get_undo_label (document), ==, "Change Default Rate");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  settle ();
  a = consort_document_get_appraisal (document);
  g_assert_cmpstr (a->perspective, ==, "wcc");
  g_assert_cmpstr (a->title, ==, "Westminster children's services: merger of services (July 2010)");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (perspective)), ==, 1);

  close_window (window);
}

static void
test_pending_edit_kept_on_close (void)
{
  ConsortDocument *document = new_sample_document ();
  g_autofree char *path = g_strdup (consort_document_get_path (document));
  g_autoptr(ConsortDocument) reopened = NULL;
  g_autoptr(GError) error = NULL;
  ConsortWindow *window = new_window (document);
  GtkWidget *entry;

  g_object_unref (document);  /* the window holds it */

  show_page (window, "boroughs");
  entry = find_named (GTK_WIDGET (window), "population-hf");
  /* As for the description: no main loop iteration between focusing,
   * typing and closing, so that the window's activation cannot change. */
  g_assert_true (gtk_widget_grab_focus (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "170,000");
  /* No Enter: the window is closed with the text still in the field. */
  gtk_window_close (GTK_WINDOW (window));
  settle ();

  reopened = consort_document_open (path, CONSORT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (borough (reopened, "hf")->population, ==, 170000);
}

/* The accelerators and action names of the shortcuts window. */
static void
collect_shortcuts (GtkWidget *root,
                   GPtrArray *listed)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (root))
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *action = NULL;

      g_object_get (root, "accelerator", &accelerator, "action-name", &action, NULL);
      if (accelerator)
        g_ptr_array_add (listed, g_steal_pointer (&accelerator));
      if (action)
        g_ptr_array_add (listed, g_steal_pointer (&action));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (child, listed);
}

static ConsortPresentationWindow *
find_presentation (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CONSORT_IS_PRESENTATION_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return CONSORT_PRESENTATION_WINDOW (window);
    }

  return NULL;
}

/* F5 is the window's, so it presents from every page, not only from the
 * Comparison page. */
static void
test_present_from_any_page (void)
{
  g_autoptr(ConsortDocument) document = new_sample_document ();
  ConsortWindow *window = new_window (document);
  ConsortPresentationWindow *presentation;
  gboolean bound = FALSE;
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));

  /* The window binds F5 to win.present. */
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !bound; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !bound; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          bound = g_strcmp0 (trigger, "F5") == 0 && GTK_IS_NAMED_ACTION (action) &&
                  g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "win.present") == 0;
        }
    }
  g_assert_true (bound);

  /* From the Options page. */
  show_page (window, "options");
  g_assert_null (find_presentation ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL));
  settle ();
  presentation = find_presentation ();
  g_assert_nonnull (presentation);
  g_assert_true (gtk_window_is_fullscreen (GTK_WINDOW (presentation)) ||
                 gtk_widget_get_mapped (GTK_WIDGET (presentation)));
  gtk_window_destroy (GTK_WINDOW (presentation));
  settle ();

  /* Without a document there is nothing to present. */
  {
    ConsortWindow *empty = new_window (NULL);

    gtk_widget_activate_action (GTK_WIDGET (empty), "win.present", NULL);
    settle ();
    g_assert_null (find_presentation ());
    close_window (empty);
  }

  close_window (window);
}

static void
test_duplicate_about_shortcuts (void)
{
  g_autoptr(ConsortDocument) document = new_sample_document ();
  ConsortWindow *window = new_window (document);
  ConsortWindow *copy = NULL;
  GListModel *toplevels;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.duplicate", NULL));
  settle ();
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (CONSORT_IS_WINDOW (l->data) && l->data != window && consort_window_get_document (l->data))
      copy = l->data;
  g_assert_nonnull (copy);
  g_assert_cmpstr (consort_document_get_path (consort_window_get_document (copy)), !=,
                   consort_document_get_path (document));
  {
    /* Beside the original, numbered: "… (July 2010) (N).consort", never "(N) (2)". */
    g_autofree char *dir1 = g_path_get_dirname (consort_document_get_path (document));
    g_autofree char *dir2 = g_path_get_dirname (consort_document_get_path (consort_window_get_document (copy)));
    g_autofree char *base = g_path_get_basename (consort_document_get_path (consort_window_get_document (copy)));

    g_assert_cmpstr (dir1, ==, dir2);
    g_assert_true (g_regex_match_simple ("^Westminster children's services - merger of services \\(July 2010\\) \\([0-9]+\\)\\.consort$",
                                         base, 0, 0));
  }
  g_assert_true (consort_appraisal_equal (consort_document_get_appraisal (document),
                                          consort_document_get_appraisal (consort_window_get_document (copy))));
  close_window (copy);

  /* Pages report through win.toast; the text is not markup. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toast", "s", "Saved <all> & done"));
  settle ();
  g_assert_nonnull (find_label_with_prefix (GTK_WIDGET (window), "Saved <all> & done"));

  /* Deletions report with an Undo button on the toast, shown at once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toast-undo", "s", "Savings item deleted"));
  settle ();
  g_assert_nonnull (find_label_with_prefix (GTK_WIDGET (window), "Savings item deleted"));
  g_assert_nonnull (find_label_with_prefix (GTK_WIDGET (window), "Undo"));

  /* Keyboard shortcuts come from the resources, and list the keys of
   * the presentation, the baseline grid and the feasibility ratings. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  {
    static const char * const accels[] = {
      "F5", "Right Page_Down space", "Left Page_Up BackSpace", "Escape", "Tab", "<Shift>Tab",
      "Return Down", "<Shift>Return Up", "<Control>v", "l 1", "s 2", "h 3", "0 Delete", NULL,
    };
    static const char * const actions[] = {
      "win.undo", "win.redo", "win.open", "win.new", "win.save-as", "app.quit", NULL,
    };
    g_autoptr(GPtrArray) listed = g_ptr_array_new_with_free_func (g_free);

    collect_shortcuts (GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))), listed);
    g_ptr_array_add (listed, NULL);
    for (guint i = 0; accels[i]; i++)
      if (!g_strv_contains ((const char * const *) listed->pdata, accels[i]))
        g_error ("The shortcuts window does not list “%s”", accels[i]);
    for (guint i = 0; actions[i]; i++)
      if (!g_strv_contains ((const char * const *) listed->pdata, actions[i]))
        g_error ("The shortcuts window does not list “%s”", actions[i]);
  }

  /* About names the version and the licence. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  settle ();
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (w))
        {
          g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (w)), ==, PACKAGE_VERSION);
          g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (w)), ==, GTK_LICENSE_GPL_3_0);
          gtk_window_destroy (GTK_WINDOW (w));
          copy = (ConsortWindow *) 1;
          break;
        }
    }

  close_window (window);
}

static void
test_read_only (void)
{
  g_autoptr(ConsortDocument) writable = new_sample_document ();
  g_autofree char *path = g_strdup (consort_document_get_path (writable));
  g_autoptr(ConsortDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  ConsortWindow *window;
  GtkWidget *banner, *entry;

  consort_document_close (writable);
  document = consort_document_open (path, CONSORT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (consort_document_get_read_only (document));

  window = new_window (document);
  banner = find_named (GTK_WIDGET (window), "read-only-banner");
  g_assert_true (GTK_IS_REVEALER (banner));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  g_assert_nonnull (find_label_with_prefix (banner, "This appraisal is read-only"));
  g_assert_false (consort_window_get_editable (window));

  /* Editing is off: typing and Enter change nothing. */
  show_page (window, "boroughs");
  entry = find_named (GTK_WIDGET (window), "population-wcc");
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (entry)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "1");
  g_signal_emit_by_name (entry, "entry-activated");
  settle ();
  g_assert_cmpint (borough (document, "wcc")->population, ==, 253100);
  g_assert_false (consort_document_can_undo (document));

  close_window (window);

  /* A writable document has no banner. */
  g_clear_object (&document);
  document = consort_document_open (path, CONSORT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  window = new_window (document);
  banner = find_named (GTK_WIDGET (window), "read-only-banner");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  g_assert_true (consort_window_get_editable (window));
  close_window (window);
}

static void
test_open_errors (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "not-an-appraisal.consort", NULL);
  g_autofree char *json = g_build_filename (tmpdir, "broken.json", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  ConsortWindow *window = new_window (NULL);
  AdwMessageDialog *dialog;

  g_assert_true (g_file_set_contents (path, "These are the minutes of the meeting.\n", -1, NULL));
  g_assert_false (consort_window_load (window, path, &error));
  g_assert_error (error, CONSORT_ERROR, CONSORT_ERROR_NOT_CONSORT);
  g_assert_null (consort_window_get_document (window));
  g_clear_error (&error);

  /* Through the dialog path: it names the file and the reason. */
  file = g_file_new_for_path (path);
  consort_window_open_file (window, file);
  settle ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Open “not-an-appraisal.consort”");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog), "The file is not a Consort appraisal."));
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle ();

  /* The file was left alone. */
  {
    g_autofree char *contents = NULL;
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "These are the minutes of the meeting.\n");
  }

  /* A broken interchange file is refused with the place of the fault. */
  g_assert_true (g_file_set_contents (json, "{ \"title\": ", -1, NULL));
  g_assert_false (consort_window_load (window, json, &error));
  g_assert_error (error, CONSORT_ERROR, CONSORT_ERROR_PARSE);
  g_assert_null (consort_window_get_document (window));

  close_window (window);
}

/* UX review: a widget whose tooltip is @text, or NULL. */
static GtkWidget *
find_tooltip (GtkWidget  *root,
              const char *text)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (root), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_tooltip (child, text);
      if (found)
        return found;
    }
  return NULL;
}

static void
test_open_sample_and_settings (void)
{
  ConsortWindow *window = new_window (NULL);
  GSettings *settings = consort_application_get_settings (app);
  ConsortDocument *document;
  g_autofree char *drafts = consort_drafts_dir ();
  g_autofree char *uri = NULL;
  g_auto(GStrv) recent = NULL;

  g_assert_nonnull (settings);
  g_assert_true (find_named (GTK_WIDGET (window), "welcome-page") != NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL));
  settle ();
  document = consort_window_get_document (window);
  g_assert_nonnull (document);
  g_assert_true (g_str_has_prefix (consort_document_get_path (document), drafts));
  g_assert_cmpint (consort_document_get_appraisal (document)->boroughs->len, ==, 4);
  g_assert_cmpstr (consort_window_get_visible_page (window), ==, "comparison");
  /* A draft says where it went and how to move it (UX review). */
  g_assert_nonnull (find_label_with_prefix (GTK_WIDGET (window),
                                            "Saved in Consort’s drafts folder — use Save As to choose where it lives"));
  g_assert_nonnull (find_label_with_prefix (GTK_WIDGET (window), "Save As…"));
  {
    g_autofree char *expected = g_strdup_printf ("In Consort’s drafts folder: %s", consort_document_get_path (document));

    g_assert_nonnull (find_tooltip (GTK_WIDGET (window), expected));
  }

  uri = g_filename_to_uri (consort_document_get_path (document), NULL, NULL);
  g_assert_cmpstr (g_settings_get_string (settings, "last-document"), ==, uri);
  recent = g_settings_get_strv (settings, "recent-documents");
  g_assert_cmpstr (recent[0], ==, uri);

  /* A second sample gets a name of its own. */
  {
    ConsortWindow *second = new_window (NULL);
    ConsortDocument *other;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (second), "win.open-sample", NULL));
    settle ();
    other = consort_window_get_document (second);
    g_assert_nonnull (other);
    g_assert_cmpstr (consort_document_get_path (other), !=, consort_document_get_path (document));
    g_assert_true (g_str_has_suffix (consort_document_get_path (other), " (2).consort"));
    close_window (second);
  }

  /* Closing the window remembers its size and the document. */
  consort_test_resize (GTK_WINDOW (window), 1000, 700);
  settle ();
  g_settings_set_string (settings, "last-document", "");
  gtk_window_close (GTK_WINDOW (window));
  settle ();
  g_assert_cmpstr (g_settings_get_string (settings, "last-document"), ==, uri);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* A new window starts at that size. */
  window = consort_window_new (app);
  {
    int width, height;
    gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
    g_assert_cmpint (width, ==, 1000);
    g_assert_cmpint (height, ==, 700);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();

  /* Started without files, the application reopens the last document. */
  g_application_activate (G_APPLICATION (app));
  settle ();
  window = CONSORT_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  g_assert_nonnull (consort_window_get_document (window));
  {
    g_autofree char *reopened = g_filename_to_uri (consort_document_get_path (consort_window_get_document (window)), NULL, NULL);
    g_assert_cmpstr (reopened, ==, uri);
  }
  close_window (window);

  /* An interchange file given to the application is imported as a draft. */
  {
    g_autoptr(GFile) json = g_file_new_for_path (sample_json);
    ConsortWindow *imported = NULL;

    g_application_open (G_APPLICATION (app), &json, 1, "");
    settle ();
    for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
      if (CONSORT_IS_WINDOW (l->data) && consort_window_get_document (l->data))
        imported = l->data;
    g_assert_nonnull (imported);
    g_assert_true (g_str_has_prefix (consort_document_get_path (consort_window_get_document (imported)), drafts));
    g_assert_true (g_str_has_suffix (consort_document_get_path (consort_window_get_document (imported)), " (3).consort"));
    close_window (imported);
  }
}

static void
test_unique_paths (void)
{
  g_autofree char *dir = g_build_filename (tmpdir, "names", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *odd = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  first = consort_unique_document_path (dir, "Tri-borough: adults");
  g_assert_true (g_str_has_suffix (first, "/Tri-borough - adults.consort"));
  g_assert_true (g_file_set_contents (first, "", 0, NULL));
  second = consort_unique_document_path (dir, "Tri-borough: adults");
  g_assert_true (g_str_has_suffix (second, "/Tri-borough - adults (2).consort"));
  odd = consort_unique_document_path (dir, "../../etc/passwd");
  g_assert_true (g_str_has_prefix (odd, dir));
  g_assert_null (strstr (odd + strlen (dir) + 1, "/"));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

typedef struct {
  const char *path;
  GTestFunc   func;
} TestCase;

static const TestCase tests[] = {
  { "/gui/window/title-and-pages", test_title_and_pages },
  { "/gui/window/population-edit-and-undo", test_population_edit_and_undo },
  { "/gui/window/discount-rate", test_discount_rate },
  { "/gui/window/delete-borough-in-use", test_delete_borough_in_use },
  { "/gui/window/add-borough", test_add_borough },
  { "/gui/window/settings-page", test_settings_page },
  { "/gui/window/pending-edit-kept-on-close", test_pending_edit_kept_on_close },
  { "/gui/window/duplicate-about-shortcuts", test_duplicate_about_shortcuts },
  { "/gui/window/read-only", test_read_only },
  { "/gui/window/present-from-any-page", test_present_from_any_page },
  { "/gui/window/open-errors", test_open_errors },
  { "/gui/window/open-sample-and-settings", test_open_sample_and_settings },
  { "/gui/window/unique-paths", test_unique_paths },
};

/* Each test starts as the first would: no window left over from the one
 * before, nothing queued, and the settings (one memory backend for the
 * whole run) back at the schema's defaults, so that no test sees the
 * recent list, last document or window size another one left. */
static void
run_isolated (gconstpointer data)
{
  const TestCase *test = data;
  GSettings *settings = consort_application_get_settings (app);

  settle ();
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    g_assert_false (CONSORT_IS_WINDOW (l->data));
  if (settings)
    {
      g_autoptr(GSettingsSchema) schema = NULL;
      g_auto(GStrv) keys = NULL;

      g_object_get (settings, "settings-schema", &schema, NULL);
      keys = g_settings_schema_list_keys (schema);
      for (guint i = 0; keys[i]; i++)
        g_settings_reset (settings, keys[i]);
    }

  test->func ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;
  const char *source_root = g_getenv ("SOURCE_ROOT");
  int status;

  tmpdir = g_dir_make_tmp ("consort-test-gui-XXXXXX", &error);
  g_assert_no_error (error);

  /* Drafts go to a folder of our own, and the sample is found in the
   * source tree.  HOME and the other XDG folders are ours too, so that
   * nothing is read from or left in the real ones (set before anything
   * asks GLib for them: it keeps the first answer). */
  data_home = g_build_filename (tmpdir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  {
    static const char * const vars[][2] = {
      { "HOME", "home" }, { "XDG_CONFIG_HOME", "config" },
      { "XDG_CACHE_HOME", "cache" }, { "XDG_STATE_HOME", "state" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
      {
        g_autofree char *dir = g_build_filename (tmpdir, vars[i][1], NULL);
        g_mkdir_with_parents (dir, 0700);
        g_setenv (vars[i][0], dir, TRUE);
      }
  }
  if (source_root)
    {
      g_autofree char *datadir = g_build_filename (source_root, "data", NULL);
      g_setenv ("CONSORT_DATADIR", datadir, TRUE);
    }
  sample_json = consort_sample_path ();

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  consort_test_disable_animations ();

  app = consort_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    g_test_add_data_func (tests[i].path, &tests[i], run_isolated);

  status = g_test_run ();

  g_clear_object (&app);
  remove_tree (tmpdir);
  g_free (tmpdir);
  g_free (sample_json);

  return status;
}
