/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* bus-manager.c: org.freedesktop.systemd1.Manager on /org/freedesktop/systemd1: the unit and job
 * verbs by name, listings, the manager environment, reload, and the manager-wide signals. The
 * decisions are the core's (manager_add_job, unit_kill …); this file checks arguments and turns
 * results and failures into systemd's replies and error texts. The unit-file verbs are in
 * bus-manager-unit-files.c. */

#include <fnmatch.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include "bus-internal.h"
#include "cgroup.h"
#include "bus-transient.h"
#include "env-util.h"
#include "log.h"
#include "strv.h"
#include "unit-name.h"

#define STEMD_VERSION_STRING "252"      /* the systemd version whose API we serve */
#define STEMD_FEATURES "-PAM -AUDIT -SELINUX -APPARMOR -IMA -SMACK -SECCOMP -GCRYPT -GNUTLS -OPENSSL " \
        "-ACL -BLKID -CURL -ELFUTILS -FIDO2 -IDN2 -IDN -IPTC -KMOD -LIBCRYPTSETUP -LIBFDISK -PCRE2 "    \
        "-PWQUALITY -P11KIT -QRENCODE -TPM2 -BZIP2 -LZ4 -XZ -ZLIB -ZSTD -BPF_FRAMEWORK -XKBCOMMON "     \
        "-UTMP -SYSVINIT default-hierarchy=unified"

/* properties */

static BUS_DEFINE_PROPERTY_GET_CONST(property_get_version, "s", STEMD_VERSION_STRING);
static BUS_DEFINE_PROPERTY_GET_CONST(property_get_features, "s", STEMD_FEATURES);
static BUS_DEFINE_PROPERTY_GET_CONST(property_get_log_target, "s", "console");
static BUS_DEFINE_PROPERTY_GET_CONST(property_get_progress, "d", 1.0);
static BUS_DEFINE_PROPERTY_GET_CONST(property_get_journal, "s", "journal");
static BUS_DEFINE_PROPERTY_GET_CONST(property_get_inherit, "s", "inherit");
static BUS_DEFINE_PROPERTY_GET_CONST(property_get_stop, "s", "stop");
static BUS_DEFINE_PROPERTY_GET_CONST(property_get_reboot_force, "s", "reboot-force");
static BUS_DEFINE_PROPERTY_GET_CONST(property_get_90s, "t", (uint64_t) 90 * USEC_PER_SEC);
static BUS_DEFINE_PROPERTY_GET_CONST(property_get_60s, "t", (uint64_t) 60 * USEC_PER_SEC);
static BUS_DEFINE_PROPERTY_GET_CONST(property_get_10s, "t", (uint64_t) 10 * USEC_PER_SEC);
static BUS_DEFINE_PROPERTY_GET_CONST(property_get_100ms, "t", (uint64_t) 100 * USEC_PER_MSEC);
static BUS_DEFINE_PROPERTY_GET_CONST(property_get_five, "u", (uint32_t) 5);

static BUS_PROPERTY_GETTER(property_get_architecture) {
#if defined(__x86_64__)
        const char *a = "x86-64";
#elif defined(__i386__)
        const char *a = "x86";
#elif defined(__aarch64__)
        const char *a = "arm64";
#elif defined(__arm__)
        const char *a = "arm";
#elif defined(__riscv) && __riscv_xlen == 64
        const char *a = "riscv64";
#elif defined(__powerpc64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        const char *a = "ppc64-le";
#elif defined(__s390x__)
        const char *a = "s390x";
#else
        const char *a = "";
#endif
        return sd_bus_message_append(reply, "s", a);
}

static BUS_PROPERTY_GETTER(property_get_virtualization) {
        /* the cheap, certain cases only; systemd-detect-virt knows many more */
        const char *v = "";

        if (access("/.dockerenv", F_OK) >= 0)
                v = "docker";
        else if (access("/run/.containerenv", F_OK) >= 0)
                v = "podman";
        return sd_bus_message_append(reply, "s", v);
}

static BUS_PROPERTY_GETTER(property_get_tainted) {
        return sd_bus_message_append(reply, "s", access("/sys/fs/cgroup/cgroup.controllers", F_OK) >= 0 ? "" : "cgroupsv1");
}

static BUS_PROPERTY_GETTER(property_get_log_level) {
        static const char *const levels[] = {
                "emerg", "alert", "crit", "err", "warning", "notice", "info", "debug",
        };
        int l = log_get_max_level();

        return sd_bus_message_append(reply, "s", l >= 0 && l < (int) ELEMENTSOF(levels) ? levels[l] : "info");
}

static BUS_PROPERTY_GETTER(property_get_n_names) {
        Manager *m = userdata;

        return sd_bus_message_append(reply, "u", (uint32_t) hashmap_size(m->units));
}

static BUS_PROPERTY_GETTER(property_get_n_failed_units) {
        Manager *m = userdata;
        uint32_t n = 0;
        const char *k;
        Unit *u;

        HASHMAP_FOREACH_KEY(u, k, m->units)
                if (streq(k, u->id) && unit_active_state(u) == UNIT_FAILED)
                        n++;
        return sd_bus_message_append(reply, "u", n);
}

static BUS_PROPERTY_GETTER(property_get_n_jobs) {
        Manager *m = userdata;

        return sd_bus_message_append(reply, "u", (uint32_t) hashmap_size(m->jobs));
}

static BUS_PROPERTY_GETTER(property_get_n_installed_jobs) {
        Manager *m = userdata;

        return sd_bus_message_append(reply, "u", m->current_job_id);
}

static BUS_PROPERTY_GETTER(property_get_system_state) {
        return sd_bus_message_append(reply, "s", strempty(manager_state_to_string(manager_state(userdata))));
}

static BUS_PROPERTY_GETTER(property_get_unit_path) {
        Manager *m = userdata;

        return sd_bus_message_append_strv(reply, m->lookup.search_path);
}

static BUS_PROPERTY_GETTER(property_get_exit_code) {
        Manager *m = userdata;

        return sd_bus_message_append(reply, "y", (uint8_t) m->exit_code);
}

static BUS_PROPERTY_GETTER(property_get_default_tasks_max) {
        return sd_bus_message_append(reply, "t", manager_default_tasks_max());
}

static BUS_PROPERTY_GETTER(property_get_timer_slack) {
        return sd_bus_message_append(reply, "t", (uint64_t) 50000);
}

