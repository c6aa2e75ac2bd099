/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* load-fragment.c: the meaning of each key (systemd.unit(5), systemd.service(5),
 * systemd.exec(5), systemd.kill(5), systemd.resource-control(5)). One table maps
 * (section, key) to a parser and a field; a parser warns "file:line: ..., ignoring." and
 * leaves the field alone on bad input, as systemd does. Keys systemd knows but the typed model
 * does not cover, X- keys and the sections of other unit types go to UnitDef.raw. What the
 * files mean together (checks across keys, implicit dependencies) is load_fragment_verify()
 * and load-unit.c. */

#include <sched.h>
#include <signal.h>

#include "conf-parser.h"
#include "env-util.h"
#include "exec-line.h"
#include "known-keys.h"
#include "hashmap.h"
#include "load-fragment.h"
#include "load-util.h"
#include "log.h"
#include "parse-util.h"
#include "specifier.h"
#include "strv.h"
#include "time-util.h"

typedef struct LoadCtx {
        UnitDef *d;
        const LookupPaths *lp;
        const char *file;
} LoadCtx;

typedef int (*KeyParser)(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data);

typedef struct KeyEntry {
        const char *section;    /* "Unit", "Service", "Install", or "Exec" for [Service]'s exec/kill/cgroup keys */
        const char *key;
        KeyParser parse;
        int ltype;
        size_t offset;          /* into UnitDef */
} KeyEntry;

#define warn_at(c, line, fmt, ...) log_warning("%s:%u: " fmt, (c)->file, (line), ##__VA_ARGS__)

static int expand(LoadCtx *c, unsigned line, const char *key, const char *value, char **ret) {
        int r;

        r = unit_specifier_expand(c->d->id, c->d->fragment_path, c->lp, value, ret);
        if (r == -ENOMEM)
                return r;
        if (r < 0) {
                warn_at(c, line, "Failed to resolve unit specifiers in %s=%s, ignoring.", key, value);
                return 0;
        }
        return 1;
}

static void warn_parse(LoadCtx *c, unsigned line, const char *key, const char *value) {
        warn_at(c, line, "Failed to parse %s= value, ignoring: %s", key, value);
}

/* ltype bit 0: expand specifiers */
static int p_string(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        char **s = data, *v = NULL;
        int r;

        if (isempty(value)) {
                *s = mfree(*s);
                return 0;
        }
        if (ltype & 1) {
                r = expand(c, line, key, value, &v);
                if (r <= 0)
                        return r;
        } else {
                v = strdup(value);
                if (!v)
                        return -ENOMEM;
        }
        free_and_replace_ptr(s, v);
        return 0;
}

/* ltype bit 0: specifiers; bit 1: must be absolute path (after "-"/"+" prefixes); bit 2: URL */
static int p_strv(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        char ***l = data;
        const char *p = value;
        int r;

        if (isempty(value)) {
                *l = strv_free(*l);
                return 0;
        }
        for (;;) {
                _cleanup_free_ char *w = NULL, *k = NULL;

                r = load_next_word(&p, LOAD_WORD_CUNESCAPE, &w, NULL);
                if (r == -ENOMEM)
                        return r;
                if (r < 0) {
                        warn_at(c, line, "Invalid syntax, ignoring: %s", value);
                        return 0;
                }
                if (r == 0)
                        break;
                if (ltype & 1) {
                        r = expand(c, line, key, w, &k);
                        if (r < 0)
                                return r;
                        if (r == 0)
                                continue;
                } else
                        k = TAKE_PTR(w);
                if (ltype & 2) {
                        const char *q = k;
                        q += strspn(q, "-+");
                        if (!path_is_absolute(q)) {
                                warn_at(c, line, "%s= path is not absolute, ignoring: %s", key, k);
                                continue;
                        }
                }
                if (ltype & 4) {
                        if (!startswith(k, "http://") && !startswith(k, "https://") && !startswith(k, "file:") &&
                            !startswith(k, "info:") && !startswith(k, "man:")) {
                                warn_at(c, line, "Invalid URL, ignoring: %s", k);
                                continue;
                        }
                }
                r = strv_push(l, TAKE_PTR(k));
                if (r < 0)
                        return r;
        }
        return 0;
}

static int p_bool(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        bool *b = data;
        int r = parse_boolean(value);

        if (r < 0) {
                warn_at(c, line, "Failed to parse boolean value, ignoring: %s", value);
                return 0;
        }
        *b = r;
        return 0;
}

/* ltype 0: plain time span; 1: "0" is infinity; 2: empty resets to unset flag (bool after field) */
static int p_sec(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        usec_t *u = data, v;
        int r;

        r = ltype == 1 ? parse_sec_fix_0(value, &v) : parse_sec(value, &v);
        if (r < 0) {
                warn_parse(c, line, key, value);
                return 0;
        }
        *u = v;
        return 0;
}

static int p_unsigned(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        unsigned *u = data, v;

        if (safe_atou(value, &v) < 0) {
                warn_parse(c, line, key, value);
                return 0;
        }
        *u = v;
        return 0;
}

static int p_int(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        int *u = data, v;

        if (safe_atoi(value, &v) < 0) {
                warn_parse(c, line, key, value);
                return 0;
        }
        *u = v;
        return 0;
}

/* enums: ltype indexes enum_parsers[] */
typedef int (*EnumFromString)(const char *s);
enum {
        E_JOB_MODE,
        E_EMERGENCY,
        E_COLLECT,
        E_SERVICE_TYPE,
        E_EXIT_TYPE,
        E_RESTART,
        E_NOTIFY,
        E_KILL_MODE,
        E_OOM,
        E_SCHED,
        E_PRESERVE,
};

static int sched_from_string(const char *s) {
        static const char *const t[] = { [SCHED_OTHER] = "other", [SCHED_FIFO] = "fifo", [SCHED_RR] = "rr",
                                         [SCHED_BATCH] = "batch", [SCHED_IDLE] = "idle" };
        for (size_t i = 0; i < ELEMENTSOF(t); i++)
                if (t[i] && streq(t[i], s))
                        return (int) i;
        return -EINVAL;
}

static int p_enum(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        int *e = data, v;

        switch (ltype) {
        case E_JOB_MODE:     v = job_mode_from_string(value); break;
        case E_EMERGENCY:    v = emergency_action_from_string(value); break;
        case E_COLLECT:      v = collect_mode_from_string(value); break;
        case E_SERVICE_TYPE: v = service_type_from_string(value); break;
        case E_EXIT_TYPE:    v = service_exit_type_from_string(value); break;
        case E_RESTART:      v = service_restart_from_string(value); break;
        case E_NOTIFY:       v = notify_access_from_string(value); break;
        case E_KILL_MODE:    v = kill_mode_from_string(value); break;
        case E_OOM:          v = oom_policy_from_string(value); break;
        case E_SCHED:        v = sched_from_string(value); break;
        default:             v = -EINVAL;
        }
        if (v < 0) {
                warn_parse(c, line, key, value);
                return 0;
        }
        *e = v;
        if (ltype == E_SERVICE_TYPE)
                c->d->service.type_set = true;
        if (ltype == E_NOTIFY)
                c->d->service.notify_access_set = true;
        return 0;
}

