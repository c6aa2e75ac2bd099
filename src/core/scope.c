/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* scope.c: .scope units (systemd.scope(5)): groups of processes that someone else started and
 * handed to the manager, systemd-run --scope's own process among them. A scope starts by
 * taking its PIDs (into its cgroup where the manager has cgroups, tracked by pidfd in any
 * case), runs until they are all gone, and stops by signalling them per KillMode=/KillSignal=
 * with TimeoutStopSec= before SIGKILL. Not here: how the PIDs arrive (bus-transient.c,
 * bus-manager.c). Invariant: every tracked pid is in m->watch_pids pointing at its scope, so
 * GetUnitByPID and unit/self find the scope. */

#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cgroup.h"
#include "load.h"
#include "log.h"
#include "manager.h"
#include "path-util.h"
#include "process.h"
#include "scope.h"
#include "strv.h"
#include "time-util.h"

#define SCOPE_POLL_USEC (200 * USEC_PER_MSEC)

static const struct {
        const char *name;               /* SubState= */
        UnitActiveState active;         /* ActiveState= */
} scope_states[_SCOPE_STATE_MAX] = {
        [SCOPE_DEAD]         = { "dead",         UNIT_INACTIVE     },
        [SCOPE_RUNNING]      = { "running",      UNIT_ACTIVE       },
        [SCOPE_ABANDONED]    = { "abandoned",    UNIT_ACTIVE       },
        [SCOPE_STOP_SIGTERM] = { "stop-sigterm", UNIT_DEACTIVATING },
        [SCOPE_STOP_SIGKILL] = { "stop-sigkill", UNIT_DEACTIVATING },
        [SCOPE_FAILED]       = { "failed",       UNIT_FAILED       },
};

static const char *const scope_result_table[_SCOPE_RESULT_MAX] = {
        [SCOPE_SUCCESS] = "success",
        [SCOPE_FAILURE_RESOURCES] = "resources",
        [SCOPE_FAILURE_TIMEOUT] = "timeout",
        [SCOPE_FAILURE_OOM_KILL] = "oom-kill",
};

const char *scope_state_to_string(ScopeState s) {
        return s >= 0 && s < _SCOPE_STATE_MAX ? scope_states[s].name : NULL;
}

const char *scope_result_to_string(ScopeResult r) {
        return r >= 0 && r < _SCOPE_RESULT_MAX ? scope_result_table[r] : NULL;
}

static void scope_check_gone(Scope *s);

static void scope_init(Unit *u) {
        SCOPE(u)->state = SCOPE_DEAD;
}

static void scope_pid_release(Scope *s, ScopePid *p) {
        p->source = sd_event_source_disable_unref(p->source);
        p->pidfd = safe_close(p->pidfd);
        unit_unwatch_pid(&s->meta, p->pid);
}

static void scope_release_pids(Scope *s) {
        for (size_t i = 0; i < s->n_pids; i++)
                scope_pid_release(s, &s->pids[i]);
        s->pids = mfree(s->pids);
        s->n_pids = 0;
        s->poll_source = sd_event_source_disable_unref(s->poll_source);
}

static void scope_done(Unit *u) {
        Scope *s = SCOPE(u);

        scope_release_pids(s);
        s->pending = mfree(s->pending);
        s->n_pending = 0;
        s->timer_source = sd_event_source_disable_unref(s->timer_source);
}

static UnitActiveState scope_active_state(Unit *u) {
        return scope_states[SCOPE(u)->state].active;
}

static const char *scope_sub_state(Unit *u) {
        return scope_states[SCOPE(u)->state].name;
}

static const char *scope_result_string(Unit *u) {
        return scope_result_to_string(SCOPE(u)->result);
}

static void scope_set_state(Scope *s, ScopeState st) {
        ScopeState old = s->state;

        s->state = st;
        if (st != SCOPE_RUNNING && st != SCOPE_STOP_SIGTERM && st != SCOPE_STOP_SIGKILL)
                s->timer_source = sd_event_source_disable_unref(s->timer_source);
        if (old != st)
                log_debug("%s: Changed %s -> %s", s->meta.id, scope_states[old].name, scope_states[st].name);
        unit_notify(&s->meta, scope_states[old].active, scope_states[st].active, true);
}

static int scope_timer_cb(sd_event_source *source, uint64_t usec, void *userdata);

