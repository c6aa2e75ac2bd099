/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-install.c: enable/disable/mask/unmask/link and is-enabled states (systemctl(1)). */

#include "load-test-util.h"
#include "install.h"

static UnitFileState state_of(TestDir *t, const char *name) {
        UnitFileState s = _UNIT_FILE_STATE_INVALID;
        int r = unit_file_get_state(&t->lp, name, &s);

        if (r < 0)
                return (UnitFileState) r;
        return s;
}

static void test_enable_disable(void **state) {
        TestDir t;
        InstallChanges c = {};
        char link[512], src[512];

        test_dir_setup(&t);
        test_write(t.vendor, "e.service", "[Service]\nExecStart=/bin/true\n[Install]\nWantedBy=default.target\nAlias=ee.service\nAlso=helper.service\n");
        test_write(t.vendor, "helper.service", "[Service]\nExecStart=/bin/true\n[Install]\nRequiredBy=e.service\n");
        test_write(t.vendor, "static.service", "[Service]\nExecStart=/bin/true\n");
        test_write(t.vendor, "indirect.service", "[Service]\nExecStart=/bin/true\n[Install]\nAlso=e.service\n");
        test_write(t.vendor, "tpl@.service", "[Service]\nExecStart=/bin/true\n[Install]\nWantedBy=default.target\nDefaultInstance=def\n");
        test_write(t.vendor, "noinst@.service", "[Service]\nExecStart=/bin/true\n[Install]\nWantedBy=default.target\n");

        static const struct { const char *name; UnitFileState st; } before[] = {
                { "e.service", UNIT_FILE_DISABLED }, { "static.service", UNIT_FILE_STATIC },
                { "indirect.service", UNIT_FILE_INDIRECT }, { "tpl@.service", UNIT_FILE_DISABLED },
                { "noinst@.service", UNIT_FILE_INDIRECT }, { "nope.service", (UnitFileState) -ENOENT },
        };
        for (size_t i = 0; i < ELEMENTSOF(before); i++)
                if (state_of(&t, before[i].name) != before[i].st)
                        fail_msg("%s: %d", before[i].name, state_of(&t, before[i].name));

        assert_true(unit_file_enable(&t.lp, 0, STRV_MAKE("e.service"), &c) >= 0);
        assert_true(c.carries_install_info);
        assert_int_equal(c.n, 3);
        snprintf(link, sizeof link, "%s/default.target.wants/e.service", t.units);
        snprintf(src, sizeof src, "%s/e.service", t.vendor);
        assert_int_equal(c.changes[0].type, INSTALL_CHANGE_SYMLINK);
        assert_string_equal(c.changes[0].path, link);
        assert_string_equal(c.changes[0].source, src);
        snprintf(link, sizeof link, "%s/ee.service", t.units);
        assert_string_equal(c.changes[1].path, link);
        snprintf(link, sizeof link, "%s/e.service.requires/helper.service", t.units);
        assert_string_equal(c.changes[2].path, link);
        install_changes_done(&c);
        assert_int_equal(state_of(&t, "e.service"), UNIT_FILE_ENABLED);
        assert_int_equal(state_of(&t, "ee.service"), UNIT_FILE_ALIAS);
        assert_int_equal(state_of(&t, "helper.service"), UNIT_FILE_ENABLED);
        {
                /* the loader sees the new links */
                UnitDef *d = NULL;
                assert_int_equal(unit_def_load(&t.lp, "ee.service", &d), 0);
                assert_string_equal(d->id, "e.service");
                assert_true(strv_contains(d->names, "ee.service"));
                assert_true(strv_contains(d->deps[UNIT_REQUIRES], "helper.service"));
                unit_def_free(d);
        }
        /* enabling again changes nothing */
        assert_int_equal(unit_file_enable(&t.lp, 0, STRV_MAKE("e.service"), &c), 0);
        install_changes_done(&c);

        assert_true(unit_file_disable(&t.lp, 0, STRV_MAKE("e.service"), &c) >= 0);
        assert_int_equal(c.n, 3);
        for (size_t i = 0; i < c.n; i++)
                assert_int_equal(c.changes[i].type, INSTALL_CHANGE_UNLINK);
        install_changes_done(&c);
        assert_int_equal(state_of(&t, "e.service"), UNIT_FILE_DISABLED);

        /* templates: DefaultInstance=, and an instance */
        assert_true(unit_file_enable(&t.lp, 0, STRV_MAKE("tpl@.service"), &c) >= 0);
        snprintf(link, sizeof link, "%s/default.target.wants/tpl@def.service", t.units);
        assert_int_equal(c.n, 1);
        assert_string_equal(c.changes[0].path, link);
        install_changes_done(&c);
        assert_true(unit_file_enable(&t.lp, UNIT_FILE_RUNTIME, STRV_MAKE("noinst@x.service"), &c) >= 0);
        snprintf(link, sizeof link, "%s/run/systemd/user/default.target.wants/noinst@x.service", t.root);
        assert_int_equal(c.n, 1);
        assert_string_equal(c.changes[0].path, link);
        install_changes_done(&c);
        assert_int_equal(state_of(&t, "noinst@.service"), UNIT_FILE_ENABLED_RUNTIME);

        /* errors */
        assert_int_equal(unit_file_enable(&t.lp, 0, STRV_MAKE("nope.service"), &c), -ENOENT);
        assert_string_equal(c.error_name, "org.freedesktop.systemd1.NoSuchUnit");
        install_changes_done(&c);
        test_dir_done(&t);
}

