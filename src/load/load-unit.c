/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* load-unit.c: from a unit name to its UnitDef: the fragment found along the search path (with
 * aliases through symlinks, template fallback and masks), drop-ins, .wants/.requires/.upholds
 * directories, then the implicit and default dependencies systemd adds while loading
 * (systemd.unit(5) "IMPLICIT DEPENDENCIES", "DEFAULT DEPENDENCIES", systemd.special(7)).
 * Nothing is cached: each call reads the disk again, so the result is always what a
 * daemon-reload would see. */

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "load-fragment.h"
#include "hashmap.h"
#include "load-util.h"
#include "load.h"
#include "log.h"
#include "parse-util.h"
#include "path-util.h"
#include "strv.h"

#define UNIT_FILE_MAX (64U * 1024U * 1024U)
#define ALIAS_DEPTH_MAX 32

static bool dir_may_have(const LookupPaths *lp, char * const *dir, const char *name);

static usec_t mtime_usec(const struct stat *st) {
        return (usec_t) st->st_mtim.tv_sec * USEC_PER_SEC + (usec_t) st->st_mtim.tv_nsec / 1000;
}

static const char *last_component(const char *p) {
        const char *s = strrchr(p, '/');
        return s ? s + 1 : p;
}

static char *strjoin3(const char *a, const char *b, const char *c) {
        char *s;
        if (asprintf(&s, "%s%s%s", a, b, c) < 0)
                return NULL;
        return s;
}

/* Reads a regular file without blocking on FIFOs or devices: -EISDIR, -EBADF (not a regular
 * file), -EFBIG, or errno of open(). */
int load_read_unit_file(const char *path, char **ret, size_t *ret_size, usec_t *ret_mtime) {
        _cleanup_(closep) int fd = -1;
        _cleanup_free_ char *buf = NULL;
        struct stat st;
        size_t n = 0;

        fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
        if (fd < 0)
                return -errno;
        if (fstat(fd, &st) < 0)
                return -errno;
        if (S_ISDIR(st.st_mode))
                return -EISDIR;
        if (S_ISCHR(st.st_mode) && st.st_rdev == makedev(1, 3)) {
                /* /dev/null: a masked drop-in reads as empty */
                buf = strdup("");
                if (!buf)
                        return -ENOMEM;
                if (ret_mtime)
                        *ret_mtime = mtime_usec(&st);
                *ret_size = 0;
                *ret = TAKE_PTR(buf);
                return 0;
        }
        if (!S_ISREG(st.st_mode))
                return -EBADF;
        if ((uint64_t) st.st_size > UNIT_FILE_MAX)
                return -EFBIG;
        buf = malloc((size_t) st.st_size + 1);
        if (!buf)
                return -ENOMEM;
        while (n < (size_t) st.st_size) {
                ssize_t k = read(fd, buf + n, (size_t) st.st_size - n);
                if (k < 0) {
                        if (errno == EINTR)
                                continue;
                        return -errno;
                }
                if (k == 0)
                        break;
                n += (size_t) k;
        }
        buf[n] = 0;
        if (ret_mtime)
                *ret_mtime = mtime_usec(&st);
        *ret_size = n;
        *ret = TAKE_PTR(buf);
        return 0;
}

typedef struct Resolved {
        char *path;             /* fragment, or the masking symlink/empty file */
        char *id;               /* the name the fragment has */
        char **names;           /* names seen on the way */
        bool masked;
} Resolved;

static void resolved_done(Resolved *r) {
        r->path = mfree(r->path);
        r->id = mfree(r->id);
        r->names = strv_free(r->names);
}

/* One name, no template fallback. 1 found, 0 not found. */
static int resolve_name(const LookupPaths *lp, const char *name, Resolved *res, unsigned depth) {
        int r;

        if (depth > ALIAS_DEPTH_MAX)
                return 0;
        if (!strv_contains(res->names, name)) {
                r = strv_extend(&res->names, name);
                if (r < 0)
                        return r;
        }

        STRV_FOREACH(dir, lp->search_path) {
                _cleanup_free_ char *p = NULL;
                struct stat st;

                if (!dir_may_have(lp, dir, name))
                        continue;
                p = path_join(*dir, name);
                if (!p)
                        return -ENOMEM;
                if (lstat(p, &st) < 0)
                        continue;

                if (S_ISLNK(st.st_mode)) {
                        char target[4096];
                        ssize_t k = readlink(p, target, sizeof target - 1);
                        const char *tb;
                        struct stat fst;

                        if (k < 0)
                                continue;
                        target[k] = 0;
                        if (streq(target, "/dev/null")) {
                                res->masked = true;
                                free_and_replace_ptr(&res->path, TAKE_PTR(p));
                                return free_and_strdup(&res->id, name) < 0 ? -ENOMEM : 1;
                        }
                        tb = last_component(target);
                        if (!streq(tb, name) && unit_name_is_valid(tb, UNIT_NAME_ANY) &&
                            unit_name_to_type(tb) == unit_name_to_type(name)) {
                                _cleanup_free_ char *tmpl = NULL;

                                /* foo@bar.service → foo@.service: the instance is linked to its
                                 * template, it keeps its name */
                                if (unit_name_is_valid(name, UNIT_NAME_INSTANCE) &&
                                    unit_name_is_valid(tb, UNIT_NAME_TEMPLATE) &&
                                    unit_name_template(name, &tmpl) >= 0 && streq(tmpl, tb)) {
                                        if (stat(p, &fst) < 0 || !S_ISREG(fst.st_mode))
                                                continue;
                                        free_and_replace_ptr(&res->path, TAKE_PTR(p));
                                        return free_and_strdup(&res->id, name) < 0 ? -ENOMEM : 1;
                                }
                                /* an alias to an instance of a template is not followed, as systemd 252 */
                                if (unit_name_is_valid(tb, UNIT_NAME_INSTANCE) &&
                                    !unit_name_is_valid(name, UNIT_NAME_INSTANCE))
                                        return 0;
                                if (unit_name_is_valid(tb, UNIT_NAME_TEMPLATE) !=
                                    unit_name_is_valid(name, UNIT_NAME_TEMPLATE))
                                        continue;
                                r = resolve_name(lp, tb, res, depth + 1);
                                if (r != 0)
                                        return r;
                                /* the target is not on the search path: use the file itself */
                                if (stat(p, &fst) < 0 || !S_ISREG(fst.st_mode))
                                        continue;
                                free_and_replace_ptr(&res->path, TAKE_PTR(p));
                                if (fst.st_size == 0)
                                        res->masked = true;
                                return free_and_strdup(&res->id, tb) < 0 ? -ENOMEM : 1;
                        }
                        /* linked unit file: a symlink of the same name to a file elsewhere */
                        if (stat(p, &fst) < 0)
                                continue;
                        if (S_ISCHR(fst.st_mode) && fst.st_rdev == makedev(1, 3)) {
                                res->masked = true;
                                free_and_replace_ptr(&res->path, TAKE_PTR(p));
                                return free_and_strdup(&res->id, name) < 0 ? -ENOMEM : 1;
                        }
                        if (!S_ISREG(fst.st_mode))
                                continue;
                        {
                                char *rp = realpath(p, NULL);
                                if (!rp)
                                        continue;
                                free_and_replace_ptr(&res->path, rp);
                        }
                        if (fst.st_size == 0)
                                res->masked = true;
                        return free_and_strdup(&res->id, name) < 0 ? -ENOMEM : 1;
                }
                if (S_ISREG(st.st_mode)) {
                        free_and_replace_ptr(&res->path, TAKE_PTR(p));
                        if (st.st_size == 0)
                                res->masked = true;
                        return free_and_strdup(&res->id, name) < 0 ? -ENOMEM : 1;
                }
                if (S_ISCHR(st.st_mode) && st.st_rdev == makedev(1, 3)) {
                        res->masked = true;
                        free_and_replace_ptr(&res->path, TAKE_PTR(p));
                        return free_and_strdup(&res->id, name) < 0 ? -ENOMEM : 1;
                }
                /* directories, FIFOs …: not a unit file (systemd: not found) */
        }
        return 0;
}

