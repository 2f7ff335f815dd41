/* consort-cost-editor.c: add or edit one cost item.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "consort-cost-editor.h"

#include <glib/gi18n.h>

#include "consort-form-util.h"
#include "consort-share-editor.h"

struct _ConsortCostEditor
{
  AdwWindow            parent_instance;

  ConsortDocument     *document;
  char                *option_id;
  int                  index;
  ConsortCostItem     *original;      /* the item at @index when opened */
  char                *error;
  GPtrArray           *service_ids;   /* after "None" */
  GPtrArray           *amount_rows;

  AdwWindowTitle      *window_title;
  GtkWidget           *cancel_button;
  GtkWidget           *save_button;
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  AdwPreferencesPage  *page;
  AdwComboRow         *kind_row;
  AdwComboRow         *service_row;
  AdwEntryRow         *label_row;
  AdwComboRow         *form_row;
  AdwComboRow         *year_row;
  AdwEntryRow         *amount_row;
  AdwEntryRow         *posts_row;
  AdwEntryRow         *unit_cost_row;
  AdwPreferencesGroup *amounts_group;
  ConsortShareEditor  *share_editor;
};

G_DEFINE_FINAL_TYPE (ConsortCostEditor, consort_cost_editor, ADW_TYPE_WINDOW)

static void
show_error (ConsortCostEditor *self,
            const char        *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

const char *
consort_cost_editor_get_error (ConsortCostEditor *self)
{
  g_return_val_if_fail (CONSORT_IS_COST_EDITOR (self), NULL);
  return self->error;
}

static ConsortCostForm
selected_form (ConsortCostEditor *self)
{
  switch (adw_combo_row_get_selected (self->form_row))
    {
    case 1: return CONSORT_COST_FORM_POSTS;
    case 2: return CONSORT_COST_FORM_AMOUNTS;
    default: return CONSORT_COST_FORM_AMOUNT;
    }
}

static void
update_rows (ConsortCostEditor *self)
{
  ConsortCostForm form = selected_form (self);

  gtk_widget_set_visible (GTK_WIDGET (self->year_row), form != CONSORT_COST_FORM_AMOUNTS);
  gtk_widget_set_visible (GTK_WIDGET (self->amount_row), form == CONSORT_COST_FORM_AMOUNT);
  gtk_widget_set_visible (GTK_WIDGET (self->posts_row), form == CONSORT_COST_FORM_POSTS);
  gtk_widget_set_visible (GTK_WIDGET (self->unit_cost_row), form == CONSORT_COST_FORM_POSTS);
  gtk_widget_set_visible (GTK_WIDGET (self->amounts_group), form == CONSORT_COST_FORM_AMOUNTS);
}

static void
form_changed (AdwComboRow *row, GParamSpec *pspec, ConsortCostEditor *self)
{
  update_rows (self);
}

static void
clear_error_on_change (GtkEditable *editable, gpointer user_data)
{
  consort_form_set_error (GTK_WIDGET (editable), NULL);
}

static void
save_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  consort_cost_editor_save (CONSORT_COST_EDITOR (widget));
}

static void
field_error (GtkWidget  *widget,
             char      **first,
             char       *message)
{
  consort_form_set_error (widget, message);
  if (*first == NULL)
    *first = message;
  else
    g_free (message);
}

static gboolean
read_money (GtkWidget  *row,
            ConsortMoney *out,
            char      **first)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  if (!consort_form_parse_money (text, FALSE, out))
    {
      field_error (row, first,
                   g_strdup_printf (_("%s: “%s” is not an amount; type, for example, £41,300 or 41.3k"),
                                    adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), text));
      return FALSE;
    }
  consort_form_set_error (row, NULL);
  return TRUE;
}

