/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* unit.c: what every unit has regardless of type: names, definition, dependency edges, the
 * state-change logic (timestamps, job completion, OnFailure=/OnSuccess=, BindsTo= stops,
 * StopWhenUnneeded=, Upholds=), conditions, the start limit, GC. Not here: how a type starts
 * and stops (service.c, target.c), jobs and transactions (job.c). Invariant: the inverse of
 * every edge in deps[] is in the other unit's deps[]. */

#include <signal.h>
#include <sys/stat.h>
#include <time.h>
#include <fnmatch.h>

#include "cgroup.h"
#include "env-util.h"
#include "exec.h"
#include "job.h"
#include "log.h"
#include "manager.h"
#include "path-util.h"
#include "process.h"
#include "scope.h"
#include "service.h"
#include "socket.h"
#include "strv.h"
#include "time-util.h"
#include "unit.h"

extern const UnitVTable target_vtable, slice_vtable, unsupported_vtable;

const UnitVTable *const unit_vtable[_UNIT_TYPE_MAX] = {
        [UNIT_SERVICE] = &service_vtable,
        [UNIT_TARGET] = &target_vtable,
        [UNIT_SLICE] = &slice_vtable,
        [UNIT_MOUNT] = &unsupported_vtable,
        [UNIT_SWAP] = &unsupported_vtable,
        [UNIT_SOCKET] = &socket_vtable,
        [UNIT_DEVICE] = &unsupported_vtable,
        [UNIT_AUTOMOUNT] = &unsupported_vtable,
        [UNIT_TIMER] = &unsupported_vtable,
        [UNIT_PATH] = &unsupported_vtable,
        [UNIT_SCOPE] = &scope_vtable,
};

static const char *const active_state_table[_UNIT_ACTIVE_STATE_MAX] = {
        [UNIT_ACTIVE] = "active",
        [UNIT_RELOADING] = "reloading",
        [UNIT_INACTIVE] = "inactive",
        [UNIT_FAILED] = "failed",
        [UNIT_ACTIVATING] = "activating",
        [UNIT_DEACTIVATING] = "deactivating",
        [UNIT_MAINTENANCE] = "maintenance",
};

const char *unit_active_state_to_string(UnitActiveState s) {
        return s >= 0 && s < _UNIT_ACTIVE_STATE_MAX ? active_state_table[s] : NULL;
}

UnitActiveState unit_active_state_from_string(const char *s) {
        for (int i = 0; i < _UNIT_ACTIVE_STATE_MAX; i++)
                if (streq(active_state_table[i], s))
                        return i;
        return _UNIT_ACTIVE_STATE_INVALID;
}

static const char *const kill_who_table[_KILL_WHO_MAX] = {
        [KILL_MAIN] = "main",
        [KILL_CONTROL] = "control",
        [KILL_ALL] = "all",
};

const char *kill_who_to_string(KillWho w) {
        return w >= 0 && w < _KILL_WHO_MAX ? kill_who_table[w] : NULL;
}

KillWho kill_who_from_string(const char *s) {
        for (int i = 0; i < _KILL_WHO_MAX; i++)
                if (streq(kill_who_table[i], s))
                        return i;
        return _KILL_WHO_INVALID;
}

void dual_timestamp_now(DualTimestamp *ts) {
        ts->realtime = now(CLOCK_REALTIME);
        ts->monotonic = now(CLOCK_MONOTONIC);
}

int unit_new(Manager *m, const char *name, Unit **ret) {
        UnitType t;
        Unit *u;
        int r;

        assert(m);
        assert(name);

        t = unit_name_to_type(name);
        if (t < 0)
                return -EINVAL;

        u = calloc(1, unit_vtable[t]->object_size);
        if (!u)
                return -ENOMEM;
        u->manager = m;
        u->type = t;
        /* ConditionResult=/AssertResult= are "no" until tested, as in systemd; the asserts are
         * not tested when a condition failed */
        u->last_active_state = UNIT_INACTIVE;
        u->id = strdup(name);
        u->dbus_path = unit_dbus_path_from_name(name);
        if (!u->id || !u->dbus_path) {
                free(u->id);
                free(u->dbus_path);
                free(u);
                return -ENOMEM;
        }
        if (UNIT_VTABLE(u)->init)
                UNIT_VTABLE(u)->init(u);

        r = hashmap_put(m->units, u->id, u);
        if (r < 0) {
                if (UNIT_VTABLE(u)->done)
                        UNIT_VTABLE(u)->done(u);
                free(u->id);
                free(u->dbus_path);
                free(u);
                return r;
        }

        *ret = u;
        return 0;
}

