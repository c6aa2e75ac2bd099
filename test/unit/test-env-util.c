/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-env-util.c: environment names and blocks, EnvironmentFile= parsing as systemd.exec(5)
 * describes it, and $VAR/${VAR} expansion of command lines. */

#include "env-util.h"
#include "path-util.h"
#include "strv.h"

#include <setjmp.h>
#include <stdarg.h>
#include <cmocka.h>

static void test_names(void **state) {
        static const struct { const char *in; bool name, assignment; } t[] = {
                { "FOO",      true,  false },
                { "_foo9",    true,  false },
                { "9FOO",     false, false },
                { "FO-O",     false, false },
                { "",         false, false },
                { "FOO=bar",  false, true },
                { "FOO=",     false, true },
                { "=bar",     false, false },
                { "F O=bar",  false, false },
                { "A=b=c",    false, true },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                assert_int_equal(env_name_is_valid(t[i].in), t[i].name);
                assert_int_equal(env_assignment_is_valid(t[i].in), t[i].assignment);
        }
        assert_false(env_name_is_valid(NULL));
}

static void test_block(void **state) {
        _cleanup_strv_free_ char **l = NULL, **m = NULL;

        assert_int_equal(strv_env_assign(&l, "A", "1"), 0);
        assert_int_equal(strv_env_assign(&l, "B", "2"), 0);
        assert_int_equal(strv_env_assign(&l, "A", "3"), 0);
        assert_true(strv_equal(l, STRV_MAKE("A=3", "B=2")));
        assert_string_equal(strv_env_get(l, "A"), "3");
        assert_null(strv_env_get(l, "AB"));
        assert_null(strv_env_get(NULL, "A"));
        assert_int_equal(strv_env_assign(&l, "9", "x"), -EINVAL);

        assert_int_equal(strv_env_replace_consume(&l, strdup("C=")), 0);
        assert_int_equal(strv_env_replace_consume(&l, strdup("bad")), -EINVAL);
        assert_string_equal(strv_env_get(l, "C"), "");

        assert_int_equal(strv_env_assign(&l, "B", NULL), 0);
        assert_true(strv_equal(l, STRV_MAKE("A=3", "C=")));
        assert_ptr_equal(strv_env_unset(l, "A"), l);
        assert_true(strv_equal(l, STRV_MAKE("C=")));

        m = strv_env_merge(STRV_MAKE("A=1", "B=2"), STRV_MAKE("B=3", "C=4", "junk"));
        assert_true(strv_equal(m, STRV_MAKE("A=1", "B=3", "C=4")));
}

static void test_env_file(void **state) {
        const struct { const char *in; char **out; } t[] = {
                { "",                                     STRV_MAKE(NULL) },
                { "A=1\nB=2\n",                           STRV_MAKE("A=1", "B=2") },
                { "A=1\nB=2",                             STRV_MAKE("A=1", "B=2") },
                { "# c\n; c\n\n  A=1",                    STRV_MAKE("A=1") },
                { "export A=1",                           STRV_MAKE(NULL) },
                { "A = 1 ",                               STRV_MAKE("A=1") },
                { "A=  interior   space  \t",             STRV_MAKE("A=interior   space") },
                { "A='single \"q\" \\n'",                 STRV_MAKE("A=single \"q\" \\n") },
                { "A='multi\nline'",                      STRV_MAKE("A=multi\nline") },
                { "A=\"d \\\" \\\\ \\` \\$ \\n\"",        STRV_MAKE("A=d \" \\ ` $ \\n") },
                { "A=\"cont\\\ninued\"",                  STRV_MAKE("A=continued") },
                { "A=un\\\nquoted",                       STRV_MAKE("A=unquoted") },
                { "A=\\\\back",                           STRV_MAKE("A=\\back") },
                { "A=a\\ ",                               STRV_MAKE("A=a ") },
                { "A=x'y'\"z\"",                          STRV_MAKE("A=x'y'\"z\"") },
                { "A=$HOME ${X}",                         STRV_MAKE("A=$HOME ${X}") },
                { "A=b # not a comment",                  STRV_MAKE("A=b # not a comment") },
                { "A=",                                   STRV_MAKE("A=") },
                { "A=1\nA=2",                             STRV_MAKE("A=2") },
                { "no equals\nB=1",                       STRV_MAKE("B=1") },
                { "9A=1\nA-B=2\nC=3",                     STRV_MAKE("C=3") },
                { "A=\"unterminated\nB=1",                STRV_MAKE("A=unterminated\nB=1") },
                { "A='unterminated\nB=1",                  STRV_MAKE("A=unterminated\nB=1") },
                { "A=\"x\\",                              STRV_MAKE("A=x") },
                { "A=trailing\\",                         STRV_MAKE("A=trailing") },
                { "A=\"q\" rest",                         STRV_MAKE("A=qrest") },
                { "A=\" a \"  b  ",                       STRV_MAKE("A= a b") },
                { "A='x'\\\n y",                          STRV_MAKE("A=x y") },
                { "A=\\\n  x",                            STRV_MAKE("A=  x") },
                { "A.B=1\nC=2",                           STRV_MAKE("C=2") },
                { "A=1\r\nB=2\r\n",                       STRV_MAKE("A=1", "B=2") },
                { "  \t export   A=x",                    STRV_MAKE(NULL) },
                { "export=1",                             STRV_MAKE("export=1") },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                _cleanup_strv_free_ char **l = NULL;

                print_message("row %zu\n", i);
                assert_int_equal(parse_env_file_data(t[i].in, strlen(t[i].in), &l), 0);
                assert_non_null(l);
                if (!strv_equal(l, t[i].out)) {
                        _cleanup_(freep) char *j = strv_join(l, "|");

                        print_message("got: %s\n", j);
                        fail();
                }
        }
}