static void scope_arm_timer(Scope *s, usec_t relative) {
        s->timer_source = sd_event_source_disable_unref(s->timer_source);
        if (relative == USEC_INFINITY)
                return;
        (void) sd_event_add_time_relative(s->meta.manager->event, &s->timer_source, CLOCK_MONOTONIC,
                                          relative, 0, scope_timer_cb, s);
}

static void scope_enter_dead(Scope *s, ScopeResult f) {
        if (s->result == SCOPE_SUCCESS)
                s->result = f;
        scope_release_pids(s);
        cgroup_unit_release(&s->meta);
        scope_set_state(s, s->result == SCOPE_SUCCESS ? SCOPE_DEAD : SCOPE_FAILED);
}

static size_t scope_signal_all(Scope *s, int sig) {
        size_t k = 0;

        for (size_t i = 0; i < s->n_pids; i++)
                if (kill(s->pids[i].pid, sig) >= 0)
                        k++;
        if (s->meta.cgroup_realized)
                k += unit_kill_all(&s->meta, sig, 0);
        return k;
}

/* systemd.kill(5): KillSignal= (plus SIGHUP with SendSIGHUP=), then FinalKillSignal= */
static void scope_enter_signal(Scope *s, ScopeState st, ScopeResult f) {
        const KillContext *k = &s->meta.def->kill;
        size_t n = 0;

        if (s->result == SCOPE_SUCCESS)
                s->result = f;

        if (k->kill_mode != KILL_NONE) {
                int sig = st == SCOPE_STOP_SIGTERM ? k->kill_signal : k->final_kill_signal;

                n = scope_signal_all(s, sig > 0 ? sig : SIGKILL);
                if (st == SCOPE_STOP_SIGTERM && k->send_sighup)
                        (void) scope_signal_all(s, SIGHUP);
                if (sig != SIGKILL)
                        (void) scope_signal_all(s, SIGCONT);
        }

        if (n > 0) {
                scope_set_state(s, st);
                scope_arm_timer(s, s->meta.def->service.timeout_stop_usec);
                return;
        }
        if (st == SCOPE_STOP_SIGTERM && k->send_sigkill && s->n_pids > 0)
                scope_enter_signal(s, SCOPE_STOP_SIGKILL, SCOPE_SUCCESS);
        else
                scope_enter_dead(s, SCOPE_SUCCESS);
}

static int scope_timer_cb(sd_event_source *source, uint64_t usec, void *userdata) {
        Scope *s = userdata;

        s->timer_source = sd_event_source_disable_unref(s->timer_source);
        switch (s->state) {
        case SCOPE_RUNNING:
                log_warning("%s: Scope reached runtime time limit. Stopping.", s->meta.id);
                scope_enter_signal(s, SCOPE_STOP_SIGTERM, SCOPE_FAILURE_TIMEOUT);
                break;
        case SCOPE_STOP_SIGTERM:
                if (s->meta.def->kill.send_sigkill) {
                        log_warning("%s: Stopping timed out. Killing.", s->meta.id);
                        scope_enter_signal(s, SCOPE_STOP_SIGKILL, SCOPE_FAILURE_TIMEOUT);
                } else {
                        log_warning("%s: Stopping timed out. Skipping SIGKILL.", s->meta.id);
                        scope_enter_dead(s, SCOPE_FAILURE_TIMEOUT);
                }
                break;
        case SCOPE_STOP_SIGKILL:
                log_warning("%s: Still around after SIGKILL. Ignoring.", s->meta.id);
                scope_enter_dead(s, SCOPE_FAILURE_TIMEOUT);
                break;
        case SCOPE_DEAD:
        case SCOPE_ABANDONED:
        case SCOPE_FAILED:
                break;          /* nothing is armed here */
        case _SCOPE_STATE_MAX:
        case _SCOPE_STATE_INVALID:
                assert_not_reached();
        }
        manager_trigger_run_queue(s->meta.manager);
        return 0;
}

/* ---- the processes ---- */

static int pidfd_open_compat(pid_t pid) {
#ifdef SYS_pidfd_open
        int fd = (int) syscall(SYS_pidfd_open, pid, 0);
        if (fd >= 0)
                (void) fcntl(fd, F_SETFD, FD_CLOEXEC);
        return fd < 0 ? -errno : fd;
#else
        return -ENOSYS;
#endif
}

