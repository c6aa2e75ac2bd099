/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* target.c: units that only have a state: .target (systemd.target(5)) and .slice
 * (systemd.slice(5); its cgroup is made by cgroup.c when a member needs it), and the types
 * stemd does not run yet, which load and show but refuse to start. */

#include "log.h"
#include "manager.h"
#include "unit.h"

typedef enum SimpleState {
        SIMPLE_DEAD,
        SIMPLE_ACTIVE,
        _SIMPLE_STATE_MAX,
} SimpleState;

typedef struct SimpleUnit {
        Unit meta;
        SimpleState state;
} SimpleUnit;

static void simple_set_state(Unit *u, SimpleState st) {
        SimpleUnit *t = (SimpleUnit *) u;
        SimpleState old = t->state;

        t->state = st;
        unit_notify(u, old == SIMPLE_ACTIVE ? UNIT_ACTIVE : UNIT_INACTIVE,
                    st == SIMPLE_ACTIVE ? UNIT_ACTIVE : UNIT_INACTIVE, true);
}

static int simple_start(Unit *u) {
        if (((SimpleUnit *) u)->state == SIMPLE_ACTIVE)
                return -EALREADY;
        simple_set_state(u, SIMPLE_ACTIVE);
        return 0;
}

static int simple_stop(Unit *u) {
        if (((SimpleUnit *) u)->state == SIMPLE_DEAD)
                return -EALREADY;
        simple_set_state(u, SIMPLE_DEAD);
        return 0;
}

static UnitActiveState simple_active_state(Unit *u) {
        return ((SimpleUnit *) u)->state == SIMPLE_ACTIVE ? UNIT_ACTIVE : UNIT_INACTIVE;
}

static const char *target_sub_state(Unit *u) {
        return ((SimpleUnit *) u)->state == SIMPLE_ACTIVE ? "active" : "dead";
}

const UnitVTable target_vtable = {
        .object_size = sizeof(SimpleUnit),
        .start = simple_start,
        .stop = simple_stop,
        .active_state = simple_active_state,
        .sub_state_to_string = target_sub_state,
};

const UnitVTable slice_vtable = {
        .object_size = sizeof(SimpleUnit),
        .start = simple_start,
        .stop = simple_stop,
        .active_state = simple_active_state,
        .sub_state_to_string = target_sub_state,
};

static UnitActiveState unsupported_active_state(Unit *u) {
        return UNIT_INACTIVE;
}

static const char *unsupported_sub_state(Unit *u) {
        return "dead";
}

static int unsupported_start(Unit *u) {
        log_debug("%s: units of type %s are not supported yet.", u->id, unit_type_to_string(u->type));
        return -EOPNOTSUPP;
}

const UnitVTable unsupported_vtable = {
        .object_size = sizeof(Unit),
        .start = unsupported_start,
        .active_state = unsupported_active_state,
        .sub_state_to_string = unsupported_sub_state,
};
