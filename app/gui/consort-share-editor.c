/* consort-share-editor.c: owner and apportionment rule of an item.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "consort-share-editor.h"

#include <glib/gi18n.h>

#include "consort-form-util.h"

struct _ConsortShareEditor
{
  AdwPreferencesGroup  parent_instance;

  gboolean             for_cost;
  GPtrArray           *borough_ids;   /* owner choices after "The partnership" */
  GPtrArray           *custom_ids;    /* borough ids of the custom share rows */
  GPtrArray           *custom_rows;   /* AdwEntryRow */

  AdwComboRow         *owner_row;
  AdwComboRow         *rule_row;
};

G_DEFINE_FINAL_TYPE (ConsortShareEditor, consort_share_editor, ADW_TYPE_PREFERENCES_GROUP)

/* Order of the rule row's items. */
static const ConsortShareRule rules[] = {
  CONSORT_SHARE_DEFAULT,
  CONSORT_SHARE_EQUAL,
  CONSORT_SHARE_BASELINE,
  CONSORT_SHARE_POPULATION,
  CONSORT_SHARE_SAVINGS,
  CONSORT_SHARE_CUSTOM,
};

static void
update_visibility (ConsortShareEditor *self)
{
  gboolean partnership = adw_combo_row_get_selected (self->owner_row) == 0;
  guint rule = adw_combo_row_get_selected (self->rule_row);

  gtk_widget_set_visible (GTK_WIDGET (self->rule_row), partnership);
  for (guint i = 0; i < self->custom_rows->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->custom_rows, i),
                            partnership && rule < G_N_ELEMENTS (rules) && rules[rule] == CONSORT_SHARE_CUSTOM);
}

static void
selection_changed (AdwComboRow        *row,
                   GParamSpec         *pspec,
                   ConsortShareEditor *self)
{
  update_visibility (self);
}

void
consort_share_editor_set_attribution (ConsortShareEditor       *self,
                                      const ConsortAppraisal   *appraisal,
                                      const ConsortOption      *option,
                                      const ConsortAttribution *owner)
{
  g_autoptr(GtkStringList) owners = gtk_string_list_new (NULL);
  guint owner_index = 0;

  g_return_if_fail (CONSORT_IS_SHARE_EDITOR (self));

  g_ptr_array_set_size (self->borough_ids, 0);
  for (guint i = 0; i < self->custom_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->custom_rows, i));
  g_ptr_array_set_size (self->custom_rows, 0);
  g_ptr_array_set_size (self->custom_ids, 0);

  gtk_string_list_append (owners, _("The partnership"));
  for (guint i = 0; i < option->participants->len; i++)
    {
      ConsortParticipant *p = g_ptr_array_index (option->participants, i);
      g_ptr_array_add (self->borough_ids, g_strdup (p->borough_id));
    }
  if (owner && owner->borough_id && !g_ptr_array_find_with_equal_func (self->borough_ids, owner->borough_id, g_str_equal, NULL))
    g_ptr_array_add (self->borough_ids, g_strdup (owner->borough_id));
  for (guint i = 0; i < self->borough_ids->len; i++)
    {
      const char *id = g_ptr_array_index (self->borough_ids, i);
      gtk_string_list_append (owners, consort_form_borough_name (appraisal, id));
      if (owner && g_strcmp0 (owner->borough_id, id) == 0)
        owner_index = i + 1;
    }
  adw_combo_row_set_model (self->owner_row, G_LIST_MODEL (owners));
  adw_combo_row_set_selected (self->owner_row, owner_index);

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (owner && owner->share == rules[i])
      adw_combo_row_set_selected (self->rule_row, i);

  /* One weight per participant; weights are relative ("2" and "1" give
   * two thirds and one third), percentages work too. */
  for (guint i = 0; i < option->participants->len; i++)
    {
      ConsortParticipant *p = g_ptr_array_index (option->participants, i);
      GtkWidget *row = adw_entry_row_new ();
      g_autofree char *title = g_strdup_printf (_("Share of %s"), consort_form_borough_name (appraisal, p->borough_id));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (owner && owner->custom_shares)
        for (guint j = 0; j < owner->custom_shares->len; j++)
          {
            ConsortShareWeight *w = &g_array_index (owner->custom_shares, ConsortShareWeight, j);
            if (g_strcmp0 (w->borough_id, p->borough_id) == 0)
              {
                g_autofree char *text = consort_form_format_decimal (w->weight);
                gtk_editable_set_text (GTK_EDITABLE (row), text);
              }
          }
      gtk_widget_set_name (row, "share-weight");
      adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->custom_rows, row);
      g_ptr_array_add (self->custom_ids, g_strdup (p->borough_id));
    }
  update_visibility (self);
}

