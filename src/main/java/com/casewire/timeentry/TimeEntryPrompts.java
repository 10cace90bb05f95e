package com.casewire.timeentry;

import com.casewire.audit.LogMask;
import com.casewire.canonical.CalendarEvent;
import com.casewire.canonical.Channel;
import com.casewire.canonical.Matter;
import com.casewire.canonical.MatterEvent;
import com.casewire.canonical.Notification;
import com.casewire.canonical.Recipient;
import com.casewire.outbox.Outbox;
import com.casewire.practice.PracticeLedger;
import com.casewire.practice.PracticeManagement;
import com.casewire.schedule.DurableTimers;
import com.casewire.staff.FirmStaff;
import com.casewire.staff.Staff;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The time-entry workflow's decisions (routes/time-entry.camel.yaml): a Clio calendar entry becomes a durable timer
 * at its end (moved with it); an ended billable event on a matter with no entry for that attorney, matter and day
 * becomes one prompt per occurrence; a prompt still open after the rules' follow-up delay becomes one reminder; a
 * recorded duration becomes one time entry through the outbox.
 */
public class TimeEntryPrompts {

    private static final Logger log = LoggerFactory.getLogger(TimeEntryPrompts.class);

    public static final String WORKFLOW = "time-entry";
    static final String CLIO_ENDED_TIMER = "time-entry-clio-ended";
    static final String FOLLOW_UP_TIMER = "time-entry-follow-up";
    static final String DOCUMENT_TIMER = "time-entry-document-quiet";
    static final String DOCUMENT_SOURCE = "document";
    /** Header naming the attorney (practice user id) when the trigger knows it (Clio calendar entries). */
    public static final String ATTORNEY = "casewireAttorneyUserId";
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.US);

    /** What recording did: the entry went to the outbox now, or it had been recorded before. */
    record Recorded(PromptStore.Prompt prompt, long seconds, boolean now) {
    }

    private final TimeEntryRules rules;
    private final PromptStore store;
    private final FirmStaff staff;
    private final PracticeLedger ledger;
    private final PracticeManagement practice;
    private final DurableTimers timers;
    private final Outbox outbox;
    private final TimeEntryChannel channel;
    private final TimeEntryLinks links;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final ZoneId firmZone;
    private final Clock clock;
    private final TimeEntryTimers eventTimers;

    TimeEntryPrompts(TimeEntryRules rules, PromptStore store, FirmStaff staff, PracticeLedger ledger,
                     PracticeManagement practice, DurableTimers timers, Outbox outbox, TimeEntryChannel channel,
                     TimeEntryLinks links, TransactionTemplate tx, ObjectMapper json, ZoneId firmZone, Clock clock) {
        this.rules = rules;
        this.store = store;
        this.staff = staff;
        this.ledger = ledger;
        this.practice = practice;
        this.timers = timers;
        this.outbox = outbox;
        this.channel = channel;
        this.links = links;
        this.tx = tx;
        this.json = json;
        this.firmZone = firmZone;
        this.clock = clock;
        this.eventTimers = new TimeEntryTimers(rules, store, staff, timers, json, firmZone, clock);
    }

    /**
     * A Clio calendar entry was created, updated or deleted: its end-of-event timer follows it ({@link TimeEntryTimers}).
     * Ignores other models.
     */
    public void calendarEntryChanged(@Body MatterEvent event) {
        eventTimers.calendarEntryChanged(event);
    }

    /** A document was created or updated on a matter: the matter's documents-quiet timer moves ({@link TimeEntryTimers}). */
    public void documentChanged(@Body MatterEvent event) {
        eventTimers.documentChanged(event);
    }

    static String documentOccurrence(String matterId, String userId, LocalDate day) {
        return "doc:" + matterId + ":" + userId + ":" + day;
    }

    /**
     * The matter's documents have been quiet: an email prompt to the attorney unless they have time on the matter that
     * day (or were prompted for it already). Null otherwise.
     */
    public Notification documentQuiet(@Body String payload) {
        JsonNode p;
        try {
            p = json.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable document timer", e);
        }
        String matterId = p.path("matterId").asText();
        String userId = p.path("userId").asText();
        LocalDate day = LocalDate.parse(p.path("day").asText());
        Optional<Staff> attorney = staff.byPracticeUserId(userId);
        String key = documentOccurrence(matterId, userId, day);
        String id = PromptStore.idFor(key);
        if (attorney.isEmpty() || store.find(id).isPresent()) {
            return null;
        }
        Instant now = clock.instant();
        boolean covered = hasEntry(userId, matterId, day);
        String name = p.hasNonNull("documentName") ? p.path("documentName").asText() : "a document";
        PromptStore.Prompt prompt = new PromptStore.Prompt(id, key, DOCUMENT_SOURCE, p.path("documentId").asText(), userId,
                matterId, "Work on " + name, null, now, day, covered ? PromptStore.COVERED : PromptStore.PROMPTED,
                covered ? null : now, covered ? now : null, null);
        if (!store.insert(prompt, now) || covered) {
            return null;
        }
        log.info("documents on matter {} quiet: prompting user {} by email (prompt {})", matterId, userId, id);
        Staff person = attorney.get();
        Map<String, String> model = new HashMap<>(describe(prompt));
        model.put("attorney.firstName", person.firstName());
        model.put("document.name", name);
        model.put("link", links.url(id));
        return new Notification("time-entry:document:" + id, WORKFLOW, "document", null, null,
                new Recipient(person.asContact().withPreferredChannel(Channel.EMAIL), "attorney"), model, false, false,
                List.of(Channel.EMAIL.id()), null);
    }

    /** The Clio entry a {@value #CLIO_ENDED_TIMER} timer carries, as the canonical event the workflow handles. */
    CalendarEvent clioEvent(String payload) {
        return eventTimers.clioEvent(payload);
    }

    static String clioUserOf(CalendarEvent event) {
        String prefix = TimeEntryRules.CLIO_CALENDAR + ":";
        return event.calendarId().startsWith(prefix) ? event.calendarId().substring(prefix.length()) : null;
    }

    /**
     * An event ended. Returns the prompt for its attorney, or null: not billable, no matter, nobody to ask, already
     * handled (duplicates of one occurrence share {@code occurrenceKey}), or the attorney already has time on that
     * matter that day.
     */
    public Notification ended(@Body CalendarEvent event, @Header("casewireDedupeKey") String occurrenceKey) {
        if (!rules.billable(event)) {
            log.debug("ended event {} is not billable or names no matter", event == null ? null : event.id());
            return null;
        }
        String clioUser = clioUserOf(event);
        Optional<Staff> who = clioUser != null ? staff.byPracticeUserId(clioUser) : staff.byEmail(event.calendarId());
        if (who.isEmpty()) {
            log.info("ended event {} on calendar {}: no staff member to prompt", event.id(), LogMask.text(event.calendarId()));
            return null;
        }
        Staff attorney = who.get();
        String key = occurrenceKey != null ? occurrenceKey
                : (clioUser != null ? "clio:" : "gcal:") + event.calendarId() + ":" + event.id() + ":" + event.end();
        String id = PromptStore.idFor(key);
        if (store.find(id).isPresent()) {
            log.info("ended event {} (occurrence {}) was handled already", event.id(), id);
            return null;
        }
        LocalDate day = event.end().atZone(attorney.zoneOr(firmZone)).toLocalDate();
        Instant now = clock.instant();
        boolean covered = hasEntry(attorney.practiceUserId(), event.matterId(), day);
        PromptStore.Prompt prompt = new PromptStore.Prompt(id, key, clioUser != null ? "clio" : "google", event.id(),
                attorney.practiceUserId(), event.matterId(), event.summary(), event.start(), event.end(), day,
                covered ? PromptStore.COVERED : PromptStore.PROMPTED, covered ? null : now, covered ? now : null, null);
        if (!store.insert(prompt, now)) {
            return null; // a concurrent duplicate won
        }
        if (covered) {
            log.info("ended event {} on matter {}: user {} already has time that day, no prompt", event.id(),
                    event.matterId(), attorney.practiceUserId());
            return null;
        }
        timers.schedule(FOLLOW_UP_TIMER + ":" + id, FOLLOW_UP_TIMER, now.plus(rules.followUpAfter()), id);
        log.info("ended event {} on matter {}: prompting user {} by {} (prompt {})", event.id(), event.matterId(),
                attorney.practiceUserId(), attorney.channel().id(), id);
        return notification("prompt", "time-entry:prompt:" + id, prompt, attorney);
    }

    /** The reminder for a prompt still open after the follow-up delay; null once an entry exists or it was recorded. */
    public Notification followUp(@Body String promptId) {
        Optional<PromptStore.Prompt> found = store.find(promptId);
        if (found.isEmpty() || !found.get().open()) {
            return null;
        }
        PromptStore.Prompt prompt = found.get();
        if (hasEntry(prompt.attorneyUserId(), prompt.matterId(), prompt.workDate())) {
            store.markCovered(prompt.id(), clock.instant());
            log.info("prompt {}: the time was recorded in the practice system, no follow-up", prompt.id());
            return null;
        }
        Optional<Staff> attorney = staff.byPracticeUserId(prompt.attorneyUserId());
        if (attorney.isEmpty()) {
            return null;
        }
        log.info("prompt {}: still no time entry, following up by {}", prompt.id(), attorney.get().channel().id());
        return notification("follow-up", "time-entry:follow-up:" + prompt.id(), prompt, attorney.get());
    }

    /**
     * Records {@code seconds} (rounded up to the increment) on the prompt's matter, once: the first call puts the
     * entry in the outbox and cancels the follow-up; later calls change nothing and say so.
     */
    Recorded record(PromptStore.Prompt prompt, long seconds, String note, String via) {
        long rounded = rules.round(seconds);
        String text = note == null || note.isBlank() ? prompt.title() : note.strip();
        return tx.execute(status -> {
            if (!store.markRecorded(prompt.id(), rounded, via, clock.instant())) {
                Long before = store.find(prompt.id()).map(PromptStore.Prompt::recordedSeconds).orElse(null);
                return new Recorded(prompt, before == null ? 0 : before, false);
            }
            PracticeLedger.NewTimeEntry entry = new PracticeLedger.NewTimeEntry(prompt.matterId(), prompt.attorneyUserId(),
                    prompt.workDate(), rounded, text);
            outbox.enqueue("time-entry:record:" + prompt.id(), channel.message(entry));
            timers.cancel(FOLLOW_UP_TIMER + ":" + prompt.id());
            log.info("prompt {}: {} s recorded on matter {} by {}", prompt.id(), rounded, prompt.matterId(), via);
            return new Recorded(prompt, rounded, true);
        });
    }

    /** A fresh one-tap link for the prompt (digests and recovery emails carry their own, valid from now). */
    String link(PromptStore.Prompt prompt) {
        return links.url(prompt.id());
    }

    Optional<PromptStore.Prompt> prompt(String id) {
        return store.find(id);
    }

    TimeEntryRules rules() {
        return rules;
    }

    private boolean hasEntry(String userId, String matterId, LocalDate day) {
        return !ledger.timeEntries(day, day, userId, matterId).isEmpty();
    }

    /** The event's duration rounded up to the increment, as hours ("1.2"). */
    String suggestedHours(PromptStore.Prompt prompt) {
        long seconds = prompt.startAt() == null ? rules.incrementSeconds()
                : Duration.between(prompt.startAt(), prompt.endAt()).getSeconds();
        return hours(rules.round(Math.max(seconds, 1)));
    }

    static String hours(long seconds) {
        return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }

    Notification notification(String milestone, String key, PromptStore.Prompt prompt, Staff attorney) {
        Map<String, String> model = new HashMap<>(describe(prompt));
        model.put("attorney.firstName", attorney.firstName());
        model.put("link", links.url(prompt.id()));
        return new Notification(key, WORKFLOW, milestone, null, null, new Recipient(attorney.asContact(), "attorney"),
                model, false, false, List.of(attorney.channel().id()), null);
    }

    /** What the messages and the page say about a prompt: event, client, matter, date, suggested hours. */
    Map<String, String> describe(PromptStore.Prompt prompt) {
        Map<String, String> model = new HashMap<>();
        model.put("event.title", prompt.title() == null || prompt.title().isBlank() ? "your meeting" : prompt.title());
        Optional<Matter> matter = practice.findMatter(prompt.matterId());
        model.put("matter.name", matter.map(Matter::name).filter(n -> n != null && !n.isBlank()).orElse("matter " + prompt.matterId()));
        model.put("client.name", matter.map(Matter::client).map(c -> c.name()).filter(n -> n != null && !n.isBlank())
                .orElse(model.get("matter.name")));
        model.put("event.date", DATE.format(prompt.workDate()));
        model.put("event.hours", suggestedHours(prompt));
        return model;
    }

}
