/* consort-chart.c: the Comparison charts, drawn with cairo and Pango.
 *
 * consort_chart_new() does all the work that depends on the figures
 * (names, exact values, a nice axis, values normalised to 0..1, the table
 * and the description) once; rendering only maps normalised values to
 * the rectangle it is given, so redrawing at another size or in another
 * style is cheap and the GUI, the report and exports draw the same thing.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "consort-chart.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#define MAX_STACK_SERIES 7  /* more services than this: the rest go in "Other" */

/* Series styles (series_style[]): below MEASURE_STYLE, a palette index +
 * 8 * pattern (options).  Measures and services have encodings of their
 * own, so that one colour never means two things on one page: options
 * take the palette's Okabe-Ito hues; gross savings, one-off costs and
 * net are neutral (light solid, hatched, dark solid); services are
 * shades of one blue-to-yellow ramp (cividis), "other services" hatched. */
#define MEASURE_STYLE 1000  /* + 0 gross, 1 costs, 2 net */
#define SERVICE_STYLE 2000  /* + rank of the service, 0 the largest */
#define OTHER_STYLE_INDEX 2999
#define N_SERVICE_SHADES 7

struct _ConsortChart
{
  gatomicrefcount    ref_count;
  ConsortChartKind   kind;
  int                option_index;
  int                party;
  char              *title;
  char              *subtitle;
  char              *description;
  char              *empty_message;  /* non-NULL: nothing to draw, say this */

  int                n_series;
  int                n_categories;
  char             **series_names;     /* [n_series] */
  int               *series_style;     /* [n_series]: palette index + 8 * pattern */
  char             **category_labels;  /* [n_categories] */
  ConsortMoney      *values;           /* [n_series * n_categories] */
  ConsortMoney      *series_totals;    /* [n_series]: for shares (BOROUGH_SHARES) */
  int               *breakeven;        /* [n_series]: category index or -1 (CUMULATIVE) */
  char             **series_notes;     /* [n_series] or NULL: "breaks even 2011/12" under the legend entry */
  char             **category_notes;   /* [n_categories] or NULL: "joins 2013/14" in place of bars */
  gboolean           stacked;
  gboolean           lines;

  /* The axis and the values normalised against it. */
  ConsortMoney       axis_min;
  ConsortMoney       axis_max;
  guint              n_ticks;
  ConsortMoney      *ticks;
  char             **tick_labels;
  double            *norm_lo;          /* [n_series * n_categories] bottom of the bar */
  double            *norm_hi;          /* top of the bar, or the point of a line */
  ConsortMoney      *stack_totals;     /* [n_categories] (stacked) */

  ConsortChartTable *table;

  ConsortChartStyle  last_style;       /* for hit-testing at the size drawn */
  gboolean           has_last_style;
};

typedef struct
{
  double   fs;        /* font size incl. scale */
  double   lh;        /* line height at the base size */
  double   m;         /* outer margin */
  double   title_h;
  double   subtitle_h;
  double   plot_x, plot_y, plot_w, plot_h;
  double   slot_w;
  double   xlab_y;
  double   xlab_h;
  int      xlab_mode;  /* 0 one line, 1 two lines, 2 rotated 45°, 3 rotated 90° */
  int      xlab_skip;
  double   xlab_maxw;
  double   legend_x, legend_y, legend_h;
  double   legend_col_w, legend_row_h, legend_text_w;
  gboolean legend_notes;  /* entries have a second line */
  int      legend_cols, legend_rows, legend_shown;
  gboolean too_small;
} Geometry;

static const char *kind_names[] = { "net", "cumulative", "services", "boroughs" };

const char *
consort_chart_kind_to_string (ConsortChartKind kind)
{
  g_return_val_if_fail (kind < CONSORT_N_CHART_KINDS, NULL);
  return kind_names[kind];
}

gboolean
consort_chart_kind_from_string (const char       *s,
                                ConsortChartKind *out)
{
  for (guint i = 0; s != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_ascii_strcasecmp (s, kind_names[i]) == 0)
      {
        if (out)
          *out = (ConsortChartKind) i;
        return TRUE;
      }
  return FALSE;
}

/* Styles */

static void
set_color (ConsortChartColor *c, guint32 rgb, double alpha)
{
  c->red = ((rgb >> 16) & 0xff) / 255.0;
  c->green = ((rgb >> 8) & 0xff) / 255.0;
  c->blue = (rgb & 0xff) / 255.0;
  c->alpha = alpha;
}

static void
style_init_common (ConsortChartStyle *style)
{
  memset (style, 0, sizeof *style);
  g_strlcpy (style->font_family, "Cantarell, Noto Sans, DejaVu Sans, sans-serif",
             sizeof style->font_family);
  style->font_size = 12;
  style->scale = 1;
  style->draw_title = TRUE;
}

void
consort_chart_style_init_light (ConsortChartStyle *style)
{
  /* Okabe & Ito's colour-blind-safe set; yellow darkened to read on white. */
  static const guint32 palette[] = { 0x0072B2, 0xE69F00, 0x009E73, 0xD55E00,
                                     0xCC79A7, 0x56B4E9, 0xA89000, 0x767676 };

  style_init_common (style);
  set_color (&style->foreground, 0x1e1e1e, 1);
  set_color (&style->background, 0xffffff, 1);
  set_color (&style->grid, 0x000000, 0.12);
  for (guint i = 0; i < CONSORT_CHART_PALETTE_SIZE; i++)
    set_color (&style->palette[i], palette[i], 1);
}

void
consort_chart_style_init_dark (ConsortChartStyle *style)
{
  /* The same hues, lighter, so they keep their contrast on a dark card. */
  static const guint32 palette[] = { 0x4DA6EA, 0xF0B43C, 0x2FC79C, 0xF27C40,
                                     0xE39CC5, 0x8DD0F5, 0xF0E442, 0xB4B4B4 };

  style_init_common (style);
  set_color (&style->foreground, 0xffffff, 1);
  set_color (&style->background, 0x303030, 1);
  set_color (&style->grid, 0xffffff, 0.14);
  for (guint i = 0; i < CONSORT_CHART_PALETTE_SIZE; i++)
    set_color (&style->palette[i], palette[i], 1);
}

/* Building */

static char *
money (ConsortMoney v)
{
  return consort_money_format (v, CONSORT_MONEY_FORMAT_DEFAULT);
}

/* Tick labels: "£1m" rather than "£1.0m". */
static char *
short_money (ConsortMoney v)
{
  char *s = consort_money_format (v, CONSORT_MONEY_FORMAT_SHORT);
  char *dot;

  if ((dot = strstr (s, ".0m")) != NULL || (dot = strstr (s, ".0bn")) != NULL)
    memmove (dot, dot + 2, strlen (dot + 2) + 1);
  return s;
}

static ConsortMoney
floor_div (ConsortMoney a, ConsortMoney b)
{
  ConsortMoney q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}

static ConsortMoney
ceil_div (ConsortMoney a, ConsortMoney b)
{
  ConsortMoney q = a / b;
  return (a % b != 0 && a > 0) ? q + 1 : q;
}

/* Chooses steps of 1, 2 or 5 x 10^k pounds so that every tick label is
 * exact in the short format and the axis has about five intervals. */
static void
nice_axis (ConsortChart *self,
           ConsortMoney  lo,
           ConsortMoney  hi)
{
  static const int mult[] = { 1, 2, 5 };
  ConsortMoney step = 0;

  lo = MIN (lo, 0);
  hi = MAX (hi, 0);
  if (lo == hi)
    hi = 100000;  /* nothing to show: £0 to £1K */

  for (ConsortMoney p = 100; p <= CONSORT_MONEY_MAX && step == 0; p *= 10)
    for (guint i = 0; i < G_N_ELEMENTS (mult) && step == 0; i++)
      {
        ConsortMoney s = p * mult[i];
        ConsortMoney a = floor_div (lo, s) * s;
        ConsortMoney b = ceil_div (hi, s) * s;
        gboolean distinct = TRUE;
        g_autofree char *prev = NULL;

        if ((b - a) / s > 6)
          continue;
        for (ConsortMoney t = a; t <= b && distinct; t += s)
          {
            char *label = short_money (t);
            distinct = prev == NULL || strcmp (prev, label) != 0;
            g_free (prev);
            prev = label;
          }
        if (distinct)
          step = s;
      }
  if (step == 0)
    step = MAX (hi - lo, 1);

  self->axis_min = floor_div (lo, step) * step;
  self->axis_max = ceil_div (hi, step) * step;
  self->n_ticks = (guint) ((self->axis_max - self->axis_min) / step) + 1;
  self->ticks = g_new (ConsortMoney, self->n_ticks);
  self->tick_labels = g_new0 (char *, self->n_ticks + 1);
  for (guint i = 0; i < self->n_ticks; i++)
    {
      self->ticks[i] = self->axis_min + (ConsortMoney) i * step;
      self->tick_labels[i] = short_money (self->ticks[i]);
    }
}

static double
normalise (ConsortChart *self, ConsortMoney v)
{
  return (double) (v - self->axis_min) / (double) (self->axis_max - self->axis_min);
}

