package com.casewire.spine;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.casewire.support.ClioFixtures;
import com.casewire.support.PostgresSchema;
import com.casewire.support.TwilioFixtures;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real crash: the packaged hub is started as its own process, acknowledges a signed Clio delivery, and
 * is killed with SIGKILL while it is still processing it (the Clio matter fetch hangs). A new process on
 * the same database must deliver the update: exactly one SMS and one note.
 */
class ProcessKillRecoveryIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final WireMockServer clio = new WireMockServer(options().dynamicPort());
    private final WireMockServer twilio = new WireMockServer(options().dynamicPort());
    private final List<Process> processes = new ArrayList<>();
    private Path dataDir;
    private int port;
    private int mailPort;

    @BeforeEach
    void start() throws IOException {
        clio.start();
        twilio.start();
        dataDir = Files.createTempDirectory("casewire-kill");
        try (ServerSocket socket = new ServerSocket(0); ServerSocket mailSocket = new ServerSocket(0)) {
            port = socket.getLocalPort();
            mailPort = mailSocket.getLocalPort(); // nothing listens: no email is expected in this test
        }
        twilio.stubFor(post(urlEqualTo(TwilioFixtures.MESSAGES_PATH))
                .withBasicAuth(TwilioFixtures.ACCOUNT_SID, TwilioFixtures.AUTH_TOKEN)
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(TwilioFixtures.created("SMafterCrash", "+12015550100"))));
        clio.stubFor(post(urlEqualTo("/api/v4/notes.json"))
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"id\":7001}}")));
    }

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        clio.stop();
        twilio.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void rowLeftByAKilledProcessIsProcessedAfterRestart(String database) throws Exception {
        List<String> dbArgs = database.equals("h2") ? List.of() : postgresArgs();
        // the first process hangs in the matter fetch, so the row is claimed but unfinished when it dies
        clio.stubFor(get(urlPathEqualTo("/api/v4/matters/1001.json"))
                .willReturn(aResponse().withFixedDelay(60_000).withStatus(200)
                        .withBody(ClioFixtures.matterResponse(1001, "+12015550100", "jane@example.com"))));
        Process first = launch("first", dbArgs);
        awaitHealthy();

        String body = ClioFixtures.thinDelivery(1001, "\"" + UUID.randomUUID() + "\"", "matter_closed");
        HttpResponse<String> ack = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/webhooks/clio"))
                .header("Content-Type", "application/json").header("X-Hook-Signature", ClioFixtures.sign(body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.body()).contains("accepted");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !clio.findAll(getRequestedFor(urlPathEqualTo("/api/v4/matters/1001.json"))).isEmpty());

        first.destroyForcibly(); // SIGKILL: no shutdown hooks, no graceful drain
        assertThat(first.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(twilio.findAll(postRequestedFor(urlEqualTo(TwilioFixtures.MESSAGES_PATH)))).isEmpty();

        clio.resetMappings();
        clio.stubFor(get(urlPathEqualTo("/api/v4/matters/1001.json"))
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(ClioFixtures.matterResponse(1001, "+12015550100", "jane@example.com"))));
        clio.stubFor(post(urlEqualTo("/api/v4/notes.json"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"id\":7001}}")));
        launch("second", dbArgs);
        awaitHealthy();

        await().atMost(Duration.ofSeconds(40))
                .until(() -> twilio.findAll(postRequestedFor(urlEqualTo(TwilioFixtures.MESSAGES_PATH))).size() == 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> clio.findAll(postRequestedFor(urlEqualTo("/api/v4/notes.json"))).size() == 1);
        Thread.sleep(2_000); // another sweep cycle: a second send would show now
        assertThat(twilio.findAll(postRequestedFor(urlEqualTo(TwilioFixtures.MESSAGES_PATH)))).hasSize(1);
        assertThat(clio.findAll(postRequestedFor(urlEqualTo("/api/v4/notes.json")))).hasSize(1);
    }

    private List<String> postgresArgs() throws Exception {
        assumeTrue(PostgresSchema.reachable(), "PostgreSQL is not reachable; PostgreSQL kill test skipped");
        return new PostgresSchema("cw_kill_").create().hubArguments();
    }

    private Process launch(String name, List<String> extraArgs) throws IOException {
        Path jar = Path.of("target", "casewire-hub.jar").toAbsolutePath();
        assertThat(jar).exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-jar", jar.toString(),
                "--spring.profiles.active=kill-test",
                "--server.port=" + port,
                "--hub.data-dir=" + dataDir,
                "--hub.routes-dir=" + Path.of("routes").toAbsolutePath(),
                "--hub.public-base-url=https://hub.test.example",
                "--hub.firm.name=Test Law LLP",
                "--hub.firm.time-zone=Pacific/Kiritimati",
                "--hub.notifications.quiet-hours-end=00:00",
                "--hub.notifications.quiet-hours-start=23:59:59",
                "--hub.clio.base-url=" + clio.baseUrl() + "/api/v4",
                "--hub.clio.access-token=" + ClioFixtures.ACCESS_TOKEN,
                "--hub.clio.webhook-secret=" + ClioFixtures.WEBHOOK_SECRET,
                "--hub.twilio.base-url=" + twilio.baseUrl(),
                "--hub.twilio.account-sid=" + TwilioFixtures.ACCOUNT_SID,
                "--hub.twilio.auth-token=" + TwilioFixtures.AUTH_TOKEN,
                "--hub.twilio.from-number=" + TwilioFixtures.FROM,
                "--hub.mail.from=updates@testlaw.example",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + mailPort,
                "--hub.outbox.vendor-timeout=90s",
                "--hub.inbox.sweep-grace=1s",
                "--hub.inbox.sweep-interval-millis=500",
                "--spring.jmx.enabled=false",
                "--hub.clio.manage-webhooks=false",
                "--camel.main.jmx-enabled=false"));
        command.addAll(extraArgs);
        File log = Path.of("target", "kill-test-" + name + ".log").toFile();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        processes.add(process);
        return process;
    }

    private void awaitHealthy() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> com.casewire.support.HubReadiness.ready(HTTP, base()));
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
