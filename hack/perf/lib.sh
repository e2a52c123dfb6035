# Shared by hack/bench/run.sh and hack/chaos/run.sh. Source it.
# The local control plane with an audit log (CLUSTER_AUDIT=1), the CRD, operator processes that run
# as deployed (the shipped ServiceAccount and RBAC, leader election on; the audit log tells their
# writes apart by ServiceAccount), and small helpers.
perf_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$perf_here/../.." && pwd)
work="$repo/.cluster/perf"
jar="$repo/target/quarkus-app/quarkus-run.jar"
app="$repo/.cluster/perf/app" # a copy of target/quarkus-app taken at the start: a rebuild during a run changes nothing
audit_log="$repo/.cluster/kwok/clusters/podblueprint/logs/audit.log"
operator_namespace=podblueprint-system
declare -a perf_pids=()
# The JVM settings of the operator image (run-java.sh: heap at 80% of the container's memory, Parallel
# GC giving memory back) under the Deployment's 512Mi limit (k8s/deploy/base/deployment.yaml).
OPERATOR_JAVA_OPTS=${OPERATOR_JAVA_OPTS-"-XX:MaxRAM=512m -XX:MaxRAMPercentage=80 -XX:+UseParallelGC \
-XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:GCTimeRatio=4 -XX:AdaptiveSizePolicyWeight=90 \
-XX:+ExitOnOutOfMemoryError"}

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
perf() { python3 "$perf_here/perf.py" "$@"; }
kubectl() { "$KUBECTL" --kubeconfig="$KUBECONFIG" "$@"; }
json_get() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {"json": json, "sys": sys}, {"d": d}))' "$@"; }

# perf_cluster_up <nodes>: the local cluster with the audit log, the CRD installed.
perf_cluster_up() {
  [ -f "$jar" ] || die "$jar is missing: run make build"
  CLUSTER_AUDIT=1 NODES="$1" "$repo/hack/controlplane/cluster-up.sh"
  export KUBECONFIG="$repo/.cluster/kubeconfig"
  KUBECTL="$(cat "$repo/.cluster/bin")/kubectl"
  export KUBECTL
  mkdir -p "$work"
  rm -rf "$app" && cp -a "$(dirname "$jar")" "$app"
  kubectl apply --server-side --force-conflicts -f "$repo/crds/" >/dev/null
  local deadline=$((SECONDS + 60))
  until kubectl get podblueprints -A >/dev/null 2>&1; do # the CRD is established
    ((SECONDS < deadline)) || die "the PodBlueprint CRD did not get established"
    sleep 0.5
  done
  kubectl create namespace "$operator_namespace" --dry-run=client -o yaml | kubectl apply -f - >/dev/null
  quiet_cluster
  # KWOK's deletion of a terminating pod, made safe for a pod recreated under the same name.
  kubectl apply --server-side --force-conflicts -f "$perf_here/kwok-stale-delete.yaml" >/dev/null
  # kwokctl's Service range is a /24 (254 ClusterIPs); a thousand blueprints need more.
  kubectl apply --server-side -f - >/dev/null <<'YAML'
apiVersion: networking.k8s.io/v1
kind: ServiceCIDR
metadata:
  name: podblueprint-perf
spec:
  cidrs: ["10.96.0.0/16"]
YAML
}

# quiet_cluster: waits until no namespace is terminating (a previous run's thousands of objects being
# deleted would load the control plane during the next measurement).
# A namespace an earlier run left behind (KEEP=1, or a run that was stopped) is deleted first: the new
# operator would reconcile its blueprints, and the audit log counts writes by blueprint name.
quiet_cluster() {
  local deadline=$((SECONDS + 900)) terminating leftover
  leftover=$(kubectl get namespaces --no-headers | awk '$1 ~ /^(chaos|bench)-/ && $2 == "Active" { print $1 }' | xargs)
  if [ -n "$leftover" ]; then
    log "deleting namespaces an earlier run left: $leftover"
    # shellcheck disable=SC2086 # a list of names
    kubectl delete namespace $leftover --wait=false >/dev/null
  fi
  while :; do
    terminating=$(kubectl get namespaces --no-headers | awk '$2 == "Terminating" { print $1 }' | xargs)
    [ -z "$terminating" ] && return 0
    ((SECONDS < deadline)) || die "namespaces still terminating after 900 s: $terminating"
    log "waiting for earlier namespaces to be deleted: $terminating"
    sleep 10
  done
}

# The ServiceAccount, ClusterRole and leader-election Role of k8s/deploy/base, as `make deploy` applies
# them (the Deployment itself is not: the operator runs here as a local process).
shipped_account=podblueprint-operator
shipped_rbac() {
  local f
  for f in namespace serviceaccount rbac-operator rbac-leader-election; do
    kubectl apply --server-side --force-conflicts -f "$repo/k8s/deploy/base/$f.yaml" >/dev/null
  done
}

