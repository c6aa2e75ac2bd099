/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* service.c: the .service state machine, systemd.service(5): ExecCondition=, ExecStartPre=,
 * ExecStart=, ExecStartPost=, ExecReload=, ExecStop=, ExecStopPost= as control or main
 * processes, Type= simple/exec/forking/oneshot/notify/dbus/idle, the kill sequence of
 * systemd.kill(5), timeouts, Restart=. Not here: spawning (exec.c), job bookkeeping (job.c).
 * What stays true: at most one control process runs; main_pid/control_pid are 0 once reaped;
 * every state maps to one ActiveState through service_states[]. */

#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "cgroup.h"
#include "exec.h"
#include "extract-word.h"
#include "env-util.h"
#include "job.h"
#include "log.h"
#include "manager.h"
#include "parse-util.h"
#include "path-util.h"
#include "process.h"
#include "service.h"
#include "socket.h"
#include "strv.h"
#include "time-util.h"

static const struct {
        const char *name;               /* SubState= */
        UnitActiveState active;         /* ActiveState= */
} service_states[_SERVICE_STATE_MAX] = {
        [SERVICE_DEAD]           = { "dead",           UNIT_INACTIVE     },
        [SERVICE_CONDITION]      = { "condition",      UNIT_ACTIVATING   },
        [SERVICE_START_PRE]      = { "start-pre",      UNIT_ACTIVATING   },
        [SERVICE_START]          = { "start",          UNIT_ACTIVATING   },
        [SERVICE_START_POST]     = { "start-post",     UNIT_ACTIVATING   },
        [SERVICE_RUNNING]        = { "running",        UNIT_ACTIVE       },
        [SERVICE_EXITED]         = { "exited",         UNIT_ACTIVE       },
        [SERVICE_RELOAD]         = { "reload",         UNIT_RELOADING    },
        [SERVICE_STOP]           = { "stop",           UNIT_DEACTIVATING },
        [SERVICE_STOP_WATCHDOG]  = { "stop-watchdog",  UNIT_DEACTIVATING },
        [SERVICE_STOP_SIGTERM]   = { "stop-sigterm",   UNIT_DEACTIVATING },
        [SERVICE_STOP_SIGKILL]   = { "stop-sigkill",   UNIT_DEACTIVATING },
        [SERVICE_STOP_POST]      = { "stop-post",      UNIT_DEACTIVATING },
        [SERVICE_FINAL_WATCHDOG] = { "final-watchdog", UNIT_DEACTIVATING },
        [SERVICE_FINAL_SIGTERM]  = { "final-sigterm",  UNIT_DEACTIVATING },
        [SERVICE_FINAL_SIGKILL]  = { "final-sigkill",  UNIT_DEACTIVATING },
        [SERVICE_FAILED]         = { "failed",         UNIT_FAILED       },
        [SERVICE_AUTO_RESTART]   = { "auto-restart",   UNIT_ACTIVATING   },
        [SERVICE_CLEANING]       = { "cleaning",       UNIT_MAINTENANCE  },
};

static const char *const service_result_table[_SERVICE_RESULT_MAX] = {
        [SERVICE_SUCCESS] = "success",
        [SERVICE_FAILURE_RESOURCES] = "resources",
        [SERVICE_FAILURE_PROTOCOL] = "protocol",
        [SERVICE_FAILURE_TIMEOUT] = "timeout",
        [SERVICE_FAILURE_EXIT_CODE] = "exit-code",
        [SERVICE_FAILURE_SIGNAL] = "signal",
        [SERVICE_FAILURE_CORE_DUMP] = "core-dump",
        [SERVICE_FAILURE_WATCHDOG] = "watchdog",
        [SERVICE_FAILURE_START_LIMIT_HIT] = "start-limit-hit",
        [SERVICE_FAILURE_OOM_KILL] = "oom-kill",
        [SERVICE_SKIP_CONDITION] = "exec-condition",
};

const char *service_state_to_string(ServiceState s) {
        return s >= 0 && s < _SERVICE_STATE_MAX ? service_states[s].name : NULL;
}

const char *service_result_to_string(ServiceResult r) {
        return r >= 0 && r < _SERVICE_RESULT_MAX ? service_result_table[r] : NULL;
}

static const ServiceSection *SD(Service *s) {
        return &s->meta.def->service;
}

static void service_enter_signal(Service *s, ServiceState state, ServiceResult f);
static void service_enter_stop_post(Service *s, ServiceResult f);
static void service_enter_dead(Service *s, ServiceResult f, bool allow_restart);
static void service_enter_running(Service *s, ServiceResult f);
static void service_enter_start_post(Service *s);
static void service_enter_start(Service *s);
static void service_enter_stop(Service *s, ServiceResult f);
static int service_run_next_control(Service *s);

static void service_init(Unit *u) {
        Service *s = SERVICE(u);

        s->stdin_fd = s->stdout_fd = s->stderr_fd = -1;
        s->state = SERVICE_DEAD;
        s->control_command_id = _SERVICE_EXEC_COMMAND_INVALID;
}

static void service_unwatch_main(Service *s) {
        if (s->main_pid > 0)
                unit_unwatch_pid(&s->meta, s->main_pid);
        s->main_pidfd_source = sd_event_source_disable_unref(s->main_pidfd_source);
        s->main_pid = 0;
        s->main_pid_known = false;
}

static void service_unwatch_control(Service *s) {
        if (s->control_pid > 0)
                unit_unwatch_pid(&s->meta, s->control_pid);
        s->control_pid = 0;
        s->control_command_id = _SERVICE_EXEC_COMMAND_INVALID;
}

static void service_done(Unit *u) {
        Service *s = SERVICE(u);

        s->timer_source = sd_event_source_disable_unref(s->timer_source);
        s->pid_file_poll = sd_event_source_disable_unref(s->pid_file_poll);
        service_unwatch_main(s);
        service_unwatch_control(s);
        for (int i = 0; i < _SERVICE_EXEC_COMMAND_MAX; i++)
                s->exec_status[i] = mfree(s->exec_status[i]);
        s->status_text = mfree(s->status_text);
        s->stdin_fd = safe_close(s->stdin_fd);
        s->stdout_fd = safe_close(s->stdout_fd);
        s->stderr_fd = safe_close(s->stderr_fd);
}

static int service_timer_cb(sd_event_source *source, uint64_t usec, void *userdata);

static void service_arm_timer(Service *s, usec_t relative) {
        s->timer_source = sd_event_source_disable_unref(s->timer_source);
        if (relative == USEC_INFINITY)
                return;
        s->timer_deadline = now(CLOCK_MONOTONIC) + relative;
        (void) sd_event_add_time(s->meta.manager->event, &s->timer_source, CLOCK_MONOTONIC,
                                 s->timer_deadline, 0, service_timer_cb, s);
}

static usec_t zero_is_infinity(usec_t t) {
        return t == 0 ? USEC_INFINITY : t;
}

