/* test-chart.c: the Comparison charts, from an appraisal computed by the
 * engine: axis, tooltips, descriptions, tables and files.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "consort-chart.h"

#include <glib/gstdio.h>
#include <string.h>

#define POUNDS(x) ((ConsortMoney) ((x) * G_GINT64_CONSTANT (100)))
#define W 640
#define H 400

static void
add_amounts (ConsortOption *o, const char *service, const char *borough, int from, int to, gint64 pounds)
{
  ConsortSavingsItem *it = consort_savings_item_new (service, CONSORT_METHOD_AMOUNTS);

  it->owner.borough_id = g_strdup (borough);
  for (int y = from; y <= to; y++)
    consort_year_amounts_set (it->amounts, y, POUNDS (pounds));
  g_ptr_array_add (o->savings, it);
}

static void
add_cost (ConsortOption *o, const char *borough, int year, gint64 pounds)
{
  ConsortCostItem *c = consort_cost_item_new (CONSORT_COST_REDUNDANCY);

  c->owner.borough_id = g_strdup (borough);
  c->form = CONSORT_COST_FORM_AMOUNT;
  c->year = year;
  c->amount = POUNDS (pounds);
  g_ptr_array_add (o->costs, c);
}

static ConsortOption *
add_option (ConsortAppraisal *a, const char *id, const char *name)
{
  ConsortOption *o = consort_option_new (id, name);

  g_ptr_array_add (o->participants, consort_participant_new ("wcc", 2010));
  g_ptr_array_add (o->participants, consort_participant_new ("hf", 2010));
  g_ptr_array_add (a->options, o);
  return o;
}

/* Westminster's figures for Options 1A and 1B of the July 2010 paper,
 * entered as amounts: net (£247,160), £335,000 x 3 = £757,840 and
 * (£412,360), £525,000 x 3 = £1,162,640. */
static ConsortAppraisal *
make_appraisal (int n_extra_options)
{
  ConsortAppraisal *a = consort_appraisal_new ();
  ConsortService *edu = consort_service_new ("edu", "Education Services");
  ConsortService *lac = consort_service_new ("lac", "Looked After Children");
  ConsortOption *o;

  g_free (a->title);
  a->title = g_strdup ("Chart test");
  a->first_year = 2010;
  a->years = 4;
  g_ptr_array_add (a->boroughs, consort_borough_new ("wcc", "Westminster", 253100));
  g_ptr_array_add (a->boroughs, consort_borough_new ("hf", "Hammersmith & Fulham", 182400));
  g_ptr_array_add (a->services, edu);
  g_ptr_array_add (a->services, lac);

  o = add_option (a, "1a", "Option 1A");
  add_amounts (o, "edu", "wcc", 2011, 2013, 335000);
  add_amounts (o, "edu", "hf", 2011, 2013, 335000);
  add_cost (o, "wcc", 2010, 247160);

  o = add_option (a, "1b", "Option 1B");
  add_amounts (o, "edu", "wcc", 2011, 2013, 525000);
  add_amounts (o, "edu", "hf", 2011, 2013, 525000);
  add_amounts (o, "lac", "hf", 2012, 2013, 100000);
  add_cost (o, "wcc", 2010, 412360);

  for (int i = 0; i < n_extra_options; i++)
    {
      g_autofree char *id = g_strdup_printf ("x%d", i);
      g_autofree char *name = g_strdup_printf ("Option %d: a shared service for every children's "
                                               "service with a long descriptive name", i + 2);
      o = add_option (a, id, name);
      add_amounts (o, "edu", "wcc", 2011, 2013, 100000 * (i + 1));
      add_cost (o, "wcc", 2010, 50000 * (i + 1));
    }
  return a;
}

