#!/usr/bin/env bash
# Load comparison on loopback: the sample application, on the servlet and on the reactive stack,
# in five variants started side by side (profiles, see dev.corsstarter.sample.comparison):
#   ceiling        a first filter answering every OPTIONS with 204 (cors-starter off)
#   fair-ceiling   a first filter answering every OPTIONS with the starter's preflight response
#                  for this request, status and headers hard-coded: the same bytes, no decision
#                  (checked against the starter's answer before anything is measured)
#   starter        cors-starter, as the sample ships
#   security-cors  Spring Security's cors() with a CorsConfigurationSource of the same policies
#   none           no CORS handling at all
# wrk sends the same credentialed preflight (ceiling, fair-ceiling, starter, security-cors) and the same allowed
# GET (none, starter, security-cors), in rounds that rotate the order of the variants; the table
# shows the median requests/s of each and the ratios. Bounded: rounds x runs x seconds.
# Each variant is warmed up first (its JIT compiles while the others idle), and the first round
# is also discarded. About 2 x (60 + 7 x warm-up + 7 x rounds x seconds) seconds in all.
# Usage: scripts/load-compare.sh [seconds-per-run, default 5] [rounds, default 5] [warm-up seconds, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-5}"
ROUNDS="${2:-5}"
WARMUP="${3:-20}"
command -v wrk > /dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }

./mvnw -B -q -pl cors-starter-sample -am install -DskipTests
./mvnw -B -q -pl cors-starter-sample dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
CP="cors-starter-sample/target/classes:$(cat cors-starter-sample/target/classpath.txt)"

WORK="$(mktemp -d)"
PIDS=()
stop_all() { # an application still starting may not answer TERM yet: KILL what is left after 10 s
  for pid in "${PIDS[@]:-}"; do kill "$pid" 2> /dev/null || true; done
  for _ in $(seq 1 10); do
    alive=0; for pid in "${PIDS[@]:-}"; do kill -0 "$pid" 2> /dev/null && alive=1; done
    [ "$alive" = 0 ] && break; sleep 1
  done
  for pid in "${PIDS[@]:-}"; do kill -9 "$pid" 2> /dev/null || true; wait "$pid" 2> /dev/null || true; done
  PIDS=()
}
cleanup() { stop_all; rm -rf "$WORK"; }
trap cleanup EXIT

ORIGIN="https://app.example.com"
PATH_="/api/items"
cat > "$WORK/preflight.lua" << LUA
wrk.method = "OPTIONS"
wrk.headers["Origin"] = "$ORIGIN"
wrk.headers["Access-Control-Request-Method"] = "PUT"
wrk.headers["Access-Control-Request-Headers"] = "content-type, authorization"
LUA
cat > "$WORK/actual.lua" << LUA
wrk.method = "GET"
wrk.headers["Origin"] = "$ORIGIN"
LUA

declare -A PORT=([ceiling]=18181 [starter]=18182 [security-cors]=18183 [none]=18184 [fair-ceiling]=18185)
declare -A PROFILES=([ceiling]=prod,compare-ceiling [starter]=prod [security-cors]=prod,compare-security-cors
  [none]=prod,compare-none [fair-ceiling]=prod,compare-fair-ceiling)
declare -A MODES=([preflight]="ceiling fair-ceiling starter security-cors" [actual]="none starter security-cors")
VARIANTS="ceiling fair-ceiling starter security-cors none"
declare -A RESULTS

start() { # stack mode
  java -Xms512m -Xmx512m -cp "$CP" dev.corsstarter.sample.SampleApplication \
    --spring.profiles.active="${PROFILES[$2]}" --spring.main.web-application-type="$1" \
    --server.port="${PORT[$2]}" --spring.main.banner-mode=off --logging.level.root=warn \
    > "$WORK/$1-$2.log" 2>&1 &
  PIDS+=($!)
}

wait_up() { # mode
  for _ in $(seq 1 180); do
    curl -sf -o /dev/null "http://127.0.0.1:${PORT[$1]}/actuator/health" && return 0
    sleep 1
  done
  echo "variant $1 did not start:" >&2; cat "$WORK"/*-"$1".log >&2; exit 1
}

preflight_headers() { # mode -> status line and headers of its preflight answer, sorted, without Date
  curl -s -D - -o /dev/null -X OPTIONS -H "Origin: $ORIGIN" -H 'Access-Control-Request-Method: PUT' \
    -H 'Access-Control-Request-Headers: content-type, authorization' "http://127.0.0.1:${PORT[$1]}$PATH_" \
    | tr -d '\r' | grep -v -i '^date:' | grep -v '^$' | sed -E 's/^(HTTP\/[0-9.]+ [0-9]+).*/\1/' | sort
}

