/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* bus-track.c: which clients of the broker hold something (a unit reference, a Subscribe()),
 * by unique name, as sd_bus_track does, but without its blocking GetNameOwner: each name is
 * watched with an asynchronous AddMatch for its NameOwnerChanged and checked with an
 * asynchronous GetNameOwner queued after it. The broker handles a connection's messages in
 * order, so a client that left before the match took effect is caught by the GetNameOwner.
 * Counts are recursive (each add counts). When the last name goes, on_empty runs, last (it
 * may free the track). */

#include "bus-internal.h"
#include "bus-track.h"
#include "log.h"

typedef struct BusTrackName {
        BusTrack *track;
        char *name;
        unsigned n;
        sd_bus_slot *match;
        sd_bus_slot *check;
} BusTrackName;

struct BusTrack {
        sd_bus *bus;
        Hashmap *names;                 /* name → BusTrackName* */
        void (*on_empty)(BusTrack *t, void *userdata);
        void *userdata;
};

static void name_free(BusTrackName *e) {
        if (!e)
                return;
        sd_bus_slot_unref(e->match);
        sd_bus_slot_unref(e->check);
        free(e->name);
        free(e);
}

int bus_track_new(sd_bus *bus, BusTrack **ret, void (*on_empty)(BusTrack *t, void *userdata), void *userdata) {
        BusTrack *t = calloc(1, sizeof *t);

        if (!t)
                return -ENOMEM;
        t->names = hashmap_new(&string_hash_ops);
        if (!t->names) {
                free(t);
                return -ENOMEM;
        }
        t->bus = sd_bus_ref(bus);
        t->on_empty = on_empty;
        t->userdata = userdata;
        *ret = t;
        return 0;
}

BusTrack *bus_track_free(BusTrack *t) {
        BusTrackName *e;

        if (!t)
                return NULL;
        while ((e = hashmap_steal_first(t->names)))
                name_free(e);
        hashmap_free(t->names);
        sd_bus_unref(t->bus);
        free(t);
        return NULL;
}

sd_bus *bus_track_get_bus(BusTrack *t) {
        return t ? t->bus : NULL;
}

unsigned bus_track_count(BusTrack *t) {
        return t ? (unsigned) hashmap_size(t->names) : 0;
}

/* the name is gone (or its count dropped to 0): forget it; on_empty when it was the last */
static void name_gone(BusTrackName *e) {
        BusTrack *t = e->track;

        hashmap_remove(t->names, e->name);
        name_free(e);
        if (hashmap_size(t->names) == 0 && t->on_empty)
                t->on_empty(t, t->userdata);            /* may free t */
}

static int on_owner_changed(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        BusTrackName *e = userdata;
        const char *name, *old, *new;

        if (sd_bus_message_read(message, "sss", &name, &old, &new) < 0 || !streq(name, e->name))
                return 0;
        if (isempty(new)) {
                log_debug("Bus client %s is gone.", e->name);
                name_gone(e);
        }
        return 0;
}

static int on_check_reply(sd_bus_message *reply, void *userdata, sd_bus_error *error) {
        BusTrackName *e = userdata;

        /* sd-bus holds the slot while we run: dropping ours here is safe */
        e->check = sd_bus_slot_unref(e->check);
        if (sd_bus_message_is_method_error(reply, NULL)) {
                log_debug("Bus client %s left before it was tracked.", e->name);
                name_gone(e);
        }
        return 0;
}

static int name_add(BusTrack *t, const char *name) {
        _cleanup_free_ char *match = NULL;
        BusTrackName *e;
        int r;

        e = hashmap_get(t->names, name);
        if (e) {
                if (e->n == UINT_MAX)
                        return -EOVERFLOW;
                e->n++;
                return 0;
        }
        if (asprintf(&match, "type='signal',sender='org.freedesktop.DBus',path='/org/freedesktop/DBus',"
                     "interface='org.freedesktop.DBus',member='NameOwnerChanged',arg0='%s'", name) < 0)
                return -ENOMEM;
        e = calloc(1, sizeof *e);
        if (!e)
                return -ENOMEM;
        e->track = t;
        e->n = 1;
        e->name = strdup(name);
        if (!e->name) {
                free(e);
                return -ENOMEM;
        }
        r = sd_bus_add_match_async(t->bus, &e->match, match, on_owner_changed, NULL, e);
        if (r >= 0)
                r = sd_bus_call_method_async(t->bus, &e->check, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                             "org.freedesktop.DBus", "GetNameOwner", on_check_reply, e, "s", name);
        if (r >= 0)
                r = hashmap_put(t->names, e->name, e);
        if (r < 0) {
                name_free(e);
                return r;
        }
        return 0;
}

int bus_track_add_sender(BusTrack *t, sd_bus_message *m) {
        const char *sender = sd_bus_message_get_sender(m);

        if (!sender)
                return -EINVAL;
        return name_add(t, sender);
}

unsigned bus_track_count_sender(BusTrack *t, sd_bus_message *m) {
        const char *sender = sd_bus_message_get_sender(m);
        BusTrackName *e = sender && t ? hashmap_get(t->names, sender) : NULL;

        return e ? e->n : 0;
}

int bus_track_remove_sender(BusTrack *t, sd_bus_message *m) {
        const char *sender = sd_bus_message_get_sender(m);
        BusTrackName *e = sender && t ? hashmap_get(t->names, sender) : NULL;

        if (!e)
                return 0;
        if (--e->n == 0)
                name_gone(e);                           /* may free t */
        return 1;
}
