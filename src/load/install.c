/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* install.c: what enable/disable/mask/unmask/link/preset do to the configuration directory
 * (persistent, or runtime with UNIT_FILE_RUNTIME), and which is-enabled state the links on
 * disk amount to (systemctl(1), "is-enabled" table). It only makes and removes symlinks; the
 * manager sees them at the next daemon-reload. The rules are systemd's (src/shared/install.c
 * of systemd 252 behaves so; systemctl offline runs that code, so the answers must agree):
 * a name is followed through the links of the unit directories to its file, enable makes the
 * links of [Install] (and Also=), disable removes every link in the config dir that leads to
 * a marked name, and the is-enabled state comes from where such links are found. Errors keep
 * systemd's D-Bus names and texts in InstallChanges. Not here: D-Bus (bus/). */

#include <fnmatch.h>
#include <limits.h>
#include <stdarg.h>
#include <sys/stat.h>

#include "install.h"
#include "load-util.h"
#include "log.h"
#include "strv.h"

static const char *const install_change_type_table[_INSTALL_CHANGE_TYPE_MAX] = {
        [INSTALL_CHANGE_SYMLINK] = "symlink",
        [INSTALL_CHANGE_UNLINK] = "unlink",
        [INSTALL_CHANGE_IS_MASKED] = "masked",
        [INSTALL_CHANGE_IS_DANGLING] = "dangling",
        [INSTALL_CHANGE_DESTINATION_NOT_PRESENT] = "destination not present",
        [INSTALL_CHANGE_AUXILIARY_FAILED] = "auxiliary unit failed",
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

static const char *config_dir(const LookupPaths *lp, UnitFileFlags flags) {
        return (flags & UNIT_FILE_RUNTIME) ? lp->runtime_config : lp->persistent_config;
}

static bool path_under(const char *p, const char *dir) {
        return dir && p && path_startswith(p, dir);
}

/* systemd's idea of "runtime": /run and the runtime dirs of this scope (for the user manager
 * they live in $XDG_RUNTIME_DIR, not below /run) */
static bool path_is_runtime(const LookupPaths *lp, const char *p) {
        return path_under(p, lp->runtime_config) || path_under(p, lp->runtime_control) ||
               path_under(p, lp->transient) || path_under(p, lp->generator) ||
               path_under(p, lp->generator_early) || path_under(p, lp->generator_late) ||
               path_under(p, "/run");
}

static bool path_is_generator(const LookupPaths *lp, const char *p) {
        return path_under(p, lp->generator) || path_under(p, lp->generator_early) ||
               path_under(p, lp->generator_late);
}

static bool dir_in_search_path(const LookupPaths *lp, const char *dir) {
        STRV_FOREACH(s, lp->search_path)
                if (path_equal(*s, dir))
                        return true;
        return false;
}

/* The target of a symlink, absolute (a relative one is taken from the link's directory). */
static int read_link_abs(const char *link, char **ret) {
        _cleanup_free_ char *dir = NULL;
        char t[PATH_MAX];
        ssize_t k;
        char *p;

        k = readlink(link, t, sizeof t - 1);
        if (k < 0)
                return -errno;
        t[k] = 0;
        if (path_is_absolute(t))
                p = strdup(t);
        else {
                if (path_dirname(link, &dir) < 0)
                        return -ENOMEM;
                p = path_join(dir, t);
        }
        if (!p)
                return -ENOMEM;
        *ret = path_simplify(p);
        return 0;
}

/* Follows a chain of symlinks to its end, which need not exist (chase_symlinks() with
 * CHASE_NONEXISTENT, as far as unit directories need it). */
static int chase_link(const char *p, char **ret) {
        _cleanup_free_ char *cur = strdup(p);
        struct stat st;

        if (!cur)
                return -ENOMEM;
        for (unsigned k = 0; k < 32; k++) {
                char *next = NULL;
                int r;

                if (lstat(cur, &st) < 0 || !S_ISLNK(st.st_mode)) {
                        *ret = TAKE_PTR(cur);
                        return 0;
                }
                r = read_link_abs(cur, &next);
                if (r < 0)
                        return r;
                free(cur);
                cur = next;
        }
        return -ELOOP;
}

/* masked: a link to /dev/null, or an empty file (systemd.unit(5), "masked") */
static bool null_or_empty_path(const char *p) {
        struct stat st;

        if (stat(p, &st) < 0)
                return false;
        if (S_ISCHR(st.st_mode)) {
                struct stat n;
                return stat("/dev/null", &n) >= 0 && n.st_rdev == st.st_rdev;
        }
        return S_ISREG(st.st_mode) && st.st_size == 0;
}

/* The file of a name on the search path, first one wins; for an instance, its template. */
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

/* A name as the installer sees it: where its file is after following the links of the unit
 * directories (aliases to the unit they name, linked files out of the search path). */
typedef struct InstallInfo {
        char *name;             /* the unit's own name (an alias resolved) */
        char *path;             /* its file (for a linked unit: the link's target) */
        bool masked;
        UnitDef *def;           /* [Install] of the file; NULL when masked */
} InstallInfo;

static void install_info_done(InstallInfo *i) {
        i->name = mfree(i->name);
        i->path = mfree(i->path);
        i->def = unit_def_free(i->def);
}

static int install_info_discover(const LookupPaths *lp, const char *name, InstallInfo *ret) {
        _cleanup_free_ char *cur = NULL, *path = NULL;
        struct stat st;
        int r;

        if (!unit_name_is_valid(name, UNIT_NAME_ANY))
                return -EINVAL;
        cur = strdup(name);
        if (!cur)
                return -ENOMEM;

        for (unsigned k = 0;; k++) {
                _cleanup_free_ char *target = NULL, *dir = NULL, *buf = NULL;
                const char *bn;

                if (k > 32)
                        return -ELOOP;
                if (!path) {
                        r = find_unit_file(lp, cur, &path);
                        if (r < 0)
                                return r == -ENOENT && k > 0 ? -ENOLINK : r;
                }
                if (lstat(path, &st) < 0)
                        return k > 0 && errno == ENOENT ? -ENOLINK : -errno;
                if (!S_ISLNK(st.st_mode))
                        break;

                r = read_link_abs(path, &target);
                if (r < 0)
                        return r;
                if (null_or_empty_path(target))
                        break;                  /* a mask */
                if (access(target, F_OK) < 0)
                        return -ENOLINK;
                r = path_dirname(target, &dir);
                if (r < 0)
                        return r;
                bn = basename_ptr(target);

                /* a linked file (systemctl link), or the same name further down the path:
                 * this file is the unit's */
                if (!dir_in_search_path(lp, dir) || streq(bn, cur)) {
                        free_and_replace_ptr(&path, TAKE_PTR(target));
                        continue;
                }
                if (!unit_name_is_valid(bn, UNIT_NAME_ANY))
                        return -EXDEV;
                /* foo@a.service → foo@.service is the instance's own template */
                if (unit_name_is_valid(cur, UNIT_NAME_INSTANCE) && unit_name_is_valid(bn, UNIT_NAME_TEMPLATE)) {
                        _cleanup_free_ char *inst = NULL;

                        r = unit_name_to_instance(cur, &inst);
                        if (r < 0)
                                return r;
                        r = unit_name_replace_instance(bn, inst, &buf);
                        if (r < 0)
                                return r;
                        if (streq(buf, cur)) {
                                free_and_replace_ptr(&path, TAKE_PTR(target));
                                continue;
                        }
                        bn = buf;
                }
                /* an alias: go on with the name it points to, looked up from the top */
                r = free_and_strdup(&cur, bn);
                if (r < 0)
                        return r;
                path = mfree(path);
        }

        *ret = (InstallInfo) {};
        if (null_or_empty_path(path))
                ret->masked = true;
        else {
                r = load_install_info(lp, cur, path, &ret->def);
                if (r < 0)
                        return r;
        }
        ret->name = TAKE_PTR(cur);
        ret->path = TAKE_PTR(path);
        return 0;
}

static bool install_info_has_rules(const InstallInfo *i) {
        return i->def && (i->def->install.wanted_by || i->def->install.required_by ||
                          i->def->install.upheld_by || i->def->install.alias);
}

static int add_change(InstallChanges *c, InstallChangeType t, const char *path, const char *source) {
        InstallChange *a;

        a = realloc(c->changes, sizeof(InstallChange) * (c->n + 1));
        if (!a)
                return -ENOMEM;
        c->changes = a;
        a[c->n] = (InstallChange) { .type = t, .path = strdup(strempty(path)), .source = strdup(strempty(source)) };
        if (!a[c->n].path || !a[c->n].source) {
                free(a[c->n].path);
                free(a[c->n].source);
                return -ENOMEM;
        }
        c->n++;
        return 0;
}

/* Keeps the first error: systemd answers with the first failed change. */
static int set_error(InstallChanges *c, int r, const char *name, const char *fmt, ...) _printf_(4, 5);
static int set_error(InstallChanges *c, int r, const char *name, const char *fmt, ...) {
        va_list ap;
        char *m = NULL;
        int k;

        if (c->error_message)
                return r;
        va_start(ap, fmt);
        k = vasprintf(&m, fmt, ap);
        va_end(ap);
        if (k < 0)
                return -ENOMEM;
        c->error_message = m;
        c->error_name = name ? strdup(name) : NULL;
        return r;
}

/* The error of a name that could not be discovered, as install_error() of systemd words it. */
static int discover_error(InstallChanges *c, int r, const char *name) {
        switch (r) {
        case -ENOENT:
                return set_error(c, r, "org.freedesktop.systemd1.NoSuchUnit", "Unit file %s does not exist.", name);
        case -ENOLINK:
                return set_error(c, r, NULL, "File %s: %s", name, "Link has been severed");
        case -ELOOP:
                return set_error(c, r, "org.freedesktop.systemd1.UnitLinked",
                                 "Refusing to operate on alias name or linked unit file: %s", name);
        case -EXDEV:
                return set_error(c, r, "org.freedesktop.systemd1.BadUnitSetting", "Invalid unit reference %s.", name);
        case -EINVAL:
                return set_error(c, r, "org.freedesktop.DBus.Error.InvalidArgs", "File %s: %s", name, "Invalid argument");
        case -ENOMEM:
                return r;
        default:
                return set_error(c, r, NULL, "File %s: %s", name, strerror(-r));
        }
}

/* enable/mask/link need a unit that is neither masked nor transient/generated */
static int install_info_may_process(const LookupPaths *lp, const InstallInfo *i, InstallChanges *c) {
        if (i->masked)
                return set_error(c, -ERFKILL, "org.freedesktop.systemd1.UnitMasked", "Unit file %s is masked.", i->path);
        if (path_is_generator(lp, i->path) || path_under(i->path, lp->transient))
                return set_error(c, -EADDRNOTAVAIL, "org.freedesktop.systemd1.UnitGenerated",
                                 "Unit %s is transient or generated.", i->path);
        return 0;
}

/* Makes link → source. 1 when it is there afterwards (made now or before), negative otherwise.
 * A link to somewhere else is replaced only with force. */
static int make_link(InstallChanges *c, UnitFileFlags flags, bool force, const char *source, const char *link) {
        _cleanup_free_ char *dir = NULL;
        char t[PATH_MAX];
        ssize_t k;
        int r;

        r = path_dirname(link, &dir);
        if (r < 0)
                return r;
        (void) mkdir_p(dir, 0755);

        if (symlink(source, link) >= 0) {
                r = add_change(c, INSTALL_CHANGE_SYMLINK, link, source);
                return r < 0 ? r : 1;
        }
        if (errno != EEXIST)
                return set_error(c, -errno, NULL, "File %s: %s", link, strerror(errno));

        k = readlink(link, t, sizeof t - 1);
        if (k < 0)
                return set_error(c, -EEXIST, "org.freedesktop.systemd1.UnitExists", "File %s already exists.", link);
        t[k] = 0;
        if (streq(t, source))
                return 1;
        if (!force)
                return set_error(c, -EEXIST, "org.freedesktop.systemd1.UnitExists",
                                 "File %s already exists and is a symlink to %s.", link, t);
        if (unlink(link) < 0 || symlink(source, link) < 0)
                return set_error(c, -errno, NULL, "File %s: %s", link, strerror(errno));
        if ((r = add_change(c, INSTALL_CHANGE_UNLINK, link, NULL)) < 0 ||
            (r = add_change(c, INSTALL_CHANGE_SYMLINK, link, source)) < 0)
                return r;
        return 1;
}

/* The links of one unit's [Install]: Alias= first, then WantedBy=, RequiredBy=, UpheldBy=
 * (systemd's order). Returns how many of them there are (made or already there), or the
 * first error after trying all. */
static int install_info_apply(const LookupPaths *lp, UnitFileFlags flags, const InstallInfo *i,
                              InstallChanges *c) {
        static const struct { size_t off; const char *suffix; } kinds[] = {
                { offsetof(InstallSection, wanted_by), ".wants" },
                { offsetof(InstallSection, required_by), ".requires" },
                { offsetof(InstallSection, upheld_by), ".upholds" },
        };
        _cleanup_free_ char *inst_name = NULL;
        const char *cfg = config_dir(lp, flags), *n = i->name;
        int r = 0, q;

        STRV_FOREACH(a, i->def->install.alias) {
                _cleanup_free_ char *link = NULL, *an = NULL;
                const char *al = *a;

                if (!unit_name_is_valid(al, UNIT_NAME_ANY) || unit_name_to_type(al) != unit_name_to_type(n)) {
                        q = set_error(c, -EXDEV, "org.freedesktop.systemd1.BadUnitSetting", "Cannot alias %s as %s.",
                                      i->name, al);
                        r = r < 0 ? r : q;
                        continue;
                }
                if (unit_name_is_valid(al, UNIT_NAME_TEMPLATE) && unit_name_is_valid(n, UNIT_NAME_INSTANCE)) {
                        _cleanup_free_ char *inst = NULL;

                        if (unit_name_to_instance(n, &inst) < 0 || unit_name_replace_instance(al, inst, &an) < 0)
                                return -ENOMEM;
                        al = an;
                }
                link = path_join(cfg, al);
                if (!link)
                        return -ENOMEM;
                q = make_link(c, flags, flags & UNIT_FILE_FORCE, i->path, link);
                if (q == -ENOMEM)
                        return q;
                r = r < 0 ? r : q < 0 ? q : r + q;
        }

        /* a template is pulled in through its DefaultInstance=, or not at all */
        if (unit_name_is_valid(n, UNIT_NAME_TEMPLATE)) {
                if (!i->def->install.default_instance)
                        return r;
                q = unit_name_replace_instance(n, i->def->install.default_instance, &inst_name);
                if (q < 0)
                        return r < 0 ? r : set_error(c, -EUCLEAN, "org.freedesktop.systemd1.BadUnitSetting",
                                                     "\"%s\" is not a valid unit name.", n);
                n = inst_name;
        }

        for (size_t k = 0; k < ELEMENTSOF(kinds); k++)
                STRV_FOREACH(t, *(char ***) ((uint8_t *) &i->def->install + kinds[k].off)) {
                        _cleanup_free_ char *link = NULL, *dst = NULL;

                        if (!unit_name_is_valid(*t, UNIT_NAME_ANY)) {
                                q = set_error(c, -EUCLEAN, "org.freedesktop.systemd1.BadUnitSetting",
                                              "\"%s\" is not a valid unit name.", *t);
                                r = r < 0 ? r : q;
                                continue;
                        }
                        if (asprintf(&link, "%s/%s%s/%s", cfg, *t, kinds[k].suffix, n) < 0)
                                return -ENOMEM;
                        /* the links of .wants/ and .requires/ are always (re)made */
                        q = make_link(c, flags, true, i->path, link);
                        if (q == -ENOMEM)
                                return q;
                        r = r < 0 ? r : q < 0 ? q : r + q;
                        if (find_unit_file(lp, *t, &dst) == -ENOENT) {
                                q = add_change(c, INSTALL_CHANGE_DESTINATION_NOT_PRESENT, *t, i->path);
                                if (q < 0)
                                        return q;
                        }
                }
        return r;
}

/* Enables names and, through Also=, what they name, each once (systemd's install context:
 * a queue of names to process and the set of processed ones). */
static int install_context_apply(const LookupPaths *lp, UnitFileFlags flags, char **names, InstallChanges *c) {
        _cleanup_strv_free_ char **todo = NULL, **done = NULL;
        size_t n_main = strv_length(names);
        int r = 0, q;

        todo = strv_copy(names);
        if (!todo)
                return -ENOMEM;
        for (size_t k = 0; todo[k]; k++) {
                _cleanup_(install_info_done) InstallInfo i = {};
                bool auxiliary = k >= n_main;

                if (strv_contains(done, todo[k]))
                        continue;
                if ((q = strv_extend(&done, todo[k])) < 0)
                        return q;

                q = install_info_discover(lp, todo[k], &i);
                if (q < 0) {
                        if (auxiliary) {
                                q = add_change(c, INSTALL_CHANGE_AUXILIARY_FAILED, NULL, todo[k]);
                                if (q < 0)
                                        return q;
                                continue;
                        }
                        return discover_error(c, q, todo[k]);
                }
                if (i.masked) {
                        q = add_change(c, INSTALL_CHANGE_IS_MASKED, i.path, NULL);
                        if (q < 0)
                                return q;
                        r = r < 0 ? r : r + 1;  /* something could have been enabled */
                        continue;
                }
                if (!strv_contains(done, i.name) && (q = strv_extend(&done, i.name)) < 0)
                        return q;
                STRV_FOREACH(a, i.def->install.also)
                        if (!strv_contains(done, *a) && !strv_contains(todo, *a) &&
                            (q = strv_extend(&todo, *a)) < 0)
                                return q;

                q = install_info_apply(lp, flags, &i, c);
                if (q == -ENOMEM)
                        return q;
                r = r < 0 ? r : q < 0 ? q : r + q;
        }
        return r;
}

int unit_file_enable(const LookupPaths *lp, UnitFileFlags flags, char **names, InstallChanges *c) {
        _cleanup_strv_free_ char **todo = NULL;
        const char *cfg = config_dir(lp, flags);
        int r;

        if (!cfg)
                return set_error(c, -ENXIO, NULL, "%s", "No configuration directory.");

        /* every name must be there and may be enabled before anything is linked */
        STRV_FOREACH(n, names) {
                _cleanup_(install_info_done) InstallInfo i = {};
                const char *name = *n;

                if (path_is_absolute(name)) {
                        /* enable /path/to/unit: link it, then enable it by its name */
                        char *one[] = { (char *) name, NULL };

                        r = unit_file_link(lp, flags, one, c);
                        if (r < 0)
                                return r;
                        name = basename_ptr(name);
                }
                r = install_info_discover(lp, name, &i);
                if (r < 0)
                        return discover_error(c, r, name);
                r = install_info_may_process(lp, &i, c);
                if (r < 0)
                        return r;
                if ((r = strv_extend(&todo, name)) < 0)
                        return r;
        }

        r = install_context_apply(lp, flags, todo, c);
        if (r < 0)
                return r;
        c->carries_install_info = r > 0;
        return (int) c->n;
}

static bool is_marked(char **marks, const char *link_name, const char *dest) {
        _cleanup_free_ char *tmpl = NULL;

        if (strv_contains(marks, link_name))
                return true;
        if (unit_name_is_valid(link_name, UNIT_NAME_INSTANCE) && unit_name_template(link_name, &tmpl) >= 0 &&
            strv_contains(marks, tmpl))
                return true;
        return dest && (strv_contains(marks, dest) || strv_contains(marks, basename_ptr(dest)));
}

/* Removes every symlink below dir (recursively) named as a marked unit, or whose end is a
 * marked name or path; a removed link's path is marked in turn, so links to it go too. */
static int remove_marked_links(const char *top, const char *dir, char ***marks, bool dry_run, bool *restart,
                               InstallChanges *c) {
        _cleanup_(closedirp) DIR *dp = NULL;
        struct dirent *de;
        int r;

        dp = opendir(dir);
        if (!dp)
                return 0;
        while ((de = readdir(dp))) {
                _cleanup_free_ char *p = NULL, *dest = NULL;
                struct stat st;

                if (de->d_name[0] == '.')
                        continue;
                p = path_join(dir, de->d_name);
                if (!p)
                        return -ENOMEM;
                if (lstat(p, &st) < 0)
                        continue;
                if (S_ISDIR(st.st_mode)) {
                        r = remove_marked_links(top, p, marks, dry_run, restart, c);
                        if (r < 0)
                                return r;
                        continue;
                }
                if (!S_ISLNK(st.st_mode))
                        continue;
                if (!is_marked(*marks, de->d_name, NULL)) {
                        r = chase_link(p, &dest);
                        if (r == -ENOMEM)
                                return r;
                        if (r < 0 || !is_marked(*marks, de->d_name, dest))
                                continue;
                }
                if (!dry_run) {
                        if (unlink(p) < 0 && errno != ENOENT)
                                continue;
                        /* empty .wants/ directories go with their last link */
                        if (!path_equal(dir, top))
                                (void) rmdir(dir);
                }
                r = add_change(c, INSTALL_CHANGE_UNLINK, p, NULL);
                if (r < 0)
                        return r;
                if (!strv_contains(*marks, p)) {
                        if ((r = strv_extend(marks, p)) < 0)
                                return r;
                        *restart = true;
                }
        }
        return 0;
}

static int remove_marked(const char *cfg, char ***marks, bool dry_run, InstallChanges *c) {
        bool restart;
        int r;

        if (!cfg || strv_length(*marks) == 0)
                return 0;
        do {
                restart = false;
                r = remove_marked_links(cfg, cfg, marks, dry_run, &restart, c);
                if (r < 0)
                        return r;
        } while (restart && !dry_run);
        return 0;
}

/* systemd's install_context_mark_for_removal(): the names, what they resolve to and their
 * Also= units are marked; masked ones are reported and left alone; a name without a file is
 * an error (unless it came from Also=), but its links are still removed. */
static int mark_for_removal(const LookupPaths *lp, char **names, char ***marks, InstallChanges *c) {
        _cleanup_strv_free_ char **todo = NULL, **done = NULL;
        size_t n_main = strv_length(names);
        int r = 0, q;

        todo = strv_copy(names);
        if (!todo)
                return -ENOMEM;
        for (size_t k = 0; todo[k]; k++) {
                _cleanup_(install_info_done) InstallInfo i = {};
                bool auxiliary = k >= n_main;

                if (strv_contains(done, todo[k]))
                        continue;
                if ((q = strv_extend(&done, todo[k])) < 0)
                        return q;
                if (!unit_name_is_valid(todo[k], UNIT_NAME_ANY)) {
                        if (!auxiliary)
                                r = r < 0 ? r : discover_error(c, -EINVAL, todo[k]);
                        continue;
                }

                q = install_info_discover(lp, todo[k], &i);
                if (q == -ENOMEM)
                        return q;
                if (q == -ENOLINK) {
                        if ((q = add_change(c, INSTALL_CHANGE_IS_DANGLING, todo[k], NULL)) < 0)
                                return q;
                } else if (q < 0) {
                        if (!auxiliary)
                                r = r < 0 ? r : discover_error(c, q, todo[k]);
                } else if (i.masked) {
                        if ((q = add_change(c, INSTALL_CHANGE_IS_MASKED, i.path, NULL)) < 0)
                                return q;
                        continue;
                } else {
                        if (!strv_contains(*marks, i.name) && (q = strv_extend(marks, i.name)) < 0)
                                return q;
                        STRV_FOREACH(a, i.def->install.also)
                                if (!strv_contains(todo, *a) && (q = strv_extend(&todo, *a)) < 0)
                                        return q;
                }
                if (!strv_contains(*marks, todo[k]) && (q = strv_extend(marks, todo[k])) < 0)
                        return q;
        }
        return r;
}

/* A failed name fails the call only when nothing else happened (systemd's
 * reply_install_changes_and_free()). */
static bool has_good_changes(const InstallChanges *c) {
        return c->n > 0;
}

int unit_file_disable(const LookupPaths *lp, UnitFileFlags flags, char **names, InstallChanges *c) {
        _cleanup_strv_free_ char **marks = NULL;
        int r, q;

        r = mark_for_removal(lp, names, &marks, c);
        if (r == -ENOMEM)
                return r;
        q = remove_marked(config_dir(lp, flags), &marks, flags & UNIT_FILE_DRY_RUN, c);
        if (q < 0)
                return q;
        if (r < 0 && !has_good_changes(c))
                return r;
        return (int) c->n;
}

int unit_file_reenable(const LookupPaths *lp, UnitFileFlags flags, char **names, InstallChanges *c) {
        _cleanup_strv_free_ char **base = NULL;
        int r;

        /* disable by name, enable by what was given (a path is linked again) */
        STRV_FOREACH(n, names)
                if ((r = strv_extend(&base, basename_ptr(*n))) < 0)
                        return r;
        r = unit_file_disable(lp, flags, base, c);
        if (r < 0)
                return r;
        return unit_file_enable(lp, flags, names, c);
}

int unit_file_mask(const LookupPaths *lp, UnitFileFlags flags, char **names, InstallChanges *c) {
        const char *cfg = config_dir(lp, flags);
        int r = 0, q;

        if (!cfg)
                return set_error(c, -ENXIO, NULL, "%s", "No configuration directory.");
        STRV_FOREACH(n, names) {
                _cleanup_free_ char *p = NULL;

                if (!unit_name_is_valid(*n, UNIT_NAME_ANY)) {
                        r = r < 0 ? r : discover_error(c, -EINVAL, *n);
                        continue;
                }
                p = path_join(cfg, *n);
                if (!p)
                        return -ENOMEM;
                q = make_link(c, flags, flags & UNIT_FILE_FORCE, "/dev/null", p);
                if (q == -ENOMEM)
                        return q;
                if (q < 0 && r >= 0)
                        r = q;
        }
        return r < 0 ? r : (int) c->n;
}

int unit_file_unmask(const LookupPaths *lp, UnitFileFlags flags, char **names, InstallChanges *c) {
        _cleanup_strv_free_ char **marks = NULL;
        const char *cfg = config_dir(lp, flags);
        int r = 0, q;

        if (!cfg)
                return 0;
        STRV_FOREACH(n, names) {
                _cleanup_free_ char *p = NULL;

                if (!unit_name_is_valid(*n, UNIT_NAME_ANY))
                        return discover_error(c, -EINVAL, *n);
                p = path_join(cfg, *n);
                if (!p)
                        return -ENOMEM;
                if (!null_or_empty_path(p))
                        continue;
                if (!(flags & UNIT_FILE_DRY_RUN) && unlink(p) < 0) {
                        if (errno != ENOENT && r >= 0)
                                r = set_error(c, -errno, NULL, "File %s: %s", p, strerror(errno));
                        continue;
                }
                if ((q = add_change(c, INSTALL_CHANGE_UNLINK, p, NULL)) < 0 || (q = strv_extend(&marks, p)) < 0)
                        return q;
        }
        /* and the links that pointed to the mask's path */
        q = remove_marked(cfg, &marks, flags & UNIT_FILE_DRY_RUN, c);
        if (q < 0)
                return q;
        return r < 0 ? r : (int) c->n;
}

int unit_file_link(const LookupPaths *lp, UnitFileFlags flags, char **paths, InstallChanges *c) {
        const char *cfg = config_dir(lp, flags);
        int r = 0, q;

        if (!cfg)
                return set_error(c, -ENXIO, NULL, "%s", "No configuration directory.");
        STRV_FOREACH(p, paths) {
                _cleanup_free_ char *link = NULL, *dir = NULL;
                const char *b = basename_ptr(*p);
                struct stat st;

                if (!path_is_absolute(*p) || !unit_name_is_valid(b, UNIT_NAME_ANY))
                        return discover_error(c, -EINVAL, *p);
                if (stat(*p, &st) < 0)
                        return discover_error(c, -errno, *p);
                if (!S_ISREG(st.st_mode))
                        return set_error(c, -ENOTTY, NULL, "File %s: %s", *p, strerror(ENOTTY));
                if (path_dirname(*p, &dir) < 0)
                        return -ENOMEM;
                if (dir_in_search_path(lp, dir))
                        continue;       /* already on the search path: a silent no-op */
                link = path_join(cfg, b);
                if (!link)
                        return -ENOMEM;
                q = make_link(c, flags, flags & UNIT_FILE_FORCE, *p, link);
                if (q == -ENOMEM)
                        return q;
                if (q < 0 && r >= 0)
                        r = q;
        }
        return r < 0 ? r : (int) c->n;
}

/* systemd.preset(5): *.preset files, first match by file name order wins */
int unit_presets_read(const LookupPaths *lp, char ***ret) {
        const char *const user_dirs[] = { "/etc/systemd/user-preset", "/run/systemd/user-preset",
                                          "/usr/local/lib/systemd/user-preset", "/usr/lib/systemd/user-preset" };
        const char *const system_dirs[] = { "/etc/systemd/system-preset", "/run/systemd/system-preset",
                                            "/usr/local/lib/systemd/system-preset", "/usr/lib/systemd/system-preset",
                                            "/lib/systemd/system-preset" };
        const char *const *dirs = lp->scope == RUNTIME_SCOPE_USER ? user_dirs : system_dirs;
        size_t nd = lp->scope == RUNTIME_SCOPE_USER ? ELEMENTSOF(user_dirs) : ELEMENTSOF(system_dirs);
        _cleanup_strv_free_ char **files = NULL, **seen = NULL, **rules = NULL;
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
                        if (!streq(verb, "enable") && !streq(verb, "disable"))
                                continue;
                        if ((r = strv_extend(&rules, verb)) < 0 || (r = strv_extend(&rules, pat)) < 0)
                                return r;
                }
        }
        if (!rules && !(rules = strv_copy(NULL)))
                return -ENOMEM;
        *ret = TAKE_PTR(rules);
        return 0;
}

