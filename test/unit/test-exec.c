/* SPDX-License-Identifier: LGPL-2.1-or-later */

/* test-exec.c: exec_spawn() runs real commands (/bin/sh -c …) with one setting at a time and
 * reads the result back: exit status, output, cwd, umask, nice, limits, credentials, fds,
 * stdout files; and exec_build_environment(). Runs as root (User=nobody); tests that need
 * what is not there (a cgroup hierarchy) skip. */

#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "exec.h"
#include "strv.h"

static char tmpdir[] = "/tmp/test-exec-XXXXXX";

static void context_init(ExecContext *ctx) {
        *ctx = (ExecContext) {
                .umask = 0022,
                .ignore_sigpipe = true,
                .std_input = EXEC_INPUT_NULL,
                .std_output = EXEC_OUTPUT_INHERIT,
                .std_error = EXEC_OUTPUT_INHERIT,
                .ioprio = -1,
        };
}

static void params_init(ExecParameters *p) {
        static char *env[] = { (char *) "PATH=/usr/bin:/bin", (char *) "HOME=/manager-home", NULL };

        *p = (ExecParameters) {
                .unit_id = "test.service",
                .environment = env,
                .stdin_fd = -1,
                .stdout_fd = -1,
                .stderr_fd = -1,
                .log_fd = -1,
        };
}

