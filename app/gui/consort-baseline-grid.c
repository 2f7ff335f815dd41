/* consort-baseline-grid.c: services x boroughs grid of one baseline field.
 *
 * The grid draws its cells itself and keeps a single GtkEntry over the
 * cursor cell, so a London-wide appraisal (33 boroughs x 60 services)
 * costs no more than the cells on screen.  It is a GtkScrollable: the
 * service names (row headers) and borough names (column headers) stay
 * in place while the cells scroll.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "consort-baseline-grid.h"

#include <glib/gi18n.h>
#include <string.h>

#include "consort-form-util.h"

#define ROW_HEADER_WIDTH 250
#define HEADER_HEIGHT    52
#define CELL_WIDTH       132
#define CELL_HEIGHT      40
#define CELL_PADDING     12

struct _ConsortBaselineGrid
{
  GtkWidget             parent_instance;

  ConsortDocument      *document;
  gulong                changed_id;
  ConsortBaselineField  field;

  int                   row;
  int                   column;

  GtkWidget            *editor;
  char                 *loaded_text;  /* the cell's text when the editor was filled */
  char                 *error;
  guint                 reselect_id;  /* idle re-selecting the reloaded text */

  GtkAdjustment        *hadjustment;
  GtkAdjustment        *vadjustment;
  guint                 hscroll_policy : 1;
  guint                 vscroll_policy : 1;
};

enum {
  PROP_0,
  PROP_ERROR,
  N_PROPS,
  /* GtkScrollable */
  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};
static GParamSpec *properties[N_PROPS];

