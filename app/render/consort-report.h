/* consort-report.h: the cabinet report of an appraisal, paginated once
 * and drawn with cairo and Pango on any surface.
 *
 * consort_report_new() typesets the whole report into pages (A4
 * portrait, landscape where a wide table needs it); each page is a list
 * of positioned Pango layouts, rules and charts.  The same pages are
 * written to PDF by consort_report_save_pdf() and drawn one by one by
 * the GUI's GtkPrintOperation with consort_report_render_page(), so the
 * print-out is paginated exactly like the PDF.  Charts are drawn by
 * consort_chart_render(), the code the Comparison page uses.  No GTK.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "consort-core.h"

G_BEGIN_DECLS

/* For ConsortReportOptions.party: the appraisal's own borough (its
 * perspective) if it has one, else the partnership. */
#define CONSORT_REPORT_PERSPECTIVE (-2)

typedef struct {
  int         party;        /* -1 partnership, a borough index, or CONSORT_REPORT_PERSPECTIVE */
  const char *file_name;    /* in every page's footer; NULL: none */
  GDateTime  *date;         /* the report's date; NULL: now */
  const char *prepared_by;  /* NULL: the appraisal's author */
} ConsortReportOptions;

typedef struct _ConsortReport ConsortReport;

/* Paginates the report of @results.  NULL with @error if @options name a
 * borough the appraisal does not have. */
ConsortReport *consort_report_new   (ConsortResults             *results,
                                     const ConsortReportOptions *options,
                                     GError                    **error);
ConsortReport *consort_report_ref   (ConsortReport *report);
void           consort_report_unref (ConsortReport *report);

guint          consort_report_get_n_pages   (ConsortReport *report);
/* Page size in points (1/72 inch): 595.28 x 841.89, or swapped. */
gboolean       consort_report_page_is_landscape (ConsortReport *report,
                                                 guint          page);
void           consort_report_get_page_size (ConsortReport *report,
                                             guint          page,
                                             double        *width,
                                             double        *height);
/* Draws @page (0-based) with its top-left corner at the origin, in
 * points; scale @cr first to draw at another size. */
void           consort_report_render_page   (ConsortReport *report,
                                             cairo_t       *cr,
                                             guint          page);
/* Writes the whole report as PDF (with document outline and metadata);
 * atomically: a failure leaves nothing at @path. */
gboolean       consort_report_save_pdf      (ConsortReport *report,
                                             const char    *path,
                                             GError       **error);

/* Sections in order (title, 0-based page, outline level 1 or 2), as in
 * the contents and the PDF outline. */
guint          consort_report_get_n_sections (ConsortReport *report);
const char    *consort_report_get_section    (ConsortReport *report,
                                              guint          index,
                                              guint         *page,
                                              int           *level);

/* Checks the typesetting from the layout's own measurements: every text
 * and chart box lies inside its page's printable area, no two overlap,
 * and no text is wider than its column or cut short.  FALSE with a
 * message naming the page and the texts otherwise. */
gboolean       consort_report_check_layout  (ConsortReport *report,
                                             GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConsortReport, consort_report_unref)

G_END_DECLS
