/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* job.c: jobs and transactions. A request becomes jobs pulled in by Requires=, Wants=,
 * BindsTo=, Requisite=, Conflicts=, PartOf=, PropagatesStopTo=, ordered by After=/Before=,
 * installed all or none (systemd.unit(5), systemctl(1) --job-mode=). The run queue starts a
 * job when no job it is ordered after is pending. Not here: what a job does to its unit
 * (UnitVTable), D-Bus (bus/bus-job.c). Invariant: a unit has at most one job, and
 * u->job->unit == u. */

#include "job.h"
#include "log.h"
#include "manager.h"
#include "strv.h"
#include "time-util.h"

static const char *const job_type_table[_JOB_TYPE_MAX] = {
        [JOB_START] = "start",
        [JOB_VERIFY_ACTIVE] = "verify-active",
        [JOB_STOP] = "stop",
        [JOB_RELOAD] = "reload",
        [JOB_RESTART] = "restart",
        [JOB_TRY_RESTART] = "try-restart",
        [JOB_TRY_RELOAD] = "try-reload",
        [JOB_RELOAD_OR_START] = "reload-or-start",
        [JOB_NOP] = "nop",
};

static const char *const job_state_table[_JOB_STATE_MAX] = {
        [JOB_WAITING] = "waiting",
        [JOB_RUNNING] = "running",
};

static const char *const job_result_table[_JOB_RESULT_MAX] = {
        [JOB_DONE] = "done",
        [JOB_CANCELED] = "canceled",
        [JOB_TIMEOUT] = "timeout",
        [JOB_FAILED] = "failed",
        [JOB_DEPENDENCY] = "dependency",
        [JOB_SKIPPED] = "skipped",
        [JOB_INVALID] = "invalid",
        [JOB_ASSERT] = "assert",
        [JOB_UNSUPPORTED] = "unsupported",
        [JOB_COLLECTED] = "collected",
        [JOB_ONCE] = "once",
};

const char *job_type_to_string(JobType t) {
        return t >= 0 && t < _JOB_TYPE_MAX ? job_type_table[t] : NULL;
}

JobType job_type_from_string(const char *s) {
        for (int i = 0; i < _JOB_TYPE_MAX; i++)
                if (streq(job_type_table[i], s))
                        return i;
        return _JOB_TYPE_INVALID;
}

const char *job_state_to_string(JobState s) {
        return s >= 0 && s < _JOB_STATE_MAX ? job_state_table[s] : NULL;
}

const char *job_result_to_string(JobResult r) {
        return r >= 0 && r < _JOB_RESULT_MAX ? job_result_table[r] : NULL;
}

/* what is ordered against u's job may run once that job finished or changed type */
static void job_requeue_ordered(Unit *u) {
        Unit *other;

        SET_FOREACH(other, u->deps[UNIT_AFTER])
                if (other->job)
                        job_add_to_run_queue(other->job);
        SET_FOREACH(other, u->deps[UNIT_BEFORE])
                if (other->job)
                        job_add_to_run_queue(other->job);
        manager_trigger_run_queue(u->manager);
}

static bool job_type_is_stop(JobType t) {
        return t == JOB_STOP || t == JOB_RESTART;   /* a restart stops first */
}

static bool job_type_is_start_like(JobType t) {
        return t == JOB_START || t == JOB_VERIFY_ACTIVE || t == JOB_RELOAD || t == JOB_RELOAD_OR_START;
}

/* Merging two job types for one unit (systemd.unit(5) semantics of a transaction):
 * returns the merged type or _JOB_TYPE_INVALID when they conflict. */
static JobType job_type_merge(JobType a, JobType b) {
        if (a == b)
                return a;
        if (a == JOB_NOP)
                return b;
        if (b == JOB_NOP)
                return a;
        if (a > b) {
                JobType t = a;
                a = b;
                b = t;
        }
        /* a < b in enum order: START < VERIFY_ACTIVE < STOP < RELOAD < RESTART < … */
        switch (a) {
        case JOB_START:
                if (b == JOB_VERIFY_ACTIVE)
                        return JOB_START;
                if (b == JOB_RELOAD || b == JOB_RELOAD_OR_START)
                        return JOB_RELOAD_OR_START;
                if (b == JOB_RESTART || b == JOB_TRY_RESTART)
                        return JOB_RESTART;
                return _JOB_TYPE_INVALID;
        case JOB_VERIFY_ACTIVE:
                if (b == JOB_RELOAD || b == JOB_TRY_RELOAD)
                        return JOB_RELOAD;
                if (b == JOB_RESTART || b == JOB_TRY_RESTART)
                        return JOB_RESTART;
                if (b == JOB_RELOAD_OR_START)
                        return JOB_RELOAD_OR_START;
                return _JOB_TYPE_INVALID;
        case JOB_STOP:
                return _JOB_TYPE_INVALID;
        case JOB_RELOAD:
                if (b == JOB_RESTART || b == JOB_TRY_RESTART)
                        return JOB_RESTART;
                if (b == JOB_TRY_RELOAD)
                        return JOB_RELOAD;
                if (b == JOB_RELOAD_OR_START)
                        return JOB_RELOAD_OR_START;
                return _JOB_TYPE_INVALID;
        case JOB_RESTART:
                if (b == JOB_TRY_RESTART || b == JOB_TRY_RELOAD || b == JOB_RELOAD_OR_START)
                        return JOB_RESTART;
                return _JOB_TYPE_INVALID;
        case JOB_TRY_RESTART:
                if (b == JOB_TRY_RELOAD)
                        return JOB_TRY_RESTART;
                if (b == JOB_RELOAD_OR_START)
                        return JOB_RESTART;
                return _JOB_TYPE_INVALID;
        case JOB_TRY_RELOAD:
                if (b == JOB_RELOAD_OR_START)
                        return JOB_RELOAD_OR_START;
                return _JOB_TYPE_INVALID;
        case JOB_RELOAD_OR_START:
        case JOB_NOP:
        case _JOB_TYPE_MAX:
        case _JOB_TYPE_INVALID:
                break;
        }
        return _JOB_TYPE_INVALID;
}

