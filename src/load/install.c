/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* install.c: what enable/disable/mask/unmask/link/preset do to the configuration directory
 * (persistent, or runtime with UNIT_FILE_RUNTIME), and which is-enabled state the links on
 * disk amount to (systemctl(1), "is-enabled" table). It only makes and removes symlinks; the
 * manager sees them at the next daemon-reload. */

#include <fnmatch.h>
#include <sys/stat.h>

#include "install.h"
#include "load-util.h"
#include "log.h"
#include "strv.h"

static const char *const install_change_type_table[_INSTALL_CHANGE_TYPE_MAX] = {
        [INSTALL_CHANGE_SYMLINK] = "symlink",
        [INSTALL_CHANGE_UNLINK] = "unlink",
};

const char *install_change_type_to_string(InstallChangeType t) {
        if ((int) t < 0 || t >= _INSTALL_CHANGE_TYPE_MAX)
                return NULL;
        return install_change_type_table[t];
}

static const char *const unit_file_state_table[_UNIT_FILE_STATE_MAX] = {
        [UNIT_FILE_ENABLED] = "enabled",
        [UNIT_FILE_ENABLED_RUNTIME] = "enabled-runtime",
        [UNIT_FILE_LINKED] = "linked",
        [UNIT_FILE_LINKED_RUNTIME] = "linked-runtime",
        [UNIT_FILE_ALIAS] = "alias",
        [UNIT_FILE_MASKED] = "masked",
        [UNIT_FILE_MASKED_RUNTIME] = "masked-runtime",
        [UNIT_FILE_STATIC] = "static",
        [UNIT_FILE_DISABLED] = "disabled",
        [UNIT_FILE_INDIRECT] = "indirect",
        [UNIT_FILE_GENERATED] = "generated",
        [UNIT_FILE_TRANSIENT] = "transient",
        [UNIT_FILE_BAD] = "bad",
};

const char *unit_file_state_to_string(UnitFileState s) {
        if ((int) s < 0 || s >= _UNIT_FILE_STATE_MAX)
                return NULL;
        return unit_file_state_table[s];
}

UnitFileState unit_file_state_from_string(const char *s) {
        for (int i = 0; s && i < _UNIT_FILE_STATE_MAX; i++)
                if (streq(unit_file_state_table[i], s))
                        return (UnitFileState) i;
        return _UNIT_FILE_STATE_INVALID;
}

void install_changes_done(InstallChanges *c) {
        if (!c)
                return;
        for (size_t i = 0; i < c->n; i++) {
                free(c->changes[i].path);
                free(c->changes[i].source);
        }
        c->changes = mfree(c->changes);
        c->n = 0;
        c->error_name = mfree(c->error_name);
        c->error_message = mfree(c->error_message);
}

static int add_change(InstallChanges *c, InstallChangeType t, const char *path, const char *source) {
        InstallChange *a;

        a = realloc(c->changes, sizeof(InstallChange) * (c->n + 1));
        if (!a)
                return -ENOMEM;
        c->changes = a;
        a[c->n] = (InstallChange) { .type = t, .path = strdup(path), .source = strdup(strempty(source)) };
        if (!a[c->n].path || !a[c->n].source) {
                free(a[c->n].path);
                free(a[c->n].source);
                return -ENOMEM;
        }
        c->n++;
        return 0;
}

static int set_error(InstallChanges *c, int r, const char *name, const char *fmt, const char *arg) {
        char *m = NULL;

        free(c->error_name);
        c->error_name = name ? strdup(name) : NULL;
        if (asprintf(&m, fmt, arg) >= 0) {
                free(c->error_message);
                c->error_message = m;
        }
        return r;
}

static const char *config_dir(const LookupPaths *lp, UnitFileFlags flags) {
        return (flags & UNIT_FILE_RUNTIME) ? lp->runtime_config : lp->persistent_config;
}

