/* consort-horizon.c: changing an appraisal's horizon as a whole.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "consort-horizon.h"
#include "consort-error.h"
#include "consort-money.h"

static gboolean
amounts_outside (const GArray *amounts,
                 int           first,
                 int           last)
{
  for (guint i = 0; amounts && i < amounts->len; i++)
    {
      const ConsortYearAmount *ya = &g_array_index (amounts, ConsortYearAmount, i);

      if ((ya->year < first || ya->year > last) && ya->amount != 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
cost_outside (const ConsortCostItem *cost,
              int                    first,
              int                    last)
{
  if (cost->form == CONSORT_COST_FORM_AMOUNTS)
    return amounts_outside (cost->amounts, first, last);
  return cost->year < first || cost->year > last;
}

guint
consort_appraisal_count_outside (const ConsortAppraisal *self,
                                 int                     first_year,
                                 int                     years)
{
  int last = first_year + years - 1;
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint o = 0; o < self->options->len; o++)
    {
      const ConsortOption *option = g_ptr_array_index (self->options, o);

      for (guint i = 0; i < option->savings->len; i++)
        {
          const ConsortSavingsItem *item = g_ptr_array_index (option->savings, i);

          if (item->method == CONSORT_METHOD_AMOUNTS && amounts_outside (item->amounts, first_year, last))
            n++;
        }
      for (guint i = 0; i < option->costs->len; i++)
        if (cost_outside (g_ptr_array_index (option->costs, i), first_year, last))
          n++;
    }
  return n;
}

static void
amounts_keep (GArray *amounts,
              int     first,
              int     last)
{
  for (guint i = amounts ? amounts->len : 0; i > 0; i--)
    {
      const ConsortYearAmount *ya = &g_array_index (amounts, ConsortYearAmount, i - 1);

      if (ya->year < first || ya->year > last)
        g_array_remove_index (amounts, i - 1);
    }
}

static const char *
borough_name (const ConsortAppraisal *self,
              const char             *id)
{
  const ConsortBorough *b = consort_appraisal_find_borough (self, id);

  return b && b->name ? b->name : id;
}

static gboolean
attribution_names (const ConsortAttribution *owner,
                   const char               *borough_id)
{
  if (g_strcmp0 (owner->borough_id, borough_id) == 0)
    return TRUE;
  if (owner->share == CONSORT_SHARE_CUSTOM && owner->custom_shares)
    for (guint i = 0; i < owner->custom_shares->len; i++)
      if (g_strcmp0 (g_array_index (owner->custom_shares, ConsortShareWeight, i).borough_id, borough_id) == 0)
        return TRUE;
  return FALSE;
}

static const char *
savings_item_name (const ConsortAppraisal   *self,
                   const ConsortSavingsItem *item)
{
  const ConsortService *service;

  if (item->label && *item->label)
    return item->label;
  service = consort_appraisal_find_service (self, item->service_id);
  return service && service->name ? service->name : item->service_id;
}

/* Whether the option's items that stay still name @borough_id. */
static gboolean
option_still_names (const ConsortOption *option,
                    const char          *borough_id,
                    int                  last)
{
  for (guint i = 0; i < option->savings->len; i++)
    {
      const ConsortSavingsItem *item = g_ptr_array_index (option->savings, i);

      if (item->method != CONSORT_METHOD_AMOUNTS && item->start_year > last)
        continue;  /* goes too */
      if (attribution_names (&item->owner, borough_id))
        return TRUE;
    }
  for (guint i = 0; i < option->costs->len; i++)
    {
      const ConsortCostItem *cost = g_ptr_array_index (option->costs, i);

      if (cost->form != CONSORT_COST_FORM_AMOUNTS && cost->year > last)
        continue;
      if (attribution_names (&cost->owner, borough_id))
        return TRUE;
    }
  return FALSE;
}