struct AliasCache {
        char **links;           /* pairs: symlink name, target basename; all unit types */
        struct timespec *mtimes; /* per search path directory, when read; {0,0}: missing */
        Hashmap **entries;      /* per search path directory: its entries' names (owned, key = value) */
        size_t n_dirs;
        bool valid;
        bool pinned;            /* a batch of loads is under way: the directories are as read */
};

static Hashmap *entry_set_free(Hashmap *h) {
        char *name;

        while ((name = hashmap_steal_first(h)))
                free(name);
        return hashmap_free(h);
}

static int entry_set_add(Hashmap *h, const char *name) {
        char *n = strdup(name);
        int r;

        if (!n)
                return -ENOMEM;
        r = hashmap_put(h, n, n);
        if (r <= 0)
                free(n);
        return r < 0 && r != -EEXIST ? r : 0;
}

static void alias_cache_clear(struct AliasCache *c) {
        for (size_t i = 0; c->entries && i < c->n_dirs; i++)
                entry_set_free(c->entries[i]);
        c->entries = mfree(c->entries);
        c->links = strv_free(c->links);
        c->mtimes = mfree(c->mtimes);
        c->n_dirs = 0;
        c->valid = false;
}

struct AliasCache *alias_cache_new(void) {
        return new0(struct AliasCache, 1);
}

struct AliasCache *alias_cache_free(struct AliasCache *c) {
        if (!c)
                return NULL;
        alias_cache_clear(c);
        free(c);
        return NULL;
}

static bool alias_cache_fresh(const struct AliasCache *c, const LookupPaths *lp) {
        size_t i = 0;

        if (!c->valid || c->n_dirs != strv_length(lp->search_path))
                return false;
        STRV_FOREACH(dir, lp->search_path) {
                struct stat st;
                struct timespec t = {};

                if (stat(*dir, &st) >= 0)
                        t = st.st_mtim;
                if (t.tv_sec != c->mtimes[i].tv_sec || t.tv_nsec != c->mtimes[i].tv_nsec)
                        return false;
                i++;
        }
        return true;
}

static int alias_cache_fill(struct AliasCache *c, const LookupPaths *lp) {
        size_t n = strv_length(lp->search_path), i = 0;
        int r;

        alias_cache_clear(c);
        c->mtimes = new0(struct timespec, n ?: 1);
        c->entries = new0(Hashmap *, n ?: 1);
        if (!c->mtimes || !c->entries)
                return -ENOMEM;
        c->n_dirs = n;

        STRV_FOREACH(dir, lp->search_path) {
                struct stat st;
                _cleanup_(closedirp) DIR *dp = NULL;
                struct dirent *de;

                /* the mtime first: a change while we read makes the next look read again */
                if (stat(*dir, &st) >= 0)
                        c->mtimes[i] = st.st_mtim;
                i++;
                dp = opendir(*dir);
                if (!dp)
                        continue;
                c->entries[i - 1] = hashmap_new(&string_hash_ops);
                if (!c->entries[i - 1])
                        return -ENOMEM;
                while ((de = readdir(dp))) {
                        char target[4096], p[PATH_MAX];
                        ssize_t k;

                        if (de->d_name[0] != '.' && (r = entry_set_add(c->entries[i - 1], de->d_name)) < 0)
                                return r;
                        if (de->d_type != DT_LNK && de->d_type != DT_UNKNOWN)
                                continue;
                        if (!unit_name_is_valid(de->d_name, UNIT_NAME_ANY))
                                continue;
                        if (snprintf(p, sizeof p, "%s/%s", *dir, de->d_name) >= (int) sizeof p)
                                continue;
                        k = readlink(p, target, sizeof target - 1);
                        if (k < 0)
                                continue;
                        target[k] = 0;
                        if (streq(last_component(target), de->d_name))
                                continue;
                        if ((r = strv_extend(&c->links, de->d_name)) < 0 ||
                            (r = strv_extend(&c->links, last_component(target))) < 0)
                                return r;
                }
        }
        c->valid = true;
        return 0;
}

/* Once per load: read the search path's directories again if one of them changed */
static int load_cache_refresh(const LookupPaths *lp) {
        if (!lp->alias_cache)
                return 0;
        if (lp->alias_cache->pinned && lp->alias_cache->valid)
                return 0;
        if (alias_cache_fresh(lp->alias_cache, lp))
                return 0;
        return alias_cache_fill(lp->alias_cache, lp);
}

