/* consort-boroughs-page.c: the boroughs of an appraisal.
 *
 * One expander row per borough with its name and population, edited in
 * place (applied on Enter or when focus leaves the field).  Deleting a
 * borough that options, baselines or items use asks first and removes
 * those uses in the same edit, so that one undo brings everything back.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "consort-boroughs-page.h"
#include "consort-form-util.h"

#define MAX_POPULATION G_GINT64_CONSTANT (10000000000)

struct _ConsortBoroughsPage
{
  AdwBin               parent_instance;

  ConsortDocument     *document;
  gboolean             needs_refresh;
  gboolean             refreshing;  /* ignore focus leaving rows being replaced */

  /* Template widgets */
  AdwPreferencesGroup *group;
  GtkWidget           *add_button;
  GtkWidget           *empty_row;

  /* Expander rows shown, in the appraisal's order */
  GPtrArray           *rows;
};

typedef struct
{
  ConsortBoroughsPage *page;
  char                *id;
  AdwExpanderRow      *expander;
  AdwEntryRow         *name_row;
  AdwEntryRow         *population_row;
  GtkLabel            *name_error;
  GtkLabel            *population_error;
  GtkWidget           *delete_button;
} BoroughRow;

G_DEFINE_FINAL_TYPE (ConsortBoroughsPage, consort_boroughs_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_DOCUMENT, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void refresh (ConsortBoroughsPage *self);

static void
borough_row_free (gpointer data)
{
  BoroughRow *row = data;

  g_free (row->id);
  g_free (row);
}

static gboolean
document_writable (ConsortBoroughsPage *self)
{
  return self->document && !consort_document_get_read_only (self->document);
}

/* Whether an edit may be made now. */
static gboolean
is_editable (ConsortBoroughsPage *self)
{
  return self->document && !self->refreshing && !consort_document_get_read_only (self->document);
}

/* Parsing and formatting */

static char *
format_population (gint64 population)
{
  /* Thousands separators, the way money is shown, without the £. */
  return consort_money_format (population * CONSORT_PENCE_PER_POUND, CONSORT_MONEY_FORMAT_NO_SYMBOL);
}

static gboolean
parse_population (const char  *text,
                  gint64      *out,
                  char       **message)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  guint64 value;

  for (const char *p = text; *p; p++)
    {
      if (*p == ',' || *p == ' ' || *p == '_')
        continue;
      if (!g_ascii_isdigit (*p))
        {
          *message = g_strdup (_("Enter the population as a whole number, for example 211,000"));
          return FALSE;
        }
      g_string_append_c (digits, *p);
    }

  if (digits->len == 0)
    {
      *message = g_strdup (_("Enter the population, for example 211,000"));
      return FALSE;
    }

  if (!g_ascii_string_to_unsigned (digits->str, 10, 0, MAX_POPULATION, &value, NULL))
    {
      *message = g_strdup (_("That population is too large"));
      return FALSE;
    }

  *out = (gint64) value;
  return TRUE;
}

static gboolean
check_name (const ConsortAppraisal  *appraisal,
            const char              *id,
            const char              *text,
            char                   **message)
{
  g_autofree char *name = g_strstrip (g_strdup (text));

  if (*name == '\0')
    {
      *message = g_strdup (_("Enter the borough’s name"));
      return FALSE;
    }

  for (guint i = 0; i < appraisal->boroughs->len; i++)
    {
      const ConsortBorough *borough = g_ptr_array_index (appraisal->boroughs, i);

      if (g_strcmp0 (borough->id, id) != 0 && g_utf8_collate (borough->name, name) == 0)
        {
          *message = g_strdup_printf (_("Another borough is already called “%s”"), name);
          return FALSE;
        }
    }

  return TRUE;
}

/* "Hammersmith & Fulham" -> "hammersmith-fulham": the stem of new ids. */
static char *
slug_from_name (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  g_autoptr(GString) slug = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);

  if (slug->len == 0)
    g_string_assign (slug, "borough");

  return g_string_free (g_steal_pointer (&slug), FALSE);
}

