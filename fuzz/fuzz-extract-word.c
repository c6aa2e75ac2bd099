/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz-extract-word.c: extract_first_word() with flags and separators taken from the input,
 * until the line ends or an error; cunescape() and cescape() round trips on the same bytes. */

#include "extract-word.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        _cleanup_(freep) char *s = NULL, *e = NULL, *u = NULL;
        const char *separators = NULL, *p;
        ExtractFlags flags;
        char sep[3] = {};

        if (size < 2 || size > 16384)
                return 0;

        /* first byte: flags; second: separators (0 = whitespace, else that byte and ",") */
        flags = data[0] & 0x7f;
        if (data[1] != 0) {
                sep[0] = (char) data[1];
                sep[1] = ',';
                separators = sep;
        }
        s = strndup((const char *) data + 2, size - 2);
        if (!s)
                return 0;

        p = s;
        for (;;) {
                _cleanup_(freep) char *w = NULL;
                int r;

                r = extract_first_word(&p, &w, separators, flags);
                if (r <= 0)
                        break;
                if (!w)
                        abort();
        }

        (void) cunescape(s, strlen(s), flags & 1, &u);
        e = cescape(s);
        if (e) {
                _cleanup_(freep) char *back = NULL;

                if (cunescape(e, strlen(e), false, &back) < 0 || !streq(back, s))
                        abort();
        }
        return 0;
}
