#!/usr/bin/env bash
# Runs the benchmark harness (BENCHMARKS.md): Slipway against the raw Engine API, the docker CLI,
# docker-compose v1, Testcontainers and docker stack deploy (scenario 7, on a swarm it makes), side by side, on this machine's engine and a locally built image.
#
#   scripts/bench.sh                 # the full run: 1 warm-up + 5 rounds, 50 services, scale 1/10/50/100
#   scripts/bench.sh --smoke         # one round of everything, 2 services, shorter tasks (what `./mvnw verify` runs)
#   scripts/bench.sh --rounds 10 --scenarios 1,2   # any of: --rounds N --warmup N --services N --scale 1,10
#                                                  #         --scenarios 1,...,7 --out DIR
#
# Prints the Markdown table on stdout (progress on stderr) and writes benchmarks/target/bench.json and
# bench.md. Brings up the engine like the README's other commands (scripts/docker-engine.sh), builds the
# command line and the harness, then runs the harness in a JVM of its own. The whole run holds the Maven
# lock ($SLIPWAY_BENCH_LOCK, default /tmp/slipway-mvn.lock) so that no build on this machine runs while
# it measures; what else loads the machine shows in the report's load averages.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

bash scripts/docker-engine.sh >&2

lock="${SLIPWAY_BENCH_LOCK:-/tmp/slipway-mvn.lock}"
exec 9>"$lock"
if ! flock -n 9; then
  echo "bench: waiting for $lock (a build is running)..." >&2
  flock 9
fi

# The harness, the command line (scenario 5 runs bin/slipway) and everything they need; no tests.
echo "bench: building (./mvnw -B -q -pl cli,benchmarks -am package -DskipTests)..." >&2
./mvnw -B -q -pl cli,benchmarks -am package -DskipTests -Dslipway.engine.skip=true >&2

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java="$JAVA_HOME/bin/java"
else
  java="java"
fi
# Testcontainers' reaper image cannot be pulled (no registry); the harness removes what it starts.
export TESTCONTAINERS_RYUK_DISABLED=true
# Its start-up checks: read from the environment or ~/.testcontainers.properties only, never from the class path.
export TESTCONTAINERS_CHECKS_DISABLE=true
"$java" -Dslipway.repo="$root" -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  io.slipway.benchmarks.BenchMain "$@"
