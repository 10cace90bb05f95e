-- Vendor pacing shared by every instance of the hub (vendor.SharedPacing): a vendor's request budget is per account
-- or token (Clio: 50 a minute per token), so two instances that each paced on their own spent it twice over.
-- One row per vendor: the next free slot, in microseconds since the epoch by the instances' wall clocks. A call
-- takes the slot under the row's lock and moves it on by the vendor's interval; a 429's Retry-After moves it to
-- the end of the pause for every instance at once.
CREATE TABLE vendor_pace (
    vendor            VARCHAR(40) PRIMARY KEY,
    next_slot_micros  BIGINT NOT NULL
);
