package com.casewire.gcal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.casewire.support.TestClock;
import com.casewire.vendor.VendorException;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** freeBusy, events.insert, tokens and error classification against a stub that holds to Google's contract. */
class GoogleCalendarClientTest {

    private final WireMockServer google = new WireMockServer(options().dynamicPort());
    private final TestClock clock = new TestClock();
    private GoogleCalendarClient client;

    @BeforeEach
    void start() {
        google.start();
        google.stubFor(post(urlEqualTo("/token")).withRequestBody(equalTo(GcalFixtures.TOKEN_FORM))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(GcalFixtures.tokenResponse("access-1", 3599))));
        client = GcalFixtures.client(GcalFixtures.hub(google.baseUrl()), clock);
    }

    @AfterEach
    void stop() {
        google.stop();
    }

    @Test
    void freeBusySendsTheDocumentedBodyAndReturnsBusyIntervalsPerCalendar() {
        google.stubFor(post(urlEqualTo("/calendar/v3/freeBusy"))
                .withHeader("Authorization", equalTo("Bearer access-1"))
                .withRequestBody(equalToJson("""
                        {"timeMin":"2026-03-02T13:00:00Z","timeMax":"2026-03-02T22:00:00Z","timeZone":"America/New_York",
                         "items":[{"id":"alice@firm.example"},{"id":"bob@firm.example"}]}"""))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"kind":"calendar#freeBusy","timeMin":"2026-03-02T13:00:00.000Z","timeMax":"2026-03-02T22:00:00.000Z",
                         "calendars":{
                           "alice@firm.example":{"busy":[{"start":"2026-03-02T14:00:00Z","end":"2026-03-02T15:00:00Z"},
                                                         {"start":"2026-03-02T18:30:00Z","end":"2026-03-02T19:00:00Z"}]},
                           "bob@firm.example":{"busy":[]}}}""")));

        Map<String, List<GoogleCalendarClient.BusyInterval>> busy = client.freeBusy(
                Instant.parse("2026-03-02T13:00:00Z"), Instant.parse("2026-03-02T22:00:00Z"), "America/New_York",
                List.of("alice@firm.example", "bob@firm.example"));

        assertThat(busy.get("alice@firm.example")).containsExactly(
                new GoogleCalendarClient.BusyInterval(Instant.parse("2026-03-02T14:00:00Z"), Instant.parse("2026-03-02T15:00:00Z")),
                new GoogleCalendarClient.BusyInterval(Instant.parse("2026-03-02T18:30:00Z"), Instant.parse("2026-03-02T19:00:00Z")));
        assertThat(busy.get("bob@firm.example")).isEmpty();
    }

    @Test
    void freeBusyFailsForACalendarGoogleCouldNotRead() {
        google.stubFor(post(urlEqualTo("/calendar/v3/freeBusy")).withHeader("Authorization", equalTo("Bearer access-1"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"kind":"calendar#freeBusy","calendars":{"x@firm.example":{"busy":[],
                         "errors":[{"domain":"global","reason":"notFound"}]}}}""")));

        assertThatThrownBy(() -> client.freeBusy(Instant.parse("2026-03-02T13:00:00Z"),
                Instant.parse("2026-03-02T22:00:00Z"), "UTC", List.of("x@firm.example")))
                .isInstanceOf(VendorException.class).hasMessageContaining("notFound");
    }

    @Test
    void insertSendsSummaryTimesAttendeesAndInvitesEveryone() {
        google.stubFor(post(urlEqualTo("/calendar/v3/calendars/firm%40example.com/events?sendUpdates=all"))
                .withHeader("Authorization", equalTo("Bearer access-1"))
                .withRequestBody(equalToJson("""
                        {"summary":"Consultation [M 1042]","description":"Initial consultation",
                         "start":{"dateTime":"2026-03-02T10:00:00-05:00","timeZone":"America/New_York"},
                         "end":{"dateTime":"2026-03-02T11:00:00-05:00","timeZone":"America/New_York"},
                         "attendees":[{"email":"client@example.com"},{"email":"alice@firm.example"}],
                         "extendedProperties":{"private":{"matterId":"1042"}}}"""))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"kind":"calendar#event","id":"evt123","status":"confirmed","etag":"\\"1\\"",
                         "created":"2026-02-20T12:00:00.000Z","updated":"2026-02-20T12:00:00.000Z"}""")));
        ZoneId ny = ZoneId.of("America/New_York");

        String id = client.insertEvent("firm@example.com", new GoogleCalendarClient.NewEvent("Consultation [M 1042]",
                "Initial consultation", ZonedDateTime.of(2026, 3, 2, 10, 0, 0, 0, ny),
                ZonedDateTime.of(2026, 3, 2, 11, 0, 0, 0, ny), List.of("client@example.com", "alice@firm.example"), "1042"));

        assertThat(id).isEqualTo("evt123");
    }

    @Test
    void aRejectedTokenIsRefreshedOnceAndTheCallSucceeds() {
        google.stubFor(post(urlEqualTo("/token")).withRequestBody(equalTo(GcalFixtures.TOKEN_FORM))
                .inScenario("tokens").whenScenarioStateIs("Started").willSetStateTo("second")
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(GcalFixtures.tokenResponse("revoked-token", 3599))));
        google.stubFor(post(urlEqualTo("/token")).withRequestBody(equalTo(GcalFixtures.TOKEN_FORM))
                .inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(GcalFixtures.tokenResponse("access-2", 3599))));
        google.stubFor(post(urlEqualTo("/calendar/v3/freeBusy")).withHeader("Authorization", equalTo("Bearer revoked-token"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody(GcalFixtures.error(401, "global", "authError", "Invalid Credentials"))));
        google.stubFor(post(urlEqualTo("/calendar/v3/freeBusy")).withHeader("Authorization", equalTo("Bearer access-2"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"kind\":\"calendar#freeBusy\",\"calendars\":{\"a@firm.example\":{\"busy\":[]}}}")));

        assertThat(client.freeBusy(Instant.parse("2026-03-02T13:00:00Z"), Instant.parse("2026-03-02T22:00:00Z"), "UTC",
                List.of("a@firm.example"))).containsEntry("a@firm.example", List.of());
        assertThat(client.freeBusy(Instant.parse("2026-03-02T13:00:00Z"), Instant.parse("2026-03-02T22:00:00Z"), "UTC",
                List.of("a@firm.example"))).containsKey("a@firm.example");

        assertThat(google.findAll(postRequestedFor(urlEqualTo("/token")))).hasSize(2);
        assertThat(google.findAll(postRequestedFor(urlEqualTo("/calendar/v3/freeBusy")))).hasSize(3);
    }

    @Test
    void theTokenIsReusedUntilAMinuteBeforeItExpires() {
        google.stubFor(get(urlPathEqualTo("/calendar/v3/calendars/primary/events"))
                .withHeader("Authorization", equalTo("Bearer access-1"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"kind\":\"calendar#events\",\"items\":[],\"nextSyncToken\":\"s1\"}")));

        client.listChanges("primary", null);
        clock.setTo(Instant.now().plusSeconds(3599 - 90));
        client.listChanges("primary", null);
        assertThat(google.findAll(postRequestedFor(urlEqualTo("/token")))).hasSize(1);

        clock.setTo(Instant.now().plusSeconds(3599 - 30));
        client.listChanges("primary", null);
        assertThat(google.findAll(postRequestedFor(urlEqualTo("/token")))).hasSize(2);
    }

    @Test
    void rateLimit403IsTransient() {
        google.stubFor(post(urlEqualTo("/calendar/v3/freeBusy")).withHeader("Authorization", equalTo("Bearer access-1"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody(GcalFixtures.error(403, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded"))));

        assertThatThrownBy(() -> client.freeBusy(Instant.parse("2026-03-02T13:00:00Z"),
                Instant.parse("2026-03-02T22:00:00Z"), "UTC", List.of("a@firm.example")))
                .isInstanceOfSatisfying(VendorException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.httpStatus()).isEqualTo(403);
                    assertThat(e.vendorCode()).isEqualTo("rateLimitExceeded");
                    assertThat(e.getMessage()).isEqualTo("google-calendar HTTP 403 code rateLimitExceeded: Rate Limit Exceeded");
                });
    }

    @Test
    void otherForbiddenReasonsArePermanentAnd429IsTransient() {
        google.stubFor(post(urlEqualTo("/calendar/v3/freeBusy")).withHeader("Authorization", equalTo("Bearer access-1"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody(GcalFixtures.error(403, "global", "forbidden", "Forbidden"))));
        assertThatThrownBy(() -> client.freeBusy(Instant.parse("2026-03-02T13:00:00Z"),
                Instant.parse("2026-03-02T22:00:00Z"), "UTC", List.of("a@firm.example")))
                .isInstanceOfSatisfying(VendorException.class, e -> assertThat(e.isTransient()).isFalse());

        google.stubFor(post(urlEqualTo("/calendar/v3/freeBusy")).withHeader("Authorization", equalTo("Bearer access-1"))
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody(GcalFixtures.error(429, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded"))));
        assertThatThrownBy(() -> client.freeBusy(Instant.parse("2026-03-02T13:00:00Z"),
                Instant.parse("2026-03-02T22:00:00Z"), "UTC", List.of("a@firm.example")))
                .isInstanceOfSatisfying(VendorException.class, e -> assertThat(e.isTransient()).isTrue());
    }

    @Test
    void notFoundIsPermanentWithGooglesMessage() {
        google.stubFor(post(urlEqualTo("/calendar/v3/calendars/missing%40example.com/events?sendUpdates=all"))
                .withHeader("Authorization", equalTo("Bearer access-1"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody(GcalFixtures.error(404, "global", "notFound", "Not Found"))));
        ZonedDateTime at = ZonedDateTime.of(2026, 3, 2, 10, 0, 0, 0, ZoneId.of("UTC"));

        assertThatThrownBy(() -> client.insertEvent("missing@example.com",
                new GoogleCalendarClient.NewEvent("x", null, at, at.plusHours(1), List.of(), null)))
                .isInstanceOfSatisfying(VendorException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.vendorCode()).isEqualTo("notFound");
                    assertThat(e.getMessage()).contains("Not Found");
                });
    }
}
