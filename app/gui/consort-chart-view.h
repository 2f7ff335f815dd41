/* consort-chart-view.h: a widget that shows one ConsortChart.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "consort-chart.h"

G_BEGIN_DECLS

#define CONSORT_TYPE_CHART_VIEW (consort_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (ConsortChartView, consort_chart_view, CONSORT, CHART_VIEW, GtkWidget)

GtkWidget    *consort_chart_view_new            (void);
/* Takes a reference.  A chart equal to the current one keeps the
 * drawing that is already cached. */
void          consort_chart_view_set_chart      (ConsortChartView *self,
                                                 ConsortChart     *chart);
/* The chart shown (may be NULL), e.g. to export it with
 * consort_chart_save() or to draw it into the report. */
ConsortChart *consort_chart_view_get_chart      (ConsortChartView *self);
/* Multiplies every size of the drawing (presentation mode). */
void          consort_chart_view_set_scale      (ConsortChartView *self,
                                                 double            scale);
/* Draw the chart's own title above it (FALSE where a card shows it). */
void          consort_chart_view_set_draw_title (ConsortChartView *self,
                                                 gboolean          draw_title);
/* The style the view draws with now: theme colours, font, scale. */
void          consort_chart_view_get_style      (ConsortChartView  *self,
                                                 ConsortChartStyle *style);

G_END_DECLS
