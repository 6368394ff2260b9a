#!/usr/bin/env bash
# The command line's JVM options and its class archive (cli/target/slipway-<JVM version>.jsa, or .aot), in one place
# for the two that need them: bin/slipway sources this file, and the cli module's build runs it right after it has
# shaded cli/target/slipway.jar (`bash scripts/cli-class-archive.sh [JAR]`), so that the archive a build makes is
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

# The class archive of the JVM that runs the command line, beside the jar and named by that JVM's runtime version (its
# release file's JAVA_RUNTIME_VERSION, e.g. cli/target/slipway-17.0.15+6-Debian-1deb12u1.jsa): an archive is only
# valid for the JVM that made it, and one made by another (JAVA_HOME pointing elsewhere, a JDK updated in place) was
# refused with an error on every run and the command ran without it. JDK 25 and later get the JDK's AOT cache (JEP
# 483 and 514: classes loaded and linked ahead, with the training run's method profiles; an unchanged re-apply of 50,
# 918 ms on Temurin 25 against 1010 ms on JDK 17 with its archive, BENCHMARKS.md), earlier ones a static AppCDS archive.
# slipway_archive_for JAR sets slipway_archive (its path; empty where the JVM cannot be told, e.g. no release file,
# and then no archive is made or used), slipway_archive_opts (the JVM options that use it; the JVM's messages about
# the archive are off, since a refused archive only means a slower start) and slipway_jvm_lib (the JVM's library, so
# that a JVM rebuilt under the same version makes a new archive).
slipway_archive_for() {
  local jar="$1" home="" bin line version="" major=""
  slipway_archive="" slipway_jvm_lib=""
  slipway_archive_opts=()
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    home="$JAVA_HOME"
  elif bin="$(command -v "$slipway_java" 2>/dev/null)" && bin="$(readlink -f "$bin")"; then
    home="${bin%/bin/java}"
  fi
  [ -n "$home" ] && [ -r "$home/release" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in
      JAVA_RUNTIME_VERSION=*) version="${line#*=}" ;;
      JAVA_VERSION=*) major="${line#*=}" ;;
    esac
  done < "$home/release"
  version="${version//\"/}"
  major="${major//\"/}"
  major="${major%%.*}"
  [ -n "$version" ] && [[ "$major" =~ ^[0-9]+$ ]] || return 0
  slipway_jvm_lib="$home/lib/server/libjvm.so"
  slipway_archive="${jar%.jar}-${version//[^A-Za-z0-9._+-]/_}"
  if [ "$major" -ge 25 ]; then
    slipway_archive+=".aot"
    slipway_archive_opts=(-XX:AOTCache="$slipway_archive" -Xlog:aot=off,cds=off:stderr)
  else
    slipway_archive+=".jsa"
    slipway_archive_opts=(-XX:SharedArchiveFile="$slipway_archive" -Xlog:cds=off:stderr)
  fi
}

# Whether slipway_archive is missing or older than the jar or the JVM's library (after slipway_archive_for JAR).
slipway_archive_stale() {
  local jar="$1"
  [ ! -f "$slipway_archive" ] || [ "$jar" -nt "$slipway_archive" ] \
    || { [ -f "$slipway_jvm_lib" ] && [ "$slipway_jvm_lib" -nt "$slipway_archive" ]; }
}

# slipway_cds_train JAR: makes slipway_archive (after slipway_archive_for JAR). The training run
# (io.slipway.cli.CdsTraining) applies, re-applies, shows and deletes a deployment of its own in one JVM, so the
# archive holds a real apply's classes (docker-java's commands and models, Jackson's serializers for them), ~0.5 s of
# a cold apply. Against the local engine when it answers and has the examples' image (~2 s of a ~5 s run); else
# against no engine, which still covers start-up and the spec (where the image store cannot be read, e.g. by a user
# outside root, `docker image inspect` is asked instead). Written to a temporary file first, so that a failed or
# concurrent run never leaves half an archive.
# On JDK 17 the archive is a static one (the JDK's classes and ours, dumped from the training run's class list), not
# a dynamic one on top of the JDK's: the dump also generates ahead the method-handle classes a run would spin
# (records' toString and equals, which the config hash uses; lambdas), which JDK 17's dynamic archive does not hold.
# An unchanged re-apply of 50 services: 853 -> 766 ms (medians of 9 paired runs; BENCHMARKS.md). On JDK 25 the
# training run writes the AOT cache itself when it exits (-XX:AOTCacheOutput).
slipway_cds_train() {
  local jar="$1" tmp="$slipway_archive.$$.tmp" list="$slipway_archive.$$.classlist"
  local backend="docker-run:unix:///nonexistent/slipway-cds.sock"
  [ -n "$slipway_archive" ] || return 0
  if [ -z "${DOCKER_HOST:-}" ] && [ -S "$slipway_engine_sock" ]; then
    if slipway_engine_ready || { command -v docker >/dev/null 2>&1 && command -v timeout >/dev/null 2>&1 \
        && timeout 10 docker -H "unix://$slipway_engine_sock" image inspect slipway-example/busybox:1 >/dev/null 2>&1; }; then
      backend="docker-run:unix://$slipway_engine_sock"
    fi
  fi
  if [ "${slipway_archive##*.}" = aot ]; then
    "$slipway_java" -XX:AOTCacheOutput="$tmp" "${slipway_jvm_opts[@]}" -cp "$jar" io.slipway.cli.CdsTraining \
      "$backend" slipway-example/busybox:1 >/dev/null 2>&1 || true
    rm -f "$tmp.config"
  else
    "$slipway_java" -XX:DumpLoadedClassList="$list" "${slipway_jvm_opts[@]}" -cp "$jar" io.slipway.cli.CdsTraining \
      "$backend" slipway-example/busybox:1 >/dev/null 2>&1 || true
    if [ -s "$list" ]; then
      "$slipway_java" -Xshare:dump -XX:SharedClassListFile="$list" -XX:SharedArchiveFile="$tmp" \
        "${slipway_jvm_opts[@]}" -cp "$jar" >/dev/null 2>&1 || true
    fi
    rm -f "$list"
  fi
  if [ -s "$tmp" ]; then mv -f "$tmp" "$slipway_archive"; else rm -f "$tmp"; fi
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
  slipway_archive_for "$jar"
  if [ -z "$slipway_archive" ]; then
    echo "cli-class-archive: cannot tell which JVM $slipway_java is (no release file); no class archive made" >&2
    exit 0
  fi
  slipway_cds_train "$jar"
  if slipway_archive_stale "$jar"; then
    echo "cli-class-archive: the training run made no archive; bin/slipway makes one on its first run" >&2
  fi
  exit 0
fi
