/* test-describe.c: validation places in words; horizon changes.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "consort-core.h"

static char *sample_path;

static ConsortAppraisal *
load_sample (void)
{
  g_autoptr(GError) error = NULL;
  ConsortAppraisal *a = consort_json_read_file (sample_path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (a);
  return a;
}

static char *
describe_invalid (const ConsortAppraisal *a)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (consort_appraisal_validate (a, &error));
  g_assert_error (error, CONSORT_ERROR, CONSORT_ERROR_INVALID);
  return consort_appraisal_describe_error (a, error);
}

static char *
describe_message (const ConsortAppraisal *a,
                  const char             *message)
{
  g_autoptr(GError) error = g_error_new_literal (CONSORT_ERROR, CONSORT_ERROR_INVALID, message);

  return consort_appraisal_describe_error (a, error);
}

/* The reviewer's case: four years cut to three. */
static void
test_describe_shorter_horizon (void)
{
  g_autoptr(ConsortAppraisal) a = load_sample ();
  g_autofree char *text = NULL;

  a->years = 3;
  text = describe_invalid (a);
  g_assert_cmpstr (text, ==,
                   "Option 2, savings item 2 (Appendix 5: Back Office Services): "
                   "2013/14 is outside the horizon 2010/11 to 2012/13");
}

static void
test_describe_participant (void)
{
  g_autoptr(ConsortAppraisal) a = load_sample ();
  g_autofree char *text = NULL;

  a->first_year = 2011;
  text = describe_invalid (a);
  g_assert_cmpstr (text, ==,
                   "Option 1A, participant 1 (Westminster), joining year: "
                   "2010/11 is outside the horizon 2011/12 to 2014/15");
}

static void
test_describe_places (void)
{
  g_autoptr(ConsortAppraisal) a = load_sample ();
  g_autofree char *fy = NULL, *rate = NULL, *baseline = NULL, *unknown = NULL;
  g_autofree char *top = NULL, *odd = NULL, *post = NULL, *model = NULL;
  g_autoptr(GError) parse = g_error_new_literal (CONSORT_ERROR, CONSORT_ERROR_PARSE,
                                                 "line 2, column 48: unexpected number");
  g_autofree char *parse_text = consort_appraisal_describe_error (a, parse);

  fy = describe_message (a, "first_year: 999 is outside 1000 to 9999");
  g_assert_cmpstr (fy, ==, "First financial year: 999 is outside 1000 to 9999");

  rate = describe_message (a, "default_rates[1].rate: 1.5 is outside 0 to 1");
  g_assert_cmpstr (rate, ==, "Default rate 2 (Shared service (in-house)), rate: 1.5 is outside 0 to 1");

  baseline = describe_message (a, "services[0] (\"education\").baselines[\"wcc\"].budget: -1 is negative");
  g_assert_cmpstr (baseline, ==, "Education Services, baseline for Westminster, budget: -1 is negative");

  post = describe_message (a, "options[0] (\"1a\").savings[0].posts[1].cost: -5 is negative");
  g_assert_cmpstr (post, ==,
                   "Option 1A, savings item 1 (Appendix 4: Option 1A post reductions), "
                   "post 2 (14-19 manager), annual cost: -5 is negative");

  model = describe_message (a, "options[2] (\"2\").savings[0].model: \"x\" is not a delivery model");
  g_assert_cmpstr (model, ==,
                   "Option 2, savings item 1 (Education: Option 1B post reductions), "
                   "delivery model: \"x\" is not a delivery model");

  /* An id no longer there: the index still names it. */
  unknown = describe_message (a, "options[7] (\"gone\").name: a name is needed");
  g_assert_cmpstr (unknown, ==, "Option 8, name: a name is needed");

  /* What is not a place stays as it was. */
  top = describe_message (a, "top level: expected an object");
  g_assert_cmpstr (top, ==, "top level: expected an object");
  odd = describe_message (a, "options[1: broken");
  g_assert_cmpstr (odd, ==, "options[1: broken");
  g_assert_cmpstr (parse_text, ==, "line 2, column 48: unexpected number");
}

static void
test_known_models (void)
{
  const char * const *models = consort_known_models ();

  g_assert_cmpuint (g_strv_length ((char **) models), ==, 5);
  g_assert_cmpstr (consort_model_describe (models[0]), ==, "Shared service (in-house)");
  g_assert_cmpstr (consort_model_describe (models[1]), ==, "Joint commissioning of outsourced services");
  g_assert_cmpstr (consort_model_describe (models[2]), ==, "Collaborative procurement");
  g_assert_cmpstr (consort_model_describe (models[3]), ==, "Joint outsourcing");
  g_assert_cmpstr (consort_model_describe (models[4]), ==, "Joint venture or social enterprise");
}

/* Shortening the sample to three years removes the 2013/14 figures, and
 * Wandsworth (joining Option 3 in 2013/14) from the option, in one change
 * and gives a valid appraisal. */
