/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* socket.c: the .socket state machine, systemd.socket(5): ExecStartPre=, opening the
 * ListenStream=/ListenDatagram=/ListenSequentialPacket=/ListenFIFO= fds, ExecStartPost=,
 * listening, triggering the service on traffic (socket activation, sd_listen_fds(3)),
 * ExecStopPre=, closing (RemoveOnStop=), ExecStopPost=, the kill sequence for control
 * processes, TriggerLimit*=. Not here: parsing [Socket] (load/socket-def.c), handing the fds
 * to the service's process (service.c asks socket_collect_fds()), D-Bus (bus/bus-socket.c).
 * What stays true: fds are open exactly in start-chown … stop-pre-sigkill and watched only in
 * listening; at most one control process runs; every state maps to one ActiveState through
 * socket_states[].
 *
 * The triggered service is followed by a post source while the socket is active (listening or
 * running): unit.c has no hook for one unit to hear another's state changes yet, and a post
 * source sees every change right after the event that caused it, for the cost of a pointer
 * check per loop iteration and active socket. */

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "cgroup.h"
#include "env-util.h"
#include "exec.h"
#include "job.h"
#include "log.h"
#include "manager.h"
#include "path-util.h"
#include "socket.h"
#include "strv.h"
#include "time-util.h"

static bool in_set_int(int x, const int *l, size_t n) {
        for (size_t i = 0; i < n; i++)
                if (l[i] == x)
                        return true;
        return false;
}
#define IN_SET(x, ...) in_set_int((int) (x), (const int[]) { __VA_ARGS__ },                 \
                                  sizeof((const int[]) { __VA_ARGS__ }) / sizeof(int))

static const struct {
        const char *name;               /* SubState= */
        UnitActiveState active;         /* ActiveState= */
} socket_states[_SOCKET_STATE_MAX] = {
        [SOCKET_DEAD]             = { "dead",             UNIT_INACTIVE     },
        [SOCKET_START_PRE]        = { "start-pre",        UNIT_ACTIVATING   },
        [SOCKET_START_CHOWN]      = { "start-chown",      UNIT_ACTIVATING   },
        [SOCKET_START_POST]       = { "start-post",       UNIT_ACTIVATING   },
        [SOCKET_LISTENING]        = { "listening",        UNIT_ACTIVE       },
        [SOCKET_RUNNING]          = { "running",          UNIT_ACTIVE       },
        [SOCKET_STOP_PRE]         = { "stop-pre",         UNIT_DEACTIVATING },
        [SOCKET_STOP_PRE_SIGTERM] = { "stop-pre-sigterm", UNIT_DEACTIVATING },
        [SOCKET_STOP_PRE_SIGKILL] = { "stop-pre-sigkill", UNIT_DEACTIVATING },
        [SOCKET_STOP_POST]        = { "stop-post",        UNIT_DEACTIVATING },
        [SOCKET_FINAL_SIGTERM]    = { "final-sigterm",    UNIT_DEACTIVATING },
        [SOCKET_FINAL_SIGKILL]    = { "final-sigkill",    UNIT_DEACTIVATING },
        [SOCKET_FAILED]           = { "failed",           UNIT_FAILED       },
        [SOCKET_CLEANING]         = { "cleaning",         UNIT_MAINTENANCE  },
};

static const char *const socket_result_table[_SOCKET_RESULT_MAX] = {
        [SOCKET_SUCCESS] = "success",
        [SOCKET_FAILURE_RESOURCES] = "resources",
        [SOCKET_FAILURE_TIMEOUT] = "timeout",
        [SOCKET_FAILURE_EXIT_CODE] = "exit-code",
        [SOCKET_FAILURE_SIGNAL] = "signal",
        [SOCKET_FAILURE_CORE_DUMP] = "core-dump",
        [SOCKET_FAILURE_START_LIMIT_HIT] = "start-limit-hit",
        [SOCKET_FAILURE_TRIGGER_LIMIT_HIT] = "trigger-limit-hit",
        [SOCKET_FAILURE_SERVICE_START_LIMIT_HIT] = "service-start-limit-hit",
};

const char *socket_state_to_string(SocketState s) {
        return s >= 0 && s < _SOCKET_STATE_MAX ? socket_states[s].name : NULL;
}

const char *socket_result_to_string(SocketResult r) {
        return r >= 0 && r < _SOCKET_RESULT_MAX ? socket_result_table[r] : NULL;
}

static void socket_enter_stop_pre(Socket *s, SocketResult f);
static void socket_enter_stop_post(Socket *s, SocketResult f);
static void socket_enter_signal(Socket *s, SocketState state, SocketResult f);
static void socket_enter_listening(Socket *s);
static void socket_enter_running(Socket *s);

static void socket_init(Unit *u) {
        Socket *s = SOCKET(u);

        s->state = SOCKET_DEAD;
        s->control_command_id = _SOCKET_EXEC_COMMAND_INVALID;
}

static void socket_unwatch_control(Socket *s) {
        if (s->control_pid > 0)
                unit_unwatch_pid(&s->meta, s->control_pid);
        s->control_pid = 0;
        s->control_command_id = _SOCKET_EXEC_COMMAND_INVALID;
}

