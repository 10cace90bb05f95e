package com.casewire.canonical;

import java.time.Instant;
import java.util.Set;

/**
 * A change in a phone call's status, from the telephony provider's status callback.
 *
 * @param status Twilio's CallStatus: queued, ringing, in-progress, completed, busy, failed, no-answer, canceled
 * @param digits the menu digit(s) the caller pressed, when the callback carries Twilio's {@code Digits}; else null
 */
public record CallEvent(String callSid, String status, String from, String to, Instant occurredAt, String digits) {

    public CallEvent(String callSid, String status, String from, String to, Instant occurredAt) {
        this(callSid, status, from, to, occurredAt, null);
    }

    private static final Set<String> MISSED = Set.of("no-answer", "busy", "canceled", "failed");

    /** The caller did not reach anyone: the intake workflow's trigger. */
    public boolean missed() {
        return MISSED.contains(status);
    }
}
