package com.casewire.gcal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.canonical.CalendarEvent;
import com.casewire.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Push channels and notifications end to end, against a stub holding to Google's contract (Bearer token from the
 * token endpoint, events.watch and channels/stop bodies, events.list with a sync token): channels opened and
 * renewed, notifications authenticated by their channel token, and a notification turned into a sync whose ended
 * events reach direct:calendar-event-ended once each.
 */
class GoogleCalendarPushTest extends HubIntegrationTest {

    static final WireMockServer google = new WireMockServer(options().dynamicPort());
    static final String CALENDAR = "firm@example.com";
    static final String EVENTS = "/calendar/v3/calendars/firm%40example.com/events";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static boolean advised;

    static {
        google.start();
    }

    @DynamicPropertySource
    static void googleSettings(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:gcal-push-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("hub.google.base-url", () -> google.baseUrl() + "/calendar/v3");
        registry.add("hub.google.token-url", () -> google.baseUrl() + "/token");
        registry.add("hub.google.client-id", () -> "client-1");
        registry.add("hub.google.client-secret", () -> "secret-1");
        registry.add("hub.google.refresh-token", () -> "refresh-1");
        registry.add("hub.google.calendar-ids[0]", () -> CALENDAR);
        registry.add("hub.google.sync-interval-millis", () -> "86400000");
    }

    @Autowired
    GcalPushChannels push;
    @Autowired
    CamelContext camel;

