/* consort-window.c: a window showing one appraisal document.
 *
 * Without a document the window shows a welcome page; with one, a
 * sidebar of pages beside the page shown (folding to one column on
 * narrow windows).  Edits are saved by the document as they are made, so
 * nothing here ever needs saving: closing only closes the document.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "consort-window.h"
#include "consort-boroughs-page.h"
#include "consort-comparison-page.h"
#include "consort-feasibility-page.h"
#include "consort-options-page.h"
#include "consort-services-page.h"
#include "consort-settings-page.h"
#include "consort-export.h"

struct _ConsortWindow
{
  AdwApplicationWindow  parent_instance;

  ConsortDocument      *document;
  GtkNativeDialog      *chooser;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *welcome_page;
  GtkWidget            *recent_box;
  GtkListBox           *recent_list;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar_list;
  AdwWindowTitle       *window_title;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  AdwViewStack         *view_stack;
  AdwBin               *slots[6];  /* in the order of page_names */

  /* Pages, created when first shown */
  GtkWidget            *pages[6];
};

G_DEFINE_FINAL_TYPE (ConsortWindow, consort_window, ADW_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_DOCUMENT, PROP_EDITABLE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static const char * const page_names[] = {
  "comparison", "options", "boroughs", "services", "feasibility", "settings",
};

static GType
page_type (guint i)
{
  switch (i)
    {
    case 0: return CONSORT_TYPE_COMPARISON_PAGE;
    case 1: return CONSORT_TYPE_OPTIONS_PAGE;
    case 2: return CONSORT_TYPE_BOROUGHS_PAGE;
    case 3: return CONSORT_TYPE_SERVICES_PAGE;
    case 4: return CONSORT_TYPE_FEASIBILITY_PAGE;
    case 5: return CONSORT_TYPE_SETTINGS_PAGE;
    default: g_assert_not_reached ();
    }
}

static int
page_index (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    if (g_strcmp0 (page_names[i], name) == 0)
      return i;
  return -1;
}

static ConsortApplication *
get_application (ConsortWindow *self)
{
  return CONSORT_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

static GSettings *
get_settings (ConsortWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return CONSORT_IS_APPLICATION (app) ? consort_application_get_settings (CONSORT_APPLICATION (app)) : NULL;
}

ConsortWindow *
consort_window_new (ConsortApplication *application)
{
  ConsortWindow *self = g_object_new (CONSORT_TYPE_WINDOW, "application", application, NULL);
  GSettings *settings = get_settings (self);

  if (settings)
    {
      int width = g_settings_get_int (settings, "window-width");
      int height = g_settings_get_int (settings, "window-height");

      if (width > 0 && height > 0)
        gtk_window_set_default_size (GTK_WINDOW (self), width, height);
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  return self;
}

ConsortDocument *
consort_window_get_document (ConsortWindow *self)
{
  g_return_val_if_fail (CONSORT_IS_WINDOW (self), NULL);
  return self->document;
}

gboolean
consort_window_get_editable (ConsortWindow *self)
{
  g_return_val_if_fail (CONSORT_IS_WINDOW (self), FALSE);
  return self->document != NULL && !consort_document_get_read_only (self->document);
}

void
consort_window_add_toast (ConsortWindow *self,
                          const char    *text)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_return_if_fail (CONSORT_IS_WINDOW (self));

  /* Toast titles are markup; what we show is plain text. */
  escaped = g_markup_escape_text (text ? text : "", -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Whether @document lives in Consort's drafts folder (new appraisals and
 * imports go there until the person chooses a place with Save As). */
static gboolean
document_is_draft (ConsortDocument *document)
{
  g_autofree char *drafts = consort_drafts_dir ();
  g_autofree char *dir = NULL;

  if (document == NULL || consort_document_get_path (document) == NULL)
    return FALSE;
  dir = g_path_get_dirname (consort_document_get_path (document));
  return g_strcmp0 (dir, drafts) == 0;
}

/* Says where a new or imported appraisal went, with the way to move it. */
static void
announce_draft (ConsortWindow *self)
{
  AdwToast *toast;

  if (!document_is_draft (self->document))
    return;
  toast = adw_toast_new (_("Saved in Consort’s drafts folder — use Save As to choose where it lives"));
  adw_toast_set_button_label (toast, _("Save As…"));
  adw_toast_set_action_name (toast, "win.save-as");
  adw_toast_set_timeout (toast, 10);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* A toast for an edit that can be taken back (deleting something), with
 * an Undo button as the HIG asks. */
static void
win_toast_undo (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  ConsortWindow *self = CONSORT_WINDOW (widget);
  g_autofree char *escaped = g_markup_escape_text (g_variant_get_string (param, NULL), -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_timeout (toast, 6);
  /* The newest deletion is the one Undo takes back: show it at once. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Pages */

GtkWidget *
consort_window_get_page (ConsortWindow *self,
                         const char    *name)
{
  int i;

  g_return_val_if_fail (CONSORT_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if ((i = page_index (name)) < 0)
    return NULL;

  if (!self->pages[i])
    {
      self->pages[i] = g_object_new (page_type (i), "document", self->document, NULL);
      adw_bin_set_child (self->slots[i], self->pages[i]);
    }

  return self->pages[i];
}

const char *
consort_window_get_visible_page (ConsortWindow *self)
{
  g_return_val_if_fail (CONSORT_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

static void
select_sidebar_row (ConsortWindow *self,
                    const char    *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       row; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (gtk_widget_get_name (row), name) == 0)
      {
        gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (row));
        return;
      }
}

void
consort_window_show_page (ConsortWindow *self,
                          const char    *name)
{
  g_return_if_fail (CONSORT_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (!consort_window_get_page (self, name))
    {
      g_debug ("No page called “%s”", name);
      return;
    }

  adw_view_stack_set_visible_child_name (self->view_stack, name);
  select_sidebar_row (self, name);
  adw_leaflet_set_visible_child (self->leaflet,
                                 gtk_widget_get_parent (GTK_WIDGET (self->view_stack)));
}

static void
sidebar_row_activated_cb (ConsortWindow *self,
                          GtkListBoxRow *row)
{
  consort_window_show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

/* Moving through the sidebar with the arrow keys shows each page; only
 * activating a row (click, Enter) goes forward when folded. */
static void
sidebar_row_selected_cb (ConsortWindow *self,
                         GtkListBoxRow *row)
{
  const char *name;

  if (!row || !self->document)
    return;

  name = gtk_widget_get_name (GTK_WIDGET (row));
  if (consort_window_get_page (self, name))
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

static void
back_clicked_cb (ConsortWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* State shown from the document */

static void
update_title (ConsortWindow *self)
{
  g_autofree char *basename = NULL;
  g_autofree char *full = NULL;
  const char *title;

  if (!self->document)
    {
      adw_window_title_set_title (self->window_title, _("Consort"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Consort"));
      return;
    }

  title = consort_document_get_appraisal (self->document)->title;
  if (!title || !*title)
    title = _("Untitled appraisal");
  basename = g_path_get_basename (consort_document_get_path (self->document));

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, basename);
  /* Where the file is, in full: drafts especially should not be a
   * mystery. */
  {
    g_autofree char *shown = g_filename_display_name (consort_document_get_path (self->document));
    g_autofree char *tip = document_is_draft (self->document)
                           ? g_strdup_printf (_("In Consort’s drafts folder: %s"), shown)
                           : g_strdup (shown);

    gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), tip);
  }
  /* Translators: window title, "appraisal title — file name" */
  full = g_strdup_printf (_("%s — %s"), title, basename);
  gtk_window_set_title (GTK_WINDOW (self), full);
}

static void
update_undo (ConsortWindow *self)
{
  gboolean editable = consort_window_get_editable (self);
  gboolean can_undo = editable && consort_document_can_undo (self->document);
  gboolean can_redo = editable && consort_document_can_redo (self->document);
  g_autofree char *undo_tip = NULL;
  g_autofree char *redo_tip = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", can_undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", can_redo);

  if (can_undo && consort_document_get_undo_label (self->document))
    /* Translators: tooltip, e.g. "Undo Edit budget" */
    undo_tip = g_strdup_printf (_("Undo %s"), consort_document_get_undo_label (self->document));
  if (can_redo && consort_document_get_redo_label (self->document))
    /* Translators: tooltip, e.g. "Redo Edit budget" */
    redo_tip = g_strdup_printf (_("Redo %s"), consort_document_get_redo_label (self->document));

  gtk_widget_set_tooltip_text (self->undo_button, undo_tip ? undo_tip : _("Undo"));
  gtk_widget_set_tooltip_text (self->redo_button, redo_tip ? redo_tip : _("Redo"));
}

static void
update_read_only (ConsortWindow *self)
{
  gboolean read_only = self->document && consort_document_get_read_only (self->document);

  if (read_only)
    {
      const char *reason = consort_document_get_read_only_reason (self->document);
      g_autofree char *text = NULL;

      if (reason && *reason)
        {
          g_autofree char *lower = g_strdup (reason);

          /* "…read-only: opened read-only on request", but keep "ICT". */
          if (g_ascii_isupper (lower[0]) && g_ascii_islower (lower[1]))
            lower[0] = g_ascii_tolower (lower[0]);
          text = g_strdup_printf (_("This appraisal is read-only: %s"), lower);
        }
      else
        text = g_strdup (_("This appraisal is read-only."));
      gtk_label_set_text (self->banner_label, text);
    }

  gtk_revealer_set_reveal_child (self->banner_revealer, read_only);
  update_undo (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
}

static void
update_actions (ConsortWindow *self)
{
  gboolean has_document = self->document != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-document", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-page", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.present", has_document);
  update_undo (self);
}

static void
recent_row_activated_cb (ConsortWindow *self,
                         GtkListBoxRow *row)
{
  const char *path = g_object_get_data (G_OBJECT (row), "path");
  g_autoptr(GFile) file = NULL;

  if (!path)
    return;

  file = g_file_new_for_path (path);
  consort_application_open_file (get_application (self), file);
}

static void
update_recent (ConsortWindow *self)
{
  g_auto(GStrv) recent = NULL;
  g_autofree char *home = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))))
    gtk_list_box_remove (self->recent_list, child);

  if (!CONSORT_IS_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))))
    {
      gtk_widget_set_visible (self->recent_box, FALSE);
      return;
    }

  recent = consort_application_dup_recent (get_application (self));
  home = g_strdup (g_get_home_dir ());

  for (guint i = 0; recent[i]; i++)
    {
      g_autofree char *basename = g_path_get_basename (recent[i]);
      g_autofree char *dirname = g_path_get_dirname (recent[i]);
      g_autofree char *folder = NULL;
      GtkWidget *row;

      if (g_str_has_suffix (basename, CONSORT_FILE_EXTENSION))
        basename[strlen (basename) - strlen (CONSORT_FILE_EXTENSION)] = '\0';
      if (g_str_has_prefix (dirname, home) && (dirname[strlen (home)] == '/' || dirname[strlen (home)] == '\0'))
        folder = g_strconcat ("~", dirname + strlen (home), NULL);
      else
        folder = g_strdup (dirname);

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), basename);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "path", g_strdup (recent[i]), g_free);
      gtk_list_box_append (self->recent_list, row);
    }

  gtk_widget_set_visible (self->recent_box, recent[0] != NULL);
}

