/* test-money.c: exact money arithmetic, rounding, apportionment,
 * formatting and parsing (docs/rounding.md).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "consort-money.h"

#include <math.h>

static void
test_add_sub (void)
{
  ConsortMoney r = 42;

  g_assert_true (consort_money_add (100, 250, &r));
  g_assert_cmpint (r, ==, 350);
  g_assert_true (consort_money_sub (100, 250, &r));
  g_assert_cmpint (r, ==, -150);
  g_assert_true (consort_money_add (CONSORT_MONEY_MAX - 1, 1, &r));
  g_assert_cmpint (r, ==, CONSORT_MONEY_MAX);

  r = 42;
  g_assert_false (consort_money_add (CONSORT_MONEY_MAX, 1, &r));
  g_assert_cmpint (r, ==, 42);  /* untouched */
  g_assert_false (consort_money_sub (-CONSORT_MONEY_MAX, 1, &r));
  g_assert_false (consort_money_add (G_MAXINT64, G_MAXINT64, &r));
  g_assert_false (consort_money_sub (G_MININT64, G_MAXINT64, &r));
  g_assert_cmpint (r, ==, 42);
}

static void
test_muldiv (void)
{
  ConsortMoney r;

  /* Ties go away from zero, for both signs. */
  g_assert_true (consort_money_muldiv (5, 1, 2, &r));
  g_assert_cmpint (r, ==, 3);
  g_assert_true (consort_money_muldiv (-5, 1, 2, &r));
  g_assert_cmpint (r, ==, -3);
  g_assert_true (consort_money_muldiv (5, -1, 2, &r));
  g_assert_cmpint (r, ==, -3);
  g_assert_true (consort_money_muldiv (7, 1, 4, &r));   /* 1.75 */
  g_assert_cmpint (r, ==, 2);
  g_assert_true (consort_money_muldiv (5, 1, 4, &r));   /* 1.25 */
  g_assert_cmpint (r, ==, 1);
  g_assert_true (consort_money_muldiv (-5, 1, 4, &r));
  g_assert_cmpint (r, ==, -1);
  g_assert_true (consort_money_muldiv (-7, 1, 4, &r));
  g_assert_cmpint (r, ==, -2);

  /* 3% of £17,500,000: 52,500,000 pence. */
  g_assert_true (consort_money_muldiv (1750000000, 30000, 1000000, &r));
  g_assert_cmpint (r, ==, 52500000);

  /* 128-bit intermediate: G_MAXINT64 * 1e6 / 1e6. */
  g_assert_false (consort_money_muldiv (G_MAXINT64, 1000000, 1000000, &r));
  g_assert_true (consort_money_muldiv (CONSORT_MONEY_MAX, 1000000, 1000000, &r));
  g_assert_cmpint (r, ==, CONSORT_MONEY_MAX);
  g_assert_false (consort_money_muldiv (1, 1, 0, &r));

  /* muldiv3: £60,000 x 7/12 = £35,000 exactly; £10 x 7/12 = 583.333p. */
  g_assert_true (consort_money_muldiv3 (6000000, 1000000, 7, 12000000, &r));
  g_assert_cmpint (r, ==, 3500000);
  g_assert_true (consort_money_muldiv3 (1000, 1000000, 7, 12000000, &r));
  g_assert_cmpint (r, ==, 583);
  g_assert_true (consort_money_muldiv3 (-3, 1, 1, 2, &r));
  g_assert_cmpint (r, ==, -2);
  /* 2^63 cubed overflows even 128 bits. */
  g_assert_false (consort_money_muldiv3 (G_MAXINT64, G_MAXINT64, G_MAXINT64, 1, &r));
  g_assert_false (consort_money_muldiv3 (1, 1, 1, -1, &r));
}

