# The loader against the reference: every unit file installed on this machine loads (exit 0,
# no sanitizer report) under its mode, and for the user units every property that
# `stemd --user --load` prints equals what systemd's own user manager shows for it.
#
# What is compared: for each unit, each Name=value line stemd prints against
# `systemctl --user show -p Name UNIT` of the reference (the machine's systemd, isolated as
# ../shared/tools/sdref does, with the same HOME and XDG_* as stemd). Values compare as
# strings, except:
#   - dependency lists (Wants, After, WantedBy, ...) and Names compare as sets: systemd
#     prints them in hash-table order;
#   - command lines (ExecStart=, a line each) compare without their runtime fields
#     (start_time, stop_time, pid, code, status: the reference may have run them already);
#   - a property the reference does not print is a mismatch (stemd made a name up).
#
# Reverse links (WantedBy=, Before= from another unit's After=, ...) depend on which units a
# manager holds, so both must hold the same ones. The set is made closed on the reference's
# side: starting from the installed user units (templates as a sample instance), add every
# unit any of them names in a dependency property, until nothing new appears. A target
# written for this test, stemd-test-pin.target, orders itself After= all of them and is
# started, so that the reference cannot garbage-collect any of them while they are shown.
# stemd loads the same set, the pin included, in one call (its reverse links are among the
# units of one call). What remains different are the units the reference makes from the
# kernel's state (mount, device and scope units: no file, nothing the loader can know); a
# link that the reference shows and stemd does not is accepted only when one of those
# units states it from its side (-.mount's Before=dbus.socket for dbus.socket's After=).
# Every link stemd prints must be in the reference's list.
import os
import re
import shutil
import subprocess
import tempfile

import pytest

from conftest import (CLEAN_PATH, SANITIZER_MARKS, STEMD_BIN, Manager, _reference_binary)

USER_DIR = "/usr/lib/systemd/user"
SYSTEM_DIR = "/lib/systemd/system"
PIN = "stemd-test-pin.target"
SAMPLE_INSTANCE = "stemdtest"

# property → the property that states the same link from the other unit's side
INVERSE = {
        "Requires": "RequiredBy", "Requisite": "RequisiteOf", "Wants": "WantedBy",
        "BindsTo": "BoundBy", "PartOf": "ConsistsOf", "Upholds": "UpheldBy",
        "Conflicts": "ConflictedBy", "Before": "After", "OnFailure": "OnFailureOf",
        "OnSuccess": "OnSuccessOf", "Triggers": "TriggeredBy",
        "PropagatesReloadTo": "ReloadPropagatedFrom", "PropagatesStopTo": "StopPropagatedFrom",
        "JoinsNamespaceOf": "JoinsNamespaceOf", "References": "ReferencedBy",
        "SliceOf": "Slice",
}
INVERSE.update({v: k for k, v in list(INVERSE.items())})
DEPENDENCIES = set(INVERSE) - {"Slice", "SliceOf"}
SETS = DEPENDENCIES | {"Names"}
EXEC_RUNTIME = re.compile(r" ; start_time=\[[^]]*\] ; stop_time=\[[^]]*\] ; pid=\d+ ; code=\S+ ; status=\S+ }$",
                          re.M)


def unit_names(d):
    """The unit names a directory installs: files and symlinks; a template as an instance."""
    out = []
    for n in sorted(os.listdir(d)):
        p = os.path.join(d, n)
        if os.path.isdir(p) and not os.path.islink(p):
            continue                            # foo.wants/, foo.d/
        if "." not in n or n.startswith("."):
            continue
        stem, _, suffix = n.rpartition(".")
        if stem.endswith("@"):
            n = f"{stem}{SAMPLE_INSTANCE}.{suffix}"
        out.append(n)
    return out


def parse_blocks(text):
    """`systemctl show` output of several units: a dict per unit, in order. Some properties
    take a line per item (ExecStart=, DeviceAllow=, EnvironmentFiles=): their lines join."""
    blocks, cur = [], {}
    for line in text.split("\n"):
        if line == "":
            if cur:
                blocks.append(cur)
            cur = {}
            continue
        k, sep, v = line.partition("=")
        assert sep, f"not a property line: {line!r}"
        cur[k] = cur[k] + "\n" + v if k in cur else v
    if cur:
        blocks.append(cur)
    return blocks


def stemd_load(mode, names, env, timeout=120):
    p = subprocess.run([os.path.join(STEMD_BIN, "stemd"), mode, "--load", "--", *names],
                       env=env, cwd="/", stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, timeout=timeout)
    reports = [l for l in p.stderr.splitlines() if any(m in l for m in SANITIZER_MARKS)]
    assert not reports, "sanitizer report:\n" + p.stderr[-4000:]
    assert p.returncode == 0, f"stemd {mode} --load: exit status {p.returncode}\n{p.stderr[-4000:]}"
    return p.stdout


def need_stemd():
    if not os.access(os.path.join(STEMD_BIN, "stemd"), os.X_OK):
        pytest.fail(f"no stemd binary in STEMD_BIN={STEMD_BIN} (run make first)")


