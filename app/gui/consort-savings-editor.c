/* consort-savings-editor.c: add or edit one savings item.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "consort-savings-editor.h"

#include <glib/gi18n.h>

#include "consort-form-util.h"
#include "consort-share-editor.h"

struct _ConsortSavingsEditor
{
  AdwWindow            parent_instance;

  ConsortDocument     *document;
  char                *option_id;
  int                  index;
  ConsortSavingsItem  *original;      /* the item at @index when opened */
  char                *error;
  GPtrArray           *service_ids;
  GPtrArray           *models;
  GPtrArray           *amount_rows;   /* AdwEntryRow per FY */

  AdwWindowTitle      *window_title;
  GtkWidget           *cancel_button;
  GtkWidget           *save_button;
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  AdwPreferencesPage  *page;
  AdwComboRow         *service_row;
  AdwComboRow         *method_row;
  AdwEntryRow         *label_row;
  AdwPreferencesGroup *amounts_group;
  AdwPreferencesGroup *rate_group;
  AdwComboRow         *model_row;
  AdwEntryRow         *rate_row;
  AdwPreferencesGroup *posts_group;
  GtkListBox          *posts_list;
  AdwPreferencesGroup *timing_group;
  AdwComboRow         *start_year_row;
  AdwComboRow         *start_month_row;
  AdwEntryRow         *phasing_row;
  ConsortShareEditor  *share_editor;
  GtkLabel            *rate_warning;  /* participants without a budget */
};

G_DEFINE_FINAL_TYPE (ConsortSavingsEditor, consort_savings_editor, ADW_TYPE_WINDOW)

static void
show_error (ConsortSavingsEditor *self,
            const char           *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

const char *
consort_savings_editor_get_error (ConsortSavingsEditor *self)
{
  g_return_val_if_fail (CONSORT_IS_SAVINGS_EDITOR (self), NULL);
  return self->error;
}

static ConsortSavingsMethod
selected_method (ConsortSavingsEditor *self)
{
  switch (adw_combo_row_get_selected (self->method_row))
    {
    case 1: return CONSORT_METHOD_RATE;
    case 2: return CONSORT_METHOD_POSTS;
    default: return CONSORT_METHOD_AMOUNTS;
    }
}

static void
update_groups (ConsortSavingsEditor *self)
{
  ConsortSavingsMethod method = selected_method (self);

  gtk_widget_set_visible (GTK_WIDGET (self->amounts_group), method == CONSORT_METHOD_AMOUNTS);
  gtk_widget_set_visible (GTK_WIDGET (self->rate_group), method == CONSORT_METHOD_RATE);
  gtk_widget_set_visible (GTK_WIDGET (self->posts_group), method == CONSORT_METHOD_POSTS);
  gtk_widget_set_visible (GTK_WIDGET (self->timing_group), method != CONSORT_METHOD_AMOUNTS);
}

static void
update_rate_hint (ConsortSavingsEditor *self)
{
  ConsortAppraisal *a = consort_document_get_appraisal (self->document);
  guint model = adw_combo_row_get_selected (self->model_row);
  g_autofree char *hint = NULL;

  if (model >= self->models->len)
    return;
  hint = consort_form_default_rate_hint (a, g_ptr_array_index (self->models, model));
  adw_preferences_group_set_description (self->rate_group, hint);
}

/* A rate saving is the rate times each participant's budget for the
 * service: where a participant has none, it saves nothing there, which
 * otherwise looks like a fault in the figures. */
static void
update_rate_warning (ConsortSavingsEditor *self)
{
  ConsortAppraisal *a = consort_document_get_appraisal (self->document);
  ConsortOption *option = consort_appraisal_find_option (a, self->option_id);
  guint selected = adw_combo_row_get_selected (self->service_row);
  g_autoptr(GString) text = g_string_new (NULL);
  ConsortService *service;

  if (option == NULL || selected >= self->service_ids->len ||
      selected_method (self) != CONSORT_METHOD_RATE)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->rate_warning), FALSE);
      return;
    }

  service = consort_appraisal_find_service (a, g_ptr_array_index (self->service_ids, selected));
  {
    g_autoptr(GPtrArray) missing = g_ptr_array_new ();

    for (guint i = 0; service && i < option->participants->len; i++)
      {
        const ConsortParticipant *p = g_ptr_array_index (option->participants, i);
        const ConsortBaseline *baseline = consort_service_find_baseline (service, p->borough_id);

        if (!baseline || baseline->budget <= 0)
          g_ptr_array_add (missing, (gpointer) consort_form_borough_name (a, p->borough_id));
      }

    if (missing->len == 1)
      /* Translators: "Westminster has no budget for Education Services: this item saves £0 for it" */
      g_string_append_printf (text, _("%s has no budget for %s: this item saves £0 for it"),
                              (const char *) g_ptr_array_index (missing, 0), service->name);
    else if (missing->len > 1 && missing->len == option->participants->len)
      g_string_append_printf (text, _("No participant has a budget for %s: this item saves £0. "
                                      "Enter budgets on the Services and Baselines page."),
                              service->name);
    else if (missing->len > 1)
      {
        g_autoptr(GString) names = g_string_new (NULL);

        for (guint i = 0; i < missing->len; i++)
          {
            if (i > 0)
              g_string_append (names, i + 1 == missing->len ? _(" and ") : ", ");
            g_string_append (names, g_ptr_array_index (missing, i));
          }
        /* Translators: "H&F and Wandsworth have no budget for Education Services: ..." */
        g_string_append_printf (text, _("%s have no budget for %s: this item saves £0 for them"),
                                names->str, service->name);
      }
  }

  gtk_label_set_text (self->rate_warning, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->rate_warning), text->len > 0);
}

