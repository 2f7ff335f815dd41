/* test-sample.c: golden test of the bundled sample, data/westminster-2010.json,
 * against the Westminster Cabinet Committee paper of 6 July 2010
 * (Appendix 4, Appendix 5, Appendix 8 and the tables of its sections 4 and 5).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "consort-core.h"

#define N_YEARS 4  /* 2010/11 to 2013/14 */
#define POUNDS(x) ((ConsortMoney) (x) * 100)

static ConsortAppraisal *sample;
static ConsortResults *results;

static int
borough (const char *id)
{
  int i = consort_appraisal_borough_index (sample, id);
  g_assert_cmpint (i, >=, 0);
  return i;
}

static const ConsortOptionResult *
option (const char *id)
{
  int i = consort_appraisal_option_index (sample, id);
  g_assert_cmpint (i, >=, 0);
  g_assert_cmpint (i, <, results->n_options);
  return &results->options[i];
}

/* Compares a row of pence with a row of whole pounds. */
static void
assert_row (const ConsortMoney *row,
            const gint64        pounds[N_YEARS])
{
  for (int y = 0; y < N_YEARS; y++)
    {
      if (row[y] != POUNDS (pounds[y]))
        g_error ("year %d: expected %" G_GINT64_FORMAT " pence, got %" G_GINT64_FORMAT,
                 2010 + y, POUNDS (pounds[y]), row[y]);
    }
}

typedef struct {
  const char *option;
  gint64      gross[N_YEARS];
  gint64      costs[N_YEARS];
  gint64      net[N_YEARS];
  gint64      cumulative[N_YEARS];
  gint64      total_gross, total_costs, total_net;
  ConsortMoney npv;  /* pence, exact: sum of net / 1.035^t, rounded once */
  int         breakeven;
} Expected;

static void
assert_figures (const ConsortFigures *f,
                const Expected       *e)
{
  g_assert_true (f->participates);
  assert_row (f->gross, e->gross);
  assert_row (f->costs, e->costs);
  assert_row (f->net, e->net);
  assert_row (f->cumulative, e->cumulative);
  g_assert_cmpint (f->total_gross, ==, POUNDS (e->total_gross));
  g_assert_cmpint (f->total_costs, ==, POUNDS (e->total_costs));
  g_assert_cmpint (f->total_net, ==, POUNDS (e->total_net));
  g_assert_cmpint (f->npv, ==, e->npv);
  g_assert_cmpint (f->breakeven, ==, e->breakeven);
}

/* Westminster: section 4 (gross, from Appendix 5), section 5 (costs and
 * net) of the paper.  Net totals are the exact ones: the paper's own
 * £2,174,020 and £2,574,020 use gross savings rounded to £1.0m/£1.5m/£1.9m.
 * NPVs at 3.5%, first year undiscounted, worked by hand as exact
 * fractions and rounded half away from zero to the penny. */
static const Expected westminster[] = {
  { "1a",
    { 0, 335000, 335000, 335000 },
    { 247160, 0, 0, 0 },
    { -247160, 335000, 335000, 335000 },
    { -247160, 87840, 422840, 757840 },
    1005000, 247160, 757840, 69138839, 2011 },
  { "1b",
    { 0, 525000, 525000, 525000 },
    { 412360, 0, 0, 0 },
    { -412360, 525000, 525000, 525000 },
    { -412360, 112640, 637640, 1162640 },
    1575000, 412360, 1162640, 105849941, 2011 },
  { "2",
    { 0, 622000, 1006000, 1515000 },
    { 412360, 535620, 0, 0 },
    { -412360, 86380, 1006000, 1515000 },
    { -412360, -325980, 680020, 2195020 },
    3143000, 947980, 2195020, 197665390, 2012 },
  { "3",
    { 0, 622000, 1006000, 1934000 },
    { 412360, 267810, 267810, 0 },
    { -412360, 354190, 738190, 1934000 },
    { -412360, -58170, 680020, 2614020 },
    3562000, 947980, 2614020, 236331802, 2012 },
};

/* Hammersmith & Fulham: half of the Appendix 4 savings, and its half of
 * the Appendix 8 post reductions at £41,300 (5 for 1A, 9 otherwise). */
