/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* specifier.c: systemd.unit(5) "SPECIFIERS". Host facts (%H, %m, %b, %o …) are read when asked
 * for; user facts follow the scope: the system manager is root, a user manager is its user. */

#include <pwd.h>
#include <grp.h>
#include <sys/utsname.h>

#include "load-util.h"
#include "specifier.h"

static int hexval(char c) {
        if (c >= '0' && c <= '9')
                return c - '0';
        if (c >= 'a' && c <= 'f')
                return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
                return c - 'A' + 10;
        return -1;
}

int specifier_unescape(const char *s, bool path, char **ret) {
        char *buf, *o;
        size_t l;

        if (path && streq(s, "-"))
                return (*ret = strdup("/")) ? 0 : -ENOMEM;
        buf = malloc(strlen(s) + 2);
        if (!buf)
                return -ENOMEM;
        o = buf;
        if (path)
                *o++ = '/';
        for (const char *p = s; *p; p++) {
                if (*p == '-')
                        *o++ = '/';
                else if (*p == '\\' && p[1] == 'x') {
                        int a = hexval(p[2]), b = a < 0 ? -1 : hexval(p[3]);
                        if (a < 0 || b < 0 || (a == 0 && b == 0)) {
                                free(buf);
                                return -EINVAL;
                        }
                        *o++ = (char) (a * 16 + b);
                        p += 3;
                } else
                        *o++ = *p;
        }
        *o = 0;
        /* the path form, as systemd's unit_name_path_unescape(): the unescaped name may not
         * begin or end with "/" (the leading one is ours), nor be anything but a normalized
         * path */
        l = strlen(buf);
        if (path && (l < 2 || buf[1] == '/' || buf[l - 1] == '/' || strstr(buf, "//") ||
                     strstr(buf, "/./") || strstr(buf, "/../") ||
                     (l >= 2 && streq(buf + l - 2, "/.")) || (l >= 3 && streq(buf + l - 3, "/..")))) {
                free(buf);
                return -EINVAL;
        }
        *ret = buf;
        return 0;
}

static char *read_first_line(const char *path) {
        _cleanup_(fclosep) FILE *f = fopen(path, "re");
        char buf[256];

        if (!f || !fgets(buf, sizeof buf, f))
                return strdup("");
        buf[strcspn(buf, "\n")] = 0;
        return strdup(buf);
}

/* KEY= from an os-release style file; "" when absent */
static char *read_env_key(const char *path, const char *fallback, const char *key) {
        _cleanup_(fclosep) FILE *f = fopen(path, "re");
        char line[1024];
        size_t kl = strlen(key);

        if (!f && fallback)
                f = fopen(fallback, "re");
        if (!f)
                return strdup("");
        while (fgets(line, sizeof line, f)) {
                char *v, *e;

                line[strcspn(line, "\n")] = 0;
                if (strncmp(line, key, kl) != 0 || line[kl] != '=')
                        continue;
                v = line + kl + 1;
                e = v + strlen(v);
                if (e > v + 1 && (*v == '"' || *v == '\'') && e[-1] == *v) {
                        v++;
                        e[-1] = 0;
                }
                return strdup(v);
        }
        return strdup("");
}

static const char *arch_name(const char *machine) {
        static const struct { const char *uname, *name; } t[] = {
                { "x86_64", "x86-64" }, { "i386", "x86" }, { "i486", "x86" }, { "i586", "x86" },
                { "i686", "x86" }, { "aarch64", "arm64" }, { "aarch64_be", "arm64-be" },
                { "armv7l", "arm" }, { "ppc64le", "ppc64-le" }, { "ppc64", "ppc64" },
                { "s390x", "s390x" }, { "riscv64", "riscv64" }, { "mips64", "mips64" },
                { "loongarch64", "loongarch64" },
        };
        for (size_t i = 0; i < ELEMENTSOF(t); i++)
                if (streq(t[i].uname, machine))
                        return t[i].name;
        return machine;
}

static char *hostname(bool short_form) {
        char buf[256] = {};

        if (gethostname(buf, sizeof buf - 1) < 0)
                return strdup("localhost");
        if (short_form)
                buf[strcspn(buf, ".")] = 0;
        return strdup(buf);
}

