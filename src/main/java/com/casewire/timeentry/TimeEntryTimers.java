package com.casewire.timeentry;

import com.casewire.canonical.CalendarEvent;
import com.casewire.canonical.Matter;
import com.casewire.canonical.MatterEvent;
import com.casewire.schedule.DurableTimers;
import com.casewire.staff.FirmStaff;
import com.casewire.staff.Staff;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable timers that changes in the practice-management system set for the time-entry workflow: a Clio calendar
 * entry's end-of-event timer ({@value TimeEntryPrompts#CLIO_ENDED_TIMER}, moved or cancelled with the entry) and a
 * matter's documents-quiet timer ({@value TimeEntryPrompts#DOCUMENT_TIMER}, moved by each change). When a timer is due,
 * {@link TimeEntryPrompts} decides whether to prompt.
 */
final class TimeEntryTimers {

    private static final Logger log = LoggerFactory.getLogger(TimeEntryTimers.class);

    private final TimeEntryRules rules;
    private final PromptStore store;
    private final FirmStaff staff;
    private final DurableTimers timers;
    private final ObjectMapper json;
    private final ZoneId firmZone;
    private final Clock clock;

    TimeEntryTimers(TimeEntryRules rules, PromptStore store, FirmStaff staff, DurableTimers timers, ObjectMapper json,
                    ZoneId firmZone, Clock clock) {
        this.rules = rules;
        this.store = store;
        this.staff = staff;
        this.timers = timers;
        this.json = json;
        this.firmZone = firmZone;
        this.clock = clock;
    }

    /**
     * A Clio calendar entry was created, updated or deleted: its end-of-event timer is set at {@code end_at}, a moved
     * entry's old timer is cancelled and a new one set at the new end, a deleted entry's cancelled. The attorney is
     * the matter's responsible attorney (a Clio calendar owner is a calendar, not a user). Ignores other models.
     */
    void calendarEntryChanged(MatterEvent event) {
        if (event == null || !"calendar_entry".equals(event.model())) {
            return;
        }
        String prefix = "te-clio:" + event.recordId() + ":";
        Instant end = parse(event.detail("end_at"));
        String keep = end == null || "deleted".equals(event.event()) ? null : prefix + end.getEpochSecond();
        for (Map.Entry<String, Instant> pending : timers.pending(TimeEntryPrompts.CLIO_ENDED_TIMER)) {
            if (pending.getKey().startsWith(prefix) && !pending.getKey().equals(keep)) {
                timers.cancel(pending.getKey());
                log.info("Clio calendar entry {} moved or deleted: its end-of-event timer {} is cancelled", event.recordId(),
                        pending.getKey());
            }
        }
        Matter matter = event.matter();
        if (keep == null || matter == null || matter.responsibleAttorney() == null) {
            return;
        }
        var payload = json.createObjectNode();
        payload.put("id", event.recordId());
        payload.put("summary", event.detail("summary"));
        payload.put("start", event.detail("start_at"));
        payload.put("end", end.toString());
        payload.put("matterId", matter.id());
        payload.put("userId", matter.responsibleAttorney().id());
        Instant due = end.isBefore(clock.instant()) ? clock.instant() : end;
        if (timers.schedule(keep, TimeEntryPrompts.CLIO_ENDED_TIMER, due, payload.toString())) {
            log.info("Clio calendar entry {} on matter {}: end-of-event timer at {}", event.recordId(), matter.id(), end);
        }
    }

    /**
     * A document was created or updated on a matter: the prompt for the matter's responsible attorney waits until the
     * matter's documents have been quiet for the rules' {@code documents.quietFor} (each change moves the timer),
     * once per matter, person and day. Deletions and other models are ignored.
     */
    void documentChanged(MatterEvent event) {
        if (event == null || !"document".equals(event.model()) || "deleted".equals(event.event()) || !rules.documentsEnabled()
                || event.matter() == null || event.matter().responsibleAttorney() == null) {
            return;
        }
        String userId = event.matter().responsibleAttorney().id();
        Optional<Staff> attorney = staff.byPracticeUserId(userId);
        if (attorney.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        LocalDate day = now.atZone(attorney.get().zoneOr(firmZone)).toLocalDate();
        String occurrence = TimeEntryPrompts.documentOccurrence(event.matter().id(), userId, day);
        if (store.find(PromptStore.idFor(occurrence)).isPresent()) {
            return; // prompted (or found covered) for this matter and day already
        }
        String prefix = "te-doc:" + event.matter().id() + ":" + userId + ":" + day + ":";
        for (Map.Entry<String, Instant> pending : timers.pending(TimeEntryPrompts.DOCUMENT_TIMER)) {
            if (pending.getKey().startsWith(prefix)) {
                timers.cancel(pending.getKey());
            }
        }
        var payload = json.createObjectNode();
        payload.put("matterId", event.matter().id());
        payload.put("userId", userId);
        payload.put("day", day.toString());
        payload.put("documentId", event.recordId());
        payload.put("documentName", event.detail("name"));
        timers.schedule(prefix + now.toEpochMilli(), TimeEntryPrompts.DOCUMENT_TIMER, now.plus(rules.documentsQuietFor()), payload.toString());
        log.info("document {} changed on matter {}: time prompt for user {} after {} of quiet", event.recordId(),
                event.matter().id(), userId, rules.documentsQuietFor());
    }

    /** The Clio entry a {@value TimeEntryPrompts#CLIO_ENDED_TIMER} timer carries, as the canonical event the workflow handles. */
    CalendarEvent clioEvent(String payload) {
        try {
            JsonNode p = json.readTree(payload);
            return new CalendarEvent(p.path("id").asText(), TimeEntryRules.CLIO_CALENDAR + ":" + p.path("userId").asText(),
                    p.path("summary").asText(null), parse(p.path("start").asText(null)), parse(p.path("end").asText(null)),
                    null, p.path("matterId").asText(null), List.of(), false);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable Clio end-of-event timer", e);
        }
    }

    private static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.parse(text);
        }
    }
}