/* The try-/or- types become concrete ones from the unit's state when installed. */
static JobType job_type_collapse(JobType t, Unit *u) {
        UnitActiveState s = unit_active_state(u);

        switch (t) {
        case JOB_TRY_RESTART:
                return UNIT_IS_INACTIVE_OR_FAILED(s) ? JOB_NOP : JOB_RESTART;
        case JOB_TRY_RELOAD:
                return UNIT_IS_INACTIVE_OR_FAILED(s) ? JOB_NOP : JOB_RELOAD;
        case JOB_RELOAD_OR_START:
                return UNIT_IS_INACTIVE_OR_FAILED(s) ? JOB_START : JOB_RELOAD;
        case JOB_START:
        case JOB_VERIFY_ACTIVE:
        case JOB_STOP:
        case JOB_RELOAD:
        case JOB_RESTART:
        case JOB_NOP:
        case _JOB_TYPE_MAX:
        case _JOB_TYPE_INVALID:
                break;
        }
        return t;
}

/* ---- transactions ---- */

typedef struct TJob TJob;
struct TJob {
        Unit *unit;
        JobType type;
        bool matters;           /* the anchor fails if this job cannot be done */
        bool deleted;
        bool irreversible;
        TJob *by;               /* the job that pulled this one in (NULL: anchor) */
        TJob *next_in_unit;     /* other candidate jobs for the same unit */
        TJob *queue_next;
        /* cycle detection */
        unsigned generation;
        TJob *marker;
};

/* "from pulled in to": every pull is kept, not only the first (TJob.by), so that a job stays
 * as long as any job that wants it stays (transaction_collect_garbage()) */
typedef struct TJobEdge {
        TJob *from, *to;
} TJobEdge;

typedef struct Transaction {
        Hashmap *units;         /* Unit* → first TJob */
        TJob **all;
        size_t n_all, n_alloc;
        TJobEdge *edges;
        size_t n_edges, n_edges_alloc;
        TJob *queue_head, *queue_tail;
        TJob *anchor;
        char *error_name;
        char *error_message;
} Transaction;

static void transaction_done(Transaction *tr) {
        for (size_t i = 0; i < tr->n_all; i++)
                free(tr->all[i]);
        free(tr->all);
        free(tr->edges);
        hashmap_free(tr->units);
        free(tr->error_name);
        free(tr->error_message);
}

static int transaction_error(Transaction *tr, const char *name, const char *fmt, ...) _printf_(3, 4);
static int transaction_error(Transaction *tr, const char *name, const char *fmt, ...) {
        va_list ap;

        if (tr->error_name)
                return -EBADR;
        tr->error_name = strdup(name);
        va_start(ap, fmt);
        if (vasprintf(&tr->error_message, fmt, ap) < 0)
                tr->error_message = NULL;
        va_end(ap);
        return -EBADR;
}

static TJob *transaction_find(Transaction *tr, Unit *u, JobType t) {
        for (TJob *j = hashmap_get(tr->units, u); j; j = j->next_in_unit)
                if (j->type == t)
                        return j;
        return NULL;
}

static int transaction_add_edge(Transaction *tr, TJob *from, TJob *to) {
        if (!from)
                return 0;
        if (tr->n_edges >= tr->n_edges_alloc) {
                size_t n = tr->n_edges_alloc ? tr->n_edges_alloc * 2 : 32;
                TJobEdge *a = realloc(tr->edges, n * sizeof(TJobEdge));
                if (!a)
                        return -ENOMEM;
                tr->edges = a;
                tr->n_edges_alloc = n;
        }
        tr->edges[tr->n_edges++] = (TJobEdge) { from, to };
        return 0;
}

