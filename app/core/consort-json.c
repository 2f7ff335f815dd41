/* consort-json.c: the interchange format (docs/interchange.md).
 *
 * Import parses with json-glib after a lexical pre-scan that catches
 * what json-glib lets through silently (integers too large for 64 bits,
 * repeated keys, invalid UTF-8) or could choke on (very deep nesting).
 * Export is written by hand: json-glib's generator prints doubles with
 * noise, and the canonical form must be exact and byte-stable.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <float.h>
#include <math.h>
#include <string.h>

#include "consort-json.h"
#include "consort-error.h"

#define FORMAT_NAME "consort-appraisal"
#define FORMAT_VERSION 1

/* Deep enough for any appraisal (it needs 7); far below what could
 * exhaust the stack of a recursive parser. */
#define MAX_DEPTH 32

/* More digits than this in the integer part of a number cannot be a
 * figure of an appraisal (money stays below £10^15) and would no longer
 * be exact in a double. */
#define MAX_INTEGER_DIGITS 16

/* ------------------------------------------------------------------ */
/* Pre-scan                                                             */

typedef struct {
  const char *data;
  gsize       length;
  gsize       pos;
  int         line;
  int         column;  /* in characters, 1-based */
} Scanner;

G_GNUC_PRINTF (3, 4)
static gboolean
scan_fail (GError **error, const Scanner *s, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_PARSE,
               _("line %d, column %d: %s"), s->line, s->column, message);
  return FALSE;
}

static void
scan_advance (Scanner *s)
{
  guchar c = (guchar) s->data[s->pos];

  if (c == '\n')
    {
      s->line++;
      s->column = 1;
      s->pos++;
      return;
    }
  /* Count characters, not bytes: skip UTF-8 continuation bytes. */
  s->pos++;
  while (s->pos < s->length && ((guchar) s->data[s->pos] & 0xC0) == 0x80)
    s->pos++;
  s->column++;
}

typedef struct {
  gboolean    is_object;
  gboolean    expect_key;  /* objects: the next string is a key */
  GHashTable *keys;
} Frame;

static void
frame_clear (Frame *frame)
{
  g_clear_pointer (&frame->keys, g_hash_table_unref);
}

/* Reads a string token starting at the opening quote, unescaping well
 * enough to compare keys; leaves the scanner after the closing quote.
 * Malformed strings are left to json-glib to report. */
static char *
scan_string (Scanner *s)
{
  GString *out = g_string_new (NULL);

  scan_advance (s);  /* opening quote */
  while (s->pos < s->length && s->data[s->pos] != '"' && s->data[s->pos] != '\n')
    {
      if (s->data[s->pos] == '\\' && s->pos + 1 < s->length)
        {
          g_string_append_c (out, s->data[s->pos]);
          g_string_append_c (out, s->data[s->pos + 1]);
          scan_advance (s);
          scan_advance (s);
          continue;
        }
      {
        gsize start = s->pos;

        scan_advance (s);
        g_string_append_len (out, s->data + start, s->pos - start);
      }
    }
  if (s->pos < s->length && s->data[s->pos] == '"')
    scan_advance (s);
  return g_string_free (out, FALSE);
}

static gboolean
prescan (const char *data, gsize length, GError **error)
{
  Scanner s = { data, length, 0, 1, 1 };
  g_autoptr(GArray) stack = g_array_new (FALSE, TRUE, sizeof (Frame));
  gboolean ok = TRUE;
  const char *end = NULL;

  g_array_set_clear_func (stack, (GDestroyNotify) frame_clear);

  if (!g_utf8_validate (data, length, &end))
    {
      /* Find the line and column of the first bad byte. */
      while (s.pos < (gsize) (end - data))
        scan_advance (&s);
      return scan_fail (error, &s, _("the text is not valid UTF-8"));
    }

  while (ok && s.pos < length)
    {
      char c = data[s.pos];
      Frame *top = stack->len > 0 ? &g_array_index (stack, Frame, stack->len - 1) : NULL;

      if (c == '{' || c == '[')
        {
          Frame frame = { c == '{', c == '{', NULL };

          if (stack->len >= MAX_DEPTH)
            return scan_fail (error, &s, ngettext ("nested deeper than %d level", "nested deeper than %d levels",
                                                   MAX_DEPTH), MAX_DEPTH);
          if (top && top->is_object)
            top->expect_key = FALSE;
          if (frame.is_object)
            frame.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_array_append_val (stack, frame);
          scan_advance (&s);
        }
      else if (c == '}' || c == ']')
        {
          if (stack->len > 0)
            g_array_set_size (stack, stack->len - 1);
          scan_advance (&s);
        }
      else if (c == ',')
        {
          if (top && top->is_object)
            top->expect_key = TRUE;
          scan_advance (&s);
        }
      else if (c == '"')
        {
          Scanner at = s;
          g_autofree char *text = scan_string (&s);

          if (top && top->is_object && top->expect_key)
            {
              if (g_hash_table_contains (top->keys, text))
                return scan_fail (error, &at, _("“%s” appears twice in the same object"), text);
              g_hash_table_add (top->keys, g_steal_pointer (&text));
              top->expect_key = FALSE;
            }
        }
      else if (c == '-' || g_ascii_isdigit (c))
        {
          Scanner at = s;
          int digits = 0;
          gboolean in_integer = TRUE;

          if (c == '-')
            scan_advance (&s);
          while (s.pos < length &&
                 (g_ascii_isalnum (data[s.pos]) || data[s.pos] == '.' ||
                  data[s.pos] == '+' || data[s.pos] == '-'))
            {
              char d = data[s.pos];

              if (d == '.' || d == 'e' || d == 'E')
                in_integer = FALSE;
              else if (in_integer && g_ascii_isdigit (d) && (digits > 0 || d != '0'))
                digits++;
              scan_advance (&s);
            }
          if (digits > MAX_INTEGER_DIGITS)
            {
              g_autofree char *number = g_strndup (data + at.pos, MIN (s.pos - at.pos, 40));

              return scan_fail (error, &at, _("the number %s is too large"), number);
            }
        }
      else if (c == '/' && s.pos + 1 < length && data[s.pos + 1] == '*')
        {
          /* json-glib accepts comments; skip them so their text is not
           * taken for tokens. */
          scan_advance (&s);
          scan_advance (&s);
          while (s.pos < length && !(data[s.pos] == '*' && s.pos + 1 < length && data[s.pos + 1] == '/'))
            scan_advance (&s);
          if (s.pos < length)
            {
              scan_advance (&s);
              scan_advance (&s);
            }
        }
      else if (c == '/' && s.pos + 1 < length && data[s.pos + 1] == '/')
        {
          while (s.pos < length && data[s.pos] != '\n')
            scan_advance (&s);
        }
      else
        scan_advance (&s);
    }

  return ok;
}

/* One of json-glib's token names in plain words: "character `,'" is
 * "“,”", "identifier `tru'" is "“tru”", "end of file" is "the end of
 * the text". */
static char *
plain_token (const char *token)
{
  static const struct { const char *prefix; const char *words; } kinds[] = {
    { "character `", "“%s”" },
    { "identifier `", "“%s”" },
    { "number (integer) `", N_("the number %s") },
    { "number (float) `", N_("the number %s") },
    { "number `", N_("the number %s") },
  };
  gsize n = strlen (token);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_has_prefix (token, kinds[i].prefix) && n > 0 && token[n - 1] == '\'')
      {
        gsize start = strlen (kinds[i].prefix);
        g_autofree char *inner = g_strndup (token + start, n - 1 - start);

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        return g_strdup_printf (_(kinds[i].words), inner);
#pragma GCC diagnostic pop
      }
  if (g_str_has_prefix (token, "string constant \""))
    return g_strdup_printf (_("the string %s"), token + strlen ("string constant "));
  if (g_str_equal (token, "string constant"))
    return g_strdup (_("a string in double quotes"));
  if (g_str_has_prefix (token, "number"))
    return g_strdup (_("a number"));
  if (g_str_equal (token, "value"))
    return g_strdup (_("a value"));
  if (g_str_equal (token, "end of file"))
    return g_strdup (_("the end of the text"));
  return g_strdup (token);
}

/* json-glib's messages in plain words: "scanner: unterminated string
 * constant" is "a string is not closed". */
