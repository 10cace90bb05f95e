package com.casewire.gcal;

import com.casewire.canonical.CalendarEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Google Calendar {@code Event} to {@link CalendarEvent}. The matter comes from
 * {@code extendedProperties.private.matterId} (what the hub writes on insert) and otherwise from the first group of
 * {@code hub.google.matter-pattern} in the title. All-day events ({@code start.date}) start at midnight in the
 * event's own time zone, else the calendar's, else UTC.
 */
@Component
class CalendarEventMapper {

    private final Pattern matterPattern;

    CalendarEventMapper(GoogleProperties settings) {
        this.matterPattern = Pattern.compile(settings.matterPattern());
    }

    CalendarEvent map(String calendarId, String calendarTimeZone, JsonNode event) {
        String status = event.path("status").asText(null);
        String summary = event.path("summary").asText(null);
        List<String> attendees = new ArrayList<>();
        event.path("attendees").forEach(a -> {
            String email = a.path("email").asText(null);
            if (email != null && !email.isBlank()) {
                attendees.add(email);
            }
        });
        return new CalendarEvent(event.path("id").asText(), calendarId, summary,
                instant(event.path("start"), calendarTimeZone), instant(event.path("end"), calendarTimeZone),
                status, matterId(event, summary), attendees, "cancelled".equals(status));
    }

    String matterId(JsonNode event, String summary) {
        String fromProperty = event.path("extendedProperties").path("private").path("matterId").asText(null);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return fromProperty.strip();
        }
        if (summary == null) {
            return null;
        }
        Matcher m = matterPattern.matcher(summary);
        return m.find() ? m.group(1) : null;
    }

    private static Instant instant(JsonNode time, String calendarTimeZone) {
        String dateTime = time.path("dateTime").asText(null);
        if (dateTime != null) {
            return OffsetDateTime.parse(dateTime).toInstant();
        }
        String date = time.path("date").asText(null);
        if (date == null) {
            return null; // a cancelled event reported by id only
        }
        String zone = time.path("timeZone").asText(calendarTimeZone);
        return LocalDate.parse(date).atStartOfDay(zone == null ? ZoneOffset.UTC : ZoneId.of(zone)).toInstant();
    }
}