int unit_presets_match(char * const *rules, const char *name) {
        for (size_t i = 0; rules && rules[i] && rules[i + 1]; i += 2)
                if (fnmatch(rules[i + 1], name, 0) == 0)
                        return streq(rules[i], "enable");
        return 1;
}

int unit_file_query_preset(const LookupPaths *lp, const char *name) {
        _cleanup_strv_free_ char **rules = NULL;
        int r;

        r = unit_presets_read(lp, &rules);
        if (r < 0)
                return r;
        return unit_presets_match(rules, name);
}

UnitFilePresetMode unit_file_preset_mode_from_string(const char *s) {
        if (streq_ptr(s, "full") || isempty(s))
                return UNIT_FILE_PRESET_FULL;
        if (streq_ptr(s, "enable-only"))
                return UNIT_FILE_PRESET_ENABLE_ONLY;
        if (streq_ptr(s, "disable-only"))
                return UNIT_FILE_PRESET_DISABLE_ONLY;
        return _UNIT_FILE_PRESET_MODE_INVALID;
}

/* Sorts one name into the units to enable (plus) or disable (minus), as systemd's
 * preset_prepare_one(). strict: a missing or masked name is an error (preset), not skipped
 * (preset-all). */
static int preset_prepare_one(const LookupPaths *lp, const char *name, bool strict, char ***plus, char ***minus,
                              InstallChanges *c) {
        _cleanup_(install_info_done) InstallInfo i = {};
        int r;

        if (strv_contains(*plus, name) || strv_contains(*minus, name))
                return 0;
        r = install_info_discover(lp, name, &i);
        if (r == -ENOMEM)
                return r;
        if (r < 0)
                return strict ? discover_error(c, r, name) : 0;
        if (!streq(name, i.name))
                return 0;               /* an alias: its unit is preset under its own name */
        r = unit_file_query_preset(lp, name);
        if (r < 0)
                return r;
        if (r > 0) {
                int q = install_info_may_process(lp, &i, c);
                if (q < 0)
                        return strict ? q : 0;
                return strv_extend(plus, name);
        }
        return strv_extend(minus, name);
}

