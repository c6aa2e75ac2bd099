/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* unit-def.h: the typed description of a unit as its files define it: what the loader
 * (load-unit.c) produces and the manager (src/core) runs. Nothing here is runtime state; a
 * daemon-reload builds new UnitDefs and swaps them in. Names of enums' strings are systemd's,
 * verbatim (systemctl show prints them). Field names below are a contract with src/core and
 * src/bus: add fields freely, do not rename. */

#include <sys/resource.h>
#include <sys/types.h>

#include "macro.h"
#include "unit-name.h"

typedef enum UnitLoadState {
        UNIT_STUB,
        UNIT_LOADED,
        UNIT_NOT_FOUND,
        UNIT_BAD_SETTING,
        UNIT_ERROR,
        UNIT_MERGED,
        UNIT_MASKED,
        _UNIT_LOAD_STATE_MAX,
        _UNIT_LOAD_STATE_INVALID = -EINVAL,
} UnitLoadState;

/* Every dependency kind systemd records, forward and reverse. The loader fills the forward
 * kinds from the files (and .wants/.requires/.upholds directories, implicit and default
 * dependencies); the reverse kinds are filled by whoever sees all units (the manager, or
 * load_units() for the units of one call). */
typedef enum UnitDependency {
        UNIT_REQUIRES,
        UNIT_REQUISITE,
        UNIT_WANTS,
        UNIT_BINDS_TO,
        UNIT_PART_OF,
        UNIT_UPHOLDS,
        UNIT_REQUIRED_BY,
        UNIT_REQUISITE_OF,
        UNIT_WANTED_BY,
        UNIT_BOUND_BY,
        UNIT_UPHELD_BY,
        UNIT_CONSISTS_OF,
        UNIT_CONFLICTS,
        UNIT_CONFLICTED_BY,
        UNIT_BEFORE,
        UNIT_AFTER,
        UNIT_ON_SUCCESS,
        UNIT_ON_SUCCESS_OF,
        UNIT_ON_FAILURE,
        UNIT_ON_FAILURE_OF,
        UNIT_TRIGGERS,
        UNIT_TRIGGERED_BY,
        UNIT_PROPAGATES_RELOAD_TO,
        UNIT_RELOAD_PROPAGATED_FROM,
        UNIT_PROPAGATES_STOP_TO,
        UNIT_STOP_PROPAGATED_FROM,
        UNIT_JOINS_NAMESPACE_OF,
        UNIT_REFERENCES,
        UNIT_REFERENCED_BY,
        _UNIT_DEPENDENCY_MAX,
        _UNIT_DEPENDENCY_INVALID = -EINVAL,
} UnitDependency;

const char *unit_load_state_to_string(UnitLoadState s);       /* "loaded", "not-found", … */
UnitLoadState unit_load_state_from_string(const char *s);
const char *unit_dependency_to_string(UnitDependency d);      /* property name: "Requires", "WantedBy" */
UnitDependency unit_dependency_from_string(const char *s);
UnitDependency unit_dependency_inverse(UnitDependency d);     /* Requires ↔ RequiredBy; Before ↔ After */

typedef enum JobMode {
        JOB_FAIL,
        JOB_REPLACE,
        JOB_REPLACE_IRREVERSIBLY,
        JOB_ISOLATE,
        JOB_FLUSH,
        JOB_IGNORE_DEPENDENCIES,
        JOB_IGNORE_REQUIREMENTS,
        JOB_TRIGGERING,
        JOB_RESTART_DEPENDENCIES,
        _JOB_MODE_MAX,
        _JOB_MODE_INVALID = -EINVAL,
} JobMode;
const char *job_mode_to_string(JobMode m);                    /* "fail", "replace", … */
JobMode job_mode_from_string(const char *s);

typedef enum CollectMode {
        COLLECT_INACTIVE,
        COLLECT_INACTIVE_OR_FAILED,
        _COLLECT_MODE_MAX,
        _COLLECT_MODE_INVALID = -EINVAL,
} CollectMode;
const char *collect_mode_to_string(CollectMode m);
CollectMode collect_mode_from_string(const char *s);

