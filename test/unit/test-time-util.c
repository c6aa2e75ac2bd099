/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-time-util.c: parse_time()/parse_sec()/parse_sec_fix_0() and format_timespan() against
 * what systemd-analyze timespan and systemctl show print for the same spans. */

#include "time-util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <cmocka.h>

static void test_parse_sec(void **state) {
        static const struct { const char *in; int ret; usec_t out; } t[] = {
                { "5",                 0,       5 * USEC_PER_SEC },
                { "5s",                0,       5 * USEC_PER_SEC },
                { "5 s",               0,       5 * USEC_PER_SEC },
                { " 5s ",              0,       5 * USEC_PER_SEC },
                { "+5",                0,       5 * USEC_PER_SEC },
                { "1min 30s",          0,       90 * USEC_PER_SEC },
                { "1min30s",           0,       90 * USEC_PER_SEC },
                { "1min30",            0,       90 * USEC_PER_SEC },
                { "1 2",               0,       3 * USEC_PER_SEC },
                { "5sec5",             0,       10 * USEC_PER_SEC },
                { "2h",                0,       2 * USEC_PER_HOUR },
                { "100ms",             0,       100 * USEC_PER_MSEC },
                { "1.5s",              0,       1500 * USEC_PER_MSEC },
                { "1.5",               0,       1500 * USEC_PER_MSEC },
                { ".5s",               0,       500 * USEC_PER_MSEC },
                { "2.5min",            0,       150 * USEC_PER_SEC },
                { "1h 0.5m",           0,       USEC_PER_HOUR + 30 * USEC_PER_SEC },
                { "59.9999999s",       0,       59999999 },
                { "0.1us",             0,       0 },
                { "0",                 0,       0 },
                { "infinity",          0,       USEC_INFINITY },
                { "  infinity  ",      0,       USEC_INFINITY },
                { "1us",               0,       1 },
                { "1usec",             0,       1 },
                { "1\xc2\xb5s",        0,       1 },
                { "1\xce\xbcs",        0,       1 },
                { "1msec",             0,       USEC_PER_MSEC },
                { "1second",           0,       USEC_PER_SEC },
                { "2seconds",          0,       2 * USEC_PER_SEC },
                { "1m",                0,       USEC_PER_MINUTE },
                { "1minute",           0,       USEC_PER_MINUTE },
                { "3minutes",          0,       3 * USEC_PER_MINUTE },
                { "1hr",               0,       USEC_PER_HOUR },
                { "1hour",             0,       USEC_PER_HOUR },
                { "2hours",            0,       2 * USEC_PER_HOUR },
                { "1d",                0,       USEC_PER_DAY },
                { "1day",              0,       USEC_PER_DAY },
                { "2days",             0,       2 * USEC_PER_DAY },
                { "1w",                0,       USEC_PER_WEEK },
                { "1week",             0,       USEC_PER_WEEK },
                { "3 weeks 2days",     0,       3 * USEC_PER_WEEK + 2 * USEC_PER_DAY },
                { "1M",                0,       USEC_PER_MONTH },
                { "1month",            0,       USEC_PER_MONTH },
                { "2months",           0,       2 * USEC_PER_MONTH },
                { "1y",                0,       USEC_PER_YEAR },
                { "1year",             0,       USEC_PER_YEAR },
                { "2years",            0,       2 * USEC_PER_YEAR },
                { "1y 1M",             0,       USEC_PER_YEAR + USEC_PER_MONTH },
                { "584541y",           0,       584541 * USEC_PER_YEAR },
                { "9223372036854775807us", 0,   UINT64_C(9223372036854775807) },
                { "",                  -EINVAL, 0 },
                { " ",                 -EINVAL, 0 },
                { "-1",                -ERANGE, 0 },
                { "5.",                -EINVAL, 0 },
                { "1e3",               -EINVAL, 0 },
                { "5mins",             -EINVAL, 0 },
                { "1.2.3s",            -EINVAL, 0 },
                { "s",                 -EINVAL, 0 },
                { "infinityx",         -EINVAL, 0 },
                { "1 .5",              0,       1500 * USEC_PER_MSEC },
                { "584542y",           -ERANGE, 0 },
                { "9223372036854775808us", -ERANGE, 0 },
                { "99999999999999999999", -ERANGE, 0 },
                { "1s 1x",             -EINVAL, 0 },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                usec_t u = 4711;

                print_message("parse_sec(\"%s\")\n", t[i].in);
                assert_int_equal(parse_sec(t[i].in, &u), t[i].ret);
                if (t[i].ret == 0)
                        assert_int_equal(u, t[i].out);
                else
                        assert_int_equal(u, 4711);      /* untouched on failure */
        }
}

