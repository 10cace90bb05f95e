package com.casewire.gcal;

import com.casewire.audit.LogMask;
import com.casewire.canonical.CalendarEvent;
import com.casewire.schedule.DurableTimers;
import com.casewire.schedule.TimerHandler;
import com.casewire.vendor.Sha256;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a calendar sync means for the workflows. Each changed event that has not ended gets a durable timer at its
 * end; an event that ended within {@code hub.google.ended-event-window} before it was seen gets one due at once;
 * a moved event's old timer is cancelled, a cancelled event's too. When the timer fires the event is sent, as a
 * {@link CalendarEvent}, to {@code direct:calendar-event-ended} (the time-entry workflow's entry point). The timer
 * key is (calendar, event, end), so an event is reported once per end time however often it is synced.
 * <p>
 * A sync and the timers it creates commit together with the new sync token: a failure repeats the sync instead
 * of losing changes.
 */
@Component("calendarChanges")
public class CalendarChanges {

    private static final Logger log = LoggerFactory.getLogger(CalendarChanges.class);

    static final String SYNC_TIMER = "gcal-sync";
    static final String ENDED_TIMER = "gcal-event-ended";
    static final String ENDED_ENDPOINT = "direct:calendar-event-ended";

    private final CalendarSync sync;
    private final DurableTimers timers;
    private final TransactionTemplate tx;
    private final GoogleProperties settings;
    private final ObjectMapper json;
    private final Clock clock;

    CalendarChanges(CalendarSync sync, DurableTimers timers, TransactionTemplate tx, GoogleProperties settings, ObjectMapper json,
                    Clock clock) {
        this.sync = sync;
        this.timers = timers;
        this.tx = tx;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    /** Incremental sync of every configured calendar (route {@code gcal-sync-calendars}); one failing does not stop the rest. */
    public int syncAll() {
        if (!settings.enabled()) {
            return 0;
        }
        int synced = 0;
        for (String calendarId : settings.calendarIds()) {
            try {
                sync(calendarId);
                synced++;
            } catch (RuntimeException e) {
                log.warn("google calendar {}: sync failed, retried on the next run or push: {}", LogMask.text(calendarId),
                        LogMask.text(e.toString()));
            }
        }
        return synced;
    }

    /** Syncs one calendar and tracks its changed events, in one transaction. */
    public void sync(String calendarId) {
        tx.executeWithoutResult(status -> {
            List<CalendarEvent> changed = sync.syncCalendar(calendarId);
            if (!changed.isEmpty()) {
                track(changed);
            }
        });
    }

    /** Records that a push notification asked for a sync: a durable timer due now, one per notification. */
    void requestSync(String calendarId, String hintKey) {
        String key = SYNC_TIMER + ":" + hintKey;
        if (timers.stateOf(key) == null) {
            timers.schedule(key, SYNC_TIMER, clock.instant(), calendarId);
        }
    }

    void track(List<CalendarEvent> changed) {
        Instant now = clock.instant();
        Map<String, List<String>> pendingByEvent = new java.util.HashMap<>();
        for (Map.Entry<String, Instant> pending : timers.pending(ENDED_TIMER)) {
            String key = pending.getKey();
            pendingByEvent.computeIfAbsent(key.substring(0, key.lastIndexOf(':')), k -> new ArrayList<>()).add(key);
        }
        for (CalendarEvent event : changed) {
            String eventKey = ENDED_TIMER + ":" + digest(event.calendarId() + "\n" + event.id());
            String key = event.end() == null ? null : eventKey + ":" + event.end().getEpochSecond();
            for (String old : pendingByEvent.getOrDefault(eventKey, List.of())) {
                if (event.cancelled() || !old.equals(key)) {
                    timers.cancel(old); // moved or cancelled: its old end no longer counts
                }
            }
            if (event.cancelled() || event.end() == null) {
                continue;
            }
            if (event.end().isBefore(now.minus(settings.endedEventWindow()))) {
                log.debug("google calendar {}: event {} ended at {}, before the reporting window", event.calendarId(),
                        event.id(), event.end());
                continue;
            }
            if (timers.stateOf(key) == null) {
                timers.schedule(key, ENDED_TIMER, event.end().isAfter(now) ? event.end() : now, toJson(event));
            }
        }
    }

    String toJson(CalendarEvent e) {
        ObjectNode node = json.createObjectNode();
        node.put("id", e.id());
        node.put("calendarId", e.calendarId());
        node.put("summary", e.summary());
        node.put("start", e.start() == null ? null : e.start().toString());
        node.put("end", e.end() == null ? null : e.end().toString());
        node.put("status", e.status());
        node.put("matterId", e.matterId());
        var attendees = node.putArray("attendeeEmails");
        e.attendeeEmails().forEach(attendees::add);
        node.put("cancelled", e.cancelled());
        return node.toString();
    }

    CalendarEvent fromJson(String payload) {
        try {
            JsonNode n = json.readTree(payload);
            List<String> attendees = new ArrayList<>();
            n.path("attendeeEmails").forEach(a -> attendees.add(a.asText()));
            return new CalendarEvent(n.path("id").asText(), n.path("calendarId").asText(), text(n, "summary"),
                    instant(n, "start"), instant(n, "end"), text(n, "status"), text(n, "matterId"), attendees,
                    n.path("cancelled").asBoolean(false));
        } catch (IOException e) {
            throw new IllegalStateException("timer payload is not a calendar event: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static Instant instant(JsonNode n, String field) {
        return n.hasNonNull(field) ? Instant.parse(n.get(field).asText()) : null;
    }

    /** A fixed-length stand-in for ids of any length in timer keys (Google event ids may be long). */
    static String digest(String text) {
        return Sha256.hex(text).substring(0, 40);
    }

    /** Runs a sync a push notification asked for. */
    @Component
    static class SyncTimer implements TimerHandler {

        private final CalendarChanges changes;

        SyncTimer(CalendarChanges changes) {
            this.changes = changes;
        }

        @Override
        public String kind() {
            return SYNC_TIMER;
        }

        @Override
        public void run(String actionKey, String calendarId) {
            changes.sync(calendarId);
        }
    }

    /**
     * Sends an event that has ended to {@code direct:calendar-event-ended}, in a transaction so what the workflow
     * writes (timers, outbox rows) commits together; a failure puts the timer back for a later attempt.
     */
    @Component
    static class EndedTimer implements TimerHandler {

        private final CalendarChanges changes;
        private final ProducerTemplate camel;
        private final TransactionTemplate tx;

        EndedTimer(CalendarChanges changes, ProducerTemplate camel, TransactionTemplate tx) {
            this.changes = changes;
            this.camel = camel;
            this.tx = tx;
        }

        @Override
        public String kind() {
            return ENDED_TIMER;
        }

        @Override
        public void run(String actionKey, String payload) {
            CalendarEvent event = changes.fromJson(payload);
            tx.executeWithoutResult(status -> camel.sendBodyAndHeader(ENDED_ENDPOINT, event, "casewireDedupeKey", actionKey));
        }
    }
}