static const Expected hammersmith[] = {
  { "1a",
    { 0, 335000, 335000, 335000 },
    { 206500, 0, 0, 0 },
    { -206500, 335000, 335000, 335000 },
    { -206500, 128500, 463500, 798500 },
    1005000, 206500, 798500, 73204839, 2011 },
  { "1b",
    { 0, 525000, 525000, 525000 },
    { 371700, 0, 0, 0 },
    { -371700, 525000, 525000, 525000 },
    { -371700, 153300, 678300, 1203300 },
    1575000, 371700, 1203300, 109915941, 2011 },
  { "2",
    { 0, 525000, 525000, 525000 },
    { 371700, 0, 0, 0 },
    { -371700, 525000, 525000, 525000 },
    { -371700, 153300, 678300, 1203300 },
    1575000, 371700, 1203300, 109915941, 2011 },
  { "3",
    { 0, 525000, 525000, 525000 },
    { 371700, 0, 0, 0 },
    { -371700, 525000, 525000, 525000 },
    { -371700, 153300, 678300, 1203300 },
    1575000, 371700, 1203300, 109915941, 2011 },
};

/* The partnership: the sum of the boroughs.  Its NPV is that of the
 * summed net, so it can differ by a penny from the sum of the boroughs'
 * rounded NPVs (1B, 2, 3). */
static const Expected partnership[] = {
  { "1a",
    { 0, 670000, 670000, 670000 },
    { 453660, 0, 0, 0 },
    { -453660, 670000, 670000, 670000 },
    { -453660, 216340, 886340, 1556340 },
    2010000, 453660, 1556340, 142343678, 2011 },
  { "1b",
    { 0, 1050000, 1050000, 1050000 },
    { 784060, 0, 0, 0 },
    { -784060, 1050000, 1050000, 1050000 },
    { -784060, 265940, 1315940, 2365940 },
    3150000, 784060, 2365940, 215765883, 2011 },
  { "2",
    { 0, 1147000, 1531000, 2040000 },
    { 784060, 535620, 0, 0 },
    { -784060, 611380, 1531000, 2040000 },
    { -784060, -172680, 1358320, 3398320 },
    4718000, 1319680, 3398320, 307581332, 2012 },
  { "3",
    { 0, 1147000, 1531000, 2459000 },
    { 784060, 267810, 267810, 0 },
    { -784060, 879190, 1263190, 2459000 },
    { -784060, 95130, 1358320, 3817320 },
    5137000, 1319680, 3817320, 346247743, 2011 },
};

static void
test_sample_loads (void)
{
  g_assert_nonnull (sample);
  g_assert_nonnull (results);
  g_assert_cmpint (sample->first_year, ==, 2010);
  g_assert_cmpint (sample->years, ==, N_YEARS);
  g_assert_cmpint (sample->discount_rate, ==, 35000);
  g_assert_cmpstr (sample->perspective, ==, "wcc");
  g_assert_cmpuint (sample->options->len, ==, 4);
  g_assert_cmpuint (sample->services->len, ==, 7);
  g_assert_nonnull (sample->description);
  /* The description explains the paper's rounded totals. */
  g_assert_nonnull (strstr (sample->description, "£2,174,020"));
  g_assert_nonnull (strstr (sample->description, "£2,614,020"));
  g_assert_true (consort_appraisal_validate (sample, NULL));
}

static void
test_sample_westminster (void)
{
  int wcc = borough ("wcc");

  for (gsize i = 0; i < G_N_ELEMENTS (westminster); i++)
    {
      g_test_message ("option %s", westminster[i].option);
      assert_figures (consort_option_result_figures (option (westminster[i].option), wcc),
                      &westminster[i]);
    }
}

static void
test_sample_hammersmith (void)
{
  int hf = borough ("hf");

  for (gsize i = 0; i < G_N_ELEMENTS (hammersmith); i++)
    {
      g_test_message ("option %s", hammersmith[i].option);
      assert_figures (consort_option_result_figures (option (hammersmith[i].option), hf),
                      &hammersmith[i]);
    }
}

static void
test_sample_partnership (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (partnership); i++)
    {
      const ConsortOptionResult *r = option (partnership[i].option);
      const ConsortFigures *p = consort_option_result_figures (r, -1);
      ConsortMoney sum = 0;

      g_test_message ("option %s", partnership[i].option);
      assert_figures (p, &partnership[i]);
      /* The partnership is the sum of its boroughs, to the penny. */
      for (int b = 0; b < r->n_boroughs; b++)
        sum += consort_option_result_figures (r, b)->total_net;
      g_assert_cmpint (sum, ==, p->total_net);
    }
}