static void
method_changed (AdwComboRow *row, GParamSpec *pspec, ConsortSavingsEditor *self)
{
  update_groups (self);
  update_rate_warning (self);
}

static void
service_changed (AdwComboRow *row, GParamSpec *pspec, ConsortSavingsEditor *self)
{
  update_rate_warning (self);
}

static void
model_changed (AdwComboRow *row, GParamSpec *pspec, ConsortSavingsEditor *self)
{
  update_rate_hint (self);
}

static void
clear_error_on_change (GtkEditable *editable, gpointer user_data)
{
  consort_form_set_error (GTK_WIDGET (editable), NULL);
}

static void
remove_post_clicked (GtkButton *button, ConsortSavingsEditor *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  gtk_list_box_remove (self->posts_list, row);
}

static GtkWidget *
post_entry (const char *placeholder,
            int         width_chars,
            const char *text,
            const char *name)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), width_chars);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), width_chars);
  gtk_widget_set_name (entry, name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  if (text)
    gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder, -1);
  g_signal_connect (entry, "changed", G_CALLBACK (clear_error_on_change), NULL);
  return entry;
}

static GtkWidget *
add_post_row (ConsortSavingsEditor *self,
              const ConsortPost    *post)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *fte = post ? consort_form_format_decimal (post->fte) : g_strdup ("1");
  g_autofree char *cost = post ? consort_form_format_money (post->cost) : NULL;
  GtkWidget *title_entry = post_entry (_("Post title"), 12, post ? post->title : NULL, "post-title");
  GtkWidget *fte_entry = post_entry (_("FTE"), 4, fte, "post-fte");
  GtkWidget *cost_entry = post_entry (_("Annual cost"), 10, cost, "post-cost");
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_hexpand (title_entry, TRUE);
  gtk_entry_set_alignment (GTK_ENTRY (fte_entry), 1.0);
  gtk_entry_set_alignment (GTK_ENTRY (cost_entry), 1.0);
  gtk_widget_set_tooltip_text (remove, _("Remove Post"));
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_post_clicked), self);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title_entry);
  gtk_box_append (GTK_BOX (box), fte_entry);
  gtk_box_append (GTK_BOX (box), cost_entry);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_data (G_OBJECT (row), "title", title_entry);
  g_object_set_data (G_OBJECT (row), "fte", fte_entry);
  g_object_set_data (G_OBJECT (row), "cost", cost_entry);
  gtk_list_box_append (self->posts_list, row);
  return title_entry;
}

