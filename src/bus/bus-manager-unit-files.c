/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* bus-manager-unit-files.c: the unit-file verbs of org.freedesktop.systemd1.Manager (enable,
 * disable, reenable, preset, mask, unmask, link, revert, add-wants, set-default/get-default,
 * is-enabled, list-unit-files). systemctl only calls these when /run/systemd/system exists
 * ("online"); offline it edits the files itself with systemd's own code, so every answer here
 * comes from src/load/install.c, which follows those rules, on the manager's lookup paths.
 * Nothing here reloads: the client calls Reload() after a change, and the manager learns of
 * new links only then. A change of files is announced with UnitFilesChanged(). */

#include "bus-internal.h"
#include "install.h"
#include "path-util.h"
#include "strv.h"
#include "unit-name.h"

static int read_names(sd_bus_message *message, char ***ret, sd_bus_error *error) {
        _cleanup_strv_free_ char **l = NULL;
        int r;

        r = sd_bus_message_read_strv(message, &l);
        if (r < 0)
                return r;
        if (strv_length(l) > BUS_LIST_ARG_MAX)
                return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS, "Too many list entries.");
        STRV_FOREACH(n, l)
                if (strlen(*n) > BUS_NAME_ARG_MAX)
                        return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS, "Name too long.");
        *ret = TAKE_PTR(l);
        return 0;
}

static UnitFileFlags flags_from(int runtime, int force) {
        return (runtime ? UNIT_FILE_RUNTIME : 0) | (force ? UNIT_FILE_FORCE : 0);
}

/* The first failed change as systemd's install_error() words it; plain errno otherwise. */
static int reply_install_error(sd_bus_error *error, int r, const InstallChanges *c) {
        if (r == -ENOMEM)
                return r;
        if (c->error_name && c->error_message)
                return sd_bus_error_set(error, c->error_name, c->error_message);
        if (c->error_message)
                return sd_bus_error_set_errnof(error, r, "%s", c->error_message);
        return sd_bus_error_set_errno(error, r);
}

/* Answers [b] a(sss); carries < 0 leaves the b out. UnitFilesChanged goes out first when a
 * file changed, so a client that reloads on the reply has seen it. */
static int reply_install_changes(Manager *m, sd_bus_message *message, int carries, const InstallChanges *c) {
        _cleanup_(sd_bus_message_unrefp) sd_bus_message *reply = NULL;
        bool modified = false;
        int r;

        for (size_t i = 0; i < c->n; i++)
                if (c->changes[i].type == INSTALL_CHANGE_SYMLINK || c->changes[i].type == INSTALL_CHANGE_UNLINK)
                        modified = true;
        if (modified)
                bus_manager_send_unit_files_changed(m);

        r = sd_bus_message_new_method_return(message, &reply);
        if (r < 0)
                return r;
        if (carries >= 0) {
                r = sd_bus_message_append(reply, "b", carries);
                if (r < 0)
                        return r;
        }
        r = sd_bus_message_open_container(reply, 'a', "(sss)");
        if (r < 0)
                return r;
        for (size_t i = 0; i < c->n; i++) {
                r = sd_bus_message_append(reply, "(sss)", install_change_type_to_string(c->changes[i].type),
                                          c->changes[i].path, c->changes[i].source);
                if (r < 0)
                        return r;
        }
        r = sd_bus_message_close_container(reply);
        if (r < 0)
                return r;
        return sd_bus_send(NULL, reply, NULL);
}

static int finish(Manager *m, sd_bus_message *message, sd_bus_error *error, int r, int carries,
                  InstallChanges *c) {
        if (r < 0)
                r = reply_install_error(error, r, c);
        else
                r = reply_install_changes(m, message, carries, c);
        install_changes_done(c);
        return r;
}

static int method_get_unit_file_state(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        Manager *m = userdata;
        UnitFileState state;
        const char *name;
        int r;

        r = sd_bus_message_read(message, "s", &name);
        if (r < 0)
                return r;
        if (strlen(name) > BUS_NAME_ARG_MAX)
                return sd_bus_error_set_errno(error, -EINVAL);
        r = unit_file_get_state(&m->lookup, name, &state);
        if (r < 0)
                return sd_bus_error_set_errno(error, r);     /* -ENOENT: FileNotFound "No such file or directory" */
        return sd_bus_reply_method_return(message, "s", unit_file_state_to_string(state));
}

