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

static size_t count_changes(const InstallChanges *c, InstallChangeType type) {
        size_t n = 0;

        for (size_t i = 0; i < c->n; i++)
                if (c->changes[i].type == type)
                        n++;
        return n;
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
                /* systemd 252: a template without DefaultInstance= is "disabled" until an
                 * instance is enabled (then "indirect", below) */
                { "noinst@.service", UNIT_FILE_DISABLED }, { "nope.service", (UnitFileState) -ENOENT },
        };
        for (size_t i = 0; i < ELEMENTSOF(before); i++)
                if (state_of(&t, before[i].name) != before[i].st)
                        fail_msg("%s: %d", before[i].name, state_of(&t, before[i].name));

        assert_true(unit_file_enable(&t.lp, 0, STRV_MAKE("e.service"), &c) >= 0);
        assert_true(c.carries_install_info);
        /* systemd's order: Alias= first, then WantedBy=; default.target is not on this
         * search path, which is reported too; then Also= */
        assert_int_equal(c.n, 4);
        snprintf(link, sizeof link, "%s/ee.service", t.units);
        snprintf(src, sizeof src, "%s/e.service", t.vendor);
        assert_int_equal(c.changes[0].type, INSTALL_CHANGE_SYMLINK);
        assert_string_equal(c.changes[0].path, link);
        assert_string_equal(c.changes[0].source, src);
        snprintf(link, sizeof link, "%s/default.target.wants/e.service", t.units);
        assert_string_equal(c.changes[1].path, link);
        assert_int_equal(c.changes[2].type, INSTALL_CHANGE_DESTINATION_NOT_PRESENT);
        assert_string_equal(c.changes[2].path, "default.target");
        assert_string_equal(c.changes[2].source, src);
        snprintf(link, sizeof link, "%s/e.service.requires/helper.service", t.units);
        assert_string_equal(c.changes[3].path, link);
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
        /* enabling again changes nothing, and still carries install info */
        assert_true(unit_file_enable(&t.lp, 0, STRV_MAKE("e.service"), &c) >= 0);
        assert_int_equal(count_changes(&c, INSTALL_CHANGE_SYMLINK), 0);
        assert_true(c.carries_install_info);
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
        assert_int_equal(count_changes(&c, INSTALL_CHANGE_SYMLINK), 1);
        assert_string_equal(c.changes[0].path, link);
        install_changes_done(&c);
        assert_int_equal(state_of(&t, "tpl@.service"), UNIT_FILE_ENABLED);
        assert_true(unit_file_enable(&t.lp, UNIT_FILE_RUNTIME, STRV_MAKE("noinst@x.service"), &c) >= 0);
        snprintf(link, sizeof link, "%s/run/systemd/user/default.target.wants/noinst@x.service", t.root);
        assert_int_equal(count_changes(&c, INSTALL_CHANGE_SYMLINK), 1);
        assert_string_equal(c.changes[0].path, link);
        install_changes_done(&c);
        /* a template with no DefaultInstance=: enabling it links nothing */
        assert_true(unit_file_enable(&t.lp, 0, STRV_MAKE("noinst@.service"), &c) >= 0);
        assert_int_equal(c.n, 0);
        assert_false(c.carries_install_info);
        install_changes_done(&c);
        /* another instance than DefaultInstance= (here: none) makes the template "indirect" */
        assert_true(unit_file_enable(&t.lp, 0, STRV_MAKE("noinst@y.service"), &c) >= 0);
        install_changes_done(&c);
        assert_int_equal(state_of(&t, "noinst@.service"), UNIT_FILE_INDIRECT);
        assert_int_equal(state_of(&t, "noinst@y.service"), UNIT_FILE_ENABLED);
        assert_int_equal(state_of(&t, "noinst@z.service"), UNIT_FILE_DISABLED);

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
        /* systemd 252 unmasks in the one config dir the flags name */
        assert_int_equal(unit_file_unmask(&t.lp, 0, STRV_MAKE("m.service"), &c), 0);
        install_changes_done(&c);
        assert_int_equal(unit_file_unmask(&t.lp, UNIT_FILE_RUNTIME, STRV_MAKE("m.service"), &c), 1);
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

