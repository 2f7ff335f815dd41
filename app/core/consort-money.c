/* consort-money.c: exact money arithmetic, rounding and apportionment.
 *
 * Every rule implemented here is written down in docs/rounding.md.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "consort-money.h"

#include <float.h>
#include <math.h>
#include <string.h>

typedef __int128 i128;
typedef unsigned __int128 u128;

static inline gboolean
in_range (i128 v)
{
  return v <= CONSORT_MONEY_MAX && v >= -CONSORT_MONEY_MAX;
}

gboolean
consort_money_add (ConsortMoney a, ConsortMoney b, ConsortMoney *out)
{
  i128 r = (i128) a + b;

  if (!in_range (r))
    return FALSE;
  *out = (ConsortMoney) r;
  return TRUE;
}

gboolean
consort_money_sub (ConsortMoney a, ConsortMoney b, ConsortMoney *out)
{
  i128 r = (i128) a - b;

  if (!in_range (r))
    return FALSE;
  *out = (ConsortMoney) r;
  return TRUE;
}

/* n / d rounded half away from zero; d > 0. */
static i128
div_round (i128 n, i128 d)
{
  i128 q = n / d;
  i128 r = n % d;   /* same sign as n */

  if (r < 0)
    r = -r;
  if (r >= d - r)   /* 2r >= d without overflow */
    q += (n < 0) ? -1 : 1;
  return q;
}

/* The same in 64 bits, for the common case where the product fits. */
static inline gint64
div_round64 (gint64 n, gint64 d)
{
  gint64 q = n / d;
  gint64 r = n % d;

  if (r < 0)
    r = -r;
  if (r >= d - r)
    q += (n < 0) ? -1 : 1;
  return q;
}

gboolean
consort_money_muldiv (gint64 value, gint64 num, gint64 den, ConsortMoney *out)
{
  i128 r;
  gint64 p;

  if (den <= 0)
    return FALSE;
  if (!__builtin_mul_overflow (value, num, &p))
    r = div_round64 (p, den);
  else
    /* |value * num| < 2^126: cannot overflow 128 bits. */
    r = div_round ((i128) value * num, den);
  if (!in_range (r))
    return FALSE;
  *out = (ConsortMoney) r;
  return TRUE;
}

gboolean
consort_money_muldiv3 (gint64 a, gint64 b, gint64 c, gint64 den, ConsortMoney *out)
{
  i128 ab = (i128) a * b;
  i128 abc;
  i128 r;
  gint64 p;

  if (den <= 0)
    return FALSE;
  if (!__builtin_mul_overflow (a, b, &p) && !__builtin_mul_overflow (p, c, &p))
    {
      r = div_round64 (p, den);
      if (!in_range (r))
        return FALSE;
      *out = (ConsortMoney) r;
      return TRUE;
    }
  if (__builtin_mul_overflow (ab, (i128) c, &abc))
    return FALSE;
  r = div_round (abc, den);
  if (!in_range (r))
    return FALSE;
  *out = (ConsortMoney) r;
  return TRUE;
}

/* Magnitude of a gint64 without overflow for G_MININT64. */
static guint64
magnitude_u64 (gint64 v)
{
  return v < 0 ? (guint64) 0 - (guint64) v : (guint64) v;
}

/* Gives one more penny to each of the @left largest keys (remainder
 * << 7 | 127 - index: larger remainder first, then earlier index).
 * Keys are put in as many buckets as there are keys (a power of two, 8
 * to 128) by remainder, which keeps their order between buckets; only
 * the bucket where the count runs out needs a closer look, and it
 * usually holds one or two keys. */
