/* consort-settings-page.c: the appraisal's own settings.
 *
 * Title, author and description; point of view; horizon (first FY and
 * number of years); discount rate; and the table of default savings
 * rates by delivery model.  Text is applied on Enter or when focus leaves
 * the field; spin buttons and the point of view apply at once.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "consort-settings-page.h"

struct _ConsortSettingsPage
{
  AdwBin           parent_instance;

  ConsortDocument *document;
  gboolean         needs_refresh;
  gboolean         refreshing;   /* changes made by refresh() are not edits */
  GPtrArray       *perspective_ids;  /* NULL first: the partnership */

  /* Template widgets */
  AdwEntryRow     *title_row;
  GtkWidget       *title_error_row;
  GtkLabel        *title_error;
  GtkTextView     *description_view;
  GtkTextView     *author_view;
  AdwComboRow     *perspective_row;
  GtkStringList   *perspective_model;
  GtkSpinButton   *first_year_spin;
  GtkSpinButton   *years_spin;
  AdwEntryRow     *discount_row;
  GtkWidget       *discount_error_row;
  GtkLabel        *discount_error;
  GtkListBox      *rates_list;

  GtkLabel        *rates_error;   /* one message for the whole table */

  /* The default rates table: one RateRow per default rate; size groups
   * line the columns up with their headings. */
  GPtrArray       *rate_rows;
  GtkSizeGroup    *columns[3];

  /* A horizon change waiting for the person to confirm it. */
  ConsortAppraisal *pending_move;   /* every year moved */
  ConsortAppraisal *pending_fit;    /* items fitted into the new horizon */
  char             *pending_label;
};

typedef struct
{
  ConsortSettingsPage *page;
  guint                index;
  GtkDropDown         *model;
  GPtrArray           *model_slugs;  /* slug per drop-down item */
  GtkSpinButton       *min_partners;
  GtkEditable         *rate;
  GtkWidget           *delete_button;
} RateRow;

G_DEFINE_FINAL_TYPE (ConsortSettingsPage, consort_settings_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_DOCUMENT, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void refresh (ConsortSettingsPage *self);

static gboolean
document_writable (ConsortSettingsPage *self)
{
  return self->document && !consort_document_get_read_only (self->document);
}

/* Whether an edit may be made now (not while showing the document). */
static gboolean
is_editable (ConsortSettingsPage *self)
{
  return document_writable (self) && !self->refreshing;
}

static const ConsortAppraisal *
current (ConsortSettingsPage *self)
{
  return consort_document_get_appraisal (self->document);
}

static void
toast (ConsortSettingsPage *self,
       const char          *text)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", text);
}

static void
set_error (GtkWidget  *entry,
           GtkWidget  *error_row,
           GtkLabel   *error_label,
           const char *message)
{
  if (message)
    gtk_widget_add_css_class (entry, "error");
  else
    gtk_widget_remove_css_class (entry, "error");

  if (error_label)
    gtk_label_set_text (error_label, message ? message : "");
  if (error_row)
    gtk_widget_set_visible (error_row, message != NULL);
}

/* Applies @copy; on failure shows why and puts the page back as the
 * document is. */
static gboolean
apply (ConsortSettingsPage *self,
       ConsortAppraisal    *copy,
       const char          *label,
       GtkWidget           *entry,
       GtkWidget           *error_row,
       GtkLabel            *error_label)
{
  g_autoptr(GError) error = NULL;

  g_autofree char *message = NULL;

  if (consort_document_apply (self->document, copy, label, &error))
    {
      if (entry)
        set_error (entry, error_row, error_label, NULL);
      return TRUE;
    }

  /* In the names people see, not the interchange file's places. */
  message = consort_appraisal_describe_error (copy, error);
  if (entry)
    set_error (entry, error_row, error_label, message);
  else
    {
      toast (self, message);
      refresh (self);
    }

  return FALSE;
}

/* "3.5%" for 35000 micros. */
static char *
format_rate (ConsortMicros rate)
{
  g_autofree char *percent = consort_micros_to_decimal (rate * 100);

  return g_strconcat (percent, "%", NULL);
}

static gboolean
parse_rate (const char     *text,
            ConsortMicros  *out,
            char          **message)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (*stripped == '\0')
    {
      *message = g_strdup (_("Enter a rate between 0% and 100%, for example 3.5%"));
      return FALSE;
    }

  /* Out of range or not a number at all: either way, say what is allowed
   * (Escape puts back the saved rate). */
  if (!consort_micros_parse_rate (stripped, FALSE, out) ||
      *out < 0 || *out > CONSORT_MICROS_ONE)
    {
      /* Translators: %s is what was typed */
      *message = g_strdup_printf (_("“%s”: enter a rate between 0%% and 100%%, for example 3.5%%"), stripped);
      return FALSE;
    }

  return TRUE;
}