static void socket_unwatch_fds(Socket *s) {
        for (size_t i = 0; i < s->n_fds; i++)
                if (s->fds[i].source)
                        (void) sd_event_source_set_enabled(s->fds[i].source, SD_EVENT_OFF);
}

static void socket_close_fds(Socket *s) {
        for (size_t i = 0; i < s->n_fds; i++) {
                SocketFd *f = &s->fds[i];

                f->source = sd_event_source_disable_unref(f->source);
                f->fd = safe_close(f->fd);
                if (f->unlink_path && s->def.remove_on_stop)
                        (void) unlink(f->unlink_path);
                free(f->unlink_path);
        }
        s->fds = mfree(s->fds);
        s->n_fds = 0;
        if (s->def.remove_on_stop)
                STRV_FOREACH(l, s->def.symlinks)
                        (void) unlink(*l);
}

static void socket_done(Unit *u) {
        Socket *s = SOCKET(u);

        s->timer_source = sd_event_source_disable_unref(s->timer_source);
        s->service_watch = sd_event_source_disable_unref(s->service_watch);
        socket_unwatch_control(s);
        socket_close_fds(s);
        for (int i = 0; i < _SOCKET_EXEC_COMMAND_MAX; i++)
                s->exec_status[i] = mfree(s->exec_status[i]);
        socket_section_done(&s->def);
}

/* the service this socket triggers (Accept=no), or NULL */
static Unit *socket_service(Socket *s) {
        Unit *other;

        SET_FOREACH(other, s->meta.deps[UNIT_TRIGGERS])
                if (other->type == UNIT_SERVICE)
                        return other;
        return NULL;
}

static int socket_verify(Unit *u) {
        Socket *s = SOCKET(u);
        SocketSection def;
        const char *f = isempty(u->def->fragment_path) ? u->id : u->def->fragment_path;
        int r;

        r = socket_section_parse(u->def, &u->manager->lookup, &def);
        if (r < 0)
                return log_error_errno(r, "%s: Failed to parse [Socket]: %m", u->id);

        /* a daemon-reload: the open fds stay as they are (their unlink paths are kept with them) */
        socket_section_done(&s->def);
        s->def = def;

        if (s->def.bad_setting)
                return -ENOEXEC;
        if (s->def.n_ports == 0) {
                log_warning("%s: Unit has no Listen setting (ListenStream=, ListenDatagram=, "
                            "ListenFIFO=, ...). Refusing.", f);
                return -ENOEXEC;
        }
        if (s->def.accept && s->def.service) {
                log_warning("%s: Explicit service configuration for accepting socket units not "
                            "supported. Refusing.", f);
                return -ENOEXEC;
        }
        if (s->def.accept) {
                for (size_t i = 0; i < s->def.n_ports; i++)
                        if (s->def.ports[i].type != SOCKET_PORT_SOCKET ||
                            s->def.ports[i].address.type != SOCK_STREAM) {
                                log_warning("%s: Unit configured for accepting sockets, but sockets are "
                                            "non-accepting. Refusing.", f);
                                return -ENOEXEC;
                        }
                /* per-connection instances are not run yet: say so at start, not load */
        }
        return 0;
}

static int socket_timer_cb(sd_event_source *source, uint64_t usec, void *userdata);

static void socket_arm_timer(Socket *s, usec_t relative) {
        s->timer_source = sd_event_source_disable_unref(s->timer_source);
        if (relative == USEC_INFINITY || relative == 0)
                return;
        (void) sd_event_add_time_relative(s->meta.manager->event, &s->timer_source, CLOCK_MONOTONIC,
                                          relative, 0, socket_timer_cb, s);
}

static int socket_service_watch_cb(sd_event_source *source, void *userdata);

