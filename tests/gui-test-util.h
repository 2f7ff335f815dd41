/* gui-test-util.h: waiting helpers shared by the GUI tests.
 *
 * Under Xvfb, on a loaded CI machine or in the sanitizer build, a window
 * is mapped, resized and drawn when the X server answers, not after a
 * fixed number of main loop iterations or milliseconds.  These helpers
 * wait for the condition itself (bounded, so that a real failure still
 * ends the test with a message) instead of for a while.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

/* Generous: the sanitizer build under load can be 20 times slower. */
#define CONSORT_TEST_WAIT_SECONDS 30

typedef gboolean (*ConsortTestPredicate) (gpointer data);

/* Runs everything that is ready now, without blocking. */
static inline void
consort_test_drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Iterates the main context until @done holds or the bound passes;
 * returns whether it holds.  Callers assert on the result. */
static inline gboolean
consort_test_wait_until (ConsortTestPredicate done,
                         gpointer             data)
{
  gint64 deadline = g_get_monotonic_time () + CONSORT_TEST_WAIT_SECONDS * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        return done (data);
      /* Events from the X server arrive on a file descriptor: poll,
       * but wake up now and then to check the condition again. */
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return TRUE;
}

typedef struct
{
  GtkWidget *widget;
  int        width;
  int        height;
  guint      paints;  /* frames drawn since we started waiting */
  guint      target;  /* frames to wait for */
} ConsortTestWidgetWait;

static inline void
consort_test_after_paint_cb (GdkFrameClock *clock,
                             gpointer       data)
{
  ((ConsortTestWidgetWait *) data)->paints++;
}

static inline gboolean
consort_test_painted (gpointer data)
{
  ConsortTestWidgetWait *w = data;

  return w->paints >= w->target;
}

static inline gboolean
consort_test_has_frame_clock (gpointer data)
{
  ConsortTestWidgetWait *w = data;

  return gtk_widget_get_mapped (w->widget) && gtk_widget_get_frame_clock (w->widget) != NULL;
}

/* Waits until @widget's window is on screen and has drawn two whole
 * frames from now: whatever was queued (resizes, allocations, redraws,
 * and the idles they scheduled before the next frame) has been done. */
static inline void
consort_test_wait_frames (GtkWidget *widget)
{
  ConsortTestWidgetWait w = { widget, 0, 0, 0, 0 };
  GdkFrameClock *clock;
  gulong id;
  gboolean ok;

  g_assert_true (consort_test_wait_until (consort_test_has_frame_clock, &w));
  clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (consort_test_after_paint_cb), &w);
  /* One frame, then a second one for what the first one queued. */
  ok = TRUE;
  for (w.target = 1; ok && w.target <= 2; w.target++)
    {
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_LAYOUT | GDK_FRAME_CLOCK_PHASE_PAINT);
      ok = consort_test_wait_until (consort_test_painted, &w);
    }
  g_signal_handler_disconnect (clock, id);
  g_object_unref (clock);
  g_assert_true (ok);
  consort_test_drain ();
}

/* Every toplevel that is shown has drawn its frames. */
static inline void
consort_test_wait_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (window) && gtk_widget_get_mapped (window))
        consort_test_wait_frames (window);
    }
  consort_test_drain ();
}

static inline gboolean
consort_test_has_size (gpointer data)
{
  ConsortTestWidgetWait *w = data;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (w->widget));

  /* The X window's size: with client-side decorations the window
   * widget is that less its border. */
  return surface != NULL && gdk_surface_get_width (surface) == w->width
         && gdk_surface_get_height (surface) == w->height;
}

/* Resizes @window and waits until the X server has resized it and it
 * has been laid out and drawn at that size. */
static inline void
consort_test_resize (GtkWindow *window,
                     int        width,
                     int        height)
{
  ConsortTestWidgetWait w = { GTK_WIDGET (window), width, height, 0, 0 };

  gtk_window_set_default_size (window, width, height);
  if (!consort_test_wait_until (consort_test_has_size, &w))
    g_error ("window is %d×%d, not the %d×%d asked for",
             gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (window))),
             gdk_surface_get_height (gtk_native_get_surface (GTK_NATIVE (window))), width, height);
  consort_test_wait_frames (GTK_WIDGET (window));
}

/* Transitions (stacks, leaflets, revealers, toasts) end at once, so that
 * what a test looks at does not depend on how far an animation got. */
static inline void
consort_test_disable_animations (void)
{
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}
