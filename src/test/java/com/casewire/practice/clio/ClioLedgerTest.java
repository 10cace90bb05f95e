package com.casewire.practice.clio;

import com.casewire.support.TestVendorRoutes;
import static com.casewire.support.ClioFixtures.authed;
import static com.casewire.support.ClioFixtures.json;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.casewire.canonical.CalendarEvent;
import com.casewire.canonical.Invoice;
import com.casewire.canonical.StaffMember;
import com.casewire.canonical.TimeEntry;
import com.casewire.canonical.TrustBalance;
import com.casewire.canonical.TrustTransaction;
import com.casewire.practice.PracticeLedger;
import com.casewire.support.ClioFixtures;
import com.casewire.support.TestHubProperties;
import com.casewire.vendor.VendorException;
import com.casewire.vendor.VendorHttp;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger operations against a stub that holds to Clio's contract (shared/vendor-apis.md §1.3): Bearer token and
 * X-API-VERSION required (401 with Clio's error body otherwise), the documented paths, filters and field names, data
 * envelopes, cursor pages over meta.paging.next.
 */
class ClioLedgerTest {

    private final WireMockServer clio = new WireMockServer(options().dynamicPort());
    private ClioLedgerCalls calls;
    private PracticeLedger ledger;

    @BeforeEach
    void start() {
        clio.start();
        // anything not matched by an authenticated, versioned stub below is refused as Clio refuses it
        ClioFixtures.refuseUnauthenticated(clio);
        TestHubProperties hub = TestHubProperties.with(Map.of("hub.clio.base-url", clio.baseUrl() + "/api/v4",
                "hub.clio.access-token", ClioFixtures.ACCESS_TOKEN, "hub.firm.time-zone", "America/New_York"));
        ClioClient client = new ClioClient(hub.clio(), new VendorHttp(Duration.ofSeconds(5), Clock.systemUTC()),
                TestVendorRoutes.forClio(hub.clio().baseUrl()), new ObjectMapper());
        calls = new ClioLedgerCalls(client);
        ledger = new ClioPracticeLedger(client, hub.firm(), hub.notifications());
    }

    @AfterEach
    void stop() {
        clio.stop();
    }



    private String page(String data, String next) {
        return "{\"data\":[" + data + "],\"meta\":{\"paging\":{" + (next == null ? "" : "\"next\":\"" + clio.baseUrl() + next + "\"") + "}}}";
    }

    @Test
    void timeEntriesFollowThreePagesAndReadQuantityInSeconds() {
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/activities.json")))
                .withQueryParam("type", equalTo("TimeEntry"))
                .withQueryParam("start_date", equalTo("2026-03-02")).withQueryParam("end_date", equalTo("2026-03-02"))
                .withQueryParam("user_id", equalTo("77")).withQueryParam("matter_id", absent())
                .withQueryParam("order", equalTo("id(asc)")).withQueryParam("page_token", absent())
                .withQueryParam("fields", containing("quantity"))
                .willReturn(json(200, page("""
                        {"id":1,"etag":"\\"a\\"","type":"TimeEntry","date":"2026-03-02","quantity":5400.0,"price":300.0,
                         "total":450.0,"note":"Deposition prep","billed":false,"non_billable":false,"matter":{"id":1001},"user":{"id":77}}""",
                        "/api/v4/activities.json?page_token=p2"))));
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/activities.json"))).withQueryParam("page_token", equalTo("p2"))
                .willReturn(json(200, page("""
                        {"id":2,"type":"TimeEntry","date":"2026-03-02","quantity":900,"price":300.0,"total":75.0,
                         "billed":false,"non_billable":true,"matter":{"id":1002},"user":{"id":77}}""",
                        "/api/v4/activities.json?page_token=p3"))));
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/activities.json"))).withQueryParam("page_token", equalTo("p3"))
                .willReturn(json(200, page("""
                        {"id":3,"type":"TimeEntry","date":"2026-03-02","quantity":60,"price":250.5,"total":4.18,
                         "billed":true,"non_billable":false,"matter":null,"user":{"id":77}}""", null))));

        List<TimeEntry> entries = ledger.timeEntries(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 2), "77", null);

        assertThat(entries).extracting(TimeEntry::id).containsExactly("1", "2", "3");
        assertThat(entries.get(0)).isEqualTo(new TimeEntry("1", "1001", "77", LocalDate.of(2026, 3, 2), 5400, 30000, 45000,
                "Deposition prep", false, false));
        assertThat(entries.get(1).nonBillable()).isTrue();
        assertThat(entries.get(2).matterId()).isNull();
        assertThat(entries.get(2).rateCents()).isEqualTo(25050);
        assertThat(clio.findAll(getRequestedFor(urlPathEqualTo("/api/v4/activities.json")))).hasSize(3);
    }

    @Test
    void createsATimeEntryWithQuantityInSeconds() {
        clio.stubFor(authed(post(urlPathEqualTo("/api/v4/activities.json")))
                .withRequestBody(equalToJson("""
                        {"data":{"type":"TimeEntry","date":"2026-03-02","quantity":1800.0,"matter":{"id":1001},
                         "user":{"id":77},"note":"Call with client","non_billable":false}}"""))
                .willReturn(json(201, "{\"data\":{\"id\":5501,\"etag\":\"\\\"t1\\\"\"}}")));

        assertThat(calls.createTimeEntry("1001", "77", LocalDate.of(2026, 3, 2), 1800, "Call with client", false))
                .isEqualTo("5501");
    }

    @Test
    void overdueBillsUseTheOverdueOnlyFilterAndKeepAmountsInCents() {
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/bills.json")))
                .withQueryParam("overdue_only", equalTo("true"))
                .withQueryParam("fields", containing("balance"))
                .withQueryParam("fields", containing("client{id,name,first_name,primary_email_address}"))
                .willReturn(json(200, page("""
                        {"id":88,"etag":"\\"b\\"","number":"INV-1001","state":"awaiting_payment","type":"MatterBill",
                         "issued_at":"2026-02-01","due_at":"2026-02-15","balance":1234.5,"due":1500.0,"total":1500.0,"paid":265.5,
                         "client":{"id":501,"name":"Jane Doe","first_name":"Jane","primary_email_address":"jane.doe@example.com"},
                         "matters":[{"id":1001}]}""", null))));

        List<Invoice> overdue = ledger.overdueInvoices();

        assertThat(overdue).containsExactly(new Invoice("88", "INV-1001", "awaiting_payment", LocalDate.of(2026, 2, 1),
                LocalDate.of(2026, 2, 15), 150000, 123450, "501", "Jane Doe", List.of("1001"),
                new com.casewire.canonical.Contact("501", "Jane Doe", "Jane", "jane.doe@example.com", null, null, null)));
        assertThat(overdue.get(0).daysOverdue(LocalDate.of(2026, 2, 22))).isEqualTo(7);
    }

    @Test
    void trustBalancesComeFromTheMattersAccountBalances() {
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/matters/1001.json")))
                .withQueryParam("fields", equalTo("id,account_balances{id,type,name,balance}"))
                .willReturn(json(200, """
                        {"data":{"id":1001,"account_balances":[{"id":11,"type":"Operating","name":"Operating","balance":10.0},
                          {"id":12,"type":"Trust","name":"IOLTA Trust","balance":2500.75}]}}""")));

        assertThat(ledger.trustBalances("1001"))
                .containsExactly(new TrustBalance("1001", "12", "IOLTA Trust", 250075));
    }

    @Test
    void trustTransactionsAreTheMattersMovementsOnTrustAccounts() {
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/bank_accounts.json"))).withQueryParam("type", equalTo("TrustAccount"))
                .willReturn(json(200, page("""
                        {"id":12,"name":"IOLTA Trust","type":"Trust","balance":90000.0,"currency":"USD"}""", null))));
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/bank_transactions.json"))).withQueryParam("matter_id", equalTo("1001"))
                .willReturn(json(200, page("""
                        {"id":702,"bank_account_id":12,"funds_in":0,"funds_out":400.0,"current_account_balance":2100.0,
                         "date":"2026-03-01","description":"Filing fee"},
                        {"id":701,"bank_account_id":12,"funds_in":2500.0,"funds_out":0,"current_account_balance":2500.0,
                         "date":"2026-02-01","description":"Retainer"},
                        {"id":703,"bank_account_id":11,"amount":99.0,"date":"2026-03-01","description":"Operating"}""", null))));

        List<TrustTransaction> movements = ledger.trustTransactions("1001");

        assertThat(movements).containsExactly(
                new TrustTransaction("701", "12", "1001", LocalDate.of(2026, 2, 1), 250000, 250000L, "Retainer"),
                new TrustTransaction("702", "12", "1001", LocalDate.of(2026, 3, 1), -40000, 210000L, "Filing fee"));
    }

    @Test
    void calendarEntriesKeepTheirStringIds() {
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/calendar_entries.json")))
                .withQueryParam("from", equalTo("2026-03-02T00:00:00Z")).withQueryParam("to", equalTo("2026-03-03T00:00:00Z"))
                .willReturn(json(200, page("""
                        {"id":"ce_9001","etag":"\\"c\\"","summary":"Hearing","start_at":"2026-03-02T10:00:00-05:00",
                         "end_at":"2026-03-02T11:30:00-05:00","all_day":false,"calendar_owner_id":301,"time_entries_count":0,
                         "matter":{"id":1001}}""", null))));

        List<CalendarEvent> entries = ledger.calendarEntries(Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-03-03T00:00:00Z"));

        assertThat(entries).containsExactly(new CalendarEvent("ce_9001", "clio:301", "Hearing",
                Instant.parse("2026-03-02T15:00:00Z"), Instant.parse("2026-03-02T16:30:00Z"), null, "1001", List.of(), false));
    }

    @Test
    void createsACalendarEntryOnTheOwnersCalendar() {
        clio.stubFor(authed(post(urlPathEqualTo("/api/v4/calendar_entries.json")))
                .withRequestBody(equalToJson("""
                        {"data":{"summary":"Consultation","start_at":"2026-03-02T10:00:00-05:00","end_at":"2026-03-02T11:00:00-05:00",
                         "calendar_owner":{"id":301},"matter":{"id":1001},
                         "external_properties":[{"name":"casewire_key","value":"booking:42"}]}}"""))
                .willReturn(json(201, "{\"data\":{\"id\":\"ce_9002\",\"etag\":\"\\\"c2\\\"\"}}")));

        assertThat(calls.createCalendarEntry(301, "Consultation", null, "2026-03-02T10:00:00-05:00",
                "2026-03-02T11:00:00-05:00", "1001", "booking:42")).isEqualTo("ce_9002");
    }

    @Test
    void staffAreTheEnabledUsersAndWhoAmIIsTheTokensUser() {
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/users.json"))).withQueryParam("enabled", equalTo("true"))
                .willReturn(json(200, page("""
                        {"id":77,"name":"Alex Counsel","first_name":"Alex","last_name":"Counsel","email":"alex@firm.example",
                         "enabled":true,"subscription_type":"Attorney","time_zone":"Eastern Time (US & Canada)"},
                        {"id":78,"name":"Pat Para","email":"pat@firm.example","enabled":true,"subscription_type":"NonAttorney"}""", null))));
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/users/who_am_i.json")))
                .willReturn(json(200, "{\"data\":{\"id\":77,\"name\":\"Alex Counsel\",\"email\":\"alex@firm.example\"}}")));

        assertThat(ledger.staff()).containsExactly(new StaffMember("77", "Alex Counsel", "alex@firm.example"),
                new StaffMember("78", "Pat Para", "pat@firm.example"));
        assertThat(ledger.currentUser()).isEqualTo(new StaffMember("77", "Alex Counsel", "alex@firm.example"));
    }

    @Test
    void logsACommunicationWithItsParticipantsAndIdempotencyKey() {
        clio.stubFor(authed(post(urlPathEqualTo("/api/v4/communications.json")))
                .withRequestBody(equalToJson("""
                        {"data":{"type":"EmailCommunication","subject":"Case update","body":"Your hearing is set.",
                         "matter":{"id":1001},"date":"2026-03-02","received_at":"2026-03-02T15:00:00Z",
                         "senders":[{"id":77,"type":"User"}],"receivers":[{"id":501,"type":"Contact"}],
                         "external_properties":[{"name":"casewire_key","value":"status:1001:hearing"}]}}"""))
                .willReturn(json(201, "{\"data\":{\"id\":3301,\"etag\":\"\\\"m\\\"\"}}")));

        String id = ledger.logCommunication(new PracticeLedger.NewCommunication(PracticeLedger.CommunicationKind.EMAIL,
                "1001", "Case update", "Your hearing is set.", Instant.parse("2026-03-02T15:00:00Z"),
                List.of(new PracticeLedger.Party("77", PracticeLedger.PartyType.USER)),
                List.of(new PracticeLedger.Party("501", PracticeLedger.PartyType.CONTACT)), "status:1001:hearing"));

        assertThat(id).isEqualTo("3301");
    }

    @Test
    void aRefusedCommunicationSurfacesClioValidationMessage() {
        clio.stubFor(authed(post(urlPathEqualTo("/api/v4/communications.json")))
                .willReturn(json(422, ClioFixtures.clioError("ValidationError", "Subject can't be blank"))));

        assertThatThrownBy(() -> ledger.logCommunication(new PracticeLedger.NewCommunication(
                PracticeLedger.CommunicationKind.PHONE, "1001", "", "Called back", Instant.parse("2026-03-02T15:00:00Z"),
                List.of(), List.of(), null)))
                .isInstanceOf(VendorException.class).hasMessageContaining("422").hasMessageContaining("Subject can't be blank")
                .satisfies(e -> assertThat(((VendorException) e).isTransient()).isFalse());
    }

    @Test
    void olderApiVersionsReportQuantityInHours() {
        assertThat(ClioApiVersion.atLeast("4.0.9", 4, 0, 4)).isTrue();
        assertThat(ClioApiVersion.atLeast("4.0.3", 4, 0, 4)).isFalse();
        assertThat(ClioLedgerMapper.toTimeEntry(new ObjectMapper().createObjectNode().put("id", 1).put("date", "2026-03-02")
                .put("quantity", 1.5), false).seconds()).isEqualTo(5400);
    }
}
