/* consort-appraisal.c: being written. */
#include "consort-appraisal.h"
