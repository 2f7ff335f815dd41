/* consort-appraisal.h: the appraisal model, plain data.
 *
 * An appraisal is a tree of plain structs owned by ConsortAppraisal.
 * Nothing here does I/O or computes figures: see consort-document.h,
 * consort-json.h and consort-engine.h.  All strings are UTF-8 and owned;
 * every GPtrArray frees its elements.  Identifiers (boroughs, services,
 * options) are short ASCII slugs, unique within their kind.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "consort-money.h"

G_BEGIN_DECLS

typedef enum {
  CONSORT_LEVEL_UNSET = 0,
  CONSORT_LEVEL_LOW,
  CONSORT_LEVEL_SOME,    /* "some" complexity; "medium" for risks */
  CONSORT_LEVEL_HIGH,
} ConsortLevel;

/* The four feasibility criteria of the reference papers (Appendix 6). */
typedef enum {
  CONSORT_CRITERION_EXISTING_ARRANGEMENTS,
  CONSORT_CRITERION_MARKET_MATURITY,
  CONSORT_CRITERION_DELIVERY_CAPABILITY,
  CONSORT_CRITERION_LEGAL_COMPLEXITY,
  CONSORT_N_CRITERIA
} ConsortCriterion;

typedef enum {
  CONSORT_KIND_NONE = 0,      /* nobody takes part yet */
  CONSORT_KIND_SINGLE,        /* one borough */
  CONSORT_KIND_TWO_BOROUGH,   /* two */
  CONSORT_KIND_ALLIANCE,      /* three or more */
} ConsortKind;

typedef enum {
  CONSORT_SHARE_DEFAULT = 0,  /* not given: baseline for savings, savings for costs */
  CONSORT_SHARE_EQUAL,
  CONSORT_SHARE_BASELINE,
  CONSORT_SHARE_POPULATION,
  CONSORT_SHARE_SAVINGS,
  CONSORT_SHARE_CUSTOM,
} ConsortShareRule;

typedef enum {
  CONSORT_METHOD_AMOUNTS,
  CONSORT_METHOD_RATE,
  CONSORT_METHOD_POSTS,
} ConsortSavingsMethod;

typedef enum {
  CONSORT_COST_REDUNDANCY,
  CONSORT_COST_PENSION_STRAIN,
  CONSORT_COST_PROJECT_MANAGEMENT,
  CONSORT_COST_ICT_INVESTMENT,
  CONSORT_COST_OTHER,
  CONSORT_N_COST_KINDS
} ConsortCostKind;

/* How a cost item was entered; kept so that export gives back the input. */
typedef enum {
  CONSORT_COST_FORM_AMOUNT,   /* amount in one year */
  CONSORT_COST_FORM_POSTS,    /* posts x unit_cost in one year */
  CONSORT_COST_FORM_AMOUNTS,  /* amounts over several years */
} ConsortCostForm;

typedef struct {
  int          year;    /* FY, e.g. 2011 for 2011/12 */
  ConsortMoney amount;  /* pence */
} ConsortYearAmount;

typedef struct {
  char          *borough_id;
  ConsortMicros  weight;
} ConsortShareWeight;

typedef struct {
  char          *model;         /* delivery model slug, e.g. "shared_service" */
  int            min_partners;  /* boroughs taking part that year, itself included */
  ConsortMicros  rate;
} ConsortDefaultRate;

typedef struct {
  char   *id;
  char   *name;
  gint64  population;
} ConsortBorough;

typedef struct {
  char          *borough_id;
  ConsortMoney   budget;            /* controllable budget, pence */
  ConsortMicros  fte;
  ConsortMicros  management_posts;
  ConsortMoney   overheads;
  gboolean       outsourced;
} ConsortBaseline;

typedef struct {
  char      *id;
  char      *name;
  GPtrArray *baselines;  /* ConsortBaseline*, at most one per borough */
} ConsortService;

typedef struct {
  char *borough_id;
  int   from_year;  /* FY it joins */
} ConsortParticipant;

typedef struct {
  char          *title;
  ConsortMicros  fte;
  ConsortMoney   cost;  /* annual cost of one FTE, pence */
} ConsortPost;

/* Who a savings or cost item belongs to: one borough, or the partnership
 * (apportioned among that year's participants by @share). */
typedef struct {
  char             *borough_id;     /* NULL: the partnership */
  ConsortShareRule  share;
  GArray           *custom_shares;  /* ConsortShareWeight, for CONSORT_SHARE_CUSTOM */
} ConsortAttribution;

