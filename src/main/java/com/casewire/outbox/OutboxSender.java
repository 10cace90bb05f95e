package com.casewire.outbox;

import com.casewire.audit.ChainSealer;
import com.casewire.audit.CommunicationLog;
import com.casewire.config.FirmProperties;
import com.casewire.db.AfterCommit;
import com.casewire.outbox.OutboxStore.OutboxRow;
import com.casewire.outbox.OutboxWriter.Claimed;
import com.casewire.outbox.OutboxWriter.Work;
import com.casewire.schedule.DurableTimers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends outbox rows: what the rest of the hub calls (store, dispatch, sweep, replay). The work is done by its parts:
 * <ul>
 *   <li>{@link SendQueue}: one {@link SendLane} of senders per vendor, and the rows this hub has in hand;</li>
 *   <li>{@link OutboxWriter}: claims before the vendor call and completions after it, in shared transactions;</li>
 *   <li>{@link SendOutcomes}: the vendor call and what came of it (sent, retry, failed, dead, unknown);</li>
 *   <li>{@link UnknownOutcomes}: rows whose outcome nobody heard, settled by asking the vendor;</li>
 *   <li>{@link RetryPolicy} and {@link SendRecords}: back-off, and the log entry and write-back note of a send.</li>
 * </ul>
 */
