/* SPDX-License-Identifier: LGPL-2.1-or-later */

/* exec-child.c: the only code that runs between clone() and execve(). It runs on a stack of
 * its own in the parent's memory (CLONE_VM|CLONE_VFORK: the parent sleeps until execve() or
 * exit), so it makes system calls only: no malloc(), no stdio, no NSS, no locks. Everything
 * was resolved and opened by exec.c; each step here fails with systemd's exit status
 * (systemd.exec(5) "PROCESS EXIT CODES") and records the step and errno in the plan, where
 * the parent reads them after clone() returns. Not here: deciding what to do (exec.c). */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <grp.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

#include "exec.h"

/* systemd.exec(5) "PROCESS EXIT CODES", the ones the steps below use */
enum {
        EXIT_CHDIR = 200,
        EXIT_NICE = 201,
        EXIT_FDS = 202,
        EXIT_EXEC = 203,
        EXIT_LIMITS = 205,
        EXIT_OOM_ADJUST = 206,
        EXIT_SIGNAL_MASK = 207,
        EXIT_STDIN = 208,
        EXIT_STDOUT = 209,
        EXIT_CHROOT = 210,
        EXIT_GROUP = 216,
        EXIT_USER = 217,
        EXIT_CGROUP = 219,
        EXIT_SETSID = 220,
        EXIT_STDERR = 222,
};

/* The child runs on a stack ASan does not know, in memory it shares with the parent: no
 * instrumentation here (the parent's objects are checked where they are made). */
#define _child_ __attribute__((no_sanitize("address")))

static const int stdio_status[3] = { EXIT_STDIN, EXIT_STDOUT, EXIT_STDERR };

_child_ static _noreturn_ void child_fail(ExecChildPlan *plan, int status, int error) {
        plan->failed_status = status;
        plan->failed_errno = error;
        if (plan->shared_report) {
                plan->shared_report[0] = status;
                plan->shared_report[1] = error;
        }
        _exit(status);
}

/* Writes v's decimal digits at dst (room for 20 digits and the NUL was reserved) */
_child_ static void child_put_pid(char *dst, pid_t v) {
        char tmp[24];
        size_t n = 0;
        unsigned long u = (unsigned long) v;

        do {
                tmp[n++] = (char) ('0' + u % 10);
                u /= 10;
        } while (u > 0 && n < sizeof(tmp));
        while (n > 0)
                *dst++ = tmp[--n];
        *dst = 0;
}

_child_ static int child_write_all(const char *path, const char *s) {
        size_t l = strlen(s);
        ssize_t k;
        int fd;

        fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
        if (fd < 0)
                return -errno;
        k = write(fd, s, l);
        if (k < 0) {
                int e = -errno;

                (void) close(fd);
                return e;
        }
        (void) close(fd);
        return (size_t) k == l ? 0 : -EIO;
}

_child_ static int child_reset_signals(uint64_t which, bool ignore_sigpipe) {
        struct sigaction sa = { .sa_handler = SIG_DFL };
        sigset_t none;

        /* The parent blocked everything before clone(), so none of its handlers can run here
         * while we still share its memory; reset those it has (which), then unblock. */
        for (int sig = 1; sig < _NSIG && sig <= 64; sig++) {
                if (!(which & (UINT64_C(1) << (sig - 1))))
                        continue;
                if (sigaction(sig, &sa, NULL) < 0) {
                        /* glibc refuses its reserved real-time signals (32, 33), which an
                         * ignoring parent may still pass on: reset those with the system call */
                        struct {
                                void *handler;
                                unsigned long flags;
                                void *restorer;
                                uint64_t mask;
                        } ksa = { .handler = SIG_DFL };
                        (void) syscall(SYS_rt_sigaction, sig, &ksa, NULL, sizeof ksa.mask);
                }
        }
        if (ignore_sigpipe) {
                sa.sa_handler = SIG_IGN;
                if (sigaction(SIGPIPE, &sa, NULL) < 0)
                        return -errno;
        }
        if (sigemptyset(&none) < 0 || sigprocmask(SIG_SETMASK, &none, NULL) < 0)
                return -errno;
        return 0;
}

/* stdio_fd[] and fds[] may sit anywhere, also on 0..2+n_fds; first lift each above every
 * target, then put it on its target, so that no move clobbers a source not yet moved. */