int unit_add_name(Unit *u, const char *name) {
        int r;

        if (streq(name, u->id) || strv_contains(u->aliases, name))
                return 0;
        if (hashmap_contains(u->manager->units, name))
                return -EEXIST;
        r = strv_extend(&u->aliases, name);
        if (r < 0)
                return r;
        /* the key must live as long as the entry: point it at our copy */
        r = hashmap_put(u->manager->units, u->aliases[strv_length(u->aliases) - 1], u);
        if (r < 0)
                return r;
        return 0;
}

static void unit_remove_from_queues(Unit *u) {
        Manager *m = u->manager;
        Unit **p;

        if (u->in_gc_queue)
                for (p = &m->gc_queue; *p; p = &(*p)->gc_next)
                        if (*p == u) {
                                *p = u->gc_next;
                                break;
                        }
        if (u->in_dbus_queue)
                for (p = &m->dbus_unit_queue; *p; p = &(*p)->dbus_next)
                        if (*p == u) {
                                *p = u->dbus_next;
                                break;
                        }
        if (u->in_stop_when_unneeded_queue)
                for (p = &m->stop_when_unneeded_queue; *p; p = &(*p)->unneeded_next)
                        if (*p == u) {
                                *p = u->unneeded_next;
                                break;
                        }
        if (u->in_upholds_queue)
                for (p = &m->upholds_queue; *p; p = &(*p)->upholds_next)
                        if (*p == u) {
                                *p = u->upholds_next;
                                break;
                        }
        u->in_gc_queue = u->in_dbus_queue = u->in_stop_when_unneeded_queue = u->in_upholds_queue = false;
}

Unit *unit_free(Unit *u) {
        if (!u)
                return NULL;

        if (u->job)
                job_finish_and_invalidate(u->job, JOB_CANCELED, false);

        if (u->sent_dbus_new_signal)
                bus_unit_send_removed_signal(u);

        if (UNIT_VTABLE(u)->done)
                UNIT_VTABLE(u)->done(u);

        /* a transient unit's file lives as long as the unit (systemd.unit(5), Transient=) */
        if (u->transient && u->def && !isempty(u->def->fragment_path) &&
            !isempty(u->manager->transient_dir) &&
            path_startswith(u->def->fragment_path, u->manager->transient_dir)) {
                _cleanup_free_ char *dir = NULL;
                struct timespec before = { -1, -1 };
                struct stat st;

                if (path_dirname(u->def->fragment_path, &dir) >= 0 && stat(dir, &st) >= 0)
                        before = st.st_mtim;
                if (unlink(u->def->fragment_path) >= 0 && dir)
                        lookup_paths_note_file(&u->manager->lookup, dir,
                                               basename_ptr(u->def->fragment_path), false, &before);
        }

        unit_remove_dependencies(u);
        unit_remove_from_queues(u);

        if (hashmap_get(u->manager->units, u->id) == u)
                hashmap_remove(u->manager->units, u->id);
        STRV_FOREACH(a, u->aliases)
                if (hashmap_get(u->manager->units, *a) == u)
                        hashmap_remove(u->manager->units, *a);

        /* drop any pid still pointing at us */
        {
                Unit *w;
                const void *k;
                for (size_t i = 0; hashmap_iterate(u->manager->watch_pids, &i, (void **) &w, &k);)
                        if (w == u)
                                hashmap_remove(u->manager->watch_pids, k);
        }

        cgroup_unit_release(u);
        bus_unit_drop_refs(u, NULL);
        set_free(u->bus_refs);
        strv_free(u->activation_env);
        unit_def_free(u->def);
        strv_free(u->aliases);
        free(u->cgroup_path);
        free(u->dbus_path);
        free(u->id);
        free(u);
        return NULL;
}

