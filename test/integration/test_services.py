# Service types and their life cycle through the real `systemctl --user`: simple, exec,
# oneshot (RemainAfterExit), forking, notify; start/stop/restart/kill/status/is-active; the
# job results and exit codes of systemctl; targets with Wants=/Requires=/After=; and that a
# unit's processes do not outlive its stop. Expected behaviour is systemd 252's
# (STEMD_TEST_REF=1 runs these against it).
import os
import signal

from conftest import pid_alive

SEE = ('See "systemctl --user status {u}" and "journalctl --user -xeu {u}" for details.')


def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline") as f:
            return f.read().split("\0")
    except OSError:
        return []


def pids_in(m, name):
    """Pids written one a line into a scratch file (by the services themselves)."""
    text = m.read(name, "")
    return [int(x) for x in text.split()]


# ------------------------------------------------------------------ simple and exec


def test_simple_start_stop(manager):
    m = manager
    m.write_unit("simple.service", """
        [Unit]
        Description=a simple service

        [Service]
        ExecStart=/bin/sleep infinity
        """)
    assert m.sc("is-active", "simple.service")[:2] == (3, "inactive\n")
    m.sc_ok("start", "simple.service")
    p = m.props("simple.service", "ActiveState", "SubState", "MainPID", "Type", "LoadState",
                "FragmentPath", "Id", "Description")
    assert p["ActiveState"] == "active" and p["SubState"] == "running"
    assert p["Type"] == "simple" and p["LoadState"] == "loaded"
    assert p["Id"] == "simple.service" and p["Description"] == "a simple service"
    assert p["FragmentPath"] == os.path.join(m.unit_dir, "simple.service")
    pid = int(p["MainPID"])
    assert pid > 0 and pid_alive(pid)
    # Type=simple: the job is done once forked, so the exec may still be under way
    m.wait_for(lambda: cmdline(pid)[:2] == ["/bin/sleep", "infinity"], what="exec of sleep")
    assert m.sc("is-active", "simple.service")[:2] == (0, "active\n")
    m.sc_ok("stop", "simple.service")
    p = m.props("simple.service", "ActiveState", "SubState", "MainPID", "Result")
    assert p == {"ActiveState": "inactive", "SubState": "dead", "MainPID": "0", "Result": "success"}
    m.wait_for(lambda: not pid_alive(pid), what=f"pid {pid} to be gone")


def test_start_active_and_stop_inactive_are_no_ops(manager):
    m = manager
    m.write_unit("idem.service", "[Service]\nExecStart=/bin/sleep infinity\n")
    m.sc_ok("start", "idem.service")
    pid = m.prop("idem.service", "MainPID")
    m.sc_ok("start", "idem.service")
    assert m.prop("idem.service", "MainPID") == pid
    m.sc_ok("stop", "idem.service")
    m.sc_ok("stop", "idem.service")
    assert m.prop("idem.service", "ActiveState") == "inactive"


def test_simple_start_job_done_even_if_process_fails(manager):
    m = manager
    m.write_unit("dies.service", "[Service]\nExecStart=/bin/sh -c 'exit 3'\n")
    rc, out, err = m.sc("start", "dies.service")
    assert rc == 0, err
    m.wait_state("dies.service", "failed")
    p = m.props("dies.service", "Result", "ExecMainStatus", "ExecMainCode", "SubState")
    assert p == {"Result": "exit-code", "ExecMainStatus": "3", "ExecMainCode": "1",
                 "SubState": "failed"}
    assert m.sc("is-failed", "dies.service")[:2] == (0, "failed\n")
    assert m.sc("is-active", "dies.service")[:2] == (3, "failed\n")


def test_simple_missing_binary_fails_with_203(manager):
    m = manager
    m.write_unit("nobin.service", "[Service]\nExecStart=/nonexistent/binary\n")
    m.sc("start", "nobin.service")
    m.wait_state("nobin.service", "failed")
    assert m.props("nobin.service", "Result", "ExecMainStatus") == \
        {"Result": "exit-code", "ExecMainStatus": "203"}


def test_exec_missing_binary_fails_the_job(manager):
    m = manager
    m.write_unit("execbad.service", "[Service]\nType=exec\nExecStart=/nonexistent/binary\n")
    rc, out, err = m.sc("start", "execbad.service")
    assert rc == 1
    assert "Job for execbad.service failed because the control process exited with error code." \
        in err
    assert SEE.format(u="execbad.service") in err
    assert m.props("execbad.service", "ActiveState", "Result", "ExecMainStatus") == \
        {"ActiveState": "failed", "Result": "exit-code", "ExecMainStatus": "203"}


