/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* floor.c: the cost of the benchmark's processes with no service manager in between.
 *
 * A manager cannot start 1000 processes faster than a loop that does nothing but start
 * them, so these figures are the floor under each workload of bench/run-bench:
 *
 *   floor oneshot N K     run /bin/true N times, at most K at a time, and reap them all
 *   floor spawn N         start N `sleep infinity`, then SIGTERM and reap them all
 *   floor notify N DIR    start N `sh -c 'systemd-notify --ready; exec sleep infinity'`
 *                         with NOTIFY_SOCKET on a datagram socket in DIR served here, until
 *                         N READY=1 arrived; then SIGTERM and reap them
 *
 * Each prints seconds on stdout: one figure, or "START STOP" for spawn and notify.
 * Processes are started with posix_spawn() (vfork semantics), as a manager would
 * after its own preparations; nothing else is done per process.
 */
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double now(void) {
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int spawn(char *const argv[], char **envp, pid_t *ret) {
        int r;

        r = posix_spawn(ret, argv[0], NULL, NULL, argv, envp);
        return r == 0 ? 0 : -r;
}

/* Wait for n children; returns the number reaped. */
static int reap(int n) {
        int done = 0;

        while (done < n) {
                if (waitpid(-1, NULL, 0) > 0)
                        done++;
                else if (errno != EINTR)
                        break;
        }
        return done;
}

static int run_oneshot(int n, int k) {
        char *argv[] = { (char *) "/bin/true", NULL };
        int started = 0, running = 0, r;
        double t0;

        t0 = now();
        while (started < n) {
                pid_t pid;

                if (running >= k)
                        running -= reap(1);
                r = spawn(argv, environ, &pid);
                if (r < 0) {
                        fprintf(stderr, "floor: /bin/true: %s\n", strerror(-r));
                        return 1;
                }
                started++;
                running++;
        }
        reap(running);
        printf("%.6f\n", now() - t0);
        return 0;
}

static int kill_all(pid_t *pids, int n) {
        for (int i = 0; i < n; i++)
                (void) kill(pids[i], SIGTERM);
        return reap(n) == n ? 0 : -ECHILD;
}

static int run_spawn(int n) {
        char *argv[] = { (char *) "/bin/sleep", (char *) "infinity", NULL };
        pid_t *pids;
        double t0, t1;
        int r;

        pids = calloc(n, sizeof(pid_t));
        if (!pids)
                return 1;
        t0 = now();
        for (int i = 0; i < n; i++) {
                r = spawn(argv, environ, &pids[i]);
                if (r < 0) {
                        fprintf(stderr, "floor: /bin/sleep: %s\n", strerror(-r));
                        kill_all(pids, i);
                        return 1;
                }
        }
        t1 = now();
        r = kill_all(pids, n);
        printf("%.6f %.6f\n", t1 - t0, now() - t1);
        free(pids);
        return r < 0;
}

/* One datagram from the notify socket: true if it says READY=1. Any fds passed along
 * (systemd-notify sends a barrier fd and waits until it is closed) are closed at once. */
static bool notify_receive(int fd) {
        char buf[4096], control[CMSG_SPACE(sizeof(int) * 16)];
        struct iovec iov = { .iov_base = buf, .iov_len = sizeof(buf) - 1 };
        struct msghdr mh = {
                .msg_iov = &iov, .msg_iovlen = 1,
                .msg_control = control, .msg_controllen = sizeof(control),
        };
        ssize_t l;

        l = recvmsg(fd, &mh, MSG_CMSG_CLOEXEC);
        if (l < 0)
                return false;
        for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c))
                if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
                        int *fds = (int *) CMSG_DATA(c);
                        size_t nfds = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);

                        for (size_t i = 0; i < nfds; i++)
                                close(fds[i]);
                }
        buf[l] = 0;
        for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
                if (strcmp(line, "READY=1") == 0)
                        return true;
        return false;
}

static int run_notify(int n, const char *dir) {
        char *argv[] = { (char *) "/bin/sh", (char *) "-c",
                         (char *) "systemd-notify --ready; exec sleep infinity", NULL };
        struct sockaddr_un sa = { .sun_family = AF_UNIX };
        char env_socket[sizeof(sa.sun_path) + 16];
        char *envp[] = { env_socket, (char *) "PATH=/usr/local/bin:/usr/bin:/bin", NULL };
        int fd, one = 1, ready = 0, r;
        pid_t *pids;
        double t0, t1;

        r = snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/floor-notify", dir);
        if (r < 0 || (size_t) r >= sizeof(sa.sun_path)) {
                fprintf(stderr, "floor: %s: path too long\n", dir);
                return 1;
        }
        (void) unlink(sa.sun_path);
        fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0 || bind(fd, (struct sockaddr *) &sa, sizeof(sa)) < 0 ||
            setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &one, sizeof(one)) < 0) {
                fprintf(stderr, "floor: notify socket: %m\n");
                return 1;
        }
        snprintf(env_socket, sizeof(env_socket), "NOTIFY_SOCKET=%s", sa.sun_path);

        pids = calloc(n, sizeof(pid_t));
        if (!pids)
                return 1;
        t0 = now();
        for (int i = 0; i < n; i++) {
                r = spawn(argv, envp, &pids[i]);
                if (r < 0) {
                        fprintf(stderr, "floor: /bin/sh: %s\n", strerror(-r));
                        kill_all(pids, i);
                        return 1;
                }
        }
        while (ready < n)
                if (notify_receive(fd))
                        ready++;
        t1 = now();
        r = kill_all(pids, n);
        printf("%.6f %.6f\n", t1 - t0, now() - t1);
        (void) unlink(sa.sun_path);
        close(fd);
        free(pids);
        return r < 0;
}

static int usage(void) {
        fprintf(stderr, "usage: floor oneshot N K | floor spawn N | floor notify N DIR\n");
        return 2;
}

int main(int argc, char *argv[]) {
        int n;

        if (argc < 3)
                return usage();
        n = atoi(argv[2]);
        if (n <= 0)
                return usage();
        if (strcmp(argv[1], "oneshot") == 0 && argc == 4 && atoi(argv[3]) > 0)
                return run_oneshot(n, atoi(argv[3]));
        if (strcmp(argv[1], "spawn") == 0 && argc == 3)
                return run_spawn(n);
        if (strcmp(argv[1], "notify") == 0 && argc == 4)
                return run_notify(n, argv[3]);
        return usage();
}