static char *user_dir(const LookupPaths *lp, const char *var, const char *home_suffix, const char *sys) {
        const char *e, *h;
        char *s;

        if (!lp || lp->scope != RUNTIME_SCOPE_USER)
                return strdup(sys);
        e = getenv(var);
        if (e && path_is_absolute(e))
                return strdup(e);
        h = getenv("HOME");
        if (!h) {
                struct passwd *pw = getpwuid(getuid());
                h = pw ? pw->pw_dir : "/";
        }
        if (asprintf(&s, "%s/%s", h, home_suffix) < 0)
                return NULL;
        return s;
}

static char *tmp_dir(bool var_tmp) {
        const char *e = getenv("TMPDIR");

        if (e && path_is_absolute(e))
                return strdup(e);
        return strdup(var_tmp ? "/var/tmp" : "/tmp");
}

static char *strdupf(const char *fmt, unsigned long v) {
        char *s;
        if (asprintf(&s, fmt, v) < 0)
                return NULL;
        return s;
}

/* Returns the value of one specifier (malloc'd), or NULL with *r set */
static char *specifier_value(char c, const char *name, const char *fragment_path, const LookupPaths *lp, int *r) {
        bool user = lp && lp->scope == RUNTIME_SCOPE_USER;
        const char *at = strchr(name, '@'), *dot = strrchr(name, '.');
        _cleanup_free_ char *prefix = NULL, *instance = NULL, *tmp = NULL;
        struct utsname u;
        char *s = NULL;

        *r = 0;
        if (!dot)
                dot = name + strlen(name);
        prefix = strndup(name, at ? (size_t) (at - name) : (size_t) (dot - name));
        if (!prefix)
                goto oom;
        if (at && at < dot) {
                instance = strndup(at + 1, (size_t) (dot - at - 1));
                if (!instance)
                        goto oom;
        }

        switch (c) {
        case 'n':
                s = strdup(name);
                break;
        case 'N':
                s = strndup(name, (size_t) (dot - name));
                break;
        case 'p':
                s = strdup(prefix);
                break;
        case 'P':
                *r = specifier_unescape(prefix, false, &s);
                return *r < 0 ? NULL : s;
        case 'i':
                s = strdup(strempty(instance));
                break;
        case 'I':
                *r = specifier_unescape(strempty(instance), false, &s);
                return *r < 0 ? NULL : s;
        case 'j':
        case 'J': {
                const char *d = strrchr(prefix, '-');
                const char *j = d ? d + 1 : prefix;
                if (c == 'j')
                        s = strdup(j);
                else {
                        *r = specifier_unescape(j, false, &s);
                        return *r < 0 ? NULL : s;
                }
                break;
        }
        case 'f':
                *r = specifier_unescape(instance ?: prefix, true, &s);
                return *r < 0 ? NULL : s;
        case 'y':
                s = strdup(strempty(fragment_path));
                break;
        case 'Y': {
                const char *sl = fragment_path ? strrchr(fragment_path, '/') : NULL;
                s = sl ? (sl == fragment_path ? strdup("/") : strndup(fragment_path, (size_t) (sl - fragment_path)))
                       : strdup("");
                break;
        }
        case 't':
                s = strdup(lp && lp->runtime_dir ? lp->runtime_dir : (user ? "" : "/run"));
                break;
        case 'S':
                /* systemd 252: the user manager's state directory is $XDG_CONFIG_HOME */
                s = user_dir(lp, "XDG_CONFIG_HOME", ".config", "/var/lib");
                break;
        case 'C':
                s = user_dir(lp, "XDG_CACHE_HOME", ".cache", "/var/cache");
                break;
        case 'L':
                if (user) {
                        /* systemd 252: $XDG_CONFIG_HOME/log (later versions use the state dir) */
                        tmp = user_dir(lp, "XDG_CONFIG_HOME", ".config", "/var/log");
                        if (!tmp || asprintf(&s, "%s/log", tmp) < 0)
                                goto oom;
                } else
                        s = strdup("/var/log");
                break;
        case 'E':
                s = user_dir(lp, "XDG_CONFIG_HOME", ".config", "/etc");
                break;
        case 'T':
                s = tmp_dir(false);
                break;
        case 'V':
                s = tmp_dir(true);
                break;
        case 'd':
                if (asprintf(&s, "%s/credentials/%s", lp && lp->runtime_dir ? lp->runtime_dir : "/run", name) < 0)
                        goto oom;
                break;
        case 'h':
        case 's':
        case 'u':
        case 'U':
        case 'g':
        case 'G': {
                uid_t uid = user ? getuid() : 0;
                gid_t gid = user ? getgid() : 0;
                struct passwd *pw = getpwuid(uid);
                struct group *gr = getgrgid(gid);

                if (c == 'h') {
                        const char *h = user ? getenv("HOME") : NULL;
                        s = strdup(h && path_is_absolute(h) ? h : pw && pw->pw_dir ? pw->pw_dir : (uid == 0 ? "/root" : "/"));
                } else if (c == 's') {
                        const char *sh = user ? getenv("SHELL") : NULL;
                        s = strdup(sh && path_is_absolute(sh) ? sh : pw && pw->pw_shell && *pw->pw_shell ? pw->pw_shell : "/bin/sh");
                } else if (c == 'u')
                        s = pw ? strdup(pw->pw_name) : strdupf("%lu", (unsigned long) uid);
                else if (c == 'U')
                        s = strdupf("%lu", (unsigned long) uid);
                else if (c == 'g')
                        s = gr ? strdup(gr->gr_name) : strdupf("%lu", (unsigned long) gid);
                else
                        s = strdupf("%lu", (unsigned long) gid);
                break;
        }
        case 'H':
                s = hostname(false);
                break;
        case 'l':
                s = hostname(true);
                break;
        case 'q':
                s = read_env_key("/etc/machine-info", NULL, "PRETTY_HOSTNAME");
                if (s && !*s) {
                        free(s);
                        s = hostname(false);
                }
                break;
        case 'm':
                s = read_first_line("/etc/machine-id");
                break;
        case 'b': {
                char *b = read_first_line("/proc/sys/kernel/random/boot_id"), *o = b;
                if (!b)
                        goto oom;
                for (char *i = b; *i; i++)
                        if (*i != '-')
                                *o++ = *i;
                *o = 0;
                s = b;
                break;
        }
        case 'v':
                s = uname(&u) < 0 ? strdup("") : strdup(u.release);
                break;
        case 'a':
                s = uname(&u) < 0 ? strdup("") : strdup(arch_name(u.machine));
                break;
        case 'o':
                s = read_env_key("/etc/os-release", "/usr/lib/os-release", "ID");
                break;
        case 'w':
                s = read_env_key("/etc/os-release", "/usr/lib/os-release", "VERSION_ID");
                break;
        case 'W':
                s = read_env_key("/etc/os-release", "/usr/lib/os-release", "VARIANT_ID");
                break;
        case 'B':
                s = read_env_key("/etc/os-release", "/usr/lib/os-release", "BUILD_ID");
                break;
        case 'A':
                s = read_env_key("/etc/os-release", "/usr/lib/os-release", "IMAGE_VERSION");
                break;
        case 'M':
                s = read_env_key("/etc/os-release", "/usr/lib/os-release", "IMAGE_ID");
                break;
        case '%':
                s = strdup("%");
                break;
        default:
                *r = -EBADSLT;
                return NULL;
        }
        if (!s)
                goto oom;
        return s;

oom:
        *r = -ENOMEM;
        return NULL;
}

