/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* bus-transient.c: transient units (org.freedesktop.systemd1(5) StartTransientUnit()). The
 * a(sv) properties are checked one by one against the table below (systemd's D-Bus names and
 * signatures, TRANSIENT-SETTINGS.md) and turned into unit-file lines; the file is written to
 * the transient directory and loaded like any other, so that what runs is what `systemctl
 * cat` shows. File descriptors, AddRef= and PIDs= are not file settings and are handed to the
 * unit directly. Also AttachProcessesToUnit() and AbandonScope(). Invariant: a refused call
 * leaves nothing behind (no file, no unit, no fd). Not here: running the unit (service.c,
 * scope.c), collecting it (unit.c). */

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bus-internal.h"
#include "bus-transient.h"
#include "cgroup.h"
#include "process.h"
#include "env-util.h"
#include "log.h"
#include "parse-util.h"
#include "path-util.h"
#include "scope.h"
#include "service.h"
#include "strv.h"
#include "time-util.h"
#include "unit-name.h"

#define T_SERVICE (1U << 0)
#define T_SCOPE (1U << 1)
#define T_BOTH (T_SERVICE | T_SCOPE)

typedef struct TransientProperty TransientProperty;
typedef int (*transient_handler)(TransientSpec *s, const TransientProperty *p, sd_bus_message *m,
                                 sd_bus_error *error);

struct TransientProperty {
        const char *name;               /* the D-Bus property */
        const char *signature;
        unsigned types;                 /* T_SERVICE, T_SCOPE */
        transient_handler handler;
        const char *key;                /* the unit-file key, NULL: name */
        bool unit_section;              /* [Unit] rather than the type's own section */
        int arg;                        /* per handler */
};

static int error_contents(sd_bus_error *error) {
        return sd_bus_error_set(error, "System.Error.ENXIO",
                                "Failed to set unit properties: Unexpected message contents");
}

static int error_invalid(sd_bus_error *error, const TransientProperty *p, const char *value) {
        return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Invalid %s setting: %s", p->name, value);
}

static FILE *section(TransientSpec *s, const TransientProperty *p) {
        return p->unit_section ? s->unit_f : s->type_f;
}

static const char *key(const TransientProperty *p) {
        return p->key ?: p->name;
}

/* A value on a line of its own: the loader expands specifiers, so '%' is doubled. Values that
 * would end the line or continue it are refused by the callers. */
static void put_escaped(FILE *f, const char *v) {
        for (; *v; v++) {
                if (*v == '%')
                        fputc('%', f);
                fputc(*v, f);
        }
}

/* One word in double quotes, C-escaped, as systemd.syntax(7) reads it back */
static void put_quoted(FILE *f, const char *v) {
        fputc('"', f);
        for (const unsigned char *c = (const unsigned char *) v; *c; c++)
                switch (*c) {
                case '"':
                case '\\':
                        fputc('\\', f);
                        fputc(*c, f);
                        break;
                case '\n':
                        fputs("\\n", f);
                        break;
                case '\t':
                        fputs("\\t", f);
                        break;
                case '%':
                        fputs("%%", f);
                        break;
                default:
                        if (*c < ' ' || *c == 127)
                                fprintf(f, "\\x%02x", *c);
                        else
                                fputc(*c, f);
                }
        fputc('"', f);
}

static bool string_is_one_line(const char *v) {
        size_t n = strlen(v);

        return !strpbrk(v, "\n\r") && !(n > 0 && v[n - 1] == '\\');
}

/* ---- the handlers: each reads the variant's contents whole ---- */

enum {
        STRING_ANY,
        STRING_ABSOLUTE,        /* an absolute path, or "" to reset */
        STRING_USER,            /* User=, Group=: a name or a number */
        STRING_TTY,
};

static bool user_name_is_ok(const char *v) {
        if (isempty(v) || strlen(v) > 256 || v[0] == '-')
                return false;
        for (const char *c = v; *c; c++)
                if (*c <= ' ' || *c == ':' || *c == '/' || *c == ',' || *c == 127 || *c == '!')
                        return false;
        return true;
}

static int h_string(TransientSpec *s, const TransientProperty *p, sd_bus_message *m, sd_bus_error *error) {
        const char *v;
        int r;

        r = sd_bus_message_read(m, "s", &v);
        if (r < 0)
                return error_contents(error);
        if (!string_is_one_line(v))
                return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Invalid %s setting: contains a newline.", p->name);
        switch (p->arg) {
        case STRING_ABSOLUTE:
                if (!isempty(v) && !path_is_absolute(v))
                        return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Path %s is not absolute.", v);
                break;
        case STRING_TTY:
                if (!isempty(v) && !path_is_absolute(v))
                        return error_invalid(error, p, v);
                break;
        case STRING_USER:
                /* systemd writes such a name and then fails to load the unit */
                if (!isempty(v) && !user_name_is_ok(v))
                        return -ENOEXEC;
                break;
        }
        fprintf(section(s, p), "%s=", key(p));
        put_escaped(section(s, p), v);
        fputc('\n', section(s, p));
        return 0;
}

static int h_bool(TransientSpec *s, const TransientProperty *p, sd_bus_message *m, sd_bus_error *error) {
        int b, r;

        r = sd_bus_message_read(m, "b", &b);
        if (r < 0)
                return error_contents(error);
        fprintf(section(s, p), "%s=%s\n", key(p), b ? "yes" : "no");
        return 0;
}

static int h_usec(TransientSpec *s, const TransientProperty *p, sd_bus_message *m, sd_bus_error *error) {
        char buf[FORMAT_TIMESPAN_MAX];
        uint64_t t;
        int r;

        r = sd_bus_message_read(m, "t", &t);
        if (r < 0)
                return error_contents(error);
        /* TimeoutStartSec= and friends read "0" as infinity; the bus means 0 there too */
        if (t == 0)
                fprintf(section(s, p), "%s=0\n", key(p));
        else
                fprintf(section(s, p), "%s=%s\n", key(p), format_timespan(buf, sizeof buf, t, 1));
        return 0;
}

static int h_u64(TransientSpec *s, const TransientProperty *p, sd_bus_message *m, sd_bus_error *error) {
        uint64_t v;
        int r;

        r = sd_bus_message_read(m, "t", &v);
        if (r < 0)
                return error_contents(error);
        if (v == UINT64_MAX)
                fprintf(section(s, p), "%s=infinity\n", key(p));
        else
                fprintf(section(s, p), "%s=%" PRIu64 "\n", key(p), v);
        return 0;
}

static int h_u32(TransientSpec *s, const TransientProperty *p, sd_bus_message *m, sd_bus_error *error) {
        uint32_t v;
        int r;

        r = sd_bus_message_read(m, "u", &v);
        if (r < 0)
                return error_contents(error);
        fprintf(section(s, p), "%s=%" PRIu32 "\n", key(p), v);
        return 0;
}

static int h_umask(TransientSpec *s, const TransientProperty *p, sd_bus_message *m, sd_bus_error *error) {
        uint32_t v;
        int r;

        r = sd_bus_message_read(m, "u", &v);
        if (r < 0)
                return error_contents(error);
        if (v > 07777)
                return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Invalid UMask setting: %04" PRIo32, v);
        fprintf(section(s, p), "%s=%04" PRIo32 "\n", key(p), v);
        return 0;
}

typedef int (*enum_from_string)(const char *s);

