#!/usr/bin/env bash
# Builds the local control plane from the Go module proxy, once per machine and pinned version:
# etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kubectl, kwok and kwokctl.
# Versions come from the go.mod files beside this script; binaries are cached under
# $PODBLUEPRINT_CACHE (default ~/.cache/podblueprint) and rebuilt only when a version changes.
# Prints the directory holding the binaries on stdout (everything else goes to stderr).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${PODBLUEPRINT_CACHE:-$HOME/.cache/podblueprint}
export CGO_ENABLED=0 GOFLAGS=-mod=mod

modversion() { (cd "$here/$1" && go list -m -f '{{.Version}}' "$2"); }

k8s_version=$(modversion k8s k8s.io/kubernetes)
etcd_version=$(modversion etcd go.etcd.io/etcd/server/v3)
kwok_version=$(modversion kwok sigs.k8s.io/kwok)
bin="$cache/bin/k8s-$k8s_version-etcd-$etcd_version-kwok-$kwok_version"
mkdir -p "$bin"

log() { echo "control-plane: $*" >&2; }

build() { # build <module dir> <output name> <package> [ldflags]
  local out="$bin/$2"
  if [ -x "$out" ]; then return; fi
  log "building $2 from $3 (first time on this machine; cached afterwards)"
  (cd "$here/$1" && go build -trimpath -tags selinux,notest -ldflags "-s -w ${4:-}" -o "$out.tmp" "$3")
  mv "$out.tmp" "$out"
}

minor=${k8s_version#v1.}
minor=${minor%%.*}
stamp=""
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  stamp+=" -X $pkg.gitVersion=$k8s_version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
  stamp+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
done

build etcd etcd go.etcd.io/etcd/server/v3
for cmd in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
  build k8s "$cmd" "k8s.io/kubernetes/cmd/$cmd" "$stamp"
done
kwok_stamp="-X sigs.k8s.io/kwok/pkg/consts.Version=${kwok_version#v} -X sigs.k8s.io/kwok/pkg/consts.KubeVersion=${k8s_version#v}"
build kwok kwok sigs.k8s.io/kwok/cmd/kwok "$kwok_stamp"
build kwok kwokctl sigs.k8s.io/kwok/cmd/kwokctl "$kwok_stamp"

# Layout that fabric8's kube-api-test expects in offline mode: k8s/<numeric version>-linux-amd64/.
apitest="$cache/kubeapitest/k8s/${k8s_version#v}-linux-amd64"
mkdir -p "$apitest"
for b in etcd kube-apiserver kubectl; do ln -sfn "$bin/$b" "$apitest/$b"; done

echo "$bin"