typedef enum EmergencyAction {
        EMERGENCY_ACTION_NONE,
        EMERGENCY_ACTION_REBOOT,
        EMERGENCY_ACTION_REBOOT_FORCE,
        EMERGENCY_ACTION_REBOOT_IMMEDIATE,
        EMERGENCY_ACTION_POWEROFF,
        EMERGENCY_ACTION_POWEROFF_FORCE,
        EMERGENCY_ACTION_POWEROFF_IMMEDIATE,
        EMERGENCY_ACTION_EXIT,
        EMERGENCY_ACTION_EXIT_FORCE,
        EMERGENCY_ACTION_SOFT_REBOOT,
        EMERGENCY_ACTION_KEXEC,
        EMERGENCY_ACTION_HALT,
        _EMERGENCY_ACTION_MAX,
        _EMERGENCY_ACTION_INVALID = -EINVAL,
} EmergencyAction;
const char *emergency_action_to_string(EmergencyAction a);
EmergencyAction emergency_action_from_string(const char *s);

/* Condition…= and Assert…= (systemd.unit(5)); evaluated by the manager. */
typedef struct Condition {
        char *type;           /* "ConditionPathExists", "AssertFileNotEmpty", … (the key name) */
        char *parameter;      /* without the "!" and "|" prefixes */
        bool trigger;         /* "|" */
        bool negate;          /* "!" */
} Condition;

/* [Unit] */
typedef struct UnitSection {
        char *description;
        char **documentation;
        char **requires_mounts_for;
        char *source_path;
        bool stop_when_unneeded;
        bool refuse_manual_start;
        bool refuse_manual_stop;
        bool allow_isolate;
        bool default_dependencies;        /* default true */
        bool ignore_on_isolate;
        int on_success_job_mode;          /* JobMode, default JOB_FAIL */
        int on_failure_job_mode;          /* JobMode, default JOB_REPLACE */
        usec_t job_timeout_usec;          /* default infinity */
        usec_t job_running_timeout_usec;  /* default infinity */
        EmergencyAction job_timeout_action;
        char *job_timeout_reboot_argument;
        usec_t start_limit_interval_usec; /* default 10s (DefaultStartLimitIntervalSec=) */
        unsigned start_limit_burst;       /* default 5 */
        EmergencyAction start_limit_action;
        EmergencyAction failure_action, success_action;
        int failure_action_exit_status, success_action_exit_status; /* -1 unset */
        char *reboot_argument;
        CollectMode collect_mode;
        Condition *conditions;
        size_t n_conditions;
        Condition *asserts;
        size_t n_asserts;
} UnitSection;

/* ExecStart= and friends: one command, systemd.service(5) "COMMAND LINES" */
typedef enum ExecCommandFlags {
        EXEC_COMMAND_IGNORE_FAILURE = 1 << 0,   /* "-" */
        EXEC_COMMAND_FULLY_PRIVILEGED = 1 << 1, /* "+" */
        EXEC_COMMAND_NO_SETUID = 1 << 2,        /* "!" */
        EXEC_COMMAND_AMBIENT_MAGIC = 1 << 3,    /* "!!" */
        EXEC_COMMAND_NO_ENV_EXPAND = 1 << 4,    /* ":" */
} ExecCommandFlags;

typedef struct ExecCommand {
        char *path;                /* what is executed (absolute, or searched in PATH as systemd 252 does) */
        char **argv;               /* argv[0] is path, or the "@" name */
        ExecCommandFlags flags;
} ExecCommand;

typedef struct ExecCommandList {
        ExecCommand *commands;
        size_t n;
} ExecCommandList;

typedef enum ExecInput {
        EXEC_INPUT_NULL,
        EXEC_INPUT_TTY,
        EXEC_INPUT_TTY_FORCE,
        EXEC_INPUT_TTY_FAIL,
        EXEC_INPUT_SOCKET,
        EXEC_INPUT_NAMED_FD,
        EXEC_INPUT_DATA,
        EXEC_INPUT_FILE,
        _EXEC_INPUT_MAX,
        _EXEC_INPUT_INVALID = -EINVAL,
} ExecInput;