/* Appendix 5, Westminster, per cluster: 2011/12, 2012/13, 2013/14. */
typedef struct {
  const char *option;
  const char *service;
  gint64      gross[N_YEARS];
} ServiceRow;

static const ServiceRow appendix5[] = {
  { "1a", "education",             { 0, 335000, 335000, 335000 } },
  { "1a", "back_office",           { 0, 0, 0, 0 } },
  { "1b", "education",             { 0, 525000, 525000, 525000 } },
  { "1b", "looked_after_children", { 0, 0, 0, 0 } },
  { "2",  "education",             { 0, 525000, 525000, 525000 } },
  { "2",  "back_office",           { 0, 0, 10000, 43000 } },
  { "2",  "discrete_specialist",   { 0, 0, 17000, 17000 } },
  { "2",  "early_intervention",    { 0, 0, 0, 251000 } },
  { "2",  "looked_after_children", { 0, 0, 357000, 375000 } },
  { "2",  "out_of_school",         { 0, 97000, 97000, 160000 } },
  { "2",  "child_protection",      { 0, 0, 0, 144000 } },
  { "3",  "education",             { 0, 525000, 525000, 525000 } },
  { "3",  "back_office",           { 0, 0, 10000, 57000 } },
  { "3",  "discrete_specialist",   { 0, 0, 17000, 145000 } },
  { "3",  "early_intervention",    { 0, 0, 0, 334000 } },
  { "3",  "looked_after_children", { 0, 0, 357000, 500000 } },
  { "3",  "out_of_school",         { 0, 97000, 97000, 181000 } },
  { "3",  "child_protection",      { 0, 0, 0, 192000 } },
};

static void
test_sample_appendix5 (void)
{
  int wcc = borough ("wcc");

  for (gsize i = 0; i < G_N_ELEMENTS (appendix5); i++)
    {
      const ServiceRow *row = &appendix5[i];
      int s = consort_appraisal_service_index (sample, row->service);

      g_assert_cmpint (s, >=, 0);
      for (int y = 0; y < N_YEARS; y++)
        {
          ConsortMoney got = consort_option_result_service_gross (option (row->option), wcc, s, y);
          if (got != POUNDS (row->gross[y]))
            g_error ("option %s, %s, FY %d: expected £%" G_GINT64_FORMAT ", got %" G_GINT64_FORMAT "p",
                     row->option, row->service, 2010 + y, row->gross[y], got);
        }
    }
}

/* Appendix 8 and the section 5 schedule: Westminster's redundancies
 * (posts x £41,300) and project management, per year. */
static void
test_sample_appendix8 (void)
{
  static const struct {
    const char *option;
    gint64      redundancy[N_YEARS];
    gint64      project[N_YEARS];
  } rows[] = {
    { "1a", { 206500, 0, 0, 0 },      { 40660, 0, 0, 0 } },
    { "1b", { 371700, 0, 0, 0 },      { 40660, 0, 0, 0 } },
    { "2",  { 371700, 454300, 0, 0 }, { 40660, 81320, 0, 0 } },
    { "3",  { 371700, 227150, 227150, 0 }, { 40660, 40660, 40660, 0 } },
  };
  int wcc = borough ("wcc");

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const ConsortOptionResult *r = option (rows[i].option);
      gint64 red_total = 0, pm_total = 0;

      for (int y = 0; y < N_YEARS; y++)
        {
          ConsortMoney red = consort_option_result_kind_costs (r, wcc, CONSORT_COST_REDUNDANCY, y);
          ConsortMoney pm = consort_option_result_kind_costs (r, wcc, CONSORT_COST_PROJECT_MANAGEMENT, y);
          g_assert_cmpint (red, ==, POUNDS (rows[i].redundancy[y]));
          g_assert_cmpint (pm, ==, POUNDS (rows[i].project[y]));
          red_total += red;
          pm_total += pm;
        }
      /* Appendix 8 totals: 5, 9, 20, 20 posts; £40,660 or three times it. */
      g_assert_cmpint (red_total, ==, POUNDS (i == 0 ? 206500 : i == 1 ? 371700 : 826000));
      g_assert_cmpint (pm_total, ==, POUNDS (i < 2 ? 40660 : 121980));
    }
}

