/* consort-options-page.c: the options of an appraisal and their items.
 *
 * A list of options beside the selected option's editor: name and
 * description, participants with their joining year, savings items and
 * cost items (edited in dialogs).  Every change is one document edit.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "consort-options-page.h"

#include <glib/gi18n.h>

#include "consort-cost-editor.h"
#include "consort-form-util.h"
#include "consort-savings-editor.h"

struct _ConsortOptionsPage
{
  AdwBin               parent_instance;

  ConsortDocument     *document;
  gulong               changed_id;
  gulong               read_only_id;
  char                *selected_id;
  gboolean             refreshing;
  gboolean             dirty;   /* changed while unmapped */
  char                *list_signature;  /* what the options list shows, to skip rebuilding it */
  guint                refresh_id;

  AdwLeaflet          *leaflet;
  GtkWidget           *sidebar;
  GtkWidget           *content;
  GtkWidget           *back_button;
  GtkListBox          *options_list;
  GtkStack            *content_stack;
  AdwStatusPage       *empty_page;
  AdwPreferencesPage  *editor_page;
  AdwPreferencesGroup *option_group;
  GtkWidget           *option_menu_button;
  AdwEntryRow         *name_row;
  GtkTextView         *description_view;
  AdwPreferencesGroup *participants_group;
  GtkMenuButton       *add_participant_button;
  GtkListBox          *participants_list;
  AdwPreferencesGroup *savings_group;
  GtkListBox          *savings_list;
  AdwPreferencesGroup *costs_group;
  GtkListBox          *costs_list;
};

G_DEFINE_FINAL_TYPE (ConsortOptionsPage, consort_options_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_DOCUMENT, N_PROPS };
static GParamSpec *properties[N_PROPS];

static ConsortAppraisal *
get_appraisal (ConsortOptionsPage *self)
{
  return self->document ? consort_document_get_appraisal (self->document) : NULL;
}

static ConsortOption *
selected_option (ConsortOptionsPage *self)
{
  ConsortAppraisal *a = get_appraisal (self);
  return a && self->selected_id ? consort_appraisal_find_option (a, self->selected_id) : NULL;
}

static gboolean
apply (ConsortOptionsPage *self,
       ConsortAppraisal   *copy,
       const char         *label)
{
  return consort_form_apply (GTK_WIDGET (self), self->document, copy, label, NULL);
}

/* Copy of the appraisal and, in it, the selected option. */
static ConsortAppraisal *
copy_with_option (ConsortOptionsPage  *self,
                  ConsortOption      **option)
{
  ConsortAppraisal *copy;

  if (selected_option (self) == NULL)
    return NULL;
  copy = consort_appraisal_copy (get_appraisal (self));
  *option = consort_appraisal_find_option (copy, self->selected_id);
  return copy;
}

/* Summaries */

static char *
timing_text (const ConsortAppraisal *a,
             int                     start_year,
             int                     start_month)
{
  g_autofree char *fy = consort_fy_label (start_year, '/');

  if (start_month >= 1 && start_month <= 12 && start_month != 4)
    return g_strdup_printf (_("from %s %s"), consort_form_month_name (start_month), fy);
  return g_strdup_printf (_("from %s"), fy);
}

/* The rate that applies to @item with @partners taking part: its own, or
 * the default for its model (the entry with the largest min_partners not
 * above @partners).  FALSE where there is none. */
static gboolean
rate_for (const ConsortAppraisal   *a,
          const ConsortSavingsItem *item,
          int                       partners,
          ConsortMicros            *out)
{
  int best = -1;

  if (item->has_rate)
    {
      *out = item->rate;
      return TRUE;
    }
  for (guint i = 0; i < a->default_rates->len; i++)
    {
      const ConsortDefaultRate *r = g_ptr_array_index (a->default_rates, i);

      if (g_strcmp0 (r->model, item->model) == 0 && r->min_partners <= partners && r->min_partners > best)
        {
          best = r->min_partners;
          *out = r->rate;
        }
    }
  return best >= 0;
}

/* A rate item's full-year saving once everyone has joined: the rate times
 * the participants' budgets for the service, as the engine reckons it
 * before part-year and phasing.  Directors see what the baselines and
 * rates give instead of just "Default rate". */
