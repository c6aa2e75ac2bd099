# Fixtures for integration tests: each test gets its own stemd in a temporary directory.
#
# The `manager` fixture makes a directory holding HOME, XDG_RUNTIME_DIR (0700) and
# XDG_CONFIG_HOME, starts `$STEMD_BIN/stemd --user` there with a clean environment, waits
# until `systemctl --user show -p Version` answers on $XDG_RUNTIME_DIR/systemd/private, and
# hands the test a Manager: write_unit(), sc() (the real systemctl), prop(), wait_for().
# On teardown it sends SIGTERM to the pid it started and fails the test when the manager
# did not exit 0 in time, crashed, left processes behind, or printed a sanitizer report.
#
# Environment:
#   STEMD_BIN         directory holding the stemd binary (default: build/ of this tree)
#   STEMD_TEST_REF=1  run the same tests against the reference, the systemd user manager of
#                     this machine, isolated as ../shared/tools/sdref does (needs root)
#   STEMD_TEST_KEEP=1 keep the temporary directories
#   STEMD_TEST_TIMEOUT  seconds for one wait (default 20; scale it up on a slow machine)
#
# Nothing here assumes cgroups: when the cgroup file system is writable each manager runs
# in a subtree of its own (so that leftovers can be found and ended); elsewhere processes
# left behind are found because this process is a child subreaper.
import ctypes
import os
import shutil
import signal
import subprocess
import tempfile
import textwrap
import time

import pytest

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SHARED = os.environ.get("SHARED") or os.path.join(os.path.dirname(TOP), "shared")
STEMD_BIN = os.environ.get("STEMD_BIN") or os.path.join(TOP, "build")
REF = os.environ.get("STEMD_TEST_REF", "") not in ("", "0", "no")
KEEP = os.environ.get("STEMD_TEST_KEEP", "") not in ("", "0", "no")
TIMEOUT = float(os.environ.get("STEMD_TEST_TIMEOUT", "20"))
CLEAN_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
SANITIZER_MARKS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:",
                   "WARNING: ThreadSanitizer", "ERROR: UndefinedBehaviorSanitizer")
PR_SET_CHILD_SUBREAPER = 36


def _reference_binary():
    for p in ("/lib/systemd/systemd", "/usr/lib/systemd/systemd"):
        if os.access(p, os.X_OK):
            return p
    return None


def _become_subreaper():
    """Orphans of the manager re-parent to us, so leftovers are found without cgroups."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except OSError:
        return False


SUBREAPER = _become_subreaper()
RUNNING = set()                                 # managers started and not yet stopped


def _terminated(signum, frame):
    """SIGTERM to pytest: unwind like ^C, so that every fixture's teardown still runs."""
    raise KeyboardInterrupt(f"signal {signum}")


signal.signal(signal.SIGTERM, _terminated)


def pytest_unconfigure(config):
    """Last resort (an interrupted run): no manager we started outlives pytest."""
    for m in list(RUNNING):
        if m.alive():
            m.proc.kill()
            m.proc.wait()
        m.cgroup.remove()


def _children_of(pid):
    """Pids whose parent is `pid` (from /proc; zombies included)."""
    out = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        # comm may hold spaces and parentheses: the fields after the last ')' are fixed.
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[1]) == pid:
            out.append(int(d))
    return out


