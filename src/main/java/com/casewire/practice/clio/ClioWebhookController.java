package com.casewire.practice.clio;

import com.casewire.inbox.JsonDeliveries;
import com.casewire.inbox.SecurityEvents;
import com.casewire.inbox.WebhookBodies;
import com.casewire.inbox.WebhookProperties;
import com.casewire.vendor.Sha256;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/clio}: Clio's activation handshake and signed deliveries. The signature is checked
 * on the raw bytes before parsing; a verified delivery is committed to the inbox before the 2xx, then
 * handed to a worker.
 */
@RestController
class ClioWebhookController {

    static final String SOURCE = "clio";

    private final WebhookProperties webhooks;
    private final ClioWebhookSecrets secrets;
    private final JsonDeliveries deliveries;
    private final SecurityEvents security;
    private final ObjectMapper json;

    static final JsonDeliveries.Kind KIND = new JsonDeliveries.Kind(SOURCE, ClioWebhookController::shapeProblem,
            ClioWebhookController::dedupeKey, delivery -> delivery.path("meta").path("event").asText(),
            ClioWebhookController::sequenceKey, false);

    ClioWebhookController(WebhookProperties webhooks, ClioWebhookSecrets secrets, JsonDeliveries deliveries,
                          SecurityEvents security, ObjectMapper json) {
        this.webhooks = webhooks;
        this.secrets = secrets;
        this.deliveries = deliveries;
        this.security = security;
        this.json = json;
    }

    @PostMapping(path = "/webhooks/clio")
    ResponseEntity<Map<String, Object>> receive(HttpServletRequest request) throws IOException {
        Optional<byte[]> raw = WebhookBodies.read(request, webhooks.maxBodyBytes());
        if (raw.isEmpty()) {
            return WebhookBodies.tooLarge(SOURCE, webhooks.maxBodyBytes());
        }
        byte[] body = raw.get();
        String hookSecret = request.getHeader("X-Hook-Secret");
        if (hookSecret != null) {
            return handshake(request, body, hookSecret);
        }
        if (!ClioWebhookVerifier.verify(body, request.getHeader("X-Hook-Signature"), secrets.candidates())) {
            security.record(SOURCE, request.getHeader("X-Hook-Signature") == null ? "missing_signature" : "invalid_signature",
                    request.getRemoteAddr(), "X-Hook-Signature did not verify; " + body.length + " bytes");
            return WebhookBodies.error(HttpStatus.UNAUTHORIZED, "invalid_signature",
                    "X-Hook-Signature is missing or does not match the request body");
        }
        return deliveries.accept(KIND, body);
    }

    private ResponseEntity<Map<String, Object>> handshake(HttpServletRequest request, byte[] body, String hookSecret) {
        JsonNode delivery;
        try {
            delivery = body.length == 0 ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return WebhookBodies.refused(SOURCE, HttpStatus.BAD_REQUEST, "malformed_json", "handshake body is not valid JSON");
        }
        JsonNode webhookId = delivery.path("data").path("webhook_id");
        if (!webhookId.canConvertToLong() || hookSecret.isBlank()) {
            return WebhookBodies.refused(SOURCE, HttpStatus.BAD_REQUEST, "invalid_handshake",
                    "X-Hook-Secret handshake needs a secret and data.webhook_id");
        }
        ClioWebhookSecrets.Learned learned = secrets.learn(webhookId.asLong(), delivery.path("data").path("model").asText(null),
                hookSecret);
        if (learned == ClioWebhookSecrets.Learned.CONFLICT) {
            security.record(SOURCE, "handshake_conflict", request.getRemoteAddr(),
                    "webhook " + webhookId.asLong() + " already has a different secret");
            return WebhookBodies.error(HttpStatus.CONFLICT, "handshake_conflict",
                    "webhook " + webhookId.asLong() + " is already activated with another secret");
        }
        return ResponseEntity.ok().header("X-Hook-Secret", hookSecret).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("status", "activated", "webhookId", webhookId.asLong()));
    }

    static Optional<String> shapeProblem(JsonNode delivery) {
        if (!delivery.isObject()) {
            return Optional.of("body must be a JSON object with data and meta");
        }
        JsonNode id = delivery.path("data").path("id");
        if (!delivery.path("data").isObject() || !(id.isIntegralNumber() || id.isTextual() && !id.asText().isBlank())) {
            return Optional.of("data.id is required");
        }
        if (!delivery.path("meta").path("event").isTextual()) {
            return Optional.of("meta.event is required");
        }
        return Optional.empty();
    }

    /**
     * The record a delivery is about: its webhook (one per model) and the record's id. Clio may deliver a record's
     * events out of order only by retrying; the hub keeps the order it received them in.
     */
    static String sequenceKey(JsonNode delivery) {
        String id = delivery.path("data").path("id").asText("");
        return id.isEmpty() ? null : "clio:wh" + delivery.path("meta").path("webhook_id").asText("0") + ":" + id;
    }

    /**
     * Clio sends no event id. Webhook id + record id + etag + event identifies a delivery; without an etag
     * the digest of the raw body does.
     */
    static String dedupeKey(JsonNode delivery, byte[] body) {
        JsonNode data = delivery.path("data");
        String etag = data.path("etag").asText("");
        if (!etag.isEmpty()) {
            return "wh" + delivery.path("meta").path("webhook_id").asText("0") + ":" + data.path("id").asText() + ":"
                    + etag + ":" + delivery.path("meta").path("event").asText();
        }
        return "sha256:" + Sha256.hex(body);
    }
}