typedef struct {
  char                 *label;       /* optional, free text */
  char                 *service_id;
  ConsortSavingsMethod  method;
  ConsortAttribution    owner;
  /* CONSORT_METHOD_AMOUNTS */
  GArray               *amounts;     /* ConsortYearAmount, sorted by year */
  /* CONSORT_METHOD_RATE */
  gboolean              has_rate;    /* FALSE: from the default table by @model */
  ConsortMicros         rate;
  char                 *model;
  /* CONSORT_METHOD_POSTS */
  GPtrArray            *posts;       /* ConsortPost* */
  /* RATE and POSTS */
  int                   start_year;
  int                   start_month; /* 0: from April (whole year); 1..12 calendar month */
  GArray               *phasing;     /* ConsortMicros; empty: 100% from the start */
} ConsortSavingsItem;

typedef struct {
  char               *label;       /* optional */
  ConsortCostKind     kind;
  char               *service_id;  /* optional */
  ConsortAttribution  owner;
  ConsortCostForm     form;
  int                 year;        /* FORM_AMOUNT, FORM_POSTS */
  ConsortMoney        amount;      /* FORM_AMOUNT */
  ConsortMicros       posts;       /* FORM_POSTS */
  ConsortMoney        unit_cost;   /* FORM_POSTS */
  GArray             *amounts;     /* FORM_AMOUNTS: ConsortYearAmount sorted by year */
} ConsortCostItem;

typedef struct {
  char         *service_id;
  ConsortLevel  ratings[CONSORT_N_CRITERIA];
  char         *note;  /* optional */
} ConsortFeasibility;

typedef struct {
  char         *risk_class;
  char         *issue;
  char         *mitigation;
  ConsortLevel  likelihood;  /* UNSET where not known */
  ConsortLevel  impact;
} ConsortRisk;

typedef struct {
  char      *id;
  char      *name;
  char      *description;   /* optional */
  GPtrArray *participants;  /* ConsortParticipant* */
  GPtrArray *savings;       /* ConsortSavingsItem* */
  GPtrArray *costs;         /* ConsortCostItem* */
  GPtrArray *feasibility;   /* ConsortFeasibility*, one per service at most */
  GPtrArray *risks;         /* ConsortRisk* */
} ConsortOption;

typedef struct _ConsortAppraisal ConsortAppraisal;

struct _ConsortAppraisal {
  /*< private >*/
  gatomicrefcount ref_count;
  /*< public >*/
  char          *title;
  char          *description;   /* optional */
  char          *author;        /* "prepared by", optional */
  char          *perspective;   /* borough id whose view reports take; NULL: partnership */
  int            first_year;    /* FY 2010 means 2010/11 */
  int            years;         /* horizon length, >= 1 */
  char          *currency;      /* "GBP" */
  ConsortMicros  discount_rate;
  GPtrArray     *default_rates; /* ConsortDefaultRate* */
  GPtrArray     *boroughs;      /* ConsortBorough* */
  GPtrArray     *services;      /* ConsortService* */
  GPtrArray     *options;       /* ConsortOption* */
};

#define CONSORT_DEFAULT_DISCOUNT_RATE G_GINT64_CONSTANT (35000)  /* 3.5% */
#define CONSORT_MAX_YEARS 50

/* An empty appraisal: no boroughs, services or options; first year this
 * FY, 5 years, 3.5% discount, the papers' default rates. */
ConsortAppraisal   *consort_appraisal_new           (void);
ConsortAppraisal   *consort_appraisal_ref           (ConsortAppraisal *self);
void                consort_appraisal_unref         (ConsortAppraisal *self);
/* A deep copy, for editing: the original is left as it was. */
ConsortAppraisal   *consort_appraisal_copy          (const ConsortAppraisal *self);
gboolean            consort_appraisal_equal         (const ConsortAppraisal *a,
                                                     const ConsortAppraisal *b);

/* Checks every rule of the model (docs/interchange.md lists them).  On
 * failure, the message starts with the place, e.g.
 * "options[1].savings[2].rate: 1.5 is outside 0 to 1". */
gboolean            consort_appraisal_validate      (const ConsortAppraisal *self,
                                                     GError                **error);

/* Look-ups: index or -1. */
int                 consort_appraisal_borough_index (const ConsortAppraisal *self, const char *id);
int                 consort_appraisal_service_index (const ConsortAppraisal *self, const char *id);
int                 consort_appraisal_option_index  (const ConsortAppraisal *self, const char *id);
ConsortBorough     *consort_appraisal_find_borough  (const ConsortAppraisal *self, const char *id);
ConsortService     *consort_appraisal_find_service  (const ConsortAppraisal *self, const char *id);
ConsortOption      *consort_appraisal_find_option   (const ConsortAppraisal *self, const char *id);
ConsortBaseline    *consort_service_find_baseline   (const ConsortService *service, const char *borough_id);
ConsortFeasibility *consort_option_find_feasibility (const ConsortOption *option, const char *service_id);
/* A fresh id not yet used among boroughs, services or options: "@stem", "@stem-2", ... */
char               *consort_appraisal_unique_id     (const ConsortAppraisal *self, const char *stem);

