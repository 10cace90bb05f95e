package com.casewire.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.practice.clio.ClioWebhookVerifier;
import com.casewire.support.HubReadiness;
import com.casewire.support.PostgresSchema;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two real hub processes (the packaged jar) on one PostgreSQL schema, as a firm runs them behind a load balancer, with
 * the contract-following vendors of the soak ({@link SoakVendors}):
 * <ul>
 *   <li>each schedule fires once per period between them (the recovery sweep, every second, read over Jolokia);</li>
 *   <li>signed Clio deliveries posted to both become one text and one note each;</li>
 *   <li>the Clio budget holds in sum: 10 calls a second for the firm's token, whichever hub makes them (two hubs
 *       pacing on their own would make up to twice that);</li>
 *   <li>one is killed (SIGKILL) in the middle of the Clio work: the other finishes the dead one's deliveries and
 *       sends, fires every schedule alone, and nobody is texted twice.</li>
 * </ul>
 */
class TwoHubsOnPostgresIT {

    static final int DELIVERIES = 120;
    static final int CLIO_PER_MINUTE = 600;
    static final Duration WINDOW = Duration.ofSeconds(10);
    static final String SWEEP_ROUTE = "org.apache.camel:context=casewire,type=routes,name=\"hub-sweep-recovery\"";

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final ObjectMapper json = new ObjectMapper();
    final List<Process> processes = new ArrayList<>();

    record Hub(String name, Process process, String base) {
    }

    @AfterEach
    void stopHubs() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void twoHubsShareDeliveriesSchedulesAndTheClioBudgetAndOneCarriesOnAlone() throws Exception {
        PostgresSchema.require("the two-hub test");
        PostgresSchema schema = new PostgresSchema("cw_twohubs_").create();
        try (SoakVendors vendors = new SoakVendors()) {
            Hub a = start("a", vendors, schema);
            Hub b = start("b", vendors, schema);

            // the sweep, once a second, fires about once a second between them (twice, were each firing it)
            long firedTogether = sweepsDuring(WINDOW, a, b);
            assertThat(firedTogether).as("sweeps in %s by both hubs", WINDOW).isBetween(6L, 13L);

            for (int n = 0; n < DELIVERIES; n++) {
                long matterId = 500_000L + n;
                vendors.matter(matterId, "+1201%03d%04d".formatted(300, n), "twohubs%d@soak.example".formatted(n));
            }
            List<Long> acknowledged = new ArrayList<>();
            for (int n = 0; n < DELIVERIES; n++) {
                Hub first = n % 2 == 0 ? a : b;
                long matterId = 500_000L + n;
                assertThat(deliver(first, matterId) || deliver(first == a ? b : a, matterId))
                        .as("delivery %d acknowledged by one of the hubs", n).isTrue();
                acknowledged.add(matterId);
            }

            // each delivery costs two Clio calls (the matter, the note): kill b with about a third of them made
            await().atMost(Duration.ofMinutes(2)).until(() -> vendors.clioCalls.size() >= (2 * DELIVERIES) / 3);
            b.process().destroyForcibly();
            assertThat(b.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            Instant killedAt = Instant.now();

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    acknowledged.stream().allMatch(m -> texts(vendors, m) >= 1 && notes(vendors, m) >= 1));
            Thread.sleep(3_000); // anything sent twice would arrive by now
            for (long matterId : acknowledged) {
                assertThat(texts(vendors, matterId)).as("texts for matter %d", matterId).isEqualTo(1);
                assertThat(notes(vendors, matterId)).as("notes on matter %d", matterId).isEqualTo(1);
            }
            assertThat(vendors.messages).hasSize(DELIVERIES);

            int busiest = busiestWindow(vendors.clioCalls, WINDOW);
            int budget = (int) (CLIO_PER_MINUTE * WINDOW.toSeconds() / 60);
            System.out.printf("Clio calls: %d in all, at most %d in any %s (budget %d); b killed at %s%n",
                    vendors.clioCalls.size(), busiest, WINDOW, budget, killedAt);
            assertThat(busiest).as("Clio calls in the busiest %s, both hubs together", WINDOW)
                    .isLessThanOrEqualTo(budget + budget / 33); // the budget, give or take arrival jitter (3 %)

            long firedAlone = sweepsDuring(WINDOW, a);
            assertThat(firedAlone).as("sweeps in %s by the survivor", WINDOW).isBetween(6L, 13L);
        } finally {
            processes.forEach(Process::destroyForcibly);
            schema.drop();
        }
    }

    // ---- the vendors' side

    static long texts(SoakVendors vendors, long matterId) {
        String phone = "+1201%03d%04d".formatted(300, matterId - 500_000L);
        return vendors.messages.stream().filter(m -> m.to().equals(phone)).count();
    }

    static long notes(SoakVendors vendors, long matterId) {
        return vendors.notesByMatter.getOrDefault(String.valueOf(matterId), List.of()).size();
    }

    /** The most calls that fell within any {@code window} (calls sorted by arrival). */
    static int busiestWindow(List<Instant> calls, Duration window) {
        List<Instant> sorted = calls.stream().sorted().toList();
        int most = 0;
        for (int first = 0, last = 0; last < sorted.size(); last++) {
            while (Duration.between(sorted.get(first), sorted.get(last)).compareTo(window) >= 0) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    // ---- the hubs

    Hub start(String name, SoakVendors vendors, PostgresSchema schema) throws Exception {
        int port = freePort();
        Path data = Files.createTempDirectory("casewire-two-hubs-" + name);
        List<String> command = CrashSoak.hubCommand(vendors, port, data, Map.of(
                "hub.clio.requests-per-minute", String.valueOf(CLIO_PER_MINUTE),
                "hub.outbox.claim-timeout", "10s"));
        command.addAll(schema.hubArguments());
        File log = Path.of("target", "two-hubs-" + name + ".log").toFile();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        processes.add(process);
        String base = "http://127.0.0.1:" + port;
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> !process.isAlive() || HubReadiness.ready(http, base));
        assertThat(process.isAlive()).as("hub %s started; see %s", name, log).isTrue();
        return new Hub(name, process, base);
    }

    /** Posts one signed delivery; true when the hub acknowledged it (2xx). */
    boolean deliver(Hub hub, long matterId) throws InterruptedException {
        String body = CrashSoak.matterDelivery(matterId, "matter_opened");
        HttpRequest request = HttpRequest.newBuilder(URI.create(hub.base() + "/webhooks/clio"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("X-Hook-Signature", ClioWebhookVerifier.sign(body.getBytes(StandardCharsets.UTF_8), CrashSoak.WEBHOOK_SECRET))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2;
        } catch (IOException refused) {
            return false;
        }
    }

    /** How often the recovery sweep ran on these hubs within {@code window}, from Camel's route MBean over Jolokia. */
    long sweepsDuring(Duration window, Hub... hubs) throws Exception {
        long before = 0;
        for (Hub hub : hubs) {
            before += sweepsCompleted(hub);
        }
        Thread.sleep(window.toMillis());
        long after = 0;
        for (Hub hub : hubs) {
            after += sweepsCompleted(hub);
        }
        return after - before;
    }

    long sweepsCompleted(Hub hub) throws Exception {
        String read = json.writeValueAsString(Map.of("type", "read", "mbean", SWEEP_ROUTE, "attribute", "ExchangesCompleted"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(hub.base() + "/actuator/jolokia"))
                .header("Authorization", "Bearer " + CrashSoak.API_TOKEN).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(read)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.path("status").asInt()).as("Jolokia read on hub %s: %s", hub.name(), response.body()).isEqualTo(200);
        return answer.path("value").asLong();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
