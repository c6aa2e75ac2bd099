/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* bus.c: the manager's D-Bus connections. The private socket ($XDG_RUNTIME_DIR/systemd/private
 * or /run/systemd/private) takes peer-to-peer connections (SASL EXTERNAL, no Hello), each an
 * sd-bus server connection kept in m->private_buses until it hangs up. The broker connection
 * (m->api_bus) owns org.freedesktop.systemd1 when a broker runs; without one the manager works
 * on the private socket alone and retries later. Every connection serves the same objects, and
 * every signal goes to every connection. Nothing here blocks: the broker is joined with
 * asynchronous calls only. Not here: the objects themselves (bus-manager.c, bus-unit.c …). */

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/inotify.h>
#include <sys/un.h>
#include <systemd/sd-id128.h>

#include "bus-internal.h"
#include "bus-scope.h"
#include "bus-socket.h"
#include "bus-track.h"
#include "log.h"
#include "path-util.h"
#include "time-util.h"

#define BUS_API_RETRY_USEC (5 * USEC_PER_SEC)
/* after losing the broker, or when its socket just appeared: a broker restarted by socket
 * activation (dbus.socket) is back within this */
#define BUS_API_RETRY_SOON_USEC (200 * USEC_PER_MSEC)
#define BUS_PRIVATE_CONNECTIONS_MAX 4096U

static void bus_api_schedule_retry(Manager *m, usec_t after);

/* Watches the directory of the broker's socket so that the connection is made as soon as the
 * socket appears (dbus.socket listening), not only on the retry timer. One manager per
 * process: Manager has no field for it, and the watch is the broker connection's alone. */
static sd_event_source *api_watch_source;

bool bus_is_api(Manager *m, sd_bus *bus) {
        return m->api_bus && bus == m->api_bus;
}

/* the broker clients that called Subscribe() */
static BusTrack *api_subscribers;

bool bus_api_has_subscribers(Manager *m) {
        return api_subscribers && m->api_bus && bus_track_get_bus(api_subscribers) == m->api_bus &&
                bus_track_count(api_subscribers) > 0;
}

int bus_api_subscribe(Manager *m, sd_bus_message *message, bool subscribe) {
        sd_bus *bus = sd_bus_message_get_bus(message);
        int r;

        if (!bus_is_api(m, bus))
                return 0;       /* private connections get every signal anyway */
        if (api_subscribers && bus_track_get_bus(api_subscribers) != bus)
                api_subscribers = bus_track_free(api_subscribers);
        if (!subscribe)
                return api_subscribers ? bus_track_remove_sender(api_subscribers, message) : 0;
        if (!api_subscribers) {
                r = bus_track_new(bus, &api_subscribers, NULL, NULL);
                if (r < 0)
                        return r;
        }
        return bus_track_add_sender(api_subscribers, message);
}

void bus_foreach_bus_gated(Manager *m, bool to_api, void (*f)(sd_bus *bus, void *userdata), void *userdata) {
        sd_bus *b;

        SET_FOREACH(b, m->private_buses)
                if (sd_bus_is_open(b) > 0)
                        f(b, userdata);
        if (to_api && m->api_bus && sd_bus_is_open(m->api_bus) > 0)
                f(m->api_bus, userdata);
}

void bus_foreach_bus(Manager *m, void (*f)(sd_bus *bus, void *userdata), void *userdata) {
        sd_bus *b;

        SET_FOREACH(b, m->private_buses)
                if (sd_bus_is_open(b) > 0)
                        f(b, userdata);
        if (m->api_bus && sd_bus_is_open(m->api_bus) > 0)
                f(m->api_bus, userdata);
}

/* Event loop integration of a connection, instead of sd_bus_attach_event(): sd-bus's own
 * integration processes one message per wakeup and re-arms a zero timer for the next, which
 * costs a timerfd_settime, an epoll_wait and a read per queued message; here one wakeup drains
 * what is queued (up to BUS_PROCESS_MAX, then the zero timer takes over, so that a flood on one
 * connection cannot starve the others). The state lives in bus_loops, keyed by connection. */
#define BUS_PROCESS_MAX 64U

typedef struct BusLoop {
        Manager *manager;
        sd_bus *bus;
        sd_event_source *io;
        sd_event_source *timer;
} BusLoop;

