/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* load-util.h: small helpers src/load needs that src/basic does not (yet) offer. */

#include <dirent.h>

#include "macro.h"
#include "path-util.h"

static inline void closedirp(DIR **d) {
        if (*d)
                closedir(*d);
}

#ifndef _cleanup_free_
#define _cleanup_free_ _cleanup_(freep)
#endif

/* How load_next_word() treats a backslash: as the next byte (PLAIN), as a C escape (\n \t \s
 * \xNN \NNN \uNNNN \\ \" \' …; anything else is an error: CUNESCAPE), or as a C escape
 * where one is known and kept verbatim, backslash included, where not (\; \$ "\ ": the
 * systemd 252 rules for command lines, CUNESCAPE_RELAX). */
typedef enum LoadWordMode {
        LOAD_WORD_PLAIN,
        LOAD_WORD_CUNESCAPE,
        LOAD_WORD_CUNESCAPE_RELAX,
} LoadWordMode;

/* Splits off the next word of a command line or list value, systemd.syntax(7) "Quoting":
 * '…' and "…" anywhere in a word, escapes as mode says. Returns 1 and the word, 0 at the end,
 * -EINVAL for bad quoting or escapes. *ret_separator is set when the word was a bare ";"
 * (ExecStart= command separator). */
int load_next_word(const char **p, LoadWordMode mode, char **ret, bool *ret_separator);

/* systemd's filename_is_valid(): no "/", not "." or "..", ≤ 255 bytes, not empty */
bool load_filename_is_valid(const char *s);

/* load-unit.c: the alias symlinks of the search path (LookupPaths.alias_cache) */
struct AliasCache *alias_cache_new(void);
struct AliasCache *alias_cache_free(struct AliasCache *c);
