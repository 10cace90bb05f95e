#!/usr/bin/env bash
# A missed call in the sandbox: posts a Twilio voice status callback (CallStatus no-answer by default), signed as
# Twilio signs it (HMAC-SHA1 of the URL plus the sorted form parameters, keyed with the auth token), to a running hub.
# The hub opens a lead, texts the caller an acknowledgment with a booking link (see the sandbox page), screens the
# lead against the Clio simulator, routes it and alerts the attorney (routes/intake.rules.yaml).
# Usage: scripts/sandbox-call.sh [from] [status] [to]
#   from:   caller, E.164 (default +12015550142); status: no-answer (default), busy, canceled, failed, completed
#   to:     the firm's number dialled (default +12015550188, the injury line in intake.rules.yaml)
# Environment: HUB_URL (default http://localhost:8080), HUB_PUBLIC_BASE_URL (default HUB_URL),
#   HUB_TWILIO_AUTH_TOKEN (default sandbox-twilio-token)
set -euo pipefail
from=${1:-+12015550142}
status=${2:-no-answer}
to=${3:-+12015550188}
hub=${HUB_URL:-http://localhost:8080}
public=${HUB_PUBLIC_BASE_URL:-$hub}
token=${HUB_TWILIO_AUTH_TOKEN:-sandbox-twilio-token}
sid="CA$(date +%s%N | sha1sum | cut -c1-32)"
account=ACsandbox00000000000000000000000000
url="$public/webhooks/twilio/voice-status"
# string to sign: URL + each parameter name and value, sorted by name, no separators
to_sign="${url}AccountSid${account}ApiVersion2010-04-01CallSid${sid}CallStatus${status}DirectioninboundFrom${from}To${to}"
signature=$(printf '%s' "$to_sign" | openssl dgst -sha1 -hmac "$token" -binary | base64)
echo "POST $hub/webhooks/twilio/voice-status  CallStatus=$status From=$from To=$to"
curl -sS -w 'HTTP %{http_code}\n' -X POST "$hub/webhooks/twilio/voice-status" -H "X-Twilio-Signature: $signature" \
  --data-urlencode "AccountSid=$account" --data-urlencode "ApiVersion=2010-04-01" --data-urlencode "CallSid=$sid" \
  --data-urlencode "CallStatus=$status" --data-urlencode "Direction=inbound" --data-urlencode "From=$from" \
  --data-urlencode "To=$to"
echo "Now open $hub/sandbox for the acknowledgment (with the booking link) and the attorney's alert;"
echo "staff view: curl -H 'Authorization: Bearer sandbox-api-token' $hub/api/intake/leads"
