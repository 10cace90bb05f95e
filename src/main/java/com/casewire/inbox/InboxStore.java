package com.casewire.inbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The inbox table. States: RECEIVED (durable, waiting), PROCESSED, FAILED (gave up after the configured
 * attempts, or unprocessable: listed by {@code GET /api/inbox?state=FAILED}, counted in health and JMX, and put back
 * by {@link #replay} once its cause is fixed). A row is claimed and processed in one transaction:
 * the conditional update's row lock keeps other workers and instances out, and a rollback or a crash
 * leaves it RECEIVED.
 */
@Repository
public class InboxStore {

    public record InboxRow(long id, String source, String dedupeKey, String eventType, String payload, int attempts,
                           Instant receivedAt) {
    }

    /**
     * A row as an operator sees it: what came from which vendor, how often it was tried, and why it failed (the
     * payload stays in the table: it may hold a client's details).
     */
    public record InboxEntry(long id, String source, String dedupeKey, String eventType, int attempts, Instant receivedAt,
                             String lastError) {
    }

    /**
     * A verified delivery to store. {@code sequenceKey}: the vendor record it is about, or null; deliveries with the
     * same key are processed in the order they were stored.
     */
    public record NewDelivery(String source, String dedupeKey, String eventType, String payload, Instant receivedAt,
                              String sequenceKey) {
    }

    private static final String INSERT = """
            INSERT INTO inbox_event (source, dedupe_key, event_type, payload, state, attempts, received_at, next_attempt_at,
                                     sequence_key)
            VALUES (:source, :key, :type, :payload, 'RECEIVED', 0, :now, :now, :sequence)""";
    // a row waits while an older row about the same record does (retrying, or not yet processed): events about one
    // record take effect in the order they came
    private static final String NONE_WAITING_BEFORE = """
            NOT EXISTS (SELECT 1 FROM inbox_event earlier WHERE earlier.sequence_key = inbox_event.sequence_key
                        AND earlier.id < inbox_event.id AND earlier.state = 'RECEIVED')""";
    // runs inside the processing transaction: the row lock keeps other workers out until it commits,
    // and a rollback (or a crash) leaves the row RECEIVED for the sweep.
    // COALESCE(state, '') here and below keeps H2 on the primary key: planned while the table is small, H2
    // otherwise walks ix_inbox_state_next through every RECEIVED row, on every call
    private static final String CLAIM = """
            UPDATE inbox_event SET state = 'PROCESSED', claimed_at = :now, processed_at = :now, attempts = attempts + 1
            WHERE id = :id AND COALESCE(state, '') = 'RECEIVED' AND next_attempt_at <= :now AND\s""" + NONE_WAITING_BEFORE;
    private static final String SELECT = """
            SELECT id, source, dedupe_key, event_type, payload, attempts, received_at FROM inbox_event WHERE id = :id""";
    private static final String MARK_RETRY = """
            UPDATE inbox_event SET state = :state, attempts = attempts + 1, next_attempt_at = :next, last_error = :error
            WHERE id = :id AND COALESCE(state, '') = 'RECEIVED'""";
    private static final String ATTEMPTS = "SELECT attempts FROM inbox_event WHERE id = :id";
    private static final String DUE = """
            SELECT id FROM inbox_event WHERE state = 'RECEIVED' AND next_attempt_at <= :due AND\s""" + NONE_WAITING_BEFORE
            + " ORDER BY id";
    private static final String COUNT_BY_STATE = "SELECT state, COUNT(*) AS n FROM inbox_event GROUP BY state";
    private static final String STATE_OF = "SELECT state FROM inbox_event WHERE id = :id";
    private static final String CONTAINS = "SELECT COUNT(*) FROM inbox_event WHERE source = :source AND dedupe_key = :key";
    private static final String FAILED_ID = """
            SELECT id FROM inbox_event WHERE source = :source AND dedupe_key = :key AND state = 'FAILED'
            AND last_error LIKE :error""";
    private static final String IN_STATE = """
            SELECT id, source, dedupe_key, event_type, attempts, received_at, last_error FROM inbox_event
            WHERE state = :state ORDER BY id LIMIT :limit""";
    // attempts start again, so a replayed event that fails once more is retried as a new one would be
    private static final String REPLAY = """
            UPDATE inbox_event SET state = 'RECEIVED', attempts = 0, next_attempt_at = :now WHERE id = :id AND state = 'FAILED'""";
    private static final String REDRIVE = """
            UPDATE inbox_event SET state = 'RECEIVED', next_attempt_at = :now WHERE id = :id AND state = 'FAILED'""";

    private final NamedParameterJdbcTemplate jdbc;

    InboxStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a verified delivery; empty when the same delivery was stored before. */
    public Optional<Long> insert(String source, String dedupeKey, String eventType, String payload, Instant now) {
        return insert(new NewDelivery(source, dedupeKey, eventType, payload, now, null));
    }

    /** Stores a verified delivery, in order with others about the same record; empty for a repeat. */
    public Optional<Long> insert(NewDelivery d) {
        MapSqlParameterSource params = parameters(d);
        KeyHolder keys = new GeneratedKeyHolder();
        try {
            jdbc.update(INSERT, params, keys, new String[] {"id"});
        } catch (DuplicateKeyException duplicate) {
            return Optional.empty();
        }
        return Optional.of(keys.getKey().longValue());
    }

    private static MapSqlParameterSource parameters(NewDelivery d) {
        return new MapSqlParameterSource().addValue("source", d.source()).addValue("key", d.dedupeKey())
                .addValue("type", d.eventType()).addValue("payload", d.payload())
                .addValue("now", Timestamp.from(d.receivedAt())).addValue("sequence", d.sequenceKey(), Types.VARCHAR); // typed: a bare null costs PostgreSQL a describe
    }

    /**
     * Whether a row with this key is stored. For writers that insert inside a larger transaction (the MyCase
     * poller), where a failed insert would abort the transaction on PostgreSQL.
     */
    public boolean contains(String source, String dedupeKey) {
        Long n = jdbc.queryForObject(CONTAINS, Map.of("source", source, "key", dedupeKey), Long.class);
        return n != null && n > 0;
    }

    /**
     * Puts a FAILED row back in the queue when its last error contains {@code errorText}: for a source that
     * learns later, from an authenticated look-up, that a failure's cause is gone (LawPay: an event the gateway did
     * not know when an unsigned delivery named it, and now lists). Returns the row's id when it was put back.
     */
    public Optional<Long> redriveFailed(String source, String dedupeKey, String errorText, Instant now) {
        Optional<Long> id = jdbc.queryForList(FAILED_ID, Map.of("source", source, "key", dedupeKey,
                "error", "%" + escapeLike(errorText) + "%"), Long.class).stream().findFirst();
        if (id.isPresent() && jdbc.update(REDRIVE, Map.of("id", id.get(), "now", Timestamp.from(now))) == 1) {
            return id;
        }
        return Optional.empty();
    }

    /** LIKE's wildcards taken literally (backslash is the default LIKE escape of H2 and PostgreSQL). */
    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /**
     * Stores a batch of verified deliveries (inside the caller's transaction); for each, its new row id, or
     * empty when it repeats a delivery earlier in the batch. A delivery stored before makes the whole batch
     * fail with a duplicate key: the caller then writes each on its own with {@link #insert}, which tells
     * repeats apart. (Looking the keys up first would cost more than the rare repeat: H2 does not use the
     * unique index for a list of keys.)
     */
    public List<Optional<Long>> insertAll(List<NewDelivery> deliveries) {
        List<Optional<Long>> ids = new ArrayList<>(Collections.nCopies(deliveries.size(), Optional.<Long>empty()));
        Set<String> seen = new HashSet<>();
        List<Integer> fresh = new ArrayList<>(deliveries.size());
        List<SqlParameterSource> params = new ArrayList<>(deliveries.size());
        for (int i = 0; i < deliveries.size(); i++) {
            NewDelivery d = deliveries.get(i);
            if (seen.add(d.source() + '\u0000' + d.dedupeKey())) {
                fresh.add(i);
                params.add(parameters(d));
            }
        }
        if (fresh.isEmpty()) {
            return ids;
        }
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.batchUpdate(INSERT, params.toArray(SqlParameterSource[]::new), keys, new String[] {"id"});
        List<Map<String, Object>> generated = keys.getKeyList();
        if (generated.size() != fresh.size()) {
            throw new IllegalStateException("expected " + fresh.size() + " generated ids, got " + generated.size());
        }
        for (int j = 0; j < fresh.size(); j++) {
            ids.set(fresh.get(j), Optional.of(((Number) generated.get(j).values().iterator().next()).longValue()));
        }
        return ids;
    }

    /**
     * Claims a due row for processing and marks it PROCESSED, both undone if the surrounding transaction
     * rolls back. Empty when the row is not due, another worker has it, or an older row about the same record
     * still waits (the sweep drives this one once that is done).
     */
    public Optional<InboxRow> claim(long id, Instant now) {
        if (jdbc.update(CLAIM, Map.of("id", id, "now", Timestamp.from(now))) == 0) {
            return Optional.empty();
        }
        return find(id);
    }

    private static InboxRow row(ResultSet rs, int n) throws SQLException {
        return new InboxRow(rs.getLong("id"), rs.getString("source"), rs.getString("dedupe_key"),
                rs.getString("event_type"), rs.getString("payload"), rs.getInt("attempts"),
                rs.getTimestamp("received_at").toInstant());
    }

    /**
     * Claims due rows for processing, like {@link #claim}, with one statement batch; returns, in order,
     * whether each row was claimed.
     */
    public boolean[] claimAll(List<Long> ids, Instant now) {
        Timestamp at = Timestamp.from(now);
        SqlParameterSource[] params = ids.stream()
                .map(id -> new MapSqlParameterSource().addValue("id", id).addValue("now", at))
                .toArray(SqlParameterSource[]::new);
        int[] counts = jdbc.batchUpdate(CLAIM, params);
        boolean[] claimed = new boolean[ids.size()];
        for (int i = 0; i < counts.length; i++) {
            // SUCCESS_NO_INFO: the driver ran the statement but did not count; the row is ours only when counted
            claimed[i] = counts[i] > 0;
        }
        return claimed;
    }

    /** Reads a claimed row. */
    public Optional<InboxRow> find(long id) {
        return jdbc.query(SELECT, Map.of("id", id), InboxStore::row).stream().findFirst();
    }

    public int attempts(long id) {
        Integer n = jdbc.queryForObject(ATTEMPTS, Map.of("id", id), Integer.class);
        return n == null ? 0 : n;
    }

    /** Counts a failed attempt and puts the row back for later, or marks it FAILED when {@code next} is null. */
    public void markFailedAttempt(long id, Instant next, String error, Instant now) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("state", next == null ? "FAILED" : "RECEIVED");
        params.put("next", Timestamp.from(next == null ? now : next));
        params.put("error", truncate(error));
        jdbc.update(MARK_RETRY, params);
    }

    /** Rows in one state, oldest first, at most {@code limit}. */
    public List<InboxEntry> inState(String state, int limit) {
        return jdbc.query(IN_STATE, Map.of("state", state, "limit", limit), (rs, n) -> new InboxEntry(rs.getLong("id"),
                rs.getString("source"), rs.getString("dedupe_key"), rs.getString("event_type"), rs.getInt("attempts"),
                rs.getTimestamp("received_at").toInstant(), rs.getString("last_error")));
    }

    /**
     * Puts a FAILED row back in the queue, due now, its attempts counted afresh: once the file that failed it is
     * fixed. False when the row does not exist or is not FAILED.
     */
    public boolean replay(long id, Instant now) {
        return jdbc.update(REPLAY, Map.of("id", id, "now", Timestamp.from(now))) == 1;
    }

    public List<Long> dueForSweep(Instant dueBefore) {
        return jdbc.queryForList(DUE, Map.of("due", Timestamp.from(dueBefore)), Long.class);
    }

    public Map<String, Long> countByState() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query(COUNT_BY_STATE, rs -> {
            counts.put(rs.getString("state"), rs.getLong("n"));
        });
        return counts;
    }

    public Optional<String> stateOf(long id) {
        return jdbc.queryForList(STATE_OF, Map.of("id", id), String.class).stream().findFirst();
    }

    static String truncate(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
