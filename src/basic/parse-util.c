/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* parse-util.c: parsers of scalars: booleans, integers, sizes, percentages, signals, exit
 * statuses and resource limits, with the names systemd uses. Every parser returns 0 (or the
 * value) or a negative errno and leaves *ret untouched on failure; none logs. Whitespace around
 * a value is the caller's business and is refused here. */

#include <ctype.h>
#include <signal.h>

#include "parse-util.h"
#include "time-util.h"

int parse_boolean(const char *s) {
        static const char * const yes[] = { "1", "yes", "y", "true", "t", "on" };
        static const char * const no[] = { "0", "no", "n", "false", "f", "off" };

        assert(s);

        for (size_t i = 0; i < ELEMENTSOF(yes); i++)
                if (strcasecmp(s, yes[i]) == 0)
                        return 1;
        for (size_t i = 0; i < ELEMENTSOF(no); i++)
                if (strcasecmp(s, no[i]) == 0)
                        return 0;
        return -EINVAL;
}

/* strto*() skip leading whitespace and take a sign; both are refused before calling them. */
static bool number_start_ok(const char *s, bool allow_minus) {
        if (!s[0])
                return false;
        if (s[0] == '-')
                return allow_minus && isdigit((unsigned char) s[1]);
        if (s[0] == '+')
                return isdigit((unsigned char) s[1]);
        return isdigit((unsigned char) s[0]);
}

/* Integers take C's base prefixes ("010" is 8, "0x10" is 16), as systemd's safe_ato*() do:
 * LimitNOFILE=0x10 and Nice=010 mean 16 and 8 there. */
static int parse_signed(const char *s, int64_t min, int64_t max, int64_t *ret) {
        char *e = NULL;
        long long v;

        assert(s);

        if (!number_start_ok(s, true))
                return -EINVAL;
        errno = 0;
        v = strtoll(s, &e, 0);
        if (errno == ERANGE)
                return -ERANGE;
        if (errno > 0 || !e || *e)
                return -EINVAL;
        if (v < min || v > max)
                return -ERANGE;
        *ret = v;
        return 0;
}

static int parse_unsigned(const char *s, unsigned base, uint64_t max, uint64_t *ret) {
        char *e = NULL;
        unsigned long long v;

        assert(s);

        if (s[0] == '-') {
                /* "-0" is zero; anything else negative is out of range rather than malformed */
                if (!isdigit((unsigned char) s[1]))
                        return -EINVAL;
                for (const char *p = s + 1; *p; p++)
                        if (*p != '0')
                                return isdigit((unsigned char) *p) ? -ERANGE : -EINVAL;
                *ret = 0;
                return 0;
        }
        if (!number_start_ok(s, false)) {
                if (!(base == 16 && isxdigit((unsigned char) s[0])))
                        return -EINVAL;
        }
        errno = 0;
        v = strtoull(s, &e, (int) base);
        if (errno == ERANGE)
                return -ERANGE;
        if (errno > 0 || !e || *e || e == s)
                return -EINVAL;
        if (v > max)
                return -ERANGE;
        *ret = v;
        return 0;
}

int safe_atoi(const char *s, int *ret) {
        int64_t v;
        int r;

        assert(ret);
        r = parse_signed(s, INT_MIN, INT_MAX, &v);
        if (r < 0)
                return r;
        *ret = (int) v;
        return 0;
}

int safe_atou(const char *s, unsigned *ret) {
        uint64_t v;
        int r;

        assert(ret);
        r = parse_unsigned(s, 0, UINT_MAX, &v);
        if (r < 0)
                return r;
        *ret = (unsigned) v;
        return 0;
}

int safe_atoi64(const char *s, int64_t *ret) {
        assert(ret);
        return parse_signed(s, INT64_MIN, INT64_MAX, ret);
}

int safe_atou64(const char *s, uint64_t *ret) {
        assert(ret);
        return parse_unsigned(s, 0, UINT64_MAX, ret);
}

int safe_atou32_full(const char *s, unsigned base, uint32_t *ret) {
        uint64_t v;
        int r;

        assert(ret);
        if (base != 0 && (base < 2 || base > 36))
                return -EINVAL;
        r = parse_unsigned(s, base, UINT32_MAX, &v);
        if (r < 0)
                return r;
        *ret = (uint32_t) v;
        return 0;
}