static void
set_error (GtkWidget  *entry,
           GtkLabel   *label,
           const char *message)
{
  if (message)
    gtk_widget_add_css_class (entry, "error");
  else
    gtk_widget_remove_css_class (entry, "error");

  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (label)), message != NULL);
}

static gboolean
apply (ConsortBoroughsPage  *self,
       ConsortAppraisal     *copy,
       const char           *label,
       GError              **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *described = NULL;

  if (consort_document_apply (self->document, copy, label, &local))
    return TRUE;
  /* Say where in the names people see, not the interchange file's place. */
  described = consort_appraisal_describe_error (copy, local);
  g_set_error_literal (error, local->domain, local->code, described);
  return FALSE;
}

static void
toast (ConsortBoroughsPage *self,
       const char          *text)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", text);
}

/* Editing one borough */

static void
name_changed_cb (BoroughRow *row)
{
  ConsortBoroughsPage *self = row->page;
  g_autofree char *message = NULL;

  if (!self->document)
    return;

  check_name (consort_document_get_appraisal (self->document), row->id,
              gtk_editable_get_text (GTK_EDITABLE (row->name_row)), &message);
  set_error (GTK_WIDGET (row->name_row), row->name_error, message);
}

static void
population_changed_cb (BoroughRow *row)
{
  g_autofree char *message = NULL;
  gint64 population;

  parse_population (gtk_editable_get_text (GTK_EDITABLE (row->population_row)), &population, &message);
  set_error (GTK_WIDGET (row->population_row), row->population_error, message);
}

static void
commit_name (BoroughRow *row)
{
  ConsortBoroughsPage *self = row->page;
  g_autoptr(ConsortAppraisal) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;
  ConsortBorough *borough;

  if (!is_editable (self))
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->name_row))));
  borough = consort_appraisal_find_borough (consort_document_get_appraisal (self->document), row->id);
  if (!borough || g_strcmp0 (borough->name, name) == 0)
    return;

  if (!check_name (consort_document_get_appraisal (self->document), row->id, name, &message))
    {
      set_error (GTK_WIDGET (row->name_row), row->name_error, message);
      return;
    }

  copy = consort_appraisal_copy (consort_document_get_appraisal (self->document));
  borough = consort_appraisal_find_borough (copy, row->id);
  g_free (borough->name);
  borough->name = g_steal_pointer (&name);

  if (!apply (self, copy, _("Rename Borough"), &error))
    set_error (GTK_WIDGET (row->name_row), row->name_error, error->message);
}

static void
commit_population (BoroughRow *row)
{
  ConsortBoroughsPage *self = row->page;
  g_autoptr(ConsortAppraisal) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  ConsortBorough *borough;
  gint64 population;

  if (!is_editable (self))
    return;

  if (!parse_population (gtk_editable_get_text (GTK_EDITABLE (row->population_row)), &population, &message))
    {
      set_error (GTK_WIDGET (row->population_row), row->population_error, message);
      return;
    }

  borough = consort_appraisal_find_borough (consort_document_get_appraisal (self->document), row->id);
  if (!borough || borough->population == population)
    return;

  copy = consort_appraisal_copy (consort_document_get_appraisal (self->document));
  borough = consort_appraisal_find_borough (copy, row->id);
  borough->population = population;

  if (!apply (self, copy, _("Change Population"), &error))
    set_error (GTK_WIDGET (row->population_row), row->population_error, error->message);
}

/* Deleting */

