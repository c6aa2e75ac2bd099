/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* parse-util.h: parsers of the scalar values unit files and the bus carry. Every parser
 * returns 0 or a negative errno (-EINVAL malformed, -ERANGE out of range), never logs, and
 * leaves *ret untouched on failure. Leading/trailing whitespace is refused unless noted. */

#include <sys/resource.h>
#include <sys/types.h>

#include "macro.h"

int parse_boolean(const char *s);                 /* 1/0 for yes/no/true/false/on/off/1/0/y/n/t/f, else -EINVAL */
int safe_atoi(const char *s, int *ret);
int safe_atou(const char *s, unsigned *ret);      /* refuses "-1" */
int safe_atoi64(const char *s, int64_t *ret);
int safe_atou64(const char *s, uint64_t *ret);
int safe_atou32_full(const char *s, unsigned base, uint32_t *ret);
int parse_pid(const char *s, pid_t *ret);         /* > 0 */
int parse_mode(const char *s, mode_t *ret);       /* octal, ≤ 07777 (UMask=) */
int parse_nice(const char *s, int *ret);          /* -20..19 */
int parse_oom_score_adjust(const char *s, int *ret); /* -1000..1000 */

/* "1K" "2.5M" "1G"…, base 1024 (IEC); plain numbers are bytes. "infinity" → UINT64_MAX when
 * allow_infinity. */
int parse_size(const char *s, uint64_t base, uint64_t *ret);
/* "20%" → 20; "20.5%"? no. 0..100 unless allow_over_100 */
int parse_percent(const char *s, bool allow_over_100);
/* CPUQuota= "20%" → 200000 usec per sec; "150%" allowed */
int parse_cpu_quota(const char *s, usec_t *ret_per_sec);

/* Signals: "SIGTERM", "TERM", "15" (with allow_numeric) → 15. Refuses 0 and > SIGRTMAX. */
int signal_from_string(const char *s, bool allow_numeric);
const char *signal_to_string(int sig);            /* "TERM" style without SIG; NULL if unknown */

/* Exit statuses: systemd.exec(5) "PROCESS EXIT CODES": 200 → "CHDIR", 203 → "EXEC", 217 →
 * "USER"...; also 0 → "SUCCESS", 1 → "FAILURE", 2 "INVALIDARGUMENT", 3 "NOTIMPLEMENTED",
 * 4 "NOPERMISSION", 5 "NOTINSTALLED", 6 "NOTCONFIGURED", 7 "NOTRUNNING". */
const char *exit_status_to_string(int status);
int exit_status_from_string(const char *s);       /* name or 0..255 number */

/* LimitNOFILE= etc. name is the key ("LimitNOFILE"), returns the RLIMIT_ number or -EINVAL. */
int rlimit_from_string(const char *name);         /* "NOFILE" or "LimitNOFILE" */
const char *rlimit_to_string(int resource);       /* "NOFILE" */
/* "soft:hard" or "value"; "infinity"; LimitCPU= takes seconds/time spans, LimitRTTIME= usec,
 * sizes with K/M/G for the byte-valued ones (systemd.exec(5), table of limits). */
int parse_rlimit(int resource, const char *s, struct rlimit *ret);

/* RFC 4648 base64 (StandardInputData=): whitespace anywhere is skipped, "=" padding optional
 * at the end only; -EINVAL for anything else, -ENOMEM. *ret is NUL-terminated (not counted). */
int unbase64(const char *s, void **ret, size_t *ret_size);
