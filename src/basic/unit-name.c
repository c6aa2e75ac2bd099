/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* unit-name.c: unit names per systemd.unit(5): "prefix[@[instance]].type", at most 255 bytes,
 * made of [A-Za-z0-9:_.\-] (and "@" in the instance); systemd-escape's string and path forms;
 * the bus object path of a unit. Pure string work: nothing here looks at the disk. */

#include <systemd/sd-bus.h>

#include "path-util.h"
#include "unit-name.h"

#define LETTERS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define DIGITS "0123456789"
#define VALID_CHARS DIGITS LETTERS ":-_.\\"
#define VALID_CHARS_WITH_AT VALID_CHARS "@"

static const char * const unit_type_names[_UNIT_TYPE_MAX] = {
        [UNIT_SERVICE] = "service",
        [UNIT_MOUNT] = "mount",
        [UNIT_SWAP] = "swap",
        [UNIT_SOCKET] = "socket",
        [UNIT_TARGET] = "target",
        [UNIT_DEVICE] = "device",
        [UNIT_AUTOMOUNT] = "automount",
        [UNIT_TIMER] = "timer",
        [UNIT_PATH] = "path",
        [UNIT_SLICE] = "slice",
        [UNIT_SCOPE] = "scope",
};

const char *unit_type_to_string(UnitType t) {
        if (t < 0 || t >= _UNIT_TYPE_MAX)
                return NULL;
        return unit_type_names[t];
}

UnitType unit_type_from_string(const char *s) {
        if (!s)
                return _UNIT_TYPE_INVALID;
        for (UnitType t = 0; t < _UNIT_TYPE_MAX; t++)
                if (streq(unit_type_names[t], s))
                        return t;
        return _UNIT_TYPE_INVALID;
}

static bool only_chars(const char *s, size_t n, const char *valid) {
        for (size_t i = 0; i < n; i++)
                if (!s[i] || !strchr(valid, s[i]))
                        return false;
        return true;
}

bool unit_name_is_valid(const char *n, UnitNameFlags flags) {
        const char *dot, *at;
        size_t l;

        if (isempty(n))
                return false;
        l = strlen(n);
        if (l >= UNIT_NAME_MAX)
                return false;

        dot = strrchr(n, '.');
        if (!dot || dot == n)
                return false;
        if (unit_type_from_string(dot + 1) < 0)
                return false;
        if (!only_chars(n, dot - n, VALID_CHARS_WITH_AT))
                return false;

        at = memchr(n, '@', dot - n);
        if (!at)
                return flags & UNIT_NAME_PLAIN;
        if (at == n)
                return false;
        if (at + 1 == dot)
                return flags & UNIT_NAME_TEMPLATE;
        return flags & UNIT_NAME_INSTANCE;
}

bool unit_prefix_is_valid(const char *p) {
        return !isempty(p) && strlen(p) < UNIT_NAME_MAX && only_chars(p, strlen(p), VALID_CHARS);
}

bool unit_instance_is_valid(const char *i) {
        return !isempty(i) && strlen(i) < UNIT_NAME_MAX && only_chars(i, strlen(i), VALID_CHARS_WITH_AT);
}

bool unit_suffix_is_valid(const char *s) {
        return s && s[0] == '.' && unit_type_from_string(s + 1) >= 0;
}

UnitType unit_name_to_type(const char *n) {
        if (!unit_name_is_valid(n, UNIT_NAME_ANY))
                return _UNIT_TYPE_INVALID;
        return unit_type_from_string(strrchr(n, '.') + 1);
}

int unit_name_to_prefix(const char *n, char **ret) {
        size_t l;
        char *s;

        assert(ret);

        if (!unit_name_is_valid(n, UNIT_NAME_ANY))
                return -EINVAL;

        l = strcspn(n, "@");
        l = MIN(l, (size_t) (strrchr(n, '.') - n));
        s = strndup(n, l);
        if (!s)
                return -ENOMEM;
        *ret = s;
        return 0;
}

int unit_name_to_instance(const char *n, char **ret) {
        const char *at, *dot;
        char *s;

        assert(ret);

        if (!unit_name_is_valid(n, UNIT_NAME_ANY))
                return -EINVAL;

        dot = strrchr(n, '.');
        at = strchr(n, '@');
        if (!at || at > dot) {
                *ret = NULL;
                return UNIT_NAME_PLAIN;
        }
        s = strndup(at + 1, dot - at - 1);
        if (!s)
                return -ENOMEM;
        *ret = s;
        return at + 1 == dot ? UNIT_NAME_TEMPLATE : UNIT_NAME_INSTANCE;
}

int unit_name_template(const char *n, char **ret) {
        const char *at, *dot;
        char *s;

        assert(ret);

        if (!unit_name_is_valid(n, UNIT_NAME_INSTANCE | UNIT_NAME_TEMPLATE))
                return -EINVAL;

        at = strchr(n, '@');
        dot = strrchr(n, '.');
        if (asprintf(&s, "%.*s%s", (int) (at - n + 1), n, dot) < 0)
                return -ENOMEM;
        *ret = s;
        return 0;
}