enum { CURSOR_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (ConsortBaselineGrid, consort_baseline_grid, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

static ConsortAppraisal *
get_appraisal (ConsortBaselineGrid *self)
{
  return self->document ? consort_document_get_appraisal (self->document) : NULL;
}

static int
n_rows (ConsortBaselineGrid *self)
{
  ConsortAppraisal *a = get_appraisal (self);
  return a ? (int) a->services->len : 0;
}

static int
n_columns (ConsortBaselineGrid *self)
{
  ConsortAppraisal *a = get_appraisal (self);
  return a ? (int) a->boroughs->len : 0;
}

const char *
consort_baseline_field_describe (ConsortBaselineField field)
{
  switch (field)
    {
    case CONSORT_BASELINE_BUDGET: return _("Controllable budget");
    case CONSORT_BASELINE_FTE: return _("Staff (FTE)");
    case CONSORT_BASELINE_MANAGEMENT_POSTS: return _("Management posts");
    case CONSORT_BASELINE_OVERHEADS: return _("Overheads");
    case CONSORT_BASELINE_OUTSOURCED: return _("Outsourced");
    case CONSORT_N_BASELINE_FIELDS:
    default: return "";
    }
}

static const char *
field_edit_label (ConsortBaselineField field)
{
  switch (field)
    {
    case CONSORT_BASELINE_BUDGET: return _("Edit budget");
    case CONSORT_BASELINE_FTE: return _("Edit staff numbers");
    case CONSORT_BASELINE_MANAGEMENT_POSTS: return _("Edit management posts");
    case CONSORT_BASELINE_OVERHEADS: return _("Edit overheads");
    case CONSORT_BASELINE_OUTSOURCED: return _("Edit outsourcing");
    case CONSORT_N_BASELINE_FIELDS:
    default: return _("Edit baseline");
    }
}

static gboolean
field_is_numeric (ConsortBaselineField field)
{
  return field != CONSORT_BASELINE_OUTSOURCED;
}

/* Text of a cell; "" where the borough has no baseline for the service. */
static char *
cell_text (ConsortBaselineGrid *self,
           int                  row,
           int                  column)
{
  ConsortAppraisal *a = get_appraisal (self);
  ConsortService *service;
  ConsortBorough *borough;
  ConsortBaseline *b;

  if (a == NULL || row < 0 || column < 0 || row >= (int) a->services->len || column >= (int) a->boroughs->len)
    return g_strdup ("");

  service = g_ptr_array_index (a->services, row);
  borough = g_ptr_array_index (a->boroughs, column);
  b = consort_service_find_baseline (service, borough->id);
  if (b == NULL)
    return g_strdup ("");

  switch (self->field)
    {
    case CONSORT_BASELINE_BUDGET: return consort_form_format_money (b->budget);
    case CONSORT_BASELINE_OVERHEADS: return consort_form_format_money (b->overheads);
    case CONSORT_BASELINE_FTE: return consort_form_format_decimal (b->fte);
    case CONSORT_BASELINE_MANAGEMENT_POSTS: return consort_form_format_decimal (b->management_posts);
    case CONSORT_BASELINE_OUTSOURCED: return g_strdup (b->outsourced ? _("Yes") : _("No"));
    case CONSORT_N_BASELINE_FIELDS:
    default: return g_strdup ("");
    }
}

typedef struct {
  gint64 value;   /* pence, micros or a boolean */
} CellValue;

/* Parses @text for the current field.  Empty text means zero (or "No"). */
static gboolean
parse_cell (ConsortBaselineGrid  *self,
            const char           *text,
            CellValue            *out,
            char                **message)
{
  g_autofree char *t = g_strstrip (g_strdup (text ? text : ""));

  switch (self->field)
    {
    case CONSORT_BASELINE_BUDGET:
    case CONSORT_BASELINE_OVERHEADS:
      if (!consort_form_parse_money (t, TRUE, &out->value))
        {
          *message = g_strdup_printf (_("“%s” is not an amount: type, for example, £1,050,000, 1.05m or 335k"), t);
          return FALSE;
        }
      if (out->value < 0)
        {
          *message = g_strdup_printf (_("“%s”: a baseline cannot be negative"), t);
          return FALSE;
        }
      return TRUE;

    case CONSORT_BASELINE_FTE:
    case CONSORT_BASELINE_MANAGEMENT_POSTS:
      if (*t == '\0')
        {
          out->value = 0;
          return TRUE;
        }
      if (!consort_form_parse_decimal (t, &out->value))
        {
          *message = g_strdup_printf (_("“%s” is not a number of posts: type, for example, 12 or 3.5"), t);
          return FALSE;
        }
      return TRUE;

    case CONSORT_BASELINE_OUTSOURCED:
      {
        const char *yes[] = { "yes", "y", "true", "1", "x", "outsourced", _("Yes"), NULL };
        const char *no[] = { "", "no", "n", "false", "0", "in-house", "in house", _("No"), NULL };

        for (guint i = 0; yes[i]; i++)
          if (g_ascii_strcasecmp (t, yes[i]) == 0)
            {
              out->value = TRUE;
              return TRUE;
            }
        for (guint i = 0; no[i]; i++)
          if (g_ascii_strcasecmp (t, no[i]) == 0)
            {
              out->value = FALSE;
              return TRUE;
            }
        *message = g_strdup_printf (_("“%s”: type Yes or No"), t);
        return FALSE;
      }

    case CONSORT_N_BASELINE_FIELDS:
    default:
      return FALSE;
    }
}

/* Sets the value in @copy; returns TRUE if it changed anything. */
static gboolean
store_cell (ConsortBaselineGrid *self,
            ConsortAppraisal    *copy,
            int                  row,
            int                  column,
            const CellValue     *value)
{
  ConsortService *service = g_ptr_array_index (copy->services, row);
  ConsortBorough *borough = g_ptr_array_index (copy->boroughs, column);
  ConsortBaseline *b = consort_service_find_baseline (service, borough->id);
  gint64 *slot;
  gint64 old;

  if (b == NULL)
    {
      b = consort_baseline_new (borough->id);
      g_ptr_array_add (service->baselines, b);
    }

  switch (self->field)
    {
    case CONSORT_BASELINE_BUDGET: slot = &b->budget; break;
    case CONSORT_BASELINE_OVERHEADS: slot = &b->overheads; break;
    case CONSORT_BASELINE_FTE: slot = &b->fte; break;
    case CONSORT_BASELINE_MANAGEMENT_POSTS: slot = &b->management_posts; break;
    case CONSORT_BASELINE_OUTSOURCED:
      old = b->outsourced;
      b->outsourced = value->value != 0;
      return old != b->outsourced;
    case CONSORT_N_BASELINE_FIELDS:
    default:
      return FALSE;
    }
  old = *slot;
  *slot = value->value;
  return old != value->value;
}

static void
set_error (ConsortBaselineGrid *self,
           const char          *message)
{
  if (g_strcmp0 (self->error, message) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (message);
  consort_form_set_error (self->editor, message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
update_editor_accessible (ConsortBaselineGrid *self)
{
  ConsortAppraisal *a = get_appraisal (self);
  g_autofree char *label = NULL;

  if (a == NULL || self->row >= n_rows (self) || self->column >= n_columns (self))
    return;
  label = g_strdup_printf ("%s, %s, %s",
                           ((ConsortService *) g_ptr_array_index (a->services, self->row))->name,
                           ((ConsortBorough *) g_ptr_array_index (a->boroughs, self->column))->name,
                           consort_baseline_field_describe (self->field));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static gboolean
editor_has_focus (ConsortBaselineGrid *self)
{
  GtkRoot *root = gtk_widget_get_root (self->editor);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == self->editor || gtk_widget_is_ancestor (focus, self->editor));
}

static gboolean editor_dirty (ConsortBaselineGrid *self);

static gboolean
reselect_idle (gpointer data)
{
  ConsortBaselineGrid *self = data;

  self->reselect_id = 0;
  if (self->editor && editor_has_focus (self) && !editor_dirty (self) &&
      !gtk_editable_get_selection_bounds (GTK_EDITABLE (self->editor), NULL, NULL))
    gtk_editable_select_region (GTK_EDITABLE (self->editor), 0, -1);
  return G_SOURCE_REMOVE;
}

/* Fills the editor from the cursor cell, all of it selected so that
 * typing replaces it. */
static void
load_editor (ConsortBaselineGrid *self)
{
  g_autofree char *text = cell_text (self, self->row, self->column);

  g_free (self->loaded_text);
  self->loaded_text = g_strdup (text);
  gtk_editable_set_text (GTK_EDITABLE (self->editor), text);
  gtk_editable_set_alignment (GTK_EDITABLE (self->editor), field_is_numeric (self->field) ? 1.0 : 0.0);
  /* A read-only document can be looked through but not typed into. */
  gtk_editable_set_editable (GTK_EDITABLE (self->editor),
                             self->document == NULL || !consort_document_get_read_only (self->document));
  /* The focus is on the entry's inner text widget, never on the entry
   * itself: ask the window.  After undo or redo, typing must replace the
   * figure again, not append to it. */
  if (editor_has_focus (self))
    {
      gtk_editable_select_region (GTK_EDITABLE (self->editor), 0, -1);
      /* Replacing the text gives up the primary selection and selecting
       * claims it again; on X11 the news of giving it up can arrive after
       * the new claim and deselect the text (seen after undo).  Select
       * once more when the events have settled. */
      if (self->reselect_id == 0)
        self->reselect_id = g_idle_add_full (G_PRIORITY_LOW, reselect_idle, self, NULL);
    }
  set_error (self, NULL);
  update_editor_accessible (self);
  gtk_widget_set_visible (self->editor, n_rows (self) > 0 && n_columns (self) > 0);
}

static gboolean
editor_dirty (ConsortBaselineGrid *self)
{
  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->editor)), self->loaded_text) != 0;
}

gboolean
consort_baseline_grid_commit (ConsortBaselineGrid *self)
{
  g_autoptr(ConsortAppraisal) copy = NULL;
  g_autofree char *message = NULL;
  CellValue value;

  g_return_val_if_fail (CONSORT_IS_BASELINE_GRID (self), FALSE);

  if (!editor_dirty (self) || self->row >= n_rows (self) || self->column >= n_columns (self))
    {
      set_error (self, NULL);
      return TRUE;
    }

  if (!parse_cell (self, gtk_editable_get_text (GTK_EDITABLE (self->editor)), &value, &message))
    {
      ConsortAppraisal *a = get_appraisal (self);
      g_autofree char *placed = g_strdup_printf ("%s, %s: %s",
                                                 ((ConsortService *) g_ptr_array_index (a->services, self->row))->name,
                                                 ((ConsortBorough *) g_ptr_array_index (a->boroughs, self->column))->name,
                                                 message);
      set_error (self, placed);
      return FALSE;
    }

  copy = consort_appraisal_copy (get_appraisal (self));
  if (!store_cell (self, copy, self->row, self->column, &value))
    {
      load_editor (self);   /* same value typed differently: show it as stored */
      return TRUE;
    }

  if (!consort_form_apply (GTK_WIDGET (self), self->document, g_steal_pointer (&copy),
                           field_edit_label (self->field), &message))
    {
      set_error (self, message);
      return FALSE;
    }
  load_editor (self);
  return TRUE;
}

static void
scroll_to_cursor (ConsortBaselineGrid *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double x = (double) self->column * CELL_WIDTH;
  double y = (double) self->row * CELL_HEIGHT;

  if (self->hadjustment && width > ROW_HEADER_WIDTH)
    {
      double v = gtk_adjustment_get_value (self->hadjustment);
      double visible = width - ROW_HEADER_WIDTH;
      if (x < v)
        gtk_adjustment_set_value (self->hadjustment, x);
      else if (x + CELL_WIDTH > v + visible)
        gtk_adjustment_set_value (self->hadjustment, x + CELL_WIDTH - visible);
    }
  if (self->vadjustment && height > HEADER_HEIGHT)
    {
      double v = gtk_adjustment_get_value (self->vadjustment);
      double visible = height - HEADER_HEIGHT;
      if (y < v)
        gtk_adjustment_set_value (self->vadjustment, y);
      else if (y + CELL_HEIGHT > v + visible)
        gtk_adjustment_set_value (self->vadjustment, y + CELL_HEIGHT - visible);
    }
}

gboolean
consort_baseline_grid_set_cursor (ConsortBaselineGrid *self,
                                  int                  row,
                                  int                  column)
{
  g_return_val_if_fail (CONSORT_IS_BASELINE_GRID (self), FALSE);

  row = CLAMP (row, 0, MAX (n_rows (self) - 1, 0));
  column = CLAMP (column, 0, MAX (n_columns (self) - 1, 0));

  if (row == self->row && column == self->column)
    return TRUE;
  if (!consort_baseline_grid_commit (self))
    return FALSE;

  self->row = row;
  self->column = column;
  load_editor (self);
  scroll_to_cursor (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[CURSOR_CHANGED], 0);
  return TRUE;
}

void
consort_baseline_grid_get_cursor (ConsortBaselineGrid *self,
                                  int                 *row,
                                  int                 *column)
{
  g_return_if_fail (CONSORT_IS_BASELINE_GRID (self));
  if (row)
    *row = self->row;
  if (column)
    *column = self->column;
}

GtkEditable *
consort_baseline_grid_get_editor (ConsortBaselineGrid *self)
{
  g_return_val_if_fail (CONSORT_IS_BASELINE_GRID (self), NULL);
  return GTK_EDITABLE (self->editor);
}

const char *
consort_baseline_grid_get_error (ConsortBaselineGrid *self)
{
  g_return_val_if_fail (CONSORT_IS_BASELINE_GRID (self), NULL);
  return self->error;
}

gboolean
consort_baseline_grid_paste_text (ConsortBaselineGrid  *self,
                                  const char           *text,
                                  char                **error_message)
{
  ConsortAppraisal *current = get_appraisal (self);
  g_autoptr(ConsortAppraisal) copy = NULL;
  g_autofree char *clean = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_lines;
  int width = 0;
  gboolean changed = FALSE;
  char *message = NULL;

  g_return_val_if_fail (CONSORT_IS_BASELINE_GRID (self), FALSE);

  if (current == NULL || n_rows (self) == 0 || n_columns (self) == 0)
    {
      *error_message = g_strdup (_("Cannot paste: add boroughs and services first"));
      return FALSE;
    }

  /* Spreadsheets end the block with a newline and may use CR LF. */
  {
    GString *s = g_string_new (text ? text : "");
    g_string_replace (s, "\r", "", 0);
    while (s->len > 0 && s->str[s->len - 1] == '\n')
      g_string_truncate (s, s->len - 1);
    clean = g_string_free (s, FALSE);
  }
  lines = g_strsplit (clean, "\n", -1);
  n_lines = g_strv_length (lines);
  if (n_lines == 0)
    {
      *error_message = g_strdup (_("Cannot paste: the clipboard holds no figures"));
      return FALSE;
    }
  for (guint i = 0; i < n_lines; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], "\t", -1);
      width = MAX (width, (int) g_strv_length (cells));
    }

