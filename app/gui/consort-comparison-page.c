/* consort-comparison-page.c: the default page: the council-paper summary
 * table and the four charts.
 *
 * On the document's "changed" the page takes the (cached) results and
 * updates in place: table labels are reused while the shape of the table
 * stays the same, and a chart whose figures did not change keeps its
 * cached drawing (ConsortChartView).  A page that is not mapped defers
 * its refresh until it is.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "consort-comparison-page.h"

#include <glib/gi18n.h>

#include "consort-presentation-window.h"
#include "consort-export.h"

typedef struct
{
  ConsortChartKind    kind;
  GtkWidget          *root;
  GtkLabel           *title;
  GtkLabel           *subtitle;
  GtkStack           *stack;
  ConsortChartView   *view;
  GtkGrid            *table_grid;
  GSimpleActionGroup *actions;
  gboolean            table_shown;
  gboolean            table_stale;
} ChartCard;

struct _ConsortComparisonPage
{
  AdwBin              parent_instance;
  ConsortDocument    *document;
  ConsortResults     *results;
  ConsortMeasure      measure;
  int                 party;
  char               *party_id;         /* keeps the choice across edits */
  int                 chart_option;
  char               *chart_option_id;
  gboolean            stale;            /* changed while unmapped */
  gboolean            updating;         /* models being refilled: ignore selection */
  gboolean            fresh_document;   /* choose defaults on the next refresh */

  GtkStringList      *party_model;
  GtkStringList      *option_model;

  /* The summary table: labels reused while the shape stays. */
  GPtrArray          *cells;            /* GtkLabel*, [n_rows * n_columns] incl. heading row */
  int                 table_rows;       /* options */
  int                 table_columns;

  ChartCard           cards[CONSORT_N_CHART_KINDS];
  GtkWidget          *presentation;     /* weak */

  gint64              refresh_start;
  GdkFrameClock      *paint_clock;      /* while timing a refresh */
  gulong              after_paint_id;

  /* Template */
  GtkStack           *stack;
  AdwStatusPage      *empty_page;
  GtkWidget          *empty_button;
  AdwStatusPage      *error_page;
  GtkToggleButton    *gross_button;
  GtkToggleButton    *costs_button;
  GtkToggleButton    *net_button;
  GtkDropDown        *party_dropdown;
  GtkLabel           *table_caption;
  GtkGrid            *summary_grid;
  GtkLabel           *summary_note;
  GtkDropDown        *option_dropdown;
  GtkFlowBox         *chart_flow;
  GMenuModel         *chart_menu;
  GMenu              *page_export_section;
  GMenu              *chart_export_section;
};

G_DEFINE_FINAL_TYPE (ConsortComparisonPage, consort_comparison_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_DOCUMENT, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void update_charts (ConsortComparisonPage *self);
static void update_table (ConsortComparisonPage *self);

/* Helpers */

static void
set_label (GtkLabel *label, const char *text)
{
  /* GtkLabel ignores an unchanged text, so an edit touches only what moved. */
  gtk_label_set_text (label, text ? text : "");
}

static GtkWidget *
new_cell (gboolean numeric, gboolean heading, gboolean total)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (heading)
    gtk_widget_add_css_class (label, "consort-table-heading");
  if (total)
    gtk_widget_add_css_class (label, "consort-total");
  return label;
}

static const char *
measure_name (ConsortMeasure measure)
{
  switch (measure)
    {
    case CONSORT_MEASURE_GROSS: return _("Gross savings");
    case CONSORT_MEASURE_COSTS: return _("One-off costs");
    case CONSORT_MEASURE_NET:
    default: return _("Net savings");
    }
}

/* Party and option choosers */

static gboolean
model_matches (GtkStringList *model, GPtrArray *strings)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  if (n != strings->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (model, i), g_ptr_array_index (strings, i)) != 0)
      return FALSE;
  return TRUE;
}

static void
refill_model (GtkStringList *model, GPtrArray *strings)
{
  g_ptr_array_add (strings, NULL);
  gtk_string_list_splice (model, 0, g_list_model_get_n_items (G_LIST_MODEL (model)),
                          (const char * const *) strings->pdata);
  g_ptr_array_remove_index (strings, strings->len - 1);
}

