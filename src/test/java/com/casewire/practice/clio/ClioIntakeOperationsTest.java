package com.casewire.practice.clio;

import com.casewire.support.TestVendorRoutes;
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

import com.casewire.canonical.Contact;
import com.casewire.canonical.Matter;
import com.casewire.practice.PracticeManagement;
import com.casewire.support.ClioFixtures;
import com.casewire.support.TestHubProperties;
import com.casewire.vendor.VendorException;
import com.casewire.vendor.VendorHttp;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contact and matter search, task, contact and matter creation on Clio, against a stub holding to Clio's contract. */
class ClioIntakeOperationsTest {

    private final WireMockServer clio = new WireMockServer(options().dynamicPort());
    private PracticeManagement pm;

    @BeforeEach
    void start() {
        clio.start();
        TestHubProperties hub = TestHubProperties.with(Map.of("hub.clio.base-url", clio.baseUrl() + "/api/v4",
                "hub.clio.access-token", ClioFixtures.ACCESS_TOKEN, "hub.clio.requests-per-minute", "6000"));
        ObjectMapper json = new ObjectMapper();
        ClioClient client = new ClioClient(hub.clio(), new VendorHttp(Duration.ofSeconds(5), Clock.systemUTC()),
                TestVendorRoutes.forClio(hub.clio().baseUrl()), json);
        pm = new ClioPracticeManagement(client,
                new ClioMatters(client, hub.notifications(), hub.statusUpdates()), hub.notifications());
    }