  if (self->row + (int) n_lines > n_rows (self) || self->column + width > n_columns (self))
    {
      int room_rows = n_rows (self) - self->row;
      int room_columns = n_columns (self) - self->column;
      /* Each count has its own plural form. */
      g_autofree char *rows = g_strdup_printf (ngettext ("%u row", "%u rows", n_lines), n_lines);
      g_autofree char *columns = g_strdup_printf (ngettext ("%d column", "%d columns", width), width);
      g_autofree char *room_r = g_strdup_printf (ngettext ("%d row", "%d rows", room_rows), room_rows);
      g_autofree char *room_c = g_strdup_printf (ngettext ("%d column", "%d columns", room_columns), room_columns);

      /* Translators: "Cannot paste: the block has 3 rows and 2 columns, but
       * from this cell there is room for 1 row and 5 columns" */
      *error_message = g_strdup_printf (_("Cannot paste: the block has %s and %s, "
                                          "but from this cell there is room for %s and %s"),
                                        rows, columns, room_r, room_c);
      return FALSE;
    }

  copy = consort_appraisal_copy (current);
  for (guint i = 0; i < n_lines; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], "\t", -1);

      for (guint j = 0; cells[j] != NULL; j++)
        {
          g_autofree char *cell = g_strstrip (g_strdup (cells[j]));
          CellValue value;

          if (*cell == '\0')
            continue;   /* an empty cell leaves the value as it is */
          if (!parse_cell (self, cell, &value, &message))
            {
              ConsortBorough *b = g_ptr_array_index (current->boroughs, self->column + j);
              ConsortService *s = g_ptr_array_index (current->services, self->row + i);
              *error_message = g_strdup_printf (_("Nothing was pasted: %s, %s: %s"),
                                                s->name, b->name, message);
              g_free (message);
              return FALSE;
            }
          changed |= store_cell (self, copy, self->row + i, self->column + j, &value);
        }
    }

  if (!changed)
    return TRUE;
  if (!consort_form_apply (GTK_WIDGET (self), self->document, g_steal_pointer (&copy),
                           _("Paste baselines"), error_message))
    return FALSE;
  load_editor (self);
  return TRUE;
}

