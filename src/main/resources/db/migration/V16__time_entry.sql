-- Time-entry capture (issue #14). Portable between H2 and PostgreSQL, like V1. Instants in UTC.

-- One row per billable calendar occurrence that ended: the hub's memory of whether the attorney had time on it.
-- id is derived from occurrence_key (the first 16 hex digits of its SHA-256), so no identity column is needed and a
-- duplicate end notice for the same occurrence collides on the primary key and prompts nothing twice.
-- work_date is the attorney's local date of the end; entry_seen_at is when the hub first saw an entry covering it
-- (at the end, at the follow-up, at the sweep, or the moment the hub recorded one itself).
CREATE TABLE time_entry_prompt (
    id               VARCHAR(16)   PRIMARY KEY,
    occurrence_key   VARCHAR(600)  NOT NULL,
    source           VARCHAR(20)   NOT NULL,
    event_id         VARCHAR(1100) NOT NULL,
    attorney_user_id VARCHAR(64)   NOT NULL,
    matter_id        VARCHAR(64)   NOT NULL,
    title            VARCHAR(1000),
    start_at         TIMESTAMP WITH TIME ZONE,
    end_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    work_date        DATE          NOT NULL,
    state            VARCHAR(16)   NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    prompted_at      TIMESTAMP WITH TIME ZONE,
    entry_seen_at    TIMESTAMP WITH TIME ZONE,
    recorded_seconds BIGINT,
    recorded_via     VARCHAR(16),
    CONSTRAINT uq_time_entry_prompt_occurrence UNIQUE (occurrence_key)
);
CREATE INDEX ix_time_entry_prompt_day ON time_entry_prompt (attorney_user_id, work_date);
CREATE INDEX ix_time_entry_prompt_state ON time_entry_prompt (state, prompted_at);
