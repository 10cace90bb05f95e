package com.casewire.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.casewire.db.Dialect;
import com.casewire.inbox.InboxStore.InboxRow;
import com.casewire.support.TestHubProperties;
import com.casewire.vendor.VendorCalls;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which deliveries the edge processes in its own transaction, and which it hands to the workers
 * ({@code hub.inbox.process-at-edge}).
 */
class JsonDeliveriesTest {

    private static final String CLIO_BODY = "{\"data\":{\"id\":1001,\"etag\":\"\\\"e1\\\"\"},\"meta\":{\"event\":\"matter_closed\",\"webhook_id\":7}}";
    private static final String LAWPAY_BODY = "{\"id\":\"evt_1\",\"type\":\"transaction.completed\"}";
    /**
     * Kinds shaped as the vendors' own (practice.clio.CLIO, lawpay.LAWPAY,
     * whose tests pin these two properties): Clio's deliveries may be processed at the edge, in order per record;
     * LawPay's are hints re-fetched from the gateway, never tried at the edge.
     */
    private static final JsonDeliveries.Kind CLIO = new JsonDeliveries.Kind("clio", delivery -> Optional.empty(),
            (delivery, body) -> "wh7:" + delivery.path("data").path("id").asText(),
            delivery -> delivery.path("meta").path("event").asText(),
            delivery -> "clio:wh" + delivery.path("meta").path("webhook_id").asText() + ":" + delivery.path("data").path("id").asText(),
            false);
    private static final JsonDeliveries.Kind LAWPAY = new JsonDeliveries.Kind("lawpay", delivery -> Optional.empty(),
            (delivery, body) -> delivery.path("id").asText(), delivery -> delivery.path("type").asText(), delivery -> null, true);

    private final InboxStore inbox = mock(InboxStore.class);
    private final InboxProcessor processor = mock(InboxProcessor.class);
    private final TransactionTemplate tx = mock(TransactionTemplate.class);
    private JsonDeliveries deliveries;

    @Test
    void withSeveralLanesDeliveriesAboutOneRecordTakeOneLaneAndOthersSpreadOverThem() {
        assertThat(lanesUsedBy40Records(start(true, 4))).containsExactlyInAnyOrder(
                "commit-inbox-1", "commit-inbox-2", "commit-inbox-3", "commit-inbox-4");
    }

    @Test
    void byDefaultPostgresqlHasFourLanes() {
        assertThat(lanesUsedBy40Records(start(true, 0, true))).containsExactlyInAnyOrder(
                "commit-inbox-1", "commit-inbox-2", "commit-inbox-3", "commit-inbox-4");
    }

    @Test
    void byDefaultH2HasOneLane() {
        assertThat(lanesUsedBy40Records(start(true, 0, false))).containsExactly("commit-inbox");
    }

    /** Posts three rounds of deliveries about forty records; checks each record kept one lane; returns the lanes used. */
    private Set<String> lanesUsedBy40Records(JsonDeliveries deliveries) {
        Map<String, String> laneOfRecord = new ConcurrentHashMap<>();
        Set<String> lanesUsed = ConcurrentHashMap.newKeySet();
        when(processor.processHere(anyList())).thenAnswer(call -> {
            List<InboxRow> rows = call.getArgument(0);
            for (InboxRow row : rows) {
                String record = row.dedupeKey();
                String lane = Thread.currentThread().getName();
                lanesUsed.add(lane);
                assertThat(laneOfRecord.putIfAbsent(record, lane)).as("lane of %s", record).isIn(null, lane);
            }
            boolean[] processed = new boolean[rows.size()];
            Arrays.fill(processed, true);
            return processed;
        });
        for (int round = 0; round < 3; round++) {
            for (int record = 1; record <= 40; record++) {
                deliveries.accept(CLIO, bytes(CLIO_BODY.replace("1001", String.valueOf(2000 + record))));
            }
        }

        assertThat(laneOfRecord).hasSize(40);
        return lanesUsed;
    }

