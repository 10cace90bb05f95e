package com.casewire.practice.mycase;

import static com.casewire.practice.mycase.MyCaseFixtures.ACCESS_TOKEN;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.casewire.outbox.OutcomeNeedsOperator;
import com.casewire.practice.PracticeLedger;
import com.casewire.practice.PracticeManagement;
import com.casewire.practice.PracticeRecordMarker;
import com.casewire.support.TestClock;
import com.casewire.support.TestHubProperties;
import com.casewire.vendor.VendorException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MyCase notes, tasks and communications whose send has an unknown outcome, as hub.mycase.unknown-note-outcome and
 * unknown-task-outcome choose (the list contracts are third-party documented): looked up by the hub's marker or ref
 * over the reported list endpoints and their Link-header paging, resent, or left to an operator.
 */
class MyCaseRecordLookupTest {

    private static final Instant SINCE = Instant.parse("2026-03-02T14:55:00Z");
    private final WireMockServer mycase = new WireMockServer(options().dynamicPort());

    @BeforeEach
    void start() {
        mycase.start();
        mycase.stubFor(get(urlPathMatching("/v1/.*")).atPriority(10).willReturn(aResponse().withStatus(401).withBody("Unauthorized")));
    }

    @AfterEach
    void stop() {
        mycase.stop();
    }

    private TestHubProperties hub(String noteOutcome, String taskOutcome) {
        Map<String, String> p = new HashMap<>();
        if (noteOutcome != null) {
            p.put("hub.mycase.unknown-note-outcome", noteOutcome);
        }
        if (taskOutcome != null) {
            p.put("hub.mycase.unknown-task-outcome", taskOutcome);
        }
        return MyCaseFixtures.hub(mycase.baseUrl(), p);
    }

    private PracticeManagement practice(TestHubProperties hub) {
        MyCaseClient client = MyCaseFixtures.client(hub, new TestClock(), MyCaseFixtures.database());
        return new MyCasePracticeManagement(client, new MyCaseMatters(client, hub.mycase(), hub.notifications()),
                new ObjectMapper(), hub.mycase(), hub.firm());
    }

    private static MappingBuilder authorized(MappingBuilder request) {
        return request.atPriority(5).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    @Test
    void byDefaultANoteIsResentWithoutAskingMyCase() {
        assertThat(MyCaseProperties.UnknownOutcome.RESEND).isEqualTo(hub(null, null).mycase().unknownNoteOutcome());

        assertThat(practice(hub(null, null)).findMatterNote("2001", "k", SINCE)).isEmpty();
        assertThat(mycase.getAllServeEvents()).isEmpty();
    }

    @Test
    void lookedUpANoteCarryingTheMarkerIsFoundOnTheSecondPage() {
        String key = "status:2001:hearing:note";
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/cases/2001/notes"))).withQueryParam("page_token", absent())
                .willReturn(json(200, "[{\"id\":11,\"subject\":\"By hand\",\"note\":\"Called the client\"}]")
                        .withHeader("Link", "<" + mycase.baseUrl() + "/v1/cases/2001/notes?page_token=p2>; rel=\"next\"")));
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/cases/2001/notes"))).withQueryParam("page_token", equalTo("p2"))
                .willReturn(json(200, "[{\"id\":12,\"subject\":\"Client update\",\"note\":"
                        + quote(PracticeRecordMarker.append("Sent by SMS", key)) + "}]")));

        assertThat(practice(hub("look-up", null)).findMatterNote("2001", key, SINCE)).contains("12");
    }

    @Test
    void lookedUpAFailedListingIsAnErrorNotAnEmptyAnswer() {
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/cases/2001/notes")))
                .willReturn(json(503, "{\"message\":\"Service unavailable\"}")));

        assertThatThrownBy(() -> practice(hub("look-up", null)).findMatterNote("2001", "k", SINCE))
                .isInstanceOf(VendorException.class).satisfies(e -> assertThat(((VendorException) e).isTransient()).isTrue());
    }

    @Test
    void byDefaultATaskIsLookedUpAmongTasksChangedSinceTheAttempt() {
        String key = "intake:lead-7:callback";
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/tasks")))
                .withQueryParam("filter[updated_after]", equalTo("2026-03-02T14:55:00Z"))
                .willReturn(json(200, "[{\"id\":41,\"name\":\"Call back lead\",\"description\":\"By hand\"},"
                        + "{\"id\":42,\"name\":\"Call back lead\",\"description\":"
                        + quote(PracticeRecordMarker.append("Missed call at 9:02", key)) + "}]")));
        PracticeManagement.NewTask task = new PracticeManagement.NewTask("Call back lead", "x", "77", null, null);

        assertThat(practice(hub(null, null)).findTask(task, key, SINCE)).contains("42");
        assertThat(practice(hub(null, null)).findTask(task, "intake:lead-8:callback", SINCE)).isEmpty();
    }

    @Test
    void tasksListedWithoutADescriptionAreLeftToAnOperatorNotReadAsAbsent() {
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/tasks")))
                .willReturn(json(200, "[{\"id\":41,\"name\":\"Call back lead\",\"completed\":false}]")));

        assertThatThrownBy(() -> practice(hub(null, null)).findTask(
                new PracticeManagement.NewTask("Call back lead", "x", "77", null, null), "k", SINCE))
                .isInstanceOf(OutcomeNeedsOperator.class).hasMessageContaining("description");
    }

    @Test
    void withOperatorChosenNothingIsAskedAndAPersonDecides() {
        assertThatThrownBy(() -> practice(hub(null, "operator")).findTask(
                new PracticeManagement.NewTask("Call back lead", "x", "77", null, null), "k", SINCE))
                .isInstanceOf(OutcomeNeedsOperator.class).hasMessageContaining("hub.mycase.unknown-task-outcome=operator");
        assertThat(mycase.getAllServeEvents()).isEmpty();
    }

    @Test
    void aCommunicationIsTheCaseNoteNamingItsKeyAsRef() {
        TestHubProperties hub = hub("look-up", null);
        PracticeLedger ledger = new MyCasePracticeLedger(MyCaseFixtures.client(hub, new TestClock(),
                MyCaseFixtures.database()), hub.mycase(), hub.firm(), new TestClock());
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/cases/2001/notes"))).willReturn(json(200, """
                [{"id":21,"note":"Hello\\n\\n-- Phone call or text to 501, 2026-03-02 09:00 America/New_York. Logged by CaseWire, ref k:10."},
                 {"id":22,"note":"Hello\\n\\n-- Phone call or text to 501, 2026-03-02 09:00 America/New_York. Logged by CaseWire, ref k:1."}]""")));

        assertThat(ledger.findCommunication(new PracticeLedger.NewCommunication(PracticeLedger.CommunicationKind.PHONE,
                "2001", "", "Hello", Instant.parse("2026-03-02T15:00:00Z"), List.of(), List.of(), "k:1"), SINCE))
                .contains("22");
    }
}
