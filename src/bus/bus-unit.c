/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* bus-unit.c: the org.freedesktop.systemd1.Unit interface on /org/freedesktop/systemd1/unit/<name>.
 * Clients build these paths themselves, so the find callback loads the unit of any valid name on
 * access (not-found included, as systemd does), resolves "self" to the caller's unit and a
 * 32-hex-digit label to the unit of that invocation ID. Also the job-enqueuing logic shared with
 * the Manager's StartUnit & co, with systemd's checks and error texts, and the change signals the
 * core asks for. Properties are read, never cached: config from u->def, runtime from Unit. */

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>

#include "bus-internal.h"
#include "bus-track.h"
#include "bus-transient.h"
#include "install.h"
#include "log.h"
#include "path-util.h"
#include "strv.h"
#include "unit-name.h"

static void closedirp(DIR **d) {
        if (*d)
                closedir(*d);
}

const char *bus_unit_path(Unit *u) {
        if (!u->dbus_path)
                (void) sd_bus_path_encode(BUS_PATH_UNIT_PREFIX, u->id, &u->dbus_path);
        return u->dbus_path ?: "/";
}

static Unit *manager_get_unit_by_invocation_id(Manager *m, sd_id128_t id) {
        Unit *u;

        HASHMAP_FOREACH(u, m->units)
                if (sd_id128_equal(u->invocation_id, id))
                        return u;
        return NULL;
}

static int find_unit(Manager *m, sd_bus *bus, const char *path, Unit **ret, sd_bus_error *error) {
        _cleanup_free_ char *e = NULL;
        sd_id128_t id;
        Unit *u;
        int r;

        r = sd_bus_path_decode(path, BUS_PATH_UNIT_PREFIX, &e);
        if (r <= 0)
                return 0;
        if (strlen(e) > BUS_NAME_ARG_MAX)
                return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Unit name too long.");

        if (streq(e, "self")) {
                sd_bus_message *message = sd_bus_get_current_message(bus);
                pid_t pid;

                if (!message)
                        return 0;
                r = bus_query_sender_pid(message, &pid);
                if (r < 0)
                        return r;
                u = manager_get_unit_by_pid(m, pid);
                if (!u)
                        return sd_bus_error_setf(error, BUS_ERROR_NO_UNIT_FOR_PID,
                                                 "PID %i does not belong to any loaded unit.", (int) pid);
                *ret = u;
                return 1;
        }

        if (strlen(e) == 32 && sd_id128_from_string(e, &id) >= 0) {
                u = manager_get_unit_by_invocation_id(m, id);
                if (!u)
                        return sd_bus_error_setf(error, BUS_ERROR_NO_UNIT_FOR_INVOCATION_ID,
                                                 "No unit with the specified invocation ID %s known.", e);
                *ret = u;
                return 1;
        }

        if (strlen(e) >= UNIT_NAME_MAX || !unit_name_is_valid(e, UNIT_NAME_PLAIN | UNIT_NAME_INSTANCE))
                return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
                                         "Unit name %s is neither a valid invocation ID nor unit name.", e);

        r = manager_load_unit(m, e, &u);
        if (r == -EINVAL)
                return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Unit name %s is not valid.", e);
        if (r < 0)
                return r;
        *ret = u;
        return 1;
}

int bus_unit_find(sd_bus *bus, const char *path, const char *interface, void *userdata,
                  void **found, sd_bus_error *error) {
        Unit *u = NULL;
        int r;

        r = find_unit(userdata, bus, path, &u, error);
        if (r <= 0)
                return r;
        *found = u;
        return 1;
}

int bus_unit_find_typed(sd_bus *bus, const char *path, void *userdata, UnitType t, bool def,
                        void **found, sd_bus_error *error) {
        void *u = NULL;
        int r;

        r = bus_unit_find(bus, path, NULL, userdata, &u, error);
        if (r <= 0)
                return r;
        if (((Unit *) u)->type != t)
                return 0;
        *found = def ? (void *) ((Unit *) u)->def : u;
        return 1;
}

int bus_unit_enumerate(sd_bus *bus, const char *path, void *userdata, char ***nodes,
                       sd_bus_error *error) {
        _cleanup_strv_free_ char **l = NULL;
        Manager *m = userdata;
        const char *k;
        Unit *u;
        size_t n = 0;

        l = new0(char *, hashmap_size(m->units) + 1);
        if (!l)
                return -ENOMEM;
        HASHMAP_FOREACH_KEY(u, k, m->units) {
                if (!streq(k, u->id))       /* aliases share the unit's path */
                        continue;
                l[n] = strdup(bus_unit_path(u));
                if (!l[n])
                        return -ENOMEM;
                n++;
        }
        *nodes = TAKE_PTR(l);
        return 0;
}

/* properties */

static BUS_PROPERTY_GETTER(property_get_names) {
        Unit *u = userdata;
        int r;

        r = sd_bus_message_open_container(reply, 'a', "s");
        if (r < 0)
                return r;
        r = sd_bus_message_append(reply, "s", u->id);
        if (r < 0)
                return r;
        STRV_FOREACH(a, u->aliases) {
                r = sd_bus_message_append(reply, "s", *a);
                if (r < 0)
                        return r;
        }
        return sd_bus_message_close_container(reply);
}

static const char *const dependency_property[_UNIT_DEPENDENCY_MAX] = {
        [UNIT_REQUIRES] = "Requires",
        [UNIT_REQUISITE] = "Requisite",
        [UNIT_WANTS] = "Wants",
        [UNIT_BINDS_TO] = "BindsTo",
        [UNIT_PART_OF] = "PartOf",
        [UNIT_UPHOLDS] = "Upholds",
        [UNIT_REQUIRED_BY] = "RequiredBy",
        [UNIT_REQUISITE_OF] = "RequisiteOf",
        [UNIT_WANTED_BY] = "WantedBy",
        [UNIT_BOUND_BY] = "BoundBy",
        [UNIT_UPHELD_BY] = "UpheldBy",
        [UNIT_CONSISTS_OF] = "ConsistsOf",
        [UNIT_CONFLICTS] = "Conflicts",
        [UNIT_CONFLICTED_BY] = "ConflictedBy",
        [UNIT_BEFORE] = "Before",
        [UNIT_AFTER] = "After",
        [UNIT_ON_SUCCESS] = "OnSuccess",
        [UNIT_ON_SUCCESS_OF] = "OnSuccessOf",
        [UNIT_ON_FAILURE] = "OnFailure",
        [UNIT_ON_FAILURE_OF] = "OnFailureOf",
        [UNIT_TRIGGERS] = "Triggers",
        [UNIT_TRIGGERED_BY] = "TriggeredBy",
        [UNIT_PROPAGATES_RELOAD_TO] = "PropagatesReloadTo",
        [UNIT_RELOAD_PROPAGATED_FROM] = "ReloadPropagatedFrom",
        [UNIT_PROPAGATES_STOP_TO] = "PropagatesStopTo",
        [UNIT_STOP_PROPAGATED_FROM] = "StopPropagatedFrom",
        [UNIT_JOINS_NAMESPACE_OF] = "JoinsNamespaceOf",
        [UNIT_REFERENCES] = "References",
        [UNIT_REFERENCED_BY] = "ReferencedBy",
};

