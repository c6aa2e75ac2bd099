/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* bus-job.c: org.freedesktop.systemd1.Job on /org/freedesktop/systemd1/job/<id>, and the JobNew
 * and JobRemoved signals. A job's object exists as long as the job is in m->jobs; the id in the
 * path is decimal, as systemd writes it. */

#include "bus-internal.h"
#include "log.h"

char *bus_job_path_alloc(uint32_t id) {
        char *p;

        if (asprintf(&p, BUS_PATH_JOB_PREFIX "/%" PRIu32, id) < 0)
                return NULL;
        return p;
}

const char *bus_job_path(Job *j) {
        if (!j->dbus_path)
                j->dbus_path = bus_job_path_alloc(j->id);
        return j->dbus_path ?: "/";
}

int bus_job_find(sd_bus *bus, const char *path, const char *interface, void *userdata,
                 void **found, sd_bus_error *error) {
        Manager *m = userdata;
        const char *p;
        uint32_t id = 0;
        Job *j;

        p = startswith(path, BUS_PATH_JOB_PREFIX "/");
        if (!p || !*p || strlen(p) > 10)
                return 0;
        for (const char *c = p; *c; c++) {
                if (*c < '0' || *c > '9')
                        return 0;
                if (id > (UINT32_MAX - 9) / 10)
                        return 0;
                id = id * 10 + (uint32_t) (*c - '0');
        }

        j = manager_get_job(m, id);
        if (!j)
                return 0;
        *found = j;
        return 1;
}

int bus_job_enumerate(sd_bus *bus, const char *path, void *userdata, char ***nodes,
                      sd_bus_error *error) {
        Manager *m = userdata;
        char **l;
        size_t n = 0;
        Job *j;

        l = new0(char *, hashmap_size(m->jobs) + 1);
        if (!l)
                return -ENOMEM;
        HASHMAP_FOREACH(j, m->jobs) {
                l[n] = bus_job_path_alloc(j->id);
                if (!l[n]) {
                        for (size_t i = 0; i < n; i++)
                                free(l[i]);
                        free(l);
                        return -ENOMEM;
                }
                n++;
        }
        *nodes = l;
        return 0;
}

int bus_job_append_list_entry(sd_bus_message *reply, Job *j) {
        return sd_bus_message_append(reply, "(usssoo)", j->id, j->unit->id,
                                     job_type_to_string(j->type), job_state_to_string(j->state),
                                     bus_job_path(j), bus_unit_path(j->unit));
}

/* before: the jobs j waits for (of units j's unit is ordered after); after: the jobs that wait
 * for j. Stop jobs run in reverse order. */
int bus_job_append_before_after(sd_bus_message *reply, Job *j, bool before) {
        UnitDependency d;
        Unit *other;
        int r;

        d = before == (j->type != JOB_STOP) ? UNIT_AFTER : UNIT_BEFORE;

        r = sd_bus_message_open_container(reply, 'a', "(usssoo)");
        if (r < 0)
                return r;
        SET_FOREACH(other, j->unit->deps[d]) {
                if (!other->job || other->job == j)
                        continue;
                r = bus_job_append_list_entry(reply, other->job);
                if (r < 0)
                        return r;
        }
        return sd_bus_message_close_container(reply);
}

static BUS_PROPERTY_GETTER(property_get_unit) {
        Job *j = userdata;

        return sd_bus_message_append(reply, "(so)", j->unit->id, bus_unit_path(j->unit));
}

static BUS_PROPERTY_GETTER(property_get_type) {
        Job *j = userdata;

        return sd_bus_message_append(reply, "s", job_type_to_string(j->type));
}

static BUS_PROPERTY_GETTER(property_get_state) {
        Job *j = userdata;

        return sd_bus_message_append(reply, "s", job_state_to_string(j->state));
}

static int method_cancel(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        Job *j = userdata;

        job_finish_and_invalidate(j, JOB_CANCELED, true);
        return sd_bus_reply_method_return(message, NULL);
}