static void service_set_state(Service *s, ServiceState state) {
        Unit *u = &s->meta;
        ServiceState old = s->state;
        const ServiceSection *sd = SD(s);
        usec_t t = USEC_INFINITY;

        s->state = state;

        switch (state) {
        case SERVICE_CONDITION:
        case SERVICE_START_PRE:
        case SERVICE_START:
        case SERVICE_START_POST:
        case SERVICE_RELOAD:
                t = zero_is_infinity(sd->timeout_start_usec);
                break;
        case SERVICE_RUNNING:
                t = zero_is_infinity(sd->runtime_max_usec);
                if (t != USEC_INFINITY && old == SERVICE_RELOAD)
                        t = USEC_INFINITY;      /* keep the deadline armed when we entered running */
                break;
        case SERVICE_STOP:
        case SERVICE_STOP_SIGTERM:
        case SERVICE_STOP_SIGKILL:
        case SERVICE_STOP_POST:
        case SERVICE_FINAL_SIGTERM:
        case SERVICE_FINAL_SIGKILL:
        case SERVICE_STOP_WATCHDOG:
        case SERVICE_FINAL_WATCHDOG:
                t = zero_is_infinity(sd->timeout_stop_usec);
                break;
        case SERVICE_AUTO_RESTART:
                t = sd->restart_usec;
                break;
        case SERVICE_DEAD:
        case SERVICE_FAILED:
        case SERVICE_EXITED:
        case SERVICE_CLEANING:
                break;
        case _SERVICE_STATE_MAX:
        case _SERVICE_STATE_INVALID:
                assert_not_reached();
        }
        if (!(state == SERVICE_RUNNING && old == SERVICE_RELOAD))
                service_arm_timer(s, t);
        if (state != SERVICE_START)
                s->pid_file_poll = sd_event_source_disable_unref(s->pid_file_poll);

        if (state == SERVICE_DEAD || state == SERVICE_FAILED || state == SERVICE_AUTO_RESTART) {
                service_unwatch_main(s);
                service_unwatch_control(s);
                if (u->cgroup_realized && !unit_has_processes(u))
                        cgroup_unit_release(u);
        }

        if (old != state)
                log_debug("%s: Changed %s -> %s", u->id, service_states[old].name, service_states[state].name);

        unit_notify(u, service_states[old].active, service_states[state].active,
                    s->reload_result == SERVICE_SUCCESS);

        /* stdio a client handed over (StandardOutputFileDescriptor=, systemd-run --pipe) is
         * given back once the service is down for good (no job left): the client sees EOF */
        if ((state == SERVICE_DEAD || state == SERVICE_FAILED) && !u->job && !s->will_auto_restart) {
                s->stdin_fd = safe_close(s->stdin_fd);
                s->stdout_fd = safe_close(s->stdout_fd);
                s->stderr_fd = safe_close(s->stderr_fd);
        }
}

static void service_sigchld_event(Unit *u, pid_t pid, int code, int status);

static int service_main_pidfd_cb(sd_event_source *source, int fd, uint32_t revents, void *userdata) {
        Service *s = userdata;
        pid_t pid = s->main_pid;

        /* not our child: no exit status to be had, systemd reports such a one as exited 0 */
        s->main_pidfd_source = sd_event_source_disable_unref(s->main_pidfd_source);
        if (pid > 0)
                service_sigchld_event(&s->meta, pid, CLD_EXITED, 0);
        manager_trigger_run_queue(s->meta.manager);
        return 0;
}

/* Sets the main PID; one that is not our child (nor reparented to us yet) is watched with a
 * pidfd, since its SIGCHLD goes to its own parent */
static void service_set_main_pid(Service *s, pid_t pid) {
        pid_t ppid;
        int fd;

        service_unwatch_main(s);
        s->main_pid = pid;
        s->main_pid_known = true;
        (void) unit_watch_pid(&s->meta, pid);

        if (pid_get_ppid(pid, &ppid) < 0 || ppid == getpid())
                return;
        fd = (int) syscall(SYS_pidfd_open, pid, 0);
        if (fd < 0)
                return;
        if (sd_event_add_io(s->meta.manager->event, &s->main_pidfd_source, fd, EPOLLIN,
                            service_main_pidfd_cb, s) < 0) {
                safe_close(fd);
                return;
        }
        (void) sd_event_source_set_io_fd_own(s->main_pidfd_source, true);
}

/* systemd.service(5): a main process ending on SIGHUP, SIGINT, SIGTERM or SIGPIPE ended
 * cleanly, as does an exit status listed in SuccessExitStatus= */
static ServiceResult service_exit_result(Service *s, int code, int status, bool is_main) {
        const ExitStatusSet *ok = &SD(s)->success_status;

        if (code == CLD_EXITED) {
                if (status == 0 || (is_main && exit_status_set_test_status(ok, status)))
                        return SERVICE_SUCCESS;
                return SERVICE_FAILURE_EXIT_CODE;
        }
        if (code == CLD_KILLED) {
                if (is_main && SD(s)->type != SERVICE_ONESHOT &&
                    (status == SIGHUP || status == SIGINT || status == SIGTERM || status == SIGPIPE))
                        return SERVICE_SUCCESS;
                if (is_main && exit_status_set_test_signal(ok, status))
                        return SERVICE_SUCCESS;
                return SERVICE_FAILURE_SIGNAL;
        }
        if (code == CLD_DUMPED)
                return SERVICE_FAILURE_CORE_DUMP;
        return SERVICE_FAILURE_PROTOCOL;
}

static ExecStatus *service_exec_status(Service *s, ServiceExecCommand id, size_t idx) {
        const ExecCommandList *l = &SD(s)->exec[id];

        if (idx >= l->n)
                return NULL;
        if (!s->exec_status[id]) {
                s->exec_status[id] = new0(ExecStatus, l->n);
                if (!s->exec_status[id])
                        return NULL;
        }
        return &s->exec_status[id][idx];
}

static void service_reset_exec_status(Service *s) {
        for (int i = 0; i < _SERVICE_EXEC_COMMAND_MAX; i++)
                s->exec_status[i] = mfree(s->exec_status[i]);
        s->main_exec_status = (ExecStatus) {};
}

/* $SERVICE_RESULT, $EXIT_CODE, $EXIT_STATUS for ExecStop= and ExecStopPost= (prefix ""), and
 * the MONITOR_ forms for OnFailure=/OnSuccess= units, systemd.exec(5) */
static int service_result_environment(Service *s, const char *prefix, char ***env) {
        const char *code = NULL;
        char status[32] = "";
        int r;

        r = strv_extendf(env, "%sSERVICE_RESULT=%s", prefix, service_result_to_string(s->result));
        if (r < 0)
                return r;
        switch (s->main_exec_status.code) {
        case CLD_EXITED:
                code = "exited";
                snprintf(status, sizeof status, "%d", s->main_exec_status.status);
                break;
        case CLD_KILLED:
        case CLD_DUMPED:
                code = s->main_exec_status.code == CLD_KILLED ? "killed" : "dumped";
                snprintf(status, sizeof status, "%s", strempty(signal_to_string(s->main_exec_status.status)));
                break;
        default:
                break;
        }
        if (code) {
                r = strv_extendf(env, "%sEXIT_CODE=%s", prefix, code);
                if (r < 0)
                        return r;
                r = strv_extendf(env, "%sEXIT_STATUS=%s", prefix, status);
                if (r < 0)
                        return r;
        }
        return 0;
}

int service_monitor_environment(Unit *u, char ***env) {
        char id[33];
        int r;

        r = service_result_environment(SERVICE(u), "MONITOR_", env);
        if (r < 0)
                return r;
        r = strv_extendf(env, "MONITOR_INVOCATION_ID=%s", sd_id128_to_string(u->invocation_id, id));
        if (r < 0)
                return r;
        return strv_extendf(env, "MONITOR_UNIT=%s", u->id);
}

