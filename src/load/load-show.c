/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* load-show.c: prints what the files make of units, in `systemctl show` format (systemd's
 * property names, "yes"/"no", time spans as format_timespan() writes them, shell-style
 * quoting of list items). Only properties that come from unit files; runtime ones (MainPID,
 * ActiveState, …) are the manager's, and so are keys the typed model does not cover (their
 * file form is not systemctl's). Reverse dependencies are those among the units of one call.
 * Used by `stemd --user --load UNIT…`. */

#include <signal.h>
#include <syslog.h>

#include "exec-line.h"
#include "load-util.h"
#include "load.h"
#include "parse-util.h"
#include "socket-def.h"
#include "strv.h"
#include "time-util.h"

static const char *yes_no(bool b) {
        return b ? "yes" : "no";
}

static void print_timespan(const char *name, usec_t u) {
        char buf[FORMAT_TIMESPAN_MAX];

        printf("%s=%s\n", name, format_timespan(buf, sizeof buf, u, 1));
}

/* systemd's shell_maybe_quote(): double quotes when the item holds a character a shell would
 * interpret */
static void print_quoted(FILE *f, const char *s) {
        if (!*s || strpbrk(s, "\"\\`$*?['()<>|&;! \t\n")) {
                fputc('"', f);
                for (const char *p = s; *p; p++) {
                        if (strchr("\"\\`$", *p))
                                fputc('\\', f);
                        fputc(*p, f);
                }
                fputc('"', f);
        } else
                fputs(s, f);
}

static void print_strv(const char *name, char * const *l, bool quote, bool always) {
        if (strv_length(l) == 0 && !always)
                return;
        printf("%s=", name);
        STRV_FOREACH(s, l) {
                if (s != l)
                        fputc(' ', stdout);
                if (quote)
                        print_quoted(stdout, *s);
                else
                        fputs(*s, stdout);
        }
        fputc('\n', stdout);
}

static void print_string(const char *name, const char *s) {
        if (!isempty(s))
                printf("%s=%s\n", name, s);
}

static void print_u64_or_infinity(const char *name, uint64_t v, bool not_set_if_max) {
        if (v == UINT64_MAX)
                printf("%s=%s\n", name, not_set_if_max ? "[not set]" : "infinity");
        else
                printf("%s=%" PRIu64 "\n", name, v);
}

/* with_ex: services also show the ExecStartEx= form (flags spelled out); sockets do not */
static void print_exec(const char *name, const ExecCommandList *l, bool with_ex) {
        for (size_t ex = 0; ex < (with_ex ? 2 : 1); ex++)
                for (size_t i = 0; i < l->n; i++) {
                        const ExecCommand *c = &l->commands[i];

                        printf("%s%s={ path=%s ; argv[]=", name, ex ? "Ex" : "", c->path);
                        STRV_FOREACH(a, c->argv) {
                                if (a != c->argv)
                                        fputc(' ', stdout);
                                fputs(*a, stdout);
                        }
                        if (ex) {
                                _cleanup_free_ char *fl = exec_command_flags_to_string(c->flags);
                                printf(" ; flags=%s", strempty(fl));
                        } else
                                printf(" ; ignore_errors=%s", yes_no(c->flags & EXEC_COMMAND_IGNORE_FAILURE));
                        printf(" ; start_time=[n/a] ; stop_time=[n/a] ; pid=0 ; code=(null) ; status=0/0 }\n");
                }
}

static void print_exit_status(const char *name, const ExitStatusSet *s) {
        bool first = true;

        printf("%s=", name);
        for (int i = 0; i < 256; i++)
                if (exit_status_set_test_status(s, i)) {
                        printf("%s%d", first ? "" : " ", i);
                        first = false;
                }
        for (int i = 1; i <= 64; i++)
                if (exit_status_set_test_signal(s, i)) {
                        const char *n = signal_to_string(i);
                        if (n)
                                printf("%s%s", first ? "" : " ", n);
                        else
                                printf("%s%d", first ? "" : " ", i);
                        first = false;
                }
        fputc('\n', stdout);
}

