/* consort-document.c: being written. */
#include "consort-document.h"
