/* test-engine.c: the engine against hand-worked figures (docs/rounding.md).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "consort-core.h"

#include <string.h>

#define POUNDS(x) ((ConsortMoney) ((x) * G_GINT64_CONSTANT (100)))
#define PCT(x) ((ConsortMicros) ((x) * 10000))   /* whole percent to micros */

/* Three boroughs: A (budget £1m, population 100,000), B (£3m, 300,000),
 * C (£2m, 100,000) for service "edu"; "none" has no baselines.  FY
 * 2010/11 to 2013/14. */
static ConsortAppraisal *
make_appraisal (void)
{
  ConsortAppraisal *a = consort_appraisal_new ();
  static const struct { const char *id; gint64 pop; gint64 budget; } b[] = {
    { "a", 100000, 1000000 }, { "b", 300000, 3000000 }, { "c", 100000, 2000000 },
  };
  ConsortService *edu = consort_service_new ("edu", "Education");
  ConsortService *none = consort_service_new ("none", "Nothing yet");

  g_free (a->title);
  a->title = g_strdup ("Test appraisal");
  a->first_year = 2010;
  a->years = 4;
  for (guint i = 0; i < G_N_ELEMENTS (b); i++)
    {
      ConsortBaseline *bl = consort_baseline_new (b[i].id);

      g_ptr_array_add (a->boroughs, consort_borough_new (b[i].id, b[i].id, b[i].pop));
      bl->budget = POUNDS (b[i].budget);
      g_ptr_array_add (edu->baselines, bl);
    }
  g_ptr_array_add (a->services, edu);
  g_ptr_array_add (a->services, none);
  return a;
}

static ConsortOption *
add_option (ConsortAppraisal *a, const char *id, const char *const *parts, const int *from)
{
  ConsortOption *o = consort_option_new (id, id);

  for (int i = 0; parts[i] != NULL; i++)
    g_ptr_array_add (o->participants, consort_participant_new (parts[i], from[i]));
  g_ptr_array_add (a->options, o);
  return o;
}

static ConsortOption *
add_abc (ConsortAppraisal *a, int from_c)
{
  static const char *const parts[] = { "a", "b", "c", NULL };
  int from[] = { 2010, 2010, from_c };

  return add_option (a, "abc", parts, from);
}

static ConsortOption *
add_ab (ConsortAppraisal *a)
{
  static const char *const parts[] = { "a", "b", NULL };
  static const int from[] = { 2010, 2010 };

  return add_option (a, "ab", parts, from);
}

static ConsortSavingsItem *
add_amounts (ConsortOption *o, const char *borough, int year, ConsortMoney amount)
{
  ConsortSavingsItem *it = consort_savings_item_new ("edu", CONSORT_METHOD_AMOUNTS);

  it->owner.borough_id = g_strdup (borough);
  consort_year_amounts_set (it->amounts, year, amount);
  g_ptr_array_add (o->savings, it);
  return it;
}

static void
set_phasing (ConsortSavingsItem *it, int n, const ConsortMicros *values)
{
  g_array_set_size (it->phasing, 0);
  g_array_append_vals (it->phasing, values, n);
}

