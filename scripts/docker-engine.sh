#!/usr/bin/env bash
# Makes a Docker engine available on a fresh Debian machine, for Slipway's tests and CI.
#
#  * If `docker info` already answers, this is a no-op: we never reconfigure, restart or otherwise touch
#    an engine somebody else runs.
#  * Otherwise: install what is missing (docker.io, docker-compose, busybox-static for the locally built
#    test image, jq to merge daemon.json, openssh-server/-client for the ssh:// engine tests, which start their
#    own sshd), then start dockerd in the background and wait until it answers.
#  * Sandbox adaptation: some sandboxes run with a capability bounding set smaller than the kernel's full
#    set. A `--privileged` container asks runc for *every* capability, and runc then fails with
#    "unable to apply caps". Slipway keeps real `--privileged` (production engines have the full set), so
#    only the engine started here is adapted: it gets a default OCI runtime that is a thin shim around runc,
#    dropping exactly the capabilities this machine cannot grant anyway.
#
# Usage: scripts/docker-engine.sh   (as root, or with sudo available)
set -euo pipefail

DOCKERD_LOG=/var/log/slipway-dockerd.log
APT_LOG=/var/log/slipway-apt.log
DAEMON_JSON=/etc/docker/daemon.json
SHIM=/usr/local/libexec/slipway/runc-shim
RUNTIME_NAME=slipway-runc
WAIT_SECONDS=60
PACKAGES=(docker.io docker-compose busybox-static jq openssh-server openssh-client)

LOG_TAG=docker-engine
WHY_ROOT="no engine answers and this script needs root (to install packages and start dockerd)"
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Once an engine answers: make sure the examples' locally built image exists (nothing can be pulled).
ready() {
  bash "$(dirname "${BASH_SOURCE[0]}")/example-image.sh"
  exit 0
}

engine_answers() {
  # `timeout` so that a wedged socket cannot hang CI; no output either way.
  command -v docker >/dev/null 2>&1 && timeout 15 docker info >/dev/null 2>&1
}

# --- 0. Fast path: an engine already answers -> touch nothing. -------------------------------------------
if engine_answers; then
  log "an engine already answers 'docker info'; leaving it as it is"
  ready
fi

# Everything below installs packages, writes /etc and starts a daemon: that needs root.
need_root "$0" "$@"

# --- 1. Install what is missing. ---------------------------------------------------------------------------
if install_missing "${PACKAGES[@]}"; then
  # An init system may still have started an engine (e.g. socket activation): then it is not ours to change.
  if engine_answers; then
    log "an engine answers after installation; leaving its configuration alone"
    ready
  fi
else
  log "packages already installed: ${PACKAGES[*]}"
fi

# --- 2. Sandbox adaptation: capabilities this machine cannot grant. --------------------------------------
# Kernel capability numbers -> names (include/uapi/linux/capability.h). Docker's --privileged asks for
# every capability up to /proc/sys/kernel/cap_last_cap, so those are the ones we compare against.
CAP_NAMES=(CHOWN DAC_OVERRIDE DAC_READ_SEARCH FOWNER FSETID KILL SETGID SETUID SETPCAP LINUX_IMMUTABLE
  NET_BIND_SERVICE NET_BROADCAST NET_ADMIN NET_RAW IPC_LOCK IPC_OWNER SYS_MODULE SYS_RAWIO SYS_CHROOT
  SYS_PTRACE SYS_PACCT SYS_ADMIN SYS_BOOT SYS_NICE SYS_RESOURCE SYS_TIME SYS_TTY_CONFIG MKNOD LEASE
  AUDIT_WRITE AUDIT_CONTROL SETFCAP MAC_OVERRIDE MAC_ADMIN SYSLOG WAKE_ALARM BLOCK_SUSPEND AUDIT_READ
  PERFMON BPF CHECKPOINT_RESTORE)

