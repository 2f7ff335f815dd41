/* consort-export.h: exports and printing in the application.
 *
 * The "export" action group (installed on any widget with a "document"
 * property: the window and the Comparison page):
 *   export.report          PDF report (file chooser)
 *   export.print           print, paginated like the PDF, with preview
 *   export.print-preview   the preview straight away
 *   export.table  "s"      "net.csv", "summary.xlsx", ... (file chooser)
 * and, in each Comparison chart card's "chart" group:
 *   chart.export-svg, chart.export-png   at a chosen size
 *   chart.export-csv, chart.export-xlsx  the chart's numbers
 * The functions below do the work without dialogs (used by the actions
 * and the tests).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "consort-core.h"
#include "consort-chart.h"
#include "consort-comparison-page.h"
#include "consort-report.h"
#include "consort-table-export.h"

G_BEGIN_DECLS

/* Inserts the "export" action group on @widget, which must have a
 * "document" property (ConsortDocument).  The actions are enabled while
 * there is a document.  The group is also the widget's object data
 * "consort-export-actions". */
void      consort_export_install_actions      (GtkWidget *widget);

/* The Comparison page: its "export" actions, the page menu's export
 * items and each chart card's export actions and items. */
void      consort_export_setup_comparison_page (ConsortComparisonPage *page);

/* The menu items of the export actions, for a primary menu. */
GMenu    *consort_export_new_menu_section      (void);

/* @party: -1 partnership, a borough index, or CONSORT_REPORT_PERSPECTIVE. */
ConsortReport *consort_export_new_report      (ConsortDocument *document,
                                               int              party,
                                               GError         **error);
gboolean  consort_export_report_to_pdf        (ConsortDocument *document,
                                               int              party,
                                               const char      *path,
                                               GError         **error);
gboolean  consort_export_table_to_file        (ConsortDocument  *document,
                                               ConsortTableKind  kind,
                                               int               option_index,
                                               int               party,
                                               const char       *path,
                                               GError          **error);
/* .svg or .png by @path's extension, light style, @width x @height
 * (points for SVG, pixels for PNG). */
gboolean  consort_export_chart_to_file        (ConsortChart *chart,
                                               const char   *path,
                                               int           width,
                                               int           height,
                                               GError      **error);
/* The chart's numbers (consort_chart_get_table) as .csv or .xlsx. */
gboolean  consort_export_chart_table_to_file  (ConsortChart *chart,
                                               const char   *path,
                                               GError      **error);

/* Runs a GtkPrintOperation over @report: the print dialog (with its
 * Preview button) or, with @preview, the preview window at once. */
void      consort_export_print                (GtkWindow     *parent,
                                               ConsortReport *report,
                                               gboolean       preview);
/* The same print operation, exported to a PDF file without a dialog
 * (GTK_PRINT_OPERATION_ACTION_EXPORT): what the printer would get. */
gboolean  consort_export_print_to_file        (ConsortReport *report,
                                               const char    *path,
                                               GError       **error);

G_END_DECLS
