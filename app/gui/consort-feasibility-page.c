/* consort-feasibility-page.c: feasibility ratings and risk log per option.
 *
 * The feasibility grid has the services as rows and the four criteria
 * of the reference papers as columns; each cell is a button showing the
 * rating as a word on a tint of green, amber or red.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "consort-feasibility-page.h"

#include <glib/gi18n.h>

#include "consort-form-util.h"
#include "consort-risk-editor.h"

struct _ConsortFeasibilityPage
{
  AdwBin           parent_instance;

  ConsortDocument *document;
  gulong           changed_id;
  gulong           read_only_id;
  char            *selected_id;
  gboolean         refreshing;
  gboolean         dirty;
  guint            refresh_id;
  GtkWidget       *popover;   /* shared by the cells, parented to the one clicked */
  GPtrArray       *grid_services;  /* "id\nname" of each grid row, to reuse the cells */
  GPtrArray       *cells;          /* GtkButton, CONSORT_N_CRITERIA per row */

  GtkStack        *stack;
  AdwStatusPage   *empty_page;
  GtkDropDown     *option_dropdown;
  GtkStringList   *option_model;
  GtkLabel        *kind_label;
  GtkGrid         *feasibility_grid;
  GtkListBox      *risks_list;
};

G_DEFINE_FINAL_TYPE (ConsortFeasibilityPage, consort_feasibility_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_DOCUMENT, N_PROPS };
static GParamSpec *properties[N_PROPS];

static ConsortAppraisal *
get_appraisal (ConsortFeasibilityPage *self)
{
  return self->document ? consort_document_get_appraisal (self->document) : NULL;
}

static ConsortOption *
selected_option (ConsortFeasibilityPage *self)
{
  ConsortAppraisal *a = get_appraisal (self);
  return a && self->selected_id ? consort_appraisal_find_option (a, self->selected_id) : NULL;
}

static const char *
level_word (ConsortLevel level)
{
  switch (level)
    {
    case CONSORT_LEVEL_LOW: return _("Low");
    case CONSORT_LEVEL_SOME: return _("Some");
    case CONSORT_LEVEL_HIGH: return _("High");
    case CONSORT_LEVEL_UNSET:
    default: return _("Not rated");
    }
}

static const char *
level_class (ConsortLevel level)
{
  switch (level)
    {
    case CONSORT_LEVEL_LOW: return "consort-level-low";
    case CONSORT_LEVEL_SOME: return "consort-level-some";
    case CONSORT_LEVEL_HIGH: return "consort-level-high";
    case CONSORT_LEVEL_UNSET:
    default: return "consort-level-unset";
    }
}

static const char *
risk_level_word (ConsortLevel level)
{
  switch (level)
    {
    case CONSORT_LEVEL_LOW: return _("low");
    case CONSORT_LEVEL_SOME: return _("medium");
    case CONSORT_LEVEL_HIGH: return _("high");
    case CONSORT_LEVEL_UNSET:
    default: return _("not known");
    }
}

gboolean
consort_feasibility_page_set_rating (ConsortFeasibilityPage *self,
                                     const char             *service_id,
                                     ConsortCriterion        criterion,
                                     ConsortLevel            level)
{
  g_autoptr(ConsortAppraisal) copy = NULL;
  ConsortOption *option;
  ConsortFeasibility *f;

  g_return_val_if_fail (CONSORT_IS_FEASIBILITY_PAGE (self), FALSE);
  g_return_val_if_fail (criterion < CONSORT_N_CRITERIA, FALSE);
  g_return_val_if_fail (level <= CONSORT_LEVEL_HIGH, FALSE);

  if (selected_option (self) == NULL)
    return FALSE;
  copy = consort_appraisal_copy (get_appraisal (self));
  option = consort_appraisal_find_option (copy, self->selected_id);
  f = consort_option_find_feasibility (option, service_id);
  if (f == NULL)
    {
      if (level == CONSORT_LEVEL_UNSET)
        return TRUE;
      f = consort_feasibility_new (service_id);
      g_ptr_array_add (option->feasibility, f);
    }
  if (f->ratings[criterion] == level)
    return TRUE;
  f->ratings[criterion] = level;
  return consort_form_apply (GTK_WIDGET (self), self->document, g_steal_pointer (&copy),
                             _("Change feasibility rating"), NULL);
}

