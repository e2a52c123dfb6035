#!/usr/bin/env bash
# Starts one real node on the local control plane (cluster-up.sh calls it when REAL_NODES=1):
# containerd + runc run the pods' containers, CNI bridge/host-local give them addresses on the
# bridge $NODE_BRIDGE, the kubelet registers the Node $NODE_NAME, kube-proxy programs Services.
# Idempotent: a node that is already up and Ready is kept.
#
# Everything stays on this machine: the kubelet listens on the bridge address (the API server must
# reach it) and 127.0.0.1, containerd on unix sockets and 127.0.0.1; pods get no default route; a
# mangle-table guard drops anything forwarded off the bridge; every image pull goes to a closed
# loopback port, so only the images imported here exist (hack/node/images.sh).
# Needs root on Linux with cgroups. Files: .cluster/node (configs, certificates, logs, pids),
# $NODE_ROOT and $NODE_RUN (runtime state). hack/node/down.sh removes all of it.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
source "$here/node.env"
dir="$repo/.cluster/node"
kubeconfig="$repo/.cluster/kubeconfig"
pki="$repo/.cluster/kwok/clusters/podblueprint/pki"
timeout=${CLUSTER_TIMEOUT:-180}
log() { echo "node: $*" >&2; }

if ! reason=$("$here/can-run.sh"); then log "cannot run a real node here: $reason"; exit 1; fi
owner=$(cat "$NODE_RUN/owner" 2>/dev/null || true)
if [ -n "$owner" ] && [ "$owner" != "$repo" ]; then
  log "this machine's real node belongs to $owner; run 'make cluster-down' there first"; exit 1
fi

bin=$("$here/build.sh")
cpbin=$(cat "$repo/.cluster/bin")
kubectl() { "$cpbin/kubectl" --kubeconfig="$kubeconfig" "$@"; }
alive() { [ -f "$dir/$1.pid" ] && kill -0 "$(cat "$dir/$1.pid")" 2>/dev/null; }
node_ready() {
  [ "$(kubectl get node "$NODE_NAME" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" = True ]
}
if alive kubelet && alive containerd && alive kube-proxy && alive apiforward && node_ready; then
  log "$NODE_NAME is up already"; exit 0
fi
"$here/down.sh" # a half-started node (or one of an earlier cluster): start from nothing

mkdir -p "$dir"/{logs,pki,cni,certs.d/_default} "$NODE_ROOT" "$NODE_RUN"
echo "$repo" >"$NODE_RUN/owner"
echo "$bin" >"$dir/bin"
for s in $NODE_SYSCTLS; do echo "$s=$(sysctl -n "$s")"; done >"$NODE_RUN/sysctls"
# Host paths the node creates although its directories are elsewhere: the kubelet's device plugin
# socket (a fixed path), the shims' sockets (/run/containerd/s), umount's utab (/run/mount).
for d in /var/lib/kubelet /run/containerd /run/mount /var/lib/cni /var/log/containers /var/log/pods; do
  [ -e "$d" ] || echo "$d"
done >"$NODE_RUN/created-paths"

start() { # start <name> <command...>: a detached process, its log and pid in .cluster/node
  local name=$1; shift
  ( # it outlives us: no open file beyond stdio (a caller's flock would be held forever)
    for fd in /proc/$BASHPID/fd/*; do fd=${fd##*/}; if ((fd > 2)); then eval "exec $fd>&-"; fi; done
    PATH="$bin:$PATH" exec setsid "$@" >"$dir/logs/$name.log" 2>&1 </dev/null
  ) &
  echo $! >"$dir/$name.pid"
}
until_ok() { # until_ok <what> <command...>
  local what=$1 deadline=$((SECONDS + timeout)); shift
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS > deadline)); then log "timed out waiting for $what; logs in $dir/logs"; return 1; fi
    sleep 0.5
  done
}

# --- network: the bridge, forwarding inside it, and the guard that keeps packets on the machine
ip link add "$NODE_BRIDGE" type bridge
ip addr add "$NODE_IP/${NODE_SUBNET#*/}" dev "$NODE_BRIDGE"
ip link set "$NODE_BRIDGE" up
sysctl -qw net.ipv4.ip_forward=1 # pod -> ClusterIP -> pod goes through the host
iptables -w -t mangle -N "$NODE_GUARD_CHAIN"
iptables -w -t mangle -A "$NODE_GUARD_CHAIN" -i "$NODE_BRIDGE" -d "$NODE_SUBNET" -j RETURN
iptables -w -t mangle -A "$NODE_GUARD_CHAIN" -i "$NODE_BRIDGE" -j DROP # pods reach only pods
iptables -w -t mangle -A "$NODE_GUARD_CHAIN" -o "$NODE_BRIDGE" -j DROP # nothing forwarded in
iptables -w -t mangle -I FORWARD 1 -j "$NODE_GUARD_CHAIN"
# a ClusterIP whose endpoint is not a pod here (a KWOK pod, the API server's eth0 endpoint)
iptables -w -t mangle -I POSTROUTING 1 -m conntrack --ctstate DNAT --ctorigdst "$SERVICE_CIDR" \
  ! -d "$NODE_SUBNET" -j DROP -m comment --comment "$NODE_GUARD_CHAIN"