int unit_def_add_dependency(UnitDef *d, UnitDependency dep, const char *name) {
        assert(d);
        assert(dep >= 0 && dep < _UNIT_DEPENDENCY_MAX);

        if (!unit_name_is_valid(name, UNIT_NAME_PLAIN | UNIT_NAME_INSTANCE))
                return -EINVAL;
        /* a unit does not depend on itself: systemd drops such edges silently */
        if (strv_contains(d->names, name))
                return 0;

        Hashmap *idx = d->deps_index[dep];
        if (!idx) {
                size_t n = strv_length(d->deps[dep]);

                if (strv_contains(d->deps[dep], name))
                        return 0;
                if (n < 32)
                        return strv_extend(&d->deps[dep], name);
                /* long enough to index: from here on each addition is O(1) */
                idx = hashmap_new(&string_hash_ops);
                if (!idx)
                        return -ENOMEM;
                STRV_FOREACH(e, d->deps[dep])
                        if (hashmap_put(idx, *e, *e) < 0) {
                                hashmap_free(idx);
                                return -ENOMEM;
                        }
                d->deps_index[dep] = idx;
                /* capacity 2·next_pow2(n + 1): what the growth rule below keeps true */
                size_t cap = 1;
                while (cap < n + 1)
                        cap <<= 1;
                char **l = realloc(d->deps[dep], sizeof(char *) * 2 * cap);
                if (!l)
                        return -ENOMEM;
                d->deps[dep] = l;
        }
        if (hashmap_contains(idx, name))
                return 0;

        /* the strv grows in powers of two: realloc only when its size reaches one */
        size_t n = hashmap_size(idx);
        if (((n + 1) & n) == 0) {
                char **l = realloc(d->deps[dep], sizeof(char *) * (2 * (n + 1)));
                if (!l)
                        return -ENOMEM;
                d->deps[dep] = l;
        }
        char *c = strdup(name);
        if (!c)
                return -ENOMEM;
        if (hashmap_put(idx, c, c) < 0) {
                free(c);
                return -ENOMEM;
        }
        d->deps[dep][n] = c;
        d->deps[dep][n + 1] = NULL;
        return 0;
}

static int p_deps(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        const char *p = value;
        int r;

        for (;;) {
                _cleanup_free_ char *w = NULL, *k = NULL;

                r = load_next_word(&p, LOAD_WORD_PLAIN, &w, NULL);
                if (r == -ENOMEM)
                        return r;
                if (r < 0) {
                        warn_at(c, line, "Invalid syntax, ignoring: %s", value);
                        return 0;
                }
                if (r == 0)
                        break;
                r = expand(c, line, key, w, &k);
                if (r < 0)
                        return r;
                if (r == 0)
                        continue;
                r = unit_def_add_dependency(c->d, (UnitDependency) ltype, k);
                if (r == -ENOMEM)
                        return r;
                if (r < 0)
                        warn_at(c, line, "Failed to add dependency on %s, ignoring: Invalid argument", k);
        }
        return 0;
}

static int p_condition(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        Condition **list = ltype ? &c->d->unit.asserts : &c->d->unit.conditions;
        size_t *n = ltype ? &c->d->unit.n_asserts : &c->d->unit.n_conditions;
        _cleanup_free_ char *k = NULL;
        bool trigger = false, negate = false;
        const char *v = value;
        Condition *a;
        int r;

        if (isempty(value)) {
                for (size_t i = 0; i < *n; i++)
                        condition_done(&(*list)[i]);
                *list = mfree(*list);
                *n = 0;
                return 0;
        }
        if (*v == '|') {
                trigger = true;
                v++;
                v += strspn(v, " \t");
        }
        if (*v == '!') {
                negate = true;
                v++;
                v += strspn(v, " \t");
        }
        r = expand(c, line, key, v, &k);
        if (r <= 0)
                return r;
        a = realloc(*list, sizeof(Condition) * (*n + 1));
        if (!a)
                return -ENOMEM;
        *list = a;
        a[*n] = (Condition) {
                .type = strdup(key),
                .parameter = TAKE_PTR(k),
                .trigger = trigger,
                .negate = negate,
        };
        if (!a[*n].type) {
                condition_done(&a[*n]);
                return -ENOMEM;
        }
        (*n)++;
        return 0;
}

static int p_exec(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        ExecCommandList *l = &c->d->service.exec[ltype];
        _cleanup_free_ char *k = NULL;
        const char *reason = NULL;
        int r;

        if (ltype == SERVICE_EXEC_START)
                c->d->exec_start_set = true;
        if (isempty(value)) {
                exec_command_list_done(l);
                return 0;
        }
        /* words are split and unescaped first, then specifiers expanded per word (so that an
         * escaped instance such as "a\x2fc" stays as it is in %i) */
        size_t first = l->n;
        r = exec_line_parse(value, l, &reason);
        if (r == -ENOMEM)
                return r;
        for (size_t i = first; r >= 0 && i < l->n; i++) {
                ExecCommand *cmd = &l->commands[i];
                char *e = NULL;

                if (expand(c, line, key, cmd->path, &e) <= 0) {
                        /* a specifier that cannot be resolved drops this line, as systemd does */
                        for (size_t k2 = first; k2 < l->n; k2++)
                                exec_command_done(&l->commands[k2]);
                        l->n = first;
                        return 0;
                }
                free_and_replace_ptr(&cmd->path, e);
                STRV_FOREACH(w, cmd->argv) {
                        if (expand(c, line, key, *w, &e) <= 0) {
                                for (size_t k2 = first; k2 < l->n; k2++)
                                        exec_command_done(&l->commands[k2]);
                                l->n = first;
                                return 0;
                        }
                        free_and_replace_ptr((char **) w, e);
                }
        }
        if (r == -ENOEXEC) {
                warn_at(c, line, "%s: %s", reason, value);
                c->d->bad_setting = true;
        } else if (r < 0)
                warn_at(c, line, "%s, ignoring: %s", reason, value);
        return 0;
}

static int p_environment(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        char ***l = data;
        const char *p = value;
        int r;

        if (isempty(value)) {
                *l = strv_free(*l);
                return 0;
        }
        for (;;) {
                _cleanup_free_ char *w = NULL, *k = NULL;

                r = load_next_word(&p, LOAD_WORD_CUNESCAPE, &w, NULL);
                if (r == -ENOMEM)
                        return r;
                if (r < 0) {
                        warn_at(c, line, "Invalid syntax, ignoring: %s", value);
                        return 0;
                }
                if (r == 0)
                        break;
                r = expand(c, line, key, w, &k);
                if (r < 0)
                        return r;
                if (r == 0)
                        continue;
                if (ltype == 0 && !env_assignment_is_valid(k)) {
                        warn_at(c, line, "Invalid environment assignment, ignoring: %s", k);
                        continue;
                }
                if (ltype == 1 && !env_name_is_valid(k) && !env_assignment_is_valid(k)) {
                        warn_at(c, line, "Invalid environment variable name or assignment, ignoring: %s", k);
                        continue;
                }
                if (ltype == 2 && !env_name_is_valid(k)) {
                        warn_at(c, line, "Invalid environment variable name, ignoring: %s", k);
                        continue;
                }
                if (ltype == 0) {
                        /* later assignments of a name win, but keep the list ordered */
                        size_t nl = strcspn(k, "=");
                        for (char **e = *l; e && *e; e++)
                                if (strncmp(*e, k, nl) == 0 && (*e)[nl] == '=') {
                                        free(*e);
                                        memmove(e, e + 1, sizeof(char *) * (strv_length(e + 1) + 1));
                                        break;
                                }
                }
                r = strv_push(l, TAKE_PTR(k));
                if (r < 0)
                        return r;
        }
        return 0;
}

