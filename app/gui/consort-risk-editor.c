/* consort-risk-editor.c: add or edit one risk log entry.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "consort-risk-editor.h"

#include <glib/gi18n.h>

#include "consort-form-util.h"

struct _ConsortRiskEditor
{
  AdwWindow        parent_instance;

  ConsortDocument *document;
  char            *option_id;
  int              index;
  ConsortRisk     *original;   /* the risk at @index when opened */
  char            *error;

  AdwWindowTitle  *window_title;
  GtkWidget       *cancel_button;
  GtkWidget       *save_button;
  GtkWidget       *page;
  GtkRevealer     *error_revealer;
  GtkLabel        *error_label;
  AdwEntryRow     *class_row;
  AdwEntryRow     *issue_row;
  AdwEntryRow     *mitigation_row;
  AdwComboRow     *likelihood_row;
  AdwComboRow     *impact_row;
};

G_DEFINE_FINAL_TYPE (ConsortRiskEditor, consort_risk_editor, ADW_TYPE_WINDOW)

static void
show_error (ConsortRiskEditor *self,
            const char        *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

const char *
consort_risk_editor_get_error (ConsortRiskEditor *self)
{
  g_return_val_if_fail (CONSORT_IS_RISK_EDITOR (self), NULL);
  return self->error;
}

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* Rows list Not known, Low, Medium, High: the ConsortLevel order. */
static ConsortLevel
row_level (AdwComboRow *row)
{
  guint i = adw_combo_row_get_selected (row);
  return i <= CONSORT_LEVEL_HIGH ? (ConsortLevel) i : CONSORT_LEVEL_UNSET;
}

gboolean
consort_risk_editor_save (ConsortRiskEditor *self)
{
  g_autoptr(ConsortAppraisal) copy = NULL;
  g_autofree char *risk_class = row_text (self->class_row);
  g_autofree char *issue = row_text (self->issue_row);
  g_autofree char *mitigation = row_text (self->mitigation_row);
  g_autofree char *message = NULL;
  ConsortOption *option;
  ConsortRisk *risk;

  g_return_val_if_fail (CONSORT_IS_RISK_EDITOR (self), FALSE);

  if (consort_document_get_read_only (self->document))
    {
      show_error (self, _("This appraisal is read-only: the risk cannot be changed"));
      return FALSE;
    }
  if (*issue == '\0')
    {
      consort_form_set_error (GTK_WIDGET (self->issue_row), _("Describe the issue"));
      show_error (self, _("Describe the issue the risk is about"));
      return FALSE;
    }
  consort_form_set_error (GTK_WIDGET (self->issue_row), NULL);

  copy = consort_appraisal_copy (consort_document_get_appraisal (self->document));
  option = consort_appraisal_find_option (copy, self->option_id);
  if (option == NULL)
    {
      show_error (self, _("The option no longer exists"));
      return FALSE;
    }
  /* The dialog keeps the risk's position: make sure an undo or another
   * edit has not put a different risk there since it opened. */
  if (self->index >= 0 &&
      (self->index >= (int) option->risks->len ||
       !consort_risk_equal (g_ptr_array_index (option->risks, self->index), self->original)))
    {
      show_error (self, _("The risk was changed or removed while this dialog was open "
                          "(by undo, perhaps): cancel and open it again"));
      return FALSE;
    }

  risk = consort_risk_new ();
  risk->risk_class = g_strdup (risk_class);
  risk->issue = g_strdup (issue);
  risk->mitigation = g_strdup (mitigation);
  risk->likelihood = row_level (self->likelihood_row);
  risk->impact = row_level (self->impact_row);
  if (self->index >= 0)
    {
      g_ptr_array_remove_index (option->risks, self->index);
      g_ptr_array_insert (option->risks, self->index, risk);
    }
  else
    g_ptr_array_add (option->risks, risk);

  if (!consort_form_apply (GTK_WIDGET (self), self->document, g_steal_pointer (&copy),
                           self->index >= 0 ? _("Edit risk") : _("Add risk"), &message))
    {
      show_error (self, message);
      return FALSE;
    }
  show_error (self, NULL);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
save_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  consort_risk_editor_save (CONSORT_RISK_EDITOR (widget));
}

static void
consort_risk_editor_dispose (GObject *object)
{
  ConsortRiskEditor *self = CONSORT_RISK_EDITOR (object);

  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONSORT_TYPE_RISK_EDITOR);
  G_OBJECT_CLASS (consort_risk_editor_parent_class)->dispose (object);
}

static void
consort_risk_editor_finalize (GObject *object)
{
  ConsortRiskEditor *self = CONSORT_RISK_EDITOR (object);

  g_free (self->option_id);
  g_free (self->error);
  consort_risk_free (self->original);
  G_OBJECT_CLASS (consort_risk_editor_parent_class)->finalize (object);
}

static void
consort_risk_editor_class_init (ConsortRiskEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = consort_risk_editor_dispose;
  object_class->finalize = consort_risk_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/consortapp/Consort/consort-risk-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ConsortRiskEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, ConsortRiskEditor, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ConsortRiskEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, ConsortRiskEditor, page);
  gtk_widget_class_bind_template_child (widget_class, ConsortRiskEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, ConsortRiskEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, ConsortRiskEditor, class_row);
  gtk_widget_class_bind_template_child (widget_class, ConsortRiskEditor, issue_row);
  gtk_widget_class_bind_template_child (widget_class, ConsortRiskEditor, mitigation_row);
  gtk_widget_class_bind_template_child (widget_class, ConsortRiskEditor, likelihood_row);
  gtk_widget_class_bind_template_child (widget_class, ConsortRiskEditor, impact_row);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
consort_risk_editor_init (ConsortRiskEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->index = -1;
}

GtkWidget *
consort_risk_editor_new (ConsortDocument *document,
                         const char      *option_id,
                         int              index)
{
  ConsortRiskEditor *self;
  ConsortOption *option;
  ConsortRisk *risk = NULL;

  g_return_val_if_fail (CONSORT_IS_DOCUMENT (document), NULL);

  option = consort_appraisal_find_option (consort_document_get_appraisal (document), option_id);
  g_return_val_if_fail (option != NULL, NULL);

  self = g_object_new (CONSORT_TYPE_RISK_EDITOR, NULL);
  self->document = g_object_ref (document);
  self->option_id = g_strdup (option_id);
  if (index >= 0 && index < (int) option->risks->len)
    {
      self->index = index;
      risk = g_ptr_array_index (option->risks, index);
      self->original = consort_risk_copy (risk);
    }
  adw_window_title_set_title (self->window_title, risk ? _("Edit Risk") : _("Add Risk"));
  adw_window_title_set_subtitle (self->window_title, option->name);
  gtk_window_set_title (GTK_WINDOW (self), risk ? _("Edit Risk") : _("Add Risk"));
  if (risk)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->class_row), risk->risk_class ? risk->risk_class : "");
      gtk_editable_set_text (GTK_EDITABLE (self->issue_row), risk->issue ? risk->issue : "");
      gtk_editable_set_text (GTK_EDITABLE (self->mitigation_row), risk->mitigation ? risk->mitigation : "");
      adw_combo_row_set_selected (self->likelihood_row, risk->likelihood);
      adw_combo_row_set_selected (self->impact_row, risk->impact);
    }
  if (consort_document_get_read_only (document))
    consort_form_editor_set_read_only (GTK_WINDOW (self), self->window_title, _("Risk"),
                                       self->cancel_button, self->save_button, self->page);
  return GTK_WIDGET (self);
}
