-- End-of-day reconciliation (issue #17). Portable between H2 (PostgreSQL mode) and PostgreSQL, like V1. Instants in UTC.

-- One row per reconciled day: the durable "at most once" of the report. generation counts the runs asked for that
-- day (a re-run on demand is the next generation; a crashed run resumes with its own, so its report's outbox key is
-- the same and it is sent once). stage is the last stage finished (NONE, GATEWAY, LEDGER, TIME, COMMS, CORRELATED);
-- claimed_at/claimed_by say which instance works on it (a claim older than hub.reconciliation.stale-after is taken
-- over). chain_seq/chain_hash: the communication log's head when the report was made, the anchor it carries.
CREATE TABLE recon_run (
    run_date     DATE          PRIMARY KEY,
    generation   INT           NOT NULL,
    state        VARCHAR(16)   NOT NULL,
    stage        VARCHAR(16)   NOT NULL,
    requested_by VARCHAR(200)  NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_at   TIMESTAMP WITH TIME ZONE,
    claimed_by   VARCHAR(200),
    finished_at  TIMESTAMP WITH TIME ZONE,
    chain_seq    BIGINT,
    chain_hash   VARCHAR(64),
    notes        VARCHAR(2000)
);

-- The staged facts of a run, one per record read: section money (sides gateway, ledger), time (event, entry),
-- communications (message, note). match_key is what the aggregator groups on. The primary key makes a record listed
-- twice by a shifting page one fact, and a stage that restarts deletes its side first (through the key's prefix). No
-- second index: the correlation reads a day's facts whole and sorts them, and every insert would pay for one.
CREATE TABLE recon_fact (
    run_date     DATE          NOT NULL,
    section      VARCHAR(16)   NOT NULL,
    side         VARCHAR(16)   NOT NULL,
    fact_id      VARCHAR(200)  NOT NULL,
    match_key    VARCHAR(300)  NOT NULL,
    amount_cents BIGINT,
    occurred_at  TIMESTAMP WITH TIME ZONE,
    party        VARCHAR(200),
    matter_id    VARCHAR(64),
    detail       VARCHAR(1000),
    CONSTRAINT pk_recon_fact PRIMARY KEY (run_date, section, side, fact_id)
);

-- What the run found that needs a person: one row per correlated group that is not matched.
CREATE TABLE recon_finding (
    run_date        DATE          NOT NULL,
    section         VARCHAR(16)   NOT NULL,
    match_key       VARCHAR(300)  NOT NULL,
    kind            VARCHAR(32)   NOT NULL,
    gateway_cents   BIGINT,
    practice_cents  BIGINT,
    party           VARCHAR(200),
    matter_id       VARCHAR(64),
    records         VARCHAR(2000) NOT NULL,
    detail          VARCHAR(2000),
    CONSTRAINT pk_recon_finding PRIMARY KEY (run_date, section, match_key)
);

-- How many groups of each kind the run found, matched included.
CREATE TABLE recon_count (
    run_date DATE        NOT NULL,
    section  VARCHAR(16) NOT NULL,
    kind     VARCHAR(32) NOT NULL,
    n        BIGINT      NOT NULL,
    CONSTRAINT pk_recon_count PRIMARY KEY (run_date, section, kind)
);