gboolean
consort_share_editor_get_attribution (ConsortShareEditor  *self,
                                      ConsortAttribution  *out,
                                      char               **error_message)
{
  guint owner = adw_combo_row_get_selected (self->owner_row);
  guint rule = adw_combo_row_get_selected (self->rule_row);

  g_return_val_if_fail (CONSORT_IS_SHARE_EDITOR (self), FALSE);

  g_clear_pointer (&out->borough_id, g_free);
  g_clear_pointer (&out->custom_shares, g_array_unref);
  out->share = CONSORT_SHARE_DEFAULT;

  if (owner != 0 && owner != GTK_INVALID_LIST_POSITION && owner - 1 < self->borough_ids->len)
    {
      out->borough_id = g_strdup (g_ptr_array_index (self->borough_ids, owner - 1));
      return TRUE;
    }

  if (rule < G_N_ELEMENTS (rules))
    out->share = rules[rule];
  if (out->share != CONSORT_SHARE_CUSTOM)
    return TRUE;

  out->custom_shares = g_array_new (FALSE, TRUE, sizeof (ConsortShareWeight));
  for (guint i = 0; i < self->custom_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->custom_rows, i);
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
      ConsortShareWeight w = { NULL, 0 };

      if (*text != '\0' && !consort_micros_parse_rate (text, TRUE, &w.weight))
        {
          consort_form_set_error (row, _("Type a weight such as 2, 0.5 or 40%"));
          *error_message = g_strdup_printf (_("%s: “%s” is not a share; type a weight such as 2, 0.5 or 40%%"),
                                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), text);
          return FALSE;
        }
      consort_form_set_error (row, NULL);
      w.borough_id = g_strdup (g_ptr_array_index (self->custom_ids, i));
      g_array_append_val (out->custom_shares, w);
    }
  return TRUE;
}

void
consort_share_editor_select (ConsortShareEditor *self,
                             const char         *borough_id,
                             ConsortShareRule    rule)
{
  g_return_if_fail (CONSORT_IS_SHARE_EDITOR (self));

  adw_combo_row_set_selected (self->owner_row, 0);
  for (guint i = 0; borough_id && i < self->borough_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->borough_ids, i), borough_id) == 0)
      adw_combo_row_set_selected (self->owner_row, i + 1);
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (rules[i] == rule)
      adw_combo_row_set_selected (self->rule_row, i);
}

static void
consort_share_editor_finalize (GObject *object)
{
  ConsortShareEditor *self = CONSORT_SHARE_EDITOR (object);

  g_ptr_array_unref (self->borough_ids);
  g_ptr_array_unref (self->custom_ids);
  g_ptr_array_unref (self->custom_rows);
  G_OBJECT_CLASS (consort_share_editor_parent_class)->finalize (object);
}

static void
consort_share_editor_class_init (ConsortShareEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = consort_share_editor_finalize;
}

static void
consort_share_editor_init (ConsortShareEditor *self)
{
  self->borough_ids = g_ptr_array_new_with_free_func (g_free);
  self->custom_ids = g_ptr_array_new_with_free_func (g_free);
  self->custom_rows = g_ptr_array_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Belongs To"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("One borough, or the partnership sharing it among each year’s participants"));

  self->owner_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->owner_row), _("Owner"));
  gtk_widget_set_name (GTK_WIDGET (self->owner_row), "share-owner");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->owner_row));

  self->rule_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rule_row), _("Shared"));
  /* "Pro rata to baselines (default)" and the like are long: shown as the
   * subtitle they wrap instead of being cut at the row's end. */
  adw_combo_row_set_use_subtitle (self->rule_row, TRUE);
  gtk_widget_set_name (GTK_WIDGET (self->rule_row), "share-rule");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->rule_row));

  g_signal_connect (self->owner_row, "notify::selected", G_CALLBACK (selection_changed), self);
  g_signal_connect (self->rule_row, "notify::selected", G_CALLBACK (selection_changed), self);
}

GtkWidget *
consort_share_editor_new (gboolean for_cost)
{
  ConsortShareEditor *self = g_object_new (CONSORT_TYPE_SHARE_EDITOR, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  self->for_cost = for_cost;
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    gtk_string_list_append (names, consort_share_rule_describe (rules[i], for_cost));
  adw_combo_row_set_model (self->rule_row, G_LIST_MODEL (names));
  return GTK_WIDGET (self);
}
