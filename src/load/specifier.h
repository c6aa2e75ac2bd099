/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* specifier.h: "%n", "%i", "%h" … in unit files, systemd.unit(5) "SPECIFIERS". */

#include "load.h"

/* Expands every specifier of text for the unit name (with fragment_path for %y/%Y, may be
 * NULL). Returns 0, -EBADSLT for an unknown specifier or a lone trailing "%", -ENOMEM. */
int unit_specifier_expand(const char *name, const char *fragment_path, const LookupPaths *lp,
                          const char *text, char **ret);

/* systemd-escape unescaping: "\xNN" decoded, "-" → "/" (%I, %J, %P); path form adds a
 * leading "/" (%f). -EINVAL for a bad escape. */
int specifier_unescape(const char *s, bool path, char **ret);