static void
give_leftover (const guint64 *keys, guint n, guint64 left, guint64 sum, ConsortMoney *shares)
{
  guint8 bucket[128];
  guint8 count[128] = { 0 };
  int bits = 3;
  guint64 mult;
  guint64 acc = 0, need;
  guint64 first_r;
  gboolean same_r = TRUE;
  int b;
  guint i;

  while ((1u << bits) < n)
    bits++;
  /* floor(2^(64 + bits) / sum) fits in 64 bits when sum > 2^bits;
   * otherwise the remainder itself (< sum) is the bucket. */
  mult = sum > (1u << bits) ? (guint64) (((u128) 1 << (64 + bits)) / sum) : 0;
  for (i = 0; i < n; i++)
    {
      guint64 r = keys[i] >> 7;   /* < sum */

      /* r * floor(2^(64+bits) / sum) / 2^64 < r * 2^bits / sum < 2^bits */
      bucket[i] = (guint8) (mult != 0 ? (guint64) (((u128) r * mult) >> 64) : r);
      count[bucket[i]]++;
    }
  for (b = (1 << bits) - 1; acc + count[b] < left; b--)
    acc += count[b];
  need = left - acc;   /* 1 .. count[b] */

  for (i = 0; i < n; i++)
    shares[i] += bucket[i] > b;
  if (need == count[b])
    {
      for (i = 0; i < n; i++)
        shares[i] += bucket[i] == b;
      return;
    }

  /* Equal remainders in that bucket (equal weights, say): the
   * earliest win. */
  for (i = 0; bucket[i] != b; i++)
    ;
  first_r = keys[i] >> 7;
  for (; i < n; i++)
    if (bucket[i] == b && (keys[i] >> 7) != first_r)
      {
        same_r = FALSE;
        break;
      }
  if (same_r)
    {
      for (i = 0; i < n && need > 0; i++)
        if (bucket[i] == b)
          {
            shares[i]++;
            need--;
          }
      return;
    }

  while (need-- > 0)
    {
      guint best = n;

      for (i = 0; i < n; i++)
        if (bucket[i] == b && (best == n || keys[i] > keys[best]))
          best = i;
      shares[best]++;
      bucket[best] = 255;   /* taken */
    }
}

void
consort_apportion (ConsortMoney  total,
                   const gint64 *weights,
                   guint         n_weights,
                   ConsortMoney *shares_out)
{
  guint64 magnitude = magnitude_u64 (total);
  u128 sum = 0;
  guint64 given = 0;
  guint64 left;
  guint64 key_stack[128];
  i128 *rem = NULL;
  gboolean packed;
  guint i;

  if (n_weights == 0)
    return;

  /* Negative weights count as zero. */
  for (i = 0; i < n_weights; i++)
    if (weights[i] > 0)
      sum += (guint64) weights[i];

  if (sum == 0)
    {
      /* Every weight zero: equal shares; all remainders tie, so the
       * spare pence go to the earliest. */
      guint64 q = magnitude / n_weights;
      guint64 r = magnitude % n_weights;

      for (i = 0; i < n_weights; i++)
        shares_out[i] = (ConsortMoney) (q + (i < r ? 1 : 0));
      goto sign;
    }

  /* Remainders are below @sum; when it is small enough, a remainder and
   * its index pack into one distinct 64-bit key that orders by larger
   * remainder first, then earlier index. */
  packed = n_weights <= G_N_ELEMENTS (key_stack) && sum < ((u128) 1 << 57);
  if (packed)
    {
      /* No division per share: with T = a·S + b (b < S), T·w/S is
       * a·w + b·w/S, and b·w/S is found from the reciprocal
       * m = floor(2^64·b/S) to within one, then corrected exactly.
       * a·w never exceeds T because w <= S. */
      guint64 s64 = (guint64) sum;
      guint64 a = magnitude / s64;
      guint64 b = magnitude % s64;
      guint64 m = (guint64) (((u128) b << 64) / s64);

      for (i = 0; i < n_weights; i++)
        {
          guint64 w = weights[i] > 0 ? (guint64) weights[i] : 0;
          guint64 q = (guint64) (((u128) w * m) >> 64);
          guint64 r = (guint64) ((u128) b * w - (u128) q * s64);

          if (r >= s64)
            {
              q++;
              r -= s64;
            }
          q += a * w;
          shares_out[i] = (ConsortMoney) q;
          given += q;
          key_stack[i] = (r << 7) | (127 - i);
        }
    }
  else
    {
      /* Huge weights or very many boroughs: plain 128-bit division. */
      rem = g_new (i128, n_weights);
      for (i = 0; i < n_weights; i++)
        {
          guint64 w = weights[i] > 0 ? (guint64) weights[i] : 0;
          u128 exact = (u128) magnitude * w;   /* < 2^127 */
          guint64 q = (guint64) (exact / sum); /* <= magnitude */

          shares_out[i] = (ConsortMoney) q;
          given += q;
          rem[i] = (i128) (exact % sum);
        }
    }

  /* Fewer than n_weights pence are left over; each goes to one of the
   * largest remainders, ties to the earlier index. */
  left = magnitude - given;
  if (left > 0 && packed)
    give_leftover (key_stack, n_weights, left, (guint64) sum, shares_out);
  else
    for (; left > 0; left--)
      {
        guint best = 0;

        for (i = 1; i < n_weights; i++)
          if (rem[i] > rem[best])
            best = i;
        shares_out[best] += 1;
        rem[best] = -1;
      }
  g_free (rem);

sign:
  if (total < 0)
    for (i = 0; i < n_weights; i++)
      shares_out[i] = (ConsortMoney) ((guint64) 0 - (guint64) shares_out[i]);
}