gboolean
consort_cost_editor_save (ConsortCostEditor *self)
{
  ConsortAppraisal *a;
  ConsortCostItem *item;
  guint kind = adw_combo_row_get_selected (self->kind_row);
  guint service = adw_combo_row_get_selected (self->service_row);
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->label_row))));
  g_autofree char *message = NULL;
  char *first = NULL;

  g_return_val_if_fail (CONSORT_IS_COST_EDITOR (self), FALSE);

  if (consort_document_get_read_only (self->document))
    {
      show_error (self, _("This appraisal is read-only: the cost item cannot be changed"));
      return FALSE;
    }
  a = consort_document_get_appraisal (self->document);
  item = consort_cost_item_new (kind < CONSORT_N_COST_KINDS ? (ConsortCostKind) kind : CONSORT_COST_OTHER);
  if (service >= 1 && service - 1 < self->service_ids->len)
    item->service_id = g_strdup (g_ptr_array_index (self->service_ids, service - 1));
  if (*label)
    item->label = g_strdup (label);
  item->form = selected_form (self);
  item->year = a->first_year + (int) adw_combo_row_get_selected (self->year_row);

  if (!consort_share_editor_get_attribution (self->share_editor, &item->owner, &message))
    first = g_steal_pointer (&message);

  switch (item->form)
    {
    case CONSORT_COST_FORM_AMOUNT:
      read_money (GTK_WIDGET (self->amount_row), &item->amount, &first);
      break;

    case CONSORT_COST_FORM_POSTS:
      {
        const char *text = gtk_editable_get_text (GTK_EDITABLE (self->posts_row));
        if (!consort_form_parse_decimal (text, &item->posts))
          field_error (GTK_WIDGET (self->posts_row), &first,
                       g_strdup_printf (_("Number of posts: “%s” is not a number; type, for example, 5 or 2.5"), text));
        else
          consort_form_set_error (GTK_WIDGET (self->posts_row), NULL);
        read_money (GTK_WIDGET (self->unit_cost_row), &item->unit_cost, &first);
      }
      break;

    case CONSORT_COST_FORM_AMOUNTS:
    default:
      for (guint i = 0; i < self->amount_rows->len; i++)
        {
          GtkWidget *row = g_ptr_array_index (self->amount_rows, i);
          const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
          ConsortMoney v;

          if (!consort_form_parse_money (text, TRUE, &v))
            {
              field_error (row, &first,
                           g_strdup_printf (_("%s: “%s” is not an amount; type, for example, £40,660 or 40.66k"),
                                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), text));
              continue;
            }
          consort_form_set_error (row, NULL);
          consort_year_amounts_set (item->amounts, a->first_year + (int) i, v);
        }
      break;
    }

  if (first != NULL)
    {
      show_error (self, first);
      g_free (first);
      consort_cost_item_free (item);
      return FALSE;
    }

  if (!consort_form_store_option_item (GTK_WIDGET (self), self->document, self->option_id,
                                       G_STRUCT_OFFSET (ConsortOption, costs), self->index,
                                       item, self->original,
                                       (gboolean (*) (gconstpointer, gconstpointer)) consort_cost_item_equal,
                                       (GDestroyNotify) consort_cost_item_free,
                                       _("The cost item was changed or removed while this dialog was open "
                                         "(by undo, perhaps): cancel and open it again"),
                                       self->index >= 0 ? _("Edit cost item") : _("Add cost item"),
                                       &message))
    {
      show_error (self, message);
      return FALSE;
    }
  show_error (self, NULL);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
fill (ConsortCostEditor     *self,
      const ConsortCostItem *item)
{
  ConsortAppraisal *a = consort_document_get_appraisal (self->document);
  ConsortOption *option = consort_appraisal_find_option (a, self->option_id);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) services = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) years = consort_form_fy_model (a);
  ConsortAttribution default_owner = { NULL, CONSORT_SHARE_DEFAULT, NULL };

  for (int k = 0; k < CONSORT_N_COST_KINDS; k++)
    gtk_string_list_append (kinds, consort_cost_kind_describe (k));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));

  gtk_string_list_append (services, _("None (the whole option)"));
  for (guint i = 0; i < a->services->len; i++)
    {
      ConsortService *s = g_ptr_array_index (a->services, i);
      g_ptr_array_add (self->service_ids, g_strdup (s->id));
      gtk_string_list_append (services, s->name);
    }
  adw_combo_row_set_model (self->service_row, G_LIST_MODEL (services));
  adw_combo_row_set_model (self->year_row, G_LIST_MODEL (years));

  for (int i = 0; i < a->years; i++)
    {
      int year = a->first_year + i;
      GtkWidget *row = adw_entry_row_new ();
      g_autofree char *fy = consort_fy_label (year, '/');
      g_autofree char *name = g_strdup_printf ("amount-%d", year);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), fy);
      adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
      gtk_widget_set_name (row, name);
      if (item && item->form == CONSORT_COST_FORM_AMOUNTS && item->amounts)
        {
          ConsortMoney v = consort_year_amounts_get (item->amounts, year);
          if (v != 0)
            {
              g_autofree char *text = consort_form_format_money (v);
              gtk_editable_set_text (GTK_EDITABLE (row), text);
            }
        }
      g_signal_connect (row, "changed", G_CALLBACK (clear_error_on_change), NULL);
      adw_preferences_group_add (self->amounts_group, row);
      g_ptr_array_add (self->amount_rows, row);
    }

  consort_share_editor_set_attribution (self->share_editor, a, option, item ? &item->owner : &default_owner);

  if (item == NULL)
    {
      adw_combo_row_set_selected (self->kind_row, CONSORT_COST_PROJECT_MANAGEMENT);
      update_rows (self);
      return;
    }

  adw_combo_row_set_selected (self->kind_row, item->kind);
  for (guint i = 0; i < self->service_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->service_ids, i), item->service_id) == 0)
      adw_combo_row_set_selected (self->service_row, i + 1);
  if (item->label)
    gtk_editable_set_text (GTK_EDITABLE (self->label_row), item->label);
  adw_combo_row_set_selected (self->form_row,
                              item->form == CONSORT_COST_FORM_POSTS ? 1 : item->form == CONSORT_COST_FORM_AMOUNTS ? 2 : 0);
  if (item->year >= a->first_year && item->year < a->first_year + a->years)
    adw_combo_row_set_selected (self->year_row, item->year - a->first_year);
  if (item->form == CONSORT_COST_FORM_AMOUNT)
    {
      g_autofree char *text = consort_form_format_money (item->amount);
      gtk_editable_set_text (GTK_EDITABLE (self->amount_row), text);
    }
  else if (item->form == CONSORT_COST_FORM_POSTS)
    {
      g_autofree char *posts = consort_form_format_decimal (item->posts);
      g_autofree char *unit = consort_form_format_money (item->unit_cost);
      gtk_editable_set_text (GTK_EDITABLE (self->posts_row), posts);
      gtk_editable_set_text (GTK_EDITABLE (self->unit_cost_row), unit);
    }
  update_rows (self);
}

