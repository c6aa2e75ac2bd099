/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* cgroup-limits.h: a unit's resource control settings as cgroup v2 controller files, and
 * writing them (cgroup-limits.c). */

#include "unit-def.h"

#define CGROUP_LIMITS_MAX 10

typedef struct CGroupLimit {
        const char *controller;         /* "cpu", "memory", "pids", "io" */
        const char *file;               /* "cpu.max" … */
        const char *setting;            /* "CPUQuota" …: what the warning names */
        bool explicit;                  /* set by the unit (a default is never warned about) */
        char value[64];                 /* what the file gets: "20000 100000", "max" … */
} CGroupLimit;

/* the files c asks for, at most CGROUP_LIMITS_MAX; default_tasks_max: UINT64_MAX for none */
size_t cgroup_context_limits(const CGroupContext *c, uint64_t default_tasks_max, CGroupLimit out[static CGROUP_LIMITS_MAX]);

/* the controllers the manager's root (base + root) has: its cgroup.controllers, into buf */
int cgroup_read_controllers(const char *base, const char *root, char *buf, size_t size);

/* Enables what the limits need (among available, the root's controllers) from the root down
 * to the parent of path, and writes them into base + path. Returns how many explicit settings
 * are not enforced (each warned about), or -errno. */
int cgroup_apply_limits(const char *base, const char *root, const char *available, const char *path,
                        const CGroupContext *c, uint64_t default_tasks_max, const char *unit_id);