static int reply_before_after(sd_bus_message *message, Job *j, bool before) {
        _cleanup_(sd_bus_message_unrefp) sd_bus_message *reply = NULL;
        int r;

        r = sd_bus_message_new_method_return(message, &reply);
        if (r < 0)
                return r;
        r = bus_job_append_before_after(reply, j, before);
        if (r < 0)
                return r;
        return sd_bus_send(NULL, reply, NULL);
}

static int method_get_after(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return reply_before_after(message, userdata, false);
}

static int method_get_before(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return reply_before_after(message, userdata, true);
}

const sd_bus_vtable bus_job_vtable[] = {
        SD_BUS_VTABLE_START(0),
        SD_BUS_METHOD("Cancel", NULL, NULL, method_cancel, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("GetAfter", SD_BUS_NO_ARGS, SD_BUS_RESULT("a(usssoo)", jobs),
                                method_get_after, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("GetBefore", SD_BUS_NO_ARGS, SD_BUS_RESULT("a(usssoo)", jobs),
                                method_get_before, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_PROPERTY("Id", "u", bus_property_get_u32, offsetof(Job, id), SD_BUS_VTABLE_PROPERTY_CONST),
        SD_BUS_PROPERTY("Unit", "(so)", property_get_unit, 0, SD_BUS_VTABLE_PROPERTY_CONST),
        SD_BUS_PROPERTY("JobType", "s", property_get_type, 0, SD_BUS_VTABLE_PROPERTY_CONST),
        SD_BUS_PROPERTY("State", "s", property_get_state, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
        SD_BUS_PROPERTY("ActivationDetails", "a(ss)", bus_property_get_empty_a_ss, 0, SD_BUS_VTABLE_PROPERTY_CONST),
        SD_BUS_VTABLE_END
};

/* signals */

static void send_job_new(sd_bus *bus, void *userdata) {
        Job *j = userdata;

        (void) sd_bus_emit_signal(bus, BUS_PATH_MANAGER, BUS_IFACE_MANAGER, "JobNew", "uos",
                                  j->id, bus_job_path(j), j->unit->id);
}

static void send_job_changed(sd_bus *bus, void *userdata) {
        Job *j = userdata;

        (void) sd_bus_emit_properties_changed(bus, bus_job_path(j), BUS_IFACE_JOB, "State", NULL);
}

struct job_removed {
        Job *job;
        const char *result;
};

static void send_job_removed(sd_bus *bus, void *userdata) {
        struct job_removed *jr = userdata;

        (void) sd_bus_emit_signal(bus, BUS_PATH_MANAGER, BUS_IFACE_MANAGER, "JobRemoved", "uoss",
                                  jr->job->id, bus_job_path(jr->job), jr->job->unit->id, jr->result);
}

static bool job_wanted_on_api(Job *j) {
        return j->requesters || bus_api_has_subscribers(j->manager) || bus_unit_has_bus_refs(j->unit);
}

void bus_job_send_change_signal(Job *j) {
        if (!j || !j->manager)
                return;
        if (!j->sent_dbus_new_signal) {
                bus_foreach_bus_gated(j->manager, job_wanted_on_api(j), send_job_new, j);
                j->sent_dbus_new_signal = true;
                return;         /* JobNew says it all, as with systemd */
        }
        bus_foreach_bus_gated(j->manager, job_wanted_on_api(j), send_job_changed, j);
}

void bus_job_send_removed_signal(Job *j, const char *result) {
        struct job_removed jr = { .job = j, .result = result ?: "done" };

        if (!j || !j->manager)
                return;
        bool api = job_wanted_on_api(j);
        if (!j->sent_dbus_new_signal) {
                bus_foreach_bus_gated(j->manager, api, send_job_new, j);
                j->sent_dbus_new_signal = true;
        }
        /* broadcast: private peers get it unasked, broker clients by their match */
        bus_foreach_bus_gated(j->manager, api, send_job_removed, &jr);
}
