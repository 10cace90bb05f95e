package com.casewire.inbound;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The inbox table. States: RECEIVED (durable, waiting), PROCESSING (claimed by a worker), PROCESSED,
 * FAILED (gave up after the configured attempts; visible to operators). Claims are conditional updates,
 * so several hub instances can share one database without double processing.
 */
@Repository
public class InboxRepository {

    public record InboxRow(long id, String source, String dedupeKey, String eventType, String payload, int attempts,
                           Instant receivedAt) {
    }

    private static final String INSERT = """
            INSERT INTO inbox_event (source, dedupe_key, event_type, payload, state, attempts, received_at, next_attempt_at)
            VALUES (:source, :key, :type, :payload, 'RECEIVED', 0, :now, :now)""";
    private static final String CLAIM = """
            UPDATE inbox_event SET state = 'PROCESSING', claimed_at = :now, attempts = attempts + 1
            WHERE id = :id AND ((state = 'RECEIVED' AND next_attempt_at <= :now)
                                OR (state = 'PROCESSING' AND claimed_at < :staleBefore))""";
    private static final String SELECT = """
            SELECT id, source, dedupe_key, event_type, payload, attempts, received_at FROM inbox_event WHERE id = :id""";
    private static final String MARK_PROCESSED = """
            UPDATE inbox_event SET state = 'PROCESSED', processed_at = :now, last_error = NULL
            WHERE id = :id AND state = 'PROCESSING'""";
    private static final String MARK_RETRY = """
            UPDATE inbox_event SET state = :state, next_attempt_at = :next, last_error = :error
            WHERE id = :id AND state = 'PROCESSING'""";
    private static final String DUE = """
            SELECT id FROM inbox_event
            WHERE (state = 'RECEIVED' AND next_attempt_at <= :due)
               OR (state = 'PROCESSING' AND claimed_at < :staleBefore)
            ORDER BY id""";
    private static final String COUNT_BY_STATE = "SELECT state, COUNT(*) AS n FROM inbox_event GROUP BY state";
    private static final String STATE_OF = "SELECT state FROM inbox_event WHERE id = :id";

    private final NamedParameterJdbcTemplate jdbc;

    InboxRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a verified delivery; empty when the same delivery was stored before. */
    public Optional<Long> insert(String source, String dedupeKey, String eventType, String payload, Instant now) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("source", source).addValue("key", dedupeKey).addValue("type", eventType)
                .addValue("payload", payload).addValue("now", Timestamp.from(now));
        KeyHolder keys = new GeneratedKeyHolder();
        try {
            jdbc.update(INSERT, params, keys, new String[] {"id"});
        } catch (DuplicateKeyException duplicate) {
            return Optional.empty();
        }
        return Optional.of(keys.getKey().longValue());
    }

    public Optional<InboxRow> claim(long id, Instant now, Instant staleBefore) {
        int claimed = jdbc.update(CLAIM, Map.of("id", id, "now", Timestamp.from(now),
                "staleBefore", Timestamp.from(staleBefore)));
        if (claimed == 0) {
            return Optional.empty();
        }
        return jdbc.query(SELECT, Map.of("id", id), (rs, n) -> new InboxRow(rs.getLong("id"), rs.getString("source"),
                rs.getString("dedupe_key"), rs.getString("event_type"), rs.getString("payload"), rs.getInt("attempts"),
                rs.getTimestamp("received_at").toInstant())).stream().findFirst();
    }

    public void markProcessed(long id, Instant now) {
        jdbc.update(MARK_PROCESSED, Map.of("id", id, "now", Timestamp.from(now)));
    }

    /** Puts a row back for a later attempt, or marks it FAILED when {@code next} is null. */
    public void markFailedAttempt(long id, Instant next, String error, Instant now) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("state", next == null ? "FAILED" : "RECEIVED");
        params.put("next", Timestamp.from(next == null ? now : next));
        params.put("error", truncate(error));
        jdbc.update(MARK_RETRY, params);
    }

    public List<Long> dueForSweep(Instant dueBefore, Instant staleBefore) {
        return jdbc.queryForList(DUE, Map.of("due", Timestamp.from(dueBefore), "staleBefore", Timestamp.from(staleBefore)),
                Long.class);
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