static void
test_apportion_examples (void)
{
  ConsortMoney s[4];
  gint64 w_equal[3] = { 1, 1, 1 };
  gint64 w_zero[3] = { 0, 0, 0 };
  gint64 w_half[2] = { 1, 1 };
  gint64 w_tie[4] = { 1, 3, 3, 1 };

  consort_apportion (100, w_equal, 3, s);
  g_assert_cmpint (s[0], ==, 34);
  g_assert_cmpint (s[1], ==, 33);
  g_assert_cmpint (s[2], ==, 33);

  consort_apportion (-100, w_equal, 3, s);
  g_assert_cmpint (s[0], ==, -34);
  g_assert_cmpint (s[1], ==, -33);
  g_assert_cmpint (s[2], ==, -33);

  consort_apportion (200, w_zero, 3, s);
  g_assert_cmpint (s[0], ==, 67);
  g_assert_cmpint (s[1], ==, 67);
  g_assert_cmpint (s[2], ==, 66);

  consort_apportion (67000000, w_half, 2, s);
  g_assert_cmpint (s[0], ==, 33500000);
  g_assert_cmpint (s[1], ==, 33500000);

  /* 7 by 1:3:3:1 = 0.875, 2.625, 2.625, 0.875: floors 0,2,2,0; three
   * pence left go to remainders .875 (index 0), .875 (index 3), then
   * .625 (index 1). */
  consort_apportion (7, w_tie, 4, s);
  g_assert_cmpint (s[0], ==, 1);
  g_assert_cmpint (s[1], ==, 3);
  g_assert_cmpint (s[2], ==, 2);
  g_assert_cmpint (s[3], ==, 1);

  consort_apportion (0, w_tie, 4, s);
  for (int i = 0; i < 4; i++)
    g_assert_cmpint (s[i], ==, 0);
}

/* The definition, written the slow and obvious way: floors, then one
 * penny at a time to the largest remaining remainder, earliest first. */
static void
reference_apportion (ConsortMoney total, const gint64 *weights, guint n, ConsortMoney *out)
{
  __int128 mag = total < 0 ? -(__int128) total : total;
  __int128 sum = 0, given = 0;
  __int128 rem[300];

  for (guint i = 0; i < n; i++)
    sum += weights[i] > 0 ? weights[i] : 0;
  for (guint i = 0; i < n; i++)
    {
      __int128 w = sum == 0 ? 1 : (weights[i] > 0 ? weights[i] : 0);
      __int128 s = sum == 0 ? n : sum;

      out[i] = (ConsortMoney) (mag * w / s);
      rem[i] = mag * w % s;
      given += out[i];
    }
  for (__int128 left = mag - given; left > 0; left--)
    {
      guint best = 0;

      for (guint i = 1; i < n; i++)
        if (rem[i] > rem[best])
          best = i;
      out[best]++;
      rem[best] = -1;
    }
  if (total < 0)
    for (guint i = 0; i < n; i++)
      out[i] = -out[i];
}

static void
test_apportion_random (void)
{
  GRand *rand = g_rand_new_with_seed (20100712);

  for (int round = 0; round < 20000; round++)
    {
      guint n = round % 50 == 0 ? g_rand_int_range (rand, 129, 300) : g_rand_int_range (rand, 1, 80);
      gint64 weights[300];
      ConsortMoney shares[300];
      ConsortMoney want[300];
      ConsortMoney total;
      ConsortMoney sum = 0;
      gboolean zero = g_rand_int_range (rand, 0, 10) == 0;
      int scale = g_rand_int_range (rand, 0, 4);
      gint64 wsum = 0;

      total = ((gint64) g_rand_int (rand) << 20 | g_rand_int (rand)) % (CONSORT_MONEY_MAX / 1000);
      if (round % 3 == 0)
        total = g_rand_int_range (rand, -1000, 1000);
      if (round % 101 == 0)
        total = CONSORT_MONEY_MAX;
      if (g_rand_boolean (rand))
        total = -total;
      for (guint i = 0; i < n; i++)
        {
          gint64 w = (gint64) g_rand_int (rand);

          /* Small, budget-sized, and huge weights (past the packed
           * fast path), some zero, a few negative (count as zero). */
          if (scale == 1)
            w *= 1000000;
          else if (scale == 2)
            w = w << 31 | g_rand_int (rand);
          else if (scale == 3)
            w %= 4;
          if (zero || g_rand_int_range (rand, 0, 4) == 0)
            w = 0;
          if (g_rand_int_range (rand, 0, 40) == 0)
            w = -w;
          weights[i] = w;
          wsum += w > 0 ? w / 1024 : 0;
        }
      consort_apportion (total, weights, n, shares);
      reference_apportion (total, weights, n, want);
      for (guint i = 0; i < n; i++)
        {
          if (shares[i] != want[i])
            g_error ("round %d, share %u of %u: %" G_GINT64_FORMAT " instead of %" G_GINT64_FORMAT,
                     round, i, n, shares[i], want[i]);
          sum += shares[i];
          /* Every share has the total's sign (or is zero). */
          if (total >= 0)
            g_assert_cmpint (shares[i], >=, 0);
          else
            g_assert_cmpint (shares[i], <=, 0);
          if (wsum > 0 && weights[i] <= 0)
            g_assert_cmpint (shares[i], ==, 0);
        }
      g_assert_cmpint (sum, ==, total);
    }
  g_rand_free (rand);
}

