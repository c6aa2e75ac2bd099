/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* bus-socket.c: org.freedesktop.systemd1.Socket on the objects of .socket units, with
 * systemd 252's property names, signatures and defaults (what `systemctl status`,
 * `list-sockets` and `show` read). The exec, kill and cgroup properties that Socket shares
 * with Service come from the same vtables as for services (bus.c registers them). Settings
 * stemd does not act on show systemd's defaults. */

#include "bus-internal.h"
#include "bus-transient.h"
#include "bus-socket.h"
#include "socket.h"

BUS_DEFINE_UNIT_FIND(bus_socket_find, UNIT_SOCKET, false)
BUS_DEFINE_UNIT_FIND(bus_socket_def_find, UNIT_SOCKET, true)

static BUS_PROPERTY_GETTER(property_get_listen) {
        Socket *s = SOCKET(userdata);
        int r;

        r = sd_bus_message_open_container(reply, 'a', "(ss)");
        if (r < 0)
                return r;
        for (size_t i = 0; i < s->def.n_ports; i++) {
                const SocketPort *p = &s->def.ports[i];
                _cleanup_free_ char *a = NULL;

                if (p->type == SOCKET_PORT_SOCKET) {
                        a = socket_address_to_string(&p->address);
                        if (!a)
                                return -ENOMEM;
                }
                r = sd_bus_message_append(reply, "(ss)", socket_port_type_string(p),
                                          p->type == SOCKET_PORT_FIFO ? p->path : a);
                if (r < 0)
                        return r;
        }
        return sd_bus_message_close_container(reply);
}

static BUS_PROPERTY_GETTER(property_get_result) {
        return sd_bus_message_append(reply, "s", socket_result_to_string(SOCKET(userdata)->result));
}

static BUS_PROPERTY_GETTER(property_get_control_pid) {
        return sd_bus_message_append(reply, "u", (uint32_t) MAX(SOCKET(userdata)->control_pid, 0));
}

static BUS_PROPERTY_GETTER(property_get_fdname) {
        Unit *u = userdata;
        return sd_bus_message_append(reply, "s", SOCKET(u)->def.fdname ?: u->id);
}

static BUS_PROPERTY_GETTER(property_get_mode) {
        return sd_bus_message_append(reply, "u", (uint32_t) *(const mode_t *) userdata);
}

static BUS_PROPERTY_GETTER(property_get_def_bool) {
        return sd_bus_message_append(reply, "b", *(const bool *) userdata);
}

static BUS_PROPERTY_GETTER(property_get_def_unsigned) {
        return sd_bus_message_append(reply, "u", (uint32_t) *(const unsigned *) userdata);
}

static BUS_PROPERTY_GETTER(property_get_def_usec) {
        return sd_bus_message_append(reply, "t", (uint64_t) *(const usec_t *) userdata);
}

static BUS_PROPERTY_GETTER(property_get_symlinks) {
        return sd_bus_message_append_strv(reply, SOCKET(userdata)->def.symlinks);
}

static BUS_PROPERTY_GETTER(property_get_exec_command) {
        Socket *s = SOCKET(userdata);
        SocketExecCommand c;
        const ExecCommandList *l;
        int r;

        for (c = 0; c < _SOCKET_EXEC_COMMAND_MAX; c++)
                if (socket_exec_command_to_string(c) && streq(property, socket_exec_command_to_string(c)))
                        break;

        r = sd_bus_message_open_container(reply, 'a', "(sasbttttuii)");
        if (r < 0)
                return r;
        if (c >= _SOCKET_EXEC_COMMAND_MAX)
                return sd_bus_message_close_container(reply);

        l = &s->def.exec[c];
        for (size_t i = 0; i < l->n; i++) {
                static const ExecStatus none = {};
                const ExecCommand *cmd = &l->commands[i];
                const ExecStatus *st = s->exec_status[c] ? &s->exec_status[c][i] : &none;

                r = sd_bus_message_open_container(reply, 'r', "sasbttttuii");
                if (r >= 0)
                        r = sd_bus_message_append(reply, "s", strempty(cmd->path));
                if (r >= 0)
                        r = sd_bus_message_append_strv(reply, cmd->argv);
                if (r >= 0)
                        r = sd_bus_message_append(reply, "bttttuii",
                                                  !!(cmd->flags & EXEC_COMMAND_IGNORE_FAILURE),
                                                  st->start_timestamp.realtime,
                                                  st->start_timestamp.monotonic,
                                                  st->exit_timestamp.realtime, st->exit_timestamp.monotonic,
                                                  (uint32_t) MAX(st->pid, 0), (int32_t) st->code,
                                                  (int32_t) st->status);
                if (r >= 0)
                        r = sd_bus_message_close_container(reply);
                if (r < 0)
                        return r;
        }
        return sd_bus_message_close_container(reply);
}

