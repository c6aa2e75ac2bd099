/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* manager.h: the manager: its event loop, its units by name, its jobs by id, the queues that
 * carry consequences (run queue of jobs, GC queue, D-Bus queue), the manager environment, and
 * the connections (private socket, bus broker). One loop, no threads, nothing blocking. */

#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

#include "hashmap.h"
#include "load.h"
#include "unit.h"

typedef struct Job Job;

typedef enum ManagerState {
        MANAGER_INITIALIZING,
        MANAGER_STARTING,
        MANAGER_RUNNING,
        MANAGER_DEGRADED,
        MANAGER_MAINTENANCE,
        MANAGER_STOPPING,
        _MANAGER_STATE_MAX,
        _MANAGER_STATE_INVALID = -EINVAL,
} ManagerState;
const char *manager_state_to_string(ManagerState s);     /* "running", "degraded", … */

typedef enum ManagerObjective {
        MANAGER_OK,
        MANAGER_EXIT,
        MANAGER_RELOAD,
        MANAGER_REEXECUTE,
        _MANAGER_OBJECTIVE_MAX,
} ManagerObjective;

struct Manager {
        sd_event *event;
        RuntimeScope scope;
        LookupPaths lookup;

        Hashmap *units;                  /* name → Unit*, every name of every unit */
        Hashmap *jobs;                   /* UINT32_TO_PTR(id) → Job* */
        Hashmap *watch_pids;             /* PID_TO_PTR(pid) → Unit* */
        uint32_t current_job_id;
        unsigned n_running_jobs;

        Job *run_queue;                  /* jobs to try to run */
        Unit *gc_queue, *dbus_unit_queue, *stop_when_unneeded_queue, *upholds_queue;
        Job *dbus_job_queue;
        sd_event_source *run_queue_source;  /* deferred, drains the queues */

        char **environment;              /* set-environment; passed to every unit */
        char *default_target;            /* --unit= or default.target */

        /* private socket and bus */
        int private_listen_fd;
        sd_event_source *private_listen_source;
        char **unit_presets;             /* the *.preset rules (unit_presets_read()), NULL: not read yet */
        Set *private_buses;              /* sd_bus* of direct connections */
        sd_bus *api_bus;                 /* connection to the broker, NULL if none */
        sd_event_source *api_bus_retry_source;

        /* sd_notify */
        int notify_fd;
        char *notify_socket;
        sd_event_source *notify_source;

        /* cgroups, when the manager may create them below its own */
        char *cgroup_root;               /* e.g. "/user.slice/.../init.scope" parent; NULL: not used */
        bool cgroup_ok;
        bool attached_processes;        /* AttachProcessesToUnit moved a process into a unit */

        sd_event_source *sigchld_source, *sigterm_source, *sigint_source, *sighup_source;

        DualTimestamp timestamp_startup;
        DualTimestamp timestamp_finish;
        ManagerObjective objective;
        bool dispatching_run_queue;
        bool reloading;
        unsigned n_reloading;
        unsigned n_failed_units;
        int exit_code;
        char *runtime_dir;               /* $XDG_RUNTIME_DIR, or /run */
        char *transient_dir;             /* where transient unit files are written */
        char *home;
        char *user_name;
        uid_t uid;
        gid_t gid;
        bool test_run;
};

#define UINT32_TO_PTR(u) ((void *) (uintptr_t) (u))
#define PTR_TO_UINT32(p) ((uint32_t) (uintptr_t) (p))
#define PID_TO_PTR(p) ((void *) (uintptr_t) (p))
#define PTR_TO_PID(p) ((pid_t) (uintptr_t) (p))

int manager_new(RuntimeScope scope, Manager **ret);
Manager *manager_free(Manager *m);
int manager_startup(Manager *m);
int manager_loop(Manager *m);

/* Returns the unit of that name, loading it from disk when not loaded yet. Valid names
 * always give a unit (not-found included); -EINVAL for invalid names. */
int manager_load_unit(Manager *m, const char *name, Unit **ret);
Unit *manager_get_unit(Manager *m, const char *name);
Unit *manager_get_unit_by_pid(Manager *m, pid_t pid);
Job *manager_get_job(Manager *m, uint32_t id);
int manager_reload(Manager *m);                          /* daemon-reload */
void manager_trigger_run_queue(Manager *m);
ManagerState manager_state(Manager *m);
void manager_dispatch_gc_queue(Manager *m);

/* the manager environment */
int manager_set_environment(Manager *m, char **assignments);
int manager_unset_environment(Manager *m, char **names);

/* D-Bus hooks the core calls (implemented in src/bus) */
void bus_unit_send_change_signal(Unit *u);
void bus_unit_send_removed_signal(Unit *u);
/* forget the references clients of bus (NULL: any) hold on u; true if there were any */
bool bus_unit_drop_refs(Unit *u, sd_bus *bus);
void bus_job_send_change_signal(Job *j);
void bus_job_send_removed_signal(Job *j, const char *result);
void bus_manager_send_reloading(Manager *m, bool active);
void bus_manager_send_unit_files_changed(Manager *m);
int bus_init(Manager *m);                                /* private socket and broker */
void bus_done(Manager *m);
