/* SPDX-License-Identifier: LGPL-2.1-or-later */

/* spawn-bench.c: what one process start costs the manager. Spawns /bin/true N times (default
 * 2000) and waits for each, through exec_spawn() (clone(CLONE_VM|CLONE_VFORK)), through plain
 * fork()+execve(), and through posix_spawn(), optionally with a ballast of touched memory in
 * the parent (a large manager: fork() must copy its page tables, a vfork-style clone not).
 *
 *   spawn-bench [N] [BALLAST_MIB]
 *
 * Build (not part of the meson build yet):
 *   cc -O2 -D_GNU_SOURCE -Isrc/basic -Isrc/load -Isrc/core bench/spawn-bench.c \
 *      src/core/exec.c src/core/exec-child.c \
 *      src/basic/{env-util,log,parse-util,path-util,strv,time-util}.c \
 *      -o /tmp/spawn-bench */

#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>

#include "exec.h"

extern char **environ;

static uint64_t now_ns(void) {
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (uint64_t) ts.tv_sec * NSEC_PER_SEC + (uint64_t) ts.tv_nsec;
}

static int reap(pid_t pid) {
        int st;

        if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
                return -1;
        return 0;
}

static int run_exec_spawn(void) {
        static char *argv[] = { (char *) "/bin/true", NULL };
        static ExecCommand c = { .path = (char *) "/bin/true", .argv = argv };
        static ExecContext ctx = { .umask = 0022, .ignore_sigpipe = true, .ioprio = -1 };
        ExecParameters p = {
                .unit_id = "bench.service",
                .environment = environ,
                .stdin_fd = -1, .stdout_fd = -1, .stderr_fd = -1, .log_fd = -1,
        };
        pid_t pid;

        if (exec_spawn(&c, &ctx, &p, &pid) < 0)
                return -1;
        return reap(pid);
}

static int run_fork(void) {
        static char *argv[] = { (char *) "/bin/true", NULL };
        pid_t pid = fork();

        if (pid < 0)
                return -1;
        if (pid == 0) {
                execve(argv[0], argv, environ);
                _exit(203);
        }
        return reap(pid);
}

static int run_posix_spawn(void) {
        static char *argv[] = { (char *) "/bin/true", NULL };
        pid_t pid;

        if (posix_spawn(&pid, argv[0], NULL, NULL, argv, environ) != 0)
                return -1;
        return reap(pid);
}

int main(int argc, char *argv[]) {
        static const struct { const char *name; int (*run)(void); } t[] = {
                { "exec_spawn (clone VM|VFORK)", run_exec_spawn  },
                { "fork + execve",               run_fork        },
                { "posix_spawn",                 run_posix_spawn },
        };
        unsigned n = argc > 1 ? (unsigned) atoi(argv[1]) : 2000;
        size_t ballast = argc > 2 ? (size_t) atoi(argv[2]) << 20 : 0;

        if (ballast > 0) {
                uint8_t *m = mmap(NULL, ballast, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

                if (m == MAP_FAILED)
                        return 1;
                memset(m, 1, ballast);   /* touched: fork() has page tables to copy */
        }

        printf("%u spawns of /bin/true, parent ballast %zu MiB\n", n, ballast >> 20);
        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                uint64_t start = now_ns(), ns;

                for (unsigned k = 0; k < n; k++)
                        if (t[i].run() < 0) {
                                fprintf(stderr, "%s failed\n", t[i].name);
                                return 1;
                        }
                ns = now_ns() - start;
                printf("  %-30s %8.1f ms total  %7.1f us/spawn\n", t[i].name, ns / 1e6,
                       ns / 1e3 / n);
        }
        return 0;
}