static void
consort_cost_editor_dispose (GObject *object)
{
  ConsortCostEditor *self = CONSORT_COST_EDITOR (object);

  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONSORT_TYPE_COST_EDITOR);
  G_OBJECT_CLASS (consort_cost_editor_parent_class)->dispose (object);
}

static void
consort_cost_editor_finalize (GObject *object)
{
  ConsortCostEditor *self = CONSORT_COST_EDITOR (object);

  g_free (self->option_id);
  g_free (self->error);
  consort_cost_item_free (self->original);
  g_ptr_array_unref (self->service_ids);
  g_ptr_array_unref (self->amount_rows);
  G_OBJECT_CLASS (consort_cost_editor_parent_class)->finalize (object);
}

static void
consort_cost_editor_class_init (ConsortCostEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = consort_cost_editor_dispose;
  object_class->finalize = consort_cost_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/consortapp/Consort/consort-cost-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ConsortCostEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, ConsortCostEditor, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ConsortCostEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, ConsortCostEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, ConsortCostEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, ConsortCostEditor, page);
  gtk_widget_class_bind_template_child (widget_class, ConsortCostEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, ConsortCostEditor, service_row);
  gtk_widget_class_bind_template_child (widget_class, ConsortCostEditor, label_row);
  gtk_widget_class_bind_template_child (widget_class, ConsortCostEditor, form_row);
  gtk_widget_class_bind_template_child (widget_class, ConsortCostEditor, year_row);
  gtk_widget_class_bind_template_child (widget_class, ConsortCostEditor, amount_row);
  gtk_widget_class_bind_template_child (widget_class, ConsortCostEditor, posts_row);
  gtk_widget_class_bind_template_child (widget_class, ConsortCostEditor, unit_cost_row);
  gtk_widget_class_bind_template_child (widget_class, ConsortCostEditor, amounts_group);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
consort_cost_editor_init (ConsortCostEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->index = -1;
  self->service_ids = g_ptr_array_new_with_free_func (g_free);
  self->amount_rows = g_ptr_array_new ();

  self->share_editor = CONSORT_SHARE_EDITOR (consort_share_editor_new (TRUE));
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (self->share_editor));

  g_signal_connect (self->form_row, "notify::selected", G_CALLBACK (form_changed), self);
  g_signal_connect (self->amount_row, "changed", G_CALLBACK (clear_error_on_change), NULL);
  g_signal_connect (self->posts_row, "changed", G_CALLBACK (clear_error_on_change), NULL);
  g_signal_connect (self->unit_cost_row, "changed", G_CALLBACK (clear_error_on_change), NULL);
}

GtkWidget *
consort_cost_editor_new (ConsortDocument *document,
                         const char      *option_id,
                         int              index)
{
  ConsortCostEditor *self;
  ConsortAppraisal *a;
  ConsortOption *option;
  ConsortCostItem *item = NULL;

  g_return_val_if_fail (CONSORT_IS_DOCUMENT (document), NULL);

  a = consort_document_get_appraisal (document);
  option = consort_appraisal_find_option (a, option_id);
  g_return_val_if_fail (option != NULL, NULL);

  self = g_object_new (CONSORT_TYPE_COST_EDITOR, NULL);
  self->document = g_object_ref (document);
  self->option_id = g_strdup (option_id);
  if (index >= 0 && index < (int) option->costs->len)
    {
      self->index = index;
      item = g_ptr_array_index (option->costs, index);
      self->original = consort_cost_item_copy (item);
    }
  adw_window_title_set_title (self->window_title, item ? _("Edit Cost Item") : _("Add Cost Item"));
  adw_window_title_set_subtitle (self->window_title, option->name);
  gtk_window_set_title (GTK_WINDOW (self), item ? _("Edit Cost Item") : _("Add Cost Item"));
  fill (self, item);
  if (consort_document_get_read_only (document))
    consort_form_editor_set_read_only (GTK_WINDOW (self), self->window_title, _("Cost Item"),
                                       self->cancel_button, self->save_button, GTK_WIDGET (self->page));
  return GTK_WIDGET (self);
}
