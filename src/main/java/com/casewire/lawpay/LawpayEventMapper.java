package com.casewire.lawpay;

import com.casewire.canonical.GatewayTransaction;
import com.casewire.canonical.PaymentEvent;
import com.casewire.inbox.UnprocessableEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Maps a gateway Event ({"id","created","type","data":{transaction}}) to a canonical {@link PaymentEvent}.
 * Only the outcome of a charge is a payment event: {@code transaction.completed} and {@code transaction.failed}
 * on a transaction of type CHARGE (or of no stated type). Everything else maps to empty.
 */
final class LawpayEventMapper {

    static final String COMPLETED = "transaction.completed";
    static final String FAILED = "transaction.failed";
    /** The one transaction type the contract documents; a refund completing must not read as a payment. */
    static final String CHARGE = "CHARGE";
    /** The gateway's documented default when a charge names no currency. */
    static final String DEFAULT_CURRENCY = "USD";

    private LawpayEventMapper() {
    }

    /** Whether events of this type can be payment outcomes (the data's transaction type decides the rest). */
    static boolean isPaymentOutcomeType(String eventType) {
        return COMPLETED.equals(eventType) || FAILED.equals(eventType);
    }

    /**
     * @param event the event as fetched from the gateway
     * @param fallbackTime when the event carries no readable {@code created}: the time the hub received it
     */
    static Optional<PaymentEvent> toPaymentEvent(JsonNode event, Instant fallbackTime) {
        PaymentEvent.Type type = switch (event.path("type").asText("")) {
            case COMPLETED -> PaymentEvent.Type.COMPLETED;
            case FAILED -> PaymentEvent.Type.FAILED;
            default -> null;
        };
        JsonNode data = event.path("data");
        String transactionType = text(data, "type");
        if (type == null || transactionType != null && !CHARGE.equals(transactionType)) {
            return Optional.empty();
        }
        String eventId = text(event, "id");
        String transactionId = text(data, "id");
        if (eventId == null || transactionId == null) {
            throw new UnprocessableEvent("LawPay event " + eventId + " has no id or no data.id");
        }
        String reference = text(data, "reference");
        String currency = text(data, "currency");
        return Optional.of(new PaymentEvent(eventId, type, transactionId, amountCents(eventId, data.path("amount")),
                currency == null ? DEFAULT_CURRENCY : currency, reference, invoiceReference(reference),
                text(data, "failure_code"), occurredAt(event, fallbackTime)));
    }

    /** A transaction of GET /v1/transactions (the charge object) as a {@link GatewayTransaction}. */
    static GatewayTransaction toTransaction(JsonNode t) {
        String id = text(t, "id");
        if (id == null) {
            throw new UnprocessableEvent("LawPay listed a transaction without an id");
        }
        String created = text(t, "created");
        Instant at = null;
        if (created != null) {
            try {
                at = OffsetDateTime.parse(created).toInstant();
            } catch (DateTimeParseException unreadable) {
                at = null; // the run's day is the window the gateway was asked for; the time is only shown
            }
        }
        return new GatewayTransaction(id, at, text(t, "status"), amountCents(id, t.path("amount")),
                invoiceReference(text(t, "reference")), text(t, "account_id"));
    }

    /** The gateway's amounts are in cents; the charge API documents them as strings, stored objects as numbers. */
    static long amountCents(String eventId, JsonNode amount) {
        if (amount.isIntegralNumber() && amount.canConvertToLong() && amount.asLong() >= 0) {
            return amount.asLong();
        }
        if (amount.isTextual() && amount.asText().matches("\\d{1,18}")) {
            return Long.parseLong(amount.asText());
        }
        throw new UnprocessableEvent("LawPay event " + eventId + " has no amount in cents: " + amount);
    }

    /** Pay links put the invoice number in {@code reference}, the field the gateway keeps for invoice correlation. */
    static String invoiceReference(String reference) {
        return reference == null ? null : reference.strip();
    }

    private static Instant occurredAt(JsonNode event, Instant fallbackTime) {
        String created = text(event, "created");
        if (created != null) {
            try {
                return OffsetDateTime.parse(created).toInstant();
            } catch (DateTimeParseException unreadable) {
                // fall through: the receipt time is the best we know
            }
        }
        return fallbackTime;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isNull() || value.isMissingNode() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }
}
