-- A batch of staged facts that met a fact already staged (a record listed again by a shifting page): each row is
-- merged on the primary key, so the record stays one fact. Same values as stage-fact.sql, in the same order.
MERGE INTO recon_fact (run_date, section, side, fact_id, match_key, amount_cents, occurred_at, party, matter_id, detail)
KEY (run_date, section, side, fact_id)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
