/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* bus-internal.h: what the files of src/bus share: the object paths and interface names, the
 * vtables, the find callbacks, systemd's error names, and generic property getters. Nothing
 * here is used outside src/bus; the core sees only the bus_* hooks of manager.h. */

#include <systemd/sd-bus.h>

#include "job.h"
#include "manager.h"
#include "unit.h"

#ifndef _cleanup_free_
#define _cleanup_free_ _cleanup_(freep)
#endif

#define BUS_PATH_MANAGER "/org/freedesktop/systemd1"
#define BUS_PATH_UNIT_PREFIX "/org/freedesktop/systemd1/unit"
#define BUS_PATH_JOB_PREFIX "/org/freedesktop/systemd1/job"
#define BUS_NAME_MANAGER "org.freedesktop.systemd1"

#define BUS_IFACE_MANAGER "org.freedesktop.systemd1.Manager"
#define BUS_IFACE_UNIT "org.freedesktop.systemd1.Unit"
#define BUS_IFACE_SERVICE "org.freedesktop.systemd1.Service"
#define BUS_IFACE_TARGET "org.freedesktop.systemd1.Target"
#define BUS_IFACE_SLICE "org.freedesktop.systemd1.Slice"
#define BUS_IFACE_JOB "org.freedesktop.systemd1.Job"

/* systemd's error names, org.freedesktop.systemd1(5) */
#define BUS_ERROR_NO_SUCH_UNIT "org.freedesktop.systemd1.NoSuchUnit"
#define BUS_ERROR_NO_UNIT_FOR_PID "org.freedesktop.systemd1.NoUnitForPID"
#define BUS_ERROR_NO_UNIT_FOR_INVOCATION_ID "org.freedesktop.systemd1.NoUnitForInvocationID"
#define BUS_ERROR_UNIT_EXISTS "org.freedesktop.systemd1.UnitExists"
#define BUS_ERROR_LOAD_FAILED "org.freedesktop.systemd1.LoadFailed"
#define BUS_ERROR_BAD_UNIT_SETTING "org.freedesktop.systemd1.BadUnitSetting"
#define BUS_ERROR_JOB_FAILED "org.freedesktop.systemd1.JobFailed"
#define BUS_ERROR_NO_SUCH_JOB "org.freedesktop.systemd1.NoSuchJob"
#define BUS_ERROR_NOT_SUBSCRIBED "org.freedesktop.systemd1.NotSubscribed"
#define BUS_ERROR_ALREADY_SUBSCRIBED "org.freedesktop.systemd1.AlreadySubscribed"
#define BUS_ERROR_ONLY_BY_DEPENDENCY "org.freedesktop.systemd1.OnlyByDependency"
#define BUS_ERROR_TRANSACTION_JOBS_CONFLICTING "org.freedesktop.systemd1.TransactionJobsConflicting"
#define BUS_ERROR_TRANSACTION_ORDER_IS_CYCLIC "org.freedesktop.systemd1.TransactionOrderIsCyclic"
#define BUS_ERROR_TRANSACTION_IS_DESTRUCTIVE "org.freedesktop.systemd1.TransactionIsDestructive"
#define BUS_ERROR_UNIT_MASKED "org.freedesktop.systemd1.UnitMasked"
#define BUS_ERROR_UNIT_GENERATED "org.freedesktop.systemd1.UnitGenerated"
#define BUS_ERROR_UNIT_LINKED "org.freedesktop.systemd1.UnitLinked"
#define BUS_ERROR_JOB_TYPE_NOT_APPLICABLE "org.freedesktop.systemd1.JobTypeNotApplicable"
#define BUS_ERROR_NO_ISOLATION "org.freedesktop.systemd1.NoIsolation"
#define BUS_ERROR_SHUTTING_DOWN "org.freedesktop.systemd1.ShuttingDown"
#define BUS_ERROR_SCOPE_NOT_RUNNING "org.freedesktop.systemd1.ScopeNotRunning"
#define BUS_ERROR_NO_SUCH_DYNAMIC_USER "org.freedesktop.systemd1.NoSuchDynamicUser"
#define BUS_ERROR_NOT_REFERENCED "org.freedesktop.systemd1.NotReferenced"
#define BUS_ERROR_DISK_FULL "org.freedesktop.systemd1.DiskFull"
#define BUS_ERROR_NOTHING_TO_CLEAN "org.freedesktop.systemd1.NothingToClean"
#define BUS_ERROR_UNIT_BUSY "org.freedesktop.systemd1.UnitBusy"
#define BUS_ERROR_UNIT_INACTIVE "org.freedesktop.systemd1.UnitInactive"
#define BUS_ERROR_NO_SUCH_PROCESS "org.freedesktop.systemd1.NoSuchProcess"

