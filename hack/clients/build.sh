#!/usr/bin/env bash
# Builds the real client tools the tests ask for a verdict, from the Go module proxy, once per
# machine and pinned version, the way hack/controlplane/build.sh builds the control plane:
#   kstatus        sigs.k8s.io/cli-utils' kstatus (status.Compute and the status poller)
#   argocd-health  Argo CD's own health evaluation (util/lua and gitops-engine)
#   helm           Helm 4 (helm.sh/helm/v4/cmd/helm)
# Versions come from the go.mod files beside this script; each binary is cached under
# $PODBLUEPRINT_CACHE (default ~/.cache/podblueprint)/bin/<tool>-<version>-<source hash>/ and
# rebuilt only when its version or its wrapper module (go.mod, go.sum, our few lines of Go) changes. Prints a directory holding all three (symlinks) on stdout; everything else
# goes to stderr. The Makefile passes that directory to the tests as PODBLUEPRINT_CLIENTS.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${PODBLUEPRINT_CACHE:-$HOME/.cache/podblueprint}
export CGO_ENABLED=0 GOFLAGS=-mod=mod

log() { echo "clients: $*" >&2; }
modversion() { (cd "$here/$1" && go list -m -f '{{.Version}}' "$2"); }
sources() { (cd "$here/$1" && cat go.mod go.sum ./*.go | sha256sum | cut -c1-12); }

kstatus_version=$(modversion kstatus sigs.k8s.io/cli-utils)
argocd_version=$(modversion argocd github.com/argoproj/argo-cd/v3)
helm_version=$(modversion helm helm.sh/helm/v4)

build() { # build <module dir> <tool-version dir> <output name> <package> [ldflags]
  local out="$cache/bin/$2/$3"
  if [ -x "$out" ]; then return; fi
  mkdir -p "$(dirname "$out")"
  log "building $3 from $4 (first time on this machine; cached afterwards)"
  local start=$SECONDS
  (cd "$here/$1" && go build -trimpath -ldflags "-s -w ${5:-}" -o "$out.tmp" "$4")
  mv "$out.tmp" "$out"
  log "built $3 in $((SECONDS - start)) s"
}

kstatus_dir="kstatus-$kstatus_version-$(sources kstatus)"
argocd_dir="argocd-$argocd_version-$(sources argocd)"
helm_dir="helm-$helm_version-$(sources helm)"
build kstatus "$kstatus_dir" kstatus .
build argocd "$argocd_dir" argocd-health .
# Helm's own release build stamps the version and tree state (its Makefile's LDFLAGS).
helm_stamp="-X helm.sh/helm/v4/internal/version.version=$helm_version"
helm_stamp+=" -X helm.sh/helm/v4/internal/version.gitTreeState=clean"
build helm "$helm_dir" helm helm.sh/helm/v4/cmd/helm "$helm_stamp"

clients="$cache/clients/$kstatus_dir-$argocd_dir-$helm_dir"
mkdir -p "$clients"
ln -sfn "$cache/bin/$kstatus_dir/kstatus" "$clients/kstatus"
ln -sfn "$cache/bin/$argocd_dir/argocd-health" "$clients/argocd-health"
ln -sfn "$cache/bin/$helm_dir/helm" "$clients/helm"
echo "$clients"
