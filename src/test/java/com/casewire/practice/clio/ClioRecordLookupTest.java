package com.casewire.practice.clio;

import com.casewire.support.TestVendorRoutes;
import static com.casewire.support.ClioFixtures.authed;
import static com.casewire.support.ClioFixtures.json;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.casewire.practice.PracticeLedger;
import com.casewire.practice.PracticeManagement;
import com.casewire.practice.PracticeRecordMarker;
import com.casewire.support.ClioFixtures;
import com.casewire.support.TestHubProperties;
import com.casewire.vendor.VendorException;
import com.casewire.vendor.VendorHttp;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Looking up a note, task or communication whose send has an unknown outcome, against a stub holding to Clio's
 * contract: the list endpoints and filters of Clio's spec (GET /notes.json, /tasks.json, /communications.json with
 * matter_id, created_since, fields; cursor pages over meta.paging.next, order=id(asc)), Bearer token and X-API-VERSION
 * required, Clio's error body. Found on the second page: its id; not there: empty; a failed listing: a transient
 * error, never "not there".
 */
class ClioRecordLookupTest {

    private static final String KEY = "status:1001:hearing:note";
    private static final Instant SINCE = Instant.parse("2026-03-02T14:55:00Z");

    private final WireMockServer clio = new WireMockServer(options().dynamicPort());
    private PracticeManagement practice;
    private PracticeLedger ledger;

    @BeforeEach
    void start() {
        clio.start();
        ClioFixtures.refuseUnauthenticated(clio);
        TestHubProperties hub = TestHubProperties.with(Map.of("hub.clio.base-url", clio.baseUrl() + "/api/v4",
                "hub.clio.access-token", ClioFixtures.ACCESS_TOKEN, "hub.firm.time-zone", "America/New_York"));
        ClioClient client = new ClioClient(hub.clio(), new VendorHttp(Duration.ofSeconds(5), Clock.systemUTC()),
                TestVendorRoutes.forClio(hub.clio().baseUrl()), new ObjectMapper());
        practice = new ClioPracticeManagement(client,
                new ClioMatters(client, hub.notifications(), hub.statusUpdates()), hub.notifications());
        ledger = new ClioPracticeLedger(client, hub.firm(), hub.notifications());
    }

    @AfterEach
    void stop() {
        clio.stop();
    }



    private String page(String data, String next) {
        return "{\"data\":[" + data + "],\"meta\":{\"paging\":{" + (next == null ? "" : "\"next\":\"" + clio.baseUrl() + next + "\"") + "}}}";
    }

    private static String note(long id, String detail) {
        return "{\"id\":" + id + ",\"subject\":\"Client update sent by SMS\",\"detail\":" + quote(detail) + "}";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** The first page of the matter's notes created since the look-up's start, with the documented filters. */
    private MappingBuilder firstNotesPage() {
        return authed(get(urlPathEqualTo("/api/v4/notes.json")))
                .withQueryParam("matter_id", equalTo("1001")).withQueryParam("type", equalTo("Matter"))
                .withQueryParam("created_since", equalTo("2026-03-02T14:55:00Z"))
                .withQueryParam("fields", equalTo("id,subject,detail"))
                .withQueryParam("order", equalTo("id(asc)")).withQueryParam("page_token", absent());
    }

    @Test
    void aNoteCarryingTheMarkerOnTheSecondPageIsFound() {
        clio.stubFor(firstNotesPage().willReturn(json(200, page(
                note(7001, "Written by a person") + "," + note(7002, PracticeRecordMarker.append("Other update", "status:1001:other:note")),
                "/api/v4/notes.json?matter_id=1001&type=Matter&page_token=n2"))));
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/notes.json"))).withQueryParam("page_token", equalTo("n2"))
                .willReturn(json(200, page(note(7003, PracticeRecordMarker.append("Sent by SMS to Jane Doe", KEY)), null))));

        assertThat(practice.findMatterNote("1001", KEY, SINCE)).contains("7003");
        assertThat(clio.findAll(getRequestedFor(urlPathEqualTo("/api/v4/notes.json")))).hasSize(2);
    }

    @Test
    void noNoteCarryingTheMarkerIsEmpty() {
        clio.stubFor(firstNotesPage().willReturn(json(200, page(note(7001, "Written by a person") + ","
                + note(7002, PracticeRecordMarker.append("Other update", "status:1001:other:note")), null))));

        assertThat(practice.findMatterNote("1001", KEY, SINCE)).isEmpty();
    }

    @Test
    void aRateLimitedListingIsATransientErrorNotAnEmptyAnswer() {
        clio.stubFor(firstNotesPage().willReturn(json(429, ClioFixtures.clioError("RateLimited", "Rate limit exceeded"))
                .withHeader("Retry-After", "1")));

        assertThatThrownBy(() -> practice.findMatterNote("1001", KEY, SINCE)).isInstanceOf(VendorException.class)
                .satisfies(e -> {
                    assertThat(((VendorException) e).isTransient()).isTrue();
                    assertThat(((VendorException) e).httpStatus()).isEqualTo(429);
                });
    }

