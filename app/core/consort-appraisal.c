/* consort-appraisal.c: the appraisal model, plain data.
 *
 * Construction, deep copies, deep equality, look-ups, slugs and the
 * validation of every rule of the model (docs/interchange.md lists them).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "consort-appraisal.h"
#include "consort-describe.h"
#include "consort-error.h"

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */

static GArray *
year_amounts_new (void)
{
  return g_array_new (FALSE, TRUE, sizeof (ConsortYearAmount));
}

static GArray *
micros_array_new (void)
{
  return g_array_new (FALSE, TRUE, sizeof (ConsortMicros));
}

static GArray *
share_weights_new (void)
{
  return g_array_new (FALSE, TRUE, sizeof (ConsortShareWeight));
}

static GArray *
copy_plain_array (const GArray *src, guint element_size)
{
  GArray *dst = g_array_sized_new (FALSE, TRUE, element_size, src ? src->len : 0);

  if (src != NULL && src->len > 0)
    g_array_append_vals (dst, src->data, src->len);
  return dst;
}

static GArray *
copy_share_weights (const GArray *src)
{
  GArray *dst = share_weights_new ();

  for (guint i = 0; src != NULL && i < src->len; i++)
    {
      ConsortShareWeight w = g_array_index (src, ConsortShareWeight, i);

      w.borough_id = g_strdup (w.borough_id);
      g_array_append_val (dst, w);
    }
  return dst;
}

static void
free_share_weights (GArray *array)
{
  if (array == NULL)
    return;
  for (guint i = 0; i < array->len; i++)
    g_free (g_array_index (array, ConsortShareWeight, i).borough_id);
  g_array_unref (array);
}

typedef gpointer (*CopyFunc) (gconstpointer src);

static GPtrArray *
copy_ptr_array (const GPtrArray *src, CopyFunc copy, GDestroyNotify free_func)
{
  GPtrArray *dst = g_ptr_array_new_full (src ? src->len : 0, free_func);

  for (guint i = 0; src != NULL && i < src->len; i++)
    g_ptr_array_add (dst, copy (g_ptr_array_index (src, i)));
  return dst;
}

typedef gboolean (*EqualFunc) (gconstpointer a, gconstpointer b);

static gboolean
ptr_arrays_equal (const GPtrArray *a, const GPtrArray *b, EqualFunc equal)
{
  guint la = a ? a->len : 0;
  guint lb = b ? b->len : 0;

  if (la != lb)
    return FALSE;
  for (guint i = 0; i < la; i++)
    if (!equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

static gboolean
plain_arrays_equal (const GArray *a, const GArray *b, guint element_size)
{
  guint la = a ? a->len : 0;
  guint lb = b ? b->len : 0;

  if (la != lb)
    return FALSE;
  return la == 0 || memcmp (a->data, b->data, (gsize) la * element_size) == 0;
}

static gboolean
year_amounts_equal (const GArray *a, const GArray *b)
{
  guint la = a ? a->len : 0;
  guint lb = b ? b->len : 0;

  if (la != lb)
    return FALSE;
  for (guint i = 0; i < la; i++)
    {
      const ConsortYearAmount *x = &g_array_index (a, ConsortYearAmount, i);
      const ConsortYearAmount *y = &g_array_index (b, ConsortYearAmount, i);

      if (x->year != y->year || x->amount != y->amount)
        return FALSE;
    }
  return TRUE;
}

static gboolean
share_weights_equal (const GArray *a, const GArray *b)
{
  guint la = a ? a->len : 0;
  guint lb = b ? b->len : 0;

  if (la != lb)
    return FALSE;
  for (guint i = 0; i < la; i++)
    {
      const ConsortShareWeight *x = &g_array_index (a, ConsortShareWeight, i);
      const ConsortShareWeight *y = &g_array_index (b, ConsortShareWeight, i);

      if (g_strcmp0 (x->borough_id, y->borough_id) != 0 || x->weight != y->weight)
        return FALSE;
    }
  return TRUE;
}

/* Array lengths, treating a missing array as empty. */
#define LEN(array) ((array) != NULL ? (array)->len : 0u)

/* An optional string: NULL and "" differ (absent is not empty). */
#define STR_EQ(a, b) (g_strcmp0 ((a), (b)) == 0)

/* ------------------------------------------------------------------ */
/* Parts: constructors, free, copy, equal                               */

ConsortDefaultRate *
consort_default_rate_new (const char *model, int min_partners, ConsortMicros rate)
{
  ConsortDefaultRate *self = g_new0 (ConsortDefaultRate, 1);

  self->model = g_strdup (model);
  self->min_partners = min_partners;
  self->rate = rate;
  return self;
}

void
consort_default_rate_free (ConsortDefaultRate *self)
{
  if (self == NULL)
    return;
  g_free (self->model);
  g_free (self);
}

static ConsortDefaultRate *
default_rate_copy (const ConsortDefaultRate *self)
{
  return consort_default_rate_new (self->model, self->min_partners, self->rate);
}

static gboolean
default_rate_equal (const ConsortDefaultRate *a, const ConsortDefaultRate *b)
{
  return STR_EQ (a->model, b->model) && a->min_partners == b->min_partners && a->rate == b->rate;
}

ConsortBorough *
consort_borough_new (const char *id, const char *name, gint64 population)
{
  ConsortBorough *self = g_new0 (ConsortBorough, 1);

  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->population = population;
  return self;
}

void
consort_borough_free (ConsortBorough *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->name);
  g_free (self);
}

static ConsortBorough *
borough_copy (const ConsortBorough *self)
{
  return consort_borough_new (self->id, self->name, self->population);
}

static gboolean
borough_equal (const ConsortBorough *a, const ConsortBorough *b)
{
  return STR_EQ (a->id, b->id) && STR_EQ (a->name, b->name) && a->population == b->population;
}

ConsortBaseline *
consort_baseline_new (const char *borough_id)
{
  ConsortBaseline *self = g_new0 (ConsortBaseline, 1);

  self->borough_id = g_strdup (borough_id);
  return self;
}

void
consort_baseline_free (ConsortBaseline *self)
{
  if (self == NULL)
    return;
  g_free (self->borough_id);
  g_free (self);
}

static ConsortBaseline *
baseline_copy (const ConsortBaseline *self)
{
  ConsortBaseline *copy = g_memdup2 (self, sizeof *self);

  copy->borough_id = g_strdup (self->borough_id);
  return copy;
}

static gboolean
baseline_equal (const ConsortBaseline *a, const ConsortBaseline *b)
{
  return STR_EQ (a->borough_id, b->borough_id) &&
         a->budget == b->budget &&
         a->fte == b->fte &&
         a->management_posts == b->management_posts &&
         a->overheads == b->overheads &&
         !a->outsourced == !b->outsourced;
}

ConsortService *
consort_service_new (const char *id, const char *name)
{
  ConsortService *self = g_new0 (ConsortService, 1);

  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->baselines = g_ptr_array_new_with_free_func ((GDestroyNotify) consort_baseline_free);
  return self;
}

void
consort_service_free (ConsortService *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->name);
  g_clear_pointer (&self->baselines, g_ptr_array_unref);
  g_free (self);
}

ConsortService *
consort_service_copy (const ConsortService *self)
{
  ConsortService *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = consort_service_new (self->id, self->name);
  g_ptr_array_unref (copy->baselines);
  copy->baselines = copy_ptr_array (self->baselines, (CopyFunc) baseline_copy,
                                    (GDestroyNotify) consort_baseline_free);
  return copy;
}

static gboolean
service_equal (const ConsortService *a, const ConsortService *b)
{
  return STR_EQ (a->id, b->id) && STR_EQ (a->name, b->name) &&
         ptr_arrays_equal (a->baselines, b->baselines, (EqualFunc) baseline_equal);
}

ConsortParticipant *
consort_participant_new (const char *borough_id, int from_year)
{
  ConsortParticipant *self = g_new0 (ConsortParticipant, 1);

  self->borough_id = g_strdup (borough_id);
  self->from_year = from_year;
  return self;
}

void
consort_participant_free (ConsortParticipant *self)
{
  if (self == NULL)
    return;
  g_free (self->borough_id);
  g_free (self);
}

static ConsortParticipant *
participant_copy (const ConsortParticipant *self)
{
  return consort_participant_new (self->borough_id, self->from_year);
}

static gboolean
participant_equal (const ConsortParticipant *a, const ConsortParticipant *b)
{
  return STR_EQ (a->borough_id, b->borough_id) && a->from_year == b->from_year;
}