gboolean
consort_appraisal_fit_horizon (ConsortAppraisal *self,
                               int               first_year,
                               int               years,
                               GPtrArray        *changes,
                               GError          **error)
{
  int last = first_year + years - 1;
  g_autofree char *last_fy = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (years < 1 || years > CONSORT_MAX_YEARS)
    {
      g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_INVALID,
                   ngettext ("The horizon must be 1 to %d year", "The horizon must be 1 to %d years",
                             CONSORT_MAX_YEARS), CONSORT_MAX_YEARS);
      return FALSE;
    }

  last_fy = consort_fy_label (last, '/');

  /* First look for what cannot be fitted, so a refusal changes nothing. */
  for (guint o = 0; o < self->options->len; o++)
    {
      const ConsortOption *option = g_ptr_array_index (self->options, o);

      for (guint i = 0; i < option->participants->len; i++)
        {
          const ConsortParticipant *p = g_ptr_array_index (option->participants, i);

          if (p->from_year > last && option_still_names (option, p->borough_id, last))
            {
              g_autofree char *fy = consort_fy_label (p->from_year, '/');

              /* Translators: "Option 3: Wandsworth joins in 2013/14, after the horizon would end (2012/13), ..." */
              g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_INVALID,
                           _("%s: %s joins in %s, after the horizon would end (%s), and items of the option "
                             "are attributed or shared to them. Change the joining year or those items first."),
                           option->name, borough_name (self, p->borough_id), fy, last_fy);
              return FALSE;
            }
        }
    }

  self->first_year = first_year;
  self->years = years;

  for (guint o = 0; o < self->options->len; o++)
    {
      ConsortOption *option = g_ptr_array_index (self->options, o);

      for (guint i = option->participants->len; i > 0; i--)
        {
          ConsortParticipant *p = g_ptr_array_index (option->participants, i - 1);

          if (p->from_year > last)
            {
              g_autofree char *fy = consort_fy_label (p->from_year, '/');

              if (changes)
                /* Translators: "Wandsworth joins Option 3 in 2013/14 and will no longer take part in it." */
                g_ptr_array_add (changes, g_strdup_printf (_("%s joins %s in %s and will no longer take part in it."),
                                                           borough_name (self, p->borough_id), option->name, fy));
              g_ptr_array_remove_index (option->participants, i - 1);
            }
          else
            /* Joined before the horizon: taking part from its start. */
            p->from_year = MAX (p->from_year, first_year);
        }

      for (guint i = option->savings->len; i > 0; i--)
        {
          ConsortSavingsItem *item = g_ptr_array_index (option->savings, i - 1);

          if (item->method == CONSORT_METHOD_AMOUNTS)
            amounts_keep (item->amounts, first_year, last);
          else if (item->start_year > last)
            {
              g_autofree char *fy = consort_fy_label (item->start_year, '/');

              if (changes)
                g_ptr_array_add (changes, g_strdup_printf (_("%s, savings item %u (%s) starts in %s and will be removed."),
                                                           option->name, i, savings_item_name (self, item), fy));
              g_ptr_array_remove_index (option->savings, i - 1);
            }
          else if (item->start_year < first_year)
            {
              item->start_year = first_year;
              item->start_month = 0;
            }
        }

      for (guint i = option->costs->len; i > 0; i--)
        {
          ConsortCostItem *cost = g_ptr_array_index (option->costs, i - 1);

          if (cost->form == CONSORT_COST_FORM_AMOUNTS)
            amounts_keep (cost->amounts, first_year, last);
          else if (cost->year < first_year || cost->year > last)
            /* Its one figure falls outside: removed like any other
             * figure (counted by consort_appraisal_count_outside()). */
            g_ptr_array_remove_index (option->costs, i - 1);
        }
    }

  return TRUE;
}

static void
amounts_shift (GArray *amounts,
               int     delta)
{
  for (guint i = 0; amounts && i < amounts->len; i++)
    g_array_index (amounts, ConsortYearAmount, i).year += delta;
}

void
consort_appraisal_shift_years (ConsortAppraisal *self,
                               int               delta)
{
  g_return_if_fail (self != NULL);

  self->first_year += delta;

  for (guint o = 0; o < self->options->len; o++)
    {
      ConsortOption *option = g_ptr_array_index (self->options, o);

      for (guint i = 0; i < option->participants->len; i++)
        ((ConsortParticipant *) g_ptr_array_index (option->participants, i))->from_year += delta;

      for (guint i = 0; i < option->savings->len; i++)
        {
          ConsortSavingsItem *item = g_ptr_array_index (option->savings, i);

          if (item->method == CONSORT_METHOD_AMOUNTS)
            amounts_shift (item->amounts, delta);
          else
            item->start_year += delta;
        }

      for (guint i = 0; i < option->costs->len; i++)
        {
          ConsortCostItem *cost = g_ptr_array_index (option->costs, i);

          if (cost->form == CONSORT_COST_FORM_AMOUNTS)
            amounts_shift (cost->amounts, delta);
          else
            cost->year += delta;
        }
    }
}