static BUS_DEFINE_PROPERTY_GET_CONST(property_get_bind_ipv6_only, "s", "default");
static BUS_DEFINE_PROPERTY_GET_CONST(property_get_timestamping, "s", "off");
static BUS_DEFINE_PROPERTY_GET_CONST(property_get_i64_zero, "x", (int64_t) 0);

#define CONST SD_BUS_VTABLE_PROPERTY_CONST
#define CHANGE SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE
#define INVAL SD_BUS_VTABLE_PROPERTY_EMITS_INVALIDATION
#define DEF(field) (offsetof(Socket, def) + offsetof(SocketSection, field))
#define RUNTIME(field) offsetof(Socket, field)

const sd_bus_vtable bus_socket_vtable[] = {
        SD_BUS_VTABLE_START(0),
        SD_BUS_PROPERTY("BindIPv6Only", "s", property_get_bind_ipv6_only, 0, CONST),
        SD_BUS_PROPERTY("Backlog", "u", property_get_def_unsigned, DEF(backlog), CONST),
        SD_BUS_PROPERTY("TimeoutUSec", "t", property_get_def_usec, DEF(timeout_usec), CONST),
        SD_BUS_PROPERTY("BindToDevice", "s", bus_property_get_empty_string, 0, CONST),
        SD_BUS_PROPERTY("SocketUser", "s", bus_property_get_empty_string, 0, CONST),
        SD_BUS_PROPERTY("SocketGroup", "s", bus_property_get_empty_string, 0, CONST),
        SD_BUS_PROPERTY("SocketMode", "u", property_get_mode, DEF(socket_mode), CONST),
        SD_BUS_PROPERTY("DirectoryMode", "u", property_get_mode, DEF(directory_mode), CONST),
        SD_BUS_PROPERTY("Accept", "b", property_get_def_bool, DEF(accept), CONST),
        SD_BUS_PROPERTY("FlushPending", "b", bus_property_get_false, 0, CONST),
        SD_BUS_PROPERTY("Writable", "b", property_get_def_bool, DEF(writable), CONST),
        SD_BUS_PROPERTY("KeepAlive", "b", bus_property_get_false, 0, CONST),
        SD_BUS_PROPERTY("KeepAliveTimeUSec", "t", bus_property_get_u64_zero, 0, CONST),
        SD_BUS_PROPERTY("KeepAliveIntervalUSec", "t", bus_property_get_u64_zero, 0, CONST),
        SD_BUS_PROPERTY("KeepAliveProbes", "u", bus_property_get_u32_zero, 0, CONST),
        SD_BUS_PROPERTY("DeferAcceptUSec", "t", bus_property_get_u64_zero, 0, CONST),
        SD_BUS_PROPERTY("NoDelay", "b", bus_property_get_false, 0, CONST),
        SD_BUS_PROPERTY("Priority", "i", bus_property_get_i32_minus_one, 0, CONST),
        SD_BUS_PROPERTY("ReceiveBuffer", "t", bus_property_get_u64_zero, 0, CONST),
        SD_BUS_PROPERTY("SendBuffer", "t", bus_property_get_u64_zero, 0, CONST),
        SD_BUS_PROPERTY("IPTOS", "i", bus_property_get_i32_minus_one, 0, CONST),
        SD_BUS_PROPERTY("IPTTL", "i", bus_property_get_i32_minus_one, 0, CONST),
        SD_BUS_PROPERTY("PipeSize", "t", bus_property_get_u64_zero, 0, CONST),
        SD_BUS_PROPERTY("FreeBind", "b", bus_property_get_false, 0, CONST),
        SD_BUS_PROPERTY("Transparent", "b", bus_property_get_false, 0, CONST),
        SD_BUS_PROPERTY("Broadcast", "b", bus_property_get_false, 0, CONST),
        SD_BUS_PROPERTY("PassCredentials", "b", property_get_def_bool, DEF(pass_credentials), CONST),
        SD_BUS_PROPERTY("PassSecurity", "b", property_get_def_bool, DEF(pass_security), CONST),
        SD_BUS_PROPERTY("PassPacketInfo", "b", bus_property_get_false, 0, CONST),
        SD_BUS_PROPERTY("Timestamping", "s", property_get_timestamping, 0, CONST),
        SD_BUS_PROPERTY("RemoveOnStop", "b", property_get_def_bool, DEF(remove_on_stop), CONST),
        SD_BUS_PROPERTY("Listen", "a(ss)", property_get_listen, 0, CONST),
        SD_BUS_PROPERTY("Symlinks", "as", property_get_symlinks, 0, CONST),
        SD_BUS_PROPERTY("Mark", "i", bus_property_get_i32_minus_one, 0, CONST),
        SD_BUS_PROPERTY("MaxConnections", "u", property_get_def_unsigned, DEF(max_connections), CONST),
        SD_BUS_PROPERTY("MaxConnectionsPerSource", "u", property_get_def_unsigned,
                        DEF(max_connections_per_source), CONST),
        SD_BUS_PROPERTY("MessageQueueMaxMessages", "x", property_get_i64_zero, 0, CONST),
        SD_BUS_PROPERTY("MessageQueueMessageSize", "x", property_get_i64_zero, 0, CONST),
        SD_BUS_PROPERTY("TCPCongestion", "s", bus_property_get_empty_string, 0, CONST),
        SD_BUS_PROPERTY("ReusePort", "b", property_get_def_bool, DEF(reuse_port), CONST),
        SD_BUS_PROPERTY("SmackLabel", "s", bus_property_get_empty_string, 0, CONST),
        SD_BUS_PROPERTY("SmackLabelIPIn", "s", bus_property_get_empty_string, 0, CONST),
        SD_BUS_PROPERTY("SmackLabelIPOut", "s", bus_property_get_empty_string, 0, CONST),
        SD_BUS_PROPERTY("ControlPID", "u", property_get_control_pid, 0, CHANGE),
        SD_BUS_PROPERTY("Result", "s", property_get_result, 0, CHANGE),
        SD_BUS_PROPERTY("NConnections", "u", property_get_def_unsigned, RUNTIME(n_connections), 0),
        SD_BUS_PROPERTY("NAccepted", "u", property_get_def_unsigned, RUNTIME(n_accepted), 0),
        SD_BUS_PROPERTY("NRefused", "u", property_get_def_unsigned, RUNTIME(n_refused), 0),
        SD_BUS_PROPERTY("FileDescriptorName", "s", property_get_fdname, 0, 0),
        SD_BUS_PROPERTY("SocketProtocol", "i", bus_property_get_i32_zero, 0, CONST),
        SD_BUS_PROPERTY("TriggerLimitIntervalUSec", "t", property_get_def_usec,
                        DEF(trigger_limit_interval_usec), CONST),
        SD_BUS_PROPERTY("TriggerLimitBurst", "u", property_get_def_unsigned,
                        DEF(trigger_limit_burst), CONST),
        SD_BUS_PROPERTY("UID", "u", bus_property_get_u32_max, 0, CHANGE),
        SD_BUS_PROPERTY("GID", "u", bus_property_get_u32_max, 0, CHANGE),
        SD_BUS_PROPERTY("ExecStartPre", "a(sasbttttuii)", property_get_exec_command, 0, INVAL),
        SD_BUS_PROPERTY("ExecStartPost", "a(sasbttttuii)", property_get_exec_command, 0, INVAL),
        SD_BUS_PROPERTY("ExecStopPre", "a(sasbttttuii)", property_get_exec_command, 0, INVAL),
        SD_BUS_PROPERTY("ExecStopPost", "a(sasbttttuii)", property_get_exec_command, 0, INVAL),
        SD_BUS_METHOD_WITH_ARGS("GetProcesses", SD_BUS_NO_ARGS, SD_BUS_RESULT("a(sus)", processes),
                                bus_unit_vtable_get_processes, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("AttachProcesses", SD_BUS_ARGS("s", subcgroup, "au", pids), SD_BUS_NO_RESULT,
                                bus_unit_method_attach_processes, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_VTABLE_END
};
