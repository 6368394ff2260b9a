#!/usr/bin/env bash
# The Compose yardstick: applies every compose file of docker/awesome-compose, unchanged, through Slipway's
# backends, with stand-in images (nothing is pulled), checks the structure Slipway made (networks, secrets,
# container names), deletes, and prints a Markdown table (also written to benchmarks/target/yardstick.md).
#
#   scripts/yardstick.sh AWESOME_COMPOSE_DIR [--backends docker-run,compose] [--only NAME,...]
#                        [--timeout SECONDS] [--keep-standins]
#
#   git clone https://github.com/docker/awesome-compose /tmp/awesome-compose   # once, on a machine with network
#   scripts/yardstick.sh /tmp/awesome-compose
#
# Environment:
#   SLIPWAY          the command line to run (default: bin/slipway beside this script's repository; from a git
#                    worktree without a built jar, point it at the main checkout's bin/slipway)
#   YARD_DOCKER_RUN  backend config for docker-run (default: docker-run?pull=never)
#   YARD_COMPOSE     backend config for compose (default: compose?pull=never&remove-volumes=true)
#
# Exit code: 0 when the run completed (whatever the samples' results), 2 on bad usage, 3 when something of
# ours (container, network, volume) was left behind after the deletes.
#
# Stand-ins: scripts/yardstick/standin/ is a busybox image whose entrypoint keeps running whatever its
# arguments (exits 0 at once on TERM/INT) and whose /usr/local/bin has shims for the tools the samples'
# Dockerfiles and healthchecks call (pip, npm, apt-get, dotnet, mysqladmin, ...). It is built once and tagged
# under every image name a sample uses (image:, each FROM of each Dockerfile built, COPY --from=<image>).
# A name that already exists locally and is not a stand-in is left as it is (a real image is better).
# The tags this run created are removed at the end, unless --keep-standins.
set -euo pipefail

here="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd -P "$here/.." && pwd)"
slipway="${SLIPWAY:-$repo/bin/slipway}"
docker_run_config="${YARD_DOCKER_RUN:-docker-run?pull=never}"
compose_config="${YARD_COMPOSE:-compose?pull=never&remove-volumes=true}"
standin_base="slipway-yardstick/standin:base"
standin_label="io.slipway.yardstick.standin"

usage() {
  sed -n '5,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

[ $# -ge 1 ] || usage
checkout=""
backends=(docker-run compose)
only=()
per_file_timeout=300
keep_standins=0
while [ $# -gt 0 ]; do
  case "$1" in
    --backends) [ $# -ge 2 ] || usage; IFS=, read -r -a backends <<<"$2"; shift 2 ;;
    --only) [ $# -ge 2 ] || usage; IFS=, read -r -a only <<<"$2"; shift 2 ;;
    --timeout) [ $# -ge 2 ] || usage; per_file_timeout="$2"; shift 2 ;;
    --keep-standins) keep_standins=1; shift ;;
    -h|--help) usage ;;
    -*) echo "yardstick: unknown option $1" >&2; usage ;;
    *) [ -z "$checkout" ] || usage; checkout="$1"; shift ;;
  esac
done
[ -n "$checkout" ] && [ -d "$checkout" ] || { echo "yardstick: '$checkout' is not a directory (git clone https://github.com/docker/awesome-compose)" >&2; exit 2; }
checkout="$(cd -P "$checkout" && pwd)"
for b in "${backends[@]}"; do
  case "$b" in docker-run|compose) ;; *) echo "yardstick: unknown backend '$b' (docker-run, compose)" >&2; exit 2 ;; esac
done
[ -x "$slipway" ] || { echo "yardstick: $slipway is not executable (set SLIPWAY=/path/to/bin/slipway)" >&2; exit 2; }
# bin/slipway builds its jar when it is missing; the yardstick never builds Slipway.
slipway_jar="$(cd -P "$(dirname "$slipway")/.." && pwd)/cli/target/slipway.jar"
[ -f "$slipway_jar" ] || { echo "yardstick: $slipway_jar is missing; build Slipway first" >&2; exit 2; }
command -v python3 >/dev/null && python3 -c 'import yaml' 2>/dev/null || { echo "yardstick: needs python3 with PyYAML" >&2; exit 2; }
command -v jq >/dev/null || { echo "yardstick: needs jq" >&2; exit 2; }
docker info >/dev/null 2>&1 || bash "$repo/scripts/docker-engine.sh" >&2

