/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz-env-file.c: parse_env_file_data() over arbitrary bytes; every assignment it returns
 * must be valid. Then the assignments serve as the environment for replace_env() and
 * replace_env_argv() on the input's lines. */

#include "env-util.h"
#include "strv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        _cleanup_strv_free_ char **env = NULL, **lines = NULL, **argv = NULL;
        _cleanup_(freep) char *s = NULL;

        if (size > 65536)
                return 0;

        if (parse_env_file_data((const char *) data, size, &env) >= 0) {
                STRV_FOREACH(e, env)
                        if (!env_assignment_is_valid(*e))
                                abort();
        }

        s = strndup((const char *) data, size);
        if (!s)
                return 0;
        lines = strv_split(s, "\n");
        if (!lines)
                return 0;

        STRV_FOREACH(l, lines)
                free(replace_env(*l, env));
        argv = replace_env_argv(lines, env);

        /* and the block helpers on the same data */
        STRV_FOREACH(e, env) {
                _cleanup_(freep) char *name = strndup(*e, strcspn(*e, "="));

                if (!name || !strv_env_get(env, name))
                        abort();
        }
        return 0;
}