static int execute_preset(const LookupPaths *lp, UnitFileFlags flags, UnitFilePresetMode mode, char **plus,
                          char **minus, InstallChanges *c) {
        int r = 0;

        if (mode != UNIT_FILE_PRESET_ENABLE_ONLY && minus) {
                _cleanup_strv_free_ char **marks = NULL;

                r = mark_for_removal(lp, minus, &marks, c);
                if (r == -ENOMEM)
                        return r;
                r = remove_marked(config_dir(lp, flags), &marks, false, c);
                if (r < 0)
                        return r;
        }
        if (mode != UNIT_FILE_PRESET_DISABLE_ONLY && plus) {
                r = install_context_apply(lp, flags, plus, c);
                if (r < 0)
                        return r;
                c->carries_install_info = r > 0;
        }
        return (int) c->n;
}

int unit_file_preset(const LookupPaths *lp, UnitFileFlags flags, char **names, UnitFilePresetMode mode,
                     InstallChanges *c) {
        _cleanup_strv_free_ char **plus = NULL, **minus = NULL;
        int r;

        if (!config_dir(lp, flags))
                return set_error(c, -ENXIO, NULL, "%s", "No configuration directory.");
        STRV_FOREACH(n, names) {
                if (!unit_name_is_valid(*n, UNIT_NAME_ANY))
                        return discover_error(c, -EINVAL, *n);
                r = preset_prepare_one(lp, *n, true, &plus, &minus, c);
                if (r < 0)
                        return r;
        }
        return execute_preset(lp, flags, mode, plus, minus, c);
}