static Hashmap *bus_loops;

static void bus_failed(Manager *m, sd_bus *bus);

static void bus_loop_process(BusLoop *l) {
        _cleanup_(sd_bus_unrefp) sd_bus *bus = sd_bus_ref(l->bus);
        Manager *m = l->manager;
        int r = 0;

        /* a callback may drop the connection (and free l): look it up again after each message */
        for (unsigned n = 0; n < BUS_PROCESS_MAX; n++) {
                r = sd_bus_process(bus, NULL);
                if (r <= 0 || hashmap_get(bus_loops, bus) != l)
                        break;
        }
        if (r < 0 && hashmap_get(bus_loops, bus) == l) {
                log_debug_errno(r, "Processing of bus connection failed, closing it: %m");
                bus_failed(m, bus);
        }
}

static int bus_loop_io(sd_event_source *s, int fd, uint32_t revents, void *userdata) {
        bus_loop_process(userdata);
        return 0;
}

static int bus_loop_time(sd_event_source *s, uint64_t usec, void *userdata) {
        bus_loop_process(userdata);
        return 0;
}

/* before each poll: what the connection waits for, and until when */
static int bus_loop_prepare(sd_event_source *s, void *userdata) {
        BusLoop *l = userdata;
        uint64_t until = UINT64_MAX;
        int e, r;

        e = sd_bus_get_events(l->bus);
        (void) sd_event_source_set_io_events(l->io, e > 0 ? (uint32_t) e : 0);
        r = sd_bus_get_timeout(l->bus, &until);
        if (r > 0 && until != UINT64_MAX) {
                (void) sd_event_source_set_time(l->timer, MAX(until, 1U));
                (void) sd_event_source_set_enabled(l->timer, SD_EVENT_ONESHOT);
        } else
                (void) sd_event_source_set_enabled(l->timer, SD_EVENT_OFF);
        return 0;
}

static void bus_loop_free(BusLoop *l) {
        if (!l)
                return;
        sd_event_source_disable_unref(l->io);
        sd_event_source_disable_unref(l->timer);
        free(l);
}

static void bus_detach(sd_bus *bus) {
        bus_loop_free(hashmap_remove(bus_loops, bus));
}

static int bus_attach(Manager *m, sd_bus *bus) {
        BusLoop *l;
        int fd, r;

        fd = sd_bus_get_fd(bus);
        if (fd < 0)
                return fd;
        r = hashmap_ensure_allocated(&bus_loops, &trivial_hash_ops);
        if (r < 0)
                return r;
        l = calloc(1, sizeof *l);
        if (!l)
                return -ENOMEM;
        l->manager = m;
        l->bus = bus;
        r = sd_event_add_io(m->event, &l->io, fd, 0, bus_loop_io, l);
        if (r >= 0)
                r = sd_event_source_set_prepare(l->io, bus_loop_prepare);
        if (r >= 0)
                r = sd_event_add_time(m->event, &l->timer, CLOCK_MONOTONIC, 0, 0, bus_loop_time, l);
        if (r >= 0)
                r = sd_event_source_set_enabled(l->timer, SD_EVENT_OFF);
        if (r >= 0)
                r = hashmap_put(bus_loops, bus, l);
        if (r < 0) {
                bus_loop_free(l);
                return r;
        }
        (void) sd_event_source_set_description(l->io, "bus-io");
        (void) sd_event_source_set_description(l->timer, "bus-timeout");
        return 0;
}

/* sd-bus asks a fallback's find callback about the prefix itself too; /org/freedesktop/systemd1/unit
 * is no unit (busctl tree introspects it for its children), so the unit finders are not asked */
#define DEFINE_UNIT_FIND(name, inner)                                                           \
        static int name(sd_bus *bus, const char *path, const char *interface, void *userdata,   \
                        void **found, sd_bus_error *error) {                                    \
                if (streq(path, BUS_PATH_UNIT_PREFIX))                                          \
                        return 0;                                                               \
                return inner(bus, path, interface, userdata, found, error);                     \
        }
