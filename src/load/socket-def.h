/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* socket-def.h: the typed [Socket] section of a .socket unit (systemd.socket(5)) and the
 * listen addresses it names. The loader keeps [Socket] assignments unparsed in UnitDef.raw;
 * socket_section_parse() turns them into a SocketSection when the manager needs it. Pure: no
 * sockets are opened here (core/socket.c does that). */

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "load.h"
#include "unit-def.h"

typedef struct SocketAddress {
        union {
                struct sockaddr sa;
                struct sockaddr_un un;
                struct sockaddr_in in;
                struct sockaddr_in6 in6;
        } sockaddr;
        socklen_t size;                   /* as bind() takes it */
        int type;                         /* SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET */
} SocketAddress;

/* ListenStream= and friends: "/path" (AF_UNIX), "@name" (abstract), "PORT" ([::]:PORT),
 * "a.b.c.d:PORT", "[v6addr]:PORT". -EINVAL malformed, -ENAMETOOLONG path too long for
 * sun_path, -ERANGE port 0 or > 65535, -EAFNOSUPPORT for families not supported (vsock:,
 * netlink). *ret is untouched on failure. */
int socket_address_parse(const char *s, int type, SocketAddress *ret);

/* As systemctl shows it in Listen=: the path, "@name", "1.2.3.4:80", "[::]:80". NULL on OOM. */
char *socket_address_to_string(const SocketAddress *a);

/* the file-system path of an AF_UNIX address; NULL when abstract, unnamed or not AF_UNIX */
const char *socket_address_get_path(const SocketAddress *a);

typedef enum SocketPortType {
        SOCKET_PORT_SOCKET,
        SOCKET_PORT_FIFO,
        _SOCKET_PORT_TYPE_MAX,
        _SOCKET_PORT_TYPE_INVALID = -EINVAL,
} SocketPortType;

typedef struct SocketPort {
        SocketPortType type;
        SocketAddress address;            /* SOCKET_PORT_SOCKET */
        char *path;                       /* SOCKET_PORT_FIFO */
} SocketPort;

/* "Stream", "Datagram", "SequentialPacket", "FIFO": the first field of Listen= */
const char *socket_port_type_string(const SocketPort *p);

typedef enum SocketExecCommand {
        SOCKET_EXEC_START_PRE,
        SOCKET_EXEC_START_POST,
        SOCKET_EXEC_STOP_PRE,
        SOCKET_EXEC_STOP_POST,
        _SOCKET_EXEC_COMMAND_MAX,
        _SOCKET_EXEC_COMMAND_INVALID = -EINVAL,
} SocketExecCommand;
const char *socket_exec_command_to_string(SocketExecCommand c);   /* "ExecStartPre" */

typedef struct SocketSection {
        SocketPort *ports;
        size_t n_ports;
        bool accept;
        bool remove_on_stop;
        bool pass_credentials;
        bool pass_security;
        bool reuse_port;
        bool writable;
        mode_t socket_mode;               /* 0666 */
        mode_t directory_mode;            /* 0755 */
        unsigned backlog;                 /* SOMAXCONN_DELUXE, INT_MAX, as systemd 252 */
        unsigned max_connections;         /* 64 */
        unsigned max_connections_per_source;
        char *service;                    /* Service=, NULL: same name .service */
        char *fdname;                     /* FileDescriptorName=, NULL: the unit's name */
        char **symlinks;
        ExecCommandList exec[_SOCKET_EXEC_COMMAND_MAX];
        usec_t timeout_usec;              /* TimeoutSec=, 90s */
        usec_t trigger_limit_interval_usec;   /* 2s */
        unsigned trigger_limit_burst;         /* 20, 200 with Accept=yes */
        bool trigger_limit_burst_set;
        bool bad_setting;                 /* an ExecStart*= line that is fatal (systemd: bad-setting) */
} SocketSection;

/* From d->raw's [Socket] assignments, specifiers expanded; invalid values are warned about
 * ("file:line: …, ignoring.") and skipped. -ENOMEM only. */
int socket_section_parse(const UnitDef *d, const LookupPaths *lp, SocketSection *ret);
void socket_section_done(SocketSection *s);
