# The user bus: stemd starts dbus.socket from sockets.target (Debian's unit in
# /usr/lib/systemd/user), dbus.service is socket-activated, and the manager owns
# org.freedesktop.systemd1 there, so busctl --user (which only talks to a broker) works; the
# manager keeps working without the broker and reconnects when it comes back.
import os
import signal
import subprocess
import time

import pytest

BUS_UNITS = ("/usr/lib/systemd/user/dbus.socket", "/usr/lib/systemd/user/dbus.service")
NAME = "org.freedesktop.systemd1"
PATH = "/org/freedesktop/systemd1"

pytestmark = pytest.mark.skipif(not all(os.path.exists(p) for p in BUS_UNITS + ("/usr/bin/dbus-daemon",)),
                                reason="dbus-daemon or its user units are not installed (Debian: dbus-user-session)")


def busctl(m, *args):
    return m.run("busctl", "--user", "--no-pager", *args)


def wait_for_name(m):
    def owned():
        rc, out, _ = busctl(m, "get-property", NAME, PATH, NAME + ".Manager", "Version")
        return rc == 0
    m.wait_for(owned, what=f"{NAME} on the user bus")


def test_broker_comes_up(manager):
    wait_for_name(manager)
    assert manager.props("dbus.socket", "ActiveState", "SubState") == \
        {"ActiveState": "active", "SubState": "running"}
    assert manager.prop("dbus.service", "SubState") == "running"
    assert os.path.exists(os.path.join(manager.runtime_dir, "bus"))
    # dbus.socket's ExecStartPost= ran systemctl set-environment against us
    env = manager.sc_ok("show-environment")
    assert f"DBUS_SESSION_BUS_ADDRESS=unix:path={manager.runtime_dir}/bus" in env


def test_busctl_tree_introspect_get_property_call(manager):
    wait_for_name(manager)
    rc, out, err = busctl(manager, "tree", NAME)
    assert rc == 0, err
    assert f"{PATH}/unit/dbus_2esocket" in out
    assert f"{PATH}/unit/default_2etarget" in out

    rc, out, err = busctl(manager, "introspect", NAME, PATH)
    assert rc == 0, err
    assert "org.freedesktop.systemd1.Manager" in out and ".StartUnit" in out

    rc, out, err = busctl(manager, "introspect", NAME, f"{PATH}/unit/dbus_2esocket")
    assert rc == 0, err
    assert "org.freedesktop.systemd1.Socket" in out and ".Listen" in out

    rc, out, err = busctl(manager, "get-property", NAME, f"{PATH}/unit/dbus_2esocket",
                          NAME + ".Unit", "ActiveState")
    assert (rc, out) == (0, 's "active"\n'), err
    rc, out, err = busctl(manager, "get-property", NAME, f"{PATH}/unit/dbus_2esocket",
                          NAME + ".Socket", "Listen")
    assert (rc, out) == (0, f'a(ss) 1 "Stream" "{manager.runtime_dir}/bus"\n'), err

    rc, out, err = busctl(manager, "get-property", NAME, f"{PATH}/unit/dbus_2esocket",
                          NAME + ".Unit", "NoSuchProp")
    assert rc == 1

    rc, out, err = busctl(manager, "call", NAME, PATH, NAME + ".Manager", "GetUnit", "s", "nosuch.service")
    assert rc == 1
    assert "Unit nosuch.service not loaded." in err


def test_systemctl_falls_back_to_the_bus(manager):
    wait_for_name(manager)
    manager.write_unit("t.service", "[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStart=/bin/true\n")
    os.rename(manager.socket, manager.socket + ".away")
    try:
        # start waits for JobRemoved, which must reach it on the broker
        manager.sc_ok("start", "t.service")
        assert manager.sc_ok("is-active", "t.service") == "active\n"
    finally:
        os.rename(manager.socket + ".away", manager.socket)


def test_manager_survives_broker_death_and_reconnects(manager):
    wait_for_name(manager)
    pid = int(manager.prop("dbus.service", "MainPID"))
    assert pid > 0
    os.kill(pid, signal.SIGKILL)
    manager.wait_for(lambda: manager.prop("dbus.service", "MainPID") not in ("0", str(pid)),
                     what="dbus.service to come back")
    assert manager.sc_ok("is-active", "default.target") == "active\n"
    wait_for_name(manager)
    # and the name is ours again, not stale
    rc, out, err = busctl(manager, "call", NAME, PATH, NAME + ".Manager", "GetUnit", "s", "dbus.socket")
    assert rc == 0, err


def test_stopping_the_broker_leaves_the_private_socket(manager):
    wait_for_name(manager)
    manager.sc_ok("stop", "dbus.socket", "dbus.service")
    assert manager.prop("dbus.service", "ActiveState") == "inactive"
    rc, _, _ = busctl(manager, "get-property", NAME, PATH, NAME + ".Manager", "Version")
    assert rc != 0
    assert manager.sc_ok("is-active", "default.target") == "active\n"
    time.sleep(0.5)
    # nothing restarted the broker behind our back
    assert manager.prop("dbus.service", "ActiveState") == "inactive"
    manager.sc_ok("start", "dbus.socket")
    wait_for_name(manager)


def test_start_queues_no_jobs_for_what_is_already_up(manager):
    """A transaction drops jobs that would change nothing (systemd's transaction_drop_redundant)
    and what only they pulled in: starting a service whose slice and basic.target are active
    installs (and announces with JobNew) one job, not one per active dependency."""
    m = manager
    wait_for_name(m)
    m.write_unit("a.service", "[Service]\nExecStart=/bin/sleep infinity\n")
    # a subscriber, so that the reference sends job signals on the bus at all
    sub = subprocess.Popen(["/usr/bin/python3", "-c",
                            "import time\nfrom pystemd.dbuslib import DBus\nfrom pystemd.systemd1 import Manager\n"
                            "with DBus(user_mode=True) as bus:\n"
                            "    Manager(bus=bus, _autoload=True).Manager.Subscribe()\n"
                            "    time.sleep(30)\n"], env=m.client_env)
    mon = subprocess.Popen(["stdbuf", "-oL", "busctl", "--user", "--no-pager", "monitor", NAME],
                           env=m.client_env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        time.sleep(2)
        rc, out, err = busctl(m, "call", NAME, PATH, NAME + ".Manager", "StartUnit", "ss", "a.service", "replace")
        assert rc == 0, err
        m.wait_state("a.service", "active")
        time.sleep(1)
    finally:
        mon.terminate()
        sub.terminate()
        text = mon.communicate(timeout=10)[0].decode(errors="replace")
        sub.wait(timeout=10)
    assert text.count("Member=JobNew") == 1, text[-3000:]