static void
test_from_pounds (void)
{
  ConsortMoney r;
  ConsortMicros m;

  g_assert_true (consort_money_from_pounds (335000, &r));
  g_assert_cmpint (r, ==, 33500000);
  g_assert_true (consort_money_from_pounds (41300.5, &r));
  g_assert_cmpint (r, ==, 4130050);
  g_assert_true (consort_money_from_pounds (0.1 + 0.2, &r));
  g_assert_cmpint (r, ==, 30);
  g_assert_true (consort_money_from_pounds (-12.05, &r));
  g_assert_cmpint (r, ==, -1205);
  g_assert_true (consort_money_from_pounds (1234567.89, &r));
  g_assert_cmpint (r, ==, 123456789);
  g_assert_true (consort_money_from_pounds (0.07, &r));
  g_assert_cmpint (r, ==, 7);
  g_assert_true (consort_money_from_pounds (-0.0, &r));
  g_assert_cmpint (r, ==, 0);
  g_assert_true (consort_money_from_pounds (90071992547409.91, &r));
  g_assert_cmpint (r, ==, G_GINT64_CONSTANT (9007199254740991));

  g_assert_false (consort_money_from_pounds (12.345, &r));
  g_assert_false (consort_money_from_pounds (0.001, &r));
  g_assert_false (consort_money_from_pounds (1234567.891, &r));
  g_assert_false (consort_money_from_pounds (1e16, &r));
  g_assert_false (consort_money_from_pounds (NAN, &r));
  g_assert_false (consort_money_from_pounds (INFINITY, &r));

  g_assert_true (consort_micros_from_double (0.035, &m));
  g_assert_cmpint (m, ==, 35000);
  g_assert_true (consort_micros_from_double (0.55, &m));
  g_assert_cmpint (m, ==, 550000);
  g_assert_true (consort_micros_from_double (1.0 / 3.0, &m));
  g_assert_cmpint (m, ==, 333333);
  g_assert_true (consort_micros_from_double (-0.0000025, &m));
  g_assert_cmpint (m, ==, -3);
  g_assert_false (consort_micros_from_double (NAN, &m));
  g_assert_false (consort_micros_from_double (1e20, &m));
}

static void
check_str (char *got, const char *want)
{
  g_assert_cmpstr (got, ==, want);
  g_free (got);
}

static void
test_decimal (void)
{
  check_str (consort_money_to_decimal (33500000), "335000");
  check_str (consort_money_to_decimal (4130050), "41300.50");
  check_str (consort_money_to_decimal (-1205), "-12.05");
  check_str (consort_money_to_decimal (-5), "-0.05");
  check_str (consort_money_to_decimal (0), "0");
  check_str (consort_money_to_decimal (G_MININT64), "-92233720368547758.08");

  check_str (consort_micros_to_decimal (35000), "0.035");
  check_str (consort_micros_to_decimal (1000000), "1");
  check_str (consort_micros_to_decimal (500000), "0.5");
  check_str (consort_micros_to_decimal (1), "0.000001");
  check_str (consort_micros_to_decimal (-1500000), "-1.5");
  check_str (consort_micros_to_decimal (0), "0");
}