def load_env(root):
    env = {"PATH": CLEAN_PATH, "HOME": os.path.join(root, "home"),
           "XDG_RUNTIME_DIR": os.path.join(root, "xdg"),
           "XDG_CONFIG_HOME": os.path.join(root, "home", ".config")}
    for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
        if k in os.environ:
            env[k] = os.environ[k]
    return env


@pytest.mark.parametrize("mode,d", [("--system", SYSTEM_DIR), ("--user", USER_DIR)])
def test_load_installed(mode, d, manager_dir):
    """Every installed unit loads, in one call, with exit status 0 and no sanitizer report."""
    need_stemd()
    if not os.path.isdir(d):
        pytest.skip(f"{d} does not exist (Debian: apt-get install systemd)")
    names = unit_names(d)
    for sub in ("home/.config", "xdg"):
        os.makedirs(os.path.join(manager_dir, sub), exist_ok=True)
    out = stemd_load(mode, names, load_env(manager_dir))
    blocks = parse_blocks(out)
    assert len(blocks) == len(names)
    assert all("Id" in b and "LoadState" in b for b in blocks)


@pytest.fixture(scope="module")
def reference():
    """The reference user manager, holding the closed set of units (see the top comment)."""
    if shutil.which("systemctl", path=CLEAN_PATH) is None:
        pytest.skip("systemctl is not installed (Debian: apt-get install systemd)")
    if _reference_binary() is None:
        pytest.skip("no systemd binary on this machine to compare with")
    if os.geteuid() != 0:
        pytest.skip("the reference manager needs root (a private mount namespace)")
    if shutil.which("unshare", path=CLEAN_PATH) is None:
        pytest.skip("unshare is not installed")
    if not os.path.isdir(USER_DIR):
        pytest.skip(f"{USER_DIR} does not exist")
    need_stemd()
    root = tempfile.mkdtemp(prefix="stemd-r.", dir="/tmp")
    m = Manager(root)
    m.ref = True
    try:
        m.start()
        installed = unit_names(USER_DIR)
        units, todo = set(installed), list(installed)
        props = ",".join(sorted(DEPENDENCIES))
        while todo:
            out = m.sc_ok("show", "-p", props, "--", *todo)
            todo = []
            for b in parse_blocks(out):
                for k in DEPENDENCIES:
                    for n in b.get(k, "").split():
                        if n not in units:
                            units.add(n)
                            todo.append(n)
        units = sorted(units)
        loaded = {l.split()[0] for l in m.sc_ok("list-units", "--all", "--plain", "--no-legend",
                                                 "--full").splitlines() if l.strip()}
        synthesized = set()
        for n, b in zip(sorted(loaded), parse_blocks(m.sc_ok("show", "-p", "FragmentPath,LoadState",
                                                             "--", *sorted(loaded)))):
            if not b.get("FragmentPath") and b.get("LoadState") == "loaded":
                synthesized.add(n)
        m.write_unit(PIN, "[Unit]\nDescription=Holds the units under test\nAfter=" +
                     " ".join(u for u in units if u not in synthesized) + "\n")
        m.sc_ok("daemon-reload")
        m.sc_ok("start", PIN)
        yield m, installed, [u for u in units if u not in synthesized] + [PIN], synthesized
    finally:
        problems = m.stop()
        shutil.rmtree(root, ignore_errors=True)
    assert not problems, "; ".join(problems)


def compare_unit(name, mine, ref, ref_of):
    """Mismatches of one unit: stemd's properties `mine` against the reference's `ref`."""
    bad = []
    for k, v in mine.items():
        if k not in ref:
            bad.append(f"{name}: {k}={v}: the reference has no such property")
            continue
        if k in SETS:
            a, b = set(v.split()), set(ref[k].split())
            extra = a - b
            missing = {x for x in b - a
                       if k not in INVERSE or name not in ref_of(x).get(INVERSE[k], "").split()}
            if extra or missing:
                bad.append(f"{name}: {k}: stemd has {sorted(extra)} more, "
                           f"{sorted(missing)} less than the reference ({ref[k]!r})")
        elif k.startswith("Exec"):
            a, b = EXEC_RUNTIME.sub(" }", v), EXEC_RUNTIME.sub(" }", ref[k])
            if a != b:
                bad.append(f"{name}: {k}={a!r}, the reference has {b!r}")
        elif v != ref[k]:
            bad.append(f"{name}: {k}={v!r}, the reference has {ref[k]!r}")
    return bad


def test_user_units_match_reference(reference):
    m, installed, units, synthesized = reference
    out = stemd_load("--user", units, load_env(m.root))
    mine = dict(zip(units, parse_blocks(out)))
    assert len(mine) == len(units)

    names = sorted({k for n in installed for k in mine[n]})
    ref = dict(zip(installed, parse_blocks(m.sc_ok("show", "-p", ",".join(names), "--", *installed))))
    inv = sorted({INVERSE[k] for k in names if k in INVERSE})
    syn = sorted(synthesized)
    ref_syn = dict(zip(syn, parse_blocks(m.sc_ok("show", "-p", ",".join(inv), "--", *syn)))) if syn else {}

    def ref_of(x):
        return ref_syn.get(x, {})              # only units stemd cannot load explain a link

    bad = []
    for n in installed:
        bad += compare_unit(n, mine[n], ref[n], ref_of)
    assert not bad, f"{len(bad)} mismatches:\n" + "\n".join(bad)
