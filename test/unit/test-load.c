/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-load.c: from names to UnitDefs: search paths, fragments, aliases, masks, drop-ins,
 * .wants directories, specifiers, template fallback, implicit dependencies, bad input. Each
 * test builds its own unit directory (load-test-util.h). Expectations were taken from the
 * reference systemd 252 user manager. */

#include <fcntl.h>
#include <pwd.h>
#include <unistd.h>
#include <sys/stat.h>

#include "load-test-util.h"
#include "specifier.h"

static UnitDef *load(TestDir *t, const char *name) {
        UnitDef *d = NULL;

        assert_int_equal(unit_def_load(&t->lp, name, &d), 0);
        assert_non_null(d);
        return d;
}

static void test_search_path(void **state) {
        LookupPaths lp = {};

        setenv("HOME", "/h", 1);
        setenv("XDG_RUNTIME_DIR", "/r", 1);
        setenv("XDG_CONFIG_DIRS", "/c:/d", 1);
        setenv("XDG_DATA_DIRS", "/a:/b", 1);
        unsetenv("XDG_CONFIG_HOME");
        unsetenv("XDG_DATA_HOME");
        unsetenv("SYSTEMD_UNIT_PATH");
        assert_int_equal(lookup_paths_init(&lp, RUNTIME_SCOPE_USER), 0);
        {
                char *j = strv_join(lp.search_path, ":");
                /* as `systemd-analyze --user unit-paths` prints it */
                assert_string_equal(j, "/h/.config/systemd/user.control:/r/systemd/user.control:"
                                       "/r/systemd/transient:/r/systemd/generator.early:/h/.config/systemd/user:"
                                       "/c/systemd/user:/d/systemd/user:/etc/systemd/user:/r/systemd/user:"
                                       "/run/systemd/user:/r/systemd/generator:/h/.local/share/systemd/user:"
                                       "/a/systemd/user:/b/systemd/user:/usr/local/lib/systemd/user:"
                                       "/usr/local/share/systemd/user:/usr/lib/systemd/user:"
                                       "/usr/share/systemd/user:/r/systemd/generator.late");
                free(j);
        }
        assert_string_equal(lp.persistent_config, "/h/.config/systemd/user");
        assert_string_equal(lp.runtime_config, "/r/systemd/user");
        lookup_paths_done(&lp);

        setenv("SYSTEMD_UNIT_PATH", "/foo:/bar", 1);
        assert_int_equal(lookup_paths_init(&lp, RUNTIME_SCOPE_USER), 0);
        assert_int_equal(strv_length(lp.search_path), 2);
        lookup_paths_done(&lp);

        setenv("SYSTEMD_UNIT_PATH", "/foo:", 1);
        assert_int_equal(lookup_paths_init(&lp, RUNTIME_SCOPE_USER), 0);
        assert_string_equal(lp.search_path[0], "/foo");
        assert_string_equal(lp.search_path[1], "/h/.config/systemd/user.control");
        lookup_paths_done(&lp);

        unsetenv("SYSTEMD_UNIT_PATH");
        assert_int_equal(lookup_paths_init(&lp, RUNTIME_SCOPE_SYSTEM), 0);
        assert_string_equal(lp.search_path[0], "/etc/systemd/system.control");
        assert_string_equal(lp.persistent_config, "/etc/systemd/system");
        assert_true(strv_contains(lp.search_path, "/lib/systemd/system"));
        lookup_paths_done(&lp);
        unsetenv("XDG_CONFIG_DIRS");
        unsetenv("XDG_DATA_DIRS");
}