static int service_spawn(Service *s, ServiceExecCommand id, size_t idx, bool is_control, pid_t *ret_pid) {
        Unit *u = &s->meta;
        _cleanup_strv_free_ char **extra = NULL;
        _cleanup_free_ int *socket_fds = NULL;
        _cleanup_strv_free_ char **socket_fd_names = NULL;
        size_t n_fds = 0;
        int r;

        if (id == SERVICE_EXEC_STOP || id == SERVICE_EXEC_STOP_POST) {
                r = service_result_environment(s, "", &extra);
                if (r < 0)
                        return r;
        }
        r = strv_extend_strv(&extra, u->activation_env, false);
        if (r < 0)
                return r;
        /* socket activation: the main command gets the fds of the sockets that trigger us */
        if (id == SERVICE_EXEC_START) {
                r = socket_collect_fds(u, &socket_fds, &socket_fd_names, &n_fds);
                if (r < 0)
                        return log_warning_errno(r, "%s: Failed to collect socket fds: %m", u->id);
        }

        const UnitSpawn a = {
                .command = &SD(s)->exec[id].commands[idx],
                .what = service_exec_command_to_string(id),
                .status = service_exec_status(s, id, idx),
                .is_control = is_control,
                /* NOTIFY_SOCKET= only where notifications are listened to (systemd.exec(5)) */
                .notify_socket = SD(s)->type == SERVICE_NOTIFY ||
                        (SD(s)->notify_access_set && SD(s)->notify_access != NOTIFY_NONE) ?
                        u->manager->notify_socket : NULL,
                .main_pid = is_control ? s->main_pid : 0,
                .extra_env = extra,
                /* a client's stdio (StandardOutputFileDescriptor=, pystemd.run(stdout=)) is every
                 * command's, ExecStop= included, as in systemd: pystemd.run's documentation shows
                 * the output of stop_cmd in the stdout it was given */
                .stdin_fd = s->stdin_fd,
                .stdout_fd = s->stdout_fd,
                .stderr_fd = s->stderr_fd,
                .fds = socket_fds,
                .fd_names = socket_fd_names,
                .n_fds = n_fds,
                .ret_failed_status = &s->spawn_failed_status,
        };
        return unit_spawn(u, &a, ret_pid);
}

/* the next command of the current control list, or 0 when the list is done */
static int service_run_control(Service *s, ServiceExecCommand id, size_t idx) {
        pid_t pid;
        int r;

        if (idx >= SD(s)->exec[id].n)
                return 0;
        r = service_spawn(s, id, idx, true, &pid);
        if (r < 0)
                return r;
        s->control_pid = pid;
        s->control_command_id = id;
        s->control_command_index = idx;
        return 1;
}

static int service_run_next_control(Service *s) {
        return service_run_control(s, s->control_command_id, s->control_command_index + 1);
}

static bool service_main_alive(Service *s) {
        return s->main_pid > 0;
}

/* a forking service whose main process nobody told us (GuessMainPID=no, no PIDFile=): the
 * cgroup stands for it, as in systemd */
static bool service_main_pid_unknown(Service *s) {
        return SD(s)->type == SERVICE_FORKING && !s->main_pid_known;
}

static bool service_shall_restart(Service *s) {
        const ServiceSection *sd = SD(s);
        ServiceResult r = s->result;

        if (s->forbid_restart)
                return false;
        if (r == SERVICE_FAILURE_START_LIMIT_HIT)
                return false;
        if (s->main_exec_status.code == CLD_EXITED &&
            exit_status_set_test_status(&sd->restart_prevent_status, s->main_exec_status.status))
                return false;
        if ((s->main_exec_status.code == CLD_KILLED || s->main_exec_status.code == CLD_DUMPED) &&
            exit_status_set_test_signal(&sd->restart_prevent_status, s->main_exec_status.status))
                return false;
        if (s->main_exec_status.code == CLD_EXITED &&
            exit_status_set_test_status(&sd->restart_force_status, s->main_exec_status.status))
                return true;
        if ((s->main_exec_status.code == CLD_KILLED || s->main_exec_status.code == CLD_DUMPED) &&
            exit_status_set_test_signal(&sd->restart_force_status, s->main_exec_status.status))
                return true;

        switch (sd->restart) {
        case SERVICE_RESTART_NO:
                return false;
        case SERVICE_RESTART_ALWAYS:
                return r != SERVICE_SKIP_CONDITION;
        case SERVICE_RESTART_ON_SUCCESS:
                return r == SERVICE_SUCCESS;
        case SERVICE_RESTART_ON_FAILURE:
                return r != SERVICE_SUCCESS && r != SERVICE_SKIP_CONDITION;
        case SERVICE_RESTART_ON_ABNORMAL:
                return r == SERVICE_FAILURE_SIGNAL || r == SERVICE_FAILURE_CORE_DUMP ||
                        r == SERVICE_FAILURE_TIMEOUT || r == SERVICE_FAILURE_WATCHDOG;
        case SERVICE_RESTART_ON_WATCHDOG:
                return r == SERVICE_FAILURE_WATCHDOG;
        case SERVICE_RESTART_ON_ABORT:
                return r == SERVICE_FAILURE_SIGNAL || r == SERVICE_FAILURE_CORE_DUMP;
        case _SERVICE_RESTART_MAX:
        case _SERVICE_RESTART_INVALID:
                break;
        }
        return false;
}

static void service_enter_dead(Service *s, ServiceResult f, bool allow_restart) {
        if (s->result == SERVICE_SUCCESS)
                s->result = f;
        /* the daemon is gone: so is its PID file (systemd removes it too) */
        if (SD(s)->pid_file)
                (void) unlink(SD(s)->pid_file);

        if (allow_restart && service_shall_restart(s)) {
                /* as systemd 252: through dead or failed first (a start job still running fails
                 * with the result), then auto-restart; OnFailure=/OnSuccess= and BindsTo= wait
                 * for a stop that is not followed by a restart */
                s->will_auto_restart = true;
                s->meta.will_auto_restart = true;
                service_set_state(s, s->result == SERVICE_SUCCESS ? SERVICE_DEAD : SERVICE_FAILED);
                service_set_state(s, SERVICE_AUTO_RESTART);
                s->meta.will_auto_restart = false;
                return;
        }
        s->will_auto_restart = false;
        s->forbid_restart = false;
        s->meta.activation_env = strv_free(s->meta.activation_env);
        /* a unit skipped by ExecCondition= is dead, not failed (Result=exec-condition) */
        service_set_state(s, s->result == SERVICE_SUCCESS || s->result == SERVICE_SKIP_CONDITION ?
                          SERVICE_DEAD : SERVICE_FAILED);
}

/* Signals what KillMode= says for this step; returns whether anything is left to wait for.
 * One look at the unit's processes serves both (without cgroups it is a /proc scan). */
static bool service_kill_targets(Service *s, ServiceState state, int sig) {
        Unit *u = &s->meta;
        KillMode mode = u->def->kill.kill_mode;
        bool final = state == SERVICE_STOP_SIGKILL || state == SERVICE_FINAL_SIGKILL;
        int n = 0;

        /* KillMode=none: nothing is signalled and nothing waited for (systemd.kill(5)) */
        if (mode == KILL_NONE)
                return false;
        if (s->main_pid > 0 && kill(s->main_pid, sig) >= 0) {
                if (sig != SIGKILL)
                        (void) kill(s->main_pid, SIGCONT);
                if (u->def->kill.send_sighup && sig != SIGKILL)
                        (void) kill(s->main_pid, SIGHUP);
        }
        if (s->control_pid > 0 && kill(s->control_pid, sig) >= 0 && sig != SIGKILL)
                (void) kill(s->control_pid, SIGCONT);
        if (mode == KILL_CONTROL_GROUP || (mode == KILL_MIXED && final)) {
                /* the rest: main and control had theirs already */
                n = unit_kill_others(u, sig, s->main_pid, s->control_pid);
                if (n > 0 && u->def->kill.send_sighup && sig != SIGKILL)
                        (void) unit_kill_others(u, SIGHUP, s->main_pid, s->control_pid);
        }
        return s->main_pid > 0 || s->control_pid > 0 || n > 0;
}

