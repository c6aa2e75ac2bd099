/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* socket.h: the runtime of a .socket unit, systemd.socket(5): the listening fds, the control
 * processes (ExecStartPre= … ExecStopPost=), and the triggered service. The definition is
 * u->def->raw's [Socket], parsed into Socket.def (src/load/socket-def.h) when the unit gets
 * its UnitDef. */

#include "service.h"
#include "socket-def.h"
#include "unit.h"

typedef enum SocketState {
        SOCKET_DEAD,
        SOCKET_START_PRE,
        SOCKET_START_CHOWN,
        SOCKET_START_POST,
        SOCKET_LISTENING,
        SOCKET_RUNNING,
        SOCKET_STOP_PRE,
        SOCKET_STOP_PRE_SIGTERM,
        SOCKET_STOP_PRE_SIGKILL,
        SOCKET_STOP_POST,
        SOCKET_FINAL_SIGTERM,
        SOCKET_FINAL_SIGKILL,
        SOCKET_FAILED,
        SOCKET_CLEANING,
        _SOCKET_STATE_MAX,
        _SOCKET_STATE_INVALID = -EINVAL,
} SocketState;

typedef enum SocketResult {
        SOCKET_SUCCESS,
        SOCKET_FAILURE_RESOURCES,
        SOCKET_FAILURE_TIMEOUT,
        SOCKET_FAILURE_EXIT_CODE,
        SOCKET_FAILURE_SIGNAL,
        SOCKET_FAILURE_CORE_DUMP,
        SOCKET_FAILURE_START_LIMIT_HIT,
        SOCKET_FAILURE_TRIGGER_LIMIT_HIT,
        SOCKET_FAILURE_SERVICE_START_LIMIT_HIT,
        _SOCKET_RESULT_MAX,
        _SOCKET_RESULT_INVALID = -EINVAL,
} SocketResult;

const char *socket_state_to_string(SocketState s);
const char *socket_result_to_string(SocketResult r);

/* one open listening fd; unlink_path is what RemoveOnStop= removes */
typedef struct SocketFd {
        int fd;
        sd_event_source *source;
        char *unlink_path;
} SocketFd;

typedef struct Socket {
        Unit meta;

        SocketState state;
        SocketResult result;
        SocketResult clean_result;
        SocketSection def;               /* parsed from meta.def->raw by verify */

        SocketFd *fds;                   /* open from start-chown to stop-pre */
        size_t n_fds;

        pid_t control_pid;
        SocketExecCommand control_command_id;
        size_t control_command_index;
        ExecStatus *exec_status[_SOCKET_EXEC_COMMAND_MAX];   /* per command of each list */

        sd_event_source *timer_source;
        sd_event_source *service_watch;  /* follows the triggered service while active */

        unsigned n_accepted, n_connections, n_refused;
        usec_t trigger_limit_begin;
        unsigned trigger_limit_count;
} Socket;

#define SOCKET(u) ((Socket *) (u))

extern const UnitVTable socket_vtable;

/* The fds of every socket that triggers service (TriggeredBy=) and has them open, in the
 * order of the sockets' Listen*= lines, with their FileDescriptorName= (default: the socket
 * unit's name), for LISTEN_FDS/LISTEN_FDNAMES (sd_listen_fds(3)). The fds stay the sockets';
 * *ret_fds and *ret_names are the caller's to free. 0 and empty results when there are none. */
int socket_collect_fds(Unit *service, int **ret_fds, char ***ret_names, size_t *ret_n);
