package com.casewire.practice;

import com.casewire.outbox.MessageKind;
import com.casewire.outbox.OutboundChannel;

/**
 * An outbox channel whose records are made in the practice-management system that {@code hub.practice-management}
 * names (notes, communications, tasks, time entries): that system is the vendor the outbox paces and reports by.
 */
public abstract class PracticeSystemChannel implements OutboundChannel {

    private final MessageKind kind;
    private final String vendor;

    protected PracticeSystemChannel(MessageKind kind, String vendor) {
        this.kind = kind;
        this.vendor = vendor;
    }

    @Override
    public final MessageKind kind() {
        return kind;
    }

    @Override
    public final String vendor() {
        return vendor;
    }
}
