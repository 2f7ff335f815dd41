/* consort-describe.h: model places and slugs in words for people.
 *
 * Validation errors start with a place written for people who edit the
 * interchange JSON ("options[2] (\"2\").savings[1].amounts[\"2013\"]: ...",
 * see docs/interchange.md).  Directors using the application need the same
 * place as the names they see on screen.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "consort-appraisal.h"

G_BEGIN_DECLS

/* The message of @error with its place put in words, using the names in
 * @appraisal (the appraisal that failed validation), e.g. "Option 2,
 * savings item 2 (Looked After Children Services): 2013/14 is outside the
 * horizon 2010/11 to 2012/13".  Errors whose place cannot be read are
 * returned as they are.  Never NULL; free with g_free(). */
char               *consort_appraisal_describe_error (const ConsortAppraisal *appraisal,
                                                      const GError           *error);

/* The delivery models Consort knows, in the order people choose among
 * them, NULL-terminated: "shared_service", "joint_commissioning", ...
 * consort_model_describe() names each. */
const char * const *consort_known_models             (void);

G_END_DECLS
