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
#include <string.h>

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
  GPtrArray          *row_groups;       /* GtkSizeGroup*: a row's height across the three grids */
  gboolean            short_figures;    /* "£335K" rather than "£335,000" */
  int                 need_full;        /* width the table needs with full figures */
  int                 need_short;       /* ... with short ones */
  int                 full_slack;       /* how far need_full fell short of the laid-out table */
  int                 years_shown;      /* year columns in view when they scroll, else 0 */
  guint               format_idle;

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
  GtkWidget          *summary_card;
  GtkGrid            *summary_grid;     /* the Option column */
  GtkScrolledWindow  *years_scroller;
  GtkGrid            *years_grid;       /* one column per FY: scrolls if it must */
  GtkGrid            *figures_grid;     /* Total, NPV, Break-even */
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
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
rebuild_table (ConsortComparisonPage *self, int n_rows, int n_columns)
{
  int n_years = n_columns - 4;
  GtkGrid *grids[] = { self->summary_grid, self->years_grid, self->figures_grid };

  for (guint i = 0; i < G_N_ELEMENTS (grids); i++)
    clear_grid (grids[i]);
  g_ptr_array_set_size (self->cells, 0);
  g_ptr_array_set_size (self->row_groups, 0);
  self->table_rows = n_rows;
  self->table_columns = n_columns;

  for (int r = -1; r < n_rows; r++)
    {
      GtkSizeGroup *group = gtk_size_group_new (GTK_SIZE_GROUP_VERTICAL);

      g_ptr_array_add (self->row_groups, group);
      for (int c = 0; c < n_columns; c++)
        {
          gboolean numeric = c > 0 && c <= n_years + 2;
          gboolean total = c == n_years + 1;
          GtkWidget *label = new_cell (numeric || c == n_years + 3, r < 0, total && r >= 0);
          GtkGrid *grid;
          int column;

          /* Columns meet without spacing, so that the rule under the
           * headings runs on across the three grids. */
          gtk_widget_set_margin_start (label, 12);
          gtk_widget_set_margin_end (label, 12);
          if (c == 0)
            {
              /* Names get their room before the years do (those
               * scroll); the longest are shortened, in full on hover. */
              grid = self->summary_grid, column = 0;
              gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
              gtk_label_set_width_chars (GTK_LABEL (label), 16);
              gtk_label_set_max_width_chars (GTK_LABEL (label), 34);
              gtk_widget_set_hexpand (label, TRUE);
            }
          else if (c <= n_years)
            grid = self->years_grid, column = c - 1;
          else
            grid = self->figures_grid, column = c - n_years - 1;
          if (c == 0 || c == 1 || c == n_years + 1)
            gtk_size_group_add_widget (group, label);
          /* Row -1 at grid row 0, a rule at grid row 1, options below. */
          gtk_grid_attach (grid, label, column, r < 0 ? 0 : r + 2, 1, 1);
          g_ptr_array_add (self->cells, label);
        }
    }
  gtk_grid_attach (self->summary_grid, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), 0, 1, 1, 1);
  if (n_years > 0)
    gtk_grid_attach (self->years_grid, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), 0, 1, n_years, 1);
  gtk_grid_attach (self->figures_grid, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), 0, 1, 3, 1);
  gtk_widget_set_visible (GTK_WIDGET (self->years_scroller), n_years > 0);
  gtk_grid_set_column_homogeneous (self->years_grid, TRUE);
}

static const ConsortMoney *
measure_values (const ConsortFigures *f, ConsortMeasure measure, ConsortMoney *total)
{
  switch (measure)
    {
    case CONSORT_MEASURE_GROSS: *total = f->total_gross; return f->gross;
    case CONSORT_MEASURE_COSTS: *total = f->total_costs; return f->costs;
    case CONSORT_MEASURE_NET:
    default: *total = f->total_net; return f->net;
    }
}