int parse_pid(const char *s, pid_t *ret) {
        unsigned v;
        int r;

        assert(ret);
        r = safe_atou(s, &v);
        if (r < 0)
                return r;
        if (v == 0 || v > INT32_MAX)
                return -ERANGE;
        *ret = (pid_t) v;
        return 0;
}

int parse_mode(const char *s, mode_t *ret) {
        uint64_t v;
        int r;

        assert(s);
        assert(ret);
        r = parse_unsigned(s, 8, UINT64_MAX, &v);
        if (r < 0)
                return r;
        if (v > 07777)
                return -ERANGE;
        *ret = (mode_t) v;
        return 0;
}

int parse_nice(const char *s, int *ret) {
        int v, r;

        assert(ret);
        r = safe_atoi(s, &v);
        if (r < 0)
                return r;
        if (v < -20 || v > 19)          /* Nice=, systemd.exec(5) */
                return -ERANGE;
        *ret = v;
        return 0;
}

int parse_oom_score_adjust(const char *s, int *ret) {
        int v, r;

        assert(ret);
        r = safe_atoi(s, &v);
        if (r < 0)
                return r;
        if (v < -1000 || v > 1000)      /* OOMScoreAdjust=, systemd.exec(5) */
                return -ERANGE;
        *ret = v;
        return 0;
}

/* One "<digits>[.<digits>]" at *p: the integer part and the fraction as numerator/denominator. */
static int parse_decimal(const char **p, uint64_t *ret_int, uint64_t *ret_frac, uint64_t *ret_div) {
        const char *s = *p;
        uint64_t n = 0, f = 0, d = 1;
        bool any = false;

        for (; isdigit((unsigned char) *s); s++) {
                if (n > (UINT64_MAX - 9) / 10)
                        return -ERANGE;
                n = n * 10 + (uint64_t) (*s - '0');
                any = true;
        }
        if (*s == '.') {
                s++;
                if (!isdigit((unsigned char) *s))
                        return -EINVAL;
                for (; isdigit((unsigned char) *s); s++) {
                        /* digits past 10^18 cannot change the result by a whole unit we keep */
                        if (d < UINT64_C(1000000000000000000)) {
                                f = f * 10 + (uint64_t) (*s - '0');
                                d *= 10;
                        }
                }
                any = true;
        }
        if (!any)
                return -EINVAL;

        *p = s;
        *ret_int = n;
        *ret_frac = f;
        *ret_div = d;
        return 0;
}

/* a * m + f * m / d, or -ERANGE */
static int scale(uint64_t a, uint64_t f, uint64_t d, uint64_t m, uint64_t *ret) {
        unsigned __int128 v;

        v = (unsigned __int128) a * m + (unsigned __int128) f * m / d;
        if (v > UINT64_MAX)
                return -ERANGE;
        *ret = (uint64_t) v;
        return 0;
}

int parse_size(const char *s, uint64_t base, uint64_t *ret) {
        static const char suffixes[] = "KMGTPE";
        uint64_t sum = 0;
        const char *p;
        int r;

        assert(s);
        assert(ret);

        if (base != 1000 && base != 1024)
                return -EINVAL;

        if (streq(s, "infinity")) {
                *ret = UINT64_MAX;
                return 0;
        }
        if (!*s)
                return -EINVAL;

        /* "1G 512M" adds up, as in systemd */
        for (p = s; *p;) {
                uint64_t a, f, d, m = 1, v;
                const char *x;

                if (*p == '-')
                        return -ERANGE;
                r = parse_decimal(&p, &a, &f, &d);
                if (r < 0)
                        return r;
                p += strspn(p, " \t");
                if (*p && (x = strchr(suffixes, *p))) {
                        for (const char *y = suffixes; y <= x; y++)
                                m *= base;
                        p++;
                } else if (*p == 'B')
                        p++;
                else if (*p && !isdigit((unsigned char) *p))
                        return -EINVAL;
                /* a fraction of a byte is dropped: LimitAS=1.5 is 1 in systemd */
                r = scale(a, f, d, m, &v);
                if (r < 0)
                        return r;
                if (sum > UINT64_MAX - v)
                        return -ERANGE;
                sum += v;
                p += strspn(p, " \t");
        }

        *ret = sum;
        return 0;
}

