package com.casewire.spine;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.support.ClioFixtures;
import com.casewire.support.CuttableTcpProxy;
import com.casewire.support.HubIntegrationTest;
import com.casewire.support.LogEntries;
import com.casewire.support.PostgresSchema;
import com.casewire.support.TwilioFixtures;
import com.casewire.twilio.TwilioSignature;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hub on PostgreSQL through a proxy that is cut like a network outage: while the database cannot be reached every
 * webhook and the web form answer 503 with Retry-After (the vendor retries) and nothing is stored; when it is back the
 * hub carries on by itself, no restart: the retried delivery reaches the client by SMS, and the recovery sweep (a
 * quartz job that failed all through the outage) still runs. Skipped, and said so, where no PostgreSQL answers.
 */
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext // its schema is dropped after the class: a cached context would go on polling it
class DatabaseOutageOnPostgresTest extends HubIntegrationTest {

    static final PostgresSchema SCHEMA = new PostgresSchema("cw_outage_");
    /** What the log says about a database it cannot reach: the pool's, the driver's and the hub's words. */
    static final List<String> OUTAGE = List.of("database unavailable", "Connection refused", "JDBC Connection",
            "I/O error", "08006", "08001", "connection has been closed", "Connection is not available",
            "Connection is closed", "Failed to obtain DB connection");
    static final CuttableTcpProxy DATABASE = startProxy();

    private static CuttableTcpProxy startProxy() {
        try {
            return CuttableTcpProxy.start("127.0.0.1", 5432);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void requirePostgres() {
        PostgresSchema.require("database outage test");
    }

    @AfterAll
    static void dropSchema(ApplicationContext hub) throws Exception {
        DATABASE.restore();
        SCHEMA.dropAfter(hub);
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        SCHEMA.registerThrough(registry, DATABASE);
    }

    @Test
    void webhooksAnswer503WhileTheDatabaseIsCutAndTheHubCarriesOnWhenItIsBack(CapturedOutput output) throws Exception {
        clock.setTo(ZonedDateTime.of(2026, 11, 24, 12, 0, 0, 0, ZoneId.of("America/New_York")).toInstant());
        int logFrom = output.getOut().length(); // what the hub logs from here on, not its start-up
        String delivery = ClioFixtures.fullDelivery(1001, "\"" + UUID.randomUUID() + "\"", "matter_opened", CLIENT_PHONE,
                CLIENT_EMAIL);

        DATABASE.cut();
        long started = System.nanoTime();
        HttpResponse<String> clioAnswer = post("/webhooks/clio", "application/json", delivery,
                Map.of("X-Hook-Signature", ClioFixtures.sign(delivery)));
        long clioMillis = (System.nanoTime() - started) / 1_000_000;
        HttpResponse<String> lawpayAnswer = post("/webhooks/lawpay", "application/json", "{\"id\":\"evt_" + UUID.randomUUID()
                + "\",\"type\":\"transaction.completed\"}", Map.of());
        started = System.nanoTime();
        HttpResponse<String> twilioAnswer = postInboundSms();
        long twilioMillis = (System.nanoTime() - started) / 1_000_000;
        HttpResponse<String> formAnswer = post("/intake/web-form", "application/json",
                "{\"name\":\"Sam Lead\",\"phone\":\"+12015550123\",\"matterType\":\"injury\"}", Map.of());
        System.out.printf("database cut: Clio answered %d in %d ms, Twilio %d in %d ms%n", clioAnswer.statusCode(),
                clioMillis, twilioAnswer.statusCode(), twilioMillis);

        for (HttpResponse<String> answer : List.of(clioAnswer, twilioAnswer, formAnswer)) {
            assertThat(answer.statusCode()).as(answer.uri().getPath()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).as(answer.uri().getPath()).hasValue("30");
            assertThat(answer.body()).contains("\"error\":\"database_unavailable\"");
        }
        // LawPay is not configured in the tests: it says so without touching the database
        assertThat(lawpayAnswer.statusCode()).isEqualTo(503);
        // the schedules live in the database too (clustered Quartz): while it is cut nothing fires, and the scheduler
        // says so in one line per attempt
        await().atMost(Duration.ofSeconds(20)).until(() -> output.getOut().substring(logFrom)
                .contains("quartz: database unavailable, the scheduler tries again"));
        // not ready (an orchestrator stops sending traffic), still live (it does not restart the hub)
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503);
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);

        DATABASE.restore();
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/actuator/health/readiness").statusCode() == 200);

        // the pool reconnects on its own back-off (up to half its 5 s time-out after a run of failures)
        long stored = await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> count("SELECT COUNT(*) FROM inbox_event"), n -> n >= 0);
        assertThat(stored).as("nothing was stored while cut").isZero();
        HttpResponse<String> retried = postSigned(delivery); // the vendor's retry
        assertThat(retried.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> smsRequests().size() == 1);
        assertThat(twilio.findAll(postRequestedFor(urlEqualTo(TwilioFixtures.MESSAGES_PATH))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(
                        URLEncoder.encode(CLIENT_PHONE, StandardCharsets.UTF_8))))).hasSize(1);
        // a row only the recovery sweep drives: the quartz job survived its failures
        jdbc.update("""
                INSERT INTO inbox_event (source, dedupe_key, event_type, payload, state, attempts, received_at, next_attempt_at)
                VALUES ('clio', 'outage-sweep', 'matter_opened', :payload, 'RECEIVED', 0, :at, :at)""",
                Map.of("payload", ClioFixtures.fullDelivery(1002, "\"s1\"", "matter_opened", CLIENT_PHONE, CLIENT_EMAIL),
                        "at", Timestamp.from(clock.instant().minusSeconds(60))));
        await().atMost(Duration.ofSeconds(20)).until(() -> smsRequests().size() == 2);

        List<LogEntries.Entry> entries = LogEntries.of(output.getOut().substring(logFrom));
        List<LogEntries.Entry> outage = entries.stream().filter(e -> OUTAGE.stream().anyMatch(e.text()::contains))
                // another test's hub shutting down (its pool closed under its quartz threads) is not this outage
                .filter(e -> !(e.text().contains("HikariDataSource") && e.text().contains("has been closed")))
                .toList();
        assertThat(outage).as("entries about the outage").isNotEmpty().noneMatch(LogEntries.Entry::hasStackTrace);
        assertThat(entries.stream().filter(e -> e.header().contains("503, database unavailable")))
                .as("one line per refused request").hasSize(3);
        assertThat(entries).anyMatch(e -> e.header().contains("quartz: database unavailable, the scheduler tries again"));
    }

    private HttpResponse<String> postInboundSms() throws Exception {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("MessageSid", List.of("SM" + UUID.randomUUID().toString().replace("-", "")));
        params.put("AccountSid", List.of(TwilioFixtures.ACCOUNT_SID));
        params.put("From", List.of(CLIENT_PHONE));
        params.put("To", List.of(TwilioFixtures.FROM));
        params.put("Body", List.of("Thanks"));
        String path = "/webhooks/twilio/sms";
        String form = params.entrySet().stream().flatMap(e -> e.getValue().stream()
                        .map(v -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                                + URLEncoder.encode(v, StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
        return post(path, "application/x-www-form-urlencoded", form, Map.of("X-Twilio-Signature",
                TwilioSignature.compute(TwilioFixtures.AUTH_TOKEN, "https://hub.test.example" + path, params)));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String contentType, String body, Map<String, String> headers)
            throws Exception {
        // a request waiting out Hikari's default connection timeout (30 s) fails here: the vendor would have given up
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