static int p_env_file(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        ExecContext *e = &c->d->exec;
        _cleanup_free_ char *k = NULL;
        EnvironmentFile *a;
        const char *v = value;
        bool ignore = false;
        int r;

        if (isempty(value)) {
                for (size_t i = 0; i < e->n_environment_files; i++)
                        free(e->environment_files[i].path);
                e->environment_files = mfree(e->environment_files);
                e->n_environment_files = 0;
                return 0;
        }
        if (*v == '-') {
                ignore = true;
                v++;
        }
        r = expand(c, line, key, v, &k);
        if (r <= 0)
                return r;
        if (!path_is_absolute(k)) {
                warn_at(c, line, "Path '%s' is not absolute, ignoring.", k);
                return 0;
        }
        a = realloc(e->environment_files, sizeof(EnvironmentFile) * (e->n_environment_files + 1));
        if (!a)
                return -ENOMEM;
        e->environment_files = a;
        a[e->n_environment_files++] = (EnvironmentFile) { .path = TAKE_PTR(k), .ignore_missing = ignore };
        return 0;
}

static int p_working_directory(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        ExecContext *e = &c->d->exec;
        _cleanup_free_ char *k = NULL;
        const char *v = value;
        bool missing_ok = false;
        int r;

        if (isempty(value)) {
                e->working_directory = mfree(e->working_directory);
                e->working_directory_home = e->working_directory_missing_ok = e->working_directory_set = false;
                return 0;
        }
        if (*v == '-') {
                missing_ok = true;
                v++;
        }
        if (streq(v, "~")) {
                e->working_directory = mfree(e->working_directory);
                e->working_directory_home = true;
                e->working_directory_missing_ok = missing_ok;
                e->working_directory_set = true;
                return 0;
        }
        r = expand(c, line, key, v, &k);
        if (r <= 0)
                return r;
        if (!path_is_absolute(k)) {
                /* as systemd 252: fatal (bad-setting) unless "-" made it optional */
                warn_at(c, line, "Working directory path '%s' is not absolute%s.", k, missing_ok ? ", ignoring" : "");
                if (!missing_ok)
                        c->d->bad_setting = true;
                return 0;
        }
        free_and_replace_ptr(&e->working_directory, TAKE_PTR(k));
        e->working_directory_home = false;
        e->working_directory_missing_ok = missing_ok;
        e->working_directory_set = true;
        return 0;
}

static int p_rlimit(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        struct rlimit rl, **slot;
        int res = rlimit_from_string(key);

        if (res < 0 || res >= RLIM_NLIMITS) {
                warn_at(c, line, "Unknown resource limit %s=, ignoring.", key);
                return 0;
        }
        if (parse_rlimit(res, value, &rl) < 0) {
                warn_at(c, line, "Failed to parse resource value, ignoring: %s", value);
                return 0;
        }
        slot = &c->d->exec.rlimit[res];
        if (!*slot) {
                *slot = new(struct rlimit, 1);
                if (!*slot)
                        return -ENOMEM;
        }
        **slot = rl;
        return 0;
}

static int p_exit_status(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        ExitStatusSet *s = data, n;
        const char *p = value;
        int r;

        if (isempty(value)) {
                *s = (ExitStatusSet) {};
                return 0;
        }
        n = *s;
        for (;;) {
                _cleanup_free_ char *w = NULL;
                int v;

                r = load_next_word(&p, LOAD_WORD_PLAIN, &w, NULL);
                if (r == -ENOMEM)
                        return r;
                if (r < 0) {
                        warn_at(c, line, "Invalid syntax, ignoring: %s", value);
                        return 0;
                }
                if (r == 0)
                        break;
                v = exit_status_from_string(w);
                if (v >= 0 && v < 256) {
                        n.status[v / 8] |= (uint8_t) (1u << (v % 8));
                        continue;
                }
                v = signal_from_string(w, false);
                if (v > 0 && v <= 64) {
                        n.signals |= UINT64_C(1) << (v - 1);
                        continue;
                }
                warn_at(c, line, "Failed to parse value, ignoring: %s", w);
        }
        *s = n;
        return 0;
}

static int p_signal(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        int *s = data, v;

        v = signal_from_string(value, true);
        if (v <= 0) {
                warn_parse(c, line, key, value);
                return 0;
        }
        *s = v;
        return 0;
}

static int p_mode(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        mode_t *m = data, v;

        if (parse_mode(value, &v) < 0) {
                warn_parse(c, line, key, value);
                return 0;
        }
        *m = v;
        return 0;
}

static int p_nice(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        int v;

        if (parse_nice(value, &v) < 0) {
                warn_at(c, line, "Failed to parse nice priority '%s', ignoring.", value);
                return 0;
        }
        c->d->exec.nice = v;
        c->d->exec.nice_set = true;
        return 0;
}

static int p_oom_score(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        int v;

        if (parse_oom_score_adjust(value, &v) < 0) {
                warn_at(c, line, "Failed to parse the OOM score adjust value '%s', ignoring.", value);
                return 0;
        }
        c->d->exec.oom_score_adjust = v;
        c->d->exec.oom_score_adjust_set = true;
        return 0;
}

