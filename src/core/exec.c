/* SPDX-License-Identifier: LGPL-2.1-or-later */

/* exec.c: spawning one command of a unit (systemd.exec(5)). The parent resolves and opens
 * everything a child needs — the binary's path, argv/envp, User=/Group= and the group list,
 * StandardInput=/StandardOutput=/StandardError= files, the cgroup.procs path, limits — into an
 * ExecChildPlan, then clone()s with CLONE_VM|CLONE_VFORK on a small stack of its own, so a large
 * manager is never copied, and exec-child.c runs the fixed steps up to execve(). Lookup
 * failures are not errors here: the child exits with systemd's status for that step, which is
 * what the reference shows. Also here: the environment every service gets
 * (exec_build_environment()). Not here: ExecStart= parsing and $VAR expansion (src/load), what
 * a start does with the result (service.c). */

#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <grp.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/mman.h>
#include <linux/sched.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "env-util.h"
#include "exec.h"
#include "log.h"
#include "parse-util.h"
#include "path-util.h"
#include "strv.h"

/* the child's stack: its steps are a handful of system calls deep; generous for sanitizers */
#define EXEC_CHILD_STACK_SIZE (256U * 1024U)
#define PID_DIGITS 20

const char *exec_exit_status_name(int status) {
        return exit_status_to_string(status);   /* the table of systemd.exec(5) is in parse-util */
}

/* The child's resources, owned by the parent until clone() returned */
typedef struct ExecPrep {
        ExecChildPlan plan;
        char *path;
        char *cgroup_procs;
        char **env;
        gid_t *groups;
        int *fd_work;
        int opened[3];                    /* fds we opened for stdio */
        char oom[16];
        char *working_directory;
} ExecPrep;

static void exec_prep_done(ExecPrep *x) {
        free(x->path);
        free(x->cgroup_procs);
        strv_free(x->env);
        free(x->groups);
        free(x->fd_work);
        for (int i = 0; i < 3; i++)
                safe_close(x->opened[i]);
        free(x->working_directory);
}

static bool shell_is_placeholder(const char *s) {
        return isempty(s) || streq(s, "/bin/nologin") || streq(s, "/sbin/nologin") ||
                streq(s, "/usr/bin/nologin") || streq(s, "/usr/sbin/nologin");
}

typedef struct ExecUser {
        uid_t uid;
        gid_t gid;
        char *name;
        char *home;                       /* NULL: a placeholder ("/"), not given to the env */
        char *shell;                      /* NULL: a placeholder (nologin) */
} ExecUser;

static void exec_user_done(ExecUser *u) {
        free(u->name);
        free(u->home);
        free(u->shell);
}

static int exec_user_set(ExecUser *u, uid_t uid, gid_t gid, const char *name, const char *home,
                         const char *shell) {
        u->uid = uid;
        u->gid = gid;
        u->name = strdup(name);
        u->home = isempty(home) || streq(home, "/") ? NULL : strdup(home);
        u->shell = shell_is_placeholder(shell) ? NULL : strdup(shell);
        if (!u->name || (!isempty(home) && !streq(home, "/") && !u->home) ||
            (!shell_is_placeholder(shell) && !u->shell))
                return -ENOMEM;
        return 0;
}

/* User=: a name or a uid. root and nobody are known without NSS, as systemd synthesizes
 * them (nobody: home "/", nologin — so HOME stays the manager's). -ESRCH: unknown. */
static int exec_resolve_user(const char *s, ExecUser *ret) {
        struct passwd *pw;
        unsigned v;
        bool numeric;

        numeric = safe_atou(s, &v) >= 0;
        if (streq(s, "root") || (numeric && v == 0))
                return exec_user_set(ret, 0, 0, "root", "/root", "/bin/sh");
        if (streq(s, "nobody") || (numeric && v == 65534))
                return exec_user_set(ret, 65534, 65534, "nobody", "/", "/usr/sbin/nologin");

        errno = 0;
        pw = numeric ? getpwuid((uid_t) v) : getpwnam(s);
        if (pw)
                return exec_user_set(ret, pw->pw_uid, pw->pw_gid, pw->pw_name, pw->pw_dir,
                                     pw->pw_shell);
        if (errno != 0 && errno != ENOENT && errno != ESRCH)
                return -errno;
        if (!numeric || v == (unsigned) -1 || v == 65535)
                return -ESRCH;
        return exec_user_set(ret, (uid_t) v, (gid_t) v, s, NULL, NULL); /* a uid without entry */
}

