/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* bus-service.c: org.freedesktop.systemd1.Service (and the empty .Target) on unit objects.
 * systemd serves the Service interface from four vtables — the service itself, its cgroup,
 * exec and kill contexts — and so do we, in the same order, so that Introspect and GetAll
 * list the properties as the reference does. The service and cgroup parts get the Unit* (they
 * mix runtime and definition); exec and kill get the UnitDef* and read fields by offset.
 * Where our model has no field the value is systemd's default, with systemd's type. */

#include <sys/prctl.h>
#include <sys/stat.h>

#include "bus-internal.h"
#include "bus-transient.h"
#include "cgroup.h"
#include "service.h"

/* find callbacks */

BUS_DEFINE_UNIT_FIND(bus_service_find, UNIT_SERVICE, false)
BUS_DEFINE_UNIT_FIND(bus_service_def_find, UNIT_SERVICE, true)
BUS_DEFINE_UNIT_FIND(bus_target_find, UNIT_TARGET, false)
BUS_DEFINE_UNIT_FIND(bus_slice_find, UNIT_SLICE, false)

int bus_unit_def_find(sd_bus *bus, const char *path, const char *interface, void *userdata,
                      void **found, sd_bus_error *error) {
        void *u = NULL;
        int r;

        r = bus_unit_find(bus, path, interface, userdata, &u, error);
        if (r <= 0)
                return r;
        *found = ((Unit *) u)->def;
        return 1;
}

const sd_bus_vtable bus_target_vtable[] = {
        SD_BUS_VTABLE_START(0),
        SD_BUS_VTABLE_END
};

