-- Google Calendar incremental sync: the nextSyncToken of each calendar's last completed events.list.
-- Portable between H2 and PostgreSQL, like V1. Instants in UTC. A row without a token means "full sync next".
CREATE TABLE gcal_sync_state (
    calendar_id VARCHAR(300)  PRIMARY KEY,
    sync_token  VARCHAR(1000),
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