/* Title and author */

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
commit_text (ConsortSettingsPage *self,
             AdwEntryRow         *row)
{
  g_autoptr(ConsortAppraisal) copy = NULL;
  g_autofree char *text = NULL;
  char **field;
  const char *label;

  if (!is_editable (self))
    return;

  text = entry_text (row);
  copy = consort_appraisal_copy (current (self));

  if (*text == '\0')
    {
      set_error (GTK_WIDGET (row), self->title_error_row, self->title_error,
                 _("Enter a title for the appraisal"));
      return;
    }
  field = &copy->title;
  label = _("Change Title");

  if (g_strcmp0 (*field ? *field : "", text) == 0)
    {
      if (row == self->title_row)
        set_error (GTK_WIDGET (row), self->title_error_row, self->title_error, NULL);
      return;
    }

  g_free (*field);
  *field = *text ? g_steal_pointer (&text) : NULL;

  if (row == self->title_row)
    apply (self, copy, label, GTK_WIDGET (row), self->title_error_row, self->title_error);
  else
    apply (self, copy, label, NULL, NULL, NULL);
}

static void
commit_author (ConsortSettingsPage *self)
{
  g_autoptr(ConsortAppraisal) copy = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (!is_editable (self))
    return;

  buffer = gtk_text_view_get_buffer (self->author_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  /* Pasted line breaks would only show up oddly on the title page. */
  g_strdelimit (text, "\r\n", ' ');

  if (g_strcmp0 (current (self)->author ? current (self)->author : "", text) == 0)
    return;

  copy = consort_appraisal_copy (current (self));
  g_free (copy->author);
  copy->author = *text ? g_steal_pointer (&text) : NULL;
  apply (self, copy, _("Change Author"), NULL, NULL, NULL);
}

static gboolean
author_key_pressed_cb (ConsortSettingsPage   *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return FALSE;
  commit_author (self);
  return TRUE;
}

static void
title_changed_cb (ConsortSettingsPage *self)
{
  g_autofree char *text = entry_text (self->title_row);

  if (self->refreshing)
    return;
  set_error (GTK_WIDGET (self->title_row), self->title_error_row, self->title_error,
             *text ? NULL : _("Enter a title for the appraisal"));
}

static void
commit_description (ConsortSettingsPage *self)
{
  g_autoptr(ConsortAppraisal) copy = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (!is_editable (self))
    return;

  buffer = gtk_text_view_get_buffer (self->description_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));

  if (g_strcmp0 (current (self)->description ? current (self)->description : "", text) == 0)
    return;

  copy = consort_appraisal_copy (current (self));
  g_free (copy->description);
  copy->description = *text ? g_steal_pointer (&text) : NULL;
  apply (self, copy, _("Change Description"), NULL, NULL, NULL);
}

/* Point of view and horizon */

static void
perspective_selected_cb (ConsortSettingsPage *self)
{
  g_autoptr(ConsortAppraisal) copy = NULL;
  guint selected = adw_combo_row_get_selected (self->perspective_row);
  const char *id;

  if (!is_editable (self) || selected >= self->perspective_ids->len)
    return;

  id = g_ptr_array_index (self->perspective_ids, selected);
  if (g_strcmp0 (id, current (self)->perspective) == 0)
    return;

  copy = consort_appraisal_copy (current (self));
  g_free (copy->perspective);
  copy->perspective = g_strdup (id);
  apply (self, copy, _("Change Point of View"), NULL, NULL, NULL);
}

static gboolean
first_year_output_cb (ConsortSettingsPage *self,
                      GtkSpinButton       *spin)
{
  g_autofree char *label = consort_fy_label ((int) gtk_spin_button_get_value (spin), '/');

  if (g_strcmp0 (label, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), label);

  return TRUE;
}

static int
first_year_input_cb (ConsortSettingsPage *self,
                     double              *new_value,
                     GtkSpinButton       *spin)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  guint64 year;
  char digits[5];

  /* "2010/11", "2010-11" or "2010": the calendar year it starts in. */
  while (*text == ' ')
    text++;
  if (strlen (text) < 4)
    return GTK_INPUT_ERROR;
  memcpy (digits, text, 4);
  digits[4] = '\0';
  if (!g_ascii_string_to_unsigned (digits, 10, 1000, 9999, &year, NULL))
    return GTK_INPUT_ERROR;

  *new_value = (double) year;
  return TRUE;
}

/* Horizon changes.  Years outside the horizon are invalid, so a bare
 * change of the first year or a shorter horizon would only be refused
 * with a validation error.  Instead, say what the change means and make
 * it whole, in one edit (one undo). */

static void
clear_pending (ConsortSettingsPage *self)
{
  g_clear_pointer (&self->pending_move, consort_appraisal_unref);
  g_clear_pointer (&self->pending_fit, consort_appraisal_unref);
  g_clear_pointer (&self->pending_label, g_free);
}

static void
horizon_response_cb (ConsortSettingsPage *self,
                     const char          *response)
{
  g_autoptr(ConsortAppraisal) move = g_steal_pointer (&self->pending_move);
  g_autoptr(ConsortAppraisal) fit = g_steal_pointer (&self->pending_fit);
  g_autofree char *label = g_steal_pointer (&self->pending_label);
  ConsortAppraisal *chosen = NULL;

  if (g_strcmp0 (response, "move") == 0)
    chosen = move;
  else if (g_strcmp0 (response, "fit") == 0)
    chosen = fit;

  if (chosen && is_editable (self))
    apply (self, chosen, g_strcmp0 (response, "move") == 0 ? _("Move Appraisal") : label,
           NULL, NULL, NULL);
  /* Shows the document as it is now (the spin buttons after Cancel). */
  refresh (self);
}

