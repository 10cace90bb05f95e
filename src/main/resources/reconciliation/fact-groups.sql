-- The run's staged facts, one row per group (section and key): the group's facts as parallel arrays, in the same
-- order (side, then id), so the aggregator receives each group whole and once. The index recon_fact_group (V24) gives
-- the rows in group order, so H2 groups as it reads (only the current group in memory) instead of hashing the day.
SELECT section, match_key,
       ARRAY_AGG(side ORDER BY side, fact_id) AS sides,
       ARRAY_AGG(fact_id ORDER BY side, fact_id) AS fact_ids,
       ARRAY_AGG(amount_cents ORDER BY side, fact_id) AS amounts,
       ARRAY_AGG(party ORDER BY side, fact_id) AS parties,
       ARRAY_AGG(matter_id ORDER BY side, fact_id) AS matters,
       ARRAY_AGG(detail ORDER BY side, fact_id) AS details
FROM recon_fact WHERE run_date = :#run_date
GROUP BY run_date, section, match_key
ORDER BY section, match_key