/* exit status, or 128 + signal */
static int wait_status(pid_t pid) {
        int st;

        assert_int_equal(waitpid(pid, &st, 0), pid);
        return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static char *read_file(const char *path) {
        static char buf[8192];
        ssize_t n;
        int fd;

        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
                return NULL;
        n = read(fd, buf, sizeof(buf) - 1);
        close(fd);
        assert_true(n >= 0);
        buf[n] = 0;
        return buf;
}

static char *tmp_path(const char *name) {
        static char buf[4][256];
        static int i;

        i = (i + 1) % 4;
        snprintf(buf[i], sizeof(buf[i]), "%s/%s", tmpdir, name);
        return buf[i];
}

/* Runs script with /bin/sh; its stdout (unless the context routes it) lands in *ret_out */
static int run_full(const char *path, const char *script, const ExecContext *ctx, ExecParameters *p,
                    char **ret_out) {
        ExecCommand c = {
                .path = (char *) path,
                .argv = script ? STRV_MAKE("sh", "-c", script) : STRV_MAKE(path),
        };
        int fd = -1, r;
        pid_t pid;

        if (ret_out && p->stdout_fd < 0) {
                fd = open(tmp_path("stdout"), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
                assert_true(fd >= 0);
                p->stdout_fd = fd;
        }
        assert_int_equal(exec_spawn(&c, ctx, p, &pid), 0);
        assert_true(pid > 0);
        r = wait_status(pid);
        if (fd >= 0) {
                p->stdout_fd = -1;
                close(fd);
                *ret_out = read_file(tmp_path("stdout"));
        }
        return r;
}

static int run(const char *script, const ExecContext *ctx, ExecParameters *p, char **ret_out) {
        return run_full("/bin/sh", script, ctx, p, ret_out);
}

static void test_exit_status(void **state) {
        static const struct { const char *path, *script; int status; } t[] = {
                { "/bin/sh",            "exit 0",  0   },
                { "/bin/sh",            "exit 7",  7   },
                { "/bin/sh",            "kill -TERM $$", 128 + SIGTERM },
                { "/nonexistent/bin",   NULL,      203 },   /* EXEC */
                { "/etc/passwd",        NULL,      203 },   /* not executable */
                { "true",               NULL,      0   },   /* bare name: systemd's fixed path */
                { "no-such-binary-xyz", NULL,      203 },
        };
        ExecContext ctx;
        ExecParameters p;

        context_init(&ctx);
        params_init(&p);
        for (size_t i = 0; i < ELEMENTSOF(t); i++)
                assert_int_equal(run_full(t[i].path, t[i].script, &ctx, &p, NULL), t[i].status);
}

static void test_working_directory(void **state) {
        static const struct {
                const char *wd;
                bool home, missing_ok, user_mode;
                const char *manager_home;
                int status;
                const char *pwd;
        } t[] = {
                { NULL,                  false, false, false, NULL,             0,   "/\n"     },
                { "/tmp",                false, false, false, NULL,             0,   "/tmp\n"  },
                { "/does/not/exist",     false, false, false, NULL,             200, NULL      },
                { "/does/not/exist",     false, true,  false, NULL,             0,   "/\n"     },
                { NULL,                  true,  false, true,  "/etc",           0,   "/etc\n"  },
                { NULL,                  false, false, true,  "/usr",           0,   "/usr\n"  },
                /* user manager, home gone: "/" (the reference's wd-default with a missing home) */
                { NULL,                  false, false, true,  "/does/not/exist", 0,  "/\n"     },
        };
        ExecContext ctx;
        ExecParameters p;

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                char *out = NULL;

                context_init(&ctx);
                params_init(&p);
                ctx.working_directory = (char *) t[i].wd;
                ctx.working_directory_home = t[i].home;
                ctx.working_directory_missing_ok = t[i].missing_ok;
                p.user_mode = t[i].user_mode;
                p.manager_home = t[i].manager_home;
                assert_int_equal(run("pwd", &ctx, &p, &out), t[i].status);
                if (t[i].pwd)
                        assert_string_equal(out, t[i].pwd);
        }
}

static void test_process_settings(void **state) {
        static struct rlimit nofile = { 1234, 2345 }, core = { 0, 0 };
        static const struct {
                const char *script;
                mode_t umask;
                int nice;
                bool nice_set;
                int oom;
                bool oom_set;
                int limit;
                struct rlimit *rl;
                const char *out;
        } t[] = {
                { "umask",                       0022, 0, false, 0, false, -1, NULL, "0022\n" },
                { "umask",                       0077, 0, false, 0, false, -1, NULL, "0077\n" },
                { "nice",                        0022, 5, true,  0, false, -1, NULL, "5\n"    },
                { "cat /proc/self/oom_score_adj", 0022, 0, false, 500, true, -1, NULL, "500\n" },
                { "ulimit -n; ulimit -Hn",       0022, 0, false, 0, false, RLIMIT_NOFILE, &nofile,
                  "1234\n2345\n" },
                { "ulimit -c",                   0022, 0, false, 0, false, RLIMIT_CORE, &core, "0\n" },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                ExecContext ctx;
                ExecParameters p;
                char *out = NULL;

                context_init(&ctx);
                params_init(&p);
                ctx.umask = t[i].umask;
                ctx.nice = t[i].nice;
                ctx.nice_set = t[i].nice_set;
                ctx.oom_score_adjust = t[i].oom;
                ctx.oom_score_adjust_set = t[i].oom_set;
                if (t[i].rl)
                        ctx.rlimit[t[i].limit] = t[i].rl;
                assert_int_equal(run(t[i].script, &ctx, &p, &out), 0);
                assert_string_equal(out, t[i].out);
        }
}

static void test_signals_session(void **state) {
        /* SigIgn bit 12 is SIGPIPE; SigBlk must be empty; the child leads its own session */
        static const char *script =
                "grep -E '^Sig(Blk|Ign)' /proc/self/status | tr -d '\\t'; "
                "[ \"$(cut -d' ' -f6 /proc/$$/stat)\" = $$ ] && echo session-leader; "
                "[ \"$SYSTEMD_EXEC_PID\" = $$ ] && echo exec-pid";
        static const struct { bool ignore_sigpipe, same_pgrp; const char *out; } t[] = {
                { true,  false,
                  "SigBlk:0000000000000000\nSigIgn:0000000000001000\nsession-leader\nexec-pid\n" },
                { false, false,
                  "SigBlk:0000000000000000\nSigIgn:0000000000000000\nsession-leader\nexec-pid\n" },
                { false, true,  "SigBlk:0000000000000000\nSigIgn:0000000000000000\nexec-pid\n" },
        };
        sigset_t block, saved;

        /* what the manager blocks (sd-event) must not reach the child */
        sigemptyset(&block);
        sigaddset(&block, SIGCHLD);
        sigaddset(&block, SIGTERM);
        assert_int_equal(sigprocmask(SIG_BLOCK, &block, &saved), 0);
        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                ExecContext ctx;
                ExecParameters p;
                char *out = NULL;

                context_init(&ctx);
                params_init(&p);
                ctx.ignore_sigpipe = t[i].ignore_sigpipe;
                ctx.same_process_group = t[i].same_pgrp;
                assert_int_equal(run(script, &ctx, &p, &out), 0);
                assert_string_equal(out, t[i].out);
        }
        assert_int_equal(sigprocmask(SIG_SETMASK, &saved, NULL), 0);
}