static void
clipboard_text_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ConsortBaselineGrid) self = user_data;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  g_autofree char *message = NULL;
  const char *end;

  if (text == NULL || self->document == NULL)
    return;

  /* A single value goes into the cell being typed; a block (tabs or
   * several lines) fills cells. */
  end = text + strlen (text);
  while (end > text && (end[-1] == '\n' || end[-1] == '\r'))
    end--;
  if (memchr (text, '\t', end - text) == NULL && memchr (text, '\n', end - text) == NULL)
    {
      GtkEditable *editable = GTK_EDITABLE (self->editor);
      int pos;

      gtk_editable_delete_selection (editable);
      pos = gtk_editable_get_position (editable);
      gtk_editable_insert_text (editable, text, end - text, &pos);
      gtk_editable_set_position (editable, pos);
      return;
    }

  if (!consort_baseline_grid_paste_text (self, text, &message))
    consort_form_toast (GTK_WIDGET (self), message);
}

static gboolean
move_cursor (ConsortBaselineGrid *self,
             int                  d_row,
             int                  d_column,
             gboolean             wrap)
{
  int row = self->row + d_row;
  int column = self->column + d_column;
  int rows = n_rows (self), columns = n_columns (self);

  if (!consort_baseline_grid_commit (self))
    return TRUE;   /* stay on the invalid cell; the message says why */

  if (wrap && column >= columns)
    {
      column = 0;
      row++;
    }
  else if (wrap && column < 0)
    {
      column = columns - 1;
      row--;
    }

  if (row < 0 || row >= rows || column < 0 || column >= columns)
    {
      /* Tab off either end lets the focus leave the grid. */
      if (wrap)
        return FALSE;
      gtk_editable_select_region (GTK_EDITABLE (self->editor), 0, -1);
      return TRUE;
    }

  consort_baseline_grid_set_cursor (self, row, column);
  gtk_editable_select_region (GTK_EDITABLE (self->editor), 0, -1);
  return TRUE;
}

static int
page_rows (ConsortBaselineGrid *self)
{
  return MAX (1, (gtk_widget_get_height (GTK_WIDGET (self)) - HEADER_HEIGHT) / CELL_HEIGHT - 1);
}

static gboolean
editor_key_pressed (GtkEventControllerKey *controller,
                    guint                  keyval,
                    guint                  keycode,
                    GdkModifierType        state,
                    ConsortBaselineGrid   *self)
{
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  gboolean control = (state & GDK_CONTROL_MASK) != 0;

  switch (keyval)
    {
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      if (control)
        return FALSE;
      return move_cursor (self, 0, (shift || keyval == GDK_KEY_ISO_Left_Tab) ? -1 : 1, TRUE);

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      return move_cursor (self, shift ? -1 : 1, 0, FALSE);

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      return move_cursor (self, -1, 0, FALSE);

    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      return move_cursor (self, 1, 0, FALSE);

    case GDK_KEY_Page_Up:
      return move_cursor (self, -MIN (page_rows (self), self->row), 0, FALSE);

    case GDK_KEY_Page_Down:
      return move_cursor (self, MIN (page_rows (self), n_rows (self) - 1 - self->row), 0, FALSE);

    case GDK_KEY_Escape:
      if (editor_dirty (self) || self->error)
        {
          load_editor (self);
          gtk_editable_select_region (GTK_EDITABLE (self->editor), 0, -1);
          return TRUE;
        }
      return FALSE;

    case GDK_KEY_z:
    case GDK_KEY_Z:
    case GDK_KEY_y:
    case GDK_KEY_Y:
      /* With nothing typed, Ctrl+Z undoes the last edit of the document,
       * not the entry's own text. */
      if (!control || editor_dirty (self))
        return FALSE;
      if (keyval == GDK_KEY_y || keyval == GDK_KEY_Y || shift)
        return gtk_widget_activate_action (GTK_WIDGET (self), "win.redo", NULL);
      return gtk_widget_activate_action (GTK_WIDGET (self), "win.undo", NULL);

    case GDK_KEY_v:
    case GDK_KEY_V:
      if (!control)
        return FALSE;
      gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (self)), NULL,
                                     clipboard_text_cb, g_object_ref (self));
      return TRUE;

    case GDK_KEY_Insert:
      if (!shift)
        return FALSE;
      gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (self)), NULL,
                                     clipboard_text_cb, g_object_ref (self));
      return TRUE;

    default:
      return FALSE;
    }
}

