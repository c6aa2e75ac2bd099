/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-unit-name.c: unit name validation, templates and instances, suffixes, systemd-escape's
 * forms (rows checked against the real systemd-escape), and bus object paths. */

#include "unit-name.h"

#include <setjmp.h>
#include <stdarg.h>
#include <cmocka.h>

static void test_is_valid(void **state) {
        static const struct { const char *n; UnitNameFlags flags; bool ok; } t[] = {
                { "foo.service",            UNIT_NAME_ANY,      true },
                { "foo.service",            UNIT_NAME_PLAIN,    true },
                { "foo.service",            UNIT_NAME_TEMPLATE, false },
                { "foo@.service",           UNIT_NAME_TEMPLATE, true },
                { "foo@.service",           UNIT_NAME_PLAIN,    false },
                { "foo@bar.service",        UNIT_NAME_INSTANCE, true },
                { "foo@bar@baz.service",    UNIT_NAME_INSTANCE, true },
                { "foo@bar.service",        UNIT_NAME_TEMPLATE, false },
                { "foo.bar.target",         UNIT_NAME_ANY,      true },
                { "a-b_c:d\\x20.socket",    UNIT_NAME_ANY,      true },
                { "-.mount",                UNIT_NAME_ANY,      true },
                { "-.slice",                UNIT_NAME_ANY,      true },
                { "foo",                    UNIT_NAME_ANY,      false },
                { "foo.",                   UNIT_NAME_ANY,      false },
                { ".service",               UNIT_NAME_ANY,      false },
                { "foo.servic",             UNIT_NAME_ANY,      false },
                { "@foo.service",           UNIT_NAME_ANY,      false },
                { "@.service",              UNIT_NAME_ANY,      false },
                { "foo bar.service",        UNIT_NAME_ANY,      false },
                { "foo/bar.service",        UNIT_NAME_ANY,      false },
                { "",                       UNIT_NAME_ANY,      false },
                { NULL,                     UNIT_NAME_ANY,      false },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++)
                assert_int_equal(unit_name_is_valid(t[i].n, t[i].flags), t[i].ok);
}

static void test_length_limit(void **state) {
        char n[300];

        memset(n, 'a', sizeof n);
        strcpy(n + 255 - strlen(".service"), ".service");       /* 255 bytes: the limit */
        assert_int_equal(strlen(n), 255);
        assert_true(unit_name_is_valid(n, UNIT_NAME_ANY));
        memset(n, 'a', sizeof n);
        strcpy(n + 256 - strlen(".service"), ".service");
        assert_false(unit_name_is_valid(n, UNIT_NAME_ANY));
}

static void test_parts(void **state) {
        static const struct {
                const char *n;
                const char *prefix, *instance;
                int instance_ret;
                UnitType type;
        } t[] = {
                { "foo.service",        "foo",     NULL,      UNIT_NAME_PLAIN,    UNIT_SERVICE },
                { "foo@.socket",        "foo",     "",        UNIT_NAME_TEMPLATE, UNIT_SOCKET },
                { "foo@bar.timer",      "foo",     "bar",     UNIT_NAME_INSTANCE, UNIT_TIMER },
                { "a.b@c.d.mount",      "a.b",     "c.d",     UNIT_NAME_INSTANCE, UNIT_MOUNT },
                { "x@y@z.slice",        "x",       "y@z",     UNIT_NAME_INSTANCE, UNIT_SLICE },
                { "bad",                NULL,      NULL,      -EINVAL,            _UNIT_TYPE_INVALID },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                _cleanup_(freep) char *p = NULL, *in = NULL;

                assert_int_equal(unit_name_to_type(t[i].n), t[i].type);
                assert_int_equal(unit_name_to_instance(t[i].n, &in), t[i].instance_ret);
                if (t[i].instance_ret < 0) {
                        assert_int_equal(unit_name_to_prefix(t[i].n, &p), -EINVAL);
                        continue;
                }
                assert_int_equal(unit_name_to_prefix(t[i].n, &p), 0);
                assert_string_equal(p, t[i].prefix);
                if (t[i].instance)
                        assert_string_equal(in, t[i].instance);
                else
                        assert_null(in);
        }
}

