# The examples of ../shared/seeds/002 (pystemd.run's documentation) and 003 ("systemd for
# developers" workshop), one test each, run through the real pystemd 0.11 (/usr/bin/python3)
# and busctl against the test's own user manager, asserting what the documents say happens.
# The documents run as root against the system manager; here every example is adapted to a
# user manager: pystemd with user_mode=True (it finds $XDG_RUNTIME_DIR/bus), busctl --user,
# `myfirstservice.service` written to the test's unit directory, short sleeps instead of long
# ones. Examples that only make sense on a system manager (machine=, pystemd.futures) are
# skipped with the reason. STEMD_TEST_REF=1 runs the same against systemd.
import json
import os
import re
import subprocess
import textwrap
import time

import pytest

PYTHON = "/usr/bin/python3"
BUS_UNITS = ("/usr/lib/systemd/user/dbus.socket", "/usr/lib/systemd/user/dbus.service")
UNIT_PATH = "/org/freedesktop/systemd1/unit"

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


def busctl(m, *args):
    return m.run("busctl", "--user", "--no-pager", *args)


def wait_broker(m):
    def owned():
        return busctl(m, "get-property", "org.freedesktop.systemd1", "/org/freedesktop/systemd1",
                      "org.freedesktop.systemd1.Manager", "Version")[0] == 0
    m.wait_for(owned, what="org.freedesktop.systemd1 on the user bus")


@pytest.fixture
def bus_manager(manager):
    wait_broker(manager)
    return manager


@pytest.fixture
def myfirstservice(bus_manager):
    """The workshop's service from its "systemd 101" part: a sleep, running."""
    m = bus_manager
    m.write_unit("myfirstservice.service", """
        [Service]
        ExecStart=/bin/sleep infinity
    """)
    m.sc_ok("start", "myfirstservice.service")
    return m


def main_pid(m, unit):
    return int(m.prop(unit, "MainPID"))


# ====================================================================== 002: pystemd.run

def test_run_sleep_returns_a_unit_and_string_commands_split(bus_manager):
    """Example 1: pystemd.run([b'/bin/sleep', b'42']) runs in the background and returns a
    Unit; pystemd.run(b'/bin/sleep 42') is the same."""
    m = bus_manager
    r = py(m, """
        import json, pystemd.run, pystemd.systemd1
        out = []
        for cmd in ([b"/bin/sleep", b"42"], b"/bin/sleep 42"):
            u = pystemd.run(cmd, user_mode=True)
            out.append([isinstance(u, pystemd.systemd1.Unit), u.Unit.Id.decode(),
                        [list(map(bytes.decode, e[1])) for e in u.Service.ExecStart],
                        u.Service.MainPID > 0])
        print(json.dumps(out))
    """)
    for is_unit, unit, argv, running in r:
        assert is_unit and running
        assert argv == [["/bin/sleep", "42"]]
        assert m.prop(unit, "SubState") == "running"
        m.sc_ok("stop", unit)


def test_run_remain_after_exit(bus_manager):
    """Example 2: with remain_after_exit=True the unit stays after the process ended, and
    Service.MainPID goes from the process's PID to 0."""
    m = bus_manager
    r = py(m, """
        import json, time, pystemd.run
        unit = pystemd.run([b"/bin/sleep", b"1"], remain_after_exit=True, user_mode=True)
        first = unit.Service.MainPID
        deadline = time.monotonic() + 20
        while unit.Service.MainPID != 0 and time.monotonic() < deadline:
            time.sleep(0.1)
        print(json.dumps([unit.Unit.Id.decode(), first, unit.Service.MainPID]))
    """)
    unit, first, after = r
    assert first > 0 and after == 0
    assert m.props(unit, "ActiveState", "SubState") == {"ActiveState": "active", "SubState": "exited"}
    m.sc_ok("stop", unit)


def test_run_as_other_user(bus_manager):
    """Example 3 (user=b'aleivag'): a user manager runs its units as its own user."""
    pytest.skip("user= switches to another user: a system manager's job (a user manager runs "
                "every unit as its own user)")