int parse_percent(const char *s, bool allow_over_100) {
        const char *pc;
        char buf[32];
        int v, r;

        assert(s);

        pc = endswith(s, "%");
        if (!pc || (size_t) (pc - s) >= sizeof buf)
                return -EINVAL;
        memcpy(buf, s, pc - s);
        buf[pc - s] = 0;
        if (buf[0] == '-' || buf[0] == '+')
                return -EINVAL;
        r = safe_atoi(buf, &v);
        if (r < 0)
                return r;
        if (v < 0 || (!allow_over_100 && v > 100))
                return -ERANGE;
        return v;
}

int parse_cpu_quota(const char *s, usec_t *ret_per_sec) {
        uint64_t a, f, d, v;
        const char *p = s;
        int r;

        assert(s);
        assert(ret_per_sec);

        /* CPUQuota=, systemd.resource-control(5): a percentage of one CPU, "20%" or "12.5%" */
        r = parse_decimal(&p, &a, &f, &d);
        if (r < 0)
                return r;
        if (!streq(p, "%"))
                return -EINVAL;
        /* 1% is 10000 usec per second */
        r = scale(a, f, d, 10000, &v);
        if (r < 0)
                return r;
        if (v == 0)
                return -ERANGE;
        *ret_per_sec = v;
        return 0;
}

static const char * const signal_names[] = {
        [SIGHUP] = "HUP",       [SIGINT] = "INT",       [SIGQUIT] = "QUIT",     [SIGILL] = "ILL",
        [SIGTRAP] = "TRAP",     [SIGABRT] = "ABRT",     [SIGBUS] = "BUS",       [SIGFPE] = "FPE",
        [SIGKILL] = "KILL",     [SIGUSR1] = "USR1",     [SIGSEGV] = "SEGV",     [SIGUSR2] = "USR2",
        [SIGPIPE] = "PIPE",     [SIGALRM] = "ALRM",     [SIGTERM] = "TERM",
#ifdef SIGSTKFLT
        [SIGSTKFLT] = "STKFLT",
#endif
        [SIGCHLD] = "CHLD",     [SIGCONT] = "CONT",     [SIGSTOP] = "STOP",     [SIGTSTP] = "TSTP",
        [SIGTTIN] = "TTIN",     [SIGTTOU] = "TTOU",     [SIGURG] = "URG",       [SIGXCPU] = "XCPU",
        [SIGXFSZ] = "XFSZ",     [SIGVTALRM] = "VTALRM", [SIGPROF] = "PROF",     [SIGWINCH] = "WINCH",
        [SIGIO] = "IO",         [SIGPWR] = "PWR",       [SIGSYS] = "SYS",
};

const char *signal_to_string(int sig) {
        static __thread char buf[sizeof "RTMIN+" + 12];

        if (sig > 0 && (size_t) sig < ELEMENTSOF(signal_names) && signal_names[sig])
                return signal_names[sig];
        if (sig >= SIGRTMIN && sig <= SIGRTMAX) {
                if (sig == SIGRTMIN)
                        return "RTMIN";
                if (sig == SIGRTMAX)
                        return "RTMAX";
                (void) snprintf(buf, sizeof buf, "RTMIN+%d", sig - SIGRTMIN);
                return buf;
        }
        return NULL;
}

static int signal_from_name(const char *s) {
        const char *p;
        int k;

        for (size_t i = 1; i < ELEMENTSOF(signal_names); i++)
                if (signal_names[i] && streq(s, signal_names[i]))
                        return (int) i;
        if (streq(s, "IOT"))
                return SIGABRT;
        if (streq(s, "CLD"))
                return SIGCHLD;
        if (streq(s, "POLL"))
                return SIGIO;

        if ((p = startswith(s, "RTMIN"))) {
                if (!*p)
                        return SIGRTMIN;
                if (*p != '+' || safe_atoi(p + 1, &k) < 0 || k < 0 || k > SIGRTMAX - SIGRTMIN)
                        return -EINVAL;
                return SIGRTMIN + k;
        }
        if ((p = startswith(s, "RTMAX"))) {
                if (!*p)
                        return SIGRTMAX;
                if (*p != '-' || safe_atoi(p + 1, &k) < 0 || k < 0 || k > SIGRTMAX - SIGRTMIN)
                        return -EINVAL;
                return SIGRTMAX - k;
        }
        return -EINVAL;
}