static void
document_changed_cb (ConsortWindow *self)
{
  update_title (self);
  update_undo (self);
}

void
consort_window_set_document (ConsortWindow   *self,
                             ConsortDocument *document)
{
  g_return_if_fail (CONSORT_IS_WINDOW (self));
  g_return_if_fail (!document || CONSORT_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);

  g_set_object (&self->document, document);

  if (document)
    {
      g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::path", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::can-undo", G_CALLBACK (update_undo), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::can-redo", G_CALLBACK (update_undo), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::read-only", G_CALLBACK (update_read_only), self, G_CONNECT_SWAPPED);
    }

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    if (self->pages[i])
      g_object_set (self->pages[i], "document", document, NULL);

  update_title (self);
  update_actions (self);
  update_read_only (self);

  if (document)
    {
      consort_window_show_page (self, "comparison");
      gtk_stack_set_visible_child_name (self->main_stack, "document");
    }
  else
    {
      update_recent (self);
      gtk_stack_set_visible_child_name (self->main_stack, "welcome");
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/* Opening */

static void
remember (ConsortWindow   *self,
          ConsortDocument *document)
{
  ConsortApplication *app = get_application (self);
  GSettings *settings = get_settings (self);
  const char *path = consort_document_get_path (document);

  if (app && path)
    consort_application_add_recent (app, path);
  if (settings && path)
    {
      g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
      if (uri)
        g_settings_set_string (settings, "last-document", uri);
    }
}

/* Opens a document in this window if it has none, else in a new one. */
static ConsortWindow *
show_in_window (ConsortWindow   *self,
                ConsortDocument *document)
{
  ConsortWindow *target = self;

  if (self->document)
    target = consort_window_new (get_application (self));

  consort_window_set_document (target, document);
  remember (target, document);
  gtk_window_present (GTK_WINDOW (target));

  return target;
}

gboolean
consort_window_load (ConsortWindow  *self,
                     const char     *path,
                     GError        **error)
{
  g_autoptr(ConsortDocument) document = NULL;

  g_return_val_if_fail (CONSORT_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_str_has_suffix (path, ".json") || g_str_has_suffix (path, ".JSON"))
    document = consort_import_json (path, error);
  else
    document = consort_document_open (path, CONSORT_OPEN_DEFAULT, error);

  if (!document)
    return FALSE;

  consort_window_set_document (self, document);
  remember (self, document);
  /* An import is a new draft: say where it went. */
  if (g_str_has_suffix (path, ".json") || g_str_has_suffix (path, ".JSON"))
    announce_draft (self);

  return TRUE;
}

/* Says in words why a file cannot be opened. */
static char *
describe_open_error (const GError *error)
{
  if (error->domain == CONSORT_ERROR)
    switch ((ConsortError) error->code)
      {
      /* The document's messages start with the problem ("The file is
       * damaged: ..."); the heading names the file. */
      case CONSORT_ERROR_NOT_CONSORT:
        return g_strdup_printf ("%s.", error->message);
      case CONSORT_ERROR_DAMAGED:
        return g_strdup_printf ("%s.\n\n%s", error->message, _("It has been left untouched."));
      case CONSORT_ERROR_TOO_NEW:
        return g_strdup_printf ("%s.\n\n%s", error->message, _("Update Consort to open it."));
      case CONSORT_ERROR_PARSE:
      case CONSORT_ERROR_INVALID:
        return g_strdup_printf ("%s\n\n%s", _("The interchange file cannot be imported."), error->message);
      default:
        break;
      }

  return g_strdup (error->message);
}

static void
show_error_dialog (ConsortWindow *self,
                   const char    *heading,
                   const char    *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_open_error (ConsortWindow *self,
                 const char    *path,
                 const GError  *error)
{
  g_autofree char *name = g_filename_display_basename (path);
  /* Translators: dialog heading, %s is a file name */
  g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);
  g_autofree char *body = describe_open_error (error);

  show_error_dialog (self, heading, body);
}

void
consort_window_open_file (ConsortWindow *self,
                          GFile         *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (CONSORT_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (!(path = g_file_get_path (file)))
    {
      g_autofree char *uri = g_file_get_uri (file);
      show_error_dialog (self, _("Could Not Open the File"), uri);
      return;
    }

  if (!consort_window_load (self, path, &error))
    show_open_error (self, path, error);
}

/* Actions */

static void
win_new (GtkWidget  *widget,
         const char *action_name,
         GVariant   *param)
{
  ConsortWindow *self = CONSORT_WINDOW (widget);
  g_autoptr(ConsortAppraisal) appraisal = consort_appraisal_new ();
  g_autoptr(ConsortDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  g_free (appraisal->title);
  appraisal->title = g_strdup (_("Untitled appraisal"));

  if (!(document = consort_create_draft (appraisal, &error)))
    {
      show_error_dialog (self, _("Could Not Create an Appraisal"), error->message);
      return;
    }

  announce_draft (show_in_window (self, document));
}

static void
win_open_sample (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  ConsortWindow *self = CONSORT_WINDOW (widget);
  g_autofree char *path = consort_sample_path ();
  g_autoptr(ConsortDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  if (!(document = consort_import_json (path, &error)))
    {
      show_open_error (self, path, error);
      return;
    }

  announce_draft (show_in_window (self, document));
}

static GtkFileFilter *
new_filter (const char *name,
            const char *pattern,
            const char *mime_type)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  if (pattern)
    gtk_file_filter_add_pattern (filter, pattern);
  if (mime_type)
    gtk_file_filter_add_mime_type (filter, mime_type);

  return filter;
}

static void
open_response_cb (ConsortWindow        *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (!self->document)
        consort_window_open_file (self, file);
      else
        consort_application_open_file (get_application (self), file);
    }

  g_clear_object (&self->chooser);
}

static void
win_open (GtkWidget  *widget,
          const char *action_name,
          GVariant   *param)
{
  ConsortWindow *self = CONSORT_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) all = NULL;
  g_autoptr(GtkFileFilter) consort = NULL;
  g_autoptr(GtkFileFilter) json = NULL;

  chooser = gtk_file_chooser_native_new (_("Open Appraisal"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  all = new_filter (_("All Appraisals"), "*" CONSORT_FILE_EXTENSION, CONSORT_MIME_TYPE);
  gtk_file_filter_add_pattern (all, "*.json");
  consort = new_filter (_("Consort Appraisals"), "*" CONSORT_FILE_EXTENSION, CONSORT_MIME_TYPE);
  json = new_filter (_("Interchange Files (JSON)"), "*.json", "application/json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), consort);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), json);

  g_signal_connect_object (chooser, "response", G_CALLBACK (open_response_cb), self, G_CONNECT_SWAPPED);
  g_set_object (&self->chooser, GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
save_as_response_cb (ConsortWindow        *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT && self->document)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *chosen = g_file_get_path (file);
      g_autofree char *path = NULL;
      g_autofree char *name = NULL;
      g_autofree char *message = NULL;
      g_autoptr(GError) error = NULL;

      if (!chosen)
        goto out;

      /* The file type is the extension: make sure it has ours. */
      if (g_str_has_suffix (chosen, CONSORT_FILE_EXTENSION))
        path = g_steal_pointer (&chosen);
      else
        path = g_strconcat (chosen, CONSORT_FILE_EXTENSION, NULL);

      if (g_strcmp0 (path, consort_document_get_path (self->document)) == 0)
        goto out;

      if (!consort_document_save_as (self->document, path, TRUE, &error))
        {
          g_autofree char *display = g_filename_display_basename (path);
          g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), display);
          show_error_dialog (self, heading, error->message);
          goto out;
        }

      remember (self, self->document);
      update_title (self);
      update_read_only (self);

      name = g_filename_display_basename (path);
      message = g_strdup_printf (_("Saved as “%s”"), name);
      consort_window_add_toast (self, message);
    }

out:
  g_clear_object (&self->chooser);
}

static void
win_save_as (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ConsortWindow *self = CONSORT_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) consort = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *dirname = NULL;
  g_autoptr(GFile) folder = NULL;

  if (!self->document)
    return;

  chooser = gtk_file_chooser_native_new (_("Save Appraisal As"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  consort = new_filter (_("Consort Appraisals"), "*" CONSORT_FILE_EXTENSION, CONSORT_MIME_TYPE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), consort);

  basename = g_path_get_basename (consort_document_get_path (self->document));
  dirname = g_path_get_dirname (consort_document_get_path (self->document));
  folder = g_file_new_for_path (dirname);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), basename);

  g_signal_connect_object (chooser, "response", G_CALLBACK (save_as_response_cb), self, G_CONNECT_SWAPPED);
  g_set_object (&self->chooser, GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
  gtk_native_dialog_show (self->chooser);
}

/* "Budget (3)" -> "Budget": a copy of a copy is numbered afresh, not
 * "Budget (3) (2)". */
static void
strip_copy_number (char *stem)
{
  size_t len = strlen (stem);
  size_t i;

  if (len < 4 || stem[len - 1] != ')')
    return;
  for (i = len - 1; i > 0 && g_ascii_isdigit (stem[i - 1]); i--)
    ;
  if (i == len - 1 || len - 1 - i > 3 || i < 3 || stem[i - 1] != '(' || stem[i - 2] != ' ')
    return;
  stem[i - 2] = '\0';
}

static void
win_duplicate (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ConsortWindow *self = CONSORT_WINDOW (widget);
  g_autofree char *dirname = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  g_autoptr(ConsortDocument) copy = NULL;
  g_autoptr(GError) error = NULL;
  ConsortWindow *target;

  if (!self->document)
    return;

  /* Beside the original when we may write there, else among the drafts. */
  dirname = g_path_get_dirname (consort_document_get_path (self->document));
  if (g_access (dirname, W_OK) != 0)
    {
      g_free (dirname);
      dirname = consort_drafts_dir ();
      g_mkdir_with_parents (dirname, 0700);
    }

  stem = g_path_get_basename (consort_document_get_path (self->document));
  if (g_str_has_suffix (stem, CONSORT_FILE_EXTENSION))
    stem[strlen (stem) - strlen (CONSORT_FILE_EXTENSION)] = '\0';
  strip_copy_number (stem);
  path = consort_unique_document_path (dirname, stem);

  if (!consort_document_save_as (self->document, path, FALSE, &error) ||
      !(copy = consort_document_open (path, CONSORT_OPEN_DEFAULT, &error)))
    {
      show_error_dialog (self, _("Could Not Duplicate the Appraisal"), error->message);
      return;
    }

  target = consort_window_new (get_application (self));
  consort_window_set_document (target, copy);
  remember (target, copy);
  gtk_window_present (GTK_WINDOW (target));

  name = g_filename_display_basename (path);
  message = g_strdup_printf (_("Duplicated as “%s”"), name);
  consort_window_add_toast (target, message);
}

/* Text typed but not yet applied is applied when its field loses focus:
 * take the focus away before letting go of the document. */
static void
commit_pending_edits (ConsortWindow *self)
{
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
}

static void
win_close_document (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  ConsortWindow *self = CONSORT_WINDOW (widget);
  g_autoptr(ConsortDocument) document = NULL;
  GSettings *settings = get_settings (self);

  if (!self->document)
    return;

  /* Every edit is already saved: closing just lets go of the file. */
  commit_pending_edits (self);
  document = g_object_ref (self->document);
  consort_window_set_document (self, NULL);
  consort_document_close (document);

  if (settings)
    g_settings_set_string (settings, "last-document", "");
}

static void
win_undo (GtkWidget  *widget,
          const char *action_name,
          GVariant   *param)
{
  ConsortWindow *self = CONSORT_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->document && !consort_document_undo (self->document, &error))
    consort_window_add_toast (self, error->message);
}

