# The unit-file verbs over D-Bus: enable, disable, mask, unmask, is-enabled, list-unit-files and
# friends as the real `systemctl --user` sends them when it runs "online" (where
# /run/systemd/system/ exists, dbus-surface.md 1.2; here in a private mount namespace, so the
# test needs root). Offline the same systemctl computes is-enabled and list-unit-files itself
# with systemd's own install code: where the files are the same, the manager's answers must be
# the same as that. Expected behaviour is systemd 252's (STEMD_TEST_REF=1 checks it).
import os

import pytest

ONLINE = ('mount -t tmpfs tmpfs /run/systemd && mkdir -p /run/systemd/system && '
          'exec systemctl --user --no-pager "$@"')

WANTED = """
    [Service]
    ExecStart=/bin/sleep infinity

    [Install]
    WantedBy=default.target
    """

PLAIN = """
    [Service]
    Type=oneshot
    RemainAfterExit=yes
    ExecStart=/bin/true
    """


@pytest.fixture(autouse=True)
def _needs_root():
    if os.geteuid() != 0:
        pytest.skip("online systemctl needs a private mount namespace (root)")
    if not os.path.isdir("/run/systemd"):
        pytest.skip("no /run/systemd to mount over")


def online(m, *args):
    """systemctl --user ARGS with /run/systemd/system/ present: (rc, stdout, stderr)."""
    return m.run("unshare", "-m", "sh", "-c", ONLINE, "sh", *args)


def online_ok(m, *args):
    rc, out, err = online(m, *args)
    assert rc == 0, f"online systemctl {' '.join(args)}: rc {rc}\n{out}{err}"
    return out + err


def test_enable_disable(manager):
    m = manager
    m.write_unit("uf-wanted.service", WANTED)
    ud = m.unit_dir
    link = os.path.join(ud, "default.target.wants", "uf-wanted.service")

    assert online(m, "is-enabled", "uf-wanted.service")[:2] == (1, "disabled\n")
    out = online_ok(m, "enable", "uf-wanted.service")
    assert f"Created symlink {link} -> {ud}/uf-wanted.service." in out
    # the manager made the link, not the client
    assert os.readlink(link) == os.path.join(ud, "uf-wanted.service")
    assert online(m, "is-enabled", "uf-wanted.service")[:2] == (0, "enabled\n")
    # systemctl called Reload(): the manager sees the new dependency and the new state
    assert "uf-wanted.service" in m.prop("default.target", "Wants").split()
    assert m.prop("uf-wanted.service", "UnitFileState") == "enabled"
    assert m.prop("uf-wanted.service", "UnitFilePreset") == "enabled"

    # enabling again changes nothing and prints nothing
    rc, out, err = online(m, "enable", "uf-wanted.service")
    assert (rc, out, err) == (0, "", "")

    out = online_ok(m, "disable", "uf-wanted.service")
    assert f'Removed "{link}".' in out
    assert not os.path.lexists(link)
    assert online(m, "is-enabled", "uf-wanted.service")[:2] == (1, "disabled\n")
    assert m.prop("uf-wanted.service", "UnitFileState") == "disabled"


def test_enable_now_starts(manager):
    m = manager
    m.write_unit("uf-now.service", WANTED)
    online_ok(m, "enable", "--now", "uf-now.service")
    m.wait_state("uf-now.service", "active")
    online_ok(m, "disable", "--now", "uf-now.service")
    m.wait_state("uf-now.service", ("inactive", "failed"))


def test_errors(manager):
    m = manager
    m.write_unit("uf-static.service", PLAIN)
    rc, out, err = online(m, "enable", "nosuch.service")
    assert rc == 1 and "Failed to enable unit: Unit file nosuch.service does not exist." in err
    rc, out, err = online(m, "disable", "nosuch.service")
    assert rc == 1 and "Failed to disable unit: Unit file nosuch.service does not exist." in err
    rc, out, err = online(m, "is-enabled", "nosuch.service")
    assert rc == 1
    assert "Failed to get unit file state for nosuch.service: No such file or directory" in err
    # no [Install]: success, and systemctl's notice
    rc, out, err = online(m, "enable", "uf-static.service")
    assert rc == 0 and "The unit files have no installation config" in err
    assert online(m, "is-enabled", "uf-static.service")[:2] == (0, "static\n")
    # set-default needs an existing target
    rc, out, err = online(m, "set-default", "nosuch.target")
    assert rc == 1 and "Unit file nosuch.target does not exist." in err
    m.sc_ok("show", "-p", "Version")


