/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-parse-util.c: booleans, integers, modes, sizes, percentages, signals, exit statuses and
 * resource limits; every failing row also checks that *ret stayed untouched. Rows marked
 * "systemd" were checked against systemctl show of the reference manager (systemd 252). */

#include "parse-util.h"

#include <signal.h>
#include <setjmp.h>
#include <stdarg.h>
#include <cmocka.h>

static void test_parse_boolean(void **state) {
        static const struct { const char *in; int ret; } t[] = {
                { "1", 1 }, { "yes", 1 }, { "YES", 1 }, { "y", 1 }, { "true", 1 }, { "t", 1 }, { "on", 1 },
                { "0", 0 }, { "no", 0 }, { "n", 0 }, { "false", 0 }, { "f", 0 }, { "off", 0 }, { "Off", 0 },
                { "", -EINVAL }, { "2", -EINVAL }, { "yess", -EINVAL }, { " yes", -EINVAL },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++)
                assert_int_equal(parse_boolean(t[i].in), t[i].ret);
}

static void test_safe_atoi(void **state) {
        static const struct { const char *in; int ret; int out; } t[] = {
                { "0",            0,       0 },
                { "42",           0,       42 },
                { "-42",          0,       -42 },
                { "+7",           0,       7 },
                { "2147483647",   0,       INT_MAX },
                { "-2147483648",  0,       INT_MIN },
                { "2147483648",   -ERANGE, 0 },
                { "",             -EINVAL, 0 },
                { " 1",           -EINVAL, 0 },
                { "1 ",           -EINVAL, 0 },
                { "1x",           -EINVAL, 0 },
                { "-",            -EINVAL, 0 },
                { "0x10",         0,       16 },        /* as systemd: LimitNOFILE=0x10 */
                { "010",          0,       8 },         /* as systemd: Nice=010 is 8 */
                { "08",           -EINVAL, 0 },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                int v = 4711;

                assert_int_equal(safe_atoi(t[i].in, &v), t[i].ret);
                assert_int_equal(v, t[i].ret == 0 ? t[i].out : 4711);
        }
}

static void test_safe_atou(void **state) {
        static const struct { const char *in; int ret; unsigned out; } t[] = {
                { "0",           0,       0 },
                { "4294967295",  0,       UINT_MAX },
                { "4294967296",  -ERANGE, 0 },
                { "-1",          -ERANGE, 0 },
                { "-0",          0,       0 },
                { "",            -EINVAL, 0 },
                { " 1",          -EINVAL, 0 },
                { "1.5",         -EINVAL, 0 },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                unsigned v = 4711;

                assert_int_equal(safe_atou(t[i].in, &v), t[i].ret);
                assert_int_equal(v, t[i].ret == 0 ? t[i].out : 4711);
        }
}

static void test_safe_ato64(void **state) {
        int64_t i = 0;
        uint64_t u = 0;
        uint32_t x = 0;

        assert_int_equal(safe_atoi64("-9223372036854775808", &i), 0);
        assert_true(i == INT64_MIN);
        assert_int_equal(safe_atoi64("9223372036854775808", &i), -ERANGE);
        assert_int_equal(safe_atou64("18446744073709551615", &u), 0);
        assert_true(u == UINT64_MAX);
        assert_int_equal(safe_atou64("18446744073709551616", &u), -ERANGE);
        assert_int_equal(safe_atou64("-5", &u), -ERANGE);
        assert_int_equal(safe_atou32_full("ff", 16, &x), 0);
        assert_int_equal(x, 255);
        assert_int_equal(safe_atou32_full("0x10", 0, &x), 0);
        assert_int_equal(x, 16);
        assert_int_equal(safe_atou32_full("4294967296", 10, &x), -ERANGE);
        assert_int_equal(safe_atou32_full("12", 1, &x), -EINVAL);
}

