package com.casewire.audit;

import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals unsealed log entries into the hash chain, oldest first, in batches. The chain head row is locked
 * for the batch ({@code SELECT ... FOR UPDATE}), so one sealer at a time extends the chain even with
 * several hub instances. Senders insert entries concurrently and never wait for the chain.
 */
@Component
public class ChainSealer {

    private static final Logger log = LoggerFactory.getLogger(ChainSealer.class);
    private static final int BATCH = 500;

    private static final String LOCK_HEAD = "SELECT last_seq, last_hash FROM communication_chain_head WHERE id = 1 FOR UPDATE";
    private static final String UNSEALED = "SELECT " + """
            id, idempotency_key, recorded_at, matter_id, recipient_name, recipient_address, channel, workflow, template,
            subject, body, outcome, vendor_message_id, error, chain_seq, prev_hash, entry_hash, delivery_status
            FROM communication_log WHERE chain_seq IS NULL ORDER BY id LIMIT""" + " " + BATCH;
    // COALESCE keeps H2 on the primary key instead of walking the chain_seq index through every unsealed row
    private static final String SEAL = """
            UPDATE communication_log SET chain_seq = :seq, prev_hash = :prev, entry_hash = :hash
            WHERE id = :id AND COALESCE(chain_seq, 0) = 0""";
    private static final String MOVE_HEAD = "UPDATE communication_chain_head SET last_seq = :seq, last_hash = :hash WHERE id = 1";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final CommunicationLog commLog;
    /** Requests within this long fold into one seal: under load a seal covers many entries, not one. */
    private static final long SEAL_DELAY_MILLIS = 100;

    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chain-sealer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean requested = new AtomicBoolean();

    ChainSealer(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, CommunicationLog commLog) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.commLog = commLog;
    }

    /**
     * Records entries already sealed: extends the chain with them inside the caller's transaction (which
     * holds the chain head until it commits), so they are written once instead of inserted and sealed
     * later. Entries recorded before (by idempotency key) are skipped when {@code skipRecorded}; otherwise
     * a repeat fails the insert with a duplicate key.
     */
    public void recordSealed(List<LogEntry> entries, boolean skipRecorded) {
        List<LogEntry> fresh = entries.stream().filter(e -> !skipRecorded || !commLog.isRecorded(e.idempotencyKey()))
                .map(CommunicationLog::asStored).toList();
        if (fresh.isEmpty()) {
            return;
        }
        Map<String, Object> head = jdbc.queryForMap(LOCK_HEAD, Map.of());
        long seq = ((Number) head.get("last_seq")).longValue();
        String prev = (String) head.get("last_hash");
        List<String> prevHashes = new ArrayList<>(fresh.size());
        List<String> hashes = new ArrayList<>(fresh.size());
        for (int i = 0; i < fresh.size(); i++) {
            String hash = ChainHash.of(prev, seq + 1 + i, fresh.get(i));
            prevHashes.add(prev);
            hashes.add(hash);
            prev = hash;
        }
        commLog.insertSealed(fresh, seq + 1, prevHashes, hashes);
        jdbc.update(MOVE_HEAD, Map.of("seq", seq + fresh.size(), "hash", prev));
    }

    /** Asks for a seal soon (within {@value #SEAL_DELAY_MILLIS} ms); requests while one is pending fold into it. */
    public void requestSeal() {
        if (requested.compareAndSet(false, true)) {
            worker.schedule(() -> {
                requested.set(false);
                try {
                    sealAll();
                } catch (RuntimeException e) {
                    log.warn("sealing the communication log failed; the periodic sweep retries: {}", e.toString());
                }
            }, SEAL_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Seals until nothing is left unsealed; returns how many entries were sealed. */
    public int sealAll() {
        int total = 0;
        for (int n; (n = sealBatch()) > 0; ) {
            total += n;
        }
        return total;
    }

    int sealBatch() {
        Integer sealed = tx.execute(status -> {
            Map<String, Object> head = jdbc.queryForMap(LOCK_HEAD, Map.of());
            long seq = ((Number) head.get("last_seq")).longValue();
            String prev = (String) head.get("last_hash");
            List<CommunicationLog.StoredEntry> batch = jdbc.query(UNSEALED, Map.of(), CommunicationLog::row);
            if (batch.isEmpty()) {
                return 0;
            }
            List<SqlParameterSource> updates = new ArrayList<>(batch.size());
            for (CommunicationLog.StoredEntry s : batch) {
                seq++;
                String hash = ChainHash.of(prev, seq, s.entry());
                updates.add(new MapSqlParameterSource().addValue("id", s.id()).addValue("seq", seq)
                        .addValue("prev", prev).addValue("hash", hash));
                prev = hash;
            }
            jdbc.batchUpdate(SEAL, updates.toArray(SqlParameterSource[]::new));
            jdbc.update(MOVE_HEAD, Map.of("seq", seq, "hash", prev));
            return batch.size();
        });
        return sealed == null ? 0 : sealed;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow(); // a pending seal is left to the next start's sweep
    }
}
