package com.casewire.outbox;

import com.casewire.audit.ChainSealer;
import com.casewire.audit.CommunicationLog;
import com.casewire.audit.LogMask;
import com.casewire.db.DatabaseOutage;
import com.casewire.outbox.OutboxWriter.Claimed;
import com.casewire.schedule.DurableTimers;
import com.casewire.vendor.CallWaits;
import com.casewire.vendor.VendorException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One claimed row through its channel, and what came of it:
 * <ul>
 *   <li>sent: the row, the communication-log entry and the write-back note row commit together ({@link OutboxWriter});</li>
 *   <li>transient failure: RETRY_WAIT with back-off (never sooner than Retry-After), driven by a durable timer; DEAD
 *       once {@code hub.outbox.retry-for} has run out ({@link RetryPolicy});</li>
 *   <li>no answer (a time-out, a connection lost after the request left): UNKNOWN, settled later by asking the vendor
 *       ({@link UnknownOutcomes});</li>
 *   <li>permanent failure: FAILED and recorded on the log; never retried.</li>
 * </ul>
 */
final class SendOutcomes {

    private static final Logger log = LoggerFactory.getLogger(SendOutcomes.class);

    private final Map<MessageKind, OutboundChannel> channels;
    private final OutboxStore outbox;
    private final OutboxWriter writer;
    private final SendQueue queue;
    private final CommunicationLog commLog;
    private final ChainSealer sealer;
    private final DurableTimers timers;
    private final TransactionTemplate tx;
    private final SendRecords records;
    private final RetryPolicy policy;
    private final Clock clock;
    private final AtomicLong vendorErrors = new AtomicLong();
    private final Map<MessageKind, AtomicLong> sentByKind = new ConcurrentHashMap<>();
    private final RateLimitWaits rateLimitWaits = new RateLimitWaits();

    SendOutcomes(Map<MessageKind, OutboundChannel> channels, OutboxStore outbox, OutboxWriter writer, SendQueue queue,
                 CommunicationLog commLog, ChainSealer sealer, DurableTimers timers, TransactionTemplate tx,
                 SendRecords records, RetryPolicy policy, Clock clock) {
        this.channels = channels;
        this.outbox = outbox;
        this.writer = writer;
        this.queue = queue;
        this.commLog = commLog;
        this.sealer = sealer;
        this.timers = timers;
        this.tx = tx;
        this.records = records;
        this.policy = policy;
        this.clock = clock;
    }

    /** Sends the claimed row (on its lane's sender) and records the outcome. */
    void send(Claimed row) {
        boolean completing = false;
        try {
            OutboundChannel channel = channels.get(row.kind());
            if (row.message() == null) {
                outbox.markFinal(row.id(), OutboxState.FAILED, 0, "unreadable payload: " + row.problem());
                return;
            }
            if (channel == null) {
                outbox.markFinal(row.id(), OutboxState.FAILED, 0, "no outbound channel for kind " + row.kind());
                return;
            }
            String vendorId;
            try {
                vendorId = sendTallied(channel, row);
            } catch (VendorException e) {
                vendorErrors.incrementAndGet();
                if (e.outcomeUnknown()) {
                    unknown(row, e);
                } else if (e.isTransient()) {
                    retryOrGiveUp(row, e);
                } else {
                    log.warn("outbox {} {} failed permanently: {}", row.id(), row.kind(), LogMask.text(e.getMessage()));
                    fail(row, OutboxState.FAILED, e.httpStatus(), e.getMessage());
                }
                return;
            } catch (RuntimeException e) {
                vendorErrors.incrementAndGet();
                log.warn("outbox {} {} failed: {}", row.id(), row.kind(), LogMask.text(e.toString()));
                retryOrGiveUp(row, new VendorException(channel.vendor(), true, 0, null, e.toString(), null, e));
                return;
            }
            completing = true;
            writer.complete(row, vendorId).whenComplete((marked, failure) -> {
                queue.done(row.id());
                if (failure != null) {
                    // the vendor has it but the row is still SENDING: once stale, the sweep asks the vendor, finds
                    // it there and records it; it is never sent again on its own (WARN while the database is away:
                    // expected, and settled the same way)
                    String line = "outbox {} {} was sent (vendor id {}) but recording it failed: {}; the vendor will be "
                            + "asked once the row is stale";
                    Object[] args = {row.id(), row.kind(), vendorId, LogMask.text(failure.toString())};
                    if (DatabaseOutage.isTransient(failure)) {
                        log.warn(line, args);
                    } else {
                        log.error(line, args);
                    }
                    return;
                }
                sentByKind.computeIfAbsent(row.kind(), k -> new AtomicLong()).incrementAndGet();
                queue.releaseNext(row, row.attempts() > 1);
            });
        } finally {
            if (!completing) {
                queue.done(row.id()); // only now: a sweep must not re-queue a row while it is being worked on
            }
        }
    }

