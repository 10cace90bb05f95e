package com.casewire.outbox;

import com.casewire.vendor.VendorException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/** One way out of the hub (Twilio SMS, SMTP, a note in the practice-management system). */
public interface OutboundChannel {

    /** The outbox kind this channel sends (see {@link OutboundMessage}). */
    MessageKind kind();

    /** The vendor, for pacing and reporting. */
    String vendor();

    /** Sends; returns the vendor's id for what was created. Throws a classified {@link VendorException}. */
    String send(OutboundMessage message, String idempotencyKey);

    /**
     * Asks the vendor about a send whose outcome is unknown: the hub stopped, or the call timed out, after the
     * request may have left. Returns the vendor's id for what that send created, or empty when the vendor has
     * nothing (the outbox then sends it again). Throws a transient {@link VendorException} when the vendor cannot
     * answer now (the outbox asks again later). Never guesses "not sent" to be safe: a channel whose vendor cannot
     * be asked must resend in a way the vendor or the reader collapses (SMTP: the same Message-ID), or throw
     * {@link OutcomeNeedsOperator} where the firm has chosen that a person decides.
     *
     * @param claimedAt when the unknown attempt was claimed: nothing it created is older than this
     * @param heldByAnotherRow whether a vendor id already belongs to another outbox row (two identical texts to one
     *                         person: the one the vendor lists may be the other's)
     */
    Optional<String> findSent(OutboundMessage message, String idempotencyKey, Instant claimedAt,
                              Predicate<String> heldByAnotherRow);
}
