#!/usr/bin/env bash
# Tests the Argo CD health check k8s/argocd/podblueprint-health.lua under Lua 5.1 (the Lua Argo
# CD embeds, gopher-lua, implements 5.1) against k8s/argocd/testdata/*.yaml: each fixture is a
# PodBlueprint with the status the operator writes, and its expected health in a header comment
#   # health: Degraded
#   # message: <text the health message must contain>   (optional)
# Also checks that k8s/argocd/argocd-cm-patch.yaml carries the same script (hack/argocd-cm.sh).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if ! command -v lua5.1 >/dev/null; then
  echo "test-lua: installing Debian's lua5.1" >&2
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq && $sudo apt-get install -y -qq lua5.1 >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$repo/hack/argocd-cm.sh" --print >"$work/argocd-cm-patch.yaml"

python3 - "$repo" "$work" <<'PY'
import glob, json, os, re, sys

repo, work = sys.argv[1], sys.argv[2]
try:
    import yaml
except ImportError:
    sys.exit("test-lua: python3 needs PyYAML (Debian: python3-yaml) to read the fixtures")


class Loader(yaml.SafeLoader):
    """YAML as Argo CD sees it after a JSON round trip: timestamps stay strings."""


Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def lua(value):
    if value is None:
        return "nil"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        # JSON string escapes are valid Lua 5.1 escapes except \uXXXX and \/: spell those as bytes.
        out = []
        for byte in value.encode("utf-8"):
            ch = chr(byte)
            if ch in '"\\':
                out.append("\\" + ch)
            elif 32 <= byte < 127:
                out.append(ch)
            else:
                out.append("\\%d" % byte)
        return '"' + "".join(out) + '"'
    if isinstance(value, list):
        return "{" + ", ".join(lua(v) for v in value) + "}"
    if isinstance(value, dict):
        return "{" + ", ".join("[%s] = %s" % (lua(str(k)), lua(v)) for k, v in value.items()) + "}"
    raise TypeError("cannot express %r in Lua" % (value,))


fixtures = []
for path in sorted(glob.glob(os.path.join(repo, "k8s/argocd/testdata/*.yaml"))):
    with open(path) as f:
        text = f.read()
    headers = dict(re.findall(r"^# (health|message): ?(.*)$", text, re.M))
    name = os.path.relpath(path, repo)
    if "health" not in headers:
        sys.exit("test-lua: %s has no '# health: <status>' header" % name)
    fixture = {"name": name, "expected": headers["health"].strip(), "obj": yaml.load(text, Loader=Loader)}
    if headers.get("message", "").strip():
        fixture["message"] = headers["message"].strip()
    fixtures.append(fixture)
if not fixtures:
    sys.exit("test-lua: no fixtures in k8s/argocd/testdata")

key = "resource.customizations.health.podblueprint.io_PodBlueprint"
committed = os.path.join(repo, "k8s/argocd/argocd-cm-patch.yaml")
with open(committed) as f:
    script = (yaml.safe_load(f).get("data") or {}).get(key, "")
with open(os.path.join(work, "cm-script.lua"), "w") as f:
    f.write(script)

same = [
    {"name": "k8s/argocd/argocd-cm-patch.yaml is what hack/argocd-cm.sh generates",
     "got": committed, "want": os.path.join(work, "argocd-cm-patch.yaml")},
    {"name": "k8s/argocd/argocd-cm-patch.yaml data." + key + " is podblueprint-health.lua",
     "got": os.path.join(work, "cm-script.lua"),
     "want": os.path.join(repo, "k8s/argocd/podblueprint-health.lua")},
]
with open(os.path.join(work, "manifest.lua"), "w") as f:
    f.write("return " + lua({"same": same, "fixtures": fixtures}) + "\n")
PY

cd "$repo"
lua5.1 hack/argocd/run-health.lua k8s/argocd/podblueprint-health.lua "$work/manifest.lua"