static uint64_t default_tasks_max(void) {
        /* DefaultTasksMax=15% of the kernel's limit, systemd-system.conf(5) */
        uint64_t pid_max = 4194304, threads = UINT64_MAX, v;
        _cleanup_(fclosep) FILE *f = fopen("/proc/sys/kernel/pid_max", "re");
        _cleanup_(fclosep) FILE *g = fopen("/proc/sys/kernel/threads-max", "re");

        if (f && fscanf(f, "%" SCNu64, &v) == 1)
                pid_max = v;
        if (g && fscanf(g, "%" SCNu64, &v) == 1)
                threads = v;
        return MIN(pid_max, threads) * 15 / 100;
}

static void print_service(const UnitDef *d) {
        const ServiceSection *s = &d->service;
        const ExecContext *e = &d->exec;
        const KillContext *k = &d->kill;
        const CGroupContext *g = &d->cgroup;

        printf("Type=%s\n", service_type_to_string(s->type));
        printf("ExitType=%s\n", service_exit_type_to_string(s->exit_type));
        printf("Restart=%s\n", service_restart_to_string(s->restart));
        print_string("PIDFile", s->pid_file);
        printf("NotifyAccess=%s\n", notify_access_to_string(s->notify_access));
        print_timespan("RestartUSec", s->restart_usec);
        print_timespan("TimeoutStartUSec", s->timeout_start_usec);
        print_timespan("TimeoutStopUSec", s->timeout_stop_usec);
        print_timespan("TimeoutAbortUSec", s->timeout_abort_usec);
        print_timespan("RuntimeMaxUSec", s->runtime_max_usec);
        print_timespan("RuntimeRandomizedExtraUSec", s->runtime_randomized_extra_usec);
        printf("RootDirectoryStartOnly=%s\n", yes_no(s->root_directory_start_only));
        printf("RemainAfterExit=%s\n", yes_no(s->remain_after_exit));
        printf("GuessMainPID=%s\n", yes_no(s->guess_main_pid));
        if (memcmp(&s->restart_prevent_status, &(ExitStatusSet) {}, sizeof(ExitStatusSet)) != 0)
                print_exit_status("RestartPreventExitStatus", &s->restart_prevent_status);
        if (memcmp(&s->restart_force_status, &(ExitStatusSet) {}, sizeof(ExitStatusSet)) != 0)
                print_exit_status("RestartForceExitStatus", &s->restart_force_status);
        if (memcmp(&s->success_status, &(ExitStatusSet) {}, sizeof(ExitStatusSet)) != 0)
                print_exit_status("SuccessExitStatus", &s->success_status);
        print_string("BusName", s->bus_name);
        printf("FileDescriptorStoreMax=%u\n", s->file_descriptor_store_max);
        printf("OOMPolicy=%s\n", oom_policy_to_string(s->oom_policy));
        for (ServiceExecCommand c = 0; c < _SERVICE_EXEC_COMMAND_MAX; c++)
                print_exec(service_exec_command_to_string(c), &s->exec[c], true);
        print_string("Slice", d->slice);

        printf("Delegate=%s\n", yes_no(g->delegate));
        if (g->delegate && g->delegate_controllers)
                print_strv("DelegateControllers", g->delegate_controllers, false, false);
        printf("CPUAccounting=%s\n", yes_no(g->cpu_accounting));
        print_u64_or_infinity("CPUWeight", g->cpu_weight, true);
        print_u64_or_infinity("StartupCPUWeight", g->startup_cpu_weight, true);
        print_timespan("CPUQuotaPerSecUSec", g->cpu_quota_per_sec_usec);
        print_timespan("CPUQuotaPeriodUSec", g->cpu_quota_period_usec);
        printf("IOAccounting=%s\n", yes_no(g->io_accounting));
        print_u64_or_infinity("IOWeight", g->io_weight, true);
        printf("MemoryAccounting=%s\n", yes_no(g->memory_accounting));
        print_u64_or_infinity("MemoryMin", g->memory_min, false);
        print_u64_or_infinity("MemoryLow", g->memory_low, false);
        print_u64_or_infinity("MemoryHigh", g->memory_high, false);
        print_u64_or_infinity("MemoryMax", g->memory_max, false);
        print_u64_or_infinity("MemorySwapMax", g->memory_swap_max, false);
        printf("TasksAccounting=%s\n", yes_no(g->tasks_accounting));
        print_u64_or_infinity("TasksMax", g->tasks_max_set ? g->tasks_max : default_tasks_max(), false);

        print_strv("Environment", e->environment, true, false);
        for (size_t i = 0; i < e->n_environment_files; i++)
                printf("EnvironmentFiles=%s (ignore_errors=%s)\n", e->environment_files[i].path,
                       yes_no(e->environment_files[i].ignore_missing));
        print_strv("PassEnvironment", e->pass_environment, true, false);
        print_strv("UnsetEnvironment", e->unset_environment, true, false);
        printf("UMask=%04o\n", (unsigned) e->umask);
        for (int i = 0; i < RLIM_NLIMITS; i++) {
                const char *n = rlimit_to_string(i);
                if (!e->rlimit[i] || !n)
                        continue;
                if (e->rlimit[i]->rlim_max == RLIM_INFINITY)
                        printf("Limit%s=infinity\n", n);
                else
                        printf("Limit%s=%llu\n", n, (unsigned long long) e->rlimit[i]->rlim_max);
                if (e->rlimit[i]->rlim_cur == RLIM_INFINITY)
                        printf("Limit%sSoft=infinity\n", n);
                else
                        printf("Limit%sSoft=%llu\n", n, (unsigned long long) e->rlimit[i]->rlim_cur);
        }
        if (e->working_directory_set || d->user_mode) {
                const char *h = getenv("HOME");
                const char *wd = e->working_directory_home || !e->working_directory_set ? (h ?: "~") : e->working_directory;
                printf("WorkingDirectory=%s%s\n", e->working_directory_missing_ok || !e->working_directory_set ? "!" : "", wd);
        }
        print_string("RootDirectory", e->root_directory);
        printf("OOMScoreAdjust=%d\n", e->oom_score_adjust);
        printf("Nice=%d\n", e->nice);
        printf("CPUSchedulingPolicy=%d\n", e->cpu_sched_policy);
        printf("CPUSchedulingPriority=%d\n", e->cpu_sched_priority);
        printf("CPUSchedulingResetOnFork=%s\n", yes_no(e->cpu_sched_reset_on_fork));
        printf("StandardInput=%s\n", exec_input_to_string(e->std_input));
        if (e->std_input == EXEC_INPUT_FILE)
                print_string("StandardInputFileDescriptorName", NULL);
        printf("StandardOutput=%s\n", exec_output_to_string(e->std_output));
        printf("StandardError=%s\n", exec_output_to_string(e->std_error));
        print_string("TTYPath", e->tty_path);
        printf("TTYReset=%s\n", yes_no(e->tty_reset));
        printf("TTYVHangup=%s\n", yes_no(e->tty_vhangup));
        printf("TTYVTDisallocate=%s\n", yes_no(e->tty_vt_disallocate));
        print_string("SyslogIdentifier", e->syslog_identifier);
        printf("SyslogPriority=%d\n", e->syslog_priority);
        printf("SyslogLevelPrefix=%s\n", yes_no(e->syslog_level_prefix));
        printf("SyslogLevel=%d\n", LOG_PRI(e->syslog_priority));
        printf("SyslogFacility=%d\n", LOG_FAC(e->syslog_priority));
        print_string("User", e->user);
        print_string("Group", e->group);
        print_strv("SupplementaryGroups", e->supplementary_groups, true, false);
        print_string("PAMName", e->pam_name);
        print_strv("ReadWritePaths", e->read_write_paths, true, false);
        print_strv("ReadOnlyPaths", e->read_only_paths, true, false);
        print_strv("InaccessiblePaths", e->inaccessible_paths, true, false);
        printf("DynamicUser=%s\n", yes_no(e->dynamic_user));
        printf("PrivateTmp=%s\n", yes_no(e->private_tmp));
        printf("PrivateDevices=%s\n", yes_no(e->private_devices));
        printf("PrivateNetwork=%s\n", yes_no(e->private_network));
        printf("SameProcessGroup=%s\n", yes_no(e->same_process_group));
        printf("IgnoreSIGPIPE=%s\n", yes_no(e->ignore_sigpipe));
        printf("NoNewPrivileges=%s\n", yes_no(e->no_new_privileges));
        printf("RuntimeDirectoryPreserve=%s\n", e->runtime_directory_preserve ?: "no");
        printf("RuntimeDirectoryMode=%04o\n", (unsigned) e->runtime_directory_mode);
        print_strv("RuntimeDirectory", e->runtime_directory, true, false);
        printf("StateDirectoryMode=%04o\n", (unsigned) e->state_directory_mode);
        print_strv("StateDirectory", e->state_directory, true, false);
        printf("CacheDirectoryMode=%04o\n", (unsigned) e->cache_directory_mode);
        print_strv("CacheDirectory", e->cache_directory, true, false);
        printf("LogsDirectoryMode=%04o\n", (unsigned) e->logs_directory_mode);
        print_strv("LogsDirectory", e->logs_directory, true, false);
        printf("ConfigurationDirectoryMode=%04o\n", (unsigned) e->configuration_directory_mode);
        print_strv("ConfigurationDirectory", e->configuration_directory, true, false);
        printf("KillMode=%s\n", kill_mode_to_string(k->kill_mode));
        printf("KillSignal=%d\n", k->kill_signal);
        printf("RestartKillSignal=%d\n", k->restart_kill_signal ?: k->kill_signal);
        printf("FinalKillSignal=%d\n", k->final_kill_signal);
        printf("SendSIGKILL=%s\n", yes_no(k->send_sigkill));
        printf("SendSIGHUP=%s\n", yes_no(k->send_sighup));
        printf("WatchdogSignal=%d\n", k->watchdog_signal);
}