static const enum_from_string enum_parsers[] = {
#define E_SERVICE_TYPE 0
        (enum_from_string) service_type_from_string,
#define E_EXIT_TYPE 1
        (enum_from_string) service_exit_type_from_string,
#define E_RESTART 2
        (enum_from_string) service_restart_from_string,
#define E_NOTIFY_ACCESS 3
        (enum_from_string) notify_access_from_string,
#define E_KILL_MODE 4
        (enum_from_string) kill_mode_from_string,
#define E_COLLECT_MODE 5
        (enum_from_string) collect_mode_from_string,
#define E_JOB_MODE 6
        (enum_from_string) job_mode_from_string,
#define E_OOM_POLICY 7
        (enum_from_string) oom_policy_from_string,
#define E_EMERGENCY_ACTION 8
        (enum_from_string) emergency_action_from_string,
};

static int h_enum(TransientSpec *s, const TransientProperty *p, sd_bus_message *m, sd_bus_error *error) {
        const char *v;
        int r;

        r = sd_bus_message_read(m, "s", &v);
        if (r < 0)
                return error_contents(error);
        if (enum_parsers[p->arg](v) < 0)
                return error_invalid(error, p, v);
        /* the user manager runs no emergency actions but the exit ones */
        fprintf(section(s, p), "%s=%s\n", key(p), v);
        return 0;
}

static int h_deps(TransientSpec *s, const TransientProperty *p, sd_bus_message *m, sd_bus_error *error) {
        const char *v;
        size_t n = 0;
        int r;

        r = sd_bus_message_enter_container(m, 'a', "s");
        if (r < 0)
                return error_contents(error);
        while ((r = sd_bus_message_read(m, "s", &v)) > 0) {
                if (++n > TRANSIENT_ARGV_MAX)
                        return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Too many entries in %s.", p->name);
                if (!unit_name_is_valid(v, UNIT_NAME_PLAIN | UNIT_NAME_INSTANCE))
                        return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Invalid unit name %s", v);
                fprintf(section(s, p), "%s=", key(p));
                put_escaped(section(s, p), v);
                fputc('\n', section(s, p));
        }
        if (r < 0)
                return error_contents(error);
        return sd_bus_message_exit_container(m) < 0 ? error_contents(error) : 0;
}

static int h_strv(TransientSpec *s, const TransientProperty *p, sd_bus_message *m, sd_bus_error *error) {
        const char *v;
        size_t n = 0;
        int r;

        r = sd_bus_message_enter_container(m, 'a', "s");
        if (r < 0)
                return error_contents(error);
        fprintf(section(s, p), "%s=", key(p));
        while ((r = sd_bus_message_read(m, "s", &v)) > 0) {
                if (++n > TRANSIENT_ARGV_MAX)
                        return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Too many entries in %s.", p->name);
                fputc(' ', section(s, p));
                put_quoted(section(s, p), v);
        }
        fputc('\n', section(s, p));
        if (r < 0)
                return error_contents(error);
        return sd_bus_message_exit_container(m) < 0 ? error_contents(error) : 0;
}

enum {
        ENV_ASSIGNMENTS,        /* Environment= */
        ENV_NAMES,              /* PassEnvironment= */
        ENV_NAMES_OR_ASSIGNMENTS, /* UnsetEnvironment= */
};

static int h_environment(TransientSpec *s, const TransientProperty *p, sd_bus_message *m, sd_bus_error *error) {
        _cleanup_strv_free_ char **l = NULL;
        int r;

        r = sd_bus_message_read_strv(m, &l);
        if (r < 0)
                return error_contents(error);
        if (strv_length(l) > TRANSIENT_ARGV_MAX)
                return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Too many entries in %s.", p->name);
        STRV_FOREACH(e, l) {
                bool ok = p->arg == ENV_ASSIGNMENTS ? env_assignment_is_valid(*e) :
                          p->arg == ENV_NAMES ? env_name_is_valid(*e) :
                          env_name_is_valid(*e) || env_assignment_is_valid(*e);
                if (!ok)
                        return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS,
                                                p->arg == ENV_ASSIGNMENTS ? "Invalid environment block." :
                                                "Invalid environment variable name.");
        }
        /* an empty list resets, as an empty assignment does */
        fprintf(section(s, p), "%s=", key(p));
        STRV_FOREACH(e, l) {
                if (e != l)
                        fputc(' ', section(s, p));
                put_quoted(section(s, p), *e);
        }
        fputc('\n', section(s, p));
        return 0;
}

static int h_environment_files(TransientSpec *s, const TransientProperty *p, sd_bus_message *m, sd_bus_error *error) {
        const char *path;
        size_t n = 0;
        int ignore, r;

        r = sd_bus_message_enter_container(m, 'a', "(sb)");
        if (r < 0)
                return error_contents(error);
        fputs("EnvironmentFile=\n", s->type_f);
        while ((r = sd_bus_message_read(m, "(sb)", &path, &ignore)) > 0) {
                if (++n > TRANSIENT_ARGV_MAX)
                        return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Too many entries in %s.", p->name);
                if (!path_is_absolute(path))
                        return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Path %s is not absolute.", path);
                if (!string_is_one_line(path))
                        return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Invalid %s setting: contains a newline.", p->name);
                fprintf(s->type_f, "EnvironmentFile=%s", ignore ? "-" : "");
                put_escaped(s->type_f, path);
                fputc('\n', s->type_f);
        }
        if (r < 0)
                return error_contents(error);
        return sd_bus_message_exit_container(m) < 0 ? error_contents(error) : 0;
}

static int h_working_directory(TransientSpec *s, const TransientProperty *p, sd_bus_message *m, sd_bus_error *error) {
        const char *v, *path;
        bool missing_ok;
        int r;

        r = sd_bus_message_read(m, "s", &v);
        if (r < 0)
                return error_contents(error);
        missing_ok = v[0] == '-';
        path = missing_ok ? v + 1 : v;
        if (!isempty(path) && !streq(path, "~") && !path_is_absolute(path))
                return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS,
                                        "WorkingDirectory= expects an absolute path or '~'");
        if (!string_is_one_line(v))
                return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Invalid %s setting: contains a newline.", p->name);
        fputs("WorkingDirectory=", s->type_f);
        put_escaped(s->type_f, v);
        fputc('\n', s->type_f);
        return 0;
}

enum {
        INT_NICE,
        INT_OOM_SCORE,
        INT_SIGNAL,
};

static int h_int(TransientSpec *s, const TransientProperty *p, sd_bus_message *m, sd_bus_error *error) {
        int32_t v;
        int r;

        r = sd_bus_message_read(m, "i", &v);
        if (r < 0)
                return error_contents(error);
        switch (p->arg) {
        case INT_NICE:
                if (v < -20 || v > 19)
                        return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Invalid Nice value: %" PRIi32, v);
                break;
        case INT_OOM_SCORE:
                if (v < -1000 || v > 1000)
                        return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS, "OOM score adjust value out of range");
                break;
        case INT_SIGNAL: {
                const char *name = v > 0 ? signal_to_string(v) : NULL;

                if (v <= 0 || v > SIGRTMAX) {
                        char buf[32];

                        snprintf(buf, sizeof buf, "%" PRIi32, v);
                        return error_invalid(error, p, buf);
                }
                if (name)
                        fprintf(section(s, p), "%s=SIG%s\n", key(p), name);
                else
                        fprintf(section(s, p), "%s=%" PRIi32 "\n", key(p), v);
                return 0;
        }
        }
        fprintf(section(s, p), "%s=%" PRIi32 "\n", key(p), v);
        return 0;
}

