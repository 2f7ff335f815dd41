/* consort-report.c: the cabinet report, typeset with Pango into pages.
 *
 * Layout happens once, in consort_report_new(): a builder walks the
 * sections, measures every text with Pango in points (72 dpi, unhinted
 * metrics, so the measurements do not depend on the surface drawn on)
 * and places it, breaking pages where needed.  Each page keeps its
 * positioned layouts, rules and charts ("ops"); rendering replays them,
 * so the PDF, the print-out and the layout check all see the same
 * boxes.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "consort-report.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "consort-chart.h"
#include "consort-table-export.h"

/* A4 in points. */
#define A4_SHORT 595.276
#define A4_LONG  841.890

#define MARGIN_X       56.7   /* 20 mm */
#define CONTENT_TOP    70.0
#define CONTENT_BOTTOM 58.0   /* from the page's foot */
#define HEADER_Y       32.0
#define FOOTER_Y       42.0   /* from the page's foot to the footer text's top */

#define CELL_PAD_X 4.0
#define CELL_PAD_Y 2.6

#define FONT_FAMILY "Cantarell, DejaVu Sans, sans-serif"

/* Colours, 0xRRGGBB. */
#define C_TEXT      0x1a1a1a
#define C_HEADING   0x12355b
#define C_MUTED     0x55606b
#define C_RULE      0x12355b
#define C_HAIRLINE  0xc5ccd3
#define C_HEAD_BG   0xe6ecf2
#define C_TOTAL_BG  0xf3f5f7
#define C_LOW       0xcfe9d1
#define C_SOME      0xfbe3b0
#define C_HIGH      0xf4c2b8

typedef enum {
  ST_BODY,
  ST_BODY_BOLD,
  ST_SMALL,
  ST_TITLE,
  ST_SUBTITLE,
  ST_H1,
  ST_H2,
  ST_H3,
  ST_TABLE,
  ST_TABLE_BOLD,
  ST_CAPTION,
  ST_FOOTER,
  ST_META_LABEL,
  N_STYLES
} Style;

static const struct {
  const char *font;
  guint32     color;
  double      spacing;  /* extra leading between lines */
  gboolean    figures;  /* tabular figures */
} styles[N_STYLES] = {
  [ST_BODY] = { FONT_FAMILY " 9.5", C_TEXT, 2.0, TRUE },
  [ST_BODY_BOLD] = { FONT_FAMILY " Bold 9.5", C_TEXT, 2.0, TRUE },
  [ST_SMALL] = { FONT_FAMILY " 8", C_MUTED, 1.5, TRUE },
  [ST_TITLE] = { FONT_FAMILY " Bold 24", C_HEADING, 4.0, FALSE },
  [ST_SUBTITLE] = { FONT_FAMILY " 14", C_MUTED, 2.0, FALSE },
  [ST_H1] = { FONT_FAMILY " Bold 16", C_HEADING, 2.0, FALSE },
  [ST_H2] = { FONT_FAMILY " Bold 12", C_HEADING, 1.5, FALSE },
  [ST_H3] = { FONT_FAMILY " Bold 10", C_TEXT, 1.0, FALSE },
  [ST_TABLE] = { FONT_FAMILY " 8.5", C_TEXT, 1.0, TRUE },
  [ST_TABLE_BOLD] = { FONT_FAMILY " Bold 8.5", C_TEXT, 1.0, TRUE },
  [ST_CAPTION] = { FONT_FAMILY " Bold 9", C_HEADING, 1.0, TRUE },
  [ST_FOOTER] = { FONT_FAMILY " 7.5", C_MUTED, 0.0, TRUE },
  [ST_META_LABEL] = { FONT_FAMILY " Bold 10", C_MUTED, 1.0, FALSE },
};

typedef enum { OP_TEXT, OP_RECT, OP_LINE, OP_CHART } OpType;

typedef struct {
  OpType        type;
  double        x, y, w, h;      /* TEXT: origin and logical size; RECT: box; LINE: from (x,y) by (w,h) */
  guint32       rgb;
  double        line_width;
  PangoLayout  *layout;
  ConsortChart *chart;
  double        wrap_width;      /* TEXT: the column it was set in; -1: none */
  char         *link;            /* TEXT: a PDF link ("page=3 pos=[56 70]"), or NULL */
  gboolean      may_ellipsize;   /* TEXT: the running header */
} Op;

typedef struct {
  gboolean   landscape;
  GPtrArray *ops;  /* Op* */
} Page;

typedef struct {
  char  *title;
  guint  page;
  int    level;
  double y;
} Section;

struct _ConsortReport {
  gatomicrefcount    ref_count;
  ConsortResults    *results;
  int                party;
  char              *party_name;
  char              *file_name;
  char              *date_text;
  char              *prepared_by;
  GDateTime         *date;
  PangoContext      *ctx;
  PangoFontDescription *fonts[N_STYLES];
  GPtrArray         *pages;     /* Page* */
  GArray            *sections;  /* Section */
  ConsortChartStyle  chart_style;
};

/* Ops and pages */

static void
op_free (Op *op)
{
  g_clear_object (&op->layout);
  g_clear_pointer (&op->chart, consort_chart_unref);
  g_free (op->link);
  g_free (op);
}

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->ops);
  g_free (page);
}

static void
section_clear (Section *s)
{
  g_free (s->title);
}

/* The builder: a cursor on the current page. */

typedef struct {
  ConsortReport *report;
  Page          *page;
  double         y;
  double         left, right, top, bottom;
  guint          table_no;
  guint          figure_no;
  guint          section_no;
  /* A heading (and its lead-in text) waiting for its table or figure:
   * if that breaks to a new page, the heading goes with it. */
  int            keep_from;   /* index in the page's ops, -1: none */
  double         keep_y;
} Builder;

static PangoLayout *
new_layout (ConsortReport *self,
            Style          style,
            const char    *text,
            double         width,
            PangoAlignment align)
{
  PangoLayout *layout = pango_layout_new (self->ctx);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_layout_set_font_description (layout, self->fonts[style]);
  pango_layout_set_text (layout, text ? text : "", -1);
  if (styles[style].figures)
    pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1, lnum=1"));
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_spacing (layout, (int) (styles[style].spacing * PANGO_SCALE));
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, align);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static double
natural_width (ConsortReport *self, Style style, const char *text)
{
  g_autoptr(PangoLayout) layout = new_layout (self, style, text, -1, PANGO_ALIGN_LEFT);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

/* Width of the longest word: the narrowest a wrapped column may get. */
static double
longest_word (ConsortReport *self, Style style, const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text ? text : "", " \n", -1);
  double best = 0;

  for (guint i = 0; words[i]; i++)
    if (*words[i])
      best = MAX (best, natural_width (self, style, words[i]));
  return best;
}

static void
add_op (Builder *b, Op *op)
{
  g_ptr_array_add (b->page->ops, op);
}

static void
add_text (Builder      *b,
          PangoLayout  *layout,   /* taken */
          double        x,
          double        y,
          double        wrap_width,
          guint32       rgb)
{
  Op *op = g_new0 (Op, 1);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  op->type = OP_TEXT;
  op->layout = layout;
  op->x = x;
  op->y = y;
  op->w = (double) logical.width / PANGO_SCALE;
  op->h = (double) logical.height / PANGO_SCALE;
  op->wrap_width = wrap_width;
  op->rgb = rgb;
  add_op (b, op);
}

static void
add_rect (Builder *b, double x, double y, double w, double h, guint32 rgb)
{
  Op *op = g_new0 (Op, 1);

  op->type = OP_RECT;
  op->x = x;
  op->y = y;
  op->w = w;
  op->h = h;
  op->rgb = rgb;
  add_op (b, op);
}

static void
add_hline (Builder *b, double x0, double x1, double y, double width, guint32 rgb)
{
  Op *op = g_new0 (Op, 1);

  op->type = OP_LINE;
  op->x = x0;
  op->y = y;
  op->w = x1 - x0;
  op->h = 0;
  op->line_width = width;
  op->rgb = rgb;
  add_op (b, op);
}

static void
new_page (Builder *b, gboolean landscape)
{
  ConsortReport *self = b->report;
  Page *page = g_new0 (Page, 1);
  double w = landscape ? A4_LONG : A4_SHORT;
  double h = landscape ? A4_SHORT : A4_LONG;

  page->landscape = landscape;
  page->ops = g_ptr_array_new_with_free_func ((GDestroyNotify) op_free);
  g_ptr_array_add (self->pages, page);
  b->page = page;
  b->left = MARGIN_X;
  b->right = w - MARGIN_X;
  b->top = CONTENT_TOP;
  b->bottom = h - CONTENT_BOTTOM;
  b->y = b->top;
  b->keep_from = -1;
}

/* Before a table or figure: a new page if @needed does not fit, taking
 * along a heading placed just before, so it is never left alone at the
 * foot of a page. */
static void
ensure_space_keeping (Builder *b, double needed)
{
  ConsortReport *self = b->report;
  Page *old = b->page;
  g_autoptr(GPtrArray) moved = NULL;
  double shift, old_y;
  int from = b->keep_from;
  double keep_y = b->keep_y;
  guint old_index = self->pages->len - 1;

  if (b->y + needed <= b->bottom || b->y <= b->top + 0.01)
    {
      b->keep_from = -1;
      return;
    }
  if (from <= 0 || keep_y <= b->top + 0.01 || b->y - keep_y + needed > b->bottom - b->top)
    {
      new_page (b, old->landscape);
      return;
    }

  moved = g_ptr_array_new ();
  /* Steal them: the old page no longer owns them. */
  while (old->ops->len > (guint) from)
    g_ptr_array_insert (moved, 0, g_ptr_array_steal_index (old->ops, old->ops->len - 1));
  old_y = b->y;
  new_page (b, old->landscape);
  shift = b->top - keep_y;
  for (guint i = 0; i < moved->len; i++)
    {
      Op *op = moved->pdata[i];
      op->y += shift;
      g_ptr_array_add (b->page->ops, op);
    }
  b->y = old_y + shift;
  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *sec = &g_array_index (self->sections, Section, i);
      if (sec->page == old_index && sec->y >= keep_y - 0.01)
        {
          sec->page = self->pages->len - 1;
          sec->y += shift;
        }
    }
  b->keep_from = -1;
}

static gboolean
page_is_empty (Builder *b)
{
  return b->y <= b->top + 0.01;
}

static void
ensure_space (Builder *b, double needed)
{
  if (b->y + needed > b->bottom && !page_is_empty (b))
    new_page (b, b->page->landscape);
}

static double
width_of (Builder *b)
{
  return b->right - b->left;
}

/* Paragraphs: split across pages at line boundaries. */
static void
place_paragraph (Builder    *b,
                 Style       style,
                 const char *text,
                 double      space_after)
{
  ConsortReport *self = b->report;
  g_autofree char *rest = g_strdup (text);

  while (rest && *rest)
    {
      PangoLayout *layout = new_layout (self, style, rest, width_of (b), PANGO_ALIGN_LEFT);
      double h = layout_height (layout);
      PangoLayoutIter *iter;
      int split = -1;
      double avail = b->bottom - b->y;

      if (h <= avail)
        {
          add_text (b, layout, b->left, b->y, width_of (b), styles[style].color);
          b->y += h + space_after;
          return;
        }

      /* Find the last line that fits. */
      iter = pango_layout_get_iter (layout);
      do
        {
          int y0, y1;
          PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);

          pango_layout_iter_get_line_yrange (iter, &y0, &y1);
          if ((double) y1 / PANGO_SCALE > avail)
            break;
          split = line->start_index + line->length;
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
      g_object_unref (layout);

      if (split <= 0 || split >= (int) strlen (rest))
        {
          if (page_is_empty (b))
            {
              /* Taller than a page and nothing fits: place it anyway. */
              layout = new_layout (self, style, rest, width_of (b), PANGO_ALIGN_LEFT);
              h = layout_height (layout);
              add_text (b, layout, b->left, b->y, width_of (b), styles[style].color);
              b->y += h + space_after;
              return;
            }
          new_page (b, b->page->landscape);
          continue;
        }

      {
        g_autofree char *head = g_strndup (rest, split);
        char *tail;

        g_strchomp (head);
        layout = new_layout (self, style, head, width_of (b), PANGO_ALIGN_LEFT);
        add_text (b, layout, b->left, b->y, width_of (b), styles[style].color);
        tail = g_strdup (g_strchug (rest + split));
        g_free (rest);
        rest = tail;
        new_page (b, b->page->landscape);
      }
    }
}

