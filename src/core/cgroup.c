/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cgroup.c: unit cgroups on the unified hierarchy. The manager's root is its own cgroup with
 * the "/init.scope" suffix removed (the manager itself moves to <root>/init.scope, as
 * systemd does); unit U in slice S lives at <root>/<S's path>/<U>. When the manager sits in
 * the hierarchy's top cgroup, or the hierarchy is missing or read-only, cgroups are not used
 * and processes are found through the session ids of the processes spawned for each unit. */

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <linux/magic.h>

#include "cgroup.h"
#include "cgroup-limits.h"
#include "log.h"
#include "manager.h"
#include "path-util.h"
#include "process.h"
#include "strv.h"

static char *cgroup_base = NULL;         /* mount point of the unified hierarchy */
static char cgroup_controllers[512];     /* what the root's cgroup.controllers offers */

/* Per-unit session leaders when there are no cgroups: kept in a side table */
typedef struct UnitSessions {
        pid_t sids[64];
        size_t n;
} UnitSessions;
static Hashmap *unit_sessions = NULL;    /* Unit* → UnitSessions* */

static bool is_cgroup2(const char *p) {
        struct statfs fs;
        return statfs(p, &fs) >= 0 && fs.f_type == CGROUP2_SUPER_MAGIC;
}

int manager_setup_cgroup(Manager *m) {
        _cleanup_free_ char *own = NULL, *probe = NULL;
        char *root;
        bool move = false;
        int r;

        if (is_cgroup2("/sys/fs/cgroup"))
                cgroup_base = strdup("/sys/fs/cgroup");
        else if (is_cgroup2("/sys/fs/cgroup/unified"))
                cgroup_base = strdup("/sys/fs/cgroup/unified");
        if (!cgroup_base) {
                log_debug("No cgroup v2 hierarchy, tracking processes by session.");
                return 0;
        }

        r = pid_get_cgroup(getpid(), &own);
        if (r < 0)
                return 0;
        if (isempty(own) || streq(own, "/")) {
                /* never take over the whole hierarchy of the host */
                log_debug("Manager runs in the top cgroup, tracking processes by session.");
                return 0;
        }

        root = strdup(own);
        if (!root)
                return -ENOMEM;
        /* Started in .../init.scope of a subtree of its own (as systemd is, and as the
         * conformance runner starts us): the subtree is ours, units go beside init.scope.
         * Anywhere else, units go below our own cgroup: no controllers are enabled there, so
         * our process may stay where it is. */
        char *e = (char *) endswith(root, "/init.scope");
        if (e && e != root) {
                *e = 0;
                move = true;
        }

        /* may we create cgroups here at all? */
        probe = path_join(cgroup_base, root);
        if (!probe || access(probe, W_OK) < 0) {
                log_debug("Cannot write to cgroup %s, tracking processes by session.", root);
                free(root);
                return 0;
        }

        if (move) {
                _cleanup_free_ char *procs = path_join(cgroup_base, own, "cgroup.procs");
                if (!procs) {
                        free(root);
                        return -ENOMEM;
                }
                /* we are in init.scope already; make sure of it (a no-op write) */
                (void) write_string_file(procs, "0", false);
        }

        m->cgroup_root = root;
        m->cgroup_ok = true;
        (void) cgroup_read_controllers(cgroup_base, root, cgroup_controllers, sizeof cgroup_controllers);
        cgroup_controllers[strcspn(cgroup_controllers, "\n")] = 0;
        log_debug("Using cgroup %s%s (controllers: %s)", cgroup_base, root, cgroup_controllers);
        return 0;
}

static void rmdir_below(const char *dir, const char *keep) {
        DIR *d = opendir(dir);
        struct dirent *de;

        if (!d)
                return;
        while ((de = readdir(d))) {
                if (de->d_type != DT_DIR || de->d_name[0] == '.')
                        continue;
                _cleanup_free_ char *sub = path_join(dir, de->d_name);
                if (!sub || (keep && streq(sub, keep)))
                        continue;
                rmdir_below(sub, keep);
                (void) rmdir(sub);      /* fails, harmlessly, while processes remain */
        }
        closedir(d);
}

