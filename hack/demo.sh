#!/usr/bin/env bash
# make demo: runs the operator in the background against the current cluster (or the local control
# plane), applies k8s/samples/, waits until every sample reports its final condition, prints
# `kubectl get pbp`, then stops the operator. The samples stay in the namespace DEMO_NAMESPACE.
# REAL_NODES=1: the local control plane gets a real node (hack/node/up.sh) and every sample is placed
# on it, the way any blueprint gets there: a nodeSelector on its kubernetes.io/hostname label and a
# toleration of its NoSchedule taint (which keeps every other pod on the KWOK nodes).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ns=${DEMO_NAMESPACE:-podblueprint-demo}
port=${HTTP_PORT:-8080}
pbp_port_free "$port"
if [ "${REAL_NODES:-0}" = 1 ]; then # the real node exists only on the local control plane
  "$repo/hack/controlplane/cluster-up.sh"
  export KUBECONFIG="$local_kubeconfig"
else
  pbp_use_cluster
fi
kubectl apply -f "$repo/crds/" >&2
log=$(mktemp -t podblueprint-demo.XXXXXX.log)
java -Dquarkus.profile=run -Dquarkus.http.port="$port" -jar "$repo/target/quarkus-app/quarkus-run.jar" >"$log" 2>&1 &
operator=$!
trap 'kill $operator 2>/dev/null || true; wait $operator 2>/dev/null || true' EXIT # gone before we return: the port is free
until curl -fs "localhost:$port/q/health/ready" >/dev/null 2>&1; do
  kill -0 $operator 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.5
done
pbp_log "operator ready (log: $log)"

kubectl create namespace "$ns" --dry-run=client -o yaml | kubectl apply -f - >/dev/null
if [ "${REAL_NODES:-0}" = 1 ]; then
  source "$repo/hack/node/node.env"
  place='[{"op": "add", "path": "/spec/template/spec/nodeSelector", "value": {"kubernetes.io/hostname": "'$NODE_NAME'"}},
    {"op": "add", "path": "/spec/template/spec/tolerations",
     "value": [{"key": "'$NODE_TAINT'", "operator": "Exists", "effect": "NoSchedule"}]}]'
  for f in "$repo"/k8s/samples/*.yaml; do
    kubectl patch --local -f "$f" --type=json -p "$place" -o yaml | kubectl apply -n "$ns" -f -
  done
else
  kubectl apply -n "$ns" -f "$repo/k8s/samples/"
fi
for f in "$repo"/k8s/samples/*.yaml; do
  name=$(sed -n 's/^  name: //p' "$f" | head -1)
  condition=Ready
  grep -q '^  workload: Job' "$f" && condition=Complete
  kubectl wait -n "$ns" --for=condition=$condition --timeout=180s "pbp/$name" >&2
done
kubectl get pbp -n "$ns" -o wide
kubectl get pods -n "$ns" -o wide
