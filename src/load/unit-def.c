/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* unit-def.c: the UnitDef object: its systemd defaults, its destructor and the string tables
 * of its enums. Not here: reading files (load-unit.c, load-fragment.c). The strings are the
 * ones `systemctl show` prints, verbatim. */

#include <signal.h>
#include <sched.h>
#include <syslog.h>

#include "strv.h"
#include "hashmap.h"
#include "unit-def.h"

#define DEFINE_STRING_TABLE(name, type, max)                                            \
        const char *name##_to_string(type i) {                                          \
                if ((int) i < 0 || (int) i >= (int) (max))                              \
                        return NULL;                                                    \
                return name##_table[i];                                                 \
        }                                                                               \
        type name##_from_string(const char *s) {                                        \
                if (!s)                                                                 \
                        return (type) -EINVAL;                                          \
                for (int i = 0; i < (int) (max); i++)                                   \
                        if (name##_table[i] && streq(name##_table[i], s))               \
                                return (type) i;                                        \
                return (type) -EINVAL;                                                  \
        }

static const char *const unit_load_state_table[_UNIT_LOAD_STATE_MAX] = {
        [UNIT_STUB] = "stub",
        [UNIT_LOADED] = "loaded",
        [UNIT_NOT_FOUND] = "not-found",
        [UNIT_BAD_SETTING] = "bad-setting",
        [UNIT_ERROR] = "error",
        [UNIT_MERGED] = "merged",
        [UNIT_MASKED] = "masked",
};
DEFINE_STRING_TABLE(unit_load_state, UnitLoadState, _UNIT_LOAD_STATE_MAX);

static const char *const unit_dependency_table[_UNIT_DEPENDENCY_MAX] = {
        [UNIT_REQUIRES] = "Requires",
        [UNIT_REQUISITE] = "Requisite",
        [UNIT_WANTS] = "Wants",
        [UNIT_BINDS_TO] = "BindsTo",
        [UNIT_PART_OF] = "PartOf",
        [UNIT_UPHOLDS] = "Upholds",
        [UNIT_REQUIRED_BY] = "RequiredBy",
        [UNIT_REQUISITE_OF] = "RequisiteOf",
        [UNIT_WANTED_BY] = "WantedBy",
        [UNIT_BOUND_BY] = "BoundBy",
        [UNIT_UPHELD_BY] = "UpheldBy",
        [UNIT_CONSISTS_OF] = "ConsistsOf",
        [UNIT_CONFLICTS] = "Conflicts",
        [UNIT_CONFLICTED_BY] = "ConflictedBy",
        [UNIT_BEFORE] = "Before",
        [UNIT_AFTER] = "After",
        [UNIT_ON_SUCCESS] = "OnSuccess",
        [UNIT_ON_SUCCESS_OF] = "OnSuccessOf",
        [UNIT_ON_FAILURE] = "OnFailure",
        [UNIT_ON_FAILURE_OF] = "OnFailureOf",
        [UNIT_TRIGGERS] = "Triggers",
        [UNIT_TRIGGERED_BY] = "TriggeredBy",
        [UNIT_PROPAGATES_RELOAD_TO] = "PropagatesReloadTo",
        [UNIT_RELOAD_PROPAGATED_FROM] = "ReloadPropagatedFrom",
        [UNIT_PROPAGATES_STOP_TO] = "PropagatesStopTo",
        [UNIT_STOP_PROPAGATED_FROM] = "StopPropagatedFrom",
        [UNIT_JOINS_NAMESPACE_OF] = "JoinsNamespaceOf",
        [UNIT_REFERENCES] = "References",
        [UNIT_REFERENCED_BY] = "ReferencedBy",
};
DEFINE_STRING_TABLE(unit_dependency, UnitDependency, _UNIT_DEPENDENCY_MAX);

