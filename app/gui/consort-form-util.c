/* consort-form-util.c: small helpers shared by the editing forms.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "consort-form-util.h"

#include <glib/gi18n.h>
#include <string.h>

void
consort_form_toast (GtkWidget  *widget,
                    const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (text == NULL || *text == '\0')
    return;
  /* Without a window (unit tests, a page not yet in one) the action is
   * missing; the message is still logged for whoever runs it. */
  if (!gtk_widget_activate_action (widget, "win.toast", "s", text))
    g_debug ("toast: %s", text);
}

void
consort_form_toast_undo (GtkWidget  *widget,
                         const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (text == NULL || *text == '\0')
    return;
  /* With Undo (win.undo) on the toast; a window without it gets the
   * plain toast. */
  if (!gtk_widget_activate_action (widget, "win.toast-undo", "s", text))
    consort_form_toast (widget, text);
}

gboolean
consort_form_apply (GtkWidget         *widget,
                    ConsortDocument   *document,
                    ConsortAppraisal  *copy,
                    const char        *label,
                    char             **error_out)
{
  g_autoptr(ConsortAppraisal) owned = copy;
  g_autoptr(GError) error = NULL;

  if (document == NULL)
    return FALSE;

  if (consort_document_get_read_only (document))
    {
      const char *reason = consort_document_get_read_only_reason (document);
      g_autofree char *msg = g_strdup_printf (_("This appraisal is read-only: %s"),
                                              reason ? reason : _("it cannot be changed"));
      if (error_out)
        *error_out = g_steal_pointer (&msg);
      else
        consort_form_toast (widget, msg);
      return FALSE;
    }

  if (!consort_document_apply (document, owned, label, &error))
    {
      /* Named as on screen ("Option 2, savings item 2 (…)"), not as
       * in the interchange file. */
      g_autofree char *described = consort_appraisal_describe_error (owned, error);
      g_autofree char *msg = g_strdup_printf (_("Could not save the change: %s"), described);
      if (error_out)
        *error_out = g_steal_pointer (&msg);
      else
        consort_form_toast (widget, msg);
      return FALSE;
    }

  return TRUE;
}

gboolean
consort_form_writable (ConsortDocument *document)
{
  return document != NULL && !consort_document_get_read_only (document);
}

void
consort_form_editor_set_read_only (GtkWindow      *editor,
                                   AdwWindowTitle *title,
                                   const char     *heading,
                                   GtkWidget      *cancel_button,
                                   GtkWidget      *save_button,
                                   GtkWidget      *fields)
{
  g_return_if_fail (GTK_IS_WINDOW (editor));

  adw_window_title_set_title (title, heading);
  gtk_window_set_title (editor, heading);
  gtk_widget_set_sensitive (fields, FALSE);
  gtk_widget_set_visible (save_button, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (editor), "editor.save", FALSE);
  gtk_window_set_default_widget (editor, cancel_button);
  gtk_button_set_label (GTK_BUTTON (cancel_button), _("_Close"));
}

void
consort_form_set_error (GtkWidget  *widget,
                        const char *message)
{
  if (message != NULL)
    {
      gtk_widget_add_css_class (widget, "error");
      gtk_widget_set_tooltip_text (widget, message);
    }
  else
    {
      gtk_widget_remove_css_class (widget, "error");
      gtk_widget_set_tooltip_text (widget, NULL);
    }
}

GtkStringList *
consort_form_fy_model (const ConsortAppraisal *appraisal)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (int i = 0; appraisal && i < appraisal->years; i++)
    {
      g_autofree char *label = consort_fy_label (appraisal->first_year + i, '/');
      gtk_string_list_append (list, label);
    }
  return list;
}

static int
partners_in_year (const ConsortOption *option,
                  int                  year)
{
  int n = 0;

  for (guint i = 0; i < option->participants->len; i++)
    {
      const ConsortParticipant *p = g_ptr_array_index (option->participants, i);
      if (p->from_year <= year)
        n++;
    }
  return n;
}

static ConsortKind
kind_for (int partners)
{
  if (partners <= 0)
    return CONSORT_KIND_NONE;
  if (partners == 1)
    return CONSORT_KIND_SINGLE;
  if (partners == 2)
    return CONSORT_KIND_TWO_BOROUGH;
  return CONSORT_KIND_ALLIANCE;
}

static const char *
kind_phrase (ConsortKind kind)
{
  switch (kind)
    {
    case CONSORT_KIND_SINGLE: return _("single borough");
    case CONSORT_KIND_TWO_BOROUGH: return _("two-borough");
    case CONSORT_KIND_ALLIANCE: return _("alliance");
    case CONSORT_KIND_NONE:
    default: return _("nobody taking part");
    }
}

