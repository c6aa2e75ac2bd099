/* SPDX-License-Identifier: LGPL-2.1-or-later */

/* test-cgroup-limits.c: resource control settings → controller files (table-driven), and
 * cgroup_apply_limits() on a fake cgroup tree in a temporary directory: controllers enabled
 * from the root down to the unit's parent, files written, and settings left unenforced
 * (counted) where a controller is missing or a file cannot be written. */

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "cgroup-limits.h"
#include "time-util.h"

static CGroupContext unset(void) {
        return (CGroupContext) {
                .cpu_quota_per_sec_usec = USEC_INFINITY,
                .cpu_quota_period_usec = USEC_INFINITY,
                .cpu_weight = UINT64_MAX,
                .startup_cpu_weight = UINT64_MAX,
                .memory_high = UINT64_MAX,
                .memory_max = UINT64_MAX,
                .memory_swap_max = UINT64_MAX,
                .tasks_max = UINT64_MAX,
                .io_weight = UINT64_MAX,
        };
}

static const char *value_of(const CGroupLimit *l, size_t n, const char *file) {
        for (size_t i = 0; i < n; i++)
                if (strcmp(l[i].file, file) == 0)
                        return l[i].value;
        return NULL;
}

static void test_limits_table(void **state) {
        static const struct {
                const char *what;
                usec_t quota, period;
                uint64_t memory_max, tasks_max;
                bool tasks_set;
                uint64_t io_weight;
                const char *file, *value;
        } cases[] = {
                { "CPUQuota=20%", 200000, USEC_INFINITY, UINT64_MAX, 0, false, UINT64_MAX, "cpu.max", "20000 100000" },
                { "CPUQuota=150%", 1500000, USEC_INFINITY, UINT64_MAX, 0, false, UINT64_MAX, "cpu.max", "150000 100000" },
                { "CPUQuota=0.1% (at least 1ms)", 1000, USEC_INFINITY, UINT64_MAX, 0, false, UINT64_MAX, "cpu.max", "1000 100000" },
                { "CPUQuota=20% CPUQuotaPeriodSec=50ms", 200000, 50000, UINT64_MAX, 0, false, UINT64_MAX, "cpu.max", "10000 50000" },
                { "CPUQuotaPeriodSec=10ms alone", USEC_INFINITY, 10000, UINT64_MAX, 0, false, UINT64_MAX, "cpu.max", "max 10000" },
                { "MemoryMax=10M", USEC_INFINITY, USEC_INFINITY, 10485760, 0, false, UINT64_MAX, "memory.max", "10485760" },
                { "TasksMax=5", USEC_INFINITY, USEC_INFINITY, UINT64_MAX, 5, true, UINT64_MAX, "pids.max", "5" },
                { "TasksMax=infinity", USEC_INFINITY, USEC_INFINITY, UINT64_MAX, UINT64_MAX, true, UINT64_MAX, "pids.max", "max" },
                { "IOWeight=200", USEC_INFINITY, USEC_INFINITY, UINT64_MAX, 0, false, 200, "io.weight", "default 200" },
        };

        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
                CGroupContext c = unset();
                CGroupLimit l[CGROUP_LIMITS_MAX];
                size_t n;

                c.cpu_quota_per_sec_usec = cases[i].quota;
                c.cpu_quota_period_usec = cases[i].period;
                c.memory_max = cases[i].memory_max;
                c.tasks_max = cases[i].tasks_max;
                c.tasks_max_set = cases[i].tasks_set;
                c.io_weight = cases[i].io_weight;
                n = cgroup_context_limits(&c, UINT64_MAX, l);
                assert_int_equal(n, 1);
                assert_non_null(value_of(l, n, cases[i].file));
                if (strcmp(value_of(l, n, cases[i].file), cases[i].value) != 0)
                        fail_msg("%s: %s=%s, want %s", cases[i].what, cases[i].file,
                                 value_of(l, n, cases[i].file), cases[i].value);
                assert_true(l[0].explicit);
        }
}

static void test_limits_defaults(void **state) {
        CGroupContext c = unset();
        CGroupLimit l[CGROUP_LIMITS_MAX];

        assert_int_equal(cgroup_context_limits(&c, UINT64_MAX, l), 0);
        /* DefaultTasksMax= applies where nothing is set, but is no setting of the unit */
        assert_int_equal(cgroup_context_limits(&c, 4915, l), 1);
        assert_string_equal(l[0].file, "pids.max");
        assert_string_equal(l[0].value, "4915");
        assert_false(l[0].explicit);
        /* MemoryMin=/MemoryLow= of 0 are the kernel's defaults: nothing to write */
        c.memory_low = 0;
        c.memory_min = 0;
        assert_int_equal(cgroup_context_limits(&c, UINT64_MAX, l), 0);
        c.memory_low = 1 << 20;
        c.memory_high = 1 << 30;
        c.cpu_weight = 50;
        assert_int_equal(cgroup_context_limits(&c, UINT64_MAX, l), 3);
        assert_string_equal(value_of(l, 3, "memory.low"), "1048576");
        assert_string_equal(value_of(l, 3, "memory.high"), "1073741824");
        assert_string_equal(value_of(l, 3, "cpu.weight"), "50");
}

/* a fake tree: <tmp>/r/{cgroup.subtree_control, app.slice/{cgroup.subtree_control,
 * x.service/{cpu.max, memory.max, pids.max}}} */
static char tmp[] = "/tmp/test-cgroup-limits-XXXXXX";

static void put(const char *rel, const char *text) {
        char p[512];
        FILE *f;

        snprintf(p, sizeof p, "%s/%s", tmp, rel);
        f = fopen(p, "we");
        assert_non_null(f);
        fputs(text, f);
        fclose(f);
}

