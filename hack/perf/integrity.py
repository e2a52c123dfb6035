"""After a fault: is every blueprint final, with exactly its children, and nothing orphaned?

- final: Ready (Complete for a Job) at the blueprint's generation (wait.blueprint_done);
- missing: a blueprint without its workload, or a Deployment blueprint without its Service;
- duplicates: more than one object of a kind controlled by one blueprint, more than one
  ReplicaSet under its Deployment (a rollout nobody asked for), or more live pods than replicas;
- orphans: an object with the operator's label whose controlling PodBlueprint does not exist,
  or that has no controller at all.
"""

import collections

import wait

SELECTOR = "app.kubernetes.io/managed-by=podblueprint-operator"
KINDS = ("deployments", "services", "jobs", "pods", "replicasets")


def controller(obj):
    for ref in obj["metadata"].get("ownerReferences") or []:
        if ref.get("controller"):
            return ref
    return None


def check(kubectl, namespace, limit=10):
    blueprints = kubectl.json("get", "podblueprints", "-n", namespace)["items"]
    by_uid = {bp["metadata"]["uid"]: bp for bp in blueprints}
    objects = {
        kind: kubectl.json("get", kind, "-n", namespace, "-l", SELECTOR)["items"] for kind in KINDS
    }
    owned = collections.defaultdict(collections.Counter)  # blueprint name -> kind -> count
    orphans = []
    for kind in ("deployments", "services", "jobs", "pods"):
        for obj in objects[kind]:
            ref = controller(obj)
            name = f"{kind}/{obj['metadata']['name']}"
            if ref is None:
                orphans.append(f"{name} has no controller")
            elif ref.get("kind") == "PodBlueprint":
                if ref.get("uid") not in by_uid:
                    orphans.append(f"{name} is controlled by a PodBlueprint that does not exist")
                elif obj["metadata"].get("deletionTimestamp") is None:
                    owned[by_uid[ref["uid"]]["metadata"]["name"]][kind] += 1
    # Deployment -> ReplicaSets -> live pods
    deployment_uids = {d["metadata"]["uid"]: d["metadata"]["name"] for d in objects["deployments"]}
    replicasets = collections.Counter()
    rs_owner = {}
    for rs in objects["replicasets"]:
        ref = controller(rs)
        if ref and ref.get("uid") in deployment_uids:
            replicasets[deployment_uids[ref["uid"]]] += 1
            rs_owner[rs["metadata"]["uid"]] = deployment_uids[ref["uid"]]
    live_pods = collections.Counter()
    for pod in objects["pods"]:
        ref = controller(pod)
        if ref and ref.get("uid") in rs_owner and pod["metadata"].get("deletionTimestamp") is None:
            live_pods[rs_owner[ref["uid"]]] += 1

    not_final, missing, duplicates = [], [], []
    for bp in blueprints:
        name = bp["metadata"]["name"]
        workload = bp["spec"].get("workload", "Deployment")
        if not wait.blueprint_done(bp):
            not_final.append(f"{name}: {wait.blueprint_summary(bp)}")
        expected = {"Deployment": "deployments", "Job": "jobs", "Pod": "pods", "CronJob": "cronjobs"}
        kinds = [expected[workload]] + (["services"] if bp["spec"].get("service") else [])
        for kind in kinds:
            n = owned[name][kind]
            if n == 0:
                missing.append(f"{name}: no {kind[:-1]}")
            elif n > 1:
                duplicates.append(f"{name}: {n} {kind}")
        if workload == "Deployment":
            replicas = bp["spec"].get("replicas", 1)
            if replicasets[name] > 1:
                duplicates.append(f"{name}: {replicasets[name]} ReplicaSets")
            if live_pods[name] > replicas:
                duplicates.append(f"{name}: {live_pods[name]} pods for {replicas} replicas")
    ok = not (not_final or missing or duplicates or orphans)
    return {
        "ok": ok,
        "blueprints": len(blueprints),
        "not_final": len(not_final),
        "missing": len(missing),
        "duplicates": len(duplicates),
        "orphans": len(orphans),
        "examples": (not_final + missing + duplicates + orphans)[:limit],
    }
