#!/usr/bin/env bash
# make run: the operator in the foreground against the current cluster, or the local control plane
# when none is reachable. Installs the CRD first. Ctrl-C stops it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

pbp_port_free "${HTTP_PORT:-8080}"
pbp_use_cluster
kubectl apply -f "$repo/crds/" >&2
pbp_log "the operator serves health and metrics on http://localhost:${HTTP_PORT:-8080}/q/health and /q/metrics"
pbp_log "see your blueprints with: KUBECONFIG=${KUBECONFIG:-~/.kube/config} kubectl get pbp -A"
pbp_log "try a sample:             KUBECONFIG=${KUBECONFIG:-~/.kube/config} kubectl apply -f k8s/samples/"
exec java ${JAVA_OPTS:-} -Dquarkus.profile="${QUARKUS_PROFILE:-run}" \
  -jar "$repo/target/quarkus-app/quarkus-run.jar"
