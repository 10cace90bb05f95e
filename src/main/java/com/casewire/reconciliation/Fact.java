package com.casewire.reconciliation;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One record read for a run, as staged in {@code recon_fact}: which section and side it belongs to, and the key the
 * aggregator groups it on. {@link #row} is the camel-sql batch insert's row of values.
 */
record Fact(String section, String side, String id, String matchKey, Long amountCents, Instant occurredAt,
            String party, String matterId, String detail) {

    static final String GATEWAY = "gateway";
    static final String LEDGER = "ledger";
    static final String EVENT = "event";
    static final String ENTRY = "entry";
    static final String MESSAGE = "message";
    static final String NOTE = "note";

    /** The money key: a reference compared without case or surrounding space; a record without one is alone. */
    static String moneyKey(String side, String id, String reference) {
        return reference == null || reference.isBlank() ? "noref:" + side + ":" + id
                : cut(reference.strip().toUpperCase(Locale.ROOT), 300);
    }

    /** The time key, as the time-entry workflow matches: the attorney's time on that matter that day. */
    static String timeKey(String userId, String matterId) {
        return userId + "|" + matterId;
    }

    /** The JDBC types of {@link #row}'s values, for the nulls ({@link StagedRows}). */
    static final int[] SQL_TYPES = {Types.DATE, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BIGINT,
            Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR};

    /** The values of a {@code stage-fact.sql} row, in its column order (camel-sql batch, positional). */
    List<Object> row(LocalDate runDate) {
        return Arrays.asList(java.sql.Date.valueOf(runDate), section, side, cut(id, 200), cut(matchKey, 300), amountCents,
                occurredAt == null ? null : Timestamp.from(occurredAt), cut(party, 200), cut(matterId, 64), cut(detail, 1000));
    }

    static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
