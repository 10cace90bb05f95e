-- The correlation reads a day's facts one group (section and key) at a time (reconciliation/fact-groups.sql). With
-- this index H2 groups them in index order as it reads, holding one group; without it, it hashed every group of the
-- day in the hub's heap. Costs each staged row one more index entry.
CREATE INDEX recon_fact_group ON recon_fact (run_date, section, match_key);