static void test_fragment_and_states(void **state) {
        TestDir t;
        static const struct {
                const char *name;
                const char *load_state;
                const char *id;
                const char *error;
        } rows[] = {
                { "a.service", "loaded", "a.service", NULL },
                { "nope.service", "not-found", "nope.service", "org.freedesktop.systemd1.NoSuchUnit" },
                { "masked.service", "masked", "masked.service", "org.freedesktop.systemd1.UnitMasked" },
                { "empty.service", "masked", "empty.service", "org.freedesktop.systemd1.UnitMasked" },
                { "dir.service", "not-found", "dir.service", "org.freedesktop.systemd1.NoSuchUnit" },
                { "utf.service", "error", "utf.service", "org.freedesktop.DBus.Error.InvalidArgs" },
                { "nul.service", "loaded", "nul.service", NULL },
                { "two.service", "bad-setting", "two.service", "org.freedesktop.systemd1.BadUnitSetting" },
                { "two-oneshot.service", "loaded", "two-oneshot.service", NULL },
                { "none.service", "bad-setting", "none.service", "org.freedesktop.systemd1.BadUnitSetting" },
                { "stoponly.service", "bad-setting", "stoponly.service", "org.freedesktop.systemd1.BadUnitSetting" },
                { "stopremain.service", "loaded", "stopremain.service", NULL },
                { "exitonly.service", "loaded", "exitonly.service", NULL },
                { "rel.service", "bad-setting", "rel.service", "org.freedesktop.systemd1.BadUnitSetting" },
                { "relignore.service", "bad-setting", "relignore.service", "org.freedesktop.systemd1.BadUnitSetting" },
                { "oneshot-always.service", "bad-setting", "oneshot-always.service", "org.freedesktop.systemd1.BadUnitSetting" },
                { "oneshot-onfailure.service", "loaded", "oneshot-onfailure.service", NULL },
                { "bareword.service", "loaded", "bareword.service", NULL },
                { "badheader.service", "error", "badheader.service", "System.Error.EBADMSG" },
                { "fifo.service", "not-found", "fifo.service", "org.freedesktop.systemd1.NoSuchUnit" },
                { "implicit.slice", "loaded", "implicit.slice", NULL },
                { "notarget.target", "not-found", "notarget.target", "org.freedesktop.systemd1.NoSuchUnit" },
        };
        char p[512];

        test_dir_setup(&t);
        test_write(t.units, "a.service", "[Service]\nExecStart=/bin/true\n");
        test_symlink(t.units, "masked.service", "/dev/null");
        test_write(t.units, "empty.service", "");
        snprintf(p, sizeof p, "%s/dir.service", t.units);
        mkdir(p, 0755);
        test_write(t.units, "utf.service", "[Unit]\nDescription=caf\xe9\n[Service]\nExecStart=/bin/true\n");
        {
                FILE *f;
                snprintf(p, sizeof p, "%s/nul.service", t.units);
                f = fopen(p, "we");
                fwrite("[Unit]\nDescription=a\0b\n[Service]\nExecStart=/bin/true\n", 1, 53, f);
                fclose(f);
        }
        test_write(t.units, "two.service", "[Service]\nExecStart=/bin/true\nExecStart=/bin/false\n");
        test_write(t.units, "two-oneshot.service", "[Service]\nType=oneshot\nExecStart=/bin/true\nExecStart=/bin/false\n");
        test_write(t.units, "none.service", "[Service]\nType=oneshot\n");
        test_write(t.units, "stoponly.service", "[Service]\nExecStop=/bin/true\n");
        test_write(t.units, "stopremain.service", "[Service]\nRemainAfterExit=yes\nExecStop=/bin/true\n");
        test_write(t.units, "exitonly.service", "[Unit]\nSuccessAction=exit\n");
        test_write(t.units, "rel.service", "[Service]\nExecStart=foo/bar\n");
        test_write(t.units, "relignore.service", "[Service]\nExecStart=-foo/bar\n");
        test_write(t.units, "oneshot-always.service", "[Service]\nType=oneshot\nRestart=always\nExecStart=/bin/true\n");
        test_write(t.units, "oneshot-onfailure.service", "[Service]\nType=oneshot\nRestart=on-failure\nExecStart=/bin/true\n");
        test_write(t.units, "bareword.service", "[Service]\nExecStart=true a\n");
        test_write(t.units, "badheader.service", "[Service\nExecStart=/bin/true\n");
        snprintf(p, sizeof p, "%s/fifo.service", t.units);
        assert_int_equal(mkfifo(p, 0644), 0);

        for (size_t i = 0; i < ELEMENTSOF(rows); i++) {
                UnitDef *d = load(&t, rows[i].name);

                if (!streq(unit_load_state_to_string(d->load_state), rows[i].load_state))
                        fail_msg("%s: %s != %s", rows[i].name, unit_load_state_to_string(d->load_state), rows[i].load_state);
                assert_string_equal(d->id, rows[i].id);
                if (rows[i].error)
                        assert_string_equal(d->load_error_name, rows[i].error);
                else
                        assert_null(d->load_error_name);
                unit_def_free(d);
        }

        {
                UnitDef *d = load(&t, "nope.service");
                assert_string_equal(d->load_error_message, "Unit nope.service not found.");
                unit_def_free(d);
                d = load(&t, "nul.service");
                assert_string_equal(d->unit.description, "a");
                unit_def_free(d);
                d = load(&t, "relignore.service");
                /* "-" makes the bad line ignorable; then the missing ExecStart= refuses */
                assert_int_equal(d->service.exec[SERVICE_EXEC_START].n, 0);
                unit_def_free(d);
                d = load(&t, "exitonly.service");
                /* no ExecStart=: Type=oneshot implied, and its start timeout is infinite */
                assert_int_equal(d->service.type, SERVICE_ONESHOT);
                assert_int_equal(d->service.timeout_start_usec, USEC_INFINITY);
                unit_def_free(d);
                d = load(&t, "rel.service");
                assert_null(d->slice);
                assert_null(d->deps[UNIT_REQUIRES]);
                unit_def_free(d);
        }
        assert_int_equal(unit_def_load(&t.lp, "not a name", &(UnitDef *) { NULL }), -EINVAL);
        test_dir_done(&t);
}

