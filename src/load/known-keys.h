/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "load-util.h"

/* Whether systemd 252 knows Key= in [Section] (section without brackets) */
bool known_key(const char *section, const char *key);