static void socket_set_state(Socket *s, SocketState state) {
        Unit *u = &s->meta;
        SocketState old = s->state;

        s->state = state;

        switch (state) {
        case SOCKET_START_PRE:
        case SOCKET_START_CHOWN:
        case SOCKET_START_POST:
        case SOCKET_STOP_PRE:
        case SOCKET_STOP_PRE_SIGTERM:
        case SOCKET_STOP_PRE_SIGKILL:
        case SOCKET_STOP_POST:
        case SOCKET_FINAL_SIGTERM:
        case SOCKET_FINAL_SIGKILL:
        case SOCKET_CLEANING:
                socket_arm_timer(s, s->def.timeout_usec);
                break;
        case SOCKET_DEAD:
        case SOCKET_LISTENING:
        case SOCKET_RUNNING:
        case SOCKET_FAILED:
                socket_arm_timer(s, USEC_INFINITY);
                break;
        case _SOCKET_STATE_MAX:
        case _SOCKET_STATE_INVALID:
                assert_not_reached();
        }

        if (!IN_SET(state, SOCKET_START_PRE, SOCKET_START_CHOWN, SOCKET_START_POST, SOCKET_STOP_PRE,
                    SOCKET_STOP_PRE_SIGTERM, SOCKET_STOP_PRE_SIGKILL, SOCKET_STOP_POST,
                    SOCKET_FINAL_SIGTERM, SOCKET_FINAL_SIGKILL, SOCKET_CLEANING))
                socket_unwatch_control(s);
        if (state != SOCKET_LISTENING)
                socket_unwatch_fds(s);
        if (!IN_SET(state, SOCKET_START_CHOWN, SOCKET_START_POST, SOCKET_LISTENING, SOCKET_RUNNING,
                    SOCKET_STOP_PRE, SOCKET_STOP_PRE_SIGTERM, SOCKET_STOP_PRE_SIGKILL))
                socket_close_fds(s);

        /* looks at the service after this event loop iteration, and again whenever the service
         * tells us of a change (socket_trigger_notify) */
        if (IN_SET(state, SOCKET_LISTENING, SOCKET_RUNNING)) {
                if (!s->service_watch &&
                    sd_event_add_post(u->manager->event, &s->service_watch, socket_service_watch_cb, s) >= 0)
                        (void) sd_event_source_set_description(s->service_watch, "socket-service-watch");
                if (s->service_watch)
                        (void) sd_event_source_set_enabled(s->service_watch, SD_EVENT_ONESHOT);
        } else
                s->service_watch = sd_event_source_disable_unref(s->service_watch);

        if (IN_SET(state, SOCKET_DEAD, SOCKET_FAILED) && !unit_has_processes(u))
                cgroup_unit_release(u);

        if (old != state)
                log_debug("%s: Changed %s -> %s", u->id, socket_states[old].name, socket_states[state].name);

        unit_notify(u, socket_states[old].active, socket_states[state].active, true);
}

static ExecStatus *socket_exec_status(Socket *s, SocketExecCommand id, size_t idx) {
        const ExecCommandList *l = &s->def.exec[id];

        if (idx >= l->n)
                return NULL;
        if (!s->exec_status[id]) {
                s->exec_status[id] = new0(ExecStatus, l->n);
                if (!s->exec_status[id])
                        return NULL;
        }
        return &s->exec_status[id][idx];
}

static int socket_spawn(Socket *s, SocketExecCommand id, size_t idx, pid_t *ret_pid) {
        const UnitSpawn a = {
                .command = &s->def.exec[id].commands[idx],
                .what = socket_exec_command_to_string(id),
                .status = socket_exec_status(s, id, idx),
                .is_control = true,
                .stdin_fd = -1,
                .stdout_fd = -1,
                .stderr_fd = -1,
        };
        return unit_spawn(&s->meta, &a, ret_pid);
}

/* 1: a command of the list runs; 0: the list is done; < 0: it could not be spawned */
static int socket_run_control(Socket *s, SocketExecCommand id, size_t idx) {
        pid_t pid;
        int r;

        socket_unwatch_control(s);
        if (idx >= s->def.exec[id].n)
                return 0;
        r = socket_spawn(s, id, idx, &pid);
        if (r < 0)
                return r;
        s->control_pid = pid;
        s->control_command_id = id;
        s->control_command_index = idx;
        return 1;
}

/* socket activation */

static int socket_io_cb(sd_event_source *source, int fd, uint32_t revents, void *userdata) {
        Socket *s = userdata;

        if (s->state != SOCKET_LISTENING)
                return 0;
        if (revents & (EPOLLERR | EPOLLHUP) && !(revents & EPOLLIN)) {
                log_error("%s: Got POLLHUP on a listening socket. The service probably invoked "
                          "shutdown() on it, and should better not do that.",
                          s->meta.id);
                socket_enter_stop_pre(s, SOCKET_FAILURE_RESOURCES);
                return 0;
        }
        if (s->meta.manager->objective == MANAGER_EXIT) {
                socket_unwatch_fds(s);          /* nothing starts while everything stops */
                return 0;
        }
        socket_enter_running(s);
        return 0;
}

static void socket_watch_fds(Socket *s) {
        for (size_t i = 0; i < s->n_fds; i++) {
                SocketFd *f = &s->fds[i];
                int r;

                if (f->source) {
                        r = sd_event_source_set_enabled(f->source, SD_EVENT_ON);
                } else {
                        r = sd_event_add_io(s->meta.manager->event, &f->source, f->fd, EPOLLIN,
                                            socket_io_cb, s);
                        if (r >= 0)
                                (void) sd_event_source_set_description(f->source, "socket-listen");
                }
                if (r < 0)
                        log_warning_errno(r, "%s: Failed to watch listening socket: %m", s->meta.id);
        }
}

