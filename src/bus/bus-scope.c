/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* bus-scope.c: org.freedesktop.systemd1.Scope on the objects of .scope units, as systemd 252
 * has it: Abandon(), GetProcesses(), AttachProcesses(), the RequestStop signal and the scope's
 * own properties; the cgroup and kill properties come from the vtables services use (bus.c
 * registers them after this one, in systemd's order). A scope has no Controller= here (no
 * client asks for RequestStop), so Controller is "". */

#include "bus-internal.h"
#include "bus-scope.h"
#include "bus-transient.h"
#include "scope.h"

BUS_DEFINE_UNIT_FIND(bus_scope_find, UNIT_SCOPE, false)
BUS_DEFINE_UNIT_FIND(bus_scope_def_find, UNIT_SCOPE, true)

static BUS_PROPERTY_GETTER(property_get_result) {
        return sd_bus_message_append(reply, "s", scope_result_to_string(SCOPE(userdata)->result));
}

static BUS_PROPERTY_GETTER(property_get_oom_policy) {
        Unit *u = userdata;
        return sd_bus_message_append(reply, "s", strempty(oom_policy_to_string(u->def->service.oom_policy)));
}

BUS_DEFINE_DEF_PROPERTY(property_get_timeout_stop, bus_property_get_u64, service.timeout_stop_usec);
BUS_DEFINE_DEF_PROPERTY(property_get_runtime_max, bus_property_get_u64, service.runtime_max_usec);
BUS_DEFINE_DEF_PROPERTY(property_get_runtime_extra, bus_property_get_u64, service.runtime_randomized_extra_usec);

static int method_abandon(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return bus_scope_abandon(message, userdata, error);
}

#define CONST SD_BUS_VTABLE_PROPERTY_CONST
#define CHANGE SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE

const sd_bus_vtable bus_scope_vtable[] = {
        SD_BUS_VTABLE_START(0),
        SD_BUS_PROPERTY("Controller", "s", bus_property_get_empty_string, 0, CHANGE),
        SD_BUS_PROPERTY("TimeoutStopUSec", "t", property_get_timeout_stop, 0, CONST),
        SD_BUS_PROPERTY("Result", "s", property_get_result, 0, CHANGE),
        SD_BUS_PROPERTY("RuntimeMaxUSec", "t", property_get_runtime_max, 0, CONST),
        SD_BUS_PROPERTY("RuntimeRandomizedExtraUSec", "t", property_get_runtime_extra, 0, CONST),
        SD_BUS_SIGNAL("RequestStop", NULL, 0),
        SD_BUS_METHOD("Abandon", NULL, NULL, method_abandon, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_PROPERTY("OOMPolicy", "s", property_get_oom_policy, 0, CONST),
        SD_BUS_METHOD_WITH_ARGS("GetProcesses", SD_BUS_NO_ARGS, SD_BUS_RESULT("a(sus)", processes),
                                bus_unit_vtable_get_processes, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("AttachProcesses", SD_BUS_ARGS("s", subcgroup, "au", pids),
                                SD_BUS_NO_RESULT, bus_unit_method_attach_processes, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_VTABLE_END
};
