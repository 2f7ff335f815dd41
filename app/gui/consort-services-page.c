/* consort-services-page.c: services and their baselines per borough.
 *
 * The page is a services x boroughs grid of one baseline figure at a
 * time (budget, FTE, management posts, overheads, outsourced) with the
 * service of the cursor row renamed or deleted from the toolbar.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "consort-services-page.h"

#include <glib/gi18n.h>

#include "consort-baseline-grid.h"
#include "consort-form-util.h"

struct _ConsortServicesPage
{
  AdwBin               parent_instance;

  ConsortDocument     *document;
  gulong               changed_id;
  gulong               read_only_id;

  GtkStack            *stack;
  AdwStatusPage       *empty_page;
  GtkDropDown         *field_dropdown;
  GtkStringList       *field_model;
  GtkLabel            *service_label;
  GtkScrolledWindow   *scroller;
  ConsortBaselineGrid *grid;
  GtkLabel            *status_label;
  GtkLabel            *usage_label;
};

G_DEFINE_FINAL_TYPE (ConsortServicesPage, consort_services_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_DOCUMENT, N_PROPS };
static GParamSpec *properties[N_PROPS];

static ConsortAppraisal *
get_appraisal (ConsortServicesPage *self)
{
  return self->document ? consort_document_get_appraisal (self->document) : NULL;
}

static ConsortService *
current_service (ConsortServicesPage *self)
{
  ConsortAppraisal *a = get_appraisal (self);
  int row;

  if (a == NULL || a->services->len == 0)
    return NULL;
  consort_baseline_grid_get_cursor (self->grid, &row, NULL);
  if (row < 0 || row >= (int) a->services->len)
    return NULL;
  return g_ptr_array_index (a->services, row);
}

/* "Option 2", "Option 2 and Option 3", "Option 1A, Option 2 and Option 3" */
static char *
join_names (GPtrArray *names)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (s, i + 1 == names->len ? _(" and ") : ", ");
      g_string_append (s, g_ptr_array_index (names, i));
    }
  return g_string_free (s, FALSE);
}

/* Whether @item's partnership share follows the service's baselines. */
static gboolean
shared_by_baseline (const ConsortSavingsItem *item)
{
  return item->owner.borough_id == NULL &&
         (item->owner.share == CONSORT_SHARE_BASELINE || item->owner.share == CONSORT_SHARE_DEFAULT);
}

char *
consort_services_page_describe_usage (const ConsortAppraisal *a,
                                      const ConsortService   *service,
                                      ConsortBaselineField    field)
{
  g_autoptr(GPtrArray) rated = g_ptr_array_new ();
  g_autoptr(GPtrArray) shared = g_ptr_array_new ();
  g_autofree char *rated_text = NULL, *shared_text = NULL;

  /* Only budgets enter any calculation; saying so saves a director from
   * wondering why nothing moved. */
  if (field != CONSORT_BASELINE_BUDGET)
    return g_strdup_printf (_("“%s” is for reference only: no figure in the appraisal is calculated from it."),
                            consort_baseline_field_describe (field));

  for (guint o = 0; o < a->options->len; o++)
    {
      const ConsortOption *option = g_ptr_array_index (a->options, o);
      gboolean rate = FALSE, share = FALSE;

      for (guint i = 0; i < option->savings->len; i++)
        {
          const ConsortSavingsItem *item = g_ptr_array_index (option->savings, i);

          if (g_strcmp0 (item->service_id, service->id) != 0)
            continue;
          if (item->method == CONSORT_METHOD_RATE)
            rate = TRUE;
          else if (shared_by_baseline (item))
            share = TRUE;
        }
      if (rate)
        g_ptr_array_add (rated, option->name);
      else if (share)
        g_ptr_array_add (shared, option->name);
    }

  rated_text = join_names (rated);
  shared_text = join_names (shared);

  if (rated->len && shared->len)
    return g_strdup_printf (_("%s budgets are used by rate-based savings in %s, and split shared savings between boroughs in %s."),
                            service->name, rated_text, shared_text);
  if (rated->len)
    return g_strdup_printf (_("%s budgets are used by rate-based savings in %s."), service->name, rated_text);
  if (shared->len)
    return g_strdup_printf (_("No rate-based savings use %s budgets, so totals won’t change; "
                              "the budgets only split shared savings between boroughs in %s."),
                            service->name, shared_text);
  return g_strdup_printf (_("No rate-based savings use %s budgets: figures won’t change."), service->name);
}

