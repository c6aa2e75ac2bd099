/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* exec.h: spawning one command of a unit with its execution context (systemd.exec(5)):
 * credentials, environment, working directory, umask, nice, limits, standard input/output/
 * error, the cgroup, the process group/session. The child runs only exec-child.c's fixed
 * steps between fork and execve, each failing with systemd's exit status (200/CHDIR,
 * 203/EXEC, 217/USER, …, see parse-util.h exit_status_to_string()). Spawning uses
 * clone(CLONE_VM|CLONE_VFORK)-style semantics so that a large daemon is not copied. */

#include <sys/resource.h>
#include <sys/types.h>

#include "unit-def.h"

typedef enum ExecFlags {
        EXEC_APPLY_CREDENTIALS = 1 << 0,  /* User=/Group= (not for "+" commands: handled via flags) */
        EXEC_NEW_KEYRING = 1 << 1,
        EXEC_PASS_FDS = 1 << 2,           /* socket activation: fds[] become 3.. with LISTEN_FDS */
        EXEC_IS_CONTROL = 1 << 3,         /* a control process (ExecStartPre= …): stdin null, no socket */
        EXEC_SET_WATCHDOG = 1 << 4,
        EXEC_CONTROL_STDIO_INHERIT = 1 << 5,
} ExecFlags;

typedef struct ExecParameters {
        const char *unit_id;              /* for messages and $SYSTEMD_EXEC_PID-style values */
        char **environment;               /* the final environment: the caller built it (manager
                                           * env + unit env + files + $MAINPID …); exec does
                                           * not change it except adding USER/HOME/LOGNAME/SHELL
                                           * when User= resolves, per systemd.exec(5) */
        ExecFlags flags;
        int *fds;                         /* EXEC_PASS_FDS: become 3, 4, … */
        size_t n_fds;
        char **fd_names;
        int stdin_fd, stdout_fd, stderr_fd; /* ≥ 0: use these (StandardInputFileDescriptor=) */
        const char *cgroup_path;          /* absolute path under /sys/fs/cgroup, or NULL */
        const char *notify_socket;        /* NOTIFY_SOCKET= value, or NULL */
        bool user_mode;                   /* a user manager: no User= change unless root */
        const char *manager_home;         /* default WorkingDirectory= for user managers (~) */
        int log_fd;                       /* where StandardOutput=journal/kmsg go for now (the
                                           * manager's own stderr), -1: inherit */
} ExecParameters;

/* Spawns c in a new process; 0 and *ret_pid on success, negative errno if no process was made
 * (-ENOMEM, -EAGAIN from clone(), an fd that cannot be dup'ed). Everything that can fail
 * later fails in the child as it does in systemd, which exits with the matching status
 * (EXIT_CODE=exited): an unknown User= (217/USER) or Group=/SupplementaryGroups= (216/GROUP)
 * is resolved before the clone and the child exits at once with it; a StandardOutput=file:
 * that cannot be opened gives 209/STDOUT; a missing binary 203/EXEC; a missing
 * WorkingDirectory= 200/CHDIR. The exit status is the caller's to record, on SIGCHLD.
 *
 * Credentials: User=/Group=/SupplementaryGroups= are always resolved (USER, LOGNAME, HOME,
 * SHELL join the environment, placeholders such as "/" and nologin left out as systemd
 * does); the process switches to them unless c has "+" or "!". EXEC_APPLY_CREDENTIALS is
 * not needed for that.
 *
 * Environment: p->environment is final, except USER/LOGNAME/HOME/SHELL (User=), LISTEN_FDS,
 * LISTEN_PID, LISTEN_FDNAMES (EXEC_PASS_FDS with n_fds > 0) and SYSTEMD_EXEC_PID, which
 * systemd 252 gives every process; the pids are filled in by the child.
 *
 * WorkingDirectory=: unset → "/" for the system manager, p->manager_home (missing is fine)
 * for a user manager, as the reference does; "~" → User='s home, else p->manager_home; a
 * missing directory with "-" leaves the process in "/". */
