/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* env-util.h: environment blocks (strvs of "NAME=value") and environment files. */

#include "macro.h"

bool env_name_is_valid(const char *n);             /* [A-Za-z_][A-Za-z0-9_]*, not too long */
bool env_assignment_is_valid(const char *e);       /* NAME=value with a valid NAME */

const char *strv_env_get(char * const *l, const char *name);     /* value or NULL */
int strv_env_replace_consume(char ***l, char *assignment);       /* set NAME=value, replacing */
int strv_env_assign(char ***l, const char *name, const char *value); /* value NULL: unset */
char **strv_env_unset(char **l, const char *name);              /* in place; returns l */
char **strv_env_merge(char * const *a, char * const *b);        /* later wins; NULL on OOM */

/* Environment files, systemd.exec(5) EnvironmentFile=: "#"/";" comments, NAME=value, single
 * and double quotes, backslash continuation lines, whitespace around unquoted values trimmed.
 * As systemd 252 does: a line "export NAME=value" is skipped (invalid name); "$VAR" in a file
 * stays verbatim (expansion happens later, on the command line); an unterminated quote runs to
 * the end of the file; a NUL byte makes the whole file invalid (-EINVAL). Invalid lines are
 * skipped; a later assignment of a name replaces the earlier one in place. Returns the
 * assignments in order. */
int load_env_file(const char *path, char ***ret);
int parse_env_file_data(const char *data, size_t size, char ***ret);

/* $VAR and ${VAR} expansion as ExecStart= does it (systemd.service(5) "Command lines"):
 * replace_env() substitutes ${VAR} in one string (unset → ""; a braceless $VAR inside a word
 * stays verbatim, as in systemd 252); replace_env_argv() additionally turns a word that is
 * exactly $VAR into the value's whitespace-separated words (none if unset), while ${VAR} stays
 * one word. "$$" → "$". */
char *replace_env(const char *format, char * const *env);
char **replace_env_argv(char * const *argv, char * const *env);
