/* test-summary.c: the council-paper summary as text and as JSON for a
 * tiny appraisal, compared with whole expected documents.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "consort-core.h"

#include <json-glib/json-glib.h>

#define POUNDS(x) ((ConsortMoney) ((x) * G_GINT64_CONSTANT (100)))

/* Option 1A of the worked example, from both sides, over three years,
 * and a second option where H&F alone bears a cost of £1,000.50 and
 * never recovers it. */
static ConsortAppraisal *
make_appraisal (void)
{
  ConsortAppraisal *a = consort_appraisal_new ();
  ConsortService *edu = consort_service_new ("education", "Education Services");
  ConsortBaseline *bl;
  ConsortOption *o;
  ConsortSavingsItem *posts;
  ConsortCostItem *c;

  g_free (a->title);
  a->title = g_strdup ("Children's services");
  a->first_year = 2010;
  a->years = 3;
  g_ptr_array_add (a->boroughs, consort_borough_new ("wcc", "Westminster", 253100));
  g_ptr_array_add (a->boroughs, consort_borough_new ("hf", "Hammersmith & Fulham", 172200));
  g_ptr_array_add (a->boroughs, consort_borough_new ("rbkc", "Kensington and Chelsea", 169500));
  bl = consort_baseline_new ("wcc");
  bl->budget = POUNDS (17500000);
  g_ptr_array_add (edu->baselines, bl);
  g_ptr_array_add (a->services, edu);

  o = consort_option_new ("1a", "Option 1A");
  g_ptr_array_add (o->participants, consort_participant_new ("wcc", 2010));
  g_ptr_array_add (o->participants, consort_participant_new ("hf", 2010));
  posts = consort_savings_item_new ("education", CONSORT_METHOD_POSTS);
  g_ptr_array_add (posts->posts, consort_post_new ("Managers", 10 * CONSORT_MICROS_ONE, POUNDS (67000)));
  posts->start_year = 2011;
  posts->owner.share = CONSORT_SHARE_EQUAL;
  g_ptr_array_add (o->savings, posts);
  c = consort_cost_item_new (CONSORT_COST_REDUNDANCY);
  c->form = CONSORT_COST_FORM_POSTS;
  c->posts = 5 * CONSORT_MICROS_ONE;
  c->unit_cost = POUNDS (41300);
  c->year = 2010;
  c->owner.borough_id = g_strdup ("wcc");
  g_ptr_array_add (o->costs, c);
  c = consort_cost_item_new (CONSORT_COST_PROJECT_MANAGEMENT);
  c->amount = POUNDS (40660);
  c->year = 2010;
  c->owner.borough_id = g_strdup ("wcc");
  g_ptr_array_add (o->costs, c);
  g_ptr_array_add (a->options, o);

  o = consort_option_new ("hf-only", "Option \"H&F\"");
  g_ptr_array_add (o->participants, consort_participant_new ("hf", 2011));
  c = consort_cost_item_new (CONSORT_COST_OTHER);
  c->amount = POUNDS (1000) + 50;
  c->year = 2012;
  c->owner.borough_id = g_strdup ("hf");
  g_ptr_array_add (o->costs, c);
  g_ptr_array_add (a->options, o);

  return a;
}

static void
set_name (char **name, const char *value)
{
  g_free (*name);
  *name = g_strdup (value);
}

static ConsortResults *
compute (void)
{
  g_autoptr (ConsortAppraisal) a = make_appraisal ();
  g_autoptr (GError) error = NULL;
  ConsortResults *r = consort_engine_compute (a, &error);

  g_assert_no_error (error);
  return r;
}

static void
test_text_borough (void)
{
  g_autoptr (ConsortResults) r = compute ();
  g_autofree char *text = consort_summary_to_text (r, 0);
  const char *want =
    "Children's services\n"
    "Westminster’s share\n"
    "\n"
    "Gross savings\n"
    "Option          2010-11     2011-12     2012-13       Total\n"
    "Option 1A            £0    £335,000    £335,000    £670,000\n"
    "Option \"H&F\"  not taking part\n"
    "\n"
    "One-off costs\n"
    "Option          2010-11     2011-12     2012-13       Total\n"
    "Option 1A      £247,160          £0          £0    £247,160\n"
    "Option \"H&F\"  not taking part\n"
    "\n"
    "Net savings\n"
    "Option          2010-11     2011-12     2012-13       Total\n"
    "Option 1A     (£247,160)   £335,000    £335,000    £422,840\n"
    "Option \"H&F\"  not taking part\n"
    "\n"
    "Net present value and break-even\n"
    "Option        Kind             NPV at 3.5%   Break-even\n"
    "Option 1A     Two-borough         £389,238   2011-12\n"
    "Option \"H&F\"  Not taking part\n";

  g_assert_cmpstr (text, ==, want);
}