/* StandardInput=/StandardOutput=/StandardError=: ltype is the fd */
static int p_std(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        ExecContext *e = &c->d->exec;
        static const struct { const char *prefix; int in, out; } files[] = {
                { "file:", EXEC_INPUT_FILE, EXEC_OUTPUT_FILE },
                { "append:", -1, EXEC_OUTPUT_FILE_APPEND },
                { "truncate:", -1, EXEC_OUTPUT_FILE_TRUNCATE },
        };
        const char *rest;
        int r;

        if ((rest = startswith(value, "fd:")) || streq(value, "fd")) {
                if (rest && !*rest)
                        rest = NULL;
                if (rest && (strlen(rest) > 255 || strchr(rest, ':'))) {
                        warn_at(c, line, "Invalid file descriptor name, ignoring: %s", rest);
                        return 0;
                }
                r = free_and_strdup(&e->stdio_fdname[ltype], rest ?: "stdin");
                if (r < 0)
                        return r;
                if (!rest)
                        e->stdio_fdname[ltype] = mfree(e->stdio_fdname[ltype]);
                if (ltype == 0)
                        e->std_input = EXEC_INPUT_NAMED_FD;
                else if (ltype == 1)
                        e->std_output = EXEC_OUTPUT_NAMED_FD;
                else
                        e->std_error = EXEC_OUTPUT_NAMED_FD;
                return 0;
        }
        for (size_t i = 0; i < ELEMENTSOF(files); i++) {
                _cleanup_free_ char *k = NULL;

                rest = startswith(value, files[i].prefix);
                if (!rest)
                        continue;
                if (ltype == 0 && files[i].in < 0)
                        break;
                r = expand(c, line, key, rest, &k);
                if (r <= 0)
                        return r;
                if (!path_is_absolute(k)) {
                        warn_at(c, line, "File path %s is not absolute, ignoring.", k);
                        return 0;
                }
                free_and_replace_ptr(&e->stdio_file[ltype], TAKE_PTR(k));
                if (ltype == 0)
                        e->std_input = (ExecInput) files[i].in;
                else if (ltype == 1)
                        e->std_output = (ExecOutput) files[i].out;
                else
                        e->std_error = (ExecOutput) files[i].out;
                return 0;
        }
        if (ltype == 0) {
                ExecInput v = exec_input_from_string(value);
                if (v < 0 || v == EXEC_INPUT_FILE || v == EXEC_INPUT_NAMED_FD) {
                        warn_at(c, line, "Failed to parse input specifier, ignoring: %s", value);
                        return 0;
                }
                e->std_input = v;
        } else {
                ExecOutput v;

                /* "syslog" was folded into "journal" long ago, systemd.exec(5) */
                if (streq(value, "syslog"))
                        v = EXEC_OUTPUT_JOURNAL;
                else if (streq(value, "syslog+console"))
                        v = EXEC_OUTPUT_JOURNAL_AND_CONSOLE;
                else
                        v = exec_output_from_string(value);
                if (v < 0 || v == EXEC_OUTPUT_FILE || v == EXEC_OUTPUT_FILE_APPEND ||
                    v == EXEC_OUTPUT_FILE_TRUNCATE || v == EXEC_OUTPUT_NAMED_FD) {
                        warn_at(c, line, "Failed to parse output specifier, ignoring: %s", value);
                        return 0;
                }
                if (ltype == 1)
                        e->std_output = v;
                else
                        e->std_error = v;
        }
        return 0;
}

/* appends n bytes (and a newline: StandardInputText=) to the unit's standard input data */
static int input_data_append(LoadCtx *c, unsigned line, const void *d, size_t n, bool newline) {
        ExecContext *e = &c->d->exec;
        char *t;

        if (e->standard_input_data_size + n + newline > 64 * 1024 * 1024) {
                warn_at(c, line, "Standard input data too large, ignoring.");
                return 0;
        }
        t = realloc(e->standard_input_data, e->standard_input_data_size + n + newline + 1);
        if (!t)
                return -ENOMEM;
        memcpy(t + e->standard_input_data_size, d, n);
        if (newline)
                t[e->standard_input_data_size + n] = '\n';
        t[e->standard_input_data_size + n + newline] = 0;
        e->standard_input_data = t;
        e->standard_input_data_size += n + newline;
        return 0;
}

static int p_input_text(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        ExecContext *e = &c->d->exec;
        _cleanup_free_ char *k = NULL, *u = NULL;
        const char *p;
        int r;

        if (isempty(value)) {
                e->standard_input_data = mfree(e->standard_input_data);
                e->standard_input_data_size = 0;
                return 0;
        }
        r = expand(c, line, key, value, &k);
        if (r <= 0)
                return r;
        /* C escapes, no word splitting */
        p = k;
        {
                _cleanup_free_ char *q = NULL;
                size_t ql = strlen(k);

                q = malloc(ql + 3);
                if (!q)
                        return -ENOMEM;
                /* wrap in quotes so that whitespace is kept; escapes decode inside quotes */
                q[0] = '"';
                memcpy(q + 1, k, ql);
                q[ql + 1] = '"';
                q[ql + 2] = 0;
                p = q;
                r = strchr(k, '"') ? -EINVAL : load_next_word(&p, LOAD_WORD_CUNESCAPE, &u, NULL);
                if (r == -ENOMEM)
                        return r;
                if (r <= 0) {
                        u = strdup(k);
                        if (!u)
                                return -ENOMEM;
                }
        }
        return input_data_append(c, line, u, strlen(u), true);
}

/* StandardInputData=: base64, appended as decoded; empty resets (with StandardInputText=) */
static int p_input_data(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        ExecContext *e = &c->d->exec;
        _cleanup_free_ char *k = NULL;
        _cleanup_free_ void *d = NULL;
        size_t n;
        int r;

        if (isempty(value)) {
                e->standard_input_data = mfree(e->standard_input_data);
                e->standard_input_data_size = 0;
                return 0;
        }
        r = expand(c, line, key, value, &k);
        if (r <= 0)
                return r;
        r = unbase64(k, &d, &n);
        if (r == -ENOMEM)
                return r;
        if (r < 0) {
                warn_at(c, line, "Failed to decode base64 data, ignoring: %s", k);
                return 0;
        }
        return input_data_append(c, line, d, n, false);
}

static uint64_t physical_memory(void) {
        long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);

        if (pages <= 0 || size <= 0)
                return UINT64_MAX;
        return (uint64_t) pages * (uint64_t) size;
}

/* MemoryMax= and friends: bytes with K/M/G/T, "infinity", or a percentage of RAM */
static int p_memory(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        uint64_t *m = data, v;
        int r;

        if (isempty(value)) {
                *m = ltype;     /* the default: 0 for Min/Low, infinity for the others */
                *m = ltype ? UINT64_MAX : 0;
                return 0;
        }
        if (streq(value, "infinity"))
                v = UINT64_MAX;
        else if (endswith(value, "%")) {
                r = parse_percent(value, false);
                if (r < 0) {
                        warn_at(c, line, "Invalid memory limit '%s', ignoring.", value);
                        return 0;
                }
                v = physical_memory() / 100 * (uint64_t) r;
        } else {
                r = parse_size(value, 1024, &v);
                if (r < 0 || v == 0) {
                        if (r >= 0 && v == 0 && ltype == 0) {
                                *m = 0;
                                return 0;
                        }
                        if (r < 0) {
                                warn_at(c, line, "Invalid memory limit '%s', ignoring.", value);
                                return 0;
                        }
                }
        }
        *m = v;
        return 0;
}

static int p_tasks_max(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        CGroupContext *g = &c->d->cgroup;
        uint64_t v;
        int r;

        if (isempty(value)) {
                g->tasks_max = UINT64_MAX;
                g->tasks_max_set = false;
                return 0;
        }
        if (streq(value, "infinity"))
                v = UINT64_MAX;
        else if (endswith(value, "%")) {
                r = parse_percent(value, false);
                if (r < 0) {
                        warn_at(c, line, "Invalid maximum tasks value '%s', ignoring.", value);
                        return 0;
                }
                v = 4194304ULL * (uint64_t) r / 100;
        } else if (safe_atou64(value, &v) < 0 || v == 0) {
                warn_at(c, line, "Invalid maximum tasks value '%s', ignoring.", value);
                return 0;
        }
        g->tasks_max = v;
        g->tasks_max_set = true;
        return 0;
}

