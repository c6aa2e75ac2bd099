/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* manager.c: the manager object: the event loop and its sources (signals, SIGCHLD, the
 * notify socket, the deferred queue dispatcher), loading units by name with their
 * dependencies (breadth first, through a load queue rather than recursion), daemon-reload
 * (new definitions are built, then swapped in), the manager environment, shutdown on SIGTERM.
 * Not here: D-Bus (src/bus), transactions (job.c), unit types. */

#include <malloc.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <pwd.h>

#include "cgroup.h"
#include "env-util.h"
#include "exec.h"
#include "job.h"
#include "log.h"
#include "manager.h"
#include "path-util.h"
#include "process.h"
#include "strv.h"
#include "time-util.h"
#include "unit-name.h"

extern char **environ;

static const char *const manager_state_table[_MANAGER_STATE_MAX] = {
        [MANAGER_INITIALIZING] = "initializing",
        [MANAGER_STARTING] = "starting",
        [MANAGER_RUNNING] = "running",
        [MANAGER_DEGRADED] = "degraded",
        [MANAGER_MAINTENANCE] = "maintenance",
        [MANAGER_STOPPING] = "stopping",
};

const char *manager_state_to_string(ManagerState s) {
        return s >= 0 && s < _MANAGER_STATE_MAX ? manager_state_table[s] : NULL;
}

ManagerState manager_state(Manager *m) {
        if (m->objective == MANAGER_EXIT)
                return MANAGER_STOPPING;
        if (m->timestamp_finish.monotonic == 0)
                return MANAGER_STARTING;
        if (m->n_failed_units > 0)
                return MANAGER_DEGRADED;
        return MANAGER_RUNNING;
}

Unit *manager_get_unit(Manager *m, const char *name) {
        return name ? hashmap_get(m->units, name) : NULL;
}

Job *manager_get_job(Manager *m, uint32_t id) {
        return hashmap_get(m->jobs, UINT32_TO_PTR(id));
}

Unit *manager_get_unit_by_pid(Manager *m, pid_t pid) {
        _cleanup_free_ char *cg = NULL;
        Unit *u;
        pid_t p = pid;

        if (pid <= 0)
                return NULL;
        /* the cgroup first, as systemd does: a process moved by AttachProcessesToUnit belongs
         * to the unit it was moved to, not to the one that spawned it */
        if (pid_get_cgroup(pid, &cg) >= 0) {
                u = manager_get_unit_by_cgroup(m, cg);
                if (u)
                        return u;
        }
        /* a process we spawned, or one of its descendants */
        for (int depth = 0; depth < 64 && p > 1; depth++) {
                u = hashmap_get(m->watch_pids, PID_TO_PTR(p));
                if (u)
                        return u;
                if (p == getpid())
                        break;
                if (pid_get_ppid(p, &p) < 0)
                        break;
        }
        pid_t sid;
        if (pid_get_sid(pid, &sid) >= 0 && sid > 0)
                return hashmap_get(m->watch_pids, PID_TO_PTR(sid));
        return NULL;
}

/* ---- loading ---- */

typedef struct LoadQueue {
        Unit **units;
        size_t n, allocated;
} LoadQueue;

static int load_queue_push(LoadQueue *q, Unit *u) {
        if (q->n >= q->allocated) {
                size_t n = q->allocated ? q->allocated * 2 : 32;
                Unit **a = realloc(q->units, n * sizeof(Unit *));
                if (!a)
                        return -ENOMEM;
                q->units = a;
                q->allocated = n;
        }
        q->units[q->n++] = u;
        return 0;
}

/* the unit of that name, from the map or freshly loaded (without its dependencies) */
static int manager_get_or_load(Manager *m, const char *name, LoadQueue *q, Unit **ret) {
        _cleanup_(unit_def_freep) UnitDef *def = NULL;
        Unit *u;
        int r;

        u = manager_get_unit(m, name);
        if (u) {
                *ret = u;
                return 0;
        }

        /* a target's After= on what it pulls in is added once those are loaded (drain) */
        r = unit_def_load_full(&m->lookup, name, LOAD_NO_TARGET_DEPS, &def);
        if (r < 0)
                return r;

        /* an alias of a unit we have under its real name */
        u = manager_get_unit(m, def->id);
        if (u) {
                (void) unit_add_name(u, name);
                *ret = u;
                return 0;
        }

        r = unit_new(m, def->id, &u);
        if (r < 0)
                return r;
        STRV_FOREACH(n, def->names)
                (void) unit_add_name(u, *n);
        (void) unit_add_name(u, name);
        unit_set_def(u, TAKE_PTR(def));

        r = load_queue_push(q, u);
        if (r < 0)
                return r;
        *ret = u;
        return 1;
}

