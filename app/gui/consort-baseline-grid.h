/* consort-baseline-grid.h: a spreadsheet-like services x boroughs grid
 * of one baseline field, quick to fill in from the keyboard.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "consort-core.h"

G_BEGIN_DECLS

typedef enum {
  CONSORT_BASELINE_BUDGET,
  CONSORT_BASELINE_FTE,
  CONSORT_BASELINE_MANAGEMENT_POSTS,
  CONSORT_BASELINE_OVERHEADS,
  CONSORT_BASELINE_OUTSOURCED,
  CONSORT_N_BASELINE_FIELDS
} ConsortBaselineField;

#define CONSORT_TYPE_BASELINE_GRID (consort_baseline_grid_get_type ())
G_DECLARE_FINAL_TYPE (ConsortBaselineGrid, consort_baseline_grid, CONSORT, BASELINE_GRID, GtkWidget)

GtkWidget *consort_baseline_grid_new          (void);
void       consort_baseline_grid_set_document (ConsortBaselineGrid *self,
                                               ConsortDocument     *document);
void       consort_baseline_grid_set_field    (ConsortBaselineGrid *self,
                                               ConsortBaselineField field);
ConsortBaselineField consort_baseline_grid_get_field (ConsortBaselineGrid *self);
const char *consort_baseline_field_describe   (ConsortBaselineField field);

/* The cell being edited: @row is a service index, @column a borough
 * index of the appraisal.  Moving away from a cell whose text changed
 * commits it first; returns FALSE (and stays) if that text is invalid. */
gboolean   consort_baseline_grid_set_cursor   (ConsortBaselineGrid *self,
                                               int                  row,
                                               int                  column);
void       consort_baseline_grid_get_cursor   (ConsortBaselineGrid *self,
                                               int                 *row,
                                               int                 *column);
/* The entry that edits the cursor cell (Tab, Shift+Tab, Enter move on). */
GtkEditable *consort_baseline_grid_get_editor (ConsortBaselineGrid *self);
/* Commits the editor's text to the document (one undo step). */
gboolean   consort_baseline_grid_commit       (ConsortBaselineGrid *self);

/* Pastes tab-separated rows (as copied from a spreadsheet) with the
 * cursor cell at the top left, as one edit.  Empty cells are left as
 * they are.  If any cell is invalid or falls outside the grid, nothing
 * changes and FALSE is returned with a message. */
gboolean   consort_baseline_grid_paste_text   (ConsortBaselineGrid *self,
                                               const char          *text,
                                               char               **error_message);

/* The cell under widget coordinates (@x, @y): a row (service) and a
 * column (borough), either -1 over a header or outside the cells. */
gboolean   consort_baseline_grid_cell_at      (ConsortBaselineGrid *self,
                                               double               x,
                                               double               y,
                                               int                 *row,
                                               int                 *column);

/* The message of the last invalid entry, or NULL. */
const char *consort_baseline_grid_get_error   (ConsortBaselineGrid *self);

/* Signals: "cursor-changed" (void); "notify::error". */

G_END_DECLS