int unit_file_preset_all(const LookupPaths *lp, UnitFileFlags flags, UnitFilePresetMode mode, InstallChanges *c) {
        _cleanup_strv_free_ char **plus = NULL, **minus = NULL;
        int r;

        if (!config_dir(lp, flags))
                return set_error(c, -ENXIO, NULL, "%s", "No configuration directory.");
        STRV_FOREACH(dir, lp->search_path) {
                _cleanup_(closedirp) DIR *dp = opendir(*dir);
                struct dirent *de;

                if (!dp)
                        continue;
                while ((de = readdir(dp))) {
                        _cleanup_free_ char *p = NULL;
                        struct stat st;

                        if (!unit_name_is_valid(de->d_name, UNIT_NAME_ANY))
                                continue;
                        p = path_join(*dir, de->d_name);
                        if (!p)
                                return -ENOMEM;
                        if (lstat(p, &st) < 0 || !(S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)))
                                continue;
                        r = preset_prepare_one(lp, de->d_name, false, &plus, &minus, c);
                        if (r < 0)
                                return r;
                }
        }
        /* the units skipped above are no failure of the whole */
        c->error_name = mfree(c->error_name);
        c->error_message = mfree(c->error_message);
        return execute_preset(lp, flags, mode, plus, minus, c);
}