/* What in @appraisal refers to borough @id, one line each. */
static GPtrArray *
describe_uses (const ConsortAppraisal *appraisal,
               const char             *id)
{
  GPtrArray *uses = g_ptr_array_new_with_free_func (g_free);

  if (g_strcmp0 (appraisal->perspective, id) == 0)
    g_ptr_array_add (uses, g_strdup (_("The appraisal’s point of view (it will become the partnership)")));

  for (guint i = 0; i < appraisal->options->len; i++)
    {
      const ConsortOption *option = g_ptr_array_index (appraisal->options, i);
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
      guint n_owned = 0, n_custom = 0;

      for (guint j = 0; j < option->participants->len; j++)
        {
          const ConsortParticipant *participant = g_ptr_array_index (option->participants, j);

          if (g_strcmp0 (participant->borough_id, id) == 0)
            g_ptr_array_add (parts, g_strdup (_("takes part")));
        }

      for (guint j = 0; j < option->savings->len + option->costs->len; j++)
        {
          const ConsortAttribution *owner;

          if (j < option->savings->len)
            owner = &((ConsortSavingsItem *) g_ptr_array_index (option->savings, j))->owner;
          else
            owner = &((ConsortCostItem *) g_ptr_array_index (option->costs, j - option->savings->len))->owner;

          if (g_strcmp0 (owner->borough_id, id) == 0)
            n_owned++;
          if (owner->custom_shares)
            for (guint k = 0; k < owner->custom_shares->len; k++)
              if (g_strcmp0 (g_array_index (owner->custom_shares, ConsortShareWeight, k).borough_id, id) == 0)
                {
                  n_custom++;
                  break;
                }
        }

      if (n_owned > 0)
        g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u item belongs to it",
                                                              "%u items belong to it", n_owned),
                                                 n_owned));
      if (n_custom > 0)
        g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u item gives it a custom share",
                                                              "%u items give it a custom share", n_custom),
                                                 n_custom));

      if (parts->len > 0)
        {
          g_ptr_array_add (parts, NULL);
          g_autofree char *joined = g_strjoinv ("; ", (char **) parts->pdata);
          g_ptr_array_add (uses, g_strdup_printf ("%s: %s", option->name, joined));
        }
    }

  for (guint i = 0; i < appraisal->services->len; i++)
    {
      const ConsortService *service = g_ptr_array_index (appraisal->services, i);

      if (consort_service_find_baseline (service, id))
        /* Translators: "Education Services: baseline" */
        g_ptr_array_add (uses, g_strdup_printf (_("%s: baseline"), service->name));
    }

  return uses;
}

static void
remove_from_attribution (ConsortAttribution *owner,
                         const char         *id)
{
  /* Items of the borough now belong to the partnership. */
  if (g_strcmp0 (owner->borough_id, id) == 0)
    g_clear_pointer (&owner->borough_id, g_free);

  if (owner->custom_shares)
    {
      for (guint k = owner->custom_shares->len; k > 0; k--)
        {
          ConsortShareWeight *weight = &g_array_index (owner->custom_shares, ConsortShareWeight, k - 1);

          if (g_strcmp0 (weight->borough_id, id) == 0)
            {
              g_free (weight->borough_id);
              g_array_remove_index (owner->custom_shares, k - 1);
            }
        }
      if (owner->share == CONSORT_SHARE_CUSTOM && owner->custom_shares->len == 0)
        owner->share = CONSORT_SHARE_DEFAULT;
    }
}

/* Removes borough @id and every use of it from @appraisal (a copy). */
static void
remove_borough (ConsortAppraisal *appraisal,
                const char       *id)
{
  int index = consort_appraisal_borough_index (appraisal, id);

  if (g_strcmp0 (appraisal->perspective, id) == 0)
    g_clear_pointer (&appraisal->perspective, g_free);

  for (guint i = 0; i < appraisal->options->len; i++)
    {
      ConsortOption *option = g_ptr_array_index (appraisal->options, i);

      for (guint j = option->participants->len; j > 0; j--)
        {
          ConsortParticipant *participant = g_ptr_array_index (option->participants, j - 1);

          if (g_strcmp0 (participant->borough_id, id) == 0)
            g_ptr_array_remove_index (option->participants, j - 1);
        }

      for (guint j = 0; j < option->savings->len; j++)
        remove_from_attribution (&((ConsortSavingsItem *) g_ptr_array_index (option->savings, j))->owner, id);
      for (guint j = 0; j < option->costs->len; j++)
        remove_from_attribution (&((ConsortCostItem *) g_ptr_array_index (option->costs, j))->owner, id);
    }

  for (guint i = 0; i < appraisal->services->len; i++)
    {
      ConsortService *service = g_ptr_array_index (appraisal->services, i);

      for (guint j = service->baselines->len; j > 0; j--)
        {
          ConsortBaseline *baseline = g_ptr_array_index (service->baselines, j - 1);

          if (g_strcmp0 (baseline->borough_id, id) == 0)
            g_ptr_array_remove_index (service->baselines, j - 1);
        }
    }

  /* Last, as @id may point into the borough itself. */
  if (index >= 0)
    g_ptr_array_remove_index (appraisal->boroughs, index);
}