static void
test_text_partnership (void)
{
  g_autoptr (ConsortResults) r = compute ();
  g_autofree char *text = consort_summary_to_text (r, -1);
  const char *want =
    "Children's services\n"
    "Partnership\n"
    "\n"
    "Gross savings\n"
    "Option           2010-11      2011-12      2012-13        Total\n"
    "Option 1A             £0     £670,000     £670,000   £1,340,000\n"
    "Option \"H&F\"          £0           £0           £0           £0\n"
    "\n"
    "One-off costs\n"
    "Option           2010-11      2011-12      2012-13        Total\n"
    "Option 1A       £247,160           £0           £0     £247,160\n"
    "Option \"H&F\"          £0           £0       £1,001       £1,001\n"
    "\n"
    "Net savings\n"
    "Option           2010-11      2011-12      2012-13        Total\n"
    "Option 1A      (£247,160)    £670,000     £670,000   £1,092,840\n"
    "Option \"H&F\"          £0           £0      (£1,001)     (£1,001)\n"
    "\n"
    "Net present value and break-even\n"
    "Option        Kind            NPV at 3.5%   Break-even\n"
    "Option 1A     Two-borough      £1,025,635   2011-12\n"
    "Option \"H&F\"  Single borough        (£934)  none\n";

  g_assert_cmpstr (text, ==, want);
}

/* NPVs at 3.5%, by hand: Westminster -247,160 + 335,000/1.035 +
 * 335,000/1.035^2 = 389,237.582..; H&F 335,000/1.035 + 335,000/1.035^2 =
 * 636,397.582..; the partnership -247,160 + 670,000/1.035 +
 * 670,000/1.035^2 = 1,025,635.164..; H&F alone -1,000.50/1.035^2 =
 * -933.977.. */
static void
test_json (void)
{
  g_autoptr (ConsortResults) r = compute ();
  g_autofree char *json = consort_summary_to_json (r, -1);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  const char *want =
    "{\n"
    "  \"years\": [\"2010/11\", \"2011/12\", \"2012/13\"],\n"
    "  \"options\": [\n"
    "    {\n"
    "      \"id\": \"1a\",\n"
    "      \"name\": \"Option 1A\",\n"
    "      \"kind\": \"two-borough\",\n"
    "      \"partnership\": {\n"
    "        \"gross\": [0, 670000, 670000],\n"
    "        \"costs\": [247160, 0, 0],\n"
    "        \"net\": [-247160, 670000, 670000],\n"
    "        \"cumulative\": [-247160, 422840, 1092840],\n"
    "        \"total_gross\": 1340000,\n"
    "        \"total_costs\": 247160,\n"
    "        \"total_net\": 1092840,\n"
    "        \"npv\": 1025635.16,\n"
    "        \"breakeven\": \"2011/12\"\n"
    "      },\n"
    "      \"boroughs\": {\n"
    "        \"wcc\": {\n"
    "          \"gross\": [0, 335000, 335000],\n"
    "          \"costs\": [247160, 0, 0],\n"
    "          \"net\": [-247160, 335000, 335000],\n"
    "          \"cumulative\": [-247160, 87840, 422840],\n"
    "          \"total_gross\": 670000,\n"
    "          \"total_costs\": 247160,\n"
    "          \"total_net\": 422840,\n"
    "          \"npv\": 389237.58,\n"
    "          \"breakeven\": \"2011/12\"\n"
    "        },\n"
    "        \"hf\": {\n"
    "          \"gross\": [0, 335000, 335000],\n"
    "          \"costs\": [0, 0, 0],\n"
    "          \"net\": [0, 335000, 335000],\n"
    "          \"cumulative\": [0, 335000, 670000],\n"
    "          \"total_gross\": 670000,\n"
    "          \"total_costs\": 0,\n"
    "          \"total_net\": 670000,\n"
    "          \"npv\": 636397.58,\n"
    "          \"breakeven\": null\n"
    "        },\n"
    "        \"rbkc\": {\n"
    "          \"gross\": [0, 0, 0],\n"
    "          \"costs\": [0, 0, 0],\n"
    "          \"net\": [0, 0, 0],\n"
    "          \"cumulative\": [0, 0, 0],\n"
    "          \"total_gross\": 0,\n"
    "          \"total_costs\": 0,\n"
    "          \"total_net\": 0,\n"
    "          \"npv\": 0,\n"
    "          \"breakeven\": null\n"
    "        }\n"
    "      }\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"hf-only\",\n"
    "      \"name\": \"Option \\\"H&F\\\"\",\n"
    "      \"kind\": \"single-borough\",\n"
    "      \"partnership\": {\n"
    "        \"gross\": [0, 0, 0],\n"
    "        \"costs\": [0, 0, 1000.50],\n"
    "        \"net\": [0, 0, -1000.50],\n"
    "        \"cumulative\": [0, 0, -1000.50],\n"
    "        \"total_gross\": 0,\n"
    "        \"total_costs\": 1000.50,\n"
    "        \"total_net\": -1000.50,\n"
    "        \"npv\": -933.98,\n"
    "        \"breakeven\": null\n"
    "      },\n"
    "      \"boroughs\": {\n"
    "        \"wcc\": {\n"
    "          \"gross\": [0, 0, 0],\n"
    "          \"costs\": [0, 0, 0],\n"
    "          \"net\": [0, 0, 0],\n"
    "          \"cumulative\": [0, 0, 0],\n"
    "          \"total_gross\": 0,\n"
    "          \"total_costs\": 0,\n"
    "          \"total_net\": 0,\n"
    "          \"npv\": 0,\n"
    "          \"breakeven\": null\n"
    "        },\n"
    "        \"hf\": {\n"
    "          \"gross\": [0, 0, 0],\n"
    "          \"costs\": [0, 0, 1000.50],\n"
    "          \"net\": [0, 0, -1000.50],\n"
    "          \"cumulative\": [0, 0, -1000.50],\n"
    "          \"total_gross\": 0,\n"
    "          \"total_costs\": 1000.50,\n"
    "          \"total_net\": -1000.50,\n"
    "          \"npv\": -933.98,\n"
    "          \"breakeven\": null\n"
    "        },\n"
    "        \"rbkc\": {\n"
    "          \"gross\": [0, 0, 0],\n"
    "          \"costs\": [0, 0, 0],\n"
    "          \"net\": [0, 0, 0],\n"
    "          \"cumulative\": [0, 0, 0],\n"
    "          \"total_gross\": 0,\n"
    "          \"total_costs\": 0,\n"
    "          \"total_net\": 0,\n"
    "          \"npv\": 0,\n"
    "          \"breakeven\": null\n"
    "        }\n"
    "      }\n"
    "    }\n"
    "  ]\n"
    "}\n";

  g_assert_cmpstr (json, ==, want);
  /* And it is JSON. */
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
}