static AdwMessageDialog *
new_horizon_dialog (ConsortSettingsPage *self,
                    const char          *heading,
                    const char          *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, body);

  gtk_widget_set_name (dialog, "horizon-dialog");
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (horizon_response_cb), self, G_CONNECT_SWAPPED);
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
show_refusal (ConsortSettingsPage *self,
              const char          *heading,
              const char          *message)
{
  AdwMessageDialog *dialog = new_horizon_dialog (self, heading, message);

  adw_message_dialog_set_response_label (dialog, "cancel", _("_OK"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "2013/14" or "2013/14 to 2015/16" */
static char *
years_text (int first,
            int last)
{
  g_autofree char *a = consort_fy_label (first, '/');
  g_autofree char *b = consort_fy_label (last, '/');

  if (first == last)
    return g_steal_pointer (&a);
  /* Translators: a range of financial years */
  return g_strdup_printf (_("%s to %s"), a, b);
}

/* What fitting the items into first..first+years-1 removes, in words;
 * NULL where nothing goes. */
static char *
describe_removals (const ConsortAppraisal *appraisal,
                   int                     first,
                   int                     years,
                   GPtrArray              *changes)
{
  guint n = consort_appraisal_count_outside (appraisal, first, years);
  int last = first + years - 1;
  int old_last = appraisal->first_year + appraisal->years - 1;
  g_autoptr(GString) text = g_string_new (NULL);

  if (n > 0)
    {
      g_autofree char *dropped = NULL;

      if (first > appraisal->first_year && last >= old_last)
        dropped = years_text (appraisal->first_year, first - 1);
      else if (first <= appraisal->first_year && last < old_last)
        dropped = years_text (last + 1, old_last);
      else
        /* Translators: years dropped at both ends of the horizon */
        dropped = g_strdup (_("years outside the new horizon"));

      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u item has figures in %s, which will be removed.",
                                           "%u items have figures in %s, which will be removed.", n),
                              n, dropped);
    }
  for (guint i = 0; changes && i < changes->len; i++)
    {
      if (text->len)
        g_string_append_c (text, '\n');
      g_string_append (text, g_ptr_array_index (changes, i));
    }

  return text->len ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static gboolean
has_dated_items (const ConsortAppraisal *appraisal)
{
  for (guint i = 0; i < appraisal->options->len; i++)
    {
      const ConsortOption *option = g_ptr_array_index (appraisal->options, i);

      if (option->participants->len || option->savings->len || option->costs->len)
        return TRUE;
    }
  return FALSE;
}

static void
first_year_changed_cb (ConsortSettingsPage *self)
{
  const ConsortAppraisal *appraisal;
  g_autoptr(ConsortAppraisal) move = NULL;
  g_autoptr(ConsortAppraisal) fit = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *fy = NULL, *heading = NULL, *body = NULL, *removals = NULL;
  AdwMessageDialog *dialog;
  int year = gtk_spin_button_get_value_as_int (self->first_year_spin);
  int delta;

  if (!is_editable (self) || year == current (self)->first_year || self->pending_label)
    return;

  appraisal = current (self);
  delta = year - appraisal->first_year;
  move = consort_appraisal_copy (appraisal);
  consort_appraisal_shift_years (move, delta);

  /* Nothing dated yet: the horizon alone moves. */
  if (!has_dated_items (appraisal))
    {
      apply (self, move, _("Change First Financial Year"), NULL, NULL, NULL);
      return;
    }

  fy = consort_fy_label (year, '/');
  /* Translators: %s is a financial year such as 2011/12 */
  heading = g_strdup_printf (_("Start the Appraisal in %s?"), fy);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Move everything moves every joining year, saving and cost by %d year too, so the figures stay as they are.",
                                       "Move everything moves every joining year, saving and cost by %d years too, so the figures stay as they are.",
                                       ABS (delta)),
                          ABS (delta));

  fit = consort_appraisal_copy (appraisal);
  if (consort_appraisal_fit_horizon (fit, year, appraisal->years, changes, &error))
    {
      removals = describe_removals (appraisal, year, appraisal->years, changes);
      if (removals)
        {
          g_autofree char *both = g_strdup_printf ("%s\n\n%s %s", body,
                                                   _("Keeping the items’ years instead:"), removals);
          g_free (body);
          body = g_steal_pointer (&both);
        }
    }
  else
    g_clear_pointer (&fit, consort_appraisal_unref);

  clear_pending (self);
  self->pending_move = g_steal_pointer (&move);
  self->pending_fit = g_steal_pointer (&fit);
  self->pending_label = g_strdup (_("Change First Financial Year"));

  dialog = new_horizon_dialog (self, heading, body);
  adw_message_dialog_add_response (dialog, "fit", _("_Keep Items’ Years"));
  adw_message_dialog_set_response_enabled (dialog, "fit", self->pending_fit != NULL);
  adw_message_dialog_add_response (dialog, "move", _("_Move Everything"));
  adw_message_dialog_set_response_appearance (dialog, "move", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "move");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
years_changed_cb (ConsortSettingsPage *self)
{
  const ConsortAppraisal *appraisal;
  g_autoptr(ConsortAppraisal) copy = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL, *body = NULL;
  AdwMessageDialog *dialog;
  int years = gtk_spin_button_get_value_as_int (self->years_spin);

  if (!is_editable (self) || years == current (self)->years || self->pending_label)
    return;

  appraisal = current (self);
  copy = consort_appraisal_copy (appraisal);

  if (years > appraisal->years)
    {
      copy->years = years;
      apply (self, copy, _("Change Number of Years"), NULL, NULL, NULL);
      return;
    }

  if (!consort_appraisal_fit_horizon (copy, appraisal->first_year, years, changes, &error))
    {
      show_refusal (self, _("The Horizon Cannot Be Shortened"), error->message);
      refresh (self);
      return;
    }

  body = describe_removals (appraisal, appraisal->first_year, years, changes);
  if (body == NULL)
    {
      apply (self, copy, _("Change Number of Years"), NULL, NULL, NULL);
      return;
    }

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Shorten to %d Year?", "Shorten to %d Years?", years),
                             years);
  clear_pending (self);
  self->pending_fit = g_steal_pointer (&copy);
  self->pending_label = g_strdup (_("Change Number of Years"));

  dialog = new_horizon_dialog (self, heading, body);
  adw_message_dialog_add_response (dialog, "fit", _("_Shorten"));
  adw_message_dialog_set_response_appearance (dialog, "fit", ADW_RESPONSE_DESTRUCTIVE);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Discount rate */

static void
discount_changed_cb (ConsortSettingsPage *self)
{
  g_autofree char *message = NULL;
  ConsortMicros rate;

  if (self->refreshing)
    return;

  parse_rate (gtk_editable_get_text (GTK_EDITABLE (self->discount_row)), &rate, &message);
  set_error (GTK_WIDGET (self->discount_row), self->discount_error_row, self->discount_error, message);
}

static void
commit_discount (ConsortSettingsPage *self)
{
  g_autoptr(ConsortAppraisal) copy = NULL;
  g_autofree char *message = NULL;
  ConsortMicros rate;

  if (!is_editable (self))
    return;

  if (!parse_rate (gtk_editable_get_text (GTK_EDITABLE (self->discount_row)), &rate, &message))
    {
      set_error (GTK_WIDGET (self->discount_row), self->discount_error_row, self->discount_error, message);
      return;
    }

  if (rate == current (self)->discount_rate)
    {
      /* Typed back to the saved value: nothing to apply, nothing wrong. */
      set_error (GTK_WIDGET (self->discount_row), self->discount_error_row, self->discount_error, NULL);
      return;
    }

  copy = consort_appraisal_copy (current (self));
  copy->discount_rate = rate;
  apply (self, copy, _("Change Discount Rate"),
         GTK_WIDGET (self->discount_row), self->discount_error_row, self->discount_error);
}

/* Escape in a rate field puts back the saved value and clears the error. */
static void
restore_discount (ConsortSettingsPage *self)
{
  g_autofree char *text = NULL;

  if (!self->document)
    return;
  text = format_rate (current (self)->discount_rate);
  self->refreshing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->discount_row), text);
  self->refreshing = FALSE;
  set_error (GTK_WIDGET (self->discount_row), self->discount_error_row, self->discount_error, NULL);
}

