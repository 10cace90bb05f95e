-- LawPay event polling (the safety net under unsigned, losable webhook deliveries). Portable between H2 and
-- PostgreSQL, like V1. Instants in UTC.

-- The poll's high-water mark per stream ('events'): the newest `created` of the events already read from the
-- gateway's Events API. Moved only after the inbox rows it covers are stored, and never backwards, so an outage
-- delays payments and never skips them.
CREATE TABLE lawpay_poll_mark (
    stream     VARCHAR(40) PRIMARY KEY,
    mark       TIMESTAMP WITH TIME ZONE NOT NULL,
    polled_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
