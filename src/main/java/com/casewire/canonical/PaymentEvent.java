package com.casewire.canonical;

import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of a payment at a gateway, as the gateway reported it when the hub fetched the event.
 * {@code invoiceReference} is the firm's invoice the payment settles, when the payment carries one
 * (pay links put it in the gateway's {@code reference}); null when the payment cannot be tied to an invoice.
 */
public record PaymentEvent(String eventId, Type type, String transactionId, long amountCents, String currency,
                           String reference, String invoiceReference, String failureCode, Instant occurredAt) {

    public enum Type {
        COMPLETED, FAILED
    }

    public PaymentEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (amountCents < 0) {
            throw new IllegalArgumentException("amountCents must not be negative: " + amountCents);
        }
    }
}
