package com.casewire.timeentry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.canonical.CalendarEvent;
import com.casewire.practice.clio.ClioWebhookSecrets;
import com.casewire.schedule.DurableTimers;
import com.casewire.support.ClioFixtures;
import com.casewire.support.HubIntegrationTest;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The time-entry world: the repository's staff.yaml and time-entry.rules.yaml, a clock the tests move (09:00 in New
 * York on a Tuesday), WireMock Clio answering GET and POST /activities.json as Clio does, and Twilio. Shared by the
 * scenarios and the one-tap page's browser test.
 */
abstract class TimeEntryTestBase extends HubIntegrationTest {

    static final String PUBLIC_BASE = "https://hub.test.example";
    static final String ALEX_MOBILE = "+12015550111";
    /** 09:00 in New York, 06:00 in Los Angeles, on a Tuesday. */
    static final Instant MORNING = Instant.parse("2026-12-08T14:00:00Z");

    @DynamicPropertySource
    static void world(DynamicPropertyRegistry registry) {
        registry.add("hub.time-entry.link-secret", () -> "time-entry-test-secret-0123456789");
    }

    @Autowired
    ProducerTemplate camel;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    DurableTimers timers;
    @Autowired
    ClioWebhookSecrets webhooks;

    @BeforeEach
    void noPrompts() {
        jdbc.update("DELETE FROM time_entry_prompt", Map.of());
        clock.setTo(MORNING);
        stubEntries("[]");
        clio.stubFor(post(urlEqualTo("/api/v4/activities.json")).atPriority(5)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                        .withBody(ClioFixtures.clioError("ValidationError", "type, date and quantity are required"))));
        clio.stubFor(post(urlEqualTo("/api/v4/activities.json")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withRequestBody(matchingJsonPath("$.data.type", equalTo("TimeEntry")))
                .withRequestBody(matchingJsonPath("$.data.date"))
                .withRequestBody(matchingJsonPath("$.data.quantity"))
                .withRequestBody(matchingJsonPath("$.data.matter.id"))
                .withRequestBody(matchingJsonPath("$.data.user.id"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"id\":9001,\"etag\":\"\\\"a1\\\"\"}}")));
    }

    /** GET /activities.json?type=TimeEntry answers {@code data} (a JSON list of activities) for every filter. */
    void stubEntries(String data) {
        clio.stubFor(get(urlPathEqualTo("/api/v4/activities.json")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withQueryParam("type", equalTo("TimeEntry"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":" + data + ",\"meta\":{\"paging\":{}}}")));
    }

    static String entry(long userId) {
        return """
                [{"id":8001,"etag":"\\"e1\\"","type":"TimeEntry","date":"2026-12-08","quantity":1800,"note":"call",\
                "billed":false,"non_billable":false,"matter":{"id":1001},"user":{"id":%d}}]""".formatted(userId);
    }

    void ended(String calendarId, String eventId, String title, Instant start, Instant end) {
        CalendarEvent event = new CalendarEvent(eventId, calendarId, title, start, end, "confirmed", "1001", List.of(), false);
        tx.executeWithoutResult(s -> camel.sendBodyAndHeader("direct:calendar-event-ended", event, "casewireDedupeKey",
                "gcal-event-ended:" + calendarId + ":" + eventId + ":" + end.getEpochSecond()));
    }

    List<String> smsTo(String to) {
        return smsRequests().stream().filter(r -> to.equals(r.formParameters().get("To").firstValue()))
                .map(r -> r.formParameters().get("Body").firstValue()).toList();
    }

    List<LoggedRequest> entriesCreated() {
        return clio.findAll(postRequestedFor(urlEqualTo("/api/v4/activities.json")));
    }

    static String link(String text) {
        Matcher m = Pattern.compile(Pattern.quote(PUBLIC_BASE) + "(/time/[A-Za-z0-9._-]+)").matcher(text);
        assertThat(m.find()).as("a one-tap link in: " + text).isTrue();
        return m.group(1);
    }
}