static void
rate_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  const char *service_id;
  gint32 criterion, level;

  g_variant_get (parameter, "(&sii)", &service_id, &criterion, &level);
  if (criterion < 0 || criterion >= CONSORT_N_CRITERIA || level < 0 || level > CONSORT_LEVEL_HIGH)
    return;
  consort_feasibility_page_set_rating (CONSORT_FEASIBILITY_PAGE (widget), service_id, criterion, level);
}

static void
cell_clicked (GtkButton              *button,
              ConsortFeasibilityPage *self)
{
  const char *service_id = g_object_get_data (G_OBJECT (button), "service");
  int criterion = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "criterion"));
  g_autoptr(GMenu) menu = g_menu_new ();
  static const ConsortLevel order[] = { CONSORT_LEVEL_LOW, CONSORT_LEVEL_SOME, CONSORT_LEVEL_HIGH, CONSORT_LEVEL_UNSET };
  static const char *labels[] = { N_("_Low Complexity"), N_("_Some Complexity"), N_("_High Complexity"), N_("_Not Rated") };

  if (!consort_form_writable (self->document))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(labels[i]), NULL);
      g_menu_item_set_action_and_target_value (item, "feasibility.rate",
                                               g_variant_new ("(sii)", service_id, criterion, (int) order[i]));
      g_menu_append_item (menu, item);
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->popover), G_MENU_MODEL (menu));
  if (gtk_widget_get_parent (self->popover) != GTK_WIDGET (button))
    {
      if (gtk_widget_get_parent (self->popover))
        gtk_widget_unparent (self->popover);
      gtk_widget_set_parent (self->popover, GTK_WIDGET (button));
    }
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static gboolean
cell_key_pressed (GtkEventControllerKey  *controller,
                  guint                   keyval,
                  guint                   keycode,
                  GdkModifierType         state,
                  ConsortFeasibilityPage *self)
{
  GtkWidget *button = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  const char *service_id = g_object_get_data (G_OBJECT (button), "service");
  int criterion = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "criterion"));
  ConsortLevel level;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) || !consort_form_writable (self->document))
    return FALSE;
  switch (gdk_keyval_to_lower (keyval))
    {
    case GDK_KEY_l: case GDK_KEY_1: level = CONSORT_LEVEL_LOW; break;
    case GDK_KEY_s: case GDK_KEY_2: level = CONSORT_LEVEL_SOME; break;
    case GDK_KEY_h: case GDK_KEY_3: level = CONSORT_LEVEL_HIGH; break;
    case GDK_KEY_0: case GDK_KEY_Delete: case GDK_KEY_BackSpace: level = CONSORT_LEVEL_UNSET; break;
    default: return FALSE;
    }
  consort_feasibility_page_set_rating (self, service_id, criterion, level);
  return TRUE;
}

static void
clear_grid (ConsortFeasibilityPage *self)
{
  GtkWidget *child;

  if (gtk_widget_get_parent (self->popover))
    {
      gtk_popover_popdown (GTK_POPOVER (self->popover));
      gtk_widget_unparent (self->popover);
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->feasibility_grid))) != NULL)
    gtk_grid_remove (self->feasibility_grid, child);
  g_ptr_array_set_size (self->grid_services, 0);
  g_ptr_array_set_size (self->cells, 0);
}

static GtkWidget *
heading (const char *text,
         float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), xalign > 0 ? GTK_JUSTIFY_CENTER : GTK_JUSTIFY_LEFT);
  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_yalign (GTK_LABEL (label), 1.0);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
  gtk_widget_add_css_class (label, "consort-feasibility-heading");
  return label;
}