DEFINE_UNIT_FIND(find_service, bus_service_find)
DEFINE_UNIT_FIND(find_service_def, bus_service_def_find)
DEFINE_UNIT_FIND(find_socket, bus_socket_find)
DEFINE_UNIT_FIND(find_socket_def, bus_socket_def_find)
DEFINE_UNIT_FIND(find_scope, bus_scope_find)
DEFINE_UNIT_FIND(find_scope_def, bus_scope_def_find)
DEFINE_UNIT_FIND(find_target, bus_target_find)
DEFINE_UNIT_FIND(find_slice, bus_slice_find)
DEFINE_UNIT_FIND(find_unit, bus_unit_find)

int bus_add_objects(Manager *m, sd_bus *bus) {
        static const struct {
                const char *path;
                const char *interface;
                const sd_bus_vtable *vtable;
                sd_bus_object_find_t find;
        } fallback[] = {
                /* the order here is the order of Introspect and GetAll("") */
                { BUS_PATH_UNIT_PREFIX, BUS_IFACE_SERVICE, bus_service_vtable, find_service },
                { BUS_PATH_UNIT_PREFIX, BUS_IFACE_SERVICE, bus_cgroup_vtable, find_service },
                { BUS_PATH_UNIT_PREFIX, BUS_IFACE_SERVICE, bus_exec_vtable, find_service_def },
                { BUS_PATH_UNIT_PREFIX, BUS_IFACE_SERVICE, bus_kill_vtable, find_service_def },
                { BUS_PATH_UNIT_PREFIX, BUS_IFACE_SOCKET, bus_socket_vtable, find_socket },
                { BUS_PATH_UNIT_PREFIX, BUS_IFACE_SOCKET, bus_cgroup_vtable, find_socket },
                { BUS_PATH_UNIT_PREFIX, BUS_IFACE_SOCKET, bus_exec_vtable, find_socket_def },
                { BUS_PATH_UNIT_PREFIX, BUS_IFACE_SOCKET, bus_kill_vtable, find_socket_def },
                { BUS_PATH_UNIT_PREFIX, BUS_IFACE_SCOPE, bus_scope_vtable, find_scope },
                { BUS_PATH_UNIT_PREFIX, BUS_IFACE_SCOPE, bus_cgroup_vtable, find_scope },
                { BUS_PATH_UNIT_PREFIX, BUS_IFACE_SCOPE, bus_kill_vtable, find_scope_def },
                { BUS_PATH_UNIT_PREFIX, BUS_IFACE_TARGET, bus_target_vtable, find_target },
                { BUS_PATH_UNIT_PREFIX, BUS_IFACE_SLICE, bus_slice_vtable, find_slice },
                { BUS_PATH_UNIT_PREFIX, BUS_IFACE_SLICE, bus_cgroup_vtable, find_slice },
                { BUS_PATH_UNIT_PREFIX, BUS_IFACE_UNIT, bus_unit_vtable, find_unit },
                { BUS_PATH_JOB_PREFIX, BUS_IFACE_JOB, bus_job_vtable, bus_job_find },
        };
        int r;

        r = sd_bus_add_object_vtable(bus, NULL, BUS_PATH_MANAGER, BUS_IFACE_MANAGER,
                                     bus_manager_vtable, m);
        if (r < 0)
                return log_debug_errno(r, "Failed to add manager vtable: %m");
        r = sd_bus_add_object_vtable(bus, NULL, BUS_PATH_MANAGER, BUS_IFACE_MANAGER,
                                     bus_manager_unit_files_vtable, m);
        if (r < 0)
                return r;

        for (size_t i = 0; i < ELEMENTSOF(fallback); i++) {
                r = sd_bus_add_fallback_vtable(bus, NULL, fallback[i].path, fallback[i].interface,
                                               fallback[i].vtable, fallback[i].find, m);
                if (r < 0)
                        return log_debug_errno(r, "Failed to add vtable %zu for %s: %m", i, fallback[i].interface);
        }

        r = sd_bus_add_node_enumerator(bus, NULL, BUS_PATH_UNIT_PREFIX, bus_unit_enumerate, m);
        if (r < 0)
                return r;
        r = sd_bus_add_node_enumerator(bus, NULL, BUS_PATH_JOB_PREFIX, bus_job_enumerate, m);
        if (r < 0)
                return r;
        return 0;
}

static void private_bus_drop(Manager *m, sd_bus *bus) {
        if (!set_remove(m->private_buses, bus))
                return;
        bus_detach(bus);
        sd_bus_close(bus);
        sd_bus_unref(bus);
}

