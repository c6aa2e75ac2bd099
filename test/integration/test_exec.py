# What a service's processes get: command lines, environment, working directory, standard
# output, specifiers and templates, the order of ExecStartPre=/ExecStartPost=/ExecStopPost=.
# Observed through files the services write. Expected behaviour is systemd 252's
# (STEMD_TEST_REF=1 runs these against it).
import os


def env_of(m, name):
    """KEY=VALUE lines written by `env` into a scratch file, as a dict."""
    text = m.read(name, "")
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


def test_environment_settings(manager):
    m = manager
    envfile = m.path("vars.env")
    with open(envfile, "w") as f:
        f.write("# comment\nFROM_FILE=yes\nQUOTED=\"a b\"\n")
    m.write_unit("env.service", f"""
        [Service]
        Type=oneshot
        Environment=ONE=1 "TWO=two words"
        Environment=THREE=3
        EnvironmentFile={envfile}
        EnvironmentFile=-/nonexistent/file
        ExecStart=/bin/sh -c 'env > @T@/env.out'
        """)
    m.sc_ok("start", "env.service")
    env = env_of(m, "env.out")
    assert env["ONE"] == "1" and env["TWO"] == "two words" and env["THREE"] == "3"
    assert env["FROM_FILE"] == "yes" and env["QUOTED"] == "a b"
    # what the manager always sets for a user service
    assert env["HOME"] == m.home
    assert env["XDG_RUNTIME_DIR"] == m.runtime_dir
    assert env["PATH"]
    assert len(env["INVOCATION_ID"]) == 32
    assert "NOTIFY_SOCKET" not in env       # only for Type=notify (or NotifyAccess=)


def test_notify_socket_for_notify_services(manager):
    m = manager
    m.write_unit("ns.service", """
        [Service]
        Type=notify
        ExecStart=/bin/sh -c 'env > @T@/ns.out; exec systemd-notify --ready'
        NotifyAccess=all
        """)
    m.sc("start", "ns.service")
    m.wait_for(lambda: "NOTIFY_SOCKET" in env_of(m, "ns.out"), what="env output")
    assert env_of(m, "ns.out")["NOTIFY_SOCKET"].startswith(("/", "@"))


def test_manager_environment(manager):
    m = manager
    m.sc_ok("set-environment", "FROM_MANAGER=hello")
    assert "FROM_MANAGER=hello" in m.sc_ok("show-environment").splitlines()
    m.write_unit("menv.service", """
        [Service]
        Type=oneshot
        Environment=FROM_UNIT=1
        ExecStart=/bin/sh -c 'env > @T@/menv.out'
        """)
    m.sc_ok("start", "menv.service")
    env = env_of(m, "menv.out")
    assert env["FROM_MANAGER"] == "hello" and env["FROM_UNIT"] == "1"
    m.sc_ok("unset-environment", "FROM_MANAGER")
    assert "FROM_MANAGER=hello" not in m.sc_ok("show-environment").splitlines()


def test_variable_expansion_in_command_line(manager):
    m = manager
    m.write_unit("expand.service", """
        [Service]
        Type=oneshot
        Environment=WORD=one "LIST=a b c"
        ExecStart=/bin/sh -c 'for a in "$@"; do echo "[$a]"; done > @T@/args.out' sh ${WORD} $LIST ${LIST} $$literal
        """)
    m.sc_ok("start", "expand.service")
    # ${X} is one word, $X splits on white space; $$ is a plain $
    assert m.read("args.out").split("\n")[:-1] == ["[one]", "[a]", "[b]", "[c]", "[a b c]",
                                                   "[$literal]"]


def test_working_directory(manager):
    m = manager
    wd = m.path("wd")
    os.mkdir(wd)
    m.write_unit("wd.service", f"""
        [Service]
        Type=oneshot
        WorkingDirectory={wd}
        ExecStart=/bin/sh -c 'pwd > @T@/wd.out'
        """)
    m.write_unit("home.service", """
        [Service]
        Type=oneshot
        WorkingDirectory=~
        ExecStart=/bin/sh -c 'pwd > @T@/home.out'
        """)
    m.write_unit("badwd.service", """
        [Service]
        Type=oneshot
        WorkingDirectory=/nonexistent/dir
        ExecStart=/bin/true
        """)
    m.write_unit("optwd.service", """
        [Service]
        Type=oneshot
        WorkingDirectory=-/nonexistent/dir
        ExecStart=/bin/true
        """)
    m.sc_ok("start", "wd.service", "home.service", "optwd.service")
    assert m.read("wd.out") == wd + "\n"
    assert m.read("home.out") == m.home + "\n"
    rc, _, _ = m.sc("start", "badwd.service")
    assert rc == 1
    assert m.props("badwd.service", "Result", "ExecMainStatus") == \
        {"Result": "exit-code", "ExecMainStatus": "200"}


def test_standard_output_to_files(manager):
    m = manager
    m.write_unit("out.service", """
        [Service]
        Type=oneshot
        StandardOutput=file:@T@/out.log
        StandardError=append:@T@/err.log
        ExecStart=/bin/sh -c 'echo to-stdout; echo to-stderr >&2'
        """)
    m.sc_ok("start", "out.service")
    m.sc_ok("start", "out.service")
    assert m.read("out.log") == "to-stdout\n"            # file: overwrites from the start
    assert m.read("err.log") == "to-stderr\nto-stderr\n"  # append: appends