/* boot phases a user manager does not have */
#define TS_ZERO(name)                                                                         \
        SD_BUS_PROPERTY(name "Timestamp", "t", bus_property_get_u64_zero, 0, CONST),          \
        SD_BUS_PROPERTY(name "TimestampMonotonic", "t", bus_property_get_u64_zero, 0, CONST)
#define TS_FIELD(name, f)                                                                     \
        SD_BUS_PROPERTY(name "Timestamp", "t", bus_property_get_u64, offsetof(Manager, f.realtime), CONST), \
        SD_BUS_PROPERTY(name "TimestampMonotonic", "t", bus_property_get_u64, offsetof(Manager, f.monotonic), CONST)
#define DEFAULT_LIMIT(name)                                                                   \
        SD_BUS_PROPERTY("DefaultLimit" name, "t", bus_property_get_default_rlimit, 0, CONST), \
        SD_BUS_PROPERTY("DefaultLimit" name "Soft", "t", bus_property_get_default_rlimit, 0, CONST)
#define CONST SD_BUS_VTABLE_PROPERTY_CONST
#define CHANGE SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE

/* methods */

static int get_unit_by_name(Manager *m, const char *name, Unit **ret, sd_bus_error *error) {
        Unit *u;

        if (strlen(name) > BUS_NAME_ARG_MAX)
                return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS, "Unit name too long.");
        u = manager_get_unit(m, name);
        if (!u)
                return sd_bus_error_setf(error, BUS_ERROR_NO_SUCH_UNIT, "Unit %s not loaded.", name);
        *ret = u;
        return 0;
}

static int load_unit_by_name(Manager *m, const char *name, Unit **ret, sd_bus_error *error) {
        int r;

        if (strlen(name) > BUS_NAME_ARG_MAX)
                return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS, "Unit name too long.");
        r = bus_check_unit_name(name, error);
        if (r < 0)
                return r;
        r = manager_load_unit(m, name, ret);
        if (r == -EINVAL)
                return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Unit name %s is not valid.", name);
        if (r < 0)
                return sd_bus_error_set_errnof(error, r, "Failed to load unit %s: %m", name);
        return 0;
}

static int method_get_unit(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        const char *name;
        Unit *u;
        int r;

        r = sd_bus_message_read(message, "s", &name);
        if (r < 0)
                return r;
        r = get_unit_by_name(userdata, name, &u, error);
        if (r < 0)
                return r;
        return sd_bus_reply_method_return(message, "o", bus_unit_path(u));
}

static int method_load_unit(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        const char *name;
        Unit *u;
        int r;

        r = sd_bus_message_read(message, "s", &name);
        if (r < 0)
                return r;
        r = load_unit_by_name(userdata, name, &u, error);
        if (r < 0)
                return r;
        return sd_bus_reply_method_return(message, "o", bus_unit_path(u));
}

static int method_get_unit_by_pid(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        uint32_t upid;
        pid_t pid;
        Unit *u;
        int r;

        r = sd_bus_message_read(message, "u", &upid);
        if (r < 0)
                return r;
        if (upid > INT32_MAX)
                return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Invalid PID %" PRIu32, upid);
        pid = (pid_t) upid;
        if (pid == 0) {
                r = bus_query_sender_pid(message, &pid);
                if (r < 0)
                        return r;
        }
        u = manager_get_unit_by_pid(userdata, pid);
        if (!u)
                return sd_bus_error_setf(error, BUS_ERROR_NO_UNIT_FOR_PID,
                                         "PID %i does not belong to any loaded unit.", (int) pid);
        return sd_bus_reply_method_return(message, "o", bus_unit_path(u));
}

static int method_get_unit_by_invocation_id(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        Manager *m = userdata;
        const void *a;
        size_t n;
        sd_id128_t id;
        Unit *u;
        int r;

        r = sd_bus_message_read_array(message, 'y', &a, &n);
        if (r < 0)
                return r;
        if (n != 16)
                return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS, "Invalid invocation ID");
        memcpy(id.bytes, a, 16);

        HASHMAP_FOREACH(u, m->units)
                if (sd_id128_equal(u->invocation_id, id))
                        return sd_bus_reply_method_return(message, "o", bus_unit_path(u));

        {
                char s[SD_ID128_STRING_MAX];

                return sd_bus_error_setf(error, BUS_ERROR_NO_UNIT_FOR_INVOCATION_ID,
                                         "No unit with the specified invocation ID %s known.",
                                         sd_id128_to_string(id, s));
        }
}

static int method_get_unit_by_control_group(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        Manager *m = userdata;
        const char *cg;
        Unit *u;
        int r;

        r = sd_bus_message_read(message, "s", &cg);
        if (r < 0)
                return r;
        HASHMAP_FOREACH(u, m->units)
                if (!isempty(u->cgroup_path) && streq(u->cgroup_path, cg))
                        return sd_bus_reply_method_return(message, "o", bus_unit_path(u));
        return sd_bus_error_setf(error, BUS_ERROR_NO_SUCH_UNIT,
                                 "Control group '%s' is not valid or not managed by this instance.", cg);
}

/* StartUnit & co: "ss" name, mode */
static int method_start_unit_generic(sd_bus_message *message, Manager *m, JobType type,
                                     bool reload_if_possible, sd_bus_error *error) {
        const char *name;
        Unit *u;
        int r;

        r = sd_bus_message_read(message, "s", &name);
        if (r < 0)
                return r;
        if (type == JOB_STOP && strlen(name) <= BUS_NAME_ARG_MAX && (u = manager_get_unit(m, name)))
                ;       /* stopping needs no load */
        else {
                r = load_unit_by_name(m, name, &u, error);
                if (r < 0)
                        return r;
        }
        return bus_unit_method_start_generic(message, u, type, reload_if_possible, error);
}

#define DEFINE_START_METHOD(fn, type, reload)                                                 \
        static int fn(sd_bus_message *message, void *userdata, sd_bus_error *error) {         \
                return method_start_unit_generic(message, userdata, type, reload, error);     \
        }

DEFINE_START_METHOD(method_start_unit, JOB_START, false);
DEFINE_START_METHOD(method_stop_unit, JOB_STOP, false);
DEFINE_START_METHOD(method_reload_unit, JOB_RELOAD, false);
DEFINE_START_METHOD(method_restart_unit, JOB_RESTART, false);
DEFINE_START_METHOD(method_try_restart_unit, JOB_TRY_RESTART, false);
DEFINE_START_METHOD(method_reload_or_restart_unit, JOB_RESTART, true);
DEFINE_START_METHOD(method_reload_or_try_restart_unit, JOB_TRY_RESTART, true);