static int h_rlimit(TransientSpec *s, const TransientProperty *p, sd_bus_message *m, sd_bus_error *error) {
        uint64_t v;
        bool soft;
        int resource, r;

        r = sd_bus_message_read(m, "t", &v);
        if (r < 0)
                return error_contents(error);
        resource = bus_rlimit_from_property(p->name, &soft);
        if (resource < 0 || resource >= RLIM_NLIMITS)
                return sd_bus_error_setf(error, SD_BUS_ERROR_PROPERTY_READ_ONLY,
                                         "Cannot set property %s, or unknown property.", p->name);
        /* the first of LimitX=/LimitXSoft= sets both, later ones their half (systemd.exec(5)) */
        if (!s->limit[resource].set) {
                s->limit[resource].set = true;
                s->limit[resource].rl.rlim_cur = s->limit[resource].rl.rlim_max = v;
        } else if (soft)
                s->limit[resource].rl.rlim_cur = v;
        else
                s->limit[resource].rl.rlim_max = v;
        return 0;
}

static void put_limit_value(FILE *f, rlim_t v) {
        if (v == RLIM_INFINITY)
                fputs("infinity", f);
        else
                fprintf(f, "%llu", (unsigned long long) v);
}

/* StandardInput=/StandardOutput=/StandardError= as plain words; the file: forms are their own
 * properties (StandardOutputFile= …), as systemd has them */
static int h_std(TransientSpec *s, const TransientProperty *p, sd_bus_message *m, sd_bus_error *error) {
        const char *v;
        int r;

        r = sd_bus_message_read(m, "s", &v);
        if (r < 0)
                return error_contents(error);
        if (strchr(v, ':') || (p->arg == 0 ? exec_input_from_string(v) < 0 : exec_output_from_string(v) < 0) ||
            streq(v, "file") || streq(v, "append") || streq(v, "truncate") || streq(v, "fd"))
                return error_invalid(error, p, v);
        fprintf(s->type_f, "%s=%s\n", key(p), v);
        return 0;
}

enum {
        STD_FILE_IN,
        STD_FILE_OUT,
        STD_FILE_OUT_APPEND,
        STD_FILE_OUT_TRUNCATE,
        STD_FILE_ERR,
        STD_FILE_ERR_APPEND,
        STD_FILE_ERR_TRUNCATE,
};

static int h_std_file(TransientSpec *s, const TransientProperty *p, sd_bus_message *m, sd_bus_error *error) {
        static const char *const prefix[] = {
                [STD_FILE_IN] = "StandardInput=file:",
                [STD_FILE_OUT] = "StandardOutput=file:",
                [STD_FILE_OUT_APPEND] = "StandardOutput=append:",
                [STD_FILE_OUT_TRUNCATE] = "StandardOutput=truncate:",
                [STD_FILE_ERR] = "StandardError=file:",
                [STD_FILE_ERR_APPEND] = "StandardError=append:",
                [STD_FILE_ERR_TRUNCATE] = "StandardError=truncate:",
        };
        const char *v;
        int r;

        r = sd_bus_message_read(m, "s", &v);
        if (r < 0)
                return error_contents(error);
        if (!path_is_absolute(v) || !path_is_normalized(v))
                return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Path %s is not absolute.", v);
        if (!string_is_one_line(v))
                return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Invalid %s setting: contains a newline.", p->name);
        fputs(prefix[p->arg], s->type_f);
        put_escaped(s->type_f, v);
        fputc('\n', s->type_f);
        return 0;
}

static int h_std_fd(TransientSpec *s, const TransientProperty *p, sd_bus_message *m, sd_bus_error *error) {
        int fd, copy, r;

        r = sd_bus_message_read(m, "h", &fd);
        if (r < 0)
                return error_contents(error);
        copy = fcntl(fd, F_DUPFD_CLOEXEC, 3);
        if (copy < 0)
                return sd_bus_error_set_errnof(error, errno, "Failed to duplicate %s: %m", p->name);
        safe_close(s->stdio_fd[p->arg]);
        s->stdio_fd[p->arg] = copy;
        return 0;
}

/* ExecStart= and friends: a(sasb) (path, argv, ignore failure) or, for the Ex forms, a(sasas)
 * with flags by name */
static int h_exec(TransientSpec *s, const TransientProperty *p, sd_bus_message *m, sd_bus_error *error) {
        const char *contents = p->arg ? "(sasas)" : "(sasb)", *fields = p->arg ? "sasas" : "sasb";
        size_t n = 0;
        int r;

        r = sd_bus_message_enter_container(m, 'a', contents);
        if (r < 0)
                return error_contents(error);
        fprintf(s->type_f, "%s=\n", key(p));
        for (;;) {
                _cleanup_strv_free_ char **argv = NULL, **flags = NULL;
                const char *path;
                char prefix[8] = "";
                int ignore = 0;

                r = sd_bus_message_enter_container(m, 'r', fields);
                if (r < 0)
                        return error_contents(error);
                if (r == 0)
                        break;
                if (++n > TRANSIENT_ARGV_MAX)
                        return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Too many entries in %s.", p->name);
                r = sd_bus_message_read(m, "s", &path);
                if (r >= 0)
                        r = sd_bus_message_read_strv(m, &argv);
                if (r >= 0)
                        r = p->arg ? sd_bus_message_read_strv(m, &flags) : sd_bus_message_read(m, "b", &ignore);
                if (r < 0)
                        return error_contents(error);
                r = sd_bus_message_exit_container(m);
                if (r < 0)
                        return error_contents(error);

                if (isempty(path))
                        return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "\"%s\" path cannot be empty", p->name);
                if (strv_length(argv) == 0)
                        return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "\"%s\" argv cannot be empty", p->name);
                if (strv_length(argv) > TRANSIENT_ARGV_MAX)
                        return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Too many arguments in %s.", p->name);
                if (ignore)
                        strcat(prefix, "-");
                STRV_FOREACH(f, flags) {
                        const char *c = streq(*f, "ignore-failure") ? "-" :
                                        streq(*f, "privileged") ? "+" :
                                        streq(*f, "no-setuid") ? "!" :
                                        streq(*f, "ambient") ? "!!" :
                                        streq(*f, "no-env-expand") ? ":" : NULL;
                        if (!c)
                                return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
                                                         "Invalid %s flag: %s", p->name, *f);
                        if (!strstr(prefix, c) && strlen(prefix) + strlen(c) < sizeof prefix)
                                strcat(prefix, c);
                }

                fprintf(s->type_f, "%s=%s", key(p), prefix);
                if (!streq(argv[0], path)) {
                        fputc('@', s->type_f);
                        put_quoted(s->type_f, path);
                        fputc(' ', s->type_f);
                }
                STRV_FOREACH(a, argv) {
                        if (a != argv)
                                fputc(' ', s->type_f);
                        put_quoted(s->type_f, *a);
                }
                fputc('\n', s->type_f);
        }
        return sd_bus_message_exit_container(m) < 0 ? error_contents(error) : 0;
}

static int h_exit_status(TransientSpec *s, const TransientProperty *p, sd_bus_message *m, sd_bus_error *error) {
        const int32_t *codes, *sigs;
        size_t n_codes, n_sigs;
        int r;

        r = sd_bus_message_enter_container(m, 'r', "aiai");
        if (r < 0)
                return error_contents(error);
        r = sd_bus_message_read_array(m, 'i', (const void **) &codes, &n_codes);
        if (r >= 0)
                r = sd_bus_message_read_array(m, 'i', (const void **) &sigs, &n_sigs);
        if (r < 0)
                return error_contents(error);
        r = sd_bus_message_exit_container(m);
        if (r < 0)
                return error_contents(error);
        n_codes /= sizeof(int32_t);
        n_sigs /= sizeof(int32_t);

        fprintf(s->type_f, "%s=\n", key(p));
        for (size_t i = 0; i < n_codes; i++) {
                if (codes[i] < 0 || codes[i] > 255)
                        return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
                                                 "Invalid status code in %s: %" PRIi32, p->name, codes[i]);
                fprintf(s->type_f, "%s=%" PRIi32 "\n", key(p), codes[i]);
        }
        for (size_t i = 0; i < n_sigs; i++) {
                const char *name = sigs[i] > 0 ? signal_to_string(sigs[i]) : NULL;

                if (!name)
                        return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
                                                 "Invalid signal in %s: %" PRIi32, p->name, sigs[i]);
                fprintf(s->type_f, "%s=SIG%s\n", key(p), name);
        }
        return 0;
}