def test_exec_start(manager):
    m = manager
    m.write_unit("exec.service", "[Service]\nType=exec\nExecStart=/bin/sleep infinity\n")
    m.sc_ok("start", "exec.service")
    p = m.props("exec.service", "ActiveState", "SubState", "MainPID", "Type")
    assert (p["ActiveState"], p["SubState"], p["Type"]) == ("active", "running", "exec")
    assert pid_alive(int(p["MainPID"]))
    m.sc_ok("stop", "exec.service")
    assert m.prop("exec.service", "ActiveState") == "inactive"


def test_restart_gives_a_new_main_pid(manager):
    m = manager
    m.write_unit("rs.service", """
        [Service]
        ExecStart=/bin/sleep infinity
        ExecStopPost=/bin/sh -c 'echo stopped >> @T@/rs.log'
        """)
    m.sc_ok("start", "rs.service")
    old = int(m.prop("rs.service", "MainPID"))
    m.sc_ok("restart", "rs.service")
    new = int(m.prop("rs.service", "MainPID"))
    assert new != old and new > 0
    assert not pid_alive(old)
    assert m.prop("rs.service", "ActiveState") == "active"
    assert m.read("rs.log") == "stopped\n"
    # restart of an inactive unit starts it; try-restart of an inactive one does nothing
    m.sc_ok("stop", "rs.service")
    m.sc_ok("try-restart", "rs.service")
    assert m.prop("rs.service", "ActiveState") == "inactive"
    m.sc_ok("restart", "rs.service")
    assert m.prop("rs.service", "ActiveState") == "active"


def test_automatic_restart_on_failure(manager):
    m = manager
    m.write_unit("flaky.service", """
        [Service]
        ExecStart=/bin/sh -c 'echo run >> @T@/flaky.log; [ $(wc -l < @T@/flaky.log) -ge 3 ] && exec sleep infinity; exit 1'
        Restart=on-failure
        RestartSec=100ms
        """)
    m.sc_ok("start", "flaky.service")
    m.wait_for(lambda: m.read("flaky.log", "").count("run") >= 3, what="third run")
    m.wait_for(lambda: m.prop("flaky.service", "NRestarts") == "2", what="NRestarts=2")
    m.wait_state("flaky.service", "active")
    assert m.prop("flaky.service", "SubState") == "running"


def test_reload_runs_exec_reload_with_mainpid(manager):
    m = manager
    m.write_unit("hup.service", """
        [Service]
        ExecStart=/bin/sh -c 'trap "echo hup >> @T@/hup.log" HUP; touch @T@/trap-set; while :; do sleep 0.1; done'
        ExecReload=/bin/kill -HUP $MAINPID
        """)
    m.sc_ok("start", "hup.service")
    m.wait_for(lambda: os.path.exists(m.path("trap-set")), what="the trap to be set")
    m.sc_ok("reload", "hup.service")
    m.wait_for(lambda: m.read("hup.log") == "hup\n", what="the HUP trap")
    assert m.prop("hup.service", "ActiveState") == "active"


# ------------------------------------------------------------------ oneshot


def test_oneshot_start_waits_for_completion(manager):
    m = manager
    m.write_unit("once.service", """
        [Service]
        Type=oneshot
        ExecStart=/bin/sh -c 'sleep 0.3; echo first >> @T@/once.log'
        ExecStart=/bin/sh -c 'echo second >> @T@/once.log'
        """)
    m.sc_ok("start", "once.service")
    # systemctl returns after the last ExecStart= finished, not before
    assert m.read("once.log") == "first\nsecond\n"
    p = m.props("once.service", "ActiveState", "SubState", "Result", "MainPID")
    assert p == {"ActiveState": "inactive", "SubState": "dead", "Result": "success", "MainPID": "0"}


def test_oneshot_remain_after_exit(manager):
    m = manager
    m.write_unit("remain.service", """
        [Service]
        Type=oneshot
        RemainAfterExit=yes
        ExecStart=/bin/sh -c 'echo start >> @T@/remain.log'
        ExecStop=/bin/sh -c 'echo stop >> @T@/remain.log'
        """)
    m.sc_ok("start", "remain.service")
    assert m.props("remain.service", "ActiveState", "SubState") == \
        {"ActiveState": "active", "SubState": "exited"}
    assert m.sc("is-active", "remain.service")[:2] == (0, "active\n")
    m.sc_ok("start", "remain.service")            # active: not run again
    assert m.read("remain.log") == "start\n"
    m.sc_ok("stop", "remain.service")
    assert m.read("remain.log") == "start\nstop\n"
    assert m.prop("remain.service", "ActiveState") == "inactive"


