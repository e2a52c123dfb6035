"""Manifests for the benchmark and the chaos scenarios, rendered from templates.

The mix of blueprints: of every ten, eight are a Deployment (1 replica) with a Service, one is a
Job and one is a bare Pod. Names tell the kind: bp-dep-00001, bp-job-00009, bp-pod-00010.
"""

import json
import os

DEPLOYMENT = """\
---
apiVersion: podblueprint.io/v1alpha1
kind: PodBlueprint
metadata:
  name: {name}
spec:
  workload: Deployment
  replicas: 1
  template:
    metadata:
      labels:
        bench: podblueprint
    spec:
      containers:
      - name: web
        image: registry.k8s.io/e2e-test-images/agnhost:2.40
        args: ["netexec", "--http-port=8080"]
        ports:
        - name: http
          containerPort: 8080
        resources:
          requests: {{cpu: 10m, memory: 16Mi}}
  service:
    ports:
    - port: 80
      targetPort: 8080
"""

JOB = """\
---
apiVersion: podblueprint.io/v1alpha1
kind: PodBlueprint
metadata:
  name: {name}
spec:
  workload: Job
  job:
    backoffLimit: 1
  template:
    spec:
      containers:
      - name: work
        image: registry.k8s.io/e2e-test-images/agnhost:2.40
        args: ["pause"]
        resources:
          requests: {{cpu: 10m, memory: 16Mi}}
      restartPolicy: Never
"""

POD = """\
---
apiVersion: podblueprint.io/v1alpha1
kind: PodBlueprint
metadata:
  name: {name}
spec:
  workload: Pod
  template:
    spec:
      containers:
      - name: app
        image: registry.k8s.io/e2e-test-images/agnhost:2.40
        args: ["pause"]
        resources:
          requests: {{cpu: 10m, memory: 16Mi}}
"""

TEMPLATES = {"Deployment": DEPLOYMENT, "Job": JOB, "Pod": POD}


def kind_of(index):
    """Eight Deployments, then a Job, then a Pod, in every ten (index from 1)."""
    rest = (index - 1) % 10
    return "Deployment" if rest < 8 else ("Job" if rest == 8 else "Pod")


def name_of(index, prefix="bp"):
    return f"{prefix}-{kind_of(index)[:3].lower()}-{index:05d}"


def blueprints(count, directory, prefix="bp", files=1):
    """Writes `count` blueprints as YAML documents into `files` files in DIR/yaml/ and an index
    DIR/index.json ({name: kind}); returns the index."""
    os.makedirs(os.path.join(directory, "yaml"), exist_ok=True)
    index = {}
    outputs = [
        open(os.path.join(directory, "yaml", f"blueprints-{f:02d}.yaml"), "w") for f in range(files)
    ]
    try:
        for i in range(1, count + 1):
            kind = kind_of(i)
            name = name_of(i, prefix)
            index[name] = kind
            outputs[(i - 1) % files].write(TEMPLATES[kind].format(name=name))
    finally:
        for out in outputs:
            out.close()
    with open(os.path.join(directory, "index.json"), "w") as out:
        json.dump(index, out)
    return index


def unrelated(configmaps, pods, nodes, directory, chunks=4):
    """ConfigMaps and bare pods that carry no operator label, as JSON Lists in `chunks` files per
    kind. Pods are bound to nodes round robin (spec.nodeName), so the scheduler is not involved."""
    os.makedirs(directory, exist_ok=True)
    data = {"payload": "x" * 512}
    items = {
        "configmaps": [
            {
                "apiVersion": "v1",
                "kind": "ConfigMap",
                "metadata": {"name": f"unrelated-{i:05d}", "labels": {"app": "unrelated"}},
                "data": data,
            }
            for i in range(configmaps)
        ],
        "pods": [
            {
                "apiVersion": "v1",
                "kind": "Pod",
                "metadata": {"name": f"unrelated-{i:05d}", "labels": {"app": "unrelated"}},
                "spec": {
                    "nodeName": nodes[i % len(nodes)],
                    "containers": [{"name": "app", "image": "registry.k8s.io/pause:3.10"}],
                    "tolerations": [{"operator": "Exists"}],
                },
            }
            for i in range(pods)
        ],
    }
    files = []
    for kind, objects in items.items():
        for c in range(chunks):
            part = objects[c::chunks]
            if not part:
                continue
            path = os.path.join(directory, f"{kind}-{c}.json")
            with open(path, "w") as out:
                json.dump({"apiVersion": "v1", "kind": "List", "items": part}, out)
            files.append(path)
    return files