static void
update_usage (ConsortServicesPage *self)
{
  ConsortAppraisal *a = get_appraisal (self);
  ConsortService *service = current_service (self);
  g_autofree char *text = NULL;
  guint field = gtk_drop_down_get_selected (self->field_dropdown);

  if (a == NULL || service == NULL || field >= CONSORT_N_BASELINE_FIELDS)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->usage_label), FALSE);
      return;
    }
  text = consort_services_page_describe_usage (a, service, (ConsortBaselineField) field);
  gtk_label_set_text (self->usage_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->usage_label), TRUE);
}

static void
update_status (ConsortServicesPage *self)
{
  const char *error = consort_baseline_grid_get_error (self->grid);

  if (error != NULL)
    {
      gtk_label_set_text (self->status_label, error);
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
    }
  else if (self->document && !consort_form_writable (self->document))
    {
      gtk_label_set_text (self->status_label,
                          _("The appraisal is read-only: the figures can be read and copied but not changed."));
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
    }
  else
    {
      gtk_label_set_text (self->status_label,
                          _("Type to replace a figure; Tab and Shift+Tab move across, Enter moves down. "
                            "Paste a block copied from a spreadsheet to fill many cells at once."));
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
    }
}

static void
refresh (ConsortServicesPage *self)
{
  ConsortAppraisal *a = get_appraisal (self);
  ConsortService *service = current_service (self);
  gboolean has_grid = a != NULL && a->services->len > 0 && a->boroughs->len > 0;

  if (a == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("No Appraisal Open"));
      adw_status_page_set_description (self->empty_page, NULL);
    }
  else if (a->services->len == 0)
    {
      adw_status_page_set_title (self->empty_page, _("No Services"));
      adw_status_page_set_description (self->empty_page,
                                       _("Add the services the boroughs could share, then fill in each borough’s baseline."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Boroughs"));
      adw_status_page_set_description (self->empty_page,
                                       _("Add boroughs on the Boroughs page to enter their baselines."));
    }
  gtk_stack_set_visible_child_name (self->stack, has_grid ? "grid" : "empty");

  gtk_label_set_text (self->service_label, service ? service->name : "");
  update_usage (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "services.add", a != NULL && consort_form_writable (self->document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "services.rename", service != NULL && consort_form_writable (self->document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "services.delete", service != NULL && consort_form_writable (self->document));
  update_status (self);
}

static void
document_changed (ConsortDocument     *document,
                  ConsortServicesPage *self)
{
  refresh (self);
}

/* Save As turns a read-only document into a writable one. */
static void
read_only_changed (ConsortDocument     *document,
                   GParamSpec          *pspec,
                   ConsortServicesPage *self)
{
  refresh (self);
}

void
consort_services_page_set_document (ConsortServicesPage *self,
                                    ConsortDocument     *document)
{
  g_return_if_fail (CONSORT_IS_SERVICES_PAGE (self));

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
  consort_baseline_grid_set_document (self->grid, document);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

ConsortBaselineGrid *
consort_services_page_get_grid (ConsortServicesPage *self)
{
  g_return_val_if_fail (CONSORT_IS_SERVICES_PAGE (self), NULL);
  return self->grid;
}

/* Add and rename: a message dialog with a name entry. */

typedef struct {
  ConsortServicesPage *page;
  GtkEntry            *entry;
  char                *service_id;  /* NULL: add */
} NameDialog;

static void
name_dialog_free (NameDialog *data)
{
  g_object_unref (data->page);
  g_free (data->service_id);
  g_free (data);
}

static const char *
name_problem (ConsortServicesPage *self,
              const char          *name,
              const char          *except_id)
{
  ConsortAppraisal *a = get_appraisal (self);

  if (*name == '\0')
    return _("Give the service a name");
  for (guint i = 0; a && i < a->services->len; i++)
    {
      ConsortService *s = g_ptr_array_index (a->services, i);
      if (g_strcmp0 (s->id, except_id) != 0 && g_utf8_collate (s->name, name) == 0)
        return _("Another service already has this name");
    }
  return NULL;
}

static void
name_entry_changed (GtkEditable *editable,
                    AdwMessageDialog *dialog)
{
  NameDialog *data = g_object_get_data (G_OBJECT (dialog), "name-dialog");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  const char *problem = name_problem (data->page, name, data->service_id);
  const char *response = data->service_id ? "rename" : "add";

  adw_message_dialog_set_response_enabled (dialog, response, problem == NULL);
  consort_form_set_error (GTK_WIDGET (editable), *name && problem ? problem : NULL);
}

static gboolean
page_add_service (ConsortServicesPage *self,
                  const char          *name)
{
  ConsortAppraisal *a = get_appraisal (self);
  g_autoptr(ConsortAppraisal) copy = NULL;
  g_autofree char *slug = consort_form_slug (name);
  g_autofree char *id = NULL;

  if (a == NULL || name_problem (self, name, NULL) != NULL)
    return FALSE;
  id = consort_appraisal_unique_id (a, slug);
  copy = consort_appraisal_copy (a);
  g_ptr_array_add (copy->services, consort_service_new (id, name));
  if (!consort_form_apply (GTK_WIDGET (self), self->document, g_steal_pointer (&copy), _("Add service"), NULL))
    return FALSE;
  a = get_appraisal (self);
  consort_baseline_grid_set_cursor (self->grid, a->services->len - 1, 0);
  return TRUE;
}

static gboolean
page_rename_service (ConsortServicesPage *self,
                     const char          *id,
                     const char          *name)
{
  g_autoptr(ConsortAppraisal) copy = NULL;
  ConsortService *s;

  if (get_appraisal (self) == NULL || name_problem (self, name, id) != NULL)
    return FALSE;
  copy = consort_appraisal_copy (get_appraisal (self));
  s = consort_appraisal_find_service (copy, id);
  if (s == NULL || g_strcmp0 (s->name, name) == 0)
    return FALSE;
  g_free (s->name);
  s->name = g_strdup (name);
  return consort_form_apply (GTK_WIDGET (self), self->document, g_steal_pointer (&copy), _("Rename service"), NULL);
}

static void
name_dialog_response (AdwMessageDialog *dialog,
                      const char       *response,
                      NameDialog       *data)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (data->entry))));

  if (g_str_equal (response, "add"))
    page_add_service (data->page, name);
  else if (g_str_equal (response, "rename"))
    page_rename_service (data->page, data->service_id, name);
}

