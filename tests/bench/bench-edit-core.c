/* bench-edit-core.c: what one edit costs in the core library, without
 * GTK (a benchmark, not a test: `meson test --benchmark`).
 *
 *   bench-edit-core [--edits N] [--dir DIR] FILE.json
 *
 * Imports FILE.json (e.g. the London-wide appraisal of
 * scripts/gen-london.py) into a new document in a temporary folder
 * (under DIR if given: put it on tmpfs to see the cost without the
 * disk's fsync), then makes N single edits, each as the GUI does: copy
 * the current appraisal, change one baseline budget (by £1,000, up and
 * down in turn), apply the copy, and compute the new figures.  For each
 * step it prints min / median / max in milliseconds:
 *   copy      consort_appraisal_copy() of the current state;
 *   validate  consort_appraisal_validate() of the edited copy;
 *   equal     consort_appraisal_equal() against the current state;
 *   apply     consort_document_apply(): validate, equal, the SQLite
 *             transaction with its COMMIT (fsync), the "changed" signal;
 *   save      apply minus validate and equal: the transaction alone;
 *   compute   consort_document_get_results() after the edit;
 *   total     copy + apply + compute: one edit, before any drawing.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>

#include <glib/gstdio.h>

#include "consort-core.h"

enum { COPY, VALIDATE, EQUAL, APPLY, SAVE, COMPUTE, TOTAL, N_STEPS };

static const char *const step_names[N_STEPS] = {
  "copy", "validate", "equal", "apply", "save", "compute", "total",
};

static double
ms_since (gint64 t0)
{
  return (g_get_monotonic_time () - t0) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
print_stats (const char *name,
             GArray     *values)
{
  double *v = (double *) (gpointer) values->data;
  guint n = values->len;

  g_array_sort (values, compare_doubles);
  g_print ("%-9s min %8.3f  median %8.3f  max %8.3f ms\n",
           name, v[0], n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2, v[n - 1]);
}

/* The baseline edited: of the service and borough that a rate-based
 * saving uses, so that figures really change; else the first baseline. */
