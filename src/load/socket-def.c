/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* socket-def.c: [Socket] of systemd.socket(5) from the raw assignments the loader kept: listen
 * addresses, modes, Service=, FileDescriptorName=, Accept=, the Exec*= command lines, the
 * trigger limit. Not here: opening and watching sockets (core/socket.c). Values that do not
 * parse are warned about and skipped, as systemd does; the parser never opens anything. */

#include <arpa/inet.h>
#include <limits.h>
#include <stddef.h>

#include "exec-line.h"
#include "log.h"
#include "parse-util.h"
#include "path-util.h"
#include "socket-def.h"
#include "strv.h"
#include "time-util.h"

static int parse_port(const char *s, uint16_t *ret) {
        unsigned v;
        int r;

        if (isempty(s) || strspn(s, "0123456789") != strlen(s))
                return -EINVAL;
        r = safe_atou(s, &v);
        if (r < 0)
                return r == -ERANGE ? -ERANGE : -EINVAL;
        if (v == 0 || v > 65535)
                return -ERANGE;
        *ret = (uint16_t) v;
        return 0;
}

int socket_address_parse(const char *s, int type, SocketAddress *ret) {
        SocketAddress a = { .type = type };
        uint16_t port;
        int r;

        assert(s);
        assert(ret);

        if (isempty(s))
                return -EINVAL;

        if (s[0] == '/') {
                size_t l = strlen(s);

                if (l >= sizeof a.sockaddr.un.sun_path)
                        return -ENAMETOOLONG;
                a.sockaddr.un.sun_family = AF_UNIX;
                memcpy(a.sockaddr.un.sun_path, s, l);
                a.size = offsetof(struct sockaddr_un, sun_path) + l + 1;
        } else if (s[0] == '@') {
                size_t l = strlen(s + 1);

                /* abstract: a leading NUL, no trailing one; the size says where it ends */
                if (l == 0)
                        return -EINVAL;
                if (l + 1 > sizeof a.sockaddr.un.sun_path)
                        return -ENAMETOOLONG;
                a.sockaddr.un.sun_family = AF_UNIX;
                memcpy(a.sockaddr.un.sun_path + 1, s + 1, l);
                a.size = offsetof(struct sockaddr_un, sun_path) + 1 + l;
        } else if (s[0] == '[') {
                const char *e = strchr(s, ']');
                char host[INET6_ADDRSTRLEN];

                if (!e || e[1] != ':' || (size_t) (e - s - 1) >= sizeof host || e == s + 1)
                        return -EINVAL;
                memcpy(host, s + 1, e - s - 1);
                host[e - s - 1] = 0;
                r = parse_port(e + 2, &port);
                if (r < 0)
                        return r;
                if (inet_pton(AF_INET6, host, &a.sockaddr.in6.sin6_addr) != 1)
                        return -EINVAL;
                a.sockaddr.in6.sin6_family = AF_INET6;
                a.sockaddr.in6.sin6_port = htons(port);
                a.size = sizeof(struct sockaddr_in6);
        } else if (strspn(s, "0123456789") == strlen(s)) {
                /* a port alone: any address, dual-stack (BindIPv6Only=default) */
                r = parse_port(s, &port);
                if (r < 0)
                        return r;
                a.sockaddr.in6.sin6_family = AF_INET6;
                a.sockaddr.in6.sin6_addr = in6addr_any;
                a.sockaddr.in6.sin6_port = htons(port);
                a.size = sizeof(struct sockaddr_in6);
        } else if (startswith(s, "vsock:") || startswith(s, "netlink:"))
                return -EAFNOSUPPORT;
        else {
                const char *e = strrchr(s, ':');
                char host[INET_ADDRSTRLEN];

                if (!e || (size_t) (e - s) >= sizeof host || e == s)
                        return -EINVAL;
                memcpy(host, s, e - s);
                host[e - s] = 0;
                r = parse_port(e + 1, &port);
                if (r < 0)
                        return r;
                if (inet_pton(AF_INET, host, &a.sockaddr.in.sin_addr) != 1)
                        return -EINVAL;
                a.sockaddr.in.sin_family = AF_INET;
                a.sockaddr.in.sin_port = htons(port);
                a.size = sizeof(struct sockaddr_in);
        }

        *ret = a;
        return 0;
}