int lookup_paths_pin_cache(const LookupPaths *lp, bool pin) {
        int r = 0;

        if (!lp->alias_cache)
                return 0;
        lp->alias_cache->pinned = false;
        if (pin)
                r = load_cache_refresh(lp);
        lp->alias_cache->pinned = pin && r >= 0;
        return r;
}

void lookup_paths_note_file(const LookupPaths *lp, const char *dir, const char *name, bool added,
                            const struct timespec *dir_mtime_before) {
        struct AliasCache *c = lp->alias_cache;
        struct stat st;
        size_t idx = 0;

        if (!c || !c->valid)
                return;
        STRV_FOREACH(d, lp->search_path) {
                if (path_equal(*d, dir))
                        break;
                idx++;
        }
        if (idx >= c->n_dirs)
                return;
        /* the cache must have been up to date with the directory just before the change */
        if (c->mtimes[idx].tv_sec != dir_mtime_before->tv_sec ||
            c->mtimes[idx].tv_nsec != dir_mtime_before->tv_nsec || stat(dir, &st) < 0)
                goto stale;
        if (added) {
                if (!c->entries[idx] && !(c->entries[idx] = hashmap_new(&string_hash_ops)))
                        goto stale;
                if (entry_set_add(c->entries[idx], name) < 0)
                        goto stale;
        } else if (c->entries[idx])
                free(hashmap_remove(c->entries[idx], name));
        c->mtimes[idx] = st.st_mtim;
        return;
stale:
        c->mtimes[idx] = (struct timespec) { -1, -1 };     /* read it again on the next look */
}

/* false only when the (fresh) cache knows that directory dir of the search path has no such
 * entry: saves a failing stat()/opendir() per directory per name */
static bool dir_may_have(const LookupPaths *lp, char * const *dir, const char *name) {
        const struct AliasCache *c = lp->alias_cache;
        size_t idx = (size_t) (dir - lp->search_path);

        if (!c || !c->valid || idx >= c->n_dirs)
                return true;
        if (!c->entries[idx])
                return false;           /* the directory did not exist */
        return hashmap_contains(c->entries[idx], name);
}

/* Every symlink in the search path that leads (through other symlinks) to id is a name of the
 * unit; for an instance, template aliases give instance names. */
static int collect_alias_names(const LookupPaths *lp, const char *id, char ***names) {
        _cleanup_strv_free_ char **own = NULL;
        _cleanup_free_ char *tmpl = NULL, *inst = NULL;
        char **links;
        UnitType type = unit_name_to_type(id);
        bool changed;
        int r;

        if (unit_name_is_valid(id, UNIT_NAME_INSTANCE)) {
                r = unit_name_template(id, &tmpl);
                if (r < 0)
                        return r;
                r = unit_name_to_instance(id, &inst);
                if (r < 0)
                        return r;
        }

        if (lp->alias_cache && lp->alias_cache->valid)
                links = lp->alias_cache->links;         /* refreshed by unit_def_load_full() */
        else if (lp->alias_cache) {
                r = load_cache_refresh(lp);
                if (r < 0)
                        return r;
                links = lp->alias_cache->links;
        } else {
                struct AliasCache tmp = {};
                r = alias_cache_fill(&tmp, lp);
                free(tmp.mtimes);
                own = tmp.links;
                if (r < 0)
                        return r;
                links = own;
        }

        do {
                changed = false;
                for (size_t i = 0; links && links[i] && links[i + 1]; i += 2) {
                        const char *n = links[i], *t = links[i + 1];
                        _cleanup_free_ char *add = NULL;

                        if (unit_name_to_type(n) != type)
                                continue;

                        if (strv_contains(*names, t) && !strv_contains(*names, n) &&
                            unit_name_is_valid(n, UNIT_NAME_TEMPLATE) == unit_name_is_valid(t, UNIT_NAME_TEMPLATE)) {
                                add = strdup(n);
                                if (!add)
                                        return -ENOMEM;
                        } else if (tmpl && streq(t, tmpl) && unit_name_is_valid(n, UNIT_NAME_TEMPLATE)) {
                                r = unit_name_replace_instance(n, inst, &add);
                                if (r < 0)
                                        return r;
                                if (strv_contains(*names, add))
                                        add = mfree(add);
                        }
                        if (add) {
                                if (unit_name_is_valid(add, UNIT_NAME_TEMPLATE))
                                        continue;  /* template aliases only count via instances */
                                r = strv_push(names, TAKE_PTR(add));
                                if (r < 0)
                                        return r;
                                changed = true;
                        }
                }
        } while (changed);
        return 0;
}

/* Names of drop-in directories for one unit name, most specific first: name.d, the template's,
 * then "foo-bar-.service.d", "foo-.service.d", then "service.d" (systemd.unit(5)) */
static int dropin_dir_names(const char *name, char ***ret) {
        _cleanup_strv_free_ char **l = NULL;
        _cleanup_free_ char *tmpl = NULL, *prefix = NULL;
        const char *suffix = strrchr(name, '.');
        int r;

        if (!suffix)
                return -EINVAL;
        if ((r = strv_extendf(&l, "%s.d", name)) < 0)
                return r;
        if (unit_name_is_valid(name, UNIT_NAME_INSTANCE)) {
                r = unit_name_template(name, &tmpl);
                if (r < 0)
                        return r;
                if ((r = strv_extendf(&l, "%s.d", tmpl)) < 0)
                        return r;
        }
        r = unit_name_to_prefix(name, &prefix);
        if (r < 0)
                return r;
        /* prefix drop-ins: cut at each "-", longest first */
        for (char *dash = strrchr(prefix, '-'); dash; ) {
                *dash = 0;
                if (*prefix)
                        if ((r = strv_extendf(&l, "%s-%s.d", prefix, suffix)) < 0)
                                return r;
                /* "foo-bar-baz": also "foo-bar-" when the name itself ends there */
                dash = strrchr(prefix, '-');
        }
        if ((r = strv_extendf(&l, "%s.d", suffix + 1)) < 0)
                return r;
        *ret = TAKE_PTR(l);
        return 0;
}

