package com.casewire.outbox;

import com.casewire.db.Dialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The outbox table. States: PENDING, SENDING (claimed), RETRY_WAIT (a durable timer re-drives it), UNKNOWN (an
 * attempt's outcome is unknown: the vendor is asked before anything is sent again), SENT, FAILED (permanent vendor
 * error), DEAD (retries exhausted; replayable). A row is claimed only when no earlier row with its sequence key (its
 * recipient) is unsettled (PENDING, RETRY_WAIT, SENDING or UNKNOWN): one recipient's messages go out in order.
 */
@Repository
public class OutboxStore {

    public record OutboxRow(long id, String idempotencyKey, MessageKind kind, String vendor, OutboxState state, String payload,
                            int attempts, Instant createdAt, Instant claimedAt, String vendorId, Integer lastStatus,
                            String lastError) {
    }

    private static final String COLUMNS = """
            id, idempotency_key, kind, vendor, state, payload, attempts, created_at, claimed_at, vendor_id,
            last_status, last_error""";
    private static final String INSERT = """
            INSERT INTO outbox_message (idempotency_key, kind, vendor, state, payload, attempts, created_at, next_attempt_at,
                                        sequence_key, workflow)
            VALUES (:key, :kind, :vendor, 'PENDING', :payload, 0, :now, :now, :sequence, :workflow)""";
    // a row whose first attempt is claimed as it is stored (its commit is the claim's commit), unless an earlier row
    // to the same recipient is unsettled: then nothing is inserted and the caller stores it PENDING, to wait its turn
    private static final String INSERT_CLAIMED = """
            INSERT INTO outbox_message (idempotency_key, kind, vendor, state, payload, attempts, created_at, next_attempt_at,
                                        claimed_at, sequence_key, workflow)
            SELECT :key, :kind, :vendor, 'SENDING', :payload, 1, CAST(:now AS TIMESTAMP WITH TIME ZONE),
                   CAST(:now AS TIMESTAMP WITH TIME ZONE), CAST(:now AS TIMESTAMP WITH TIME ZONE), :sequence, :workflow
            FROM (VALUES (1)) AS one (x)
            WHERE NOT EXISTS (SELECT 1 FROM workflow_pause p WHERE p.workflow = :workflow)
            AND NOT EXISTS (SELECT 1 FROM outbox_message earlier WHERE earlier.sequence_key = :sequence
                            AND\s""" + ClaimConditions.HOLDS_BACK + ")";
    // COALESCE(state, '') in the statements by id keeps H2 on the primary key: planned while the table is
    // small, H2 otherwise walks ix_outbox_state_next through every row in that state, on every call
    private static final String CLAIM = """
            UPDATE outbox_message SET state = 'SENDING', claimed_at = :now, attempts = attempts + 1
            WHERE id = :id AND COALESCE(state, '') IN ('PENDING', 'RETRY_WAIT') AND next_attempt_at <= :now
            AND\s""" + ClaimConditions.NOT_PAUSED + " AND " + ClaimConditions.NONE_UNSETTLED_BEFORE;
    // a row the outbox has just stored, claimed for its first attempt: the sender already holds its content
    private static final String CLAIM_FIRST = CLAIM + " AND attempts = 0";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM outbox_message WHERE id = :id";
    private static final String SELECT_BY_KEY = "SELECT " + COLUMNS + " FROM outbox_message WHERE idempotency_key = :key";
    // from UNKNOWN too: the vendor said it has the message
    private static final String MARK_SENT = """
            UPDATE outbox_message SET state = 'SENT', sent_at = :now, vendor_id = :vendorId, last_error = NULL
            WHERE id = :id AND COALESCE(state, '') IN ('SENDING', 'UNKNOWN')""";
    private static final String MARK_UNKNOWN = """
            UPDATE outbox_message SET state = 'UNKNOWN', next_attempt_at = :next, last_status = 0, last_error = :error
            WHERE id = :id AND COALESCE(state, '') = 'SENDING'""";
    private static final String UNKNOWN_DUE = "SELECT " + COLUMNS
            + " FROM outbox_message WHERE state = 'UNKNOWN' AND next_attempt_at <= :now ORDER BY id";
    private static final String DEFER_UNKNOWN = """
            UPDATE outbox_message SET next_attempt_at = :next, last_error = :error
            WHERE id = :id AND COALESCE(state, '') = 'UNKNOWN'""";
    private static final String RESEND_UNKNOWN = """
            UPDATE outbox_message SET state = 'PENDING', next_attempt_at = :now, last_error = :error
            WHERE id = :id AND COALESCE(state, '') = 'UNKNOWN'""";
    private static final String GIVE_UP_UNKNOWN = """
            UPDATE outbox_message SET state = 'DEAD', last_error = :error
            WHERE id = :id AND COALESCE(state, '') = 'UNKNOWN'""";
    // rare (only when settling an unknown outcome), so no index on vendor_id to slow every send down
    private static final String VENDOR_ID_HELD = """
            SELECT COUNT(*) FROM outbox_message WHERE vendor_id = :vendorId AND kind = :kind AND id <> :id""";
    private static final String MARK_RETRY = """
            UPDATE outbox_message SET state = 'RETRY_WAIT', next_attempt_at = :next, last_status = :status, last_error = :error
            WHERE id = :id AND COALESCE(state, '') = 'SENDING'""";
    private static final String MARK_FINAL = """
            UPDATE outbox_message SET state = :state, last_status = :status, last_error = :error
            WHERE id = :id AND COALESCE(state, '') = 'SENDING'""";
    private static final String REPLAY = """
            UPDATE outbox_message SET state = 'PENDING', attempts = 0, next_attempt_at = :now, last_error = NULL
            WHERE id = :id AND COALESCE(state, '') IN ('DEAD', 'FAILED')""";
    private static final String PENDING_OR_DUE = "SELECT " + COLUMNS
            + " FROM outbox_message WHERE state IN ('PENDING', 'RETRY_WAIT') AND next_attempt_at <= :before AND "
            + ClaimConditions.NOT_PAUSED + " AND " + ClaimConditions.NONE_UNSETTLED_BEFORE + " ORDER BY id";
    // the row a settled row held back: the earliest due one to the same recipient
    private static final String NEXT_IN_SEQUENCE = """
            SELECT id, kind FROM outbox_message
            WHERE sequence_key = (SELECT sequence_key FROM outbox_message WHERE id = :id)
            AND state IN ('PENDING', 'RETRY_WAIT') AND next_attempt_at <= :now AND\s""" + ClaimConditions.NOT_PAUSED + """
             ORDER BY id FETCH FIRST 1 ROWS ONLY""";
    private static final String STALE_SENDING = """
            SELECT id FROM outbox_message WHERE state = 'SENDING' AND claimed_at < :before ORDER BY id""";
    private static final String STALE_TO_UNKNOWN = """
            UPDATE outbox_message SET state = 'UNKNOWN', next_attempt_at = :now, last_error = :error
            WHERE id = :id AND COALESCE(state, '') = 'SENDING' AND claimed_at < :before""";
    private static final String BY_STATE = "SELECT " + COLUMNS + " FROM outbox_message WHERE state = :state ORDER BY id";
    private static final String COUNT_BY_STATE = "SELECT state, COUNT(*) AS n FROM outbox_message GROUP BY state";