/* Shows @level on a cell: the word, its colour class and a description. */
static void
update_cell (GtkWidget    *button,
             const char   *service_name,
             int           criterion,
             ConsortLevel  level)
{
  static const char *classes[] = {
    "consort-level-unset", "consort-level-low", "consort-level-some", "consort-level-high",
  };
  g_autofree char *description = NULL;

  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "level")) == (int) level &&
      g_object_get_data (G_OBJECT (button), "level-set") != NULL)
    return;
  description = g_strdup_printf (_("%s, %s: %s"), service_name, consort_criterion_describe (criterion),
                                 level == CONSORT_LEVEL_UNSET ? _("not rated")
                                 : level == CONSORT_LEVEL_LOW ? _("low complexity")
                                 : level == CONSORT_LEVEL_SOME ? _("some complexity")
                                 : _("high complexity"));
  gtk_button_set_label (GTK_BUTTON (button), level_word (level));
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (button, classes[i]);
  gtk_widget_add_css_class (button, level_class (level));
  if (level == CONSORT_LEVEL_UNSET)
    gtk_widget_add_css_class (button, "flat");
  else
    gtk_widget_remove_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  g_object_set_data (G_OBJECT (button), "level", GINT_TO_POINTER (level));
  g_object_set_data (G_OBJECT (button), "level-set", GINT_TO_POINTER (1));
}

/* TRUE if the grid already has a row for each service, by id and name. */
static gboolean
grid_matches (ConsortFeasibilityPage *self,
              ConsortAppraisal       *a)
{
  if (self->grid_services->len != a->services->len || a->services->len == 0)
    return FALSE;
  for (guint i = 0; i < a->services->len; i++)
    {
      ConsortService *s = g_ptr_array_index (a->services, i);
      g_autofree char *key = g_strdup_printf ("%s\n%s", s->id, s->name);
      if (g_strcmp0 (key, g_ptr_array_index (self->grid_services, i)) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
refresh_grid (ConsortFeasibilityPage *self,
              ConsortAppraisal       *a,
              ConsortOption          *option)
{
  GtkWidget *focus_cell = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  g_autofree char *focus_service = NULL;
  int focus_criterion = -1;
  /* A read-only document's ratings are shown, not offered for change. */
  gboolean writable = consort_form_writable (self->document);

  /* Keep the keyboard focus on the same cell across the rebuild. */
  if (focus && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->feasibility_grid)))
    {
      focus_service = g_strdup (g_object_get_data (G_OBJECT (focus), "service"));
      focus_criterion = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (focus), "criterion"));
    }

  /* A rating change (the usual edit) only updates the cells. */
  if (grid_matches (self, a))
    {
      for (guint s = 0; s < a->services->len; s++)
        {
          ConsortService *service = g_ptr_array_index (a->services, s);
          ConsortFeasibility *f = consort_option_find_feasibility (option, service->id);
          GtkWidget *name = gtk_grid_get_child_at (self->feasibility_grid, 0, s + 1);

          if (name)
            gtk_widget_set_tooltip_text (name, f ? f->note : NULL);
          for (int c = 0; c < CONSORT_N_CRITERIA; c++)
            {
              GtkWidget *cell = g_ptr_array_index (self->cells, s * CONSORT_N_CRITERIA + c);

              update_cell (cell, service->name, c, f ? f->ratings[c] : CONSORT_LEVEL_UNSET);
              gtk_widget_set_sensitive (cell, writable);
            }
        }
      return;
    }

  clear_grid (self);
  gtk_grid_attach (self->feasibility_grid, heading (_("Service"), 0), 0, 0, 1, 1);
  for (int c = 0; c < CONSORT_N_CRITERIA; c++)
    gtk_grid_attach (self->feasibility_grid, heading (consort_criterion_describe (c), 0.5), c + 1, 0, 1, 1);

  for (guint s = 0; s < a->services->len; s++)
    {
      ConsortService *service = g_ptr_array_index (a->services, s);
      ConsortFeasibility *f = consort_option_find_feasibility (option, service->id);
      GtkWidget *name = gtk_label_new (service->name);

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_wrap (GTK_LABEL (name), TRUE);
      gtk_widget_set_hexpand (name, TRUE);
      if (f && f->note)
        gtk_widget_set_tooltip_text (name, f->note);
      gtk_grid_attach (self->feasibility_grid, name, 0, s + 1, 1, 1);
      g_ptr_array_add (self->grid_services, g_strdup_printf ("%s\n%s", service->id, service->name));

      for (int c = 0; c < CONSORT_N_CRITERIA; c++)
        {
          ConsortLevel level = f ? f->ratings[c] : CONSORT_LEVEL_UNSET;
          GtkWidget *button = gtk_button_new ();
          GtkEventController *keys = gtk_event_controller_key_new ();

          gtk_widget_add_css_class (button, "consort-level");
          g_object_set_data_full (G_OBJECT (button), "service", g_strdup (service->id), g_free);
          g_object_set_data (G_OBJECT (button), "criterion", GINT_TO_POINTER (c));
          update_cell (button, service->name, c, level);
          gtk_widget_set_sensitive (button, writable);
          g_ptr_array_add (self->cells, button);
          g_signal_connect (button, "clicked", G_CALLBACK (cell_clicked), self);
          g_signal_connect (keys, "key-pressed", G_CALLBACK (cell_key_pressed), self);
          gtk_widget_add_controller (button, keys);
          gtk_grid_attach (self->feasibility_grid, button, c + 1, s + 1, 1, 1);
          if (focus_service && g_str_equal (focus_service, service->id) && focus_criterion == c)
            focus_cell = button;
        }
    }
  if (a->services->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("No services yet: add them on the Services page."));
      gtk_widget_add_css_class (none, "dim-label");
      gtk_grid_attach (self->feasibility_grid, none, 0, 1, CONSORT_N_CRITERIA + 1, 1);
    }
  if (focus_cell)
    gtk_widget_grab_focus (focus_cell);
}

