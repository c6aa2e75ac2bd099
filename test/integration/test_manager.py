# The manager as a whole, through the real `systemctl --user`: start-up, show, list-units,
# daemon-reload, reset-failed, and bad requests that must get an error and leave the manager
# running. Expected behaviour is systemd 252's (run with STEMD_TEST_REF=1 to check).
import os
import subprocess

import pytest

SLEEPER = """
    [Unit]
    Description=sleeper {n}

    [Service]
    ExecStart=/bin/sleep infinity
    """


def still_serving(m):
    rc, out, err = m.sc("show", "-p", "Version")
    assert rc == 0 and out.startswith("Version="), f"manager stopped answering: {rc} {err}"


def test_version_and_manager_properties(manager):
    # `show` with no unit reads the manager object.
    out = manager.sc_ok("show", "-p", "Version", "-p", "Architecture")
    lines = dict(line.split("=", 1) for line in out.splitlines())
    assert lines["Version"] != ""
    assert lines["Architecture"] != ""


def test_show_unknown_property_prints_nothing(manager):
    rc, out, err = manager.sc("show", "-p", "NoSuchProperty")
    assert (rc, out) == (0, "")


def test_list_units_shows_started_units(manager):
    m = manager
    for n in ("alpha", "beta"):
        m.write_unit(f"{n}.service", SLEEPER.format(n=n))
    m.sc_ok("start", "alpha.service", "beta.service")
    out = m.sc_ok("list-units", "--no-legend", "--plain", "--type=service")
    rows = {line.split()[0]: line.split()[1:4] for line in out.splitlines() if line.strip()}
    assert rows["alpha.service"] == ["loaded", "active", "running"]
    assert rows["beta.service"] == ["loaded", "active", "running"]
    assert "sleeper alpha" in out


def test_list_units_pattern_and_state(manager):
    m = manager
    m.write_unit("keep1.service", SLEEPER.format(n=1))
    m.write_unit("keep2.service", SLEEPER.format(n=2))
    m.write_unit("other.service", SLEEPER.format(n=3))
    m.write_unit("broken.service", """
        [Service]
        Type=oneshot
        ExecStart=/bin/false
        """)
    m.sc_ok("start", "keep1.service", "keep2.service", "other.service")
    m.sc("start", "broken.service")
    out = m.sc_ok("list-units", "--no-legend", "--plain", "keep*")
    assert sorted(line.split()[0] for line in out.splitlines()) == ["keep1.service", "keep2.service"]
    out = m.sc_ok("list-units", "--no-legend", "--plain", "--state=failed")
    assert [line.split()[0] for line in out.splitlines()] == ["broken.service"]
    out = m.sc_ok("list-units", "--no-legend", "--plain", "--all", "--state=inactive",
                  "keep*", "other*")
    assert out.strip() == ""


def test_list_units_all_includes_inactive_loaded(manager):
    m = manager
    m.write_unit("dep.service", SLEEPER.format(n="dep"))
    m.write_unit("holder.target", """
        [Unit]
        After=dep.service
        """)
    m.sc_ok("start", "holder.target")   # holds dep.service loaded (After=) without starting it
    out = m.sc_ok("list-units", "--no-legend", "--plain", "--all", "dep.service")
    assert out.split()[:4] == ["dep.service", "loaded", "inactive", "dead"]
    out = m.sc_ok("list-units", "--no-legend", "--plain", "dep.service")
    assert out.strip() == ""


def test_daemon_reload_applies_changed_file(manager):
    m = manager
    m.write_unit("r.service", SLEEPER.format(n="old"))
    m.sc_ok("start", "r.service")
    pid = m.prop("r.service", "MainPID")
    assert m.prop("r.service", "NeedDaemonReload") == "no"
    m.write_unit("r.service", SLEEPER.format(n="new"))
    m.write_unit("r.service", "[Service]\nEnvironment=X=1\n", dropin="10-x.conf")
    m.wait_for(lambda: m.prop("r.service", "NeedDaemonReload") == "yes",
               what="NeedDaemonReload=yes")
    assert m.prop("r.service", "Description") == "sleeper old"
    m.sc_ok("daemon-reload")
    p = m.props("r.service", "Description", "NeedDaemonReload", "ActiveState", "MainPID",
                "Environment", "DropInPaths")
    assert p["Description"] == "sleeper new"
    assert p["NeedDaemonReload"] == "no"
    assert p["Environment"] == "X=1"
    assert p["DropInPaths"] == os.path.join(m.unit_dir, "r.service.d", "10-x.conf")
    # A reload does not touch running units.
    assert (p["ActiveState"], p["MainPID"]) == ("active", pid)


