package com.casewire.gcal;

import com.casewire.audit.LogMask;
import com.casewire.canonical.CalendarEvent;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Incremental sync of one Google calendar: events.list from the stored sync token (a full sync when there is
 * none or Google answered 410), then the new token is stored. The token is stored only after every page was
 * read, so a failed sync repeats from the same point instead of skipping changes.
 */
@Component
class CalendarSync {

    private static final Logger log = LoggerFactory.getLogger(CalendarSync.class);

    private final GoogleCalendarClient client;
    private final GcalSyncStore state;
    private final CalendarEventMapper mapper;

    CalendarSync(GoogleCalendarClient client, GcalSyncStore state, CalendarEventMapper mapper) {
        this.client = client;
        this.state = state;
        this.mapper = mapper;
    }

    /** The events that changed since the last sync of {@code calendarId} (all events in range on a full sync). */
    public List<CalendarEvent> syncCalendar(String calendarId) {
        String stored = state.syncToken(calendarId).orElse(null);
        GoogleCalendarClient.EventChanges changes = client.listChanges(calendarId, stored);
        if (changes.fullSync() && stored != null) {
            log.warn("google calendar {}: sync token no longer valid (410), ran a full sync", LogMask.text(calendarId));
        }
        List<CalendarEvent> events = changes.items().stream()
                .map(item -> mapper.map(calendarId, changes.timeZone(), item)).toList();
        state.store(calendarId, changes.nextSyncToken());
        log.info("google calendar {}: {} changed events ({} sync)", LogMask.text(calendarId), events.size(),
                changes.fullSync() ? "full" : "incremental");
        return events;
    }
}