void manager_cleanup_cgroups(Manager *m) {
        _cleanup_free_ char *root = NULL, *self = NULL, *own = NULL;

        if (!m->cgroup_ok)
                return;
        root = cgroup_fs_path(m->cgroup_root);
        if (pid_get_cgroup(getpid(), &own) >= 0)
                self = cgroup_fs_path(own);
        if (root)
                rmdir_below(root, self);
}

char *cgroup_fs_path(const char *cgroup_path) {
        if (!cgroup_base || !cgroup_path)
                return NULL;
        return path_join(cgroup_base, cgroup_path);
}

/* "a-b.slice" → "a.slice/a-b.slice" (systemd.slice(5)) */
static char *slice_path(const char *slice) {
        _cleanup_free_ char *out = NULL;
        const char *suffix = endswith(slice, ".slice");
        size_t n;

        if (!suffix || streq(slice, "-.slice"))
                return strdup("");
        n = (size_t) (suffix - slice);
        for (size_t i = 0; i <= n; i++) {
                if (i < n && slice[i] != '-')
                        continue;
                char *part = strndup(slice, i);
                if (!part)
                        return NULL;
                char *joined;
                if (asprintf(&joined, "%s%s%s.slice", out ? out : "", out ? "/" : "", part) < 0) {
                        free(part);
                        return NULL;
                }
                free(part);
                free(out);
                out = joined;
        }
        return TAKE_PTR(out);
}

uint64_t manager_default_tasks_max(void) {
        /* DefaultTasksMax=15% of min(kernel.pid_max, kernel.threads-max), systemd-system.conf(5);
         * read once, as systemd does when it starts */
        static const char *const files[] = { "/proc/sys/kernel/pid_max", "/proc/sys/kernel/threads-max" };
        static uint64_t cached;
        uint64_t v = UINT64_MAX;

        if (cached)
                return cached;
        for (size_t i = 0; i < ELEMENTSOF(files); i++) {
                _cleanup_(fclosep) FILE *f = fopen(files[i], "re");
                uint64_t x;

                if (f && fscanf(f, "%" SCNu64, &x) == 1 && x < v)
                        v = x;
        }
        return cached = v == UINT64_MAX ? UINT64_MAX : v * 15 / 100;
}

/* settings of u's that no cgroup takes here: said once per definition */
static void cgroup_warn_unenforced(Unit *u) {
        CGroupLimit l[CGROUP_LIMITS_MAX];
        size_t n;

        if (!u->def || u->cgroup_warned_def == u->def)
                return;
        u->cgroup_warned_def = u->def;
        n = cgroup_context_limits(&u->def->cgroup, UINT64_MAX, l);
        for (size_t i = 0; i < n; i++)
                if (l[i].explicit)
                        log_warning("%s: %s= is set, but this manager has no cgroup v2 hierarchy it may "
                                    "write to: not enforced.", u->id, l[i].setting);
}

