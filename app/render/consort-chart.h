/* consort-chart.h: the Comparison charts, drawn with cairo and Pango.
 *
 * A ConsortChart is built once from a ConsortResults: it copies what it
 * shows (names, exact figures in pence) and normalises them against a
 * "nice" axis, so it does not keep the results alive.  The same
 * consort_chart_render() draws on screen (GtkSnapshot's cairo node), into
 * the PDF report and into SVG/PNG exports.  No GTK here.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "consort-core.h"

G_BEGIN_DECLS

typedef enum {
  CONSORT_CHART_NET_BY_YEAR,    /* grouped bars: net per option per FY */
  CONSORT_CHART_CUMULATIVE,     /* lines: cumulative net per option, break-even marked */
  CONSORT_CHART_SERVICE_STACK,  /* stacked bars: gross by service per FY, one option */
  CONSORT_CHART_BOROUGH_SHARES, /* grouped bars: gross, costs, net per borough, one option */
  CONSORT_N_CHART_KINDS
} ConsortChartKind;

#define CONSORT_CHART_PALETTE_SIZE 8

typedef struct {
  double red, green, blue, alpha;  /* 0..1 */
} ConsortChartColor;

typedef struct {
  ConsortChartColor foreground;   /* text, axis, zero line */
  ConsortChartColor background;   /* painted first unless @transparent; also outlines markers */
  ConsortChartColor grid;         /* gridlines */
  ConsortChartColor palette[CONSORT_CHART_PALETTE_SIZE];  /* series, in order */
  char              font_family[64];
  double            font_size;    /* in the surface's units (px on screen, pt in PDF) */
  double            scale;        /* multiplies every size: 1 normally, ~2 to present */
  gboolean          draw_title;   /* title and subtitle on top of the chart */
  gboolean          transparent;  /* leave the surface's background (a card behind) */
} ConsortChartStyle;

/* Colour-blind-safe defaults (Okabe-Ito order; lightened for dark). */
void consort_chart_style_init_light (ConsortChartStyle *style);
void consort_chart_style_init_dark  (ConsortChartStyle *style);

typedef struct _ConsortChart ConsortChart;

/* The same numbers as a table: column 0 holds the row labels; money
 * columns have numeric[col] TRUE and their exact pence in values[]. */
typedef struct {
  guint         n_rows;
  guint         n_columns;
  char        **column_titles;  /* [n_columns] */
  char        **cells;          /* [n_rows * n_columns], display text: "£525,000", "(£247,160)" */
  ConsortMoney *values;         /* [n_rows * n_columns], 0 where not numeric */
  gboolean     *numeric;        /* [n_columns] */
  gboolean      has_total_row;  /* the last row sums the others */
} ConsortChartTable;

/* @option_index is used by SERVICE_STACK and BOROUGH_SHARES (ignored by
 * the others); @party is -1 for the partnership, else a borough index
 * (ignored by BOROUGH_SHARES, which shows every borough).  An index out
 * of range gives a chart that says there is nothing to show. */
ConsortChart *consort_chart_new    (ConsortResults   *results,
                                    ConsortChartKind  kind,
                                    int               option_index,
                                    int               party);
ConsortChart *consort_chart_ref    (ConsortChart *chart);
void          consort_chart_unref  (ConsortChart *chart);

ConsortChartKind consort_chart_get_kind         (ConsortChart *chart);
/* "Net savings by year", "Gross savings by service: Option 3" */
const char      *consort_chart_get_title        (ConsortChart *chart);
/* "Partnership", "Westminster's share" */
const char      *consort_chart_get_subtitle     (ConsortChart *chart);
/* In words, for assistive technologies and the report. */
const char      *consort_chart_describe         (ConsortChart *chart);
const ConsortChartTable *consort_chart_get_table (ConsortChart *chart);
const char      *consort_chart_table_get_cell   (const ConsortChartTable *table,
                                                 guint row, guint column);
/* TRUE if both draw the same: lets a view keep its drawing. */
gboolean         consort_chart_equal            (ConsortChart *a,
                                                 ConsortChart *b);

/* Axis, normalised once: ticks in pence and their labels ("£500K",
 * "£1.5m", "(£250K)"). */
guint            consort_chart_get_n_ticks      (ConsortChart *chart);
ConsortMoney     consort_chart_get_tick         (ConsortChart *chart, guint i);
const char      *consort_chart_get_tick_label   (ConsortChart *chart, guint i);

/* Draws the whole chart in the rectangle (0, 0, @width, @height). */
void             consort_chart_render           (ConsortChart            *chart,
                                                 cairo_t                 *cr,
                                                 double                   width,
                                                 double                   height,
                                                 const ConsortChartStyle *style);
/* Tooltip text with exact figures at (@x, @y) for a chart drawn at
 * @width x @height with the style last used to render it (or the light
 * default), e.g. "Option 1B, 2011/12: £525,000 net"; NULL if nothing. */
char            *consort_chart_hit_test         (ConsortChart *chart,
                                                 double        width,
                                                 double        height,
                                                 double        x,
                                                 double        y);
/* The same for a chart drawn with @style: for a chart drawn in several
 * places at once (a card and the presentation window). */
char            *consort_chart_hit_test_with_style (ConsortChart            *chart,
                                                    const ConsortChartStyle *style,
                                                    double                   width,
                                                    double                   height,
                                                    double                   x,
                                                    double                   y);
/* Where the value of @series in @category is drawn (centre of the top
 * of its bar, or its line marker); FALSE if it is not drawn. */
gboolean         consort_chart_get_point        (ConsortChart *chart,
                                                 double        width,
                                                 double        height,
                                                 int           series,
                                                 int           category,
                                                 double       *x,
                                                 double       *y);
/* Writes .svg, .png or .pdf (by the extension of @path). */
gboolean         consort_chart_save             (ConsortChart            *chart,
                                                 const char              *path,
                                                 double                   width,
                                                 double                   height,
                                                 const ConsortChartStyle *style,
                                                 GError                 **error);

/* "net", "cumulative", "services", "boroughs" */
const char      *consort_chart_kind_to_string   (ConsortChartKind  kind);
gboolean         consort_chart_kind_from_string (const char       *s,
                                                 ConsortChartKind *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConsortChart, consort_chart_unref)

G_END_DECLS