static void test_credentials(void **state) {
        const struct {
                const char *user, *group;
                char **supplementary;
                ExecCommandFlags flags;
                int status;
                const char *out;
        } t[] = {
                /* nobody: HOME is a placeholder "/", so the manager's stays; nologin: no SHELL */
                { "nobody", NULL,      NULL,               0, 0,
                  "65534 65534 65534 USER=nobody LOGNAME=nobody HOME=/manager-home SHELL=-\n" },
                { "65534",  NULL,      NULL,               0, 0,
                  "65534 65534 65534 USER=nobody LOGNAME=nobody HOME=/manager-home SHELL=-\n" },
                { "nobody", "root",    NULL,               0, 0,      /* getgrouplist(nobody, 0) */
                  "65534 0 0 USER=nobody LOGNAME=nobody HOME=/manager-home SHELL=-\n" },
                { "nobody", NULL,      STRV_MAKE("adm"),   0, 0,
                  "65534 65534 65534 4 USER=nobody LOGNAME=nobody HOME=/manager-home SHELL=-\n" },
                { "root",   NULL,      NULL,               0, 0,
                  "0 0 0 USER=root LOGNAME=root HOME=/root SHELL=/bin/sh\n" },
                /* "+" and "!": the names are resolved, the uid stays */
                { "nobody", NULL,      NULL,  EXEC_COMMAND_FULLY_PRIVILEGED, 0,
                  NULL },
                { "nobody", NULL,      NULL,  EXEC_COMMAND_NO_SETUID, 0, NULL },
                { "no-such-user-xyz", NULL, NULL,          0, 217, NULL },   /* USER */
                { "no-such-user-xyz", NULL, NULL,  EXEC_COMMAND_FULLY_PRIVILEGED, 217, NULL },
                { "nobody", "no-such-group-xyz", NULL,     0, 216, NULL },   /* GROUP */
                { "nobody", NULL, STRV_MAKE("no-such-group-xyz"), 0, 216, NULL },
        };
        static const char *script =
                "echo \"$(id -u) $(id -g) $(id -G) "
                "USER=$USER LOGNAME=$LOGNAME HOME=$HOME SHELL=${SHELL:--}\"";

        if (geteuid() != 0)
                skip();
        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                ExecCommand c = { .path = (char *) "/bin/sh", .argv = STRV_MAKE("sh", "-c", script),
                                  .flags = t[i].flags };
                ExecContext ctx;
                ExecParameters p;
                char *out;
                pid_t pid;
                int fd;

                context_init(&ctx);
                params_init(&p);
                ctx.user = (char *) t[i].user;
                ctx.group = (char *) t[i].group;
                ctx.supplementary_groups = t[i].supplementary;
                fd = open(tmp_path("cred"), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
                assert_true(fd >= 0);
                p.stdout_fd = fd;
                assert_int_equal(exec_spawn(&c, &ctx, &p, &pid), 0);
                assert_int_equal(wait_status(pid), t[i].status);
                close(fd);
                out = read_file(tmp_path("cred"));
                if (t[i].out)
                        assert_string_equal(out, t[i].out);
                else if (t[i].status == 0)
                        assert_true(strneq(out, "0 0 ", 4));     /* still root */
        }
}

