package com.casewire.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The second half of every JSON webhook, once its origin is verified: parse (400 on malformed JSON),
 * check its shape (400 naming what is missing), store it in the inbox under its dedupe key (200
 * "duplicate" when stored before) and hand it to a worker after the commit.
 */
@Component
class JsonDeliveries {

    /** How one vendor's deliveries are checked and keyed. */
    record Kind(String source, Function<JsonNode, Optional<String>> shapeProblem,
                BiFunction<JsonNode, byte[], String> dedupeKey, Function<JsonNode, String> eventType) {
    }

    private final InboxRepository inbox;
    private final InboxProcessor processor;
    private final ObjectMapper json;
    private final Clock clock;

    JsonDeliveries(InboxRepository inbox, InboxProcessor processor, ObjectMapper json, Clock clock) {
        this.inbox = inbox;
        this.processor = processor;
        this.json = json;
        this.clock = clock;
    }

    ResponseEntity<Map<String, Object>> accept(Kind kind, byte[] body) {
        JsonNode delivery;
        try {
            delivery = json.readTree(body);
        } catch (JsonProcessingException e) {
            return WebhookBodies.error(HttpStatus.BAD_REQUEST, "malformed_json", "body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return WebhookBodies.error(HttpStatus.BAD_REQUEST, "malformed_json", "body is not readable: " + e.getMessage());
        }
        if (delivery == null) {
            return WebhookBodies.error(HttpStatus.BAD_REQUEST, "malformed_json", "body is empty");
        }
        Optional<String> problem = kind.shapeProblem().apply(delivery);
        if (problem.isPresent()) {
            return WebhookBodies.error(HttpStatus.BAD_REQUEST, "invalid_delivery", problem.get());
        }
        Optional<Long> id = inbox.insert(kind.source(), kind.dedupeKey().apply(delivery, body), kind.eventType().apply(delivery),
                new String(body, StandardCharsets.UTF_8), clock.instant());
        if (id.isEmpty()) {
            return WebhookBodies.accepted("duplicate", null);
        }
        processor.dispatch(id.get());
        return WebhookBodies.accepted("accepted", id.get());
    }
}
