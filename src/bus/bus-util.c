/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* bus-util.c: the generic pieces the vtables share: getters per value kind (reading the value
 * at object + offset) and constants for what our model does not hold, so that each property is
 * one vtable line. Also small request helpers: unit name checks with systemd's messages, the
 * sender's pid, process command lines. Nothing here keeps state. */

#include <fcntl.h>
#include <sys/resource.h>

#include "bus-internal.h"
#include "unit-name.h"

BUS_PROPERTY_GETTER(bus_property_get_bool) {
        int b = *(const bool *) userdata;       /* 'b' is 4 bytes on the wire, bool is 1 here */

        return sd_bus_message_append_basic(reply, 'b', &b);
}

BUS_PROPERTY_GETTER(bus_property_get_strv_or_empty) {
        return sd_bus_message_append_strv(reply, *(char ***) userdata);
}

BUS_PROPERTY_GETTER(bus_property_get_string) {
        return sd_bus_message_append_basic(reply, 's', strempty(*(const char **) userdata));
}

BUS_PROPERTY_GETTER(bus_property_get_u64) {
        return sd_bus_message_append_basic(reply, 't', userdata);
}

BUS_PROPERTY_GETTER(bus_property_get_u32) {
        return sd_bus_message_append_basic(reply, 'u', userdata);
}

BUS_PROPERTY_GETTER(bus_property_get_i32) {
        return sd_bus_message_append_basic(reply, 'i', userdata);
}

BUS_DEFINE_PROPERTY_GET_CONST(bus_property_get_false, "b", 0);
BUS_DEFINE_PROPERTY_GET_CONST(bus_property_get_true, "b", 1);
BUS_DEFINE_PROPERTY_GET_CONST(bus_property_get_empty_string, "s", "");
BUS_DEFINE_PROPERTY_GET_CONST(bus_property_get_empty_strv, "as", 0);
BUS_DEFINE_PROPERTY_GET_CONST(bus_property_get_u64_zero, "t", (uint64_t) 0);
BUS_DEFINE_PROPERTY_GET_CONST(bus_property_get_u64_max, "t", UINT64_MAX);
BUS_DEFINE_PROPERTY_GET_CONST(bus_property_get_u32_zero, "u", (uint32_t) 0);
BUS_DEFINE_PROPERTY_GET_CONST(bus_property_get_u32_max, "u", UINT32_MAX);
BUS_DEFINE_PROPERTY_GET_CONST(bus_property_get_i32_zero, "i", (int32_t) 0);
BUS_DEFINE_PROPERTY_GET_CONST(bus_property_get_i32_minus_one, "i", (int32_t) -1);
BUS_DEFINE_PROPERTY_GET_CONST(bus_property_get_empty_a_ss, "a(ss)", 0);
BUS_DEFINE_PROPERTY_GET_CONST(bus_property_get_empty_a_st, "a(st)", 0);
BUS_DEFINE_PROPERTY_GET_CONST(bus_property_get_empty_a_sst, "a(sst)", 0);
BUS_DEFINE_PROPERTY_GET_CONST(bus_property_get_empty_a_ssbt, "a(ssbt)", 0);
BUS_DEFINE_PROPERTY_GET_CONST(bus_property_get_empty_a_say, "a(say)", 0);
BUS_DEFINE_PROPERTY_GET_CONST(bus_property_get_empty_a_iayu, "a(iayu)", 0);
BUS_DEFINE_PROPERTY_GET_CONST(bus_property_get_empty_a_iiqq, "a(iiqq)", 0);
BUS_DEFINE_PROPERTY_GET_CONST(bus_property_get_empty_a_sba_ss, "a(sba(ss))", 0);
BUS_DEFINE_PROPERTY_GET_CONST(bus_property_get_empty_a_ssba_ss, "a(ssba(ss))", 0);
BUS_DEFINE_PROPERTY_GET_CONST(bus_property_get_empty_aay, "aay", 0);

BUS_PROPERTY_GETTER(bus_property_get_empty_bytes) {
        return sd_bus_message_append_array(reply, 'y', NULL, 0);
}

BUS_PROPERTY_GETTER(bus_property_get_empty_bas) {
        return sd_bus_message_append(reply, "(bas)", 0, 0);
}

BUS_PROPERTY_GETTER(bus_property_get_empty_bs) {
        return sd_bus_message_append(reply, "(bs)", 0, "");
}

BUS_PROPERTY_GETTER(bus_property_get_empty_aiai) {
        return sd_bus_message_append(reply, "(aiai)", 0, 0);
}

/* The names are systemd.exec(5)'s LimitXXX= keys; indexes are RLIMIT_XXX. Kept here rather
 * than in basic so that the bus does not depend on the parser. */
static const char *const rlimit_names[RLIM_NLIMITS] = {
        [RLIMIT_CPU] = "CPU",
        [RLIMIT_FSIZE] = "FSIZE",
        [RLIMIT_DATA] = "DATA",
        [RLIMIT_STACK] = "STACK",
        [RLIMIT_CORE] = "CORE",
        [RLIMIT_RSS] = "RSS",
        [RLIMIT_NOFILE] = "NOFILE",
        [RLIMIT_AS] = "AS",
        [RLIMIT_NPROC] = "NPROC",
        [RLIMIT_MEMLOCK] = "MEMLOCK",
        [RLIMIT_LOCKS] = "LOCKS",
        [RLIMIT_SIGPENDING] = "SIGPENDING",
        [RLIMIT_MSGQUEUE] = "MSGQUEUE",
        [RLIMIT_NICE] = "NICE",
        [RLIMIT_RTPRIO] = "RTPRIO",
        [RLIMIT_RTTIME] = "RTTIME",
};

