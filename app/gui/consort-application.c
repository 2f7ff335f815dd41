/* consort-application.c: the Consort application.
 *
 * One AdwApplication for every window: it opens files given on the
 * command line, reopens the last document, keeps the recent list and
 * owns the application-wide actions (about, shortcuts, quit, new window).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "consort-application.h"
#include "consort-window.h"

#define MAX_RECENT 10  /* without settings */

struct _ConsortApplication
{
  AdwApplication  parent_instance;
  GSettings      *settings;
  GPtrArray      *pending_recent;   /* URIs for GtkRecentManager, added when idle */
  guint           pending_recent_id;
};

G_DEFINE_FINAL_TYPE (ConsortApplication, consort_application, ADW_TYPE_APPLICATION)

ConsortApplication *
consort_application_new (void)
{
  return g_object_new (CONSORT_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/consortapp/Consort",
                       NULL);
}

GSettings *
consort_application_get_settings (ConsortApplication *self)
{
  g_return_val_if_fail (CONSORT_IS_APPLICATION (self), NULL);
  return self->settings;
}

/* Drafts and imports */

char *
consort_drafts_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "consort", NULL);
}

/* A file name made from a title: no directory separators, no leading dot,
 * no control characters, not too long. */
static char *
title_to_file_stem (const char *title)
{
  g_autoptr(GString) s = g_string_new (NULL);
  const char *p;
  int n = 0;

  for (p = title ? title : ""; *p && n < 80; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ':')
        g_string_append (s, " -");  /* "Title: subtitle" -> "Title - subtitle" */
      else if (c == '/' || c == '\\' || g_unichar_iscntrl (c))
        g_string_append_c (s, '-');
      else
        g_string_append_unichar (s, c);
    }

  g_strstrip (s->str);
  while (s->str[0] == '.')
    g_string_erase (s, 0, 1);
  g_string_set_size (s, strlen (s->str));

  if (s->len == 0)
    g_string_assign (s, _("Untitled appraisal"));

  return g_string_free (g_steal_pointer (&s), FALSE);
}

char *
consort_unique_document_path (const char *dir,
                              const char *title)
{
  g_autofree char *stem = title_to_file_stem (title);

  for (guint i = 1; ; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;

      if (i == 1)
        name = g_strconcat (stem, CONSORT_FILE_EXTENSION, NULL);
      else
        name = g_strdup_printf ("%s (%u)%s", stem, i, CONSORT_FILE_EXTENSION);

      path = g_build_filename (dir, name, NULL);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
}

ConsortDocument *
consort_create_draft (const ConsortAppraisal  *appraisal,
                      GError                 **error)
{
  g_autofree char *dir = consort_drafts_dir ();
  g_autofree char *path = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"),
                   dir, g_strerror (saved_errno));
      return NULL;
    }

  path = consort_unique_document_path (dir, appraisal->title);
  return consort_document_create (path, appraisal, error);
}

ConsortDocument *
consort_import_json (const char  *json_path,
                     GError     **error)
{
  g_autoptr(ConsortAppraisal) appraisal = NULL;

  if (!(appraisal = consort_json_read_file (json_path, error)))
    return NULL;

  return consort_create_draft (appraisal, error);
}

