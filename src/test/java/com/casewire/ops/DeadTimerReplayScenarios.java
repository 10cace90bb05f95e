package com.casewire.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.practice.clio.ClioWebhookSecrets;
import com.casewire.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An operator re-drives durable timers that exhausted their attempts, over the staff API and JMX. The case that
 * matters: a matter's update-window timer ({@code status-flush}) that failed for good holds that matter's
 * milestones forever; replayed, they reach the client once.
 */
abstract class DeadTimerReplayScenarios extends HubIntegrationTest {

    static final long TASK_WEBHOOK = 5101;
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    ClioWebhookSecrets webhooks;
    @Autowired
    HubOperations operations;

    Instant noon;

    @BeforeEach
    void middayAndTaskWebhook() {
        noon = ZonedDateTime.of(2026, 11, 24, 12, 0, 0, 0, ZoneId.of("America/New_York")).toInstant();
        clock.setTo(noon);
        webhooks.subscribed(TASK_WEBHOOK, "task", noon.plus(Duration.ofDays(30)));
    }

    /** A Clio task delivery with the fields the hub's task webhook asks for. */
    static String completedTask(long id, long matterId, String name) {
        return """
                {"data":{"id":%d,"etag":"\\"%s\\"","name":"%s","status":"complete","completed_at":"2026-11-24T16:55:00Z",\
                "matter":{"id":%d}},"meta":{"event":"updated","webhook_id":%d}}"""
                .formatted(id, UUID.randomUUID(), name, matterId, TASK_WEBHOOK);
    }