ConsortPost *
consort_post_new (const char *title, ConsortMicros fte, ConsortMoney cost)
{
  ConsortPost *self = g_new0 (ConsortPost, 1);

  self->title = g_strdup (title);
  self->fte = fte;
  self->cost = cost;
  return self;
}

void
consort_post_free (ConsortPost *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self);
}

static ConsortPost *
post_copy (const ConsortPost *self)
{
  return consort_post_new (self->title, self->fte, self->cost);
}

static gboolean
post_equal (const ConsortPost *a, const ConsortPost *b)
{
  return STR_EQ (a->title, b->title) && a->fte == b->fte && a->cost == b->cost;
}

static void
attribution_copy (ConsortAttribution *dst, const ConsortAttribution *src)
{
  dst->borough_id = g_strdup (src->borough_id);
  dst->share = src->share;
  dst->custom_shares = copy_share_weights (src->custom_shares);
}

static void
attribution_clear (ConsortAttribution *self)
{
  g_clear_pointer (&self->borough_id, g_free);
  g_clear_pointer (&self->custom_shares, free_share_weights);
}

static gboolean
attribution_equal (const ConsortAttribution *a, const ConsortAttribution *b)
{
  if (!STR_EQ (a->borough_id, b->borough_id) || a->share != b->share)
    return FALSE;
  /* Custom weights only matter under the custom rule. */
  if (a->share == CONSORT_SHARE_CUSTOM)
    return share_weights_equal (a->custom_shares, b->custom_shares);
  return TRUE;
}

ConsortSavingsItem *
consort_savings_item_new (const char *service_id, ConsortSavingsMethod method)
{
  ConsortSavingsItem *self = g_new0 (ConsortSavingsItem, 1);

  self->service_id = g_strdup (service_id);
  self->method = method;
  self->owner.share = CONSORT_SHARE_DEFAULT;
  self->owner.custom_shares = share_weights_new ();
  self->amounts = year_amounts_new ();
  self->posts = g_ptr_array_new_with_free_func ((GDestroyNotify) consort_post_free);
  self->phasing = micros_array_new ();
  return self;
}

void
consort_savings_item_free (ConsortSavingsItem *self)
{
  if (self == NULL)
    return;
  g_free (self->label);
  g_free (self->service_id);
  attribution_clear (&self->owner);
  g_clear_pointer (&self->amounts, g_array_unref);
  g_free (self->model);
  g_clear_pointer (&self->posts, g_ptr_array_unref);
  g_clear_pointer (&self->phasing, g_array_unref);
  g_free (self);
}

ConsortSavingsItem *
consort_savings_item_copy (const ConsortSavingsItem *self)
{
  ConsortSavingsItem *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (ConsortSavingsItem, 1);
  copy->label = g_strdup (self->label);
  copy->service_id = g_strdup (self->service_id);
  copy->method = self->method;
  attribution_copy (&copy->owner, &self->owner);
  copy->amounts = copy_plain_array (self->amounts, sizeof (ConsortYearAmount));
  copy->has_rate = self->has_rate;
  copy->rate = self->rate;
  copy->model = g_strdup (self->model);
  copy->posts = copy_ptr_array (self->posts, (CopyFunc) post_copy,
                                (GDestroyNotify) consort_post_free);
  copy->start_year = self->start_year;
  copy->start_month = self->start_month;
  copy->phasing = copy_plain_array (self->phasing, sizeof (ConsortMicros));
  return copy;
}

/* Compares what the item's method uses: fields of the other methods are
 * not part of its meaning (and are not exported). */
static gboolean
savings_item_equal (const ConsortSavingsItem *a, const ConsortSavingsItem *b)
{
  if (!STR_EQ (a->label, b->label) || !STR_EQ (a->service_id, b->service_id) ||
      a->method != b->method || !attribution_equal (&a->owner, &b->owner))
    return FALSE;

  switch (a->method)
    {
    case CONSORT_METHOD_AMOUNTS:
      return year_amounts_equal (a->amounts, b->amounts);
    case CONSORT_METHOD_RATE:
      if (!a->has_rate != !b->has_rate || !STR_EQ (a->model, b->model))
        return FALSE;
      if (a->has_rate && a->rate != b->rate)
        return FALSE;
      break;
    case CONSORT_METHOD_POSTS:
      if (!ptr_arrays_equal (a->posts, b->posts, (EqualFunc) post_equal))
        return FALSE;
      break;
    default:
      return FALSE;
    }

  return a->start_year == b->start_year && a->start_month == b->start_month &&
         plain_arrays_equal (a->phasing, b->phasing, sizeof (ConsortMicros));
}

ConsortCostItem *
consort_cost_item_new (ConsortCostKind kind)
{
  ConsortCostItem *self = g_new0 (ConsortCostItem, 1);

  self->kind = kind;
  self->owner.share = CONSORT_SHARE_DEFAULT;
  self->owner.custom_shares = share_weights_new ();
  self->form = CONSORT_COST_FORM_AMOUNT;
  self->amounts = year_amounts_new ();
  return self;
}

void
consort_cost_item_free (ConsortCostItem *self)
{
  if (self == NULL)
    return;
  g_free (self->label);
  g_free (self->service_id);
  attribution_clear (&self->owner);
  g_clear_pointer (&self->amounts, g_array_unref);
  g_free (self);
}

ConsortCostItem *
consort_cost_item_copy (const ConsortCostItem *self)
{
  ConsortCostItem *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->label = g_strdup (self->label);
  copy->service_id = g_strdup (self->service_id);
  attribution_copy (&copy->owner, &self->owner);
  copy->amounts = copy_plain_array (self->amounts, sizeof (ConsortYearAmount));
  return copy;
}

static gboolean
cost_item_equal (const ConsortCostItem *a, const ConsortCostItem *b)
{
  if (!STR_EQ (a->label, b->label) || a->kind != b->kind ||
      !STR_EQ (a->service_id, b->service_id) ||
      !attribution_equal (&a->owner, &b->owner) || a->form != b->form)
    return FALSE;

  switch (a->form)
    {
    case CONSORT_COST_FORM_AMOUNT:
      return a->year == b->year && a->amount == b->amount;
    case CONSORT_COST_FORM_POSTS:
      return a->year == b->year && a->posts == b->posts && a->unit_cost == b->unit_cost;
    case CONSORT_COST_FORM_AMOUNTS:
      return year_amounts_equal (a->amounts, b->amounts);
    default:
      return FALSE;
    }
}

ConsortFeasibility *
consort_feasibility_new (const char *service_id)
{
  ConsortFeasibility *self = g_new0 (ConsortFeasibility, 1);

  self->service_id = g_strdup (service_id);
  return self;
}

void
consort_feasibility_free (ConsortFeasibility *self)
{
  if (self == NULL)
    return;
  g_free (self->service_id);
  g_free (self->note);
  g_free (self);
}

static ConsortFeasibility *
feasibility_copy (const ConsortFeasibility *self)
{
  ConsortFeasibility *copy = g_memdup2 (self, sizeof *self);

  copy->service_id = g_strdup (self->service_id);
  copy->note = g_strdup (self->note);
  return copy;
}

static gboolean
feasibility_equal (const ConsortFeasibility *a, const ConsortFeasibility *b)
{
  if (!STR_EQ (a->service_id, b->service_id) || !STR_EQ (a->note, b->note))
    return FALSE;
  for (int c = 0; c < CONSORT_N_CRITERIA; c++)
    if (a->ratings[c] != b->ratings[c])
      return FALSE;
  return TRUE;
}

ConsortRisk *
consort_risk_new (void)
{
  return g_new0 (ConsortRisk, 1);
}

void
consort_risk_free (ConsortRisk *self)
{
  if (self == NULL)
    return;
  g_free (self->risk_class);
  g_free (self->issue);
  g_free (self->mitigation);
  g_free (self);
}

static ConsortRisk *
risk_copy (const ConsortRisk *self)
{
  ConsortRisk *copy = g_memdup2 (self, sizeof *self);

  copy->risk_class = g_strdup (self->risk_class);
  copy->issue = g_strdup (self->issue);
  copy->mitigation = g_strdup (self->mitigation);
  return copy;
}

static gboolean
risk_equal (const ConsortRisk *a, const ConsortRisk *b)
{
  return STR_EQ (a->risk_class, b->risk_class) && STR_EQ (a->issue, b->issue) &&
         STR_EQ (a->mitigation, b->mitigation) &&
         a->likelihood == b->likelihood && a->impact == b->impact;
}