static void test_small_ranges(void **state) {
        pid_t pid = 0;
        mode_t m = 0;
        int v = 0;

        assert_int_equal(parse_pid("1", &pid), 0);
        assert_int_equal(pid, 1);
        assert_int_equal(parse_pid("0", &pid), -ERANGE);
        assert_int_equal(parse_pid("-5", &pid), -ERANGE);
        assert_int_equal(parse_mode("0755", &m), 0);
        assert_int_equal(m, 0755);
        assert_int_equal(parse_mode("07777", &m), 0);
        assert_int_equal(parse_mode("10000", &m), -ERANGE);
        assert_int_equal(parse_mode("8", &m), -EINVAL);
        assert_int_equal(parse_mode("", &m), -EINVAL);
        assert_int_equal(parse_nice("-20", &v), 0);
        assert_int_equal(v, -20);
        assert_int_equal(parse_nice("19", &v), 0);
        assert_int_equal(parse_nice("20", &v), -ERANGE);
        assert_int_equal(parse_nice("-21", &v), -ERANGE);
        assert_int_equal(parse_oom_score_adjust("-1000", &v), 0);
        assert_int_equal(parse_oom_score_adjust("1001", &v), -ERANGE);
        assert_int_equal(v, -1000);
}

static void test_parse_size(void **state) {
        static const struct { const char *in; uint64_t base; int ret; uint64_t out; } t[] = {
                { "0",        1024, 0,       0 },
                { "111",      1024, 0,       111 },
                { "111B",     1024, 0,       111 },
                { "1K",       1024, 0,       1024 },
                { "1K",       1000, 0,       1000 },
                { "2.5M",     1024, 0,       2621440 },
                { "1G",       1024, 0,       UINT64_C(1) << 30 },
                { "1 G",      1024, 0,       UINT64_C(1) << 30 },
                { "1T",       1024, 0,       UINT64_C(1) << 40 },
                { "1P",       1024, 0,       UINT64_C(1) << 50 },
                { "1E",       1024, 0,       UINT64_C(1) << 60 },
                { "1G 512M",  1024, 0,       (UINT64_C(1) << 30) + (UINT64_C(512) << 20) },
                { "infinity", 1024, 0,       UINT64_MAX },
                { "16E",      1024, -ERANGE, 0 },
                { "1.5",      1024, 0,       1 },       /* systemd: LimitAS=1.5 is 1 */
                { "1.5K",     1024, 0,       1536 },
                { "-1",       1024, -ERANGE, 0 },
                { "",         1024, -EINVAL, 0 },
                { "1X",       1024, -EINVAL, 0 },
                { "K",        1024, -EINVAL, 0 },
                { "1K",       10,   -EINVAL, 0 },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                uint64_t v = 4711;

                assert_int_equal(parse_size(t[i].in, t[i].base, &v), t[i].ret);
                assert_true(v == (t[i].ret == 0 ? t[i].out : 4711));
        }
}

static void test_parse_percent(void **state) {
        static const struct { const char *in; bool over; int ret; } t[] = {
                { "0%",    false, 0 },
                { "20%",   false, 20 },
                { "100%",  false, 100 },
                { "101%",  false, -ERANGE },
                { "150%",  true,  150 },
                { "20",    false, -EINVAL },
                { "%",     false, -EINVAL },
                { "-5%",   false, -EINVAL },
                { "20.5%", false, -EINVAL },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++)
                assert_int_equal(parse_percent(t[i].in, t[i].over), t[i].ret);
}

static void test_parse_cpu_quota(void **state) {
        static const struct { const char *in; int ret; usec_t out; } t[] = {
                { "20%",   0,       200000 },
                { "150%",  0,       1500000 },
                { "12.5%", 0,       125000 },
                { "1%",    0,       10000 },
                { "0%",    -ERANGE, 0 },
                { "20",    -EINVAL, 0 },
                { "",      -EINVAL, 0 },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                usec_t v = 4711;

                assert_int_equal(parse_cpu_quota(t[i].in, &v), t[i].ret);
                assert_int_equal(v, t[i].ret == 0 ? t[i].out : 4711);
        }
}