static int h_cpu_quota(TransientSpec *s, const TransientProperty *p, sd_bus_message *m, sd_bus_error *error) {
        uint64_t v;
        int r;

        r = sd_bus_message_read(m, "t", &v);
        if (r < 0)
                return error_contents(error);
        if (v == 0)
                return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS, "CPUQuotaPerSecUSec= value out of range");
        if (v == USEC_INFINITY)
                fprintf(section(s, p), "CPUQuota=\n");
        else       /* 10000 µs per second is one per cent; less than that cannot be written */
                fprintf(section(s, p), "CPUQuota=%" PRIu64 "%%\n", v / 10000 > 0 ? v / 10000 : 1);
        return 0;
}

static int h_slice(TransientSpec *s, const TransientProperty *p, sd_bus_message *m, sd_bus_error *error) {
        const char *v;
        int r;

        r = sd_bus_message_read(m, "s", &v);
        if (r < 0)
                return error_contents(error);
        if (!unit_name_is_valid(v, UNIT_NAME_PLAIN))
                return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Invalid unit name '%s'", v);
        if (unit_name_to_type(v) != UNIT_SLICE)
                return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Unit name '%s' is not a slice", v);
        fprintf(s->type_f, "Slice=");
        put_escaped(s->type_f, v);
        fputc('\n', s->type_f);
        return 0;
}

static int h_add_ref(TransientSpec *s, const TransientProperty *p, sd_bus_message *m, sd_bus_error *error) {
        int b, r;

        r = sd_bus_message_read(m, "b", &b);
        if (r < 0)
                return error_contents(error);
        s->add_ref = b;
        return 0;
}

static int h_pids(TransientSpec *s, const TransientProperty *p, sd_bus_message *m, sd_bus_error *error) {
        const uint32_t *l;
        size_t n;
        int r;

        r = sd_bus_message_read_array(m, 'u', (const void **) &l, &n);
        if (r < 0)
                return error_contents(error);
        n /= sizeof(uint32_t);
        if (s->n_pids + n > SCOPE_PIDS_MAX)
                return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS, "Too many PIDs.");
        pid_t *a = realloc(s->pids, (s->n_pids + n + 1) * sizeof(pid_t));
        if (!a)
                return -ENOMEM;
        s->pids = a;
        for (size_t i = 0; i < n; i++) {
                pid_t pid;

                /* on the broker the caller's PID is a round trip to it (GetConnectionUnixProcessID):
                 * made for PIDs=0 only, not for every StartTransientUnit */
                if (l[i] == 0 && s->sender_pid <= 0 && s->sender_message)
                        (void) bus_query_sender_pid(s->sender_message, &s->sender_pid);
                pid = l[i] == 0 ? s->sender_pid : (pid_t) l[i];

                if (pid <= 0 || l[i] > INT32_MAX || !pid_is_alive(pid))
                        return sd_bus_error_setf(error, "org.freedesktop.DBus.Error.UnixProcessIdUnknown",
                                                 "Process with ID %" PRIu32 " does not exist.", l[i] ?: (uint32_t) pid);
                s->pids[s->n_pids++] = pid;
        }
        return 0;
}

#define U_STR(n, arg) { n, "s", T_BOTH, h_string, NULL, true, arg }
#define U_BOOL(n) { n, "b", T_BOTH, h_bool, NULL, true, 0 }
#define U_DEP(n) { n, "as", T_BOTH, h_deps, NULL, true, 0 }
#define S_STR(n, arg) { n, "s", T_SERVICE, h_string, NULL, false, arg }
#define S_BOOL(n) { n, "b", T_SERVICE, h_bool, NULL, false, 0 }
#define S_USEC(n, k) { n, "t", T_SERVICE, h_usec, k, false, 0 }
#define S_ENUM(n, e) { n, "s", T_SERVICE, h_enum, NULL, false, e }
#define S_EXEC(n, k, ex) { n, ex ? "a(sasas)" : "a(sasb)", T_SERVICE, h_exec, k, false, ex }
#define S_LIMIT(n) { "Limit" n, "t", T_SERVICE, h_rlimit, NULL, false, 0 }, \
                   { "Limit" n "Soft", "t", T_SERVICE, h_rlimit, NULL, false, 0 }
#define B_BOOL(n) { n, "b", T_BOTH, h_bool, NULL, false, 0 }
#define B_U64(n) { n, "t", T_BOTH, h_u64, NULL, false, 0 }