int unit_set_def(Unit *u, UnitDef *def) {
        assert(u);
        assert(def);

        unit_def_free(u->def);
        u->def = def;
        u->unit_file_preset = NULL;
        if (def->transient)
                u->transient = true;
        if (u->def->load_state == UNIT_LOADED && UNIT_VTABLE(u)->verify) {
                int r = UNIT_VTABLE(u)->verify(u);
                if (r < 0 && u->def->load_state == UNIT_LOADED)
                        u->def->load_state = UNIT_BAD_SETTING;
        }
        return 0;
}

int unit_add_dependency(Unit *u, UnitDependency d, Unit *other) {
        UnitDependency inv;
        int r;

        assert(u);
        assert(other);
        assert(d >= 0 && d < _UNIT_DEPENDENCY_MAX);

        if (u == other)
                return 0;       /* systemd drops self-references with a warning */

        inv = unit_dependency_inverse(d);
        r = set_ensure_put(&u->deps[d], other);
        if (r < 0)
                return r;
        if (inv >= 0) {
                r = set_ensure_put(&other->deps[inv], u);
                if (r < 0)
                        return r;
        }
        return 0;
}

void unit_remove_dependencies(Unit *u) {
        for (UnitDependency d = 0; d < _UNIT_DEPENDENCY_MAX; d++) {
                UnitDependency inv = unit_dependency_inverse(d);
                Unit *other;

                if (inv >= 0)
                        SET_FOREACH(other, u->deps[d]) {
                                set_remove(other->deps[inv], u);
                                /* the other unit may have become unreferenced */
                                unit_add_to_gc_queue(other);
                        }
                u->deps[d] = set_free(u->deps[d]);
        }
}

UnitActiveState unit_active_state(Unit *u) {
        return UNIT_VTABLE(u)->active_state(u);
}

const char *unit_sub_state_to_string(Unit *u) {
        return UNIT_VTABLE(u)->sub_state_to_string(u);
}

const char *unit_description(Unit *u) {
        if (u->def && !isempty(u->def->unit.description))
                return u->def->unit.description;
        return u->id;
}

bool unit_can_start(Unit *u) {
        return UNIT_VTABLE(u)->start != NULL && u->def && u->def->load_state == UNIT_LOADED;
}

bool unit_can_reload(Unit *u) {
        return UNIT_VTABLE(u)->can_reload && UNIT_VTABLE(u)->can_reload(u);
}

pid_t unit_main_pid(Unit *u) {
        return UNIT_VTABLE(u)->main_pid ? UNIT_VTABLE(u)->main_pid(u) : 0;
}

pid_t unit_control_pid(Unit *u) {
        return UNIT_VTABLE(u)->control_pid ? UNIT_VTABLE(u)->control_pid(u) : 0;
}

const char *unit_result_string(Unit *u) {
        return UNIT_VTABLE(u)->result_to_string ? UNIT_VTABLE(u)->result_to_string(u) : NULL;
}

void unit_add_to_dbus_queue(Unit *u) {
        if (u->in_dbus_queue)
                return;
        u->in_dbus_queue = true;
        u->dbus_next = u->manager->dbus_unit_queue;
        u->manager->dbus_unit_queue = u;
        manager_trigger_run_queue(u->manager);
}

void unit_add_to_gc_queue(Unit *u) {
        if (u->in_gc_queue)
                return;
        u->in_gc_queue = true;
        u->gc_next = u->manager->gc_queue;
        u->manager->gc_queue = u;
        manager_trigger_run_queue(u->manager);
}

static void unit_add_to_stop_when_unneeded_queue(Unit *u) {
        if (u->in_stop_when_unneeded_queue)
                return;
        u->in_stop_when_unneeded_queue = true;
        u->unneeded_next = u->manager->stop_when_unneeded_queue;
        u->manager->stop_when_unneeded_queue = u;
        manager_trigger_run_queue(u->manager);
}