static void test_signals(void **state) {
        static const struct { const char *in; bool numeric; int ret; } t[] = {
                { "SIGTERM",   false, SIGTERM },
                { "TERM",      false, SIGTERM },
                { "SIGKILL",   false, SIGKILL },
                { "HUP",       false, SIGHUP },
                { "SIGRTMIN",  false, 0 },      /* filled in below: SIGRTMIN is not constant */
                { "15",        true,  SIGTERM },
                { "15",        false, -EINVAL },
                { "0",         true,  -ERANGE },
                { "65",        true,  -ERANGE },
                { "SIGFOO",    false, -EINVAL },
                { "",          true,  -EINVAL },
                { "sigterm",   false, -EINVAL },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                int want = streq(t[i].in, "SIGRTMIN") ? SIGRTMIN : t[i].ret;

                assert_int_equal(signal_from_string(t[i].in, t[i].numeric), want);
        }
        assert_int_equal(signal_from_string("RTMIN+3", false), SIGRTMIN + 3);
        assert_int_equal(signal_from_string("SIGRTMAX-1", false), SIGRTMAX - 1);
        assert_string_equal(signal_to_string(SIGTERM), "TERM");
        assert_string_equal(signal_to_string(SIGCHLD), "CHLD");
        assert_string_equal(signal_to_string(SIGRTMIN + 3), "RTMIN+3");
        assert_null(signal_to_string(0));
        assert_null(signal_to_string(1000));

        for (int s = 1; s <= SIGRTMAX; s++) {
                const char *n = signal_to_string(s);

                if (n)
                        assert_int_equal(signal_from_string(n, false), s);
        }
}

static void test_exit_status(void **state) {
        static const struct { int status; const char *name; } t[] = {
                { 0, "SUCCESS" }, { 1, "FAILURE" }, { 2, "INVALIDARGUMENT" }, { 3, "NOTIMPLEMENTED" },
                { 4, "NOPERMISSION" }, { 5, "NOTINSTALLED" }, { 6, "NOTCONFIGURED" }, { 7, "NOTRUNNING" },
                { 64, "USAGE" }, { 78, "CONFIG" },
                { 200, "CHDIR" }, { 203, "EXEC" }, { 217, "USER" }, { 226, "NAMESPACE" },
                { 243, "CREDENTIALS" }, { 245, "BPF" },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                assert_string_equal(exit_status_to_string(t[i].status), t[i].name);
                assert_int_equal(exit_status_from_string(t[i].name), t[i].status);
        }
        assert_null(exit_status_to_string(100));
        assert_null(exit_status_to_string(-1));
        assert_null(exit_status_to_string(256));
        assert_int_equal(exit_status_from_string("100"), 100);
        assert_int_equal(exit_status_from_string("256"), -ERANGE);
        assert_int_equal(exit_status_from_string("exec"), -EINVAL);
}

static void test_rlimit_names(void **state) {
        assert_int_equal(rlimit_from_string("NOFILE"), RLIMIT_NOFILE);
        assert_int_equal(rlimit_from_string("LimitNOFILE"), RLIMIT_NOFILE);
        assert_int_equal(rlimit_from_string("LimitRTTIME"), RLIMIT_RTTIME);
        assert_int_equal(rlimit_from_string("LimitFOO"), -EINVAL);
        assert_string_equal(rlimit_to_string(RLIMIT_CPU), "CPU");
        assert_null(rlimit_to_string(-1));
        for (int r = 0; r < RLIMIT_NLIMITS; r++)
                assert_int_equal(rlimit_from_string(rlimit_to_string(r)), r);
}