UnitDependency unit_dependency_inverse(UnitDependency d) {
        static const UnitDependency inverse[_UNIT_DEPENDENCY_MAX] = {
                [UNIT_REQUIRES] = UNIT_REQUIRED_BY,
                [UNIT_REQUISITE] = UNIT_REQUISITE_OF,
                [UNIT_WANTS] = UNIT_WANTED_BY,
                [UNIT_BINDS_TO] = UNIT_BOUND_BY,
                [UNIT_PART_OF] = UNIT_CONSISTS_OF,
                [UNIT_UPHOLDS] = UNIT_UPHELD_BY,
                [UNIT_REQUIRED_BY] = UNIT_REQUIRES,
                [UNIT_REQUISITE_OF] = UNIT_REQUISITE,
                [UNIT_WANTED_BY] = UNIT_WANTS,
                [UNIT_BOUND_BY] = UNIT_BINDS_TO,
                [UNIT_UPHELD_BY] = UNIT_UPHOLDS,
                [UNIT_CONSISTS_OF] = UNIT_PART_OF,
                [UNIT_CONFLICTS] = UNIT_CONFLICTED_BY,
                [UNIT_CONFLICTED_BY] = UNIT_CONFLICTS,
                [UNIT_BEFORE] = UNIT_AFTER,
                [UNIT_AFTER] = UNIT_BEFORE,
                [UNIT_ON_SUCCESS] = UNIT_ON_SUCCESS_OF,
                [UNIT_ON_SUCCESS_OF] = UNIT_ON_SUCCESS,
                [UNIT_ON_FAILURE] = UNIT_ON_FAILURE_OF,
                [UNIT_ON_FAILURE_OF] = UNIT_ON_FAILURE,
                [UNIT_TRIGGERS] = UNIT_TRIGGERED_BY,
                [UNIT_TRIGGERED_BY] = UNIT_TRIGGERS,
                [UNIT_PROPAGATES_RELOAD_TO] = UNIT_RELOAD_PROPAGATED_FROM,
                [UNIT_RELOAD_PROPAGATED_FROM] = UNIT_PROPAGATES_RELOAD_TO,
                [UNIT_PROPAGATES_STOP_TO] = UNIT_STOP_PROPAGATED_FROM,
                [UNIT_STOP_PROPAGATED_FROM] = UNIT_PROPAGATES_STOP_TO,
                [UNIT_JOINS_NAMESPACE_OF] = UNIT_JOINS_NAMESPACE_OF,
                [UNIT_REFERENCES] = UNIT_REFERENCED_BY,
                [UNIT_REFERENCED_BY] = UNIT_REFERENCES,
        };

        if ((int) d < 0 || d >= _UNIT_DEPENDENCY_MAX)
                return _UNIT_DEPENDENCY_INVALID;
        return inverse[d];
}

static const char *const job_mode_table[_JOB_MODE_MAX] = {
        [JOB_FAIL] = "fail",
        [JOB_REPLACE] = "replace",
        [JOB_REPLACE_IRREVERSIBLY] = "replace-irreversibly",
        [JOB_ISOLATE] = "isolate",
        [JOB_FLUSH] = "flush",
        [JOB_IGNORE_DEPENDENCIES] = "ignore-dependencies",
        [JOB_IGNORE_REQUIREMENTS] = "ignore-requirements",
        [JOB_TRIGGERING] = "triggering",
        [JOB_RESTART_DEPENDENCIES] = "restart-dependencies",
};
DEFINE_STRING_TABLE(job_mode, JobMode, _JOB_MODE_MAX);

static const char *const collect_mode_table[_COLLECT_MODE_MAX] = {
        [COLLECT_INACTIVE] = "inactive",
        [COLLECT_INACTIVE_OR_FAILED] = "inactive-or-failed",
};
DEFINE_STRING_TABLE(collect_mode, CollectMode, _COLLECT_MODE_MAX);

static const char *const emergency_action_table[_EMERGENCY_ACTION_MAX] = {
        [EMERGENCY_ACTION_NONE] = "none",
        [EMERGENCY_ACTION_REBOOT] = "reboot",
        [EMERGENCY_ACTION_REBOOT_FORCE] = "reboot-force",
        [EMERGENCY_ACTION_REBOOT_IMMEDIATE] = "reboot-immediate",
        [EMERGENCY_ACTION_POWEROFF] = "poweroff",
        [EMERGENCY_ACTION_POWEROFF_FORCE] = "poweroff-force",
        [EMERGENCY_ACTION_POWEROFF_IMMEDIATE] = "poweroff-immediate",
        [EMERGENCY_ACTION_EXIT] = "exit",
        [EMERGENCY_ACTION_EXIT_FORCE] = "exit-force",
        [EMERGENCY_ACTION_SOFT_REBOOT] = "soft-reboot",
        [EMERGENCY_ACTION_KEXEC] = "kexec",
        [EMERGENCY_ACTION_HALT] = "halt",
};
DEFINE_STRING_TABLE(emergency_action, EmergencyAction, _EMERGENCY_ACTION_MAX);