static char *
format_figure (ConsortMoney v, gboolean brief)
{
  return consort_money_format (v, brief ? CONSORT_MONEY_FORMAT_SHORT : CONSORT_MONEY_FORMAT_DEFAULT);
}

static int
text_px (GtkWidget *label, const char *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (label, text);
  int w;

  pango_layout_get_pixel_size (layout, &w, NULL);
  return w;
}

/* The width the table needs to show every figure in full or short form
 * without scrolling: the widest text of each column (by length, then
 * measured), the names up to about 20 characters. */
static int
table_width_needed (ConsortComparisonPage *self, gboolean brief)
{
  ConsortResults *results = self->results;
  int n_years = results->n_years;
  int n_columns = n_years + 4;
  g_autofree char **widest = g_new0 (char *, n_columns);
  int width = 8 + 2;  /* the grids' outer margins, the card's border */

  for (int o = 0; o < results->n_options; o++)
    {
      const ConsortFigures *f = consort_option_result_figures (&results->options[o], self->party);
      ConsortMoney total;
      const ConsortMoney *values = measure_values (f, self->measure, &total);

      if (!f->participates)
        continue;
      for (int c = 1; c <= n_years + 2; c++)
        {
          ConsortMoney v = c <= n_years ? values[c - 1] : c == n_years + 1 ? total : f->npv;
          char *text = format_figure (v, brief);

          if (widest[c] == NULL || strlen (text) > strlen (widest[c]))
            {
              g_free (widest[c]);
              widest[c] = text;
            }
          else
            g_free (text);
        }
    }
  for (int c = 0; c < n_columns; c++)
    {
      GtkWidget *heading = GTK_WIDGET (cell (self, -1, c));
      int w = text_px (heading, gtk_label_get_text (GTK_LABEL (heading)));

      if (c == 0)
        {
          for (int o = 0; o < results->n_options; o++)
            w = MAX (w, text_px (GTK_WIDGET (cell (self, o, 0)), gtk_label_get_text (cell (self, o, 0))));
          w = MIN (w, text_px (GTK_WIDGET (cell (self, 0, 0)), "Option 1A: Education servic"));
        }
      else if (c == n_years + 3)
        w = MAX (w, text_px (GTK_WIDGET (cell (self, 0, c)), _("Not reached")));
      else if (widest[c] != NULL)
        /* Tabular figures are a little wider than the context's. */
        w = MAX (w, text_px (GTK_WIDGET (cell (self, 0, c)), widest[c]) * 106 / 100);
      width += w + 24;
      g_free (widest[c]);
    }
  return width;
}

static void update_figures (ConsortComparisonPage *self);
static void send_summary (ConsortComparisonPage *self);

static gboolean
format_idle_cb (gpointer data)
{
  ConsortComparisonPage *self = data;

  self->format_idle = 0;
  if (self->results != NULL && self->results->n_options > 0)
    update_figures (self);
  return G_SOURCE_REMOVE;
}

/* Short figures when full ones do not fit the card. */
static gboolean
want_short_figures (ConsortComparisonPage *self)
{
  int width = gtk_widget_get_width (self->summary_card);

  if (width <= 0 || self->need_full <= 0)
    return self->short_figures;
  return self->need_full + self->full_slack > width;
}

/* When even short figures do not fit, the year columns scroll between
 * the pinned Option and Total/NPV/Break-even columns: as many whole
 * years as fit, so that no figure is cut at the edge.  0: no scrolling. */
static int
want_years_shown (ConsortComparisonPage *self)
{
  int width = gtk_widget_get_width (self->summary_card);
  int n_years = self->table_columns - 4;
  int names, figures, years, column, k;

  if (width <= 0 || n_years <= 0 || !self->short_figures || self->need_short <= width)
    return 0;
  gtk_widget_measure (GTK_WIDGET (self->summary_grid), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &names, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->figures_grid), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &figures, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->years_grid), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &years, NULL, NULL);
  column = MAX (1, years / n_years);  /* the columns are homogeneous */
  /* Names up to about 22 characters keep their room before the years. */
  names = MIN (names, text_px (GTK_WIDGET (cell (self, -1, 0)), "Option 1A: Education se") + 28);
  k = (width - 2 - names - figures) / column;
  return CLAMP (k, 1, n_years);
}