static void
delete_borough (ConsortBoroughsPage *self,
                const char          *id)
{
  g_autoptr(ConsortAppraisal) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stable_id = g_strdup (id);
  g_autofree char *name = NULL;
  ConsortBorough *borough;

  if (!is_editable (self))
    return;

  copy = consort_appraisal_copy (consort_document_get_appraisal (self->document));
  if (!(borough = consort_appraisal_find_borough (copy, stable_id)))
    return;
  name = g_strdup (borough->name);

  remove_borough (copy, stable_id);

  if (!apply (self, copy, _("Delete Borough"), &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not delete “%s”: %s"), name, error->message);
      toast (self, text);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("Deleted “%s”"), name);
      consort_form_toast_undo (GTK_WIDGET (self), text);
    }
}

static void
delete_response_cb (AdwMessageDialog    *dialog,
                    const char          *response,
                    ConsortBoroughsPage *self)
{
  if (g_strcmp0 (response, "delete") == 0)
    delete_borough (self, g_object_get_data (G_OBJECT (dialog), "borough-id"));
}

static void
delete_clicked_cb (BoroughRow *row)
{
  ConsortBoroughsPage *self = row->page;
  const ConsortAppraisal *appraisal;
  const ConsortBorough *borough;
  g_autoptr(GPtrArray) uses = NULL;
  g_autoptr(GString) body = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (!is_editable (self))
    return;

  appraisal = consort_document_get_appraisal (self->document);
  if (!(borough = consort_appraisal_find_borough (appraisal, row->id)))
    return;

  uses = describe_uses (appraisal, row->id);
  if (uses->len == 0)
    {
      g_autofree char *id = g_strdup (row->id);
      delete_borough (self, id);  /* may destroy @row */
      return;
    }

  body = g_string_new (_("It is used by:"));
  g_string_append_c (body, '\n');
  for (guint i = 0; i < uses->len; i++)
    g_string_append_printf (body, "\n• %s", (const char *) g_ptr_array_index (uses, i));
  g_string_append (body, "\n\n");
  g_string_append (body, _("Deleting it removes it from these options and baselines. Items that belong to it will belong to the partnership, and custom shares will leave it out. You can undo this."));

  /* Translators: dialog heading, %s is a borough name */
  heading = g_strdup_printf (_("Delete “%s”?"), borough->name);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "borough-id", g_strdup (row->id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Adding */

typedef struct
{
  ConsortBoroughsPage *page;
  AdwMessageDialog    *dialog;
  AdwEntryRow         *name_row;
  AdwEntryRow         *population_row;
  GtkLabel            *error_label;
} AddDialog;

static void
add_dialog_validate (AddDialog *add)
{
  const ConsortAppraisal *appraisal;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (add->name_row));
  const char *population_text = gtk_editable_get_text (GTK_EDITABLE (add->population_row));
  g_autofree char *name_message = NULL;
  g_autofree char *population_message = NULL;
  gint64 population;
  gboolean name_ok, population_ok;

  if (!add->page->document)
    return;

  appraisal = consort_document_get_appraisal (add->page->document);
  name_ok = check_name (appraisal, NULL, name, &name_message);
  population_ok = parse_population (population_text, &population, &population_message);

  /* Complain about what was typed, not what is still empty. */
  if (*name && !name_ok)
    gtk_widget_add_css_class (GTK_WIDGET (add->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (add->name_row), "error");
  if (*population_text && !population_ok)
    gtk_widget_add_css_class (GTK_WIDGET (add->population_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (add->population_row), "error");

  if (*name && !name_ok)
    gtk_label_set_text (add->error_label, name_message);
  else if (*population_text && !population_ok)
    gtk_label_set_text (add->error_label, population_message);
  else
    gtk_label_set_text (add->error_label, "");

  adw_message_dialog_set_response_enabled (add->dialog, "add", name_ok && population_ok);
}

static void
add_dialog_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        AddDialog        *add)
{
  ConsortBoroughsPage *self = add->page;
  g_autoptr(ConsortAppraisal) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *id = NULL;
  gint64 population;

  if (g_strcmp0 (response, "add") != 0 || !is_editable (self))
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (add->name_row))));
  if (!check_name (consort_document_get_appraisal (self->document), NULL, name, &message) ||
      !parse_population (gtk_editable_get_text (GTK_EDITABLE (add->population_row)), &population, &message))
    {
      toast (self, message);
      return;
    }

  copy = consort_appraisal_copy (consort_document_get_appraisal (self->document));
  stem = slug_from_name (name);
  id = consort_appraisal_unique_id (copy, stem);
  g_ptr_array_add (copy->boroughs, consort_borough_new (id, name, population));

  if (!apply (self, copy, _("Add Borough"), &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not add “%s”: %s"), name, error->message);
      toast (self, text);
    }
}