static int list_unit_files(sd_bus_message *message, Manager *m, char **states, char **patterns,
                           sd_bus_error *error) {
        _cleanup_(sd_bus_message_unrefp) sd_bus_message *reply = NULL;
        UnitFileListEntry *l = NULL;
        size_t n = 0;
        int r;

        r = unit_file_list(&m->lookup, patterns, &l, &n);
        if (r < 0)
                return sd_bus_error_set_errno(error, r);
        r = sd_bus_message_new_method_return(message, &reply);
        if (r >= 0)
                r = sd_bus_message_open_container(reply, 'a', "(ss)");
        for (size_t i = 0; r >= 0 && i < n; i++) {
                const char *s = unit_file_state_to_string(l[i].state);

                if (states && *states && !strv_contains(states, s))
                        continue;
                r = sd_bus_message_append(reply, "(ss)", l[i].path, s);
        }
        unit_file_list_free(l, n);
        if (r >= 0)
                r = sd_bus_message_close_container(reply);
        if (r < 0)
                return r;
        return sd_bus_send(NULL, reply, NULL);
}

static int method_list_unit_files(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return list_unit_files(message, userdata, NULL, NULL, error);
}

static int method_list_unit_files_by_patterns(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        _cleanup_strv_free_ char **states = NULL, **patterns = NULL;
        int r;

        r = read_names(message, &states, error);
        if (r < 0)
                return r;
        r = read_names(message, &patterns, error);
        if (r < 0)
                return r;
        return list_unit_files(message, userdata, states, patterns, error);
}

typedef int (*InstallCall)(const LookupPaths *lp, UnitFileFlags flags, char **names, InstallChanges *c);

/* (asbb) → (ba(sss)): enable, reenable */
static int method_install_generic(sd_bus_message *message, Manager *m, InstallCall call, bool with_carries,
                                  sd_bus_error *error) {
        _cleanup_strv_free_ char **names = NULL;
        InstallChanges c = {};
        int runtime, force, r;

        r = read_names(message, &names, error);
        if (r < 0)
                return r;
        r = sd_bus_message_read(message, "bb", &runtime, &force);
        if (r < 0)
                return r;
        r = call(&m->lookup, flags_from(runtime, force), names, &c);
        return finish(m, message, error, r, with_carries ? c.carries_install_info : -1, &c);
}

static int method_enable_unit_files(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return method_install_generic(message, userdata, unit_file_enable, true, error);
}

static int method_reenable_unit_files(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return method_install_generic(message, userdata, unit_file_reenable, true, error);
}

static int method_link_unit_files(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return method_install_generic(message, userdata, unit_file_link, false, error);
}

static int method_mask_unit_files(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return method_install_generic(message, userdata, unit_file_mask, false, error);
}

/* (asb) → a(sss): disable, unmask */
static int method_uninstall_generic(sd_bus_message *message, Manager *m, InstallCall call, sd_bus_error *error) {
        _cleanup_strv_free_ char **names = NULL;
        InstallChanges c = {};
        int runtime, r;

        r = read_names(message, &names, error);
        if (r < 0)
                return r;
        r = sd_bus_message_read(message, "b", &runtime);
        if (r < 0)
                return r;
        r = call(&m->lookup, flags_from(runtime, false), names, &c);
        return finish(m, message, error, r, -1, &c);
}

static int method_disable_unit_files(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return method_uninstall_generic(message, userdata, unit_file_disable, error);
}

static int method_unmask_unit_files(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return method_uninstall_generic(message, userdata, unit_file_unmask, error);
}

/* The ...WithFlags variants: flags bit 0 runtime, bit 1 force (UNIT_FILE_* of systemd) */
static int method_enable_unit_files_with_flags(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        _cleanup_strv_free_ char **names = NULL;
        Manager *m = userdata;
        InstallChanges c = {};
        uint64_t flags;
        int r;

        r = read_names(message, &names, error);
        if (r < 0)
                return r;
        r = sd_bus_message_read(message, "t", &flags);
        if (r < 0)
                return r;
        if (flags & ~UINT64_C(3))
                return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS, "Invalid 'flags' parameter");
        r = unit_file_enable(&m->lookup, flags_from(flags & 1, flags & 2), names, &c);
        return finish(m, message, error, r, c.carries_install_info, &c);
}

