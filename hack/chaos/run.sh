#!/usr/bin/env bash
# make chaos: fault scenarios on the local control plane, each with a verdict and its seconds.
#  1 operator-killed      SIGKILL the operator mid-rollout of CHAOS_BLUEPRINTS (300) blueprints, restart
#                         it: all converge, no duplicate child, no orphan, none stuck.
#  2 drift-while-down     operator down: 50 children deleted, 50 Deployments hand-edited (scaled, or the
#                         operator's app.kubernetes.io/instance label changed); all healed within 120 s.
#  3 mass-deletion        100 children deleted at once while running (one delete-collection per kind):
#                         each recreated within 10 s of being gone; the wall time from the first
#                         delete request to the last recreation is reported beside it.
#  4 apiserver-restart    the kube-apiserver restarted mid-rollout: everything converges. The leader
#                         cannot renew its Lease while the API server is away, so it exits on purpose
#                         (LeaseLoss) and is restarted as the kubelet would; an operator without leader
#                         election must survive it as the same process.
#  5 leader-failover      two replicas (prod profile, leader election, POD_NAMESPACE); the leader is
#                         killed (SIGKILL); the standby reconciles within 20 s (failover_seconds: the
#                         kill to its first write in the audit log; a new blueprint applied after the
#                         kill must get a status from it); never two
#                         writers (audit log, each replica its own ServiceAccount). Skipped when the
#                         build has no leader election (no Lease appears).
#  7 leader-paused        as 5, but the leader is paused (SIGSTOP) until the standby has taken the Lease
#                         and 10 blueprints were edited, then resumed (SIGCONT): the old leader halts
#                         and makes no write after the new leader's first (audit log). Not in CHAOS_SMALL.
#  6 conflicts            a second writer keeps relabelling 100 blueprints during their rollout (8
#                         connections, 30 s): at least CHAOS_MIN_CONFLICTS (50) of the operator's writes
#                         are answered 409, each is followed by a successful write of the same object
#                         (audit log), every blueprint ends Ready with the writer's last label intact.
# Prints a table, then one JSON line last: {"scenarios":[...],"failover_seconds":...}. Exits 1 if a
# scenario fails.
# Env: CHAOS_SMALL=1 (scenarios 1 3 5 with 50 blueprints, 20 deletions), CHAOS_SCENARIOS="1 2 ...",
# CHAOS_BLUEPRINTS (300), CHAOS_DELETES (100), CHAOS_PORT (18080; the replicas use +100 and +200),
# NODES (100), CHAOS_TIMEOUT (seconds to converge, 600).
set -euo pipefail
source "$(dirname "$0")/../perf/lib.sh"

if [ "${CHAOS_SMALL:-0}" = 1 ]; then
  scenarios=${CHAOS_SCENARIOS:-1 3 5}; count=${CHAOS_BLUEPRINTS:-50}; deletes=${CHAOS_DELETES:-20}
else
  scenarios=${CHAOS_SCENARIOS:-1 2 3 4 5 6 7}; count=${CHAOS_BLUEPRINTS:-300}; deletes=${CHAOS_DELETES:-100}
fi
port=${CHAOS_PORT:-18080}
converge=${CHAOS_TIMEOUT:-600}
account=$shipped_account
trap perf_cleanup EXIT

perf_cluster_up "${NODES:-100}"
out="$work/chaos-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
results="$out/results.jsonl"
: >"$results"
log "chaos: scenarios $scenarios with $count blueprints; results in $out"
perf generate "$out/blueprints" --count "$count" >/dev/null
index="$out/blueprints/index.json"
small_count=$((count < 100 ? count : 100))
perf generate "$out/conflicts" --count "$small_count" >/dev/null
perf generate "$out/probe" --count 1 --prefix failover >/dev/null

# record <name> <passed: true|false|null> <seconds> <detail JSON> [skipped reason]
record() {
  python3 - "$@" >>"$results" <<'PY'
import json, sys
name, passed, seconds, detail = sys.argv[1:5]
try:
    detail = json.loads(detail or "{}")
except ValueError:
    detail = {"unparsed": detail}
entry = {"name": name, "passed": json.loads(passed), "seconds": float(seconds), "detail": detail}
if len(sys.argv) > 5:
    entry["skipped"] = sys.argv[5]
print(json.dumps(entry))
PY
  log "scenario $1: passed=$2 in ${3}s"
}
ok() { json_get 'str(d["ok"]).lower()'; }
apply_blueprints() { kubectl apply --server-side -n "$1" -f "$2/yaml" -o name >/dev/null; }
converged() { perf wait --mode blueprints --namespace "$1" --index "$2" --timeout "${3:-$converge}"; }
pid=
start_operator() { operator_start "$account" "$port"; pid=$started_pid; }