static void test_types(void **state) {
        for (UnitType t = 0; t < _UNIT_TYPE_MAX; t++)
                assert_int_equal(unit_type_from_string(unit_type_to_string(t)), t);
        assert_string_equal(unit_type_to_string(UNIT_AUTOMOUNT), "automount");
        assert_int_equal(unit_type_from_string("foo"), _UNIT_TYPE_INVALID);
        assert_null(unit_type_to_string(_UNIT_TYPE_MAX));
        assert_true(unit_suffix_is_valid(".service"));
        assert_false(unit_suffix_is_valid("service"));
        assert_false(unit_suffix_is_valid(".foo"));
        assert_true(unit_prefix_is_valid("foo-bar"));
        assert_false(unit_prefix_is_valid("foo@bar"));
        assert_false(unit_prefix_is_valid(""));
        assert_true(unit_instance_is_valid("a@b"));
        assert_false(unit_instance_is_valid("a b"));
}

static void test_template_instance(void **state) {
        static const struct { const char *n, *instance; int ret; const char *templ, *replaced; } t[] = {
                { "foo@bar.service", "baz", 0,       "foo@.service", "foo@baz.service" },
                { "foo@.service",    "x",   0,       "foo@.service", "foo@x.service" },
                { "foo.service",     "x",   -EINVAL, NULL,           NULL },
                { "foo@.service",    "a b", -EINVAL, "foo@.service", NULL },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                _cleanup_(freep) char *a = NULL, *b = NULL;

                if (t[i].templ) {
                        assert_int_equal(unit_name_template(t[i].n, &a), 0);
                        assert_string_equal(a, t[i].templ);
                } else
                        assert_int_equal(unit_name_template(t[i].n, &a), -EINVAL);
                assert_int_equal(unit_name_replace_instance(t[i].n, t[i].instance, &b), t[i].ret);
                if (t[i].ret == 0)
                        assert_string_equal(b, t[i].replaced);
        }
}

static void test_build_change_suffix(void **state) {
        static const struct { const char *prefix, *instance, *suffix; int ret; const char *out; } t[] = {
                { "foo", NULL,  ".service", 0,       "foo.service" },
                { "foo", "bar", ".socket",  0,       "foo@bar.socket" },
                { "foo", "",    ".socket",  -EINVAL, NULL },
                { "foo", NULL,  "service",  -EINVAL, NULL },
                { "",    NULL,  ".service", -EINVAL, NULL },
                { "a@b", NULL,  ".service", -EINVAL, NULL },
        };
        _cleanup_(freep) char *c = NULL;
        char *x = NULL;

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                _cleanup_(freep) char *s = NULL;

                assert_int_equal(unit_name_build(t[i].prefix, t[i].instance, t[i].suffix, &s), t[i].ret);
                if (t[i].ret == 0)
                        assert_string_equal(s, t[i].out);
        }

        assert_int_equal(unit_name_change_suffix("foo@bar.service", ".socket", &c), 0);
        assert_string_equal(c, "foo@bar.socket");
        assert_int_equal(unit_name_change_suffix("foo.service", ".nope", &x), -EINVAL);
        assert_int_equal(unit_name_change_suffix("foo", ".service", &x), -EINVAL);
        assert_null(x);
}

