-- The run's staged facts ordered by section and key, each with the size of its group: the aggregator completes a group
-- when that many facts of its key have arrived, so only the group being read is held in memory.
SELECT section, side, fact_id, match_key, amount_cents, occurred_at, party, matter_id, detail,
       section || '|' || match_key AS group_key, COUNT(*) OVER (PARTITION BY section, match_key) AS group_size
FROM recon_fact WHERE run_date = :#run_date
ORDER BY section, match_key, side, fact_id