static char *
rate_figure (const ConsortAppraisal   *a,
             const ConsortOption      *option,
             const ConsortSavingsItem *item)
{
  const ConsortService *service = consort_appraisal_find_service (a, item->service_id);
  int last = a->first_year + a->years - 1;
  int partners = 0;
  ConsortMoney total = 0;
  ConsortMicros rate = 0;
  g_autofree char *money = NULL, *pct = NULL;

  for (guint i = 0; i < option->participants->len; i++)
    if (((ConsortParticipant *) g_ptr_array_index (option->participants, i))->from_year <= last)
      partners++;

  if (!rate_for (a, item, partners, &rate))
    return g_strdup (_("No default rate"));

  for (guint i = 0; service && i < option->participants->len; i++)
    {
      const ConsortParticipant *p = g_ptr_array_index (option->participants, i);
      const ConsortBaseline *baseline = consort_service_find_baseline (service, p->borough_id);
      ConsortMoney v = 0;

      if (p->from_year > last || baseline == NULL)
        continue;
      if (item->owner.borough_id && g_strcmp0 (item->owner.borough_id, p->borough_id) != 0)
        continue;
      if (consort_money_muldiv (baseline->budget, rate, CONSORT_MICROS_ONE, &v))
        consort_money_add (total, v, &total);
    }

  money = consort_form_format_money (total);
  pct = consort_form_format_percent (rate);
  if (total == 0)
    /* Translators: "£0 a year: no budgets at 3%" */
    return g_strdup_printf (_("%s a year: no budgets"), money);
  /* Translators: "£52,500 a year at 3%" */
  return g_strdup_printf (_("%s a year at %s"), money, pct);
}

static char *
savings_figure (const ConsortAppraisal   *a,
                const ConsortOption      *option,
                const ConsortSavingsItem *item)
{
  switch (item->method)
    {
    case CONSORT_METHOD_AMOUNTS:
      {
        ConsortMoney total = 0;
        g_autofree char *money = NULL;
        for (guint i = 0; i < item->amounts->len; i++)
          consort_money_add (total, g_array_index (item->amounts, ConsortYearAmount, i).amount, &total);
        money = consort_form_format_money (total);
        return g_strdup_printf (_("%s in all"), money);
      }
    case CONSORT_METHOD_RATE:
      return rate_figure (a, option, item);
    case CONSORT_METHOD_POSTS:
    default:
      {
        ConsortMoney total = 0;
        g_autofree char *money = NULL;
        for (guint i = 0; i < item->posts->len; i++)
          {
            ConsortPost *p = g_ptr_array_index (item->posts, i);
            ConsortMoney v = 0;
            consort_money_muldiv (p->cost, p->fte, CONSORT_MICROS_ONE, &v);
            consort_money_add (total, v, &total);
          }
        money = consort_form_format_money (total);
        return g_strdup_printf (_("%s a year"), money);
      }
    }
}

static const char *
method_name (ConsortSavingsMethod method)
{
  switch (method)
    {
    case CONSORT_METHOD_AMOUNTS: return _("Amounts per year");
    case CONSORT_METHOD_RATE: return _("Rate of budget");
    case CONSORT_METHOD_POSTS:
    default: return _("Posts");
    }
}

static char *
savings_subtitle (const ConsortAppraisal   *a,
                  const ConsortSavingsItem *item)
{
  g_autofree char *owner = consort_form_describe_owner (a, &item->owner, FALSE);
  g_autofree char *when = NULL;

  if (item->method == CONSORT_METHOD_AMOUNTS)
    {
      if (item->amounts->len == 0)
        when = g_strdup (_("no amounts yet"));
      else
        {
          g_autofree char *from = consort_fy_label (g_array_index (item->amounts, ConsortYearAmount, 0).year, '/');
          when = g_strdup_printf (_("from %s"), from);
        }
    }
  else
    when = timing_text (a, item->start_year, item->start_month);
  if (item->label && *item->label)
    return g_strdup_printf ("%s · %s · %s · %s", item->label, method_name (item->method), owner, when);
  return g_strdup_printf ("%s · %s · %s", method_name (item->method), owner, when);
}

static char *
cost_figure (const ConsortCostItem *item)
{
  switch (item->form)
    {
    case CONSORT_COST_FORM_AMOUNT:
      {
        g_autofree char *money = consort_form_format_money (item->amount);
        g_autofree char *fy = consort_fy_label (item->year, '/');
        return g_strdup_printf (_("%s in %s"), money, fy);
      }
    case CONSORT_COST_FORM_POSTS:
      {
        g_autofree char *posts = consort_form_format_decimal (item->posts);
        g_autofree char *unit = consort_form_format_money (item->unit_cost);
        g_autofree char *fy = consort_fy_label (item->year, '/');
        return g_strdup_printf (_("%s × %s in %s"), posts, unit, fy);
      }
    case CONSORT_COST_FORM_AMOUNTS:
    default:
      {
        ConsortMoney total = 0;
        g_autofree char *money = NULL;
        for (guint i = 0; i < item->amounts->len; i++)
          consort_money_add (total, g_array_index (item->amounts, ConsortYearAmount, i).amount, &total);
        money = consort_form_format_money (total);
        if (item->amounts->len == 1)
          {
            g_autofree char *fy = consort_fy_label (g_array_index (item->amounts, ConsortYearAmount, 0).year, '/');
            return g_strdup_printf (_("%s in %s"), money, fy);
          }
        return g_strdup_printf (ngettext ("%s over %u year", "%s over %u years", item->amounts->len),
                                money, item->amounts->len);
      }
    }
}

