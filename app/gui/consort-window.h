/* consort-window.h: a window showing one appraisal document.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "consort-application.h"
#include "consort-core.h"

G_BEGIN_DECLS

#define CONSORT_TYPE_WINDOW (consort_window_get_type ())
G_DECLARE_FINAL_TYPE (ConsortWindow, consort_window, CONSORT, WINDOW, AdwApplicationWindow)

ConsortWindow   *consort_window_new              (ConsortApplication *application);

/* "document" property: the appraisal shown, NULL for the welcome page. */
ConsortDocument *consort_window_get_document     (ConsortWindow   *self);
void             consort_window_set_document     (ConsortWindow   *self,
                                                  ConsortDocument *document);

/* Opens a .consort file, or imports a .json interchange file into a new
 * draft; FALSE with @error on failure (the window is left as it was). */
gboolean         consort_window_load             (ConsortWindow  *self,
                                                  const char     *path,
                                                  GError        **error);
/* Like consort_window_load() but reports failure in a dialog. */
void             consort_window_open_file        (ConsortWindow *self,
                                                  GFile         *file);

/* "editable" property: a document is shown and it can be written. */
gboolean         consort_window_get_editable     (ConsortWindow *self);

/* Pages: "comparison", "options", "boroughs", "services", "feasibility",
 * "settings" (what win.show-page takes).  A page is created the first time
 * it is shown or asked for, so that start-up builds only what is seen. */
void             consort_window_show_page        (ConsortWindow *self,
                                                  const char    *name);
const char      *consort_window_get_visible_page (ConsortWindow *self);
GtkWidget       *consort_window_get_page         (ConsortWindow *self,
                                                  const char    *name);

void             consort_window_add_toast        (ConsortWindow *self,
                                                  const char    *text);

G_END_DECLS
