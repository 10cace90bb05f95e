#!/usr/bin/env bash
# Installs what the browser test of the booking page (BookingPageBrowserTest) needs: Debian's chromium and
# chromium-driver. Idempotent: does nothing when both are on the PATH. .ci/run calls it before the tests.
set -euo pipefail
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "chromium and chromium-driver are missing: run 'sudo apt-get install chromium chromium-driver'" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
command -v chromium >/dev/null && command -v chromedriver >/dev/null
