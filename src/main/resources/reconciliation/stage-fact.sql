-- A batch of staged facts (camel-sql batch: one list of values per fact, Fact.row, bound in this column order by
-- StagedRows). Positional, unlike the hub's other statements: camel-sql's named parameters are looked up again for every
-- row, and a day at volume stages 200,000. A plain INSERT, the cheapest on H2; a fact listed twice by a shifting page
-- breaks the primary key, and the route stages that batch again with stage-fact-again-<dialect>.sql, which keeps one.
INSERT INTO recon_fact (run_date, section, side, fact_id, match_key, amount_cents, occurred_at, party, matter_id, detail)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
