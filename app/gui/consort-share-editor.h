/* consort-share-editor.h: who a savings or cost item belongs to, and how
 * the partnership shares it (equal, baselines, population, savings,
 * custom weights per participant).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "consort-core.h"

G_BEGIN_DECLS

#define CONSORT_TYPE_SHARE_EDITOR (consort_share_editor_get_type ())
G_DECLARE_FINAL_TYPE (ConsortShareEditor, consort_share_editor, CONSORT, SHARE_EDITOR, AdwPreferencesGroup)

/* @for_cost: the default rule differs for costs (savings) and savings (baselines). */
GtkWidget *consort_share_editor_new             (gboolean for_cost);
/* Offers the option's participants (and the owner, if it is not one). */
void       consort_share_editor_set_attribution (ConsortShareEditor       *self,
                                                 const ConsortAppraisal   *appraisal,
                                                 const ConsortOption      *option,
                                                 const ConsortAttribution *owner);
/* Writes the rows into @out (replacing its contents).  FALSE with a
 * message naming the row if a custom share cannot be read. */
gboolean   consort_share_editor_get_attribution (ConsortShareEditor  *self,
                                                 ConsortAttribution  *out,
                                                 char               **error_message);

/* For tests: choose the owner (NULL: the partnership) and the rule. */
void       consort_share_editor_select          (ConsortShareEditor *self,
                                                 const char         *borough_id,
                                                 ConsortShareRule    rule);

G_END_DECLS