static void
apply_years_shown (ConsortComparisonPage *self, int shown)
{
  int n_years = self->table_columns - 4;
  int years, width;

  self->years_shown = shown;
  if (shown <= 0)
    {
      /* AUTOMATIC, not NEVER: the years never set the page's minimum width. */
      gtk_scrolled_window_set_policy (self->years_scroller, GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
      gtk_scrolled_window_set_min_content_width (self->years_scroller, -1);
      gtk_scrolled_window_set_max_content_width (self->years_scroller, -1);
      return;
    }
  gtk_widget_measure (GTK_WIDGET (self->years_grid), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &years, NULL, NULL);
  width = years / MAX (n_years, 1) * shown;
  /* ALWAYS: a scrollbar in view (and counted in the card's height). */
  gtk_scrolled_window_set_policy (self->years_scroller, GTK_POLICY_ALWAYS, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_max_content_width (self->years_scroller, width);
  gtk_scrolled_window_set_min_content_width (self->years_scroller, width);
}

/* The width the laid-out table asks for, with the figures it shows now. */
static int
table_width_measured (ConsortComparisonPage *self)
{
  int names, years, figures;

  gtk_widget_measure (GTK_WIDGET (self->summary_grid), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &names, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->years_grid), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &years, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->figures_grid), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &figures, NULL, NULL);
  return names + years + figures + 2;  /* the card's border */
}

/* Called after every allocation: changes labels outside the layout pass. */
static void
check_figure_format (ConsortComparisonPage *self)
{
  if (self->results == NULL || self->results->n_options == 0 || self->table_rows == 0)
    return;
  /* need_full is estimated from text, before the labels exist; fonts
   * (Cantarell's tabular figures, say) can make the real table wider.
   * While full figures are shown, learn the difference from the layout,
   * so that they never overflow into the year scroller and get cut. */
  if (!self->short_figures && self->need_full > 0)
    {
      int measured = table_width_measured (self);

      if (measured > self->need_full + self->full_slack)
        self->full_slack = measured - self->need_full;
    }
  if ((want_short_figures (self) != self->short_figures || want_years_shown (self) != self->years_shown)
      && self->format_idle == 0)
    self->format_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, format_idle_cb, self, NULL);
}