    private final NamedParameterJdbcTemplate jdbc;
    private final String insertPending;
    private final String insertClaimed;

    OutboxStore(NamedParameterJdbcTemplate jdbc, Dialect dialect) {
        this.jdbc = jdbc;
        this.insertPending = dialect.skipDuplicate(INSERT, "idempotency_key");
        this.insertClaimed = dialect.skipDuplicate(INSERT_CLAIMED, "idempotency_key");
    }

    /**
     * Inserts a PENDING row; empty when a row with the same idempotency key exists (it is the same message). A
     * repeat does not spoil the caller's transaction on PostgreSQL ({@link Dialect#skipDuplicate}).
     */
    public Optional<Long> insert(String key, MessageKind kind, String vendor, String payload, String sequenceKey,
                                 String workflow, Instant now) {
        return insert(insertPending, key, kind, vendor, payload, sequenceKey, workflow, now);
    }

    /**
     * Like {@link #insert}, but the row is SENDING at its first attempt: claimed by the caller as it commits. Empty,
     * and nothing stored, for a repeat of the key and also while an earlier row with the same {@code sequenceKey} is
     * unsettled, or while its workflow is paused: the caller then stores it with {@link #insert}, which tells these
     * apart.
     */
    public Optional<Long> insertClaimed(String key, MessageKind kind, String vendor, String payload, String sequenceKey,
                                        String workflow, Instant now) {
        return insert(insertClaimed, key, kind, vendor, payload, sequenceKey, workflow, now);
    }