/* Public forms, for editors that check the element they replace is still
 * the one they opened (an undo may have moved another into its place). */
ConsortRisk *
consort_risk_copy (const ConsortRisk *self)
{
  return self ? risk_copy (self) : NULL;
}

gboolean
consort_risk_equal (const ConsortRisk *a, const ConsortRisk *b)
{
  if (a == b)
    return TRUE;
  return a != NULL && b != NULL && risk_equal (a, b);
}

gboolean
consort_savings_item_equal (const ConsortSavingsItem *a, const ConsortSavingsItem *b)
{
  if (a == b)
    return TRUE;
  return a != NULL && b != NULL && savings_item_equal (a, b);
}

gboolean
consort_cost_item_equal (const ConsortCostItem *a, const ConsortCostItem *b)
{
  if (a == b)
    return TRUE;
  return a != NULL && b != NULL && cost_item_equal (a, b);
}

ConsortOption *
consort_option_new (const char *id, const char *name)
{
  ConsortOption *self = g_new0 (ConsortOption, 1);

  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->participants = g_ptr_array_new_with_free_func ((GDestroyNotify) consort_participant_free);
  self->savings = g_ptr_array_new_with_free_func ((GDestroyNotify) consort_savings_item_free);
  self->costs = g_ptr_array_new_with_free_func ((GDestroyNotify) consort_cost_item_free);
  self->feasibility = g_ptr_array_new_with_free_func ((GDestroyNotify) consort_feasibility_free);
  self->risks = g_ptr_array_new_with_free_func ((GDestroyNotify) consort_risk_free);
  return self;
}

void
consort_option_free (ConsortOption *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->name);
  g_free (self->description);
  g_clear_pointer (&self->participants, g_ptr_array_unref);
  g_clear_pointer (&self->savings, g_ptr_array_unref);
  g_clear_pointer (&self->costs, g_ptr_array_unref);
  g_clear_pointer (&self->feasibility, g_ptr_array_unref);
  g_clear_pointer (&self->risks, g_ptr_array_unref);
  g_free (self);
}

ConsortOption *
consort_option_copy (const ConsortOption *self)
{
  ConsortOption *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (ConsortOption, 1);
  copy->id = g_strdup (self->id);
  copy->name = g_strdup (self->name);
  copy->description = g_strdup (self->description);
  copy->participants = copy_ptr_array (self->participants, (CopyFunc) participant_copy,
                                       (GDestroyNotify) consort_participant_free);
  copy->savings = copy_ptr_array (self->savings, (CopyFunc) consort_savings_item_copy,
                                  (GDestroyNotify) consort_savings_item_free);
  copy->costs = copy_ptr_array (self->costs, (CopyFunc) consort_cost_item_copy,
                                (GDestroyNotify) consort_cost_item_free);
  copy->feasibility = copy_ptr_array (self->feasibility, (CopyFunc) feasibility_copy,
                                      (GDestroyNotify) consort_feasibility_free);
  copy->risks = copy_ptr_array (self->risks, (CopyFunc) risk_copy,
                                (GDestroyNotify) consort_risk_free);
  return copy;
}

static gboolean
option_equal (const ConsortOption *a, const ConsortOption *b)
{
  return STR_EQ (a->id, b->id) && STR_EQ (a->name, b->name) &&
         STR_EQ (a->description, b->description) &&
         ptr_arrays_equal (a->participants, b->participants, (EqualFunc) participant_equal) &&
         ptr_arrays_equal (a->savings, b->savings, (EqualFunc) savings_item_equal) &&
         ptr_arrays_equal (a->costs, b->costs, (EqualFunc) cost_item_equal) &&
         ptr_arrays_equal (a->feasibility, b->feasibility, (EqualFunc) feasibility_equal) &&
         ptr_arrays_equal (a->risks, b->risks, (EqualFunc) risk_equal);
}

/* ------------------------------------------------------------------ */
/* The appraisal                                                        */

static int
current_financial_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  /* The UK public-sector financial year runs April to March. */
  if (g_date_time_get_month (now) >= 4)
    return g_date_time_get_year (now);
  return g_date_time_get_year (now) - 1;
}

static ConsortAppraisal *
appraisal_alloc (void)
{
  ConsortAppraisal *self = g_new0 (ConsortAppraisal, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->default_rates = g_ptr_array_new_with_free_func ((GDestroyNotify) consort_default_rate_free);
  self->boroughs = g_ptr_array_new_with_free_func ((GDestroyNotify) consort_borough_free);
  self->services = g_ptr_array_new_with_free_func ((GDestroyNotify) consort_service_free);
  self->options = g_ptr_array_new_with_free_func ((GDestroyNotify) consort_option_free);
  return self;
}

ConsortAppraisal *
consort_appraisal_new (void)
{
  ConsortAppraisal *self = appraisal_alloc ();

  self->title = g_strdup ("");
  self->first_year = current_financial_year ();
  self->years = 5;
  self->currency = g_strdup ("GBP");
  self->discount_rate = CONSORT_DEFAULT_DISCOUNT_RATE;
  /* The reference papers' defaults: shared service 3% with two
   * boroughs, 4% with three or more; joint commissioning 2%. */
  g_ptr_array_add (self->default_rates, consort_default_rate_new ("shared_service", 2, 30000));
  g_ptr_array_add (self->default_rates, consort_default_rate_new ("shared_service", 3, 40000));
  g_ptr_array_add (self->default_rates, consort_default_rate_new ("joint_commissioning", 2, 20000));
  return self;
}

ConsortAppraisal *
consort_appraisal_ref (ConsortAppraisal *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
consort_appraisal_unref (ConsortAppraisal *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->title);
  g_free (self->description);
  g_free (self->author);
  g_free (self->perspective);
  g_free (self->currency);
  g_clear_pointer (&self->default_rates, g_ptr_array_unref);
  g_clear_pointer (&self->boroughs, g_ptr_array_unref);
  g_clear_pointer (&self->services, g_ptr_array_unref);
  g_clear_pointer (&self->options, g_ptr_array_unref);
  g_free (self);
}

ConsortAppraisal *
consort_appraisal_copy (const ConsortAppraisal *self)
{
  ConsortAppraisal *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = appraisal_alloc ();
  copy->title = g_strdup (self->title);
  copy->description = g_strdup (self->description);
  copy->author = g_strdup (self->author);
  copy->perspective = g_strdup (self->perspective);
  copy->first_year = self->first_year;
  copy->years = self->years;
  copy->currency = g_strdup (self->currency);
  copy->discount_rate = self->discount_rate;

  for (guint i = 0; self->default_rates && i < LEN (self->default_rates); i++)
    g_ptr_array_add (copy->default_rates, default_rate_copy (g_ptr_array_index (self->default_rates, i)));
  for (guint i = 0; self->boroughs && i < LEN (self->boroughs); i++)
    g_ptr_array_add (copy->boroughs, borough_copy (g_ptr_array_index (self->boroughs, i)));
  for (guint i = 0; self->services && i < LEN (self->services); i++)
    g_ptr_array_add (copy->services, consort_service_copy (g_ptr_array_index (self->services, i)));
  for (guint i = 0; self->options && i < LEN (self->options); i++)
    g_ptr_array_add (copy->options, consort_option_copy (g_ptr_array_index (self->options, i)));
  return copy;
}

gboolean
consort_appraisal_equal (const ConsortAppraisal *a,
                         const ConsortAppraisal *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return STR_EQ (a->title, b->title) &&
         STR_EQ (a->description, b->description) &&
         STR_EQ (a->author, b->author) &&
         STR_EQ (a->perspective, b->perspective) &&
         a->first_year == b->first_year &&
         a->years == b->years &&
         STR_EQ (a->currency, b->currency) &&
         a->discount_rate == b->discount_rate &&
         ptr_arrays_equal (a->default_rates, b->default_rates, (EqualFunc) default_rate_equal) &&
         ptr_arrays_equal (a->boroughs, b->boroughs, (EqualFunc) borough_equal) &&
         ptr_arrays_equal (a->services, b->services, (EqualFunc) service_equal) &&
         ptr_arrays_equal (a->options, b->options, (EqualFunc) option_equal);
}

/* ------------------------------------------------------------------ */
/* Look-ups                                                             */

int
consort_appraisal_borough_index (const ConsortAppraisal *self, const char *id)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; id != NULL && i < LEN (self->boroughs); i++)
    if (g_strcmp0 (((ConsortBorough *) g_ptr_array_index (self->boroughs, i))->id, id) == 0)
      return (int) i;
  return -1;
}

