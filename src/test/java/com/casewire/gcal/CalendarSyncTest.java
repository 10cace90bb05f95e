package com.casewire.gcal;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.canonical.CalendarEvent;
import com.casewire.support.TestHubProperties;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Incremental sync over events.list pages, the stored sync token, and the 410 full resync, on H2. */
class CalendarSyncTest {

    private static final String EVENTS = "/calendar/v3/calendars/firm%40example.com/events";
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final String TIME_MIN = "2026-03-03T12:00:00Z"; // NOW minus hub.google.full-sync-look-back (7d)

    private final WireMockServer google = new WireMockServer(options().dynamicPort());
    private GcalSyncStore state;
    private CalendarSync sync;

    @BeforeEach
    void start() {
        google.start();
        google.stubFor(post(urlEqualTo("/token")).withRequestBody(equalTo(GcalFixtures.TOKEN_FORM))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(GcalFixtures.tokenResponse("access-1", 3599))));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        TestHubProperties hub = GcalFixtures.hub(google.baseUrl());
        state = new GcalSyncStore(GcalFixtures.database(), clock);
        sync = new CalendarSync(GcalFixtures.client(hub, clock), state, new CalendarEventMapper(hub.google()));
    }

    @AfterEach
    void stop() {
        google.stop();
    }

    private static MappingBuilder eventsPage() {
        return get(urlPathEqualTo(EVENTS)).withHeader("Authorization", equalTo("Bearer access-1"))
                .withQueryParam("singleEvents", equalTo("true"));
    }

    private void stubFullSyncOverThreePages() {
        google.stubFor(eventsPage().withQueryParam("timeMin", equalTo(TIME_MIN))
                .withQueryParam("syncToken", absent()).withQueryParam("pageToken", absent())
                .willReturn(json("""
                        {"kind":"calendar#events","timeZone":"America/New_York","items":[
                          {"id":"e1","status":"confirmed","summary":"Deposition [Matter #1042]",
                           "start":{"dateTime":"2026-03-04T09:00:00-05:00"},"end":{"dateTime":"2026-03-04T11:00:00-05:00"},
                           "attendees":[{"email":"alice@firm.example"},{"email":"client@example.com"}]}],
                         "nextPageToken":"page-2"}""")));
        google.stubFor(eventsPage().withQueryParam("timeMin", equalTo(TIME_MIN)).withQueryParam("pageToken", equalTo("page-2"))
                .willReturn(json("""
                        {"kind":"calendar#events","items":[
                          {"id":"e2","status":"confirmed","summary":"Call",
                           "start":{"dateTime":"2026-03-05T15:00:00Z"},"end":{"dateTime":"2026-03-05T15:30:00Z"},
                           "extendedProperties":{"private":{"matterId":"77"}}}],
                         "nextPageToken":"page-3"}""")));
        google.stubFor(eventsPage().withQueryParam("timeMin", equalTo(TIME_MIN)).withQueryParam("pageToken", equalTo("page-3"))
                .willReturn(json("""
                        {"kind":"calendar#events","items":[
                          {"id":"e3","status":"confirmed","summary":"Filing deadline [M 9]",
                           "start":{"date":"2026-03-12"},"end":{"date":"2026-03-13"}}],
                         "nextSyncToken":"sync-1"}""")));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    @Test
    void firstSyncReadsEveryPageMapsEventsAndStoresTheSyncToken() {
        stubFullSyncOverThreePages();

        List<CalendarEvent> events = sync.syncCalendar("firm@example.com");

        assertThat(events).extracting(CalendarEvent::id).containsExactly("e1", "e2", "e3");
        assertThat(events.get(0)).isEqualTo(new CalendarEvent("e1", "firm@example.com", "Deposition [Matter #1042]",
                Instant.parse("2026-03-04T14:00:00Z"), Instant.parse("2026-03-04T16:00:00Z"), "confirmed", "1042",
                List.of("alice@firm.example", "client@example.com"), false));
        assertThat(events.get(1).matterId()).isEqualTo("77");
        // all-day event: midnight in the calendar's zone
        assertThat(events.get(2).start()).isEqualTo(Instant.parse("2026-03-12T04:00:00Z"));
        assertThat(events.get(2).matterId()).isEqualTo("9");
        assertThat(google.findAll(getRequestedFor(urlPathEqualTo(EVENTS)))).hasSize(3);
        assertThat(state.syncToken("firm@example.com")).contains("sync-1");
    }

    @Test
    void theNextSyncSendsTheStoredTokenAndReturnsOnlyTheChanges() {
        stubFullSyncOverThreePages();
        sync.syncCalendar("firm@example.com");
        google.stubFor(eventsPage().withQueryParam("syncToken", equalTo("sync-1")).withQueryParam("timeMin", absent())
                .willReturn(json("""
                        {"kind":"calendar#events","items":[{"id":"e2","status":"cancelled"}],"nextSyncToken":"sync-2"}""")));

        List<CalendarEvent> changes = sync.syncCalendar("firm@example.com");

        assertThat(changes).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("e2");
            assertThat(e.cancelled()).isTrue();
            assertThat(e.start()).isNull();
        });
        assertThat(state.syncToken("firm@example.com")).contains("sync-2");
    }

    @Test
    void anExpiredSyncTokenLeadsToAFullResyncAndANewToken() {
        state.store("firm@example.com", "stale-token");
        google.stubFor(eventsPage().withQueryParam("syncToken", equalTo("stale-token"))
                .willReturn(aResponse().withStatus(410).withHeader("Content-Type", "application/json")
                        .withBody(GcalFixtures.error(410, "global", "fullSyncRequired", "Sync token is no longer valid, a full sync is required."))));
        stubFullSyncOverThreePages();

        List<CalendarEvent> events = sync.syncCalendar("firm@example.com");

        assertThat(events).extracting(CalendarEvent::id).containsExactly("e1", "e2", "e3");
        assertThat(state.syncToken("firm@example.com")).contains("sync-1");
        assertThat(google.findAll(getRequestedFor(urlPathEqualTo(EVENTS)).withQueryParam("timeMin", equalTo(TIME_MIN))))
                .hasSize(3);
    }
}