static void
normalise_all (ConsortChart *self)
{
  int n = self->n_series * self->n_categories;
  ConsortMoney lo = 0, hi = 0;

  self->norm_lo = g_new0 (double, MAX (n, 1));
  self->norm_hi = g_new0 (double, MAX (n, 1));

  if (self->stacked)
    {
      self->stack_totals = g_new0 (ConsortMoney, MAX (self->n_categories, 1));
      for (int c = 0; c < self->n_categories; c++)
        {
          ConsortMoney pos = 0, neg = 0;
          for (int s = 0; s < self->n_series; s++)
            {
              ConsortMoney v = self->values[s * self->n_categories + c];
              if (v >= 0)
                pos += v;
              else
                neg += v;
            }
          lo = MIN (lo, neg);
          hi = MAX (hi, pos);
          self->stack_totals[c] = pos + neg;
        }
    }
  else
    for (int i = 0; i < n; i++)
      {
        lo = MIN (lo, self->values[i]);
        hi = MAX (hi, self->values[i]);
      }

  nice_axis (self, lo, hi);

  for (int c = 0; c < self->n_categories; c++)
    {
      ConsortMoney pos = 0, neg = 0;
      for (int s = 0; s < self->n_series; s++)
        {
          int i = s * self->n_categories + c;
          ConsortMoney v = self->values[i];

          if (!self->stacked)
            {
              self->norm_lo[i] = normalise (self, 0);
              self->norm_hi[i] = normalise (self, v);
            }
          else if (v >= 0)
            {
              self->norm_lo[i] = normalise (self, pos);
              pos += v;
              self->norm_hi[i] = normalise (self, pos);
            }
          else
            {
              self->norm_lo[i] = normalise (self, neg);
              neg += v;
              self->norm_hi[i] = normalise (self, neg);
            }
        }
    }
}

static ConsortChartTable *
table_new (guint n_rows, guint n_columns)
{
  ConsortChartTable *t = g_new0 (ConsortChartTable, 1);
  t->n_rows = n_rows;
  t->n_columns = n_columns;
  t->column_titles = g_new0 (char *, n_columns + 1);
  t->cells = g_new0 (char *, (gsize) n_rows * n_columns + 1);
  t->values = g_new0 (ConsortMoney, MAX ((gsize) n_rows * n_columns, 1));
  t->numeric = g_new0 (gboolean, n_columns);
  return t;
}

static void
table_free (ConsortChartTable *t)
{
  if (t == NULL)
    return;
  g_strfreev (t->column_titles);
  for (guint i = 0; i < t->n_rows * t->n_columns; i++)
    g_free (t->cells[i]);
  g_free (t->cells);
  g_free (t->values);
  g_free (t->numeric);
  g_free (t);
}

static void
table_set_money (ConsortChartTable *t, guint row, guint col, ConsortMoney v)
{
  guint i = row * t->n_columns + col;
  g_free (t->cells[i]);
  t->cells[i] = money (v);
  t->values[i] = v;
}

static void
table_set_text (ConsortChartTable *t, guint row, guint col, const char *text)
{
  guint i = row * t->n_columns + col;
  g_free (t->cells[i]);
  t->cells[i] = g_strdup (text);
}

const char *
consort_chart_table_get_cell (const ConsortChartTable *table,
                              guint                    row,
                              guint                    column)
{
  g_return_val_if_fail (table != NULL, NULL);
  if (row >= table->n_rows || column >= table->n_columns)
    return NULL;
  return table->cells[row * table->n_columns + column];
}

static char *
party_name (ConsortResults *results, int party)
{
  const ConsortBorough *b;

  if (party < 0 || party >= (int) results->appraisal->boroughs->len)
    return g_strdup (_("Partnership"));
  b = g_ptr_array_index (results->appraisal->boroughs, party);
  /* TRANSLATORS: a borough's share of the figures, e.g. "Westminster's share" */
  return g_strdup_printf (_("%s’s share"), b->name);
}

static void
alloc_data (ConsortChart *self, int n_series, int n_categories)
{
  self->n_series = n_series;
  self->n_categories = n_categories;
  self->series_names = g_new0 (char *, n_series + 1);
  self->series_style = g_new0 (int, MAX (n_series, 1));
  self->category_labels = g_new0 (char *, n_categories + 1);
  self->values = g_new0 (ConsortMoney, MAX (n_series * n_categories, 1));
  self->series_totals = g_new0 (ConsortMoney, MAX (n_series, 1));
  self->breakeven = g_new (int, MAX (n_series, 1));
  for (int s = 0; s < MAX (n_series, 1); s++)
    self->breakeven[s] = -1;
  self->series_notes = g_new0 (char *, n_series + 1);
  self->category_notes = g_new0 (char *, n_categories + 1);
}

static void
set_year_categories (ConsortChart *self, ConsortResults *results)
{
  for (int y = 0; y < self->n_categories; y++)
    self->category_labels[y] = consort_fy_label (results->first_year + y, '/');
}

static const char *
option_name (ConsortResults *results, int o)
{
  const ConsortOption *opt = results->options[o].option;
  return opt && opt->name && *opt->name ? opt->name : opt ? opt->id : "";
}

static void
build_by_option (ConsortChart *self, ConsortResults *results)
{
  gboolean cumulative = self->kind == CONSORT_CHART_CUMULATIVE;
  int n_years = results->n_years;
  ConsortChartTable *t;
  GString *desc = g_string_new (NULL);
  g_autofree char *first_fy = NULL;
  g_autofree char *last_fy = NULL;

  alloc_data (self, results->n_options, n_years);
  set_year_categories (self, results);
  self->lines = cumulative;

  t = table_new (results->n_options, n_years + (cumulative ? 2 : 2));
  t->column_titles[0] = g_strdup (_("Option"));
  for (int y = 0; y < n_years; y++)
    {
      t->column_titles[y + 1] = g_strdup (self->category_labels[y]);
      t->numeric[y + 1] = TRUE;
    }
  t->column_titles[n_years + 1] = g_strdup (cumulative ? _("Break-even") : _("Total"));
  t->numeric[n_years + 1] = !cumulative;

  for (int o = 0; o < results->n_options; o++)
    {
      const ConsortFigures *f = consort_option_result_figures (&results->options[o], self->party);

      self->series_names[o] = g_strdup (option_name (results, o));
      self->series_style[o] = o;
      table_set_text (t, o, 0, self->series_names[o]);
      for (int y = 0; y < n_years; y++)
        {
          ConsortMoney v = f ? (cumulative ? f->cumulative[y] : f->net[y]) : 0;
          self->values[o * n_years + y] = v;
          table_set_money (t, o, y + 1, v);
        }
      self->series_totals[o] = f ? f->total_net : 0;
      if (!cumulative)
        table_set_money (t, o, n_years + 1, self->series_totals[o]);
      else
        {
          int be = f && f->breakeven != CONSORT_NO_YEAR ? f->breakeven - results->first_year : -1;
          g_autofree char *label = NULL;

          if (be >= 0 && be < n_years)
            self->breakeven[o] = be;
          label = be >= 0 && be < n_years ? g_strdup (self->category_labels[be])
                                          : g_strdup (C_("break-even", "None"));
          table_set_text (t, o, n_years + 1, label);
        }
    }
  self->table = t;

  if (results->n_options == 0)
    {
      self->empty_message = g_strdup (_("No options to compare yet"));
      self->description = g_strdup (self->empty_message);
      g_string_free (desc, TRUE);
      return;
    }

  first_fy = g_strdup (self->category_labels[0]);
  last_fy = g_strdup (self->category_labels[n_years - 1]);

  if (!cumulative)
    {
      int best = 0, worst = 0;
      g_autofree char *best_s = NULL;
      g_autofree char *worst_s = NULL;

      for (int o = 1; o < results->n_options; o++)
        {
          if (self->series_totals[o] > self->series_totals[best])
            best = o;
          if (self->series_totals[o] < self->series_totals[worst])
            worst = o;
        }
      best_s = money (self->series_totals[best]);
      worst_s = money (self->series_totals[worst]);
      g_string_append_printf (desc,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%s: net savings per year for %d option, %s to %s.",
                                           "%s: net savings per year for %d options, %s to %s.",
                                           results->n_options),
                              self->subtitle, results->n_options, first_fy, last_fy);
      if (results->n_options == 1)
        g_string_append_printf (desc, _(" %s saves %s in total."), self->series_names[0], best_s);
      else
        g_string_append_printf (desc, _(" %s saves most, %s in total; %s saves least, %s."),
                                self->series_names[best], best_s, self->series_names[worst], worst_s);
    }
  else
    {
      g_string_append_printf (desc,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%s: cumulative net savings for %d option, %s to %s.",
                                           "%s: cumulative net savings for %d options, %s to %s.",
                                           results->n_options),
                              self->subtitle, results->n_options, first_fy, last_fy);
      for (int o = 0; o < results->n_options; o++)
        {
          g_autofree char *end = money (self->values[o * n_years + n_years - 1]);
          gboolean ever_negative = FALSE;

          for (int y = 0; y < n_years; y++)
            ever_negative |= self->values[o * n_years + y] < 0;

          /* The legend says it under each option's name, where it
           * cannot collide with the lines. */
          if (self->breakeven[o] >= 0)
            {
              g_string_append_printf (desc, _(" %s breaks even in %s and ends at %s."),
                                      self->series_names[o], self->category_labels[self->breakeven[o]], end);
              self->series_notes[o] = g_strdup_printf (_("breaks even %s"),
                                                       self->category_labels[self->breakeven[o]]);
            }
          else if (!ever_negative)
            {
              g_string_append_printf (desc, _(" %s never falls below zero and ends at %s."),
                                      self->series_names[o], end);
              self->series_notes[o] = g_strdup (_("never below zero"));
            }
          else
            {
              g_string_append_printf (desc, _(" %s does not break even by %s and ends at %s."),
                                      self->series_names[o], last_fy, end);
              self->series_notes[o] = g_strdup_printf (_("no break-even by %s"), last_fy);
            }
        }
    }
  self->description = g_string_free (desc, FALSE);
}

