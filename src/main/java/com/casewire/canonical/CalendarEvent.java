package com.casewire.canonical;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A calendar event as the hub sees it after a sync. {@code start} and {@code end} are null for a cancelled
 * event that the calendar reports by id only; {@code matterId} is null when the event names no matter.
 */
public record CalendarEvent(String id, String calendarId, String summary, Instant start, Instant end, String status,
                            String matterId, List<String> attendeeEmails, boolean cancelled) {

    public CalendarEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(calendarId, "calendarId");
        attendeeEmails = attendeeEmails == null ? List.of() : List.copyOf(attendeeEmails);
    }
}
