package com.casewire.outbox;

import com.casewire.outbox.OutboxStore.OutboxRow;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Where workflows put outbound messages: one row per idempotency key, handed to a sender right after the
 * surrounding transaction commits (usually claimed as it is stored: see {@link OutboxSender#store}).
 */
@Component
public class Outbox {

    private final OutboxStore outbox;
    private final OutboxSender sender;
    private final Clock clock;

    Outbox(OutboxStore outbox, OutboxSender sender, Clock clock) {
        this.outbox = outbox;
        this.sender = sender;
        this.clock = clock;
    }

    /**
     * Queues a message; a second call with the same key is a no-op (the message exists already), so
     * re-processing an event never sends twice. Returns the new row's id, or empty for a repeat.
     */
    public Optional<Long> enqueue(String idempotencyKey, OutboundMessage message) {
        // the sender gets the message itself, so it need not read the row back
        return sender.store(idempotencyKey, message, clock.instant());
    }

    public Optional<OutboxRow> find(String idempotencyKey) {
        return outbox.findByKey(idempotencyKey);
    }
}
