/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-extract-word.c: word splitting with quotes and escapes (systemd.syntax(7)), and
 * cunescape()/cescape(). Each row lists the words a line gives and the final return. */

#include "extract-word.h"
#include "strv.h"

#include <setjmp.h>
#include <stdarg.h>
#include <cmocka.h>

#define Q EXTRACT_UNQUOTE
#define C EXTRACT_CUNESCAPE
#define D EXTRACT_DONT_COALESCE_SEPARATORS
#define U EXTRACT_UNESCAPE_SEPARATORS
#define R EXTRACT_UNESCAPE_RELAX

static void test_extract_first_word(void **state) {
        const struct {
                const char *in;
                const char *sep;
                ExtractFlags flags;
                char **words;           /* the words returned before the end */
                int end;                /* 0 at a clean end, or the error */
        } t[] = {
                { "",                        NULL, 0,       STRV_MAKE(NULL),                 0 },
                { "   ",                     NULL, 0,       STRV_MAKE(NULL),                 0 },
                { "foo bar",                 NULL, 0,       STRV_MAKE("foo", "bar"),         0 },
                { "  foo\t\tbar  ",          NULL, 0,       STRV_MAKE("foo", "bar"),         0 },
                { "\"foo bar\" baz",         NULL, Q,       STRV_MAKE("foo bar", "baz"),     0 },
                { "'foo bar' baz",           NULL, Q,       STRV_MAKE("foo bar", "baz"),     0 },
                { "\"foo bar\"",             NULL, 0,       STRV_MAKE("\"foo", "bar\""),     0 },
                { "a\"b c\"d",               NULL, Q,       STRV_MAKE("ab cd"),              0 },
                { "'a \"b\" c'",             NULL, Q,       STRV_MAKE("a \"b\" c"),          0 },
                { "\"\" x",                  NULL, Q,       STRV_MAKE("", "x"),              0 },
                { "\"foo",                   NULL, Q,       STRV_MAKE(NULL),                 -EINVAL },
                { "\"foo",                   NULL, Q | EXTRACT_RELAX, STRV_MAKE("foo"),      0 },
                { "foo\\",                   NULL, 0,       STRV_MAKE(NULL),                 -EINVAL },
                { "foo\\",                   NULL, EXTRACT_RELAX, STRV_MAKE("foo"),          0 },
                { "foo\\",                   NULL, R,       STRV_MAKE("foo\\"),               0 },
                { "\"foo\\",                 NULL, Q | R,   STRV_MAKE(NULL),                 -EINVAL },
                { "\"foo\\",                 NULL, Q | R | EXTRACT_RELAX, STRV_MAKE("foo\\"), 0 },
                { "a\\ b c",                 NULL, 0,       STRV_MAKE("a b", "c"),           0 },
                { "a\\tb",                   NULL, 0,       STRV_MAKE("atb"),                0 },
                { "a\\tb",                   NULL, C,       STRV_MAKE("a\tb"),               0 },
                { "a\\x41\\101\\u00e9",      NULL, C,       STRV_MAKE("aAA\xc3\xa9"),        0 },
                { "\\U0001F600",             NULL, C,       STRV_MAKE("\xf0\x9f\x98\x80"),   0 },
                { "\"a\\nb\"",               NULL, Q | C,   STRV_MAKE("a\nb"),               0 },
                { "'a\\nb'",                 NULL, Q | C,   STRV_MAKE("a\nb"),               0 },
                { "a\\sb",                   NULL, C,       STRV_MAKE("a b"),                0 },
                { "\\z",                     NULL, C,       STRV_MAKE(NULL),                 -EINVAL },
                { "\\z",                     NULL, C | R, STRV_MAKE("\\z"), 0 },
                { "\\x00",                   NULL, C,       STRV_MAKE(NULL),                 -EINVAL },
                { "a\\ b",                   NULL, EXTRACT_RETAIN_ESCAPE, STRV_MAKE("a\\ b"), 0 },
                { "a,,b",                    ",",  0,       STRV_MAKE("a", "b"),             0 },
                { "a,,b",                    ",",  D, STRV_MAKE("a", "", "b"), 0 },
                { ",a",                      ",",  D, STRV_MAKE("", "a"), 0 },
                { "a,",                      ",",  D, STRV_MAKE("a", ""), 0 },
                { "",                        ",",  D, STRV_MAKE(""), 0 },
                { "a, b",                    ", ", D, STRV_MAKE("a", "", "b"), 0 },
                { "a\\,b,c",                 ",",  U, STRV_MAKE("a,b", "c"), 0 },
                { "a\\,b,c",                 ",",  C | U, STRV_MAKE("a,b", "c"), 0 },
                { "/bin/echo \"hello world\" 'x y'", NULL, Q | C,
                  STRV_MAKE("/bin/echo", "hello world", "x y"), 0 },
                /* ExecStart= of systemd 252: "a\ b" stays one word with its backslash */
                { "a\\ b \\s",               NULL, Q | C | R, STRV_MAKE("a\\ b", " "), 0 },
                { "one \"two",               NULL, Q,       STRV_MAKE("one"),                -EINVAL },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                const char *p = t[i].in;
                size_t n = 0;
                int r;

                print_message("row %zu: \"%s\"\n", i, t[i].in);
                for (;;) {
                        _cleanup_(freep) char *w = NULL;

                        r = extract_first_word(&p, &w, t[i].sep, t[i].flags);
                        if (r <= 0) {
                                if (r == 0)
                                        assert_null(w);
                                break;
                        }
                        assert_int_equal(r, 1);
                        assert_non_null(t[i].words[n]);
                        assert_string_equal(w, t[i].words[n]);
                        n++;
                }
                assert_int_equal(r, t[i].end);
                assert_int_equal(n, strv_length(t[i].words));
        }
}

