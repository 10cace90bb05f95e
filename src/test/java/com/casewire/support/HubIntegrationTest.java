package com.casewire.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.awaitility.Awaitility.await;

import com.casewire.CaseWireApplication;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hub over real HTTP, with contract-following vendor stubs: WireMock for Clio (Bearer token, data
 * envelopes, Clio error bodies) and Twilio (Basic auth, form fields, Twilio error bodies), GreenMail for
 * SMTP, and a clock tests can move. Subclasses pick the database.
 */
@CamelSpringBootTest
@SpringBootTest(classes = {CaseWireApplication.class, HubIntegrationTest.Clocks.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class HubIntegrationTest {

    public static final String CLIENT_PHONE = "+12015550100";
    public static final String CLIENT_EMAIL = "jane.doe@example.com";

    protected static final WireMockServer clio = new WireMockServer(options().dynamicPort());
    protected static final WireMockServer twilio = new WireMockServer(options().dynamicPort());
    protected static final GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private static final HttpClient http = HttpClient.newHttpClient();

    static {
        clio.start();
        twilio.start();
        mail.start();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }

    @DynamicPropertySource
    static void vendorEndpoints(DynamicPropertyRegistry registry) {
        registry.add("hub.clio.base-url", () -> clio.baseUrl() + "/api/v4");
        registry.add("hub.twilio.base-url", twilio::baseUrl);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        // a subclass with an SMTP server of its own (one it can stop) sets casewire.test.smtp-port: the superclass's
        // dynamic properties are applied after the subclass's, so it could not override spring.mail.port itself
        registry.add("spring.mail.port", () -> "${casewire.test.smtp-port:" + mail.getSmtp().getPort() + "}");
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected NamedParameterJdbcTemplate jdbc;
    @Autowired
    protected TestClock clock;

    @BeforeEach
    void resetWorld() throws Exception {
        clock.reset();
        clio.resetAll();
        twilio.resetAll();
        quiesceTimers();
        quiesceOutbox();
        clio.resetAll();
        twilio.resetAll();
        mail.purgeEmailFromAllMailboxes();
        for (String table : List.of("inbox_event", "outbox_message", "communication_log", "scheduled_action", "approval",
                "opt_out", "security_event", "clio_webhook", "status_update", "status_window", "channel_preference")) {
            jdbc.update("DELETE FROM " + table, Map.of());
        }
        jdbc.update("UPDATE communication_chain_head SET last_seq = 0, last_hash = :genesis",
                Map.of("genesis", "0".repeat(64)));
        stubClio();
        stubTwilioAccepts();
    }

    /**
     * A timer the previous test left due may be running right now; deleting the rows under it would let it act on
     * half-deleted state (a lead gone, a round-robin advanced) in the next test. Pending timers are pushed out of
     * reach first, then the ones already claimed are waited for.
     */
    private void quiesceTimers() {
        jdbc.update("UPDATE scheduled_action SET due_at = :never WHERE state = 'PENDING'",
                Map.of("never", java.sql.Timestamp.from(java.time.Instant.parse("2999-01-01T00:00:00Z"))));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM scheduled_action WHERE state = 'CLAIMED'",
                        Map.of(), Long.class) == 0);
    }

    /**
     * A message the previous test left in flight (a write-back note still being sent when its last assertion held)
     * would otherwise reach the stubs after they were reset and be counted by this test. Queued messages are pushed
     * out of reach, then the ones being sent are given a few seconds to finish; a row left SENDING for good (a test
     * that simulated a crash) does not hold the next test up for longer.
     */
    private void quiesceOutbox() throws InterruptedException {
        jdbc.update("UPDATE outbox_message SET next_attempt_at = :never WHERE state IN ('PENDING', 'RETRY_WAIT')",
                Map.of("never", java.sql.Timestamp.from(java.time.Instant.parse("2999-01-01T00:00:00Z"))));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline && jdbc.queryForObject(
                "SELECT COUNT(*) FROM outbox_message WHERE state = 'SENDING'", Map.of(), Long.class) > 0) {
            Thread.sleep(20);
        }
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Clio: GET /matters/{id}.json and POST /notes.json with the access token; 401/404/422 otherwise. */
    protected void stubClio() {
        clio.stubFor(get(urlPathMatching("/api/v4/.*")).atPriority(10)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody(ClioFixtures.clioError("UnauthorizedError", "The access token is invalid"))));
        clio.stubFor(post(urlPathMatching("/api/v4/.*")).atPriority(10)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody(ClioFixtures.clioError("UnauthorizedError", "The access token is invalid"))));
        clio.stubFor(get(urlPathMatching("/api/v4/matters/\\d+\\.json")).atPriority(5)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody(ClioFixtures.clioError("RecordNotFound", "Matter could not be found"))));
        clio.stubFor(get(urlPathEqualTo("/api/v4/matters/1001.json")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withHeader("X-API-VERSION", matching("4\\.\\d+\\.\\d+"))
                .withQueryParam("fields", containing("client{"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(ClioFixtures.matterResponse(1001, CLIENT_PHONE, CLIENT_EMAIL))));
        clio.stubFor(post(urlEqualTo("/api/v4/notes.json")).atPriority(5)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                        .withBody(ClioFixtures.clioError("ValidationError", "type and matter are required"))));
        clio.stubFor(post(urlEqualTo("/api/v4/notes.json")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withRequestBody(matchingJsonPath("$.data.type", equalTo("Matter")))
                .withRequestBody(matchingJsonPath("$.data.matter.id"))
                .withRequestBody(matchingJsonPath("$.data.subject"))
                .withRequestBody(matchingJsonPath("$.data.detail"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"id\":7001,\"etag\":\"\\\"n1\\\"\"}}")));
    }

    /** Twilio: 201 for an authenticated form POST with To, From and Body; 401 (code 20003) otherwise. */
    protected void stubTwilioAccepts() {
        twilio.stubFor(post(urlEqualTo(TwilioFixtures.MESSAGES_PATH)).atPriority(10)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody(TwilioFixtures.error(20003, "Authenticate", 401))));
        twilio.stubFor(post(urlEqualTo(TwilioFixtures.MESSAGES_PATH)).atPriority(5)
                .withBasicAuth(TwilioFixtures.ACCOUNT_SID, TwilioFixtures.AUTH_TOKEN)
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("To", matching("\\+[1-9]\\d{6,14}"))
                .withFormParam("From", equalTo(TwilioFixtures.FROM))
                .withFormParam("Body", matching("(?s).+"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(TwilioFixtures.created("SM0123456789abcdef0123456789abcdef", CLIENT_PHONE))));
    }

    protected HttpResponse<String> postClio(String body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/clio"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Hook-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> postSigned(String body) throws Exception {
        return postClio(body, ClioFixtures.sign(body));
    }

    protected HttpResponse<String> api(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer test-api-token")
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    protected List<LoggedRequest> smsRequests() {
        return twilio.findAll(postRequestedFor(urlEqualTo(TwilioFixtures.MESSAGES_PATH)));
    }

    protected List<LoggedRequest> noteRequests() {
        return clio.findAll(postRequestedFor(urlEqualTo("/api/v4/notes.json")));
    }

    protected long count(String sql) {
        Long n = jdbc.queryForObject(sql, Map.of(), Long.class);
        return n == null ? 0 : n;
    }

    protected String outboxState(String kind) {
        List<String> states = jdbc.queryForList("SELECT state FROM outbox_message WHERE kind = :kind",
                Map.of("kind", kind), String.class);
        return states.isEmpty() ? null : states.get(0);
    }

    /** Waits until every inbox row is processed or failed. */
    protected void awaitInboxSettled() {
        await().atMost(Duration.ofSeconds(10)).until(() ->
                count("SELECT COUNT(*) FROM inbox_event WHERE state = 'RECEIVED'") == 0);
    }
}
