package com.casewire.gcal;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The part of Google Calendar that workflows outside this package use: whose calendar is busy when (freeBusy) and
 * putting a consultation on an attorney's calendar (events.insert). {@link #configured()} is false while the Google
 * credentials are not set; callers then treat every attorney as free and offer no self-booking.
 */
@Component
public class ConsultationCalendar {

    /** A busy period: {@code start} inclusive, {@code end} exclusive. */
    public record Busy(Instant start, Instant end) {
    }

    private final GoogleCalendarClient google;
    private final GoogleProperties settings;

    ConsultationCalendar(GoogleCalendarClient google, GoogleProperties settings) {
        this.google = google;
        this.settings = settings;
    }

    /**
     * Whether the hub holds Google credentials it can use: a service account's key (used once {@code calendar-ids} is
     * set, which turns the connector on; {@link GoogleTokens}), else an OAuth client's refresh token.
     */
    public boolean configured() {
        if (settings.usesServiceAccount()) {
            return settings.enabled() && !settings.serviceAccountKey().isBlank();
        }
        return !settings.clientId().isBlank() && !settings.clientSecret().isBlank() && !settings.refreshToken().isBlank();
    }

    /** Busy periods per calendar id between {@code from} and {@code to}; fails if Google could not read a calendar. */
    public Map<String, List<Busy>> busy(Instant from, Instant to, String timeZone, List<String> calendarIds) {
        Map<String, List<Busy>> result = new LinkedHashMap<>();
        google.freeBusy(from, to, timeZone, calendarIds).forEach((id, periods) ->
                result.put(id, periods.stream().map(p -> new Busy(p.start(), p.end())).toList()));
        return result;
    }

    /** Inserts the event (attendees invited by Google); returns the event's id. */
    public String insert(String calendarId, String summary, String description, ZonedDateTime start, ZonedDateTime end,
                         List<String> attendeeEmails) {
        return google.insertEvent(calendarId, new GoogleCalendarClient.NewEvent(summary, description, start, end,
                attendeeEmails, null));
    }
}
