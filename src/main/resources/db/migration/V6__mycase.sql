-- MyCase connector. Portable between H2 and PostgreSQL, like V1. Instants in UTC.

-- The poller's high-water mark per resource (cases, tasks, documents): the largest updated_at written to the
-- inbox. Advanced in the same transaction as the inbox rows it covers, so an outage delays, never skips.
CREATE TABLE mycase_poll_mark (
    resource   VARCHAR(40) PRIMARY KEY,
    mark       TIMESTAMP WITH TIME ZONE NOT NULL,
    polled_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- What the poller last saw of a record whose transitions are events: a case's stage and status (stage_changed,
-- matter_closed), a task's status (completed). Written with the inbox row that carries the change.
CREATE TABLE mycase_record_state (
    resource   VARCHAR(40)  NOT NULL,
    record_id  VARCHAR(64)  NOT NULL,
    stage      VARCHAR(200),
    status     VARCHAR(64),
    seen_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_mycase_record_state PRIMARY KEY (resource, record_id)
);

-- OAuth tokens. MyCase refresh tokens last two weeks and a refresh may rotate them, so the current pair is kept
-- here rather than only in memory. configured_hash: SHA-256 of the hub.mycase.refresh-token this pair descends
-- from; a different configured token (the firm re-authorised) replaces the stored pair.
CREATE TABLE mycase_oauth_token (
    id                INT          PRIMARY KEY,
    access_token      VARCHAR(4000),
    refresh_token     VARCHAR(4000),
    expires_at        TIMESTAMP WITH TIME ZONE,
    configured_hash   VARCHAR(64),
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
