/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz-transient-props.c: StartTransientUnit's a(sv) → unit-file text → UnitDef. The input is a
 * little program that builds the a(sv) with sd-bus (so the message is well-formed, and the
 * property parser sees every name with every signature and value): per property one byte picks
 * the name, one the variant's signature, then the values follow (strings: a length byte and
 * that many bytes). The text is then loaded as a service or a scope. */

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bus-transient.h"
#include "load.h"

static const char *const names[] = {
        "Description", "ExecStart", "ExecStartPre", "ExecStopEx", "Environment", "EnvironmentFiles",
        "WorkingDirectory", "User", "Group", "Nice", "RuntimeMaxUSec", "RemainAfterExit", "Type",
        "ExitType", "CollectMode", "AddRef", "Slice", "SendSIGHUP", "KillMode", "KillSignal",
        "TimeoutStopUSec", "TimeoutStartUSec", "Restart", "RestartUSec", "StandardInput",
        "StandardOutput", "StandardError", "StandardOutputFile", "StandardErrorFileToAppend",
        "StandardInputFileDescriptor", "StandardOutputFileDescriptor", "TTYPath", "LimitNOFILE",
        "LimitNOFILESoft", "LimitCPU", "SuccessExitStatus", "OOMScoreAdjust", "NotifyAccess",
        "After", "Wants", "CPUQuotaPerSecUSec", "MemoryMax", "TasksMax", "Delegate", "PIDs",
        "UMask", "Documentation", "UnsetEnvironment", "NoSuchProperty", "",
};

static const char *const signatures[] = {
        "s", "b", "t", "u", "i", "as", "a(sasb)", "a(sasas)", "a(sb)", "(aiai)", "au", "h", "ay",
};

typedef struct Input {
        const uint8_t *p;
        size_t n;
} Input;

static uint8_t next(Input *in) {
        if (in->n == 0)
                return 0;
        in->n--;
        return *in->p++;
}

static void next_string(Input *in, char *buf, size_t size) {
        size_t l = next(in) % size;

        for (size_t i = 0; i < l; i++) {
                uint8_t c = next(in);
                buf[i] = c ? (char) c : 'x';
        }
        buf[l] = 0;
}

static uint64_t next_u64(Input *in) {
        uint64_t v = 0;

        switch (next(in) % 4) {
        case 0:
                return UINT64_MAX;
        case 1:
                return 0;
        default:
                for (int i = 0; i < 8; i++)
                        v = v << 8 | next(in);
                return v;
        }
}

