/* test-model.c: the appraisal model: construction, deep copies and
 * equality, look-ups, unique ids, slugs, and every validation rule with
 * the place its message names.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "consort-core.h"

#include <string.h>

#define M(units) ((ConsortMicros) ((units) * 1000000.0 + 0.5))

/* A valid appraisal that exercises every part of the model:
 * FY 2010/11 to 2013/14, three boroughs (kc takes no part), two
 * services, one option with every savings method and cost form. */
static ConsortAppraisal *
build_valid (void)
{
  ConsortAppraisal *a = consort_appraisal_new ();
  ConsortService *edu, *ss;
  ConsortBaseline *bl;
  ConsortOption *o;
  ConsortSavingsItem *s;
  ConsortCostItem *c;
  ConsortFeasibility *f;
  ConsortRisk *r;
  ConsortShareWeight w;

  g_free (a->title);
  a->title = g_strdup ("Test appraisal");
  a->first_year = 2010;
  a->years = 4;

  g_ptr_array_add (a->boroughs, consort_borough_new ("wcc", "Westminster", 253100));
  g_ptr_array_add (a->boroughs, consort_borough_new ("hf", "Hammersmith & Fulham", 182400));
  g_ptr_array_add (a->boroughs, consort_borough_new ("kc", "Kensington and Chelsea", 180300));

  edu = consort_service_new ("education", "Education");
  bl = consort_baseline_new ("wcc");
  bl->budget = 1750000000;
  bl->fte = M (120);
  g_ptr_array_add (edu->baselines, bl);
  bl = consort_baseline_new ("hf");
  bl->budget = 1500000000;
  bl->outsourced = TRUE;
  g_ptr_array_add (edu->baselines, bl);
  g_ptr_array_add (a->services, edu);
  ss = consort_service_new ("social", "Social care");
  g_ptr_array_add (a->services, ss);

  o = consort_option_new ("1a", "Option 1A");
  g_ptr_array_add (o->participants, consort_participant_new ("wcc", 2010));
  g_ptr_array_add (o->participants, consort_participant_new ("hf", 2011));

  /* savings[0]: amounts of one borough */
  s = consort_savings_item_new ("education", CONSORT_METHOD_AMOUNTS);
  s->owner.borough_id = g_strdup ("wcc");
  consort_year_amounts_set (s->amounts, 2011, 33500000);
  g_ptr_array_add (o->savings, s);

  /* savings[1]: rate from the default table */
  s = consort_savings_item_new ("education", CONSORT_METHOD_RATE);
  s->model = g_strdup ("shared_service");
  s->start_year = 2011;
  s->start_month = 9;
  {
    ConsortMicros ramp[] = { M (0.1), M (0.55), M (1) };

    g_array_append_vals (s->phasing, ramp, 3);
  }
  g_ptr_array_add (o->savings, s);

  /* savings[2]: posts, custom shares */
  s = consort_savings_item_new ("social", CONSORT_METHOD_POSTS);
  s->start_year = 2010;
  g_ptr_array_add (s->posts, consort_post_new ("Manager", M (1), 6000000));
  s->owner.share = CONSORT_SHARE_CUSTOM;
  w.borough_id = g_strdup ("wcc");
  w.weight = M (0.6);
  g_array_append_val (s->owner.custom_shares, w);
  w.borough_id = g_strdup ("hf");
  w.weight = M (0.4);
  g_array_append_val (s->owner.custom_shares, w);
  g_ptr_array_add (o->savings, s);

  /* costs[0]: amount in one year */
  c = consort_cost_item_new (CONSORT_COST_PROJECT_MANAGEMENT);
  c->form = CONSORT_COST_FORM_AMOUNT;
  c->year = 2010;
  c->amount = 4066000;
  g_ptr_array_add (o->costs, c);

  /* costs[1]: posts x unit cost */
  c = consort_cost_item_new (CONSORT_COST_REDUNDANCY);
  c->form = CONSORT_COST_FORM_POSTS;
  c->owner.borough_id = g_strdup ("wcc");
  c->year = 2010;
  c->posts = M (5);
  c->unit_cost = 4130000;
  g_ptr_array_add (o->costs, c);

  /* costs[2]: amounts over several years */
  c = consort_cost_item_new (CONSORT_COST_ICT_INVESTMENT);
  c->form = CONSORT_COST_FORM_AMOUNTS;
  c->service_id = g_strdup ("education");
  c->owner.share = CONSORT_SHARE_EQUAL;
  consort_year_amounts_set (c->amounts, 2010, 100000);
  consort_year_amounts_set (c->amounts, 2012, 200000);
  g_ptr_array_add (o->costs, c);

  f = consort_feasibility_new ("education");
  f->ratings[CONSORT_CRITERION_MARKET_MATURITY] = CONSORT_LEVEL_SOME;
  g_ptr_array_add (o->feasibility, f);

  r = consort_risk_new ();
  r->issue = g_strdup ("Turnover");
  r->likelihood = CONSORT_LEVEL_HIGH;
  g_ptr_array_add (o->risks, r);

  g_ptr_array_add (a->options, o);
  return a;
}

#define OPT(a) ((ConsortOption *) g_ptr_array_index ((a)->options, 0))
#define SAV(a, i) ((ConsortSavingsItem *) g_ptr_array_index (OPT (a)->savings, (i)))
#define COST(a, i) ((ConsortCostItem *) g_ptr_array_index (OPT (a)->costs, (i)))
#define SERVICE(a, i) ((ConsortService *) g_ptr_array_index ((a)->services, (i)))
#define BASELINE(a, i) ((ConsortBaseline *) g_ptr_array_index (SERVICE (a, 0)->baselines, (i)))
#define BOROUGH(a, i) ((ConsortBorough *) g_ptr_array_index ((a)->boroughs, (i)))
#define PART(a, i) ((ConsortParticipant *) g_ptr_array_index (OPT (a)->participants, (i)))
#define RATE(a, i) ((ConsortDefaultRate *) g_ptr_array_index ((a)->default_rates, (i)))

