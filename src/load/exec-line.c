/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* exec-line.c: ExecStart=-style command lines, systemd.service(5) "COMMAND LINES". It parses
 * and validates; expanding $VAR is left to the spawner (it needs the final environment), and
 * specifiers to the caller (they need the unit). */

#include "exec-line.h"
#include "load-util.h"
#include "strv.h"

static bool path_is_normalized_abs(const char *p) {
        /* no "//", "/./", "/../", trailing "/." or "/.." */
        for (const char *s = p; *s; s++) {
                if (s[0] == '/' && s[1] == '/')
                        return false;
                if (s[0] == '/' && s[1] == '.' && (s[2] == '/' || s[2] == 0))
                        return false;
                if (s[0] == '/' && s[1] == '.' && s[2] == '.' && (s[3] == '/' || s[3] == 0))
                        return false;
        }
        return true;
}

static int parse_one(const char **p, ExecCommand *ret, bool *ret_more, const char **ret_reason, bool *ret_ignore) {
        _cleanup_strv_free_ char **argv = NULL;
        _cleanup_free_ char *first = NULL, *path = NULL;
        ExecCommandFlags flags = 0;
        bool separate_argv0 = false, sep = false;
        const char *f;
        int r;

        *ret_more = false;

        r = load_next_word(p, LOAD_WORD_CUNESCAPE_RELAX, &first, &sep);
        if (r < 0) {
                *ret_reason = "Invalid escape sequences or quoting in command line";
                return -EINVAL;
        }
        if (r == 0 || sep) {
                *ret_reason = "Empty executable name or zeroeth argument";
                return -EINVAL;
        }

        /* prefixes, each at most once; "+" excludes "!" and "!!", as systemd does */
        for (f = first;; f++) {
                if (*f == '-' && !(flags & EXEC_COMMAND_IGNORE_FAILURE))
                        flags |= EXEC_COMMAND_IGNORE_FAILURE;
                else if (*f == '@' && !separate_argv0)
                        separate_argv0 = true;
                else if (*f == ':' && !(flags & EXEC_COMMAND_NO_ENV_EXPAND))
                        flags |= EXEC_COMMAND_NO_ENV_EXPAND;
                else if (*f == '+' && !(flags & (EXEC_COMMAND_FULLY_PRIVILEGED | EXEC_COMMAND_NO_SETUID |
                                                 EXEC_COMMAND_AMBIENT_MAGIC)))
                        flags |= EXEC_COMMAND_FULLY_PRIVILEGED;
                else if (*f == '!' && f[1] == '!' &&
                         !(flags & (EXEC_COMMAND_FULLY_PRIVILEGED | EXEC_COMMAND_NO_SETUID |
                                    EXEC_COMMAND_AMBIENT_MAGIC))) {
                        flags |= EXEC_COMMAND_AMBIENT_MAGIC;
                        f++;
                } else if (*f == '!' && !(flags & (EXEC_COMMAND_FULLY_PRIVILEGED | EXEC_COMMAND_NO_SETUID |
                                                   EXEC_COMMAND_AMBIENT_MAGIC)))
                        flags |= EXEC_COMMAND_NO_SETUID;
                else
                        break;
        }

        *ret_ignore = flags & EXEC_COMMAND_IGNORE_FAILURE;
        if (*f == 0) {
                *ret_reason = "Empty path in command line";
                return -EINVAL;
        }
        path = strdup(f);
        if (!path)
                return -ENOMEM;

        if (!path_is_absolute(path) && !load_filename_is_valid(path)) {
                *ret_reason = "Neither a valid executable name nor an absolute path";
                return -ENOEXEC;
        }
        if (path_is_absolute(path) && !path_is_normalized_abs(path)) {
                *ret_reason = "Executable path is not normalized";
                return -ENOEXEC;
        }
        if (path_is_absolute(path) && endswith(path, "/")) {
                *ret_reason = "Executable path specifies a directory";
                return -ENOEXEC;
        }

        if (!separate_argv0) {
                r = strv_extend(&argv, path);
                if (r < 0)
                        return r;
        }

        for (;;) {
                char *w = NULL;

                r = load_next_word(p, LOAD_WORD_CUNESCAPE_RELAX, &w, &sep);
                if (r < 0) {
                        *ret_reason = "Invalid escape sequences or quoting in command line";
                        return -EINVAL;
                }
                if (r == 0)
                        break;
                if (sep) {
                        free(w);
                        *ret_more = true;
                        break;
                }
                /* a word that is just \; is a literal ";", systemd.service(5) */
                if (streq(w, "\\;"))
                        w[0] = ';', w[1] = 0;
                r = strv_push(&argv, w);
                if (r < 0)
                        return r;
        }

        if (strv_length(argv) == 0) {
                *ret_reason = "Empty executable name or zeroeth argument";
                return -EINVAL;
        }

        ret->path = TAKE_PTR(path);
        ret->argv = TAKE_PTR(argv);
        ret->flags = flags;
        return 0;
}

int exec_line_parse(const char *value, ExecCommandList *list, const char **ret_reason) {
        ExecCommand *parsed = NULL;
        size_t n = 0;
        const char *p = value;
        const char *reason = NULL;
        bool ignore = false;
        int r;

        assert(value);
        assert(list);

        for (;;) {
                ExecCommand c = {};
                ExecCommand *a;
                bool more;

                r = parse_one(&p, &c, &more, &reason, &ignore);
                if (r < 0) {
                        /* systemd 252: fatal for the unit unless the "-" prefix was given */
                        if (r != -ENOMEM)
                                r = ignore ? -EINVAL : -ENOEXEC;
                        goto fail;
                }
                a = realloc(parsed, sizeof(ExecCommand) * (n + 1));
                if (!a) {
                        exec_command_done(&c);
                        r = -ENOMEM;
                        goto fail;
                }
                parsed = a;
                parsed[n++] = c;
                if (!more)
                        break;
                /* "a ; " with nothing after the separator ends the list */
                p += strspn(p, " \t\n\r");
                if (!*p)
                        break;
        }

        {
                ExecCommand *a = realloc(list->commands, sizeof(ExecCommand) * (list->n + n));
                if (!a) {
                        r = -ENOMEM;
                        goto fail;
                }
                list->commands = a;
                memcpy(list->commands + list->n, parsed, sizeof(ExecCommand) * n);
                list->n += n;
                free(parsed);
        }
        return (int) n;

fail:
        for (size_t i = 0; i < n; i++)
                exec_command_done(&parsed[i]);
        free(parsed);
        if (ret_reason)
                *ret_reason = reason ?: "Out of memory";
        return r;
}

char *exec_command_flags_to_string(ExecCommandFlags f) {
        static const struct {
                ExecCommandFlags flag;
                const char *name;
        } table[] = {
                { EXEC_COMMAND_IGNORE_FAILURE,   "ignore-failure" },
                { EXEC_COMMAND_FULLY_PRIVILEGED, "privileged"     },
                { EXEC_COMMAND_NO_SETUID,        "no-setuid"      },
                { EXEC_COMMAND_AMBIENT_MAGIC,    "ambient"        },
                { EXEC_COMMAND_NO_ENV_EXPAND,    "no-env-expand"  },
        };
        char *s = strdup(""), *t;

        if (!s)
                return NULL;
        for (size_t i = 0; i < ELEMENTSOF(table); i++) {
                if (!(f & table[i].flag))
                        continue;
                if (asprintf(&t, "%s%s%s", s, *s ? " " : "", table[i].name) < 0) {
                        free(s);
                        return NULL;
                }
                free(s);
                s = t;
        }
        return s;
}
