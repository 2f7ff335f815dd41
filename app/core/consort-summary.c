/* consort-summary.c: the council-paper summary as text and as JSON.
 *
 * Both are written by hand so that the bytes are deterministic: the
 * same results always give the same text, which the golden tests and
 * the CSV/JSON cross-checks rely on.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "consort-summary.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* ---- text ------------------------------------------------------------ */

/* Option names longer than this are cut short with "…", so that one
 * long name does not push every figure off a terminal's width. */
#define MAX_NAME_WIDTH 32

/* Columns a character takes in a terminal: two for wide East Asian
 * characters and emoji, none for combining marks and other zero-width
 * characters. */
static gsize
char_width (gunichar c)
{
  if (g_unichar_iszerowidth (c))
    return 0;
  return g_unichar_iswide (c) ? 2 : 1;
}

/* Display width of UTF-8 text. */
static gsize
text_width (const char *s)
{
  gsize width = 0;

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    width += char_width (g_utf8_get_char (p));
  return width;
}

/* @s cut to at most @max columns, ending in "…" if it was cut. */
static char *
fit_width (const char *s, gsize max)
{
  GString *out;
  gsize width = 0;

  if (text_width (s) <= max)
    return g_strdup (s);
  out = g_string_new (NULL);
  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gsize w = char_width (g_utf8_get_char (p));

      if (width + w + 1 > max)  /* room for the ellipsis */
        break;
      g_string_append_len (out, p, g_utf8_next_char (p) - p);
      width += w;
    }
  /* No space before the ellipsis: "Option 1A – long name…". */
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

/* Removes the spaces that padding leaves at the ends of lines. */
static char *
strip_line_ends (GString *text)
{
  GString *out = g_string_sized_new (text->len);
  gsize pending = 0;

  for (gsize i = 0; i < text->len; i++)
    {
      char c = text->str[i];

      if (c == ' ')
        {
          pending++;
          continue;
        }
      if (c != '\n')
        for (; pending > 0; pending--)
          g_string_append_c (out, ' ');
      pending = 0;
      g_string_append_c (out, c);
    }
  g_string_free (text, TRUE);
  return g_string_free (out, FALSE);
}

static void
pad (GString *out, gsize n)
{
  for (gsize i = 0; i < n; i++)
    g_string_append_c (out, ' ');
}

static void
cell_left (GString *out, const char *s, gsize width)
{
  g_string_append (out, s);
  pad (out, width > text_width (s) ? width - text_width (s) : 0);
}

static void
cell_right (GString *out, const char *s, gsize width)
{
  pad (out, width > text_width (s) ? width - text_width (s) : 0);
  g_string_append (out, s);
}

/* Money for a table cell: negatives in brackets; non-negative figures
 * get a trailing space so that digits line up with bracketed ones. */
static char *
money_cell (ConsortMoney pence)
{
  char *s = consort_money_format (pence, CONSORT_MONEY_FORMAT_DEFAULT);

  if (s[0] != '(')
    {
      char *t = g_strconcat (s, " ", NULL);

      g_free (s);
      return t;
    }
  return s;
}

typedef enum { TABLE_GROSS, TABLE_COSTS, TABLE_NET } TableKind;

static const ConsortMoney *
table_row (const ConsortFigures *f, TableKind kind)
{
  switch (kind)
    {
    case TABLE_GROSS:
      return f->gross;
    case TABLE_COSTS:
      return f->costs;
    case TABLE_NET:
    default:
      return f->net;
    }
}

static ConsortMoney
table_total (const ConsortFigures *f, TableKind kind)
{
  switch (kind)
    {
    case TABLE_GROSS:
      return f->total_gross;
    case TABLE_COSTS:
      return f->total_costs;
    case TABLE_NET:
    default:
      return f->total_net;
    }
}

/* The option's name as a table shows it: cut to MAX_NAME_WIDTH. */
static char *
option_label (const ConsortOptionResult *r)
{
  const char *name = r->option->name != NULL && *r->option->name != '\0' ? r->option->name : r->option->id;

  return fit_width (name, MAX_NAME_WIDTH);
}