static void test_parse_rlimit(void **state) {
        static const struct { int res; const char *in; int ret; rlim_t cur, max; } t[] = {
                { RLIMIT_NOFILE,  "1024",        0,       1024, 1024 },
                { RLIMIT_NOFILE,  "1024:4096",   0,       1024, 4096 },
                { RLIMIT_NOFILE,  "infinity",    0,       RLIM_INFINITY, RLIM_INFINITY },
                { RLIMIT_NOFILE,  "1:infinity",  0,       1, RLIM_INFINITY },
                { RLIMIT_NOFILE,  "4096:1024",   -EILSEQ, 0, 0 },
                { RLIMIT_NOFILE,  "1K",          -EINVAL, 0, 0 },
                { RLIMIT_NOFILE,  "",            -EINVAL, 0, 0 },
                { RLIMIT_NOFILE,  "1:",          -EINVAL, 0, 0 },
                { RLIMIT_NOFILE,  ":1",          -EINVAL, 0, 0 },
                { RLIMIT_NOFILE,  "+5",          0,       5, 5 },
                { RLIMIT_NOFILE,  "0x10",        0,       16, 16 },
                { RLIMIT_NOFILE,  "-1",          -ERANGE, 0, 0 },
                { RLIMIT_NOFILE,  "18446744073709551615", -ERANGE, 0, 0 },
                { RLIMIT_AS,      "1.5",         0,       1, 1 },
                { RLIMIT_AS,      "1 K",         0,       1024, 1024 },
                { RLIMIT_AS,      "1k",          -EINVAL, 0, 0 },
                { RLIMIT_AS,      "16E",         -ERANGE, 0, 0 },
                { RLIMIT_NICE,    "0",           0,       0, 0 },
                { RLIMIT_CPU,     "1.5",         0,       2, 2 },
                { RLIMIT_AS,      "4G:16G",      0,       UINT64_C(4) << 30, UINT64_C(16) << 30 },
                { RLIMIT_CORE,    "0",           0,       0, 0 },
                { RLIMIT_CPU,     "10",          0,       10, 10 },
                { RLIMIT_CPU,     "1min",        0,       60, 60 },
                { RLIMIT_CPU,     "1500ms",      0,       2, 2 },
                { RLIMIT_RTTIME,  "100",         0,       100, 100 },
                { RLIMIT_RTTIME,  "1s",          0,       1000000, 1000000 },
                { RLIMIT_NICE,    "+0",          0,       20, 20 },
                { RLIMIT_NICE,    "-20",         0,       40, 40 },
                { RLIMIT_NICE,    "+19",         0,       1, 1 },
                { RLIMIT_NICE,    "40",          0,       40, 40 },
                { RLIMIT_NICE,    "41",          -ERANGE, 0, 0 },
                { RLIMIT_NICE,    "+20",         -ERANGE, 0, 0 },
                { 1000,           "1",           -EINVAL, 0, 0 },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                struct rlimit rl = { 4711, 4711 };

                assert_int_equal(parse_rlimit(t[i].res, t[i].in, &rl), t[i].ret);
                if (t[i].ret == 0) {
                        assert_true(rl.rlim_cur == t[i].cur);
                        assert_true(rl.rlim_max == t[i].max);
                } else
                        assert_true(rl.rlim_cur == 4711 && rl.rlim_max == 4711);
        }
}

static void test_unbase64(void **state) {
        static const struct {
                const char *in;
                int ret;
                const char *out;
        } t[] = {
                { "", 0, "" },
                { "aGVsbG8=", 0, "hello" },
                { "aGVsbG8", 0, "hello" },                      /* padding optional */
                { "aGVs bG8g\nZnJvbSBi", 0, "hello from b" },   /* whitespace anywhere */
                { "YXNlNjQK", 0, "ase64\n" },
                { "YQ==", 0, "a" },
                { "YWI=", 0, "ab" },
                { "YQ=", -EINVAL, NULL },                       /* wrong padding */
                { "YWI==", -EINVAL, NULL },
                { "Y", -EINVAL, NULL },                         /* a lone character */
                { "YQ==YQ==", -EINVAL, NULL },                  /* data after padding */
                { "aGVs*bG8=", -EINVAL, NULL },
                { "YR==", -EINVAL, NULL },                      /* bits left over that are not zero */
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                void *d = NULL;
                size_t n = 0;
                int r = unbase64(t[i].in, &d, &n);

                if (r != t[i].ret)
                        fail_msg("row %zu '%s': %d != %d", i, t[i].in, r, t[i].ret);
                if (r == 0) {
                        assert_int_equal(n, strlen(t[i].out));
                        assert_memory_equal(d, t[i].out, n);
                        assert_int_equal(((char *) d)[n], 0);
                }
                free(d);
        }
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_parse_boolean),
                cmocka_unit_test(test_safe_atoi),
                cmocka_unit_test(test_safe_atou),
                cmocka_unit_test(test_safe_ato64),
                cmocka_unit_test(test_small_ranges),
                cmocka_unit_test(test_parse_size),
                cmocka_unit_test(test_parse_percent),
                cmocka_unit_test(test_parse_cpu_quota),
                cmocka_unit_test(test_signals),
                cmocka_unit_test(test_exit_status),
                cmocka_unit_test(test_rlimit_names),
                cmocka_unit_test(test_parse_rlimit),
                cmocka_unit_test(test_unbase64),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