static void
show_name_dialog (ConsortServicesPage *self,
                  ConsortService      *service)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  NameDialog *data;
  const char *response = service ? "rename" : "add";

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       service ? _("Rename Service") : _("Add Service"),
                                                       NULL));
  data = g_new0 (NameDialog, 1);
  data->page = g_object_ref (self);
  data->service_id = service ? g_strdup (service->id) : NULL;
  data->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_activates_default (data->entry, TRUE);
  gtk_entry_set_placeholder_text (data->entry, _("Service name, e.g. Youth Services"));
  if (service)
    gtk_editable_set_text (GTK_EDITABLE (data->entry), service->name);
  adw_message_dialog_set_extra_child (dialog, GTK_WIDGET (data->entry));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    response, service ? _("_Rename") : _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, response, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, response);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "name-dialog", data, (GDestroyNotify) name_dialog_free);
  g_signal_connect (data->entry, "changed", G_CALLBACK (name_entry_changed), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (name_dialog_response), data);
  name_entry_changed (GTK_EDITABLE (data->entry), dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (data->entry));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  show_name_dialog (CONSORT_SERVICES_PAGE (widget), NULL);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ConsortServicesPage *self = CONSORT_SERVICES_PAGE (widget);
  ConsortService *service = current_service (self);

  if (service)
    show_name_dialog (self, service);
}

/* Delete: savings items of the service go with it (they cannot exist
 * without one), cost items only lose the link, feasibility ratings go. */

typedef struct {
  guint savings;
  guint costs;
  guint feasibility;
} Usage;

static Usage
service_usage (ConsortAppraisal *a,
               const char       *id)
{
  Usage u = { 0, };

  for (guint i = 0; i < a->options->len; i++)
    {
      ConsortOption *o = g_ptr_array_index (a->options, i);
      for (guint j = 0; j < o->savings->len; j++)
        u.savings += g_strcmp0 (((ConsortSavingsItem *) g_ptr_array_index (o->savings, j))->service_id, id) == 0;
      for (guint j = 0; j < o->costs->len; j++)
        u.costs += g_strcmp0 (((ConsortCostItem *) g_ptr_array_index (o->costs, j))->service_id, id) == 0;
      u.feasibility += consort_option_find_feasibility (o, id) != NULL;
    }
  return u;
}