static int p_weight(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        uint64_t *w = data, v;

        if (isempty(value)) {
                *w = UINT64_MAX;
                return 0;
        }
        if (ltype == 1 && streq(value, "idle"))
                v = 0;
        else if (safe_atou64(value, &v) < 0 || v < 1 || v > 10000) {
                warn_at(c, line, "%s= value '%s' out of range, ignoring.", key, value);
                return 0;
        }
        *w = v;
        return 0;
}

static int p_cpu_quota(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        usec_t v;

        if (isempty(value)) {
                c->d->cgroup.cpu_quota_per_sec_usec = USEC_INFINITY;
                return 0;
        }
        if (parse_cpu_quota(value, &v) < 0 || v == 0) {
                warn_at(c, line, "Invalid CPU quota '%s', ignoring.", value);
                return 0;
        }
        c->d->cgroup.cpu_quota_per_sec_usec = v;
        return 0;
}

static int p_delegate(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        CGroupContext *g = &c->d->cgroup;
        int r;

        if (isempty(value)) {
                g->delegate = false;
                g->delegate_controllers = strv_free(g->delegate_controllers);
                return 0;
        }
        r = parse_boolean(value);
        if (r >= 0) {
                g->delegate = r;
                g->delegate_controllers = strv_free(g->delegate_controllers);
                return 0;
        }
        g->delegate = true;
        return p_strv(c, line, key, value, 0, &g->delegate_controllers);
}

static int p_slice(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        _cleanup_free_ char *k = NULL;
        int r;

        r = expand(c, line, key, value, &k);
        if (r <= 0)
                return r;
        if (!unit_name_is_valid(k, UNIT_NAME_PLAIN) || !endswith(k, ".slice")) {
                warn_at(c, line, "Failed to set slice '%s', ignoring: Invalid argument", k);
                return 0;
        }
        if (c->d->type != UNIT_SERVICE && c->d->type != UNIT_SOCKET && c->d->type != UNIT_MOUNT &&
            c->d->type != UNIT_SWAP && c->d->type != UNIT_SCOPE && c->d->type != UNIT_SLICE) {
                warn_at(c, line, "Unknown key name '%s' in section 'Unit', ignoring.", key);
                return 0;
        }
        free_and_replace_ptr(&c->d->slice, TAKE_PTR(k));
        return 0;
}

static int p_exit_code(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        int *e = data;
        unsigned v;

        if (isempty(value)) {
                *e = -1;
                return 0;
        }
        if (safe_atou(value, &v) < 0 || v > 255) {
                warn_parse(c, line, key, value);
                return 0;
        }
        *e = (int) v;
        return 0;
}

static int p_timeout_both(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        usec_t v;

        if (parse_sec_fix_0(value, &v) < 0) {
                warn_parse(c, line, key, value);
                return 0;
        }
        c->d->service.timeout_start_usec = v;
        c->d->service.timeout_stop_usec = v;
        c->d->timeout_start_set = true;
        return 0;
}

static int p_timeout_start(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        usec_t v;

        if (parse_sec_fix_0(value, &v) < 0) {
                warn_parse(c, line, key, value);
                return 0;
        }
        c->d->service.timeout_start_usec = v;
        c->d->timeout_start_set = true;
        return 0;
}

static int p_timeout_abort(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        usec_t v;

        if (isempty(value)) {
                c->d->service.timeout_abort_set = false;
                return 0;
        }
        if (parse_sec_fix_0(value, &v) < 0) {
                warn_parse(c, line, key, value);
                return 0;
        }
        c->d->service.timeout_abort_usec = v;
        c->d->service.timeout_abort_set = true;
        return 0;
}

static int p_install_names(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        char ***l = data;
        const char *p = value;
        int r;

        c->d->has_install_section = true;
        if (isempty(value)) {
                *l = strv_free(*l);
                return 0;
        }
        for (;;) {
                _cleanup_free_ char *w = NULL, *k = NULL;

                r = load_next_word(&p, LOAD_WORD_PLAIN, &w, NULL);
                if (r == -ENOMEM)
                        return r;
                if (r < 0) {
                        warn_at(c, line, "Invalid syntax, ignoring: %s", value);
                        return 0;
                }
                if (r == 0)
                        break;
                r = expand(c, line, key, w, &k);
                if (r < 0)
                        return r;
                if (r == 0)
                        continue;
                if (!unit_name_is_valid(k, UNIT_NAME_ANY)) {
                        warn_at(c, line, "Invalid unit name in %s=, ignoring: %s", key, k);
                        continue;
                }
                if (strv_contains(*l, k))
                        continue;
                r = strv_push(l, TAKE_PTR(k));
                if (r < 0)
                        return r;
        }
        return 0;
}

static int p_default_instance(LoadCtx *c, unsigned line, const char *key, const char *value, int ltype, void *data) {
        _cleanup_free_ char *k = NULL;
        int r;

        c->d->has_install_section = true;
        if (isempty(value)) {
                c->d->install.default_instance = mfree(c->d->install.default_instance);
                return 0;
        }
        r = expand(c, line, key, value, &k);
        if (r <= 0)
                return r;
        if (!unit_instance_is_valid(k)) {
                warn_at(c, line, "Invalid DefaultInstance= value, ignoring: %s", k);
                return 0;
        }
        free_and_replace_ptr(&c->d->install.default_instance, TAKE_PTR(k));
        return 0;
}

static int add_raw(LoadCtx *c, unsigned line, const char *section, const char *key, const char *value) {
        UnitDef *d = c->d;
        RawAssignment *a;

        if (isempty(value)) {
                /* an empty assignment clears what came before; it stays as a marker */
                size_t j = 0;
                for (size_t i = 0; i < d->n_raw; i++) {
                        if (streq(d->raw[i].section, section) && streq(d->raw[i].key, key))
                                raw_assignment_done(&d->raw[i]);
                        else
                                d->raw[j++] = d->raw[i];
                }
                d->n_raw = j;
        }
        a = realloc(d->raw, sizeof(RawAssignment) * (d->n_raw + 1));
        if (!a)
                return -ENOMEM;
        d->raw = a;
        a[d->n_raw] = (RawAssignment) {
                .section = strdup(section),
                .key = strdup(key),
                .value = strdup(value),
                .file = strdup(c->file),
                .line = line,
        };
        if (!a[d->n_raw].section || !a[d->n_raw].key || !a[d->n_raw].value || !a[d->n_raw].file) {
                raw_assignment_done(&a[d->n_raw]);
                return -ENOMEM;
        }
        d->n_raw++;
        return 0;
}

#define U(f) offsetof(UnitDef, unit.f)
#define S(f) offsetof(UnitDef, service.f)
#define X(f) offsetof(UnitDef, exec.f)
#define K(f) offsetof(UnitDef, kill.f)
#define G(f) offsetof(UnitDef, cgroup.f)
#define I(f) offsetof(UnitDef, install.f)