typedef enum ExecOutput {
        EXEC_OUTPUT_INHERIT,
        EXEC_OUTPUT_NULL,
        EXEC_OUTPUT_TTY,
        EXEC_OUTPUT_KMSG,
        EXEC_OUTPUT_KMSG_AND_CONSOLE,
        EXEC_OUTPUT_JOURNAL,
        EXEC_OUTPUT_JOURNAL_AND_CONSOLE,
        EXEC_OUTPUT_SOCKET,
        EXEC_OUTPUT_NAMED_FD,
        EXEC_OUTPUT_FILE,
        EXEC_OUTPUT_FILE_APPEND,
        EXEC_OUTPUT_FILE_TRUNCATE,
        _EXEC_OUTPUT_MAX,
        _EXEC_OUTPUT_INVALID = -EINVAL,
} ExecOutput;
const char *exec_input_to_string(ExecInput i);     /* "null", "tty", "file" … as StandardInput= shows */
ExecInput exec_input_from_string(const char *s);
const char *exec_output_to_string(ExecOutput o);   /* "inherit", "journal", "append" … */
ExecOutput exec_output_from_string(const char *s);

typedef struct EnvironmentFile {
        char *path;
        bool ignore_missing;       /* "-" prefix */
} EnvironmentFile;

/* systemd.exec(5) */
typedef struct ExecContext {
        char **environment;        /* Environment=, in order, later wins */
        EnvironmentFile *environment_files;
        size_t n_environment_files;
        char **pass_environment;
        char **unset_environment;
        char *working_directory;   /* NULL: manager's default ($HOME for user managers? no: "/" for system, ~ for user) */
        bool working_directory_home;        /* "~" */
        bool working_directory_missing_ok;  /* "-" prefix */
        char *root_directory;
        char *user;
        char *group;
        char **supplementary_groups;
        bool dynamic_user;
        mode_t umask;              /* default 0022 */
        int nice;
        bool nice_set;
        int oom_score_adjust;
        bool oom_score_adjust_set;
        struct rlimit *rlimit[RLIM_NLIMITS]; /* NULL: not set */
        ExecInput std_input;       /* default null */
        ExecOutput std_output;     /* default journal (DefaultStandardOutput=) */
        ExecOutput std_error;      /* default inherit */
        char *stdio_file[3];       /* file:/append:/truncate: paths, per fd */
        char *stdio_fdname[3];     /* fd:NAME */
        char *tty_path;
        bool tty_reset, tty_vhangup, tty_vt_disallocate;
        char *syslog_identifier;
        int syslog_priority;       /* default LOG_DAEMON|LOG_INFO */
        bool same_process_group;
        bool ignore_sigpipe;       /* default true */
        bool no_new_privileges;
        char *pam_name;
        int cpu_sched_policy;
        int cpu_sched_priority;
        bool cpu_sched_reset_on_fork;
        int ioprio;                /* -1 unset */
        char **read_write_paths, **read_only_paths, **inaccessible_paths;
        bool private_tmp, private_devices, private_network;
        char *runtime_directory_preserve; /* "no" "yes" "restart" */
        char **runtime_directory, **state_directory, **cache_directory, **logs_directory,
                **configuration_directory;
        mode_t runtime_directory_mode, state_directory_mode, cache_directory_mode,
                logs_directory_mode, configuration_directory_mode; /* default 0755 */
        usec_t timer_slack_nsec;   /* NSEC_INFINITY? use UINT64_MAX for unset */
        /* added by the loader */
        void *standard_input_data; /* StandardInputText=/StandardInputData=, decoded */
        size_t standard_input_data_size;
        bool syslog_level_prefix;  /* default true */
        bool working_directory_set;
} ExecContext;

typedef enum KillMode {
        KILL_CONTROL_GROUP,
        KILL_PROCESS,
        KILL_MIXED,
        KILL_NONE,
        _KILL_MODE_MAX,
        _KILL_MODE_INVALID = -EINVAL,
} KillMode;
const char *kill_mode_to_string(KillMode m);
KillMode kill_mode_from_string(const char *s);

/* systemd.kill(5) */
typedef struct KillContext {
        KillMode kill_mode;        /* default control-group */
        int kill_signal;           /* SIGTERM */
        int restart_kill_signal;   /* 0: same as kill_signal */
        int final_kill_signal;     /* SIGKILL */
        int watchdog_signal;       /* SIGABRT */
        bool send_sigkill;         /* true */
        bool send_sighup;          /* false */
} KillContext;