/* Adds (u, t) unless there; returns it (new jobs are queued for expansion) */
static int transaction_add(Transaction *tr, Unit *u, JobType t, TJob *by, bool matters, TJob **ret) {
        TJob *j, *first;

        j = transaction_find(tr, u, t);
        if (j) {
                if (transaction_add_edge(tr, by, j) < 0)
                        return -ENOMEM;
                if (matters && !j->matters) {
                        j->matters = true;
                        /* its own pulls must now be re-expanded with matters=true */
                        j->queue_next = NULL;
                        if (tr->queue_tail)
                                tr->queue_tail->queue_next = j;
                        else
                                tr->queue_head = j;
                        tr->queue_tail = j;
                }
                if (ret)
                        *ret = j;
                return 0;
        }

        if (tr->n_all >= tr->n_alloc) {
                size_t n = tr->n_alloc ? tr->n_alloc * 2 : 16;
                TJob **a = realloc(tr->all, n * sizeof(TJob *));
                if (!a)
                        return -ENOMEM;
                tr->all = a;
                tr->n_alloc = n;
        }
        j = new0(TJob, 1);
        if (!j)
                return -ENOMEM;
        tr->all[tr->n_all++] = j;
        j->unit = u;
        j->type = t;
        j->by = by;
        j->matters = matters;
        if (transaction_add_edge(tr, by, j) < 0)
                return -ENOMEM;

        first = hashmap_get(tr->units, u);
        j->next_in_unit = first;
        if (hashmap_replace(tr->units, u, j) < 0)
                return -ENOMEM;

        if (tr->queue_tail)
                tr->queue_tail->queue_next = j;
        else
                tr->queue_head = j;
        tr->queue_tail = j;

        if (ret)
                *ret = j;
        return 1;
}

static int unit_load_error(Transaction *tr, Unit *u) {
        switch (u->def->load_state) {
        case UNIT_NOT_FOUND:
                return transaction_error(tr, "org.freedesktop.systemd1.NoSuchUnit", "Unit %s not found.", u->id);
        case UNIT_MASKED:
                return transaction_error(tr, "org.freedesktop.systemd1.UnitMasked", "Unit %s is masked.", u->id);
        case UNIT_BAD_SETTING:
                return transaction_error(tr, "org.freedesktop.systemd1.BadUnitSetting",
                                         "Unit %s has a bad unit file setting.", u->id);
        case UNIT_LOADED:
                return 0;
        case UNIT_STUB:
        case UNIT_ERROR:
        case UNIT_MERGED:
        case _UNIT_LOAD_STATE_MAX:
        case _UNIT_LOAD_STATE_INVALID:
                break;
        }
        /* the loader's message is the whole sentence already ("Unit … failed to load properly …") */
        if (!isempty(u->def->load_error_message))
                return transaction_error(tr, "org.freedesktop.systemd1.LoadFailed", "%s", u->def->load_error_message);
        return transaction_error(tr, "org.freedesktop.systemd1.LoadFailed",
                                 "Unit %s failed to load properly, please adjust/correct and reload service manager: %s",
                                 u->id, "Input/output error");
}

static int transaction_pull(Transaction *tr, TJob *j, UnitDependency d, JobType t, bool matters) {
        Unit *other;
        int r;

        SET_FOREACH(other, j->unit->deps[d]) {
                if (job_type_is_start_like(t) && other->def->load_state != UNIT_LOADED) {
                        if (matters) {
                                r = unit_load_error(tr, other);
                                if (r < 0)
                                        return r;
                        }
                        continue;       /* Wants= of a missing unit: ignored */
                }
                r = transaction_add(tr, other, t, j, matters, NULL);
                if (r < 0)
                        return r;
        }
        return 0;
}

/* Expands one job into the jobs its dependencies call for (systemd.unit(5) [Unit] section) */
static int transaction_expand(Transaction *tr, TJob *j, JobMode mode) {
        bool m = j->matters;
        int r;

        if (mode == JOB_IGNORE_DEPENDENCIES)
                return 0;

        if (j->type == JOB_START || j->type == JOB_RESTART || j->type == JOB_RELOAD_OR_START) {
                if (mode != JOB_IGNORE_REQUIREMENTS) {
                        if ((r = transaction_pull(tr, j, UNIT_REQUIRES, JOB_START, m)) < 0 ||
                            (r = transaction_pull(tr, j, UNIT_BINDS_TO, JOB_START, m)) < 0 ||
                            (r = transaction_pull(tr, j, UNIT_REQUISITE, JOB_VERIFY_ACTIVE, m)) < 0)
                                return r;
                }
                if ((r = transaction_pull(tr, j, UNIT_WANTS, JOB_START, false)) < 0 ||
                    (r = transaction_pull(tr, j, UNIT_UPHOLDS, JOB_START, false)) < 0 ||
                    (r = transaction_pull(tr, j, UNIT_CONFLICTS, JOB_STOP, m)) < 0 ||
                    (r = transaction_pull(tr, j, UNIT_CONFLICTED_BY, JOB_STOP, false)) < 0)
                        return r;
        }

        if (j->type == JOB_STOP || j->type == JOB_RESTART) {
                /* stop propagates as stop, restart as try-restart (not starting what is not
                 * around); PropagatesStopTo= carries stop only, as in systemd 252 */
                JobType t = j->type == JOB_STOP ? JOB_STOP : JOB_TRY_RESTART;
                if ((r = transaction_pull(tr, j, UNIT_REQUIRED_BY, t, false)) < 0 ||
                    (r = transaction_pull(tr, j, UNIT_REQUISITE_OF, t, false)) < 0 ||
                    (r = transaction_pull(tr, j, UNIT_BOUND_BY, t, false)) < 0 ||
                    (r = transaction_pull(tr, j, UNIT_CONSISTS_OF, t, false)) < 0)
                        return r;
                if (j->type == JOB_STOP &&
                    (r = transaction_pull(tr, j, UNIT_PROPAGATES_STOP_TO, JOB_STOP, false)) < 0)
                        return r;
        }

        if (j->type == JOB_RELOAD || j->type == JOB_TRY_RELOAD)
                if ((r = transaction_pull(tr, j, UNIT_PROPAGATES_RELOAD_TO, JOB_TRY_RELOAD, false)) < 0)
                        return r;
        return 0;
}