char *
consort_summary_to_text (const ConsortResults *results, int party)
{
  const ConsortAppraisal *a;
  GString *out;
  int ny, no;
  gsize name_w = 0, num_w = 0;
  g_autofree char *discount = NULL;
  static const TableKind tables[] = { TABLE_GROSS, TABLE_COSTS, TABLE_NET };

  g_return_val_if_fail (results != NULL, NULL);
  a = results->appraisal;
  g_return_val_if_fail (party >= -1 && party < (int) a->boroughs->len, NULL);

  out = g_string_new (NULL);
  ny = results->n_years;
  no = results->n_options;

  /* Title: the appraisal, and on a line of its own whose figures these
   * are (titles often hold a colon already). */
  g_string_append (out, a->title != NULL && *a->title != '\0' ? a->title : _("Appraisal"));
  g_string_append_c (out, '\n');
  if (party < 0)
    g_string_append (out, _("Partnership"));
  else
    {
      const ConsortBorough *b = g_ptr_array_index (a->boroughs, party);

      /* TRANSLATORS: %s is a borough's name: "Westminster's share". */
      g_string_append_printf (out, _("%s’s share"), b->name);
    }
  g_string_append (out, "\n");

  /* One width for the option names and one for every figure, so the
   * three tables line up under each other. */
  name_w = text_width (_("Option"));
  for (int o = 0; o < no; o++)
    {
      g_autofree char *label = option_label (&results->options[o]);

      name_w = MAX (name_w, text_width (label));
    }
  num_w = text_width (_("Total")) + 1;
  for (int y = 0; y < ny; y++)
    num_w = MAX (num_w, 8);  /* "2010-11 " */
  for (int o = 0; o < no; o++)
    {
      const ConsortFigures *f = consort_option_result_figures (&results->options[o], party);

      for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
        {
          const ConsortMoney *row = table_row (f, tables[t]);

          for (int y = 0; y <= ny; y++)
            {
              g_autofree char *c = money_cell (y < ny ? row[y] : table_total (f, tables[t]));

              num_w = MAX (num_w, text_width (c));
            }
        }
    }

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      const char *heading = tables[t] == TABLE_GROSS ? _("Gross savings")
                            : tables[t] == TABLE_COSTS ? _("One-off costs")
                            : _("Net savings");

      g_string_append_printf (out, "\n%s\n", heading);
      cell_left (out, _("Option"), name_w);
      for (int y = 0; y < ny; y++)
        {
          g_autofree char *fy = consort_fy_label (results->first_year + y, '-');
          g_autofree char *h = g_strconcat (fy, " ", NULL);

          g_string_append (out, "  ");
          cell_right (out, h, num_w);
        }
      {
        g_autofree char *h = g_strconcat (_("Total"), " ", NULL);

        g_string_append (out, "  ");
        cell_right (out, h, num_w);
      }
      g_string_append_c (out, '\n');

      for (int o = 0; o < no; o++)
        {
          const ConsortFigures *f = consort_option_result_figures (&results->options[o], party);
          const ConsortMoney *row = table_row (f, tables[t]);
          g_autofree char *label = option_label (&results->options[o]);

          cell_left (out, label, name_w);
          /* A borough outside the option has no figures, not zeros. */
          if (party >= 0 && !f->participates)
            {
              g_string_append (out, "  ");
              g_string_append (out, _("not taking part"));
              g_string_append_c (out, '\n');
              continue;
            }
          for (int y = 0; y <= ny; y++)
            {
              g_autofree char *c = money_cell (y < ny ? row[y] : table_total (f, tables[t]));

              g_string_append (out, "  ");
              cell_right (out, c, num_w);
            }
          g_string_append_c (out, '\n');
        }
    }

  /* Kind, NPV and break-even per option.  The rate in micros times 100
   * is the percentage in micros: 35000 -> "3.5". */
  discount = consort_micros_to_decimal (a->discount_rate * 100);
  {
    g_autofree char *npv_h = NULL;
    gsize kind_w = text_width (_("Kind"));
    gsize npv_w;

    npv_h = g_strdup_printf (_("NPV at %s%%"), discount);
    npv_w = text_width (npv_h) + 1;

    for (int o = 0; o < no; o++)
      {
        const ConsortOptionResult *r = &results->options[o];
        const ConsortFigures *f = consort_option_result_figures (r, party);
        g_autofree char *c = money_cell (f->npv);
        const char *k = party >= 0 && !f->participates ? _("Not taking part")
                        : consort_kind_describe (r->kind);

        kind_w = MAX (kind_w, text_width (k));
        npv_w = MAX (npv_w, text_width (c));
      }

    g_string_append_printf (out, "\n%s\n", _("Net present value and break-even"));
    cell_left (out, _("Option"), name_w);
    g_string_append (out, "  ");
    cell_left (out, _("Kind"), kind_w);
    g_string_append (out, "  ");
    {
      g_autofree char *h = g_strconcat (npv_h, " ", NULL);

      cell_right (out, h, npv_w);
    }
    g_string_append (out, "  ");
    g_string_append (out, _("Break-even"));
    g_string_append_c (out, '\n');

    for (int o = 0; o < no; o++)
      {
        const ConsortOptionResult *r = &results->options[o];
        const ConsortFigures *f = consort_option_result_figures (r, party);
        g_autofree char *c = money_cell (f->npv);
        /* The same FY form as the column headings. */
        g_autofree char *be = f->breakeven != CONSORT_NO_YEAR
                              ? consort_fy_label (f->breakeven, '-') : g_strdup (_("none"));
        g_autofree char *label = option_label (r);
        const char *k = party >= 0 && !f->participates ? _("Not taking part")
                        : consort_kind_describe (r->kind);

        cell_left (out, label, name_w);
        g_string_append (out, "  ");
        cell_left (out, k, kind_w);
        if (party >= 0 && !f->participates)
          {
            g_string_append_c (out, '\n');
            continue;
          }
        g_string_append (out, "  ");
        cell_right (out, c, npv_w);
        g_string_append (out, "  ");
        g_string_append (out, be);
        g_string_append_c (out, '\n');
      }
  }

  return strip_line_ends (out);
}

