package com.casewire.timeentry;

import com.casewire.canonical.Channel;
import com.casewire.canonical.Notification;
import com.casewire.canonical.Recipient;
import com.casewire.canonical.TimeEntry;
import com.casewire.outbox.Outbox;
import com.casewire.practice.PracticeLedger;
import com.casewire.practice.PracticeTaskChannel;
import com.casewire.schedule.DurableTimers;
import com.casewire.staff.FirmStaff;
import com.casewire.staff.Staff;
import com.casewire.staff.StaffDirectory;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The day's sweep (the rules' {@code sweepAt}, 17:00) and the next morning's recovery ({@code recoveryAt}, 08:00), each
 * at that local time in every attorney's own zone. A quartz tick asks {@link #scheduleDue} which attorneys have
 * reached their time and sets one durable timer per attorney and day (its key makes it once). The timer sends a
 * {@link Sweep} to the route, which splits the attorney's day into facts (billable events and time entries) that a
 * Camel aggregator correlates per attorney and day ({@link Sheet}); {@link #digest} and {@link #recovery} turn the
 * sheet into the message listing only the events still without an entry.
 */
public class TimeEntrySweeps {

    private static final Logger log = LoggerFactory.getLogger(TimeEntrySweeps.class);

    static final String SWEEP_TIMER = "time-entry-sweep";
    static final String RECOVERY_TIMER = "time-entry-recovery";
    /** Correlation header of the aggregator: the attorney and the day. */
    public static final String SHEET_KEY = "casewireTimeSheet";

    /** One attorney's day to check; {@code recovery} for the morning-after email. */
    public record Sweep(String userId, LocalDate day, boolean recovery) {
    }

    /** A fact of the day: a billable event that ended (prompt row) or a time entry in the practice system. */
    public record Fact(Sweep sweep, PromptStore.Prompt event, TimeEntry entry) {
    }

    /** The attorney's day, correlated: the billable events and the matters that have time. */
    public static final class Sheet {
        final Sweep sweep;
        final List<PromptStore.Prompt> events = new ArrayList<>();
        final Set<String> mattersWithTime = new HashSet<>();

        Sheet(Sweep sweep) {
            this.sweep = sweep;
        }

        /** Events without an entry on their matter that day (nor one recorded through the hub), in order. */
        List<PromptStore.Prompt> missing() {
            return events.stream().filter(e -> e.recordedSeconds() == null && !mattersWithTime.contains(e.matterId())).toList();
        }
    }

    private final TimeEntryRules rules;
    private final PromptStore store;
    private final StaffDirectory directory;
    private final FirmStaff staff;
    private final PracticeLedger ledger;
    private final TimeEntryPrompts prompts;
    private final DurableTimers timers;
    private final Outbox outbox;
    private final ZoneId firmZone;
    private final Clock clock;

    TimeEntrySweeps(TimeEntryRules rules, PromptStore store, StaffDirectory directory, FirmStaff staff,
                    PracticeLedger ledger, TimeEntryPrompts prompts, DurableTimers timers, Outbox outbox, ZoneId firmZone,
                    Clock clock) {
        this.rules = rules;
        this.store = store;
        this.directory = directory;
        this.staff = staff;
        this.ledger = ledger;
        this.prompts = prompts;
        this.timers = timers;
        this.outbox = outbox;
        this.firmZone = firmZone;
        this.clock = clock;
    }

    /**
     * Sets today's sweep for every attorney whose local time has reached {@code sweepAt}, and the recovery for
     * yesterday for those past {@code recoveryAt}; each at most once per attorney and day. Returns how many were set.
     */
    public int scheduleDue() {
        int set = 0;
        for (Staff attorney : directory.withRole(Staff.Role.ATTORNEY)) {
            ZonedDateTime local = clock.instant().atZone(attorney.zoneOr(firmZone));
            if (!local.toLocalTime().isBefore(rules.sweepAt())) {
                set += schedule(SWEEP_TIMER, attorney, local.toLocalDate(), rules.sweepAt());
            }
            if (!local.toLocalTime().isBefore(rules.recoveryAt())) {
                set += schedule(RECOVERY_TIMER, attorney, local.toLocalDate().minusDays(1), rules.recoveryAt());
            }
        }
        return set;
    }

    private int schedule(String kind, Staff attorney, LocalDate day, LocalTime at) {
        String key = kind + ":" + attorney.practiceUserId() + ":" + day;
        if (timers.stateOf(key) != null) {
            return 0; // set already (the usual case: this runs every minute until midnight)
        }
        if (timers.schedule(key, kind, clock.instant(), attorney.practiceUserId() + "|" + day)) {
            log.info("{} for user {} on {} is due ({} local)", kind, attorney.practiceUserId(), day, at);
            return 1;
        }
        return 0;
    }

    static Sweep parse(String payload, boolean recovery) {
        String[] parts = payload.split("\\|");
        return new Sweep(parts[0], LocalDate.parse(parts[1]), recovery);
    }

    /**
     * The aggregator's correlation key for the sweep's day ({@value #SHEET_KEY}, set by the route before the facts are
     * read): the attorney, the day, and whether it is the evening sweep or the next morning's recovery.
     */
    public String sheetKey(@Body Sweep sweep) {
        return sweep.userId() + ":" + sweep.day() + (sweep.recovery() ? ":recovery" : ":sweep");
    }

    /**
     * The facts of the attorney's day: the billable events that ended that day and the time entries dated that day.
     * Empty when no billable event ended.
     */
    public List<Fact> facts(@Body Sweep sweep) {
        List<PromptStore.Prompt> events = store.day(sweep.userId(), sweep.day());
        if (events.isEmpty()) {
            return List.of();
        }
        List<Fact> facts = new ArrayList<>();
        events.forEach(e -> facts.add(new Fact(sweep, e, null)));
        ledger.timeEntries(sweep.day(), sweep.day(), sweep.userId(), null).forEach(t -> facts.add(new Fact(sweep, null, t)));
        return facts;
    }

    /** The aggregator's strategy: folds facts into the attorney's {@link Sheet}. */
    public static class SheetAggregation implements AggregationStrategy {
        @Override
        public Exchange aggregate(Exchange sheetSoFar, Exchange next) {
            Fact fact = next.getIn().getBody(Fact.class);
            Exchange into = sheetSoFar == null ? next : sheetSoFar;
            Sheet sheet = sheetSoFar == null ? new Sheet(fact.sweep()) : sheetSoFar.getIn().getBody(Sheet.class);
            if (fact.event() != null) {
                sheet.events.add(fact.event());
            }
            if (fact.entry() != null && fact.entry().matterId() != null) {
                sheet.mattersWithTime.add(fact.entry().matterId());
            }
            into.getIn().setBody(sheet);
            return into;
        }
    }

    /**
     * The 17:00 digest: one message (SMS or email as the attorney prefers) listing only the events still without an
     * entry, each with its one-tap link, plus a task in the practice system; empty when nothing is missing. Events
     * found covered are marked so (the capture rate counts them).
     */
    public List<Notification> digest(@Body Sheet sheet) {
        List<PromptStore.Prompt> missing = settle(sheet);
        Optional<Staff> attorney = staff.byPracticeUserId(sheet.sweep.userId());
        if (missing.isEmpty() || attorney.isEmpty()) {
            log.info("sweep for user {} on {}: {} billable events, none missing", sheet.sweep.userId(), sheet.sweep.day(),
                    sheet.events.size());
            return List.of();
        }
        String list = list(missing);
        outbox.enqueue("time-entry:sweep-task:" + sheet.sweep.userId() + ":" + sheet.sweep.day(),
                PracticeTaskChannel.task(sheet.sweep.userId(), "Record time for " + TimeEntryPrompts.DATE.format(sheet.sweep.day()),
                        missing.size() + " billable event(s) on " + sheet.sweep.day() + " have no time entry yet:\n" + list,
                        null, TimeEntryPrompts.WORKFLOW));
        log.info("sweep for user {} on {}: {} of {} billable events without time, digest by {}", sheet.sweep.userId(),
                sheet.sweep.day(), missing.size(), sheet.events.size(), attorney.get().channel().id());
        return List.of(message("digest", "time-entry:digest:", sheet, missing, attorney.get(), attorney.get().channel()));
    }

    /** The 08:00 recovery email: yesterday's events still without an entry; empty when none. */
    public List<Notification> recovery(@Body Sheet sheet) {
        List<PromptStore.Prompt> missing = settle(sheet);
        Optional<Staff> attorney = staff.byPracticeUserId(sheet.sweep.userId());
        if (missing.isEmpty() || attorney.isEmpty()) {
            return List.of();
        }
        log.info("recovery for user {} on {}: {} billable events still without time", sheet.sweep.userId(),
                sheet.sweep.day(), missing.size());
        return List.of(message("recovery", "time-entry:recovery:", sheet, missing, attorney.get(), Channel.EMAIL));
    }

    private List<PromptStore.Prompt> settle(Sheet sheet) {
        sheet.events.stream().filter(e -> e.entrySeenAt() == null && sheet.mattersWithTime.contains(e.matterId()))
                .forEach(e -> store.markCovered(e.id(), clock.instant()));
        return sheet.missing();
    }

    private String list(List<PromptStore.Prompt> missing) {
        StringBuilder out = new StringBuilder();
        for (PromptStore.Prompt p : missing) {
            Map<String, String> d = prompts.describe(p);
            out.append("- ").append(d.get("event.title")).append(" (").append(d.get("client.name")).append(", ")
                    .append(d.get("event.hours")).append(" h): ").append(prompts.link(p)).append('\n');
        }
        return out.toString().strip();
    }

    private Notification message(String milestone, String keyPrefix, Sheet sheet, List<PromptStore.Prompt> missing,
                                 Staff attorney, Channel channel) {
        Map<String, String> model = new HashMap<>();
        model.put("attorney.firstName", attorney.firstName());
        model.put("missing.count", String.valueOf(missing.size()));
        model.put("missing.list", list(missing));
        model.put("day", TimeEntryPrompts.DATE.format(sheet.sweep.day()));
        var contact = attorney.asContact().withPreferredChannel(channel);
        return new Notification(keyPrefix + sheet.sweep.userId() + ":" + sheet.sweep.day(), TimeEntryPrompts.WORKFLOW,
                milestone, null, null, new Recipient(contact, "attorney"), model, false, false, List.of(channel.id()), null);
    }
}