static void
set_str (char **field, const char *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
add_weight (GArray *weights, const char *id, ConsortMicros weight)
{
  ConsortShareWeight w = { g_strdup (id), weight };

  g_array_append_val (weights, w);
}

/* ------------------------------------------------------------------ */

static void
test_new (void)
{
  /* The clock is read before and after: a run across midnight of
   * 31 March may see either financial year. */
  g_autoptr(GDateTime) before = g_date_time_new_now_local ();
  g_autoptr(ConsortAppraisal) a = consort_appraisal_new ();
  g_autoptr(GDateTime) after = g_date_time_new_now_local ();
  int fy_before = g_date_time_get_year (before) - (g_date_time_get_month (before) < 4 ? 1 : 0);
  int fy_after = g_date_time_get_year (after) - (g_date_time_get_month (after) < 4 ? 1 : 0);
  ConsortDefaultRate *r;

  if (a->first_year != fy_after)
    g_assert_cmpint (a->first_year, ==, fy_before);
  g_assert_cmpint (a->years, ==, 5);
  g_assert_cmpstr (a->currency, ==, "GBP");
  g_assert_cmpint (a->discount_rate, ==, 35000);
  g_assert_cmpuint (a->boroughs->len, ==, 0);
  g_assert_cmpuint (a->services->len, ==, 0);
  g_assert_cmpuint (a->options->len, ==, 0);
  g_assert_cmpuint (a->default_rates->len, ==, 3);
  r = RATE (a, 0);
  g_assert_cmpstr (r->model, ==, "shared_service");
  g_assert_cmpint (r->min_partners, ==, 2);
  g_assert_cmpint (r->rate, ==, 30000);
  r = RATE (a, 1);
  g_assert_cmpstr (r->model, ==, "shared_service");
  g_assert_cmpint (r->min_partners, ==, 3);
  g_assert_cmpint (r->rate, ==, 40000);
  r = RATE (a, 2);
  g_assert_cmpstr (r->model, ==, "joint_commissioning");
  g_assert_cmpint (r->min_partners, ==, 2);
  g_assert_cmpint (r->rate, ==, 20000);

  /* A new appraisal is valid as it stands. */
  g_assert_true (consort_appraisal_validate (a, NULL));
}

static void
test_ref (void)
{
  ConsortAppraisal *a = consort_appraisal_new ();

  g_assert_true (consort_appraisal_ref (a) == a);
  consort_appraisal_unref (a);
  g_assert_cmpint (a->years, ==, 5);  /* still alive */
  consort_appraisal_unref (a);
}

static void
test_copy_equal (void)
{
  g_autoptr(ConsortAppraisal) a = build_valid ();
  g_autoptr(ConsortAppraisal) b = consort_appraisal_copy (a);

  g_assert_true (consort_appraisal_validate (a, NULL));
  g_assert_true (consort_appraisal_equal (a, b));
  g_assert_true (consort_appraisal_equal (a, a));
  g_assert_false (consort_appraisal_equal (a, NULL));

  /* Deep: nothing is shared. */
  g_assert_true (a->title != b->title);
  g_assert_true (OPT (a) != OPT (b));
  g_assert_true (SAV (a, 2)->owner.custom_shares != SAV (b, 2)->owner.custom_shares);
  g_assert_true (g_array_index (SAV (a, 2)->owner.custom_shares, ConsortShareWeight, 0).borough_id !=
                 g_array_index (SAV (b, 2)->owner.custom_shares, ConsortShareWeight, 0).borough_id);

  /* A change anywhere in the copy makes them differ and leaves the
   * original as it was. */
  g_array_index (SAV (b, 2)->owner.custom_shares, ConsortShareWeight, 1).weight = M (0.5);
  g_assert_false (consort_appraisal_equal (a, b));
  g_assert_cmpint (g_array_index (SAV (a, 2)->owner.custom_shares, ConsortShareWeight, 1).weight, ==, M (0.4));
  g_clear_pointer (&b, consort_appraisal_unref);

#define DIFFERS(stmt) \
  G_STMT_START { \
    g_autoptr(ConsortAppraisal) x = consort_appraisal_copy (a); \
    g_assert_true (consort_appraisal_equal (a, x)); \
    stmt; \
    g_assert_false (consort_appraisal_equal (a, x)); \
    g_assert_false (consort_appraisal_equal (x, a)); \
  } G_STMT_END

  DIFFERS (set_str (&x->title, "Other"));
  DIFFERS (set_str (&x->description, ""));  /* absent is not empty */
  DIFFERS (set_str (&x->author, "Me"));
  DIFFERS (set_str (&x->perspective, "wcc"));
  DIFFERS (x->first_year++);
  DIFFERS (x->years++);
  DIFFERS (x->discount_rate++);
  DIFFERS (RATE (x, 2)->rate++);
  DIFFERS (g_ptr_array_remove_index (x->default_rates, 2));
  DIFFERS (BOROUGH (x, 2)->population++);
  DIFFERS (set_str (&BOROUGH (x, 1)->name, "H&F"));
  DIFFERS (BASELINE (x, 0)->fte++);
  DIFFERS (BASELINE (x, 0)->management_posts++);
  DIFFERS (BASELINE (x, 0)->overheads++);
  DIFFERS (BASELINE (x, 1)->outsourced = FALSE);
  DIFFERS (set_str (&SERVICE (x, 1)->name, "Social"));
  DIFFERS (PART (x, 1)->from_year++);
  DIFFERS (consort_year_amounts_set (SAV (x, 0)->amounts, 2012, 1));
  DIFFERS (set_str (&SAV (x, 0)->label, "A label"));
  DIFFERS (set_str (&SAV (x, 1)->model, "joint_commissioning"));
  DIFFERS (SAV (x, 1)->has_rate = TRUE);
  DIFFERS (SAV (x, 1)->start_month = 0);
  DIFFERS (g_array_index (SAV (x, 1)->phasing, ConsortMicros, 2)--);
  DIFFERS (((ConsortPost *) g_ptr_array_index (SAV (x, 2)->posts, 0))->cost++);
  DIFFERS (set_str (&((ConsortPost *) g_ptr_array_index (SAV (x, 2)->posts, 0))->title, "Boss"));
  DIFFERS (SAV (x, 2)->owner.share = CONSORT_SHARE_EQUAL);
  DIFFERS (COST (x, 0)->amount++);
  DIFFERS (COST (x, 0)->kind = CONSORT_COST_OTHER);
  DIFFERS (COST (x, 1)->posts++);
  DIFFERS (COST (x, 1)->unit_cost++);
  DIFFERS (set_str (&COST (x, 2)->service_id, NULL));
  DIFFERS (consort_year_amounts_set (COST (x, 2)->amounts, 2012, 0));
  DIFFERS (((ConsortFeasibility *) g_ptr_array_index (OPT (x)->feasibility, 0))->ratings[0] = CONSORT_LEVEL_LOW);
  DIFFERS (set_str (&((ConsortFeasibility *) g_ptr_array_index (OPT (x)->feasibility, 0))->note, "n"));
  DIFFERS (((ConsortRisk *) g_ptr_array_index (OPT (x)->risks, 0))->impact = CONSORT_LEVEL_LOW);
  DIFFERS (set_str (&((ConsortRisk *) g_ptr_array_index (OPT (x)->risks, 0))->mitigation, "m"));
  DIFFERS (set_str (&OPT (x)->description, "d"));
#undef DIFFERS

  /* What a method or form does not use is not part of the meaning. */
  {
    g_autoptr(ConsortAppraisal) x = consort_appraisal_copy (a);

    consort_year_amounts_set (SAV (x, 1)->amounts, 2011, 5);  /* rate item */
    SAV (x, 0)->start_year = 2013;                            /* amounts item */
    COST (x, 0)->posts = M (3);                               /* amount form */
    COST (x, 2)->year = 2011;                                 /* amounts form */
    add_weight (COST (x, 0)->owner.custom_shares, "wcc", 1);  /* not custom */
    g_assert_true (consort_appraisal_equal (a, x));
  }
}

static void
test_part_copies (void)
{
  g_autoptr(ConsortAppraisal) a = build_valid ();
  ConsortSavingsItem *s = consort_savings_item_copy (SAV (a, 2));
  ConsortCostItem *c = consort_cost_item_copy (COST (a, 2));
  ConsortOption *o = consort_option_copy (OPT (a));
  ConsortService *sv = consort_service_copy (SERVICE (a, 0));

  g_assert_cmpuint (s->posts->len, ==, 1);
  g_assert_true (g_ptr_array_index (s->posts, 0) != g_ptr_array_index (SAV (a, 2)->posts, 0));
  g_assert_cmpuint (s->owner.custom_shares->len, ==, 2);
  g_assert_cmpint (consort_year_amounts_get (c->amounts, 2012), ==, 200000);
  g_assert_cmpstr (c->service_id, ==, "education");
  g_assert_cmpuint (o->savings->len, ==, 3);
  g_assert_cmpuint (o->risks->len, ==, 1);
  g_assert_cmpuint (sv->baselines->len, ==, 2);
  g_assert_true (consort_service_find_baseline (sv, "hf")->outsourced);

  /* Replacing an element with an edited copy is how editors work. */
  ((ConsortPost *) g_ptr_array_index (s->posts, 0))->fte = M (2);
  consort_savings_item_free (g_ptr_array_index (OPT (a)->savings, 2));
  g_ptr_array_index (OPT (a)->savings, 2) = s;
  g_assert_cmpint (((ConsortPost *) g_ptr_array_index (SAV (a, 2)->posts, 0))->fte, ==, M (2));
  /* The option copied before is independent of that edit. */
  g_assert_cmpint (((ConsortPost *) g_ptr_array_index (((ConsortSavingsItem *) g_ptr_array_index (o->savings, 2))->posts, 0))->fte, ==, M (1));

  consort_cost_item_free (c);
  consort_option_free (o);
  consort_service_free (sv);

  /* Free functions accept NULL. */
  consort_option_free (NULL);
  consort_savings_item_free (NULL);
  consort_cost_item_free (NULL);
  consort_service_free (NULL);
  consort_borough_free (NULL);
  consort_baseline_free (NULL);
  consort_participant_free (NULL);
  consort_post_free (NULL);
  consort_feasibility_free (NULL);
  consort_risk_free (NULL);
  consort_default_rate_free (NULL);
}

static void
test_lookups (void)
{
  g_autoptr(ConsortAppraisal) a = build_valid ();

  g_assert_cmpint (consort_appraisal_borough_index (a, "hf"), ==, 1);
  g_assert_cmpint (consort_appraisal_borough_index (a, "zz"), ==, -1);
  g_assert_cmpint (consort_appraisal_borough_index (a, NULL), ==, -1);
  g_assert_cmpint (consort_appraisal_service_index (a, "social"), ==, 1);
  g_assert_cmpint (consort_appraisal_option_index (a, "1a"), ==, 0);
  g_assert_cmpint (consort_appraisal_option_index (a, "1b"), ==, -1);
  g_assert_cmpstr (consort_appraisal_find_borough (a, "kc")->name, ==, "Kensington and Chelsea");
  g_assert_null (consort_appraisal_find_borough (a, "education"));
  g_assert_cmpstr (consort_appraisal_find_service (a, "education")->name, ==, "Education");
  g_assert_cmpstr (consort_appraisal_find_option (a, "1a")->name, ==, "Option 1A");
  g_assert_cmpint (consort_service_find_baseline (SERVICE (a, 0), "wcc")->budget, ==, 1750000000);
  g_assert_null (consort_service_find_baseline (SERVICE (a, 0), "kc"));
  g_assert_nonnull (consort_option_find_feasibility (OPT (a), "education"));
  g_assert_null (consort_option_find_feasibility (OPT (a), "social"));
}

static void
test_unique_id (void)
{
  g_autoptr(ConsortAppraisal) a = build_valid ();
  char *id;

  id = consort_appraisal_unique_id (a, "lbh");
  g_assert_cmpstr (id, ==, "lbh");
  g_free (id);

  /* Unique across boroughs, services and options. */
  id = consort_appraisal_unique_id (a, "wcc");
  g_assert_cmpstr (id, ==, "wcc-2");
  g_free (id);
  id = consort_appraisal_unique_id (a, "education");
  g_assert_cmpstr (id, ==, "education-2");
  g_free (id);
  id = consort_appraisal_unique_id (a, "1a");
  g_assert_cmpstr (id, ==, "1a-2");
  g_free (id);

  g_ptr_array_add (a->boroughs, consort_borough_new ("wcc-2", "Second", 0));
  id = consort_appraisal_unique_id (a, "wcc");
  g_assert_cmpstr (id, ==, "wcc-3");
  g_free (id);

  /* Free text becomes a valid slug. */
  id = consort_appraisal_unique_id (a, "Children's Services (2010)");
  g_assert_cmpstr (id, ==, "children-s-services-2010");
  g_free (id);
  id = consort_appraisal_unique_id (a, "");
  g_assert_cmpstr (id, ==, "item");
  g_free (id);
  id = consort_appraisal_unique_id (a, NULL);
  g_assert_cmpstr (id, ==, "item");
  g_free (id);
  id = consort_appraisal_unique_id (a, "Social Care");
  g_assert_cmpstr (id, ==, "social-care");
  g_free (id);
}

static void
test_year_amounts (void)
{
  g_autoptr(GArray) amounts = g_array_new (FALSE, TRUE, sizeof (ConsortYearAmount));

  consort_year_amounts_set (amounts, 2012, 300);
  consort_year_amounts_set (amounts, 2010, 100);
  consort_year_amounts_set (amounts, 2011, 200);
  consort_year_amounts_set (amounts, 2013, 0);  /* nothing to remove */
  g_assert_cmpuint (amounts->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (g_array_index (amounts, ConsortYearAmount, i).year, ==, 2010 + (int) i);
      g_assert_cmpint (g_array_index (amounts, ConsortYearAmount, i).amount, ==, 100 * (i + 1));
    }
  consort_year_amounts_set (amounts, 2011, -5);
  g_assert_cmpint (consort_year_amounts_get (amounts, 2011), ==, -5);
  consort_year_amounts_set (amounts, 2011, 0);
  g_assert_cmpuint (amounts->len, ==, 2);
  g_assert_cmpint (consort_year_amounts_get (amounts, 2011), ==, 0);
  g_assert_cmpint (consort_year_amounts_get (amounts, 2012), ==, 300);
  g_assert_cmpint (consort_year_amounts_get (NULL, 2012), ==, 0);
}

static void
test_slugs (void)
{
  ConsortShareRule rule;
  ConsortSavingsMethod method;
  ConsortCostKind kind;
  ConsortLevel level;

  for (int r = CONSORT_SHARE_EQUAL; r <= CONSORT_SHARE_SAVINGS; r++)
    {
      g_assert_true (consort_share_rule_from_string (consort_share_rule_to_string (r), &rule));
      g_assert_cmpint (rule, ==, r);
    }
  g_assert_cmpstr (consort_share_rule_to_string (CONSORT_SHARE_BASELINE), ==, "baseline");
  g_assert_null (consort_share_rule_to_string (CONSORT_SHARE_DEFAULT));
  g_assert_null (consort_share_rule_to_string (CONSORT_SHARE_CUSTOM));
  g_assert_false (consort_share_rule_from_string ("custom", &rule));
  g_assert_false (consort_share_rule_from_string (NULL, &rule));

  for (int m = CONSORT_METHOD_AMOUNTS; m <= CONSORT_METHOD_POSTS; m++)
    {
      g_assert_true (consort_method_from_string (consort_method_to_string (m), &method));
      g_assert_cmpint (method, ==, m);
    }
  g_assert_cmpstr (consort_method_to_string (CONSORT_METHOD_RATE), ==, "rate");
  g_assert_false (consort_method_from_string ("Rate", &method));

  for (int k = 0; k < CONSORT_N_COST_KINDS; k++)
    {
      g_assert_true (consort_cost_kind_from_string (consort_cost_kind_to_string (k), &kind));
      g_assert_cmpint (kind, ==, k);
      g_assert_nonnull (consort_cost_kind_describe (k));
    }
  g_assert_cmpstr (consort_cost_kind_to_string (CONSORT_COST_PENSION_STRAIN), ==, "pension_strain");
  g_assert_cmpstr (consort_cost_kind_to_string (CONSORT_COST_ICT_INVESTMENT), ==, "ict_investment");
  g_assert_false (consort_cost_kind_from_string ("ict", &kind));

  g_assert_cmpstr (consort_criterion_to_string (CONSORT_CRITERION_EXISTING_ARRANGEMENTS), ==, "existing_arrangements");
  g_assert_cmpstr (consort_criterion_to_string (CONSORT_CRITERION_LEGAL_COMPLEXITY), ==, "legal_complexity");
  g_assert_cmpstr (consort_criterion_describe (CONSORT_CRITERION_MARKET_MATURITY), ==, "Market maturity");

  g_assert_cmpstr (consort_level_to_string (CONSORT_LEVEL_SOME, FALSE), ==, "some");
  g_assert_cmpstr (consort_level_to_string (CONSORT_LEVEL_SOME, TRUE), ==, "medium");
  g_assert_cmpstr (consort_level_to_string (CONSORT_LEVEL_HIGH, TRUE), ==, "high");
  g_assert_null (consort_level_to_string (CONSORT_LEVEL_UNSET, TRUE));
  g_assert_true (consort_level_from_string ("medium", &level));
  g_assert_cmpint (level, ==, CONSORT_LEVEL_SOME);
  g_assert_true (consort_level_from_string ("some", &level));
  g_assert_cmpint (level, ==, CONSORT_LEVEL_SOME);
  g_assert_true (consort_level_from_string ("low", &level));
  g_assert_cmpint (level, ==, CONSORT_LEVEL_LOW);
  g_assert_false (consort_level_from_string ("High", &level));

  g_assert_cmpstr (consort_kind_to_string (CONSORT_KIND_SINGLE), ==, "single-borough");
  g_assert_cmpstr (consort_kind_to_string (CONSORT_KIND_TWO_BOROUGH), ==, "two-borough");
  g_assert_cmpstr (consort_kind_to_string (CONSORT_KIND_ALLIANCE), ==, "alliance");
  g_assert_cmpstr (consort_kind_describe (CONSORT_KIND_ALLIANCE), ==, "Alliance");

  g_assert_cmpstr (consort_share_rule_describe (CONSORT_SHARE_DEFAULT, TRUE), ==, "In proportion to savings (default)");
  g_assert_cmpstr (consort_share_rule_describe (CONSORT_SHARE_DEFAULT, FALSE), ==, "Pro rata to baselines (default)");
  g_assert_cmpstr (consort_share_rule_describe (CONSORT_SHARE_POPULATION, FALSE), ==, "Pro rata to population");

  g_assert_cmpstr (consort_model_describe ("shared_service"), ==, "Shared service (in-house)");
  g_assert_cmpstr (consort_model_describe ("joint_commissioning"), ==, "Joint commissioning of outsourced services");
  g_assert_cmpstr (consort_model_describe ("in_house_pool"), ==, "In house pool");
  g_assert_true (consort_model_describe ("in_house_pool") == consort_model_describe ("in_house_pool"));
  g_assert_nonnull (consort_model_describe (NULL));
}

/* ------------------------------------------------------------------ */
/* Validation: each rule, with the exact message.                       */

typedef struct {
  const char *name;
  void      (*mutate) (ConsortAppraisal *a);
  const char *message;
} Case;

#define MUTATOR(fn, ...) static void fn (ConsortAppraisal *a) { __VA_ARGS__; }

MUTATOR (years_zero, a->years = 0)
MUTATOR (years_many, a->years = CONSORT_MAX_YEARS + 1)
MUTATOR (first_year_old, a->first_year = 1800)
MUTATOR (currency_eur, set_str (&a->currency, "EUR"))
MUTATOR (discount_high, a->discount_rate = M (1.5))
MUTATOR (discount_negative, a->discount_rate = -10000)
MUTATOR (rate_model_empty, set_str (&RATE (a, 0)->model, ""))
MUTATOR (rate_model_bad, set_str (&RATE (a, 0)->model, "Shared Service"))
MUTATOR (rate_min_partners, RATE (a, 1)->min_partners = 0)
MUTATOR (rate_duplicate, g_ptr_array_add (a->default_rates, consort_default_rate_new ("shared_service", 2, 1)))
MUTATOR (rate_value, RATE (a, 2)->rate = M (1.2))
MUTATOR (borough_id_empty, set_str (&BOROUGH (a, 2)->id, ""))
MUTATOR (borough_id_bad, set_str (&BOROUGH (a, 2)->id, "K\"C"))
MUTATOR (borough_id_dup, set_str (&BOROUGH (a, 2)->id, "wcc"))
MUTATOR (borough_name, set_str (&BOROUGH (a, 0)->name, "  "))
MUTATOR (borough_population, BOROUGH (a, 0)->population = -1)
MUTATOR (perspective, set_str (&a->perspective, "xx"))
MUTATOR (service_id_dup, set_str (&SERVICE (a, 1)->id, "education"))
MUTATOR (service_id_bad, set_str (&SERVICE (a, 1)->id, "Social"))
MUTATOR (service_name, set_str (&SERVICE (a, 1)->name, NULL))
MUTATOR (baseline_borough, set_str (&BASELINE (a, 1)->borough_id, "zz"))
MUTATOR (baseline_dup, set_str (&BASELINE (a, 1)->borough_id, "wcc"))
MUTATOR (baseline_budget, BASELINE (a, 1)->budget = -150)
MUTATOR (baseline_budget_huge, BASELINE (a, 1)->budget = CONSORT_MONEY_MAX + 1)
MUTATOR (baseline_fte, BASELINE (a, 0)->fte = -M (0.5))
MUTATOR (baseline_management, BASELINE (a, 0)->management_posts = -M (1))
MUTATOR (baseline_overheads, BASELINE (a, 0)->overheads = -1)
MUTATOR (option_id_empty, set_str (&OPT (a)->id, NULL))
MUTATOR (option_id_dup, g_ptr_array_add (a->options, consort_option_new ("1a", "Again")))
MUTATOR (option_name, g_ptr_array_add (a->options, consort_option_new ("2", "")))
MUTATOR (participant_unknown, set_str (&PART (a, 1)->borough_id, "zz"))
MUTATOR (participant_service, set_str (&PART (a, 1)->borough_id, "education"))
MUTATOR (participant_twice, set_str (&PART (a, 1)->borough_id, "wcc"))
MUTATOR (participant_late, PART (a, 1)->from_year = 2014)
MUTATOR (participant_early, PART (a, 0)->from_year = 2009)
MUTATOR (savings_service_unknown, set_str (&SAV (a, 0)->service_id, "housing"))
MUTATOR (savings_service_missing, set_str (&SAV (a, 0)->service_id, NULL))
MUTATOR (owner_unknown, set_str (&SAV (a, 0)->owner.borough_id, "zz"))
MUTATOR (owner_not_participant, set_str (&SAV (a, 0)->owner.borough_id, "kc"))
MUTATOR (owner_and_share, SAV (a, 0)->owner.share = CONSORT_SHARE_EQUAL)
MUTATOR (custom_empty, SAV (a, 1)->owner.share = CONSORT_SHARE_CUSTOM)
MUTATOR (custom_unknown, add_weight (SAV (a, 2)->owner.custom_shares, "zz", 1))
MUTATOR (custom_not_participant, add_weight (SAV (a, 2)->owner.custom_shares, "kc", 1))
MUTATOR (custom_twice, add_weight (SAV (a, 2)->owner.custom_shares, "wcc", 1))
MUTATOR (custom_negative, g_array_index (SAV (a, 2)->owner.custom_shares, ConsortShareWeight, 1).weight = -M (0.25))
MUTATOR (custom_all_zero,
         g_array_index (SAV (a, 2)->owner.custom_shares, ConsortShareWeight, 0).weight = 0;
         g_array_index (SAV (a, 2)->owner.custom_shares, ConsortShareWeight, 1).weight = 0)
MUTATOR (amounts_late, consort_year_amounts_set (SAV (a, 0)->amounts, 2014, 100))
MUTATOR (amounts_negative, consort_year_amounts_set (SAV (a, 0)->amounts, 2012, -100))
MUTATOR (amounts_unsorted,
         ConsortYearAmount ya = { 2010, 5 };
         g_array_append_val (SAV (a, 0)->amounts, ya))
MUTATOR (rate_outside, SAV (a, 1)->has_rate = TRUE; SAV (a, 1)->rate = M (1.5))
MUTATOR (rate_negative, SAV (a, 1)->has_rate = TRUE; SAV (a, 1)->rate = -M (0.01))
MUTATOR (rate_no_model, set_str (&SAV (a, 1)->model, NULL))
MUTATOR (rate_unknown_model, set_str (&SAV (a, 1)->model, "joint_venture"))
MUTATOR (rate_model_typo, set_str (&SAV (a, 1)->model, "shared_servise"))
MUTATOR (rate_model_typo_explicit, SAV (a, 1)->has_rate = TRUE; SAV (a, 1)->rate = M (0.05);
         set_str (&SAV (a, 1)->model, "outsourcing"))
MUTATOR (title_control, set_str (&a->title, "Children\x01s services"))
MUTATOR (title_newline, set_str (&a->title, "Children's\nservices"))
MUTATOR (borough_name_tab, set_str (&BOROUGH (a, 0)->name, "West\tminster"))
MUTATOR (borough_name_bidi, set_str (&BOROUGH (a, 0)->name, "Westminster \u202Etsew"))
MUTATOR (option_name_isolate, set_str (&OPT (a)->name, "Option \u2066A\u2069"))
MUTATOR (description_control, set_str (&a->description, "Line one\nLine\x7f two\x1b"))
MUTATOR (name_c1_control, set_str (&SERVICE (a, 0)->name, "Education\xc2\x85Services"))
MUTATOR (start_late, SAV (a, 1)->start_year = 2014)
MUTATOR (start_month, SAV (a, 1)->start_month = 13)
MUTATOR (phasing, g_array_index (SAV (a, 1)->phasing, ConsortMicros, 1) = M (1.25))
MUTATOR (post_fte, ((ConsortPost *) g_ptr_array_index (SAV (a, 2)->posts, 0))->fte = -M (1))
MUTATOR (post_cost, ((ConsortPost *) g_ptr_array_index (SAV (a, 2)->posts, 0))->cost = -6000000)
MUTATOR (posts_start, SAV (a, 2)->start_year = 2009)
MUTATOR (cost_service, set_str (&COST (a, 2)->service_id, "housing"))
MUTATOR (cost_year, COST (a, 0)->year = 2015)
MUTATOR (cost_amount, COST (a, 0)->amount = -4066000)
MUTATOR (cost_posts, COST (a, 1)->posts = -M (5))
MUTATOR (cost_unit_cost, COST (a, 1)->unit_cost = -1)
MUTATOR (cost_posts_year, COST (a, 1)->year = 2020)
MUTATOR (cost_amounts_year, consort_year_amounts_set (COST (a, 2)->amounts, 2009, 1))
MUTATOR (cost_owner, set_str (&COST (a, 1)->owner.borough_id, "kc"))
MUTATOR (cost_custom_zero,
         COST (a, 0)->owner.share = CONSORT_SHARE_CUSTOM;
         add_weight (COST (a, 0)->owner.custom_shares, "hf", 0))
MUTATOR (feasibility_service,
         set_str (&((ConsortFeasibility *) g_ptr_array_index (OPT (a)->feasibility, 0))->service_id, "housing"))
MUTATOR (feasibility_twice, g_ptr_array_add (OPT (a)->feasibility, consort_feasibility_new ("education")))
MUTATOR (feasibility_level,
         ((ConsortFeasibility *) g_ptr_array_index (OPT (a)->feasibility, 0))->ratings[CONSORT_CRITERION_LEGAL_COMPLEXITY] = 9)
MUTATOR (risk_level, ((ConsortRisk *) g_ptr_array_index (OPT (a)->risks, 0))->impact = 7)

static const Case cases[] = {
  { "years-zero", years_zero, "years: 0 is outside 1 to 50" },
  { "years-many", years_many, "years: 51 is outside 1 to 50" },
  { "first-year", first_year_old, "first_year: 1800 is outside 1900 to 2999" },
  { "currency", currency_eur, "currency: \"EUR\" is not supported: only GBP is" },
  { "discount-high", discount_high, "discount_rate: 1.5 is outside 0 to 1" },
  { "discount-negative", discount_negative, "discount_rate: -0.01 is outside 0 to 1" },
  { "default-rate-model-empty", rate_model_empty, "default_rates[0].model: a delivery model is needed" },
  { "default-rate-model-bad", rate_model_bad,
    "default_rates[0].model: \"Shared Service\" is not a delivery model "
    "(one of: shared_service, joint_commissioning, collaborative_procurement, joint_outsourcing, joint_venture)" },
  { "default-rate-min-partners", rate_min_partners, "default_rates[1].min_partners: 0 is less than 1" },
  { "default-rate-duplicate", rate_duplicate,
    "default_rates[3]: shared_service with 2 partners is given twice (also default_rates[0])" },
  { "default-rate-value", rate_value, "default_rates[2].rate: 1.2 is outside 0 to 1" },
  { "borough-id-empty", borough_id_empty, "boroughs[2].id: an id is needed" },
  { "borough-id-bad", borough_id_bad,
    "boroughs[2] (\"K\\\"C\").id: \"K\\\"C\" is not a valid id: use lower-case letters a to z, digits, “_” and “-”" },
  { "borough-id-duplicate", borough_id_dup, "boroughs[2] (\"wcc\").id: the id is used by boroughs[0] too" },
  { "borough-name", borough_name, "boroughs[0] (\"wcc\").name: a name is needed" },
  { "borough-population", borough_population, "boroughs[0] (\"wcc\").population: -1 is negative" },
  { "perspective", perspective, "perspective: \"xx\" is not a borough" },
  { "service-id-duplicate", service_id_dup, "services[1] (\"education\").id: the id is used by services[0] too" },
  { "service-id-bad", service_id_bad,
    "services[1] (\"Social\").id: \"Social\" is not a valid id: use lower-case letters a to z, digits, “_” and “-”" },
  { "service-name", service_name, "services[1] (\"social\").name: a name is needed" },
  { "baseline-borough", baseline_borough, "services[0] (\"education\").baselines[\"zz\"]: \"zz\" is not a borough" },
  { "baseline-duplicate", baseline_dup,
    "services[0] (\"education\").baselines[\"wcc\"]: \"wcc\" has more than one baseline" },
  { "baseline-budget", baseline_budget, "services[0] (\"education\").baselines[\"hf\"].budget: -1.50 is negative" },
  { "baseline-budget-huge", baseline_budget_huge, "services[0] (\"education\").baselines[\"hf\"].budget: is too large" },
  { "baseline-fte", baseline_fte, "services[0] (\"education\").baselines[\"wcc\"].fte: -0.5 is negative" },
  { "baseline-management", baseline_management,
    "services[0] (\"education\").baselines[\"wcc\"].management_posts: -1 is negative" },
  { "baseline-overheads", baseline_overheads,
    "services[0] (\"education\").baselines[\"wcc\"].overheads: -0.01 is negative" },
  { "option-id-empty", option_id_empty, "options[0].id: an id is needed" },
  { "option-id-duplicate", option_id_dup, "options[1] (\"1a\").id: the id is used by options[0] too" },
  { "option-name", option_name, "options[1] (\"2\").name: a name is needed" },
  { "participant-unknown", participant_unknown,
    "options[0] (\"1a\").participants[1].borough: \"zz\" is not a borough" },
  { "participant-not-borough", participant_service,
    "options[0] (\"1a\").participants[1].borough: \"education\" is not a borough" },
  { "participant-twice", participant_twice,
    "options[0] (\"1a\").participants[1].borough: \"wcc\" takes part more than once (also participants[0])" },
  { "participant-late", participant_late,
    "options[0] (\"1a\").participants[1].from: 2014/15 is outside the horizon 2010/11 to 2013/14" },
  { "participant-early", participant_early,
    "options[0] (\"1a\").participants[0].from: 2009/10 is outside the horizon 2010/11 to 2013/14" },
  { "savings-service-unknown", savings_service_unknown,
    "options[0] (\"1a\").savings[0].service: \"housing\" is not a service" },
  { "savings-service-missing", savings_service_missing, "options[0] (\"1a\").savings[0].service: a service is needed" },
  { "owner-unknown", owner_unknown, "options[0] (\"1a\").savings[0].borough: \"zz\" is not a borough" },
  { "owner-not-participant", owner_not_participant,
    "options[0] (\"1a\").savings[0].borough: \"kc\" does not take part in this option" },
  { "owner-and-share", owner_and_share,
    "options[0] (\"1a\").savings[0].share: an item of one borough cannot also be shared: give either borough or share" },
  { "custom-empty", custom_empty,
    "options[0] (\"1a\").savings[1].share: custom shares need at least one borough and weight" },
  { "custom-unknown", custom_unknown, "options[0] (\"1a\").savings[2].share[\"zz\"]: \"zz\" is not a borough" },
  { "custom-not-participant", custom_not_participant,
    "options[0] (\"1a\").savings[2].share[\"kc\"]: \"kc\" does not take part in this option" },
  { "custom-twice", custom_twice, "options[0] (\"1a\").savings[2].share[\"wcc\"]: \"wcc\" appears more than once" },
  { "custom-negative", custom_negative, "options[0] (\"1a\").savings[2].share[\"hf\"]: -0.25 is negative" },
  { "custom-all-zero", custom_all_zero, "options[0] (\"1a\").savings[2].share: every weight is zero" },
  { "amounts-year", amounts_late,
    "options[0] (\"1a\").savings[0].amounts[\"2014\"]: 2014/15 is outside the horizon 2010/11 to 2013/14" },
  { "amounts-negative", amounts_negative, "options[0] (\"1a\").savings[0].amounts[\"2012\"]: -1 is negative" },
  { "amounts-unsorted", amounts_unsorted,
    "options[0] (\"1a\").savings[0].amounts[\"2010\"]: years must be in order and appear once" },
  { "rate-outside", rate_outside, "options[0] (\"1a\").savings[1].rate: 1.5 is outside 0 to 1" },
  { "rate-negative", rate_negative, "options[0] (\"1a\").savings[1].rate: -0.01 is outside 0 to 1" },
  { "rate-no-model", rate_no_model,
    "options[0] (\"1a\").savings[1].model: a delivery model is needed where the rate is null" },
  { "rate-unknown-model", rate_unknown_model,
    "options[0] (\"1a\").savings[1].model: no default rate is given for \"joint_venture\"" },
  { "rate-model-typo", rate_model_typo,
    "options[0] (\"1a\").savings[1].model: \"shared_servise\" is not a delivery model "
    "(one of: shared_service, joint_commissioning, collaborative_procurement, joint_outsourcing, joint_venture)" },
  { "rate-model-typo-explicit", rate_model_typo_explicit,
    "options[0] (\"1a\").savings[1].model: \"outsourcing\" is not a delivery model "
    "(one of: shared_service, joint_commissioning, collaborative_procurement, joint_outsourcing, joint_venture)" },
  { "title-control", title_control, "title: contains a control character (U+0001)" },
  { "title-newline", title_newline, "title: contains a control character (U+000A)" },
  { "borough-name-tab", borough_name_tab, "boroughs[0] (\"wcc\").name: contains a control character (U+0009)" },
  { "borough-name-bidi", borough_name_bidi,
    "boroughs[0] (\"wcc\").name: contains a text-direction control character (U+202E), which can disguise text" },
  { "option-name-isolate", option_name_isolate,
    "options[0] (\"1a\").name: contains a text-direction control character (U+2066), which can disguise text" },
  { "description-control", description_control, "description: contains a control character (U+001B)" },
  { "name-c1-control", name_c1_control, "services[0] (\"education\").name: contains a control character (U+0085)" },
  { "start-year", start_late,
    "options[0] (\"1a\").savings[1].start: 2014/15 is outside the horizon 2010/11 to 2013/14" },
  { "start-month", start_month,
    "options[0] (\"1a\").savings[1].start_month: 13 is not a month: use 1 to 12 (or leave it out)" },
  { "phasing", phasing, "options[0] (\"1a\").savings[1].phasing[1]: 1.25 is outside 0 to 1" },
  { "post-fte", post_fte, "options[0] (\"1a\").savings[2].posts[0].fte: -1 is negative" },
  { "post-cost", post_cost, "options[0] (\"1a\").savings[2].posts[0].cost: -60000 is negative" },
  { "posts-start", posts_start,
    "options[0] (\"1a\").savings[2].start: 2009/10 is outside the horizon 2010/11 to 2013/14" },
  { "cost-service", cost_service, "options[0] (\"1a\").costs[2].service: \"housing\" is not a service" },
  { "cost-year", cost_year,
    "options[0] (\"1a\").costs[0].year: 2015/16 is outside the horizon 2010/11 to 2013/14" },
  { "cost-amount", cost_amount, "options[0] (\"1a\").costs[0].amount: -40660 is negative" },
  { "cost-posts", cost_posts, "options[0] (\"1a\").costs[1].posts: -5 is negative" },
  { "cost-unit-cost", cost_unit_cost, "options[0] (\"1a\").costs[1].unit_cost: -0.01 is negative" },
  { "cost-posts-year", cost_posts_year,
    "options[0] (\"1a\").costs[1].year: 2020/21 is outside the horizon 2010/11 to 2013/14" },
  { "cost-amounts-year", cost_amounts_year,
    "options[0] (\"1a\").costs[2].amounts[\"2009\"]: 2009/10 is outside the horizon 2010/11 to 2013/14" },
  { "cost-owner", cost_owner, "options[0] (\"1a\").costs[1].borough: \"kc\" does not take part in this option" },
  { "cost-custom-zero", cost_custom_zero, "options[0] (\"1a\").costs[0].share: every weight is zero" },
  { "feasibility-service", feasibility_service,
    "options[0] (\"1a\").feasibility[0].service: \"housing\" is not a service" },
  { "feasibility-twice", feasibility_twice,
    "options[0] (\"1a\").feasibility[1].service: \"education\" is rated more than once (also feasibility[0])" },
  { "feasibility-level", feasibility_level,
    "options[0] (\"1a\").feasibility[0].ratings.legal_complexity: unknown rating" },
  { "risk-level", risk_level, "options[0] (\"1a\").risks[0].impact: unknown level" },
};

static void
test_validate_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(ConsortAppraisal) a = build_valid ();
  g_autoptr(GError) error = NULL;

  g_assert_true (consort_appraisal_validate (a, NULL));
  c->mutate (a);
  g_assert_false (consort_appraisal_validate (a, &error));
  g_assert_error (error, CONSORT_ERROR, CONSORT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, c->message);
}