/* systemd.kill(5): control-group waits for the whole unit; mixed waits for the main and control
 * processes after SIGTERM and for the rest after SIGKILL; process waits for main and control */
static bool service_wait_for_processes(Service *s) {
        KillMode mode = s->meta.def->kill.kill_mode;
        bool final = s->state == SERVICE_STOP_SIGKILL || s->state == SERVICE_FINAL_SIGKILL;

        if (s->main_pid > 0 || s->control_pid > 0)
                return true;
        if (mode == KILL_CONTROL_GROUP || (mode == KILL_MIXED && final))
                return unit_has_processes(&s->meta);
        return false;
}

static void service_enter_signal(Service *s, ServiceState state, ServiceResult f) {
        const KillContext *k = &s->meta.def->kill;
        int sig;

        if (s->result == SERVICE_SUCCESS)
                s->result = f;

        switch (state) {
        case SERVICE_STOP_SIGTERM:
        case SERVICE_FINAL_SIGTERM:
                sig = k->kill_signal > 0 ? k->kill_signal : SIGTERM;
                break;
        case SERVICE_STOP_WATCHDOG:
        case SERVICE_FINAL_WATCHDOG:
                sig = k->watchdog_signal > 0 ? k->watchdog_signal : SIGABRT;
                break;
        default:
                sig = k->final_kill_signal > 0 ? k->final_kill_signal : SIGKILL;
                break;
        }

        if (service_kill_targets(s, state, sig)) {
                service_set_state(s, state);
                return;
        }

        /* Nothing left to wait for. Only KillMode=mixed has more to do in the SIGKILL step (the
         * rest of the unit); for the other modes that step would find nothing either. */
        bool mixed = k->kill_mode == KILL_MIXED && k->send_sigkill;
        if ((state == SERVICE_STOP_SIGTERM || state == SERVICE_STOP_WATCHDOG) && mixed)
                service_enter_signal(s, SERVICE_STOP_SIGKILL, SERVICE_SUCCESS);
        else if (state == SERVICE_STOP_SIGTERM || state == SERVICE_STOP_SIGKILL || state == SERVICE_STOP_WATCHDOG)
                service_enter_stop_post(s, SERVICE_SUCCESS);
        else if ((state == SERVICE_FINAL_SIGTERM || state == SERVICE_FINAL_WATCHDOG) && mixed)
                service_enter_signal(s, SERVICE_FINAL_SIGKILL, SERVICE_SUCCESS);
        else
                service_enter_dead(s, SERVICE_SUCCESS, true);
}

static void service_enter_stop_post(Service *s, ServiceResult f) {
        int r;

        if (s->result == SERVICE_SUCCESS)
                s->result = f;
        service_unwatch_control(s);

        r = service_run_control(s, SERVICE_EXEC_STOP_POST, 0);
        if (r > 0) {
                service_set_state(s, SERVICE_STOP_POST);
                return;
        }
        service_enter_signal(s, SERVICE_FINAL_SIGTERM, r < 0 ? SERVICE_FAILURE_RESOURCES : SERVICE_SUCCESS);
}

static void service_enter_stop(Service *s, ServiceResult f) {
        int r;

        if (s->result == SERVICE_SUCCESS)
                s->result = f;
        service_unwatch_control(s);

        r = service_run_control(s, SERVICE_EXEC_STOP, 0);
        if (r > 0) {
                service_set_state(s, SERVICE_STOP);
                return;
        }
        service_enter_signal(s, SERVICE_STOP_SIGTERM, r < 0 ? SERVICE_FAILURE_RESOURCES : SERVICE_SUCCESS);
}

static void service_enter_running(Service *s, ServiceResult f) {
        if (s->result == SERVICE_SUCCESS)
                s->result = f;
        service_unwatch_control(s);

        if (s->result != SERVICE_SUCCESS)
                service_enter_signal(s, SERVICE_STOP_SIGTERM, f);
        else if (service_main_alive(s) ||
                 ((SD(s)->exit_type == SERVICE_EXIT_CGROUP || service_main_pid_unknown(s)) &&
                  unit_has_processes(&s->meta)))
                service_set_state(s, SERVICE_RUNNING);
        else if (SD(s)->remain_after_exit)
                service_set_state(s, SERVICE_EXITED);
        else
                service_enter_stop(s, SERVICE_SUCCESS);
}

static void service_enter_start_post(Service *s) {
        int r;

        service_unwatch_control(s);
        r = service_run_control(s, SERVICE_EXEC_START_POST, 0);
        if (r > 0) {
                service_set_state(s, SERVICE_START_POST);
                return;
        }
        if (r < 0) {
                service_enter_signal(s, SERVICE_STOP_SIGTERM, SERVICE_FAILURE_RESOURCES);
                return;
        }
        service_enter_running(s, SERVICE_SUCCESS);
}

static int service_read_pid_file(Service *s) {
        _cleanup_free_ char *data = NULL;
        size_t n;
        pid_t pid;
        int r;

        r = read_full_file(SD(s)->pid_file, 4096, &data, &n);
        if (r < 0)
                return r;
        data[strcspn(data, " \t\r\n")] = 0;
        r = parse_pid(data, &pid);
        if (r < 0)
                return r;
        if (!pid_is_alive(pid))
                return -ESRCH;
        s->main_pid = pid;
        s->main_pid_known = true;
        (void) unit_watch_pid(&s->meta, pid);
        return 0;
}

/* GuessMainPID=: the one process of the unit that the forking parent left to us */
static void service_guess_main_pid(Service *s) {
        _cleanup_free_ pid_t *l = NULL;
        size_t n = 0;
        pid_t found = 0;

        if (unit_get_pids(&s->meta, &l, &n) < 0)
                return;
        for (size_t i = 0; i < n; i++) {
                pid_t ppid;
                if (l[i] == s->control_pid)
                        continue;
                if (pid_get_ppid(l[i], &ppid) < 0 || ppid != getpid())
                        continue;
                if (found) {
                        found = 0;      /* more than one candidate: do not guess */
                        break;
                }
                found = l[i];
        }
        if (found) {
                s->main_pid = found;
                s->main_pid_known = true;
                (void) unit_watch_pid(&s->meta, found);
        }
}