static int on_private_disconnected(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        Manager *m = userdata;

        log_debug("Private bus connection closed.");
        private_bus_drop(m, sd_bus_message_get_bus(message));
        return 0;
}

static int on_private_connection(sd_event_source *s, int fd, uint32_t revents, void *userdata) {
        _cleanup_(sd_bus_close_unrefp) sd_bus *bus = NULL;
        _cleanup_(closep) int nfd = -1;
        Manager *m = userdata;
        sd_id128_t id;
        int r;

        nfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (nfd < 0) {
                if (errno != EAGAIN && errno != EINTR)
                        log_warning_errno(errno, "Failed to accept private connection, ignoring: %m");
                return 0;
        }

        if (set_size(m->private_buses) >= BUS_PRIVATE_CONNECTIONS_MAX) {
                log_warning("Too many private bus connections, refusing.");
                return 0;
        }

        r = sd_bus_new(&bus);
        if (r < 0)
                return log_warning_errno(r, "Failed to allocate bus for private connection: %m"), 0;
        r = sd_bus_set_fd(bus, nfd, nfd);
        if (r < 0)
                return log_warning_errno(r, "Failed to set fd of private connection: %m"), 0;
        TAKE_FD(nfd);

        r = sd_id128_randomize(&id);
        if (r < 0)
                return log_warning_errno(r, "Failed to make server id: %m"), 0;
        r = sd_bus_set_server(bus, 1, id);
        if (r >= 0)
                r = sd_bus_negotiate_fds(bus, true);
        if (r >= 0)
                r = sd_bus_negotiate_creds(bus, true, SD_BUS_CREDS_PID | SD_BUS_CREDS_UID |
                                           SD_BUS_CREDS_EUID | SD_BUS_CREDS_EFFECTIVE_CAPS);
        if (r >= 0)
                r = sd_bus_set_sender(bus, BUS_NAME_MANAGER);
        if (r < 0)
                return log_warning_errno(r, "Failed to set up private connection: %m"), 0;

        r = sd_bus_start(bus);
        if (r < 0)
                return log_warning_errno(r, "Failed to start private connection: %m"), 0;
        r = bus_attach(m, bus);
        if (r < 0)
                return log_warning_errno(r, "Failed to attach private connection: %m"), 0;

        /* On a connection without broker this match is local: sd-bus synthesizes the signal
         * when the peer hangs up. */
        r = sd_bus_match_signal(bus, NULL, "org.freedesktop.DBus.Local", "/org/freedesktop/DBus/Local",
                                "org.freedesktop.DBus.Local", "Disconnected",
                                on_private_disconnected, m);
        if (r < 0)
                return log_warning_errno(r, "Failed to watch private connection: %m"), 0;

        r = bus_add_objects(m, bus);
        if (r < 0)
                return log_warning_errno(r, "Failed to register objects on private connection: %m"), 0;

        r = set_ensure_put(&m->private_buses, bus);
        if (r < 0)
                return log_oom(), 0;
        TAKE_PTR(bus);

        log_debug("Accepted new private connection.");
        return 0;
}

static int bus_private_listen(Manager *m) {
        _cleanup_free_ char *p = NULL, *dir = NULL;
        _cleanup_(closep) int fd = -1;
        union {
                struct sockaddr sa;
                struct sockaddr_un un;
        } sa = { .un.sun_family = AF_UNIX };
        int r;

        if (m->private_listen_source)
                return 0;

        if (m->scope == RUNTIME_SCOPE_USER) {
                if (isempty(m->runtime_dir))
                        return log_error_errno(ENXIO, "$XDG_RUNTIME_DIR is not set, no private bus socket.");
                dir = path_join(m->runtime_dir, "systemd");
        } else
                dir = strdup("/run/systemd");
        if (!dir)
                return log_oom();
        p = path_join(dir, "private");
        if (!p)
                return log_oom();
        if (strlen(p) >= sizeof sa.un.sun_path)
                return log_error_errno(ENAMETOOLONG, "Private socket path %s is too long.", p);

        (void) mkdir_p(dir, 0755);
        strcpy(sa.un.sun_path, p);

        fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (fd < 0)
                return log_error_errno(errno, "Failed to allocate private socket: %m");

        (void) unlink(p);
        {
                mode_t old = umask(0077);       /* the socket comes into being as 0600 */
                r = bind(fd, &sa.sa, offsetof(struct sockaddr_un, sun_path) + strlen(p) + 1);
                umask(old);
        }
        if (r < 0)
                return log_error_errno(errno, "Failed to bind private socket %s: %m", p);
        (void) chmod(p, 0600);

        if (listen(fd, SOMAXCONN) < 0)
                return log_error_errno(errno, "Failed to listen on private socket: %m");

        r = sd_event_add_io(m->event, &m->private_listen_source, fd, EPOLLIN, on_private_connection, m);
        if (r < 0)
                return log_error_errno(r, "Failed to watch private socket: %m");
        (void) sd_event_source_set_description(m->private_listen_source, "bus-private-listen");

        m->private_listen_fd = TAKE_FD(fd);
        log_debug("Listening on %s.", p);
        return 0;
}

