#!/usr/bin/env bash
# Removes the real node and everything it made on the host (cluster-down.sh calls it, and up.sh
# before a start): stops kube-proxy and the kubelet, kills every container and shim, stops
# containerd, unmounts what they mounted, deletes the bridge, the veths and network namespaces,
# removes the iptables rules and the kubepods cgroups, restores the sysctls, removes the state.
# A no-op when no node was started. Only this checkout's node is removed.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
source "$here/node.env"
dir="$repo/.cluster/node"
log() { echo "node: $*" >&2; }

owner=$(cat "$NODE_RUN/owner" 2>/dev/null || true)
if [ -n "$owner" ] && [ "$owner" != "$repo" ]; then exit 0; fi # another checkout's node
if [ -z "$owner" ] && [ ! -d "$dir" ] && ! ip link show "$NODE_BRIDGE" >/dev/null 2>&1; then exit 0; fi
started=$SECONDS
bin=$(cat "$dir/bin" 2>/dev/null || true)

stop() { # stop <name>: SIGTERM, then SIGKILL after 10 s, the process whose pid .cluster/node holds
  local pid
  pid=$(cat "$dir/$1.pid" 2>/dev/null) || return 0
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  fi
  rm -f "$dir/$1.pid"
}
stop apiforward
stop kube-proxy
stop kubelet

# Every container and sandbox: kill the tasks, then containerd, then any shim left (ours by path).
if [ -x "$bin/ctr" ] && [ -S "$NODE_RUN/containerd.sock" ]; then
  ctr() { timeout 20 "$bin/ctr" --address "$NODE_RUN/containerd.sock" --namespace k8s.io "$@"; }
  for id in $(ctr tasks ls -q 2>/dev/null); do ctr tasks kill -s SIGKILL "$id" >/dev/null 2>&1; done
  for id in $(ctr tasks ls -q 2>/dev/null); do ctr tasks rm -f "$id" >/dev/null 2>&1; done
fi
stop containerd
for exe in /proc/[0-9]*/exe; do
  target=$(readlink "$exe" 2>/dev/null) || continue
  [ -n "$bin" ] && [ "$target" = "$bin/containerd-shim-runc-v2" ] && kill -9 "$(basename "$(dirname "$exe")")" 2>/dev/null
done
# Processes left in the pods' cgroups (a container whose shim is gone), then the cgroups themselves.
for cg in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods; do
  [ -d "$cg" ] || continue
  find "$cg" -name cgroup.procs -exec cat {} + 2>/dev/null | xargs -r kill -9 2>/dev/null
done
sleep 0.2
for cg in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods; do
  [ -d "$cg" ] && find "$cg" -depth -type d -exec rmdir {} + 2>/dev/null
done

# Mounts under the node's directories, deepest first, in passes (bind mounts can stack).
for _ in 1 2 3 4 5; do
  mounts=$(awk -v a="$NODE_ROOT" -v b="$NODE_RUN" '$5 == a || index($5, a "/") == 1 || $5 == b || index($5, b "/") == 1 { print $5 }' \
    /proc/self/mountinfo | sort -r)
  [ -z "$mounts" ] && break
  while read -r m; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null; done <<<"$mounts"
done

# Network: veths on the bridge, the bridge, the guard, the rules kube-proxy, CNI and the kubelet made.
for link in $(ip -o link show master "$NODE_BRIDGE" 2>/dev/null | awk -F': ' '{ print $2 }' | cut -d@ -f1); do
  ip link del "$link" 2>/dev/null
done
ip link del "$NODE_BRIDGE" 2>/dev/null
ipt() { iptables -w "$@" 2>/dev/null; }
while ipt -t mangle -D FORWARD -j "$NODE_GUARD_CHAIN"; do :; done
ipt -t mangle -F "$NODE_GUARD_CHAIN" && ipt -t mangle -X "$NODE_GUARD_CHAIN"
while rule=$(iptables -w -t mangle -S POSTROUTING 2>/dev/null | grep -m1 -- "--comment $NODE_GUARD_CHAIN"); do
  eval "ipt -t mangle ${rule/-A /-D }" || break
done
if [ -x "$bin/kube-proxy" ]; then "$bin/kube-proxy" --cleanup >/dev/null 2>&1; fi
for table in filter nat mangle; do # chains named by kube-proxy, the kubelet and the CNI plugins
  for chain in $(iptables -w -t "$table" -S 2>/dev/null | awk '$1 == "-N" && ($2 ~ /^KUBE-/ || $2 ~ /^CNI-/) { print $2 }'); do
    while rule=$(iptables -w -t "$table" -S 2>/dev/null | grep -m1 -E -- "-j $chain( |$)"); do
      eval "ipt -t $table ${rule/-A /-D }" || break
    done
  done
  for chain in $(iptables -w -t "$table" -S 2>/dev/null | awk '$1 == "-N" && ($2 ~ /^KUBE-/ || $2 ~ /^CNI-/) { print $2 }'); do
    ipt -t "$table" -F "$chain"
  done
  for chain in $(iptables -w -t "$table" -S 2>/dev/null | awk '$1 == "-N" && ($2 ~ /^KUBE-/ || $2 ~ /^CNI-/) { print $2 }'); do
    ipt -t "$table" -X "$chain"
  done
done

# Host settings back as they were, then the state.
if [ -f "$NODE_RUN/sysctls" ]; then
  while IFS='=' read -r key value; do sysctl -qw "$key=$value" 2>/dev/null; done <"$NODE_RUN/sysctls"
fi
if [ -f "$NODE_RUN/created-paths" ]; then
  while read -r p; do rm -rf --one-file-system "$p"; done <"$NODE_RUN/created-paths"
fi
rm -rf --one-file-system "$NODE_ROOT" "$NODE_RUN" "$dir"
log "$NODE_NAME removed in $((SECONDS - started))s"
