/* consort-horizon.h: changing an appraisal's horizon as a whole.
 *
 * Changing the first financial year or the number of years leaves items
 * with figures, joining years or start years outside the horizon, which
 * validation rightly rejects.  These functions make the change people
 * mean in one edit: move everything with the first year, or fit the
 * items into a shorter horizon.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "consort-appraisal.h"

G_BEGIN_DECLS

/* How many savings and cost items have figures (or a one-year cost)
 * outside @first_year .. @first_year + @years - 1. */
guint    consort_appraisal_count_outside (const ConsortAppraisal *self,
                                          int                     first_year,
                                          int                     years);

/* Sets the horizon to @first_year and @years and fits the options into it:
 * figures and one-year costs outside it are removed, joining years and
 * start years before it move to its first year, and participants that
 * would only join, and rate or posts savings that would only start, after
 * it ends are removed (they have no figure within it).  @changes, if not
 * NULL, receives a sentence (char*) for each participant or item removed
 * that way, to show people before they confirm.  Where a participant that
 * would go still owns an item or a custom share, nothing sensible can be
 * done automatically: FALSE, with a message saying what to change first,
 * and @self is left as it was. */
gboolean consort_appraisal_fit_horizon   (ConsortAppraisal *self,
                                          int               first_year,
                                          int               years,
                                          GPtrArray        *changes,
                                          GError          **error);

/* Moves the whole appraisal by @delta years: the first year, participants'
 * joining years, savings and cost years.  Figures are kept. */
void     consort_appraisal_shift_years   (ConsortAppraisal *self,
                                          int               delta);

G_END_DECLS