/* Rows */

static GtkWidget *
figure_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);
  gtk_widget_add_css_class (label, "numeric");
  /* The figure is what the row is for: it keeps its width and the
   * description beside it wraps instead. */
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  return label;
}

static GtkWidget *
delete_button (const char *tooltip,
               const char *action,
               int         index)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", index);
  return button;
}

static void
savings_row_activated (AdwActionRow       *row,
                       ConsortOptionsPage *self)
{
  consort_options_page_edit_savings (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "index")));
}

static void
cost_row_activated (AdwActionRow       *row,
                    ConsortOptionsPage *self)
{
  consort_options_page_edit_cost (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "index")));
}

static GtkWidget *
placeholder_row (const char *text)
{
  GtkWidget *row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  return row;
}

static void
join_year_selected (GtkDropDown        *dropdown,
                    GParamSpec         *pspec,
                    ConsortOptionsPage *self)
{
  const char *borough = g_object_get_data (G_OBJECT (dropdown), "borough");
  g_autoptr(ConsortAppraisal) copy = NULL;
  ConsortOption *option;
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->refreshing || selected == GTK_INVALID_LIST_POSITION)
    return;
  copy = copy_with_option (self, &option);
  if (copy == NULL)
    return;
  for (guint i = 0; i < option->participants->len; i++)
    {
      ConsortParticipant *p = g_ptr_array_index (option->participants, i);
      if (g_strcmp0 (p->borough_id, borough) == 0)
        {
          int year = copy->first_year + (int) selected;
          if (p->from_year == year)
            return;
          p->from_year = year;
          apply (self, g_steal_pointer (&copy), _("Change joining year"));
          return;
        }
    }
}

static void
refresh_participants (ConsortOptionsPage *self,
                      ConsortAppraisal   *a,
                      ConsortOption      *option)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autofree char *kinds = consort_form_describe_kinds (a, option);
  guint available = 0;

  consort_form_list_box_clear (self->participants_list);
  adw_preferences_group_set_description (self->participants_group, kinds);

  for (guint i = 0; i < option->participants->len; i++)
    {
      ConsortParticipant *p = g_ptr_array_index (option->participants, i);
      GtkWidget *row = adw_action_row_new ();
      g_autoptr(GtkStringList) years = consort_form_fy_model (a);
      GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (years)), NULL);
      g_autofree char *tooltip = g_strdup_printf (_("Year %s joins"), consort_form_borough_name (a, p->borough_id));
      g_autofree char *remove_tip = g_strdup_printf (_("Remove %s"), consort_form_borough_name (a, p->borough_id));
      GtkWidget *prefix = gtk_label_new (_("joins in"));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), consort_form_borough_name (a, p->borough_id));
      gtk_widget_add_css_class (prefix, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), prefix);
      gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (dropdown, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown),
                                  CLAMP (p->from_year - a->first_year, 0, a->years - 1));
      g_object_set_data_full (G_OBJECT (dropdown), "borough", g_strdup (p->borough_id), g_free);
      gtk_widget_set_sensitive (dropdown, consort_form_writable (self->document));
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (join_year_selected), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete_button (remove_tip, "options.remove-participant", (int) i));
      gtk_list_box_append (self->participants_list, row);
    }
  if (option->participants->len == 0)
    gtk_list_box_append (self->participants_list, placeholder_row (_("No boroughs take part yet")));

  for (guint i = 0; i < a->boroughs->len; i++)
    {
      ConsortBorough *b = g_ptr_array_index (a->boroughs, i);
      gboolean in = FALSE;
      for (guint j = 0; j < option->participants->len; j++)
        in |= g_strcmp0 (((ConsortParticipant *) g_ptr_array_index (option->participants, j))->borough_id, b->id) == 0;
      if (!in)
        {
          g_autoptr(GMenuItem) item = g_menu_item_new (b->name, NULL);
          g_menu_item_set_action_and_target_value (item, "options.add-participant", g_variant_new_string (b->id));
          g_menu_append_item (menu, item);
          available++;
        }
    }
  gtk_menu_button_set_menu_model (self->add_participant_button, G_MENU_MODEL (menu));
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_participant_button),
                            available > 0 && consort_form_writable (self->document));
}