gboolean
consort_services_page_delete_service (ConsortServicesPage *self,
                                      const char          *id)
{
  g_autoptr(ConsortAppraisal) copy = NULL;
  int index;

  g_return_val_if_fail (CONSORT_IS_SERVICES_PAGE (self), FALSE);
  if (get_appraisal (self) == NULL)
    return FALSE;

  copy = consort_appraisal_copy (get_appraisal (self));
  index = consort_appraisal_service_index (copy, id);
  if (index < 0)
    return FALSE;
  for (guint i = 0; i < copy->options->len; i++)
    {
      ConsortOption *o = g_ptr_array_index (copy->options, i);
      for (guint j = o->savings->len; j > 0; j--)
        if (g_strcmp0 (((ConsortSavingsItem *) g_ptr_array_index (o->savings, j - 1))->service_id, id) == 0)
          g_ptr_array_remove_index (o->savings, j - 1);
      for (guint j = 0; j < o->costs->len; j++)
        {
          ConsortCostItem *c = g_ptr_array_index (o->costs, j);
          if (g_strcmp0 (c->service_id, id) == 0)
            g_clear_pointer (&c->service_id, g_free);
        }
      for (guint j = o->feasibility->len; j > 0; j--)
        if (g_strcmp0 (((ConsortFeasibility *) g_ptr_array_index (o->feasibility, j - 1))->service_id, id) == 0)
          g_ptr_array_remove_index (o->feasibility, j - 1);
    }
  g_ptr_array_remove_index (copy->services, index);
  return consort_form_apply (GTK_WIDGET (self), self->document, g_steal_pointer (&copy), _("Delete service"), NULL);
}

