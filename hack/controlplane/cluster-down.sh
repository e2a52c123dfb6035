#!/usr/bin/env bash
# Stops the local cluster "podblueprint" and removes its state (.cluster/kwok) and .cluster/kubeconfig.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
name=podblueprint
state="$repo/.cluster"
export KWOK_WORKDIR="$state/kwok"

if [ -d "$KWOK_WORKDIR/clusters/$name" ]; then
  # Use the binaries the cluster was started with; build.sh only if that record is gone.
  bin=$(cat "$state/bin" 2>/dev/null || true)
  [ -x "$bin/kwokctl" ] || bin=$("$here/build.sh")
  out=$("$bin/kwokctl" --name="$name" delete cluster 2>&1) || { echo "$out" >&2; exit 1; }
fi
rm -rf "$KWOK_WORKDIR" "$state/kwokctl.log" "$state/kubeconfig" "$state/kubeconfig.tmp" "$state/fingerprint" "$state/bin"
echo "cluster-down: cluster $name removed" >&2
