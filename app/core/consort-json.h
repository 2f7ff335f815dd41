/* consort-json.h: the interchange format (docs/interchange.md).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "consort-appraisal.h"

G_BEGIN_DECLS

/* Reads and validates.  Errors (CONSORT_ERROR_PARSE / _INVALID) carry a
 * message that starts with the place: "line 3, column 7: ..." or
 * "options[0].savings[1].rate: ...". */
ConsortAppraisal *consort_json_read_data (const char *data,
                                          gssize      length,
                                          GError    **error);
ConsortAppraisal *consort_json_read_file (const char *path,
                                          GError    **error);

/* Canonical, deterministic text: export, import, export gives the same
 * bytes. */
char             *consort_json_write      (const ConsortAppraisal *appraisal);
gboolean          consort_json_write_file (const ConsortAppraisal *appraisal,
                                           const char             *path,
                                           GError                **error);

G_END_DECLS