static int manager_add_def_dependencies(Manager *m, Unit *u, LoadQueue *q) {
        int r;

        for (UnitDependency d = 0; d < _UNIT_DEPENDENCY_MAX; d++)
                STRV_FOREACH(n, u->def->deps[d]) {
                        Unit *other;
                        r = manager_get_or_load(m, *n, q, &other);
                        if (r == -EINVAL)
                                continue;       /* the loader warned */
                        if (r < 0)
                                return r;
                        r = unit_add_dependency(u, d, other);
                        if (r < 0)
                                return r;
                        /* what a unit's files name stays loaded while the unit is (References=) */
                        if (d != UNIT_REFERENCES && d != UNIT_REFERENCED_BY) {
                                r = unit_add_dependency(u, UNIT_REFERENCES, other);
                                if (r < 0)
                                        return r;
                        }
                }
        if (!isempty(u->def->slice) && u->type != UNIT_SLICE) {
                Unit *slice;
                r = manager_get_or_load(m, u->def->slice, q, &slice);
                if (r >= 0) {
                        (void) unit_add_dependency(u, UNIT_REQUIRES, slice);
                        (void) unit_add_dependency(u, UNIT_AFTER, slice);
                }
        }
        return 0;
}

/* systemd.target(5): a target is ordered After= the units it pulls in (unit_def_target_after),
 * with the definitions the manager has loaded rather than loading each again */
static int manager_add_target_after(Manager *m, Unit *u) {
        static const UnitDependency kinds[] = { UNIT_REQUIRES, UNIT_REQUISITE, UNIT_WANTS, UNIT_BINDS_TO };
        int r;

        for (size_t k = 0; k < ELEMENTSOF(kinds); k++)
                STRV_FOREACH(n, u->def->deps[kinds[k]]) {
                        Unit *other = manager_get_unit(m, *n);

                        if (!other || !unit_def_target_after(u->def, other->def, *n))
                                continue;
                        r = unit_add_dependency(u, UNIT_AFTER, other);
                        if (r < 0)
                                return r;
                }
        return 0;
}

static int manager_drain_load_queue(Manager *m, LoadQueue *q) {
        int r = 0;

        /* the queue grows while we walk it: breadth first, no recursion */
        for (size_t i = 0; i < q->n; i++) {
                Unit *u = q->units[i];
                int k = manager_add_def_dependencies(m, u, q);
                if (k < 0 && r == 0)
                        r = k;
                unit_add_to_gc_queue(u);
                if (!u->sent_dbus_new_signal)
                        unit_add_to_dbus_queue(u);
        }
        /* everything a target pulls in is loaded now */
        for (size_t i = 0; i < q->n; i++)
                if (q->units[i]->type == UNIT_TARGET && q->units[i]->def) {
                        int k = manager_add_target_after(m, q->units[i]);
                        if (k < 0 && r == 0)
                                r = k;
                }
        free(q->units);
        *q = (LoadQueue) {};
        return r;
}

int manager_load_unit(Manager *m, const char *name, Unit **ret) {
        LoadQueue q = {};
        Unit *u;
        int r;

        if (!unit_name_is_valid(name, UNIT_NAME_PLAIN | UNIT_NAME_INSTANCE))
                return -EINVAL;

        u = manager_get_unit(m, name);
        if (u) {
                /* the common case, from every call on a unit's object path: no disk access */
                if (ret)
                        *ret = u;
                return 0;
        }

        (void) lookup_paths_pin_cache(&m->lookup, true);
        r = manager_get_or_load(m, name, &q, &u);
        if (r < 0) {
                (void) lookup_paths_pin_cache(&m->lookup, false);
                free(q.units);
                return r;
        }
        r = manager_drain_load_queue(m, &q);
        (void) lookup_paths_pin_cache(&m->lookup, false);
        if (r < 0)
                log_warning_errno(r, "Failed to load dependencies of %s: %m", name);
        if (ret)
                *ret = u;
        return 0;
}

