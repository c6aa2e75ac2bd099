/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* strv.c: NULL-terminated string arrays. Every strv owns its strings; a NULL strv is the empty
 * list. Functions that grow a list keep it valid (NULL-terminated, nothing leaked) on failure. */

#include <stdarg.h>

#include "strv.h"

char **strv_free(char **l) {
        if (!l)
                return NULL;
        for (char **s = l; *s; s++)
                free(*s);
        free(l);
        return NULL;
}

size_t strv_length(char * const *l) {
        size_t n = 0;

        if (!l)
                return 0;
        while (l[n])
                n++;
        return n;
}

char **strv_copy(char * const *l) {
        size_t n = strv_length(l);
        char **c;

        c = new0(char *, n + 1);
        if (!c)
                return NULL;
        for (size_t i = 0; i < n; i++) {
                c[i] = strdup(l[i]);
                if (!c[i])
                        return strv_free(c);
        }
        return c;
}

int strv_push(char ***l, char *value) {
        size_t n;
        char **c;

        assert(l);

        if (!value)
                return 0;

        n = strv_length(*l);
        if (n + 2 < n) {
                free(value);
                return -ENOMEM;
        }
        c = reallocarray(*l, n + 2, sizeof(char *));
        if (!c) {
                free(value);
                return -ENOMEM;
        }
        c[n] = value;
        c[n + 1] = NULL;
        *l = c;
        return 0;
}

int strv_extend(char ***l, const char *value) {
        char *v;

        assert(l);

        if (!value)
                return 0;
        v = strdup(value);
        if (!v)
                return -ENOMEM;
        return strv_push(l, v);
}

int strv_extend_strv(char ***a, char * const *b, bool filter_duplicates) {
        int r;

        assert(a);

        STRV_FOREACH(s, b) {
                if (filter_duplicates && strv_contains(*a, *s))
                        continue;
                r = strv_extend(a, *s);
                if (r < 0)
                        return r;
        }
        return 0;
}

int strv_consume_prepend(char ***l, char *value) {
        size_t n;
        char **c;

        assert(l);

        if (!value)
                return 0;

        n = strv_length(*l);
        c = reallocarray(*l, n + 2, sizeof(char *));
        if (!c) {
                free(value);
                return -ENOMEM;
        }
        memmove(c + 1, c, sizeof(char *) * n);
        c[n + 1] = NULL;
        c[0] = value;
        *l = c;
        return 0;
}

bool strv_contains(char * const *l, const char *s) {
        assert(s);

        STRV_FOREACH(i, l)
                if (streq(*i, s))
                        return true;
        return false;
}

char **strv_remove(char **l, const char *s) {
        char **f, **t;

        if (!l)
                return NULL;
        assert(s);

        for (f = t = l; *f; f++) {
                if (streq(*f, s))
                        free(*f);
                else
                        *(t++) = *f;
        }
        *t = NULL;
        return l;
}

char *strv_join(char * const *l, const char *separator) {
        size_t n = 0, k, sl;
        char *r, *p;

        if (!separator)
                separator = " ";
        sl = strlen(separator);

        STRV_FOREACH(s, l)
                n += strlen(*s) + sl;

        r = new(char, n + 1);
        if (!r)
                return NULL;

        p = r;
        k = 0;
        STRV_FOREACH(s, l) {
                if (k++ > 0)
                        p = stpcpy(p, separator);
                p = stpcpy(p, *s);
        }
        *p = 0;
        return r;
}

char **strv_split(const char *s, const char *separators) {
        _cleanup_strv_free_ char **l = NULL;
        size_t n = 0;
        int r;

        assert(s);
        if (!separators)
                separators = " \t\n\r";

        l = new0(char *, 1);
        if (!l)
                return NULL;

        for (const char *p = s;;) {
                char *w;

                p += strspn(p, separators);
                if (!*p)
                        break;
                n = strcspn(p, separators);
                w = strndup(p, n);
                if (!w)
                        return NULL;
                r = strv_push(&l, w);
                if (r < 0)
                        return NULL;
                p += n;
        }
        return TAKE_PTR(l);
}

char **strv_uniq(char **l) {
        size_t n = 0;

        if (!l)
                return NULL;

        /* Keep the first copy of each string, in order. Quadratic, fine for the small lists
         * unit files carry; callers with big sets use a Set. */
        for (size_t i = 0; l[i]; i++) {
                bool seen = false;

                for (size_t j = 0; j < n; j++)
                        if (streq(l[j], l[i])) {
                                seen = true;
                                break;
                        }
                if (seen)
                        free(l[i]);
                else
                        l[n++] = l[i];
        }
        l[n] = NULL;
        return l;
}

static int str_compare(const void *a, const void *b) {
        return strcmp(*(char * const *) a, *(char * const *) b);
}

char **strv_sort(char **l) {
        size_t n = strv_length(l);

        if (n > 1)
                qsort(l, n, sizeof(char *), str_compare);
        return l;
}

bool strv_equal(char * const *a, char * const *b) {
        size_t i;

        if (strv_length(a) != strv_length(b))
                return false;
        for (i = 0; a && a[i]; i++)
                if (!streq(a[i], b[i]))
                        return false;
        return true;
}

int strv_extendf(char ***l, const char *format, ...) {
        va_list ap;
        char *x;
        int r;

        assert(l);

        va_start(ap, format);
        r = vasprintf(&x, format, ap);
        va_end(ap);
        if (r < 0)
                return -ENOMEM;
        return strv_push(l, x);
}
