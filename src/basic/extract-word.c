/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* extract-word.c: splitting of a line into words as unit files do it (systemd.syntax(7),
 * "Quoting"), and C-style escapes. One word at a time: the caller's cursor moves past the word
 * and the separators after it, so a caller can stop early and keep the rest of the line. */

#include "extract-word.h"

#define WHITESPACE " \t\n\r"

static int unhex(char c) {
        if (c >= '0' && c <= '9')
                return c - '0';
        if (c >= 'a' && c <= 'f')
                return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
                return c - 'A' + 10;
        return -EINVAL;
}

/* Writes the UTF-8 form of c to out (≥ 4 bytes), returns its length. */
static size_t utf8_encode(char *out, uint32_t c) {
        if (c < 0x80) {
                out[0] = (char) c;
                return 1;
        }
        if (c < 0x800) {
                out[0] = (char) (0xc0 | (c >> 6));
                out[1] = (char) (0x80 | (c & 0x3f));
                return 2;
        }
        if (c < 0x10000) {
                out[0] = (char) (0xe0 | (c >> 12));
                out[1] = (char) (0x80 | ((c >> 6) & 0x3f));
                out[2] = (char) (0x80 | (c & 0x3f));
                return 3;
        }
        out[0] = (char) (0xf0 | (c >> 18));
        out[1] = (char) (0x80 | ((c >> 12) & 0x3f));
        out[2] = (char) (0x80 | ((c >> 6) & 0x3f));
        out[3] = (char) (0x80 | (c & 0x3f));
        return 4;
}

/* One escape: p points after the backslash, at most length bytes. Returns the number of bytes
 * consumed and the decoded bytes in out (≥ 4), or -EINVAL. */
