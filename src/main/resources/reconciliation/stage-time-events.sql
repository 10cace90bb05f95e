-- The day's billable events (the time-entry workflow's prompts: every billable calendar occurrence that ended that day,
-- by the attorney's local date) and the time recorded through the hub's one-tap link or SMS reply, keyed attorney|matter.
INSERT INTO recon_fact (run_date, section, side, fact_id, match_key, amount_cents, occurred_at, party, matter_id, detail)
SELECT p.work_date, 'time', 'event', p.id, p.attorney_user_id || '|' || p.matter_id, CAST(NULL AS BIGINT), p.end_at, p.attorney_user_id,
       p.matter_id, SUBSTRING(COALESCE(p.title, ''), 1, 1000)
FROM time_entry_prompt p WHERE p.work_date = :#run_date
UNION ALL
SELECT p.work_date, 'time', 'entry', 'hub:' || p.id, p.attorney_user_id || '|' || p.matter_id, CAST(NULL AS BIGINT), p.end_at,
       p.attorney_user_id, p.matter_id, 'recorded through the hub'
FROM time_entry_prompt p WHERE p.work_date = :#run_date AND p.recorded_seconds IS NOT NULL
