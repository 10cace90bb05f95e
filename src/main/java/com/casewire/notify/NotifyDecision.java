package com.casewire.notify;

import com.casewire.canonical.Channel;
import java.time.Instant;
import java.util.List;

/**
 * What the policy gate decided for a notification.
 *
 * @param outcome SEND, HOLD_QUIET_HOURS, AWAIT_APPROVAL or UNDELIVERABLE
 */
public record NotifyDecision(String outcome, Channel channel, Instant holdUntil, List<String> reasons) {

    public static final String SEND = "SEND";
    public static final String HOLD_QUIET_HOURS = "HOLD_QUIET_HOURS";
    public static final String AWAIT_APPROVAL = "AWAIT_APPROVAL";
    public static final String UNDELIVERABLE = "UNDELIVERABLE";

    /** The channel's id (sms, email, portal), or null when nothing is sent: what the notify route's choice reads. */
    public String channelId() {
        return channel == null ? null : channel.id();
    }
}