    @AfterEach
    void stop() {
        clio.stop();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    @Test
    void contactSearchSendsQueryAndFieldsAndMapsPhonesToE164() {
        clio.stubFor(get(urlPathEqualTo("/api/v4/contacts.json"))
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withQueryParam("query", equalTo("Jane Doe"))
                .withQueryParam("fields", equalTo(ClioPracticeManagement.CONTACT_FIELDS))
                .willReturn(json(200, """
                        {"data":[{"id":501,"name":"Jane Doe","first_name":"Jane","last_name":"Doe","type":"Person",
                          "primary_email_address":"jane.doe@example.com","primary_phone_number":"(201) 555-0100"}],
                         "meta":{"paging":{},"records":1}}""")));

        List<Contact> found = pm.searchContacts("Jane Doe");

        assertThat(found).containsExactly(new Contact("501", "Jane Doe", "Jane", "jane.doe@example.com", "+12015550100", null, null));
    }

    @Test
    void matterSearchReturnsMattersWithTheirClients() {
        clio.stubFor(get(urlPathEqualTo("/api/v4/matters.json"))
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withQueryParam("query", equalTo("Acme"))
                .willReturn(json(200, """
                        {"data":[{"id":1001,"display_number":"00001-Doe","description":"Doe v. Acme Trucking","status":"Open",
                          "practice_area":{"id":9,"name":"Personal Injury"},
                          "client":{"id":501,"name":"Jane Doe","first_name":"Jane","primary_email_address":null,"primary_phone_number":null}}],
                         "meta":{"paging":{}}}""")));

        List<Matter> found = pm.searchMatters("Acme");

        assertThat(found).hasSize(1);
        assertThat(found.get(0).description()).isEqualTo("Doe v. Acme Trucking");
        assertThat(found.get(0).client().name()).isEqualTo("Jane Doe");
    }

    @Test
    void createTaskPostsTheDocumentedBody() {
        clio.stubFor(post(urlEqualTo("/api/v4/tasks.json"))
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withRequestBody(equalToJson("""
                        {"data":{"name":"Call back lead","description":"Details","assignee":{"id":42,"type":"User"},
                          "due_at":"2026-03-02T15:00:00Z","priority":"High","notify_assignee":true}}"""))
                .willReturn(json(201, "{\"data\":{\"id\":9001,\"etag\":\"\\\"t1\\\"\"}}")));

        String id = pm.createTask(new PracticeManagement.NewTask("Call back lead", "Details", "42", null,
                Instant.parse("2026-03-02T15:00:00Z")));

        assertThat(id).isEqualTo("9001");
    }

    @Test
    void createContactThenMatterWithPracticeAreaLookedUpByName() {
        clio.stubFor(post(urlEqualTo("/api/v4/contacts.json"))
                .withRequestBody(equalToJson("""
                        {"data":{"type":"Person","name":"Maria Garcia","first_name":"Maria","last_name":"Garcia",
                          "email_addresses":[{"name":"Other","address":"maria@example.com","default_email":true}],
                          "phone_numbers":[{"name":"Other","number":"+12015550142","default_number":true}]}}"""))
                .willReturn(json(201, "{\"data\":{\"id\":777,\"etag\":\"\\\"c1\\\"\"}}")));
        clio.stubFor(get(urlPathEqualTo("/api/v4/practice_areas.json")).withQueryParam("name", equalTo("Personal Injury"))
                .willReturn(json(200, "{\"data\":[{\"id\":9,\"name\":\"Personal Injury\"}],\"meta\":{\"paging\":{}}}")));
        clio.stubFor(post(urlEqualTo("/api/v4/matters.json"))
                .withRequestBody(equalToJson("""
                        {"data":{"client":{"id":777},"description":"Car accident","status":"Open",
                          "practice_area":{"id":9},"responsible_attorney":{"id":101}}}"""))
                .willReturn(json(201, "{\"data\":{\"id\":1234,\"etag\":\"\\\"m1\\\"\"}}")));

        String contact = pm.createContact(new PracticeManagement.NewContact("Maria", "Garcia", "maria@example.com", "+12015550142"));
        String matter = pm.createMatter(new PracticeManagement.NewMatter(contact, "Car accident", "Personal Injury", "101"));

        assertThat(contact).isEqualTo("777");
        assertThat(matter).isEqualTo("1234");
        assertThat(clio.findAll(postRequestedFor(urlEqualTo("/api/v4/matters.json")))).hasSize(1);
    }

    @Test
    void validationErrorSurfacesClioMessage() {
        clio.stubFor(post(urlEqualTo("/api/v4/contacts.json"))
                .willReturn(json(422, ClioFixtures.clioError("ValidationError", "Name can't be blank"))));

        assertThatThrownBy(() -> pm.createContact(new PracticeManagement.NewContact(null, null, null, null)))
                .isInstanceOf(VendorException.class).hasMessageContaining("Name can't be blank");
    }

    @Test
    void latestOpenMatterOfClientFollowsEveryPageOfTheirOpenMattersAndPicksTheLatestOpenDate() {
        clio.stubFor(get(urlPathEqualTo("/api/v4/contacts.json"))
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withQueryParam("query", equalTo("jane.doe@example.com"))
                .withQueryParam("fields", equalTo(ClioPracticeManagement.CONTACT_EMAIL_FIELDS))
                .willReturn(json(200, """
                        {"data":[{"id":501,"name":"Jane Doe","primary_email_address":"jane@work.example",
                                  "email_addresses":[{"address":"JANE.DOE@example.com"}]},
                                 {"id":502,"name":"Jane Doe-Smith","primary_email_address":"not-jane.doe@example.com","email_addresses":[]}],
                         "meta":{"paging":{}}}""")));
        String next = clio.baseUrl() + "/api/v4/matters.json?client_id=501&status=open&page_token=p2";
        clio.stubFor(get(urlPathEqualTo("/api/v4/matters.json"))
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withQueryParam("client_id", equalTo("501")).withQueryParam("status", equalTo("open"))
                .withQueryParam("order", equalTo("id(asc)"))
                .willReturn(json(200, """
                        {"data":[{"id":1001,"display_number":"01001","description":"Doe v. Acme","status":"Open","open_date":"2025-06-01",
                                  "client":{"id":501,"name":"Jane Doe"}}],
                         "meta":{"paging":{"next":"%s"}}}""".formatted(next))));
        clio.stubFor(get(urlPathEqualTo("/api/v4/matters.json")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withQueryParam("page_token", equalTo("p2"))
                .willReturn(json(200, """
                        {"data":[{"id":1007,"display_number":"01007","description":"Doe estate","status":"Open","open_date":"2026-01-15",
                                  "client":{"id":501,"name":"Jane Doe"}}],
                         "meta":{"paging":{}}}""")));

        Matter matter = pm.latestOpenMatterOfClient("Jane.Doe@example.com ").orElseThrow();

        assertThat(matter.id()).isEqualTo("1007");
        assertThat(matter.client().id()).isEqualTo("501");
        assertThat(clio.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/api/v4/matters.json"))
                .withQueryParam("client_id", equalTo("502")))).as("a contact without exactly that address").isEmpty();
    }
}