typedef struct { int service; ConsortMoney total; } ServiceTotal;

static int
compare_service_totals (gconstpointer a, gconstpointer b)
{
  const ServiceTotal *x = a, *y = b;
  if (x->total != y->total)
    return x->total > y->total ? -1 : 1;
  return x->service - y->service;
}

static void
build_services (ConsortChart *self, ConsortResults *results)
{
  const ConsortOptionResult *r = &results->options[self->option_index];
  ConsortAppraisal *appraisal = results->appraisal;
  int n_years = results->n_years;
  int n_services = r->n_services;
  g_autoptr(GArray) used = g_array_new (FALSE, FALSE, sizeof (ServiceTotal));
  ConsortMoney grand = 0;
  int n_shown, n_series;
  ConsortChartTable *t;
  GString *desc;

  for (int s = 0; s < n_services; s++)
    {
      ServiceTotal st = { s, 0 };
      gboolean any = FALSE;
      for (int y = 0; y < n_years; y++)
        {
          ConsortMoney v = consort_option_result_service_gross (r, self->party, s, y);
          st.total += v;
          any |= v != 0;
        }
      if (any)
        g_array_append_val (used, st);
      grand += st.total;
    }
  g_array_sort (used, compare_service_totals);

  /* Stacks of more than eight colours cannot be told apart: the smallest
   * services share one grey "Other" segment (the table lists them all). */
  n_shown = used->len > MAX_STACK_SERIES + 1 ? MAX_STACK_SERIES : (int) used->len;
  n_series = n_shown + ((int) used->len > n_shown ? 1 : 0);
  alloc_data (self, n_series, n_years);
  set_year_categories (self, results);
  self->stacked = TRUE;

  t = table_new (used->len + 1, n_years + 2);
  t->has_total_row = TRUE;
  t->column_titles[0] = g_strdup (_("Service"));
  for (int y = 0; y < n_years; y++)
    {
      t->column_titles[y + 1] = g_strdup (self->category_labels[y]);
      t->numeric[y + 1] = TRUE;
    }
  t->column_titles[n_years + 1] = g_strdup (_("Total"));
  t->numeric[n_years + 1] = TRUE;

  for (guint i = 0; i < used->len; i++)
    {
      const ServiceTotal *st = &g_array_index (used, ServiceTotal, i);
      const ConsortService *svc = g_ptr_array_index (appraisal->services, st->service);
      int series = (int) i < n_shown ? (int) i : n_shown;

      table_set_text (t, i, 0, svc->name);
      for (int y = 0; y < n_years; y++)
        {
          ConsortMoney v = consort_option_result_service_gross (r, self->party, st->service, y);
          table_set_money (t, i, y + 1, v);
          self->values[series * n_years + y] += v;
        }
      table_set_money (t, i, n_years + 1, st->total);
      self->series_totals[series] += st->total;
      if ((int) i < n_shown)
        {
          self->series_names[i] = g_strdup (svc->name);
          self->series_style[i] = SERVICE_STYLE + (int) i;
        }
    }
  if (n_series > n_shown)
    {
      int n_other = (int) used->len - n_shown;
      self->series_names[n_shown] =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d other service", "%d other services", n_other),
                         n_other);
      self->series_style[n_shown] = OTHER_STYLE_INDEX;
    }
  table_set_text (t, used->len, 0, _("Total"));
  for (int y = 0; y < n_years; y++)
    {
      ConsortMoney sum = 0;
      for (int s = 0; s < n_series; s++)
        sum += self->values[s * n_years + y];
      table_set_money (t, used->len, y + 1, sum);
    }
  table_set_money (t, used->len, n_years + 1, grand);
  self->table = t;

  desc = g_string_new (NULL);
  if (used->len == 0)
    {
      self->empty_message = g_strdup (_("This option has no gross savings"));
      g_string_append_printf (desc, _("%s: %s has no gross savings."), self->subtitle,
                              option_name (results, self->option_index));
    }
  else
    {
      g_autofree char *total = money (grand);
      g_string_append_printf (desc, _("%s: gross savings by service for %s, %s to %s, %s in total."),
                              self->subtitle, option_name (results, self->option_index),
                              self->category_labels[0], self->category_labels[n_years - 1], total);
      g_string_append (desc, _(" Largest:"));
      for (guint i = 0; i < MIN (used->len, 3); i++)
        {
          const ServiceTotal *st = &g_array_index (used, ServiceTotal, i);
          const ConsortService *svc = g_ptr_array_index (appraisal->services, st->service);
          g_autofree char *v = money (st->total);
          g_string_append_printf (desc, "%s %s, %s", i ? ";" : "", svc->name, v);
        }
      g_string_append_c (desc, '.');
    }
  self->description = g_string_free (desc, FALSE);
}

static const char *
measure_noun (int series)
{
  switch (series)
    {
    case 0: return _("gross savings");
    case 1: return _("one-off costs");
    default: return _("net savings");
    }
}

static void
build_boroughs (ConsortChart *self, ConsortResults *results)
{
  const ConsortOptionResult *r = &results->options[self->option_index];
  ConsortAppraisal *appraisal = results->appraisal;
  g_autoptr(GArray) taking_part = g_array_new (FALSE, FALSE, sizeof (int));
  ConsortChartTable *t;
  GString *desc;
  int n;

  for (int b = 0; b < r->n_boroughs; b++)
    if (r->boroughs[b].participates)
      g_array_append_val (taking_part, b);
  n = (int) taking_part->len;

  alloc_data (self, 3, n);
  self->series_names[0] = g_strdup (_("Gross savings"));
  self->series_names[1] = g_strdup (_("One-off costs"));
  self->series_names[2] = g_strdup (_("Net savings"));
  /* Neutral, not the options' colours: light for gross savings,
   * hatched for costs, dark for net. */
  self->series_style[0] = MEASURE_STYLE;
  self->series_style[1] = MEASURE_STYLE + 1;
  self->series_style[2] = MEASURE_STYLE + 2;

  t = table_new (n + 1, 4);
  t->has_total_row = TRUE;
  t->column_titles[0] = g_strdup (_("Borough"));
  for (int s = 0; s < 3; s++)
    {
      t->column_titles[s + 1] = g_strdup (self->series_names[s]);
      t->numeric[s + 1] = TRUE;
    }

  desc = g_string_new (NULL);
  g_string_append_printf (desc, _("Each borough’s share of gross savings, one-off costs and net savings for %s."),
                          option_name (results, self->option_index));

  for (int i = 0; i < n; i++)
    {
      int b = g_array_index (taking_part, int, i);
      const ConsortBorough *borough = g_ptr_array_index (appraisal->boroughs, b);
      const ConsortFigures *f = &r->boroughs[b];
      ConsortMoney v[3] = { f->total_gross, f->total_costs, f->total_net };
      g_autofree char *g = money (v[0]);
      g_autofree char *c = money (v[1]);
      g_autofree char *nt = money (v[2]);

      self->category_labels[i] = g_strdup (borough->name);
      table_set_text (t, i, 0, borough->name);
      for (int s = 0; s < 3; s++)
        {
          self->values[s * n + i] = v[s];
          table_set_money (t, i, s + 1, v[s]);
        }
      /* A partner with no figures: say why, rather than leave a gap
       * that looks like missing data. */
      if (v[0] != 0 || v[1] != 0)
        g_string_append_printf (desc, _(" %s: %s gross savings, %s one-off costs, %s net."),
                                borough->name, g, c, nt);
      else
        {
          int joins = 0;

          for (guint p = 0; r->option != NULL && p < r->option->participants->len; p++)
            {
              const ConsortParticipant *part = g_ptr_array_index (r->option->participants, p);
              if (g_strcmp0 (part->borough_id, borough->id) == 0)
                joins = part->from_year;
            }
          if (joins > results->first_year)
            {
              g_autofree char *fy = consort_fy_label (joins, '/');
              self->category_notes[i] = joins >= results->first_year + results->n_years
                                        ? g_strdup_printf (_("joins %s, after these years"), fy)
                                        : g_strdup_printf (_("joins %s"), fy);
            }
          else
            self->category_notes[i] = g_strdup (_("no savings or costs attributed"));
          g_string_append_printf (desc, " %s: %s.", borough->name, self->category_notes[i]);
        }
    }
  self->series_totals[0] = r->partnership.total_gross;
  self->series_totals[1] = r->partnership.total_costs;
  self->series_totals[2] = r->partnership.total_net;
  table_set_text (t, n, 0, _("Partnership"));
  for (int s = 0; s < 3; s++)
    table_set_money (t, n, s + 1, self->series_totals[s]);
  self->table = t;

  if (n == 0)
    {
      self->empty_message = g_strdup (_("No borough takes part in this option"));
      g_string_append_c (desc, ' ');
      g_string_append (desc, self->empty_message);
      g_string_append_c (desc, '.');
    }
  self->description = g_string_free (desc, FALSE);
}