static void
add_post_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ConsortSavingsEditor *self = CONSORT_SAVINGS_EDITOR (widget);
  gtk_widget_grab_focus (add_post_row (self, NULL));
}

static void
save_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  consort_savings_editor_save (CONSORT_SAVINGS_EDITOR (widget));
}

/* Marks @widget invalid and keeps the first message of a save. */
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

gboolean
consort_savings_editor_save (ConsortSavingsEditor *self)
{
  ConsortAppraisal *a;
  ConsortSavingsItem *item;
  ConsortSavingsMethod method = selected_method (self);
  guint service = adw_combo_row_get_selected (self->service_row);
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->label_row))));
  char *first = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (CONSORT_IS_SAVINGS_EDITOR (self), FALSE);

  if (consort_document_get_read_only (self->document))
    {
      show_error (self, _("This appraisal is read-only: the savings item cannot be changed"));
      return FALSE;
    }
  a = consort_document_get_appraisal (self->document);
  if (service >= self->service_ids->len)
    {
      show_error (self, _("Choose the service that saves"));
      return FALSE;
    }

  item = consort_savings_item_new (g_ptr_array_index (self->service_ids, service), method);
  if (*label)
    item->label = g_strdup (label);

  if (!consort_share_editor_get_attribution (self->share_editor, &item->owner, &message))
    first = g_steal_pointer (&message);

  if (method == CONSORT_METHOD_AMOUNTS)
    {
      for (guint i = 0; i < self->amount_rows->len; i++)
        {
          GtkWidget *row = g_ptr_array_index (self->amount_rows, i);
          const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
          ConsortMoney v;

          if (!consort_form_parse_money (text, TRUE, &v))
            {
              field_error (row, &first,
                           g_strdup_printf (_("%s: “%s” is not an amount; type, for example, £335,000 or 335k"),
                                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), text));
              continue;
            }
          consort_form_set_error (row, NULL);
          consort_year_amounts_set (item->amounts, a->first_year + (int) i, v);
        }
    }
  else if (method == CONSORT_METHOD_RATE)
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->rate_row))));
      guint model = adw_combo_row_get_selected (self->model_row);

      if (model < self->models->len)
        item->model = g_strdup (g_ptr_array_index (self->models, model));
      if (*text == '\0')
        item->has_rate = FALSE;
      else if (consort_micros_parse_rate (text, FALSE, &item->rate))
        item->has_rate = TRUE;
      else
        field_error (GTK_WIDGET (self->rate_row), &first,
                     g_strdup_printf (_("Rate: “%s” is not a rate from 0%% to 100%%; type, for example, 3%%"), text));
    }
  else
    {
      int n = 0;
      for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->posts_list));
           row != NULL; row = gtk_widget_get_next_sibling (row))
        {
          GtkWidget *title = g_object_get_data (G_OBJECT (row), "title");
          GtkWidget *fte = g_object_get_data (G_OBJECT (row), "fte");
          GtkWidget *cost = g_object_get_data (G_OBJECT (row), "cost");
          g_autofree char *t = NULL;
          ConsortMicros f = 0;
          ConsortMoney c = 0;

          if (title == NULL)
            continue;
          n++;
          t = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (title))));
          if (*t == '\0')
            field_error (title, &first, g_strdup_printf (_("Post %d: give the post a title"), n));
          if (!consort_form_parse_decimal (gtk_editable_get_text (GTK_EDITABLE (fte)), &f))
            field_error (fte, &first, g_strdup_printf (_("Post %d: “%s” is not a number of FTE; type, for example, 1 or 0.5"),
                                                       n, gtk_editable_get_text (GTK_EDITABLE (fte))));
          if (!consort_form_parse_money (gtk_editable_get_text (GTK_EDITABLE (cost)), FALSE, &c) || c < 0)
            field_error (cost, &first, g_strdup_printf (_("Post %d: “%s” is not an annual cost; type, for example, £60,000 or 60k"),
                                                        n, gtk_editable_get_text (GTK_EDITABLE (cost))));
          g_ptr_array_add (item->posts, consort_post_new (t, f, c));
        }
      if (n == 0 && first == NULL)
        first = g_strdup (_("Add the posts that the option deletes"));
    }

  if (method != CONSORT_METHOD_AMOUNTS)
    {
      guint month = adw_combo_row_get_selected (self->start_month_row);
      GArray *phasing;

      item->start_year = a->first_year + (int) adw_combo_row_get_selected (self->start_year_row);
      /* Rows run April (whole year), May, ..., March. */
      item->start_month = month == 0 ? 0 : (int) ((3 + month) % 12) + 1;
      phasing = consort_form_parse_phasing (gtk_editable_get_text (GTK_EDITABLE (self->phasing_row)), &message);
      if (phasing == NULL)
        field_error (GTK_WIDGET (self->phasing_row), &first, g_steal_pointer (&message));
      else
        {
          consort_form_set_error (GTK_WIDGET (self->phasing_row), NULL);
          g_array_unref (item->phasing);
          item->phasing = phasing;
        }
    }

  if (first != NULL)
    {
      show_error (self, first);
      g_free (first);
      consort_savings_item_free (item);
      return FALSE;
    }

  if (!consort_form_store_option_item (GTK_WIDGET (self), self->document, self->option_id,
                                       G_STRUCT_OFFSET (ConsortOption, savings), self->index,
                                       item, self->original,
                                       (gboolean (*) (gconstpointer, gconstpointer)) consort_savings_item_equal,
                                       (GDestroyNotify) consort_savings_item_free,
                                       _("The savings item was changed or removed while this dialog was open "
                                         "(by undo, perhaps): cancel and open it again"),
                                       self->index >= 0 ? _("Edit savings item") : _("Add savings item"),
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
fill (ConsortSavingsEditor     *self,
      const ConsortSavingsItem *item)
{
  ConsortAppraisal *a = consort_document_get_appraisal (self->document);
  ConsortOption *option = consort_appraisal_find_option (a, self->option_id);
  g_autoptr(GtkStringList) services = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) models = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) months = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) years = consort_form_fy_model (a);
  ConsortAttribution default_owner = { NULL, CONSORT_SHARE_DEFAULT, NULL };

  for (guint i = 0; i < a->services->len; i++)
    {
      ConsortService *s = g_ptr_array_index (a->services, i);
      g_ptr_array_add (self->service_ids, g_strdup (s->id));
      gtk_string_list_append (services, s->name);
    }
  adw_combo_row_set_model (self->service_row, G_LIST_MODEL (services));

  /* The same list as the default rates table: every known model by its
   * name, then any other the appraisal uses. */
  for (const char * const *m = consort_known_models (); *m; m++)
    g_ptr_array_add (self->models, g_strdup (*m));
  for (guint i = 0; i < a->default_rates->len; i++)
    {
      ConsortDefaultRate *r = g_ptr_array_index (a->default_rates, i);
      if (!g_ptr_array_find_with_equal_func (self->models, r->model, g_str_equal, NULL))
        g_ptr_array_add (self->models, g_strdup (r->model));
    }
  if (item && item->model && !g_ptr_array_find_with_equal_func (self->models, item->model, g_str_equal, NULL))
    g_ptr_array_add (self->models, g_strdup (item->model));
  if (self->models->len == 0)
    g_ptr_array_add (self->models, g_strdup ("shared_service"));
  for (guint i = 0; i < self->models->len; i++)
    gtk_string_list_append (models, consort_model_describe (g_ptr_array_index (self->models, i)));
  adw_combo_row_set_model (self->model_row, G_LIST_MODEL (models));

  {
    g_autofree char *april = g_strdup_printf (_("%s (whole year)"), consort_form_month_name (4));
    gtk_string_list_append (months, april);
    for (int i = 1; i < 12; i++)
      gtk_string_list_append (months, consort_form_month_name ((3 + i) % 12 + 1));
  }
  adw_combo_row_set_model (self->start_month_row, G_LIST_MODEL (months));
  adw_combo_row_set_model (self->start_year_row, G_LIST_MODEL (years));

  for (int i = 0; i < a->years; i++)
    {
      int year = a->first_year + i;
      GtkWidget *row = adw_entry_row_new ();
      g_autofree char *fy = consort_fy_label (year, '/');
      g_autofree char *name = g_strdup_printf ("amount-%d", year);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), fy);
      adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
      gtk_widget_set_name (row, name);
      if (item && item->amounts)
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
      adw_combo_row_set_selected (self->start_year_row, a->years > 1 ? 1 : 0);
      update_groups (self);
      update_rate_hint (self);
      return;
    }

  for (guint i = 0; i < self->service_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->service_ids, i), item->service_id) == 0)
      adw_combo_row_set_selected (self->service_row, i);
  adw_combo_row_set_selected (self->method_row,
                              item->method == CONSORT_METHOD_RATE ? 1 : item->method == CONSORT_METHOD_POSTS ? 2 : 0);
  if (item->label)
    gtk_editable_set_text (GTK_EDITABLE (self->label_row), item->label);
  for (guint i = 0; i < self->models->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->models, i), item->model) == 0)
      adw_combo_row_set_selected (self->model_row, i);
  if (item->method == CONSORT_METHOD_RATE && item->has_rate)
    {
      g_autofree char *rate = consort_form_format_percent (item->rate);
      gtk_editable_set_text (GTK_EDITABLE (self->rate_row), rate);
    }
  for (guint i = 0; item->posts && i < item->posts->len; i++)
    add_post_row (self, g_ptr_array_index (item->posts, i));
  if (item->start_year >= a->first_year && item->start_year < a->first_year + a->years)
    adw_combo_row_set_selected (self->start_year_row, item->start_year - a->first_year);
  else if (item->amounts && item->amounts->len > 0)
    {
      /* An amounts item has no start: offer its first year, should the
       * method change. */
      int first = g_array_index (item->amounts, ConsortYearAmount, 0).year;
      adw_combo_row_set_selected (self->start_year_row, CLAMP (first - a->first_year, 0, a->years - 1));
    }
  else
    adw_combo_row_set_selected (self->start_year_row, a->years > 1 ? 1 : 0);
  if (item->start_month >= 1 && item->start_month <= 12 && item->start_month != 4)
    adw_combo_row_set_selected (self->start_month_row, (item->start_month + 8) % 12);
  if (item->phasing && item->phasing->len > 0)
    {
      g_autofree char *phasing = consort_form_format_phasing (item->phasing);
      gtk_editable_set_text (GTK_EDITABLE (self->phasing_row), phasing);
    }
  update_groups (self);
  update_rate_hint (self);
}