/* client-made objects have limits: names longer than this are refused before any lookup */
#define BUS_NAME_ARG_MAX 4096U
#define BUS_LIST_ARG_MAX 4096U

/* vtables (one interface may be served by several, each with its own find callback) */
extern const sd_bus_vtable bus_manager_vtable[];
extern const sd_bus_vtable bus_unit_vtable[];
extern const sd_bus_vtable bus_service_vtable[];
extern const sd_bus_vtable bus_exec_vtable[];
extern const sd_bus_vtable bus_kill_vtable[];
extern const sd_bus_vtable bus_cgroup_vtable[];
extern const sd_bus_vtable bus_target_vtable[];
extern const sd_bus_vtable bus_slice_vtable[];
extern const sd_bus_vtable bus_job_vtable[];
extern const sd_bus_vtable bus_manager_unit_files_vtable[];

/* bus.c */
int bus_add_objects(Manager *m, sd_bus *bus);
bool bus_is_api(Manager *m, sd_bus *bus);
/* Calls f on every connection (private ones and the broker) that is up. */
void bus_foreach_bus(Manager *m, void (*f)(sd_bus *bus, void *userdata), void *userdata);
/* The same, but the broker only when to_api: on the broker, signals go out only where a client
 * asked (Subscribe(), AddRef=/Ref() of the unit, a job it enqueued), as systemd does; the
 * private connections get everything. */
void bus_foreach_bus_gated(Manager *m, bool to_api, void (*f)(sd_bus *bus, void *userdata), void *userdata);
bool bus_api_has_subscribers(Manager *m);
int bus_api_subscribe(Manager *m, sd_bus_message *message, bool subscribe);
bool bus_unit_has_bus_refs(Unit *u);

/* Try (again) to connect to the bus broker now; a no-op when connected. */
int bus_api_connect(Manager *m);

/* bus-unit.c */
const char *bus_unit_path(Unit *u);          /* cached in u->dbus_path */
int bus_unit_find(sd_bus *bus, const char *path, const char *interface, void *userdata,
                  void **found, sd_bus_error *error);
/* the object of path if it is a unit of type t: the Unit* or (def) its UnitDef*, for the find
 * callbacks of the per-type vtables (BUS_DEFINE_UNIT_FIND) */
int bus_unit_find_typed(sd_bus *bus, const char *path, void *userdata, UnitType t, bool def,
                        void **found, sd_bus_error *error);
#define BUS_DEFINE_UNIT_FIND(name, type, def)                                                 \
        int name(sd_bus *bus, const char *path, const char *interface, void *userdata,        \
                 void **found, sd_bus_error *error) {                                         \
                return bus_unit_find_typed(bus, path, userdata, type, def, found, error);     \
        }
int bus_unit_enumerate(sd_bus *bus, const char *path, void *userdata, char ***nodes,
                       sd_bus_error *error);
/* The common part of StartUnit/Unit.Start and friends */
int bus_unit_method_start_generic(sd_bus_message *message, Unit *u, JobType type,
                                  bool reload_if_possible, sd_bus_error *error);
