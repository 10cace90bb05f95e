package com.casewire.gcal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The gcal_sync_state table: per calendar, the sync token the next incremental events.list starts from. */
@Repository
class GcalSyncStore {

    static final String SELECT = "SELECT sync_token FROM gcal_sync_state WHERE calendar_id = :calendarId";
    static final String UPDATE = """
            UPDATE gcal_sync_state SET sync_token = :syncToken, updated_at = :updatedAt WHERE calendar_id = :calendarId""";
    static final String INSERT = """
            INSERT INTO gcal_sync_state (calendar_id, sync_token, updated_at) VALUES (:calendarId, :syncToken, :updatedAt)""";

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    GcalSyncStore(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The stored token; empty when the calendar was never synced or its token was cleared. */
    Optional<String> syncToken(String calendarId) {
        return jdbc.queryForList(SELECT, Map.of("calendarId", calendarId), String.class).stream()
                .filter(token -> token != null).findFirst();
    }

    /** Stores the token (null clears it: the next sync is a full one). */
    void store(String calendarId, String syncToken) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("calendarId", calendarId)
                .addValue("syncToken", syncToken)
                .addValue("updatedAt", Timestamp.from(clock.instant()));
        // update-then-insert rather than MERGE/ON CONFLICT: portable between H2 and PostgreSQL. One calendar is
        // synced by one caller at a time; a racing insert fails on the primary key rather than losing a token.
        if (jdbc.update(UPDATE, params) == 0) {
            jdbc.update(INSERT, params);
        }
    }

    void clear(String calendarId) {
        store(calendarId, null);
    }
}