static void
consort_savings_editor_dispose (GObject *object)
{
  ConsortSavingsEditor *self = CONSORT_SAVINGS_EDITOR (object);

  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONSORT_TYPE_SAVINGS_EDITOR);
  G_OBJECT_CLASS (consort_savings_editor_parent_class)->dispose (object);
}

static void
consort_savings_editor_finalize (GObject *object)
{
  ConsortSavingsEditor *self = CONSORT_SAVINGS_EDITOR (object);

  g_free (self->option_id);
  g_free (self->error);
  consort_savings_item_free (self->original);
  g_ptr_array_unref (self->service_ids);
  g_ptr_array_unref (self->models);
  g_ptr_array_unref (self->amount_rows);
  G_OBJECT_CLASS (consort_savings_editor_parent_class)->finalize (object);
}

static void
consort_savings_editor_class_init (ConsortSavingsEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = consort_savings_editor_dispose;
  object_class->finalize = consort_savings_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/consortapp/Consort/consort-savings-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ConsortSavingsEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, ConsortSavingsEditor, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ConsortSavingsEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, ConsortSavingsEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, ConsortSavingsEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, ConsortSavingsEditor, page);
  gtk_widget_class_bind_template_child (widget_class, ConsortSavingsEditor, service_row);
  gtk_widget_class_bind_template_child (widget_class, ConsortSavingsEditor, method_row);
  gtk_widget_class_bind_template_child (widget_class, ConsortSavingsEditor, label_row);
  gtk_widget_class_bind_template_child (widget_class, ConsortSavingsEditor, amounts_group);
  gtk_widget_class_bind_template_child (widget_class, ConsortSavingsEditor, rate_group);
  gtk_widget_class_bind_template_child (widget_class, ConsortSavingsEditor, model_row);
  gtk_widget_class_bind_template_child (widget_class, ConsortSavingsEditor, rate_row);
  gtk_widget_class_bind_template_child (widget_class, ConsortSavingsEditor, posts_group);
  gtk_widget_class_bind_template_child (widget_class, ConsortSavingsEditor, posts_list);
  gtk_widget_class_bind_template_child (widget_class, ConsortSavingsEditor, timing_group);
  gtk_widget_class_bind_template_child (widget_class, ConsortSavingsEditor, start_year_row);
  gtk_widget_class_bind_template_child (widget_class, ConsortSavingsEditor, start_month_row);
  gtk_widget_class_bind_template_child (widget_class, ConsortSavingsEditor, phasing_row);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.add-post", NULL, add_post_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