def test_mask_unmask(manager):
    m = manager
    data_dir = os.path.join(m.home, ".local", "share", "systemd", "user")
    os.makedirs(data_dir)
    with open(os.path.join(data_dir, "uf-later.service"), "w") as f:
        f.write("[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStart=/bin/true\n")
    m.write_unit("uf-here.service", PLAIN)
    m.sc_ok("daemon-reload")
    mask = os.path.join(m.unit_dir, "uf-later.service")

    out = online_ok(m, "mask", "uf-later.service")
    assert f"Created symlink {mask} -> /dev/null." in out
    assert os.readlink(mask) == "/dev/null"
    assert online(m, "is-enabled", "uf-later.service")[:2] == (1, "masked\n")
    assert m.props("uf-later.service", "LoadState", "UnitFileState") == \
        {"LoadState": "masked", "UnitFileState": "masked"}
    rc, out, err = m.sc("start", "uf-later.service")
    assert rc == 1 and "Unit uf-later.service is masked." in err

    out = online_ok(m, "unmask", "uf-later.service")
    assert f'Removed "{mask}".' in out
    assert not os.path.lexists(mask)
    assert m.props("uf-later.service", "LoadState", "UnitFileState") == \
        {"LoadState": "loaded", "UnitFileState": "static"}

    # a unit file in the config dir is not replaced by a mask
    rc, out, err = online(m, "mask", "uf-here.service")
    here = os.path.join(m.unit_dir, "uf-here.service")
    assert rc == 1 and f"Failed to mask unit: File {here} already exists." in err
    assert os.path.isfile(here) and not os.path.islink(here)


def _varied_units(m):
    """Unit files in every is-enabled state we can make in a unit directory."""
    m.write_unit("uf-wanted.service", WANTED)
    m.write_unit("uf-enabled.service", WANTED)
    m.link_unit("default.target.wants/uf-enabled.service", "../uf-enabled.service")
    m.write_unit("uf-static.service", PLAIN)
    m.write_unit("uf-real.service", PLAIN)
    m.link_unit("uf-other.service", "uf-real.service")
    m.write_unit("uf-also.service", PLAIN + "\n[Install]\nAlso=uf-wanted.service\n")
    m.write_unit("uf-tpl@.service", WANTED)
    m.link_unit("default.target.wants/uf-tpl@a.service", "../uf-tpl@.service")
    m.write_unit("uf-def@.service", WANTED + "DefaultInstance=x\n")
    m.link_unit("uf-masked.service", "/dev/null")
    m.write_unit("uf-aliased.service", WANTED + "Alias=uf-name.service\n")
    m.link_unit("uf-name.service", "uf-aliased.service")
    elsewhere = m.path("uf-linked.service")
    with open(elsewhere, "w") as f:
        f.write("[Service]\nExecStart=/bin/true\n")
    m.link_unit("uf-linked.service", elsewhere)
    return ["uf-wanted.service", "uf-enabled.service", "uf-static.service", "uf-real.service",
            "uf-other.service", "uf-also.service", "uf-tpl@.service", "uf-tpl@a.service",
            "uf-tpl@b.service", "uf-def@.service", "uf-def@x.service", "uf-masked.service",
            "uf-aliased.service", "uf-name.service", "uf-linked.service"]


def test_is_enabled_matches_offline(manager):
    m = manager
    names = _varied_units(m)
    for n in names:
        off = m.sc("is-enabled", n)
        on = online(m, "is-enabled", n)
        assert on == off, n


def test_list_unit_files_matches_offline(manager):
    m = manager
    _varied_units(m)
    off = m.sc_ok("list-unit-files", "--no-legend", "uf-*")
    on = online_ok(m, "list-unit-files", "--no-legend", "uf-*")
    assert on == off
    assert "uf-enabled.service" in on
    # --state= goes to the manager (ListUnitFilesByPatterns' first argument); an Alias= link
    # made counts as enabled
    on = online_ok(m, "list-unit-files", "--no-legend", "--state=enabled", "uf-*")
    assert [line.split()[0] for line in on.splitlines()] == ["uf-aliased.service", "uf-enabled.service"]


def test_unit_files_over_the_bus(manager):
    """The methods systemctl does not reach this way: GetUnitFileLinks, ListUnitFiles."""
    pytest.importorskip("pystemd")
    from pystemd.dbuslib import DBusAddress, apply_signature
    m = manager
    m.write_unit("uf-wanted.service", WANTED + "Alias=uf-alias.service\n")
    online_ok(m, "enable", "uf-wanted.service")
    dest, path = b"org.freedesktop.systemd1", b"/org/freedesktop/systemd1"
    iface = b"org.freedesktop.systemd1.Manager"
    bus = DBusAddress(b"unix:path=" + m.socket.encode(), peer_to_peer=True)
    bus.open()
    try:
        links = bus.call_method(dest, path, iface, b"GetUnitFileLinks",
                                apply_signature(b"sb", [b"uf-wanted.service", False])).body
        assert sorted(x.decode() for x in links) == sorted([
            os.path.join(m.unit_dir, "uf-alias.service"),
            os.path.join(m.unit_dir, "default.target.wants", "uf-wanted.service")])
        files = dict((s.decode(), p.decode()) for p, s in
                     [tuple(x) for x in bus.call_method(dest, path, iface, b"ListUnitFiles", []).body]
                     if p.decode().startswith(m.unit_dir))
        assert files.get("enabled") == os.path.join(m.unit_dir, "uf-wanted.service")
        state = bus.call_method(dest, path, iface, b"GetUnitFileState",
                                apply_signature(b"s", [b"uf-alias.service"])).body
        assert state == b"alias"
        # a dry run: nothing was removed
        assert os.path.lexists(os.path.join(m.unit_dir, "uf-alias.service"))
    finally:
        bus.close()
