-- A page of staged facts (camel-sql batch: one parameter map per fact). A fact listed twice by a shifting page stays one.
MERGE INTO recon_fact (run_date, section, side, fact_id, match_key, amount_cents, occurred_at, party, matter_id, detail)
KEY (run_date, section, side, fact_id)
VALUES (:#run_date, :#section, :#side, :#fact_id, :#match_key, :#amount_cents, :#occurred_at, :#party, :#matter_id, :#detail)
