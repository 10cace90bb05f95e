package com.casewire.outbox;

import com.casewire.vendor.VendorException;

/** One way out of the hub (Twilio SMS, SMTP, a note in the practice-management system). */
public interface OutboundChannel {

    /** The outbox kind this channel sends (see {@link OutboundMessage}). */
    String kind();

    /** The vendor, for pacing and reporting. */
    String vendor();

    /**
     * Whether a row whose outcome is unknown (the hub died mid-call) may be sent again automatically. False
     * for messages to people: a second text is worse than a visible dead letter.
     */
    boolean resendWhenOutcomeUnknown();

    /** Sends; returns the vendor's id for what was created. Throws a classified {@link VendorException}. */
    String send(OutboundMessage message, String idempotencyKey);
}