static void
place_paragraphs (Builder *b, Style style, const char *text, double space_after)
{
  g_auto(GStrv) paras = g_strsplit (text ? text : "", "\n", -1);

  for (guint i = 0; paras[i]; i++)
    {
      g_strstrip (paras[i]);
      if (*paras[i])
        place_paragraph (b, style, paras[i], space_after);
    }
}

static void
add_section (Builder *b, const char *title, int level)
{
  Section s = { g_strdup (title), b->report->pages->len - 1, level, b->y };
  g_array_append_val (b->report->sections, s);
}

/* A heading is kept with at least @keep points of what follows. */
static void
place_heading (Builder *b, int level, const char *text, double keep)
{
  ConsortReport *self = b->report;
  Style style = level == 1 ? ST_H1 : level == 2 ? ST_H2 : ST_H3;
  double before = level == 1 ? 0 : level == 2 ? 10 : 6;
  double after = level == 1 ? 10 : level == 2 ? 6 : 4;
  PangoLayout *layout;
  double h;

  layout = new_layout (self, style, text, width_of (b), PANGO_ALIGN_LEFT);
  h = layout_height (layout);
  if (!page_is_empty (b))
    {
      if (b->y + before + h + after + keep > b->bottom)
        new_page (b, b->page->landscape);
      else
        b->y += before;
    }
  if (level >= 2)
    {
      b->keep_from = b->page->ops->len;
      b->keep_y = b->y;
    }
  if (level <= 2)
    add_section (b, text, level);
  add_text (b, layout, b->left, b->y, width_of (b), styles[style].color);
  b->y += h;
  if (level == 1)
    {
      b->y += 4;
      add_hline (b, b->left, b->right, b->y, 1.2, C_RULE);
    }
  b->y += after;
}

/* Chapters start on a new page of the orientation they need. */
static void
start_chapter (Builder *b, const char *title, gboolean landscape)
{
  g_autofree char *numbered = NULL;

  new_page (b, landscape);
  b->section_no++;
  numbered = g_strdup_printf ("%u  %s", b->section_no, title);
  place_heading (b, 1, numbered, 0);
}

/* Tables */

typedef enum {
  COL_FLEX,       /* wraps, takes the width left */
  COL_FIT,        /* as wide as its widest cell, left aligned */
  COL_MONEY,      /* as wide as its widest cell, right aligned */
} ColMode;

enum {
  ROW_TOTAL = 1 << 0,    /* bold, a rule above */
  ROW_SUBHEAD = 1 << 1,  /* the first cell spans the row, bold */
};

typedef struct {
  char    **cells;   /* [n_cols] */
  guint     flags;
  guint32  *bg;      /* [n_cols], 0 none; or NULL */
} RRow;

typedef struct {
  guint      n_cols;
  char     **headers;
  ColMode   *modes;
  GPtrArray *rows;   /* RRow* */
  char      *caption;
  gboolean   full_width;  /* stretch to the text width */
  gboolean   uniform;     /* money columns of one width */
  int        bold_column; /* a Total column, or -1 */
  double    *weight;      /* [n_cols] share of spare width, 1 by default */
} RTable;

static void
rrow_free (RRow *row)
{
  g_strfreev (row->cells);
  g_free (row->bg);
  g_free (row);
}

static RTable *
rtable_new (guint n_cols, const char *caption)
{
  RTable *t = g_new0 (RTable, 1);

  t->n_cols = n_cols;
  t->headers = g_new0 (char *, n_cols + 1);
  t->modes = g_new0 (ColMode, n_cols);
  t->weight = g_new (double, n_cols);
  for (guint c = 0; c < n_cols; c++)
    t->weight[c] = 1;
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) rrow_free);
  t->caption = g_strdup (caption);
  t->full_width = TRUE;
  t->bold_column = -1;
  return t;
}

static void
rtable_free (RTable *t)
{
  g_strfreev (t->headers);
  g_free (t->modes);
  g_free (t->weight);
  g_ptr_array_unref (t->rows);
  g_free (t->caption);
  g_free (t);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RTable, rtable_free)

static void
rtable_column (RTable *t, guint col, const char *header, ColMode mode)
{
  g_free (t->headers[col]);
  t->headers[col] = g_strdup (header);
  t->modes[col] = mode;
}

static RRow *
rtable_add_row (RTable *t, guint flags)
{
  RRow *row = g_new0 (RRow, 1);

  row->cells = g_new0 (char *, t->n_cols + 1);
  for (guint c = 0; c < t->n_cols; c++)
    row->cells[c] = g_strdup ("");
  row->flags = flags;
  g_ptr_array_add (t->rows, row);
  return row;
}

static void
rrow_set (RRow *row, guint col, const char *text)
{
  g_free (row->cells[col]);
  row->cells[col] = g_strdup (text ? text : "");
}

static void
rrow_take (RRow *row, guint col, char *text)
{
  g_free (row->cells[col]);
  row->cells[col] = text ? text : g_strdup ("");
}

static void
rrow_set_bg (RRow *row, guint n_cols, guint col, guint32 rgb)
{
  if (!row->bg)
    row->bg = g_new0 (guint32, n_cols);
  row->bg[col] = rgb | 0x1000000;
}

static RTable *
rtable_from_table (const ConsortTable *table, const char *caption)
{
  RTable *t = rtable_new (table->n_columns, caption);

  for (guint c = 0; c < table->n_columns; c++)
    rtable_column (t, c, table->column_titles[c],
                   table->numeric[c] ? COL_MONEY : c == 0 ? COL_FLEX : COL_FIT);
  for (guint r = 0; r < table->n_rows; r++)
    {
      RRow *row = rtable_add_row (t, table->has_total_row && r == table->n_rows - 1 ? ROW_TOTAL : 0);
      for (guint c = 0; c < table->n_columns; c++)
        rrow_set (row, c, consort_table_get_cell (table, r, c));
    }
  t->uniform = TRUE;
  if (table->has_total_column)
    t->bold_column = table->n_columns - 1;
  return t;
}

typedef struct {
  double *width;     /* [n_cols] chosen widths, cell padding included */
  double  min_total; /* the narrowest the table can be */
} Widths;

/* Chooses column widths for @avail points: fitted columns take their
 * widest cell (headings may wrap at words), flexible columns share what
 * is left in proportion to their natural widths, never narrower than
 * their longest word (up to a cap).  Returns FALSE if even the minimum
 * does not fit. */
static gboolean
compute_widths (ConsortReport *self,
                RTable        *t,
                const guint   *cols,
                guint          n,
                double         avail,
                double        *width)
{
  g_autofree double *nat = g_new0 (double, n);
  g_autofree double *min = g_new0 (double, n);
  double fixed = 0, flex_nat = 0, flex_min = 0, rest;

  for (guint i = 0; i < n; i++)
    {
      guint c = cols[i];
      double body = 0, word = 0, head_nat, head_word;

      for (guint r = 0; r < t->rows->len; r++)
        {
          RRow *row = g_ptr_array_index (t->rows, r);
          Style st = (row->flags & ROW_TOTAL) || (int) c == t->bold_column ? ST_TABLE_BOLD : ST_TABLE;

          if ((row->flags & ROW_SUBHEAD) && c == cols[0])
            continue;
          body = MAX (body, natural_width (self, st, row->cells[c]));
          if (t->modes[c] == COL_FLEX)
            word = MAX (word, longest_word (self, st, row->cells[c]));
        }
      head_nat = natural_width (self, ST_TABLE_BOLD, t->headers[c]);
      head_word = longest_word (self, ST_TABLE_BOLD, t->headers[c]);
      if (t->modes[c] == COL_FLEX)
        {
          nat[i] = MAX (body, head_nat) + 2 * CELL_PAD_X;
          min[i] = MIN (MAX (MAX (word, head_word), 48), 110) + 2 * CELL_PAD_X;
          min[i] = MIN (min[i], nat[i]);
          flex_nat += nat[i];
          flex_min += min[i];
        }
      else
        {
          nat[i] = MAX (body, head_nat) + 2 * CELL_PAD_X;
          min[i] = MAX (body, head_word) + 2 * CELL_PAD_X;
          fixed += min[i];
        }
    }

  if (fixed + flex_min > avail + 0.01)
    {
      for (guint i = 0; i < n; i++)
        width[i] = min[i];
      return FALSE;
    }

  /* Let fitted headings stay on one line where the flexible columns
   * keep their natural widths all the same. */
  {
    double extra_fit = 0;
    for (guint i = 0; i < n; i++)
      if (t->modes[cols[i]] != COL_FLEX)
        extra_fit += nat[i] - min[i];
    if (fixed + extra_fit + flex_nat <= avail)
      {
        for (guint i = 0; i < n; i++)
          if (t->modes[cols[i]] != COL_FLEX)
            min[i] = nat[i];
        fixed += extra_fit;
      }
  }

  rest = avail - fixed;
  for (guint i = 0; i < n; i++)
    width[i] = min[i];
  if (flex_nat <= rest)
    {
      for (guint i = 0; i < n; i++)
        if (t->modes[cols[i]] == COL_FLEX)
          width[i] = nat[i];
    }
  else
    {
      /* Water-filling: what is above the minimums goes to the columns
       * that want more, weighted by the square root of their natural
       * width (long texts get more, short ones are not starved); a
       * column that reaches its natural width stops there. */
      g_autofree gboolean *done = g_new0 (gboolean, n);
      double left = rest - flex_min;
      gboolean again = TRUE;

      for (guint i = 0; i < n; i++)
        done[i] = t->modes[cols[i]] != COL_FLEX || nat[i] <= min[i];
      while (again && left > 0.01)
        {
          double weights = 0;
          again = FALSE;
          for (guint i = 0; i < n; i++)
            if (!done[i])
              weights += t->weight[cols[i]] * sqrt (nat[i]);
          if (weights <= 0)
            break;
          for (guint i = 0; i < n; i++)
            if (!done[i] && width[i] + left * t->weight[cols[i]] * sqrt (nat[i]) / weights >= nat[i])
              {
                left -= nat[i] - width[i];
                width[i] = nat[i];
                done[i] = TRUE;
                again = TRUE;
                break;
              }
          if (!again)
            for (guint i = 0; i < n; i++)
              if (!done[i])
                width[i] += left * t->weight[cols[i]] * sqrt (nat[i]) / weights;
        }
    }

  if (t->uniform)
    {
      /* Figures columns of one width, as in the council papers. */
      double widest = 0, used = 0;
      guint n_money = 0;
      for (guint i = 0; i < n; i++)
        if (t->modes[cols[i]] == COL_MONEY)
          {
            widest = MAX (widest, width[i]);
            n_money++;
          }
      for (guint i = 0; i < n; i++)
        used += t->modes[cols[i]] == COL_MONEY ? widest : width[i];
      if (n_money > 0 && used <= avail)
        for (guint i = 0; i < n; i++)
          if (t->modes[cols[i]] == COL_MONEY)
            width[i] = widest;
    }
  if (t->full_width)
    {
      double used = 0, flex_used = 0;
      guint n_money = 0;
      for (guint i = 0; i < n; i++)
        {
          used += width[i];
          if (t->modes[cols[i]] == COL_FLEX)
            flex_used += width[i];
          if (t->modes[cols[i]] == COL_MONEY)
            n_money++;
        }
      if (used < avail)
        {
          double extra = avail - used;
          if (t->uniform && n_money > 0)
            {
              /* The names column gets room first (up to 28% of the
               * width), so tables of a chapter look alike. */
              for (guint i = 0; i < n && extra > 0; i++)
                if (t->modes[cols[i]] == COL_FLEX && width[i] < 0.28 * avail)
                  {
                    double add = MIN (extra, 0.28 * avail - width[i]);
                    width[i] += add;
                    extra -= add;
                  }
              for (guint i = 0; i < n; i++)
                if (t->modes[cols[i]] == COL_MONEY)
                  width[i] += extra / n_money;
            }
          else if (flex_used > 0)
            {
              for (guint i = 0; i < n; i++)
                if (t->modes[cols[i]] == COL_FLEX)
                  width[i] += extra * width[i] / flex_used;
            }
          else
            {
              for (guint i = 0; i < n; i++)
                width[i] += extra * width[i] / used;
            }
        }
    }
  return TRUE;
}