    @Test
    void aServerErrorOnTheSecondPageIsATransientErrorNotAnEmptyAnswer() {
        clio.stubFor(firstNotesPage().willReturn(json(200, page(note(7001, "Written by a person"),
                "/api/v4/notes.json?page_token=n2"))));
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/notes.json"))).withQueryParam("page_token", equalTo("n2"))
                .willReturn(json(500, "{\"error\":{\"type\":\"InternalServerError\",\"message\":\"Something went wrong\"}}")));

        assertThatThrownBy(() -> practice.findMatterNote("1001", KEY, SINCE)).isInstanceOf(VendorException.class)
                .satisfies(e -> assertThat(((VendorException) e).isTransient()).isTrue());
    }

    @Test
    void aListingWithoutADataListIsAnErrorNotAnEmptyAnswer() {
        clio.stubFor(firstNotesPage().willReturn(json(200, "{\"meta\":{\"paging\":{}}}")));

        assertThatThrownBy(() -> practice.findMatterNote("1001", KEY, SINCE)).isInstanceOf(VendorException.class);
    }

    @Test
    void aTaskOnTheMatterCarryingTheMarkerOnTheSecondPageIsFound() {
        String key = "intake:lead-7:callback";
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/tasks.json"))).withQueryParam("matter_id", equalTo("1001"))
                .withQueryParam("created_since", equalTo("2026-03-02T14:55:00Z"))
                .withQueryParam("fields", equalTo("id,name,description")).withQueryParam("order", equalTo("id(asc)"))
                .withQueryParam("page_token", absent())
                .willReturn(json(200, page("{\"id\":88,\"name\":\"Call back lead\",\"description\":\"By hand\"}",
                        "/api/v4/tasks.json?page_token=t2"))));
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/tasks.json"))).withQueryParam("page_token", equalTo("t2"))
                .willReturn(json(200, page("{\"id\":89,\"name\":\"Call back lead\",\"description\":"
                        + quote(PracticeRecordMarker.append("Missed call at 9:02", key)) + "}", null))));

        assertThat(practice.findTask(new PracticeManagement.NewTask("Call back lead",
                PracticeRecordMarker.append("Missed call at 9:02", key), "42", "1001", null), key, SINCE)).contains("89");
    }

    @Test
    void aTaskWithoutAMatterIsLookedUpByItsAssignee() {
        String key = "intake:lead-8:callback";
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/tasks.json"))).withQueryParam("matter_id", absent())
                .withQueryParam("assignee_id", equalTo("42")).withQueryParam("assignee_type", equalTo("user"))
                .withQueryParam("created_since", equalTo("2026-03-02T14:55:00Z"))
                .willReturn(json(200, page("{\"id\":90,\"name\":\"Call back lead\",\"description\":\"Someone else's\"}", null))));

        assertThat(practice.findTask(new PracticeManagement.NewTask("Call back lead", "x", "42", null, null), key, SINCE))
                .isEmpty();
    }

    @Test
    void aCommunicationIsFoundByItsCasewireKeyExternalProperty() {
        String key = "intake:lead-9:sms-log";
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/communications.json"))).withQueryParam("matter_id", equalTo("1001"))
                .withQueryParam("created_since", equalTo("2026-03-02T14:55:00Z"))
                .withQueryParam("fields", equalTo("id,external_properties{name,value}"))
                .withQueryParam("order", equalTo("id(asc)")).withQueryParam("page_token", absent())
                .willReturn(json(200, page("""
                        {"id":301,"external_properties":[]},
                        {"id":302,"external_properties":[{"name":"casewire_key","value":"intake:lead-9:sms-log-2"}]}""",
                        "/api/v4/communications.json?page_token=c2"))));
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/communications.json"))).withQueryParam("page_token", equalTo("c2"))
                .willReturn(json(200, page("""
                        {"id":303,"external_properties":[{"name":"other","value":"x"},{"name":"casewire_key","value":"intake:lead-9:sms-log"}]}""",
                        null))));

        assertThat(ledger.findCommunication(communication(key), SINCE)).contains("303");
    }

    @Test
    void aCommunicationNotThereIsEmptyAndAFailedListingIsTransient() {
        String key = "intake:lead-9:sms-log";
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/communications.json"))).withQueryParam("matter_id", equalTo("1001"))
                .willReturn(json(200, page("{\"id\":301,\"external_properties\":[]}", null))));
        assertThat(ledger.findCommunication(communication(key), SINCE)).isEqualTo(Optional.empty());

        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/communications.json"))).atPriority(0)
                .willReturn(json(503, ClioFixtures.clioError("ServiceUnavailable", "Try again later"))));
        assertThatThrownBy(() -> ledger.findCommunication(communication(key), SINCE)).isInstanceOf(VendorException.class)
                .satisfies(e -> assertThat(((VendorException) e).isTransient()).isTrue());
    }

    private static PracticeLedger.NewCommunication communication(String key) {
        return new PracticeLedger.NewCommunication(PracticeLedger.CommunicationKind.PHONE, "1001", "Text to lead",
                "We missed your call", Instant.parse("2026-03-02T15:00:00Z"), List.of(),
                List.of(new PracticeLedger.Party("501", PracticeLedger.PartyType.CONTACT)), key);
    }
}