static ScopePid *scope_find_pid(Scope *s, pid_t pid) {
        for (size_t i = 0; i < s->n_pids; i++)
                if (s->pids[i].pid == pid)
                        return &s->pids[i];
        return NULL;
}

static void scope_forget_pid(Scope *s, pid_t pid) {
        ScopePid *p = scope_find_pid(s, pid);

        if (!p)
                return;
        scope_pid_release(s, p);
        *p = s->pids[--s->n_pids];
}

static int scope_pidfd_cb(sd_event_source *source, int fd, uint32_t revents, void *userdata) {
        Scope *s = userdata;

        for (size_t i = 0; i < s->n_pids; i++)
                if (s->pids[i].source == source) {
                        scope_forget_pid(s, s->pids[i].pid);
                        break;
                }
        scope_check_gone(s);
        return 0;
}

static int scope_poll_cb(sd_event_source *source, uint64_t usec, void *userdata) {
        Scope *s = userdata;

        s->poll_source = sd_event_source_disable_unref(s->poll_source);
        scope_check_gone(s);
        return 0;
}

static void scope_arm_poll(Scope *s) {
        bool need = false;

        for (size_t i = 0; i < s->n_pids && !need; i++)
                need = s->pids[i].pidfd < 0;
        if (!need && !(s->meta.cgroup_realized && s->n_pids == 0))
                return;
        if (s->poll_source)
                return;
        (void) sd_event_add_time_relative(s->meta.manager->event, &s->poll_source, CLOCK_MONOTONIC,
                                          SCOPE_POLL_USEC, 0, scope_poll_cb, s);
}

static int scope_track_pid(Scope *s, pid_t pid) {
        ScopePid *a, *p;
        int fd, r;

        if (scope_find_pid(s, pid))
                return 0;
        if (s->n_pids >= SCOPE_PIDS_MAX)
                return -E2BIG;
        a = realloc(s->pids, (s->n_pids + 1) * sizeof(ScopePid));
        if (!a)
                return -ENOMEM;
        s->pids = a;
        p = &s->pids[s->n_pids];
        *p = (ScopePid) { .pid = pid, .pidfd = -1 };

        fd = pidfd_open_compat(pid);
        if (fd == -ESRCH)
                return -ESRCH;
        if (fd >= 0) {
                r = sd_event_add_io(s->meta.manager->event, &p->source, fd, EPOLLIN, scope_pidfd_cb, s);
                if (r < 0) {
                        safe_close(fd);
                        return r;
                }
                p->pidfd = fd;
        }
        r = unit_watch_pid(&s->meta, pid);
        if (r < 0) {
                p->source = sd_event_source_disable_unref(p->source);
                p->pidfd = safe_close(p->pidfd);
                return r;
        }
        s->n_pids++;
        return 0;
}

/* moves pid into the scope's cgroup (when it has one) and tracks it */
static int scope_attach_pid(Scope *s, pid_t pid) {
        const char *cg = cgroup_unit_realize(&s->meta);

        if (!pid_is_alive(pid))
                return -ESRCH;
        if (cg) {
                _cleanup_free_ char *fs = cgroup_fs_path(cg), *procs = NULL;
                _cleanup_fclose_ FILE *f = NULL;

                if (!fs)
                        return -ENOMEM;
                procs = path_join(fs, "cgroup.procs");
                if (!procs)
                        return -ENOMEM;
                f = fopen(procs, "we");
                if (!f || fprintf(f, "%i\n", (int) pid) < 0 || fflush(f) != 0)
                        log_warning("%s: Failed to move PID %i into %s, tracking it only: %m",
                                    s->meta.id, (int) pid, cg);
        }
        return scope_track_pid(s, pid);
}

/* The scope is over when none of its processes is left: the tracked ones, and, with a
 * cgroup, whatever they forked there. */
