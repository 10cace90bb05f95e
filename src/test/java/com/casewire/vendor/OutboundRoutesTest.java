package com.casewire.vendor;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.support.ClioFixtures;
import com.casewire.support.HubIntegrationTest;
import com.casewire.support.TwilioFixtures;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The vendor edges as Camel endpoints: the route that sends a text ends in a camel-http endpoint with an id, which a
 * test (or an integrator's monitoring, through the route and endpoint MBeans) can advise and count. What reaches Twilio is the contract's request and nothing
 * of the delivery that caused it. The advice (a mock step after the call) stays in the shared hub context for the
 * tests after this one: it only records, and closing a context mid-run to drop it raced Quartz's shutdown against an
 * H2 commit once (an interrupted file write closes H2's store).
 */
class OutboundRoutesTest extends HubIntegrationTest {

    @Autowired
    CamelContext camel;

    @BeforeEach
    void adviseOnce() throws Exception {
        clock.setTo(ZonedDateTime.of(2026, 11, 24, 12, 0, 0, 0, ZoneId.of("America/New_York")).toInstant());
        if (camel.hasEndpoint("mock:twilio-answered") == null) {
            AdviceWith.adviceWith(camel, "outbound-sms",
                    route -> route.weaveById("twilio-create-message").after().to("mock:twilio-answered"));
        }
        MockEndpoint.resetMocks(camel);
    }

    @Test
    void aTextGoesThroughTheRouteEndpointWithTheContractsRequestOnly() throws Exception {
        MockEndpoint answered = camel.getEndpoint("mock:twilio-answered", MockEndpoint.class);
        answered.expectedMessageCount(1);
        answered.expectedHeaderReceived(Exchange.HTTP_RESPONSE_CODE, 201);

        String delivery = ClioFixtures.fullDelivery(1001, "\"" + UUID.randomUUID() + "\"", "matter_closed", CLIENT_PHONE,
                CLIENT_EMAIL);
        assertThat(postSigned(delivery).statusCode()).isEqualTo(200);

        answered.assertIsSatisfied(10_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(outboxState("SMS")));

        List<LoggedRequest> sent = twilio.findAll(postRequestedFor(urlEqualTo(TwilioFixtures.MESSAGES_PATH)));
        assertThat(sent).hasSize(1);
        LoggedRequest request = sent.get(0);
        assertThat(request.getHeader("Authorization")).startsWith("Basic ");
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(request.formParameters().get("To").firstValue()).isEqualTo(CLIENT_PHONE);
        assertThat(request.formParameters().get("From").firstValue()).isEqualTo(TwilioFixtures.FROM);
        assertThat(request.formParameters().keySet()).containsOnly("To", "From", "Body", "StatusCallback");
        // nothing of the hub's exchange or of Clio's delivery becomes an HTTP header
        assertThat(request.getAllHeaderKeys()).noneMatch(h -> h.toLowerCase().startsWith("casewire")
                || h.toLowerCase().startsWith("camel") || h.equalsIgnoreCase("X-Hook-Signature")
                || h.equalsIgnoreCase("milestone"));
        assertThat(outboxVendorId()).isEqualTo("SM0123456789abcdef0123456789abcdef");
    }

    private String outboxVendorId() {
        return jdbc.queryForObject("SELECT vendor_id FROM outbox_message WHERE kind = 'SMS'", java.util.Map.of(),
                String.class);
    }
}