consort_savings_editor_init (ConsortSavingsEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->index = -1;
  self->service_ids = g_ptr_array_new_with_free_func (g_free);
  self->models = g_ptr_array_new_with_free_func (g_free);
  self->amount_rows = g_ptr_array_new ();

  self->share_editor = CONSORT_SHARE_EDITOR (consort_share_editor_new (FALSE));
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (self->share_editor));

  self->rate_warning = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->rate_warning), "rate-warning");
  gtk_label_set_wrap (self->rate_warning, TRUE);
  gtk_label_set_xalign (self->rate_warning, 0);
  gtk_widget_set_margin_top (GTK_WIDGET (self->rate_warning), 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->rate_warning), "warning");
  gtk_widget_set_visible (GTK_WIDGET (self->rate_warning), FALSE);
  adw_preferences_group_add (self->rate_group, GTK_WIDGET (self->rate_warning));

  /* Model names such as "Joint commissioning of outsourced services"
   * are long: as the subtitle they wrap rather than being cut. */
  adw_combo_row_set_use_subtitle (self->model_row, TRUE);
  g_signal_connect (self->method_row, "notify::selected", G_CALLBACK (method_changed), self);
  g_signal_connect (self->service_row, "notify::selected", G_CALLBACK (service_changed), self);
  g_signal_connect (self->model_row, "notify::selected", G_CALLBACK (model_changed), self);
  g_signal_connect (self->rate_row, "changed", G_CALLBACK (clear_error_on_change), NULL);
  g_signal_connect (self->phasing_row, "changed", G_CALLBACK (clear_error_on_change), NULL);
}

