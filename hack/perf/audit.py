"""Counts one user's write requests in a slice of the kube-apiserver audit log.

The local cluster records every write (hack/controlplane/audit-policy.yaml, CLUSTER_AUDIT=1). The
operator runs as its own ServiceAccount, so its writes are exactly the audit events with that
username: no guessing from cluster-wide counters, which the controllers also move.
"""

import collections
import datetime
import glob
import json
import os

WRITES = {"create", "update", "patch", "delete", "deletecollection"}
# Created, but only to ask a question; nothing is stored (JOSDK checks its permissions at start).
REVIEWS = {
    "selfsubjectrulesreviews",
    "selfsubjectaccessreviews",
    "selfsubjectreviews",
    "subjectaccessreviews",
    "localsubjectaccessreviews",
    "tokenreviews",
}


def is_write(event):
    """A request that changes stored state: a write verb, not a review, not a dry run."""
    ref = event.get("objectRef") or {}
    return (
        event.get("verb") in WRITES
        and ref.get("resource") not in REVIEWS
        and not dry_run(event)
    )


def files(path):
    """The log as the API server wrote it: the rotated parts (audit-<time>.log, oldest first, never
    changed again) and then the current file. Offsets count through all of them."""
    directory, name = os.path.split(path)
    stem, ext = os.path.splitext(name)
    rotated = sorted(glob.glob(os.path.join(directory, f"{stem}-*{ext}")))
    return rotated + [path]


def offset(path):
    return sum(os.path.getsize(f) for f in files(path) if os.path.exists(f))


def _read(path, start, end):
    chunks, position = [], 0
    for f in files(path):
        if not os.path.exists(f):
            continue
        size = os.path.getsize(f)
        lo, hi = max(start, position), size + position if end is None else min(end, position + size)
        if hi > lo:
            with open(f, "rb") as log:
                log.seek(lo - position)
                data = log.read(hi - lo)
            chunks.append(data[: data.rfind(b"\n") + 1])
        position += size
    return b"".join(chunks)


def events(path, start, end=None):
    """Audit events written between offsets start and end (complete lines only), across rotation."""
    for line in _read(path, start, end).splitlines():
        try:
            yield json.loads(line)
        except ValueError:
            continue


def about(event):
    """(resource[/subresource], name of the blueprint the write concerns or None)."""
    ref = event.get("objectRef") or {}
    resource = ref.get("resource", "?")
    if ref.get("subresource"):
        resource += "/" + ref["subresource"]
    name = ref.get("name")
    if ref.get("resource") == "events":
        involved = (event.get("requestObject") or {}).get("involvedObject") or {}
        name = involved.get("name")
    return resource, name


def dry_run(event):
    return "dryRun=" in (event.get("requestURI") or "")


def writes(path, start, end, users, dry_runs=None):
    """The writes of `users` (a set of usernames) in the slice, as a list of
    (user, verb, resource, name, code). Dry runs change nothing and are not writes; they are
    counted into dry_runs (a dict) when one is given. Lease renewals (leader election, every retry
    period whether or not anything happens) are not writes about blueprints and are left out."""
    out = []
    for e in events(path, start, end):
        if e.get("verb") not in WRITES or e.get("stage") != "ResponseComplete":
            continue
        if (e.get("objectRef") or {}).get("resource") in REVIEWS | {"leases"}:
            continue
        if dry_run(e):
            if dry_runs is not None and (e.get("user") or {}).get("username") in users:
                dry_runs["count"] = dry_runs.get("count", 0) + 1
            continue
        user = (e.get("user") or {}).get("username")
        if user not in users:
            continue
        resource, name = about(e)
        code = (e.get("responseStatus") or {}).get("code")
        out.append((user, e["verb"], resource, name, code))
    return out


def summarize(records, kinds):
    """Per blueprint kind: blueprints, writes, writes without events, and a per resource/verb
    breakdown. kinds: {blueprint name: kind}."""
    per_kind = collections.defaultdict(collections.Counter)
    other = collections.Counter()
    for _, verb, resource, name, _ in records:
        kind = kinds.get(name)
        key = f"{verb} {resource}"
        if kind:
            per_kind[kind][key] += 1
        else:
            other[key] += 1
    count = collections.Counter(kinds.values())
    result = {}
    for kind, n in count.items():
        breakdown = per_kind.get(kind, collections.Counter())
        total = sum(breakdown.values())
        events_ = sum(v for k, v in breakdown.items() if k.endswith(" events"))
        result[kind] = {
            "blueprints": n,
            "writes": total,
            "per_blueprint": round(total / n, 2),
            "per_blueprint_without_events": round((total - events_) / n, 2),
            "breakdown": {k: round(v / n, 2) for k, v in sorted(breakdown.items())},
        }
    return result, dict(other)


def _seconds(timestamp):
    return datetime.datetime.fromisoformat(timestamp.replace("Z", "+00:00")).timestamp()


