/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* env-util.c: environment blocks (strvs of "NAME=value"), environment files as
 * EnvironmentFile= reads them (systemd.exec(5)), and $VAR/${VAR} expansion of command lines
 * (systemd.service(5), "Command lines"). A block never holds two assignments of one name. */

#include <ctype.h>

#include "env-util.h"
#include "path-util.h"
#include "strv.h"

#define ENV_NAME_MAX 4096       /* far above any real name; bounds what a file can make us keep */
#define ENV_FILE_MAX (64U * 1024U * 1024U)

static bool env_name_char(char c, bool first) {
        return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                (!first && c >= '0' && c <= '9');
}

static bool env_name_is_valid_n(const char *n, size_t l) {
        if (l == 0 || l > ENV_NAME_MAX)
                return false;
        for (size_t i = 0; i < l; i++)
                if (!env_name_char(n[i], i == 0))
                        return false;
        return true;
}

bool env_name_is_valid(const char *n) {
        return n && env_name_is_valid_n(n, strlen(n));
}

bool env_assignment_is_valid(const char *e) {
        const char *eq;

        if (!e)
                return false;
        eq = strchr(e, '=');
        return eq && env_name_is_valid_n(e, eq - e);
}

/* Index of name's assignment in l, or -1. name may be "NAME" or "NAME=…". */
static ssize_t env_find(char * const *l, const char *name) {
        size_t k = strcspn(name, "=");

        for (size_t i = 0; l && l[i]; i++)
                if (strneq(l[i], name, k) && l[i][k] == '=')
                        return (ssize_t) i;
        return -1;
}

const char *strv_env_get(char * const *l, const char *name) {
        ssize_t i;

        assert(name);

        i = env_find(l, name);
        if (i < 0)
                return NULL;
        return l[i] + strcspn(name, "=") + 1;
}

int strv_env_replace_consume(char ***l, char *assignment) {
        ssize_t i;

        assert(l);

        if (!env_assignment_is_valid(assignment)) {
                free(assignment);
                return -EINVAL;
        }

        i = env_find(*l, assignment);
        if (i >= 0) {
                free((*l)[i]);
                (*l)[i] = assignment;
                return 0;
        }
        return strv_push(l, assignment);
}

int strv_env_assign(char ***l, const char *name, const char *value) {
        char *a;

        assert(l);

        if (!env_name_is_valid(name))
                return -EINVAL;
        if (!value) {
                *l = strv_env_unset(*l, name);
                return 0;
        }
        if (asprintf(&a, "%s=%s", name, value) < 0)
                return -ENOMEM;
        return strv_env_replace_consume(l, a);
}

char **strv_env_unset(char **l, const char *name) {
        size_t k, j = 0;

        assert(name);

        if (!l)
                return NULL;
        k = strlen(name);
        for (size_t i = 0; l[i]; i++) {
                if (strneq(l[i], name, k) && (l[i][k] == '=' || l[i][k] == 0))
                        free(l[i]);
                else
                        l[j++] = l[i];
        }
        l[j] = NULL;
        return l;
}

char **strv_env_merge(char * const *a, char * const *b) {
        _cleanup_strv_free_ char **r = NULL;

        r = new0(char *, 1);
        if (!r)
                return NULL;

        for (char * const *x[] = { a, b }, * const **y = x; y < x + 2; y++)
                STRV_FOREACH(e, *y) {
                        char *c;

                        if (!env_assignment_is_valid(*e))
                                continue;
                        c = strdup(*e);
                        if (!c || strv_env_replace_consume(&r, c) < 0)
                                return NULL;
                }

        return TAKE_PTR(r);
}

/* The parser of environment files: a small state machine over bytes, so that quotes and
 * continuations may span lines. */
typedef enum EnvState {
        ENV_PRE_KEY,            /* start of a line */
        ENV_KEY,
        ENV_PRE_VALUE,          /* after "=" (or after a closing quote) */
        ENV_VALUE,              /* unquoted */
        ENV_VALUE_ESCAPE,
        ENV_SINGLE_QUOTE,
        ENV_DOUBLE_QUOTE,
        ENV_DOUBLE_QUOTE_ESCAPE,
        ENV_COMMENT,
} EnvState;

typedef struct Buf {
        char *s;
        size_t n, allocated;
} Buf;

