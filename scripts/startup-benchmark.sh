#!/usr/bin/env bash
# Start-up benchmark: starts the packaged hub in the sandbox profile, as the Dockerfile runs it, and prints the
# seconds until /actuator/health/readiness answers 200 and the resident memory (RSS) after it has idled. Runs each
# mode RUNS times (default 3). Not a test: it prints figures.
#   plain  java -jar with the Dockerfile's JVM options (-Xmx from HUB_BENCH_XMX, default 512m; HUB_BENCH_OPTS replaces them)
#   cds    the same jar extracted (java -Djarmode=tools extract) and started on a class-data-sharing archive made by
#          a training run, as the Dockerfile does
# Usage: scripts/startup-benchmark.sh [plain|cds|both] [runs] [idle seconds before reading RSS]
set -euo pipefail
cd "$(dirname "$0")/.."
MODE="${1:-both}"
RUNS="${2:-3}"
IDLE="${3:-20}"
XMX="${HUB_BENCH_XMX:-512m}"
PORT="${HUB_BENCH_PORT:-18480}"
OPTS="${HUB_BENCH_OPTS:--Xmx$XMX -XX:+UseParallelGC -XX:NewRatio=1}"
WORK="target/startup-benchmark"

[ -f target/casewire-hub.jar ] || mvn -B -q -DskipTests package

run() { # $1 label, rest: the java command after the JVM options
    local label="$1"; shift
    for i in $(seq 1 "$RUNS"); do
        rm -rf "$WORK/data"
        local start; start=$(date +%s.%N)
        java $OPTS "$@" --spring.profiles.active=sandbox --server.port="$PORT" --hub.data-dir="$PWD/$WORK/data" \
            > "$WORK/$label-$i.log" 2>&1 &
        local pid=$!
        local ready=""
        for _ in $(seq 1 1200); do
            if curl -s -o /dev/null -w '%{http_code}' "localhost:$PORT/actuator/health/readiness" 2>/dev/null | grep -q 200; then
                ready=$(echo "$(date +%s.%N) - $start" | bc)
                break
            fi
            sleep 0.05
        done
        sleep "$IDLE"
        local rss; rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")
        kill "$pid"; wait "$pid" 2>/dev/null || true
        printf '%-6s run %d: ready in %5.1f s, idle RSS %4d MB (%s)\n' "$label" "$i" "${ready:-999}" "$rss" "$OPTS"
    done
}

mkdir -p "$WORK"
if [ "$MODE" = plain ] || [ "$MODE" = both ]; then
    run plain -jar target/casewire-hub.jar
fi
if [ "$MODE" = cds ] || [ "$MODE" = both ]; then
    rm -rf "$WORK/app" && java -Djarmode=tools -jar target/casewire-hub.jar extract --destination "$WORK/app" > /dev/null
    # the training run: starts the application context, writes the archive at exit (Spring Boot's CDS support)
    java $OPTS -XX:ArchiveClassesAtExit="$WORK/app/casewire-hub.jsa" -Dspring.context.exit=onRefresh \
        -jar "$WORK/app/casewire-hub.jar" --spring.profiles.active=sandbox --server.port="$PORT" \
        --hub.data-dir="$PWD/$WORK/data-training" > "$WORK/cds-training.log" 2>&1 || true
    run cds -XX:SharedArchiveFile="$WORK/app/casewire-hub.jsa" -jar "$WORK/app/casewire-hub.jar"
fi
