# Shared by the hack/ scripts: finds a cluster (the current kubeconfig, else the local control
# plane) and a kubectl. Source it; it sets KUBECONFIG and defines kubectl().
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
local_kubeconfig="$repo/.cluster/kubeconfig"

pbp_log() { echo "podblueprint: $*" >&2; }

# The kubectl built with the control plane when there is one (same minor version), else the one on
# PATH. `type -P` looks only at files: `command -v` would name the kubectl() function below and make
# it call itself forever on a machine where the local control plane was never started.
pbp_kubectl_bin() {
  local bin
  bin=$(cat "$repo/.cluster/bin" 2>/dev/null || true)
  if [ -n "$bin" ] && [ -x "$bin/kubectl" ]; then echo "$bin/kubectl"; else type -P kubectl; fi
}
# With no kubectl at all (a new machine), every call fails: no cluster is reachable, so
# pbp_use_cluster starts the local control plane, which builds its own kubectl.
kubectl() {
  local bin
  bin=$(pbp_kubectl_bin) || { pbp_log "no kubectl on PATH and no local control plane yet"; return 127; }
  "$bin" "$@"
}

# Fails with a clear message when something already listens on the operator's HTTP port: its health
# endpoint would answer for ours.
pbp_port_free() {
  if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
    pbp_log "port $1 is in use by another process; stop it or choose another port with HTTP_PORT=<port>"
    return 1
  fi
}

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