static int method_start_unit_with_flags(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        Manager *m = userdata;
        const char *name, *mode;
        uint64_t flags;
        Unit *u;
        int r;

        r = sd_bus_message_read(message, "sst", &name, &mode, &flags);
        if (r < 0)
                return r;
        if (flags & ~UINT64_C(1))       /* SD_SYSTEMD_UNIT_... only "with activation details" */
                return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Invalid 'flags' parameter '%" PRIu64 "'", flags);
        r = load_unit_by_name(m, name, &u, error);
        if (r < 0)
                return r;
        r = sd_bus_message_rewind(message, true);
        if (r < 0)
                return r;
        r = sd_bus_message_skip(message, "s");
        if (r < 0)
                return r;
        return bus_unit_method_start_generic(message, u, JOB_START, false, error);
}

static int method_start_unit_replace(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        Manager *m = userdata;
        const char *old_name, *new_name;
        Unit *u;
        int r;

        r = sd_bus_message_read(message, "ss", &old_name, &new_name);
        if (r < 0)
                return r;
        r = get_unit_by_name(m, old_name, &u, error);
        if (r < 0)
                return r;
        if (!u->job || u->job->type != JOB_START)
                return sd_bus_error_setf(error, BUS_ERROR_NO_SUCH_JOB, "No job queued for unit %s", old_name);
        r = load_unit_by_name(m, new_name, &u, error);
        if (r < 0)
                return r;
        return bus_unit_method_start_generic(message, u, JOB_START, false, error);
}

static int method_enqueue_unit_job(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        const char *name, *type, *mode;
        Unit *u;
        int r;

        r = sd_bus_message_read(message, "sss", &name, &type, &mode);
        if (r < 0)
                return r;
        r = load_unit_by_name(userdata, name, &u, error);
        if (r < 0)
                return r;
        return bus_unit_method_enqueue_job(message, u, type, mode, error);
}

/* the methods on a unit by name that do not load it: "Unit %s not loaded." */
static int unit_by_name_first_arg(sd_bus_message *message, Manager *m, Unit **ret, sd_bus_error *error) {
        const char *name;
        int r;

        r = sd_bus_message_read(message, "s", &name);
        if (r < 0)
                return r;
        return get_unit_by_name(m, name, ret, error);
}

static int method_kill_unit(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        Unit *u;
        int r;

        r = unit_by_name_first_arg(message, userdata, &u, error);
        if (r < 0)
                return r;
        return bus_unit_method_kill(message, u, error);
}

static int method_reset_failed_unit(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        Unit *u;
        int r;

        r = unit_by_name_first_arg(message, userdata, &u, error);
        if (r < 0)
                return r;
        return bus_unit_method_reset_failed(message, u, error);
}

static int method_get_unit_processes(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        Unit *u;
        int r;

        r = unit_by_name_first_arg(message, userdata, &u, error);
        if (r < 0)
                return r;
        return bus_unit_method_get_processes(message, u, error);
}

static int method_clean_unit(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        Unit *u;
        int r;

        r = unit_by_name_first_arg(message, userdata, &u, error);
        if (r < 0)
                return r;
        return bus_unit_method_clean(message, u, error);
}

static int method_freeze_unit(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        Unit *u;
        int r;

        r = unit_by_name_first_arg(message, userdata, &u, error);
        if (r < 0)
                return r;
        return bus_unit_method_freeze(message, u, true, error);
}

static int method_thaw_unit(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        Unit *u;
        int r;

        r = unit_by_name_first_arg(message, userdata, &u, error);
        if (r < 0)
                return r;
        return bus_unit_method_freeze(message, u, false, error);
}

static int method_set_unit_properties(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        Unit *u;
        int r;

        r = unit_by_name_first_arg(message, userdata, &u, error);
        if (r < 0)
                return r;
        return bus_unit_method_set_properties(message, u, error);
}

static int method_ref_unit(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        Unit *u;
        int r;

        r = unit_by_name_first_arg(message, userdata, &u, error);
        if (r < 0)
                return r;
        return bus_unit_method_ref(message, u, true, error);
}

static int method_unref_unit(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        Unit *u;
        int r;

        r = unit_by_name_first_arg(message, userdata, &u, error);
        if (r < 0)
                return r;
        return bus_unit_method_ref(message, u, false, error);
}

static int method_start_transient_unit(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return bus_transient_start_unit(message, userdata, error);
}

static int method_attach_processes_to_unit(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return bus_transient_attach_processes(message, userdata, error);
}

static int method_abandon_scope(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return bus_transient_abandon_scope(message, userdata, error);
}

static int method_get_job(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        uint32_t id;
        Job *j;
        int r;

        r = sd_bus_message_read(message, "u", &id);
        if (r < 0)
                return r;
        j = manager_get_job(userdata, id);
        if (!j)
                return sd_bus_error_setf(error, BUS_ERROR_NO_SUCH_JOB, "Job %" PRIu32 " does not exist.", id);
        return sd_bus_reply_method_return(message, "o", bus_job_path(j));
}

static int method_get_job_before_after(sd_bus_message *message, Manager *m, bool before, sd_bus_error *error) {
        _cleanup_(sd_bus_message_unrefp) sd_bus_message *reply = NULL;
        uint32_t id;
        Job *j;
        int r;

        r = sd_bus_message_read(message, "u", &id);
        if (r < 0)
                return r;
        j = manager_get_job(m, id);
        if (!j)
                return sd_bus_error_setf(error, BUS_ERROR_NO_SUCH_JOB, "Job %" PRIu32 " does not exist.", id);
        r = sd_bus_message_new_method_return(message, &reply);
        if (r < 0)
                return r;
        r = bus_job_append_before_after(reply, j, before);
        if (r < 0)
                return r;
        return sd_bus_send(NULL, reply, NULL);
}

static int method_get_job_after(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return method_get_job_before_after(message, userdata, false, error);
}

static int method_get_job_before(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return method_get_job_before_after(message, userdata, true, error);
}

static int method_cancel_job(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        uint32_t id;
        Job *j;
        int r;

        r = sd_bus_message_read(message, "u", &id);
        if (r < 0)
                return r;
        j = manager_get_job(userdata, id);
        if (!j)
                return sd_bus_error_setf(error, BUS_ERROR_NO_SUCH_JOB, "Job %" PRIu32 " does not exist.", id);
        job_finish_and_invalidate(j, JOB_CANCELED, true);
        return sd_bus_reply_method_return(message, NULL);
}