/* Is name linked, in a .wants/ .requires/ .upholds/ directory or as an alias, under one of
 * the names its [Install] would use? (systemd's is_symlink_with_known_name()) */
static bool is_known_name(const InstallInfo *i, const char *name) {
        _cleanup_free_ char *s = NULL;

        if (streq(name, i->name))
                return true;
        if (i->def && strv_contains(i->def->install.alias, name))
                return true;
        return i->def && i->def->install.default_instance && unit_name_is_valid(i->name, UNIT_NAME_TEMPLATE) &&
               unit_name_replace_instance(i->name, i->def->install.default_instance, &s) >= 0 && streq(name, s);
}

/* One directory's symlinks that lead to the unit: in .wants/ and the like by their name (or
 * their template's), at the top by where they point. 1 when one is found, with match_name
 * only those named as its [Install] would name them; *same_name_link for a link of the
 * unit's own name in the config dir itself (a linked unit). */
static int find_links_in_directory(const char *dir_path, const InstallInfo *i, bool ignore_destination,
                                   bool match_name, bool ignore_same_name, const char *config_path,
                                   bool *same_name_link) {
        _cleanup_(closedirp) DIR *dp = opendir(dir_path);
        struct dirent *de;

        if (!dp)
                return 0;
        while ((de = readdir(dp))) {
                _cleanup_free_ char *p = NULL;
                bool found_path = false, found_dest = false, same = false;
                struct stat st;

                if (de->d_name[0] == '.')
                        continue;
                p = path_join(dir_path, de->d_name);
                if (!p)
                        return -ENOMEM;
                if (lstat(p, &st) < 0 || !S_ISLNK(st.st_mode))
                        continue;
                if (!ignore_destination) {
                        _cleanup_free_ char *dest = NULL;
                        int r = read_link_abs(p, &dest);

                        if (r == -ENOMEM)
                                return r;
                        if (r < 0)
                                continue;
                        found_dest = streq(basename_ptr(dest), i->name);
                }
                if (ignore_destination || !ignore_same_name)
                        found_path = streq(de->d_name, i->name);
                if (!found_path && ignore_destination) {
                        _cleanup_free_ char *tmpl = NULL;

                        if (unit_name_is_valid(de->d_name, UNIT_NAME_INSTANCE) &&
                            unit_name_template(de->d_name, &tmpl) >= 0)
                                found_dest = streq(tmpl, i->name);
                }
                if (found_path && found_dest) {
                        _cleanup_free_ char *t = path_join(config_path, i->name);

                        if (!t)
                                return -ENOMEM;
                        same = path_equal(p, t);
                }
                if (same)
                        *same_name_link = true;
                else if (found_path || found_dest) {
                        if (!match_name || is_known_name(i, de->d_name))
                                return 1;
                }
        }
        return 0;
}

