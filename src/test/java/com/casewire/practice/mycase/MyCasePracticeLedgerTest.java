package com.casewire.practice.mycase;

import static com.casewire.practice.mycase.MyCaseFixtures.ACCESS_TOKEN;
import static com.casewire.practice.mycase.MyCaseFixtures.array;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.casewire.canonical.CalendarEvent;
import com.casewire.canonical.Invoice;
import com.casewire.canonical.StaffMember;
import com.casewire.canonical.TimeEntry;
import com.casewire.canonical.TrustBalance;
import com.casewire.practice.LedgerOperationUnavailable;
import com.casewire.practice.PracticeLedger;
import com.casewire.support.TestClock;
import com.casewire.support.TestHubProperties;
import com.casewire.vendor.VendorException;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PracticeLedger port on MyCase against a stub that requires the Bearer token (401 otherwise) and serves only
 * the reported paths: /time_entries, /invoices, /staff, /me, /events and POST /cases/{id}/notes.
 */
class MyCasePracticeLedgerTest {

    private final WireMockServer mycase = new WireMockServer(options().dynamicPort());
    private final TestClock clock = new TestClock();

    @BeforeEach
    void start() {
        mycase.start();
        mycase.stubFor(get(urlPathMatching("/v1/.*")).atPriority(10).willReturn(aResponse().withStatus(401).withBody("Unauthorized")));
        mycase.stubFor(post(urlPathMatching("/v1/.*")).atPriority(10).willReturn(aResponse().withStatus(401).withBody("Unauthorized")));
    }

    @AfterEach
    void stop() {
        mycase.stop();
    }

    private PracticeLedger ledger(Map<String, String> overrides) {
        Map<String, String> p = new java.util.HashMap<>(Map.of("hub.firm.time-zone", "America/New_York",
                "hub.mycase.page-size", "3"));
        p.putAll(overrides);
        TestHubProperties hub = MyCaseFixtures.hub(mycase.baseUrl(), p);
        return new MyCasePracticeLedger(MyCaseFixtures.client(hub, clock, MyCaseFixtures.database()), hub.mycase(), hub.firm(),
                clock);
    }

    private static MappingBuilder authorized(MappingBuilder request) {
        return request.atPriority(5).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    @Test
    void timeEntriesAreListedSinceTheLookBackAcrossPagesAndKeptByDateStaffAndCase() {
        // 2026-03-02 starts at 05:00Z in New York; 31 days before that
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/time_entries")))
                .withQueryParam("filter[updated_after]", equalTo("2026-01-30T05:00:00Z"))
                .withQueryParam("page_size", equalTo("3")).withQueryParam("page_token", absent())
                .willReturn(json(200, array(
                        MyCaseFixtures.timeEntry(1, "2026-03-02", "1.5", "300", 2001L, 77, true, "2026-03-02T20:00:00Z"),
                        MyCaseFixtures.timeEntry(2, "2026-03-01", "2", "300", 2001L, 77, true, "2026-03-02T20:00:00Z")))
                        .withHeader("Link", "<" + mycase.baseUrl() + "/v1/time_entries?page_token=p2&page_size=3>; rel=\"next\"")));
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/time_entries"))).withQueryParam("page_token", equalTo("p2"))
                .willReturn(json(200, array(
                        MyCaseFixtures.timeEntry(3, "2026-03-03", "0.25", "200", 2002L, 77, false, "2026-03-04T09:00:00Z"),
                        MyCaseFixtures.timeEntry(4, "2026-03-02", "1", "300", 2001L, 78, true, "2026-03-02T21:00:00Z")))));
        PracticeLedger ledger = ledger(Map.of());