/* daemon-reload: every unit gets its definition anew; runtime state stays */
int manager_reload(Manager *m) {
        LoadQueue q = {};
        Unit *u;
        const void *k;
        _cleanup_free_ Unit **list = NULL;
        size_t n = 0, i;

        m->n_reloading++;
        bus_manager_send_reloading(m, true);
        m->unit_presets = strv_free(m->unit_presets);   /* read again when next asked */

        list = new(Unit *, hashmap_size(m->units) + 1);
        if (!list) {
                m->n_reloading--;
                return -ENOMEM;
        }
        HASHMAP_FOREACH_KEY(u, k, m->units)
                if (streq(k, u->id))
                        list[n++] = u;

        (void) lookup_paths_pin_cache(&m->lookup, true);

        /* build first, then swap: a failing load keeps nothing half-done */
        UnitDef **defs = new0(UnitDef *, n + 1);
        if (!defs) {
                m->n_reloading--;
                return -ENOMEM;
        }
        for (i = 0; i < n; i++)
                if (unit_def_load_full(&m->lookup, list[i]->id, LOAD_NO_TARGET_DEPS, &defs[i]) < 0)
                        defs[i] = NULL;

        for (i = 0; i < n; i++) {
                u = list[i];
                unit_remove_dependencies(u);
                if (defs[i]) {
                        unit_set_def(u, defs[i]);
                        STRV_FOREACH(a, u->def->names)
                                (void) unit_add_name(u, *a);
                        if (UNIT_VTABLE(u)->def_changed)
                                UNIT_VTABLE(u)->def_changed(u);
                }
                (void) load_queue_push(&q, u);
        }
        free(defs);
        (void) manager_drain_load_queue(m, &q);
        (void) lookup_paths_pin_cache(&m->lookup, false);

        /* no PropertiesChanged for every unit: clients re-read after Reloading(false) */
        HASHMAP_FOREACH_KEY(u, k, m->units)
                if (streq(k, u->id))
                        unit_add_to_gc_queue(u);

        m->n_reloading--;
        bus_manager_send_reloading(m, false);
        manager_trigger_run_queue(m);
        /* the old definitions were freed after the new ones were built: give the pages back
         * instead of keeping the peak of two full sets */
        (void) malloc_trim(0);
        return 0;
}

/* ---- queues ---- */

void manager_dispatch_gc_queue(Manager *m) {
        Unit *u;

        while ((u = m->gc_queue)) {
                m->gc_queue = u->gc_next;
                u->in_gc_queue = false;
                u->gc_next = NULL;
                if (unit_may_gc(u)) {
                        log_debug("%s: Collecting.", u->id);
                        unit_free(u);
                }
        }
}

bool unit_is_unneeded(Unit *u);
bool unit_is_upheld_and_down(Unit *u);

static int run_queue_cb(sd_event_source *s, void *userdata) {
        Manager *m = userdata;

        for (int i = 0; i < 1000; i++) {
                Unit *u;

                manager_dispatch_run_queue(m);

                while ((u = m->stop_when_unneeded_queue)) {
                        m->stop_when_unneeded_queue = u->unneeded_next;
                        u->in_stop_when_unneeded_queue = false;
                        if (unit_is_unneeded(u)) {
                                log_info("%s: Unit not needed anymore. Stopping.", u->id);
                                (void) manager_add_job(m, JOB_STOP, u, JOB_FAIL, NULL, NULL, NULL);
                        }
                }
                while ((u = m->upholds_queue)) {
                        m->upholds_queue = u->upholds_next;
                        u->in_upholds_queue = false;
                        if (unit_is_upheld_and_down(u) && m->objective != MANAGER_EXIT)
                                (void) manager_add_job(m, JOB_START, u, JOB_FAIL, NULL, NULL, NULL);
                }

                if (m->run_queue)
                        continue;

                manager_dispatch_gc_queue(m);

                while ((u = m->dbus_unit_queue)) {
                        m->dbus_unit_queue = u->dbus_next;
                        u->in_dbus_queue = false;
                        u->dbus_next = NULL;
                        bus_unit_send_change_signal(u);
                }

                if (!m->run_queue && !m->gc_queue && !m->stop_when_unneeded_queue && !m->upholds_queue)
                        break;
        }

        if (m->timestamp_finish.monotonic == 0 && hashmap_size(m->jobs) == 0)
                dual_timestamp_now(&m->timestamp_finish);

        if (m->objective == MANAGER_EXIT && hashmap_size(m->jobs) == 0) {
                log_debug("All units stopped, exiting.");
                sd_event_exit(m->event, m->exit_code);
        }
        return 0;
}