static int buf_put(Buf *b, char c) {
        if (b->n + 2 > b->allocated) {
                size_t a = MAX(b->allocated * 2, (size_t) 64);
                char *t = realloc(b->s, a);

                if (!t)
                        return -ENOMEM;
                b->s = t;
                b->allocated = a;
        }
        b->s[b->n++] = c;
        b->s[b->n] = 0;
        return 0;
}

static int env_push(char ***l, Buf *key, Buf *value, size_t value_keep) {
        char *a;
        size_t kl = key->n;

        /* trailing whitespace of the key ("A =b") is not part of it */
        while (kl > 0 && strchr(" \t\r", key->s[kl - 1]))
                kl--;
        /* "export A=b" is not special: systemd 252 skips such a line as an invalid name */
        if (!env_name_is_valid_n(key->s ?: "", kl))
                return 0;       /* invalid lines are skipped */

        if (asprintf(&a, "%.*s=%.*s", (int) kl, key->s, (int) value_keep, value->s ?: "") < 0)
                return -ENOMEM;
        return strv_env_replace_consume(l, a);
}

int parse_env_file_data(const char *data, size_t size, char ***ret) {
        _cleanup_strv_free_ char **l = NULL;
        _cleanup_(freep) char *kbuf = NULL, *vbuf = NULL;
        Buf key = {}, value = {};
        EnvState state = ENV_PRE_KEY;
        size_t keep = 0;        /* value bytes up to the last one not to be trimmed */
        int r = 0;

        assert(data || size == 0);
        assert(ret);

        for (size_t i = 0; i <= size && r >= 0; i++) {
                char c = i < size ? data[i] : '\n';     /* the end closes the last line */
                bool nl = c == '\n';

                if (i < size && c == 0) {
                        r = -EINVAL;    /* as systemd, a NUL makes the whole file invalid */
                        continue;
                }

                switch (state) {
                case ENV_PRE_KEY:
                        if (strchr(" \t\r\n", c))
                                break;
                        if (c == '#' || c == ';') {
                                state = ENV_COMMENT;
                                break;
                        }
                        key.n = 0;
                        value.n = 0;
                        keep = 0;
                        state = ENV_KEY;
                        r = buf_put(&key, c);
                        break;

                case ENV_COMMENT:
                        if (nl)
                                state = ENV_PRE_KEY;
                        break;

                case ENV_KEY:
                        if (nl)
                                state = ENV_PRE_KEY;    /* no "=": ignored */
                        else if (c == '=')
                                state = ENV_PRE_VALUE;
                        else if (key.n > ENV_NAME_MAX + 16)
                                state = ENV_COMMENT;    /* cannot become valid */
                        else
                                r = buf_put(&key, c);
                        break;

                case ENV_PRE_VALUE:
                        if (nl) {
                                r = env_push(&l, &key, &value, keep);
                                state = ENV_PRE_KEY;
                        } else if (strchr(" \t\r", c))
                                ;
                        else if (c == '\'')
                                state = ENV_SINGLE_QUOTE;
                        else if (c == '"')
                                state = ENV_DOUBLE_QUOTE;
                        else if (c == '\\')
                                state = ENV_VALUE_ESCAPE;
                        else {
                                r = buf_put(&value, c);
                                keep = value.n;
                                state = ENV_VALUE;
                        }
                        break;

                case ENV_VALUE:
                        if (nl) {
                                r = env_push(&l, &key, &value, keep);
                                state = ENV_PRE_KEY;
                        } else if (c == '\\')
                                state = ENV_VALUE_ESCAPE;
                        else {
                                r = buf_put(&value, c);
                                if (!strchr(" \t\r", c))
                                        keep = value.n;
                        }
                        break;

                case ENV_VALUE_ESCAPE:
                        /* "\<newline>" continues the line; "\x" is x, kept even if blank */
                        state = ENV_VALUE;
                        if (i == size) {
                                r = env_push(&l, &key, &value, keep);
                                state = ENV_PRE_KEY;
                        } else if (!nl) {
                                r = buf_put(&value, c);
                                keep = value.n;
                        }
                        break;

                case ENV_SINGLE_QUOTE:
                        if (i == size) {
                                /* unterminated at the end: kept, as systemd does */
                                r = env_push(&l, &key, &value, keep);
                                state = ENV_PRE_KEY;
                        } else if (c == '\'')
                                state = ENV_PRE_VALUE;
                        else {
                                r = buf_put(&value, c);
                                keep = value.n;
                        }
                        break;

                case ENV_DOUBLE_QUOTE:
                        if (i == size) {
                                r = env_push(&l, &key, &value, keep);
                                state = ENV_PRE_KEY;
                        }
                        else if (c == '"')
                                state = ENV_PRE_VALUE;
                        else if (c == '\\')
                                state = ENV_DOUBLE_QUOTE_ESCAPE;
                        else {
                                r = buf_put(&value, c);
                                keep = value.n;
                        }
                        break;

                case ENV_DOUBLE_QUOTE_ESCAPE:
                        state = ENV_DOUBLE_QUOTE;
                        if (i == size) {
                                r = env_push(&l, &key, &value, keep);
                                state = ENV_PRE_KEY;
                        }
                        else if (strchr("\"\\`$", c)) {
                                r = buf_put(&value, c);
                                keep = value.n;
                        } else if (!nl) {
                                r = buf_put(&value, '\\');
                                if (r >= 0)
                                        r = buf_put(&value, c);
                                keep = value.n;
                        }
                        break;
                }
        }
        kbuf = key.s;
        vbuf = value.s;
        if (r < 0)
                return r;

        if (!l) {
                l = new0(char *, 1);
                if (!l)
                        return -ENOMEM;
        }
        *ret = TAKE_PTR(l);
        return 0;
}