def test_standard_input_null_and_stdout_null(manager):
    m = manager
    m.write_unit("in.service", """
        [Service]
        Type=oneshot
        StandardOutput=null
        ExecStart=/bin/sh -c 'cat > @T@/in.out; echo gone; ls -l /proc/self/fd/0 > @T@/fd0'
        """)
    m.sc_ok("start", "in.service")
    assert m.read("in.out") == ""
    assert m.read("fd0").rstrip().endswith("/dev/null")


def test_exec_order_pre_post_stop(manager):
    m = manager
    log = "@T@/seq.log"
    m.write_unit("seq.service", f"""
        [Service]
        ExecStartPre=/bin/sh -c 'echo pre1 >> {log}'
        ExecStartPre=-/bin/sh -c 'echo pre2 >> {log}; exit 1'
        ExecStart=/bin/sh -c 'echo main >> {log}; exec sleep infinity'
        ExecStartPost=/bin/sh -c 'echo post >> {log}'
        ExecStop=/bin/sh -c 'echo stop $MAINPID >> {log}'
        ExecStopPost=/bin/sh -c 'echo stoppost $SERVICE_RESULT >> {log}'
        """)
    m.sc_ok("start", "seq.service")
    pid = m.prop("seq.service", "MainPID")
    m.sc_ok("stop", "seq.service")
    lines = m.read("seq.log").splitlines()
    # main runs concurrently with ExecStartPost= (Type=simple), so compare it apart
    assert lines[:2] == ["pre1", "pre2"]
    assert sorted(lines[2:4]) == ["main", "post"]
    assert lines[4:] == [f"stop {pid}", "stoppost success"]


def test_exec_start_pre_failure_skips_main(manager):
    m = manager
    m.write_unit("prefail.service", """
        [Service]
        ExecStartPre=/bin/false
        ExecStart=/bin/sh -c 'echo main >> @T@/prefail.log; exec sleep infinity'
        ExecStopPost=/bin/sh -c 'echo stoppost $SERVICE_RESULT $EXIT_CODE $EXIT_STATUS >> @T@/prefail.log'
        """)
    rc, out, err = m.sc("start", "prefail.service")
    assert rc == 1
    assert "Job for prefail.service failed because the control process exited with error code." \
        in err
    m.wait_for(lambda: m.read("prefail.log"), what="ExecStopPost=")
    # the main process never ran, so only SERVICE_RESULT is set
    assert m.read("prefail.log") == "stoppost exit-code\n"
    assert m.prop("prefail.service", "ActiveState") == "failed"


def test_template_instances_and_specifiers(manager):
    m = manager
    m.write_unit("greet@.service", """
        [Unit]
        Description=greeter for %i

        [Service]
        Type=oneshot
        RemainAfterExit=yes
        ExecStart=/bin/sh -c 'echo "n=%n p=%p i=%i I=%I N=%N u=%u h=%h t=%t" > @T@/%I.out'
        """)
    m.sc_ok("start", "greet@world.service", "greet@a\\x2db.service")
    expect = (f"n=greet@world.service p=greet i=world I=world N=greet@world u=root h={m.home} "
              f"t={m.runtime_dir}\n")
    assert m.read("world.out") == expect
    assert m.read("a-b.out").startswith("n=greet@a\\x2db.service p=greet i=a\\x2db I=a-b ")
    p = m.props("greet@world.service", "Description", "ActiveState", "FragmentPath")
    assert p == {"Description": "greeter for world", "ActiveState": "active",
                 "FragmentPath": os.path.join(m.unit_dir, "greet@.service")}
    # the template itself cannot be started
    rc, out, err = m.sc("start", "greet@.service")
    assert rc == 1 and "missing the instance name" in err


def test_dropin_overrides_and_resets(manager):
    m = manager
    m.write_unit("drop.service", """
        [Unit]
        Description=original

        [Service]
        Type=oneshot
        ExecStart=/bin/sh -c 'echo original >> @T@/drop.log'
        """)
    m.write_unit("drop.service", """
        [Unit]
        Description=from drop-in

        [Service]
        ExecStart=
        ExecStart=/bin/sh -c 'echo replaced >> @T@/drop.log'
        """, dropin="override.conf")
    m.sc_ok("start", "drop.service")
    assert m.read("drop.log") == "replaced\n"
    assert m.prop("drop.service", "Description") == "from drop-in"


def test_exit_status_reported(manager):
    m = manager
    m.write_unit("code.service", """
        [Service]
        Type=oneshot
        ExecStart=/bin/sh -c 'exit 7'
        """)
    m.write_unit("sig.service", """
        [Service]
        ExecStart=/bin/sh -c 'kill -SEGV $$$$'
        """)
    m.sc("start", "code.service")
    p = m.props("code.service", "ExecMainCode", "ExecMainStatus", "Result")
    assert p == {"ExecMainCode": "1", "ExecMainStatus": "7", "Result": "exit-code"}
    m.sc("start", "sig.service")
    m.wait_state("sig.service", "failed")
    p = m.props("sig.service", "ExecMainCode", "ExecMainStatus", "Result")
    assert p["ExecMainStatus"] == "11" and p["ExecMainCode"] in ("2", "3")  # killed / dumped
    assert p["Result"] in ("signal", "core-dump")