cat >"$dir/cni/10-podblueprint.conflist" <<JSON
{
  "cniVersion": "1.0.0",
  "name": "podblueprint",
  "plugins": [
    {
      "type": "bridge", "bridge": "$NODE_BRIDGE", "isGateway": true, "ipMasq": false, "hairpinMode": true,
      "ipam": {
        "type": "host-local", "dataDir": "$NODE_ROOT/cni-ipam",
        "ranges": [[{"subnet": "$NODE_SUBNET", "gateway": "$NODE_IP"}]],
        "routes": [{"dst": "$NODE_SUBNET"}, {"dst": "$SERVICE_CIDR"}]
      }
    },
    {"type": "portmap", "capabilities": {"portMappings": true}}
  ]
}
JSON
# every registry is a closed loopback port: a missing image fails at once, nothing leaves the machine
printf 'server = "http://127.0.0.1:1"\n\n[host."http://127.0.0.1:1"]\n  capabilities = ["pull", "resolve"]\n' \
  >"$dir/certs.d/_default/hosts.toml"
echo "nameserver 127.0.0.1" >"$dir/resolv.conf" # pods never ask the host's resolver

# --- containerd
cat >"$dir/containerd.toml" <<TOML
version = 4
root = "$NODE_ROOT/containerd"
state = "$NODE_RUN/containerd"
disabled_plugins = ["io.containerd.nri.v1.nri", "io.containerd.internal.v1.opt",
  "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs",
  "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.blockfile",
  "io.containerd.snapshotter.v1.erofs", "io.containerd.tracing.processor.v1.otlp",
  "io.containerd.internal.v1.tracing"]

[plugins.'io.containerd.server.v1.grpc']
  address = "$NODE_RUN/containerd.sock"
[plugins.'io.containerd.server.v1.ttrpc']
  address = "$NODE_RUN/containerd.sock.ttrpc"

[plugins.'io.containerd.grpc.v1.cri']
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"

[plugins.'io.containerd.cri.v1.runtime']
  restrict_oom_score_adj = true        # no CAP_SYS_RESOURCE here: runc must not lower oom_score_adj
  netns_mounts_under_state_dir = true  # network namespaces under $NODE_RUN, not /run/netns
  [plugins.'io.containerd.cri.v1.runtime'.containerd]
    default_runtime_name = "runc"
    [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc.options]
        BinaryName = "$(command -v runc)"
        Root = "$NODE_RUN/runc"
        SystemdCgroup = false
  [plugins.'io.containerd.cri.v1.runtime'.cni]
    bin_dirs = ["$bin/cni"]
    conf_dir = "$dir/cni"
    max_conf_num = 1

[plugins.'io.containerd.cri.v1.images']
  snapshotter = "overlayfs"
  [plugins.'io.containerd.cri.v1.images'.pinned_images]
    sandbox = "$NODE_SANDBOX_IMAGE"
  [plugins.'io.containerd.cri.v1.images'.registry]
    config_path = "$dir/certs.d"