static const char *const exec_input_table[_EXEC_INPUT_MAX] = {
        [EXEC_INPUT_NULL] = "null",
        [EXEC_INPUT_TTY] = "tty",
        [EXEC_INPUT_TTY_FORCE] = "tty-force",
        [EXEC_INPUT_TTY_FAIL] = "tty-fail",
        [EXEC_INPUT_SOCKET] = "socket",
        [EXEC_INPUT_NAMED_FD] = "fd",
        [EXEC_INPUT_DATA] = "data",
        [EXEC_INPUT_FILE] = "file",
};
DEFINE_STRING_TABLE(exec_input, ExecInput, _EXEC_INPUT_MAX);

static const char *const exec_output_table[_EXEC_OUTPUT_MAX] = {
        [EXEC_OUTPUT_INHERIT] = "inherit",
        [EXEC_OUTPUT_NULL] = "null",
        [EXEC_OUTPUT_TTY] = "tty",
        [EXEC_OUTPUT_KMSG] = "kmsg",
        [EXEC_OUTPUT_KMSG_AND_CONSOLE] = "kmsg+console",
        [EXEC_OUTPUT_JOURNAL] = "journal",
        [EXEC_OUTPUT_JOURNAL_AND_CONSOLE] = "journal+console",
        [EXEC_OUTPUT_SOCKET] = "socket",
        [EXEC_OUTPUT_NAMED_FD] = "fd",
        [EXEC_OUTPUT_FILE] = "file",
        [EXEC_OUTPUT_FILE_APPEND] = "append",
        [EXEC_OUTPUT_FILE_TRUNCATE] = "truncate",
};
DEFINE_STRING_TABLE(exec_output, ExecOutput, _EXEC_OUTPUT_MAX);

static const char *const kill_mode_table[_KILL_MODE_MAX] = {
        [KILL_CONTROL_GROUP] = "control-group",
        [KILL_PROCESS] = "process",
        [KILL_MIXED] = "mixed",
        [KILL_NONE] = "none",
};
DEFINE_STRING_TABLE(kill_mode, KillMode, _KILL_MODE_MAX);

static const char *const service_type_table[_SERVICE_TYPE_MAX] = {
        [SERVICE_SIMPLE] = "simple",
        [SERVICE_FORKING] = "forking",
        [SERVICE_ONESHOT] = "oneshot",
        [SERVICE_DBUS] = "dbus",
        [SERVICE_NOTIFY] = "notify",
        [SERVICE_IDLE] = "idle",
        [SERVICE_EXEC] = "exec",
};
DEFINE_STRING_TABLE(service_type, ServiceType, _SERVICE_TYPE_MAX);

static const char *const service_exit_type_table[_SERVICE_EXIT_TYPE_MAX] = {
        [SERVICE_EXIT_MAIN] = "main",
        [SERVICE_EXIT_CGROUP] = "cgroup",
};
DEFINE_STRING_TABLE(service_exit_type, ServiceExitType, _SERVICE_EXIT_TYPE_MAX);

static const char *const service_restart_table[_SERVICE_RESTART_MAX] = {
        [SERVICE_RESTART_NO] = "no",
        [SERVICE_RESTART_ON_SUCCESS] = "on-success",
        [SERVICE_RESTART_ON_FAILURE] = "on-failure",
        [SERVICE_RESTART_ON_ABNORMAL] = "on-abnormal",
        [SERVICE_RESTART_ON_WATCHDOG] = "on-watchdog",
        [SERVICE_RESTART_ON_ABORT] = "on-abort",
        [SERVICE_RESTART_ALWAYS] = "always",
};
DEFINE_STRING_TABLE(service_restart, ServiceRestart, _SERVICE_RESTART_MAX);

static const char *const notify_access_table[_NOTIFY_ACCESS_MAX] = {
        [NOTIFY_NONE] = "none",
        [NOTIFY_ALL] = "all",
        [NOTIFY_MAIN] = "main",
        [NOTIFY_EXEC] = "exec",
};
DEFINE_STRING_TABLE(notify_access, NotifyAccess, _NOTIFY_ACCESS_MAX);

static const char *const service_exec_command_table[_SERVICE_EXEC_COMMAND_MAX] = {
        [SERVICE_EXEC_CONDITION] = "ExecCondition",
        [SERVICE_EXEC_START_PRE] = "ExecStartPre",
        [SERVICE_EXEC_START] = "ExecStart",
        [SERVICE_EXEC_START_POST] = "ExecStartPost",
        [SERVICE_EXEC_RELOAD] = "ExecReload",
        [SERVICE_EXEC_STOP] = "ExecStop",
        [SERVICE_EXEC_STOP_POST] = "ExecStopPost",
};
DEFINE_STRING_TABLE(service_exec_command, ServiceExecCommand, _SERVICE_EXEC_COMMAND_MAX);