/* what stemd runs of TRANSIENT-SETTINGS.md for services and scopes; anything else is refused */
static const TransientProperty transient_properties[] = {
        /* [Unit] */
        U_STR("Description", STRING_ANY),
        { "Documentation", "as", T_BOTH, h_strv, NULL, true, 0 },
        U_STR("SourcePath", STRING_ABSOLUTE),
        U_DEP("Requires"),
        U_DEP("Requisite"),
        U_DEP("Wants"),
        U_DEP("BindsTo"),
        U_DEP("PartOf"),
        U_DEP("Upholds"),
        U_DEP("Conflicts"),
        U_DEP("Before"),
        U_DEP("After"),
        U_DEP("OnSuccess"),
        U_DEP("OnFailure"),
        U_DEP("PropagatesReloadTo"),
        U_DEP("ReloadPropagatedFrom"),
        U_DEP("PropagatesStopTo"),
        U_DEP("StopPropagatedFrom"),
        U_DEP("JoinsNamespaceOf"),
        U_BOOL("DefaultDependencies"),
        U_BOOL("StopWhenUnneeded"),
        U_BOOL("RefuseManualStart"),
        U_BOOL("RefuseManualStop"),
        U_BOOL("AllowIsolate"),
        U_BOOL("IgnoreOnIsolate"),
        { "CollectMode", "s", T_BOTH, h_enum, NULL, true, E_COLLECT_MODE },
        { "OnSuccessJobMode", "s", T_BOTH, h_enum, NULL, true, E_JOB_MODE },
        { "OnFailureJobMode", "s", T_BOTH, h_enum, NULL, true, E_JOB_MODE },
        { "JobTimeoutUSec", "t", T_BOTH, h_usec, "JobTimeoutSec", true, 0 },
        { "JobRunningTimeoutUSec", "t", T_BOTH, h_usec, "JobRunningTimeoutSec", true, 0 },
        { "StartLimitIntervalUSec", "t", T_BOTH, h_usec, "StartLimitIntervalSec", true, 0 },
        { "StartLimitBurst", "u", T_BOTH, h_u32, NULL, true, 0 },
        { "SuccessAction", "s", T_BOTH, h_enum, NULL, true, E_EMERGENCY_ACTION },
        { "FailureAction", "s", T_BOTH, h_enum, NULL, true, E_EMERGENCY_ACTION },
        { "AddRef", "b", T_BOTH, h_add_ref, NULL, true, 0 },

        /* [Service] */
        S_ENUM("Type", E_SERVICE_TYPE),
        S_ENUM("ExitType", E_EXIT_TYPE),
        S_ENUM("Restart", E_RESTART),
        S_ENUM("NotifyAccess", E_NOTIFY_ACCESS),
        S_ENUM("OOMPolicy", E_OOM_POLICY),
        S_BOOL("RemainAfterExit"),
        S_BOOL("GuessMainPID"),
        S_STR("PIDFile", STRING_ABSOLUTE),
        S_EXEC("ExecCondition", NULL, 0),
        S_EXEC("ExecConditionEx", "ExecCondition", 1),
        S_EXEC("ExecStartPre", NULL, 0),
        S_EXEC("ExecStartPreEx", "ExecStartPre", 1),
        S_EXEC("ExecStart", NULL, 0),
        S_EXEC("ExecStartEx", "ExecStart", 1),
        S_EXEC("ExecStartPost", NULL, 0),
        S_EXEC("ExecStartPostEx", "ExecStartPost", 1),
        S_EXEC("ExecReload", NULL, 0),
        S_EXEC("ExecReloadEx", "ExecReload", 1),
        S_EXEC("ExecStop", NULL, 0),
        S_EXEC("ExecStopEx", "ExecStop", 1),
        S_EXEC("ExecStopPost", NULL, 0),
        S_EXEC("ExecStopPostEx", "ExecStopPost", 1),
        S_USEC("TimeoutStartUSec", "TimeoutStartSec"),
        S_USEC("TimeoutAbortUSec", "TimeoutAbortSec"),
        S_USEC("RestartUSec", "RestartSec"),
        S_USEC("WatchdogUSec", "WatchdogSec"),
        { "TimeoutStopUSec", "t", T_BOTH, h_usec, "TimeoutStopSec", false, 0 },
        { "RuntimeMaxUSec", "t", T_BOTH, h_usec, "RuntimeMaxSec", false, 0 },
        { "RuntimeRandomizedExtraUSec", "t", T_BOTH, h_usec, "RuntimeRandomizedExtraSec", false, 0 },
        { "SuccessExitStatus", "(aiai)", T_SERVICE, h_exit_status, NULL, false, 0 },
        { "RestartPreventExitStatus", "(aiai)", T_SERVICE, h_exit_status, NULL, false, 0 },
        { "RestartForceExitStatus", "(aiai)", T_SERVICE, h_exit_status, NULL, false, 0 },

        /* systemd.exec(5) */
        { "Environment", "as", T_SERVICE, h_environment, NULL, false, ENV_ASSIGNMENTS },
        { "PassEnvironment", "as", T_SERVICE, h_environment, NULL, false, ENV_NAMES },
        { "UnsetEnvironment", "as", T_SERVICE, h_environment, NULL, false, ENV_NAMES_OR_ASSIGNMENTS },
        { "EnvironmentFiles", "a(sb)", T_SERVICE, h_environment_files, NULL, false, 0 },
        { "WorkingDirectory", "s", T_SERVICE, h_working_directory, NULL, false, 0 },
        S_STR("RootDirectory", STRING_ABSOLUTE),
        S_STR("User", STRING_USER),
        S_STR("Group", STRING_USER),
        { "SupplementaryGroups", "as", T_SERVICE, h_strv, NULL, false, 0 },
        { "UMask", "u", T_SERVICE, h_umask, NULL, false, 0 },
        { "Nice", "i", T_SERVICE, h_int, NULL, false, INT_NICE },
        { "OOMScoreAdjust", "i", T_SERVICE, h_int, NULL, false, INT_OOM_SCORE },
        { "StandardInput", "s", T_SERVICE, h_std, NULL, false, 0 },
        { "StandardOutput", "s", T_SERVICE, h_std, NULL, false, 1 },
        { "StandardError", "s", T_SERVICE, h_std, NULL, false, 2 },
        { "StandardInputFile", "s", T_SERVICE, h_std_file, NULL, false, STD_FILE_IN },
        { "StandardOutputFile", "s", T_SERVICE, h_std_file, NULL, false, STD_FILE_OUT },
        { "StandardOutputFileToAppend", "s", T_SERVICE, h_std_file, NULL, false, STD_FILE_OUT_APPEND },
        { "StandardOutputFileToTruncate", "s", T_SERVICE, h_std_file, NULL, false, STD_FILE_OUT_TRUNCATE },
        { "StandardErrorFile", "s", T_SERVICE, h_std_file, NULL, false, STD_FILE_ERR },
        { "StandardErrorFileToAppend", "s", T_SERVICE, h_std_file, NULL, false, STD_FILE_ERR_APPEND },
        { "StandardErrorFileToTruncate", "s", T_SERVICE, h_std_file, NULL, false, STD_FILE_ERR_TRUNCATE },
        { "StandardInputFileDescriptor", "h", T_SERVICE, h_std_fd, NULL, false, 0 },
        { "StandardOutputFileDescriptor", "h", T_SERVICE, h_std_fd, NULL, false, 1 },
        { "StandardErrorFileDescriptor", "h", T_SERVICE, h_std_fd, NULL, false, 2 },
        S_STR("TTYPath", STRING_TTY),
        S_BOOL("TTYReset"),
        S_BOOL("TTYVHangup"),
        S_BOOL("TTYVTDisallocate"),
        S_STR("SyslogIdentifier", STRING_ANY),
        S_BOOL("SyslogLevelPrefix"),
        S_BOOL("IgnoreSIGPIPE"),
        S_LIMIT("CPU"),
        S_LIMIT("FSIZE"),
        S_LIMIT("DATA"),
        S_LIMIT("STACK"),
        S_LIMIT("CORE"),
        S_LIMIT("RSS"),
        S_LIMIT("NOFILE"),
        S_LIMIT("AS"),
        S_LIMIT("NPROC"),
        S_LIMIT("MEMLOCK"),
        S_LIMIT("LOCKS"),
        S_LIMIT("SIGPENDING"),
        S_LIMIT("MSGQUEUE"),
        S_LIMIT("NICE"),
        S_LIMIT("RTPRIO"),
        S_LIMIT("RTTIME"),

        /* systemd.kill(5) */
        { "KillMode", "s", T_BOTH, h_enum, NULL, false, E_KILL_MODE },
        { "KillSignal", "i", T_BOTH, h_int, NULL, false, INT_SIGNAL },
        { "RestartKillSignal", "i", T_BOTH, h_int, NULL, false, INT_SIGNAL },
        { "FinalKillSignal", "i", T_BOTH, h_int, NULL, false, INT_SIGNAL },
        { "WatchdogSignal", "i", T_BOTH, h_int, NULL, false, INT_SIGNAL },
        B_BOOL("SendSIGKILL"),
        B_BOOL("SendSIGHUP"),

        /* systemd.resource-control(5) */
        { "Slice", "s", T_BOTH, h_slice, NULL, false, 0 },
        { "CPUQuotaPerSecUSec", "t", T_BOTH, h_cpu_quota, NULL, false, 0 },
        { "CPUQuotaPeriodUSec", "t", T_BOTH, h_usec, "CPUQuotaPeriodSec", false, 0 },
        B_U64("CPUWeight"),
        B_U64("StartupCPUWeight"),
        B_U64("IOWeight"),
        B_U64("MemoryMin"),
        B_U64("MemoryLow"),
        B_U64("MemoryHigh"),
        B_U64("MemoryMax"),
        B_U64("MemorySwapMax"),
        B_U64("TasksMax"),
        B_BOOL("Delegate"),
        B_BOOL("CPUAccounting"),
        B_BOOL("MemoryAccounting"),
        B_BOOL("TasksAccounting"),
        B_BOOL("IOAccounting"),

        /* systemd.scope(5) */
        { "PIDs", "au", T_SCOPE, h_pids, NULL, false, 0 },
};