static void service_enter_start(Service *s) {
        const ServiceSection *sd = SD(s);
        pid_t pid;
        int r;

        service_unwatch_control(s);

        if (sd->exec[SERVICE_EXEC_START].n == 0) {
                /* a oneshot with only ExecStop= (systemd.service(5), RemainAfterExit=) */
                service_enter_start_post(s);
                return;
        }

        s->main_command_index = 0;
        r = service_spawn(s, SERVICE_EXEC_START, 0, sd->type == SERVICE_FORKING, &pid);
        if (r < 0) {
                service_enter_signal(s, SERVICE_STOP_SIGTERM, SERVICE_FAILURE_RESOURCES);
                return;
        }

        switch (sd->type) {
        case SERVICE_SIMPLE:
        case SERVICE_IDLE:
                s->main_pid = pid;
                s->main_pid_known = true;
                s->main_exec_status = (ExecStatus) { .pid = pid };
                dual_timestamp_now(&s->main_exec_status.start_timestamp);
                service_enter_start_post(s);
                return;

        case SERVICE_EXEC: {
                siginfo_t si = {};

                s->main_pid = pid;
                s->main_pid_known = true;
                s->main_exec_status = (ExecStatus) { .pid = pid };
                dual_timestamp_now(&s->main_exec_status.start_timestamp);
                /* exec_spawn() returns once the child has exec'd or failed before execve() */
                if (s->spawn_failed_status != 0 ||
                    (waitid(P_PID, pid, &si, WEXITED | WNOHANG | WNOWAIT) >= 0 && si.si_pid == pid)) {
                        service_set_state(s, SERVICE_START);
                        return;
                }
                service_enter_start_post(s);
                return;
        }

        case SERVICE_FORKING:
                s->control_pid = pid;
                s->control_command_id = SERVICE_EXEC_START;
                s->control_command_index = 0;
                service_set_state(s, SERVICE_START);
                return;

        case SERVICE_ONESHOT:
        case SERVICE_NOTIFY:
        case SERVICE_DBUS:
                s->main_pid = pid;
                s->main_pid_known = true;
                s->main_exec_status = (ExecStatus) { .pid = pid };
                dual_timestamp_now(&s->main_exec_status.start_timestamp);
                service_set_state(s, SERVICE_START);
                return;

        case _SERVICE_TYPE_MAX:
        case _SERVICE_TYPE_INVALID:
                break;
        }
        assert_not_reached();
}

static void service_enter_start_pre(Service *s) {
        int r;

        service_unwatch_control(s);
        r = service_run_control(s, SERVICE_EXEC_START_PRE, 0);
        if (r > 0) {
                service_set_state(s, SERVICE_START_PRE);
                return;
        }
        if (r < 0) {
                service_enter_signal(s, SERVICE_STOP_SIGTERM, SERVICE_FAILURE_RESOURCES);
                return;
        }
        service_enter_start(s);
}

static void service_enter_condition(Service *s) {
        int r;

        r = service_run_control(s, SERVICE_EXEC_CONDITION, 0);
        if (r > 0) {
                service_set_state(s, SERVICE_CONDITION);
                return;
        }
        if (r < 0) {
                service_enter_signal(s, SERVICE_STOP_SIGTERM, SERVICE_FAILURE_RESOURCES);
                return;
        }
        service_enter_start_pre(s);
}

static int service_start(Unit *u) {
        Service *s = SERVICE(u);
        bool auto_restart = s->state == SERVICE_AUTO_RESTART;

        switch (s->state) {
        case SERVICE_STOP:
        case SERVICE_STOP_WATCHDOG:
        case SERVICE_STOP_SIGTERM:
        case SERVICE_STOP_SIGKILL:
        case SERVICE_STOP_POST:
        case SERVICE_FINAL_WATCHDOG:
        case SERVICE_FINAL_SIGTERM:
        case SERVICE_FINAL_SIGKILL:
        case SERVICE_CLEANING:
                return -EAGAIN;
        case SERVICE_CONDITION:
        case SERVICE_START_PRE:
        case SERVICE_START:
        case SERVICE_START_POST:
                return 0;
        case SERVICE_RUNNING:
        case SERVICE_EXITED:
        case SERVICE_RELOAD:
                return -EALREADY;
        case SERVICE_DEAD:
        case SERVICE_FAILED:
        case SERVICE_AUTO_RESTART:
                break;
        case _SERVICE_STATE_MAX:
        case _SERVICE_STATE_INVALID:
                assert_not_reached();
        }

        if (!unit_test_start_limit(u)) {
                log_warning("%s: Start request repeated too quickly.", u->id);
                /* the result of the run that led here stays (exit-code …), else start-limit-hit */
                s->forbid_restart = true;
                service_enter_dead(s, SERVICE_FAILURE_START_LIMIT_HIT, false);
                return -ECANCELED;
        }

        if (!auto_restart)
                s->n_restarts = 0;
        s->result = SERVICE_SUCCESS;
        s->reload_result = SERVICE_SUCCESS;
        s->forbid_restart = false;
        s->will_auto_restart = false;
        s->notify_ready_seen = false;
        s->status_text = mfree(s->status_text);
        s->status_errno = 0;
        service_reset_exec_status(s);
        (void) sd_id128_randomize(&u->invocation_id);

        service_enter_condition(s);
        return 0;
}

static void service_enter_restart(Service *s) {
        Unit *u = &s->meta;
        _cleanup_free_ char *en = NULL, *em = NULL;
        int r;

        if (u->job && u->job->type == JOB_STOP) {
                service_enter_dead(s, SERVICE_SUCCESS, false);
                return;
        }
        s->n_restarts++;
        if (u->job && u->job->state == JOB_RUNNING) {
                /* the start job that is waiting for us stays; restart in place */
                r = service_start(u);
                if (r < 0 && r != -EALREADY && u->job)
                        job_finish_and_invalidate(u->job, JOB_FAILED, true);
                return;
        }
        r = manager_add_job(u->manager, JOB_START, u, JOB_REPLACE, &en, &em, NULL);
        if (r < 0) {
                log_warning("%s: Failed to schedule restart job: %s", u->id, strna(em));
                service_enter_dead(s, SERVICE_SUCCESS, false);
        }
}

static int service_stop(Unit *u) {
        Service *s = SERVICE(u);

        s->forbid_restart = true;

        switch (s->state) {
        case SERVICE_STOP:
        case SERVICE_STOP_WATCHDOG:
        case SERVICE_STOP_SIGTERM:
        case SERVICE_STOP_SIGKILL:
        case SERVICE_STOP_POST:
        case SERVICE_FINAL_WATCHDOG:
        case SERVICE_FINAL_SIGTERM:
        case SERVICE_FINAL_SIGKILL:
                return 0;
        case SERVICE_AUTO_RESTART:
                service_set_state(s, SERVICE_DEAD);
                return 0;
        case SERVICE_CONDITION:
        case SERVICE_START_PRE:
        case SERVICE_START:
        case SERVICE_START_POST:
        case SERVICE_RELOAD:
                service_enter_signal(s, SERVICE_STOP_SIGTERM, SERVICE_SUCCESS);
                return 0;
        case SERVICE_RUNNING:
        case SERVICE_EXITED:
                service_enter_stop(s, SERVICE_SUCCESS);
                return 0;
        case SERVICE_DEAD:
        case SERVICE_FAILED:
        case SERVICE_CLEANING:
                return -EALREADY;
        case _SERVICE_STATE_MAX:
        case _SERVICE_STATE_INVALID:
                break;
        }
        assert_not_reached();
}

static bool service_can_reload(Unit *u) {
        return u->def && u->def->service.exec[SERVICE_EXEC_RELOAD].n > 0;
}

static int service_reload(Unit *u) {
        Service *s = SERVICE(u);
        int r;

        if (s->state != SERVICE_RUNNING && s->state != SERVICE_EXITED)
                return -EAGAIN;
        s->reload_result = SERVICE_SUCCESS;
        r = service_run_control(s, SERVICE_EXEC_RELOAD, 0);
        if (r <= 0) {
                s->reload_result = SERVICE_FAILURE_RESOURCES;
                service_enter_running(s, SERVICE_SUCCESS);
                return 0;
        }
        service_set_state(s, SERVICE_RELOAD);
        return 0;
}

