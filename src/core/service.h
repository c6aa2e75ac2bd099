/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* service.h: the runtime of a .service unit, systemd.service(5). The definition is in
 * u->def->service; this is the state machine's state. */

#include "unit.h"

typedef enum ServiceState {
        SERVICE_DEAD,
        SERVICE_CONDITION,
        SERVICE_START_PRE,
        SERVICE_START,
        SERVICE_START_POST,
        SERVICE_RUNNING,
        SERVICE_EXITED,
        SERVICE_RELOAD,
        SERVICE_STOP,
        SERVICE_STOP_WATCHDOG,
        SERVICE_STOP_SIGTERM,
        SERVICE_STOP_SIGKILL,
        SERVICE_STOP_POST,
        SERVICE_FINAL_WATCHDOG,
        SERVICE_FINAL_SIGTERM,
        SERVICE_FINAL_SIGKILL,
        SERVICE_FAILED,
        SERVICE_AUTO_RESTART,
        SERVICE_CLEANING,
        _SERVICE_STATE_MAX,
        _SERVICE_STATE_INVALID = -EINVAL,
} ServiceState;

typedef enum ServiceResult {
        SERVICE_SUCCESS,
        SERVICE_FAILURE_RESOURCES,
        SERVICE_FAILURE_PROTOCOL,
        SERVICE_FAILURE_TIMEOUT,
        SERVICE_FAILURE_EXIT_CODE,
        SERVICE_FAILURE_SIGNAL,
        SERVICE_FAILURE_CORE_DUMP,
        SERVICE_FAILURE_WATCHDOG,
        SERVICE_FAILURE_START_LIMIT_HIT,
        SERVICE_FAILURE_OOM_KILL,
        SERVICE_SKIP_CONDITION,
        _SERVICE_RESULT_MAX,
        _SERVICE_RESULT_INVALID = -EINVAL,
} ServiceResult;

const char *service_state_to_string(ServiceState s);
const char *service_result_to_string(ServiceResult r);

/* The record of one run of a command, as ExecStart= etc. show it: a(sasbttttuii) */
typedef struct ExecStatus {
        DualTimestamp start_timestamp;
        DualTimestamp exit_timestamp;
        pid_t pid;
        int code;                      /* CLD_EXITED, CLD_KILLED, CLD_DUMPED; 0 never ran */
        int status;
} ExecStatus;

/* What differs between the unit types that run commands (service.c, socket.c) when one of
 * their commands is spawned; unit_spawn() does the rest. */
typedef struct UnitSpawn {
        const ExecCommand *command;
        const char *what;                 /* the command list, for messages: "ExecStartPre" … */
        ExecStatus *status;               /* its record, started here (or NULL) */
        bool is_control;
        const char *notify_socket;        /* NOTIFY_SOCKET= for the command, or NULL */
        pid_t main_pid;                   /* $MAINPID of a control command, or 0 */
        char **extra_env;                 /* $SERVICE_RESULT …, activation environment */
        int stdin_fd, stdout_fd, stderr_fd; /* a client's stdio (StandardInputFileDescriptor=), or -1 */
        int *fds;                         /* socket activation: become 3, 4, … */
        char **fd_names;
        size_t n_fds;
        int *ret_failed_status;           /* the step that failed in the child, or NULL */
} UnitSpawn;

/* Builds the command's environment (manager's, unit's, files, the extras) and argv
 * ($VAR expansion), realizes the unit's cgroup, spawns it (exec_spawn_full()), watches the
 * process and starts its ExecStatus record. */
int unit_spawn(Unit *u, const UnitSpawn *a, pid_t *ret_pid);

typedef struct Service {
        Unit meta;

        ServiceState state, deserialized_state;
        ServiceResult result;
        ServiceResult reload_result;
        ServiceResult clean_result;

        pid_t main_pid, control_pid;
        bool main_pid_known, main_pid_alien;

        /* which command of which list runs as control process */
        ServiceExecCommand control_command_id;
        size_t control_command_index;
        /* per command list, per command: last run */
        ExecStatus *exec_status[_SERVICE_EXEC_COMMAND_MAX];
        ExecStatus main_exec_status;   /* ExecMainStartTimestamp, ExecMainPID, ExecMainCode … */
        size_t main_command_index;     /* oneshot: which ExecStart= is running */

        sd_event_source *timer_source;
        sd_event_source *pid_file_poll;   /* PIDFile= not there yet when the forking parent ended */
        usec_t timer_deadline;         /* monotonic; for EXTEND_TIMEOUT_USEC= */

        char *status_text;             /* STATUS= */
        int status_errno;              /* ERRNO= */
        bool notify_ready_seen;        /* READY=1 */
        bool notify_stopping;
        bool notify_reloading;
        unsigned n_restarts;           /* NRestarts= */
        bool forbid_restart;           /* a stop job or a manual kill: no auto-restart */
        bool will_auto_restart;
        bool reload_after_start;
        DualTimestamp watchdog_timestamp;

        /* set by transient units and the bus: fds to use as stdin/out/err (StandardInputFileDescriptor=) */
        int stdin_fd, stdout_fd, stderr_fd;

        usec_t exec_main_exit_monotonic;
        int spawn_failed_status;
        /* a main process that is not our child (MAINPID= of a grandchild): its exit comes
         * through a pidfd, not SIGCHLD */
        sd_event_source *main_pidfd_source;       /* of the last spawn: the step that failed before execve(), or 0 */
} Service;

#define SERVICE(u) ((Service *) (u))

extern const UnitVTable service_vtable;

/* MONITOR_SERVICE_RESULT=, MONITOR_EXIT_CODE=, MONITOR_EXIT_STATUS=, MONITOR_INVOCATION_ID=,
 * MONITOR_UNIT= describing u, for the units its OnFailure=/OnSuccess= start */
int service_monitor_environment(Unit *u, char ***env);
