#!/usr/bin/env bash
# make deploy / undeploy / deploy-helm / undeploy-helm: the operator as pods in the current cluster
# (the current kubeconfig's, else the local control plane's), from the kustomize manifests or the
# Helm chart.
#   hack/deploy.sh kustomize|helm deploy|undeploy
# On the local control plane with this checkout's real node (REAL_NODES=1 make cluster-up), deploy
# first imports make image's archive ($IMAGE_ARCHIVE) into the node's containerd (no registry
# there) and pins the pods to that node (k8s/deploy/overlays/real-node: its kustomization for
# kustomize, its values.yaml for Helm). Elsewhere it installs the base as it is; DEPLOY_DIR chooses
# another kustomize directory, HELM_ARGS adds helm arguments (e.g. --set logLevel=DEBUG).
# undeploy removes everything deploy installed except the CRD: the blueprints and their children
# (Deployments, Jobs, CronJobs, Pods, Services) keep running, unreconciled, until an operator runs
# again. Deleting the CRD (kubectl delete crd podblueprints.podblueprint.io) deletes every
# blueprint and, through their owner references, every child.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$repo/hack/node/node.env"

tool=${1:-} action=${2:-}
case "$tool/$action" in kustomize/deploy | kustomize/undeploy | helm/deploy | helm/undeploy) ;;
  *) echo "usage: $0 kustomize|helm deploy|undeploy" >&2; exit 2 ;;
esac
namespace=podblueprint-system
release=podblueprint-operator
chart="$repo/charts/podblueprint-operator"
real_node_dir="$repo/k8s/deploy/overlays/real-node"
timeout=${DEPLOY_TIMEOUT:-180s}

if ! reachable; then
  if [ "${KUBECONFIG:-}" != "$local_kubeconfig" ] && KUBECONFIG="$local_kubeconfig" reachable; then
    export KUBECONFIG="$local_kubeconfig"
  else
    pbp_log "no reachable cluster: set KUBECONFIG, or start the local control plane (make cluster-up)"; exit 1
  fi
fi
pbp_log "cluster: $(kubectl config current-context 2>/dev/null || echo '?') (KUBECONFIG=${KUBECONFIG:-~/.kube/config})"
# This checkout's real node, on this checkout's local control plane.
real_node=false
if [ "${KUBECONFIG:-}" = "$local_kubeconfig" ] && [ "$(cat "$NODE_RUN/owner" 2>/dev/null)" = "$repo" ] &&
  kubectl get node "$NODE_NAME" >/dev/null 2>&1; then
  real_node=true
fi
helm() { "$("$repo/hack/clients/build.sh")/helm" "$@"; }

import_image() {
  [ "$real_node" = true ] || return 0
  [ -f "${IMAGE_ARCHIVE:-}" ] || { pbp_log "no image archive '${IMAGE_ARCHIVE:-}': run make image"; exit 1; }
  pbp_log "importing $IMAGE_ARCHIVE into $NODE_NAME's containerd"
  "$repo/hack/node/import-image.sh" "$IMAGE_ARCHIVE"
}

case "$tool/$action" in
  kustomize/deploy)
    dir=${DEPLOY_DIR:-$([ "$real_node" = true ] && echo "$real_node_dir" || echo "$repo/k8s/deploy/base")}
    import_image
    pbp_log "applying $dir (server-side: the CRD is too large for client-side apply)"
    kubectl apply --server-side --force-conflicts -k "$dir"
    kubectl rollout status "deployment/$release" -n "$namespace" --timeout="$timeout"
    ;;
  kustomize/undeploy)
    dir=${DEPLOY_DIR:-$([ "$real_node" = true ] && echo "$real_node_dir" || echo "$repo/k8s/deploy/base")}
    pbp_log "deleting what $dir installs, except the CRD (blueprints and their children stay)"
    # Every document of the build but the CustomResourceDefinition.
    kubectl kustomize "$dir" |
      awk 'BEGIN { RS = "\n---\n" } !/(^|\n)kind: CustomResourceDefinition\n/ { printf "%s\n---\n", $0 }' |
      kubectl delete --ignore-not-found --wait --timeout="$timeout" -f -
    ;;
  helm/deploy)
    values=()
    if [ "$real_node" = true ]; then values=(--values "$real_node_dir/values.yaml"); fi
    import_image
    # Helm installs the chart's CRD only when there is none, and Helm 4 applies it server-side,
    # which conflicts with a CRD applied before (make deploy, kubectl apply --server-side): an
    # existing CRD is upgraded the documented way, kubectl apply --server-side, and Helm skips it.
    crds=()
    if kubectl get crd podblueprints.podblueprint.io >/dev/null 2>&1; then
      kubectl apply --server-side --force-conflicts -f "$chart/crds/"
      crds=(--skip-crds)
    fi
    # shellcheck disable=SC2086 # HELM_ARGS is a list of arguments
    helm upgrade --install "$release" "$chart" --namespace "$namespace" --create-namespace \
      --wait --timeout "$timeout" ${crds[@]+"${crds[@]}"} ${values[@]+"${values[@]}"} ${HELM_ARGS:-}
    ;;
  helm/undeploy)
    pbp_log "uninstalling the release $release (the CRD, the namespace, blueprints and their children stay)"
    helm uninstall "$release" --namespace "$namespace" --ignore-not-found --wait --timeout "$timeout"
    ;;
esac
