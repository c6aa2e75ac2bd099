/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* load-test-util.h: helpers of the src/load tests: a private unit directory per test under a
 * mkdtemp() dir, with HOME, XDG_ variables and SYSTEMD_UNIT_PATH pointing into it. */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <sys/stat.h>

#include "load.h"
#include "path-util.h"
#include "strv.h"

typedef struct TestDir {
        char root[64];
        char units[128];        /* SYSTEMD_UNIT_PATH first entry: …/home/.config/systemd/user */
        char vendor[128];       /* a lower-priority dir: …/home/.local/share/systemd/user */
        LookupPaths lp;
} TestDir;

static inline void test_write(const char *dir, const char *name, const char *text) {
        char *p = path_join(dir, name), *d = NULL;

        assert_non_null(p);
        assert_int_equal(path_dirname(p, &d), 0);
        assert_int_equal(mkdir_p(d, 0755), 0);
        FILE *f = fopen(p, "we");
        assert_non_null(f);
        fputs(text, f);
        fclose(f);
        free(p);
        free(d);
}

static inline void test_symlink(const char *dir, const char *name, const char *target) {
        char *p = path_join(dir, name), *d = NULL;

        assert_int_equal(path_dirname(p, &d), 0);
        assert_int_equal(mkdir_p(d, 0755), 0);
        (void) unlink(p);
        assert_int_equal(symlink(target, p), 0);
        free(p);
        free(d);
}

/* SYSTEMD_UNIT_PATH = units:vendor (no defaults, so the machine's units stay out) */
static inline void test_dir_setup(TestDir *t) {
        char buf[512];

        strcpy(t->root, "/tmp/test-load-XXXXXX");
        assert_non_null(mkdtemp(t->root));
        snprintf(buf, sizeof buf, "%s/home", t->root);
        setenv("HOME", buf, 1);
        snprintf(buf, sizeof buf, "%s/home/.config", t->root);
        setenv("XDG_CONFIG_HOME", buf, 1);
        snprintf(buf, sizeof buf, "%s/home/.local/share", t->root);
        setenv("XDG_DATA_HOME", buf, 1);
        snprintf(buf, sizeof buf, "%s/run", t->root);
        setenv("XDG_RUNTIME_DIR", buf, 1);
        snprintf(t->units, sizeof t->units, "%s/home/.config/systemd/user", t->root);
        snprintf(t->vendor, sizeof t->vendor, "%s/home/.local/share/systemd/user", t->root);
        assert_int_equal(mkdir_p(t->units, 0755), 0);
        assert_int_equal(mkdir_p(t->vendor, 0755), 0);
        snprintf(buf, sizeof buf, "%s:%s", t->units, t->vendor);
        setenv("SYSTEMD_UNIT_PATH", buf, 1);
        assert_int_equal(lookup_paths_init(&t->lp, RUNTIME_SCOPE_USER), 0);
}

static inline void test_dir_done(TestDir *t) {
        lookup_paths_done(&t->lp);
        (void) rm_rf(t->root);
        unsetenv("SYSTEMD_UNIT_PATH");
}

static inline bool deps_equal(char **have, const char *want) {
        char **w = strv_split(want, " ");
        bool ok = strv_length(w) == strv_length(have);

        STRV_FOREACH(s, w)
                if (!strv_contains(have, *s))
                        ok = false;
        strv_free(w);
        return ok;
}