int
consort_appraisal_service_index (const ConsortAppraisal *self, const char *id)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; id != NULL && i < LEN (self->services); i++)
    if (g_strcmp0 (((ConsortService *) g_ptr_array_index (self->services, i))->id, id) == 0)
      return (int) i;
  return -1;
}

int
consort_appraisal_option_index (const ConsortAppraisal *self, const char *id)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; id != NULL && i < LEN (self->options); i++)
    if (g_strcmp0 (((ConsortOption *) g_ptr_array_index (self->options, i))->id, id) == 0)
      return (int) i;
  return -1;
}

ConsortBorough *
consort_appraisal_find_borough (const ConsortAppraisal *self, const char *id)
{
  int i = consort_appraisal_borough_index (self, id);

  return i < 0 ? NULL : g_ptr_array_index (self->boroughs, i);
}

ConsortService *
consort_appraisal_find_service (const ConsortAppraisal *self, const char *id)
{
  int i = consort_appraisal_service_index (self, id);

  return i < 0 ? NULL : g_ptr_array_index (self->services, i);
}

ConsortOption *
consort_appraisal_find_option (const ConsortAppraisal *self, const char *id)
{
  int i = consort_appraisal_option_index (self, id);

  return i < 0 ? NULL : g_ptr_array_index (self->options, i);
}

ConsortBaseline *
consort_service_find_baseline (const ConsortService *service, const char *borough_id)
{
  g_return_val_if_fail (service != NULL, NULL);

  for (guint i = 0; borough_id != NULL && i < LEN (service->baselines); i++)
    {
      ConsortBaseline *b = g_ptr_array_index (service->baselines, i);

      if (g_strcmp0 (b->borough_id, borough_id) == 0)
        return b;
    }
  return NULL;
}

ConsortFeasibility *
consort_option_find_feasibility (const ConsortOption *option, const char *service_id)
{
  g_return_val_if_fail (option != NULL, NULL);

  for (guint i = 0; service_id != NULL && i < LEN (option->feasibility); i++)
    {
      ConsortFeasibility *f = g_ptr_array_index (option->feasibility, i);

      if (g_strcmp0 (f->service_id, service_id) == 0)
        return f;
    }
  return NULL;
}

static gboolean
id_in_use (const ConsortAppraisal *self, const char *id)
{
  return consort_appraisal_borough_index (self, id) >= 0 ||
         consort_appraisal_service_index (self, id) >= 0 ||
         consort_appraisal_option_index (self, id) >= 0;
}

/* Turns free text ("Children's Services") into a slug stem
 * ("children-s-services"): lower-case ASCII letters and digits, runs of
 * anything else become one hyphen. */
static char *
slugify (const char *stem)
{
  GString *out = g_string_new (NULL);
  gboolean pending_hyphen = FALSE;

  for (const char *p = stem ? stem : ""; *p; p++)
    {
      char c = g_ascii_tolower (*p);

      if (g_ascii_isalnum (c) || c == '_')
        {
          if (pending_hyphen && out->len > 0)
            g_string_append_c (out, '-');
          pending_hyphen = FALSE;
          g_string_append_c (out, c);
        }
      else
        pending_hyphen = TRUE;
    }
  if (out->len == 0)
    g_string_append (out, "item");
  return g_string_free (out, FALSE);
}

char *
consort_appraisal_unique_id (const ConsortAppraisal *self, const char *stem)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  base = slugify (stem);
  if (!id_in_use (self, base))
    return g_steal_pointer (&base);

  for (guint n = 2; ; n++)
    {
      char *candidate = g_strdup_printf ("%s-%u", base, n);

      if (!id_in_use (self, candidate))
        return candidate;
      g_free (candidate);
    }
}

/* ------------------------------------------------------------------ */
/* Year amounts                                                         */

void
consort_year_amounts_set (GArray *amounts, int year, ConsortMoney amount)
{
  guint i;

  g_return_if_fail (amounts != NULL);

  for (i = 0; i < amounts->len; i++)
    {
      ConsortYearAmount *ya = &g_array_index (amounts, ConsortYearAmount, i);

      if (ya->year == year)
        {
          if (amount == 0)
            g_array_remove_index (amounts, i);
          else
            ya->amount = amount;
          return;
        }
      if (ya->year > year)
        break;
    }

  if (amount != 0)
    {
      ConsortYearAmount ya = { year, amount };

      g_array_insert_val (amounts, i, ya);
    }
}

ConsortMoney
consort_year_amounts_get (const GArray *amounts, int year)
{
  for (guint i = 0; amounts != NULL && i < amounts->len; i++)
    {
      const ConsortYearAmount *ya = &g_array_index (amounts, ConsortYearAmount, i);

      if (ya->year == year)
        return ya->amount;
    }
  return 0;
}

/* ------------------------------------------------------------------ */
/* Slugs and descriptions                                               */

static const char *const share_slugs[] = {
  [CONSORT_SHARE_EQUAL] = "equal",
  [CONSORT_SHARE_BASELINE] = "baseline",
  [CONSORT_SHARE_POPULATION] = "population",
  [CONSORT_SHARE_SAVINGS] = "savings",
};

static const char *const method_slugs[] = {
  [CONSORT_METHOD_AMOUNTS] = "amounts",
  [CONSORT_METHOD_RATE] = "rate",
  [CONSORT_METHOD_POSTS] = "posts",
};

static const char *const cost_kind_slugs[CONSORT_N_COST_KINDS] = {
  [CONSORT_COST_REDUNDANCY] = "redundancy",
  [CONSORT_COST_PENSION_STRAIN] = "pension_strain",
  [CONSORT_COST_PROJECT_MANAGEMENT] = "project_management",
  [CONSORT_COST_ICT_INVESTMENT] = "ict_investment",
  [CONSORT_COST_OTHER] = "other",
};

static const char *const criterion_slugs[CONSORT_N_CRITERIA] = {
  [CONSORT_CRITERION_EXISTING_ARRANGEMENTS] = "existing_arrangements",
  [CONSORT_CRITERION_MARKET_MATURITY] = "market_maturity",
  [CONSORT_CRITERION_DELIVERY_CAPABILITY] = "delivery_capability",
  [CONSORT_CRITERION_LEGAL_COMPLEXITY] = "legal_complexity",
};

const char *
consort_share_rule_to_string (ConsortShareRule rule)
{
  if (rule >= CONSORT_SHARE_EQUAL && rule <= CONSORT_SHARE_SAVINGS)
    return share_slugs[rule];
  return NULL;
}

gboolean
consort_share_rule_from_string (const char *s, ConsortShareRule *out)
{
  for (int r = CONSORT_SHARE_EQUAL; s != NULL && r <= CONSORT_SHARE_SAVINGS; r++)
    if (strcmp (s, share_slugs[r]) == 0)
      {
        if (out)
          *out = (ConsortShareRule) r;
        return TRUE;
      }
  return FALSE;
}

const char *
consort_method_to_string (ConsortSavingsMethod method)
{
  if ((guint) method < G_N_ELEMENTS (method_slugs))
    return method_slugs[method];
  return NULL;
}

gboolean
consort_method_from_string (const char *s, ConsortSavingsMethod *out)
{
  for (guint m = 0; s != NULL && m < G_N_ELEMENTS (method_slugs); m++)
    if (strcmp (s, method_slugs[m]) == 0)
      {
        if (out)
          *out = (ConsortSavingsMethod) m;
        return TRUE;
      }
  return FALSE;
}

const char *
consort_cost_kind_to_string (ConsortCostKind kind)
{
  if ((guint) kind < CONSORT_N_COST_KINDS)
    return cost_kind_slugs[kind];
  return NULL;
}

gboolean
consort_cost_kind_from_string (const char *s, ConsortCostKind *out)
{
  for (guint k = 0; s != NULL && k < CONSORT_N_COST_KINDS; k++)
    if (strcmp (s, cost_kind_slugs[k]) == 0)
      {
        if (out)
          *out = (ConsortCostKind) k;
        return TRUE;
      }
  return FALSE;
}

const char *
consort_criterion_to_string (ConsortCriterion c)
{
  if ((guint) c < CONSORT_N_CRITERIA)
    return criterion_slugs[c];
  return NULL;
}

const char *
consort_level_to_string (ConsortLevel level, gboolean risk)
{
  switch (level)
    {
    case CONSORT_LEVEL_LOW:
      return "low";
    case CONSORT_LEVEL_SOME:
      return risk ? "medium" : "some";
    case CONSORT_LEVEL_HIGH:
      return "high";
    case CONSORT_LEVEL_UNSET:
    default:
      return NULL;
    }
}