static void
update_choosers (ConsortComparisonPage *self)
{
  ConsortAppraisal *appraisal = self->results->appraisal;
  g_autoptr(GPtrArray) parties = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) options = g_ptr_array_new_with_free_func (g_free);
  int party = -1, option = -1;

  g_ptr_array_add (parties, g_strdup (_("Partnership")));
  for (guint i = 0; i < appraisal->boroughs->len; i++)
    {
      const ConsortBorough *b = g_ptr_array_index (appraisal->boroughs, i);
      g_ptr_array_add (parties, g_strdup_printf (_("%s’s share"), b->name));
    }
  for (guint i = 0; i < appraisal->options->len; i++)
    {
      const ConsortOption *o = g_ptr_array_index (appraisal->options, i);
      g_ptr_array_add (options, g_strdup (o->name && *o->name ? o->name : o->id));
    }

  /* The choices follow ids, so that renaming or reordering keeps them. */
  if (self->fresh_document)
    {
      g_free (self->party_id);
      self->party_id = g_strdup (appraisal->perspective);
    }
  if (self->party_id != NULL)
    party = consort_appraisal_borough_index (appraisal, self->party_id);
  if (self->chart_option_id != NULL && !self->fresh_document)
    option = consort_appraisal_option_index (appraisal, self->chart_option_id);
  if (option < 0 && self->results->n_options > 0)
    {
      /* First time: the option that saves most for the party shown. */
      option = 0;
      for (int o = 1; o < self->results->n_options; o++)
        if (consort_option_result_figures (&self->results->options[o], party)->total_net
            > consort_option_result_figures (&self->results->options[option], party)->total_net)
          option = o;
    }

  self->updating = TRUE;
  if (!model_matches (self->party_model, parties))
    refill_model (self->party_model, parties);
  if (!model_matches (self->option_model, options))
    refill_model (self->option_model, options);
  gtk_drop_down_set_selected (self->party_dropdown, (guint) (party + 1));
  if (option >= 0)
    gtk_drop_down_set_selected (self->option_dropdown, (guint) option);
  self->updating = FALSE;

  self->party = party;
  self->chart_option = option;
  g_free (self->chart_option_id);
  self->chart_option_id = option >= 0 ? g_strdup (((ConsortOption *) g_ptr_array_index (appraisal->options, option))->id)
                                      : NULL;
  self->fresh_document = FALSE;
}

/* The summary table */

static GtkLabel *
cell (ConsortComparisonPage *self, int row, int column)
{
  /* Row -1 is the heading row. */
  return g_ptr_array_index (self->cells, (row + 1) * self->table_columns + column);
}

static void
rebuild_table (ConsortComparisonPage *self, int n_rows, int n_columns)
{
  GtkWidget *child;
  int n_years = n_columns - 4;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->summary_grid))) != NULL)
    gtk_grid_remove (self->summary_grid, child);
  g_ptr_array_set_size (self->cells, 0);
  self->table_rows = n_rows;
  self->table_columns = n_columns;

  for (int r = -1; r < n_rows; r++)
    for (int c = 0; c < n_columns; c++)
      {
        gboolean numeric = c > 0 && c <= n_years + 2;
        gboolean total = c == n_years + 1;
        GtkWidget *label = new_cell (numeric || c == n_years + 3, r < 0, total && r >= 0);

        if (c == 0)
          {
            /* Never squeezed to "…" when a long horizon needs scrolling. */
            gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
            gtk_label_set_width_chars (GTK_LABEL (label), 14);
            gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
            gtk_widget_set_hexpand (label, TRUE);
          }
        /* Row -1 at grid row 0, a rule at grid row 1, options below. */
        gtk_grid_attach (self->summary_grid, label, c, r < 0 ? 0 : r + 2, 1, 1);
        g_ptr_array_add (self->cells, label);
      }
  child = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_grid_attach (self->summary_grid, child, 0, 1, n_columns, 1);
}

