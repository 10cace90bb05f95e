package com.casewire.lawpay;

import com.casewire.inbox.JsonDeliveries;
import com.casewire.inbox.WebhookBodies;
import com.casewire.inbox.WebhookProperties;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/lawpay}: LawPay / AffiniPay event deliveries. They carry no signature, so the body is
 * only a hint that an event exists: its {@code id} is stored in the inbox (the dedupe key) and the normalizer
 * fetches the event itself from the gateway. Shares the inbox and its limits with the other edges ({@code inbox}).
 */
@RestController
class LawpayWebhookController {

    static final String SOURCE = "lawpay";
    /** The inbox's dedupe_key column. */
    static final int MAX_ID_LENGTH = 200;
    /** The inbox's event_type column. */
    static final int MAX_TYPE_LENGTH = 100;

    private final LawpayProperties lawpay;
    private final WebhookProperties webhooks;
    private final JsonDeliveries deliveries;

    static final JsonDeliveries.Kind KIND = new JsonDeliveries.Kind(SOURCE, LawpayWebhookController::shapeProblem,
            (delivery, body) -> delivery.path("id").asText(), LawpayWebhookController::typeHint,
            delivery -> null, true); // each is a hint re-fetched by id: the gateway's record decides, not the order

    LawpayWebhookController(LawpayProperties lawpay, WebhookProperties webhooks, JsonDeliveries deliveries) {
        this.lawpay = lawpay;
        this.webhooks = webhooks;
        this.deliveries = deliveries;
    }

    @PostMapping(path = "/webhooks/lawpay")
    ResponseEntity<Map<String, Object>> receive(HttpServletRequest request) throws IOException {
        if (!lawpay.enabled()) {
            return WebhookBodies.refused(SOURCE, HttpStatus.SERVICE_UNAVAILABLE, "not_configured",
                    "LawPay is not configured on this hub (hub.lawpay.secret-key is blank)");
        }
        Optional<byte[]> raw = WebhookBodies.read(request, webhooks.maxBodyBytes());
        if (raw.isEmpty()) {
            return WebhookBodies.tooLarge(SOURCE, webhooks.maxBodyBytes());
        }
        byte[] body = raw.get();
        return deliveries.accept(KIND, body);
    }

    static Optional<String> shapeProblem(JsonNode delivery) {
        if (delivery == null || !delivery.isObject()) {
            return Optional.of("body must be a JSON event object with an id");
        }
        JsonNode id = delivery.path("id");
        if (!(id.isTextual() || id.isIntegralNumber()) || id.asText().isBlank()) {
            return Optional.of("id is required");
        }
        if (id.asText().length() > MAX_ID_LENGTH || id.asText().chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            return Optional.of("id must be at most " + MAX_ID_LENGTH + " printable characters without spaces");
        }
        return Optional.empty();
    }

    /** The delivered type, for operators reading the inbox only: processing uses the fetched event's type. */
    static String typeHint(JsonNode delivery) {
        String type = delivery.path("type").asText(null);
        if (type == null) {
            return null;
        }
        return type.length() <= MAX_TYPE_LENGTH ? type : type.substring(0, MAX_TYPE_LENGTH);
    }
}