/* what systemd.socket(5) keys the loader models; the rest of [Socket] is not shown */
static int print_socket(const UnitDef *d, const LookupPaths *lp) {
        _cleanup_(socket_section_done) SocketSection s = {};
        int r;

        r = socket_section_parse(d, lp, &s);
        if (r < 0)
                return r;

        printf("Backlog=%u\n", s.backlog);
        print_timespan("TimeoutUSec", s.timeout_usec);
        printf("SocketMode=%04o\n", (unsigned) s.socket_mode);
        printf("DirectoryMode=%04o\n", (unsigned) s.directory_mode);
        printf("Accept=%s\n", yes_no(s.accept));
        printf("Writable=%s\n", yes_no(s.writable));
        printf("PassCredentials=%s\n", yes_no(s.pass_credentials));
        printf("PassSecurity=%s\n", yes_no(s.pass_security));
        printf("RemoveOnStop=%s\n", yes_no(s.remove_on_stop));
        for (size_t i = 0; i < s.n_ports; i++) {
                const SocketPort *p = &s.ports[i];
                _cleanup_free_ char *a = NULL;

                if (p->type == SOCKET_PORT_SOCKET) {
                        a = socket_address_to_string(&p->address);
                        if (!a)
                                return -ENOMEM;
                }
                printf("Listen=%s (%s)\n", a ?: p->path, socket_port_type_string(p));
        }
        print_strv("Symlinks", s.symlinks, false, true);
        printf("MaxConnections=%u\n", s.max_connections);
        printf("MaxConnectionsPerSource=%u\n", s.max_connections_per_source);
        printf("ReusePort=%s\n", yes_no(s.reuse_port));
        printf("FileDescriptorName=%s\n", s.fdname ?: d->id);
        print_timespan("TriggerLimitIntervalUSec", s.trigger_limit_interval_usec);
        printf("TriggerLimitBurst=%u\n", s.trigger_limit_burst);
        for (SocketExecCommand c = 0; c < _SOCKET_EXEC_COMMAND_MAX; c++)
                print_exec(socket_exec_command_to_string(c), &s.exec[c], false);
        return 0;
}