static void unit_add_to_upholds_queue(Unit *u) {
        if (u->in_upholds_queue)
                return;
        u->in_upholds_queue = true;
        u->upholds_next = u->manager->upholds_queue;
        u->manager->upholds_queue = u;
        manager_trigger_run_queue(u->manager);
}

/* systemd.unit(5) CollectMode=; a unit stays while anything references it */
bool unit_may_gc(Unit *u) {
        UnitActiveState s;

        if (u->perpetual || u->job)
                return false;
        if (u->n_refs > 0 || set_size(u->bus_refs) > 0)
                return false;
        s = unit_active_state(u);
        if (u->def && u->def->unit.collect_mode == COLLECT_INACTIVE_OR_FAILED) {
                if (!UNIT_IS_INACTIVE_OR_FAILED(s))
                        return false;
        } else if (s != UNIT_INACTIVE)
                return false;
        if (UNIT_VTABLE(u)->may_gc && !UNIT_VTABLE(u)->may_gc(u))
                return false;
        if (u == manager_get_unit(u->manager, u->manager->default_target))
                return false;
        /* referenced by another unit's files (References=/ReferencedBy=) */
        if (set_size(u->deps[UNIT_REFERENCED_BY]) > 0)
                return false;
        return true;
}

bool unit_need_daemon_reload(Unit *u) {
        struct stat st;

        if (!u->def || u->transient)
                return false;
        if (!isempty(u->def->fragment_path) && !streq(u->def->fragment_path, "/dev/null")) {
                /* a mask is the link itself: its target /dev/null changes whenever it is written */
                int k = u->def->load_state == UNIT_MASKED ? lstat(u->def->fragment_path, &st) :
                                                            stat(u->def->fragment_path, &st);
                if (k < 0)
                        return true;
                if (timespec_load(&st.st_mtim) != u->def->fragment_mtime)
                        return true;
        }
        STRV_FOREACH(p, u->def->dropin_paths) {
                if (stat(*p, &st) < 0)
                        return true;
                if (timespec_load(&st.st_mtim) > u->def->dropin_mtime)
                        return true;
        }
        return false;
}

static void unit_start_on_list(Unit *u, UnitDependency d, int mode) {
        Unit *other;

        SET_FOREACH(other, u->deps[d]) {
                _cleanup_free_ char *en = NULL, *em = NULL;
                int r;

                other->activation_env = strv_free(other->activation_env);
                if (u->type == UNIT_SERVICE)
                        (void) service_monitor_environment(u, &other->activation_env);
                r = manager_add_job(u->manager, JOB_START, other, mode, &en, &em, NULL);
                if (r < 0)
                        log_warning("%s: failed to enqueue %s job for %s: %s", u->id,
                                    d == UNIT_ON_FAILURE ? "OnFailure=" : "OnSuccess=", other->id,
                                    strna(em));
        }
}

static void unit_check_binds_to(Unit *u) {
        Unit *other;

        /* units bound to us go down with us (BindsTo=, systemd.unit(5)); not while we have a
         * job (the stop half of a restart), nor those that have one, as systemd */
        if (u->job)
                return;
        SET_FOREACH(other, u->deps[UNIT_BOUND_BY]) {
                UnitActiveState s = unit_active_state(other);
                if (other->job)
                        continue;
                if (UNIT_IS_INACTIVE_OR_FAILED(s))
                        continue;
                (void) manager_add_job(u->manager, JOB_STOP, other, JOB_REPLACE, NULL, NULL, NULL);
        }
}

int unit_kill_common(Unit *u, KillWho who, int signo, pid_t main_pid, pid_t control_pid,
                     char **ret_error_name, char **ret_error_message) {
        if (who == KILL_MAIN || who == KILL_CONTROL) {
                pid_t pid = who == KILL_MAIN ? main_pid : control_pid;

                if (pid <= 0) {
                        if (ret_error_name)
                                *ret_error_name = strdup("org.freedesktop.systemd1.NoSuchProcess");
                        if (ret_error_message)
                                *ret_error_message = strdup(who == KILL_MAIN ? "No main process to kill" :
                                                            "No control process to kill");
                        return -ESRCH;
                }
                return kill(pid, signo) < 0 ? -errno : 0;
        }
        if (main_pid > 0)
                (void) kill(main_pid, signo);
        if (control_pid > 0)
                (void) kill(control_pid, signo);
        (void) unit_kill_all(u, signo, 0);
        return 0;
}

