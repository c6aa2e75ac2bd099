# Transient units (issue 5): StartTransientUnit as systemd-run --user drives it, on the private
# socket (plain, --unit, -p, --scope …) and on the user bus broker (--wait, --pipe, --pty); the
# unit file written to the transient directory; garbage collection per CollectMode=; and bad
# input over the bus — unknown properties, wrong signatures, invalid fds, huge arrays, invalid
# names — answered with systemd's errors while the manager lives on. Raw calls are made with a
# small D-Bus marshaller of our own on the private socket, so that malformed messages can be
# sent at all.
import glob
import os
import shutil
import socket
import struct
import subprocess
import time

import pytest

BUS_UNITS = ("/usr/lib/systemd/user/dbus.socket", "/usr/lib/systemd/user/dbus.service")
HAVE_BROKER = all(os.path.exists(p) for p in BUS_UNITS + ("/usr/bin/dbus-daemon",))
needs_broker = pytest.mark.skipif(not HAVE_BROKER, reason="dbus-daemon or its user units are not installed")


def run(m, *args, input=None, timeout=None):
    return m.run("systemd-run", "--user", *args, input=input, timeout=timeout)


def transient_files(m):
    return sorted(os.listdir(os.path.join(m.runtime_dir, "systemd", "transient"))) \
        if os.path.isdir(os.path.join(m.runtime_dir, "systemd", "transient")) else []


def loaded(m, pattern):
    rc, out, _ = m.sc("list-units", "--all", "--plain", "--no-legend", pattern)
    return [line.split()[0] for line in out.splitlines() if line.strip()]


def gone(m, unit):
    """The unit was collected: nothing loaded under that name (show loads a stub, not-found)."""
    return m.prop(unit, "LoadState") == "not-found" and unit not in transient_files(m)


def wait_broker(m):
    def owned():
        rc, out, _ = m.run("busctl", "--user", "--no-pager", "get-property", "org.freedesktop.systemd1",
                           "/org/freedesktop/systemd1", "org.freedesktop.systemd1.Manager", "Version")
        return rc == 0
    m.wait_for(owned, what="org.freedesktop.systemd1 on the user bus")


