#!/usr/bin/env python3
"""Extracts field descriptions of the Kubernetes PodTemplateSpec closure from the pinned
Kubernetes release's OpenAPI (swagger.json in the k8s.io/kubernetes module the control-plane
build downloads), trimmed to their first sentence so the CRD stays under kubectl's 256 KiB
client-side-apply limit. The build's CRD post-processor (io.podblueprint.crd) puts them on
spec.template so `kubectl explain podblueprint.spec.template.spec.containers` teaches the user.

Usage: hack/gen-pod-descriptions.py > src/main/resources/podblueprint/pod-template-fields.json
"""
import json, os, re, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
moddir = subprocess.check_output(
    ["go", "list", "-m", "-f", "{{.Dir}}", "k8s.io/kubernetes"],
    cwd=os.path.join(here, "controlplane", "k8s"), text=True).strip()
defs = json.load(open(os.path.join(moddir, "api", "openapi-spec", "swagger.json")))["definitions"]

def first_sentence(text):
    text = re.sub(r"\s+", " ", text or "").strip()
    text = re.sub(r" ?More info: \S+", "", text)
    m = re.match(r"(.+?[.])( [A-Z(]|$)", text)
    s = m.group(1) if m else text
    return s if len(s) <= 240 else s[:237].rstrip() + "..."

def ref_of(prop):
    for p in (prop, prop.get("items") or {}, prop.get("additionalProperties") or {}):
        if isinstance(p, dict) and "$ref" in p:
            return p["$ref"].split("/")[-1]
    return None

roots = ["io.k8s.api.core.v1.PodTemplateSpec", "io.k8s.apimachinery.pkg.apis.meta.v1.Condition"]
out, todo = {}, list(roots)
while todo:
    name = todo.pop()
    if name in out:
        continue
    d = defs[name]
    fields = {}
    for field, prop in sorted((d.get("properties") or {}).items()):
        ref = ref_of(prop)
        fields[field] = {"description": first_sentence(prop.get("description"))}
        if ref:
            fields[field]["type"] = ref
            todo.append(ref)
    out[name] = {"description": first_sentence(d.get("description")), "fields": fields}

json.dump({"types": out}, sys.stdout,
          indent=1, sort_keys=True)
print()
