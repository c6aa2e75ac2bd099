/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* process.c: reading /proc/<pid>/{stat,comm,cmdline,cgroup}. /proc/<pid>/stat has the comm
 * in parentheses, which may itself contain ")" and spaces: fields are taken after the last
 * ")". */

#include <dirent.h>
#include <signal.h>

#include "path-util.h"
#include "process.h"

static int read_stat_fields(pid_t pid, char *state, pid_t *ppid, pid_t *sid) {
        char path[64], buf[1024];
        _cleanup_fclose_ FILE *f = NULL;
        size_t n;
        char *p;
        int pp, pg, ss;
        char st;

        snprintf(path, sizeof path, "/proc/%d/stat", (int) pid);
        f = fopen(path, "re");
        if (!f)
                return -errno;
        n = fread(buf, 1, sizeof buf - 1, f);
        buf[n] = 0;
        p = strrchr(buf, ')');
        if (!p)
                return -EIO;
        if (sscanf(p + 1, " %c %d %d %d", &st, &pp, &pg, &ss) != 4)
                return -EIO;
        if (state)
                *state = st;
        if (ppid)
                *ppid = pp;
        if (sid)
                *sid = ss;
        return 0;
}

bool pid_is_alive(pid_t pid) {
        char st;

        if (pid <= 0)
                return false;
        if (kill(pid, 0) < 0 && errno == ESRCH)
                return false;
        if (read_stat_fields(pid, &st, NULL, NULL) < 0)
                return false;
        return st != 'Z' && st != 'X';
}

int pid_get_sid(pid_t pid, pid_t *ret) {
        return read_stat_fields(pid, NULL, NULL, ret);
}

int pid_get_ppid(pid_t pid, pid_t *ret) {
        return read_stat_fields(pid, NULL, ret, NULL);
}

int pid_get_comm(pid_t pid, char **ret) {
        char path[64];
        char *s;
        size_t n;
        int r;

        snprintf(path, sizeof path, "/proc/%d/comm", (int) pid);
        r = read_full_file(path, 4096, &s, &n);
        if (r < 0)
                return r;
        while (n > 0 && s[n - 1] == '\n')
                s[--n] = 0;
        *ret = s;
        return 0;
}

int pid_get_cmdline(pid_t pid, char **ret) {
        char path[64];
        char *s;
        size_t n;
        int r;

        snprintf(path, sizeof path, "/proc/%d/cmdline", (int) pid);
        r = read_full_file(path, 64 * 1024, &s, &n);
        if (r < 0)
                return r;
        if (n == 0) {
                char *c = NULL;
                free(s);
                r = pid_get_comm(pid, &c);
                if (r < 0)
                        return r;
                if (asprintf(&s, "[%s]", c) < 0)
                        s = NULL;
                free(c);
                if (!s)
                        return -ENOMEM;
                *ret = s;
                return 0;
        }
        while (n > 0 && s[n - 1] == 0)
                n--;
        for (size_t i = 0; i < n; i++)
                if (s[i] == 0)
                        s[i] = ' ';
        s[n] = 0;
        *ret = s;
        return 0;
}

int pid_get_cgroup(pid_t pid, char **ret) {
        char path[64], line[4096];
        _cleanup_fclose_ FILE *f = NULL;

        snprintf(path, sizeof path, "/proc/%d/cgroup", (int) pid);
        f = fopen(path, "re");
        if (!f)
                return -errno;
        while (fgets(line, sizeof line, f)) {
                const char *p = startswith(line, "0::");
                if (!p)
                        continue;
                char *s = strdup(p);
                if (!s)
                        return -ENOMEM;
                s[strcspn(s, "\n")] = 0;
                *ret = s;
                return 0;
        }
        return -ENODATA;
}

int pids_in_sessions(const pid_t *sids, size_t n_sids, pid_t **ret, size_t *ret_n) {
        _cleanup_free_ pid_t *l = NULL;
        size_t n = 0, a = 0;
        DIR *d;
        struct dirent *de;

        d = opendir("/proc");
        if (!d)
                return -errno;
        while ((de = readdir(d))) {
                char *e;
                long p = strtol(de->d_name, &e, 10);
                pid_t sid;
                char st;

                if (*e || p <= 0)
                        continue;
                if (read_stat_fields((pid_t) p, &st, NULL, &sid) < 0)
                        continue;
                if (st == 'Z' || st == 'X')
                        continue;
                for (size_t i = 0; i < n_sids; i++)
                        if (sids[i] == sid) {
                                if (n >= a) {
                                        size_t na = a ? a * 2 : 16;
                                        pid_t *nl = realloc(l, na * sizeof(pid_t));
                                        if (!nl) {
                                                closedir(d);
                                                return -ENOMEM;
                                        }
                                        l = nl;
                                        a = na;
                                }
                                l[n++] = (pid_t) p;
                                break;
                        }
        }
        closedir(d);
        *ret = TAKE_PTR(l);
        *ret_n = n;
        return 0;
}