/* The unit file for a name: first on the search path; for an instance, its template. */
static int find_unit_file(const LookupPaths *lp, const char *name, char **ret_path) {
        _cleanup_free_ char *tmpl = NULL;

        for (int pass = 0; pass < 2; pass++) {
                const char *n = pass == 0 ? name : tmpl;

                if (!n)
                        break;
                STRV_FOREACH(dir, lp->search_path) {
                        _cleanup_free_ char *p = path_join(*dir, n);
                        struct stat st;

                        if (!p)
                                return -ENOMEM;
                        if (lstat(p, &st) < 0 || S_ISDIR(st.st_mode))
                                continue;
                        *ret_path = TAKE_PTR(p);
                        return 0;
                }
                if (pass == 0 && unit_name_is_valid(name, UNIT_NAME_INSTANCE) && unit_name_template(name, &tmpl) < 0)
                        return -ENOMEM;
        }
        return -ENOENT;
}

static int load_install_info(const LookupPaths *lp, const char *name, const char *path, UnitDef **ret) {
        _cleanup_free_ char *text = NULL;
        size_t size = 0;
        int r;

        r = load_read_unit_file(path, &text, &size, NULL);
        if (r < 0)
                return r;
        return unit_def_load_from_string(lp, name, path, text, size, ret);
}

static bool is_masked_link(const char *p) {
        char t[4096];
        ssize_t k = readlink(p, t, sizeof t - 1);
        struct stat st;

        if (k >= 0) {
                t[k] = 0;
                return streq(t, "/dev/null");
        }
        return stat(p, &st) >= 0 && S_ISREG(st.st_mode) && st.st_size == 0;
}

static int make_link(InstallChanges *c, UnitFileFlags flags, const char *source, const char *link) {
        _cleanup_free_ char *dir = NULL;
        char t[4096];
        ssize_t k;
        int r;

        r = path_dirname(link, &dir);
        if (r < 0)
                return r;
        (void) mkdir_p(dir, 0755);

        k = readlink(link, t, sizeof t - 1);
        if (k >= 0) {
                t[k] = 0;
                if (streq(t, source))
                        return 0;
                if (!(flags & UNIT_FILE_FORCE))
                        return set_error(c, -EEXIST, "org.freedesktop.systemd1.UnitExists",
                                         "File %s already exists.", link);
                if (unlink(link) < 0)
                        return -errno;
        } else if (access(link, F_OK) >= 0)
                return set_error(c, -EEXIST, "org.freedesktop.systemd1.UnitExists", "File %s already exists.", link);

        if (symlink(source, link) < 0)
                return set_error(c, -errno, NULL, "Failed to create symlink %s.", link);
        return add_change(c, INSTALL_CHANGE_SYMLINK, link, source);
}