static void
consort_boroughs_page_add (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  ConsortBoroughsPage *self = CONSORT_BOROUGHS_PAGE (widget);
  GtkWidget *dialog, *box, *list, *error_label;
  AddDialog *add;

  if (!is_editable (self))
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Add Borough"), NULL);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  add = g_new0 (AddDialog, 1);
  add->page = self;
  add->dialog = ADW_MESSAGE_DIALOG (dialog);
  g_object_set_data_full (G_OBJECT (dialog), "add-dialog", add, g_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  add->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  gtk_widget_set_name (GTK_WIDGET (add->name_row), "new-borough-name");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add->name_row), _("Name"));
  adw_entry_row_set_activates_default (add->name_row, TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (add->name_row));

  add->population_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  gtk_widget_set_name (GTK_WIDGET (add->population_row), "new-borough-population");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add->population_row), _("Population"));
  adw_entry_row_set_input_purpose (add->population_row, GTK_INPUT_PURPOSE_DIGITS);
  adw_entry_row_set_activates_default (add->population_row, TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (add->population_row));

  error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error_label), 0);
  gtk_widget_add_css_class (error_label, "consort-error-message");
  add->error_label = GTK_LABEL (error_label);

  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), error_label);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  g_signal_connect_swapped (add->name_row, "changed", G_CALLBACK (add_dialog_validate), add);
  g_signal_connect_swapped (add->population_row, "changed", G_CALLBACK (add_dialog_validate), add);
  g_signal_connect (dialog, "response", G_CALLBACK (add_dialog_response_cb), add);
  add_dialog_validate (add);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (add->name_row));
}

/* Rows */

static GtkLabel *
add_error_row (AdwExpanderRow *expander)
{
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "consort-error-message");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_visible (row, FALSE);
  adw_expander_row_add_row (expander, row);

  return GTK_LABEL (label);
}

static void
focus_left_name_cb (BoroughRow *row)
{
  commit_name (row);
}

static void
focus_left_population_cb (BoroughRow *row)
{
  commit_population (row);
}

static AdwEntryRow *
new_entry_row (BoroughRow *row,
               const char *title,
               const char *name,
               GCallback   changed,
               GCallback   commit)
{
  AdwEntryRow *entry = ADW_ENTRY_ROW (adw_entry_row_new ());
  g_autofree char *widget_name = g_strdup_printf ("%s-%s", name, row->id);
  GtkEventController *focus = gtk_event_controller_focus_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
  gtk_widget_set_name (GTK_WIDGET (entry), widget_name);
  g_signal_connect_swapped (entry, "changed", changed, row);
  g_signal_connect_swapped (entry, "entry-activated", commit, row);
  g_signal_connect_swapped (focus, "leave", commit, row);
  gtk_widget_add_controller (GTK_WIDGET (entry), focus);
  adw_expander_row_add_row (row->expander, GTK_WIDGET (entry));

  return entry;
}

