package com.casewire.lawpay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.support.HubIntegrationTest;
import com.casewire.support.LawpayFixtures;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * LawPay event polling against a gateway stub that holds to the Events API contract (shared/vendor-apis.md §4):
 * Basic auth with the secret key, {@code GET /v1/events?page=&page_size=&start_date=yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}
 * answering {"page","page_size","total_entries","results"}, {@code GET /v1/events/{id}}, AffiniPay error bodies.
 * What counts is what the firm would see: each payment recorded once, whether it was delivered, polled or both.
 */
class LawpayEventPollTest extends HubIntegrationTest {

    static final WireMockServer lawpay = new WireMockServer(options().dynamicPort());
    static final Instant NOW = Instant.parse("2026-11-24T18:00:00Z");
    /** NOW minus hub.lawpay.poll-look-back (1d), as the gateway wants it (the test clock runs on from NOW). */
    static final String FIRST_START = "2026-11-23T18:0\\d:\\d{2}\\.\\d{3}Z";

    static {
        lawpay.start();
    }

    @DynamicPropertySource
    static void lawpayOnH2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:lawpay-poll-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("hub.lawpay.base-url", lawpay::baseUrl);
        registry.add("hub.lawpay.secret-key", () -> LawpayFixtures.SECRET_KEY);
        registry.add("hub.lawpay.poll-page-size", () -> "2");
        registry.add("hub.lawpay.poll-interval-millis", () -> "3600000");
    }

    @Autowired
    CamelContext camel;
    @Autowired
    LawpayEventPoller poller;

    @BeforeEach
    void resetGateway() throws Exception {
        // the tests drive the poller themselves
        camel.getRouteController().stopRoute("lawpay-poll-events");
        lawpay.resetAll();
        jdbc.update("DELETE FROM payment_event", Map.of());
        jdbc.update("DELETE FROM lawpay_poll_mark", Map.of());
        clock.setTo(NOW);
        resetGatewayStubs();
    }

    @Test
    void paymentsWhoseDeliveriesWereLostAreRecordedByThePollAcrossPages() {
        String completed = event("evt_lost_completed_0001", "2026-11-24T17:03:13.317Z", "transaction.completed", "50000");
        String authorized = event("evt_lost_authorized_001", "2026-11-24T17:04:00.000Z", "transaction.authorized", "50000");
        String failed = event("evt_lost_failed_0000001", "2026-11-24T17:05:00.000Z", "transaction.failed", "12500");
        stubList(FIRST_START, 1, LawpayFixtures.eventsPage(1, 2, 3, completed, authorized));
        stubList(FIRST_START, 2, LawpayFixtures.eventsPage(2, 2, 3, failed));
        stubEvents(completed, authorized, failed);

        assertThat(poller.poll()).isEqualTo(2);

        awaitInboxSettled();
        assertThat(paymentRows()).extracting(r -> r.get("EVENT_ID") + " " + r.get("EVENT_TYPE") + " " + r.get("AMOUNT_CENTS"))
                .containsExactlyInAnyOrder("evt_lost_completed_0001 COMPLETED 50000", "evt_lost_failed_0000001 FAILED 12500");
        assertThat(lawpay.findAll(getRequestedFor(urlPathEqualTo("/v1/events")))).hasSize(2);
        assertThat(fetches("evt_lost_authorized_001")).as("not a payment outcome: not fetched").isEmpty();
        assertThat(mark()).isEqualTo(Instant.parse("2026-11-24T17:05:00Z"));
    }

    @Test
    void theNextPollStartsAtTheMarkLessTheOverlapAndRecordsNothingTwice() {
        String first = event("evt_first_000000000001", "2026-11-24T17:03:13.317Z", "transaction.completed", "50000");
        String second = event("evt_second_00000000001", "2026-11-24T17:20:00.000Z", "transaction.completed", "7500");
        stubList(FIRST_START, 1, LawpayFixtures.eventsPage(1, 2, 1, first));
        // the mark (17:03:13.317) minus hub.lawpay.poll-overlap (10m)
        stubList("2026-11-24T16:53:13\\.317Z", 1, LawpayFixtures.eventsPage(1, 2, 2, first, second));
        stubEvents(first, second);

        assertThat(poller.poll()).isEqualTo(1);
        awaitInboxSettled();
        assertThat(poller.poll()).isEqualTo(1);
        awaitInboxSettled();

        assertThat(paymentRows()).extracting(r -> r.get("EVENT_ID"))
                .containsExactlyInAnyOrder("evt_first_000000000001", "evt_second_00000000001");
        assertThat(fetches("evt_first_000000000001")).hasSize(1);
        assertThat(mark()).isEqualTo(Instant.parse("2026-11-24T17:20:00Z"));
    }

    @Test
    void aDeliveredEventThatIsPolledLaterIsProcessedOnce() throws Exception {
        String id = "evt_delivered_then_polled";
        String event = event(id, "2026-11-24T17:30:00.000Z", "transaction.completed", "50000");
        stubEvents(event);
        stubList(FIRST_START, 1, LawpayFixtures.eventsPage(1, 2, 1, event));

        assertThat(postLawpay(event).body()).contains("\"accepted\"");
        awaitInboxSettled();
        assertThat(poller.poll()).isZero();
        awaitInboxSettled();

        assertThat(count("SELECT COUNT(*) FROM inbox_event")).isEqualTo(1);
        assertThat(fetches(id)).hasSize(1);
        assertThat(paymentRows()).hasSize(1);
    }

    @Test
    void aPolledEventWhoseDeliveryArrivesLaterIsProcessedOnce() throws Exception {
        String id = "evt_polled_then_delivered";
        String event = event(id, "2026-11-24T17:30:00.000Z", "transaction.completed", "50000");
        stubEvents(event);
        stubList(FIRST_START, 1, LawpayFixtures.eventsPage(1, 2, 1, event));

        assertThat(poller.poll()).isEqualTo(1);
        awaitInboxSettled();
        HttpResponse<String> late = postLawpay(event);

        assertThat(late.statusCode()).isEqualTo(200);
        assertThat(late.body()).contains("\"duplicate\"");
        assertThat(count("SELECT COUNT(*) FROM inbox_event")).isEqualTo(1);
        assertThat(fetches(id)).hasSize(1);
        assertThat(paymentRows()).hasSize(1);
    }

    @Test
    void aGatewayOutageLeavesTheMarkAndTheNextPollCatchesUp() {
        String event = event("evt_during_outage_00001", "2026-11-24T17:40:00.000Z", "transaction.completed", "50000");
        stubEvents(event);
        lawpay.stubFor(get(urlPathEqualTo("/v1/events")).atPriority(1)
                .withHeader("Authorization", equalTo(LawpayFixtures.AUTHORIZATION))
                .willReturn(json(500, LawpayFixtures.error("internal_error", "An unexpected error occurred"))));

        assertThat(poller.poll()).isZero();
        assertThat(count("SELECT COUNT(*) FROM lawpay_poll_mark")).isZero();
        assertThat(count("SELECT COUNT(*) FROM inbox_event")).isZero();

        lawpay.resetMappings();
        resetGatewayStubs();
        stubEvents(event);
        stubList(FIRST_START, 1, LawpayFixtures.eventsPage(1, 2, 1, event));
        assertThat(poller.poll()).isEqualTo(1);
        awaitInboxSettled();

        assertThat(paymentRows()).hasSize(1);
        assertThat(mark()).isEqualTo(Instant.parse("2026-11-24T17:40:00Z"));
    }

    @Test
    void aDeliveryThatNamedAnEventBeforeTheGatewayKnewItIsReDrivenOnceTheGatewayListsIt() throws Exception {
        String id = "evt_named_too_early_0001";
        String event = event(id, "2026-11-24T17:50:00.000Z", "transaction.completed", "50000");
        assertThat(postLawpay(event).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT last_error FROM inbox_event", Map.of(), String.class) != null);
        // the inbox gave up on it (its attempts ran out while the gateway did not know the id)
        jdbc.update("UPDATE inbox_event SET state = 'FAILED'", Map.of());
        assertThat(paymentRows()).isEmpty();

        stubEvents(event);
        stubList(FIRST_START, 1, LawpayFixtures.eventsPage(1, 2, 1, event));
        assertThat(poller.poll()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(10)).until(() -> "PROCESSED".equals(
                jdbc.queryForObject("SELECT state FROM inbox_event", Map.of(), String.class)));
        assertThat(count("SELECT COUNT(*) FROM inbox_event")).isEqualTo(1);
        assertThat(paymentRows()).hasSize(1);
    }

    @Test
    void aFailureForAnotherReasonIsNotReDriven() {
        String id = "evt_failed_otherwise_001";
        String event = event(id, "2026-11-24T17:50:00.000Z", "transaction.completed", "50000");
        jdbc.update("""
                INSERT INTO inbox_event (source, dedupe_key, event_type, payload, state, attempts, received_at, next_attempt_at, last_error)
                VALUES ('lawpay', :id, 'transaction.completed', '{}', 'FAILED', 5, :now, :now, 'UnprocessableEvent: no amount')""",
                Map.of("id", id, "now", Timestamp.from(NOW)));
        stubEvents(event);
        stubList(FIRST_START, 1, LawpayFixtures.eventsPage(1, 2, 1, event));

        assertThat(poller.poll()).isZero();
        assertThat(jdbc.queryForObject("SELECT state FROM inbox_event", Map.of(), String.class)).isEqualTo("FAILED");
        assertThat(fetches(id)).isEmpty();
    }

    // ---- helpers

    private void resetGatewayStubs() {
        lawpay.stubFor(get(urlPathMatching("/v1/.*")).atPriority(10)
                .willReturn(json(401, LawpayFixtures.error("unauthorized", "Invalid credentials"))));
        lawpay.stubFor(get(urlPathMatching("/v1/events/[^/]+")).atPriority(5)
                .withHeader("Authorization", equalTo(LawpayFixtures.AUTHORIZATION))
                .willReturn(json(404, LawpayFixtures.error("not_found", "Event not found"))));
    }

    private static String event(String id, String created, String type, String amount) {
        return LawpayFixtures.event(id, created, type, "txn_" + id, amount, "INV-1042", null);
    }

    /** The list endpoint for one page of events created after a start date matching {@code startDate} (a regex). */
    private static void stubList(String startDate, int page, String body) {
        lawpay.stubFor(get(urlPathEqualTo("/v1/events")).atPriority(1)
                .withHeader("Authorization", equalTo(LawpayFixtures.AUTHORIZATION))
                .withHeader("Accept", equalTo("application/json"))
                .withQueryParam("start_date", matching(startDate))
                .withQueryParam("page", equalTo(Integer.toString(page)))
                .withQueryParam("page_size", equalTo("2"))
                .willReturn(json(200, body)));
    }

    private static void stubEvents(String... events) {
        for (String event : events) {
            String id = event.substring(event.indexOf("\"id\":\"") + 6, event.indexOf('"', event.indexOf("\"id\":\"") + 6));
            lawpay.stubFor(get(urlPathEqualTo("/v1/events/" + id)).atPriority(1)
                    .withHeader("Authorization", equalTo(LawpayFixtures.AUTHORIZATION))
                    .willReturn(json(200, event)));
        }
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private HttpResponse<String> postLawpay(String body) throws Exception {
        return LawpayFixtures.deliver(port, body);
    }

    private List<LoggedRequest> fetches(String id) {
        return lawpay.findAll(getRequestedFor(urlPathEqualTo("/v1/events/" + id)));
    }

    private List<Map<String, Object>> paymentRows() {
        return jdbc.queryForList("SELECT * FROM payment_event ORDER BY id", Map.of());
    }

    private Instant mark() {
        return jdbc.queryForObject("SELECT mark FROM lawpay_poll_mark WHERE stream = 'events'", Map.of(), Timestamp.class)
                .toInstant();
    }
}
