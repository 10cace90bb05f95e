-- Billing follow-up (issue #15). Portable between H2 and PostgreSQL, like V1. Instants in UTC, money in cents.

-- The ladder's memory of each overdue invoice. ledger_balance_cents is the balance the practice system reported
-- when it last changed; lawpay_paid_cents the LawPay payments recorded since then (the practice system may not
-- know them yet). What is still owed: ledger_balance_cents - lawpay_paid_cents. A changed practice-system balance
-- is taken as it stands and resets lawpay_paid_cents. reference is what pay links carry (the invoice number).
CREATE TABLE billing_invoice (
    invoice_id           VARCHAR(64)   PRIMARY KEY,
    invoice_number       VARCHAR(128),
    reference            VARCHAR(128)  NOT NULL,
    client_id            VARCHAR(64),
    client_name          VARCHAR(500),
    matter_id            VARCHAR(64),
    issued_on            DATE,
    due_on               DATE          NOT NULL,
    total_cents          BIGINT        NOT NULL,
    ledger_balance_cents BIGINT        NOT NULL,
    lawpay_paid_cents    BIGINT        NOT NULL,
    first_seen_on        DATE          NOT NULL,
    stopped_on           DATE,
    stop_reason          VARCHAR(32),
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_billing_invoice_reference UNIQUE (reference)
);
CREATE INDEX ix_billing_invoice_client ON billing_invoice (client_id, stopped_on);

-- Each stage at most once per invoice, across restarts and instances: the primary key is the guard. outcome says
-- what the stage did (email, task-and-alert, no-recipient: a task for the billing manager instead).
CREATE TABLE billing_stage (
    invoice_id   VARCHAR(64)  NOT NULL,
    stage        INTEGER      NOT NULL,
    run_on       DATE         NOT NULL,
    amount_cents BIGINT       NOT NULL,
    outcome      VARCHAR(32)  NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_billing_stage PRIMARY KEY (invoice_id, stage)
);

-- Each LawPay payment applied to the ladder once (by the gateway's event id), whatever re-delivers it.
CREATE TABLE billing_payment (
    event_id     VARCHAR(200) PRIMARY KEY,
    reference    VARCHAR(200) NOT NULL,
    amount_cents BIGINT       NOT NULL,
    applied_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One statement of account per client and month; one ladder run per firm-local business day (the daily tick
-- fires every few minutes: the first after the run time claims the day).
CREATE TABLE billing_statement (
    client_id    VARCHAR(64)  NOT NULL,
    month_start  DATE         NOT NULL,
    reference    VARCHAR(128) NOT NULL,
    total_cents  BIGINT       NOT NULL,
    invoices     INTEGER      NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_billing_statement PRIMARY KEY (client_id, month_start),
    CONSTRAINT uq_billing_statement_reference UNIQUE (reference)
);

CREATE TABLE billing_run (
    run_on      DATE PRIMARY KEY,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
