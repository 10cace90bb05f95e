package com.casewire.inbox;

import com.casewire.db.Dialect;
import com.casewire.db.GroupCommit;
import com.casewire.inbox.InboxStore.InboxRow;
import com.casewire.inbox.InboxStore.NewDelivery;
import com.casewire.vendor.VendorCalls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The second half of every JSON webhook, once its origin is verified: parse (400 on malformed JSON),
 * check its shape (400 naming what is missing), store it in the inbox under its dedupe key (200
 * "duplicate" when stored before) and see it processed. Deliveries that arrive together share one inbox
 * transaction ({@link GroupCommit}); each is answered only after it committed.
 *
 * <p>With {@code hub.inbox.process-at-edge} (the default) that same transaction also processes the batch when it
 * can do so without calling a vendor ({@link InboxProcessor#processHere}): one commit instead of two, and no
 * hand-off. When any delivery of the batch fails or needs a vendor call (a Clio delivery without the client's
 * details), the transaction rolls back, each delivery is stored on its own and handed to a worker after the
 * commit, as without the option. Kinds that always call their vendor (LawPay) are stored and handed over without
 * that try. Either way the row is durable before the vendor gets its 2xx.
 */
@Component
public class JsonDeliveries {

    /**
     * How one vendor's deliveries are checked and keyed. {@code sequenceKey}: the vendor record a delivery is about
     * (deliveries about one record are processed in order), or null. {@code alwaysCallsVendor}: processing one always
     * calls the vendor (a LawPay hint is re-fetched by id), so it is never tried at the edge.
     */
    public record Kind(String source, Function<JsonNode, Optional<String>> shapeProblem,
                BiFunction<JsonNode, byte[], String> dedupeKey, Function<JsonNode, String> eventType,
                Function<JsonNode, String> sequenceKey, boolean alwaysCallsVendor) {
    }

    private static final Logger log = LoggerFactory.getLogger(JsonDeliveries.class);

    /** Most deliveries in one inbox transaction. */
    static final int MAX_BATCH = 64;

    /** A verified delivery to store, and whether to try processing it in the storing transaction. */
    private record Incoming(NewDelivery delivery, boolean atEdge) {
    }

    /** A stored delivery: its row id, and whether the storing transaction processed it too. */
    private record Stored(long id, boolean processed) {
    }

    private final List<GroupCommit<Incoming, Optional<Stored>>> lanes = new ArrayList<>();
    private final InboxProcessor processor;
    private final ObjectMapper json;
    private final Clock clock;

    JsonDeliveries(InboxStore inbox, InboxProcessor processor, ObjectMapper json, Clock clock,
                   TransactionTemplate tx, InboxProperties settings, Dialect dialect) {
        this.processor = processor;
        this.json = json;
        this.clock = clock;
        boolean processAtEdge = settings.processAtEdge();
        int laneCount = settings.edgeLanesFor(dialect.postgres());
        for (int lane = 1; lane <= laneCount; lane++) {
            // concurrent deliveries share one inbox transaction; each is answered only after it committed. When a
            // batch fails (a repeat, a failure or a vendor call while processing), each is stored alone, unprocessed
            lanes.add(new GroupCommit<>(laneCount == 1 ? "inbox" : "inbox-" + lane, tx, MAX_BATCH,
                    batch -> storeAllOrExplain(inbox, batch, processAtEdge),
                    // alone, in a transaction of its own like the batch's (not the pool's autocommit): the row is
                    // durable when the commit returns, before the vendor gets its 2xx
                    in -> tx.execute(status -> inbox.insert(in.delivery())).map(id -> new Stored(id, false))));
        }
    }

    /**
     * The lane of a delivery: by the record it is about, so that deliveries about one record are stored and processed
     * in the order they arrived; by its dedupe key when it names no record.
     */
    private GroupCommit<Incoming, Optional<Stored>> laneOf(NewDelivery delivery) {
        String key = delivery.sequenceKey() != null ? delivery.sequenceKey() : delivery.dedupeKey();
        return lanes.get(Math.floorMod(key.hashCode(), lanes.size()));
    }

    /** A batch refused at the edge for a vendor call is redone as designed: one INFO line, no stack trace. */
    private List<Optional<Stored>> storeAllOrExplain(InboxStore inbox, List<Incoming> batch, boolean processAtEdge) {
        try {
            return storeAll(inbox, batch, processAtEdge);
        } catch (RuntimeException e) {
            refusedVendorCall(e).ifPresent(refused -> log.info("inbox: {} delivery(ies) stored for the inbox workers "
                    + "instead of processed at the edge: {}", batch.size(), refused.getMessage()));
            throw e;
        }
    }

    private static Optional<VendorCalls.Refused> refusedVendorCall(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof VendorCalls.Refused refused) {
                return Optional.of(refused);
            }
        }
        return Optional.empty();
    }

    private List<Optional<Stored>> storeAll(InboxStore inbox, List<Incoming> batch, boolean processAtEdge) {
        List<Optional<Long>> ids = inbox.insertAll(batch.stream().map(Incoming::delivery).toList());
        List<InboxRow> here = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            if (ids.get(i).isPresent() && processAtEdge && batch.get(i).atEdge()) {
                here.add(row(ids.get(i).get(), batch.get(i).delivery()));
            }
        }
        boolean[] processed = processor.processHere(here);
        Set<Long> done = new HashSet<>();
        for (int j = 0; j < here.size(); j++) {
            if (processed[j]) {
                done.add(here.get(j).id());
            }
        }
        return ids.stream().map(id -> id.map(rowId -> new Stored(rowId, done.contains(rowId)))).toList();
    }

    private static InboxRow row(long id, NewDelivery d) {
        return new InboxRow(id, d.source(), d.dedupeKey(), d.eventType(), d.payload(), 0, d.receivedAt());
    }

    public ResponseEntity<Map<String, Object>> accept(Kind kind, byte[] body) {
        JsonNode delivery;
        try {
            delivery = json.readTree(body);
        } catch (JsonProcessingException e) {
            return WebhookBodies.refused(kind.source(), HttpStatus.BAD_REQUEST, "malformed_json",
                    "body is not valid JSON: " + e.getOriginalMessage(), "body is not valid JSON at " + position(e));
        } catch (IOException e) {
            return WebhookBodies.refused(kind.source(), HttpStatus.BAD_REQUEST, "malformed_json",
                    "body is not readable: " + e.getMessage(), "body is not readable");
        }
        if (delivery == null) {
            return WebhookBodies.refused(kind.source(), HttpStatus.BAD_REQUEST, "malformed_json", "body is empty");
        }
        Optional<String> problem = kind.shapeProblem().apply(delivery);
        if (problem.isPresent()) {
            return WebhookBodies.refused(kind.source(), HttpStatus.BAD_REQUEST, "invalid_delivery", problem.get());
        }
        NewDelivery stored = new NewDelivery(kind.source(), kind.dedupeKey().apply(delivery, body),
                kind.eventType().apply(delivery), new String(body, StandardCharsets.UTF_8), clock.instant(),
                kind.sequenceKey().apply(delivery));
        Optional<Stored> row = laneOf(stored).write(new Incoming(stored, !kind.alwaysCallsVendor())); // once committed
        if (row.isEmpty()) {
            return WebhookBodies.accepted("duplicate", null);
        }
        if (!row.get().processed()) {
            processor.dispatch(row(row.get().id(), stored));
        }
        return WebhookBodies.accepted("accepted", row.get().id());
    }

    /** Where the parser gave up, for the log: the parser's message may quote the body. */
    private static String position(JsonProcessingException e) {
        return e.getLocation() == null ? "an unknown position"
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        for (GroupCommit<Incoming, Optional<Stored>> lane : lanes) {
            lane.stop();
        }
    }
}
