#!/usr/bin/env bash
# The command line's JVM options and its AppCDS class archive (cli/target/slipway.jsa), in one place for the two
# that need them: bin/slipway sources this file, and the cli module's build runs it right after it has shaded
# cli/target/slipway.jar (`bash scripts/cli-class-archive.sh [JAR [ARCHIVE]]`), so that the archive a build makes is
# made as bin/slipway would make it and accepted by bin/slipway's JVM, and no first command pays the training run.
# Run, it always exits 0: a training run that fails only means no archive, which bin/slipway then makes itself.
#
# SLIPWAY_ENGINE_SOCKET, SLIPWAY_ENGINE_PIDFILE and SLIPWAY_ENGINE_ROOT (the engine's data root) are for tests.

slipway_engine_sock="${SLIPWAY_ENGINE_SOCKET:-/var/run/docker.sock}"

# Whether the local engine answers and has the examples' image, from files alone (no `docker` process): a stopped
# dockerd removes its socket, one that was killed leaves its socket and a pid file naming a process that is gone.
slipway_engine_ready() {
  [ -S "$slipway_engine_sock" ] || return 1
  local pid
  pid=$(cat "${SLIPWAY_ENGINE_PIDFILE:-/var/run/docker.pid}" 2>/dev/null || true)
  if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null && [ ! -d "/proc/$pid" ]; then return 1; fi
  local repos
  for repos in "${SLIPWAY_ENGINE_ROOT:-/var/lib/docker}"/image/*/repositories.json; do
    if [ -r "$repos" ] && grep -qF '"slipway-example/busybox:1"' "$repos"; then return 0; fi
  done
  return 1
}

# A short-lived JVM: C1 alone compiles soon enough; the serial collector starts with no GC threads; no perf-data file
# (jstat cannot watch a command of a second). JVM messages go to stderr, never stdout (`--json`).
slipway_jvm_opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xlog:disable -Xlog:all=warning:stderr)
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  slipway_java="$JAVA_HOME/bin/java"
else
  slipway_java="java"
fi

# slipway_cds_train JAR ARCHIVE: the training run (io.slipway.cli.CdsTraining) applies, re-applies, shows and
# deletes a deployment of its own in one JVM, so the archive holds a real apply's classes (docker-java's commands
# and models, Jackson's serializers for them), ~0.5 s of a cold apply. Against the local engine when it answers and
# has the examples' image (~2 s of a ~5 s run); else against no engine, which still covers start-up and the spec
# (where the image store cannot be read, e.g. by a user outside root, `docker image inspect` is asked instead).
# Written to a temporary file first, so that a failed or concurrent run never leaves half an archive.
# The archive is a static one (the JDK's classes and ours, dumped from the training run's class list), not a dynamic
# one on top of the JDK's: the dump also generates ahead the method-handle classes a run would spin (records'
# toString and equals, which the config hash uses; lambdas), which JDK 17's dynamic archive does not hold. An
# unchanged re-apply of 50 services: 853 -> 766 ms (medians of 9 paired runs; BENCHMARKS.md).
slipway_cds_train() {
  local jar="$1" jsa="$2" tmp="$2.$$.tmp" list="$2.$$.classlist" backend="docker-run:unix:///nonexistent/slipway-cds.sock"
  if [ -z "${DOCKER_HOST:-}" ] && [ -S "$slipway_engine_sock" ]; then
    if slipway_engine_ready || { command -v docker >/dev/null 2>&1 && command -v timeout >/dev/null 2>&1 \
        && timeout 10 docker -H "unix://$slipway_engine_sock" image inspect slipway-example/busybox:1 >/dev/null 2>&1; }; then
      backend="docker-run:unix://$slipway_engine_sock"
    fi
  fi
  "$slipway_java" -XX:DumpLoadedClassList="$list" "${slipway_jvm_opts[@]}" -cp "$jar" io.slipway.cli.CdsTraining \
    "$backend" slipway-example/busybox:1 >/dev/null 2>&1 || true
  if [ -s "$list" ]; then
    "$slipway_java" -Xshare:dump -XX:SharedClassListFile="$list" -XX:SharedArchiveFile="$tmp" \
      "${slipway_jvm_opts[@]}" -cp "$jar" >/dev/null 2>&1 || true
  fi
  rm -f "$list"
  if [ -s "$tmp" ]; then mv -f "$tmp" "$jsa"; else rm -f "$tmp"; fi
}

# Run rather than sourced: the build's training run. The jar's directory is resolved as bin/slipway resolves the
# repository (physically), so the archive names the jar by the path bin/slipway's JVM is given.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -uo pipefail
  here="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  jar="${1:-$here/cli/target/slipway.jar}"
  if [ ! -f "$jar" ]; then
    echo "cli-class-archive: $jar is missing; no class archive made" >&2
    exit 0
  fi
  jar="$(cd -P "$(dirname "$jar")" && pwd)/$(basename "$jar")"
  jsa="${2:-${jar%.jar}.jsa}"
  slipway_cds_train "$jar" "$jsa"
  if [ ! -s "$jsa" ] || [ "$jar" -nt "$jsa" ]; then
    echo "cli-class-archive: the training run made no archive; bin/slipway makes one on its first run" >&2
  fi
  exit 0
fi