const char *socket_address_get_path(const SocketAddress *a) {
        assert(a);

        if (a->sockaddr.sa.sa_family != AF_UNIX)
                return NULL;
        if (a->size <= offsetof(struct sockaddr_un, sun_path) || a->sockaddr.un.sun_path[0] == 0)
                return NULL;
        return a->sockaddr.un.sun_path;
}

char *socket_address_to_string(const SocketAddress *a) {
        char buf[INET6_ADDRSTRLEN];
        char *s = NULL;

        assert(a);

        switch (a->sockaddr.sa.sa_family) {
        case AF_UNIX: {
                size_t l = a->size - offsetof(struct sockaddr_un, sun_path);

                if (l > 0 && a->sockaddr.un.sun_path[0] == 0) {
                        s = malloc(l + 1);
                        if (!s)
                                return NULL;
                        s[0] = '@';
                        memcpy(s + 1, a->sockaddr.un.sun_path + 1, l - 1);
                        s[l] = 0;
                        return s;
                }
                return strdup(a->sockaddr.un.sun_path);
        }
        case AF_INET:
                if (!inet_ntop(AF_INET, &a->sockaddr.in.sin_addr, buf, sizeof buf))
                        return NULL;
                if (asprintf(&s, "%s:%u", buf, (unsigned) ntohs(a->sockaddr.in.sin_port)) < 0)
                        return NULL;
                return s;
        case AF_INET6:
                if (!inet_ntop(AF_INET6, &a->sockaddr.in6.sin6_addr, buf, sizeof buf))
                        return NULL;
                if (asprintf(&s, "[%s]:%u", buf, (unsigned) ntohs(a->sockaddr.in6.sin6_port)) < 0)
                        return NULL;
                return s;
        default:
                return strdup("");
        }
}

const char *socket_port_type_string(const SocketPort *p) {
        if (p->type == SOCKET_PORT_FIFO)
                return "FIFO";
        switch (p->address.type) {
        case SOCK_STREAM:
                return "Stream";
        case SOCK_DGRAM:
                return "Datagram";
        case SOCK_SEQPACKET:
                return "SequentialPacket";
        default:
                return "Invalid";
        }
}

static const char *const socket_exec_command_table[_SOCKET_EXEC_COMMAND_MAX] = {
        [SOCKET_EXEC_START_PRE] = "ExecStartPre",
        [SOCKET_EXEC_START_POST] = "ExecStartPost",
        [SOCKET_EXEC_STOP_PRE] = "ExecStopPre",
        [SOCKET_EXEC_STOP_POST] = "ExecStopPost",
};

const char *socket_exec_command_to_string(SocketExecCommand c) {
        return c >= 0 && c < _SOCKET_EXEC_COMMAND_MAX ? socket_exec_command_table[c] : NULL;
}

/* sd_listen_fds(3): printable ASCII, no ":", at most 255 characters */
static bool fdname_is_valid(const char *s) {
        if (isempty(s) || strlen(s) > 255)
                return false;
        for (const char *p = s; *p; p++)
                if (*p < ' ' || *p > '~' || *p == ':')
                        return false;
        return true;
}

void socket_section_done(SocketSection *s) {
        if (!s)
                return;
        for (size_t i = 0; i < s->n_ports; i++)
                free(s->ports[i].path);
        s->ports = mfree(s->ports);
        s->n_ports = 0;
        s->service = mfree(s->service);
        s->fdname = mfree(s->fdname);
        s->symlinks = strv_free(s->symlinks);
        for (int i = 0; i < _SOCKET_EXEC_COMMAND_MAX; i++)
                exec_command_list_done(&s->exec[i]);
}

static void ports_clear(SocketSection *s) {
        for (size_t i = 0; i < s->n_ports; i++)
                free(s->ports[i].path);
        s->ports = mfree(s->ports);
        s->n_ports = 0;
}

static int ports_add(SocketSection *s, const SocketPort *p) {
        SocketPort *n;

        n = realloc(s->ports, sizeof(SocketPort) * (s->n_ports + 1));
        if (!n)
                return -ENOMEM;
        s->ports = n;
        s->ports[s->n_ports++] = *p;
        return 0;
}

#define warn_at(a, fmt, ...) log_warning("%s:%u: " fmt, (a)->file, (a)->line, ##__VA_ARGS__)

