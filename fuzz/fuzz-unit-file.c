/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz-unit-file.c: unit_def_load_from_string() on arbitrary bytes. The first byte picks the
 * mode: even → a whole unit file (as a service, or with bit 1 set as a socket/target), odd →
 * the rest is one ExecStart= value given straight to exec_line_parse(). */

#include "exec-line.h"
#include "load.h"
#include "log.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        static const char *const names[] = { "fuzz.service", "fuzz@inst-a.service", "fuzz.socket", "fuzz.target",
                                             "fuzz.timer", "fuzz-a.slice", "fuzz.mount", "fuzz.path" };
        UnitDef *d = NULL;
        uint8_t mode;

        if (size < 1)
                return 0;
        log_set_max_level(LOG_CRIT);    /* warnings are expected; keep the fuzzer fast */
        mode = data[0];
        data++;
        size--;

        if (mode & 1) {
                ExecCommandList l = {};
                const char *reason = NULL;
                char *s = strndup((const char *) data, size);

                if (!s)
                        return 0;
                (void) exec_line_parse(s, &l, &reason);
                for (size_t i = 0; i < l.n; i++) {
                        char *f = exec_command_flags_to_string(l.commands[i].flags);
                        free(f);
                }
                exec_command_list_done(&l);
                free(s);
                return 0;
        }

        if (unit_def_load_from_string(NULL, names[(mode >> 1) % 8], "/fuzz/unit", (const char *) data, size, &d) >= 0)
                unit_def_free(d);
        return 0;
}
