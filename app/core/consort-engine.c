/* consort-engine.c: computes an appraisal's figures.
 *
 * Every figure is integer pence; each rule (part-year, phasing, rates,
 * apportionment, NPV, break-even) is written down with worked numbers
 * in docs/rounding.md.  It must stay fast enough to recompute on every
 * edit of a London-wide appraisal (33 boroughs, 60 services, 20 options
 * of 100 items over 10 years): index maps are built once per compute,
 * each option's results are one allocation, there are no string
 * look-ups in the inner loops, and overflow is checked once per item and
 * year (within_bound) rather than on every addition.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "consort-engine.h"

#include <math.h>
#include <string.h>

#include "consort-error.h"

typedef __int128 i128;

/* The public struct plus what we must free. */
typedef struct {
  ConsortResults  pub;
  gpointer       *blocks;   /* [n_options]: one allocation per option */
} ResultsPrivate;

/* State of one compute. */
typedef struct {
  const ConsortAppraisal *appraisal;
  int           nb;
  int           ns;
  int           ny;
  int           first;
  GHashTable   *borough_ix;   /* id -> index + 1 */
  GHashTable   *service_ix;   /* id -> index + 1 */
  ConsortMoney *budget;       /* [ns * nb] controllable budget, pence */
  ConsortMoney *budget_all;   /* [nb] over every service */
  gint64       *population;   /* [nb] */

  /* Per option. */
  const ConsortOption *option;
  int           option_index;
  ConsortOptionResult *res;
  int           np;           /* participants (known, distinct boroughs) */
  int          *part_b;       /* [nb] borough index of each, option order */
  int          *part_join;    /* [nb] FY each joins */
  int          *year_parts;   /* [ny * nb] participant slots in FY y, option order */
  int           fallback;     /* borough taking partnership items in a FY with nobody */
  ConsortMoney *pass1_total;  /* [nb] gross over the horizon after pass 1 */
  ConsortMoney *final_total;  /* [nb] gross over the horizon, all savings */
  guint8       *service_used; /* [ns] some savings item of the option has this service */

  /* Per item scratch. */
  gint64       *w_borough;    /* [nb] */
  gint64       *w_slot;       /* [nb] */
  ConsortMoney *shares;       /* [nb] */
  gboolean      memo_valid;   /* e->shares split memo_amount among memo_n */
  ConsortMoney  memo_amount;
  int           memo_n;
  gint64       *slot_factor;  /* [nb] rate items: each participant's last factor */
  ConsortMoney *slot_saving;  /* [nb] and the saving it gave */
  ConsortMoney *bound_gross;  /* [ny] see within_bound */
  ConsortMoney *bound_costs;  /* [ny] */
  ConsortMoney *fy;           /* [ny] */
  ConsortMicros *rate_y;      /* [ny] */
} Engine;

/* consort_money_add's check, inlined for the inner loops. */
static inline gboolean
acc_add (ConsortMoney *acc, ConsortMoney v)
{
  ConsortMoney r;

  if (G_UNLIKELY (__builtin_add_overflow (*acc, v, &r) || r > CONSORT_MONEY_MAX || r < -CONSORT_MONEY_MAX))
    return FALSE;
  *acc = r;
  return TRUE;
}

#define BUDGET(e, s, b) ((e)->budget[(gsize) (s) * (e)->nb + (b)])

static int
lookup (GHashTable *map, const char *id)
{
  if (id == NULL)
    return -1;
  return GPOINTER_TO_INT (g_hash_table_lookup (map, id)) - 1;
}

static gboolean
overflow_error (Engine *e, const char *what, int index, GError **error)
{
  if (what != NULL)
    g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_OVERFLOW,
                 "options[%d] (\"%s\").%s[%d]: a figure exceeds the largest amount allowed "
                 "(£1,000,000,000,000,000)",
                 e->option_index, e->option->id, what, index);
  else
    g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_OVERFLOW,
                 "options[%d] (\"%s\"): a total exceeds the largest amount allowed "
                 "(£1,000,000,000,000,000)",
                 e->option_index, e->option->id);
  return FALSE;
}

/* Rows of the breakdowns.  They are stored service by service (kind
 * by kind), every party's row of one service side by side, because one
 * item's shares go to the same service of many boroughs at once. */
static inline ConsortMoney *
service_row (const ConsortOptionResult *r, int party, int service)
{
  return r->service_gross + ((gsize) service * (r->n_boroughs + 1) + party + 1) * r->n_years;
}