def _comm(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return "?"


def _reap_nohang():
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def pid_alive(pid):
    """True while `pid` exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


class Cgroup:
    """A cgroup subtree of one manager on every writable hierarchy; nothing when none is."""

    def __init__(self, name):
        self.dirs = []
        if os.environ.get("STEMD_TEST_CGROUP", "1") == "0":
            return
        bases = []
        if os.path.exists("/sys/fs/cgroup/cgroup.controllers"):
            bases = ["/sys/fs/cgroup"]
        elif os.path.exists("/sys/fs/cgroup/unified/cgroup.procs"):
            bases = ["/sys/fs/cgroup/unified"]
            if os.path.exists("/sys/fs/cgroup/systemd/cgroup.procs"):
                bases.append("/sys/fs/cgroup/systemd")
        for b in bases:
            d = os.path.join(b, name)
            try:
                os.makedirs(os.path.join(d, "init.scope"))
            except OSError:
                continue
            self.dirs.append(d)

    def enter(self):
        """In the child before exec: move it into init.scope of the subtree."""
        for d in self.dirs:
            try:
                with open(os.path.join(d, "init.scope", "cgroup.procs"), "w") as f:
                    f.write("0")
            except OSError:
                pass

    def pids(self):
        found = set()
        for d in self.dirs:
            for root, _, files in os.walk(d):
                if "cgroup.procs" in files:
                    try:
                        with open(os.path.join(root, "cgroup.procs")) as f:
                            found.update(int(x) for x in f.read().split())
                    except OSError:
                        pass
        return found

    def remove(self):
        deadline = time.monotonic() + 5
        for d in self.dirs:
            while os.path.isdir(d):
                for root, dirs, _ in os.walk(d, topdown=False):
                    try:
                        os.rmdir(root)
                    except OSError:
                        pass
                if not os.path.isdir(d) or time.monotonic() > deadline:
                    break
                time.sleep(0.05)


class Manager:
    """One manager under test in its own directory, and the clients pointed at it."""

    def __init__(self, root):
        self.ref = REF
        self.root = root
        self.home = os.path.join(root, "home")
        self.runtime_dir = os.path.join(root, "xdg")
        self.config_home = os.path.join(self.home, ".config")
        self.unit_dir = os.path.join(self.config_home, "systemd", "user")
        self.tmp = os.path.join(root, "t")       # scratch space for services to write to
        self.log_path = os.path.join(root, "manager.log")
        self.socket = os.path.join(self.runtime_dir, "systemd", "private")
        self.proc = None
        self.start_failed = False               # reported by start(): not again by stop()
        self.log_text = None
        self.problems = []
        os.makedirs(self.unit_dir)
        os.makedirs(self.tmp)
        os.makedirs(self.runtime_dir)
        os.chmod(self.runtime_dir, 0o700)
        self.env = {
                "PATH": CLEAN_PATH,
                "HOME": self.home,
                "XDG_RUNTIME_DIR": self.runtime_dir,
                "XDG_CONFIG_HOME": self.config_home,
        }
        # The clients: same directories; C locale so that messages compare.
        self.client_env = dict(self.env, LC_ALL="C", SYSTEMD_PAGER="", SYSTEMD_COLORS="0")
        self.cgroup = Cgroup("stemd-test-" + os.path.basename(root))

    # -------------------------------------------------------------- unit files
    def path(self, *parts):
        """A path in the scratch directory."""
        return os.path.join(self.tmp, *parts)

    def write_unit(self, name, text, dropin=None):
        """Write a unit file (dedented; @T@ becomes the scratch directory), or with
        dropin="x.conf" a drop-in for it."""
        d = self.unit_dir
        if dropin:
            d = os.path.join(d, name + ".d")
            name = dropin
        os.makedirs(d, exist_ok=True)
        p = os.path.join(d, name)
        with open(p, "w") as f:
            f.write(textwrap.dedent(text).lstrip("\n").replace("@T@", self.tmp))
        return p

    def link_unit(self, link, target):
        """A symlink in the unit directory: link_unit("t.target.wants/a.service", "../a.service")."""
        p = os.path.join(self.unit_dir, link)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        os.symlink(target, p)
        return p

    # -------------------------------------------------------------- the manager
    def command(self):
        if self.ref:
            sd = _reference_binary()
            # As ../shared/tools/sdref: a private mount namespace where /run/systemd/system
            # exists, so that the manager believes it was booted under systemd.
            return ["unshare", "-m", "sh", "-c",
                    "mount -t tmpfs tmpfs /run/systemd && mkdir -p /run/systemd/system && "
                    "exec \"$0\" --user --log-target=console", sd]
        return [os.path.join(STEMD_BIN, "stemd"), "--user"]

    def start(self):
        env = dict(self.env)
        for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "STEMD_LOG_LEVEL"):
            if k in os.environ:
                env[k] = os.environ[k]
        log = open(self.log_path, "wb")
        try:
            self.proc = subprocess.Popen(self.command(), env=env, cwd="/", stdin=subprocess.DEVNULL,
                                         stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True, preexec_fn=self.cgroup.enter)
        finally:
            log.close()
        RUNNING.add(self)
        deadline = time.monotonic() + TIMEOUT
        self.start_failed = True
        while True:
            if self.proc.poll() is not None:
                raise AssertionError(f"manager exited with status {self.proc.returncode} before "
                                     f"answering on {self.socket}")
            if os.path.exists(self.socket):
                rc, out, _ = self.sc("show", "-p", "Version", timeout=TIMEOUT)
                if rc == 0 and out.startswith("Version="):
                    self.start_failed = False
                    return
            if time.monotonic() > deadline:
                raise AssertionError(f"manager did not answer `systemctl --user show -p Version` "
                                     f"within {TIMEOUT:.0f}s")
            time.sleep(0.05)

    @property
    def pid(self):
        return self.proc.pid if self.proc else None

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def log(self):
        if self.log_text is not None:
            return self.log_text
        try:
            with open(self.log_path, errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def stop(self):
        """SIGTERM to our pid; returns the problems seen (empty when all went well)."""
        problems = []
        if self.proc is None:
            self.cgroup.remove()
            return problems
        RUNNING.discard(self)
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                problems.append(f"manager did not exit within {TIMEOUT:.0f}s of SIGTERM; killed")
                self.proc.kill()
                self.proc.wait()
        elif not self.start_failed:
            problems.append("manager exited before the end of the test")
        rc = self.proc.returncode
        if self.start_failed:
            pass
        elif rc < 0:
            problems.append(f"manager was killed by signal {signal.Signals(-rc).name}")
        elif rc != 0:
            problems.append(f"manager exited with status {rc}")
        problems += self._end_leftovers()
        self.log_text = self.log()
        for line in self.log_text.splitlines():
            if any(m in line for m in SANITIZER_MARKS):
                problems.append("sanitizer report in the manager log: " + line.strip())
                break
        self.cgroup.remove()
        return problems

    def _end_leftovers(self):
        """Processes the manager left behind: kill them by pid, report them."""
        me = os.getpid()
        deadline = time.monotonic() + 2
        while True:                             # give just-orphaned processes a moment
            left = {p for p in self.cgroup.pids() | set(_children_of(me)) if pid_alive(p)}
            if not left or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        desc = [f"{p} ({_comm(p)})" for p in sorted(left)]
        for p in left:
            try:
                os.kill(p, signal.SIGKILL)
            except OSError:
                pass
        deadline = time.monotonic() + 5
        while any(pid_alive(p) for p in left) and time.monotonic() < deadline:
            _reap_nohang()
            time.sleep(0.02)
        _reap_nohang()
        return ["processes outlived the manager: " + ", ".join(desc)] if desc else []

    # -------------------------------------------------------------- clients
    def run(self, *argv, timeout=None, input=None):
        """Any client with the manager's environment; returns (rc, stdout, stderr)."""
        timeout = timeout or TIMEOUT * 1.5
        try:
            p = subprocess.run(list(argv), env=self.client_env, cwd=self.tmp, input=input,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               stdin=None if input is not None else subprocess.DEVNULL,
                               timeout=timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"{' '.join(argv)} did not return within {timeout:.0f}s") from None
        return p.returncode, p.stdout, p.stderr

    def sc(self, *args, timeout=None):
        """The real `systemctl --user --no-pager ARGS`: (rc, stdout, stderr)."""
        return self.run("systemctl", "--user", "--no-pager", *args, timeout=timeout)

    def sc_ok(self, *args, timeout=None):
        """systemctl that must succeed; returns stdout."""
        rc, out, err = self.sc(*args, timeout=timeout)
        assert rc == 0, f"systemctl --user {' '.join(args)}: rc {rc}\n{out}{err}"
        return out

    def prop(self, unit, name):
        """One property of a unit as `systemctl show -p NAME --value` prints it."""
        rc, out, err = self.sc("show", "-p", name, "--value", unit)
        assert rc == 0, f"show -p {name} {unit}: rc {rc}: {err}"
        return out.rstrip("\n")

    def props(self, unit, *names):
        """Several properties at once, as a dict."""
        rc, out, err = self.sc("show", "-p", ",".join(names), unit)
        assert rc == 0, f"show {unit}: rc {rc}: {err}"
        d = {}
        for line in out.splitlines():
            k, _, v = line.partition("=")
            d[k] = v
        return d

    def wait_for(self, predicate, timeout=None, what=None):
        """Poll predicate() until it returns a true value (returned); fail after timeout."""
        timeout = timeout or TIMEOUT
        deadline = time.monotonic() + timeout
        delay = 0.01
        while True:
            v = predicate()
            if v:
                return v
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout:.0f}s waiting for "
                                     f"{what or getattr(predicate, '__name__', 'condition')}")
            if not self.alive():
                raise AssertionError(f"manager exited while waiting for {what or 'condition'}")
            time.sleep(delay)
            delay = min(delay * 2, 0.2)

    def wait_state(self, unit, active_state, timeout=None):
        """Wait until the unit's ActiveState is active_state (a string or a tuple)."""
        states = (active_state,) if isinstance(active_state, str) else tuple(active_state)
        last = []

        def check():
            last[:] = [self.prop(unit, "ActiveState")]
            return last[0] in states
        try:
            self.wait_for(check, timeout, f"{unit} to be {'/'.join(states)}")
        except AssertionError as e:
            raise AssertionError(f"{e} (it is {last[0] if last else '?'})") from None

    def read(self, name, default=None):
        """Contents of a file in the scratch directory (default when it does not exist)."""
        try:
            with open(self.path(name)) as f:
                return f.read()
        except FileNotFoundError:
            return default