static void print_unit(const UnitDef *d) {
        const UnitSection *u = &d->unit;

        printf("Id=%s\n", d->id);
        print_strv("Names", d->names, false, true);
        for (UnitDependency k = 0; k < _UNIT_DEPENDENCY_MAX; k++)
                print_strv(unit_dependency_to_string(k), d->deps[k], false, false);
        print_strv("RequiresMountsFor", u->requires_mounts_for, true, false);
        print_strv("Documentation", u->documentation, true, false);
        printf("Description=%s\n", u->description ?: d->id);
        printf("LoadState=%s\n", unit_load_state_to_string(d->load_state));
        if (d->load_error_name)
                printf("LoadError=%s \"%s\"\n", d->load_error_name, strempty(d->load_error_message));
        print_string("FragmentPath", d->fragment_path);
        print_string("SourcePath", u->source_path);
        print_strv("DropInPaths", d->dropin_paths, false, false);
        printf("StopWhenUnneeded=%s\n", yes_no(u->stop_when_unneeded));
        printf("RefuseManualStart=%s\n", yes_no(u->refuse_manual_start));
        printf("RefuseManualStop=%s\n", yes_no(u->refuse_manual_stop));
        printf("AllowIsolate=%s\n", yes_no(u->allow_isolate));
        printf("DefaultDependencies=%s\n", yes_no(u->default_dependencies));
        printf("OnSuccessJobMode=%s\n", job_mode_to_string(u->on_success_job_mode));
        printf("OnFailureJobMode=%s\n", job_mode_to_string(u->on_failure_job_mode));
        printf("IgnoreOnIsolate=%s\n", yes_no(u->ignore_on_isolate));
        print_timespan("JobTimeoutUSec", u->job_timeout_usec);
        print_timespan("JobRunningTimeoutUSec", u->job_running_timeout_usec);
        printf("JobTimeoutAction=%s\n", emergency_action_to_string(u->job_timeout_action));
        print_string("JobTimeoutRebootArgument", u->job_timeout_reboot_argument);
        printf("Transient=%s\n", yes_no(d->transient));
        printf("Perpetual=%s\n", yes_no(d->perpetual));
        print_timespan("StartLimitIntervalUSec", u->start_limit_interval_usec);
        printf("StartLimitBurst=%u\n", u->start_limit_burst);
        printf("StartLimitAction=%s\n", emergency_action_to_string(u->start_limit_action));
        printf("FailureAction=%s\n", emergency_action_to_string(u->failure_action));
        if (u->failure_action_exit_status >= 0)
                printf("FailureActionExitStatus=%d\n", u->failure_action_exit_status);
        printf("SuccessAction=%s\n", emergency_action_to_string(u->success_action));
        if (u->success_action_exit_status >= 0)
                printf("SuccessActionExitStatus=%d\n", u->success_action_exit_status);
        print_string("RebootArgument", u->reboot_argument);
        printf("CollectMode=%s\n", collect_mode_to_string(u->collect_mode));
}

