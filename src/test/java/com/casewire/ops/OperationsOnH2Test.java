package com.casewire.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.support.ClioFixtures;
import com.casewire.support.HubIntegrationTest;
import com.casewire.support.TwilioFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What an operator reaches: health that stays UP through a vendor's outage (the {@code vendors} group says which),
 * the operations MBean over Jolokia with the operator token and not without it, Prometheus metrics, and pausing a
 * workflow (over JMX and the API) with its messages kept until it is resumed.
 */
@DisableJmx(false)
// owns the hub's JMX names in this JVM while it runs: closed after the class, so the other test class with JMX on
// (SpineOnH2Test, OperationsOnH2Test) can register them
@DirtiesContext
@AutoConfigureObservability(tracing = false)
class OperationsOnH2Test extends HubIntegrationTest {

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper json = new ObjectMapper();
    private static final String OPERATOR = "Bearer ops-operator-token";
    private static final String STAFF = "Bearer test-api-token";
    /** An SMTP server of this class's own, down until a test starts it. */
    private static final int SMTP_PORT = freePort();
    private static GreenMail localMail;

    @Autowired
    private Environment env;
    @Autowired
    private Sweeper sweeper;

    @DynamicPropertySource
    static void h2AndOwnMailServer(DynamicPropertyRegistry registry) {
        registry.add("casewire.test.smtp-port", () -> SMTP_PORT);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:ops-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("spring.jmx.enabled", () -> "true");
        registry.add("hub.api.operator-token", () -> "ops-operator-token");
        // an outage of minutes must delay the email, not dead-letter it (the test profile gives up after 2 s)
        registry.add("hub.outbox.retry-for", () -> "10m");
        registry.add("hub.outbox.max-backoff", () -> "1s");
    }

    @AfterEach
    void stopLocalMail() {
        if (localMail != null) {
            localMail.stop();
            localMail = null;
        }
    }

