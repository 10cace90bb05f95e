#!/usr/bin/env bash
# Spine benchmark: builds the hub, starts it in its own process with local vendor stubs, posts N signed
# Clio events at concurrency C and prints events/s, p50/p99 from POST to the Twilio call, lost and
# duplicated counts. Not a test: it prints figures. Usage: scripts/benchmark.sh [events] [concurrency] [h2|postgres] [offered events/s, 0 = unlimited]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package test-compile
# the test classpath (the PostgreSQL driver: in postgres mode the benchmark reads the server's counters)
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
exec java ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" com.casewire.bench.SpineBenchmark "${1:-20000}" "${2:-32}" "${3:-h2}" "${4:-0}"