char *
consort_form_describe_kinds (const ConsortAppraisal *appraisal,
                             const ConsortOption    *option)
{
  GString *s = g_string_new (NULL);
  ConsortKind last = CONSORT_KIND_NONE;
  gboolean first = TRUE;

  if (option->participants->len == 0)
    return g_strdup (_("No participants yet"));

  for (int i = 0; i < appraisal->years; i++)
    {
      int year = appraisal->first_year + i;
      ConsortKind kind = kind_for (partners_in_year (option, year));
      g_autofree char *fy = NULL;

      if (kind == last && !first)
        continue;
      if (kind == CONSORT_KIND_NONE && first)
        {
          last = kind;
          first = FALSE;
          continue;
        }
      fy = consort_fy_label (year, '/');
      if (s->len == 0)
        {
          g_autofree char *phrase = g_strdup (kind_phrase (kind));
          phrase[0] = g_ascii_toupper (phrase[0]);
          g_string_append_printf (s, _("%s from %s"), phrase, fy);
        }
      else
        g_string_append_printf (s, _(", %s from %s"), kind_phrase (kind), fy);
      last = kind;
      first = FALSE;
    }

  if (s->len == 0)
    g_string_append (s, _("Nobody takes part within the horizon"));
  return g_string_free (s, FALSE);
}

gboolean
consort_form_parse_money (const char   *text,
                          gboolean      empty_is_zero,
                          ConsortMoney *out)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  if (*stripped == '\0')
    {
      if (!empty_is_zero)
        return FALSE;
      *out = 0;
      return TRUE;
    }
  return consort_money_parse (stripped, out);
}

gboolean
consort_form_parse_decimal (const char    *text,
                            ConsortMicros *out)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  if (*stripped == '\0' || strchr (stripped, '%') != NULL)
    return FALSE;
  return consort_micros_parse_rate (stripped, TRUE, out);
}

char *
consort_form_format_decimal (ConsortMicros micros)
{
  return consort_micros_to_decimal (micros);
}

char *
consort_form_format_percent (ConsortMicros micros)
{
  /* percent = micros / 10^4, shortest exact decimal */
  g_autofree char *dec = consort_micros_to_decimal (micros * 100);
  return g_strdup_printf ("%s%%", dec);
}

char *
consort_form_format_money (ConsortMoney money)
{
  if (money % CONSORT_PENCE_PER_POUND != 0)
    return consort_money_format (money, CONSORT_MONEY_FORMAT_PENCE | CONSORT_MONEY_FORMAT_MINUS);
  return consort_money_format (money, CONSORT_MONEY_FORMAT_MINUS);
}

GArray *
consort_form_parse_phasing (const char  *text,
                            char       **error_message)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (ConsortMicros));
  g_auto(GStrv) parts = NULL;

  parts = g_strsplit_set (text ? text : "", ",;", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (parts[i]));
      ConsortMicros v;

      if (*part == '\0')
        {
          if (parts[i + 1] == NULL && i > 0)
            break;   /* a trailing comma */
          if (i == 0 && parts[1] == NULL)
            break;   /* empty text: no phasing */
          *error_message = g_strdup_printf (_("Phasing: year %u is empty"), i + 1);
          return NULL;
        }
      if (!consort_micros_parse_rate (part, FALSE, &v))
        {
          *error_message = g_strdup_printf (_("Phasing: “%s” is not a percentage from 0%% to 100%%"), part);
          return NULL;
        }
      g_array_append_val (values, v);
    }
  return g_steal_pointer (&values);
}

char *
consort_form_format_phasing (const GArray *phasing)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; phasing && i < phasing->len; i++)
    {
      g_autofree char *p = consort_form_format_percent (g_array_index (phasing, ConsortMicros, i));
      if (i > 0)
        g_string_append (s, ", ");
      g_string_append (s, p);
    }
  return g_string_free (s, FALSE);
}

static int
compare_rates (gconstpointer a, gconstpointer b)
{
  const ConsortDefaultRate *ra = *(ConsortDefaultRate * const *) a;
  const ConsortDefaultRate *rb = *(ConsortDefaultRate * const *) b;
  return ra->min_partners - rb->min_partners;
}