gboolean
consort_level_from_string (const char *s, ConsortLevel *out)
{
  ConsortLevel level;

  if (g_strcmp0 (s, "low") == 0)
    level = CONSORT_LEVEL_LOW;
  else if (g_strcmp0 (s, "some") == 0 || g_strcmp0 (s, "medium") == 0)
    level = CONSORT_LEVEL_SOME;
  else if (g_strcmp0 (s, "high") == 0)
    level = CONSORT_LEVEL_HIGH;
  else
    return FALSE;

  if (out)
    *out = level;
  return TRUE;
}

const char *
consort_kind_to_string (ConsortKind kind)
{
  switch (kind)
    {
    case CONSORT_KIND_SINGLE:
      return "single-borough";
    case CONSORT_KIND_TWO_BOROUGH:
      return "two-borough";
    case CONSORT_KIND_ALLIANCE:
      return "alliance";
    case CONSORT_KIND_NONE:
    default:
      return "none";
    }
}

const char *
consort_share_rule_describe (ConsortShareRule rule, gboolean for_cost)
{
  switch (rule)
    {
    case CONSORT_SHARE_DEFAULT:
      return for_cost ? _("In proportion to savings (default)")
                      : _("Pro rata to baselines (default)");
    case CONSORT_SHARE_EQUAL:
      return _("Equal shares");
    case CONSORT_SHARE_BASELINE:
      return _("Pro rata to baselines");
    case CONSORT_SHARE_POPULATION:
      return _("Pro rata to population");
    case CONSORT_SHARE_SAVINGS:
      return _("In proportion to savings");
    case CONSORT_SHARE_CUSTOM:
      return _("Custom shares");
    default:
      return _("Unknown");
    }
}

const char *
consort_cost_kind_describe (ConsortCostKind kind)
{
  static const char *const names[CONSORT_N_COST_KINDS] = {
    [CONSORT_COST_REDUNDANCY] = N_("Redundancy"),
    [CONSORT_COST_PENSION_STRAIN] = N_("Pension strain"),
    [CONSORT_COST_PROJECT_MANAGEMENT] = N_("Project management"),
    [CONSORT_COST_ICT_INVESTMENT] = N_("ICT investment"),
    [CONSORT_COST_OTHER] = N_("Other costs"),
  };

  if ((guint) kind < CONSORT_N_COST_KINDS)
    return _(names[kind]);
  return _("Unknown");
}

const char *
consort_criterion_describe (ConsortCriterion c)
{
  static const char *const names[CONSORT_N_CRITERIA] = {
    [CONSORT_CRITERION_EXISTING_ARRANGEMENTS] = N_("Existing alliance arrangements"),
    [CONSORT_CRITERION_MARKET_MATURITY] = N_("Market maturity"),
    [CONSORT_CRITERION_DELIVERY_CAPABILITY] = N_("Delivery capability"),
    [CONSORT_CRITERION_LEGAL_COMPLEXITY] = N_("Legal complexity"),
  };

  if ((guint) c < CONSORT_N_CRITERIA)
    return _(names[c]);
  return _("Unknown");
}

const char *
consort_kind_describe (ConsortKind kind)
{
  switch (kind)
    {
    case CONSORT_KIND_SINGLE:
      return _("Single borough");
    case CONSORT_KIND_TWO_BOROUGH:
      return _("Two-borough");
    case CONSORT_KIND_ALLIANCE:
      return _("Alliance");
    case CONSORT_KIND_NONE:
    default:
      return _("No participants");
    }
}

const char *
consort_model_describe (const char *model)
{
  static const struct { const char *slug; const char *name; } known[] = {
    { "shared_service", N_("Shared service (in-house)") },
    { "joint_commissioning", N_("Joint commissioning of outsourced services") },
    { "collaborative_procurement", N_("Collaborative procurement") },
    { "joint_outsourcing", N_("Joint outsourcing") },
    { "joint_venture", N_("Joint venture or social enterprise") },
    /* Older names, still read. */
    { "lead_borough", N_("Lead borough") },
    { "outsourcing", N_("Outsourcing") },
  };
  g_autoptr(GString) name = NULL;

  if (model == NULL || *model == '\0')
    return _("No model");

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (strcmp (model, known[i].slug) == 0)
      return _(known[i].name);

  /* Other models read as their slug: "in_house_pool" -> "In house pool".
   * Interned, so the string lives as long as the process. */
  name = g_string_new (model);
  for (gsize i = 0; i < name->len; i++)
    if (name->str[i] == '_' || name->str[i] == '-')
      name->str[i] = ' ';
  name->str[0] = g_ascii_toupper (name->str[0]);
  return g_intern_string (name->str);
}

/* ------------------------------------------------------------------ */
/* Validation                                                           */

#define MAX_FIRST_YEAR 2999
#define MIN_FIRST_YEAR 1900

typedef struct {
  const ConsortAppraisal *appraisal;
  GError                **error;
  /* Once the boroughs' (services') ids are known to be unique: id ->
   * index + 1, so that looking up thousands of baselines and items stays
   * linear in the appraisal's size. */
  GHashTable             *borough_ids;
  GHashTable             *service_ids;
  guint                  *stamps;     /* [n_boroughs]: service index + 1 of the last baseline seen */
  gboolean               *in_option;  /* [n_boroughs]: takes part in the option being checked */
} Validator;

static GHashTable *
index_ids (GPtrArray *array)
{
  /* ConsortBorough and ConsortService both start with the id. */
  GHashTable *ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < array->len; i++)
    g_hash_table_insert (ids, *(char **) g_ptr_array_index (array, i), GUINT_TO_POINTER (i + 1));
  return ids;
}

static int
borough_index (Validator *v, const char *id)
{
  if (id == NULL)
    return -1;
  if (v->borough_ids != NULL)
    return (int) GPOINTER_TO_UINT (g_hash_table_lookup (v->borough_ids, id)) - 1;
  return consort_appraisal_borough_index (v->appraisal, id);
}

static int
service_index (Validator *v, const char *id)
{
  if (id == NULL)
    return -1;
  if (v->service_ids != NULL)
    return (int) GPOINTER_TO_UINT (g_hash_table_lookup (v->service_ids, id)) - 1;
  return consort_appraisal_service_index (v->appraisal, id);
}

/* Where in the appraisal a rule is checked, as a chain of segments on
 * the stack.  Validation runs on every edit of large appraisals, so the
 * text ("options[1] (\"1b\").savings[2].rate") is only built when a rule
 * fails. */
typedef enum {
  PLACE_FIELD,  /* ".name", or "name" at the top */
  PLACE_INDEX,  /* ".name[index]", with " (\"id\")" when it has an id */
  PLACE_KEY,    /* "[\"id\"]" */
  PLACE_YEAR,   /* "[\"year\"]" */
} PlaceKind;

typedef struct _Place Place;

struct _Place {
  const Place *parent;
  PlaceKind    kind;
  const char  *name;
  guint        index;
  const char  *id;
  int          year;
};

#define FIELD(parent, name) (&(const Place) { (parent), PLACE_FIELD, (name), 0, NULL, 0 })
#define INDEX(parent, name, index) (&(const Place) { (parent), PLACE_INDEX, (name), (index), NULL, 0 })
#define INDEX_ID(parent, name, index, id) (&(const Place) { (parent), PLACE_INDEX, (name), (index), (id), 0 })
#define KEY(parent, id) (&(const Place) { (parent), PLACE_KEY, NULL, 0, (id), 0 })
#define YEAR(parent, year) (&(const Place) { (parent), PLACE_YEAR, NULL, 0, NULL, (year) })

