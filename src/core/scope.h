/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* scope.h: the runtime of a .scope unit, systemd.scope(5): processes the manager did not
 * spawn, handed over by StartTransientUnit(PIDs=) or AttachProcessesToUnit(). The definition
 * (KillMode=, TimeoutStopSec=, RuntimeMaxSec=, Slice=, resource control) is in u->def. */

#include "unit.h"

typedef enum ScopeState {
        SCOPE_DEAD,
        SCOPE_RUNNING,
        SCOPE_ABANDONED,
        SCOPE_STOP_SIGTERM,
        SCOPE_STOP_SIGKILL,
        SCOPE_FAILED,
        _SCOPE_STATE_MAX,
        _SCOPE_STATE_INVALID = -EINVAL,
} ScopeState;

typedef enum ScopeResult {
        SCOPE_SUCCESS,
        SCOPE_FAILURE_RESOURCES,
        SCOPE_FAILURE_TIMEOUT,
        SCOPE_FAILURE_OOM_KILL,
        _SCOPE_RESULT_MAX,
        _SCOPE_RESULT_INVALID = -EINVAL,
} ScopeResult;

/* a client-made object: at most this many processes are tracked one by one */
#define SCOPE_PIDS_MAX 4096U

typedef struct ScopePid {
        pid_t pid;
        int pidfd;                      /* -1: polled (no pidfd_open()) */
        sd_event_source *source;
} ScopePid;

typedef struct Scope {
        Unit meta;

        ScopeState state;
        ScopeResult result;

        ScopePid *pids;                 /* the processes being tracked */
        size_t n_pids;
        pid_t *pending;                 /* PIDs= given before the start, attached by it */
        size_t n_pending;

        sd_event_source *timer_source;  /* RuntimeMaxSec= while running, TimeoutStopSec= stopping */
        sd_event_source *poll_source;   /* for processes without a pidfd */
} Scope;

#define SCOPE(u) ((Scope *) (u))

extern const UnitVTable scope_vtable;

const char *scope_state_to_string(ScopeState s);
const char *scope_result_to_string(ScopeResult r);

/* PIDs=: before the start they are kept and attached when the scope starts; while running,
 * they join it at once (AttachProcessesToUnit). -ESRCH: a process does not exist; -E2BIG:
 * too many. */
int scope_add_pids(Unit *u, const pid_t *pids, size_t n);
/* AbandonScope(): the scope stays until its processes are gone; -ESTALE if not running */
int scope_abandon(Unit *u);