static gboolean
discount_key_pressed_cb (ConsortSettingsPage   *self,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         GtkEventControllerKey *controller)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  restore_discount (self);
  return TRUE;
}

/* Default rates table */

static void
show_rates_error (ConsortSettingsPage *self,
                  GtkWidget           *widget,
                  const char          *message)
{
  if (widget)
    {
      if (message)
        gtk_widget_add_css_class (widget, "error");
      else
        gtk_widget_remove_css_class (widget, "error");
    }
  gtk_label_set_text (self->rates_error, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->rates_error), message != NULL);
}

static void
commit_rate_row (RateRow *row)
{
  ConsortSettingsPage *self = row->page;
  g_autoptr(ConsortAppraisal) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *model = NULL;
  g_autofree char *message = NULL;
  ConsortDefaultRate *rate;
  ConsortMicros value;
  int min_partners;

  if (!is_editable (self) || row->index >= current (self)->default_rates->len)
    return;

  {
    guint selected = gtk_drop_down_get_selected (row->model);

    if (selected >= row->model_slugs->len)
      return;
    model = g_strdup (g_ptr_array_index (row->model_slugs, selected));
  }

  if (!parse_rate (gtk_editable_get_text (row->rate), &value, &message))
    {
      show_rates_error (self, GTK_WIDGET (row->rate), message);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row->rate), "error");

  min_partners = gtk_spin_button_get_value_as_int (row->min_partners);
  rate = g_ptr_array_index (current (self)->default_rates, row->index);
  if (g_strcmp0 (rate->model, model) == 0 && rate->min_partners == min_partners && rate->rate == value)
    {
      show_rates_error (self, NULL, NULL);
      return;
    }

  copy = consort_appraisal_copy (current (self));
  rate = g_ptr_array_index (copy->default_rates, row->index);
  g_free (rate->model);
  rate->model = g_steal_pointer (&model);
  rate->min_partners = min_partners;
  rate->rate = value;

  if (!consort_document_apply (self->document, copy, _("Change Default Rate"), &error))
    {
      g_autofree char *described = consort_appraisal_describe_error (copy, error);

      show_rates_error (self, NULL, described);
    }
  else
    show_rates_error (self, NULL, NULL);
}

