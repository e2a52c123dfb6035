#!/usr/bin/env python3
"""Helpers of hack/bench/run.sh and hack/chaos/run.sh (Python 3 standard library only).

  perf.py generate DIR --count N [--prefix P]      DIR/yaml/*.yaml + DIR/index.json {name: kind}
  perf.py children RENDERED.json OUT.json          {kind: [names]} of rendered children
  perf.py apply-wait --mode blueprints|children --namespace NS --index F --timeout S FILE...
                                                   clock starts, kubectl apply --server-side FILE...,
                                                   clock stops when every object is final (JSON out)
  perf.py wait --mode ... --namespace NS --index F --timeout S      the same without applying
  perf.py audit LOG START END --users U[,U] --index F               the users' writes (JSON)
  perf.py quantiles BEFORE AFTER                   reconcile p50/p99 between two /q/metrics scrapes
  perf.py unrelated DIR --configmaps C --pods P    unrelated objects as JSON Lists (prints files)
  perf.py bench-report DIR --n N --nodes M         the benchmark's table and last JSON line
  perf.py check --namespace NS                     every blueprint final, no orphan, no duplicate
  perf.py progress --namespace NS --total N        waits until a fraction of blueprints has a status
  perf.py delete --namespace NS --index F --count C   deletes C children, times their recreation
  perf.py drift --namespace NS --index F --plan P  deletes and hand-edits children (operator down)
  perf.py heal --namespace NS --plan P             waits until the plan's changes are undone
  perf.py relabel --namespace NS --index F [--seconds S --threads T]   the conflicts scenario's second
                                                   writer: relabels every blueprint, fast, for S seconds
  perf.py writers LOG START END --users U,V        per user: first/last non-Lease write
  perf.py latency LOG START END --namespace NS     per user: API server time of its writes in NS
  perf.py pod-deletions LOG START END --namespace NS --operator U   KWOK's pod deletes (allowed,
                                                   refused as stale) and the operator's pod creations
  perf.py first-status LOG START END --namespace NS --users U   create to first status write (p50/p99)
"""

import argparse
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import audit  # noqa: E402
import chaos  # noqa: E402
import generate  # noqa: E402
import integrity  # noqa: E402
import prom  # noqa: E402
import report  # noqa: E402
import wait  # noqa: E402
from kube import Kubectl  # noqa: E402


def kubectl():
    return Kubectl(os.environ["KUBECTL"], os.environ["KUBECONFIG"])


def trackers(k, mode, namespace, index_file):
    with open(index_file) as f:
        index = json.load(f)
    if mode == "blueprints":
        return wait.blueprint_trackers(k, namespace, list(index))
    return wait.child_trackers(k, namespace, index)