static int enable_one(const LookupPaths *lp, UnitFileFlags flags, const char *name, InstallChanges *c,
                      unsigned depth) {
        _cleanup_(unit_def_freep) UnitDef *d = NULL;
        _cleanup_free_ char *path = NULL, *inst_name = NULL;
        const char *cfg = config_dir(lp, flags), *n = name;
        int r;

        if (depth > 16)
                return 0;
        if (!cfg)
                return set_error(c, -ENXIO, NULL, "No configuration directory for %s.", name);
        if (!unit_name_is_valid(name, UNIT_NAME_ANY))
                return set_error(c, -EINVAL, "org.freedesktop.DBus.Error.InvalidArgs", "Invalid unit name %s.", name);

        r = find_unit_file(lp, name, &path);
        if (r == -ENOENT)
                return set_error(c, r, "org.freedesktop.systemd1.NoSuchUnit", "Unit file %s does not exist.", name);
        if (r < 0)
                return r;
        if (is_masked_link(path))
                return set_error(c, -ERFKILL, "org.freedesktop.systemd1.UnitMasked", "Unit file %s is masked.", name);

        /* a template without instance is enabled with DefaultInstance= */
        if (unit_name_is_valid(name, UNIT_NAME_TEMPLATE)) {
                _cleanup_(unit_def_freep) UnitDef *t = NULL;
                r = load_install_info(lp, name, path, &t);
                if (r < 0)
                        return r;
                if (t->install.default_instance) {
                        r = unit_name_replace_instance(name, t->install.default_instance, &inst_name);
                        if (r < 0)
                                return r;
                        n = inst_name;
                }
        }

        r = load_install_info(lp, n, path, &d);
        if (r < 0)
                return set_error(c, r, NULL, "Failed to load %s.", name);

        if (d->install.wanted_by || d->install.required_by || d->install.upheld_by || d->install.alias ||
            d->install.also)
                c->carries_install_info = true;

        if (!unit_name_is_valid(n, UNIT_NAME_TEMPLATE)) {
                static const struct { size_t off; const char *suffix; } kinds[] = {
                        { offsetof(InstallSection, wanted_by), ".wants" },
                        { offsetof(InstallSection, required_by), ".requires" },
                        { offsetof(InstallSection, upheld_by), ".upholds" },
                };
                for (size_t k = 0; k < ELEMENTSOF(kinds); k++)
                        STRV_FOREACH(t, *(char ***) ((uint8_t *) &d->install + kinds[k].off)) {
                                _cleanup_free_ char *link = NULL;
                                if (asprintf(&link, "%s/%s%s/%s", cfg, *t, kinds[k].suffix, n) < 0)
                                        return -ENOMEM;
                                r = make_link(c, flags, path, link);
                                if (r < 0)
                                        return r;
                        }
        }
        STRV_FOREACH(a, d->install.alias) {
                _cleanup_free_ char *link = NULL, *an = NULL;
                const char *al = *a;

                if (unit_name_to_type(al) != unit_name_to_type(n))
                        continue;
                if (unit_name_is_valid(al, UNIT_NAME_TEMPLATE) && unit_name_is_valid(n, UNIT_NAME_INSTANCE)) {
                        if (unit_name_replace_instance(al, d->instance, &an) < 0)
                                return -ENOMEM;
                        al = an;
                }
                link = path_join(cfg, al);
                if (!link)
                        return -ENOMEM;
                r = make_link(c, flags, path, link);
                if (r < 0)
                        return r;
        }
        STRV_FOREACH(a, d->install.also) {
                r = enable_one(lp, flags, *a, c, depth + 1);
                if (r < 0)
                        return r;
        }
        return 0;
}

int unit_file_enable(const LookupPaths *lp, UnitFileFlags flags, char **names, InstallChanges *c) {
        int r;

        STRV_FOREACH(n, names) {
                r = enable_one(lp, flags, *n, c, 0);
                if (r < 0)
                        return r;
        }
        return (int) c->n;
}

/* Removes, in the configuration directory, every alias link to one of names and every link
 * named as one of names in a .wants/.requires/.upholds directory. */
static int remove_links(const char *cfg, char **names, InstallChanges *c) {
        _cleanup_(closedirp) DIR *dp = NULL;
        struct dirent *de;
        int r;

        dp = opendir(cfg);
        if (!dp)
                return 0;
        while ((de = readdir(dp))) {
                _cleanup_free_ char *p = NULL;
                struct stat st;

                if (de->d_name[0] == '.')
                        continue;
                p = path_join(cfg, de->d_name);
                if (!p)
                        return -ENOMEM;
                if (lstat(p, &st) < 0)
                        continue;
                if (S_ISDIR(st.st_mode) && (endswith(de->d_name, ".wants") || endswith(de->d_name, ".requires") ||
                                            endswith(de->d_name, ".upholds"))) {
                        _cleanup_(closedirp) DIR *sd = opendir(p);
                        struct dirent *se;

                        if (!sd)
                                continue;
                        while ((se = readdir(sd))) {
                                _cleanup_free_ char *q = NULL, *tmpl = NULL;

                                if (se->d_name[0] == '.')
                                        continue;
                                if (!strv_contains(names, se->d_name) &&
                                    !(unit_name_is_valid(se->d_name, UNIT_NAME_INSTANCE) &&
                                      unit_name_template(se->d_name, &tmpl) >= 0 && strv_contains(names, tmpl)))
                                        continue;
                                q = path_join(p, se->d_name);
                                if (!q)
                                        return -ENOMEM;
                                if (unlink(q) < 0)
                                        continue;
                                r = add_change(c, INSTALL_CHANGE_UNLINK, q, NULL);
                                if (r < 0)
                                        return r;
                        }
                        (void) rmdir(p);        /* only when empty */
                        continue;
                }
                if (S_ISLNK(st.st_mode)) {
                        char t[4096];
                        ssize_t k = readlink(p, t, sizeof t - 1);
                        const char *b;

                        if (k < 0)
                                continue;
                        t[k] = 0;
                        b = strrchr(t, '/') ? strrchr(t, '/') + 1 : t;
                        if (streq(t, "/dev/null") || streq(b, de->d_name) || !strv_contains(names, b))
                                continue;
                        if (unlink(p) < 0)
                                continue;
                        r = add_change(c, INSTALL_CHANGE_UNLINK, p, NULL);
                        if (r < 0)
                                return r;
                }
        }
        return 0;
}

