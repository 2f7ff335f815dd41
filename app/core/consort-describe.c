/* consort-describe.c: model places and slugs in words for people.
 *
 * The validator writes places in the JSONPath-like form of
 * docs/interchange.md.  Here that form is read back, one step at a time,
 * and each step is named as the application names it: options and
 * services by name, items by their number counted from 1 and what they
 * are about, fields by their label.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "consort-describe.h"
#include "consort-error.h"
#include "consort-money.h"

static const char * const known_models[] = {
  "shared_service",
  "joint_commissioning",
  "collaborative_procurement",
  "joint_outsourcing",
  "joint_venture",
  NULL
};

const char * const *
consort_known_models (void)
{
  return known_models;
}

/* One step of a place: a name, an optional [index] or ["key"], and the
 * optional (" id") that follows an index. */
typedef struct
{
  char     *name;
  gboolean  has_index;
  guint     index;
  char     *key;   /* ["key"] */
  char     *id;    /* ("id") */
} Step;

static void
step_clear (Step *step)
{
  g_clear_pointer (&step->name, g_free);
  g_clear_pointer (&step->key, g_free);
  g_clear_pointer (&step->id, g_free);
}

/* Reads a JSON-style quoted string at *p (the opening quote). */
static char *
read_quoted (const char **p)
{
  GString *out;
  const char *s = *p;

  if (*s != '"')
    return NULL;
  s++;
  out = g_string_new (NULL);
  while (*s && *s != '"')
    {
      if (*s == '\\' && s[1] == 'u' && g_ascii_isxdigit (s[2]) && g_ascii_isxdigit (s[3]) &&
          g_ascii_isxdigit (s[4]) && g_ascii_isxdigit (s[5]))
        {
          char hex[5] = { s[2], s[3], s[4], s[5], 0 };
          g_string_append_c (out, (char) g_ascii_strtoull (hex, NULL, 16));
          s += 6;
          continue;
        }
      if (*s == '\\' && s[1])
        s++;
      g_string_append_c (out, *s++);
    }
  if (*s != '"')
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  *p = s + 1;
  return g_string_free (out, FALSE);
}

/* Parses the place at the start of @message into @steps; *rest is set to
 * the text after ": ".  FALSE where the message does not start with a
 * place. */
static gboolean
parse_place (const char  *message,
             GArray      *steps,
             const char **rest)
{
  const char *p = message;

  for (;;)
    {
      Step step = { 0 };
      const char *start = p;

      while (g_ascii_islower (*p) || *p == '_' || g_ascii_isdigit (*p))
        p++;
      if (p == start)
        return FALSE;
      step.name = g_strndup (start, p - start);

      while (*p == '[')
        {
          p++;
          if (*p == '"')
            {
              char *key = read_quoted (&p);

              if (key == NULL)
                {
                  step_clear (&step);
                  return FALSE;
                }
              g_free (step.key);
              step.key = key;
            }
          else
            {
              guint64 n = 0;
              const char *digits = p;

              while (g_ascii_isdigit (*p))
                n = n * 10 + (guint64) (*p++ - '0');
              if (p == digits || n > G_MAXUINT)
                {
                  step_clear (&step);
                  return FALSE;
                }
              step.has_index = TRUE;
              step.index = (guint) n;
            }
          if (*p != ']')
            {
              step_clear (&step);
              return FALSE;
            }
          p++;
        }

      if (p[0] == ' ' && p[1] == '(' && p[2] == '"')
        {
          p += 2;
          step.id = read_quoted (&p);
          if (step.id == NULL || *p != ')')
            {
              step_clear (&step);
              return FALSE;
            }
          p++;
        }

      g_array_append_val (steps, step);

      if (*p == '.')
        {
          p++;
          continue;
        }
      if (p[0] == ':' && p[1] == ' ')
        {
          *rest = p + 2;
          return TRUE;
        }
      return FALSE;
    }
}

typedef struct
{
  const char *name;
  const char *label;
} FieldLabel;

/* Field names of the interchange format and what the forms call them. */
static const FieldLabel field_labels[] = {
  { "title", N_("title") },
  { "description", N_("description") },
  { "author", N_("prepared by") },
  { "perspective", N_("point of view") },
  { "first_year", N_("first financial year") },
  { "years", N_("number of years") },
  { "currency", N_("currency") },
  { "discount_rate", N_("discount rate") },
  { "model", N_("delivery model") },
  { "min_partners", N_("number of partners") },
  { "rate", N_("rate") },
  { "id", N_("id") },
  { "name", N_("name") },
  { "population", N_("population") },
  { "budget", N_("budget") },
  { "fte", N_("FTE") },
  { "management_posts", N_("management posts") },
  { "overheads", N_("overheads") },
  { "outsourced", N_("outsourced") },
  { "borough", N_("borough") },
  { "from", N_("joining year") },
  { "service", N_("service") },
  { "method", N_("method") },
  { "share", N_("apportionment") },
  { "start", N_("start year") },
  { "start_month", N_("start month") },
  { "kind", N_("kind of cost") },
  { "year", N_("year") },
  { "amount", N_("amount") },
  { "posts", N_("posts") },
  { "unit_cost", N_("cost per post") },
  { "cost", N_("annual cost") },
  { "likelihood", N_("likelihood") },
  { "impact", N_("impact") },
  { "note", N_("note") },
  { "label", N_("label") },
};