def test_run_env_nice_stdout_wait(bus_manager):
    """Example 4 without machine= (which needs systemd-machined and a container): /bin/env
    with wait=True, nice=3, stdout= an fd, env= a dict: the output shows the variables, among
    them SUPER_SECRET_PASSW=1234 and INVOCATION_ID."""
    m = bus_manager
    out_path = m.path("env.out")
    r = py(m, f"""
        import json, pystemd.run
        with open({out_path!r}, "w") as f:
            u = pystemd.run([b"/bin/sh", b"-c", b"env; echo NICE=$(nice)"], wait=True, nice=3,
                            stdout=f.fileno(), env={{b"SUPER_SECRET_PASSW": b"1234"}},
                            user_mode=True)
        print(json.dumps(None))
    """)
    assert r is None                    # without remain_after_exit, run() returns nothing useful
    lines = m.read("env.out").splitlines()
    assert "SUPER_SECRET_PASSW=1234" in lines
    assert "NICE=3" in lines
    assert any(re.fullmatch(r"INVOCATION_ID=[0-9a-f]{32}", x) for x in lines)
    assert any(x.startswith("PATH=") for x in lines)


def test_run_machine(bus_manager):
    pytest.skip("machine= connects to a container's bus through systemd-machined: none here")


# pystemd sizes the pty it makes from stdout (TIOCGWINSZ), which must be a terminal: the
# snippets give it one of their own and read what arrives there
OUTER_PTY = """
import json, os, pty, pystemd.run
outer_master, outer = pty.openpty()
os.set_blocking(outer_master, False)
def drain():
    data = b""
    while True:
        try:
            chunk = os.read(outer_master, 4096)
        except (BlockingIOError, OSError):
            return data.decode(errors="replace").replace("\\r", "")
        if not chunk:
            return data.decode(errors="replace").replace("\\r", "")
        data += chunk
"""


def test_run_pty_forwards_output(bus_manager):
    """Example 5, made non-interactive: pty=True gives the process a real terminal and
    forwards what it writes to stdout= (stdin= would be put in raw mode and forwarded: a
    terminal of a person's, not given here)."""
    m = bus_manager
    r = py(m, OUTER_PTY + """
pystemd.run([b"/bin/sh", b"-c", b"tty; test -t 0 && test -t 1 && echo both-are-ttys"],
            wait=True, pty=True, stdout=outer, user_mode=True)
print(json.dumps(drain()))
    """)
    assert re.search(r"^/dev/pts/\d+$", r, re.M), r
    assert "both-are-ttys" in r


def test_run_pty_master_and_path(bus_manager):
    """pty_path= connects the process to that terminal; with pty_master= and stdout= the
    output is forwarded for us."""
    m = bus_manager
    r = py(m, OUTER_PTY + """
master, follower = pty.openpty()
path = os.ttyname(follower).encode()
pystemd.run([b"/bin/sh", b"-c", b"tty"], wait=True, pty_master=master, pty_path=path,
            stdout=outer, user_mode=True)
print(json.dumps([path.decode(), drain()]))
    """)
    assert r[1].strip() == r[0]


def test_run_stdout_and_stderr_to_a_file(bus_manager):
    """Example 6: stdout=fd, stderr=fd of an open file: the file receives the output."""
    m = bus_manager
    out_path = m.path("pystemd_output")
    py(m, f"""
        import json, pystemd.run
        with open({out_path!r}, "w") as stdout:
            fd = stdout.fileno()
            unit = pystemd.run([b"/bin/sh", b"-c", b"echo omg!; echo err >&2"], stdout=fd, stderr=fd,
                               user_mode=True)
        print(json.dumps(0))
    """)
    m.wait_for(lambda: m.read("pystemd_output") == "omg!\nerr\n", what="the output in the file")


def test_run_stdin_from_a_file(bus_manager):
    """stdin= an fd: the process reads it."""
    m = bus_manager
    with open(m.path("in"), "w") as f:
        f.write("from a file\n")
    py(m, f"""
        import json, pystemd.run
        with open({m.path("in")!r}) as i, open({m.path("cat.out")!r}, "w") as o:
            pystemd.run([b"/bin/cat"], stdin=i.fileno(), stdout=o.fileno(), wait=True, user_mode=True)
        print(json.dumps(0))
    """)
    assert m.read("cat.out") == "from a file\n"