static void test_big_files(void **state) {
        TestDir t;
        size_t n = 1024 * 1024;
        char *s = malloc(n + 200), *q;
        UnitDef *d;

        test_dir_setup(&t);
        /* a 1 MiB unit file of comments */
        q = s + sprintf(s, "[Unit]\nDescription=big\n");
        while ((size_t) (q - s) < n)
                q += sprintf(q, "# comment comment comment comment comment comment\n");
        strcpy(q, "[Service]\nExecStart=/bin/true\n");
        test_write(t.units, "big.service", s);
        d = load(&t, "big.service");
        assert_int_equal(d->load_state, UNIT_LOADED);
        assert_string_equal(d->unit.description, "big");
        unit_def_free(d);

        /* a 100,000-character line */
        q = s + sprintf(s, "[Unit]\nDescription=");
        memset(q, 'x', 100000);
        strcpy(q + 100000, "\n[Service]\nExecStart=/bin/true\n");
        test_write(t.units, "long.service", s);
        d = load(&t, "long.service");
        assert_int_equal(d->load_state, UNIT_LOADED);
        assert_int_equal(strlen(d->unit.description), 100000);
        unit_def_free(d);
        free(s);
        test_dir_done(&t);
}

static void test_aliases_templates(void **state) {
        TestDir t;
        static const struct { const char *name, *id, *names, *fragment; } rows[] = {
                { "real.service", "real.service", "real.service al1.service al2.service", "real.service" },
                { "al1.service", "real.service", "real.service al1.service al2.service", "real.service" },
                { "al2.service", "real.service", "real.service al1.service al2.service", "real.service" },
                { "tpl@x.service", "tpl@x.service", "tpl@x.service tal@x.service", "tpl@.service" },
                { "tal@y.service", "tpl@y.service", "tpl@y.service tal@y.service", "tpl@.service" },
                { "own@z.service", "own@z.service", "own@z.service", "own@z.service" },
        };
        char tgt[512];

        test_dir_setup(&t);
        test_write(t.units, "real.service", "[Service]\nExecStart=/bin/true\n");
        test_symlink(t.units, "al1.service", "real.service");
        snprintf(tgt, sizeof tgt, "%s/al1.service", t.units);
        test_symlink(t.units, "al2.service", tgt);                 /* a chain, absolute */
        test_write(t.units, "tpl@.service", "[Service]\nExecStart=/bin/echo %i %I\n");
        test_symlink(t.units, "tal@.service", "tpl@.service");
        test_symlink(t.units, "inst-alias.service", "tpl@foo.service");
        test_write(t.units, "own@z.service", "[Service]\nExecStart=/bin/true\n");
        test_write(t.units, "own@.service", "[Service]\nExecStart=/bin/false\n");

        for (size_t i = 0; i < ELEMENTSOF(rows); i++) {
                UnitDef *d = load(&t, rows[i].name);
                char *f = path_join(t.units, rows[i].fragment);

                assert_int_equal(d->load_state, UNIT_LOADED);
                assert_string_equal(d->id, rows[i].id);
                assert_string_equal(d->names[0], rows[i].id);
                if (!deps_equal(d->names, rows[i].names))
                        fail_msg("%s: names %s", rows[i].name, strv_join(d->names, " "));
                assert_string_equal(d->fragment_path, f);
                free(f);
                unit_def_free(d);
        }
        {
                UnitDef *d = load(&t, "tpl@a-b.service");
                assert_string_equal(d->instance, "a-b");
                assert_string_equal(d->service.exec[SERVICE_EXEC_START].commands[0].argv[1], "a-b");
                assert_string_equal(d->service.exec[SERVICE_EXEC_START].commands[0].argv[2], "a/b");
                assert_string_equal(d->slice, "app-tpl.slice");
                unit_def_free(d);
                /* systemd 252 does not follow an alias to a template's instance */
                d = load(&t, "inst-alias.service");
                assert_int_equal(d->load_state, UNIT_NOT_FOUND);
                unit_def_free(d);
        }
        test_dir_done(&t);
}