missing_caps() {
  local bnd last i
  bnd=$(awk '/^CapBnd:/ {print $2}' /proc/self/status)
  last=$(cat /proc/sys/kernel/cap_last_cap 2>/dev/null || echo $((${#CAP_NAMES[@]} - 1)))
  # Capabilities newer than our table are unknown to this Docker as well, so they cannot be missed.
  if ((last >= ${#CAP_NAMES[@]})); then last=$((${#CAP_NAMES[@]} - 1)); fi
  for ((i = 0; i <= last; i++)); do
    if (((0x$bnd >> i & 1) == 0)); then echo "CAP_${CAP_NAMES[$i]}"; fi
  done
}

find_runc() {
  local c
  for c in /usr/sbin/runc /usr/bin/runc; do
    if [[ -x $c ]]; then echo "$c"; return 0; fi
  done
  return 1
}

mapfile -t MISSING < <(missing_caps)
if ((${#MISSING[@]})); then
  log "capability bounding set lacks ${MISSING[*]}: installing runtime shim $SHIM as default runtime"
  RUNC=$(find_runc) || { log "runc not found (/usr/sbin/runc, /usr/bin/runc); is the runc package installed?"; exit 1; }
  # The spec editor is Python, not jq: jq 1.6 (Debian 12) parses numbers as doubles and would turn
  # e.g. an unlimited rlimit (18446744073709551615) into 18446744073709552000, which runc rejects.
  # /usr/bin/python3 is always there after step 1 (docker-compose depends on it).
  [[ -x /usr/bin/python3 ]] || { log "/usr/bin/python3 missing (it comes with docker-compose)"; exit 1; }
  mkdir -p "$(dirname "$SHIM")"
  # The shim is rewritten each time we start an engine, so its list always matches this machine.
  # Quoted heredoc (no expansion); the two @PLACEHOLDERS@ are filled in below.
  shim=$(cat <<'SHIM_EOF'
#!/bin/bash
# Slipway OCI runtime shim, generated by scripts/docker-engine.sh.
# runc refuses specs asking for capabilities outside the bounding set ("unable to apply caps"), and
# every --privileged container asks for all of them. This machine's bounding set lacks the ones in
# MISSING. For 'create'/'run' (--bundle DIR, default .) and 'exec' (--process FILE) they are removed
# from the spec's capability arrays; then the real runc runs with the original arguments. Every other
# subcommand passes straight through. Any error while editing is ignored: runc then sees the spec
# unchanged, so the shim can never fail a container that runc itself would start.
REAL_RUNC='@REAL_RUNC@'
MISSING='@MISSING@'
[ -x "$REAL_RUNC" ] || REAL_RUNC=$(command -v runc)

# strip FILE KEY...: drop the MISSING capabilities from every array in the object at FILE's KEY path.
strip() {
  [ -f "$1" ] || return 0
  grep -qE "${MISSING// /|}" "$1" 2>/dev/null || return 0   # nothing to drop: do not touch the file
  # -I: isolated from PYTHON* variables in dockerd's environment. Python's json keeps integers exact.
  SLIPWAY_MISSING=$MISSING /usr/bin/python3 -I - "$@" <<'PY' 2>/dev/null || true
import json, os, sys
path, keys = sys.argv[1], sys.argv[2:]
missing = set(os.environ["SLIPWAY_MISSING"].split())
with open(path) as f:
    spec = json.load(f)
caps = spec
for k in keys:
    caps = caps.get(k) if isinstance(caps, dict) else None
if isinstance(caps, dict):
    changed = False
    for name, value in caps.items():
        if isinstance(value, list) and missing.intersection(value):
            caps[name] = [c for c in value if c not in missing]
            changed = True
    if changed:
        data = json.dumps(spec)
        with open(path, "w") as f:   # rewrite in place: keeps the file's owner and mode
            f.write(data)
PY
}

# The subcommand is the first non-option argument, skipping the values of runc's global options.
args=("$@")
i=0 cmd=""
while [ "$i" -lt "${#args[@]}" ]; do
  case "${args[$i]}" in
    --root|--log|--log-format|--criu|--rootless) i=$((i + 2)); continue ;;
    -*) ;;
    *) cmd=${args[$i]}; break ;;
  esac
  i=$((i + 1))
done

case "$cmd" in
  create|run|exec)
    bundle=. process=""
    j=$((i + 1))
    while [ "$j" -lt "${#args[@]}" ]; do
      a=${args[$j]}
      case "$a" in
        --bundle|-b) bundle=${args[$((j + 1))]:-.}; j=$((j + 1)) ;;
        --bundle=*) bundle=${a#--bundle=} ;;
        --process|-p) process=${args[$((j + 1))]:-}; j=$((j + 1)) ;;
        --process=*) process=${a#--process=} ;;
      esac
      j=$((j + 1))
    done
    if [ "$cmd" = exec ]; then
      [ -n "$process" ] && strip "$process" capabilities
    else
      strip "$bundle/config.json" process capabilities
    fi
    ;;
esac
exec "$REAL_RUNC" "$@"
SHIM_EOF
)
  shim=${shim//@REAL_RUNC@/$RUNC}
  shim=${shim//@MISSING@/${MISSING[*]}}
  printf '%s\n' "$shim" >"$SHIM.tmp"
  chmod 755 "$SHIM.tmp"
  mv "$SHIM.tmp" "$SHIM"

  # Register the shim as the default runtime, merging into an existing daemon.json. Safe: no engine answers,
  # so we are not changing the settings of a running one.
  mkdir -p "$(dirname "$DAEMON_JSON")"
  [[ -s $DAEMON_JSON ]] || echo '{}' >"$DAEMON_JSON"
  jq --arg name "$RUNTIME_NAME" --arg path "$SHIM" \
    '.runtimes = ((.runtimes // {}) + {($name): {path: $path}}) | .["default-runtime"] = $name' \
    "$DAEMON_JSON" >"$DAEMON_JSON.tmp"
  mv "$DAEMON_JSON.tmp" "$DAEMON_JSON"
  log "registered runtime '$RUNTIME_NAME' (default) in $DAEMON_JSON"
elif [[ -f $DAEMON_JSON ]] && jq -e --arg name "$RUNTIME_NAME" '.runtimes[$name]? != null' "$DAEMON_JSON" >/dev/null 2>&1; then
  # A previous run registered the shim, but this machine grants every capability: unregister it, so
  # privileged containers are not denied capabilities that are available here.
  log "bounding set is complete; removing runtime '$RUNTIME_NAME' from $DAEMON_JSON"
  jq --arg name "$RUNTIME_NAME" '
      del(.runtimes[$name])
      | if .runtimes == {} then del(.runtimes) else . end
      | if .["default-runtime"] == $name then del(.["default-runtime"]) else . end' \
    "$DAEMON_JSON" >"$DAEMON_JSON.tmp"
  mv "$DAEMON_JSON.tmp" "$DAEMON_JSON"
fi

# --- 3. Start dockerd (unless one is already starting up) and wait for it. -------------------------------
# dockerd writes its pid file early and refuses to start a second instance; no procps needed for this check.
if [[ -f /var/run/docker.pid ]] && kill -0 "$(cat /var/run/docker.pid 2>/dev/null)" 2>/dev/null; then
  log "a dockerd process exists but does not answer yet; waiting for it instead of starting another"
else
  log "starting dockerd (log: $DOCKERD_LOG)"
  echo "=== $(date -u +%FT%TZ) scripts/docker-engine.sh starts dockerd ===" >>"$DOCKERD_LOG"
  log_start=$(wc -l <"$DOCKERD_LOG") # the log is appended to across runs; on failure show only this run's lines
  # setsid + nohup: its own session, so it outlives this script and the CI step's process group. Started in /,
  # as daemons are: the caller's directory (a clone a user may delete) must not stay its working directory.
  (cd / && exec setsid nohup dockerd >>"$DOCKERD_LOG" 2>&1 </dev/null) &
  dockerd_pid=$!
fi

deadline=$((SECONDS + WAIT_SECONDS))
while ((SECONDS < deadline)); do
  if engine_answers; then
    log "engine ready: $(docker version --format 'server {{.Server.Version}}, API {{.Server.APIVersion}}' 2>/dev/null || true)"
    ready
  fi
  if [[ -n ${dockerd_pid:-} ]] && ! kill -0 "$dockerd_pid" 2>/dev/null; then
    break # it exited: no point in waiting any longer
  fi
  sleep 1
done

log "dockerd did not answer (waited up to ${WAIT_SECONDS}s); last lines of $DOCKERD_LOG:"
tail -n "+$((${log_start:-0} + 1))" "$DOCKERD_LOG" 2>/dev/null | tail -n 30 >&2 || true
exit 1