static void
delete_response (AdwMessageDialog    *dialog,
                 const char          *response,
                 ConsortServicesPage *self)
{
  if (g_str_equal (response, "delete"))
    consort_services_page_delete_service (self, g_object_get_data (G_OBJECT (dialog), "service-id"));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ConsortServicesPage *self = CONSORT_SERVICES_PAGE (widget);
  ConsortService *service = current_service (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  Usage u;

  if (service == NULL)
    return;

  u = service_usage (get_appraisal (self), service->id);
  if (u.savings == 0 && u.costs == 0 && u.feasibility == 0)
    {
      g_autofree char *msg = g_strdup_printf (_("Deleted “%s”"), service->name);
      if (consort_services_page_delete_service (self, service->id))
        consort_form_toast_undo (widget, msg);
      return;
    }

  heading = g_strdup_printf (_("Delete “%s”?"), service->name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, NULL));
  {
    GString *b = g_string_new (_("The service is used in the options:"));
    if (u.savings > 0)
      {
        g_string_append (b, "\n• ");
        g_string_append_printf (b, ngettext ("%u savings item will be deleted",
                                                "%u savings items will be deleted", u.savings), u.savings);
      }
    if (u.costs > 0)
      {
        g_string_append (b, "\n• ");
        g_string_append_printf (b, ngettext ("%u cost item will no longer name a service",
                                                "%u cost items will no longer name a service", u.costs), u.costs);
      }
    if (u.feasibility > 0)
      {
        g_string_append (b, "\n• ");
        g_string_append_printf (b, ngettext ("its feasibility ratings in %u option will be deleted",
                                                "its feasibility ratings in %u options will be deleted", u.feasibility),
                                u.feasibility);
      }
    g_string_append (b, "\n\n");
    g_string_append (b, _("You can undo this."));
    adw_message_dialog_set_body (dialog, b->str);
    g_string_free (b, TRUE);
  }
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "service-id", g_strdup (service->id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
field_selected (GtkDropDown         *dropdown,
                GParamSpec          *pspec,
                ConsortServicesPage *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected < CONSORT_N_BASELINE_FIELDS)
    consort_baseline_grid_set_field (self->grid, (ConsortBaselineField) selected);
  update_usage (self);
}

static void
grid_cursor_changed (ConsortBaselineGrid *grid,
                     ConsortServicesPage *self)
{
  ConsortService *service = current_service (self);

  gtk_label_set_text (self->service_label, service ? service->name : "");
  update_usage (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "services.rename", service != NULL && consort_form_writable (self->document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "services.delete", service != NULL && consort_form_writable (self->document));
}

static gboolean
unparent_idle (gpointer data)
{
  g_autoptr(GtkWidget) popover = data;

  if (gtk_widget_get_parent (popover))
    gtk_widget_unparent (popover);
  return G_SOURCE_REMOVE;
}

static void
context_menu_closed (GtkPopover *popover)
{
  g_idle_add (unparent_idle, g_object_ref (popover));
}

/* A right click (or long press) on a service offers its actions. */
static void
grid_context_menu (ConsortServicesPage *self,
                   double               x,
                   double               y)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *popover;
  int row, column;

  if (!consort_baseline_grid_cell_at (self->grid, x, y, &row, &column) || row < 0)
    return;
  if (!consort_baseline_grid_set_cursor (self->grid, row, column < 0 ? 0 : column))
    return;

  g_menu_append (menu, _("_Rename Service…"), "services.rename");
  g_menu_append (menu, _("_Delete Service…"), "services.delete");
  g_menu_append (menu, _("_Add Service…"), "services.add");
  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_widget_set_parent (popover, GTK_WIDGET (self));
  {
    graphene_point_t p;
    if (gtk_widget_compute_point (GTK_WIDGET (self->grid), GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &p))
      gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle) { (int) p.x, (int) p.y, 1, 1 });
  }
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  /* The menu is parented to the page only while it is open; it goes
   * once its item's action has run. */
  g_signal_connect (popover, "closed", G_CALLBACK (context_menu_closed), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
grid_secondary_pressed (GtkGestureClick     *gesture,
                        int                  n_press,
                        double               x,
                        double               y,
                        ConsortServicesPage *self)
{
  grid_context_menu (self, x, y);
}

static void
grid_long_pressed (GtkGestureLongPress *gesture,
                   double               x,
                   double               y,
                   ConsortServicesPage *self)
{
  grid_context_menu (self, x, y);
}

static void
grid_error_changed (ConsortBaselineGrid *grid,
                    GParamSpec          *pspec,
                    ConsortServicesPage *self)
{
  update_status (self);
}

static void
consort_services_page_dispose (GObject *object)
{
  ConsortServicesPage *self = CONSORT_SERVICES_PAGE (object);

  if (self->document)
    {
      g_clear_signal_handler (&self->changed_id, self->document);
      g_clear_signal_handler (&self->read_only_id, self->document);
    }
  g_clear_object (&self->document);
  /* AdwBin keeps a pointer to its child: let go of it before the
   * template children are unparented. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  /* A context menu still open. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)), *next; child; child = next)
    {
      next = gtk_widget_get_next_sibling (child);
      if (GTK_IS_POPOVER (child))
        gtk_widget_unparent (child);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), CONSORT_TYPE_SERVICES_PAGE);
  G_OBJECT_CLASS (consort_services_page_parent_class)->dispose (object);
}

static void
consort_services_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ConsortServicesPage *self = CONSORT_SERVICES_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: g_value_set_object (value, self->document); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consort_services_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ConsortServicesPage *self = CONSORT_SERVICES_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: consort_services_page_set_document (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consort_services_page_class_init (ConsortServicesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = consort_services_page_dispose;
  object_class->get_property = consort_services_page_get_property;
  object_class->set_property = consort_services_page_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CONSORT_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CONSORT_TYPE_BASELINE_GRID);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/consortapp/Consort/consort-services-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConsortServicesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ConsortServicesPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ConsortServicesPage, field_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ConsortServicesPage, field_model);
  gtk_widget_class_bind_template_child (widget_class, ConsortServicesPage, service_label);
  gtk_widget_class_bind_template_child (widget_class, ConsortServicesPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, ConsortServicesPage, grid);
  gtk_widget_class_bind_template_child (widget_class, ConsortServicesPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, ConsortServicesPage, usage_label);

  gtk_widget_class_install_action (widget_class, "services.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "services.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "services.delete", NULL, delete_action);
}

static void
consort_services_page_init (ConsortServicesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (int f = 0; f < CONSORT_N_BASELINE_FIELDS; f++)
    gtk_string_list_append (self->field_model, consort_baseline_field_describe (f));
  gtk_drop_down_set_selected (self->field_dropdown, CONSORT_BASELINE_BUDGET);
  g_signal_connect (self->field_dropdown, "notify::selected", G_CALLBACK (field_selected), self);
  g_signal_connect (self->grid, "cursor-changed", G_CALLBACK (grid_cursor_changed), self);
  g_signal_connect (self->grid, "notify::error", G_CALLBACK (grid_error_changed), self);
  {
    GtkGesture *click = gtk_gesture_click_new ();
    GtkGesture *press = gtk_gesture_long_press_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
    g_signal_connect (click, "pressed", G_CALLBACK (grid_secondary_pressed), self);
    gtk_widget_add_controller (GTK_WIDGET (self->grid), GTK_EVENT_CONTROLLER (click));
    gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (press), TRUE);
    g_signal_connect (press, "pressed", G_CALLBACK (grid_long_pressed), self);
    gtk_widget_add_controller (GTK_WIDGET (self->grid), GTK_EVENT_CONTROLLER (press));
  }
  refresh (self);
}
