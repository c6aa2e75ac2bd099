/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-conf-parser.c: systemd.syntax(7) line syntax, and the treatment of bad input. */

#include "load-test-util.h"
#include "conf-parser.h"

typedef struct Collect {
        char out[4096];
} Collect;

static int on_section(const char *file, unsigned line, const char *section, void *userdata) {
        return !streq(section, "Skip");
}

static int on_assign(const char *file, unsigned line, const char *section, const char *key, const char *value,
                     void *userdata) {
        Collect *c = userdata;
        size_t l = strlen(c->out);

        snprintf(c->out + l, sizeof c->out - l, "%u:%s.%s=%s|", line, section, key, value);
        return 0;
}

static void test_syntax(void **state) {
        static const struct { const char *in; size_t len; int ret; const char *out; } t[] = {
                { "[A]\nk=v\n", 0, 0, "2:A.k=v|" },
                { "  [A]  \n  k  =  v w  \n", 0, 0, "2:A.k=v w|" },
                { "# c\n; c\n[A]\n#k=v\n;k=v\nk=1\n", 0, 0, "6:A.k=1|" },
                { "[A]\nk=a \\\n b\n", 0, 0, "2:A.k=a   b|" },       /* the continued line keeps its leading blank, as systemd */
                { "[A]\nk=a\\\n# comment inside\n; another\nb\n", 0, 0, "2:A.k=a b|" },
                { "[A]\nk=a\\\\\nj=b\n", 0, 0, "2:A.k=a\\\\|3:A.j=b|" },
                { "[A]\nk=last\\", 0, 0, "2:A.k=last|" },
                { "[A]\nk=\n", 0, 0, "2:A.k=|" },
                { "k=outside\n[A]\nnoequals\n=v\n", 0, 0, "" },
                { "[Skip]\nk=v\n[A]\nj=w\n", 0, 0, "4:A.j=w|" },
                { "[A\nk=v\n", 0, -EBADMSG, "" },
                { "[A]\nk=caf\xe9\n", 0, -EINVAL, "" },
                { "[A]\nk=caf\xc3\xa9\n", 0, 0, "2:A.k=caf\xc3\xa9|" },
                { "[A]\nk=a\0b\nj=c\n", 14, 0, "2:A.k=a|4:A.j=c|" },        /* NUL ends the line */
                { "[A]\r\nk=v\r\n", 0, 0, "2:A.k=v|" },
                { "", 0, 0, "" },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                Collect c = {};
                size_t len = t[i].len ?: strlen(t[i].in);

                assert_int_equal(conf_parse_text("test", t[i].in, len, on_section, on_assign, &c), t[i].ret);
                if (t[i].ret == 0)
                        assert_string_equal(c.out, t[i].out);
        }
}

static void test_long_lines(void **state) {
        size_t n = 100000;
        char *s = malloc(n + 32);
        Collect c = {};

        /* a 100,000-character line is fine */
        memcpy(s, "[A]\nk=", 6);
        for (size_t i = 0; i < n; i++)
                s[6 + i] = 'x';
        s[6 + n] = 0;
        assert_int_equal(conf_parse_text("test", s, strlen(s), NULL, on_assign, &c), 0);
        free(s);

        /* above CONF_LINE_MAX the file fails */
        s = malloc(CONF_LINE_MAX + 32);
        memcpy(s, "[A]\nk=", 6);
        for (size_t i = 0; i < CONF_LINE_MAX + 1; i++)
                s[6 + i] = 'x';
        s[6 + CONF_LINE_MAX + 1] = 0;
        assert_int_equal(conf_parse_text("test", s, strlen(s), NULL, on_assign, &c), -ENOBUFS);
        free(s);
}

static void test_utf8(void **state) {
        static const struct { const char *s; bool valid; } t[] = {
                { "abc", true }, { "\xc3\xa9", true }, { "\xe2\x82\xac", true }, { "\xf0\x9f\x98\x80", true },
                { "\xc0\xaf", false }, { "\xed\xa0\x80", false }, { "\xff", false }, { "\xe2\x82", false },
        };
        for (size_t i = 0; i < ELEMENTSOF(t); i++)
                assert_int_equal(conf_utf8_is_valid(t[i].s, strlen(t[i].s)), t[i].valid);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_syntax),
                cmocka_unit_test(test_long_lines),
                cmocka_unit_test(test_utf8),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