# operator_kubeconfig <name>: a kubeconfig with a token of ServiceAccount <name> in podblueprint-system,
# which has exactly the shipped RBAC (no cluster-admin): <name> is the shipped account itself, or a
# second one (a chaos replica, so the audit log tells replicas apart) bound to the same ClusterRole
# and leader-election Role. Prints its path.
operator_kubeconfig() {
  local name=$1 file="$work/$1.kubeconfig" token
  shipped_rbac
  # Earlier versions of this script bound the account to cluster-admin under this name.
  kubectl delete clusterrolebinding "podblueprint-perf-$name" --ignore-not-found >/dev/null
  if [ "$name" != "$shipped_account" ]; then
    kubectl -n "$operator_namespace" create serviceaccount "$name" --dry-run=client -o yaml | kubectl apply -f - >/dev/null
    kubectl create clusterrolebinding "podblueprint-perf-$name" --clusterrole=podblueprint-operator \
      --serviceaccount="$operator_namespace:$name" --dry-run=client -o yaml | kubectl apply -f - >/dev/null
    kubectl -n "$operator_namespace" create rolebinding "podblueprint-perf-$name" \
      --role=podblueprint-operator-leader-election --serviceaccount="$operator_namespace:$name" \
      --dry-run=client -o yaml | kubectl apply -f - >/dev/null
  fi
  token=$(kubectl -n "$operator_namespace" create token "$name" --duration=24h)
  kubectl config view --raw --minify --flatten >"$file.tmp"
  local user
  user=$(KUBECONFIG="$file.tmp" "$KUBECTL" config view -o jsonpath='{.contexts[0].context.user}')
  KUBECONFIG="$file.tmp" "$KUBECTL" config set-credentials "$user" --token="$token" >/dev/null
  KUBECONFIG="$file.tmp" "$KUBECTL" config unset "users.$user.client-certificate-data" >/dev/null
  KUBECONFIG="$file.tmp" "$KUBECTL" config unset "users.$user.client-key-data" >/dev/null
  mv "$file.tmp" "$file"
  echo "$file"
}
operator_user() { echo "system:serviceaccount:$operator_namespace:$1"; }

# operator_start <account> <port> [VAR=value...]: starts the packaged operator in the background as
# ServiceAccount <account>, as it is deployed: the prod profile (leader election on, the Lease in
# podblueprint-system, identity POD_NAME, default <account>-<port>; OPERATOR_PROFILE overrides the
# profile). Waits until it is ready and, unless OPERATOR_WAIT_LEADER=0 (a standby replica), until it
# holds the Lease (a predecessor that was killed holds it until it expires, 15 s). Sets started_pid.
# Log: .cluster/perf/operator-<port>.log
operator_start() {
  local account=$1 port=$2 kubeconfig pid deadline identity="$1-$2" arg
  shift 2
  for arg in "$@"; do [[ $arg == POD_NAME=* ]] && identity=${arg#POD_NAME=}; done
  kubeconfig=$(operator_kubeconfig "$account")
  # shellcheck disable=SC2086 # OPERATOR_JAVA_OPTS is a list of options
  env KUBECONFIG="$kubeconfig" POD_NAMESPACE="$operator_namespace" POD_NAME="$identity" "$@" \
    java ${OPERATOR_JAVA_OPTS:-} -Dquarkus.profile="${OPERATOR_PROFILE:-prod}" -Dquarkus.http.port="$port" \
    -jar "$app/quarkus-run.jar" >>"$work/operator-$port.log" 2>&1 &
  pid=$!
  disown "$pid" # no "Killed" notice from bash when a scenario kills it
  perf_pids+=("$pid")
  deadline=$((SECONDS + 120))
  until curl -sf "http://localhost:$port/q/health/ready" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { tail -n 40 "$work/operator-$port.log" >&2; die "the operator exited"; }
    ((SECONDS < deadline)) || { tail -n 40 "$work/operator-$port.log" >&2; die "the operator did not get ready"; }
    sleep 0.25
  done
  if [ "${OPERATOR_PROFILE:-prod}" = prod ] && [ "${OPERATOR_WAIT_LEADER:-1}" = 1 ]; then
    local t0=$SECONDS
    deadline=$((SECONDS + 60))
    until [ "$(lease_holder)" = "$identity" ]; do
      kill -0 "$pid" 2>/dev/null || { tail -n 40 "$work/operator-$port.log" >&2; die "the operator exited"; }
      ((SECONDS < deadline)) || die "$identity did not get the Lease within 60 s (holder: $(lease_holder))"
      sleep 0.25
    done
    log "$identity leads (waited $((SECONDS - t0)) s for the Lease)"
  fi
  started_pid=$pid
}
lease_name=podblueprint-operator-lease
lease_holder() {
  kubectl -n "$operator_namespace" get lease "$lease_name" -o jsonpath='{.spec.holderIdentity}' 2>/dev/null || true
}

# operator_stop <pid> [signal]: TERM (default) or KILL, then waits until it is gone.
operator_stop() {
  local pid=$1 signal=${2:-TERM}
  kill -"$signal" "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
}

perf_cleanup() {
  local pid
  for pid in "${perf_pids[@]}"; do kill -0 "$pid" 2>/dev/null && operator_stop "$pid" KILL; done
  return 0
}

# cpu_seconds <pid>: user + system CPU time the process has used so far
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$1/stat"; }
# thread_cpu <pid>: CPU seconds per thread group of a process (threads named alike summed), largest first
thread_cpu() {
  local hz t
  hz=$(getconf CLK_TCK)
  for t in /proc/"$1"/task/*; do
    printf '%s\t%s\n' "$(sed 's/[0-9]\+/N/g' "$t/comm")" "$(sed 's/^.*) //' "$t/stat" | awk '{ print $12 + $13 }')"
  done | awk -F'\t' -v hz="$hz" '{ s[$1] += $2 } END { for (k in s) printf "%8.1f  %s\n", s[k] / hz, k }' | sort -rn
}
apiserver_pid() { cat "$repo/.cluster/kwok/clusters/podblueprint/pids/kube-apiserver.pid"; }

# proc_kib <pid> <VmRSS|VmHWM>
proc_kib() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }
# rss_settled <pid>: JSON {"rss_kib": ...} of the process after a full GC (jcmd GC.run) and 5 s to give
# the freed heap back (the image's MaxHeapFreeRatio): what the live objects cost, less the garbage.
# heap_kib is the Java heap in use after that GC (the live objects alone, informer caches included):
# steadier than the RSS, which also follows the heap's sizing policy.
rss_settled() {
  local heap
  jcmd "$1" GC.run >/dev/null
  sleep 5
  heap=$(jcmd "$1" GC.heap_info | awk '/PSYoungGen|ParOldGen|garbage-first heap|def new generation|tenured generation/ {
    for (i = 1; i < NF; i++) if ($i == "used") { v = $(i + 1); sub(/K.*/, "", v); s += v } } END { print s + 0 }')
  echo "{\"rss_kib\": $(proc_kib "$1" VmRSS), \"heap_kib\": $heap}"
}
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