static void
refresh_items (ConsortOptionsPage *self,
               ConsortAppraisal   *a,
               ConsortOption      *option)
{
  consort_form_list_box_clear (self->savings_list);
  consort_form_list_box_clear (self->costs_list);

  for (guint i = 0; i < option->savings->len; i++)
    {
      ConsortSavingsItem *item = g_ptr_array_index (option->savings, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = savings_subtitle (a, item);
      g_autofree char *figure = savings_figure (a, option, item);
      g_autofree char *title = g_markup_escape_text (consort_form_service_name (a, item->service_id), -1);
      g_autofree char *escaped = g_markup_escape_text (subtitle, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), figure_label (figure));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete_button (_("Delete Savings Item"), "options.delete-savings", (int) i));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, consort_form_writable (self->document) ? _("Edit the savings item")
                                                                               : _("Show the savings item"));
      g_object_set_data (G_OBJECT (row), "index", GINT_TO_POINTER (i));
      g_signal_connect (row, "activated", G_CALLBACK (savings_row_activated), self);
      gtk_list_box_append (self->savings_list, row);
    }
  if (option->savings->len == 0)
    gtk_list_box_append (self->savings_list, placeholder_row (_("No savings yet")));

  for (guint i = 0; i < option->costs->len; i++)
    {
      ConsortCostItem *item = g_ptr_array_index (option->costs, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *owner = consort_form_describe_owner (a, &item->owner, TRUE);
      g_autofree char *figure = cost_figure (item);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *escaped = NULL;

      if (item->service_id)
        title = g_strdup_printf ("%s · %s", consort_cost_kind_describe (item->kind),
                                 consort_form_service_name (a, item->service_id));
      else
        title = g_strdup (consort_cost_kind_describe (item->kind));
      subtitle = item->label && *item->label ? g_strdup_printf ("%s · %s", item->label, owner) : g_strdup (owner);
      escaped = g_markup_escape_text (title, -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      g_free (escaped);
      escaped = g_markup_escape_text (subtitle, -1);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), figure_label (figure));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete_button (_("Delete Cost Item"), "options.delete-cost", (int) i));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, consort_form_writable (self->document) ? _("Edit the cost item")
                                                                               : _("Show the cost item"));
      g_object_set_data (G_OBJECT (row), "index", GINT_TO_POINTER (i));
      g_signal_connect (row, "activated", G_CALLBACK (cost_row_activated), self);
      gtk_list_box_append (self->costs_list, row);
    }
  if (option->costs->len == 0)
    gtk_list_box_append (self->costs_list, placeholder_row (_("No costs yet")));
}

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text ? text : "") == 0)
    return;
  /* Turning the apply button off and on keeps it hidden for text that
   * was not typed. */
  adw_entry_row_set_show_apply_button (row, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  adw_entry_row_set_show_apply_button (row, TRUE);
  consort_form_set_error (GTK_WIDGET (row), NULL);
}

static char *
view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
resize_idle (gpointer data)
{
  gtk_widget_queue_resize (GTK_WIDGET (data));
  return G_SOURCE_REMOVE;
}

static void
set_view_text (GtkTextView *view,
               const char  *text)
{
  g_autofree char *shown = view_text (view);

  if (g_strcmp0 (shown, text ? text : "") != 0)
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text ? text : "", -1);
      /* Set while the page is being mapped, the view would keep the
       * height of its old text: measure it again once mapped. */
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, resize_idle, g_object_ref (view), g_object_unref);
    }
}

static GtkWidget *
option_list_row (ConsortAppraisal *a,
                 ConsortOption    *option)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (option->name);
  GtkWidget *detail;
  g_autofree char *kinds = consort_form_describe_kinds (a, option);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  detail = gtk_label_new (kinds);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  /* "Two-borough from 2010/11, alliance from 2012/13": two lines before
   * an ellipsis, so the kinds can be read in the narrow sidebar. */
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (detail), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (detail), 2);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (detail, kinds);
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, option->name);
  g_object_set_data_full (G_OBJECT (row), "option-id", g_strdup (option->id), g_free);
  return row;
}

