-- Pausing a workflow (issue #19): its messages are still stored, none is sent until it is resumed.
-- outbox_message.workflow names the workflow a message belongs to (the workflow it records on the communication log;
-- NULL for rows stored before this column and for messages of no workflow, which are never paused).
-- workflow_pause holds the paused workflows: one row each, shared by every instance on the database.
ALTER TABLE outbox_message ADD COLUMN workflow VARCHAR(64);
CREATE TABLE workflow_pause (
    workflow  VARCHAR(64)  PRIMARY KEY,
    paused_at TIMESTAMP WITH TIME ZONE NOT NULL,
    paused_by VARCHAR(200) NOT NULL
);
