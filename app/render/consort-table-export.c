/* consort-table-export.c: the appraisal's tables as data, CSV and xlsx.
 *
 * xlsx is written with libxlsxwriter (Debian's libxlsxwriter-dev): a
 * small, maintained C library that writes the Office Open XML format
 * Excel, LibreOffice and Numbers read, with real numbers, number
 * formats and formulas (with cached results, so viewers that do not
 * recalculate still show the totals).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "consort-table-export.h"

#include "consort-chart.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

static const char *const kind_names[CONSORT_N_TABLE_KINDS] = {
  [CONSORT_TABLE_GROSS] = "gross",
  [CONSORT_TABLE_COSTS] = "costs",
  [CONSORT_TABLE_NET] = "net",
  [CONSORT_TABLE_CUMULATIVE] = "cumulative",
  [CONSORT_TABLE_SUMMARY] = "summary",
  [CONSORT_TABLE_SERVICES] = "services",
};

const char *
consort_table_kind_to_string (ConsortTableKind kind)
{
  if ((guint) kind < CONSORT_N_TABLE_KINDS)
    return kind_names[kind];
  return NULL;
}

gboolean
consort_table_kind_from_string (const char       *s,
                                ConsortTableKind *out)
{
  for (guint i = 0; s && i < CONSORT_N_TABLE_KINDS; i++)
    if (g_str_equal (s, kind_names[i]))
      {
        *out = (ConsortTableKind) i;
        return TRUE;
      }
  return FALSE;
}

static ConsortTable *
table_alloc (ConsortTableKind kind,
             guint            n_rows,
             guint            n_columns)
{
  ConsortTable *t = g_new0 (ConsortTable, 1);

  t->kind = kind;
  t->n_rows = n_rows;
  t->n_columns = n_columns;
  t->column_titles = g_new0 (char *, n_columns + 1);
  t->numeric = g_new0 (gboolean, n_columns);
  t->types = g_new0 (ConsortCellType, (gsize) n_rows * n_columns);
  t->cells = g_new0 (char *, (gsize) n_rows * n_columns + 1);
  t->values = g_new0 (ConsortMoney, (gsize) n_rows * n_columns);
  for (gsize i = 0; i < (gsize) n_rows * n_columns; i++)
    t->types[i] = CONSORT_CELL_EMPTY;
  return t;
}

void
consort_table_free (ConsortTable *t)
{
  if (!t)
    return;
  g_free (t->title);
  g_free (t->subtitle);
  g_strfreev (t->column_titles);
  g_free (t->numeric);
  g_free (t->types);
  for (gsize i = 0; i < (gsize) t->n_rows * t->n_columns; i++)
    g_free (t->cells[i]);
  g_free (t->cells);
  g_free (t->values);
  g_free (t);
}

const char *
consort_table_get_cell (const ConsortTable *t,
                        guint               row,
                        guint               column)
{
  if (row >= t->n_rows || column >= t->n_columns)
    return NULL;
  return t->cells[(gsize) row * t->n_columns + column];
}

static void
set_text (ConsortTable *t, guint row, guint col, const char *text)
{
  gsize i = (gsize) row * t->n_columns + col;

  g_free (t->cells[i]);
  t->cells[i] = g_strdup (text ? text : "");
  t->types[i] = CONSORT_CELL_TEXT;
}

static void
set_money (ConsortTable *t, guint row, guint col, ConsortMoney value)
{
  gsize i = (gsize) row * t->n_columns + col;

  g_free (t->cells[i]);
  t->cells[i] = consort_money_format (value, CONSORT_MONEY_FORMAT_DEFAULT);
  t->values[i] = value;
  t->types[i] = CONSORT_CELL_MONEY;
}

static char *
party_name (const ConsortAppraisal *appraisal, int party)
{
  const ConsortBorough *b;

  if (party < 0)
    return g_strdup (_("Partnership"));
  b = g_ptr_array_index (appraisal->boroughs, party);
  return g_strdup_printf (_("%s’s share"), b->name);
}

static void
set_year_titles (ConsortTable *t, const ConsortResults *results, guint first_col)
{
  for (int y = 0; y < results->n_years; y++)
    {
      g_free (t->column_titles[first_col + y]);
      t->column_titles[first_col + y] = consort_fy_label (results->first_year + y, '/');
      t->numeric[first_col + y] = TRUE;
    }
}

ConsortTable *
consort_table_new (const ConsortResults *results,
                   ConsortTableKind      kind,
                   int                   option_index,
                   int                   party,
                   GError              **error)
{
  const ConsortAppraisal *appraisal = results->appraisal;
  int n_years = results->n_years;
  ConsortTable *t = NULL;

  g_return_val_if_fail (results != NULL, NULL);

  if (party < -1 || party >= (int) appraisal->boroughs->len)
    {
      g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_INVALID,
                   _("borough %d is out of range"), party);
      return NULL;
    }

  switch (kind)
    {
    case CONSORT_TABLE_GROSS:
    case CONSORT_TABLE_COSTS:
    case CONSORT_TABLE_NET:
    case CONSORT_TABLE_CUMULATIVE:
      {
        gboolean total = kind != CONSORT_TABLE_CUMULATIVE;
        guint n_cols = 1 + n_years + (total ? 1 : 0);

        t = table_alloc (kind, results->n_options, n_cols);
        t->column_titles[0] = g_strdup (_("Option"));
        set_year_titles (t, results, 1);
        if (total)
          {
            t->column_titles[n_cols - 1] = g_strdup (_("Total"));
            t->numeric[n_cols - 1] = TRUE;
            t->has_total_column = TRUE;
            t->first_sum_column = 1;
            t->n_sum_columns = n_years;
          }
        for (int o = 0; o < results->n_options; o++)
          {
            const ConsortOptionResult *r = &results->options[o];
            const ConsortFigures *f = consort_option_result_figures (r, party);
            const ConsortMoney *v = kind == CONSORT_TABLE_GROSS ? f->gross
                                  : kind == CONSORT_TABLE_COSTS ? f->costs
                                  : kind == CONSORT_TABLE_NET ? f->net
                                  : f->cumulative;

            set_text (t, o, 0, r->option->name);
            for (int y = 0; y < n_years; y++)
              set_money (t, o, 1 + y, v[y]);
            if (total)
              set_money (t, o, n_cols - 1,
                         kind == CONSORT_TABLE_GROSS ? f->total_gross
                         : kind == CONSORT_TABLE_COSTS ? f->total_costs
                         : f->total_net);
          }
        t->title = g_strdup (kind == CONSORT_TABLE_GROSS ? _("Gross savings")
                             : kind == CONSORT_TABLE_COSTS ? _("One-off costs")
                             : kind == CONSORT_TABLE_NET ? _("Net savings")
                             : _("Cumulative net savings"));
        break;
      }

    case CONSORT_TABLE_SUMMARY:
      {
        g_autofree char *npv = NULL;
        g_autofree char *rate = consort_micros_to_decimal (appraisal->discount_rate * 100);

        t = table_alloc (kind, results->n_options, 7);
        t->column_titles[0] = g_strdup (_("Option"));
        t->column_titles[1] = g_strdup (_("Kind"));
        t->column_titles[2] = g_strdup (_("Gross savings"));
        t->column_titles[3] = g_strdup (_("Costs"));
        t->column_titles[4] = g_strdup (_("Net savings"));
        t->column_titles[5] = g_strdup_printf (_("NPV at %s%%"), rate);
        t->column_titles[6] = g_strdup (_("Break-even"));
        for (guint c = 2; c <= 5; c++)
          t->numeric[c] = TRUE;
        for (int o = 0; o < results->n_options; o++)
          {
            const ConsortOptionResult *r = &results->options[o];
            const ConsortFigures *f = consort_option_result_figures (r, party);
            g_autofree char *be = NULL;

            set_text (t, o, 0, r->option->name);
            set_text (t, o, 1, consort_kind_describe (r->kind));
            set_money (t, o, 2, f->total_gross);
            set_money (t, o, 3, f->total_costs);
            set_money (t, o, 4, f->total_net);
            set_money (t, o, 5, f->npv);
            if (f->breakeven != CONSORT_NO_YEAR)
              be = consort_fy_label (f->breakeven, '/');
            set_text (t, o, 6, be ? be : _("None"));
          }
        t->title = g_strdup (_("Summary of options"));
        break;
      }

    case CONSORT_TABLE_SERVICES:
      {
        const ConsortOptionResult *r;
        guint n_services, row = 0, n_cols = 1 + n_years + 1;
        g_autofree gboolean *shown = NULL;
        ConsortMoney *col_sum;

        if (option_index < 0 || option_index >= results->n_options)
          {
            g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_INVALID,
                         _("option %d is out of range"), option_index);
            return NULL;
          }
        r = &results->options[option_index];
        /* Only services the option saves on in some year: an option
         * usually touches a few of many services. */
        shown = g_new0 (gboolean, r->n_services);
        n_services = 0;
        for (int s = 0; s < r->n_services; s++)
          for (int y = 0; y < n_years; y++)
            if (consort_option_result_service_gross (r, party, s, y) != 0)
              {
                shown[s] = TRUE;
                n_services++;
                break;
              }

        t = table_alloc (kind, n_services + 1, n_cols);
        t->column_titles[0] = g_strdup (_("Service"));
        set_year_titles (t, results, 1);
        t->column_titles[n_cols - 1] = g_strdup (_("Total"));
        t->numeric[n_cols - 1] = TRUE;
        t->has_total_column = TRUE;
        t->has_total_row = TRUE;
        t->first_sum_column = 1;
        t->n_sum_columns = n_years;
        col_sum = g_new0 (ConsortMoney, n_cols);
        for (int s = 0; s < r->n_services; s++)
          {
            const ConsortService *service = g_ptr_array_index (appraisal->services, s);
            ConsortMoney sum = 0;

            if (!shown[s])
              continue;
            set_text (t, row, 0, service->name);
            for (int y = 0; y < n_years; y++)
              {
                ConsortMoney v = consort_option_result_service_gross (r, party, s, y);
                set_money (t, row, 1 + y, v);
                sum += v;
                col_sum[1 + y] += v;
              }
            set_money (t, row, n_cols - 1, sum);
            col_sum[n_cols - 1] += sum;
            row++;
          }
        set_text (t, row, 0, _("Total"));
        for (guint c = 1; c < n_cols; c++)
          set_money (t, row, c, col_sum[c]);
        g_free (col_sum);
        t->title = g_strdup_printf (_("Gross savings by service: %s"), r->option->name);
        break;
      }

    default:
      g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_INVALID, _("unknown table"));
      return NULL;
    }

  t->subtitle = party_name (appraisal, party);
  return t;
}