static void test_dropins(void **state) {
        TestDir t;
        UnitDef *d;
        char exp[4096], p[512];

        test_dir_setup(&t);
        test_write(t.units, "foo-bar-baz.service", "[Unit]\nDescription=frag\nAfter=x.service\n[Service]\nExecStart=/bin/true\n");
        test_write(t.units, "foo-bar-baz.service.d/z.conf", "[Unit]\nDescription=z\n");
        test_write(t.units, "foo-.service.d/a.conf", "[Unit]\nDescription=a\n[Service]\nEnvironment=A=prefix\n");
        test_write(t.units, "service.d/a.conf", "[Unit]\nDescription=a2\n");
        test_write(t.units, "foo-bar-.service.d/m.conf", "[Unit]\nAfter=\nAfter=m.service\n");
        test_write(t.vendor, "foo-bar-baz.service.d/z.conf", "[Unit]\nDescription=lowz\n");
        test_write(t.vendor, "foo-bar-baz.service.d/y.conf", "[Unit]\nDescription=lowy\n");
        test_symlink(t.vendor, "service.d/n.conf", "/dev/null");
        test_symlink(t.units, "foo-bar-baz.service.d/dangling.conf", "/nonexistent");
        test_symlink(t.units, "foo-bar-baz.service.d/l1.conf", "l2.conf");
        test_symlink(t.units, "foo-bar-baz.service.d/l2.conf", "l1.conf");
        snprintf(p, sizeof p, "%s/foo-bar-baz.service.d/dir.conf", t.units);
        assert_int_equal(mkdir_p(p, 0755), 0);
        snprintf(p, sizeof p, "%s/foo-bar-baz.service.d/fifo.conf", t.units);
        assert_int_equal(mkfifo(p, 0644), 0);
        test_write(t.units, "foo-bar-baz.service.d/ignored.txt", "[Unit]\nDescription=no\n");

        d = load(&t, "foo-bar-baz.service");
        assert_int_equal(d->load_state, UNIT_LOADED);
        /* sorted by file name; z.conf of the higher-priority dir wins; the prefix dir beats service.d */
        snprintf(exp, sizeof exp,
                 "%1$s/foo-.service.d/a.conf %1$s/foo-bar-baz.service.d/dangling.conf %1$s/foo-bar-baz.service.d/dir.conf "
                 "%1$s/foo-bar-baz.service.d/fifo.conf %1$s/foo-bar-baz.service.d/l1.conf %1$s/foo-bar-baz.service.d/l2.conf "
                 "%1$s/foo-bar-.service.d/m.conf %2$s/service.d/n.conf %2$s/foo-bar-baz.service.d/y.conf "
                 "%1$s/foo-bar-baz.service.d/z.conf", t.units, t.vendor);
        {
                char *j = strv_join(d->dropin_paths, " ");
                assert_string_equal(j, exp);
                free(j);
        }
        assert_string_equal(d->unit.description, "z");
        assert_string_equal(d->exec.environment[0], "A=prefix");
        /* dependencies cannot be reset: "After=" in a drop-in is a no-op, as in systemd */
        assert_true(strv_contains(d->deps[UNIT_AFTER], "m.service"));
        assert_true(strv_contains(d->deps[UNIT_AFTER], "x.service"));
        assert_true(d->dropin_mtime > 0 && d->fragment_mtime > 0);
        unit_def_free(d);

        /* template drop-ins apply to instances; masked units still list drop-ins */
        test_write(t.units, "t@.service", "[Service]\nExecStart=/bin/true\n");
        test_write(t.units, "t@.service.d/x.conf", "[Unit]\nDescription=tmpl %i\n");
        test_write(t.units, "t@one.service.d/y.conf", "[Unit]\nDocumentation=man:one(1)\n");
        d = load(&t, "t@one.service");
        assert_string_equal(d->unit.description, "tmpl one");
        assert_string_equal(d->unit.documentation[0], "man:one(1)");
        unit_def_free(d);
        test_symlink(t.units, "m.service", "/dev/null");
        d = load(&t, "m.service");
        assert_int_equal(d->load_state, UNIT_MASKED);
        assert_non_null(d->dropin_paths);
        unit_def_free(d);
        test_dir_done(&t);
}

