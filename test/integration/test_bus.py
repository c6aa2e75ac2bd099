# The D-Bus surface of src/bus against what the reference serves: the interfaces, members and
# signatures of Introspect (the reference's XML is in data/ref-*.xml, taken from systemd 252 with
# sdref), GetAll("") with systemd's exact types, systemd's error names for bad calls, and the
# load-on-access unit paths clients build themselves. Talks peer-to-peer on the private socket
# with pystemd (python3-pystemd), as dbus-surface.md 1.1 says it can.
import os
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET

import pytest

import conftest

pystemd = pytest.importorskip("pystemd")
from pystemd.dbuslib import DBusAddress, apply_signature  # noqa: E402

DATA = os.path.join(os.path.dirname(__file__), "data")
DEST = b"org.freedesktop.systemd1"
MANAGER_PATH = b"/org/freedesktop/systemd1"
MANAGER_IFACE = b"org.freedesktop.systemd1.Manager"
PROPS = b"org.freedesktop.DBus.Properties"

SIMPLE = """\
[Unit]
Description=Simple probe
[Service]
ExecStart=/bin/sleep infinity
ExecReload=/bin/kill -HUP $MAINPID
"""


def unit_path(name):
    out = ""
    for i, ch in enumerate(name.encode()):
        c = chr(ch)
        if c.isascii() and (c.isalpha() or (c.isdigit() and i > 0)):
            out += c
        else:
            out += "_%02x" % ch
    return ("/org/freedesktop/systemd1/unit/" + (out or "_")).encode()


class Bus:
    def __init__(self, manager):
        self.addr = b"unix:path=" + manager.socket.encode()

    def __enter__(self):
        self.bus = DBusAddress(self.addr, peer_to_peer=True)
        self.bus.open()
        return self

    def __exit__(self, *a):
        self.bus.close()

    def call(self, path, iface, member, sig=b"", *args):
        return self.bus.call_method(DEST, path, iface, member,
                                    apply_signature(sig, list(args)) if sig else []).body

    def introspect(self, path):
        return self.call(path, b"org.freedesktop.DBus.Introspectable", b"Introspect")

    def get_all(self, path, iface=b""):
        return self.call(path, PROPS, b"GetAll", b"s", iface)


def members(xml_text):
    """interface → {("property"|"method"|"signal", name): signature}, systemd's only"""
    out = {}
    root = ET.fromstring(xml_text)
    for i in root.findall("interface"):
        name = i.get("name")
        if not name.startswith("org.freedesktop.systemd1."):
            continue
        d = out.setdefault(name, {})
        for p in i.findall("property"):
            d[("property", p.get("name"))] = p.get("type")
        for m in i.findall("method"):
            d[("method", m.get("name"))] = (
                "".join(a.get("type") for a in m.findall("arg") if a.get("direction") == "in"),
                "".join(a.get("type") for a in m.findall("arg") if a.get("direction") == "out"))
        for s in i.findall("signal"):
            d[("signal", s.get("name"))] = "".join(a.get("type") for a in s.findall("arg"))
    return out


def reference(name):
    with open(os.path.join(DATA, name)) as f:
        return members(f.read())


def assert_same_members(ours, ref):
    assert sorted(ours) == sorted(ref)
    for iface in ref:
        missing = sorted(k for k in ref[iface] if k not in ours[iface])
        extra = sorted(k for k in ours[iface] if k not in ref[iface])
        wrong = sorted((k, ours[iface][k], ref[iface][k]) for k in ref[iface]
                       if k in ours[iface] and ours[iface][k] != ref[iface][k])
        assert (missing, extra, wrong) == ([], [], []), iface


def test_manager_introspection_matches_reference(manager):
    with Bus(manager) as b:
        assert_same_members(members(b.introspect(MANAGER_PATH)), reference("ref-manager.xml"))


def test_service_introspection_matches_reference(manager):
    manager.write_unit("simple.service", SIMPLE)
    with Bus(manager) as b:
        ours = members(b.introspect(unit_path("simple.service")))
    assert_same_members(ours, reference("ref-service.xml"))


def test_target_introspection_matches_reference(manager):
    manager.write_unit("app.target", "[Unit]\nDescription=App target\n")
    with Bus(manager) as b:
        ours = members(b.introspect(unit_path("app.target")))
    assert_same_members(ours, reference("ref-target.xml"))


def test_scope_introspection_matches_reference(manager):
    with ScopeProbe(manager):
        with Bus(manager) as b:
            ours = members(b.introspect(unit_path("probe.scope")))
    assert_same_members(ours, reference("ref-scope.xml"))


# ---- the same against the reference itself, live, wherever systemd can run here

PROBE_UNITS = {"simple.service": SIMPLE, "app.target": "[Unit]\nDescription=App target\n"}