def test_run_stop_cmd_waits_for_mainpid(bus_manager):
    """Example 7: stop_cmd runs on Unit.Stop(b"replace"), which returns a job path; with
    ${MAINPID} set it waits for the main process (tail --pid) and then says so."""
    m = bus_manager
    out_path = m.path("stop.out")
    script = textwrap.dedent("""
        if [ -n "${MAINPID}" ]; then
            /bin/tail -f --pid ${MAINPID}
            echo we are done with $MAINPID
        else
            echo process not running
        fi
    """)
    r = py(m, f"""
        import json, pystemd.run
        with open({out_path!r}, "w") as f:
            u = pystemd.run("/bin/sleep 2", stop_cmd=["/bin/bash", "-c", {script!r}], stdout=f.fileno(),
                            user_mode=True)
            pid = u.Service.MainPID
            job = u.Unit.Stop(b"replace")
        print(json.dumps([job.decode(), pid, u.Unit.Id.decode()]))
    """)
    job, pid, unit = r
    assert re.fullmatch(r"/org/freedesktop/systemd1/job/\d+", job)
    assert pid > 0
    m.wait_for(lambda: f"we are done with {pid}\n" in m.read("stop.out", ""),
               what=f"ExecStop's message (the file has {m.read('stop.out')!r})")
    m.wait_for(lambda: m.prop(unit, "LoadState") == "not-found", what=f"{unit} collected")


def test_run_slice(bus_manager):
    """"Run a unit in a cgroup": slice_="my_amazing.slice" puts the unit in that slice (a user
    manager makes the slice itself; no mkdir in /sys/fs/cgroup needed)."""
    m = bus_manager
    r = py(m, """
        import json, pystemd.run
        u = pystemd.run([b"/bin/sleep", b"30"], slice_="my_amazing.slice", user_mode=True)
        print(json.dumps([u.Unit.Id.decode(), u.Service.Slice.decode()]))
    """)
    unit, slice_ = r
    assert slice_ == "my_amazing.slice"
    assert m.prop("my_amazing.slice", "ActiveState") == "active"
    cg = m.prop(unit, "ControlGroup")
    assert cg == "" or cg.endswith("/my_amazing.slice/" + unit)
    m.sc_ok("stop", unit)


def test_run_the_remaining_options(bus_manager):
    """The options the examples do not show: start_pre_cmd, start_post_cmd, stop_cmd,
    stop_post_cmd run in their order; name=, cwd=, service_type=, runtime_max_sec=,
    address= (the bus address itself), extra=, collect=."""
    m = bus_manager
    log = m.path("order")
    bus = f"unix:path={m.runtime_dir}/bus"

    def step(word):
        return f'[b"/bin/sh", b"-c", b"echo {word} >> {log}"]'
    r = py(m, f"""
        import json, pystemd.run
        u = pystemd.run([b"/bin/sh", b"-c", b"echo start $(pwd) >> {log}; exec sleep 30"],
                        name=b"py-options.service", cwd=b"/tmp", service_type=b"exec",
                        address={bus!r}.encode(), runtime_max_sec=60, remain_after_exit=True,
                        start_pre_cmd={step("pre")}, start_post_cmd={step("post")},
                        stop_cmd={step("stop")}, stop_post_cmd={step("stop-post")},
                        extra={{b"Description": b"all the options", b"CPUQuota": 0.5}})
        print(json.dumps([u.Unit.Description.decode(), u.Service.Type.decode(),
                          u.Service.RuntimeMaxUSec, u.Service.CPUQuotaPerSecUSec]))
    """)
    assert r == ["all the options", "exec", 60000000, 500000]
    m.wait_state("py-options.service", "active")
    m.sc_ok("stop", "py-options.service")
    order = m.read("order").splitlines()
    # ExecStartPost= runs once the main process is executed (Type=exec): its echo and the
    # main process's may come in either order
    assert order[0] == "pre" and sorted(order[1:3]) == ["post", "start /tmp"], order
    assert order[3:] == ["stop", "stop-post"], order

    # runtime_max_sec: past it the service is stopped and fails with "timeout"; collect=True
    # unloads it even then
    r = py(m, """
        import json, pystemd.run
        pystemd.run([b"/bin/sleep", b"30"], name=b"py-short.service", runtime_max_sec=1,
                    user_mode=True)
        pystemd.run([b"/bin/sleep", b"30"], name=b"py-short-collect.service", runtime_max_sec=1,
                    collect=True, user_mode=True)
        print(json.dumps(0))
    """)
    m.wait_state("py-short.service", "failed")
    assert m.prop("py-short.service", "Result") == "timeout"
    m.wait_for(lambda: m.prop("py-short-collect.service", "LoadState") == "not-found",
               what="py-short-collect.service collected")


