/* consort-table-export.h: the appraisal's tables as data, CSV and xlsx.
 *
 * A ConsortTable is one of the tables of the Comparison page and the
 * report (options x FY for gross savings, costs, net savings and
 * cumulative net; the summary of options; one option's gross savings by
 * service), built from a ConsortResults with exact pence.  The PDF
 * report typesets the same tables, and the exports write them for
 * spreadsheets: CSV (UTF-8, FY headings, plain numbers in pounds) and
 * xlsx (numbers as numbers, totals as SUM formulas).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "consort-core.h"

G_BEGIN_DECLS

typedef enum {
  CONSORT_TABLE_GROSS,       /* options x FY + Total */
  CONSORT_TABLE_COSTS,       /* options x FY + Total */
  CONSORT_TABLE_NET,         /* options x FY + Total */
  CONSORT_TABLE_CUMULATIVE,  /* options x FY (no total: the last FY is it) */
  CONSORT_TABLE_SUMMARY,     /* options x kind, totals, NPV, break-even */
  CONSORT_TABLE_SERVICES,    /* one option: services x FY + Total, Total row */
  CONSORT_N_TABLE_KINDS
} ConsortTableKind;

typedef enum {
  CONSORT_CELL_TEXT,
  CONSORT_CELL_MONEY,   /* values[] holds exact pence */
  CONSORT_CELL_EMPTY,
} ConsortCellType;

typedef struct {
  ConsortTableKind kind;
  char            *title;          /* "Net savings", "Gross savings by service: Option 3" */
  char            *subtitle;       /* "Partnership", "Westminster’s share" */
  guint            n_rows;         /* body rows, the Total row included */
  guint            n_columns;
  char           **column_titles;  /* [n_columns] */
  gboolean        *numeric;        /* [n_columns]: right-aligned money */
  ConsortCellType *types;          /* [n_rows * n_columns] */
  char           **cells;          /* [n_rows * n_columns] display text ("(£247,160)") */
  ConsortMoney    *values;         /* [n_rows * n_columns] pence, 0 unless MONEY */
  gboolean         has_total_row;  /* last row: column sums */
  gboolean         has_total_column; /* last column: row sums of the FY columns */
  guint            first_sum_column; /* FY columns summed by the Total column: */
  guint            n_sum_columns;    /* [first, first + n) */
} ConsortTable;

/* Builds a table; @party -1 for the partnership, else a borough index;
 * @option_index is used by CONSORT_TABLE_SERVICES only.  NULL with
 * @error for an option or borough out of range. */
ConsortTable *consort_table_new  (const ConsortResults *results,
                                  ConsortTableKind      kind,
                                  int                   option_index,
                                  int                   party,
                                  GError              **error);
void          consort_table_free (ConsortTable *table);

/* The numbers of a chart (consort_chart_get_table()) as a table, for
 * exporting them; its kind is CONSORT_N_TABLE_KINDS. */
typedef struct _ConsortChart ConsortChart;
ConsortTable *consort_table_new_from_chart (ConsortChart *chart);

const char   *consort_table_get_cell (const ConsortTable *table, guint row, guint column);

/* CSV (RFC 4180, UTF-8, no BOM): a heading row, then one row per table
 * row; money as plain pounds ("-247160", "1423436.78"). */
char         *consort_table_to_csv (const ConsortTable *table);

/* Writes .csv or .xlsx by @path's extension; on failure @error names
 * the file and the problem and nothing is left at @path. */
gboolean      consort_table_save   (const ConsortTable *table,
                                    const char         *path,
                                    GError            **error);

/* "gross", "costs", "net", "cumulative", "summary", "services" */
const char   *consort_table_kind_to_string   (ConsortTableKind kind);
gboolean      consort_table_kind_from_string (const char *s, ConsortTableKind *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConsortTable, consort_table_free)

G_END_DECLS