static int parse_listen(SocketSection *s, const RawAssignment *a, const char *v) {
        SocketPort p = {};
        int type, r;

        if (isempty(v)) {
                /* systemd.socket(5): an empty Listen*= resets every listen setting before it */
                ports_clear(s);
                return 0;
        }
        if (streq(a->key, "ListenFIFO")) {
                if (!path_is_absolute(v)) {
                        warn_at(a, "Path '%s' is not absolute, ignoring.", v);
                        return 0;
                }
                p.type = SOCKET_PORT_FIFO;
                p.path = strdup(v);
                if (!p.path)
                        return -ENOMEM;
                path_simplify(p.path);
                r = ports_add(s, &p);
                if (r < 0)
                        free(p.path);
                return r;
        }

        type = streq(a->key, "ListenStream") ? SOCK_STREAM :
               streq(a->key, "ListenDatagram") ? SOCK_DGRAM : SOCK_SEQPACKET;
        r = socket_address_parse(v, type, &p.address);
        if (r == -EAFNOSUPPORT) {
                warn_at(a, "Address family of '%s' is not supported, ignoring.", v);
                return 0;
        }
        if (r < 0) {
                warn_at(a, "Failed to parse address value in '%s', ignoring: %s", v, strerror(-r));
                return 0;
        }
        if (type == SOCK_SEQPACKET && p.address.sockaddr.sa.sa_family != AF_UNIX) {
                warn_at(a, "Address family not supported for SequentialPacket, ignoring: %s", v);
                return 0;
        }
        p.type = SOCKET_PORT_SOCKET;
        return ports_add(s, &p);
}

static int parse_exec(SocketSection *s, const RawAssignment *a, const char *v) {
        SocketExecCommand id;
        const char *reason = NULL;
        int r;

        for (id = 0; id < _SOCKET_EXEC_COMMAND_MAX; id++)
                if (socket_exec_command_table[id] && streq(a->key, socket_exec_command_table[id]))
                        break;
        assert(id < _SOCKET_EXEC_COMMAND_MAX);

        if (isempty(v)) {
                exec_command_list_done(&s->exec[id]);
                return 0;
        }
        r = exec_line_parse(v, &s->exec[id], &reason);
        if (r == -ENOMEM)
                return r;
        if (r == -ENOEXEC) {
                warn_at(a, "%s", strna(reason));
                s->bad_setting = true;
        } else if (r < 0)
                warn_at(a, "%s, ignoring.", strna(reason));
        return 0;
}