/* The units of u->deps[d]; names the definition lists but the graph lacks are added, so the
 * list is right before the core resolved every edge. */
static BUS_PROPERTY_GETTER(property_get_dependencies) {
        Unit *u = userdata, *other;
        int d = -1, r;

        for (int i = 0; i < _UNIT_DEPENDENCY_MAX; i++)
                if (dependency_property[i] && streq(dependency_property[i], property)) {
                        d = i;
                        break;
                }
        if (d < 0)
                return sd_bus_message_append(reply, "as", 0);

        r = sd_bus_message_open_container(reply, 'a', "s");
        if (r < 0)
                return r;
        SET_FOREACH(other, u->deps[d]) {
                r = sd_bus_message_append(reply, "s", other->id);
                if (r < 0)
                        return r;
        }
        /* names of the definition the graph has no edge for (yet) */
        STRV_FOREACH(n, u->def->deps[d]) {
                other = manager_get_unit(u->manager, *n);
                if (other && set_contains(u->deps[d], other))
                        continue;
                r = sd_bus_message_append(reply, "s", *n);
                if (r < 0)
                        return r;
        }
        return sd_bus_message_close_container(reply);
}

static BUS_PROPERTY_GETTER(property_get_slice_of) {
        Unit *u = userdata, *other;
        const char *k;
        int r;

        r = sd_bus_message_open_container(reply, 'a', "s");
        if (r < 0)
                return r;
        if (u->type == UNIT_SLICE)
                HASHMAP_FOREACH_KEY(other, k, u->manager->units)
                        if (streq(k, other->id) && streq_ptr(other->def->slice, u->id)) {
                                r = sd_bus_message_append(reply, "s", other->id);
                                if (r < 0)
                                        return r;
                        }
        return sd_bus_message_close_container(reply);
}

static BUS_PROPERTY_GETTER(property_get_description) {
        return sd_bus_message_append(reply, "s", strempty(unit_description(userdata)));
}

static BUS_PROPERTY_GETTER(property_get_load_state) {
        Unit *u = userdata;

        return sd_bus_message_append(reply, "s", strempty(unit_load_state_to_string(u->def->load_state)));
}

static BUS_PROPERTY_GETTER(property_get_active_state) {
        return sd_bus_message_append(reply, "s", strempty(unit_active_state_to_string(unit_active_state(userdata))));
}

static BUS_PROPERTY_GETTER(property_get_sub_state) {
        return sd_bus_message_append(reply, "s", strempty(unit_sub_state_to_string(userdata)));
}

static BUS_DEFINE_PROPERTY_GET_CONST(property_get_freezer_state, "s", "running");

/* UnitFileState=, UnitFilePreset=: what is-enabled and the presets say of the unit's file, by
 * the file's own name (an instance: its template's file; an alias loaded by another name: the
 * real one), as systemd asks install.c with basename(FragmentPath). No file: "". */
static const char *unit_file_name(Unit *u) {
        const char *f = u->def->fragment_path;

        if (isempty(f) || !unit_name_is_valid(basename_ptr(f), UNIT_NAME_ANY))
                return NULL;
        return basename_ptr(f);
}

static const char *unit_file_state(Unit *u) {
        const char *name = unit_file_name(u);
        UnitFileState st;

        if (!name)
                return u->def->transient || u->transient ? "transient" : "";
        /* our own file in the transient directory: what unit_file_get_state() would find,
         * without reading the search path on every GetAll (systemd-run --wait asks after each
         * PropertiesChanged) */
        if ((u->def->transient || u->transient) && u->manager->transient_dir &&
            path_startswith(u->def->fragment_path, u->manager->transient_dir))
                return "transient";
        if (unit_file_get_state(&u->manager->lookup, name, &st) < 0)
                st = UNIT_FILE_BAD;
        return unit_file_state_to_string(st);
}

static BUS_PROPERTY_GETTER(property_get_unit_file_state) {
        return sd_bus_message_append(reply, "s", unit_file_state(userdata));
}

static BUS_PROPERTY_GETTER(property_get_unit_file_preset) {
        Unit *u = userdata;
        const char *name = unit_file_name(u);
        int r;

        if (!name)
                return sd_bus_message_append(reply, "s", "");
        if (!u->unit_file_preset) {
                r = 0;
                if (!u->manager->unit_presets)
                        r = unit_presets_read(&u->manager->lookup, &u->manager->unit_presets);
                if (r >= 0)
                        r = unit_presets_match(u->manager->unit_presets, name);
                u->unit_file_preset = r < 0 ? "" : r > 0 ? "enabled" : "disabled";
        }
        return sd_bus_message_append(reply, "s", u->unit_file_preset);
}

static BUS_PROPERTY_GETTER(property_get_can_start) {
        Unit *u = userdata;

        return sd_bus_message_append(reply, "b", unit_can_start(u) && !u->def->unit.refuse_manual_start);
}

static BUS_PROPERTY_GETTER(property_get_can_stop) {
        Unit *u = userdata;

        return sd_bus_message_append(reply, "b", !u->perpetual && !u->def->unit.refuse_manual_stop);
}

static BUS_PROPERTY_GETTER(property_get_can_reload) {
        return sd_bus_message_append(reply, "b", unit_can_reload(userdata));
}

static BUS_PROPERTY_GETTER(property_get_can_isolate) {
        Unit *u = userdata;

        return sd_bus_message_append(reply, "b", u->type == UNIT_TARGET && u->def->unit.allow_isolate);
}

static BUS_PROPERTY_GETTER(property_get_job) {
        Unit *u = userdata;

        if (!u->job)
                return sd_bus_message_append(reply, "(uo)", (uint32_t) 0, "/");
        return sd_bus_message_append(reply, "(uo)", u->job->id, bus_job_path(u->job));
}

