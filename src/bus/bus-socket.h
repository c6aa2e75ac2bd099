/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* bus-socket.h: org.freedesktop.systemd1.Socket (bus-socket.c), for bus.c to register. */

#include <systemd/sd-bus.h>

#define BUS_IFACE_SOCKET "org.freedesktop.systemd1.Socket"

extern const sd_bus_vtable bus_socket_vtable[];

/* a socket unit's object: the Unit* (Socket vtable, cgroup vtable) or its UnitDef* (exec, kill) */
int bus_socket_find(sd_bus *bus, const char *path, const char *interface, void *userdata,
                    void **found, sd_bus_error *error);
int bus_socket_def_find(sd_bus *bus, const char *path, const char *interface, void *userdata,
                        void **found, sd_bus_error *error);
