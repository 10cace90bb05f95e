package com.casewire.practice.mycase;

import static com.casewire.practice.mycase.MyCaseFixtures.ACCESS_TOKEN;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.casewire.outbox.MessageKind;
import com.casewire.outbox.OutboundMessage;
import com.casewire.outbox.Outbox;
import com.casewire.practice.LedgerOperationUnavailable;
import com.casewire.practice.PracticeLedger;
import com.casewire.support.HubIntegrationTest;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With hub.practice-management=mycase the hub has a PracticeLedger, and a communication sent through the outbox
 * (kind MATTER_COMMUNICATION) is one note on the MyCase case, however often it is enqueued.
 */
class MyCaseLedgerOutboxTest extends HubIntegrationTest {

    static final WireMockServer mycase = new WireMockServer(options().dynamicPort());

    static {
        mycase.start();
    }

    @DynamicPropertySource
    static void mycaseHub(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:mycase-ledger-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("hub.practice-management", () -> "mycase");
        registry.add("hub.mycase.base-url", () -> mycase.baseUrl() + "/v1");
        registry.add("hub.mycase.token-url", () -> mycase.baseUrl() + "/tokens");
        registry.add("hub.mycase.access-token", () -> ACCESS_TOKEN);
        registry.add("hub.mycase.requests-per-second", () -> "25");
        registry.add("hub.mycase.poll-interval-millis", () -> "3600000");
    }

    @Autowired
    CamelContext camel;
    @Autowired
    ObjectProvider<PracticeLedger> ledger;
    @Autowired
    Outbox outbox;

    @BeforeEach
    void resetMyCase() throws Exception {
        camel.getRouteController().stopRoute("mycase-poll-changes");
        mycase.resetAll();
        mycase.stubFor(get(urlPathMatching("/v1/.*")).atPriority(10).willReturn(aResponse().withStatus(401).withBody("Unauthorized")));
        mycase.stubFor(post(urlPathMatching("/v1/.*")).atPriority(10).willReturn(aResponse().withStatus(401).withBody("Unauthorized")));
        mycase.stubFor(post(urlEqualTo("/v1/cases/2001/notes")).atPriority(5)
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .withRequestBody(matchingJsonPath("$.subject")).withRequestBody(matchingJsonPath("$.note"))
                .withRequestBody(matchingJsonPath("$.date", matching("\\d{4}-\\d{2}-\\d{2}")))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"id\":8803}")));
    }

    @Test
    void theLedgerIsMyCasesAndSaysTrustBalancesAreNotAvailable() {
        PracticeLedger practice = ledger.getIfAvailable();

        assertThat(practice).isInstanceOf(MyCasePracticeLedger.class);
        assertThatThrownBy(() -> practice.trustBalances("2001")).isInstanceOf(LedgerOperationUnavailable.class);
    }

    @Test
    void aCommunicationEnqueuedTwiceIsOneNoteOnTheCase() {
        OutboundMessage message = OutboundMessage.of(MessageKind.MATTER_COMMUNICATION, "501", "Case update",
                "Your hearing is set.").withRecipientName("Jane Doe").withMatter("2001").withWorkflow("matter-status")
                .withTemplate("hearing").withChannel("email");

        assertThat(outbox.enqueue("status:2001:hearing:log", message)).isPresent();
        assertThat(outbox.enqueue("status:2001:hearing:log", message)).isEmpty();

        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(outboxState(MessageKind.MATTER_COMMUNICATION.name())));
        List<LoggedRequest> notes = mycase.findAll(postRequestedFor(urlEqualTo("/v1/cases/2001/notes")));
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).getBodyAsString()).contains("Your hearing is set.").contains("Email to contact 501")
                .contains("ref status:2001:hearing:log");
        assertThat(outbox.find("status:2001:hearing:log").orElseThrow().vendorId()).isEqualTo("8803");
    }
}
