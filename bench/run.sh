#!/usr/bin/env bash
# CSM Flow performance benchmark (docs/performance.md).
#   bench/run.sh            full scale (about 90 minutes on 2 cores, docs/performance.md "Run it")
#   bench/run.sh smoke      a quick check that every workload runs (about 20 minutes)
# Extra Maven arguments pass through, e.g. bench/run.sh full -Dbench.skip=storm
# SPRING_DATASOURCE_URL / _USERNAME / _PASSWORD point it at another PostgreSQL instead of the embedded one.
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-full}"
shift || true
echo "machine: $(nproc) cores, $(free -m | awk '/Mem:/ {print $2 " MB"}'), load $(cut -d' ' -f1-3 /proc/loadavg)"
./mvnw -Pbench verify -Dbench.scale="$scale" "$@"
echo "results: target/bench/results.json (table: target/bench/results.txt, server log: target/bench/postgres.log)"