int unit_specifier_expand(const char *name, const char *fragment_path, const LookupPaths *lp,
                          const char *text, char **ret) {
        char *out = NULL;
        size_t n = 0, cap = 0;

        assert(name);
        assert(text);
        assert(ret);

        for (const char *p = text; *p; p++) {
                _cleanup_free_ char *v = NULL;
                const char *add;
                size_t al;
                int r;

                if (*p != '%') {
                        add = p;
                        al = 1;
                } else {
                        p++;
                        if (*p == 0) {
                                free(out);
                                return -EBADSLT;
                        }
                        v = specifier_value(*p, name, fragment_path, lp, &r);
                        if (!v) {
                                free(out);
                                return r;
                        }
                        add = v;
                        al = strlen(v);
                }
                if (n + al + 1 > cap) {
                        size_t nc = MAX(cap * 2, n + al + 64);
                        char *t = realloc(out, nc);
                        if (!t) {
                                free(out);
                                return -ENOMEM;
                        }
                        out = t;
                        cap = nc;
                }
                memcpy(out + n, add, al);
                n += al;
        }
        if (!out) {
                out = strdup("");
                if (!out)
                        return -ENOMEM;
        } else
                out[n] = 0;
        *ret = out;
        return 0;
}

int unit_def_specifier_expand(const UnitDef *d, const LookupPaths *lp, const char *text, char **ret) {
        assert(d);
        return unit_specifier_expand(d->id, isempty(d->fragment_path) ? NULL : d->fragment_path, lp, text, ret);
}