static void test_wants_dirs(void **state) {
        TestDir t;
        UnitDef *d;

        test_dir_setup(&t);
        test_write(t.units, "w.target", "[Unit]\nDescription=w\n");
        test_symlink(t.units, "w.target.wants/a.service", "../a.service");
        test_symlink(t.units, "w.target.requires/b.service", "../b.service");
        test_symlink(t.vendor, "w.target.upholds/c.service", "../c.service");
        test_write(t.units, "a.service", "[Service]\nExecStart=/bin/true\n");
        test_write(t.units, "b.service", "[Unit]\nDefaultDependencies=no\n[Service]\nExecStart=/bin/true\n");
        test_write(t.units, "c.service", "[Unit]\nBefore=w.target\n[Service]\nExecStart=/bin/true\n");
        test_write(t.units, "i@.service", "[Service]\nExecStart=/bin/true\n");
        test_symlink(t.units, "i@.service.wants/a.service", "../a.service");
        test_symlink(t.units, "i@.service.wants/j@.service", "../j@.service");

        d = load(&t, "w.target");
        assert_true(deps_equal(d->deps[UNIT_WANTS], "a.service"));
        assert_true(deps_equal(d->deps[UNIT_REQUIRES], "b.service"));
        assert_true(deps_equal(d->deps[UNIT_UPHOLDS], "c.service"));
        /* After= only on a.service: b has DefaultDependencies=no, c is ordered Before= */
        assert_true(deps_equal(d->deps[UNIT_AFTER], "a.service"));
        assert_true(deps_equal(d->deps[UNIT_CONFLICTS], "shutdown.target"));
        unit_def_free(d);

        d = load(&t, "i@q.service");
        assert_true(deps_equal(d->deps[UNIT_WANTS], "a.service j@q.service"));
        unit_def_free(d);
        test_dir_done(&t);
}

static void test_implicit_deps(void **state) {
        TestDir t;
        static const struct { const char *name, *text, *requires, *after, *before, *conflicts, *slice; } rows[] = {
                { "s.service", "[Service]\nExecStart=/bin/true\n",
                  "app.slice basic.target", "app.slice basic.target", "shutdown.target", "shutdown.target", "app.slice" },
                { "nodd.service", "[Unit]\nDefaultDependencies=no\n[Service]\nExecStart=/bin/true\n",
                  "app.slice", "app.slice", "", "", "app.slice" },
                { "sl.service", "[Service]\nSlice=my.slice\nExecStart=/bin/true\n",
                  "my.slice basic.target", "my.slice basic.target", "shutdown.target", "shutdown.target", "my.slice" },
                { "x.slice", "[Unit]\n", "-.slice", "-.slice", "shutdown.target", "shutdown.target", "-.slice" },
                { "x-y.slice", "[Unit]\n", "x.slice", "x.slice", "shutdown.target", "shutdown.target", "x.slice" },
                { "k.socket", "[Socket]\nListenStream=/k.sock\n", "app.slice", "app.slice -.mount",
                  "shutdown.target sockets.target k.service", "shutdown.target", "app.slice" },
                { "tt.timer", "[Timer]\nOnActiveSec=1\nUnit=a.service\n", "", "",
                  "timers.target shutdown.target a.service", "shutdown.target", NULL },
                { "d.service", "[Service]\nType=dbus\nBusName=org.x\nExecStart=/bin/true\n",
                  "app.slice basic.target dbus.socket", "app.slice basic.target dbus.socket", "shutdown.target",
                  "shutdown.target", "app.slice" },
        };

        test_dir_setup(&t);
        for (size_t i = 0; i < ELEMENTSOF(rows); i++)
                test_write(t.units, rows[i].name, rows[i].text);
        for (size_t i = 0; i < ELEMENTSOF(rows); i++) {
                UnitDef *d = load(&t, rows[i].name);

                assert_int_equal(d->load_state, UNIT_LOADED);
                if (!deps_equal(d->deps[UNIT_REQUIRES], rows[i].requires) ||
                    !deps_equal(d->deps[UNIT_AFTER], rows[i].after) ||
                    !deps_equal(d->deps[UNIT_BEFORE], rows[i].before) ||
                    !deps_equal(d->deps[UNIT_CONFLICTS], rows[i].conflicts))
                        fail_msg("%s: requires=%s after=%s before=%s", rows[i].name, strv_join(d->deps[UNIT_REQUIRES], " "),
                                 strv_join(d->deps[UNIT_AFTER], " "), strv_join(d->deps[UNIT_BEFORE], " "));
                if (rows[i].slice)
                        assert_string_equal(d->slice, rows[i].slice);
                unit_def_free(d);
        }
        test_dir_done(&t);
}

