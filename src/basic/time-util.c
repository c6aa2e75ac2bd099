/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* time-util.c: clocks, and time spans as systemd.time(7) writes them: parsing of "1min 30s",
 * "1.5s", "infinity" and formatting in the form systemctl show prints ("1min 30s", "100ms",
 * "1.500000s"). Not here: calendar events and timestamps. */

#include <ctype.h>

#include "time-util.h"

usec_t timespec_load(const struct timespec *ts) {
        assert(ts);

        if (ts->tv_sec < 0 || ts->tv_nsec < 0)
                return USEC_INFINITY;
        if ((usec_t) ts->tv_sec > (UINT64_MAX - (usec_t) ts->tv_nsec / NSEC_PER_USEC) / USEC_PER_SEC)
                return USEC_INFINITY;
        return (usec_t) ts->tv_sec * USEC_PER_SEC + (usec_t) ts->tv_nsec / NSEC_PER_USEC;
}

usec_t now(clockid_t clock) {
        struct timespec ts;

        if (clock_gettime(clock, &ts) < 0)
                abort();        /* only an invalid clock id fails: our bug */
        return timespec_load(&ts);
}

/* Units accepted after a number. The table is searched in order for the first prefix match,
 * so each longer spelling precedes its prefixes ("msec" before "ms" before "m"). */
static const struct {
        const char *suffix;
        usec_t usec;
} time_units[] = {
        { "seconds", USEC_PER_SEC },
        { "second",  USEC_PER_SEC },
        { "sec",     USEC_PER_SEC },
        { "s",       USEC_PER_SEC },
        { "minutes", USEC_PER_MINUTE },
        { "minute",  USEC_PER_MINUTE },
        { "min",     USEC_PER_MINUTE },
        { "months",  USEC_PER_MONTH },
        { "month",   USEC_PER_MONTH },
        { "M",       USEC_PER_MONTH },
        { "msec",    USEC_PER_MSEC },
        { "ms",      USEC_PER_MSEC },
        { "m",       USEC_PER_MINUTE },
        { "hours",   USEC_PER_HOUR },
        { "hour",    USEC_PER_HOUR },
        { "hr",      USEC_PER_HOUR },
        { "h",       USEC_PER_HOUR },
        { "days",    USEC_PER_DAY },
        { "day",     USEC_PER_DAY },
        { "d",       USEC_PER_DAY },
        { "weeks",   USEC_PER_WEEK },
        { "week",    USEC_PER_WEEK },
        { "w",       USEC_PER_WEEK },
        { "years",   USEC_PER_YEAR },
        { "year",    USEC_PER_YEAR },
        { "y",       USEC_PER_YEAR },
        { "usec",    1 },
        { "us",      1 },
        { "\xc2\xb5s", 1 },     /* µs, MICRO SIGN */
        { "\xce\xbcs", 1 },     /* μs, GREEK SMALL LETTER MU */
};

#define WHITESPACE " \t\n\r"

static usec_t unit_at(const char **p, usec_t default_unit) {
        for (size_t i = 0; i < ELEMENTSOF(time_units); i++) {
                const char *e = startswith(*p, time_units[i].suffix);

                if (e) {
                        *p = e;
                        return time_units[i].usec;
                }
        }
        return default_unit;
}