static const char *
field_label (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if (strcmp (field_labels[i].name, name) == 0)
      return _(field_labels[i].label);
  return name;
}

static const char *
borough_name (const ConsortAppraisal *a,
              const char             *id)
{
  const ConsortBorough *b = id ? consort_appraisal_find_borough (a, id) : NULL;

  return b && b->name && *b->name ? b->name : id;
}

static const char *
service_name (const ConsortAppraisal *a,
              const char             *id)
{
  const ConsortService *s = id ? consort_appraisal_find_service (a, id) : NULL;

  return s && s->name && *s->name ? s->name : id;
}

/* Element @index of @array, or NULL. */
static gpointer
nth (GPtrArray *array,
     guint      index)
{
  return array && index < array->len ? g_ptr_array_index (array, index) : NULL;
}

static void
add_part (GPtrArray  *parts,
          char       *part)
{
  g_ptr_array_add (parts, part);
}

char *
consort_appraisal_describe_error (const ConsortAppraisal *a,
                                  const GError           *error)
{
  g_autoptr(GArray) steps = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autofree char *joined = NULL;
  const char *rest = NULL;
  const ConsortOption *option = NULL;
  const ConsortService *service = NULL;
  const ConsortSavingsItem *saving = NULL;
  const ConsortCostItem *cost = NULL;

  g_return_val_if_fail (error != NULL, NULL);

  if (a == NULL || error->domain != CONSORT_ERROR || error->code != CONSORT_ERROR_INVALID)
    return g_strdup (error->message);

  steps = g_array_new (FALSE, TRUE, sizeof (Step));
  g_array_set_clear_func (steps, (GDestroyNotify) step_clear);
  if (!parse_place (error->message, steps, &rest))
    return g_strdup (error->message);

  parts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < steps->len; i++)
    {
      const Step *step = &g_array_index (steps, Step, i);
      const char *name = step->name;

      if (i == 0 && strcmp (name, "options") == 0 && step->has_index)
        {
          option = step->id ? consort_appraisal_find_option (a, step->id) : NULL;
          if (option == NULL)
            option = nth (a->options, step->index);
          if (option && option->name && *option->name)
            add_part (parts, g_strdup (option->name));
          else
            add_part (parts, g_strdup_printf (_("Option %u"), step->index + 1));
        }
      else if (i == 0 && strcmp (name, "services") == 0 && step->has_index)
        {
          service = step->id ? consort_appraisal_find_service (a, step->id) : NULL;
          if (service == NULL)
            service = nth (a->services, step->index);
          if (service && service->name && *service->name)
            add_part (parts, g_strdup (service->name));
          else
            add_part (parts, g_strdup_printf (_("Service %u"), step->index + 1));
        }
      else if (i == 0 && strcmp (name, "boroughs") == 0 && step->has_index)
        {
          const ConsortBorough *b = step->id ? consort_appraisal_find_borough (a, step->id) : NULL;

          if (b == NULL)
            b = nth (a->boroughs, step->index);
          if (b && b->name && *b->name)
            add_part (parts, g_strdup (b->name));
          else
            add_part (parts, g_strdup_printf (_("Borough %u"), step->index + 1));
        }
      else if (i == 0 && strcmp (name, "default_rates") == 0 && step->has_index)
        {
          const ConsortDefaultRate *r = nth (a->default_rates, step->index);

          if (r && r->model && *r->model)
            /* Translators: "Default rate 2 (Shared service (in-house))" */
            add_part (parts, g_strdup_printf (_("Default rate %u (%s)"), step->index + 1,
                                              consort_model_describe (r->model)));
          else
            add_part (parts, g_strdup_printf (_("Default rate %u"), step->index + 1));
        }
      else if (option && strcmp (name, "participants") == 0 && step->has_index)
        {
          const ConsortParticipant *p = nth (option->participants, step->index);

          if (p && p->borough_id && consort_appraisal_find_borough (a, p->borough_id))
            add_part (parts, g_strdup_printf (_("participant %u (%s)"), step->index + 1,
                                              borough_name (a, p->borough_id)));
          else
            add_part (parts, g_strdup_printf (_("participant %u"), step->index + 1));
        }
      else if (option && strcmp (name, "savings") == 0 && step->has_index)
        {
          saving = nth (option->savings, step->index);
          if (saving && saving->label && *saving->label)
            add_part (parts, g_strdup_printf (_("savings item %u (%s)"), step->index + 1, saving->label));
          else if (saving && saving->service_id && consort_appraisal_find_service (a, saving->service_id))
            add_part (parts, g_strdup_printf (_("savings item %u (%s)"), step->index + 1,
                                              service_name (a, saving->service_id)));
          else
            add_part (parts, g_strdup_printf (_("savings item %u"), step->index + 1));
        }
      else if (option && strcmp (name, "costs") == 0 && step->has_index)
        {
          cost = nth (option->costs, step->index);
          if (cost && cost->label && *cost->label)
            add_part (parts, g_strdup_printf (_("cost item %u (%s)"), step->index + 1, cost->label));
          else if (cost && (guint) cost->kind < CONSORT_N_COST_KINDS)
            add_part (parts, g_strdup_printf (_("cost item %u (%s)"), step->index + 1,
                                              consort_cost_kind_describe (cost->kind)));
          else
            add_part (parts, g_strdup_printf (_("cost item %u"), step->index + 1));
        }
      else if (option && strcmp (name, "feasibility") == 0 && step->has_index)
        {
          const ConsortFeasibility *f = nth (option->feasibility, step->index);

          if (f && f->service_id && consort_appraisal_find_service (a, f->service_id))
            add_part (parts, g_strdup_printf (_("feasibility of %s"), service_name (a, f->service_id)));
          else
            add_part (parts, g_strdup_printf (_("feasibility rating %u"), step->index + 1));
        }
      else if (option && strcmp (name, "ratings") == 0)
        {
          /* The criterion follows as a field of its own. */
          if (i + 1 < steps->len)
            {
              const char *slug = g_array_index (steps, Step, i + 1).name;

              for (int c = 0; c < CONSORT_N_CRITERIA; c++)
                if (strcmp (slug, consort_criterion_to_string (c)) == 0)
                  {
                    add_part (parts, g_utf8_strdown (consort_criterion_describe (c), -1));
                    i++;
                    break;
                  }
            }
        }
      else if (option && strcmp (name, "risks") == 0 && step->has_index)
        add_part (parts, g_strdup_printf (_("risk %u"), step->index + 1));
      else if (saving && strcmp (name, "posts") == 0 && step->has_index)
        {
          const ConsortPost *post = nth (saving->posts, step->index);

          if (post && post->title && *post->title)
            add_part (parts, g_strdup_printf (_("post %u (%s)"), step->index + 1, post->title));
          else
            add_part (parts, g_strdup_printf (_("post %u"), step->index + 1));
        }
      else if (saving && strcmp (name, "phasing") == 0 && step->has_index)
        add_part (parts, g_strdup_printf (_("phasing in year %u of saving"), step->index + 1));
      else if ((saving || cost) && strcmp (name, "amounts") == 0)
        {
          /* The message names the year already ("2013/14 is outside the
           * horizon ..."); where it does not, say which year. */
          guint64 year;

          if (step->key && g_ascii_string_to_unsigned (step->key, 10, 1000, 9999, &year, NULL))
            {
              g_autofree char *fy = consort_fy_label ((int) year, '/');

              if (strstr (rest, fy) == NULL)
                add_part (parts, g_strdup_printf (_("amount for %s"), fy));
            }
          else
            add_part (parts, g_strdup (_("amounts")));
        }
      else if ((saving || cost) && strcmp (name, "share") == 0)
        {
          add_part (parts, g_strdup (field_label (name)));
          if (step->key)
            add_part (parts, g_strdup_printf (_("share of %s"), borough_name (a, step->key)));
        }
      else if (service && strcmp (name, "baselines") == 0)
        {
          if (step->key)
            add_part (parts, g_strdup_printf (_("baseline for %s"), borough_name (a, step->key)));
        }
      else
        {
          g_autofree char *label = NULL;

          if (step->key)
            label = g_strdup_printf ("%s (%s)", field_label (name), step->key);
          else if (step->has_index)
            label = g_strdup_printf ("%s %u", field_label (name), step->index + 1);
          else
            label = g_strdup (field_label (name));
          add_part (parts, g_steal_pointer (&label));
        }
    }

  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (", ", (char **) parts->pdata);

  /* The first word starts a sentence: "First financial year: ...". */
  if (*joined)
    {
      gunichar c = g_utf8_get_char (joined);
      g_autofree char *tail = g_strdup (g_utf8_next_char (joined));
      char head[8] = { 0 };

      g_unichar_to_utf8 (g_unichar_totitle (c), head);
      return g_strdup_printf ("%s%s: %s", head, tail, rest);
    }
  return g_strdup (rest);
}