static int exec_resolve_group(const char *s, gid_t *ret) {
        struct group *gr;
        unsigned v;

        if (safe_atou(s, &v) >= 0) {
                if (v == (unsigned) -1 || v == 65535)
                        return -ESRCH;
                *ret = (gid_t) v;
                return 0;
        }
        errno = 0;
        gr = getgrnam(s);
        if (!gr)
                return errno != 0 && errno != ENOENT && errno != ESRCH ? -errno : -ESRCH;
        *ret = gr->gr_gid;
        return 0;
}

static char *exec_find_binary(const char *name) {
        _cleanup_strv_free_ char **dirs = NULL;

        /* systemd resolves bare names with its fixed search path, not $PATH */
        if (strchr(name, '/'))
                return strdup(name);
        dirs = strv_split(EXEC_DEFAULT_PATH, ":");
        if (!dirs)
                return NULL;
        STRV_FOREACH(d, dirs) {
                char *p;

                if (asprintf(&p, "%s/%s", *d, name) < 0)
                        return NULL;
                if (access(p, X_OK) >= 0)
                        return p;
                free(p);
        }
        return strdup(name);              /* execve() fails with ENOENT: 203/EXEC */
}

static int exec_env_slot(char ***env, const char *name, char **ret) {
        char *s;
        int r;

        s = malloc(strlen(name) + 1 + PID_DIGITS + 1);
        if (!s)
                return -ENOMEM;
        strcpy(stpcpy(stpcpy(s, name), "="), "0");
        (void) strv_env_unset(*env, name);
        r = strv_push(env, s);
        if (r < 0)
                return r;
        *ret = s;
        return 0;
}

static int exec_open_output(ExecOutput o, const char *path, mode_t um, int *ret) {
        int flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOCTTY, fd;

        if (o == EXEC_OUTPUT_FILE_APPEND)
                flags |= O_APPEND;
        else if (o == EXEC_OUTPUT_FILE_TRUNCATE)
                flags |= O_TRUNC;
        /* file: writes from offset 0 over what is there, without truncating (the reference) */
        fd = open(path, flags, 0666 & ~um);
        if (fd < 0)
                return -errno;
        *ret = fd;
        return 0;
}

static bool exec_output_is_file(ExecOutput o) {
        return o == EXEC_OUTPUT_FILE || o == EXEC_OUTPUT_FILE_APPEND || o == EXEC_OUTPUT_FILE_TRUNCATE;
}

static bool exec_input_is_tty(ExecInput i) {
        return i == EXEC_INPUT_TTY || i == EXEC_INPUT_TTY_FORCE || i == EXEC_INPUT_TTY_FAIL;
}

