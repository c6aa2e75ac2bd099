/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-exec-line.c: ExecStart= command lines, systemd.service(5) "COMMAND LINES". */

#include "load-test-util.h"
#include "exec-line.h"

static void test_exec_line(void **state) {
        static const struct {
                const char *in;
                int ret;
                const char *path;       /* of the first command */
                const char *argv;       /* joined with "|" */
                ExecCommandFlags flags;
                size_t n;
        } t[] = {
                { "/bin/true", 1, "/bin/true", "/bin/true", 0, 1 },
                { "true a", 1, "true", "true|a", 0, 1 },
                { "@/bin/echo foo \"a b\" 'c d' x\\ty \\;", 1, "/bin/echo", "foo|a b|c d|x\ty|;", 0, 1 },
                { "/bin/a ; /bin/b x", 2, "/bin/a", "/bin/a", 0, 2 },
                { "/bin/a ; ", 1, "/bin/a", "/bin/a", 0, 1 },
                { "-/bin/true", 1, "/bin/true", "/bin/true", EXEC_COMMAND_IGNORE_FAILURE, 1 },
                { "-:+/bin/true", 1, "/bin/true", "/bin/true",
                  EXEC_COMMAND_IGNORE_FAILURE | EXEC_COMMAND_NO_ENV_EXPAND | EXEC_COMMAND_FULLY_PRIVILEGED, 1 },
                { "!!/bin/true", 1, "/bin/true", "/bin/true", EXEC_COMMAND_AMBIENT_MAGIC, 1 },
                { "!/bin/true", 1, "/bin/true", "/bin/true", EXEC_COMMAND_NO_SETUID, 1 },
                { "@-/bin/sh sh -c x", 1, "/bin/sh", "sh|-c|x", EXEC_COMMAND_IGNORE_FAILURE, 1 },
                { "/bin/echo $FOO ${BAR}", 1, "/bin/echo", "/bin/echo|$FOO|${BAR}", 0, 1 },
                { "/bin/echo \\x41\\u00e9", 1, "/bin/echo", "/bin/echo|A\xc3\xa9", 0, 1 },
                /* systemd 252 (EXTRACT_CUNESCAPE_RELAX): an unknown escape stays, backslash and
                 * all, and does not split the word; only a whole word \; is a literal ";" */
                { "/bin/echo \\xZZ a\\ b semi\\;colon \\$x 'q\\q' \\s end\\", 1, "/bin/echo",
                  "/bin/echo|\\xZZ|a\\ b|semi\\;colon|\\$x|q\\q| |end\\", 0, 1 },
                /* errors: fatal without "-", ignorable with it */
                { "foo/bar", -ENOEXEC, NULL, NULL, 0, 0 },
                { "-foo/bar", -EINVAL, NULL, NULL, 0, 0 },
                { "--/bin/echo", -EINVAL, NULL, NULL, 0, 0 },      /* second "-" is part of the path */
                { "+!/bin/true", -ENOEXEC, NULL, NULL, 0, 0 },     /* "+" and "!" exclude each other */
                { "/bin/echo \"unterminated", -ENOEXEC, NULL, NULL, 0, 0 },
                { "/bin/echo '\\", -ENOEXEC, NULL, NULL, 0, 0 },           /* a backslash ending a quote */
                { "/bin/../bin/true", -ENOEXEC, NULL, NULL, 0, 0 },
                { "@/bin/true", -ENOEXEC, NULL, NULL, 0, 0 },        /* "@" needs argv[0] */
                { "-", -EINVAL, NULL, NULL, 0, 0 },
                { ";", -ENOEXEC, NULL, NULL, 0, 0 },
                { "/bin/a ; foo/b", -ENOEXEC, NULL, NULL, 0, 0 },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                ExecCommandList l = {};
                const char *reason = NULL;
                int r = exec_line_parse(t[i].in, &l, &reason);

                if (r != t[i].ret)
                        fail_msg("row %zu '%s': %d != %d", i, t[i].in, r, t[i].ret);
                if (r < 0) {
                        assert_non_null(reason);
                        assert_int_equal(l.n, 0);
                        continue;
                }
                assert_int_equal(l.n, t[i].n);
                assert_string_equal(l.commands[0].path, t[i].path);
                {
                        char *j = strv_join(l.commands[0].argv, "|");
                        assert_string_equal(j, t[i].argv);
                        free(j);
                }
                assert_int_equal(l.commands[0].flags, t[i].flags);
                exec_command_list_done(&l);
        }
}

static void test_flags_to_string(void **state) {
        char *s = exec_command_flags_to_string(EXEC_COMMAND_IGNORE_FAILURE | EXEC_COMMAND_FULLY_PRIVILEGED |
                                               EXEC_COMMAND_NO_ENV_EXPAND);
        assert_string_equal(s, "ignore-failure privileged no-env-expand");
        free(s);
        s = exec_command_flags_to_string(0);
        assert_string_equal(s, "");
        free(s);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_exec_line),
                cmocka_unit_test(test_flags_to_string),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
