package com.casewire.outbox;

import com.casewire.audit.LogMask;
import com.casewire.outbox.OutboxWriter.Claimed;
import com.casewire.outbox.OutboxWriter.Work;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this hub has in hand: one {@link SendLane} per vendor, the rows queued on them (so the sweep does not queue a
 * row twice, and does not take a row this hub is still working on for one a stopped hub left), and the recipients
 * with a row waiting behind an earlier one, which is released the moment the earlier one settles.
 */
final class SendQueue implements SendLane.Sending {

    private static final Logger log = LoggerFactory.getLogger(SendQueue.class);

    private final Function<MessageKind, String> vendorOfKind;
    private final int sendersPerVendor;
    private final OutboxWriter writer;
    private final OutboxStore outbox;
    private final Clock clock;
    private final Consumer<Claimed> send;
    private final Map<String, SendLane> lanes = new ConcurrentHashMap<>();
    private final Set<Long> queued = ConcurrentHashMap.newKeySet();
    /** Sequence keys (recipients) with a row waiting for an earlier one: when that settles, the next goes at once. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    /** {@code vendorOfKind}: the vendor whose lane a kind goes on, null for a kind no channel sends. */
    SendQueue(Function<MessageKind, String> vendorOfKind, int sendersPerVendor, OutboxWriter writer, OutboxStore outbox,
              Clock clock, Consumer<Claimed> send) {
        this.vendorOfKind = vendorOfKind;
        this.sendersPerVendor = sendersPerVendor;
        this.writer = writer;
        this.outbox = outbox;
        this.clock = clock;
        this.send = send;
    }

    /** The lane a row of {@code kind} goes on. */
    SendLane laneFor(MessageKind kind) {
        String vendor = vendorOfKind.apply(kind);
        return lanes.computeIfAbsent(vendor == null ? "unknown" : vendor, v -> new SendLane(v, sendersPerVendor, this));
    }

    /** Queues the row on its vendor's lane, which claims and sends it, unless it is queued already. */
    void dispatch(Work work) {
        if (queued.add(work.id())) {
            laneFor(work.kind()).add(work);
        }
    }

    /** Takes the row into this hub's hands; false when it is there already. */
    boolean take(long id) {
        return queued.add(id);
    }

    boolean inHand(long id) {
        return queued.contains(id);
    }

    /** The row has left this hub's hands (recorded, handed back to the database, or given up). */
    void done(long id) {
        queued.remove(id);
    }

    /** A row to this recipient waits behind an earlier one. */
    void hold(String sequenceKey) {
        if (sequenceKey != null) {
            held.add(sequenceKey);
        }
    }

    /**
     * A row has settled (sent, failed for good, or found at the vendor): the row it held back, if any, is dispatched
     * now rather than at the next sweep. Looked up only where a row is known to wait ({@link #hold}) or this one was
     * delayed (retried, or its outcome was unknown), so an undisturbed send costs no query.
     */
    void releaseNext(Claimed row, boolean delayed) {
        String sequence = row.message() == null ? null : row.message().sequenceKey();
        if (sequence == null || !(held.remove(sequence) || delayed)) {
            return;
        }
        try {
            outbox.nextInSequence(row.id(), clock.instant()).ifPresent(next -> {
                held.add(sequence); // more may wait behind it
                dispatch(new Work(next.getKey(), next.getValue(), null, null));
            });
        } catch (RuntimeException e) {
            log.warn("outbox {}: the next message to its recipient waits for the sweep ({})", row.id(),
                    LogMask.text(e.toString()));
        }
    }

    @Override
    public CompletableFuture<Optional<Claimed>> claim(Work work) {
        return writer.claim(work);
    }

    @Override
    public void send(Claimed row) {
        send.accept(row);
    }

    /** Sent already, not due yet, claimed by another sender, waiting for an earlier row to the same recipient
     * (released when that settles), or the claim failed (the sweep retries). */
    @Override
    public void notClaimed(Work work, Throwable failure) {
        queued.remove(work.id());
        if (failure == null && work.message() != null) {
            hold(work.message().sequenceKey());
        }
        if (failure != null) {
            log.warn("outbox {} could not be claimed ({}); the sweep retries", work.id(), LogMask.text(failure.toString()));
        }
    }

    void stop() throws InterruptedException {
        for (SendLane lane : lanes.values()) {
            lane.stop();
        }
        for (SendLane lane : lanes.values()) {
            lane.awaitStop();
        }
    }
}