static void
editor_activate (GtkEntry            *entry,
                 ConsortBaselineGrid *self)
{
  move_cursor (self, 1, 0, FALSE);
}

static void
editor_changed (GtkEditable         *editable,
                ConsortBaselineGrid *self)
{
  /* The message stays until the text changes, then goes quietly. */
  if (self->error && editor_dirty (self))
    set_error (self, NULL);
}

static void
editor_focus_leave (GtkEventControllerFocus *controller,
                    ConsortBaselineGrid     *self)
{
  /* Clicking elsewhere keeps what was typed, as a spreadsheet does. */
  if (self->document)
    consort_baseline_grid_commit (self);
}

static void
document_changed (ConsortDocument     *document,
                  ConsortBaselineGrid *self)
{
  int rows = n_rows (self), columns = n_columns (self);
  gboolean moved = FALSE;

  if (self->row >= rows)
    {
      self->row = MAX (rows - 1, 0);
      moved = TRUE;
    }
  if (self->column >= columns)
    {
      self->column = MAX (columns - 1, 0);
      moved = TRUE;
    }
  /* What the user is typing survives an edit made elsewhere. */
  if (moved || !editor_dirty (self))
    load_editor (self);
  else
    update_editor_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  if (moved)
    g_signal_emit (self, signals[CURSOR_CHANGED], 0);
}

void
consort_baseline_grid_set_document (ConsortBaselineGrid *self,
                                    ConsortDocument     *document)
{
  g_return_if_fail (CONSORT_IS_BASELINE_GRID (self));

  if (self->document == document)
    return;
  if (self->document)
    g_clear_signal_handler (&self->changed_id, self->document);
  g_set_object (&self->document, document);
  if (document)
    self->changed_id = g_signal_connect (document, "changed", G_CALLBACK (document_changed), self);
  self->row = 0;
  self->column = 0;
  g_clear_pointer (&self->loaded_text, g_free);
  load_editor (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_signal_emit (self, signals[CURSOR_CHANGED], 0);
}

void
consort_baseline_grid_set_field (ConsortBaselineGrid  *self,
                                 ConsortBaselineField  field)
{
  g_return_if_fail (CONSORT_IS_BASELINE_GRID (self));
  g_return_if_fail (field < CONSORT_N_BASELINE_FIELDS);

  if (self->field == field)
    return;
  if (!consort_baseline_grid_commit (self))
    load_editor (self);   /* drop the invalid text of the other field */
  self->field = field;
  load_editor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

ConsortBaselineField
consort_baseline_grid_get_field (ConsortBaselineGrid *self)
{
  g_return_val_if_fail (CONSORT_IS_BASELINE_GRID (self), CONSORT_BASELINE_BUDGET);
  return self->field;
}

/* Scrolling */

static void
adjustment_changed (GtkAdjustment       *adjustment,
                    ConsortBaselineGrid *self)
{
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
set_adjustment (ConsortBaselineGrid  *self,
                GtkAdjustment       **slot,
                GtkAdjustment        *adjustment)
{
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  if (*slot == adjustment)
    return;
  if (*slot)
    {
      g_signal_handlers_disconnect_by_func (*slot, adjustment_changed, self);
      g_object_unref (*slot);
    }
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (adjustment_changed), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
consort_baseline_grid_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  ConsortBaselineGrid *self = CONSORT_BASELINE_GRID (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = ROW_HEADER_WIDTH + CELL_WIDTH;
      *natural = ROW_HEADER_WIDTH + MAX (n_columns (self), 1) * CELL_WIDTH + 1;
    }
  else
    {
      *minimum = HEADER_HEIGHT + CELL_HEIGHT;
      *natural = HEADER_HEIGHT + MAX (n_rows (self), 1) * CELL_HEIGHT + 1;
    }
}

static void
consort_baseline_grid_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  ConsortBaselineGrid *self = CONSORT_BASELINE_GRID (widget);
  double content_w = ROW_HEADER_WIDTH + (double) n_columns (self) * CELL_WIDTH + 1;
  double content_h = HEADER_HEIGHT + (double) n_rows (self) * CELL_HEIGHT + 1;
  double hv, vv;
  GtkAllocation cell;
  int min_w, min_h;

  g_signal_handlers_block_by_func (self->hadjustment, adjustment_changed, self);
  g_signal_handlers_block_by_func (self->vadjustment, adjustment_changed, self);
  gtk_adjustment_configure (self->hadjustment,
                            CLAMP (gtk_adjustment_get_value (self->hadjustment), 0, MAX (0, content_w - width)),
                            0, MAX (content_w, width), CELL_WIDTH, width * 0.9, width);
  gtk_adjustment_configure (self->vadjustment,
                            CLAMP (gtk_adjustment_get_value (self->vadjustment), 0, MAX (0, content_h - height)),
                            0, MAX (content_h, height), CELL_HEIGHT, height * 0.9, height);
  g_signal_handlers_unblock_by_func (self->hadjustment, adjustment_changed, self);
  g_signal_handlers_unblock_by_func (self->vadjustment, adjustment_changed, self);

  hv = gtk_adjustment_get_value (self->hadjustment);
  vv = gtk_adjustment_get_value (self->vadjustment);

  cell.x = (int) (ROW_HEADER_WIDTH + (double) self->column * CELL_WIDTH - hv);
  cell.y = (int) (HEADER_HEIGHT + (double) self->row * CELL_HEIGHT - vv);
  gtk_widget_measure (self->editor, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
  gtk_widget_measure (self->editor, GTK_ORIENTATION_VERTICAL, -1, &min_h, NULL, NULL, NULL);
  cell.width = MAX (CELL_WIDTH + 1, min_w);
  cell.height = MAX (CELL_HEIGHT + 1, min_h);
  gtk_widget_size_allocate (self->editor, &cell, -1);
}

static void
append_line (GtkSnapshot   *snapshot,
             const GdkRGBA *color,
             float x, float y, float w, float h)
{
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, w, h));
}

static void
draw_text (GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           const GdkRGBA *color,
           const char    *text,
           float          x,
           float          y,
           float          width,
           float          height,
           gboolean       right)
{
  int lw, lh;

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_alignment (layout, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_get_pixel_size (layout, &lw, &lh);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y + (height - lh) / 2));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              GdkRGBA    *out,
              const char *fallback)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (context, name, out))
    gdk_rgba_parse (out, fallback);
}