static int method_disable_unit_files_with_flags(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        _cleanup_strv_free_ char **names = NULL;
        Manager *m = userdata;
        InstallChanges c = {};
        uint64_t flags;
        int r;

        r = read_names(message, &names, error);
        if (r < 0)
                return r;
        r = sd_bus_message_read(message, "t", &flags);
        if (r < 0)
                return r;
        if (flags & ~UINT64_C(3))
                return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS, "Invalid 'flags' parameter");
        r = unit_file_disable(&m->lookup, flags_from(flags & 1, false), names, &c);
        return finish(m, message, error, r, -1, &c);
}

static int preset_mode(const char *s, UnitFilePresetMode *ret, sd_bus_error *error) {
        UnitFilePresetMode mode = unit_file_preset_mode_from_string(s);

        if (mode < 0)
                return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Unknown preset mode: %s", s);
        *ret = mode;
        return 0;
}

static int preset_generic(sd_bus_message *message, Manager *m, const char *mode_string, sd_bus_error *error) {
        _cleanup_strv_free_ char **names = NULL;
        UnitFilePresetMode mode = UNIT_FILE_PRESET_FULL;
        InstallChanges c = {};
        int runtime, force, r;

        r = read_names(message, &names, error);
        if (r < 0)
                return r;
        if (!mode_string) {
                r = sd_bus_message_read(message, "s", &mode_string);
                if (r < 0)
                        return r;
        }
        r = sd_bus_message_read(message, "bb", &runtime, &force);
        if (r < 0)
                return r;
        r = preset_mode(mode_string, &mode, error);
        if (r < 0)
                return r;
        r = unit_file_preset(&m->lookup, flags_from(runtime, force), names, mode, &c);
        return finish(m, message, error, r, c.carries_install_info, &c);
}

static int method_preset_unit_files(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return preset_generic(message, userdata, "full", error);
}

static int method_preset_unit_files_with_mode(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return preset_generic(message, userdata, NULL, error);
}

static int method_preset_all_unit_files(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        Manager *m = userdata;
        UnitFilePresetMode mode = UNIT_FILE_PRESET_FULL;
        InstallChanges c = {};
        const char *s;
        int runtime, force, r;

        r = sd_bus_message_read(message, "sbb", &s, &runtime, &force);
        if (r < 0)
                return r;
        r = preset_mode(s, &mode, error);
        if (r < 0)
                return r;
        r = unit_file_preset_all(&m->lookup, flags_from(runtime, force), mode, &c);
        return finish(m, message, error, r, -1, &c);
}

static int method_revert_unit_files(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        _cleanup_strv_free_ char **names = NULL;
        Manager *m = userdata;
        InstallChanges c = {};
        int r;

        r = read_names(message, &names, error);
        if (r < 0)
                return r;
        r = unit_file_revert(&m->lookup, names, &c);
        return finish(m, message, error, r, -1, &c);
}

static int method_add_dependency_unit_files(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        _cleanup_strv_free_ char **names = NULL;
        Manager *m = userdata;
        InstallChanges c = {};
        const char *target, *type;
        int runtime, force, r;

        r = read_names(message, &names, error);
        if (r < 0)
                return r;
        r = sd_bus_message_read(message, "ssbb", &target, &type, &runtime, &force);
        if (r < 0)
                return r;
        if (strlen(target) > BUS_NAME_ARG_MAX)
                return sd_bus_error_set_errno(error, -EINVAL);
        r = unit_file_add_dependency(&m->lookup, flags_from(runtime, force), names, target, type, &c);
        return finish(m, message, error, r, -1, &c);
}

static int method_set_default_target(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        Manager *m = userdata;
        InstallChanges c = {};
        const char *name;
        int force, r;

        r = sd_bus_message_read(message, "sb", &name, &force);
        if (r < 0)
                return r;
        if (strlen(name) > BUS_NAME_ARG_MAX)
                return sd_bus_error_set_errno(error, -EINVAL);
        r = unit_file_set_default(&m->lookup, flags_from(false, force), name, &c);
        return finish(m, message, error, r, -1, &c);
}

static int method_get_default_target(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        _cleanup_free_ char *name = NULL;
        Manager *m = userdata;
        int r;

        r = unit_file_get_default(&m->lookup, &name);
        if (r < 0)
                return sd_bus_error_set_errno(error, r);
        return sd_bus_reply_method_return(message, "s", name);
}