class ScopeProbe:
    """`systemd-run --user --scope --unit=probe sleep` running while the block runs"""

    def __init__(self, m):
        self.m = m

    def __enter__(self):
        self.p = subprocess.Popen(["systemd-run", "--user", "--scope", "--unit=probe", "-q",
                                   "sleep", "300"], env=self.m.client_env, cwd=self.m.tmp,
                                  stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        self.m.wait_for(lambda: self.m.prop("probe.scope", "SubState") == "running",
                        what="probe.scope running")
        return self

    def __exit__(self, *a):
        self.p.terminate()      # the sleep systemd-run became
        self.p.wait()


def introspect_probes(m):
    """Introspect XML of the manager object, a service, a target and a scope of manager m"""
    for name, text in PROBE_UNITS.items():
        m.write_unit(name, text)
    out = {}
    with ScopeProbe(m):
        with Bus(m) as b:
            out["manager"] = b.introspect(MANAGER_PATH)
            for name in list(PROBE_UNITS) + ["probe.scope"]:
                out[name] = b.introspect(unit_path(name))
    return out


@pytest.fixture(scope="module")
def live_reference():
    """The probes introspected on the reference (the systemd user manager of this machine),
    before any stemd of this module's tests runs; skips where it cannot run."""
    if conftest.REF:
        pytest.skip("the tests run against the reference already")
    if conftest._reference_binary() is None or os.geteuid() != 0:
        pytest.skip("no systemd here, or not root (private mount namespace)")
    root = tempfile.mkdtemp(prefix="stemd-ref.", dir="/tmp")
    m = conftest.Manager(root)
    m.ref = True
    try:
        m.start()
        out = introspect_probes(m)
    finally:
        problems = m.stop()
        shutil.rmtree(root, ignore_errors=True)
    assert not problems, problems
    return out


@pytest.mark.parametrize("probe", ["manager", "simple.service", "app.target", "probe.scope"])
def test_introspection_matches_live_reference(live_reference, manager, probe):
    ours = introspect_probes(manager)
    assert_same_members(members(ours[probe]), members(live_reference[probe]))


def test_getall_empty_interface_merges_everything(manager):
    manager.write_unit("simple.service", SIMPLE)
    manager.sc_ok("start", "simple.service")
    with Bus(manager) as b:
        props = b.get_all(unit_path("simple.service"))
        unit_only = b.get_all(unit_path("simple.service"), b"org.freedesktop.systemd1.Unit")
        mgr = b.get_all(MANAGER_PATH)
    ref = reference("ref-service.xml")
    n_ref = sum(1 for i in ref.values() for k in i if k[0] == "property")
    assert len(props) == n_ref
    assert len(unit_only) == 98
    assert len(mgr) == 118
    assert props[b"Id"] == b"simple.service"
    assert props[b"ActiveState"] == b"active"
    assert props[b"SubState"] == b"running"
    assert props[b"MainPID"] > 0
    assert props[b"Job"] == (0, b"/")
    assert props[b"ConditionResult"] is True and props[b"AssertResult"] is True
    assert props[b"TasksCurrent"] == 2**64 - 1
    assert props[b"ExecStart"][0][0] == b"/bin/sleep"
    assert len(props[b"InvocationID"]) == 16


# the status set of dbus-surface.md 4.2, with the types systemctl depends on
STATUS_TYPES = {
    "Id": "s", "ActiveState": "s", "SubState": "s", "LoadState": "s", "Description": "s",
    "FragmentPath": "s", "UnitFileState": "s", "UnitFilePreset": "s",
    "ActiveEnterTimestamp": "t", "InactiveEnterTimestamp": "t", "Result": "s",
    "MainPID": "u", "ExecMainPID": "u", "ExecMainCode": "i", "ExecMainStatus": "i",
    "ExecStart": "a(sasbttttuii)", "StatusText": "s", "TasksCurrent": "t", "TasksMax": "t",
    "MemoryCurrent": "t", "ControlGroup": "s", "ConditionResult": "b", "AssertResult": "b",
    "NeedDaemonReload": "b", "TriggeredBy": "as", "Job": "(uo)", "InvocationID": "ay",
}


def test_status_properties_have_systemd_types(manager):
    manager.write_unit("simple.service", SIMPLE)
    with Bus(manager) as b:
        ours = members(b.introspect(unit_path("simple.service")))
    flat = {k[1]: v for i in ours.values() for k, v in i.items() if k[0] == "property"}
    for name, sig in STATUS_TYPES.items():
        assert flat.get(name) == sig, name


@pytest.mark.parametrize("member,sig,args,error", [
    (b"GetUnit", b"s", [b"nosuch.service"], "Unit nosuch.service not loaded."),
    (b"GetUnit", b"s", [b"x" * 5000], "too long"),
    (b"LoadUnit", b"s", [b"bad!"], "Unit name bad! is not valid."),
    (b"LoadUnit", b"s", [b"foo@.service"], "Unit name foo@.service is missing the instance name."),
    (b"StartUnit", b"ss", [b"nosuch.service", b"replace"], "Unit nosuch.service not found."),
    (b"StartUnit", b"ss", [b"x" * 300 + b".service", b"replace"], "is not valid."),
    (b"StartUnit", b"ss", [b"simple.service", b"bogus"], "Job mode bogus invalid"),
    (b"StartUnit", b"s", [b"simple.service"], "expecting 'ss'"),   # wrong signature
    (b"StopUnit", b"ss", [b"nosuch2.service", b"replace"], "Unit nosuch2.service not loaded."),
    (b"KillUnit", b"ssi", [b"nosuch.service", b"all", 15], "Unit nosuch.service not loaded."),
    (b"GetJob", b"u", [99999], "Job 99999 does not exist."),
    (b"CancelJob", b"u", [99999], "Job 99999 does not exist."),
    (b"GetUnitByPID", b"u", [999999999], "PID 999999999 does not belong to any loaded unit."),
    (b"SetEnvironment", b"as", [[b"bad name=1"]], "Invalid environment assignments"),
    (b"UnsetEnvironment", b"as", [[b"bad name"]], "Invalid environment variable names or assignments"),
    (b"GetUnitByInvocationID", b"ay", [b"\x01\x02"], "Invalid invocation ID"),
    (b"NoSuchMethod", b"", [], "Unknown method NoSuchMethod or interface org.freedesktop.systemd1.Manager."),
])
def test_bad_calls_get_systemd_errors(manager, member, sig, args, error):
    manager.write_unit("simple.service", SIMPLE)
    with Bus(manager) as b:
        with pytest.raises(Exception) as e:
            b.call(MANAGER_PATH, MANAGER_IFACE, member, sig, *args)
        # pystemd maps error names to errno classes; the message is systemd's text
        assert error in str(e.value)
        # still answering
        assert b.get_all(MANAGER_PATH, MANAGER_IFACE)[b"Version"]
    manager.sc_ok("show", "-p", "Version")


def test_error_texts_match_reference(manager):
    manager.write_unit("refuse.service", "[Unit]\nRefuseManualStart=yes\n[Service]\nExecStart=/bin/true\n")
    manager.write_unit("oneshot.service", "[Service]\nType=oneshot\nExecStart=/bin/true\n")
    rc, out, err = manager.sc("start", "nosuch.service")
    assert rc == 5 and "Unit nosuch.service not found." in err
    rc, out, err = manager.sc("stop", "nosuch.service")
    assert rc == 5 and "Unit nosuch.service not loaded." in err
    rc, out, err = manager.sc("start", "refuse.service")
    assert rc == 4 and "may be requested by dependency only" in err
    rc, out, err = manager.sc("reload", "oneshot.service")
    assert rc == 3 and "Job type reload is not applicable for unit oneshot.service." in err


def test_unit_paths_load_on_access(manager):
    out = manager.sc_ok("show", "nosuch.service", "-p", "LoadState", "-p", "ActiveState",
                        "-p", "SubState", "-p", "Description", "-p", "Id")
    assert "LoadState=not-found" in out
    assert "ActiveState=inactive" in out and "SubState=dead" in out
    assert "Id=nosuch.service" in out and "Description=nosuch.service" in out
    rc, out, err = manager.sc("status", "nosuch.service")
    assert rc == 4 and "could not be found" in err
    with Bus(manager) as b:
        err = b.get_all(unit_path("nosuch3.service"))[b"LoadError"]
        assert err == (b"org.freedesktop.systemd1.NoSuchUnit", b"Unit nosuch3.service not found.")
        with pytest.raises(Exception) as e:
            b.get_all(b"/org/freedesktop/systemd1/unit/bad_21")
        assert "neither a valid invocation ID nor unit name" in str(e.value)


def test_job_object_and_list_jobs(manager):
    manager.write_unit("slow.service", "[Service]\nType=oneshot\nExecStart=/bin/sleep 3\n")
    manager.sc_ok("start", "--no-block", "slow.service")
    with Bus(manager) as b:
        jobs = b.call(MANAGER_PATH, MANAGER_IFACE, b"ListJobs")
        assert len(jobs) == 1 and jobs[0][1] == b"slow.service"
        path = jobs[0][4]
        ours = members(b.introspect(path))
        job = b.get_all(path)
        assert job[b"Unit"] == (b"slow.service", unit_path("slow.service"))
        assert job[b"JobType"] == b"start"
        b.call(path, b"org.freedesktop.systemd1.Job", b"Cancel")
    assert_same_members(ours, reference("ref-job.xml"))


def test_list_units_signature(manager):
    manager.write_unit("simple.service", SIMPLE)
    manager.sc_ok("start", "simple.service")
    with Bus(manager) as b:
        units = b.call(MANAGER_PATH, MANAGER_IFACE, b"ListUnitsByPatterns", b"asas", [], [b"simple*"])
    assert [u[0] for u in units] == [b"simple.service"]
    u = units[0]
    assert u[2:5] == (b"loaded", b"active", b"running")
    assert u[6] == unit_path("simple.service") and u[7] == 0 and u[9] == b"/"
