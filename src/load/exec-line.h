/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* exec-line.h: the command lines of ExecStart= and friends, systemd.service(5) "COMMAND
 * LINES": prefixes "@", "-", ":", "+", "!", "!!", quoting and escapes, several commands
 * separated by a lone ";". Specifiers are expanded by the caller before. */

#include "unit-def.h"

/* Parses one assignment's value into commands (appended to *list). An empty value is not
 * handled here (the caller resets the list). Returns the number of commands added, or
 * negative errno with *ret_reason (static text, systemd's wording) set:
 *   -ENOEXEC: bad quoting/escapes, empty command, path neither absolute nor a valid file
 *   name: systemd 252 makes this fatal for the unit (bad-setting);
 *   -EINVAL: the same, but the command had the "-" prefix: the line is only ignored.
 * On error *list is unchanged. */
int exec_line_parse(const char *value, ExecCommandList *list, const char **ret_reason);

/* "ignore-failure privileged no-setuid ambient no-env-expand" as ExecStartEx= shows */
char *exec_command_flags_to_string(ExecCommandFlags f);
