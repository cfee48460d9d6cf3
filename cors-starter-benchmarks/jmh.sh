#!/usr/bin/env bash
# JMH: cors-starter's servlet filter against Spring Framework's CorsFilter on the same policy,
# with a pass-through baseline, and allocated bytes per request (-prof gc).
# Usage: cors-starter-benchmarks/jmh.sh [JMH options]   (default: -f 2 -wi 4 -w 1 -i 8 -r 1)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl cors-starter-benchmarks -am package -DskipTests
CP="cors-starter-benchmarks/target/classes:$(cat cors-starter-benchmarks/target/classpath.txt)"
if [ $# -eq 0 ]; then set -- -f 2 -wi 4 -w 1 -i 8 -r 1; fi
exec java -cp "$CP" org.openjdk.jmh.Main CorsDecisionBenchmark -prof gc "$@"