_child_ static void child_setup_fds(ExecChildPlan *plan) {
        int base = 3 + (int) plan->n_fds, tty = -1, null = -1;

        if (plan->stdio_tty[0] || plan->stdio_tty[1] || plan->stdio_tty[2]) {
                int st = plan->stdio_tty[0] ? EXIT_STDIN : plan->stdio_tty[1] ? EXIT_STDOUT : EXIT_STDERR;

                /* after setsid(): opening it makes it our controlling terminal */
                tty = open(plan->tty_path, O_RDWR | O_CLOEXEC);
                if (tty < 0)
                        child_fail(plan, st, errno);
                if (plan->stdio_tty[0] && ioctl(tty, TIOCSCTTY, plan->tty_steal ? 1 : 0) < 0 &&
                    errno != EPERM)
                        child_fail(plan, EXIT_STDIN, errno);
        }

        for (int i = 0; i < 3; i++) {
                int src = plan->stdio_tty[i] ? tty : plan->stdio_fd[i];
                int fd = -1;

                if (plan->status_stdio[i] != 0)
                        child_fail(plan, plan->status_stdio[i], plan->errno_stdio[i]);
                if (src >= 0)
                        fd = fcntl(src, F_DUPFD_CLOEXEC, base);
                if (fd < 0 && (src < 0 || errno == EBADF)) {
                        /* nothing given, or an inherited stream the manager does not have */
                        if (null < 0) {
                                null = open("/dev/null", O_RDWR | O_CLOEXEC | O_NOCTTY);
                                if (null < 0)
                                        child_fail(plan, stdio_status[i], errno);
                        }
                        fd = fcntl(null, F_DUPFD_CLOEXEC, base);
                }
                if (fd < 0)
                        child_fail(plan, stdio_status[i], errno);
                plan->fd_work[i] = fd;
        }
        for (size_t i = 0; i < plan->n_fds; i++) {
                int fd = fcntl(plan->fds[i], F_DUPFD_CLOEXEC, base);

                if (fd < 0)
                        child_fail(plan, EXIT_FDS, errno);
                plan->fd_work[3 + i] = fd;
        }

        for (size_t i = 0; i < 3 + plan->n_fds; i++)
                if (dup2(plan->fd_work[i], (int) i) < 0)   /* the copy loses O_CLOEXEC */
                        child_fail(plan, i < 3 ? stdio_status[i] : EXIT_FDS, errno);

        /* everything else goes, also the lifted copies and whatever lacked O_CLOEXEC */
        if (syscall(SYS_close_range, (unsigned) base, ~0U, 0) < 0) {
                struct rlimit rl;
                int max = 65536;

                if (getrlimit(RLIMIT_NOFILE, &rl) >= 0 && rl.rlim_cur != RLIM_INFINITY &&
                    rl.rlim_cur < (rlim_t) max)
                        max = (int) rl.rlim_cur;
                for (int fd = base; fd < max; fd++)
                        (void) close(fd);
        }
}

_child_ static int child_set_rlimits(struct rlimit * const *rlimit) {
        for (int i = 0; i < RLIM_NLIMITS; i++) {
                struct rlimit want, have;

                if (!rlimit[i])
                        continue;
                want = *rlimit[i];
                if (setrlimit(i, &want) >= 0)
                        continue;
                if (errno != EPERM || getrlimit(i, &have) < 0)
                        return -errno;
                /* unprivileged: get as close as the hard limit lets us, as systemd does */
                if (want.rlim_max > have.rlim_max)
                        want.rlim_max = have.rlim_max;
                if (want.rlim_cur > want.rlim_max)
                        want.rlim_cur = want.rlim_max;
                if (setrlimit(i, &want) < 0)
                        return -errno;
        }
        return 0;
}

_child_ int exec_child_run(void *userdata) {
        ExecChildPlan *plan = userdata;
        int r;

        r = child_reset_signals(plan->reset_signals, plan->ignore_sigpipe);
        if (r < 0)
                child_fail(plan, EXIT_SIGNAL_MASK, -r);

        if (plan->new_session && setsid() < 0)
                child_fail(plan, EXIT_SETSID, errno);

        if (plan->status_user != 0)
                child_fail(plan, plan->status_user, ESRCH);
        if (plan->status_group != 0)
                child_fail(plan, plan->status_group, ESRCH);

        child_setup_fds(plan);

        if (plan->cgroup_procs) {
                r = child_write_all(plan->cgroup_procs, "0");
                if (r < 0)
                        child_fail(plan, EXIT_CGROUP, -r);
        }

        if (plan->oom_score_adjust) {
                r = child_write_all("/proc/self/oom_score_adj", plan->oom_score_adjust);
                /* lowering it needs CAP_SYS_RESOURCE: a container or a user manager, ignored */
                if (r < 0 && r != -EPERM && r != -EACCES)
                        child_fail(plan, EXIT_OOM_ADJUST, -r);
        }

        if (plan->nice_set && setpriority(PRIO_PROCESS, 0, plan->nice) < 0)
                child_fail(plan, EXIT_NICE, errno);

        r = child_set_rlimits(plan->rlimit);
        if (r < 0)
                child_fail(plan, EXIT_LIMITS, -r);

        (void) umask(plan->umask);

        if (plan->root_directory && chroot(plan->root_directory) < 0)
                child_fail(plan, EXIT_CHROOT, errno);

        if (plan->set_groups && setgroups(plan->n_groups, plan->groups) < 0)
                child_fail(plan, EXIT_GROUP, errno);
        if (plan->set_gid && setresgid(plan->gid, plan->gid, plan->gid) < 0)
                child_fail(plan, EXIT_GROUP, errno);
        if (plan->set_uid && setresuid(plan->uid, plan->uid, plan->uid) < 0)
                child_fail(plan, EXIT_USER, errno);

        /* after the uid change: only the user may be allowed into it (systemd.exec(5)) */
        if (plan->working_directory && chdir(plan->working_directory) < 0) {
                if (!plan->working_directory_missing_ok)
                        child_fail(plan, EXIT_CHDIR, errno);
                (void) chdir("/");
        } else if (!plan->working_directory && plan->root_directory)
                (void) chdir("/");

        if (plan->env_listen_pid)
                child_put_pid(plan->env_listen_pid + strlen("LISTEN_PID="), getpid());
        if (plan->env_exec_pid)
                child_put_pid(plan->env_exec_pid + strlen("SYSTEMD_EXEC_PID="), getpid());

        execve(plan->path, plan->argv, plan->envp);
        child_fail(plan, EXIT_EXEC, errno);
}