void unit_trigger_notify(Unit *u) {
        Unit *other;

        SET_FOREACH(other, u->deps[UNIT_TRIGGERED_BY])
                if (UNIT_VTABLE(other)->trigger_notify)
                        UNIT_VTABLE(other)->trigger_notify(other, u);
}

void unit_notify(Unit *u, UnitActiveState os, UnitActiveState ns, bool reload_success) {
        Manager *m = u->manager;
        bool unexpected = false;
        DualTimestamp ts;

        dual_timestamp_now(&ts);
        u->state_change_timestamp = ts;
        if (UNIT_IS_INACTIVE_OR_FAILED(os) && !UNIT_IS_INACTIVE_OR_FAILED(ns))
                u->inactive_exit_timestamp = ts;
        else if (!UNIT_IS_INACTIVE_OR_FAILED(os) && UNIT_IS_INACTIVE_OR_FAILED(ns))
                u->inactive_enter_timestamp = ts;
        if (!UNIT_IS_ACTIVE_OR_RELOADING(os) && UNIT_IS_ACTIVE_OR_RELOADING(ns))
                u->active_enter_timestamp = ts;
        else if (UNIT_IS_ACTIVE_OR_RELOADING(os) && !UNIT_IS_ACTIVE_OR_RELOADING(ns))
                u->active_exit_timestamp = ts;

        if (os != UNIT_FAILED && ns == UNIT_FAILED)
                m->n_failed_units++;
        else if (os == UNIT_FAILED && ns != UNIT_FAILED && m->n_failed_units > 0)
                m->n_failed_units--;

        if (u->job) {
                Job *j = u->job;

                switch (j->type) {
                case JOB_START:
                case JOB_VERIFY_ACTIVE:
                        if (UNIT_IS_ACTIVE_OR_RELOADING(ns))
                                job_finish_and_invalidate(j, JOB_DONE, true);
                        else if (j->state == JOB_RUNNING && ns != UNIT_ACTIVATING) {
                                unexpected = true;
                                if (UNIT_IS_INACTIVE_OR_FAILED(ns))
                                        job_finish_and_invalidate(j, ns == UNIT_FAILED ? JOB_FAILED : JOB_DONE, true);
                        }
                        break;

                case JOB_RELOAD:
                case JOB_RELOAD_OR_START:
                case JOB_TRY_RELOAD:
                        if (j->state == JOB_RUNNING) {
                                if (ns == UNIT_ACTIVE)
                                        job_finish_and_invalidate(j, reload_success ? JOB_DONE : JOB_FAILED, true);
                                else if (ns != UNIT_ACTIVATING && ns != UNIT_RELOADING) {
                                        unexpected = true;
                                        if (UNIT_IS_INACTIVE_OR_FAILED(ns))
                                                job_finish_and_invalidate(j, ns == UNIT_FAILED ? JOB_FAILED : JOB_DONE, true);
                                }
                        }
                        break;

                case JOB_STOP:
                case JOB_RESTART:
                case JOB_TRY_RESTART:
                        if (UNIT_IS_INACTIVE_OR_FAILED(ns))
                                job_finish_and_invalidate(j, JOB_DONE, true);
                        else if (j->state == JOB_RUNNING && ns != UNIT_DEACTIVATING) {
                                unexpected = true;
                                job_finish_and_invalidate(j, JOB_FAILED, true);
                        }
                        break;

                case JOB_NOP:
                case _JOB_TYPE_MAX:
                case _JOB_TYPE_INVALID:
                        break;
                }
        } else
                unexpected = true;

        if (m->n_reloading == 0) {
                /* A unit going down drags its BindsTo= dependents with it, whatever the cause */
                if (UNIT_IS_INACTIVE_OR_FAILED(ns) && !UNIT_IS_INACTIVE_OR_FAILED(os) && !u->will_auto_restart)
                        unit_check_binds_to(u);
                (void) unexpected;

                if (ns == UNIT_FAILED && os != UNIT_FAILED) {
                        log_info("%s: unit entered failed state.", u->id);
                        if (!u->will_auto_restart)
                                unit_start_on_list(u, UNIT_ON_FAILURE, u->def ? u->def->unit.on_failure_job_mode : JOB_REPLACE);
                } else if (ns == UNIT_INACTIVE && !UNIT_IS_INACTIVE_OR_FAILED(os) && os != UNIT_MAINTENANCE &&
                           !u->will_auto_restart)
                        unit_start_on_list(u, UNIT_ON_SUCCESS, u->def ? u->def->unit.on_success_job_mode : JOB_FAIL);

                /* StopWhenUnneeded= of what we pulled in, and Upholds= of us/by us */
                if (UNIT_IS_INACTIVE_OR_FAILED(ns)) {
                        static const UnitDependency pulled[] = { UNIT_REQUIRES, UNIT_REQUISITE, UNIT_WANTS, UNIT_BINDS_TO };
                        Unit *other;
                        for (size_t i = 0; i < ELEMENTSOF(pulled); i++)
                                SET_FOREACH(other, u->deps[pulled[i]])
                                        if (other->def && other->def->unit.stop_when_unneeded)
                                                unit_add_to_stop_when_unneeded_queue(other);
                        if (set_size(u->deps[UNIT_UPHELD_BY]) > 0)
                                unit_add_to_upholds_queue(u);
                }
                if (ns == UNIT_ACTIVE && u->def && u->def->unit.stop_when_unneeded)
                        unit_add_to_stop_when_unneeded_queue(u);
                if (UNIT_IS_ACTIVE_OR_RELOADING(ns) && set_size(u->deps[UNIT_UPHOLDS]) > 0) {
                        Unit *other;
                        SET_FOREACH(other, u->deps[UNIT_UPHOLDS])
                                unit_add_to_upholds_queue(other);
                }
        }

        u->last_active_state = ns;
        unit_trigger_notify(u);
        unit_add_to_dbus_queue(u);
        unit_add_to_gc_queue(u);
        manager_trigger_run_queue(m);
}

