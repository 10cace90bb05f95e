package com.casewire.lawpay;

import com.casewire.canonical.PaymentEvent;
import com.casewire.inbox.UnprocessableEvent;
import com.casewire.vendor.VendorException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns a LawPay delivery into a canonical {@link PaymentEvent}. Deliveries are unsigned, so the stored body
 * is never read: the event id (the inbox dedupe key) is looked up at the gateway, as AffiniPay advises, and
 * the fetched event is what counts.
 */
@Component("lawpayEventNormalizer")
public class LawpayEventNormalizer {

    private static final Logger log = LoggerFactory.getLogger(LawpayEventNormalizer.class);
    /** The start of the error for an id the gateway does not know; the poll re-drives such rows once it lists them. */
    static final String UNKNOWN_EVENT = "LawPay does not know event ";

    private final LawpayClient gateway;

    LawpayEventNormalizer(LawpayClient gateway) {
        this.gateway = gateway;
    }

    /** The payment event, or null when the fetched event is not a payment outcome (logged and dropped). */
    public PaymentEvent normalize(@Header("casewireDedupeKey") String eventId,
                                  @Header("casewireReceivedAt") Instant receivedAt) {
        // Deliveries are unsigned: an id the gateway does not know (yet) is retried for the inbox's attempts
        // rather than failed at once, so a forged early post of a real id cannot make the real delivery a
        // duplicate of a failed row. The gateway's 404 is an expected failure: one log line, no stack trace.
        JsonNode event = gateway.getEvent(eventId)
                .orElseThrow(() -> new VendorException("lawpay", false, 404, null, UNKNOWN_EVENT + eventId, null, null));
        String fetchedId = event.path("id").asText("");
        if (!eventId.equals(fetchedId)) {
            throw new UnprocessableEvent("LawPay answered event " + eventId + " with event " + fetchedId);
        }
        PaymentEvent payment = LawpayEventMapper.toPaymentEvent(event, receivedAt).orElse(null);
        if (payment == null) {
            log.info("LawPay event {} of type {} ({} {}) is not a payment outcome; dropped", eventId,
                    event.path("type").asText(), event.path("data").path("type").asText(""),
                    event.path("data").path("id").asText(""));
        }
        return payment;
    }
}