static int exec_prepare_stdin(ExecPrep *x, const ExecContext *ctx, const ExecParameters *p) {
        ExecChildPlan *plan = &x->plan;
        ExecInput i = ctx->std_input;
        int fd;

        if (p->stdin_fd >= 0) {
                plan->stdio_fd[0] = p->stdin_fd;
                return 0;
        }
        if ((p->flags & EXEC_IS_CONTROL) && i == EXEC_INPUT_SOCKET)
                i = EXEC_INPUT_NULL;

        switch (i) {
        case EXEC_INPUT_TTY:
        case EXEC_INPUT_TTY_FORCE:
        case EXEC_INPUT_TTY_FAIL:
                plan->stdio_tty[0] = true;
                plan->tty_steal = i == EXEC_INPUT_TTY_FORCE;
                return 0;
        case EXEC_INPUT_FILE:
                if (!ctx->stdio_file[0])
                        break;
                fd = open(ctx->stdio_file[0], O_RDONLY | O_CLOEXEC | O_NOCTTY);
                if (fd < 0) {
                        plan->status_stdio[0] = 208;
                        plan->errno_stdio[0] = errno;
                        return 0;
                }
                plan->stdio_fd[0] = x->opened[0] = fd;
                return 0;
        case EXEC_INPUT_DATA: {
                const char *d = ctx->standard_input_data;
                size_t left = ctx->standard_input_data_size;

                fd = memfd_create("stemd-stdin", MFD_CLOEXEC);
                if (fd < 0)
                        return -errno;
                x->opened[0] = fd;
                while (left > 0) {
                        ssize_t k = write(fd, d, left);

                        if (k < 0)
                                return -errno;
                        d += k;
                        left -= (size_t) k;
                }
                if (lseek(fd, 0, SEEK_SET) < 0)
                        return -errno;
                plan->stdio_fd[0] = fd;
                return 0;
        }
        case EXEC_INPUT_NULL:
        case EXEC_INPUT_SOCKET:           /* no socket given: nothing to read */
        case EXEC_INPUT_NAMED_FD:
        case _EXEC_INPUT_MAX:
        case _EXEC_INPUT_INVALID:
                break;
        }
        plan->stdio_fd[0] = -1;           /* /dev/null */
        return 0;
}

static int exec_prepare_output(ExecPrep *x, const ExecContext *ctx, const ExecParameters *p, int n) {
        ExecChildPlan *plan = &x->plan;
        ExecOutput o = n == 1 ? ctx->std_output : ctx->std_error;
        int given = n == 1 ? p->stdout_fd : p->stderr_fd, r;

        if (given >= 0) {
                plan->stdio_fd[n] = given;
                return 0;
        }

        if (n == 2 && (o == EXEC_OUTPUT_INHERIT ||
                       (o == ctx->std_output && !exec_output_is_file(o) && o != EXEC_OUTPUT_NAMED_FD) ||
                       (exec_output_is_file(o) && o == ctx->std_output &&
                        streq_ptr(ctx->stdio_file[1], ctx->stdio_file[2])))) {
                /* StandardError=inherit, or the same as stdout: share its fd (and offset) */
                plan->stdio_fd[2] = plan->stdio_fd[1];
                plan->stdio_tty[2] = plan->stdio_tty[1];
                plan->status_stdio[2] = plan->status_stdio[1] ? 222 : 0;
                plan->errno_stdio[2] = plan->errno_stdio[1];
                return 0;
        }

        switch (o) {
        case EXEC_OUTPUT_INHERIT:         /* stdout: what stdin is, unless that is null */
                if (plan->stdio_tty[0] || exec_input_is_tty(ctx->std_input))
                        plan->stdio_tty[n] = true;
                else if (plan->stdio_fd[0] >= 0 && ctx->std_input != EXEC_INPUT_DATA)
                        plan->stdio_fd[n] = plan->stdio_fd[0];
                else
                        plan->stdio_fd[n] = n;   /* the manager's own */
                return 0;
        case EXEC_OUTPUT_NULL:
                plan->stdio_fd[n] = -1;
                return 0;
        case EXEC_OUTPUT_TTY:
                plan->stdio_tty[n] = true;
                return 0;
        case EXEC_OUTPUT_KMSG:
        case EXEC_OUTPUT_KMSG_AND_CONSOLE:
        case EXEC_OUTPUT_JOURNAL:
        case EXEC_OUTPUT_JOURNAL_AND_CONSOLE:
                /* no log store yet: the manager's log (its stderr unless told otherwise) */
                plan->stdio_fd[n] = p->log_fd >= 0 ? p->log_fd : STDERR_FILENO;
                return 0;
        case EXEC_OUTPUT_FILE:
        case EXEC_OUTPUT_FILE_APPEND:
        case EXEC_OUTPUT_FILE_TRUNCATE:
                if (!ctx->stdio_file[n])
                        break;
                r = exec_open_output(o, ctx->stdio_file[n], ctx->umask, &x->opened[n]);
                if (r < 0) {
                        plan->status_stdio[n] = n == 1 ? 209 : 222;
                        plan->errno_stdio[n] = -r;
                        return 0;
                }
                plan->stdio_fd[n] = x->opened[n];
                return 0;
        case EXEC_OUTPUT_SOCKET:
        case EXEC_OUTPUT_NAMED_FD:
        case _EXEC_OUTPUT_MAX:
        case _EXEC_OUTPUT_INVALID:
                break;
        }
        plan->stdio_fd[n] = n;            /* nothing given to use: the manager's own */
        return 0;
}

