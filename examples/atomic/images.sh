#!/usr/bin/env bash
# Makes the images of the atomic example on the engine `docker` talks to, unless they are there already;
# nothing is pulled. Both are Debian's static busybox in an otherwise empty image (scripts/busybox-rootfs.sh), like
# slipway-example/busybox:1, imported from a tar stream:
#   slipway-example/agent:1        + a docker CLI (this machine's), the only thing an agent image needs
#   slipway-example/atomic-hello:1 + atomic labels: INSTALL, RUN and UNINSTALL
# Usage: bash examples/atomic/images.sh   (REBUILD=1 to make them again)
set -euo pipefail

AGENT=slipway-example/agent:1
HELLO=slipway-example/atomic-hello:1
BUSYBOX=/bin/busybox
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

log() { echo "atomic-example: $*" >&2; }
have() { [[ "${REBUILD:-0}" != 1 ]] && docker image inspect "$1" >/dev/null 2>&1; }

# An engine (started if none answers), busybox-static and slipway-example/busybox:1; a no-op where all are there.
bash "$here/../../scripts/docker-engine.sh"
if have "$AGENT" && have "$HELLO"; then
  exit 0
fi

# The busybox root file system of every Slipway image (scripts/busybox-rootfs.sh).
rootfs() {
  bash "$here/../../scripts/busybox-rootfs.sh" "$1" "$BUSYBOX"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The agent: busybox + a docker CLI on PATH. A statically linked CLI is copied as it is; a dynamically
# linked one (Debian's docker.io) comes with the libraries ldd names, at their paths.
cli=$(command -v docker)
rootfs "$work/agent"
mkdir -p "$work/agent/usr/local/bin"
cp "$(readlink -f "$cli")" "$work/agent/usr/local/bin/docker"
for lib in $(ldd "$cli" 2>/dev/null | grep -o '/[^ ]*' || true); do
  mkdir -p "$work/agent$(dirname "$lib")"
  cp "$(readlink -f "$lib")" "$work/agent$lib"
done
tar -C "$work/agent" -c . | docker import --change 'CMD ["sh"]' --change 'ENV PATH=/usr/local/bin:/bin' - "$AGENT" >/dev/null
log "made $AGENT (docker CLI from $cli)"

# An image with atomic labels ('$' escaped: docker import reads the labels as Dockerfile instructions).
rootfs "$work/hello"
tar -C "$work/hello" -c . | docker import --change 'CMD ["sh"]' --change 'ENV PATH=/bin' \
  --change 'LABEL INSTALL="docker run --rm IMAGE echo installing NAME from \${IMAGE}"' \
  --change "LABEL RUN=\"docker run -d --init --name NAME -e GREETING -p 127.0.0.1:18081:8080 IMAGE sh -c 'mkdir -p /tmp/www && env | sed -n s/^GREETING=//p > /tmp/www/index.html && exec httpd -f -p 8080 -h /tmp/www'\"" \
  --change 'LABEL UNINSTALL="docker run --rm IMAGE echo uninstalled \$NAME"' \
  - "$HELLO" >/dev/null
log "made $HELLO"