static const TransientProperty *transient_property_find(const char *name, UnitType type) {
        unsigned mask = type == UNIT_SERVICE ? T_SERVICE : type == UNIT_SCOPE ? T_SCOPE : 0;

        /* [Unit] settings are every type's (so that a type stemd cannot make transient gets
         * systemd's answer for its first own property) */
        for (size_t i = 0; i < ELEMENTSOF(transient_properties); i++)
                if (streq(transient_properties[i].name, name))
                        return transient_properties[i].types & mask || transient_properties[i].unit_section ?
                                &transient_properties[i] : NULL;
        return NULL;
}

/* ---- the spec ---- */

int transient_spec_init(TransientSpec *s, UnitType type, pid_t sender_pid) {
        *s = (TransientSpec) {
                .type = type,
                .stdio_fd = { -1, -1, -1 },
                .sender_pid = sender_pid,
        };
        s->unit_f = open_memstream(&s->unit_text, &s->unit_size);
        s->type_f = open_memstream(&s->type_text, &s->type_size);
        if (!s->unit_f || !s->type_f) {
                transient_spec_done(s);
                return -ENOMEM;
        }
        return 0;
}

void transient_spec_done(TransientSpec *s) {
        if (s->unit_f)
                fclose(s->unit_f);
        if (s->type_f)
                fclose(s->type_f);
        s->unit_f = s->type_f = NULL;
        s->unit_text = mfree(s->unit_text);
        s->type_text = mfree(s->type_text);
        for (size_t i = 0; i < 3; i++)
                s->stdio_fd[i] = safe_close(s->stdio_fd[i]);
        s->pids = mfree(s->pids);
        s->n_pids = 0;
}

int transient_spec_parse(TransientSpec *s, sd_bus_message *message, sd_bus_error *error) {
        size_t n = 0;
        int r;

        r = sd_bus_message_enter_container(message, 'a', "(sv)");
        if (r < 0)
                return error_contents(error);

        for (;;) {
                const TransientProperty *p;
                const char *name, *contents;
                char type;

                r = sd_bus_message_enter_container(message, 'r', "sv");
                if (r < 0)
                        return error_contents(error);
                if (r == 0)
                        break;
                if (++n > TRANSIENT_PROPERTIES_MAX)
                        return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS, "Too many properties.");

                r = sd_bus_message_read(message, "s", &name);
                if (r < 0)
                        return error_contents(error);
                p = transient_property_find(name, s->type);
                if (!p)
                        return sd_bus_error_setf(error, SD_BUS_ERROR_PROPERTY_READ_ONLY,
                                                 "Cannot set property %s, or unknown property.", name);

                r = sd_bus_message_peek_type(message, &type, &contents);
                if (r < 0 || type != 'v' || !streq_ptr(contents, p->signature))
                        return error_contents(error);
                r = sd_bus_message_enter_container(message, 'v', p->signature);
                if (r < 0)
                        return error_contents(error);
                r = p->handler(s, p, message, error);
                if (r < 0)
                        return r;
                if (ferror(s->unit_f) || ferror(s->type_f))
                        return -ENOMEM;
                if ((size_t) ftell(s->unit_f) + (size_t) ftell(s->type_f) > TRANSIENT_TEXT_MAX)
                        return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS, "Transient unit settings too large.");
                r = sd_bus_message_exit_container(message);
                if (r < 0)
                        return error_contents(error);
                r = sd_bus_message_exit_container(message);
                if (r < 0)
                        return error_contents(error);
        }

        r = sd_bus_message_exit_container(message);
        if (r < 0)
                return error_contents(error);
        return 0;
}

int transient_spec_to_text(TransientSpec *s, char **ret, size_t *ret_size) {
        static const char *const type_section[_UNIT_TYPE_MAX] = {
                [UNIT_SERVICE] = "Service",
                [UNIT_SCOPE] = "Scope",
        };
        char *text = NULL;
        size_t size = 0;
        FILE *f;

        for (int i = 0; i < RLIM_NLIMITS; i++) {
                const char *name = rlimit_to_string(i);

                if (!s->limit[i].set || !name)
                        continue;
                fprintf(s->type_f, "Limit%s=", name);
                put_limit_value(s->type_f, s->limit[i].rl.rlim_cur);
                if (s->limit[i].rl.rlim_cur != s->limit[i].rl.rlim_max) {
                        fputc(':', s->type_f);
                        put_limit_value(s->type_f, s->limit[i].rl.rlim_max);
                }
                fputc('\n', s->type_f);
        }

        if (fclose(s->unit_f) != 0 || fclose(s->type_f) != 0) {
                s->unit_f = s->type_f = NULL;
                return -ENOMEM;
        }
        s->unit_f = s->type_f = NULL;

        f = open_memstream(&text, &size);
        if (!f)
                return -ENOMEM;
        fputs("# This is a transient unit file, created programmatically via the systemd API. Do not edit.\n", f);
        fprintf(f, "[Unit]\n%s", strempty(s->unit_text));
        if (type_section[s->type])
                fprintf(f, "\n[%s]\n%s", type_section[s->type], strempty(s->type_text));
        if (fclose(f) != 0) {
                free(text);
                return -ENOMEM;
        }
        *ret = text;
        *ret_size = size;
        return 0;
}

/* ---- StartTransientUnit ---- */

/* nothing defines the name: not found, or (slices, scopes) loaded without any file */
static bool transient_def_is_pristine(const UnitDef *d) {
        if (d->load_state == UNIT_NOT_FOUND)
                return true;
        return d->load_state == UNIT_LOADED && isempty(d->fragment_path) && strv_length(d->dropin_paths) == 0;
}

static int transient_check_name(Manager *m, const char *name, UnitType *ret_type, sd_bus_error *error) {
        _cleanup_(unit_def_freep) UnitDef *d = NULL;
        UnitType t;
        Unit *u;
        int r;

        if (strlen(name) >= UNIT_NAME_MAX || !unit_name_is_valid(name, UNIT_NAME_PLAIN | UNIT_NAME_INSTANCE))
                return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS, "Invalid unit name or type.");
        t = unit_name_to_type(name);
        /* the types systemd makes transient pass here, so that their properties get systemd's
         * answers ("Cannot set property …"); stemd itself makes services and scopes only
         * (transient_refuse_type()) */
        if (t == UNIT_TARGET || t == UNIT_DEVICE)
                return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
                                         "Unit type %s does not support transient units.", unit_type_to_string(t));

        /* a stub loaded for a look at a name nobody defined may be replaced; anything else not */
        u = manager_get_unit(m, name);
        if (u && (!transient_def_is_pristine(u->def) || u->job || u->n_refs > 0 ||
                  set_size(u->bus_refs) > 0 || !UNIT_IS_INACTIVE_OR_FAILED(unit_active_state(u))))
                goto exists;
        r = unit_def_load_full(&m->lookup, name, LOAD_NO_TARGET_DEPS, &d);
        if (r < 0)
                return sd_bus_error_set_errnof(error, r, "Failed to load unit %s: %m", name);
        if (!transient_def_is_pristine(d) || !streq(d->id, name))
                goto exists;
        *ret_type = t;
        return 0;

exists:
        return sd_bus_error_setf(error, BUS_ERROR_UNIT_EXISTS,
                                 "Unit %s was already loaded or has a fragment file.", name);
}