/* A string quoted for messages, JSON-style, so odd ids stay readable. */
static char *
quote (const char *s)
{
  GString *out = g_string_new ("\"");

  for (const char *p = s ? s : ""; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

static void
place_append (GString     *out,
              const Place *place)
{
  g_autofree char *quoted = NULL;

  if (place == NULL)
    return;
  place_append (out, place->parent);
  switch (place->kind)
    {
    case PLACE_FIELD:
    case PLACE_INDEX:
      if (place->parent != NULL)
        g_string_append_c (out, '.');
      g_string_append (out, place->name);
      if (place->kind == PLACE_FIELD)
        break;
      g_string_append_printf (out, "[%u]", place->index);
      if (place->id != NULL && *place->id != '\0')
        {
          quoted = quote (place->id);
          g_string_append_printf (out, " (%s)", quoted);
        }
      break;
    case PLACE_KEY:
      quoted = quote (place->id);
      g_string_append_printf (out, "[%s]", quoted);
      break;
    case PLACE_YEAR:
    default:
      g_string_append_printf (out, "[\"%d\"]", place->year);
      break;
    }
}

G_GNUC_PRINTF (3, 4)
static gboolean
fail (Validator *v, const Place *place, const char *format, ...)
{
  g_autoptr(GString) where = g_string_new (NULL);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  place_append (where, place);
  g_set_error (v->error, CONSORT_ERROR, CONSORT_ERROR_INVALID, "%s: %s", where->str, message);
  return FALSE;
}

/* fail() with the message's one %s the quoted @s. */
static gboolean
fail_quoted (Validator *v, const Place *place, const char *format, const char *s)
{
  g_autofree char *quoted = quote (s);

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return fail (v, place, format, quoted);
#pragma GCC diagnostic pop
}

static gboolean
is_slug (const char *s)
{
  if (s == NULL || *s == '\0')
    return FALSE;
  for (const char *p = s; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
      return FALSE;
  return TRUE;
}

static gboolean
is_blank (const char *s)
{
  for (const char *p = s ? s : ""; *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static char *
fy (int year)
{
  return g_strdup_printf ("%d/%02d", year, (((year + 1) % 100) + 100) % 100);
}

static gboolean
check_slug_id (Validator *v, const Place *place, const char *id)
{
  if (id == NULL || *id == '\0')
    return fail (v, place, _("an id is needed"));
  if (!is_slug (id))
    return fail_quoted (v, place, _("%s is not a valid id: use lower-case letters a to z, digits, “_” and “-”"),
                        id);
  return TRUE;
}

static gboolean
check_name (Validator *v, const Place *place)
{
  return fail (v, place, _("a name is needed"));
}

static gboolean
check_year (Validator *v, const Place *place, int year)
{
  const ConsortAppraisal *a = v->appraisal;
  g_autofree char *y = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  if (year >= a->first_year && year <= a->first_year + a->years - 1)
    return TRUE;

  y = fy (year);
  first = fy (a->first_year);
  last = fy (a->first_year + a->years - 1);
  return fail (v, place, _("%s is outside the horizon %s to %s"), y, first, last);
}

static gboolean
check_fraction (Validator *v, const Place *place, ConsortMicros value)
{
  g_autofree char *text = NULL;

  if (value >= 0 && value <= CONSORT_MICROS_ONE)
    return TRUE;
  text = consort_micros_to_decimal (value);
  return fail (v, place, _("%s is outside 0 to 1"), text);
}

static gboolean
check_money (Validator *v, const Place *place, ConsortMoney value)
{
  g_autofree char *text = NULL;

  if (value >= 0 && value <= CONSORT_MONEY_MAX)
    return TRUE;
  if (value < 0)
    {
      text = consort_money_to_decimal (value);
      return fail (v, place, _("%s is negative"), text);
    }
  return fail (v, place, _("is too large"));
}

/* FTE, posts and weights: non-negative and not absurdly large (a
 * billion), so products with money stay far inside 128 bits. */
static gboolean
check_quantity (Validator *v, const Place *place, ConsortMicros value)
{
  g_autofree char *text = NULL;

  if (value >= 0 && value <= G_GINT64_CONSTANT (1000000000) * CONSORT_MICROS_ONE)
    return TRUE;
  if (value < 0)
    {
      text = consort_micros_to_decimal (value);
      return fail (v, place, _("%s is negative"), text);
    }
  return fail (v, place, _("is too large"));
}

/* Whether @borough_id, a borough of the appraisal, takes part in the
 * option being checked (whose participants are already checked). */
static gboolean
takes_part (Validator *v, const char *borough_id)
{
  int index = borough_index (v, borough_id);

  return index >= 0 && v->in_option[index];
}

static gboolean
validate_year_amounts (Validator    *v,
                       const Place  *place,
                       const GArray *amounts)
{
  for (guint i = 0; amounts != NULL && i < amounts->len; i++)
    {
      const ConsortYearAmount *ya = &g_array_index (amounts, ConsortYearAmount, i);
      const Place *here = YEAR (place, ya->year);

      if (i > 0 && g_array_index (amounts, ConsortYearAmount, i - 1).year >= ya->year)
        return fail (v, here, _("years must be in order and appear once"));
      if (!check_year (v, here, ya->year) || !check_money (v, here, ya->amount))
        return FALSE;
    }
  return TRUE;
}

static gboolean
validate_owner (Validator                *v,
                const Place              *item_place,
                const ConsortOption      *option,
                const ConsortAttribution *owner)
{
  if (owner->borough_id != NULL)
    {
      const Place *here = FIELD (item_place, "borough");

      if (borough_index (v, owner->borough_id) < 0)
        return fail_quoted (v, here, _("%s is not a borough"), owner->borough_id);
      if (!takes_part (v, owner->borough_id))
        return fail_quoted (v, here, _("%s does not take part in this option"), owner->borough_id);
      if (owner->share != CONSORT_SHARE_DEFAULT)
        return fail (v, FIELD (item_place, "share"),
                     _("an item of one borough cannot also be shared: give either borough or share"));
      return TRUE;
    }

  if (owner->share < CONSORT_SHARE_DEFAULT || owner->share > CONSORT_SHARE_CUSTOM)
    return fail (v, FIELD (item_place, "share"), _("unknown share rule"));

  if (owner->share == CONSORT_SHARE_CUSTOM)
    {
      const Place *here = FIELD (item_place, "share");
      gboolean any_weight = FALSE;
      guint n = owner->custom_shares ? owner->custom_shares->len : 0;

      if (n == 0)
        return fail (v, here, _("custom shares need at least one borough and weight"));

      for (guint i = 0; i < n; i++)
        {
          const ConsortShareWeight *w = &g_array_index (owner->custom_shares, ConsortShareWeight, i);
          const Place *wplace = KEY (here, w->borough_id);

          if (borough_index (v, w->borough_id) < 0)
            return fail_quoted (v, wplace, _("%s is not a borough"), w->borough_id);
          if (!takes_part (v, w->borough_id))
            return fail_quoted (v, wplace, _("%s does not take part in this option"), w->borough_id);
          for (guint j = 0; j < i; j++)
            if (g_strcmp0 (g_array_index (owner->custom_shares, ConsortShareWeight, j).borough_id,
                           w->borough_id) == 0)
              return fail_quoted (v, wplace, _("%s appears more than once"), w->borough_id);
          if (!check_quantity (v, wplace, w->weight))
            return FALSE;
          if (w->weight > 0)
            any_weight = TRUE;
        }

      /* All-zero custom weights would silently mean equal shares: almost
       * certainly a slip, so say so rather than guess. */
      if (!any_weight)
        return fail (v, here, _("every weight is zero"));
    }

  return TRUE;
}

/* Delivery models are a fixed set: a mistyped one would silently detach
 * rate items from their default rate. */
static gboolean
check_model (Validator *v, const Place *place, const char *model)
{
  const char * const *known = consort_known_models ();
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; known[i] != NULL; i++)
    if (strcmp (model, known[i]) == 0)
      return TRUE;
  for (guint i = 0; known[i] != NULL; i++)
    g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", known[i]);
  {
    g_autofree char *quoted = quote (model);

    return fail (v, place, _("%s is not a delivery model (one of: %s)"), quoted, list->str);
  }
}

/* Text that would be cut short (NUL), break a one-line message or table
 * (other controls), or disguise a name in a table (bidi overrides and
 * isolates).  Free text may hold tabs and line breaks; names and titles
 * hold no control characters at all. */
enum {
  TEXT_NAME      = 1 << 0,  /* no tab or newline either */
  TEXT_NO_BIDI   = 1 << 1,  /* no U+202A..U+202E, U+2066..U+2069 */
};

static gboolean
check_text (Validator *v, const Place *place, const char *s, guint rules)
{
  if (s == NULL)
    return TRUE;
  if (!g_utf8_validate (s, -1, NULL))
    return fail (v, place, _("is not valid UTF-8"));
  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || ((rules & TEXT_NAME) && (c == 0x7F || (c >= 0x80 && c < 0xA0))))
        {
          if (!(rules & TEXT_NAME) && (c == '\t' || c == '\n'))
            continue;
          return fail (v, place, _("contains a control character (U+%04X)"), c);
        }
      if ((rules & TEXT_NO_BIDI) &&
          ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)))
        return fail (v, place, _("contains a text-direction control character (U+%04X), "
                                 "which can disguise text"), c);
    }
  return TRUE;
}