def test_oneshot_failure(manager):
    m = manager
    m.write_unit("failoneshot.service", "[Service]\nType=oneshot\nExecStart=/bin/false\n")
    rc, out, err = m.sc("start", "failoneshot.service")
    assert rc == 1
    assert ("Job for failoneshot.service failed because the control process exited with "
            "error code.") in err
    assert SEE.format(u="failoneshot.service") in err
    p = m.props("failoneshot.service", "ActiveState", "SubState", "Result", "ExecMainStatus")
    assert p == {"ActiveState": "failed", "SubState": "failed", "Result": "exit-code",
                 "ExecMainStatus": "1"}
    rc, out, err = m.sc("status", "failoneshot.service")
    assert rc == 3
    assert "Active: failed (Result: exit-code)" in out


def test_oneshot_start_timeout(manager):
    m = manager
    m.write_unit("slowstart.service", """
        [Service]
        Type=oneshot
        TimeoutStartSec=1
        ExecStart=/bin/sleep 30
        """)
    rc, out, err = m.sc("start", "slowstart.service")
    assert rc == 1
    assert "Job for slowstart.service failed because a timeout was exceeded." in err
    assert m.props("slowstart.service", "ActiveState", "Result") == \
        {"ActiveState": "failed", "Result": "timeout"}


def test_success_exit_status_and_dash_prefix(manager):
    m = manager
    m.write_unit("okish.service", """
        [Service]
        Type=oneshot
        ExecStart=-/bin/false
        ExecStart=/bin/sh -c 'exit 42'
        SuccessExitStatus=42
        """)
    m.sc_ok("start", "okish.service")
    assert m.props("okish.service", "Result", "ActiveState") == \
        {"Result": "success", "ActiveState": "inactive"}


# ------------------------------------------------------------------ forking and notify


def test_forking_with_pidfile(manager):
    m = manager
    pidfile = m.path("daemon.pid")
    m.write_unit("forking.service", f"""
        [Service]
        Type=forking
        PIDFile={pidfile}
        ExecStart=/bin/sh -c 'sleep infinity & echo $! > {pidfile}'
        """)
    m.sc_ok("start", "forking.service")
    daemon = int(m.read("daemon.pid"))
    p = m.props("forking.service", "ActiveState", "SubState", "MainPID", "Type")
    assert (p["ActiveState"], p["SubState"], p["Type"]) == ("active", "running", "forking")
    assert int(p["MainPID"]) == daemon
    m.sc_ok("stop", "forking.service")
    assert m.prop("forking.service", "ActiveState") == "inactive"
    m.wait_for(lambda: not pid_alive(daemon), what="the daemon to be gone")


def test_forking_guesses_main_pid(manager):
    m = manager
    m.write_unit("guess.service", f"""
        [Service]
        Type=forking
        ExecStart=/bin/sh -c 'sleep infinity & echo $! > {m.path("guess.pid")}'
        """)
    m.sc_ok("start", "guess.service")
    assert int(m.prop("guess.service", "MainPID")) == int(m.read("guess.pid"))
    m.sc_ok("stop", "guess.service")
    assert not pid_alive(int(m.read("guess.pid")))


def test_forking_parent_fails(manager):
    m = manager
    m.write_unit("forkfail.service", "[Service]\nType=forking\nExecStart=/bin/sh -c 'exit 2'\n")
    rc, out, err = m.sc("start", "forkfail.service")
    assert rc == 1
    assert "failed because the control process exited with error code" in err
    assert m.props("forkfail.service", "ActiveState", "Result") == \
        {"ActiveState": "failed", "Result": "exit-code"}


def test_notify_ready_and_status(manager):
    m = manager
    m.write_unit("notify.service", f"""
        [Service]
        Type=notify
        NotifyAccess=all
        ExecStart=/bin/sh -c 'sleep 0.3; echo before-ready > {m.path("n.log")}; systemd-notify --ready --status="Working hard"; exec sleep infinity'
        """)
    m.sc_ok("start", "notify.service")
    # start returned only once READY=1 arrived, which came after the file was written
    assert m.read("n.log") == "before-ready\n"
    p = m.props("notify.service", "ActiveState", "SubState", "StatusText", "MainPID", "Type")
    assert (p["ActiveState"], p["SubState"], p["Type"]) == ("active", "running", "notify")
    assert p["StatusText"] == "Working hard"
    assert pid_alive(int(p["MainPID"]))
    m.sc_ok("stop", "notify.service")
    assert m.prop("notify.service", "ActiveState") == "inactive"