/* The narrowest @t can be set (all columns), for choosing orientation. */
static double
table_min_width (ConsortReport *self, RTable *t)
{
  g_autofree guint *cols = g_new (guint, t->n_cols);
  g_autofree double *w = g_new0 (double, t->n_cols);
  double total = 0;

  for (guint c = 0; c < t->n_cols; c++)
    cols[c] = c;
  /* With no room at all, the widths given back are the minimums. */
  compute_widths (self, t, cols, t->n_cols, 0, w);
  for (guint c = 0; c < t->n_cols; c++)
    total += w[c];
  return total;
}

typedef struct {
  PangoLayout **cells;  /* [n] */
  double        height;
} LaidRow;

static void
lay_row (ConsortReport *self,
         RTable        *t,
         RRow          *row,     /* NULL: the heading row */
         const guint   *cols,
         const double  *width,
         guint          n,
         double         total_width,
         LaidRow       *out)
{
  out->cells = g_new0 (PangoLayout *, n);
  out->height = 0;

  if (row && (row->flags & ROW_SUBHEAD))
    {
      out->cells[0] = new_layout (self, ST_TABLE_BOLD, row->cells[cols[0]],
                                  total_width - 2 * CELL_PAD_X, PANGO_ALIGN_LEFT);
      out->height = layout_height (out->cells[0]) + 2 * CELL_PAD_Y;
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      guint c = cols[i];
      Style st = !row || (row->flags & ROW_TOTAL) || (int) c == t->bold_column ? ST_TABLE_BOLD : ST_TABLE;
      PangoAlignment align = t->modes[c] == COL_MONEY ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;

      out->cells[i] = new_layout (self, st, row ? row->cells[c] : t->headers[c],
                                  width[i] - 2 * CELL_PAD_X, align);
      out->height = MAX (out->height, layout_height (out->cells[i]));
    }
  out->height += 2 * CELL_PAD_Y;
}

static void
laid_row_clear (LaidRow *row, guint n)
{
  for (guint i = 0; i < n; i++)
    if (row->cells[i])
      g_object_unref (row->cells[i]);
  g_free (row->cells);
}

static void
draw_row (Builder      *b,
          RTable       *t,
          RRow         *row,
          LaidRow      *laid,
          const guint  *cols,
          const double *width,
          guint         n,
          double        total_width,
          gboolean      heading)
{
  double x = b->left;
  double y = b->y;

  if (heading)
    add_rect (b, b->left, y, total_width, laid->height, C_HEAD_BG);
  else if (row->flags & ROW_TOTAL)
    add_rect (b, b->left, y, total_width, laid->height, C_TOTAL_BG);
  else if (row->flags & ROW_SUBHEAD)
    add_rect (b, b->left, y, total_width, laid->height, C_TOTAL_BG);

  if (row && (row->flags & ROW_SUBHEAD))
    {
      add_text (b, g_object_ref (laid->cells[0]), x + CELL_PAD_X, y + CELL_PAD_Y,
                total_width - 2 * CELL_PAD_X, C_TEXT);
    }
  else
    {
      for (guint i = 0; i < n; i++)
        {
          if (row && row->bg && row->bg[cols[i]])
            add_rect (b, x, y, width[i], laid->height, row->bg[cols[i]] & 0xffffff);
          add_text (b, g_object_ref (laid->cells[i]), x + CELL_PAD_X, y + CELL_PAD_Y,
                    width[i] - 2 * CELL_PAD_X, heading ? C_HEADING : C_TEXT);
          x += width[i];
        }
    }

  if (row && (row->flags & ROW_TOTAL))
    add_hline (b, b->left, b->left + total_width, y, 0.8, C_RULE);
  b->y += laid->height;
  if (heading)
    add_hline (b, b->left, b->left + total_width, b->y, 0.8, C_RULE);
  else
    add_hline (b, b->left, b->left + total_width, b->y, 0.3, C_HAIRLINE);
}

static void
place_caption (Builder *b, const char *caption, gboolean continued)
{
  g_autofree char *text = continued ? g_strdup_printf (_("%s (continued)"), caption)
                                    : g_strdup (caption);
  PangoLayout *layout = new_layout (b->report, ST_CAPTION, text, width_of (b), PANGO_ALIGN_LEFT);
  double h = layout_height (layout);

  add_text (b, layout, b->left, b->y, width_of (b), styles[ST_CAPTION].color);
  b->y += h + 4;
}

static double
caption_height (Builder *b, const char *caption)
{
  g_autoptr(PangoLayout) layout = new_layout (b->report, ST_CAPTION, caption, width_of (b),
                                              PANGO_ALIGN_LEFT);
  return layout_height (layout) + 4;
}

static void
place_table_part (Builder *b, RTable *t, const guint *cols, guint n, const char *caption)
{
  ConsortReport *self = b->report;
  g_autofree double *width = g_new0 (double, n);
  double total_width = 0;
  LaidRow head;
  gboolean started = FALSE;

  compute_widths (self, t, cols, n, width_of (b), width);
  for (guint i = 0; i < n; i++)
    total_width += width[i];
  lay_row (self, t, NULL, cols, width, n, total_width, &head);

  for (guint r = 0; r < t->rows->len; r++)
    {
      RRow *row = g_ptr_array_index (t->rows, r);
      LaidRow laid;

      lay_row (self, t, row, cols, width, n, total_width, &laid);
      if (!started)
        {
          /* Caption, heading and the first rows stay together. */
          double first = laid.height;
          /* Two ordinary rows, or one tall one. */
          if (r + 1 < t->rows->len && laid.height < 60)
            first *= 2;
          ensure_space_keeping (b, caption_height (b, caption) + head.height + first);
          place_caption (b, caption, FALSE);
          draw_row (b, t, NULL, &head, cols, width, n, total_width, TRUE);
          started = TRUE;
        }
      else if (b->y + laid.height > b->bottom)
        {
          new_page (b, b->page->landscape);
          place_caption (b, caption, TRUE);
          draw_row (b, t, NULL, &head, cols, width, n, total_width, TRUE);
        }
      draw_row (b, t, row, &laid, cols, width, n, total_width, FALSE);
      laid_row_clear (&laid, n);
    }
  if (!started)
    {
      ensure_space (b, caption_height (b, caption) + head.height);
      place_caption (b, caption, FALSE);
      draw_row (b, t, NULL, &head, cols, width, n, total_width, TRUE);
    }
  laid_row_clear (&head, n);
  b->y += 14;
}

/* Places @t, numbered; a table too wide for the page is split into
 * column groups, each repeating the first column. */
static void
place_table (Builder *b, RTable *t)
{
  ConsortReport *self = b->report;
  g_autofree guint *cols = g_new (guint, t->n_cols);
  g_autofree double *width = g_new0 (double, t->n_cols);
  g_autofree char *caption = NULL;

  b->table_no++;
  caption = g_strdup_printf (_("Table %u: %s"), b->table_no, t->caption);
  for (guint c = 0; c < t->n_cols; c++)
    cols[c] = c;
  if (compute_widths (self, t, cols, t->n_cols, width_of (b), width) || t->n_cols < 3)
    {
      place_table_part (b, t, cols, t->n_cols, caption);
      return;
    }

  /* Column groups: column 0, then as many more as fit; the groups are
   * then evened out (20 years: 10 and 10 plus Total, not 15 and 6). */
  {
    guint next = 1, n_groups = 0, per_group, part = 0;
    g_autofree guint *group = g_new (guint, t->n_cols);

    while (next < t->n_cols)
      {
        guint n = 1;

        group[0] = 0;
        group[n++] = next++;
        while (next < t->n_cols)
          {
            group[n] = next;
            if (!compute_widths (self, t, group, n + 1, width_of (b), width))
              break;
            n++;
            next++;
          }
        n_groups++;
      }
    per_group = (t->n_cols - 1 + n_groups - 1) / n_groups;

    next = 1;
    while (next < t->n_cols)
      {
        guint n = 1;
        g_autofree char *part_caption = NULL;

        group[0] = 0;
        while (next < t->n_cols && n <= per_group)
          group[n++] = next++;
        part++;
        part_caption = g_strdup_printf (_("%s (part %u of %u)"), caption, part, n_groups);
        place_table_part (b, t, group, n, part_caption);
      }
  }
}

/* Charts */

static void
place_chart (Builder    *b,
             ConsortChart *chart,   /* taken */
             double      height)
{
  ConsortReport *self = b->report;
  g_autofree char *caption = NULL;
  const char *subtitle = consort_chart_get_subtitle (chart);
  PangoLayout *desc;
  double desc_h;
  Op *op;

  b->figure_no++;
  caption = g_strdup_printf (_("Figure %u: %s (%s)"), b->figure_no,
                             consort_chart_get_title (chart), subtitle ? subtitle : "");
  desc = new_layout (self, ST_SMALL, consort_chart_describe (chart), width_of (b), PANGO_ALIGN_LEFT);
  desc_h = layout_height (desc);
  height = MIN (height, b->bottom - b->top - caption_height (b, caption) - desc_h - 8);
  ensure_space_keeping (b, caption_height (b, caption) + height + desc_h + 8);
  place_caption (b, caption, FALSE);

  op = g_new0 (Op, 1);
  op->type = OP_CHART;
  op->chart = chart;
  op->x = b->left;
  op->y = b->y;
  op->w = width_of (b);
  op->h = height;
  add_op (b, op);
  b->y += height + 4;
  add_text (b, desc, b->left, b->y, width_of (b), styles[ST_SMALL].color);
  b->y += desc_h + 16;
}

/* Words */

static char *
money (ConsortMoney pence)
{
  return consort_money_format (pence, CONSORT_MONEY_FORMAT_DEFAULT);
}

static char *
fy (int year)
{
  return consort_fy_label (year, '/');
}

static char *
percent (ConsortMicros micros)
{
  g_autofree char *dec = consort_micros_to_decimal (micros * 100);
  return g_strdup_printf ("%s%%", dec);
}

static const char *
borough_name (const ConsortAppraisal *a, const char *id)
{
  ConsortBorough *b = consort_appraisal_find_borough (a, id);
  return b ? b->name : id;
}

static const char *
service_name (const ConsortAppraisal *a, const char *id)
{
  ConsortService *s = id ? consort_appraisal_find_service (a, id) : NULL;
  return s ? s->name : (id ? id : "");
}

