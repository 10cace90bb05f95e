package com.casewire.reconciliation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts of one correlation by section and kind, kept while the correlation streams (a matched group is counted, not
 * stored) and written with the stage's end in one transaction. Every kind of every section is present, zero or not,
 * so the report and JMX always show the same figures.
 */
public final class Tally {

    private final Map<String, Map<String, Long>> counts = ordered(Map.of());

    void add(Finding f) {
        counts.get(f.section()).merge(f.kind(), 1L, Long::sum);
    }

    Map<String, Map<String, Long>> counts() {
        return counts;
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