def test_daemon_reload_finds_new_units_and_forgets_removed(manager):
    m = manager
    m.write_unit("gone.service", SLEEPER.format(n="gone"))
    m.write_unit("holder.target", "[Unit]\nAfter=gone.service\n")
    m.sc_ok("start", "holder.target")
    assert m.prop("gone.service", "LoadState") == "loaded"
    os.unlink(os.path.join(m.unit_dir, "gone.service"))
    m.write_unit("fresh.service", SLEEPER.format(n="fresh"))
    m.sc_ok("daemon-reload")
    assert m.prop("gone.service", "LoadState") == "not-found"
    m.sc_ok("start", "fresh.service")
    assert m.prop("fresh.service", "ActiveState") == "active"


def test_reset_failed(manager):
    m = manager
    for n in ("f1", "f2"):
        m.write_unit(f"{n}.service", """
            [Service]
            Type=oneshot
            ExecStart=/bin/false
            """)
        rc, _, _ = m.sc("start", f"{n}.service")
        assert rc == 1
    assert m.sc("is-failed", "f1.service", "f2.service")[:2] == (0, "failed\nfailed\n")
    m.sc_ok("reset-failed", "f1.service")
    assert m.props("f1.service", "ActiveState", "Result") == \
        {"ActiveState": "inactive", "Result": "success"}
    assert m.prop("f2.service", "ActiveState") == "failed"
    m.sc_ok("reset-failed")
    assert m.prop("f2.service", "ActiveState") == "inactive"
    # Resetting a unit that is not failed succeeds.
    m.write_unit("fine.service", SLEEPER.format(n="fine"))
    m.sc_ok("start", "fine.service")
    m.sc_ok("reset-failed", "fine.service")
    assert m.prop("fine.service", "ActiveState") == "active"


# ------------------------------------------------------------------ bad requests


def test_start_unknown_unit(manager):
    rc, out, err = manager.sc("start", "nosuch.service")
    assert rc == 5
    assert "Failed to start nosuch.service: Unit nosuch.service not found." in err
    still_serving(manager)


def test_stop_unknown_unit(manager):
    rc, out, err = manager.sc("stop", "nosuch.service")
    assert rc == 5
    assert "Failed to stop nosuch.service: Unit nosuch.service not loaded." in err
    still_serving(manager)


def test_unknown_unit_states(manager):
    m = manager
    assert m.sc("is-active", "nosuch.service")[:2] == (3, "inactive\n")
    assert m.sc("is-failed", "nosuch.service")[:2] == (1, "inactive\n")
    rc, out, err = m.sc("status", "nosuch.service")
    assert rc == 4
    assert "Unit nosuch.service could not be found." in err
    assert m.prop("nosuch.service", "LoadState") == "not-found"
    rc, out, err = m.sc("kill", "nosuch.service")
    assert rc == 1
    assert "Failed to kill unit nosuch.service: Unit nosuch.service not loaded." in err
    still_serving(m)


@pytest.mark.parametrize("name,message", [
    ("bad name!", r"Unit name bad\x20name!.service is not valid."),
    ("foo@.service", "Unit name foo@.service is missing the instance name."),
])
def test_start_invalid_name(manager, name, message):
    rc, out, err = manager.sc("start", name)
    assert rc == 1
    assert message in err
    still_serving(manager)


def test_start_bad_unit_setting(manager):
    m = manager
    m.write_unit("badunit.service", """
        [Service]
        ExecStart=relative/path
        """)
    rc, out, err = m.sc("start", "badunit.service")
    assert rc == 1
    assert "Failed to start badunit.service: Unit badunit.service has a bad unit file setting." \
        in err
    assert m.prop("badunit.service", "LoadState") == "bad-setting"
    still_serving(m)


def test_start_masked_unit(manager):
    m = manager
    os.symlink("/dev/null", os.path.join(m.unit_dir, "masked.service"))
    rc, out, err = m.sc("start", "masked.service")
    assert rc == 1
    assert "Failed to start masked.service: Unit masked.service is masked." in err
    assert m.prop("masked.service", "LoadState") == "masked"


def test_refuse_manual_start(manager):
    m = manager
    m.write_unit("refuse.service", """
        [Unit]
        RefuseManualStart=yes

        [Service]
        ExecStart=/bin/sleep infinity
        """)
    rc, out, err = m.sc("start", "refuse.service")
    assert rc == 4
    assert ("Operation refused, unit refuse.service may be requested by dependency only "
            "(it is configured to refuse manual start/stop).") in err
    assert m.prop("refuse.service", "ActiveState") == "inactive"