static const KeyEntry key_table[] = {
        { "Unit", "Description",              p_string,      1, U(description) },
        { "Unit", "Documentation",            p_strv,        5, U(documentation) },
        { "Unit", "SourcePath",               p_string,      1, U(source_path) },
        { "Unit", "Requires",                 p_deps,        UNIT_REQUIRES, 0 },
        { "Unit", "RequiresOverridable",      p_deps,        UNIT_REQUIRES, 0 },
        { "Unit", "Requisite",                p_deps,        UNIT_REQUISITE, 0 },
        { "Unit", "RequisiteOverridable",     p_deps,        UNIT_REQUISITE, 0 },
        { "Unit", "Wants",                    p_deps,        UNIT_WANTS, 0 },
        { "Unit", "BindsTo",                  p_deps,        UNIT_BINDS_TO, 0 },
        { "Unit", "BindTo",                   p_deps,        UNIT_BINDS_TO, 0 },
        { "Unit", "Upholds",                  p_deps,        UNIT_UPHOLDS, 0 },
        { "Unit", "Conflicts",                p_deps,        UNIT_CONFLICTS, 0 },
        { "Unit", "Before",                   p_deps,        UNIT_BEFORE, 0 },
        { "Unit", "After",                    p_deps,        UNIT_AFTER, 0 },
        { "Unit", "OnSuccess",                p_deps,        UNIT_ON_SUCCESS, 0 },
        { "Unit", "OnFailure",                p_deps,        UNIT_ON_FAILURE, 0 },
        { "Unit", "PropagatesReloadTo",       p_deps,        UNIT_PROPAGATES_RELOAD_TO, 0 },
        { "Unit", "PropagateReloadTo",        p_deps,        UNIT_PROPAGATES_RELOAD_TO, 0 },
        { "Unit", "ReloadPropagatedFrom",     p_deps,        UNIT_RELOAD_PROPAGATED_FROM, 0 },
        { "Unit", "PropagateReloadFrom",      p_deps,        UNIT_RELOAD_PROPAGATED_FROM, 0 },
        { "Unit", "PropagatesStopTo",         p_deps,        UNIT_PROPAGATES_STOP_TO, 0 },
        { "Unit", "StopPropagatedFrom",       p_deps,        UNIT_STOP_PROPAGATED_FROM, 0 },
        { "Unit", "PartOf",                   p_deps,        UNIT_PART_OF, 0 },
        { "Unit", "JoinsNamespaceOf",         p_deps,        UNIT_JOINS_NAMESPACE_OF, 0 },
        { "Unit", "RequiresMountsFor",        p_strv,        3, U(requires_mounts_for) },
        { "Unit", "StopWhenUnneeded",         p_bool,        0, U(stop_when_unneeded) },
        { "Unit", "RefuseManualStart",        p_bool,        0, U(refuse_manual_start) },
        { "Unit", "RefuseManualStop",         p_bool,        0, U(refuse_manual_stop) },
        { "Unit", "AllowIsolate",             p_bool,        0, U(allow_isolate) },
        { "Unit", "DefaultDependencies",      p_bool,        0, U(default_dependencies) },
        { "Unit", "OnSuccessJobMode",         p_enum,        E_JOB_MODE, U(on_success_job_mode) },
        { "Unit", "OnFailureJobMode",         p_enum,        E_JOB_MODE, U(on_failure_job_mode) },
        { "Unit", "IgnoreOnIsolate",          p_bool,        0, U(ignore_on_isolate) },
        { "Unit", "JobTimeoutSec",            p_sec,         1, U(job_timeout_usec) },
        { "Unit", "JobRunningTimeoutSec",     p_sec,         1, U(job_running_timeout_usec) },
        { "Unit", "JobTimeoutAction",         p_enum,        E_EMERGENCY, U(job_timeout_action) },
        { "Unit", "JobTimeoutRebootArgument", p_string,      0, U(job_timeout_reboot_argument) },
        { "Unit", "StartLimitIntervalSec",    p_sec,         0, U(start_limit_interval_usec) },
        { "Unit", "StartLimitInterval",       p_sec,         0, U(start_limit_interval_usec) },
        { "Unit", "StartLimitBurst",          p_unsigned,    0, U(start_limit_burst) },
        { "Unit", "StartLimitAction",         p_enum,        E_EMERGENCY, U(start_limit_action) },
        { "Unit", "FailureAction",            p_enum,        E_EMERGENCY, U(failure_action) },
        { "Unit", "SuccessAction",            p_enum,        E_EMERGENCY, U(success_action) },
        { "Unit", "FailureActionExitStatus",  p_exit_code,   0, U(failure_action_exit_status) },
        { "Unit", "SuccessActionExitStatus",  p_exit_code,   0, U(success_action_exit_status) },
        { "Unit", "RebootArgument",           p_string,      0, U(reboot_argument) },
        { "Unit", "CollectMode",              p_enum,        E_COLLECT, U(collect_mode) },

        { "Service", "Type",                  p_enum,        E_SERVICE_TYPE, S(type) },
        { "Service", "ExitType",              p_enum,        E_EXIT_TYPE, S(exit_type) },
        { "Service", "Restart",               p_enum,        E_RESTART, S(restart) },
        { "Service", "RemainAfterExit",       p_bool,        0, S(remain_after_exit) },
        { "Service", "GuessMainPID",          p_bool,        0, S(guess_main_pid) },
        { "Service", "PIDFile",               p_string,      1, S(pid_file) },
        { "Service", "ExecCondition",         p_exec,        SERVICE_EXEC_CONDITION, 0 },
        { "Service", "ExecStartPre",          p_exec,        SERVICE_EXEC_START_PRE, 0 },
        { "Service", "ExecStart",             p_exec,        SERVICE_EXEC_START, 0 },
        { "Service", "ExecStartPost",         p_exec,        SERVICE_EXEC_START_POST, 0 },
        { "Service", "ExecReload",            p_exec,        SERVICE_EXEC_RELOAD, 0 },
        { "Service", "ExecStop",              p_exec,        SERVICE_EXEC_STOP, 0 },
        { "Service", "ExecStopPost",          p_exec,        SERVICE_EXEC_STOP_POST, 0 },
        { "Service", "TimeoutSec",            p_timeout_both, 0, 0 },
        { "Service", "TimeoutStartSec",       p_timeout_start, 0, 0 },
        { "Service", "TimeoutStopSec",        p_sec,         1, S(timeout_stop_usec) },
        { "Service", "TimeoutAbortSec",       p_timeout_abort, 0, 0 },
        { "Service", "RuntimeMaxSec",         p_sec,         0, S(runtime_max_usec) },
        { "Service", "RuntimeRandomizedExtraSec", p_sec,     0, S(runtime_randomized_extra_usec) },
        { "Service", "RestartSec",            p_sec,         0, S(restart_usec) },
        { "Service", "WatchdogSec",           p_sec,         0, S(watchdog_usec) },
        { "Service", "NotifyAccess",          p_enum,        E_NOTIFY, S(notify_access) },
        { "Service", "SuccessExitStatus",     p_exit_status, 0, S(success_status) },
        { "Service", "RestartPreventExitStatus", p_exit_status, 0, S(restart_prevent_status) },
        { "Service", "RestartForceExitStatus", p_exit_status, 0, S(restart_force_status) },
        { "Service", "BusName",               p_string,      1, S(bus_name) },
        { "Service", "Sockets",               p_strv,        1, S(sockets) },
        { "Service", "FileDescriptorStoreMax", p_unsigned,   0, S(file_descriptor_store_max) },
        { "Service", "USBFunctionDescriptors", p_string,     1, S(usb_function_descriptors) },
        { "Service", "USBFunctionStrings",    p_string,      1, S(usb_function_strings) },
        { "Service", "OOMPolicy",             p_enum,        E_OOM, S(oom_policy) },
        { "Service", "RootDirectoryStartOnly", p_bool,       0, S(root_directory_start_only) },
        { "Service", "PermissionsStartOnly",  p_bool,        0, S(permissions_start_only) },
        /* [Unit] keys systemd still accepts in [Service] */
        { "Service", "StartLimitInterval",    p_sec,         0, U(start_limit_interval_usec) },
        { "Service", "StartLimitBurst",       p_unsigned,    0, U(start_limit_burst) },
        { "Service", "StartLimitAction",      p_enum,        E_EMERGENCY, U(start_limit_action) },
        { "Service", "FailureAction",         p_enum,        E_EMERGENCY, U(failure_action) },
        { "Service", "RebootArgument",        p_string,      0, U(reboot_argument) },

        { "Exec", "Environment",              p_environment, 0, X(environment) },
        { "Exec", "EnvironmentFile",          p_env_file,    0, 0 },
        { "Exec", "PassEnvironment",          p_environment, 2, X(pass_environment) },
        { "Exec", "UnsetEnvironment",         p_environment, 1, X(unset_environment) },
        { "Exec", "WorkingDirectory",         p_working_directory, 0, 0 },
        { "Exec", "RootDirectory",            p_string,      1, X(root_directory) },
        { "Exec", "User",                     p_string,      1, X(user) },
        { "Exec", "Group",                    p_string,      1, X(group) },
        { "Exec", "SupplementaryGroups",      p_strv,        1, X(supplementary_groups) },
        { "Exec", "DynamicUser",              p_bool,        0, X(dynamic_user) },
        { "Exec", "UMask",                    p_mode,        0, X(umask) },
        { "Exec", "Nice",                     p_nice,        0, 0 },
        { "Exec", "OOMScoreAdjust",           p_oom_score,   0, 0 },
        { "Exec", "StandardInput",            p_std,         0, 0 },
        { "Exec", "StandardOutput",           p_std,         1, 0 },
        { "Exec", "StandardError",            p_std,         2, 0 },
        { "Exec", "StandardInputText",        p_input_text,  0, 0 },
        { "Exec", "StandardInputData",        p_input_data,  0, 0 },
        { "Exec", "TTYPath",                  p_string,      1, X(tty_path) },
        { "Exec", "TTYReset",                 p_bool,        0, X(tty_reset) },
        { "Exec", "TTYVHangup",               p_bool,        0, X(tty_vhangup) },
        { "Exec", "TTYVTDisallocate",         p_bool,        0, X(tty_vt_disallocate) },
        { "Exec", "SyslogIdentifier",         p_string,      1, X(syslog_identifier) },
        { "Exec", "SyslogLevelPrefix",        p_bool,        0, X(syslog_level_prefix) },
        { "Exec", "IgnoreSIGPIPE",            p_bool,        0, X(ignore_sigpipe) },
        { "Exec", "NoNewPrivileges",          p_bool,        0, X(no_new_privileges) },
        { "Exec", "PAMName",                  p_string,      1, X(pam_name) },
        { "Exec", "CPUSchedulingPolicy",      p_enum,        E_SCHED, X(cpu_sched_policy) },
        { "Exec", "CPUSchedulingPriority",    p_int,         0, X(cpu_sched_priority) },
        { "Exec", "CPUSchedulingResetOnFork", p_bool,        0, X(cpu_sched_reset_on_fork) },
        { "Exec", "ReadWritePaths",           p_strv,        3, X(read_write_paths) },
        { "Exec", "ReadOnlyPaths",            p_strv,        3, X(read_only_paths) },
        { "Exec", "InaccessiblePaths",        p_strv,        3, X(inaccessible_paths) },
        { "Exec", "PrivateTmp",               p_bool,        0, X(private_tmp) },
        { "Exec", "PrivateDevices",           p_bool,        0, X(private_devices) },
        { "Exec", "PrivateNetwork",           p_bool,        0, X(private_network) },
        { "Exec", "RuntimeDirectory",         p_strv,        1, X(runtime_directory) },
        { "Exec", "StateDirectory",           p_strv,        1, X(state_directory) },
        { "Exec", "CacheDirectory",           p_strv,        1, X(cache_directory) },
        { "Exec", "LogsDirectory",            p_strv,        1, X(logs_directory) },
        { "Exec", "ConfigurationDirectory",   p_strv,        1, X(configuration_directory) },
        { "Exec", "RuntimeDirectoryMode",     p_mode,        0, X(runtime_directory_mode) },
        { "Exec", "StateDirectoryMode",       p_mode,        0, X(state_directory_mode) },
        { "Exec", "CacheDirectoryMode",       p_mode,        0, X(cache_directory_mode) },
        { "Exec", "LogsDirectoryMode",        p_mode,        0, X(logs_directory_mode) },
        { "Exec", "ConfigurationDirectoryMode", p_mode,      0, X(configuration_directory_mode) },
        { "Exec", "SameProcessGroup",         p_bool,        0, X(same_process_group) },
        { "Exec", "KillMode",                 p_enum,        E_KILL_MODE, K(kill_mode) },
        { "Exec", "KillSignal",               p_signal,      0, K(kill_signal) },
        { "Exec", "RestartKillSignal",        p_signal,      0, K(restart_kill_signal) },
        { "Exec", "FinalKillSignal",          p_signal,      0, K(final_kill_signal) },
        { "Exec", "WatchdogSignal",           p_signal,      0, K(watchdog_signal) },
        { "Exec", "SendSIGKILL",              p_bool,        0, K(send_sigkill) },
        { "Exec", "SendSIGHUP",               p_bool,        0, K(send_sighup) },
        { "Exec", "CPUQuota",                 p_cpu_quota,   0, 0 },
        { "Exec", "CPUQuotaPeriodSec",        p_sec,         0, G(cpu_quota_period_usec) },
        { "Exec", "CPUWeight",                p_weight,      1, G(cpu_weight) },
        { "Exec", "StartupCPUWeight",         p_weight,      1, G(startup_cpu_weight) },
        { "Exec", "IOWeight",                 p_weight,      0, G(io_weight) },
        { "Exec", "MemoryMin",                p_memory,      0, G(memory_min) },
        { "Exec", "MemoryLow",                p_memory,      0, G(memory_low) },
        { "Exec", "MemoryHigh",               p_memory,      1, G(memory_high) },
        { "Exec", "MemoryMax",                p_memory,      1, G(memory_max) },
        { "Exec", "MemorySwapMax",            p_memory,      1, G(memory_swap_max) },
        { "Exec", "TasksMax",                 p_tasks_max,   0, 0 },
        { "Exec", "Delegate",                 p_delegate,    0, 0 },
        { "Exec", "CPUAccounting",            p_bool,        0, G(cpu_accounting) },
        { "Exec", "MemoryAccounting",         p_bool,        0, G(memory_accounting) },
        { "Exec", "TasksAccounting",          p_bool,        0, G(tasks_accounting) },
        { "Exec", "IOAccounting",             p_bool,        0, G(io_accounting) },
        { "Exec", "Slice",                    p_slice,       0, 0 },

        { "Install", "WantedBy",              p_install_names, 0, I(wanted_by) },
        { "Install", "RequiredBy",            p_install_names, 0, I(required_by) },
        { "Install", "UpheldBy",              p_install_names, 0, I(upheld_by) },
        { "Install", "Also",                  p_install_names, 0, I(also) },
        { "Install", "Alias",                 p_install_names, 0, I(alias) },
        { "Install", "DefaultInstance",       p_default_instance, 0, 0 },
};

