package com.casewire.canonical;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Time recorded on a matter (Clio: an Activity of type TimeEntry; MyCase: a time entry). {@code seconds} is the
 * time worked; {@code rateCents} the hourly or flat rate and {@code totalCents} what it bills, both in cents.
 * {@code matterId} and {@code userId} are null when the entry has none.
 */
public record TimeEntry(String id, String matterId, String userId, LocalDate date, long seconds, long rateCents,
                        long totalCents, String note, boolean billed, boolean nonBillable) {

    public TimeEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(date, "date");
        if (seconds < 0) {
            throw new IllegalArgumentException("seconds must not be negative: " + seconds);
        }
    }
}