static const char *
month_name (int month)
{
  static const char *const names[] = {
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
  };
  if (month < 1 || month > 12)
    return "";
  return _(names[month - 1]);
}

/* How a partnership item is shared among that year's participants. */
static char *
rule_in_words (const ConsortAppraisal *a, const ConsortAttribution *owner, gboolean for_cost)
{
  ConsortShareRule rule = owner->share;

  if (rule == CONSORT_SHARE_DEFAULT)
    rule = for_cost ? CONSORT_SHARE_SAVINGS : CONSORT_SHARE_BASELINE;
  switch (rule)
    {
    case CONSORT_SHARE_EQUAL:
      return g_strdup (_("in equal shares among the boroughs taking part that year"));
    case CONSORT_SHARE_BASELINE:
      return g_strdup (_("pro rata to each participating borough’s baseline budget for the service"));
    case CONSORT_SHARE_POPULATION:
      return g_strdup (_("pro rata to each participating borough’s population"));
    case CONSORT_SHARE_SAVINGS:
      return g_strdup (_("in proportion to each participating borough’s total gross savings in the option over the whole horizon"));
    case CONSORT_SHARE_CUSTOM:
      {
        GString *s = g_string_new (_("in custom shares"));
        ConsortMicros sum = 0;

        for (guint i = 0; owner->custom_shares && i < owner->custom_shares->len; i++)
          sum += g_array_index (owner->custom_shares, ConsortShareWeight, i).weight;
        for (guint i = 0; owner->custom_shares && i < owner->custom_shares->len; i++)
          {
            ConsortShareWeight *w = &g_array_index (owner->custom_shares, ConsortShareWeight, i);
            g_autofree char *pc = percent (sum > 0 ? w->weight * CONSORT_MICROS_ONE / sum : 0);
            g_string_append_printf (s, "%s%s %s", i == 0 ? ": " : ", ",
                                    borough_name (a, w->borough_id), pc);
          }
        g_string_append (s, _(" (of the boroughs taking part that year)"));
        return g_string_free (s, FALSE);
      }
    case CONSORT_SHARE_DEFAULT:
    default:
      return g_strdup (consort_share_rule_describe (rule, for_cost));
    }
}

static char *
owner_in_words (const ConsortAppraisal *a, const ConsortAttribution *owner, gboolean for_cost)
{
  g_autofree char *rule = NULL;

  if (owner->borough_id)
    return g_strdup (borough_name (a, owner->borough_id));
  rule = rule_in_words (a, owner, for_cost);
  return g_strdup_printf (_("Partnership, shared %s"), rule);
}

static char *
amounts_in_words (const GArray *amounts)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; amounts && i < amounts->len; i++)
    {
      ConsortYearAmount *ya = &g_array_index (amounts, ConsortYearAmount, i);
      g_autofree char *y = fy (ya->year);
      g_autofree char *m = money (ya->amount);
      g_string_append_printf (s, "%s%s %s", i ? "; " : "", y, m);
    }
  if (s->len == 0)
    g_string_append (s, _("none"));
  return g_string_free (s, FALSE);
}

static char *
method_in_words (const ConsortAppraisal *a, const ConsortSavingsItem *item)
{
  switch (item->method)
    {
    case CONSORT_METHOD_AMOUNTS:
      {
        g_autofree char *list = amounts_in_words (item->amounts);
        return g_strdup_printf (_("Amounts: %s"), list);
      }
    case CONSORT_METHOD_RATE:
      if (item->has_rate)
        {
          g_autofree char *pc = percent (item->rate);
          return g_strdup_printf (_("Rate: %s of each participating borough’s baseline budget"), pc);
        }
      else
        {
          GString *s = g_string_new (NULL);
          guint n = 0;

          g_autofree char *model = g_utf8_strdown (consort_model_describe (item->model), -1);

          g_string_append_printf (s, _("Default rate for %s of each participating borough’s baseline budget"),
                                  model);
          for (guint i = 0; i < a->default_rates->len; i++)
            {
              ConsortDefaultRate *r = g_ptr_array_index (a->default_rates, i);
              g_autofree char *pc = NULL;

              if (g_strcmp0 (r->model, item->model) != 0)
                continue;
              pc = percent (r->rate);
              g_string_append_printf (s, n++ ? ", " : " (");
              /* Translators: a default rate, "3% from 2 boroughs" */
              g_string_append_printf (s, ngettext ("%s from %d borough", "%s from %d boroughs", r->min_partners),
                                      pc, r->min_partners);
            }
          if (n)
            g_string_append_c (s, ')');
          return g_string_free (s, FALSE);
        }
    case CONSORT_METHOD_POSTS:
      {
        GString *s = g_string_new (_("Posts:"));
        ConsortMoney total = 0;
        g_autofree char *t = NULL;

        for (guint i = 0; item->posts && i < item->posts->len; i++)
          {
            ConsortPost *p = g_ptr_array_index (item->posts, i);
            g_autofree char *fte = consort_micros_to_decimal (p->fte);
            g_autofree char *cost = money (p->cost);
            ConsortMoney line = 0;

            consort_money_muldiv (p->cost, p->fte, CONSORT_MICROS_ONE, &line);
            total += line;
            /* One post to a line: lists of posts run long. */
            g_string_append_printf (s, _("\n%s FTE %s at %s"), fte,
                                    p->title && *p->title ? p->title : _("(untitled post)"), cost);
          }
        t = money (total);
        g_string_append_printf (s, _("\nIn all %s a year"), t);
        return g_string_free (s, FALSE);
      }
    default:
      return g_strdup ("");
    }
}

static char *
start_in_words (const ConsortSavingsItem *item)
{
  g_autofree char *y = NULL;

  if (item->method == CONSORT_METHOD_AMOUNTS)
    return g_strdup (_("As listed"));
  y = fy (item->start_year);
  if (item->start_month == 0 || item->start_month == 4)
    return g_strdup_printf (_("%s, whole year"), y);
  {
    int months = item->start_month >= 4 ? 16 - item->start_month : 4 - item->start_month;
    int cal = item->start_month >= 4 ? item->start_year : item->start_year + 1;
    return g_strdup_printf (_("%s, from %s %d (part-year: %d/12)"), y,
                            month_name (item->start_month), cal, months);
  }
}

static char *
phasing_in_words (const ConsortSavingsItem *item)
{
  GString *s;

  if (item->method == CONSORT_METHOD_AMOUNTS)
    return g_strdup (_("Not phased"));
  if (!item->phasing || item->phasing->len == 0)
    return g_strdup (_("Full from the start"));
  s = g_string_new (NULL);
  for (guint i = 0; i < item->phasing->len; i++)
    {
      g_autofree char *pc = percent (g_array_index (item->phasing, ConsortMicros, i));
      g_string_append_printf (s, "%s%s", i ? ", " : "", pc);
    }
  g_string_append (s, _(" of a full year’s saving in successive years; the last holds"));
  return g_string_free (s, FALSE);
}

static char *
cost_in_words (const ConsortCostItem *item)
{
  switch (item->form)
    {
    case CONSORT_COST_FORM_AMOUNT:
      {
        g_autofree char *m = money (item->amount);
        g_autofree char *y = fy (item->year);
        return g_strdup_printf (_("%s in %s"), m, y);
      }
    case CONSORT_COST_FORM_POSTS:
      {
        g_autofree char *posts = consort_micros_to_decimal (item->posts);
        g_autofree char *unit = money (item->unit_cost);
        g_autofree char *y = fy (item->year);
        ConsortMoney total = 0;
        g_autofree char *t = NULL;

        consort_money_muldiv (item->unit_cost, item->posts, CONSORT_MICROS_ONE, &total);
        t = money (total);
        /* Translators: "5.5 posts at £41,300 = £227,150 in 2010/11"; a
         * whole number of posts picks the plural, a fraction the "2" form */
        return g_strdup_printf (ngettext ("%s post at %s = %s in %s", "%s posts at %s = %s in %s",
                                          item->posts % CONSORT_MICROS_ONE == 0
                                          ? (gulong) MIN (item->posts / CONSORT_MICROS_ONE, G_MAXLONG) : 2),
                                posts, unit, t, y);
      }
    case CONSORT_COST_FORM_AMOUNTS:
    default:
      return amounts_in_words (item->amounts);
    }
}

static const char *
level_word (ConsortLevel level, gboolean risk)
{
  switch (level)
    {
    case CONSORT_LEVEL_LOW: return _("Low");
    case CONSORT_LEVEL_SOME: return risk ? _("Medium") : _("Some");
    case CONSORT_LEVEL_HIGH: return _("High");
    case CONSORT_LEVEL_UNSET:
    default: return risk ? _("Not assessed") : _("Not rated");
    }
}

static guint32
level_colour (ConsortLevel level)
{
  switch (level)
    {
    case CONSORT_LEVEL_LOW: return C_LOW;
    case CONSORT_LEVEL_SOME: return C_SOME;
    case CONSORT_LEVEL_HIGH: return C_HIGH;
    case CONSORT_LEVEL_UNSET:
    default: return 0;
    }
}

static int
party_of (ConsortReport *self)
{
  return self->party;
}

/* Sections */

static void
build_title_page (Builder *b, guint n_contents, double *contents_y)
{
  ConsortReport *self = b->report;
  const ConsortAppraisal *a = self->results->appraisal;
  g_autofree char *first = fy (a->first_year);
  g_autofree char *last = fy (a->first_year + a->years - 1);
  g_autofree char *rate = percent (a->discount_rate);
  g_autofree char *horizon = NULL;
  g_autofree char *options = NULL;
  PangoLayout *layout;
  struct { const char *label; const char *value; } meta[5];
  guint n_meta = 0;
  double label_w = 0;

  new_page (b, FALSE);
  b->y = 150;
  add_hline (b, b->left, b->left + 60, b->y, 4, C_RULE);
  b->y += 18;
  layout = new_layout (self, ST_SUBTITLE, _("Option appraisal report"), width_of (b), PANGO_ALIGN_LEFT);
  {
    double h = layout_height (layout);
    add_text (b, layout, b->left, b->y, width_of (b), styles[ST_SUBTITLE].color);
    b->y += h + 10;
  }
  layout = new_layout (self, ST_TITLE, a->title, width_of (b), PANGO_ALIGN_LEFT);
  {
    double h = layout_height (layout);
    add_text (b, layout, b->left, b->y, width_of (b), styles[ST_TITLE].color);
    b->y += h + 36;
  }

  horizon = g_strdup_printf (ngettext ("%s to %s (%d financial year)", "%s to %s (%d financial years)",
                                       a->years), first, last, a->years);
  options = g_strdup_printf ("%u", a->options->len);
  meta[n_meta].label = _("Figures");
  meta[n_meta++].value = self->party_name;
  meta[n_meta].label = _("Prepared by");
  meta[n_meta++].value = self->prepared_by;
  meta[n_meta].label = _("Date");
  meta[n_meta++].value = self->date_text;
  meta[n_meta].label = _("Horizon");
  meta[n_meta++].value = horizon;
  meta[n_meta].label = _("Options");
  meta[n_meta++].value = options;

  for (guint i = 0; i < n_meta; i++)
    label_w = MAX (label_w, natural_width (self, ST_META_LABEL, meta[i].label));
  label_w += 14;
  for (guint i = 0; i < n_meta; i++)
    {
      PangoLayout *value = new_layout (self, ST_BODY, meta[i].value, width_of (b) - label_w,
                                       PANGO_ALIGN_LEFT);
      double h = MAX (layout_height (value), 0);

      layout = new_layout (self, ST_META_LABEL, meta[i].label, label_w - 14, PANGO_ALIGN_LEFT);
      h = MAX (h, layout_height (layout));
      add_text (b, layout, b->left, b->y, label_w - 14, styles[ST_META_LABEL].color);
      add_text (b, value, b->left + label_w, b->y + 0.5, width_of (b) - label_w, C_TEXT);
      b->y += h + 7;
    }
  (void) rate;

  /* The contents are filled in once every page is known. */
  b->y += 30;
  layout = new_layout (self, ST_H2, _("Contents"), width_of (b), PANGO_ALIGN_LEFT);
  {
    double h = layout_height (layout);
    add_text (b, layout, b->left, b->y, width_of (b), styles[ST_H2].color);
    b->y += h + 6;
  }
  *contents_y = b->y;
  b->y += n_contents * 17;
}

