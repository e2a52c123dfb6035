#!/usr/bin/env bash
# make demo: runs the operator in the background against the current cluster (or the local control
# plane), applies k8s/samples/, waits until every sample reports its final condition, prints
# `kubectl get pbp`, then stops the operator. The samples stay in the namespace DEMO_NAMESPACE.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ns=${DEMO_NAMESPACE:-podblueprint-demo}
port=${HTTP_PORT:-8080}
pbp_port_free "$port"
pbp_use_cluster
kubectl apply -f "$repo/crds/" >&2
log=$(mktemp -t podblueprint-demo.XXXXXX.log)
java -Dquarkus.profile=run -Dquarkus.http.port="$port" -jar "$repo/target/quarkus-app/quarkus-run.jar" >"$log" 2>&1 &
operator=$!
trap 'kill $operator 2>/dev/null || true' EXIT
until curl -fs "localhost:$port/q/health/ready" >/dev/null 2>&1; do
  kill -0 $operator 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.5
done
pbp_log "operator ready (log: $log)"

kubectl create namespace "$ns" --dry-run=client -o yaml | kubectl apply -f - >/dev/null
kubectl apply -n "$ns" -f "$repo/k8s/samples/"
for f in "$repo"/k8s/samples/*.yaml; do
  name=$(sed -n 's/^  name: //p' "$f" | head -1)
  condition=Ready
  grep -q '^  workload: Job' "$f" && condition=Complete
  kubectl wait -n "$ns" --for=condition=$condition --timeout=180s "pbp/$name" >&2
done
kubectl get pbp -n "$ns" -o wide