static int parse_one(SocketSection *s, const RawAssignment *a, const char *v) {
        unsigned u;
        mode_t m;
        usec_t t;
        int r;

        if (startswith(a->key, "Listen") &&
            (streq(a->key, "ListenStream") || streq(a->key, "ListenDatagram") ||
             streq(a->key, "ListenSequentialPacket") || streq(a->key, "ListenFIFO")))
                return parse_listen(s, a, v);
        if (startswith(a->key, "Exec") && (streq(a->key, "ExecStartPre") || streq(a->key, "ExecStartPost") ||
                                           streq(a->key, "ExecStopPre") || streq(a->key, "ExecStopPost")))
                return parse_exec(s, a, v);

        if (streq(a->key, "Accept") || streq(a->key, "RemoveOnStop") || streq(a->key, "PassCredentials") ||
            streq(a->key, "PassSecurity") || streq(a->key, "ReusePort") || streq(a->key, "Writable")) {
                r = parse_boolean(v);
                if (r < 0) {
                        warn_at(a, "Failed to parse boolean value, ignoring: %s", v);
                        return 0;
                }
                if (streq(a->key, "Accept"))
                        s->accept = r;
                else if (streq(a->key, "RemoveOnStop"))
                        s->remove_on_stop = r;
                else if (streq(a->key, "PassCredentials"))
                        s->pass_credentials = r;
                else if (streq(a->key, "PassSecurity"))
                        s->pass_security = r;
                else if (streq(a->key, "ReusePort"))
                        s->reuse_port = r;
                else
                        s->writable = r;
                return 0;
        }
        if (streq(a->key, "SocketMode") || streq(a->key, "DirectoryMode")) {
                if (parse_mode(v, &m) < 0) {
                        warn_at(a, "Failed to parse mode value, ignoring: %s", v);
                        return 0;
                }
                if (streq(a->key, "SocketMode"))
                        s->socket_mode = m;
                else
                        s->directory_mode = m;
                return 0;
        }
        if (streq(a->key, "Backlog") || streq(a->key, "MaxConnections") ||
            streq(a->key, "MaxConnectionsPerSource") || streq(a->key, "TriggerLimitBurst")) {
                if (safe_atou(v, &u) < 0) {
                        warn_at(a, "Failed to parse %s= value, ignoring: %s", a->key, v);
                        return 0;
                }
                if (streq(a->key, "Backlog"))
                        s->backlog = u;
                else if (streq(a->key, "MaxConnections")) {
                        if (u == 0) {
                                warn_at(a, "Invalid MaxConnections= value, ignoring: %s", v);
                                return 0;
                        }
                        s->max_connections = u;
                } else if (streq(a->key, "MaxConnectionsPerSource"))
                        s->max_connections_per_source = u;
                else {
                        s->trigger_limit_burst = u;
                        s->trigger_limit_burst_set = true;
                }
                return 0;
        }
        if (streq(a->key, "TimeoutSec") || streq(a->key, "TriggerLimitIntervalSec")) {
                r = streq(a->key, "TimeoutSec") ? parse_sec_fix_0(v, &t) : parse_sec(v, &t);
                if (r < 0) {
                        warn_at(a, "Failed to parse %s= value, ignoring: %s", a->key, v);
                        return 0;
                }
                if (streq(a->key, "TimeoutSec"))
                        s->timeout_usec = t;
                else
                        s->trigger_limit_interval_usec = t;
                return 0;
        }
        if (streq(a->key, "Service")) {
                if (!unit_name_is_valid(v, UNIT_NAME_PLAIN | UNIT_NAME_INSTANCE) ||
                    unit_name_to_type(v) != UNIT_SERVICE) {
                        warn_at(a, "Unit must be of type service, ignoring: %s", v);
                        return 0;
                }
                return free_and_strdup(&s->service, v) < 0 ? -ENOMEM : 0;
        }
        if (streq(a->key, "FileDescriptorName")) {
                if (isempty(v)) {
                        s->fdname = mfree(s->fdname);
                        return 0;
                }
                if (!fdname_is_valid(v)) {
                        warn_at(a, "Invalid file descriptor name, ignoring: %s", v);
                        return 0;
                }
                return free_and_strdup(&s->fdname, v) < 0 ? -ENOMEM : 0;
        }
        if (streq(a->key, "Symlinks")) {
                if (isempty(v)) {
                        s->symlinks = strv_free(s->symlinks);
                        return 0;
                }
                if (!path_is_absolute(v)) {
                        warn_at(a, "Symlink path is not absolute, ignoring: %s", v);
                        return 0;
                }
                return strv_extend(&s->symlinks, v) < 0 ? -ENOMEM : 0;
        }
        /* the rest of systemd.socket(5) is accepted by the loader and not acted on yet */
        return 0;
}

int socket_section_parse(const UnitDef *d, const LookupPaths *lp, SocketSection *ret) {
        SocketSection s = {
                .socket_mode = 0666,
                .directory_mode = 0755,
                .backlog = INT_MAX,
                .max_connections = 64,
                .timeout_usec = 90 * USEC_PER_SEC,
                .trigger_limit_interval_usec = 2 * USEC_PER_SEC,
                .trigger_limit_burst = 20,
        };
        int r;

        assert(d);
        assert(ret);

        for (size_t i = 0; i < d->n_raw; i++) {
                const RawAssignment *a = &d->raw[i];
                _cleanup_free_ char *v = NULL;

                if (!streq(a->section, "Socket"))
                        continue;
                /* command lines keep their own "%%"-level quoting; all values take specifiers */
                r = unit_def_specifier_expand(d, lp, a->value, &v);
                if (r == -ENOMEM)
                        goto fail;
                if (r < 0) {
                        warn_at(a, "Failed to resolve specifiers in %s, ignoring.", a->value);
                        continue;
                }
                r = parse_one(&s, a, v);
                if (r < 0)
                        goto fail;
        }
        if (s.accept && !s.trigger_limit_burst_set)
                s.trigger_limit_burst = 200;

        *ret = s;
        return 0;
fail:
        socket_section_done(&s);
        return r;
}