ConsortChart *
consort_chart_new (ConsortResults   *results,
                   ConsortChartKind  kind,
                   int               option_index,
                   int               party)
{
  ConsortChart *self;
  gboolean per_option = kind == CONSORT_CHART_SERVICE_STACK || kind == CONSORT_CHART_BOROUGH_SHARES;

  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (kind < CONSORT_N_CHART_KINDS, NULL);

  self = g_new0 (ConsortChart, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->kind = kind;
  self->option_index = option_index;
  if (party < -1 || party >= (int) results->appraisal->boroughs->len)
    party = -1;
  self->party = kind == CONSORT_CHART_BOROUGH_SHARES ? -1 : party;
  self->subtitle = kind == CONSORT_CHART_BOROUGH_SHARES ? g_strdup (_("All boroughs taking part"))
                                                        : party_name (results, self->party);

  switch (kind)
    {
    case CONSORT_CHART_NET_BY_YEAR:
      self->title = g_strdup (_("Net savings by year"));
      break;
    case CONSORT_CHART_CUMULATIVE:
      self->title = g_strdup (_("Cumulative net savings"));
      break;
    case CONSORT_CHART_SERVICE_STACK:
      self->title = g_strdup (_("Gross savings by service"));
      break;
    case CONSORT_CHART_BOROUGH_SHARES:
      self->title = g_strdup (_("Each borough’s share"));
      break;
    case CONSORT_N_CHART_KINDS:
    default:
      g_assert_not_reached ();
    }

  if (per_option && (option_index < 0 || option_index >= results->n_options))
    {
      alloc_data (self, 0, 0);
      self->table = table_new (0, 1);
      self->table->column_titles[0] = g_strdup (_("Option"));
      self->empty_message = g_strdup (results->n_options == 0 ? _("No options to compare yet")
                                                              : _("No option chosen"));
      self->description = g_strdup (self->empty_message);
    }
  else if (per_option)
    {
      g_autofree char *t = self->title;
      /* TRANSLATORS: chart title, then the option's name */
      self->title = g_strdup_printf (_("%s: %s"), t, option_name (results, option_index));
      if (kind == CONSORT_CHART_SERVICE_STACK)
        build_services (self, results);
      else
        build_boroughs (self, results);
    }
  else
    build_by_option (self, results);

  normalise_all (self);
  return self;
}

ConsortChart *
consort_chart_ref (ConsortChart *chart)
{
  g_return_val_if_fail (chart != NULL, NULL);
  g_atomic_ref_count_inc (&chart->ref_count);
  return chart;
}

void
consort_chart_unref (ConsortChart *chart)
{
  g_return_if_fail (chart != NULL);
  if (!g_atomic_ref_count_dec (&chart->ref_count))
    return;
  g_free (chart->title);
  g_free (chart->subtitle);
  g_free (chart->description);
  g_free (chart->empty_message);
  g_strfreev (chart->series_names);
  g_free (chart->series_style);
  g_strfreev (chart->category_labels);
  g_free (chart->values);
  g_free (chart->series_totals);
  g_free (chart->breakeven);
  g_strfreev (chart->series_notes);
  g_strfreev (chart->category_notes);
  g_free (chart->ticks);
  g_strfreev (chart->tick_labels);
  g_free (chart->norm_lo);
  g_free (chart->norm_hi);
  g_free (chart->stack_totals);
  table_free (chart->table);
  g_free (chart);
}

ConsortChartKind consort_chart_get_kind (ConsortChart *chart) { return chart->kind; }
const char *consort_chart_get_title (ConsortChart *chart) { return chart->title; }
const char *consort_chart_get_subtitle (ConsortChart *chart) { return chart->subtitle; }
const char *consort_chart_describe (ConsortChart *chart) { return chart->description; }
const ConsortChartTable *consort_chart_get_table (ConsortChart *chart) { return chart->table; }
guint consort_chart_get_n_ticks (ConsortChart *chart) { return chart->n_ticks; }

ConsortMoney
consort_chart_get_tick (ConsortChart *chart, guint i)
{
  g_return_val_if_fail (i < chart->n_ticks, 0);
  return chart->ticks[i];
}

const char *
consort_chart_get_tick_label (ConsortChart *chart, guint i)
{
  g_return_val_if_fail (i < chart->n_ticks, NULL);
  return chart->tick_labels[i];
}

gboolean
consort_chart_equal (ConsortChart *a, ConsortChart *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  if (a->kind != b->kind || a->n_series != b->n_series || a->n_categories != b->n_categories
      || g_strcmp0 (a->title, b->title) != 0 || g_strcmp0 (a->subtitle, b->subtitle) != 0
      || g_strcmp0 (a->empty_message, b->empty_message) != 0)
    return FALSE;
  for (int s = 0; s < a->n_series; s++)
    if (g_strcmp0 (a->series_names[s], b->series_names[s]) != 0
        || a->series_style[s] != b->series_style[s] || a->breakeven[s] != b->breakeven[s]
        || g_strcmp0 (a->series_notes[s], b->series_notes[s]) != 0)
      return FALSE;
  for (int c = 0; c < a->n_categories; c++)
    if (g_strcmp0 (a->category_labels[c], b->category_labels[c]) != 0
        || g_strcmp0 (a->category_notes[c], b->category_notes[c]) != 0)
      return FALSE;
  return memcmp (a->values, b->values, sizeof (ConsortMoney) * a->n_series * a->n_categories) == 0
         && a->axis_min == b->axis_min && a->axis_max == b->axis_max;
}

/* Drawing */

static void
source (cairo_t *cr, const ConsortChartColor *c, double alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

static const ConsortChartColor *
series_color (const ConsortChartStyle *style, int style_index)
{
  return &style->palette[style_index % CONSORT_CHART_PALETTE_SIZE];
}

static PangoLayout *
text_layout (PangoContext            *ctx,
             const ConsortChartStyle *style,
             double                   factor,
             gboolean                 bold,
             const char              *text)
{
  PangoLayout *layout = pango_layout_new (ctx);
  PangoFontDescription *desc = pango_font_description_from_string (style->font_family);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_font_description_set_absolute_size (desc, style->font_size * style->scale * factor * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  /* Tabular figures keep tick labels and amounts aligned. */
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_text (layout, text, -1);
  pango_attr_list_unref (attrs);
  pango_font_description_free (desc);
  return layout;
}

static void
layout_size (PangoLayout *layout, double *w, double *h)
{
  int pw, ph;
  pango_layout_get_size (layout, &pw, &ph);
  if (w)
    *w = (double) pw / PANGO_SCALE;
  if (h)
    *h = (double) ph / PANGO_SCALE;
}

/* Shaping text is most of the cost of drawing a chart, and after an edit
 * the same names and years are drawn again: each thread keeps one
 * PangoContext per kind of target (font options and transformation) and
 * the layouts shaped on it.  Pango objects are not thread-safe, hence
 * per thread; a layout from the cache is never modified. */
typedef struct
{
  GHashTable *contexts;  /* key -> PangoContext */
  GHashTable *layouts;   /* key -> PangoLayout */
} ThreadCache;

static void
thread_cache_free (gpointer data)
{
  ThreadCache *cache = data;
  g_hash_table_unref (cache->layouts);
  g_hash_table_unref (cache->contexts);
  g_free (cache);
}

static GPrivate thread_cache = G_PRIVATE_INIT (thread_cache_free);

static ThreadCache *
get_thread_cache (void)
{
  ThreadCache *cache = g_private_get (&thread_cache);

  if (cache == NULL)
    {
      cache = g_new0 (ThreadCache, 1);
      cache->contexts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      cache->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      g_private_set (&thread_cache, cache);
    }
  return cache;
}

/* A context for drawing on @cr, shared by every chart drawn on the same
 * kind of target in this thread (borrowed). */
static PangoContext *
context_for (cairo_t *cr)
{
  ThreadCache *cache = get_thread_cache ();
  cairo_font_options_t *options = cairo_font_options_create ();
  cairo_matrix_t m;
  g_autofree char *key = NULL;
  PangoContext *ctx;

  cairo_surface_get_font_options (cairo_get_target (cr), options);
  cairo_get_matrix (cr, &m);
  key = g_strdup_printf ("%lu/%g/%g/%g/%g", cairo_font_options_hash (options), m.xx, m.xy, m.yx, m.yy);
  cairo_font_options_destroy (options);

  ctx = g_hash_table_lookup (cache->contexts, key);
  if (ctx == NULL)
    {
      ctx = pango_cairo_create_context (cr);
      g_hash_table_insert (cache->contexts, g_steal_pointer (&key), ctx);
    }
  return ctx;
}

typedef struct
{
  double             width;      /* 0: no width */
  PangoEllipsizeMode ellipsize;
  gboolean           two_lines;  /* wrap at words, at most two lines */
  PangoAlignment     align;
} TextOptions;

/* A shaped layout (a new reference to a shared one: do not modify it). */
static PangoLayout *
shaped_layout (PangoContext            *ctx,
               const ConsortChartStyle *style,
               double                   factor,
               gboolean                 bold,
               const char              *text,
               const TextOptions       *o)
{
  static const TextOptions none = { 0, PANGO_ELLIPSIZE_NONE, FALSE, PANGO_ALIGN_LEFT };
  ThreadCache *cache = get_thread_cache ();
  g_autofree char *key = NULL;
  PangoLayout *layout;

  if (o == NULL)
    o = &none;
  key = g_strdup_printf ("%p\x1f%s\x1f%g\x1f%d\x1f%d\x1f%d\x1f%d\x1f%d\x1f%s", (void *) ctx,
                         style->font_family, style->font_size * style->scale * factor, bold,
                         (int) (o->width * PANGO_SCALE), (int) o->ellipsize, o->two_lines, (int) o->align,
                         text);
  layout = g_hash_table_lookup (cache->layouts, key);
  if (layout == NULL)
    {
      layout = text_layout (ctx, style, factor, bold, text);
      if (o->width > 0)
        pango_layout_set_width (layout, (int) (o->width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, o->ellipsize);
      pango_layout_set_alignment (layout, o->align);
      if (o->two_lines)
        {
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_height (layout, -2);
        }
      /* Bounded: a long session of renames must not grow it for ever. */
      if (g_hash_table_size (cache->layouts) > 4000)
        g_hash_table_remove_all (cache->layouts);
      g_hash_table_insert (cache->layouts, g_steal_pointer (&key), layout);
    }
  return g_object_ref (layout);
}

/* Measuring text is most of the cost of laying a chart out, and the same
 * names are measured again at every edit and resize: sizes are cached per
 * font, size and kind of surface (hinting differs between screen and
 * PDF).  The cache is shared by every chart and thread. */
G_LOCK_DEFINE_STATIC (text_sizes);
static GHashTable *text_sizes;

typedef struct { double w, h; } TextSize;

static TextSize
text_size (PangoContext *ctx, const ConsortChartStyle *style, double factor, gboolean bold, const char *text)
{
  const cairo_font_options_t *options = pango_cairo_context_get_font_options (ctx);
  g_autofree char *key = g_strdup_printf ("%s\x1f%g\x1f%d\x1f%d\x1f%s", style->font_family,
                                          style->font_size * style->scale * factor, bold,
                                          options ? (int) cairo_font_options_get_hint_metrics (options) : -1,
                                          text);
  TextSize *cached, size;

  G_LOCK (text_sizes);
  if (text_sizes == NULL)
    text_sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  cached = g_hash_table_lookup (text_sizes, key);
  if (cached != NULL)
    size = *cached;
  G_UNLOCK (text_sizes);
  if (cached != NULL)
    return size;

  {
    g_autoptr(PangoLayout) l = shaped_layout (ctx, style, factor, bold, text, NULL);
    layout_size (l, &size.w, &size.h);
  }

  G_LOCK (text_sizes);
  /* Bounded: a long session of renames must not grow it for ever. */
  if (g_hash_table_size (text_sizes) > 20000)
    g_hash_table_remove_all (text_sizes);
  g_hash_table_insert (text_sizes, g_steal_pointer (&key), g_memdup2 (&size, sizeof size));
  G_UNLOCK (text_sizes);
  return size;
}

static double
text_width (PangoContext *ctx, const ConsortChartStyle *style, double factor, gboolean bold, const char *text)
{
  return text_size (ctx, style, factor, bold, text).w;
}

static double
text_height (PangoContext *ctx, const ConsortChartStyle *style, double factor, gboolean bold, const char *text)
{
  return text_size (ctx, style, factor, bold, text).h;
}

#define TICK_FACTOR 0.9
#define LEGEND_FACTOR 0.95
#define XLAB_FACTOR 0.9
#define NOTE_FACTOR 0.8

static void
compute_geometry (ConsortChart            *self,
                  PangoContext            *ctx,
                  double                   width,
                  double                   height,
                  const ConsortChartStyle *style,
                  Geometry                *g)
{
  double fs = style->font_size * style->scale;
  double y, swatch_w, spacing, max_item = 0, avail, maxw = 0, plot_bottom;
  int max_rows;

  memset (g, 0, sizeof *g);
  g->fs = fs;
  g->lh = text_height (ctx, style, 1, FALSE, "Ag");
  g->m = round (fs * 0.75);
  y = g->m;

  if (style->draw_title)
    {
      /* One line each (they are ellipsized when drawn). */
      g->title_h = text_height (ctx, style, 1.3, TRUE, "Ag");
      g->subtitle_h = text_height (ctx, style, 0.95, FALSE, "Ag");
      y += g->title_h + g->subtitle_h + fs * 0.6;
    }

  /* Legend: a grid of equal columns under the plot, centred. */
  avail = width - 2 * g->m;
  swatch_w = self->lines ? fs * 2.2 : fs * 1.1;
  spacing = fs * 1.4;
  g->legend_text_w = MAX (fs * 4, MIN (fs * 18, avail - swatch_w - fs * 0.5));
  for (int s = 0; s < self->n_series; s++)
    {
      max_item = MAX (max_item, MIN (g->legend_text_w,
                                     text_width (ctx, style, LEGEND_FACTOR, FALSE, self->series_names[s])));
      if (self->series_notes[s] != NULL)
        {
          g->legend_notes = TRUE;
          max_item = MAX (max_item, MIN (g->legend_text_w,
                                         text_width (ctx, style, NOTE_FACTOR, FALSE, self->series_notes[s])));
        }
    }
  g->legend_col_w = swatch_w + fs * 0.5 + max_item + spacing;
  g->legend_cols = MAX (1, (int) floor ((avail + spacing) / g->legend_col_w));
  g->legend_cols = MIN (g->legend_cols, MAX (self->n_series, 1));
  g->legend_rows = self->n_series == 0 ? 0 : (self->n_series + g->legend_cols - 1) / g->legend_cols;
  g->legend_row_h = g->lh * LEGEND_FACTOR * 1.35 + (g->legend_notes ? g->lh * NOTE_FACTOR : 0);
  max_rows = MAX (1, (int) floor (height * 0.3 / g->legend_row_h));
  g->legend_shown = self->n_series;
  if (g->legend_rows > max_rows)
    {
      g->legend_rows = max_rows;
      g->legend_shown = max_rows * g->legend_cols - 1;  /* the last cell says "N more" */
    }
  g->legend_h = g->legend_rows * g->legend_row_h;
  g->legend_x = g->m + MAX (0, (avail - (g->legend_cols * g->legend_col_w - spacing)) / 2);
  g->legend_y = height - g->m - g->legend_h;

  /* Value axis labels on the left. */
  {
    double lw = 0;
    for (guint i = 0; i < self->n_ticks; i++)
      lw = MAX (lw, text_width (ctx, style, TICK_FACTOR, FALSE, self->tick_labels[i]));
    g->plot_x = g->m + lw + fs * 0.6;
  }
  g->plot_w = width - g->m - fs * 0.4 - g->plot_x;
  g->slot_w = self->n_categories > 0 ? g->plot_w / self->n_categories : g->plot_w;

  /* Category labels: one line if they fit, else two, else rotated. */
  for (int c = 0; c < self->n_categories; c++)
    maxw = MAX (maxw, text_width (ctx, style, XLAB_FACTOR, FALSE, self->category_labels[c]));
  g->xlab_skip = 1;
  if (maxw <= g->slot_w - fs * 0.4)
    {
      g->xlab_mode = 0;
      g->xlab_h = g->lh * XLAB_FACTOR;
    }
  else if (g->slot_w >= fs * 5)
    {
      g->xlab_mode = 1;
      g->xlab_h = 2 * g->lh * XLAB_FACTOR;
    }
  else
    {
      double lh = g->lh * XLAB_FACTOR;
      g->xlab_maxw = MIN (maxw, fs * 8);
      if (g->slot_w >= lh * 1.5)
        {
          g->xlab_mode = 2;
          g->xlab_h = (g->xlab_maxw + lh) * G_SQRT2 / 2;
        }
      else
        {
          g->xlab_mode = 3;
          g->xlab_h = g->xlab_maxw;
          if (g->slot_w < lh * 1.05)
            g->xlab_skip = (int) ceil (lh * 1.05 / g->slot_w);
        }
    }

  g->plot_y = y + g->lh * TICK_FACTOR * 0.5;
  plot_bottom = (self->n_series > 0 ? g->legend_y - fs * 0.7 : height - g->m) - g->xlab_h - fs * 0.4;
  g->plot_h = plot_bottom - g->plot_y;
  g->xlab_y = plot_bottom + fs * 0.4;
  g->too_small = g->plot_h < g->lh * 2 || g->plot_w < fs * 4;
}

static double
y_of (const Geometry *g, double norm)
{
  return g->plot_y + g->plot_h - norm * g->plot_h;
}

/* Bar rectangle of series @s in category @c. */
static void
bar_rect (ConsortChart *self, const Geometry *g, int s, int c,
          double *x, double *y, double *w, double *h)
{
  double slot_x = g->plot_x + c * g->slot_w;
  int i = s * self->n_categories + c;
  double y0 = y_of (g, self->norm_lo[i]);
  double y1 = y_of (g, self->norm_hi[i]);

  if (self->stacked)
    {
      double bw = MIN (g->slot_w * 0.6, g->fs * 4);
      *x = slot_x + (g->slot_w - bw) / 2;
      *w = bw;
    }
  else
    {
      double group = g->slot_w * 0.8;
      double bw = MIN (group / MAX (self->n_series, 1), g->fs * 2.4);
      double gap = bw > 6 ? 1 : 0;
      group = bw * self->n_series;
      *x = slot_x + (g->slot_w - group) / 2 + s * bw + gap / 2;
      *w = bw - gap;
    }
  *y = MIN (y0, y1);
  *h = fabs (y1 - y0);
  /* A figure that is not zero is never invisible. */
  if (*h < 1 && self->values[i] != 0)
    {
      if (self->values[i] > 0)
        *y = MAX (y0, y1) - 1;
      *h = 1;
    }
}

static gboolean
style_is_dark (const ConsortChartStyle *style)
{
  const ConsortChartColor *b = &style->background;
  return 0.3 * b->red + 0.59 * b->green + 0.11 * b->blue < 0.5;
}

static void
hatch (cairo_t *cr, const ConsortChartStyle *style, double x, double y, double w, double h,
       gboolean rising, double step)
{
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  cairo_set_line_width (cr, 1.5 * style->scale);
  cairo_set_dash (cr, NULL, 0, 0);
  for (double d = -h; d < w + h; d += step)
    {
      if (rising)
        {
          cairo_move_to (cr, x + d, y + h);
          cairo_line_to (cr, x + d + h, y);
        }
      else
        {
          cairo_move_to (cr, x + d, y);
          cairo_line_to (cr, x + d + h, y + h);
        }
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* A bar of the neutral, patterned or ramp encodings (see MEASURE_STYLE). */
static void
fill_special (cairo_t *cr, const ConsortChartStyle *style, int style_index,
              double x, double y, double w, double h)
{
  /* Cividis-like: dark blue to yellow, lightness rising evenly, so that
   * readers with any colour vision see the order; lighter on dark. */
  static const guint32 ramp_light[N_SERVICE_SHADES] = { 0x1D3A6E, 0x3D5488, 0x66708A, 0x8E8C80,
                                                       0xB3A670, 0xD4BF55, 0xEDD83C };
  static const guint32 ramp_dark[N_SERVICE_SHADES] = { 0x4C6FB8, 0x6A7FA6, 0x878F94, 0xA39F80,
                                                      0xC0B16B, 0xDDC456, 0xFBE34A };
  double s = style->scale;

  if (style_index >= SERVICE_STYLE && style_index < OTHER_STYLE_INDEX)
    {
      guint32 rgb = (style_is_dark (style) ? ramp_dark : ramp_light)[(style_index - SERVICE_STYLE) % N_SERVICE_SHADES];
      cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
      cairo_rectangle (cr, x, y, w, h);
      cairo_fill (cr);
    }
  else if (style_index == OTHER_STYLE_INDEX || style_index == MEASURE_STYLE + 1)
    {
      /* Hatched on the background, outlined: "other services", and
       * costs, which take away from the savings. */
      gboolean costs = style_index == MEASURE_STYLE + 1;
      source (cr, &style->foreground, costs ? 0.08 : 0.04);
      cairo_rectangle (cr, x, y, w, h);
      cairo_fill (cr);
      source (cr, &style->foreground, costs ? 0.75 : 0.45);
      if (w > 2 && h > 2)
        hatch (cr, style, x, y, w, h, costs, (costs ? 4.5 : 6) * s);
      cairo_set_line_width (cr, 1.2 * s);
      cairo_rectangle (cr, x + 0.6 * s, y + 0.6 * s, MAX (w - 1.2 * s, 0), MAX (h - 1.2 * s, 0));
      cairo_stroke (cr);
      return;
    }
  else
    {
      /* Gross savings light, net dark: neutral, by lightness alone. */
      source (cr, &style->foreground, style_index == MEASURE_STYLE ? 0.32 : 0.85);
      cairo_rectangle (cr, x, y, w, h);
      cairo_fill (cr);
      return;
    }

  /* A hairline between stacked segments. */
  if (h > 2 * s)
    {
      source (cr, &style->background, 1);
      cairo_set_line_width (cr, 1 * s);
      cairo_move_to (cr, x, y + 0.5 * s);
      cairo_line_to (cr, x + w, y + 0.5 * s);
      cairo_stroke (cr);
    }
}

static void
fill_series (cairo_t *cr, const ConsortChartStyle *style, int style_index,
             double x, double y, double w, double h)
{
  int pattern = style_index / CONSORT_CHART_PALETTE_SIZE;

  if (style_index >= MEASURE_STYLE)
    {
      fill_special (cr, style, style_index, x, y, w, h);
      return;
    }

  source (cr, series_color (style, style_index), 1);
  cairo_rectangle (cr, x, y, w, h);
  cairo_fill (cr);

  /* Past the palette, hatching tells repeated colours apart. */
  if (pattern > 0 && w > 2 && h > 2)
    {
      cairo_set_source_rgba (cr, 1, 1, 1, 0.55);
      if (style_is_dark (style))
        cairo_set_source_rgba (cr, 0, 0, 0, 0.5);
      hatch (cr, style, x, y, w, h, pattern % 2 == 1, 5 * style->scale);
    }
}

static void
marker_path (cairo_t *cr, int style_index, double x, double y, double r)
{
  switch (style_index % 4)
    {
    case 0:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    case 1:
      r *= 0.9;
      cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r);
      break;
    case 2:
      r *= 1.2;
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r * 0.866, y + r * 0.5);
      cairo_line_to (cr, x - r * 0.866, y + r * 0.5);
      cairo_close_path (cr);
      break;
    default:
      r *= 1.2;
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r, y);
      cairo_line_to (cr, x, y + r);
      cairo_line_to (cr, x - r, y);
      cairo_close_path (cr);
      break;
    }
}

static void
set_line_style (cairo_t *cr, const ConsortChartStyle *style, int style_index)
{
  int pattern = style_index / CONSORT_CHART_PALETTE_SIZE;
  double s = style->scale;

  cairo_set_line_width (cr, 2.5 * s);
  /* Bevel joins and butt caps: at this width they look the same as
   * round ones and cost half as much to rasterise. */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  if (pattern % 3 == 1)
    {
      double dash[] = { 7 * s, 4 * s };
      cairo_set_dash (cr, dash, 2, 0);
    }
  else if (pattern % 3 == 2)
    {
      double dash[] = { 2 * s, 4 * s };
      cairo_set_dash (cr, dash, 2, 0);
    }
  else
    cairo_set_dash (cr, NULL, 0, 0);
}

static void
draw_marker (cairo_t *cr, const ConsortChartStyle *style, int style_index, double x, double y, double r)
{
  marker_path (cr, style_index, x, y, r);
  source (cr, series_color (style, style_index), 1);
  cairo_fill_preserve (cr);
  /* An outline in the background colour separates overlapping markers. */
  source (cr, &style->background, 1);
  cairo_set_line_width (cr, 1.2 * style->scale);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_stroke (cr);
}

static void
show_layout_at (cairo_t *cr, PangoLayout *layout, double x, double y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_text_centered (cairo_t *cr, PangoContext *ctx, const ConsortChartStyle *style,
                    double factor, const char *text, double cx, double cy, double max_w)
{
  g_autoptr(PangoLayout) l = text_layout (ctx, style, factor, FALSE, text);
  double w, h;

  pango_layout_set_width (l, (int) (max_w * PANGO_SCALE));
  pango_layout_set_wrap (l, PANGO_WRAP_WORD);
  pango_layout_set_alignment (l, PANGO_ALIGN_CENTER);
  layout_size (l, &w, &h);
  show_layout_at (cr, l, cx - max_w / 2, cy - h / 2);
}

static void
draw_legend (ConsortChart *self, cairo_t *cr, PangoContext *ctx,
             const ConsortChartStyle *style, const Geometry *g)
{
  double fs = g->fs;
  double swatch_w = self->lines ? fs * 2.2 : fs * 1.1;
  int shown = MIN (g->legend_shown, self->n_series);

  for (int s = 0; s <= shown && s < self->n_series; s++)
    {
      int col = s % g->legend_cols, row = s / g->legend_cols;
      double x = g->legend_x + col * g->legend_col_w;
      double y = g->legend_y + row * g->legend_row_h;
      /* With a note, the name's line is the top one and the note under it. */
      double cy = g->legend_notes ? y + g->lh * LEGEND_FACTOR * 0.675 : y + g->legend_row_h / 2;
      g_autoptr(PangoLayout) l = NULL;
      double tw, th;

      if (s == shown)
        {
          g_autofree char *more = NULL;
          if (shown == self->n_series)
            break;
          /* Translators: at the end of a legend, "and 3 more" options */
          more = g_strdup_printf (ngettext ("and %d more", "and %d more", self->n_series - shown),
                                  self->n_series - shown);
          l = shaped_layout (ctx, style, LEGEND_FACTOR, FALSE, more, NULL);
          layout_size (l, &tw, &th);
          source (cr, &style->foreground, 0.7);
          show_layout_at (cr, l, x, cy - th / 2);
          break;
        }

      if (self->lines)
        {
          source (cr, series_color (style, self->series_style[s]), 1);
          set_line_style (cr, style, self->series_style[s]);
          cairo_move_to (cr, x, cy);
          cairo_line_to (cr, x + swatch_w, cy);
          cairo_stroke (cr);
          draw_marker (cr, style, self->series_style[s], x + swatch_w / 2, cy, fs * 0.32);
        }
      else
        fill_series (cr, style, self->series_style[s], x, cy - fs * 0.5, swatch_w, fs);

      {
        TextOptions o = { g->legend_text_w, PANGO_ELLIPSIZE_END, FALSE, PANGO_ALIGN_LEFT };
        l = shaped_layout (ctx, style, LEGEND_FACTOR, FALSE, self->series_names[s], &o);
      }
      layout_size (l, &tw, &th);
      source (cr, &style->foreground, 1);
      show_layout_at (cr, l, x + swatch_w + fs * 0.5, cy - th / 2);

      if (self->series_notes[s] != NULL)
        {
          TextOptions o = { g->legend_text_w, PANGO_ELLIPSIZE_END, FALSE, PANGO_ALIGN_LEFT };
          g_autoptr(PangoLayout) n = shaped_layout (ctx, style, NOTE_FACTOR, FALSE, self->series_notes[s], &o);
          source (cr, &style->foreground, 0.72);
          show_layout_at (cr, n, x + swatch_w + fs * 0.5, cy + th / 2 - g->lh * 0.08);
        }
    }
}

static void
draw_category_labels (ConsortChart *self, cairo_t *cr, PangoContext *ctx,
                      const ConsortChartStyle *style, const Geometry *g)
{
  /* Rotated text updates its context: its own, not the shared one. */
  PangoContext *own = g->xlab_mode >= 2 ? pango_cairo_create_context (cr) : NULL;

  source (cr, &style->foreground, 0.8);
  for (int c = 0; c < self->n_categories; c += g->xlab_skip)
    {
      double cx = g->plot_x + (c + 0.5) * g->slot_w;
      double tw, th;

      if (g->xlab_mode <= 1)
        {
          TextOptions o = { g->slot_w - g->fs * 0.3, PANGO_ELLIPSIZE_END, g->xlab_mode == 1, PANGO_ALIGN_CENTER };
          g_autoptr(PangoLayout) l = shaped_layout (ctx, style, XLAB_FACTOR, FALSE, self->category_labels[c], &o);

          show_layout_at (cr, l, cx - o.width / 2, g->xlab_y);
        }
      else
        {
          g_autoptr(PangoLayout) l = text_layout (own, style, XLAB_FACTOR, FALSE, self->category_labels[c]);
          double angle = g->xlab_mode == 2 ? -G_PI / 4 : -G_PI / 2;

          pango_layout_set_width (l, (int) (g->xlab_maxw * PANGO_SCALE));
          pango_layout_set_alignment (l, PANGO_ALIGN_RIGHT);
          pango_layout_set_ellipsize (l, PANGO_ELLIPSIZE_END);
          layout_size (l, &tw, &th);
          cairo_save (cr);
          /* The end of the text sits under the middle of its slot. */
          cairo_translate (cr, cx, g->xlab_y);
          cairo_rotate (cr, angle);
          pango_cairo_update_layout (cr, l);
          show_layout_at (cr, l, -g->xlab_maxw, -th / 2);
          cairo_restore (cr);
        }
    }
  g_clear_object (&own);
}

/* Each option's break-even point ringed in the option's own colour; the
 * legend says the year under the option's name, so there is no text in
 * the plot to collide with lines or other labels. */
static void
draw_breakeven (ConsortChart *self, cairo_t *cr, const ConsortChartStyle *style, const Geometry *g)
{
  double r = g->fs * 0.7;

  /* Past eight lines the rings pile up; the legend, table and tooltips
   * still say. */
  if (self->n_series > 8)
    return;

  cairo_set_dash (cr, NULL, 0, 0);
  for (int s = 0; s < self->n_series; s++)
    {
      int c = self->breakeven[s];
      double x, y, ring = r;

      if (c < 0)
        continue;
      x = g->plot_x + (c + 0.5) * g->slot_w;
      y = y_of (g, self->norm_hi[s * self->n_categories + c]);
      /* Options breaking even at (nearly) the same point get rings one
       * inside the other, each still visible. */
      for (int t = 0; t < s; t++)
        if (self->breakeven[t] == c
            && fabs (y_of (g, self->norm_hi[t * self->n_categories + c]) - y) < r * 2)
          ring += 3.5 * style->scale;

      /* A halo first, so that rings of options meeting at one point
       * stay apart. */
      cairo_new_path (cr);
      cairo_arc (cr, x, y, ring, 0, 2 * G_PI);
      source (cr, &style->background, 1);
      cairo_set_line_width (cr, 4.5 * style->scale);
      cairo_stroke_preserve (cr);
      source (cr, series_color (style, self->series_style[s]), 1);
      cairo_set_line_width (cr, 2 * style->scale);
      cairo_stroke (cr);
      draw_marker (cr, style, self->series_style[s], x, y, g->fs * 0.32);
    }
}

/* A note in place of the bars of a category with none ("joins 2013/14"). */
static void
draw_category_notes (ConsortChart *self, cairo_t *cr, PangoContext *ctx,
                     const ConsortChartStyle *style, const Geometry *g)
{
  double y0 = y_of (g, normalise (self, 0));

  for (int c = 0; c < self->n_categories; c++)
    {
      double w = g->slot_w - g->fs * 0.4, tw, th, y;
      g_autoptr(PangoLayout) l = NULL;

      if (self->category_notes[c] == NULL || w < g->fs * 2)
        continue;
      {
        TextOptions o = { w, PANGO_ELLIPSIZE_END, TRUE, PANGO_ALIGN_CENTER };
        l = shaped_layout (ctx, style, NOTE_FACTOR, FALSE, self->category_notes[c], &o);
      }
      layout_size (l, &tw, &th);
      y = y0 - g->fs * 0.4 - th;
      if (y < g->plot_y)
        y = y0 + g->fs * 0.4;
      source (cr, &style->foreground, 0.72);
      show_layout_at (cr, l, g->plot_x + c * g->slot_w + g->fs * 0.2, y);
    }
}

static void
remember_style (ConsortChart *self, const ConsortChartStyle *style)
{
  self->last_style = *style;
  self->has_last_style = TRUE;
}

void
consort_chart_render (ConsortChart            *self,
                      cairo_t                 *cr,
                      double                   width,
                      double                   height,
                      const ConsortChartStyle *style)
{
  PangoContext *ctx;
  Geometry g;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);

  remember_style (self, style);
  if (width <= 0 || height <= 0)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (!style->transparent && style->background.alpha > 0)
    {
      source (cr, &style->background, 1);
      cairo_paint (cr);
    }

  /* Half a tenth of a pixel more error on curves than cairo's default is
   * invisible and makes markers and joins much cheaper to rasterise. */
  cairo_set_tolerance (cr, 0.25);
  ctx = context_for (cr);
  compute_geometry (self, ctx, width, height, style, &g);

  if (style->draw_title)
    {
      TextOptions o = { width - 2 * g.m, PANGO_ELLIPSIZE_END, FALSE, PANGO_ALIGN_LEFT };
      g_autoptr(PangoLayout) t = shaped_layout (ctx, style, 1.3, TRUE, self->title, &o);
      g_autoptr(PangoLayout) s = shaped_layout (ctx, style, 0.95, FALSE, self->subtitle ? self->subtitle : "", &o);

      source (cr, &style->foreground, 1);
      show_layout_at (cr, t, g.m, g.m);
      source (cr, &style->foreground, 0.7);
      show_layout_at (cr, s, g.m, g.m + g.title_h);
    }

  if (self->empty_message != NULL || g.too_small)
    {
      double top = style->draw_title ? g.m + g.title_h + g.subtitle_h : 0;
      source (cr, &style->foreground, 0.7);
      draw_text_centered (cr, ctx, style, 1,
                          self->empty_message ? self->empty_message : _("Too small to draw"),
                          width / 2, top + (height - top) / 2, width - 2 * g.m);
      cairo_restore (cr);
      return;
    }

  /* Gridlines and value labels. */
  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < self->n_ticks; i++)
    {
      double y = round (y_of (&g, normalise (self, self->ticks[i]))) + 0.5;
      g_autoptr(PangoLayout) l = shaped_layout (ctx, style, TICK_FACTOR, FALSE, self->tick_labels[i], NULL);
      double tw, th;

      source (cr, &style->grid, 1);
      cairo_move_to (cr, g.plot_x, y);
      cairo_line_to (cr, g.plot_x + g.plot_w, y);
      cairo_stroke (cr);
      layout_size (l, &tw, &th);
      source (cr, &style->foreground, 0.75);
      show_layout_at (cr, l, g.plot_x - g.fs * 0.5 - tw, y - th / 2);
    }

  if (!self->lines)
    for (int s = 0; s < self->n_series; s++)
      for (int c = 0; c < self->n_categories; c++)
        {
          double x, y, w, h;
          bar_rect (self, &g, s, c, &x, &y, &w, &h);
          if (h > 0)
            fill_series (cr, style, self->series_style[s], x, y, w, h);
        }

  /* The zero line, drawn over the bars so that it stays clear. */
  {
    double y0 = round (y_of (&g, normalise (self, 0)));
    source (cr, &style->foreground, 0.85);
    cairo_set_line_width (cr, 1.5 * style->scale);
    cairo_move_to (cr, g.plot_x, y0);
    cairo_line_to (cr, g.plot_x + g.plot_w, y0);
    cairo_stroke (cr);
  }

  if (self->lines)
    {
      for (int s = 0; s < self->n_series; s++)
        {
          source (cr, series_color (style, self->series_style[s]), 1);
          set_line_style (cr, style, self->series_style[s]);
          for (int c = 0; c < self->n_categories; c++)
            {
              double x = g.plot_x + (c + 0.5) * g.slot_w;
              double y = y_of (&g, self->norm_hi[s * self->n_categories + c]);
              if (c == 0)
                cairo_move_to (cr, x, y);
              else
                cairo_line_to (cr, x, y);
            }
          cairo_stroke (cr);
        }
      /* One path per series: one fill and one outline, not one per point. */
      for (int s = 0; s < self->n_series; s++)
        {
          /* A halo in the background colour (a larger marker behind,
           * filled: cheaper than stroking an outline) separates markers
           * that overlap. */
          cairo_new_path (cr);
          for (int c = 0; c < self->n_categories; c++)
            marker_path (cr, self->series_style[s], g.plot_x + (c + 0.5) * g.slot_w,
                         y_of (&g, self->norm_hi[s * self->n_categories + c]), g.fs * 0.32 + 1.2 * style->scale);
          source (cr, &style->background, 1);
          cairo_fill (cr);
          for (int c = 0; c < self->n_categories; c++)
            marker_path (cr, self->series_style[s], g.plot_x + (c + 0.5) * g.slot_w,
                         y_of (&g, self->norm_hi[s * self->n_categories + c]), g.fs * 0.32);
          source (cr, series_color (style, self->series_style[s]), 1);
          cairo_fill (cr);
        }
      draw_breakeven (self, cr, style, &g);
    }

  draw_category_notes (self, cr, ctx, style, &g);
  draw_category_labels (self, cr, ctx, style, &g);
  draw_legend (self, cr, ctx, style, &g);
  cairo_restore (cr);
}

/* Geometry for hit-testing: the same layout as the last render. */
static gboolean
geometry_for (ConsortChart *self, const ConsortChartStyle *with_style, double width, double height, Geometry *g)
{
  ConsortChartStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoContext *ctx;

  if (with_style != NULL)
    style = *with_style;
  else if (self->has_last_style)
    style = self->last_style;
  else
    consort_chart_style_init_light (&style);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  ctx = context_for (cr);
  compute_geometry (self, ctx, width, height, &style, g);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return self->empty_message == NULL && !g->too_small && self->n_categories > 0;
}

gboolean
consort_chart_get_point (ConsortChart *self,
                         double        width,
                         double        height,
                         int           series,
                         int           category,
                         double       *x,
                         double       *y)
{
  Geometry g;

  g_return_val_if_fail (self != NULL, FALSE);
  if (series < 0 || series >= self->n_series || category < 0 || category >= self->n_categories
      || !geometry_for (self, NULL, width, height, &g))
    return FALSE;

  if (self->lines)
    {
      *x = g.plot_x + (category + 0.5) * g.slot_w;
      *y = y_of (&g, self->norm_hi[series * self->n_categories + category]);
    }
  else
    {
      double bx, by, bw, bh;
      bar_rect (self, &g, series, category, &bx, &by, &bw, &bh);
      *x = bx + bw / 2;
      *y = y_of (&g, self->norm_hi[series * self->n_categories + category]);
    }
  return TRUE;
}

static char *
tooltip_for (ConsortChart *self, int s, int c)
{
  ConsortMoney v = self->values[s * self->n_categories + c];
  g_autofree char *amount = money (v);

  switch (self->kind)
    {
    case CONSORT_CHART_NET_BY_YEAR:
      /* TRANSLATORS: option, FY: amount */
      return g_strdup_printf (_("%s, %s: %s net"), self->series_names[s], self->category_labels[c], amount);
    case CONSORT_CHART_CUMULATIVE:
      if (self->breakeven[s] == c)
        return g_strdup_printf (_("%s, %s: %s cumulative net (breaks even)"),
                                self->series_names[s], self->category_labels[c], amount);
      return g_strdup_printf (_("%s, %s: %s cumulative net"),
                              self->series_names[s], self->category_labels[c], amount);
    case CONSORT_CHART_SERVICE_STACK:
      return g_strdup_printf (_("%s, %s: %s gross savings"),
                              self->series_names[s], self->category_labels[c], amount);
    case CONSORT_CHART_BOROUGH_SHARES:
      {
        ConsortMoney total = self->series_totals[s];
        if (total != 0)
          {
            /* A share in tenths of a per cent, rounded half away from zero. */
            ConsortMoney tenths = 0;
            g_autofree char *share = NULL;

            if (!consort_money_muldiv (v, 1000, total, &tenths))
              tenths = 0;
            /* The percentage is formatted on its own so that the
             * translatable text holds no platform format macro. */
            share = g_strdup_printf ("%s%" G_GINT64_FORMAT ".%d%%", tenths < 0 ? "-" : "",
                                     ABS (tenths) / 10, (int) (ABS (tenths) % 10));
            /* TRANSLATORS: borough: amount measure, share; e.g. "Westminster: £335,000
             * gross savings, 50.0% of the partnership’s" */
            return g_strdup_printf (_("%s: %s %s, %s of the partnership’s"),
                                    self->category_labels[c], amount, measure_noun (s), share);
          }
        return g_strdup_printf (_("%s: %s %s"), self->category_labels[c], amount, measure_noun (s));
      }
    case CONSORT_N_CHART_KINDS:
    default:
      return NULL;
    }
}

char *
consort_chart_hit_test (ConsortChart *self,
                        double        width,
                        double        height,
                        double        x,
                        double        y)
{
  g_return_val_if_fail (self != NULL, NULL);
  return consort_chart_hit_test_with_style (self, NULL, width, height, x, y);
}

char *
consort_chart_hit_test_with_style (ConsortChart            *self,
                                   const ConsortChartStyle *style,
                                   double                   width,
                                   double                   height,
                                   double                   x,
                                   double                   y)
{
  Geometry g;
  int c;

  g_return_val_if_fail (self != NULL, NULL);
  if (self->n_series == 0 || !geometry_for (self, style, width, height, &g))
    return NULL;
  if (x < g.plot_x || x >= g.plot_x + g.plot_w || y < g.plot_y - g.lh || y > g.plot_y + g.plot_h + g.lh)
    return NULL;
  c = CLAMP ((int) floor ((x - g.plot_x) / g.slot_w), 0, self->n_categories - 1);

  if (self->lines)
    {
      int best = -1;
      double best_d = MAX (g.fs * 1.2, 12);
      double px = g.plot_x + (c + 0.5) * g.slot_w;

      if (fabs (x - px) > MAX (g.slot_w * 0.5, 12))
        return NULL;
      for (int s = 0; s < self->n_series; s++)
        {
          double d = fabs (y - y_of (&g, self->norm_hi[s * self->n_categories + c]));
          if (d < best_d)
            {
              best_d = d;
              best = s;
            }
        }
      return best >= 0 ? tooltip_for (self, best, c) : NULL;
    }

  if (self->stacked)
    {
      double bx, by, bw, bh;
      bar_rect (self, &g, 0, c, &bx, &by, &bw, &bh);
      if (x < bx || x > bx + bw)
        return NULL;
      for (int s = 0; s < self->n_series; s++)
        {
          bar_rect (self, &g, s, c, &bx, &by, &bw, &bh);
          if (bh > 0 && y >= by && y <= by + bh)
            return tooltip_for (self, s, c);
        }
      {
        g_autofree char *amount = money (self->stack_totals[c]);
        return g_strdup_printf (_("%s: %s gross savings in total"), self->category_labels[c], amount);
      }
    }

  /* Grouped bars: anywhere in a bar's column, however short the bar. */
  for (int s = 0; s < self->n_series; s++)
    {
      double bx, by, bw, bh;
      bar_rect (self, &g, s, c, &bx, &by, &bw, &bh);
      if (x >= bx - 0.5 && x <= bx + bw + 0.5)
        return tooltip_for (self, s, c);
    }
  return NULL;
}

gboolean
consort_chart_save (ConsortChart            *self,
                    const char              *path,
                    double                   width,
                    double                   height,
                    const ConsortChartStyle *style,
                    GError                 **error)
{
  g_autofree char *lower = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  gboolean png;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (style != NULL, FALSE);

  if (!(width >= 16 && height >= 16 && width <= 20000 && height <= 20000))
    {
      g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_INVALID,
                   _("%s: a chart must be between 16 and 20,000 wide and high, not %g x %g"),
                   path, width, height);
      return FALSE;
    }

  lower = g_ascii_strdown (path, -1);
  png = g_str_has_suffix (lower, ".png");
  if (png)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width), (int) ceil (height));
  else if (g_str_has_suffix (lower, ".svg"))
    surface = cairo_svg_surface_create (path, width, height);
  else if (g_str_has_suffix (lower, ".pdf"))
    surface = cairo_pdf_surface_create (path, width, height);
  else
    {
      g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_INVALID,
                   _("%s: a chart is saved as .svg, .png or .pdf"), path);
      return FALSE;
    }

  cr = cairo_create (surface);
  consort_chart_render (self, cr, width, height, style);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && png)
    status = cairo_surface_write_to_png (surface, path);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_IO,
                   _("%s: cannot write the chart: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
