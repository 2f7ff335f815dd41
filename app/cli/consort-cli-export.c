/* consort-cli-export.c: the report, chart and table subcommands.
 *
 * Each draws with libconsort-render, the code the application uses:
 * the PDF report (consort-report.h), charts (consort-chart.h) and tables
 * for spreadsheets (consort-table-export.h).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <glib/gi18n.h>

#include "consort-cli.h"
#include "consort-chart.h"
#include "consort-report.h"
#include "consort-table-export.h"

#define ARG(inv, i) ((const char *) g_ptr_array_index ((inv)->args, (i)))

/* The party of --borough / --partnership, or the appraisal's own view. */
static int
resolve_party (ConsortCliInvocation   *inv,
               const char             *path,
               const ConsortAppraisal *appraisal,
               int                    *party)
{
  const char *borough = consort_cli_get_option (inv, "borough");

  if (borough && consort_cli_has_flag (inv, "partnership"))
    return consort_cli_usage_error (inv, _("--borough and --partnership exclude each other"));
  if (borough)
    return consort_cli_find_borough (path, appraisal, borough, party);
  if (consort_cli_has_flag (inv, "partnership"))
    *party = -1;
  else
    *party = appraisal->perspective
             ? consort_appraisal_borough_index (appraisal, appraisal->perspective) : -1;
  return CONSORT_CLI_EXIT_OK;
}

static int
resolve_option (ConsortCliInvocation   *inv,
                const char             *path,
                const ConsortAppraisal *appraisal,
                int                    *option_index)
{
  const char *id = consort_cli_get_option (inv, "option");

  if (!id)
    {
      *option_index = 0;
      if (appraisal->options->len == 0)
        return consort_cli_fail (CONSORT_CLI_EXIT_BAD_INPUT, path, _("the appraisal has no options"));
      return CONSORT_CLI_EXIT_OK;
    }
  *option_index = consort_appraisal_option_index (appraisal, id);
  if (*option_index < 0)
    {
      g_autoptr(GString) ids = g_string_new (NULL);
      for (guint i = 0; i < appraisal->options->len; i++)
        {
          ConsortOption *o = g_ptr_array_index (appraisal->options, i);
          g_string_append_printf (ids, "%s%s", i ? ", " : "", o->id);
        }
      return consort_cli_fail (CONSORT_CLI_EXIT_USAGE, path,
                               _("--option: “%s” is not an option of this appraisal (options: %s)"),
                               id, ids->len ? ids->str : _("none"));
    }
  return CONSORT_CLI_EXIT_OK;
}

static gboolean
has_suffix_ci (const char *path, const char *suffix)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  return g_str_has_suffix (lower, suffix);
}

/* The date printed on the report: now, or SOURCE_DATE_EPOCH for
 * reproducible output. */
static GDateTime *
report_date (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");

  if (epoch && *epoch)
    {
      char *end = NULL;
      gint64 t = g_ascii_strtoll (epoch, &end, 10);
      if (end && *end == '\0')
        return g_date_time_new_from_unix_utc (t);
    }
  return g_date_time_new_now_local ();
}

static int
parse_size (ConsortCliInvocation *inv, const char *name, double fallback, double *out)
{
  const char *text = consort_cli_get_option (inv, name);
  char *end = NULL;
  double v;

  *out = fallback;
  if (!text)
    return CONSORT_CLI_EXIT_OK;
  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !(v >= 50 && v <= 10000))
    return consort_cli_usage_error (inv, _("--%s: “%s” is not a size from 50 to 10000"), name, text);
  *out = v;
  return CONSORT_CLI_EXIT_OK;
}

int
consort_cli_report (ConsortCliInvocation *inv)
{
  const char *path = ARG (inv, 0);
  const char *out = ARG (inv, 1);
  const char *inputs[] = { path, NULL };
  g_autoptr(ConsortAppraisal) appraisal = NULL;
  g_autoptr(ConsortResults) results = NULL;
  g_autoptr(ConsortReport) report = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  ConsortReportOptions options = { 0 };
  int status = CONSORT_CLI_EXIT_OK;
  int party = -1;

  if (!has_suffix_ci (out, ".pdf"))
    return consort_cli_usage_error (inv, _("%s: the report is written as .pdf"), out);
  appraisal = consort_cli_load (path, NULL, &status);
  if (!appraisal)
    return status;
  status = resolve_party (inv, path, appraisal, &party);
  if (status != CONSORT_CLI_EXIT_OK)
    return status;
  status = consort_cli_check_output (out, inputs, consort_cli_has_flag (inv, "force"));
  if (status != CONSORT_CLI_EXIT_OK)
    return status;
  results = consort_cli_compute (path, appraisal, &status);
  if (!results)
    return status;

  base = g_path_get_basename (path);
  date = report_date ();
  options.party = party;
  options.file_name = base;
  options.date = date;
  options.prepared_by = consort_cli_get_option (inv, "prepared-by");
  report = consort_report_new (results, &options, &error);
  if (!report)
    return consort_cli_fail (CONSORT_CLI_EXIT_BAD_INPUT, path, "%s", error->message);
  if (!consort_report_save_pdf (report, out, &error))
    return consort_cli_fail (CONSORT_CLI_EXIT_OUTPUT, out, "%s", error->message);
  return CONSORT_CLI_EXIT_OK;
}