static const char *const oom_policy_table[_OOM_POLICY_MAX] = {
        [OOM_CONTINUE] = "continue",
        [OOM_STOP] = "stop",
        [OOM_KILL] = "kill",
};
DEFINE_STRING_TABLE(oom_policy, OOMPolicy, _OOM_POLICY_MAX);

void exec_command_done(ExecCommand *c) {
        if (!c)
                return;
        c->path = mfree(c->path);
        c->argv = strv_free(c->argv);
}

void exec_command_list_done(ExecCommandList *l) {
        if (!l)
                return;
        for (size_t i = 0; i < l->n; i++)
                exec_command_done(&l->commands[i]);
        l->commands = mfree(l->commands);
        l->n = 0;
}

void condition_done(Condition *c) {
        if (!c)
                return;
        c->type = mfree(c->type);
        c->parameter = mfree(c->parameter);
}

void raw_assignment_done(RawAssignment *a) {
        if (!a)
                return;
        a->section = mfree(a->section);
        a->key = mfree(a->key);
        a->value = mfree(a->value);
        a->file = mfree(a->file);
}

static void unit_section_done(UnitSection *u) {
        free(u->description);
        strv_free(u->documentation);
        strv_free(u->requires_mounts_for);
        free(u->source_path);
        free(u->job_timeout_reboot_argument);
        free(u->reboot_argument);
        for (size_t i = 0; i < u->n_conditions; i++)
                condition_done(&u->conditions[i]);
        free(u->conditions);
        for (size_t i = 0; i < u->n_asserts; i++)
                condition_done(&u->asserts[i]);
        free(u->asserts);
}

static void exec_context_done(ExecContext *c) {
        strv_free(c->environment);
        for (size_t i = 0; i < c->n_environment_files; i++)
                free(c->environment_files[i].path);
        free(c->environment_files);
        strv_free(c->pass_environment);
        strv_free(c->unset_environment);
        free(c->working_directory);
        free(c->root_directory);
        free(c->user);
        free(c->group);
        strv_free(c->supplementary_groups);
        for (size_t i = 0; i < ELEMENTSOF(c->rlimit); i++)
                free(c->rlimit[i]);
        for (size_t i = 0; i < 3; i++) {
                free(c->stdio_file[i]);
                free(c->stdio_fdname[i]);
        }
        free(c->tty_path);
        free(c->syslog_identifier);
        free(c->pam_name);
        strv_free(c->read_write_paths);
        strv_free(c->read_only_paths);
        strv_free(c->inaccessible_paths);
        free(c->runtime_directory_preserve);
        strv_free(c->runtime_directory);
        strv_free(c->state_directory);
        strv_free(c->cache_directory);
        strv_free(c->logs_directory);
        strv_free(c->configuration_directory);
        free(c->standard_input_data);
}

UnitDef *unit_def_free(UnitDef *d) {
        if (!d)
                return NULL;

        free(d->id);
        strv_free(d->names);
        free(d->load_error_name);
        free(d->load_error_message);
        free(d->fragment_path);
        strv_free(d->dropin_paths);
        free(d->instance);
        for (size_t i = 0; i < _UNIT_DEPENDENCY_MAX; i++) {
                hashmap_free(d->deps_index[i]);
                strv_free(d->deps[i]);
        }
        free(d->slice);
        unit_section_done(&d->unit);
        for (size_t i = 0; i < _SERVICE_EXEC_COMMAND_MAX; i++)
                exec_command_list_done(&d->service.exec[i]);
        free(d->service.pid_file);
        free(d->service.bus_name);
        strv_free(d->service.sockets);
        free(d->service.usb_function_descriptors);
        free(d->service.usb_function_strings);
        exec_context_done(&d->exec);
        strv_free(d->cgroup.delegate_controllers);
        strv_free(d->install.wanted_by);
        strv_free(d->install.required_by);
        strv_free(d->install.upheld_by);
        strv_free(d->install.also);
        strv_free(d->install.alias);
        free(d->install.default_instance);
        for (size_t i = 0; i < d->n_raw; i++)
                raw_assignment_done(&d->raw[i]);
        free(d->raw);
        return mfree(d);
}

