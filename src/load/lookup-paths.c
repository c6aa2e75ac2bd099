/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lookup-paths.c: where unit files are searched, systemd.unit(5) "UNIT FILE LOAD PATH", in the
 * order `systemd-analyze unit-paths` prints for systemd 252 (checked on Debian 12). Only
 * strings: nothing here looks at the disk. */

#include <pwd.h>

#include "load-util.h"
#include "load.h"
#include "strv.h"

static const char *user_home(void) {
        const char *h = getenv("HOME");
        struct passwd *pw;

        if (h && path_is_absolute(h))
                return h;
        pw = getpwuid(getuid());
        if (pw && pw->pw_dir && path_is_absolute(pw->pw_dir))
                return pw->pw_dir;
        return NULL;
}

static int xdg_dir(const char *var, const char *home_suffix, char **ret) {
        const char *e = getenv(var), *h;

        if (e && path_is_absolute(e)) {
                *ret = strdup(e);
                return *ret ? 0 : -ENOMEM;
        }
        h = user_home();
        if (!h) {
                *ret = NULL;
                return 0;
        }
        if (asprintf(ret, "%s/%s", h, home_suffix) < 0)
                return -ENOMEM;
        return 0;
}

static int joinp(char **ret, const char *a, const char *b) {
        if (!a) {
                *ret = NULL;
                return 0;
        }
        if (asprintf(ret, "%s%s", a, b) < 0)
                return -ENOMEM;
        return 0;
}

static int add(char ***l, const char *p) {
        if (!p)
                return 0;
        if (strv_contains(*l, p))
                return 0;
        return strv_extend(l, p);
}

static int add_xdg_list(char ***l, const char *var, const char *def, const char *suffix) {
        const char *e = getenv(var);
        _cleanup_strv_free_ char **dirs = NULL;
        int r;

        if (isempty(e))
                e = def;
        dirs = strv_split(e, ":");
        if (!dirs)
                return -ENOMEM;
        STRV_FOREACH(d, dirs) {
                _cleanup_free_ char *p = NULL;

                if (!path_is_absolute(*d))
                        continue;
                if (asprintf(&p, "%s%s", *d, suffix) < 0)
                        return -ENOMEM;
                r = add(l, p);
                if (r < 0)
                        return r;
        }
        return 0;
}