static BoroughRow *
create_row (ConsortBoroughsPage  *self,
            const ConsortBorough *borough)
{
  BoroughRow *row = g_new0 (BoroughRow, 1);
  g_autofree char *widget_name = NULL;

  row->page = self;
  row->id = g_strdup (borough->id);
  row->expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
  widget_name = g_strdup_printf ("borough-%s", borough->id);
  gtk_widget_set_name (GTK_WIDGET (row->expander), widget_name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->expander), FALSE);
  g_object_set_data_full (G_OBJECT (row->expander), "borough-row", row, borough_row_free);

  row->delete_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (row->delete_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (row->delete_button, _("Delete Borough"));
  gtk_widget_add_css_class (row->delete_button, "flat");
  g_signal_connect_swapped (row->delete_button, "clicked", G_CALLBACK (delete_clicked_cb), row);
  adw_expander_row_add_action (row->expander, row->delete_button);

  row->name_row = new_entry_row (row, _("Name"), "name",
                                 G_CALLBACK (name_changed_cb), G_CALLBACK (focus_left_name_cb));
  row->name_error = add_error_row (row->expander);
  row->population_row = new_entry_row (row, _("Population"), "population",
                                       G_CALLBACK (population_changed_cb), G_CALLBACK (focus_left_population_cb));
  adw_entry_row_set_input_purpose (row->population_row, GTK_INPUT_PURPOSE_DIGITS);
  row->population_error = add_error_row (row->expander);

  return row;
}

static void
update_row (ConsortBoroughsPage  *self,
            BoroughRow           *row,
            const ConsortBorough *borough)
{
  g_autofree char *population = format_population (borough->population);
  g_autofree char *subtitle = NULL;
  gboolean editable = document_writable (self);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->expander), borough->name);
  /* Translators: "Population 211,000 · identifier wcc" */
  subtitle = g_strdup_printf (_("Population %s · identifier %s"), population, borough->id);
  adw_expander_row_set_subtitle (row->expander, subtitle);

  /* Show the document's values; leave text the user is correcting. */
  if (!gtk_widget_has_css_class (GTK_WIDGET (row->name_row), "error") &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row->name_row)), borough->name) != 0)
    gtk_editable_set_text (GTK_EDITABLE (row->name_row), borough->name);
  if (!gtk_widget_has_css_class (GTK_WIDGET (row->population_row), "error") &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row->population_row)), population) != 0)
    gtk_editable_set_text (GTK_EDITABLE (row->population_row), population);

  gtk_editable_set_editable (GTK_EDITABLE (row->name_row), editable);
  gtk_editable_set_editable (GTK_EDITABLE (row->population_row), editable);
  gtk_widget_set_sensitive (row->delete_button, editable);
}

static gboolean
same_ids (ConsortBoroughsPage    *self,
          const ConsortAppraisal *appraisal)
{
  if (self->rows->len != appraisal->boroughs->len)
    return FALSE;

  for (guint i = 0; i < self->rows->len; i++)
    {
      BoroughRow *row = g_object_get_data (g_ptr_array_index (self->rows, i), "borough-row");
      const ConsortBorough *borough = g_ptr_array_index (appraisal->boroughs, i);

      if (g_strcmp0 (row->id, borough->id) != 0)
        return FALSE;
    }

  return TRUE;
}

