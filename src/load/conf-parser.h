/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* conf-parser.h: the syntax of unit files, systemd.syntax(7): [Section] headers, "#"/";"
 * comments, "Key=Value" assignments, continuation lines ending in a backslash (comment lines
 * inside a continuation are skipped). It knows no keys: every assignment goes to a callback.
 * A NUL byte ends its line. Input that is not UTF-8 or a line longer than CONF_LINE_MAX fails
 * the whole file, as systemd does. */

#include "macro.h"

#define CONF_LINE_MAX (1024U * 1024U)   /* systemd's LONG_LINE_MAX */

/* Called at each "[Section]" header: return 1 to receive its assignments, 0 to skip them
 * silently (the callback warned), negative errno to abort. */
typedef int (*ConfSectionCallback)(const char *file, unsigned line, const char *section, void *userdata);
/* Called per assignment with key and value stripped of surrounding whitespace; negative
 * errno aborts the parse and is returned by conf_parse_text(). */
typedef int (*ConfAssignmentCallback)(const char *file, unsigned line, const char *section,
                                      const char *key, const char *value, void *userdata);

/* Returns 0, or negative errno: -EBADMSG for an invalid section header, -EINVAL for text that
 * is not UTF-8, -ENOBUFS for a line above CONF_LINE_MAX, or what a callback returned. Warns
 * (file:line) about lines without "=" and assignments outside any section. */
int conf_parse_text(const char *file, const char *text, size_t size, ConfSectionCallback section_cb,
                    ConfAssignmentCallback assignment_cb, void *userdata);

bool conf_utf8_is_valid(const char *s, size_t n);
