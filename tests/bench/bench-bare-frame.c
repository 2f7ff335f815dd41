/* bench-bare-frame.c: what one frame costs any GTK app here, as the floor
 * for bench-edit's redraw (a benchmark, not a test).
 *
 *   bench-bare-frame [--size WxH] [--frames N]
 *
 * A bare libadwaita window (header bar and status page) changes its
 * status page's title N times; for each frame it prints min / median /
 * max of the paint phase (snapshot and rendering), measured as in
 * bench-edit.c.  Run it with the renderer and window size of the
 * bench-edit run it is compared with (GSK_RENDERER=gl or cairo).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>

#include <adwaita.h>

static gint64 before_paint_end, layout_end, paint_end;
static guint n_paints;

static void
phase_cb (GdkFrameClock *clock,
          gpointer       data)
{
  *(gint64 *) data = g_get_monotonic_time ();
}

static void
after_paint (GdkFrameClock *clock,
             gpointer       data)
{
  if (paint_end >= before_paint_end)
    n_paints++;
}

static gboolean
set_true (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_true, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  int frames = 20;
  g_autofree char *size = g_strdup ("1366x768");
  GOptionEntry entries[] = {
    { "frames", 'n', 0, G_OPTION_ARG_INT, &frames, "Number of frames (default 20)", "N" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, "Window size (default 1366x768)", "WIDTHxHEIGHT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) paints = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *window, *box, *status;
  GdkFrameClock *clock;
  int width, height;
  double *v;
  guint n;

  context = g_option_context_new ("- time one frame of a bare libadwaita window");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      sscanf (size, "%dx%d", &width, &height) != 2 || width < 200 || height < 200 || frames < 1)
    {
      g_printerr ("%s\n", error ? error->message : "Usage: bench-bare-frame [--size WxH] [--frames N]");
      return 2;
    }

  adw_init ();
  window = adw_application_window_new (NULL);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  status = adw_status_page_new ();
  adw_status_page_set_title (ADW_STATUS_PAGE (status), "Bare window");
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (box), status);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  wait_ms (1000);

  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect_after (clock, "before-paint", G_CALLBACK (phase_cb), &before_paint_end);
  g_signal_connect_after (clock, "layout", G_CALLBACK (phase_cb), &layout_end);
  g_signal_connect_after (clock, "paint", G_CALLBACK (phase_cb), &paint_end);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint), NULL);

  for (int i = 0; i < frames; i++)
    {
      g_autofree char *title = g_strdup_printf ("Bare window %d", i + 1);
      guint before = n_paints;
      gint64 start = g_get_monotonic_time ();
      double ms;

      layout_end = 0;
      adw_status_page_set_title (ADW_STATUS_PAGE (status), title);
      while (n_paints == before && g_get_monotonic_time () - start < 10 * G_USEC_PER_SEC)
        g_main_context_iteration (NULL, TRUE);
      if (n_paints == before)
        {
          g_printerr ("frame %d: nothing painted within 10 s\n", i + 1);
          return 1;
        }
      ms = (paint_end - (layout_end > before_paint_end ? layout_end : before_paint_end)) / 1000.0;
      g_array_append_val (paints, ms);
      wait_ms (50);
    }

  g_array_sort (paints, compare_doubles);
  v = (double *) (gpointer) paints->data;
  n = paints->len;
  g_print ("bare window %dx%d, renderer %s: paint min %.1f  median %.1f  max %.1f ms  (%u frames)\n",
           width, height, g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default",
           v[0], n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2, v[n - 1], n);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
