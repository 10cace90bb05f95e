package com.casewire.statusupdate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.audit.ChainSealer;
import com.casewire.audit.CommunicationLog;
import com.casewire.practice.clio.ClioWebhookSecrets;
import com.casewire.support.ClioFixtures;
import com.casewire.support.HubIntegrationTest;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue #4's end-to-end check through the real HTTP edge with contract stubs: a signed Clio calendar_entry
 * "hearing" delivery for a client whose matter says they prefer text messages yields one SMS within 2 seconds
 * of the POST (measured and printed), one note on the matter, and one communication-log entry on a chain that
 * verifies. The only timed assertion in the suite, because the issue demands it; it is measured after one
 * warm-up delivery on another matter, as a running hub would be.
 */
class HearingConfirmedEndToEndTest extends HubIntegrationTest {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:hearing-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @Autowired
    ClioWebhookSecrets webhooks;
    @Autowired
    CommunicationLog commLog;
    @Autowired
    ChainSealer sealer;

    @Test
    void signedHearingConfirmedDeliveryYieldsOneSmsWithinTwoSecondsOneNoteAndOneVerifiedLogEntry() throws Exception {
        Instant noon = ZonedDateTime.of(2026, 11, 24, 12, 0, 0, 0, ZoneId.of("America/New_York")).toInstant();
        clock.setTo(noon);
        webhooks.subscribed(StatusFixtures.CALENDAR_WEBHOOK, "calendar_entry", noon.plus(Duration.ofDays(30)));
        // the client prefers text messages (the matter's preference custom field), though email would come first otherwise
        clio.stubFor(get(urlPathEqualTo("/api/v4/matters/1001.json")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withQueryParam("fields", containing("custom_field_values{id,field_name,field_type,value}"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(StatusFixtures.matterWithCustomFields(1001, "Personal Injury", CLIENT_PHONE, CLIENT_EMAIL,
                                Map.of("Preferred contact method", "Text message")))));
        String delivery = StatusFixtures.calendarEntry("cal-2026-12-08", 1001, "Hearing date confirmed: motion hearing",
                "2026-12-08T14:30:00Z", "created");

        // warm-up on another matter: the first delivery after start-up pays for class loading and JIT (printed, not asserted)
        long coldStart = System.nanoTime();
        postSigned(ClioFixtures.fullDelivery(1002, "\"" + UUID.randomUUID() + "\"", "matter_opened", "+12015550123", null));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> smsRequests().size() == 1);
        System.out.printf("warm-up (first delivery after start-up): POST -> SMS in %d ms%n",
                (System.nanoTime() - coldStart) / 1_000_000);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> noteRequests().size() == 1);
        twilio.resetRequests();
        clio.resetRequests();

        long start = System.nanoTime();
        HttpResponse<String> response = postSigned(delivery);
        long deadline = start + Duration.ofSeconds(2).toNanos();
        while (smsRequests().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        long smsAt = System.nanoTime();
        List<LoggedRequest> sms = smsRequests();
        long latencyMillis = (smsAt - start) / 1_000_000;
        System.out.printf("hearing-date-confirmed: POST /webhooks/clio -> SMS at the Twilio stub in %d ms (HTTP %d)%n",
                latencyMillis, response.statusCode());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sms).as("one SMS within 2 s of the POST").hasSize(1);
        assertThat(latencyMillis).isLessThan(2000);
        assertThat(sms.get(0).formParameters().get("To").firstValue()).isEqualTo(CLIENT_PHONE);
        String text = sms.get(0).formParameters().get("Body").firstValue();
        assertThat(text).isEqualTo("Hi Jane, your hearing date is confirmed. Call Test Law LLP for the date, time and place; "
                + "your legal team will help you prepare.");

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> noteRequests().size() == 1);
        Thread.sleep(300);
        assertThat(smsRequests()).hasSize(1);
        String note = noteRequests().get(0).getBodyAsString();
        assertThat(note).contains("\"type\":\"Matter\"").contains("\"id\":1001").contains("Client update sent by SMS")
                .contains("Sent 2026-11-24 12:00 EST by SMS to Jane Doe (" + CLIENT_PHONE + ")").contains(text);
        assertThat(noteRequests()).hasSize(1);

        sealer.sealAll();
        assertThat(commLog.forMatter("1001")).singleElement().satisfies(e -> {
            assertThat(e.entry().channel()).isEqualTo("sms");
            assertThat(e.entry().body()).isEqualTo(text);
            assertThat(e.entry().template()).isEqualTo("matter-status/hearing-date-confirmed.sms.txt");
            assertThat(e.chainSeq()).isNotNull();
        });
        assertThat(commLog.verify().valid()).isTrue();
        assertThat(api("GET", "/api/communications/verify").body()).contains("\"valid\":true").contains("\"sealedEntries\":2");
    }
}