static int exec_prepare_credentials(ExecPrep *x, const ExecCommand *c, const ExecContext *ctx,
                                    ExecUser *user, bool *ret_have_user) {
        ExecChildPlan *plan = &x->plan;
        bool apply = !(c->flags & (EXEC_COMMAND_FULLY_PRIVILEGED | EXEC_COMMAND_NO_SETUID |
                                   EXEC_COMMAND_AMBIENT_MAGIC));
        gid_t gid = getegid();
        int r, ngroups = 0;
        long max;

        *ret_have_user = false;
        if (!isempty(ctx->user)) {
                r = exec_resolve_user(ctx->user, user);
                if (r == -ESRCH) {
                        plan->status_user = 217;
                        return 0;
                }
                if (r < 0)
                        return r;
                *ret_have_user = true;
                gid = user->gid;
        }
        if (!isempty(ctx->group)) {
                r = exec_resolve_group(ctx->group, &gid);
                if (r == -ESRCH) {
                        plan->status_group = 216;
                        return 0;
                }
                if (r < 0)
                        return r;
        }

        max = sysconf(_SC_NGROUPS_MAX);
        if (max <= 0)
                max = 65536;
        x->groups = new(gid_t, (size_t) max);
        if (!x->groups)
                return -ENOMEM;
        if (*ret_have_user) {
                ngroups = (int) max;
                if (getgrouplist(user->name, gid, x->groups, &ngroups) < 0)
                        ngroups = 0;      /* more than the kernel takes: leave them */
        }
        STRV_FOREACH(g, ctx->supplementary_groups) {
                gid_t sg;

                r = exec_resolve_group(*g, &sg);
                if (r == -ESRCH) {
                        plan->status_group = 216;
                        return 0;
                }
                if (r < 0)
                        return r;
                if (ngroups < max)
                        x->groups[ngroups++] = sg;
        }

        if (!apply)
                return 0;
        if (*ret_have_user && user->uid == geteuid() && gid == getegid() &&
            strv_length(ctx->supplementary_groups) == 0)
                return 0;                 /* a user manager running a unit as itself */

        plan->groups = x->groups;
        plan->n_groups = (size_t) ngroups;
        plan->set_groups = *ret_have_user || strv_length(ctx->supplementary_groups) > 0;
        plan->set_gid = *ret_have_user || !isempty(ctx->group);
        plan->gid = gid;
        plan->set_uid = *ret_have_user;
        plan->uid = *ret_have_user ? user->uid : 0;
        return 0;
}

static int exec_prepare_environment(ExecPrep *x, const ExecParameters *p, const ExecUser *user,
                                    bool have_user) {
        ExecChildPlan *plan = &x->plan;
        int r;

        x->env = strv_copy(p->environment);
        if (!x->env)
                return -ENOMEM;

        if (have_user) {
                /* systemd.exec(5): $USER, $LOGNAME, $HOME, $SHELL for User= */
                if (strv_env_assign(&x->env, "USER", user->name) < 0 ||
                    strv_env_assign(&x->env, "LOGNAME", user->name) < 0 ||
                    (user->home && strv_env_assign(&x->env, "HOME", user->home) < 0) ||
                    (user->shell && strv_env_assign(&x->env, "SHELL", user->shell) < 0))
                        return -ENOMEM;
        }

        if ((p->flags & EXEC_PASS_FDS) && p->n_fds > 0) {
                _cleanup_free_ char *names = NULL;

                if (strv_env_assign(&x->env, "LISTEN_FDS", NULL) < 0)
                        return -ENOMEM;
                r = strv_extendf(&x->env, "LISTEN_FDS=%zu", p->n_fds);
                if (r < 0)
                        return r;
                if (p->fd_names) {
                        names = strv_join(p->fd_names, ":");
                        if (!names || strv_env_assign(&x->env, "LISTEN_FDNAMES", names) < 0)
                                return -ENOMEM;
                }
                r = exec_env_slot(&x->env, "LISTEN_PID", &plan->env_listen_pid);
                if (r < 0)
                        return r;
        }

        /* systemd 252 gives every process its own pid as $SYSTEMD_EXEC_PID */
        r = exec_env_slot(&x->env, "SYSTEMD_EXEC_PID", &plan->env_exec_pid);
        if (r < 0)
                return r;

        plan->envp = x->env;
        return 0;
}