/* appends one value of the complete type at *sig, advancing it */
static int append_value(sd_bus_message *m, const char **sig, Input *in, int null_fd, unsigned depth) {
        char c = **sig, buf[256];
        int r;

        (*sig)++;
        switch (c) {
        case 's':
                next_string(in, buf, sizeof buf);
                return sd_bus_message_append_basic(m, 's', buf);
        case 'b': {
                int b = next(in) & 1;
                return sd_bus_message_append_basic(m, 'b', &b);
        }
        case 't': {
                uint64_t v = next_u64(in);
                return sd_bus_message_append_basic(m, 't', &v);
        }
        case 'u': {
                uint32_t v = (uint32_t) next_u64(in);
                return sd_bus_message_append_basic(m, 'u', &v);
        }
        case 'i': {
                int32_t v = (int32_t) next_u64(in);
                return sd_bus_message_append_basic(m, 'i', &v);
        }
        case 'y': {
                uint8_t v = next(in);
                return sd_bus_message_append_basic(m, 'y', &v);
        }
        case 'h':
                return sd_bus_message_append_basic(m, 'h', &null_fd);
        case 'a': {
                const char *start = *sig, *end;
                char contents[64];
                unsigned n = depth > 3 ? 0 : next(in) % 5;

                /* find the end of the element type */
                end = start;
                {
                        const char *t = end;
                        int level = 0;
                        do {
                                if (*t == '(')
                                        level++;
                                else if (*t == ')')
                                        level--;
                                t++;
                        } while (level > 0 || (t[-1] == 'a'));
                        end = t;
                }
                snprintf(contents, sizeof contents, "%.*s", (int) (end - start), start);
                r = sd_bus_message_open_container(m, 'a', contents);
                if (r < 0)
                        return r;
                for (unsigned i = 0; i < n; i++) {
                        const char *s = start;
                        r = append_value(m, &s, in, null_fd, depth + 1);
                        if (r < 0)
                                return r;
                }
                *sig = end;
                return sd_bus_message_close_container(m);
        }
        case '(': {
                const char *t = *sig;
                char contents[64];
                int level = 1;

                while (*t && level > 0) {
                        if (*t == '(')
                                level++;
                        else if (*t == ')')
                                level--;
                        t++;
                }
                snprintf(contents, sizeof contents, "%.*s", (int) (t - *sig - 1), *sig);
                r = sd_bus_message_open_container(m, 'r', contents);
                if (r < 0)
                        return r;
                while (**sig != ')') {
                        r = append_value(m, sig, in, null_fd, depth + 1);
                        if (r < 0)
                                return r;
                }
                (*sig)++;
                return sd_bus_message_close_container(m);
        }
        default:
                return -EINVAL;
        }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        static sd_bus *bus = NULL;
        static int null_fd = -1;
        _cleanup_(sd_bus_message_unrefp) sd_bus_message *m = NULL;
        _cleanup_(sd_bus_error_free) sd_bus_error error = SD_BUS_ERROR_NULL;
        _cleanup_(unit_def_freep) UnitDef *d = NULL;
        TransientSpec spec;
        Input in = { data, size };
        UnitType type;
        char *text = NULL;
        size_t text_size = 0;
        unsigned n;

        if (size > 64 * 1024)
                return 0;
        if (!bus) {
                int pair[2];

                /* a client bus that never finishes authenticating: enough to build messages */
                if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) < 0 ||
                    sd_bus_new(&bus) < 0 || sd_bus_set_fd(bus, pair[0], pair[0]) < 0 ||
                    sd_bus_negotiate_fds(bus, true) < 0 || sd_bus_start(bus) < 0)
                        abort();
                null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
        }

        type = next(&in) & 1 ? UNIT_SCOPE : UNIT_SERVICE;
        if (sd_bus_message_new_method_call(bus, &m, "org.freedesktop.systemd1", "/org/freedesktop/systemd1",
                                           "org.freedesktop.systemd1.Manager", "StartTransientUnit") < 0 ||
            sd_bus_message_open_container(m, 'a', "(sv)") < 0)
                return 0;
        n = next(&in) % 32;
        for (unsigned i = 0; i < n && in.n > 0; i++) {
                const char *name = names[next(&in) % ELEMENTSOF(names)];
                const char *sig = signatures[next(&in) % ELEMENTSOF(signatures)], *s = sig;

                if (sd_bus_message_open_container(m, 'r', "sv") < 0 ||
                    sd_bus_message_append_basic(m, 's', name) < 0 ||
                    sd_bus_message_open_container(m, 'v', sig) < 0 ||
                    append_value(m, &s, &in, null_fd, 0) < 0 ||
                    sd_bus_message_close_container(m) < 0 ||
                    sd_bus_message_close_container(m) < 0)
                        return 0;
        }
        if (sd_bus_message_close_container(m) < 0 || sd_bus_message_seal(m, 1, 0) < 0 ||
            sd_bus_message_rewind(m, true) < 0)
                return 0;

        if (transient_spec_init(&spec, type, getpid()) < 0)
                return 0;
        if (transient_spec_parse(&spec, m, &error) >= 0 &&
            transient_spec_to_text(&spec, &text, &text_size) >= 0) {
                (void) unit_def_load_from_string(NULL, type == UNIT_SCOPE ? "fuzz.scope" : "fuzz.service",
                                                 "/fuzz", text, text_size, &d);
                free(text);
        }
        transient_spec_done(&spec);
        return 0;
}