static void
build_contents (ConsortReport *self, double y)
{
  Builder b = { .report = self };
  Page *first = g_ptr_array_index (self->pages, 0);
  double num_w;

  b.page = first;
  b.left = MARGIN_X;
  b.right = A4_SHORT - MARGIN_X;
  b.y = y;
  num_w = natural_width (self, ST_BODY, "000") + 4;
  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *s = &g_array_index (self->sections, Section, i);
      g_autofree char *num = NULL;
      PangoLayout *layout;
      double w;

      if (s->level != 1)
        continue;
      w = b.right - b.left - num_w;
      layout = new_layout (self, ST_BODY, s->title, w, PANGO_ALIGN_LEFT);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
      add_text (&b, layout, b.left, b.y, w, C_TEXT);
      /* In the PDF the entry takes the reader to its chapter. */
      ((Op *) g_ptr_array_index (first->ops, first->ops->len - 1))->link =
        g_strdup_printf ("page=%u pos=[%.1f %.1f]", s->page + 1, MARGIN_X, s->y);
      num = g_strdup_printf ("%u", s->page + 1);
      layout = new_layout (self, ST_BODY, num, num_w, PANGO_ALIGN_RIGHT);
      add_text (&b, layout, b.right - num_w, b.y, num_w, C_TEXT);
      add_hline (&b, b.left, b.right, b.y + 14.5, 0.3, C_HAIRLINE);
      b.y += 17;
    }
}

static guint
count_chapters (ConsortReport *self)
{
  const ConsortAppraisal *a = self->results->appraisal;
  gboolean any_feasibility = FALSE, any_risks = FALSE;

  for (guint o = 0; o < a->options->len; o++)
    {
      ConsortOption *opt = g_ptr_array_index (a->options, o);
      any_feasibility |= opt->feasibility->len > 0;
      any_risks |= opt->risks->len > 0;
    }
  /* Summary, by year, charts, options, shares, [feasibility], [risks], assumptions. */
  if (a->options->len == 0)
    return 2;  /* Summary and assumptions. */
  return 6 + (any_feasibility ? 1 : 0) + (any_risks ? 1 : 0);
}

static void
build_summary (Builder *b)
{
  ConsortReport *self = b->report;
  const ConsortResults *results = self->results;
  const ConsortAppraisal *a = results->appraisal;
  g_autofree char *first = fy (a->first_year);
  g_autofree char *last = fy (a->first_year + a->years - 1);
  g_autofree char *rate = percent (a->discount_rate);
  g_autofree char *intro = NULL;
  g_autoptr(ConsortTable) table = NULL;
  g_autoptr(RTable) t = NULL;
  int best = -1;

  start_chapter (b, _("Summary of options"), FALSE);
  intro = g_strdup_printf (ngettext ("This report appraises %u option for %s over the financial years %s to %s. "
                                     "Figures are %s. Money is in pounds; figures in brackets are negative "
                                     "(net costs). Net present values are at a discount rate of %s a year, "
                                     "the first year undiscounted.",
                                     "This report appraises %u options for %s over the financial years %s to %s. "
                                     "Figures are %s. Money is in pounds; figures in brackets are negative "
                                     "(net costs). Net present values are at a discount rate of %s a year, "
                                     "the first year undiscounted.", a->options->len),
                           a->options->len, a->title, first, last,
                           self->party < 0 ? _("for the whole partnership") : self->party_name,
                           rate);
  place_paragraph (b, ST_BODY, intro, 8);
  if (results->n_options == 0)
    place_paragraph (b, ST_BODY, _("The appraisal has no options yet: add options to compare them."), 10);

  for (int o = 0; o < results->n_options; o++)
    {
      const ConsortFigures *f = consort_option_result_figures (&results->options[o], party_of (self));
      const ConsortFigures *bf = best >= 0 ? consort_option_result_figures (&results->options[best], party_of (self)) : NULL;
      if (!bf || f->total_net > bf->total_net)
        best = o;
    }
  if (best >= 0)
    {
      const ConsortOptionResult *r = &results->options[best];
      const ConsortFigures *f = consort_option_result_figures (r, party_of (self));
      g_autofree char *net = money (f->total_net);
      g_autofree char *npv = money (f->npv);
      g_autofree char *text = NULL;

      if (f->breakeven != CONSORT_NO_YEAR)
        {
          g_autofree char *be = fy (f->breakeven);
          text = g_strdup_printf (_("Over the horizon, %s gives the largest net savings: %s (net present value %s), breaking even in %s."),
                                  r->option->name, net, npv, be);
        }
      else
        text = g_strdup_printf (_("Over the horizon, %s gives the largest net savings: %s (net present value %s)."),
                                r->option->name, net, npv);
      place_paragraph (b, ST_BODY, text, 10);
    }

  if (results->n_options > 0)
    {
      table = consort_table_new (results, CONSORT_TABLE_SUMMARY, -1, party_of (self), NULL);
      {
        g_autofree char *caption = g_strdup_printf ("%s (%s)", table->title, table->subtitle);
        t = rtable_from_table (table, caption);
      }
      place_table (b, t);
      place_paragraph (b, ST_SMALL,
                       _("Kind is the option’s kind in the last year of the horizon: single borough, "
                         "two-borough or an alliance of three or more. Break-even is the first year in which "
                         "the cumulative net savings are at least nil after having been negative."), 12);
    }

  if (a->description && *a->description)
    {
      place_heading (b, 2, _("Background"), 40);
      place_paragraphs (b, ST_BODY, a->description, 6);
    }
}

static RTable *
figures_table (ConsortReport *self, ConsortTableKind kind, int option_index)
{
  g_autoptr(ConsortTable) table = consort_table_new (self->results, kind, option_index,
                                                     party_of (self), NULL);
  g_autofree char *caption = NULL;

  if (!table)
    return NULL;
  caption = g_strdup_printf ("%s (%s)", table->title, table->subtitle);
  return rtable_from_table (table, caption);
}

static gboolean
needs_landscape (ConsortReport *self, RTable **tables, guint n)
{
  for (guint i = 0; i < n; i++)
    if (tables[i] && table_min_width (self, tables[i]) > A4_SHORT - 2 * MARGIN_X)
      return TRUE;
  return FALSE;
}

static void
build_by_year (Builder *b)
{
  ConsortReport *self = b->report;
  RTable *tables[4];
  static const ConsortTableKind kinds[4] = {
    CONSORT_TABLE_GROSS, CONSORT_TABLE_COSTS, CONSORT_TABLE_NET, CONSORT_TABLE_CUMULATIVE
  };

  for (guint i = 0; i < 4; i++)
    tables[i] = figures_table (self, kinds[i], -1);
  start_chapter (b, _("Savings, costs and net savings by year"), needs_landscape (self, tables, 4));
  place_paragraph (b, ST_BODY,
                   _("The tables set out each option’s gross savings, one-off costs and net savings "
                     "(gross savings less costs) in each financial year, with the total over the horizon, "
                     "as in the council papers; the last table gives the running total of net savings."), 10);
  for (guint i = 0; i < 4; i++)
    {
      place_table (b, tables[i]);
      rtable_free (tables[i]);
    }
}

static void
build_charts (Builder *b)
{
  ConsortReport *self = b->report;
  double h;

  ConsortChart *net, *cumulative;
  double furniture = 0;

  start_chapter (b, _("Charts"), FALSE);
  net = consort_chart_new (self->results, CONSORT_CHART_NET_BY_YEAR, 0, party_of (self));
  cumulative = consort_chart_new (self->results, CONSORT_CHART_CUMULATIVE, 0, party_of (self));
  /* Two charts to a page while each keeps a readable height; with many
   * options (long legends and descriptions) one to a page. */
  {
    ConsortChart *charts[2] = { net, cumulative };
    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(PangoLayout) desc = new_layout (self, ST_SMALL, consort_chart_describe (charts[i]),
                                                  width_of (b), PANGO_ALIGN_LEFT);
        furniture += layout_height (desc) + 20 + caption_height (b, consort_chart_get_title (charts[i]));
      }
  }
  h = (b->bottom - b->y - furniture) / 2;
  if (h < 230 || self->results->n_options > 8)
    h = 400;
  place_chart (b, net, h);
  place_chart (b, cumulative, h);
}

static char *
participants_in_words (const ConsortAppraisal *a, const ConsortOption *opt)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < opt->participants->len; i++)
    {
      ConsortParticipant *p = g_ptr_array_index (opt->participants, i);
      g_autofree char *y = fy (p->from_year);
      g_string_append_printf (s, "%s%s (%s %s)", i ? "; " : "", borough_name (a, p->borough_id),
                              a->first_year >= p->from_year ? _("from") : _("joining in"), y);
    }
  if (s->len == 0)
    g_string_append (s, _("none"));
  return g_string_free (s, FALSE);
}

static void
build_options (Builder *b)
{
  ConsortReport *self = b->report;
  const ConsortResults *results = self->results;
  const ConsortAppraisal *a = results->appraisal;
  GPtrArray *tables = g_ptr_array_new ();
  gboolean landscape;

  for (int o = 0; o < results->n_options; o++)
    g_ptr_array_add (tables, figures_table (self, CONSORT_TABLE_SERVICES, o));
  landscape = needs_landscape (self, (RTable **) tables->pdata, tables->len);
  start_chapter (b, _("Options in detail"), landscape);
  place_paragraph (b, ST_BODY,
                   _("For each option: who takes part, and its gross savings by service in each year."), 6);

  for (int o = 0; o < results->n_options; o++)
    {
      const ConsortOptionResult *r = &results->options[o];
      const ConsortOption *opt = r->option;
      g_autofree char *who = participants_in_words (a, opt);
      g_autofree char *text = NULL;
      RTable *t = g_ptr_array_index (tables, o);

      if (o > 0)
        new_page (b, landscape);
      place_heading (b, 2, opt->name, 120);
      if (opt->description && *opt->description)
        place_paragraphs (b, ST_BODY, opt->description, 6);
      text = g_strdup_printf (_("Participants: %s. Kind in the last year: %s."), who,
                              consort_kind_describe (r->kind));
      place_paragraph (b, ST_BODY, text, 10);
      place_chart (b, consort_chart_new (self->results, CONSORT_CHART_SERVICE_STACK, o, party_of (self)),
                   landscape ? 250 : 270);
      if (t)
        {
          if (t->rows->len <= 1)
            place_paragraph (b, ST_BODY, _("The option has no gross savings for these figures."), 10);
          else
            place_table (b, t);
        }
    }
  for (guint i = 0; i < tables->len; i++)
    if (tables->pdata[i])
      rtable_free (tables->pdata[i]);
  g_ptr_array_unref (tables);
}