int bus_rlimit_from_property(const char *property, bool *ret_soft) {
        const char *p;
        size_t l;

        p = startswith(property, "Default");
        p = startswith(p ?: property, "Limit");
        if (!p)
                return -EINVAL;

        l = strlen(p);
        *ret_soft = l > 4 && streq(p + l - 4, "Soft");
        if (*ret_soft)
                l -= 4;

        for (int i = 0; i < RLIM_NLIMITS; i++)
                if (rlimit_names[i] && strlen(rlimit_names[i]) == l && strneq(rlimit_names[i], p, l))
                        return i;
        return -EINVAL;
}

static uint64_t rlim_to_u64(rlim_t v) {
        return v == RLIM_INFINITY ? UINT64_MAX : (uint64_t) v;
}

/* The manager's own limits are what units get when they set none, as with systemd --user. */
BUS_PROPERTY_GETTER(bus_property_get_default_rlimit) {
        /* read once: the manager never changes its own limits (children set theirs) */
        static struct rlimit own[RLIM_NLIMITS];
        static bool known[RLIM_NLIMITS];
        struct rlimit rl;
        bool soft;
        int r;

        r = bus_rlimit_from_property(property, &soft);
        if (r < 0 || r >= RLIM_NLIMITS)
                return sd_bus_message_append(reply, "t", UINT64_MAX);
        if (!known[r]) {
                if (getrlimit(r, &own[r]) < 0)
                        return sd_bus_message_append(reply, "t", UINT64_MAX);
                known[r] = true;
        }
        rl = own[r];

        return sd_bus_message_append(reply, "t", rlim_to_u64(soft ? rl.rlim_cur : rl.rlim_max));
}

/* userdata points at ExecContext.rlimit[] */
BUS_PROPERTY_GETTER(bus_property_get_rlimit_from_array) {
        struct rlimit **a = userdata;
        bool soft;
        int r;

        r = bus_rlimit_from_property(property, &soft);
        if (r < 0 || !a[r])
                return bus_property_get_default_rlimit(bus, path, interface, property, reply,
                                                       userdata, error);

        return sd_bus_message_append(reply, "t", rlim_to_u64(soft ? a[r]->rlim_cur : a[r]->rlim_max));
}

int bus_reply_not_supported(sd_bus_message *message, void *userdata, sd_bus_error *error) {
        return sd_bus_error_setf(error, SD_BUS_ERROR_NOT_SUPPORTED, "Operation %s is not supported.",
                                 strempty(sd_bus_message_get_member(message)));
}

int bus_query_sender_pid(sd_bus_message *message, pid_t *ret) {
        _cleanup_(sd_bus_creds_unrefp) sd_bus_creds *creds = NULL;
        int r;

        /* On a private connection this is SO_PEERCRED, no round trip. On the broker sd-bus asks
         * the broker (GetConnectionUnixProcessID), as systemd does. */
        r = sd_bus_query_sender_creds(message, SD_BUS_CREDS_PID, &creds);
        if (r < 0)
                return r;
        return sd_bus_creds_get_pid(creds, ret);
}

int bus_check_unit_name(const char *name, sd_bus_error *error) {
        if (strlen(name) < UNIT_NAME_MAX && unit_name_is_valid(name, UNIT_NAME_PLAIN | UNIT_NAME_INSTANCE))
                return 0;
        if (strlen(name) < UNIT_NAME_MAX && unit_name_is_valid(name, UNIT_NAME_TEMPLATE))
                return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
                                         "Unit name %s is missing the instance name.", name);
        return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Unit name %s is not valid.", name);
}

char *bus_get_process_cmdline(pid_t pid) {
        char path[64], buf[4096];
        ssize_t n;
        int fd;

        snprintf(path, sizeof path, "/proc/%i/cmdline", (int) pid);
        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
                return strdup("");
        n = read(fd, buf, sizeof buf - 1);
        safe_close(fd);

        if (n > 0) {
                /* NULs between arguments become spaces; a trailing NUL ends the string */
                while (n > 0 && buf[n - 1] == 0)
                        n--;
                for (ssize_t i = 0; i < n; i++)
                        if (buf[i] == 0)
                                buf[i] = ' ';
                buf[n] = 0;
                return strdup(buf);
        }

        /* kernel threads and zombies have no command line: "[comm]" as ps shows it */
        snprintf(path, sizeof path, "/proc/%i/comm", (int) pid);
        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
                return strdup("");
        n = read(fd, buf + 1, sizeof buf - 3);
        safe_close(fd);
        if (n <= 0)
                return strdup("");
        while (n > 0 && buf[n] == '\n')
                n--;
        buf[0] = '[';
        buf[n + 1] = ']';
        buf[n + 2] = 0;
        return strdup(buf);
}