static void transaction_delete(Transaction *tr, TJob *j) {
        if (j->deleted)
                return;
        j->deleted = true;
        /* whatever this job alone pulled in goes too */
        for (size_t i = 0; i < tr->n_all; i++) {
                TJob *k = tr->all[i];
                if (!k->deleted && k->by == j && !k->matters)
                        transaction_delete(tr, k);
        }
}

/* One job per unit: merge types, or drop the less important of two conflicting jobs. */
static int transaction_merge(Transaction *tr) {
        Unit *u;
        TJob *first;
        const void *key;

        HASHMAP_FOREACH_KEY(first, key, tr->units) {
                u = (Unit *) key;
                for (bool again = true; again;) {
                        again = false;
                        for (TJob *a = first; a; a = a->next_in_unit) {
                                if (a->deleted)
                                        continue;
                                for (TJob *b = a->next_in_unit; b; b = b->next_in_unit) {
                                        JobType t;

                                        if (b->deleted)
                                                continue;
                                        t = job_type_merge(a->type, b->type);
                                        if (t >= 0) {
                                                a->type = t;
                                                a->matters = a->matters || b->matters;
                                                b->deleted = true;
                                                /* b's pulls stay: they are a's now */
                                                for (size_t i = 0; i < tr->n_all; i++)
                                                        if (tr->all[i]->by == b)
                                                                tr->all[i]->by = a;
                                                for (size_t i = 0; i < tr->n_edges; i++) {
                                                        if (tr->edges[i].from == b)
                                                                tr->edges[i].from = a;
                                                        if (tr->edges[i].to == b)
                                                                tr->edges[i].to = a;
                                                }
                                                if (tr->anchor == b)
                                                        tr->anchor = a;
                                                again = true;
                                                continue;
                                        }
                                        /* conflict: keep what matters; among unimportant ones, keep the stop */
                                        if (a->matters && b->matters)
                                                return transaction_error(tr, "org.freedesktop.systemd1.TransactionJobsConflicting",
                                                                         "Transaction contains conflicting jobs '%s' and '%s' for %s. Probably contradicting requirement dependencies configured.",
                                                                         job_type_to_string(a->type), job_type_to_string(b->type), u->id);
                                        if (a->matters || (!b->matters && a->type == JOB_STOP))
                                                transaction_delete(tr, b);
                                        else
                                                transaction_delete(tr, a);
                                        again = true;
                                        break;
                                }
                                if (again)
                                        break;
                        }
                }
        }
        return 0;
}

/* A job that would find its unit already where it leads (job_type_is_redundant() of systemd) */
static bool job_type_is_redundant(JobType t, UnitActiveState s) {
        switch (t) {
        case JOB_START:
        case JOB_VERIFY_ACTIVE:
                return UNIT_IS_ACTIVE_OR_RELOADING(s);
        case JOB_STOP:
                return UNIT_IS_INACTIVE_OR_FAILED(s);
        case JOB_RELOAD:
                return s == UNIT_RELOADING;
        case JOB_RESTART:
                return false;           /* a restart is never a start */
        case JOB_NOP:
                return true;
        case JOB_TRY_RESTART:
        case JOB_TRY_RELOAD:
        case JOB_RELOAD_OR_START:
        case _JOB_TYPE_MAX:
        case _JOB_TYPE_INVALID:
                break;
        }
        return false;                   /* not collapsed: keep */
}

/* Drop jobs that would change nothing, and then every job only they pulled in, as systemd's
 * transaction_drop_redundant() and transaction_collect_garbage() do: starting a service must
 * not queue (and announce over D-Bus) a start job for each active slice and target it needs.
 * The anchor stays, and so does a job that conflicts with one installed on its unit (it has
 * to replace it). */
static void transaction_drop_redundant(Transaction *tr, JobMode mode) {
        bool changed;

        for (size_t i = 0; i < tr->n_all; i++) {
                TJob *j = tr->all[i];
                JobType t;

                if (j->deleted || j == tr->anchor)
                        continue;
                t = job_type_collapse(j->type, j->unit);
                if (!job_type_is_redundant(t, unit_active_state(j->unit)))
                        continue;
                if (j->unit->job && job_type_merge(j->unit->job->type, t) < 0)
                        continue;
                j->deleted = true;
        }

        if (mode == JOB_ISOLATE)
                return;                 /* its stop jobs hang on the anchor: nothing to collect */

        /* what is still reachable from the anchor along pulls between jobs that stay */
        for (size_t i = 0; i < tr->n_all; i++)
                tr->all[i]->marker = NULL;
        tr->anchor->marker = tr->anchor;
        do {
                changed = false;
                for (size_t i = 0; i < tr->n_edges; i++) {
                        TJobEdge *e = &tr->edges[i];
                        if (e->from->deleted || !e->from->marker || e->to->deleted || e->to->marker)
                                continue;
                        e->to->marker = e->to;
                        changed = true;
                }
        } while (changed);
        for (size_t i = 0; i < tr->n_all; i++) {
                TJob *j = tr->all[i];
                if (!j->deleted && !j->marker)
                        j->deleted = true;
                j->marker = NULL;
        }
}

