#!/usr/bin/env bash
# Reconciliation benchmark: builds the hub, starts it in its own process with a 256 MB heap (BENCH_XMX) against local
# LawPay and Clio stubs that page as the contracts say, reconciles N gateway transactions against N recorded payments
# and prints the run time, the hub's peak heap and whether the counts are right. Not a test: it prints figures.
# Usage: scripts/benchmark-reconciliation.sh [transactions, 100000] [gateway page size, 1000] [h2|postgres]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package test-compile
exec java ${BENCH_JAVA_OPTS:-} -Dbench.xmx="${BENCH_XMX:-256m}" -cp target/test-classes:target/classes \
     com.casewire.bench.ReconciliationBenchmark "${1:-100000}" "${2:-1000}" "${3:-h2}"