def test_notify_main_pid_from_notify(manager):
    m = manager
    m.write_unit("mainpid.service", f"""
        [Service]
        Type=notify
        NotifyAccess=all
        ExecStart=/bin/sh -c 'sleep infinity & echo $! > {m.path("child.pid")}; systemd-notify --ready --pid=$!; wait'
        """)
    m.sc_ok("start", "mainpid.service")
    assert int(m.prop("mainpid.service", "MainPID")) == int(m.read("child.pid"))


def test_notify_exits_before_ready(manager):
    m = manager
    m.write_unit("noready.service", "[Service]\nType=notify\nExecStart=/bin/true\n")
    rc, out, err = m.sc("start", "noready.service")
    assert rc == 1
    assert "Job for noready.service failed because the service did not take the steps " \
        "required by its unit configuration." in err
    assert m.props("noready.service", "ActiveState", "Result") == \
        {"ActiveState": "failed", "Result": "protocol"}


def test_notify_never_ready_times_out(manager):
    m = manager
    m.write_unit("deaf.service", f"""
        [Service]
        Type=notify
        TimeoutStartSec=1
        ExecStart=/bin/sh -c 'echo $$$$ > {m.path("deaf.pid")}; exec sleep infinity'
        """)
    rc, out, err = m.sc("start", "deaf.service")
    assert rc == 1
    assert "Job for deaf.service failed because a timeout was exceeded." in err
    assert m.props("deaf.service", "ActiveState", "Result") == \
        {"ActiveState": "failed", "Result": "timeout"}
    assert not pid_alive(int(m.read("deaf.pid")))


# ------------------------------------------------------------------ kill, stop, processes


def test_kill_default_sigterm_is_clean(manager):
    m = manager
    m.write_unit("victim.service", "[Service]\nExecStart=/bin/sleep infinity\n")
    m.sc_ok("start", "victim.service")
    pid = int(m.prop("victim.service", "MainPID"))
    m.sc_ok("kill", "victim.service")
    m.wait_state("victim.service", "inactive")
    assert m.prop("victim.service", "Result") == "success"
    assert not pid_alive(pid)


def test_kill_sigkill_fails_unit(manager):
    m = manager
    m.write_unit("victim.service", "[Service]\nExecStart=/bin/sleep infinity\n")
    m.sc_ok("start", "victim.service")
    m.sc_ok("kill", "-s", "KILL", "victim.service")
    m.wait_state("victim.service", "failed")
    p = m.props("victim.service", "Result", "ExecMainCode", "ExecMainStatus")
    assert p == {"Result": "signal", "ExecMainCode": "2", "ExecMainStatus": str(int(signal.SIGKILL))}


def test_kill_signal_to_main(manager):
    m = manager
    m.write_unit("usr1.service", """
        [Service]
        ExecStart=/bin/sh -c 'trap "echo usr1 >> @T@/usr1.log" USR1; touch @T@/trap-set; while :; do sleep 0.1; done'
        """)
    m.sc_ok("start", "usr1.service")
    m.wait_for(lambda: os.path.exists(m.path("trap-set")), what="the trap to be set")
    m.sc_ok("kill", "-s", "USR1", "--kill-whom=main", "usr1.service")
    m.wait_for(lambda: m.read("usr1.log") == "usr1\n", what="USR1 trap")
    assert m.prop("usr1.service", "ActiveState") == "active"


def test_kill_inactive_unit(manager):
    m = manager
    m.write_unit("idle.service", "[Service]\nExecStart=/bin/sleep infinity\n")
    m.write_unit("holder.target", "[Unit]\nAfter=idle.service\n")
    m.sc_ok("start", "holder.target")             # idle.service loaded, not running
    rc, out, err = m.sc("kill", "--kill-whom=main", "idle.service")
    assert rc == 1
    assert "Failed to kill unit idle.service: No main process to kill" in err