GtkWidget *
consort_savings_editor_new (ConsortDocument *document,
                            const char      *option_id,
                            int              index)
{
  ConsortSavingsEditor *self;
  ConsortAppraisal *a;
  ConsortOption *option;
  ConsortSavingsItem *item = NULL;

  g_return_val_if_fail (CONSORT_IS_DOCUMENT (document), NULL);

  a = consort_document_get_appraisal (document);
  option = consort_appraisal_find_option (a, option_id);
  g_return_val_if_fail (option != NULL, NULL);

  self = g_object_new (CONSORT_TYPE_SAVINGS_EDITOR, NULL);
  self->document = g_object_ref (document);
  self->option_id = g_strdup (option_id);
  if (index >= 0 && index < (int) option->savings->len)
    {
      self->index = index;
      item = g_ptr_array_index (option->savings, index);
      self->original = consort_savings_item_copy (item);
    }
  adw_window_title_set_title (self->window_title, item ? _("Edit Savings Item") : _("Add Savings Item"));
  adw_window_title_set_subtitle (self->window_title, option->name);
  gtk_window_set_title (GTK_WINDOW (self), item ? _("Edit Savings Item") : _("Add Savings Item"));
  fill (self, item);
  if (consort_document_get_read_only (document))
    {
      consort_form_editor_set_read_only (GTK_WINDOW (self), self->window_title, _("Savings Item"),
                                         self->cancel_button, self->save_button, GTK_WIDGET (self->page));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.add-post", FALSE);
    }
  return GTK_WIDGET (self);
}