static void scope_check_gone(Scope *s) {
        for (size_t i = 0; i < s->n_pids;)
                if (s->pids[i].pidfd < 0 && !pid_is_alive(s->pids[i].pid))
                        scope_forget_pid(s, s->pids[i].pid);
                else
                        i++;

        if (s->meta.cgroup_realized && s->n_pids == 0) {
                _cleanup_free_ pid_t *l = NULL;
                size_t n = 0;

                if (unit_get_pids(&s->meta, &l, &n) >= 0)
                        for (size_t i = 0; i < n; i++)
                                (void) scope_track_pid(s, l[i]);
        }

        if (s->n_pids > 0) {
                scope_arm_poll(s);
                return;
        }

        switch (s->state) {
        case SCOPE_RUNNING:
        case SCOPE_ABANDONED:
        case SCOPE_STOP_SIGTERM:
        case SCOPE_STOP_SIGKILL:
                scope_enter_dead(s, SCOPE_SUCCESS);
                break;
        case SCOPE_DEAD:
        case SCOPE_FAILED:
                break;
        case _SCOPE_STATE_MAX:
        case _SCOPE_STATE_INVALID:
                assert_not_reached();
        }
        manager_trigger_run_queue(s->meta.manager);
}

int scope_add_pids(Unit *u, const pid_t *pids, size_t n) {
        Scope *s = SCOPE(u);
        int r;

        assert(u->type == UNIT_SCOPE);

        for (size_t i = 0; i < n; i++)
                if (pids[i] <= 0 || !pid_is_alive(pids[i]))
                        return -ESRCH;

        if (s->state == SCOPE_RUNNING || s->state == SCOPE_ABANDONED) {
                for (size_t i = 0; i < n; i++) {
                        r = scope_attach_pid(s, pids[i]);
                        if (r < 0)
                                return r;
                }
                return 0;
        }

        if (s->n_pending + n > SCOPE_PIDS_MAX)
                return -E2BIG;
        pid_t *a = realloc(s->pending, (s->n_pending + n) * sizeof(pid_t));
        if (!a)
                return -ENOMEM;
        s->pending = a;
        for (size_t i = 0; i < n; i++) {
                bool dup = false;
                for (size_t j = 0; j < s->n_pending && !dup; j++)
                        dup = s->pending[j] == pids[i];
                if (!dup)
                        s->pending[s->n_pending++] = pids[i];
        }
        return 0;
}

int scope_abandon(Unit *u) {
        Scope *s = SCOPE(u);

        if (s->state != SCOPE_RUNNING && s->state != SCOPE_ABANDONED)
                return -ESTALE;
        if (s->state == SCOPE_ABANDONED)
                return 0;
        scope_set_state(s, SCOPE_ABANDONED);
        scope_check_gone(s);
        return 0;
}

/* ---- the vtable ---- */

static int scope_start(Unit *u) {
        Scope *s = SCOPE(u);
        int r;

        switch (s->state) {
        case SCOPE_RUNNING:
        case SCOPE_ABANDONED:
                return -EALREADY;
        case SCOPE_STOP_SIGTERM:
        case SCOPE_STOP_SIGKILL:
                return -EAGAIN;
        case SCOPE_DEAD:
        case SCOPE_FAILED:
                break;
        case _SCOPE_STATE_MAX:
        case _SCOPE_STATE_INVALID:
                assert_not_reached();
        }

        /* systemd.scope(5): scopes are made by the API with their processes, never started again */
        if (s->n_pending == 0) {
                log_warning("%s: Scope has no PIDs. Refusing.", u->id);
                return -ENOENT;
        }
        if (!unit_test_start_limit(u)) {
                log_warning("%s: Start request repeated too quickly.", u->id);
                return -ECANCELED;
        }

        s->result = SCOPE_SUCCESS;
        (void) sd_id128_randomize(&u->invocation_id);

        for (size_t i = 0; i < s->n_pending; i++) {
                r = scope_attach_pid(s, s->pending[i]);
                if (r < 0 && r != -ESRCH)
                        log_warning_errno(r, "%s: Failed to add PID %i to scope: %m", u->id, (int) s->pending[i]);
        }
        s->pending = mfree(s->pending);
        s->n_pending = 0;

        if (s->n_pids == 0) {
                log_warning("%s: No PIDs left to attach to the scope's control group, refusing.", u->id);
                scope_enter_dead(s, SCOPE_FAILURE_RESOURCES);
                return -ECHILD;
        }

        scope_set_state(s, SCOPE_RUNNING);
        scope_arm_timer(s, u->def->service.runtime_max_usec);
        scope_arm_poll(s);
        return 0;
}

