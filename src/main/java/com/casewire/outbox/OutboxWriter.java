package com.casewire.outbox;

import com.casewire.audit.ChainSealer;
import com.casewire.audit.LogEntry;
import com.casewire.db.GroupCommit;
import com.casewire.outbox.OutboxStore.OutboxRow;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox's two writes around a vendor call, each shared with whatever other senders have queued meanwhile
 * ({@link GroupCommit}): the claim (committed before the call, so a crash mid-call leaves the row SENDING, never
 * silently re-sendable) and the completion (the row SENT, its log entry sealed into the hash chain and its
 * write-back note stored, all in one transaction).
 */
final class OutboxWriter {

    /** Most claims and completions in one transaction. */
    static final int MAX_BATCH = 128;

    /** A row to send: by id (read back when claimed), or whole, as the outbox has just stored it. */
    record Work(long id, MessageKind kind, String idempotencyKey, OutboundMessage message) {
    }

    /** A row claimed for sending; {@code message} is null when the stored payload is unreadable. */
    record Claimed(long id, String idempotencyKey, MessageKind kind, int attempts, Instant createdAt, OutboundMessage message,
                   String problem) {
    }

    private sealed interface Write permits Claim, Complete {
    }

    private record Claim(Work work) implements Write {
    }

    private record Complete(Claimed row, String vendorId, Instant at) implements Write {
    }

    /** Stores a write-back note in the completing transaction ({@code OutboxSender.store}). */
    interface NoteStore {
        void store(String key, OutboundMessage note, Instant now);
    }

    private final OutboxStore outbox;
    private final ChainSealer sealer;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;
    private final SendRecords records;
    private final NoteStore notes;
    private final GroupCommit<Write, Object> writes;

    OutboxWriter(OutboxStore outbox, ChainSealer sealer, TransactionTemplate tx, ObjectMapper json, Clock clock,
                 SendRecords records, NoteStore notes) {
        this.outbox = outbox;
        this.sealer = sealer;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
        this.records = records;
        this.notes = notes;
        this.writes = new GroupCommit<>("outbox", tx, MAX_BATCH, batch -> writeAll(batch, false),
                write -> tx.execute(status -> writeAll(List.of(write), true).get(0)));
    }

    /** Claims the row (empty when it is sent already, not due, claimed elsewhere or waiting for an earlier one). */
    @SuppressWarnings("unchecked")
    CompletableFuture<Optional<Claimed>> claim(Work work) {
        return writes.submit(new Claim(work)).thenApply(result -> (Optional<Claimed>) result);
    }

    /** Records the row sent with the vendor's id; false when it was no longer the claimed row to mark. */
    CompletableFuture<Boolean> complete(Claimed row, String vendorId) {
        return writes.submit(new Complete(row, vendorId, clock.instant())).thenApply(Boolean.TRUE::equals);
    }

    /** {@link #complete} in a transaction of its own, now, on the caller's thread. */
    boolean completeNow(Claimed row, String vendorId) {
        Object marked = tx.execute(status -> writeAll(List.of(new Complete(row, vendorId, clock.instant())), true).get(0));
        return Boolean.TRUE.equals(marked);
    }

    /** The stored row as a claimed one, its payload read back. */
    Claimed claimed(OutboxRow row) {
        try {
            return new Claimed(row.id(), row.idempotencyKey(), row.kind(), row.attempts(), row.createdAt(),
                    json.readValue(row.payload(), OutboundMessage.class), null);
        } catch (JsonProcessingException e) {
            return new Claimed(row.id(), row.idempotencyKey(), row.kind(), row.attempts(), row.createdAt(), null,
                    e.getOriginalMessage());
        }
    }

    void stop() throws InterruptedException {
        writes.stop();
    }

    /**
     * Claims and completions queued meanwhile, written in one transaction; one result per write. The log
     * entries of the completed sends are recorded sealed, extending the hash chain in the same transaction.
     * {@code alone}: a write on its own after its batch failed, tolerating a log entry recorded before.
     */
    private List<Object> writeAll(List<Write> batch, boolean alone) {
        Instant now = clock.instant();
        Object[] results = new Object[batch.size()];
        List<Integer> fresh = new ArrayList<>();
        List<Integer> byId = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i) instanceof Claim claim) {
                (claim.work().message() != null ? fresh : byId).add(i);
            }
        }
        claim(batch, fresh, true, now, results);
        claim(batch, byId, false, now, results);
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i) instanceof Complete done) {
                results[i] = completeSent(done.row(), done.vendorId(), done.at(), entries);
            }
        }
        if (!entries.isEmpty()) {
            sealer.recordSealed(entries, alone);
        }
        return Arrays.asList(results);
    }

    private void claim(List<Write> batch, List<Integer> indexes, boolean fresh, Instant now, Object[] results) {
        if (indexes.isEmpty()) {
            return;
        }
        List<Long> ids = indexes.stream().map(i -> ((Claim) batch.get(i)).work().id()).toList();
        boolean[] claimed = outbox.claimAll(ids, fresh, now);
        for (int j = 0; j < indexes.size(); j++) {
            Work work = ((Claim) batch.get(indexes.get(j))).work();
            Optional<Claimed> row = Optional.empty();
            if (claimed[j] && fresh) {
                // claimed at its first attempt: what the outbox stored is what it handed over
                row = Optional.of(new Claimed(work.id(), work.idempotencyKey(), work.kind(), 1, now, work.message(), null));
            } else if (claimed[j]) {
                row = outbox.find(work.id()).map(this::claimed);
            }
            results[indexes.get(j)] = row;
        }
    }

    /**
     * Marks a row SENT and adds its log entry to {@code entries} (the caller records them); stores the
     * write-back note row, which goes to its sender when the transaction commits. Returns whether the row was
     * marked.
     */
    private boolean completeSent(Claimed row, String vendorId, Instant now, List<LogEntry> entries) {
        if (!outbox.markSent(row.id(), vendorId, now)) {
            return false;
        }
        OutboundMessage message = row.message();
        if (message.clientCommunication()) {
            entries.add(records.entry(row.idempotencyKey(), message, now, "SENT", vendorId, null));
        }
        if (message.writeBack() && message.matterId() != null) {
            notes.store(row.idempotencyKey() + ":note", records.writeBackNote(message, now), now);
        }
        return true;
    }
}