char *
consort_form_default_rate_hint (const ConsortAppraisal *appraisal,
                                const char             *model)
{
  g_autoptr(GPtrArray) rates = g_ptr_array_new ();
  GString *s;

  for (guint i = 0; model && i < appraisal->default_rates->len; i++)
    {
      ConsortDefaultRate *r = g_ptr_array_index (appraisal->default_rates, i);
      if (g_strcmp0 (r->model, model) == 0)
        g_ptr_array_add (rates, r);
    }
  if (rates->len == 0)
    return g_strdup (_("No default rate for this delivery model: give a rate"));

  g_ptr_array_sort (rates, compare_rates);
  s = g_string_new (_("Default: "));
  for (guint i = 0; i < rates->len; i++)
    {
      ConsortDefaultRate *r = g_ptr_array_index (rates, i);
      g_autofree char *pct = consort_form_format_percent (r->rate);

      if (i > 0)
        g_string_append (s, ", ");
      if (i + 1 == rates->len)
        {
          if (r->min_partners <= 1)
            g_string_append_printf (s, _("%s"), pct);
          else if (i == 0)
            /* Translators: a default rate, "3% with 2 partners or more" */
            g_string_append_printf (s, ngettext ("%s with %d partner or more", "%s with %d partners or more",
                                                 r->min_partners), pct, r->min_partners);
          else
            /* Translators: a default rate after another, "4% with 3 or more" */
            g_string_append_printf (s, ngettext ("%s with %d or more", "%s with %d or more", r->min_partners),
                                    pct, r->min_partners);
        }
      else
        {
          ConsortDefaultRate *next = g_ptr_array_index (rates, i + 1);
          if (next->min_partners == r->min_partners + 1)
            g_string_append_printf (s, ngettext ("%s with %d partner", "%s with %d partners", r->min_partners),
                                    pct, r->min_partners);
          else
            /* Translators: "3% with 2 to 4 partners"; the plural follows the second number */
            g_string_append_printf (s, ngettext ("%s with %d to %d partner", "%s with %d to %d partners",
                                                 next->min_partners - 1),
                                    pct, r->min_partners, next->min_partners - 1);
        }
    }
  return g_string_free (s, FALSE);
}

char *
consort_form_describe_owner (const ConsortAppraisal   *appraisal,
                             const ConsortAttribution *owner,
                             gboolean                  for_cost)
{
  if (owner->borough_id != NULL)
    return g_strdup (consort_form_borough_name (appraisal, owner->borough_id));
  return g_strdup_printf (_("Partnership: %s"),
                          consort_share_rule_describe (owner->share, for_cost));
}

char *
consort_form_slug (const char *name)
{
  GString *s = g_string_new (NULL);
  g_autofree char *ascii = g_str_to_ascii (name ? name : "", "C");
  gboolean dash = FALSE;

  for (const char *p = ascii; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (dash && s->len > 0)
            g_string_append_c (s, '-');
          g_string_append_c (s, g_ascii_tolower (*p));
          dash = FALSE;
        }
      else
        dash = TRUE;
      if (s->len >= 24)
        break;
    }
  if (s->len == 0)
    g_string_append (s, "item");
  return g_string_free (s, FALSE);
}

const char *
consort_form_borough_name (const ConsortAppraisal *appraisal,
                           const char             *id)
{
  ConsortBorough *b = id ? consort_appraisal_find_borough (appraisal, id) : NULL;
  return b ? b->name : id;
}

const char *
consort_form_service_name (const ConsortAppraisal *appraisal,
                           const char             *id)
{
  ConsortService *s = id ? consort_appraisal_find_service (appraisal, id) : NULL;
  return s ? s->name : id;
}

const char *
consort_form_month_name (int month)
{
  static const char *names[] = {
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
  };
  if (month < 1 || month > 12)
    return "";
  return _(names[month - 1]);
}

void
consort_form_list_box_clear (GtkListBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_list_box_remove (box, child);
}

gboolean
consort_form_store_option_item (GtkWidget         *widget,
                                ConsortDocument   *document,
                                const char        *option_id,
                                gsize              list_offset,
                                int                index,
                                gpointer           item,
                                gconstpointer      original,
                                gboolean         (*equal) (gconstpointer a, gconstpointer b),
                                GDestroyNotify     free_item,
                                const char        *moved_message,
                                const char        *label,
                                char             **error_out)
{
  g_autoptr(ConsortAppraisal) copy = consort_appraisal_copy (consort_document_get_appraisal (document));
  ConsortOption *option = consort_appraisal_find_option (copy, option_id);
  GPtrArray *list;

  if (option == NULL)
    {
      *error_out = g_strdup (_("The option no longer exists"));
      free_item (item);
      return FALSE;
    }

  list = G_STRUCT_MEMBER (GPtrArray *, option, list_offset);
  if (index >= 0 &&
      (index >= (int) list->len || !equal (g_ptr_array_index (list, index), original)))
    {
      *error_out = g_strdup (moved_message);
      free_item (item);
      return FALSE;
    }

  if (index >= 0)
    {
      g_ptr_array_remove_index (list, index);
      g_ptr_array_insert (list, index, item);
    }
  else
    g_ptr_array_add (list, item);

  return consort_form_apply (widget, document, g_steal_pointer (&copy), label, error_out);
}
