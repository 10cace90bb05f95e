package com.casewire.practice.mycase;

import static com.casewire.practice.mycase.MyCaseFixtures.ACCESS_TOKEN;
import static com.casewire.practice.mycase.MyCaseFixtures.array;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
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

import com.casewire.canonical.Channel;
import com.casewire.canonical.Contact;
import com.casewire.canonical.Matter;
import com.casewire.practice.PracticeManagement;
import com.casewire.support.TestClock;
import com.casewire.support.TestHubProperties;
import com.casewire.vendor.VendorException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole PracticeManagement port on MyCase, asserted on what reached the stub. */
class MyCasePracticeManagementTest {

    private final WireMockServer mycase = new WireMockServer(options().dynamicPort());
    private PracticeManagement practice;

    @BeforeEach
    void start() {
        mycase.start();
        TestHubProperties hub = MyCaseFixtures.hub(mycase.baseUrl(), Map.of("hub.mycase.preference-field", "Preferred contact",
                "hub.firm.time-zone", "America/Chicago"));
        MyCaseClient client = MyCaseFixtures.client(hub, new TestClock(), MyCaseFixtures.database());
        practice = new MyCasePracticeManagement(client, new MyCaseMatters(client, hub.mycase(), hub.notifications()),
                new ObjectMapper(), hub.mycase(), hub.firm());
        mycase.stubFor(get(urlPathMatching("/v1/.*")).atPriority(10).willReturn(aResponse().withStatus(401).withBody("Unauthorized")));
        mycase.stubFor(post(urlPathMatching("/v1/.*")).atPriority(10).willReturn(aResponse().withStatus(401).withBody("Unauthorized")));
    }

    @AfterEach
    void stop() {
        mycase.stop();
    }

