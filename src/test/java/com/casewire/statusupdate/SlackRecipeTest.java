package com.casewire.statusupdate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.practice.clio.ClioWebhookSecrets;
import com.casewire.support.HubIntegrationTest;
import com.casewire.support.RoutesCopy;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The recipe in docs/recipes/slack-on-settlement-offer.md, applied as an integrator would: its steps inserted into a
 * copy of routes/matter-status.camel.yaml. A settlement offer then posts once to the firm's Slack webhook through the
 * durable webhook channel, through Slack's rate limit and a hub that stopped mid-post.
 */
class SlackRecipeTest extends HubIntegrationTest {

    static final WireMockServer slack = new WireMockServer(options().dynamicPort());
    static final String HOOK = "/services/T0001/B0001/abcdefghijklmnop";

    static {
        slack.start();
    }

    @AfterAll
    static void stopSlack() {
        slack.stop();
    }

    @DynamicPropertySource
    static void recipe(DynamicPropertyRegistry registry) {
        registry.add("hub.routes-dir", SlackRecipeTest::routesWithTheRecipe);
        // a database of its own: the shared file database is also polled by every other cached hub context, whose
        // outbox sweeps (on their own clocks) took this test's webhook row out of RETRY_WAIT in full runs
        registry.add("spring.datasource.url",
                () -> "jdbc:h2:mem:slack-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("firm.slack-webhook-url", () -> "http://localhost:" + slack.port() + HOOK);
        registry.add("hub.status-updates.approval-secret", () -> "test-approval-secret-0123456789");
    }

    /** A copy of routes/ with the recipe's steps inserted before the step with id status-to-approval. */
    static String routesWithTheRecipe() {
        try {
            Path copy = RoutesCopy.of(Files.createTempDirectory("routes-recipe"));
            RoutesCopy.insertSlackSteps(copy);
            return copy.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Autowired
    ClioWebhookSecrets webhooks;

    @BeforeEach
    void middayAndSubscriptions() {
        Instant noon = ZonedDateTime.of(2026, 11, 24, 12, 0, 0, 0, ZoneId.of("America/New_York")).toInstant();
        clock.setTo(noon);
        webhooks.subscribed(StatusFixtures.DOCUMENT_WEBHOOK, "document", noon.plus(Duration.ofDays(30)));
        slack.resetAll();
    }

    @Test
    void aSettlementOfferPostsOnceToSlackThroughARateLimitAndAStoppedHub() throws Exception {
        // Slack's rate limit: 429 with Retry-After (the outbox waits at least that long)
        slack.stubFor(post(urlEqualTo(HOOK)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withBody("rate_limited")));

        assertThat(postSigned(StatusFixtures.document(921, 1001, "Offer from Acme insurer.pdf", "Settlement offer"))
                .statusCode()).isEqualTo(200);

        // the approval flow goes on as before: the offer waits for the attorney, nothing reaches the client
        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT COUNT(*) FROM approval") == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.findAll(postRequestedFor(urlEqualTo(HOOK))).size() == 1);
        assertThat(smsRequests()).isEmpty();
        assertThat(webhookState()).isIn("RETRY_WAIT", "SENDING");

        // the hub stops while a retry is in flight: the row is left SENDING; Slack is back when it starts again
        await().atMost(Duration.ofSeconds(10)).until(() -> "RETRY_WAIT".equals(webhookState()));
        // one post per outbox attempt: the HTTP client retries nothing on its own (the outbox's back-off decides)
        int attempts = jdbc.queryForObject("SELECT attempts FROM outbox_message WHERE kind = 'WEBHOOK'", Map.of(),
                Integer.class);
        assertThat(slack.findAll(postRequestedFor(urlEqualTo(HOOK)))).hasSize(attempts);
        jdbc.update("UPDATE outbox_message SET state = 'SENDING', claimed_at = :long_ago WHERE kind = 'WEBHOOK'",
                Map.of("long_ago", Timestamp.from(clock.instant().minus(Duration.ofHours(1)))));
        slack.resetAll();
        slack.stubFor(post(urlEqualTo(HOOK)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain").withBody("ok")));

        await().atMost(Duration.ofSeconds(15)).until(() -> "SENT".equals(webhookState()));
        Thread.sleep(1_000); // further sweeps: a second post would show now
        List<LoggedRequest> posts = slack.findAll(postRequestedFor(urlEqualTo(HOOK)));
        assertThat(posts).hasSize(1);
        LoggedRequest posted = posts.get(0);
        assertThat(posted.getBodyAsString()).isEqualTo(
                "{\"text\":\"A settlement offer on matter 1001 is waiting for the attorney's approval.\"}");
        assertThat(posted.getHeader("Content-Type")).startsWith("application/json");
        assertThat(posted.getHeader("Idempotency-Key")).matches("[0-9a-f]{64}");
        // nothing of the hub's own (or of Clio's delivery) leaks into the request
        assertThat(posted.getAllHeaderKeys()).noneMatch(h -> h.toLowerCase().startsWith("casewire")
                || h.toLowerCase().startsWith("camel") || h.equalsIgnoreCase("X-Hook-Signature"));
        assertThat(count("SELECT COUNT(*) FROM outbox_message WHERE kind = 'WEBHOOK'")).isEqualTo(1);
    }

    @Test
    void aRedeliveredEventPostsOnceAndSlackRefusingTheBodyIsFailedNotRetried() throws Exception {
        slack.stubFor(post(urlEqualTo(HOOK)).willReturn(aResponse().withStatus(400).withBody("invalid_payload")));
        String delivery = StatusFixtures.document(922, 1001, "Offer.pdf", "Settlement offer");

        assertThat(postSigned(delivery).statusCode()).isEqualTo(200);
        assertThat(postSigned(delivery).statusCode()).isEqualTo(200); // Clio redelivers

        await().atMost(Duration.ofSeconds(10)).until(() -> "FAILED".equals(webhookState()));
        Thread.sleep(1_000);
        assertThat(slack.findAll(postRequestedFor(urlEqualTo(HOOK)))).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT last_status FROM outbox_message WHERE kind = 'WEBHOOK'", Map.of(),
                Integer.class)).isEqualTo(400);
    }

    private String webhookState() {
        List<String> states = jdbc.queryForList("SELECT state FROM outbox_message WHERE kind = 'WEBHOOK'", Map.of(),
                String.class);
        assertThat(states).hasSizeLessThanOrEqualTo(1);
        return states.isEmpty() ? null : states.get(0);
    }

    @Test
    void otherMilestonesDoNotPost() throws Exception {
        slack.stubFor(post(urlEqualTo(HOOK)).willReturn(aResponse().withStatus(200).withBody("ok")));

        postSigned(StatusFixtures.document(923, 1001, "Medical records.pdf", "Medical records"));
        awaitInboxSettled();

        Thread.sleep(500);
        assertThat(slack.findAll(postRequestedFor(urlEqualTo(HOOK)))).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM outbox_message WHERE kind = 'WEBHOOK'")).isZero();
    }
}