static void
rate_text_changed_cb (RateRow *row)
{
  g_autofree char *message = NULL;
  ConsortMicros value;

  if (row->page->refreshing)
    return;

  if (parse_rate (gtk_editable_get_text (row->rate), &value, &message))
    show_rates_error (row->page, GTK_WIDGET (row->rate), NULL);
  else
    show_rates_error (row->page, GTK_WIDGET (row->rate), message);
}

/* Escape in a default rate puts back the saved rate, as for the discount
 * rate. */
static gboolean
rate_key_pressed_cb (RateRow               *row,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  ConsortSettingsPage *self = row->page;
  g_autofree char *text = NULL;

  if (keyval != GDK_KEY_Escape || !self->document || row->index >= current (self)->default_rates->len)
    return FALSE;
  text = format_rate (((ConsortDefaultRate *) g_ptr_array_index (current (self)->default_rates, row->index))->rate);
  self->refreshing = TRUE;
  gtk_editable_set_text (row->rate, text);
  self->refreshing = FALSE;
  show_rates_error (self, GTK_WIDGET (row->rate), NULL);
  return TRUE;
}

static void
delete_rate_cb (RateRow *row)
{
  ConsortSettingsPage *self = row->page;
  g_autoptr(ConsortAppraisal) copy = NULL;

  if (!is_editable (self) || row->index >= current (self)->default_rates->len)
    return;

  copy = consort_appraisal_copy (current (self));
  g_ptr_array_remove_index (copy->default_rates, row->index);
  apply (self, copy, _("Remove Default Rate"), NULL, NULL, NULL);
}

static void
consort_settings_page_add_rate (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  ConsortSettingsPage *self = CONSORT_SETTINGS_PAGE (widget);
  g_autoptr(ConsortAppraisal) copy = NULL;
  const char *model = "shared_service";
  ConsortMicros rate = 30000;
  int min_partners = 1;

  if (!is_editable (self))
    return;

  copy = consort_appraisal_copy (current (self));

  /* Continue the last model's ladder: one more partner, same rate. */
  if (copy->default_rates->len > 0)
    {
      const ConsortDefaultRate *last = g_ptr_array_index (copy->default_rates, copy->default_rates->len - 1);

      model = last->model;
      rate = last->rate;
      for (guint i = 0; i < copy->default_rates->len; i++)
        {
          const ConsortDefaultRate *r = g_ptr_array_index (copy->default_rates, i);

          if (g_strcmp0 (r->model, model) == 0)
            min_partners = MAX (min_partners, r->min_partners + 1);
        }
    }

  g_ptr_array_add (copy->default_rates, consort_default_rate_new (model, min_partners, rate));
  apply (self, copy, _("Add Default Rate"), NULL, NULL, NULL);
}

static GtkWidget *
new_heading (const char   *text,
             gboolean      expand,
             GtkSizeGroup *column)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, expand);
  if (column)
    gtk_size_group_add_widget (column, label);
  gtk_widget_add_css_class (label, "consort-table-heading");

  return label;
}

static GtkWidget *
new_rate_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  return box;
}

static void
add_rates_heading (ConsortSettingsPage *self)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = new_rate_box ();
  GtkWidget *spacer = gtk_label_new (NULL);

  gtk_box_append (GTK_BOX (box), new_heading (_("Delivery model"), TRUE, NULL));
  gtk_box_append (GTK_BOX (box), new_heading (_("From partners"), FALSE, self->columns[0]));
  gtk_box_append (GTK_BOX (box), new_heading (_("Rate"), FALSE, self->columns[1]));
  gtk_size_group_add_widget (self->columns[2], spacer);
  gtk_box_append (GTK_BOX (box), spacer);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_can_focus (row, FALSE);
  gtk_list_box_append (self->rates_list, row);
}

static void
rate_row_free (RateRow *row)
{
  g_clear_pointer (&row->model_slugs, g_ptr_array_unref);
  g_free (row);
}