void manager_trigger_run_queue(Manager *m) {
        if (m->run_queue_source)
                (void) sd_event_source_set_enabled(m->run_queue_source, SD_EVENT_ONESHOT);
}

/* ---- processes ---- */

static int sigchld_cb(sd_event_source *s, const struct signalfd_siginfo *si, void *userdata) {
        Manager *m = userdata;

        for (;;) {
                siginfo_t info = {};
                Unit *u;

                if (waitid(P_ALL, 0, &info, WEXITED | WNOHANG) < 0)
                        break;
                if (info.si_pid == 0)
                        break;

                u = hashmap_get(m->watch_pids, PID_TO_PTR(info.si_pid));
                if (u) {
                        if (UNIT_VTABLE(u)->sigchld_event)
                                UNIT_VTABLE(u)->sigchld_event(u, info.si_pid, info.si_code, info.si_status);
                        unit_add_to_dbus_queue(u);
                        /* a child of ours that was attached to another unit (AttachProcessesToUnit)
                         * is what that unit may wait for: it asks below, as for an orphan */
                        if (!m->attached_processes)
                                continue;
                }
                /* an orphan that was reparented to us: a unit that waits for its processes to go may be done */
                Unit *w;
                const void *k;
                HASHMAP_FOREACH_KEY(w, k, m->units) {
                        if (!streq(k, w->id) || w == u || !UNIT_VTABLE(w)->sigchld_event)
                                continue;
                        UnitActiveState st = unit_active_state(w);
                        if (st == UNIT_DEACTIVATING || st == UNIT_ACTIVE)
                                UNIT_VTABLE(w)->sigchld_event(w, info.si_pid, info.si_code, info.si_status);
                }
        }
        manager_trigger_run_queue(m);
        return 0;
}

static void manager_start_exit(Manager *m) {
        Unit *u;
        const void *k;
        _cleanup_free_ Unit **list = NULL;
        size_t n = 0;

        if (m->objective == MANAGER_EXIT)
                return;
        m->objective = MANAGER_EXIT;
        log_info("Stopping all units.");

        list = new(Unit *, hashmap_size(m->units) + 1);
        if (!list) {
                sd_event_exit(m->event, 0);
                return;
        }
        HASHMAP_FOREACH_KEY(u, k, m->units)
                if (streq(k, u->id))
                        list[n++] = u;
        for (size_t i = 0; i < n; i++) {
                u = list[i];
                if (u->perpetual)
                        continue;
                if (UNIT_IS_INACTIVE_OR_FAILED(unit_active_state(u)) && !u->job)
                        continue;
                (void) manager_add_job(m, JOB_STOP, u, JOB_REPLACE, NULL, NULL, NULL);
        }
        manager_trigger_run_queue(m);
}

static int exit_timeout_cb(sd_event_source *s, uint64_t usec, void *userdata) {
        Manager *m = userdata;

        log_warning("Units did not stop in time, exiting anyway.");
        sd_event_exit(m->event, 0);
        return 0;
}

static int sigterm_cb(sd_event_source *s, const struct signalfd_siginfo *si, void *userdata) {
        Manager *m = userdata;

        if (m->objective == MANAGER_EXIT) {
                /* a second signal: do not wait any longer */
                sd_event_exit(m->event, 0);
                return 0;
        }
        (void) sd_event_add_time_relative(m->event, NULL, CLOCK_MONOTONIC, 90 * USEC_PER_SEC, 0,
                                          exit_timeout_cb, m);
        manager_start_exit(m);
        return 0;
}

