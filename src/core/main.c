/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* main.c: stemd's command line. `stemd --user` / `--system` run the manager in the
 * foreground; `--load UNIT…` prints what the loader makes of units and exits. */

#include <getopt.h>
#include <sys/stat.h>

#include "log.h"
#include "manager.h"
#include "path-util.h"
#include "strv.h"

static void help(void) {
        printf("stemd [OPTIONS...]\n\n"
               "A service manager that runs systemd unit files and serves systemd's D-Bus API.\n\n"
               "  -h --help             Show this help\n"
               "     --version          Show the version\n"
               "     --user             Run a user manager\n"
               "     --system           Run the system manager\n"
               "     --unit=UNIT        Start UNIT instead of default.target\n"
               "     --load UNIT...     Print the properties unit files define, then exit\n"
               "     --log-level=LEVEL  debug, info, notice, warning, err\n");
}

int main(int argc, char *argv[]) {
        enum { ARG_VERSION = 0x100, ARG_USER, ARG_SYSTEM, ARG_UNIT, ARG_LOAD, ARG_LOG_LEVEL };
        static const struct option options[] = {
                { "help", no_argument, NULL, 'h' },
                { "version", no_argument, NULL, ARG_VERSION },
                { "user", no_argument, NULL, ARG_USER },
                { "system", no_argument, NULL, ARG_SYSTEM },
                { "unit", required_argument, NULL, ARG_UNIT },
                { "load", no_argument, NULL, ARG_LOAD },
                { "log-level", required_argument, NULL, ARG_LOG_LEVEL },
                {}
        };
        RuntimeScope scope = getpid() == 1 ? RUNTIME_SCOPE_SYSTEM : _RUNTIME_SCOPE_INVALID;
        bool load_only = false;
        const char *unit = NULL;
        Manager *m = NULL;
        int c, r;

        log_set_prefix("stemd");
        while ((c = getopt_long(argc, argv, "h", options, NULL)) >= 0)
                switch (c) {
                case 'h':
                        help();
                        return 0;
                case ARG_VERSION:
                        printf("stemd 0.1 (systemd 252 compatible)\n");
                        return 0;
                case ARG_USER:
                        scope = RUNTIME_SCOPE_USER;
                        break;
                case ARG_SYSTEM:
                        scope = RUNTIME_SCOPE_SYSTEM;
                        break;
                case ARG_UNIT:
                        unit = optarg;
                        break;
                case ARG_LOAD:
                        load_only = true;
                        break;
                case ARG_LOG_LEVEL:
                        if (streq(optarg, "debug"))
                                log_set_max_level(LOG_DEBUG);
                        else if (streq(optarg, "info"))
                                log_set_max_level(LOG_INFO);
                        else if (streq(optarg, "notice"))
                                log_set_max_level(LOG_NOTICE);
                        else if (streq(optarg, "warning"))
                                log_set_max_level(LOG_WARNING);
                        else if (streq(optarg, "err") || streq(optarg, "error"))
                                log_set_max_level(LOG_ERR);
                        else {
                                log_error("Unknown log level %s.", optarg);
                                return 1;
                        }
                        break;
                case '?':
                        return 1;
                default:
                        assert_not_reached();
                }

        if (scope < 0) {
                log_error("Pass --user or --system.");
                return 1;
        }

        if (load_only)
                return load_show_units(scope, argv + optind) < 0 ? 1 : 0;

        if (optind < argc) {
                log_error("Unexpected argument %s.", argv[optind]);
                return 1;
        }

        r = manager_new(scope, &m);
        if (r < 0)
                return 1;
        if (unit) {
                m->default_target = strdup(unit);
                if (!m->default_target)
                        return 1;
        }
        if (scope == RUNTIME_SCOPE_SYSTEM)
                (void) mkdir_p("/run/systemd/system", 0755);

        r = manager_startup(m);
        if (r < 0) {
                manager_free(m);
                return 1;
        }
        r = manager_loop(m);
        manager_free(m);
        return r < 0 ? 1 : 0;
}
