# Shared by the hack/ scripts: finds a cluster (the current kubeconfig, else the local control
# plane) and a kubectl. Source it; it sets KUBECONFIG and defines kubectl().
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
local_kubeconfig="$repo/.cluster/kubeconfig"

pbp_log() { echo "podblueprint: $*" >&2; }

# The kubectl built with the control plane when there is one (same minor version), else PATH's.
pbp_kubectl_bin() {
  local bin
  bin=$(cat "$repo/.cluster/bin" 2>/dev/null || true)
  if [ -n "$bin" ] && [ -x "$bin/kubectl" ]; then echo "$bin/kubectl"; else command -v kubectl; fi
}
kubectl() { "$(pbp_kubectl_bin)" "$@"; }

reachable() { kubectl --request-timeout=5s get --raw /readyz >/dev/null 2>&1; }

# Use the current kubeconfig if it reaches a cluster; otherwise start the local control plane.
pbp_use_cluster() {
  if [ "${KUBECONFIG:-}" != "$local_kubeconfig" ] && reachable; then
    pbp_log "using the cluster of the current kubeconfig ($(kubectl config current-context 2>/dev/null || echo '?'))"
    return
  fi
  pbp_log "no reachable cluster in the current kubeconfig: starting the local control plane"
  "$repo/hack/controlplane/cluster-up.sh"
  export KUBECONFIG="$local_kubeconfig"
}