def test_processes_do_not_outlive_stop(manager):
    m = manager
    m.write_unit("family.service", f"""
        [Service]
        ExecStart=/bin/sh -c 'for i in 1 2 3; do sleep infinity & echo $! >> {m.path("family.pids")}; done; (setsid sleep infinity & echo $! >> {m.path("family.pids")}); wait'
        """)
    m.sc_ok("start", "family.service")
    m.wait_for(lambda: len(pids_in(m, "family.pids")) == 4, what="four children")
    pids = pids_in(m, "family.pids") + [int(m.prop("family.service", "MainPID"))]
    assert all(pid_alive(p) for p in pids)
    m.sc_ok("stop", "family.service")
    left = [p for p in pids if pid_alive(p)]
    assert left == [], f"still running after stop: {left}"
    assert m.prop("family.service", "ActiveState") == "inactive"


def test_stop_escalates_to_sigkill(manager):
    m = manager
    m.write_unit("stubborn.service", f"""
        [Service]
        ExecStart=/bin/sh -c 'trap "" TERM; echo $$$$ > {m.path("stubborn.pid")}; while :; do sleep 0.1; done'
        TimeoutStopSec=1
        """)
    m.sc_ok("start", "stubborn.service")
    m.wait_for(lambda: m.read("stubborn.pid"), what="pid file")
    pid = int(m.read("stubborn.pid"))
    m.sc_ok("stop", "stubborn.service")
    assert not pid_alive(pid)
    assert m.props("stubborn.service", "ActiveState", "Result") == \
        {"ActiveState": "failed", "Result": "timeout"}


def test_kill_mode_process_leaves_children(manager):
    m = manager
    m.write_unit("kmp.service", f"""
        [Service]
        KillMode=process
        ExecStart=/bin/sh -c 'sleep infinity & echo $! > {m.path("kmp.pid")}; wait'
        """)
    m.sc_ok("start", "kmp.service")
    m.wait_for(lambda: m.read("kmp.pid"), what="pid file")
    child = int(m.read("kmp.pid"))
    m.sc_ok("stop", "kmp.service")
    assert pid_alive(child)
    os.kill(child, signal.SIGKILL)


# ------------------------------------------------------------------ status, show


def test_status_exit_codes_and_text(manager):
    m = manager
    m.write_unit("st.service", """
        [Unit]
        Description=status probe

        [Service]
        ExecStart=/bin/sleep infinity
        """)
    rc, out, err = m.sc("status", "st.service")
    assert rc == 3
    assert "Active: inactive (dead)" in out
    m.sc_ok("start", "st.service")
    pid = m.prop("st.service", "MainPID")
    m.wait_for(lambda: cmdline(int(pid))[:1] == ["/bin/sleep"], what="exec of sleep")
    rc, out, err = m.sc("status", "st.service")
    assert rc == 0, err
    assert out.splitlines()[0].endswith("st.service - status probe")
    assert "Loaded: loaded (" + os.path.join(m.unit_dir, "st.service") in out
    assert "Active: active (running) since " in out
    assert f"Main PID: {pid} (sleep)" in out


def test_show_formats(manager):
    m = manager
    m.write_unit("sh.service", "[Service]\nExecStart=/bin/sleep infinity\n")
    m.sc_ok("start", "sh.service")
    out = m.sc_ok("show", "-p", "Id", "-p", "ActiveState", "sh.service")
    assert sorted(out.splitlines()) == ["ActiveState=active", "Id=sh.service"]
    out = m.sc_ok("show", "-P", "SubState", "sh.service")
    assert out == "running\n"
    out = m.sc_ok("show", "sh.service")
    props = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
    for name in ("Id", "Names", "LoadState", "ActiveState", "SubState", "MainPID", "ExecMainPID",
                 "Type", "Restart", "UnitFileState", "ControlGroup", "InvocationID",
                 "ActiveEnterTimestamp", "CanStart", "CanStop"):
        assert name in props, name
    assert props["MainPID"] == props["ExecMainPID"]
    assert props["CanStart"] == "yes"


# ------------------------------------------------------------------ targets and dependencies


def test_target_wants(manager):
    m = manager
    m.write_unit("a.service", "[Service]\nExecStart=/bin/sleep infinity\n")
    m.write_unit("b.service", "[Service]\nExecStart=/bin/sleep infinity\n")
    m.write_unit("c.service", "[Service]\nExecStart=/bin/sleep infinity\n")
    m.write_unit("app.target", "[Unit]\nWants=a.service b.service\n")
    m.link_unit("app.target.wants/c.service", "../c.service")
    m.sc_ok("start", "app.target")
    for u in ("app.target", "a.service", "b.service", "c.service"):
        assert m.prop(u, "ActiveState") == "active", u
    assert set(m.prop("app.target", "Wants").split()) == {"a.service", "b.service", "c.service"}
    assert m.props("app.target", "SubState") == {"SubState": "active"}
    # stopping the target leaves the wanted services alone (no PartOf=)
    m.sc_ok("stop", "app.target")
    assert m.prop("a.service", "ActiveState") == "active"