static char *get(const char *rel) {
        static char buf[256];
        char p[512];
        FILE *f;
        size_t k;

        snprintf(p, sizeof p, "%s/%s", tmp, rel);
        f = fopen(p, "re");
        if (!f)
                return NULL;
        k = fread(buf, 1, sizeof buf - 1, f);
        buf[k] = 0;
        fclose(f);
        return buf;
}

static void make_tree(void) {
        char p[512];

        strcpy(tmp, "/tmp/test-cgroup-limits-XXXXXX");
        assert_non_null(mkdtemp(tmp));
        snprintf(p, sizeof p, "%s/r/app.slice/x.service", tmp);
        for (char *s = p + strlen(tmp) + 1; (s = strchr(s, '/')); s++) {
                *s = 0;
                (void) mkdir(p, 0755);
                *s = '/';
        }
        assert_int_equal(mkdir(p, 0755), 0);
        put("r/cgroup.subtree_control", "");
        put("r/app.slice/cgroup.subtree_control", "");
        put("r/app.slice/x.service/cpu.max", "max 100000\n");
        put("r/app.slice/x.service/memory.max", "max\n");
        put("r/app.slice/x.service/pids.max", "max\n");
}

static void remove_tree(void) {
        char cmd[600];

        snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
        assert_int_equal(system(cmd), 0);
        strcpy(tmp, "/tmp/test-cgroup-limits-XXXXXX");
}

static void test_apply_all_available(void **state) {
        CGroupContext c = unset();

        make_tree();
        c.cpu_quota_per_sec_usec = 200000;
        c.memory_max = 10485760;
        c.tasks_max = 5;
        c.tasks_max_set = true;
        assert_int_equal(cgroup_apply_limits(tmp, "/r", "cpu memory pids\n", "/r/app.slice/x.service", &c,
                                             4915, "x.service"), 0);
        assert_string_equal(get("r/cgroup.subtree_control"), "+cpu\n+memory\n+pids\n");
        assert_string_equal(get("r/app.slice/cgroup.subtree_control"), "+cpu\n+memory\n+pids\n");
        assert_null(get("r/app.slice/x.service/cgroup.subtree_control"));   /* not in the unit's own */
        assert_string_equal(get("r/app.slice/x.service/cpu.max"), "20000 100000");
        assert_string_equal(get("r/app.slice/x.service/memory.max"), "10485760");
        assert_string_equal(get("r/app.slice/x.service/pids.max"), "5");
        remove_tree();
}

static void test_apply_enabled_already(void **state) {
        CGroupContext c = unset();

        make_tree();
        put("r/cgroup.subtree_control", "cpu memory\n");
        put("r/app.slice/cgroup.subtree_control", "memory cpu\n");
        c.cpu_quota_per_sec_usec = 500000;
        assert_int_equal(cgroup_apply_limits(tmp, "/r", "cpu memory pids", "/r/app.slice/x.service", &c,
                                             UINT64_MAX, "x.service"), 0);
        assert_string_equal(get("r/cgroup.subtree_control"), "cpu memory\n");      /* untouched */
        assert_string_equal(get("r/app.slice/cgroup.subtree_control"), "memory cpu\n");
        assert_string_equal(get("r/app.slice/x.service/cpu.max"), "50000 100000");
        remove_tree();
}

static void test_apply_missing_controllers(void **state) {
        CGroupContext c = unset();

        make_tree();
        c.cpu_quota_per_sec_usec = 200000;
        c.cpu_weight = 10;
        c.memory_max = 1 << 20;
        /* only memory (a hybrid host has cpu and pids on v1): cpu's two settings are not
         * enforced, the default TasksMax= silently not either; memory is */
        assert_int_equal(cgroup_apply_limits(tmp, "/r", "memory hugetlb", "/r/app.slice/x.service", &c,
                                             4915, "x.service"), 2);
        assert_string_equal(get("r/cgroup.subtree_control"), "+memory\n");
        assert_string_equal(get("r/app.slice/x.service/cpu.max"), "max 100000\n");
        assert_string_equal(get("r/app.slice/x.service/memory.max"), "1048576");
        assert_string_equal(get("r/app.slice/x.service/pids.max"), "max\n");
        /* "cpuset" is not "cpu" */
        assert_int_equal(cgroup_apply_limits(tmp, "/r", "cpuset", "/r/app.slice/x.service", &c,
                                             UINT64_MAX, "x.service"), 3);
        remove_tree();
}

static void test_apply_unwritable(void **state) {
        CGroupContext c = unset();
        char p[512];

        make_tree();
        /* the controller cannot be enabled (a file in the way of the subtree_control) */
        snprintf(p, sizeof p, "%s/r/app.slice/cgroup.subtree_control", tmp);
        assert_int_equal(unlink(p), 0);
        assert_int_equal(mkdir(p, 0755), 0);
        c.memory_max = 1 << 20;
        assert_int_equal(cgroup_apply_limits(tmp, "/r", "memory", "/r/app.slice/x.service", &c,
                                             UINT64_MAX, "x.service"), 1);
        assert_string_equal(get("r/app.slice/x.service/memory.max"), "max\n");
        /* a unit path outside the root is refused */
        assert_int_equal(cgroup_apply_limits(tmp, "/r", "memory", "/elsewhere/x.service", &c,
                                             UINT64_MAX, "x.service"), -EINVAL);
        remove_tree();
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_limits_table),
                cmocka_unit_test(test_limits_defaults),
                cmocka_unit_test(test_apply_all_available),
                cmocka_unit_test(test_apply_enabled_already),
                cmocka_unit_test(test_apply_missing_controllers),
                cmocka_unit_test(test_apply_unwritable),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