static int unescape_one(const char *p, size_t length, char *out, size_t *ret_n) {
        uint32_t c = 0;
        int digits;

        if (length < 1)
                return -EINVAL;

        switch (p[0]) {
        case 'a': out[0] = '\a'; break;
        case 'b': out[0] = '\b'; break;
        case 'f': out[0] = '\f'; break;
        case 'n': out[0] = '\n'; break;
        case 'r': out[0] = '\r'; break;
        case 't': out[0] = '\t'; break;
        case 'v': out[0] = '\v'; break;
        case '\\': out[0] = '\\'; break;
        case '"': out[0] = '"'; break;
        case '\'': out[0] = '\''; break;
        case 's': out[0] = ' '; break;

        case 'x':
                if (length < 3)
                        return -EINVAL;
                if (unhex(p[1]) < 0 || unhex(p[2]) < 0)
                        return -EINVAL;
                c = (uint32_t) (unhex(p[1]) << 4 | unhex(p[2]));
                if (c == 0)
                        return -EINVAL;         /* no NUL in a C string */
                out[0] = (char) c;
                *ret_n = 1;
                return 3;

        case 'u':
        case 'U':
                digits = p[0] == 'u' ? 4 : 8;
                if (length < (size_t) digits + 1)
                        return -EINVAL;
                for (int i = 1; i <= digits; i++) {
                        int h = unhex(p[i]);

                        if (h < 0)
                                return -EINVAL;
                        c = c << 4 | (uint32_t) h;
                }
                if (c == 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
                        return -EINVAL;
                *ret_n = utf8_encode(out, c);
                return digits + 1;

        case '0' ... '7':
                if (length < 3)
                        return -EINVAL;
                for (int i = 0; i < 3; i++) {
                        if (p[i] < '0' || p[i] > '7')
                                return -EINVAL;
                        c = c << 3 | (uint32_t) (p[i] - '0');
                }
                if (c == 0 || c > 255)
                        return -EINVAL;
                out[0] = (char) c;
                *ret_n = 1;
                return 3;

        default:
                return -EINVAL;
        }

        *ret_n = 1;
        return 1;
}

int cunescape(const char *s, size_t length, bool relax, char **ret) {
        _cleanup_(freep) char *r = NULL;
        size_t n = 0;

        assert(s);
        assert(ret);

        /* Each escape decodes to at most as many bytes as it takes ("\u" + 4 → 3 bytes) */
        r = new(char, length + 1);
        if (!r)
                return -ENOMEM;

        for (size_t i = 0; i < length; i++) {
                char buf[4];
                size_t k;
                int c;

                if (s[i] != '\\') {
                        r[n++] = s[i];
                        continue;
                }

                c = unescape_one(s + i + 1, length - i - 1, buf, &k);
                if (c < 0) {
                        if (!relax)
                                return -EINVAL;
                        r[n++] = '\\';  /* unknown escape or trailing backslash: kept */
                        continue;
                }
                memcpy(r + n, buf, k);
                n += k;
                i += (size_t) c;
        }
        r[n] = 0;

        *ret = TAKE_PTR(r);
        return (int) MIN(n, (size_t) INT_MAX);
}

char *cescape(const char *s) {
        static const char hex[] = "0123456789abcdef";
        char *r, *t;

        assert(s);

        r = new(char, strlen(s) * 4 + 1);
        if (!r)
                return NULL;

        for (t = r; *s; s++) {
                unsigned char c = (unsigned char) *s;
                char e = 0;

                switch (c) {
                case '\a': e = 'a'; break;
                case '\b': e = 'b'; break;
                case '\f': e = 'f'; break;
                case '\n': e = 'n'; break;
                case '\r': e = 'r'; break;
                case '\t': e = 't'; break;
                case '\v': e = 'v'; break;
                case '\\': e = '\\'; break;
                case '"': e = '"'; break;
                case '\'': e = '\''; break;
                default:
                        break;
                }
                if (e) {
                        *(t++) = '\\';
                        *(t++) = e;
                } else if (c < ' ' || c >= 127) {
                        *(t++) = '\\';
                        *(t++) = 'x';
                        *(t++) = hex[c >> 4];
                        *(t++) = hex[c & 15];
                } else
                        *(t++) = (char) c;
        }
        *t = 0;
        return r;
}

/* A growing word buffer. */
typedef struct Word {
        char *s;
        size_t n, allocated;
} Word;

static int word_append(Word *w, const char *b, size_t k) {
        if (w->n + k + 1 > w->allocated) {
                size_t a = MAX(w->allocated * 2, w->n + k + 1);
                char *t;

                a = MAX(a, (size_t) 16);
                t = realloc(w->s, a);
                if (!t)
                        return -ENOMEM;
                w->s = t;
                w->allocated = a;
        }
        memcpy(w->s + w->n, b, k);
        w->n += k;
        w->s[w->n] = 0;
        return 0;
}

int extract_first_word(const char **p, char **ret, const char *separators, ExtractFlags flags) {
        _cleanup_(freep) char *owned = NULL;
        Word w = {};
        const char *s;
        char quote = 0;         /* the open quote, or 0 */
        int r;

        assert(p);
        assert(ret);

        if (!separators)
                separators = WHITESPACE;

        if (!*p) {
                *ret = NULL;
                return 0;
        }

        s = *p;
        if (!(flags & EXTRACT_DONT_COALESCE_SEPARATORS)) {
                s += strspn(s, separators);
                if (!*s) {
                        *p = NULL;
                        *ret = NULL;
                        return 0;
                }
        }
        /* Without coalescing every field counts, the empty one at the end too: "a," is "a"
         * and "", and "" is one empty word, as in systemd. */

        for (;; s++) {
                char c = *s;

                if (c == 0) {
                        if (quote && !(flags & EXTRACT_RELAX)) {
                                free(w.s);
                                return -EINVAL;
                        }
                        break;
                }

                if (c == '\\') {
                        char buf[4];
                        size_t k;
                        int n;

                        if (s[1] == 0) {
                                /* a trailing backslash: kept with EXTRACT_UNESCAPE_RELAX,
                                 * dropped with EXTRACT_RELAX, else an error (as systemd) */
                                if ((flags & EXTRACT_UNESCAPE_RELAX) && (!quote || (flags & EXTRACT_RELAX))) {
                                        r = word_append(&w, "\\", 1);
                                        if (r < 0)
                                                goto fail;
                                } else if (!(flags & EXTRACT_RELAX)) {
                                        free(w.s);
                                        return -EINVAL;
                                }
                                s++;
                                break;
                        }

                        if ((flags & EXTRACT_UNESCAPE_SEPARATORS) && strchr(separators, s[1])) {
                                r = word_append(&w, s + 1, 1);
                                if (r < 0)
                                        goto fail;
                                s++;
                                continue;
                        }

                        if (flags & EXTRACT_CUNESCAPE) {
                                n = unescape_one(s + 1, strlen(s + 1), buf, &k);
                                if (n < 0) {
                                        if (!(flags & EXTRACT_UNESCAPE_RELAX)) {
                                                free(w.s);
                                                return -EINVAL;
                                        }
                                        r = word_append(&w, s, 2);      /* kept verbatim */
                                        if (r < 0)
                                                goto fail;
                                        s++;
                                        continue;
                                }
                                if (flags & EXTRACT_RETAIN_ESCAPE)
                                        r = word_append(&w, s, (size_t) n + 1);
                                else
                                        r = word_append(&w, buf, k);
                                if (r < 0)
                                        goto fail;
                                s += n;
                                continue;
                        }

                        if (flags & EXTRACT_RETAIN_ESCAPE)
                                r = word_append(&w, s, 2);
                        else
                                r = word_append(&w, s + 1, 1);
                        if (r < 0)
                                goto fail;
                        s++;
                        continue;
                }

                if (quote) {
                        if (c == quote) {
                                quote = 0;
                                continue;
                        }
                } else {
                        if ((flags & EXTRACT_UNQUOTE) && (c == '"' || c == '\'')) {
                                quote = c;
                                continue;
                        }
                        if (strchr(separators, c))
                                break;
                }

                r = word_append(&w, &c, 1);
                if (r < 0)
                        goto fail;
        }
        owned = w.s;

        /* move past the separators after the word */
        if (*s && (flags & EXTRACT_DONT_COALESCE_SEPARATORS))
                *p = s + 1;             /* may be "": then an empty last word follows */
        else if (*s) {
                s += strspn(s, separators);
                *p = *s ? s : NULL;
        } else
                *p = NULL;

        if (!owned) {
                /* "" or a separator right away (with EXTRACT_DONT_COALESCE_SEPARATORS) */
                owned = strdup("");
                if (!owned)
                        return -ENOMEM;
        }
        *ret = TAKE_PTR(owned);
        return 1;

fail:
        free(w.s);
        return r;
}