int load_show_units(RuntimeScope scope, char **names) {
        _cleanup_(lookup_paths_done) LookupPaths lp = {};
        UnitDef **defs = NULL;
        size_t n = 0;
        int r, ret = 0;

        r = lookup_paths_init(&lp, scope);
        if (r < 0)
                return r;

        STRV_FOREACH(name, names) {
                UnitDef *d = NULL, **a;

                r = unit_def_load(&lp, *name, &d);
                if (r < 0) {
                        fprintf(stderr, "%s: Failed to load unit: %s\n", *name, strerror(-r));
                        ret = r;
                        continue;
                }
                a = realloc(defs, sizeof(UnitDef *) * (n + 1));
                if (!a) {
                        unit_def_free(d);
                        ret = -ENOMEM;
                        break;
                }
                defs = a;
                defs[n++] = d;
        }

        r = unit_defs_add_reverse_dependencies(defs, n);
        if (r < 0 && ret == 0)
                ret = r;

        for (size_t i = 0; i < n; i++) {
                const UnitDef *d = defs[i];

                if (i > 0)
                        fputc('\n', stdout);
                if (d->type == UNIT_SERVICE && d->load_state != UNIT_NOT_FOUND)
                        print_service(d);
                else
                        print_string("Slice", d->slice);
                if (d->type == UNIT_SOCKET && d->load_state == UNIT_LOADED) {
                        r = print_socket(d, &lp);
                        if (r < 0 && ret == 0)
                                ret = r;
                }
                /* keys the typed model does not cover stay unshown: their file form is not
                 * what systemctl shows (IOSchedulingClass=idle is shown as 3) */
                print_unit(d);
        }
        fflush(stdout);

        for (size_t i = 0; i < n; i++)
                unit_def_free(defs[i]);
        free(defs);
        return ret;
}