static int socket_open_one(Socket *s, const SocketPort *p, SocketFd *ret) {
        Unit *u = &s->meta;
        _cleanup_close_ int fd = -1;
        _cleanup_free_ char *unlink_path = NULL;
        const char *path = p->type == SOCKET_PORT_FIFO ? p->path : socket_address_get_path(&p->address);
        int r;

        if (path) {
                _cleanup_free_ char *dir = NULL;

                r = path_dirname(path, &dir);
                if (r < 0)
                        return r;
                (void) mkdir_p(dir, s->def.directory_mode);
                unlink_path = strdup(path);
                if (!unlink_path)
                        return -ENOMEM;
        }

        if (p->type == SOCKET_PORT_FIFO) {
                struct stat st;
                mode_t old = umask(~s->def.socket_mode & 0777);

                r = mkfifo(p->path, s->def.socket_mode);
                umask(old);
                if (r < 0 && errno != EEXIST)
                        return log_error_errno(errno, "%s: Failed to create FIFO %s: %m", u->id, p->path);
                fd = open(p->path, O_RDWR | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | O_NOFOLLOW);
                if (fd < 0)
                        return log_error_errno(errno, "%s: Failed to open FIFO %s: %m", u->id, p->path);
                if (fstat(fd, &st) < 0)
                        return -errno;
                if (!S_ISFIFO(st.st_mode))
                        return log_error_errno(EEXIST, "%s: %s exists and is not a FIFO.", u->id, p->path);
        } else {
                SocketAddress a = p->address;
                int family = a.sockaddr.sa.sa_family, one = 1;

                fd = socket(family, a.type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
                if (fd < 0 && errno == EAFNOSUPPORT && family == AF_INET6 &&
                    IN6_IS_ADDR_UNSPECIFIED(&a.sockaddr.in6.sin6_addr)) {
                        /* no IPv6 here: a bare port means any IPv4 address then */
                        uint16_t port = a.sockaddr.in6.sin6_port;
                        a.sockaddr.in = (struct sockaddr_in) { .sin_family = AF_INET, .sin_port = port };
                        a.size = sizeof(struct sockaddr_in);
                        family = AF_INET;
                        fd = socket(family, a.type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
                }
                if (fd < 0)
                        return log_error_errno(errno, "%s: Failed to create listening socket: %m", u->id);

                if (family == AF_INET || family == AF_INET6)
                        (void) setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
                if (s->def.reuse_port)
                        (void) setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
                if (s->def.pass_credentials)
                        (void) setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &one, sizeof one);
                if (s->def.pass_security)
                        (void) setsockopt(fd, SOL_SOCKET, SO_PASSSEC, &one, sizeof one);

                if (path)
                        (void) unlink(path);    /* a stale socket of an earlier run */
                {
                        mode_t old = umask(~s->def.socket_mode & 0777);
                        r = bind(fd, &a.sockaddr.sa, a.size);
                        umask(old);
                }
                if (r < 0) {
                        _cleanup_free_ char *t = socket_address_to_string(&p->address);
                        return log_error_errno(errno, "%s: Failed to listen on %s: %m", u->id, strna(t));
                }
                if ((a.type == SOCK_STREAM || a.type == SOCK_SEQPACKET) &&
                    listen(fd, (int) MIN(s->def.backlog, (unsigned) INT_MAX)) < 0)
                        return log_error_errno(errno, "%s: Failed to listen: %m", u->id);
        }

        if (path)
                STRV_FOREACH(l, s->def.symlinks) {
                        (void) unlink(*l);
                        if (symlink(path, *l) < 0)
                                log_warning_errno(errno, "%s: Failed to create symlink %s → %s, "
                                                  "ignoring: %m",
                                                  u->id, *l, path);
                }

        *ret = (SocketFd) { .fd = TAKE_FD(fd), .unlink_path = TAKE_PTR(unlink_path) };
        return 0;
}

static int socket_open_fds(Socket *s) {
        int r;

        if (s->n_fds > 0)
                return 0;
        s->fds = new0(SocketFd, s->def.n_ports);
        if (!s->fds)
                return -ENOMEM;
        for (size_t i = 0; i < s->def.n_ports; i++) {
                r = socket_open_one(s, &s->def.ports[i], &s->fds[s->n_fds]);
                if (r < 0) {
                        socket_close_fds(s);
                        return r;
                }
                s->n_fds++;
        }
        return 0;
}

/* the steps of starting and stopping */

static void socket_enter_dead(Socket *s, SocketResult f) {
        if (s->result == SOCKET_SUCCESS)
                s->result = f;
        socket_set_state(s, s->result == SOCKET_SUCCESS ? SOCKET_DEAD : SOCKET_FAILED);
}

static void socket_enter_stop_post(Socket *s, SocketResult f) {
        int r;

        if (s->result == SOCKET_SUCCESS)
                s->result = f;
        r = socket_run_control(s, SOCKET_EXEC_STOP_POST, 0);
        if (r > 0) {
                socket_set_state(s, SOCKET_STOP_POST);
                return;
        }
        socket_enter_signal(s, SOCKET_FINAL_SIGTERM, r < 0 ? SOCKET_FAILURE_RESOURCES : SOCKET_SUCCESS);
}

static void socket_enter_signal(Socket *s, SocketState state, SocketResult f) {
        Unit *u = &s->meta;
        const KillContext *k = &u->def->kill;
        bool final = state == SOCKET_STOP_PRE_SIGKILL || state == SOCKET_FINAL_SIGKILL;
        int sig, n = 0;

        if (s->result == SOCKET_SUCCESS)
                s->result = f;

        sig = final ? (k->final_kill_signal > 0 ? k->final_kill_signal : SIGKILL) :
                      (k->kill_signal > 0 ? k->kill_signal : SIGTERM);

        /* a socket's only processes are its control processes (systemd.kill(5) applies) */
        if (k->kill_mode != KILL_NONE) {
                if (s->control_pid > 0 && kill(s->control_pid, sig) >= 0) {
                        n++;
                        if (sig != SIGKILL)
                                (void) kill(s->control_pid, SIGCONT);
                }
                if (k->kill_mode == KILL_CONTROL_GROUP || (k->kill_mode == KILL_MIXED && final))
                        n += unit_kill_all(u, sig, 0);
        }
        if (n > 0 || s->control_pid > 0) {
                socket_set_state(s, state);
                return;
        }

        if (state == SOCKET_STOP_PRE_SIGTERM && k->send_sigkill)
                socket_enter_signal(s, SOCKET_STOP_PRE_SIGKILL, SOCKET_SUCCESS);
        else if (state == SOCKET_STOP_PRE_SIGTERM || state == SOCKET_STOP_PRE_SIGKILL)
                socket_enter_stop_post(s, SOCKET_SUCCESS);
        else if (state == SOCKET_FINAL_SIGTERM && k->send_sigkill)
                socket_enter_signal(s, SOCKET_FINAL_SIGKILL, SOCKET_SUCCESS);
        else
                socket_enter_dead(s, SOCKET_SUCCESS);
}

static void socket_enter_stop_pre(Socket *s, SocketResult f) {
        int r;

        if (s->result == SOCKET_SUCCESS)
                s->result = f;
        r = socket_run_control(s, SOCKET_EXEC_STOP_PRE, 0);
        if (r > 0) {
                socket_set_state(s, SOCKET_STOP_PRE);
                return;
        }
        socket_enter_stop_post(s, r < 0 ? SOCKET_FAILURE_RESOURCES : SOCKET_SUCCESS);
}

static void socket_enter_listening(Socket *s) {
        socket_set_state(s, SOCKET_LISTENING);
        socket_watch_fds(s);
}

static void socket_enter_start_post(Socket *s) {
        int r;

        r = socket_run_control(s, SOCKET_EXEC_START_POST, 0);
        if (r > 0) {
                socket_set_state(s, SOCKET_START_POST);
                return;
        }
        if (r < 0) {
                socket_enter_stop_pre(s, SOCKET_FAILURE_RESOURCES);
                return;
        }
        socket_enter_listening(s);
}

static void socket_enter_start_chown(Socket *s) {
        int r;

        /* SocketUser=/SocketGroup= would be applied here by a control process; a user manager
         * owns what it creates, so the state is passed through */
        r = socket_open_fds(s);
        if (r < 0) {
                socket_enter_stop_pre(s, SOCKET_FAILURE_RESOURCES);
                return;
        }
        socket_set_state(s, SOCKET_START_CHOWN);
        socket_enter_start_post(s);
}

static void socket_enter_start_pre(Socket *s) {
        int r;

        r = socket_run_control(s, SOCKET_EXEC_START_PRE, 0);
        if (r > 0) {
                socket_set_state(s, SOCKET_START_PRE);
                return;
        }
        if (r < 0) {
                socket_enter_dead(s, SOCKET_FAILURE_RESOURCES);
                return;
        }
        socket_enter_start_chown(s);
}

/* TriggerLimitIntervalSec=/TriggerLimitBurst=: false when the limit is hit */
static bool socket_test_trigger_limit(Socket *s) {
        usec_t n = now(CLOCK_MONOTONIC);

        if (s->def.trigger_limit_interval_usec == 0 || s->def.trigger_limit_burst == 0)
                return true;
        if (s->trigger_limit_begin == 0 ||
            n >= s->trigger_limit_begin + s->def.trigger_limit_interval_usec) {
                s->trigger_limit_begin = n;
                s->trigger_limit_count = 0;
        }
        return ++s->trigger_limit_count <= s->def.trigger_limit_burst;
}

static void socket_enter_running(Socket *s) {
        Unit *u = &s->meta;
        Unit *svc;
        _cleanup_free_ char *en = NULL, *em = NULL;
        int r;

        if (!socket_test_trigger_limit(s)) {
                log_warning("%s: Trigger limit hit, refusing further activation.", u->id);
                socket_enter_stop_pre(s, SOCKET_FAILURE_TRIGGER_LIMIT_HIT);
                return;
        }

        if (s->def.accept) {
                /* per-connection instances (Accept=yes) are not run yet: refuse the peer */
                int cfd;

                for (size_t i = 0; i < s->n_fds; i++)
                        while ((cfd = accept4(s->fds[i].fd, NULL, NULL,
                                              SOCK_CLOEXEC | SOCK_NONBLOCK)) >= 0) {
                                s->n_refused++;
                                safe_close(cfd);
                        }
                log_warning("%s: Accept=yes is not supported yet, connection refused.", u->id);
                unit_add_to_dbus_queue(u);
                return;
        }

        svc = socket_service(s);
        if (!svc) {
                log_warning("%s: No service to trigger.", u->id);
                socket_enter_stop_pre(s, SOCKET_FAILURE_RESOURCES);
                return;
        }
        if (!UNIT_IS_ACTIVE_OR_ACTIVATING(unit_active_state(svc)) &&
            !(svc->job && svc->job->type != JOB_STOP)) {
                r = manager_add_job(u->manager, JOB_START, svc, JOB_REPLACE, &en, &em, NULL);
                if (r < 0) {
                        log_warning("%s: Failed to queue service startup job (Maybe the service file "
                                    "is missing or not a non-template unit?): %s",
                                    u->id, strna(em));
                        socket_enter_stop_pre(s, SOCKET_FAILURE_RESOURCES);
                        return;
                }
        }
        socket_set_state(s, SOCKET_RUNNING);
}

/* the triggered service changed its state or job: look at it once this iteration is done */
static void socket_trigger_notify(Unit *u, Unit *other) {
        Socket *s = SOCKET(u);

        if (s->service_watch)
                (void) sd_event_source_set_enabled(s->service_watch, SD_EVENT_ONESHOT);
}

/* follows the service: RUNNING while it runs, LISTENING again when it is gone */
static int socket_service_watch_cb(sd_event_source *source, void *userdata) {
        Socket *s = userdata;
        Unit *svc = socket_service(s);
        UnitActiveState st;

        if (!svc)
                return 0;
        st = unit_active_state(svc);

        switch (s->state) {
        case SOCKET_LISTENING:
                if (UNIT_IS_ACTIVE_OR_ACTIVATING(st))
                        socket_set_state(s, SOCKET_RUNNING);
                return 0;
        case SOCKET_RUNNING:
                if (!UNIT_IS_INACTIVE_OR_FAILED(st) || (svc->job && svc->job->type != JOB_STOP))
                        return 0;
                if (st == UNIT_FAILED && streq_ptr(unit_result_string(svc), "start-limit-hit")) {
                        socket_enter_stop_pre(s, SOCKET_FAILURE_SERVICE_START_LIMIT_HIT);
                        return 0;
                }
                socket_enter_listening(s);
                return 0;
        case SOCKET_DEAD:
        case SOCKET_START_PRE:
        case SOCKET_START_CHOWN:
        case SOCKET_START_POST:
        case SOCKET_STOP_PRE:
        case SOCKET_STOP_PRE_SIGTERM:
        case SOCKET_STOP_PRE_SIGKILL:
        case SOCKET_STOP_POST:
        case SOCKET_FINAL_SIGTERM:
        case SOCKET_FINAL_SIGKILL:
        case SOCKET_FAILED:
        case SOCKET_CLEANING:
                return 0;
        case _SOCKET_STATE_MAX:
        case _SOCKET_STATE_INVALID:
                break;
        }
        assert_not_reached();
}

static int socket_start(Unit *u) {
        Socket *s = SOCKET(u);
        Unit *svc;

        switch (s->state) {
        case SOCKET_STOP_PRE:
        case SOCKET_STOP_PRE_SIGTERM:
        case SOCKET_STOP_PRE_SIGKILL:
        case SOCKET_STOP_POST:
        case SOCKET_FINAL_SIGTERM:
        case SOCKET_FINAL_SIGKILL:
        case SOCKET_CLEANING:
                return -EAGAIN;
        case SOCKET_START_PRE:
        case SOCKET_START_CHOWN:
        case SOCKET_START_POST:
                return 0;
        case SOCKET_LISTENING:
        case SOCKET_RUNNING:
                return -EALREADY;
        case SOCKET_DEAD:
        case SOCKET_FAILED:
                break;
        case _SOCKET_STATE_MAX:
        case _SOCKET_STATE_INVALID:
                assert_not_reached();
        }

        svc = s->def.accept ? NULL : socket_service(s);
        if (svc && (!svc->def || svc->def->load_state != UNIT_LOADED)) {
                log_error("%s: Socket service %s not loaded, refusing.", u->id, svc->id);
                return -ENOENT;
        }

        if (!unit_test_start_limit(u)) {
                log_warning("%s: Start request repeated too quickly.", u->id);
                socket_enter_dead(s, SOCKET_FAILURE_START_LIMIT_HIT);
                return -ECANCELED;
        }

        s->result = SOCKET_SUCCESS;
        for (int i = 0; i < _SOCKET_EXEC_COMMAND_MAX; i++)
                s->exec_status[i] = mfree(s->exec_status[i]);
        (void) sd_id128_randomize(&u->invocation_id);

        socket_enter_start_pre(s);
        return 0;
}

static int socket_stop(Unit *u) {
        Socket *s = SOCKET(u);

        switch (s->state) {
        case SOCKET_STOP_PRE:
        case SOCKET_STOP_PRE_SIGTERM:
        case SOCKET_STOP_PRE_SIGKILL:
        case SOCKET_STOP_POST:
        case SOCKET_FINAL_SIGTERM:
        case SOCKET_FINAL_SIGKILL:
                return 0;
        case SOCKET_START_PRE:
        case SOCKET_START_CHOWN:
        case SOCKET_START_POST:
                socket_enter_signal(s, SOCKET_STOP_PRE_SIGTERM, SOCKET_SUCCESS);
                return 0;
        case SOCKET_LISTENING:
        case SOCKET_RUNNING:
                socket_enter_stop_pre(s, SOCKET_SUCCESS);
                return 0;
        case SOCKET_DEAD:
        case SOCKET_FAILED:
        case SOCKET_CLEANING:
                return -EALREADY;
        case _SOCKET_STATE_MAX:
        case _SOCKET_STATE_INVALID:
                break;
        }
        assert_not_reached();
}

static SocketResult socket_exit_result(int code, int status) {
        if (code == CLD_EXITED)
                return status == 0 ? SOCKET_SUCCESS : SOCKET_FAILURE_EXIT_CODE;
        if (code == CLD_KILLED)
                return SOCKET_FAILURE_SIGNAL;
        if (code == CLD_DUMPED)
                return SOCKET_FAILURE_CORE_DUMP;
        return SOCKET_FAILURE_RESOURCES;
}

static void socket_control_done(Socket *s, SocketResult f) {
        int r;

        /* the next command of the same list while the last one went well */
        if (f == SOCKET_SUCCESS && s->control_command_id >= 0) {
                SocketExecCommand id = s->control_command_id;
                size_t idx = s->control_command_index + 1;

                r = socket_run_control(s, id, idx);
                if (r > 0)
                        return;
                if (r < 0)
                        f = SOCKET_FAILURE_RESOURCES;
        }
        socket_unwatch_control(s);

        switch (s->state) {
        case SOCKET_START_PRE:
                if (f == SOCKET_SUCCESS)
                        socket_enter_start_chown(s);
                else
                        socket_enter_signal(s, SOCKET_FINAL_SIGTERM, f);
                return;
        case SOCKET_START_CHOWN:
        case SOCKET_START_POST:
                if (f == SOCKET_SUCCESS)
                        socket_enter_listening(s);
                else
                        socket_enter_stop_pre(s, f);
                return;
        case SOCKET_STOP_PRE:
        case SOCKET_STOP_PRE_SIGTERM:
        case SOCKET_STOP_PRE_SIGKILL:
                socket_enter_stop_post(s, f);
                return;
        case SOCKET_STOP_POST:
        case SOCKET_FINAL_SIGTERM:
        case SOCKET_FINAL_SIGKILL:
                socket_enter_dead(s, f);
                return;
        case SOCKET_DEAD:
        case SOCKET_LISTENING:
        case SOCKET_RUNNING:
        case SOCKET_FAILED:
        case SOCKET_CLEANING:
                return;                 /* a control process we no longer wait for */
        case _SOCKET_STATE_MAX:
        case _SOCKET_STATE_INVALID:
                break;
        }
        assert_not_reached();
}

static void socket_sigchld_event(Unit *u, pid_t pid, int code, int status) {
        Socket *s = SOCKET(u);
        SocketResult f;

        if (pid != s->control_pid) {
                /* another process of the unit (KillMode=control-group): the last may end a kill step */
                unit_unwatch_pid(u, pid);
                if (IN_SET(s->state, SOCKET_STOP_PRE_SIGTERM, SOCKET_STOP_PRE_SIGKILL) &&
                    s->control_pid <= 0 && !unit_has_processes(u))
                        socket_enter_stop_post(s, SOCKET_SUCCESS);
                else if (IN_SET(s->state, SOCKET_FINAL_SIGTERM, SOCKET_FINAL_SIGKILL) &&
                         s->control_pid <= 0 && !unit_has_processes(u))
                        socket_enter_dead(s, SOCKET_SUCCESS);
                return;
        }

        f = socket_exit_result(code, status);
        if (s->control_command_id >= 0) {
                ExecStatus *es = socket_exec_status(s, s->control_command_id, s->control_command_index);
                const ExecCommandList *l = &s->def.exec[s->control_command_id];

                if (es && es->pid == pid) {
                        es->code = code;
                        es->status = status;
                        dual_timestamp_now(&es->exit_timestamp);
                }
                if (s->control_command_index < l->n &&
                    (l->commands[s->control_command_index].flags & EXEC_COMMAND_IGNORE_FAILURE))
                        f = SOCKET_SUCCESS;
        }
        if (f != SOCKET_SUCCESS)
                log_info("%s: Control process exited, code=%s, status=%d", u->id,
                         code == CLD_EXITED ? "exited" : code == CLD_KILLED ? "killed" : "dumped", status);

        unit_unwatch_pid(u, pid);
        s->control_pid = 0;
        socket_control_done(s, f);
}

static int socket_timer_cb(sd_event_source *source, uint64_t usec, void *userdata) {
        Socket *s = userdata;
        Unit *u = &s->meta;
        bool sigkill = u->def->kill.send_sigkill;

        s->timer_source = sd_event_source_disable_unref(s->timer_source);

        switch (s->state) {
        case SOCKET_START_PRE:
                log_warning("%s: Starting timed out. Terminating.", u->id);
                socket_enter_signal(s, SOCKET_FINAL_SIGTERM, SOCKET_FAILURE_TIMEOUT);
                break;
        case SOCKET_START_CHOWN:
        case SOCKET_START_POST:
                log_warning("%s: Starting timed out. Stopping.", u->id);
                socket_enter_stop_pre(s, SOCKET_FAILURE_TIMEOUT);
                break;
        case SOCKET_STOP_PRE:
                log_warning("%s: Stopping timed out. Terminating.", u->id);
                socket_enter_signal(s, SOCKET_STOP_PRE_SIGTERM, SOCKET_FAILURE_TIMEOUT);
                break;
        case SOCKET_STOP_PRE_SIGTERM:
                if (sigkill) {
                        log_warning("%s: Stopping timed out. Killing.", u->id);
                        socket_enter_signal(s, SOCKET_STOP_PRE_SIGKILL, SOCKET_FAILURE_TIMEOUT);
                } else {
                        log_warning("%s: Stopping timed out. Skipping SIGKILL. Ignoring.", u->id);
                        socket_enter_stop_post(s, SOCKET_FAILURE_TIMEOUT);
                }
                break;
        case SOCKET_STOP_PRE_SIGKILL:
                log_warning("%s: Processes still around after SIGKILL. Ignoring.", u->id);
                socket_enter_stop_post(s, SOCKET_FAILURE_TIMEOUT);
                break;
        case SOCKET_STOP_POST:
                log_warning("%s: Stopping timed out (2). Terminating.", u->id);
                socket_enter_signal(s, SOCKET_FINAL_SIGTERM, SOCKET_FAILURE_TIMEOUT);
                break;
        case SOCKET_FINAL_SIGTERM:
                if (sigkill) {
                        log_warning("%s: Stopping timed out (2). Killing.", u->id);
                        socket_enter_signal(s, SOCKET_FINAL_SIGKILL, SOCKET_FAILURE_TIMEOUT);
                } else {
                        log_warning("%s: Stopping timed out (2). Skipping SIGKILL. Ignoring.", u->id);
                        socket_enter_dead(s, SOCKET_FAILURE_TIMEOUT);
                }
                break;
        case SOCKET_FINAL_SIGKILL:
                log_warning("%s: Still around after SIGKILL (2). Entering failed mode.", u->id);
                socket_enter_dead(s, SOCKET_FAILURE_TIMEOUT);
                break;
        case SOCKET_CLEANING:
                socket_enter_dead(s, SOCKET_FAILURE_TIMEOUT);
                break;
        case SOCKET_DEAD:
        case SOCKET_LISTENING:
        case SOCKET_RUNNING:
        case SOCKET_FAILED:
                break;
        case _SOCKET_STATE_MAX:
        case _SOCKET_STATE_INVALID:
                assert_not_reached();
        }
        return 0;
}

static int socket_kill(Unit *u, KillWho who, int signo, char **ret_error_name, char **ret_error_message) {
        return unit_kill_common(u, who, signo, 0, SOCKET(u)->control_pid, ret_error_name, ret_error_message);
}

static UnitActiveState socket_active_state(Unit *u) {
        return socket_states[SOCKET(u)->state].active;
}

static const char *socket_sub_state_to_string(Unit *u) {
        return socket_states[SOCKET(u)->state].name;
}

static void socket_reset_failed(Unit *u) {
        Socket *s = SOCKET(u);

        if (s->state == SOCKET_FAILED)
                socket_set_state(s, SOCKET_DEAD);
        s->result = SOCKET_SUCCESS;
}

static const char *socket_result_str(Unit *u) {
        return socket_result_to_string(SOCKET(u)->result);
}

static pid_t socket_control_pid(Unit *u) {
        return SOCKET(u)->control_pid;
}

static bool socket_may_gc(Unit *u) {
        return SOCKET(u)->control_pid <= 0 && SOCKET(u)->n_fds == 0;
}

const UnitVTable socket_vtable = {
        .object_size = sizeof(Socket),
        .init = socket_init,
        .done = socket_done,
        .verify = socket_verify,
        .start = socket_start,
        .stop = socket_stop,
        .kill = socket_kill,
        .active_state = socket_active_state,
        .sub_state_to_string = socket_sub_state_to_string,
        .sigchld_event = socket_sigchld_event,
        .reset_failed = socket_reset_failed,
        .may_gc = socket_may_gc,
        .result_to_string = socket_result_str,
        .control_pid = socket_control_pid,
        .trigger_notify = socket_trigger_notify,
};

int socket_collect_fds(Unit *service, int **ret_fds, char ***ret_names, size_t *ret_n) {
        _cleanup_free_ int *fds = NULL;
        _cleanup_strv_free_ char **names = NULL;
        size_t n = 0;
        Unit *other;
        int r;

        assert(service);

        SET_FOREACH(other, service->deps[UNIT_TRIGGERED_BY]) {
                Socket *s;
                int *a;

                if (other->type != UNIT_SOCKET)
                        continue;
                s = SOCKET(other);
                if (s->n_fds == 0 || s->def.accept)
                        continue;
                a = realloc(fds, sizeof(int) * (n + s->n_fds));
                if (!a)
                        return -ENOMEM;
                fds = a;
                for (size_t i = 0; i < s->n_fds; i++) {
                        fds[n++] = s->fds[i].fd;
                        r = strv_extend(&names, s->def.fdname ?: other->id);
                        if (r < 0)
                                return r;
                }
        }

        *ret_fds = TAKE_PTR(fds);
        *ret_names = TAKE_PTR(names);
        *ret_n = n;
        return 0;
}
