package com.casewire.lawpay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.inbox.InboxProcessor;
import com.casewire.payments.PaymentEvents;
import com.casewire.support.HubIntegrationTest;
import com.casewire.support.LawpayFixtures;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * LawPay deliveries over real HTTP against a contract-following gateway stub: Basic auth with the secret key,
 * GET /v1/events/{id}, AffiniPay error bodies. Deliveries are unsigned, so what is stored is always what the
 * gateway says, never what the delivery said.
 */
class LawpayWebhookTest extends HubIntegrationTest {

    static final WireMockServer lawpay = new WireMockServer(options().dynamicPort());
    static final String COMPLETED_ID = "evt_Qm3xZ8kP2rT5vW7yA9bC1d";
    static final String TXN_ID = "txn_L4nH6jK8mN0pQ2rS4tU6vW";

    static {
        lawpay.start();
    }

    @DynamicPropertySource
    static void lawpayOnH2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:lawpay-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("hub.lawpay.base-url", lawpay::baseUrl);
        registry.add("hub.lawpay.secret-key", () -> LawpayFixtures.SECRET_KEY);
    }

    @Autowired
    InboxProcessor inboxProcessor;
    @Autowired
    PaymentEvents payments;

    @BeforeEach
    void resetGateway() {
        lawpay.resetAll();
        jdbc.update("DELETE FROM payment_event", Map.of());
        // without the secret key as Basic user: 401; a known key but an unknown event: 404
        lawpay.stubFor(get(urlPathMatching("/v1/.*")).atPriority(10)
                .willReturn(json(401, LawpayFixtures.error("unauthorized", "Invalid credentials"))));
        lawpay.stubFor(get(urlPathMatching("/v1/events/[^/]+")).atPriority(5)
                .withHeader("Authorization", equalTo(LawpayFixtures.AUTHORIZATION))
                .willReturn(json(404, LawpayFixtures.error("not_found", "Event not found"))));
        stubEvent(COMPLETED_ID, LawpayFixtures.event(COMPLETED_ID, "transaction.completed", TXN_ID, "50000",
                "INV-1042", null));
    }

    @Test
    void completedTransactionIsFetchedWithTheSecretKeyAndRecordedInCents() throws Exception {
        String delivery = LawpayFixtures.event(COMPLETED_ID, "transaction.completed", TXN_ID, "50000", "INV-1042", null);

        HttpResponse<String> response = postLawpay(delivery);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"accepted\"");
        awaitInboxSettled();
        assertThat(inboxStates()).containsExactly("PROCESSED");
        List<LoggedRequest> fetches = eventFetches(COMPLETED_ID);
        assertThat(fetches).hasSize(1);
        assertThat(fetches.get(0).getHeader("Authorization")).isEqualTo(LawpayFixtures.AUTHORIZATION);
        List<Map<String, Object>> rows = paymentRows();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("EVENT_ID", COMPLETED_ID).containsEntry("EVENT_TYPE", "COMPLETED")
                .containsEntry("TRANSACTION_ID", TXN_ID).containsEntry("AMOUNT_CENTS", 50000L)
                .containsEntry("CURRENCY", "USD").containsEntry("REFERENCE", "INV-1042")
                .containsEntry("INVOICE_REFERENCE", "INV-1042");
        assertThat(jdbc.queryForObject("SELECT occurred_at FROM payment_event", Map.of(), Timestamp.class).toInstant())
                .isEqualTo(Instant.parse("2026-11-24T17:03:13.317Z"));
        assertThat(payments.isPaid("INV-1042")).isTrue();
        assertThat(payments.isPaid("INV-1043")).isFalse();
    }

    @Test
    void theFetchedEventWinsOverWhatTheDeliverySays() throws Exception {
        String forged = LawpayFixtures.event(COMPLETED_ID, "transaction.failed", "txn_forged", "1", "INV-EVIL",
                "card_declined");

        assertThat(postLawpay(forged).statusCode()).isEqualTo(200);

        awaitInboxSettled();
        List<Map<String, Object>> rows = paymentRows();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("EVENT_TYPE", "COMPLETED").containsEntry("AMOUNT_CENTS", 50000L)
                .containsEntry("TRANSACTION_ID", TXN_ID).containsEntry("REFERENCE", "INV-1042")
                .containsEntry("FAILURE_CODE", null);
    }

    @Test
    void sameDeliveryThreeTimesIsFetchedOnceAndRecordedOnce() throws Exception {
        String delivery = LawpayFixtures.event(COMPLETED_ID, "transaction.completed", TXN_ID, "50000", "INV-1042", null);

        List<String> bodies = List.of(postLawpay(delivery).body(), postLawpay(delivery).body(),
                postLawpay(delivery).body());

        assertThat(bodies.get(0)).contains("\"status\":\"accepted\"");
        assertThat(bodies.subList(1, 3)).allMatch(b -> b.equals("{\"status\":\"duplicate\"}"));
        awaitInboxSettled();
        Thread.sleep(300); // a second processing, if there were one, would land within this
        assertThat(eventFetches(COMPLETED_ID)).hasSize(1);
        assertThat(paymentRows()).hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM inbox_event")).isEqualTo(1);
    }

    @Test
    void malformedOrIdlessDeliveriesGet400AndAreNotStored() throws Exception {
        HttpResponse<String> malformed = postLawpay("{\"id\":\"evt_1\",\"type\":");
        HttpResponse<String> idless = postLawpay("{\"type\":\"transaction.completed\",\"data\":{}}");

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        assertThat(malformed.body()).contains("\"error\":\"malformed_json\"");
        assertThat(idless.statusCode()).isEqualTo(400);
        assertThat(idless.body()).contains("\"error\":\"invalid_delivery\"").contains("id is required");
        assertThat(count("SELECT COUNT(*) FROM inbox_event")).isZero();
        assertThat(lawpay.getAllServeEvents()).isEmpty();
    }

    @Test
    void oversizedDeliveryGets413() throws Exception {
        String padded = "{\"id\":\"evt_big\",\"pad\":\"" + "x".repeat(70_000) + "\"}";

        HttpResponse<String> response = postLawpay(padded);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"error\":\"body_too_large\"");
        assertThat(count("SELECT COUNT(*) FROM inbox_event")).isZero();
    }

    @Test
    void anEventTheGatewayDoesNotKnowYetIsRetriedNotFailed() throws Exception {
        String early = "evt_notYetAtTheGateway00001";

        assertThat(postLawpay(LawpayFixtures.event(early, "transaction.completed", TXN_ID, "50000", "INV-1042", null))
                .statusCode()).isEqualTo(200);

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT last_error FROM inbox_event", Map.of(), String.class) != null);
        assertThat(inboxStates()).containsExactly("RECEIVED"); // back in the queue with a back-off
        assertThat(jdbc.queryForObject("SELECT last_error FROM inbox_event", Map.of(), String.class))
                .contains("LawPay does not know event " + early);
        assertThat(paymentRows()).isEmpty();

        stubEvent(early, LawpayFixtures.event(early, "transaction.completed", TXN_ID, "50000", "INV-1042", null));
        long id = jdbc.queryForObject("SELECT id FROM inbox_event", Map.of(), Long.class);
        jdbc.update("UPDATE inbox_event SET next_attempt_at = :past WHERE id = :id",
                Map.of("id", id, "past", java.sql.Timestamp.from(clock.instant().minusSeconds(1))));
        inboxProcessor.process(id);

        assertThat(inboxStates()).containsExactly("PROCESSED");
        assertThat(paymentRows()).hasSize(1);
    }

    @Test
    void otherEventTypesAreProcessedButRecordNoPayment() throws Exception {
        String id = "evt_authorizedOnly000000001";
        stubEvent(id, LawpayFixtures.event(id, "transaction.authorized", "txn_auth", "50000", "INV-1042", null));

        assertThat(postLawpay(LawpayFixtures.event(id, "transaction.completed", "txn_auth", "50000", "INV-1042", null))
                .statusCode()).isEqualTo(200);

        awaitInboxSettled();
        assertThat(inboxStates()).containsExactly("PROCESSED");
        assertThat(eventFetches(id)).hasSize(1);
        assertThat(paymentRows()).isEmpty();
    }

    @Test
    void gatewayErrorIsRetriedAndTheRetryRecordsThePayment() throws Exception {
        String id = "evt_flaky00000000000000001";
        String path = "/v1/events/" + id;
        lawpay.stubFor(get(urlPathEqualTo(path)).atPriority(1).inScenario("flaky").whenScenarioStateIs(STARTED)
                .withHeader("Authorization", equalTo(LawpayFixtures.AUTHORIZATION))
                .willReturn(json(500, LawpayFixtures.error("internal_error", "An unexpected error occurred")))
                .willSetStateTo("recovered"));
        lawpay.stubFor(get(urlPathEqualTo(path)).atPriority(1).inScenario("flaky").whenScenarioStateIs("recovered")
                .withHeader("Authorization", equalTo(LawpayFixtures.AUTHORIZATION))
                .willReturn(json(200, LawpayFixtures.event(id, "transaction.completed", "txn_flaky", "12500", "INV-77",
                        null))));

        HttpResponse<String> response = postLawpay(LawpayFixtures.event(id, "transaction.completed", "txn_flaky",
                "12500", "INV-77", null));

        assertThat(response.statusCode()).isEqualTo(200);
        long inboxId = jdbc.queryForObject("SELECT id FROM inbox_event", Map.of(), Long.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT attempts FROM inbox_event WHERE id = :id", Map.of("id", inboxId), Integer.class) == 1);
        Map<String, Object> row = jdbc.queryForMap("SELECT state, last_error FROM inbox_event WHERE id = :id",
                Map.of("id", inboxId));
        assertThat(row.get("STATE")).isEqualTo("RECEIVED");
        assertThat((String) row.get("LAST_ERROR")).contains("lawpay HTTP 500").contains("internal_error")
                .contains("An unexpected error occurred");
        assertThat(paymentRows()).isEmpty();

        // the back-off is 10 s after one attempt: make the row due now instead of waiting
        jdbc.update("UPDATE inbox_event SET next_attempt_at = :now WHERE id = :id",
                Map.of("now", Timestamp.from(clock.instant().minusMillis(100)), "id", inboxId));
        inboxProcessor.process(inboxId);

        await().atMost(Duration.ofSeconds(10)).until(() -> inboxStates().equals(List.of("PROCESSED")));
        assertThat(eventFetches(id)).hasSize(2);
        List<Map<String, Object>> rows = paymentRows();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("AMOUNT_CENTS", 12500L).containsEntry("REFERENCE", "INV-77");
    }

    private static void stubEvent(String id, String body) {
        lawpay.stubFor(get(urlPathEqualTo("/v1/events/" + id)).atPriority(1)
                .withHeader("Authorization", equalTo(LawpayFixtures.AUTHORIZATION))
                .withHeader("Accept", equalTo("application/json"))
                .willReturn(json(200, body)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private HttpResponse<String> postLawpay(String body) throws Exception {
        return LawpayFixtures.deliver(port, body);
    }

    private List<LoggedRequest> eventFetches(String id) {
        return lawpay.findAll(getRequestedFor(urlPathEqualTo("/v1/events/" + id)));
    }

    private List<String> inboxStates() {
        return jdbc.queryForList("SELECT state FROM inbox_event ORDER BY id", Map.of(), String.class);
    }

    private List<Map<String, Object>> paymentRows() {
        return jdbc.queryForList("SELECT * FROM payment_event ORDER BY id", Map.of());
    }
}
