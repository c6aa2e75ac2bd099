/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* process.h: facts about processes read from /proc. */

#include <sys/types.h>

#include "macro.h"

bool pid_is_alive(pid_t pid);                       /* exists and is not a zombie */
int pid_get_sid(pid_t pid, pid_t *ret);
int pid_get_ppid(pid_t pid, pid_t *ret);
int pid_get_comm(pid_t pid, char **ret);
int pid_get_cmdline(pid_t pid, char **ret);         /* argv joined by spaces, or [comm] */
int pid_get_cgroup(pid_t pid, char **ret);          /* the unified hierarchy path "0::/x" → "/x" */
/* every live process whose session id is one of sids[] */
int pids_in_sessions(const pid_t *sids, size_t n_sids, pid_t **ret, size_t *ret_n);
