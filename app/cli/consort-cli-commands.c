/* consort-cli-commands.c: import, export, validate and summary.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "consort-cli.h"

#define ARG(inv, i) ((const char *) g_ptr_array_index ((inv)->args, (i)))

int
consort_cli_import (ConsortCliInvocation *inv)
{
  const char *in = ARG (inv, 0);
  const char *out = ARG (inv, 1);
  const char *inputs[] = { in, NULL };
  g_autoptr(ConsortAppraisal) appraisal = NULL;
  int status = CONSORT_CLI_EXIT_OK;

  if (g_str_equal (out, "-"))
    return consort_cli_usage_error (inv, _("a document cannot be written to standard output"));

  appraisal = consort_cli_load (in, NULL, &status);
  if (!appraisal)
    return status;

  status = consort_cli_check_output (out, inputs, consort_cli_has_flag (inv, "force"));
  if (status != CONSORT_CLI_EXIT_OK)
    return status;

  return consort_cli_write_document (out, appraisal);
}

int
consort_cli_export (ConsortCliInvocation *inv)
{
  const char *in = ARG (inv, 0);
  const char *out = ARG (inv, 1);
  const char *inputs[] = { in, NULL };
  g_autoptr(ConsortAppraisal) appraisal = NULL;
  g_autofree char *json = NULL;
  int status = CONSORT_CLI_EXIT_OK;

  appraisal = consort_cli_load (in, NULL, &status);
  if (!appraisal)
    return status;

  status = consort_cli_check_output (out, inputs, consort_cli_has_flag (inv, "force"));
  if (status != CONSORT_CLI_EXIT_OK)
    return status;

  json = consort_json_write (appraisal);
  if (!json)
    return consort_cli_fail (CONSORT_CLI_EXIT_OUTPUT, out, _("cannot write the appraisal as JSON"));
  return consort_cli_write_text (out, json, strlen (json));
}

ConsortResults *
consort_cli_compute (const char       *path,
                     ConsortAppraisal *appraisal,
                     int              *status)
{
  g_autoptr(GError) error = NULL;
  ConsortResults *results;

  results = consort_engine_compute (appraisal, &error);
  if (!results)
    *status = consort_cli_fail (CONSORT_CLI_EXIT_BAD_INPUT, path, "%s",
                                error ? error->message : _("the figures cannot be computed"));
  return results;
}

int
consort_cli_find_borough (const char             *path,
                          const ConsortAppraisal *appraisal,
                          const char             *id,
                          int                    *party)
{
  g_autoptr(GString) ids = NULL;

  *party = consort_appraisal_borough_index (appraisal, id);
  if (*party >= 0)
    return CONSORT_CLI_EXIT_OK;

  ids = g_string_new (NULL);
  for (guint i = 0; i < appraisal->boroughs->len; i++)
    {
      const ConsortBorough *b = g_ptr_array_index (appraisal->boroughs, i);
      g_string_append_printf (ids, "%s%s", i ? ", " : "", b->id);
    }
  return consort_cli_fail (CONSORT_CLI_EXIT_USAGE, path,
                           _("--borough: no borough has the id “%s” (the ids are: %s)"),
                           id, ids->len ? ids->str : _("none"));
}

int
consort_cli_validate (ConsortCliInvocation *inv)
{
  const char *path = ARG (inv, 0);
  g_autoptr(ConsortAppraisal) appraisal = NULL;
  g_autoptr(ConsortResults) results = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *line = NULL;
  g_autofree char *boroughs = NULL;
  g_autofree char *services = NULL;
  g_autofree char *options = NULL;
  ConsortCliInputKind kind;
  int status = CONSORT_CLI_EXIT_OK;

  appraisal = consort_cli_load (path, &kind, &status);
  if (!appraisal)
    return status;
  /* Valid also means every figure fits: compute them once. */
  results = consort_cli_compute (path, appraisal, &status);
  if (!results)
    return status;

  first = consort_fy_label (appraisal->first_year, '/');
  last = consort_fy_label (appraisal->first_year + appraisal->years - 1, '/');
  /* Each count has its own plural form. */
  boroughs = g_strdup_printf (ngettext ("%u borough", "%u boroughs", appraisal->boroughs->len),
                              appraisal->boroughs->len);
  services = g_strdup_printf (ngettext ("%u service", "%u services", appraisal->services->len),
                              appraisal->services->len);
  options = g_strdup_printf (ngettext ("%u option", "%u options", appraisal->options->len),
                             appraisal->options->len);
  /* Translators: "plan.json: valid interchange JSON “Title”: 4 boroughs,
   * 7 services, 4 options, FY 2010/11 to 2013/14" */
  line = g_strdup_printf (_("%s: valid %s “%s”: %s, %s, %s, FY %s to %s\n"),
                          path,
                          kind == CONSORT_CLI_INPUT_DOCUMENT ? _("Consort document")
                                                             : _("interchange JSON"),
                          appraisal->title ? appraisal->title : "",
                          boroughs, services, options, first, last);
  return consort_cli_print (line);
}

int
consort_cli_summary (ConsortCliInvocation *inv)
{
  const char *path = ARG (inv, 0);
  const char *borough = consort_cli_get_option (inv, "borough");
  gboolean json = consort_cli_has_flag (inv, "json");
  gboolean partnership = consort_cli_has_flag (inv, "partnership");
  g_autoptr(ConsortAppraisal) appraisal = NULL;
  g_autoptr(ConsortResults) results = NULL;
  g_autofree char *text = NULL;
  int status = CONSORT_CLI_EXIT_OK;
  int party = -1;

  if (borough && partnership)
    return consort_cli_usage_error (inv, _("--borough and --partnership exclude each other"));

  appraisal = consort_cli_load (path, NULL, &status);
  if (!appraisal)
    return status;

  if (borough)
    {
      status = consort_cli_find_borough (path, appraisal, borough, &party);
      if (status != CONSORT_CLI_EXIT_OK)
        return status;
    }
  else if (!json && !partnership && appraisal->perspective)
    {
      /* The text takes the appraisal's own point of view, as the
       * council paper does. */
      party = consort_appraisal_borough_index (appraisal, appraisal->perspective);
    }

  results = consort_cli_compute (path, appraisal, &status);
  if (!results)
    return status;

  text = json ? consort_summary_to_json (results, party)
              : consort_summary_to_text (results, party);
  if (!text)
    return consort_cli_fail (CONSORT_CLI_EXIT_BAD_INPUT, path, _("the summary cannot be made"));
  status = consort_cli_print (text);
  if (status == CONSORT_CLI_EXIT_OK && *text && !g_str_has_suffix (text, "\n"))
    status = consort_cli_print ("\n");
  return status;
}
