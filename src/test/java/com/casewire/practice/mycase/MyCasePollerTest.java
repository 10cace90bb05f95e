package com.casewire.practice.mycase;

import static com.casewire.practice.mycase.MyCaseFixtures.ACCESS_TOKEN;
import static com.casewire.practice.mycase.MyCaseFixtures.array;
import static com.casewire.practice.mycase.MyCaseFixtures.document;
import static com.casewire.practice.mycase.MyCaseFixtures.kase;
import static com.casewire.practice.mycase.MyCaseFixtures.task;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.canonical.MatterEvent;
import com.casewire.support.HubIntegrationTest;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
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
 * The MyCase poller end to end on H2: baseline, changes to canonical MatterEvents on direct:matter-event (and a
 * closed case's client told by SMS with a note written back on the case), no duplicates on a re-poll, the
 * high-water mark, and an outage that delays changes without losing any.
 */
class MyCasePollerTest extends HubIntegrationTest {

    static final WireMockServer mycase = new WireMockServer(options().dynamicPort());
    static final Instant BASELINE_AT = Instant.parse("2026-03-10T14:00:00Z");
    static final Instant FIRST_POLL_AT = Instant.parse("2026-03-10T15:00:00Z");
    /** The baseline mark minus hub.mycase.poll-overlap (1m), in whole seconds. */
    static final String FIRST_SINCE = "2026-03-10T13:59:00Z";
    private static boolean advised;

    static {
        mycase.start();
    }

    @DynamicPropertySource
    static void mycaseHub(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:mycase-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("hub.practice-management", () -> "mycase");
        registry.add("hub.mycase.base-url", () -> mycase.baseUrl() + "/v1");
        registry.add("hub.mycase.token-url", () -> mycase.baseUrl() + "/tokens");
        registry.add("hub.mycase.access-token", () -> ACCESS_TOKEN);
        registry.add("hub.mycase.requests-per-second", () -> "25");
        registry.add("hub.mycase.poll-overlap", () -> "1m");
        registry.add("hub.mycase.poll-interval-millis", () -> "3600000");
    }

    @Autowired
    CamelContext camel;
    @Autowired
    MyCasePoller poller;
    MockEndpoint events;

    @BeforeEach
    void resetMyCase() throws Exception {
        // the tests drive the poller themselves
        camel.getRouteController().stopRoute("mycase-poll-changes");
        if (!advised) {
            AdviceWith.adviceWith(camel, "mycase-normalize-changes",
                    a -> a.weaveById("mycase-to-matter-event").before().to("mock:matter-events"));
            advised = true;
        }
        events = camel.getEndpoint("mock:matter-events", MockEndpoint.class);
        events.reset();
        for (String table : List.of("mycase_poll_mark", "mycase_record_state", "mycase_oauth_token")) {
            jdbc.update("DELETE FROM " + table, Map.of());
        }
        mycase.resetAll();
        mycase.stubFor(get(urlPathMatching("/v1/.*")).atPriority(10).willReturn(aResponse().withStatus(401).withBody("Unauthorized")));
        mycase.stubFor(post(urlPathMatching("/v1/.*")).atPriority(10).willReturn(aResponse().withStatus(401).withBody("Unauthorized")));
        for (long id : new long[] {2001, 2002, 2003}) {
            mycase.stubFor(authorized(get(urlPathEqualTo("/v1/cases/" + id)))
                    .willReturn(json(kase(id, "Case " + id, "open", null, "2026-03-10T14:00:00Z"))));
        }
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/clients/501"))).willReturn(json(
                MyCaseFixtures.client(501, "Jane", "Doe", CLIENT_EMAIL, "201-555-0100"))));
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/staff/77"))).willReturn(json(
                MyCaseFixtures.staff(77, "Alex", "Counsel", "alex@firm.example"))));
        mycase.stubFor(authorized(post(urlPathMatching("/v1/cases/\\d+/notes")))
                .withRequestBody(matchingJsonPath("$.subject")).withRequestBody(matchingJsonPath("$.note"))
                .withRequestBody(matchingJsonPath("$.date", matching("\\d{4}-\\d{2}-\\d{2}")))
                .willReturn(json("{\"id\":8801}").withStatus(201)));
        stubBaseline();
    }

    private static MappingBuilder authorized(MappingBuilder request) {
        return request.atPriority(5).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN));
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    /** What the firm has before the hub's first poll: two open cases and an open task. */
    private void stubBaseline() {
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/cases"))).withQueryParam("filter[updated_after]", absent())
                .willReturn(json(array(kase(2001, "Doe divorce", "open", "Discovery", "2026-02-01T10:00:00Z"),
                        kase(2002, "Doe custody", "open", "Hearing", "2026-02-02T10:00:00Z")))));
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/tasks"))).withQueryParam("filter[updated_after]", absent())
                .willReturn(json(array(task(9, "File financial affidavit", false, 2001L, "2026-02-03T10:00:00Z")))));
    }

    private static MappingBuilder changes(String resource) {
        return authorized(get(urlPathEqualTo("/v1/" + resource))).withQueryParam("filter[updated_after]", matching(".+"));
    }

    /** Between the baseline and the first poll: a stage moved, a case closed, a case opened, a task done, a document. */
    private void stubChanges() {
        mycase.stubFor(changes("cases").willReturn(json(array(
                kase(2001, "Doe divorce", "open", "Trial", "2026-03-10T14:30:00Z"),
                kase(2002, "Doe custody", "closed", "Hearing", "2026-03-10T14:31:00Z"),
                kase(2003, "Doe estate", "open", "Intake", "2026-03-10T14:32:00Z")))));
        mycase.stubFor(changes("tasks").willReturn(json(array(
                task(9, "File financial affidavit", true, 2001L, "2026-03-10T14:40:00Z"),
                task(10, "Order office supplies", true, null, "2026-03-10T14:41:00Z")))));
        mycase.stubFor(changes("documents").willReturn(json(array(
                document(40, "Signed retainer.pdf", 2001, "2026-03-10T14:50:00Z", "2026-03-10T14:50:00Z")))));
    }

    private void baseline() {
        clock.setTo(BASELINE_AT);
        assertThat(poller.poll()).isZero();
    }

    private List<MatterEvent> received() {
        return events.getExchanges().stream().map(e -> e.getMessage().getBody(MatterEvent.class)).toList();
    }

    private static String event(MatterEvent e) {
        return e.model() + "/" + e.event() + "/" + e.recordId();
    }

    private List<String> filtersAsked(String resource) {
        return mycase.findAll(getRequestedFor(urlPathEqualTo("/v1/" + resource))).stream()
                .map(r -> r.queryParameter("filter[updated_after]"))
                .filter(p -> p.isPresent()).map(p -> p.firstValue()).toList();
    }

    @Test
    void theFirstPollIsABaselineThatTellsNobodyAnything() {
        baseline();

        assertThat(count("SELECT COUNT(*) FROM inbox_event")).isZero();
        assertThat(count("SELECT COUNT(*) FROM mycase_poll_mark")).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT stage FROM mycase_record_state WHERE resource = 'cases' AND record_id = '2001'",
                Map.of(), String.class)).isEqualTo("Discovery");
        assertThat(jdbc.queryForObject("SELECT status FROM mycase_record_state WHERE resource = 'tasks' AND record_id = '9'",
                Map.of(), String.class)).isEqualTo("open");
        // documents keep no state: no listing, the mark starts now
        assertThat(mycase.findAll(getRequestedFor(urlPathEqualTo("/v1/documents")))).isEmpty();
    }

    @Test
    void changesBecomeMatterEventsOnceAndTheClosedCasesClientIsTold() throws Exception {
        baseline();
        stubChanges();

        clock.setTo(FIRST_POLL_AT);
        assertThat(poller.poll()).isEqualTo(6); // 3 cases, 2 tasks, 1 document
        awaitInboxSettled();

        List<MatterEvent> first = received();
        assertThat(first).extracting(MyCasePollerTest::event).containsExactlyInAnyOrder(
                "matter/stage_changed/2001", "matter/matter_closed/2002", "matter/created/2003",
                "task/completed/9", "document/created/40");
        assertThat(first).allSatisfy(e -> {
            assertThat(e.source()).isEqualTo("mycase");
            assertThat(e.matter().client().mobilePhone()).isEqualTo(CLIENT_PHONE);
        });
        MatterEvent staged = first.stream().filter(e -> e.event().equals("stage_changed")).findFirst().orElseThrow();
        assertThat(staged.details()).containsEntry("stage", "Trial").containsEntry("previous_stage", "Discovery");
        assertThat(staged.occurredAt()).isEqualTo(Instant.parse("2026-03-10T14:30:00Z"));
        assertThat(staged.matter().responsibleAttorney().name()).isEqualTo("Alex Counsel");
        MatterEvent task = first.stream().filter(e -> e.model().equals("task")).findFirst().orElseThrow();
        assertThat(task.details()).containsEntry("name", "File financial affidavit").containsEntry("status", "completed");
        assertThat(task.matter().id()).isEqualTo("2001");
        assertThat(first.stream().filter(e -> e.model().equals("document")).findFirst().orElseThrow().details())
                .containsEntry("name", "Signed retainer.pdf");
        // the task without a case was written and processed, but is no matter event
        assertThat(count("SELECT COUNT(*) FROM inbox_event WHERE source = 'mycase' AND state = 'PROCESSED'")).isEqualTo(6);
        assertThat(filtersAsked("cases")).containsExactly(FIRST_SINCE);

        // the closed case is a milestone: its client gets one text, and the text is written back on the case
        awaitClosedCaseTold();

        // the next poll reads the same records again (the overlap): nothing new, nobody told twice
        clock.setTo(FIRST_POLL_AT.plus(Duration.ofMinutes(10)));
        assertThat(poller.poll()).isZero();
        awaitInboxSettled();
        assertThat(received()).hasSize(5);
        assertThat(count("SELECT COUNT(*) FROM inbox_event")).isEqualTo(6);
        // a second text would be a second outbox row, created inside the (settled) inbox transaction
        assertThat(count("SELECT COUNT(*) FROM outbox_message WHERE kind = 'SMS'")).isEqualTo(1);
        assertThat(smsRequests()).hasSize(1);

        // ... and it asked from each resource's newest change minus the overlap
        assertThat(filtersAsked("cases")).containsExactly(FIRST_SINCE, "2026-03-10T14:31:00Z");
        assertThat(filtersAsked("tasks")).containsExactly(FIRST_SINCE, "2026-03-10T14:40:00Z");
        assertThat(filtersAsked("documents")).containsExactly(FIRST_SINCE, "2026-03-10T14:49:00Z");
    }

    @Test
    void anOutageDelaysChangesAndLosesNone() {
        baseline();
        stubChanges();
        // tasks are down; cases answer page 1 and then fail on page 2
        mycase.stubFor(changes("tasks").willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
        String page2 = mycase.baseUrl() + "/v1/cases?page_size=100&page_token=cursor-2";
        mycase.stubFor(changes("cases").withQueryParam("page_token", absent()).willReturn(json(array(
                kase(2001, "Doe divorce", "open", "Trial", "2026-03-10T14:30:00Z")))
                .withHeader("Link", "<" + page2 + ">; rel=\"next\"")));
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/cases"))).withQueryParam("page_token", equalTo("cursor-2"))
                .willReturn(aResponse().withStatus(502).withBody("Bad Gateway")));

        clock.setTo(FIRST_POLL_AT);
        assertThat(poller.poll()).isEqualTo(1); // only the document got through
        awaitInboxSettled();
        assertThat(received()).extracting(MyCasePollerTest::event).containsExactly("document/created/40");
        Instant tasksMark = jdbc.queryForObject("SELECT mark FROM mycase_poll_mark WHERE resource = 'tasks'", Map.of(),
                java.sql.Timestamp.class).toInstant();
        assertThat(tasksMark).isBefore(BASELINE_AT.plusSeconds(5));

        // MyCase is back: the next poll starts from the same marks and brings everything, once
        mycase.stubFor(authorized(get(urlPathEqualTo("/v1/cases"))).withQueryParam("page_token", equalTo("cursor-2"))
                .willReturn(json(array(kase(2002, "Doe custody", "closed", "Hearing", "2026-03-10T14:31:00Z")))));
        stubChanges();
        mycase.stubFor(changes("cases").withQueryParam("page_token", absent()).willReturn(json(array(
                kase(2001, "Doe divorce", "open", "Trial", "2026-03-10T14:30:00Z")))
                .withHeader("Link", "<" + page2 + ">; rel=\"next\"")));
        clock.setTo(FIRST_POLL_AT.plus(Duration.ofMinutes(1)));
        assertThat(poller.poll()).isEqualTo(4); // 2 cases over 2 pages, 2 tasks; the document was done
        awaitInboxSettled();

        assertThat(received()).extracting(MyCasePollerTest::event).containsExactlyInAnyOrder("document/created/40",
                "matter/stage_changed/2001", "matter/matter_closed/2002", "task/completed/9");
        assertThat(filtersAsked("tasks")).containsExactly(FIRST_SINCE, FIRST_SINCE);
        awaitClosedCaseTold();
    }

    @Test
    void aWebhookDeliveryOnlyTriggersAPoll() throws Exception {
        baseline();
        stubChanges();
        clock.setTo(FIRST_POLL_AT);

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/webhooks/mycase"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"case\",\"action\":\"updated\",\"id\":2002}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT COUNT(*) FROM inbox_event") == 6);
        awaitInboxSettled();
        // the delivery's body is not what the hub acts on: the polled records are
        assertThat(received()).hasSize(5);
        awaitClosedCaseTold();
    }

    /** The client of the closed case got one text and it was written back on the case (before the next test). */
    private void awaitClosedCaseTold() {
        await().atMost(Duration.ofSeconds(10)).until(() -> smsRequests().size() == 1
                && mycase.findAll(postRequestedFor(urlEqualTo("/v1/cases/2002/notes"))).size() == 1);
    }
}
