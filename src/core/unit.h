/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* unit.h: a loaded unit: its UnitDef (what the files say), its dependency graph edges, its
 * job, its timestamps and its runtime state (kept by the per-type code behind UnitVTable).
 * Not here: how a type starts or stops (service.c, target.c), jobs (job.c), D-Bus
 * (src/bus). Invariant: every name of a unit maps to it in Manager.units; a unit has at most
 * one job; deps[d] holds d's edges and the reverse kind holds the inverse edge. */

#include <sys/types.h>
#include <systemd/sd-event.h>
#include <systemd/sd-id128.h>

#include "hashmap.h"
#include "unit-def.h"

typedef struct Manager Manager;
typedef struct Unit Unit;
typedef struct Job Job;
typedef struct UnitVTable UnitVTable;

typedef enum UnitActiveState {
        UNIT_ACTIVE,
        UNIT_RELOADING,
        UNIT_INACTIVE,
        UNIT_FAILED,
        UNIT_ACTIVATING,
        UNIT_DEACTIVATING,
        UNIT_MAINTENANCE,
        _UNIT_ACTIVE_STATE_MAX,
        _UNIT_ACTIVE_STATE_INVALID = -EINVAL,
} UnitActiveState;

const char *unit_active_state_to_string(UnitActiveState s);
UnitActiveState unit_active_state_from_string(const char *s);

static inline bool UNIT_IS_ACTIVE_OR_RELOADING(UnitActiveState s) {
        return s == UNIT_ACTIVE || s == UNIT_RELOADING;
}
static inline bool UNIT_IS_ACTIVE_OR_ACTIVATING(UnitActiveState s) {
        return s == UNIT_ACTIVE || s == UNIT_ACTIVATING || s == UNIT_RELOADING;
}
static inline bool UNIT_IS_INACTIVE_OR_FAILED(UnitActiveState s) {
        return s == UNIT_INACTIVE || s == UNIT_FAILED;
}

typedef struct DualTimestamp {
        usec_t realtime;
        usec_t monotonic;
} DualTimestamp;
void dual_timestamp_now(DualTimestamp *ts);

typedef enum KillWho {
        KILL_MAIN,
        KILL_CONTROL,
        KILL_ALL,
        _KILL_WHO_MAX,
        _KILL_WHO_INVALID = -EINVAL,
} KillWho;
const char *kill_who_to_string(KillWho w);
KillWho kill_who_from_string(const char *s);

/* Result of a type's start()/stop()/reload() */
enum {
        UNIT_OP_DONE = 0,       /* the operation began (or finished); the job waits for a state change */
};

struct UnitVTable {
        size_t object_size;
        void (*init)(Unit *u);
        void (*done)(Unit *u);
        /* after a (new) UnitDef is attached; may refuse it (bad-setting) */
        int (*verify)(Unit *u);
        /* 0: started (job completes on the state change); -EALREADY: already active;
         * -EAGAIN: busy, retry later; other < 0: the job fails with that error */
        int (*start)(Unit *u);
        int (*stop)(Unit *u);
        int (*reload)(Unit *u);
        bool (*can_reload)(Unit *u);
        int (*kill)(Unit *u, KillWho who, int signo, char **ret_error_name, char **ret_error_message);
        UnitActiveState (*active_state)(Unit *u);
        const char *(*sub_state_to_string)(Unit *u);
        /* a process of this unit exited (code CLD_EXITED/KILLED/DUMPED, status) */
        void (*sigchld_event)(Unit *u, pid_t pid, int code, int status);
        /* a sd_notify datagram from pid (already checked to be of this unit) */
        void (*notify_message)(Unit *u, pid_t pid, char **tags, int *fds, size_t n_fds);
        void (*reset_failed)(Unit *u);
        bool (*may_gc)(Unit *u);          /* false: keep even if unreferenced */
        const char *(*result_to_string)(Unit *u);  /* "success", "exit-code" …; NULL if none */
        pid_t (*main_pid)(Unit *u);
        pid_t (*control_pid)(Unit *u);
        /* daemon-reload: the unit keeps its runtime state, takes the new definition */
        void (*def_changed)(Unit *u);
        /* a unit this one triggers (Triggers=) changed its state or its job */
        void (*trigger_notify)(Unit *u, Unit *other);
};

extern const UnitVTable *const unit_vtable[_UNIT_TYPE_MAX];
#define UNIT_VTABLE(u) (unit_vtable[(u)->type])

