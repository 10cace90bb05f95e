package com.casewire.reconciliation;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One record read for a run, as staged in {@code recon_fact}: which section and side it belongs to, and the key the
 * aggregator groups it on. {@link #row} is the camel-sql batch insert's parameter map; {@link #of} reads a row back.
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

    Map<String, Object> row(LocalDate runDate) {
        Map<String, Object> p = new HashMap<>(16);
        p.put("run_date", java.sql.Date.valueOf(runDate));
        p.put("section", section);
        p.put("side", side);
        p.put("fact_id", cut(id, 200));
        p.put("match_key", cut(matchKey, 300));
        p.put("amount_cents", amountCents);
        p.put("occurred_at", occurredAt == null ? null : Timestamp.from(occurredAt));
        p.put("party", cut(party, 200));
        p.put("matter_id", cut(matterId, 64));
        p.put("detail", cut(detail, 1000));
        return p;
    }

    /** A row of the correlation query (column names in either case: H2 answers in upper case). */
    static Fact of(Map<String, Object> row) {
        Object amount = get(row, "amount_cents");
        Object at = get(row, "occurred_at");
        Instant occurred = at instanceof Timestamp t ? t.toInstant()
                : at instanceof java.time.OffsetDateTime o ? o.toInstant() : null;
        return new Fact(str(row, "section"), str(row, "side"), str(row, "fact_id"), str(row, "match_key"),
                amount == null ? null : ((Number) amount).longValue(), occurred, str(row, "party"),
                str(row, "matter_id"), str(row, "detail"));
    }

    private static Object get(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value != null || row.containsKey(column) ? value : row.get(column.toUpperCase(Locale.ROOT));
    }

    private static String str(Map<String, Object> row, String column) {
        Object value = get(row, column);
        return value == null ? null : value.toString();
    }

    static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