static void
risk_row_activated (AdwActionRow           *row,
                    ConsortFeasibilityPage *self)
{
  consort_feasibility_page_edit_risk (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "index")));
}

static void
refresh_risks (ConsortFeasibilityPage *self,
               ConsortOption          *option)
{
  consort_form_list_box_clear (self->risks_list);

  for (guint i = 0; i < option->risks->len; i++)
    {
      ConsortRisk *risk = g_ptr_array_index (option->risks, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *title = g_markup_escape_text (risk->issue && *risk->issue ? risk->issue : _("Untitled risk"), -1);
      g_autofree char *subtitle = NULL;
      g_autofree char *escaped = NULL;

      if (risk->mitigation && *risk->mitigation)
        subtitle = g_strdup_printf (_("%s · likelihood %s, impact %s\nMitigation: %s"),
                                    risk->risk_class && *risk->risk_class ? risk->risk_class : _("Unclassified"),
                                    risk_level_word (risk->likelihood), risk_level_word (risk->impact),
                                    risk->mitigation);
      else
        subtitle = g_strdup_printf (_("%s · likelihood %s, impact %s"),
                                    risk->risk_class && *risk->risk_class ? risk->risk_class : _("Unclassified"),
                                    risk_level_word (risk->likelihood), risk_level_word (risk->impact));
      escaped = g_markup_escape_text (subtitle, -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
      gtk_widget_set_tooltip_text (remove, _("Delete Risk"));
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "feasibility.delete-risk");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "i", (int) i);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "index", GINT_TO_POINTER (i));
      g_signal_connect (row, "activated", G_CALLBACK (risk_row_activated), self);
      gtk_list_box_append (self->risks_list, row);
    }
  if (option->risks->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No risks logged yet"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->risks_list, row);
    }
}

