#!/usr/bin/env bash
# Builds the operator's OCI image from target/quarkus-app with no container engine and no base
# image to pull (make image). Prints the archive's path and the image digest.
#
# The base is built here, from the JDK on this machine, and cached in
# $PODBLUEPRINT_CACHE (default ~/.cache/podblueprint)/image/base-<hash>/:
#   /opt/java     a jlink runtime with only the modules the operator uses (jdeps on
#                 target/quarkus-app, plus jdk.crypto.ec for TLS to the API server)
#   /lib, /usr/lib the shared libraries that runtime loads (the ldd closure, plus libgcc_s
#                 which glibc opens at thread exit), and the dynamic loader
#   /etc          passwd/group with the operator's user 1001 (group 0), nsswitch.conf
#   /tmp          1777; the Deployment mounts an emptyDir there (read-only root filesystem)
# No shell, no package manager. The image layers, lowest first: that base, then the fast-jar's
# lib/, quarkus-run.jar, app/ and quarkus/, as src/main/docker/Dockerfile.jvm had them.
# hack/image/main.go (go-containerregistry, built from the Go module proxy and cached like
# hack/clients/build.sh) writes them with fixed mtimes, sorted entries and owner 0:0, so the same
# inputs give the same digest.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cache=${PODBLUEPRINT_CACHE:-$HOME/.cache/podblueprint}
version=${VERSION:?VERSION (the project version) must be set}
app=$root/target/quarkus-app
out=$root/target/podblueprint-operator-$version.oci.tar
export CGO_ENABLED=0 GOFLAGS=-mod=mod

log() { echo "image: $*" >&2; }
[ -f "$app/quarkus-run.jar" ] || { log "no $app/quarkus-run.jar: run the build first"; exit 1; }

# 1. The assembler.
ggcr_version=$(cd "$here" && go list -m -f '{{.Version}}' github.com/google/go-containerregistry)
tool="$cache/bin/image-$ggcr_version-$(cd "$here" && cat go.mod go.sum ./*.go | sha256sum | cut -c1-12)/image"
if [ ! -x "$tool" ]; then
  log "building the image assembler (go-containerregistry $ggcr_version; cached afterwards)"
  mkdir -p "$(dirname "$tool")"
  (cd "$here" && go build -trimpath -ldflags "-s -w" -o "$tool.tmp" .)
  mv "$tool.tmp" "$tool"
fi

# 2. The base: a jlink runtime of this machine's JDK and what it needs to run.
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
[ -d "$java_home/jmods" ] || { log "$java_home has no jmods/: install a full JDK (Debian: openjdk-17-jdk-headless)"; exit 1; }
# What jdeps finds in target/quarkus-app (java.compiler and java.desktop: vert.x and
# commons-lang3 reference them), plus what only runtime use shows: jdk.crypto.ec (TLS key
# exchange with the API server), jdk.zipfs, jdk.naming.dns.
modules=java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http
modules+=,java.rmi,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.management,jdk.naming.dns
modules+=,jdk.unsupported,jdk.zipfs
base_key=$( { cat "$java_home/release"; echo "$modules"; sed -n '/^# base: begin/,/^# base: end/p' "$0"; } | sha256sum | cut -c1-12)
base=$cache/image/base-$base_key
# base: begin
if [ ! -d "$base/rootfs" ]; then
  log "building the base (jlink runtime of $java_home, its libraries, /etc, /tmp; cached afterwards)"
  rm -rf "$base.tmp" && mkdir -p "$base.tmp/rootfs"
  rootfs=$base.tmp/rootfs
  "$java_home/bin/jlink" --add-modules "$modules" --output "$rootfs/opt/java" \
    --strip-debug --no-header-files --no-man-pages --dedup-legal-notices=error-if-not-same-content
  # The JVM runs headless: the libraries of the desktop toolkit, sound and fonts (X11, ALSA,
  # freetype) go, so the base does not depend on what desktop packages this machine has.
  for so in libawt_xawt libjawt libsplashscreen libjsound libfontmanager liblcms libjavajpeg; do
    rm -f "$rootfs/opt/java/lib/$so.so"
  done
  # The ldd closure of the launcher and every library left in the runtime.
  libs=$( { find "$rootfs/opt/java" -name '*.so' -o -path '*/bin/java' | xargs ldd 2>/dev/null || true; } \
    | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' | sort -u)
  libgcc=$(ldconfig -p | awk '/libgcc_s.so.1 .*x86-64/ {print $NF; exit}')
  for lib in $libs $libgcc; do
    case $lib in "$rootfs"/*) continue ;; esac
    mkdir -p "$rootfs$(dirname "$lib")"
    cp -L "$lib" "$rootfs$lib"
  done
  # Mount points the runtime fills (runc would create them, but not on a read-only root).
  mkdir -p "$rootfs/etc" "$rootfs/tmp" "$rootfs/deployments" "$rootfs/proc" "$rootfs/sys" "$rootfs/dev"
  chmod 1777 "$rootfs/tmp"
  printf 'root:x:0:0:root:/root:/sbin/nologin\npodblueprint:x:1001:0:PodBlueprint operator:/tmp:/sbin/nologin\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\n' >"$rootfs/etc/group"
  printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$rootfs/etc/nsswitch.conf"
  mv "$base.tmp" "$base"
fi
# base: end

# 3. The image. The JVM options of the old Dockerfile's run-java.sh (heap from the container's
# memory limit, parallel GC tuned to give memory back, exit on OOM) and its JAVA_OPTS_APPEND, in
# JDK_JAVA_OPTIONS, which the java launcher reads itself: there is no shell in the image. To add
# options, set JAVA_TOOL_OPTIONS; to replace these, set JDK_JAVA_OPTIONS.
jvm="-XX:MaxRAMPercentage=80.0 -XX:+UseParallelGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20"
jvm+=" -XX:GCTimeRatio=4 -XX:AdaptiveSizePolicyWeight=90 -XX:+ExitOnOutOfMemoryError"
jvm+=" -Dquarkus.http.host=0.0.0.0 -Djava.util.logging.manager=org.jboss.logmanager.LogManager"
start=$SECONDS
digest=$("$tool" -tag "podblueprint-operator:$version" -out "$out" \
  -layer "$base/rootfs:/" \
  -layer "$app/lib:/deployments/lib" \
  -layer "$app/quarkus-run.jar:/deployments/quarkus-run.jar" \
  -layer "$app/app:/deployments/app" \
  -layer "$app/quarkus:/deployments/quarkus" \
  -user 1001:0 -workdir /deployments -expose 8080/tcp \
  -env PATH=/opt/java/bin:/usr/bin:/bin -env JAVA_HOME=/opt/java -env LANGUAGE=en_US:en \
  -env "JDK_JAVA_OPTIONS=$jvm" \
  -entrypoint '["/opt/java/bin/java","-jar","/deployments/quarkus-run.jar"]')
log "assembled in $((SECONDS - start)) s"
echo "image: podblueprint-operator:$version"
echo "archive: $out"
echo "digest: $digest"