static int strv_cmp_basename(const void *a, const void *b) {
        const char *x = *(char * const *) a, *y = *(char * const *) b;
        return strcmp(last_component(x), last_component(y));
}

/* The drop-ins of the unit: for every search directory (highest first), every name, every
 * drop-in directory name: "*.conf"; a file name seen first wins; sorted by file name. */
static int find_dropins(const LookupPaths *lp, char * const *names, char ***ret) {
        _cleanup_strv_free_ char **files = NULL, **seen = NULL;
        int r;

        STRV_FOREACH(dir, lp->search_path)
                STRV_FOREACH(n, names) {
                        _cleanup_strv_free_ char **dnames = NULL;

                        r = dropin_dir_names(*n, &dnames);
                        if (r < 0)
                                return r;
                        STRV_FOREACH(dn, dnames) {
                                _cleanup_free_ char *d = NULL;
                                _cleanup_(closedirp) DIR *dp = NULL;
                                struct dirent *de;

                                if (!dir_may_have(lp, dir, *dn))
                                        continue;
                                d = path_join(*dir, *dn);
                                if (!d)
                                        return -ENOMEM;
                                dp = opendir(d);
                                if (!dp)
                                        continue;
                                while ((de = readdir(dp))) {
                                        if (de->d_name[0] == '.' || !endswith(de->d_name, ".conf"))
                                                continue;
                                        if (strv_contains(seen, de->d_name))
                                                continue;
                                        if ((r = strv_extend(&seen, de->d_name)) < 0)
                                                return r;
                                        if ((r = strv_push(&files, path_join(d, de->d_name))) < 0)
                                                return r;
                                }
                        }
                }
        if (files)
                qsort(files, strv_length(files), sizeof(char *), strv_cmp_basename);
        *ret = TAKE_PTR(files);
        return 0;
}

/* .wants/, .requires/, .upholds/ of every name (and the template of an instance) */
static int add_wants_dirs(UnitDef *d, const LookupPaths *lp) {
        static const struct { const char *suffix; UnitDependency dep; } kinds[] = {
                { ".wants", UNIT_WANTS }, { ".requires", UNIT_REQUIRES }, { ".upholds", UNIT_UPHOLDS },
        };
        _cleanup_strv_free_ char **names = strv_copy(d->names);
        int r;

        if (!names)
                return -ENOMEM;
        if (d->instance) {
                _cleanup_free_ char *t = NULL;
                r = unit_name_template(d->id, &t);
                if (r < 0)
                        return r;
                if (!strv_contains(names, t) && (r = strv_push(&names, TAKE_PTR(t))) < 0)
                        return r;
        }

        STRV_FOREACH(dir, lp->search_path)
                STRV_FOREACH(n, names)
                        for (size_t k = 0; k < ELEMENTSOF(kinds); k++) {
                                _cleanup_free_ char *p = NULL, *w = NULL;
                                _cleanup_(closedirp) DIR *dp = NULL;
                                struct dirent *de;
                                char entry[NAME_MAX + 1];

                                if (snprintf(entry, sizeof entry, "%s%s", *n, kinds[k].suffix) < (int) sizeof entry &&
                                    !dir_may_have(lp, dir, entry))
                                        continue;
                                p = strjoin3(*dir, "/", *n);
                                if (!p)
                                        return -ENOMEM;
                                w = strjoin3(p, kinds[k].suffix, "");
                                if (!w)
                                        return -ENOMEM;
                                dp = opendir(w);
                                if (!dp)
                                        continue;
                                while ((de = readdir(dp))) {
                                        _cleanup_free_ char *inst = NULL;
                                        const char *target = de->d_name;

                                        if (!unit_name_is_valid(de->d_name, UNIT_NAME_ANY))
                                                continue;
                                        if (unit_name_is_valid(de->d_name, UNIT_NAME_TEMPLATE)) {
                                                if (!d->instance)
                                                        continue;
                                                r = unit_name_replace_instance(de->d_name, d->instance, &inst);
                                                if (r < 0)
                                                        continue;
                                                target = inst;
                                        }
                                        r = unit_def_add_dependency(d, kinds[k].dep, target);
                                        if (r == -ENOMEM)
                                                return r;
                                }
                        }
        return 0;
}

static int set_load_error(UnitDef *d, UnitLoadState state, const char *name, const char *fmt, ...) _printf_(4, 5);
static int set_load_error(UnitDef *d, UnitLoadState state, const char *name, const char *fmt, ...) {
        va_list ap;
        char *m;
        int k;

        d->load_state = state;
        if (free_and_strdup(&d->load_error_name, name) < 0)
                return -ENOMEM;
        va_start(ap, fmt);
        k = vasprintf(&m, fmt, ap);
        va_end(ap);
        if (k < 0)
                return -ENOMEM;
        free_and_replace_ptr(&d->load_error_message, m);
        return 0;
}

/* D-Bus error names systemd's sd-bus gives an errno */
static const char *errno_to_bus_error(int e) {
        switch (e) {
        case EINVAL:  return "org.freedesktop.DBus.Error.InvalidArgs";
        case ENOENT:  return "org.freedesktop.DBus.Error.FileNotFound";
        case ENOMEM:  return "org.freedesktop.DBus.Error.NoMemory";
        case EACCES:
        case EPERM:   return "org.freedesktop.DBus.Error.AccessDenied";
        case EBADMSG: return "System.Error.EBADMSG";
        case ENOBUFS: return "System.Error.ENOBUFS";
        case EFBIG:   return "System.Error.EFBIG";
        case EISDIR:  return "System.Error.EISDIR";
        case EBADF:   return "System.Error.EBADF";
        case ELOOP:   return "System.Error.ELOOP";
        default:      return "org.freedesktop.DBus.Error.Failed";
        }
}

static int set_error_errno(UnitDef *d, int error) {
        return set_load_error(d, UNIT_ERROR, errno_to_bus_error(abs(error)),
                              "Unit %s failed to load properly, please adjust/correct and reload service manager: %s",
                              d->id, strerror(abs(error)));
}