const char *cgroup_unit_realize(Unit *u) {
        Manager *m = u->manager;
        _cleanup_free_ char *sp = NULL, *fs = NULL;
        char *p;

        if (!m->cgroup_ok) {
                cgroup_warn_unenforced(u);
                return NULL;
        }
        if (u->cgroup_path && u->cgroup_realized)
                return u->cgroup_path;

        if (u->type == UNIT_SLICE) {
                sp = slice_path(u->id);
                if (!sp)
                        return NULL;
                if (asprintf(&p, "%s%s%s", m->cgroup_root, isempty(sp) ? "" : "/", sp) < 0)
                        return NULL;
        } else {
                const char *slice = u->def && !isempty(u->def->slice) ? u->def->slice : NULL;
                if (slice) {
                        sp = slice_path(slice);
                        if (!sp)
                                return NULL;
                }
                if (asprintf(&p, "%s%s%s/%s", m->cgroup_root, isempty(sp) ? "" : "/", strempty(sp), u->id) < 0)
                        return NULL;
        }

        fs = cgroup_fs_path(p);
        /* the slice's cgroup is there as a rule: one mkdir, the whole path only when not */
        if (!fs || (mkdir(fs, 0755) < 0 && errno != EEXIST && mkdir_p(fs, 0755) < 0)) {
                log_warning("%s: Failed to create cgroup %s: %m", u->id, p);
                free(p);
                return NULL;
        }
        free(u->cgroup_path);
        u->cgroup_path = p;
        u->cgroup_realized = true;
        if (u->def && u->type != UNIT_SLICE)
                (void) cgroup_apply_limits(cgroup_base, m->cgroup_root, cgroup_controllers, p,
                                           &u->def->cgroup, manager_default_tasks_max(), u->id);
        hashmap_ensure_allocated(&m->watch_pids, &trivial_hash_ops);
        return u->cgroup_path;
}

void cgroup_unit_release(Unit *u) {
        UnitSessions *s;

        if (unit_sessions && (s = hashmap_remove(unit_sessions, u)))
                free(s);
        if (u->cgroup_realized && u->cgroup_path && u->type != UNIT_SLICE) {
                _cleanup_free_ char *fs = cgroup_fs_path(u->cgroup_path);
                if (fs)
                        (void) rmdir(fs);       /* fails while populated: fine */
        }
        u->cgroup_realized = false;
}

int unit_add_session(Unit *u, pid_t sid) {
        UnitSessions *s;

        if (u->manager->cgroup_ok && u->cgroup_realized)
                return 0;
        if (hashmap_ensure_allocated(&unit_sessions, &trivial_hash_ops) < 0)
                return -ENOMEM;
        s = hashmap_get(unit_sessions, u);
        if (!s) {
                s = new0(UnitSessions, 1);
                if (!s)
                        return -ENOMEM;
                if (hashmap_put(unit_sessions, u, s) < 0) {
                        free(s);
                        return -ENOMEM;
                }
        }
        for (size_t i = 0; i < s->n; i++)
                if (s->sids[i] == sid)
                        return 0;
        if (s->n >= ELEMENTSOF(s->sids)) {
                /* full: drop sessions without a live process (a /proc scan each, so only now) */
                for (size_t i = 0; i < s->n;) {
                        pid_t *l = NULL;
                        size_t n = 0;
                        if (pids_in_sessions(&s->sids[i], 1, &l, &n) >= 0 && n == 0)
                                s->sids[i] = s->sids[--s->n];
                        else
                                i++;
                        free(l);
                }
                if (s->n >= ELEMENTSOF(s->sids))
                        return -E2BIG;
        }
        s->sids[s->n++] = sid;
        return 0;
}

static int read_procs_recursive(const char *dir, pid_t **l, size_t *n, size_t *a) {
        _cleanup_free_ char *procs = path_join(dir, "cgroup.procs");
        _cleanup_fclose_ FILE *f = NULL;
        DIR *d;
        struct dirent *de;
        long p;

        if (!procs)
                return -ENOMEM;
        f = fopen(procs, "re");
        if (!f)
                return errno == ENOENT ? 0 : -errno;
        while (fscanf(f, "%ld", &p) == 1) {
                if (*n >= *a) {
                        size_t na = *a ? *a * 2 : 16;
                        pid_t *nl = realloc(*l, na * sizeof(pid_t));
                        if (!nl)
                                return -ENOMEM;
                        *l = nl;
                        *a = na;
                }
                (*l)[(*n)++] = (pid_t) p;
        }
        d = opendir(dir);
        if (!d)
                return 0;
        while ((de = readdir(d))) {
                if (de->d_type != DT_DIR || de->d_name[0] == '.')
                        continue;
                _cleanup_free_ char *sub = path_join(dir, de->d_name);
                if (sub)
                        (void) read_procs_recursive(sub, l, n, a);
        }
        closedir(d);
        return 0;
}

