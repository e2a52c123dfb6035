#!/usr/bin/env bash
# Checks the running local cluster (start it with cluster-up.sh): Deployment, Job, an unschedulable pod,
# the three KWOK failure stages, apiserver metrics and RBAC. Works in a throw-away namespace.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin=$(cat "$repo/.cluster/bin")
ns=smoke-$RANDOM
k() { "$bin/kubectl" --kubeconfig="$repo/.cluster/kubeconfig" "$@"; }
kubectl() { k --namespace="$ns" "$@"; }
jp() { kubectl get "$1" -o jsonpath="{$2}"; }
expect() { # expect <what> <actual> <wanted>
  if [ "$2" = "$3" ]; then echo "ok   $1: $2"; else echo "FAIL $1: got '$2', want '$3'"; failed=1; fi
}
waitfor() { kubectl wait --timeout=60s "$@" >/dev/null; }
failed=0
trap 'k delete namespace "$ns" --wait=false >/dev/null' EXIT

k create namespace "$ns" >/dev/null
kubectl apply -f - >/dev/null <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: nginx}]}
---
apiVersion: batch/v1
kind: Job
metadata: {name: once}
spec:
  template:
    spec: {restartPolicy: Never, containers: [{name: main, image: busybox}]}
---
apiVersion: v1
kind: Pod
metadata: {name: nowhere}
spec: {nodeSelector: {no-such-label: "true"}, containers: [{name: main, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata: {name: pull, annotations: {podblueprint.io/kwok-fail: ImagePullBackOff}}
spec: {containers: [{name: main, image: nginx:missing}]}
---
apiVersion: v1
kind: Pod
metadata: {name: crash, annotations: {podblueprint.io/kwok-fail: CrashLoopBackOff}}
spec: {containers: [{name: main, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata: {name: oom, annotations: {podblueprint.io/kwok-fail: OOMKilled}}
spec: {containers: [{name: main, image: nginx}]}
EOF

waitfor --for=condition=Available deployment/web
expect "web ready replicas" "$(jp deployment/web .status.readyReplicas)" 2
waitfor --for=condition=Complete job/once
expect "job succeeded" "$(jp job/once .status.succeeded)" 1
waitfor --for=jsonpath='{.status.conditions[?(@.type=="PodScheduled")].reason}'=Unschedulable pod/nowhere
expect "nowhere phase" "$(jp pod/nowhere .status.phase)" Pending

waiting='.status.containerStatuses[0].state.waiting.reason'
terminated='.status.containerStatuses[0].lastState.terminated'
for pod in pull crash oom; do waitfor --for=jsonpath="{$waiting}" "pod/$pod"; done
expect "pull waiting" "$(jp pod/pull "$waiting")" ImagePullBackOff
expect "crash waiting" "$(jp pod/crash "$waiting")" CrashLoopBackOff
expect "crash last state" "$(jp pod/crash "$terminated.reason")/$(jp pod/crash "$terminated.exitCode")" Error/1
expect "oom waiting" "$(jp pod/oom "$waiting")" CrashLoopBackOff
expect "oom last state" "$(jp pod/oom "$terminated.reason")/$(jp pod/oom "$terminated.exitCode")" OOMKilled/137
for pod in pull crash oom; do
  expect "$pod Ready" "$(jp "pod/$pod" '.status.conditions[?(@.type=="Ready")].status')" False
done

expect "apiserver_request_total exported" \
  "$(kubectl get --raw /metrics | grep -c '^apiserver_request_total' | awk '{print ($1 > 0)}')" 1
expect "RBAC denies the default ServiceAccount" \
  "$(kubectl auth can-i list secrets --as="system:serviceaccount:$ns:default" || true)" no
exit "$failed"
