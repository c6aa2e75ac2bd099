/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* condition.c: Condition…= and Assert…= of systemd.unit(5). A unit's conditions pass when
 * every non-triggering condition passes and, if there are triggering ("|") ones, at least one
 * of those passes. Checks stemd cannot evaluate count as passed. */

#include <dirent.h>
#include <fnmatch.h>
#include <glob.h>
#include <pwd.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include "log.h"
#include "manager.h"
#include "parse-util.h"
#include "strv.h"
#include "unit.h"

static bool dir_not_empty(const char *p) {
        DIR *d = opendir(p);
        struct dirent *de;
        bool r = false;

        if (!d)
                return false;
        while ((de = readdir(d)))
                if (!streq(de->d_name, ".") && !streq(de->d_name, "..")) {
                        r = true;
                        break;
                }
        closedir(d);
        return r;
}

static int condition_test(Unit *u, const Condition *c) {
        const char *t = c->type, *p = c->parameter;
        struct stat st;

        t = startswith(t, "Condition") ?: startswith(t, "Assert") ?: t;

        if (streq(t, "PathExists"))
                return access(p, F_OK) >= 0;
        if (streq(t, "PathExistsGlob")) {
                glob_t g = {};
                int r = glob(p, GLOB_NOSORT | GLOB_BRACE, NULL, &g) == 0 && g.gl_pathc > 0;
                globfree(&g);
                return r;
        }
        if (streq(t, "PathIsDirectory"))
                return stat(p, &st) >= 0 && S_ISDIR(st.st_mode);
        if (streq(t, "PathIsSymbolicLink"))
                return lstat(p, &st) >= 0 && S_ISLNK(st.st_mode);
        if (streq(t, "PathIsReadWrite")) {
                struct statvfs sv;
                return statvfs(p, &sv) >= 0 && !(sv.f_flag & ST_RDONLY);
        }
        if (streq(t, "DirectoryNotEmpty"))
                return dir_not_empty(p);
        if (streq(t, "FileNotEmpty"))
                return stat(p, &st) >= 0 && S_ISREG(st.st_mode) && st.st_size > 0;
        if (streq(t, "FileIsExecutable"))
                return stat(p, &st) >= 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111);
        if (streq(t, "Environment")) {
                const char *eq = strchr(p, '=');
                STRV_FOREACH(e, u->manager->environment) {
                        if (eq ? streq(*e, p) : (startswith(*e, p) && (*e)[strlen(p)] == '='))
                                return 1;
                }
                return 0;
        }
        if (streq(t, "User")) {
                struct passwd *pw;
                uid_t uid = getuid();
                if (streq(p, "@system"))
                        return uid < 1000;
                pw = getpwuid(uid);
                unsigned n;
                if (safe_atou(p, &n) >= 0)
                        return n == uid;
                return pw && streq(pw->pw_name, p);
        }
        if (streq(t, "Group")) {
                struct group *gr = getgrnam(p);
                unsigned n;
                if (safe_atou(p, &n) >= 0)
                        return (gid_t) n == getgid();
                return gr && gr->gr_gid == getgid();
        }
        if (streq(t, "Host")) {
                char h[256] = "";
                (void) gethostname(h, sizeof h - 1);
                return fnmatch(p, h, FNM_CASEFOLD) == 0;
        }
        if (streq(t, "Null"))
                return true;
        return true;
}

static int conditions_test(Unit *u, const Condition *l, size_t n) {
        int triggered = -1;

        for (size_t i = 0; i < n; i++) {
                int r = condition_test(u, &l[i]);
                if (l[i].negate)
                        r = !r;
                if (l[i].trigger) {
                        if (triggered < 0)
                                triggered = 0;
                        if (r)
                                triggered = 1;
                } else if (!r) {
                        log_info("%s: Condition check resulted in %s=%s%s being skipped.", u->id,
                                 l[i].type, l[i].negate ? "!" : "", l[i].parameter);
                        return 0;
                }
        }
        return triggered != 0;
}

int unit_test_conditions(Unit *u) {
        dual_timestamp_now(&u->condition_timestamp);
        u->condition_result = conditions_test(u, u->def->unit.conditions, u->def->unit.n_conditions);
        unit_add_to_dbus_queue(u);
        return u->condition_result;
}

int unit_test_asserts(Unit *u) {
        dual_timestamp_now(&u->assert_timestamp);
        u->assert_result = conditions_test(u, u->def->unit.asserts, u->def->unit.n_asserts);
        unit_add_to_dbus_queue(u);
        return u->assert_result;
}