static const char *type_section(UnitType t) {
        switch (t) {
        case UNIT_SERVICE:   return "Service";
        case UNIT_SOCKET:    return "Socket";
        case UNIT_TIMER:     return "Timer";
        case UNIT_SLICE:     return "Slice";
        case UNIT_MOUNT:     return "Mount";
        case UNIT_AUTOMOUNT: return "Automount";
        case UNIT_SWAP:      return "Swap";
        case UNIT_PATH:      return "Path";
        case UNIT_SCOPE:     return "Scope";
        case UNIT_TARGET:
        case UNIT_DEVICE:
        default:             return NULL;
        }
}

static int on_section(const char *file, unsigned line, const char *section, void *userdata) {
        LoadCtx *c = userdata;
        const char *ts = type_section(c->d->type);

        if (streq(section, "Unit") || streq(section, "Install") || startswith(section, "X-") ||
            (ts && streq(section, ts)))
                return 1;
        log_warning("%s:%u: Unknown section '%s'. Ignoring.", file, line, section);
        return 0;
}

static int on_assignment(const char *file, unsigned line, const char *section, const char *key,
                         const char *value, void *userdata) {
        LoadCtx *c = userdata;
        bool service = streq(section, "Service") && c->d->type == UNIT_SERVICE;

        if (startswith(section, "X-") || startswith(key, "X-"))
                return add_raw(c, line, section, key, value);
        if (service && streq(key, "OOMPolicy"))
                c->d->service.oom_policy_set = !isempty(value);

        if (streq(section, "Install"))
                c->d->has_install_section = true;

        if (streq(section, "Unit") && (startswith(key, "Condition") || startswith(key, "Assert")) &&
            known_key("Unit", key))
                return p_condition(c, line, key, value, startswith(key, "Assert") ? 1 : 0, NULL);

        for (size_t i = 0; i < ELEMENTSOF(key_table); i++) {
                const KeyEntry *e = &key_table[i];

                if (!streq(e->key, key))
                        continue;
                if (streq(e->section, section) || (service && streq(e->section, "Exec")))
                        return e->parse(c, line, key, value, e->ltype, (uint8_t *) c->d + e->offset);
        }

        if (service && startswith(key, "Limit") && known_key("Service", key))
                return p_rlimit(c, line, key, value, 0, NULL);

        if (known_key(section, key))
                return add_raw(c, line, section, key, value);

        log_warning("%s:%u: Unknown key name '%s' in section '%s', ignoring.", file, line, key, section);
        return 0;
}

