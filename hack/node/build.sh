#!/usr/bin/env bash
# Builds the real node once per machine and pinned version, like hack/controlplane/build.sh:
#   - kubelet, kube-proxy and agnhost from the control plane's wrapper module (same Kubernetes
#     version and version stamp as the API server);
#   - containerd, ctr and containerd-shim-runc-v2 from hack/node/containerd/go.mod;
#   - the CNI plugins bridge, host-local, loopback and portmap from hack/node/cni/go.mod;
#   - the pause binary from the Kubernetes module's build/pause/linux/pause.c (static, gcc);
#   - the node's images (hack/node/images.sh) as docker-archive tarballs;
#   - apiforward (hack/node/apiforward), which lets the node's pods reach the API server.
# runc, busybox and iptables come from Debian (hack/node/deps.sh installs them when missing).
# Binaries are cached under $PODBLUEPRINT_CACHE (default ~/.cache/podblueprint) in a directory named
# after every pinned version, and rebuilt only when a version changes. Prints that directory.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cp_dir=$(cd "$here/../controlplane" && pwd)
cache=${PODBLUEPRINT_CACHE:-$HOME/.cache/podblueprint}
export CGO_ENABLED=0 GOFLAGS=-mod=mod

"$here/deps.sh"

modversion() { (cd "$1" && go list -m -f '{{.Version}}' "$2"); }
k8s_version=$(modversion "$cp_dir/k8s" k8s.io/kubernetes)
containerd_version=$(modversion "$here/containerd" github.com/containerd/containerd/v2)
cni_version=$(modversion "$here/cni" github.com/containernetworking/plugins)
bin="$cache/bin/node-k8s-$k8s_version-containerd-$containerd_version-cni-$cni_version"
mkdir -p "$bin/cni"

log() { echo "node: $*" >&2; }

build() { # build <module dir> <output path under $bin> <package> [tags] [ldflags]
  local out="$bin/$2"
  if [ -x "$out" ]; then return; fi
  log "building $2 from $3 (first time on this machine; cached afterwards)"
  (cd "$1" && go build -trimpath -tags "${4:-}" -ldflags "-s -w ${5:-}" -o "$out.tmp" "$3")
  mv "$out.tmp" "$out"
}

minor=${k8s_version#v1.}
minor=${minor%%.*}
stamp=""
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  stamp+=" -X $pkg.gitVersion=$k8s_version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
  stamp+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
done
for cmd in kubelet kube-proxy; do
  build "$cp_dir/k8s" "$cmd" "k8s.io/kubernetes/cmd/$cmd" selinux,notest "$stamp"
done
build "$cp_dir/k8s" agnhost k8s.io/kubernetes/test/images/agnhost "" ""

pkg=github.com/containerd/containerd/v2
cstamp="-X $pkg/version.Version=$containerd_version -X $pkg/version.Package=$pkg"
for cmd in containerd ctr containerd-shim-runc-v2; do
  build "$here/containerd" "$cmd" "$pkg/cmd/$cmd" "no_btrfs osusergo netgo static_build" "$cstamp"
done

for p in main/bridge ipam/host-local main/loopback meta/portmap; do
  build "$here/cni" "cni/${p#*/}" "github.com/containernetworking/plugins/plugins/$p"
done

build "$here/imagebuild" imagebuild podblueprint.io/hack/node/imagebuild
build "$here/apiforward" apiforward podblueprint.io/hack/node/apiforward

if [ ! -x "$bin/pause" ]; then
  src=$(cd "$cp_dir/k8s" && go list -m -f '{{.Dir}}' k8s.io/kubernetes)/build/pause/linux/pause.c
  log "building pause from $src"
  gcc -Os -Wall -Werror -static -DVERSION="$k8s_version" -o "$bin/pause.tmp" "$src"
  strip "$bin/pause.tmp"
  mv "$bin/pause.tmp" "$bin/pause"
fi

"$here/images.sh" "$bin" >&2
echo "$bin"
