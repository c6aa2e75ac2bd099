/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* bus-track.h: clients of the broker that hold something, by unique name, watched without
 * blocking (bus-track.c). */

#include <systemd/sd-bus.h>

typedef struct BusTrack BusTrack;

/* on_empty: the last name went (its client left, or its count dropped to 0); it may free t */
int bus_track_new(sd_bus *bus, BusTrack **ret, void (*on_empty)(BusTrack *t, void *userdata), void *userdata);
BusTrack *bus_track_free(BusTrack *t);
sd_bus *bus_track_get_bus(BusTrack *t);
unsigned bus_track_count(BusTrack *t);            /* names */
/* the sender of m, once more (-EINVAL: no sender) */
int bus_track_add_sender(BusTrack *t, sd_bus_message *m);
/* once less; 0 if the sender held nothing */
int bus_track_remove_sender(BusTrack *t, sd_bus_message *m);
unsigned bus_track_count_sender(BusTrack *t, sd_bus_message *m);