static void test_stdout_files(void **state) {
        static const struct {
                ExecOutput out, err;
                const char *before, *after_out, *after_err;
        } t[] = {
                /* file: from offset 0 over the old content, no truncation (the reference) */
                { EXEC_OUTPUT_FILE,          EXEC_OUTPUT_FILE,
                  "old line one\nold line two\n",
                  "new-out\n one\nold line two\n", "new-err\n one\nold line two\n" },
                { EXEC_OUTPUT_FILE_APPEND,   EXEC_OUTPUT_FILE_APPEND,
                  "old\n", "old\nnew-out\n", "old\nnew-err\n" },
                { EXEC_OUTPUT_FILE_TRUNCATE, EXEC_OUTPUT_FILE_TRUNCATE,
                  "old line one\n", "new-out\n", "new-err\n" },
                /* StandardError=inherit: where stdout goes, sharing the offset */
                { EXEC_OUTPUT_FILE_TRUNCATE, EXEC_OUTPUT_INHERIT,
                  "old line one\n", "new-out\nnew-err\n", "old line one\n" },
                { EXEC_OUTPUT_FILE,          EXEC_OUTPUT_INHERIT,
                  "old line one and more\n", "new-out\nnew-err\n more\n", "old line one and more\n" },
                { EXEC_OUTPUT_NULL,          EXEC_OUTPUT_INHERIT,
                  "old\n", "old\n", "old\n" },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                ExecContext ctx;
                ExecParameters p;
                char *s;

                for (int n = 1; n < 3; n++) {
                        int fd = open(tmp_path(n == 1 ? "out" : "err"),
                                      O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
                        assert_true(fd >= 0);
                        assert_int_equal(write(fd, t[i].before, strlen(t[i].before)),
                                         (ssize_t) strlen(t[i].before));
                        close(fd);
                }
                context_init(&ctx);
                params_init(&p);
                ctx.std_output = t[i].out;
                ctx.std_error = t[i].err;
                ctx.stdio_file[1] = tmp_path("out");
                ctx.stdio_file[2] = tmp_path("err");
                assert_int_equal(run("echo new-out; echo new-err >&2", &ctx, &p, NULL), 0);
                s = read_file(tmp_path("out"));
                assert_string_equal(s, t[i].after_out);
                s = read_file(tmp_path("err"));
                assert_string_equal(s, t[i].after_err);
        }
}

static void test_stdio_null_and_failures(void **state) {
        ExecContext ctx;
        ExecParameters p;
        char *out = NULL;

        context_init(&ctx);
        params_init(&p);
        assert_int_equal(run("readlink /proc/self/fd/0", &ctx, &p, &out), 0);
        assert_string_equal(out, "/dev/null\n");

        /* StandardInput=data: the bytes, from the start */
        ctx.std_input = EXEC_INPUT_DATA;
        ctx.standard_input_data = (void *) "hello\n";
        ctx.standard_input_data_size = 6;
        assert_int_equal(run("cat", &ctx, &p, &out), 0);
        assert_string_equal(out, "hello\n");

        /* StandardInput=file: */
        context_init(&ctx);
        ctx.std_input = EXEC_INPUT_FILE;
        ctx.stdio_file[0] = (char *) "/etc/hostname";
        assert_int_equal(run("readlink /proc/self/fd/0", &ctx, &p, &out), 0);
        assert_string_equal(out, "/etc/hostname\n");
        ctx.stdio_file[0] = (char *) "/does/not/exist";
        assert_int_equal(run("exit 0", &ctx, &p, NULL), 208);            /* STDIN */

        context_init(&ctx);
        ctx.std_output = EXEC_OUTPUT_FILE;
        ctx.stdio_file[1] = (char *) "/does/not/exist/out";
        assert_int_equal(run("exit 0", &ctx, &p, NULL), 209);            /* STDOUT */

        context_init(&ctx);
        ctx.std_error = EXEC_OUTPUT_FILE_APPEND;
        ctx.stdio_file[2] = (char *) "/does/not/exist/err";
        assert_int_equal(run("exit 0", &ctx, &p, NULL), 222);            /* STDERR */

        /* journal goes to log_fd for now */
        context_init(&ctx);
        ctx.std_output = EXEC_OUTPUT_JOURNAL;
        p.log_fd = open(tmp_path("log"), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        assert_true(p.log_fd >= 0);
        assert_int_equal(run("echo to-log", &ctx, &p, NULL), 0);
        close(p.log_fd);
        assert_string_equal(read_file(tmp_path("log")), "to-log\n");
}

static void test_fds(void **state) {
        static const char *script =
                "echo \"$LISTEN_FDS $LISTEN_FDNAMES\"; [ \"$LISTEN_PID\" = $$ ] && echo listen-pid; "
                "echo via-3 >&3; echo via-4 >&4; "
                "for n in 5 6 7 8 9 10 11 12; do [ -e /proc/$$/fd/$n ] && echo leaked $n; done; true";
        int pipe_a[2], pipe_b[2], stray, fds[2];
        ExecContext ctx;
        ExecParameters p;
        char *out = NULL, buf[64];
        ssize_t n;

        /* a stray fd without O_CLOEXEC must not reach the child */
        stray = open("/dev/null", O_RDONLY);
        assert_true(stray >= 0);
        assert_int_equal(pipe2(pipe_a, O_CLOEXEC), 0);
        assert_int_equal(pipe2(pipe_b, O_CLOEXEC), 0);
        fds[0] = pipe_b[1];               /* crossed on purpose: the moves must not clobber */
        fds[1] = pipe_a[1];

        context_init(&ctx);
        params_init(&p);
        p.flags = EXEC_PASS_FDS;
        p.fds = fds;
        p.n_fds = 2;
        p.fd_names = STRV_MAKE("b", "a");
        assert_int_equal(run(script, &ctx, &p, &out), 0);
        assert_string_equal(out, "2 b:a\nlisten-pid\n");
        close(pipe_a[1]);
        close(pipe_b[1]);
        n = read(pipe_b[0], buf, sizeof(buf) - 1);
        assert_true(n > 0);
        buf[n] = 0;
        assert_string_equal(buf, "via-3\n");
        n = read(pipe_a[0], buf, sizeof(buf) - 1);
        assert_true(n > 0);
        buf[n] = 0;
        assert_string_equal(buf, "via-4\n");
        close(pipe_a[0]);
        close(pipe_b[0]);
        close(stray);

        /* without EXEC_PASS_FDS nothing is passed, nor LISTEN_* set */
        params_init(&p);
        assert_int_equal(run("echo \"[$LISTEN_FDS]\"; [ -e /proc/$$/fd/3 ] && echo leaked; true",
                             &ctx, &p, &out), 0);
        assert_string_equal(out, "[]\n");
}

static void test_cgroup(void **state) {
        static const char *roots[] = { "/sys/fs/cgroup/unified", "/sys/fs/cgroup" };
        char path[256], expect[300];
        ExecContext ctx;
        ExecParameters p;
        char *out = NULL;
        bool made = false;

        for (size_t i = 0; i < ELEMENTSOF(roots) && !made; i++) {
                snprintf(path, sizeof(path), "%s/test-exec-%i", roots[i], (int) getpid());
                made = mkdir(path, 0755) >= 0;
        }
        if (!made)
                skip();

        context_init(&ctx);
        params_init(&p);
        p.cgroup_path = path;
        assert_int_equal(run("grep -c test-exec- /proc/self/cgroup", &ctx, &p, &out), 0);
        snprintf(expect, sizeof(expect), "1\n");
        assert_string_equal(out, expect);
        assert_int_equal(rmdir(path), 0);

        p.cgroup_path = "/sys/fs/cgroup/no-such-cgroup-xyz";
        assert_int_equal(run("exit 0", &ctx, &p, NULL), 219);            /* CGROUP */
}

static void test_exit_status_name(void **state) {
        static const struct { int status; const char *name; } t[] = {
                { 200, "CHDIR" }, { 203, "EXEC" }, { 209, "STDOUT" }, { 216, "GROUP" },
                { 217, "USER" }, { 219, "CGROUP" }, { 245, "BPF" }, { 234, NULL },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                if (t[i].name)
                        assert_string_equal(exec_exit_status_name(t[i].status), t[i].name);
                else
                        assert_null(exec_exit_status_name(t[i].status));
        }
}

static void write_file(const char *path, const char *s) {
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

        assert_true(fd >= 0);
        assert_int_equal(write(fd, s, strlen(s)), (ssize_t) strlen(s));
        close(fd);
}

static void test_build_environment(void **state) {
        EnvironmentFile files[] = {
                { .path = tmp_path("one.env") },
                { .path = (char *) "/does/not/exist.env", .ignore_missing = true },
                { .path = tmp_path("two.env") },
        };
        ExecContext ctx;
        char **env = NULL, buf[64];

        write_file(files[0].path, "A=alpha\nBOTH=from-file\n# c\nG=first\n");
        write_file(files[2].path, "G=second\nH=two words\n");
        context_init(&ctx);
        ctx.environment = STRV_MAKE("FROM_UNIT=unit", "BOTH=from-environment", "OVERRIDDEN=unit",
                                    "GONE=x", "KEEP=y");
        ctx.environment_files = files;
        ctx.n_environment_files = ELEMENTSOF(files);
        ctx.pass_environment = STRV_MAKE("PASSED", "NOT_THERE");
        ctx.unset_environment = STRV_MAKE("GONE", "KEEP=other", "FROM_MANAGER_GONE");

        assert_int_equal(exec_build_environment(&ctx,
                                                STRV_MAKE("HOME=/h", "OVERRIDDEN=manager", "PASSED=p",
                                                          "FROM_MANAGER_GONE=1"),
                                                "x.service", "0123456789abcdef0123456789abcdef",
                                                "/run/notify", 42, STRV_MAKE("SERVICE_RESULT=success"),
                                                &env), 0);

        static const struct { const char *name, *value; } t[] = {
                { "HOME", "/h" },
                { "OVERRIDDEN", "unit" },
                { "PASSED", "p" },
                { "NOT_THERE", NULL },
                { "FROM_UNIT", "unit" },
                { "BOTH", "from-file" },                       /* files win over Environment= */
                { "A", "alpha" },
                { "G", "second" },                             /* later files win */
                { "H", "two words" },
                { "GONE", NULL },
                { "KEEP", "y" },                               /* NAME=VALUE unsets only that */
                { "FROM_MANAGER_GONE", NULL },
                { "INVOCATION_ID", "0123456789abcdef0123456789abcdef" },
                { "NOTIFY_SOCKET", "/run/notify" },
                { "MAINPID", "42" },
                { "SERVICE_RESULT", "success" },
                { "PATH", EXEC_DEFAULT_PATH },                  /* the manager had none */
        };
        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                const char *v = NULL;
                size_t l = strlen(t[i].name);

                STRV_FOREACH(e, env)
                        if (strneq(*e, t[i].name, l) && (*e)[l] == '=')
                                v = *e + l + 1;
                if (t[i].value) {
                        assert_non_null(v);
                        assert_string_equal(v, t[i].value);
                } else
                        assert_null(v);
        }
        snprintf(buf, sizeof(buf), "MANAGERPID=%i", (int) getpid());
        assert_true(strv_contains(env, buf));
        env = strv_free(env);

        /* the manager's PATH stays; no invocation id, socket or main pid: none of them set */
        context_init(&ctx);
        assert_int_equal(exec_build_environment(&ctx, STRV_MAKE("PATH=/mine"), "x.service", NULL,
                                                NULL, 0, NULL, &env), 0);
        assert_true(strv_contains(env, "PATH=/mine"));
        STRV_FOREACH(e, env)
                assert_false(strneq(*e, "INVOCATION_ID=", 14) || strneq(*e, "NOTIFY_SOCKET=", 14) ||
                             strneq(*e, "MAINPID=", 8));
        env = strv_free(env);

        /* a required file that is missing fails the start (Result=resources) */
        EnvironmentFile missing = { .path = (char *) "/does/not/exist.env" };
        ctx.environment_files = &missing;
        ctx.n_environment_files = 1;
        assert_int_equal(exec_build_environment(&ctx, NULL, "x.service", NULL, NULL, 0, NULL, &env),
                         -ENOENT);
        assert_null(env);
}

static int setup(void **state) {
        return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state) {
        char cmd[300];

        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
        return system(cmd) == 0 ? 0 : -1;
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_exit_status),
                cmocka_unit_test(test_working_directory),
                cmocka_unit_test(test_process_settings),
                cmocka_unit_test(test_signals_session),
                cmocka_unit_test(test_credentials),
                cmocka_unit_test(test_stdout_files),
                cmocka_unit_test(test_stdio_null_and_failures),
                cmocka_unit_test(test_fds),
                cmocka_unit_test(test_cgroup),
                cmocka_unit_test(test_exit_status_name),
                cmocka_unit_test(test_build_environment),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