struct Unit {
        Manager *manager;
        UnitType type;
        char *id;                        /* primary name */
        char **aliases;                  /* other names (besides id) */
        UnitDef *def;                    /* never NULL once added */
        char *dbus_path;

        Set *deps[_UNIT_DEPENDENCY_MAX]; /* of Unit* */
        Job *job;

        UnitActiveState last_active_state;  /* as last notified, for the change logic */
        sd_id128_t invocation_id;
        DualTimestamp state_change_timestamp;
        DualTimestamp inactive_exit_timestamp;
        DualTimestamp active_enter_timestamp;
        DualTimestamp active_exit_timestamp;
        DualTimestamp inactive_enter_timestamp;
        DualTimestamp condition_timestamp;
        DualTimestamp assert_timestamp;
        bool condition_result;           /* of the last test; false until tested */
        bool assert_result;

        /* StartLimitIntervalSec=/StartLimitBurst= */
        usec_t start_limit_begin;
        unsigned start_limit_count;
        bool start_limit_hit;

        bool will_auto_restart;          /* passing through dead/failed on the way to a restart */
        bool transient;
        bool perpetual;                  /* -.slice, init.scope: never stopped or collected */
        bool need_daemon_reload_cached;
        /* UnitFilePreset=, asked of the preset files once per definition (as systemd does):
         * NULL until then */
        const char *unit_file_preset;
        unsigned n_refs;                 /* AddRef= and clients' references */
        Set *bus_refs;                   /* unique bus names holding a reference (AddRef=) */

        char *cgroup_path;               /* "" when the unit has no cgroup */
        bool cgroup_realized;
        const UnitDef *cgroup_warned_def;  /* the definition whose unenforced limits were warned of */

        /* queues, each a singly linked list through these fields */
        bool in_run_queue, in_gc_queue, in_dbus_queue, in_stop_when_unneeded_queue,
                in_upholds_queue;
        Unit *gc_next, *dbus_next, *unneeded_next, *upholds_next;
        bool sent_dbus_new_signal;

        /* MONITOR_*= of the unit whose OnFailure=/OnSuccess= started this one, systemd.exec(5) */
        char **activation_env;
};

#define UNIT_DEREF(u, Type) ((Type *) (u))

/* lifecycle */
int unit_new(Manager *m, const char *name, Unit **ret);   /* allocates per vtable size */
Unit *unit_free(Unit *u);
int unit_add_name(Unit *u, const char *name);
int unit_set_def(Unit *u, UnitDef *def);                  /* takes ownership */

/* graph */
int unit_add_dependency(Unit *u, UnitDependency d, Unit *other);  /* adds the inverse too */
void unit_remove_dependencies(Unit *u);
static inline Set *unit_deps(Unit *u, UnitDependency d) {
        return u->deps[d];
}

/* state */
UnitActiveState unit_active_state(Unit *u);
const char *unit_sub_state_to_string(Unit *u);
const char *unit_description(Unit *u);
bool unit_can_start(Unit *u);
bool unit_can_reload(Unit *u);
/* called by the per-type code on every state change; completes jobs, propagates, emits signals */
void unit_notify(Unit *u, UnitActiveState os, UnitActiveState ns, bool reload_success);
/* systemctl kill: KILL_MAIN/KILL_CONTROL signal that process (NoSuchProcess when there is
 * none), KILL_ALL both and the rest of the unit's processes */
int unit_kill_common(Unit *u, KillWho who, int signo, pid_t main_pid, pid_t control_pid,
                     char **ret_error_name, char **ret_error_message);
/* tells the units that trigger u (TriggeredBy=) that its state or job changed */
void unit_trigger_notify(Unit *u);
void unit_add_to_dbus_queue(Unit *u);
void unit_add_to_gc_queue(Unit *u);
bool unit_may_gc(Unit *u);
bool unit_need_daemon_reload(Unit *u);
int unit_test_conditions(Unit *u);                        /* 1 pass, 0 condition failed */
int unit_test_asserts(Unit *u);
bool unit_test_start_limit(Unit *u);                      /* false: limit hit */
void unit_reset_failed(Unit *u);
int unit_kill(Unit *u, KillWho who, int signo, char **ret_error_name, char **ret_error_message);
pid_t unit_main_pid(Unit *u);
pid_t unit_control_pid(Unit *u);
const char *unit_result_string(Unit *u);

/* processes: pid → unit, for SIGCHLD and notify */
int unit_watch_pid(Unit *u, pid_t pid);
void unit_unwatch_pid(Unit *u, pid_t pid);

/* the environment a unit's processes get from the manager (set-environment), merged */
char **unit_manager_environment(Unit *u);