# ====================================================================== 003: the workshop

def test_busctl_lists_the_manager(bus_manager):
    """`busctl` lists the peers and names on the bus; org.freedesktop.systemd1 is one with
    the manager's PID."""
    m = bus_manager
    rc, out, err = busctl(m, "list")
    assert rc == 0, err
    line = next((x for x in out.splitlines() if x.startswith("org.freedesktop.systemd1 ")), None)
    assert line, out
    pid = int(line.split()[1])
    with open(f"/proc/{pid}/comm") as f:
        assert f.read().strip() in ("stemd", "systemd")
    me = [x for x in out.splitlines() if x.split()[2:3] == ["busctl"]]
    assert me, "busctl sees itself as a peer"


def test_busctl_tree(myfirstservice):
    """`busctl tree org.freedesktop.systemd1`: the manager, its unit/ and job/ nodes, one
    object per unit, among them myfirstservice_2eservice."""
    m = myfirstservice
    rc, out, err = busctl(m, "tree", "org.freedesktop.systemd1")
    assert rc == 0, err
    paths = [x.split("/", 1)[1] for x in out.splitlines() if "/" in x]
    paths = ["/" + p.strip() for p in paths]
    for p in ("/org", "/org/freedesktop", "/org/freedesktop/systemd1", UNIT_PATH,
              UNIT_PATH + "/myfirstservice_2eservice", UNIT_PATH + "/_2d_2eslice"):
        assert p in paths, f"{p} not in:\n{out}"


def test_busctl_introspect_a_service(myfirstservice):
    """`busctl introspect` of the unit: the three standard interfaces, Service and Unit, with
    the members the workshop shows, their signatures and flags."""
    m = myfirstservice
    rc, out, err = busctl(m, "introspect", "org.freedesktop.systemd1", UNIT_PATH + "/myfirstservice_2eservice")
    assert rc == 0, err
    rows = {}
    for x in out.splitlines()[1:]:
        f = x.split()
        if f:
            rows[f[0]] = f
    for iface in ("org.freedesktop.DBus.Introspectable", "org.freedesktop.DBus.Peer",
                  "org.freedesktop.DBus.Properties", "org.freedesktop.systemd1.Service",
                  "org.freedesktop.systemd1.Unit"):
        assert rows[iface][1] == "interface"
    expect = {
        ".Introspect": ["method", "-", "s"],
        ".GetMachineId": ["method", "-", "s"],
        ".Ping": ["method", "-", "-"],
        ".Get": ["method", "ss", "v"],
        ".GetAll": ["method", "s", "a{sv}"],
        ".Set": ["method", "ssv", "-"],
        ".PropertiesChanged": ["signal", "sa{sv}as", "-"],
        ".AttachProcesses": ["method", "sau", "-"],
        ".GetProcesses": ["method", "-", "a(sus)"],
        ".Clean": ["method", "as", "-"],
        ".Kill": ["method", "si", "-"],
        ".Restart": ["method", "s", "o"],
        ".Start": ["method", "s", "o"],
        ".Stop": ["method", "s", "o"],
        ".ResetFailed": ["method", "-", "-"],
    }
    for member, want in expect.items():
        assert rows[member][1:4] == want, rows.get(member)
    assert rows[".ActiveState"][1:4] == ["property", "s", '"active"']
    assert rows[".ActiveState"][-1] == "emits-change"
    assert rows[".After"][1:3] == ["property", "as"] and rows[".After"][-1] == "const"
    assert rows[".ActiveEnterTimestamp"][-1] == "emits-change"


