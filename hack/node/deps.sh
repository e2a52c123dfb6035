#!/usr/bin/env bash
# Installs the Debian packages a real node needs, when they are missing: runc (the OCI runtime
# containerd calls), busybox-static (the busybox image and the agnhost image's base), iptables
# (kube-proxy and the node's egress guard) and conntrack (kube-proxy). Needs root and apt-get.
set -euo pipefail

need=()
command -v runc >/dev/null || need+=(runc)
[ -x /bin/busybox ] || need+=(busybox-static)
command -v iptables >/dev/null || need+=(iptables)
command -v conntrack >/dev/null || need+=(conntrack)
[ ${#need[@]} -eq 0 ] && exit 0

echo "node: installing ${need[*]} with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
