#!/usr/bin/env bash
# make bench [N=1000]: the operator against a user applying the same children by hand, on the local
# control plane (KWOK nodes, real API server, controllers and scheduler). See bench/RESULTS.md.
#
#  1. Baseline: the children of N blueprints, rendered offline with `make render` (the operator's
#     own renderer), applied with one `kubectl apply --server-side`; timed until
#     every Deployment is available, every Job complete and every Pod Ready. The operator is not
#     running then, and the namespace is deleted (and gone) before the operator run.
#  2. Operator run: N blueprints (80% Deployment + Service, 10% Job, 10% Pod) applied with one
#     `kubectl apply --server-side`; timed until every blueprint reports Ready (Complete for a Job)
#     at its generation. The operator's writes come from the audit log: it runs as its own
#     ServiceAccount. Then IDLE_SECONDS of idleness, in which it must write nothing.
#     The operator runs as deployed: the ServiceAccount and RBAC of k8s/deploy/base (not
#     cluster-admin) and the prod profile (leader election on), see hack/perf/lib.sh.
#  3. Memory isolation: RSS before and after UNRELATED_CONFIGMAPS ConfigMaps and UNRELATED_PODS pods
#     without the operator's label. The RSS per blueprint: the RSS after a full GC with the N
#     blueprints in the caches, less the RSS after a full GC before the run, divided by N.
# Prints a table, then one JSON line last. Exits 1 on errors (a run that does not finish) or when
# the idle operator writes; BENCH_ENFORCE=goals also fails on a missed goal.
#
# Env: N (1000), NODES (100), BENCH_PORT (18080, the operator's HTTP port), RECONCILE_THREADS
# (passed to the operator), IDLE_SECONDS (60), UNRELATED_CONFIGMAPS and UNRELATED_PODS (10000 each),
# BENCH_TIMEOUT (seconds per run, 1800), WARMUP (100 blueprints applied and deleted before the
# operator run, so the JVM is warm as a running operator's is; 0 measures a cold start),
# OPERATOR_JAVA_OPTS (default in hack/perf/lib.sh: the image's JVM settings under a 512Mi limit),
# KEEP=1 keeps the namespaces.
set -euo pipefail
source "$(dirname "$0")/../perf/lib.sh"

N=${N:-1000}
NODES=${NODES:-100}
port=${BENCH_PORT:-18080}
idle=${IDLE_SECONDS:-60}
warmup=${WARMUP:-100}
timeout=${BENCH_TIMEOUT:-1800}
unrelated_cm=${UNRELATED_CONFIGMAPS:-10000}
unrelated_pods=${UNRELATED_PODS:-10000}
account=$shipped_account
trap perf_cleanup EXIT

perf_cluster_up "$NODES"
capacity=$(( $(kubectl get nodes -o name | wc -l) * 110 ))
((N + unrelated_pods <= capacity)) ||
  die "$N blueprints and $unrelated_pods pods do not fit on $NODES nodes (110 pods each): raise NODES"
out="$work/bench-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
log "N=$N, $NODES nodes; results in $out"

perf generate "$out/blueprints" --count "$N" >"$out/mix.json"
make -s --no-print-directory -C "$repo" render FILE="$out/blueprints/yaml" OUTPUT=json >"$out/children.json"
perf children "$out/children.json" "$out/children-index.json" >"$out/children-mix.json"

log "baseline: kubectl apply --server-side of $(json_get 'sum(d.values())' <"$out/children-mix.json") rendered children"
fresh_namespace bench-baseline
b0=$(audit_offset)
api0=$(cpu_seconds "$(apiserver_pid)")
perf apply-wait --mode children --namespace bench-baseline --index "$out/children-index.json" \
  --timeout "$timeout" "$out/children.json" >"$out/baseline.json" || true
api1=$(cpu_seconds "$(apiserver_pid)")
perf latency "$audit_log" "$b0" "$(audit_offset)" --namespace bench-baseline >"$out/latency-baseline.json"
log "baseline: $(cat "$out/baseline.json")"
log "deleting the baseline namespace"
delete_namespace bench-baseline