static void
refresh (ConsortOptionsPage *self)
{
  ConsortAppraisal *a = get_appraisal (self);
  ConsortOption *option;
  GtkListBoxRow *selected_row = NULL;
  gboolean writable;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->refreshing = TRUE;

  if (a != NULL && self->selected_id && consort_appraisal_find_option (a, self->selected_id) == NULL)
    g_clear_pointer (&self->selected_id, g_free);
  if (a != NULL && self->selected_id == NULL && a->options->len > 0)
    self->selected_id = g_strdup (((ConsortOption *) g_ptr_array_index (a->options, 0))->id);

  /* Most edits leave the list as it was: rebuild it only if it changed. */
  {
    GString *signature = g_string_new (NULL);
    g_autofree char *text = NULL;

    for (guint i = 0; a && i < a->options->len; i++)
      {
        ConsortOption *o = g_ptr_array_index (a->options, i);
        g_autofree char *kinds = consort_form_describe_kinds (a, o);
        g_string_append_printf (signature, "%s\n%s\n%s\n", o->id, o->name, kinds);
      }
    text = g_string_free (signature, FALSE);
    if (g_strcmp0 (text, self->list_signature) != 0)
      {
        consort_form_list_box_clear (self->options_list);
        for (guint i = 0; a && i < a->options->len; i++)
          gtk_list_box_append (self->options_list, option_list_row (a, g_ptr_array_index (a->options, i)));
        g_free (self->list_signature);
        self->list_signature = g_steal_pointer (&text);
      }
  }
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->options_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "option-id"), self->selected_id) == 0)
      selected_row = GTK_LIST_BOX_ROW (row);
  gtk_list_box_select_row (self->options_list, selected_row);

  option = selected_option (self);
  gtk_stack_set_visible_child_name (self->content_stack, option ? "editor" : "empty");
  /* A read-only document shows everything but offers no edit; its items
   * still open, in dialogs that only show them. */
  writable = consort_form_writable (self->document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "options.duplicate", option != NULL && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "options.delete", option != NULL && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "options.add-savings", option != NULL && a->services->len > 0 && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "options.add-cost", option != NULL && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "options.add", a != NULL && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "options.add-participant", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "options.remove-participant", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "options.delete-savings", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "options.delete-cost", writable);
  gtk_widget_set_visible (self->option_menu_button, writable);
  gtk_editable_set_editable (GTK_EDITABLE (self->name_row), writable);
  gtk_text_view_set_editable (self->description_view, writable);
  gtk_text_view_set_cursor_visible (self->description_view, writable);

  if (option)
    {
      set_row_text (self->name_row, option->name);
      set_view_text (self->description_view, option->description);
      refresh_participants (self, a, option);
      refresh_items (self, a, option);
    }

  self->refreshing = FALSE;
  self->dirty = FALSE;
}

static gboolean
refresh_idle (gpointer data)
{
  ConsortOptionsPage *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
document_changed (ConsortDocument    *document,
                  ConsortOptionsPage *self)
{
  /* A hidden page catches up when it is shown. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  /* The edit may come from a widget of a row about to be rebuilt (a
   * year drop-down, a delete button): rebuild once it has returned,
   * still before the next frame. */
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_idle, self, NULL);
}

static void
read_only_changed (ConsortDocument    *document,
                   GParamSpec         *pspec,
                   ConsortOptionsPage *self)
{
  document_changed (document, self);
}

static void
consort_options_page_map (GtkWidget *widget)
{
  ConsortOptionsPage *self = CONSORT_OPTIONS_PAGE (widget);

  GTK_WIDGET_CLASS (consort_options_page_parent_class)->map (widget);
  if (self->dirty)
    refresh (self);
}

void
consort_options_page_set_document (ConsortOptionsPage *self,
                                   ConsortDocument    *document)
{
  g_return_if_fail (CONSORT_IS_OPTIONS_PAGE (self));

  if (self->document == document)
    return;
  if (self->document)
    {
      g_clear_signal_handler (&self->changed_id, self->document);
      g_clear_signal_handler (&self->read_only_id, self->document);
    }
  g_set_object (&self->document, document);
  if (document)
    {
      self->changed_id = g_signal_connect (document, "changed", G_CALLBACK (document_changed), self);
      /* Save As turns a read-only document into a writable one. */
      self->read_only_id = g_signal_connect (document, "notify::read-only", G_CALLBACK (read_only_changed), self);
    }
  g_clear_pointer (&self->selected_id, g_free);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

void
consort_options_page_select_option (ConsortOptionsPage *self,
                                    const char         *option_id)
{
  g_return_if_fail (CONSORT_IS_OPTIONS_PAGE (self));

  g_free (self->selected_id);
  self->selected_id = g_strdup (option_id);
  refresh (self);
}

const char *
consort_options_page_get_selected (ConsortOptionsPage *self)
{
  g_return_val_if_fail (CONSORT_IS_OPTIONS_PAGE (self), NULL);
  return self->selected_id;
}

static void
present_editor (ConsortOptionsPage *self,
                GtkWidget          *editor)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (editor == NULL)
    return;
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
}

GtkWidget *
consort_options_page_edit_savings (ConsortOptionsPage *self,
                                   int                 index)
{
  GtkWidget *editor;

  g_return_val_if_fail (CONSORT_IS_OPTIONS_PAGE (self), NULL);
  if (selected_option (self) == NULL)
    return NULL;
  editor = consort_savings_editor_new (self->document, self->selected_id, index);
  present_editor (self, editor);
  return editor;
}

GtkWidget *
consort_options_page_edit_cost (ConsortOptionsPage *self,
                                int                 index)
{
  GtkWidget *editor;

  g_return_val_if_fail (CONSORT_IS_OPTIONS_PAGE (self), NULL);
  if (selected_option (self) == NULL)
    return NULL;
  editor = consort_cost_editor_new (self->document, self->selected_id, index);
  present_editor (self, editor);
  return editor;
}