def test_reload_not_applicable(manager):
    m = manager
    m.write_unit("noreload.service", SLEEPER.format(n="x"))
    m.sc_ok("start", "noreload.service")
    rc, out, err = m.sc("reload", "noreload.service")
    assert rc == 3
    assert "Job type reload is not applicable for unit noreload.service." in err
    assert m.prop("noreload.service", "ActiveState") == "active"


class RawPeer:
    """A minimal D-Bus peer on the private socket, able to send what no client library would."""

    def __init__(self, path):
        import socket
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.s.settimeout(20)
        self.s.connect(path)
        self.s.sendall(b"\0AUTH EXTERNAL\r\nDATA\r\nBEGIN\r\n")
        self.buf = b""
        while b"OK " not in self.buf or not self.buf.endswith(b"\r\n"):
            chunk = self.s.recv(4096)
            assert chunk, f"connection closed during authentication: {self.buf!r}"
            self.buf += chunk
        self.buf = b""
        self.serial = 0

    def close(self):
        self.s.close()

    @staticmethod
    def _pad(b, n):
        return b + b"\0" * (-len(b) % n)

    @classmethod
    def _marshal(cls, sig, args):
        import struct
        body = b""
        for t, v in zip(sig, args):
            if t in "so":
                body = cls._pad(body, 4)
                body += struct.pack("<I", len(v)) + v.encode() + b"\0"
            elif t == "i":
                body = cls._pad(body, 4) + struct.pack("<i", v)
            elif t == "b":
                body = cls._pad(body, 4) + struct.pack("<I", v)
            else:
                raise ValueError(t)
        return body

    def call(self, path, iface, member, sig="", args=(), body=None):
        """Send one method call; return (error_name or None, first string of the body)."""
        import struct
        self.serial += 1
        if body is None:
            body = self._marshal(sig, args)
        fields = b""
        for code, t, v in ((1, "o", path), (2, "s", iface), (3, "s", member),
                           (6, "s", "org.freedesktop.systemd1"), (8, "g", sig)):
            if t == "g" and not v:
                continue
            fields = self._pad(fields, 8) + bytes([code, 1]) + t.encode() + b"\0"
            if t == "g":
                fields += bytes([len(v)]) + v.encode() + b"\0"
            else:
                fields = self._pad(fields, 4)
                fields += struct.pack("<I", len(v)) + v.encode() + b"\0"
        head = b"l\x01\x00\x01" + struct.pack("<III", len(body), self.serial, len(fields))
        self.s.sendall(self._pad(head + fields, 8) + body)
        while True:
            mtype, hfields, mbody = self._read()
            if mtype in (2, 3) and hfields.get(5) == self.serial:
                msg = ""
                if len(mbody) >= 4 and hfields.get(8, "").startswith("s"):
                    n = struct.unpack_from("<I", mbody)[0]
                    msg = mbody[4:4 + n].decode(errors="replace")
                return (hfields.get(4) if mtype == 3 else None), msg

    def _recv(self, n):
        while len(self.buf) < n:
            chunk = self.s.recv(65536)
            assert chunk, "connection closed by the manager"
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def _read(self):
        import struct
        head = self._recv(16)
        assert head[0:1] == b"l", f"unexpected byte order {head[0:1]!r}"
        mtype = head[1]
        blen, _, flen = struct.unpack_from("<III", head, 4)
        raw = self._recv(flen + (-(16 + flen) % 8))[:flen]
        body = self._recv(blen)
        fields, i = {}, 0
        while i < len(raw):
            i += -i % 8
            code, slen = raw[i], raw[i + 1]
            t = raw[i + 2:i + 2 + slen].decode()
            i += 3 + slen
            if t in ("s", "o"):
                i += -i % 4
                n = struct.unpack_from("<I", raw, i)[0]
                fields[code] = raw[i + 4:i + 4 + n].decode()
                i += 5 + n
            elif t == "g":
                n = raw[i]
                fields[code] = raw[i + 1:i + 1 + n].decode()
                i += 2 + n
            elif t == "u":
                i += -i % 4
                fields[code] = struct.unpack_from("<I", raw, i)[0]
                i += 4
            else:
                break
        return mtype, fields, body