static void
win_redo (GtkWidget  *widget,
          const char *action_name,
          GVariant   *param)
{
  ConsortWindow *self = CONSORT_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->document && !consort_document_redo (self->document, &error))
    consort_window_add_toast (self, error->message);
}

/* F5 presents the charts from whichever page is shown. */
static void
win_present (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ConsortWindow *self = CONSORT_WINDOW (widget);
  ConsortComparisonPage *page;

  if (!self->document)
    return;

  page = CONSORT_COMPARISON_PAGE (consort_window_get_page (self, "comparison"));
  /* A page not shown defers its refresh: present today's figures. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (page)))
    consort_comparison_page_refresh (page);
  consort_comparison_page_present (page, CONSORT_CHART_NET_BY_YEAR);
}

static void
win_toast (GtkWidget  *widget,
           const char *action_name,
           GVariant   *param)
{
  consort_window_add_toast (CONSORT_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
win_show_page (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  consort_window_show_page (CONSORT_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* Files dropped on the window open like files given to `consort`. */
static gboolean
drop_cb (ConsortWindow *self,
         const GValue  *value,
         double         x,
         double         y)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_value_get_boxed (value);
  for (GSList *l = files; l; l = l->next)
    {
      if (!self->document && l == files)
        consort_window_open_file (self, l->data);
      else
        consort_application_open_file (get_application (self), l->data);
    }

  return files != NULL;
}

