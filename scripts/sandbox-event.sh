#!/usr/bin/env bash
# Posts a signed Clio webhook delivery to a running hub (the sandbox by default), as Clio would.
# Usage:
#   scripts/sandbox-event.sh [matter-event] [matter-id]
#       matter-event: matter_opened (default), matter_pended, matter_closed, updated (not a milestone)
#   scripts/sandbox-event.sh task <matter-id> "<task name>" [status]          status: complete (default), pending, ...
#   scripts/sandbox-event.sh document <matter-id> "<document name>" ["<category>"]
#   scripts/sandbox-event.sh calendar <matter-id> "<summary>" [start_at]      start_at: ISO-8601, default in 2 weeks
# Sandbox matters: 1001 Jane Doe (personal injury, SMS by the fallback order), 1002 Richard Roe (estate, no mobile:
# email), 1003 Maria Garcia (family law, prefers text messages: the matter's "Preferred contact method" field).
# Environment: HUB_URL (default http://localhost:8080), HUB_CLIO_WEBHOOK_SECRET (default sandbox-webhook-secret)
set -euo pipefail
hub=${HUB_URL:-http://localhost:8080}
secret=${HUB_CLIO_WEBHOOK_SECRET:-sandbox-webhook-secret}
kind=${1:-matter_opened}
etag="\\\"$(date +%s%N)\\\""
record_id=$(( $(date +%s%N) / 1000 % 1000000000 ))

# JSON string from shell text (quotes and backslashes escaped)
js() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }

case "$kind" in
  task)
    matter=$2; name=$3; status=${4:-complete}
    body=$(printf '{"data":{"id":%s,"etag":"%s","name":%s,"status":%s,"matter":{"id":%s}},"meta":{"event":"updated","webhook_id":4243}}' \
      "$record_id" "$etag" "$(js "$name")" "$(js "$status")" "$matter")
    label="task \"$name\" ($status) on matter $matter" ;;
  document)
    matter=$2; name=$3; category=${4:-}
    if [ -n "$category" ]; then cat_json=$(printf '{"id":31,"name":%s}' "$(js "$category")"); else cat_json=null; fi
    body=$(printf '{"data":{"id":%s,"etag":"%s","name":%s,"document_category":%s,"matter":{"id":%s}},"meta":{"event":"created","webhook_id":4244}}' \
      "$record_id" "$etag" "$(js "$name")" "$cat_json" "$matter")
    label="document \"$name\" (category: ${category:-none}) on matter $matter" ;;
  calendar)
    matter=$2; summary=$3
    start=${4:-$(date -u -d '+14 days' +%Y-%m-%dT14:30:00Z 2>/dev/null || date -u -v+14d +%Y-%m-%dT14:30:00Z)}
    body=$(printf '{"data":{"id":"cal-%s","etag":"%s","summary":%s,"start_at":"%s","end_at":"%s","matter":{"id":%s}},"meta":{"event":"created","webhook_id":4245}}' \
      "$record_id" "$etag" "$(js "$summary")" "$start" "$start" "$matter")
    label="calendar entry \"$summary\" at $start on matter $matter" ;;
  *)
    matter=${2:-1001}
    # a matter delivery with only id and etag: the hub fetches the matter with its client from the (simulated) Clio API
    body=$(printf '{"data":{"id":%s,"etag":"%s"},"meta":{"event":"%s","webhook_id":4242}}' "$matter" "$etag" "$kind")
    label="matter $matter $kind" ;;
esac

signature=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$secret" -hex | sed 's/^.*= //')
echo "POST $hub/webhooks/clio  $label"
curl -sS -w '\nHTTP %{http_code}\n' -X POST "$hub/webhooks/clio" \
  -H 'Content-Type: application/json' -H "X-Hook-Signature: $signature" --data-binary "$body"