char *
consort_sample_path (void)
{
  const char *env = g_getenv ("CONSORT_DATADIR");
  g_autofree char *from_env = NULL;

  if (env && *env)
    {
      from_env = g_build_filename (env, "westminster-2010.json", NULL);
      if (g_file_test (from_env, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&from_env);
    }

  if (g_file_test (SAMPLE_FILE, G_FILE_TEST_IS_REGULAR))
    return g_strdup (SAMPLE_FILE);

#ifdef CONSORT_SOURCE_DATADIR
  /* Running from the build tree before `meson install`. */
  {
    g_autofree char *path = g_build_filename (CONSORT_SOURCE_DATADIR, "westminster-2010.json", NULL);
    if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
      return g_steal_pointer (&path);
  }
#endif

  return g_strdup (SAMPLE_FILE);
}

/* Recent documents */

static void
flush_pending_recent (ConsortApplication *self)
{
  GtkRecentData data = {
    .display_name = NULL,
    .description = NULL,
    .mime_type = (char *) CONSORT_MIME_TYPE,
    .app_name = (char *) "Consort",
    .app_exec = (char *) "consort %f",
  };

  g_clear_handle_id (&self->pending_recent_id, g_source_remove);
  for (guint i = 0; i < self->pending_recent->len; i++)
    gtk_recent_manager_add_full (gtk_recent_manager_get_default (),
                                 g_ptr_array_index (self->pending_recent, i), &data);
  g_ptr_array_set_size (self->pending_recent, 0);
}

static gboolean
pending_recent_cb (gpointer user_data)
{
  ConsortApplication *self = user_data;

  self->pending_recent_id = 0;
  flush_pending_recent (self);
  return G_SOURCE_REMOVE;
}

void
consort_application_add_recent (ConsortApplication *self,
                                const char         *path)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (CONSORT_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  /* The desktop's list can wait: GtkRecentManager parses the whole of
   * recently-used.xbel (often hundreds of kilobytes) on first use, which
   * must not delay showing the document. */
  uri = g_filename_to_uri (path, NULL, NULL);
  if (uri)
    {
      g_ptr_array_add (self->pending_recent, g_strdup (uri));
      if (self->pending_recent_id == 0)
        self->pending_recent_id = g_idle_add_full (G_PRIORITY_LOW, pending_recent_cb, self, NULL);
    }

  if (self->settings && uri)
    {
      g_auto(GStrv) old = g_settings_get_strv (self->settings, "recent-documents");
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) recent = NULL;
      guint max = g_settings_get_uint (self->settings, "max-recent-documents");
      guint n = 0;

      /* The setting holds URIs, most recent first. */
      if (n < max)
        {
          g_strv_builder_add (builder, uri);
          n++;
        }
      for (guint i = 0; old[i] && n < max; i++)
        if (g_strcmp0 (old[i], uri) != 0)
          {
            g_strv_builder_add (builder, old[i]);
            n++;
          }
      recent = g_strv_builder_end (builder);
      g_settings_set_strv (self->settings, "recent-documents", (const char * const *) recent);
    }
}

char **
consort_application_dup_recent (ConsortApplication *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (CONSORT_IS_APPLICATION (self), NULL);

  if (self->settings)
    {
      g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-documents");

      for (guint i = 0; recent[i]; i++)
        {
          g_autofree char *path = g_filename_from_uri (recent[i], NULL, NULL);

          if (path && g_file_test (path, G_FILE_TEST_IS_REGULAR))
            g_strv_builder_add (builder, path);
        }
    }
  else
    {
      /* Without our settings, fall back to the desktop's recent list. */
      GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
      guint n = 0;

      for (GList *l = items; l && n < MAX_RECENT; l = l->next)
        {
          GtkRecentInfo *info = l->data;
          g_autofree char *path = g_filename_from_uri (gtk_recent_info_get_uri (info), NULL, NULL);

          if (path && g_str_has_suffix (path, CONSORT_FILE_EXTENSION)
              && g_file_test (path, G_FILE_TEST_IS_REGULAR))
            {
              g_strv_builder_add (builder, path);
              n++;
            }
        }
      g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
    }

  return g_strv_builder_end (builder);
}

/* Windows */

static ConsortWindow *
find_window_for_path (ConsortApplication *self,
                      const char         *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      ConsortDocument *document;

      if (!CONSORT_IS_WINDOW (l->data))
        continue;

      document = consort_window_get_document (l->data);
      if (path == NULL ? document == NULL
                       : (document && g_strcmp0 (consort_document_get_path (document), path) == 0))
        return l->data;
    }

  return NULL;
}

void
consort_application_open_file (ConsortApplication *self,
                               GFile              *file)
{
  g_autofree char *path = NULL;
  ConsortWindow *window;

  g_return_if_fail (CONSORT_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);

  if (path && (window = find_window_for_path (self, path)))
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  if (!(window = find_window_for_path (self, NULL)))
    window = consort_window_new (self);

  consort_window_open_file (window, file);
  gtk_window_present (GTK_WINDOW (window));
}

static void
consort_application_activate (GApplication *app)
{
  ConsortApplication *self = CONSORT_APPLICATION (app);
  GtkWindow *window;
  g_autofree char *last = NULL;

  if ((window = gtk_application_get_active_window (GTK_APPLICATION (app))))
    {
      gtk_window_present (window);
      return;
    }

  window = GTK_WINDOW (consort_window_new (self));

  /* Reopen where the user left off.  This is the only work done before
   * the first frame: the pages compute what they show lazily. */
  if (self->settings && g_settings_get_boolean (self->settings, "reopen-last-document"))
    last = g_settings_get_string (self->settings, "last-document");
  if (last && *last)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (last);
      g_autofree char *path = g_file_get_path (file);

      if (path && g_file_test (path, G_FILE_TEST_IS_REGULAR))
        consort_window_open_file (CONSORT_WINDOW (window), file);
    }

  gtk_window_present (window);
}