static int add_two(UnitDef *d, UnitDependency a, UnitDependency b, const char *name) {
        int r = unit_def_add_dependency(d, a, name);
        if (r < 0)
                return r;
        return unit_def_add_dependency(d, b, name);
}

/* "a-b-c.slice" → "a-b.slice"; "a.slice" → "-.slice"; "-.slice" → NULL */
static int slice_parent(const char *slice, char **ret) {
        const char *dash;

        if (streq(slice, "-.slice")) {
                *ret = NULL;
                return 0;
        }
        dash = strrchr(slice, '-');
        if (!dash) {
                *ret = strdup("-.slice");
                return *ret ? 0 : -ENOMEM;
        }
        *ret = strndup(slice, (size_t) (dash - slice));
        if (!*ret)
                return -ENOMEM;
        {
                char *s = strjoin3(*ret, ".slice", "");
                free(*ret);
                *ret = s;
        }
        return *ret ? 0 : -ENOMEM;
}

/* Whether path is a mount point now (/proc/self/mountinfo), i.e. the manager has a mount
 * unit for it */
static bool is_mount_point(const char *path) {
        _cleanup_(fclosep) FILE *f = fopen("/proc/self/mountinfo", "re");
        char line[4096];

        if (!f)
                return streq(path, "/");
        while (fgets(line, sizeof line, f)) {
                char mp[4096], *o = mp;
                const char *p = line;

                /* fifth field, octal escapes (\040) decoded */
                for (int i = 0; i < 4 && p; i++) {
                        p = strchr(p, ' ');
                        if (p)
                                p++;
                }
                if (!p)
                        continue;
                for (; *p && *p != ' ' && o < mp + sizeof mp - 1; p++) {
                        if (p[0] == '\\' && p[1] >= '0' && p[1] <= '3' && p[2] >= '0' && p[2] <= '7' && p[3] >= '0' && p[3] <= '7') {
                                *o++ = (char) ((p[1] - '0') * 64 + (p[2] - '0') * 8 + (p[3] - '0'));
                                p += 3;
                        } else
                                *o++ = *p;
                }
                *o = 0;
                if (streq(mp, path))
                        return true;
        }
        return false;
}

/* RequiresMountsFor=: After= on the mount units of every prefix (the path included) that
 * exist: mounted now or with a unit file; Requires= too where there is a unit file
 * (systemd.unit(5)) */
static int add_mounts_for(UnitDef *d, const LookupPaths *lp, const char *path) {
        _cleanup_free_ char *p = strdup(path);
        int r;

        if (!p)
                return -ENOMEM;
        path_simplify(p);
        for (;;) {
                _cleanup_free_ char *m = NULL;
                char *slash;

                r = unit_name_path_escape(p, &m);
                if (r < 0)
                        return 0;
                {
                        char *mn = strjoin3(m, ".mount", "");
                        if (!mn)
                                return -ENOMEM;
                        free(m);
                        m = mn;
                }
                if (!strv_contains(d->names, m)) {
                        Resolved res = {};
                        int found;

                        found = resolve_name(lp, m, &res, 0);
                        resolved_done(&res);
                        if (found < 0)
                                return found;
                        if (found > 0 || is_mount_point(p)) {
                                r = unit_def_add_dependency(d, UNIT_AFTER, m);
                                if (r == -ENOMEM)
                                        return r;
                        }
                        if (found > 0 && (r = unit_def_add_dependency(d, UNIT_REQUIRES, m)) == -ENOMEM)
                                return r;
                }
                if (streq(p, "/"))
                        break;
                slash = strrchr(p, '/');
                if (!slash)
                        break;
                if (slash == p)
                        p[1] = 0;
                else
                        *slash = 0;
        }
        return 0;
}

static const char *raw_get(const UnitDef *d, const char *section, const char *key) {
        const char *v = NULL;
        for (size_t i = 0; i < d->n_raw; i++)
                if (streq(d->raw[i].section, section) && streq(d->raw[i].key, key))
                        v = d->raw[i].value;
        return v;
}

