#!/usr/bin/env bash
# Builds the real node's images as docker-archive tarballs in <bin>/images (hack/node/build.sh calls
# it; hack/node/up.sh imports them into containerd). No registry, no Docker: each image is one
# reproducible layer written by <bin>/imagebuild from a root file system assembled here.
#   registry.k8s.io/pause:3.10.1          the sandbox image: pause.c of the pinned Kubernetes module
#   docker.io/library/busybox:1.36         Debian's static busybox (1.35, the newest Debian ships)
#                                           with its applet links, /etc/passwd, a 1777 /tmp and
#                                           /usr/share (the lifecycle sample's hooks write there)
#   registry.k8s.io/e2e-test-images/agnhost:2.53 (and :<VERSION of the pinned source>)
#                                           busybox plus /agnhost built from k8s.io/kubernetes/test/
#                                           images/agnhost of the pinned Kubernetes version;
#                                           entrypoint /agnhost as upstream
# Every other image fails to pull on the node (see up.sh: no registry is reachable).
# Usage: images.sh <bin>. Rebuilds only when this script, busybox or the binaries in <bin> change.
set -euo pipefail

bin=$1
out="$bin/images"
here=$(cd "$(dirname "$0")" && pwd)
cp_dir=$(cd "$here/../controlplane" && pwd)
busybox_version=$(dpkg-query -W -f '${Version}' busybox-static)
agnhost_version=$(cat "$(cd "$cp_dir/k8s" && GOFLAGS=-mod=mod go list -m -f '{{.Dir}}' k8s.io/kubernetes)/test/images/agnhost/VERSION")
stamp="busybox-static $busybox_version; agnhost $agnhost_version; $(sha256sum "$0" "$bin/agnhost" "$bin/pause" "$bin/imagebuild" | cut -c1-64 | tr '\n' ' ')"
if [ "$(cat "$out/stamp" 2>/dev/null)" = "$stamp" ]; then exit 0; fi

echo "node: building images (busybox-static $busybox_version, agnhost $agnhost_version)" >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
path=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

busybox_rootfs() { # busybox_rootfs <dir>
  local root=$1 applet
  mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,usr/share,etc,root,home,var,tmp}
  chmod 1777 "$root/tmp"
  chmod 700 "$root/root"
  cp /bin/busybox "$root/bin/busybox"
  chmod 755 "$root/bin/busybox"
  for applet in $(/bin/busybox --list-full); do
    [ -e "$root/$applet" ] || ln -s /bin/busybox "$root/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\n' >"$root/etc/group"
  chmod 644 "$root/etc/passwd" "$root/etc/group"
}

mkdir -p "$work/pause"
install -m 755 "$bin/pause" "$work/pause/pause"
"$bin/imagebuild" -rootfs "$work/pause" -out "$out/pause.tar" -tag registry.k8s.io/pause:3.10.1 \
  -entrypoint '["/pause"]' -user 65535:65535

busybox_rootfs "$work/busybox"
"$bin/imagebuild" -rootfs "$work/busybox" -out "$out/busybox.tar" -tag docker.io/library/busybox:1.36 \
  -env "$path" -cmd '["sh"]'

busybox_rootfs "$work/agnhost"
install -m 755 "$bin/agnhost" "$work/agnhost/agnhost"
"$bin/imagebuild" -rootfs "$work/agnhost" -out "$out/agnhost.tar" \
  -tag registry.k8s.io/e2e-test-images/agnhost:2.53 \
  -tag "registry.k8s.io/e2e-test-images/agnhost:$agnhost_version" \
  -env "$path" -entrypoint '["/agnhost"]' -cmd '["pause"]'

echo "$stamp" >"$out/stamp"