static void test_specifiers(void **state) {
        TestDir t;
        struct passwd *pw = getpwuid(getuid());
        char home[512], rt[512], frag[512];
        const struct { const char *name, *in, *out; } rows[] = {
                { "foo-bar@a-b\\x2dc.service", "%n", "foo-bar@a-b\\x2dc.service" },
                { "foo-bar@a-b\\x2dc.service", "%N", "foo-bar@a-b\\x2dc" },
                { "foo-bar@a-b\\x2dc.service", "%p %P", "foo-bar foo/bar" },
                { "foo-bar@a-b\\x2dc.service", "%i", "a-b\\x2dc" },
                { "foo-bar@a-b\\x2dc.service", "%I", "a/b-c" },
                { "foo-bar@a-b\\x2dc.service", "%f", "/a/b-c" },
                { "foo-bar@a-b\\x2dc.service", "%j %J", "bar bar" },
                { "plain.service", "%f", "/plain" },
                { "plain.service", "%i|%j", "|plain" },
                { "plain.service", "%%%%", "%%" },
                { "plain.service", "%t", rt },
                { "plain.service", "%h", home },
                { "plain.service", "%E", NULL },
                { "plain.service", "%T %V", "/tmp /var/tmp" },
                { "plain.service", "%y", frag },
        };

        test_dir_setup(&t);
        snprintf(home, sizeof home, "%s/home", t.root);
        snprintf(rt, sizeof rt, "%s/run", t.root);
        snprintf(frag, sizeof frag, "/x/plain.service");
        unsetenv("TMPDIR");
        for (size_t i = 0; i < ELEMENTSOF(rows); i++) {
                char *s = NULL;

                assert_int_equal(unit_specifier_expand(rows[i].name, "/x/plain.service", &t.lp, rows[i].in, &s), 0);
                if (rows[i].out)
                        assert_string_equal(s, rows[i].out);
                free(s);
        }
        {
                char *s = NULL, buf[64];
                assert_int_equal(unit_specifier_expand("a.service", NULL, &t.lp, "%u %U", &s), 0);
                snprintf(buf, sizeof buf, "%s %u", pw->pw_name, (unsigned) getuid());
                assert_string_equal(s, buf);
                free(s);
                assert_int_equal(unit_specifier_expand("a.service", NULL, &t.lp, "%Z", &s), -EBADSLT);
                assert_int_equal(unit_specifier_expand("a.service", NULL, &t.lp, "abc%", &s), -EBADSLT);
        }
        /* in a unit: Description= expands, an unknown specifier is warned about and ignored */
        test_write(t.units, "sp@in.service", "[Unit]\nDescription=%n/%i\nDescription=%Z\n[Service]\nExecStart=/bin/echo %p\n");
        {
                UnitDef *d = load(&t, "sp@in.service");
                assert_string_equal(d->unit.description, "sp@in.service/in");
                assert_string_equal(d->service.exec[SERVICE_EXEC_START].commands[0].argv[1], "sp");
                unit_def_free(d);
        }
        test_dir_done(&t);
}

