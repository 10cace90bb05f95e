-- A batch of staged facts (camel-sql batch: one list of values per fact, in this column order). Positional, unlike the
-- hub's other statements: camel-sql resolves each named parameter of each row by scanning the statement again and
-- converting the row to a map, for 200,000 rows a day at volume. A plain INSERT, the cheapest on H2; a fact listed
-- twice by a shifting page breaks the primary key, and the route stages that batch again with
-- stage-fact-again-<dialect>.sql, which keeps one.
INSERT INTO recon_fact (run_date, section, side, fact_id, match_key, amount_cents, occurred_at, party, matter_id, detail)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