int signal_from_string(const char *s, bool allow_numeric) {
        const char *p;
        int r, sig;

        assert(s);

        p = startswith(s, "SIG");
        if (p) {
                r = signal_from_name(p);
                if (r > 0)
                        return r;
        }
        r = signal_from_name(s);
        if (r > 0)
                return r;

        if (!allow_numeric)
                return -EINVAL;
        r = safe_atoi(s, &sig);
        if (r < 0)
                return r;
        if (sig <= 0 || sig > SIGRTMAX)
                return -ERANGE;
        return sig;
}

/* systemd.exec(5), "PROCESS EXIT CODES": C library, LSB, systemd and BSD <sysexits.h> */
static const char * const exit_status_names[256] = {
        [0] = "SUCCESS",
        [1] = "FAILURE",
        [2] = "INVALIDARGUMENT",
        [3] = "NOTIMPLEMENTED",
        [4] = "NOPERMISSION",
        [5] = "NOTINSTALLED",
        [6] = "NOTCONFIGURED",
        [7] = "NOTRUNNING",
        [64] = "USAGE",
        [65] = "DATAERR",
        [66] = "NOINPUT",
        [67] = "NOUSER",
        [68] = "NOHOST",
        [69] = "UNAVAILABLE",
        [70] = "SOFTWARE",
        [71] = "OSERR",
        [72] = "OSFILE",
        [73] = "CANTCREAT",
        [74] = "IOERR",
        [75] = "TEMPFAIL",
        [76] = "PROTOCOL",
        [77] = "NOPERM",
        [78] = "CONFIG",
        [200] = "CHDIR",
        [201] = "NICE",
        [202] = "FDS",
        [203] = "EXEC",
        [204] = "MEMORY",
        [205] = "LIMITS",
        [206] = "OOM_ADJUST",
        [207] = "SIGNAL_MASK",
        [208] = "STDIN",
        [209] = "STDOUT",
        [210] = "CHROOT",
        [211] = "IOPRIO",
        [212] = "TIMERSLACK",
        [213] = "SECUREBITS",
        [214] = "SETSCHEDULER",
        [215] = "CPUAFFINITY",
        [216] = "GROUP",
        [217] = "USER",
        [218] = "CAPABILITIES",
        [219] = "CGROUP",
        [220] = "SETSID",
        [221] = "CONFIRM",
        [222] = "STDERR",
        [224] = "PAM",
        [225] = "NETWORK",
        [226] = "NAMESPACE",
        [227] = "NO_NEW_PRIVILEGES",
        [228] = "SECCOMP",
        [229] = "SELINUX_CONTEXT",
        [230] = "PERSONALITY",
        [231] = "APPARMOR_PROFILE",
        [232] = "ADDRESS_FAMILIES",
        [233] = "RUNTIME_DIRECTORY",
        [235] = "CHOWN",
        [236] = "SMACK_PROCESS_LABEL",
        [237] = "KEYRING",
        [238] = "STATE_DIRECTORY",
        [239] = "CACHE_DIRECTORY",
        [240] = "LOGS_DIRECTORY",
        [241] = "CONFIGURATION_DIRECTORY",
        [242] = "NUMA_POLICY",
        [243] = "CREDENTIALS",
        [245] = "BPF",
};

const char *exit_status_to_string(int status) {
        if (status < 0 || status > 255)
                return NULL;
        return exit_status_names[status];
}

int exit_status_from_string(const char *s) {
        unsigned v;
        int r;

        assert(s);

        for (int i = 0; i < 256; i++)
                if (exit_status_names[i] && streq(exit_status_names[i], s))
                        return i;

        r = safe_atou(s, &v);
        if (r < 0)
                return r;
        if (v > 255)
                return -ERANGE;
        return (int) v;
}