static void
update_table (ConsortComparisonPage *self)
{
  ConsortResults *results = self->results;
  ConsortAppraisal *appraisal = results->appraisal;
  int n_years = results->n_years;
  int n_columns = n_years + 4;
  g_autofree char *caption = NULL;
  g_autofree char *party = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *note = NULL;

  if (self->table_rows != results->n_options || self->table_columns != n_columns)
    rebuild_table (self, results->n_options, n_columns);

  set_label (cell (self, -1, 0), _("Option"));
  for (int y = 0; y < n_years; y++)
    {
      g_autofree char *fy = consort_fy_label (results->first_year + y, '/');
      set_label (cell (self, -1, y + 1), fy);
    }
  set_label (cell (self, -1, n_years + 1), _("Total"));
  set_label (cell (self, -1, n_years + 2), _("NPV"));
  set_label (cell (self, -1, n_years + 3), _("Break-even"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (cell (self, -1, n_years + 2)),
                               _("Net present value of the net savings"));

  for (int o = 0; o < results->n_options; o++)
    {
      const ConsortOptionResult *r = &results->options[o];
      const ConsortFigures *f = consort_option_result_figures (r, self->party);
      const ConsortMoney *values = self->measure == CONSORT_MEASURE_GROSS ? f->gross
                                   : self->measure == CONSORT_MEASURE_COSTS ? f->costs : f->net;
      ConsortMoney total = self->measure == CONSORT_MEASURE_GROSS ? f->total_gross
                           : self->measure == CONSORT_MEASURE_COSTS ? f->total_costs : f->total_net;
      const char *name = r->option->name && *r->option->name ? r->option->name : r->option->id;
      g_autofree char *tooltip = NULL;
      g_autofree char *total_s = consort_money_format (total, CONSORT_MONEY_FORMAT_DEFAULT);
      g_autofree char *npv = consort_money_format (f->npv, CONSORT_MONEY_FORMAT_DEFAULT);
      g_autofree char *breakeven = NULL;
      gboolean ever_negative = FALSE;

      set_label (cell (self, o, 0), name);
      tooltip = f->participates ? g_strdup_printf ("%s\n%s", name, consort_kind_describe (r->kind))
                                : g_strdup_printf (_("%s\nNot taking part"), name);
      gtk_widget_set_tooltip_text (GTK_WIDGET (cell (self, o, 0)), tooltip);
      if (!f->participates)
        {
          /* A borough outside the option: nothing, rather than £0. */
          for (int c = 1; c < n_columns; c++)
            set_label (cell (self, o, c), "—");
          continue;
        }
      for (int y = 0; y < n_years; y++)
        {
          g_autofree char *v = consort_money_format (values[y], CONSORT_MONEY_FORMAT_DEFAULT);
          set_label (cell (self, o, y + 1), v);
          ever_negative |= f->cumulative[y] < 0;
        }
      set_label (cell (self, o, n_years + 1), total_s);
      set_label (cell (self, o, n_years + 2), npv);

      if (f->breakeven != CONSORT_NO_YEAR)
        breakeven = consort_fy_label (f->breakeven, '/');
      else if (ever_negative)
        breakeven = g_strdup (_("Not reached"));
      else
        breakeven = g_strdup ("—");
      set_label (cell (self, o, n_years + 3), breakeven);
    }

  /* Net savings: the option that saves most stands out. */
  {
    int best = -1;
    ConsortMoney best_total = 0;

    for (int o = 0; o < results->n_options; o++)
      {
        const ConsortFigures *f = consort_option_result_figures (&results->options[o], self->party);
        if (f->participates && (best < 0 || f->total_net > best_total))
          {
            best = o;
            best_total = f->total_net;
          }
      }
    for (int o = 0; o < results->n_options; o++)
      {
        GtkWidget *total = GTK_WIDGET (cell (self, o, n_years + 1));
        gboolean is_best = self->measure == CONSORT_MEASURE_NET && o == best && results->n_options > 1;

        if (is_best)
          gtk_widget_add_css_class (total, "consort-best");
        else
          gtk_widget_remove_css_class (total, "consort-best");
        gtk_widget_set_tooltip_text (total, is_best ? _("Saves most") : NULL);
      }
  }

  party = self->party < 0 ? g_strdup (_("Partnership"))
                          : g_strdup_printf (_("%s’s share"),
                                             ((ConsortBorough *) g_ptr_array_index (appraisal->boroughs, self->party))->name);
  /* TRANSLATORS: table caption: measure, then whose figures */
  caption = g_strdup_printf (_("%s: %s"), measure_name (self->measure), party);
  set_label (self->table_caption, caption);

  rate = consort_micros_to_decimal (appraisal->discount_rate * 100);
  {
    g_autofree char *first = consort_fy_label (results->first_year, '/');
    note = g_strdup_printf (_("Figures in brackets are negative. NPV discounts net savings at %s%% a year, "
                              "%s undiscounted. Break-even is the first year the cumulative net savings "
                              "are no longer negative."), rate, first);
  }
  set_label (self->summary_note, note);
}

/* Chart cards */

static void
fill_table_grid (GtkGrid *grid, const ConsortChartTable *table)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);

  for (guint c = 0; c < table->n_columns; c++)
    {
      GtkWidget *label = new_cell (c > 0, TRUE, FALSE);
      gtk_label_set_text (GTK_LABEL (label), table->column_titles[c]);
      gtk_grid_attach (grid, label, (int) c, 0, 1, 1);
    }
  for (guint r = 0; r < table->n_rows; r++)
    for (guint c = 0; c < table->n_columns; c++)
      {
        gboolean total = table->has_total_row && r + 1 == table->n_rows;
        GtkWidget *label = new_cell (c > 0, FALSE, total);

        gtk_label_set_text (GTK_LABEL (label), consort_chart_table_get_cell (table, r, c));
        if (c == 0)
          {
            gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
            gtk_label_set_width_chars (GTK_LABEL (label), 12);
            gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
            gtk_widget_set_tooltip_text (label, consort_chart_table_get_cell (table, r, c));
            gtk_widget_set_hexpand (label, TRUE);
          }
        gtk_grid_attach (grid, label, (int) c, (int) r + 1, 1, 1);
      }
}