static void
update_figures (ConsortComparisonPage *self)
{
  ConsortResults *results = self->results;
  int n_years = results->n_years;
  int n_columns = n_years + 4;
  gboolean brief, any_negative = FALSE, best_shown = FALSE;
  int best = -1;
  ConsortMoney best_total = 0;
  ConsortAppraisal *appraisal = results->appraisal;
  g_autofree char *caption = NULL;
  g_autofree char *party = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *first = NULL;
  GString *note;

  self->need_full = table_width_needed (self, FALSE);
  self->short_figures = brief = want_short_figures (self);

  for (int o = 0; o < results->n_options; o++)
    {
      const ConsortOptionResult *r = &results->options[o];
      const ConsortFigures *f = consort_option_result_figures (r, self->party);
      ConsortMoney total;
      const ConsortMoney *values = measure_values (f, self->measure, &total);
      g_autofree char *breakeven = NULL;
      gboolean ever_negative = FALSE;

      if (!f->participates)
        {
          /* A borough outside the option: nothing, rather than £0. */
          for (int c = 1; c < n_columns; c++)
            {
              set_label (cell (self, o, c), "—");
              gtk_widget_set_tooltip_text (GTK_WIDGET (cell (self, o, c)), NULL);
            }
          continue;
        }
      for (int c = 1; c <= n_years + 2; c++)
        {
          ConsortMoney v = c <= n_years ? values[c - 1] : c == n_years + 1 ? total : f->npv;
          g_autofree char *text = format_figure (v, brief);
          GtkWidget *label = GTK_WIDGET (cell (self, o, c));

          set_label (GTK_LABEL (label), text);
          any_negative |= v < 0;
          /* A rounded figure tells its exact amount on hover. */
          if (brief)
            {
              g_autofree char *exact = format_figure (v, FALSE);
              gtk_widget_set_tooltip_text (label, exact);
            }
          else
            gtk_widget_set_tooltip_text (label, NULL);
        }
      for (int y = 0; y < n_years; y++)
        ever_negative |= f->cumulative[y] < 0;

      if (f->breakeven != CONSORT_NO_YEAR)
        breakeven = consort_fy_label (f->breakeven, '/');
      else if (ever_negative)
        breakeven = g_strdup (_("Not reached"));
      else
        breakeven = g_strdup ("—");
      set_label (cell (self, o, n_years + 3), breakeven);

      if (best < 0 || f->total_net > best_total)
        {
          best = o;
          best_total = f->total_net;
        }
    }

  /* Net savings: the option that saves most stands out (and the note
   * below the table says why). */
  for (int o = 0; o < results->n_options; o++)
    {
      GtkWidget *total = GTK_WIDGET (cell (self, o, n_years + 1));
      gboolean is_best = self->measure == CONSORT_MEASURE_NET && o == best && results->n_options > 1;

      if (is_best)
        gtk_widget_add_css_class (total, "consort-best");
      else
        gtk_widget_remove_css_class (total, "consort-best");
      if (is_best && !brief)
        gtk_widget_set_tooltip_text (total, _("The largest total net savings"));
      best_shown |= is_best;
    }

  party = self->party < 0 ? g_strdup (_("Partnership"))
                          : g_strdup_printf (_("%s’s share"),
                                             ((ConsortBorough *) g_ptr_array_index (appraisal->boroughs, self->party))->name);
  /* TRANSLATORS: table caption: measure, then whose figures */
  caption = g_strdup_printf (_("%s: %s"), measure_name (self->measure), party);
  set_label (self->table_caption, caption);

  rate = consort_micros_to_decimal (appraisal->discount_rate * 100);
  first = consort_fy_label (results->first_year, '/');
  note = g_string_new (NULL);
  if (best_shown)
    g_string_append (note, _("Highlighted: the option with the largest total net savings. "));
  if (any_negative)
    g_string_append (note, _("Figures in brackets are negative. "));
  if (brief)
    g_string_append (note, _("Figures are rounded to fit (£335K is £335,000); point at one for the exact amount. "));
  if (self->measure != CONSORT_MEASURE_NET)
    g_string_append (note, _("Net NPV and break-even are of the net savings, whatever the view. "));
  g_string_append_printf (note, _("NPV discounts net savings at %s%% a year, %s undiscounted. "
                                  "Break-even is the first year the cumulative net savings are no longer negative."),
                          rate, first);
  set_label (self->summary_note, note->str);
  g_string_free (note, TRUE);

  self->need_short = table_width_needed (self, TRUE);
  apply_years_shown (self, want_years_shown (self));
  send_summary (self);
}

