#!/usr/bin/env bash
# Crash and chaos soak: builds the hub, runs the packaged hub in its own process against local vendors that follow
# the contracts (Twilio, Clio, SMTP), under a steady load of signed Clio deliveries re-posted until acknowledged,
# then drains and prints acknowledged, texted once, never texted, texted twice, dead letters. Not a test: it
# prints figures, and exits non-zero when anything was lost or sent twice.
#   scripts/soak.sh kill  [h2|postgres]   20 kill -9 restarts (-Dsoak.kills=N, -Dsoak.rate=20 deliveries/s)
#   scripts/soak.sh chaos [h2|postgres]   every vendor failing 80% of calls for 10 minutes (-Dsoak.chaos-seconds=600)
#   scripts/soak.sh outage postgres       the database cut for 30 s under load (-Dsoak.outage-seconds=30): deliveries
#                                         meanwhile answered 503, none acknowledged unstored, recovery on its own
# Extra JVM options for the soak driver: SOAK_OPTS="-Dsoak.kills=5".
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -DskipTests package test-compile dependency:build-classpath -Dmdep.outputFile=target/soak.classpath -Dmdep.includeScope=test
exec java ${SOAK_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/soak.classpath)" com.casewire.soak.CrashSoak "${1:-kill}" "${2:-h2}"
