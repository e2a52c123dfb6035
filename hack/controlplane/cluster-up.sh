#!/usr/bin/env bash
# Starts the local cluster "podblueprint", or reuses it when it already answers: real etcd,
# kube-apiserver, kube-controller-manager and kube-scheduler from build.sh, fake nodes and pods
# from KWOK (binary runtime, loopback only, nothing downloaded). Idempotent; safe to run concurrently.
# Writes <repo>/.cluster/kubeconfig; kwokctl's state (pki, etcd data, logs) lives in <repo>/.cluster/kwok.
# Env: NODES=<fake node count> (default 2), CLUSTER_TIMEOUT=<seconds per wait> (default 180),
# CLUSTER_AUDIT=1 to record writes in .cluster/kwok/clusters/podblueprint/logs/audit.log (audit-policy.yaml;
# make bench and make chaos use it). Changing CLUSTER_AUDIT recreates the cluster.
# REAL_NODES=1 adds one real node beside the KWOK nodes (kubelet, containerd, runc; needs root on
# Linux with cgroups; hack/node/up.sh). REAL_NODES=0 (the default) starts none but keeps one that runs.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
name=podblueprint
nodes=${NODES:-2}
real_nodes=${REAL_NODES:-0}
case "$real_nodes" in 0 | 1) ;; *) echo "cluster-up: REAL_NODES must be 0 or 1, not $real_nodes" >&2; exit 2 ;; esac
timeout=${CLUSTER_TIMEOUT:-180}
state="$repo/.cluster"
kubeconfig="$state/kubeconfig"
export KWOK_WORKDIR="$state/kwok"

started=$EPOCHREALTIME
log() { echo "cluster-up: $*" >&2; }
elapsed() { awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

mkdir -p "$state"
exec 9>"$state/lock" # one cluster-up/cluster-down at a time; kwokctl runs without fd 9 (below), so
flock 9              # the cluster processes it forks do not inherit the lock
export PODBLUEPRINT_CLUSTER_LOCKED=1

bin=$("$here/build.sh")
export KWOK_KUBECTL_BINARY="$bin/kubectl"
# The cluster's processes outlive this script: they must not inherit its open files beyond stdio
# (our lock on fd 9, or a caller's, e.g. `flock FILE make cluster-up`, which they would hold forever).
without_inherited_fds() {
  (
    for fd in /proc/$BASHPID/fd/*; do
      fd=${fd##*/}
      if ((fd > 2)); then eval "exec $fd>&-"; fi
    done
    exec "$@"
  )
}
kwokctl() { # kwokctl's JSON log goes to .cluster/kwokctl.log, and to stderr when it fails
  without_inherited_fds "$bin/kwokctl" --name="$name" "$@" 2>>"$state/kwokctl.log" ||
    { local rc=$?; tail -n 20 "$state/kwokctl.log" >&2; return $rc; }
}
kubectl() { "$bin/kubectl" --kubeconfig="$kubeconfig" "$@"; }
until_ok() { # until_ok <what> <command...>: retries for up to $timeout seconds
  local what=$1 deadline=$((SECONDS + timeout)); shift
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS > deadline)); then log "timed out waiting for $what; see $KWOK_WORKDIR/clusters/$name/logs"; return 1; fi
    sleep 0.5
  done
}
# The KWOK nodes (kwokctl scale node annotates them); a real node is not counted in NODES.
kwok_nodes() {
  local kwok='{range .items[?(@.metadata.annotations.kwok\.x-k8s\.io/node=="fake")]}'
  kubectl get nodes -o jsonpath="$kwok$1{\"\\n\"}{end}"
}
nodes_ready() {
  [ "$(kwok_nodes '{.status.conditions[?(@.type=="Ready")].status}' | grep -c '^True$')" -eq "$nodes" ]
}

# kwokctl settings plus the full stage set (KWOK's defaults, adjusted, and the test failure stages).
configs=("$here/kwokctl.yaml" "$repo"/k8s/kwok/stages/*.yaml)
audit=()
if [ "${CLUSTER_AUDIT:-0}" = 1 ]; then audit=(--kube-audit-policy="$here/audit-policy.yaml"); fi
fingerprint=$({ echo "$bin"; cat "${configs[@]}"; [ ${#audit[@]} -eq 0 ] || cat "$here/audit-policy.yaml"; } |
  sha256sum | cut -d' ' -f1)

mode=cold
if [ -d "$KWOK_WORKDIR/clusters/$name" ]; then
  if [ "$(cat "$state/fingerprint" 2>/dev/null)" != "$fingerprint" ]; then
    log "binaries or kwok configuration changed since the cluster was created; recreating it"
    "$here/cluster-down.sh"
  elif kwokctl get kubeconfig >"$kubeconfig.tmp" && mv "$kubeconfig.tmp" "$kubeconfig" &&
    kubectl get --raw /readyz >/dev/null 2>&1; then
    mode=warm
  else
    log "cluster state exists but the API server does not answer (stopped or rebooted?); recreating it"
    "$here/cluster-down.sh"
  fi
fi

if [ "$mode" = cold ]; then
  log "creating cluster $name (logs: $KWOK_WORKDIR/clusters/$name/logs)"
  mkdir -p "$state"
  kwokctl create cluster \
    --config="$(IFS=,; echo "${configs[*]}")" \
    --runtime=binary \
    --etcd-binary="$bin/etcd" \
    --kube-apiserver-binary="$bin/kube-apiserver" \
    --kube-controller-manager-binary="$bin/kube-controller-manager" \
    --kube-scheduler-binary="$bin/kube-scheduler" \
    --kwok-controller-binary="$bin/kwok" \
    ${audit[@]+"${audit[@]}"} \
    --kubeconfig="" \
    --wait="${timeout}s"
  echo "$fingerprint" >"$state/fingerprint"
  echo "$bin" >"$state/bin"
  kwokctl get kubeconfig >"$kubeconfig.tmp"
  mv "$kubeconfig.tmp" "$kubeconfig"
fi

until_ok "the API server" kubectl get --raw /readyz
if [ "$(kwok_nodes '{.metadata.name}' | grep -c .)" -ne "$nodes" ]; then
  kwokctl scale node --replicas="$nodes"
fi
until_ok "$nodes Ready nodes" nodes_ready
until_ok "the default ServiceAccount" kubectl get serviceaccount default --namespace=default
if [ "$real_nodes" = 1 ]; then
  "$repo/hack/node/up.sh"
fi

log "cluster $name ready ($mode start, $nodes KWOK nodes, $real_nodes real) in $(elapsed)s; export KUBECONFIG=$kubeconfig"