/* the broker */

static void bus_api_drop(Manager *m) {
        Unit *u;

        if (!m->api_bus)
                return;
        /* the clients of this connection are gone with it: their references and subscriptions */
        HASHMAP_FOREACH(u, m->units)
                if (bus_unit_drop_refs(u, m->api_bus))
                        unit_add_to_gc_queue(u);
        api_subscribers = bus_track_free(api_subscribers);
        bus_detach(m->api_bus);
        m->api_bus = sd_bus_close_unref(m->api_bus);
}

/* a connection that sd-bus gave up on (not a plain hang-up, which arrives as Disconnected) */
static void bus_failed(Manager *m, sd_bus *bus) {
        if (bus_is_api(m, bus)) {
                bus_api_drop(m);
                bus_api_schedule_retry(m, BUS_API_RETRY_SOON_USEC);
        } else
                private_bus_drop(m, bus);
}

static int on_api_disconnected(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        Manager *m = userdata;

        if (sd_bus_message_get_bus(message) != m->api_bus)
                return 0;
        log_debug("Connection to the bus broker lost, retrying later.");
        bus_api_drop(m);
        bus_api_schedule_retry(m, BUS_API_RETRY_SOON_USEC);
        return 0;
}

static int on_name_acquired(sd_bus_message *reply, void *userdata, sd_bus_error *ret_error) {
        const sd_bus_error *e = sd_bus_message_get_error(reply);

        if (e)
                log_warning("Failed to take the name " BUS_NAME_MANAGER " on the bus broker: %s",
                            e->message ?: e->name);
        else
                log_debug("Took the name " BUS_NAME_MANAGER " on the bus broker.");
        return 0;
}

/* org.freedesktop.systemd1.Activator: the broker wants the unit of an activatable name started;
 * a failure goes back to it as ActivationFailure(name, error, message), as systemd does */
static int on_activation_request(sd_bus_message *message, void *userdata, sd_bus_error *ret_error) {
        _cleanup_free_ char *en = NULL, *em = NULL;
        Manager *m = userdata;
        const char *name;
        Unit *u = NULL;
        int r;

        r = sd_bus_message_read(message, "s", &name);
        if (r < 0 || strlen(name) > BUS_NAME_ARG_MAX) {
                log_debug("Malformed activation request, ignoring.");
                return 0;
        }
        r = manager_load_unit(m, name, &u);
        if (r < 0) {
                en = strdup(BUS_ERROR_NO_SUCH_UNIT);
                (void) asprintf(&em, "Unit %s is not valid.", name);
        } else if (u->def->load_state != UNIT_LOADED) {
                en = strdup(u->def->load_error_name ?: BUS_ERROR_LOAD_FAILED);
                (void) asprintf(&em, "Unit %s is not loaded.", name);
        } else if (m->objective == MANAGER_EXIT) {
                en = strdup(BUS_ERROR_SHUTTING_DOWN);
                em = strdup("Refusing activation, D-Bus is shutting down.");
        } else {
                r = manager_add_job(m, JOB_START, u, JOB_REPLACE, &en, &em, NULL);
                if (r >= 0)
                        return 0;
        }
        log_debug("D-Bus activation of %s failed: %s", name, strna(em));
        if (m->api_bus) {
                _cleanup_(sd_bus_message_unrefp) sd_bus_message *sig = NULL;

                r = sd_bus_message_new_signal(m->api_bus, &sig, "/org/freedesktop/systemd1",
                                              "org.freedesktop.systemd1.Activator", "ActivationFailure");
                if (r >= 0)
                        r = sd_bus_message_set_destination(sig, "org.freedesktop.DBus");
                if (r >= 0)
                        r = sd_bus_message_append(sig, "sss", name, strempty(en), strempty(em));
                if (r >= 0)
                        (void) sd_bus_send(m->api_bus, sig, NULL);
        }
        return 0;
}