static void
refresh (ConsortFeasibilityPage *self)
{
  ConsortAppraisal *a = get_appraisal (self);
  ConsortOption *option;
  guint selected = GTK_INVALID_LIST_POSITION;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->refreshing = TRUE;
  if (a && self->selected_id && consort_appraisal_find_option (a, self->selected_id) == NULL)
    g_clear_pointer (&self->selected_id, g_free);
  if (a && self->selected_id == NULL && a->options->len > 0)
    self->selected_id = g_strdup (((ConsortOption *) g_ptr_array_index (a->options, 0))->id);

  for (guint i = 0; a && i < a->options->len; i++)
    {
      ConsortOption *o = g_ptr_array_index (a->options, i);
      g_ptr_array_add (names, o->name);
      if (g_strcmp0 (o->id, self->selected_id) == 0)
        selected = i;
    }
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->option_model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->option_model)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->option_dropdown, selected);

  option = selected_option (self);
  gtk_stack_set_visible_child_name (self->stack, option ? "content" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feasibility.add-risk", option != NULL && consort_form_writable (self->document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feasibility.delete-risk", consort_form_writable (self->document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feasibility.rate", consort_form_writable (self->document));
  if (option)
    {
      g_autofree char *kinds = consort_form_describe_kinds (a, option);
      gtk_label_set_text (self->kind_label, kinds);
      refresh_grid (self, a, option);
      refresh_risks (self, option);
    }
  else
    clear_grid (self);
  self->refreshing = FALSE;
  self->dirty = FALSE;
}

static gboolean
refresh_idle (gpointer data)
{
  ConsortFeasibilityPage *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
document_changed (ConsortDocument        *document,
                  ConsortFeasibilityPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  /* The change may come from the rating menu itself: rebuild the grid
   * (and so unparent that menu) once it has finished. */
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_idle, self, NULL);
}

/* Save As turns a read-only document into a writable one. */
static void
read_only_changed (ConsortDocument        *document,
                   GParamSpec             *pspec,
                   ConsortFeasibilityPage *self)
{
  document_changed (document, self);
}

static void
consort_feasibility_page_map (GtkWidget *widget)
{
  ConsortFeasibilityPage *self = CONSORT_FEASIBILITY_PAGE (widget);

  GTK_WIDGET_CLASS (consort_feasibility_page_parent_class)->map (widget);
  if (self->dirty)
    refresh (self);
}

void
consort_feasibility_page_set_document (ConsortFeasibilityPage *self,
                                       ConsortDocument        *document)
{
  g_return_if_fail (CONSORT_IS_FEASIBILITY_PAGE (self));

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
      self->read_only_id = g_signal_connect (document, "notify::read-only", G_CALLBACK (read_only_changed), self);
    }
  g_clear_pointer (&self->selected_id, g_free);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

void
consort_feasibility_page_select_option (ConsortFeasibilityPage *self,
                                        const char             *option_id)
{
  g_return_if_fail (CONSORT_IS_FEASIBILITY_PAGE (self));
  g_free (self->selected_id);
  self->selected_id = g_strdup (option_id);
  refresh (self);
}

GtkWidget *
consort_feasibility_page_edit_risk (ConsortFeasibilityPage *self,
                                    int                     index)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *editor;

  g_return_val_if_fail (CONSORT_IS_FEASIBILITY_PAGE (self), NULL);
  if (selected_option (self) == NULL)
    return NULL;
  editor = consort_risk_editor_new (self->document, self->selected_id, index);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

static void
add_risk_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  consort_feasibility_page_edit_risk (CONSORT_FEASIBILITY_PAGE (widget), -1);
}

