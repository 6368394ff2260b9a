#!/usr/bin/env bash
# Makes the image the examples use, slipway-example/busybox:1, on the engine `docker` talks to, unless it
# is there already. No registry is needed: it is Debian's static busybox in an otherwise empty image
# (scripts/busybox-rootfs.sh, the root file system the tests' image has too), imported from a tar stream.
# Called by scripts/docker-engine.sh whenever an engine answers.
set -euo pipefail

IMAGE=slipway-example/busybox:1

LOG_TAG=example-image
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  exit 0
fi
# The dynamically linked busybox (package busybox) cannot run in an empty image; busybox-static can.
if ! dpkg -s busybox-static >/dev/null 2>&1; then
  log "installing busybox-static"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends busybox-static >/dev/null 2>&1 \
    || { apt-get update >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends busybox-static >/dev/null; }
fi

import_busybox_image "$IMAGE" "" docker
log "made $IMAGE"