static void
update_table (ConsortComparisonPage *self)
{
  ConsortResults *results = self->results;
  int n_years = results->n_years;
  int n_columns = n_years + 4;
  gboolean net = self->measure == CONSORT_MEASURE_NET;

  if (self->table_rows != results->n_options || self->table_columns != n_columns)
    rebuild_table (self, results->n_options, n_columns);

  set_label (cell (self, -1, 0), _("Option"));
  for (int y = 0; y < n_years; y++)
    {
      g_autofree char *fy = consort_fy_label (results->first_year + y, '/');
      set_label (cell (self, -1, y + 1), fy);
    }
  set_label (cell (self, -1, n_years + 1), _("Total"));
  /* NPV and break-even are always of the net savings: say so when the
   * years show gross savings or costs. */
  set_label (cell (self, -1, n_years + 2), net ? _("NPV") : _("Net NPV"));
  set_label (cell (self, -1, n_years + 3), _("Break-even"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (cell (self, -1, n_years + 2)),
                               _("Net present value of the net savings"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (cell (self, -1, n_years + 3)),
                               _("The first year the cumulative net savings are no longer negative"));

  for (int o = 0; o < results->n_options; o++)
    {
      const ConsortOptionResult *r = &results->options[o];
      const ConsortFigures *f = consort_option_result_figures (r, self->party);
      const char *name = r->option->name && *r->option->name ? r->option->name : r->option->id;
      g_autofree char *tooltip = NULL;

      set_label (cell (self, o, 0), name);
      tooltip = f->participates ? g_strdup_printf ("%s\n%s", name, consort_kind_describe (r->kind))
                                : g_strdup_printf (_("%s\nNot taking part"), name);
      gtk_widget_set_tooltip_text (GTK_WIDGET (cell (self, o, 0)), tooltip);
    }
  update_figures (self);
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
            /* Names wrap to two lines rather than lose their ends;
             * only a name longer than that is shortened. */
            gtk_label_set_wrap (GTK_LABEL (label), TRUE);
            gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
            gtk_label_set_lines (GTK_LABEL (label), 2);
            gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
            gtk_label_set_width_chars (GTK_LABEL (label), 16);
            gtk_label_set_max_width_chars (GTK_LABEL (label), 26);
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
      send_summary (self);
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

/* The page lays out its child itself (instead of AdwBin's layout
 * manager) to learn the table's width after every allocation. */
static void
consort_comparison_page_measure (GtkWidget      *widget,
                                 GtkOrientation  orientation,
                                 int             for_size,
                                 int            *minimum,
                                 int            *natural,
                                 int            *minimum_baseline,
                                 int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

static void
consort_comparison_page_size_allocate (GtkWidget *widget,
                                       int        width,
                                       int        height,
                                       int        baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
  check_figure_format (CONSORT_COMPARISON_PAGE (widget));
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

const char *
consort_comparison_page_get_heading (ConsortComparisonPage *self,
                                     guint                  column)
{
  g_return_val_if_fail (CONSORT_IS_COMPARISON_PAGE (self), NULL);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "content") != 0
      || (int) column >= self->table_columns)
    return NULL;
  return gtk_label_get_text (cell (self, -1, (int) column));
}

const char *
consort_comparison_page_get_note (ConsortComparisonPage *self)
{
  g_return_val_if_fail (CONSORT_IS_COMPARISON_PAGE (self), NULL);
  return gtk_label_get_text (self->summary_note);
}

gboolean
consort_comparison_page_get_short_figures (ConsortComparisonPage *self)
{
  g_return_val_if_fail (CONSORT_IS_COMPARISON_PAGE (self), FALSE);
  return self->short_figures;
}

int
consort_comparison_page_get_years_shown (ConsortComparisonPage *self)
{
  g_return_val_if_fail (CONSORT_IS_COMPARISON_PAGE (self), 0);
  return self->years_shown;
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

/* The summary table as the presentation's first slide: short figures in
 * large type; the years only while they fit a screen. */
static void
send_summary (ConsortComparisonPage *self)
{
  ConsortResults *results = self->results;
  int n_years, n_shown, n_columns;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  const char *caption;
  int best = -1;

  if (self->presentation == NULL || results == NULL || results->n_options == 0 || self->table_rows == 0)
    return;
  n_years = results->n_years;
  n_shown = n_years <= 6 ? n_years : 0;
  n_columns = 1 + n_shown + 3;

  for (int c = 0; c < self->table_columns; c++)
    if (c == 0 || c <= n_shown || c > n_years)
      g_ptr_array_add (cells, g_strdup (gtk_label_get_text (cell (self, -1, c))));
  for (int o = 0; o < results->n_options; o++)
    {
      const ConsortFigures *f = consort_option_result_figures (&results->options[o], self->party);
      ConsortMoney total;
      const ConsortMoney *values = measure_values (f, self->measure, &total);

      g_ptr_array_add (cells, g_strdup (gtk_label_get_text (cell (self, o, 0))));
      for (int c = 1; c < self->table_columns; c++)
        {
          if (c > n_shown && c <= n_years)
            continue;
          if (!f->participates || c == n_years + 3)
            g_ptr_array_add (cells, g_strdup (gtk_label_get_text (cell (self, o, c))));
          else
            g_ptr_array_add (cells, format_figure (c <= n_years ? values[c - 1] : c == n_years + 1 ? total : f->npv,
                                                   TRUE));
        }
      if (gtk_widget_has_css_class (GTK_WIDGET (cell (self, o, n_years + 1)), "consort-best"))
        best = o;
    }
  caption = gtk_label_get_text (self->table_caption);
  consort_presentation_window_set_summary (CONSORT_PRESENTATION_WINDOW (self->presentation),
                                           caption,
                                           n_shown < n_years ? _("Year by year on the Comparison page")
                                                             : _("Rounded; exact figures on the Comparison page"),
                                           (guint) results->n_options + 1, (guint) n_columns,
                                           (const char * const *) cells->pdata, best >= 0 ? best + 1 : -1);
}

void
consort_comparison_page_present (ConsortComparisonPage *self,
                                 ConsortChartKind       kind)
{
  ConsortChart *charts[CONSORT_N_CHART_KINDS];
  GtkRoot *root;

  g_return_if_fail (CONSORT_IS_COMPARISON_PAGE (self));
  g_return_if_fail (kind <= CONSORT_N_CHART_KINDS);

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
  send_summary (self);
  /* The summary comes first: chart @kind is one further on. */
  consort_presentation_window_set_position (CONSORT_PRESENTATION_WINDOW (self->presentation),
                                            kind == CONSORT_N_CHART_KINDS ? 0 : kind + 1);
  gtk_window_fullscreen (GTK_WINDOW (self->presentation));
  gtk_window_present (GTK_WINDOW (self->presentation));
}

static void
present_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  /* From the start: the summary table, then the charts. */
  consort_comparison_page_present (CONSORT_COMPARISON_PAGE (widget), CONSORT_N_CHART_KINDS);
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
  g_clear_handle_id (&self->format_idle, g_source_remove);
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
  g_clear_pointer (&self->row_groups, g_ptr_array_unref);
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
  widget_class->measure = consort_comparison_page_measure;
  widget_class->size_allocate = consort_comparison_page_size_allocate;

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
  gtk_widget_class_bind_template_child (widget_class, ConsortComparisonPage, summary_card);
  gtk_widget_class_bind_template_child (widget_class, ConsortComparisonPage, summary_grid);
  gtk_widget_class_bind_template_child (widget_class, ConsortComparisonPage, years_scroller);
  gtk_widget_class_bind_template_child (widget_class, ConsortComparisonPage, years_grid);
  gtk_widget_class_bind_template_child (widget_class, ConsortComparisonPage, figures_grid);
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
  self->measure = CONSORT_MEASURE_NET;
  self->party = -1;
  self->chart_option = -1;
  self->cells = g_ptr_array_new ();
  self->row_groups = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->party_model = gtk_string_list_new (NULL);
  self->option_model = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->party_dropdown, G_LIST_MODEL (self->party_model));
  gtk_drop_down_set_model (self->option_dropdown, G_LIST_MODEL (self->option_model));

  for (int k = 0; k < CONSORT_N_CHART_KINDS; k++)
    build_card (self, &self->cards[k], k);

  /* F5 is the window's (win.present): it works from every page. */

  /* The export menu sections and actions (consort-export.c). */
  consort_export_setup_comparison_page (self);

  consort_comparison_page_refresh (self);
}