static void
test_format (void)
{
  check_str (consort_money_format (116264000, 0), "£1,162,640");
  check_str (consort_money_format (-24716000, 0), "(£247,160)");
  check_str (consort_money_format (-24716000, CONSORT_MONEY_FORMAT_MINUS), "-£247,160");
  check_str (consort_money_format (-24716000, CONSORT_MONEY_FORMAT_NO_SYMBOL), "(247,160)");
  check_str (consort_money_format (116264000, CONSORT_MONEY_FORMAT_NO_SYMBOL), "1,162,640");
  check_str (consort_money_format (116264000, CONSORT_MONEY_FORMAT_PENCE), "£1,162,640.00");
  check_str (consort_money_format (-1205, CONSORT_MONEY_FORMAT_PENCE), "(£12.05)");
  check_str (consort_money_format (0, 0), "£0");
  check_str (consort_money_format (99999, 0), "£1,000");
  /* Whole pounds: half a pound away from zero, both signs. */
  check_str (consort_money_format (150, 0), "£2");
  check_str (consort_money_format (-150, 0), "(£2)");
  check_str (consort_money_format (149, 0), "£1");
  check_str (consort_money_format (-149, CONSORT_MONEY_FORMAT_MINUS), "-£1");
  /* Rounds to zero: no brackets around nothing. */
  check_str (consort_money_format (-40, 0), "£0");
  check_str (consort_money_format (G_MININT64, CONSORT_MONEY_FORMAT_MINUS),
             "-£92,233,720,368,547,758");

  /* Short forms, as in the paper's summary table. */
  check_str (consort_money_format (33500000, CONSORT_MONEY_FORMAT_SHORT), "£335K");
  check_str (consort_money_format (62200000, CONSORT_MONEY_FORMAT_SHORT), "£622K");
  check_str (consort_money_format (100500000, CONSORT_MONEY_FORMAT_SHORT), "£1.0m");
  check_str (consort_money_format (157500000, CONSORT_MONEY_FORMAT_SHORT), "£1.6m");
  check_str (consort_money_format (314300000, CONSORT_MONEY_FORMAT_SHORT), "£3.1m");
  check_str (consort_money_format (356200000, CONSORT_MONEY_FORMAT_SHORT), "£3.6m");
  check_str (consort_money_format (95000, CONSORT_MONEY_FORMAT_SHORT), "£950");
  check_str (consort_money_format (99949, CONSORT_MONEY_FORMAT_SHORT), "£999");
  check_str (consort_money_format (99950, CONSORT_MONEY_FORMAT_SHORT), "£1K");
  check_str (consort_money_format (99950000, CONSORT_MONEY_FORMAT_SHORT), "£1.0m");
  check_str (consort_money_format (99949999, CONSORT_MONEY_FORMAT_SHORT), "£999K");
  check_str (consort_money_format (-24716000, CONSORT_MONEY_FORMAT_SHORT), "(£247K)");
  check_str (consort_money_format (-24716000, CONSORT_MONEY_FORMAT_SHORT | CONSORT_MONEY_FORMAT_MINUS), "-£247K");
  check_str (consort_money_format (99940000000, CONSORT_MONEY_FORMAT_SHORT), "£999.4m");
  check_str (consort_money_format (99996000000, CONSORT_MONEY_FORMAT_SHORT), "£1.0bn");
  check_str (consort_money_format (125000000000, CONSORT_MONEY_FORMAT_SHORT), "£1.3bn");
  check_str (consort_money_format (G_GINT64_CONSTANT (125000000000000), CONSORT_MONEY_FORMAT_SHORT), "£1,250.0bn");
  check_str (consort_money_format (33500000, CONSORT_MONEY_FORMAT_SHORT | CONSORT_MONEY_FORMAT_NO_SYMBOL), "335K");
  check_str (consort_money_format (-10, CONSORT_MONEY_FORMAT_SHORT), "£0");
}

static void
test_fy_label (void)
{
  check_str (consort_fy_label (2010, '/'), "2010/11");
  check_str (consort_fy_label (2010, '-'), "2010-11");
  check_str (consort_fy_label (2099, '/'), "2099/00");
  check_str (consort_fy_label (2009, '\0'), "2009/10");
}

