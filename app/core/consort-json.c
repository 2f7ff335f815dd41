/* consort-json.c: being written. */
#include "consort-json.h"
