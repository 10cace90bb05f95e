package com.casewire.inbound;

import com.casewire.inbound.InboxRepository.InboxRow;
import com.casewire.inbound.InboxRepository.NewDelivery;
import com.casewire.outbox.GroupCommit;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The second half of every JSON webhook, once its origin is verified: parse (400 on malformed JSON),
 * check its shape (400 naming what is missing), store it in the inbox under its dedupe key (200
 * "duplicate" when stored before) and hand it to a worker after the commit. Deliveries that arrive
 * together share one inbox transaction ({@link GroupCommit}); each is answered only after it committed.
 */
@Component
class JsonDeliveries {

    /** How one vendor's deliveries are checked and keyed. */
    record Kind(String source, Function<JsonNode, Optional<String>> shapeProblem,
                BiFunction<JsonNode, byte[], String> dedupeKey, Function<JsonNode, String> eventType) {
    }

    /** Most deliveries in one inbox transaction. */
    static final int MAX_BATCH = 64;

    private final GroupCommit<NewDelivery, Optional<Long>> writes;
    private final InboxProcessor processor;
    private final ObjectMapper json;
    private final Clock clock;

    JsonDeliveries(InboxRepository inbox, InboxProcessor processor, ObjectMapper json, Clock clock,
                   TransactionTemplate tx) {
        this.processor = processor;
        this.json = json;
        this.clock = clock;
        // concurrent deliveries share one inbox transaction; each is answered only after it committed
        this.writes = new GroupCommit<>("inbox", tx, MAX_BATCH, inbox::insertAll,
                d -> inbox.insert(d.source(), d.dedupeKey(), d.eventType(), d.payload(), d.receivedAt()));
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
        NewDelivery stored = new NewDelivery(kind.source(), kind.dedupeKey().apply(delivery, body),
                kind.eventType().apply(delivery), new String(body, StandardCharsets.UTF_8), clock.instant());
        Optional<Long> id = writes.write(stored); // returns once the row is committed
        if (id.isEmpty()) {
            return WebhookBodies.accepted("duplicate", null);
        }
        processor.dispatch(new InboxRow(id.get(), stored.source(), stored.dedupeKey(), stored.eventType(),
                stored.payload(), 0, stored.receivedAt()));
        return WebhookBodies.accepted("accepted", id.get());
    }

    @PreDestroy
    void stop() throws InterruptedException {
        writes.stop();
    }
}