static int on_api_retry(sd_event_source *s, uint64_t usec, void *userdata) {
        Manager *m = userdata;

        (void) bus_api_connect(m);
        return 0;
}

static void bus_api_schedule_retry(Manager *m, usec_t after) {
        int r;

        if (m->api_bus)
                return;
        if (m->objective == MANAGER_EXIT)
                return;         /* a connection now would socket-activate a broker being stopped */
        if (m->api_bus_retry_source) {
                r = sd_event_source_set_time_relative(m->api_bus_retry_source, after);
                if (r >= 0)
                        r = sd_event_source_set_enabled(m->api_bus_retry_source, SD_EVENT_ONESHOT);
        } else
                r = sd_event_add_time_relative(m->event, &m->api_bus_retry_source, CLOCK_MONOTONIC,
                                               after, after / 10, on_api_retry, m);
        if (r < 0)
                log_warning_errno(r, "Failed to arm bus broker retry timer: %m");
}

/* Returns the broker address, NULL if there is obviously none (the socket file is missing). */
static char *bus_api_address(Manager *m) {
        const char *e, *p;
        char *a;

        if (m->scope == RUNTIME_SCOPE_SYSTEM) {
                e = getenv("DBUS_SYSTEM_BUS_ADDRESS");
                a = strdup(e ?: "unix:path=/run/dbus/system_bus_socket");
        } else {
                e = getenv("DBUS_SESSION_BUS_ADDRESS");
                if (!isempty(e))
                        a = strdup(e);
                else if (!isempty(m->runtime_dir)) {
                        if (asprintf(&a, "unix:path=%s/bus", m->runtime_dir) < 0)
                                a = NULL;
                } else
                        return NULL;
        }
        if (!a)
                return NULL;

        /* a plain unix:path= address whose socket does not exist: no broker, no attempt */
        p = startswith(a, "unix:path=");
        if (p && !strchr(p, ',') && access(p, F_OK) < 0)
                return mfree(a);
        return a;
}

int bus_api_connect(Manager *m) {
        _cleanup_(sd_bus_close_unrefp) sd_bus *bus = NULL;
        _cleanup_free_ char *address = NULL;
        int r;

        if (m->api_bus)
                return 0;

        if (m->objective == MANAGER_EXIT)
                return 0;
        address = bus_api_address(m);
        if (!address) {
                bus_api_schedule_retry(m, BUS_API_RETRY_USEC);
                return 0;
        }

        r = sd_bus_new(&bus);
        if (r < 0)
                return r;
        r = sd_bus_set_address(bus, address);
        if (r >= 0)
                r = sd_bus_set_bus_client(bus, true);
        if (r >= 0)
                r = sd_bus_negotiate_fds(bus, true);
        if (r >= 0)
                r = sd_bus_set_description(bus, "api-bus");
        if (r >= 0)
                r = sd_bus_start(bus);          /* connect() + queued Hello; never waits for replies */
        if (r < 0) {
                log_debug_errno(r, "No bus broker at %s yet: %m", address);
                bus_api_schedule_retry(m, BUS_API_RETRY_USEC);
                return 0;
        }

        r = bus_attach(m, bus);
        if (r < 0)
                return log_warning_errno(r, "Failed to attach broker connection: %m");

        r = sd_bus_match_signal_async(bus, NULL, "org.freedesktop.DBus.Local",
                                      "/org/freedesktop/DBus/Local", "org.freedesktop.DBus.Local",
                                      "Disconnected", on_api_disconnected, NULL, m);
        if (r < 0)
                return log_warning_errno(r, "Failed to watch broker connection: %m");

        r = bus_add_objects(m, bus);
        if (r < 0)
                return log_warning_errno(r, "Failed to register objects on the broker: %m");

        /* dbus-daemon --systemd-activation asks us to start the units of activatable names */
        r = sd_bus_match_signal_async(bus, NULL, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                      "org.freedesktop.systemd1.Activator", "ActivationRequest",
                                      on_activation_request, NULL, m);
        if (r < 0)
                return log_warning_errno(r, "Failed to watch activation requests: %m");

        r = sd_bus_request_name_async(bus, NULL, BUS_NAME_MANAGER,
                                      SD_BUS_NAME_REPLACE_EXISTING | SD_BUS_NAME_ALLOW_REPLACEMENT,
                                      on_name_acquired, m);
        if (r < 0)
                return log_warning_errno(r, "Failed to request bus name: %m");

        m->api_bus = TAKE_PTR(bus);
        if (m->api_bus_retry_source)
                (void) sd_event_source_set_enabled(m->api_bus_retry_source, SD_EVENT_OFF);
        log_debug("Connected to the bus broker at %s.", address);
        return 0;
}