/* StopWhenUnneeded=: true when nothing active or about to start pulls u in */
bool unit_is_unneeded(Unit *u) {
        static const UnitDependency needers[] = { UNIT_REQUIRED_BY, UNIT_REQUISITE_OF, UNIT_WANTED_BY, UNIT_BOUND_BY };
        Unit *other;

        if (!u->def || !u->def->unit.stop_when_unneeded)
                return false;
        if (!UNIT_IS_ACTIVE_OR_RELOADING(unit_active_state(u)) || u->job)
                return false;
        for (size_t i = 0; i < ELEMENTSOF(needers); i++)
                SET_FOREACH(other, u->deps[needers[i]]) {
                        if (other->job && other->job->type != JOB_STOP)
                                return false;
                        if (!UNIT_IS_INACTIVE_OR_FAILED(unit_active_state(other)))
                                return false;
                }
        return true;
}

/* Upholds=: u should be started when an active unit upholds it and it is down */
bool unit_is_upheld_and_down(Unit *u) {
        Unit *other;

        if (u->job || !UNIT_IS_INACTIVE_OR_FAILED(unit_active_state(u)))
                return false;
        SET_FOREACH(other, u->deps[UNIT_UPHELD_BY])
                if (UNIT_IS_ACTIVE_OR_RELOADING(unit_active_state(other)))
                        return true;
        return false;
}

void unit_reset_failed(Unit *u) {
        if (UNIT_VTABLE(u)->reset_failed)
                UNIT_VTABLE(u)->reset_failed(u);
        u->start_limit_count = 0;
        u->start_limit_begin = 0;
        u->start_limit_hit = false;
        unit_add_to_dbus_queue(u);
        unit_add_to_gc_queue(u);
}