static void
test_fit_shorter (void)
{
  g_autoptr(ConsortAppraisal) a = load_sample ();
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  ConsortOption *option3;

  g_assert_cmpuint (consort_appraisal_count_outside (a, a->first_year, 3), ==, 12);
  g_assert_cmpuint (consort_appraisal_count_outside (a, a->first_year, 4), ==, 0);
  g_assert_true (consort_appraisal_fit_horizon (a, a->first_year, 3, changes, &error));
  g_assert_no_error (error);
  g_assert_cmpint (a->years, ==, 3);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (changes, 0), ==,
                   "Wandsworth joins Option 3 in 2013/14 and will no longer take part in it.");
  option3 = g_ptr_array_index (a->options, 3);
  g_assert_cmpuint (option3->participants->len, ==, 3);
  g_assert_cmpuint (consort_appraisal_count_outside (a, a->first_year, 3), ==, 0);
  g_assert_true (consort_appraisal_validate (a, &error));
  g_assert_no_error (error);
}

/* A participant that would go but still owns an item: refused, unchanged. */
static void
test_fit_refuses (void)
{
  g_autoptr(ConsortAppraisal) a = load_sample ();
  g_autoptr(ConsortAppraisal) before = NULL;
  g_autoptr(GError) error = NULL;
  ConsortOption *option = g_ptr_array_index (a->options, 0);
  ConsortParticipant *p = g_ptr_array_index (option->participants, 1);
  ConsortCostItem *cost = g_ptr_array_index (option->costs, 0);

  p->from_year = 2013;
  g_free (cost->owner.borough_id);
  cost->owner.borough_id = g_strdup ("hf");
  before = consort_appraisal_copy (a);
  g_assert_false (consort_appraisal_fit_horizon (a, a->first_year, 3, NULL, &error));
  g_assert_error (error, CONSORT_ERROR, CONSORT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "Option 1A: Hammersmith & Fulham joins in 2013/14, after the horizon would end (2012/13), "
                   "and items of the option are attributed or shared to them. Change the joining year or those items first.");
  g_assert_true (consort_appraisal_equal (a, before));
}

/* Moving the first year moves everything, figures unchanged. */
static void
test_shift (void)
{
  g_autoptr(ConsortAppraisal) a = load_sample ();
  g_autoptr(ConsortAppraisal) moved = consort_appraisal_copy (a);
  g_autoptr(ConsortResults) before = NULL, after = NULL;
  g_autoptr(GError) error = NULL;
  ConsortOption *option;
  ConsortSavingsItem *item;

  consort_appraisal_shift_years (moved, 2);
  g_assert_cmpint (moved->first_year, ==, 2012);
  g_assert_true (consort_appraisal_validate (moved, &error));
  g_assert_no_error (error);

  option = g_ptr_array_index (moved->options, 2);
  item = g_ptr_array_index (option->savings, 1);
  g_assert_cmpint (g_array_index (item->amounts, ConsortYearAmount, 0).year, ==,
                   g_array_index (((ConsortSavingsItem *) g_ptr_array_index (((ConsortOption *) g_ptr_array_index (a->options, 2))->savings, 1))->amounts,
                                  ConsortYearAmount, 0).year + 2);

  before = consort_engine_compute (a, &error);
  g_assert_no_error (error);
  after = consort_engine_compute (moved, &error);
  g_assert_no_error (error);
  for (guint o = 0; o < a->options->len; o++)
    g_assert_cmpint (before->options[o].partnership.total_net, ==,
                     after->options[o].partnership.total_net);

  consort_appraisal_shift_years (moved, -2);
  g_assert_true (consort_appraisal_equal (a, moved));
}

int
main (int    argc,
      char **argv)
{
  const char *root;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  root = g_getenv ("SOURCE_ROOT");
  if (!root)
    root = g_getenv ("G_TEST_SRCDIR") ? g_getenv ("G_TEST_SRCDIR") : ".";
  sample_path = g_build_filename (root, "data", "westminster-2010.json", NULL);
  if (!g_file_test (sample_path, G_FILE_TEST_EXISTS))
    {
      g_free (sample_path);
      sample_path = g_build_filename (root, "..", "data", "westminster-2010.json", NULL);
    }

  g_test_add_func ("/describe/shorter-horizon", test_describe_shorter_horizon);
  g_test_add_func ("/describe/participant", test_describe_participant);
  g_test_add_func ("/describe/places", test_describe_places);
  g_test_add_func ("/describe/known-models", test_known_models);
  g_test_add_func ("/horizon/fit-shorter", test_fit_shorter);
  g_test_add_func ("/horizon/fit-refuses", test_fit_refuses);
  g_test_add_func ("/horizon/shift", test_shift);

  status = g_test_run ();
  g_free (sample_path);
  return status;
}
