#!/usr/bin/env bash
# Shared steps of the engine scripts (docker-engine.sh, podman-engine.sh), sourced, never run. Each script sets
# LOG_TAG (its name in messages) and APT_LOG before sourcing.

log() { echo "${LOG_TAG:-slipway}: $*" >&2; }

# need_root SCRIPT ARGS...: returns when this shell is root; otherwise re-runs SCRIPT under sudo, or fails saying
# what the script needed root for ($WHY_ROOT).
need_root() {
  if [[ $(id -u) -eq 0 ]]; then
    return 0
  fi
  if command -v sudo >/dev/null 2>&1; then
    log "not root; re-running with sudo"
    exec sudo -E bash "$@"
  fi
  log "${WHY_ROOT:-this script needs root}"
  exit 1
}

# install_missing PACKAGE...: apt-installs the Debian packages that are not installed yet; apt's chatter goes to
# $APT_LOG and is shown only when it fails. Returns 0 when something was installed, 1 when nothing was missing.
install_missing() {
  local p missing=() temp_policy=""
  for p in "$@"; do
    if ! dpkg -s "$p" >/dev/null 2>&1; then missing+=("$p"); fi
  done
  if ((${#missing[@]} == 0)); then
    return 1
  fi
  log "installing: ${missing[*]}"
  # Keep the packages' own maintainer scripts from starting a daemon with default settings before the script has
  # configured it (Debian's policy-rc.d convention, honoured by invoke-rc.d and deb-systemd-invoke). Only if the
  # machine has no policy of its own, and removed again afterwards.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    temp_policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' >"$temp_policy"
    chmod 755 "$temp_policy"
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update && apt-get install -y --no-install-recommends "${missing[@]}"; } >>"$APT_LOG" 2>&1; then
    [[ -n $temp_policy ]] && rm -f "$temp_policy"
    log "package installation failed; last lines of $APT_LOG:"
    tail -n 30 "$APT_LOG" >&2
    exit 1
  fi
  [[ -n $temp_policy ]] && rm -f "$temp_policy"
  return 0
}

# import_busybox_image IMAGE LABEL CLI...: imports the busybox root file system (busybox-rootfs.sh) as IMAGE through the
# image CLI given (e.g. `docker`, or `podman --url URL`): CMD ["sh"], PATH=/bin, and LABEL (k=v) unless it is empty.
import_busybox_image() {
  local image=$1 label=$2 root
  shift 2
  local changes=(--change 'CMD ["sh"]' --change 'ENV PATH=/bin')
  [[ -n $label ]] && changes+=(--change "LABEL $label")
  root=$(mktemp -d)
  bash "$(dirname "${BASH_SOURCE[0]}")/busybox-rootfs.sh" "$root" /bin/busybox
  tar -C "$root" -c . | "$@" import "${changes[@]}" - "$image" >/dev/null
  rm -rf "$root"
}
