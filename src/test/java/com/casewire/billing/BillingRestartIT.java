package com.casewire.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real restart mid-ladder: the packaged hub (target/casewire-hub.jar, as {@code CrashSoakIT} starts it) on an H2
 * file database runs the ladder over twelve overdue invoices and is killed with SIGKILL in the middle of the run (when
 * the Clio stub has answered the eighth matter look-up), for stage 1 and again for stage 2. Restarted, the run is
 * repeated: every invoice must have its stage exactly once (one Message-ID per client and stage: a send whose outcome
 * the kill hid is resent with the same Message-ID, which mail clients show once) and none may be skipped. Stage 3
 * then runs on the restarted hub: one task each.
 */
class BillingRestartIT {

    static final String OPERATOR = "restart-operator-token";
    static final String CLIO_TOKEN = "restart-clio-token";
    static final int INVOICES = 12;
    static final ZoneId FIRM = ZoneId.of("America/New_York");

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    WireMockServer clio;
    GreenMail mail;
    Process hub;
    int port;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.destroyForcibly();
        }
        if (clio != null) {
            clio.stop();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    void aKillMidRunSendsNoStageTwiceAndSkipsNone() throws Exception {
        clio = new WireMockServer(options().dynamicPort());
        clio.start();
        int smtp = freePort();
        mail = new GreenMail(new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        Path data = Files.createTempDirectory("billing-restart");
        port = freePort();
        stubClio();

        AtomicInteger matterLookups = new AtomicInteger();
        AtomicInteger killAt = new AtomicInteger(-1);
        clio.addMockServiceRequestListener((request, response) -> {
            if (request.getUrl().startsWith("/api/v4/matters/") && matterLookups.incrementAndGet() == killAt.get()) {
                kill(); // mid-run: seven invoices done, the eighth in its transaction
            }
        });

        for (int stage = 1; stage <= 2; stage++) {
            stubBills(stage == 1 ? 7 : 14);
            if (hub == null || !hub.isAlive()) {
                hub = launch(data, stage);
                awaitHealthy();
            }
            killAt.set(matterLookups.get() + 8);
            runLadder(); // killed part-way
            assertThat(hub.waitFor(30, TimeUnit.SECONDS)).as("the hub was killed mid-run").isTrue();
            hub = launch(data, 10 + stage);
            awaitHealthy();
            JsonNode rest = runLadder(); // the rest of the day's stage
            assertThat(rest.path("stagesSent").size()).as("the kill came mid-run: some invoices were left for the restart")
                    .isBetween(1, INVOICES - 1);
            String subject = stage == 1 ? "Payment Due" : "Second Notice";
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> clientsWithOneMessage(subject) == INVOICES);
            assertThat(messageIdsPerClient(subject).values()).as("one %s per invoice", subject).allMatch(n -> n == 1);
            int reached = stage;
            assertThat(ladder().path("invoices")).hasSize(INVOICES)
                    .allSatisfy(i -> assertThat(i.path("stage").asInt()).isEqualTo(reached));
        }

        stubBills(21);
        runLadder();
        await().atMost(Duration.ofSeconds(60)).until(() -> clio.findAll(
                com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo("/api/v4/tasks.json"))).size() == INVOICES);
        Set<String> taskMatters = new HashSet<>();
        for (var task : clio.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo("/api/v4/tasks.json")))) {
            taskMatters.add(json.readTree(task.getBodyAsString()).path("data").path("matter").path("id").asText());
        }
        assertThat(taskMatters).hasSize(INVOICES);
        assertThat(messageIdsPerClient("Payment Due").values()).allMatch(n -> n == 1);
    }

    // ---- the vendors

    void stubClio() {
        for (int i = 1; i <= INVOICES; i++) {
            clio.stubFor(get(urlPathEqualTo("/api/v4/matters/" + (5000 + i) + ".json"))
                    .withHeader("Authorization", equalTo("Bearer " + CLIO_TOKEN))
                    .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                            {"data":{"id":%d,"etag":"\\"m\\"","display_number":"%d-R","description":"Restart matter %d",\
                            "status":"Open","responsible_attorney":{"id":78,"name":"Blair Advocate","email":"blair@firm.example"},\
                            "client":{"id":%d,"name":"Client %d","first_name":"Client","primary_email_address":"client%d@restart.example"}}}"""
                            .formatted(5000 + i, 5000 + i, i, 7000 + i, i, i))));
        }
        clio.stubFor(post(urlPathEqualTo("/api/v4/notes.json")).withHeader("Authorization", equalTo("Bearer " + CLIO_TOKEN))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"id\":7001,\"etag\":\"\\\"n\\\"\"}}")));
        clio.stubFor(post(urlPathEqualTo("/api/v4/tasks.json")).withHeader("Authorization", equalTo("Bearer " + CLIO_TOKEN))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"id\":6001,\"etag\":\"\\\"t\\\"\"}}")));
        // the billing partner's day-21 alert (Twilio's Messages resource on the same stub server)
        clio.stubFor(post(urlPathMatching("/2010-04-01/Accounts/[^/]+/Messages\\.json")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"sid":"SM00000000000000000000000000000001","status":"queued","to":"+12015550144",\
                        "from":"+12015550199","body":"alert","date_created":"Mon, 07 Dec 2026 09:00:00 +0000"}""")));
        // a note or task whose send the kill hid is looked up before it is written again: none of them is there yet
        clio.stubFor(get(urlPathMatching("/api/v4/(notes|tasks)\\.json")).withHeader("Authorization", equalTo("Bearer " + CLIO_TOKEN))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"data\":[],\"meta\":{\"paging\":{}}}")));
    }

    /** Every invoice due {@code daysAgo} days before today (the firm's date): the stage that many days brings. */
    void stubBills(int daysAgo) {
        LocalDate due = LocalDate.now(FIRM).minusDays(daysAgo);
        String data = IntStream.rangeClosed(1, INVOICES).mapToObj(i -> """
                {"id":%d,"etag":"\\"b\\"","number":"R-%d","state":"awaiting_payment","issued_at":"%s","due_at":"%s",\
                "balance":100.0,"total":100.0,"client":{"id":%d,"name":"Client %d","first_name":"Client",\
                "primary_email_address":"client%d@restart.example"},"matters":[{"id":%d}]}"""
                .formatted(9000 + i, i, due.minusDays(30), due, 7000 + i, i, i, 5000 + i)).collect(Collectors.joining(","));
        clio.stubFor(get(urlPathEqualTo("/api/v4/bills.json")).withHeader("Authorization", equalTo("Bearer " + CLIO_TOKEN))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":[" + data + "],\"meta\":{\"paging\":{}}}")));
    }

    Map<String, Integer> messageIdsPerClient(String subject) throws Exception {
        Map<String, Set<String>> ids = new HashMap<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            if (m.getSubject() != null && m.getSubject().contains(subject)) {
                ids.computeIfAbsent(m.getAllRecipients()[0].toString(), k -> new HashSet<>()).add(m.getMessageID());
            }
        }
        Map<String, Integer> out = new HashMap<>();
        ids.forEach((k, v) -> out.put(k, v.size()));
        return out;
    }

    long clientsWithOneMessage(String subject) throws Exception {
        return messageIdsPerClient(subject).values().stream().filter(n -> n >= 1).count();
    }

    // ---- the hub process

    Process launch(Path data, int life) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-jar", Path.of("target/casewire-hub.jar").toAbsolutePath().toString(),
                "--server.port=" + port,
                "--hub.data-dir=" + data,
                // the sandbox profile for the keys not given here (the packaged jar has no default profile)
                "--spring.profiles.active=sandbox",
                "--hub.routes-dir=" + Path.of("routes").toAbsolutePath(),
                "--hub.public-base-url=https://hub.restart.example",
                "--hub.firm.name=Restart Law",
                "--hub.api.token=restart-api-token",
                "--hub.api.operator-token=" + OPERATOR,
                "--hub.clio.base-url=" + clio.baseUrl() + "/api/v4",
                "--hub.clio.access-token=" + CLIO_TOKEN,
                "--hub.clio.requests-per-minute=60000",
                "--hub.clio.manage-webhooks=false",
                "--hub.twilio.base-url=" + clio.baseUrl(),
                "--hub.twilio.account-sid=AC00000000000000000000000000000009",
                "--hub.twilio.auth-token=restart-twilio-token",
                "--hub.twilio.from-number=+12015550199",
                "--hub.mail.from=updates@restartlaw.example",
                "--hub.mail.messages-per-second=100",
                "--hub.lawpay.payment-page-url=https://secure.affinipay.com/pages/restart/operating",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + mail.getSmtp().getPort(),
                "--hub.outbox.claim-timeout=10s",
                "--hub.inbox.sweep-interval-millis=1000",
                "--logging.level.org.apache.camel=WARN"));
        File log = Path.of("target", "billing-restart-hub-" + life + ".log").toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    synchronized void kill() {
        Process p = hub;
        if (p != null && p.isAlive()) {
            p.destroyForcibly(); // SIGKILL: no shutdown hooks, no drain
        }
    }

    /** Today's run, as the schedule would start it; its answer, or a missing node when the kill cut it off. */
    JsonNode runLadder() throws InterruptedException {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/billing/ladder/run"))
                    .header("Authorization", "Bearer " + OPERATOR).timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            System.out.println("ladder run answered " + answer.statusCode() + " " + answer.body());
            assertThat(answer.statusCode()).as("the run's answer: %s", answer.body()).isEqualTo(200);
            return json.readTree(answer.body());
        } catch (IOException killedMidRun) {
            return json.missingNode(); // the connection dies with the process
        }
    }

    JsonNode ladder() throws Exception {
        return json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/billing/ladder"))
                .header("Authorization", "Bearer restart-api-token").build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    void awaitHealthy() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> com.casewire.support.HubReadiness.ready(http, "http://127.0.0.1:" + port));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