# The namespace chaos-main, converged (scenario 1 leaves it so; 2 and 3 start from it).
main_ready() {
  if ! kubectl get namespace chaos-main >/dev/null 2>&1; then
    kubectl create namespace chaos-main >/dev/null
    apply_blueprints chaos-main "$out/blueprints"
  fi
  converged chaos-main "$index" >/dev/null || die "chaos-main does not converge"
}

scenario_1() {
  fresh_namespace chaos-main
  apply_blueprints chaos-main "$out/blueprints" &
  local applying=$! progress t wait check passed
  progress=$(perf progress --namespace chaos-main --total "$count" --fraction 0.2)
  t=$(now)
  operator_stop "$pid" KILL
  log "killed the operator (SIGKILL) at $progress"
  wait "$applying"
  sleep 2
  start_operator
  wait=$(converged chaos-main "$index") || true
  check=$(perf check --namespace chaos-main) || true
  passed=false
  [ "$(ok <<<"$wait")" = true ] && [ "$(ok <<<"$check")" = true ] && passed=true
  record operator-killed "$passed" "$(since "$t")" "{\"at_kill\": $progress, \"converge\": $wait, \"check\": $check}"
}

scenario_2() {
  main_ready
  local t drift heal wait check passed seconds
  operator_stop "$pid" TERM
  drift=$(perf drift --namespace chaos-main --index "$index" --plan "$out/drift.json" --deletes 50 --edits 50)
  log "operator down: $drift"
  t=$(now)
  start_operator
  heal=$(perf heal --namespace chaos-main --plan "$out/drift.json" --timeout 120) || true
  seconds=$(since "$t")
  wait=$(converged chaos-main "$index" 120) || true
  check=$(perf check --namespace chaos-main) || true
  passed=false
  [ "$(ok <<<"$heal")" = true ] && awk -v s="$seconds" 'BEGIN { exit !(s <= 120) }' &&
    [ "$(ok <<<"$wait")" = true ] && [ "$(ok <<<"$check")" = true ] && passed=true
  record drift-while-down "$passed" "$seconds" "{\"drift\": $drift, \"heal\": $heal, \"check\": $check}"
}

scenario_3() {
  main_ready
  local deleted wait check passed a0 pods
  a0=$(audit_offset)
  deleted=$(perf delete --namespace chaos-main --index "$index" --count "$deletes" --timeout 10) || true
  wait=$(converged chaos-main "$index" 120) || true
  check=$(perf check --namespace chaos-main) || true
  # Who deleted and who created pods meanwhile: KWOK's stale deletes refused by the harness's
  # policy (hack/perf/kwok-stale-delete.yaml), and how often the operator created each pod.
  pods=$(perf pod-deletions "$audit_log" "$a0" "$(audit_offset)" --namespace chaos-main --operator "$(operator_user "$account")")
  passed=false
  [ "$(ok <<<"$deleted")" = true ] && [ "$(ok <<<"$wait")" = true ] && [ "$(ok <<<"$check")" = true ] && passed=true
  record mass-deletion "$passed" "$(json_get 'd["seconds"] or d["wall_seconds"]' <<<"$deleted")" \
    "{\"recreate\": $deleted, \"pods\": $pods, \"check\": $check}"
}