static int scope_stop(Unit *u) {
        Scope *s = SCOPE(u);

        switch (s->state) {
        case SCOPE_STOP_SIGTERM:
        case SCOPE_STOP_SIGKILL:
                return 0;
        case SCOPE_DEAD:
        case SCOPE_FAILED:
                return -EALREADY;
        case SCOPE_RUNNING:
        case SCOPE_ABANDONED:
                scope_enter_signal(s, SCOPE_STOP_SIGTERM, SCOPE_SUCCESS);
                return 0;
        case _SCOPE_STATE_MAX:
        case _SCOPE_STATE_INVALID:
                break;
        }
        assert_not_reached();
}

static int scope_kill(Unit *u, KillWho who, int signo, char **ret_error_name, char **ret_error_message) {
        Scope *s = SCOPE(u);

        /* a scope has neither a main nor a control process */
        if (who == KILL_MAIN || who == KILL_CONTROL)
                return unit_kill_common(u, who, signo, 0, 0, ret_error_name, ret_error_message);
        (void) scope_signal_all(s, signo);
        return 0;
}

static void scope_sigchld_event(Unit *u, pid_t pid, int code, int status) {
        Scope *s = SCOPE(u);

        /* one of ours that happened to be our child, or an orphan: look again */
        scope_forget_pid(s, pid);
        scope_check_gone(s);
}

static void scope_reset_failed(Unit *u) {
        Scope *s = SCOPE(u);

        if (s->state == SCOPE_FAILED)
                scope_set_state(s, SCOPE_DEAD);
        s->result = SCOPE_SUCCESS;
}

/* The loader keeps [Scope] as raw assignments; the keys a scope shares with services (kill,
 * resource control, Slice=, RuntimeMaxSec=, TimeoutStopSec=) are parsed by the service
 * parser and taken from there, so that both read them alike. */
static int scope_verify(Unit *u) {
        _cleanup_(unit_def_freep) UnitDef *t = NULL;
        _cleanup_free_ char *text = NULL;
        UnitDef *d = u->def;
        bool slice_set = false;
        size_t size = 0;
        FILE *f;
        int r;

        f = open_memstream(&text, &size);
        if (!f)
                return -ENOMEM;
        fputs("[Service]\nExecStart=/bin/true\n", f);
        for (size_t i = 0; i < d->n_raw; i++)
                if (streq(d->raw[i].section, "Scope")) {
                        fprintf(f, "%s=%s\n", d->raw[i].key, d->raw[i].value);
                        if (streq(d->raw[i].key, "Slice"))
                                slice_set = !isempty(d->raw[i].value);
                }
        if (fclose(f) != 0)
                return -ENOMEM;

        r = unit_def_load_from_string(&u->manager->lookup, "scope-settings.service",
                                      isempty(d->fragment_path) ? u->id : d->fragment_path,
                                      text, size, &t);
        if (r < 0)
                return r;

        d->kill = t->kill;
        strv_free(d->cgroup.delegate_controllers);
        d->cgroup = t->cgroup;
        t->cgroup.delegate_controllers = NULL;
        d->service.runtime_max_usec = t->service.runtime_max_usec;
        d->service.runtime_randomized_extra_usec = t->service.runtime_randomized_extra_usec;
        d->service.timeout_stop_usec = t->service.timeout_stop_usec;
        d->service.oom_policy = t->service.oom_policy;

        if (slice_set && t->slice && !streq_ptr(t->slice, d->slice)) {
                if (d->slice) {
                        strv_remove(d->deps[UNIT_REQUIRES], d->slice);
                        strv_remove(d->deps[UNIT_AFTER], d->slice);
                }
                free(d->slice);
                d->slice = TAKE_PTR(t->slice);
                if (!strv_contains(d->deps[UNIT_REQUIRES], d->slice) &&
                    strv_extend(&d->deps[UNIT_REQUIRES], d->slice) < 0)
                        return -ENOMEM;
                if (!strv_contains(d->deps[UNIT_AFTER], d->slice) &&
                    strv_extend(&d->deps[UNIT_AFTER], d->slice) < 0)
                        return -ENOMEM;
        }
        return 0;
}

const UnitVTable scope_vtable = {
        .object_size = sizeof(Scope),
        .init = scope_init,
        .done = scope_done,
        .verify = scope_verify,
        .start = scope_start,
        .stop = scope_stop,
        .kill = scope_kill,
        .active_state = scope_active_state,
        .sub_state_to_string = scope_sub_state,
        .sigchld_event = scope_sigchld_event,
        .reset_failed = scope_reset_failed,
        .result_to_string = scope_result_string,
};