static int add_implicit_dependencies(UnitDef *d, const LookupPaths *lp) {
        bool user = lp->scope == RUNTIME_SCOPE_USER;
        bool dd = d->unit.default_dependencies;
        int r;

        /* the slice a unit lands in, systemd.special(7) */
        if (d->type == UNIT_SERVICE || d->type == UNIT_SOCKET || d->type == UNIT_MOUNT ||
            d->type == UNIT_SWAP || d->type == UNIT_SCOPE) {
                if (!d->slice && d->instance && d->type == UNIT_SERVICE) {
                        /* instances of a template share a slice, systemd.special(7) */
                        _cleanup_free_ char *prefix = NULL, *esc = NULL;
                        if ((r = unit_name_to_prefix(d->id, &prefix)) < 0)
                                return r;
                        esc = unit_name_escape(prefix);
                        if (!esc)
                                return -ENOMEM;
                        if (asprintf(&d->slice, "%s-%s.slice", user ? "app" : "system", esc) < 0) {
                                d->slice = NULL;
                                return -ENOMEM;
                        }
                }
                if (!d->slice) {
                        d->slice = strdup(user ? "app.slice" : "system.slice");
                        if (!d->slice)
                                return -ENOMEM;
                }
        } else if (d->type == UNIT_SLICE) {
                free(d->slice);
                r = slice_parent(d->id, &d->slice);
                if (r < 0)
                        return r;
        }
        if (d->slice && d->load_state == UNIT_LOADED)
                if ((r = add_two(d, UNIT_REQUIRES, UNIT_AFTER, d->slice)) < 0)
                        return r;

        STRV_FOREACH(m, d->unit.requires_mounts_for)
                if ((r = add_mounts_for(d, lp, *m)) < 0)
                        return r;

        switch (d->type) {
        case UNIT_SERVICE:
                if (d->service.type == SERVICE_DBUS && d->service.bus_name)
                        if ((r = add_two(d, UNIT_REQUIRES, UNIT_AFTER, "dbus.socket")) < 0)
                                return r;
                STRV_FOREACH(s, d->service.sockets)
                        if (unit_name_is_valid(*s, UNIT_NAME_PLAIN | UNIT_NAME_INSTANCE) &&
                            (r = add_two(d, UNIT_WANTS, UNIT_AFTER, *s)) < 0)
                                return r;
                if (d->exec.working_directory && !d->exec.working_directory_missing_ok)
                        if ((r = add_mounts_for(d, lp, d->exec.working_directory)) < 0)
                                return r;
                if (d->exec.root_directory)
                        if ((r = add_mounts_for(d, lp, d->exec.root_directory)) < 0)
                                return r;
                if (!user && (d->exec.std_output == EXEC_OUTPUT_JOURNAL || d->exec.std_output == EXEC_OUTPUT_JOURNAL_AND_CONSOLE ||
                              d->exec.std_output == EXEC_OUTPUT_KMSG || d->exec.std_output == EXEC_OUTPUT_KMSG_AND_CONSOLE ||
                              d->exec.std_error == EXEC_OUTPUT_JOURNAL || d->exec.std_error == EXEC_OUTPUT_JOURNAL_AND_CONSOLE))
                        if ((r = unit_def_add_dependency(d, UNIT_AFTER, "systemd-journald.socket")) < 0)
                                return r;
                if (!dd)
                        break;
                if (user) {
                        if ((r = unit_def_add_dependency(d, UNIT_REQUIRES, "basic.target")) < 0)
                                return r;
                } else if ((r = add_two(d, UNIT_REQUIRES, UNIT_AFTER, "sysinit.target")) < 0)
                        return r;
                if ((r = unit_def_add_dependency(d, UNIT_AFTER, "basic.target")) < 0 ||
                    (r = add_two(d, UNIT_CONFLICTS, UNIT_BEFORE, "shutdown.target")) < 0)
                        return r;
                break;

        case UNIT_SOCKET: {
                static const char *const listen[] = { "ListenStream", "ListenDatagram", "ListenSequentialPacket", "ListenFIFO" };
                const char *svc = raw_get(d, "Socket", "Service");
                bool accept = false;
                const char *a = raw_get(d, "Socket", "Accept");

                if (a)
                        accept = parse_boolean(a) > 0;
                for (size_t i = 0; i < d->n_raw; i++)
                        for (size_t k = 0; k < ELEMENTSOF(listen); k++) {
                                _cleanup_free_ char *v = NULL;

                                if (!streq(d->raw[i].section, "Socket") || !streq(d->raw[i].key, listen[k]))
                                        continue;
                                r = unit_def_specifier_expand(d, lp, d->raw[i].value, &v);
                                if (r == -ENOMEM)
                                        return r;
                                if (r < 0 || !path_is_absolute(v))
                                        continue;
                                if ((r = add_mounts_for(d, lp, v)) < 0)
                                        return r;
                        }
                if (!accept) {
                        _cleanup_free_ char *s = NULL;
                        if (svc && unit_name_is_valid(svc, UNIT_NAME_PLAIN | UNIT_NAME_INSTANCE))
                                s = strdup(svc);
                        else
                                r = unit_name_change_suffix(d->id, ".service", &s);
                        if (!s)
                                return -ENOMEM;
                        if ((r = add_two(d, UNIT_BEFORE, UNIT_TRIGGERS, s)) < 0)
                                return r;
                }
                if (!dd)
                        break;
                if ((r = unit_def_add_dependency(d, UNIT_BEFORE, "sockets.target")) < 0)
                        return r;
                if (!user && (r = add_two(d, UNIT_REQUIRES, UNIT_AFTER, "sysinit.target")) < 0)
                        return r;
                if ((r = add_two(d, UNIT_CONFLICTS, UNIT_BEFORE, "shutdown.target")) < 0)
                        return r;
                break;
        }

        case UNIT_TIMER: {
                const char *u = raw_get(d, "Timer", "Unit");
                _cleanup_free_ char *s = NULL;

                if (u && unit_name_is_valid(u, UNIT_NAME_PLAIN | UNIT_NAME_INSTANCE))
                        s = strdup(u);
                else
                        (void) unit_name_change_suffix(d->id, ".service", &s);
                if (!s)
                        return -ENOMEM;
                if ((r = add_two(d, UNIT_BEFORE, UNIT_TRIGGERS, s)) < 0)
                        return r;
                if (!dd)
                        break;
                if ((r = unit_def_add_dependency(d, UNIT_BEFORE, "timers.target")) < 0)
                        return r;
                if (!user) {
                        if ((r = add_two(d, UNIT_REQUIRES, UNIT_AFTER, "sysinit.target")) < 0 ||
                            (r = unit_def_add_dependency(d, UNIT_AFTER, "time-set.target")) < 0 ||
                            (r = unit_def_add_dependency(d, UNIT_AFTER, "time-sync.target")) < 0)
                                return r;
                }
                if ((r = add_two(d, UNIT_CONFLICTS, UNIT_BEFORE, "shutdown.target")) < 0)
                        return r;
                break;
        }

        case UNIT_PATH: {
                const char *u = raw_get(d, "Path", "Unit");
                _cleanup_free_ char *s = NULL;

                if (u && unit_name_is_valid(u, UNIT_NAME_PLAIN | UNIT_NAME_INSTANCE))
                        s = strdup(u);
                else
                        (void) unit_name_change_suffix(d->id, ".service", &s);
                if (!s)
                        return -ENOMEM;
                if ((r = add_two(d, UNIT_BEFORE, UNIT_TRIGGERS, s)) < 0)
                        return r;
                if (!dd)
                        break;
                if ((r = unit_def_add_dependency(d, UNIT_BEFORE, "paths.target")) < 0)
                        return r;
                if (!user && (r = add_two(d, UNIT_REQUIRES, UNIT_AFTER, "sysinit.target")) < 0)
                        return r;
                if ((r = add_two(d, UNIT_CONFLICTS, UNIT_BEFORE, "shutdown.target")) < 0)
                        return r;
                break;
        }

        case UNIT_SLICE:
        case UNIT_SCOPE:
        case UNIT_SWAP:
        case UNIT_MOUNT:
        case UNIT_AUTOMOUNT:
                if (!dd)
                        break;
                if ((r = add_two(d, UNIT_CONFLICTS, UNIT_BEFORE, "shutdown.target")) < 0)
                        return r;
                break;

        case UNIT_TARGET:
                if (!dd)
                        break;
                if ((r = add_two(d, UNIT_CONFLICTS, UNIT_BEFORE, "shutdown.target")) < 0)
                        return r;
                break;

        case UNIT_DEVICE:
        default:
                break;
        }
        return 0;
}