def latencies(path, start, end, namespace):
    """How long the API server took to answer the writes in a namespace (received to response),
    per client (the user agent's program: kubectl, kube-controller-manager, kwok, and the operator's
    fabric8-kubernetes-client): {client: {"writes": n, "p50_ms": .., "p99_ms": ..}}. The same
    cluster answers the baseline's kubectl and the operator, so this shows the API server's share
    of a reconcile."""
    taken = collections.defaultdict(list)
    for e in events(path, start, end):
        ref = e.get("objectRef") or {}
        if ref.get("namespace") != namespace or not is_write(e) or e.get("stage") != "ResponseComplete":
            continue
        if ref.get("resource") == "events":
            continue
        client = (e.get("userAgent") or "?").split("/", 1)[0]
        taken[client].append(_seconds(e["stageTimestamp"]) - _seconds(e["requestReceivedTimestamp"]))
    out = {}
    for client, values in taken.items():
        values.sort()
        n = len(values)
        out[client] = {
            "writes": n,
            "p50_ms": round(values[n // 2] * 1000, 1),
            "p99_ms": round(values[min(n - 1, int(n * 0.99))] * 1000, 1),
        }
    return out


def first_status(path, start, end, namespace, users):
    """Time to first status: per blueprint in the namespace, from the write that created it (the
    first successful write of the blueprint itself, by anyone) to the first successful write of its
    status by `users` (the operator), both as the API server stored them (stageTimestamp). Until
    then kstatus reads the blueprint as Current (an object with no status), so this is how long a
    waiting tool can be misled. {"blueprints", "without_status", "p50_ms", "p99_ms", "max_ms"}."""
    created, first = {}, {}
    for e in events(path, start, end):
        ref = e.get("objectRef") or {}
        if ref.get("namespace") != namespace or ref.get("resource") != "podblueprints":
            continue
        if not is_write(e) or e.get("stage") != "ResponseComplete":
            continue
        if not 200 <= ((e.get("responseStatus") or {}).get("code") or 0) < 300:
            continue
        name, at = ref.get("name"), _seconds(e["stageTimestamp"])
        if not ref.get("subresource"):
            created.setdefault(name, at)
        elif ref.get("subresource") == "status" and (e.get("user") or {}).get("username") in users:
            first.setdefault(name, at)
    taken = sorted(first[n] - t for n, t in created.items() if n in first)
    n = len(taken)
    out = {"blueprints": len(created), "without_status": len(created) - n}
    if n:
        out.update(
            p50_ms=round(taken[n // 2] * 1000, 1),
            p99_ms=round(taken[min(n - 1, int(n * 0.99))] * 1000, 1),
            max_ms=round(taken[-1] * 1000, 1),
        )
    return out


def conflicts(path, start, end, users):
    """The 409s among the users' writes, per resource ("patch podblueprints/status": n), and how
    each ended: `handled` when the same user wrote the same object successfully afterwards,
    `unhandled` lists the others (resource, name, time)."""
    answered = []
    later_ok = collections.defaultdict(list)
    for e in events(path, start, end):
        if not is_write(e) or e.get("stage") != "ResponseComplete":
            continue
        if (e.get("user") or {}).get("username") not in users:
            continue
        ref = e.get("objectRef") or {}
        if ref.get("resource") in REVIEWS | {"leases", "events"}:
            continue
        resource, name = about(e)
        key = (ref.get("namespace"), resource, name)
        code = (e.get("responseStatus") or {}).get("code")
        t = e.get("requestReceivedTimestamp")
        if code == 409:
            answered.append((key, e["verb"], t))
        elif code is not None and 200 <= code < 300:
            later_ok[key].append(t)
    per = collections.Counter(f"{verb} {key[1]}" for key, verb, _ in answered)
    unhandled = [
        {"resource": key[1], "name": key[2], "at": t}
        for key, _, t in answered
        if not any(ok > t for ok in later_ok[key])
    ]
    return {"conflicts": len(answered), "per_write": dict(per), "handled": len(answered) - len(unhandled),
            "unhandled": unhandled[:10]}


def pod_deletions(path, start, end, namespace, operator):
    """Who removed and who created the pods of a namespace in the slice: KWOK's deletes (allowed,
    and refused by hack/perf/kwok-stale-delete.yaml as stale), other deletes, and the operator's
    pod creations per pod (server-side apply answered 201)."""
    out = {"kwok_deletes": 0, "kwok_stale_deletes_refused": 0, "other_deletes": 0}
    creates = collections.Counter()
    refused = collections.Counter()
    for e in events(path, start, end):
        ref = e.get("objectRef") or {}
        if e.get("stage") != "ResponseComplete" or ref.get("resource") != "pods" or ref.get("subresource"):
            continue
        if ref.get("namespace") != namespace or dry_run(e):
            continue
        user = (e.get("user") or {}).get("username")
        code = (e.get("responseStatus") or {}).get("code")
        verb = e.get("verb")
        if verb in ("delete", "deletecollection"):
            kwok = (e.get("userAgent") or "").startswith("kwok-controller")
            if kwok and code == 403:
                out["kwok_stale_deletes_refused"] += 1
                refused[ref.get("name")] += 1
            elif kwok:
                out["kwok_deletes"] += 1
            else:
                out["other_deletes"] += 1
        elif user == operator and verb in ("patch", "create") and code == 201:
            creates[ref.get("name")] += 1
    out["operator_pod_creates"] = sum(creates.values())
    out["pods_created_more_than_once"] = {n: c for n, c in creates.items() if c > 1}
    out["refused_per_pod_max"] = max(refused.values(), default=0)
    return out