static int disable_names(const LookupPaths *lp, UnitFileFlags flags, char **names, InstallChanges *c,
                         bool check) {
        _cleanup_strv_free_ char **all = NULL;
        const char *cfg = config_dir(lp, flags);
        int r;

        STRV_FOREACH(n, names) {
                _cleanup_(unit_def_freep) UnitDef *d = NULL;
                _cleanup_free_ char *path = NULL;

                if (!unit_name_is_valid(*n, UNIT_NAME_ANY))
                        return set_error(c, -EINVAL, "org.freedesktop.DBus.Error.InvalidArgs", "Invalid unit name %s.", *n);
                if ((r = strv_extend(&all, *n)) < 0)
                        return r;
                r = find_unit_file(lp, *n, &path);
                if (r == -ENOENT) {
                        if (check)
                                return set_error(c, r, "org.freedesktop.systemd1.NoSuchUnit", "Unit file %s does not exist.", *n);
                        continue;
                }
                if (r < 0)
                        return r;
                if (is_masked_link(path) || load_install_info(lp, *n, path, &d) < 0)
                        continue;
                STRV_FOREACH(a, d->install.alias)
                        if ((r = strv_extend(&all, *a)) < 0)
                                return r;
                STRV_FOREACH(a, d->install.also)
                        if (!strv_contains(all, *a) && (r = strv_extend(&all, *a)) < 0)
                                return r;
        }
        if (!cfg)
                return 0;
        return remove_links(cfg, all, c);
}

int unit_file_disable(const LookupPaths *lp, UnitFileFlags flags, char **names, InstallChanges *c) {
        int r = disable_names(lp, flags, names, c, false);
        return r < 0 ? r : (int) c->n;
}

int unit_file_reenable(const LookupPaths *lp, UnitFileFlags flags, char **names, InstallChanges *c) {
        int r;

        r = disable_names(lp, flags, names, c, true);
        if (r < 0)
                return r;
        return unit_file_enable(lp, flags | UNIT_FILE_FORCE, names, c);
}

int unit_file_mask(const LookupPaths *lp, UnitFileFlags flags, char **names, InstallChanges *c) {
        const char *cfg = config_dir(lp, flags);
        int r;

        if (!cfg)
                return -ENXIO;
        STRV_FOREACH(n, names) {
                _cleanup_free_ char *p = NULL;
                struct stat st;

                if (!unit_name_is_valid(*n, UNIT_NAME_ANY))
                        return set_error(c, -EINVAL, "org.freedesktop.DBus.Error.InvalidArgs", "Invalid unit name %s.", *n);
                p = path_join(cfg, *n);
                if (!p)
                        return -ENOMEM;
                (void) mkdir_p(cfg, 0755);
                if (lstat(p, &st) >= 0) {
                        if (S_ISLNK(st.st_mode) && is_masked_link(p))
                                continue;
                        if (!S_ISLNK(st.st_mode))
                                return set_error(c, -EEXIST, "org.freedesktop.systemd1.UnitExists",
                                                 "File %s already exists.", p);
                        if (unlink(p) < 0)
                                return -errno;
                }
                if (symlink("/dev/null", p) < 0)
                        return -errno;
                r = add_change(c, INSTALL_CHANGE_SYMLINK, p, "/dev/null");
                if (r < 0)
                        return r;
        }
        return (int) c->n;
}