check() { # kind mode: the variant must answer as expected before it is loaded
  local status
  if [ "$2" = fair-ceiling ] && ! diff <(preflight_headers starter) <(preflight_headers fair-ceiling) >&2; then
    echo "fair-ceiling: its preflight answer differs from the starter's (above: < starter, > fair-ceiling)" >&2
    exit 1
  fi
  if [ "$1" = preflight ]; then
    status=$(curl -s -o /dev/null -w '%{http_code}' -X OPTIONS -H "Origin: $ORIGIN" \
      -H 'Access-Control-Request-Method: PUT' -H 'Access-Control-Request-Headers: content-type, authorization' \
      "http://127.0.0.1:${PORT[$2]}$PATH_")
    [ "$status" = 200 ] || [ "$status" = 204 ] || { echo "$2: preflight answered $status" >&2; exit 1; }
  else
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Origin: $ORIGIN" "http://127.0.0.1:${PORT[$2]}$PATH_")
    [ "$status" = 200 ] || { echo "$2: GET answered $status" >&2; exit 1; }
  fi
}

load() { # kind mode seconds -> requests/s
  local out
  out=$(wrk -t1 -c16 -d"$3s" -s "$WORK/$1.lua" "http://127.0.0.1:${PORT[$2]}$PATH_")
  if grep -q "Non-2xx" <<< "$out"; then echo "$2 $1: non-2xx answers under load" >&2; echo "$out" >&2; exit 1; fi
  awk '/Requests\/sec/ {print $2}' <<< "$out"
}

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

for stack in servlet reactive; do
  echo "== $stack: starting the five variants"
  for mode in $VARIANTS; do start "$stack" "$mode"; done
  for mode in $VARIANTS; do wait_up "$mode"; done
  for kind in preflight actual; do
    for mode in ${MODES[$kind]}; do check "$kind" "$mode"; load "$kind" "$mode" "$WARMUP" > /dev/null; done
  done
  for round in $(seq 0 "$ROUNDS"); do
    for kind in preflight actual; do
      read -r -a modes <<< "${MODES[$kind]}"
      for i in "${!modes[@]}"; do
        mode="${modes[$(( (i + round) % ${#modes[@]} ))]}"
        rps=$(load "$kind" "$mode" "$DURATION")
        if [ "$round" -gt 0 ]; then RESULTS[$stack,$kind,$mode]="${RESULTS[$stack,$kind,$mode]:-} $rps"; fi
        printf '   round %d %-9s %-13s %10.0f req/s%s\n' "$round" "$kind" "$mode" "$rps" \
          "$([ "$round" -eq 0 ] && echo '  (warm-up round, not counted)')"
      done
    done
  done
  stop_all
done

echo
echo "Median requests/s over $ROUNDS rounds of ${DURATION}s (wrk -t1 -c16, loopback), ratios of medians:"
printf '%-9s %-9s %12s %13s %12s %14s %17s %21s %22s\n' stack request baseline fair-ceiling starter security-cors \
  "starter/baseline" "starter/fair-ceiling" "starter/security-cors"
for stack in servlet reactive; do
  for kind in preflight actual; do
    read -r -a modes <<< "${MODES[$kind]}"
    b=$(median <<< "${RESULTS[$stack,$kind,${modes[0]}]}")
    f=0
    if [ -n "${RESULTS[$stack,$kind,fair-ceiling]:-}" ]; then f=$(median <<< "${RESULTS[$stack,$kind,fair-ceiling]}"); fi
    s=$(median <<< "${RESULTS[$stack,$kind,starter]}")
    x=$(median <<< "${RESULTS[$stack,$kind,security-cors]}")
    awk -v st="$stack" -v k="$kind" -v b="$b" -v f="$f" -v s="$s" -v x="$x" 'BEGIN {
      printf "%-9s %-9s %12.0f %13s %12.0f %14.0f %17.3f %21s %22.2f\n", st, k, b,
        (f > 0) ? sprintf("%.0f", f) : "-", s, x, s / b, (f > 0) ? sprintf("%.3f", s / f) : "-", s / x }'
  done
done
echo "(baseline: ceiling for preflight, none for actual; fair-ceiling: the starter's preflight answer, hard-coded)"
