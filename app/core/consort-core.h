/* consort-core.h: everything of the GTK-free Consort library.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "consort-error.h"
#include "consort-money.h"
#include "consort-appraisal.h"
#include "consort-describe.h"
#include "consort-horizon.h"
#include "consort-engine.h"
#include "consort-json.h"
#include "consort-document.h"
#include "consort-summary.h"