#define PID_FILE_POLL_USEC (20 * USEC_PER_MSEC)

static int service_pid_file_poll_cb(sd_event_source *source, uint64_t usec, void *userdata) {
        Service *s = userdata;

        if (s->state != SERVICE_START || s->control_pid > 0) {
                s->pid_file_poll = sd_event_source_disable_unref(s->pid_file_poll);
                return 0;
        }
        if (service_read_pid_file(s) >= 0) {
                s->pid_file_poll = sd_event_source_disable_unref(s->pid_file_poll);
                service_enter_start_post(s);
                return 0;
        }
        (void) sd_event_source_set_time_relative(source, PID_FILE_POLL_USEC);
        (void) sd_event_source_set_enabled(source, SD_EVENT_ONESHOT);
        return 0;
}

static void service_control_done(Service *s, ServiceResult f) {
        switch (s->state) {
        case SERVICE_CONDITION:
                if (f == SERVICE_SUCCESS) {
                        if (service_run_next_control(s) > 0)
                                return;
                        service_enter_start_pre(s);
                } else if (f == SERVICE_FAILURE_EXIT_CODE && s->exec_status[SERVICE_EXEC_CONDITION]) {
                        /* 1..254 skip the unit, 255 and signals fail it (ExecCondition=) */
                        ExecStatus *es = &s->exec_status[SERVICE_EXEC_CONDITION][s->control_command_index];
                        if (es->status < 255) {
                                s->meta.condition_result = false;
                                service_enter_signal(s, SERVICE_STOP_SIGTERM, SERVICE_SKIP_CONDITION);
                        } else
                                service_enter_signal(s, SERVICE_STOP_SIGTERM, f);
                } else
                        service_enter_signal(s, SERVICE_STOP_SIGTERM, f);
                return;
        case SERVICE_START_PRE:
                if (f == SERVICE_SUCCESS) {
                        if (service_run_next_control(s) > 0)
                                return;
                        service_enter_start(s);
                } else
                        service_enter_signal(s, SERVICE_STOP_SIGTERM, f);
                return;
        case SERVICE_START:
                /* the forking parent */
                if (f != SERVICE_SUCCESS) {
                        service_enter_signal(s, SERVICE_STOP_SIGTERM, f);
                        return;
                }
                if (SD(s)->pid_file) {
                        if (service_read_pid_file(s) < 0) {
                                /* the daemon writes it later: look for it until the start timeout */
                                service_unwatch_control(s);
                                if (!s->pid_file_poll)
                                        (void) sd_event_add_time_relative(s->meta.manager->event, &s->pid_file_poll,
                                                                          CLOCK_MONOTONIC, PID_FILE_POLL_USEC, 0,
                                                                          service_pid_file_poll_cb, s);
                                return;
                        }
                } else if (SD(s)->guess_main_pid)
                        service_guess_main_pid(s);
                service_enter_start_post(s);
                return;
        case SERVICE_START_POST:
                if (f == SERVICE_SUCCESS) {
                        if (service_run_next_control(s) > 0)
                                return;
                        service_enter_running(s, SERVICE_SUCCESS);
                } else
                        service_enter_signal(s, SERVICE_STOP_SIGTERM, f);
                return;
        case SERVICE_RELOAD:
                if (f == SERVICE_SUCCESS && service_run_next_control(s) > 0)
                        return;
                s->reload_result = f;
                service_enter_running(s, SERVICE_SUCCESS);
                return;
        case SERVICE_STOP:
                if (f == SERVICE_SUCCESS && service_run_next_control(s) > 0)
                        return;
                service_enter_signal(s, SERVICE_STOP_SIGTERM, f);
                return;
        case SERVICE_STOP_WATCHDOG:
        case SERVICE_STOP_SIGTERM:
        case SERVICE_STOP_SIGKILL:
                /* as systemd: once main and control are gone, on to ExecStopPost=; the rest of
                 * the cgroup is signalled again in final-sigterm */
                if (s->main_pid > 0)
                        return;
                service_enter_stop_post(s, f);
                return;
        case SERVICE_STOP_POST:
                if (f == SERVICE_SUCCESS && service_run_next_control(s) > 0)
                        return;
                service_enter_signal(s, SERVICE_FINAL_SIGTERM, f);
                return;
        case SERVICE_FINAL_WATCHDOG:
        case SERVICE_FINAL_SIGTERM:
        case SERVICE_FINAL_SIGKILL:
                if (s->main_pid > 0)
                        return;
                service_enter_dead(s, f, true);
                return;
        case SERVICE_DEAD:
        case SERVICE_RUNNING:
        case SERVICE_EXITED:
        case SERVICE_FAILED:
        case SERVICE_AUTO_RESTART:
        case SERVICE_CLEANING:
                return;
        case _SERVICE_STATE_MAX:
        case _SERVICE_STATE_INVALID:
                break;
        }
        assert_not_reached();
}

static void service_main_done(Service *s, ServiceResult f) {
        const ServiceSection *sd = SD(s);

        switch (s->state) {
        case SERVICE_START:
                if (sd->type == SERVICE_ONESHOT) {
                        if (f == SERVICE_SUCCESS && s->main_command_index + 1 < sd->exec[SERVICE_EXEC_START].n) {
                                pid_t pid;
                                size_t idx = s->main_command_index + 1;
                                if (service_spawn(s, SERVICE_EXEC_START, idx, false, &pid) < 0) {
                                        service_enter_signal(s, SERVICE_STOP_SIGTERM, SERVICE_FAILURE_RESOURCES);
                                        return;
                                }
                                s->main_command_index = idx;
                                s->main_pid = pid;
                                s->main_pid_known = true;
                                s->main_exec_status = (ExecStatus) { .pid = pid };
                                dual_timestamp_now(&s->main_exec_status.start_timestamp);
                                return;
                        }
                        if (f == SERVICE_SUCCESS)
                                service_enter_start_post(s);
                        else
                                service_enter_signal(s, SERVICE_STOP_SIGTERM, f);
                        return;
                }
                if (sd->type == SERVICE_NOTIFY) {
                        service_enter_signal(s, SERVICE_STOP_SIGTERM,
                                             f == SERVICE_SUCCESS ? SERVICE_FAILURE_PROTOCOL : f);
                        return;
                }
                if (sd->type == SERVICE_FORKING) {
                        /* the daemon died before the parent returned: handled when the parent ends */
                        if (s->control_pid > 0)
                                return;
                        service_enter_signal(s, SERVICE_STOP_SIGTERM, f == SERVICE_SUCCESS ? SERVICE_FAILURE_PROTOCOL : f);
                        return;
                }
                /* exec, dbus */
                if (f == SERVICE_SUCCESS)
                        service_enter_start_post(s);
                else
                        service_enter_signal(s, SERVICE_STOP_SIGTERM, f);
                return;

        case SERVICE_START_POST:
        case SERVICE_RELOAD:
        case SERVICE_STOP:
                /* the control process decides; the main process is gone */
                if (s->result == SERVICE_SUCCESS)
                        s->result = f;
                return;

        case SERVICE_RUNNING:
                /* ExitType=cgroup: the rest of the cgroup keeps the service running; the main
                 * process's result stays for when the last process is gone */
                if (sd->exit_type == SERVICE_EXIT_CGROUP && unit_has_processes(&s->meta)) {
                        if (s->result == SERVICE_SUCCESS)
                                s->result = f;
                        return;
                }
                service_enter_running(s, f);
                return;

        case SERVICE_STOP_WATCHDOG:
        case SERVICE_STOP_SIGTERM:
        case SERVICE_STOP_SIGKILL:
                /* the control process (ExecStop=) decides when it ends; without one, on */
                if (s->control_pid > 0) {
                        if (s->result == SERVICE_SUCCESS)
                                s->result = f;
                        return;
                }
                service_enter_stop_post(s, f);
                return;

        case SERVICE_FINAL_WATCHDOG:
        case SERVICE_FINAL_SIGTERM:
        case SERVICE_FINAL_SIGKILL:
                if (s->control_pid > 0)
                        return;
                service_enter_dead(s, f, true);
                return;

        case SERVICE_CONDITION:
        case SERVICE_START_PRE:
        case SERVICE_STOP_POST:
        case SERVICE_DEAD:
        case SERVICE_EXITED:
        case SERVICE_FAILED:
        case SERVICE_AUTO_RESTART:
        case SERVICE_CLEANING:
                if (s->result == SERVICE_SUCCESS && s->state == SERVICE_STOP_POST)
                        s->result = f;
                return;

        case _SERVICE_STATE_MAX:
        case _SERVICE_STATE_INVALID:
                break;
        }
        assert_not_reached();
}

