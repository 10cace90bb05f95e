package com.casewire.statusupdate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The workflow's tables: {@code status_update} (one row per milestone occurrence; its unique key stops
 * duplicates, its PENDING rows are the aggregator's durable state) and {@code status_window} (per matter:
 * when the last update went out, when the pending ones are due; also the per-matter lock).
 */
@Repository
class StatusUpdateStore {

    record Window(Instant lastSentAt, Instant flushDueAt) {
    }

    record Row(long id, String milestone, String payload, Instant createdAt) {
    }

    private static final String OCCURRENCE_EXISTS = "SELECT COUNT(*) FROM status_update WHERE occurrence_key = :key";
    private static final String INSERT_OCCURRENCE = """
            INSERT INTO status_update (occurrence_key, matter_id, milestone, source_key, state, payload, created_at)
            VALUES (:key, :matter, :milestone, :sourceKey, :state, :payload, :now)""";
    private static final String WINDOW_EXISTS = "SELECT COUNT(*) FROM status_window WHERE matter_id = :matter";
    private static final String INSERT_WINDOW = "INSERT INTO status_window (matter_id) VALUES (:matter)";
    private static final String LOCK_WINDOW = """
            SELECT last_sent_at, flush_due_at FROM status_window WHERE matter_id = :matter FOR UPDATE""";
    private static final String SET_FLUSH_DUE = "UPDATE status_window SET flush_due_at = :due WHERE matter_id = :matter";
    private static final String FLUSHED = """
            UPDATE status_window SET last_sent_at = :now, flush_due_at = NULL WHERE matter_id = :matter""";
    private static final String PENDING = """
            SELECT id, milestone, payload, created_at FROM status_update
            WHERE matter_id = :matter AND state = 'PENDING' ORDER BY id""";
    private static final String MARK_SENT = """
            UPDATE status_update SET state = 'SENT', sent_at = :now, batch_key = :batch WHERE id IN (:ids) AND state = 'PENDING'""";
    private static final String STATE_COUNTS = "SELECT state, COUNT(*) AS n FROM status_update GROUP BY state";

    private final NamedParameterJdbcTemplate jdbc;

    StatusUpdateStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a milestone occurrence once; false when the same occurrence was recorded before. */
    boolean insertOccurrence(String key, String matterId, String milestone, String sourceKey, String state, String payload,
                             Instant now) {
        if (count(OCCURRENCE_EXISTS, Map.of("key", key)) > 0) {
            return false; // checked first: on PostgreSQL a duplicate-key error would spoil the inbox transaction
        }
        Map<String, Object> p = new HashMap<>();
        p.put("key", key);
        p.put("matter", matterId);
        p.put("milestone", milestone);
        p.put("sourceKey", sourceKey);
        p.put("state", state);
        p.put("payload", payload);
        p.put("now", Timestamp.from(now));
        try {
            return jdbc.update(INSERT_OCCURRENCE, p) == 1;
        } catch (DuplicateKeyException raced) {
            return false;
        }
    }

    /** The matter's window row, locked until the transaction ends (created on first use). */
    Window lockWindow(String matterId) {
        Map<String, Object> p = Map.of("matter", matterId);
        if (count(WINDOW_EXISTS, p) == 0) {
            try {
                jdbc.update(INSERT_WINDOW, p);
            } catch (DuplicateKeyException raced) {
                // another transaction created it first (on PostgreSQL this one now rolls back and the inbox retries)
            }
        }
        return jdbc.queryForObject(LOCK_WINDOW, p, (rs, n) -> new Window(instant(rs.getTimestamp("last_sent_at")),
                instant(rs.getTimestamp("flush_due_at"))));
    }

    void setFlushDue(String matterId, Instant due) {
        jdbc.update(SET_FLUSH_DUE, Map.of("matter", matterId, "due", Timestamp.from(due)));
    }

    void flushed(String matterId, Instant now) {
        jdbc.update(FLUSHED, Map.of("matter", matterId, "now", Timestamp.from(now)));
    }

    List<Row> pending(String matterId) {
        return jdbc.query(PENDING, Map.of("matter", matterId), (rs, n) -> new Row(rs.getLong("id"), rs.getString("milestone"),
                rs.getString("payload"), rs.getTimestamp("created_at").toInstant()));
    }

    void markSent(List<Long> ids, String batchKey, Instant now) {
        jdbc.update(MARK_SENT, Map.of("ids", ids, "batch", batchKey, "now", Timestamp.from(now)));
    }

    Map<String, Long> countByState() {
        Map<String, Long> out = new HashMap<>();
        jdbc.query(STATE_COUNTS, Map.of(), rs -> {
            out.put(rs.getString("state"), rs.getLong("n"));
        });
        return out;
    }

    private long count(String sql, Map<String, ?> p) {
        Long n = jdbc.queryForObject(sql, p, Long.class);
        return n == null ? 0 : n;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