gboolean
consort_money_from_pounds (double pounds, ConsortMoney *out)
{
  double pence;
  double whole;
  double tolerance;

  if (!isfinite (pounds))
    return FALSE;
  pence = pounds * 100.0;
  if (fabs (pence) > (double) CONSORT_MONEY_MAX)
    return FALSE;
  whole = round (pence);  /* half away from zero */
  /* A typed value with at most two decimals lands within a few units in
   * the last place of a whole number of pence (0.1 + 0.2 gives
   * 30.000000000000004); a third decimal is at least 0.1 pence off. */
  tolerance = MAX (1e-6, fabs (pence) * 8 * DBL_EPSILON);
  if (fabs (pence - whole) > tolerance)
    return FALSE;
  if (fabs (whole) > (double) CONSORT_MONEY_MAX)
    return FALSE;
  *out = (ConsortMoney) whole;
  if (*out == 0)
    *out = 0;  /* no negative zero */
  return TRUE;
}

gboolean
consort_micros_from_double (double value, ConsortMicros *out)
{
  double m;

  if (!isfinite (value))
    return FALSE;
  m = round (value * 1e6);
  if (fabs (m) > 9.0e18)
    return FALSE;
  *out = (ConsortMicros) m;
  return TRUE;
}

char *
consort_money_to_decimal (ConsortMoney pence)
{
  guint64 m = magnitude_u64 (pence);
  const char *sign = pence < 0 ? "-" : "";

  if (m % 100 == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, sign, m / 100);
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u", sign, m / 100, (guint) (m % 100));
}

char *
consort_micros_to_decimal (ConsortMicros micros)
{
  guint64 m = magnitude_u64 (micros);
  const char *sign = micros < 0 ? "-" : "";
  guint frac = (guint) (m % 1000000);
  char digits[8];
  int len;

  if (frac == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, sign, m / 1000000);
  g_snprintf (digits, sizeof digits, "%06u", frac);
  len = 6;
  while (len > 0 && digits[len - 1] == '0')
    len--;
  digits[len] = '\0';
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%s", sign, m / 1000000, digits);
}

/* Appends @v with a comma every three digits. */
static void
append_grouped (GString *s, guint64 v)
{
  char digits[24];
  int len = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, v);

  for (int i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }
}

/* round (pence / unit) half away from zero, as a magnitude. */
static guint64
round_units (guint64 m, guint64 unit)
{
  return m / unit + ((m % unit) >= unit - (m % unit) ? 1 : 0);
}