def test_busctl_get_property_and_properties_get(myfirstservice):
    """MainPID two ways: get-property prints `u PID`, Properties.Get prints `v u PID`."""
    m = myfirstservice
    pid = main_pid(m, "myfirstservice.service")
    path = UNIT_PATH + "/myfirstservice_2eservice"
    rc, out, _ = busctl(m, "get-property", "org.freedesktop.systemd1", path,
                        "org.freedesktop.systemd1.Service", "MainPID")
    assert (rc, out) == (0, f"u {pid}\n")
    rc, out, _ = busctl(m, "call", "org.freedesktop.systemd1", path, "org.freedesktop.DBus.Properties",
                        "Get", "ss", "org.freedesktop.systemd1.Service", "MainPID")
    assert (rc, out) == (0, f"v u {pid}\n")


def test_busctl_restart_returns_a_job_that_then_is_gone(myfirstservice):
    """`busctl call … Unit Restart s "replace"` prints the job's path; once the job is done,
    introspecting it fails with Unknown object; the service runs again with a new PID."""
    m = myfirstservice
    path = UNIT_PATH + "/myfirstservice_2eservice"
    before = main_pid(m, "myfirstservice.service")
    rc, out, err = busctl(m, "call", "org.freedesktop.systemd1", path, "org.freedesktop.systemd1.Unit",
                          "Restart", "s", "replace")
    assert rc == 0, err
    job = re.fullmatch(r'o "(/org/freedesktop/systemd1/job/\d+)"\n', out).group(1)
    m.wait_for(lambda: m.sc("list-jobs", "--no-legend")[1].strip() == "", what="the job done")
    rc, out, err = busctl(m, "introspect", "org.freedesktop.systemd1", job)
    assert rc == 1
    assert err == (f"Failed to introspect object {job} of service org.freedesktop.systemd1: "
                   f"Unknown object '{job}'.\n")
    assert m.prop("myfirstservice.service", "ActiveState") == "active"
    assert main_pid(m, "myfirstservice.service") not in (0, before)


def test_busctl_introspect_xml_has_clean(myfirstservice):
    """Introspectable.Introspect returns the XML; near the end, the method Clean with its
    `as` argument mask."""
    m = myfirstservice
    rc, out, err = busctl(m, "call", "org.freedesktop.systemd1", UNIT_PATH + "/myfirstservice_2eservice",
                          "org.freedesktop.DBus.Introspectable", "Introspect")
    assert rc == 0, err
    assert out.startswith('s "')
    assert re.search(r'<method name=\\"Clean\\">\s*(\\n)?\s*<arg type=\\"as\\" name=\\"mask\\" '
                     r'direction=\\"in\\"/>', out), out[-3000:]