static TJob *transaction_unit_job(Transaction *tr, Unit *u) {
        for (TJob *j = hashmap_get(tr->units, u); j; j = j->next_in_unit)
                if (!j->deleted)
                        return j;
        return NULL;
}

/* Ordering cycles: a DFS along After= edges among the transaction's jobs, keeping the path. A
 * cycle is broken by deleting a job on it that does not matter to the anchor, as systemd
 * does; if every job on it matters, the transaction fails. */
typedef struct OrderWalk {
        TJob **path;
        size_t n_path, n_alloc;
        unsigned generation;
} OrderWalk;

static int transaction_walk(Transaction *tr, OrderWalk *w, TJob *j) {
        Unit *other;
        int r;

        if (j->generation == w->generation) {
                if (!j->marker)
                        return 0;               /* done earlier, no cycle through it */
                /* j is on the path: the cycle is path[k..] where path[k] == j */
                size_t k = w->n_path;
                while (k > 0 && w->path[k - 1] != j)
                        k--;
                if (k > 0)
                        k--;
                log_warning("%s: Found ordering cycle on %s/%s", j->unit->id, j->unit->id,
                            job_type_to_string(j->type));
                for (size_t i = w->n_path; i > k; i--) {
                        TJob *c = w->path[i - 1];
                        log_warning("%s: Found dependency on %s/%s", j->unit->id, c->unit->id,
                                    job_type_to_string(c->type));
                }
                for (size_t i = w->n_path; i > k; i--) {
                        TJob *c = w->path[i - 1];
                        if (!c->matters && c != tr->anchor) {
                                log_warning("%s: Job %s/%s deleted to break ordering cycle starting with %s/%s",
                                            j->unit->id, c->unit->id, job_type_to_string(c->type),
                                            j->unit->id, job_type_to_string(j->type));
                                transaction_delete(tr, c);
                                return -EAGAIN;
                        }
                }
                return transaction_error(tr, "org.freedesktop.systemd1.TransactionOrderIsCyclic",
                                         "Transaction order is cyclic. See system logs for details.");
        }

        j->generation = w->generation;
        j->marker = j;
        if (w->n_path >= w->n_alloc) {
                size_t n = w->n_alloc ? w->n_alloc * 2 : 64;
                TJob **p = realloc(w->path, n * sizeof(TJob *));
                if (!p)
                        return -ENOMEM;
                w->path = p;
                w->n_alloc = n;
        }
        w->path[w->n_path++] = j;

        SET_FOREACH(other, j->unit->deps[UNIT_AFTER]) {
                TJob *o = transaction_unit_job(tr, other);
                if (!o)
                        continue;
                r = transaction_walk(tr, w, o);
                if (r < 0) {
                        w->n_path--;
                        j->marker = NULL;
                        return r;
                }
        }

        w->n_path--;
        j->marker = NULL;
        return 0;
}

static int transaction_verify_order(Transaction *tr) {
        static unsigned generation = 0;
        OrderWalk w = {};
        int r = 0;

        for (int attempt = 0; attempt < 10000; attempt++) {
                bool again = false;

                w.generation = ++generation;
                w.n_path = 0;
                for (size_t i = 0; i < tr->n_all; i++) {
                        TJob *j = tr->all[i];
                        if (j->deleted || j->generation == w.generation)
                                continue;
                        r = transaction_walk(tr, &w, j);
                        if (r == -EAGAIN) {
                                again = true;
                                break;
                        }
                        if (r < 0)
                                goto out;
                }
                if (!again) {
                        r = 0;
                        goto out;
                }
        }
        r = transaction_error(tr, "org.freedesktop.systemd1.TransactionOrderIsCyclic",
                              "Transaction order is cyclic. See system logs for details.");
out:
        free(w.path);
        return r;
}

static Job *job_new(Unit *u, JobType type) {
        Manager *m = u->manager;
        Job *j = new0(Job, 1);

        if (!j)
                return NULL;
        j->manager = m;
        j->unit = u;
        j->type = type;
        j->state = JOB_WAITING;
        j->id = ++m->current_job_id;
        if (asprintf(&j->dbus_path, "/org/freedesktop/systemd1/job/%" PRIu32, j->id) < 0) {
                free(j);
                return NULL;
        }
        if (hashmap_put(m->jobs, UINT32_TO_PTR(j->id), j) < 0) {
                free(j->dbus_path);
                free(j);
                return NULL;
        }
        return j;
}