static void
card_update_table (ChartCard *card)
{
  ConsortChart *chart = consort_chart_view_get_chart (card->view);

  if (!card->table_shown || !card->table_stale || chart == NULL)
    return;
  fill_table_grid (card->table_grid, consort_chart_get_table (chart));
  card->table_stale = FALSE;
}

static void
card_set_chart (ChartCard *card, ConsortChart *chart)
{
  ConsortChart *old = consort_chart_view_get_chart (card->view);

  if (!consort_chart_equal (old, chart))
    card->table_stale = TRUE;
  consort_chart_view_set_chart (card->view, chart);
  set_label (card->title, consort_chart_get_title (chart));
  set_label (card->subtitle, consort_chart_get_subtitle (chart));
  card_update_table (card);
}

static void
show_table_change_state (GSimpleAction *action,
                         GVariant      *state,
                         gpointer       user_data)
{
  ChartCard *card = user_data;

  card->table_shown = g_variant_get_boolean (state);
  g_simple_action_set_state (action, state);
  card_update_table (card);
  gtk_stack_set_visible_child_name (card->stack, card->table_shown ? "table" : "chart");
}

static void
card_present_activate (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  ChartCard *card = user_data;
  GtkWidget *page = gtk_widget_get_ancestor (card->root, CONSORT_TYPE_COMPARISON_PAGE);

  if (page != NULL)
    consort_comparison_page_present (CONSORT_COMPARISON_PAGE (page), card->kind);
}

static void
create_chart_popup (GtkMenuButton *button,
                    gpointer       menu_model)
{
  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, menu_model);
}

