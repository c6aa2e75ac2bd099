/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* path-util.h: file system paths as strings; nothing here touches the disk except where a
 * name says so. */

#include "macro.h"

static inline bool path_is_absolute(const char *p) {
        return p && p[0] == '/';
}
char *path_join_many(const char *first, ...);      /* NULL-terminated; one "/" between; NULL on OOM */
#define path_join(...) path_join_many(__VA_ARGS__, NULL)
char *path_simplify(char *p);                      /* drops "//", "/./", trailing "/"; in place */
bool path_is_normalized(const char *p);            /* no "..", ".", "//" */
const char *path_startswith(const char *path, const char *prefix); /* rest after prefix dir, or NULL */
const char *basename_ptr(const char *p);           /* last component */
int path_dirname(const char *p, char **ret);
bool path_equal(const char *a, const char *b);

/* Reading files whole, bounded: -EFBIG above max_size; -EISDIR for directories. */
int read_full_file(const char *path, size_t max_size, char **ret, size_t *ret_size);
int write_string_file(const char *path, const char *s, bool atomic);
int mkdir_p(const char *path, mode_t mode);
int rm_rf(const char *path);