int lookup_paths_init(LookupPaths *ret, RuntimeScope scope) {
        _cleanup_strv_free_ char **defaults = NULL, **search = NULL;
        _cleanup_free_ char *config_home = NULL, *data_home = NULL;
        LookupPaths lp = { .scope = scope };
        const char *e;
        int r;

        assert(ret);

        if (scope == RUNTIME_SCOPE_USER) {
                const char *rt = getenv("XDG_RUNTIME_DIR");

                if (rt && !path_is_absolute(rt))
                        rt = NULL;

                r = xdg_dir("XDG_CONFIG_HOME", ".config", &config_home);
                if (r < 0)
                        goto fail;
                r = xdg_dir("XDG_DATA_HOME", ".local/share", &data_home);
                if (r < 0)
                        goto fail;

                if ((r = joinp(&lp.persistent_config, config_home, "/systemd/user")) < 0 ||
                    (r = joinp(&lp.persistent_control, config_home, "/systemd/user.control")) < 0 ||
                    (r = joinp(&lp.runtime_config, rt, "/systemd/user")) < 0 ||
                    (r = joinp(&lp.runtime_control, rt, "/systemd/user.control")) < 0 ||
                    (r = joinp(&lp.transient, rt, "/systemd/transient")) < 0 ||
                    (r = joinp(&lp.generator, rt, "/systemd/generator")) < 0 ||
                    (r = joinp(&lp.generator_early, rt, "/systemd/generator.early")) < 0 ||
                    (r = joinp(&lp.generator_late, rt, "/systemd/generator.late")) < 0)
                        goto fail;
                if (rt) {
                        lp.runtime_dir = strdup(rt);
                        if (!lp.runtime_dir) {
                                r = -ENOMEM;
                                goto fail;
                        }
                }

                if ((r = add(&defaults, lp.persistent_control)) < 0 ||
                    (r = add(&defaults, lp.runtime_control)) < 0 ||
                    (r = add(&defaults, lp.transient)) < 0 ||
                    (r = add(&defaults, lp.generator_early)) < 0 ||
                    (r = add(&defaults, lp.persistent_config)) < 0 ||
                    (r = add_xdg_list(&defaults, "XDG_CONFIG_DIRS", "/etc/xdg", "/systemd/user")) < 0 ||
                    (r = add(&defaults, "/etc/systemd/user")) < 0 ||
                    (r = add(&defaults, lp.runtime_config)) < 0 ||
                    (r = add(&defaults, "/run/systemd/user")) < 0 ||
                    (r = add(&defaults, lp.generator)) < 0)
                        goto fail;
                if (data_home) {
                        _cleanup_free_ char *p = NULL;
                        if (asprintf(&p, "%s/systemd/user", data_home) < 0) {
                                r = -ENOMEM;
                                goto fail;
                        }
                        if ((r = add(&defaults, p)) < 0)
                                goto fail;
                }
                if ((r = add_xdg_list(&defaults, "XDG_DATA_DIRS", "/usr/local/share:/usr/share",
                                      "/systemd/user")) < 0 ||
                    (r = add(&defaults, "/usr/local/lib/systemd/user")) < 0 ||
                    (r = add(&defaults, "/usr/local/share/systemd/user")) < 0 ||
                    (r = add(&defaults, "/usr/lib/systemd/user")) < 0 ||
                    (r = add(&defaults, "/usr/share/systemd/user")) < 0 ||
                    (r = add(&defaults, lp.generator_late)) < 0)
                        goto fail;
        } else {
                static const char *const system_paths[] = {
                        "/etc/systemd/system.control",
                        "/run/systemd/system.control",
                        "/run/systemd/transient",
                        "/run/systemd/generator.early",
                        "/etc/systemd/system",
                        "/etc/systemd/system.attached",
                        "/run/systemd/system",
                        "/run/systemd/system.attached",
                        "/run/systemd/generator",
                        "/usr/local/lib/systemd/system",
                        "/lib/systemd/system",
                        "/usr/lib/systemd/system",
                        "/run/systemd/generator.late",
                };

                if (!(lp.persistent_config = strdup("/etc/systemd/system")) ||
                    !(lp.persistent_control = strdup("/etc/systemd/system.control")) ||
                    !(lp.runtime_config = strdup("/run/systemd/system")) ||
                    !(lp.runtime_control = strdup("/run/systemd/system.control")) ||
                    !(lp.transient = strdup("/run/systemd/transient")) ||
                    !(lp.generator = strdup("/run/systemd/generator")) ||
                    !(lp.generator_early = strdup("/run/systemd/generator.early")) ||
                    !(lp.generator_late = strdup("/run/systemd/generator.late")) ||
                    !(lp.runtime_dir = strdup("/run"))) {
                        r = -ENOMEM;
                        goto fail;
                }
                for (size_t i = 0; i < ELEMENTSOF(system_paths); i++)
                        if ((r = add(&defaults, system_paths[i])) < 0)
                                goto fail;
        }

        e = getenv("SYSTEMD_UNIT_PATH");
        if (e) {
                _cleanup_strv_free_ char **parts = strv_split(e, ":");
                size_t l = strlen(e);

                if (!parts) {
                        r = -ENOMEM;
                        goto fail;
                }
                STRV_FOREACH(p, parts)
                        if ((r = add(&search, *p)) < 0)
                                goto fail;
                /* a trailing ":" (or an empty value) appends the usual list */
                if (l == 0 || e[l - 1] == ':')
                        STRV_FOREACH(p, defaults)
                                if ((r = add(&search, *p)) < 0)
                                        goto fail;
        } else
                search = TAKE_PTR(defaults);

        lp.search_path = TAKE_PTR(search);
        lp.alias_cache = alias_cache_new();
        if (!lp.alias_cache) {
                r = -ENOMEM;
                goto fail;
        }
        *ret = lp;
        return 0;

fail:
        lookup_paths_done(&lp);
        return r;
}

void lookup_paths_done(LookupPaths *p) {
        if (!p)
                return;
        p->search_path = strv_free(p->search_path);
        p->persistent_config = mfree(p->persistent_config);
        p->runtime_config = mfree(p->runtime_config);
        p->transient = mfree(p->transient);
        p->persistent_control = mfree(p->persistent_control);
        p->runtime_control = mfree(p->runtime_control);
        p->generator = mfree(p->generator);
        p->generator_early = mfree(p->generator_early);
        p->generator_late = mfree(p->generator_late);
        p->runtime_dir = mfree(p->runtime_dir);
        p->alias_cache = alias_cache_free(p->alias_cache);
}