/* Rows for behaviour checked against systemctl 252 offline (it runs systemd's install code). */
static void test_systemd_rules(void **state) {
        TestDir t;
        InstallChanges c = {};
        char buf[1024], p[512];

        test_dir_setup(&t);
        test_write(t.units, "real.service", "[Service]\nExecStart=/bin/true\n");
        test_symlink(t.units, "other.service", "real.service");
        test_write(t.units, "w.service", "[Service]\nExecStart=/bin/true\n[Install]\nWantedBy=t.target\nAlias=x.service\n");
        test_write(t.units, "t.target", "[Unit]\n");
        test_write(t.units, "a.target", "[Unit]\n");
        test_symlink(t.units, "mm.service", "/dev/null");

        /* a unit without [Install], known under another name: "indirect"; that name "alias" */
        assert_int_equal(state_of(&t, "real.service"), UNIT_FILE_INDIRECT);
        assert_int_equal(state_of(&t, "other.service"), UNIT_FILE_ALIAS);

        /* disable of a masked unit reports it and leaves the mask */
        assert_int_equal(unit_file_disable(&t.lp, 0, STRV_MAKE("mm.service"), &c), 1);
        assert_int_equal(c.changes[0].type, INSTALL_CHANGE_IS_MASKED);
        assert_string_equal(install_change_type_to_string(c.changes[0].type), "masked");
        install_changes_done(&c);
        assert_int_equal(state_of(&t, "mm.service"), UNIT_FILE_MASKED);

        /* enable of a masked unit fails */
        assert_int_equal(unit_file_enable(&t.lp, 0, STRV_MAKE("mm.service"), &c), -ERFKILL);
        assert_string_equal(c.error_name, "org.freedesktop.systemd1.UnitMasked");
        install_changes_done(&c);

        /* disable of an unknown name fails alone, not next to a name that changed something */
        assert_int_equal(unit_file_disable(&t.lp, 0, STRV_MAKE("nosuch.service"), &c), -ENOENT);
        assert_string_equal(c.error_name, "org.freedesktop.systemd1.NoSuchUnit");
        assert_string_equal(c.error_message, "Unit file nosuch.service does not exist.");
        install_changes_done(&c);
        assert_true(unit_file_enable(&t.lp, 0, STRV_MAKE("w.service"), &c) >= 0);
        install_changes_done(&c);
        assert_int_equal(unit_file_disable(&t.lp, 0, STRV_MAKE("nosuch.service", "w.service"), &c), 2);
        install_changes_done(&c);
        assert_int_equal(state_of(&t, "w.service"), UNIT_FILE_DISABLED);

        /* an alias link to elsewhere is not replaced without force */
        test_symlink(t.units, "x.service", "/nonexistent/x.service");
        assert_int_equal(unit_file_enable(&t.lp, 0, STRV_MAKE("w.service"), &c), -EEXIST);
        snprintf(buf, sizeof buf, "File %s/x.service already exists and is a symlink to /nonexistent/x.service.",
                 t.units);
        assert_string_equal(c.error_message, buf);
        install_changes_done(&c);
        assert_true(unit_file_enable(&t.lp, UNIT_FILE_FORCE, STRV_MAKE("w.service"), &c) >= 0);
        install_changes_done(&c);
        assert_int_equal(state_of(&t, "w.service"), UNIT_FILE_ENABLED);

        /* GetUnitFileLinks: a dry run of disable */
        assert_true(unit_file_disable(&t.lp, UNIT_FILE_DRY_RUN, STRV_MAKE("w.service"), &c) >= 0);
        assert_int_equal(count_changes(&c, INSTALL_CHANGE_UNLINK), 2);
        install_changes_done(&c);
        assert_int_equal(state_of(&t, "w.service"), UNIT_FILE_ENABLED);

        /* add-wants */
        assert_true(unit_file_add_dependency(&t.lp, 0, STRV_MAKE("real.service"), "a.target", "Wants", &c) >= 0);
        snprintf(p, sizeof p, "%s/a.target.wants/real.service", t.units);
        assert_int_equal(c.n, 1);
        assert_string_equal(c.changes[0].path, p);
        install_changes_done(&c);
        assert_int_equal(unit_file_add_dependency(&t.lp, 0, STRV_MAKE("real.service"), "a.target", "Upholds", &c),
                         -EINVAL);
        install_changes_done(&c);

        /* set-default / get-default */
        {
                char *d = NULL;

                assert_int_equal(unit_file_get_default(&t.lp, &d), -ENOENT);
                assert_int_equal(unit_file_set_default(&t.lp, UNIT_FILE_FORCE, "w.service", &c), -EINVAL);
                install_changes_done(&c);
                assert_int_equal(unit_file_set_default(&t.lp, UNIT_FILE_FORCE, "nosuch.target", &c), -ENOENT);
                assert_string_equal(c.error_message, "Unit file nosuch.target does not exist.");
                install_changes_done(&c);
                assert_int_equal(unit_file_set_default(&t.lp, UNIT_FILE_FORCE, "a.target", &c), 1);
                install_changes_done(&c);
                assert_int_equal(unit_file_get_default(&t.lp, &d), 0);
                assert_string_equal(d, "a.target");
                free(d);
        }

        /* revert: drop-ins go, a unit file with no vendor version stays, masks go */
        test_write(t.units, "real.service.d/a.conf", "[Unit]\n");
        assert_int_equal(unit_file_revert(&t.lp, STRV_MAKE("real.service", "mm.service"), &c), 3);
        snprintf(p, sizeof p, "%s/real.service.d/a.conf", t.units);
        assert_string_equal(c.changes[0].path, p);
        snprintf(p, sizeof p, "%s/real.service.d", t.units);
        assert_string_equal(c.changes[1].path, p);
        install_changes_done(&c);
        assert_int_equal(state_of(&t, "real.service"), UNIT_FILE_ENABLED);     /* a.target.wants/ */
        assert_int_equal(state_of(&t, "mm.service"), (UnitFileState) -ENOENT);

        /* mask over a regular file in the config dir is refused */
        assert_int_equal(unit_file_mask(&t.lp, 0, STRV_MAKE("real.service"), &c), -EEXIST);
        install_changes_done(&c);
        /* and over a link elsewhere too, without force */
        assert_int_equal(unit_file_mask(&t.lp, 0, STRV_MAKE("other.service"), &c), -EEXIST);
        install_changes_done(&c);
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
        assert_string_equal(install_change_type_to_string(INSTALL_CHANGE_DESTINATION_NOT_PRESENT),
                            "destination not present");
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_enable_disable),
                cmocka_unit_test(test_mask_link),
                cmocka_unit_test(test_systemd_rules),
                cmocka_unit_test(test_state_strings),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
