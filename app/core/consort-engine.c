/* consort-engine.c: being written. */
#include "consort-engine.h"