static void
build_card (ConsortComparisonPage *self, ChartCard *card, ConsortChartKind kind)
{
  GtkWidget *box, *header, *titles, *toggle, *menu, *scroller;
  GSimpleAction *action;

  card->kind = kind;
  card->root = box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (box, "card");
  /* Two cards side by side need about 900 px; below that they stack. */
  gtk_widget_set_size_request (box, 420, -1);

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_start (header, 16);
  gtk_widget_set_margin_end (header, 8);
  titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (titles, TRUE);
  card->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (card->title, 0);
  gtk_label_set_ellipsize (card->title, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (card->title), "heading");
  card->subtitle = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (card->subtitle, 0);
  gtk_label_set_ellipsize (card->subtitle, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (card->subtitle), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (card->subtitle), "dim-label");
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (card->title));
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (card->subtitle));
  gtk_box_append (GTK_BOX (header), titles);

  toggle = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (toggle), "view-list-symbolic");
  gtk_widget_set_tooltip_text (toggle, _("Show as Table"));
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (toggle, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (toggle), "chart.show-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Show as Table"), -1);
  gtk_box_append (GTK_BOX (header), toggle);

  menu = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu), "view-more-symbolic");
  /* The menu is built when first opened, not at start-up (launch time). */
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (menu), create_chart_popup,
                                         g_object_ref (self->chart_menu), g_object_unref);
  gtk_widget_set_tooltip_text (menu, _("Chart Menu"));
  gtk_widget_set_valign (menu, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu, "flat");
  gtk_box_append (GTK_BOX (header), menu);
  gtk_box_append (GTK_BOX (box), header);

  card->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (card->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_stack_set_vhomogeneous (card->stack, TRUE);
  card->view = CONSORT_CHART_VIEW (consort_chart_view_new ());
  consort_chart_view_set_draw_title (card->view, FALSE);
  gtk_widget_set_size_request (GTK_WIDGET (card->view), -1, 280);
  gtk_widget_set_margin_start (GTK_WIDGET (card->view), 4);
  gtk_widget_set_margin_end (GTK_WIDGET (card->view), 8);
  gtk_widget_set_margin_bottom (GTK_WIDGET (card->view), 4);
  gtk_stack_add_named (card->stack, GTK_WIDGET (card->view), "chart");

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  card->table_grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (card->table_grid, 12);
  gtk_grid_set_row_spacing (card->table_grid, 6);
  gtk_widget_add_css_class (GTK_WIDGET (card->table_grid), "consort-chart-table");
  g_object_set (card->table_grid, "margin-top", 12, "margin-bottom", 12,
                "margin-start", 16, "margin-end", 16, NULL);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (card->table_grid));
  gtk_stack_add_named (card->stack, scroller, "table");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (card->stack));

  card->actions = g_simple_action_group_new ();
  action = g_simple_action_new_stateful ("show-table", NULL, g_variant_new_boolean (FALSE));
  g_signal_connect (action, "change-state", G_CALLBACK (show_table_change_state), card);
  g_action_map_add_action (G_ACTION_MAP (card->actions), G_ACTION (action));
  g_object_unref (action);
  action = g_simple_action_new ("present", NULL);
  g_signal_connect (action, "activate", G_CALLBACK (card_present_activate), card);
  g_action_map_add_action (G_ACTION_MAP (card->actions), G_ACTION (action));
  g_object_unref (action);
  gtk_widget_insert_action_group (box, "chart", G_ACTION_GROUP (card->actions));

  gtk_flow_box_append (self->chart_flow, box);
  gtk_widget_set_focusable (gtk_widget_get_parent (box), FALSE);
}

static void
get_charts (ConsortComparisonPage *self, ConsortChart **charts)
{
  for (int k = 0; k < CONSORT_N_CHART_KINDS; k++)
    charts[k] = consort_chart_view_get_chart (self->cards[k].view);
}

static void
update_charts (ConsortComparisonPage *self)
{
  for (int k = 0; k < CONSORT_N_CHART_KINDS; k++)
    {
      g_autoptr(ConsortChart) chart = consort_chart_new (self->results, k, self->chart_option, self->party);
      card_set_chart (&self->cards[k], chart);
    }
  if (self->presentation != NULL)
    {
      ConsortChart *charts[CONSORT_N_CHART_KINDS];
      get_charts (self, charts);
      consort_presentation_window_set_charts (CONSORT_PRESENTATION_WINDOW (self->presentation),
                                              charts, CONSORT_N_CHART_KINDS);
    }
}

/* Refresh */

static void
after_paint_cb (GdkFrameClock         *clock,
                ConsortComparisonPage *self)
{
  gint64 elapsed = g_get_monotonic_time () - self->refresh_start;

  g_clear_signal_handler (&self->after_paint_id, self->paint_clock);
  g_clear_object (&self->paint_clock);
  g_debug ("Comparison: refresh and redraw took %.1f ms", elapsed / 1000.0);
}