static void service_sigchld_event(Unit *u, pid_t pid, int code, int status) {
        Service *s = SERVICE(u);
        ServiceResult f;

        if (pid == s->main_pid) {
                const ExecCommand *c = NULL;
                ExecStatus *es;

                f = service_exit_result(s, code, status, true);
                s->main_exec_status.pid = pid;
                s->main_exec_status.code = code;
                s->main_exec_status.status = status;
                dual_timestamp_now(&s->main_exec_status.exit_timestamp);
                if (SD(s)->exec[SERVICE_EXEC_START].n > s->main_command_index && s->state != SERVICE_RUNNING) {
                        c = &SD(s)->exec[SERVICE_EXEC_START].commands[s->main_command_index];
                        es = service_exec_status(s, SERVICE_EXEC_START, s->main_command_index);
                        if (es && es->pid == pid) {
                                es->code = code;
                                es->status = status;
                                es->exit_timestamp = s->main_exec_status.exit_timestamp;
                        }
                } else if (SD(s)->exec[SERVICE_EXEC_START].n > 0) {
                        c = &SD(s)->exec[SERVICE_EXEC_START].commands[s->main_command_index];
                        es = service_exec_status(s, SERVICE_EXEC_START, s->main_command_index);
                        if (es && es->pid == pid) {
                                es->code = code;
                                es->status = status;
                                es->exit_timestamp = s->main_exec_status.exit_timestamp;
                        }
                }
                if (f != SERVICE_SUCCESS)
                        log_info("%s: Main process exited, code=%s, status=%d", u->id,
                                 code == CLD_EXITED ? "exited" : code == CLD_KILLED ? "killed" : "dumped", status);
                if (c && (c->flags & EXEC_COMMAND_IGNORE_FAILURE))
                        f = SERVICE_SUCCESS;
                service_unwatch_main(s);
                service_main_done(s, f);
                return;
        }

        if (pid == s->control_pid) {
                ExecStatus *es = s->control_command_id >= 0 ?
                        service_exec_status(s, s->control_command_id, s->control_command_index) : NULL;
                const ExecCommand *c = s->control_command_id >= 0 &&
                        s->control_command_index < SD(s)->exec[s->control_command_id].n ?
                        &SD(s)->exec[s->control_command_id].commands[s->control_command_index] : NULL;

                f = service_exit_result(s, code, status, false);
                if (es && es->pid == pid) {
                        es->code = code;
                        es->status = status;
                        dual_timestamp_now(&es->exit_timestamp);
                }
                if (f != SERVICE_SUCCESS)
                        log_info("%s: Control process exited, code=%s, status=%d", u->id,
                                 code == CLD_EXITED ? "exited" : code == CLD_KILLED ? "killed" : "dumped", status);
                if (c && (c->flags & EXEC_COMMAND_IGNORE_FAILURE))
                        f = SERVICE_SUCCESS;
                unit_unwatch_pid(u, pid);
                s->control_pid = 0;
                service_control_done(s, f);
                return;
        }

        /* some other process of the unit: may be the last one we wait for */
        unit_unwatch_pid(u, pid);
        switch (s->state) {
        case SERVICE_STOP_SIGTERM:
        case SERVICE_STOP_SIGKILL:
        case SERVICE_STOP_WATCHDOG:
                if (!service_wait_for_processes(s))
                        service_enter_stop_post(s, SERVICE_SUCCESS);
                break;
        case SERVICE_FINAL_SIGTERM:
        case SERVICE_FINAL_SIGKILL:
        case SERVICE_FINAL_WATCHDOG:
                if (!service_wait_for_processes(s))
                        service_enter_dead(s, SERVICE_SUCCESS, true);
                break;
        case SERVICE_RUNNING:
                if ((SD(s)->exit_type == SERVICE_EXIT_CGROUP || service_main_pid_unknown(s)) &&
                    !service_main_alive(s) && !unit_has_processes(u))
                        service_enter_running(s, SERVICE_SUCCESS);
                break;
        default:
                break;
        }
}

static int service_timer_cb(sd_event_source *source, uint64_t usec, void *userdata) {
        Service *s = userdata;
        Unit *u = &s->meta;
        const KillContext *k = &u->def->kill;

        s->timer_source = sd_event_source_disable_unref(s->timer_source);

        switch (s->state) {
        case SERVICE_CONDITION:
        case SERVICE_START_PRE:
        case SERVICE_START:
        case SERVICE_START_POST:
                if (s->state == SERVICE_START && SD(s)->type == SERVICE_FORKING && SD(s)->pid_file &&
                    s->control_pid == 0 && service_read_pid_file(s) >= 0 &&
                    now(CLOCK_MONOTONIC) < s->timer_deadline) {
                        service_enter_start_post(s);
                        break;
                }
                log_warning("%s: %s operation timed out. Terminating.", u->id,
                            s->state == SERVICE_START_POST ? "Start-post" :
                            s->state == SERVICE_START_PRE ? "Start-pre" : "Start");
                service_enter_signal(s, SERVICE_STOP_SIGTERM, SERVICE_FAILURE_TIMEOUT);
                break;
        case SERVICE_RUNNING:
                log_warning("%s: Service reached runtime time limit. Stopping.", u->id);
                service_enter_stop(s, SERVICE_FAILURE_TIMEOUT);
                break;
        case SERVICE_RELOAD:
                log_warning("%s: Reload operation timed out. Killing reload process.", u->id);
                if (s->control_pid > 0)
                        (void) kill(s->control_pid, SIGKILL);
                s->reload_result = SERVICE_FAILURE_TIMEOUT;
                service_enter_running(s, SERVICE_SUCCESS);
                break;
        case SERVICE_STOP:
                log_warning("%s: Stopping timed out. Terminating.", u->id);
                service_enter_signal(s, SERVICE_STOP_SIGTERM, SERVICE_FAILURE_TIMEOUT);
                break;
        case SERVICE_STOP_WATCHDOG:
        case SERVICE_STOP_SIGTERM:
                if (k->send_sigkill) {
                        log_warning("%s: State 'stop-sigterm' timed out. Killing.", u->id);
                        service_enter_signal(s, SERVICE_STOP_SIGKILL, SERVICE_FAILURE_TIMEOUT);
                } else
                        service_enter_stop_post(s, SERVICE_FAILURE_TIMEOUT);
                break;
        case SERVICE_STOP_SIGKILL:
                log_warning("%s: Processes still around after SIGKILL. Ignoring.", u->id);
                service_enter_stop_post(s, SERVICE_FAILURE_TIMEOUT);
                break;
        case SERVICE_STOP_POST:
                log_warning("%s: State 'stop-post' timed out. Terminating.", u->id);
                service_enter_signal(s, SERVICE_FINAL_SIGTERM, SERVICE_FAILURE_TIMEOUT);
                break;
        case SERVICE_FINAL_WATCHDOG:
        case SERVICE_FINAL_SIGTERM:
                if (k->send_sigkill) {
                        log_warning("%s: State 'final-sigterm' timed out. Killing.", u->id);
                        service_enter_signal(s, SERVICE_FINAL_SIGKILL, SERVICE_FAILURE_TIMEOUT);
                } else
                        service_enter_dead(s, SERVICE_FAILURE_TIMEOUT, false);
                break;
        case SERVICE_FINAL_SIGKILL:
                log_warning("%s: Processes still around after final SIGKILL. Entering failed mode.", u->id);
                service_enter_dead(s, SERVICE_FAILURE_TIMEOUT, true);
                break;
        case SERVICE_AUTO_RESTART:
                service_enter_restart(s);
                break;
        case SERVICE_DEAD:
        case SERVICE_EXITED:
        case SERVICE_FAILED:
        case SERVICE_CLEANING:
                break;
        case _SERVICE_STATE_MAX:
        case _SERVICE_STATE_INVALID:
                assert_not_reached();
        }
        return 0;
}

