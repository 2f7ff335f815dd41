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
/* Next/previous chart, as the arrow keys do; FALSE at either end. */
gboolean   consort_presentation_window_move         (ConsortPresentationWindow *self,
                                                     int                        delta);

G_END_DECLS