static int sighup_cb(sd_event_source *s, const struct signalfd_siginfo *si, void *userdata) {
        return manager_reload(userdata);
}

/* ---- sd_notify ---- */

#define NOTIFY_BUFFER_MAX 4096          /* sd_notify(3): messages are small; larger ones are dropped */
#define NOTIFY_FD_MAX 768

static int notify_cb(sd_event_source *s, int fd, uint32_t revents, void *userdata) {
        Manager *m = userdata;
        char buf[NOTIFY_BUFFER_MAX + 1];
        union {
                struct cmsghdr h;
                uint8_t b[CMSG_SPACE(sizeof(struct ucred)) + CMSG_SPACE(sizeof(int) * NOTIFY_FD_MAX)];
        } control;
        struct iovec iov = { .iov_base = buf, .iov_len = NOTIFY_BUFFER_MAX };
        struct msghdr mh = {
                .msg_iov = &iov,
                .msg_iovlen = 1,
                .msg_control = &control,
                .msg_controllen = sizeof control,
        };
        struct ucred *ucred = NULL;
        int *fds = NULL;
        size_t n_fds = 0;
        ssize_t n;
        Unit *u;

        n = recvmsg(fd, &mh, MSG_DONTWAIT | MSG_CMSG_CLOEXEC | MSG_TRUNC);
        if (n < 0)
                return 0;

        for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
                if (c->cmsg_level != SOL_SOCKET)
                        continue;
                if (c->cmsg_type == SCM_CREDENTIALS && c->cmsg_len == CMSG_LEN(sizeof(struct ucred)))
                        ucred = (struct ucred *) CMSG_DATA(c);
                else if (c->cmsg_type == SCM_RIGHTS) {
                        fds = (int *) CMSG_DATA(c);
                        n_fds = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
                }
        }

        if ((size_t) n > NOTIFY_BUFFER_MAX || (mh.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) || !ucred || ucred->pid <= 0) {
                log_debug("Dropping notification message (truncated or without credentials).");
                for (size_t i = 0; i < n_fds; i++)
                        safe_close(fds[i]);
                return 0;
        }
        buf[n] = 0;

        u = manager_get_unit_by_pid(m, ucred->pid);
        if (!u || !UNIT_VTABLE(u)->notify_message) {
                log_debug("Cannot find unit for notify message of PID %d, ignoring.", (int) ucred->pid);
                for (size_t i = 0; i < n_fds; i++)
                        safe_close(fds[i]);
                return 0;
        }

        /* split into lines in place: at most a few hundred, no allocation of the text */
        char *tags[256];
        size_t n_tags = 0;
        for (char *p = buf; *p && n_tags < ELEMENTSOF(tags) - 1;) {
                char *e = strchr(p, '\n');
                if (e)
                        *e = 0;
                if (*p)
                        tags[n_tags++] = p;
                if (!e)
                        break;
                p = e + 1;
        }
        tags[n_tags] = NULL;

        UNIT_VTABLE(u)->notify_message(u, ucred->pid, tags, fds, n_fds);
        manager_trigger_run_queue(m);
        return 0;
}

static int manager_setup_notify(Manager *m) {
        union {
                struct sockaddr sa;
                struct sockaddr_un un;
        } sa = { .un.sun_family = AF_UNIX };
        _cleanup_free_ char *dir = NULL;
        int fd, one = 1, r;

        dir = path_join(m->runtime_dir, "systemd");
        if (!dir)
                return -ENOMEM;
        (void) mkdir_p(dir, 0755);
        m->notify_socket = path_join(dir, "notify");
        if (!m->notify_socket)
                return -ENOMEM;
        if (strlen(m->notify_socket) >= sizeof sa.un.sun_path)
                return log_error_errno(ENAMETOOLONG, "Notify socket path %s too long.", m->notify_socket);
        strcpy(sa.un.sun_path, m->notify_socket);

        fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (fd < 0)
                return -errno;
        (void) unlink(m->notify_socket);
        if (bind(fd, &sa.sa, sizeof sa.un) < 0) {
                r = -errno;
                safe_close(fd);
                return log_error_errno(r, "Failed to bind notify socket %s: %m", m->notify_socket);
        }
        (void) setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &one, sizeof one);
        /* a flood must not cost memory: a modest receive buffer, excess datagrams are dropped by the kernel */
        m->notify_fd = fd;
        r = sd_event_add_io(m->event, &m->notify_source, fd, EPOLLIN, notify_cb, m);
        if (r < 0)
                return r;
        return 0;
}

