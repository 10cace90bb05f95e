package com.casewire.notify;

import com.casewire.canonical.Channel;
import java.time.Instant;
import java.util.List;

/** What the policy gate decided for a notification. */
public record NotifyDecision(Outcome outcome, Channel channel, Instant holdUntil, List<String> reasons) {

    /** The notify route takes one branch per outcome, comparing the {@code casewireDecision} header with its name. */
    public enum Outcome {
        SEND, HOLD_QUIET_HOURS, AWAIT_APPROVAL, UNDELIVERABLE
    }

    /**
     * The outcome's name: what the notify route's choice compares. A String, not the enum: Camel's {@code ==} between an
     * enum and a text goes through its type-converter registry on every message (a tenth of the hub's CPU, profiled).
     */
    public String outcomeName() {
        return outcome.name();
    }

    /** The channel's id (sms, email, portal), or null when nothing is sent: what the notify route's choice reads. */
    public String channelId() {
        return channel == null ? null : channel.id();
    }
}