/* Actions */

static void
add_option_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ConsortOptionsPage *self = CONSORT_OPTIONS_PAGE (widget);
  ConsortAppraisal *a = get_appraisal (self);
  g_autoptr(ConsortAppraisal) copy = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;

  if (a == NULL)
    return;
  copy = consort_appraisal_copy (a);
  id = consort_appraisal_unique_id (copy, "option");
  name = g_strdup_printf (_("Option %u"), copy->options->len + 1);
  g_ptr_array_add (copy->options, consort_option_new (id, name));
  if (apply (self, g_steal_pointer (&copy), _("Add option")))
    {
      consort_options_page_select_option (self, id);
      adw_leaflet_set_visible_child (self->leaflet, self->content);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
    }
}

static void
duplicate_option_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ConsortOptionsPage *self = CONSORT_OPTIONS_PAGE (widget);
  ConsortOption *option = selected_option (self);
  g_autoptr(ConsortAppraisal) copy = NULL;
  ConsortOption *dup;
  g_autofree char *id = NULL;
  int index;

  if (option == NULL)
    return;
  copy = consort_appraisal_copy (get_appraisal (self));
  index = consort_appraisal_option_index (copy, option->id);
  id = consort_appraisal_unique_id (copy, option->id);
  dup = consort_option_copy (option);
  g_free (dup->id);
  dup->id = g_strdup (id);
  g_free (dup->name);
  dup->name = g_strdup_printf (_("%s (copy)"), option->name);
  g_ptr_array_insert (copy->options, index + 1, dup);
  if (apply (self, g_steal_pointer (&copy), _("Duplicate option")))
    consort_options_page_select_option (self, id);
}

gboolean
consort_options_page_delete_option (ConsortOptionsPage *self,
                                    const char         *option_id)
{
  g_autoptr(ConsortAppraisal) copy = NULL;
  int index;

  g_return_val_if_fail (CONSORT_IS_OPTIONS_PAGE (self), FALSE);
  if (get_appraisal (self) == NULL)
    return FALSE;
  copy = consort_appraisal_copy (get_appraisal (self));
  index = consort_appraisal_option_index (copy, option_id);
  if (index < 0)
    return FALSE;
  g_ptr_array_remove_index (copy->options, index);
  return apply (self, g_steal_pointer (&copy), _("Delete option"));
}

static void
delete_option_response (AdwMessageDialog   *dialog,
                        const char         *response,
                        ConsortOptionsPage *self)
{
  if (g_str_equal (response, "delete"))
    consort_options_page_delete_option (self, g_object_get_data (G_OBJECT (dialog), "option-id"));
}

static void
delete_option_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ConsortOptionsPage *self = CONSORT_OPTIONS_PAGE (widget);
  ConsortOption *option = selected_option (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (option == NULL)
    return;
  heading = g_strdup_printf (_("Delete “%s”?"), option->name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                                       _("Its participants, savings, costs, feasibility ratings and "
                                                         "risks are deleted with it. You can undo this.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "option-id", g_strdup (option->id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_option_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_participant_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ConsortOptionsPage *self = CONSORT_OPTIONS_PAGE (widget);
  g_autoptr(ConsortAppraisal) copy = NULL;
  ConsortOption *option;
  int year;

  copy = copy_with_option (self, &option);
  if (copy == NULL)
    return;
  /* A new partner joins with the last one by default. */
  year = copy->first_year;
  for (guint i = 0; i < option->participants->len; i++)
    year = MAX (year, ((ConsortParticipant *) g_ptr_array_index (option->participants, i))->from_year);
  g_ptr_array_add (option->participants, consort_participant_new (g_variant_get_string (parameter, NULL), year));
  apply (self, g_steal_pointer (&copy), _("Add participant"));
}

static void
remove_participant_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ConsortOptionsPage *self = CONSORT_OPTIONS_PAGE (widget);
  g_autoptr(ConsortAppraisal) copy = NULL;
  ConsortOption *option;
  int index = g_variant_get_int32 (parameter);

  copy = copy_with_option (self, &option);
  if (copy == NULL || index < 0 || index >= (int) option->participants->len)
    return;

  /* Items that belong to the borough would be left without an owner:
   * say so rather than let validation refuse the edit. */
  {
    const char *borough = ((ConsortParticipant *) g_ptr_array_index (option->participants, index))->borough_id;
    guint owned = 0;

    for (guint i = 0; i < option->savings->len; i++)
      owned += g_strcmp0 (((ConsortSavingsItem *) g_ptr_array_index (option->savings, i))->owner.borough_id, borough) == 0;
    for (guint i = 0; i < option->costs->len; i++)
      owned += g_strcmp0 (((ConsortCostItem *) g_ptr_array_index (option->costs, i))->owner.borough_id, borough) == 0;
    if (owned > 0)
      {
        g_autofree char *msg = g_strdup_printf (ngettext ("%s owns %u item of this option: give it another owner first",
                                                          "%s owns %u items of this option: give them another owner first",
                                                          owned),
                                                consort_form_borough_name (copy, borough), owned);
        consort_form_toast (widget, msg);
        return;
      }
  }
  g_ptr_array_remove_index (option->participants, index);
  apply (self, g_steal_pointer (&copy), _("Remove participant"));
}

static void
add_savings_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  consort_options_page_edit_savings (CONSORT_OPTIONS_PAGE (widget), -1);
}