static void
collect_rules (const ConsortAppraisal *a, const ConsortOption *opt, GString *out)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_borough_items = 0;

  for (int pass = 0; pass < 2; pass++)
    {
      gboolean cost = pass == 1;
      GPtrArray *items = cost ? opt->costs : opt->savings;
      g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GArray) counts = g_array_new (FALSE, TRUE, sizeof (guint));

      for (guint i = 0; i < items->len; i++)
        {
          const ConsortAttribution *owner = cost
            ? &((ConsortCostItem *) g_ptr_array_index (items, i))->owner
            : &((ConsortSavingsItem *) g_ptr_array_index (items, i))->owner;
          g_autofree char *rule = NULL;
          guint k;

          if (owner->borough_id)
            {
              n_borough_items++;
              continue;
            }
          rule = rule_in_words (a, owner, cost);
          for (k = 0; k < rules->len; k++)
            if (g_str_equal (rules->pdata[k], rule))
              break;
          if (k == rules->len)
            {
              guint zero = 0;
              g_ptr_array_add (rules, g_steal_pointer (&rule));
              g_array_append_val (counts, zero);
            }
          g_array_index (counts, guint, k)++;
        }
      for (guint k = 0; k < rules->len; k++)
        {
          guint n = g_array_index (counts, guint, k);
          const char *rule = rules->pdata[k];

          /* Translators: the last %s is a rule, e.g. "pro rata to the baselines" */
          if (cost)
            g_string_append_printf (out, ngettext ("%u partnership cost item is shared %s. ",
                                                   "%u partnership cost items are shared %s. ", n), n, rule);
          else
            g_string_append_printf (out, ngettext ("%u partnership savings item is shared %s. ",
                                                   "%u partnership savings items are shared %s. ", n), n, rule);
        }
    }
  if (n_borough_items > 0)
    {
      g_string_append_printf (out, ngettext ("%u item belongs to one borough alone and is not shared. ",
                                             "%u items belong to one borough alone and are not shared. ",
                                             n_borough_items),
                              n_borough_items);
    }
  if (out->len == 0)
    g_string_append (out, _("The option has no savings or cost items. "));
}

static void
build_shares (Builder *b)
{
  ConsortReport *self = b->report;
  const ConsortResults *results = self->results;
  const ConsortAppraisal *a = results->appraisal;

  start_chapter (b, _("Each borough’s share"), FALSE);
  place_paragraph (b, ST_BODY,
                   _("Savings and costs attributed to the partnership are apportioned each year among the "
                     "boroughs taking part that year, by the rule given for each item. Shares are worked out "
                     "in pence by the largest-remainder method, so that they add up to the partnership’s "
                     "figure exactly."), 6);

  for (int o = 0; o < results->n_options; o++)
    {
      const ConsortOptionResult *r = &results->options[o];
      const ConsortOption *opt = r->option;
      g_autoptr(GString) rules = g_string_new (NULL);
      g_autoptr(RTable) t = NULL;
      g_autofree char *caption = NULL;
      g_autofree char *rate = percent (a->discount_rate);
      g_autofree char *npv_head = g_strdup_printf (_("NPV at %s"), rate);

      if (o > 0)
        new_page (b, FALSE);
      place_heading (b, 2, opt->name, 150);
      collect_rules (a, opt, rules);
      g_strchomp (rules->str);
      rules->len = strlen (rules->str);
      place_paragraph (b, ST_BODY, rules->str, 10);

      caption = g_strdup_printf (_("Each borough’s share: %s"), opt->name);
      t = rtable_new (6, caption);
      rtable_column (t, 0, _("Borough"), COL_FLEX);
      rtable_column (t, 1, _("Joins"), COL_FIT);
      rtable_column (t, 2, _("Gross savings"), COL_MONEY);
      rtable_column (t, 3, _("Costs"), COL_MONEY);
      rtable_column (t, 4, _("Net savings"), COL_MONEY);
      rtable_column (t, 5, npv_head, COL_MONEY);
      for (int i = 0; i < r->n_boroughs; i++)
        {
          const ConsortFigures *f = &r->boroughs[i];
          const ConsortBorough *borough = g_ptr_array_index (a->boroughs, i);
          RRow *row;
          int from = 0;

          if (!f->participates)
            continue;
          for (guint p = 0; p < opt->participants->len; p++)
            {
              ConsortParticipant *part = g_ptr_array_index (opt->participants, p);
              if (g_str_equal (part->borough_id, borough->id))
                from = part->from_year;
            }
          row = rtable_add_row (t, 0);
          rrow_set (row, 0, borough->name);
          rrow_take (row, 1, fy (from));
          rrow_take (row, 2, money (f->total_gross));
          rrow_take (row, 3, money (f->total_costs));
          rrow_take (row, 4, money (f->total_net));
          rrow_take (row, 5, money (f->npv));
        }
      {
        RRow *row = rtable_add_row (t, ROW_TOTAL);
        rrow_set (row, 0, _("Partnership"));
        rrow_take (row, 2, money (r->partnership.total_gross));
        rrow_take (row, 3, money (r->partnership.total_costs));
        rrow_take (row, 4, money (r->partnership.total_net));
        rrow_take (row, 5, money (r->partnership.npv));
      }
      place_table (b, t);
      place_chart (b, consort_chart_new (self->results, CONSORT_CHART_BOROUGH_SHARES, o, -1), 250);
    }
}

static void
build_feasibility (Builder *b)
{
  ConsortReport *self = b->report;
  const ConsortAppraisal *a = self->results->appraisal;

  start_chapter (b, _("Feasibility"), FALSE);
  place_paragraph (b, ST_BODY,
                   _("Each service is rated on four criteria for each option: low, some or high complexity. "
                     "Cells are shaded green for low, amber for some and red for high complexity; the "
                     "words carry the rating."), 10);

  for (guint o = 0; o < a->options->len; o++)
    {
      ConsortOption *opt = g_ptr_array_index (a->options, o);
      g_autoptr(RTable) t = NULL;
      g_autofree char *caption = NULL;
      gboolean notes = FALSE;

      if (opt->feasibility->len == 0)
        continue;
      for (guint i = 0; i < opt->feasibility->len; i++)
        {
          ConsortFeasibility *f = g_ptr_array_index (opt->feasibility, i);
          notes |= f->note && *f->note;
        }
      caption = g_strdup_printf (_("Feasibility: %s"), opt->name);
      t = rtable_new (notes ? 6 : 5, caption);
      rtable_column (t, 0, _("Service"), COL_FLEX);
      for (guint c = 0; c < CONSORT_N_CRITERIA; c++)
        rtable_column (t, 1 + c, consort_criterion_describe (c), COL_FIT);
      if (notes)
        rtable_column (t, 5, _("Note"), COL_FLEX);
      for (guint i = 0; i < opt->feasibility->len; i++)
        {
          ConsortFeasibility *f = g_ptr_array_index (opt->feasibility, i);
          RRow *row = rtable_add_row (t, 0);

          rrow_set (row, 0, service_name (a, f->service_id));
          for (guint c = 0; c < CONSORT_N_CRITERIA; c++)
            {
              guint32 col = level_colour (f->ratings[c]);
              rrow_set (row, 1 + c, level_word (f->ratings[c], FALSE));
              if (col)
                rrow_set_bg (row, t->n_cols, 1 + c, col);
            }
          if (notes)
            rrow_set (row, 5, f->note);
        }
      place_table (b, t);
    }
}

static void
build_risks (Builder *b)
{
  ConsortReport *self = b->report;
  const ConsortAppraisal *a = self->results->appraisal;

  start_chapter (b, _("Risk log"), FALSE);
  for (guint o = 0; o < a->options->len; o++)
    {
      ConsortOption *opt = g_ptr_array_index (a->options, o);
      g_autoptr(RTable) t = NULL;
      g_autofree char *caption = NULL;
      gboolean levels = FALSE;

      if (opt->risks->len == 0)
        continue;
      caption = g_strdup_printf (_("Risk log: %s"), opt->name);
      /* Likelihood and impact only where the log assesses them. */
      for (guint i = 0; i < opt->risks->len; i++)
        {
          ConsortRisk *risk = g_ptr_array_index (opt->risks, i);
          levels |= risk->likelihood != CONSORT_LEVEL_UNSET || risk->impact != CONSORT_LEVEL_UNSET;
        }
      t = rtable_new (levels ? 5 : 3, caption);
      rtable_column (t, 0, _("Class"), COL_FLEX);
      rtable_column (t, 1, _("Issue"), COL_FLEX);
      rtable_column (t, 2, _("Mitigation"), COL_FLEX);
      if (levels)
        {
          rtable_column (t, 3, _("Likelihood"), COL_FIT);
          rtable_column (t, 4, _("Impact"), COL_FIT);
        }
      for (guint i = 0; i < opt->risks->len; i++)
        {
          ConsortRisk *risk = g_ptr_array_index (opt->risks, i);
          RRow *row = rtable_add_row (t, 0);
          guint32 col;

          rrow_set (row, 0, risk->risk_class);
          rrow_set (row, 1, risk->issue);
          rrow_set (row, 2, risk->mitigation);
          if (!levels)
            continue;
          rrow_set (row, 3, level_word (risk->likelihood, TRUE));
          rrow_set (row, 4, level_word (risk->impact, TRUE));
          if ((col = level_colour (risk->likelihood)))
            rrow_set_bg (row, t->n_cols, 3, col);
          if ((col = level_colour (risk->impact)))
            rrow_set_bg (row, t->n_cols, 4, col);
        }
      place_table (b, t);
    }
}