static int find_links(const char *config_path, const InstallInfo *i, bool match_name, bool ignore_same_name,
                      bool *same_name_link) {
        _cleanup_(closedirp) DIR *dp = opendir(config_path);
        struct dirent *de;
        int r;

        if (!dp)
                return 0;
        while ((de = readdir(dp))) {
                _cleanup_free_ char *p = NULL;
                const char *suffix = strrchr(de->d_name, '.');
                struct stat st;

                if (!suffix || !(streq(suffix, ".wants") || streq(suffix, ".requires") || streq(suffix, ".upholds")))
                        continue;
                p = path_join(config_path, de->d_name);
                if (!p)
                        return -ENOMEM;
                if (lstat(p, &st) < 0 || !S_ISDIR(st.st_mode))
                        continue;
                r = find_links_in_directory(p, i, true, match_name, ignore_same_name, config_path, same_name_link);
                if (r != 0)
                        return r;
        }
        return find_links_in_directory(config_path, i, false, match_name, ignore_same_name, config_path,
                                       same_name_link);
}

/* Where on the search path the unit is enabled (systemd's find_symlinks_in_scope()). */
static int find_links_in_scope(const LookupPaths *lp, const InstallInfo *i, bool match_name, UnitFileState *state) {
        bool same_name_link_runtime = false, same_name_link_config = false;
        bool enabled_in_runtime = false, enabled_at_all = false, ignore_same_name = false;
        int r;

        STRV_FOREACH(p, lp->search_path) {
                bool same_name_link = false;

                r = find_links(*p, i, match_name, ignore_same_name, &same_name_link);
                if (r < 0)
                        return r;
                if (r > 0) {
                        /* in the config dir, or (user scope) in the configuration of all users */
                        if (path_equal(*p, lp->persistent_config) ||
                            (lp->scope == RUNTIME_SCOPE_USER && path_startswith(*p, "/etc"))) {
                                *state = UNIT_FILE_ENABLED;
                                return 1;
                        }
                        if (path_is_runtime(lp, *p))
                                enabled_in_runtime = true;
                        else
                                enabled_at_all = true;
                } else if (same_name_link) {
                        if (path_equal(*p, lp->persistent_config))
                                same_name_link_config = true;
                        else if (path_is_runtime(lp, *p))
                                same_name_link_runtime = true;
                }
                /* the dirs below the unit's own file cannot override it by name */
                if (!ignore_same_name && path_startswith(i->path, *p))
                        ignore_same_name = true;
        }
        if (enabled_in_runtime) {
                *state = UNIT_FILE_ENABLED_RUNTIME;
                return 1;
        }
        /* an instance linked in a vendor directory is part of the distribution */
        if (enabled_at_all && unit_name_is_valid(i->name, UNIT_NAME_INSTANCE)) {
                *state = UNIT_FILE_STATIC;
                return 1;
        }
        if (same_name_link_config) {
                *state = UNIT_FILE_LINKED;
                return 1;
        }
        if (same_name_link_runtime) {
                *state = UNIT_FILE_LINKED_RUNTIME;
                return 1;
        }
        return 0;
}

