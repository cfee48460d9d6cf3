#!/usr/bin/env bash
# Load run on loopback: the same preflight and actual request against three modes of
# LoadTestApplication, with bounded duration. Prints requests/s and ratios to the ceiling.
# Usage: cors-starter-benchmarks/load.sh [seconds-per-run]   (needs wrk: apt-get install -y wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
PORT=18080
./mvnw -B -q -pl cors-starter-benchmarks -am package -DskipTests
CP="cors-starter-benchmarks/target/classes:$(cat cors-starter-benchmarks/target/classpath.txt)"
cat > /tmp/cors-preflight.lua <<'LUA'
wrk.method = "OPTIONS"
wrk.headers["Origin"] = "https://pr-42.preview.example.com"
wrk.headers["Access-Control-Request-Method"] = "PUT"
wrk.headers["Access-Control-Request-Headers"] = "content-type, x-trace"
LUA
cat > /tmp/cors-actual.lua <<'LUA'
wrk.method = "GET"
wrk.headers["Origin"] = "https://app.example.com"
LUA
declare -A RESULTS
for mode in ceiling starter security-cors; do
  java -cp "$CP" dev.corsstarter.benchmarks.LoadTestApplication --spring.profiles.active=$mode --server.port=$PORT &
  PID=$!
  for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$PORT/api/hello" && break; sleep 1; done
  for kind in preflight actual; do
    wrk -t1 -c16 -d3s -s /tmp/cors-$kind.lua "http://127.0.0.1:$PORT/api/hello" > /dev/null   # warm-up
    rps=$(wrk -t1 -c16 -d"${DURATION}s" -s /tmp/cors-$kind.lua "http://127.0.0.1:$PORT/api/hello" | awk '/Requests\/sec/ {print $2}')
    RESULTS[$mode,$kind]=$rps
    echo "$mode $kind: $rps req/s"
  done
  kill $PID; wait $PID 2>/dev/null || true
done
echo
printf '%-10s %16s %16s %16s\n' request ceiling starter security-cors
for kind in preflight actual; do
  c=${RESULTS[ceiling,$kind]}; s=${RESULTS[starter,$kind]}; x=${RESULTS[security-cors,$kind]}
  printf '%-10s %16s %9s (%.2f) %9s (%.2f)\n' $kind "$c" "$s" "$(echo "$s / $c" | bc -l)" "$x" "$(echo "$x / $c" | bc -l)"
done