void
consort_comparison_page_refresh (ConsortComparisonPage *self)
{
  g_autoptr(GError) error = NULL;
  ConsortResults *results;
  GdkFrameClock *clock;

  g_return_if_fail (CONSORT_IS_COMPARISON_PAGE (self));

  self->stale = FALSE;
  self->refresh_start = g_get_monotonic_time ();
  g_clear_pointer (&self->results, consort_results_unref);

  if (self->document == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("No Appraisal Open"));
      adw_status_page_set_description (self->empty_page, _("Open or create an appraisal to compare its options."));
      gtk_widget_set_visible (self->empty_button, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  results = consort_document_get_results (self->document, &error);
  if (results == NULL)
    {
      adw_status_page_set_description (self->error_page, error ? error->message : NULL);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  self->results = consort_results_ref (results);

  if (results->n_options == 0)
    {
      adw_status_page_set_title (self->empty_page, _("No Options to Compare"));
      adw_status_page_set_description (self->empty_page,
                                       _("Add the boroughs and their services, then at least one option with "
                                         "its savings and costs. The options are compared here, year by year."));
      gtk_widget_set_visible (self->empty_button, TRUE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      if (self->presentation != NULL)
        gtk_window_close (GTK_WINDOW (self->presentation));
      return;
    }

  update_choosers (self);
  update_table (self);
  update_charts (self);
  gtk_stack_set_visible_child_name (self->stack, "content");

  /* Times the refresh up to the end of the frame that shows it
   * (G_MESSAGES_DEBUG=Consort). */
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock != NULL && self->after_paint_id == 0)
    {
      self->paint_clock = g_object_ref (clock);
      self->after_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), self);
    }
}

static void
document_changed_cb (ConsortComparisonPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    consort_comparison_page_refresh (self);
  else
    self->stale = TRUE;
}

static void
consort_comparison_page_map (GtkWidget *widget)
{
  ConsortComparisonPage *self = CONSORT_COMPARISON_PAGE (widget);

  GTK_WIDGET_CLASS (consort_comparison_page_parent_class)->map (widget);
  if (self->stale)
    consort_comparison_page_refresh (self);
}

void
consort_comparison_page_set_document (ConsortComparisonPage *self, ConsortDocument *document)
{
  g_return_if_fail (CONSORT_IS_COMPARISON_PAGE (self));

  if (self->document == document)
    return;
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, document_changed_cb, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  self->fresh_document = TRUE;
  g_clear_pointer (&self->chart_option_id, g_free);
  if (self->presentation != NULL)
    gtk_window_close (GTK_WINDOW (self->presentation));
  /* Loading a document is not an edit: bring everything up to date now. */
  consort_comparison_page_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/* Choosers and switch */

static void
measure_toggled_cb (ConsortComparisonPage *self,
                    GtkToggleButton       *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  self->measure = button == self->gross_button ? CONSORT_MEASURE_GROSS
                  : button == self->costs_button ? CONSORT_MEASURE_COSTS : CONSORT_MEASURE_NET;
  if (self->results != NULL && self->results->n_options > 0)
    update_table (self);
}

static void
party_selected_cb (ConsortComparisonPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->party_dropdown);
  ConsortAppraisal *appraisal;

  if (self->updating || self->results == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  appraisal = self->results->appraisal;
  self->party = (int) selected - 1;
  if (self->party >= (int) appraisal->boroughs->len)
    self->party = -1;
  g_free (self->party_id);
  self->party_id = self->party >= 0
                   ? g_strdup (((ConsortBorough *) g_ptr_array_index (appraisal->boroughs, self->party))->id)
                   : NULL;
  if (self->results->n_options > 0)
    {
      update_table (self);
      update_charts (self);
    }
}

static void
option_selected_cb (ConsortComparisonPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->option_dropdown);
  ConsortAppraisal *appraisal;

  if (self->updating || self->results == NULL || selected == GTK_INVALID_LIST_POSITION
      || (int) selected >= self->results->n_options)
    return;
  appraisal = self->results->appraisal;
  self->chart_option = (int) selected;
  g_free (self->chart_option_id);
  self->chart_option_id = g_strdup (((ConsortOption *) g_ptr_array_index (appraisal->options, selected))->id);
  update_charts (self);
}

void
consort_comparison_page_set_measure (ConsortComparisonPage *self,
                                     ConsortMeasure         measure)
{
  g_return_if_fail (CONSORT_IS_COMPARISON_PAGE (self));
  gtk_toggle_button_set_active (measure == CONSORT_MEASURE_GROSS ? self->gross_button
                                : measure == CONSORT_MEASURE_COSTS ? self->costs_button
                                : self->net_button, TRUE);
}

