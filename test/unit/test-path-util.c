/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-path-util.c: path strings (join, simplify, normalized, prefixes, dirname, equality)
 * and the file helpers, in a temporary directory. */

#include "path-util.h"

#include <sys/stat.h>
#include <setjmp.h>
#include <stdarg.h>
#include <cmocka.h>

static void test_join(void **state) {
        const struct { char *got; const char *want; } t[] = {
                { path_join("/a", "b"),           "/a/b" },
                { path_join("/a/", "/b"),         "/a/b" },
                { path_join("/a", "/b/", "c"),    "/a/b/c" },
                { path_join("a", "", "b"),        "a/b" },
                { path_join("", "b"),             "b" },
                { path_join("/", "etc"),          "/etc" },
                { path_join("/a"),                "/a" },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                assert_string_equal(t[i].got, t[i].want);
                free(t[i].got);
        }
}

static void test_simplify(void **state) {
        static const struct { const char *in, *out; bool normalized; } t[] = {
                { "/",                 "/",         true },
                { "//",                "/",         false },
                { "/a//b/",            "/a/b",      false },
                { "/a/./b/.",          "/a/b",      false },
                { "./a",               "a",         false },
                { ".",                 ".",         false },
                { "a/../b",            "a/../b",    false },
                { "/usr/lib/systemd",  "/usr/lib/systemd", true },
                { "foo",               "foo",       true },
                { "/./",               "/",         false },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                _cleanup_(freep) char *p = strdup(t[i].in);

                assert_int_equal(path_is_normalized(t[i].in), t[i].normalized);
                assert_string_equal(path_simplify(p), t[i].out);
        }
        assert_false(path_is_normalized(""));
        assert_false(path_is_normalized("/a/.."));
        assert_false(path_is_normalized("../a"));
        assert_true(path_is_normalized("/a/..b"));
}

static void test_startswith(void **state) {
        static const struct { const char *path, *prefix, *rest; } t[] = {
                { "/foo/bar",     "/foo",     "bar" },
                { "/foo/bar",     "/foo/",    "bar" },
                { "//foo//bar",   "/foo",     "bar" },
                { "/foo",         "/foo",     "" },
                { "/foo",         "/",        "foo" },
                { "/foobar",      "/foo",     NULL },
                { "/foo",         "/foo/bar", NULL },
                { "foo/bar",      "/foo",     NULL },
                { "foo/bar",      "foo",      "bar" },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                const char *r = path_startswith(t[i].path, t[i].prefix);

                if (t[i].rest)
                        assert_string_equal(r, t[i].rest);
                else
                        assert_null(r);
        }
}

static void test_basename_dirname(void **state) {
        static const struct { const char *in, *base, *dir; } t[] = {
                { "/a/b",     "b",    "/a" },
                { "/a",       "a",    "/" },
                { "a",        "a",    "." },
                { "/",        "",     "/" },
                { "a/b/",     "",     "a" },
                { "//a//b",   "b",    "//a" },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                _cleanup_(freep) char *d = NULL;

                assert_string_equal(basename_ptr(t[i].in), t[i].base);
                assert_int_equal(path_dirname(t[i].in, &d), 0);
                assert_string_equal(d, t[i].dir);
        }
}

static void test_equal(void **state) {
        static const struct { const char *a, *b; bool eq; } t[] = {
                { "/a/b",   "/a/b",   true },
                { "/a//b/", "/a/b",   true },
                { "/",      "//",     true },
                { "/a",     "a",      false },
                { "/a/b",   "/a/bc",  false },
                { "/a",     "/a/b",   false },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                assert_int_equal(path_equal(t[i].a, t[i].b), t[i].eq);
                assert_int_equal(path_equal(t[i].b, t[i].a), t[i].eq);
        }
}

static void test_files(void **state) {
        char d[] = "/tmp/test-path-util.XXXXXX";
        _cleanup_(freep) char *deep = NULL, *f = NULL, *data = NULL;
        size_t size = 0;
        struct stat st;

        assert_non_null(mkdtemp(d));
        deep = path_join(d, "a/b//c/");
        assert_int_equal(mkdir_p(deep, 0755), 0);
        assert_int_equal(mkdir_p(deep, 0755), 0);
        assert_int_equal(stat(deep, &st), 0);
        assert_true(S_ISDIR(st.st_mode));

        f = path_join(d, "a/file");
        assert_int_equal(write_string_file(f, "hello\n", false), 0);
        assert_int_equal(read_full_file(f, 100, &data, &size), 0);
        assert_string_equal(data, "hello\n");
        assert_int_equal(size, 6);
        data = mfree(data);
        assert_int_equal(write_string_file(f, "atomic", true), 0);
        assert_int_equal(read_full_file(f, 6, &data, NULL), 0);
        assert_string_equal(data, "atomic");
        data = mfree(data);
        assert_int_equal(read_full_file(f, 0, &data, &size), 0);      /* 0: no limit */
        assert_string_equal(data, "atomic");
        assert_int_equal(size, 6);
        data = mfree(data);
        assert_int_equal(read_full_file("/proc/self/status", 0, &data, &size), 0);
        assert_true(size > 0 && strstr(data, "Pid:"));
        data = mfree(data);
        assert_int_equal(read_full_file(f, 5, &data, NULL), -EFBIG);
        assert_null(data);
        assert_int_equal(read_full_file(d, 0, &data, NULL), -EISDIR);
        assert_int_equal(mkdir_p(f, 0755), -ENOTDIR);

        assert_int_equal(rm_rf(d), 0);
        assert_int_equal(stat(d, &st), -1);
        assert_int_equal(rm_rf(d), 0);
        assert_int_equal(rm_rf("/"), -EPERM);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_join),
                cmocka_unit_test(test_simplify),
                cmocka_unit_test(test_startswith),
                cmocka_unit_test(test_basename_dirname),
                cmocka_unit_test(test_equal),
                cmocka_unit_test(test_files),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