static gboolean
find_baseline (const ConsortAppraisal *a,
               guint                  *service,
               guint                  *baseline)
{
  for (guint o = 0; o < a->options->len; o++)
    {
      const ConsortOption *option = g_ptr_array_index (a->options, o);

      for (guint s = 0; s < option->savings->len && option->participants->len > 0; s++)
        {
          const ConsortSavingsItem *item = g_ptr_array_index (option->savings, s);
          const ConsortParticipant *p = g_ptr_array_index (option->participants, 0);
          int index = consort_appraisal_service_index (a, item->service_id);
          const ConsortService *svc;

          if (item->method != CONSORT_METHOD_RATE || index < 0)
            continue;
          svc = g_ptr_array_index (a->services, index);
          for (guint b = 0; b < svc->baselines->len; b++)
            if (g_strcmp0 (((ConsortBaseline *) g_ptr_array_index (svc->baselines, b))->borough_id,
                           p->borough_id) == 0)
              {
                *service = index;
                *baseline = b;
                return TRUE;
              }
        }
    }
  for (guint s = 0; s < a->services->len; s++)
    if (((ConsortService *) g_ptr_array_index (a->services, s))->baselines->len > 0)
      {
        *service = s;
        *baseline = 0;
        return TRUE;
      }
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  int edits = 50;
  g_autofree char *dir = NULL;
  GOptionEntry entries[] = {
    { "edits", 'n', 0, G_OPTION_ARG_INT, &edits, "Number of edits (default 50)", "N" },
    { "dir", 'd', 0, G_OPTION_ARG_FILENAME, &dir, "Folder for the temporary document", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsortAppraisal) imported = NULL;
  g_autoptr(ConsortDocument) document = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *path = NULL;
  GArray *times[N_STEPS];
  guint service = 0, baseline = 0;
  ConsortResults *results;
  gint64 t0;
  double create_ms, first_compute_ms;

  context = g_option_context_new ("FILE.json - time one edit in the core library");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || edits < 1)
    {
      g_printerr ("%s\n", error ? error->message : "Usage: bench-edit-core [OPTIONS] FILE.json");
      return 2;
    }

  if (!(imported = consort_json_read_file (argv[1], &error)))
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 1;
    }
  if (dir)
    {
      g_autofree char *tmpl = g_build_filename (dir, "consort-bench-XXXXXX", NULL);

      tmpdir = g_mkdtemp (g_steal_pointer (&tmpl));
    }
  else
    tmpdir = g_dir_make_tmp ("consort-bench-XXXXXX", &error);
  if (tmpdir == NULL)
    {
      g_printerr ("Cannot make a temporary folder: %s\n",
                  error ? error->message : g_strerror (errno));
      return 1;
    }
  path = g_build_filename (tmpdir, "bench.consort", NULL);

  t0 = g_get_monotonic_time ();
  document = consort_document_create (path, imported, &error);
  create_ms = ms_since (t0);
  if (document == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      return 1;
    }
  t0 = g_get_monotonic_time ();
  results = consort_document_get_results (document, &error);
  first_compute_ms = ms_since (t0);
  if (results == NULL || !find_baseline (imported, &service, &baseline))
    {
      g_printerr ("%s: %s\n", argv[1], error ? error->message : "no baseline to edit");
      return 1;
    }

  g_print ("%s: \"%s\", %u boroughs, %u services, %u options, %d years; document in %s\n",
           argv[1], imported->title, imported->boroughs->len, imported->services->len,
           imported->options->len, imported->years, tmpdir);
  g_print ("create   %8.3f ms (validate and write a new file)\n", create_ms);
  g_print ("compute  %8.3f ms (first figures)\n", first_compute_ms);

  for (int s = 0; s < N_STEPS; s++)
    times[s] = g_array_new (FALSE, FALSE, sizeof (double));

  for (int i = 0; i < edits; i++)
    {
      g_autoptr(ConsortAppraisal) copy = NULL;
      ConsortService *svc;
      double t[N_STEPS];
      gboolean ok;

      t0 = g_get_monotonic_time ();
      copy = consort_appraisal_copy (consort_document_get_appraisal (document));
      t[COPY] = ms_since (t0);

      svc = g_ptr_array_index (copy->services, service);
      ((ConsortBaseline *) g_ptr_array_index (svc->baselines, baseline))->budget +=
        (i % 2 == 0 ? 1 : -1) * 100000;

      t0 = g_get_monotonic_time ();
      ok = consort_appraisal_validate (copy, &error);
      t[VALIDATE] = ms_since (t0);
      if (!ok)
        break;

      t0 = g_get_monotonic_time ();
      ok = consort_appraisal_equal (copy, consort_document_get_appraisal (document));
      t[EQUAL] = ms_since (t0);
      g_assert (!ok);

      t0 = g_get_monotonic_time ();
      ok = consort_document_apply (document, copy, "Edit budget", &error);
      t[APPLY] = ms_since (t0);
      if (!ok)
        break;
      t[SAVE] = MAX (t[APPLY] - t[VALIDATE] - t[EQUAL], 0.0);

      t0 = g_get_monotonic_time ();
      ok = consort_document_get_results (document, &error) != NULL;
      t[COMPUTE] = ms_since (t0);
      if (!ok)
        break;
      t[TOTAL] = t[COPY] + t[APPLY] + t[COMPUTE];

      for (int s = 0; s < N_STEPS; s++)
        g_array_append_val (times[s], t[s]);
    }
  if (error)
    {
      g_printerr ("edit failed: %s\n", error->message);
      return 1;
    }

  g_print ("%d edits (the budget of baseline %u of service %u):\n", edits, baseline, service);
  for (int s = 0; s < N_STEPS; s++)
    {
      print_stats (step_names[s], times[s]);
      g_array_unref (times[s]);
    }

  consort_document_close (document);
  g_unlink (path);
  g_rmdir (tmpdir);
  return 0;
}
