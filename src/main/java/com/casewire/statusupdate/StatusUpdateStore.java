package com.casewire.statusupdate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
            INSERT INTO status_update (occurrence_key, matter_id, milestone, source_key, state, payload, created_at, sent_at,
                                       batch_key)
            VALUES (:key, :matter, :milestone, :sourceKey, :state, :payload, :now, :sentAt, :batch)""";
    private static final String INSERT_WINDOW = """
            INSERT INTO status_window (matter_id, last_sent_at, flush_due_at) VALUES (:matter, :sentAt, :due)""";
    // the lock is an UPDATE rather than SELECT ... FOR UPDATE: H2 parses a FOR UPDATE query afresh every time
    // (it never caches one), and this runs for every milestone
    private static final String LOCK_WINDOW = "UPDATE status_window SET flush_due_at = flush_due_at WHERE matter_id = :matter";
    private static final String READ_WINDOW = "SELECT last_sent_at, flush_due_at FROM status_window WHERE matter_id = :matter";
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

    /** Whether this milestone occurrence was recorded before (in any state). */
    boolean occurrenceExists(String key) {
        return count(OCCURRENCE_EXISTS, Map.of("key", key)) > 0;
    }

    /**
     * Records a milestone occurrence once; false when the same occurrence was recorded before. For the rare
     * paths (approval): it checks first, because on PostgreSQL a duplicate-key error would spoil the transaction.
     */
    boolean insertOccurrence(String key, String matterId, String milestone, String sourceKey, StatusUpdateState state,
                             String payload, Instant now) {
        if (occurrenceExists(key)) {
            return false;
        }
        insert(key, matterId, milestone, sourceKey, state, payload, now, null);
        return true;
    }

    /**
     * Inserts an occurrence the caller has checked is new ({@link #occurrenceExists}) under the matter's window
     * lock. A concurrent insert of the same occurrence fails on the unique key and the event is retried, when it
     * finds the occurrence recorded. A SENT row carries its own key as the batch key.
     */
    void insert(String key, String matterId, String milestone, String sourceKey, StatusUpdateState state, String payload,
                Instant now, Instant sentAt) {
        Map<String, Object> p = new HashMap<>();
        p.put("key", key);
        p.put("matter", matterId);
        p.put("milestone", milestone);
        p.put("sourceKey", sourceKey);
        p.put("state", state.name());
        p.put("payload", payload);
        p.put("now", Timestamp.from(now));
        p.put("sentAt", sentAt == null ? null : Timestamp.from(sentAt));
        p.put("batch", sentAt == null ? null : key);
        jdbc.update(INSERT_OCCURRENCE, p);
    }

    /** The matter's window row, locked until the transaction ends; null when the matter has none yet. */
    Window lockWindow(String matterId) {
        Map<String, Object> p = Map.of("matter", matterId);
        if (jdbc.update(LOCK_WINDOW, p) == 0) {
            return null;
        }
        return jdbc.queryForObject(READ_WINDOW, p, (rs, n) -> new Window(instant(rs.getTimestamp("last_sent_at")),
                instant(rs.getTimestamp("flush_due_at"))));
    }

    /**
     * Creates the matter's window row (its first milestone), already holding when the update went out or when the
     * pending ones are due. Two first milestones of one matter at once: the second insert fails on the key and
     * its event is retried, then finds the row and takes the lock.
     */
    void createWindow(String matterId, Instant sentAt, Instant flushDue) {
        Map<String, Object> p = new HashMap<>();
        p.put("matter", matterId);
        p.put("sentAt", sentAt == null ? null : Timestamp.from(sentAt));
        p.put("due", flushDue == null ? null : Timestamp.from(flushDue));
        jdbc.update(INSERT_WINDOW, p);
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

    Map<StatusUpdateState, Long> countByState() {
        Map<StatusUpdateState, Long> out = new EnumMap<>(StatusUpdateState.class);
        jdbc.query(STATE_COUNTS, Map.of(), rs -> {
            out.put(StatusUpdateState.valueOf(rs.getString("state")), rs.getLong("n"));
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
