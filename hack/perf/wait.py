"""Waits, by watching, until every expected object is in its final state.

Blueprints are final when status.observedGeneration and the final condition's observedGeneration
equal metadata.generation and the condition is True: Ready, or Complete for a Job. Children (the
baseline) are final when a Deployment is available with all its replicas updated, a Job is
Complete and a Pod is Ready.
"""

import threading
import time


def condition(obj, kind):
    for c in (obj.get("status") or {}).get("conditions") or []:
        if c.get("type") == kind:
            return c
    return None


def blueprint_done(bp):
    generation = bp["metadata"].get("generation")
    status = bp.get("status") or {}
    if status.get("observedGeneration") != generation:
        return False
    final = "Complete" if bp["spec"].get("workload") == "Job" else "Ready"
    c = condition(bp, final)
    return bool(c) and c.get("status") == "True" and c.get("observedGeneration") == generation


def blueprint_summary(bp):
    status = bp.get("status") or {}
    return f"phase={status.get('phase')} reason={status.get('reason')}"


def deployment_done(d):
    spec, status = d.get("spec") or {}, d.get("status") or {}
    replicas = spec.get("replicas", 1)
    available = condition(d, "Available")
    return (
        status.get("observedGeneration", 0) >= d["metadata"].get("generation", 0)
        and status.get("updatedReplicas", 0) == replicas
        and status.get("availableReplicas", 0) == replicas
        and status.get("replicas", 0) == replicas
        and bool(available)
        and available.get("status") == "True"
    )


def job_done(j):
    c = condition(j, "Complete")
    return bool(c) and c.get("status") == "True"


def pod_done(p):
    c = condition(p, "Ready")
    return p["metadata"].get("deletionTimestamp") is None and bool(c) and c.get("status") == "True"


def child_summary(obj):
    status = obj.get("status") or {}
    return f"{obj.get('kind')} phase={status.get('phase')} ready={status.get('readyReplicas')}"


class Tracker:
    """Watches one list URL and records, for each expected name, whether it is final."""

    def __init__(self, kubectl, path, names, done, summary):
        self.kubectl, self.path, self.names = kubectl, path, set(names)
        self.is_done, self.summary = done, summary
        self.state, self.seen, self.first_done, self.uids = {}, {}, {}, {}
        self.deleted_at = {}  # name -> when the watch saw the original object go
        self.lock = threading.Lock()
        self.started = threading.Event()

    def on_event(self, kind, obj):
        name = obj["metadata"]["name"]
        if name not in self.names:
            return
        uid = obj["metadata"].get("uid")
        with self.lock:
            if kind == "DELETED":
                # A late DELETED of the object a new one (same name) has replaced says nothing.
                if self.uids.get(name) in (None, uid):
                    self.state[name] = False
                    self.seen[name] = "deleted"
                    self.deleted_at.setdefault(name, time.monotonic())
                return
            self.uids[name] = uid
            final = self.is_done(obj)
            self.state[name] = final
            self.seen[name] = self.summary(obj)
            if final and name not in self.first_done:
                self.first_done[name] = time.monotonic()

    def on_reconnect(self):
        with self.lock:
            self.state.clear()
            self.uids.clear()

    def pending(self):
        with self.lock:
            return sorted(n for n in self.names if not self.state.get(n))

    def describe(self, name):
        with self.lock:
            return self.seen.get(name, "never seen")


def blueprint_trackers(kubectl, namespace, names):
    path = f"/apis/podblueprint.io/v1alpha1/namespaces/{namespace}/podblueprints"
    return [Tracker(kubectl, path, names, blueprint_done, blueprint_summary)]


def child_trackers(kubectl, namespace, children):
    """children: {kind: [names]} for Deployment, Job and Pod (other kinds need no waiting)."""
    kinds = {
        "Deployment": (f"/apis/apps/v1/namespaces/{namespace}/deployments", deployment_done),
        "Job": (f"/apis/batch/v1/namespaces/{namespace}/jobs", job_done),
        "Pod": (f"/api/v1/namespaces/{namespace}/pods", pod_done),
    }
    return [
        Tracker(kubectl, kinds[kind][0], names, kinds[kind][1], child_summary)
        for kind, names in children.items()
        if kind in kinds and names
    ]


class Waiter:
    def __init__(self, kubectl, trackers):
        self.kubectl, self.trackers = kubectl, trackers
        self.stop = threading.Event()
        self.threads = [
            threading.Thread(
                target=kubectl.watch,
                args=(t.path, t.on_event, self.stop, t.on_reconnect),
                daemon=True,
            )
            for t in trackers
        ]

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        time.sleep(1.0)  # let the watches connect before the caller starts the clock
        return self

    def __exit__(self, *exc):
        self.stop.set()

    def pending(self):
        return [name for t in self.trackers for name in t.pending()]

    def until_done(self, timeout, poll=0.2):
        """Seconds until nothing is pending (monotonic time), or None after the timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.pending():
                return time.monotonic()
            time.sleep(poll)
        return None

    def stragglers(self, limit=10):
        out = []
        for t in self.trackers:
            for name in t.pending()[:limit]:
                out.append(f"{name}: {t.describe(name)}")
        return out[:limit]

    def first_done_times(self):
        return [v for t in self.trackers for v in t.first_done.values()]
