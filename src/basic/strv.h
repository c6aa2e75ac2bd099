/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* strv.h: NULL-terminated arrays of strings, owned with their strings. A NULL strv is the
 * empty list everywhere. */

#include "macro.h"

char **strv_free(char **l);
DEFINE_TRIVIAL_CLEANUP_FUNC(char **, strv_free);
#define _cleanup_strv_free_ _cleanup_(strv_freep)

size_t strv_length(char * const *l);
char **strv_copy(char * const *l);                       /* NULL on OOM; copy of NULL → empty strv */
int strv_extend(char ***l, const char *value);           /* append a copy */
int strv_push(char ***l, char *value);                   /* append, taking ownership (freed on failure) */
int strv_extend_strv(char ***a, char * const *b, bool filter_duplicates);
int strv_consume_prepend(char ***l, char *value);
bool strv_contains(char * const *l, const char *s);
char **strv_remove(char **l, const char *s);             /* removes every copy in place; returns l */
char *strv_join(char * const *l, const char *separator); /* NULL on OOM; NULL list → "" */
char **strv_split(const char *s, const char *separators); /* plain split, empty fields dropped; NULL on OOM */
char **strv_uniq(char **l);
char **strv_sort(char **l);
bool strv_equal(char * const *a, char * const *b);
int strv_extendf(char ***l, const char *format, ...) _printf_(2, 3);

#define STRV_FOREACH(s, l) for (char * const *s = (l); s && *s; s++)
#define STRV_MAKE(...) ((char **) ((const char *[]) { __VA_ARGS__, NULL }))