int parse_time(const char *s, usec_t *ret, usec_t default_unit) {
        usec_t sum = 0;
        const char *p;

        assert(s);
        assert(ret);
        assert(default_unit > 0);

        p = s + strspn(s, WHITESPACE);
        if (startswith(p, "infinity") && p[strspn(p + 8, WHITESPACE) + 8] == 0) {
                *ret = USEC_INFINITY;
                return 0;
        }
        if (!*p)
                return -EINVAL;

        /* A sequence of "<number>[.<digits>] [unit]" components, whitespace allowed around the
         * unit; components add up ("1min 30s", "1min30s", "1 2" is 3s). */
        while (*p) {
                unsigned __int128 v;
                uint64_t n = 0, f = 0, d = 1;
                bool digits = false;
                usec_t m;

                if (*p == '-')
                        return -ERANGE;
                if (*p == '+')
                        p++;
                for (; isdigit((unsigned char) *p); p++) {
                        /* systemd reads the integer part as a long long */
                        if (n > (uint64_t) (INT64_MAX - (*p - '0')) / 10)
                                return -ERANGE;
                        n = n * 10 + (uint64_t) (*p - '0');
                        digits = true;
                }
                if (*p == '.') {
                        p++;
                        if (!isdigit((unsigned char) *p))
                                return -EINVAL;         /* "5." */
                        for (; isdigit((unsigned char) *p); p++)
                                if (d < UINT64_C(1000000000000000000)) {
                                        f = f * 10 + (uint64_t) (*p - '0');
                                        d *= 10;
                                }
                        digits = true;
                }
                if (!digits)
                        return -EINVAL;

                if (*p == '.')
                        return -EINVAL;         /* "1.2.3s" */
                p += strspn(p, WHITESPACE);
                m = unit_at(&p, default_unit);

                /* as systemd: an integer part that reaches infinity / unit is out of range */
                if (n >= USEC_INFINITY / m)
                        return -ERANGE;
                v = (unsigned __int128) n * m + (unsigned __int128) f * m / d;
                if (v >= USEC_INFINITY || sum > USEC_INFINITY - 1 - (usec_t) v)
                        return -ERANGE;
                sum += (usec_t) v;

                p += strspn(p, WHITESPACE);
        }

        *ret = sum;
        return 0;
}

int parse_sec_fix_0(const char *s, usec_t *ret) {
        usec_t u;
        int r;

        assert(ret);

        r = parse_sec(s, &u);
        if (r < 0)
                return r;
        *ret = u == 0 ? USEC_INFINITY : u;
        return 0;
}

static unsigned digits_of(usec_t x) {
        unsigned n = 0;

        for (; x > 1; x /= 10)
                n++;
        return n;
}

char *format_timespan(char *buf, size_t l, usec_t t, usec_t accuracy) {
        static const struct {
                const char *suffix;
                usec_t usec;
        } table[] = {
                { "y",     USEC_PER_YEAR },
                { "month", USEC_PER_MONTH },
                { "w",     USEC_PER_WEEK },
                { "d",     USEC_PER_DAY },
                { "h",     USEC_PER_HOUR },
                { "min",   USEC_PER_MINUTE },
                { "s",     USEC_PER_SEC },
                { "ms",    USEC_PER_MSEC },
                { "us",    1 },
        };
        size_t n = 0;

        assert(buf);
        assert(l > 0);

        buf[0] = 0;
        if (t == USEC_INFINITY) {
                (void) snprintf(buf, l, "infinity");
                return buf;
        }
        if (t == 0) {
                (void) snprintf(buf, l, "0");
                return buf;
        }
        if (accuracy == 0)
                accuracy = 1;

        for (size_t i = 0; i < ELEMENTSOF(table) && t > 0; i++) {
                usec_t a, b;
                int k;

                if (t < accuracy && n > 0)
                        break;
                if (t < table[i].usec)
                        continue;

                a = t / table[i].usec;
                b = t % table[i].usec;

                /* Below a minute the remainder is written as a decimal fraction of this unit,
                 * with as many digits as the accuracy allows: "1.500000s", "1.001ms". */
                if (t < USEC_PER_MINUTE && b > 0) {
                        unsigned du = digits_of(table[i].usec), da = digits_of(accuracy);

                        if (du > da) {
                                unsigned j = du - da;

                                for (unsigned x = 0; x < da; x++)
                                        b /= 10;
                                k = snprintf(buf + n, l - n, "%s%" PRIu64 ".%0*" PRIu64 "%s",
                                             n > 0 ? " " : "", a, (int) j, b, table[i].suffix);
                                if (k < 0 || (size_t) k >= l - n) {
                                        buf[l - 1] = 0;
                                        return buf;
                                }
                                n += (size_t) k;
                                t = 0;
                                break;
                        }
                }

                k = snprintf(buf + n, l - n, "%s%" PRIu64 "%s", n > 0 ? " " : "", a, table[i].suffix);
                if (k < 0 || (size_t) k >= l - n) {
                        buf[l - 1] = 0;
                        return buf;
                }
                n += (size_t) k;
                t = b;
        }

        if (n == 0)
                (void) snprintf(buf, l, "0");
        return buf;
}