static void test_typed_values(void **state) {
        TestDir t;
        UnitDef *d;

        test_dir_setup(&t);
        test_write(t.units, "v.service",
                   "[Unit]\nDescription=v\nBogusKey=1\nX-Mine=kept\nJobTimeoutSec=5\nConditionPathExists=|!/x\n"
                   "StartLimitBurst=notanumber\n"
                   "[Service]\nType=notify\nExecStart=/bin/true\nTimeoutSec=1min 30s\nTimeoutStopSec=0\n"
                   "RestartSec=abc\nRestartSec=250ms\nSuccessExitStatus=1 2 SIGKILL TERM\nSuccessExitStatus=3\n"
                   "Environment=\"A=1 2\" B=x\nEnvironment=B=y\nEnvironment=bad\nEnvironmentFile=-/etc/foo\n"
                   "EnvironmentFile=relative\nLimitNOFILE=100:200\nKillSignal=SIGINT\nMemoryMax=1G\nTasksMax=100\n"
                   "CPUQuota=20%\nWorkingDirectory=-~\nUMask=0077\nNice=30\nStandardOutput=append:/tmp/log\n"
                   "Restart=sometimes\nSockets=\nPrivateTmp=yes\n"
                   "[Socket]\nListenStream=1\n[X-Section]\nK=V\n[Nope]\nA=B\n"
                   "[Install]\nWantedBy=default.target\nAlias=vv.service\n");
        d = load(&t, "v.service");
        assert_int_equal(d->load_state, UNIT_LOADED);
        assert_int_equal(d->service.type, SERVICE_NOTIFY);
        assert_int_equal(d->service.notify_access, NOTIFY_MAIN);
        assert_int_equal(d->service.timeout_start_usec, 90 * USEC_PER_SEC);
        assert_int_equal(d->service.timeout_stop_usec, USEC_INFINITY);
        assert_int_equal(d->service.restart_usec, 250 * USEC_PER_MSEC);
        assert_int_equal(d->service.restart, SERVICE_RESTART_NO);
        assert_true(exit_status_set_test_status(&d->service.success_status, 1));
        assert_true(exit_status_set_test_status(&d->service.success_status, 3));
        assert_true(exit_status_set_test_signal(&d->service.success_status, 9));
        assert_true(exit_status_set_test_signal(&d->service.success_status, 15));
        assert_int_equal(strv_length(d->exec.environment), 2);
        assert_string_equal(d->exec.environment[0], "A=1 2");
        assert_string_equal(d->exec.environment[1], "B=y");
        assert_int_equal(d->exec.n_environment_files, 1);
        assert_true(d->exec.environment_files[0].ignore_missing);
        assert_non_null(d->exec.rlimit[RLIMIT_NOFILE]);
        assert_int_equal(d->exec.rlimit[RLIMIT_NOFILE]->rlim_cur, 100);
        assert_int_equal(d->exec.rlimit[RLIMIT_NOFILE]->rlim_max, 200);
        assert_int_equal(d->kill.kill_signal, 2);
        assert_int_equal(d->cgroup.memory_max, 1024ULL * 1024 * 1024);
        assert_int_equal(d->cgroup.tasks_max, 100);
        assert_int_equal(d->cgroup.cpu_quota_per_sec_usec, 200 * USEC_PER_MSEC);
        assert_true(d->exec.working_directory_home && d->exec.working_directory_missing_ok);
        assert_int_equal(d->exec.umask, 0077);
        assert_false(d->exec.nice_set);
        assert_int_equal(d->exec.std_output, EXEC_OUTPUT_FILE_APPEND);
        assert_string_equal(d->exec.stdio_file[1], "/tmp/log");
        assert_true(d->exec.private_tmp);
        assert_int_equal(d->unit.job_timeout_usec, 5 * USEC_PER_SEC);
        assert_int_equal(d->unit.start_limit_burst, 5);
        assert_int_equal(d->unit.n_conditions, 1);
        assert_true(d->unit.conditions[0].trigger && d->unit.conditions[0].negate);
        assert_string_equal(d->unit.conditions[0].parameter, "/x");
        assert_string_equal(d->install.wanted_by[0], "default.target");
        assert_string_equal(d->install.alias[0], "vv.service");
        /* X- keys and sections are kept; [Socket] in a service and [Nope] are not */
        assert_int_equal(d->n_raw, 2);
        assert_string_equal(d->raw[0].key, "X-Mine");
        assert_string_equal(d->raw[1].section, "X-Section");
        unit_def_free(d);

        test_write(t.units, "k.socket", "[Socket]\nListenStream=/a\nListenStream=/b\nListenStream=\nListenStream=/c\nBacklog=5\n");
        d = load(&t, "k.socket");
        assert_int_equal(d->n_raw, 3);            /* the empty marker, /c and Backlog */
        assert_string_equal(d->raw[1].value, "/c");
        unit_def_free(d);
        test_dir_done(&t);
}

/* defaults that depend on the unit type, before any file is read */
static void test_type_defaults(void **state) {
        TestDir t;
        static const struct { const char *name, *text; bool ignore_on_isolate; } rows[] = {
                { "a.slice",   "[Unit]\n",                                    true  },
                { "b.slice",   "[Unit]\nIgnoreOnIsolate=no\n",                 false },
                { "c.service", "[Service]\nExecStart=/bin/true\n",             false },
                { "d.target",  "[Unit]\n",                                    false },
                { "e.socket",  "[Socket]\nListenStream=/e.sock\n",             false },
        };

        test_dir_setup(&t);
        for (size_t i = 0; i < ELEMENTSOF(rows); i++)
                test_write(t.units, rows[i].name, rows[i].text);
        for (size_t i = 0; i < ELEMENTSOF(rows); i++) {
                UnitDef *d = load(&t, rows[i].name);

                if (d->unit.ignore_on_isolate != rows[i].ignore_on_isolate)
                        fail_msg("%s: IgnoreOnIsolate=%d", rows[i].name, d->unit.ignore_on_isolate);
                unit_def_free(d);
        }
        test_dir_done(&t);
}