    @Test
    void mailDownLeavesTheHubUpAndReadyTheVendorsGroupDownAndTheEmailGoesOutWhenMailReturns() throws Exception {
        assertThat(env.getProperty("spring.mail.port", Integer.class)).as("the hub uses this class's SMTP server")
                .isEqualTo(SMTP_PORT);
        middayInNewYork();

        postSigned(ClioFixtures.fullDelivery(1001, "\"" + UUID.randomUUID() + "\"", "matter_opened", null, CLIENT_EMAIL));
        await().atMost(Duration.ofSeconds(15)).until(() ->
                count("SELECT COUNT(*) FROM outbox_message WHERE kind = 'EMAIL' AND state = 'RETRY_WAIT' AND attempts >= 1") == 1);

        HttpResponse<String> health = get("/actuator/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode overall = json.readTree(health.body());
        assertThat(overall.path("status").asText()).isEqualTo("UP");
        assertThat(overall.path("components").has("smtp")).as("vendors are not part of the overall status").isFalse();
        assertThat(overall.path("components").has("mail")).as("Spring's mail indicator is off").isFalse();

        HttpResponse<String> readiness = get("/actuator/health/readiness", null);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(json.readTree(readiness.body()).path("status").asText()).isEqualTo("UP");
        assertThat(json.readTree(readiness.body()).path("components").has("db")).as("readiness needs the database").isTrue();
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);

        HttpResponse<String> vendors = get("/actuator/health/vendors", null);
        assertThat(vendors.statusCode()).isEqualTo(503);
        JsonNode v = json.readTree(vendors.body());
        assertThat(v.path("status").asText()).isEqualTo("DOWN");
        assertThat(v.at("/components/smtp/status").asText()).isEqualTo("DOWN");
        assertThat(v.at("/components/twilio/status").asText()).isEqualTo("UP");
        assertThat(v.at("/components/practice/status").asText()).isEqualTo("UP");
        assertThat(v.at("/components/practice/details/vendor").asText()).isEqualTo("clio");

        localMail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        localMail.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> localMail.getReceivedMessages().length == 1);
        MimeMessage email = localMail.getReceivedMessages()[0];
        assertThat(email.getAllRecipients()[0].toString()).isEqualTo(CLIENT_EMAIL);
        await().atMost(Duration.ofSeconds(5)).until(() -> "SENT".equals(outboxState("EMAIL")));
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/actuator/health/vendors", null).statusCode() == 200);
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void jolokiaReadsTheOperationsMBeanAndReplaysADeadLetterForTheOperatorOnly() throws Exception {
        middayInNewYork();
        twilio.stubFor(post(urlEqualTo(TwilioFixtures.MESSAGES_PATH)).atPriority(1)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody(TwilioFixtures.error(20500, "Service unavailable", 503))));
        postSigned(ClioFixtures.fullDelivery(1001, "\"" + UUID.randomUUID() + "\"", "matter_opened", CLIENT_PHONE, CLIENT_EMAIL));
        await().atMost(Duration.ofSeconds(15)).until(() ->
                count("SELECT COUNT(*) FROM outbox_message WHERE kind = 'SMS' AND state = 'RETRY_WAIT' AND attempts >= 1") == 1);
        // the retries ran out (as they do after hub.outbox.retry-for): a dead letter for the operator
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.update(
                "UPDATE outbox_message SET state = 'DEAD' WHERE kind = 'SMS' AND state = 'RETRY_WAIT'", Map.of()) == 1);
        long deadId = count("SELECT id FROM outbox_message WHERE kind = 'SMS'");
        twilio.resetAll();
        stubTwilioAccepts();
        int smsBefore = smsRequests().size();

        String read = "{\"type\":\"read\",\"mbean\":\"com.casewire:type=Hub,name=operations\",\"attribute\":\"%s\"}";
        String replay = "{\"type\":\"exec\",\"mbean\":\"com.casewire:type=Hub,name=operations\","
                + "\"operation\":\"replayDeadLetter\",\"arguments\":[" + deadId + "]}";

        assertThat(postJson("/actuator/jolokia", read.formatted("InboxDepth"), null).statusCode()).isEqualTo(401);
        assertThat(postJson("/actuator/jolokia", replay, "Bearer wrong-token").statusCode()).isEqualTo(401);
        assertThat(get("/actuator/jolokia/read/com.casewire:type=Hub,name=operations/DeadLetters", null).statusCode())
                .isEqualTo(401);
        assertThat(outboxState("SMS")).as("a refused request changed nothing").isEqualTo("DEAD");

        JsonNode depth = json.readTree(postJson("/actuator/jolokia", read.formatted("InboxDepth"), OPERATOR).body());
        assertThat(depth.path("status").asInt()).isEqualTo(200);
        assertThat(depth.path("value").asLong())
                .isEqualTo(count("SELECT COUNT(*) FROM inbox_event WHERE state = 'RECEIVED'"));
        JsonNode dead = json.readTree(postJson("/actuator/jolokia", read.formatted("DeadLetters"), OPERATOR).body());
        assertThat(dead.path("value").asLong()).isEqualTo(1);

        JsonNode replayed = json.readTree(postJson("/actuator/jolokia", replay, OPERATOR).body());
        assertThat(replayed.path("status").asInt()).isEqualTo(200);
        assertThat(replayed.path("value").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(outboxState("SMS")));
        assertThat(smsRequests()).hasSize(smsBefore + 1);

        // the status-update workflow's own MBean counts the text it sent
        await().atMost(Duration.ofSeconds(10)).until(() -> json.readTree(postJson("/actuator/jolokia",
                "{\"type\":\"read\",\"mbean\":\"com.casewire:type=Workflow,name=matter-status\",\"attribute\":\"SentByChannel\"}",
                OPERATOR).body()).path("value").path("sms").asLong() >= 1);
    }

    @Test
    void prometheusCarriesTheHubsCountersAndCamelRouteMetricsForTheOperatorOnly() throws Exception {
        middayInNewYork();
        postSigned(ClioFixtures.fullDelivery(1001, "\"" + UUID.randomUUID() + "\"", "matter_opened", CLIENT_PHONE, CLIENT_EMAIL));
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(outboxState("SMS")));

        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/metrics", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/env", OPERATOR).statusCode()).as("not exposed").isEqualTo(404);

        HttpResponse<String> scrape = get("/actuator/prometheus", OPERATOR);
        assertThat(scrape.statusCode()).isEqualTo(200);
        String body = scrape.body();
        assertThat(body).containsPattern("(?m)^casewire_messages_sent_total\\{[^}]*kind=\"SMS\"[^}]*} [1-9]");
        assertThat(body).containsPattern("(?m)^casewire_outbox_messages\\{[^}]*state=\"SENT\"[^}]*} [1-9]");
        assertThat(body).contains("casewire_inbox_depth{").contains("casewire_outbox_dead_letters{");
        // vendor call latency, by vendor and outcome: the SMS and the note on the matter
        assertThat(body).containsPattern("(?m)^casewire_vendor_call_seconds_count\\{[^}]*outcome=\"2xx\"[^}]*vendor=\"twilio\"[^}]*} [1-9]");
        assertThat(body).contains("casewire_vendor_pacing_wait_seconds_count{");
        // camel-micrometer: exchanges per route, e.g. the route that sends notifications
        assertThat(body).containsPattern("(?m)^camel_exchanges_total\\{[^}]*routeId=\"[a-z-]+\"[^}]*} [1-9]");
    }

    @Test
    void aPausedWorkflowKeepsItsMessagesUnsentUntilTheOperatorResumesIt() throws Exception {
        middayInNewYork();
        String pause = "{\"type\":\"exec\",\"mbean\":\"com.casewire:type=Workflow,name=matter-status\",\"operation\":\"pause\"}";
        assertThat(postJson("/actuator/jolokia", pause, STAFF).statusCode()).as("the staff token does not reach JMX").isEqualTo(401);
        assertThat(json.readTree(postJson("/actuator/jolokia", pause, OPERATOR).body()).path("value").asBoolean()).isTrue();
        assertThat(json.readTree(postJson("/actuator/jolokia", pause, OPERATOR).body()).path("value").asBoolean())
                .as("paused already").isFalse();
        int smsBefore = smsRequests().size();

        postSigned(ClioFixtures.fullDelivery(1001, "\"" + UUID.randomUUID() + "\"", "matter_opened", CLIENT_PHONE, CLIENT_EMAIL));
        await().atMost(Duration.ofSeconds(15)).until(() -> count(
                "SELECT COUNT(*) FROM outbox_message WHERE kind = 'SMS' AND state = 'PENDING' AND workflow = 'matter-status'") == 1);
        sweeper.sweep();
        sweeper.sweep();
        assertThat(outboxState("SMS")).as("kept, not sent, through two sweeps").isEqualTo("PENDING");
        assertThat(smsRequests()).hasSize(smsBefore);
        JsonNode waiting = json.readTree(postJson("/actuator/jolokia",
                "{\"type\":\"read\",\"mbean\":\"com.casewire:type=Workflow,name=matter-status\",\"attribute\":\"Waiting\"}",
                OPERATOR).body());
        assertThat(waiting.path("value").asLong()).isEqualTo(1);

        JsonNode listed = json.readTree(get("/api/workflows", STAFF).body());
        JsonNode status = null;
        for (JsonNode workflow : listed) {
            if ("matter-status".equals(workflow.path("workflow").asText())) {
                status = workflow;
            }
        }
        assertThat(status).as("matter-status in GET /api/workflows: %s", listed).isNotNull();
        assertThat(status.path("paused").path("by").asText()).isEqualTo("operator (JMX)");
        assertThat(status.path("waiting").asLong()).isEqualTo(1);

        assertThat(postJson("/api/workflows/matter-status/resume", "", STAFF).statusCode())
                .as("resuming is the operator's").isEqualTo(401);
        HttpResponse<String> unknown = postJson("/api/workflows/no-such-workflow/resume", "", OPERATOR);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).path("error").asText()).isEqualTo("unknown_workflow");
        assertThat(outboxState("SMS")).isEqualTo("PENDING");

        HttpResponse<String> resumed = postJson("/api/workflows/matter-status/resume?by=ops", "", OPERATOR);
        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(json.readTree(resumed.body()).path("changed").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(outboxState("SMS")));
        assertThat(smsRequests()).hasSize(smsBefore + 1);
    }

    @Test
    void aWorkflowsFiguresCountTheEventsItTookInThe429sItsSendsMetAndTheirWaitsForTheVendorsPace() throws Exception {
        middayInNewYork();
        String status = "com.casewire:type=Workflow,name=matter-status";
        String intake = "com.casewire:type=Workflow,name=intake";
        // the rate-limit figures are this instance's since it started: earlier tests may have added to them
        long tooManyBefore = attribute(status, "TooManyRequests");
        long waitsBefore = attribute(status, "RateLimitWaits");
        long waitMillisBefore = attribute(status, "RateLimitWaitMillis");
        assertThat(attribute(status, "EventsIn")).as("the inbox is emptied before each test").isZero();

        twilio.stubFor(post(urlEqualTo(TwilioFixtures.MESSAGES_PATH)).atPriority(1)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3").withHeader("Content-Type", "application/json")
                        .withBody(TwilioFixtures.error(20429, "Too Many Requests", 429))));
        postSigned(ClioFixtures.fullDelivery(1001, "\"" + UUID.randomUUID() + "\"", "matter_opened", "+12015550102", null));
        await().atMost(Duration.ofSeconds(15)).until(() -> count(
                "SELECT COUNT(*) FROM outbox_message WHERE kind = 'SMS' AND state = 'RETRY_WAIT' AND last_status = 429") == 1);
        assertThat(attribute(status, "EventsIn")).isEqualTo(1);
        assertThat(attribute(status, "TooManyRequests")).isEqualTo(tooManyBefore + 1);
        assertThat(attribute(intake, "EventsIn")).as("Clio deliveries do not reach intake").isZero();

        // Twilio's Retry-After paused its pacer: the next text, to another client, waits it out
        twilio.resetAll();
        stubTwilioAccepts();
        postSigned(ClioFixtures.fullDelivery(1002, "\"" + UUID.randomUUID() + "\"", "matter_opened", "+12015550103", null));
        // (the clock moves on: the first text is sent too once its Retry-After has passed)
        await().atMost(Duration.ofSeconds(15)).until(() -> count("""
                SELECT COUNT(*) FROM outbox_message WHERE kind = 'SMS' AND state = 'SENT'
                AND payload LIKE '%+12015550103%'""") == 1);
        assertThat(attribute(status, "EventsIn")).isEqualTo(2);
        assertThat(attribute(status, "RateLimitWaits")).isGreaterThan(waitsBefore);
        assertThat(attribute(status, "RateLimitWaitMillis")).as("most of the 3 s Retry-After")
                .isGreaterThanOrEqualTo(waitMillisBefore + 1000);

        JsonNode listed = json.readTree(get("/api/workflows", STAFF).body());
        JsonNode matterStatus = null;
        for (JsonNode workflow : listed) {
            if ("matter-status".equals(workflow.path("workflow").asText())) {
                matterStatus = workflow;
            }
        }
        assertThat(matterStatus).as("matter-status in GET /api/workflows: %s", listed).isNotNull();
        assertThat(matterStatus.path("eventsIn").asLong()).isEqualTo(2);
        assertThat(matterStatus.path("tooManyRequests").asLong()).isEqualTo(tooManyBefore + 1);
        assertThat(matterStatus.path("rateLimitWaits").asLong()).isGreaterThan(waitsBefore);
        assertThat(matterStatus.path("rateLimitWaitMillis").asLong()).isGreaterThanOrEqualTo(waitMillisBefore + 1000);

        String scrape = get("/actuator/prometheus", OPERATOR).body();
        assertThat(scrape).containsPattern(
                "(?m)^casewire_workflow_too_many_requests_total\\{[^}]*workflow=\"matter-status\"[^}]*} [1-9]");
        assertThat(scrape).containsPattern(
                "(?m)^casewire_workflow_rate_limit_wait_seconds_count\\{[^}]*workflow=\"matter-status\"[^}]*} [1-9]");
    }

    @Test
    void aWorkflowsMBeanShowsItsSchedulesAndRunsOneNow() throws Exception {
        String billing = "com.casewire:type=Workflow,name=billing";
        JsonNode schedules = json.readTree(postJson("/actuator/jolokia",
                "{\"type\":\"read\",\"mbean\":\"" + billing + "\",\"attribute\":\"Schedules\"}", OPERATOR).body());
        assertThat(schedules.path("value").path("billing-ladder").asText()).as("%s", schedules).contains("next 20");
        long before = ladderRuns();
        String run = "{\"type\":\"exec\",\"mbean\":\"" + billing + "\",\"operation\":\"runScheduleNow\",\"arguments\":[\"%s\"]}";
        assertThat(json.readTree(postJson("/actuator/jolokia", run.formatted("retainer-sweep"), OPERATOR).body())
                .path("value").asBoolean()).as("another workflow's schedule").isFalse();
        assertThat(json.readTree(postJson("/actuator/jolokia", run.formatted("billing-ladder"), OPERATOR).body())
                .path("value").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> ladderRuns() > before);
    }

    /** Exchanges of the billing ladder's schedule route, from Camel's route MBean (whatever the context is named). */
    private long ladderRuns() throws Exception {
        JsonNode read = json.readTree(postJson("/actuator/jolokia", "{\"type\":\"read\",\"mbean\":"
                + "\"org.apache.camel:type=routes,name=\\\"billing-schedule-ladder\\\",*\",\"attribute\":\"ExchangesTotal\"}",
                OPERATOR).body());
        assertThat(read.path("status").asInt()).as("the route's MBean: %s", read).isEqualTo(200);
        long total = 0;
        for (JsonNode route : read.path("value")) {
            total += route.path("ExchangesTotal").asLong();
        }
        return total;
    }

    /** A workflow MBean's numeric attribute, read over Jolokia as the operator. */
    private long attribute(String mbean, String attribute) throws Exception {
        JsonNode read = json.readTree(postJson("/actuator/jolokia", "{\"type\":\"read\",\"mbean\":\"" + mbean
                + "\",\"attribute\":\"" + attribute + "\"}", OPERATOR).body());
        assertThat(read.path("status").asInt()).as("%s %s: %s", mbean, attribute, read).isEqualTo(200);
        return read.path("value").asLong();
    }

    private void middayInNewYork() {
        clock.setTo(ZonedDateTime.of(2026, 11, 24, 12, 0, 0, 0, ZoneId.of("America/New_York")).toInstant());
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postJson(String path, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
