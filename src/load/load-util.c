/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* load-util.c: word splitting with systemd.syntax(7) quoting, for command lines and list
 * values. Ours rather than extract_first_word() because ExecStart= must tell a bare ";" from
 * a quoted or escaped one. */

#include "load-util.h"

static int hexval(char c) {
        if (c >= '0' && c <= '9')
                return c - '0';
        if (c >= 'a' && c <= 'f')
                return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
                return c - 'A' + 10;
        return -EINVAL;
}

static size_t utf8_encode(char *out, uint32_t cp) {
        if (cp < 0x80) {
                out[0] = (char) cp;
                return 1;
        }
        if (cp < 0x800) {
                out[0] = (char) (0xC0 | (cp >> 6));
                out[1] = (char) (0x80 | (cp & 0x3F));
                return 2;
        }
        if (cp < 0x10000) {
                out[0] = (char) (0xE0 | (cp >> 12));
                out[1] = (char) (0x80 | ((cp >> 6) & 0x3F));
                out[2] = (char) (0x80 | (cp & 0x3F));
                return 3;
        }
        out[0] = (char) (0xF0 | (cp >> 18));
        out[1] = (char) (0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char) (0x80 | ((cp >> 6) & 0x3F));
        out[3] = (char) (0x80 | (cp & 0x3F));
        return 4;
}

/* Decodes the escape at *s (after the backslash) into out; returns bytes written or -EINVAL */
static int decode_escape(const char **s, char *out) {
        const char *p = *s;
        int a, b;

        switch (*p) {
        case 'a': out[0] = '\a'; *s = p + 1; return 1;
        case 'b': out[0] = '\b'; *s = p + 1; return 1;
        case 'f': out[0] = '\f'; *s = p + 1; return 1;
        case 'n': out[0] = '\n'; *s = p + 1; return 1;
        case 'r': out[0] = '\r'; *s = p + 1; return 1;
        case 't': out[0] = '\t'; *s = p + 1; return 1;
        case 'v': out[0] = '\v'; *s = p + 1; return 1;
        case 's': out[0] = ' '; *s = p + 1; return 1;
        case '\\': case '"': case '\'':
                out[0] = *p; *s = p + 1; return 1;
        case 'x':
                a = hexval(p[1]);
                if (a < 0)
                        return -EINVAL;
                b = hexval(p[2]);
                if (b < 0)
                        return -EINVAL;
                if (a == 0 && b == 0)           /* no NUL bytes in strings */
                        return -EINVAL;
                out[0] = (char) (a * 16 + b);
                *s = p + 3;
                return 1;
        case 'u':
        case 'U': {
                unsigned n = *p == 'u' ? 4 : 8;
                uint32_t cp = 0;

                for (unsigned i = 1; i <= n; i++) {
                        int v = hexval(p[i]);
                        if (v < 0)
                                return -EINVAL;
                        cp = (cp << 4) | (uint32_t) v;
                }
                if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                        return -EINVAL;
                *s = p + 1 + n;
                return (int) utf8_encode(out, cp);
        }
        case '0' ... '7': {
                unsigned v = 0;

                for (unsigned i = 0; i < 3; i++) {
                        if (p[i] < '0' || p[i] > '7')
                                return -EINVAL;
                        v = v * 8 + (unsigned) (p[i] - '0');
                }
                if (v == 0 || v > 255)
                        return -EINVAL;
                out[0] = (char) v;
                *s = p + 3;
                return 1;
        }
        default:
                return -EINVAL;
        }
}

int load_next_word(const char **p, LoadWordMode mode, char **ret, bool *ret_separator) {
        const char *s;
        char *buf, quote = 0;
        size_t n = 0;
        bool any = false, plain_semicolon = true;

        assert(p);
        assert(ret);

        s = *p;
        if (!s) {
                *ret = NULL;
                return 0;
        }
        s += strspn(s, " \t\n\r");
        if (!*s) {
                *p = s;
                *ret = NULL;
                if (ret_separator)
                        *ret_separator = false;
                return 0;
        }

        /* every byte of output comes from at most one input byte, escapes shrink; \u may grow
         * 6 → 4 bytes, so strlen + 1 is enough */
        buf = malloc(strlen(s) + 1);
        if (!buf)
                return -ENOMEM;

        for (;; s++) {
                char c = *s;

                if (c == 0) {
                        if (quote) {
                                free(buf);
                                return -EINVAL;
                        }
                        break;
                }
                if (!quote && strchr(" \t\n\r", c))
                        break;
                if (!quote && (c == '\'' || c == '"')) {
                        quote = c;
                        any = true;
                        plain_semicolon = false;
                        continue;
                }
                if (quote && c == quote) {
                        quote = 0;
                        continue;
                }
                if (c == '\\') {
                        plain_semicolon = false;
                        s++;
                        if (*s == 0) {
                                /* a trailing backslash outside quotes stays, relaxed */
                                if (mode == LOAD_WORD_CUNESCAPE_RELAX && !quote) {
                                        buf[n++] = '\\';
                                        s--;
                                        any = true;
                                        continue;
                                }
                                free(buf);
                                return -EINVAL;
                        }
                        if (mode != LOAD_WORD_PLAIN) {
                                const char *q = s;
                                int k = decode_escape(&q, buf + n);
                                if (k < 0 && mode == LOAD_WORD_CUNESCAPE_RELAX) {
                                        buf[n++] = '\\';      /* unknown: kept, with what follows */
                                        buf[n++] = *s;
                                } else if (k < 0) {
                                        free(buf);
                                        return -EINVAL;
                                } else {
                                        n += (size_t) k;
                                        s = q - 1;
                                }
                        } else
                                buf[n++] = *s;
                        any = true;
                        continue;
                }
                buf[n++] = c;
                any = true;
        }
        buf[n] = 0;
        s += strspn(s, " \t\n\r");
        *p = s;

        if (ret_separator)
                *ret_separator = plain_semicolon && streq(buf, ";");
        (void) any;
        *ret = buf;
        return 1;
}

bool load_filename_is_valid(const char *s) {
        if (isempty(s))
                return false;
        if (streq(s, ".") || streq(s, ".."))
                return false;
        if (strchr(s, '/'))
                return false;
        return strlen(s) <= 255;
}
