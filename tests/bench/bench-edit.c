/* bench-edit.c: how long Consort takes to show a document, and to
 * recompute and redraw after one edit, on a given appraisal (a benchmark,
 * not a test: `meson test --benchmark`, or scripts/bench-edit).
 *
 *   bench-edit [--edits N] [--size WxH] [--page NAME] FILE
 *
 * FILE is a .consort document (copied first: the original is never
 * written) or an interchange .json file (imported into a temporary
 * document).  The window shows PAGE (default: comparison).  Each edit
 * changes one baseline budget (alternately up and down by £1,000) of a
 * service that a rate-based saving uses, through consort_document_apply()
 * as the forms do, so every figure is recomputed.  For each edit it
 * reports:
 *   apply    consort_document_apply() itself: validation, the SQLite
 *            transaction and the "changed" handlers;
 *   changed  of which the "changed" handlers (pages refreshing: the
 *            figures recomputed, tables and charts updated);
 *   frame    from the start of the edit to the end of the first frame
 *            painted after it;
 *   redraw   from apply returning (the "changed" handlers have run) to
 *            the end of that frame: the pages' redraw, the 16 ms target;
 *            split into wait (to the frame's start), layout (measuring
 *            and allocating widgets) and paint (snapshot and rendering:
 *            GSK_RENDERER=cairo or gl changes this one);
 *   settled  to the end of the last frame painted before the window
 *            stays unchanged for 300 ms (the new figures on screen).
 * Then it repaints the window as many times with nothing changed:
 *   repaint  the paint phase of such a frame, for comparison.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "consort-application.h"
#include "consort-window.h"

static gint64 last_paint_end;
static guint n_paints;
/* Phases of the frame last painted: the end of "before-paint", of
 * "layout" (GTK's size allocation) and of "paint" (snapshot and
 * rendering), each connected after GTK's own handler. */
static gint64 before_paint_end, layout_end, paint_end;
/* The document's "changed" emission: its first handler (connected
 * before the window's) and its last (connected after). */
static gint64 changed_start, changed_end;

static void
changed_first_cb (ConsortDocument *document,
                  gpointer         data)
{
  changed_start = g_get_monotonic_time ();
}

static void
changed_last_cb (ConsortDocument *document,
                 gpointer         data)
{
  changed_end = g_get_monotonic_time ();
}

static void
phase_cb (GdkFrameClock *clock,
          gpointer       data)
{
  *(gint64 *) data = g_get_monotonic_time ();
}

static gint64 trace_origin;  /* BENCH_TRACE: print every frame relative to this */

static void
after_paint (GdkFrameClock *clock,
             gpointer       data)
{
  /* A frame clock cycle can end without painting anything (layout only):
   * it does not count. */
  if (paint_end < before_paint_end)
    return;
  last_paint_end = g_get_monotonic_time ();
  n_paints++;
  if (trace_origin != 0)
    g_print ("  frame at %6.1f ms: %s%.1f ms paint\n", (last_paint_end - trace_origin) / 1000.0,
             layout_end > before_paint_end ? "layout, " : "",
             (paint_end - MAX (layout_end, before_paint_end)) / 1000.0);
}

