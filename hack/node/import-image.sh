#!/usr/bin/env bash
# Imports image archives (docker-archive or OCI layout, e.g. make image's
# target/podblueprint-operator-<version>.oci.tar) into the real node's containerd, in the k8s.io
# namespace the kubelet uses: the node pulls from no registry, so a pod can only run an image
# imported here. Prints each image's name. Fails when this checkout's real node is not running.
#   hack/node/import-image.sh ARCHIVE...
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
source "$here/node.env"
dir="$repo/.cluster/node"

[ $# -gt 0 ] || { echo "usage: $0 ARCHIVE..." >&2; exit 2; }
if [ "$(cat "$NODE_RUN/owner" 2>/dev/null)" != "$repo" ] || [ ! -S "$NODE_RUN/containerd.sock" ]; then
  echo "node: this checkout's real node is not running (REAL_NODES=1 make cluster-up)" >&2; exit 1
fi
bin=$(cat "$dir/bin")
for archive in "$@"; do
  "$bin/ctr" --address "$NODE_RUN/containerd.sock" --namespace k8s.io images import \
    --platform linux/amd64 "$archive" >&2
done