static int transient_write_file(Manager *m, const char *name, const char *text, size_t size,
                                char **ret_path) {
        _cleanup_free_ char *path = NULL, *tmp = NULL;
        struct timespec before = { -1, -1 };
        struct stat st;
        int fd, r = 0;

        if (isempty(m->transient_dir))
                return -ENOTDIR;
        if (stat(m->transient_dir, &st) >= 0)
                before = st.st_mtim;
        path = path_join(m->transient_dir, name);
        if (!path || asprintf(&tmp, "%s.#tmp", path) < 0)
                return -ENOMEM;

        /* the directory is made when missing only: mkdir_p() costs a mkdir and a stat per
         * component of the path, on every StartTransientUnit */
        fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (fd < 0 && errno == ENOENT) {
                r = mkdir_p(m->transient_dir, 0755);
                if (r < 0)
                        return r;
                fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
        }
        if (fd < 0)
                return -errno;
        for (size_t done = 0; done < size;) {
                ssize_t k = write(fd, text + done, size - done);
                if (k < 0) {
                        if (errno == EINTR)
                                continue;
                        r = -errno;
                        break;
                }
                done += (size_t) k;
        }
        safe_close(fd);
        if (r >= 0 && rename(tmp, path) < 0)
                r = -errno;
        if (r < 0) {
                (void) unlink(tmp);
                return r;
        }
        lookup_paths_note_file(&m->lookup, m->transient_dir, name, true, &before);
        *ret_path = TAKE_PTR(path);
        return 0;
}

/* Frees a stub of that name (keeping the edges other units have to it), writes the file and
 * loads it through the search path, the transient directory being on it. */
static int transient_make_unit(Manager *m, const char *name, TransientSpec *s, Unit **ret,
                               sd_bus_error *error) {
        _cleanup_free_ char *text = NULL, *path = NULL;
        struct { UnitDependency d; char *other; } *edges = NULL;
        size_t n_edges = 0, size = 0;
        Unit *u;
        int r;

        r = transient_spec_to_text(s, &text, &size);
        if (r < 0)
                return r;
        r = transient_write_file(m, name, text, size, &path);
        if (r < 0)
                return sd_bus_error_set_errnof(error, r, "Failed to write transient unit file for %s: %m", name);

        u = manager_get_unit(m, name);
        if (u) {
                for (UnitDependency d = 0; d < _UNIT_DEPENDENCY_MAX; d++)
                        n_edges += set_size(u->deps[d]);
                edges = calloc(n_edges + 1, sizeof(*edges));
                if (!edges) {
                        (void) unlink(path);
                        return -ENOMEM;
                }
                n_edges = 0;
                for (UnitDependency d = 0; d < _UNIT_DEPENDENCY_MAX; d++) {
                        Unit *other;
                        SET_FOREACH(other, u->deps[d]) {
                                edges[n_edges].d = d;
                                edges[n_edges].other = strdup(other->id);
                                if (edges[n_edges].other)
                                        n_edges++;
                        }
                }
                unit_free(u);
        }

        r = manager_load_unit(m, name, &u);
        if (r < 0) {
                (void) unlink(path);
                goto finish;
        }
        u->transient = true;
        u->def->transient = true;
        for (size_t i = 0; i < n_edges; i++) {
                Unit *other = manager_get_unit(m, edges[i].other);
                if (other)
                        (void) unit_add_dependency(u, edges[i].d, other);
        }

        if (u->def->load_state != UNIT_LOADED) {
                r = bus_unit_validate_load_state(u, error);
                if (r >= 0)
                        r = -EIO;
                unit_add_to_gc_queue(u);        /* collected with its file */
                goto finish;
        }

        if (u->type == UNIT_SERVICE) {
                Service *svc = SERVICE(u);

                for (size_t i = 0; i < 3; i++) {
                        int *dst = i == 0 ? &svc->stdin_fd : i == 1 ? &svc->stdout_fd : &svc->stderr_fd;

                        safe_close(*dst);
                        *dst = TAKE_FD(s->stdio_fd[i]);
                }
        } else if (u->type == UNIT_SCOPE && s->n_pids > 0) {
                r = scope_add_pids(u, s->pids, s->n_pids);
                if (r < 0) {
                        unit_add_to_gc_queue(u);
                        r = sd_bus_error_set_errnof(error, r, "Failed to add PIDs to scope: %m");
                        goto finish;
                }
        }
        *ret = u;
        r = 0;

finish:
        for (size_t i = 0; i < n_edges; i++)
                free(edges[i].other);
        free(edges);
        return r;
}

static int transient_refuse_type(UnitType t, sd_bus_error *error) {
        if (t == UNIT_SERVICE || t == UNIT_SCOPE)
                return 0;
        return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
                                 "Unit type %s does not support transient units.", unit_type_to_string(t));
}

int bus_transient_start_unit(sd_bus_message *message, Manager *m, sd_bus_error *error) {
        _cleanup_free_ char *en = NULL, *em = NULL;
        const char *name, *smode;
        TransientSpec spec = {};
        UnitType type = _UNIT_TYPE_INVALID;
        JobMode mode;
        Job *j;
        Unit *u = NULL;
        int r;

        r = sd_bus_message_read(message, "ss", &name, &smode);
        if (r < 0)
                return error_contents(error);
        if (strlen(name) > BUS_NAME_ARG_MAX)
                return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS, "Invalid unit name or type.");
        mode = job_mode_from_string(smode);
        if (mode < 0)
                return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Job mode %s is invalid.", smode);
        if (m->objective == MANAGER_EXIT)
                return sd_bus_error_set(error, BUS_ERROR_SHUTTING_DOWN,
                                        "Refusing to start transient units, manager is shutting down.");
        r = transient_check_name(m, name, &type, error);
        if (r < 0)
                return r;

        r = transient_spec_init(&spec, type, 0);
        if (r < 0)
                return r;
        spec.sender_message = message;
        r = transient_spec_parse(&spec, message, error);
        if (r == -ENOEXEC)
                r = sd_bus_error_setf(error, BUS_ERROR_BAD_UNIT_SETTING, "Unit %s has a bad unit file setting.", name);
        if (r >= 0)
                r = transient_refuse_type(type, error);
        if (r < 0)
                goto finish;

        /* auxiliary units: made with the main one, started by it or by nobody */
        r = sd_bus_message_enter_container(message, 'a', "(sa(sv))");
        if (r < 0) {
                r = error_contents(error);
                goto finish;
        }
        for (size_t n = 0;; n++) {
                TransientSpec aux = {};
                const char *aux_name;
                UnitType aux_type;
                Unit *a;

                r = sd_bus_message_enter_container(message, 'r', "sa(sv)");
                if (r < 0) {
                        r = error_contents(error);
                        goto finish;
                }
                if (r == 0)
                        break;
                if (n >= TRANSIENT_AUX_UNITS_MAX) {
                        r = sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS, "Too many auxiliary units.");
                        goto finish;
                }
                r = sd_bus_message_read(message, "s", &aux_name);
                if (r < 0) {
                        r = error_contents(error);
                        goto finish;
                }
                if (streq(aux_name, name)) {
                        r = sd_bus_error_setf(error, BUS_ERROR_UNIT_EXISTS,
                                              "Unit %s was already loaded or has a fragment file.", aux_name);
                        goto finish;
                }
                r = transient_check_name(m, aux_name, &aux_type, error);
                if (r < 0)
                        goto finish;
                r = transient_spec_init(&aux, aux_type, spec.sender_pid);
                if (r < 0)
                        goto finish;
                aux.sender_message = message;
                r = transient_spec_parse(&aux, message, error);
                if (r == -ENOEXEC)
                        r = sd_bus_error_setf(error, BUS_ERROR_BAD_UNIT_SETTING,
                                              "Unit %s has a bad unit file setting.", aux_name);
                if (r >= 0)
                        r = transient_refuse_type(aux_type, error);
                if (r >= 0)
                        r = transient_make_unit(m, aux_name, &aux, &a, error);
                transient_spec_done(&aux);
                if (r < 0)
                        goto finish;
                unit_add_to_gc_queue(a);
                r = sd_bus_message_exit_container(message);
                if (r < 0) {
                        r = error_contents(error);
                        goto finish;
                }
        }
        r = sd_bus_message_exit_container(message);
        if (r < 0) {
                r = error_contents(error);
                goto finish;
        }

        r = transient_make_unit(m, name, &spec, &u, error);
        if (r < 0)
                goto finish;

        /* UnitNew before the job, as systemd sends them */
        bus_unit_send_new_signal(u);

        if (spec.add_ref) {
                r = bus_unit_track_add_sender(u, message);
                if (r < 0) {
                        unit_add_to_gc_queue(u);
                        r = sd_bus_error_set_errnof(error, r, "Failed to add reference to unit: %m");
                        goto finish;
                }
        }

        r = manager_add_job(m, JOB_START, u, mode, &en, &em, &j);
        if (r < 0) {
                unit_add_to_gc_queue(u);
                if (en)
                        r = sd_bus_error_set(error, en, em ?: "");
                goto finish;
        }
        if (bus_is_api(m, sd_bus_message_get_bus(message))) {
                const char *sender_name = sd_bus_message_get_sender(message);

                if (sender_name)
                        (void) job_add_requester(j, sender_name);
        }
        r = sd_bus_reply_method_return(message, "o", bus_job_path(j));