/* Window life */

static gboolean
consort_window_close_request (GtkWindow *window)
{
  ConsortWindow *self = CONSORT_WINDOW (window);
  GSettings *settings = get_settings (self);

  commit_pending_edits (self);

  if (settings)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (settings);
      if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
        {
          g_settings_set_int (settings, "window-width", width);
          g_settings_set_int (settings, "window-height", height);
        }
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      if (self->document)
        {
          g_autofree char *uri = g_filename_to_uri (consort_document_get_path (self->document), NULL, NULL);
          if (uri)
            g_settings_set_string (settings, "last-document", uri);
        }
      g_settings_apply (settings);
    }

  if (self->document)
    {
      g_autoptr(ConsortDocument) document = g_object_ref (self->document);
      consort_window_set_document (self, NULL);
      consort_document_close (document);
    }

  return GTK_WINDOW_CLASS (consort_window_parent_class)->close_request (window);
}

static void
consort_window_dispose (GObject *object)
{
  ConsortWindow *self = CONSORT_WINDOW (object);

  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  if (self->chooser)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  /* The slots own the pages. */
  memset (self->pages, 0, sizeof self->pages);

  /* No gtk_widget_dispose_template(): in GTK 4.8 it unparents the bound
   * direct child (the toast overlay), which AdwApplicationWindow then
   * unparents again. */

  G_OBJECT_CLASS (consort_window_parent_class)->dispose (object);
}

