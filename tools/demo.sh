#!/bin/bash
# make demo: run build/stemd --user in a temporary directory with the units of examples/,
# drive it with the real systemctl --user (start demo.target, list-units, status), then stop
# the manager by its pid and clean up.
#
#   tools/demo.sh BUILD_DIR          the demo against BUILD_DIR/stemd
#   tools/demo.sh --ref              the same against the systemd user manager of this machine
#                                    (needs root: a private mount namespace, as sdref does)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
arg=${1:?usage: tools/demo.sh BUILD_DIR | --ref}
if [ "$arg" = --ref ]; then
        sd=/lib/systemd/systemd; [ -x $sd ] || sd=/usr/lib/systemd/systemd
        manager=(unshare -m sh -c 'mount -t tmpfs tmpfs /run/systemd && mkdir -p /run/systemd/system &&
                 exec "$0" --user --log-target=console' "$sd")
else
        manager=("$(cd "$arg" && pwd)/stemd" --user)
        [ -x "${manager[0]}" ] || { echo "demo: ${manager[0]} not found (make first)" >&2; exit 1; }
fi
command -v systemctl >/dev/null || { echo "demo: needs systemctl (apt-get install systemd)" >&2; exit 1; }

d=$(mktemp -d /tmp/stemd-demo.XXXXXX)
pid=
cleanup() {
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
                kill -TERM "$pid"
                for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
                kill -KILL "$pid" 2>/dev/null || true
        fi
        rm -rf "$d"
}
trap cleanup EXIT
mkdir -p "$d/xdg" "$d/home/.config/systemd/user"
chmod 700 "$d/xdg"
cp "$top"/examples/*.service "$top"/examples/*.target "$d/home/.config/systemd/user/"
export HOME=$d/home XDG_RUNTIME_DIR=$d/xdg XDG_CONFIG_HOME=$d/home/.config LC_ALL=C
env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$HOME" XDG_RUNTIME_DIR="$XDG_RUNTIME_DIR" \
        XDG_CONFIG_HOME="$XDG_CONFIG_HOME" "${manager[@]}" >"$d/manager.log" 2>&1 </dev/null &
pid=$!

fail() {
        echo "demo: $*" >&2
        echo "--- manager log ($d/manager.log):" >&2
        tail -n 30 "$d/manager.log" >&2
        exit 1
}
wait_until() {  # SECONDS CMD...: poll CMD until it succeeds
        local end=$((SECONDS + $1)); shift
        until "$@" >/dev/null 2>&1; do
                kill -0 "$pid" 2>/dev/null || fail "the manager exited"
                [ $SECONDS -lt $end ] || return 1
                sleep 0.1
        done
}
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }

echo "demo: manager pid $pid in $d"
wait_until 10 systemctl --user show -p Version || fail "the manager did not answer on $XDG_RUNTIME_DIR/systemd/private"
step systemctl --user --no-pager show -p Version
step systemctl --user start demo.target || fail "starting demo.target failed"
wait_until 10 test -s "$XDG_RUNTIME_DIR/demo-report" || fail "the pipeline did not finish"
step systemctl --user --no-pager list-units --all 'demo*'
step systemctl --user --no-pager status demo-ready.service || true
step systemctl --user --no-pager list-units --all 'demo-worker@*'
step cat "$XDG_RUNTIME_DIR/demo-report"
step systemctl --user stop demo.target
step systemctl --user --no-pager is-active demo-web.service demo-ready.service demo-worker@1.service || true

printf '\ndemo: stopping the manager (SIGTERM to pid %s)\n' "$pid"
kill -TERM "$pid"
rc=0; wait "$pid" || rc=$?
pid=
[ $rc = 0 ] || fail "the manager exited with status $rc"
echo "demo: done; the manager exited 0"