    @Test
    void aDeadWindowTimerHoldsTheMattersMilestonesUntilAnOperatorReplaysIt() throws Exception {
        postSigned(completedTask(411, 1001, "Intake complete"));
        await().atMost(Duration.ofSeconds(10)).until(() -> smsRequests().size() == 1); // first of the window: at once
        clock.setTo(noon.plus(Duration.ofMinutes(10)));
        postSigned(completedTask(412, 1001, "Retainer received"));
        awaitInboxSettled();
        await().atMost(Duration.ofSeconds(5)).until(() ->
                count("SELECT COUNT(*) FROM scheduled_action WHERE kind = 'status-flush' AND state = 'PENDING'") == 1);

        // the window timer exhausts its attempts: the state DurableTimers leaves after the tenth failure
        jdbc.update("""
                UPDATE scheduled_action SET state = 'FAILED', attempts = 10,
                  last_error = 'org.springframework.jdbc.CannotGetJdbcConnectionException: pool exhausted'
                WHERE kind = 'status-flush'""", Map.of());
        clock.setTo(noon.plus(Duration.ofMinutes(70)));
        Thread.sleep(600);
        assertThat(smsRequests()).as("the window closed, but nothing flushes it").hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM status_update WHERE state = 'PENDING'")).isEqualTo(1);
        assertThat(operations.getDeadTimers()).isEqualTo(1);
        assertThat(operations.getDeadTimersByKind()).containsExactly(Map.entry("status-flush", 1L));

        HttpResponse<String> listed = api("GET", "/api/timers/dead?kind=status-flush");
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode dead = JSON.readTree(listed.body());
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).path("kind").asText()).isEqualTo("status-flush");
        assertThat(dead.get(0).path("key").asText()).startsWith("status-flush:1001:");
        assertThat(dead.get(0).path("attempts").asInt()).isEqualTo(10);
        assertThat(dead.get(0).path("lastError").asText()).contains("pool exhausted");
        long id = dead.get(0).path("id").asLong();

        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/timers/" + id + "/replay"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(count("SELECT COUNT(*) FROM scheduled_action WHERE state = 'FAILED'")).isEqualTo(1);

        HttpResponse<String> replayed = api("POST", "/api/timers/" + id + "/replay?by=ops-oncall");
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(replayed.body()).path("status").asText()).isEqualTo("replayed");

        await().atMost(Duration.ofSeconds(10)).until(() -> smsRequests().size() == 2);
        assertThat(smsRequests().get(1).formParameters().get("To").firstValue()).isEqualTo(CLIENT_PHONE);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                count("SELECT COUNT(*) FROM status_update WHERE state = 'SENT'") == 2);
        assertThat(count("SELECT COUNT(*) FROM scheduled_action WHERE kind = 'status-flush'")).as("no second timer")
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> "DONE".equals(jdbc.queryForObject(
                "SELECT state FROM scheduled_action WHERE id = :id", Map.of("id", id), String.class)));
        assertThat(operations.getDeadTimers()).isZero();

        HttpResponse<String> again = api("POST", "/api/timers/" + id + "/replay");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).path("error").asText()).isEqualTo("not_replayable");
        Thread.sleep(500);
        assertThat(smsRequests()).as("the client hears once").hasSize(2);
    }

    @Test
    void replayingAKindSkipsActionsAlreadyPendingAndLeavesOtherKinds() throws Exception {
        long a = deadTimer("status-flush:2001:1", "status-flush", "2001");
        long b = deadTimer("status-flush:2002:1", "status-flush", "2002");
        long c = deadTimer("status-flush:2003:1", "status-flush", "2003");
        timer("status-flush:2003:2", "status-flush", "2003", "PENDING", Instant.parse("2999-01-01T00:00:00Z"));
        long other = deadTimer("intake-remind:99", "intake-remind", "99");

        assertThat(api("POST", "/api/timers/dead/replay").statusCode()).isEqualTo(400);
        HttpResponse<String> replayed = api("POST", "/api/timers/dead/replay?kind=status-flush&by=ops-oncall");
        assertThat(replayed.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(replayed.body());
        assertThat(body.path("replayed").asInt()).isEqualTo(2);
        assertThat(body.path("alreadyPending").asInt()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(state(a)) && "DONE".equals(state(b)));
        assertThat(state(c)).isEqualTo("FAILED");
        assertThat(state(other)).isEqualTo("FAILED");
        // this test's matters only: a timer the previous test's last delivery made can land after the reset
        assertThat(jdbc.queryForList("""
                SELECT action_key, state FROM scheduled_action
                WHERE action_key LIKE 'status-flush:200%' OR action_key LIKE 'intake-remind:99%'""", Map.of()))
                .as("replaying made no second timer").hasSize(5);

        HttpResponse<String> single = api("POST", "/api/timers/" + c + "/replay");
        assertThat(single.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(single.body()).path("error").asText()).isEqualTo("already_pending");

        // over JMX (the operations bean the MBean exports)
        assertThat(operations.getDeadTimersByKind()).containsOnly(Map.entry("status-flush", 1L), Map.entry("intake-remind", 1L));
        assertThat(operations.replayDeadTimer(c)).isEqualTo("already_pending");
        jdbc.update("UPDATE scheduled_action SET state = 'CANCELLED' WHERE action_key = 'status-flush:2003:2'", Map.of());
        assertThat(operations.replayDeadTimers("status-flush")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(state(c)));
        assertThat(operations.replayDeadTimer(c)).isEqualTo("not_failed");
        assertThat(operations.getDeadTimers()).isEqualTo(1);
    }

    long deadTimer(String key, String kind, String payload) {
        timer(key, kind, payload, "FAILED", clock.instant().minus(Duration.ofHours(1)));
        jdbc.update("UPDATE scheduled_action SET attempts = 10, last_error = 'gave up' WHERE action_key = :key",
                Map.of("key", key));
        return jdbc.queryForObject("SELECT id FROM scheduled_action WHERE action_key = :key", Map.of("key", key), Long.class);
    }

    void timer(String key, String kind, String payload, String state, Instant due) {
        jdbc.update("""
                INSERT INTO scheduled_action (action_key, kind, due_at, state, payload, attempts, created_at)
                VALUES (:key, :kind, :due, :state, :payload, 0, :due)""", Map.of("key", key, "kind", kind,
                "due", Timestamp.from(due), "state", state, "payload", payload));
    }

    String state(long id) {
        return jdbc.queryForObject("SELECT state FROM scheduled_action WHERE id = :id", Map.of("id", id), String.class);
    }
}
