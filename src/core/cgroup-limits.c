/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cgroup-limits.c: resource control, systemd.resource-control(5), on cgroup v2. A unit's
 * settings become controller files in its cgroup (cpu.max, cpu.weight, memory.min/low/high/
 * max/swap.max, pids.max, io.weight); the controllers they need are enabled in
 * cgroup.subtree_control of every cgroup from the manager's root down to the unit's parent.
 * Where a controller is not available to the manager (not in its root's cgroup.controllers,
 * as on hybrid hierarchies where the v1 hierarchies hold cpu, memory and pids), or cannot be
 * enabled (the root holds processes), a setting the unit makes is shown but not enforced, and
 * a warning says so. Defaults (TasksMax= from DefaultTasksMax=) are applied where possible and
 * never warned about. Knows nothing of units beyond their CGroupContext. */

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "cgroup-limits.h"
#include "log.h"
#include "path-util.h"
#include "time-util.h"

#define CPU_QUOTA_PERIOD_DEFAULT_USEC (100 * USEC_PER_MSEC)
#define CPU_QUOTA_MIN_USEC USEC_PER_MSEC

static void put_u64_or_max(char *buf, size_t size, uint64_t v) {
        if (v == UINT64_MAX)
                snprintf(buf, size, "max");
        else
                snprintf(buf, size, "%" PRIu64, v);
}

size_t cgroup_context_limits(const CGroupContext *c, uint64_t default_tasks_max, CGroupLimit out[static CGROUP_LIMITS_MAX]) {
        size_t n = 0;

#define ADD(ctl, f, s, explicit_)                                                             \
        do {                                                                                  \
                out[n] = (CGroupLimit) { .controller = ctl, .file = f, .setting = s,          \
                                         .explicit = explicit_ };                             \
                n++;                                                                          \
        } while (0)

        if (c->cpu_quota_per_sec_usec != USEC_INFINITY || c->cpu_quota_period_usec != USEC_INFINITY) {
                usec_t period = c->cpu_quota_period_usec != USEC_INFINITY && c->cpu_quota_period_usec > 0 ?
                        c->cpu_quota_period_usec : CPU_QUOTA_PERIOD_DEFAULT_USEC;

                ADD("cpu", "cpu.max", c->cpu_quota_per_sec_usec != USEC_INFINITY ? "CPUQuota" : "CPUQuotaPeriodSec", true);
                if (c->cpu_quota_per_sec_usec == USEC_INFINITY)
                        snprintf(out[n - 1].value, sizeof out[n - 1].value, "max %" PRIu64, period);
                else {
                        /* per second → per period, at least a millisecond, as systemd */
                        uint64_t q = c->cpu_quota_per_sec_usec * period / USEC_PER_SEC;
                        snprintf(out[n - 1].value, sizeof out[n - 1].value, "%" PRIu64 " %" PRIu64,
                                 q < CPU_QUOTA_MIN_USEC ? CPU_QUOTA_MIN_USEC : q, period);
                }
        }
        if (c->cpu_weight != UINT64_MAX) {
                ADD("cpu", "cpu.weight", "CPUWeight", true);
                snprintf(out[n - 1].value, sizeof out[n - 1].value, "%" PRIu64, c->cpu_weight);
        }
        if (c->memory_min > 0 && c->memory_min != UINT64_MAX) {
                ADD("memory", "memory.min", "MemoryMin", true);
                put_u64_or_max(out[n - 1].value, sizeof out[n - 1].value, c->memory_min);
        }
        if (c->memory_low > 0 && c->memory_low != UINT64_MAX) {
                ADD("memory", "memory.low", "MemoryLow", true);
                put_u64_or_max(out[n - 1].value, sizeof out[n - 1].value, c->memory_low);
        }
        if (c->memory_high != UINT64_MAX) {
                ADD("memory", "memory.high", "MemoryHigh", true);
                put_u64_or_max(out[n - 1].value, sizeof out[n - 1].value, c->memory_high);
        }
        if (c->memory_max != UINT64_MAX) {
                ADD("memory", "memory.max", "MemoryMax", true);
                put_u64_or_max(out[n - 1].value, sizeof out[n - 1].value, c->memory_max);
        }
        if (c->memory_swap_max != UINT64_MAX) {
                ADD("memory", "memory.swap.max", "MemorySwapMax", true);
                put_u64_or_max(out[n - 1].value, sizeof out[n - 1].value, c->memory_swap_max);
        }
        if (c->tasks_max_set || default_tasks_max != UINT64_MAX) {
                ADD("pids", "pids.max", "TasksMax", c->tasks_max_set);
                put_u64_or_max(out[n - 1].value, sizeof out[n - 1].value,
                               c->tasks_max_set ? c->tasks_max : default_tasks_max);
        }
        if (c->io_weight != UINT64_MAX) {
                ADD("io", "io.weight", "IOWeight", true);
                snprintf(out[n - 1].value, sizeof out[n - 1].value, "default %" PRIu64, c->io_weight);
        }
#undef ADD
        return n;
}

