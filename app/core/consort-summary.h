/* consort-summary.h: the council-paper summary as text and as JSON.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "consort-engine.h"

G_BEGIN_DECLS

/* @party: -1 for the partnership, else a borough index. */

/* Council-paper tables (gross savings, costs, net savings; options as rows,
 * FY columns and Total; negatives in brackets) plus NPV and break-even. */
char *consort_summary_to_text (const ConsortResults *results, int party);

/* The `summary --json` document (docs/cli.md); @party -1 gives every
 * borough under "boroughs", a borough index only that borough. */
char *consort_summary_to_json (const ConsortResults *results, int party);

G_END_DECLS
