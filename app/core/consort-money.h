/* consort-money.h: exact money arithmetic, rounding and apportionment.
 *
 * Money is a signed 64-bit count of pence.  Rates, fractions, FTE and
 * weights are "micros": signed 64-bit counts of millionths.  Every rule
 * for rounding is in docs/rounding.md; the functions here are the only
 * place those rules are implemented.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef gint64 ConsortMoney;   /* pence */
typedef gint64 ConsortMicros;  /* millionths */

#define CONSORT_MICROS_ONE G_GINT64_CONSTANT (1000000)
#define CONSORT_PENCE_PER_POUND 100

/* Largest magnitude allowed for any money figure: £10^15 keeps every
 * intermediate product of the engine inside 128 bits and every total
 * inside 64 bits. */
#define CONSORT_MONEY_MAX G_GINT64_CONSTANT (100000000000000000)

/* Checked arithmetic: return FALSE (and leave *out untouched) on overflow
 * of CONSORT_MONEY_MAX. */
gboolean consort_money_add (ConsortMoney a, ConsortMoney b, ConsortMoney *out);
gboolean consort_money_sub (ConsortMoney a, ConsortMoney b, ConsortMoney *out);

/* round (value * num / den), half away from zero; den > 0.  Computed in
 * 128 bits; FALSE if the result exceeds CONSORT_MONEY_MAX. */
gboolean consort_money_muldiv (gint64 value, gint64 num, gint64 den, ConsortMoney *out);

/* round (a * b * c / den) half away from zero, all in 128 bits. */
gboolean consort_money_muldiv3 (gint64 a, gint64 b, gint64 c, gint64 den, ConsortMoney *out);

/* Splits @total into @n_weights shares in proportion to @weights
 * (non-negative) by the largest-remainder method: each share is the
 * floor of its exact quota, and the pence left over go one each to the
 * largest remainders, ties to the earlier index.  Shares add up to
 * @total exactly.  A negative total is split as its magnitude and
 * negated.  If every weight is zero, the split is equal. */
void consort_apportion (ConsortMoney        total,
                        const gint64       *weights,
                        guint               n_weights,
                        ConsortMoney       *shares_out);

/* Pounds (as typed in JSON, a double with at most two decimals) to pence.
 * FALSE if it has more than two decimals or is out of range. */
gboolean consort_money_from_pounds (double pounds, ConsortMoney *out);
/* A fraction (double) to micros, rounded half away from zero. */
gboolean consort_micros_from_double (double value, ConsortMicros *out);

/* Exact decimal text: "335000", "41300.5" -> "41300.50", "-12.05".
 * Pounds, no symbol, no separators: for interchange files. */
char *consort_money_to_decimal (ConsortMoney pence);
/* "0.035", "1", "0.5": shortest exact decimal of a micros value. */
char *consort_micros_to_decimal (ConsortMicros micros);

typedef enum {
  CONSORT_MONEY_FORMAT_DEFAULT  = 0,       /* "£1,162,640", "(£247,160)" whole pounds */
  CONSORT_MONEY_FORMAT_PENCE    = 1 << 0,  /* "£1,162,640.00" */
  CONSORT_MONEY_FORMAT_SHORT    = 1 << 1,  /* "£335K", "£1.6m" */
  CONSORT_MONEY_FORMAT_MINUS    = 1 << 2,  /* "-£247,160" instead of brackets */
  CONSORT_MONEY_FORMAT_NO_SYMBOL = 1 << 3, /* "1,162,640" */
} ConsortMoneyFormat;

/* Display text for money.  Whole-pound display rounds half away from
 * zero from the exact pence. */
char *consort_money_format (ConsortMoney pence, ConsortMoneyFormat flags);

/* Financial year label: 2010 -> "2010/11" (separator '/' or '-'). */
char *consort_fy_label (int first_calendar_year, char separator);

/* Parses what people type for money: "£1,050,000", "1.05m", "335k",
 * "(247,160)", "-12.5".  Result in pence; FALSE if it cannot be read. */
gboolean consort_money_parse (const char *text, ConsortMoney *out);
/* Parses a rate or fraction: "3%", "0.03", "3.5 %".  A bare number
 * above 1 is NOT taken as a percentage: "3" is rejected for a rate
 * unless @allow_above_one.  Result in micros. */
gboolean consort_micros_parse_rate (const char *text, gboolean allow_above_one, ConsortMicros *out);

G_END_DECLS
