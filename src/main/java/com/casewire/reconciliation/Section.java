package com.casewire.reconciliation;

import java.util.List;

/**
 * The three correlations of a run, each with the sides whose facts it sets against each other and the kinds of
 * outcome a group can have (the first is always {@code matched}).
 */
enum Section {
    MONEY("money", List.of(Fact.GATEWAY, Fact.LEDGER),
            List.of(Kind.MATCHED, Kind.GATEWAY_ONLY, Kind.PRACTICE_ONLY, Kind.AMOUNT_MISMATCH, Kind.DUPLICATE_CHARGE)),
    TIME("time", List.of(Fact.EVENT, Fact.ENTRY), List.of(Kind.MATCHED, Kind.NO_TIME_ENTRY)),
    COMMUNICATIONS("communications", List.of(Fact.MESSAGE, Fact.NOTE),
            List.of(Kind.MATCHED, Kind.NO_NOTE, Kind.NOTE_FAILED, Kind.NOTE_PENDING));

    /** What a correlated group turned out to be, as the report and the API name it. */
    static final class Kind {
        static final String MATCHED = "matched";
        static final String GATEWAY_ONLY = "gateway_only";
        static final String PRACTICE_ONLY = "practice_only";
        static final String AMOUNT_MISMATCH = "amount_mismatch";
        static final String DUPLICATE_CHARGE = "duplicate_charge";
        static final String NO_TIME_ENTRY = "no_time_entry";
        static final String NO_NOTE = "no_note";
        static final String NOTE_FAILED = "note_failed";
        static final String NOTE_PENDING = "note_pending";

        private Kind() {
        }
    }

    final String id;
    final List<String> sides;
    final List<String> kinds;

    Section(String id, List<String> sides, List<String> kinds) {
        this.id = id;
        this.sides = sides;
        this.kinds = kinds;
    }

    static Section of(String id) {
        for (Section s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no reconciliation section " + id);
    }
}
