/* consort-error.h: the one error domain of the Consort library.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CONSORT_ERROR (consort_error_quark ())

typedef enum {
  CONSORT_ERROR_INVALID,      /* input breaks a rule of the model; message names the place */
  CONSORT_ERROR_PARSE,        /* JSON that cannot be parsed */
  CONSORT_ERROR_NOT_CONSORT,  /* a file that is not a Consort appraisal */
  CONSORT_ERROR_DAMAGED,      /* a Consort file whose contents are damaged */
  CONSORT_ERROR_TOO_NEW,      /* written by a newer Consort */
  CONSORT_ERROR_READ_ONLY,    /* the document cannot be written */
  CONSORT_ERROR_OVERFLOW,     /* a money figure does not fit */
  CONSORT_ERROR_IO,
  CONSORT_ERROR_NOTHING_TO_UNDO,
} ConsortError;

GQuark consort_error_quark (void);

G_END_DECLS
