package com.casewire.practice.mycase;

import com.casewire.practice.mycase.MyCaseChanges.Seen;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The poller's memory: {@code mycase_poll_mark} (per resource, the largest updated_at already in the inbox) and
 * {@code mycase_record_state} (per case its stage and status, per task its status). Written inside the poll's
 * transaction, together with the inbox rows.
 */
@Repository
class MyCasePollStore {

    static final String SELECT_MARK = "SELECT mark FROM mycase_poll_mark WHERE resource = :resource";
    static final String INSERT_MARK = """
            INSERT INTO mycase_poll_mark (resource, mark, polled_at) VALUES (:resource, :mark, :polledAt)""";
    // never moves back: a slower poll on another instance cannot undo a newer mark
    static final String ADVANCE_MARK = """
            UPDATE mycase_poll_mark SET mark = CASE WHEN mark < :mark THEN :mark ELSE mark END, polled_at = :polledAt
            WHERE resource = :resource""";
    static final String SELECT_SEEN = """
            SELECT stage, status FROM mycase_record_state WHERE resource = :resource AND record_id = :recordId""";
    static final String INSERT_SEEN = """
            INSERT INTO mycase_record_state (resource, record_id, stage, status, seen_at)
            VALUES (:resource, :recordId, :stage, :status, :seenAt)""";
    static final String UPDATE_SEEN = """
            UPDATE mycase_record_state SET stage = :stage, status = :status, seen_at = :seenAt
            WHERE resource = :resource AND record_id = :recordId""";

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    MyCasePollStore(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The high-water mark of {@code resource}; empty before its first (baseline) poll. */
    Optional<Instant> mark(String resource) {
        return jdbc.queryForList(SELECT_MARK, Map.of("resource", resource), Timestamp.class).stream().findFirst()
                .map(Timestamp::toInstant);
    }

    /** Moves the mark forward to {@code mark} (never back). */
    void advance(String resource, Instant mark) {
        Map<String, Object> params = Map.of("resource", resource, "mark", Timestamp.from(mark),
                "polledAt", Timestamp.from(clock.instant()));
        // update-then-insert rather than MERGE/ON CONFLICT: portable between H2 and PostgreSQL
        if (jdbc.update(ADVANCE_MARK, params) == 0) {
            jdbc.update(INSERT_MARK, params);
        }
    }

    /** What was last seen of the record; empty when it is new to the hub. */
    Optional<Seen> seen(String resource, String recordId) {
        return jdbc.query(SELECT_SEEN, Map.of("resource", resource, "recordId", recordId),
                (rs, n) -> new Seen(rs.getString("stage"), rs.getString("status"))).stream().findFirst();
    }

    void remember(String resource, String recordId, Seen seen) {
        Map<String, Object> params = new HashMap<>();
        params.put("resource", resource);
        params.put("recordId", recordId);
        params.put("stage", truncate(seen.stage(), 200));
        params.put("status", truncate(seen.status(), 64));
        params.put("seenAt", Timestamp.from(clock.instant()));
        if (jdbc.update(UPDATE_SEEN, params) == 0) {
            jdbc.update(INSERT_SEEN, params);
        }
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