int unit_file_unmask(const LookupPaths *lp, UnitFileFlags flags, char **names, InstallChanges *c) {
        const char *dirs[] = { lp->persistent_config, lp->runtime_config };
        int r;

        STRV_FOREACH(n, names)
                for (size_t i = 0; i < ELEMENTSOF(dirs); i++) {
                        _cleanup_free_ char *p = NULL;
                        char t[4096];
                        ssize_t k;

                        if (!dirs[i])
                                continue;
                        p = path_join(dirs[i], *n);
                        if (!p)
                                return -ENOMEM;
                        k = readlink(p, t, sizeof t - 1);
                        if (k < 0)
                                continue;
                        t[k] = 0;
                        if (!streq(t, "/dev/null"))
                                continue;
                        if (unlink(p) < 0)
                                return -errno;
                        r = add_change(c, INSTALL_CHANGE_UNLINK, p, NULL);
                        if (r < 0)
                                return r;
                }
        return (int) c->n;
}

int unit_file_link(const LookupPaths *lp, UnitFileFlags flags, char **paths, InstallChanges *c) {
        const char *cfg = config_dir(lp, flags);
        int r;

        if (!cfg)
                return -ENXIO;
        STRV_FOREACH(p, paths) {
                _cleanup_free_ char *link = NULL;
                const char *b = strrchr(*p, '/');
                struct stat st;

                if (!path_is_absolute(*p) || !b || !unit_name_is_valid(b + 1, UNIT_NAME_ANY))
                        return set_error(c, -EINVAL, "org.freedesktop.DBus.Error.InvalidArgs", "Invalid unit file path %s.", *p);
                if (stat(*p, &st) < 0)
                        return set_error(c, -errno, "org.freedesktop.systemd1.NoSuchUnit", "Unit file %s does not exist.", *p);
                link = path_join(cfg, b + 1);
                if (!link)
                        return -ENOMEM;
                if (path_equal(link, *p))
                        continue;
                r = make_link(c, flags, *p, link);
                if (r < 0)
                        return r;
        }
        return (int) c->n;
}

/* systemd.preset(5): *.preset files, first match by file name order wins */
int unit_file_query_preset(const LookupPaths *lp, const char *name) {
        const char *const user_dirs[] = { "/etc/systemd/user-preset", "/run/systemd/user-preset",
                                          "/usr/local/lib/systemd/user-preset", "/usr/lib/systemd/user-preset" };
        const char *const system_dirs[] = { "/etc/systemd/system-preset", "/run/systemd/system-preset",
                                            "/usr/local/lib/systemd/system-preset", "/usr/lib/systemd/system-preset",
                                            "/lib/systemd/system-preset" };
        const char *const *dirs = lp->scope == RUNTIME_SCOPE_USER ? user_dirs : system_dirs;
        size_t nd = lp->scope == RUNTIME_SCOPE_USER ? ELEMENTSOF(user_dirs) : ELEMENTSOF(system_dirs);
        _cleanup_strv_free_ char **files = NULL, **seen = NULL;
        int r;

        for (size_t i = 0; i < nd; i++) {
                _cleanup_(closedirp) DIR *dp = opendir(dirs[i]);
                struct dirent *de;

                if (!dp)
                        continue;
                while ((de = readdir(dp))) {
                        if (!endswith(de->d_name, ".preset") || strv_contains(seen, de->d_name))
                                continue;
                        if ((r = strv_extend(&seen, de->d_name)) < 0 ||
                            (r = strv_push(&files, path_join(dirs[i], de->d_name))) < 0)
                                return r;
                }
        }
        /* sorted by file name */
        for (size_t i = 0; files && files[i]; i++)
                for (size_t j = i + 1; files[j]; j++)
                        if (strcmp(strrchr(files[i], '/'), strrchr(files[j], '/')) > 0) {
                                char *t = files[i];
                                files[i] = files[j];
                                files[j] = t;
                        }
        STRV_FOREACH(f, files) {
                _cleanup_(fclosep) FILE *fp = fopen(*f, "re");
                char line[1024];

                if (!fp)
                        continue;
                while (fgets(line, sizeof line, fp)) {
                        char verb[16], pat[512];

                        if (sscanf(line, "%15s %511s", verb, pat) != 2 || verb[0] == '#' || verb[0] == ';')
                                continue;
                        if (fnmatch(pat, name, 0) != 0)
                                continue;
                        if (streq(verb, "enable"))
                                return 1;
                        if (streq(verb, "disable"))
                                return 0;
                }
        }
        return 1;
}