static char *
plain_parse_message (const char *message)
{
  static const struct { const char *json_glib; const char *words; } scanner[] = {
    { "unterminated string constant", N_("a string is not closed (a \" is missing)") },
    { "unterminated comment", N_("a comment is not closed (a */ is missing)") },
    { "non digit in constant", N_("a number is malformed") },
    { "digit radix in constant", N_("a number is malformed") },
    { "malformed floating constant", N_("a number is malformed") },
    { "invalid radix for floating constant", N_("a number is malformed") },
    { "digit is beyond radix", N_("a number is malformed") },
    { "malformed surrogate pair", N_("a \\u escape does not give a valid character") },
    { "unexpected end of file", N_("the text ends too early") },
    { "unknown error", N_("the text cannot be read") },
  };
  const char *comma;

  if (g_str_has_prefix (message, "scanner: "))
    {
      message += strlen ("scanner: ");
      for (guint i = 0; i < G_N_ELEMENTS (scanner); i++)
        if (g_str_equal (message, scanner[i].json_glib))
          return g_strdup (_(scanner[i].words));
      return g_strdup (message);
    }
  /* A line break (or another control character) inside a string. */
  if (g_str_has_prefix (message, "invalid string constant"))
    return g_strdup (_("a string is not closed on its line (a \" is missing, or a line break or "
                       "control character is not written as \\n or \\uXXXX)"));
  comma = strstr (message, ", expected ");
  if (g_str_has_prefix (message, "unexpected ") && comma != NULL)
    {
      g_autofree char *found_token = g_strndup (message + strlen ("unexpected "),
                                                comma - message - strlen ("unexpected "));
      g_autofree char *found = plain_token (found_token);
      g_autofree char *expected = plain_token (comma + strlen (", expected "));

      /* TRANSLATORS: "found “,” where “]” was expected" */
      return g_strdup_printf (_("found %s where %s was expected"), found, expected);
    }
  return g_strdup (message);
}

/* json-glib says "<data>:3:7: Parse error: unexpected ..."; we say
 * "line 3, column 7: found ... where ... was expected". */
static void
set_parse_error (GError **error, const GError *json_error)
{
  g_autoptr(GRegex) regex = g_regex_new ("^[^:]*:([0-9]+):([0-9]+): *(?:Parse error: *)?(.*)$",
                                         G_REGEX_DOTALL, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (regex != NULL && g_regex_match (regex, json_error->message, 0, &match))
    {
      g_autofree char *line = g_match_info_fetch (match, 1);
      g_autofree char *column = g_match_info_fetch (match, 2);
      g_autofree char *rest = g_match_info_fetch (match, 3);
      g_autofree char *plain = plain_parse_message (rest);

      g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_PARSE,
                   _("line %s, column %s: %s"), line, column, plain);
    }
  else
    g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_PARSE,
                 _("line 1, column 1: %s"), json_error->message);
}

/* ------------------------------------------------------------------ */
/* Import: reading the tree                                             */

typedef struct {
  GError           **error;
  ConsortAppraisal  *appraisal;
} Reader;

G_GNUC_PRINTF (4, 5)
static gboolean
shape_fail (Reader *r, ConsortError code, const char *place, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (r->error, CONSORT_ERROR, code, "%s: %s",
               place && *place ? place : _("top level"), message);
  return FALSE;
}

#define FAIL(r, place, ...) shape_fail ((r), CONSORT_ERROR_INVALID, (place), __VA_ARGS__)

static char *
member_place (const char *place, const char *key)
{
  if (place == NULL || *place == '\0')
    return g_strdup (key);
  return g_strdup_printf ("%s.%s", place, key);
}

static char *
quote (const char *s)
{
  GString *out = g_string_new ("\"");

  for (const char *p = s ? s : ""; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

static char *
indexed_place (const char *place, const char *key, guint index, const char *id)
{
  g_autofree char *q = NULL;

  if (id == NULL || *id == '\0')
    return g_strdup_printf ("%s%s%s[%u]", place && *place ? place : "", place && *place ? "." : "", key, index);
  q = quote (id);
  return g_strdup_printf ("%s%s%s[%u] (%s)", place && *place ? place : "", place && *place ? "." : "",
                          key, index, q);
}

static char *
keyed_place (const char *place, const char *key)
{
  g_autofree char *q = quote (key);

  return g_strdup_printf ("%s[%s]", place, q);
}

static const char *
describe_node (JsonNode *node)
{
  if (node == NULL)
    return _("nothing");
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("true or false");
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      return _("a number");
    default:
      return _("a value");
    }
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static gboolean
node_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

/* A double as people typed it, without binary noise: "0.035", "1.5". */
static char *
number_text (JsonNode *node)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  double value;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

  value = json_node_get_double (node);
  if (!isfinite (value))
    return g_strdup (_("an infinite number"));
  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  if (g_ascii_strtod (buffer, NULL) != value)
    g_ascii_formatd (buffer, sizeof buffer, "%.17g", value);
  return g_strdup (buffer);
}

static gboolean
is_plain_name (const char *name)
{
  if (*name == '\0')
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

/* Fails unless every member of @object is one of @allowed (NULL-ended). */
static gboolean
check_members (Reader *r, const char *place, JsonObject *object, const char *const *allowed)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      gboolean known = FALSE;

      for (guint i = 0; allowed[i] != NULL; i++)
        if (strcmp (allowed[i], name) == 0)
          {
            known = TRUE;
            break;
          }
      if (!known)
        {
          /* Odd names are quoted so the message stays on one line. */
          g_autofree char *here = is_plain_name (name) ? member_place (place, name)
                                                       : keyed_place (place && *place ? place : "", name);

          return FAIL (r, here, _("unknown field"));
        }
    }
  return TRUE;
}

static JsonObject *
get_object (Reader *r, const char *place, JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      FAIL (r, place, _("expected an object, found %s"), describe_node (node));
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonArray *
get_array (Reader *r, const char *place, JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      FAIL (r, place, _("expected an array, found %s"), describe_node (node));
      return NULL;
    }
  return json_node_get_array (node);
}

/* Member @key of @object; a missing member is an error when @required.
 * Sets *node to NULL when absent. */
static gboolean
get_member (Reader      *r,
            const char  *place,
            JsonObject  *object,
            const char  *key,
            gboolean     required,
            JsonNode   **node)
{
  *node = json_object_get_member (object, key);
  if (*node == NULL && required)
    {
      g_autofree char *here = member_place (place, key);

      return FAIL (r, here, _("missing"));
    }
  return TRUE;
}

/* Optional strings may be absent or null (both leave *out NULL). */
static gboolean
read_string (Reader      *r,
             const char  *place,
             JsonObject  *object,
             const char  *key,
             gboolean     required,
             char       **out)
{
  JsonNode *node;
  g_autofree char *here = member_place (place, key);

  if (!get_member (r, place, object, key, required, &node))
    return FALSE;
  if (node == NULL || (!required && JSON_NODE_HOLDS_NULL (node)))
    return TRUE;
  if (!node_is_string (node))
    return FAIL (r, here, _("expected a string, found %s"), describe_node (node));
  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

/* A whole number from a node: an integer, or a double with no
 * fraction, within @min..@max. */
static gboolean
node_to_integer (Reader     *r,
                 const char *here,
                 JsonNode   *node,
                 gint64      min,
                 gint64      max,
                 gint64     *out)
{
  g_autofree char *text = NULL;
  gint64 value;

  if (!node_is_number (node))
    return FAIL (r, here, _("expected a whole number, found %s"), describe_node (node));

  text = number_text (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      if (!isfinite (d) || fabs (d) > 9.0e15)
        return FAIL (r, here, _("%s is too large"), text);
      if (d != floor (d))
        return FAIL (r, here, _("%s is not a whole number"), text);
      value = (gint64) d;
    }
  else
    value = json_node_get_int (node);

  if (value < min || value > max)
    {
      g_autofree char *low = g_strdup_printf ("%" G_GINT64_FORMAT, min);
      g_autofree char *high = g_strdup_printf ("%" G_GINT64_FORMAT, max);

      return FAIL (r, here, _("%s is outside %s to %s"), text, low, high);
    }
  *out = value;
  return TRUE;
}

/* Years are checked against the horizon by validation; here they need
 * only be whole numbers of a sane size. */
#define YEAR_MIN 0
#define YEAR_MAX 9999

static gboolean
node_to_year (Reader *r, const char *here, JsonNode *node, int *out)
{
  gint64 value;

  if (!node_to_integer (r, here, node, YEAR_MIN, YEAR_MAX, &value))
    return FALSE;
  *out = (int) value;
  return TRUE;
}

static gboolean
node_to_money (Reader *r, const char *here, JsonNode *node, ConsortMoney *out)
{
  g_autofree char *text = NULL;

  if (!node_is_number (node))
    return FAIL (r, here, _("expected an amount in pounds, found %s"), describe_node (node));

  text = number_text (node);
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 pounds = json_node_get_int (node);

      if (pounds > CONSORT_MONEY_MAX / CONSORT_PENCE_PER_POUND ||
          pounds < -CONSORT_MONEY_MAX / CONSORT_PENCE_PER_POUND)
        return FAIL (r, here, _("%s is too large"), text);
      *out = pounds * CONSORT_PENCE_PER_POUND;
      return TRUE;
    }
  else
    {
      double pounds = json_node_get_double (node);

      if (!isfinite (pounds) ||
          fabs (pounds) > (double) (CONSORT_MONEY_MAX / CONSORT_PENCE_PER_POUND))
        return FAIL (r, here, _("%s is too large"), text);
      if (!consort_money_from_pounds (pounds, out))
        return FAIL (r, here, _("%s has more than two decimals"), text);
      return TRUE;
    }
}