    private Optional<Long> insert(String sql, String key, MessageKind kind, String vendor, String payload,
                                  String sequenceKey, String workflow, Instant now) {
        var params = new MapSqlParameterSource().addValue("key", key).addValue("kind", kind.name()).addValue("vendor", vendor)
                .addValue("payload", payload).addValue("now", Timestamp.from(now))
                .addValue("sequence", sequenceKey, Types.VARCHAR) // typed: a bare null costs PostgreSQL a describe
                .addValue("workflow", workflow, Types.VARCHAR);
        var keys = new GeneratedKeyHolder();
        try {
            jdbc.update(sql, params, keys, new String[] {"id"});
        } catch (DuplicateKeyException sameMessage) {
            return Optional.empty(); // H2: the statement failed, the transaction goes on
        }
        Number id = keys.getKey();
        return id == null ? Optional.empty() : Optional.of(id.longValue()); // PostgreSQL: skipped, no key
    }

    public Optional<OutboxRow> claim(long id, Instant now) {
        if (jdbc.update(CLAIM, Map.of("id", id, "now", Timestamp.from(now))) == 0) {
            return Optional.empty();
        }
        return find(id);
    }

    /**
     * Claims rows with one statement batch, like {@link #claim} (only at their first attempt when
     * {@code firstAttempt}); returns, in order, whether each row was claimed.
     */
    public boolean[] claimAll(List<Long> ids, boolean firstAttempt, Instant now) {
        Timestamp at = Timestamp.from(now);
        SqlParameterSource[] params = ids.stream()
                .map(id -> new MapSqlParameterSource().addValue("id", id).addValue("now", at))
                .toArray(SqlParameterSource[]::new);
        int[] counts = jdbc.batchUpdate(firstAttempt ? CLAIM_FIRST : CLAIM, params);
        boolean[] claimed = new boolean[ids.size()];
        for (int i = 0; i < counts.length; i++) {
            claimed[i] = counts[i] > 0;
        }
        return claimed;
    }

    public Optional<OutboxRow> find(long id) {
        return jdbc.query(SELECT, Map.of("id", id), OutboxStore::row).stream().findFirst();
    }

    public Optional<OutboxRow> findByKey(String key) {
        return jdbc.query(SELECT_BY_KEY, Map.of("key", key), OutboxStore::row).stream().findFirst();
    }

    public boolean markSent(long id, String vendorId, Instant now) {
        return jdbc.update(MARK_SENT, Map.of("id", id, "vendorId", vendorId == null ? "" : vendorId,
                "now", Timestamp.from(now))) == 1;
    }