/* The links disable would remove (systemd answers with a dry run of disable). */
static int method_get_unit_file_links(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        _cleanup_(sd_bus_message_unrefp) sd_bus_message *reply = NULL;
        Manager *m = userdata;
        InstallChanges c = {};
        const char *name;
        int runtime, r;

        r = sd_bus_message_read(message, "sb", &name, &runtime);
        if (r < 0)
                return r;
        if (strlen(name) > BUS_NAME_ARG_MAX)
                return sd_bus_error_set_errno(error, -EINVAL);
        r = unit_file_disable(&m->lookup, UNIT_FILE_DRY_RUN | flags_from(runtime, false), STRV_MAKE(name), &c);
        if (r < 0) {
                r = reply_install_error(error, r, &c);
                install_changes_done(&c);
                return r;
        }
        r = sd_bus_message_new_method_return(message, &reply);
        if (r >= 0)
                r = sd_bus_message_open_container(reply, 'a', "s");
        for (size_t i = 0; r >= 0 && i < c.n; i++)
                if (c.changes[i].type == INSTALL_CHANGE_UNLINK)
                        r = sd_bus_message_append(reply, "s", c.changes[i].path);
        install_changes_done(&c);
        if (r >= 0)
                r = sd_bus_message_close_container(reply);
        if (r < 0)
                return r;
        return sd_bus_send(NULL, reply, NULL);
}

#define CHANGES SD_BUS_RESULT("a(sss)", changes)
#define INSTALL_CHANGES SD_BUS_RESULT("b", carries_install_info, "a(sss)", changes)

const sd_bus_vtable bus_manager_unit_files_vtable[] = {
        SD_BUS_VTABLE_START(0),
        SD_BUS_METHOD_WITH_ARGS("ListUnitFiles", SD_BUS_NO_ARGS, SD_BUS_RESULT("a(ss)", unit_files), method_list_unit_files, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("ListUnitFilesByPatterns", SD_BUS_ARGS("as", states, "as", patterns), SD_BUS_RESULT("a(ss)", unit_files), method_list_unit_files_by_patterns, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("GetUnitFileState", SD_BUS_ARGS("s", file), SD_BUS_RESULT("s", state), method_get_unit_file_state, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("EnableUnitFiles", SD_BUS_ARGS("as", files, "b", runtime, "b", force), INSTALL_CHANGES, method_enable_unit_files, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("DisableUnitFiles", SD_BUS_ARGS("as", files, "b", runtime), CHANGES, method_disable_unit_files, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("EnableUnitFilesWithFlags", SD_BUS_ARGS("as", files, "t", flags), INSTALL_CHANGES, method_enable_unit_files_with_flags, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("DisableUnitFilesWithFlags", SD_BUS_ARGS("as", files, "t", flags), CHANGES, method_disable_unit_files_with_flags, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("ReenableUnitFiles", SD_BUS_ARGS("as", files, "b", runtime, "b", force), INSTALL_CHANGES, method_reenable_unit_files, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("LinkUnitFiles", SD_BUS_ARGS("as", files, "b", runtime, "b", force), CHANGES, method_link_unit_files, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("PresetUnitFiles", SD_BUS_ARGS("as", files, "b", runtime, "b", force), INSTALL_CHANGES, method_preset_unit_files, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("PresetUnitFilesWithMode", SD_BUS_ARGS("as", files, "s", mode, "b", runtime, "b", force), INSTALL_CHANGES, method_preset_unit_files_with_mode, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("MaskUnitFiles", SD_BUS_ARGS("as", files, "b", runtime, "b", force), CHANGES, method_mask_unit_files, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("UnmaskUnitFiles", SD_BUS_ARGS("as", files, "b", runtime), CHANGES, method_unmask_unit_files, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("RevertUnitFiles", SD_BUS_ARGS("as", files), CHANGES, method_revert_unit_files, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("SetDefaultTarget", SD_BUS_ARGS("s", name, "b", force), CHANGES, method_set_default_target, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("GetDefaultTarget", SD_BUS_NO_ARGS, SD_BUS_RESULT("s", name), method_get_default_target, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("PresetAllUnitFiles", SD_BUS_ARGS("s", mode, "b", runtime, "b", force), CHANGES, method_preset_all_unit_files, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("AddDependencyUnitFiles", SD_BUS_ARGS("as", files, "s", target, "s", type, "b", runtime, "b", force), CHANGES, method_add_dependency_unit_files, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_METHOD_WITH_ARGS("GetUnitFileLinks", SD_BUS_ARGS("s", name, "b", runtime), SD_BUS_RESULT("as", links), method_get_unit_file_links, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_VTABLE_END
};