/* Fills @row's drop-down with the known models and @model, if unknown. */
static void
set_rate_row_model (RateRow    *row,
                    const char *model)
{
  const char * const *known = consort_known_models ();
  gboolean same = TRUE;
  guint n = 0, selected = 0;

  for (const char * const *m = known; *m; m++)
    n++;
  if (model && !g_strv_contains (known, model))
    n++;
  same = row->model_slugs->len == n;
  for (guint i = 0; same && known[i]; i++)
    same = g_strcmp0 (g_ptr_array_index (row->model_slugs, i), known[i]) == 0;
  if (same && n > g_strv_length ((char **) known))
    same = g_strcmp0 (g_ptr_array_index (row->model_slugs, n - 1), model) == 0;

  if (!same)
    {
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

      g_ptr_array_set_size (row->model_slugs, 0);
      for (const char * const *m = known; *m; m++)
        {
          g_ptr_array_add (row->model_slugs, g_strdup (*m));
          gtk_string_list_append (names, consort_model_describe (*m));
        }
      if (model && !g_strv_contains (known, model))
        {
          g_ptr_array_add (row->model_slugs, g_strdup (model));
          gtk_string_list_append (names, consort_model_describe (model));
        }
      gtk_drop_down_set_model (row->model, G_LIST_MODEL (names));
    }

  for (guint i = 0; i < row->model_slugs->len; i++)
    if (g_strcmp0 (g_ptr_array_index (row->model_slugs, i), model) == 0)
      selected = i;
  if (gtk_drop_down_get_selected (row->model) != selected)
    gtk_drop_down_set_selected (row->model, selected);
}

static void
rate_row_focus_left_cb (RateRow *row)
{
  commit_rate_row (row);
}

static RateRow *
add_rate_row (ConsortSettingsPage *self,
              guint                index)
{
  RateRow *row = g_new0 (RateRow, 1);
  GtkWidget *list_row = gtk_list_box_row_new ();
  GtkWidget *box = new_rate_box ();
  GtkWidget *model, *spin, *rate;
  GtkEventController *focus;
  g_autofree char *name = NULL;

  row->page = self;
  row->index = index;

  /* Known models by name: a slug typed by hand was an easy mistake. */
  row->model_slugs = g_ptr_array_new_with_free_func (g_free);
  model = gtk_drop_down_new (G_LIST_MODEL (gtk_string_list_new (NULL)), NULL);
  gtk_widget_set_hexpand (model, TRUE);
  gtk_widget_set_valign (model, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (model), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Delivery model"), -1);
  name = g_strdup_printf ("rate-model-%u", index);
  gtk_widget_set_name (model, name);
  row->model = GTK_DROP_DOWN (model);

  spin = gtk_spin_button_new_with_range (1, 50, 1);
  gtk_size_group_add_widget (self->columns[0], spin);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("From partners"), -1);
  g_free (name);
  name = g_strdup_printf ("rate-partners-%u", index);
  gtk_widget_set_name (spin, name);
  row->min_partners = GTK_SPIN_BUTTON (spin);

  rate = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (rate), 6);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (rate), 6);
  gtk_size_group_add_widget (self->columns[1], rate);
  gtk_entry_set_alignment (GTK_ENTRY (rate), 1.0);
  gtk_widget_set_valign (rate, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (rate, "numeric");
  gtk_accessible_update_property (GTK_ACCESSIBLE (rate), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Rate"), -1);
  g_free (name);
  name = g_strdup_printf ("rate-rate-%u", index);
  gtk_widget_set_name (rate, name);
  row->rate = GTK_EDITABLE (rate);

  row->delete_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (row->delete_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (row->delete_button, _("Remove Rate"));
  gtk_widget_add_css_class (row->delete_button, "flat");
  gtk_size_group_add_widget (self->columns[2], row->delete_button);

  gtk_box_append (GTK_BOX (box), model);
  gtk_box_append (GTK_BOX (box), spin);
  gtk_box_append (GTK_BOX (box), rate);
  gtk_box_append (GTK_BOX (box), row->delete_button);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (list_row), FALSE);
  g_object_set_data_full (G_OBJECT (list_row), "rate-row", row, (GDestroyNotify) rate_row_free);
  gtk_list_box_append (self->rates_list, list_row);

  g_signal_connect_swapped (model, "notify::selected", G_CALLBACK (commit_rate_row), row);
  g_signal_connect_swapped (rate, "activate", G_CALLBACK (commit_rate_row), row);
  g_signal_connect_swapped (rate, "changed", G_CALLBACK (rate_text_changed_cb), row);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (rate_key_pressed_cb), row);
    gtk_widget_add_controller (rate, keys);
  }
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (commit_rate_row), row);
  g_signal_connect_swapped (row->delete_button, "clicked", G_CALLBACK (delete_rate_cb), row);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (rate_row_focus_left_cb), row);
  gtk_widget_add_controller (box, focus);

  g_ptr_array_add (self->rate_rows, row);

  return row;
}

static void
refresh_rates (ConsortSettingsPage    *self,
               const ConsortAppraisal *appraisal)
{
  gboolean editable = document_writable (self);

  if (self->rate_rows->len != appraisal->default_rates->len)
    {
      GtkWidget *child;

      g_ptr_array_set_size (self->rate_rows, 0);
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rates_list))))
        gtk_list_box_remove (self->rates_list, child);

      add_rates_heading (self);
      for (guint i = 0; i < appraisal->default_rates->len; i++)
        add_rate_row (self, i);
    }

  for (guint i = 0; i < self->rate_rows->len; i++)
    {
      RateRow *row = g_ptr_array_index (self->rate_rows, i);
      const ConsortDefaultRate *rate = g_ptr_array_index (appraisal->default_rates, i);
      g_autofree char *text = format_rate (rate->rate);

      set_rate_row_model (row, rate->model);
      gtk_widget_set_tooltip_text (GTK_WIDGET (row->model), consort_model_describe (rate->model));
      gtk_spin_button_set_value (row->min_partners, rate->min_partners);
      if (g_strcmp0 (gtk_editable_get_text (row->rate), text) != 0)
        gtk_editable_set_text (row->rate, text);
      gtk_widget_remove_css_class (GTK_WIDGET (row->model), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (row->rate), "error");

      gtk_widget_set_sensitive (GTK_WIDGET (row->model), editable);
      gtk_editable_set_editable (row->rate, editable);
      gtk_widget_set_sensitive (GTK_WIDGET (row->min_partners), editable);
      gtk_widget_set_sensitive (row->delete_button, editable);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->rates_list), self->rate_rows->len > 0);
  show_rates_error (self, NULL, NULL);
}

