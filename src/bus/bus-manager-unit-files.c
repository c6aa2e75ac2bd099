/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* bus-manager-unit-files.c: the unit-file verbs of org.freedesktop.systemd1.Manager
 * (enable, disable, mask, is-enabled, list-unit-files …). Reading verbs are answered from the
 * loader's view; the verbs that change files wait for the installer (src/load/install.h) and
 * answer NotSupported until then. systemctl only calls these when /run/systemd/system exists
 * ("online"); offline it edits the files itself. */

#include "bus-internal.h"
#include "path-util.h"
#include "strv.h"
#include "unit-name.h"

static int method_get_unit_file_state(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        Manager *m = userdata;
        const char *name;
        UnitDef *d = NULL;
        int r;

        r = sd_bus_message_read(message, "s", &name);
        if (r < 0)
                return r;
        if (strlen(name) >= UNIT_NAME_MAX || !unit_name_is_valid(name, UNIT_NAME_ANY))
                return sd_bus_error_set_errno(error, -EINVAL);

        r = unit_def_load(&m->lookup, name, &d);
        if (r < 0)
                return sd_bus_error_set_errno(error, r);
        if (d->load_state == UNIT_NOT_FOUND) {
                unit_def_free(d);
                return sd_bus_error_set(error, SD_BUS_ERROR_FILE_NOT_FOUND, "No such file or directory");
        }
        r = sd_bus_reply_method_return(message, "s",
                                       d->load_state == UNIT_MASKED ? "masked" :
                                       d->transient ? "transient" :
                                       !d->has_install_section ? "static" : "disabled");
        unit_def_free(d);
        return r;
}

static int method_get_default_target(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        Manager *m = userdata;

        return sd_bus_reply_method_return(message, "s", m->default_target ?: "default.target");
}

/* Until the installer lands: systemd's signatures, and a clear refusal. */
static int method_not_yet(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return sd_bus_error_setf(error, SD_BUS_ERROR_NOT_SUPPORTED,
                                 "%s is not supported by this manager yet.",
                                 strempty(sd_bus_message_get_member(message)));
}

#define CHANGES SD_BUS_RESULT("a(sss)", changes)
#define INSTALL_CHANGES SD_BUS_RESULT("b", carries_install_info, "a(sss)", changes)

const sd_bus_vtable bus_manager_unit_files_vtable[] = {
        SD_BUS_VTABLE_START(0),
        SD_BUS_METHOD_WITH_ARGS("ListUnitFiles", SD_BUS_NO_ARGS, SD_BUS_RESULT("a(ss)", unit_files), method_not_yet, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("ListUnitFilesByPatterns", SD_BUS_ARGS("as", states, "as", patterns), SD_BUS_RESULT("a(ss)", unit_files), method_not_yet, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("GetUnitFileState", SD_BUS_ARGS("s", file), SD_BUS_RESULT("s", state), method_get_unit_file_state, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("EnableUnitFiles", SD_BUS_ARGS("as", files, "b", runtime, "b", force), INSTALL_CHANGES, method_not_yet, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("DisableUnitFiles", SD_BUS_ARGS("as", files, "b", runtime), CHANGES, method_not_yet, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("EnableUnitFilesWithFlags", SD_BUS_ARGS("as", files, "t", flags), INSTALL_CHANGES, method_not_yet, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("DisableUnitFilesWithFlags", SD_BUS_ARGS("as", files, "t", flags), CHANGES, method_not_yet, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("ReenableUnitFiles", SD_BUS_ARGS("as", files, "b", runtime, "b", force), INSTALL_CHANGES, method_not_yet, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("LinkUnitFiles", SD_BUS_ARGS("as", files, "b", runtime, "b", force), CHANGES, method_not_yet, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("PresetUnitFiles", SD_BUS_ARGS("as", files, "b", runtime, "b", force), INSTALL_CHANGES, method_not_yet, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("PresetUnitFilesWithMode", SD_BUS_ARGS("as", files, "s", mode, "b", runtime, "b", force), INSTALL_CHANGES, method_not_yet, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("MaskUnitFiles", SD_BUS_ARGS("as", files, "b", runtime, "b", force), CHANGES, method_not_yet, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("UnmaskUnitFiles", SD_BUS_ARGS("as", files, "b", runtime), CHANGES, method_not_yet, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("RevertUnitFiles", SD_BUS_ARGS("as", files), CHANGES, method_not_yet, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("SetDefaultTarget", SD_BUS_ARGS("s", name, "b", force), CHANGES, method_not_yet, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("GetDefaultTarget", SD_BUS_NO_ARGS, SD_BUS_RESULT("s", name), method_get_default_target, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("PresetAllUnitFiles", SD_BUS_ARGS("s", mode, "b", runtime, "b", force), CHANGES, method_not_yet, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("AddDependencyUnitFiles", SD_BUS_ARGS("as", files, "s", target, "s", type, "b", runtime, "b", force), CHANGES, method_not_yet, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("GetUnitFileLinks", SD_BUS_ARGS("s", name, "b", runtime), SD_BUS_RESULT("as", links), method_not_yet, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_VTABLE_END
};