static int read_small(const char *path, char *buf, size_t size) {
        ssize_t k;
        int fd;

        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
                return -errno;
        k = read(fd, buf, size - 1);
        if (k < 0) {
                int e = -errno;
                close(fd);
                return e;
        }
        close(fd);
        buf[k] = 0;
        return 0;
}

static int write_small(const char *path, const char *s, int flags) {
        size_t l = strlen(s);
        ssize_t k;
        int fd;

        fd = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW | flags);
        if (fd < 0)
                return -errno;
        k = write(fd, s, l);
        if (k < 0) {
                int e = -errno;
                close(fd);
                return e;
        }
        close(fd);
        return (size_t) k == l ? 0 : -EIO;
}

/* a whole word of the space-separated list */
static bool word_in(const char *list, const char *w) {
        size_t l = strlen(w);

        for (const char *p = list; (p = strstr(p, w)); p += l)
                if ((p == list || strchr(" \n\t", p[-1])) && strchr(" \n\t", p[l]))
                        return true;
        return false;
}

/* +controller in cgroup.subtree_control of dir (file system path) unless there already */
static int enable_in(const char *dir, const char *controller) {
        char have[1024], plus[64];
        _cleanup_free_ char *f = path_join(dir, "cgroup.subtree_control");

        if (!f)
                return -ENOMEM;
        if (read_small(f, have, sizeof have) >= 0 && word_in(have, controller))
                return 0;
        snprintf(plus, sizeof plus, "+%s\n", controller);
        return write_small(f, plus, O_APPEND);         /* as `echo +cpu >>` */
}

int cgroup_read_controllers(const char *base, const char *root, char *buf, size_t size) {
        _cleanup_free_ char *f = path_join(base, root, "cgroup.controllers");

        if (!f)
                return -ENOMEM;
        buf[0] = 0;
        return read_small(f, buf, size);
}

int cgroup_apply_limits(const char *base, const char *root, const char *available, const char *path,
                        const CGroupContext *c, uint64_t default_tasks_max, const char *unit_id) {
        CGroupLimit l[CGROUP_LIMITS_MAX];
        bool tried[CGROUP_LIMITS_MAX] = {}, ok[CGROUP_LIMITS_MAX] = {};
        _cleanup_free_ char *root_fs = NULL, *unit_fs = NULL;
        size_t n;
        int not_enforced = 0, r;

        assert(base && root && path && c);

        n = cgroup_context_limits(c, default_tasks_max, l);
        if (n == 0)
                return 0;
        root_fs = path_join(base, root);
        unit_fs = path_join(base, path);
        if (!root_fs || !unit_fs)
                return -ENOMEM;
        if (!path_startswith(path, root))
                return -EINVAL;
        available = available ?: "";

        for (size_t i = 0; i < n; i++) {
                const char *why = NULL;

                /* one attempt per controller: later limits of the same one share its outcome */
                for (size_t j = 0; j < i; j++)
                        if (tried[j] && streq(l[j].controller, l[i].controller)) {
                                tried[i] = true;
                                ok[i] = ok[j];
                                break;
                        }
                if (!tried[i]) {
                        tried[i] = true;
                        if (!word_in(available, l[i].controller))
                                why = "is not available to this manager";
                        else {
                                /* every cgroup from the root down to the unit's parent */
                                _cleanup_free_ char *walk = strdup(root_fs);
                                const char *rest = path_startswith(path, root);
                                ok[i] = walk != NULL;
                                while (ok[i] && rest) {
                                        const char *slash = strchr(rest, '/');

                                        r = enable_in(walk, l[i].controller);
                                        if (r < 0) {
                                                log_warning_errno(r, "%s: Failed to enable the %s controller in %s: %m",
                                                                  unit_id, l[i].controller, walk);
                                                ok[i] = false;
                                                why = "could not be enabled";
                                                break;
                                        }
                                        if (!slash)
                                                break;
                                        char *next = strndup(rest, (size_t) (slash - rest));
                                        char *joined = next ? path_join(walk, next) : NULL;
                                        free(next);
                                        free(walk);
                                        walk = joined;
                                        ok[i] = walk != NULL;
                                        rest = slash + 1;
                                }
                        }
                        if (why) {
                                /* say it once per controller, naming each explicit setting */
                                for (size_t j = i; j < n; j++)
                                        if (streq(l[j].controller, l[i].controller) && l[j].explicit) {
                                                log_warning("%s: %s= is set, but the %s controller %s (cgroup %s): not enforced.",
                                                            unit_id, l[j].setting, l[j].controller, why, root);
                                                not_enforced++;
                                        }
                                continue;
                        }
                }
                if (!ok[i])
                        continue;
                _cleanup_free_ char *f = path_join(unit_fs, l[i].file);
                if (!f)
                        return -ENOMEM;
                r = write_small(f, l[i].value, O_TRUNC);       /* as `echo 5 >` */
                if (r < 0) {
                        if (l[i].explicit) {
                                log_warning_errno(r, "%s: Failed to write %s=%s for %s=: %m; not enforced.",
                                                  unit_id, l[i].file, l[i].value, l[i].setting);
                                not_enforced++;
                        }
                } else
                        log_debug("%s: %s=%s", unit_id, l[i].file, l[i].value);
        }
        return not_enforced;
}
