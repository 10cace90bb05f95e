package com.casewire.ops;

import com.casewire.audit.ChainSealer;
import com.casewire.config.HubProperties;
import com.casewire.inbound.InboxProcessor;
import com.casewire.outbox.OutboxSender;
import org.springframework.stereotype.Component;

/** The recovery sweep, run by the {@code hub-sweep-recovery} route: inbox, outbox and the log's seal. */
@Component("sweeper")
public class Sweeper {

    private final InboxProcessor inbox;
    private final OutboxSender outbox;
    private final ChainSealer sealer;
    private final HubProperties hub;

    Sweeper(InboxProcessor inbox, OutboxSender outbox, ChainSealer sealer, HubProperties hub) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.sealer = sealer;
        this.hub = hub;
    }

    public int sweep() {
        int n = inbox.sweep() + outbox.sweep(hub.inbox().sweepGrace());
        sealer.sealAll();
        return n;
    }
}