static BUS_PROPERTY_GETTER(property_get_need_daemon_reload) {
        return sd_bus_message_append(reply, "b", unit_need_daemon_reload(userdata));
}

static int append_conditions(sd_bus_message *reply, Unit *u, const Condition *c, size_t n,
                             const DualTimestamp *tested, bool result) {
        int r;

        r = sd_bus_message_open_container(reply, 'a', "(sbbsi)");
        if (r < 0)
                return r;
        for (size_t i = 0; i < n; i++) {
                /* per-condition results are not kept: not tested (0), all passed (1), or the
                 * check failed (-1 for each) */
                int32_t state = tested->realtime == 0 ? 0 : result ? 1 : -1;

                r = sd_bus_message_append(reply, "(sbbsi)", c[i].type, c[i].trigger, c[i].negate,
                                          strempty(c[i].parameter), state);
                if (r < 0)
                        return r;
        }
        return sd_bus_message_close_container(reply);
}

static BUS_PROPERTY_GETTER(property_get_conditions) {
        Unit *u = userdata;

        return append_conditions(reply, u, u->def->unit.conditions, u->def->unit.n_conditions,
                                 &u->condition_timestamp, u->condition_result);
}

static BUS_PROPERTY_GETTER(property_get_asserts) {
        Unit *u = userdata;

        return append_conditions(reply, u, u->def->unit.asserts, u->def->unit.n_asserts,
                                 &u->assert_timestamp, u->assert_result);
}

static BUS_PROPERTY_GETTER(property_get_load_error) {
        Unit *u = userdata;

        return sd_bus_message_append(reply, "(ss)", strempty(u->def->load_error_name),
                                     strempty(u->def->load_error_message));
}

static BUS_PROPERTY_GETTER(property_get_invocation_id) {
        Unit *u = userdata;

        if (sd_id128_is_null(u->invocation_id))
                return sd_bus_message_append_array(reply, 'y', NULL, 0);
        return sd_bus_message_append_array(reply, 'y', u->invocation_id.bytes, 16);
}

#define DEFINE_ENUM_DEF_PROPERTY(name, to_string, field)                                      \
        static BUS_PROPERTY_GETTER(name) {                                                    \
                Unit *_u = userdata;                                                          \
                return sd_bus_message_append(reply, "s", strempty(to_string(_u->def->field))); \
        }

BUS_DEFINE_DEF_PROPERTY(property_get_requires_mounts_for, bus_property_get_strv_or_empty, unit.requires_mounts_for);
BUS_DEFINE_DEF_PROPERTY(property_get_documentation, bus_property_get_strv_or_empty, unit.documentation);
BUS_DEFINE_DEF_PROPERTY(property_get_fragment_path, bus_property_get_string, fragment_path);
BUS_DEFINE_DEF_PROPERTY(property_get_source_path, bus_property_get_string, unit.source_path);
BUS_DEFINE_DEF_PROPERTY(property_get_dropin_paths, bus_property_get_strv_or_empty, dropin_paths);
BUS_DEFINE_DEF_PROPERTY(property_get_stop_when_unneeded, bus_property_get_bool, unit.stop_when_unneeded);
BUS_DEFINE_DEF_PROPERTY(property_get_refuse_manual_start, bus_property_get_bool, unit.refuse_manual_start);
BUS_DEFINE_DEF_PROPERTY(property_get_refuse_manual_stop, bus_property_get_bool, unit.refuse_manual_stop);
BUS_DEFINE_DEF_PROPERTY(property_get_allow_isolate, bus_property_get_bool, unit.allow_isolate);
BUS_DEFINE_DEF_PROPERTY(property_get_default_dependencies, bus_property_get_bool, unit.default_dependencies);
BUS_DEFINE_DEF_PROPERTY(property_get_ignore_on_isolate, bus_property_get_bool, unit.ignore_on_isolate);
BUS_DEFINE_DEF_PROPERTY(property_get_job_timeout, bus_property_get_u64, unit.job_timeout_usec);
BUS_DEFINE_DEF_PROPERTY(property_get_job_running_timeout, bus_property_get_u64, unit.job_running_timeout_usec);
BUS_DEFINE_DEF_PROPERTY(property_get_job_timeout_reboot_argument, bus_property_get_string, unit.job_timeout_reboot_argument);
BUS_DEFINE_DEF_PROPERTY(property_get_start_limit_interval, bus_property_get_u64, unit.start_limit_interval_usec);
BUS_DEFINE_DEF_PROPERTY(property_get_start_limit_burst, bus_property_get_u32, unit.start_limit_burst);
BUS_DEFINE_DEF_PROPERTY(property_get_failure_action_exit_status, bus_property_get_i32, unit.failure_action_exit_status);
BUS_DEFINE_DEF_PROPERTY(property_get_success_action_exit_status, bus_property_get_i32, unit.success_action_exit_status);
BUS_DEFINE_DEF_PROPERTY(property_get_reboot_argument, bus_property_get_string, unit.reboot_argument);
DEFINE_ENUM_DEF_PROPERTY(property_get_on_success_job_mode, job_mode_to_string, unit.on_success_job_mode);
DEFINE_ENUM_DEF_PROPERTY(property_get_on_failure_job_mode, job_mode_to_string, unit.on_failure_job_mode);
DEFINE_ENUM_DEF_PROPERTY(property_get_job_timeout_action, emergency_action_to_string, unit.job_timeout_action);
DEFINE_ENUM_DEF_PROPERTY(property_get_start_limit_action, emergency_action_to_string, unit.start_limit_action);
DEFINE_ENUM_DEF_PROPERTY(property_get_failure_action, emergency_action_to_string, unit.failure_action);
DEFINE_ENUM_DEF_PROPERTY(property_get_success_action, emergency_action_to_string, unit.success_action);
DEFINE_ENUM_DEF_PROPERTY(property_get_collect_mode, collect_mode_to_string, unit.collect_mode);

/* methods */

static int method_start_generic(sd_bus_message *message, void *userdata, sd_bus_error *error,
                                JobType type, bool reload_if_possible) {
        return bus_unit_method_start_generic(message, userdata, type, reload_if_possible, error);
}

static int method_start(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return method_start_generic(message, userdata, error, JOB_START, false);
}
static int method_stop(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return method_start_generic(message, userdata, error, JOB_STOP, false);
}
static int method_reload(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return method_start_generic(message, userdata, error, JOB_RELOAD, false);
}
static int method_restart(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return method_start_generic(message, userdata, error, JOB_RESTART, false);
}
static int method_try_restart(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return method_start_generic(message, userdata, error, JOB_TRY_RESTART, false);
}
static int method_reload_or_restart(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return method_start_generic(message, userdata, error, JOB_RESTART, true);
}
static int method_reload_or_try_restart(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return method_start_generic(message, userdata, error, JOB_TRY_RESTART, true);
}