static void service_notify_message(Unit *u, pid_t pid, char **tags, int *fds, size_t n_fds) {
        Service *s = SERVICE(u);
        const ServiceSection *sd = SD(s);
        NotifyAccess access = sd->notify_access_set ? sd->notify_access :
                (sd->type == SERVICE_NOTIFY ? NOTIFY_MAIN : NOTIFY_NONE);
        bool changed = false;

        for (size_t i = 0; i < n_fds; i++)
                safe_close(fds[i]);     /* no fd store: close at once (sd_notify barriers wait for it) */

        switch (access) {
        case NOTIFY_NONE:
                log_debug("%s: Got notification message from PID %d, but reception is disabled.", u->id, (int) pid);
                return;
        case NOTIFY_MAIN:
                if (pid != s->main_pid) {
                        log_debug("%s: Got notification message from PID %d, but reception only permitted for main PID %d",
                                  u->id, (int) pid, (int) s->main_pid);
                        return;
                }
                break;
        case NOTIFY_EXEC:
                if (pid != s->main_pid && pid != s->control_pid)
                        return;
                break;
        case NOTIFY_ALL:
        case _NOTIFY_ACCESS_MAX:
        case _NOTIFY_ACCESS_INVALID:
                break;
        }

        STRV_FOREACH(t, tags) {
                const char *v;

                if ((v = startswith(*t, "MAINPID="))) {
                        pid_t p;
                        if (parse_pid(v, &p) >= 0 && p != s->main_pid && pid_is_alive(p) &&
                            (s->state == SERVICE_START || s->state == SERVICE_START_POST ||
                             s->state == SERVICE_RUNNING || s->state == SERVICE_RELOAD)) {
                                service_set_main_pid(s, p);
                                changed = true;
                        }
                } else if ((v = startswith(*t, "STATUS="))) {
                        if (!streq_ptr(s->status_text, v)) {
                                (void) free_and_strdup(&s->status_text, isempty(v) ? NULL : v);
                                changed = true;
                        }
                } else if ((v = startswith(*t, "ERRNO="))) {
                        int e;
                        if (safe_atoi(v, &e) >= 0 && e >= 0) {
                                s->status_errno = e;
                                changed = true;
                        }
                } else if ((v = startswith(*t, "EXTEND_TIMEOUT_USEC="))) {
                        uint64_t ext;
                        if (safe_atou64(v, &ext) >= 0 && s->timer_source) {
                                usec_t deadline = now(CLOCK_MONOTONIC) + ext;
                                if (deadline > s->timer_deadline) {
                                        s->timer_deadline = deadline;
                                        (void) sd_event_source_set_time(s->timer_source, deadline);
                                }
                        }
                } else if (streq(*t, "READY=1")) {
                        s->notify_ready_seen = true;
                        changed = true;
                        if (s->state == SERVICE_START && sd->type == SERVICE_NOTIFY)
                                service_enter_start_post(s);
                        else if (s->state == SERVICE_RELOAD && s->notify_reloading) {
                                s->notify_reloading = false;
                                service_enter_running(s, SERVICE_SUCCESS);
                        }
                } else if (streq(*t, "RELOADING=1")) {
                        if (s->state == SERVICE_RUNNING) {
                                s->notify_reloading = true;
                                s->reload_result = SERVICE_SUCCESS;
                                service_set_state(s, SERVICE_RELOAD);
                        }
                } else if (streq(*t, "STOPPING=1")) {
                        s->notify_stopping = true;
                        if (s->state == SERVICE_RUNNING)
                                service_set_state(s, SERVICE_STOP_SIGTERM);
                }
        }
        if (changed)
                unit_add_to_dbus_queue(u);
}

static int service_kill(Unit *u, KillWho who, int signo, char **ret_error_name, char **ret_error_message) {
        return unit_kill_common(u, who, signo, SERVICE(u)->main_pid, SERVICE(u)->control_pid,
                                ret_error_name, ret_error_message);
}

static UnitActiveState service_active_state(Unit *u) {
        return service_states[SERVICE(u)->state].active;
}

static const char *service_sub_state_to_string(Unit *u) {
        return service_states[SERVICE(u)->state].name;
}

static void service_reset_failed(Unit *u) {
        Service *s = SERVICE(u);

        if (s->state == SERVICE_FAILED)
                service_set_state(s, SERVICE_DEAD);
        s->result = SERVICE_SUCCESS;
        s->reload_result = SERVICE_SUCCESS;
        s->n_restarts = 0;
}

static const char *service_result_str(Unit *u) {
        return service_result_to_string(SERVICE(u)->result);
}

static pid_t service_main_pid(Unit *u) {
        return SERVICE(u)->main_pid;
}

static pid_t service_control_pid(Unit *u) {
        return SERVICE(u)->control_pid;
}

static bool service_may_gc(Unit *u) {
        Service *s = SERVICE(u);
        return s->main_pid <= 0 && s->control_pid <= 0;
}

const UnitVTable service_vtable = {
        .object_size = sizeof(Service),
        .init = service_init,
        .done = service_done,
        .start = service_start,
        .stop = service_stop,
        .reload = service_reload,
        .can_reload = service_can_reload,
        .kill = service_kill,
        .active_state = service_active_state,
        .sub_state_to_string = service_sub_state_to_string,
        .sigchld_event = service_sigchld_event,
        .notify_message = service_notify_message,
        .reset_failed = service_reset_failed,
        .may_gc = service_may_gc,
        .result_to_string = service_result_str,
        .main_pid = service_main_pid,
        .control_pid = service_control_pid,
};
