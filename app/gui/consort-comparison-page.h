/* consort-comparison-page.h: the default page: the council-paper summary
 * table and the four charts.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "consort-core.h"
#include "consort-chart.h"
#include "consort-chart-view.h"

G_BEGIN_DECLS

#define CONSORT_TYPE_COMPARISON_PAGE (consort_comparison_page_get_type ())
G_DECLARE_FINAL_TYPE (ConsortComparisonPage, consort_comparison_page, CONSORT, COMPARISON_PAGE, AdwBin)

typedef enum {
  CONSORT_MEASURE_GROSS,
  CONSORT_MEASURE_COSTS,
  CONSORT_MEASURE_NET,
} ConsortMeasure;

/* "document" property (ConsortDocument, may be NULL): the page shows it
 * and follows its "changed" signal. */
void consort_comparison_page_set_document (ConsortComparisonPage *self, ConsortDocument *document);

/* What the summary table shows (the switch above it). */
void           consort_comparison_page_set_measure      (ConsortComparisonPage *self,
                                                         ConsortMeasure         measure);
ConsortMeasure consort_comparison_page_get_measure      (ConsortComparisonPage *self);
/* Whose figures: -1 for the partnership, else a borough index. */
void           consort_comparison_page_set_party        (ConsortComparisonPage *self,
                                                         int                    party);
int            consort_comparison_page_get_party        (ConsortComparisonPage *self);
/* The option of the service and borough charts (an index). */
void           consort_comparison_page_set_chart_option (ConsortComparisonPage *self,
                                                         int                    option_index);

/* Text of the summary table: @row is an option index, @column 0 the
 * option's name, then one per FY, Total, NPV and Break-even.  NULL out
 * of range or when no table is shown. */
const char    *consort_comparison_page_get_cell         (ConsortComparisonPage *self,
                                                         guint                  row,
                                                         guint                  column);
/* The summary table's heading of @column ("Total", "Net NPV"), the note
 * under it, whether figures are in the short form ("£758K", when the
 * full ones do not fit) and how many year columns are in view when the
 * years scroll (0 when they do not). */
const char    *consort_comparison_page_get_heading      (ConsortComparisonPage *self,
                                                         guint                  column);
const char    *consort_comparison_page_get_note         (ConsortComparisonPage *self);
gboolean       consort_comparison_page_get_short_figures (ConsortComparisonPage *self);
int            consort_comparison_page_get_years_shown  (ConsortComparisonPage *self);
/* Brings the figures up to date now (normally done on "changed"). */
void           consort_comparison_page_refresh          (ConsortComparisonPage *self);

/* For exports: the card's chart view (consort_chart_view_get_chart), the
 * card's "chart" action group, where the card's menu looks its actions
 * up, and the empty "export" sections of the page's and cards' menus. */
ConsortChartView *consort_comparison_page_get_chart_view     (ConsortComparisonPage *self,
                                                              ConsortChartKind       kind);
GActionMap       *consort_comparison_page_get_chart_actions  (ConsortComparisonPage *self,
                                                              ConsortChartKind       kind);
GMenu            *consort_comparison_page_get_export_section (ConsortComparisonPage *self);
GMenu            *consort_comparison_page_get_chart_export_section (ConsortComparisonPage *self);

/* Opens the presentation window at chart @kind, or at its first slide,
 * the summary table, for CONSORT_N_CHART_KINDS. */
void              consort_comparison_page_present            (ConsortComparisonPage *self,
                                                              ConsortChartKind       kind);

G_END_DECLS
