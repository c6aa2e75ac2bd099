/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* install.h: [Install] semantics, what `systemctl enable/disable/reenable/preset/mask/unmask/
 * link` do to the configuration directories (systemd.unit(5) "[INSTALL] SECTION OPTIONS",
 * systemctl(1)), and is-enabled states. Changes are reported as systemd's D-Bus API reports
 * them: ("symlink"|"unlink", path, source). */

#include "load.h"

typedef enum InstallChangeType {
        INSTALL_CHANGE_SYMLINK,
        INSTALL_CHANGE_UNLINK,
        INSTALL_CHANGE_IS_MASKED,               /* disable/enable (Also=) met a masked unit */
        INSTALL_CHANGE_IS_DANGLING,             /* a name that leads to a dangling symlink */
        INSTALL_CHANGE_DESTINATION_NOT_PRESENT, /* WantedBy= a unit that does not exist */
        INSTALL_CHANGE_AUXILIARY_FAILED,        /* a unit of Also= could not be enabled */
        _INSTALL_CHANGE_TYPE_MAX,
        _INSTALL_CHANGE_TYPE_INVALID = -EINVAL,
} InstallChangeType;
/* "symlink", "unlink", "masked", "dangling", "destination not present", "auxiliary unit failed"
 * (the strings systemctl parses from the a(sss) replies) */
const char *install_change_type_to_string(InstallChangeType t);

typedef struct InstallChange {
        InstallChangeType type;
        char *path;             /* the link made or removed */
        char *source;           /* what it points to ("" for unlink) */
} InstallChange;

typedef struct InstallChanges {
        InstallChange *changes;
        size_t n;
        bool carries_install_info;   /* EnableUnitFiles()'s first return value */
        char *error_name;            /* the first error: "org.freedesktop.systemd1.NoSuchUnit" …, */
        char *error_message;         /* set with a negative return; kept when later ones fail */
} InstallChanges;
void install_changes_done(InstallChanges *c);

typedef enum UnitFileFlags {
        UNIT_FILE_RUNTIME = 1 << 0,  /* /run (or $XDG_RUNTIME_DIR) instead of /etc (~/.config) */
        UNIT_FILE_FORCE = 1 << 1,    /* replace links that point elsewhere */
        UNIT_FILE_DRY_RUN = 1 << 2,  /* report the changes, make none (disable only) */
} UnitFileFlags;

typedef enum UnitFileState {
        UNIT_FILE_ENABLED,
        UNIT_FILE_ENABLED_RUNTIME,
        UNIT_FILE_LINKED,
        UNIT_FILE_LINKED_RUNTIME,
        UNIT_FILE_ALIAS,
        UNIT_FILE_MASKED,
        UNIT_FILE_MASKED_RUNTIME,
        UNIT_FILE_STATIC,
        UNIT_FILE_DISABLED,
        UNIT_FILE_INDIRECT,
        UNIT_FILE_GENERATED,
        UNIT_FILE_TRANSIENT,
        UNIT_FILE_BAD,
        _UNIT_FILE_STATE_MAX,
        _UNIT_FILE_STATE_INVALID = -EINVAL,
} UnitFileState;
const char *unit_file_state_to_string(UnitFileState s);
UnitFileState unit_file_state_from_string(const char *s);

typedef enum UnitFilePresetMode {
        UNIT_FILE_PRESET_FULL,
        UNIT_FILE_PRESET_ENABLE_ONLY,
        UNIT_FILE_PRESET_DISABLE_ONLY,
        _UNIT_FILE_PRESET_MODE_MAX,
        _UNIT_FILE_PRESET_MODE_INVALID = -EINVAL,
} UnitFilePresetMode;

/* Each returns 0 (or the number of changes), or negative errno with c->error_* set. */
int unit_file_enable(const LookupPaths *lp, UnitFileFlags flags, char **names, InstallChanges *c);
int unit_file_disable(const LookupPaths *lp, UnitFileFlags flags, char **names, InstallChanges *c);
int unit_file_reenable(const LookupPaths *lp, UnitFileFlags flags, char **names, InstallChanges *c);
int unit_file_mask(const LookupPaths *lp, UnitFileFlags flags, char **names, InstallChanges *c);
int unit_file_unmask(const LookupPaths *lp, UnitFileFlags flags, char **names, InstallChanges *c);
int unit_file_link(const LookupPaths *lp, UnitFileFlags flags, char **paths, InstallChanges *c);
int unit_file_preset(const LookupPaths *lp, UnitFileFlags flags, char **names, UnitFilePresetMode mode,
                     InstallChanges *c);
int unit_file_preset_all(const LookupPaths *lp, UnitFileFlags flags, UnitFilePresetMode mode, InstallChanges *c);
UnitFilePresetMode unit_file_preset_mode_from_string(const char *s);   /* "full", "enable-only", "disable-only" */
/* 1 "enable" or 0 "disable" per the *.preset files (systemd.preset(5)); no rule: enable */
int unit_file_query_preset(const LookupPaths *lp, const char *name);
/* the same in two steps, for a caller that keeps the rules: pairs of verb ("enable",
 * "disable") and pattern, in the order they apply */
int unit_presets_read(const LookupPaths *lp, char ***ret);
int unit_presets_match(char * const *rules, const char *name);

/* systemctl revert: drop-ins and overrides of vendor files in the config dirs, and masks */
int unit_file_revert(const LookupPaths *lp, char **names, InstallChanges *c);
/* systemctl add-wants/add-requires: dep is "Wants" or "Requires" */
int unit_file_add_dependency(const LookupPaths *lp, UnitFileFlags flags, char **names, const char *target,
                             const char *dep, InstallChanges *c);
/* set-default: default.target in the persistent config dir → the target's file */
int unit_file_set_default(const LookupPaths *lp, UnitFileFlags flags, const char *name, InstallChanges *c);
/* get-default: the name default.target resolves to (-ENOENT, -ERFKILL when masked) */
int unit_file_get_default(const LookupPaths *lp, char **ret);

/* is-enabled, systemctl(1): -ENOENT when there is no such unit file, -ENOLINK when the name
 * leads to a dangling symlink */
int unit_file_get_state(const LookupPaths *lp, const char *name, UnitFileState *ret);

typedef struct UnitFileListEntry {
        char *path;
        UnitFileState state;
} UnitFileListEntry;
/* ListUnitFiles(ByPatterns): every unit file on the search path (first of each name), patterns
 * are fnmatch() globs on the name (NULL: all); a name whose state cannot be told is "bad" */
int unit_file_list(const LookupPaths *lp, char **patterns, UnitFileListEntry **ret, size_t *ret_n);
void unit_file_list_free(UnitFileListEntry *l, size_t n);