static void
build_assumptions (Builder *b)
{
  ConsortReport *self = b->report;
  const ConsortAppraisal *a = self->results->appraisal;
  g_autoptr(RTable) general = NULL;
  g_autoptr(RTable) rates = NULL;
  g_autoptr(RTable) boroughs = NULL;
  g_autoptr(RTable) baselines = NULL;
  g_autofree char *first = fy (a->first_year);
  g_autofree char *last = fy (a->first_year + a->years - 1);
  RRow *row;

  start_chapter (b, _("Assumptions"), FALSE);
  place_paragraph (b, ST_BODY,
                   _("Every figure in this report is computed from the inputs below, so that each can be "
                     "traced. Money is held in whole pence and rounded half away from zero only where a "
                     "rate, a part-year or a phasing fraction applies; tables show whole pounds."), 10);

  general = rtable_new (2, _("Horizon and rates"));
  rtable_column (general, 0, _("Assumption"), COL_FIT);
  rtable_column (general, 1, _("Value"), COL_FLEX);
  row = rtable_add_row (general, 0);
  rrow_set (row, 0, _("Horizon"));
  rrow_take (row, 1, g_strdup_printf (ngettext ("%s to %s: %d financial year (April to March)",
                                                "%s to %s: %d financial years (April to March)", a->years),
                                      first, last, a->years));
  row = rtable_add_row (general, 0);
  rrow_set (row, 0, _("Discount rate"));
  {
    g_autofree char *pc = percent (a->discount_rate);
    rrow_take (row, 1, g_strdup_printf (_("%s a year; the first year is not discounted"), pc));
  }
  row = rtable_add_row (general, 0);
  rrow_set (row, 0, _("Currency"));
  rrow_set (row, 1, a->currency ? a->currency : "GBP");
  row = rtable_add_row (general, 0);
  rrow_set (row, 0, _("Figures shown"));
  rrow_set (row, 1, self->party_name);
  place_table (b, general);

  rates = rtable_new (3, _("Default savings rates"));
  rtable_column (rates, 0, _("Delivery model"), COL_FLEX);
  rtable_column (rates, 1, _("Boroughs taking part"), COL_FIT);
  rtable_column (rates, 2, _("Rate"), COL_MONEY);
  for (guint i = 0; i < a->default_rates->len; i++)
    {
      ConsortDefaultRate *r = g_ptr_array_index (a->default_rates, i);
      row = rtable_add_row (rates, 0);
      rrow_set (row, 0, consort_model_describe (r->model));
      rrow_take (row, 1, g_strdup_printf (_("%d or more"), r->min_partners));
      rrow_take (row, 2, percent (r->rate));
    }
  place_table (b, rates);

  boroughs = rtable_new (3, _("Boroughs"));
  rtable_column (boroughs, 0, _("Borough"), COL_FLEX);
  rtable_column (boroughs, 1, _("Identifier"), COL_FIT);
  rtable_column (boroughs, 2, _("Population"), COL_MONEY);
  for (guint i = 0; i < a->boroughs->len; i++)
    {
      ConsortBorough *bo = g_ptr_array_index (a->boroughs, i);
      row = rtable_add_row (boroughs, 0);
      rrow_set (row, 0, bo->name);
      rrow_set (row, 1, bo->id);
      {
        g_autofree char *pop = consort_money_format (bo->population * 100, CONSORT_MONEY_FORMAT_NO_SYMBOL);
        rrow_set (row, 2, pop);
      }
    }
  place_table (b, boroughs);

  {
    gboolean fte = FALSE;
    guint c;
    g_autoptr(GHashTable) traced = g_hash_table_new (g_str_hash, g_str_equal);

    /* Only the baselines a figure depends on: services with a rate item
     * or an item shared pro rata to baselines.  A London-wide appraisal
     * has thousands of baselines that no option uses. */
    for (guint o = 0; o < a->options->len; o++)
      {
        ConsortOption *opt = g_ptr_array_index (a->options, o);
        for (guint i = 0; i < opt->savings->len; i++)
          {
            ConsortSavingsItem *item = g_ptr_array_index (opt->savings, i);
            if (item->method == CONSORT_METHOD_RATE
                || (!item->owner.borough_id && (item->owner.share == CONSORT_SHARE_BASELINE
                                                || item->owner.share == CONSORT_SHARE_DEFAULT)))
              g_hash_table_add (traced, item->service_id);
          }
        for (guint i = 0; i < opt->costs->len; i++)
          {
            ConsortCostItem *item = g_ptr_array_index (opt->costs, i);
            if (item->service_id && !item->owner.borough_id && item->owner.share == CONSORT_SHARE_BASELINE)
              g_hash_table_add (traced, item->service_id);
          }
      }

    for (guint s = 0; s < a->services->len; s++)
      {
        ConsortService *service = g_ptr_array_index (a->services, s);
        for (guint i = 0; i < service->baselines->len; i++)
          fte |= ((ConsortBaseline *) g_ptr_array_index (service->baselines, i))->fte != 0;
      }
    baselines = rtable_new (fte ? 5 : 4, _("Baselines used (controllable budgets)"));
    rtable_column (baselines, 0, _("Service"), COL_FLEX);
    rtable_column (baselines, 1, _("Borough"), COL_FLEX);
    rtable_column (baselines, 2, _("Budget"), COL_MONEY);
    if (fte)
      rtable_column (baselines, 3, _("FTE"), COL_MONEY);
    rtable_column (baselines, fte ? 4 : 3, _("Outsourced"), COL_FIT);
    for (guint s = 0; s < a->services->len; s++)
      {
        ConsortService *service = g_ptr_array_index (a->services, s);
        if (!g_hash_table_contains (traced, service->id))
          continue;
        for (guint i = 0; i < service->baselines->len; i++)
          {
            ConsortBaseline *bl = g_ptr_array_index (service->baselines, i);
            if (bl->budget == 0 && bl->fte == 0)
              continue;
            row = rtable_add_row (baselines, 0);
            rrow_set (row, 0, service->name);
            rrow_set (row, 1, borough_name (a, bl->borough_id));
            rrow_take (row, 2, money (bl->budget));
            c = 3;
            if (fte)
              rrow_take (row, c++, consort_micros_to_decimal (bl->fte));
            rrow_set (row, c, bl->outsourced ? _("Yes") : _("No"));
          }
      }
  }
  if (baselines->rows->len > 0)
    place_table (b, baselines);

  for (guint o = 0; o < a->options->len; o++)
    {
      ConsortOption *opt = g_ptr_array_index (a->options, o);
      g_autofree char *who = participants_in_words (a, opt);
      g_autofree char *text = g_strdup_printf (_("Participants: %s."), who);

      place_heading (b, 2, opt->name, 160);
      place_paragraph (b, ST_BODY, text, 8);

      if (opt->savings->len > 0)
        {
          g_autofree char *caption = g_strdup_printf (_("Savings items: %s"), opt->name);
          g_autoptr(RTable) t = rtable_new (6, caption);

          rtable_column (t, 0, _("No."), COL_FIT);
          rtable_column (t, 1, _("Service"), COL_FLEX);
          rtable_column (t, 2, _("Method"), COL_FLEX);
          /* The method holds the figures: it gets most of the width. */
          t->weight[2] = 4;
          rtable_column (t, 3, _("Attributed to"), COL_FLEX);
          rtable_column (t, 4, _("Start"), COL_FLEX);
          rtable_column (t, 5, _("Phasing"), COL_FLEX);
          for (guint i = 0; i < opt->savings->len; i++)
            {
              ConsortSavingsItem *item = g_ptr_array_index (opt->savings, i);
              row = rtable_add_row (t, 0);
              rrow_take (row, 0, g_strdup_printf ("S%u", i + 1));
              if (item->label && *item->label)
                rrow_take (row, 1, g_strdup_printf ("%s: %s", service_name (a, item->service_id), item->label));
              else
                rrow_set (row, 1, service_name (a, item->service_id));
              rrow_take (row, 2, method_in_words (a, item));
              rrow_take (row, 3, owner_in_words (a, &item->owner, FALSE));
              rrow_take (row, 4, start_in_words (item));
              rrow_take (row, 5, phasing_in_words (item));
            }
          place_table (b, t);
        }
      else
        place_paragraph (b, ST_BODY, _("No savings items."), 8);

      if (opt->costs->len > 0)
        {
          g_autofree char *caption = g_strdup_printf (_("Cost items: %s"), opt->name);
          g_autoptr(RTable) t = rtable_new (5, caption);

          rtable_column (t, 0, _("No."), COL_FIT);
          rtable_column (t, 1, _("Kind"), COL_FLEX);
          rtable_column (t, 2, _("Service"), COL_FLEX);
          rtable_column (t, 3, _("Amount and year"), COL_FLEX);
          rtable_column (t, 4, _("Attributed to"), COL_FLEX);
          for (guint i = 0; i < opt->costs->len; i++)
            {
              ConsortCostItem *item = g_ptr_array_index (opt->costs, i);
              row = rtable_add_row (t, 0);
              rrow_take (row, 0, g_strdup_printf ("C%u", i + 1));
              if (item->label && *item->label)
                rrow_take (row, 1, g_strdup_printf ("%s: %s", consort_cost_kind_describe (item->kind), item->label));
              else
                rrow_set (row, 1, consort_cost_kind_describe (item->kind));
              rrow_set (row, 2, item->service_id ? service_name (a, item->service_id) : _("All services"));
              rrow_take (row, 3, cost_in_words (item));
              rrow_take (row, 4, owner_in_words (a, &item->owner, TRUE));
            }
          place_table (b, t);
        }
      else
        place_paragraph (b, ST_BODY, _("No one-off costs."), 8);
    }
}

/* Running header and footer, once the page count is known. */
static void
add_furniture (ConsortReport *self)
{
  const ConsortAppraisal *a = self->results->appraisal;
  guint n = self->pages->len;

  for (guint i = 0; i < n; i++)
    {
      Page *page = g_ptr_array_index (self->pages, i);
      Builder b = { .report = self, .page = page };
      double w = page->landscape ? A4_LONG : A4_SHORT;
      double h = page->landscape ? A4_SHORT : A4_LONG;
      double content = w - 2 * MARGIN_X;
      g_autofree char *page_text = g_strdup_printf (_("Page %u of %u"), i + 1, n);
      g_autofree char *left_text = NULL;
      PangoLayout *layout;
      double num_w, fh;

      if (i > 0)
        {
          /* Header: the title (shortened if it must be) and whose figures. */
          double view_w = MIN (natural_width (self, ST_FOOTER, self->party_name), content * 0.35);
          layout = new_layout (self, ST_FOOTER, self->party_name, view_w, PANGO_ALIGN_RIGHT);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
          add_text (&b, layout, w - MARGIN_X - view_w, HEADER_Y, view_w, C_MUTED);
          ((Op *) g_ptr_array_index (page->ops, page->ops->len - 1))->may_ellipsize = TRUE;
          layout = new_layout (self, ST_FOOTER, a->title, content - view_w - 16, PANGO_ALIGN_LEFT);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
          add_text (&b, layout, MARGIN_X, HEADER_Y, content - view_w - 16, C_MUTED);
          ((Op *) g_ptr_array_index (page->ops, page->ops->len - 1))->may_ellipsize = TRUE;
          add_hline (&b, MARGIN_X, w - MARGIN_X, HEADER_Y + 14, 0.4, C_HAIRLINE);
        }

      num_w = natural_width (self, ST_FOOTER, page_text) + 1;
      add_hline (&b, MARGIN_X, w - MARGIN_X, h - FOOTER_Y - 6, 0.4, C_HAIRLINE);
      layout = new_layout (self, ST_FOOTER, page_text, num_w, PANGO_ALIGN_RIGHT);
      fh = layout_height (layout);
      add_text (&b, layout, w - MARGIN_X - num_w, h - FOOTER_Y, num_w, C_MUTED);
      if (self->file_name)
        left_text = g_strdup_printf ("%s  ·  %s", self->file_name, self->date_text);
      else
        left_text = g_strdup (self->date_text);
      layout = new_layout (self, ST_FOOTER, left_text, content - num_w - 16, PANGO_ALIGN_LEFT);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_MIDDLE);
      add_text (&b, layout, MARGIN_X, h - FOOTER_Y, content - num_w - 16, C_MUTED);
      ((Op *) g_ptr_array_index (page->ops, page->ops->len - 1))->may_ellipsize = TRUE;
      (void) fh;
    }
}

static void
build (ConsortReport *self)
{
  const ConsortAppraisal *a = self->results->appraisal;
  Builder b = { .report = self };
  double contents_y = 0;
  gboolean any_feasibility = FALSE, any_risks = FALSE;

  for (guint o = 0; o < a->options->len; o++)
    {
      ConsortOption *opt = g_ptr_array_index (a->options, o);
      any_feasibility |= opt->feasibility->len > 0;
      any_risks |= opt->risks->len > 0;
    }

  build_title_page (&b, count_chapters (self), &contents_y);
  build_summary (&b);
  /* Without options there is nothing to tabulate or chart. */
  if (a->options->len > 0)
    {
      build_by_year (&b);
      build_charts (&b);
      build_options (&b);
      build_shares (&b);
    }
  if (any_feasibility)
    build_feasibility (&b);
  if (any_risks)
    build_risks (&b);
  build_assumptions (&b);
  build_contents (self, contents_y);
  add_furniture (self);
}

/* Public */