/* Showing the document */

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
refresh_perspective (ConsortSettingsPage    *self,
                     const ConsortAppraisal *appraisal)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;
  gboolean same = self->perspective_ids->len == appraisal->boroughs->len + 1;
  guint selected = 0;

  for (guint i = 0; same && i < appraisal->boroughs->len; i++)
    {
      const ConsortBorough *borough = g_ptr_array_index (appraisal->boroughs, i);
      const char *name = gtk_string_list_get_string (self->perspective_model, i + 1);

      same = g_strcmp0 (g_ptr_array_index (self->perspective_ids, i + 1), borough->id) == 0 &&
             g_strcmp0 (name, borough->name) == 0;
    }

  if (!same)
    {
      g_ptr_array_set_size (self->perspective_ids, 0);
      g_ptr_array_add (self->perspective_ids, NULL);
      g_strv_builder_add (names, _("The partnership"));
      for (guint i = 0; i < appraisal->boroughs->len; i++)
        {
          const ConsortBorough *borough = g_ptr_array_index (appraisal->boroughs, i);

          g_ptr_array_add (self->perspective_ids, g_strdup (borough->id));
          g_strv_builder_add (names, borough->name);
        }
      strv = g_strv_builder_end (names);
      gtk_string_list_splice (self->perspective_model, 0,
                              g_list_model_get_n_items (G_LIST_MODEL (self->perspective_model)),
                              (const char * const *) strv);
    }

  for (guint i = 1; i < self->perspective_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->perspective_ids, i), appraisal->perspective) == 0)
      selected = i;

  adw_combo_row_set_selected (self->perspective_row, selected);
}

static gboolean
resize_idle (gpointer data)
{
  gtk_widget_queue_resize (GTK_WIDGET (data));
  return G_SOURCE_REMOVE;
}

static void
refresh (ConsortSettingsPage *self)
{
  const ConsortAppraisal *appraisal;
  g_autofree char *rate = NULL;
  gboolean editable = document_writable (self);

  self->needs_refresh = FALSE;

  if (!self->document)
    return;

  self->refreshing = TRUE;

  appraisal = current (self);
  set_entry (self->title_row, appraisal->title);
  gtk_widget_set_visible (self->title_error_row, FALSE);
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
    GtkTextIter start, end;
    g_autofree char *shown = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    if (g_strcmp0 (shown, appraisal->description ? appraisal->description : "") != 0)
      gtk_text_buffer_set_text (buffer, appraisal->description ? appraisal->description : "", -1);
  }
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->author_view);
    GtkTextIter start, end;
    g_autofree char *shown = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    if (g_strcmp0 (shown, appraisal->author ? appraisal->author : "") != 0)
      {
        gtk_text_buffer_set_text (buffer, appraisal->author ? appraisal->author : "", -1);
        /* Set while the page is being mapped, the view would keep the
         * height of its old text: measure it again once mapped. */
        g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, resize_idle, g_object_ref (self->author_view), g_object_unref);
      }
  }
  refresh_perspective (self, appraisal);
  gtk_spin_button_set_value (self->first_year_spin, appraisal->first_year);
  gtk_spin_button_set_value (self->years_spin, appraisal->years);
  rate = format_rate (appraisal->discount_rate);
  set_entry (self->discount_row, rate);
  gtk_widget_set_visible (self->discount_error_row, FALSE);
  refresh_rates (self, appraisal);

  gtk_editable_set_editable (GTK_EDITABLE (self->title_row), editable);
  gtk_text_view_set_editable (self->description_view, editable);
  gtk_text_view_set_cursor_visible (self->description_view, editable);
  gtk_text_view_set_editable (self->author_view, editable);
  gtk_text_view_set_cursor_visible (self->author_view, editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->discount_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->perspective_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->first_year_spin), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->years_spin), editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.add-rate", editable);

  self->refreshing = FALSE;
}

static void
document_changed_cb (ConsortSettingsPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
  else
    self->needs_refresh = TRUE;
}