static inline ConsortMoney *
kind_row (const ConsortOptionResult *r, int party, int kind)
{
  return r->kind_costs + ((gsize) kind * (r->n_boroughs + 1) + party + 1) * r->n_years;
}

/* Months of saving in the FY an item starts: from @start_month to March. */
static int
part_year_months (int start_month)
{
  if (start_month <= 0 || start_month > 12)
    return 12;
  return start_month >= 4 ? 16 - start_month : 4 - start_month;
}

static ConsortMicros
phase_at (const GArray *phasing, int k)
{
  if (phasing == NULL || phasing->len == 0)
    return CONSORT_MICROS_ONE;
  if (k >= (int) phasing->len)
    k = phasing->len - 1;
  return g_array_index (phasing, ConsortMicros, k);
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

/* The rule actually used. */
static ConsortShareRule
effective_rule (const ConsortAttribution *owner, gboolean for_cost)
{
  if (owner->share == CONSORT_SHARE_DEFAULT)
    return for_cost ? CONSORT_SHARE_SAVINGS : CONSORT_SHARE_BASELINE;
  return owner->share;
}

/* Fills e->w_borough with each borough's weight under @rule. */
static void
rule_weights (Engine                   *e,
              ConsortShareRule          rule,
              const ConsortAttribution *owner,
              int                       service,
              const ConsortMoney       *savings_totals)
{
  int b;

  switch (rule)
    {
    case CONSORT_SHARE_EQUAL:
      for (b = 0; b < e->nb; b++)
        e->w_borough[b] = 1;
      break;
    case CONSORT_SHARE_POPULATION:
      for (b = 0; b < e->nb; b++)
        e->w_borough[b] = e->population[b];
      break;
    case CONSORT_SHARE_CUSTOM:
      memset (e->w_borough, 0, sizeof (gint64) * e->nb);
      if (owner->custom_shares != NULL)
        for (guint i = 0; i < owner->custom_shares->len; i++)
          {
            const ConsortShareWeight *w = &g_array_index (owner->custom_shares, ConsortShareWeight, i);
            int ix = lookup (e->borough_ix, w->borough_id);

            if (ix >= 0)
              e->w_borough[ix] = w->weight;
          }
      break;
    case CONSORT_SHARE_SAVINGS:
      for (b = 0; b < e->nb; b++)
        e->w_borough[b] = savings_totals[b];
      break;
    case CONSORT_SHARE_BASELINE:
    case CONSORT_SHARE_DEFAULT:
    default:
      for (b = 0; b < e->nb; b++)
        e->w_borough[b] = service >= 0 ? BUDGET (e, service, b) : e->budget_all[b];
      break;
    }
}

/* Adds @amount to borough @b in year index @y: to gross savings and
 * the item's service (savings, @kind < 0), or to costs and the kind of
 * cost.  No check is needed here: every amount has been counted first
 * into the year's bound (within_bound), and no borough's figure can
 * exceed that bound. */
static inline void
add_to (Engine *e, int b, int y, ConsortMoney amount, int service, int kind)
{
  ConsortOptionResult *r = e->res;
  ConsortFigures *f = &r->boroughs[b];

  if (kind >= 0)
    {
      f->costs[y] += amount;
      kind_row (r, b, kind)[y] += amount;
      return;
    }
  if (service >= 0)
    service_row (r, b, service)[y] += amount;
  f->gross[y] += amount;
}

/* Adds |@amount| to the bound of year index @y for savings or costs:
 * the sum of the magnitudes of everything added to any figure of that
 * year.  While it stays within CONSORT_MONEY_MAX, so does every
 * borough's figure, every breakdown and the partnership's sum. */
static inline gboolean
within_bound (Engine *e, int y, ConsortMoney amount, gboolean cost)
{
  return acc_add (&(cost ? e->bound_costs : e->bound_gross)[y], amount < 0 ? -amount : amount);
}

/* Shares @amount of year index @y among that FY's participants by the
 * weights in e->w_borough (exactly, consort_apportion). */
static gboolean
distribute (Engine *e, int y, ConsortMoney amount, int service, int kind)
{
  int n = e->res->partners[y];
  const int *slots = e->year_parts + (gsize) y * e->nb;

  if (amount == 0)
    return TRUE;
  if (n == 0)
    {
      /* Nobody has joined yet: the borough that joins first carries it
       * (docs/rounding.md); an option without participants has nobody. */
      if (e->fallback < 0)
        return TRUE;
      add_to (e, e->fallback, y, amount, service, kind);
      return TRUE;
    }
  /* The same amount among the same boroughs with the same weights (a
   * steady saving, year after year) splits the same way. */
  if (!e->memo_valid || e->memo_amount != amount || e->memo_n != n)
    {
      for (int k = 0; k < n; k++)
        e->w_slot[k] = e->w_borough[e->part_b[slots[k]]];
      consort_apportion (amount, e->w_slot, n, e->shares);
      e->memo_valid = TRUE;
      e->memo_amount = amount;
      e->memo_n = n;
    }
  {
    /* add_to, with the row and figure addresses worked out once. */
    ConsortOptionResult *r = e->res;
    gsize ny = r->n_years;
    ConsortMoney *row0 = kind >= 0 ? kind_row (r, -1, kind)
                         : service >= 0 ? service_row (r, -1, service) : NULL;
    ConsortMoney *fig0 = r->partnership.gross + (kind >= 0 ? ny : 0);  /* party stride 4 ny */

    for (int k = 0; k < n; k++)
      {
        gsize party = (gsize) e->part_b[slots[k]] + 1;
        ConsortMoney share = e->shares[k];

        fig0[party * 4 * ny + y] += share;
        if (row0 != NULL)
          row0[party * ny + y] += share;
      }
  }
  return TRUE;
}

/* An attributed item goes to its borough, else it is shared by @rule. */
static gboolean
assign_series (Engine                   *e,
               const ConsortAttribution *owner,
               ConsortShareRule          rule,
               int                       service,
               int                       kind,
               const ConsortMoney       *savings_totals)
{
  int owner_b = lookup (e->borough_ix, owner->borough_id);

  if (owner->borough_id != NULL && owner_b < 0)
    return TRUE;  /* unknown borough: validation reports it */
  for (int y = 0; y < e->ny; y++)
    if (!within_bound (e, y, e->fy[y], kind >= 0))
      return FALSE;

  if (owner->borough_id != NULL)
    {
      for (int y = 0; y < e->ny; y++)
        add_to (e, owner_b, y, e->fy[y], service, kind);
      return TRUE;
    }

  rule_weights (e, rule, owner, service, savings_totals);
  e->memo_valid = FALSE;
  for (int y = 0; y < e->ny; y++)
    if (!distribute (e, y, e->fy[y], service, kind))
      return FALSE;
  return TRUE;
}

static gboolean
series_from_amounts (Engine *e, const GArray *amounts)
{
  memset (e->fy, 0, sizeof (ConsortMoney) * e->ny);
  if (amounts == NULL)
    return TRUE;
  for (guint i = 0; i < amounts->len; i++)
    {
      const ConsortYearAmount *ya = &g_array_index (amounts, ConsortYearAmount, i);
      int y = ya->year - e->first;

      if (y < 0 || y >= e->ny)
        continue;  /* outside the horizon: validation reports it */
      if (!consort_money_add (e->fy[y], ya->amount, &e->fy[y]))
        return FALSE;
    }
  return TRUE;
}

/* round (sum of fte x cost / 10^6), one rounding half away from zero. */
static gboolean
posts_full_year (const GPtrArray *posts, ConsortMoney *out)
{
  i128 sum = 0;
  i128 q, r;

  if (posts != NULL)
    for (guint i = 0; i < posts->len; i++)
      {
        const ConsortPost *p = g_ptr_array_index (posts, i);

        if (__builtin_add_overflow (sum, (i128) p->fte * p->cost, &sum))
          return FALSE;
      }
  q = sum / CONSORT_MICROS_ONE;
  r = sum % CONSORT_MICROS_ONE;
  if (r < 0)
    r = -r;
  if (2 * r >= CONSORT_MICROS_ONE)
    q += sum < 0 ? -1 : 1;
  if (q > CONSORT_MONEY_MAX || q < -CONSORT_MONEY_MAX)
    return FALSE;
  *out = (ConsortMoney) q;
  return TRUE;
}

static gboolean
series_from_posts (Engine *e, const ConsortSavingsItem *item)
{
  ConsortMoney full;
  int months = part_year_months (item->start_month);

  memset (e->fy, 0, sizeof (ConsortMoney) * e->ny);
  if (!posts_full_year (item->posts, &full))
    return FALSE;
  for (int y = MAX (0, item->start_year - e->first); y < e->ny; y++)
    {
      int year = e->first + y;
      int m = (year == item->start_year) ? months : 12;

      if (!consort_money_muldiv3 (full, phase_at (item->phasing, year - item->start_year),
                                  m, 12 * CONSORT_MICROS_ONE, &e->fy[y]))
        return FALSE;
    }
  return TRUE;
}

/* The default rate for @model with @partners taking part: the entry with
 * the largest min_partners not above @partners; 0 if none. */
static ConsortMicros
default_rate (const ConsortAppraisal *a, const char *model, int partners)
{
  ConsortMicros rate = 0;
  int best = G_MININT;

  if (model == NULL || a->default_rates == NULL)
    return 0;
  for (guint i = 0; i < a->default_rates->len; i++)
    {
      const ConsortDefaultRate *d = g_ptr_array_index (a->default_rates, i);

      if (d->model != NULL && strcmp (d->model, model) == 0
          && d->min_partners <= partners && d->min_partners > best)
        {
          best = d->min_partners;
          rate = d->rate;
        }
    }
  return rate;
}

#define RATE_DEN (12 * CONSORT_MICROS_ONE * CONSORT_MICROS_ONE)

static gint64
gcd64 (gint64 a, gint64 b)
{
  if (a < 0)
    a = -a;
  while (b != 0)
    {
      gint64 t = a % b;

      a = b;
      b = t;
    }
  return a > 0 ? a : 1;
}

/* Rate savings: each participating borough's own saving on its own
 * budget, ramping from its own first year. */
static gboolean
compute_rate (Engine *e, const ConsortSavingsItem *item, int service,
              const ConsortMoney *savings_totals)
{
  int owner_b = lookup (e->borough_ix, item->owner.borough_id);
  gboolean attributed = item->owner.borough_id != NULL;
  int months = part_year_months (item->start_month);
  ConsortShareRule rule = effective_rule (&item->owner, FALSE);
  gboolean keep_own = attributed || rule == CONSORT_SHARE_BASELINE;

  if (attributed && owner_b < 0)
    return TRUE;

  for (int y = 0; y < e->ny; y++)
    e->rate_y[y] = item->has_rate ? item->rate
                   : default_rate (e->appraisal, item->model, e->res->partners[y]);

  memset (e->fy, 0, sizeof (ConsortMoney) * e->ny);
  for (int k = 0; k < e->np; k++)
    e->slot_factor[k] = G_MININT64;  /* none yet */
  for (int y = MAX (0, item->start_year - e->first); y < e->ny; y++)
    {
      int year = e->first + y;
      int m = (year == item->start_year) ? months : 12;
      /* rate x phase x months / (10^6 x 10^6 x 12), reduced to lowest
       * terms once per distinct factor, so that its product with a
       * budget mostly fits in 64 bits; the value is the same. */
      gint64 last_factor = -1, num = 0, den = 1;

      for (int k = 0; k < e->np; k++)
        {
          int b = e->part_b[k];
          int from = MAX (item->start_year, e->part_join[k]);
          ConsortMicros phase;
          gint64 factor;
          ConsortMoney saving;

          if (year < from || (attributed && b != owner_b))
            continue;
          phase = phase_at (item->phasing, year - from);
          if (__builtin_mul_overflow (e->rate_y[y], phase, &factor)
              || __builtin_mul_overflow (factor, (gint64) m, &factor))
            return FALSE;
          if (factor == e->slot_factor[k])
            saving = e->slot_saving[k];  /* as last year: a steady saving */
          else
            {
              if (factor != last_factor)
                {
                  gint64 g = gcd64 (factor, RATE_DEN);

                  last_factor = factor;
                  num = factor / g;
                  den = RATE_DEN / g;
                }
              if (!consort_money_muldiv (service >= 0 ? BUDGET (e, service, b) : 0, num, den, &saving))
                return FALSE;
              e->slot_factor[k] = factor;
              e->slot_saving[k] = saving;
            }
          if (keep_own)
            {
              if (!within_bound (e, y, saving, FALSE))
                return FALSE;
              add_to (e, b, y, saving, service, -1);
            }
          else if (!acc_add (&e->fy[y], saving))
            return FALSE;
        }
    }

  if (keep_own)
    return TRUE;
  /* An explicit rule other than baselines re-shares the year's total. */
  return assign_series (e, &item->owner, rule, service, -1, savings_totals);
}

static gboolean
compute_savings_item (Engine *e, const ConsortSavingsItem *item, const ConsortMoney *savings_totals)
{
  int service = lookup (e->service_ix, item->service_id);
  ConsortShareRule rule = effective_rule (&item->owner, FALSE);

  if (service >= 0)
    e->service_used[service] = TRUE;
  switch (item->method)
    {
    case CONSORT_METHOD_RATE:
      return compute_rate (e, item, service, savings_totals);
    case CONSORT_METHOD_POSTS:
      if (!series_from_posts (e, item))
        return FALSE;
      break;
    case CONSORT_METHOD_AMOUNTS:
    default:
      if (!series_from_amounts (e, item->amounts))
        return FALSE;
      break;
    }
  return assign_series (e, &item->owner, rule, service, -1, savings_totals);
}

static gboolean
compute_cost_item (Engine *e, const ConsortCostItem *item)
{
  int service = lookup (e->service_ix, item->service_id);
  int kind = item->kind;

  if (kind < 0 || kind >= CONSORT_N_COST_KINDS)
    kind = CONSORT_COST_OTHER;

  memset (e->fy, 0, sizeof (ConsortMoney) * e->ny);
  switch (item->form)
    {
    case CONSORT_COST_FORM_AMOUNTS:
      if (!series_from_amounts (e, item->amounts))
        return FALSE;
      break;
    case CONSORT_COST_FORM_POSTS:
    case CONSORT_COST_FORM_AMOUNT:
    default:
      {
        int y = item->year - e->first;
        ConsortMoney amount = item->amount;

        if (item->form == CONSORT_COST_FORM_POSTS
            && !consort_money_muldiv (item->posts, item->unit_cost, CONSORT_MICROS_ONE, &amount))
          return FALSE;
        if (y >= 0 && y < e->ny)
          e->fy[y] = amount;
      }
      break;
    }
  return assign_series (e, &item->owner, effective_rule (&item->owner, TRUE),
                        service, kind, e->final_total);
}

/* Each borough's gross savings over the horizon so far. */
static gboolean
horizon_totals (Engine *e, ConsortMoney *totals)
{
  for (int b = 0; b < e->nb; b++)
    {
      const ConsortMoney *gross = e->res->boroughs[b].gross;
      ConsortMoney t = 0;

      for (int y = 0; y < e->ny; y++)
        if (!acc_add (&t, gross[y]))
          return FALSE;
      totals[b] = t;
    }
  return TRUE;
}

static gboolean
uses_savings_rule (const ConsortSavingsItem *item)
{
  return item->owner.borough_id == NULL && item->owner.share == CONSORT_SHARE_SAVINGS;
}

ConsortMoney
consort_npv (const ConsortMoney *values, int n, ConsortMicros rate)
{
  long double factor = 1.0L + (long double) rate / 1000000.0L;
  long double acc = 0.0L;
  long double rounded;

  if (n <= 0)
    return 0;
  /* Horner's scheme from the last year back: one division and one
   * addition per year, so the error stays within a few units in the last
   * place of long double (docs/rounding.md). */
  for (int t = n - 1; t >= 0; t--)
    acc = (t == n - 1) ? (long double) values[t] : (long double) values[t] + acc / factor;
  rounded = roundl (acc);
  if (rounded > (long double) CONSORT_MONEY_MAX)
    return CONSORT_MONEY_MAX;
  if (rounded < -(long double) CONSORT_MONEY_MAX)
    return -CONSORT_MONEY_MAX;
  return (ConsortMoney) rounded;
}

/* net, cumulative, totals, NPV and break-even of one party. */
static gboolean
finish_figures (ConsortFigures *f, int ny, int first, ConsortMicros rate)
{
  ConsortMoney cumulative = 0;
  gboolean was_negative = FALSE;

  f->total_gross = f->total_costs = f->total_net = 0;
  f->breakeven = CONSORT_NO_YEAR;
  for (int y = 0; y < ny; y++)
    {
      if (!consort_money_sub (f->gross[y], f->costs[y], &f->net[y]))
        return FALSE;
      if (!consort_money_add (cumulative, f->net[y], &cumulative))
        return FALSE;
      f->cumulative[y] = cumulative;
      if (!consort_money_add (f->total_gross, f->gross[y], &f->total_gross)
          || !consort_money_add (f->total_costs, f->costs[y], &f->total_costs))
        return FALSE;
      if (cumulative < 0)
        was_negative = TRUE;
      else if (was_negative && f->breakeven == CONSORT_NO_YEAR)
        f->breakeven = first + y;
    }
  f->total_net = cumulative;
  f->npv = consort_npv (f->net, ny, rate);
  return TRUE;
}

/* Adds @src into @dest.  Within an option's bounds (within_bound),
 * sums of boroughs cannot go past CONSORT_MONEY_MAX; checked anyway,
 * cheaply, once per row. */
static gboolean
sum_rows (ConsortMoney *dest, const ConsortMoney *src, gsize n)
{
  gboolean ok = TRUE;

  for (gsize i = 0; i < n; i++)
    {
      dest[i] += src[i];
      ok &= dest[i] <= CONSORT_MONEY_MAX && dest[i] >= -CONSORT_MONEY_MAX;
    }
  return ok;
}

static gboolean
compute_option (Engine *e, ConsortOptionResult *r, gpointer *block_out, GError **error)
{
  const ConsortOption *o = e->option;
  int nb = e->nb, ns = e->ns, ny = e->ny;
  gsize n_money = (gsize) (nb + 1) * 4 * ny
                  + (gsize) (nb + 1) * ns * ny
                  + (gsize) (nb + 1) * CONSORT_N_COST_KINDS * ny;
  gsize size = sizeof (ConsortFigures) * nb
               + sizeof (ConsortMoney) * n_money
               + sizeof (int) * ny
               + sizeof (ConsortKind) * ny;
  char *block = g_malloc0 (size);
  ConsortMoney *money;
  int earliest = G_MAXINT;

  *block_out = block;
  r->option = o;
  r->n_years = ny;
  r->n_boroughs = nb;
  r->n_services = ns;
  r->boroughs = (ConsortFigures *) block;
  money = (ConsortMoney *) (block + sizeof (ConsortFigures) * nb);
  for (int p = -1; p < nb; p++)
    {
      ConsortFigures *f = p < 0 ? &r->partnership : &r->boroughs[p];

      f->gross = money;
      f->costs = money + ny;
      f->net = money + 2 * ny;
      f->cumulative = money + 3 * ny;
      money += 4 * ny;
    }
  r->service_gross = money;
  money += (gsize) (nb + 1) * ns * ny;
  r->kind_costs = money;
  money += (gsize) (nb + 1) * CONSORT_N_COST_KINDS * ny;
  r->partners = (int *) money;
  r->kinds = (ConsortKind *) (r->partners + ny);
  r->partnership.participates = TRUE;

  memset (e->service_used, 0, ns);
  memset (e->bound_gross, 0, sizeof (ConsortMoney) * ny);
  memset (e->bound_costs, 0, sizeof (ConsortMoney) * ny);

  /* Participants, option order, each borough once. */
  e->np = 0;
  e->fallback = -1;
  for (guint i = 0; o->participants != NULL && i < o->participants->len; i++)
    {
      const ConsortParticipant *p = g_ptr_array_index (o->participants, i);
      int b = lookup (e->borough_ix, p->borough_id);

      if (b < 0 || r->boroughs[b].participates)
        continue;
      r->boroughs[b].participates = TRUE;
      e->part_b[e->np] = b;
      e->part_join[e->np] = p->from_year;
      if (p->from_year < earliest)
        {
          earliest = p->from_year;
          e->fallback = b;
        }
      e->np++;
    }
  for (int y = 0; y < ny; y++)
    {
      int n = 0;

      for (int k = 0; k < e->np; k++)
        if (e->part_join[k] <= e->first + y)
          e->year_parts[(gsize) y * nb + n++] = k;
      r->partners[y] = n;
      r->kinds[y] = kind_for (n);
    }
  r->kind = r->kinds[ny - 1];

  /* Pass 1: savings not shared by savings; pass 2: those that are, by
   * the pass-1 totals; then costs, by the final totals. */
  for (guint i = 0; o->savings != NULL && i < o->savings->len; i++)
    {
      const ConsortSavingsItem *item = g_ptr_array_index (o->savings, i);

      if (!uses_savings_rule (item) && !compute_savings_item (e, item, NULL))
        return overflow_error (e, "savings", i, error);
    }
  if (!horizon_totals (e, e->pass1_total))
    return overflow_error (e, NULL, 0, error);
  for (guint i = 0; o->savings != NULL && i < o->savings->len; i++)
    {
      const ConsortSavingsItem *item = g_ptr_array_index (o->savings, i);

      if (uses_savings_rule (item) && !compute_savings_item (e, item, e->pass1_total))
        return overflow_error (e, "savings", i, error);
    }
  if (!horizon_totals (e, e->final_total))
    return overflow_error (e, NULL, 0, error);
  for (guint i = 0; o->costs != NULL && i < o->costs->len; i++)
    if (!compute_cost_item (e, g_ptr_array_index (o->costs, i)))
      return overflow_error (e, "costs", i, error);

  /* The partnership is the exact sum of the boroughs. */
  for (int b = 0; b < nb; b++)
    {
      if (!sum_rows (r->partnership.gross, r->boroughs[b].gross, ny)
          || !sum_rows (r->partnership.costs, r->boroughs[b].costs, ny))
        return overflow_error (e, NULL, 0, error);
      for (int sv = 0; sv < ns; sv++)
        if (e->service_used[sv]  /* other rows are all zero */
            && !sum_rows (service_row (r, -1, sv), service_row (r, b, sv), ny))
          return overflow_error (e, NULL, 0, error);
      for (int k = 0; k < CONSORT_N_COST_KINDS; k++)
        if (!sum_rows (kind_row (r, -1, k), kind_row (r, b, k), ny))
          return overflow_error (e, NULL, 0, error);
    }
  for (int p = -1; p < nb; p++)
    if (!finish_figures (p < 0 ? &r->partnership : &r->boroughs[p], ny, e->first,
                         e->appraisal->discount_rate))
      return overflow_error (e, NULL, 0, error);
  return TRUE;
}

static void
results_free (ResultsPrivate *priv)
{
  for (int i = 0; i < priv->pub.n_options; i++)
    g_free (priv->blocks[i]);
  g_free (priv->blocks);
  g_free (priv->pub.options);
  if (priv->pub.appraisal != NULL)
    consort_appraisal_unref (priv->pub.appraisal);
  g_free (priv);
}

ConsortResults *
consort_engine_compute (ConsortAppraisal *appraisal, GError **error)
{
  ResultsPrivate *priv;
  ConsortResults *res;
  Engine e = { 0 };
  gboolean ok = TRUE;
  int nb, ns, ny;
  gsize scratch;

  g_return_val_if_fail (appraisal != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!consort_appraisal_validate (appraisal, error))
    return NULL;

  nb = appraisal->boroughs != NULL ? (int) appraisal->boroughs->len : 0;
  ns = appraisal->services != NULL ? (int) appraisal->services->len : 0;
  ny = appraisal->years;
  if (ny < 1 || ny > CONSORT_MAX_YEARS)
    {
      g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_INVALID,
                   "years: %d is outside 1 to %d", ny, CONSORT_MAX_YEARS);
      return NULL;
    }

  priv = g_new0 (ResultsPrivate, 1);
  res = &priv->pub;
  g_atomic_ref_count_init (&res->ref_count);
  res->appraisal = consort_appraisal_ref (appraisal);
  res->first_year = appraisal->first_year;
  res->n_years = ny;
  res->n_options = appraisal->options != NULL ? (int) appraisal->options->len : 0;
  res->options = g_new0 (ConsortOptionResult, res->n_options);
  priv->blocks = g_new0 (gpointer, MAX (res->n_options, 1));

  e.appraisal = appraisal;
  e.nb = nb;
  e.ns = ns;
  e.ny = ny;
  e.first = appraisal->first_year;
  e.borough_ix = g_hash_table_new (g_str_hash, g_str_equal);
  e.service_ix = g_hash_table_new (g_str_hash, g_str_equal);
  for (int b = 0; b < nb; b++)
    {
      const ConsortBorough *bo = g_ptr_array_index (appraisal->boroughs, b);

      if (bo->id != NULL && !g_hash_table_contains (e.borough_ix, bo->id))
        g_hash_table_insert (e.borough_ix, bo->id, GINT_TO_POINTER (b + 1));
    }
  for (int s = 0; s < ns; s++)
    {
      const ConsortService *sv = g_ptr_array_index (appraisal->services, s);

      if (sv->id != NULL && !g_hash_table_contains (e.service_ix, sv->id))
        g_hash_table_insert (e.service_ix, sv->id, GINT_TO_POINTER (s + 1));
    }

  /* One scratch block for the whole compute. */
  scratch = sizeof (ConsortMoney) * ((gsize) ns * nb + nb)   /* budget, budget_all */
            + sizeof (gint64) * nb                            /* population */
            + sizeof (int) * (2 * (gsize) nb + (gsize) ny * nb) /* part_b, part_join, year_parts */
            + sizeof (ConsortMoney) * 2 * nb                  /* pass1, final totals */
            + sizeof (gint64) * 2 * nb                        /* w_borough, w_slot */
            + sizeof (ConsortMoney) * nb                      /* shares */
            + sizeof (ConsortMoney) * ny                      /* fy */
            + sizeof (ConsortMicros) * ny                     /* rate_y */
            + sizeof (ConsortMoney) * 2 * ny                  /* bounds */
            + sizeof (gint64) * 2 * nb                        /* slot_factor, slot_saving */
            + ns;                                             /* service_used */
  {
    char *p = g_malloc0 (scratch + 64);
    gpointer scratch_block = p;

    e.budget = (ConsortMoney *) p;         p += sizeof (ConsortMoney) * (gsize) ns * nb;
    e.budget_all = (ConsortMoney *) p;     p += sizeof (ConsortMoney) * nb;
    e.population = (gint64 *) p;           p += sizeof (gint64) * nb;
    e.pass1_total = (ConsortMoney *) p;    p += sizeof (ConsortMoney) * nb;
    e.final_total = (ConsortMoney *) p;    p += sizeof (ConsortMoney) * nb;
    e.w_borough = (gint64 *) p;            p += sizeof (gint64) * nb;
    e.w_slot = (gint64 *) p;               p += sizeof (gint64) * nb;
    e.shares = (ConsortMoney *) p;         p += sizeof (ConsortMoney) * nb;
    e.fy = (ConsortMoney *) p;             p += sizeof (ConsortMoney) * ny;
    e.rate_y = (ConsortMicros *) p;        p += sizeof (ConsortMicros) * ny;
    e.bound_gross = (ConsortMoney *) p;    p += sizeof (ConsortMoney) * ny;
    e.bound_costs = (ConsortMoney *) p;    p += sizeof (ConsortMoney) * ny;
    e.slot_factor = (gint64 *) p;          p += sizeof (gint64) * nb;
    e.slot_saving = (ConsortMoney *) p;    p += sizeof (ConsortMoney) * nb;
    e.part_b = (int *) p;                  p += sizeof (int) * nb;
    e.part_join = (int *) p;               p += sizeof (int) * nb;
    e.year_parts = (int *) p;              p += sizeof (int) * (gsize) ny * nb;
    e.service_used = (guint8 *) p;

    for (int b = 0; b < nb; b++)
      e.population[b] = ((ConsortBorough *) g_ptr_array_index (appraisal->boroughs, b))->population;
    for (int s = 0; s < ns && ok; s++)
      {
        const ConsortService *sv = g_ptr_array_index (appraisal->services, s);

        for (guint i = 0; sv->baselines != NULL && i < sv->baselines->len; i++)
          {
            const ConsortBaseline *bl = g_ptr_array_index (sv->baselines, i);
            int b = lookup (e.borough_ix, bl->borough_id);

            if (b < 0)
              continue;
            BUDGET (&e, s, b) = bl->budget;
            if (!consort_money_add (e.budget_all[b], bl->budget, &e.budget_all[b]))
              {
                g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_OVERFLOW,
                             "boroughs[%d] (\"%s\"): budgets over all services add up to more "
                             "than the largest amount allowed (£1,000,000,000,000,000)",
                             b, bl->borough_id);
                ok = FALSE;
                break;
              }
          }
      }

    for (int i = 0; ok && i < res->n_options; i++)
      {
        e.option = g_ptr_array_index (appraisal->options, i);
        e.option_index = i;
        e.res = &res->options[i];
        ok = compute_option (&e, &res->options[i], &priv->blocks[i], error);
      }

    g_free (scratch_block);
  }

  g_hash_table_unref (e.borough_ix);
  g_hash_table_unref (e.service_ix);

  if (!ok)
    {
      results_free (priv);
      return NULL;
    }
  return res;
}