/* systemd.resource-control(5): kept as configured; enforcement is the manager's */
typedef struct CGroupContext {
        usec_t cpu_quota_per_sec_usec;      /* USEC_INFINITY unset */
        usec_t cpu_quota_period_usec;       /* USEC_INFINITY unset */
        uint64_t cpu_weight, startup_cpu_weight;     /* UINT64_MAX unset */
        uint64_t memory_min, memory_low, memory_high, memory_max, memory_swap_max; /* UINT64_MAX = infinity */
        uint64_t tasks_max;                 /* UINT64_MAX = infinity */
        bool tasks_max_set;
        bool delegate;
        char **delegate_controllers;
        bool cpu_accounting, memory_accounting, tasks_accounting, io_accounting;
        uint64_t io_weight;
} CGroupContext;

typedef enum ServiceType {
        SERVICE_SIMPLE,
        SERVICE_FORKING,
        SERVICE_ONESHOT,
        SERVICE_DBUS,
        SERVICE_NOTIFY,
        SERVICE_IDLE,
        SERVICE_EXEC,
        _SERVICE_TYPE_MAX,
        _SERVICE_TYPE_INVALID = -EINVAL,
} ServiceType;

typedef enum ServiceExitType {
        SERVICE_EXIT_MAIN,
        SERVICE_EXIT_CGROUP,
        _SERVICE_EXIT_TYPE_MAX,
        _SERVICE_EXIT_TYPE_INVALID = -EINVAL,
} ServiceExitType;

typedef enum ServiceRestart {
        SERVICE_RESTART_NO,
        SERVICE_RESTART_ON_SUCCESS,
        SERVICE_RESTART_ON_FAILURE,
        SERVICE_RESTART_ON_ABNORMAL,
        SERVICE_RESTART_ON_WATCHDOG,
        SERVICE_RESTART_ON_ABORT,
        SERVICE_RESTART_ALWAYS,
        _SERVICE_RESTART_MAX,
        _SERVICE_RESTART_INVALID = -EINVAL,
} ServiceRestart;

typedef enum NotifyAccess {
        NOTIFY_NONE,
        NOTIFY_ALL,
        NOTIFY_MAIN,
        NOTIFY_EXEC,
        _NOTIFY_ACCESS_MAX,
        _NOTIFY_ACCESS_INVALID = -EINVAL,
} NotifyAccess;

typedef enum ServiceExecCommand {
        SERVICE_EXEC_CONDITION,
        SERVICE_EXEC_START_PRE,
        SERVICE_EXEC_START,
        SERVICE_EXEC_START_POST,
        SERVICE_EXEC_RELOAD,
        SERVICE_EXEC_STOP,
        SERVICE_EXEC_STOP_POST,
        _SERVICE_EXEC_COMMAND_MAX,
        _SERVICE_EXEC_COMMAND_INVALID = -EINVAL,
} ServiceExecCommand;

const char *service_type_to_string(ServiceType t);
ServiceType service_type_from_string(const char *s);
const char *service_exit_type_to_string(ServiceExitType t);
ServiceExitType service_exit_type_from_string(const char *s);
const char *service_restart_to_string(ServiceRestart r);
ServiceRestart service_restart_from_string(const char *s);
const char *notify_access_to_string(NotifyAccess a);
NotifyAccess notify_access_from_string(const char *s);
const char *service_exec_command_to_string(ServiceExecCommand c);   /* "ExecStartPre" */
ServiceExecCommand service_exec_command_from_string(const char *s);

/* SuccessExitStatus=, RestartPreventExitStatus=, RestartForceExitStatus= */
typedef struct ExitStatusSet {
        uint8_t status[256 / 8];   /* bit set of exit codes */
        uint64_t signals;          /* bit (sig - 1) set */
} ExitStatusSet;

static inline bool exit_status_set_test_status(const ExitStatusSet *s, int code) {
        return code >= 0 && code < 256 && (s->status[code / 8] & (1u << (code % 8)));
}
static inline bool exit_status_set_test_signal(const ExitStatusSet *s, int sig) {
        return sig > 0 && sig <= 64 && (s->signals & (UINT64_C(1) << (sig - 1)));
}

typedef enum OOMPolicy {
        OOM_CONTINUE,
        OOM_STOP,
        OOM_KILL,
        _OOM_POLICY_MAX,
        _OOM_POLICY_INVALID = -EINVAL,
} OOMPolicy;
const char *oom_policy_to_string(OOMPolicy p);
OOMPolicy oom_policy_from_string(const char *s);