static void test_parse_time_default_unit(void **state) {
        static const struct { const char *in; usec_t unit; usec_t out; } t[] = {
                { "5",     1,              5 },
                { "5",     USEC_PER_MSEC,  5 * USEC_PER_MSEC },
                { "5s",    1,              5 * USEC_PER_SEC },
                { "1.5",   USEC_PER_MSEC,  1500 },
                { "1 2s",  USEC_PER_MINUTE, USEC_PER_MINUTE + 2 * USEC_PER_SEC },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                usec_t u;

                assert_int_equal(parse_time(t[i].in, &u, t[i].unit), 0);
                assert_int_equal(u, t[i].out);
        }
}

static void test_parse_sec_fix_0(void **state) {
        static const struct { const char *in; int ret; usec_t out; } t[] = {
                { "0",        0,       USEC_INFINITY },
                { "0s",       0,       USEC_INFINITY },
                { "5s",       0,       5 * USEC_PER_SEC },
                { "infinity", 0,       USEC_INFINITY },
                { "x",        -EINVAL, 0 },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                usec_t u = 0;

                assert_int_equal(parse_sec_fix_0(t[i].in, &u), t[i].ret);
                if (t[i].ret == 0)
                        assert_int_equal(u, t[i].out);
        }
}

static void test_format_timespan(void **state) {
        static const struct { usec_t in; usec_t accuracy; const char *out; } t[] = {
                /* as `systemctl show` and `systemd-analyze timespan` print them */
                { 0,                                  1, "0" },
                { USEC_INFINITY,                      1, "infinity" },
                { 90 * USEC_PER_SEC,                  1, "1min 30s" },
                { 100 * USEC_PER_MSEC,                1, "100ms" },
                { 1500 * USEC_PER_MSEC,               1, "1.500000s" },
                { 61500 * USEC_PER_MSEC,              1, "1min 1.500000s" },
                { USEC_PER_YEAR,                      1, "1y" },
                { USEC_PER_MONTH,                     1, "1month" },
                { 3 * USEC_PER_WEEK,                  1, "3w" },
                { 25 * USEC_PER_HOUR,                 1, "1d 1h" },
                { 1,                                  1, "1us" },
                { 1001,                               1, "1.001ms" },
                { 1000001,                            1, "1.000001s" },
                { 1234567890,                         1, "20min 34.567890s" },
                { 59999999,                           1, "59.999999s" },
                { USEC_PER_YEAR + USEC_PER_MONTH,     1, "1y 1month" },
                { UINT64_C(9223372036854775807),      1, "292271y 1w 1d 10h 54.775807s" },
                { 90 * USEC_PER_SEC,                  0, "1min 30s" },
                { 1500 * USEC_PER_MSEC,               0, "1.500000s" },
                { 1500 * USEC_PER_MSEC,     USEC_PER_MSEC, "1.500s" },
                { 1500 * USEC_PER_MSEC,     USEC_PER_SEC, "1s" },
                { 90 * USEC_PER_SEC + 1,    USEC_PER_SEC, "1min 30s" },
                { 500,                      USEC_PER_SEC, "500us" },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                char buf[FORMAT_TIMESPAN_MAX];

                assert_string_equal(format_timespan(buf, sizeof buf, t[i].in, t[i].accuracy), t[i].out);
        }
}

static void test_format_timespan_small_buffer(void **state) {
        char buf[5];

        /* truncated, but always terminated */
        format_timespan(buf, sizeof buf, 90 * USEC_PER_SEC, 1);
        assert_true(strlen(buf) < sizeof buf);
        format_timespan(buf, 1, 90 * USEC_PER_SEC, 1);
        assert_string_equal(buf, "");
}

static void test_roundtrip(void **state) {
        static const usec_t t[] = {
                1, 999, 1000, 1001, USEC_PER_SEC, 1500 * USEC_PER_MSEC, 90 * USEC_PER_SEC,
                USEC_PER_DAY + 7, USEC_PER_YEAR * 3 + USEC_PER_MONTH + 5 * USEC_PER_SEC, USEC_INFINITY,
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                char buf[FORMAT_TIMESPAN_MAX];
                usec_t u;

                assert_int_equal(parse_sec(format_timespan(buf, sizeof buf, t[i], 1), &u), 0);
                assert_int_equal(u, t[i]);
        }
}

static void test_now(void **state) {
        usec_t a = now(CLOCK_MONOTONIC), b = now(CLOCK_MONOTONIC);
        struct timespec ts = { .tv_sec = 2, .tv_nsec = 5000 };

        assert_true(a > 0 && b >= a);
        assert_int_equal(timespec_load(&ts), 2 * USEC_PER_SEC + 5);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_parse_sec),
                cmocka_unit_test(test_parse_time_default_unit),
                cmocka_unit_test(test_parse_sec_fix_0),
                cmocka_unit_test(test_format_timespan),
                cmocka_unit_test(test_format_timespan_small_buffer),
                cmocka_unit_test(test_roundtrip),
                cmocka_unit_test(test_now),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