bool unit_def_target_after(const UnitDef *target, const UnitDef *other, const char *listed) {
        if (target->type != UNIT_TARGET || !target->unit.default_dependencies || target->load_state != UNIT_LOADED)
                return false;
        if (!other || other->load_state != UNIT_LOADED || !other->unit.default_dependencies)
                return false;
        STRV_FOREACH(b, other->deps[UNIT_BEFORE])
                if (strv_contains(target->names, *b))
                        return false;
        return !strv_contains(target->deps[UNIT_BEFORE], listed);
}

/* the loader's own use of it (stemd --load, and loads outside a manager): each unit the target
 * pulls in is loaded here, once */
static int add_target_after(UnitDef *d, const LookupPaths *lp) {
        static const UnitDependency kinds[] = { UNIT_REQUIRES, UNIT_REQUISITE, UNIT_WANTS, UNIT_BINDS_TO };
        _cleanup_strv_free_ char **add = NULL;
        _cleanup_(hashmap_freep) Hashmap *seen = NULL;
        int r;

        if (d->type != UNIT_TARGET || !d->unit.default_dependencies || d->load_state != UNIT_LOADED)
                return 0;
        seen = hashmap_new(&string_hash_ops);
        if (!seen)
                return -ENOMEM;
        for (size_t k = 0; k < ELEMENTSOF(kinds); k++)
                STRV_FOREACH(n, d->deps[kinds[k]]) {
                        _cleanup_(unit_def_freep) UnitDef *o = NULL;

                        if (hashmap_put(seen, *n, *n) <= 0)
                                continue;       /* listed under two kinds (or out of memory) */
                        r = unit_def_load_full(lp, *n, LOAD_NO_TARGET_DEPS, &o);
                        if (r == -ENOMEM)
                                return r;
                        if (r < 0 || !unit_def_target_after(d, o, *n))
                                continue;
                        if ((r = strv_extend(&add, *n)) < 0)
                                return r;
                }
        STRV_FOREACH(n, add)
                if ((r = unit_def_add_dependency(d, UNIT_AFTER, *n)) < 0)
                        return r;
        return 0;
}

static bool fragment_required(UnitType t) {
        /* slices, scopes, mounts, swaps and devices exist without a unit file */
        return !(t == UNIT_SLICE || t == UNIT_SCOPE || t == UNIT_MOUNT || t == UNIT_SWAP || t == UNIT_DEVICE);
}

static int finish_load(UnitDef *d, const LookupPaths *lp, LoadFlags flags) {
        int r;

        if (d->load_state != UNIT_LOADED)
                return 0;
        if (d->bad_setting) {
                /* a fatal setting stops loading before any dependency is added, as systemd */
                return set_load_error(d, UNIT_BAD_SETTING, "org.freedesktop.systemd1.BadUnitSetting",
                                      "Unit %s has a bad unit file setting.", d->id);
        }
        r = load_fragment_verify(d);
        if (r == -ENOEXEC) {
                r = set_load_error(d, UNIT_BAD_SETTING, "org.freedesktop.systemd1.BadUnitSetting",
                                   "Unit %s has a bad unit file setting.", d->id);
                if (r < 0)
                        return r;
        } else if (r < 0)
                return r;
        r = add_implicit_dependencies(d, lp);
        if (r < 0)
                return r;
        if (!(flags & LOAD_NO_TARGET_DEPS)) {
                r = add_target_after(d, lp);
                if (r < 0)
                        return r;
        }
        return 0;
}