    @BeforeEach
    void quiet() throws Exception {
        // the schedules fired once at start; the test drives both jobs itself
        camel.getRouteController().stopRoute("gcal-sync-calendars");
        camel.getRouteController().stopRoute("gcal-renew-channels");
        if (!advised) {
            // the time-entry workflow that takes the event from here has its own tests: this one stops at the hand-over
            AdviceWith.adviceWith(camel, "gcal-publish-ended-event", a -> a.weaveById("gcal-to-time-entry").replace().to("mock:ended"));
            advised = true;
        }
        MockEndpoint.resetMocks(camel);
        for (String table : List.of("gcal_channel", "gcal_sync_state", "scheduled_action", "security_event")) {
            jdbc.update("DELETE FROM " + table, Map.of());
        }
        google.resetAll();
        google.stubFor(any(urlMatching("/calendar/v3/.*")).atPriority(10).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody(GcalFixtures.error(401, "global", "authError", "Invalid Credentials"))));
        google.stubFor(post(urlEqualTo("/token")).withRequestBody(equalTo(GcalFixtures.TOKEN_FORM))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(GcalFixtures.tokenResponse("access-1", 3599))));
    }

    void stubWatch(String resourceId) {
        google.stubFor(post(urlEqualTo(EVENTS + "/watch")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer access-1"))
                .withRequestBody(matchingJsonPath("$.id", matching("casewire-[0-9a-f-]{36}")))
                .withRequestBody(matchingJsonPath("$.type", equalTo("web_hook")))
                .withRequestBody(matchingJsonPath("$.address", equalTo("https://hub.test.example/webhooks/google-calendar")))
                .withRequestBody(matchingJsonPath("$.token", matching("[A-Za-z0-9_-]{43}")))
                .withRequestBody(matchingJsonPath("$.expiration"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"kind":"api#channel","resourceId":"%s","resourceUri":"https://www.googleapis.com/calendar/v3/calendars/firm%%40example.com/events",
                         "expiration":"%d"}""".formatted(resourceId, clock.instant().plus(Duration.ofDays(7)).toEpochMilli()))));
    }

    List<Map<String, Object>> channels() {
        return jdbc.queryForList("SELECT channel_id, token_hash, resource_id, state FROM gcal_channel ORDER BY created_at", Map.of());
    }

    @Test
    void aChannelIsOpenedPerCalendarThenRenewedBeforeItExpiresAndTheOldOneStopped() throws Exception {
        stubWatch("res-1");

        assertThat(push.ensure()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> channels().size() == 1);
        Map<String, Object> first = channels().get(0);
        assertThat(first).containsEntry("resource_id", "res-1").containsEntry("state", "ACTIVE");
        JsonNode watched = new ObjectMapper().readTree(google.findAll(postRequestedFor(urlEqualTo(EVENTS + "/watch"))).get(0).getBodyAsString());
        assertThat(GcalChannelStore.hash(watched.path("token").asText())).as("only the token's hash is kept").isEqualTo(first.get("token_hash"));
        assertThat(watched.path("id").asText()).isEqualTo(first.get("channel_id"));
        assertThat(push.ensure()).as("a fresh channel is left alone").isZero();

        google.stubFor(post(urlEqualTo("/calendar/v3/channels/stop")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer access-1"))
                .withRequestBody(equalToJson("{\"id\":\"%s\",\"resourceId\":\"res-1\"}".formatted(first.get("channel_id"))))
                .willReturn(aResponse().withStatus(204)));
        clock.setTo(clock.instant().plus(Duration.ofDays(6)).plus(Duration.ofHours(12)));
        stubWatch("res-2");

        assertThat(push.ensure()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> channels().size() == 2
                && "STOPPED".equals(channels().get(0).get("state")));
        assertThat(channels().get(1)).containsEntry("resource_id", "res-2").containsEntry("state", "ACTIVE");
        assertThat(google.findAll(postRequestedFor(urlEqualTo("/calendar/v3/channels/stop")))).hasSize(1);
    }

    HttpResponse<String> notify(String channelId, String token, String state, String messageNumber) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/google-calendar"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .header("X-Goog-Resource-State", state).header("X-Goog-Resource-ID", "res-1")
                .header("X-Goog-Resource-URI", "https://www.googleapis.com/calendar/v3/calendars/firm%40example.com/events")
                .header("X-Goog-Message-Number", messageNumber);
        if (channelId != null) {
            request.header("X-Goog-Channel-ID", channelId);
        }
        if (token != null) {
            request.header("X-Goog-Channel-Token", token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    void openChannel() {
        jdbc.update("""
                INSERT INTO gcal_channel (channel_id, calendar_id, token_hash, resource_id, expires_at, state, created_at, updated_at)
                VALUES ('casewire-chan-1', :calendar, :hash, 'res-1', :expires, 'ACTIVE', :now, :now)""",
                Map.of("calendar", CALENDAR, "hash", GcalChannelStore.hash("secret-token-1"), "expires", Timestamp.from(clock.instant().plus(Duration.ofDays(5))),
                        "now", Timestamp.from(clock.instant())));
    }

    @Test
    void notificationsWithoutTheChannelsTokenAreRefusedAndRecorded() throws Exception {
        openChannel();

        assertThat(notify("casewire-chan-1", null, "exists", "2").statusCode()).isEqualTo(401);
        assertThat(notify("casewire-chan-1", "guessed-token", "exists", "3").statusCode()).isEqualTo(403);
        assertThat(notify("casewire-unknown", "secret-token-1", "exists", "4").statusCode()).isEqualTo(403);

        assertThat(count("SELECT COUNT(*) FROM security_event WHERE source = 'google-calendar'")).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM scheduled_action")).isZero();
        HttpResponse<String> sync = notify("casewire-chan-1", "secret-token-1", "sync", "1");
        assertThat(sync.statusCode()).isEqualTo(200);
        assertThat(sync.body()).contains("acknowledged");
        assertThat(count("SELECT COUNT(*) FROM scheduled_action")).as("the first message after a watch syncs nothing").isZero();
    }

    @Test
    void aChangeNotificationSyncsTheCalendarAndEndedEventsReachTheWorkflowOnce() throws Exception {
        openChannel();
        jdbc.update("INSERT INTO gcal_sync_state (calendar_id, sync_token, updated_at) VALUES (:c, 'sync-1', :now)",
                Map.of("c", CALENDAR, "now", Timestamp.from(clock.instant())));
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant laterEnd = now.plus(Duration.ofHours(1));
        google.stubFor(get(urlPathEqualTo(EVENTS)).atPriority(1).withHeader("Authorization", equalTo("Bearer access-1"))
                .withQueryParam("syncToken", equalTo("sync-1")).withQueryParam("singleEvents", equalTo("true"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"kind":"calendar#events","timeZone":"America/New_York","nextSyncToken":"sync-2","items":[
                         {"id":"evt-ended","status":"confirmed","summary":"Client call [M 1001]",
                          "start":{"dateTime":"%s"},"end":{"dateTime":"%s"},"attendees":[{"email":"alex@firm.example"}]},
                         {"id":"evt-later","status":"confirmed","summary":"Deposition [Matter #1002]",
                          "start":{"dateTime":"%s"},"end":{"dateTime":"%s"}},
                         {"id":"evt-old","status":"confirmed","summary":"Last week",
                          "start":{"dateTime":"%s"},"end":{"dateTime":"%s"}},
                         {"id":"evt-gone","status":"cancelled"}]}""".formatted(
                        now.minus(Duration.ofMinutes(40)), now.minus(Duration.ofMinutes(10)),
                        now.plus(Duration.ofMinutes(15)), laterEnd,
                        now.minus(Duration.ofDays(7)), now.minus(Duration.ofDays(7)).plusSeconds(1800)))));
        MockEndpoint ended = camel.getEndpoint("mock:ended", MockEndpoint.class);

        HttpResponse<String> first = notify("casewire-chan-1", "secret-token-1", "exists", "7");
        HttpResponse<String> redelivered = notify("casewire-chan-1", "secret-token-1", "exists", "7");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("sync_requested");
        assertThat(redelivered.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> ended.getReceivedCounter() == 1);
        CalendarEvent event = ended.getReceivedExchanges().get(0).getMessage().getBody(CalendarEvent.class);
        assertThat(event.id()).isEqualTo("evt-ended");
        assertThat(event.matterId()).isEqualTo("1001");
        assertThat(event.attendeeEmails()).containsExactly("alex@firm.example");
        List<LoggedRequest> lists = google.findAll(getRequestedFor(urlPathEqualTo(EVENTS)));
        assertThat(lists).as("one sync for a notification delivered twice").hasSize(1);
        assertThat(jdbc.queryForObject("SELECT sync_token FROM gcal_sync_state WHERE calendar_id = :c", Map.of("c", CALENDAR),
                String.class)).isEqualTo("sync-2");
        assertThat(jdbc.queryForList("SELECT due_at FROM scheduled_action WHERE kind = 'gcal-event-ended' AND state = 'PENDING'",
                Map.of(), Timestamp.class)).extracting(Timestamp::toInstant).containsExactly(laterEnd);

        clock.setTo(laterEnd.plusSeconds(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> ended.getReceivedCounter() == 2);
        CalendarEvent later = ended.getReceivedExchanges().get(1).getMessage().getBody(CalendarEvent.class);
        assertThat(later.id()).isEqualTo("evt-later");
        assertThat(later.matterId()).isEqualTo("1002");
        Thread.sleep(500); // the poller keeps running: nothing else may arrive (the week-old and the cancelled event)
        assertThat(ended.getReceivedCounter()).isEqualTo(2);
    }

    @Autowired
    CalendarChanges changes;

    @Test
    void aMovedEventIsReportedAtItsNewEndAndACancelledOneNotAtAll() {
        Instant end = clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofHours(1));
        CalendarEvent meeting = new CalendarEvent("evt-1", CALENDAR, "Strategy [M 1001]", end.minusSeconds(1800), end,
                "confirmed", "1001", List.of(), false);
        String pending = "SELECT due_at FROM scheduled_action WHERE kind = 'gcal-event-ended' AND state = 'PENDING'";

        changes.track(List.of(meeting));
        changes.track(List.of(meeting)); // synced again unchanged: still one timer
        assertThat(jdbc.queryForList(pending, Map.of(), Timestamp.class)).extracting(Timestamp::toInstant).containsExactly(end);

        Instant moved = end.plus(Duration.ofHours(2));
        changes.track(List.of(new CalendarEvent("evt-1", CALENDAR, "Strategy [M 1001]", moved.minusSeconds(1800), moved,
                "confirmed", "1001", List.of(), false)));
        assertThat(jdbc.queryForList(pending, Map.of(), Timestamp.class)).extracting(Timestamp::toInstant).containsExactly(moved);

        changes.track(List.of(new CalendarEvent("evt-1", CALENDAR, null, null, null, "cancelled", null, List.of(), true)));
        assertThat(jdbc.queryForList(pending, Map.of(), Timestamp.class)).isEmpty();
    }
}
