/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz-unit-name.c: every unit-name function on arbitrary text; results that are claimed
 * valid must be valid, and escaping must round-trip. */

#include "unit-name.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        _cleanup_(freep) char *s = NULL, *prefix = NULL, *instance = NULL, *templ = NULL,
                *replaced = NULL, *built = NULL, *changed = NULL, *esc = NULL, *unesc = NULL,
                *pesc = NULL, *punesc = NULL, *dbus = NULL;
        UnitType t;

        if (size > 1024)
                return 0;
        s = strndup((const char *) data, size);
        if (!s)
                return 0;

        t = unit_name_to_type(s);
        (void) unit_type_to_string(t);
        (void) unit_type_from_string(s);
        (void) unit_prefix_is_valid(s);
        (void) unit_instance_is_valid(s);
        (void) unit_suffix_is_valid(s);

        if (unit_name_is_valid(s, UNIT_NAME_ANY)) {
                if (t < 0)
                        abort();
                if (unit_name_to_prefix(s, &prefix) < 0 || !unit_prefix_is_valid(prefix))
                        abort();
                if (unit_name_to_instance(s, &instance) < 0)
                        abort();
                if (unit_name_change_suffix(s, ".socket", &changed) == 0 &&
                    !unit_name_is_valid(changed, UNIT_NAME_ANY))
                        abort();
                dbus = unit_dbus_path_from_name(s);
                if (!dbus)
                        abort();
        }
        if (unit_name_template(s, &templ) == 0 && !unit_name_is_valid(templ, UNIT_NAME_TEMPLATE))
                abort();
        if (unit_name_replace_instance(s, "inst", &replaced) == 0 &&
            !unit_name_is_valid(replaced, UNIT_NAME_INSTANCE))
                abort();
        if (unit_name_build(s, NULL, ".service", &built) == 0 && !unit_name_is_valid(built, UNIT_NAME_PLAIN))
                abort();

        esc = unit_name_escape(s);
        if (esc && !strchr(s, '-')) {
                if (unit_name_unescape(esc, &unesc) < 0 || !streq(unesc, s))
                        abort();
        }
        if (unit_name_path_escape(s, &pesc) == 0) {
                if (unit_name_path_unescape(pesc, &punesc) < 0)
                        abort();
        }
        return 0;
}
