package com.casewire.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import com.casewire.db.Dialect;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The firm's record of every client communication. Entries are inserted unsealed and chained by
 * {@link ChainSealer}; {@link #verify()} recomputes the chain so a later edit or deletion shows.
 */
@Repository
public class CommunicationLog {

    /** An entry as stored, with its place in the chain (null until sealed). */
    public record StoredEntry(long id, LogEntry entry, Long chainSeq, String prevHash, String entryHash,
                              String deliveryStatus) {
    }

    /** The outcome of a chain check. */
    public record Verification(boolean valid, long sealedEntries, long unsealedEntries, Long firstBrokenSeq,
                               String problem) {
    }

    /**
     * A point of the chain, entry {@code seq} and its hash ({@code seq} 0: the empty chain). Kept outside the hub (the
     * daily reconciliation report carries the head), it catches what the chain alone cannot: someone with write access
     * to the database rewriting an entry and recomputing every hash after it.
     */
    public record Anchor(long seq, String hash) {
    }

    /** Whether the chain, recomputed from its first entry without trusting a stored hash, still leads to an anchor. */
    public record AnchorCheck(long seq, String hash, boolean holds, String problem) {
    }

    private static final String COLUMNS = """
            id, idempotency_key, recorded_at, matter_id, recipient_name, recipient_address, channel, workflow, template,
            subject, body, outcome, vendor_message_id, error, chain_seq, prev_hash, entry_hash, delivery_status""";
    private static final String INSERT = """
            INSERT INTO communication_log (idempotency_key, recorded_at, matter_id, recipient_name, recipient_address,
                channel, workflow, template, subject, body, outcome, vendor_message_id, error)
            VALUES (:key, :at, :matter, :name, :address, :channel, :workflow, :template, :subject, :body, :outcome,
                :vendorId, :error)""";
    private static final String INSERT_SEALED = """
            INSERT INTO communication_log (idempotency_key, recorded_at, matter_id, recipient_name, recipient_address,
                channel, workflow, template, subject, body, outcome, vendor_message_id, error, chain_seq, prev_hash,
                entry_hash)
            VALUES (:key, :at, :matter, :name, :address, :channel, :workflow, :template, :subject, :body, :outcome,
                :vendorId, :error, :seq, :prev, :hash)""";
    private static final String KEY_EXISTS = "SELECT COUNT(*) FROM communication_log WHERE idempotency_key = :key";
    private static final String BY_MATTER = "SELECT " + COLUMNS + " FROM communication_log WHERE matter_id = :matter ORDER BY id";
    private static final String ALL = "SELECT " + COLUMNS + " FROM communication_log ORDER BY id";
    private static final String SEALED_IN_ORDER = "SELECT " + COLUMNS
            + " FROM communication_log WHERE chain_seq IS NOT NULL ORDER BY chain_seq";
    private static final String SEALED_UP_TO = "SELECT " + COLUMNS
            + " FROM communication_log WHERE chain_seq IS NOT NULL AND chain_seq <= :seq ORDER BY chain_seq";
    private static final String COUNT_UNSEALED = "SELECT COUNT(*) FROM communication_log WHERE chain_seq IS NULL";
    private static final String HEAD = "SELECT last_seq, last_hash FROM communication_chain_head WHERE id = 1";
    private static final String UPDATE_DELIVERY = """
            UPDATE communication_log SET delivery_status = :status, delivery_updated_at = :at
            WHERE vendor_message_id = :vendorId""";
    private static final String DELIVERY_OF = "SELECT delivery_status FROM communication_log WHERE vendor_message_id = :vendorId";
    private static final String LATEST_MATTER_FOR = """
            SELECT matter_id FROM communication_log
            WHERE recipient_address = :address AND matter_id IS NOT NULL AND outcome = 'SENT'
            ORDER BY id DESC""";

    /** Twilio's message statuses in the order they can happen; callbacks may arrive out of order. */
    private static final List<String> DELIVERY_ORDER = List.of("accepted", "scheduled", "queued", "sending", "sent",
            "delivered", "read", "undelivered", "failed", "canceled");

    private final NamedParameterJdbcTemplate jdbc;
    private final String insertOnce;

    CommunicationLog(NamedParameterJdbcTemplate jdbc, Dialect dialect) {
        this.jdbc = jdbc;
        this.insertOnce = dialect.skipDuplicate(INSERT, "idempotency_key");
    }

    /**
     * Records an entry once per idempotency key; a second record of the same communication is ignored, without
     * spoiling the caller's transaction on PostgreSQL ({@link Dialect#skipDuplicate}).
     */
    public boolean record(LogEntry e) {
        try {
            return jdbc.update(insertOnce, params(e)) == 1;
        } catch (DuplicateKeyException recorded) {
            return false; // H2: the statement failed, the transaction goes on
        }
    }

    /** Whether an entry with this idempotency key has been recorded. */
    boolean isRecorded(String idempotencyKey) {
        Long n = jdbc.queryForObject(KEY_EXISTS, Map.of("key", idempotencyKey), Long.class);
        return n != null && n > 0;
    }

    /** The entry as the table keeps it (microseconds, error cut at 2,000 characters): what a hash must cover. */
    static LogEntry asStored(LogEntry e) {
        String error = e.error() == null || e.error().length() <= 2000 ? e.error() : e.error().substring(0, 2000);
        return new LogEntry(e.idempotencyKey(), e.recordedAt().truncatedTo(ChronoUnit.MICROS), e.matterId(),
                e.recipientName(), e.recipientAddress(), e.channel(), e.workflow(), e.template(), e.subject(), e.body(),
                e.outcome(), e.vendorMessageId(), error);
    }

    /** Inserts entries with their place in the chain already computed (see {@link ChainSealer#recordSealed}). */
    void insertSealed(List<LogEntry> entries, long firstSeq, List<String> prevHashes, List<String> hashes) {
        MapSqlParameterSource[] batch = new MapSqlParameterSource[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            batch[i] = new MapSqlParameterSource(params(entries.get(i))).addValue("seq", firstSeq + i)
                    .addValue("prev", prevHashes.get(i)).addValue("hash", hashes.get(i));
        }
        jdbc.batchUpdate(INSERT_SEALED, batch);
    }

    private static Map<String, Object> params(LogEntry e) {
        Map<String, Object> p = new HashMap<>();
        p.put("key", e.idempotencyKey());
        p.put("at", Timestamp.from(e.recordedAt().truncatedTo(ChronoUnit.MICROS)));
        p.put("matter", e.matterId());
        p.put("name", e.recipientName());
        p.put("address", e.recipientAddress());
        p.put("channel", e.channel());
        p.put("workflow", e.workflow());
        p.put("template", e.template());
        p.put("subject", e.subject());
        p.put("body", e.body());
        p.put("outcome", e.outcome());
        p.put("vendorId", e.vendorMessageId());
        p.put("error", e.error() == null || e.error().length() <= 2000 ? e.error() : e.error().substring(0, 2000));
        return p;
    }

    /**
     * Records a delivery status from the vendor. A status that comes after the recorded one in Twilio's
     * life cycle replaces it; a late "sent" after "delivered" does not. Returns false when no logged
     * message has this vendor id, or the status is older than the one recorded.
     */
    public boolean recordDeliveryStatus(String vendorMessageId, String status, Instant at) {
        List<String> current = jdbc.queryForList(DELIVERY_OF, Map.of("vendorId", vendorMessageId), String.class);
        if (current.isEmpty()) {
            return false;
        }
        String recorded = current.get(0);
        if (recorded != null && DELIVERY_ORDER.indexOf(status) <= DELIVERY_ORDER.indexOf(recorded)) {
            return false;
        }
        return jdbc.update(UPDATE_DELIVERY, Map.of("vendorId", vendorMessageId, "status", status,
                "at", Timestamp.from(at))) > 0;
    }

    /** The matter of the latest message sent to this address: what a reply from it most likely answers. */
    public java.util.Optional<String> latestMatterFor(String address) {
        return jdbc.queryForList(LATEST_MATTER_FOR, Map.of("address", address), String.class).stream().findFirst();
    }

    public List<StoredEntry> forMatter(String matterId) {
        return jdbc.query(BY_MATTER, Map.of("matter", matterId), CommunicationLog::row);
    }

    public List<StoredEntry> all() {
        return jdbc.query(ALL, Map.of(), CommunicationLog::row);
    }

    /** Recomputes every sealed entry's hash and link, in chain order, and compares with the head. */
    public Verification verify() {
        long[] seq = {0};
        String[] prev = {ChainHash.GENESIS};
        Object[] broken = {null, null};
        jdbc.query(SEALED_IN_ORDER, Map.of(), rs -> {
            if (broken[0] != null) {
                return;
            }
            StoredEntry s = row(rs, 0);
            long expectedSeq = seq[0] + 1;
            if (s.chainSeq() != expectedSeq) {
                broken[0] = expectedSeq;
                broken[1] = "entry " + expectedSeq + " is missing";
            } else if (!prev[0].equals(s.prevHash())) {
                broken[0] = s.chainSeq();
                broken[1] = "entry " + s.chainSeq() + " does not link to the entry before it";
            } else if (!ChainHash.of(prev[0], s.chainSeq(), s.entry()).equals(s.entryHash())) {
                broken[0] = s.chainSeq();
                broken[1] = "entry " + s.chainSeq() + " was changed after it was sealed";
            } else {
                seq[0] = s.chainSeq();
                prev[0] = s.entryHash();
            }
        });
        Long unsealed = jdbc.queryForObject(COUNT_UNSEALED, Map.of(), Long.class);
        if (broken[0] == null) {
            Map<String, Object> head = jdbc.queryForMap(HEAD, Map.of());
            long headSeq = ((Number) head.get("last_seq")).longValue();
            if (headSeq != seq[0] || !prev[0].equals(head.get("last_hash"))) {
                broken[0] = seq[0] + 1;
                broken[1] = "the chain ends at entry " + seq[0] + " but its head records entry " + headSeq
                        + ": entries were removed";
            }
        }
        return new Verification(broken[0] == null, seq[0], unsealed == null ? 0 : unsealed, (Long) broken[0],
                (String) broken[1]);
    }

    /** The chain's head now: the last sealed entry and its hash. */
    public Anchor head() {
        Map<String, Object> head = jdbc.queryForMap(HEAD, Map.of());
        return new Anchor(((Number) head.get("last_seq")).longValue(), (String) head.get("last_hash"));
    }

    /**
     * Recomputes every hash from the first entry up to the anchor's entry from the entries' content (the stored
     * hashes are not trusted: whoever rewrote an entry could have rewritten them too) and compares the result with
     * the anchor's hash. Entries after the anchor are not covered by it; a later anchor covers them.
     */
    public AnchorCheck verifyAnchor(Anchor anchor) {
        long[] seq = {0};
        String[] prev = {ChainHash.GENESIS};
        String[] problem = {null};
        jdbc.query(SEALED_UP_TO, Map.of("seq", anchor.seq()), rs -> {
            if (problem[0] != null) {
                return;
            }
            StoredEntry s = row(rs, 0);
            if (s.chainSeq() != seq[0] + 1) {
                problem[0] = "entry " + (seq[0] + 1) + " is missing";
                return;
            }
            seq[0] = s.chainSeq();
            prev[0] = ChainHash.of(prev[0], s.chainSeq(), s.entry());
        });
        if (problem[0] == null && seq[0] != anchor.seq()) {
            problem[0] = "the chain has " + seq[0] + " entries up to the anchor's entry " + anchor.seq() + ": entries were removed";
        }
        if (problem[0] == null && !prev[0].equalsIgnoreCase(anchor.hash())) {
            problem[0] = "entries up to " + anchor.seq() + " no longer hash to the anchor: an entry at or before it was changed"
                    + " and the chain recomputed";
        }
        return new AnchorCheck(anchor.seq(), anchor.hash(), problem[0] == null, problem[0]);
    }

    static StoredEntry row(ResultSet rs, int n) throws SQLException {
        LogEntry e = new LogEntry(rs.getString("idempotency_key"), rs.getTimestamp("recorded_at").toInstant(),
                rs.getString("matter_id"), rs.getString("recipient_name"), rs.getString("recipient_address"),
                rs.getString("channel"), rs.getString("workflow"), rs.getString("template"), rs.getString("subject"),
                rs.getString("body"), rs.getString("outcome"), rs.getString("vendor_message_id"), rs.getString("error"));
        Long seq = rs.getObject("chain_seq") == null ? null : rs.getLong("chain_seq");
        return new StoredEntry(rs.getLong("id"), e, seq, rs.getString("prev_hash"), rs.getString("entry_hash"),
                rs.getString("delivery_status"));
    }
}
