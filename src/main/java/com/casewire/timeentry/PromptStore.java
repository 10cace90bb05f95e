package com.casewire.timeentry;

import com.casewire.db.InsertOnce;
import com.casewire.vendor.Sha256;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The {@code time_entry_prompt} table: one row per billable occurrence that ended (V16). */
class PromptStore {

    // day() and range() are calendar events only: the sweep, the recovery and the capture rate count billable events,
    // and a document prompt (source 'document') is not one

    /** PROMPTED: asked, no entry yet; COVERED: the attorney had an entry; RECORDED: recorded through the hub. */
    static final String PROMPTED = "PROMPTED";
    static final String COVERED = "COVERED";
    static final String RECORDED = "RECORDED";

    record Prompt(String id, String occurrenceKey, String source, String eventId, String attorneyUserId, String matterId,
                  String title, Instant startAt, Instant endAt, LocalDate workDate, String state, Instant promptedAt,
                  Instant entrySeenAt, Long recordedSeconds) {

        boolean open() {
            return PROMPTED.equals(state);
        }
    }

    private static final String INSERT = """
            INSERT INTO time_entry_prompt (id, occurrence_key, source, event_id, attorney_user_id, matter_id, title,
              start_at, end_at, work_date, state, created_at, prompted_at, entry_seen_at)
            VALUES (:id, :key, :source, :eventId, :user, :matter, :title, :start, :end, :day, :state, :now, :promptedAt,
              :seenAt)""";
    private static final String COLUMNS = """
            id, occurrence_key, source, event_id, attorney_user_id, matter_id, title, start_at, end_at, work_date, state,
            prompted_at, entry_seen_at, recorded_seconds""";
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM time_entry_prompt WHERE id = :id";
    private static final String LATEST_OPEN_FOR = "SELECT " + COLUMNS
            + " FROM time_entry_prompt WHERE attorney_user_id = :user AND state = 'PROMPTED' AND source <> 'document'"
            + " ORDER BY prompted_at DESC";
    private static final String RECORD = """
            UPDATE time_entry_prompt SET state = 'RECORDED', entry_seen_at = COALESCE(entry_seen_at, :now),
              recorded_seconds = :seconds, recorded_via = :via
            WHERE id = :id AND state = 'PROMPTED'""";
    private static final String COVERED_NOW = """
            UPDATE time_entry_prompt SET state = 'COVERED', entry_seen_at = COALESCE(entry_seen_at, :now)
            WHERE id = :id AND state = 'PROMPTED'""";
    private static final String DAY = "SELECT " + COLUMNS
            + " FROM time_entry_prompt WHERE attorney_user_id = :user AND work_date = :day AND source <> 'document'"
            + " ORDER BY end_at";
    private static final String RANGE = "SELECT " + COLUMNS
            + " FROM time_entry_prompt WHERE work_date >= :from AND work_date <= :to AND source <> 'document'"
            + " ORDER BY attorney_user_id, end_at";

    private final NamedParameterJdbcTemplate jdbc;
    private final InsertOnce insertOnce;

    PromptStore(NamedParameterJdbcTemplate jdbc, InsertOnce insertOnce) {
        this.jdbc = jdbc;
        this.insertOnce = insertOnce;
    }

    /** The row id for an occurrence: 16 hex digits of its key's SHA-256, short enough for a link. */
    static String idFor(String occurrenceKey) {
        return Sha256.hex(occurrenceKey).substring(0, 16);
    }

    /** Records the occurrence; false when it is already recorded (a duplicate end notice). */
    boolean insert(Prompt p, Instant now) {
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("id", p.id());
        params.put("key", p.occurrenceKey());
        params.put("source", p.source());
        params.put("eventId", p.eventId());
        params.put("user", p.attorneyUserId());
        params.put("matter", p.matterId());
        params.put("title", new SqlParameterValue(Types.VARCHAR, p.title()));
        params.put("start", new SqlParameterValue(Types.TIMESTAMP, ts(p.startAt())));
        params.put("end", new SqlParameterValue(Types.TIMESTAMP, ts(p.endAt())));
        params.put("day", new SqlParameterValue(Types.DATE, p.workDate()));
        params.put("state", p.state());
        params.put("now", new SqlParameterValue(Types.TIMESTAMP, ts(now)));
        params.put("promptedAt", new SqlParameterValue(Types.TIMESTAMP, ts(p.promptedAt())));
        params.put("seenAt", new SqlParameterValue(Types.TIMESTAMP, ts(p.entrySeenAt())));
        return insertOnce.insert(INSERT, params);
    }

    Optional<Prompt> find(String id) {
        return jdbc.query(BY_ID, Map.of("id", id), PromptStore::row).stream().findFirst();
    }

    Optional<Prompt> latestOpenFor(String userId) {
        return jdbc.query(LATEST_OPEN_FOR, Map.of("user", userId), PromptStore::row).stream().findFirst();
    }

    /** Marks the prompt recorded by the hub; false when it was not open (recorded already, or covered). */
    boolean markRecorded(String id, long seconds, String via, Instant now) {
        return jdbc.update(RECORD, new MapSqlParameterSource().addValue("id", id).addValue("seconds", seconds)
                .addValue("via", via).addValue("now", ts(now), Types.TIMESTAMP)) == 1;
    }

    /** The attorney recorded the time themselves (seen in the practice system). */
    void markCovered(String id, Instant now) {
        jdbc.update(COVERED_NOW, new MapSqlParameterSource().addValue("id", id)
                .addValue("now", ts(now), Types.TIMESTAMP));
    }

    List<Prompt> day(String userId, LocalDate day) {
        return jdbc.query(DAY, new MapSqlParameterSource().addValue("user", userId).addValue("day", day, Types.DATE),
                PromptStore::row);
    }

    List<Prompt> range(LocalDate from, LocalDate to) {
        return jdbc.query(RANGE, new MapSqlParameterSource().addValue("from", from, Types.DATE).addValue("to", to, Types.DATE),
                PromptStore::row);
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Prompt row(ResultSet rs, int n) throws SQLException {
        long seconds = rs.getLong("recorded_seconds");
        Long recorded = rs.wasNull() ? null : seconds;
        return new Prompt(rs.getString("id"), rs.getString("occurrence_key"), rs.getString("source"),
                rs.getString("event_id"), rs.getString("attorney_user_id"), rs.getString("matter_id"),
                rs.getString("title"), instant(rs, "start_at"), instant(rs, "end_at"),
                rs.getObject("work_date", LocalDate.class), rs.getString("state"), instant(rs, "prompted_at"),
                instant(rs, "entry_seen_at"), recorded);
    }
}