#define CHECK_TEXT(place, s, rules) G_STMT_START { \
    if (!check_text (v, (place), (s), (rules))) return FALSE; } G_STMT_END

/* Every text of the appraisal; ids are slugs, checked with the records. */
static gboolean
validate_texts (Validator *v)
{
  const ConsortAppraisal *a = v->appraisal;
  const guint name = TEXT_NAME | TEXT_NO_BIDI;

  CHECK_TEXT (FIELD (NULL, "title"), a->title, TEXT_NAME);
  CHECK_TEXT (FIELD (NULL, "description"), a->description, 0);
  CHECK_TEXT (FIELD (NULL, "author"), a->author, TEXT_NAME);
  for (guint i = 0; i < LEN (a->boroughs); i++)
    {
      const ConsortBorough *b = g_ptr_array_index (a->boroughs, i);

      CHECK_TEXT (FIELD (INDEX_ID (NULL, "boroughs", i, b->id), "name"), b->name, name);
    }
  for (guint i = 0; i < LEN (a->services); i++)
    {
      const ConsortService *s = g_ptr_array_index (a->services, i);

      CHECK_TEXT (FIELD (INDEX_ID (NULL, "services", i, s->id), "name"), s->name, name);
    }
  for (guint i = 0; i < LEN (a->options); i++)
    {
      const ConsortOption *o = g_ptr_array_index (a->options, i);
      const Place *place = INDEX_ID (NULL, "options", i, o->id);

      CHECK_TEXT (FIELD (place, "name"), o->name, name);
      CHECK_TEXT (FIELD (place, "description"), o->description, 0);
      for (guint j = 0; j < LEN (o->savings); j++)
        {
          const ConsortSavingsItem *item = g_ptr_array_index (o->savings, j);
          const Place *iplace = INDEX (place, "savings", j);

          CHECK_TEXT (FIELD (iplace, "label"), item->label, TEXT_NAME);
          for (guint k = 0; item->posts != NULL && k < LEN (item->posts); k++)
            CHECK_TEXT (FIELD (INDEX (iplace, "posts", k), "title"),
                        ((ConsortPost *) g_ptr_array_index (item->posts, k))->title, TEXT_NAME);
        }
      for (guint j = 0; j < LEN (o->costs); j++)
        CHECK_TEXT (FIELD (INDEX (place, "costs", j), "label"),
                    ((ConsortCostItem *) g_ptr_array_index (o->costs, j))->label, TEXT_NAME);
      for (guint j = 0; j < LEN (o->feasibility); j++)
        CHECK_TEXT (FIELD (INDEX (place, "feasibility", j), "note"),
                    ((ConsortFeasibility *) g_ptr_array_index (o->feasibility, j))->note, 0);
      for (guint j = 0; j < LEN (o->risks); j++)
        {
          const ConsortRisk *r = g_ptr_array_index (o->risks, j);
          const Place *rplace = INDEX (place, "risks", j);

          CHECK_TEXT (FIELD (rplace, "class"), r->risk_class, TEXT_NAME);
          CHECK_TEXT (FIELD (rplace, "issue"), r->issue, 0);
          CHECK_TEXT (FIELD (rplace, "mitigation"), r->mitigation, 0);
        }
    }
  return TRUE;
}

#undef CHECK_TEXT

