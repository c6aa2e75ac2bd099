/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-strv.c: string lists: building, joining, splitting, removal, uniq, sort, equality. */

#include "strv.h"

#include <setjmp.h>
#include <stdarg.h>
#include <cmocka.h>

static void test_length_copy(void **state) {
        _cleanup_strv_free_ char **c = NULL, **e = NULL;

        assert_int_equal(strv_length(NULL), 0);
        assert_int_equal(strv_length(STRV_MAKE("a", "b")), 2);

        c = strv_copy(STRV_MAKE("a", "b", "c"));
        assert_non_null(c);
        assert_true(strv_equal(c, STRV_MAKE("a", "b", "c")));

        e = strv_copy(NULL);
        assert_non_null(e);
        assert_null(e[0]);
}

static void test_extend_push(void **state) {
        _cleanup_strv_free_ char **l = NULL;

        assert_int_equal(strv_extend(&l, "a"), 0);
        assert_int_equal(strv_push(&l, strdup("b")), 0);
        assert_int_equal(strv_extendf(&l, "%s-%d", "c", 3), 0);
        assert_int_equal(strv_consume_prepend(&l, strdup("z")), 0);
        assert_int_equal(strv_extend(&l, NULL), 0);
        assert_true(strv_equal(l, STRV_MAKE("z", "a", "b", "c-3")));

        assert_int_equal(strv_extend_strv(&l, STRV_MAKE("a", "x", "x"), true), 0);
        assert_true(strv_equal(l, STRV_MAKE("z", "a", "b", "c-3", "x")));
        assert_int_equal(strv_extend_strv(&l, STRV_MAKE("a"), false), 0);
        assert_int_equal(strv_length(l), 6);
}

static void test_consume_prepend_empty(void **state) {
        _cleanup_strv_free_ char **l = NULL;

        assert_int_equal(strv_consume_prepend(&l, strdup("a")), 0);
        assert_true(strv_equal(l, STRV_MAKE("a")));
}

static void test_contains_remove(void **state) {
        _cleanup_strv_free_ char **l = strv_copy(STRV_MAKE("a", "b", "a", "c", "a"));

        assert_true(strv_contains(l, "b"));
        assert_false(strv_contains(l, "d"));
        assert_false(strv_contains(NULL, "d"));
        assert_ptr_equal(strv_remove(l, "a"), l);
        assert_true(strv_equal(l, STRV_MAKE("b", "c")));
        assert_null(strv_remove(NULL, "a"));
}

static void test_join(void **state) {
        const struct { char **in; const char *sep; const char *out; } t[] = {
                { NULL,                          ", ", "" },
                { STRV_MAKE("a"),                ", ", "a" },
                { STRV_MAKE("a", "b", "c"),      ", ", "a, b, c" },
                { STRV_MAKE("a", "", "c"),       ":",  "a::c" },
                { STRV_MAKE("a", "b"),           NULL, "a b" },
                { STRV_MAKE("a", "b"),           "",   "ab" },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                _cleanup_(freep) char *j = strv_join(t[i].in, t[i].sep);

                assert_string_equal(j, t[i].out);
        }
}

static void test_split(void **state) {
        const struct { const char *in; const char *sep; char **out; } t[] = {
                { "",               " ",  STRV_MAKE(NULL) },
                { "   ",            " ",  STRV_MAKE(NULL) },
                { "a b  c",         " ",  STRV_MAKE("a", "b", "c") },
                { " a\tb\n",        NULL, STRV_MAKE("a", "b") },
                { "a:b::c:",        ":",  STRV_MAKE("a", "b", "c") },
                { "x\"y z\"",       " ",  STRV_MAKE("x\"y", "z\"") },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                _cleanup_strv_free_ char **l = strv_split(t[i].in, t[i].sep);

                assert_non_null(l);
                assert_true(strv_equal(l, t[i].out));
        }
}

static void test_uniq_sort(void **state) {
        _cleanup_strv_free_ char **l = strv_copy(STRV_MAKE("c", "a", "c", "b", "a"));

        assert_ptr_equal(strv_uniq(l), l);
        assert_true(strv_equal(l, STRV_MAKE("c", "a", "b")));
        assert_ptr_equal(strv_sort(l), l);
        assert_true(strv_equal(l, STRV_MAKE("a", "b", "c")));
        assert_null(strv_uniq(NULL));
        assert_null(strv_sort(NULL));
}

static void test_equal(void **state) {
        const struct { char **a, **b; bool eq; } t[] = {
                { NULL,                 NULL,                 true },
                { NULL,                 STRV_MAKE(NULL),      true },
                { STRV_MAKE("a"),       NULL,                 false },
                { STRV_MAKE("a", "b"),  STRV_MAKE("a", "b"),  true },
                { STRV_MAKE("a", "b"),  STRV_MAKE("a", "c"),  false },
                { STRV_MAKE("a"),       STRV_MAKE("a", "b"),  false },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                assert_int_equal(strv_equal(t[i].a, t[i].b), t[i].eq);
                assert_int_equal(strv_equal(t[i].b, t[i].a), t[i].eq);
        }
}

static void test_foreach(void **state) {
        size_t n = 0;

        STRV_FOREACH(s, STRV_MAKE("a", "b"))
                n += strlen(*s);
        STRV_FOREACH(s, (char **) NULL)
                n += 100;
        assert_int_equal(n, 2);
        assert_null(strv_free(NULL));
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_length_copy),
                cmocka_unit_test(test_extend_push),
                cmocka_unit_test(test_consume_prepend_empty),
                cmocka_unit_test(test_contains_remove),
                cmocka_unit_test(test_join),
                cmocka_unit_test(test_split),
                cmocka_unit_test(test_uniq_sort),
                cmocka_unit_test(test_equal),
                cmocka_unit_test(test_foreach),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