static ConsortResults *
compute (ConsortAppraisal *a)
{
  g_autoptr (GError) error = NULL;
  ConsortResults *r = consort_engine_compute (a, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

static void
assert_series (const ConsortMoney *got, const ConsortMoney *want, int n)
{
  for (int i = 0; i < n; i++)
    if (got[i] != want[i])
      g_error ("year %d: got %" G_GINT64_FORMAT ", want %" G_GINT64_FORMAT, i, got[i], want[i]);
}

#define GROSS(r, o, party) (consort_option_result_figures (&(r)->options[o], (party))->gross)
#define COSTS(r, o, party) (consort_option_result_figures (&(r)->options[o], (party))->costs)

/* Sum of the boroughs is the partnership, for every array. */
static void
assert_partnership_is_sum (const ConsortResults *r)
{
  for (int o = 0; o < r->n_options; o++)
    {
      const ConsortOptionResult *or = &r->options[o];

      for (int y = 0; y < r->n_years; y++)
        {
          ConsortMoney g = 0, c = 0;

          for (int b = 0; b < or->n_boroughs; b++)
            {
              g += or->boroughs[b].gross[y];
              c += or->boroughs[b].costs[y];
            }
          g_assert_cmpint (g, ==, or->partnership.gross[y]);
          g_assert_cmpint (c, ==, or->partnership.costs[y]);
          for (int s = 0; s < or->n_services; s++)
            {
              ConsortMoney sg = 0;

              for (int b = 0; b < or->n_boroughs; b++)
                sg += consort_option_result_service_gross (or, b, s, y);
              g_assert_cmpint (sg, ==, consort_option_result_service_gross (or, -1, s, y));
            }
        }
    }
}

static void
test_amounts (void)
{
  g_autoptr (ConsortAppraisal) a = make_appraisal ();
  ConsortOption *o = add_ab (a);
  g_autoptr (ConsortResults) r = NULL;
  const ConsortMoney want_a[] = { 0, POUNDS (335000), 0, 0 };
  const ConsortMoney want_b[] = { 0, 0, 0, POUNDS (12) + 5 };

  add_amounts (o, "a", 2011, POUNDS (335000));
  add_amounts (o, "b", 2013, POUNDS (12) + 5);
  r = compute (a);

  assert_series (GROSS (r, 0, 0), want_a, 4);
  assert_series (GROSS (r, 0, 1), want_b, 4);
  g_assert_cmpint (r->options[0].partnership.total_gross, ==, POUNDS (335012) + 5);
  g_assert_true (r->options[0].boroughs[0].participates);
  g_assert_false (r->options[0].boroughs[2].participates);
  g_assert_cmpint (r->options[0].kind, ==, CONSORT_KIND_TWO_BOROUGH);
  g_assert_cmpint (consort_option_result_service_gross (&r->options[0], 0, 0, 1), ==, POUNDS (335000));
  g_assert_cmpint (consort_option_result_service_gross (&r->options[0], -1, 1, 1), ==, 0);
  assert_partnership_is_sum (r);
}

/* Posts: £60,000 + 0.5 x £40,000 = £80,000 a year, from September 2011:
 * 7/12 of it in 2011/12 (£46,666.666.. -> £46,666.67), shared equally;
 * the odd penny goes to the earlier participant. */
static void
test_posts_part_year (void)
{
  g_autoptr (ConsortAppraisal) a = make_appraisal ();
  ConsortOption *o = add_ab (a);
  ConsortSavingsItem *it = consort_savings_item_new ("edu", CONSORT_METHOD_POSTS);
  g_autoptr (ConsortResults) r = NULL;
  const ConsortMoney want_a[] = { 0, 2333334, POUNDS (40000), POUNDS (40000) };
  const ConsortMoney want_b[] = { 0, 2333333, POUNDS (40000), POUNDS (40000) };
  const ConsortMoney want_p[] = { 0, 4666667, POUNDS (80000), POUNDS (80000) };

  g_ptr_array_add (it->posts, consort_post_new ("Manager", CONSORT_MICROS_ONE, POUNDS (60000)));
  g_ptr_array_add (it->posts, consort_post_new ("Officer", CONSORT_MICROS_ONE / 2, POUNDS (40000)));
  it->start_year = 2011;
  it->start_month = 9;
  it->owner.share = CONSORT_SHARE_EQUAL;
  g_ptr_array_add (o->savings, it);
  r = compute (a);

  assert_series (GROSS (r, 0, 0), want_a, 4);
  assert_series (GROSS (r, 0, 1), want_b, 4);
  assert_series (GROSS (r, 0, -1), want_p, 4);
  assert_partnership_is_sum (r);
}

/* January start: 3/12.  Phasing 10%, 55%, then the last value holds. */
static void
test_posts_phasing (void)
{
  g_autoptr (ConsortAppraisal) a = make_appraisal ();
  ConsortOption *o = add_ab (a);
  ConsortSavingsItem *it = consort_savings_item_new ("edu", CONSORT_METHOD_POSTS);
  ConsortSavingsItem *jan = consort_savings_item_new ("edu", CONSORT_METHOD_POSTS);
  const ConsortMicros ramp[] = { PCT (10), PCT (55) };
  g_autoptr (ConsortResults) r = NULL;
  /* a: ramp £100,000 x 10% / 55% / 55%; jan: £12,000 x 3/12 then whole. */
  const ConsortMoney want_a[] = { POUNDS (3000), POUNDS (10000 + 12000), POUNDS (55000 + 12000),
                                  POUNDS (55000 + 12000) };

  g_ptr_array_add (it->posts, consort_post_new ("Head", CONSORT_MICROS_ONE, POUNDS (100000)));
  it->start_year = 2011;
  it->owner.borough_id = g_strdup ("a");
  set_phasing (it, 2, ramp);
  g_ptr_array_add (o->savings, it);

  g_ptr_array_add (jan->posts, consort_post_new ("Clerk", CONSORT_MICROS_ONE, POUNDS (12000)));
  jan->start_year = 2010;
  jan->start_month = 1;
  jan->owner.borough_id = g_strdup ("a");
  g_ptr_array_add (o->savings, jan);

  r = compute (a);
  assert_series (GROSS (r, 0, 0), want_a, 4);
}

/* Rate from the default table: shared service 3% with two partners, 4%
 * with three.  C joins in 2012 and ramps from its own first year. */
static void
test_rate_default_join_later (void)
{
  g_autoptr (ConsortAppraisal) a = make_appraisal ();
  ConsortOption *o = add_abc (a, 2012);
  ConsortSavingsItem *it = consort_savings_item_new ("edu", CONSORT_METHOD_RATE);
  const ConsortMicros ramp[] = { PCT (50), PCT (100) };
  g_autoptr (ConsortResults) r = NULL;
  const ConsortMoney want_a[] = { 0, POUNDS (15000), POUNDS (40000), POUNDS (40000) };
  const ConsortMoney want_b[] = { 0, POUNDS (45000), POUNDS (120000), POUNDS (120000) };
  const ConsortMoney want_c[] = { 0, 0, POUNDS (40000), POUNDS (80000) };
  const ConsortOptionResult *or;

  it->has_rate = FALSE;
  it->model = g_strdup ("shared_service");
  it->start_year = 2011;
  set_phasing (it, 2, ramp);
  g_ptr_array_add (o->savings, it);
  r = compute (a);

  or = &r->options[0];
  assert_series (GROSS (r, 0, 0), want_a, 4);
  assert_series (GROSS (r, 0, 1), want_b, 4);
  assert_series (GROSS (r, 0, 2), want_c, 4);
  g_assert_cmpint (or->partners[0], ==, 2);
  g_assert_cmpint (or->partners[2], ==, 3);
  g_assert_cmpint (or->kinds[1], ==, CONSORT_KIND_TWO_BOROUGH);
  g_assert_cmpint (or->kinds[2], ==, CONSORT_KIND_ALLIANCE);
  g_assert_cmpint (or->kind, ==, CONSORT_KIND_ALLIANCE);
  g_assert_false (or->boroughs[2].participates == FALSE);
  assert_partnership_is_sum (r);
}

/* Joint commissioning 2% with two partners; nothing for one alone (no
 * entry with min_partners 1); a given rate with a September start. */
static void
test_rate_joint_and_given (void)
{
  g_autoptr (ConsortAppraisal) a = make_appraisal ();
  static const char *const solo[] = { "a", NULL };
  static const int from[] = { 2010 };
  ConsortOption *ab = add_ab (a);
  ConsortOption *alone = add_option (a, "solo", solo, from);
  ConsortSavingsItem *jc = consort_savings_item_new ("edu", CONSORT_METHOD_RATE);
  ConsortSavingsItem *given;
  g_autoptr (ConsortResults) r = NULL;
  const ConsortMoney want_ab_a[] = { POUNDS (20000), POUNDS (20000), POUNDS (20000), POUNDS (20000) };
  const ConsortMoney want_solo[] = { 0, 1166667, POUNDS (20000), POUNDS (20000) };

  jc->model = g_strdup ("joint_commissioning");
  jc->start_year = 2010;
  g_ptr_array_add (ab->savings, jc);
  g_ptr_array_add (alone->savings, consort_savings_item_copy (jc));

  /* 2% of £1m from September 2011: £11,666.666.. -> £11,666.67. */
  given = consort_savings_item_new ("edu", CONSORT_METHOD_RATE);
  given->has_rate = TRUE;
  given->rate = PCT (2);
  given->start_year = 2011;
  given->start_month = 9;
  given->owner.borough_id = g_strdup ("a");
  g_ptr_array_add (alone->savings, given);

  r = compute (a);
  assert_series (GROSS (r, 0, 0), want_ab_a, 4);
  g_assert_cmpint (r->options[0].boroughs[1].total_gross, ==, POUNDS (240000));
  assert_series (GROSS (r, 1, 0), want_solo, 4);
  g_assert_cmpint (r->options[1].kind, ==, CONSORT_KIND_SINGLE);
}

/* An explicit rule other than baselines re-shares the rate total. */
static void
test_rate_reshared (void)
{
  g_autoptr (ConsortAppraisal) a = make_appraisal ();
  ConsortOption *o = add_ab (a);
  ConsortSavingsItem *it = consort_savings_item_new ("edu", CONSORT_METHOD_RATE);
  g_autoptr (ConsortResults) r = NULL;

  it->has_rate = TRUE;
  it->rate = PCT (3);         /* £30,000 + £90,000 */
  it->start_year = 2010;
  it->owner.share = CONSORT_SHARE_EQUAL;
  g_ptr_array_add (o->savings, it);
  r = compute (a);
  g_assert_cmpint (GROSS (r, 0, 0)[0], ==, POUNDS (60000));
  g_assert_cmpint (GROSS (r, 0, 1)[0], ==, POUNDS (60000));
}

/* £100,000 shared among A, B, C in 2011 by each rule. */
static void
check_rule (ConsortShareRule rule, const char *service, const ConsortShareWeight *custom, int n_custom,
            ConsortMoney wa, ConsortMoney wb, ConsortMoney wc)
{
  g_autoptr (ConsortAppraisal) a = make_appraisal ();
  ConsortOption *o = add_abc (a, 2010);
  ConsortSavingsItem *it = consort_savings_item_new (service, CONSORT_METHOD_AMOUNTS);
  g_autoptr (ConsortResults) r = NULL;

  consort_year_amounts_set (it->amounts, 2011, POUNDS (100000));
  it->owner.share = rule;
  for (int i = 0; i < n_custom; i++)
    {
      ConsortShareWeight w = { g_strdup (custom[i].borough_id), custom[i].weight };

      g_array_append_val (it->owner.custom_shares, w);
    }
  g_ptr_array_add (o->savings, it);
  r = compute (a);
  g_assert_cmpint (GROSS (r, 0, 0)[1], ==, wa);
  g_assert_cmpint (GROSS (r, 0, 1)[1], ==, wb);
  g_assert_cmpint (GROSS (r, 0, 2)[1], ==, wc);
  g_assert_cmpint (wa + wb + wc, ==, POUNDS (100000));
  assert_partnership_is_sum (r);
}

static void
test_rules (void)
{
  const ConsortShareWeight quarter[] = { { (char *) "b", PCT (75) }, { (char *) "a", PCT (25) } };

  /* Equal: 3,333,333.33 each; the odd penny to the earliest. */
  check_rule (CONSORT_SHARE_EQUAL, "edu", NULL, 0, 3333334, 3333333, 3333333);
  /* Baselines 1:3:2: 1,666,666.67 / 5,000,000 / 3,333,333.33. */
  check_rule (CONSORT_SHARE_BASELINE, "edu", NULL, 0, 1666667, 5000000, 3333333);
  check_rule (CONSORT_SHARE_DEFAULT, "edu", NULL, 0, 1666667, 5000000, 3333333);
  /* Population 1:3:1. */
  check_rule (CONSORT_SHARE_POPULATION, "edu", NULL, 0, 2000000, 6000000, 2000000);
  /* Custom: C not listed weighs nothing. */
  check_rule (CONSORT_SHARE_CUSTOM, "edu", quarter, 2, 2500000, 7500000, 0);
  /* A service nobody has a baseline for: every weight zero, so equal. */
  check_rule (CONSORT_SHARE_BASELINE, "none", NULL, 0, 3333334, 3333333, 3333333);
}

/* Savings shared by savings use pass-1 totals; costs use the final
 * totals; costs with no savings anywhere fall back to equal. */
static void
test_savings_rule_and_costs (void)
{
  g_autoptr (ConsortAppraisal) a = make_appraisal ();
  ConsortOption *o = add_abc (a, 2010);
  ConsortOption *empty = add_abc (a, 2010);
  ConsortSavingsItem *by_savings = consort_savings_item_new ("edu", CONSORT_METHOD_AMOUNTS);
  ConsortCostItem *pm = consort_cost_item_new (CONSORT_COST_PROJECT_MANAGEMENT);
  ConsortCostItem *red = consort_cost_item_new (CONSORT_COST_REDUNDANCY);
  ConsortCostItem *ict = consort_cost_item_new (CONSORT_COST_ICT_INVESTMENT);
  ConsortCostItem *base = consort_cost_item_new (CONSORT_COST_OTHER);
  g_autoptr (ConsortResults) r = NULL;
  const ConsortOptionResult *or;

  g_free (empty->id);
  empty->id = g_strdup ("empty");

  add_amounts (o, "a", 2011, 10000);
  add_amounts (o, "b", 2012, 30000);
  /* 1000p by pass-1 totals 1:3:0 -> 250 / 750 / 0. */
  by_savings->owner.share = CONSORT_SHARE_SAVINGS;
  consort_year_amounts_set (by_savings->amounts, 2013, 1000);
  g_ptr_array_add (o->savings, by_savings);

  /* Project management (default: by savings) over final totals
   * 10,250 : 30,750 : 0 = 1:3:0, £40,660 in 2010. */
  pm->form = CONSORT_COST_FORM_AMOUNTS;
  consort_year_amounts_set (pm->amounts, 2010, POUNDS (40660));
  g_ptr_array_add (o->costs, pm);
  /* 5 posts x £41,300 in 2010 for A. */
  red->form = CONSORT_COST_FORM_POSTS;
  red->posts = 5 * CONSORT_MICROS_ONE;
  red->unit_cost = POUNDS (41300);
  red->year = 2010;
  red->owner.borough_id = g_strdup ("a");
  g_ptr_array_add (o->costs, red);
  /* £1,000 in 2012 shared by population 1:3:1. */
  ict->form = CONSORT_COST_FORM_AMOUNT;
  ict->amount = POUNDS (1000);
  ict->year = 2012;
  ict->owner.share = CONSORT_SHARE_POPULATION;
  g_ptr_array_add (o->costs, ict);
  /* A cost with no service shared by baselines: the sum over all
   * services (1:3:2), £600 in 2013. */
  base->amount = POUNDS (600);
  base->year = 2013;
  base->owner.share = CONSORT_SHARE_BASELINE;
  g_ptr_array_add (o->costs, base);

  /* The empty option: a cost by savings with no savings: equal. */
  g_ptr_array_add (empty->costs, consort_cost_item_copy (pm));

  r = compute (a);
  or = &r->options[0];
  g_assert_cmpint (or->boroughs[0].gross[3], ==, 250);
  g_assert_cmpint (or->boroughs[1].gross[3], ==, 750);
  g_assert_cmpint (or->boroughs[2].gross[3], ==, 0);

  g_assert_cmpint (or->boroughs[0].costs[0], ==, 1016500 + POUNDS (206500));
  g_assert_cmpint (or->boroughs[1].costs[0], ==, 3049500);
  g_assert_cmpint (or->boroughs[2].costs[0], ==, 0);
  g_assert_cmpint (consort_option_result_kind_costs (or, 0, CONSORT_COST_REDUNDANCY, 0), ==, POUNDS (206500));
  g_assert_cmpint (consort_option_result_kind_costs (or, 0, CONSORT_COST_PROJECT_MANAGEMENT, 0), ==, 1016500);
  g_assert_cmpint (consort_option_result_kind_costs (or, -1, CONSORT_COST_PROJECT_MANAGEMENT, 0), ==, POUNDS (40660));
  g_assert_cmpint (consort_option_result_kind_costs (or, -1, CONSORT_COST_ICT_INVESTMENT, 2), ==, POUNDS (1000));
  g_assert_cmpint (or->boroughs[0].costs[2], ==, POUNDS (200));
  g_assert_cmpint (or->boroughs[1].costs[2], ==, POUNDS (600));
  g_assert_cmpint (or->boroughs[2].costs[2], ==, POUNDS (200));
  g_assert_cmpint (or->boroughs[0].costs[3], ==, POUNDS (100));
  g_assert_cmpint (or->boroughs[1].costs[3], ==, POUNDS (300));
  g_assert_cmpint (or->boroughs[2].costs[3], ==, POUNDS (200));
  g_assert_cmpint (or->partnership.total_costs, ==, POUNDS (40660 + 206500 + 1000 + 600));

  /* £40,660 / 3 = 1,355,333.33p: the odd penny to A. */
  g_assert_cmpint (r->options[1].boroughs[0].costs[0], ==, 1355334);
  g_assert_cmpint (r->options[1].boroughs[1].costs[0], ==, 1355333);
  g_assert_cmpint (r->options[1].boroughs[2].costs[0], ==, 1355333);
  assert_partnership_is_sum (r);
}

/* A partnership item in a FY before anyone has joined goes to the
 * borough that joins first. */
static void
test_nobody_yet (void)
{
  g_autoptr (ConsortAppraisal) a = make_appraisal ();
  static const char *const parts[] = { "b", "a", NULL };
  static const int from[] = { 2012, 2011 };
  ConsortOption *o = add_option (a, "late", parts, from);
  ConsortCostItem *c = consort_cost_item_new (CONSORT_COST_OTHER);
  g_autoptr (ConsortResults) r = NULL;

  c->amount = POUNDS (500);
  c->year = 2010;
  c->owner.share = CONSORT_SHARE_EQUAL;
  g_ptr_array_add (o->costs, c);
  r = compute (a);
  g_assert_cmpint (r->options[0].partners[0], ==, 0);
  g_assert_cmpint (r->options[0].kinds[0], ==, CONSORT_KIND_NONE);
  g_assert_cmpint (r->options[0].kinds[1], ==, CONSORT_KIND_SINGLE);
  g_assert_cmpint (r->options[0].boroughs[0].costs[0], ==, POUNDS (500));
  g_assert_cmpint (r->options[0].boroughs[1].costs[0], ==, 0);
}

/* Option 1A of the worked example from Westminster's side: 10 posts
 * saving £670,000 a year from 2011/12 shared 50:50; redundancy 5 x
 * £41,300 and project management £40,660 in 2010/11. */
static void
test_option_1a (void)
{
  g_autoptr (ConsortAppraisal) a = make_appraisal ();
  ConsortOption *o = add_ab (a);
  ConsortSavingsItem *posts = consort_savings_item_new ("edu", CONSORT_METHOD_POSTS);
  ConsortCostItem *red = consort_cost_item_new (CONSORT_COST_REDUNDANCY);
  ConsortCostItem *pm = consort_cost_item_new (CONSORT_COST_PROJECT_MANAGEMENT);
  static const int costs[] = { 60, 100, 100, 60, 60, 70, 90, 60, 70 };
  g_autoptr (ConsortResults) r = NULL;
  const ConsortFigures *f;
  const ConsortMoney want_net[] = { -POUNDS (247160), POUNDS (335000), POUNDS (335000), POUNDS (335000) };
  const ConsortMoney want_cum[] = { -POUNDS (247160), POUNDS (87840), POUNDS (422840), POUNDS (757840) };

  for (guint i = 0; i < G_N_ELEMENTS (costs); i++)
    g_ptr_array_add (posts->posts, consort_post_new ("Post", CONSORT_MICROS_ONE, POUNDS (costs[i] * 1000)));
  posts->start_year = 2011;
  posts->owner.share = CONSORT_SHARE_EQUAL;
  g_ptr_array_add (o->savings, posts);
  red->form = CONSORT_COST_FORM_POSTS;
  red->posts = 5 * CONSORT_MICROS_ONE;
  red->unit_cost = POUNDS (41300);
  red->year = 2010;
  red->owner.borough_id = g_strdup ("a");
  g_ptr_array_add (o->costs, red);
  pm->amount = POUNDS (40660);
  pm->year = 2010;
  pm->owner.borough_id = g_strdup ("a");
  g_ptr_array_add (o->costs, pm);

  r = compute (a);
  f = consort_option_result_figures (&r->options[0], 0);
  assert_series (f->net, want_net, 4);
  assert_series (f->cumulative, want_cum, 4);
  g_assert_cmpint (f->total_gross, ==, POUNDS (1005000));
  g_assert_cmpint (f->total_costs, ==, POUNDS (247160));
  g_assert_cmpint (f->total_net, ==, POUNDS (757840));
  g_assert_cmpint (f->breakeven, ==, 2011);
  /* -247,160 + 335,000/1.035 + 335,000/1.035^2 + 335,000/1.035^3
   * = 691,388.3886..: £691,388.39. */
  g_assert_cmpint (f->npv, ==, 69138839);

  f = consort_option_result_figures (&r->options[0], 1);
  g_assert_cmpint (f->total_net, ==, POUNDS (1005000));
  g_assert_cmpint (f->breakeven, ==, CONSORT_NO_YEAR);  /* never negative */
  g_assert_cmpint (r->options[0].partnership.total_net, ==, POUNDS (1762840));
}

static void
test_npv (void)
{
  const ConsortMoney v1[] = { -100000000, 53500000, 53500000 };
  const ConsortMoney half[] = { 0, 1 };
  const ConsortMoney neg_half[] = { 0, -1 };
  const ConsortMoney ones[] = { 1, 1, 1 };

  /* -£1m + £535k/1.07 + £535k/1.07^2 = -£32,710.2803..: -£32,710.28. */
  g_assert_cmpint (consort_npv (v1, 3, PCT (7)), ==, -3271028);
  /* 0.5p exactly at 100%: half away from zero, both signs. */
  g_assert_cmpint (consort_npv (half, 2, CONSORT_MICROS_ONE), ==, 1);
  g_assert_cmpint (consort_npv (neg_half, 2, CONSORT_MICROS_ONE), ==, -1);
  /* 1 + 0.5 + 0.25 = 1.75 -> 2. */
  g_assert_cmpint (consort_npv (ones, 3, CONSORT_MICROS_ONE), ==, 2);
  /* No discount: the plain sum. */
  g_assert_cmpint (consort_npv (v1, 3, 0), ==, 7000000);
  g_assert_cmpint (consort_npv (v1, 0, PCT (7)), ==, 0);
}

/* Break-even: first FY with cumulative >= 0 after being negative. */
static void
test_breakeven (void)
{
  g_autoptr (ConsortAppraisal) a = make_appraisal ();
  ConsortOption *o = add_ab (a);
  ConsortCostItem *c = consort_cost_item_new (CONSORT_COST_OTHER);
  ConsortCostItem *c2 = consort_cost_item_new (CONSORT_COST_OTHER);
  g_autoptr (ConsortResults) r = NULL;
  const ConsortFigures *fa, *fb;

  /* A: -100 in 2010, +60 in 2011 and +40 in 2012: cumulative exactly 0 in
   * 2012.  B: -100 in 2011 and never back. */
  c->amount = 10000;
  c->year = 2010;
  c->owner.borough_id = g_strdup ("a");
  g_ptr_array_add (o->costs, c);
  add_amounts (o, "a", 2011, 6000);
  add_amounts (o, "a", 2012, 4000);
  c2->amount = 10000;
  c2->year = 2011;
  c2->owner.borough_id = g_strdup ("b");
  g_ptr_array_add (o->costs, c2);
  add_amounts (o, "b", 2013, 9999);

  r = compute (a);
  fa = consort_option_result_figures (&r->options[0], 0);
  fb = consort_option_result_figures (&r->options[0], 1);
  g_assert_cmpint (fa->cumulative[2], ==, 0);
  g_assert_cmpint (fa->breakeven, ==, 2012);
  g_assert_cmpint (fb->cumulative[3], ==, -1);
  g_assert_cmpint (fb->breakeven, ==, CONSORT_NO_YEAR);
  /* Partnership: cumulative -100, -140, -100, -0.01: never back. */
  g_assert_cmpint (r->options[0].partnership.cumulative[3], ==, -1);
  g_assert_cmpint (r->options[0].partnership.breakeven, ==, CONSORT_NO_YEAR);
}

static void
test_overflow (void)
{
  g_autoptr (ConsortAppraisal) a = make_appraisal ();
  ConsortOption *o = add_ab (a);
  g_autoptr (GError) error = NULL;
  ConsortResults *r;

  add_amounts (o, "a", 2011, CONSORT_MONEY_MAX);
  add_amounts (o, "a", 2011, 1);
  r = consort_engine_compute (a, &error);
  g_assert_null (r);
  g_assert_error (error, CONSORT_ERROR, CONSORT_ERROR_OVERFLOW);
  g_assert_nonnull (strstr (error->message, "options[0]"));
  g_assert_nonnull (strstr (error->message, "\"ab\""));
  g_assert_nonnull (strstr (error->message, "savings[1]"));
}

static void
test_overflow_totals (void)
{
  g_autoptr (ConsortAppraisal) a = make_appraisal ();
  ConsortOption *o = add_ab (a);
  g_autoptr (GError) error = NULL;
  ConsortResults *r;

  /* Each year fits; their sum does not. */
  add_amounts (o, "a", 2011, CONSORT_MONEY_MAX);
  add_amounts (o, "a", 2012, CONSORT_MONEY_MAX);
  r = consort_engine_compute (a, &error);
  g_assert_null (r);
  g_assert_error (error, CONSORT_ERROR, CONSORT_ERROR_OVERFLOW);
  g_assert_nonnull (strstr (error->message, "options[0]"));
}

static void
test_invalid (void)
{
  g_autoptr (ConsortAppraisal) a = make_appraisal ();
  ConsortOption *o = add_ab (a);
  g_autoptr (GError) error = NULL;

  add_amounts (o, "a", 2030, 100);
  g_assert_null (consort_engine_compute (a, &error));
  g_assert_error (error, CONSORT_ERROR, CONSORT_ERROR_INVALID);
}

/* Many random partnership items: every year's shares add up. */
static void
test_random_shares_add_up (void)
{
  g_autoptr (ConsortAppraisal) a = make_appraisal ();
  GRand *rand = g_rand_new_with_seed (42);
  ConsortOption *o = add_abc (a, 2011);
  g_autoptr (ConsortResults) r = NULL;
  ConsortMoney want[4] = { 0 };
  static const ConsortShareRule rules[] = {
    CONSORT_SHARE_DEFAULT, CONSORT_SHARE_EQUAL, CONSORT_SHARE_BASELINE,
    CONSORT_SHARE_POPULATION, CONSORT_SHARE_SAVINGS,
  };

  for (int i = 0; i < 200; i++)
    {
      ConsortSavingsItem *it = consort_savings_item_new ("edu", CONSORT_METHOD_AMOUNTS);

      it->owner.share = rules[g_rand_int_range (rand, 0, G_N_ELEMENTS (rules))];
      for (int y = 0; y < 4; y++)
        {
          ConsortMoney m = g_rand_int_range (rand, 0, 100000000);

          consort_year_amounts_set (it->amounts, 2010 + y, m);
          want[y] += m;
        }
      g_ptr_array_add (o->savings, it);
    }
  r = compute (a);
  assert_series (r->options[0].partnership.gross, want, 4);
  assert_partnership_is_sum (r);
  g_rand_free (rand);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/amounts", test_amounts);
  g_test_add_func ("/engine/posts/part-year", test_posts_part_year);
  g_test_add_func ("/engine/posts/phasing", test_posts_phasing);
  g_test_add_func ("/engine/rate/default-join-later", test_rate_default_join_later);
  g_test_add_func ("/engine/rate/joint-and-given", test_rate_joint_and_given);
  g_test_add_func ("/engine/rate/reshared", test_rate_reshared);
  g_test_add_func ("/engine/share/rules", test_rules);
  g_test_add_func ("/engine/share/savings-and-costs", test_savings_rule_and_costs);
  g_test_add_func ("/engine/share/nobody-yet", test_nobody_yet);
  g_test_add_func ("/engine/share/random", test_random_shares_add_up);
  g_test_add_func ("/engine/option-1a", test_option_1a);
  g_test_add_func ("/engine/npv", test_npv);
  g_test_add_func ("/engine/breakeven", test_breakeven);
  g_test_add_func ("/engine/overflow/item", test_overflow);
  g_test_add_func ("/engine/overflow/totals", test_overflow_totals);
  g_test_add_func ("/engine/invalid", test_invalid);

  return g_test_run ();
}