finish:
        transient_spec_done(&spec);
        return r;
}

/* ---- AttachProcessesToUnit, AbandonScope ---- */

/* the rest of an attach call, after the unit and subcgroup: "au" pids (0: the caller) */
int bus_unit_attach_processes(sd_bus_message *message, Unit *u, const char *subcgroup, sd_bus_error *error) {
        Manager *m = u->manager;
        const uint32_t *l;
        _cleanup_free_ pid_t *pids = NULL;
        pid_t sender = 0;
        size_t n;
        int r;

        r = sd_bus_message_read_array(message, 'u', (const void **) &l, &n);
        if (r < 0)
                return error_contents(error);
        n /= sizeof(uint32_t);
        if (n > SCOPE_PIDS_MAX)
                return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS, "Too many PIDs.");
        if (u->type != UNIT_SERVICE && u->type != UNIT_SCOPE && u->type != UNIT_SOCKET)
                return sd_bus_error_setf(error, SD_BUS_ERROR_NOT_SUPPORTED,
                                         "Unit type %s does not support attaching processes.",
                                         unit_type_to_string(u->type));
        /* as systemd: only into what is delegated (the seeds' pystemd use sets Delegate=) */
        if (!(u->def && u->def->cgroup.delegate))
                return sd_bus_error_set(error, SD_BUS_ERROR_NOT_SUPPORTED,
                                        "Process migration not available on non-delegated units.");
        if (!UNIT_IS_ACTIVE_OR_ACTIVATING(unit_active_state(u)))
                return sd_bus_error_setf(error, BUS_ERROR_UNIT_INACTIVE, "Unit %s is not active, refusing.", u->id);

        (void) bus_query_sender_pid(message, &sender);
        pids = new0(pid_t, n + 1);
        if (!pids)
                return -ENOMEM;
        for (size_t i = 0; i < n; i++) {
                pids[i] = l[i] == 0 ? sender : (pid_t) l[i];
                if (pids[i] <= 0 || l[i] > INT32_MAX || !pid_is_alive(pids[i]))
                        return sd_bus_error_setf(error, "org.freedesktop.DBus.Error.UnixProcessIdUnknown",
                                                 "Process with ID %" PRIu32 " does not exist.", l[i]);
        }

        if (u->type == UNIT_SCOPE) {
                r = scope_add_pids(u, pids, n);
                if (r < 0)
                        return sd_bus_error_set_errnof(error, r, "Failed to attach processes: %m");
                return sd_bus_reply_method_return(message, NULL);
        }

        /* other units: into their cgroup when there is one; without cgroups there is nothing
         * a foreign process could be moved into */
        if (!u->cgroup_realized || !u->cgroup_path)
                return sd_bus_error_setf(error, SD_BUS_ERROR_NOT_SUPPORTED,
                                         "Unit %s has no control group to attach processes to.", u->id);
        _cleanup_free_ char *fs = cgroup_fs_path(u->cgroup_path), *procs = NULL;
        if (!fs)
                return -ENOMEM;
        procs = isempty(subcgroup) ? path_join(fs, "cgroup.procs") : path_join(fs, subcgroup, "cgroup.procs");
        if (!procs)
                return -ENOMEM;
        m->attached_processes = true;
        for (size_t i = 0; i < n; i++) {
                _cleanup_fclose_ FILE *f = fopen(procs, "we");

                if (!f || fprintf(f, "%i\n", (int) pids[i]) < 0 || fflush(f) != 0)
                        return sd_bus_error_set_errnof(error, errno ?: EIO,
                                                       "Failed to attach PID %i to %s: %m", (int) pids[i], u->id);
        }
        return sd_bus_reply_method_return(message, NULL);
}

/* Service/Socket/Scope.AttachProcesses(s subcgroup, au pids) */
int bus_unit_method_attach_processes(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        const char *subcgroup;
        int r;

        r = sd_bus_message_read(message, "s", &subcgroup);
        if (r < 0)
                return error_contents(error);
        return bus_unit_attach_processes(message, userdata, subcgroup, error);
}

int bus_transient_attach_processes(sd_bus_message *message, Manager *m, sd_bus_error *error) {
        const char *name, *subcgroup;
        Unit *u;
        int r;

        r = sd_bus_message_read(message, "ss", &name, &subcgroup);
        if (r < 0)
                return error_contents(error);
        if (strlen(name) > BUS_NAME_ARG_MAX || !(u = manager_get_unit(m, name)))
                return sd_bus_error_setf(error, BUS_ERROR_NO_SUCH_UNIT, "Unit %s not loaded.", name);
        return bus_unit_attach_processes(message, u, subcgroup, error);
}

/* Abandon(), AbandonScope() */
int bus_scope_abandon(sd_bus_message *message, Unit *u, sd_bus_error *error) {
        int r;

        if (u->type != UNIT_SCOPE)
                return sd_bus_error_setf(error, BUS_ERROR_NO_SUCH_UNIT, "Unit '%s' is not a scope", u->id);
        r = scope_abandon(u);
        if (r == -ESTALE)
                return sd_bus_error_setf(error, BUS_ERROR_SCOPE_NOT_RUNNING, "Scope %s is not running, cannot abandon.", u->id);
        if (r < 0)
                return r;
        return sd_bus_reply_method_return(message, NULL);
}

int bus_transient_abandon_scope(sd_bus_message *message, Manager *m, sd_bus_error *error) {
        const char *name;
        Unit *u;
        int r;

        r = sd_bus_message_read(message, "s", &name);
        if (r < 0)
                return error_contents(error);
        if (strlen(name) > BUS_NAME_ARG_MAX || !(u = manager_get_unit(m, name)))
                return sd_bus_error_setf(error, BUS_ERROR_NO_SUCH_UNIT, "Unit %s not loaded.", name);
        return bus_scope_abandon(message, u, error);
}