/* StartLimitIntervalSec=/StartLimitBurst=, systemd.unit(5); false when the limit is hit */
bool unit_test_start_limit(Unit *u) {
        usec_t n = now(CLOCK_MONOTONIC);
        usec_t interval = u->def ? u->def->unit.start_limit_interval_usec : 10 * USEC_PER_SEC;
        unsigned burst = u->def ? u->def->unit.start_limit_burst : 5;

        if (interval == 0 || burst == 0)
                return true;
        if (u->start_limit_begin == 0 || n >= u->start_limit_begin + interval) {
                u->start_limit_begin = n;
                u->start_limit_count = 0;
        }
        if (u->start_limit_count < burst) {
                u->start_limit_count++;
                return true;
        }
        u->start_limit_hit = true;
        return false;
}

int unit_kill(Unit *u, KillWho who, int signo, char **ret_error_name, char **ret_error_message) {
        if (!UNIT_VTABLE(u)->kill)
                return -EOPNOTSUPP;
        return UNIT_VTABLE(u)->kill(u, who, signo, ret_error_name, ret_error_message);
}

int unit_spawn(Unit *u, const UnitSpawn *a, pid_t *ret_pid) {
        Manager *m = u->manager;
        const ExecCommand *c = a->command;
        _cleanup_strv_free_ char **env = NULL, **argv = NULL;
        _cleanup_free_ char *cgfs = NULL;
        char invocation[33];
        pid_t pid;
        int r;

        sd_id128_to_string(u->invocation_id, invocation);
        r = exec_build_environment(&u->def->exec, m->environment, u->id, invocation, a->notify_socket,
                                   a->main_pid, a->extra_env, &env);
        if (r < 0)
                return log_warning_errno(r, "%s: Failed to load environment files: %m", u->id);

        argv = (c->flags & EXEC_COMMAND_NO_ENV_EXPAND) ? strv_copy(c->argv) : replace_env_argv(c->argv, env);
        if (!argv)
                return -ENOMEM;
        ExecCommand cmd = *c;
        cmd.argv = argv;

        ExecParameters p = {
                .unit_id = u->id,
                .environment = env,
                .flags = (a->is_control ? EXEC_IS_CONTROL : 0) | (a->n_fds > 0 ? EXEC_PASS_FDS : 0),
                .fds = a->fds,
                .n_fds = a->n_fds,
                .fd_names = a->fd_names,
                .stdin_fd = a->stdin_fd,
                .stdout_fd = a->stdout_fd,
                .stderr_fd = a->stderr_fd,
                .notify_socket = a->notify_socket,
                .user_mode = m->scope == RUNTIME_SCOPE_USER,
                .manager_home = m->home,
                .log_fd = STDERR_FILENO,
        };
        if (cgroup_unit_realize(u)) {
                cgfs = cgroup_fs_path(u->cgroup_path);
                p.cgroup_path = cgfs;
        }

        r = exec_spawn_full(&cmd, &u->def->exec, &p, &pid, a->ret_failed_status);
        if (r < 0)
                return log_warning_errno(r, "%s: Failed to spawn '%s' task: %m", u->id, a->what);

        (void) unit_watch_pid(u, pid);
        (void) unit_add_session(u, pid);
        if (a->status) {
                *a->status = (ExecStatus) { .pid = pid };
                dual_timestamp_now(&a->status->start_timestamp);
        }
        *ret_pid = pid;
        return 0;
}

int unit_watch_pid(Unit *u, pid_t pid) {
        if (pid <= 0)
                return -EINVAL;
        return hashmap_replace(u->manager->watch_pids, PID_TO_PTR(pid), u);
}

void unit_unwatch_pid(Unit *u, pid_t pid) {
        if (pid <= 0)
                return;
        if (hashmap_get(u->manager->watch_pids, PID_TO_PTR(pid)) == u)
                hashmap_remove(u->manager->watch_pids, PID_TO_PTR(pid));
}

char **unit_manager_environment(Unit *u) {
        return u->manager->environment;
}