    /** The vendor call; how its calls waited for the vendor's pace and the 429s they met count for the row's workflow. */
    private String sendTallied(OutboundChannel channel, Claimed row) {
        CallWaits tally = CallWaits.open();
        try {
            return channel.send(row.message(), row.idempotencyKey());
        } finally {
            tally.close();
            rateLimitWaits.add(row.message().workflow(), tally);
        }
    }

    /** Retries with back-off while the row is younger than {@code hub.outbox.retry-for}; DEAD once that has run out. */
    private void retryOrGiveUp(Claimed row, VendorException e) {
        Instant now = clock.instant();
        if (policy.exhausted(row.createdAt(), now)) {
            long seconds = Duration.between(row.createdAt(), now).toSeconds();
            log.warn("outbox {} {} dead after {} attempts over {} s: {}", row.id(), row.kind(), row.attempts(),
                    seconds, LogMask.text(e.getMessage()));
            fail(row, OutboxState.DEAD, e.httpStatus(), "gave up after " + row.attempts() + " attempts over " + seconds + " s: "
                    + e.getMessage());
            return;
        }
        Duration wait = policy.backoff(row.attempts(), e.retryAfter());
        Instant next = now.plus(wait);
        tx.executeWithoutResult(status -> {
            outbox.markRetry(row.id(), next, e.httpStatus(), e.getMessage());
            timers.schedule(OutboxSender.RETRY_TIMER + ":" + row.id() + ":" + row.attempts(), OutboxSender.RETRY_TIMER,
                    next, row.id() + ":" + row.kind());
        });
        log.info("outbox {} {} attempt {} failed ({}); retry in {} ms", row.id(), row.kind(), row.attempts(),
                LogMask.text(e.getMessage()), wait.toMillis());
    }

    private void fail(Claimed row, OutboxState state, int status, String error) {
        OutboundMessage message = row.message();
        tx.executeWithoutResult(s -> {
            outbox.markFinal(row.id(), state, status, error);
            if (message.clientCommunication()) {
                commLog.record(records.entry(row.idempotencyKey() + ":failed", message, clock.instant(), "FAILED", null, error));
            }
        });
        if (message.clientCommunication()) {
            sealer.requestSeal();
        }
        queue.releaseNext(row, true);
    }

    /**
     * An attempt whose answer never came: the row waits UNKNOWN, and the vendor is asked about it once the vendor has
     * had time to finish it.
     */
    private void unknown(Claimed row, VendorException e) {
        Instant next = clock.instant().plus(policy.backoff(row.attempts(), e.retryAfter()));
        outbox.markUnknown(row.id(), next, e.getMessage());
        log.warn("outbox {} {} attempt {}: {}; the vendor will be asked whether it has it", row.id(), row.kind(),
                row.attempts(), LogMask.text(e.getMessage()));
    }

    long vendorErrors() {
        return vendorErrors.get();
    }

    RateLimitWaits rateLimitWaits() {
        return rateLimitWaits;
    }

    Map<MessageKind, Long> sentByKind() {
        return sentByKind.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
    }
}
