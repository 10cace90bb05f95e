-- A batch of staged facts that met a fact already staged (a record listed again by a shifting page): a row whose
-- primary key is there already is skipped, so the record stays one fact. Same values as stage-fact.sql, in the same order.
INSERT INTO recon_fact (run_date, section, side, fact_id, match_key, amount_cents, occurred_at, party, matter_id, detail)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (run_date, section, side, fact_id) DO NOTHING