Job *job_free(Job *j) {
        if (!j)
                return NULL;
        if (j->unit && j->unit->job == j)
                j->unit->job = NULL;
        if (j->in_run_queue) {
                for (Job **p = &j->manager->run_queue; *p; p = &(*p)->run_next)
                        if (*p == j) {
                                *p = j->run_next;
                                break;
                        }
        }
        hashmap_remove(j->manager->jobs, UINT32_TO_PTR(j->id));
        sd_event_source_disable_unref(j->timer_source);
        strv_free(j->requesters);
        free(j->dbus_path);
        free(j);
        return NULL;
}

int job_add_requester(Job *j, const char *bus_name) {
        if (!bus_name || strv_contains(j->requesters, bus_name))
                return 0;
        return strv_extend(&j->requesters, bus_name);
}

void job_add_to_run_queue(Job *j) {
        if (j->in_run_queue)
                return;
        j->in_run_queue = true;
        j->run_next = j->manager->run_queue;
        j->manager->run_queue = j;
        manager_trigger_run_queue(j->manager);
}

static int job_timeout_cb(sd_event_source *s, uint64_t usec, void *userdata) {
        Job *j = userdata;

        log_warning("%s: Job %s/%s timed out.", j->unit->id, j->unit->id, job_type_to_string(j->type));
        job_finish_and_invalidate(j, JOB_TIMEOUT, true);
        return 0;
}

static void job_arm_timeout(Job *j) {
        usec_t t = j->unit->def ? j->unit->def->unit.job_timeout_usec : USEC_INFINITY;

        if (t == 0 || t == USEC_INFINITY)
                return;
        (void) sd_event_add_time_relative(j->manager->event, &j->timer_source, CLOCK_MONOTONIC, t, 0,
                                          job_timeout_cb, j);
}

/* Install the transaction's jobs, replacing or merging with jobs already queued. */
static int transaction_activate(Transaction *tr, JobMode mode, Job **ret_anchor) {
        Manager *m = tr->anchor->unit->manager;

        /* mode=fail: any conflict with an installed job refuses the whole transaction */
        for (size_t i = 0; i < tr->n_all; i++) {
                TJob *t = tr->all[i];
                Job *e;

                if (t->deleted)
                        continue;
                e = t->unit->job;
                if (!e)
                        continue;
                if (job_type_merge(e->type, t->type) >= 0)
                        continue;
                if (mode == JOB_FAIL || e->irreversible)
                        return transaction_error(tr, "org.freedesktop.systemd1.TransactionIsDestructive",
                                                 "Transaction for %s/%s is destructive (%s has '%s' job queued, but '%s' is included in transaction).",
                                                 tr->anchor->unit->id, job_type_to_string(tr->anchor->type),
                                                 t->unit->id, job_type_to_string(e->type), job_type_to_string(t->type));
        }

        if (mode == JOB_ISOLATE || mode == JOB_FLUSH) {
                /* cancel every queued job the transaction does not touch */
                Job *e;
                bool again = true;
                while (again) {
                        again = false;
                        HASHMAP_FOREACH(e, m->jobs) {
                                if (transaction_unit_job(tr, e->unit))
                                        continue;
                                job_finish_and_invalidate(e, JOB_CANCELED, false);
                                again = true;
                                break;
                        }
                }
        }

        for (size_t i = 0; i < tr->n_all; i++) {
                TJob *t = tr->all[i];
                Unit *u = t->unit;
                Job *e = u->job;
                JobType type;

                if (t->deleted)
                        continue;

                type = job_type_collapse(t->type, u);
                if (e) {
                        JobType merged = job_type_merge(e->type, type);
                        if (merged >= 0) {
                                if (merged != e->type) {
                                        e->type = job_type_collapse(merged, u);
                                        job_add_to_run_queue(e);
                                        bus_job_send_change_signal(e);
                                }
                                if (t == tr->anchor && ret_anchor)
                                        *ret_anchor = e;
                                continue;
                        }
                        job_finish_and_invalidate(e, JOB_CANCELED, false);
                }

                Job *j = job_new(u, type);
                if (!j)
                        return -ENOMEM;
                j->irreversible = mode == JOB_REPLACE_IRREVERSIBLY && t->matters;
                j->ignore_order = mode == JOB_IGNORE_DEPENDENCIES;
                u->job = j;
                unit_trigger_notify(u);
                job_arm_timeout(j);
                bus_job_send_change_signal(j);
                job_add_to_run_queue(j);
                unit_add_to_dbus_queue(u);
                if (t == tr->anchor && ret_anchor)
                        *ret_anchor = j;
        }
        return 0;
}