int bus_unit_method_enqueue_job(sd_bus_message *message, Unit *u, const char *type_s,
                                const char *mode_s, sd_bus_error *error);
int bus_unit_method_kill(sd_bus_message *message, Unit *u, sd_bus_error *error);
int bus_unit_method_reset_failed(sd_bus_message *message, Unit *u, sd_bus_error *error);
int bus_unit_method_get_processes(sd_bus_message *message, Unit *u, sd_bus_error *error);
int bus_unit_vtable_get_processes(sd_bus_message *message, void *userdata, sd_bus_error *error);
int bus_unit_method_ref(sd_bus_message *message, Unit *u, bool ref, sd_bus_error *error);
int bus_unit_method_set_properties(sd_bus_message *message, Unit *u, sd_bus_error *error);
int bus_unit_method_clean(sd_bus_message *message, Unit *u, sd_bus_error *error);
int bus_unit_method_freeze(sd_bus_message *message, Unit *u, bool freeze, sd_bus_error *error);
/* The load state checks systemd makes before a job is queued (LoadFailed, UnitMasked …) */
int bus_unit_validate_load_state(Unit *u, sd_bus_error *error);
int bus_unit_append_list_entry(sd_bus_message *reply, Unit *u);   /* one (ssssssouso) */

/* bus-service.c */
int bus_service_find(sd_bus *bus, const char *path, const char *interface, void *userdata,
                     void **found, sd_bus_error *error);
int bus_service_def_find(sd_bus *bus, const char *path, const char *interface, void *userdata,
                         void **found, sd_bus_error *error);
int bus_slice_find(sd_bus *bus, const char *path, const char *interface, void *userdata,
                   void **found, sd_bus_error *error);
int bus_target_find(sd_bus *bus, const char *path, const char *interface, void *userdata,
                    void **found, sd_bus_error *error);
int bus_unit_def_find(sd_bus *bus, const char *path, const char *interface, void *userdata,
                      void **found, sd_bus_error *error);

/* bus-job.c */
char *bus_job_path_alloc(uint32_t id);
const char *bus_job_path(Job *j);            /* cached in j->dbus_path */
int bus_job_find(sd_bus *bus, const char *path, const char *interface, void *userdata,
                 void **found, sd_bus_error *error);
int bus_job_enumerate(sd_bus *bus, const char *path, void *userdata, char ***nodes,
                      sd_bus_error *error);
int bus_job_append_list_entry(sd_bus_message *reply, Job *j);     /* one (usssoo) */
int bus_job_append_before_after(sd_bus_message *reply, Job *j, bool before);

/* bus-util.c: generic property getters. userdata points at the value (object + offset). */
int bus_property_get_bool(sd_bus *bus, const char *path, const char *interface,
                          const char *property, sd_bus_message *reply, void *userdata,
                          sd_bus_error *error);
int bus_property_get_strv_or_empty(sd_bus *bus, const char *path, const char *interface,
                                   const char *property, sd_bus_message *reply, void *userdata,
                                   sd_bus_error *error);
int bus_property_get_rlimit_from_array(sd_bus *bus, const char *path, const char *interface,
                                       const char *property, sd_bus_message *reply,
                                       void *userdata, sd_bus_error *error);
int bus_property_get_default_rlimit(sd_bus *bus, const char *path, const char *interface,
                                    const char *property, sd_bus_message *reply, void *userdata,
                                    sd_bus_error *error);
/* "LimitNOFILE"/"DefaultLimitNOFILESoft" → RLIMIT_NOFILE, *ret_soft */
int bus_rlimit_from_property(const char *property, bool *ret_soft);

#define BUS_PROPERTY_GETTER(name)                                                             \
        int name(sd_bus *bus, const char *path, const char *interface, const char *property,  \
                 sd_bus_message *reply, void *userdata, sd_bus_error *error)