static void
delete_risk_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ConsortFeasibilityPage *self = CONSORT_FEASIBILITY_PAGE (widget);
  g_autoptr(ConsortAppraisal) copy = NULL;
  ConsortOption *option;
  int index = g_variant_get_int32 (parameter);

  if (selected_option (self) == NULL)
    return;
  copy = consort_appraisal_copy (get_appraisal (self));
  option = consort_appraisal_find_option (copy, self->selected_id);
  if (index < 0 || index >= (int) option->risks->len)
    return;
  g_ptr_array_remove_index (option->risks, index);
  if (consort_form_apply (widget, self->document, g_steal_pointer (&copy), _("Delete risk"), NULL))
    consort_form_toast_undo (widget, _("Risk deleted"));
}

static void
option_selected (GtkDropDown            *dropdown,
                 GParamSpec             *pspec,
                 ConsortFeasibilityPage *self)
{
  ConsortAppraisal *a = get_appraisal (self);
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->refreshing || a == NULL || selected >= a->options->len)
    return;
  consort_feasibility_page_select_option (self, ((ConsortOption *) g_ptr_array_index (a->options, selected))->id);
}

static void
consort_feasibility_page_dispose (GObject *object)
{
  ConsortFeasibilityPage *self = CONSORT_FEASIBILITY_PAGE (object);

  if (self->document)
    {
      g_clear_signal_handler (&self->changed_id, self->document);
      g_clear_signal_handler (&self->read_only_id, self->document);
    }
  g_clear_object (&self->document);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->popover && gtk_widget_get_parent (self->popover))
    gtk_widget_unparent (self->popover);
  g_clear_object (&self->popover);
  /* AdwBin keeps a pointer to its child: let go of it before the
   * template children are unparented. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONSORT_TYPE_FEASIBILITY_PAGE);
  G_OBJECT_CLASS (consort_feasibility_page_parent_class)->dispose (object);
}

static void
consort_feasibility_page_finalize (GObject *object)
{
  ConsortFeasibilityPage *self = CONSORT_FEASIBILITY_PAGE (object);

  g_free (self->selected_id);
  g_ptr_array_unref (self->grid_services);
  g_ptr_array_unref (self->cells);
  G_OBJECT_CLASS (consort_feasibility_page_parent_class)->finalize (object);
}

static void
consort_feasibility_page_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  ConsortFeasibilityPage *self = CONSORT_FEASIBILITY_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: g_value_set_object (value, self->document); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consort_feasibility_page_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  ConsortFeasibilityPage *self = CONSORT_FEASIBILITY_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: consort_feasibility_page_set_document (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consort_feasibility_page_class_init (ConsortFeasibilityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = consort_feasibility_page_dispose;
  object_class->finalize = consort_feasibility_page_finalize;
  object_class->get_property = consort_feasibility_page_get_property;
  object_class->set_property = consort_feasibility_page_set_property;
  widget_class->map = consort_feasibility_page_map;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CONSORT_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/consortapp/Consort/consort-feasibility-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConsortFeasibilityPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ConsortFeasibilityPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ConsortFeasibilityPage, option_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ConsortFeasibilityPage, option_model);
  gtk_widget_class_bind_template_child (widget_class, ConsortFeasibilityPage, kind_label);
  gtk_widget_class_bind_template_child (widget_class, ConsortFeasibilityPage, feasibility_grid);
  gtk_widget_class_bind_template_child (widget_class, ConsortFeasibilityPage, risks_list);

  gtk_widget_class_install_action (widget_class, "feasibility.rate", "(sii)", rate_action);
  gtk_widget_class_install_action (widget_class, "feasibility.add-risk", NULL, add_risk_action);
  gtk_widget_class_install_action (widget_class, "feasibility.delete-risk", "i", delete_risk_action);
}

static void
consort_feasibility_page_init (ConsortFeasibilityPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->popover = g_object_ref_sink (gtk_popover_menu_new_from_model (NULL));
  self->grid_services = g_ptr_array_new_with_free_func (g_free);
  self->cells = g_ptr_array_new ();
  g_signal_connect (self->option_dropdown, "notify::selected", G_CALLBACK (option_selected), self);
  refresh (self);
}