scenario_4() {
  fresh_namespace chaos-apiserver
  apply_blueprints chaos-apiserver "$out/blueprints" &
  local applying=$! progress t wait check passed alive=false
  progress=$(perf progress --namespace chaos-apiserver --total "$count" --fraction 0.2)
  t=$(now)
  control_plane_snapshot
  supervise_control_plane "$converge" &
  local supervisor=$!
  local log_lines restarted=false lease_lost=false
  log_lines=$(wc -l <"$work/operator-$port.log")
  apiserver_restart 3
  log "restarted the kube-apiserver: ${apiserver_down_seconds}s from SIGTERM to ready, at $progress"
  # With leader election (as deployed) a leader that cannot renew its Lease for the renew deadline
  # (10 s) exits on purpose (LeaseLoss), and the Deployment's pod restarts it: do what the kubelet
  # would. Without leader election the same process must reconnect.
  sleep 2
  if ! kill -0 "$pid" 2>/dev/null; then
    tail -n +"$((log_lines + 1))" "$work/operator-$port.log" | grep -q "lost the leader Lease; exiting" && lease_lost=true
    log "the operator exited while the API server was away (lease lost: $lease_lost); restarting it"
    start_operator
    restarted=true
  fi
  wait "$applying" || log "kubectl apply failed while the API server restarted; applying again"
  apply_blueprints chaos-apiserver "$out/blueprints"
  wait=$(converged chaos-apiserver "$index") || true
  check=$(perf check --namespace chaos-apiserver) || true
  kill "$supervisor" 2>/dev/null || true
  [ "$restarted" = false ] && kill -0 "$pid" 2>/dev/null && alive=true
  passed=false
  { [ "$alive" = true ] || [ "$lease_lost" = true ]; } &&
    [ "$(ok <<<"$wait")" = true ] && [ "$(ok <<<"$check")" = true ] && passed=true
  record apiserver-restart "$passed" "$(since "$t")" \
    "{\"at_restart\": $progress, \"apiserver_down_seconds\": $apiserver_down_seconds, \"same_operator_process\": $alive, \"restarted_after_lease_loss\": $lease_lost, \"converge\": $wait, \"check\": $check}"
  delete_namespace chaos-apiserver
}

# The Lease a replica holds (namespace/name), searched in every namespace by holder identity.
lease_of() {
  kubectl get leases -A -o json | python3 -c '
import json, sys
for l in json.load(sys.stdin)["items"]:
    if (l.get("spec") or {}).get("holderIdentity", "").startswith(sys.argv[1]):
        print(l["metadata"]["namespace"] + "/" + l["metadata"]["name"]); break' "$1"
}
holder() { kubectl get lease -n "${1%/*}" "${1#*/}" -o jsonpath='{.spec.holderIdentity}'; }

# A replica of the operator with leader election (the prod profile): replica <a|b> <port>.
replica() {
  OPERATOR_WAIT_LEADER=0 operator_start "podblueprint-$1" "$2" HOSTNAME="podblueprint-$1" POD_NAME="podblueprint-$1"
}

# The set-up of the leader election scenarios, with the usual operator stopped: replica a, its
# Lease, replica b, the conflicts set of blueprints converged in a fresh NAMESPACE. Sets the
# caller's pa, pb, lease, leader, leader_pid, standby_pid and standby. When no Lease appears within
# 60 s it records SCENARIO as not run (WHY), restarts the usual operator and leaves lease empty.
# (It returns 0 either way: called in an `||` list, set -e would be off for all of it.)
two_replicas() { # two_replicas <namespace> <scenario> <why>
  local deadline
  lease=""
  replica a $((port + 100)); pa=$started_pid
  # The usual operator was stopped holding the Lease: it expires 15 s later.
  deadline=$((SECONDS + 60))
  while [ -z "$lease" ] && ((SECONDS < deadline)); do lease=$(lease_of podblueprint-a); sleep 1; done
  if [ -z "$lease" ]; then
    operator_stop "$pa" TERM
    record "$2" null 0 '{}' "$3"
    start_operator
    return 0
  fi
  replica b $((port + 200)); pb=$started_pid
  fresh_namespace "$1"
  apply_blueprints "$1" "$out/conflicts"
  converged "$1" "$out/conflicts/index.json" >/dev/null || true
  leader=$(holder "$lease")
  if [ "$leader" = podblueprint-a ]; then leader_pid=$pa standby_pid=$pb standby=b; else leader_pid=$pb standby_pid=$pa standby=a; fi
}