int unit_name_replace_instance(const char *n, const char *instance, char **ret) {
        const char *at, *dot;
        char *s;

        assert(ret);

        if (!unit_name_is_valid(n, UNIT_NAME_INSTANCE | UNIT_NAME_TEMPLATE))
                return -EINVAL;
        if (!unit_instance_is_valid(instance))
                return -EINVAL;

        at = strchr(n, '@');
        dot = strrchr(n, '.');
        if (asprintf(&s, "%.*s%s%s", (int) (at - n + 1), n, instance, dot) < 0)
                return -ENOMEM;
        if (!unit_name_is_valid(s, UNIT_NAME_INSTANCE)) {
                free(s);
                return -EINVAL;
        }
        *ret = s;
        return 0;
}

int unit_name_build(const char *prefix, const char *instance, const char *suffix, char **ret) {
        char *s;
        int k;

        assert(ret);

        if (!unit_prefix_is_valid(prefix))
                return -EINVAL;
        if (instance && !unit_instance_is_valid(instance))
                return -EINVAL;
        if (!unit_suffix_is_valid(suffix))
                return -EINVAL;

        if (instance)
                k = asprintf(&s, "%s@%s%s", prefix, instance, suffix);
        else
                k = asprintf(&s, "%s%s", prefix, suffix);
        if (k < 0)
                return -ENOMEM;
        if (!unit_name_is_valid(s, UNIT_NAME_ANY)) {
                free(s);
                return -EINVAL;         /* too long */
        }
        *ret = s;
        return 0;
}

int unit_name_change_suffix(const char *n, const char *suffix, char **ret) {
        const char *dot;
        char *s;

        assert(ret);

        if (!unit_name_is_valid(n, UNIT_NAME_ANY))
                return -EINVAL;
        if (!unit_suffix_is_valid(suffix))
                return -EINVAL;

        dot = strrchr(n, '.');
        if (asprintf(&s, "%.*s%s", (int) (dot - n), n, suffix) < 0)
                return -ENOMEM;
        if (!unit_name_is_valid(s, UNIT_NAME_ANY)) {
                free(s);
                return -EINVAL;
        }
        *ret = s;
        return 0;
}

static char *escape_into(char *t, const char *s) {
        static const char hex[] = "0123456789abcdef";

        for (const char *f = s; *f; f++) {
                unsigned char c = (unsigned char) *f;

                if (c == '/')
                        *(t++) = '-';
                else if ((f == s && c == '.') || !strchr(DIGITS LETTERS ":_.", c) || c == 0) {
                        *(t++) = '\\';
                        *(t++) = 'x';
                        *(t++) = hex[c >> 4];
                        *(t++) = hex[c & 15];
                } else
                        *(t++) = (char) c;
        }
        *t = 0;
        return t;
}

char *unit_name_escape(const char *s) {
        char *r;

        assert(s);

        r = new(char, strlen(s) * 4 + 1);
        if (!r)
                return NULL;
        escape_into(r, s);
        return r;
}

static int unhex(char c) {
        if (c >= '0' && c <= '9')
                return c - '0';
        if (c >= 'a' && c <= 'f')
                return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
                return c - 'A' + 10;
        return -EINVAL;
}

int unit_name_unescape(const char *s, char **ret) {
        _cleanup_(freep) char *r = NULL;
        char *t;

        assert(s);
        assert(ret);

        r = new(char, strlen(s) + 1);
        if (!r)
                return -ENOMEM;

        for (t = r; *s; s++) {
                if (*s == '-')
                        *(t++) = '/';
                else if (*s == '\\') {
                        int a, b;

                        if (s[1] != 'x')
                                return -EINVAL;
                        a = unhex(s[2]);
                        if (a < 0)
                                return -EINVAL;
                        b = unhex(s[3]);
                        if (b < 0)
                                return -EINVAL;
                        if (a == 0 && b == 0)
                                return -EINVAL;         /* no NUL inside a C string */
                        *(t++) = (char) ((a << 4) | b);
                        s += 3;
                } else
                        *(t++) = *s;
        }
        *t = 0;

        *ret = TAKE_PTR(r);
        return 0;
}

int unit_name_path_escape(const char *path, char **ret) {
        _cleanup_(freep) char *p = NULL;
        char *e, *s;

        assert(path);
        assert(ret);

        p = strdup(path);
        if (!p)
                return -ENOMEM;
        path_simplify(p);

        s = p;
        while (*s == '/')
                s++;
        if (!*s) {
                e = strdup("-");
                if (!e)
                        return -ENOMEM;
                *ret = e;
                return 0;
        }
        if (!path_is_normalized(s))
                return -EINVAL;

        e = unit_name_escape(s);
        if (!e)
                return -ENOMEM;
        *ret = e;
        return 0;
}

int unit_name_path_unescape(const char *s, char **ret) {
        _cleanup_(freep) char *u = NULL;
        char *p;
        int r;

        assert(s);
        assert(ret);

        if (isempty(s))
                return -EINVAL;
        if (streq(s, "-")) {
                p = strdup("/");
                if (!p)
                        return -ENOMEM;
                *ret = p;
                return 0;
        }

        r = unit_name_unescape(s, &u);
        if (r < 0)
                return r;
        if (asprintf(&p, "/%s", u) < 0)
                return -ENOMEM;
        /* "foo--bar", "-foo" and "foo-" would not come back from unit_name_path_escape() */
        if (!path_is_normalized(p) || (strlen(p) > 1 && endswith(p, "/"))) {
                free(p);
                return -EINVAL;
        }
        *ret = p;
        return 0;
}

char *unit_dbus_path_from_name(const char *name) {
        char *p = NULL;

        assert(name);

        if (sd_bus_path_encode("/org/freedesktop/systemd1/unit", name, &p) < 0)
                return NULL;
        return p;
}