int manager_add_job(Manager *m, JobType type, Unit *unit, JobMode mode,
                    char **ret_error_name, char **ret_error_message, Job **ret) {
        Transaction tr = {};
        Job *anchor = NULL;
        int r;

        assert(m);
        assert(unit);

        tr.units = hashmap_new(&trivial_hash_ops);
        if (!tr.units)
                return -ENOMEM;

        if (mode == JOB_ISOLATE && type != JOB_START) {
                r = transaction_error(&tr, "org.freedesktop.DBus.Error.InvalidArgs",
                                      "Isolate is only valid for start.");
                goto finish;
        }
        if (mode == JOB_ISOLATE && !(unit->def && unit->def->unit.allow_isolate)) {
                r = transaction_error(&tr, "org.freedesktop.systemd1.NoIsolation",
                                      "Operation refused, unit may not be isolated.");
                goto finish;
        }
        if (job_type_is_start_like(type) || type == JOB_RESTART) {
                r = unit_load_error(&tr, unit);
                if (r < 0)
                        goto finish;
        }
        if ((type == JOB_RELOAD || type == JOB_TRY_RELOAD) && !unit_can_reload(unit)) {
                r = transaction_error(&tr, "org.freedesktop.systemd1.JobTypeNotApplicable",
                                      "Job type reload is not applicable for unit %s.", unit->id);
                goto finish;
        }

        r = transaction_add(&tr, unit, type, NULL, true, &tr.anchor);
        if (r < 0)
                goto finish;

        for (TJob *j = tr.queue_head; j; j = tr.queue_head) {
                tr.queue_head = j->queue_next;
                if (!tr.queue_head)
                        tr.queue_tail = NULL;
                j->queue_next = NULL;
                r = transaction_expand(&tr, j, mode);
                if (r < 0)
                        goto finish;
        }

        if (mode == JOB_ISOLATE) {
                Unit *u;
                const void *k;
                HASHMAP_FOREACH_KEY(u, k, m->units) {
                        if (!streq(k, u->id))
                                continue;       /* aliases */
                        if (transaction_unit_job(&tr, u) || u->perpetual)
                                continue;
                        if (u->def && u->def->unit.ignore_on_isolate)
                                continue;
                        if (UNIT_IS_INACTIVE_OR_FAILED(unit_active_state(u)) && !u->job)
                                continue;
                        r = transaction_add(&tr, u, JOB_STOP, tr.anchor, false, NULL);
                        if (r < 0)
                                goto finish;
                }
        }

        r = transaction_merge(&tr);
        if (r < 0)
                goto finish;
        transaction_drop_redundant(&tr, mode);
        r = transaction_verify_order(&tr);
        if (r < 0)
                goto finish;
        r = transaction_activate(&tr, mode, &anchor);
        if (r < 0)
                goto finish;

        if (ret)
                *ret = anchor;
        r = 0;

finish:
        if (r < 0) {
                if (ret_error_name)
                        *ret_error_name = TAKE_PTR(tr.error_name);
                if (ret_error_message)
                        *ret_error_message = TAKE_PTR(tr.error_message);
                if (r == -EBADR)
                        r = -EINVAL;
        }
        transaction_done(&tr);
        return r;
}

/* ---- running jobs ---- */

/* Does a have to wait for b? The unit of a is ordered relative to b's by dep (After/Before). A
 * stop goes before a start whatever the direction; two stops go in reverse order. */
static bool job_must_wait(Job *a, Job *b, UnitDependency dep) {
        bool a_stop = job_type_is_stop(a->type), b_stop = job_type_is_stop(b->type);

        if (a->type == JOB_NOP || b->type == JOB_NOP)
                return false;
        if (a_stop != b_stop)
                return b_stop;                          /* the stop first */
        if (a_stop)
                return dep == UNIT_BEFORE;              /* stops: reverse order */
        return dep == UNIT_AFTER;
}

static bool job_is_runnable(Job *j) {
        Unit *other;

        if (j->ignore_order || j->type == JOB_NOP)
                return true;
        SET_FOREACH(other, j->unit->deps[UNIT_AFTER])
                if (other->job && job_must_wait(j, other->job, UNIT_AFTER))
                        return false;
        SET_FOREACH(other, j->unit->deps[UNIT_BEFORE])
                if (other->job && job_must_wait(j, other->job, UNIT_BEFORE))
                        return false;
        return true;
}

/* The start, with conditions, asserts and the start limit (systemd.unit(5)) */
static int unit_start(Unit *u) {
        UnitActiveState s = unit_active_state(u);
        int r;

        if (UNIT_IS_ACTIVE_OR_RELOADING(s))
                return -EALREADY;
        if (!UNIT_VTABLE(u)->start)
                return -EOPNOTSUPP;
        if (u->def->load_state != UNIT_LOADED)
                return -EINVAL;
        if (s != UNIT_ACTIVATING) {
                r = unit_test_conditions(u);
                if (r == 0)
                        return -ECOMM;
                r = unit_test_asserts(u);
                if (r == 0)
                        return -EPROTO;
        }
        return UNIT_VTABLE(u)->start(u);
}