static void
consort_baseline_grid_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  ConsortBaselineGrid *self = CONSORT_BASELINE_GRID (widget);
  ConsortAppraisal *a = get_appraisal (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double hv = gtk_adjustment_get_value (self->hadjustment);
  double vv = gtk_adjustment_get_value (self->vadjustment);
  int rows = n_rows (self), columns = n_columns (self);
  int first_row, last_row, first_col, last_col;
  float data_right, data_bottom;
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoLayout) header_layout = NULL;
  PangoAttrList *attrs;
  GdkRGBA fg, dim, line, view_bg, header_bg, accent, accent_tint;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  dim = fg;
  dim.alpha *= 0.55f;
  line = fg;
  line.alpha = 0.12f;
  lookup_color (widget, "view_bg_color", &view_bg, "#ffffff");
  lookup_color (widget, "window_bg_color", &header_bg, "#fafafa");
  lookup_color (widget, "accent_color", &accent, "#1c71d8");
  accent_tint = accent;
  accent_tint.alpha = 0.14f;

  if (a == NULL)
    return;

  layout = gtk_widget_create_pango_layout (widget, NULL);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  header_layout = gtk_widget_create_pango_layout (widget, NULL);
  pango_layout_set_ellipsize (header_layout, PANGO_ELLIPSIZE_END);
  /* Long borough names take two lines before they are cut short. */
  pango_layout_set_wrap (header_layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (header_layout, -2);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (header_layout, attrs);
  pango_attr_list_unref (attrs);

  first_row = MAX (0, (int) (vv / CELL_HEIGHT));
  last_row = MIN (rows - 1, (int) ((vv + height - HEADER_HEIGHT) / CELL_HEIGHT));
  first_col = MAX (0, (int) (hv / CELL_WIDTH));
  last_col = MIN (columns - 1, (int) ((hv + width - ROW_HEADER_WIDTH) / CELL_WIDTH));
  data_right = MIN ((float) width, (float) (ROW_HEADER_WIDTH + columns * CELL_WIDTH - hv));
  data_bottom = MIN ((float) height, (float) (HEADER_HEIGHT + rows * CELL_HEIGHT - vv));

  gtk_snapshot_append_color (snapshot, &view_bg, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* Cells */
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (ROW_HEADER_WIDTH, HEADER_HEIGHT,
                                                         MAX (0, width - ROW_HEADER_WIDTH),
                                                         MAX (0, height - HEADER_HEIGHT)));
  if (rows > 0 && columns > 0)
    {
      float cx = (float) (ROW_HEADER_WIDTH + self->column * CELL_WIDTH - hv);
      float cy = (float) (HEADER_HEIGHT + self->row * CELL_HEIGHT - vv);
      /* Cursor row and column, faintly, to help the eye along. */
      gtk_snapshot_append_color (snapshot, &accent_tint,
                                 &GRAPHENE_RECT_INIT (ROW_HEADER_WIDTH, cy, data_right - ROW_HEADER_WIDTH, CELL_HEIGHT));
      gtk_snapshot_append_color (snapshot, &accent_tint,
                                 &GRAPHENE_RECT_INIT (cx, HEADER_HEIGHT, CELL_WIDTH, data_bottom - HEADER_HEIGHT));
    }
  for (int r = first_row; r <= last_row; r++)
    {
      float y = (float) (HEADER_HEIGHT + r * CELL_HEIGHT - vv);
      for (int c = first_col; c <= last_col; c++)
        {
          float x = (float) (ROW_HEADER_WIDTH + c * CELL_WIDTH - hv);
          g_autofree char *text = NULL;

          if (r == self->row && c == self->column && gtk_widget_get_visible (self->editor))
            continue;   /* the editor shows this one */
          text = cell_text (self, r, c);
          if (*text == '\0')
            {
              g_free (text);
              text = g_strdup ("–");
              draw_text (snapshot, layout, &dim, text, x + CELL_PADDING, y,
                         CELL_WIDTH - 2 * CELL_PADDING, CELL_HEIGHT, field_is_numeric (self->field));
            }
          else
            draw_text (snapshot, layout, &fg, text, x + CELL_PADDING, y,
                       CELL_WIDTH - 2 * CELL_PADDING, CELL_HEIGHT, field_is_numeric (self->field));
        }
      append_line (snapshot, &line, ROW_HEADER_WIDTH, y + CELL_HEIGHT, data_right - ROW_HEADER_WIDTH, 1);
    }
  for (int c = first_col; c <= last_col; c++)
    {
      float x = (float) (ROW_HEADER_WIDTH + (c + 1) * CELL_WIDTH - hv);
      append_line (snapshot, &line, x, HEADER_HEIGHT, 1, data_bottom - HEADER_HEIGHT);
    }
  if (gtk_widget_get_visible (self->editor))
    gtk_widget_snapshot_child (widget, self->editor, snapshot);
  gtk_snapshot_pop (snapshot);

  /* Column headers: borough names */
  gtk_snapshot_append_color (snapshot, &header_bg, &GRAPHENE_RECT_INIT (0, 0, width, HEADER_HEIGHT));
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (ROW_HEADER_WIDTH, 0, MAX (0, width - ROW_HEADER_WIDTH), HEADER_HEIGHT));
  for (int c = first_col; c <= last_col; c++)
    {
      ConsortBorough *b = g_ptr_array_index (a->boroughs, c);
      float x = (float) (ROW_HEADER_WIDTH + c * CELL_WIDTH - hv);

      if (c == self->column)
        gtk_snapshot_append_color (snapshot, &accent_tint, &GRAPHENE_RECT_INIT (x, 0, CELL_WIDTH, HEADER_HEIGHT));
      draw_text (snapshot, header_layout, c == self->column ? &accent : &fg, b->name,
                 x + CELL_PADDING, 0, CELL_WIDTH - 2 * CELL_PADDING, HEADER_HEIGHT,
                 field_is_numeric (self->field));
      append_line (snapshot, &line, x + CELL_WIDTH, 0, 1, HEADER_HEIGHT);
    }
  gtk_snapshot_pop (snapshot);
  append_line (snapshot, &line, 0, HEADER_HEIGHT - 1, data_right, 1);

  /* Row headers: service names */
  gtk_snapshot_append_color (snapshot, &header_bg, &GRAPHENE_RECT_INIT (0, HEADER_HEIGHT, ROW_HEADER_WIDTH, height - HEADER_HEIGHT));
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, HEADER_HEIGHT, ROW_HEADER_WIDTH, MAX (0, height - HEADER_HEIGHT)));
  for (int r = first_row; r <= last_row; r++)
    {
      ConsortService *s = g_ptr_array_index (a->services, r);
      float y = (float) (HEADER_HEIGHT + r * CELL_HEIGHT - vv);

      if (r == self->row)
        gtk_snapshot_append_color (snapshot, &accent_tint, &GRAPHENE_RECT_INIT (0, y, ROW_HEADER_WIDTH, CELL_HEIGHT));
      draw_text (snapshot, header_layout, r == self->row ? &accent : &fg, s->name,
                 CELL_PADDING, y, ROW_HEADER_WIDTH - 2 * CELL_PADDING, CELL_HEIGHT, FALSE);
      append_line (snapshot, &line, 0, y + CELL_HEIGHT, ROW_HEADER_WIDTH, 1);
    }
  gtk_snapshot_pop (snapshot);
  append_line (snapshot, &line, ROW_HEADER_WIDTH - 1, 0, 1, data_bottom);

  /* Corner */
  draw_text (snapshot, header_layout, &dim, _("Service"), CELL_PADDING, 0,
             ROW_HEADER_WIDTH - 2 * CELL_PADDING, HEADER_HEIGHT, FALSE);
}