/* Constructors give zeroed structs with empty arrays; free functions
 * accept NULL. */
ConsortDefaultRate *consort_default_rate_new  (const char *model, int min_partners, ConsortMicros rate);
void                consort_default_rate_free (ConsortDefaultRate *self);
ConsortBorough     *consort_borough_new       (const char *id, const char *name, gint64 population);
void                consort_borough_free      (ConsortBorough *self);
ConsortBaseline    *consort_baseline_new      (const char *borough_id);
void                consort_baseline_free     (ConsortBaseline *self);
ConsortService     *consort_service_new       (const char *id, const char *name);
void                consort_service_free      (ConsortService *self);
ConsortParticipant *consort_participant_new   (const char *borough_id, int from_year);
void                consort_participant_free  (ConsortParticipant *self);
ConsortPost        *consort_post_new          (const char *title, ConsortMicros fte, ConsortMoney cost);
void                consort_post_free         (ConsortPost *self);
ConsortSavingsItem *consort_savings_item_new  (const char *service_id, ConsortSavingsMethod method);
void                consort_savings_item_free (ConsortSavingsItem *self);
ConsortCostItem    *consort_cost_item_new     (ConsortCostKind kind);
void                consort_cost_item_free    (ConsortCostItem *self);
ConsortFeasibility *consort_feasibility_new   (const char *service_id);
void                consort_feasibility_free  (ConsortFeasibility *self);
ConsortRisk        *consort_risk_new          (void);
void                consort_risk_free         (ConsortRisk *self);
ConsortOption      *consort_option_new        (const char *id, const char *name);
void                consort_option_free       (ConsortOption *self);

/* Deep copies of the parts, for editors that replace one element. */
ConsortSavingsItem *consort_savings_item_copy (const ConsortSavingsItem *self);
ConsortCostItem    *consort_cost_item_copy    (const ConsortCostItem *self);
ConsortOption      *consort_option_copy       (const ConsortOption *self);
ConsortService     *consort_service_copy      (const ConsortService *self);
ConsortRisk        *consort_risk_copy         (const ConsortRisk *self);
/* Deep equality of the parts (NULL equals only NULL), for editors that
 * check the element they replace is still the one they opened. */
gboolean            consort_savings_item_equal (const ConsortSavingsItem *a, const ConsortSavingsItem *b);
gboolean            consort_cost_item_equal    (const ConsortCostItem *a, const ConsortCostItem *b);
gboolean            consort_risk_equal         (const ConsortRisk *a, const ConsortRisk *b);

/* Sets @amount for @year in a sorted ConsortYearAmount array (0 removes it). */
void                consort_year_amounts_set  (GArray *amounts, int year, ConsortMoney amount);
ConsortMoney        consort_year_amounts_get  (const GArray *amounts, int year);

/* Slugs used in the interchange format and the document. */
const char *consort_share_rule_to_string (ConsortShareRule rule);   /* "equal", ... NULL for DEFAULT/CUSTOM */
gboolean    consort_share_rule_from_string (const char *s, ConsortShareRule *out);
const char *consort_method_to_string     (ConsortSavingsMethod method);
gboolean    consort_method_from_string   (const char *s, ConsortSavingsMethod *out);
const char *consort_cost_kind_to_string  (ConsortCostKind kind);      /* "redundancy", ... */
gboolean    consort_cost_kind_from_string (const char *s, ConsortCostKind *out);
const char *consort_criterion_to_string  (ConsortCriterion c);        /* "existing_arrangements", ... */
const char *consort_level_to_string      (ConsortLevel level, gboolean risk); /* "low" "some"/"medium" "high", NULL for UNSET */
gboolean    consort_level_from_string    (const char *s, ConsortLevel *out);
const char *consort_kind_to_string       (ConsortKind kind);          /* "single-borough", "two-borough", "alliance" */

/* Human-readable (translatable) names, for the GUI and the report. */
const char *consort_share_rule_describe  (ConsortShareRule rule, gboolean for_cost);
const char *consort_cost_kind_describe   (ConsortCostKind kind);
const char *consort_criterion_describe   (ConsortCriterion c);
const char *consort_kind_describe        (ConsortKind kind);
const char *consort_model_describe       (const char *model);  /* "shared_service" -> "Shared service (in-house)" */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConsortAppraisal, consort_appraisal_unref)

G_END_DECLS
