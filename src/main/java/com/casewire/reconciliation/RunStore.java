package com.casewire.reconciliation;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * {@code recon_run}: one row per reconciled day. Claims are conditional updates, so two instances (or the schedule
 * and a request) never work on one day at once; the row's generation is what makes a report once.
 */
class RunStore {

    /** A day's row as stored. */
    record RunRow(LocalDate date, int generation, String state, String stage, String requestedBy, Instant startedAt,
                  Instant claimedAt, String claimedBy, Instant finishedAt, Long chainSeq, String chainHash, String notes) {
    }

    static final String RUNNING = "RUNNING";
    static final String REPORTED = "REPORTED";

    private static final String FIND = "SELECT * FROM recon_run WHERE run_date = :d";
    private static final String LATEST_REPORTED = "SELECT * FROM recon_run WHERE state = 'REPORTED' ORDER BY finished_at DESC";
    private static final String CREATE = """
            INSERT INTO recon_run (run_date, generation, state, stage, requested_by, started_at, claimed_at, claimed_by)
            VALUES (:d, 1, 'RUNNING', 'NONE', :by, :now, :now, :me)""";
    private static final String CLAIM_IDLE = """
            UPDATE recon_run SET claimed_at = :now, claimed_by = :me
            WHERE run_date = :d AND state = 'RUNNING' AND (claimed_at IS NULL OR claimed_at < :stale)""";
    private static final String RESTART = """
            UPDATE recon_run SET generation = generation + 1, state = 'RUNNING', stage = 'NONE', requested_by = :by,
                started_at = :now, claimed_at = :now, claimed_by = :me, finished_at = NULL, chain_seq = NULL,
                chain_hash = NULL, notes = NULL
            WHERE run_date = :d AND state = 'REPORTED'""";
    private static final String STAGED = """
            UPDATE recon_run SET stage = :stage, claimed_at = :now WHERE run_date = :d AND claimed_by = :me AND state = 'RUNNING'""";
    private static final String HEARTBEAT = "UPDATE recon_run SET claimed_at = :now WHERE run_date = :d AND claimed_by = :me";
    private static final String RELEASE = """
            UPDATE recon_run SET claimed_at = NULL, claimed_by = NULL WHERE run_date = :d AND claimed_by = :me AND state = 'RUNNING'""";
    private static final String NOTES = "UPDATE recon_run SET notes = :notes WHERE run_date = :d";
    private static final String REPORT = """
            UPDATE recon_run SET state = 'REPORTED', finished_at = :now, chain_seq = :seq, chain_hash = :hash,
                claimed_at = NULL, claimed_by = NULL
            WHERE run_date = :d AND claimed_by = :me AND state = 'RUNNING'""";
    private static final String IDLE_UNFINISHED = """
            SELECT run_date FROM recon_run WHERE state = 'RUNNING' AND (claimed_at IS NULL OR claimed_at < :stale)
            ORDER BY run_date""";

    private final NamedParameterJdbcTemplate jdbc;

    RunStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<RunRow> find(LocalDate date) {
        return jdbc.query(FIND, Map.of("d", java.sql.Date.valueOf(date)), (rs, n) -> row(rs)).stream().findFirst();
    }

    Optional<RunRow> latestReported() {
        return jdbc.query(LATEST_REPORTED, Map.of(), (rs, n) -> row(rs)).stream().findFirst();
    }

    /** Creates the day's row claimed by {@code me}; false when it exists. Runs outside a transaction. */
    boolean create(LocalDate date, String by, Instant now, String me) {
        try {
            return jdbc.update(CREATE, Map.of("d", java.sql.Date.valueOf(date), "by", by, "now", Timestamp.from(now),
                    "me", me)) == 1;
        } catch (DuplicateKeyException exists) {
            return false;
        }
    }

    /** Takes over an unfinished run nobody holds, or whose holder has been silent since {@code staleBefore}. */
    boolean claimIdle(LocalDate date, Instant now, Instant staleBefore, String me) {
        return jdbc.update(CLAIM_IDLE, Map.of("d", java.sql.Date.valueOf(date), "now", Timestamp.from(now),
                "stale", Timestamp.from(staleBefore), "me", me)) == 1;
    }

    /** Starts the next generation of a reported day, claimed by {@code me}. */
    boolean restart(LocalDate date, String by, Instant now, String me) {
        return jdbc.update(RESTART, Map.of("d", java.sql.Date.valueOf(date), "by", by, "now", Timestamp.from(now),
                "me", me)) == 1;
    }

    /** Records a finished stage; false when {@code me} no longer holds the run (another instance took it over). */
    boolean staged(LocalDate date, String stage, Instant now, String me) {
        return jdbc.update(STAGED, Map.of("d", java.sql.Date.valueOf(date), "stage", stage, "now", Timestamp.from(now),
                "me", me)) == 1;
    }

    void heartbeat(LocalDate date, Instant now, String me) {
        jdbc.update(HEARTBEAT, Map.of("d", java.sql.Date.valueOf(date), "now", Timestamp.from(now), "me", me));
    }

    void release(LocalDate date, String me) {
        jdbc.update(RELEASE, Map.of("d", java.sql.Date.valueOf(date), "me", me));
    }

    void notes(LocalDate date, String notes) {
        Map<String, Object> p = new HashMap<>();
        p.put("d", java.sql.Date.valueOf(date));
        p.put("notes", Fact.cut(notes, 2000));
        jdbc.update(NOTES, p);
    }

    boolean reported(LocalDate date, Instant now, long chainSeq, String chainHash, String me) {
        return jdbc.update(REPORT, Map.of("d", java.sql.Date.valueOf(date), "now", Timestamp.from(now), "seq", chainSeq,
                "hash", chainHash, "me", me)) == 1;
    }

    List<LocalDate> idleUnfinished(Instant staleBefore) {
        return jdbc.queryForList(IDLE_UNFINISHED, Map.of("stale", Timestamp.from(staleBefore)), java.sql.Date.class)
                .stream().map(java.sql.Date::toLocalDate).toList();
    }

    private static RunRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new RunRow(rs.getDate("run_date").toLocalDate(), rs.getInt("generation"), rs.getString("state"),
                rs.getString("stage"), rs.getString("requested_by"), instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("claimed_at")), rs.getString("claimed_by"), instant(rs.getTimestamp("finished_at")),
                rs.getObject("chain_seq") == null ? null : rs.getLong("chain_seq"), rs.getString("chain_hash"),
                rs.getString("notes"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