/* One borough asked for: only it under "boroughs", even where it does
 * not take part; the partnership is still there.  (Without one, every
 * borough is there, with zeros where it does not take part.) */
static void
test_json_one_borough (void)
{
  g_autoptr (ConsortResults) r = compute ();
  g_autofree char *json = consort_summary_to_json (r, 0);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root, *opt, *boroughs;
  JsonArray *options;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  options = json_object_get_array_member (root, "options");
  g_assert_cmpint (json_array_get_length (options), ==, 2);

  opt = json_array_get_object_element (options, 0);
  boroughs = json_object_get_object_member (opt, "boroughs");
  g_assert_cmpint (json_object_get_size (boroughs), ==, 1);
  g_assert_true (json_object_has_member (boroughs, "wcc"));
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (boroughs, "wcc"),
                                                    "total_net"), ==, 422840);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (opt, "partnership"),
                                                    "total_net"), ==, 1092840);

  opt = json_array_get_object_element (options, 1);
  boroughs = json_object_get_object_member (opt, "boroughs");
  g_assert_true (json_object_has_member (boroughs, "wcc"));
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (boroughs, "wcc"),
                                                    "total_costs"), ==, 0);
}

/* No options at all: still valid JSON and a text with empty tables. */
static void
test_empty (void)
{
  g_autoptr (ConsortAppraisal) a = consort_appraisal_new ();
  g_autoptr (ConsortResults) r = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;

  g_free (a->title);
  a->title = g_strdup ("Empty");
  a->first_year = 2099;
  a->years = 1;
  r = consort_engine_compute (a, &error);
  g_assert_no_error (error);
  json = consort_summary_to_json (r, -1);
  g_assert_cmpstr (json, ==, "{\n  \"years\": [\"2099/00\"],\n  \"options\": []\n}\n");
  text = consort_summary_to_text (r, -1);
  g_assert_true (g_str_has_prefix (text, "Empty\nPartnership\n\nGross savings\nOption  2099-00     Total\n"));
}

/* Wide characters count two columns, combining marks none; long names
 * are cut with "…"; no line ends in a space. */
static void
test_text_widths (void)
{
  g_autoptr (ConsortAppraisal) a = make_appraisal ();
  g_autoptr (ConsortResults) r = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;

  set_name (&((ConsortOption *) g_ptr_array_index (a->options, 0))->name, "共有サービス 😀 e\xcc\x81");
  set_name (&((ConsortOption *) g_ptr_array_index (a->options, 1))->name,
            "Option 2: a very long name that would push every figure off the page");
  r = consort_engine_compute (a, &error);
  g_assert_no_error (error);
  text = consort_summary_to_text (r, -1);
  lines = g_strsplit (text, "\n", -1);
  /* 6 wide characters, a space, an emoji, a space, e and its accent: 16
   * columns; the long name is cut to 32 with the ellipsis. */
  g_assert_cmpstr (lines[5], ==, "共有サービス 😀 e\xcc\x81                         £0     £670,000     £670,000   £1,340,000");
  g_assert_cmpstr (lines[6], ==, "Option 2: a very long name that…          £0           £0           £0           £0");
  g_assert_cmpstr (lines[4], ==, "Option                               2010-11      2011-12      2012-13        Total");
  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_false (g_str_has_suffix (lines[i], " "));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/summary/text/borough", test_text_borough);
  g_test_add_func ("/summary/text/partnership", test_text_partnership);
  g_test_add_func ("/summary/json/all", test_json);
  g_test_add_func ("/summary/json/one-borough", test_json_one_borough);
  g_test_add_func ("/summary/empty", test_empty);
  g_test_add_func ("/summary/text/widths", test_text_widths);

  return g_test_run ();
}