static void
clear_rows (ConsortBoroughsPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static void
refresh (ConsortBoroughsPage *self)
{
  const ConsortAppraisal *appraisal;
  g_autoptr(GHashTable) expanded = NULL;

  self->needs_refresh = FALSE;
  self->refreshing = TRUE;

  if (!self->document)
    {
      clear_rows (self);
      self->refreshing = FALSE;
      gtk_widget_set_visible (self->empty_row, TRUE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "boroughs.add", FALSE);
      return;
    }

  appraisal = consort_document_get_appraisal (self->document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "boroughs.add", document_writable (self));

  if (!same_ids (self, appraisal))
    {
      /* Keep open what was open. */
      expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < self->rows->len; i++)
        {
          BoroughRow *row = g_object_get_data (g_ptr_array_index (self->rows, i), "borough-row");

          if (adw_expander_row_get_expanded (row->expander))
            g_hash_table_add (expanded, g_strdup (row->id));
        }

      clear_rows (self);
      for (guint i = 0; i < appraisal->boroughs->len; i++)
        {
          const ConsortBorough *borough = g_ptr_array_index (appraisal->boroughs, i);
          BoroughRow *row = create_row (self, borough);

          adw_expander_row_set_expanded (row->expander, g_hash_table_contains (expanded, borough->id));
          adw_preferences_group_add (self->group, GTK_WIDGET (row->expander));
          g_ptr_array_add (self->rows, row->expander);
        }
    }

  for (guint i = 0; i < self->rows->len; i++)
    update_row (self,
                g_object_get_data (g_ptr_array_index (self->rows, i), "borough-row"),
                g_ptr_array_index (appraisal->boroughs, i));

  gtk_widget_set_visible (self->empty_row, appraisal->boroughs->len == 0);
  self->refreshing = FALSE;
}

static void
document_changed_cb (ConsortBoroughsPage *self)
{
  /* A page out of sight catches up when it is shown. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
  else
    self->needs_refresh = TRUE;
}

void
consort_boroughs_page_set_document (ConsortBoroughsPage *self,
                                    ConsortDocument     *document)
{
  g_return_if_fail (CONSORT_IS_BOROUGHS_PAGE (self));
  g_return_if_fail (!document || CONSORT_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);

  g_set_object (&self->document, document);

  if (document)
    {
      g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::read-only", G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
    }

  /* Rows of another document must not survive. */
  self->refreshing = TRUE;
  clear_rows (self);
  self->refreshing = FALSE;
  document_changed_cb (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

static void
consort_boroughs_page_map (GtkWidget *widget)
{
  ConsortBoroughsPage *self = CONSORT_BOROUGHS_PAGE (widget);

  GTK_WIDGET_CLASS (consort_boroughs_page_parent_class)->map (widget);

  if (self->needs_refresh)
    refresh (self);
}

static void
consort_boroughs_page_dispose (GObject *object)
{
  ConsortBoroughsPage *self = CONSORT_BOROUGHS_PAGE (object);

  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONSORT_TYPE_BOROUGHS_PAGE);

  G_OBJECT_CLASS (consort_boroughs_page_parent_class)->dispose (object);
}

static void
consort_boroughs_page_finalize (GObject *object)
{
  ConsortBoroughsPage *self = CONSORT_BOROUGHS_PAGE (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (consort_boroughs_page_parent_class)->finalize (object);
}

static void
consort_boroughs_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ConsortBoroughsPage *self = CONSORT_BOROUGHS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consort_boroughs_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ConsortBoroughsPage *self = CONSORT_BOROUGHS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      consort_boroughs_page_set_document (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consort_boroughs_page_class_init (ConsortBoroughsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = consort_boroughs_page_dispose;
  object_class->finalize = consort_boroughs_page_finalize;
  object_class->get_property = consort_boroughs_page_get_property;
  object_class->set_property = consort_boroughs_page_set_property;

  widget_class->map = consort_boroughs_page_map;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CONSORT_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/consortapp/Consort/consort-boroughs-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConsortBoroughsPage, group);
  gtk_widget_class_bind_template_child (widget_class, ConsortBoroughsPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, ConsortBoroughsPage, empty_row);

  gtk_widget_class_install_action (widget_class, "boroughs.add", NULL, consort_boroughs_page_add);
}

static void
consort_boroughs_page_init (ConsortBoroughsPage *self)
{
  self->rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "boroughs.add", FALSE);
}