int load_fragment_apply(UnitDef *d, const LookupPaths *lp, const char *path, const char *text, size_t size) {
        LoadCtx c = { .d = d, .lp = lp, .file = path ?: "(string)" };

        assert(d);
        return conf_parse_text(c.file, text, size, on_section, on_assignment, &c);
}

int load_fragment_verify(UnitDef *d) {
        ServiceSection *s = &d->service;
        const char *f = isempty(d->fragment_path) ? d->id : d->fragment_path;

        assert(d);

        if (d->type != UNIT_SERVICE)
                return 0;

        /* systemd.exec(5): StandardInputText=/StandardInputData= imply StandardInput=data, and
         * data without any is refused */
        if (d->exec.std_input == EXEC_INPUT_NULL && d->exec.standard_input_data_size > 0)
                d->exec.std_input = EXEC_INPUT_DATA;
        if (d->exec.std_input == EXEC_INPUT_DATA && d->exec.standard_input_data_size == 0) {
                log_error("%s: StandardInput=data set but no data specified. Refusing.", f);
                return -ENOEXEC;
        }

        /* systemd.service(5) OOMPolicy=: "continue" where Delegate= is on, unless set */
        if (!s->oom_policy_set && d->cgroup.delegate)
                s->oom_policy = OOM_CONTINUE;

        /* systemd.service(5) Type=: simple with ExecStart=, dbus with BusName=, else oneshot */
        if (!s->type_set) {
                if (s->exec[SERVICE_EXEC_START].n == 0 && !d->exec_start_set)
                        s->type = SERVICE_ONESHOT;
                else if (s->bus_name)
                        s->type = SERVICE_DBUS;
        }
        /* Type=oneshot waits for ever unless TimeoutStartSec= says otherwise */
        if (s->type == SERVICE_ONESHOT && !d->timeout_start_set)
                s->timeout_start_usec = USEC_INFINITY;

        /* systemd.service(5): checks done by service_verify() */
        if (s->exec[SERVICE_EXEC_START].n == 0 && s->exec[SERVICE_EXEC_STOP].n == 0 &&
            d->unit.success_action == EMERGENCY_ACTION_NONE) {
                log_warning("%s: Service has no ExecStart=, ExecStop=, or SuccessAction=. Refusing.", f);
                return -ENOEXEC;
        }
        if (s->type != SERVICE_ONESHOT && s->exec[SERVICE_EXEC_START].n == 0 && s->exec[SERVICE_EXEC_STOP].n > 0) {
                log_warning("%s: Service has no ExecStart= setting, which is only allowed for Type=oneshot services. Refusing.", f);
                return -ENOEXEC;
        }
        if (!s->remain_after_exit && s->exec[SERVICE_EXEC_START].n == 0 &&
            d->unit.success_action == EMERGENCY_ACTION_NONE) {
                log_warning("%s: Service has no ExecStart= and no SuccessAction= settings and does not have RemainAfterExit=yes set. Refusing.", f);
                return -ENOEXEC;
        }
        if (s->type != SERVICE_ONESHOT && s->exec[SERVICE_EXEC_START].n > 1) {
                log_warning("%s: Service has more than one ExecStart= setting, which is only allowed for Type=oneshot services. Refusing.", f);
                return -ENOEXEC;
        }
        if (s->type == SERVICE_ONESHOT && (s->restart == SERVICE_RESTART_ALWAYS || s->restart == SERVICE_RESTART_ON_SUCCESS)) {
                log_warning("%s: Service has Restart= set to either always or on-success, which isn't allowed for Type=oneshot services. Refusing.", f);
                return -ENOEXEC;
        }
        if (s->type == SERVICE_DBUS && !s->bus_name) {
                log_warning("%s: Service is of type D-Bus but no D-Bus service name has been specified. Refusing.", f);
                return -ENOEXEC;
        }

        if (!s->notify_access_set && (s->type == SERVICE_NOTIFY || s->watchdog_usec > 0))
                s->notify_access = NOTIFY_MAIN;
        if (!s->timeout_abort_set)
                s->timeout_abort_usec = s->timeout_stop_usec;
        /* Type=oneshot without TimeoutStartSec= waits forever, systemd.service(5) */
        return 0;
}