def test_wants_failure_does_not_fail_target(manager):
    m = manager
    m.write_unit("bad.service", "[Service]\nType=oneshot\nExecStart=/bin/false\n")
    m.write_unit("soft.target", "[Unit]\nWants=bad.service\nAfter=bad.service\n")
    m.sc_ok("start", "soft.target")
    assert m.prop("soft.target", "ActiveState") == "active"
    assert m.prop("bad.service", "ActiveState") == "failed"


def test_requires_failure_fails_dependent(manager):
    m = manager
    m.write_unit("bad.service", "[Service]\nType=oneshot\nExecStart=/bin/false\n")
    m.write_unit("depfail.service", """
        [Unit]
        Requires=bad.service
        After=bad.service

        [Service]
        ExecStart=/bin/sleep infinity
        """)
    rc, out, err = m.sc("start", "depfail.service")
    assert rc == 1
    assert "A dependency job for depfail.service failed. See 'journalctl -xe' for details." in err
    assert m.prop("depfail.service", "ActiveState") == "inactive"
    assert m.prop("bad.service", "ActiveState") == "failed"


def test_requires_stop_propagates(manager):
    m = manager
    m.write_unit("base.service", "[Service]\nExecStart=/bin/sleep infinity\n")
    m.write_unit("top.service", """
        [Unit]
        Requires=base.service
        After=base.service

        [Service]
        ExecStart=/bin/sleep infinity
        """)
    m.sc_ok("start", "top.service")
    assert m.prop("base.service", "ActiveState") == "active"
    m.sc_ok("stop", "base.service")
    assert m.prop("top.service", "ActiveState") == "inactive"


def test_after_orders_start_and_reverses_stop(manager):
    m = manager
    log = m.path("order.log")
    for n, after in (("first", ""), ("second", "After=first.service"),
                     ("third", "After=second.service")):
        m.write_unit(f"{n}.service", f"""
            [Unit]
            PartOf=chain.target
            {after}

            [Service]
            Type=oneshot
            RemainAfterExit=yes
            ExecStart=/bin/sh -c 'sleep 0.2; echo start-{n} >> {log}'
            ExecStop=/bin/sh -c 'sleep 0.2; echo stop-{n} >> {log}'
            """)
    m.write_unit("chain.target", "[Unit]\nWants=third.service second.service first.service\n")
    m.sc_ok("start", "chain.target")
    assert m.read("order.log").split() == ["start-first", "start-second", "start-third"]
    os.unlink(log)
    m.sc_ok("stop", "chain.target")            # one transaction stops all three
    # the target stops first (it is ordered after what it wants), so wait for the services
    for n in ("first", "second", "third"):
        m.wait_state(f"{n}.service", "inactive")
    assert m.read("order.log").split() == ["stop-third", "stop-second", "stop-first"]


def test_partof_stops_with_target(manager):
    m = manager
    for i in range(3):
        m.write_unit(f"p{i}.service", """
            [Unit]
            PartOf=group.target

            [Service]
            ExecStart=/bin/sleep infinity
            """)
    m.write_unit("group.target", "[Unit]\nWants=p0.service p1.service p2.service\n")
    m.sc_ok("start", "group.target")
    pids = [int(m.prop(f"p{i}.service", "MainPID")) for i in range(3)]
    m.sc_ok("stop", "group.target")
    # the target is ordered after its services, so it stops first: wait for them
    for i in range(3):
        m.wait_state(f"p{i}.service", "inactive")
    assert not any(pid_alive(p) for p in pids)


def test_start_several_units_one_fails(manager):
    m = manager
    m.write_unit("good.service", "[Service]\nExecStart=/bin/sleep infinity\n")
    m.write_unit("bad.service", "[Service]\nType=oneshot\nExecStart=/bin/false\n")
    rc, out, err = m.sc("start", "good.service", "bad.service")
    assert rc == 1
    assert "Job for bad.service failed" in err
    assert m.prop("good.service", "ActiveState") == "active"
