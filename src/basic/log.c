/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* log.c: formatting of log lines to stderr. Writes one line with one write() so that lines
 * of concurrent writers do not interleave. */

#include <stdarg.h>

#include "log.h"

static int max_level = LOG_INFO;
static const char *log_prefix = NULL;

void log_set_max_level(int level) {
        max_level = level;
}

int log_get_max_level(void) {
        return max_level;
}

void log_set_prefix(const char *prefix) {
        log_prefix = prefix;
}

int log_internal(int level, int error, const char *format, ...) {
        char buf[2048];
        size_t n = 0;
        va_list ap;
        int saved = errno;

        (void) level;
        if (log_prefix)
                n = (size_t) snprintf(buf, sizeof buf, "%s: ", log_prefix);
        if (n >= sizeof buf)
                n = 0;

        errno = abs(error);     /* so that %m prints this error */
        va_start(ap, format);
        int k = vsnprintf(buf + n, sizeof buf - n - 1, format, ap);
        va_end(ap);
        if (k < 0)
                k = 0;
        n += (size_t) k;
        if (n > sizeof buf - 2)
                n = sizeof buf - 2;
        buf[n++] = '\n';
        (void) !write(STDERR_FILENO, buf, n);

        errno = saved;
        return -abs(error);
}
