package com.casewire.timeentry;

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
 * ({@code com.casewire:type=TimeEntry,name=capture}) and {@code GET /api/time-capture}.
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
