package com.casewire.lawpay;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@code lawpay_poll_mark}: how far the Events API poll has read (the newest event {@code created} seen). */
@Repository
class LawpayPollStore {

    static final String EVENTS = "events";
    static final String SELECT = "SELECT mark FROM lawpay_poll_mark WHERE stream = :stream";
    static final String INSERT = """
            INSERT INTO lawpay_poll_mark (stream, mark, polled_at) VALUES (:stream, :mark, :polledAt)""";
    // never moves back: a slower poll cannot undo a newer mark
    static final String ADVANCE = """
            UPDATE lawpay_poll_mark SET mark = CASE WHEN mark < :mark THEN :mark ELSE mark END, polled_at = :polledAt
            WHERE stream = :stream""";

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    LawpayPollStore(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The mark; empty before the first event was read. */
    Optional<Instant> mark() {
        return jdbc.queryForList(SELECT, Map.of("stream", EVENTS), Timestamp.class).stream().findFirst()
                .map(Timestamp::toInstant);
    }

    /** Moves the mark forward to {@code mark} (never back). */
    void advance(Instant mark) {
        Map<String, Object> params = Map.of("stream", EVENTS, "mark", Timestamp.from(mark),
                "polledAt", Timestamp.from(clock.instant()));
        // update-then-insert rather than MERGE/ON CONFLICT: portable between H2 and PostgreSQL
        if (jdbc.update(ADVANCE, params) == 0) {
            jdbc.update(INSERT, params);
        }
    }
}