/* [Service] */
typedef struct ServiceSection {
        ServiceType type;                 /* default simple (notify when unset? no: simple) */
        bool type_set;
        ServiceExitType exit_type;
        ServiceRestart restart;
        bool remain_after_exit;
        bool guess_main_pid;              /* default true */
        char *pid_file;
        ExecCommandList exec[_SERVICE_EXEC_COMMAND_MAX];
        usec_t timeout_start_usec;        /* default 90s (DefaultTimeoutStartSec=) */
        usec_t timeout_stop_usec;         /* default 90s */
        usec_t timeout_abort_usec;        /* default = stop */
        bool timeout_abort_set;
        usec_t runtime_max_usec;          /* infinity */
        usec_t runtime_randomized_extra_usec;
        usec_t restart_usec;              /* 100ms */
        usec_t watchdog_usec;             /* 0 */
        NotifyAccess notify_access;       /* none, main for Type=notify unless set */
        bool notify_access_set;
        ExitStatusSet success_status, restart_prevent_status, restart_force_status;
        char *bus_name;
        char **sockets;
        unsigned file_descriptor_store_max;
        char *usb_function_descriptors, *usb_function_strings;
        int oom_policy;                   /* OOMPolicy: 0 continue, 1 stop, 2 kill */
        bool oom_policy_set;              /* unset: stop, continue with Delegate= */
        bool root_directory_start_only;
        bool permissions_start_only;
} ServiceSection;

/* [Install]: read for enable/disable and is-enabled; the manager does not run it */
typedef struct InstallSection {
        char **wanted_by;
        char **required_by;
        char **also;
        char **alias;
        char *default_instance;
        char **upheld_by;                 /* UpheldBy= (added) */
} InstallSection;

/* [Socket], [Timer], [Slice], [Mount], [Path] and any other section: kept as the assignments
 * the files made, in order after drop-ins (an empty assignment clears the key's earlier
 * values), so that later issues only add behaviour. */
typedef struct RawAssignment {
        char *section;
        char *key;
        char *value;
        char *file;
        unsigned line;
} RawAssignment;

typedef struct UnitDef {
        char *id;                         /* the primary name: the fragment's name (alias target) */
        char **names;                     /* all names, id first (Names=) */
        UnitType type;
        UnitLoadState load_state;
        char *load_error_name;            /* "org.freedesktop.systemd1.NoSuchUnit" … when not loaded */
        char *load_error_message;         /* "Unit x.service not found." */
        char *fragment_path;              /* "" when none; "/dev/null" target shown as fragment when masked */
        char **dropin_paths;              /* sorted as applied */
        usec_t fragment_mtime;            /* for NeedDaemonReload */
        usec_t dropin_mtime;
        bool transient;
        bool perpetual;
        char *instance;                   /* NULL unless foo@bar */

        char **deps[_UNIT_DEPENDENCY_MAX];  /* names, each once */
        /* for long lists, an index of deps[] (its strings) so that adding stays O(1): a target
         * that wants thousands of units must not cost a quadratic load; unit_def_add_dependency() */
        struct Hashmap *deps_index[_UNIT_DEPENDENCY_MAX];
        char *slice;                      /* Slice= or the implicit one ("app.slice" for user
                                           * services, "system.slice" for system services,
                                           * "" for slices/targets), systemd.special(7) */

        UnitSection unit;
        ServiceSection service;
        ExecContext exec;
        KillContext kill;
        CGroupContext cgroup;
        InstallSection install;

        RawAssignment *raw;               /* sections this file defines that the typed model above
                                           * does not cover ([Socket], [Timer], X- keys …) */
        size_t n_raw;

        /* added by the loader */
        bool user_mode;                   /* loaded for a --user manager */
        bool exec_start_set;              /* an ExecStart= line was seen (even an invalid one) */
        bool has_install_section;         /* the files have an [Install] section with content */
        bool bad_setting;                 /* a setting was fatal (ExecStart= with a relative path …) */
        bool timeout_start_set;           /* TimeoutStartSec=/TimeoutSec= seen (oneshot defaults to infinity) */
} UnitDef;

void exec_command_done(ExecCommand *c);
void exec_command_list_done(ExecCommandList *l);
void condition_done(Condition *c);
void raw_assignment_done(RawAssignment *a);

UnitDef *unit_def_free(UnitDef *d);
DEFINE_TRIVIAL_CLEANUP_FUNC(UnitDef *, unit_def_free);
/* A definition with systemd's defaults for a unit of this name, loaded nowhere yet */
int unit_def_new(const char *name, bool user_mode, UnitDef **ret);
