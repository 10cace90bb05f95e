-- Reliability (issue #11): a missed call from a withheld number is still a lead, with no number to call back or text.
-- Such a lead has neither phone nor email; caller_withheld tells staff why, and its open_key is the call's own key
-- (one withheld caller cannot be told from another, so their calls are not folded into one lead).
ALTER TABLE intake_lead ADD COLUMN caller_withheld BOOLEAN DEFAULT FALSE NOT NULL;
