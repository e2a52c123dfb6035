#!/usr/bin/env bash
# The README's first run, as a newcomer has it, so that CI fails when it breaks: a fresh clone of
# this checkout's HEAD, no .cluster/, no kubeconfig (KUBECONFIG names a file that does not exist).
#   1. `make demo` must end with every sample at its final condition;
#   2. `make run` must serve /q/health/ready with UP; then it is stopped.
# The clone's local control plane is removed at the end. Each step has a deadline, so a hang fails
# instead of eating CI's time. Env: NEWCOMER_TIMEOUT (seconds per step, default 1200).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
limit=${NEWCOMER_TIMEOUT:-1200}
port=${HTTP_PORT:-8080}

log() { echo "newcomer: $*" >&2; }
work=$(mktemp -d -t podblueprint-newcomer.XXXXXX)
clone="$work/podblueprint"
run_pid=""
cleanup() {
  local rc=$?
  if [ -n "$run_pid" ]; then kill -- "-$run_pid" 2>/dev/null || true; fi
  if [ -d "$clone" ]; then (cd "$clone" && make cluster-down >/dev/null 2>&1) || true; fi
  rm -rf "$work"
  exit $rc
}
trap cleanup EXIT

git clone -q "$repo" "$clone"
cd "$clone"
[ ! -e .cluster ] || { log "a fresh clone must not have .cluster/"; exit 1; }
export KUBECONFIG="$work/no-such-kubeconfig"
unset PODBLUEPRINT_CLUSTER_LOCKED

started=$SECONDS
log "make demo in a fresh clone ($clone), KUBECONFIG=$KUBECONFIG (missing)"
timeout "$limit" env HTTP_PORT="$port" make demo </dev/null || {
  log "make demo failed or did not finish within ${limit}s (exit $?)"
  exit 1
}
log "make demo finished in $((SECONDS - started))s"

started=$SECONDS
until ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do # make demo's operator has let go of the port
  if ((SECONDS - started > 60)); then log "port $port is still in use 60 s after make demo"; exit 1; fi
  sleep 1
done
log "make run until http://localhost:$port/q/health/ready answers UP"
setsid env HTTP_PORT="$port" make run </dev/null >"$work/run.log" 2>&1 &
run_pid=$!
# run.sh refuses to start when the port is taken, so an UP here comes from this operator.
until curl -fs "localhost:$port/q/health/ready" 2>/dev/null | grep -q '"status": *"UP"'; do
  if ! kill -0 "$run_pid" 2>/dev/null; then
    tail -n 40 "$work/run.log" >&2
    log "make run exited before it was ready"
    exit 1
  fi
  if ((SECONDS - started > limit)); then
    tail -n 40 "$work/run.log" >&2
    log "make run was not ready within ${limit}s"
    exit 1
  fi
  sleep 1
done
log "make run ready (UP) in $((SECONDS - started))s; stopping it"
kill -- "-$run_pid"
wait "$run_pid" 2>/dev/null || true
run_pid=""
log "ok: make demo and make run work in a fresh clone with no cluster and no kubeconfig"