void
consort_settings_page_set_document (ConsortSettingsPage *self,
                                    ConsortDocument     *document)
{
  g_return_if_fail (CONSORT_IS_SETTINGS_PAGE (self));
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
      document_changed_cb (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

static void
text_row_activated_cb (ConsortSettingsPage *self,
                       AdwEntryRow         *row)
{
  if (row == self->discount_row)
    commit_discount (self);
  else
    commit_text (self, row);
}

static void
text_row_focus_left_cb (ConsortSettingsPage *self,
                        GtkEventController  *focus)
{
  text_row_activated_cb (self, ADW_ENTRY_ROW (gtk_event_controller_get_widget (focus)));
}

static void
watch_entry_row (ConsortSettingsPage *self,
                 AdwEntryRow         *row)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect_object (row, "entry-activated", G_CALLBACK (text_row_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (focus, "leave", G_CALLBACK (text_row_focus_left_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (row), focus);
}

static void
consort_settings_page_map (GtkWidget *widget)
{
  ConsortSettingsPage *self = CONSORT_SETTINGS_PAGE (widget);

  GTK_WIDGET_CLASS (consort_settings_page_parent_class)->map (widget);

  if (self->needs_refresh)
    refresh (self);
}

static void
consort_settings_page_dispose (GObject *object)
{
  ConsortSettingsPage *self = CONSORT_SETTINGS_PAGE (object);

  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONSORT_TYPE_SETTINGS_PAGE);

  G_OBJECT_CLASS (consort_settings_page_parent_class)->dispose (object);
}

static void
consort_settings_page_finalize (GObject *object)
{
  ConsortSettingsPage *self = CONSORT_SETTINGS_PAGE (object);

  clear_pending (self);
  g_clear_pointer (&self->perspective_ids, g_ptr_array_unref);
  g_clear_pointer (&self->rate_rows, g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->columns); i++)
    g_clear_object (&self->columns[i]);

  G_OBJECT_CLASS (consort_settings_page_parent_class)->finalize (object);
}

static void
consort_settings_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ConsortSettingsPage *self = CONSORT_SETTINGS_PAGE (object);

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
consort_settings_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ConsortSettingsPage *self = CONSORT_SETTINGS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      consort_settings_page_set_document (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consort_settings_page_class_init (ConsortSettingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = consort_settings_page_dispose;
  object_class->finalize = consort_settings_page_finalize;
  object_class->get_property = consort_settings_page_get_property;
  object_class->set_property = consort_settings_page_set_property;

  widget_class->map = consort_settings_page_map;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CONSORT_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/consortapp/Consort/consort-settings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConsortSettingsPage, title_row);
  gtk_widget_class_bind_template_child (widget_class, ConsortSettingsPage, title_error_row);
  gtk_widget_class_bind_template_child (widget_class, ConsortSettingsPage, title_error);
  gtk_widget_class_bind_template_child (widget_class, ConsortSettingsPage, description_view);
  gtk_widget_class_bind_template_child (widget_class, ConsortSettingsPage, author_view);
  gtk_widget_class_bind_template_child (widget_class, ConsortSettingsPage, perspective_row);
  gtk_widget_class_bind_template_child (widget_class, ConsortSettingsPage, perspective_model);
  gtk_widget_class_bind_template_child (widget_class, ConsortSettingsPage, first_year_spin);
  gtk_widget_class_bind_template_child (widget_class, ConsortSettingsPage, years_spin);
  gtk_widget_class_bind_template_child (widget_class, ConsortSettingsPage, discount_row);
  gtk_widget_class_bind_template_child (widget_class, ConsortSettingsPage, discount_error_row);
  gtk_widget_class_bind_template_child (widget_class, ConsortSettingsPage, discount_error);
  gtk_widget_class_bind_template_child (widget_class, ConsortSettingsPage, rates_list);
  gtk_widget_class_bind_template_child (widget_class, ConsortSettingsPage, rates_error);
  gtk_widget_class_bind_template_callback (widget_class, first_year_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, first_year_input_cb);

  gtk_widget_class_install_action (widget_class, "settings.add-rate", NULL, consort_settings_page_add_rate);
}

static void
consort_settings_page_init (ConsortSettingsPage *self)
{
  self->perspective_ids = g_ptr_array_new_with_free_func (g_free);
  self->rate_rows = g_ptr_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (self->columns); i++)
    self->columns[i] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.add-rate", FALSE);

  watch_entry_row (self, self->title_row);
  {
    GtkEventController *focus = gtk_event_controller_focus_new ();

    g_signal_connect_object (focus, "leave", G_CALLBACK (commit_description), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->description_view), focus);
  }
  {
    GtkEventController *focus = gtk_event_controller_focus_new ();
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect_object (focus, "leave", G_CALLBACK (commit_author), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->author_view), focus);
    /* One line of text, though wrapped: Enter applies it. */
    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect_object (keys, "key-pressed", G_CALLBACK (author_key_pressed_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->author_view), keys);
  }
  watch_entry_row (self, self->discount_row);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect_object (keys, "key-pressed", G_CALLBACK (discount_key_pressed_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->discount_row), keys);
  }
  g_signal_connect_object (self->title_row, "changed", G_CALLBACK (title_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->discount_row, "changed", G_CALLBACK (discount_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->perspective_row, "notify::selected", G_CALLBACK (perspective_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->first_year_spin, "value-changed", G_CALLBACK (first_year_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->years_spin, "value-changed", G_CALLBACK (years_changed_cb), self, G_CONNECT_SWAPPED);
}