        List<TimeEntry> all = ledger.timeEntries(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 3), null, null);
        List<TimeEntry> alexOnOne = ledger.timeEntries(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 3), "77", "2001");

        assertThat(all).extracting(TimeEntry::id).containsExactly("1", "4", "3");
        assertThat(all.get(0).seconds()).isEqualTo(5400);
        assertThat(all.get(0).totalCents()).isEqualTo(45000);
        assertThat(all.get(2).seconds()).isEqualTo(900);
        assertThat(all.get(2).nonBillable()).isTrue();
        assertThat(alexOnOne).extracting(TimeEntry::id).containsExactly("1");
    }

    @Test
    void overdueInvoicesAreThoseOwedPastTheirDueDateInTheFirmsZone() {
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/invoices"))).willReturn(json(200, array(
                MyCaseFixtures.invoice(88, "INV-88", "sent", "2026-02-14", "1500.00", "1234.50", 2001),
                MyCaseFixtures.invoice(89, "INV-89", "sent", "2026-02-15", "900.00", "900.00", 2002)))
                .withHeader("Link", "<" + mycase.baseUrl() + "/v1/invoices?page_token=p2>; rel=\"next\"")));
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/invoices"))).withQueryParam("page_token", equalTo("p2"))
                .willReturn(json(200, array(
                        MyCaseFixtures.invoice(90, "INV-90", "paid", "2026-01-10", "500.00", "0", 2001),
                        MyCaseFixtures.invoice(91, "INV-91", "void", "2026-01-10", "500.00", "500.00", 2001)))));
        PracticeLedger ledger = ledger(Map.of());

        // 03:00Z on the 16th is still the 15th in New York: INV-89 is due today, not overdue
        clock.setTo(Instant.parse("2026-02-16T03:00:00Z"));
        List<Invoice> lateEvening = ledger.overdueInvoices();
        clock.setTo(Instant.parse("2026-02-16T14:00:00Z"));
        List<Invoice> nextMorning = ledger.overdueInvoices();

        assertThat(lateEvening).extracting(Invoice::number).containsExactly("INV-88");
        assertThat(lateEvening.get(0).balanceCents()).isEqualTo(123450);
        assertThat(lateEvening.get(0).matterIds()).containsExactly("2001");
        assertThat(nextMorning).extracting(Invoice::number).containsExactly("INV-88", "INV-89");
    }

    @Test
    void staffAreTheActiveOnesAndTheCurrentUserComesFromMe() {
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/staff"))).willReturn(json(200, array(
                MyCaseFixtures.staff(77, "Alex", "Counsel", "alex@firm.example"),
                MyCaseFixtures.staff(78, "Former", "Clerk", "former@firm.example").replace("\"active\":true", "\"active\":false")))));
        mycase.stubFor(authorized(get(urlEqualTo("/v1/me")))
                .willReturn(json(200, MyCaseFixtures.staff(77, "Alex", "Counsel", "alex@firm.example"))));
        PracticeLedger ledger = ledger(Map.of());

        assertThat(ledger.staff()).containsExactly(new StaffMember("77", "Alex Counsel", "alex@firm.example"));
        assertThat(ledger.currentUser()).isEqualTo(new StaffMember("77", "Alex Counsel", "alex@firm.example"));
    }

    @Test
    void calendarEntriesAskForTheDatesADayWiderAndKeepTheEventsThatOverlap() {
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/events")))
                .withQueryParam("filter[start_date]", equalTo("2026-03-01"))
                .withQueryParam("filter[end_date]", equalTo("2026-03-04"))
                .willReturn(json(200, array(
                        MyCaseFixtures.event(31, "Deposition", "2026-03-02T14:00:00-05:00", "2026-03-02T15:30:00-05:00", 2001L),
                        MyCaseFixtures.event(32, "Yesterday's call", "2026-03-01T09:00:00-05:00", "2026-03-01T09:30:00-05:00", null)))));
        PracticeLedger ledger = ledger(Map.of());

        List<CalendarEvent> events = ledger.calendarEntries(Instant.parse("2026-03-02T05:00:00Z"),
                Instant.parse("2026-03-03T05:00:00Z"));

        assertThat(events).extracting(CalendarEvent::id).containsExactly("31");
        assertThat(events.get(0).matterId()).isEqualTo("2001");
        assertThat(events.get(0).end()).isEqualTo(Instant.parse("2026-03-02T20:30:00Z"));
    }

    @Test
    void withTheDateFiltersSwitchedOffEventsAreFilteredOnlyByTheHub() {
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/events")))
                .withQueryParam("filter[start_date]", absent()).withQueryParam("filter[end_date]", absent())
                .willReturn(json(200, array(
                        MyCaseFixtures.event(31, "Deposition", "2026-03-02T14:00:00-05:00", "2026-03-02T15:30:00-05:00", 2001L)))));

        assertThat(ledger(Map.of("hub.mycase.events-start-param", "", "hub.mycase.events-end-param", ""))
                .calendarEntries(Instant.parse("2026-03-02T05:00:00Z"), Instant.parse("2026-03-03T05:00:00Z")))
                .hasSize(1);
    }

    @Test
    void trustBalancesAreNotAvailableUnlessAnEndpointIsConfigured() {
        PracticeLedger ledger = ledger(Map.of());

        assertThatThrownBy(() -> ledger.trustBalances("2001")).isInstanceOf(LedgerOperationUnavailable.class)
                .hasMessageContaining("trust balances not available on mycase").hasMessageContaining("hub.mycase.trust-balances-path");
        assertThatThrownBy(() -> ledger.trustTransactions("2001")).isInstanceOf(LedgerOperationUnavailable.class);
        assertThat(mycase.getAllServeEvents()).isEmpty();
    }

    @Test
    void aConfiguredTrustBalanceEndpointIsReadForTheCase() {
        // a path the firm has confirmed with MyCase; this one is made up for the test
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/firm-confirmed/2001/trust")))
                .willReturn(json(200, "[{\"id\":5,\"name\":\"IOLTA\",\"balance\":2500.1}]")));

        List<TrustBalance> balances = ledger(Map.of("hub.mycase.trust-balances-path", "/firm-confirmed/{case_id}/trust"))
                .trustBalances("2001");

        assertThat(balances).containsExactly(new TrustBalance("2001", "5", "IOLTA", 250010));
    }

    @Test
    void aCommunicationIsANoteOnTheCaseWithWhoHowWhenAndItsReference() {
        mycase.stubFor(authorized(post(urlEqualTo("/v1/cases/2001/notes")))
                .withRequestBody(matchingJsonPath("$.subject", equalTo("Case update")))
                .withRequestBody(matchingJsonPath("$.date", equalTo("2026-03-02")))
                .willReturn(json(201, "{\"id\":8802,\"subject\":\"Case update\"}")));

        // 02:30Z on the 3rd is still the 2nd in New York
        String id = ledger(Map.of()).logCommunication(new PracticeLedger.NewCommunication(
                PracticeLedger.CommunicationKind.EMAIL, "2001", "Case update", "Your hearing is set.",
                Instant.parse("2026-03-03T02:30:00Z"), List.of(new PracticeLedger.Party("77", PracticeLedger.PartyType.USER)),
                List.of(new PracticeLedger.Party("501", PracticeLedger.PartyType.CONTACT)), "status:2001:hearing"));

        assertThat(id).isEqualTo("8802");
        String note = mycase.findAll(postRequestedFor(urlEqualTo("/v1/cases/2001/notes"))).get(0).getBodyAsString();
        assertThat(note).contains("Your hearing is set.")
                .contains("-- Email from staff 77 to contact 501, 2026-03-02 21:30 America/New_York")
                .contains("ref status:2001:hearing");
    }

    @Test
    void aCommunicationWithoutACaseFailsPermanentlyWithoutCallingMyCase() {
        assertThatThrownBy(() -> ledger(Map.of()).logCommunication(new PracticeLedger.NewCommunication(
                PracticeLedger.CommunicationKind.PHONE, null, "", "Returned the call", Instant.parse("2026-03-02T15:00:00Z"),
                List.of(), List.of(), "k")))
                .isInstanceOfSatisfying(VendorException.class, e -> assertThat(e.isTransient()).isFalse());
        assertThat(mycase.findAll(postRequestedFor(urlPathMatching("/v1/.*")))).isEmpty();
        assertThat(mycase.findAll(getRequestedFor(urlPathMatching("/v1/.*")))).isEmpty();
    }
}