static gboolean
has_default_rate (const ConsortAppraisal *a, const char *model)
{
  for (guint i = 0; i < LEN (a->default_rates); i++)
    if (g_strcmp0 (((ConsortDefaultRate *) g_ptr_array_index (a->default_rates, i))->model, model) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
validate_savings_item (Validator                *v,
                       const Place              *place,
                       const ConsortOption      *option,
                       const ConsortSavingsItem *item)
{
  const ConsortAppraisal *a = v->appraisal;
  const Place *here = FIELD (place, "service");

  if (item->service_id == NULL || *item->service_id == '\0')
    return fail (v, here, _("a service is needed"));
  if (service_index (v, item->service_id) < 0)
    return fail_quoted (v, here, _("%s is not a service"), item->service_id);

  if (!validate_owner (v, place, option, &item->owner))
    return FALSE;

  switch (item->method)
    {
    case CONSORT_METHOD_AMOUNTS:
      return validate_year_amounts (v, FIELD (place, "amounts"), item->amounts);

    case CONSORT_METHOD_RATE:
      if (item->has_rate)
        {
          if (!check_fraction (v, FIELD (place, "rate"), item->rate))
            return FALSE;
          if (item->model != NULL && *item->model != '\0' &&
              !check_model (v, FIELD (place, "model"), item->model))
            return FALSE;
        }
      else
        {
          here = FIELD (place, "model");
          if (item->model == NULL || *item->model == '\0')
            return fail (v, here, _("a delivery model is needed where the rate is null"));
          if (!check_model (v, here, item->model))
            return FALSE;
          if (!has_default_rate (a, item->model))
            return fail_quoted (v, here, _("no default rate is given for %s"), item->model);
        }
      break;

    case CONSORT_METHOD_POSTS:
      for (guint i = 0; item->posts != NULL && i < LEN (item->posts); i++)
        {
          const ConsortPost *post = g_ptr_array_index (item->posts, i);
          const Place *pplace = INDEX (place, "posts", i);

          if (!check_quantity (v, FIELD (pplace, "fte"), post->fte) ||
              !check_money (v, FIELD (pplace, "cost"), post->cost))
            return FALSE;
        }
      break;

    default:
      return fail (v, FIELD (place, "method"), _("unknown savings method"));
    }

  /* RATE and POSTS: when the saving starts and how it ramps up. */
  if (!check_year (v, FIELD (place, "start"), item->start_year))
    return FALSE;
  if (item->start_month < 0 || item->start_month > 12)
    return fail (v, FIELD (place, "start_month"),
                 _("%d is not a month: use 1 to 12 (or leave it out)"), item->start_month);
  for (guint i = 0; item->phasing != NULL && i < LEN (item->phasing); i++)
    {
      if (!check_fraction (v, INDEX (place, "phasing", i),
                           g_array_index (item->phasing, ConsortMicros, i)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
validate_cost_item (Validator             *v,
                    const Place           *place,
                    const ConsortOption   *option,
                    const ConsortCostItem *item)
{
  if ((guint) item->kind >= CONSORT_N_COST_KINDS)
    return fail (v, FIELD (place, "kind"), _("unknown kind of cost"));

  if (item->service_id != NULL &&
      service_index (v, item->service_id) < 0)
    return fail_quoted (v, FIELD (place, "service"), _("%s is not a service"), item->service_id);

  if (!validate_owner (v, place, option, &item->owner))
    return FALSE;

  switch (item->form)
    {
    case CONSORT_COST_FORM_AMOUNT:
      if (!check_year (v, FIELD (place, "year"), item->year))
        return FALSE;
      return check_money (v, FIELD (place, "amount"), item->amount);

    case CONSORT_COST_FORM_POSTS:
      if (!check_year (v, FIELD (place, "year"), item->year))
        return FALSE;
      if (!check_quantity (v, FIELD (place, "posts"), item->posts))
        return FALSE;
      return check_money (v, FIELD (place, "unit_cost"), item->unit_cost);

    case CONSORT_COST_FORM_AMOUNTS:
      return validate_year_amounts (v, FIELD (place, "amounts"), item->amounts);

    default:
      return fail (v, place, _("unknown form of cost"));
    }
}

static gboolean
validate_option (Validator *v, guint index, const ConsortOption *option)
{
  const Place *place = INDEX_ID (NULL, "options", index, option->id);

  memset (v->in_option, 0, LEN (v->appraisal->boroughs) * sizeof (gboolean));
  for (guint i = 0; i < LEN (option->participants); i++)
    {
      const ConsortParticipant *p = g_ptr_array_index (option->participants, i);
      const Place *pplace = INDEX (place, "participants", i);
      const Place *bplace = FIELD (pplace, "borough");
      int b;

      if (p->borough_id == NULL || *p->borough_id == '\0')
        return fail (v, bplace, _("a borough is needed"));
      b = borough_index (v, p->borough_id);
      if (b < 0)
        return fail_quoted (v, bplace, _("%s is not a borough"), p->borough_id);
      if (v->in_option[b])
        for (guint j = 0; j < i; j++)
          if (g_strcmp0 (((ConsortParticipant *) g_ptr_array_index (option->participants, j))->borough_id,
                         p->borough_id) == 0)
            {
              g_autofree char *q = quote (p->borough_id);

              return fail (v, bplace, _("%s takes part more than once (also participants[%u])"), q, j);
            }
      v->in_option[b] = TRUE;
      if (!check_year (v, FIELD (pplace, "from"), p->from_year))
        return FALSE;
    }

  for (guint i = 0; i < LEN (option->savings); i++)
    if (!validate_savings_item (v, INDEX (place, "savings", i), option,
                                g_ptr_array_index (option->savings, i)))
      return FALSE;

  for (guint i = 0; i < LEN (option->costs); i++)
    if (!validate_cost_item (v, INDEX (place, "costs", i), option,
                             g_ptr_array_index (option->costs, i)))
      return FALSE;

  for (guint i = 0; i < LEN (option->feasibility); i++)
    {
      const ConsortFeasibility *f = g_ptr_array_index (option->feasibility, i);
      const Place *fplace = INDEX (place, "feasibility", i);
      const Place *splace = FIELD (fplace, "service");

      if (f->service_id == NULL || *f->service_id == '\0')
        return fail (v, splace, _("a service is needed"));
      if (service_index (v, f->service_id) < 0)
        return fail_quoted (v, splace, _("%s is not a service"), f->service_id);
      for (guint j = 0; j < i; j++)
        if (g_strcmp0 (((ConsortFeasibility *) g_ptr_array_index (option->feasibility, j))->service_id,
                       f->service_id) == 0)
          {
            g_autofree char *q = quote (f->service_id);

            return fail (v, splace, _("%s is rated more than once (also feasibility[%u])"), q, j);
          }
      for (int c = 0; c < CONSORT_N_CRITERIA; c++)
        if (f->ratings[c] < CONSORT_LEVEL_UNSET || f->ratings[c] > CONSORT_LEVEL_HIGH)
          return fail (v, FIELD (FIELD (fplace, "ratings"), consort_criterion_to_string (c)),
                       _("unknown rating"));
    }

  for (guint i = 0; i < LEN (option->risks); i++)
    {
      const ConsortRisk *r = g_ptr_array_index (option->risks, i);

      if (r->likelihood < CONSORT_LEVEL_UNSET || r->likelihood > CONSORT_LEVEL_HIGH)
        return fail (v, FIELD (INDEX (place, "risks", i), "likelihood"), _("unknown level"));
      if (r->impact < CONSORT_LEVEL_UNSET || r->impact > CONSORT_LEVEL_HIGH)
        return fail (v, FIELD (INDEX (place, "risks", i), "impact"), _("unknown level"));
    }

  return TRUE;
}

static gboolean
validate_appraisal (Validator *v)
{
  const ConsortAppraisal *self = v->appraisal;

  /* The horizon first: every year check below depends on it. */
  if (self->years < 1 || self->years > CONSORT_MAX_YEARS)
    return fail (v, FIELD (NULL, "years"), _("%d is outside 1 to %d"), self->years, CONSORT_MAX_YEARS);
  if (self->first_year < MIN_FIRST_YEAR || self->first_year > MAX_FIRST_YEAR)
    return fail (v, FIELD (NULL, "first_year"), _("%d is outside %d to %d"),
                 self->first_year, MIN_FIRST_YEAR, MAX_FIRST_YEAR);
  if (g_strcmp0 (self->currency, "GBP") != 0)
    return fail_quoted (v, FIELD (NULL, "currency"), _("%s is not supported: only GBP is"),
                        self->currency);
  if (!check_fraction (v, FIELD (NULL, "discount_rate"), self->discount_rate))
    return FALSE;

  for (guint i = 0; i < LEN (self->default_rates); i++)
    {
      const ConsortDefaultRate *r = g_ptr_array_index (self->default_rates, i);
      const Place *place = INDEX (NULL, "default_rates", i);
      const Place *mplace = FIELD (place, "model");

      if (r->model == NULL || *r->model == '\0')
        return fail (v, mplace, _("a delivery model is needed"));
      if (!check_model (v, mplace, r->model))
        return FALSE;
      if (r->min_partners < 1)
        return fail (v, FIELD (place, "min_partners"), _("%d is less than 1"), r->min_partners);
      for (guint j = 0; j < i; j++)
        {
          const ConsortDefaultRate *o = g_ptr_array_index (self->default_rates, j);

          if (g_strcmp0 (o->model, r->model) == 0 && o->min_partners == r->min_partners)
            return fail (v, place, ngettext ("%s with %d partner is given twice (also default_rates[%u])",
                                             "%s with %d partners is given twice (also default_rates[%u])",
                                             r->min_partners),
                         r->model, r->min_partners, j);
        }
      if (!check_fraction (v, FIELD (place, "rate"), r->rate))
        return FALSE;
    }

  for (guint i = 0; i < LEN (self->boroughs); i++)
    {
      const ConsortBorough *b = g_ptr_array_index (self->boroughs, i);
      const Place *place = INDEX_ID (NULL, "boroughs", i, b->id);
      const Place *idplace = FIELD (place, "id");

      if (!check_slug_id (v, idplace, b->id))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (g_strcmp0 (((ConsortBorough *) g_ptr_array_index (self->boroughs, j))->id, b->id) == 0)
          return fail (v, idplace, _("the id is used by boroughs[%u] too"), j);
      if (is_blank (b->name))
        return check_name (v, FIELD (place, "name"));
      if (b->population < 0)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, b->population);

          return fail (v, FIELD (place, "population"), _("%s is negative"), number);
        }
    }
  v->borough_ids = index_ids (self->boroughs);
  v->stamps = g_new0 (guint, LEN (self->boroughs) + 1);
  v->in_option = g_new0 (gboolean, LEN (self->boroughs) + 1);

  if (self->perspective != NULL &&
      borough_index (v, self->perspective) < 0)
    return fail_quoted (v, FIELD (NULL, "perspective"), _("%s is not a borough"), self->perspective);

  for (guint i = 0; i < LEN (self->services); i++)
    {
      const ConsortService *s = g_ptr_array_index (self->services, i);
      const Place *place = INDEX_ID (NULL, "services", i, s->id);
      const Place *idplace = FIELD (place, "id");

      if (!check_slug_id (v, idplace, s->id))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (g_strcmp0 (((ConsortService *) g_ptr_array_index (self->services, j))->id, s->id) == 0)
          return fail (v, idplace, _("the id is used by services[%u] too"), j);
      if (is_blank (s->name))
        return check_name (v, FIELD (place, "name"));

      for (guint j = 0; j < LEN (s->baselines); j++)
        {
          const ConsortBaseline *bl = g_ptr_array_index (s->baselines, j);
          const Place *bplace = KEY (FIELD (place, "baselines"), bl->borough_id);
          int b = borough_index (v, bl->borough_id);

          if (b < 0)
            return fail_quoted (v, bplace, _("%s is not a borough"), bl->borough_id);
          /* Ids are unique: the same index is the same borough. */
          if (v->stamps[b] == i + 1)
            return fail_quoted (v, bplace, _("%s has more than one baseline"), bl->borough_id);
          v->stamps[b] = i + 1;
          if (!check_money (v, FIELD (bplace, "budget"), bl->budget) ||
              !check_quantity (v, FIELD (bplace, "fte"), bl->fte) ||
              !check_quantity (v, FIELD (bplace, "management_posts"), bl->management_posts) ||
              !check_money (v, FIELD (bplace, "overheads"), bl->overheads))
            return FALSE;
        }
    }

  v->service_ids = index_ids (self->services);

  for (guint i = 0; i < LEN (self->options); i++)
    {
      const ConsortOption *o = g_ptr_array_index (self->options, i);
      const Place *place = INDEX_ID (NULL, "options", i, o->id);
      const Place *idplace = FIELD (place, "id");

      if (!check_slug_id (v, idplace, o->id))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (g_strcmp0 (((ConsortOption *) g_ptr_array_index (self->options, j))->id, o->id) == 0)
          return fail (v, idplace, _("the id is used by options[%u] too"), j);
      if (is_blank (o->name))
        return check_name (v, FIELD (place, "name"));
      if (!validate_option (v, i, o))
        return FALSE;
    }

  return validate_texts (v);
}

gboolean
consort_appraisal_validate (const ConsortAppraisal *self,
                            GError                **error)
{
  Validator v = { self, error, NULL, NULL, NULL, NULL };
  gboolean valid;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  valid = validate_appraisal (&v);
  g_clear_pointer (&v.borough_ids, g_hash_table_unref);
  g_clear_pointer (&v.service_ids, g_hash_table_unref);
  g_free (v.stamps);
  g_free (v.in_option);
  return valid;
}