gboolean
consort_baseline_grid_cell_at (ConsortBaselineGrid *self,
                               double               x,
                               double               y,
                               int                 *row,
                               int                 *column)
{
  double hv, vv;
  int r = -1, c = -1;

  g_return_val_if_fail (CONSORT_IS_BASELINE_GRID (self), FALSE);

  hv = gtk_adjustment_get_value (self->hadjustment);
  vv = gtk_adjustment_get_value (self->vadjustment);
  if (y >= HEADER_HEIGHT)
    r = (int) ((y - HEADER_HEIGHT + vv) / CELL_HEIGHT);
  if (x >= ROW_HEADER_WIDTH)
    c = (int) ((x - ROW_HEADER_WIDTH + hv) / CELL_WIDTH);
  if (r >= n_rows (self))
    r = -1;
  if (c >= n_columns (self))
    c = -1;
  if (row)
    *row = r;
  if (column)
    *column = c;
  return r >= 0 || c >= 0;
}

static void
grid_pressed (GtkGestureClick     *gesture,
              int                  n_press,
              double               x,
              double               y,
              ConsortBaselineGrid *self)
{
  double hv = gtk_adjustment_get_value (self->hadjustment);
  double vv = gtk_adjustment_get_value (self->vadjustment);
  int row = self->row, column = self->column;

  if (n_rows (self) == 0 || n_columns (self) == 0)
    return;
  if (y >= HEADER_HEIGHT)
    row = (int) ((y - HEADER_HEIGHT + vv) / CELL_HEIGHT);
  if (x >= ROW_HEADER_WIDTH)
    column = (int) ((x - ROW_HEADER_WIDTH + hv) / CELL_WIDTH);
  if (row >= n_rows (self) || column >= n_columns (self))
    return;
  consort_baseline_grid_set_cursor (self, row, column);
  gtk_widget_grab_focus (self->editor);
  gtk_editable_select_region (GTK_EDITABLE (self->editor), 0, -1);
}