static void test_extract_rest(void **state) {
        const char *p = "first   rest of line";
        _cleanup_(freep) char *w = NULL;

        assert_int_equal(extract_first_word(&p, &w, NULL, 0), 1);
        assert_string_equal(w, "first");
        assert_string_equal(p, "rest of line");

        w = mfree(w);
        p = NULL;
        assert_int_equal(extract_first_word(&p, &w, NULL, 0), 0);
        assert_null(w);
}

static void test_cunescape(void **state) {
        static const struct { const char *in; bool relax; int ret; const char *out; } t[] = {
                { "abc",               false, 3,       "abc" },
                { "a\\nb",             false, 3,       "a\nb" },
                { "\\a\\b\\f\\n\\r\\t\\v\\\\\\\"\\'\\s", false, 11, "\a\b\f\n\r\t\v\\\"' " },
                { "\\x41\\x7a",        false, 2,       "Az" },
                { "\\101",             false, 1,       "A" },
                { "\\u00e9",           false, 2,       "\xc3\xa9" },
                { "\\U0001F600",       false, 4,       "\xf0\x9f\x98\x80" },
                { "\\x4",              false, -EINVAL, NULL },
                { "\\x00",             false, -EINVAL, NULL },
                { "\\400",             false, -EINVAL, NULL },
                { "\\ud800",           false, -EINVAL, NULL },
                { "\\U00110000",       false, -EINVAL, NULL },
                { "\\q",               false, -EINVAL, NULL },
                { "\\q",               true,  2,       "\\q" },
                { "a\\",               false, -EINVAL, NULL },
                { "a\\",               true,  2,       "a\\" },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                char *u = NULL;

                assert_int_equal(cunescape(t[i].in, strlen(t[i].in), t[i].relax, &u), t[i].ret);
                if (t[i].ret >= 0) {
                        assert_string_equal(u, t[i].out);
                        free(u);
                } else
                        assert_null(u);
        }
}

static void test_cunescape_length(void **state) {
        _cleanup_(freep) char *u = NULL;

        /* only the first length bytes count */
        assert_int_equal(cunescape("ab\\ncd", 4, false, &u), 3);
        assert_string_equal(u, "ab\n");
}

static void test_cescape(void **state) {
        static const struct { const char *in, *out; } t[] = {
                { "abc",          "abc" },
                { "a\nb\tc",      "a\\nb\\tc" },
                { "\\\"'",        "\\\\\\\"\\'" },
                { "\x01\x7f",     "\\x01\\x7f" },
                { "\xc3\xa9",     "\\xc3\\xa9" },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                _cleanup_(freep) char *e = cescape(t[i].in), *u = NULL;

                assert_string_equal(e, t[i].out);
                assert_true(cunescape(e, strlen(e), false, &u) >= 0);
                assert_string_equal(u, t[i].in);
        }
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_extract_first_word),
                cmocka_unit_test(test_extract_rest),
                cmocka_unit_test(test_cunescape),
                cmocka_unit_test(test_cunescape_length),
                cmocka_unit_test(test_cescape),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