static void
add_cost_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  consort_options_page_edit_cost (CONSORT_OPTIONS_PAGE (widget), -1);
}

static void
delete_savings_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ConsortOptionsPage *self = CONSORT_OPTIONS_PAGE (widget);
  g_autoptr(ConsortAppraisal) copy = NULL;
  ConsortOption *option;
  int index = g_variant_get_int32 (parameter);

  copy = copy_with_option (self, &option);
  if (copy == NULL || index < 0 || index >= (int) option->savings->len)
    return;
  g_ptr_array_remove_index (option->savings, index);
  if (apply (self, g_steal_pointer (&copy), _("Delete savings item")))
    consort_form_toast_undo (widget, _("Savings item deleted"));
}

static void
delete_cost_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ConsortOptionsPage *self = CONSORT_OPTIONS_PAGE (widget);
  g_autoptr(ConsortAppraisal) copy = NULL;
  ConsortOption *option;
  int index = g_variant_get_int32 (parameter);

  copy = copy_with_option (self, &option);
  if (copy == NULL || index < 0 || index >= (int) option->costs->len)
    return;
  g_ptr_array_remove_index (option->costs, index);
  if (apply (self, g_steal_pointer (&copy), _("Delete cost item")))
    consort_form_toast_undo (widget, _("Cost item deleted"));
}

static void
back_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ConsortOptionsPage *self = CONSORT_OPTIONS_PAGE (widget);
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
name_applied (AdwEntryRow        *row,
              ConsortOptionsPage *self)
{
  g_autoptr(ConsortAppraisal) copy = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  ConsortOption *option;

  if (*name == '\0')
    {
      consort_form_set_error (GTK_WIDGET (row), _("An option needs a name"));
      consort_form_toast (GTK_WIDGET (self), _("An option needs a name"));
      return;
    }
  copy = copy_with_option (self, &option);
  if (copy == NULL || g_strcmp0 (option->name, name) == 0)
    return;
  consort_form_set_error (GTK_WIDGET (row), NULL);
  g_free (option->name);
  option->name = g_steal_pointer (&name);
  apply (self, g_steal_pointer (&copy), _("Rename option"));
}

/* Applied when focus leaves the paragraph, as on the settings page. */
static void
description_applied (ConsortOptionsPage *self)
{
  g_autoptr(ConsortAppraisal) copy = NULL;
  g_autofree char *text = g_strstrip (view_text (self->description_view));
  ConsortOption *option;

  if (self->refreshing)
    return;

  copy = copy_with_option (self, &option);
  if (copy == NULL || g_strcmp0 (option->description ? option->description : "", text) == 0)
    return;
  g_free (option->description);
  option->description = *text ? g_steal_pointer (&text) : NULL;
  apply (self, g_steal_pointer (&copy), _("Edit option description"));
}

static void
option_row_selected (GtkListBox         *box,
                     GtkListBoxRow      *row,
                     ConsortOptionsPage *self)
{
  const char *id;

  if (self->refreshing || row == NULL)
    return;
  id = g_object_get_data (G_OBJECT (row), "option-id");
  if (g_strcmp0 (id, self->selected_id) != 0)
    {
      g_free (self->selected_id);
      self->selected_id = g_strdup (id);
      refresh (self);
    }
}

