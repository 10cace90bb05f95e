package com.casewire.webhook;

import com.casewire.outbox.MessageKind;
import com.casewire.outbox.OutboundChannel;
import com.casewire.outbox.OutboundMessage;
import com.casewire.vendor.RatePacer;
import com.casewire.vendor.Sha256;
import com.casewire.vendor.VendorException;
import com.casewire.vendor.VendorRoutes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Posts outbound webhook rows through the Camel route {@code outbound-webhook} (camel-http), which answers with the
 * target's status; this channel turns a failure into the outbox's terms. A post cannot be looked up afterwards, so
 * one whose outcome is unknown (a time-out, a connection lost after the request left) is posted again with the same
 * {@code Idempotency-Key} header: like an email with its Message-ID, a target may then see a post twice, and can tell.
 */
@Component
class WebhookChannel implements OutboundChannel {

    static final String VENDOR = "webhook";
    static final String ROUTE = "direct:outbound-webhook";

    private final VendorRoutes calls;
    private final ObjectMapper json;
    private final RatePacer pacer;

    WebhookChannel(VendorRoutes calls, ObjectMapper json, OutboundWebhookSettings settings) {
        this.calls = calls;
        this.json = json;
        this.pacer = new RatePacer(VENDOR, settings.perSecond());
    }

    @Override
    public MessageKind kind() {
        return MessageKind.WEBHOOK;
    }

    @Override
    public String vendor() {
        return VENDOR;
    }

    @Override
    public String send(OutboundMessage message, String idempotencyKey) {
        WebhookRequest request = read(message.body());
        pacer.acquire();
        // no pacer handed on: a target's 429 holds back this row (its back-off honours Retry-After), not every
        // target, since one rate-limited chat service says nothing about another
        calls.call(VENDOR, null, ROUTE, Map.of(Exchange.HTTP_URI, message.to(), Exchange.HTTP_METHOD, request.method(),
                Exchange.CONTENT_TYPE, request.contentType(), "Idempotency-Key", Sha256.hex(idempotencyKey)),
                request.payload(), body -> null);
        return "posted";
    }

    /** A target cannot be asked whether it has a post: the post is sent again, with the same Idempotency-Key. */
    @Override
    public Optional<String> findSent(OutboundMessage message, String idempotencyKey, Instant claimedAt,
                                     Predicate<String> heldByAnotherRow) {
        return Optional.empty();
    }

    private WebhookRequest read(String body) {
        try {
            return json.readValue(body, WebhookRequest.class);
        } catch (JsonProcessingException e) {
            throw new VendorException(VENDOR, false, 0, null, "unreadable webhook row: " + e.getOriginalMessage(), null, e);
        }
    }
}