static ConsortResults *
compute (int n_extra_options)
{
  g_autoptr(ConsortAppraisal) a = make_appraisal (n_extra_options);
  g_autoptr(GError) error = NULL;
  ConsortResults *r = consort_engine_compute (a, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

static char *
hit (ConsortChart *chart, int series, int category)
{
  double x, y;

  g_assert_true (consort_chart_get_point (chart, W, H, series, category, &x, &y));
  /* Just inside the bar or on the marker. */
  return consort_chart_hit_test (chart, W, H, x, y + 2);
}

static void
test_kind_strings (void)
{
  ConsortChartKind kind;

  for (int k = 0; k < CONSORT_N_CHART_KINDS; k++)
    {
      g_assert_true (consort_chart_kind_from_string (consort_chart_kind_to_string (k), &kind));
      g_assert_cmpint (kind, ==, k);
    }
  g_assert_cmpstr (consort_chart_kind_to_string (CONSORT_CHART_SERVICE_STACK), ==, "services");
  g_assert_false (consort_chart_kind_from_string ("pie", &kind));
  g_assert_false (consort_chart_kind_from_string (NULL, &kind));
}

static void
test_net (void)
{
  g_autoptr(ConsortResults) r = compute (0);
  g_autoptr(ConsortChart) chart = consort_chart_new (r, CONSORT_CHART_NET_BY_YEAR, -1, 0);
  const ConsortChartTable *t = consort_chart_get_table (chart);
  g_autofree char *tip = NULL;
  g_autofree char *tip2 = NULL;
  guint n;

  g_assert_cmpstr (consort_chart_get_title (chart), ==, "Net savings by year");
  g_assert_cmpstr (consort_chart_get_subtitle (chart), ==, "Westminster’s share");

  /* Westminster's net runs from (£412,360) to £525,000: steps of £200K. */
  n = consort_chart_get_n_ticks (chart);
  g_assert_cmpuint (n, ==, 7);
  g_assert_cmpint (consort_chart_get_tick (chart, 0), ==, POUNDS (-600000));
  g_assert_cmpstr (consort_chart_get_tick_label (chart, 0), ==, "(£600K)");
  g_assert_cmpstr (consort_chart_get_tick_label (chart, 3), ==, "£0");
  g_assert_cmpstr (consort_chart_get_tick_label (chart, 6), ==, "£600K");

  g_assert_cmpuint (t->n_rows, ==, 2);
  g_assert_cmpuint (t->n_columns, ==, 6);
  g_assert_cmpstr (t->column_titles[1], ==, "2010/11");
  g_assert_cmpstr (t->column_titles[5], ==, "Total");
  g_assert_cmpstr (consort_chart_table_get_cell (t, 0, 0), ==, "Option 1A");
  g_assert_cmpstr (consort_chart_table_get_cell (t, 0, 1), ==, "(£247,160)");
  g_assert_cmpstr (consort_chart_table_get_cell (t, 0, 2), ==, "£335,000");
  g_assert_cmpstr (consort_chart_table_get_cell (t, 0, 5), ==, "£757,840");
  g_assert_cmpstr (consort_chart_table_get_cell (t, 1, 5), ==, "£1,162,640");
  g_assert_cmpint (t->values[1 * t->n_columns + 1], ==, POUNDS (-412360));
  g_assert_true (t->numeric[1] && !t->numeric[0]);
  g_assert_null (consort_chart_table_get_cell (t, 2, 0));

  tip = hit (chart, 1, 1);
  g_assert_cmpstr (tip, ==, "Option 1B, 2011/12: £525,000 net");
  tip2 = hit (chart, 0, 0);
  g_assert_cmpstr (tip2, ==, "Option 1A, 2010/11: (£247,160) net");
  g_assert_null (consort_chart_hit_test (chart, W, H, 1, 1));
  g_assert_null (consort_chart_hit_test (chart, W, H, W - 1, H - 1));

  g_assert_cmpstr (consort_chart_describe (chart), ==,
                   "Westminster’s share: net savings per year for 2 options, 2010/11 to 2013/14. "
                   "Option 1B saves most, £1,162,640 in total; Option 1A saves least, £757,840.");
}

static void
test_partnership (void)
{
  g_autoptr(ConsortResults) r = compute (0);
  g_autoptr(ConsortChart) chart = consort_chart_new (r, CONSORT_CHART_NET_BY_YEAR, -1, -1);
  const ConsortChartTable *t = consort_chart_get_table (chart);

  g_assert_cmpstr (consort_chart_get_subtitle (chart), ==, "Partnership");
  /* 1B: (£412,360), £1,050,000, £1,150,000, £1,150,000. */
  g_assert_cmpstr (consort_chart_table_get_cell (t, 1, 3), ==, "£1,150,000");
  g_assert_cmpstr (consort_chart_table_get_cell (t, 1, 5), ==, "£2,937,640");
  /* (£412,360) to £1,150,000: steps of £500K, "£1m" not "£1.0m". */
  g_assert_cmpuint (consort_chart_get_n_ticks (chart), ==, 5);
  g_assert_cmpstr (consort_chart_get_tick_label (chart, 0), ==, "(£500K)");
  g_assert_cmpstr (consort_chart_get_tick_label (chart, 3), ==, "£1m");
  g_assert_cmpstr (consort_chart_get_tick_label (chart, 4), ==, "£1.5m");
}

static void
test_cumulative (void)
{
  g_autoptr(ConsortResults) r = compute (0);
  g_autoptr(ConsortChart) chart = consort_chart_new (r, CONSORT_CHART_CUMULATIVE, -1, 0);
  const ConsortChartTable *t = consort_chart_get_table (chart);
  g_autofree char *tip = NULL;
  g_autofree char *tip2 = NULL;

  g_assert_cmpstr (t->column_titles[5], ==, "Break-even");
  g_assert_false (t->numeric[5]);
  g_assert_cmpstr (consort_chart_table_get_cell (t, 0, 2), ==, "£87,840");
  g_assert_cmpstr (consort_chart_table_get_cell (t, 0, 4), ==, "£757,840");
  g_assert_cmpstr (consort_chart_table_get_cell (t, 0, 5), ==, "2011/12");

  tip = hit (chart, 0, 1);
  g_assert_cmpstr (tip, ==, "Option 1A, 2011/12: £87,840 cumulative net (breaks even)");
  tip2 = hit (chart, 1, 3);
  g_assert_cmpstr (tip2, ==, "Option 1B, 2013/14: £1,162,640 cumulative net");

  g_assert_true (strstr (consort_chart_describe (chart),
                         "Option 1A breaks even in 2011/12 and ends at £757,840.") != NULL);
}

static void
test_services (void)
{
  g_autoptr(ConsortResults) r = compute (0);
  g_autoptr(ConsortChart) chart = consort_chart_new (r, CONSORT_CHART_SERVICE_STACK, 1, -1);
  const ConsortChartTable *t = consort_chart_get_table (chart);
  g_autofree char *tip = NULL;
  g_autofree char *tip2 = NULL;
  double x, y;

  g_assert_cmpstr (consort_chart_get_title (chart), ==, "Gross savings by service: Option 1B");
  /* Largest service first, then a total row. */
  g_assert_cmpuint (t->n_rows, ==, 3);
  g_assert_true (t->has_total_row);
  g_assert_cmpstr (consort_chart_table_get_cell (t, 0, 0), ==, "Education Services");
  g_assert_cmpstr (consort_chart_table_get_cell (t, 0, 2), ==, "£1,050,000");
  g_assert_cmpstr (consort_chart_table_get_cell (t, 1, 0), ==, "Looked After Children");
  g_assert_cmpstr (consort_chart_table_get_cell (t, 1, 5), ==, "£200,000");
  g_assert_cmpstr (consort_chart_table_get_cell (t, 2, 0), ==, "Total");
  g_assert_cmpstr (consort_chart_table_get_cell (t, 2, 3), ==, "£1,150,000");
  g_assert_cmpstr (consort_chart_table_get_cell (t, 2, 5), ==, "£3,350,000");

  /* Stacked: the top of the stack is the year's total. */
  g_assert_cmpstr (consort_chart_get_tick_label (chart, consort_chart_get_n_ticks (chart) - 1), ==, "£1.2m");
  tip = hit (chart, 1, 2);
  g_assert_cmpstr (tip, ==, "Looked After Children, 2012/13: £100,000 gross savings");
  g_assert_true (consort_chart_get_point (chart, W, H, 1, 2, &x, &y));
  tip2 = consort_chart_hit_test (chart, W, H, x, y - 6);
  g_assert_cmpstr (tip2, ==, "2012/13: £1,150,000 gross savings in total");

  g_assert_cmpstr (consort_chart_describe (chart), ==,
                   "Partnership: gross savings by service for Option 1B, 2010/11 to 2013/14, "
                   "£3,350,000 in total. Largest: Education Services, £3,150,000; "
                   "Looked After Children, £200,000.");
}

static void
test_boroughs (void)
{
  g_autoptr(ConsortResults) r = compute (0);
  g_autoptr(ConsortChart) chart = consort_chart_new (r, CONSORT_CHART_BOROUGH_SHARES, 0, 1);
  const ConsortChartTable *t = consort_chart_get_table (chart);
  g_autofree char *tip = NULL;
  g_autofree char *tip2 = NULL;

  g_assert_cmpuint (t->n_rows, ==, 3);
  g_assert_cmpuint (t->n_columns, ==, 4);
  g_assert_cmpstr (t->column_titles[2], ==, "One-off costs");
  g_assert_cmpstr (consort_chart_table_get_cell (t, 0, 0), ==, "Westminster");
  g_assert_cmpstr (consort_chart_table_get_cell (t, 0, 1), ==, "£1,005,000");
  g_assert_cmpstr (consort_chart_table_get_cell (t, 0, 2), ==, "£247,160");
  g_assert_cmpstr (consort_chart_table_get_cell (t, 0, 3), ==, "£757,840");
  g_assert_cmpstr (consort_chart_table_get_cell (t, 2, 0), ==, "Partnership");
  g_assert_cmpstr (consort_chart_table_get_cell (t, 2, 1), ==, "£2,010,000");

  tip = hit (chart, 0, 0);
  g_assert_cmpstr (tip, ==, "Westminster: £1,005,000 gross savings, 50.0% of the partnership’s");
  tip2 = hit (chart, 1, 0);
  g_assert_cmpstr (tip2, ==, "Westminster: £247,160 one-off costs, 100.0% of the partnership’s");
  g_assert_true (strstr (consort_chart_describe (chart),
                         "Hammersmith & Fulham: £1,005,000 gross savings, £0 one-off costs, £1,005,000 net.")
                 != NULL);
}

static void
pixel_at (cairo_surface_t *surface, double x, double y, int *r, int *g, int *b)
{
  const guint32 *p;

  cairo_surface_flush (surface);
  p = (const guint32 *) (cairo_image_surface_get_data (surface) + (int) y * cairo_image_surface_get_stride (surface));
  p += (int) x;
  *r = (*p >> 16) & 0xff;
  *g = (*p >> 8) & 0xff;
  *b = *p & 0xff;
}

static gboolean
is_palette_colour (const ConsortChartStyle *style, int r, int g, int b)
{
  for (int i = 0; i < CONSORT_CHART_PALETTE_SIZE; i++)
    if (ABS (r - (int) (style->palette[i].red * 255)) < 40 && ABS (g - (int) (style->palette[i].green * 255)) < 40
        && ABS (b - (int) (style->palette[i].blue * 255)) < 40)
      return TRUE;
  return FALSE;
}

/* Review of issue 3: measures (gross, costs, net) and services do not
 * reuse the options' colours; measures are neutral, net darker than
 * gross, in light and dark style. */
static void
test_encodings (void)
{
  g_autoptr(ConsortResults) r = compute (0);
  g_autoptr(ConsortChart) boroughs = consort_chart_new (r, CONSORT_CHART_BOROUGH_SHARES, 1, -1);
  g_autoptr(ConsortChart) services = consort_chart_new (r, CONSORT_CHART_SERVICE_STACK, 1, -1);

  for (int dark = 0; dark < 2; dark++)
    {
      ConsortChartStyle style;
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
      cairo_t *cr = cairo_create (surface);
      int lum[3];
      double x, y;
      int pr, pg, pb;

      if (dark)
        consort_chart_style_init_dark (&style);
      else
        consort_chart_style_init_light (&style);
      consort_chart_render (boroughs, cr, W, H, &style);
      for (int s = 0; s < 3; s += 2)
        {
          g_assert_true (consort_chart_get_point (boroughs, W, H, s, 0, &x, &y));
          pixel_at (surface, x, y + 6, &pr, &pg, &pb);
          g_assert_cmpint (ABS (pr - pg), <, 10);
          g_assert_cmpint (ABS (pg - pb), <, 10);
          g_assert_false (is_palette_colour (&style, pr, pg, pb));
          lum[s] = pr + pg + pb;
        }
      /* Net stands out from gross by lightness: darker on light, lighter on dark. */
      if (dark)
        g_assert_cmpint (lum[2], >, lum[0] + 150);
      else
        g_assert_cmpint (lum[2], <, lum[0] - 150);

      consort_chart_render (services, cr, W, H, &style);
      g_assert_true (consort_chart_get_point (services, W, H, 0, 2, &x, &y));
      pixel_at (surface, x, y + 6, &pr, &pg, &pb);
      g_assert_false (is_palette_colour (&style, pr, pg, pb));
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

/* A partner of the option with no figures gets a note ("joins
 * 2012/13"); a borough outside the option is not in the chart. */
static void
test_borough_notes (void)
{
  g_autoptr(ConsortAppraisal) a = make_appraisal (0);
  g_autoptr(ConsortResults) r = NULL;
  g_autoptr(ConsortChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  ConsortOption *o = g_ptr_array_index (a->options, 0);
  const ConsortChartTable *t;

  g_ptr_array_add (a->boroughs, consort_borough_new ("rbkc", "Kensington and Chelsea", 158300));
  g_ptr_array_add (a->boroughs, consort_borough_new ("lbw", "Wandsworth", 289600));
  g_ptr_array_add (o->participants, consort_participant_new ("rbkc", 2012));
  r = consort_engine_compute (a, &error);
  g_assert_no_error (error);
  chart = consort_chart_new (r, CONSORT_CHART_BOROUGH_SHARES, 0, -1);
  t = consort_chart_get_table (chart);

  g_assert_cmpuint (t->n_rows, ==, 4);
  g_assert_cmpstr (consort_chart_table_get_cell (t, 2, 0), ==, "Kensington and Chelsea");
  g_assert_cmpstr (consort_chart_table_get_cell (t, 3, 0), ==, "Partnership");
  g_assert_nonnull (strstr (consort_chart_describe (chart), " Kensington and Chelsea: joins 2012/13."));
  g_assert_null (strstr (consort_chart_describe (chart), "Kensington and Chelsea: £0"));
  g_assert_null (strstr (consort_chart_describe (chart), "Wandsworth"));
}

static void
test_empty (void)
{
  g_autoptr(ConsortAppraisal) a = make_appraisal (0);
  g_autoptr(ConsortResults) r = NULL;
  g_autoptr(ConsortChart) net = NULL;
  g_autoptr(ConsortChart) services = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  ConsortChartStyle style;

  g_ptr_array_set_size (a->options, 0);
  r = consort_engine_compute (a, &error);
  g_assert_no_error (error);

  net = consort_chart_new (r, CONSORT_CHART_NET_BY_YEAR, -1, -1);
  g_assert_cmpstr (consort_chart_describe (net), ==, "No options to compare yet");
  g_assert_cmpuint (consort_chart_get_table (net)->n_rows, ==, 0);
  services = consort_chart_new (r, CONSORT_CHART_SERVICE_STACK, 3, -1);
  g_assert_cmpstr (consort_chart_describe (services), ==, "No options to compare yet");
  g_assert_null (consort_chart_hit_test (services, W, H, W / 2, H / 2));

  /* Drawing an empty chart, and at silly sizes, is fine. */
  consort_chart_style_init_dark (&style);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cr = cairo_create (surface);
  consort_chart_render (net, cr, W, H, &style);
  consort_chart_render (services, cr, 3, 2, &style);
  consort_chart_render (services, cr, 0, 0, &style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
ignore_start (GMarkupParseContext *ctx, const char *element, const char **names,
              const char **values, gpointer data, GError **error)
{
  guint *n = data;
  (*n)++;
}

static void
test_files (void)
{
  g_autoptr(ConsortResults) r = compute (9);  /* 11 options, long names */
  g_autofree char *dir = g_dir_make_tmp ("consort-chart-XXXXXX", NULL);
  ConsortChartStyle style;
  GMarkupParser parser = { ignore_start, NULL, NULL, NULL, NULL };

  consort_chart_style_init_light (&style);
  for (int k = 0; k < CONSORT_N_CHART_KINDS; k++)
    {
      g_autoptr(ConsortChart) chart = consort_chart_new (r, k, 1, 0);
      g_autofree char *svg = g_strdup_printf ("%s/%s.svg", dir, consort_chart_kind_to_string (k));
      g_autofree char *png = g_strdup_printf ("%s/%s.PNG", dir, consort_chart_kind_to_string (k));
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GMarkupParseContext) ctx = NULL;
      cairo_surface_t *image;
      gsize len;
      guint n_elements = 0;

      g_assert_true (consort_chart_save (chart, svg, 800, 500, &style, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (svg, &contents, &len, NULL));
      ctx = g_markup_parse_context_new (&parser, 0, &n_elements, NULL);
      g_assert_true (g_markup_parse_context_parse (ctx, contents, len, &error));
      g_assert_true (g_markup_parse_context_end_parse (ctx, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n_elements, >, 20);
      g_assert_true (strstr (contents, "<svg") != NULL);

      g_assert_true (consort_chart_save (chart, png, 640, 360, &style, &error));
      g_assert_no_error (error);
      image = cairo_image_surface_create_from_png (png);
      g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (image), ==, 640);
      g_assert_cmpint (cairo_image_surface_get_height (image), ==, 360);
      cairo_surface_destroy (image);

      g_unlink (svg);
      g_unlink (png);
    }

  {
    g_autoptr(ConsortChart) chart = consort_chart_new (r, CONSORT_CHART_NET_BY_YEAR, -1, -1);
    g_autoptr(GError) error = NULL;
    g_autofree char *bad = g_strdup_printf ("%s/chart.gif", dir);
    g_autofree char *missing = g_strdup_printf ("%s/no/such/dir/chart.png", dir);

    g_assert_false (consort_chart_save (chart, bad, 800, 500, &style, &error));
    g_assert_error (error, CONSORT_ERROR, CONSORT_ERROR_INVALID);
    g_assert_true (strstr (error->message, "chart.gif") != NULL);
    g_clear_error (&error);
    g_assert_false (consort_chart_save (chart, missing, 800, 500, &style, &error));
    g_assert_error (error, CONSORT_ERROR, CONSORT_ERROR_IO);
    g_clear_error (&error);
    g_assert_false (consort_chart_save (chart, bad, 0, 500, &style, &error));
    g_assert_error (error, CONSORT_ERROR, CONSORT_ERROR_INVALID);
  }
  g_rmdir (dir);
}

/* Eleven options with long names: every bar is still found under the
 * pointer and named with the full option name; repeated colours are
 * still drawn. */
static void
test_many_options (void)
{
  g_autoptr(ConsortResults) r = compute (9);
  g_autoptr(ConsortChart) chart = consort_chart_new (r, CONSORT_CHART_NET_BY_YEAR, -1, 0);

  for (int s = 0; s < 11; s++)
    {
      g_autofree char *tip = hit (chart, s, 3);
      g_autofree char *prefix = g_strdup_printf ("%s, 2013/14: ", r->options[s].option->name);
      g_assert_true (g_str_has_prefix (tip, prefix));
    }
  g_assert_true (strstr (consort_chart_describe (chart), "for 11 options") != NULL);
}

/* Drawn large (presentation), the layout moves; hit-testing follows the
 * style it is given. */
static void
test_scaled (void)
{
  g_autoptr(ConsortResults) r = compute (0);
  g_autoptr(ConsortChart) chart = consort_chart_new (r, CONSORT_CHART_NET_BY_YEAR, -1, 0);
  ConsortChartStyle big, normal;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (surface);
  double x, y, x1, y1;
  g_autofree char *tip = NULL;
  g_autofree char *tip2 = NULL;

  consort_chart_style_init_light (&normal);
  g_assert_true (consort_chart_get_point (chart, W, H, 1, 1, &x1, &y1));
  big = normal;
  big.scale = 2;
  consort_chart_render (chart, cr, W, H, &big);
  g_assert_true (consort_chart_get_point (chart, W, H, 1, 1, &x, &y));
  g_assert_true (x != x1 || y != y1);
  tip = consort_chart_hit_test_with_style (chart, &big, W, H, x, y + 2);
  g_assert_cmpstr (tip, ==, "Option 1B, 2011/12: £525,000 net");
  tip2 = consort_chart_hit_test_with_style (chart, &normal, W, H, x1, y1 + 2);
  g_assert_cmpstr (tip2, ==, "Option 1B, 2011/12: £525,000 net");
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_equal (void)
{
  g_autoptr(ConsortResults) r = compute (0);
  g_autoptr(ConsortChart) a = consort_chart_new (r, CONSORT_CHART_NET_BY_YEAR, -1, 0);
  g_autoptr(ConsortChart) b = consort_chart_new (r, CONSORT_CHART_NET_BY_YEAR, -1, 0);
  g_autoptr(ConsortChart) c = consort_chart_new (r, CONSORT_CHART_NET_BY_YEAR, -1, 1);

  g_assert_true (consort_chart_equal (a, b));
  g_assert_false (consort_chart_equal (a, c));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/chart/kind-strings", test_kind_strings);
  g_test_add_func ("/chart/net", test_net);
  g_test_add_func ("/chart/partnership", test_partnership);
  g_test_add_func ("/chart/cumulative", test_cumulative);
  g_test_add_func ("/chart/services", test_services);
  g_test_add_func ("/chart/boroughs", test_boroughs);
  g_test_add_func ("/chart/encodings", test_encodings);
  g_test_add_func ("/chart/borough-notes", test_borough_notes);
  g_test_add_func ("/chart/empty", test_empty);
  g_test_add_func ("/chart/files", test_files);
  g_test_add_func ("/chart/many-options", test_many_options);
  g_test_add_func ("/chart/equal", test_equal);
  g_test_add_func ("/chart/scaled", test_scaled);
  return g_test_run ();
}