    private static MappingBuilder authorized(MappingBuilder request) {
        return request.atPriority(5).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private void stubCasePeople() {
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/cases/2001")))
                .willReturn(json(200, MyCaseFixtures.kase(2001, "Doe divorce", "open", "Discovery", "2026-03-01T10:00:00Z"))));
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/clients/501"))).willReturn(json(200, """
                {"id":501,"first_name":"Jane","last_name":"Doe","email":"jane@example.com","cell_phone_number":"201-555-0100",
                 "custom_field_values":[{"field_name":"Preferred contact","value":"Email"}]}""")));
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/staff/77")))
                .willReturn(json(200, MyCaseFixtures.staff(77, "Alex", "Counsel", "alex@firm.example"))));
    }

    @Test
    void findMatterBringsTheCaseItsClientWithPreferenceAndItsAttorney() {
        stubCasePeople();

        Matter matter = practice.findMatter("2001").orElseThrow();

        assertThat(matter.name()).isEqualTo("Doe divorce");
        assertThat(matter.client().mobilePhone()).isEqualTo("+12015550100");
        assertThat(matter.client().preferredChannel()).isEqualTo(Channel.EMAIL);
        assertThat(matter.responsibleAttorney().name()).isEqualTo("Alex Counsel");
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/cases/9"))).willReturn(aResponse().withStatus(404).withBody("Not Found")));
        assertThat(practice.findMatter("9")).isEmpty();
    }

    @Test
    void addMatterNotePostsToTheCasesNotes() {
        mycase.stubFor(authorized(post(urlEqualTo("/v1/cases/2001/notes")))
                .withRequestBody(equalToJson("{\"subject\":\"SMS to client\",\"note\":\"Your case moved.\",\"date\":\"2026-03-10\"}"))
                .willReturn(json(201, "{\"id\":8801,\"subject\":\"SMS to client\"}")));

        assertThat(practice.addMatterNote("2001", "SMS to client", "Your case moved.", LocalDate.parse("2026-03-10")))
                .isEqualTo("8801");
    }

    @Test
    void createContactPostsAClient() {
        mycase.stubFor(authorized(post(urlEqualTo("/v1/clients")))
                .withRequestBody(equalToJson("""
                        {"first_name":"Sam","last_name":"Lee","email":"sam@example.com","cell_phone_number":"+12015550142"}"""))
                .willReturn(json(201, MyCaseFixtures.client(610, "Sam", "Lee", "sam@example.com", "+12015550142"))));

        String id = practice.createContact(new PracticeManagement.NewContact("Sam", "Lee", "sam@example.com", "+12015550142"));

        assertThat(id).isEqualTo("610");
        assertThat(mycase.findAll(postRequestedFor(urlEqualTo("/v1/clients")))).hasSize(1);
    }

    @Test
    void createMatterOpensTheCaseThenLinksClientAndAttorney() {
        mycase.stubFor(authorized(post(urlEqualTo("/v1/cases")))
                .withRequestBody(equalToJson("{\"name\":\"Lee estate plan\",\"status\":\"open\",\"practice_area\":\"Estate Planning\"}"))
                .willReturn(json(201, "{\"id\":3001,\"name\":\"Lee estate plan\",\"status\":\"open\"}")));
        mycase.stubFor(authorized(post(urlEqualTo("/v1/cases/3001/relationships/clients")))
                .withRequestBody(equalToJson("{\"clients\":[{\"id\":610}]}")).willReturn(json(201, "{}")));
        mycase.stubFor(authorized(post(urlEqualTo("/v1/cases/3001/relationships/staff")))
                .withRequestBody(equalToJson("{\"staff\":[{\"id\":77}]}")).willReturn(aResponse().withStatus(204)));

        String id = practice.createMatter(new PracticeManagement.NewMatter("610", "Lee estate plan", "Estate Planning", "77"));

        assertThat(id).isEqualTo("3001");
        assertThat(mycase.findAll(postRequestedFor(urlEqualTo("/v1/cases/3001/relationships/clients")))).hasSize(1);
        assertThat(mycase.findAll(postRequestedFor(urlEqualTo("/v1/cases/3001/relationships/staff")))).hasSize(1);
    }

    @Test
    void aFailedClientLinkNamesTheCaseAlreadyCreatedAndIsNotRetryable() {
        mycase.stubFor(authorized(post(urlEqualTo("/v1/cases"))).willReturn(json(201, "{\"id\":3002}")));
        mycase.stubFor(authorized(post(urlEqualTo("/v1/cases/3002/relationships/clients")))
                .willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));

        assertThatThrownBy(() -> practice.createMatter(new PracticeManagement.NewMatter("610", "X", null, null)))
                .isInstanceOfSatisfying(VendorException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).contains("case 3002 was created");
                });
        assertThat(mycase.findAll(postRequestedFor(urlEqualTo("/v1/cases")))).hasSize(1);
    }

    @Test
    void createTaskPostsNameDueDateInTheFirmsZoneAssigneeAndCase() {
        mycase.stubFor(authorized(post(urlEqualTo("/v1/tasks")))
                .withRequestBody(matchingJsonPath("$.name", equalTo("Call the new client")))
                .withRequestBody(matchingJsonPath("$.description", equalTo("Signed today")))
                .withRequestBody(matchingJsonPath("$.priority", equalTo("Medium")))
                .withRequestBody(matchingJsonPath("$.due_date", equalTo("2026-03-10")))
                .withRequestBody(matchingJsonPath("$.staff[0].id", equalTo("77")))
                .withRequestBody(matchingJsonPath("$.case.id", equalTo("3001")))
                .willReturn(json(201, MyCaseFixtures.task(9101, "Call the new client", false, 3001L, "2026-03-10T12:00:00Z"))));

        // 02:00 UTC on the 11th is still the 10th in Chicago
        String id = practice.createTask(new PracticeManagement.NewTask("Call the new client", "Signed today", "77", "3001",
                Instant.parse("2026-03-11T02:00:00Z")));

        assertThat(id).isEqualTo("9101");
    }

    @Test
    void searchContactsUsesTheExactFilterThatFitsTheQuery() {
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/clients"))).withQueryParam("filter[email]", equalTo("jane@example.com"))
                .willReturn(json(200, array(MyCaseFixtures.client(501, "Jane", "Doe", "jane@example.com", "201-555-0100")))));
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/clients"))).withQueryParam("filter[last_name]", equalTo("Doe"))
                .willReturn(json(200, array(MyCaseFixtures.client(501, "Jane", "Doe", "jane@example.com", "201-555-0100"),
                        MyCaseFixtures.client(502, "John", "Doe", null, null)))));
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/clients"))).withQueryParam("filter[first_name]", equalTo("Doe"))
                .willReturn(json(200, "[]")));

        assertThat(practice.searchContacts("jane@example.com")).extracting(Contact::id).containsExactly("501");
        assertThat(practice.searchContacts("Jane Doe")).extracting(Contact::name).containsExactly("Jane Doe", "John Doe");
        assertThat(practice.searchContacts("Doe")).hasSize(2);
        assertThat(practice.searchContacts(" ")).isEmpty();
    }

    @Test
    void searchMattersMatchesNameNumberOrAClientTheQueryFinds() {
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/clients"))).willReturn(json(200, "[]")));
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/clients"))).withQueryParam("filter[last_name]", equalTo("Roe"))
                .willReturn(json(200, array(MyCaseFixtures.client(501, "Rita", "Roe", null, null)))));
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/cases"))).willReturn(json(200, array(
                MyCaseFixtures.kase(2001, "Smith custody", "open", null, "2026-03-01T10:00:00Z"),
                MyCaseFixtures.kase(2002, "Acme contract", "open", null, "2026-03-01T10:00:00Z").replace("[{\"id\":501}]", "[{\"id\":999}]")))));

        List<Matter> byName = practice.searchMatters("smith");
        List<Matter> byClient = practice.searchMatters("Roe");

        assertThat(byName).extracting(Matter::id).containsExactly("2001");
        assertThat(byClient).extracting(Matter::id).containsExactly("2001");
        assertThat(byClient.get(0).client().name()).isEqualTo("Rita Roe");
        assertThat(mycase.findAll(getRequestedFor(urlPathEqualTo("/v1/cases")))).hasSize(2);
    }

    @Test
    void latestOpenMatterOfClientIsTheOpenCaseUpdatedLastOfTheClientWithExactlyThatAddress() {
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/clients"))).withQueryParam("filter[email]", equalTo("jane@example.com"))
                .willReturn(json(200, array(MyCaseFixtures.client(501, "Jane", "Doe", "Jane@Example.com", "201-555-0100"),
                        MyCaseFixtures.client(503, "Janet", "Doe", "janet@example.com", null)))));
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/clients/501/cases"))).willReturn(json(200, array(
                MyCaseFixtures.kase(2001, "Doe divorce", "open", null, "2026-02-01T10:00:00Z"),
                MyCaseFixtures.kase(2002, "Doe estate", "open", null, "2026-03-01T10:00:00Z"),
                MyCaseFixtures.kase(2003, "Doe lease", "closed", null, "2026-03-02T10:00:00Z")))));
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/clients"))).withQueryParam("filter[email]", equalTo("nobody@example.com"))
                .willReturn(json(200, "[]")));

        Matter matter = practice.latestOpenMatterOfClient("jane@example.com").orElseThrow();

        assertThat(matter.id()).isEqualTo("2002");
        assertThat(matter.client().id()).isEqualTo("501");
        assertThat(practice.latestOpenMatterOfClient("nobody@example.com")).isEmpty();
        assertThat(mycase.findAll(getRequestedFor(urlPathMatching("/v1/clients/503/cases")))).as("not the same address").isEmpty();
    }
}