int exec_spawn(const ExecCommand *c, const ExecContext *ctx, const ExecParameters *p, pid_t *ret_pid);
/* The same; *ret_failed_status is the exit status of the step that failed in the child before
 * execve() (203 …), 0 when the command was executed: the child shares our memory until then */
int exec_spawn_full(const ExecCommand *c, const ExecContext *ctx, const ExecParameters *p, pid_t *ret_pid,
                    int *ret_failed_status);

/* For the status line "code=exited, status=217/USER"; NULL when the status has no name */
const char *exec_exit_status_name(int status);

/* The environment systemd gives a service's process, later entries winning (systemd.exec(5)
 * "Environment variables in spawned processes"): manager_env, then MANAGERPID, INVOCATION_ID
 * (when given), NOTIFY_SOCKET (when given), MAINPID (main_pid > 0, for control processes),
 * extra (SERVICE_RESULT=, EXIT_CODE=, EXIT_STATUS= for ExecStop*=), then PassEnvironment=
 * (from manager_env, else the manager's own environ), Environment=, EnvironmentFile= files in
 * order (globs allowed; "-" ignores a file that cannot be read), then UnsetEnvironment=
 * ("NAME" or "NAME=VALUE"), and PATH= systemd's default when still unset. A required
 * environment file that is missing → -ENOENT (the caller fails the start with
 * Result=resources, as the reference does); other errors of reading it are returned too. */
int exec_build_environment(const ExecContext *ctx, char **manager_env, const char *unit_id,
                           const char *invocation_id_hex, const char *notify_socket, pid_t main_pid,
                           char **extra, char ***ret);

/* systemd 252's PATH for services when the manager has none (split-usr build, as Debian's) */
#define EXEC_DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

/* Internal to exec.c and exec-child.c: what the parent prepared, so that the child only makes
 * system calls (no allocation, no NSS, no locks: it shares the parent's memory). */
typedef struct ExecChildPlan {
        const char *path;
        char * const *argv;
        char * const *envp;
        char *env_listen_pid;             /* "LISTEN_PID=" with room for digits, or NULL */
        char *env_exec_pid;               /* "SYSTEMD_EXEC_PID=" with room for digits */

        int status_user;                  /* ≠ 0: the parent's lookup failed; exit with it */
        int status_group;
        int status_stdio[3];              /* ≠ 0: opening that stream failed in the parent */
        int errno_stdio[3];

        bool ignore_sigpipe;
        uint64_t reset_signals;           /* bit n-1: signal n is not SIG_DFL in the manager */
        bool new_session;
        const char *cgroup_procs;         /* ".../cgroup.procs" or NULL */

        int stdio_fd[3];                  /* what becomes 0, 1, 2; -1: stdio_tty or /dev/null */
        bool stdio_tty[3];                /* open tty_path in the child (after setsid()) */
        const char *tty_path;
        bool tty_steal;                   /* StandardInput=tty-force */

        const int *fds;                   /* become 3, 4, … */
        size_t n_fds;
        int *fd_work;                     /* n_fds + 3 ints of scratch for the child */

        struct rlimit * const *rlimit;    /* RLIM_NLIMITS entries, NULL: leave */
        bool nice_set;
        int nice;
        const char *oom_score_adjust;     /* "-500\n" or NULL */
        mode_t umask;

        bool set_groups;
        const gid_t *groups;
        size_t n_groups;
        bool set_gid;
        gid_t gid;
        bool set_uid;
        uid_t uid;

        const char *root_directory;       /* chroot(), or NULL */
        const char *working_directory;    /* NULL: leave */
        bool working_directory_missing_ok;

        /* written by the child before it exits (it shares our memory) */
        int failed_status;
        int failed_errno;
        int *shared_report;               /* a copy-on-write child writes the two there instead */
} ExecChildPlan;

/* The clone() entry: runs the fixed steps and execve(); never returns. */
int exec_child_run(void *plan);