/* ---- JSON ------------------------------------------------------------ */

static void
json_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) (s != NULL ? s : ""); *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

static void
json_money (GString *out, ConsortMoney pence)
{
  /* As consort_money_to_decimal(), without printf or allocation: a
   * London-wide summary writes some 30,000 figures. */
  char buf[32];
  char *p = buf + sizeof buf;
  guint64 m = pence < 0 ? -(guint64) pence : (guint64) pence;
  guint64 whole = m / 100;
  guint cents = (guint) (m % 100);

  if (cents != 0)
    {
      *--p = (char) ('0' + cents % 10);
      *--p = (char) ('0' + cents / 10);
      *--p = '.';
    }
  do
    {
      *--p = (char) ('0' + whole % 10);
      whole /= 10;
    }
  while (whole != 0);
  if (pence < 0)
    *--p = '-';
  g_string_append_len (out, p, buf + sizeof buf - p);
}

/* indent"key": (without printf: it runs some 7,000 times). */
static void
json_key (GString *out, const char *indent, const char *key)
{
  g_string_append (out, indent);
  g_string_append_c (out, '"');
  g_string_append (out, key);
  g_string_append (out, "\": ");
}

static void
json_array (GString *out, const char *indent, const char *key, const ConsortMoney *v, int n, gboolean comma)
{
  json_key (out, indent, key);
  g_string_append_c (out, '[');
  for (int i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      json_money (out, v[i]);
    }
  g_string_append (out, comma ? "],\n" : "]\n");
}

static void
json_figures (GString *out, const ConsortFigures *f, int n_years, const char *indent)
{
  g_autofree char *inner = g_strconcat (indent, "  ", NULL);

  g_string_append (out, "{\n");
  json_array (out, inner, "gross", f->gross, n_years, TRUE);
  json_array (out, inner, "costs", f->costs, n_years, TRUE);
  json_array (out, inner, "net", f->net, n_years, TRUE);
  json_array (out, inner, "cumulative", f->cumulative, n_years, TRUE);
  json_key (out, inner, "total_gross");
  json_money (out, f->total_gross);
  g_string_append (out, ",\n");
  json_key (out, inner, "total_costs");
  json_money (out, f->total_costs);
  g_string_append (out, ",\n");
  json_key (out, inner, "total_net");
  json_money (out, f->total_net);
  g_string_append (out, ",\n");
  json_key (out, inner, "npv");
  json_money (out, f->npv);
  g_string_append (out, ",\n");
  json_key (out, inner, "breakeven");
  if (f->breakeven == CONSORT_NO_YEAR)
    g_string_append (out, "null");
  else
    {
      g_autofree char *fy = consort_fy_label (f->breakeven, '/');

      json_string (out, fy);
    }
  g_string_append_printf (out, "\n%s}", indent);
}

char *
consort_summary_to_json (const ConsortResults *results, int party)
{
  const ConsortAppraisal *a;
  GString *out;

  g_return_val_if_fail (results != NULL, NULL);
  a = results->appraisal;
  g_return_val_if_fail (party >= -1 && party < (int) a->boroughs->len, NULL);

  out = g_string_new ("{\n  \"years\": [");
  for (int y = 0; y < results->n_years; y++)
    {
      g_autofree char *fy = consort_fy_label (results->first_year + y, '/');

      if (y > 0)
        g_string_append (out, ", ");
      json_string (out, fy);
    }
  g_string_append (out, "],\n  \"options\": [");

  for (int o = 0; o < results->n_options; o++)
    {
      const ConsortOptionResult *r = &results->options[o];
      gboolean first = TRUE;

      g_string_append (out, o > 0 ? ",\n    {\n" : "\n    {\n");
      g_string_append (out, "      \"id\": ");
      json_string (out, r->option->id);
      g_string_append (out, ",\n      \"name\": ");
      json_string (out, r->option->name);
      g_string_append (out, ",\n      \"kind\": ");
      json_string (out, consort_kind_to_string (r->kind));
      g_string_append (out, ",\n      \"partnership\": ");
      json_figures (out, &r->partnership, r->n_years, "      ");
      g_string_append (out, ",\n      \"boroughs\": {");

      /* Every borough of the appraisal, in its order (those not taking
       * part have nothing but zeros), so that every option has the same
       * shape; or only the one asked for. */
      for (int b = 0; b < r->n_boroughs; b++)
        {
          const ConsortBorough *bo = g_ptr_array_index (a->boroughs, b);

          if (party >= 0 && b != party)
            continue;
          g_string_append (out, first ? "\n        " : ",\n        ");
          first = FALSE;
          json_string (out, bo->id);
          g_string_append (out, ": ");
          json_figures (out, &r->boroughs[b], r->n_years, "        ");
        }
      g_string_append (out, first ? "}\n    }" : "\n      }\n    }");
    }

  g_string_append (out, results->n_options > 0 ? "\n  ]\n}\n" : "]\n}\n");
  return g_string_free (out, FALSE);
}