int load_env_file(const char *path, char ***ret) {
        _cleanup_(freep) char *data = NULL;
        size_t size;
        int r;

        assert(path);
        assert(ret);

        r = read_full_file(path, ENV_FILE_MAX, &data, &size);
        if (r < 0)
                return r;
        return parse_env_file_data(data, size, ret);
}

static const char *env_lookup_n(char * const *env, const char *name, size_t n) {
        STRV_FOREACH(e, env)
                if (strneq(*e, name, n) && (*e)[n] == '=')
                        return *e + n + 1;
        return NULL;
}

/* What systemd 252 does, observed: "$$" is "$"; "${NAME}" is NAME's value or "" (NAME made of
 * [A-Za-z0-9_], possibly empty); a "${" not closed that way, and "$NAME" inside a word, stay
 * verbatim. Only replace_env_argv() expands a braceless "$NAME", and only as a whole word. */
char *replace_env(const char *format, char * const *env) {
        Buf b = {};
        const char *s;

        assert(format);

        if (buf_put(&b, 0) < 0)
                return NULL;
        b.n = 0;

        for (s = format; *s;) {
                const char *v, *name;
                size_t n;

                if (s[0] == '$' && s[1] == '$') {
                        if (buf_put(&b, '$') < 0)
                                goto oom;
                        s += 2;
                        continue;
                }

                if (s[0] != '$' || s[1] != '{') {
                        if (buf_put(&b, *s++) < 0)
                                goto oom;
                        continue;
                }

                name = s + 2;
                n = strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");
                if (name[n] != '}') {
                        /* not a reference: copy "${" and the name, go on from what broke it */
                        for (; s < name + n; s++)
                                if (buf_put(&b, *s) < 0)
                                        goto oom;
                        continue;
                }

                for (v = env_lookup_n(env, name, n); v && *v; v++)
                        if (buf_put(&b, *v) < 0)
                                goto oom;
                s = name + n + 1;
        }

        return b.s;

oom:
        free(b.s);
        return NULL;
}

char **replace_env_argv(char * const *argv, char * const *env) {
        _cleanup_strv_free_ char **r = NULL;

        r = new0(char *, 1);
        if (!r)
                return NULL;

        STRV_FOREACH(a, argv) {
                const char *w = *a;
                char *x;

                /* A word "$NAME" becomes the value's whitespace-separated words, none when
                 * unset or empty; everything after the "$" is the name, as in systemd. */
                if (w[0] == '$' && w[1] != '{' && w[1] != '$') {
                        const char *v = env_lookup_n(env, w + 1, strlen(w + 1));
                        _cleanup_strv_free_ char **words = NULL;

                        if (!v || isempty(w + 1))
                                continue;
                        words = strv_split(v, " \t\n\r");
                        if (!words || strv_extend_strv(&r, words, false) < 0)
                                return NULL;
                        continue;
                }

                x = replace_env(w, env);
                if (!x || strv_push(&r, x) < 0)
                        return NULL;
        }

        return TAKE_PTR(r);
}