static void
test_parse (void)
{
  static const struct { const char *text; ConsortMoney pence; } good[] = {
    { "£1,050,000", 105000000 },
    { "1.05m", 105000000 },
    { "1.05 m", 105000000 },
    { "335k", 33500000 },
    { "£335K", 33500000 },
    { "(247,160)", -24716000 },
    { "(£247,160)", -24716000 },
    { "-12.5", -1250 },
    { "-£12.50", -1250 },
    { "£-12.50", -1250 },
    { "  41300  ", 4130000 },
    { "£ 41,300.07", 4130007 },
    { "+7", 700 },
    { "0", 0 },
    { ".5", 50 },
    { "2bn", G_GINT64_CONSTANT (200000000000) },
    { "1.2345678m", 123456780 },
    { "1000000", 100000000 },
    { "\342\210\222£3", -300 },
  };
  static const char *bad[] = {
    "", "   ", "12abc", "abc", "1,2,3", "1,0000", ",100", "100,", "1,00",
    "12.345", "1.0000001k", "£", "(12", "12)", "--3", "-(3)", "1 000",
    "1e5", "0x10", "12..5", ".", "£12£", "1000000000000000000000000000",
    "5mm", "- ", "3%",
  };
  ConsortMoney r;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      r = 1;
      if (!consort_money_parse (good[i].text, &r))
        g_error ("could not parse \"%s\"", good[i].text);
      g_assert_cmpint (r, ==, good[i].pence);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    if (consort_money_parse (bad[i], &r))
      g_error ("\"%s\" was accepted as %" G_GINT64_FORMAT, bad[i], r);
  g_assert_false (consort_money_parse (NULL, &r));
}

static void
test_parse_rate (void)
{
  ConsortMicros m;

  g_assert_true (consort_micros_parse_rate ("3%", FALSE, &m));
  g_assert_cmpint (m, ==, 30000);
  g_assert_true (consort_micros_parse_rate ("3.5 %", FALSE, &m));
  g_assert_cmpint (m, ==, 35000);
  g_assert_true (consort_micros_parse_rate ("0.03", FALSE, &m));
  g_assert_cmpint (m, ==, 30000);
  g_assert_true (consort_micros_parse_rate ("1", FALSE, &m));
  g_assert_cmpint (m, ==, 1000000);
  g_assert_true (consort_micros_parse_rate (" 100% ", FALSE, &m));
  g_assert_cmpint (m, ==, 1000000);
  g_assert_true (consort_micros_parse_rate ("0", FALSE, &m));
  g_assert_cmpint (m, ==, 0);
  g_assert_true (consort_micros_parse_rate ("3", TRUE, &m));
  g_assert_cmpint (m, ==, 3000000);
  g_assert_true (consort_micros_parse_rate ("33.3333%", FALSE, &m));
  g_assert_cmpint (m, ==, 333333);

  g_assert_false (consort_micros_parse_rate ("3", FALSE, &m));
  g_assert_false (consort_micros_parse_rate ("150%", FALSE, &m));
  g_assert_false (consort_micros_parse_rate ("-3%", FALSE, &m));
  g_assert_false (consort_micros_parse_rate ("3%%", FALSE, &m));
  g_assert_false (consort_micros_parse_rate ("abc", FALSE, &m));
  g_assert_false (consort_micros_parse_rate ("0.0000001", FALSE, &m));
  g_assert_false (consort_micros_parse_rate ("", FALSE, &m));
  g_assert_false (consort_micros_parse_rate ("%", FALSE, &m));
  g_assert_false (consort_micros_parse_rate (NULL, FALSE, &m));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/money/add-sub", test_add_sub);
  g_test_add_func ("/money/muldiv", test_muldiv);
  g_test_add_func ("/money/apportion/examples", test_apportion_examples);
  g_test_add_func ("/money/apportion/random", test_apportion_random);
  g_test_add_func ("/money/from-pounds", test_from_pounds);
  g_test_add_func ("/money/decimal", test_decimal);
  g_test_add_func ("/money/format", test_format);
  g_test_add_func ("/money/fy-label", test_fy_label);
  g_test_add_func ("/money/parse", test_parse);
  g_test_add_func ("/money/parse-rate", test_parse_rate);

  return g_test_run ();
}