/* A getter that appends a constant: the value systemd has where our model has no field. */
#define BUS_DEFINE_PROPERTY_GET_CONST(name, sig, value)                                       \
        BUS_PROPERTY_GETTER(name) {                                                           \
                return sd_bus_message_append(reply, sig, value);                              \
        }

/* A getter that maps an int-sized enum field to systemd's string for it. */
#define BUS_DEFINE_PROPERTY_GET_ENUM(name, to_string, type)                                   \
        BUS_PROPERTY_GETTER(name) {                                                           \
                type v = *(const type *) userdata;                                            \
                return sd_bus_message_append(reply, "s", strempty(to_string(v)));             \
        }

/* Explicit getters per value kind, for use through BUS_DEFINE_DEF_PROPERTY() */
BUS_PROPERTY_GETTER(bus_property_get_string);
BUS_PROPERTY_GETTER(bus_property_get_u64);
BUS_PROPERTY_GETTER(bus_property_get_u32);
BUS_PROPERTY_GETTER(bus_property_get_i32);

/* A getter on a Unit* that reads a field of its UnitDef with a kind getter, so that one vtable
 * can mix runtime and configuration in systemd's order. */
#define BUS_DEFINE_DEF_PROPERTY(name, kind_getter, field)                                     \
        static BUS_PROPERTY_GETTER(name) {                                                    \
                Unit *_u = userdata;                                                          \
                return kind_getter(bus, path, interface, property, reply, &_u->def->field,    \
                                   error);                                                    \
        }

/* constants shared by the vtables */
BUS_PROPERTY_GETTER(bus_property_get_false);
BUS_PROPERTY_GETTER(bus_property_get_true);
BUS_PROPERTY_GETTER(bus_property_get_empty_string);
BUS_PROPERTY_GETTER(bus_property_get_empty_strv);
BUS_PROPERTY_GETTER(bus_property_get_empty_bytes);
BUS_PROPERTY_GETTER(bus_property_get_u64_zero);
BUS_PROPERTY_GETTER(bus_property_get_u64_max);
BUS_PROPERTY_GETTER(bus_property_get_u32_zero);
BUS_PROPERTY_GETTER(bus_property_get_u32_max);
BUS_PROPERTY_GETTER(bus_property_get_i32_zero);
BUS_PROPERTY_GETTER(bus_property_get_i32_minus_one);
BUS_PROPERTY_GETTER(bus_property_get_empty_a_ss);
BUS_PROPERTY_GETTER(bus_property_get_empty_a_st);
BUS_PROPERTY_GETTER(bus_property_get_empty_a_sst);
BUS_PROPERTY_GETTER(bus_property_get_empty_a_ssbt);
BUS_PROPERTY_GETTER(bus_property_get_empty_a_say);
BUS_PROPERTY_GETTER(bus_property_get_empty_a_iayu);
BUS_PROPERTY_GETTER(bus_property_get_empty_a_iiqq);
BUS_PROPERTY_GETTER(bus_property_get_empty_a_sba_ss);
BUS_PROPERTY_GETTER(bus_property_get_empty_a_ssba_ss);
BUS_PROPERTY_GETTER(bus_property_get_empty_aay);
BUS_PROPERTY_GETTER(bus_property_get_empty_bas);
BUS_PROPERTY_GETTER(bus_property_get_empty_bs);
BUS_PROPERTY_GETTER(bus_property_get_empty_aiai);

/* methods */
int bus_reply_not_supported(sd_bus_message *message, void *userdata, sd_bus_error *error);
/* peer pid of the sender (SO_PEERCRED on private connections) */
int bus_query_sender_pid(sd_bus_message *message, pid_t *ret);
/* systemd's unit name check with its messages: "Unit name %s is not valid." … */
int bus_check_unit_name(const char *name, sd_bus_error *error);
/* /proc/<pid>/cmdline as one line, or "[comm]"; NULL on OOM */
char *bus_get_process_cmdline(pid_t pid);
