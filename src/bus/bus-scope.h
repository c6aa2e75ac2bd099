/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* bus-scope.h: org.freedesktop.systemd1.Scope (bus-scope.c), for bus.c to register. */

#include <systemd/sd-bus.h>

#define BUS_IFACE_SCOPE "org.freedesktop.systemd1.Scope"

extern const sd_bus_vtable bus_scope_vtable[];

/* a scope unit's object: the Unit* (Scope vtable, cgroup vtable) or its UnitDef* (kill) */
int bus_scope_find(sd_bus *bus, const char *path, const char *interface, void *userdata,
                   void **found, sd_bus_error *error);
int bus_scope_def_find(sd_bus *bus, const char *path, const char *interface, void *userdata,
                       void **found, sd_bus_error *error);