static int method_clear_jobs(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        Manager *m = userdata;
        Job *j;

        /* canceling may finish other jobs: start over each time */
        while ((j = hashmap_first(m->jobs)))
                job_finish_and_invalidate(j, JOB_CANCELED, false);
        return sd_bus_reply_method_return(message, NULL);
}

static int method_reset_failed(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        Manager *m = userdata;
        Unit *u;

        HASHMAP_FOREACH(u, m->units)
                unit_reset_failed(u);
        return sd_bus_reply_method_return(message, NULL);
}

static int method_set_show_status(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        const char *mode;
        int r;

        r = sd_bus_message_read(message, "s", &mode);
        if (r < 0)
                return r;
        if (!isempty(mode) && !streq(mode, "yes") && !streq(mode, "no") && !streq(mode, "auto") &&
            !streq(mode, "temporary") && !streq(mode, "true") && !streq(mode, "false"))
                return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS, "Invalid show status mode");
        return sd_bus_reply_method_return(message, NULL);      /* no console status output */
}

/* listings */

static bool strv_isempty_(char * const *l) {
        return !l || !*l;
}

static bool unit_matches(Unit *u, char **states, char **patterns) {
        if (!strv_isempty_(states) &&
            !strv_contains(states, strempty(unit_load_state_to_string(u->def->load_state))) &&
            !strv_contains(states, strempty(unit_active_state_to_string(unit_active_state(u)))) &&
            !strv_contains(states, strempty(unit_sub_state_to_string(u))))
                return false;

        if (!strv_isempty_(patterns)) {
                bool match = false;

                STRV_FOREACH(p, patterns) {
                        /* the unit's Id only, as systemd's ListUnitsByPatterns */
                        if (fnmatch(*p, u->id, FNM_NOESCAPE) == 0) {
                                match = true;
                                break;
                        }
                }
                if (!match)
                        return false;
        }
        return true;
}

static int list_units(sd_bus_message *message, Manager *m, char **states, char **patterns) {
        _cleanup_(sd_bus_message_unrefp) sd_bus_message *reply = NULL;
        const char *k;
        Unit *u;
        int r;

        r = sd_bus_message_new_method_return(message, &reply);
        if (r < 0)
                return r;
        r = sd_bus_message_open_container(reply, 'a', "(ssssssouso)");
        if (r < 0)
                return r;
        HASHMAP_FOREACH_KEY(u, k, m->units) {
                if (!streq(k, u->id))
                        continue;
                if (!unit_matches(u, states, patterns))
                        continue;
                r = bus_unit_append_list_entry(reply, u);
                if (r < 0)
                        return r;
        }
        r = sd_bus_message_close_container(reply);
        if (r < 0)
                return r;
        return sd_bus_send(NULL, reply, NULL);
}

static int read_bounded_strv(sd_bus_message *message, char ***ret, sd_bus_error *error) {
        _cleanup_strv_free_ char **l = NULL;
        int r;

        r = sd_bus_message_read_strv(message, &l);
        if (r < 0)
                return r;
        if (strv_length(l) > BUS_LIST_ARG_MAX)
                return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS, "Too many list entries.");
        *ret = TAKE_PTR(l);
        return 0;
}

static int method_list_units(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return list_units(message, userdata, NULL, NULL);
}

static int method_list_units_filtered(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        _cleanup_strv_free_ char **states = NULL;
        int r;

        r = read_bounded_strv(message, &states, error);
        if (r < 0)
                return r;
        return list_units(message, userdata, states, NULL);
}

static int method_list_units_by_patterns(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        _cleanup_strv_free_ char **states = NULL, **patterns = NULL;
        int r;

        r = read_bounded_strv(message, &states, error);
        if (r < 0)
                return r;
        r = read_bounded_strv(message, &patterns, error);
        if (r < 0)
                return r;
        return list_units(message, userdata, states, patterns);
}

static int method_list_units_by_names(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        _cleanup_(sd_bus_message_unrefp) sd_bus_message *reply = NULL;
        _cleanup_strv_free_ char **names = NULL;
        Manager *m = userdata;
        int r;

        r = read_bounded_strv(message, &names, error);
        if (r < 0)
                return r;
        r = sd_bus_message_new_method_return(message, &reply);
        if (r < 0)
                return r;
        r = sd_bus_message_open_container(reply, 'a', "(ssssssouso)");
        if (r < 0)
                return r;
        STRV_FOREACH(n, names) {
                Unit *u;

                r = load_unit_by_name(m, *n, &u, error);
                if (r < 0)
                        return r;
                r = bus_unit_append_list_entry(reply, u);
                if (r < 0)
                        return r;
        }
        r = sd_bus_message_close_container(reply);
        if (r < 0)
                return r;
        return sd_bus_send(NULL, reply, NULL);
}

static int method_list_jobs(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        _cleanup_(sd_bus_message_unrefp) sd_bus_message *reply = NULL;
        Manager *m = userdata;
        Job *j;
        int r;

        r = sd_bus_message_new_method_return(message, &reply);
        if (r < 0)
                return r;
        r = sd_bus_message_open_container(reply, 'a', "(usssoo)");
        if (r < 0)
                return r;
        HASHMAP_FOREACH(j, m->jobs) {
                r = bus_job_append_list_entry(reply, j);
                if (r < 0)
                        return r;
        }
        r = sd_bus_message_close_container(reply);
        if (r < 0)
                return r;
        return sd_bus_send(NULL, reply, NULL);
}

static int method_subscribe(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        /* private connections get every signal unasked; broker clients from now on */
        int r = bus_api_subscribe(userdata, message, true);
        if (r < 0)
                return r;
        return sd_bus_reply_method_return(message, NULL);
}

static int method_unsubscribe(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        (void) bus_api_subscribe(userdata, message, false);
        return sd_bus_reply_method_return(message, NULL);
}