ConsortReport *
consort_report_new (ConsortResults             *results,
                    const ConsortReportOptions *options,
                    GError                    **error)
{
  ConsortReport *self;
  const ConsortAppraisal *a;
  int party = options ? options->party : CONSORT_REPORT_PERSPECTIVE;
  cairo_font_options_t *fo;

  g_return_val_if_fail (results != NULL, NULL);
  a = results->appraisal;

  if (party == CONSORT_REPORT_PERSPECTIVE)
    party = a->perspective ? consort_appraisal_borough_index (a, a->perspective) : -1;
  if (party < -1 || party >= (int) a->boroughs->len)
    {
      g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_INVALID,
                   _("the report’s borough (%d) is not one of the appraisal’s boroughs"), party);
      return NULL;
    }

  self = g_new0 (ConsortReport, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->results = consort_results_ref (results);
  self->party = party;
  if (party < 0)
    self->party_name = g_strdup (_("The whole partnership"));
  else
    self->party_name = g_strdup_printf (_("%s’s share"),
                                        ((ConsortBorough *) g_ptr_array_index (a->boroughs, party))->name);
  self->file_name = g_strdup (options ? options->file_name : NULL);
  self->date = options && options->date ? g_date_time_ref (options->date) : g_date_time_new_now_local ();
  self->date_text = g_date_time_format (self->date, "%-d %B %Y");
  self->prepared_by = g_strdup (options && options->prepared_by ? options->prepared_by
                                : a->author && *a->author ? a->author : _("Not stated"));

  /* Points, unhinted: the same measurements on every surface. */
  self->ctx = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (self->ctx, 72);
  fo = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (fo, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->ctx, fo);
  cairo_font_options_destroy (fo);
  pango_context_set_round_glyph_positions (self->ctx, FALSE);
  pango_context_set_language (self->ctx, pango_language_from_string ("en-gb"));
  for (guint i = 0; i < N_STYLES; i++)
    self->fonts[i] = pango_font_description_from_string (styles[i].font);

  consort_chart_style_init_light (&self->chart_style);
  self->chart_style.font_size = 8;
  self->chart_style.draw_title = FALSE;
  self->chart_style.transparent = TRUE;
  g_strlcpy (self->chart_style.font_family, FONT_FAMILY, sizeof self->chart_style.font_family);

  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_free);
  self->sections = g_array_new (FALSE, TRUE, sizeof (Section));
  g_array_set_clear_func (self->sections, (GDestroyNotify) section_clear);
  build (self);
  return self;
}

ConsortReport *
consort_report_ref (ConsortReport *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
consort_report_unref (ConsortReport *self)
{
  if (!self || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_ptr_array_unref (self->pages);
  g_array_unref (self->sections);
  for (guint i = 0; i < N_STYLES; i++)
    pango_font_description_free (self->fonts[i]);
  g_object_unref (self->ctx);
  consort_results_unref (self->results);
  g_date_time_unref (self->date);
  g_free (self->party_name);
  g_free (self->file_name);
  g_free (self->date_text);
  g_free (self->prepared_by);
  g_free (self);
}

guint
consort_report_get_n_pages (ConsortReport *self)
{
  return self->pages->len;
}

gboolean
consort_report_page_is_landscape (ConsortReport *self, guint page)
{
  g_return_val_if_fail (page < self->pages->len, FALSE);
  return ((Page *) g_ptr_array_index (self->pages, page))->landscape;
}

void
consort_report_get_page_size (ConsortReport *self, guint page, double *width, double *height)
{
  gboolean landscape = consort_report_page_is_landscape (self, page);

  if (width)
    *width = landscape ? A4_LONG : A4_SHORT;
  if (height)
    *height = landscape ? A4_SHORT : A4_LONG;
}

static void
set_rgb (cairo_t *cr, guint32 rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

void
consort_report_render_page (ConsortReport *self, cairo_t *cr, guint index)
{
  Page *page;

  g_return_if_fail (index < self->pages->len);
  page = g_ptr_array_index (self->pages, index);

  cairo_save (cr);
  for (guint i = 0; i < page->ops->len; i++)
    {
      Op *op = g_ptr_array_index (page->ops, i);

      switch (op->type)
        {
        case OP_RECT:
          set_rgb (cr, op->rgb);
          cairo_rectangle (cr, op->x, op->y, op->w, op->h);
          cairo_fill (cr);
          break;
        case OP_LINE:
          set_rgb (cr, op->rgb);
          cairo_set_line_width (cr, op->line_width);
          cairo_move_to (cr, op->x, op->y);
          cairo_rel_line_to (cr, op->w, op->h);
          cairo_stroke (cr);
          break;
        case OP_TEXT:
          set_rgb (cr, op->rgb);
          cairo_move_to (cr, op->x, op->y);
          /* Tags are ignored by surfaces other than PDF. */
          if (op->link)
            cairo_tag_begin (cr, CAIRO_TAG_LINK, op->link);
          pango_cairo_show_layout (cr, op->layout);
          if (op->link)
            cairo_tag_end (cr, CAIRO_TAG_LINK);
          break;
        case OP_CHART:
          cairo_save (cr);
          cairo_translate (cr, op->x, op->y);
          consort_chart_render (op->chart, cr, op->w, op->h, &self->chart_style);
          cairo_restore (cr);
          break;
        default:
          break;
        }
    }
  cairo_restore (cr);
}

static char *
pdf_date (GDateTime *date)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (date);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
consort_report_save_pdf (ConsortReport *self, const char *path, GError **error)
{
  const ConsortAppraisal *a = self->results->appraisal;
  g_autofree char *tmp = g_strdup_printf ("%s.part-%d", path, (int) getpid ());
  g_autofree char *date = pdf_date (self->date);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int parent = CAIRO_PDF_OUTLINE_ROOT;
  guint next_section = 0;

  surface = cairo_pdf_surface_create (tmp, A4_SHORT, A4_LONG);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_IO, "%s: %s", path,
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      g_unlink (tmp);
      return FALSE;
    }
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, a->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, self->prepared_by);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, _("Option appraisal report"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Consort");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);

  cr = cairo_create (surface);
  for (guint i = 0; i < self->pages->len; i++)
    {
      double w, h;

      consort_report_get_page_size (self, i, &w, &h);
      cairo_pdf_surface_set_size (surface, w, h);
      consort_report_render_page (self, cr, i);

      /* The outline (bookmarks): chapters and their sections. */
      for (; next_section < self->sections->len; next_section++)
        {
          Section *s = &g_array_index (self->sections, Section, next_section);
          g_autofree char *link = NULL;
          int id;

          if (s->page != i)
            break;
          link = g_strdup_printf ("page=%u pos=[%.1f %.1f]", i + 1, MARGIN_X, s->y);
          id = cairo_pdf_surface_add_outline (surface, s->level == 1 ? CAIRO_PDF_OUTLINE_ROOT : parent,
                                              s->title, link, 0);
          if (s->level == 1)
            parent = id;
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_IO, "%s: %s", path,
                   cairo_status_to_string (status));
      g_unlink (tmp);
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_IO, "%s: %s", path, g_strerror (saved));
      g_unlink (tmp);
      return FALSE;
    }
  return TRUE;
}

guint
consort_report_get_n_sections (ConsortReport *self)
{
  return self->sections->len;
}

const char *
consort_report_get_section (ConsortReport *self, guint index, guint *page, int *level)
{
  Section *s;

  g_return_val_if_fail (index < self->sections->len, NULL);
  s = &g_array_index (self->sections, Section, index);
  if (page)
    *page = s->page;
  if (level)
    *level = s->level;
  return s->title;
}

/* Layout check */

typedef struct {
  double x0, y0, x1, y1;
  const char *what;
} Box;

static gboolean
boxes_overlap (const Box *a, const Box *b)
{
  /* A hair of tolerance: adjacent cells touch. */
  const double eps = 0.05;
  return a->x0 < b->x1 - eps && b->x0 < a->x1 - eps && a->y0 < b->y1 - eps && b->y0 < a->y1 - eps;
}

gboolean
consort_report_check_layout (ConsortReport *self, GError **error)
{
  for (guint p = 0; p < self->pages->len; p++)
    {
      Page *page = g_ptr_array_index (self->pages, p);
      g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (Box));
      double w = page->landscape ? A4_LONG : A4_SHORT;
      double h = page->landscape ? A4_SHORT : A4_LONG;
      /* Printable area: 10 mm from each edge. */
      const double edge = 28.3;

      for (guint i = 0; i < page->ops->len; i++)
        {
          Op *op = g_ptr_array_index (page->ops, i);
          Box box;

          if (op->type != OP_TEXT && op->type != OP_CHART)
            continue;
          box.what = op->type == OP_TEXT ? pango_layout_get_text (op->layout) : _("a chart");
          if (op->type == OP_TEXT)
            {
              PangoRectangle ink, logical;
              double left, right;

              if (*pango_layout_get_text (op->layout) == '\0')
                continue;
              pango_layout_get_extents (op->layout, &ink, &logical);
              /* A right-aligned line starts inside its column: take
               * the lines' own extents. */
              left = op->x + (double) logical.x / PANGO_SCALE;
              right = left + (double) logical.width / PANGO_SCALE;
              box.x0 = left;
              box.x1 = right;
              box.y0 = op->y + (double) logical.y / PANGO_SCALE;
              box.y1 = box.y0 + (double) logical.height / PANGO_SCALE;
              if (op->wrap_width > 0 && (double) logical.width / PANGO_SCALE > op->wrap_width + 0.5)
                {
                  g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_INVALID,
                               "page %u: “%s” is %.1f pt wide in a %.1f pt column", p + 1,
                               box.what, (double) logical.width / PANGO_SCALE, op->wrap_width);
                  return FALSE;
                }
              if (!op->may_ellipsize && pango_layout_is_ellipsized (op->layout))
                {
                  g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_INVALID,
                               "page %u: “%s” is cut short", p + 1, box.what);
                  return FALSE;
                }
              {
                /* Wrapped text must not break inside a word when the
                 * column could hold the word: a break lands on a space
                 * or at an over-long word. */
                int n_lines = pango_layout_get_line_count (op->layout);
                const char *text = pango_layout_get_text (op->layout);
                for (int l = 1; l < n_lines; l++)
                  {
                    PangoLayoutLine *line = pango_layout_get_line_readonly (op->layout, l);
                    int idx = line->start_index;
                    if (idx > 0 && !strchr (" \n-/", text[idx - 1]) && text[idx] != ' ')
                      {
                        /* A mid-word break is only allowed for a word
                         * wider than the column. */
                        const char *ws = text + idx;
                        while (ws > text && ws[-1] != ' ')
                          ws--;
                        {
                          const char *we = strchr (text + idx, ' ');
                          g_autofree char *word = we ? g_strndup (ws, we - ws) : g_strdup (ws);
                          g_autoptr(PangoLayout) probe = pango_layout_copy (op->layout);
                          PangoRectangle pr;
                          pango_layout_set_width (probe, -1);
                          pango_layout_set_text (probe, word, -1);
                          pango_layout_get_extents (probe, NULL, &pr);
                          if ((double) pr.width / PANGO_SCALE <= op->wrap_width)
                            {
                              g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_INVALID,
                                           "page %u: “%s” breaks inside the word “%s”", p + 1,
                                           box.what, word);
                              return FALSE;
                            }
                        }
                      }
                  }
              }
            }
          else
            {
              box.x0 = op->x;
              box.y0 = op->y;
              box.x1 = op->x + op->w;
              box.y1 = op->y + op->h;
            }
          if (box.x0 < edge - 0.01 || box.y0 < edge - 0.01 || box.x1 > w - edge + 0.01 || box.y1 > h - edge + 0.01)
            {
              g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_INVALID,
                           "page %u: “%s” (%.1f, %.1f to %.1f, %.1f) is outside the printable area",
                           p + 1, box.what, box.x0, box.y0, box.x1, box.y1);
              return FALSE;
            }
          for (guint j = 0; j < boxes->len; j++)
            {
              Box *other = &g_array_index (boxes, Box, j);
              if (boxes_overlap (&box, other))
                {
                  g_set_error (error, CONSORT_ERROR, CONSORT_ERROR_INVALID,
                               "page %u: “%s” overlaps “%s”", p + 1, box.what, other->what);
                  return FALSE;
                }
            }
          g_array_append_val (boxes, box);
        }
    }
  return TRUE;
}
