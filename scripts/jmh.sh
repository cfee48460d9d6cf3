#!/usr/bin/env bash
# JMH: cors-starter against Spring Framework's CORS processing on the same policy, at 1, 10, 100
# and 1,000 exact origins and for a subdomain wildcard, with allocation per operation (-prof gc).
# See CorsDecisionBenchmark for what each benchmark measures.
# Usage: scripts/jmh.sh [JMH options]   (default: -f 2 -wi 3 -w 1 -i 5 -r 1; about 20 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl cors-starter-benchmarks -am install -DskipTests
CP="cors-starter-benchmarks/target/classes:$(cat cors-starter-benchmarks/target/classpath.txt)"
if [ $# -eq 0 ]; then set -- -f 2 -wi 3 -w 1 -i 5 -r 1; fi
exec java -cp "$CP" org.openjdk.jmh.Main CorsDecisionBenchmark -prof gc "$@"