char *
consort_money_format (ConsortMoney pence, ConsortMoneyFormat flags)
{
  GString *s = g_string_new (NULL);
  guint64 m = magnitude_u64 (pence);
  GString *body = g_string_new (NULL);
  gboolean negative;

  if (flags & CONSORT_MONEY_FORMAT_SHORT)
    {
      guint64 pounds = round_units (m, 100);
      guint64 thousands = round_units (m, 100000);        /* £K */
      guint64 tenths_m = round_units (m, 10000000);       /* £0.1m */
      guint64 tenths_bn = round_units (m, G_GUINT64_CONSTANT (10000000000)); /* £0.1bn */

      if (pounds < 1000)
        {
          append_grouped (body, pounds);
          negative = pence < 0 && pounds != 0;
        }
      else if (thousands < 1000)
        {
          append_grouped (body, thousands);
          g_string_append_c (body, 'K');
          negative = pence < 0;
        }
      else if (tenths_m < 10000)
        {
          g_string_append_printf (body, "%" G_GUINT64_FORMAT ".%u", tenths_m / 10, (guint) (tenths_m % 10));
          g_string_append_c (body, 'm');
          negative = pence < 0;
        }
      else
        {
          append_grouped (body, tenths_bn / 10);
          g_string_append_printf (body, ".%ubn", (guint) (tenths_bn % 10));
          negative = pence < 0;
        }
    }
  else if (flags & CONSORT_MONEY_FORMAT_PENCE)
    {
      append_grouped (body, m / 100);
      g_string_append_printf (body, ".%02u", (guint) (m % 100));
      negative = pence < 0;
    }
  else
    {
      guint64 pounds = round_units (m, 100);

      append_grouped (body, pounds);
      negative = pence < 0 && pounds != 0;
    }

  if (negative)
    g_string_append (s, (flags & CONSORT_MONEY_FORMAT_MINUS) ? "-" : "(");
  if (!(flags & CONSORT_MONEY_FORMAT_NO_SYMBOL))
    g_string_append (s, "£");
  g_string_append_len (s, body->str, body->len);
  if (negative && !(flags & CONSORT_MONEY_FORMAT_MINUS))
    g_string_append_c (s, ')');

  g_string_free (body, TRUE);
  return g_string_free (s, FALSE);
}

char *
consort_fy_label (int first_calendar_year, char separator)
{
  int next = first_calendar_year + 1;

  if (separator == '\0')
    separator = '/';
  return g_strdup_printf ("%d%c%02d", first_calendar_year, separator,
                          ((next % 100) + 100) % 100);
}

/* ---- parsing ---------------------------------------------------------- */

static const char *
skip_spaces (const char *p)
{
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'
         || (((guchar) p[0]) == 0xC2 && ((guchar) p[1]) == 0xA0)) /* no-break space */
    p += (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') ? 1 : 2;
  return p;
}

/* A decimal number with optional thousands commas (groups of three) and
 * an optional fraction: "1,050,000", "12.5", ".5".  Gives the digits as
 * an integer and the number of decimals.  FALSE on junk or when the
 * digits do not fit in 36 significant figures. */
static gboolean
parse_decimal (const char **pp, i128 *mantissa, int *decimals)
{
  const char *p = *pp;
  i128 v = 0;
  int n_int = 0;
  int group = 0;
  gboolean commas = FALSE;
  int n_frac = 0;
  int sig = 0;

  for (;;)
    {
      if (g_ascii_isdigit (*p))
        {
          if (v != 0 || *p != '0')
            sig++;
          if (sig > 36)
            return FALSE;
          v = v * 10 + (*p - '0');
          n_int++;
          group++;
          p++;
        }
      else if (*p == ',')
        {
          /* The first group has 1-3 digits, every later one exactly 3. */
          if (group == 0 || group > 3 || (commas && group != 3))
            return FALSE;
          if (!g_ascii_isdigit (p[1]))
            return FALSE;
          commas = TRUE;
          group = 0;
          p++;
        }
      else
        break;
    }
  if (commas && group != 3)
    return FALSE;

  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        {
          if (v != 0 || *p != '0')
            sig++;
          if (sig > 36)
            return FALSE;
          v = v * 10 + (*p - '0');
          n_frac++;
          p++;
        }
    }

  if (n_int + n_frac == 0)
    return FALSE;

  *mantissa = v;
  *decimals = n_frac;
  *pp = p;
  return TRUE;
}

static i128
pow10_i128 (int n)
{
  i128 r = 1;

  while (n-- > 0)
    r *= 10;
  return r;
}