log "operator run: starting the operator (port $port, RECONCILE_THREADS=${RECONCILE_THREADS:-default})"
fresh_namespace bench-operator
operator_start "$account" "$port" ${RECONCILE_THREADS:+RECONCILE_THREADS=$RECONCILE_THREADS}
pid=$started_pid
if ((warmup > 0)); then
  # A running operator is a warm JVM (the controllers it is compared with are Go binaries running
  # since the cluster started): $warmup blueprints first, in a namespace deleted before the clock runs.
  log "warm-up: $warmup blueprints in bench-warmup"
  perf generate "$out/warmup" --count "$warmup" --prefix warm >/dev/null
  fresh_namespace bench-warmup
  perf apply-wait --mode blueprints --namespace bench-warmup --index "$out/warmup/index.json" \
    --timeout "$timeout" "$out"/warmup/yaml/*.yaml >"$out/warmup.json" || die "warm-up: $(cat "$out/warmup.json")"
  delete_namespace bench-warmup
  echo "{\"cpu\": $(cpu_seconds "$pid")}" >"$out/warmup-cpu.json"
fi
rss_settled "$pid" >"$out/memory-empty.json" # the RSS per blueprint is measured from here
curl -sf "http://localhost:$port/q/metrics" >"$out/metrics-before.txt"
a0=$(audit_offset)
api2=$(cpu_seconds "$(apiserver_pid)") op0=$(cpu_seconds "$pid")
perf apply-wait --mode blueprints --namespace bench-operator --index "$out/blueprints/index.json" \
  --timeout "$timeout" "$out"/blueprints/yaml/*.yaml >"$out/operator.json" || true
api3=$(cpu_seconds "$(apiserver_pid)") op1=$(cpu_seconds "$pid")
echo "{\"apiserver_baseline\": $(awk -v a="$api0" -v b="$api1" 'BEGIN{print b-a}'), \"apiserver_operator_run\": $(awk -v a="$api2" -v b="$api3" 'BEGIN{print b-a}'), \"operator\": $(awk -v a="$op0" -v b="$op1" 'BEGIN{print b-a}')}" >"$out/cpu.json"
log "operator run: $(cat "$out/operator.json")"
thread_cpu "$pid" >"$out/operator-threads.txt"
sleep 5 # the last watch events drain; their writes still count for the run
a1=$(audit_offset)
curl -sf "http://localhost:$port/q/metrics" >"$out/metrics-after.txt"
log "idle: watching the operator's writes for ${idle}s"
sleep "$idle"
a2=$(audit_offset)
user=$(operator_user "$account")
perf audit "$audit_log" "$a0" "$a1" --users "$user" --index "$out/blueprints/index.json" >"$out/writes.json"
perf audit "$audit_log" "$a1" "$a2" --users "$user" --index "$out/blueprints/index.json" >"$out/idle.json"
perf first-status "$audit_log" "$a0" "$a1" --namespace bench-operator --users "$user" >"$out/first-status.json"
perf latency "$audit_log" "$a0" "$a1" --namespace bench-operator >"$out/latency-operator.json"
perf quantiles "$out/metrics-before.txt" "$out/metrics-after.txt" >"$out/reconcile.json"
echo "{\"hwm_kib\": $(proc_kib "$pid" VmHWM), \"rss_kib\": $(proc_kib "$pid" VmRSS)}" >"$out/memory-before.json"

log "memory isolation: $unrelated_cm ConfigMaps and $unrelated_pods pods without the operator's label"
fresh_namespace bench-unrelated
mapfile -t files < <(perf unrelated "$out/unrelated" --configmaps "$unrelated_cm" --pods "$unrelated_pods")
a3=$(audit_offset)
create_pids=()
for f in "${files[@]}"; do
  kubectl create -n bench-unrelated -f "$f" -o name >/dev/null &
  create_pids+=($!)
done
for p in "${create_pids[@]}"; do wait "$p" || die "creating the unrelated objects failed"; done
deadline=$((SECONDS + 600))
while :; do
  running=$(kubectl get pods -n bench-unrelated --field-selector=status.phase=Running -o name | wc -l)
  ((running >= unrelated_pods || SECONDS > deadline)) && break
  sleep 5
done
log "memory isolation: $running of $unrelated_pods unrelated pods Running; settling for 30s"
sleep 30
a4=$(audit_offset)
perf audit "$audit_log" "$a3" "$a4" --users "$user" --index "$out/blueprints/index.json" >"$out/unrelated-writes.json"
echo "{\"hwm_kib\": $(proc_kib "$pid" VmHWM), \"rss_kib\": $(proc_kib "$pid" VmRSS), \"running\": $running}" \
  >"$out/memory-after.json"
curl -sf "http://localhost:$port/q/metrics" >"$out/metrics-end.txt"
rss_settled "$pid" >"$out/memory-full.json" # N blueprints cached (the unrelated objects are not)

operator_stop "$pid"
if [ "${KEEP:-0}" != 1 ]; then
  log "deleting the benchmark namespaces (in the background)"
  kubectl delete namespace bench-operator bench-unrelated --wait=false >/dev/null
fi
perf bench-report "$out" --n "$N" --nodes "$NODES" --threads "${RECONCILE_THREADS:-10}" \
  --enforce "${BENCH_ENFORCE:-idle}"