def fd_count(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


# ------------------------------------------------------------------ the private socket

def test_plain_run_is_collected_with_its_file(manager):
    rc, out, err = run(manager, "/bin/true")
    assert rc == 0, err
    assert err.startswith("Running as unit: run-r") and err.strip().endswith(".service")
    name = err.split(":", 1)[1].strip()
    manager.wait_for(lambda: gone(manager, name), what=f"{name} collected")
    assert transient_files(manager) == []


def test_unit_description_properties_and_file(manager):
    rc, _, err = run(manager, "--unit=tr-named", "--description=a named one", "-p", "RuntimeMaxSec=50",
                     "-p", "Restart=on-failure", "-p", "KillSignal=SIGINT", "-p", "LimitNOFILE=1024",
                     "-p", "MemoryMax=100M", "-p", "CPUQuota=20%", "-p", "TasksMax=50",
                     "-p", "SuccessExitStatus=3 SIGUSR1", "-p", "After=tr-other.service",
                     "-p", "StandardOutput=file:" + manager.path("out"),
                     "/bin/sh", "-c", 'echo "100% $0" "%n"; exec sleep 300')
    assert rc == 0 and err == "Running as unit: tr-named.service\n", err
    p = manager.props("tr-named.service", "Description", "Transient", "LoadState", "ActiveState",
                      "RuntimeMaxUSec", "Restart", "KillSignal", "LimitNOFILE", "MemoryMax",
                      "CPUQuotaPerSecUSec", "TasksMax", "SuccessExitStatus", "FragmentPath",
                      "UnitFileState")
    assert p == {"Description": "a named one", "Transient": "yes", "LoadState": "loaded",
                 "ActiveState": "active", "RuntimeMaxUSec": "50s", "Restart": "on-failure",
                 "KillSignal": "2", "LimitNOFILE": "1024", "MemoryMax": "104857600",
                 "CPUQuotaPerSecUSec": "200ms", "TasksMax": "50", "SuccessExitStatus": "3 USR1",
                 "FragmentPath": os.path.join(manager.runtime_dir, "systemd/transient/tr-named.service"),
                 "UnitFileState": "transient"}
    assert "tr-other.service" in manager.prop("tr-named.service", "After").split()
    # specifiers are not expanded in what the client sent
    manager.wait_for(lambda: manager.read("out"), what="output")
    assert manager.read("out") == "100% /bin/sh %n\n"
    # systemctl cat and status show the transient file
    out = manager.sc_ok("cat", "tr-named.service")
    assert "# This is a transient unit file" in out and "RuntimeMaxSec=50s" in out
    assert "transient" in manager.sc("status", "tr-named.service")[1]
    # the name is taken while the unit exists
    rc, _, err = run(manager, "--unit=tr-named", "/bin/true")
    assert rc == 1
    assert err == "Failed to start transient service unit: Unit tr-named.service was already " \
                  "loaded or has a fragment file.\n"
    manager.sc_ok("stop", "tr-named.service")
    manager.wait_for(lambda: gone(manager, "tr-named.service"), what="tr-named collected")


def test_unit_file_of_that_name_blocks(manager):
    manager.write_unit("tr-file.service", "[Service]\nExecStart=/bin/sleep 300\n")
    rc, _, err = run(manager, "--unit=tr-file", "/bin/true")
    assert rc == 1 and "was already loaded or has a fragment file" in err


def test_environment_cwd_nice(manager):
    os.environ["FROM_CLIENT"] = "client value"
    try:
        rc, _, err = manager.run("systemd-run", "--user", "--unit=tr-env", "--service-type=oneshot",
                                 "-E", "A=1", "--setenv=B=two words", "-p", "Environment=C=3",
                                 "--working-directory=/tmp", "--nice=5",
                                 "sh", "-c", 'echo "$A|$B|$C|$(pwd)|$(nice)" > ' + manager.path("env"))
    finally:
        del os.environ["FROM_CLIENT"]
    assert rc == 0, err
    assert manager.read("env") == "1|two words|3|/tmp|5\n"
    # --same-dir: the client's working directory (the scratch directory)
    rc, _, err = run(manager, "--unit=tr-same", "--service-type=oneshot", "--same-dir",
                     "sh", "-c", "pwd > same")
    assert rc == 0, err
    assert manager.read("same") == manager.tmp + "\n"


def test_oneshot_remain_after_exit_quiet(manager):
    rc, out, err = run(manager, "-q", "--unit=tr-remain", "--service-type=oneshot", "--remain-after-exit",
                       "/bin/true")
    assert (rc, out, err) == (0, "", "")
    assert manager.props("tr-remain.service", "ActiveState", "SubState", "Type", "RemainAfterExit") == \
        {"ActiveState": "active", "SubState": "exited", "Type": "oneshot", "RemainAfterExit": "yes"}
    manager.sc_ok("stop", "tr-remain.service")
    manager.wait_for(lambda: gone(manager, "tr-remain.service"), what="collected")


def test_failed_units_stay_unless_collect(manager):
    rc, _, err = run(manager, "-q", "--unit=tr-fail", "--service-type=oneshot", "sh", "-c", "exit 6")
    assert rc == 1
    assert manager.props("tr-fail.service", "LoadState", "ActiveState", "Result", "ExecMainStatus") == \
        {"LoadState": "loaded", "ActiveState": "failed", "Result": "exit-code", "ExecMainStatus": "6"}
    assert "tr-fail.service" in transient_files(manager)
    manager.sc_ok("reset-failed", "tr-fail.service")
    manager.wait_for(lambda: gone(manager, "tr-fail.service"), what="collected after reset-failed")
    rc, _, _ = run(manager, "-q", "--collect", "--unit=tr-collect", "--service-type=oneshot", "sh", "-c", "exit 6")
    assert rc == 1
    manager.wait_for(lambda: gone(manager, "tr-collect.service"), what="collected with --collect")


def test_slice(manager):
    rc, _, err = run(manager, "--unit=tr-slice", "--slice=tr", "sleep", "300")
    assert rc == 0, err
    assert manager.prop("tr-slice.service", "Slice") == "tr.slice"
    assert manager.prop("tr.slice", "ActiveState") == "active"
    manager.sc_ok("stop", "tr-slice.service")


def test_unknown_property_refused_client_side(manager):
    rc, _, err = run(manager, "--unit=tr-bad", "-p", "NoSuchProperty=1", "/bin/true")
    assert rc == 1 and "Unknown assignment: NoSuchProperty=1" in err


def test_invalid_environment_block(manager):
    rc, _, err = run(manager, "--unit=tr-env3", "-p", "Environment=B=two words", "/bin/true")
    assert rc == 1 and err == "Failed to start transient service unit: Invalid environment block.\n"
    assert gone(manager, "tr-env3.service")


def test_scope(manager):
    rc, out, err = run(manager, "--scope", "--unit=tr-scope", "--slice=trs",
                       "sh", "-c", "echo id=${#INVOCATION_ID}; systemctl --user show -p ActiveState,SubState tr-scope.scope")
    assert rc == 0, err
    assert "Running scope as unit: tr-scope.scope" in err
    assert out == "id=32\nActiveState=active\nSubState=running\n"
    assert manager.prop("trs.slice", "ActiveState") == "active"
    manager.wait_for(lambda: gone(manager, "tr-scope.scope"), what="scope collected")
    rc, out, err = run(manager, "--scope", "-q", "sh", "-c", "exit 7")
    assert (rc, out, err) == (7, "", "")


def test_scope_interface(manager):
    """org.freedesktop.systemd1.Scope through busctl on the user bus: the scope's properties,
    GetProcesses, AttachProcesses, Abandon"""
    wait_broker(manager)
    path = "/org/freedesktop/systemd1/unit/tr_2diface_2escope"
    iface = "org.freedesktop.systemd1.Scope"

    def busctl(*args):
        rc, out, err = manager.run("busctl", "--user", "--no-pager", *args)
        assert rc == 0, err
        return out.strip()

    scope = subprocess.Popen(["systemd-run", "--user", "--scope", "--unit=tr-iface", "-q",
                              "-p", "RuntimeMaxSec=77", "-p", "TimeoutStopSec=12", "-p", "KillMode=mixed",
                              "-p", "Delegate=yes", "sleep", "300"], env=manager.client_env, cwd=manager.tmp,
                             stdin=subprocess.DEVNULL)
    plain = subprocess.Popen(["systemd-run", "--user", "--scope", "--unit=tr-plain", "-q", "sleep", "300"],
                             env=manager.client_env, cwd=manager.tmp, stdin=subprocess.DEVNULL)
    other = subprocess.Popen(["sleep", "300"])
    try:
        for u in ("tr-iface.scope", "tr-plain.scope"):
            manager.wait_for(lambda: manager.prop(u, "SubState") == "running", what=f"{u} running")
        get = lambda p: busctl("get-property", "org.freedesktop.systemd1", path, iface, p)  # noqa: E731
        assert get("RuntimeMaxUSec") == "t 77000000"
        assert get("TimeoutStopUSec") == "t 12000000"
        assert get("KillMode") == 's "mixed"'
        assert get("Delegate") == "b true"
        assert get("Result") == 's "success"'
        assert get("OOMPolicy") == 's "continue"'           # the default where Delegate= is on
        assert manager.prop("tr-plain.scope", "OOMPolicy") == "stop"
        assert get("Controller") == 's ""'
        assert get("ControlGroup").startswith('s "/') and get("ControlGroup").endswith('/tr-iface.scope"')

        procs = busctl("call", "org.freedesktop.systemd1", path, iface, "GetProcesses")
        assert f" {scope.pid} " in procs and "sleep 300" in procs
        # only into a delegated unit, as systemd
        rc, _, err = manager.run("busctl", "--user", "call", "org.freedesktop.systemd1",
                                 path.replace("iface", "plain"), iface, "AttachProcesses", "sau", "", "1",
                                 str(other.pid))
        assert rc != 0 and "Process migration not available on non-delegated units." in err
        busctl("call", "org.freedesktop.systemd1", path, iface, "AttachProcesses", "sau", "", "1", str(other.pid))
        procs = busctl("call", "org.freedesktop.systemd1", path, iface, "GetProcesses")
        assert f" {other.pid} " in procs

        busctl("call", "org.freedesktop.systemd1", path, iface, "Abandon")
        assert manager.prop("tr-iface.scope", "SubState") == "abandoned"
    finally:
        for p in (scope, plain, other):
            p.terminate()
            p.wait()
    manager.wait_for(lambda: gone(manager, "tr-iface.scope"), what="abandoned scope collected")
    rc, _, err = manager.run("busctl", "--user", "call", "org.freedesktop.systemd1", path, iface, "Abandon")
    assert rc != 0


def test_service_attach_processes(manager):
    """Service.AttachProcesses: into a service with Delegate=, not into one without"""
    wait_broker(manager)
    for name, delegate in (("tr-deleg", "yes"), ("tr-nodeleg", "no")):
        rc, _, err = run(manager, f"--unit={name}", "-p", f"Delegate={delegate}", "sleep", "300")
        assert rc == 0, err
        manager.wait_state(f"{name}.service", "active")
    other = subprocess.Popen(["sleep", "300"])
    try:
        def attach(unit):
            return manager.run("busctl", "--user", "call", "org.freedesktop.systemd1",
                               f"/org/freedesktop/systemd1/unit/{unit.replace('-', '_2d')}_2eservice",
                               "org.freedesktop.systemd1.Service", "AttachProcesses", "sau", "", "1",
                               str(other.pid))
        rc, _, err = attach("tr-nodeleg")
        assert rc != 0 and "Process migration not available on non-delegated units." in err
        rc, _, err = attach("tr-deleg")
        if manager.prop("tr-deleg.service", "ControlGroup") == "":
            assert rc != 0      # no cgroup to move it into (a manager without cgroup v2)
            return
        assert rc == 0, err
        rc, out, err = manager.run("busctl", "--user", "call", "org.freedesktop.systemd1",
                                   "/org/freedesktop/systemd1/unit/tr_2ddeleg_2eservice",
                                   "org.freedesktop.systemd1.Service", "GetProcesses")
        assert rc == 0 and f" {other.pid} " in out, err
    finally:
        other.terminate()
        other.wait()
    manager.sc_ok("stop", "tr-deleg.service", "tr-nodeleg.service")


def test_scope_only_transient(manager):
    """a scope is made over the bus only: with a file of its own, or none, it is not found"""
    manager.write_unit("file.scope", "[Scope]\nRuntimeMaxSec=5\n")
    for name in ("file.scope", "nofile.scope"):
        p = manager.props(name, "LoadState", "LoadError", "FragmentPath")
        assert p == {"LoadState": "not-found", "FragmentPath": "",
                     "LoadError": f'org.freedesktop.systemd1.NoSuchUnit "Unit {name} not found."'}
    rc, _, err = manager.sc("start", "file.scope")
    assert rc == 5 and "Unit file.scope not found." in err


def test_resource_control_enforced_or_warned(manager):
    """CPUQuota=, MemoryMax=, TasksMax= are shown as set; where the manager's cgroup offers the
    controller they are in the unit's cgroup files, elsewhere the log says they are not enforced"""
    rc, _, err = run(manager, "--unit=tr-rc", "-p", "CPUQuota=20%", "-p", "MemoryMax=10M",
                     "-p", "TasksMax=7", "sleep", "300")
    assert rc == 0, err
    manager.wait_state("tr-rc.service", "active")
    p = manager.props("tr-rc.service", "CPUQuotaPerSecUSec", "MemoryMax", "TasksMax", "ControlGroup")
    assert (p["CPUQuotaPerSecUSec"], p["MemoryMax"], p["TasksMax"]) == ("200ms", "10485760", "7")

    roots = [d for d in manager.cgroup.dirs if os.path.exists(os.path.join(d, "cgroup.controllers"))]
    available = open(os.path.join(roots[0], "cgroup.controllers")).read().split() if roots else []
    base = os.path.dirname(roots[0]) if roots else None
    expected = [("cpu", "cpu.max", "20000 100000", "CPUQuota"), ("memory", "memory.max", "10485760", "MemoryMax"),
                ("pids", "pids.max", "7", "TasksMax")]
    for controller, f, value, setting in expected:
        if controller in available and p["ControlGroup"]:
            with open(base + p["ControlGroup"] + "/" + f) as fh:
                assert fh.read().strip() == value, f
        elif not manager.ref:
            manager.wait_for(lambda: f"tr-rc.service: {setting}= is set, but " in manager.log() and
                             "not enforced." in manager.log(), what=f"the warning about {setting}=")
    manager.sc_ok("stop", "tr-rc.service")


def test_no_block(manager):
    rc, _, err = run(manager, "--no-block", "--unit=tr-nb", "/bin/true")
    assert rc == 0 and "Running as unit: tr-nb.service" in err
    manager.wait_for(lambda: gone(manager, "tr-nb.service"), what="collected")


def test_flood_leaves_nothing(manager):
    n = int(os.environ.get("STEMD_TEST_FLOOD", "1000"))
    for _ in range(20):                 # warm up: the first calls allocate for good
        assert run(manager, "-q", "/bin/true")[0] == 0
    manager.wait_for(lambda: loaded(manager, "run-*") == [], what="warm-up units collected")
    before = fd_count(manager.pid)
    for i in range(n):
        rc, _, err = run(manager, "-q", "/bin/true")
        assert rc == 0, f"call {i}: {err}"
    manager.wait_for(lambda: loaded(manager, "run-*") == [], what="flood units collected")
    manager.wait_for(lambda: transient_files(manager) == [], what="transient files removed")
    # the last clients' connections close asynchronously: allow them a moment
    manager.wait_for(lambda: fd_count(manager.pid) <= before,
                     what=f"the manager's fds back to {before} (now {fd_count(manager.pid)})")


# ------------------------------------------------------------------ the broker

@needs_broker
def test_wait_summary_and_status(manager):
    wait_broker(manager)
    rc, out, err = run(manager, "--wait", "--unit=tr-w3", "sh", "-c", "exit 3")
    assert rc == 3
    lines = err.splitlines()
    assert lines[:3] == ["Running as unit: tr-w3.service", "Finished with result: exit-code",
                         "Main processes terminated with: code=exited/status=3"]
    assert lines[3].startswith("Service runtime: ")
    rc, out, err = run(manager, "--wait", "-q", "--unit=tr-w0", "true")
    assert (rc, out, err) == (0, "", "")
    manager.wait_for(lambda: gone(manager, "tr-w0.service"), what="collected")
    # the AddRef= reference went with the client's bus name
    assert manager.prop("tr-w3.service", "ActiveState") == "failed"
    manager.sc_ok("reset-failed")
    manager.wait_for(lambda: gone(manager, "tr-w3.service"), what="collected after reset-failed")


@needs_broker
def test_ref_held_by_a_broker_client(manager):
    """Unit.Ref() on the broker keeps a unit loaded while the client's name lives; Unref()
    drops it; a client that leaves (also right after Ref()) drops its references"""
    dbus = pytest.importorskip("dbus")
    wait_broker(manager)
    manager.write_unit("held.service", "[Service]\nExecStart=/bin/true\n")
    path = "/org/freedesktop/systemd1/unit/held_2eservice"

    def listed():
        return loaded(manager, "held.service") == ["held.service"]

    def connect():
        return dbus.bus.BusConnection(f"unix:path={manager.runtime_dir}/bus")

    def unit(conn):
        return dbus.Interface(conn.get_object("org.freedesktop.systemd1", path), "org.freedesktop.systemd1.Unit")

    conn = connect()
    unit(conn).Ref()
    unit(conn).Ref()
    manager.wait_for(listed, what="held.service loaded")
    unit(conn).Unref()
    time.sleep(0.2)
    assert listed()                             # the second reference still holds it
    unit(conn).Unref()
    manager.wait_for(lambda: not listed(), what="held.service collected after Unref")
    with pytest.raises(dbus.exceptions.DBusException) as e:
        unit(conn).Unref()
    assert e.value.get_dbus_name() == "org.freedesktop.systemd1.NotReferenced"

    unit(conn).Ref()
    manager.wait_for(listed, what="held.service loaded again")
    conn.close()
    manager.wait_for(lambda: not listed(), what="held.service collected after its client left")

    # a client gone before its name could be watched
    for _ in range(20):
        c = connect()
        unit(c).Ref()
        c.close()
    manager.wait_for(lambda: not listed(), what="held.service collected after 20 short clients")


@needs_broker
def test_pipe(manager):
    wait_broker(manager)
    rc, out, err = run(manager, "-q", "--pipe", "--unit=tr-cat", "cat", input="from stdin\n")
    assert (rc, out, err) == (0, "from stdin\n", "")
    rc, out, err = run(manager, "-q", "--pipe", "--unit=tr-both", "sh", "-c", "echo out; echo err >&2; exit 4")
    assert (rc, out, err) == (4, "out\n", "err\n")
    # the service runs in the manager, not as the client's child
    rc, out, err = run(manager, "-q", "--pipe", "sh", "-c", 'echo "${INVOCATION_ID:+set}"')
    assert (rc, out) == (0, "set\n"), err


@needs_broker
def test_pty(manager):
    if shutil.which("script") is None:
        pytest.skip("script(1) is not installed")
    wait_broker(manager)
    rc, out, err = manager.run("script", "-qec", "systemd-run --user -q --pty --unit=tr-pty sh -c 'tty; exit 4'",
                               "/dev/null")
    assert rc == 4, out + err
    assert "/dev/pts/" in out


# ------------------------------------------------------------------ raw bus calls

class RawBus:
    """A peer-to-peer D-Bus connection to the private socket, little-endian, with fds."""

    def __init__(self, m):
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.s.settimeout(20)
        self.s.connect(m.socket)
        self.s.sendall(b"\0AUTH EXTERNAL\r\nDATA\r\nNEGOTIATE_UNIX_FD\r\nBEGIN\r\n")
        buf = b""
        while b"AGREE_UNIX_FD\r\n" not in buf:
            chunk = self.s.recv(4096)
            assert chunk, f"authentication failed: {buf!r}"
            buf += chunk
        self.serial = 0

    def close(self):
        self.s.close()

    @staticmethod
    def pad(b, n):
        return b + b"\0" * ((-len(b)) % n)

    def call(self, member, sig, body, fds=(), unix_fds=None):
        self.serial += 1
        fields = b""

        def field(code, sigch, value):
            nonlocal fields
            fields = self.pad(fields, 8)
            fields += bytes([code]) + b"\x01" + sigch + b"\0"
            if sigch == b"u":
                fields = self.pad(fields, 4) + struct.pack("<I", value)
            elif sigch == b"g":
                fields += bytes([len(value)]) + value + b"\0"
            else:
                fields = self.pad(fields, 4) + struct.pack("<I", len(value)) + value + b"\0"
        field(1, b"o", b"/org/freedesktop/systemd1")
        field(2, b"s", b"org.freedesktop.systemd1.Manager")
        field(3, b"s", member.encode())
        field(6, b"s", b"org.freedesktop.systemd1")
        field(8, b"g", sig.encode())
        if unix_fds is None:
            unix_fds = len(fds)
        if unix_fds:
            field(9, b"u", unix_fds)
        head = b"l\x01\x00\x01" + struct.pack("<III", len(body), self.serial, len(fields)) + fields
        msg = self.pad(head, 8) + body
        anc = [(socket.SOL_SOCKET, socket.SCM_RIGHTS, struct.pack(f"{len(fds)}i", *fds))] if fds else []
        self.s.sendmsg([msg], anc)
        return self.reply()

    def reply(self):
        def recv_exact(n):
            b = b""
            while len(b) < n:
                c = self.s.recv(n - len(b))
                if not c:
                    raise ConnectionError("connection closed")
                b += c
            return b
        while True:
            fixed = recv_exact(16)
            body_len, serial, flen = struct.unpack("<III", fixed[4:16])
            rest = recv_exact(flen + ((-(16 + flen)) % 8) + body_len)
            mtype = fixed[1]
            if mtype in (2, 3):                 # method return, error
                name = b""
                if mtype == 3:
                    # the error name field (4, "s"): find it in the header fields
                    f = rest[:flen]
                    i = 0
                    while i < len(f):
                        i += (-i) % 8
                        code, siglen = f[i], f[i + 1]
                        sigch = f[i + 2:i + 2 + siglen]
                        j = i + 3 + siglen
                        if sigch == b"g":
                            n = f[j]
                            j += 1 + n + 1
                        elif sigch == b"u":
                            j += (-j) % 4 + 4
                        else:
                            j += (-j) % 4
                            n = struct.unpack("<I", f[j:j + 4])[0]
                            if code == 4:
                                name = f[j + 4:j + 4 + n]
                            j += 4 + n + 1
                        i = j
                body = rest[len(rest) - body_len:]
                msg = b""
                if mtype == 3 and body_len >= 4:
                    n = struct.unpack("<I", body[:4])[0]
                    msg = body[4:4 + n]
                return mtype, name.decode(), msg.decode(errors="replace")


class Marshal:
    """Just enough of the D-Bus wire format for StartTransientUnit's arguments."""

    def __init__(self):
        self.b = b""

    def align(self, n):
        self.b += b"\0" * ((-len(self.b)) % n)

    def s(self, v):
        v = v.encode() if isinstance(v, str) else v
        self.align(4)
        self.b += struct.pack("<I", len(v)) + v + b"\0"

    def g(self, v):
        self.b += bytes([len(v)]) + v.encode() + b"\0"

    def u(self, v):
        self.align(4)
        self.b += struct.pack("<I", v)

    def i(self, v):
        self.align(4)
        self.b += struct.pack("<i", v)

    def boolean(self, v):
        self.u(1 if v else 0)

    def array(self, align, items):
        """items: callables that marshal one element each"""
        self.align(4)
        at = len(self.b)
        self.b += b"\0\0\0\0"
        self.align(align)
        start = len(self.b)
        for f in items:
            f()
        self.b = self.b[:at] + struct.pack("<I", len(self.b) - start) + self.b[at + 4:]

    def props(self, props):
        """props: (name, signature, callable writing the value)"""
        def one(p):
            def w():
                self.align(8)
                self.s(p[0])
                self.g(p[1])
                p[2]()
            return w
        self.array(8, [one(p) for p in props])


def start_transient(bus, name, props, aux=(), mode="fail", fds=(), unix_fds=None):
    m = Marshal()
    m.s(name)
    m.s(mode)
    m.props([(n, sig, (lambda f=f: f(m))) for n, sig, f in props])
    m.array(8, [])
    return bus.call("StartTransientUnit", "ssa(sv)a(sa(sv))", m.b, fds=fds, unix_fds=unix_fds)


def exec_start(argv):
    def w(m):
        def one():
            m.align(8)
            m.s(argv[0])
            m.array(4, [(lambda a=a: m.s(a)) for a in argv])
            m.boolean(False)
        m.array(8, [one])
    return w


def test_bad_input_over_the_bus(manager):
    pid = manager.pid
    bus = RawBus(manager)
    true = ("ExecStart", "a(sasb)", exec_start(["/bin/true"]))
    try:
        # unknown and unsupported properties: systemd's error, nothing left behind
        assert start_transient(bus, "tr-raw1.service", [("NoSuch", "s", lambda m: m.s("x")), true]) == \
            (3, "org.freedesktop.DBus.Error.PropertyReadOnly", "Cannot set property NoSuch, or unknown property.")
        assert start_transient(bus, "tr-raw1.service", [("PIDs", "au", lambda m: m.array(4, [])), true])[1] == \
            "org.freedesktop.DBus.Error.PropertyReadOnly"
        # a known property with the wrong type
        assert start_transient(bus, "tr-raw1.service", [("Nice", "s", lambda m: m.s("5")), true]) == \
            (3, "System.Error.ENXIO", "Failed to set unit properties: Unexpected message contents")
        # values out of range
        assert start_transient(bus, "tr-raw1.service", [("Nice", "i", lambda m: m.i(100)), true]) == \
            (3, "org.freedesktop.DBus.Error.InvalidArgs", "Invalid Nice value: 100")
        assert start_transient(bus, "tr-raw1.service", [("Type", "s", lambda m: m.s("bogus")), true]) == \
            (3, "org.freedesktop.DBus.Error.InvalidArgs", "Invalid Type setting: bogus")
        assert start_transient(bus, "tr-raw1.service", [("ExecStart", "a(sasb)", exec_start(["/bin/true"][:0] or [""]))])[1] == \
            "org.freedesktop.DBus.Error.InvalidArgs"
        # names and modes
        assert start_transient(bus, "bad name!.service", [true]) == \
            (3, "org.freedesktop.DBus.Error.InvalidArgs", "Invalid unit name or type.")
        assert start_transient(bus, "tr-raw.target", [true]) == \
            (3, "org.freedesktop.DBus.Error.InvalidArgs", "Unit type target does not support transient units.")
        assert start_transient(bus, "tr-raw1.service", [true], mode="bogus") == \
            (3, "org.freedesktop.DBus.Error.InvalidArgs", "Job mode bogus is invalid.")
        # a scope for a process that does not exist
        assert start_transient(bus, "tr-raw.scope", [("PIDs", "au", lambda m: m.array(4, [lambda: m.u(0x7ffffff0)]))])[1] == \
            "org.freedesktop.DBus.Error.UnixProcessIdUnknown"
        # an fd index with no fd attached, and one beyond those attached
        assert start_transient(bus, "tr-raw1.service",
                               [("StandardOutputFileDescriptor", "h", lambda m: m.u(0)), true])[0] == 3
        with open("/dev/null") as f:
            assert start_transient(bus, "tr-raw1.service",
                                   [("StandardOutputFileDescriptor", "h", lambda m: m.u(5)), true],
                                   fds=[f.fileno()])[0] == 3
        # a huge property array
        many = [("Environment", "as", lambda m: m.array(4, [lambda: m.s("A=1")]))] * 5000
        r = start_transient(bus, "tr-raw1.service", many + [true])
        assert r[:2] == (3, "org.freedesktop.DBus.Error.InvalidArgs"), r
        # the wrong signature for the call itself
        m = Marshal()
        m.s("tr-raw1.service")
        assert bus.call("StartTransientUnit", "s", m.b)[:2] == (3, "org.freedesktop.DBus.Error.InvalidArgs")
        # and after all that, a good call works on the same connection
        assert start_transient(bus, "tr-raw1.service", [true])[0] == 2
    finally:
        bus.close()
    assert manager.alive() and manager.pid == pid
    manager.wait_for(lambda: gone(manager, "tr-raw1.service"), what="collected")
    assert loaded(manager, "tr-raw*") == []
    assert transient_files(manager) == []


def test_stdio_fd_and_aux_unit(manager):
    bus = RawBus(manager)
    out = manager.path("fdout")
    try:
        with open(out, "w") as f:
            def aux(m):
                pass
            r = start_transient(bus, "tr-fd.service",
                                [("StandardOutputFileDescriptor", "h", lambda m: m.u(0)),
                                 ("Type", "s", lambda m: m.s("oneshot")),
                                 ("ExecStart", "a(sasb)", exec_start(["/bin/echo", "via fd"]))],
                                fds=[f.fileno()])
            assert r[0] == 2, r
    finally:
        bus.close()
    manager.wait_for(lambda: manager.read("fdout") == "via fd\n", what="output through the fd")
    manager.wait_for(lambda: gone(manager, "tr-fd.service"), what="collected")
