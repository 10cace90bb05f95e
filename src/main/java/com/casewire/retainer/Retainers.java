package com.casewire.retainer;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /api/retainers} and the JMX bean show: the matters below their threshold now, by tier (where the
 * threshold came from), with the figures of their last check and the amount that restores them.
 */
public class Retainers {

    /** One matter below its threshold; amounts in cents. */
    public record LowMatter(String matterId, String matterName, String practiceArea, String tier, int episode,
                            long balanceCents, long unbilledCents, long thresholdCents, long replenishToCents,
                            long amountDueCents, Instant lowSince, Instant checkedAt) {
    }

    /** The matters below threshold, grouped by tier. */
    public record Overview(int below, Map<String, List<LowMatter>> byTier) {
    }

    private final RetainerStore store;
    private final RetainerReminders reminders;
    private final Clock clock;

    Retainers(RetainerStore store, RetainerReminders reminders, Clock clock) {
        this.store = store;
        this.reminders = reminders;
        this.clock = clock;
    }

    public Overview belowThreshold() {
        Instant now = clock.instant();
        Map<String, List<LowMatter>> byTier = new LinkedHashMap<>();
        List<RetainerStore.Row> rows = store.low();
        for (RetainerStore.Row r : rows) {
            byTier.computeIfAbsent(r.tier() == null ? "unknown" : r.tier(), t -> new java.util.ArrayList<>())
                    .add(new LowMatter(r.matterId(), r.matterName(), r.practiceArea(), r.tier(), r.episode(),
                            nz(r.balanceCents()), nz(r.unbilledCents()), nz(r.thresholdCents()), nz(r.replenishToCents()),
                            reminders.amountDue(r, now), r.lowSince(), r.checkedAt()));
        }
        return new Overview(rows.size(), byTier);
    }

    /** Count per tier, for JMX. */
    public Map<String, Long> countByTier() {
        Map<String, Long> counts = new LinkedHashMap<>();
        belowThreshold().byTier().forEach((tier, list) -> counts.put(tier, (long) list.size()));
        return counts;
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }
}