static char *manager_dump_text(Manager *m, char **patterns) {
        _cleanup_free_ char *buf = NULL;
        size_t size = 0;
        FILE *f;
        const char *k;
        Unit *u;
        Job *j;

        f = open_memstream(&buf, &size);
        if (!f)
                return NULL;
        HASHMAP_FOREACH_KEY(u, k, m->units) {
                if (!streq(k, u->id) || !unit_matches(u, NULL, patterns))
                        continue;
                fprintf(f, "-> Unit %s:\n", u->id);
                fprintf(f, "\tDescription: %s\n", strempty(unit_description(u)));
                fprintf(f, "\tUnit Load State: %s\n", strempty(unit_load_state_to_string(u->def->load_state)));
                fprintf(f, "\tUnit Active State: %s\n", strempty(unit_active_state_to_string(unit_active_state(u))));
                fprintf(f, "\tState Change Timestamp: %" PRIu64 "\n", u->state_change_timestamp.realtime);
                if (!isempty(u->def->fragment_path))
                        fprintf(f, "\tFragment Path: %s\n", u->def->fragment_path);
        }
        if (strv_isempty_(patterns))
                HASHMAP_FOREACH(j, m->jobs)
                        fprintf(f, "-> Job %" PRIu32 ":\n\tAction: %s -> %s\n\tState: %s\n", j->id,
                                j->unit->id, job_type_to_string(j->type), job_state_to_string(j->state));
        if (fclose(f) != 0)
                return NULL;
        return TAKE_PTR(buf);
}

static int reply_dump(sd_bus_message *message, Manager *m, char **patterns, bool by_fd) {
        _cleanup_free_ char *text = NULL;
        _cleanup_(closep) int fd = -1;
        size_t l;

        text = manager_dump_text(m, patterns);
        if (!text)
                return -ENOMEM;
        if (!by_fd)
                return sd_bus_reply_method_return(message, "s", text);

        if (!sd_bus_message_get_bus(message) || sd_bus_can_send(sd_bus_message_get_bus(message), 'h') <= 0)
                return sd_bus_reply_method_errorf(message, SD_BUS_ERROR_NOT_SUPPORTED,
                                                  "Connection does not support file descriptor passing.");
        fd = memfd_create("dump", MFD_CLOEXEC);
        if (fd < 0)
                return -errno;
        l = strlen(text);
        if (write(fd, text, l) != (ssize_t) l)
                return -EIO;
        if (lseek(fd, 0, SEEK_SET) < 0)
                return -errno;
        return sd_bus_reply_method_return(message, "h", fd);
}

static int method_dump(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return reply_dump(message, userdata, NULL, false);
}

static int method_dump_by_fd(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return reply_dump(message, userdata, NULL, true);
}

static int method_dump_patterns(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        _cleanup_strv_free_ char **patterns = NULL;
        int r;

        r = read_bounded_strv(message, &patterns, error);
        if (r < 0)
                return r;
        return reply_dump(message, userdata, patterns, false);
}

static int method_dump_patterns_by_fd(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        _cleanup_strv_free_ char **patterns = NULL;
        int r;

        r = read_bounded_strv(message, &patterns, error);
        if (r < 0)
                return r;
        return reply_dump(message, userdata, patterns, true);
}

static int method_reload(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        Manager *m = userdata;
        int r;

        /* manager_reload() builds the new definitions and swaps them in before it returns; the
         * reply thus follows the reload, as with systemd. Reloading(b) is the core's
         * bus_manager_send_reloading() call. */
        r = manager_reload(m);
        if (r < 0)
                return sd_bus_error_set_errnof(error, r, "Failed to reload: %m");
        return sd_bus_reply_method_return(message, NULL);
}

static int method_reexecute(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        /* no state serialization yet (road ahead 7): a reload keeps the clients' view right */
        return method_reload(message, userdata, error);
}

static int method_exit(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        Manager *m = userdata;

        m->objective = MANAGER_EXIT;
        manager_trigger_run_queue(m);
        return sd_bus_reply_method_return(message, NULL);
}

static int method_system_only(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        Manager *m = userdata;
        const char *member = sd_bus_message_get_member(message);

        if (m->scope == RUNTIME_SCOPE_USER)
                return sd_bus_error_setf(error, SD_BUS_ERROR_NOT_SUPPORTED,
                                         "%s is only supported for system managers.", strempty(member));
        return sd_bus_error_setf(error, SD_BUS_ERROR_NOT_SUPPORTED, "%s is not supported.", strempty(member));
}

static int method_set_environment(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        _cleanup_strv_free_ char **l = NULL;
        int r;

        r = read_bounded_strv(message, &l, error);
        if (r < 0)
                return r;
        STRV_FOREACH(e, l)
                if (!env_assignment_is_valid(*e))
                        return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS, "Invalid environment assignments");
        r = manager_set_environment(userdata, l);
        if (r < 0)
                return r;
        return sd_bus_reply_method_return(message, NULL);
}

static bool env_names_valid(char **l) {
        STRV_FOREACH(e, l)
                if (!env_name_is_valid(*e) && !env_assignment_is_valid(*e))
                        return false;
        return true;
}

static int method_unset_environment(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        _cleanup_strv_free_ char **l = NULL;
        int r;

        r = read_bounded_strv(message, &l, error);
        if (r < 0)
                return r;
        if (!env_names_valid(l))
                return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS,
                                        "Invalid environment variable names or assignments");
        r = manager_unset_environment(userdata, l);
        if (r < 0)
                return r;
        return sd_bus_reply_method_return(message, NULL);
}

static int method_unset_and_set_environment(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        _cleanup_strv_free_ char **minus = NULL, **plus = NULL;
        int r;

        r = read_bounded_strv(message, &minus, error);
        if (r < 0)
                return r;
        r = read_bounded_strv(message, &plus, error);
        if (r < 0)
                return r;
        if (!env_names_valid(minus))
                return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS,
                                        "Invalid environment variable names or assignments");
        STRV_FOREACH(e, plus)
                if (!env_assignment_is_valid(*e))
                        return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS, "Invalid environment assignments");
        r = manager_unset_environment(userdata, minus);
        if (r < 0)
                return r;
        r = manager_set_environment(userdata, plus);
        if (r < 0)
                return r;
        return sd_bus_reply_method_return(message, NULL);
}

static int method_enqueue_marked_jobs(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        /* Markers= are never set here, so there is nothing to enqueue */
        return sd_bus_reply_method_return(message, "ao", 0);
}

static int method_set_exit_code(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        Manager *m = userdata;
        uint8_t code;
        int r;

        r = sd_bus_message_read(message, "y", &code);
        if (r < 0)
                return r;
        m->exit_code = code;
        return sd_bus_reply_method_return(message, NULL);
}

