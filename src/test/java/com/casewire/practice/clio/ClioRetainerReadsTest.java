package com.casewire.practice.clio;

import static com.casewire.support.ClioFixtures.authed;
import static com.casewire.support.ClioFixtures.json;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.practice.PracticeLedger;
import com.casewire.support.ClioFixtures;
import com.casewire.support.TestHubProperties;
import com.casewire.support.TestVendorRoutes;
import com.casewire.vendor.VendorHttp;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the retainer workflow reads through {@link PracticeLedger} on Clio, against a stub that holds to Clio's contract
 * (shared/vendor-apis.md §1.2, §1.3): matters with their account balances, custom field values, a contact, users'
 * rates and unbilled activities, with the documented paths, filters, nested fields and cursor pages.
 */
class ClioRetainerReadsTest {

    private final WireMockServer clio = new WireMockServer(options().dynamicPort());
    private PracticeLedger ledger;

    @BeforeEach
    void start() {
        clio.start();
        ClioFixtures.refuseUnauthenticated(clio);
        TestHubProperties hub = TestHubProperties.with(Map.of("hub.clio.base-url", clio.baseUrl() + "/api/v4",
                "hub.clio.access-token", ClioFixtures.ACCESS_TOKEN));
        ClioClient client = new ClioClient(hub.clio(), new VendorHttp(Duration.ofSeconds(5), Clock.systemUTC()),
                TestVendorRoutes.forClio(hub.clio().baseUrl()), new ObjectMapper());
        ledger = new ClioPracticeLedger(client, hub.firm(), hub.notifications());
    }

    @AfterEach
    void stop() {
        clio.stop();
    }

    @Test
    void openMattersWithATrustEntryOverTwoPages() {
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/matters.json"))).withQueryParam("status", equalTo("open"))
                .withQueryParam("fields", equalTo("id,account_balances{id,type,name,balance}"))
                .withQueryParam("order", equalTo("id(asc)"))
                .willReturn(json(200, """
                        {"data":[{"id":1,"account_balances":[{"id":5,"type":"Trust","name":"IOLTA","balance":0}]},\
                        {"id":2,"account_balances":[{"id":6,"type":"Operating","name":"Operating","balance":80.5}]}],\
                        "meta":{"paging":{"next":"%s/api/v4/matters.json?page_token=p2"}}}""".formatted(clio.baseUrl()))));
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/matters.json"))).withQueryParam("page_token", equalTo("p2"))
                .willReturn(json(200, """
                        {"data":[{"id":3,"account_balances":[]},{"id":4,"account_balances":[{"id":5,"type":"Trust","balance":"12.00"}]}],\
                        "meta":{"paging":{}}}""")));

        // a trust account at zero is a matter to watch (it ran dry); one with only an operating account is not
        assertThat(ledger.mattersWithTrustBalances()).containsExactly("1", "4");
    }

    @Test
    void customFieldsByNameWithAContactFieldAsItsId() {
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/matters/77.json")))
                .withQueryParam("fields", equalTo("id,custom_field_values{id,field_name,field_type,value}"))
                .willReturn(json(200, """
                        {"data":{"id":77,"custom_field_values":[\
                        {"id":"cf-1","field_name":"Retainer threshold ","field_type":"text_line","value":"25%"},\
                        {"id":"cf-2","field_name":"Billing contact","field_type":"contact","value":{"id":650,"name":"Pat"}},\
                        {"id":"cf-3","field_name":"Agreed retainer","field_type":"currency","value":10000.0},\
                        {"id":"cf-4","field_name":"Retainer type","field_type":"text_line","value":null},\
                        {"id":"cf-5","field_name":"Old field","field_type":"text_line","value":"x","soft_deleted":true}]}}""")));

        assertThat(ledger.matterCustomFields("77")).containsExactly(Map.entry("Retainer threshold", "25%"),
                Map.entry("Billing contact", "650"), Map.entry("Agreed retainer", "10000.0"));
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/matters/78.json")))
                .willReturn(json(404, ClioFixtures.clioError("RecordNotFound", "Matter could not be found"))));
        assertThat(ledger.matterCustomFields("78")).isEmpty(); // a matter Clio does not know has none
    }

    @Test
    void aContactByIdAndNoneForAValueThatIsNotAnId() {
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/contacts/650.json")))
                .willReturn(json(200, """
                        {"data":{"id":650,"name":"Pat Payer","first_name":"Pat","primary_email_address":"pat@example.com",\
                        "primary_phone_number":"(201) 555-0177"}}""")));
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/contacts/651.json")))
                .willReturn(json(404, ClioFixtures.clioError("RecordNotFound", "Contact could not be found"))));

        assertThat(ledger.contact("650")).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("Pat Payer");
            assertThat(c.email()).isEqualTo("pat@example.com");
            assertThat(c.mobilePhone()).isEqualTo("+12015550177");
        });
        assertThat(ledger.contact("651")).isEmpty();
        assertThat(ledger.contact("Pat Payer")).isEmpty();
        assertThat(clio.getAllServeEvents()).hasSize(2); // the name was never sent to Clio
    }

    @Test
    void aUsersRateAndUnbilledWorkInCents() {
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/users.json"))).withQueryParam("enabled", equalTo("true"))
                .withQueryParam("fields", equalTo("id,rate"))
                .willReturn(json(200, """
                        {"data":[{"id":77,"rate":350.5},{"id":78,"rate":null},{"id":79}],"meta":{"paging":{}}}""")));
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/activities.json"))).withQueryParam("matter_id", equalTo("77"))
                .withQueryParam("status", equalTo("unbilled"))
                .withQueryParam("fields", equalTo("id,type,total,billed,non_billable"))
                .willReturn(json(200, """
                        {"data":[{"id":1,"type":"TimeEntry","total":600.0,"billed":false,"non_billable":false},\
                        {"id":2,"type":"ExpenseEntry","total":"45.25","billed":false,"non_billable":false},\
                        {"id":3,"type":"TimeEntry","total":90.0,"billed":false,"non_billable":true},\
                        {"id":4,"type":"TimeEntry","total":10.0,"billed":true,"non_billable":false}],"meta":{"paging":{}}}""")));

        assertThat(ledger.hourlyRateCents("77")).hasValue(35_050);
        assertThat(ledger.hourlyRateCents("78")).isEmpty();
        assertThat(ledger.hourlyRateCents("80")).isEmpty();
        assertThat(ledger.unbilledCents("77")).isEqualTo(64_525);
    }
}
