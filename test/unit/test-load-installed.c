/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-load-installed.c: every unit file installed on this machine loads without a crash or a
 * sanitizer report (run it in the sanitizer build), under --system and --user. */

#include <dirent.h>

#include "load-test-util.h"
#include "install.h"
#include "log.h"

static void load_dir(RuntimeScope scope, const char *dir) {
        LookupPaths lp = {};
        DIR *dp = opendir(dir);
        struct dirent *de;
        size_t n = 0, loaded = 0;

        if (!dp) {
                skip();
                return;
        }
        unsetenv("SYSTEMD_UNIT_PATH");
        assert_int_equal(lookup_paths_init(&lp, scope), 0);
        while ((de = readdir(dp))) {
                UnitDef *d = NULL;
                UnitFileState st;

                if (!unit_name_is_valid(de->d_name, UNIT_NAME_PLAIN | UNIT_NAME_INSTANCE))
                        continue;
                assert_int_equal(unit_def_load(&lp, de->d_name, &d), 0);
                assert_non_null(d->id);
                if (d->load_state == UNIT_LOADED)
                        loaded++;
                n++;
                unit_def_free(d);
                (void) unit_file_get_state(&lp, de->d_name, &st);
        }
        closedir(dp);
        lookup_paths_done(&lp);
        print_message("%s: %zu units, %zu loaded\n", dir, n, loaded);
        assert_true(n == 0 || loaded > 0);
}

static void test_system(void **state) {
        load_dir(RUNTIME_SCOPE_SYSTEM, "/lib/systemd/system");
}

static void test_user(void **state) {
        load_dir(RUNTIME_SCOPE_USER, "/usr/lib/systemd/user");
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_system),
                cmocka_unit_test(test_user),
        };
        log_set_max_level(LOG_ERR);     /* the installed units' own warnings are not this test's business */
        return cmocka_run_group_tests(tests, NULL, NULL);
}