scenario_5() {
  operator_stop "$pid" TERM
  local a0 pa pb lease="" deadline leader leader_pid standby_pid standby kill_time t probe writers failover probe_seconds passed check
  a0=$(audit_offset)
  two_replicas chaos-failover leader-failover "no Lease appeared within 60 s of starting the operator with the prod profile: this build has no leader election"
  [ -n "$lease" ] || return 0
  log "leader $leader (lease $lease); killing it"
  kill_time=$(date -u +%Y-%m-%dT%H:%M:%S.%6NZ)
  operator_stop "$leader_pid" KILL
  t=$(now)
  # A new blueprint only the standby can reconcile; probe_seconds is until it has a status.
  kubectl apply --server-side -n chaos-failover -f "$out/probe/yaml" >/dev/null
  probe_seconds=
  deadline=$((SECONDS + 60))
  while ((SECONDS < deadline)); do
    # A condition only the operator writes (the CRD defaults status.observedGeneration to 0).
    if [ -n "$(kubectl get pbp -n chaos-failover failover-dep-00001 -o jsonpath='{.status.conditions[?(@.type=="Reconciling")].status}')" ]; then
      probe_seconds=$(since "$t"); break
    fi
    sleep 0.2
  done
  probe=$(perf wait --mode blueprints --namespace chaos-failover --index "$out/probe/index.json" --timeout 120) || true
  check=$(perf check --namespace chaos-failover) || true
  writers=$(perf writers "$audit_log" "$a0" "$(audit_offset)" \
    --users "$(operator_user podblueprint-a),$(operator_user podblueprint-b)")
  operator_stop "$standby_pid" TERM
  # failover_seconds, from the audit log: the SIGKILL to the standby's first write (Leases aside).
  failover=$(python3 -c '
import json, sys
from datetime import datetime
w, kill, standby = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3]
t = lambda s: datetime.strptime(s.rstrip("Z")[:26], "%Y-%m-%dT%H:%M:%S.%f")
s = w.get(standby)
print(round((t(s["first"]) - t(kill)).total_seconds(), 1) if s else "")' "$writers" "$kill_time" "$(operator_user "podblueprint-$standby")")
  # Never two writers: the standby wrote nothing before the leader died; the old leader nothing after.
  local exclusive
  exclusive=$(python3 -c '
import json, sys
w, kill, standby, leader = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
s, l = w.get(standby), w.get(leader)
ok = (s is None or s["first"] > kill) and (l is None or l["last"] <= kill)
print(str(ok).lower())' "$writers" "$kill_time" "$(operator_user "podblueprint-$standby")" "$(operator_user "$leader")")
  passed=false
  [ -n "$failover" ] && [ -n "$probe_seconds" ] && awk -v s="$failover" 'BEGIN { exit !(s <= 20) }' && [ "$exclusive" = true ] &&
    [ "$(ok <<<"$probe")" = true ] && [ "$(ok <<<"$check")" = true ] && passed=true
  echo "${failover:-null}" >"$out/failover_seconds"
  record leader-failover "$passed" "${failover:-60}" \
    "{\"lease\": \"$lease\", \"leader\": \"$leader\", \"failover_seconds\": ${failover:-null}, \"probe_status_seconds\": ${probe_seconds:-null}, \"exclusive_writers\": $exclusive, \"writers\": $writers, \"check\": $check}"
  delete_namespace chaos-failover
  start_operator
}

scenario_7() {
  operator_stop "$pid" TERM
  local a0 pa pb lease="" deadline leader leader_pid standby_pid standby writers passed halted t
  a0=$(audit_offset)
  two_replicas chaos-paused leader-paused "no Lease appeared within 60 s: this build has no leader election"
  [ -n "$lease" ] || return 0
  log "leader $leader (lease $lease); pausing it"
  kill -STOP "$leader_pid"
  t=$(now)
  # Work the old leader will find queued when it resumes: edited specs.
  kubectl get pbp -n chaos-paused -o name | awk 'NR <= 10' |
    xargs -I{} kubectl patch -n chaos-paused {} --type=merge -p '{"metadata":{"labels":{"chaos/paused":"edited"}},"spec":{"template":{"metadata":{"annotations":{"chaos/paused":"edited"}}}}}' >/dev/null
  deadline=$((SECONDS + 60))
  until [ "$(holder "$lease")" = "podblueprint-$standby" ] || ((SECONDS > deadline)); do sleep 0.5; done
  converged chaos-paused "$out/conflicts/index.json" >/dev/null || true
  sleep 2 # the new leader is writing: resume the old one now
  kill -CONT "$leader_pid"
  halted=false
  deadline=$((SECONDS + 20))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$leader_pid" 2>/dev/null; then halted=true; break; fi
    sleep 0.2
  done
  sleep 5
  writers=$(perf writers "$audit_log" "$a0" "$(audit_offset)" \
    --users "$(operator_user podblueprint-a),$(operator_user podblueprint-b)")
  kill -0 "$leader_pid" 2>/dev/null && operator_stop "$leader_pid" TERM
  operator_stop "$standby_pid" TERM
  local exclusive
  exclusive=$(python3 -c '
import json, sys
w, new, old = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3]
n, o = w.get(new), w.get(old)
print(str(n is not None and (o is None or o["last"] <= n["first"])).lower())' \
    "$writers" "$(operator_user "podblueprint-$standby")" "$(operator_user "$leader")")
  passed=false
  [ "$exclusive" = true ] && [ "$halted" = true ] && passed=true
  record leader-paused "$passed" "$(since "$t")" \
    "{\"lease\": \"$lease\", \"leader\": \"$leader\", \"old_leader_halted\": $halted, \"exclusive_writers\": $exclusive, \"writers\": $writers}"
  delete_namespace chaos-paused
  start_operator
}

scenario_6() {
  fresh_namespace chaos-conflicts
  local conflicts_index="$out/conflicts/index.json" a0 writer t wait check labels passed last audit enough
  a0=$(audit_offset)
  t=$(now)
  apply_blueprints chaos-conflicts "$out/conflicts"
  # The second writer: relabels every blueprint, from 8 connections at once, for 30 s, then sets
  # the label to "final" on all of them.
  perf relabel --namespace chaos-conflicts --index "$conflicts_index" --seconds 30 --threads 8 >"$out/relabel.json" &
  writer=$!
  wait=$(converged chaos-conflicts "$conflicts_index") || true
  wait "$writer"
  last=$(json_get 'd["tick"]' <"$out/relabel.json")
  wait=$(converged chaos-conflicts "$conflicts_index" 120) || true
  check=$(perf check --namespace chaos-conflicts) || true
  labels=$(kubectl get pbp -n chaos-conflicts -o json | python3 -c '
import json, sys
items = json.load(sys.stdin)["items"]
lost = [b["metadata"]["name"] for b in items if b["metadata"].get("labels", {}).get("chaos.podblueprint.io/tick") != sys.argv[1]]
print(json.dumps({"ok": not lost, "lost": lost[:10], "tick": sys.argv[1]}))' "$last")
  audit=$(perf audit "$audit_log" "$a0" "$(audit_offset)" --users "$(operator_user "$account")" --index "$conflicts_index")
  # At least CHAOS_MIN_CONFLICTS (50) 409s, and each followed by a successful write of the same object.
  enough=$(json_get 'str(d["conflicts"] >= int(sys.argv[2]) and not d["conflicts_unhandled"]).lower()' "${CHAOS_MIN_CONFLICTS:-50}" <<<"$audit")
  passed=false
  [ "$(ok <<<"$wait")" = true ] && [ "$(ok <<<"$check")" = true ] && [ "$(ok <<<"$labels")" = true ] &&
    [ "$enough" = true ] && passed=true
  record conflicts "$passed" "$(since "$t")" \
    "{\"operator_409s\": $(json_get 'd["conflicts"]' <<<"$audit"), \"operator_writes\": $(json_get 'd["writes"]' <<<"$audit"), \"handled\": $(json_get 'd["conflicts_handled"]' <<<"$audit"), \"per_write\": $(json_get 'json.dumps(d["conflicts_per_write"])' <<<"$audit"), \"unhandled\": $(json_get 'json.dumps(d["conflicts_unhandled"])' <<<"$audit"), \"relabel\": $(cat "$out/relabel.json"), \"labels\": $labels, \"check\": $check}"
  delete_namespace chaos-conflicts
}

start_operator
for s in $scenarios; do
  log "=== scenario $s"
  "scenario_$s"
done
operator_stop "$pid" TERM
[ "${KEEP:-0}" = 1 ] || kubectl delete namespace chaos-main --ignore-not-found --wait=false >/dev/null

python3 - "$results" "$out/failover_seconds" <<'PY'
import json, os, sys
scenarios = [json.loads(line) for line in open(sys.argv[1])]
failover = None
if os.path.exists(sys.argv[2]):
    failover = json.loads(open(sys.argv[2]).read().strip() or "null")
print()
print(f"{'scenario':20}  {'verdict':8}  {'seconds':>8}  notes")
for s in scenarios:
    verdict = "SKIPPED" if s.get("skipped") else ("pass" if s["passed"] else "FAIL")
    d = s["detail"]
    note = s.get("skipped") or ", ".join(
        f"{k}={json.dumps(v)}" for k, v in d.items() if not isinstance(v, dict))
    check = d.get("check")
    if isinstance(check, dict) and not check.get("ok"):
        note += f" check: {check}"
    print(f"{s['name']:20}  {verdict:8}  {s['seconds']:8.1f}  {note}")
print(json.dumps({"scenarios": [{k: s[k] for k in ("name", "passed", "seconds", "skipped") if k in s} for s in scenarios],
                  "failover_seconds": failover}))
sys.exit(1 if any(s["passed"] is False for s in scenarios) else 0)
PY
