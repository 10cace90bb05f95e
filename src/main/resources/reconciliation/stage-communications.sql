-- The day's client messages that asked for a write-back (sent, on a matter) and the write-back note the outbox queued
-- for each (its key is the message's key + ':note'), keyed by the message's idempotency key.
INSERT INTO recon_fact (run_date, section, side, fact_id, match_key, amount_cents, occurred_at, party, matter_id, detail)
SELECT CAST(:#run_date AS DATE), 'communications', 'message', CAST(c.id AS VARCHAR(40)), c.idempotency_key, CAST(NULL AS BIGINT), c.recorded_at,
       SUBSTRING(COALESCE(c.recipient_name, ''), 1, 200), c.matter_id,
       SUBSTRING(COALESCE(c.channel, '') || ': ' || COALESCE(c.subject, c.template, ''), 1, 1000)
FROM communication_log c JOIN outbox_message o ON o.idempotency_key = c.idempotency_key
WHERE c.recorded_at >= :#day_from AND c.recorded_at < :#day_to AND c.outcome = 'SENT' AND c.matter_id IS NOT NULL
  AND o.payload LIKE '%"writeBack":true%'
UNION ALL
SELECT CAST(:#run_date AS DATE), 'communications', 'note', CAST(n.id AS VARCHAR(40)), c.idempotency_key, CAST(NULL AS BIGINT), n.sent_at, CAST(NULL AS VARCHAR(200)),
       c.matter_id, n.state
FROM communication_log c JOIN outbox_message n ON n.idempotency_key = c.idempotency_key || ':note'
WHERE c.recorded_at >= :#day_from AND c.recorded_at < :#day_to AND c.outcome = 'SENT' AND c.matter_id IS NOT NULL
  AND n.kind = 'MATTER_NOTE'
