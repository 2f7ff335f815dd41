/* consort-presentation-window.h: the charts full screen, one at a time,
 * in large type, for a cabinet meeting.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "consort-chart.h"

G_BEGIN_DECLS

#define CONSORT_TYPE_PRESENTATION_WINDOW (consort_presentation_window_get_type ())
G_DECLARE_FINAL_TYPE (ConsortPresentationWindow, consort_presentation_window, CONSORT, PRESENTATION_WINDOW, AdwWindow)

GtkWidget *consort_presentation_window_new          (GtkWindow *parent);
/* Shows @charts (references taken), keeping the position if it still exists. */
void       consort_presentation_window_set_charts   (ConsortPresentationWindow *self,
                                                     ConsortChart             **charts,
                                                     guint                      n_charts);
void       consort_presentation_window_set_position (ConsortPresentationWindow *self,
                                                     guint                      position);
guint      consort_presentation_window_get_position (ConsortPresentationWindow *self);
/* A first slide before the charts: a table of @n_rows rows (the first
 * the headings) and @n_columns columns, @cells row by row; column 0 is
 * text, the others figures.  Row @highlight (or -1) is the one to stand
 * out.  With a summary, position 0 is the summary and chart i is at
 * i + 1.  @n_rows 0 removes it. */
void       consort_presentation_window_set_summary  (ConsortPresentationWindow *self,
                                                     const char                *title,
                                                     const char                *subtitle,
                                                     guint                      n_rows,
                                                     guint                      n_columns,
                                                     const char * const        *cells,
                                                     int                        highlight);
gboolean   consort_presentation_window_has_summary  (ConsortPresentationWindow *self);
/* Next/previous slide, as the arrow keys do; FALSE at either end. */
gboolean   consort_presentation_window_move         (ConsortPresentationWindow *self,
                                                     int                        delta);

G_END_DECLS
