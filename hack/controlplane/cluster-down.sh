#!/usr/bin/env bash
# Stops the local cluster "podblueprint" and removes its state (.cluster/kwok) and .cluster/kubeconfig,
# and first this checkout's real node, if REAL_NODES=1 started one (hack/node/down.sh).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
name=podblueprint
state="$repo/.cluster"
dir="$state/kwok/clusters/$name"
export KWOK_WORKDIR="$state/kwok"

if [ -z "${PODBLUEPRINT_CLUSTER_LOCKED:-}" ] && [ -d "$state" ]; then
  exec 9>"$state/lock" && flock 9 # cluster-up holds this lock already when it calls us
fi

"$repo/hack/node/down.sh"

if [ -d "$dir" ]; then
  # kwokctl kills the pids in its pid files: forget those that are gone or not ours (after a reboot).
  for f in "$dir"/pids/*.pid; do
    [ -e "$f" ] || continue
    grep -qsF "$dir/bin/" "/proc/$(cat "$f")/cmdline" || rm -f "$f"
  done
  # Use the binaries the cluster was started with; build.sh only if that record is gone.
  bin=$(cat "$state/bin" 2>/dev/null || true)
  [ -x "$bin/kwokctl" ] || bin=$("$here/build.sh")
  out=$("$bin/kwokctl" --name="$name" delete cluster 2>&1 9>&-) || { echo "$out" >&2; exit 1; }
  # A component started again by hand (make chaos restarts the kube-apiserver) may run under a pid
  # kwokctl never knew: stop whatever still runs from this cluster's binaries, then wait for it.
  left=()
  for p in /proc/[0-9]*; do
    argv0=""
    read -r -d '' argv0 <"$p/cmdline" 2>/dev/null || true
    case $argv0 in "$dir/bin/"*) left+=("${p#/proc/}") ;; esac
  done
  if ((${#left[@]})); then
    kill "${left[@]}" 2>/dev/null || true
    for _ in $(seq 100); do # up to 10 s for a graceful exit, then SIGKILL
      alive=()
      for p in "${left[@]}"; do kill -0 "$p" 2>/dev/null && alive+=("$p"); done
      ((${#alive[@]})) || break
      sleep 0.1
    done
    ((${#alive[@]})) && kill -9 "${alive[@]}" 2>/dev/null || true
  fi
fi
rm -rf "$KWOK_WORKDIR" "$state/kwokctl.log" "$state/kubeconfig" "$state/kubeconfig.tmp" "$state/fingerprint" "$state/bin"
echo "cluster-down: cluster $name removed" >&2
