/* main.c: the `consort` executable.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "consort-application.h"

/* GTK 4.8 draws with OpenGL.  Without a GPU (virtual desktops and thin
 * clients are common on council networks) that runs on Mesa's llvmpipe
 * software rasteriser, which costs about 100 ms more before the first
 * frame and 40 ms or more per frame at laptop sizes (docs/performance.md).
 * Consort draws flat tables and charts, which GTK's cairo renderer draws
 * faster in software, so prefer it when the machine has no GPU render
 * node, unless the user has chosen a renderer. */
static gboolean
has_gpu_render_node (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/dev/dri", 0, NULL);
  const char *name;

  if (dir == NULL)
    return FALSE;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "renderD"))
      return TRUE;

  return FALSE;
}

static void
choose_renderer (void)
{
  if (g_getenv ("GSK_RENDERER") == NULL && !has_gpu_render_node ())
    g_setenv ("GSK_RENDERER", "cairo", FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ConsortApplication) app = NULL;

  choose_renderer ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Consort"));

  app = consort_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