    private JsonDeliveries start(boolean processAtEdge) {
        return start(processAtEdge, 0);
    }

    private JsonDeliveries start(boolean processAtEdge, int lanes) {
        return start(processAtEdge, lanes, false);
    }

    @SuppressWarnings("unchecked")
    private JsonDeliveries start(boolean processAtEdge, int lanes, boolean postgres) {
        when(tx.execute(any())).thenAnswer(call -> ((TransactionCallback<Object>) call.getArgument(0)).doInTransaction(null));
        when(inbox.insertAll(anyList())).thenReturn(List.of(Optional.of(42L)));
        when(inbox.insert(any(InboxStore.NewDelivery.class))).thenReturn(Optional.of(42L));
        TestHubProperties hub = TestHubProperties.with(Map.of("hub.inbox.process-at-edge", String.valueOf(processAtEdge),
                "hub.inbox.edge-lanes", String.valueOf(lanes)));
        Dialect dialect = mock(Dialect.class);
        when(dialect.postgres()).thenReturn(postgres);
        deliveries = new JsonDeliveries(inbox, processor, new ObjectMapper(),
                Clock.fixed(Instant.parse("2026-11-24T17:00:00Z"), ZoneOffset.UTC), tx, hub.inbox(), dialect);
        return deliveries;
    }

    @AfterEach
    void stop() throws InterruptedException {
        deliveries.stop();
    }

    @Test
    void aClioDeliveryProcessedAtTheEdgeIsNotHandedToAWorker() {
        when(processor.processHere(anyList())).thenReturn(new boolean[] {true});

        ResponseEntity<Map<String, Object>> response = start(true).accept(CLIO, bytes(CLIO_BODY));

        assertThat(response.getBody()).containsEntry("status", "accepted").containsEntry("inboxId", 42L);
        ArgumentCaptor<List<InboxRow>> rows = rowsCaptor();
        verify(processor).processHere(rows.capture());
        assertThat(rows.getValue()).extracting(InboxRow::id).containsExactly(42L);
        verify(processor, never()).dispatch(any(InboxRow.class));
    }

    @Test
    void withTheOptionOffTheDeliveryIsStoredAndHandedToAWorker() {
        when(processor.processHere(anyList())).thenReturn(new boolean[0]);

        start(false).accept(CLIO, bytes(CLIO_BODY));

        ArgumentCaptor<List<InboxRow>> rows = rowsCaptor();
        verify(processor).processHere(rows.capture());
        assertThat(rows.getValue()).isEmpty();
        verify(processor).dispatch(any(InboxRow.class));
    }

    @Test
    void aLawpayDeliveryIsNeverTriedAtTheEdge() {
        when(processor.processHere(anyList())).thenReturn(new boolean[0]);

        start(true).accept(LAWPAY, bytes(LAWPAY_BODY));

        ArgumentCaptor<List<InboxRow>> rows = rowsCaptor();
        verify(processor).processHere(rows.capture());
        assertThat(rows.getValue()).isEmpty();
        verify(processor).dispatch(any(InboxRow.class));
    }

    @Test
    void aBatchThatNeededAVendorCallIsStoredOnItsOwnAndHandedToAWorker() {
        when(processor.processHere(anyList())).thenThrow(new VendorCalls.Refused("clio"));

        ResponseEntity<Map<String, Object>> response = start(true).accept(CLIO, bytes(CLIO_BODY));

        assertThat(response.getBody()).containsEntry("status", "accepted").containsEntry("inboxId", 42L);
        // the fallback: stored alone, in order with other deliveries about the same record
        verify(inbox).insert(argThat((InboxStore.NewDelivery d) -> d.sequenceKey() != null
                && d.sequenceKey().startsWith("clio:wh")));
        verify(processor).dispatch(any(InboxRow.class));
    }

    @SuppressWarnings("unchecked")
    private static ArgumentCaptor<List<InboxRow>> rowsCaptor() {
        return ArgumentCaptor.forClass(List.class);
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