static int method_lookup_dynamic_user_by_name(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        const char *name;
        int r;

        r = sd_bus_message_read(message, "s", &name);
        if (r < 0)
                return r;
        return sd_bus_error_setf(error, BUS_ERROR_NO_SUCH_DYNAMIC_USER, "Dynamic user %s does not exist.", name);
}

static int method_lookup_dynamic_user_by_uid(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        uint32_t uid;
        int r;

        r = sd_bus_message_read(message, "u", &uid);
        if (r < 0)
                return r;
        return sd_bus_error_setf(error, BUS_ERROR_NO_SUCH_DYNAMIC_USER, "Dynamic user ID %" PRIu32 " does not exist.", uid);
}

static int method_get_dynamic_users(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return sd_bus_reply_method_return(message, "a(us)", 0);
}

#define START_LIKE(member, fn)                                                                \
        SD_BUS_METHOD_WITH_ARGS(member, SD_BUS_ARGS("s", name, "s", mode), SD_BUS_RESULT("o", job), \
                                fn, SD_BUS_VTABLE_UNPRIVILEGED)

const sd_bus_vtable bus_manager_vtable[] = {
        SD_BUS_VTABLE_START(0),

        SD_BUS_PROPERTY("Version", "s", property_get_version, 0, CONST),
        SD_BUS_PROPERTY("Features", "s", property_get_features, 0, CONST),
        SD_BUS_PROPERTY("Virtualization", "s", property_get_virtualization, 0, CONST),
        SD_BUS_PROPERTY("Architecture", "s", property_get_architecture, 0, CONST),
        SD_BUS_PROPERTY("Tainted", "s", property_get_tainted, 0, CONST),
        TS_ZERO("Firmware"),
        TS_ZERO("Loader"),
        TS_ZERO("Kernel"),
        TS_ZERO("InitRD"),
        TS_FIELD("Userspace", timestamp_startup),
        TS_FIELD("Finish", timestamp_finish),
        TS_ZERO("SecurityStart"),
        TS_ZERO("SecurityFinish"),
        TS_FIELD("GeneratorsStart", timestamp_startup),
        TS_FIELD("GeneratorsFinish", timestamp_startup),
        TS_FIELD("UnitsLoadStart", timestamp_startup),
        TS_FIELD("UnitsLoadFinish", timestamp_startup),
        TS_FIELD("UnitsLoad", timestamp_startup),
        TS_ZERO("InitRDSecurityStart"),
        TS_ZERO("InitRDSecurityFinish"),
        TS_ZERO("InitRDGeneratorsStart"),
        TS_ZERO("InitRDGeneratorsFinish"),
        TS_ZERO("InitRDUnitsLoadStart"),
        TS_ZERO("InitRDUnitsLoadFinish"),
        SD_BUS_PROPERTY("LogLevel", "s", property_get_log_level, 0, 0),
        SD_BUS_PROPERTY("LogTarget", "s", property_get_log_target, 0, 0),
        SD_BUS_PROPERTY("NNames", "u", property_get_n_names, 0, 0),
        SD_BUS_PROPERTY("NFailedUnits", "u", property_get_n_failed_units, 0, CHANGE),
        SD_BUS_PROPERTY("NJobs", "u", property_get_n_jobs, 0, 0),
        SD_BUS_PROPERTY("NInstalledJobs", "u", property_get_n_installed_jobs, 0, 0),
        SD_BUS_PROPERTY("NFailedJobs", "u", bus_property_get_u32_zero, 0, 0),
        SD_BUS_PROPERTY("Progress", "d", property_get_progress, 0, 0),
        SD_BUS_PROPERTY("Environment", "as", bus_property_get_strv_or_empty, offsetof(Manager, environment), 0),
        SD_BUS_PROPERTY("ConfirmSpawn", "b", bus_property_get_false, 0, CONST),
        SD_BUS_PROPERTY("ShowStatus", "b", bus_property_get_false, 0, 0),
        SD_BUS_PROPERTY("UnitPath", "as", property_get_unit_path, 0, CONST),
        SD_BUS_PROPERTY("DefaultStandardOutput", "s", property_get_journal, 0, CONST),
        SD_BUS_PROPERTY("DefaultStandardError", "s", property_get_inherit, 0, CONST),
        SD_BUS_PROPERTY("WatchdogDevice", "s", bus_property_get_empty_string, 0, CONST),
        SD_BUS_PROPERTY("WatchdogLastPingTimestamp", "t", bus_property_get_u64_max, 0, 0),
        SD_BUS_PROPERTY("WatchdogLastPingTimestampMonotonic", "t", bus_property_get_u64_max, 0, 0),
        SD_BUS_PROPERTY("RuntimeWatchdogUSec", "t", bus_property_get_u64_max, 0, 0),
        SD_BUS_PROPERTY("RuntimeWatchdogPreUSec", "t", bus_property_get_u64_max, 0, 0),
        SD_BUS_PROPERTY("RuntimeWatchdogPreGovernor", "s", bus_property_get_empty_string, 0, 0),
        SD_BUS_PROPERTY("RebootWatchdogUSec", "t", bus_property_get_u64_max, 0, 0),
        SD_BUS_PROPERTY("KExecWatchdogUSec", "t", bus_property_get_u64_max, 0, 0),
        SD_BUS_PROPERTY("ServiceWatchdogs", "b", bus_property_get_true, 0, 0),
        SD_BUS_PROPERTY("ControlGroup", "s", bus_property_get_string, offsetof(Manager, cgroup_root), 0),
        SD_BUS_PROPERTY("SystemState", "s", property_get_system_state, 0, 0),
        SD_BUS_PROPERTY("ExitCode", "y", property_get_exit_code, 0, 0),
        SD_BUS_PROPERTY("DefaultTimerAccuracyUSec", "t", property_get_60s, 0, CONST),
        SD_BUS_PROPERTY("DefaultTimeoutStartUSec", "t", property_get_90s, 0, CONST),
        SD_BUS_PROPERTY("DefaultTimeoutStopUSec", "t", property_get_90s, 0, CONST),
        SD_BUS_PROPERTY("DefaultTimeoutAbortUSec", "t", property_get_90s, 0, 0),
        SD_BUS_PROPERTY("DefaultDeviceTimeoutUSec", "t", property_get_90s, 0, CONST),
        SD_BUS_PROPERTY("DefaultRestartUSec", "t", property_get_100ms, 0, CONST),
        SD_BUS_PROPERTY("DefaultStartLimitIntervalUSec", "t", property_get_10s, 0, CONST),
        SD_BUS_PROPERTY("DefaultStartLimitBurst", "u", property_get_five, 0, CONST),
        SD_BUS_PROPERTY("DefaultCPUAccounting", "b", bus_property_get_false, 0, CONST),
        SD_BUS_PROPERTY("DefaultBlockIOAccounting", "b", bus_property_get_false, 0, CONST),
        SD_BUS_PROPERTY("DefaultMemoryAccounting", "b", bus_property_get_true, 0, CONST),
        SD_BUS_PROPERTY("DefaultTasksAccounting", "b", bus_property_get_true, 0, CONST),
        DEFAULT_LIMIT("CPU"),
        DEFAULT_LIMIT("FSIZE"),
        DEFAULT_LIMIT("DATA"),
        DEFAULT_LIMIT("STACK"),
        DEFAULT_LIMIT("CORE"),
        DEFAULT_LIMIT("RSS"),
        DEFAULT_LIMIT("NOFILE"),
        DEFAULT_LIMIT("AS"),
        DEFAULT_LIMIT("NPROC"),
        DEFAULT_LIMIT("MEMLOCK"),
        DEFAULT_LIMIT("LOCKS"),
        DEFAULT_LIMIT("SIGPENDING"),
        DEFAULT_LIMIT("MSGQUEUE"),
        DEFAULT_LIMIT("NICE"),
        DEFAULT_LIMIT("RTPRIO"),
        DEFAULT_LIMIT("RTTIME"),
        SD_BUS_PROPERTY("DefaultTasksMax", "t", property_get_default_tasks_max, 0, 0),
        SD_BUS_PROPERTY("TimerSlackNSec", "t", property_get_timer_slack, 0, CONST),
        SD_BUS_PROPERTY("DefaultOOMPolicy", "s", property_get_stop, 0, CONST),
        SD_BUS_PROPERTY("DefaultOOMScoreAdjust", "i", bus_property_get_i32_zero, 0, CONST),
        SD_BUS_PROPERTY("CtrlAltDelBurstAction", "s", property_get_reboot_force, 0, CONST),

        SD_BUS_METHOD_WITH_ARGS("GetUnit", SD_BUS_ARGS("s", name), SD_BUS_RESULT("o", unit), method_get_unit, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("GetUnitByPID", SD_BUS_ARGS("u", pid), SD_BUS_RESULT("o", unit), method_get_unit_by_pid, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("GetUnitByInvocationID", SD_BUS_ARGS("ay", invocation_id), SD_BUS_RESULT("o", unit), method_get_unit_by_invocation_id, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("GetUnitByControlGroup", SD_BUS_ARGS("s", cgroup), SD_BUS_RESULT("o", unit), method_get_unit_by_control_group, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("LoadUnit", SD_BUS_ARGS("s", name), SD_BUS_RESULT("o", unit), method_load_unit, SD_BUS_VTABLE_UNPRIVILEGED),
        START_LIKE("StartUnit", method_start_unit),
        SD_BUS_METHOD_WITH_ARGS("StartUnitWithFlags", SD_BUS_ARGS("s", name, "s", mode, "t", flags), SD_BUS_RESULT("o", job), method_start_unit_with_flags, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("StartUnitReplace", SD_BUS_ARGS("s", old_unit, "s", new_unit, "s", mode), SD_BUS_RESULT("o", job), method_start_unit_replace, SD_BUS_VTABLE_UNPRIVILEGED),
        START_LIKE("StopUnit", method_stop_unit),
        START_LIKE("ReloadUnit", method_reload_unit),
        START_LIKE("RestartUnit", method_restart_unit),
        START_LIKE("TryRestartUnit", method_try_restart_unit),
        START_LIKE("ReloadOrRestartUnit", method_reload_or_restart_unit),
        START_LIKE("ReloadOrTryRestartUnit", method_reload_or_try_restart_unit),
        SD_BUS_METHOD_WITH_ARGS("EnqueueUnitJob",
                                SD_BUS_ARGS("s", name, "s", job_type, "s", job_mode),
                                SD_BUS_RESULT("u", job_id, "o", job_path, "s", unit_id, "o", unit_path, "s", job_type, "a(uosos)", affected_jobs),
                                method_enqueue_unit_job, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("KillUnit", SD_BUS_ARGS("s", name, "s", whom, "i", signal), SD_BUS_NO_RESULT, method_kill_unit, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("CleanUnit", SD_BUS_ARGS("s", name, "as", mask), SD_BUS_NO_RESULT, method_clean_unit, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("FreezeUnit", SD_BUS_ARGS("s", name), SD_BUS_NO_RESULT, method_freeze_unit, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("ThawUnit", SD_BUS_ARGS("s", name), SD_BUS_NO_RESULT, method_thaw_unit, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("ResetFailedUnit", SD_BUS_ARGS("s", name), SD_BUS_NO_RESULT, method_reset_failed_unit, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("SetUnitProperties", SD_BUS_ARGS("s", name, "b", runtime, "a(sv)", properties), SD_BUS_NO_RESULT, method_set_unit_properties, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("BindMountUnit", SD_BUS_ARGS("s", name, "s", source, "s", destination, "b", read_only, "b", mkdir), SD_BUS_NO_RESULT, bus_reply_not_supported, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("MountImageUnit", SD_BUS_ARGS("s", name, "s", source, "s", destination, "b", read_only, "b", mkdir, "a(ss)", options), SD_BUS_NO_RESULT, bus_reply_not_supported, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("RefUnit", SD_BUS_ARGS("s", name), SD_BUS_NO_RESULT, method_ref_unit, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("UnrefUnit", SD_BUS_ARGS("s", name), SD_BUS_NO_RESULT, method_unref_unit, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("StartTransientUnit", SD_BUS_ARGS("s", name, "s", mode, "a(sv)", properties, "a(sa(sv))", aux), SD_BUS_RESULT("o", job), method_start_transient_unit, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("GetUnitProcesses", SD_BUS_ARGS("s", name), SD_BUS_RESULT("a(sus)", processes), method_get_unit_processes, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("AttachProcessesToUnit", SD_BUS_ARGS("s", unit_name, "s", subcgroup, "au", pids), SD_BUS_NO_RESULT, method_attach_processes_to_unit, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("AbandonScope", SD_BUS_ARGS("s", name), SD_BUS_NO_RESULT, method_abandon_scope, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("GetJob", SD_BUS_ARGS("u", id), SD_BUS_RESULT("o", job), method_get_job, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("GetJobAfter", SD_BUS_ARGS("u", id), SD_BUS_RESULT("a(usssoo)", jobs), method_get_job_after, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("GetJobBefore", SD_BUS_ARGS("u", id), SD_BUS_RESULT("a(usssoo)", jobs), method_get_job_before, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("CancelJob", SD_BUS_ARGS("u", id), SD_BUS_NO_RESULT, method_cancel_job, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD("ClearJobs", NULL, NULL, method_clear_jobs, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD("ResetFailed", NULL, NULL, method_reset_failed, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("SetShowStatus", SD_BUS_ARGS("s", mode), SD_BUS_NO_RESULT, method_set_show_status, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("ListUnits", SD_BUS_NO_ARGS, SD_BUS_RESULT("a(ssssssouso)", units), method_list_units, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("ListUnitsFiltered", SD_BUS_ARGS("as", states), SD_BUS_RESULT("a(ssssssouso)", units), method_list_units_filtered, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("ListUnitsByPatterns", SD_BUS_ARGS("as", states, "as", patterns), SD_BUS_RESULT("a(ssssssouso)", units), method_list_units_by_patterns, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("ListUnitsByNames", SD_BUS_ARGS("as", names), SD_BUS_RESULT("a(ssssssouso)", units), method_list_units_by_names, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("ListJobs", SD_BUS_NO_ARGS, SD_BUS_RESULT("a(usssoo)", jobs), method_list_jobs, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD("Subscribe", NULL, NULL, method_subscribe, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD("Unsubscribe", NULL, NULL, method_unsubscribe, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("Dump", SD_BUS_NO_ARGS, SD_BUS_RESULT("s", output), method_dump, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("DumpUnitsMatchingPatterns", SD_BUS_ARGS("as", patterns), SD_BUS_RESULT("s", output), method_dump_patterns, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("DumpByFileDescriptor", SD_BUS_NO_ARGS, SD_BUS_RESULT("h", fd), method_dump_by_fd, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("DumpUnitsMatchingPatternsByFileDescriptor", SD_BUS_ARGS("as", patterns), SD_BUS_RESULT("h", fd), method_dump_patterns_by_fd, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD("Reload", NULL, NULL, method_reload, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD("Reexecute", NULL, NULL, method_reexecute, SD_BUS_VTABLE_UNPRIVILEGED | SD_BUS_VTABLE_METHOD_NO_REPLY),
        SD_BUS_METHOD("Exit", NULL, NULL, method_exit, 0),
        SD_BUS_METHOD("Reboot", NULL, NULL, method_system_only, 0),
        SD_BUS_METHOD("PowerOff", NULL, NULL, method_system_only, 0),
        SD_BUS_METHOD("Halt", NULL, NULL, method_system_only, 0),
        SD_BUS_METHOD("KExec", NULL, NULL, method_system_only, 0),
        SD_BUS_METHOD_WITH_ARGS("SwitchRoot", SD_BUS_ARGS("s", new_root, "s", init), SD_BUS_NO_RESULT, method_system_only, 0),
        SD_BUS_METHOD_WITH_ARGS("SetEnvironment", SD_BUS_ARGS("as", assignments), SD_BUS_NO_RESULT, method_set_environment, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("UnsetEnvironment", SD_BUS_ARGS("as", names), SD_BUS_NO_RESULT, method_unset_environment, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("UnsetAndSetEnvironment", SD_BUS_ARGS("as", names, "as", assignments), SD_BUS_NO_RESULT, method_unset_and_set_environment, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("EnqueueMarkedJobs", SD_BUS_NO_ARGS, SD_BUS_RESULT("ao", jobs), method_enqueue_marked_jobs, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("SetExitCode", SD_BUS_ARGS("y", number), SD_BUS_NO_RESULT, method_set_exit_code, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("LookupDynamicUserByName", SD_BUS_ARGS("s", name), SD_BUS_RESULT("u", uid), method_lookup_dynamic_user_by_name, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("LookupDynamicUserByUID", SD_BUS_ARGS("u", uid), SD_BUS_RESULT("s", name), method_lookup_dynamic_user_by_uid, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("GetDynamicUsers", SD_BUS_NO_ARGS, SD_BUS_RESULT("a(us)", users), method_get_dynamic_users, SD_BUS_VTABLE_UNPRIVILEGED),

        SD_BUS_SIGNAL_WITH_ARGS("UnitNew", SD_BUS_ARGS("s", id, "o", unit), 0),
        SD_BUS_SIGNAL_WITH_ARGS("UnitRemoved", SD_BUS_ARGS("s", id, "o", unit), 0),
        SD_BUS_SIGNAL_WITH_ARGS("JobNew", SD_BUS_ARGS("u", id, "o", job, "s", unit), 0),
        SD_BUS_SIGNAL_WITH_ARGS("JobRemoved", SD_BUS_ARGS("u", id, "o", job, "s", unit, "s", result), 0),
        SD_BUS_SIGNAL_WITH_ARGS("StartupFinished", SD_BUS_ARGS("t", firmware, "t", loader, "t", kernel, "t", initrd, "t", userspace, "t", total), 0),
        SD_BUS_SIGNAL("UnitFilesChanged", NULL, 0),
        SD_BUS_SIGNAL_WITH_ARGS("Reloading", SD_BUS_ARGS("b", active), 0),
        SD_BUS_VTABLE_END
};

/* signals */

static void send_reloading(sd_bus *bus, void *userdata) {
        (void) sd_bus_emit_signal(bus, BUS_PATH_MANAGER, BUS_IFACE_MANAGER, "Reloading", "b",
                                  (int) PTR_TO_UINT32(userdata));
}

void bus_manager_send_reloading(Manager *m, bool active) {
        bus_foreach_bus_gated(m, bus_api_has_subscribers(m), send_reloading, UINT32_TO_PTR(active));
}

static void send_unit_files_changed(sd_bus *bus, void *userdata) {
        (void) sd_bus_emit_signal(bus, BUS_PATH_MANAGER, BUS_IFACE_MANAGER, "UnitFilesChanged", NULL);
}

void bus_manager_send_unit_files_changed(Manager *m) {
        bus_foreach_bus_gated(m, bus_api_has_subscribers(m), send_unit_files_changed, NULL);
}
