-- Trust-retainer replenishment (issue #16). Portable between H2 and PostgreSQL, like V1. Instants in UTC, money in cents.

-- One row per matter the workflow has looked at: its hysteresis state and what the last check saw.
-- state LOW means a reminder episode is open (the ladder runs); OK means the matter is armed again, which happens only
-- once the available balance is seen back at or above the threshold. episode counts the times the matter went low:
-- the reminders' idempotency keys and the ladder's timer keys carry it, so one episode reminds once per rung whatever
-- the number of triggers, and the transition to LOW is a conditional UPDATE on (state, episode) that one trigger wins.
-- available_cents is the trust balance less unbilled work (when the rules count it); low_available_cents is what it
-- was when the episode began; deposits_cents the LawPay payments with the matter's reference since then.
CREATE TABLE retainer_matter (
    matter_id           VARCHAR(64)  PRIMARY KEY,
    state               VARCHAR(8)   NOT NULL,
    episode             INTEGER      NOT NULL,
    tier                VARCHAR(16),
    practice_area       VARCHAR(200),
    matter_name         VARCHAR(500),
    retainer_type       VARCHAR(200),
    balance_cents       BIGINT,
    unbilled_cents      BIGINT,
    available_cents     BIGINT,
    threshold_cents     BIGINT,
    replenish_to_cents  BIGINT,
    low_available_cents BIGINT,
    deposits_cents      BIGINT       NOT NULL,
    last_deposit_at     TIMESTAMP WITH TIME ZONE,
    low_since           TIMESTAMP WITH TIME ZONE,
    restored_at         TIMESTAMP WITH TIME ZONE,
    checked_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    skipped_reason      VARCHAR(500)
);
CREATE INDEX ix_retainer_matter_state ON retainer_matter (state, tier);

-- Each LawPay payment counted towards a matter's retainer once, by the gateway's event id (a payment seen by the
-- webhook and again by the poll is one deposit).
CREATE TABLE retainer_deposit (
    event_id     VARCHAR(128) PRIMARY KEY,
    matter_id    VARCHAR(64)  NOT NULL,
    episode      INTEGER      NOT NULL,
    amount_cents BIGINT       NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
