-- Order (issue #11): a client hears about a matter in the order things happened, even through vendor outages.
-- inbox_event.sequence_key names the vendor record a delivery is about (a Clio webhook's record, a Twilio call, the
-- sender of an inbound text): a row is processed only when no older row with the same key is still waiting.
-- outbox_message.sequence_key names the recipient (kind and address; the matter for a note): a row is sent only when
-- no older row to the same recipient is still unsent or unsettled. NULL: no order to keep.
ALTER TABLE inbox_event ADD COLUMN sequence_key VARCHAR(300);
CREATE INDEX ix_inbox_sequence ON inbox_event (sequence_key, id);
ALTER TABLE outbox_message ADD COLUMN sequence_key VARCHAR(400);
CREATE INDEX ix_outbox_sequence ON outbox_message (sequence_key, id);