/* org.freedesktop.systemd1.Slice: the two methods; the properties are the cgroup vtable's */
const sd_bus_vtable bus_slice_vtable[] = {
        SD_BUS_VTABLE_START(0),
        SD_BUS_METHOD_WITH_ARGS("GetProcesses", SD_BUS_NO_ARGS, SD_BUS_RESULT("a(sus)", processes),
                                bus_unit_vtable_get_processes, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("AttachProcesses", SD_BUS_ARGS("s", subcgroup, "au", pids),
                                SD_BUS_NO_RESULT, bus_unit_method_attach_processes, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_VTABLE_END
};


#define CONST SD_BUS_VTABLE_PROPERTY_CONST
#define CHANGE SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE
#define INVAL SD_BUS_VTABLE_PROPERTY_EMITS_INVALIDATION

/* a definition was read (a bad setting still shows what the file said, as in systemd) */
static bool unit_loaded(Unit *u) {
        return u->def->load_state == UNIT_LOADED || u->def->load_state == UNIT_BAD_SETTING;
}

/* the service part */

#define DEFINE_SERVICE_ENUM(name, to_string, field)                                           \
        static BUS_PROPERTY_GETTER(name) {                                                    \
                Unit *_u = userdata;                                                          \
                return sd_bus_message_append(reply, "s",                                      \
                                             unit_loaded(_u) ? strempty(to_string(_u->def->field)) : ""); \
        }

DEFINE_SERVICE_ENUM(property_get_type, service_type_to_string, service.type);
DEFINE_SERVICE_ENUM(property_get_oom_policy, oom_policy_to_string, service.oom_policy);

static BUS_PROPERTY_GETTER(property_get_exit_type) {
        Unit *u = userdata;
        return sd_bus_message_append(reply, "s", strempty(service_exit_type_to_string(u->def->service.exit_type)));
}

static BUS_PROPERTY_GETTER(property_get_restart) {
        Unit *u = userdata;
        return sd_bus_message_append(reply, "s", strempty(service_restart_to_string(u->def->service.restart)));
}

static BUS_PROPERTY_GETTER(property_get_notify_access) {
        Unit *u = userdata;
        return sd_bus_message_append(reply, "s", strempty(notify_access_to_string(u->def->service.notify_access)));
}

static BUS_PROPERTY_GETTER(property_get_timeout_abort) {
        Unit *u = userdata;
        const ServiceSection *s = &u->def->service;

        return sd_bus_message_append(reply, "t", s->timeout_abort_set ? s->timeout_abort_usec : s->timeout_stop_usec);
}

BUS_DEFINE_DEF_PROPERTY(property_get_pid_file, bus_property_get_string, service.pid_file);
BUS_DEFINE_DEF_PROPERTY(property_get_restart_usec, bus_property_get_u64, service.restart_usec);
BUS_DEFINE_DEF_PROPERTY(property_get_timeout_start, bus_property_get_u64, service.timeout_start_usec);
BUS_DEFINE_DEF_PROPERTY(property_get_timeout_stop, bus_property_get_u64, service.timeout_stop_usec);
BUS_DEFINE_DEF_PROPERTY(property_get_runtime_max, bus_property_get_u64, service.runtime_max_usec);
BUS_DEFINE_DEF_PROPERTY(property_get_runtime_extra, bus_property_get_u64, service.runtime_randomized_extra_usec);
BUS_DEFINE_DEF_PROPERTY(property_get_watchdog_usec, bus_property_get_u64, service.watchdog_usec);
BUS_DEFINE_DEF_PROPERTY(property_get_root_directory_start_only, bus_property_get_bool, service.root_directory_start_only);
BUS_DEFINE_DEF_PROPERTY(property_get_remain_after_exit, bus_property_get_bool, service.remain_after_exit);
BUS_DEFINE_DEF_PROPERTY(property_get_guess_main_pid, bus_property_get_bool, service.guess_main_pid);
BUS_DEFINE_DEF_PROPERTY(property_get_bus_name, bus_property_get_string, service.bus_name);
BUS_DEFINE_DEF_PROPERTY(property_get_fd_store_max, bus_property_get_u32, service.file_descriptor_store_max);
BUS_DEFINE_DEF_PROPERTY(property_get_usb_descriptors, bus_property_get_string, service.usb_function_descriptors);
BUS_DEFINE_DEF_PROPERTY(property_get_usb_strings, bus_property_get_string, service.usb_function_strings);

static BUS_DEFINE_PROPERTY_GET_CONST(property_get_terminate, "s", "terminate");

static int append_exit_status_set(sd_bus_message *reply, const ExitStatusSet *set) {
        int r;

        r = sd_bus_message_open_container(reply, 'r', "aiai");
        if (r < 0)
                return r;
        r = sd_bus_message_open_container(reply, 'a', "i");
        if (r < 0)
                return r;
        for (int i = 0; i < 256; i++)
                if (exit_status_set_test_status(set, i)) {
                        r = sd_bus_message_append(reply, "i", (int32_t) i);
                        if (r < 0)
                                return r;
                }
        r = sd_bus_message_close_container(reply);
        if (r < 0)
                return r;
        r = sd_bus_message_open_container(reply, 'a', "i");
        if (r < 0)
                return r;
        for (int i = 1; i <= 64; i++)
                if (exit_status_set_test_signal(set, i)) {
                        r = sd_bus_message_append(reply, "i", (int32_t) i);
                        if (r < 0)
                                return r;
                }
        r = sd_bus_message_close_container(reply);
        if (r < 0)
                return r;
        return sd_bus_message_close_container(reply);
}

static BUS_PROPERTY_GETTER(property_get_restart_prevent_status) {
        Unit *u = userdata;
        return append_exit_status_set(reply, &u->def->service.restart_prevent_status);
}

static BUS_PROPERTY_GETTER(property_get_restart_force_status) {
        Unit *u = userdata;
        return append_exit_status_set(reply, &u->def->service.restart_force_status);
}

static BUS_PROPERTY_GETTER(property_get_success_status) {
        Unit *u = userdata;
        return append_exit_status_set(reply, &u->def->service.success_status);
}

static BUS_PROPERTY_GETTER(property_get_result) {
        return sd_bus_message_append(reply, "s", strempty(service_result_to_string(*(ServiceResult *) userdata)));
}

static BUS_PROPERTY_GETTER(property_get_status_text) {
        return sd_bus_message_append(reply, "s", strempty(SERVICE((Unit *) userdata)->status_text));
}

static BUS_PROPERTY_GETTER(property_get_pid) {
        uint32_t pid = (uint32_t) MAX(*(pid_t *) userdata, 0);

        return sd_bus_message_append(reply, "u", pid);
}

static const char *const exec_command_property[_SERVICE_EXEC_COMMAND_MAX] = {
        [SERVICE_EXEC_CONDITION] = "ExecCondition",
        [SERVICE_EXEC_START_PRE] = "ExecStartPre",
        [SERVICE_EXEC_START] = "ExecStart",
        [SERVICE_EXEC_START_POST] = "ExecStartPost",
        [SERVICE_EXEC_RELOAD] = "ExecReload",
        [SERVICE_EXEC_STOP] = "ExecStop",
        [SERVICE_EXEC_STOP_POST] = "ExecStopPost",
};

static int append_exec_flags(sd_bus_message *reply, ExecCommandFlags f) {
        static const struct {
                ExecCommandFlags flag;
                const char *name;
        } t[] = {
                { EXEC_COMMAND_IGNORE_FAILURE, "ignore-failure" },
                { EXEC_COMMAND_FULLY_PRIVILEGED, "privileged" },
                { EXEC_COMMAND_NO_SETUID, "no-setuid" },
                { EXEC_COMMAND_AMBIENT_MAGIC, "ambient" },
                { EXEC_COMMAND_NO_ENV_EXPAND, "no-env-expand" },
        };
        int r;

        r = sd_bus_message_open_container(reply, 'a', "s");
        if (r < 0)
                return r;
        for (size_t i = 0; i < ELEMENTSOF(t); i++)
                if (f & t[i].flag) {
                        r = sd_bus_message_append(reply, "s", t[i].name);
                        if (r < 0)
                                return r;
                }
        return sd_bus_message_close_container(reply);
}

/* a(sasbttttuii) / a(sasasttttuii): path, argv, ignore-failure or flags, then the last run */
static BUS_PROPERTY_GETTER(property_get_exec_command) {
        Unit *u = userdata;
        Service *s = SERVICE(u);
        const ExecCommandList *l;
        bool ex;
        int c = -1, r;

        ex = endswith(property, "Ex") != NULL;
        for (int i = 0; i < _SERVICE_EXEC_COMMAND_MAX; i++)
                if (strlen(property) == strlen(exec_command_property[i]) + (ex ? 2 : 0) &&
                    strneq(property, exec_command_property[i], strlen(exec_command_property[i]))) {
                        c = i;
                        break;
                }

        r = sd_bus_message_open_container(reply, 'a', ex ? "(sasasttttuii)" : "(sasbttttuii)");
        if (r < 0)
                return r;
        if (c < 0)
                return sd_bus_message_close_container(reply);

        l = &u->def->service.exec[c];
        for (size_t i = 0; i < l->n; i++) {
                const ExecCommand *cmd = &l->commands[i];
                const ExecStatus *st = s->exec_status[c] ? &s->exec_status[c][i] : NULL;
                static const ExecStatus none = {};

                if (!st)
                        st = &none;

                r = sd_bus_message_open_container(reply, 'r', ex ? "sasasttttuii" : "sasbttttuii");
                if (r < 0)
                        return r;
                r = sd_bus_message_append(reply, "s", strempty(cmd->path));
                if (r < 0)
                        return r;
                r = sd_bus_message_append_strv(reply, cmd->argv);
                if (r < 0)
                        return r;
                if (ex)
                        r = append_exec_flags(reply, cmd->flags);
                else
                        r = sd_bus_message_append(reply, "b", !!(cmd->flags & EXEC_COMMAND_IGNORE_FAILURE));
                if (r < 0)
                        return r;
                r = sd_bus_message_append(reply, "ttttuii",
                                          st->start_timestamp.realtime, st->start_timestamp.monotonic,
                                          st->exit_timestamp.realtime, st->exit_timestamp.monotonic,
                                          (uint32_t) MAX(st->pid, 0), (int32_t) st->code, (int32_t) st->status);
                if (r < 0)
                        return r;
                r = sd_bus_message_close_container(reply);
                if (r < 0)
                        return r;
        }
        return sd_bus_message_close_container(reply);
}

#define EXEC_CMD(name)                                                                        \
        SD_BUS_PROPERTY(name, "a(sasbttttuii)", property_get_exec_command, 0, INVAL),         \
        SD_BUS_PROPERTY(name "Ex", "a(sasasttttuii)", property_get_exec_command, 0, INVAL)

#define SVC(f) offsetof(Service, f)

const sd_bus_vtable bus_service_vtable[] = {
        SD_BUS_VTABLE_START(0),
        SD_BUS_PROPERTY("Type", "s", property_get_type, 0, CONST),
        SD_BUS_PROPERTY("ExitType", "s", property_get_exit_type, 0, CONST),
        SD_BUS_PROPERTY("Restart", "s", property_get_restart, 0, CONST),
        SD_BUS_PROPERTY("PIDFile", "s", property_get_pid_file, 0, CONST),
        SD_BUS_PROPERTY("NotifyAccess", "s", property_get_notify_access, 0, CONST),
        SD_BUS_PROPERTY("RestartUSec", "t", property_get_restart_usec, 0, CONST),
        SD_BUS_PROPERTY("TimeoutStartUSec", "t", property_get_timeout_start, 0, CONST),
        SD_BUS_PROPERTY("TimeoutStopUSec", "t", property_get_timeout_stop, 0, CONST),
        SD_BUS_PROPERTY("TimeoutAbortUSec", "t", property_get_timeout_abort, 0, 0),
        /* TimeoutStartFailureMode=/TimeoutStopFailureMode= are not modelled: systemd's default */
        SD_BUS_PROPERTY("TimeoutStartFailureMode", "s", property_get_terminate, 0, CONST),
        SD_BUS_PROPERTY("TimeoutStopFailureMode", "s", property_get_terminate, 0, CONST),
        SD_BUS_PROPERTY("RuntimeMaxUSec", "t", property_get_runtime_max, 0, CONST),
        SD_BUS_PROPERTY("RuntimeRandomizedExtraUSec", "t", property_get_runtime_extra, 0, CONST),
        SD_BUS_PROPERTY("WatchdogUSec", "t", property_get_watchdog_usec, 0, 0),
        SD_BUS_PROPERTY("WatchdogTimestamp", "t", bus_property_get_u64, SVC(watchdog_timestamp.realtime), 0),
        SD_BUS_PROPERTY("WatchdogTimestampMonotonic", "t", bus_property_get_u64, SVC(watchdog_timestamp.monotonic), 0),
        SD_BUS_PROPERTY("RootDirectoryStartOnly", "b", property_get_root_directory_start_only, 0, CONST),
        SD_BUS_PROPERTY("RemainAfterExit", "b", property_get_remain_after_exit, 0, CONST),
        SD_BUS_PROPERTY("GuessMainPID", "b", property_get_guess_main_pid, 0, CONST),
        SD_BUS_PROPERTY("RestartPreventExitStatus", "(aiai)", property_get_restart_prevent_status, 0, CONST),
        SD_BUS_PROPERTY("RestartForceExitStatus", "(aiai)", property_get_restart_force_status, 0, CONST),
        SD_BUS_PROPERTY("SuccessExitStatus", "(aiai)", property_get_success_status, 0, CONST),
        SD_BUS_PROPERTY("MainPID", "u", property_get_pid, SVC(main_pid), CHANGE),
        SD_BUS_PROPERTY("ControlPID", "u", property_get_pid, SVC(control_pid), CHANGE),
        SD_BUS_PROPERTY("BusName", "s", property_get_bus_name, 0, CONST),
        SD_BUS_PROPERTY("FileDescriptorStoreMax", "u", property_get_fd_store_max, 0, CONST),
        SD_BUS_PROPERTY("NFileDescriptorStore", "u", bus_property_get_u32_zero, 0, 0),
        SD_BUS_PROPERTY("StatusText", "s", property_get_status_text, 0, CHANGE),
        SD_BUS_PROPERTY("StatusErrno", "i", bus_property_get_i32, SVC(status_errno), CHANGE),
        SD_BUS_PROPERTY("Result", "s", property_get_result, SVC(result), CHANGE),
        SD_BUS_PROPERTY("ReloadResult", "s", property_get_result, SVC(reload_result), CHANGE),
        SD_BUS_PROPERTY("CleanResult", "s", property_get_result, SVC(clean_result), CHANGE),
        SD_BUS_PROPERTY("USBFunctionDescriptors", "s", property_get_usb_descriptors, 0, CONST),
        SD_BUS_PROPERTY("USBFunctionStrings", "s", property_get_usb_strings, 0, CONST),
        /* no DynamicUser= here: "not set" */
        SD_BUS_PROPERTY("UID", "u", bus_property_get_u32_max, 0, CHANGE),
        SD_BUS_PROPERTY("GID", "u", bus_property_get_u32_max, 0, CHANGE),
        SD_BUS_PROPERTY("NRestarts", "u", bus_property_get_u32, SVC(n_restarts), CHANGE),
        SD_BUS_PROPERTY("OOMPolicy", "s", property_get_oom_policy, 0, CONST),
        SD_BUS_PROPERTY("ExecMainStartTimestamp", "t", bus_property_get_u64, SVC(main_exec_status.start_timestamp.realtime), CHANGE),
        SD_BUS_PROPERTY("ExecMainStartTimestampMonotonic", "t", bus_property_get_u64, SVC(main_exec_status.start_timestamp.monotonic), CHANGE),
        SD_BUS_PROPERTY("ExecMainExitTimestamp", "t", bus_property_get_u64, SVC(main_exec_status.exit_timestamp.realtime), CHANGE),
        SD_BUS_PROPERTY("ExecMainExitTimestampMonotonic", "t", bus_property_get_u64, SVC(main_exec_status.exit_timestamp.monotonic), CHANGE),
        SD_BUS_PROPERTY("ExecMainPID", "u", property_get_pid, SVC(main_exec_status.pid), CHANGE),
        SD_BUS_PROPERTY("ExecMainCode", "i", bus_property_get_i32, SVC(main_exec_status.code), CHANGE),
        SD_BUS_PROPERTY("ExecMainStatus", "i", bus_property_get_i32, SVC(main_exec_status.status), CHANGE),
        EXEC_CMD("ExecCondition"),
        EXEC_CMD("ExecStartPre"),
        EXEC_CMD("ExecStart"),
        EXEC_CMD("ExecStartPost"),
        EXEC_CMD("ExecReload"),
        EXEC_CMD("ExecStop"),
        EXEC_CMD("ExecStopPost"),

        SD_BUS_METHOD_WITH_ARGS("BindMount",
                                SD_BUS_ARGS("s", source, "s", destination, "b", read_only, "b", mkdir),
                                SD_BUS_NO_RESULT, bus_reply_not_supported, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("MountImage",
                                SD_BUS_ARGS("s", source, "s", destination, "b", read_only, "b", mkdir, "a(ss)", options),
                                SD_BUS_NO_RESULT, bus_reply_not_supported, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("GetProcesses", SD_BUS_NO_ARGS, SD_BUS_RESULT("a(sus)", processes),
                                bus_unit_vtable_get_processes, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("AttachProcesses", SD_BUS_ARGS("s", subcgroup, "au", pids),
                                SD_BUS_NO_RESULT, bus_unit_method_attach_processes, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_VTABLE_END
};


/* the cgroup part. Resource counters are not collected: UINT64_MAX ("no value"). */

static BUS_PROPERTY_GETTER(property_get_slice) {
        Unit *u = userdata;

        /* a slice's own slice is its parent: a-b.slice in a.slice in -.slice (systemd.slice(5)) */
        if (u->type == UNIT_SLICE) {
                _cleanup_free_ char *parent = NULL;
                const char *dash = strrchr(u->id, '-');

                if (streq(u->id, "-.slice"))
                        return sd_bus_message_append(reply, "s", "");
                if (!dash || dash == u->id)
                        return sd_bus_message_append(reply, "s", "-.slice");
                if (asprintf(&parent, "%.*s.slice", (int) (dash - u->id), u->id) < 0)
                        return -ENOMEM;
                return sd_bus_message_append(reply, "s", parent);
        }
        return sd_bus_message_append(reply, "s", strempty(u->def->slice));
}

static BUS_PROPERTY_GETTER(property_get_control_group) {
        Unit *u = userdata;
        return sd_bus_message_append(reply, "s", strempty(u->cgroup_path));
}

/* the kernel's id of the cgroup: the inode number of its directory on cgroup2 */
static BUS_PROPERTY_GETTER(property_get_control_group_id) {
        Unit *u = userdata;
        uint64_t id = 0;

        if (u->manager->cgroup_ok && u->cgroup_realized && !isempty(u->cgroup_path)) {
                _cleanup_free_ char *fs = cgroup_fs_path(u->cgroup_path);
                struct stat st;

                if (fs && stat(fs, &st) >= 0)
                        id = (uint64_t) st.st_ino;
        }
        return sd_bus_message_append(reply, "t", id);
}

static BUS_PROPERTY_GETTER(property_get_tasks_max) {
        Unit *u = userdata;
        const CGroupContext *c = &u->def->cgroup;

        return sd_bus_message_append(reply, "t", c->tasks_max_set ? c->tasks_max : manager_default_tasks_max());
}

BUS_DEFINE_DEF_PROPERTY(property_get_delegate, bus_property_get_bool, cgroup.delegate);
BUS_DEFINE_DEF_PROPERTY(property_get_delegate_controllers, bus_property_get_strv_or_empty, cgroup.delegate_controllers);
BUS_DEFINE_DEF_PROPERTY(property_get_cpu_accounting, bus_property_get_bool, cgroup.cpu_accounting);
BUS_DEFINE_DEF_PROPERTY(property_get_cpu_weight, bus_property_get_u64, cgroup.cpu_weight);
BUS_DEFINE_DEF_PROPERTY(property_get_startup_cpu_weight, bus_property_get_u64, cgroup.startup_cpu_weight);
BUS_DEFINE_DEF_PROPERTY(property_get_cpu_quota, bus_property_get_u64, cgroup.cpu_quota_per_sec_usec);
BUS_DEFINE_DEF_PROPERTY(property_get_cpu_quota_period, bus_property_get_u64, cgroup.cpu_quota_period_usec);
BUS_DEFINE_DEF_PROPERTY(property_get_io_accounting, bus_property_get_bool, cgroup.io_accounting);
BUS_DEFINE_DEF_PROPERTY(property_get_io_weight, bus_property_get_u64, cgroup.io_weight);
BUS_DEFINE_DEF_PROPERTY(property_get_memory_accounting, bus_property_get_bool, cgroup.memory_accounting);
BUS_DEFINE_DEF_PROPERTY(property_get_memory_min, bus_property_get_u64, cgroup.memory_min);
BUS_DEFINE_DEF_PROPERTY(property_get_memory_low, bus_property_get_u64, cgroup.memory_low);
BUS_DEFINE_DEF_PROPERTY(property_get_memory_high, bus_property_get_u64, cgroup.memory_high);
BUS_DEFINE_DEF_PROPERTY(property_get_memory_max, bus_property_get_u64, cgroup.memory_max);
BUS_DEFINE_DEF_PROPERTY(property_get_memory_swap_max, bus_property_get_u64, cgroup.memory_swap_max);
BUS_DEFINE_DEF_PROPERTY(property_get_tasks_accounting, bus_property_get_bool, cgroup.tasks_accounting);

static BUS_DEFINE_PROPERTY_GET_CONST(property_get_auto, "s", "auto");
static BUS_DEFINE_PROPERTY_GET_CONST(property_get_none, "s", "none");

#define U64MAX(name) SD_BUS_PROPERTY(name, "t", bus_property_get_u64_max, 0, 0)
#define EMPTY_AY(name) SD_BUS_PROPERTY(name, "ay", bus_property_get_empty_bytes, 0, 0)
#define EMPTY_AST(name) SD_BUS_PROPERTY(name, "a(st)", bus_property_get_empty_a_st, 0, 0)

const sd_bus_vtable bus_cgroup_vtable[] = {
        SD_BUS_VTABLE_START(0),
        SD_BUS_PROPERTY("Slice", "s", property_get_slice, 0, 0),
        SD_BUS_PROPERTY("ControlGroup", "s", property_get_control_group, 0, 0),
        SD_BUS_PROPERTY("ControlGroupId", "t", property_get_control_group_id, 0, 0),
        U64MAX("MemoryCurrent"),
        U64MAX("MemoryAvailable"),
        U64MAX("CPUUsageNSec"),
        EMPTY_AY("EffectiveCPUs"),
        EMPTY_AY("EffectiveMemoryNodes"),
        U64MAX("TasksCurrent"),
        U64MAX("IPIngressBytes"),
        U64MAX("IPIngressPackets"),
        U64MAX("IPEgressBytes"),
        U64MAX("IPEgressPackets"),
        U64MAX("IOReadBytes"),
        U64MAX("IOReadOperations"),
        U64MAX("IOWriteBytes"),
        U64MAX("IOWriteOperations"),
        SD_BUS_PROPERTY("Delegate", "b", property_get_delegate, 0, 0),
        SD_BUS_PROPERTY("DelegateControllers", "as", property_get_delegate_controllers, 0, 0),
        SD_BUS_PROPERTY("CPUAccounting", "b", property_get_cpu_accounting, 0, 0),
        SD_BUS_PROPERTY("CPUWeight", "t", property_get_cpu_weight, 0, 0),
        SD_BUS_PROPERTY("StartupCPUWeight", "t", property_get_startup_cpu_weight, 0, 0),
        U64MAX("CPUShares"),
        U64MAX("StartupCPUShares"),
        SD_BUS_PROPERTY("CPUQuotaPerSecUSec", "t", property_get_cpu_quota, 0, 0),
        SD_BUS_PROPERTY("CPUQuotaPeriodUSec", "t", property_get_cpu_quota_period, 0, 0),
        EMPTY_AY("AllowedCPUs"),
        EMPTY_AY("StartupAllowedCPUs"),
        EMPTY_AY("AllowedMemoryNodes"),
        EMPTY_AY("StartupAllowedMemoryNodes"),
        SD_BUS_PROPERTY("IOAccounting", "b", property_get_io_accounting, 0, 0),
        SD_BUS_PROPERTY("IOWeight", "t", property_get_io_weight, 0, 0),
        U64MAX("StartupIOWeight"),
        EMPTY_AST("IODeviceWeight"),
        EMPTY_AST("IOReadBandwidthMax"),
        EMPTY_AST("IOWriteBandwidthMax"),
        EMPTY_AST("IOReadIOPSMax"),
        EMPTY_AST("IOWriteIOPSMax"),
        EMPTY_AST("IODeviceLatencyTargetUSec"),
        SD_BUS_PROPERTY("BlockIOAccounting", "b", bus_property_get_false, 0, 0),
        U64MAX("BlockIOWeight"),
        U64MAX("StartupBlockIOWeight"),
        EMPTY_AST("BlockIODeviceWeight"),
        EMPTY_AST("BlockIOReadBandwidth"),
        EMPTY_AST("BlockIOWriteBandwidth"),
        SD_BUS_PROPERTY("MemoryAccounting", "b", property_get_memory_accounting, 0, 0),
        SD_BUS_PROPERTY("DefaultMemoryLow", "t", bus_property_get_u64_zero, 0, 0),
        SD_BUS_PROPERTY("DefaultMemoryMin", "t", bus_property_get_u64_zero, 0, 0),
        SD_BUS_PROPERTY("MemoryMin", "t", property_get_memory_min, 0, 0),
        SD_BUS_PROPERTY("MemoryLow", "t", property_get_memory_low, 0, 0),
        SD_BUS_PROPERTY("MemoryHigh", "t", property_get_memory_high, 0, 0),
        SD_BUS_PROPERTY("MemoryMax", "t", property_get_memory_max, 0, 0),
        SD_BUS_PROPERTY("MemorySwapMax", "t", property_get_memory_swap_max, 0, 0),
        U64MAX("MemoryLimit"),
        SD_BUS_PROPERTY("DevicePolicy", "s", property_get_auto, 0, 0),
        SD_BUS_PROPERTY("DeviceAllow", "a(ss)", bus_property_get_empty_a_ss, 0, 0),
        SD_BUS_PROPERTY("TasksAccounting", "b", property_get_tasks_accounting, 0, 0),
        SD_BUS_PROPERTY("TasksMax", "t", property_get_tasks_max, 0, 0),
        SD_BUS_PROPERTY("IPAccounting", "b", bus_property_get_false, 0, 0),
        SD_BUS_PROPERTY("IPAddressAllow", "a(iayu)", bus_property_get_empty_a_iayu, 0, 0),
        SD_BUS_PROPERTY("IPAddressDeny", "a(iayu)", bus_property_get_empty_a_iayu, 0, 0),
        SD_BUS_PROPERTY("IPIngressFilterPath", "as", bus_property_get_empty_strv, 0, 0),
        SD_BUS_PROPERTY("IPEgressFilterPath", "as", bus_property_get_empty_strv, 0, 0),
        SD_BUS_PROPERTY("DisableControllers", "as", bus_property_get_empty_strv, 0, 0),
        SD_BUS_PROPERTY("ManagedOOMSwap", "s", property_get_auto, 0, 0),
        SD_BUS_PROPERTY("ManagedOOMMemoryPressure", "s", property_get_auto, 0, 0),
        SD_BUS_PROPERTY("ManagedOOMMemoryPressureLimit", "u", bus_property_get_u32_zero, 0, 0),
        SD_BUS_PROPERTY("ManagedOOMPreference", "s", property_get_none, 0, 0),
        SD_BUS_PROPERTY("BPFProgram", "a(ss)", bus_property_get_empty_a_ss, 0, 0),
        SD_BUS_PROPERTY("SocketBindAllow", "a(iiqq)", bus_property_get_empty_a_iiqq, 0, 0),
        SD_BUS_PROPERTY("SocketBindDeny", "a(iiqq)", bus_property_get_empty_a_iiqq, 0, 0),
        SD_BUS_PROPERTY("RestrictNetworkInterfaces", "(bas)", bus_property_get_empty_bas, 0, 0),
        SD_BUS_VTABLE_END
};

/* the exec context: userdata is the UnitDef */

static BUS_PROPERTY_GETTER(property_get_environment_files) {
        const ExecContext *c = userdata;
        int r;

        r = sd_bus_message_open_container(reply, 'a', "(sb)");
        if (r < 0)
                return r;
        for (size_t i = 0; i < c->n_environment_files; i++) {
                r = sd_bus_message_append(reply, "(sb)", strempty(c->environment_files[i].path),
                                          c->environment_files[i].ignore_missing);
                if (r < 0)
                        return r;
        }
        return sd_bus_message_close_container(reply);
}

static BUS_PROPERTY_GETTER(property_get_working_directory) {
        const ExecContext *c = userdata;
        const char *wd = c->working_directory_home ? "~" : c->working_directory;

        if (isempty(wd))
                return sd_bus_message_append(reply, "s", "");
        if (c->working_directory_missing_ok) {
                _cleanup_free_ char *t = NULL;

                if (asprintf(&t, "!%s", wd) < 0)
                        return -ENOMEM;
                return sd_bus_message_append(reply, "s", t);
        }
        return sd_bus_message_append(reply, "s", wd);
}

static BUS_PROPERTY_GETTER(property_get_oom_score_adjust) {
        const ExecContext *c = userdata;
        int v = 0;

        static int own = INT_MIN;       /* the manager's, which it never changes */

        if (c->oom_score_adjust_set)
                v = c->oom_score_adjust;
        else {
                if (own == INT_MIN) {
                        _cleanup_(fclosep) FILE *f = fopen("/proc/self/oom_score_adj", "re");

                        if (!f || fscanf(f, "%i", &own) != 1)
                                own = 0;
                }
                v = own;
        }
        return sd_bus_message_append(reply, "i", (int32_t) v);
}

static BUS_PROPERTY_GETTER(property_get_nice) {
        const ExecContext *c = userdata;

        return sd_bus_message_append(reply, "i", (int32_t) (c->nice_set ? c->nice : 0));
}

/* IOSchedulingClass=/IOSchedulingPriority=: ioprio is (class << 13) | data; unset means
 * best-effort at priority 4, the kernel's default */
static BUS_PROPERTY_GETTER(property_get_ioprio_class) {
        const ExecContext *c = userdata;

        return sd_bus_message_append(reply, "i", (int32_t) (c->ioprio < 0 ? 2 : (c->ioprio >> 13) & 7));
}

static BUS_PROPERTY_GETTER(property_get_ioprio_priority) {
        const ExecContext *c = userdata;

        return sd_bus_message_append(reply, "i", (int32_t) (c->ioprio < 0 ? 4 : c->ioprio & 0x1fff));
}

static BUS_PROPERTY_GETTER(property_get_timer_slack) {
        const ExecContext *c = userdata;
        int v;

        if (c->timer_slack_nsec != UINT64_MAX && c->timer_slack_nsec != 0)
                return sd_bus_message_append(reply, "t", (uint64_t) c->timer_slack_nsec);
        v = prctl(PR_GET_TIMERSLACK);
        return sd_bus_message_append(reply, "t", (uint64_t) (v < 0 ? 50000 : v));
}

static BUS_PROPERTY_GETTER(property_get_std_input) {
        return sd_bus_message_append(reply, "s", strempty(exec_input_to_string(*(ExecInput *) userdata)));
}

static BUS_PROPERTY_GETTER(property_get_std_output) {
        return sd_bus_message_append(reply, "s", strempty(exec_output_to_string(*(ExecOutput *) userdata)));
}

static BUS_PROPERTY_GETTER(property_get_input_data) {
        const ExecContext *c = userdata;

        return sd_bus_message_append_array(reply, 'y', c->standard_input_data, c->standard_input_data_size);
}

static BUS_PROPERTY_GETTER(property_get_syslog_level) {
        return sd_bus_message_append(reply, "i", (int32_t) (*(int *) userdata & 7));
}

static BUS_PROPERTY_GETTER(property_get_syslog_facility) {
        return sd_bus_message_append(reply, "i", (int32_t) ((*(int *) userdata >> 3) & 0x3ff));
}

static BUS_PROPERTY_GETTER(property_get_runtime_directory_preserve) {
        return sd_bus_message_append(reply, "s", isempty(*(char **) userdata) ? "no" : *(char **) userdata);
}

static BUS_PROPERTY_GETTER(property_get_u16_max) {
        return sd_bus_message_append(reply, "q", (uint16_t) UINT16_MAX);
}

static BUS_DEFINE_PROPERTY_GET_CONST(property_get_no, "s", "no");
static BUS_DEFINE_PROPERTY_GET_CONST(property_get_init, "s", "init");
static BUS_DEFINE_PROPERTY_GET_CONST(property_get_inherit, "s", "inherit");
static BUS_DEFINE_PROPERTY_GET_CONST(property_get_default, "s", "default");
static BUS_DEFINE_PROPERTY_GET_CONST(property_get_all, "s", "all");
static BUS_DEFINE_PROPERTY_GET_CONST(property_get_coredump_filter, "t", (uint64_t) 0x33);  /* the kernel default */
static BUS_DEFINE_PROPERTY_GET_CONST(property_get_syscall_errno, "i", (int32_t) 2147483646); /* "kill" */

#define X(f) offsetof(UnitDef, exec.f)
#define LIMIT(name)                                                                           \
        SD_BUS_PROPERTY("Limit" name, "t", bus_property_get_rlimit_from_array, X(rlimit), CONST), \
        SD_BUS_PROPERTY("Limit" name "Soft", "t", bus_property_get_rlimit_from_array, X(rlimit), CONST)
#define C_FALSE(name) SD_BUS_PROPERTY(name, "b", bus_property_get_false, 0, CONST)
#define C_STR(name) SD_BUS_PROPERTY(name, "s", bus_property_get_empty_string, 0, CONST)
#define C_STRV(name) SD_BUS_PROPERTY(name, "as", bus_property_get_empty_strv, 0, CONST)
#define C_AY(name) SD_BUS_PROPERTY(name, "ay", bus_property_get_empty_bytes, 0, CONST)
#define F_BOOL(name, f) SD_BUS_PROPERTY(name, "b", bus_property_get_bool, X(f), CONST)
#define F_STR(name, f) SD_BUS_PROPERTY(name, "s", bus_property_get_string, X(f), CONST)
#define F_STRV(name, f) SD_BUS_PROPERTY(name, "as", bus_property_get_strv_or_empty, X(f), CONST)
#define F_MODE(name, f) SD_BUS_PROPERTY(name, "u", bus_property_get_u32, X(f), CONST)

const sd_bus_vtable bus_exec_vtable[] = {
        SD_BUS_VTABLE_START(0),
        F_STRV("Environment", environment),
        SD_BUS_PROPERTY("EnvironmentFiles", "a(sb)", property_get_environment_files, offsetof(UnitDef, exec), CONST),
        F_STRV("PassEnvironment", pass_environment),
        F_STRV("UnsetEnvironment", unset_environment),
        F_MODE("UMask", umask),
        LIMIT("CPU"),
        LIMIT("FSIZE"),
        LIMIT("DATA"),
        LIMIT("STACK"),
        LIMIT("CORE"),
        LIMIT("RSS"),
        LIMIT("NOFILE"),
        LIMIT("AS"),
        LIMIT("NPROC"),
        LIMIT("MEMLOCK"),
        LIMIT("LOCKS"),
        LIMIT("SIGPENDING"),
        LIMIT("MSGQUEUE"),
        LIMIT("NICE"),
        LIMIT("RTPRIO"),
        LIMIT("RTTIME"),
        SD_BUS_PROPERTY("WorkingDirectory", "s", property_get_working_directory, offsetof(UnitDef, exec), CONST),
        F_STR("RootDirectory", root_directory),
        C_STR("RootImage"),
        SD_BUS_PROPERTY("RootImageOptions", "a(ss)", bus_property_get_empty_a_ss, 0, CONST),
        C_AY("RootHash"),
        C_STR("RootHashPath"),
        C_AY("RootHashSignature"),
        C_STR("RootHashSignaturePath"),
        C_STR("RootVerity"),
        C_STRV("ExtensionDirectories"),
        SD_BUS_PROPERTY("ExtensionImages", "a(sba(ss))", bus_property_get_empty_a_sba_ss, 0, CONST),
        SD_BUS_PROPERTY("MountImages", "a(ssba(ss))", bus_property_get_empty_a_ssba_ss, 0, CONST),
        SD_BUS_PROPERTY("OOMScoreAdjust", "i", property_get_oom_score_adjust, offsetof(UnitDef, exec), CONST),
        SD_BUS_PROPERTY("CoredumpFilter", "t", property_get_coredump_filter, 0, CONST),
        SD_BUS_PROPERTY("Nice", "i", property_get_nice, offsetof(UnitDef, exec), CONST),
        SD_BUS_PROPERTY("IOSchedulingClass", "i", property_get_ioprio_class, offsetof(UnitDef, exec), CONST),
        SD_BUS_PROPERTY("IOSchedulingPriority", "i", property_get_ioprio_priority, offsetof(UnitDef, exec), CONST),
        SD_BUS_PROPERTY("CPUSchedulingPolicy", "i", bus_property_get_i32, X(cpu_sched_policy), CONST),
        SD_BUS_PROPERTY("CPUSchedulingPriority", "i", bus_property_get_i32, X(cpu_sched_priority), CONST),
        C_AY("CPUAffinity"),
        C_FALSE("CPUAffinityFromNUMA"),
        SD_BUS_PROPERTY("NUMAPolicy", "i", bus_property_get_i32_minus_one, 0, CONST),
        C_AY("NUMAMask"),
        SD_BUS_PROPERTY("TimerSlackNSec", "t", property_get_timer_slack, offsetof(UnitDef, exec), CONST),
        F_BOOL("CPUSchedulingResetOnFork", cpu_sched_reset_on_fork),
        C_FALSE("NonBlocking"),
        SD_BUS_PROPERTY("StandardInput", "s", property_get_std_input, X(std_input), CONST),
        F_STR("StandardInputFileDescriptorName", stdio_fdname[0]),
        SD_BUS_PROPERTY("StandardInputData", "ay", property_get_input_data, offsetof(UnitDef, exec), CONST),
        SD_BUS_PROPERTY("StandardOutput", "s", property_get_std_output, X(std_output), CONST),
        F_STR("StandardOutputFileDescriptorName", stdio_fdname[1]),
        SD_BUS_PROPERTY("StandardError", "s", property_get_std_output, X(std_error), CONST),
        F_STR("StandardErrorFileDescriptorName", stdio_fdname[2]),
        F_STR("TTYPath", tty_path),
        F_BOOL("TTYReset", tty_reset),
        F_BOOL("TTYVHangup", tty_vhangup),
        F_BOOL("TTYVTDisallocate", tty_vt_disallocate),
        SD_BUS_PROPERTY("TTYRows", "q", property_get_u16_max, 0, CONST),
        SD_BUS_PROPERTY("TTYColumns", "q", property_get_u16_max, 0, CONST),
        SD_BUS_PROPERTY("SyslogPriority", "i", bus_property_get_i32, X(syslog_priority), CONST),
        F_STR("SyslogIdentifier", syslog_identifier),
        F_BOOL("SyslogLevelPrefix", syslog_level_prefix),
        SD_BUS_PROPERTY("SyslogLevel", "i", property_get_syslog_level, X(syslog_priority), CONST),
        SD_BUS_PROPERTY("SyslogFacility", "i", property_get_syslog_facility, X(syslog_priority), CONST),
        SD_BUS_PROPERTY("LogLevelMax", "i", bus_property_get_i32_minus_one, 0, CONST),
        SD_BUS_PROPERTY("LogRateLimitIntervalUSec", "t", bus_property_get_u64_zero, 0, CONST),
        SD_BUS_PROPERTY("LogRateLimitBurst", "u", bus_property_get_u32_zero, 0, CONST),
        SD_BUS_PROPERTY("LogExtraFields", "aay", bus_property_get_empty_aay, 0, CONST),
        C_STR("LogNamespace"),
        SD_BUS_PROPERTY("SecureBits", "i", bus_property_get_i32_zero, 0, CONST),
        SD_BUS_PROPERTY("CapabilityBoundingSet", "t", bus_property_get_u64_max, 0, CONST),
        SD_BUS_PROPERTY("AmbientCapabilities", "t", bus_property_get_u64_zero, 0, CONST),
        F_STR("User", user),
        F_STR("Group", group),
        F_BOOL("DynamicUser", dynamic_user),
        C_FALSE("RemoveIPC"),
        SD_BUS_PROPERTY("SetCredential", "a(say)", bus_property_get_empty_a_say, 0, CONST),
        SD_BUS_PROPERTY("SetCredentialEncrypted", "a(say)", bus_property_get_empty_a_say, 0, CONST),
        SD_BUS_PROPERTY("LoadCredential", "a(ss)", bus_property_get_empty_a_ss, 0, CONST),
        SD_BUS_PROPERTY("LoadCredentialEncrypted", "a(ss)", bus_property_get_empty_a_ss, 0, CONST),
        F_STRV("SupplementaryGroups", supplementary_groups),
        F_STR("PAMName", pam_name),
        F_STRV("ReadWritePaths", read_write_paths),
        F_STRV("ReadOnlyPaths", read_only_paths),
        F_STRV("InaccessiblePaths", inaccessible_paths),
        C_STRV("ExecPaths"),
        C_STRV("NoExecPaths"),
        C_STRV("ExecSearchPath"),
        SD_BUS_PROPERTY("MountFlags", "t", bus_property_get_u64_zero, 0, CONST),
        F_BOOL("PrivateTmp", private_tmp),
        F_BOOL("PrivateDevices", private_devices),
        C_FALSE("ProtectClock"),
        C_FALSE("ProtectKernelTunables"),
        C_FALSE("ProtectKernelModules"),
        C_FALSE("ProtectKernelLogs"),
        C_FALSE("ProtectControlGroups"),
        F_BOOL("PrivateNetwork", private_network),
        C_FALSE("PrivateUsers"),
        C_FALSE("PrivateMounts"),
        C_FALSE("PrivateIPC"),
        SD_BUS_PROPERTY("ProtectHome", "s", property_get_no, 0, CONST),
        SD_BUS_PROPERTY("ProtectSystem", "s", property_get_no, 0, CONST),
        F_BOOL("SameProcessGroup", same_process_group),
        C_STR("UtmpIdentifier"),
        SD_BUS_PROPERTY("UtmpMode", "s", property_get_init, 0, CONST),
        SD_BUS_PROPERTY("SELinuxContext", "(bs)", bus_property_get_empty_bs, 0, CONST),
        SD_BUS_PROPERTY("AppArmorProfile", "(bs)", bus_property_get_empty_bs, 0, CONST),
        SD_BUS_PROPERTY("SmackProcessLabel", "(bs)", bus_property_get_empty_bs, 0, CONST),
        F_BOOL("IgnoreSIGPIPE", ignore_sigpipe),
        F_BOOL("NoNewPrivileges", no_new_privileges),
        SD_BUS_PROPERTY("SystemCallFilter", "(bas)", bus_property_get_empty_bas, 0, CONST),
        C_STRV("SystemCallArchitectures"),
        SD_BUS_PROPERTY("SystemCallErrorNumber", "i", property_get_syscall_errno, 0, CONST),
        SD_BUS_PROPERTY("SystemCallLog", "(bas)", bus_property_get_empty_bas, 0, CONST),
        C_STR("Personality"),
        C_FALSE("LockPersonality"),
        SD_BUS_PROPERTY("RestrictAddressFamilies", "(bas)", bus_property_get_empty_bas, 0, CONST),
        SD_BUS_PROPERTY("RuntimeDirectorySymlink", "a(sst)", bus_property_get_empty_a_sst, 0, CONST),
        SD_BUS_PROPERTY("RuntimeDirectoryPreserve", "s", property_get_runtime_directory_preserve, X(runtime_directory_preserve), CONST),
        F_MODE("RuntimeDirectoryMode", runtime_directory_mode),
        F_STRV("RuntimeDirectory", runtime_directory),
        SD_BUS_PROPERTY("StateDirectorySymlink", "a(sst)", bus_property_get_empty_a_sst, 0, CONST),
        F_MODE("StateDirectoryMode", state_directory_mode),
        F_STRV("StateDirectory", state_directory),
        SD_BUS_PROPERTY("CacheDirectorySymlink", "a(sst)", bus_property_get_empty_a_sst, 0, CONST),
        F_MODE("CacheDirectoryMode", cache_directory_mode),
        F_STRV("CacheDirectory", cache_directory),
        SD_BUS_PROPERTY("LogsDirectorySymlink", "a(sst)", bus_property_get_empty_a_sst, 0, CONST),
        F_MODE("LogsDirectoryMode", logs_directory_mode),
        F_STRV("LogsDirectory", logs_directory),
        F_MODE("ConfigurationDirectoryMode", configuration_directory_mode),
        F_STRV("ConfigurationDirectory", configuration_directory),
        SD_BUS_PROPERTY("TimeoutCleanUSec", "t", bus_property_get_u64_max, 0, CONST),
        C_FALSE("MemoryDenyWriteExecute"),
        C_FALSE("RestrictRealtime"),
        C_FALSE("RestrictSUIDSGID"),
        SD_BUS_PROPERTY("RestrictNamespaces", "t", bus_property_get_u64_max, 0, CONST),
        SD_BUS_PROPERTY("RestrictFileSystems", "(bas)", bus_property_get_empty_bas, 0, CONST),
        SD_BUS_PROPERTY("BindPaths", "a(ssbt)", bus_property_get_empty_a_ssbt, 0, CONST),
        SD_BUS_PROPERTY("BindReadOnlyPaths", "a(ssbt)", bus_property_get_empty_a_ssbt, 0, CONST),
        SD_BUS_PROPERTY("TemporaryFileSystem", "a(ss)", bus_property_get_empty_a_ss, 0, CONST),
        C_FALSE("MountAPIVFS"),
        SD_BUS_PROPERTY("KeyringMode", "s", property_get_inherit, 0, CONST),
        SD_BUS_PROPERTY("ProtectProc", "s", property_get_default, 0, CONST),
        SD_BUS_PROPERTY("ProcSubset", "s", property_get_all, 0, CONST),
        C_FALSE("ProtectHostname"),
        C_STR("NetworkNamespacePath"),
        C_STR("IPCNamespacePath"),
        SD_BUS_VTABLE_END
};

/* the kill context: userdata is the UnitDef */

static BUS_PROPERTY_GETTER(property_get_kill_mode) {
        return sd_bus_message_append(reply, "s", strempty(kill_mode_to_string(*(KillMode *) userdata)));
}

static BUS_PROPERTY_GETTER(property_get_restart_kill_signal) {
        const KillContext *k = userdata;

        return sd_bus_message_append(reply, "i", (int32_t) (k->restart_kill_signal ?: k->kill_signal));
}

#define K(f) offsetof(UnitDef, kill.f)

const sd_bus_vtable bus_kill_vtable[] = {
        SD_BUS_VTABLE_START(0),
        SD_BUS_PROPERTY("KillMode", "s", property_get_kill_mode, K(kill_mode), CONST),
        SD_BUS_PROPERTY("KillSignal", "i", bus_property_get_i32, K(kill_signal), CONST),
        SD_BUS_PROPERTY("RestartKillSignal", "i", property_get_restart_kill_signal, offsetof(UnitDef, kill), CONST),
        SD_BUS_PROPERTY("FinalKillSignal", "i", bus_property_get_i32, K(final_kill_signal), CONST),
        SD_BUS_PROPERTY("SendSIGKILL", "b", bus_property_get_bool, K(send_sigkill), CONST),
        SD_BUS_PROPERTY("SendSIGHUP", "b", bus_property_get_bool, K(send_sighup), CONST),
        SD_BUS_PROPERTY("WatchdogSignal", "i", bus_property_get_i32, K(watchdog_signal), CONST),
        SD_BUS_VTABLE_END
};
