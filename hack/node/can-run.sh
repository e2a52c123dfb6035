#!/usr/bin/env bash
# Exits 0 when this machine can run the real node (root, Linux, a memory cgroup controller, bridges);
# otherwise prints the reason on one line and exits 1. make test-node and up.sh ask it first.
set -uo pipefail
[ "$(uname -s)" = Linux ] || { echo "not Linux ($(uname -s))"; exit 1; }
[ "$(id -u)" = 0 ] || { echo "not root (uid $(id -u))"; exit 1; }
if [ ! -d /sys/fs/cgroup/memory ] && ! grep -qw memory /sys/fs/cgroup/cgroup.controllers 2>/dev/null; then
  echo "no memory cgroup controller (neither /sys/fs/cgroup/memory nor cgroup2's cgroup.controllers)"; exit 1
fi
command -v ip >/dev/null || { echo "no ip command (iproute2)"; exit 1; }
command -v apt-get >/dev/null || command -v runc >/dev/null || { echo "no runc and no apt-get to install it"; exit 1; }
exit 0
