/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* cgroup.h: a cgroup v2 subtree per unit, below the manager's own cgroup, where the manager
 * may create them (systemd.resource-control(5)); otherwise processes are tracked by session
 * (every command is spawned as a session leader) and by the child subreaper. */

#include "unit.h"

int manager_setup_cgroup(Manager *m);
/* at exit: remove the (empty) cgroups the manager made below its root, deepest first */
void manager_cleanup_cgroups(Manager *m);
/* ControlGroup= of u ("/…/app.slice/u.service"), created on first use; NULL without cgroups */
const char *cgroup_unit_realize(Unit *u);
/* DefaultTasksMax=: 15% of the kernel's limits on processes and threads */
uint64_t manager_default_tasks_max(void);
/* the file system path of a cgroup path, for exec; NULL without cgroups */
char *cgroup_fs_path(const char *cgroup_path);
void cgroup_unit_release(Unit *u);
/* all live processes of u: its cgroup's (recursively), or its sessions' */
int unit_get_pids(Unit *u, pid_t **ret, size_t *ret_n);
/* kill every process of u except `except`; returns how many were signalled */
int unit_kill_all(Unit *u, int sig, pid_t except);
/* the same, sparing two pids (the main and control processes, signalled on their own) */
int unit_kill_others(Unit *u, int sig, pid_t except, pid_t except2);
bool unit_has_processes(Unit *u);
Unit *manager_get_unit_by_cgroup(Manager *m, const char *cgroup_path);
/* session leaders spawned for the unit, for tracking without cgroups */
int unit_add_session(Unit *u, pid_t sid);