static void test_escape(void **state) {
        /* as `systemd-escape` prints them */
        static const struct { const char *in, *out; } t[] = {
                { "foo bar/baz", "foo\\x20bar-baz" },
                { ".hidden",     "\\x2ehidden" },
                { "a-b",         "a\\x2db" },
                { "\xc3\xbc",    "\\xc3\\xbc" },
                { "a.b",         "a.b" },
                { "/",           "-" },
                { "",            "" },
                { "a\\b",        "a\\x5cb" },
                { "foo/.bar",    "foo-.bar" },
                { "x:y_z",       "x:y_z" },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                _cleanup_(freep) char *e = unit_name_escape(t[i].in), *u = NULL;

                assert_string_equal(e, t[i].out);
                if (strchr(t[i].in, '-'))
                        continue;       /* "-" comes back as "/" */
                assert_int_equal(unit_name_unescape(e, &u), 0);
                assert_string_equal(u, t[i].in);
        }
}

static void test_unescape(void **state) {
        static const struct {
                const char *in;
                int ret;
                const char *out;
                int path_ret;
                const char *path;
        } t[] = {
                { "foo-bar",    0,       "foo/bar",  0,       "/foo/bar" },
                { "-",          0,       "/",        0,       "/" },
                { "\\x2dfoo",   0,       "-foo",     0,       "/-foo" },
                { "a\\x2fb",    0,       "a/b",      0,       "/a/b" },
                { "foo--bar",   0,       "foo//bar", -EINVAL, NULL },
                { "-foo",       0,       "/foo",     -EINVAL, NULL },
                { "foo-",       0,       "foo/",     -EINVAL, NULL },
                { "\\x2f",      0,       "/",        -EINVAL, NULL },
                { "a\\x2",      -EINVAL, NULL,       -EINVAL, NULL },
                { "a\\y20",     -EINVAL, NULL,       -EINVAL, NULL },
                { "a\\xzz",     -EINVAL, NULL,       -EINVAL, NULL },
                { "",           0,       "",         -EINVAL, NULL },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                _cleanup_(freep) char *a = NULL, *b = NULL;

                assert_int_equal(unit_name_unescape(t[i].in, &a), t[i].ret);
                if (t[i].ret == 0)
                        assert_string_equal(a, t[i].out);
                assert_int_equal(unit_name_path_unescape(t[i].in, &b), t[i].path_ret);
                if (t[i].path_ret == 0)
                        assert_string_equal(b, t[i].path);
        }
}

static void test_path_escape(void **state) {
        /* as `systemd-escape --path` prints them */
        static const struct { const char *in; int ret; const char *out; } t[] = {
                { "/",            0,       "-" },
                { "//",           0,       "-" },
                { "/foo//bar/",   0,       "foo-bar" },
                { "/foo/./bar",   0,       "foo-bar" },
                { "/.x",          0,       "\\x2ex" },
                { "/a-b",         0,       "a\\x2db" },
                { "/dev/sda1",    0,       "dev-sda1" },
                { "foo/bar",      0,       "foo-bar" },
                { "/foo/../bar",  -EINVAL, NULL },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                _cleanup_(freep) char *e = NULL;

                assert_int_equal(unit_name_path_escape(t[i].in, &e), t[i].ret);
                if (t[i].ret == 0)
                        assert_string_equal(e, t[i].out);
        }
}

static void test_dbus_path(void **state) {
        static const struct { const char *in, *out; } t[] = {
                { "foo.service",      "/org/freedesktop/systemd1/unit/foo_2eservice" },
                { "-.mount",          "/org/freedesktop/systemd1/unit/_2d_2emount" },
                { "foo@bar.service",  "/org/freedesktop/systemd1/unit/foo_40bar_2eservice" },
                { "dbus.socket",      "/org/freedesktop/systemd1/unit/dbus_2esocket" },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                _cleanup_(freep) char *p = unit_dbus_path_from_name(t[i].in);

                assert_string_equal(p, t[i].out);
        }
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_is_valid),
                cmocka_unit_test(test_length_limit),
                cmocka_unit_test(test_parts),
                cmocka_unit_test(test_types),
                cmocka_unit_test(test_template_instance),
                cmocka_unit_test(test_build_change_suffix),
                cmocka_unit_test(test_escape),
                cmocka_unit_test(test_unescape),
                cmocka_unit_test(test_path_escape),
                cmocka_unit_test(test_dbus_path),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
