#!/bin/sh
# Installs the Debian packages stemd needs to build and test, only those missing (idempotent).
set -e
pkgs="meson ninja-build gcc clang pkg-config libsystemd-dev libcmocka-dev libclang-rt-14-dev
      python3 python3-pytest python3-pystemd python3-dbus systemd dbus dbus-user-session
      procps util-linux"
missing=
for p in $pkgs; do
        dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends $missing >/dev/null || {
        apt-get update >/dev/null
        apt-get install -y --no-install-recommends $missing >/dev/null
}
