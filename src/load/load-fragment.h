/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* load-fragment.h: what each key of a unit file means: [Unit], [Service] (with systemd.exec,
 * systemd.kill, systemd.resource-control keys), [Install] into the typed model, other
 * type sections and X- keys into UnitDef.raw. Invalid values are warned about as
 * "file:line: ..., ignoring." and ignored, as systemd does. */

#include "load.h"

/* Applies one file (fragment or drop-in) to d. Returns 0, or negative errno when the file as
 * a whole cannot be used (not UTF-8, bad section header, line too long, OOM): the caller
 * then sets load_state error. */
int load_fragment_apply(UnitDef *d, const LookupPaths *lp, const char *path, const char *text, size_t size);

/* After all files: systemd's consistency checks (ExecStart= count vs Type=, …) and the
 * defaults that depend on other keys (NotifyAccess=main for Type=notify, …). Returns 0 or
 * -ENOEXEC (bad-setting; the reason was logged). */
int load_fragment_verify(UnitDef *d);

/* Adds name to the dependency list once; validates the name. */
int unit_def_add_dependency(UnitDef *d, UnitDependency dep, const char *name);