static const char * const rlimit_names[] = {
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

int rlimit_from_string(const char *name) {
        const char *p;

        assert(name);

        p = startswith(name, "Limit") ?: name;
        for (size_t i = 0; i < ELEMENTSOF(rlimit_names); i++)
                if (rlimit_names[i] && streq(rlimit_names[i], p))
                        return (int) i;
        return -EINVAL;
}

const char *rlimit_to_string(int resource) {
        if (resource < 0 || (size_t) resource >= ELEMENTSOF(rlimit_names))
                return NULL;
        return rlimit_names[resource];
}

static int rlimit_parse_one(int resource, const char *s, rlim_t *ret) {
        uint64_t v;
        usec_t u;
        int r;

        if (streq(s, "infinity")) {
                *ret = RLIM_INFINITY;
                return 0;
        }

        switch (resource) {
        case RLIMIT_CPU:
                /* seconds by default, rounded up to whole seconds (systemd.exec(5)) */
                r = parse_time(s, &u, USEC_PER_SEC);
                if (r < 0)
                        return r;
                v = u == USEC_INFINITY ? RLIM_INFINITY : u / USEC_PER_SEC + (u % USEC_PER_SEC > 0);
                break;
        case RLIMIT_RTTIME:
                r = parse_time(s, &u, 1);
                if (r < 0)
                        return r;
                v = u == USEC_INFINITY ? RLIM_INFINITY : u;
                break;
        case RLIMIT_FSIZE:
        case RLIMIT_DATA:
        case RLIMIT_STACK:
        case RLIMIT_CORE:
        case RLIMIT_RSS:
        case RLIMIT_AS:
        case RLIMIT_MEMLOCK:
        case RLIMIT_MSGQUEUE:
                r = parse_size(s, 1024, &v);
                if (r < 0)
                        return r;
                break;
        case RLIMIT_NICE:
                /* "+n"/"-n" is a nice level, a bare number the raw limit 0..40 */
                if (s[0] == '+' || s[0] == '-') {
                        int n;

                        r = safe_atoi(s, &n);
                        if (r < 0)
                                return r;
                        if (n < -20 || n > 19)
                                return -ERANGE;
                        v = (uint64_t) (20 - n);
                } else {
                        r = safe_atou64(s, &v);
                        if (r < 0)
                                return r;
                        if (v > 40)
                                return -ERANGE;
                }
                break;
        default:
                r = safe_atou64(s, &v);
                if (r < 0)
                        return r;
                break;
        }
        /* a number that would read as infinity is refused, as systemd does */
        if (v >= (uint64_t) RLIM_INFINITY)
                return -ERANGE;

        *ret = (rlim_t) v;
        return 0;
}

int parse_rlimit(int resource, const char *s, struct rlimit *ret) {
        const char *colon;
        rlim_t soft, hard;
        int r;

        assert(s);
        assert(ret);

        if (resource < 0 || (size_t) resource >= ELEMENTSOF(rlimit_names))
                return -EINVAL;

        colon = strchr(s, ':');
        if (colon) {
                _cleanup_(freep) char *a = strndup(s, colon - s);

                if (!a)
                        return -ENOMEM;
                r = rlimit_parse_one(resource, a, &soft);
                if (r < 0)
                        return r;
                r = rlimit_parse_one(resource, colon + 1, &hard);
                if (r < 0)
                        return r;
                if (soft > hard)
                        return -EILSEQ;
        } else {
                r = rlimit_parse_one(resource, s, &soft);
                if (r < 0)
                        return r;
                hard = soft;
        }

        *ret = (struct rlimit) { .rlim_cur = soft, .rlim_max = hard };
        return 0;
}

static int base64_value(char c) {
        if (c >= 'A' && c <= 'Z')
                return c - 'A';
        if (c >= 'a' && c <= 'z')
                return c - 'a' + 26;
        if (c >= '0' && c <= '9')
                return c - '0' + 52;
        if (c == '+')
                return 62;
        if (c == '/')
                return 63;
        return -EINVAL;
}

int unbase64(const char *s, void **ret, size_t *ret_size) {
        size_t l = strlen(s), n = 0, pad = 0;
        uint32_t acc = 0;
        unsigned bits = 0;
        uint8_t *out;

        assert(ret);
        assert(ret_size);

        out = malloc(l / 4 * 3 + 4);
        if (!out)
                return -ENOMEM;
        for (const char *p = s; *p; p++) {
                int v;

                if (strchr(" \t\n\r", *p))
                        continue;
                if (*p == '=') {
                        pad++;
                        continue;
                }
                v = base64_value(*p);
                if (v < 0 || pad > 0)           /* a character, or more data after padding */
                        goto fail;
                acc = (acc << 6) | (uint32_t) v;
                bits += 6;
                if (bits >= 8) {
                        bits -= 8;
                        out[n++] = (uint8_t) (acc >> bits);
                        acc &= (1U << bits) - 1;
                }
        }
        /* 2 or 4 bits left over must be zero bits of a final group; 6 is a lone character */
        if (bits >= 6 || acc != 0 || (pad > 0 && (bits == 0 || pad != (bits == 4 ? 2U : 1U))))
                goto fail;
        out[n] = 0;
        *ret = out;
        *ret_size = n;
        return 0;
fail:
        free(out);
        return -EINVAL;
}