int unit_file_get_state(const LookupPaths *lp, const char *name, UnitFileState *ret) {
        _cleanup_(install_info_done) InstallInfo i = {};
        UnitFileState st = _UNIT_FILE_STATE_INVALID;
        int r;

        if (!unit_name_is_valid(name, UNIT_NAME_ANY))
                return -EINVAL;
        r = install_info_discover(lp, name, &i);
        if (r < 0)
                return r;

        if (i.masked) {
                _cleanup_free_ char *dir = NULL;

                if (path_dirname(i.path, &dir) < 0)
                        return -ENOMEM;
                *ret = path_is_runtime(lp, dir) ? UNIT_FILE_MASKED_RUNTIME : UNIT_FILE_MASKED;
                return 0;
        }
        /* asked by another name than its file's: an alias (an instance has its template's file) */
        if (!streq(name, basename_ptr(i.path)) && !unit_name_is_valid(i.name, UNIT_NAME_INSTANCE)) {
                *ret = UNIT_FILE_ALIAS;
                return 0;
        }
        if (path_is_generator(lp, i.path)) {
                *ret = UNIT_FILE_GENERATED;
                return 0;
        }
        if (path_under(i.path, lp->transient)) {
                *ret = UNIT_FILE_TRANSIENT;
                return 0;
        }
        r = find_links_in_scope(lp, &i, true, &st);
        if (r < 0)
                return r;
        if (r > 0) {
                *ret = st;
                return 0;
        }
        /* known under other names than its [Install] gives: it may be in use */
        r = find_links_in_scope(lp, &i, false, &st);
        if (r < 0)
                return r;
        if (r > 0)
                *ret = UNIT_FILE_INDIRECT;
        else if (install_info_has_rules(&i))
                *ret = UNIT_FILE_DISABLED;
        else if (i.def->install.also)
                *ret = UNIT_FILE_INDIRECT;
        else
                *ret = UNIT_FILE_STATIC;
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
                        _cleanup_free_ char *p = NULL;
                        UnitFileListEntry *a;
                        UnitFileState st;
                        struct stat sb;
                        bool match = !patterns || !*patterns;

                        if (!unit_name_is_valid(de->d_name, UNIT_NAME_ANY) || strv_contains(seen, de->d_name))
                                continue;
                        STRV_FOREACH(pat, patterns)
                                if (fnmatch(*pat, de->d_name, FNM_NOESCAPE) == 0)
                                        match = true;
                        if (!match)
                                continue;
                        p = path_join(*dir, de->d_name);
                        if (!p) {
                                r = -ENOMEM;
                                goto fail;
                        }
                        /* files and links only: a .wants/ directory may carry a unit's name */
                        if (lstat(p, &sb) < 0 || !(S_ISREG(sb.st_mode) || S_ISLNK(sb.st_mode)))
                                continue;
                        if ((r = strv_extend(&seen, de->d_name)) < 0)
                                goto fail;
                        r = unit_file_get_state(lp, de->d_name, &st);
                        if (r == -ENOMEM)
                                goto fail;
                        if (r < 0)
                                st = UNIT_FILE_BAD;
                        a = realloc(l, sizeof(UnitFileListEntry) * (n + 1));
                        if (!a) {
                                r = -ENOMEM;
                                goto fail;
                        }
                        l = a;
                        l[n].path = TAKE_PTR(p);
                        l[n].state = st;
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

/* rm -r of a drop-in directory, one change per file and one for the directory, as systemd's
 * revert reports them */
static int remove_tree_reporting(const char *p, InstallChanges *c) {
        _cleanup_(closedirp) DIR *dp = opendir(p);
        struct dirent *de;
        int r;

        if (!dp)
                return 0;
        while ((de = readdir(dp))) {
                _cleanup_free_ char *q = NULL;
                struct stat st;

                if (streq(de->d_name, ".") || streq(de->d_name, ".."))
                        continue;
                q = path_join(p, de->d_name);
                if (!q)
                        return -ENOMEM;
                if (lstat(q, &st) < 0)
                        continue;
                if (S_ISDIR(st.st_mode)) {
                        r = remove_tree_reporting(q, c);
                        if (r < 0)
                                return r;
                        continue;
                }
                if (unlink(q) < 0)
                        continue;
                r = add_change(c, INSTALL_CHANGE_UNLINK, q, NULL);
                if (r < 0)
                        return r;
        }
        if (rmdir(p) < 0)
                return 0;
        return add_change(c, INSTALL_CHANGE_UNLINK, p, NULL);
}

/* systemctl(1), revert: drop-in dirs of the config and control dirs go; a unit file there goes
 * when a vendor file of that name exists below; masks go. */
int unit_file_revert(const LookupPaths *lp, char **names, InstallChanges *c) {
        const char *dirs[] = { lp->persistent_config, lp->runtime_config, lp->persistent_control, lp->runtime_control };
        _cleanup_strv_free_ char **marks = NULL;
        int r;

        STRV_FOREACH(n, names) {
                bool has_vendor = false;

                if (!unit_name_is_valid(*n, UNIT_NAME_ANY))
                        return discover_error(c, -EINVAL, *n);
                STRV_FOREACH(s, lp->search_path) {
                        _cleanup_free_ char *p = NULL;
                        bool own = false;
                        struct stat st;

                        for (size_t k = 0; k < ELEMENTSOF(dirs); k++)
                                if (dirs[k] && path_equal(*s, dirs[k]))
                                        own = true;
                        if (own || path_equal(*s, lp->transient) || path_is_generator(lp, *s))
                                continue;
                        p = path_join(*s, *n);
                        if (!p)
                                return -ENOMEM;
                        if (lstat(p, &st) >= 0 && !null_or_empty_path(p))
                                has_vendor = true;
                }
                for (size_t k = 0; k < ELEMENTSOF(dirs); k++) {
                        _cleanup_free_ char *p = NULL, *d = NULL;
                        struct stat st;

                        if (!dirs[k])
                                continue;
                        if (asprintf(&d, "%s/%s.d", dirs[k], *n) < 0)
                                return -ENOMEM;
                        p = path_join(dirs[k], *n);
                        if (!p)
                                return -ENOMEM;
                        if (lstat(d, &st) >= 0 && S_ISDIR(st.st_mode)) {
                                r = remove_tree_reporting(d, c);
                                if (r < 0)
                                        return r;
                        }
                        if (lstat(p, &st) < 0 || S_ISDIR(st.st_mode))
                                continue;
                        if (!null_or_empty_path(p) && !has_vendor)
                                continue;
                        if (unlink(p) < 0)
                                continue;
                        if ((r = add_change(c, INSTALL_CHANGE_UNLINK, p, NULL)) < 0 ||
                            (r = strv_extend(&marks, p)) < 0)
                                return r;
                }
        }
        r = remove_marked(lp->persistent_config, &marks, false, c);
        if (r < 0)
                return r;
        r = remove_marked(lp->runtime_config, &marks, false, c);
        if (r < 0)
                return r;
        return (int) c->n;
}

int unit_file_add_dependency(const LookupPaths *lp, UnitFileFlags flags, char **names, const char *target,
                             const char *dep, InstallChanges *c) {
        _cleanup_(install_info_done) InstallInfo t = {};
        const char *cfg = config_dir(lp, flags), *suffix;
        int r = 0, q;

        if (!cfg)
                return set_error(c, -ENXIO, NULL, "%s", "No configuration directory.");
        if (streq_ptr(dep, "Wants"))
                suffix = ".wants";
        else if (streq_ptr(dep, "Requires"))
                suffix = ".requires";
        else
                return set_error(c, -EINVAL, "org.freedesktop.DBus.Error.InvalidArgs", "%s", "Invalid argument");
        if (!unit_name_is_valid(target, UNIT_NAME_ANY))
                return discover_error(c, -EINVAL, target);

        /* the target must be there and usable; its own name is the directory's */
        q = install_info_discover(lp, target, &t);
        if (q < 0)
                return discover_error(c, q, target);
        q = install_info_may_process(lp, &t, c);
        if (q < 0)
                return q;

        STRV_FOREACH(n, names) {
                _cleanup_(install_info_done) InstallInfo i = {};
                _cleanup_free_ char *link = NULL;

                q = install_info_discover(lp, *n, &i);
                if (q < 0)
                        return discover_error(c, q, *n);
                q = install_info_may_process(lp, &i, c);
                if (q < 0)
                        return q;
                if (asprintf(&link, "%s/%s%s/%s", cfg, t.name, suffix, i.name) < 0)
                        return -ENOMEM;
                q = make_link(c, flags, true, i.path, link);
                if (q == -ENOMEM)
                        return q;
                if (q < 0 && r >= 0)
                        r = q;
        }
        return r < 0 ? r : (int) c->n;
}

int unit_file_set_default(const LookupPaths *lp, UnitFileFlags flags, const char *name, InstallChanges *c) {
        _cleanup_(install_info_done) InstallInfo i = {};
        _cleanup_free_ char *link = NULL;
        int r;

        if (!lp->persistent_config)
                return set_error(c, -ENXIO, NULL, "%s", "No configuration directory.");
        if (!unit_name_is_valid(name, UNIT_NAME_ANY) || !endswith(name, ".target"))
                return -EINVAL;     /* systemd answers plain EINVAL: "Invalid argument" */
        r = install_info_discover(lp, name, &i);
        if (r < 0)
                return discover_error(c, r, name);
        r = install_info_may_process(lp, &i, c);
        if (r < 0)
                return r;
        link = path_join(lp->persistent_config, "default.target");
        if (!link)
                return -ENOMEM;
        r = make_link(c, flags, flags & UNIT_FILE_FORCE, i.path, link);
        return r < 0 ? r : (int) c->n;
}

int unit_file_get_default(const LookupPaths *lp, char **ret) {
        _cleanup_(install_info_done) InstallInfo i = {};
        int r;

        r = install_info_discover(lp, "default.target", &i);
        if (r < 0)
                return r;
        if (i.masked)
                return -ERFKILL;
        *ret = TAKE_PTR(i.name);
        return 0;
}
