/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz-time.c: parse_time() over arbitrary text, and format_timespan() of what it gives back,
 * which must parse again to the same value. */

#include "time-util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        static const usec_t units[] = { 1, USEC_PER_MSEC, USEC_PER_SEC, USEC_PER_MINUTE };
        static const usec_t accuracies[] = { 0, 1, USEC_PER_MSEC, USEC_PER_SEC, USEC_PER_HOUR };
        _cleanup_(freep) char *s = NULL;
        char buf[FORMAT_TIMESPAN_MAX], small[7];
        usec_t u, v;

        if (size > 4096)
                return 0;
        s = strndup((const char *) data, size);
        if (!s)
                return 0;

        for (size_t i = 0; i < ELEMENTSOF(units); i++) {
                if (parse_time(s, &u, units[i]) < 0)
                        continue;
                for (size_t j = 0; j < ELEMENTSOF(accuracies); j++) {
                        format_timespan(buf, sizeof buf, u, accuracies[j]);
                        format_timespan(small, sizeof small, u, accuracies[j]);
                }
                /* at full accuracy the text form is exact */
                format_timespan(buf, sizeof buf, u, 1);
                if (parse_sec(buf, &v) < 0 || v != u)
                        abort();
        }
        (void) parse_sec_fix_0(s, &u);
        return 0;
}