static void
consort_application_open (GApplication  *app,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    consort_application_open_file (CONSORT_APPLICATION (app), files[i]);
}

/* Application actions */

static void
app_about (GSimpleAction *action,
           GVariant      *param,
           gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Consort developers", NULL };
  static const char *papers[] = {
    "City of Westminster, “Progress on Merger of Services” (Cabinet Committee, July 2010)",
    "City of Westminster, “Update on Tri-Borough” (Scrutiny Commission, April 2011)",
    "London Borough of Harrow, “West London Alliance Accord” (Cabinet, January 2013)",
    "HM Treasury, The Green Book: appraisal and evaluation in central government",
    NULL
  };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Consort"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Consort developers"),
                        "comments", _("Appraise shared-service options between councils: savings, costs and who gains, year by year."),
                        "copyright", "© 2026 The Consort developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  adw_about_window_add_credit_section (ADW_ABOUT_WINDOW (about), _("Reference papers"), papers);
  gtk_window_present (GTK_WINDOW (about));
}

static void
app_shortcuts (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (window)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
app_quit (GSimpleAction *action,
          GVariant      *param,
          gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (app));

  /* Close (not destroy) each window, so that it stores its size and last
   * document; edits are already saved. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static void
app_new_window (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (consort_window_new (user_data)));
}

static const GActionEntry app_actions[] = {
  { "about", app_about },
  { "shortcuts", app_shortcuts },
  { "quit", app_quit },
  { "new-window", app_new_window },
};

static void
consort_application_startup (GApplication *app)
{
  ConsortApplication *self = CONSORT_APPLICATION (app);
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.new-window", { "<Shift><Control>n", NULL } },
    { "app.shortcuts", { "<Control>question", NULL } },
    { "win.new", { "<Control>n", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.save-as", { "<Shift><Control>s", NULL } },
    { "win.close-document", { "<Control>w", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Shift><Control>z", "<Control>y", NULL } },
    { "win.show-page('comparison')", { "<Alt>1", NULL } },
    { "win.show-page('options')", { "<Alt>2", NULL } },
    { "win.show-page('boroughs')", { "<Alt>3", NULL } },
    { "win.show-page('services')", { "<Alt>4", NULL } },
    { "win.show-page('feasibility')", { "<Alt>5", NULL } },
    { "win.show-page('settings')", { "<Alt>6", NULL } },
  };
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source;

  G_APPLICATION_CLASS (consort_application_parent_class)->startup (app);

  /* Tolerate a missing schema (uninstalled runs): the app then simply
   * does not remember anything. */
  if ((source = g_settings_schema_source_get_default ()))
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema)
    {
      static const AdwColorScheme schemes[] = {
        ADW_COLOR_SCHEME_DEFAULT, ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK,
      };
      int scheme;

      self->settings = g_settings_new (APP_ID);
      scheme = g_settings_get_enum (self->settings, "colour-scheme");
      if (scheme > 0 && scheme < (int) G_N_ELEMENTS (schemes))
        adw_style_manager_set_color_scheme (adw_style_manager_get_default (), schemes[scheme]);
    }

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app),
                                           accels[i].action, accels[i].accels);

  gtk_window_set_default_icon_name (APP_ID);
}

static void
consort_application_dispose (GObject *object)
{
  ConsortApplication *self = CONSORT_APPLICATION (object);

  g_clear_handle_id (&self->pending_recent_id, g_source_remove);
  g_clear_pointer (&self->pending_recent, g_ptr_array_unref);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (consort_application_parent_class)->dispose (object);
}

/* Quitting before the main loop was idle still records the documents. */
static void
consort_application_shutdown (GApplication *app)
{
  flush_pending_recent (CONSORT_APPLICATION (app));

  G_APPLICATION_CLASS (consort_application_parent_class)->shutdown (app);
}

static void
consort_application_class_init (ConsortApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = consort_application_dispose;

  app_class->startup = consort_application_startup;
  app_class->activate = consort_application_activate;
  app_class->open = consort_application_open;
  app_class->shutdown = consort_application_shutdown;
}

static void
consort_application_init (ConsortApplication *self)
{
  self->pending_recent = g_ptr_array_new_with_free_func (g_free);
}
