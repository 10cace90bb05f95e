#!/usr/bin/env bash
# Posts a signed Clio webhook delivery to a running hub (the sandbox by default), as Clio would.
# Usage: scripts/sandbox-event.sh [event] [matter-id]
#   event:     matter_opened (default), matter_pended, matter_closed, updated (not a milestone)
#   matter-id: 1001 (Jane Doe, prefers SMS by fallback order) or 1002 (Richard Roe, no mobile: email)
# Environment: HUB_URL (default http://localhost:8080), HUB_CLIO_WEBHOOK_SECRET (default sandbox-webhook-secret)
set -euo pipefail
event=${1:-matter_opened}
matter=${2:-1001}
hub=${HUB_URL:-http://localhost:8080}
secret=${HUB_CLIO_WEBHOOK_SECRET:-sandbox-webhook-secret}
etag="\"$(date +%s%N)\""
# Clio delivers the fields the webhook subscribed to; this sample carries only id and etag, so the hub
# fetches the matter with its client from the (simulated) Clio API.
body=$(printf '{"data":{"id":%s,"etag":%s},"meta":{"event":"%s","webhook_id":4242}}' \
  "$matter" "$(printf '%s' "$etag" | sed 's/"/\\"/g; s/^/"/; s/$/"/')" "$event")
signature=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$secret" -hex | sed 's/^.*= //')
echo "POST $hub/webhooks/clio  event=$event matter=$matter"
curl -sS -w '\nHTTP %{http_code}\n' -X POST "$hub/webhooks/clio" \
  -H 'Content-Type: application/json' -H "X-Hook-Signature: $signature" --data-binary "$body"
echo "Now open $hub/sandbox to see the SMS, the email and the note."
