#!/usr/bin/env bash
# Checks a routes directory (routes, rules, templates, staff.yaml) without starting the hub: one file:line: message
# per problem, exit status 1 when there is one; then the directory's route tests (tests/*.yaml) on the simulators.
# Usage: scripts/validate.sh [DIR] [--skip-route-tests]   (default: routes)
# Uses target/casewire-hub.jar; build it first with: mvn -B -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/casewire-hub.jar
if [[ ! -f "$jar" ]]; then
  echo "no $jar: build it with mvn -B -q -DskipTests package" >&2
  exit 2
fi
exec java -jar "$jar" --validate --routes-dir="${1:-routes}" "${@:2}"