def _clients_missing():
    for c in ("systemctl",):
        if shutil.which(c, path=CLEAN_PATH) is None:
            return c
    return None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On failure, attach the manager's log to the report."""
    outcome = yield
    rep = outcome.get_result()
    m = getattr(item, "_stemd_manager", None)
    if m is not None and rep.failed:
        text = m.log()
        lines = text.splitlines()
        if len(lines) > 300:
            text = "\n".join([f"[... {len(lines) - 300} lines ...]"] + lines[-300:])
        rep.sections.append((f"manager log ({m.log_path})", text or "(empty)"))


@pytest.fixture
def manager_dir():
    """A fresh temporary directory for a manager (short: socket paths are limited)."""
    missing = _clients_missing()
    if missing:
        pytest.skip(f"{missing} is not installed (Debian: apt-get install systemd)")
    if REF:
        if _reference_binary() is None:
            pytest.skip("STEMD_TEST_REF: no systemd binary on this machine")
        if os.geteuid() != 0:
            pytest.skip("STEMD_TEST_REF needs root (private mount namespace)")
    elif not os.access(os.path.join(STEMD_BIN, "stemd"), os.X_OK):
        pytest.fail(f"no stemd binary in STEMD_BIN={STEMD_BIN} (run make first)")
    root = tempfile.mkdtemp(prefix="stemd-t.", dir="/tmp")
    yield root
    if not KEEP:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def unstarted_manager(request, manager_dir):
    """A Manager whose unit files the test writes before calling start()."""
    m = Manager(manager_dir)
    request.node._stemd_manager = m
    yield m
    problems = m.stop()
    if problems:
        pytest.fail("; ".join(problems), pytrace=False)


@pytest.fixture
def manager(unstarted_manager):
    """A running manager in its own directory; unit files may be written afterwards."""
    unstarted_manager.start()
    return unstarted_manager