static void
consort_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ConsortWindow *self = CONSORT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_EDITABLE:
      g_value_set_boolean (value, consort_window_get_editable (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consort_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ConsortWindow *self = CONSORT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      consort_window_set_document (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* "application" is set after construction: follow the application's
 * recent list from then on. */
static void
application_changed_cb (ConsortWindow *self)
{
  GSettings *settings = get_settings (self);

  if (settings)
    g_signal_connect_object (settings, "changed::recent-documents",
                             G_CALLBACK (update_recent), self, G_CONNECT_SWAPPED);
  update_recent (self);
}

static void
consort_window_class_init (ConsortWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = consort_window_dispose;
  object_class->get_property = consort_window_get_property;
  object_class->set_property = consort_window_set_property;

  window_class->close_request = consort_window_close_request;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CONSORT_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/consortapp/Consort/consort-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ConsortWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ConsortWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, ConsortWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, ConsortWindow, recent_box);
  gtk_widget_class_bind_template_child (widget_class, ConsortWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, ConsortWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ConsortWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, ConsortWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ConsortWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, ConsortWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, ConsortWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, ConsortWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, ConsortWindow, view_stack);
  gtk_widget_class_bind_template_child_full (widget_class, "comparison_slot", FALSE, G_STRUCT_OFFSET (ConsortWindow, slots[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "options_slot", FALSE, G_STRUCT_OFFSET (ConsortWindow, slots[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "boroughs_slot", FALSE, G_STRUCT_OFFSET (ConsortWindow, slots[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "services_slot", FALSE, G_STRUCT_OFFSET (ConsortWindow, slots[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "feasibility_slot", FALSE, G_STRUCT_OFFSET (ConsortWindow, slots[4]));
  gtk_widget_class_bind_template_child_full (widget_class, "settings_slot", FALSE, G_STRUCT_OFFSET (ConsortWindow, slots[5]));
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, recent_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.new", NULL, win_new);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, win_open);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, win_open_sample);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, win_save_as);
  gtk_widget_class_install_action (widget_class, "win.duplicate", NULL, win_duplicate);
  gtk_widget_class_install_action (widget_class, "win.close-document", NULL, win_close_document);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, win_undo);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, win_redo);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", win_toast);
  gtk_widget_class_install_action (widget_class, "win.toast-undo", "s", win_toast_undo);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", win_show_page);
  gtk_widget_class_install_action (widget_class, "win.present", NULL, win_present);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.present", NULL);
}

static void
consort_window_init (ConsortWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

#ifdef DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  update_title (self);
  update_actions (self);
  update_read_only (self);
  select_sidebar_row (self, "comparison");

  /* export.report, export.print, ... for the primary menu (consort-export.c). */
  consort_export_install_actions (GTK_WIDGET (self));

  g_signal_connect (self, "notify::application", G_CALLBACK (application_changed_cb), NULL);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
