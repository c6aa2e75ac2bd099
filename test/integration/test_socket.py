# Socket units (systemd.socket(5)) driven by the real systemctl --user: socket activation hands
# the listening fd to the service (LISTEN_FDS, LISTEN_PID, LISTEN_FDNAMES, sd_listen_fds(3)),
# status and list-sockets show what the reference shows, RemoveOnStop= decides whether the
# socket file outlives a stop, and the Exec*= control commands of a socket run.
import os
import socket
import stat

ECHO = ("/usr/bin/python3 -c '"
        "import os, socket; "
        "open(\"@T@/env\", \"w\").write(\" \".join([str(os.environ.get(\"LISTEN_FDS\")), "
        "str(os.environ.get(\"LISTEN_FDNAMES\")), str(os.environ.get(\"LISTEN_PID\") == str(os.getpid()))])); "
        "s = socket.socket(fileno=3); s.setblocking(True); "
        "c, _ = s.accept(); c.sendall(b\"echo:\" + c.recv(100)); c.close()'")


def echo_units(m, sock_extra="", name="echo"):
    m.write_unit(f"{name}.socket", f"""
        [Socket]
        ListenStream=%t/{name}.sock
        {sock_extra}
        """)
    m.write_unit(f"{name}.service", f"""
        [Service]
        ExecStart={ECHO}
        """)
    return os.path.join(m.runtime_dir, f"{name}.sock")


def talk(path, data=b"hi"):
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(10)
        s.connect(path)
        s.sendall(data)
        return s.recv(100)


def test_stream_socket_activates_service_and_passes_fd(manager):
    path = echo_units(manager, "FileDescriptorName=echofd")
    manager.sc_ok("start", "echo.socket")
    assert manager.props("echo.socket", "ActiveState", "SubState") == \
        {"ActiveState": "active", "SubState": "listening"}
    assert stat.S_ISSOCK(os.stat(path).st_mode)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o666      # SocketMode= default
    assert manager.prop("echo.service", "ActiveState") == "inactive"

    assert talk(path) == b"echo:hi"
    manager.wait_for(lambda: manager.read("env"), what="the service's environment")
    assert manager.read("env") == "1 echofd True"

    # the service ran and ended: the socket listens again and activates again
    manager.wait_state("echo.service", "inactive")
    manager.wait_for(lambda: manager.prop("echo.socket", "SubState") == "listening",
                     what="echo.socket listening again")
    assert talk(path, b"again") == b"echo:again"


def test_status_and_list_sockets(manager):
    path = echo_units(manager)
    manager.sc_ok("start", "echo.socket")
    out = manager.sc_ok("status", "echo.socket")
    assert "Active: active (listening)" in out
    assert f"Listen: {path} (Stream)" in out
    assert "Triggers:" in out and "echo.service" in out

    out = manager.sc_ok("list-sockets")
    line = [l for l in out.splitlines() if "echo.socket" in l]
    assert line and path in line[0] and "echo.service" in line[0]

    p = manager.props("echo.socket", "Listen", "Accept", "Result", "NConnections", "Backlog",
                      "SocketMode", "DirectoryMode", "TriggerLimitBurst", "FileDescriptorName")
    assert p == {"Listen": f"{path} (Stream)", "Accept": "no", "Result": "success",
                 "NConnections": "0", "Backlog": "2147483647", "SocketMode": "0666",
                 "DirectoryMode": "0755", "TriggerLimitBurst": "20",
                 "FileDescriptorName": "echo.socket"}


def test_remove_on_stop(manager):
    path = echo_units(manager, "RemoveOnStop=yes")
    keep = echo_units(manager, "", name="keep")
    manager.sc_ok("start", "echo.socket", "keep.socket")
    assert os.path.exists(path) and os.path.exists(keep)
    manager.sc_ok("stop", "echo.socket", "keep.socket")
    assert manager.prop("echo.socket", "ActiveState") == "inactive"
    assert not os.path.exists(path)
    assert os.path.exists(keep)                       # RemoveOnStop=no leaves the file
    # and a start binds again over the stale file
    manager.sc_ok("start", "keep.socket")
    assert talk(keep) == b"echo:hi"


def test_control_commands_and_other_listeners(manager):
    manager.write_unit("multi.socket", """
        [Socket]
        ListenStream=@T@/dir/s.sock
        ListenDatagram=@T@/dgram.sock
        ListenFIFO=@T@/fifo
        ListenStream=127.0.0.1:0
        DirectoryMode=0700
        SocketMode=0600
        Service=multi-target.service
        ExecStartPre=/bin/sh -c 'echo pre >> @T@/log'
        ExecStartPost=/bin/sh -c 'echo post >> @T@/log'
        ExecStopPre=/bin/sh -c 'echo stoppre >> @T@/log'
        ExecStopPost=/bin/sh -c 'echo stoppost >> @T@/log'
        """)
    manager.write_unit("multi-target.service", """
        [Service]
        ExecStart=/bin/sh -c 'echo "$LISTEN_FDS $LISTEN_FDNAMES" > @T@/fds; cat @T@/fifo > /dev/null'
        """)
    manager.sc_ok("start", "multi.socket")
    # 127.0.0.1:0 is refused while parsing (port 0): three listeners remain
    listen = manager.prop("multi.socket", "Listen")
    assert f"{manager.tmp}/dir/s.sock (Stream)" in listen
    assert f"{manager.tmp}/dgram.sock (Datagram)" in listen
    assert f"{manager.tmp}/fifo (FIFO)" in listen
    assert stat.S_IMODE(os.stat(manager.path("dir")).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(manager.path("dir", "s.sock")).st_mode) == 0o600
    assert stat.S_ISFIFO(os.stat(manager.path("fifo")).st_mode)
    assert manager.read("log") == "pre\npost\n"

    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
        s.sendto(b"x", manager.path("dgram.sock"))
    manager.wait_for(lambda: manager.read("fds"), what="the triggered service")
    assert manager.read("fds") == "3 multi.socket:multi.socket:multi.socket\n"
    assert manager.prop("multi.socket", "SubState") == "running"

    out = manager.sc("status", "multi.socket")[1]
    assert "Active: active (running)" in out
    assert "ExecStartPost=/bin/sh -c echo post" in out

    manager.sc_ok("stop", "multi-target.service", "multi.socket")
    assert manager.read("log") == "pre\npost\nstoppre\nstoppost\n"


def test_bad_socket_units(manager):
    manager.write_unit("nolisten.socket", """
        [Socket]
        Accept=no
        """)
    rc, out, err = manager.sc("start", "nolisten.socket")
    assert rc != 0
    assert manager.prop("nolisten.socket", "LoadState") == "bad-setting"

    manager.write_unit("nosvc.socket", """
        [Socket]
        ListenStream=%t/nosvc.sock
        """)
    rc, out, err = manager.sc("start", "nosvc.socket")
    assert rc != 0
    assert manager.prop("nosvc.socket", "ActiveState") in ("inactive", "failed")
    assert manager.alive()


def test_failing_start_pre_fails_the_socket(manager):
    manager.write_unit("bad.socket", """
        [Socket]
        ListenStream=%t/bad.sock
        ExecStartPre=/bin/false
        """)
    manager.write_unit("bad.service", "[Service]\nExecStart=/bin/true\n")
    rc, _, _ = manager.sc("start", "bad.socket")
    assert rc != 0
    assert manager.props("bad.socket", "ActiveState", "Result") == \
        {"ActiveState": "failed", "Result": "exit-code"}
    assert not os.path.exists(os.path.join(manager.runtime_dir, "bad.sock"))