ConsortMeasure
consort_comparison_page_get_measure (ConsortComparisonPage *self)
{
  g_return_val_if_fail (CONSORT_IS_COMPARISON_PAGE (self), CONSORT_MEASURE_NET);
  return self->measure;
}

void
consort_comparison_page_set_party (ConsortComparisonPage *self,
                                   int                    party)
{
  g_return_if_fail (CONSORT_IS_COMPARISON_PAGE (self));
  gtk_drop_down_set_selected (self->party_dropdown, (guint) MAX (party + 1, 0));
}

int
consort_comparison_page_get_party (ConsortComparisonPage *self)
{
  g_return_val_if_fail (CONSORT_IS_COMPARISON_PAGE (self), -1);
  return self->party;
}

void
consort_comparison_page_set_chart_option (ConsortComparisonPage *self,
                                          int                    option_index)
{
  g_return_if_fail (CONSORT_IS_COMPARISON_PAGE (self));
  if (option_index >= 0)
    gtk_drop_down_set_selected (self->option_dropdown, (guint) option_index);
}

const char *
consort_comparison_page_get_cell (ConsortComparisonPage *self,
                                  guint                  row,
                                  guint                  column)
{
  g_return_val_if_fail (CONSORT_IS_COMPARISON_PAGE (self), NULL);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "content") != 0
      || (int) row >= self->table_rows || (int) column >= self->table_columns)
    return NULL;
  return gtk_label_get_text (cell (self, (int) row, (int) column));
}

ConsortChartView *
consort_comparison_page_get_chart_view (ConsortComparisonPage *self,
                                        ConsortChartKind       kind)
{
  g_return_val_if_fail (CONSORT_IS_COMPARISON_PAGE (self), NULL);
  g_return_val_if_fail (kind < CONSORT_N_CHART_KINDS, NULL);
  return self->cards[kind].view;
}

GActionMap *
consort_comparison_page_get_chart_actions (ConsortComparisonPage *self,
                                           ConsortChartKind       kind)
{
  g_return_val_if_fail (CONSORT_IS_COMPARISON_PAGE (self), NULL);
  g_return_val_if_fail (kind < CONSORT_N_CHART_KINDS, NULL);
  return G_ACTION_MAP (self->cards[kind].actions);
}

GMenu *
consort_comparison_page_get_export_section (ConsortComparisonPage *self)
{
  g_return_val_if_fail (CONSORT_IS_COMPARISON_PAGE (self), NULL);
  return self->page_export_section;
}

GMenu *
consort_comparison_page_get_chart_export_section (ConsortComparisonPage *self)
{
  g_return_val_if_fail (CONSORT_IS_COMPARISON_PAGE (self), NULL);
  return self->chart_export_section;
}

/* Presentation */

void
consort_comparison_page_present (ConsortComparisonPage *self,
                                 ConsortChartKind       kind)
{
  ConsortChart *charts[CONSORT_N_CHART_KINDS];
  GtkRoot *root;

  g_return_if_fail (CONSORT_IS_COMPARISON_PAGE (self));

  if (self->results == NULL || self->results->n_options == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", _("There are no charts to present yet"));
      return;
    }
  get_charts (self, charts);
  if (self->presentation == NULL)
    {
      root = gtk_widget_get_root (GTK_WIDGET (self));
      self->presentation = consort_presentation_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
      g_object_add_weak_pointer (G_OBJECT (self->presentation), (gpointer *) &self->presentation);
    }
  consort_presentation_window_set_charts (CONSORT_PRESENTATION_WINDOW (self->presentation),
                                          charts, CONSORT_N_CHART_KINDS);
  consort_presentation_window_set_position (CONSORT_PRESENTATION_WINDOW (self->presentation), kind);
  gtk_window_fullscreen (GTK_WINDOW (self->presentation));
  gtk_window_present (GTK_WINDOW (self->presentation));
}

static void
present_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  consort_comparison_page_present (CONSORT_COMPARISON_PAGE (widget), CONSORT_CHART_NET_BY_YEAR);
}

/* GObject */