static void
option_row_activated (GtkListBox         *box,
                      GtkListBoxRow      *row,
                      ConsortOptionsPage *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
folded_changed (AdwLeaflet         *leaflet,
                GParamSpec         *pspec,
                ConsortOptionsPage *self)
{
  gboolean folded = adw_leaflet_get_folded (leaflet);

  gtk_widget_set_visible (self->back_button, folded);
  /* Folded, the list is a plain list to pick from, not a selection. */
  gtk_list_box_set_selection_mode (self->options_list, folded ? GTK_SELECTION_NONE : GTK_SELECTION_SINGLE);
  if (!folded)
    refresh (self);
}

static void
option_row_activated_folded (GtkListBox         *box,
                             GtkListBoxRow      *row,
                             ConsortOptionsPage *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    {
      g_free (self->selected_id);
      self->selected_id = g_strdup (g_object_get_data (G_OBJECT (row), "option-id"));
      refresh (self);
    }
}

static void
consort_options_page_dispose (GObject *object)
{
  ConsortOptionsPage *self = CONSORT_OPTIONS_PAGE (object);

  if (self->document)
    {
      g_clear_signal_handler (&self->changed_id, self->document);
      g_clear_signal_handler (&self->read_only_id, self->document);
    }
  g_clear_object (&self->document);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  /* AdwBin keeps a pointer to its child: let go of it before the
   * template children are unparented. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONSORT_TYPE_OPTIONS_PAGE);
  G_OBJECT_CLASS (consort_options_page_parent_class)->dispose (object);
}

static void
consort_options_page_finalize (GObject *object)
{
  ConsortOptionsPage *self = CONSORT_OPTIONS_PAGE (object);

  g_free (self->selected_id);
  g_free (self->list_signature);
  G_OBJECT_CLASS (consort_options_page_parent_class)->finalize (object);
}

static void
consort_options_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ConsortOptionsPage *self = CONSORT_OPTIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: g_value_set_object (value, self->document); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consort_options_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ConsortOptionsPage *self = CONSORT_OPTIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: consort_options_page_set_document (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consort_options_page_class_init (ConsortOptionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = consort_options_page_dispose;
  object_class->finalize = consort_options_page_finalize;
  object_class->get_property = consort_options_page_get_property;
  object_class->set_property = consort_options_page_set_property;
  widget_class->map = consort_options_page_map;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CONSORT_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/consortapp/Consort/consort-options-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConsortOptionsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ConsortOptionsPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, ConsortOptionsPage, content);
  gtk_widget_class_bind_template_child (widget_class, ConsortOptionsPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, ConsortOptionsPage, options_list);
  gtk_widget_class_bind_template_child (widget_class, ConsortOptionsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, ConsortOptionsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ConsortOptionsPage, editor_page);
  gtk_widget_class_bind_template_child (widget_class, ConsortOptionsPage, option_group);
  gtk_widget_class_bind_template_child (widget_class, ConsortOptionsPage, option_menu_button);
  gtk_widget_class_bind_template_child (widget_class, ConsortOptionsPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, ConsortOptionsPage, description_view);
  gtk_widget_class_bind_template_child (widget_class, ConsortOptionsPage, participants_group);
  gtk_widget_class_bind_template_child (widget_class, ConsortOptionsPage, add_participant_button);
  gtk_widget_class_bind_template_child (widget_class, ConsortOptionsPage, participants_list);
  gtk_widget_class_bind_template_child (widget_class, ConsortOptionsPage, savings_group);
  gtk_widget_class_bind_template_child (widget_class, ConsortOptionsPage, savings_list);
  gtk_widget_class_bind_template_child (widget_class, ConsortOptionsPage, costs_group);
  gtk_widget_class_bind_template_child (widget_class, ConsortOptionsPage, costs_list);

  gtk_widget_class_install_action (widget_class, "options.add", NULL, add_option_action);
  gtk_widget_class_install_action (widget_class, "options.duplicate", NULL, duplicate_option_action);
  gtk_widget_class_install_action (widget_class, "options.delete", NULL, delete_option_action);
  gtk_widget_class_install_action (widget_class, "options.add-participant", "s", add_participant_action);
  gtk_widget_class_install_action (widget_class, "options.remove-participant", "i", remove_participant_action);
  gtk_widget_class_install_action (widget_class, "options.add-savings", NULL, add_savings_action);
  gtk_widget_class_install_action (widget_class, "options.add-cost", NULL, add_cost_action);
  gtk_widget_class_install_action (widget_class, "options.delete-savings", "i", delete_savings_action);
  gtk_widget_class_install_action (widget_class, "options.delete-cost", "i", delete_cost_action);
  gtk_widget_class_install_action (widget_class, "options.back", NULL, back_action);
}

static void
consort_options_page_init (ConsortOptionsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self->name_row, "apply", G_CALLBACK (name_applied), self);
  {
    GtkEventController *focus = gtk_event_controller_focus_new ();

    g_signal_connect_swapped (focus, "leave", G_CALLBACK (description_applied), self);
    gtk_widget_add_controller (GTK_WIDGET (self->description_view), focus);
  }
  g_signal_connect (self->options_list, "row-selected", G_CALLBACK (option_row_selected), self);
  g_signal_connect (self->options_list, "row-activated", G_CALLBACK (option_row_activated_folded), self);
  g_signal_connect (self->options_list, "row-activated", G_CALLBACK (option_row_activated), self);
  g_signal_connect (self->leaflet, "notify::folded", G_CALLBACK (folded_changed), self);
  refresh (self);
}