# fresh_namespace <name>: deletes it if it exists (waits until gone), then creates it.
fresh_namespace() {
  delete_namespace "$1"
  kubectl create namespace "$1" >/dev/null
}
delete_namespace() {
  kubectl delete namespace "$1" --ignore-not-found --wait=true --timeout=600s >/dev/null
}

audit_offset() { python3 -c "import sys; sys.path.insert(0, sys.argv[1]); import audit; print(audit.offset(sys.argv[2]))" "$perf_here" "$audit_log"; }

cluster_dir="$repo/.cluster/kwok/clusters/podblueprint"

# control_plane_snapshot: records each running component's command line and working directory
# (.cluster/perf/components/<name>.{cmd,cwd}), for restarts.
control_plane_snapshot() {
  local f pid name
  mkdir -p "$work/components"
  for f in "$cluster_dir"/pids/*.pid; do
    name=$(basename "$f" .pid) pid=$(cat "$f")
    kill -0 "$pid" 2>/dev/null || continue
    cp "/proc/$pid/cmdline" "$work/components/$name.cmd"
    readlink "/proc/$pid/cwd" >"$work/components/$name.cwd"
  done
}

# component_start <name>: starts a component from its snapshot, with kwokctl's log file and pid file
# (so kwokctl and cluster-down.sh still find and stop it).
component_start() {
  local name=$1
  local -a cmd
  mapfile -d '' -t cmd <"$work/components/$name.cmd"
  (cd "$(cat "$work/components/$name.cwd")" && exec setsid "${cmd[@]}" >>"$cluster_dir/logs/$name.log" 2>&1 </dev/null) &
  echo $! >"$cluster_dir/pids/$name.pid"
  disown $!
}

# apiserver_restart <seconds down>: stops the kube-apiserver (SIGTERM), starts it again the given
# seconds after it has exited, with the same command line, and waits until it is ready; sets
# apiserver_down_seconds (SIGTERM to ready, graceful shutdown included). kwokctl 0.8 has no
# per-component stop/start.
apiserver_restart() {
  local pid deadline stopped
  control_plane_snapshot
  pid=$(cat "$cluster_dir/pids/kube-apiserver.pid")
  stopped=$(now)
  kill -TERM "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  sleep "$1"
  component_start kube-apiserver
  deadline=$((SECONDS + 120))
  until kubectl get --raw /readyz >/dev/null 2>&1; do
    ((SECONDS < deadline)) || die "the kube-apiserver did not come back"
    sleep 0.2
  done
  apiserver_down_seconds=$(since "$stopped") # its graceful shutdown drains requests first
}

# supervise_control_plane <seconds>: what kubelet does for a real control plane's static pods:
# restarts kube-controller-manager, kube-scheduler or kwok-controller when it exits. The first two
# exit when they cannot renew their leader Lease, which an API server restart causes. Run it in the
# background, after control_plane_snapshot. (The API server itself is apiserver_restart's business.)
supervise_control_plane() {
  local end=$((SECONDS + $1)) name
  while ((SECONDS < end)); do
    for name in kube-controller-manager kube-scheduler kwok-controller; do
      if ! kill -0 "$(cat "$cluster_dir/pids/$name.pid")" 2>/dev/null; then
        log "control plane: $name exited; restarting it"
        component_start "$name"
      fi
    done
    sleep 1
  done
}

now() { echo "$EPOCHREALTIME"; }
since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
