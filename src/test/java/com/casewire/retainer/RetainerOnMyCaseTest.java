package com.casewire.retainer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.canonical.Contact;
import com.casewire.canonical.Matter;
import com.casewire.canonical.MatterEvent;
import com.casewire.canonical.PaymentEvent;
import com.casewire.canonical.StaffMember;
import com.casewire.support.HubIntegrationTest;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A MyCase firm without {@code hub.mycase.trust-balances-path}: MyCase documents no trust-balance endpoint, so the hub
 * says at start-up that retainer reminders are off, and no trigger (an activity, a payment with a retainer reference,
 * the sweep) sends a reminder or asks MyCase anything it could misread as an empty account.
 */
class RetainerOnMyCaseTest extends HubIntegrationTest {

    static final WireMockServer mycase = new WireMockServer(options().dynamicPort());

    static {
        mycase.start();
    }

    @DynamicPropertySource
    static void mycaseHub(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:retainer-mycase-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("hub.practice-management", () -> "mycase");
        registry.add("hub.mycase.base-url", () -> mycase.baseUrl() + "/v1");
        registry.add("hub.mycase.token-url", () -> mycase.baseUrl() + "/tokens");
        registry.add("hub.mycase.access-token", () -> "mycase-access-1");
        registry.add("hub.mycase.poll-interval-millis", () -> "3600000");
        registry.add("hub.lawpay.payment-page-url", () -> "https://secure.lawpay.example/pages/test-law/operating");
    }

    @Autowired
    RetainerAvailability availability;
    @Autowired
    CamelContext camelContext;
    @Autowired
    ProducerTemplate camel;
    @Autowired
    TransactionTemplate tx;

    @BeforeEach
    void quietMyCase() throws Exception {
        camelContext.getRouteController().stopRoute("mycase-poll-changes");
        mycase.resetAll();
        mycase.stubFor(any(urlPathMatching("/v1/.*")).willReturn(aResponse().withStatus(401).withBody("Unauthorized")));
        jdbc.update("DELETE FROM retainer_deposit", Map.of());
        jdbc.update("DELETE FROM retainer_matter", Map.of());
    }

    @Test
    void theHubSaysAtStartUpThatRemindersAreOffAndWhy() {
        assertThat(availability.warning()).hasValueSatisfying(w -> assertThat(w)
                .startsWith("Retainer reminders are off: MyCase documents no trust-balance endpoint")
                .contains("hub.mycase.trust-balances-path is not set", "no reminder is sent"));
    }

    @Test
    void noTriggerSendsAReminderOrReadsAMissingBalanceAsEmpty() throws Exception {
        Matter kase = new Matter("2001", "2001", "Smith divorce", "Open", "Family Law",
                new StaffMember("91", "Alex Counsel", "alex@firm.example"),
                new Contact("3001", "Sam Smith", "Sam", "sam@example.com", null, null, null));
        MatterEvent activity = new MatterEvent("mycase", "activity", "created", "7001", "k-7001", kase,
                clock.instant(), Map.of("category", "TimeEntry"));
        tx.executeWithoutResult(s -> camel.sendBody("direct:retainer-matter-event", activity));
        tx.executeWithoutResult(s -> camel.sendBody("direct:payment-event", new PaymentEvent("evt_m1",
                PaymentEvent.Type.COMPLETED, "txn_m1", 50_000, "USD", "retainer-2001", "retainer-2001", null, clock.instant())));

        HttpResponse<String> sweep = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/retainers/sweep"))
                .header("Authorization", "Bearer test-api-token").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sweep.statusCode()).isEqualTo(200);
        assertThat(sweep.body()).contains("\"matters\":0", "\"unavailable\":\"mattersWithTrustBalances not available on");

        assertThat(count("SELECT COUNT(*) FROM outbox_message")).isZero();
        assertThat(count("SELECT COUNT(*) FROM scheduled_action WHERE kind = 'retainer-ladder'")).isZero();
        assertThat(jdbc.queryForObject("SELECT skipped_reason FROM retainer_matter WHERE matter_id = '2001'", Map.of(),
                String.class)).startsWith("not checked: trust balances not available on mycase");
        assertThat(count("SELECT COUNT(*) FROM retainer_matter WHERE state = 'LOW'")).isZero();
        assertThat(mycase.findAll(anyRequestedFor(urlPathMatching("/v1/.*")))).isEmpty();
        assertThat(api("GET", "/api/retainers").body()).isEqualTo("{\"below\":0,\"byTier\":{}}");
    }
}
