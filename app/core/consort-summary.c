/* consort-summary.c: being written. */
#include "consort-summary.h"