static int exec_prepare_working_directory(ExecPrep *x, const ExecContext *ctx, const ExecParameters *p,
                                          const ExecUser *user, bool have_user) {
        ExecChildPlan *plan = &x->plan;
        const char *wd = NULL;
        bool missing_ok = ctx->working_directory_missing_ok;

        if (ctx->working_directory_home)
                wd = have_user && user->home ? user->home : p->manager_home ?: getenv("HOME");
        else if (!isempty(ctx->working_directory))
                wd = ctx->working_directory;
        else if (p->user_mode) {
                /* the reference: the manager's home, and missing is fine */
                wd = p->manager_home ?: getenv("HOME");
                missing_ok = true;
        }
        if (!wd)
                wd = "/";

        x->working_directory = strdup(wd);
        if (!x->working_directory)
                return -ENOMEM;
        plan->working_directory = x->working_directory;
        plan->working_directory_missing_ok = missing_ok;
        return 0;
}

/* The signals whose disposition the child must reset before it unblocks them: those that are
 * not SIG_DFL here (a handler must not run in a child sharing our memory; SIG_IGN would outlive
 * execve()). Asked once, at the first spawn: the manager installs no handlers later (its signals
 * come through signalfd), and resetting all 64 in every child cost 64 system calls while the
 * manager waits for the child's execve(). */
static uint64_t exec_signals_to_reset(void) {
        static uint64_t mask;
        static bool known;

        if (known)
                return mask;
        for (int sig = 1; sig < _NSIG && sig <= 64; sig++) {
                struct sigaction sa;

                if (sig == SIGKILL || sig == SIGSTOP)
                        continue;
                if (sigaction(sig, NULL, &sa) < 0 || sa.sa_handler != SIG_DFL)
                        mask |= UINT64_C(1) << (sig - 1);     /* glibc's own (32, 33): reset */
        }
        known = true;
        return mask;
}

static int exec_prepare(ExecPrep *x, const ExecCommand *c, const ExecContext *ctx, const ExecParameters *p) {
        ExecChildPlan *plan = &x->plan;
        _cleanup_(exec_user_done) ExecUser user = {};
        bool have_user = false, privileged = c->flags & EXEC_COMMAND_FULLY_PRIVILEGED;
        int r;

        x->path = exec_find_binary(c->path);
        if (!x->path)
                return -ENOMEM;
        plan->path = x->path;
        plan->argv = c->argv;

        r = exec_prepare_credentials(x, c, ctx, &user, &have_user);
        if (r < 0)
                return r;
        r = exec_prepare_environment(x, p, &user, have_user);
        if (r < 0)
                return r;
        if (plan->status_user != 0 || plan->status_group != 0)
                return 0;                 /* the child exits at once: nothing else matters */

        plan->ignore_sigpipe = ctx->ignore_sigpipe;
        plan->reset_signals = exec_signals_to_reset();
        plan->new_session = !ctx->same_process_group;

        if (p->cgroup_path) {
                if (asprintf(&x->cgroup_procs, "%s/cgroup.procs", p->cgroup_path) < 0) {
                        x->cgroup_procs = NULL;
                        return -ENOMEM;
                }
                plan->cgroup_procs = x->cgroup_procs;
        }

        plan->tty_path = ctx->tty_path ?: "/dev/console";
        r = exec_prepare_stdin(x, ctx, p);
        if (r < 0)
                return r;
        for (int n = 1; n < 3; n++) {
                r = exec_prepare_output(x, ctx, p, n);
                if (r < 0)
                        return r;
        }

        if ((p->flags & EXEC_PASS_FDS) && p->n_fds > 0) {
                plan->fds = p->fds;
                plan->n_fds = p->n_fds;
        }
        x->fd_work = new(int, 3 + plan->n_fds);
        if (!x->fd_work)
                return -ENOMEM;
        plan->fd_work = x->fd_work;

        plan->rlimit = ctx->rlimit;
        plan->nice_set = ctx->nice_set;
        plan->nice = ctx->nice;
        if (ctx->oom_score_adjust_set) {
                (void) snprintf(x->oom, sizeof(x->oom), "%i\n", ctx->oom_score_adjust);
                plan->oom_score_adjust = x->oom;
        }
        plan->umask = ctx->umask;

        if (!privileged && !isempty(ctx->root_directory))
                plan->root_directory = ctx->root_directory;

        return exec_prepare_working_directory(x, ctx, p, &user, have_user);
}