static int method_enqueue_job(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        const char *type, *mode;
        int r;

        r = sd_bus_message_read(message, "ss", &type, &mode);
        if (r < 0)
                return r;
        return bus_unit_method_enqueue_job(message, userdata, type, mode, error);
}

static int method_kill(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return bus_unit_method_kill(message, userdata, error);
}

static int method_reset_failed(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return bus_unit_method_reset_failed(message, userdata, error);
}

static int method_set_properties(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return bus_unit_method_set_properties(message, userdata, error);
}

static int method_ref(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return bus_unit_method_ref(message, userdata, true, error);
}

static int method_unref(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return bus_unit_method_ref(message, userdata, false, error);
}

static int method_clean(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return bus_unit_method_clean(message, userdata, error);
}

static int method_freeze(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return bus_unit_method_freeze(message, userdata, true, error);
}

static int method_thaw(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return bus_unit_method_freeze(message, userdata, false, error);
}

#define DEP(name) SD_BUS_PROPERTY(name, "as", property_get_dependencies, 0, SD_BUS_VTABLE_PROPERTY_CONST)
#define TS(name, field)                                                                       \
        SD_BUS_PROPERTY(name, "t", bus_property_get_u64, offsetof(Unit, field.realtime),      \
                        SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),                                 \
        SD_BUS_PROPERTY(name "Monotonic", "t", bus_property_get_u64,                          \
                        offsetof(Unit, field.monotonic), SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE)
#define CONST SD_BUS_VTABLE_PROPERTY_CONST
#define CHANGE SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE

const sd_bus_vtable bus_unit_vtable[] = {
        SD_BUS_VTABLE_START(0),
        SD_BUS_PROPERTY("Id", "s", bus_property_get_string, offsetof(Unit, id), CONST),
        SD_BUS_PROPERTY("Names", "as", property_get_names, 0, CONST),
        SD_BUS_PROPERTY("Following", "s", bus_property_get_empty_string, 0, 0),
        DEP("Requires"),
        DEP("Requisite"),
        DEP("Wants"),
        DEP("BindsTo"),
        DEP("PartOf"),
        DEP("Upholds"),
        DEP("RequiredBy"),
        DEP("RequisiteOf"),
        DEP("WantedBy"),
        DEP("BoundBy"),
        DEP("UpheldBy"),
        DEP("ConsistsOf"),
        DEP("Conflicts"),
        DEP("ConflictedBy"),
        DEP("Before"),
        DEP("After"),
        DEP("OnSuccess"),
        DEP("OnSuccessOf"),
        DEP("OnFailure"),
        DEP("OnFailureOf"),
        DEP("Triggers"),
        DEP("TriggeredBy"),
        DEP("PropagatesReloadTo"),
        DEP("ReloadPropagatedFrom"),
        DEP("PropagatesStopTo"),
        DEP("StopPropagatedFrom"),
        DEP("JoinsNamespaceOf"),
        SD_BUS_PROPERTY("SliceOf", "as", property_get_slice_of, 0, CONST),
        SD_BUS_PROPERTY("RequiresMountsFor", "as", property_get_requires_mounts_for, 0, CONST),
        SD_BUS_PROPERTY("Documentation", "as", property_get_documentation, 0, CONST),
        SD_BUS_PROPERTY("Description", "s", property_get_description, 0, CONST),
        SD_BUS_PROPERTY("AccessSELinuxContext", "s", bus_property_get_empty_string, 0, CONST),
        SD_BUS_PROPERTY("LoadState", "s", property_get_load_state, 0, CONST),
        SD_BUS_PROPERTY("ActiveState", "s", property_get_active_state, 0, CHANGE),
        SD_BUS_PROPERTY("FreezerState", "s", property_get_freezer_state, 0, CHANGE),
        SD_BUS_PROPERTY("SubState", "s", property_get_sub_state, 0, CHANGE),
        SD_BUS_PROPERTY("FragmentPath", "s", property_get_fragment_path, 0, CONST),
        SD_BUS_PROPERTY("SourcePath", "s", property_get_source_path, 0, CONST),
        SD_BUS_PROPERTY("DropInPaths", "as", property_get_dropin_paths, 0, CONST),
        SD_BUS_PROPERTY("UnitFileState", "s", property_get_unit_file_state, 0, 0),
        SD_BUS_PROPERTY("UnitFilePreset", "s", property_get_unit_file_preset, 0, 0),
        TS("StateChangeTimestamp", state_change_timestamp),
        TS("InactiveExitTimestamp", inactive_exit_timestamp),
        TS("ActiveEnterTimestamp", active_enter_timestamp),
        TS("ActiveExitTimestamp", active_exit_timestamp),
        TS("InactiveEnterTimestamp", inactive_enter_timestamp),
        SD_BUS_PROPERTY("CanStart", "b", property_get_can_start, 0, CONST),
        SD_BUS_PROPERTY("CanStop", "b", property_get_can_stop, 0, CONST),
        SD_BUS_PROPERTY("CanReload", "b", property_get_can_reload, 0, CONST),
        SD_BUS_PROPERTY("CanIsolate", "b", property_get_can_isolate, 0, CONST),
        SD_BUS_PROPERTY("CanClean", "as", bus_property_get_empty_strv, 0, CONST),
        /* no cgroup freezer support: false, and Freeze() says NotSupported */
        SD_BUS_PROPERTY("CanFreeze", "b", bus_property_get_false, 0, CONST),
        SD_BUS_PROPERTY("Job", "(uo)", property_get_job, 0, CHANGE),
        SD_BUS_PROPERTY("StopWhenUnneeded", "b", property_get_stop_when_unneeded, 0, CONST),
        SD_BUS_PROPERTY("RefuseManualStart", "b", property_get_refuse_manual_start, 0, CONST),
        SD_BUS_PROPERTY("RefuseManualStop", "b", property_get_refuse_manual_stop, 0, CONST),
        SD_BUS_PROPERTY("AllowIsolate", "b", property_get_allow_isolate, 0, CONST),
        SD_BUS_PROPERTY("DefaultDependencies", "b", property_get_default_dependencies, 0, CONST),
        SD_BUS_PROPERTY("OnSuccessJobMode", "s", property_get_on_success_job_mode, 0, CONST),
        SD_BUS_PROPERTY("OnFailureJobMode", "s", property_get_on_failure_job_mode, 0, CONST),
        SD_BUS_PROPERTY("IgnoreOnIsolate", "b", property_get_ignore_on_isolate, 0, CONST),
        SD_BUS_PROPERTY("NeedDaemonReload", "b", property_get_need_daemon_reload, 0, 0),
        SD_BUS_PROPERTY("Markers", "as", bus_property_get_empty_strv, 0, 0),
        SD_BUS_PROPERTY("JobTimeoutUSec", "t", property_get_job_timeout, 0, CONST),
        SD_BUS_PROPERTY("JobRunningTimeoutUSec", "t", property_get_job_running_timeout, 0, CONST),
        SD_BUS_PROPERTY("JobTimeoutAction", "s", property_get_job_timeout_action, 0, CONST),
        SD_BUS_PROPERTY("JobTimeoutRebootArgument", "s", property_get_job_timeout_reboot_argument, 0, CONST),
        SD_BUS_PROPERTY("ConditionResult", "b", bus_property_get_bool, offsetof(Unit, condition_result), CHANGE),
        SD_BUS_PROPERTY("AssertResult", "b", bus_property_get_bool, offsetof(Unit, assert_result), CHANGE),
        TS("ConditionTimestamp", condition_timestamp),
        TS("AssertTimestamp", assert_timestamp),
        SD_BUS_PROPERTY("Conditions", "a(sbbsi)", property_get_conditions, 0, SD_BUS_VTABLE_PROPERTY_EMITS_INVALIDATION),
        SD_BUS_PROPERTY("Asserts", "a(sbbsi)", property_get_asserts, 0, SD_BUS_VTABLE_PROPERTY_EMITS_INVALIDATION),
        SD_BUS_PROPERTY("LoadError", "(ss)", property_get_load_error, 0, CONST),
        SD_BUS_PROPERTY("Transient", "b", bus_property_get_bool, offsetof(Unit, transient), CONST),
        SD_BUS_PROPERTY("Perpetual", "b", bus_property_get_bool, offsetof(Unit, perpetual), CONST),
        SD_BUS_PROPERTY("StartLimitIntervalUSec", "t", property_get_start_limit_interval, 0, CONST),
        SD_BUS_PROPERTY("StartLimitBurst", "u", property_get_start_limit_burst, 0, CONST),
        SD_BUS_PROPERTY("StartLimitAction", "s", property_get_start_limit_action, 0, CONST),
        SD_BUS_PROPERTY("FailureAction", "s", property_get_failure_action, 0, CONST),
        SD_BUS_PROPERTY("FailureActionExitStatus", "i", property_get_failure_action_exit_status, 0, CONST),
        SD_BUS_PROPERTY("SuccessAction", "s", property_get_success_action, 0, CONST),
        SD_BUS_PROPERTY("SuccessActionExitStatus", "i", property_get_success_action_exit_status, 0, CONST),
        SD_BUS_PROPERTY("RebootArgument", "s", property_get_reboot_argument, 0, CONST),
        SD_BUS_PROPERTY("InvocationID", "ay", property_get_invocation_id, 0, CHANGE),
        SD_BUS_PROPERTY("CollectMode", "s", property_get_collect_mode, 0, CONST),
        SD_BUS_PROPERTY("Refs", "as", bus_property_get_empty_strv, 0, 0),
        SD_BUS_PROPERTY("ActivationDetails", "a(ss)", bus_property_get_empty_a_ss, 0, CHANGE),

        SD_BUS_METHOD_WITH_ARGS("Start", SD_BUS_ARGS("s", mode), SD_BUS_RESULT("o", job), method_start, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("Stop", SD_BUS_ARGS("s", mode), SD_BUS_RESULT("o", job), method_stop, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("Reload", SD_BUS_ARGS("s", mode), SD_BUS_RESULT("o", job), method_reload, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("Restart", SD_BUS_ARGS("s", mode), SD_BUS_RESULT("o", job), method_restart, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("TryRestart", SD_BUS_ARGS("s", mode), SD_BUS_RESULT("o", job), method_try_restart, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("ReloadOrRestart", SD_BUS_ARGS("s", mode), SD_BUS_RESULT("o", job), method_reload_or_restart, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("ReloadOrTryRestart", SD_BUS_ARGS("s", mode), SD_BUS_RESULT("o", job), method_reload_or_try_restart, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("EnqueueJob",
                                SD_BUS_ARGS("s", job_type, "s", job_mode),
                                SD_BUS_RESULT("u", job_id, "o", job_path, "s", unit_id, "o", unit_path, "s", job_type, "a(uosos)", affected_jobs),
                                method_enqueue_job, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("Kill", SD_BUS_ARGS("s", whom, "i", signal), SD_BUS_NO_RESULT, method_kill, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("ResetFailed", SD_BUS_NO_ARGS, SD_BUS_NO_RESULT, method_reset_failed, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("SetProperties", SD_BUS_ARGS("b", runtime, "a(sv)", properties), SD_BUS_NO_RESULT, method_set_properties, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("Ref", SD_BUS_NO_ARGS, SD_BUS_NO_RESULT, method_ref, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("Unref", SD_BUS_NO_ARGS, SD_BUS_NO_RESULT, method_unref, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("Clean", SD_BUS_ARGS("as", mask), SD_BUS_NO_RESULT, method_clean, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("Freeze", SD_BUS_NO_ARGS, SD_BUS_NO_RESULT, method_freeze, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("Thaw", SD_BUS_NO_ARGS, SD_BUS_NO_RESULT, method_thaw, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_VTABLE_END
};

/* the shared method logic */

int bus_unit_validate_load_state(Unit *u, sd_bus_error *error) {
        switch (u->def->load_state) {
        case UNIT_LOADED:
                return 0;
        case UNIT_NOT_FOUND:
                return sd_bus_error_setf(error, BUS_ERROR_NO_SUCH_UNIT, "Unit %s not found.", u->id);
        case UNIT_BAD_SETTING:
                return sd_bus_error_setf(error, BUS_ERROR_BAD_UNIT_SETTING,
                                         "Unit %s has a bad unit file setting.", u->id);
        case UNIT_ERROR:
                if (!isempty(u->def->load_error_name) && !isempty(u->def->load_error_message) &&
                    !streq(u->def->load_error_name, BUS_ERROR_LOAD_FAILED))
                        return sd_bus_error_set(error, u->def->load_error_name, u->def->load_error_message);
                return sd_bus_error_setf(error, BUS_ERROR_LOAD_FAILED,
                                         "Unit %s failed to load properly, please adjust/correct and reload service manager: %s",
                                         u->id, u->def->load_error_message ?: "Input/output error");
        case UNIT_MASKED:
                return sd_bus_error_setf(error, BUS_ERROR_UNIT_MASKED, "Unit %s is masked.", u->id);
        case UNIT_STUB:
        case UNIT_MERGED:
        default:
                return sd_bus_error_setf(error, BUS_ERROR_NO_SUCH_UNIT, "Unexpected load state of unit %s", u->id);
        }
}

static int set_error_from_core(sd_bus_error *error, int r, char *name, char *message) {
        if (name) {
                r = sd_bus_error_set(error, name, message ?: "");
                free(name);
                free(message);
                return r;
        }
        free(message);
        return r;
}

static int unit_queue_job(sd_bus_message *message, Unit *u, JobType type, JobMode mode,
                          bool reload_if_possible, Job **ret, sd_bus_error *error) {
        char *ename = NULL, *emsg = NULL;
        Job *j;
        int r;

        if (reload_if_possible && unit_can_reload(u)) {
                if (type == JOB_RESTART)
                        type = JOB_RELOAD_OR_START;
                else if (type == JOB_TRY_RESTART)
                        type = JOB_TRY_RELOAD;
        }

        if (type == JOB_STOP &&
            (u->def->load_state == UNIT_NOT_FOUND || u->def->load_state == UNIT_ERROR ||
             u->def->load_state == UNIT_BAD_SETTING) &&
            unit_active_state(u) == UNIT_INACTIVE)
                return sd_bus_error_setf(error, BUS_ERROR_NO_SUCH_UNIT, "Unit %s not loaded.", u->id);

        if ((type == JOB_START && u->def->unit.refuse_manual_start) ||
            (type == JOB_STOP && u->def->unit.refuse_manual_stop) ||
            ((type == JOB_RESTART || type == JOB_TRY_RESTART) &&
             (u->def->unit.refuse_manual_start || u->def->unit.refuse_manual_stop)) ||
            (type == JOB_RELOAD_OR_START && UNIT_IS_INACTIVE_OR_FAILED(unit_active_state(u)) &&
             u->def->unit.refuse_manual_start))
                return sd_bus_error_setf(error, BUS_ERROR_ONLY_BY_DEPENDENCY,
                                         "Operation refused, unit %s may be requested by dependency only (it is configured to refuse manual start/stop).",
                                         u->id);

        if (mode == JOB_ISOLATE && !(u->type == UNIT_TARGET && u->def->unit.allow_isolate))
                return sd_bus_error_set(error, BUS_ERROR_NO_ISOLATION,
                                        "Operation refused, unit may not be isolated.");

        if (type != JOB_STOP) {
                r = bus_unit_validate_load_state(u, error);
                if (r < 0)
                        return r;
        }

        if (type == JOB_RELOAD && !unit_can_reload(u))
                return sd_bus_error_setf(error, BUS_ERROR_JOB_TYPE_NOT_APPLICABLE,
                                         "Job type reload is not applicable for unit %s.", u->id);

        r = manager_add_job(u->manager, type, u, mode, &ename, &emsg, &j);
        if (r < 0)
                return set_error_from_core(error, r, ename, emsg);
        free(ename);
        free(emsg);

        /* a client on the broker is told about the end of its job (JobRemoved) */
        if (bus_is_api(u->manager, sd_bus_message_get_bus(message))) {
                const char *sender = sd_bus_message_get_sender(message);

                if (sender)
                        (void) job_add_requester(j, sender);
        }

        *ret = j;
        return 0;
}

int bus_unit_method_start_generic(sd_bus_message *message, Unit *u, JobType type,
                                  bool reload_if_possible, sd_bus_error *error) {
        const char *smode;
        JobMode mode;
        Job *j;
        int r;

        r = sd_bus_message_read(message, "s", &smode);
        if (r < 0)
                return r;
        mode = job_mode_from_string(smode);
        if (mode < 0)
                return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Job mode %s invalid", smode);

        r = unit_queue_job(message, u, type, mode, reload_if_possible, &j, error);
        if (r < 0)
                return r;
        return sd_bus_reply_method_return(message, "o", bus_job_path(j));
}

int bus_unit_method_enqueue_job(sd_bus_message *message, Unit *u, const char *type_s,
                                const char *mode_s, sd_bus_error *error) {
        _cleanup_(sd_bus_message_unrefp) sd_bus_message *reply = NULL;
        JobType type;
        JobMode mode;
        Job *j;
        int r;

        type = job_type_from_string(type_s);
        if (type < 0 || type == JOB_NOP)
                return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Job type %s invalid", type_s);
        mode = job_mode_from_string(mode_s);
        if (mode < 0)
                return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Job mode %s invalid", mode_s);

        r = unit_queue_job(message, u, type, mode, false, &j, error);
        if (r < 0)
                return r;

        r = sd_bus_message_new_method_return(message, &reply);
        if (r < 0)
                return r;
        r = sd_bus_message_append(reply, "uosos", j->id, bus_job_path(j), j->unit->id,
                                  bus_unit_path(j->unit), job_type_to_string(j->type));
        if (r < 0)
                return r;
        /* the other jobs of the transaction are not reported by the core */
        r = sd_bus_message_append(reply, "a(uosos)", 0);
        if (r < 0)
                return r;
        return sd_bus_send(NULL, reply, NULL);
}

int bus_unit_method_kill(sd_bus_message *message, Unit *u, sd_bus_error *error) {
        char *ename = NULL, *emsg = NULL;
        const char *swho;
        int32_t signo;
        KillWho who;
        int r;

        r = sd_bus_message_read(message, "si", &swho, &signo);
        if (r < 0)
                return r;

        if (isempty(swho))
                who = KILL_ALL;
        else {
                who = kill_who_from_string(swho);
                if (who < 0)
                        return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Invalid who argument %s", swho);
        }
        if (signo <= 0 || signo >= _NSIG)
                return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS, "Signal number out of range.");

        r = unit_kill(u, who, signo, &ename, &emsg);
        if (r < 0)
                return set_error_from_core(error, r, ename, emsg);
        free(ename);
        free(emsg);
        return sd_bus_reply_method_return(message, NULL);
}

int bus_unit_method_reset_failed(sd_bus_message *message, Unit *u, sd_bus_error *error) {
        unit_reset_failed(u);
        return sd_bus_reply_method_return(message, NULL);
}

static int append_process(sd_bus_message *reply, Unit *u, pid_t pid, Set **seen) {
        _cleanup_free_ char *cmdline = NULL;
        int r;

        if (pid <= 0 || set_contains(*seen, PID_TO_PTR(pid)))
                return 0;
        r = set_ensure_put(seen, PID_TO_PTR(pid));
        if (r < 0)
                return r;
        cmdline = bus_get_process_cmdline(pid);
        if (!cmdline)
                return -ENOMEM;
        return sd_bus_message_append(reply, "(sus)", strempty(u->cgroup_path), (uint32_t) pid, cmdline);
}

/* ppid of pid from /proc/<pid>/stat; the comm field may hold spaces and parentheses */
static pid_t get_ppid(pid_t pid) {
        char path[64], buf[1024], *p;
        ssize_t n;
        int fd, ppid;

        snprintf(path, sizeof path, "/proc/%i/stat", (int) pid);
        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
                return 0;
        n = read(fd, buf, sizeof buf - 1);
        safe_close(fd);
        if (n <= 0)
                return 0;
        buf[n] = 0;
        p = strrchr(buf, ')');
        if (!p || sscanf(p + 1, " %*c %i", &ppid) != 1)
                return 0;
        return ppid;
}

/* The unit's processes: those of its cgroup when it has one we can read, else its main and
 * control processes and their descendants. */
/* Unit/Service/Socket/Scope/Slice.GetProcesses() as a vtable method (userdata: the Unit*) */
int bus_unit_vtable_get_processes(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return bus_unit_method_get_processes(message, userdata, error);
}

int bus_unit_method_get_processes(sd_bus_message *message, Unit *u, sd_bus_error *error) {
        _cleanup_(sd_bus_message_unrefp) sd_bus_message *reply = NULL;
        Set *seen = NULL;
        bool from_cgroup = false;
        int r;

        r = sd_bus_message_new_method_return(message, &reply);
        if (r < 0)
                return r;
        r = sd_bus_message_open_container(reply, 'a', "(sus)");
        if (r < 0)
                return r;

        if (!isempty(u->cgroup_path)) {
                static const char *const roots[] = { "/sys/fs/cgroup/unified", "/sys/fs/cgroup/systemd", "/sys/fs/cgroup" };

                for (size_t i = 0; i < ELEMENTSOF(roots) && !from_cgroup; i++) {
                        _cleanup_(fclosep) FILE *f = NULL;
                        char p[4096];
                        int pid;

                        snprintf(p, sizeof p, "%s%s/cgroup.procs", roots[i], u->cgroup_path);
                        f = fopen(p, "re");
                        if (!f)
                                continue;
                        from_cgroup = true;
                        while (fscanf(f, "%i", &pid) == 1) {
                                r = append_process(reply, u, pid, &seen);
                                if (r < 0)
                                        goto finish;
                        }
                }
        }

        if (!from_cgroup) {
                _cleanup_(closedirp) DIR *d = NULL;
                pid_t roots[2] = { unit_main_pid(u), unit_control_pid(u) };
                size_t n_seen;

                for (size_t i = 0; i < 2; i++) {
                        r = append_process(reply, u, roots[i], &seen);
                        if (r < 0)
                                goto finish;
                }

                /* descendants: repeat the /proc scan until no new child shows up */
                do {
                        struct dirent *de;

                        n_seen = set_size(seen);
                        if (n_seen == 0)
                                break;
                        d = d ? (rewinddir(d), d) : opendir("/proc");
                        if (!d)
                                break;
                        while ((de = readdir(d))) {
                                int pid;
                                pid_t ppid;

                                if (sscanf(de->d_name, "%i", &pid) != 1 || pid <= 1)
                                        continue;
                                if (set_contains(seen, PID_TO_PTR(pid)))
                                        continue;
                                ppid = get_ppid(pid);
                                if (ppid > 0 && set_contains(seen, PID_TO_PTR(ppid))) {
                                        r = append_process(reply, u, pid, &seen);
                                        if (r < 0)
                                                goto finish;
                                }
                        }
                } while (set_size(seen) != n_seen && set_size(seen) < 65536);
        }

        r = sd_bus_message_close_container(reply);
        if (r >= 0)
                r = sd_bus_send(NULL, reply, NULL);
finish:
        set_free(seen);
        return r;
}

/* References by bus clients (AddRef=, Ref()): on the broker, one BusTrack per unit, kept as
 * the only member of u->bus_refs so that unit_may_gc() sees it; it goes when the last client
 * holding a reference loses its name. Direct connections have no name to watch and count in
 * u->n_refs. */
static BusTrack *unit_bus_track(Unit *u) {
        return u->bus_refs ? hashmap_first(u->bus_refs) : NULL;
}

static void unit_bus_track_release(Unit *u) {
        BusTrack *t = unit_bus_track(u);

        if (!t)
                return;
        set_remove(u->bus_refs, t);
        bus_track_free(t);
}

bool bus_unit_drop_refs(Unit *u, sd_bus *bus) {
        BusTrack *t = unit_bus_track(u);

        if (!t || (bus && bus_track_get_bus(t) != bus))
                return false;
        unit_bus_track_release(u);
        return true;
}

static void on_track_empty(BusTrack *t, void *userdata) {
        Unit *u = userdata;

        if (unit_bus_track(u) != t)
                return;
        unit_bus_track_release(u);
        log_debug("%s: last bus client reference gone.", u->id);
        unit_add_to_gc_queue(u);
}

int bus_unit_track_add_sender(Unit *u, sd_bus_message *message) {
        sd_bus *bus = sd_bus_message_get_bus(message);
        BusTrack *t;
        int r;

        if (!bus_is_api(u->manager, bus) || !sd_bus_message_get_sender(message)) {
                u->n_refs++;
                return 0;
        }
        /* the reference goes with the unit's UnitRemoved (bus_unit_send_removed_signal()) */
        bus_unit_send_new_signal(u);

        t = unit_bus_track(u);
        if (t && bus_track_get_bus(t) != bus) {
                unit_bus_track_release(u);      /* of a broker connection that is gone */
                t = NULL;
        }
        if (!t) {
                r = bus_track_new(bus, &t, on_track_empty, u);
                if (r < 0)
                        return r;
                r = set_ensure_put(&u->bus_refs, t);
                if (r < 0) {
                        bus_track_free(t);
                        return r;
                }
        }
        r = bus_track_add_sender(t, message);
        if (r < 0 && bus_track_count(t) == 0)
                unit_bus_track_release(u);
        return r < 0 ? r : 0;
}

int bus_unit_track_remove_sender(Unit *u, sd_bus_message *message) {
        BusTrack *t = unit_bus_track(u);

        if (!bus_is_api(u->manager, sd_bus_message_get_bus(message)) || !sd_bus_message_get_sender(message)) {
                if (u->n_refs == 0)
                        return -EUNATCH;
                u->n_refs--;
                if (u->n_refs == 0)
                        unit_add_to_gc_queue(u);
                return 0;
        }
        if (!t || bus_track_count_sender(t, message) == 0)
                return -EUNATCH;
        (void) bus_track_remove_sender(t, message);     /* may release the track (on_track_empty) */
        return 0;
}

int bus_unit_method_ref(sd_bus_message *message, Unit *u, bool ref, sd_bus_error *error) {
        int r;

        if (ref)
                r = bus_unit_track_add_sender(u, message);
        else
                r = bus_unit_track_remove_sender(u, message);
        if (r == -EUNATCH)
                return sd_bus_error_setf(error, BUS_ERROR_NOT_REFERENCED,
                                         "Unit has not been referenced yet.");
        if (r < 0)
                return sd_bus_error_set_errnof(error, r, "Failed to update reference counts: %m");
        return sd_bus_reply_method_return(message, NULL);
}

int bus_unit_method_set_properties(sd_bus_message *message, Unit *u, sd_bus_error *error) {
        const char *name;
        int runtime, r;

        r = sd_bus_message_read(message, "b", &runtime);
        if (r < 0)
                return r;
        r = sd_bus_message_enter_container(message, 'a', "(sv)");
        if (r < 0)
                return r;
        r = sd_bus_message_enter_container(message, 'r', "sv");
        if (r < 0)
                return r;
        if (r == 0)             /* nothing to set: done, as systemd answers */
                return sd_bus_reply_method_return(message, NULL);

        r = sd_bus_message_read(message, "s", &name);
        if (r < 0)
                return r;
        /* changing a loaded unit's settings at runtime is not implemented */
        return sd_bus_error_setf(error, SD_BUS_ERROR_PROPERTY_READ_ONLY,
                                 "Cannot set property %s, or unknown property.", name);
}

int bus_unit_method_clean(sd_bus_message *message, Unit *u, sd_bus_error *error) {
        _cleanup_strv_free_ char **mask = NULL;
        int r;

        r = sd_bus_message_read_strv(message, &mask);
        if (r < 0)
                return r;
        if (!UNIT_IS_INACTIVE_OR_FAILED(unit_active_state(u)) || u->job)
                return sd_bus_error_set(error, BUS_ERROR_UNIT_BUSY, "Unit is not inactive or has pending job.");
        return sd_bus_error_setf(error, BUS_ERROR_NOTHING_TO_CLEAN, "No matching resources found.");
}

int bus_unit_method_freeze(sd_bus_message *message, Unit *u, bool freeze, sd_bus_error *error) {
        return sd_bus_error_setf(error, SD_BUS_ERROR_NOT_SUPPORTED, "Unit '%s' does not support %s.",
                                 u->id, freeze ? "freezing" : "thawing");
}

int bus_unit_append_list_entry(sd_bus_message *reply, Unit *u) {
        return sd_bus_message_append(reply, "(ssssssouso)",
                                     u->id,
                                     strempty(unit_description(u)),
                                     strempty(unit_load_state_to_string(u->def->load_state)),
                                     strempty(unit_active_state_to_string(unit_active_state(u))),
                                     strempty(unit_sub_state_to_string(u)),
                                     "",
                                     bus_unit_path(u),
                                     u->job ? u->job->id : (uint32_t) 0,
                                     u->job ? job_type_to_string(u->job->type) : "",
                                     u->job ? bus_job_path(u->job) : "/");
}

/* signals */

static void send_unit_new(sd_bus *bus, void *userdata) {
        Unit *u = userdata;

        (void) sd_bus_emit_signal(bus, BUS_PATH_MANAGER, BUS_IFACE_MANAGER, "UnitNew", "so",
                                  u->id, bus_unit_path(u));
}

static void send_unit_changed(sd_bus *bus, void *userdata) {
        Unit *u = userdata;
        const char *type_iface = u->type == UNIT_SERVICE ? BUS_IFACE_SERVICE :
                                 u->type == UNIT_TARGET ? BUS_IFACE_TARGET : NULL;

        /* one signal per interface, as systemd sends them; NULL names: every property that
         * emits change or invalidation */
        if (type_iface && u->type == UNIT_SERVICE)
                (void) sd_bus_emit_properties_changed_strv(bus, bus_unit_path(u), type_iface, NULL);
        (void) sd_bus_emit_properties_changed_strv(bus, bus_unit_path(u), BUS_IFACE_UNIT, NULL);
}

static void send_unit_removed(sd_bus *bus, void *userdata) {
        Unit *u = userdata;

        (void) sd_bus_emit_signal(bus, BUS_PATH_MANAGER, BUS_IFACE_MANAGER, "UnitRemoved", "so",
                                  u->id, bus_unit_path(u));
}

/* UnitNew alone: a unit made by a call announces itself before its job, but its properties
 * only change once the job is there (pystemd.run waits for a SubState without the start job) */
bool bus_unit_has_bus_refs(Unit *u) {
        BusTrack *t = unit_bus_track(u);
        return t && bus_track_count(t) > 0;
}

static bool unit_wanted_on_api(Unit *u) {
        return bus_api_has_subscribers(u->manager) || bus_unit_has_bus_refs(u) ||
                (u->job && u->job->requesters);
}

void bus_unit_send_new_signal(Unit *u) {
        if (!u || !u->manager || u->sent_dbus_new_signal)
                return;
        bus_foreach_bus_gated(u->manager, unit_wanted_on_api(u), send_unit_new, u);
        u->sent_dbus_new_signal = true;
}

void bus_unit_send_change_signal(Unit *u) {
        if (!u || !u->manager)
                return;
        bool api = unit_wanted_on_api(u);
        if (!u->sent_dbus_new_signal) {
                bus_foreach_bus_gated(u->manager, api, send_unit_new, u);
                u->sent_dbus_new_signal = true;
        }
        bus_foreach_bus_gated(u->manager, api, send_unit_changed, u);
}

void bus_unit_send_removed_signal(Unit *u) {
        if (!u || !u->manager)
                return;
        bool api = unit_wanted_on_api(u);
        unit_bus_track_release(u);
        if (!u->sent_dbus_new_signal)
                bus_unit_send_change_signal(u);
        bus_foreach_bus_gated(u->manager, api, send_unit_removed, u);
}
