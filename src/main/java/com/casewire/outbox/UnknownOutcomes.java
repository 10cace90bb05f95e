package com.casewire.outbox;

import com.casewire.audit.LogMask;
import com.casewire.outbox.OutboxStore.OutboxRow;
import com.casewire.outbox.OutboxWriter.Claimed;
import com.casewire.outbox.OutboxWriter.Work;
import com.casewire.vendor.VendorException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows whose last attempt's outcome nobody heard (a time-out, a connection lost after the request left, a row a
 * stopped hub left SENDING), settled by asking the vendor rather than a person: recorded SENT with the vendor's id
 * when the vendor has it (log entry and write-back note as for any send), sent again when it has no trace of it,
 * asked again later when it cannot answer, DEAD at once when the channel says a person must decide
 * ({@link OutcomeNeedsOperator}).
 */
final class UnknownOutcomes {

    private static final Logger log = LoggerFactory.getLogger(UnknownOutcomes.class);

    private final Map<MessageKind, OutboundChannel> channels;
    private final OutboxStore outbox;
    private final OutboxWriter writer;
    private final SendQueue queue;
    private final RetryPolicy policy;
    private final Clock clock;

    UnknownOutcomes(Map<MessageKind, OutboundChannel> channels, OutboxStore outbox, OutboxWriter writer, SendQueue queue,
                    RetryPolicy policy, Clock clock) {
        this.channels = channels;
        this.outbox = outbox;
        this.writer = writer;
        this.queue = queue;
        this.policy = policy;
        this.clock = clock;
    }

    /** Settles an UNKNOWN row that is due, on its vendor's lane, unless this hub has it in hand already. */
    boolean settleLater(OutboxRow row) {
        if (!queue.take(row.id())) {
            return false;
        }
        queue.laneFor(row.kind()).run(() -> settle(writer.claimed(row), row.claimedAt()));
        return true;
    }

    /** Asks the vendor about the row; the row is in the queue's hands until it is recorded or handed back. */
    private void settle(Claimed row, Instant claimedAt) {
        boolean handedOn = false; // to the writer or back to the lane, which take it out of the queue's hands
        try {
            OutboundChannel channel = channels.get(row.kind());
            if (row.message() == null || channel == null) {
                outbox.giveUpUnknown(row.id(), row.message() == null ? "unreadable payload: " + row.problem()
                        : "no outbound channel for kind " + row.kind());
                return;
            }
            Optional<String> found;
            try {
                found = channel.findSent(row.message(), row.idempotencyKey(),
                        claimedAt == null ? row.createdAt() : claimedAt,
                        vendorId -> outbox.vendorIdHeldByAnother(vendorId, row.kind(), row.id()));
            } catch (OutcomeNeedsOperator e) {
                outbox.giveUpUnknown(row.id(), "outcome unknown: " + e.getMessage());
                log.warn("outbox {} {}: outcome unknown and left to an operator: {}", row.id(), row.kind(), LogMask.text(e.getMessage()));
                queue.releaseNext(row, true); // a dead letter does not hold the recipient's later messages back
                return;
            } catch (VendorException e) {
                askAgainOrGiveUp(row, channel, e);
                return;
            }
            if (found.isEmpty()) {
                if (outbox.resendUnknown(row.id(), clock.instant())) {
                    log.info("outbox {} {}: {} has no trace of the unknown attempt; sending it again", row.id(),
                            row.kind(), channel.vendor());
                    handedOn = true;
                    queue.laneFor(row.kind()).add(new Work(row.id(), row.kind(), null, null));
                }
                return;
            }
            log.info("outbox {} {}: {} has it (id {}); recorded as sent", row.id(), row.kind(), channel.vendor(),
                    found.get());
            handedOn = true;
            writer.complete(row, found.get()).whenComplete((marked, failure) -> {
                queue.done(row.id());
                if (failure != null) {
                    log.warn("outbox {} {}: recording the settled send failed ({}); settled again later", row.id(),
                            row.kind(), failure.toString());
                    return;
                }
                queue.releaseNext(row, true);
            });
        } catch (RuntimeException e) {
            log.warn("outbox {} {}: settling failed ({}); the sweep tries again", row.id(), row.kind(), e.toString());
        } finally {
            if (!handedOn) {
                queue.done(row.id());
            }
        }
    }

    /** The vendor could not be asked: again later, or DEAD once the row has been tried for as long as it may be. */
    private void askAgainOrGiveUp(Claimed row, OutboundChannel channel, VendorException e) {
        Instant now = clock.instant();
        if (policy.exhausted(row.createdAt(), now)) {
            long seconds = Duration.between(row.createdAt(), now).toSeconds();
            outbox.giveUpUnknown(row.id(), "outcome unknown after " + seconds + " s: the vendor could not be asked: "
                    + e.getMessage());
            log.warn("outbox {} {} dead: its outcome is unknown and {} could not be asked for {} s", row.id(),
                    row.kind(), channel.vendor(), seconds);
            queue.releaseNext(row, true);
            return;
        }
        Instant next = now.plus(policy.backoff(row.attempts(), e.retryAfter()));
        outbox.deferUnknown(row.id(), next, "outcome unknown; asking the vendor failed: " + e.getMessage());
        log.info("outbox {} {}: outcome unknown and {} could not say ({}); asking again later", row.id(),
                row.kind(), channel.vendor(), LogMask.text(e.getMessage()));
    }

    /**
     * The vendor says it has the message of the row with this key (Twilio's status callback names it): a row whose
     * outcome was unknown is recorded as sent, with its log entry and write-back note. False when there is no such
     * row or its outcome was not in doubt.
     */
    boolean settleFromVendor(String key, String vendorId) {
        Optional<OutboxRow> row = outbox.findByKey(key).filter(r -> r.state() == OutboxState.UNKNOWN);
        if (row.isEmpty()) {
            return false;
        }
        Claimed claimed = writer.claimed(row.get());
        if (claimed.message() == null || !writer.completeNow(claimed, vendorId)) {
            return false;
        }
        log.info("outbox {} {}: the vendor reported it (id {}); recorded as sent", claimed.id(), claimed.kind(), vendorId);
        queue.releaseNext(claimed, true);
        return true;
    }
}