/* Things that look odd but are allowed. */
static void
test_validate_allowed (void)
{
  g_autoptr(ConsortAppraisal) a = build_valid ();
  ConsortOption *empty = consort_option_new ("empty", "No participants yet");
  ConsortSavingsItem *s = consort_savings_item_new ("education", CONSORT_METHOD_AMOUNTS);

  /* An option nobody has joined, an amounts item with no amounts. */
  g_ptr_array_add (a->options, empty);
  g_ptr_array_add (OPT (a)->savings, s);
  /* Zero everywhere, a horizon of one year, the rates' bounds. */
  BOROUGH (a, 2)->population = 0;
  BASELINE (a, 1)->budget = 0;
  RATE (a, 0)->rate = 0;
  RATE (a, 1)->rate = CONSORT_MICROS_ONE;
  a->discount_rate = 0;
  SAV (a, 1)->start_month = 0;
  /* Custom weights need not add up to one; zero for some is fine. */
  g_array_index (SAV (a, 2)->owner.custom_shares, ConsortShareWeight, 0).weight = M (3);
  g_array_index (SAV (a, 2)->owner.custom_shares, ConsortShareWeight, 1).weight = 0;
  /* An explicit rate needs no model in the table. */
  SAV (a, 1)->has_rate = TRUE;
  SAV (a, 1)->rate = M (0.05);
  set_str (&SAV (a, 1)->model, "joint_venture");
  /* Tabs and line breaks in free text; right-to-left text in names. */
  set_str (&a->description, "Line one\n\tLine two\n");
  set_str (&BOROUGH (a, 0)->name, "\u05D5\u05B6\u05E1\u05D8\u05DE\u05D9\u05E0\u05E1\u05D8\u05E8");
  /* Empty titles and NULL descriptions. */
  set_str (&a->title, "");
  set_str (&a->perspective, "kc");
  g_assert_true (consort_appraisal_validate (a, NULL));

  a->years = 1;
  g_ptr_array_set_size (a->options, 0);
  g_assert_true (consort_appraisal_validate (a, NULL));
  a->years = CONSORT_MAX_YEARS;
  g_assert_true (consort_appraisal_validate (a, NULL));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/new", test_new);
  g_test_add_func ("/model/ref", test_ref);
  g_test_add_func ("/model/copy-equal", test_copy_equal);
  g_test_add_func ("/model/part-copies", test_part_copies);
  g_test_add_func ("/model/lookups", test_lookups);
  g_test_add_func ("/model/unique-id", test_unique_id);
  g_test_add_func ("/model/year-amounts", test_year_amounts);
  g_test_add_func ("/model/slugs", test_slugs);
  g_test_add_func ("/model/validate/allowed", test_validate_allowed);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/model/validate/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_validate_case);
    }

  return g_test_run ();
}
