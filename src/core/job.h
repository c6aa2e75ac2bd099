/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* job.h: jobs and transactions. A request becomes jobs pulled in by Requires=, Wants=,
 * BindsTo=, Requisite=, Conflicts=, PartOf=, ordered by After=/Before=, installed all or
 * none (systemd.unit(5), systemctl(1) --job-mode=). A unit has at most one job. Not here:
 * what a job does to its unit (the vtable), D-Bus (bus/bus-job.c). */

#include "unit.h"

typedef enum JobType {
        JOB_START,
        JOB_VERIFY_ACTIVE,
        JOB_STOP,
        JOB_RELOAD,
        JOB_RESTART,
        /* collapsed into one of the above when installed */
        JOB_TRY_RESTART,
        JOB_TRY_RELOAD,
        JOB_RELOAD_OR_START,
        JOB_NOP,
        _JOB_TYPE_MAX,
        _JOB_TYPE_INVALID = -EINVAL,
} JobType;

typedef enum JobState {
        JOB_WAITING,
        JOB_RUNNING,
        _JOB_STATE_MAX,
        _JOB_STATE_INVALID = -EINVAL,
} JobState;

typedef enum JobResult {
        JOB_DONE,
        JOB_CANCELED,
        JOB_TIMEOUT,
        JOB_FAILED,
        JOB_DEPENDENCY,
        JOB_SKIPPED,
        JOB_INVALID,
        JOB_ASSERT,
        JOB_UNSUPPORTED,
        JOB_COLLECTED,
        JOB_ONCE,
        _JOB_RESULT_MAX,
        _JOB_RESULT_INVALID = -EINVAL,
} JobResult;

const char *job_type_to_string(JobType t);         /* "start", "verify-active", "stop", … */
JobType job_type_from_string(const char *s);
const char *job_state_to_string(JobState s);       /* "waiting", "running" */
const char *job_result_to_string(JobResult r);     /* "done", "canceled", … */

struct Job {
        Manager *manager;
        Unit *unit;
        uint32_t id;
        JobType type;
        JobState state;
        bool irreversible;
        bool ignore_order;
        bool in_run_queue;
        Job *run_next;
        char *dbus_path;
        sd_event_source *timer_source;     /* JobTimeoutSec= */
        DualTimestamp begin_running;
        /* unique names of bus clients that asked for it (JobRemoved is sent to them on the bus) */
        char **requesters;
        bool sent_dbus_new_signal;
};

/* Queue a transaction for (unit, type, mode). On success *ret is the anchor job (possibly an
 * existing one it merged into). On failure the error name and message are systemd's
 * ("org.freedesktop.systemd1.TransactionIsDestructive", …). */
int manager_add_job(Manager *m, JobType type, Unit *unit, JobMode mode,
                    char **ret_error_name, char **ret_error_message, Job **ret);

void job_finish_and_invalidate(Job *j, JobResult result, bool recursive);
void job_add_to_run_queue(Job *j);
void manager_dispatch_run_queue(Manager *m);
Job *job_free(Job *j);
int job_add_requester(Job *j, const char *bus_name);
