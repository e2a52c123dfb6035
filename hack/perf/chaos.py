"""Faults for hack/chaos/run.sh: delete and edit children, then wait until the operator has
undone each change (watching, so the time is the operator's, not a poll interval's)."""

import json
import random
import time
from concurrent.futures import ThreadPoolExecutor

import wait

PATHS = {
    "deployments": "/apis/apps/v1/namespaces/{ns}/deployments",
    "services": "/api/v1/namespaces/{ns}/services",
    "pods": "/api/v1/namespaces/{ns}/pods",
    "jobs": "/apis/batch/v1/namespaces/{ns}/jobs",
}
OWNED_LABEL = "app.kubernetes.io/instance"


def pick(index, count, kinds, seed):
    """`count` children of the blueprints in index {name: kind}, spread over `kinds`
    (deployments, services, pods), as [(kind, name)], no blueprint twice per kind."""
    rng = random.Random(seed)
    pools = {
        "deployments": [n for n, k in index.items() if k == "Deployment"],
        "services": [n for n, k in index.items() if k == "Deployment"],
        "pods": [n for n, k in index.items() if k == "Pod"],
    }
    for pool in pools.values():
        rng.shuffle(pool)
    chosen, i = [], 0
    while len(chosen) < count and any(pools[k] for k in kinds):
        kind = kinds[i % len(kinds)]
        i += 1
        if pools[kind]:
            chosen.append((kind, pools[kind].pop()))
    return chosen


def uids(kubectl, namespace, targets):
    out = {}
    for kind in {k for k, _ in targets}:
        for obj in kubectl.json("get", kind, "-n", namespace)["items"]:
            out[(kind, obj["metadata"]["name"])] = obj["metadata"]["uid"]
    return out


def plan_deletions(kubectl, namespace, targets):
    before = uids(kubectl, namespace, targets)
    return [{"kind": k, "name": n, "heal": "recreated", "uid": before.get((k, n))} for k, n in targets]


def delete(kubectl, namespace, targets):
    names = [f"{kind}/{name}" for kind, name in targets]
    kubectl.run("delete", "-n", namespace, "--wait=false", *names)


MARK = "chaos.podblueprint.io/delete"


def mark(kubectl, namespace, targets, token):
    """Labels the targets (a label the operator does not own, so it changes nothing for it),
    so that one delete-collection request per kind removes them all at once."""
    by_kind = {}
    for kind, name in targets:
        by_kind.setdefault(kind, []).append(name)
    for kind, names in by_kind.items():
        kubectl.run("label", "-n", namespace, kind, *names, f"{MARK}={token}", "--overwrite")
    return sorted(by_kind)


def delete_marked(kubectl, namespace, kinds, token):
    """One DELETE of a collection per kind, all kinds in parallel."""
    with ThreadPoolExecutor(len(kinds)) as pool:
        futures = [
            pool.submit(
                kubectl.run, "delete", kind, "-n", namespace, "-l", f"{MARK}={token}", "--wait=false"
            )
            for kind in kinds
        ]
        for f in futures:
            f.result()


def plan_edits(kubectl, namespace, deployments):
    """Hand edits of Deployments: half scaled to 3 replicas, half with the operator's
    app.kubernetes.io/instance label overwritten. Returns the plan and applies it."""
    plan = []
    for i, name in enumerate(deployments):
        if i % 2 == 0:
            kubectl.run("scale", "-n", namespace, "deployment", name, "--replicas=3")
            plan.append({"kind": "deployments", "name": name, "heal": "replicas", "value": 1})
        else:
            kubectl.run("label", "-n", namespace, "deployment", name, f"{OWNED_LABEL}=edited", "--overwrite")
            plan.append({"kind": "deployments", "name": name, "heal": "label", "value": name})
    return plan


def healed(step, obj):
    meta = obj["metadata"]
    if meta.get("deletionTimestamp"):
        return False
    if step["heal"] == "recreated":
        return meta["uid"] != step["uid"]
    if step["heal"] == "replicas":
        return (obj.get("spec") or {}).get("replicas") == step["value"]
    if step["heal"] == "label":
        return (meta.get("labels") or {}).get(OWNED_LABEL) == step["value"]
    raise ValueError(step["heal"])