/* Rates, fractions, FTE and weights: exact millionths. */
static gboolean
node_to_micros (Reader *r, const char *here, JsonNode *node, ConsortMicros *out)
{
  g_autofree char *text = NULL;
  double value;

  if (!node_is_number (node))
    return FAIL (r, here, _("expected a number, found %s"), describe_node (node));

  text = number_text (node);
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    value = (double) json_node_get_int (node);
  else
    value = json_node_get_double (node);

  if (!isfinite (value) || fabs (value) > 1.0e12 || !consort_micros_from_double (value, out))
    return FAIL (r, here, _("%s is too large"), text);
  /* Held exactly, like money: a seventh decimal would be lost, so it is
   * refused rather than rounded away unseen.  The tolerance absorbs the
   * binary noise of typed decimals (0.55 is 0.55000000000000004). */
  {
    double scaled = value * 1e6;

    if (fabs (scaled - round (scaled)) > MAX (1e-3, fabs (scaled) * 8 * DBL_EPSILON))
      return FAIL (r, here, _("%s has more than six decimals"), text);
  }
  return TRUE;
}

static gboolean
read_integer (Reader     *r,
              const char *place,
              JsonObject *object,
              const char *key,
              gboolean    required,
              gint64      min,
              gint64      max,
              gint64     *out)
{
  JsonNode *node;
  g_autofree char *here = member_place (place, key);

  if (!get_member (r, place, object, key, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  return node_to_integer (r, here, node, min, max, out);
}

static gboolean
read_year (Reader     *r,
           const char *place,
           JsonObject *object,
           const char *key,
           gboolean    required,
           int        *out)
{
  JsonNode *node;
  g_autofree char *here = member_place (place, key);

  if (!get_member (r, place, object, key, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  return node_to_year (r, here, node, out);
}

static gboolean
read_money (Reader       *r,
            const char   *place,
            JsonObject   *object,
            const char   *key,
            gboolean      required,
            ConsortMoney *out)
{
  JsonNode *node;
  g_autofree char *here = member_place (place, key);

  if (!get_member (r, place, object, key, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  return node_to_money (r, here, node, out);
}

static gboolean
read_micros (Reader        *r,
             const char    *place,
             JsonObject    *object,
             const char    *key,
             gboolean       required,
             ConsortMicros *out)
{
  JsonNode *node;
  g_autofree char *here = member_place (place, key);

  if (!get_member (r, place, object, key, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  return node_to_micros (r, here, node, out);
}

static gboolean
read_bool (Reader     *r,
           const char *place,
           JsonObject *object,
           const char *key,
           gboolean   *out)
{
  JsonNode *node = json_object_get_member (object, key);
  g_autofree char *here = member_place (place, key);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FAIL (r, here, _("expected true or false, found %s"), describe_node (node));
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* The array member @key (absent: NULL, which callers treat as empty). */
static gboolean
read_array (Reader      *r,
            const char  *place,
            JsonObject  *object,
            const char  *key,
            gboolean     required,
            JsonArray  **out)
{
  JsonNode *node;
  g_autofree char *here = member_place (place, key);

  *out = NULL;
  if (!get_member (r, place, object, key, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  *out = get_array (r, here, node);
  return *out != NULL;
}

/* A year key of an amounts object: digits only. */
static gboolean
parse_year_key (const char *key, int *out)
{
  gint64 value = 0;

  if (key == NULL || *key == '\0' || strlen (key) > 4)
    return FALSE;
  for (const char *p = key; *p; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      value = value * 10 + (*p - '0');
    }
  *out = (int) value;
  return TRUE;
}

/* {"2010": 40660, "2011": 12000} into a sorted ConsortYearAmount array. */
static gboolean
read_year_amounts (Reader *r, const char *here, JsonNode *node, GArray *amounts)
{
  JsonObject *object = get_object (r, here, node);
  g_autoptr(GList) members = NULL;

  if (object == NULL)
    return FALSE;

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      g_autofree char *kplace = keyed_place (here, key);
      ConsortYearAmount ya = { 0, 0 };
      guint i;

      if (!parse_year_key (key, &ya.year))
        return FAIL (r, kplace, _("“%s” is not a year: use the first calendar year of the FY, e.g. \"2011\" for 2011/12"), key);
      if (!node_to_money (r, kplace, json_object_get_member (object, key), &ya.amount))
        return FALSE;

      for (i = 0; i < amounts->len; i++)
        {
          int y = g_array_index (amounts, ConsortYearAmount, i).year;

          if (y == ya.year)
            return FAIL (r, kplace, _("the year %d is given twice"), ya.year);
          if (y > ya.year)
            break;
        }
      g_array_insert_val (amounts, i, ya);
    }
  return TRUE;
}

static gboolean
read_year_amounts_member (Reader     *r,
                          const char *place,
                          JsonObject *object,
                          const char *key,
                          GArray     *amounts)
{
  g_autofree char *here = member_place (place, key);
  JsonNode *node;

  if (!get_member (r, place, object, key, TRUE, &node))
    return FALSE;
  return read_year_amounts (r, here, node, amounts);
}

static gboolean
read_enum_error (Reader *r, const char *here, JsonNode *node, const char *choices)
{
  if (!node_is_string (node))
    return FAIL (r, here, _("expected a string, found %s"), describe_node (node));
  {
    g_autofree char *q = quote (json_node_get_string (node));

    return FAIL (r, here, _("%s is not one of %s"), q, choices);
  }
}

/* "borough" or "share" (a rule name or an object of custom weights). */
static gboolean
read_owner (Reader *r, const char *place, JsonObject *object, ConsortAttribution *owner)
{
  JsonNode *node = json_object_get_member (object, "share");

  if (!read_string (r, place, object, "borough", FALSE, &owner->borough_id))
    return FALSE;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  {
    g_autofree char *here = member_place (place, "share");

    if (owner->borough_id != NULL)
      return FAIL (r, here, _("an item of one borough cannot also be shared: give either borough or share"));

    if (JSON_NODE_HOLDS_OBJECT (node))
      {
        JsonObject *shares = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (shares);

        owner->share = CONSORT_SHARE_CUSTOM;
        for (GList *l = members; l != NULL; l = l->next)
          {
            const char *key = l->data;
            g_autofree char *kplace = keyed_place (here, key);
            ConsortShareWeight w = { NULL, 0 };

            if (!node_to_micros (r, kplace, json_object_get_member (shares, key), &w.weight))
              return FALSE;
            w.borough_id = g_strdup (key);
            g_array_append_val (owner->custom_shares, w);
          }
        return TRUE;
      }

    if (!node_is_string (node) ||
        !consort_share_rule_from_string (json_node_get_string (node), &owner->share))
      {
        if (!node_is_string (node))
          return FAIL (r, here, _("expected a rule name or an object of weights, found %s"),
                       describe_node (node));
        return read_enum_error (r, here, node,
                                "equal, baseline, population, savings or an object of weights");
      }
    return TRUE;
  }
}

static gboolean
read_default_rate (Reader *r, const char *place, JsonNode *node)
{
  static const char *const fields[] = { "model", "min_partners", "rate", NULL };
  JsonObject *object = get_object (r, place, node);
  ConsortDefaultRate *rate;
  gint64 min_partners = 0;

  if (object == NULL || !check_members (r, place, object, fields))
    return FALSE;

  rate = consort_default_rate_new (NULL, 0, 0);
  g_ptr_array_add (r->appraisal->default_rates, rate);
  if (!read_string (r, place, object, "model", TRUE, &rate->model) ||
      !read_integer (r, place, object, "min_partners", TRUE, -1000000, 1000000, &min_partners) ||
      !read_micros (r, place, object, "rate", TRUE, &rate->rate))
    return FALSE;
  rate->min_partners = (int) min_partners;
  return TRUE;
}

static gboolean
read_borough (Reader *r, guint index, JsonNode *node)
{
  static const char *const fields[] = { "id", "name", "population", NULL };
  g_autofree char *place = g_strdup_printf ("boroughs[%u]", index);
  JsonObject *object = get_object (r, place, node);
  ConsortBorough *borough;

  if (object == NULL)
    return FALSE;

  borough = consort_borough_new (NULL, NULL, 0);
  g_ptr_array_add (r->appraisal->boroughs, borough);
  if (!read_string (r, place, object, "id", TRUE, &borough->id))
    return FALSE;
  g_free (place);
  place = indexed_place (NULL, "boroughs", index, borough->id);
  return check_members (r, place, object, fields) &&
         read_string (r, place, object, "name", TRUE, &borough->name) &&
         read_integer (r, place, object, "population", FALSE, G_GINT64_CONSTANT (-9000000000000000),
                       G_GINT64_CONSTANT (9000000000000000), &borough->population);
}

static gboolean
read_baseline (Reader *r, const char *place, const char *borough_id, JsonNode *node, ConsortService *service)
{
  static const char *const fields[] = { "budget", "fte", "management_posts", "overheads", "outsourced", NULL };
  JsonObject *object = get_object (r, place, node);
  ConsortBaseline *baseline;

  if (object == NULL || !check_members (r, place, object, fields))
    return FALSE;

  baseline = consort_baseline_new (borough_id);
  g_ptr_array_add (service->baselines, baseline);
  return read_money (r, place, object, "budget", TRUE, &baseline->budget) &&
         read_micros (r, place, object, "fte", FALSE, &baseline->fte) &&
         read_micros (r, place, object, "management_posts", FALSE, &baseline->management_posts) &&
         read_money (r, place, object, "overheads", FALSE, &baseline->overheads) &&
         read_bool (r, place, object, "outsourced", &baseline->outsourced);
}

static gboolean
read_service (Reader *r, guint index, JsonNode *node)
{
  static const char *const fields[] = { "id", "name", "baselines", NULL };
  g_autofree char *place = g_strdup_printf ("services[%u]", index);
  JsonObject *object = get_object (r, place, node);
  ConsortService *service;
  JsonNode *baselines_node;

  if (object == NULL)
    return FALSE;

  service = consort_service_new (NULL, NULL);
  g_ptr_array_add (r->appraisal->services, service);
  if (!read_string (r, place, object, "id", TRUE, &service->id))
    return FALSE;
  g_free (place);
  place = indexed_place (NULL, "services", index, service->id);
  if (!check_members (r, place, object, fields) ||
      !read_string (r, place, object, "name", TRUE, &service->name))
    return FALSE;

  baselines_node = json_object_get_member (object, "baselines");
  if (baselines_node != NULL)
    {
      g_autofree char *here = member_place (place, "baselines");
      JsonObject *baselines = get_object (r, here, baselines_node);
      g_autoptr(GList) members = NULL;

      if (baselines == NULL)
        return FALSE;
      members = json_object_get_members (baselines);
      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *bplace = keyed_place (here, l->data);

          if (!read_baseline (r, bplace, l->data, json_object_get_member (baselines, l->data), service))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
read_participant (Reader *r, const char *place, JsonNode *node, ConsortOption *option)
{
  static const char *const fields[] = { "borough", "from", NULL };
  JsonObject *object = get_object (r, place, node);
  ConsortParticipant *participant;

  if (object == NULL || !check_members (r, place, object, fields))
    return FALSE;

  participant = consort_participant_new (NULL, 0);
  g_ptr_array_add (option->participants, participant);
  return read_string (r, place, object, "borough", TRUE, &participant->borough_id) &&
         read_year (r, place, object, "from", TRUE, &participant->from_year);
}

static gboolean
read_post (Reader *r, const char *place, JsonNode *node, GPtrArray *posts)
{
  static const char *const fields[] = { "title", "fte", "cost", NULL };
  JsonObject *object = get_object (r, place, node);
  ConsortPost *post;

  if (object == NULL || !check_members (r, place, object, fields))
    return FALSE;

  post = consort_post_new (NULL, 0, 0);
  g_ptr_array_add (posts, post);
  return read_string (r, place, object, "title", FALSE, &post->title) &&
         read_micros (r, place, object, "fte", TRUE, &post->fte) &&
         read_money (r, place, object, "cost", TRUE, &post->cost);
}

static gboolean
read_savings_item (Reader *r, const char *place, JsonNode *node, ConsortOption *option)
{
  static const char *const amounts_fields[] = {
    "label", "service", "method", "borough", "share", "amounts", NULL
  };
  static const char *const rate_fields[] = {
    "label", "service", "method", "borough", "share", "rate", "model",
    "start", "start_month", "phasing", NULL
  };
  static const char *const posts_fields[] = {
    "label", "service", "method", "borough", "share", "posts",
    "start", "start_month", "phasing", NULL
  };
  JsonObject *object = get_object (r, place, node);
  ConsortSavingsItem *item;
  g_autofree char *method = NULL;
  g_autofree char *mplace = member_place (place, "method");
  JsonNode *method_node;
  const char *const *fields;

  if (object == NULL)
    return FALSE;

  item = consort_savings_item_new (NULL, CONSORT_METHOD_AMOUNTS);
  g_ptr_array_add (option->savings, item);

  if (!get_member (r, place, object, "method", TRUE, &method_node))
    return FALSE;
  if (!node_is_string (method_node) ||
      !consort_method_from_string (json_node_get_string (method_node), &item->method))
    return read_enum_error (r, mplace, method_node, "amounts, rate, posts");

  switch (item->method)
    {
    case CONSORT_METHOD_RATE:
      fields = rate_fields;
      break;
    case CONSORT_METHOD_POSTS:
      fields = posts_fields;
      break;
    case CONSORT_METHOD_AMOUNTS:
    default:
      fields = amounts_fields;
      break;
    }
  {
    g_autoptr(GList) members = json_object_get_members (object);

    /* Name the field that does not belong to this method, if that is
     * the trouble, rather than calling it unknown. */
    for (GList *l = members; l != NULL; l = l->next)
      {
        const char *name = l->data;
        gboolean known = g_strv_contains ((const char *const *) fields, name);

        if (!known && (g_strv_contains ((const char *const *) rate_fields, name) ||
                       g_strv_contains ((const char *const *) posts_fields, name)))
          {
            g_autofree char *here = member_place (place, name);

            return FAIL (r, here, _("not used by the %s method"),
                         consort_method_to_string (item->method));
          }
      }
  }
  if (!check_members (r, place, object, fields))
    return FALSE;

  if (!read_string (r, place, object, "label", FALSE, &item->label) ||
      !read_string (r, place, object, "service", TRUE, &item->service_id) ||
      !read_owner (r, place, object, &item->owner))
    return FALSE;

  switch (item->method)
    {
    case CONSORT_METHOD_AMOUNTS:
      return read_year_amounts_member (r, place, object, "amounts", item->amounts);

    case CONSORT_METHOD_RATE:
      {
        JsonNode *rate_node = json_object_get_member (object, "rate");

        if (rate_node != NULL && !JSON_NODE_HOLDS_NULL (rate_node))
          {
            g_autofree char *here = member_place (place, "rate");

            if (!node_to_micros (r, here, rate_node, &item->rate))
              return FALSE;
            item->has_rate = TRUE;
          }
        if (!read_string (r, place, object, "model", FALSE, &item->model))
          return FALSE;
      }
      break;

    case CONSORT_METHOD_POSTS:
      {
        JsonArray *posts;

        if (!read_array (r, place, object, "posts", TRUE, &posts))
          return FALSE;
        for (guint i = 0; i < json_array_get_length (posts); i++)
          {
            g_autofree char *pplace = g_strdup_printf ("%s.posts[%u]", place, i);

            if (!read_post (r, pplace, json_array_get_element (posts, i), item->posts))
              return FALSE;
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }

  {
    gint64 month = 0;
    JsonArray *phasing = NULL;

    if (!read_year (r, place, object, "start", TRUE, &item->start_year) ||
        !read_integer (r, place, object, "start_month", FALSE, 1, 12, &month) ||
        !read_array (r, place, object, "phasing", FALSE, &phasing))
      return FALSE;
    item->start_month = (int) month;

    for (guint i = 0; phasing != NULL && i < json_array_get_length (phasing); i++)
      {
        g_autofree char *here = g_strdup_printf ("%s.phasing[%u]", place, i);
        ConsortMicros value;

        if (!node_to_micros (r, here, json_array_get_element (phasing, i), &value))
          return FALSE;
        g_array_append_val (item->phasing, value);
      }
  }
  return TRUE;
}

static gboolean
read_cost_item (Reader *r, const char *place, JsonNode *node, ConsortOption *option)
{
  static const char *const fields[] = {
    "label", "kind", "service", "borough", "share",
    "amount", "year", "posts", "unit_cost", "amounts", NULL
  };
  JsonObject *object = get_object (r, place, node);
  ConsortCostItem *item;
  JsonNode *kind_node;
  g_autofree char *kplace = member_place (place, "kind");
  gboolean has_amount, has_posts, has_unit_cost, has_amounts, has_year;

  if (object == NULL || !check_members (r, place, object, fields))
    return FALSE;

  item = consort_cost_item_new (CONSORT_COST_OTHER);
  g_ptr_array_add (option->costs, item);

  if (!get_member (r, place, object, "kind", TRUE, &kind_node))
    return FALSE;
  if (!node_is_string (kind_node) ||
      !consort_cost_kind_from_string (json_node_get_string (kind_node), &item->kind))
    return read_enum_error (r, kplace, kind_node,
                            "redundancy, pension_strain, project_management, ict_investment, other");

  if (!read_string (r, place, object, "label", FALSE, &item->label) ||
      !read_string (r, place, object, "service", FALSE, &item->service_id) ||
      !read_owner (r, place, object, &item->owner))
    return FALSE;

  has_amount = json_object_has_member (object, "amount");
  has_posts = json_object_has_member (object, "posts");
  has_unit_cost = json_object_has_member (object, "unit_cost");
  has_amounts = json_object_has_member (object, "amounts");
  has_year = json_object_has_member (object, "year");

  if (has_amounts)
    {
      const char *extra = has_amount ? "amount" : has_posts ? "posts" : has_unit_cost ? "unit_cost" :
                          has_year ? "year" : NULL;

      if (extra != NULL)
        {
          g_autofree char *here = member_place (place, extra);

          return FAIL (r, here, _("not used with amounts over several years"));
        }
      item->form = CONSORT_COST_FORM_AMOUNTS;
      return read_year_amounts_member (r, place, object, "amounts", item->amounts);
    }

  if (has_posts || has_unit_cost)
    {
      if (has_amount)
        {
          g_autofree char *here = member_place (place, "amount");

          return FAIL (r, here, _("give either amount, or posts and unit_cost"));
        }
      item->form = CONSORT_COST_FORM_POSTS;
      return read_micros (r, place, object, "posts", TRUE, &item->posts) &&
             read_money (r, place, object, "unit_cost", TRUE, &item->unit_cost) &&
             read_year (r, place, object, "year", TRUE, &item->year);
    }

  if (has_amount)
    {
      item->form = CONSORT_COST_FORM_AMOUNT;
      return read_money (r, place, object, "amount", TRUE, &item->amount) &&
             read_year (r, place, object, "year", TRUE, &item->year);
    }

  return FAIL (r, place, _("give amount and year, posts, unit_cost and year, or amounts"));
}

static gboolean
read_level (Reader *r, const char *place, JsonObject *object, const char *key,
            gboolean risk, ConsortLevel *out)
{
  JsonNode *node = json_object_get_member (object, key);
  g_autofree char *here = member_place (place, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!node_is_string (node) || !consort_level_from_string (json_node_get_string (node), out))
    return read_enum_error (r, here, node, risk ? "low, medium, high" : "low, some, high");
  return TRUE;
}

static gboolean
read_feasibility (Reader *r, const char *place, JsonNode *node, ConsortOption *option)
{
  static const char *const fields[] = { "service", "ratings", "note", NULL };
  static const char *const criteria[] = {
    "existing_arrangements", "market_maturity", "delivery_capability", "legal_complexity", NULL
  };
  JsonObject *object = get_object (r, place, node);
  ConsortFeasibility *feasibility;
  JsonNode *ratings_node;

  G_STATIC_ASSERT (G_N_ELEMENTS (criteria) == CONSORT_N_CRITERIA + 1);

  if (object == NULL || !check_members (r, place, object, fields))
    return FALSE;

  feasibility = consort_feasibility_new (NULL);
  g_ptr_array_add (option->feasibility, feasibility);
  if (!read_string (r, place, object, "service", TRUE, &feasibility->service_id) ||
      !read_string (r, place, object, "note", FALSE, &feasibility->note))
    return FALSE;

  ratings_node = json_object_get_member (object, "ratings");
  if (ratings_node != NULL)
    {
      g_autofree char *here = member_place (place, "ratings");
      JsonObject *ratings = get_object (r, here, ratings_node);

      if (ratings == NULL || !check_members (r, here, ratings, criteria))
        return FALSE;
      for (int c = 0; c < CONSORT_N_CRITERIA; c++)
        if (!read_level (r, here, ratings, consort_criterion_to_string (c), FALSE,
                         &feasibility->ratings[c]))
          return FALSE;
    }
  return TRUE;
}

static gboolean
read_risk (Reader *r, const char *place, JsonNode *node, ConsortOption *option)
{
  static const char *const fields[] = { "class", "issue", "mitigation", "likelihood", "impact", NULL };
  JsonObject *object = get_object (r, place, node);
  ConsortRisk *risk;

  if (object == NULL || !check_members (r, place, object, fields))
    return FALSE;

  risk = consort_risk_new ();
  g_ptr_array_add (option->risks, risk);
  return read_string (r, place, object, "class", FALSE, &risk->risk_class) &&
         read_string (r, place, object, "issue", FALSE, &risk->issue) &&
         read_string (r, place, object, "mitigation", FALSE, &risk->mitigation) &&
         read_level (r, place, object, "likelihood", TRUE, &risk->likelihood) &&
         read_level (r, place, object, "impact", TRUE, &risk->impact);
}

typedef gboolean (*ReadElementFunc) (Reader *r, const char *place, JsonNode *node, ConsortOption *option);

static gboolean
read_option_array (Reader *r, const char *place, JsonObject *object, const char *key,
                   ReadElementFunc read_element, ConsortOption *option)
{
  JsonArray *array;

  if (!read_array (r, place, object, key, FALSE, &array))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *here = g_strdup_printf ("%s.%s[%u]", place, key, i);

      if (!read_element (r, here, json_array_get_element (array, i), option))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_option (Reader *r, guint index, JsonNode *node)
{
  static const char *const fields[] = {
    "id", "name", "description", "participants", "savings", "costs", "feasibility", "risks", NULL
  };
  g_autofree char *place = g_strdup_printf ("options[%u]", index);
  JsonObject *object = get_object (r, place, node);
  ConsortOption *option;

  if (object == NULL)
    return FALSE;

  option = consort_option_new (NULL, NULL);
  g_ptr_array_add (r->appraisal->options, option);
  if (!read_string (r, place, object, "id", TRUE, &option->id))
    return FALSE;
  g_free (place);
  place = indexed_place (NULL, "options", index, option->id);

  return check_members (r, place, object, fields) &&
         read_string (r, place, object, "name", TRUE, &option->name) &&
         read_string (r, place, object, "description", FALSE, &option->description) &&
         read_option_array (r, place, object, "participants", read_participant, option) &&
         read_option_array (r, place, object, "savings", read_savings_item, option) &&
         read_option_array (r, place, object, "costs", read_cost_item, option) &&
         read_option_array (r, place, object, "feasibility", read_feasibility, option) &&
         read_option_array (r, place, object, "risks", read_risk, option);
}

static gboolean
read_header (Reader *r, JsonObject *root)
{
  JsonNode *format = json_object_get_member (root, "format");
  JsonNode *version = json_object_get_member (root, "version");
  gint64 number;

  if (format == NULL)
    return shape_fail (r, CONSORT_ERROR_NOT_CONSORT, "format",
                       _("missing: this is not a Consort appraisal (expected \"format\": \"%s\")"),
                       FORMAT_NAME);
  if (!node_is_string (format) || strcmp (json_node_get_string (format), FORMAT_NAME) != 0)
    {
      g_autofree char *q = node_is_string (format) ? quote (json_node_get_string (format)) : NULL;

      return shape_fail (r, CONSORT_ERROR_NOT_CONSORT, "format",
                         _("%s is not a Consort appraisal (expected \"%s\")"),
                         q ? q : describe_node (format), FORMAT_NAME);
    }

  if (version == NULL)
    return FAIL (r, "version", _("missing"));
  if (!node_to_integer (r, "version", version, G_MININT, G_MAXINT, &number))
    return FALSE;
  if (number > FORMAT_VERSION)
    return shape_fail (r, CONSORT_ERROR_TOO_NEW, "version",
                       _("%d is newer than this Consort reads (%d): update Consort"),
                       (int) number, FORMAT_VERSION);
  if (number < 1)
    return FAIL (r, "version", _("%d is not a version of the format"), (int) number);
  return TRUE;
}

static gboolean
read_appraisal (Reader *r, JsonNode *root_node)
{
  static const char *const fields[] = {
    "format", "version", "title", "description", "author", "perspective",
    "first_year", "years", "currency", "discount_rate",
    "default_rates", "boroughs", "services", "options", NULL
  };
  ConsortAppraisal *a = r->appraisal;
  JsonObject *root;
  JsonArray *array;
  gint64 years = 0;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    return shape_fail (r, CONSORT_ERROR_NOT_CONSORT, NULL,
                       _("expected an object, found %s: this is not a Consort appraisal"),
                       describe_node (root_node));
  root = json_node_get_object (root_node);

  if (!read_header (r, root) || !check_members (r, NULL, root, fields))
    return FALSE;

  if (!read_string (r, NULL, root, "title", TRUE, &a->title) ||
      !read_string (r, NULL, root, "description", FALSE, &a->description) ||
      !read_string (r, NULL, root, "author", FALSE, &a->author) ||
      !read_string (r, NULL, root, "perspective", FALSE, &a->perspective) ||
      !read_year (r, NULL, root, "first_year", TRUE, &a->first_year) ||
      !read_integer (r, NULL, root, "years", TRUE, 1, CONSORT_MAX_YEARS, &years) ||
      !read_string (r, NULL, root, "currency", FALSE, &a->currency) ||
      !read_micros (r, NULL, root, "discount_rate", FALSE, &a->discount_rate))
    return FALSE;
  a->years = (int) years;

  if (json_object_has_member (root, "default_rates"))
    {
      /* Given: exactly these (the defaults of a new appraisal are dropped). */
      g_ptr_array_set_size (a->default_rates, 0);
      if (!read_array (r, NULL, root, "default_rates", FALSE, &array))
        return FALSE;
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *here = g_strdup_printf ("default_rates[%u]", i);

          if (!read_default_rate (r, here, json_array_get_element (array, i)))
            return FALSE;
        }
    }

  if (!read_array (r, NULL, root, "boroughs", FALSE, &array))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (!read_borough (r, i, json_array_get_element (array, i)))
      return FALSE;

  if (!read_array (r, NULL, root, "services", FALSE, &array))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (!read_service (r, i, json_array_get_element (array, i)))
      return FALSE;

  if (!read_array (r, NULL, root, "options", FALSE, &array))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (!read_option (r, i, json_array_get_element (array, i)))
      return FALSE;

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* NUL characters in strings                                            */

/* Whether the text holds code point @c, raw or as a \uXXXX escape. */
static gboolean
text_uses (const char *data, gsize len, gunichar c)
{
  char raw[8];
  char escape[8];
  gint n = g_unichar_to_utf8 (c, raw);

  g_snprintf (escape, sizeof escape, "\\u%04x", c);
  for (gsize i = 0; i < len; i++)
    {
      if (i + n <= len && memcmp (data + i, raw, n) == 0)
        return TRUE;
      if (i + 6 <= len && g_ascii_strncasecmp (data + i, escape, 6) == 0)
        return TRUE;
    }
  return FALSE;
}

/* json-glib decodes "\u0000" into a NUL that ends the C string, so the
 * text would be cut short without a word.  In a copy, each such escape
 * is swapped for the escape of a noncharacter the text does not use
 * (the same length, so lines and columns stay right); strings holding
 * it are then refused by place.  NULL if there is no such escape. */
static char *
mark_nul_escapes (const char  *data,
                  gsize        len,
                  char        *sentinel,  /* out: its UTF-8, 8 bytes */
                  GError     **error)
{
  static const gunichar candidates[] = { 0xFFFF, 0xFFFE, 0xFDD0, 0xFDD1, 0xFDD2, 0xFDD3 };
  g_autofree char *copy = NULL;
  gboolean in_string = FALSE;
  gunichar mark = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (data[i] == '"')
        in_string = !in_string;
      else if (in_string && data[i] == '\\' && i + 1 < len)
        {
          if (i + 6 <= len && memcmp (data + i, "\\u0000", 6) == 0)
            {
              if (copy == NULL)
                {
                  for (guint c = 0; mark == 0 && c < G_N_ELEMENTS (candidates); c++)
                    if (!text_uses (data, len, candidates[c]))
                      mark = candidates[c];
                  if (mark == 0)
                    {
                      Scanner s = { data, len, 0, 1, 1 };

                      while (s.pos < i)
                        scan_advance (&s);
                      scan_fail (error, &s, _("a string contains a control character (U+0000)"));
                      return NULL;
                    }
                  copy = g_memdup2 (data, len + 1);
                  copy[len] = '\0';
                }
              g_snprintf (copy + i, 7, "\\u%04X", mark);
              copy[i + 6] = data[i + 6 < len ? i + 6 : len];
              if (i + 6 >= len)
                copy[len] = '\0';
            }
          i++;  /* the escaped character */
        }
      else if (data[i] == '\n')
        in_string = FALSE;  /* strings do not span lines; json-glib reports it */
    }
  if (copy != NULL)
    sentinel[g_unichar_to_utf8 (mark, sentinel)] = '\0';
  return g_steal_pointer (&copy);
}

/* Refuses, by place, any string or field name of @node that held a NUL
 * (now @sentinel). */
static gboolean
refuse_nul (Reader *r, const char *place, JsonNode *node, const char *sentinel)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *key = l->data;
          g_autofree char *here = NULL;

          if (strstr (key, sentinel) != NULL)
            return FAIL (r, place, _("a field name contains a control character (U+0000)"));
          here = is_plain_name (key) ? member_place (place, key) : keyed_place (place, key);
          if (!refuse_nul (r, here, json_object_get_member (object, key), sentinel))
            return FALSE;
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const char *id = NULL;
          g_autofree char *here = NULL;

          if (JSON_NODE_HOLDS_OBJECT (element))
            {
              JsonNode *id_node = json_object_get_member (json_node_get_object (element), "id");

              if (node_is_string (id_node) && strstr (json_node_get_string (id_node), sentinel) == NULL)
                id = json_node_get_string (id_node);
            }
          if (id != NULL && *id != '\0')
            {
              g_autofree char *q = quote (id);

              here = g_strdup_printf ("%s[%u] (%s)", place, i, q);
            }
          else
            here = g_strdup_printf ("%s[%u]", place, i);
          if (!refuse_nul (r, here, element, sentinel))
            return FALSE;
        }
    }
  else if (node_is_string (node) && strstr (json_node_get_string (node), sentinel) != NULL)
    return FAIL (r, place, _("contains a control character (U+0000)"));
  return TRUE;
}

ConsortAppraisal *
consort_json_read_data (const char *data,
                        gssize      length,
                        GError    **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) json_error = NULL;
  g_autoptr(ConsortAppraisal) appraisal = NULL;
  g_autofree char *nul_marked = NULL;
  char sentinel[8] = "";
  JsonNode *root;
  Reader reader;
  gsize len;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    data = "";
  len = length < 0 ? strlen (data) : (gsize) length;

  /* json-glib stops at a NUL byte; a file holding one is not text. */
  if (memchr (data, '\0', len) != NULL)
    {
      Scanner s = { data, len, 0, 1, 1 };

      while (s.pos < len && data[s.pos] != '\0')
        scan_advance (&s);
      scan_fail (error, &s, _("the file holds a NUL byte: it is not a JSON text"));
      return NULL;
    }

  if (!prescan (data, len, error))
    return NULL;
  nul_marked = mark_nul_escapes (data, len, sentinel, &json_error);
  if (json_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&json_error));
      return NULL;
    }
  if (nul_marked != NULL)
    data = nul_marked;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, &json_error))
    {
      set_parse_error (error, json_error);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_PARSE,
                   _("line 1, column 1: the file is empty"));
      return NULL;
    }

  /* Start from a new appraisal for its defaults (discount rate, default
   * rates, currency) where the file leaves them out. */
  appraisal = consort_appraisal_new ();
  reader.error = error;
  reader.appraisal = appraisal;
  if (nul_marked != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
      !refuse_nul (&reader, "", root, sentinel))
    return NULL;
  if (!read_appraisal (&reader, root))
    return NULL;

  if (!consort_appraisal_validate (appraisal, error))
    return NULL;

  return g_steal_pointer (&appraisal);
}

ConsortAppraisal *
consort_json_read_file (const char *path,
                        GError    **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error_literal (error, CONSORT_ERROR, CONSORT_ERROR_IO, local_error->message);
      return NULL;
    }
  return consort_json_read_data (contents, (gssize) length, error);
}

/* ------------------------------------------------------------------ */
/* Export                                                               */

/* A small writer for the canonical layout: containers are either block
 * (one member per line, two-space indentation) or inline (on one line,
 * ", " between members). */
#define WRITER_MAX_DEPTH 16

/* Array lengths, treating a missing array as empty. */
#define LEN(array) ((array) != NULL ? (array)->len : 0u)

typedef struct {
  GString  *out;
  int       depth;
  gboolean  pending_key;
  gboolean  has_items[WRITER_MAX_DEPTH];
  gboolean  is_inline[WRITER_MAX_DEPTH];
} Writer;

static void
w_indent (Writer *w, int depth)
{
  for (int i = 0; i < depth; i++)
    g_string_append (w->out, "  ");
}

/* Separator and indentation before a member or an array element. */
static void
w_before (Writer *w)
{
  if (w->pending_key)
    {
      w->pending_key = FALSE;
      return;
    }
  if (w->depth == 0)
    return;
  if (w->has_items[w->depth])
    g_string_append_c (w->out, ',');
  if (w->is_inline[w->depth])
    {
      if (w->has_items[w->depth])
        g_string_append_c (w->out, ' ');
    }
  else
    {
      g_string_append_c (w->out, '\n');
      w_indent (w, w->depth);
    }
  w->has_items[w->depth] = TRUE;
}

static void
w_string_literal (GString *out, const char *s)
{
  g_autofree char *valid = NULL;

  if (s == NULL)
    s = "";
  if (!g_utf8_validate (s, -1, NULL))
    s = valid = g_utf8_make_valid (s, -1);

  g_string_append_c (out, '"');
  for (const char *p = s; *p; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
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
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        default:
          if (c < 0x20 || c == 0x7F)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
w_key (Writer *w, const char *key)
{
  w_before (w);
  w_string_literal (w->out, key);
  g_string_append (w->out, ": ");
  w->pending_key = TRUE;
}

static void
w_open (Writer *w, char bracket, gboolean is_inline)
{
  w_before (w);
  g_string_append_c (w->out, bracket);
  w->depth++;
  g_assert (w->depth < WRITER_MAX_DEPTH);
  w->has_items[w->depth] = FALSE;
  /* Inside an inline container everything stays inline. */
  w->is_inline[w->depth] = is_inline || w->is_inline[w->depth - 1];
}

static void
w_close (Writer *w, char bracket)
{
  gboolean had_items = w->has_items[w->depth];
  gboolean was_inline = w->is_inline[w->depth];

  w->depth--;
  if (had_items && !was_inline)
    {
      g_string_append_c (w->out, '\n');
      w_indent (w, w->depth);
    }
  g_string_append_c (w->out, bracket);
}

static void
w_raw (Writer *w, const char *text)
{
  w_before (w);
  g_string_append (w->out, text);
}

static void
w_string (Writer *w, const char *s)
{
  w_before (w);
  w_string_literal (w->out, s);
}

static void
w_int (Writer *w, gint64 value)
{
  w_before (w);
  g_string_append_printf (w->out, "%" G_GINT64_FORMAT, value);
}

static void
w_money (Writer *w, ConsortMoney pence)
{
  g_autofree char *text = consort_money_to_decimal (pence);

  w_raw (w, text);
}

static void
w_micros (Writer *w, ConsortMicros micros)
{
  g_autofree char *text = consort_micros_to_decimal (micros);

  w_raw (w, text);
}

/* Members, for brevity below. */
static void
m_string (Writer *w, const char *key, const char *value)
{
  w_key (w, key);
  w_string (w, value);
}

static void
m_optional_string (Writer *w, const char *key, const char *value)
{
  if (value != NULL)
    m_string (w, key, value);
}

static void
m_int (Writer *w, const char *key, gint64 value)
{
  w_key (w, key);
  w_int (w, value);
}

static void
m_money (Writer *w, const char *key, ConsortMoney value)
{
  w_key (w, key);
  w_money (w, value);
}

static void
m_micros (Writer *w, const char *key, ConsortMicros value)
{
  w_key (w, key);
  w_micros (w, value);
}

static void
m_year_amounts (Writer *w, const char *key, const GArray *amounts)
{
  w_key (w, key);
  w_open (w, '{', TRUE);
  for (guint i = 0; amounts != NULL && i < amounts->len; i++)
    {
      const ConsortYearAmount *ya = &g_array_index (amounts, ConsortYearAmount, i);
      g_autofree char *year = g_strdup_printf ("%d", ya->year);

      m_money (w, year, ya->amount);
    }
  w_close (w, '}');
}

static void
write_owner (Writer *w, const ConsortAttribution *owner)
{
  if (owner->borough_id != NULL)
    {
      m_string (w, "borough", owner->borough_id);
      return;
    }
  if (owner->share == CONSORT_SHARE_CUSTOM)
    {
      w_key (w, "share");
      w_open (w, '{', TRUE);
      for (guint i = 0; owner->custom_shares != NULL && i < owner->custom_shares->len; i++)
        {
          const ConsortShareWeight *sw = &g_array_index (owner->custom_shares, ConsortShareWeight, i);

          m_micros (w, sw->borough_id ? sw->borough_id : "", sw->weight);
        }
      w_close (w, '}');
    }
  else if (consort_share_rule_to_string (owner->share) != NULL)
    m_string (w, "share", consort_share_rule_to_string (owner->share));
}

static void
write_savings_item (Writer *w, const ConsortSavingsItem *item)
{
  w_open (w, '{', FALSE);
  m_optional_string (w, "label", item->label);
  m_string (w, "service", item->service_id);
  m_string (w, "method", consort_method_to_string (item->method));
  write_owner (w, &item->owner);

  switch (item->method)
    {
    case CONSORT_METHOD_AMOUNTS:
      m_year_amounts (w, "amounts", item->amounts);
      w_close (w, '}');
      return;

    case CONSORT_METHOD_RATE:
      m_optional_string (w, "model", item->model);
      w_key (w, "rate");
      if (item->has_rate)
        w_micros (w, item->rate);
      else
        w_raw (w, "null");
      break;

    case CONSORT_METHOD_POSTS:
    default:
      w_key (w, "posts");
      w_open (w, '[', FALSE);
      for (guint i = 0; item->posts != NULL && i < LEN (item->posts); i++)
        {
          const ConsortPost *post = g_ptr_array_index (item->posts, i);

          w_open (w, '{', TRUE);
          m_optional_string (w, "title", post->title);
          m_micros (w, "fte", post->fte);
          m_money (w, "cost", post->cost);
          w_close (w, '}');
        }
      w_close (w, ']');
      break;
    }

  m_int (w, "start", item->start_year);
  if (item->start_month != 0)
    m_int (w, "start_month", item->start_month);
  if (item->phasing != NULL && LEN (item->phasing) > 0)
    {
      w_key (w, "phasing");
      w_open (w, '[', TRUE);
      for (guint i = 0; i < LEN (item->phasing); i++)
        w_micros (w, g_array_index (item->phasing, ConsortMicros, i));
      w_close (w, ']');
    }
  w_close (w, '}');
}

static void
write_cost_item (Writer *w, const ConsortCostItem *item)
{
  w_open (w, '{', FALSE);
  m_optional_string (w, "label", item->label);
  m_string (w, "kind", consort_cost_kind_to_string (item->kind));
  m_optional_string (w, "service", item->service_id);
  write_owner (w, &item->owner);
  switch (item->form)
    {
    case CONSORT_COST_FORM_AMOUNT:
      m_money (w, "amount", item->amount);
      m_int (w, "year", item->year);
      break;
    case CONSORT_COST_FORM_POSTS:
      m_micros (w, "posts", item->posts);
      m_money (w, "unit_cost", item->unit_cost);
      m_int (w, "year", item->year);
      break;
    case CONSORT_COST_FORM_AMOUNTS:
    default:
      m_year_amounts (w, "amounts", item->amounts);
      break;
    }
  w_close (w, '}');
}

static void
write_option (Writer *w, const ConsortOption *option)
{
  w_open (w, '{', FALSE);
  m_string (w, "id", option->id);
  m_string (w, "name", option->name);
  m_optional_string (w, "description", option->description);

  w_key (w, "participants");
  w_open (w, '[', FALSE);
  for (guint i = 0; i < LEN (option->participants); i++)
    {
      const ConsortParticipant *p = g_ptr_array_index (option->participants, i);

      w_open (w, '{', TRUE);
      m_string (w, "borough", p->borough_id);
      m_int (w, "from", p->from_year);
      w_close (w, '}');
    }
  w_close (w, ']');

  w_key (w, "savings");
  w_open (w, '[', FALSE);
  for (guint i = 0; i < LEN (option->savings); i++)
    write_savings_item (w, g_ptr_array_index (option->savings, i));
  w_close (w, ']');

  w_key (w, "costs");
  w_open (w, '[', FALSE);
  for (guint i = 0; i < LEN (option->costs); i++)
    write_cost_item (w, g_ptr_array_index (option->costs, i));
  w_close (w, ']');

  if (LEN (option->feasibility) > 0)
    {
      w_key (w, "feasibility");
      w_open (w, '[', FALSE);
      for (guint i = 0; i < LEN (option->feasibility); i++)
        {
          const ConsortFeasibility *f = g_ptr_array_index (option->feasibility, i);

          w_open (w, '{', FALSE);
          m_string (w, "service", f->service_id);
          w_key (w, "ratings");
          w_open (w, '{', TRUE);
          for (int c = 0; c < CONSORT_N_CRITERIA; c++)
            if (consort_level_to_string (f->ratings[c], FALSE) != NULL)
              m_string (w, consort_criterion_to_string (c),
                        consort_level_to_string (f->ratings[c], FALSE));
          w_close (w, '}');
          m_optional_string (w, "note", f->note);
          w_close (w, '}');
        }
      w_close (w, ']');
    }

  if (LEN (option->risks) > 0)
    {
      w_key (w, "risks");
      w_open (w, '[', FALSE);
      for (guint i = 0; i < LEN (option->risks); i++)
        {
          const ConsortRisk *risk = g_ptr_array_index (option->risks, i);

          w_open (w, '{', FALSE);
          m_optional_string (w, "class", risk->risk_class);
          m_optional_string (w, "issue", risk->issue);
          m_optional_string (w, "mitigation", risk->mitigation);
          m_optional_string (w, "likelihood", consort_level_to_string (risk->likelihood, TRUE));
          m_optional_string (w, "impact", consort_level_to_string (risk->impact, TRUE));
          w_close (w, '}');
        }
      w_close (w, ']');
    }

  w_close (w, '}');
}

char *
consort_json_write (const ConsortAppraisal *a)
{
  Writer w = { 0 };

  g_return_val_if_fail (a != NULL, NULL);

  w.out = g_string_new (NULL);
  w_open (&w, '{', FALSE);
  m_string (&w, "format", FORMAT_NAME);
  m_int (&w, "version", FORMAT_VERSION);
  m_string (&w, "title", a->title ? a->title : "");
  m_optional_string (&w, "description", a->description);
  m_optional_string (&w, "author", a->author);
  m_optional_string (&w, "perspective", a->perspective);
  m_int (&w, "first_year", a->first_year);
  m_int (&w, "years", a->years);
  m_string (&w, "currency", a->currency ? a->currency : "GBP");
  m_micros (&w, "discount_rate", a->discount_rate);

  w_key (&w, "default_rates");
  w_open (&w, '[', FALSE);
  for (guint i = 0; i < LEN (a->default_rates); i++)
    {
      const ConsortDefaultRate *r = g_ptr_array_index (a->default_rates, i);

      w_open (&w, '{', TRUE);
      m_string (&w, "model", r->model);
      m_int (&w, "min_partners", r->min_partners);
      m_micros (&w, "rate", r->rate);
      w_close (&w, '}');
    }
  w_close (&w, ']');

  w_key (&w, "boroughs");
  w_open (&w, '[', FALSE);
  for (guint i = 0; i < LEN (a->boroughs); i++)
    {
      const ConsortBorough *b = g_ptr_array_index (a->boroughs, i);

      w_open (&w, '{', TRUE);
      m_string (&w, "id", b->id);
      m_string (&w, "name", b->name);
      m_int (&w, "population", b->population);
      w_close (&w, '}');
    }
  w_close (&w, ']');

  w_key (&w, "services");
  w_open (&w, '[', FALSE);
  for (guint i = 0; i < LEN (a->services); i++)
    {
      const ConsortService *s = g_ptr_array_index (a->services, i);

      w_open (&w, '{', FALSE);
      m_string (&w, "id", s->id);
      m_string (&w, "name", s->name);
      w_key (&w, "baselines");
      w_open (&w, '{', FALSE);
      for (guint j = 0; j < LEN (s->baselines); j++)
        {
          const ConsortBaseline *bl = g_ptr_array_index (s->baselines, j);

          w_key (&w, bl->borough_id ? bl->borough_id : "");
          w_open (&w, '{', TRUE);
          m_money (&w, "budget", bl->budget);
          if (bl->fte != 0)
            m_micros (&w, "fte", bl->fte);
          if (bl->management_posts != 0)
            m_micros (&w, "management_posts", bl->management_posts);
          if (bl->overheads != 0)
            m_money (&w, "overheads", bl->overheads);
          w_key (&w, "outsourced");
          w_raw (&w, bl->outsourced ? "true" : "false");
          w_close (&w, '}');
        }
      w_close (&w, '}');
      w_close (&w, '}');
    }
  w_close (&w, ']');

  w_key (&w, "options");
  w_open (&w, '[', FALSE);
  for (guint i = 0; i < LEN (a->options); i++)
    write_option (&w, g_ptr_array_index (a->options, i));
  w_close (&w, ']');

  w_close (&w, '}');
  g_string_append_c (w.out, '\n');
  return g_string_free (w.out, FALSE);
}

gboolean
consort_json_write_file (const ConsortAppraisal *appraisal,
                         const char             *path,
                         GError                **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (appraisal != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  text = consort_json_write (appraisal);
  /* Written to a temporary file and renamed: a failed export never
   * leaves half a file in place of a good one. */
  if (!g_file_set_contents (path, text, -1, &local_error))
    {
      g_set_error_literal (error, CONSORT_ERROR, CONSORT_ERROR_IO, local_error->message);
      return FALSE;
    }
  return TRUE;
}