def finish(waiter, t0, finished, extra):
    out = {
        "ok": finished is not None,
        "seconds": round((finished if finished else time.monotonic()) - t0, 2),
        "pending": len(waiter.pending()),
        "stragglers": waiter.stragglers(),
    }
    times = sorted(t - t0 for t in waiter.first_done_times())
    if times:
        out["first_final_seconds"] = round(times[0], 2)
        out["median_final_seconds"] = round(times[len(times) // 2], 2)
    out.update(extra)
    print(json.dumps(out))
    return 0 if finished else 1


def apply_files(k, namespace, files, parallel):
    """kubectl apply --server-side, one call with every file, or `parallel` calls at once."""
    def one(group):
        args = ["apply", "--server-side", "--force-conflicts", "-n", namespace, "-o", "name"]
        for f in group:
            args += ["-f", f]
        return k.run(*args)

    groups = [files] if parallel <= 1 else [files[i::parallel] for i in range(parallel)]
    with ThreadPoolExecutor(len(groups)) as pool:
        list(pool.map(one, [g for g in groups if g]))


def cmd_apply_wait(a):
    k = kubectl()
    with wait.Waiter(k, trackers(k, a.mode, a.namespace, a.index)) as waiter:
        t0 = time.monotonic()
        apply_files(k, a.namespace, a.files, a.parallel)
        applied = time.monotonic() - t0
        finished = waiter.until_done(a.timeout)
        return finish(waiter, t0, finished, {"apply_seconds": round(applied, 2)})


def cmd_wait(a):
    k = kubectl()
    t0 = time.monotonic()
    with wait.Waiter(k, trackers(k, a.mode, a.namespace, a.index)) as waiter:
        return finish(waiter, t0, waiter.until_done(a.timeout), {})


def cmd_generate(a):
    index = generate.blueprints(a.count, a.dir, a.prefix, a.files)
    print(json.dumps({k: list(index.values()).count(k) for k in sorted(set(index.values()))}))


def cmd_children(a):
    with open(a.rendered) as f:
        items = json.load(f)["items"]
    out = {}
    for item in items:
        out.setdefault(item["kind"], []).append(item["metadata"]["name"])
    with open(a.out, "w") as f:
        json.dump(out, f)
    print(json.dumps({k: len(v) for k, v in sorted(out.items())}))


def cmd_audit(a):
    with open(a.index) as f:
        index = json.load(f)
    dry_runs = {}
    records = audit.writes(a.log, a.start, a.end, set(a.users.split(",")), dry_runs)
    per_kind, other = audit.summarize(records, index)
    by_user = {}
    for user, *_ in records:
        by_user[user] = by_user.get(user, 0) + 1
    events = sum(1 for r in records if r[2] == "events")
    conflicts = sum(1 for r in records if r[4] == 409)
    detail = audit.conflicts(a.log, a.start, a.end, set(a.users.split(",")))
    print(json.dumps({
        "writes": len(records),
        "event_writes": events,
        "conflicts": conflicts,
        "conflicts_per_write": detail["per_write"],
        "conflicts_handled": detail["handled"],
        "conflicts_unhandled": detail["unhandled"],
        "dry_runs": dry_runs.get("count", 0),
        "by_user": by_user,
        "per_kind": per_kind,
        "unattributed": other,
    }))


def cmd_quantiles(a):
    with open(a.before) as f:
        before = prom.buckets(f.read())
    with open(a.after) as f:
        after = prom.buckets(f.read())

    def ms(q):
        value = prom.quantile(q, after, before)
        return None if value is None else round(value * 1000, 1)

    print(json.dumps({"reconciles": prom.count(after, before), "p50_ms": ms(0.5), "p99_ms": ms(0.99)}))


def cmd_unrelated(a):
    k = kubectl()
    nodes = [n["metadata"]["name"] for n in k.json("get", "nodes")["items"]]
    for path in generate.unrelated(a.configmaps, a.pods, nodes, a.dir, a.chunks):
        print(path)


def cmd_check(a):
    result = integrity.check(kubectl(), a.namespace)
    print(json.dumps(result))
    return 0 if result["ok"] else 1


def cmd_progress(a):
    """Waits until at least `fraction` of the blueprints have a status (the rollout is under way
    but, with a small fraction, far from done); prints how many are final then."""
    k = kubectl()
    deadline = time.monotonic() + a.timeout
    while True:
        items = k.json("get", "podblueprints", "-n", a.namespace)["items"]
        started = sum(1 for bp in items if bp.get("status"))
        final = sum(1 for bp in items if wait.blueprint_done(bp))
        if started >= a.fraction * a.total or time.monotonic() > deadline:
            print(json.dumps({"blueprints": len(items), "with_status": started, "final": final}))
            return 0
        time.sleep(0.2)


def cmd_delete(a):
    """Deletes `count` children at once and waits until the operator has recreated them all."""
    k = kubectl()
    with open(a.index) as f:
        index = json.load(f)
    targets = chaos.pick(index, a.count, a.kinds.split(","), a.seed)
    plan = chaos.plan_deletions(k, a.namespace, targets)
    token = str(int(time.time()))
    kinds = chaos.mark(k, a.namespace, targets, token)
    result = chaos.heal(
        k, a.namespace, plan, a.timeout, lambda: chaos.delete_marked(k, a.namespace, kinds, token)
    )
    result["deleted"] = len(targets)
    print(json.dumps(result))
    return 0 if result["ok"] else 1


def cmd_drift(a):
    """While the operator is down: deletes `deletes` children and hand-edits `edits` Deployments;
    writes the plan of what must heal."""
    k = kubectl()
    with open(a.index) as f:
        index = json.load(f)
    deleted = chaos.pick(index, a.deletes, ["deployments", "services", "pods"], a.seed)
    plan = chaos.plan_deletions(k, a.namespace, deleted)
    chaos.delete(k, a.namespace, deleted)
    taken = {name for kind, name in deleted if kind == "deployments"}
    free = [n for n, kind in sorted(index.items()) if kind == "Deployment" and n not in taken]
    plan += chaos.plan_edits(k, a.namespace, free[: a.edits])
    chaos.save(a.plan, plan)
    print(json.dumps({"deleted": len(deleted), "edited": min(a.edits, len(free))}))


def cmd_heal(a):
    result = chaos.heal(kubectl(), a.namespace, chaos.load(a.plan), a.timeout)
    print(json.dumps(result))
    return 0 if result["ok"] else 1


def cmd_relabel(a):
    with open(a.index) as f:
        names = sorted(json.load(f))
    print(json.dumps(chaos.relabel(kubectl(), a.namespace, names, a.seconds, a.threads, a.label)))


def cmd_writers(a):
    """Who wrote (not counting Leases) in an audit slice: per user, first and last write time."""
    users = a.users.split(",")
    seen = {}
    for e in audit.events(a.log, a.start, a.end):
        user = (e.get("user") or {}).get("username")
        ref = e.get("objectRef") or {}
        if user not in users or not audit.is_write(e) or ref.get("resource") == "leases":
            continue
        t = e.get("requestReceivedTimestamp")
        first, last, n = seen.get(user, (t, t, 0))
        seen[user] = (min(first, t), max(last, t), n + 1)
    print(json.dumps({u: {"first": f, "last": l, "writes": n} for u, (f, l, n) in seen.items()}))


def cmd_pod_deletions(a):
    print(json.dumps(audit.pod_deletions(a.log, a.start, a.end, a.namespace, a.operator)))


def cmd_latency(a):
    print(json.dumps(audit.latencies(a.log, a.start, a.end, a.namespace)))


def cmd_first_status(a):
    print(json.dumps(audit.first_status(a.log, a.start, a.end, a.namespace, set(a.users.split(",")))))


def cmd_bench_report(a):
    return report.bench(a.dir, a.n, a.nodes, a.threads, a.enforce)


# Arguments shared by several subcommands. An argument is a name, or a name and the keywords of
# argparse's add_argument.
INT = {"type": int}
REQUIRED = {"required": True}
NAMESPACE = ("--namespace", REQUIRED)
INDEX = ("--index", REQUIRED)
USERS = ("--users", REQUIRED)
# A window of the audit log: the file and the first and last second to read.
LOG_WINDOW = ("log", ("start", INT), ("end", INT))


def command(sub, name, run, *arguments):
    """Adds subcommand NAME, which calls RUN with the parsed arguments."""
    parser = sub.add_parser(name)
    for argument in arguments:
        flag, options = (argument, {}) if isinstance(argument, str) else argument
        parser.add_argument(flag, **options)
    parser.set_defaults(run=run)
    return parser


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    command(sub, "generate", cmd_generate, "dir", ("--count", {"type": int, "required": True}),
            ("--prefix", {"default": "bp"}), ("--files", {"type": int, "default": 1}))
    command(sub, "children", cmd_children, "rendered", "out")
    wait = (("--mode", {"choices": ["blueprints", "children"], "required": True}), NAMESPACE, INDEX,
            ("--timeout", {"type": float, "default": 600}))
    command(sub, "apply-wait", cmd_apply_wait, *wait, ("--parallel", {"type": int, "default": 1}),
            ("files", {"nargs": "+"}))
    command(sub, "wait", cmd_wait, *wait)
    command(sub, "audit", cmd_audit, *LOG_WINDOW, USERS, INDEX)
    command(sub, "quantiles", cmd_quantiles, "before", "after")
    command(sub, "unrelated", cmd_unrelated, "dir",
            ("--configmaps", {"type": int, "default": 10000}),
            ("--pods", {"type": int, "default": 10000}), ("--chunks", {"type": int, "default": 4}))
    command(sub, "check", cmd_check, NAMESPACE)
    command(sub, "progress", cmd_progress, NAMESPACE, ("--total", {"type": int, "required": True}),
            ("--fraction", {"type": float, "default": 0.2}),
            ("--timeout", {"type": float, "default": 120}))
    command(sub, "delete", cmd_delete, NAMESPACE, INDEX,
            ("--count", {"type": int, "required": True}),
            ("--kinds", {"default": "deployments,services,pods"}),
            ("--seed", {"type": int, "default": 3}), ("--timeout", {"type": float, "default": 10}))
    command(sub, "drift", cmd_drift, NAMESPACE, INDEX, ("--plan", REQUIRED),
            ("--deletes", {"type": int, "default": 50}), ("--edits", {"type": int, "default": 50}),
            ("--seed", {"type": int, "default": 2}))
    command(sub, "heal", cmd_heal, NAMESPACE, ("--plan", REQUIRED),
            ("--timeout", {"type": float, "default": 120}))
    command(sub, "relabel", cmd_relabel, NAMESPACE, INDEX, ("--seconds", {"type": float, "default": 30}),
            ("--threads", {"type": int, "default": 4}), ("--label", {"default": "chaos.podblueprint.io/tick"}))
    command(sub, "writers", cmd_writers, *LOG_WINDOW, USERS)
    command(sub, "latency", cmd_latency, *LOG_WINDOW, NAMESPACE)
    command(sub, "pod-deletions", cmd_pod_deletions, *LOG_WINDOW, NAMESPACE, ("--operator", REQUIRED))
    command(sub, "first-status", cmd_first_status, *LOG_WINDOW, NAMESPACE, USERS)
    command(sub, "bench-report", cmd_bench_report, "dir", ("--n", {"type": int, "required": True}),
            ("--nodes", {"type": int, "required": True}), ("--threads", {"default": "10"}),
            ("--enforce", {"choices": ["idle", "goals"], "default": "idle"}))
    a = p.parse_args()
    sys.exit(a.run(a) or 0)


if __name__ == "__main__":
    main()
