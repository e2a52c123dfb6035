"""The benchmark's table and its last line of JSON, from the files hack/bench/run.sh collected."""

import json
import os

GOALS = {  # key: (test, description); issue #14's goals at N=1000
    "ratio": (lambda v: v is not None and v <= 1.05, "<= 1.05"),
    "writes_per_deployment_blueprint_without_events": (lambda v: v is not None and v <= 4.0, "<= 4.0 without Events"),
    "idle_writes": (lambda v: v == 0, "= 0"),
    "operator_rss_mib": (lambda v: v <= 300, "<= 300"),
    "rss_growth_percent": (lambda v: v <= 10, "<= 10"),
    "reconcile_p50_ms": (lambda v: v is not None and v <= 20, "<= 20"),
    "reconcile_p99_ms": (lambda v: v is not None and v <= 500, "<= 500"),
}


def load(directory, name):
    with open(os.path.join(directory, name)) as f:
        return json.load(f)


def bench(directory, n, nodes, threads, enforce):
    baseline, operator = load(directory, "baseline.json"), load(directory, "operator.json")
    writes, idle = load(directory, "writes.json"), load(directory, "idle.json")
    unrelated_writes = load(directory, "unrelated-writes.json")
    reconcile = load(directory, "reconcile.json")
    before, after = load(directory, "memory-before.json"), load(directory, "memory-after.json")
    mix = load(directory, "mix.json")
    cpu = load(directory, "cpu.json") if os.path.exists(os.path.join(directory, "cpu.json")) else None
    kinds = writes["per_kind"]
    deployment = kinds.get("Deployment", {})
    mib = lambda kib: round(kib / 1024, 1)  # noqa: E731
    result = {
        "blueprints": n,
        "operator_seconds": operator["seconds"],
        "baseline_seconds": baseline["seconds"],
        "ratio": round(operator["seconds"] / baseline["seconds"], 2) if baseline["seconds"] else None,
        "writes_per_blueprint": round(writes["writes"] / n, 2),
        "idle_writes": idle["writes"],
        "operator_rss_mib": mib(before["hwm_kib"]),
        "rss_after_unrelated_mib": mib(after["rss_kib"]),
        "reconcile_p50_ms": reconcile["p50_ms"],
        "reconcile_p99_ms": reconcile["p99_ms"],
        # extras
        "writes_per_blueprint_without_events": round((writes["writes"] - writes["event_writes"]) / n, 2),
        "writes_per_deployment_blueprint": deployment.get("per_blueprint"),
        "writes_per_deployment_blueprint_without_events": deployment.get("per_blueprint_without_events"),
        "rss_before_unrelated_mib": mib(before["rss_kib"]),
        "rss_growth_percent": round(100 * (after["rss_kib"] - before["rss_kib"]) / before["rss_kib"], 1),
        "reconciles": reconcile["reconciles"],
        "errors": [],
    }
    if os.path.exists(os.path.join(directory, "memory-full.json")):
        empty, full = load(directory, "memory-empty.json"), load(directory, "memory-full.json")
        result["rss_settled_empty_mib"] = mib(empty["rss_kib"])
        result["rss_settled_full_mib"] = mib(full["rss_kib"])
        result["rss_per_blueprint_kib"] = round((full["rss_kib"] - empty["rss_kib"]) / n, 1)
        if "heap_kib" in full and "heap_kib" in empty:
            result["heap_per_blueprint_kib"] = round((full["heap_kib"] - empty["heap_kib"]) / n, 1)
    first = load(directory, "first-status.json") if os.path.exists(os.path.join(directory, "first-status.json")) else {}
    result["first_status_p50_ms"] = first.get("p50_ms")
    result["first_status_p99_ms"] = first.get("p99_ms")
    if not baseline["ok"]:
        result["errors"].append(f"baseline did not finish: {baseline['pending']} pending {baseline['stragglers']}")
    if not operator["ok"]:
        result["errors"].append(f"operator run did not finish: {operator['pending']} pending {operator['stragglers']}")
    if unrelated_writes["writes"]:
        result["errors"].append(f"the operator wrote {unrelated_writes['writes']} times while unrelated objects were created")

    rows = [
        ("blueprints", f"{n} ({', '.join(f'{v} {k}' for k, v in mix.items())}); {nodes} nodes; RECONCILE_THREADS={threads}"),
        ("baseline_seconds", f"{baseline['seconds']} (kubectl apply {baseline.get('apply_seconds')} s; median child final at {baseline.get('median_final_seconds')} s)"),
        ("operator_seconds", f"{operator['seconds']} (kubectl apply {operator.get('apply_seconds')} s; median blueprint final at {operator.get('median_final_seconds')} s)"),
        ("ratio", result["ratio"]),
    ]
    warm = os.path.join(directory, "warmup.json")
    if os.path.exists(warm):
        w = load(directory, "warmup.json")
        rows.append(("warm-up", f"{w['pending'] == 0 and 'done' or 'INCOMPLETE'}: a first batch applied and deleted before the operator run ({w['seconds']} s)"))
    if cpu:
        result["cpu_seconds"] = cpu
        rows.append(("cpu seconds", f"kube-apiserver {cpu['apiserver_baseline']:.0f} in the baseline, {cpu['apiserver_operator_run']:.0f} in the operator run; operator {cpu['operator']:.0f}"))
    rows += [
        ("writes_per_blueprint", f"{result['writes_per_blueprint']} ({result['writes_per_blueprint_without_events']} without Events; {writes['writes']} writes, {writes['conflicts']} answered 409; {writes.get('dry_runs', 0)} dry runs besides)"),
    ]
    for kind in ("Deployment", "Job", "Pod"):
        k = kinds.get(kind)
        if k:
            label = "  Deployment+Service" if kind == "Deployment" else f"  {kind}"
            rows.append((label, f"{k['per_blueprint']} per blueprint ({k['per_blueprint_without_events']} without Events): {k['breakdown']}"))
    latency = {}
    for run in ("baseline", "operator"):
        path = os.path.join(directory, f"latency-{run}.json")
        if os.path.exists(path):
            latency[run] = load(directory, f"latency-{run}.json")
    if latency:
        result["api_write_latency_ms"] = latency
        described = []
        for run, users in latency.items():
            for client in ("kubectl", "fabric8-kubernetes-client", "kube-controller-manager"):
                v = users.get(client)
                if v:
                    described.append(f"{run} {client}: {v['p50_ms']}/{v['p99_ms']} ({v['writes']})")
        rows.append(("API write p50/p99 ms", "; ".join(described)))
    rows += [
        ("idle_writes", f"{idle['writes']} in the idle window" + (f": {idle['per_kind']} {idle['unattributed']}" if idle["writes"] else "")),
        ("operator_rss_mib", f"{result['operator_rss_mib']} (peak VmHWM after the run)"),
        ("rss_after_unrelated_mib", f"{result['rss_after_unrelated_mib']} (VmRSS {result['rss_before_unrelated_mib']} before: {result['rss_growth_percent']:+}%; {after['running']} unrelated pods Running)"),
        ("rss_per_blueprint_kib", f"{result.get('rss_per_blueprint_kib')} (VmRSS after a full GC: {result.get('rss_settled_empty_mib')} MiB before the run, {result.get('rss_settled_full_mib')} MiB with the {n} blueprints; live heap {result.get('heap_per_blueprint_kib')} KiB per blueprint)"),
        ("first_status_p50/p99_ms", f"{result['first_status_p50_ms']}/{result['first_status_p99_ms']} (create to the first status write; max {first.get('max_ms')}, {first.get('without_status')} of {first.get('blueprints')} without one)"),
        ("reconcile_p50_ms", reconcile["p50_ms"]),
        ("reconcile_p99_ms", f"{reconcile['p99_ms']} ({reconcile['reconciles']:.0f} reconciles)"),
    ]
    width = max(len(r[0]) for r in rows)
    print()
    print(f"{'metric'.ljust(width)}  value")
    print(f"{'-' * width}  {'-' * 60}")
    for key, value in rows:
        goal = GOALS.get(key.strip()) or (GOALS["writes_per_deployment_blueprint_without_events"] if key.strip() == "Deployment+Service" else None)
        verdict = ""
        if goal and n >= 1000 or key.strip() == "idle_writes":
            v = result.get("writes_per_deployment_blueprint_without_events" if key.strip() == "Deployment+Service" else key.strip())
            verdict = f"   [goal {goal[1]}: {'met' if goal[0](v) else 'MISSED'}]" if goal else ""
        print(f"{key.ljust(width)}  {value}{verdict}")
    growth_goal = GOALS["rss_growth_percent"]
    if n >= 1000:
        print(f"{'rss growth'.ljust(width)}  {result['rss_growth_percent']}%   [goal {growth_goal[1]}: {'met' if growth_goal[0](result['rss_growth_percent']) else 'MISSED'}]")
    for e in result["errors"]:
        print(f"ERROR: {e}")
    print(json.dumps(result))
    failed = bool(result["errors"]) or result["idle_writes"] != 0
    if enforce == "goals":
        failed |= any(not test(result.get(key)) for key, (test, _) in GOALS.items())
    return 1 if failed else 0