int unit_def_load_full(const LookupPaths *lp, const char *name, LoadFlags flags, UnitDef **ret) {
        _cleanup_(unit_def_freep) UnitDef *d = NULL;
        _cleanup_free_ char *text = NULL;
        Resolved res = {};
        size_t size = 0;
        int r, found;

        assert(lp);
        assert(name);
        assert(ret);

        if (!unit_name_is_valid(name, UNIT_NAME_PLAIN | UNIT_NAME_INSTANCE))
                return -EINVAL;
        r = load_cache_refresh(lp);
        if (r < 0)
                return r;

        r = unit_def_new(name, lp->scope == RUNTIME_SCOPE_USER, &d);
        if (r < 0)
                return r;

        found = resolve_name(lp, name, &res, 0);
        if (found == 0 && d->instance) {
                _cleanup_free_ char *tmpl = NULL;
                Resolved tres = {};

                r = unit_name_template(name, &tmpl);
                if (r < 0)
                        goto fail;
                found = resolve_name(lp, tmpl, &tres, 0);
                if (found > 0) {
                        char *id = NULL;
                        r = unit_name_replace_instance(tres.id, d->instance, &id);
                        if (r < 0) {
                                resolved_done(&tres);
                                goto fail;
                        }
                        free(res.path);
                        free(res.id);
                        res.path = TAKE_PTR(tres.path);
                        res.id = id;
                        res.masked = tres.masked;
                }
                resolved_done(&tres);
        }
        if (found < 0) {
                r = found;
                goto fail;
        }

        if (found > 0 && !streq(res.id, d->id)) {
                r = free_and_strdup(&d->id, res.id);
                if (r < 0)
                        goto fail;
                d->type = unit_name_to_type(d->id);
        }
        /* names: id first, then every alias */
        d->names = strv_free(d->names);
        if ((r = strv_extend(&d->names, d->id)) < 0)
                goto fail;
        if (!strv_contains(d->names, name) && (r = strv_extend(&d->names, name)) < 0)
                goto fail;
        if (found > 0 && (r = collect_alias_names(lp, d->id, &d->names)) < 0)
                goto fail;
        free(d->instance);
        d->instance = NULL;
        if ((r = unit_name_to_instance(d->id, &d->instance)) < 0)
                goto fail;

        /* systemd.scope(5): scopes are made over the bus only. One that is not transient (its
         * file elsewhere, or none) is not found, as systemd's scope_load() refuses it; the
         * manager's own init.scope excepted. */
        /* systemd.slice(5): a-b.slice is b in a; a name that starts or ends with "-" or holds
         * "--" names no slice, and fails to load (EINVAL), as in systemd */
        if (d->type == UNIT_SLICE && !streq(d->id, "-.slice")) {
                size_t l = strlen(d->id) - strlen(".slice");
                if (d->id[0] == '-' || (l > 0 && d->id[l - 1] == '-') || strstr(d->id, "--")) {
                        r = set_error_errno(d, -EINVAL);
                        if (r < 0)
                                goto fail;
                        goto done;
                }
        }

        bool refused = false;
        if (d->type == UNIT_SCOPE && !streq(d->id, "init.scope") && !(found > 0 && res.masked) &&
            !(found > 0 && lp->transient && path_startswith(res.path, lp->transient))) {
                found = 0;
                refused = true;
        }

        if (found > 0) {
                r = free_and_strdup(&d->fragment_path, res.path);
                if (r < 0)
                        goto fail;
                if (!res.masked) {
                        usec_t mt = 0;
                        r = load_read_unit_file(res.path, &text, &size, &mt);
                        if (r == -ENOMEM)
                                goto fail;
                        if (r < 0) {
                                log_warning("%s: Failed to read unit file: %s", res.path, strerror(-r));
                                r = set_error_errno(d, r);
                                if (r < 0)
                                        goto fail;
                                goto done;
                        }
                        d->fragment_mtime = mt;
                        d->load_state = UNIT_LOADED;
                        r = load_fragment_apply(d, lp, res.path, text, size);
                        if (r == -ENOMEM)
                                goto fail;
                        if (r < 0) {
                                r = set_error_errno(d, r);
                                if (r < 0)
                                        goto fail;
                                goto done;
                        }
                } else {
                        struct stat st;
                        if (lstat(res.path, &st) >= 0)
                                d->fragment_mtime = mtime_usec(&st);
                }
        } else if (!fragment_required(d->type) && !refused)
                d->load_state = UNIT_LOADED;

        /* drop-ins: also for masked units (they still show DropInPaths=) */
        if (found > 0 || d->load_state == UNIT_LOADED) {
                _cleanup_strv_free_ char **dropins = NULL;

                r = find_dropins(lp, d->names, &dropins);
                if (r < 0)
                        goto fail;
                STRV_FOREACH(p, dropins) {
                        _cleanup_free_ char *dt = NULL;
                        size_t ds = 0;
                        usec_t mt = 0;

                        r = strv_extend(&d->dropin_paths, *p);
                        if (r < 0)
                                goto fail;
                        if (d->load_state != UNIT_LOADED)
                                continue;
                        r = load_read_unit_file(*p, &dt, &ds, &mt);
                        if (r == -ENOMEM)
                                goto fail;
                        if (r == -ENOENT || r == -ELOOP || r == -EISDIR)
                                continue;       /* dangling symlinks, loops, directories: ignored, as systemd */
                        if (r < 0) {
                                log_warning("%s: Failed to read drop-in, ignoring: %s", *p, strerror(-r));
                                continue;
                        }
                        d->dropin_mtime = MAX(d->dropin_mtime, mt);
                        r = load_fragment_apply(d, lp, *p, dt, ds);
                        if (r == -ENOMEM)
                                goto fail;
                        if (r < 0) {
                                r = set_error_errno(d, r);
                                if (r < 0)
                                        goto fail;
                                goto done;
                        }
                }
        }

        if (res.masked) {
                r = set_load_error(d, UNIT_MASKED, "org.freedesktop.systemd1.UnitMasked", "Unit %s is masked.", d->id);
                if (r < 0)
                        goto fail;
                goto done;
        }
        if (found == 0 && d->load_state != UNIT_LOADED) {
                r = set_load_error(d, UNIT_NOT_FOUND, "org.freedesktop.systemd1.NoSuchUnit", "Unit %s not found.", d->id);
                if (r < 0)
                        goto fail;
                goto done;
        }

        r = add_wants_dirs(d, lp);
        if (r < 0)
                goto fail;
        r = finish_load(d, lp, flags);
        if (r < 0)
                goto fail;

done:
        resolved_done(&res);
        *ret = TAKE_PTR(d);
        return 0;

fail:
        resolved_done(&res);
        return r;
}

int unit_def_load(const LookupPaths *lp, const char *name, UnitDef **ret) {
        return unit_def_load_full(lp, name, 0, ret);
}

int unit_def_load_from_string(const LookupPaths *lp, const char *name, const char *path,
                              const char *text, size_t size, UnitDef **ret) {
        _cleanup_(unit_def_freep) UnitDef *d = NULL;
        LookupPaths empty = { .scope = RUNTIME_SCOPE_SYSTEM };
        int r;

        assert(name);
        assert(text || size == 0);
        assert(ret);

        if (!lp)
                lp = &empty;
        if (!unit_name_is_valid(name, UNIT_NAME_ANY))
                return -EINVAL;
        r = unit_def_new(name, lp->scope == RUNTIME_SCOPE_USER, &d);
        if (r < 0)
                return r;
        if (path && (r = free_and_strdup(&d->fragment_path, path)) < 0)
                return r;
        d->load_state = UNIT_LOADED;
        r = load_fragment_apply(d, lp, path, text, size);
        if (r == -ENOMEM)
                return r;
        if (r < 0)
                r = set_error_errno(d, r);
        else
                r = finish_load(d, lp, LOAD_NO_TARGET_DEPS);
        if (r < 0)
                return r;
        *ret = TAKE_PTR(d);
        return 0;
}

int unit_defs_add_reverse_dependencies(UnitDef **defs, size_t n) {
        int r;

        for (size_t i = 0; i < n; i++)
                for (UnitDependency k = 0; k < _UNIT_DEPENDENCY_MAX; k++)
                        STRV_FOREACH(name, defs[i]->deps[k])
                                for (size_t j = 0; j < n; j++) {
                                        UnitDependency inv = unit_dependency_inverse(k);

                                        if (j == i || !strv_contains(defs[j]->names, *name) || inv < 0)
                                                continue;
                                        r = unit_def_add_dependency(defs[j], inv, defs[i]->id);
                                        if (r == -ENOMEM)
                                                return r;
                                }
        return 0;
}
