/* consort-money.c: being written. */
#include "consort-money.h"
