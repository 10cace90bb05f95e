#!/usr/bin/env bash
# The README's full-matter walkthrough against a running sandbox hub: five milestone events on matter 1003
# (Maria Garcia, family law, prefers text messages), one of them parked for the attorney's approval, which the
# script then gives through the staff API. Watch it on $HUB_URL/sandbox.
#   1. task "Intake complete" completed          -> an SMS at once (the first update of the matter's window)
#   2. task "Retainer received" completed        -> waits: the matter had an update less than a window ago
#   3. document "Parenting plan" (Signature required) -> joins the waiting update
#   4. calendar entry "Hearing: temporary custody"    -> joins the waiting update
#   5. document "Offer from opposing counsel" (Settlement offer) -> parked; the attorney gets an approval email
#   then it pauses on the pending approval: open the approval link it prints (the one in the approval email, also on
#   $HUB_URL/sandbox), read the exact text and press "Approve and send" (or edit or reject it); the script goes on
#   when the update is decided. Press Enter instead to approve it through the staff API; SANDBOX_AUTO_APPROVE=1
#   approves it that way at once (scripts and tests) -> one email to Maria with exactly the approved text;
#   when the window closes (1 minute in the sandbox) -> one SMS "there are 3 updates"; every message is a note
#   on the matter.
# Environment: HUB_URL (default http://localhost:8080), HUB_API_TOKEN (default sandbox-api-token),
#   SANDBOX_PAUSE (seconds between events, default 1), SANDBOX_AUTO_APPROVE (1: do not pause for the approval)
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
approve_by_api() {
  curl -sS -w '\n  HTTP %{http_code}\n' -X POST -H "Authorization: Bearer $token" "$hub/api/approvals/$approval/approve?by=alex" | sed 's/^/  /'
}
pending() {
  curl -sS -H "Authorization: Bearer $token" "$hub/api/approvals" | grep -q "\"id\":$approval[,}]"
}
if [ "${SANDBOX_AUTO_APPROVE:-0}" = "1" ]; then
  echo "6. The attorney approves update $approval (SANDBOX_AUTO_APPROVE=1: through the staff API)"
  approve_by_api
else
  link=""
  for _ in $(seq 1 20); do
    link=$(curl -sS "$hub/sandbox/state.json" \
      | grep -oE "https?://[^\" ]*/approvals/$approval/approve[?]exp=[0-9]+(&|\\\\u0026)sig=[0-9a-f]+" \
      | head -1 | sed 's/\\u0026/\&/' || true)
    [ -n "$link" ] && break
    sleep 1
  done
  echo "6. Update $approval waits for the attorney's approval: nothing has gone to Maria yet."
  echo "   Open the approval page (the link from the approval email, also on $hub/sandbox):"
  echo "     ${link:-$hub/sandbox}"
  echo "   Read the exact text, then press \"Approve and send\" (or edit or reject it there)."
  echo "   Waiting for your decision; press Enter to approve it through the staff API instead."
  while pending; do
    if [ -t 0 ] && read -r -t 2 _; then
      approve_by_api
      break
    fi
    [ -t 0 ] || sleep 2
  done
  echo "   Update $approval is decided."
fi
echo
echo "Open $hub/sandbox: the SMS and the email Maria received, the approval email, the notes on matter 1003 and"
echo "the communication log. The combined SMS for steps 2-4 arrives when the matter's update window closes (1 minute)."
