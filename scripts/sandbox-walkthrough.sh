#!/usr/bin/env bash
# The README's full-matter walkthrough against a running sandbox hub: five milestone events on matter 1003
# (Maria Garcia, family law, prefers text messages), one of them parked for the attorney's approval, which the
# script then gives through the staff API. Watch it on $HUB_URL/sandbox.
#   1. task "Intake complete" completed          -> an SMS at once (the first update of the matter's window)
#   2. task "Retainer received" completed        -> waits: the matter had an update less than a window ago
#   3. document "Parenting plan" (Signature required) -> joins the waiting update
#   4. calendar entry "Hearing: temporary custody"    -> joins the waiting update
#   5. document "Offer from opposing counsel" (Settlement offer) -> parked; the attorney gets an approval email
#   then: approve it (POST /api/approvals/{id}/approve) -> one email to Maria with exactly the approved text;
#   when the window closes (1 minute in the sandbox) -> one SMS "there are 3 updates"; every message is a note
#   on the matter.
# Environment: HUB_URL (default http://localhost:8080), HUB_API_TOKEN (default sandbox-api-token),
#   SANDBOX_PAUSE (seconds between events, default 1)
set -euo pipefail
hub=${HUB_URL:-http://localhost:8080}
token=${HUB_API_TOKEN:-sandbox-api-token}
here=$(cd "$(dirname "$0")" && pwd)
event() { "$here/sandbox-event.sh" "$@" | sed 's/^/  /'; sleep "${SANDBOX_PAUSE:-1}"; }

echo "1. Intake complete"
event task 1003 "Intake complete"
echo "2. Retainer received"
event task 1003 "Retainer received"
echo "3. A document to sign"
event document 1003 "Parenting plan" "Signature required"
echo "4. The hearing date"
event calendar 1003 "Hearing: temporary custody"
echo "5. A settlement offer (needs the attorney's approval)"
event document 1003 "Offer from opposing counsel" "Settlement offer"

approval=""
for _ in $(seq 1 30); do
  approval=$(curl -sS -H "Authorization: Bearer $token" "$hub/api/approvals" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2 || true)
  [ -n "$approval" ] && break
  sleep 1
done
if [ -z "$approval" ]; then
  echo "no approval appeared on $hub/api/approvals" >&2
  exit 1
fi
echo "6. The attorney approves update $approval (the approval email with its signed links is on the sandbox page too)"
curl -sS -w '\n  HTTP %{http_code}\n' -X POST -H "Authorization: Bearer $token" "$hub/api/approvals/$approval/approve?by=alex" | sed 's/^/  /'
echo
echo "Open $hub/sandbox: the SMS and the email Maria received, the approval email, the notes on matter 1003 and"
echo "the communication log. The combined SMS for steps 2-4 arrives when the matter's update window closes (1 minute)."
