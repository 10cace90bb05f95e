package com.casewire.ops;

import com.casewire.audit.ChainSealer;
import com.casewire.inbox.InboxProcessor;
import com.casewire.inbox.InboxProperties;
import com.casewire.outbox.OutboxSender;
import org.springframework.stereotype.Component;

/** The recovery sweep, run by the {@code hub-sweep-recovery} route: inbox, outbox and the log's seal. */
@Component("sweeper")
public class Sweeper {

    private final InboxProcessor inbox;
    private final OutboxSender outbox;
    private final ChainSealer sealer;
    private final InboxProperties settings;

    Sweeper(InboxProcessor inbox, OutboxSender outbox, ChainSealer sealer, InboxProperties settings) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.sealer = sealer;
        this.settings = settings;
    }

    public int sweep() {
        int n = inbox.sweep() + outbox.sweep(settings.sweepGrace());
        sealer.sealAll();
        return n;
    }
}