def trackers(kubectl, namespace, plan):
    by_kind = {}
    for step in plan:
        by_kind.setdefault(step["kind"], {})[step["name"]] = step
    out = []
    for kind, steps in by_kind.items():
        def done(obj, steps=steps):
            return healed(steps[obj["metadata"]["name"]], obj)

        out.append(
            wait.Tracker(kubectl, PATHS[kind].format(ns=namespace), steps, done, wait.child_summary)
        )
    return out


def heal(kubectl, namespace, plan, timeout, action=None):
    """Watches until every step of the plan is healed; runs action() once the watches are up.

    A step's time runs from the moment the watch saw its object go (a deletion) or else from just
    before action (or the start) to its heal; seconds is the longest, ok means all healed within
    timeout. wall_seconds runs from just before action to the last heal, the deletions included
    (the API server takes seconds to delete a hundred objects). by_kind: median and max of both
    per kind. It keeps watching up to 6 x timeout, so a miss still has a time."""
    with wait.Waiter(kubectl, trackers(kubectl, namespace, plan)) as waiter:
        t0 = time.monotonic()
        if action:
            action()
        finished = waiter.until_done(max(0.0, timeout * 6 - (time.monotonic() - t0)))
        slowest, longest = {}, 0.0
        for tracker in waiter.trackers:
            kind = tracker.path.rsplit("/", 1)[-1]
            wall = sorted(t - t0 for t in tracker.first_done.values())
            own = sorted(
                done - tracker.deleted_at.get(name, t0) for name, done in tracker.first_done.items()
            )
            if wall:
                longest = max(longest, own[-1])
                slowest[kind] = {
                    "median": round(own[len(own) // 2], 2),
                    "max": round(own[-1], 2),
                    "wall_median": round(wall[len(wall) // 2], 2),
                    "wall_max": round(wall[-1], 2),
                }
        return {
            "ok": finished is not None and longest <= timeout,
            "seconds": round(longest, 2) if finished else None,
            "wall_seconds": round((finished or time.monotonic()) - t0, 2),
            "pending": len(waiter.pending()),
            "stragglers": waiter.stragglers(),
            "by_kind": slowest,
        }


def save(path, data):
    with open(path, "w") as f:
        json.dump(data, f)


def load(path):
    with open(path) as f:
        return json.load(f)


def relabel(kubectl, namespace, names, seconds, threads, label):
    """The second writer of the conflicts scenario: merge-patches `label` on every blueprint in
    `names`, round after round, from `threads` threads at once for `seconds`, then once more on
    all of them with the final value. Goes through `kubectl proxy` (one process, keep-alive
    connections) so it writes many times a second, each blueprint again within a second or two:
    the operator's status writes, which carry the resourceVersion it read, then often find the
    blueprint changed (409). Returns {"tick": final value, "writes": n, "errors": n}."""
    import http.client
    import re
    import subprocess
    import threading

    proxy = subprocess.Popen(
        kubectl.command("proxy", "--port=0"), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        port = int(re.search(r":(\d+)", proxy.stdout.readline()).group(1))
        path = "/apis/podblueprint.io/v1alpha1/namespaces/{ns}/podblueprints/{name}"
        counts = {"writes": 0, "errors": 0}
        lock = threading.Lock()

        def patch(connection, name, tick):
            body = json.dumps({"metadata": {"labels": {label: str(tick)}}})
            connection.request(
                "PATCH", path.format(ns=namespace, name=name), body,
                {"Content-Type": "application/merge-patch+json"},
            )
            response = connection.getresponse()
            response.read()
            with lock:
                counts["writes" if response.status == 200 else "errors"] += 1

        def writer(share, stop):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            tick = 0
            while not stop.is_set():
                tick += 1
                for name in share:
                    if stop.is_set():
                        break
                    patch(connection, name, f"{tick}")
            connection.close()

        stop = threading.Event()
        workers = [
            threading.Thread(target=writer, args=(names[i::threads], stop), daemon=True)
            for i in range(threads)
        ]
        for w in workers:
            w.start()
        time.sleep(seconds)
        stop.set()
        for w in workers:
            w.join()
        final = "final"
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for name in names:
            patch(connection, name, final)
        connection.close()
        return {"tick": final, **counts}
    finally:
        proxy.kill()
        proxy.wait()