    public void markRetry(long id, Instant next, int status, String error) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        p.put("next", Timestamp.from(next));
        p.put("status", status);
        p.put("error", truncate(error));
        jdbc.update(MARK_RETRY, p);
    }

    /** FAILED (permanent) or DEAD (exhausted). */
    public void markFinal(long id, OutboxState state, int status, String error) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        p.put("state", state.name());
        p.put("status", status);
        p.put("error", truncate(error));
        jdbc.update(MARK_FINAL, p);
    }

    public boolean replay(long id, Instant now) {
        return jdbc.update(REPLAY, Map.of("id", id, "now", Timestamp.from(now))) == 1;
    }

    /** Rows that should have been sent by {@code before}: missed dispatches and overdue retries. */
    public List<OutboxRow> pendingOrDue(Instant before) {
        return jdbc.query(PENDING_OR_DUE, Map.of("before", Timestamp.from(before)), OutboxStore::row);
    }

    /**
     * The row that {@code id} (now settled) held back, if one is due: the earliest PENDING or RETRY_WAIT row to the
     * same recipient, as id and kind.
     */
    public Optional<Map.Entry<Long, MessageKind>> nextInSequence(long id, Instant now) {
        return jdbc.query(NEXT_IN_SEQUENCE, Map.of("id", id, "now", Timestamp.from(now)),
                (rs, n) -> Map.entry(rs.getLong("id"), MessageKind.valueOf(rs.getString("kind")))).stream().findFirst();
    }

    public List<Long> staleSending(Instant before) {
        return jdbc.queryForList(STALE_SENDING, Map.of("before", Timestamp.from(before)), Long.class);
    }

    /** A row left SENDING by a hub that stopped (claimed before {@code before}): its outcome is unknown. */
    public boolean staleToUnknown(long id, Instant before, Instant now) {
        return jdbc.update(STALE_TO_UNKNOWN, Map.of("id", id, "before", Timestamp.from(before), "now", Timestamp.from(now),
                "error", "outcome unknown: the hub stopped during the vendor call; asking the vendor")) == 1;
    }

    /** A live attempt whose answer never came: asked about at {@code next}. */
    public boolean markUnknown(long id, Instant next, String error) {
        return jdbc.update(MARK_UNKNOWN, Map.of("id", id, "next", Timestamp.from(next), "error", truncate(error))) == 1;
    }

    public List<OutboxRow> unknownDue(Instant now) {
        return jdbc.query(UNKNOWN_DUE, Map.of("now", Timestamp.from(now)), OutboxStore::row);
    }

    /** The vendor could not say: ask again at {@code next}. */
    public boolean deferUnknown(long id, Instant next, String error) {
        return jdbc.update(DEFER_UNKNOWN, Map.of("id", id, "next", Timestamp.from(next), "error", truncate(error))) == 1;
    }

    /** The vendor has no trace of it: send again. False when another sweep settled it first. */
    public boolean resendUnknown(long id, Instant now) {
        return jdbc.update(RESEND_UNKNOWN, Map.of("id", id, "now", Timestamp.from(now),
                "error", "resent: the vendor has no trace of the previous attempt")) == 1;
    }

    public boolean giveUpUnknown(long id, String error) {
        return jdbc.update(GIVE_UP_UNKNOWN, Map.of("id", id, "error", truncate(error))) == 1;
    }

    /** Whether another row of the kind already holds this vendor id. */
    public boolean vendorIdHeldByAnother(String vendorId, MessageKind kind, long id) {
        Long n = jdbc.queryForObject(VENDOR_ID_HELD, Map.of("vendorId", vendorId, "kind", kind.name(), "id", id), Long.class);
        return n != null && n > 0;
    }

    public List<OutboxRow> inState(OutboxState state) {
        return jdbc.query(BY_STATE, Map.of("state", state.name()), OutboxStore::row);
    }

    /** Rows by state; a state no row is in is absent. */
    public Map<OutboxState, Long> countByState() {
        Map<OutboxState, Long> counts = new EnumMap<>(OutboxState.class);
        jdbc.query(COUNT_BY_STATE, rs -> {
            counts.put(OutboxState.valueOf(rs.getString("state")), rs.getLong("n"));
        });
        return counts;
    }

    private static OutboxRow row(ResultSet rs, int n) throws SQLException {
        Timestamp claimed = rs.getTimestamp("claimed_at");
        Integer status = rs.getObject("last_status") == null ? null : rs.getInt("last_status");
        return new OutboxRow(rs.getLong("id"), rs.getString("idempotency_key"),
                MessageKind.valueOf(rs.getString("kind")),
                rs.getString("vendor"), OutboxState.valueOf(rs.getString("state")), rs.getString("payload"), rs.getInt("attempts"),
                rs.getTimestamp("created_at").toInstant(), claimed == null ? null : claimed.toInstant(),
                rs.getString("vendor_id"), status, rs.getString("last_error"));
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