int unit_file_preset(const LookupPaths *lp, UnitFileFlags flags, char **names, UnitFilePresetMode mode,
                     InstallChanges *c) {
        int r;

        STRV_FOREACH(n, names) {
                char *one[] = { *n, NULL };
                int p = unit_file_query_preset(lp, *n);

                if (p < 0)
                        return p;
                if (p > 0 && mode != UNIT_FILE_PRESET_DISABLE_ONLY)
                        r = unit_file_enable(lp, flags, one, c);
                else if (p == 0 && mode != UNIT_FILE_PRESET_ENABLE_ONLY)
                        r = unit_file_disable(lp, flags, one, c);
                else
                        r = 0;
                if (r < 0)
                        return r;
        }
        return (int) c->n;
}

static bool path_under(const char *p, const char *dir) {
        return dir && path_startswith(p, dir);
}

/* Is name linked from a .wants/.requires/.upholds directory or as an alias in dir? */
static bool has_links_in(const char *dir, const UnitDef *d, const char *name) {
        _cleanup_(closedirp) DIR *dp = NULL;
        struct dirent *de;

        if (!dir)
                return false;
        dp = opendir(dir);
        if (!dp)
                return false;
        while ((de = readdir(dp))) {
                _cleanup_free_ char *p = NULL;

                if (!endswith(de->d_name, ".wants") && !endswith(de->d_name, ".requires") &&
                    !endswith(de->d_name, ".upholds"))
                        continue;
                p = path_join(dir, de->d_name);
                if (!p)
                        return false;
                {
                        _cleanup_(closedirp) DIR *sd = opendir(p);
                        struct dirent *se;
                        _cleanup_free_ char *tmpl = NULL;

                        if (!sd)
                                continue;
                        while ((se = readdir(sd))) {
                                if (streq(se->d_name, name))
                                        return true;
                                tmpl = mfree(tmpl);
                                if (unit_name_is_valid(se->d_name, UNIT_NAME_INSTANCE) &&
                                    unit_name_template(se->d_name, &tmpl) >= 0 && streq(tmpl, name))
                                        return true;
                        }
                }
        }
        STRV_FOREACH(a, d->install.alias) {
                _cleanup_free_ char *p = path_join(dir, *a);
                struct stat st;
                if (p && lstat(p, &st) >= 0 && S_ISLNK(st.st_mode))
                        return true;
        }
        return false;
}