TOML
start containerd "$bin/containerd" --config "$dir/containerd.toml"
ctr() { "$bin/ctr" --address "$NODE_RUN/containerd.sock" --namespace k8s.io "$@"; }
until_ok "containerd" ctr version
for image in "$bin"/images/*.tar; do
  out=$(ctr images import --platform linux/amd64 "$image" 2>&1) || { echo "$out" >&2; exit 1; }
done

# --- credentials: client certificates signed by the cluster CA, and kubeconfigs
cert() { # cert <name> <subject>
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "$2" \
    -keyout "$dir/pki/$1.key" -out "$dir/pki/$1.csr" 2>/dev/null
  openssl x509 -req -in "$dir/pki/$1.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -set_serial "0x$(openssl rand -hex 8)" \
    -days 365 -out "$dir/pki/$1.crt" 2>/dev/null
}
server=$(kubectl config view --raw -o jsonpath='{.clusters[0].cluster.server}')
kubeconfig_for() { # kubeconfig_for <name> <user>
  local f="$dir/$1.kubeconfig"
  "$cpbin/kubectl" config --kubeconfig="$f" set-cluster local --server="$server" \
    --certificate-authority="$pki/ca.crt" --embed-certs >/dev/null
  "$cpbin/kubectl" config --kubeconfig="$f" set-credentials "$2" --client-certificate="$dir/pki/$1.crt" \
    --client-key="$dir/pki/$1.key" --embed-certs >/dev/null
  "$cpbin/kubectl" config --kubeconfig="$f" set-context local --cluster=local --user="$2" >/dev/null
  "$cpbin/kubectl" config --kubeconfig="$f" use-context local >/dev/null
}
cp "$pki/ca.crt" "$dir/pki/ca.crt"
cert kubelet "/O=system:nodes/CN=system:node:$NODE_NAME"  # Node authorizer and NodeRestriction apply
cert kube-proxy "/CN=system:kube-proxy"                     # bound to system:node-proxier
kubeconfig_for kubelet "system:node:$NODE_NAME"
kubeconfig_for kube-proxy system:kube-proxy

# --- kubelet
cat >"$dir/kubelet.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP                 # the API server reaches logs/exec here; nothing on eth0
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $dir/pki/ca.crt}
authorization: {mode: Webhook}
containerRuntimeEndpoint: unix://$NODE_RUN/containerd.sock
cgroupDriver: cgroupfs            # PID 1 is not systemd
failCgroupV1: false               # this machine has cgroup v1
failSwapOn: false
oomScoreAdj: 0                    # no CAP_SYS_RESOURCE: the kubelet cannot lower its own score
resolvConf: $dir/resolv.conf
clusterDomain: cluster.local
imageGCHighThresholdPercent: 100  # the images cannot be pulled again: never collect them
imageGCLowThresholdPercent: 99
evictionHard: {memory.available: 100Mi, nodefs.available: 1%, imagefs.available: 1%, nodefs.inodesFree: 1%}
registerWithTaints:
- {key: $NODE_TAINT, value: "true", effect: NoSchedule}
makeIPTablesUtilChains: false
volumePluginDir: $NODE_ROOT/kubelet-plugins
podLogsDir: $NODE_ROOT/pod-logs
serializeImagePulls: false
shutdownGracePeriod: 0s
YAML
start kubelet "$bin/kubelet" --config="$dir/kubelet.yaml" --kubeconfig="$dir/kubelet.kubeconfig" \
  --hostname-override="$NODE_NAME" --node-ip="$NODE_IP" --root-dir="$NODE_ROOT/kubelet" --cert-dir="$NODE_ROOT/kubelet/pki" --v=1

# --- kube-proxy: ClusterIPs reach ready pods; its host-wide settings are off
cat >"$dir/kube-proxy.yaml" <<YAML
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: {kubeconfig: $dir/kube-proxy.kubeconfig}
hostnameOverride: $NODE_NAME
mode: iptables
clusterCIDR: $NODE_SUBNET
metricsBindAddress: 127.0.0.1:10249
healthzBindAddress: 127.0.0.1:10256
nodePortAddresses: ["$NODE_IP/32"]
iptables: {localhostNodePorts: false}
conntrack: {maxPerCore: 0, min: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s}
YAML
start kube-proxy "$bin/kube-proxy" --config="$dir/kube-proxy.yaml"

# --- the API server for the node's pods: they reach the `kubernetes` Service (ClusterIP 10.0.0.1:443),
# kube-proxy sends them to its endpoint, the bridge address (kube-apiserver --advertise-address,
# hack/controlplane/kwokctl.yaml) and the API server's port, and apiforward relays that to the API
# server's loopback listener. TLS passes through: a pod checks the API server's certificate (its
# SANs hold 10.0.0.1) and authenticates with its ServiceAccount token.
api_port=${server##*:}
endpoint=$(kubectl get endpointslices -n default -l kubernetes.io/service-name=kubernetes \
  -o jsonpath='{.items[0].endpoints[0].addresses[0]}:{.items[0].ports[0].port}')
if [ "$endpoint" != "$NODE_IP:$api_port" ]; then
  log "the kubernetes Service's endpoint is $endpoint, not $NODE_IP:$api_port: pods cannot reach the API server"
  log "(the cluster predates hack/controlplane/kwokctl.yaml's advertise-address: make cluster-down, then cluster-up)"
fi
start apiforward "$bin/apiforward" -listen "$NODE_IP:$api_port" -to "127.0.0.1:$api_port"

until_ok "node $NODE_NAME Ready" node_ready
log "$NODE_NAME Ready: $(kubectl get node "$NODE_NAME" -o jsonpath='{.status.nodeInfo.containerRuntimeVersion}, kubelet {.status.nodeInfo.kubeletVersion}')"