static gboolean
set_true (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main loop until no frame has been painted for @quiet_ms
 * (or @limit_ms have passed); returns FALSE on the limit. */
static gboolean
wait_quiet (guint quiet_ms,
            guint limit_ms)
{
  gint64 start = g_get_monotonic_time ();

  for (;;)
    {
      guint paints = n_paints;
      gboolean done = FALSE;
      guint id = g_timeout_add (quiet_ms, set_true, &done);

      while (!done && n_paints == paints)
        g_main_context_iteration (NULL, TRUE);
      if (!done)
        g_source_remove (id);
      if (done && n_paints == paints)
        return TRUE;
      if (g_get_monotonic_time () - start > (gint64) limit_ms * 1000)
        return FALSE;
    }
}

/* Iterates until a frame is painted after @paints frames (or @limit_ms). */
static gboolean
wait_paint (guint paints,
            guint limit_ms)
{
  gboolean done = FALSE;
  guint id = g_timeout_add (limit_ms, set_true, &done);

  while (!done && n_paints == paints)
    g_main_context_iteration (NULL, TRUE);
  if (!done)
    g_source_remove (id);
  return n_paints != paints;
}

static ConsortDocument *
load (const char  *path,
      const char  *tmpdir,
      GError     **error)
{
  g_autoptr(ConsortAppraisal) appraisal = NULL;
  g_autofree char *copy_path = g_build_filename (tmpdir, "bench.consort", NULL);

  if (g_str_has_suffix (path, ".json"))
    {
      if (!(appraisal = consort_json_read_file (path, error)))
        return NULL;
      return consort_document_create (copy_path, appraisal, error);
    }
  else
    {
      g_autoptr(ConsortDocument) original = consort_document_open (path, CONSORT_OPEN_READ_ONLY, error);

      if (!original || !consort_document_save_as (original, copy_path, FALSE, error))
        return NULL;
      return consort_document_open (copy_path, CONSORT_OPEN_DEFAULT, error);
    }
}

/* What each edit changes, chosen so that figures on the comparison page
 * change: a baseline budget that a rate-based saving uses (of the first
 * participant, in the last option that has one); else the cost of the
 * first post of a posts saving; else the discount rate. */
typedef struct {
  enum { TARGET_BASELINE, TARGET_POST, TARGET_DISCOUNT } kind;
  guint  index;   /* service (BASELINE) or option (POST) */
  guint  item;    /* savings item (POST) */
  char  *borough_id;
} Target;

static void
find_target (const ConsortAppraisal *appraisal,
             Target                 *target)
{
  for (guint o = appraisal->options->len; o-- > 0;)
    {
      const ConsortOption *option = g_ptr_array_index (appraisal->options, o);

      if (option->participants->len == 0)
        continue;
      for (guint s = option->savings->len; s-- > 0;)
        {
          const ConsortSavingsItem *item = g_ptr_array_index (option->savings, s);
          const ConsortParticipant *first = g_ptr_array_index (option->participants, 0);
          int index;

          if (item->method != CONSORT_METHOD_RATE)
            continue;
          index = consort_appraisal_service_index (appraisal, item->service_id);
          if (index < 0 ||
              !consort_service_find_baseline (g_ptr_array_index (appraisal->services, index),
                                              first->borough_id))
            continue;
          target->kind = TARGET_BASELINE;
          target->index = index;
          target->borough_id = g_strdup (first->borough_id);
          return;
        }
    }
  for (guint o = appraisal->options->len; o-- > 0;)
    {
      const ConsortOption *option = g_ptr_array_index (appraisal->options, o);

      for (guint s = 0; s < option->savings->len; s++)
        {
          const ConsortSavingsItem *item = g_ptr_array_index (option->savings, s);

          if (item->method == CONSORT_METHOD_POSTS && item->posts->len > 0)
            {
              target->kind = TARGET_POST;
              target->index = o;
              target->item = s;
              return;
            }
        }
    }
  target->kind = TARGET_DISCOUNT;
}

static void
describe_target (const ConsortAppraisal *appraisal,
                 const Target           *target,
                 GString                *out)
{
  switch (target->kind)
    {
    case TARGET_BASELINE:
      g_string_append_printf (out, "the %s budget of %s",
                              ((ConsortService *) g_ptr_array_index (appraisal->services, target->index))->id,
                              target->borough_id);
      break;
    case TARGET_POST:
      g_string_append_printf (out, "the cost of a post in option %s",
                              ((ConsortOption *) g_ptr_array_index (appraisal->options, target->index))->id);
      break;
    case TARGET_DISCOUNT:
    default:
      g_string_append (out, "the discount rate");
      break;
    }
}

/* Edit @i: up for even @i, back down for odd, so the document stays near
 * where it started. */
static void
edit (ConsortAppraisal *copy,
      const Target     *target,
      int               i)
{
  int sign = i % 2 == 0 ? 1 : -1;

  switch (target->kind)
    {
    case TARGET_BASELINE:
      {
        ConsortService *service = g_ptr_array_index (copy->services, target->index);

        consort_service_find_baseline (service, target->borough_id)->budget += sign * 100000;  /* £1,000 */
      }
      break;
    case TARGET_POST:
      {
        ConsortOption *option = g_ptr_array_index (copy->options, target->index);
        ConsortSavingsItem *item = g_ptr_array_index (option->savings, target->item);

        ((ConsortPost *) g_ptr_array_index (item->posts, 0))->cost += sign * 100000;
      }
      break;
    case TARGET_DISCOUNT:
    default:
      copy->discount_rate += sign * 1000;  /* 0.1 percentage point */
      break;
    }
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

  if (n == 0)
    return;
  g_array_sort (values, compare_doubles);
  g_print ("%-8s min %7.1f  median %7.1f  max %7.1f ms  (%u edits)\n",
           name, v[0], n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2, v[n - 1], n);
}

int
main (int   argc,
      char *argv[])
{
  int edits = 20;
  g_autofree char *size = g_strdup ("1366x768");
  g_autofree char *page = g_strdup ("comparison");
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsortApplication) app = NULL;
  g_autoptr(ConsortDocument) document = NULL;
  g_autoptr(GArray) applies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) handlers = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) redraws = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) waits = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) layouts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) paint_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) repaints = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) settles = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *tmpdir = NULL;
  g_autofree char *copy_path = NULL;
  g_autoptr(GString) what = g_string_new (NULL);
  Target target = { 0 };
  ConsortWindow *window;
  GdkFrameClock *clock;
  int width, height;
  gint64 t0;
  guint paints;
  GOptionEntry entries[] = {
    { "edits", 'n', 0, G_OPTION_ARG_INT, &edits, "Number of edits (default 20)", "N" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, "Window size (default 1366x768)", "WIDTHxHEIGHT" },
    { "page", 'p', 0, G_OPTION_ARG_STRING, &page, "Page shown (default comparison)", "NAME" },
    { NULL }
  };

  context = g_option_context_new ("FILE - time Consort's redraw after an edit");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 ||
      sscanf (size, "%dx%d", &width, &height) != 2 || width < 200 || height < 200 ||
      edits < 1)
    {
      g_printerr ("%s\n", error ? error->message : "Usage: bench-edit [OPTIONS] FILE (see --help)");
      return 2;
    }

  app = consort_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("Could not start: %s\n", error->message);
      return 1;
    }
  if (!(tmpdir = g_dir_make_tmp ("consort-bench-edit-XXXXXX", &error)) ||
      !(document = load (argv[1], tmpdir, &error)))
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 1;
    }
  copy_path = g_strdup (consort_document_get_path (document));
  g_signal_connect (document, "changed", G_CALLBACK (changed_first_cb), NULL);
  g_signal_connect_after (document, "changed", G_CALLBACK (changed_last_cb), NULL);
  find_target (consort_document_get_appraisal (document), &target);
  describe_target (consort_document_get_appraisal (document), &target, what);

  window = consort_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  wait_quiet (300, 10000);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint), NULL);
  g_signal_connect_after (clock, "before-paint", G_CALLBACK (phase_cb), &before_paint_end);
  g_signal_connect_after (clock, "layout", G_CALLBACK (phase_cb), &layout_end);
  g_signal_connect_after (clock, "paint", G_CALLBACK (phase_cb), &paint_end);

  /* Showing the document: from handing it to the window to the settled
   * page. */
  paints = n_paints;
  t0 = g_get_monotonic_time ();
  consort_window_set_document (window, document);
  consort_window_show_page (window, page);
  if (!wait_paint (paints, 10000) || !wait_quiet (300, 60000))
    g_printerr ("warning: the window did not settle after showing the document\n");
  g_print ("%s: %s, %dx%d, page %s; each edit changes %s\n",
           argv[1], consort_document_get_appraisal (document)->title, width, height, page,
           what->str);
  g_print ("show     %7.1f ms (document handed to the window to settled page)\n",
           (last_paint_end - t0) / 1000.0);

  for (int i = 0; i < edits; i++)
    {
      g_autoptr(ConsortAppraisal) copy = consort_appraisal_copy (consort_document_get_appraisal (document));
      double apply_ms, frame_ms, redraw_ms, settled_ms, wait_ms, layout_ms, paint_ms, changed_ms;
      gint64 applied;

      edit (copy, &target, i);
      paints = n_paints;
      layout_end = 0;
      t0 = g_get_monotonic_time ();
      if (g_getenv ("BENCH_TRACE") && i < 3)
        trace_origin = t0;
      if (!consort_document_apply (document, copy, "Edit budget", &error))
        {
          g_printerr ("edit %d failed: %s\n", i + 1, error->message);
          return 1;
        }
      applied = g_get_monotonic_time ();
      apply_ms = (applied - t0) / 1000.0;
      changed_ms = (changed_end - changed_start) / 1000.0;
      if (!wait_paint (paints, 10000))
        {
          g_printerr ("edit %d: no frame was painted within 10 s\n", i + 1);
          return 1;
        }
      frame_ms = (last_paint_end - t0) / 1000.0;
      redraw_ms = frame_ms - apply_ms;
      wait_ms = (before_paint_end - applied) / 1000.0;
      layout_ms = layout_end ? (layout_end - before_paint_end) / 1000.0 : 0.0;
      paint_ms = (paint_end - (layout_end ? layout_end : before_paint_end)) / 1000.0;
      if (!wait_quiet (300, 30000))
        g_printerr ("edit %d: the window kept changing for 30 s\n", i + 1);
      settled_ms = (last_paint_end - t0) / 1000.0;
      trace_origin = 0;
      g_array_append_val (applies, apply_ms);
      g_array_append_val (handlers, changed_ms);
      g_array_append_val (frames, frame_ms);
      g_array_append_val (redraws, redraw_ms);
      g_array_append_val (waits, wait_ms);
      g_array_append_val (layouts, layout_ms);
      g_array_append_val (paint_times, paint_ms);
      g_array_append_val (settles, settled_ms);
    }

  /* The same window repainted with nothing changed: what any frame costs
   * here (with no buffer age, GTK repaints the whole window). */
  for (int i = 0; i < edits; i++)
    {
      double paint_ms;

      paints = n_paints;
      layout_end = 0;
      gtk_widget_queue_draw (GTK_WIDGET (window));
      if (!wait_paint (paints, 10000))
        break;
      /* No layout phase when nothing was resized. */
      paint_ms = (paint_end - (layout_end ? layout_end : before_paint_end)) / 1000.0;
      g_array_append_val (repaints, paint_ms);
    }

  print_stats ("apply", applies);
  print_stats (" changed", handlers);
  print_stats ("frame", frames);
  print_stats ("redraw", redraws);
  print_stats (" wait", waits);
  print_stats (" layout", layouts);
  print_stats (" paint", paint_times);
  print_stats ("repaint", repaints);
  print_stats ("settled", settles);

  gtk_window_destroy (GTK_WINDOW (window));
  consort_document_close (document);
  g_unlink (copy_path);
  g_rmdir (tmpdir);
  g_free (target.borough_id);
  return 0;
}