static void test_mask_link(void **state) {
        TestDir t;
        InstallChanges c = {};
        char link[512], path[512];

        test_dir_setup(&t);
        test_write(t.vendor, "m.service", "[Service]\nExecStart=/bin/true\n");
        test_write(t.units, "local.service", "[Service]\nExecStart=/bin/true\n");

        assert_int_equal(unit_file_mask(&t.lp, 0, STRV_MAKE("m.service"), &c), 1);
        snprintf(link, sizeof link, "%s/m.service", t.units);
        assert_string_equal(c.changes[0].path, link);
        assert_string_equal(c.changes[0].source, "/dev/null");
        install_changes_done(&c);
        assert_int_equal(state_of(&t, "m.service"), UNIT_FILE_MASKED);
        assert_int_equal(unit_file_mask(&t.lp, 0, STRV_MAKE("m.service"), &c), 0);   /* idempotent */
        install_changes_done(&c);

        /* a real file in the config dir is not overwritten */
        assert_int_equal(unit_file_mask(&t.lp, 0, STRV_MAKE("local.service"), &c), -EEXIST);
        assert_string_equal(c.error_name, "org.freedesktop.systemd1.UnitExists");
        snprintf(path, sizeof path, "File %s/local.service already exists.", t.units);
        assert_string_equal(c.error_message, path);
        install_changes_done(&c);

        assert_int_equal(unit_file_unmask(&t.lp, 0, STRV_MAKE("m.service"), &c), 1);
        assert_int_equal(c.changes[0].type, INSTALL_CHANGE_UNLINK);
        install_changes_done(&c);
        assert_int_equal(state_of(&t, "m.service"), UNIT_FILE_STATIC);

        /* runtime mask */
        assert_int_equal(unit_file_mask(&t.lp, UNIT_FILE_RUNTIME, STRV_MAKE("m.service"), &c), 1);
        install_changes_done(&c);
        {
                /* SYSTEMD_UNIT_PATH leaves the runtime dir out: add it first */
                char *p = NULL;
                asprintf(&p, "%s/run/systemd/user", t.root);
                strv_consume_prepend(&t.lp.search_path, p);
        }
        assert_int_equal(state_of(&t, "m.service"), UNIT_FILE_MASKED_RUNTIME);
        assert_int_equal(unit_file_unmask(&t.lp, 0, STRV_MAKE("m.service"), &c), 1);
        install_changes_done(&c);

        /* link a file from outside the search path */
        snprintf(path, sizeof path, "%s/elsewhere/l.service", t.root);
        test_write(t.root, "elsewhere/l.service", "[Service]\nExecStart=/bin/true\n");
        assert_int_equal(unit_file_link(&t.lp, 0, STRV_MAKE(path), &c), 1);
        install_changes_done(&c);
        assert_int_equal(state_of(&t, "l.service"), UNIT_FILE_LINKED);
        {
                UnitDef *d = NULL;
                assert_int_equal(unit_def_load(&t.lp, "l.service", &d), 0);
                assert_int_equal(d->load_state, UNIT_LOADED);
                assert_string_equal(d->fragment_path, path);
                unit_def_free(d);
        }

        /* the list */
        {
                UnitFileListEntry *l = NULL;
                size_t n = 0;
                bool seen = false;
                assert_int_equal(unit_file_list(&t.lp, STRV_MAKE("l*"), &l, &n), 0);
                for (size_t i = 0; i < n; i++)
                        if (endswith(l[i].path, "/l.service") && l[i].state == UNIT_FILE_LINKED)
                                seen = true;
                assert_true(seen);
                assert_int_equal(n, 2);    /* l.service and local.service */
                unit_file_list_free(l, n);
        }
        test_dir_done(&t);
}

static void test_state_strings(void **state) {
        static const char *const names[] = { "enabled", "enabled-runtime", "linked", "linked-runtime", "alias",
                                             "masked", "masked-runtime", "static", "disabled", "indirect",
                                             "generated", "transient", "bad" };
        for (size_t i = 0; i < ELEMENTSOF(names); i++) {
                assert_string_equal(unit_file_state_to_string((UnitFileState) i), names[i]);
                assert_int_equal(unit_file_state_from_string(names[i]), (int) i);
        }
        assert_string_equal(install_change_type_to_string(INSTALL_CHANGE_SYMLINK), "symlink");
        assert_string_equal(install_change_type_to_string(INSTALL_CHANGE_UNLINK), "unlink");
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_enable_disable),
                cmocka_unit_test(test_mask_link),
                cmocka_unit_test(test_state_strings),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