/* "populated 0" in cgroup.events: no process in the cgroup or below it (reaped or not). One
 * read instead of walking the subtree's cgroup.procs; -errno when it cannot be told. */
static int cgroup_populated(const char *fs) {
        char p[PATH_MAX], buf[256];
        const char *v;
        ssize_t k;
        int fd;

        if (snprintf(p, sizeof p, "%s/cgroup.events", fs) >= (int) sizeof p)
                return -ENAMETOOLONG;
        fd = open(p, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
                return -errno;
        k = read(fd, buf, sizeof buf - 1);
        safe_close(fd);
        if (k < 0)
                return -errno;
        buf[k] = 0;
        v = strstr(buf, "populated ");
        if (!v || (v != buf && v[-1] != '\n'))
                return -EBADMSG;
        return v[10] == '1';
}

int unit_get_pids(Unit *u, pid_t **ret, size_t *ret_n) {
        pid_t *l = NULL;
        size_t n = 0, a = 0;
        int r;

        if (u->manager->cgroup_ok && u->cgroup_realized && u->cgroup_path) {
                _cleanup_free_ char *fs = cgroup_fs_path(u->cgroup_path);
                if (!fs)
                        return -ENOMEM;
                if (cgroup_populated(fs) == 0) {
                        *ret = NULL;
                        *ret_n = 0;
                        return 0;
                }
                r = read_procs_recursive(fs, &l, &n, &a);
                if (r < 0) {
                        free(l);
                        return r;
                }
                /* zombies are still in cgroup.procs until reaped: leave them out */
                size_t k = 0;
                for (size_t i = 0; i < n; i++)
                        if (pid_is_alive(l[i]))
                                l[k++] = l[i];
                *ret = l;
                *ret_n = k;
                return 0;
        }

        UnitSessions *s = unit_sessions ? hashmap_get(unit_sessions, u) : NULL;
        if (!s || s->n == 0) {
                *ret = NULL;
                *ret_n = 0;
                return 0;
        }
        return pids_in_sessions(s->sids, s->n, ret, ret_n);
}

int unit_kill_others(Unit *u, int sig, pid_t except, pid_t except2) {
        _cleanup_free_ pid_t *l = NULL;
        size_t n = 0;
        int k = 0;

        if (unit_get_pids(u, &l, &n) < 0)
                return 0;
        for (size_t i = 0; i < n; i++) {
                if ((except > 0 && l[i] == except) || (except2 > 0 && l[i] == except2) || l[i] == getpid())
                        continue;
                if (kill(l[i], sig) >= 0) {
                        k++;
                        if (sig != SIGKILL && sig != SIGCONT)
                                (void) kill(l[i], SIGCONT);
                }
        }
        return k;
}

int unit_kill_all(Unit *u, int sig, pid_t except) {
        return unit_kill_others(u, sig, except, 0);
}

bool unit_has_processes(Unit *u) {
        _cleanup_free_ pid_t *l = NULL;
        size_t n = 0;


        if (unit_get_pids(u, &l, &n) < 0)
                return false;
        return n > 0;
}

Unit *manager_get_unit_by_cgroup(Manager *m, const char *cgroup_path) {
        Unit *u;
        const void *k;

        if (!m->cgroup_ok || !cgroup_path)
                return NULL;
        /* the deepest unit whose cgroup contains the path */
        _cleanup_free_ char *p = strdup(cgroup_path);
        if (!p)
                return NULL;
        for (;;) {
                HASHMAP_FOREACH_KEY(u, k, m->units)
                        if (u->cgroup_realized && u->cgroup_path && streq(u->cgroup_path, p))
                                return u;
                char *slash = strrchr(p, '/');
                if (!slash || slash == p)
                        return NULL;
                *slash = 0;
        }
}