static void *exec_child_stack(void) {
        static void *stack = NULL;

        /* one stack for every child: with CLONE_VFORK, clone() returns only when the child
         * is done with it (execve() or exit); we have no threads */
        if (!stack) {
                void *s = mmap(NULL, EXEC_CHILD_STACK_SIZE, PROT_READ | PROT_WRITE,
                               MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
                if (s == MAP_FAILED)
                        return NULL;
                stack = s;
        }
        return (uint8_t *) stack + EXEC_CHILD_STACK_SIZE;   /* it grows down */
}

int exec_spawn(const ExecCommand *c, const ExecContext *ctx, const ExecParameters *p, pid_t *ret_pid) {
        return exec_spawn_full(c, ctx, p, ret_pid, NULL);
}

/* Moving a process into a cgroup it has never held costs the kernel a grace period (7–17 ms
 * here, measured), so a unit's first process is created in its cgroup with
 * clone3(CLONE_INTO_CGROUP). That call cannot take a new stack without an assembly
 * trampoline, so it runs without CLONE_VM: a copy-on-write child (its page tables cost well
 * under a millisecond) that reports a failed step through a shared page instead of our
 * memory. Returns the pid, -1 (errno unchanged semantics: fall back) when clone3 or the
 * cgroup cannot be used here, or -2 with errno for a real failure. */
#if defined(__x86_64__)
/* clone3() with CLONE_VM on a stack of our own: the child starts on that stack at the
 * instruction after the system call, so the step into fn() must be made in assembly (no C
 * frame of ours exists there). r12/r13 carry fn and its argument across; fn's return value
 * ends the child. */
static pid_t clone3_vm(struct clone_args *args, int (*fn)(void *), void *arg) {
        long ret;

        __asm__ volatile(
                "mov %[fn], %%r12\n\t"
                "mov %[arg], %%r13\n\t"
                "syscall\n\t"
                "test %%rax, %%rax\n\t"
                "jnz 1f\n\t"
                "xor %%ebp, %%ebp\n\t"
                "mov %%r13, %%rdi\n\t"
                "call *%%r12\n\t"
                "mov %%eax, %%edi\n\t"
                "mov $231, %%eax\n\t"         /* exit_group */
                "syscall\n\t"
                "hlt\n\t"
                "1:\n\t"
                : "=a" (ret)
                : "a" ((long) SYS_clone3), "D" (args), "S" (sizeof *args), [fn] "r" (fn), [arg] "r" (arg)
                : "rcx", "r11", "r12", "r13", "memory", "cc");
        if (ret < 0) {
                errno = (int) -ret;
                return -1;
        }
        return (pid_t) ret;
}
#endif

static pid_t exec_clone_into_cgroup(ExecChildPlan *plan, const char *cgroup_path) {
        static int *shared = NULL;
        static bool unsupported = false;
        struct clone_args args = {
                .flags = CLONE_VFORK | CLONE_INTO_CGROUP,
                .exit_signal = SIGCHLD,
        };
        const char *procs;
        pid_t pid;
        int fd;

        if (unsupported)
                return -1;
        if (!shared) {
                shared = mmap(NULL, sizeof(int) * 2, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
                if (shared == MAP_FAILED) {
                        shared = NULL;
                        return -1;
                }
        }
        fd = open(cgroup_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0)
                return -1;      /* the child's own join then fails with 219, as it should */
        args.cgroup = (uint64_t) fd;

        shared[0] = shared[1] = 0;
        procs = plan->cgroup_procs;
        plan->cgroup_procs = NULL;              /* the child is born in its cgroup */
        plan->shared_report = shared;
#if defined(__x86_64__)
        /* sharing our memory, as the clone() path does: no page tables to copy */
        args.flags |= CLONE_VM;
        args.stack = (uint64_t) (uintptr_t) ((uint8_t *) exec_child_stack() - EXEC_CHILD_STACK_SIZE);
        args.stack_size = EXEC_CHILD_STACK_SIZE;
        pid = clone3_vm(&args, exec_child_run, plan);
#else
        pid = (pid_t) syscall(SYS_clone3, &args, sizeof args);
        if (pid == 0)
                _exit(exec_child_run(plan));    /* never returns: execve() or _exit() */
#endif
        int e = errno;
        safe_close(fd);
        plan->shared_report = NULL;
        if (pid < 0) {
                plan->cgroup_procs = procs;
                if (e == ENOSYS || e == EINVAL || e == E2BIG || e == EOPNOTSUPP || e == EPERM) {
                        unsupported = e == ENOSYS || e == E2BIG;
                        return -1;
                }
                errno = e;
                return -2;
        }
        plan->failed_status = shared[0];
        plan->failed_errno = shared[1];
        return pid;
}

int exec_spawn_full(const ExecCommand *c, const ExecContext *ctx, const ExecParameters *p, pid_t *ret_pid,
                    int *ret_failed_status) {
        _cleanup_(exec_prep_done) ExecPrep x = { .opened = { -1, -1, -1 } };
        sigset_t all, saved;
        void *stack;
        pid_t pid;
        int r;

        assert(c);
        assert(c->path);
        assert(c->argv);
        assert(ctx);
        assert(p);
        assert(ret_pid);

        r = exec_prepare(&x, c, ctx, p);
        if (r < 0)
                return log_error_errno(r, "%s: Failed to prepare spawning %s: %m",
                                       strna(p->unit_id), c->path);

        stack = exec_child_stack();
        if (!stack)
                return log_error_errno(errno, "%s: Failed to allocate a stack: %m", strna(p->unit_id));

        /* none of our handlers may run in the child while it shares our memory */
        (void) sigfillset(&all);
        if (sigprocmask(SIG_SETMASK, &all, &saved) < 0)
                return log_error_errno(errno, "%s: Failed to block signals: %m", strna(p->unit_id));
        pid = -1;
        if (p->cgroup_path)
                pid = exec_clone_into_cgroup(&x.plan, p->cgroup_path);
        if (pid == -1)
                pid = clone(exec_child_run, stack, CLONE_VM | CLONE_VFORK | SIGCHLD, &x.plan);
        r = pid < 0 ? -errno : 0;
        (void) sigprocmask(SIG_SETMASK, &saved, NULL);
        if (r < 0)
                return log_error_errno(r, "%s: Failed to clone: %m", strna(p->unit_id));

        if (x.plan.failed_status != 0) {
                /* systemd logs this from the child; ours shares our memory and told us */
                (void) log_error_errno(x.plan.failed_errno, "%s: Failed at step %s spawning %s: %m",
                                       strna(p->unit_id),
                                       strna(exec_exit_status_name(x.plan.failed_status)), x.path);
        }

        if (ret_failed_status)
                *ret_failed_status = x.plan.failed_status;
        *ret_pid = pid;
        return 0;
}

static int exec_env_pass(char ***env, char **manager_env, const char *name) {
        const char *v = strv_env_get(manager_env, name) ?: getenv(name);

        if (!v)
                return 0;                 /* not set: nothing to pass (systemd.exec(5)) */
        return strv_env_assign(env, name, v);
}

static int exec_env_load_files(const ExecContext *ctx, char ***env) {
        int r;

        for (size_t i = 0; i < ctx->n_environment_files; i++) {
                const EnvironmentFile *f = &ctx->environment_files[i];
                glob_t g = {};

                if (!path_is_absolute(f->path)) {
                        if (f->ignore_missing)
                                continue;
                        return -EINVAL;
                }
                r = glob(f->path, GLOB_NOSORT | GLOB_BRACE, NULL, &g);
                if (r != 0) {
                        globfree(&g);
                        if (f->ignore_missing)
                                continue;
                        return r == GLOB_NOMATCH ? -ENOENT : r == GLOB_NOSPACE ? -ENOMEM : -EIO;
                }
                for (size_t n = 0; n < g.gl_pathc; n++) {
                        _cleanup_strv_free_ char **l = NULL;

                        r = load_env_file(g.gl_pathv[n], &l);
                        if (r < 0) {
                                if (f->ignore_missing)
                                        continue;
                                globfree(&g);
                                return r;
                        }
                        STRV_FOREACH(e, l) {
                                r = strv_env_replace_consume(env, strdup(*e));
                                if (r < 0) {
                                        globfree(&g);
                                        return r;
                                }
                        }
                }
                globfree(&g);
        }
        return 0;
}

static void exec_env_unset(char **env, char * const *unset) {
        STRV_FOREACH(u, unset) {
                const char *eq = strchr(*u, '=');

                if (!eq) {
                        (void) strv_env_unset(env, *u);
                        continue;
                }
                /* "NAME=VALUE": only that exact assignment goes */
                (void) strv_remove(env, *u);
        }
}

static int exec_env_put(char ***env, char *assignment) {
        if (!assignment)
                return -ENOMEM;
        return strv_env_replace_consume(env, assignment);
}

static int exec_env_putf(char ***env, const char *format, ...) _printf_(2, 3);
static int exec_env_putf(char ***env, const char *format, ...) {
        va_list ap;
        char *a;
        int r;

        va_start(ap, format);
        r = vasprintf(&a, format, ap);
        va_end(ap);
        if (r < 0)
                return -ENOMEM;
        return exec_env_put(env, a);
}

int exec_build_environment(const ExecContext *ctx, char **manager_env, const char *unit_id,
                           const char *invocation_id_hex, const char *notify_socket, pid_t main_pid,
                           char **extra, char ***ret) {
        _cleanup_strv_free_ char **env = NULL;
        int r;

        assert(ctx);
        assert(ret);

        env = strv_env_merge(manager_env, NULL);   /* a copy, invalid entries dropped */
        if (!env)
                return -ENOMEM;

        /* what the manager adds for each process (systemd.exec(5)); the unit's own settings
         * below override these */
        r = exec_env_putf(&env, "MANAGERPID=%i", (int) getpid());
        if (r >= 0 && invocation_id_hex)
                r = exec_env_putf(&env, "INVOCATION_ID=%s", invocation_id_hex);
        if (r >= 0 && notify_socket)
                r = exec_env_putf(&env, "NOTIFY_SOCKET=%s", notify_socket);
        if (r >= 0 && main_pid > 0)
                r = exec_env_putf(&env, "MAINPID=%i", (int) main_pid);
        if (r < 0)
                return r;
        STRV_FOREACH(e, extra) {
                r = exec_env_put(&env, strdup(*e));
                if (r < 0 && r != -EINVAL)
                        return r;
        }

        STRV_FOREACH(n, ctx->pass_environment) {
                r = exec_env_pass(&env, manager_env, *n);
                if (r < 0 && r != -EINVAL)
                        return r;
        }
        STRV_FOREACH(e, ctx->environment) {
                r = exec_env_put(&env, strdup(*e));
                if (r < 0 && r != -EINVAL)  /* the loader checked them; skip what slipped by */
                        return r;
        }
        r = exec_env_load_files(ctx, &env);
        if (r < 0)
                return log_debug_errno(r, "%s: Failed to load environment files: %m", strna(unit_id));

        exec_env_unset(env, ctx->unset_environment);

        if (!strv_env_get(env, "PATH")) {
                r = exec_env_put(&env, strdup("PATH=" EXEC_DEFAULT_PATH));
                if (r < 0)
                        return r;
        }

        *ret = TAKE_PTR(env);
        return 0;
}