out_dir="$repo/benchmarks/target"
mkdir -p "$out_dir"
work="$(mktemp -d /tmp/yardstick.XXXXXX)"
created_tags=()
cleanup() {
  if [ "$keep_standins" = 0 ] && [ "${#created_tags[@]}" -gt 0 ]; then
    docker rmi "${created_tags[@]}" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

log() { echo "yardstick: $*" >&2; }
more() { if [ "$1" -gt 1 ]; then echo " (+$(($1 - 1)) more)"; fi; } # "(+N more)" after the first of $1

# --- 1. the compose files -------------------------------------------------------------------------------
files=()
while IFS= read -r -d '' f; do
  files+=("$f")
done < <(find "$checkout" -path "$checkout/.git" -prune -o -type f \
  \( -name compose.yaml -o -name compose.yml -o -name docker-compose.yml -o -name docker-compose.yaml \) -print0 | sort -z)
[ "${#files[@]}" -gt 0 ] || { echo "yardstick: no compose file under $checkout" >&2; exit 2; }

sample_of() { # the sample's name: the file's directory relative to the checkout, '/' as '-'
  local rel="${1#"$checkout"/}"
  rel="$(dirname "$rel")"
  [ "$rel" = . ] && rel="root"
  echo "${rel//\//-}"
}

selected=()
for f in "${files[@]}"; do
  s="$(sample_of "$f")"
  if [ "${#only[@]}" -gt 0 ]; then
    keep=0
    for o in "${only[@]}"; do [ "$o" = "$s" ] && keep=1; done
    [ "$keep" = 1 ] || continue
  fi
  selected+=("$f")
done
[ "${#selected[@]}" -gt 0 ] || { echo "yardstick: --only matched no sample" >&2; exit 2; }
log "${#selected[@]} of ${#files[@]} compose files; backends: ${backends[*]}"

# --- 2. stand-in images -----------------------------------------------------------------------------------
docker image inspect slipway-test/busybox:1 >/dev/null 2>&1 || {
  echo "yardstick: slipway-test/busybox:1 is missing (bin/slipway apply of an example makes it, or scripts/example-image.sh)" >&2
  exit 2
}
log "building the stand-in base $standin_base"
# The build context is a copy, so that the compiled stand-in (standin/serve.c) joins it without touching the tree.
cp -R "$here/yardstick/standin" "$work/standin-context"
if command -v cc >/dev/null 2>&1 && cc -static -Os -o "$work/standin-context/rootfs/standin/serve" \
    "$here/yardstick/standin/serve.c" 2>"$work/serve-build.err"; then
  :
else
  log "no static C compiler (cc -static; Debian: gcc, libc6-dev): a compiled program that a sample copies into an" \
    "image FROM scratch (go build -o, cargo build) will be an empty file there, and that service will not start"
fi
DOCKER_BUILDKIT=0 docker build -q -t "$standin_base" "$work/standin-context" >/dev/null 2>"$work/standin-build.err" || {
  cat "$work/standin-build.err" >&2
  exit 2
}
declare -A facts_of=()
declare -A standin_seen=()
i=0
for f in "${selected[@]}"; do
  i=$((i + 1))
  facts_file="$work/facts.$i.json"
  if ! python3 "$here/yardstick/facts.py" "$f" >"$facts_file" 2>"$work/facts.$i.err"; then
    log "cannot read $(sample_of "$f"): $(tail -n 1 "$work/facts.$i.err")"
    echo '{"images":[],"buildkit":[],"artefacts":[],"services":{},"networks":[],"volumes":[]}' >"$facts_file"
  fi
  facts_of["$f"]="$facts_file"
  while IFS= read -r image; do
    [ -n "$image" ] && [ -z "${standin_seen[$image]:-}" ] || continue
    standin_seen["$image"]=1
    if docker image inspect "$image" >/dev/null 2>&1; then
      if [ "$(docker image inspect -f "{{index .Config.Labels \"$standin_label\"}}" "$image" 2>/dev/null)" != 1 ]; then
        log "  $image exists and is not a stand-in: used as it is"
        continue
      fi
    fi
    docker tag "$standin_base" "$image"
    created_tags+=("$image")
  done < <(jq -r '.images[]' "$facts_file")
done
log "stand-ins tagged: ${#created_tags[@]}"

# --- 3, 4. apply, check, delete ---------------------------------------------------------------------------
config_of() { if [ "$1" = compose ]; then echo "$compose_config"; else echo "$docker_run_config"; fi; }

# One line of a reason, safe in a Markdown cell.
# The docker CLI's notice about its legacy builder (no buildx here) is dropped: it is not the reason.
cell() {
  tr '\n|' ' /' | sed -e 's#DEPRECATED: The legacy builder is deprecated and will be removed in a future release\. */ *##' \
    -e 's#Install the buildx component to build images with BuildKit: */ *https://docs.docker.com/go/buildx/ */ *##' \
    -e 's/  */ /g; s/^ //; s/ $//' | cut -c1-260
}

check_pass=0
check_fail=0
check_notes=()
check() { # check OK|FAIL what
  if [ "$1" = OK ]; then
    check_pass=$((check_pass + 1))
  else
    check_fail=$((check_fail + 1))
    check_notes+=("$2")
  fi
}

structure_checks() { # DEPLOYMENT FACTS_FILE
  local dep="$1" facts="$2" svc cid want got name net target file expected_nets
  while IFS= read -r svc; do
    cid="$(docker ps -q --filter "label=io.slipway.deployment=$dep" --filter "label=io.slipway.service=$svc" | head -n 1)"
    if [ -z "$cid" ]; then
      check FAIL "$svc: no running container"
      continue
    fi
    # container_name as given
    want="$(jq -r --arg s "$svc" '.services[$s].container_name // empty' "$facts")"
    if [ -n "$want" ]; then
      got="$(docker inspect -f '{{.Name}}' "$cid")"
      if [ "${got#/}" = "$want" ]; then check OK; else check FAIL "$svc: container_name '$want' is '${got#/}'"; fi
    fi
    # networks as written: attached to exactly the listed networks (engine name KEY, or PROJECT_KEY)
    got="$(docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}' "$cid")"
    want="$(jq -r --arg s "$svc" '.services[$s].network_mode // empty' "$facts")"
    if [ -n "$want" ]; then
      if [ "$(docker inspect -f '{{.HostConfig.NetworkMode}}' "$cid")" = "$want" ]; then check OK; else check FAIL "$svc: network_mode $want is $(docker inspect -f '{{.HostConfig.NetworkMode}}' "$cid")"; fi
    else
      expected_nets="$(jq -r --arg s "$svc" '.services[$s].networks // ["default"] | .[]' "$facts")"
      local missing=() extra=() n k found
      for k in $expected_nets; do
        found=0
        for n in $got; do
          if [ "$n" = "$k" ] || [[ "$n" == *"_$k" ]] || [[ "$n" == *"-$k" ]]; then found=1; fi
          [ "$k" = default ] && found=1 # the default network's engine name is the backend's choice
        done
        [ "$found" = 1 ] || missing+=("$k")
      done
      local count_got count_want
      count_got=$(wc -w <<<"$got")
      count_want=$(wc -w <<<"$expected_nets")
      if [ "${#missing[@]}" -eq 0 ] && [ "$count_got" -eq "$count_want" ]; then
        check OK
      else
        check FAIL "$svc: networks [$(tr '\n' ' ' <<<"$expected_nets" | sed 's/ $//')] are [${got% }]"
      fi
    fi
    # secrets readable at their targets, with the file's content
    while IFS=$'\t' read -r target file; do
      [ -n "$target" ] || continue
      case "$target" in /*) ;; *) target="/run/secrets/$target" ;; esac
      if docker exec "$cid" cat "$target" >"$work/secret" 2>"$work/secret.err"; then
        if [ -z "$file" ] || cmp -s "$work/secret" "$file"; then check OK; else check FAIL "$svc: $target differs from its file"; fi
      else
        check FAIL "$svc: $target unreadable ($(head -n 1 "$work/secret.err" | cell))"
      fi
    done < <(jq -r --arg s "$svc" '.services[$s].secrets[] | [.target, (.file // "")] | @tsv' "$facts")
  done < <(jq -r '.services | keys[]' "$facts")
}

leftovers() { # DEPLOYMENT: what of it is still on the engine
  local dep="$1" c n v
  c=$(docker ps -aq --filter "label=io.slipway.deployment=$dep" | wc -l)
  n=$(docker network ls -q --filter "label=io.slipway.deployment=$dep" | wc -l)
  v=$(docker volume ls -q --filter "label=io.slipway.deployment=$dep" | wc -l)
  echo "$c $n $v"
}

rows=()
declare -A ok_count=() total_count=()
leaked=0
for f in "${selected[@]}"; do
  sample="$(sample_of "$f")"
  facts="${facts_of[$f]}"
  dep="yard-$(tr 'A-Z' 'a-z' <<<"$sample")"
  sample_notes=()
  bk="$(jq -r '.buildkit | length' "$facts")"
  [ "$bk" = 0 ] || sample_notes+=("BuildKit syntax (lowered or refused): $(jq -r '.buildkit[0]' "$facts")$(more "$bk")")
  art="$(jq -r '.artefacts | length' "$facts")"
  [ "$art" = 0 ] || sample_notes+=("copies built artefacts: $(jq -r '.artefacts[0]' "$facts")")
  for backend in "${backends[@]}"; do
    config="$(config_of "$backend")"
    notes=(${sample_notes[@]+"${sample_notes[@]}"})
    log "$sample on $backend"
    start=$(date +%s.%N)
    set +e
    (cd "$(dirname "$f")" && timeout --kill-after=20 "$per_file_timeout" "$slipway" apply --json -b "$config" -f "$f" "$dep") \
      >"$work/apply.json" 2>"$work/apply.err"
    rc=$?
    set -e
    seconds=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
    check_pass=0; check_fail=0; check_notes=()
    structure_checks "$dep" "$facts"
    if [ "$rc" = 0 ]; then
      reason=""
    elif [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
      reason="timed out after ${per_file_timeout}s"
    else
      reason="$(jq -r '[.services[] | select(.status != "SUCCEEDED")] | sort_by(.reason // "" | test("^dependency|did not start")) | first | select(. != null) | "\(.name): \(.status): \(.reason // "" | split("\n")[0])"' "$work/apply.json" 2>/dev/null || true)"
      [ -n "$reason" ] || reason="$(grep -v -e '^docker-engine:' -e '^applying ' -e '^  [^ ]*: waiting' "$work/apply.err" | grep -m 1 . || true)"
    fi
    set +e
    timeout 120 "$slipway" delete -b "$config" "$dep" >/dev/null 2>"$work/delete.err"
    drc=$?
    set -e
    read -r lc ln lv <<<"$(leftovers "$dep")"
    if [ "$lv" -gt 0 ]; then
      # docker-run's delete keeps named volumes (as `compose down` without -v): the yardstick removes them.
      docker volume ls -q --filter "label=io.slipway.deployment=$dep" | xargs -r docker volume rm >/dev/null 2>&1 || true
      notes+=("delete kept $lv volume(s); removed by the yardstick")
    fi
    # images the apply built
    docker images -q --filter "label=io.slipway.deployment=$dep" | sort -u | xargs -r docker rmi -f >/dev/null 2>&1 || true
    docker images --format '{{.Repository}}:{{.Tag}}' | grep -E "^${dep}[_-]" | xargs -r docker rmi >/dev/null 2>&1 || true
    [ "$drc" = 0 ] || notes+=("delete exit $drc: $(grep -v '^deleting' "$work/delete.err" | head -n 1 | cell)")
    if [ "$lc" -gt 0 ] || [ "$ln" -gt 0 ]; then
      notes+=("LEAK after delete: $lc container(s), $ln network(s)")
      leaked=1
    fi
    total_count[$backend]=$(( ${total_count[$backend]:-0} + 1 ))
    [ "$rc" = 0 ] && ok_count[$backend]=$(( ${ok_count[$backend]:-0} + 1 ))
    checks="$check_pass/$check_fail"
    [ "${#check_notes[@]}" = 0 ] || checks="$checks: ${check_notes[0]}$(more "${#check_notes[@]}")"
    detail="$reason"
    [ "${#notes[@]}" = 0 ] || detail="${detail:+$detail; }$(IFS=';'; echo "${notes[*]}" | sed 's/;/; /g')"
    rows+=("| $sample | $backend | $rc | $seconds | $(cell <<<"$checks") | $(cell <<<"$detail") |")
    log "  exit $rc in ${seconds}s, checks $checks${reason:+; $reason}"
  done
done

# --- 5. report --------------------------------------------------------------------------------------------
# Anything of ours left on the engine, across every yard-* deployment of this run.
left=""
for f in "${selected[@]}"; do
  dep="yard-$(sample_of "$f" | tr 'A-Z' 'a-z')"
  read -r lc ln lv <<<"$(leftovers "$dep")"
  [ "$lc$ln$lv" = 000 ] || left="$left $dep($lc containers, $ln networks, $lv volumes)"
done

report="$work/yardstick.md"
{
  echo "# Compose yardstick: docker/awesome-compose"
  echo
  echo "Checkout: \`$(git -C "$checkout" log -1 --format='%h %s' 2>/dev/null || echo "$checkout")\`; $(date -u +%Y-%m-%dT%H:%MZ); Slipway jar of $(date -u -r "$slipway_jar" +%Y-%m-%dT%H:%MZ) (\`$slipway_jar\`); stand-ins: ${#created_tags[@]} tags of \`$standin_base\`."
  echo
  echo "Checks are passed/failed: container_name as given, networks as written, secrets readable at their targets (running containers only)."
  echo
  echo "| sample | backend | exit | seconds | checks | reason / notes |"
  echo "| --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
  echo
  for b in "${backends[@]}"; do
    echo "- **$b**: ${ok_count[$b]:-0} of ${total_count[$b]:-0} exit 0"
  done
  if [ -n "$left" ]; then
    echo "- **left behind after delete**:$left"
  else
    echo "- nothing left behind: no container, network or volume labelled with a yard-* deployment"
  fi
} >"$report"
cp "$report" "$out_dir/yardstick.md"
cat "$report"
log "written to $out_dir/yardstick.md"
[ -z "$left" ] && [ "$leaked" = 0 ] || exit 3