int
consort_cli_chart (ConsortCliInvocation *inv)
{
  const char *path = ARG (inv, 0);
  const char *out = ARG (inv, 1);
  const char *inputs[] = { path, NULL };
  const char *name = consort_cli_get_option (inv, "chart");
  g_autoptr(ConsortAppraisal) appraisal = NULL;
  g_autoptr(ConsortResults) results = NULL;
  g_autoptr(ConsortChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  ConsortChartStyle style;
  ConsortChartKind kind;
  int status = CONSORT_CLI_EXIT_OK;
  int party = -1, option_index = 0;
  double width, height;

  if (!name)
    return consort_cli_usage_error (inv, _("--chart NAME is needed (net, cumulative, services, boroughs)"));
  if (!consort_chart_kind_from_string (name, &kind))
    return consort_cli_usage_error (inv, _("--chart: “%s” is not a chart (net, cumulative, services, boroughs)"),
                                    name);
  if (!has_suffix_ci (out, ".svg") && !has_suffix_ci (out, ".png"))
    return consort_cli_usage_error (inv, _("%s: a chart is written as .svg or .png"), out);
  if ((status = parse_size (inv, "width", 800, &width)) != CONSORT_CLI_EXIT_OK)
    return status;
  if ((status = parse_size (inv, "height", 500, &height)) != CONSORT_CLI_EXIT_OK)
    return status;

  appraisal = consort_cli_load (path, NULL, &status);
  if (!appraisal)
    return status;
  if ((status = resolve_party (inv, path, appraisal, &party)) != CONSORT_CLI_EXIT_OK)
    return status;
  if ((status = resolve_option (inv, path, appraisal, &option_index)) != CONSORT_CLI_EXIT_OK)
    return status;
  status = consort_cli_check_output (out, inputs, consort_cli_has_flag (inv, "force"));
  if (status != CONSORT_CLI_EXIT_OK)
    return status;
  results = consort_cli_compute (path, appraisal, &status);
  if (!results)
    return status;

  chart = consort_chart_new (results, kind, option_index, party);
  consort_chart_style_init_light (&style);
  {
    /* Written beside and renamed: OUT is never left half-written. */
    g_autofree char *tmp = NULL;
    g_autofree char *ext = g_ascii_strdown (strrchr (out, '.'), -1);

    tmp = g_strdup_printf ("%s.part-%d%s", out, (int) getpid (), ext);
    if (!consort_chart_save (chart, tmp, width, height, &style, &error))
      {
        g_unlink (tmp);
        return consort_cli_fail (CONSORT_CLI_EXIT_OUTPUT, out, "%s", error->message);
      }
    if (g_rename (tmp, out) != 0)
      {
        int saved = errno;
        g_unlink (tmp);
        return consort_cli_fail (CONSORT_CLI_EXIT_OUTPUT, out, "%s", g_strerror (saved));
      }
  }
  return CONSORT_CLI_EXIT_OK;
}

int
consort_cli_table (ConsortCliInvocation *inv)
{
  const char *path = ARG (inv, 0);
  const char *out = ARG (inv, 1);
  const char *inputs[] = { path, NULL };
  const char *name = consort_cli_get_option (inv, "table");
  g_autoptr(ConsortAppraisal) appraisal = NULL;
  g_autoptr(ConsortResults) results = NULL;
  g_autoptr(ConsortTable) table = NULL;
  g_autoptr(GError) error = NULL;
  ConsortTableKind kind;
  int status = CONSORT_CLI_EXIT_OK;
  int party = -1, option_index = 0;
  gboolean to_stdout = g_str_equal (out, "-");

  if (!name)
    return consort_cli_usage_error (inv, _("--table NAME is needed (gross, costs, net, cumulative, summary, services)"));
  if (!consort_table_kind_from_string (name, &kind))
    return consort_cli_usage_error (inv, _("--table: “%s” is not a table (gross, costs, net, cumulative, summary, services)"),
                                    name);
  if (!to_stdout && !has_suffix_ci (out, ".csv") && !has_suffix_ci (out, ".xlsx"))
    return consort_cli_usage_error (inv, _("%s: a table is written as .csv or .xlsx (or “-” for CSV on standard output)"), out);

  appraisal = consort_cli_load (path, NULL, &status);
  if (!appraisal)
    return status;
  if ((status = resolve_party (inv, path, appraisal, &party)) != CONSORT_CLI_EXIT_OK)
    return status;
  if (kind == CONSORT_TABLE_SERVICES
      && (status = resolve_option (inv, path, appraisal, &option_index)) != CONSORT_CLI_EXIT_OK)
    return status;
  if (!to_stdout)
    {
      status = consort_cli_check_output (out, inputs, consort_cli_has_flag (inv, "force"));
      if (status != CONSORT_CLI_EXIT_OK)
        return status;
    }
  results = consort_cli_compute (path, appraisal, &status);
  if (!results)
    return status;

  table = consort_table_new (results, kind, option_index, party, &error);
  if (!table)
    return consort_cli_fail (CONSORT_CLI_EXIT_BAD_INPUT, path, "%s", error->message);
  if (to_stdout || has_suffix_ci (out, ".csv"))
    {
      g_autofree char *csv = consort_table_to_csv (table);
      return consort_cli_write_text (out, csv, strlen (csv));
    }
  if (!consort_table_save (table, out, &error))
    return consort_cli_fail (CONSORT_CLI_EXIT_OUTPUT, out, "%s", error->message);
  return CONSORT_CLI_EXIT_OK;
}
