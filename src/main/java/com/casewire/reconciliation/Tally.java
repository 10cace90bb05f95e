package com.casewire.reconciliation;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts of one correlation by section and kind, kept while the correlation streams (a matched group is counted, not
 * stored) and written with the stage's end in one transaction. Every kind of every section is present, zero or not,
 * so the report and JMX always show the same figures.
 *
 * <p>Completed groups are judged on the aggregator's own thread, so the tally also counts the facts judged: the
 * correlation's end waits until every staged fact has been ({@link #awaitFacts}), and learns of a group that failed.
 */
public final class Tally {

    private final Map<String, Map<String, Long>> counts = ordered(Map.of());
    private long facts;
    private RuntimeException failure;

    synchronized void add(Finding f) {
        counts.get(f.section()).merge(f.kind(), 1L, Long::sum);
    }

    /** A group's facts were judged (or failed: {@code failure} non-null). */
    synchronized void judged(int groupFacts, RuntimeException failure) {
        facts += groupFacts;
        if (failure != null && this.failure == null) {
            this.failure = failure;
        }
        notifyAll();
    }

    /** Waits until {@code expected} facts were judged; throws the first group's failure, or after {@code limit}. */
    synchronized void awaitFacts(long expected, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (facts < expected && failure == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("the correlation judged " + facts + " of " + expected + " facts in " + limit);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        if (failure != null) {
            throw new IllegalStateException("a group failed to be judged: " + failure.getMessage(), failure);
        }
    }

    synchronized Map<String, Map<String, Long>> counts() {
        return ordered(counts);
    }

    /** {@code counts} with every section and kind, in {@link Section} order. */
    static Map<String, Map<String, Long>> ordered(Map<String, Map<String, Long>> counts) {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (Section s : Section.values()) {
            Map<String, Long> kinds = new LinkedHashMap<>();
            for (String kind : s.kinds) {
                kinds.put(kind, counts.getOrDefault(s.id, Map.of()).getOrDefault(kind, 0L));
            }
            out.put(s.id, kinds);
        }
        return out;
    }
}