ConsortTable *
consort_table_new_from_chart (ConsortChart *chart)
{
  const ConsortChartTable *ct = consort_chart_get_table (chart);
  ConsortTable *t;

  t = table_alloc (CONSORT_N_TABLE_KINDS, ct->n_rows, ct->n_columns);
  for (guint c = 0; c < ct->n_columns; c++)
    {
      t->column_titles[c] = g_strdup (ct->column_titles[c]);
      t->numeric[c] = ct->numeric[c];
    }
  for (guint r = 0; r < ct->n_rows; r++)
    for (guint c = 0; c < ct->n_columns; c++)
      {
        if (ct->numeric[c])
          set_money (t, r, c, ct->values[(gsize) r * ct->n_columns + c]);
        else
          set_text (t, r, c, consort_chart_table_get_cell (ct, r, c));
      }
  t->has_total_row = ct->has_total_row;
  t->title = g_strdup (consort_chart_get_title (chart));
  t->subtitle = g_strdup (consort_chart_get_subtitle (chart) ? consort_chart_get_subtitle (chart) : "");
  return t;
}

/* CSV */

static void
csv_field (GString *out, const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

char *
consort_table_to_csv (const ConsortTable *t)
{
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < t->n_columns; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      csv_field (out, t->column_titles[c]);
    }
  g_string_append (out, "\r\n");
  for (guint r = 0; r < t->n_rows; r++)
    {
      for (guint c = 0; c < t->n_columns; c++)
        {
          gsize i = (gsize) r * t->n_columns + c;

          if (c > 0)
            g_string_append_c (out, ',');
          if (t->types[i] == CONSORT_CELL_MONEY)
            {
              g_autofree char *dec = consort_money_to_decimal (t->values[i]);
              g_string_append (out, dec);
            }
          else if (t->types[i] == CONSORT_CELL_TEXT)
            csv_field (out, t->cells[i]);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

/* xlsx */

static void
column_name (guint col, char *buf)
{
  char tmp[8];
  int n = 0;

  col++;
  while (col > 0)
    {
      col--;
      tmp[n++] = 'A' + col % 26;
      col /= 26;
    }
  for (int i = 0; i < n; i++)
    buf[i] = tmp[n - 1 - i];
  buf[n] = '\0';
}

static double
pounds (ConsortMoney pence)
{
  return (double) pence / CONSORT_PENCE_PER_POUND;
}

static gboolean
xlsx_check (lxw_error err, const char *path, GError **error)
{
  if (err == LXW_NO_ERROR)
    return TRUE;
  g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_IO, "%s: %s", path, lxw_strerror (err));
  return FALSE;
}

static gboolean
save_xlsx (const ConsortTable *t,
           const char         *path,
           const char         *shown_path,
           GError            **error)
{
  lxw_workbook_options options = { .constant_memory = LXW_FALSE, .tmpdir = NULL };
  lxw_workbook *wb;
  lxw_worksheet *ws;
  lxw_format *heading, *money, *money_total, *text_total, *title;
  g_autofree char *sheet_name = NULL;
  g_autofree char *caption = NULL;
  lxw_error err;
  /* Row 0 holds the title, row 1 the headings, the body from row 2. */
  const lxw_row_t first_body = 2;

  wb = workbook_new_opt (path, &options);
  if (!wb)
    {
      g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_IO,
                   _("%s: the spreadsheet cannot be created"), shown_path);
      return FALSE;
    }

  /* Sheet names: at most 31 characters, none of []:*?/\ */
  sheet_name = g_strdup (t->kind < CONSORT_N_TABLE_KINDS ? consort_table_kind_to_string (t->kind) : "chart");
  sheet_name[0] = g_ascii_toupper (sheet_name[0]);
  ws = workbook_add_worksheet (wb, sheet_name);
  workbook_set_properties (wb, &(lxw_doc_properties) { .title = t->title,
                                                       .comments = "Consort" });

  title = workbook_add_format (wb);
  format_set_bold (title);
  heading = workbook_add_format (wb);
  format_set_bold (heading);
  format_set_bottom (heading, LXW_BORDER_THIN);
  format_set_text_wrap (heading);
  money = workbook_add_format (wb);
  format_set_num_format (money, "\"£\"#,##0.00;(\"£\"#,##0.00)");
  money_total = workbook_add_format (wb);
  format_set_num_format (money_total, "\"£\"#,##0.00;(\"£\"#,##0.00)");
  format_set_bold (money_total);
  format_set_top (money_total, LXW_BORDER_THIN);
  text_total = workbook_add_format (wb);
  format_set_bold (text_total);
  format_set_top (text_total, LXW_BORDER_THIN);

  caption = g_strdup_printf ("%s: %s", t->title, t->subtitle);
  worksheet_write_string (ws, 0, 0, caption, title);

  for (guint c = 0; c < t->n_columns; c++)
    {
      lxw_format *f = heading;
      worksheet_write_string (ws, 1, c, t->column_titles[c], f);
      worksheet_set_column (ws, c, c, c == 0 ? 32 : (t->numeric[c] ? 16 : 14), NULL);
    }

  for (guint r = 0; r < t->n_rows; r++)
    {
      gboolean total_row = t->has_total_row && r == t->n_rows - 1;
      lxw_row_t row = first_body + r;

      for (guint c = 0; c < t->n_columns; c++)
        {
          gsize i = (gsize) r * t->n_columns + c;
          gboolean total_col = t->has_total_column && c == t->n_columns - 1;
          char col_a[8], col_b[8];
          g_autofree char *formula = NULL;

          switch (t->types[i])
            {
            case CONSORT_CELL_TEXT:
              worksheet_write_string (ws, row, c, t->cells[i], total_row ? text_total : NULL);
              break;
            case CONSORT_CELL_MONEY:
              if (total_row && t->n_rows > 1)
                {
                  column_name (c, col_a);
                  formula = g_strdup_printf ("=SUM(%s%u:%s%u)", col_a, first_body + 1,
                                             col_a, first_body + t->n_rows - 1);
                  worksheet_write_formula_num (ws, row, c, formula, money_total,
                                               pounds (t->values[i]));
                }
              else if (total_col && t->n_sum_columns > 0)
                {
                  column_name (t->first_sum_column, col_a);
                  column_name (t->first_sum_column + t->n_sum_columns - 1, col_b);
                  formula = g_strdup_printf ("=SUM(%s%u:%s%u)", col_a, row + 1, col_b, row + 1);
                  worksheet_write_formula_num (ws, row, c, formula, money_total,
                                               pounds (t->values[i]));
                }
              else
                worksheet_write_number (ws, row, c, pounds (t->values[i]), money);
              break;
            case CONSORT_CELL_EMPTY:
            default:
              break;
            }
        }
    }
  worksheet_freeze_panes (ws, first_body, 1);

  err = workbook_close (wb);
  if (!xlsx_check (err, shown_path, error))
    {
      g_unlink (path);
      return FALSE;
    }
  return TRUE;
}

gboolean
consort_table_save (const ConsortTable *t,
                    const char         *path,
                    GError            **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".csv"))
    {
      g_autofree char *csv = consort_table_to_csv (t);
      g_autoptr(GError) local = NULL;

      if (!g_file_set_contents (path, csv, -1, &local))
        {
          g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_IO, "%s", local->message);
          return FALSE;
        }
      return TRUE;
    }
  if (g_str_has_suffix (lower, ".xlsx"))
    {
      /* libxlsxwriter writes in place: write beside and rename, so a
       * failure never leaves a half-written spreadsheet at @path. */
      g_autofree char *tmp = g_strdup_printf ("%s.part-%d.xlsx", path, (int) getpid ());
      if (!save_xlsx (t, tmp, path, error))
        return FALSE;
      if (g_rename (tmp, path) != 0)
        {
          int saved = errno;
          g_unlink (tmp);
          g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_IO, "%s: %s", path, g_strerror (saved));
          return FALSE;
        }
      return TRUE;
    }
  g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_INVALID,
               _("%s: a table is saved as .csv or .xlsx"), path);
  return FALSE;
}