def test_busctl_monitor_and_capture(myfirstservice):
    """`busctl monitor org.freedesktop.systemd1` shows the traffic of starting a unit (here
    with busctl: the workshop's `systemctl start` goes to a user manager's private socket);
    `busctl capture` writes it as pcap."""
    m = myfirstservice
    m.write_unit("other.service", "[Service]\nExecStart=/bin/sleep infinity\n")
    # line-buffered: a terminated busctl would lose what stdio still holds
    mon = subprocess.Popen(["stdbuf", "-oL", "busctl", "--user", "--no-pager", "monitor",
                            "org.freedesktop.systemd1"],
                           env=m.client_env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    cap = subprocess.Popen(["busctl", "--user", "capture", "org.freedesktop.systemd1"],
                           env=m.client_env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        time.sleep(2)                   # both have become monitors
        # over the bus: systemctl talks to a user manager on its private socket, and systemd
        # sends signals on the bus only to clients that asked for them (Subscribe, AddRef)
        rc, out, err = busctl(m, "call", "org.freedesktop.systemd1", "/org/freedesktop/systemd1",
                              "org.freedesktop.systemd1.Manager", "StartUnit", "ss", "other.service", "replace")
        assert rc == 0, err
        time.sleep(2)
    finally:
        mon.terminate()
        cap.terminate()
        text = mon.communicate(timeout=10)[0].decode(errors="replace")
        pcap = cap.communicate(timeout=10)[0]
    assert "Member=StartUnit" in text, text[-2000:]
    assert 'STRING "other.service";' in text
    assert "Type=method_return" in text
    assert pcap[:4] == b"\x0a\x0d\x0d\x0a"     # a pcapng section header block
    assert b"other.service" in pcap


def test_sdobject_three_ways_to_load(myfirstservice):
    """pystemd.base.SDObject with a path from dbuslib.path_encode: load(), _autoload=True,
    and a context manager all give Service.MainPID; Properties.Get gives it as an int;
    .Service, .Unit, .Properties and _interfaces; Peer.GetMachineId."""
    m = myfirstservice
    pid = main_pid(m, "myfirstservice.service")
    r = py(m, """
        import json, pystemd, pystemd.base, pystemd.dbuslib
        from pystemd.dbuslib import DBus
        service_path = pystemd.dbuslib.path_encode(b"/org/freedesktop/systemd1/unit", b"myfirstservice.service")
        with DBus(user_mode=True) as bus:
            sdobject = pystemd.base.SDObject("org.freedesktop.systemd1", service_path, bus=bus)
            sdobject.load()
            a = sdobject.Service.MainPID
            g = sdobject.Properties.Get("org.freedesktop.systemd1.Service", "MainPID")
            b = pystemd.base.SDObject("org.freedesktop.systemd1", service_path, bus=bus,
                                      _autoload=True).Service.MainPID
            with pystemd.base.SDObject("org.freedesktop.systemd1", service_path, bus=bus,
                                       _autoload=True) as o:
                c = o.Service.MainPID
            print(json.dumps([service_path.decode(), a, g, type(g).__name__, b, c,
                              repr(sdobject.Service), repr(sdobject.Unit), repr(sdobject.Properties),
                              sorted(sdobject._interfaces),
                              sdobject._interfaces["org.freedesktop.DBus.Peer"].GetMachineId().decode()]))
    """)
    assert r[0] == UNIT_PATH + "/myfirstservice_2eservice"
    assert r[1:6] == [pid, pid, "int", pid, pid]
    assert r[6] == f"<b'org.freedesktop.systemd1.Service' of {r[0]}>"
    assert r[7] == f"<b'org.freedesktop.systemd1.Unit' of {r[0]}>"
    assert r[8] == f"<b'org.freedesktop.DBus.Properties' of {r[0]}>"
    assert r[9] == ["org.freedesktop.DBus.Introspectable", "org.freedesktop.DBus.Peer",
                    "org.freedesktop.DBus.Properties", "org.freedesktop.systemd1.Service",
                    "org.freedesktop.systemd1.Unit"]
    assert re.fullmatch(r"[0-9a-f]{32}", r[10])
    with open("/etc/machine-id") as f:
        assert r[10] == f.read().strip()


def test_unit_and_manager_objects(myfirstservice):
    """pystemd.systemd1.Unit("myfirstservice.service", _autoload=True): Service.MainPID and
    Unit.Restart("replace") → a job path; Manager(_autoload=True).Manager."""
    m = myfirstservice
    pid = main_pid(m, "myfirstservice.service")
    r = py(m, """
        import json, pystemd.systemd1
        from pystemd.dbuslib import DBus
        with DBus(user_mode=True) as bus:
            sdunit = pystemd.systemd1.Unit("myfirstservice.service", bus=bus, _autoload=True)
            a = sdunit.Service.MainPID
            job = sdunit.Unit.Restart("replace")
            sdmanager = pystemd.systemd1.Manager(bus=bus, _autoload=True)
            print(json.dumps([a, job.decode(), repr(sdmanager.Manager)]))
    """)
    assert r[0] == pid
    assert re.fullmatch(r"/org/freedesktop/systemd1/job/\d+", r[1])
    assert r[2] == "<b'org.freedesktop.systemd1.Manager' of /org/freedesktop/systemd1>"
    m.wait_state("myfirstservice.service", "active")


SHELL_CODE = """
import json, os, sys, time
import pystemd.dbuslib, pystemd.systemd1
from pystemd.dbuslib import DBus
out = {}
with DBus(user_mode=True) as bus:
    sdmanager = pystemd.systemd1.Manager(bus=bus, _autoload=True)
    sdpath = sdmanager.Manager.GetUnitByPID(os.getpid())
    out["path"] = sdpath.decode()
    out["decoded"] = pystemd.dbuslib.path_decode(sdpath, b"/org/freedesktop/systemd1/unit").decode()
    out["procs"] = [[c.decode(), p, cmd.decode()] for c, p, cmd in
                    sdmanager.Manager.GetUnitProcesses(out["decoded"].encode())]
    out["pid"] = os.getpid()
    sdmanager.Manager.AttachProcessesToUnit("myfirstservice.service", "/", [os.getpid()])
    out["after"] = sdmanager.Manager.GetUnitByPID(os.getpid()).decode()
    print(json.dumps(out), flush=True)
    sdmanager.Manager.StopUnit("myfirstservice.service", "replace")
    time.sleep(30)
    print("still alive", flush=True)
"""


def test_get_unit_by_pid_processes_attach_and_stop(myfirstservice):
    """GetUnitByPID(os.getpid()) and path_decode give the unit the Python shell runs in;
    GetUnitProcesses lists its processes; with Delegate=true on myfirstservice,
    AttachProcessesToUnit moves the shell there, and stopping the service ends the shell
    ("Terminated"). The shell runs in a unit of its own (the workshop's session-3.scope):
    here a transient service."""
    m = myfirstservice
    if not m.ref and not os.access("/sys/fs/cgroup", os.W_OK):
        pytest.skip("no writable cgroup file system: processes cannot be moved between units")
    m.write_unit("myfirstservice.service", "[Service]\nDelegate=true\n", dropin="delegate.conf")
    m.sc_ok("daemon-reload")
    m.sc_ok("restart", "myfirstservice.service")
    with open(m.path("shell.py"), "w") as f:
        f.write(SHELL_CODE)
    rc, out, err = m.run("systemd-run", "--user", "--pipe", "--wait", "-q", "--unit=pyshell",
                         "-E", "XDG_RUNTIME_DIR=" + m.runtime_dir, PYTHON, m.path("shell.py"),
                         timeout=60)
    assert "still alive" not in out
    r = json.loads(out.splitlines()[0])
    assert r["path"] == UNIT_PATH + "/pyshell_2eservice"
    assert r["decoded"] == "pyshell.service"
    assert [r["pid"], PYTHON + " " + m.path("shell.py")] in [[p[1], p[2]] for p in r["procs"]]
    assert all(p[0].endswith("/pyshell.service") for p in r["procs"])
    assert r["after"] == UNIT_PATH + "/myfirstservice_2eservice"
    assert m.prop("myfirstservice.service", "ActiveState") in ("inactive", "failed")


def test_pystemd_run_sleep_infinity_status_and_cat(bus_manager):
    """pystemd.run(["/usr/bin/sleep", "infinity"]): MainPID, Service.GetProcesses(), an Id
    pystemd<32 hex>.service; `systemctl status` says loaded from the transient directory,
    transient, active (running); `systemctl cat` shows the generated file; unit.Stop."""
    m = bus_manager
    r = py(m, """
        import json, pystemd.run
        unit = pystemd.run(["/usr/bin/sleep", "infinity"], user_mode=True)
        print(json.dumps([unit.Unit.Id.decode(), unit.Service.MainPID,
                          [[c.decode(), p, cmd.decode()] for c, p, cmd in unit.Service.GetProcesses()]]))
    """)
    unit, pid, procs = r
    assert re.fullmatch(r"pystemd[0-9a-f]{32}\.service", unit)
    assert pid > 0
    assert [[p[1], p[2]] for p in procs] == [[pid, "/usr/bin/sleep infinity"]]
    transient = os.path.join(m.runtime_dir, "systemd", "transient", unit)
    rc, out, _ = m.sc("status", unit)
    assert rc == 0
    lines = [x.strip() for x in out.splitlines()]
    assert lines[0] in (f"● {unit} - pystemd: {unit}", f"* {unit} - pystemd: {unit}")  # C locale: *
    assert f"Loaded: loaded ({transient}; transient)" in lines
    assert "Transient: yes" in lines
    assert any(x.startswith("Active: active (running) since ") for x in lines)
    assert f"Main PID: {pid} (sleep)" in lines
    assert m.sc_ok("cat", unit) == textwrap.dedent(f"""\
        # {transient}
        # This is a transient unit file, created programmatically via the systemd API. Do not edit.
        [Unit]
        Description=pystemd: {unit}

        [Service]
        ExecStart=
        ExecStart="/usr/bin/sleep" "infinity"
        RemainAfterExit=no
    """)
    r = py(m, f"""
        import json, pystemd.systemd1
        from pystemd.dbuslib import DBus
        with DBus(user_mode=True) as bus:
            unit = pystemd.systemd1.Unit({unit!r}, bus=bus, _autoload=True)
            print(json.dumps(unit.Stop(b"replace").decode()))
    """)
    assert re.fullmatch(r"/org/freedesktop/systemd1/job/\d+", r)
    m.wait_for(lambda: m.prop(unit, "LoadState") == "not-found", what=f"{unit} collected")


def test_pystemd_run_env_to_stdout(bus_manager):
    """pystemd.run(["/usr/bin/env"], stdout=…, wait=True, env={"FOO": "bar"}): the output
    has FOO=bar, INVOCATION_ID and SYSTEMD_EXEC_PID (the process's own PID)."""
    m = bus_manager
    py(m, f"""
        import json, pystemd.run
        with open({m.path("env")!r}, "w") as f:
            # the shell's own PID without "$$", which the manager would make "$" (systemd.service(5))
            pystemd.run(["/bin/sh", "-c", "read s _ < /proc/self/stat; echo SELF=$s; exec /usr/bin/env"],
                        stdout=f, wait=True,
                        env={{"FOO": "bar"}}, user_mode=True)
        print(json.dumps(0))
    """)
    lines = m.read("env").splitlines()
    assert "FOO=bar" in lines
    assert any(re.fullmatch(r"INVOCATION_ID=[0-9a-f]{32}", x) for x in lines)
    self_pid = next(x for x in lines if x.startswith("SELF="))[5:]
    assert f"SYSTEMD_EXEC_PID={self_pid}" in lines


def test_pystemd_run_cpuquota_and_stop(bus_manager):
    """pystemd.run("… --cpu 1", extra={"CPUQuota": 0.1}) limits the unit to 10% of a CPU
    (CPUQuotaPerSecUSec=100ms); unit.Stop(b"replace") returns a job path. A sleep stands in
    for stress(1)."""
    m = bus_manager
    r = py(m, """
        import json, pystemd.run
        unit = pystemd.run("/bin/sleep 60", extra={"CPUQuota": 0.1}, user_mode=True)
        q = unit.Service.CPUQuotaPerSecUSec
        print(json.dumps([unit.Unit.Id.decode(), q, unit.Stop(b"replace").decode()]))
    """)
    unit, quota, job = r
    assert quota == 100000
    assert re.fullmatch(r"/org/freedesktop/systemd1/job/\d+", job)
    m.wait_for(lambda: m.prop(unit, "LoadState") == "not-found", what=f"{unit} collected")


def test_pystemd_futures(bus_manager):
    pytest.skip("pystemd.futures is not in Debian's pystemd 0.11, and its examples run as "
                "User=nobody, which a user manager cannot do")


def test_daemon_notify_status(bus_manager):
    """pystemd-name-server.service, a Type=notify service that has not said READY=1, is
    "activating (start)"; pystemd.daemon.notify(False, status="procastinating") returns 1 and
    `systemctl status` shows Status: "procastinating"."""
    m = bus_manager
    code = ("import pystemd.daemon, sys, time\n"
            "r = pystemd.daemon.notify(False, status='procastinating')\n"
            f"open({m.path('notify.rc')!r}, 'w').write(str(r))\n"
            "time.sleep(60)\n")
    py(m, f"""
        import json, pystemd.run
        pystemd.run([{PYTHON!r}, "-c", {code!r}], name=b"pystemd-name-server.service",
                    service_type=b"notify", user_mode=True)
        print(json.dumps(0))
    """)
    m.wait_for(lambda: m.read("notify.rc") == "1", what="notify() returned 1")
    m.wait_for(lambda: m.prop("pystemd-name-server.service", "StatusText") == "procastinating",
               what="the status text")
    rc, out, _ = m.sc("status", "pystemd-name-server.service")
    lines = [x.strip() for x in out.splitlines()]
    assert lines[0][1:] == " pystemd-name-server.service - pystemd: pystemd-name-server.service"
    assert any(x.startswith("Active: activating (start) since ") for x in lines), out
    assert 'Status: "procastinating"' in lines
    assert rc == 3                      # not active (yet)
    m.sc_ok("stop", "pystemd-name-server.service")
