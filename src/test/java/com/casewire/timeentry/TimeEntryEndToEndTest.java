package com.casewire.timeentry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.practice.clio.ClioWebhookSecrets;
import com.casewire.support.ClioFixtures;
import com.casewire.support.HubIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue #14's end-to-end check over the real HTTP edge, on the real clock: a signed Clio calendar_entry webhook whose
 * {@code end_at} is seconds ahead yields, once the entry has ended, one SMS to the attorney's mobile from staff.yaml,
 * and nothing before.
 */
class TimeEntryEndToEndTest extends HubIntegrationTest {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:time-e2e-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @Autowired
    ClioWebhookSecrets webhooks;

    @Test
    void aSignedClioCalendarEntryEndingSecondsAheadYieldsOneSmsToTheAttorneyAfterItEnds() throws Exception {
        webhooks.subscribed(5003, "calendar_entry", Instant.now().plus(Duration.ofDays(30)));
        clio.stubFor(get(urlPathEqualTo("/api/v4/activities.json")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withQueryParam("type", equalTo("TimeEntry"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":[],\"meta\":{\"paging\":{}}}")));
        Instant end = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        String delivery = """
                {"data":{"id":"9100","etag":"\\"%s\\"","summary":"Witness interview","start_at":"%s","end_at":"%s",\
                "matter":{"id":1001}},"meta":{"event":"created","webhook_id":5003}}"""
                .formatted(UUID.randomUUID(), end.minus(Duration.ofMinutes(42)), end);

        HttpResponse<String> response = postSigned(delivery);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(postClio(delivery, "0".repeat(64)).statusCode()).as("a bad signature is refused").isIn(401, 403);
        awaitInboxSettled();
        assertThat(smsRequests()).as("nothing before the entry ends").isEmpty();

        await().atMost(Duration.ofSeconds(20)).until(() -> !smsRequests().isEmpty());
        long afterEnd = Duration.between(end, Instant.now()).toMillis();
        System.out.printf("time-entry prompt: SMS at the Twilio stub %d ms after end_at%n", afterEnd);
        assertThat(afterEnd).isGreaterThanOrEqualTo(0);
        postSigned(delivery.replace("created", "updated")); // Clio repeats the unchanged entry: no second prompt
        Thread.sleep(1500);

        assertThat(smsRequests()).singleElement().satisfies(r -> {
            assertThat(r.formParameters().get("To").firstValue()).isEqualTo("+12015550111");
            assertThat(r.formParameters().get("Body").firstValue())
                    .startsWith("You just finished Witness interview with Jane Doe. Record your time: https://hub.test.example/time/");
        });
        assertThat(count("SELECT COUNT(*) FROM time_entry_prompt WHERE state = 'PROMPTED'")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT attorney_user_id FROM time_entry_prompt", Map.of(), String.class)).isEqualTo("77");
    }
}
