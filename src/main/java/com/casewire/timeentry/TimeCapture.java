package com.casewire.timeentry;

import com.casewire.canonical.Channel;
import com.casewire.canonical.Notification;
import com.casewire.canonical.Recipient;
import com.casewire.staff.FirmStaff;
import com.casewire.staff.Staff;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jmx.export.annotation.ManagedAttribute;
import org.springframework.jmx.export.annotation.ManagedOperation;
import org.springframework.jmx.export.annotation.ManagedResource;

/**
 * Same-day capture rate per attorney: billable events with an entry by the end of their day (midnight in the
 * attorney's zone) over billable events, for a range of days. "Had an entry" is when the hub first saw one: at the
 * event's end, at the follow-up, at the 17:00 sweep, or the moment it recorded one itself. Over JMX
 * ({@code com.casewire:type=TimeEntry,name=capture}), {@code GET /api/time-capture} and a weekly email to the
 * billing manager.
 */
@ManagedResource(objectName = "com.casewire:type=TimeEntry,name=capture", description = "Same-day time capture per attorney")
public class TimeCapture {

    /** One attorney's figures; {@code rate} is captured / billable (0 when there were no billable events). */
    public record Rate(String userId, String name, long billableEvents, long capturedSameDay, double rate) {
    }

    private final PromptStore store;
    private final FirmStaff staff;
    private final ZoneId firmZone;
    private final Clock clock;

    TimeCapture(PromptStore store, FirmStaff staff, ZoneId firmZone, Clock clock) {
        this.store = store;
        this.staff = staff;
        this.firmZone = firmZone;
        this.clock = clock;
    }

    public List<Rate> rates(LocalDate from, LocalDate to) {
        Map<String, long[]> counts = new TreeMap<>();
        for (PromptStore.Prompt p : store.range(from, to)) {
            long[] c = counts.computeIfAbsent(p.attorneyUserId(), k -> new long[2]);
            c[0]++;
            ZoneId zone = staff.directory().byPracticeUserId(p.attorneyUserId()).map(s -> s.zoneOr(firmZone)).orElse(firmZone);
            Instant midnight = p.workDate().plusDays(1).atStartOfDay(zone).toInstant();
            if (p.entrySeenAt() != null && p.entrySeenAt().isBefore(midnight)) {
                c[1]++;
            }
        }
        List<Rate> out = new ArrayList<>();
        counts.forEach((userId, c) -> out.add(new Rate(userId,
                staff.directory().byPracticeUserId(userId).map(Staff::name).orElse(null), c[0], c[1],
                c[0] == 0 ? 0 : Math.round(1000.0 * c[1] / c[0]) / 1000.0)));
        return out;
    }

    /**
     * The weekly email to each billing manager in staff.yaml: last week's (Monday to Sunday, firm's zone) same-day
     * capture per attorney. Empty when the firm has no billing manager or no billable events that week.
     */
    public List<Notification> weeklyReport() {
        LocalDate today = clock.instant().atZone(firmZone).toLocalDate();
        LocalDate monday = today.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY)).minusWeeks(1);
        LocalDate sunday = monday.plusDays(6);
        List<Rate> rates = rates(monday, sunday);
        if (rates.isEmpty()) {
            return List.of();
        }
        StringBuilder lines = new StringBuilder();
        long billable = 0;
        long captured = 0;
        for (Rate r : rates) {
            billable += r.billableEvents();
            captured += r.capturedSameDay();
            lines.append("- ").append(r.name() == null ? "user " + r.userId() : r.name()).append(": ")
                    .append(r.capturedSameDay()).append(" of ").append(r.billableEvents()).append(" (")
                    .append(Math.round(r.rate() * 100)).append("%)\n");
        }
        Map<String, String> model = new LinkedHashMap<>();
        model.put("week.from", monday.toString());
        model.put("week.to", sunday.toString());
        model.put("rates", lines.toString().strip());
        model.put("firm.rate", Math.round(100.0 * captured / billable) + "%");
        List<Notification> out = new ArrayList<>();
        for (Staff manager : staff.directory().withRole(Staff.Role.BILLING_MANAGER)) {
            Map<String, String> m = new LinkedHashMap<>(model);
            m.put("manager.firstName", manager.firstName());
            out.add(new Notification("time-entry:weekly:" + manager.practiceUserId() + ":" + monday, TimeEntryPrompts.WORKFLOW,
                    "weekly", null, null, new Recipient(manager.asContact().withPreferredChannel(Channel.EMAIL), "billing-manager"),
                    m, false, false, List.of(Channel.EMAIL.id()), null));
        }
        return out;
    }

    @ManagedAttribute(description = "Same-day capture rate per attorney (practice user id -> rate 0..1) over the last 7 days")
    public Map<String, Double> getCaptureRateLast7Days() {
        LocalDate today = clock.instant().atZone(firmZone).toLocalDate();
        Map<String, Double> out = new LinkedHashMap<>();
        rates(today.minusDays(6), today).forEach(r -> out.put(r.userId(), r.rate()));
        return out;
    }

    @ManagedOperation(description = "Same-day capture per attorney between two dates (YYYY-MM-DD, inclusive)")
    public String captureRate(String from, String to) {
        StringBuilder out = new StringBuilder();
        for (Rate r : rates(LocalDate.parse(from), LocalDate.parse(to))) {
            out.append(r.userId()).append(' ').append(r.name() == null ? "" : r.name()).append(": ")
                    .append(r.capturedSameDay()).append('/').append(r.billableEvents()).append(" (")
                    .append(Math.round(r.rate() * 100)).append("%)\n");
        }
        return out.toString();
    }
}
