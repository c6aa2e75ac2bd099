/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* time-util.h: time spans as systemd.time(7) writes them, and clocks. */

#include <time.h>

#include "macro.h"

usec_t now(clockid_t clock);
usec_t timespec_load(const struct timespec *ts);

/* "5", "5s", "1min 30s", "2h", "100ms", "1.5s", "infinity"; a unitless number is
 * default_unit (USEC_PER_SEC for most keys). "" → -EINVAL. */
int parse_time(const char *s, usec_t *ret, usec_t default_unit);
static inline int parse_sec(const char *s, usec_t *ret) {
        return parse_time(s, ret, USEC_PER_SEC);
}
/* As parse_sec(), but "0" means infinity (TimeoutSec= and friends) */
int parse_sec_fix_0(const char *s, usec_t *ret);

/* format like systemd: "1min 30s", "100ms", "infinity", "0". accuracy 1 gives all units down
 * to "us"; systemctl show uses accuracy 1. Returns buf. */
char *format_timespan(char *buf, size_t l, usec_t t, usec_t accuracy);
#define FORMAT_TIMESPAN_MAX 64
