package com.casewire.routetest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.ops.HubOperations;
import com.casewire.practice.clio.ClioWebhookVerifier;
import com.casewire.sandbox.SandboxWorld;
import com.casewire.support.RoutesCopy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Issue #18's silent loss, as an integrator meets it: a template with a typo ({{client.frstName}}) fails the client's
 * update at send time. The event is not lost: it is FAILED, listed by the API with its error, shown on the sandbox page,
 * counted in the stuck health group (while the hub itself stays UP) and in JMX. Once the file is fixed and the hub
 * restarted, a replay sends the update once; replaying again, even an event whose message went out, sends nothing more.
 */
class FailedEventReplayTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static final java.time.Instant NOON = java.time.Instant.parse("2026-11-24T17:00:00Z");
    static final Path TEMPLATE = Path.of("templates/matter-status/matter-opened.personal-injury.sms.txt");

    @TempDir
    Path temp;

    @Test
    void aMessageATemplateCannotRenderWaitsVisiblyAndIsSentOnceAfterTheFix() throws Exception {
        Path routes = RoutesCopy.of(temp.resolve("routes"));
        Path template = routes.resolve(TEMPLATE);
        String good = Files.readString(template);
        assertThat(good).contains("{{client.firstName}}");
        Files.writeString(template, good.replace("{{client.firstName}}", "{{client.frstName}}"));
        String database = "jdbc:h2:file:" + temp.resolve("db/casewire") + ";DB_CLOSE_ON_EXIT=FALSE";
        long id;

        try (RouteTestHub hub = RouteTestHub.start(routes, database, Map.of())) {
            hub.clock().setTo(NOON); // outside quiet hours: the update is rendered now, not held for the morning
            assertThat(postMatterOpened(hub).statusCode()).isEqualTo(200);
            NamedParameterJdbcTemplate jdbc = hub.bean(NamedParameterJdbcTemplate.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                    "SELECT COUNT(*) FROM inbox_event WHERE state = 'FAILED'", Map.of(), Long.class) == 1);

            JsonNode failed = JSON.readTree(call(hub, "GET", "/api/inbox?state=FAILED").body());
            assertThat(failed).hasSize(1);
            id = failed.get(0).path("id").asLong();
            assertThat(failed.get(0).path("source").asText()).isEqualTo("clio");
            assertThat(failed.get(0).path("eventType").asText()).isEqualTo("matter_opened");
            assertThat(failed.get(0).path("lastError").asText())
                    .contains("matter-status/matter-opened.personal-injury.sms.txt", "{{client.frstName}}");
            assertThat(call(hub, "GET", "/api/inbox?state=LOST").statusCode()).isEqualTo(400);

            HttpResponse<String> stuck = call(hub, "GET", "/actuator/health/stuck");
            assertThat(stuck.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(stuck.body()).path("components").path("stuck").path("details").path("inboxFailed").asLong()).isEqualTo(1);
            HttpResponse<String> overall = call(hub, "GET", "/actuator/health");
            assertThat(overall.statusCode()).as("a stuck message does not make an orchestrator restart the hub").isEqualTo(200);
            assertThat(JSON.readTree(overall.body()).path("status").asText()).isEqualTo("UP");

            HubOperations jmx = hub.bean(HubOperations.class);
            assertThat(jmx.getInboxFailed()).isEqualTo(1);
            assertThat(jmx.getFailedInboxEvents()).singleElement().asString().startsWith(id + " clio matter_opened: ")
                    .contains("{{client.frstName}}");
            assertThat(call(hub, "GET", "/sandbox").body()).contains("Events no route could process", "client.frstName");
            assertThat(hub.bean(SandboxWorld.class).sent()).as("nothing reached the client").isEmpty();

            // replayed before the fix, it fails again and stays visible
            assertThat(call(hub, "POST", "/api/inbox/" + id + "/replay").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> jmx.getInboxFailed() == 1
                    && jdbc.queryForObject("SELECT attempts FROM inbox_event WHERE id = :id", Map.of("id", id), Integer.class) == 1);
        }

        Files.writeString(template, good); // the integrator fixes the file and restarts the hub
        try (RouteTestHub hub = RouteTestHub.start(routes, database, Map.of())) {
            hub.clock().setTo(NOON.plus(Duration.ofMinutes(10)));
            SandboxWorld world = hub.bean(SandboxWorld.class);
            assertThat(call(hub, "POST", "/api/inbox/" + id + "/replay").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> world.sent().size() == 1);
            assertThat(world.sent().get(0).to()).isEqualTo("+12015550100");
            assertThat(world.sent().get(0).text()).startsWith("Hi Jane, Sandbox Law Group has opened your injury claim");
            assertThat(call(hub, "POST", "/api/inbox/" + id + "/replay").statusCode()).as("processed: nothing to replay")
                    .isEqualTo(409);
            HubOperations jmx = hub.bean(HubOperations.class);
            assertThat(jmx.getInboxFailed()).isZero();
            assertThat(call(hub, "GET", "/actuator/health/stuck").statusCode()).isEqualTo(200);

            // an event replayed after its message went out (its row failed again for a later step, say): the outbox's
            // idempotency key holds, the client gets nothing twice
            NamedParameterJdbcTemplate jdbc = hub.bean(NamedParameterJdbcTemplate.class);
            jdbc.update("UPDATE inbox_event SET state = 'FAILED' WHERE id = :id", Map.of("id", id));
            assertThat(jmx.replayInboxEvent(id)).isTrue();
            await().atMost(Duration.ofSeconds(20)).until(() -> "PROCESSED".equals(jdbc.queryForObject(
                    "SELECT state FROM inbox_event WHERE id = :id", Map.of("id", id), String.class)));
            Thread.sleep(1_500); // a second send would show by now
            assertThat(world.sent()).hasSize(1);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox_message WHERE kind = 'SMS'", Map.of(), Long.class))
                    .isEqualTo(1);
        }
    }

    private static HttpResponse<String> postMatterOpened(RouteTestHub hub) throws Exception {
        String body = "{\"data\":{\"id\":1001,\"etag\":\"\\\"e1\\\"\"},\"meta\":{\"event\":\"matter_opened\",\"webhook_id\":"
                + SandboxWorld.webhookFor("matter").orElseThrow() + "}}";
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + hub.port() + "/webhooks/clio"))
                .header("Content-Type", "application/json")
                .header("X-Hook-Signature", ClioWebhookVerifier.sign(raw, hub.property("hub.clio.webhook-secret")))
                .POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> call(RouteTestHub hub, String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + hub.port() + path))
                .header("Authorization", "Bearer " + hub.property("hub.api.token"))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