static int on_api_socket_appeared(sd_event_source *s, const struct inotify_event *ev, void *userdata) {
        Manager *m = userdata;
        _cleanup_free_ char *address = NULL;
        const char *p;

        if (m->api_bus || ev->len == 0)
                return 0;
        address = bus_api_address(m);
        p = address ? startswith(address, "unix:path=") : NULL;
        if (!p || !streq(basename_ptr(p), ev->name))
                return 0;
        log_debug("Bus broker socket %s appeared, connecting.", p);
        /* the socket may be bound but not listening yet (another process's): try now and soon */
        (void) bus_api_connect(m);
        if (!m->api_bus)
                bus_api_schedule_retry(m, BUS_API_RETRY_SOON_USEC);
        return 0;
}

/* the directory that will hold the broker's socket, for a plain unix:path= address */
static void bus_api_watch(Manager *m) {
        _cleanup_free_ char *address = NULL, *dir = NULL;
        const char *e, *p;
        int r;

        if (api_watch_source)
                return;
        if (m->scope == RUNTIME_SCOPE_SYSTEM)
                address = strdup(getenv("DBUS_SYSTEM_BUS_ADDRESS") ?:
                                 "unix:path=/run/dbus/system_bus_socket");
        else if (!isempty(e = getenv("DBUS_SESSION_BUS_ADDRESS")))
                address = strdup(e);
        else if (!isempty(m->runtime_dir) && asprintf(&address, "unix:path=%s/bus", m->runtime_dir) < 0)
                address = NULL;
        p = address ? startswith(address, "unix:path=") : NULL;
        if (!p || strchr(p, ',') || path_dirname(p, &dir) < 0)
                return;
        r = sd_event_add_inotify(m->event, &api_watch_source, dir, IN_CREATE | IN_MOVED_TO | IN_ONLYDIR,
                                 on_api_socket_appeared, m);
        if (r < 0) {
                log_debug_errno(r, "Failed to watch %s for the bus broker's socket, ignoring: %m", dir);
                return;
        }
        (void) sd_event_source_set_description(api_watch_source, "bus-api-watch");
}

int bus_init(Manager *m) {
        int r;

        assert(m);

        r = bus_private_listen(m);
        if (r < 0)
                return r;

        bus_api_watch(m);
        (void) bus_api_connect(m);
        return 0;
}

void bus_done(Manager *m) {
        sd_bus *b;

        if (!m)
                return;

        /* what is queued (replies, the last signals) goes out before the connections close */
        SET_FOREACH(b, m->private_buses)
                (void) sd_bus_flush(b);
        if (m->api_bus)
                (void) sd_bus_flush(m->api_bus);
        while ((b = hashmap_first(m->private_buses)))
                private_bus_drop(m, b);
        m->private_buses = set_free(m->private_buses);

        bus_api_drop(m);
        api_subscribers = bus_track_free(api_subscribers);
        m->api_bus_retry_source = sd_event_source_disable_unref(m->api_bus_retry_source);
        api_watch_source = sd_event_source_disable_unref(api_watch_source);

        m->private_listen_source = sd_event_source_disable_unref(m->private_listen_source);
        m->private_listen_fd = safe_close(m->private_listen_fd);
        bus_loops = hashmap_free(bus_loops);
}