int unit_file_get_state(const LookupPaths *lp, const char *name, UnitFileState *ret) {
        _cleanup_(unit_def_freep) UnitDef *d = NULL;
        _cleanup_free_ char *path = NULL;
        struct stat st;
        int r;

        if (!unit_name_is_valid(name, UNIT_NAME_ANY))
                return -EINVAL;
        r = find_unit_file(lp, name, &path);
        if (r < 0)
                return r;
        if (lstat(path, &st) < 0)
                return -errno;
        if (is_masked_link(path)) {
                *ret = path_under(path, lp->runtime_config) || path_under(path, "/run") ? UNIT_FILE_MASKED_RUNTIME
                                                                                        : UNIT_FILE_MASKED;
                return 0;
        }
        if (path_under(path, lp->transient)) {
                *ret = UNIT_FILE_TRANSIENT;
                return 0;
        }
        if (path_under(path, lp->generator) || path_under(path, lp->generator_early) ||
            path_under(path, lp->generator_late)) {
                *ret = UNIT_FILE_GENERATED;
                return 0;
        }
        if (S_ISLNK(st.st_mode)) {
                char t[4096];
                ssize_t k = readlink(path, t, sizeof t - 1);
                const char *b;

                if (k < 0)
                        return -errno;
                t[k] = 0;
                b = strrchr(t, '/') ? strrchr(t, '/') + 1 : t;
                if (!streq(b, strrchr(path, '/') + 1) && unit_name_is_valid(b, UNIT_NAME_ANY)) {
                        _cleanup_free_ char *tmpl = NULL;
                        /* foo@bar.service → foo@.service is the instance's own file */
                        if (!(unit_name_template(strrchr(path, '/') + 1, &tmpl) >= 0 && streq(tmpl, b))) {
                                *ret = UNIT_FILE_ALIAS;
                                return 0;
                        }
                }
                /* a link to a file outside the search path */
                {
                        bool inside = false;
                        _cleanup_free_ char *dir = NULL;
                        if (path_dirname(t, &dir) >= 0)
                                STRV_FOREACH(s, lp->search_path)
                                        if (path_equal(*s, dir))
                                                inside = true;
                        if (!inside && path_is_absolute(t)) {
                                *ret = path_under(path, lp->runtime_config) ? UNIT_FILE_LINKED_RUNTIME : UNIT_FILE_LINKED;
                                return 0;
                        }
                }
        }

        r = load_install_info(lp, name, path, &d);
        if (r < 0) {
                *ret = UNIT_FILE_BAD;
                return 0;
        }
        if (has_links_in(lp->persistent_config, d, name)) {
                *ret = UNIT_FILE_ENABLED;
                return 0;
        }
        if (has_links_in(lp->runtime_config, d, name)) {
                *ret = UNIT_FILE_ENABLED_RUNTIME;
                return 0;
        }
        if (!d->install.wanted_by && !d->install.required_by && !d->install.upheld_by && !d->install.alias) {
                *ret = d->install.also ? UNIT_FILE_INDIRECT : UNIT_FILE_STATIC;
                return 0;
        }
        /* a template that can only be enabled with an instance */
        if (unit_name_is_valid(name, UNIT_NAME_TEMPLATE) && !d->install.default_instance && !d->install.alias) {
                *ret = UNIT_FILE_INDIRECT;
                return 0;
        }
        *ret = UNIT_FILE_DISABLED;
        return 0;
}

void unit_file_list_free(UnitFileListEntry *l, size_t n) {
        for (size_t i = 0; i < n; i++)
                free(l[i].path);
        free(l);
}

int unit_file_list(const LookupPaths *lp, char **patterns, UnitFileListEntry **ret, size_t *ret_n) {
        _cleanup_strv_free_ char **seen = NULL;
        UnitFileListEntry *l = NULL;
        size_t n = 0;
        int r;

        STRV_FOREACH(dir, lp->search_path) {
                _cleanup_(closedirp) DIR *dp = opendir(*dir);
                struct dirent *de;

                if (!dp)
                        continue;
                while ((de = readdir(dp))) {
                        UnitFileListEntry *a;
                        UnitFileState st;
                        bool match = !patterns || !*patterns;

                        if (!unit_name_is_valid(de->d_name, UNIT_NAME_ANY) || strv_contains(seen, de->d_name))
                                continue;
                        STRV_FOREACH(p, patterns)
                                if (fnmatch(*p, de->d_name, FNM_NOESCAPE) == 0)
                                        match = true;
                        if ((r = strv_extend(&seen, de->d_name)) < 0)
                                goto fail;
                        if (!match)
                                continue;
                        r = unit_file_get_state(lp, de->d_name, &st);
                        if (r == -ENOMEM)
                                goto fail;
                        if (r < 0)
                                continue;
                        a = realloc(l, sizeof(UnitFileListEntry) * (n + 1));
                        if (!a) {
                                r = -ENOMEM;
                                goto fail;
                        }
                        l = a;
                        l[n].path = path_join(*dir, de->d_name);
                        l[n].state = st;
                        if (!l[n].path) {
                                r = -ENOMEM;
                                goto fail;
                        }
                        n++;
                }
        }
        *ret = l;
        *ret_n = n;
        return 0;

fail:
        unit_file_list_free(l, n);
        return r;
}
