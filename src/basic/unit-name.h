/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* unit-name.h: unit names per systemd.unit(5): validation, type by suffix, templates and
 * instances, systemd-escape's string and path forms. Limit: 255 bytes including suffix. */

#include "macro.h"

#define UNIT_NAME_MAX 256

typedef enum UnitType {
        UNIT_SERVICE,
        UNIT_MOUNT,
        UNIT_SWAP,
        UNIT_SOCKET,
        UNIT_TARGET,
        UNIT_DEVICE,
        UNIT_AUTOMOUNT,
        UNIT_TIMER,
        UNIT_PATH,
        UNIT_SLICE,
        UNIT_SCOPE,
        _UNIT_TYPE_MAX,
        _UNIT_TYPE_INVALID = -EINVAL,
} UnitType;

const char *unit_type_to_string(UnitType t);      /* "service" */
UnitType unit_type_from_string(const char *s);

typedef enum UnitNameFlags {
        UNIT_NAME_PLAIN = 1 << 0,    /* foo.service */
        UNIT_NAME_TEMPLATE = 1 << 1, /* foo@.service */
        UNIT_NAME_INSTANCE = 1 << 2, /* foo@bar.service */
        UNIT_NAME_ANY = UNIT_NAME_PLAIN | UNIT_NAME_TEMPLATE | UNIT_NAME_INSTANCE,
} UnitNameFlags;

bool unit_name_is_valid(const char *n, UnitNameFlags flags);
bool unit_prefix_is_valid(const char *p);
bool unit_instance_is_valid(const char *i);
bool unit_suffix_is_valid(const char *s);         /* ".service" */
UnitType unit_name_to_type(const char *n);

int unit_name_to_prefix(const char *n, char **ret);   /* "foo" of foo@bar.service, "foo" of foo.service */
int unit_name_to_instance(const char *n, char **ret); /* ret NULL when not an instance; returns flag type */
int unit_name_template(const char *n, char **ret);    /* foo@bar.service → foo@.service */
int unit_name_replace_instance(const char *n, const char *instance, char **ret);
int unit_name_build(const char *prefix, const char *instance, const char *suffix, char **ret);
int unit_name_change_suffix(const char *n, const char *suffix, char **ret);

/* systemd-escape: "/" → "-", other chars outside [A-Za-z0-9:_.] → \xNN, leading "." escaped */
char *unit_name_escape(const char *s);
int unit_name_unescape(const char *s, char **ret);
/* path form: simplified path, "/" alone → "-", leading/trailing "/" dropped */
int unit_name_path_escape(const char *path, char **ret);
int unit_name_path_unescape(const char *s, char **ret);

/* object path of a unit: sd_bus_path_encode("/org/freedesktop/systemd1/unit", name) */
char *unit_dbus_path_from_name(const char *name);
