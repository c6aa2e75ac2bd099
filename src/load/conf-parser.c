/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* conf-parser.c: the line syntax of unit files (systemd.syntax(7)). It turns text into
 * (section, key, value, line) calls; what a key means is load-fragment.c's business. It never
 * reads files, so that the fuzzer and transient units use the same path as the disk. */

#include <ctype.h>

#include "conf-parser.h"
#include "log.h"

#define WHITESPACE " \t\n\r"

bool conf_utf8_is_valid(const char *s, size_t n) {
        const unsigned char *p = (const unsigned char *) s;
        size_t i = 0;

        while (i < n) {
                unsigned c = p[i], len;
                uint32_t cp;

                if (c < 0x80) {
                        i++;
                        continue;
                }
                if ((c & 0xE0) == 0xC0) {
                        len = 2;
                        cp = c & 0x1F;
                } else if ((c & 0xF0) == 0xE0) {
                        len = 3;
                        cp = c & 0x0F;
                } else if ((c & 0xF8) == 0xF0) {
                        len = 4;
                        cp = c & 0x07;
                } else
                        return false;
                if (i + len > n)
                        return false;
                for (unsigned k = 1; k < len; k++) {
                        if ((p[i + k] & 0xC0) != 0x80)
                                return false;
                        cp = (cp << 6) | (p[i + k] & 0x3F);
                }
                /* refuse overlong forms, surrogates and values above U+10FFFF */
                if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
                    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
                        return false;
                i += len;
        }
        return true;
}

static char *strip(char *s) {
        char *e;

        s += strspn(s, WHITESPACE);
        e = s + strlen(s);
        while (e > s && strchr(WHITESPACE, e[-1]))
                e--;
        *e = 0;
        return s;
}

/* A line continues when it ends in an odd number of backslashes */
static bool ends_in_continuation(const char *l) {
        size_t n = strlen(l), k = 0;

        while (k < n && l[n - 1 - k] == '\\')
                k++;
        return k % 2 == 1;
}

typedef struct ParseState {
        const char *file;
        char *section;          /* NULL: before any header */
        bool section_ignored;
        ConfSectionCallback section_cb;
        ConfAssignmentCallback assignment_cb;
        void *userdata;
} ParseState;

static int parse_line(ParseState *st, unsigned line, char *l) {
        char *e, *key, *value;
        int r;

        if (*l == '[') {
                size_t n = strlen(l);
                char *name;

                if (n < 2 || l[n - 1] != ']') {
                        log_warning("%s:%u: Invalid section header '%s'", st->file, line, l);
                        return -EBADMSG;
                }
                name = strndup(l + 1, n - 2);
                if (!name)
                        return -ENOMEM;
                free(st->section);
                st->section = name;
                st->section_ignored = false;
                if (st->section_cb) {
                        r = st->section_cb(st->file, line, name, st->userdata);
                        if (r < 0)
                                return r;
                        st->section_ignored = r == 0;
                }
                return 0;
        }

        if (!st->section) {
                log_warning("%s:%u: Assignment outside of section. Ignoring.", st->file, line);
                return 0;
        }
        if (st->section_ignored)
                return 0;

        e = strchr(l, '=');
        if (!e) {
                log_warning("%s:%u: Missing '=', ignoring line.", st->file, line);
                return 0;
        }
        *e = 0;
        key = strip(l);
        value = strip(e + 1);
        if (!*key) {
                log_warning("%s:%u: Missing key name before '=', ignoring line.", st->file, line);
                return 0;
        }
        return st->assignment_cb(st->file, line, st->section, key, value, st->userdata);
}

int conf_parse_text(const char *file, const char *text, size_t size, ConfSectionCallback section_cb,
                    ConfAssignmentCallback assignment_cb, void *userdata) {
        ParseState st = {
                .file = file ?: "(string)",
                .section_cb = section_cb,
                .assignment_cb = assignment_cb,
                .userdata = userdata,
        };
        _cleanup_free_ char *cont = NULL;
        size_t cont_len = 0;
        unsigned line = 0, cont_line = 0;
        size_t pos = 0;
        int r = 0;

        assert(text || size == 0);
        assert(assignment_cb);

        while (pos < size) {
                _cleanup_free_ char *buf = NULL;
                size_t end = pos, n;
                char *l;

                /* a NUL byte ends the line, as systemd's line reader does */
                while (end < size && text[end] != '\n' && text[end] != '\0')
                        end++;
                n = end - pos;
                line++;
                if (n > CONF_LINE_MAX) {
                        log_warning("%s:%u: Line too long.", st.file, line);
                        r = -ENOBUFS;
                        goto finish;
                }
                if (!conf_utf8_is_valid(text + pos, n)) {
                        log_warning("%s:%u: Invalid UTF-8 in configuration line, refusing.", st.file, line);
                        r = -EINVAL;
                        goto finish;
                }
                buf = strndup(text + pos, n);
                if (!buf) {
                        r = -ENOMEM;
                        goto finish;
                }
                pos = end < size ? end + 1 : end;

                l = strip(buf);

                if (cont) {
                        /* comment lines inside a continuation are skipped, systemd.syntax(7) */
                        if (*l == '#' || *l == ';')
                                continue;
                } else if (*l == 0 || *l == '#' || *l == ';')
                        continue;

                /* a continued line is taken with its leading whitespace, as systemd does:
                 * "a \" + "  b" is "a   b" (only the whole line is stripped) */
                if (cont)
                        l = buf;

                if (ends_in_continuation(l)) {
                        size_t ln = strlen(l);
                        char *c;

                        l[ln - 1] = ' ';
                        if (cont_len + ln > CONF_LINE_MAX) {
                                log_warning("%s:%u: Continuation line too long.", st.file, line);
                                r = -ENOBUFS;
                                goto finish;
                        }
                        c = realloc(cont, cont_len + ln + 1);
                        if (!c) {
                                r = -ENOMEM;
                                goto finish;
                        }
                        if (!cont)
                                cont_line = line;
                        cont = c;
                        memcpy(cont + cont_len, l, ln + 1);
                        cont_len += ln;
                        continue;
                }

                if (cont) {
                        size_t ln = strlen(l);
                        char *c;

                        if (cont_len + ln > CONF_LINE_MAX) {
                                r = -ENOBUFS;
                                goto finish;
                        }
                        c = realloc(cont, cont_len + ln + 1);
                        if (!c) {
                                r = -ENOMEM;
                                goto finish;
                        }
                        cont = c;
                        memcpy(cont + cont_len, l, ln + 1);
                        cont_len = 0;
                        r = parse_line(&st, cont_line, strip(cont));
                        cont = mfree(cont);
                } else
                        r = parse_line(&st, line, l);
                if (r < 0)
                        goto finish;
        }

        if (cont) {
                /* a trailing backslash on the last line: take what we have */
                r = parse_line(&st, cont_line, strip(cont));
                if (r < 0)
                        goto finish;
        }
        r = 0;

finish:
        free(st.section);
        return r;
}