static void
test_sample_kinds (void)
{
  const ConsortOptionResult *r3 = option ("3");
  static const int partners3[N_YEARS] = { 2, 2, 3, 4 };

  g_assert_cmpint (option ("1a")->kind, ==, CONSORT_KIND_TWO_BOROUGH);
  g_assert_cmpint (option ("1b")->kind, ==, CONSORT_KIND_TWO_BOROUGH);
  g_assert_cmpint (option ("2")->kind, ==, CONSORT_KIND_TWO_BOROUGH);
  g_assert_cmpint (r3->kind, ==, CONSORT_KIND_ALLIANCE);
  for (int y = 0; y < N_YEARS; y++)
    {
      g_assert_cmpint (r3->partners[y], ==, partners3[y]);
      g_assert_cmpint (r3->kinds[y], ==, y < 2 ? CONSORT_KIND_TWO_BOROUGH : CONSORT_KIND_ALLIANCE);
    }

  /* Alliance partners take part but the paper gives them no figures. */
  for (int y = 0; y < N_YEARS; y++)
    {
      const ConsortFigures *k = consort_option_result_figures (r3, borough ("rbkc"));
      g_assert_cmpint (k->gross[y], ==, 0);
      g_assert_cmpint (k->costs[y], ==, 0);
    }
  g_assert_false (consort_option_result_figures (option ("2"), borough ("rbkc"))->participates);
}

static void
test_sample_summary_text (void)
{
  g_autofree char *text = consort_summary_to_text (results, borough ("wcc"));
  static const char *const figures[] = {
    "£757,840", "£1,162,640", "£2,195,020", "£2,614,020",
    "(£247,160)", "(£412,360)", "£535,620", "£267,810", "£947,980",
    "£622,000", "£1,006,000", "£1,515,000", "£1,934,000", "£3,143,000", "£3,562,000",
    "£86,380", "£354,190", "Option 1A", "Option 3",
  };

  g_assert_nonnull (text);
  /* Financial years as 2010/11 or 2010-11, both council-paper styles. */
  g_assert_true (strstr (text, "2010/11") || strstr (text, "2010-11"));
  g_assert_true (strstr (text, "2013/14") || strstr (text, "2013-14"));
  for (gsize i = 0; i < G_N_ELEMENTS (figures); i++)
    if (!strstr (text, figures[i]))
      g_error ("summary text lacks %s:\n%s", figures[i], text);
}

static void
test_sample_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = consort_json_write (sample);
  g_autoptr(ConsortAppraisal) again = consort_json_read_data (first, -1, &error);
  g_autofree char *second = NULL;

  g_assert_no_error (error);
  g_assert_true (consort_appraisal_equal (sample, again));
  second = consort_json_write (again);
  g_assert_cmpstr (first, ==, second);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  const char *root = g_getenv ("SOURCE_ROOT");
  g_autofree char *path = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (!root)
    root = g_getenv ("G_TEST_SRCDIR") ? g_getenv ("G_TEST_SRCDIR") : ".";
  path = g_build_filename (root, "data", "westminster-2010.json", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_free (path);
      path = g_build_filename (root, "..", "data", "westminster-2010.json", NULL);
    }

  sample = consort_json_read_file (path, &error);
  if (!sample)
    g_error ("%s: %s", path, error->message);
  results = consort_engine_compute (sample, &error);
  if (!results)
    g_error ("%s: %s", path, error->message);

  g_test_add_func ("/sample/loads", test_sample_loads);
  g_test_add_func ("/sample/westminster", test_sample_westminster);
  g_test_add_func ("/sample/hammersmith-fulham", test_sample_hammersmith);
  g_test_add_func ("/sample/partnership", test_sample_partnership);
  g_test_add_func ("/sample/appendix5", test_sample_appendix5);
  g_test_add_func ("/sample/appendix8", test_sample_appendix8);
  g_test_add_func ("/sample/kinds", test_sample_kinds);
  g_test_add_func ("/sample/summary-text", test_sample_summary_text);
  g_test_add_func ("/sample/round-trip", test_sample_round_trip);

  status = g_test_run ();
  consort_results_unref (results);
  consort_appraisal_unref (sample);
  return status;
}