def test_malformed_calls_get_errors(manager):
    m = manager
    path, iface = "/org/freedesktop/systemd1", "org.freedesktop.systemd1.Manager"
    peer = RawPeer(m.socket)
    try:
        err, msg = peer.call(path, iface, "StartUnit", "i", (5,))
        assert err == "org.freedesktop.DBus.Error.InvalidArgs", (err, msg)
        err, msg = peer.call(path, iface, "StartUnit", "s", ("x.service",))
        assert err == "org.freedesktop.DBus.Error.InvalidArgs", (err, msg)
        err, msg = peer.call(path, iface, "StartUnit", "ss", ("x.service", "bogus-mode"))
        assert err == "org.freedesktop.DBus.Error.InvalidArgs", (err, msg)
        assert "bogus-mode" in msg
        err, msg = peer.call(path, iface, "StartUnit", "ss", ("", "replace"))
        assert err == "org.freedesktop.DBus.Error.InvalidArgs", (err, msg)
        # A string that claims to be longer than the body.
        err, msg = peer.call(path, iface, "GetUnit", "s", body=b"\xff\x00\x00\x00abc\0")
        assert err is not None
        err, msg = peer.call(path, iface, "NoSuchMethod")
        assert err == "org.freedesktop.DBus.Error.UnknownMethod", (err, msg)
        err, msg = peer.call(path, "org.freedesktop.DBus.Properties", "Get", "ss", (iface, "NoSuchProp"))
        assert err == "org.freedesktop.DBus.Error.UnknownProperty", (err, msg)
        err, msg = peer.call(path, iface, "GetUnit", "s", ("nosuch.service",))
        assert (err, msg) == ("org.freedesktop.systemd1.NoSuchUnit", "Unit nosuch.service not loaded.")
        err, msg = peer.call("/org/freedesktop/systemd1/unit/nosuch_2eservice",
                             "org.freedesktop.systemd1.Unit", "Start", "s", ("replace",))
        assert err == "org.freedesktop.systemd1.NoSuchUnit", (err, msg)
        err, msg = peer.call(path, "org.freedesktop.DBus.Properties", "Get", "ss", (iface, "Version"))
        assert err is None
    finally:
        peer.close()
    still_serving(m)


def test_garbage_on_the_socket(manager):
    """Junk before and after authentication must not take the manager down."""
    import socket
    m = manager
    for junk in (b"\x00GARBAGE\r\n" * 50,
                 b"\x00AUTH EXTERNAL\r\nDATA\r\nBEGIN\r\n" + b"l\x01\x00\x01" + b"\xff" * 200,
                 b"\x00AUTH EXTERNAL\r\nDATA\r\nBEGIN\r\n"
                 b"l\x01\x00\x01\xff\xff\xff\x7f\x01\x00\x00\x00\xff\xff\xff\x7f"):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(5)
        s.connect(m.socket)
        try:
            s.sendall(junk)
            s.shutdown(socket.SHUT_WR)
            while s.recv(4096):
                pass
        except OSError:
            pass
        s.close()
        still_serving(m)


def test_many_clients_at_once(manager):
    m = manager
    m.write_unit("busy.service", SLEEPER.format(n="busy"))
    procs = [subprocess.Popen(["systemctl", "--user", "--no-pager", "is-active", "busy.service"],
                              env=m.client_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(20)]
    m.sc_ok("start", "busy.service")
    for p in procs:
        p.communicate(timeout=60)
        assert p.returncode in (0, 3)
    assert m.sc("is-active", "busy.service")[:2] == (0, "active\n")


def test_target_ordered_after_what_it_pulls_in(manager):
    """systemd.target(5): a target is After= the units it wants or requires that have default
    dependencies and are not ordered before it; kept across daemon-reload"""
    manager.write_unit("grp.target", "[Unit]\nWants=plain.service nodd.service early.service late.service\n"
                       "Requires=req.service\nBefore=late.service\n[Install]\n")
    manager.write_unit("late.service", "[Service]\nExecStart=/bin/true\n")
    manager.write_unit("plain.service", "[Service]\nExecStart=/bin/true\n")
    manager.write_unit("req.service", "[Service]\nExecStart=/bin/true\n")
    manager.write_unit("nodd.service", "[Unit]\nDefaultDependencies=no\n[Service]\nExecStart=/bin/true\n")
    manager.write_unit("early.service", "[Unit]\nBefore=grp.target\n[Service]\nExecStart=/bin/true\n")
    manager.write_unit("alone.target", "[Unit]\nDefaultDependencies=no\nWants=plain.service\n")
    wants_dir = os.path.join(manager.unit_dir, "grp.target.wants")
    os.makedirs(wants_dir)
    os.symlink("../linked.service", os.path.join(wants_dir, "linked.service"))
    manager.write_unit("linked.service", "[Service]\nExecStart=/bin/true\n")
    manager.sc_ok("daemon-reload")

    def after(unit):
        return set(manager.prop(unit, "After").split())

    for _ in range(2):
        a = after("grp.target")
        # early.service: its own Before= makes the same edge
        assert {"plain.service", "req.service", "linked.service", "early.service"} <= a
        assert not a & {"nodd.service", "late.service"}
        assert "plain.service" not in after("alone.target")
        manager.sc_ok("daemon-reload")