ConsortResults *
consort_results_ref (ConsortResults *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
consort_results_unref (ConsortResults *self)
{
  g_return_if_fail (self != NULL);
  if (g_atomic_ref_count_dec (&self->ref_count))
    results_free ((ResultsPrivate *) self);
}

const ConsortFigures *
consort_option_result_figures (const ConsortOptionResult *result, int party)
{
  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (party >= -1 && party < result->n_boroughs, NULL);
  return party < 0 ? &result->partnership : &result->boroughs[party];
}

ConsortMoney
consort_option_result_service_gross (const ConsortOptionResult *result,
                                     int party, int service, int year_index)
{
  g_return_val_if_fail (result != NULL, 0);
  g_return_val_if_fail (party >= -1 && party < result->n_boroughs, 0);
  g_return_val_if_fail (service >= 0 && service < result->n_services, 0);
  g_return_val_if_fail (year_index >= 0 && year_index < result->n_years, 0);
  return service_row (result, party, service)[year_index];
}

ConsortMoney
consort_option_result_kind_costs (const ConsortOptionResult *result,
                                  int party, ConsortCostKind kind, int year_index)
{
  g_return_val_if_fail (result != NULL, 0);
  g_return_val_if_fail (party >= -1 && party < result->n_boroughs, 0);
  g_return_val_if_fail ((int) kind >= 0 && kind < CONSORT_N_COST_KINDS, 0);
  g_return_val_if_fail (year_index >= 0 && year_index < result->n_years, 0);
  return kind_row (result, party, kind)[year_index];
}