/* ---- environment ---- */

int manager_set_environment(Manager *m, char **assignments) {
        STRV_FOREACH(a, assignments)
                if (!env_assignment_is_valid(*a))
                        return -EINVAL;
        STRV_FOREACH(a, assignments) {
                char *c = strdup(*a);
                if (!c)
                        return -ENOMEM;
                int r = strv_env_replace_consume(&m->environment, c);
                if (r < 0)
                        return r;
        }
        strv_sort(m->environment);      /* show-environment lists it sorted, as systemd does */
        return 0;
}

int manager_unset_environment(Manager *m, char **names) {
        STRV_FOREACH(n, names)
                if (!env_name_is_valid(*n) && !env_assignment_is_valid(*n))
                        return -EINVAL;
        STRV_FOREACH(n, names) {
                _cleanup_free_ char *name = strndup(*n, strcspn(*n, "="));
                if (!name)
                        return -ENOMEM;
                strv_env_unset(m->environment, name);
        }
        return 0;
}

/* ---- life cycle ---- */

int manager_new(RuntimeScope scope, Manager **ret) {
        Manager *m;
        sigset_t ss;
        int r;

        m = new0(Manager, 1);
        if (!m)
                return -ENOMEM;
        m->scope = scope;
        m->private_listen_fd = -1;
        m->notify_fd = -1;
        m->uid = getuid();
        m->gid = getgid();
        dual_timestamp_now(&m->timestamp_startup);

        m->units = hashmap_new(&string_hash_ops);
        m->jobs = hashmap_new(&trivial_hash_ops);
        m->watch_pids = hashmap_new(&trivial_hash_ops);
        if (!m->units || !m->jobs || !m->watch_pids)
                goto oom;

        if (scope == RUNTIME_SCOPE_USER) {
                const char *e = getenv("XDG_RUNTIME_DIR");
                if (isempty(e)) {
                        log_error("XDG_RUNTIME_DIR is not set, refusing.");
                        manager_free(m);
                        return -ENXIO;
                }
                m->runtime_dir = strdup(e);
        } else
                m->runtime_dir = strdup("/run");
        if (!m->runtime_dir)
                goto oom;

        {
                const char *h = getenv("HOME");
                struct passwd *pw = getpwuid(m->uid);
                m->home = strdup(h ? h : pw ? pw->pw_dir : "/");
                m->user_name = strdup(pw ? pw->pw_name : "root");
                if (!m->home || !m->user_name)
                        goto oom;
        }

        /* the manager environment: ours, as systemd --user passes its own on */
        if (scope == RUNTIME_SCOPE_USER) {
                m->environment = strv_copy(environ);
                if (!m->environment)
                        goto oom;
                m->environment = strv_env_unset(m->environment, "NOTIFY_SOCKET");
                m->environment = strv_env_unset(m->environment, "LISTEN_PID");
                m->environment = strv_env_unset(m->environment, "LISTEN_FDS");
                m->environment = strv_env_unset(m->environment, "LISTEN_FDNAMES");
                m->environment = strv_env_unset(m->environment, "INVOCATION_ID");
                /* systemd --user sets its default PATH whatever it was started with */
                r = strv_env_replace_consume(&m->environment, strdup("PATH=" EXEC_DEFAULT_PATH));
                if (r < 0)
                        goto oom;
                strv_sort(m->environment);
        } else {
                r = strv_extend(&m->environment, "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
                if (r < 0)
                        goto oom;
        }

        r = lookup_paths_init(&m->lookup, scope);
        if (r < 0) {
                manager_free(m);
                return log_error_errno(r, "Failed to initialize unit search paths: %m");
        }
        m->transient_dir = strdup(m->lookup.transient ? m->lookup.transient : "");
        if (!m->transient_dir)
                goto oom;

        r = sd_event_new(&m->event);
        if (r < 0) {
                manager_free(m);
                return r;
        }

        sigemptyset(&ss);
        sigaddset(&ss, SIGCHLD);
        sigaddset(&ss, SIGTERM);
        sigaddset(&ss, SIGINT);
        sigaddset(&ss, SIGHUP);
        sigprocmask(SIG_BLOCK, &ss, NULL);
        signal(SIGPIPE, SIG_IGN);

        if (sd_event_add_signal(m->event, &m->sigchld_source, SIGCHLD, sigchld_cb, m) < 0 ||
            sd_event_add_signal(m->event, &m->sigterm_source, SIGTERM, sigterm_cb, m) < 0 ||
            sd_event_add_signal(m->event, &m->sigint_source, SIGINT, sigterm_cb, m) < 0 ||
            sd_event_add_signal(m->event, &m->sighup_source, SIGHUP, sighup_cb, m) < 0 ||
            sd_event_add_defer(m->event, &m->run_queue_source, run_queue_cb, m) < 0) {
                manager_free(m);
                return -ENOMEM;
        }
        /* children first: a SIGCHLD is handled before a queued job of the same iteration */
        (void) sd_event_source_set_priority(m->sigchld_source, SD_EVENT_PRIORITY_NORMAL - 10);
        (void) sd_event_source_set_priority(m->run_queue_source, SD_EVENT_PRIORITY_NORMAL + 10);
        (void) sd_event_source_set_enabled(m->run_queue_source, SD_EVENT_OFF);

        (void) prctl(PR_SET_CHILD_SUBREAPER, 1);

        *ret = m;
        return 0;

oom:
        manager_free(m);
        return log_oom();
}

Manager *manager_free(Manager *m) {
        Unit *u;

        if (!m)
                return NULL;

        if (m->units) {
                while ((u = hashmap_first(m->units))) {
                        u->perpetual = false;
                        unit_free(u);
                }
        }
        manager_cleanup_cgroups(m);
        bus_done(m);
        hashmap_free(m->units);
        hashmap_free(m->jobs);
        hashmap_free(m->watch_pids);
        sd_event_source_disable_unref(m->notify_source);
        safe_close(m->notify_fd);
        if (m->notify_socket)
                (void) unlink(m->notify_socket);
        sd_event_source_disable_unref(m->sigchld_source);
        sd_event_source_disable_unref(m->sigterm_source);
        sd_event_source_disable_unref(m->sigint_source);
        sd_event_source_disable_unref(m->sighup_source);
        sd_event_source_disable_unref(m->run_queue_source);
        sd_event_unref(m->event);
        lookup_paths_done(&m->lookup);
        strv_free(m->unit_presets);
        strv_free(m->environment);
        free(m->default_target);
        free(m->notify_socket);
        free(m->cgroup_root);
        free(m->runtime_dir);
        free(m->transient_dir);
        free(m->home);
        free(m->user_name);
        free(m);
        return NULL;
}

int manager_startup(Manager *m) {
        _cleanup_free_ char *en = NULL, *em = NULL;
        Unit *u, *root;
        int r;

        (void) manager_setup_cgroup(m);

        r = manager_setup_notify(m);
        if (r < 0)
                return r;

        /* the root slice is always there (systemd.special(7) -.slice) */
        r = manager_load_unit(m, "-.slice", &root);
        if (r >= 0) {
                root->perpetual = true;
                (void) manager_add_job(m, JOB_START, root, JOB_REPLACE, NULL, NULL, NULL);
        }

        r = bus_init(m);
        if (r < 0)
                return log_error_errno(r, "Failed to set up the bus: %m");

        if (!m->default_target) {
                m->default_target = strdup("default.target");
                if (!m->default_target)
                        return -ENOMEM;
        }
        r = manager_load_unit(m, m->default_target, &u);
        if (r < 0)
                return log_error_errno(r, "Failed to load %s: %m", m->default_target);
        r = manager_add_job(m, JOB_START, u, JOB_REPLACE, &en, &em, NULL);
        if (r < 0)
                log_warning("Failed to start %s: %s", m->default_target, strna(em));

        manager_trigger_run_queue(m);
        return 0;
}

int manager_loop(Manager *m) {
        return sd_event_loop(m->event);
}