static void job_run(Job *j) {
        Unit *u = j->unit;
        uint32_t id = j->id;
        UnitActiveState s;
        int r = 0;

        j->state = JOB_RUNNING;
        dual_timestamp_now(&j->begin_running);
        bus_job_send_change_signal(j);

        switch (j->type) {
        case JOB_START:
                r = unit_start(u);
                break;
        case JOB_VERIFY_ACTIVE:
                s = unit_active_state(u);
                if (UNIT_IS_ACTIVE_OR_RELOADING(s))
                        r = -EALREADY;
                else if (s == UNIT_ACTIVATING)
                        r = -EAGAIN;
                else
                        r = -EBADR;
                break;
        case JOB_STOP:
        case JOB_RESTART:
                s = unit_active_state(u);
                if (UNIT_IS_INACTIVE_OR_FAILED(s)) {
                        r = -EALREADY;
                        break;
                }
                r = UNIT_VTABLE(u)->stop ? UNIT_VTABLE(u)->stop(u) : -EALREADY;
                break;
        case JOB_RELOAD:
                s = unit_active_state(u);
                if (UNIT_IS_INACTIVE_OR_FAILED(s))
                        r = -ENOEXEC;
                else if (s == UNIT_ACTIVATING)
                        r = -EAGAIN;
                else
                        r = UNIT_VTABLE(u)->reload ? UNIT_VTABLE(u)->reload(u) : -EOPNOTSUPP;
                break;
        case JOB_NOP:
                r = -EALREADY;
                break;
        case JOB_TRY_RESTART:
        case JOB_TRY_RELOAD:
        case JOB_RELOAD_OR_START:
        case _JOB_TYPE_MAX:
        case _JOB_TYPE_INVALID:
                r = -EINVAL;
                break;
        }

        /* the unit's state change may already have finished (and freed) the job */
        if (!u->job || u->job->id != id)
                return;

        if (r == -EAGAIN) {
                j->state = JOB_WAITING;
                return;
        }
        if (r == -EALREADY) {
                if (j->type == JOB_RESTART && UNIT_IS_INACTIVE_OR_FAILED(unit_active_state(u))) {
                        /* the stop half is done: now the start */
                        j->type = JOB_START;
                        j->state = JOB_WAITING;
                        job_add_to_run_queue(j);
                        job_requeue_ordered(u);
                        return;
                }
                job_finish_and_invalidate(j, JOB_DONE, true);
                return;
        }
        if (r == -ECOMM) {              /* a condition failed: done, the unit stays down */
                job_finish_and_invalidate(j, JOB_DONE, true);
                return;
        }
        if (r == -EPROTO) {
                job_finish_and_invalidate(j, JOB_ASSERT, true);
                return;
        }
        if (r == -EOPNOTSUPP) {
                job_finish_and_invalidate(j, JOB_UNSUPPORTED, true);
                return;
        }
        if (r == -EBADR) {
                job_finish_and_invalidate(j, JOB_DEPENDENCY, true);
                return;
        }
        if (r == -ENOEXEC) {
                job_finish_and_invalidate(j, JOB_INVALID, true);
                return;
        }
        if (r < 0) {
                job_finish_and_invalidate(j, JOB_FAILED, true);
                return;
        }
        /* started: the unit's state change finishes the job (unit_notify()) */
}

static void job_fail_dependents(Unit *u, UnitDependency d) {
        Unit *other;

        SET_FOREACH(other, u->deps[d]) {
                Job *oj = other->job;
                if (oj && (oj->type == JOB_START || oj->type == JOB_VERIFY_ACTIVE || oj->type == JOB_RELOAD_OR_START))
                        job_finish_and_invalidate(oj, JOB_DEPENDENCY, true);
        }
}

void job_finish_and_invalidate(Job *j, JobResult result, bool recursive) {
        Unit *u = j->unit;
        JobType t = j->type;

        assert(u->job == j);

        if (t == JOB_RESTART && result == JOB_DONE && UNIT_IS_INACTIVE_OR_FAILED(unit_active_state(u))) {
                /* the stop half of a restart finished */
                j->type = JOB_START;
                j->state = JOB_WAITING;
                job_add_to_run_queue(j);
                job_requeue_ordered(u);
                return;
        }

        if (result != JOB_DONE && result != JOB_UNSUPPORTED)
                log_info("%s: Job %s/%s finished, result=%s", u->id, u->id, job_type_to_string(t),
                         job_result_to_string(result));

        u->job = NULL;
        bus_job_send_removed_signal(j, job_result_to_string(result));
        job_free(j);
        unit_trigger_notify(u);
        unit_add_to_dbus_queue(u);
        unit_add_to_gc_queue(u);

        if (result != JOB_DONE && recursive &&
            (t == JOB_START || t == JOB_VERIFY_ACTIVE || t == JOB_RELOAD_OR_START)) {
                job_fail_dependents(u, UNIT_REQUIRED_BY);
                job_fail_dependents(u, UNIT_REQUISITE_OF);
                job_fail_dependents(u, UNIT_BOUND_BY);
        } else if (result == JOB_DONE && recursive && t == JOB_START &&
                   UNIT_IS_INACTIVE_OR_FAILED(unit_active_state(u))) {
                /* started "successfully" but not up (a condition failed): what cannot run
                 * without it fails (BindsTo=, Requisite=), what merely requires it does not,
                 * as systemd's PROPAGATE_INACTIVE_START_AS_FAILURE */
                job_fail_dependents(u, UNIT_REQUISITE_OF);
                job_fail_dependents(u, UNIT_BOUND_BY);
        }

        job_requeue_ordered(u);
}

void manager_dispatch_run_queue(Manager *m) {
        Job *j;

        while ((j = m->run_queue)) {
                m->run_queue = j->run_next;
                j->in_run_queue = false;
                j->run_next = NULL;
                if (j->state != JOB_WAITING)
                        continue;
                if (!job_is_runnable(j))
                        continue;
                job_run(j);
        }
}