int unit_def_new(const char *name, bool user_mode, UnitDef **ret) {
        _cleanup_(unit_def_freep) UnitDef *d = NULL;
        int r;

        assert(name);
        assert(ret);

        if (!unit_name_is_valid(name, UNIT_NAME_ANY))
                return -EINVAL;

        d = new0(UnitDef, 1);
        if (!d)
                return -ENOMEM;

        d->id = strdup(name);
        if (!d->id)
                return -ENOMEM;
        r = strv_extend(&d->names, name);
        if (r < 0)
                return r;
        d->fragment_path = strdup("");
        if (!d->fragment_path)
                return -ENOMEM;
        d->type = unit_name_to_type(name);
        d->load_state = UNIT_STUB;
        d->user_mode = user_mode;
        r = unit_name_to_instance(name, &d->instance);
        if (r < 0)
                return r;

        /* systemd.unit(5) and systemd-system.conf(5) defaults */
        d->unit.default_dependencies = true;
        d->unit.on_success_job_mode = JOB_FAIL;
        d->unit.on_failure_job_mode = JOB_REPLACE;
        d->unit.job_timeout_usec = USEC_INFINITY;
        d->unit.job_running_timeout_usec = USEC_INFINITY;
        d->unit.start_limit_interval_usec = 10 * USEC_PER_SEC;
        d->unit.start_limit_burst = 5;
        d->unit.failure_action_exit_status = -1;
        d->unit.success_action_exit_status = -1;
        d->unit.collect_mode = COLLECT_INACTIVE;
        /* slices and scopes survive isolate unless their file says otherwise (systemd's
         * slice_init(), scope_init()) */
        d->unit.ignore_on_isolate = d->type == UNIT_SLICE || d->type == UNIT_SCOPE;

        d->service.type = SERVICE_SIMPLE;
        d->service.exit_type = SERVICE_EXIT_MAIN;
        d->service.restart = SERVICE_RESTART_NO;
        d->service.guess_main_pid = true;
        d->service.timeout_start_usec = 90 * USEC_PER_SEC;
        d->service.timeout_stop_usec = 90 * USEC_PER_SEC;
        d->service.timeout_abort_usec = 90 * USEC_PER_SEC;
        d->service.runtime_max_usec = USEC_INFINITY;
        d->service.restart_usec = 100 * USEC_PER_MSEC;
        d->service.notify_access = NOTIFY_NONE;
        d->service.oom_policy = OOM_STOP;

        d->exec.umask = 0022;
        d->exec.std_input = EXEC_INPUT_NULL;
        d->exec.std_output = EXEC_OUTPUT_JOURNAL;
        d->exec.std_error = EXEC_OUTPUT_INHERIT;
        d->exec.syslog_priority = LOG_DAEMON | LOG_INFO;
        d->exec.ignore_sigpipe = true;
        d->exec.ioprio = -1;
        d->exec.cpu_sched_policy = SCHED_OTHER;
        d->exec.runtime_directory_mode = 0755;
        d->exec.state_directory_mode = 0755;
        d->exec.cache_directory_mode = 0755;
        d->exec.logs_directory_mode = 0755;
        d->exec.configuration_directory_mode = 0755;
        d->exec.timer_slack_nsec = UINT64_MAX;
        d->exec.syslog_level_prefix = true;

        d->kill.kill_mode = KILL_CONTROL_GROUP;
        d->kill.kill_signal = SIGTERM;
        d->kill.restart_kill_signal = 0;
        d->kill.final_kill_signal = SIGKILL;
        d->kill.watchdog_signal = SIGABRT;
        d->kill.send_sigkill = true;
        d->kill.send_sighup = false;

        d->cgroup.cpu_quota_per_sec_usec = USEC_INFINITY;
        d->cgroup.cpu_quota_period_usec = USEC_INFINITY;
        d->cgroup.cpu_weight = UINT64_MAX;
        d->cgroup.startup_cpu_weight = UINT64_MAX;
        d->cgroup.memory_min = 0;
        d->cgroup.memory_low = 0;
        d->cgroup.memory_high = UINT64_MAX;
        d->cgroup.memory_max = UINT64_MAX;
        d->cgroup.memory_swap_max = UINT64_MAX;
        d->cgroup.tasks_max = UINT64_MAX;
        d->cgroup.io_weight = UINT64_MAX;
        d->cgroup.memory_accounting = true;
        d->cgroup.tasks_accounting = true;

        *ret = TAKE_PTR(d);
        return 0;
}
