package com.casewire.reconciliation;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A run in progress, as the route carries it: the day, its generation (the report's outbox key), the last stage
 * finished when it was claimed, the instance holding it and the day's window in UTC ({@code to} is never later than
 * the moment the run was claimed, so a run during the day reads a closed window).
 */
public record Run(LocalDate date, int generation, String stage, String claimedBy, Instant from, Instant to) {

    static final List<String> STAGES = List.of("NONE", "GATEWAY", "LEDGER", "TIME", "COMMS", "CORRELATED");

    /** Whether {@code stage} is still to do (a resumed run skips the stages its crashed predecessor finished). */
    public boolean needs(String stage) {
        int wanted = STAGES.indexOf(stage);
        if (wanted < 0) {
            throw new IllegalArgumentException("no reconciliation stage " + stage);
        }
        return STAGES.indexOf(this.stage) < wanted;
    }

    public java.sql.Date sqlDate() {
        return java.sql.Date.valueOf(date);
    }

    public Timestamp dayFrom() {
        return Timestamp.from(from);
    }

    public Timestamp dayTo() {
        return Timestamp.from(to);
    }
}
