/* consort-error.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "consort-error.h"

G_DEFINE_QUARK (consort-error-quark, consort_error)
