# pystemd 0.11 (Debian's python3-pystemd, run with /usr/bin/python3) against stemd in user mode,
# as dbus-surface.md 2.5 and the pystemd.run documentation use it: pystemd.run with its options,
# pystemd.systemd1.Unit and Manager objects built from Introspect. pystemd opens the user bus
# broker ($XDG_RUNTIME_DIR/bus), which stemd starts from dbus.socket; each snippet runs in a
# child /usr/bin/python3 with the manager's environment.
import json
import os
import textwrap

import pytest

PYTHON = "/usr/bin/python3"
BUS_UNITS = ("/usr/lib/systemd/user/dbus.socket", "/usr/lib/systemd/user/dbus.service")

pytestmark = [
    pytest.mark.skipif(not os.path.exists("/usr/lib/python3/dist-packages/pystemd"),
                       reason="python3-pystemd is not installed"),
    pytest.mark.skipif(not all(os.path.exists(p) for p in BUS_UNITS + ("/usr/bin/dbus-daemon",)),
                       reason="dbus-daemon or its user units are not installed"),
]


def py(m, code, timeout=None):
    """Runs code in /usr/bin/python3; its last stdout line is JSON, returned decoded."""
    rc, out, err = m.run(PYTHON, "-c", textwrap.dedent(code), timeout=timeout)
    assert rc == 0, f"python failed (rc {rc}):\n{out}\n{err}"
    return json.loads(out.strip().splitlines()[-1])


def wait_broker(m):
    def owned():
        rc, _, _ = m.run("busctl", "--user", "--no-pager", "get-property", "org.freedesktop.systemd1",
                         "/org/freedesktop/systemd1", "org.freedesktop.systemd1.Manager", "Version")
        return rc == 0
    m.wait_for(owned, what="org.freedesktop.systemd1 on the user bus")


def test_run_plain_returns_a_unit(manager):
    wait_broker(manager)
    r = py(manager, """
        import json, pystemd.run
        u = pystemd.run([b"/bin/sleep", b"300"], user_mode=True)
        print(json.dumps([u.Unit.Id.decode(), u.Unit.Description.decode(), u.Unit.ActiveState.decode()]))
        u.Unit.Stop(b"replace")
    """)
    assert r[0].startswith("pystemd") and r[0].endswith(".service")
    assert r[1].startswith("pystemd: ")
    assert r[2] in ("active", "activating")


def test_run_with_options(manager):
    wait_broker(manager)
    r = py(manager, f"""
        import json, pystemd.run
        with open({manager.path("out")!r}, "w") as out:
            u = pystemd.run([b"/bin/sh", b"-c", b'echo "$FOO $(pwd) $(nice)"; exit 0'],
                            name=b"pyfull.service", user_mode=True, env={{b"FOO": b"bar"}},
                            cwd=b"/tmp", nice=5, runtime_max_sec=30, stdout=out,
                            extra={{b"Description": b"py desc", b"KillMode": b"mixed"}},
                            service_type=b"oneshot", remain_after_exit=True, wait=True,
                            raise_on_fail=True,
                            start_pre_cmd=[b"/bin/true"], stop_cmd=[b"/bin/true"],
                            slice_=b"py.slice")
        print(json.dumps([u.Unit.ActiveState.decode(), u.Unit.SubState.decode(),
                          u.Unit.Description.decode(), u.Service.KillMode.decode(),
                          u.Service.RuntimeMaxUSec, u.Service.Nice, u.Service.Slice.decode()]))
    """)
    assert r == ["active", "exited", "py desc", "mixed", 30000000, 5, "py.slice"]
    assert manager.read("out") == "bar /tmp 5\n"
    assert manager.prop("pyfull.service", "Transient") == "yes"
    manager.sc_ok("stop", "pyfull.service")


def test_run_raise_on_fail(manager):
    wait_broker(manager)
    # as with systemd: with collect=True the failed unit is gone before pystemd reads its
    # ExecMainStatus, so only collect=False raises
    r = py(manager, """
        import json, pystemd.run
        from pystemd.exceptions import PystemdRunError
        out = []
        for c in (False, True):
            try:
                pystemd.run([b"/bin/sh", b"-c", b"exit 7"], name=b"pyfail%d.service" % c,
                            user_mode=True, wait=True, raise_on_fail=True, collect=c)
                out.append("no exception")
            except PystemdRunError as e:
                out.append(str(e))
        print(json.dumps(out))
    """)
    assert "exited with status 7" in r[0]
    assert r[1] == "no exception"
    assert manager.prop("pyfail0.service", "ActiveState") == "failed"
    manager.wait_for(lambda: manager.prop("pyfail1.service", "LoadState") == "not-found",
                     what="collected (CollectMode=inactive-or-failed)")


def test_manager_and_unit_objects(manager):
    manager.write_unit("simple.service", "[Service]\nExecStart=/bin/sleep infinity\n")
    manager.sc_ok("start", "simple.service")
    wait_broker(manager)
    r = py(manager, """
        import json, os
        from pystemd.dbuslib import DBus
        from pystemd.systemd1 import Manager, Unit
        with DBus(user_mode=True) as bus:
            m = Manager(bus=bus, _autoload=True)
            procs = m.Manager.GetUnitProcesses(b"simple.service")
            u = Unit(b"simple.service", bus=bus, _autoload=True)
            pid = u.Service.MainPID
            by_pid = m.Manager.GetUnitByPID(pid)
            job = u.Unit.Restart(b"replace")
            names = [x[0].decode() for x in m.Manager.ListUnits()]
            try:
                m.Manager.GetUnit(b"nosuch.service")
                err = None
            except Exception as e:
                err = type(e).__name__
            print(json.dumps([[p[1] for p in procs], pid, job.decode(), by_pid.decode(),
                              "simple.service" in names, err]))
    """)
    assert r[0] == [r[1]]
    assert r[2].startswith("/org/freedesktop/systemd1/job/")
    assert r[3] == "/org/freedesktop/systemd1/unit/simple_2eservice"
    assert r[4] is True
    assert r[5] == "DBusNoSuchUnitError"