static gboolean
consort_baseline_grid_grab_focus (GtkWidget *widget)
{
  ConsortBaselineGrid *self = CONSORT_BASELINE_GRID (widget);
  return gtk_widget_grab_focus (self->editor);
}

static gboolean
consort_baseline_grid_query_tooltip (GtkWidget  *widget,
                                     int         x,
                                     int         y,
                                     gboolean    keyboard,
                                     GtkTooltip *tooltip)
{
  ConsortBaselineGrid *self = CONSORT_BASELINE_GRID (widget);
  ConsortAppraisal *a = get_appraisal (self);
  double hv = gtk_adjustment_get_value (self->hadjustment);
  double vv = gtk_adjustment_get_value (self->vadjustment);

  if (a == NULL || keyboard)
    return FALSE;
  /* Names are ellipsized in the headers: show them in full. */
  if (y < HEADER_HEIGHT && x >= ROW_HEADER_WIDTH)
    {
      int c = (int) ((x - ROW_HEADER_WIDTH + hv) / CELL_WIDTH);
      if (c < n_columns (self))
        {
          gtk_tooltip_set_text (tooltip, ((ConsortBorough *) g_ptr_array_index (a->boroughs, c))->name);
          return TRUE;
        }
    }
  else if (x < ROW_HEADER_WIDTH && y >= HEADER_HEIGHT)
    {
      int r = (int) ((y - HEADER_HEIGHT + vv) / CELL_HEIGHT);
      if (r < n_rows (self))
        {
          gtk_tooltip_set_text (tooltip, ((ConsortService *) g_ptr_array_index (a->services, r))->name);
          return TRUE;
        }
    }
  return FALSE;
}

static void
consort_baseline_grid_dispose (GObject *object)
{
  ConsortBaselineGrid *self = CONSORT_BASELINE_GRID (object);

  if (self->document)
    g_clear_signal_handler (&self->changed_id, self->document);
  g_clear_object (&self->document);
  g_clear_handle_id (&self->reselect_id, g_source_remove);
  g_clear_pointer (&self->editor, gtk_widget_unparent);
  if (self->hadjustment)
    g_signal_handlers_disconnect_by_func (self->hadjustment, adjustment_changed, self);
  if (self->vadjustment)
    g_signal_handlers_disconnect_by_func (self->vadjustment, adjustment_changed, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  G_OBJECT_CLASS (consort_baseline_grid_parent_class)->dispose (object);
}

static void
consort_baseline_grid_finalize (GObject *object)
{
  ConsortBaselineGrid *self = CONSORT_BASELINE_GRID (object);

  g_free (self->loaded_text);
  g_free (self->error);
  G_OBJECT_CLASS (consort_baseline_grid_parent_class)->finalize (object);
}

static void
consort_baseline_grid_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ConsortBaselineGrid *self = CONSORT_BASELINE_GRID (object);

  switch (prop_id)
    {
    case PROP_ERROR: g_value_set_string (value, self->error); break;
    case PROP_HADJUSTMENT: g_value_set_object (value, self->hadjustment); break;
    case PROP_VADJUSTMENT: g_value_set_object (value, self->vadjustment); break;
    case PROP_HSCROLL_POLICY: g_value_set_enum (value, self->hscroll_policy); break;
    case PROP_VSCROLL_POLICY: g_value_set_enum (value, self->vscroll_policy); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consort_baseline_grid_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ConsortBaselineGrid *self = CONSORT_BASELINE_GRID (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT: set_adjustment (self, &self->hadjustment, g_value_get_object (value)); break;
    case PROP_VADJUSTMENT: set_adjustment (self, &self->vadjustment, g_value_get_object (value)); break;
    case PROP_HSCROLL_POLICY: self->hscroll_policy = g_value_get_enum (value); gtk_widget_queue_resize (GTK_WIDGET (self)); break;
    case PROP_VSCROLL_POLICY: self->vscroll_policy = g_value_get_enum (value); gtk_widget_queue_resize (GTK_WIDGET (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consort_baseline_grid_class_init (ConsortBaselineGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = consort_baseline_grid_dispose;
  object_class->finalize = consort_baseline_grid_finalize;
  object_class->get_property = consort_baseline_grid_get_property;
  object_class->set_property = consort_baseline_grid_set_property;

  widget_class->measure = consort_baseline_grid_measure;
  widget_class->size_allocate = consort_baseline_grid_size_allocate;
  widget_class->snapshot = consort_baseline_grid_snapshot;
  widget_class->grab_focus = consort_baseline_grid_grab_focus;
  widget_class->query_tooltip = consort_baseline_grid_query_tooltip;

  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  signals[CURSOR_CHANGED] =
    g_signal_new ("cursor-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "baselinegrid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
consort_baseline_grid_init (ConsortBaselineGrid *self)
{
  GtkEventController *controller;
  GtkGesture *click;

  self->field = CONSORT_BASELINE_BUDGET;
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);

  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  self->editor = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (self->editor), 4);
  gtk_widget_add_css_class (self->editor, "consort-grid-editor");
  gtk_widget_set_parent (self->editor, GTK_WIDGET (self));
  gtk_widget_set_visible (self->editor, FALSE);
  g_signal_connect (self->editor, "activate", G_CALLBACK (editor_activate), self);
  g_signal_connect (self->editor, "changed", G_CALLBACK (editor_changed), self);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (editor_key_pressed), self);
  gtk_widget_add_controller (self->editor, controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (editor_focus_leave), self);
  gtk_widget_add_controller (self->editor, controller);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (grid_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
consort_baseline_grid_new (void)
{
  return g_object_new (CONSORT_TYPE_BASELINE_GRID, NULL);
}
