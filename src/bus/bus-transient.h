/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* bus-transient.h: StartTransientUnit(), AttachProcessesToUnit(), AbandonScope(), and the
 * conversion of a transient unit's a(sv) properties into unit-file text, kept apart from the
 * bus so that it can be fuzzed. */

#include <sys/resource.h>
#include <stdio.h>
#include <systemd/sd-bus.h>

#include "manager.h"

/* client-made objects have limits */
#define TRANSIENT_PROPERTIES_MAX 4096U          /* entries of one a(sv) */
#define TRANSIENT_AUX_UNITS_MAX 64U
#define TRANSIENT_TEXT_MAX (4U * 1024U * 1024U) /* bytes of one unit file */
#define TRANSIENT_ARGV_MAX 65536U               /* words of one command line, entries of a list */

typedef struct TransientSpec {
        UnitType type;
        FILE *unit_f, *type_f;          /* [Unit] and [Service]/[Scope] lines */
        char *unit_text, *type_text;
        size_t unit_size, type_size;
        int stdio_fd[3];                /* Standard{Input,Output,Error}FileDescriptor=, owned */
        bool add_ref;
        pid_t *pids;                    /* PIDs= */
        size_t n_pids;
        pid_t sender_pid;               /* PIDs= 0 stands for it; 0: ask sender_message */
        sd_bus_message *sender_message; /* borrowed: the caller, asked for its PID only when needed */
        struct {
                bool set;
                struct rlimit rl;
        } limit[RLIM_NLIMITS];
} TransientSpec;

int transient_spec_init(TransientSpec *s, UnitType type, pid_t sender_pid);
void transient_spec_done(TransientSpec *s);
/* Reads one a(sv) from message into s. On a refused property the error is systemd's
 * (PropertyReadOnly "Cannot set property X, or unknown property.", InvalidArgs …) and the
 * return value negative. */
int transient_spec_parse(TransientSpec *s, sd_bus_message *message, sd_bus_error *error);
/* The unit file, as systemd writes transient units. s is finished afterwards. */
int transient_spec_to_text(TransientSpec *s, char **ret, size_t *ret_size);

/* the Manager methods */
int bus_transient_start_unit(sd_bus_message *message, Manager *m, sd_bus_error *error);
int bus_transient_attach_processes(sd_bus_message *message, Manager *m, sd_bus_error *error);
int bus_transient_abandon_scope(sd_bus_message *message, Manager *m, sd_bus_error *error);
/* Unit.AttachProcesses() and the manager's: the unit's part, reading the "au" of PIDs */
int bus_unit_attach_processes(sd_bus_message *message, Unit *u, const char *subcgroup, sd_bus_error *error);
/* the vtable method of units (userdata: the Unit*) */
int bus_unit_method_attach_processes(sd_bus_message *message, void *userdata, sd_bus_error *error);
/* Scope.Abandon() and AbandonScope() */
int bus_scope_abandon(sd_bus_message *message, Unit *u, sd_bus_error *error);

/* bus-unit.c: AddRef=, Ref()/Unref() and job requesters on the broker: the unit stays while
 * a client holding it keeps its bus name */
int bus_unit_track_add_sender(Unit *u, sd_bus_message *message);
int bus_unit_track_remove_sender(Unit *u, sd_bus_message *message);
/* bus-unit.c: UnitNew only, once */
void bus_unit_send_new_signal(Unit *u);