gboolean
consort_money_parse (const char *text, ConsortMoney *out)
{
  const char *p;
  gboolean negative = FALSE;
  gboolean bracket = FALSE;
  gboolean had_sign = FALSE;
  i128 mantissa;
  int decimals;
  i128 multiplier = 100;   /* pence per unit typed */
  i128 scaled;
  i128 den;

  if (text == NULL)
    return FALSE;

  p = skip_spaces (text);
  if (*p == '(')
    {
      bracket = TRUE;
      negative = TRUE;
      p = skip_spaces (p + 1);
    }
  else if (*p == '-' || *p == '+')
    {
      negative = (*p == '-');
      had_sign = TRUE;
      p = skip_spaces (p + 1);
    }
  else if (strncmp (p, "\342\210\222", 3) == 0)  /* U+2212 minus sign */
    {
      negative = TRUE;
      had_sign = TRUE;
      p = skip_spaces (p + 3);
    }

  if (strncmp (p, "£", strlen ("£")) == 0)
    p = skip_spaces (p + strlen ("£"));

  /* "£-12" is also what people type. */
  if (!bracket && !had_sign && (*p == '-' || *p == '+'))
    {
      negative = (*p == '-');
      p = skip_spaces (p + 1);
    }

  if (!parse_decimal (&p, &mantissa, &decimals))
    return FALSE;

  p = skip_spaces (p);
  if (*p == 'k' || *p == 'K')
    {
      multiplier = 100 * 1000;
      p++;
    }
  else if ((p[0] == 'b' || p[0] == 'B') && (p[1] == 'n' || p[1] == 'N'))
    {
      multiplier = (i128) 100 * 1000 * 1000 * 1000;
      p += 2;
    }
  else if (*p == 'm' || *p == 'M')
    {
      multiplier = 100 * 1000 * 1000;
      p++;
      /* "1.05mn" and "1.05 million" are not worth the ambiguity. */
    }

  p = skip_spaces (p);
  if (bracket)
    {
      if (*p != ')')
        return FALSE;
      p = skip_spaces (p + 1);
    }
  if (*p != '\0')
    return FALSE;

  /* pence = mantissa * multiplier / 10^decimals, which must be whole. */
  if (decimals > 30)
    return FALSE;
  den = pow10_i128 (decimals);
  if (__builtin_mul_overflow (mantissa, multiplier, &scaled))
    return FALSE;
  if (scaled % den != 0)
    return FALSE;
  scaled /= den;
  if (scaled > CONSORT_MONEY_MAX)
    return FALSE;

  *out = (ConsortMoney) (negative ? -scaled : scaled);
  return TRUE;
}

gboolean
consort_micros_parse_rate (const char *text, gboolean allow_above_one, ConsortMicros *out)
{
  const char *p;
  i128 mantissa;
  int decimals;
  i128 scaled;
  i128 den;
  gboolean percent = FALSE;

  if (text == NULL)
    return FALSE;

  p = skip_spaces (text);
  if (*p == '+')
    p = skip_spaces (p + 1);
  if (!parse_decimal (&p, &mantissa, &decimals))
    return FALSE;
  p = skip_spaces (p);
  if (*p == '%')
    {
      percent = TRUE;
      p = skip_spaces (p + 1);
    }
  if (*p != '\0')
    return FALSE;

  /* micros = mantissa * 10^6 / (10^decimals * (percent ? 100 : 1)),
   * which must be exact: a rate is never silently rounded. */
  if (decimals > 30)
    return FALSE;
  den = pow10_i128 (decimals) * (percent ? 100 : 1);
  if (__builtin_mul_overflow (mantissa, (i128) CONSORT_MICROS_ONE, &scaled))
    return FALSE;
  if (scaled % den != 0)
    return FALSE;
  scaled /= den;
  if (!allow_above_one && scaled > CONSORT_MICROS_ONE)
    return FALSE;
  if (scaled > G_MAXINT64)
    return FALSE;

  *out = (ConsortMicros) scaled;
  return TRUE;
}