/* load_show_units() prints systemctl's properties only: never a file's own Key=value lines */
static void test_show(void **state) {
        TestDir t;
        static const struct { const char *name, *text, *present, *absent; } rows[] = {
                { "k.socket", "[Socket]\nListenStream=%t/k.sock\nService=x.service\n",
                  "\nListen=@RUN@/k.sock (Stream)\n", "\nListenStream=" },
                { "k.socket", "[Socket]\nListenStream=%t/k.sock\nService=x.service\n",
                  "\nFileDescriptorName=k.socket\n", "\nService=" },
                { "p.socket", "[Socket]\nListenFIFO=/p.fifo\nExecStartPost=-/bin/echo %n\n",
                  "\nExecStartPost={ path=/bin/echo ; argv[]=/bin/echo p.socket ; ignore_errors=yes ;",
                  "\nExecStartPostEx=" },
                { "p.socket", "[Socket]\nListenFIFO=/p.fifo\n", "\nListen=/p.fifo (FIFO)\n", "%" },
                { "i.service", "[Service]\nExecStart=/bin/true\nIOSchedulingClass=idle\n",
                  "\nType=simple\n", "\nIOSchedulingClass=" },
                { "t.timer", "[Timer]\nOnStartupSec=5min\n", "\nId=t.timer\n", "\nOnStartupSec=" },
        };

        test_dir_setup(&t);
        for (size_t i = 0; i < ELEMENTSOF(rows); i++) {
                char path[256], *names[] = { (char *) rows[i].name, NULL }, *out = NULL, *present = NULL;
                size_t sz = 0;
                FILE *f;
                int fd, saved;

                test_write(t.units, rows[i].name, rows[i].text);
                snprintf(path, sizeof path, "%s/show.out", t.root);
                fflush(stdout);
                saved = dup(STDOUT_FILENO);
                fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
                assert_true(saved >= 0 && fd >= 0);
                assert_true(dup2(fd, STDOUT_FILENO) >= 0);
                close(fd);
                assert_int_equal(load_show_units(RUNTIME_SCOPE_USER, names), 0);
                fflush(stdout);
                assert_true(dup2(saved, STDOUT_FILENO) >= 0);
                close(saved);

                f = fopen(path, "re");
                assert_non_null(f);
                out = malloc(65536);
                assert_non_null(out);
                out[0] = '\n';                  /* so that a needle "\nKey=" matches the first line */
                sz = fread(out + 1, 1, 65534, f);
                out[sz + 1] = 0;
                fclose(f);
                {
                        const char *at = strstr(rows[i].present, "@RUN@");

                        assert_true(asprintf(&present, "%.*s%s%s", at ? (int) (at - rows[i].present) : 0,
                                             rows[i].present, at ? getenv("XDG_RUNTIME_DIR") : rows[i].present,
                                             at ? at + 5 : "") >= 0);
                }
                if (!strstr(out, present) || strstr(out, rows[i].absent))
                        fail_msg("%s: want %s, not %s, in:%s", rows[i].name, present, rows[i].absent, out);
                free(present);
                free(out);
        }
        test_dir_done(&t);
}

static void test_from_string_and_reverse(void **state) {
        UnitDef *a = NULL, *b = NULL;
        UnitDef *defs[2];

        const char *ta = "[Unit]\nWants=b.service\nBefore=b.service\n[Service]\nExecStart=/bin/true\n";
        const char *tb = "[Service]\nExecStart=/bin/true\n";

        assert_int_equal(unit_def_load_from_string(NULL, "a.service", "/x/a.service", ta, strlen(ta), &a), 0);
        assert_int_equal(unit_def_load_from_string(NULL, "b.service", NULL, tb, strlen(tb), &b), 0);
        assert_string_equal(a->slice, "system.slice");
        assert_true(strv_contains(a->deps[UNIT_REQUIRES], "sysinit.target"));
        assert_true(strv_contains(a->deps[UNIT_AFTER], "systemd-journald.socket"));
        defs[0] = a;
        defs[1] = b;
        assert_int_equal(unit_defs_add_reverse_dependencies(defs, 2), 0);
        assert_true(deps_equal(b->deps[UNIT_WANTED_BY], "a.service"));
        assert_true(strv_contains(b->deps[UNIT_AFTER], "a.service"));
        unit_def_free(a);
        unit_def_free(b);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_search_path),
                cmocka_unit_test(test_fragment_and_states),
                cmocka_unit_test(test_big_files),
                cmocka_unit_test(test_aliases_templates),
                cmocka_unit_test(test_dropins),
                cmocka_unit_test(test_wants_dirs),
                cmocka_unit_test(test_implicit_deps),
                cmocka_unit_test(test_specifiers),
                cmocka_unit_test(test_typed_values),
                cmocka_unit_test(test_type_defaults),
                cmocka_unit_test(test_show),
                cmocka_unit_test(test_from_string_and_reverse),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
