-- Google Calendar push channels (events.watch), one row per channel the hub opened. token_hash is the hex SHA-256 of
-- the shared secret Google echoes in X-Goog-Channel-Token (the secret itself is not kept); expires_at is the
-- expiration Google granted. States: ACTIVE (the
-- calendar's current channel), REPLACED (a newer channel took over; channels/stop still to be confirmed), STOPPED.
-- Portable between H2 and PostgreSQL, like V1. Instants in UTC.
CREATE TABLE gcal_channel (
    channel_id  VARCHAR(64)  PRIMARY KEY,
    calendar_id VARCHAR(300) NOT NULL,
    token_hash  VARCHAR(64)  NOT NULL,
    resource_id VARCHAR(300),
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_gcal_channel_calendar ON gcal_channel (calendar_id, state);
