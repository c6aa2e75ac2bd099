#!/bin/bash
# make demo: the loader on the example units (until the manager lands).
set -eu
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
export SYSTEMD_UNIT_PATH=$top/examples:
cd "$top/examples"
exec "$bin/stemd" --user --load *.service *.target