static void
consort_comparison_page_dispose (GObject *object)
{
  ConsortComparisonPage *self = CONSORT_COMPARISON_PAGE (object);

  if (self->presentation != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->presentation), (gpointer *) &self->presentation);
      gtk_window_destroy (GTK_WINDOW (self->presentation));
      self->presentation = NULL;
    }
  /* A clock whose surface went away has dropped its handlers already. */
  if (self->paint_clock != NULL && g_signal_handler_is_connected (self->paint_clock, self->after_paint_id))
    g_signal_handler_disconnect (self->paint_clock, self->after_paint_id);
  self->after_paint_id = 0;
  g_clear_object (&self->paint_clock);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, document_changed_cb, self);
  g_clear_object (&self->document);
  g_clear_pointer (&self->results, consort_results_unref);
  for (int k = 0; k < CONSORT_N_CHART_KINDS; k++)
    g_clear_object (&self->cards[k].actions);
  G_OBJECT_CLASS (consort_comparison_page_parent_class)->dispose (object);
}

static void
consort_comparison_page_finalize (GObject *object)
{
  ConsortComparisonPage *self = CONSORT_COMPARISON_PAGE (object);

  g_free (self->party_id);
  g_free (self->chart_option_id);
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  g_clear_object (&self->party_model);
  g_clear_object (&self->option_model);
  G_OBJECT_CLASS (consort_comparison_page_parent_class)->finalize (object);
}

static void
consort_comparison_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ConsortComparisonPage *self = CONSORT_COMPARISON_PAGE (object);
  switch (prop_id)
    {
    case PROP_DOCUMENT: g_value_set_object (value, self->document); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consort_comparison_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ConsortComparisonPage *self = CONSORT_COMPARISON_PAGE (object);
  switch (prop_id)
    {
    case PROP_DOCUMENT: consort_comparison_page_set_document (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consort_comparison_page_class_init (ConsortComparisonPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = consort_comparison_page_dispose;
  object_class->finalize = consort_comparison_page_finalize;
  object_class->get_property = consort_comparison_page_get_property;
  object_class->set_property = consort_comparison_page_set_property;
  widget_class->map = consort_comparison_page_map;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CONSORT_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/consortapp/Consort/consort-comparison-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConsortComparisonPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ConsortComparisonPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ConsortComparisonPage, empty_button);
  gtk_widget_class_bind_template_child (widget_class, ConsortComparisonPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, ConsortComparisonPage, gross_button);
  gtk_widget_class_bind_template_child (widget_class, ConsortComparisonPage, costs_button);
  gtk_widget_class_bind_template_child (widget_class, ConsortComparisonPage, net_button);
  gtk_widget_class_bind_template_child (widget_class, ConsortComparisonPage, party_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ConsortComparisonPage, table_caption);
  gtk_widget_class_bind_template_child (widget_class, ConsortComparisonPage, summary_grid);
  gtk_widget_class_bind_template_child (widget_class, ConsortComparisonPage, summary_note);
  gtk_widget_class_bind_template_child (widget_class, ConsortComparisonPage, option_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ConsortComparisonPage, chart_flow);
  gtk_widget_class_bind_template_child (widget_class, ConsortComparisonPage, chart_menu);
  gtk_widget_class_bind_template_child (widget_class, ConsortComparisonPage, page_export_section);
  gtk_widget_class_bind_template_child (widget_class, ConsortComparisonPage, chart_export_section);
  gtk_widget_class_bind_template_callback (widget_class, measure_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, party_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, option_selected_cb);

  gtk_widget_class_install_action (widget_class, "comparison.present", NULL, present_action);
}

static void
consort_comparison_page_init (ConsortComparisonPage *self)
{
  GtkEventController *shortcuts;

  self->measure = CONSORT_MEASURE_NET;
  self->party = -1;
  self->chart_option = -1;
  self->cells = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->party_model = gtk_string_list_new (NULL);
  self->option_model = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->party_dropdown, G_LIST_MODEL (self->party_model));
  gtk_drop_down_set_model (self->option_dropdown, G_LIST_MODEL (self->option_model));

  for (int k = 0; k < CONSORT_N_CHART_KINDS; k++)
    build_card (self, &self->cards[k], k);

  /* F5 presents from anywhere in the window. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F5, 0),
                                                          gtk_named_action_new ("comparison.present")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  /* The export menu sections and actions (consort-export.c). */
  consort_export_setup_comparison_page (self);

  consort_comparison_page_refresh (self);
}