@Component
public class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    static final String RETRY_TIMER = "outbox-retry";

    private final OutboxStore outbox;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration claimTimeout;
    private final Map<MessageKind, OutboundChannel> channels;
    private final OutboxWriter writer;
    private final SendQueue queue;
    private final SendOutcomes outcomes;
    private final UnknownOutcomes unknown;

    OutboxSender(OutboxStore outbox, CommunicationLog commLog, ChainSealer sealer, DurableTimers timers,
                 TransactionTemplate tx, ObjectMapper json, Clock clock, OutboxProperties settings, FirmProperties firm,
                 List<OutboundChannel> channels) {
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.claimTimeout = settings.claimTimeout();
        this.channels = channels.stream().collect(Collectors.toMap(OutboundChannel::kind, Function.identity()));
        RetryPolicy policy = new RetryPolicy(settings);
        SendRecords records = new SendRecords(firm.zone());
        this.writer = new OutboxWriter(outbox, sealer, tx, json, clock, records, this::store);
        this.queue = new SendQueue(this::vendorOrNull, settings.sendersPerVendor(), writer, outbox, clock,
                this::sendClaimed);
        this.outcomes = new SendOutcomes(this.channels, outbox, writer, queue, commLog, sealer, timers, tx, records,
                policy, clock);
        this.unknown = new UnknownOutcomes(this.channels, outbox, writer, queue, policy, clock);
    }

    /** A claimed row, to its vendor (the queue's senders call this once {@link #outcomes} is set). */
    private void sendClaimed(Claimed row) {
        outcomes.send(row);
    }

    public String vendorOf(MessageKind kind) {
        String vendor = vendorOrNull(kind);
        if (vendor == null) {
            throw new IllegalArgumentException("no outbound channel for kind " + kind);
        }
        return vendor;
    }

    private String vendorOrNull(MessageKind kind) {
        OutboundChannel channel = channels.get(kind);
        return channel == null ? null : channel.vendor();
    }

    /**
     * Hands a committed row to its vendor's senders, unless it is queued there already: the lane claims it (the claim
     * commits before the vendor call, so a crash mid-call leaves it SENDING, never silently re-sendable), sends it and
     * records the outcome.
     */
    public void dispatch(long id, MessageKind kind) {
        queue.dispatch(new Work(id, kind, null, null));
    }

    /**
     * Inserts an outbox row in the current transaction and sees that it is sent once that commits. When the kind's
     * lane has a free slot the row is stored already claimed (SENDING, attempt 1) and goes straight to a sender
     * after the commit: that commit is the claim's, so the usual claim (an update and a commit of its own before
     * the vendor call) is saved. A crash between the commit and the call leaves it SENDING, exactly as after a
     * claim. When the lane is full, or there is no transaction, the row is stored PENDING and claimed in turn; so is
     * a row whose recipient has an earlier message still unsent or unsettled (it waits its turn:
     * {@link SendQueue#releaseNext}). Empty for a repeat of the same key.
     */
    Optional<Long> store(String key, OutboundMessage message, Instant now) {
        MessageKind kind = message.kind();
        String vendor = vendorOf(kind);
        String sequence = message.sequenceKey();
        String payload = toJson(message);
        SendLane lane = queue.laneFor(kind);
        if (!TransactionSynchronizationManager.isSynchronizationActive() || !lane.reserve()) {
            return storePending(key, message, payload, now);
        }
        long[] inserted = {-1};
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED && inserted[0] >= 0) {
                    queue.take(inserted[0]);
                    lane.sendOnSlot(new Claimed(inserted[0], key, kind, 1, now, message, null));
                } else {
                    lane.unreserve(); // rolled back, or a repeat: the slot goes back
                }
            }
        });
        Optional<Long> id = outbox.insertClaimed(key, kind, vendor, payload, sequence, message.workflow(), now);
        if (id.isPresent()) {
            inserted[0] = id.get();
            return id;
        }
        // a repeat of the key, or an earlier message to the same recipient is unsettled (the slot goes back)
        Optional<Long> waiting = storePending(key, message, payload, now);
        if (waiting.isPresent()) {
            queue.hold(sequence);
        }
        return waiting;
    }

    private Optional<Long> storePending(String key, OutboundMessage message, String payload, Instant now) {
        MessageKind kind = message.kind();
        Optional<Long> id = outbox.insert(key, kind, vendorOf(kind), payload, message.sequenceKey(), message.workflow(), now);
        id.ifPresent(rowId -> AfterCommit.run(() -> queue.dispatch(new Work(rowId, kind, key, message))));
        return id;
    }

    /**
     * Re-drives rows a crash or a full queue left behind. A row left SENDING by a hub that stopped (claimed longer ago
     * than {@code hub.outbox.claim-timeout}, and not in this hub's hands) has an unknown outcome: it becomes UNKNOWN,
     * and every UNKNOWN row that is due is settled by asking its vendor ({@link UnknownOutcomes}).
     */
    public int sweep(Duration grace) {
        Instant now = clock.instant();
        int n = 0;
        for (OutboxRow row : outbox.pendingOrDue(now.minus(grace))) {
            dispatch(row.id(), row.kind());
            n++;
        }
        Instant staleBefore = now.minus(claimTimeout);
        for (Long id : outbox.staleSending(staleBefore)) {
            if (!queue.inHand(id)) { // else still in this hub's hands (waiting for its sender or being recorded)
                outbox.staleToUnknown(id, staleBefore, now);
            }
        }
        for (OutboxRow row : outbox.unknownDue(now)) {
            if (unknown.settleLater(row)) {
                n++;
            }
        }
        return n;
    }

    /** See {@link UnknownOutcomes#settleFromVendor}. */
    public boolean settleFromVendor(String key, String vendorId) {
        return unknown.settleFromVendor(key, vendorId);
    }

    /** Puts a DEAD or FAILED row back in the queue. */
    public boolean replay(long id) {
        Optional<OutboxRow> row = outbox.find(id);
        if (row.isEmpty() || !outbox.replay(id, clock.instant())) {
            return false;
        }
        log.info("outbox {} {} replayed by an operator", id, row.get().kind());
        dispatch(id, row.get().kind());
        return true;
    }

    public long vendorErrors() {
        return outcomes.vendorErrors();
    }

    /** Per workflow, since this instance started: its sends' waits for a vendor's pace and the 429s they met. */
    public RateLimitWaits rateLimitWaits() {
        return outcomes.rateLimitWaits();
    }

    public Map<MessageKind, Long> sentByKind() {
        return outcomes.sentByKind();
    }

    String toJson(OutboundMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        writer.stop();
        queue.stop();
    }
}
