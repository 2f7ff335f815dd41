/* consort-screenshot.c: renders every page of a ConsortWindow to PNG.
 *
 *   consort-screenshot [--size 1366x768] [--scheme light|dark|both]
 *                      [--output DIR] [--page NAME]... [--read-only]
 *                      [--workdir DIR] FILE
 *
 * FILE is a .consort document (opened read-only, then copied so that
 * nothing is written to it) or a .json interchange file (imported into a
 * temporary document).  Writes DIR/<page>-<scheme>.png, including the
 * welcome page ("welcome").  The window is drawn through its own GSK
 * renderer, so the pictures are what the window shows, without a
 * compositor or window manager.  Used by scripts/screenshots.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "consort-application.h"
#include "consort-window.h"

static const char * const all_pages[] = {
  "welcome", "comparison", "options", "boroughs", "services", "feasibility", "settings", NULL,
};

static gboolean
set_true (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms, so that layout, frames and any
 * transitions settle. */
static void
settle (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_true, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
save_window (GtkWidget   *window,
             const char  *path,
             GError     **error)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (!node)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The window drew nothing");
      return FALSE;
    }

  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not write %s", path);
      return FALSE;
    }

  return TRUE;
}

static gboolean read_only;

static ConsortDocument *
load (const char  *path,
      const char  *tmpdir,
      GError     **error)
{
  g_autoptr(ConsortAppraisal) appraisal = NULL;
  g_autofree char *copy_path = NULL;

  /* Named after the appraisal, as a draft would be. */
  if (g_str_has_suffix (path, ".json"))
    {
      if (!(appraisal = consort_json_read_file (path, error)))
        return NULL;
      g_autoptr(ConsortDocument) created = NULL;

      copy_path = consort_unique_document_path (tmpdir, appraisal->title);
      if (!(created = consort_document_create (copy_path, appraisal, error)))
        return NULL;
      if (!read_only)
        return g_steal_pointer (&created);
      consort_document_close (created);
      return consort_document_open (copy_path, CONSORT_OPEN_READ_ONLY, error);
    }
  else
    {
      g_autoptr(ConsortDocument) original = consort_document_open (path, CONSORT_OPEN_READ_ONLY, error);

      if (!original)
        return NULL;
      copy_path = consort_unique_document_path (tmpdir, consort_document_get_appraisal (original)->title);
      if (!consort_document_save_as (original, copy_path, FALSE, error))
        return NULL;
      return consort_document_open (copy_path, read_only ? CONSORT_OPEN_READ_ONLY : CONSORT_OPEN_DEFAULT, error);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *size = g_strdup ("1366x768");
  g_autofree char *scheme = g_strdup ("both");
  g_autofree char *output = g_strdup ("docs/screenshots");
  g_auto(GStrv) pages = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsortApplication) app = NULL;
  g_autoptr(ConsortDocument) document = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *workdir = NULL;
  const char * const *page_list;
  const char *schemes[2];
  guint n_schemes = 0;
  ConsortWindow *window;
  int width, height;
  int status = 0;
  GOptionEntry entries[] = {
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, "Window size", "WIDTHxHEIGHT" },
    { "scheme", 0, 0, G_OPTION_ARG_STRING, &scheme, "light, dark or both", "SCHEME" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Folder for the PNG files", "DIR" },
    { "page", 'p', 0, G_OPTION_ARG_STRING_ARRAY, &pages, "Page to render (repeatable; default all)", "NAME" },
    { "read-only", 0, 0, G_OPTION_ARG_NONE, &read_only, "Open the document read-only", NULL },
    { "workdir", 0, 0, G_OPTION_ARG_FILENAME, &workdir, "Existing folder for the working copy (default: a new temporary folder)", "DIR" },
    { NULL }
  };

  context = g_option_context_new ("FILE - render Consort's pages to PNG");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 ||
      sscanf (size, "%dx%d", &width, &height) != 2 || width < 200 || height < 200)
    {
      g_printerr ("%s\n", error ? error->message : "Usage: consort-screenshot [OPTIONS] FILE (see --help)");
      return 2;
    }

  if (g_str_equal (scheme, "light") || g_str_equal (scheme, "both"))
    schemes[n_schemes++] = "light";
  if (g_str_equal (scheme, "dark") || g_str_equal (scheme, "both"))
    schemes[n_schemes++] = "dark";
  if (n_schemes == 0)
    {
      g_printerr ("--scheme must be light, dark or both, not “%s”\n", scheme);
      return 2;
    }
  page_list = pages ? (const char * const *) pages : all_pages;

  /* The application gives the window its style sheet and actions; it is
   * registered but not run, and we drive the main loop ourselves. */
  app = consort_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("Could not start: %s\n", error->message);
      return 1;
    }

  if (workdir)
    tmpdir = g_strdup (workdir);
  else if (!(tmpdir = g_dir_make_tmp ("consort-screenshot-XXXXXX", &error)))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (!(document = load (argv[1], tmpdir, &error)))
    {
      g_printerr ("Could not open %s: %s\n", argv[1], error->message);
      return 1;
    }

  /* The welcome page lists it among the recent appraisals. */
  consort_application_add_recent (app, consort_document_get_path (document));

  if (g_mkdir_with_parents (output, 0755) != 0)
    {
      g_printerr ("Could not create %s\n", output);
      return 1;
    }

  /* GNOME's interface font, as the desktop would set it. */
  g_object_set (gtk_settings_get_default (), "gtk-font-name", "Cantarell 11", NULL);

  window = consort_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  settle (500);

  /* The default size includes the client-side decorations' margins: grow
   * it until the window itself is the size asked for. */
  for (int tries = 0; tries < 5; tries++)
    {
      int w = gtk_widget_get_width (GTK_WIDGET (window));
      int h = gtk_widget_get_height (GTK_WIDGET (window));
      int dw, dh;

      if (w == width && h == height)
        break;
      gtk_window_get_default_size (GTK_WINDOW (window), &dw, &dh);
      gtk_window_set_default_size (GTK_WINDOW (window), dw + width - w, dh + height - h);
      settle (300);
    }

  for (guint s = 0; s < n_schemes; s++)
    {
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          g_str_equal (schemes[s], "dark") ? ADW_COLOR_SCHEME_FORCE_DARK
                                                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);

      for (guint i = 0; page_list[i]; i++)
        {
          g_autofree char *name = g_strdup_printf ("%s-%s.png", page_list[i], schemes[s]);
          g_autofree char *path = g_build_filename (output, name, NULL);

          if (g_str_equal (page_list[i], "welcome"))
            consort_window_set_document (window, NULL);
          else
            {
              if (!consort_window_get_document (window))
                consort_window_set_document (window, document);
              if (!consort_window_get_page (window, page_list[i]))
                {
                  g_printerr ("No page called “%s”\n", page_list[i]);
                  status = 1;
                  continue;
                }
              consort_window_show_page (window, page_list[i]);
            }

          settle (600);

          if (gtk_widget_get_width (GTK_WIDGET (window)) != width ||
              gtk_widget_get_height (GTK_WIDGET (window)) != height)
            g_printerr ("Note: the window is %dx%d, not %dx%d\n",
                        gtk_widget_get_width (GTK_WIDGET (window)),
                        gtk_widget_get_height (GTK_WIDGET (window)), width, height);

          if (!save_window (GTK_WIDGET (window), path, &error))
            {
              g_printerr ("%s\n", error->message);
              g_clear_error (&error);
              status = 1;
              continue;
            }
          g_print ("%s\n", path);
        }
    }

  consort_window_set_document (window, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  consort_document_close (document);

  /* Remove the working copy (and its folder, if ours). */
  {
    g_autofree char *copy = g_strdup (consort_document_get_path (document));
    g_autofree char *journal = g_strconcat (copy, "-journal", NULL);
    g_autofree char *wal = g_strconcat (copy, "-wal", NULL);
    g_autofree char *shm = g_strconcat (copy, "-shm", NULL);

    g_clear_object (&document);
    g_unlink (copy);
    g_unlink (journal);
    g_unlink (wal);
    g_unlink (shm);
    if (!workdir)
      g_rmdir (tmpdir);
  }

  return status;
}
