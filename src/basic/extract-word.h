/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* extract-word.h: splitting of a line into words with quotes and escapes, as unit files do
 * it (systemd.syntax(7) "Quoting"). */

#include "macro.h"

typedef enum ExtractFlags {
        EXTRACT_RELAX = 1 << 0,                /* an unbalanced quote or trailing \ is not an error */
        EXTRACT_CUNESCAPE = 1 << 1,            /* \n \t \xNN \NNN \uNNNN are decoded */
        EXTRACT_UNESCAPE_RELAX = 1 << 2,       /* unknown escapes are kept verbatim */
        EXTRACT_UNQUOTE = 1 << 3,              /* "…" and '…' are removed */
        EXTRACT_DONT_COALESCE_SEPARATORS = 1 << 4,
        EXTRACT_RETAIN_ESCAPE = 1 << 5,        /* keep the \ of an escape */
        EXTRACT_UNESCAPE_SEPARATORS = 1 << 6,  /* \<separator> is the separator itself */
} ExtractFlags;

/* Returns 1 and the next word, 0 at the end (*ret = NULL), negative errno on bad input.
 * *p advances past the word and following separators. separators NULL means whitespace. */
int extract_first_word(const char **p, char **ret, const char *separators, ExtractFlags flags);

/* C escapes: "\n" → newline etc.; returns the length, negative errno on a bad escape */
int cunescape(const char *s, size_t length, bool relax, char **ret);
char *cescape(const char *s);                      /* for output: \n, \t, \\, \" and \xNN */
