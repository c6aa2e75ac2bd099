/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* load.h: from a unit name to its UnitDef: search paths (systemd.unit(5) "UNIT FILE LOAD
 * PATH"), fragment, template fallback, aliases through symlinks, masks, drop-ins,
 * .wants/.requires/.upholds directories, specifiers, implicit and default dependencies. Pure:
 * it reads files and returns descriptions; it keeps no state between calls. Warnings go to the
 * log as "file:line: message, ignoring." */

#include "unit-def.h"

typedef enum RuntimeScope {
        RUNTIME_SCOPE_SYSTEM,
        RUNTIME_SCOPE_USER,
        _RUNTIME_SCOPE_MAX,
        _RUNTIME_SCOPE_INVALID = -EINVAL,
} RuntimeScope;

typedef struct LookupPaths {
        RuntimeScope scope;
        char **search_path;        /* in priority order, highest first */
        char *persistent_config;   /* ~/.config/systemd/user or /etc/systemd/system */
        char *runtime_config;      /* $XDG_RUNTIME_DIR/systemd/user or /run/systemd/system */
        char *transient;           /* $XDG_RUNTIME_DIR/systemd/transient or /run/systemd/transient */
        char *persistent_control, *runtime_control;
        char *generator, *generator_early, *generator_late;
        char *runtime_dir;         /* $XDG_RUNTIME_DIR or /run: %t */
        /* the symlinks of the search path, read once and again only when a directory of it
         * changes (its mtime), so that loading N units does not read the directories N times */
        struct AliasCache *alias_cache;
} LookupPaths;

/* From the environment: HOME, XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_DATA_DIRS,
 * XDG_CONFIG_DIRS, XDG_RUNTIME_DIR, SYSTEMD_UNIT_PATH (a trailing ":" appends the default) */
int lookup_paths_init(LookupPaths *ret, RuntimeScope scope);
void lookup_paths_done(LookupPaths *p);
/* Around a batch of loads (a daemon-reload, a unit and its dependencies): the search path's
 * directories are read once at the start instead of being checked for changes per unit. */
int lookup_paths_pin_cache(const LookupPaths *lp, bool pin);
/* The manager itself added or removed the regular file name in search path directory dir (its
 * transient directory), whose mtime was dir_mtime_before just before: the cache takes the
 * change instead of reading the search path again on the next load. */
void lookup_paths_note_file(const LookupPaths *lp, const char *dir, const char *name, bool added,
                            const struct timespec *dir_mtime_before);

/* Always gives a UnitDef for a valid name: load_state says loaded, not-found, masked,
 * bad-setting or error (with load_error_*). -EINVAL for an invalid name, -ENOMEM. */
int unit_def_load(const LookupPaths *lp, const char *name, UnitDef **ret);

/* Make a UnitDef from the text of a unit file (no search path; drop-ins none). For transient
 * units and for the fuzzer. path is used in messages and as FragmentPath. */
int unit_def_load_from_string(const LookupPaths *lp, const char *name, const char *path,
                              const char *text, size_t size, UnitDef **ret);

/* Added by the loader. */

typedef enum LoadFlags {
        LOAD_NO_TARGET_DEPS = 1 << 0,   /* do not load a target's wanted units to order it After= them */
} LoadFlags;
int unit_def_load_full(const LookupPaths *lp, const char *name, LoadFlags flags, UnitDef **ret);

/* systemd.target(5): target (DefaultDependencies=yes) is ordered After= other, which it pulls in
 * under the name listed, when other is loaded, has default dependencies, and neither is
 * ordered before the other by its own files. A manager applies it with the units it has
 * (loading with LOAD_NO_TARGET_DEPS); the loader itself loads them. */
bool unit_def_target_after(const UnitDef *target, const UnitDef *other, const char *listed);

/* Reads a unit file or drop-in without blocking (FIFOs and devices are refused with -EBADF),
 * at most 64 MiB (-EFBIG). */
int load_read_unit_file(const char *path, char **ret, size_t *ret_size, usec_t *ret_mtime);

/* Fills the reverse kinds (WantedBy=, RequiredBy=, Before= ↔ After= …) among these units. */
int unit_defs_add_reverse_dependencies(UnitDef **defs, size_t n);

/* Expands specifiers for this unit (for keys kept in UnitDef.raw): -EBADSLT unknown. */
int unit_def_specifier_expand(const UnitDef *d, const LookupPaths *lp, const char *text, char **ret);

/* systemctl show's text for the file-defined properties of each name; see load-show.c */
int load_show_units(RuntimeScope scope, char **names);
