package com.casewire.reconciliation;

import com.casewire.outbox.OutboxState;
import com.casewire.reconciliation.Section.Kind;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Judges a correlated group. Money: one gateway charge whose reference the practice system recorded for the same
 * total is matched; received but never applied, recorded with no charge, a different amount, and one reference
 * charged twice are the exceptions. Time: a billable event with a time entry by its attorney on its matter that day
 * is matched (the time-entry workflow's rule); time without an event is normal work and not judged. Communications:
 * a client message sent with a write-back is matched once its note on the matter was sent.
 */
final class Classifier {

    private Classifier() {
    }

    /** The finding for the group; null when the section does not judge it (time with no billable event). */
    static Finding judge(FactGroup group) {
        return switch (Section.of(group.section)) {
            case MONEY -> money(group);
            case TIME -> time(group);
            case COMMUNICATIONS -> communications(group);
        };
    }

    private static Finding money(FactGroup g) {
        List<Fact> charges = g.side(Fact.GATEWAY);
        List<Fact> recorded = g.side(Fact.LEDGER);
        long charged = sum(charges);
        long applied = sum(recorded);
        String kind;
        String detail;
        if (charges.size() > 1) {
            kind = Kind.DUPLICATE_CHARGE;
            detail = "the gateway charged reference " + g.matchKey + " " + charges.size() + " times"
                    + (recorded.isEmpty() ? "; nothing recorded in the practice system"
                    : "; the practice system recorded " + Money.format(applied));
        } else if (charges.size() == 1 && recorded.isEmpty()) {
            kind = Kind.GATEWAY_ONLY;
            detail = "received at the gateway, not applied in the practice system";
        } else if (charges.isEmpty()) {
            kind = Kind.PRACTICE_ONLY;
            detail = "recorded in the practice system; no gateway transaction that day (a cheque or wire is expected here)";
        } else if (charged == applied) {
            kind = Kind.MATCHED;
            detail = null;
        } else {
            kind = Kind.AMOUNT_MISMATCH;
            detail = "the gateway took " + Money.format(charged) + ", the practice system recorded " + Money.format(applied);
        }
        return finding(g, kind, charges.isEmpty() ? null : charged, recorded.isEmpty() ? null : applied, detail);
    }

    private static Finding time(FactGroup g) {
        List<Fact> events = g.side(Fact.EVENT);
        if (events.isEmpty()) {
            return null;
        }
        if (!g.side(Fact.ENTRY).isEmpty()) {
            return finding(g, Kind.MATCHED, null, null, null);
        }
        String titles = events.stream().map(e -> e.detail() == null ? "(untitled)" : e.detail())
                .collect(Collectors.joining("; "));
        return finding(g, Kind.NO_TIME_ENTRY, null, null, events.size() + " billable event(s) and no time entry: " + titles);
    }

    private static Finding communications(FactGroup g) {
        if (g.side(Fact.MESSAGE).isEmpty()) {
            return null;
        }
        List<Fact> notes = g.side(Fact.NOTE);
        if (notes.isEmpty()) {
            return finding(g, Kind.NO_NOTE, null, null, "sent to the client; no note was queued for the matter");
        }
        OutboxState state = OutboxState.valueOf(notes.get(0).detail()); // the note's outbox row's state
        if (state == OutboxState.SENT) {
            return finding(g, Kind.MATCHED, null, null, null);
        }
        boolean failed = state == OutboxState.FAILED || state == OutboxState.DEAD;
        return finding(g, failed ? Kind.NOTE_FAILED : Kind.NOTE_PENDING, null, null,
                "the note on the matter is " + state + (failed ? ": replay it from the dead letters" : ""));
    }

    private static Finding finding(FactGroup g, String kind, Long gateway, Long practice, String detail) {
        Fact first = g.facts.get(0);
        String party = g.facts.stream().map(Fact::party).filter(p -> p != null).findFirst().orElse(null);
        String matter = g.facts.stream().map(Fact::matterId).filter(m -> m != null).findFirst().orElse(first.matterId());
        String records = Fact.cut(g.facts.stream().map(f -> f.side() + ":" + f.id()).collect(Collectors.joining(" ")), 2000);
        return new Finding(g.section, g.matchKey, kind, gateway, practice, party, matter, records, Fact.cut(detail, 2000));
    }

    private static long sum(List<Fact> facts) {
        return facts.stream().mapToLong(f -> f.amountCents() == null ? 0 : f.amountCents()).sum();
    }
}
