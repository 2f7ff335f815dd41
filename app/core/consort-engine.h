/* consort-engine.h: computes an appraisal's figures.
 *
 * The engine is a pure function of a ConsortAppraisal: every figure is
 * exact integer pence (docs/rounding.md).  Results keep a reference to the
 * appraisal they were computed from.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "consort-appraisal.h"

G_BEGIN_DECLS

#define CONSORT_NO_YEAR 0  /* break-even FY when there is none */

/* One party's figures over the horizon (arrays of n_years). */
typedef struct {
  gboolean      participates;  /* FALSE for a borough not in the option */
  ConsortMoney *gross;
  ConsortMoney *costs;
  ConsortMoney *net;          /* gross - costs */
  ConsortMoney *cumulative;   /* running sum of net */
  ConsortMoney  total_gross;
  ConsortMoney  total_costs;
  ConsortMoney  total_net;
  ConsortMoney  npv;          /* net discounted at the appraisal's rate, first FY undiscounted */
  int           breakeven;    /* first FY whose cumulative net is >= 0 after being < 0; CONSORT_NO_YEAR */
} ConsortFigures;

typedef struct {
  const ConsortOption *option;
  int                  n_years;
  int                  n_boroughs;      /* of the appraisal, in its order */
  int                  n_services;
  ConsortKind          kind;            /* in the final FY of the horizon */
  int                 *partners;        /* [n_years]: boroughs taking part that FY */
  ConsortKind         *kinds;           /* [n_years] */
  ConsortFigures       partnership;     /* sum over boroughs */
  ConsortFigures      *boroughs;        /* [n_boroughs] */
  /* Gross savings by service and costs by kind, for the partnership
   * (party -1) and each borough: see the accessors below. */
  ConsortMoney        *service_gross;   /* [(n_boroughs + 1) * n_services * n_years] */
  ConsortMoney        *kind_costs;      /* [(n_boroughs + 1) * CONSORT_N_COST_KINDS * n_years] */
} ConsortOptionResult;

typedef struct _ConsortResults ConsortResults;

struct _ConsortResults {
  /*< private >*/
  gatomicrefcount      ref_count;
  /*< public >*/
  ConsortAppraisal    *appraisal;  /* the appraisal computed (a reference) */
  int                  first_year;
  int                  n_years;
  int                  n_options;
  ConsortOptionResult *options;    /* [n_options], in the appraisal's order */
};

/* Computes every option.  Fails only on overflow (CONSORT_ERROR_OVERFLOW,
 * naming the option and item) or on an appraisal that does not validate. */
ConsortResults *consort_engine_compute (ConsortAppraisal *appraisal,
                                        GError          **error);

ConsortResults *consort_results_ref   (ConsortResults *self);
void            consort_results_unref (ConsortResults *self);

/* Figures of @party: -1 for the partnership, else a borough index. */
const ConsortFigures *consort_option_result_figures (const ConsortOptionResult *result,
                                                     int                        party);
ConsortMoney consort_option_result_service_gross (const ConsortOptionResult *result,
                                                  int party, int service, int year_index);
ConsortMoney consort_option_result_kind_costs    (const ConsortOptionResult *result,
                                                  int party, ConsortCostKind kind, int year_index);

/* Net present value of @n values at @rate (micros), the first
 * undiscounted, rounded half away from zero to the penny. */
ConsortMoney consort_npv (const ConsortMoney *values, int n, ConsortMicros rate);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConsortResults, consort_results_unref)

G_END_DECLS