static void test_env_file_nul(void **state) {
        static const char data[] = "A=x\0y\nB=2";
        char **l = NULL;

        /* systemd refuses such a file whole */
        assert_int_equal(parse_env_file_data(data, sizeof data - 1, &l), -EINVAL);
        assert_null(l);
}

static void test_load_env_file(void **state) {
        char d[] = "/tmp/test-env-util.XXXXXX";
        _cleanup_(freep) char *p = NULL;
        _cleanup_strv_free_ char **l = NULL;

        assert_non_null(mkdtemp(d));
        p = path_join(d, "env");
        assert_int_equal(write_string_file(p, "X=1\nY='2 3'\n", false), 0);
        assert_int_equal(load_env_file(p, &l), 0);
        assert_true(strv_equal(l, STRV_MAKE("X=1", "Y=2 3")));
        assert_int_equal(load_env_file(d, &l), -EISDIR);
        assert_int_equal(rm_rf(d), 0);
        assert_int_equal(load_env_file(p, &l), -ENOENT);
}

static void test_replace_env(void **state) {
        char **env = STRV_MAKE("FOO=foo bar", "E=", "X=x");
        /* rows checked against ExecStart= of systemd 252 */
        static const struct { const char *in, *out; } t[] = {
                { "plain",            "plain" },
                { "${FOO}",           "foo bar" },
                { "a${X}b",           "axb" },
                { "${X}${X}",         "xx" },
                { "x$X",              "x$X" },
                { "x $X",             "x $X" },
                { "$$X",              "$X" },
                { "$$$X",             "$$X" },
                { "a$$b",             "a$b" },
                { "${X}$$",           "x$" },
                { "$",                "$" },
                { "a$",               "a$" },
                { "${",               "${" },
                { "${X",              "${X" },
                { "${1}",             "" },
                { "${}",              "" },
                { "${X:-def}",        "${X:-def}" },
                { "${E}|",            "|" },
                { "${NOPE}",          "" },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                _cleanup_(freep) char *r = replace_env(t[i].in, env);

                assert_string_equal(r, t[i].out);
        }
}

static void test_replace_env_argv(void **state) {
        char **env = STRV_MAKE("FOO=foo  bar", "E=", "X=x");
        /* rows checked against ExecStart= of systemd 252 */
        const struct { char **in, **out; } t[] = {
                { STRV_MAKE("/bin/echo", "$FOO"),       STRV_MAKE("/bin/echo", "foo", "bar") },
                { STRV_MAKE("/bin/echo", "${FOO}"),     STRV_MAKE("/bin/echo", "foo  bar") },
                { STRV_MAKE("/bin/echo", "$E", "a"),    STRV_MAKE("/bin/echo", "a") },
                { STRV_MAKE("/bin/echo", "$NOPE"),      STRV_MAKE("/bin/echo") },
                { STRV_MAKE("/bin/echo", "x$FOO"),      STRV_MAKE("/bin/echo", "x$FOO") },
                { STRV_MAKE("/bin/echo", "$X.b", "$X}"), STRV_MAKE("/bin/echo") },
                { STRV_MAKE("/bin/echo", "$"),          STRV_MAKE("/bin/echo") },
                { STRV_MAKE("/bin/echo", "${}"),        STRV_MAKE("/bin/echo", "") },
                { STRV_MAKE("$$FOO", "$$"),             STRV_MAKE("$FOO", "$") },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                _cleanup_strv_free_ char **r = replace_env_argv(t[i].in, env);

                assert_non_null(r);
                assert_true(strv_equal(r, t[i].out));
        }
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_names),
                cmocka_unit_test(test_block),
                cmocka_unit_test(test_env_file),
                cmocka_unit_test(test_env_file_nul),
                cmocka_unit_test(test_load_env_file),
                cmocka_unit_test(test_replace_env),
                cmocka_unit_test(test_replace_env_argv),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
