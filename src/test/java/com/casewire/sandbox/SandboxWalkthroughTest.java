package com.casewire.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.CaseWireApplication;
import com.casewire.lawpay.LawpayEventPoller;
import com.casewire.practice.clio.ClioWebhookVerifier;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The README's walkthrough on the real sandbox profile: a signed sample event becomes an SMS at the Twilio
 * simulator, an email in the captured mail and notes in the Clio simulator; a pay link's payment
 * reaches the hub through the LawPay simulator, and one whose webhook delivery is lost reaches it by the poll.
 */
@SpringBootTest(classes = CaseWireApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("sandbox")
class SandboxWalkthroughTest {

    static final int PORT = freePort();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        int smtp = freePort();
        registry.add("server.port", () -> PORT);
        registry.add("hub.sandbox.smtp-port", () -> smtp);
        registry.add("spring.mail.port", () -> smtp);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:sandbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        // Quartz keeps its connection providers by scheduler name for the whole JVM: another sandbox context named
        // "casewire" (the profile's name) would fire this one's triggers into its own stopped routes
        registry.add("spring.quartz.scheduler-name", () -> "casewire-sandbox-" + UUID.randomUUID());
        // the walkthrough must not depend on the hour it runs at
        registry.add("hub.notifications.quiet-hours-end", () -> "00:00");
        registry.add("hub.notifications.quiet-hours-start", () -> "23:59:59");
        registry.add("spring.jmx.enabled", () -> "false");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> postEvent(String event, int matter) throws Exception {
        String body = "{\"data\":{\"id\":%d,\"etag\":\"\\\"%s\\\"\"},\"meta\":{\"event\":\"%s\",\"webhook_id\":4242}}"
                .formatted(matter, UUID.randomUUID(), event);
        String signature = ClioWebhookVerifier.sign(body.getBytes(StandardCharsets.UTF_8), "sandbox-webhook-secret");
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/webhooks/clio"))
                .header("Content-Type", "application/json").header("X-Hook-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void sampleEventsShowUpAsSmsEmailAndNotes() throws Exception {
        assertThat(postEvent("matter_opened", 1001).statusCode()).isEqualTo(200);
        assertThat(postEvent("matter_closed", 1002).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            String state = get("/sandbox/state.json");
            return state.contains("+12015550100") && state.contains("richard.roe@example.com")
                    && state.contains("Client update sent by SMS") && state.contains("Client update sent by email");
        });
        String page = get("/sandbox");
        assertThat(page).contains("SMS received by the Twilio simulator (1)").contains("richard.roe@example.com")
                .contains("Notes written on matters in the Clio simulator (2)").contains("injury claim");
    }

    @Autowired
    java.util.List<com.casewire.outbox.OutboundChannel> channels;

    @Test
    void aTextWhoseOutcomeARestartHidIsFoundInTheTwilioSimulatorsList() throws Exception {
        java.time.Instant before = java.time.Instant.now();
        assertThat(postEvent("matter_opened", 1001).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/sandbox/state.json").contains("+12015550100"));
        com.casewire.outbox.OutboundChannel sms = channels.stream().filter(c -> c.kind() == com.casewire.outbox.MessageKind.SMS).findFirst().orElseThrow();
        String sent = get("/sandbox/state.json");
        String body = null;
        for (var text : new com.fasterxml.jackson.databind.ObjectMapper().readTree(sent).path("sms")) {
            if (text.path("to").asText().equals("+12015550100")) {
                body = text.path("body").asText();
            }
        }
        assertThat(body).isNotNull();

        var message = com.casewire.outbox.OutboundMessage.sms("+12015550100", "Jane", body).withMatter("1001")
                .withWorkflow("matter-status").asClientCommunication().withWriteBack();
        assertThat(sms.findSent(message, "k", before, sid -> false)).hasValueSatisfying(sid -> assertThat(sid).startsWith("SM"));
        assertThat(sms.findSent(message, "k", before, sid -> true)).isEmpty(); // that SID is another row's
        var neverSent = com.casewire.outbox.OutboundMessage.sms("+12015550100", "Jane", "never sent").withMatter("1001")
                .withWorkflow("matter-status").asClientCommunication().withWriteBack();
        assertThat(sms.findSent(neverSent, "k", before, sid -> false)).isEmpty();
    }

    @Test
    void payLinkPaymentIsRecordedThroughTheLawpaySimulator() throws Exception {
        String page = get("/sandbox");
        assertThat(page).contains("/sandbox/lawpay/pages/sandbox-law?amount=125000&amp;reference=INV-1001");

        String paid = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/sandbox/lawpay/pay"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("amount=125000&reference=INV-1001")).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        assertThat(paid).contains("HTTP 200");
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/sandbox").contains("COMPLETED"));
        assertThat(get("/sandbox")).contains("INV-1001").contains("125000");
    }

    @Autowired
    LawpayEventPoller lawpayPoll;

    @Test
    void aPaymentWhoseDeliveryIsLostIsRecordedByTheLawpayPoll() throws Exception {
        String paid = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/sandbox/lawpay/pay"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("amount=4200&reference=INV-LOST-1&deliver=false")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(paid).contains("lost on purpose");

        // the scheduled poll may be running already: poll until the payment is recorded
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            lawpayPoll.poll();
            return jdbc.queryForObject("SELECT COUNT(*) FROM payment_event WHERE reference = 'INV-LOST-1'", Map.of(),
                    Long.class) == 1;
        });
        assertThat(jdbc.queryForObject("SELECT amount_cents FROM payment_event WHERE reference = 'INV-LOST-1'", Map.of(),
                Long.class)).isEqualTo(4200);
    }

    @Autowired
    SandboxGoogleCalendarController googleSimulator;
    @Autowired
    NamedParameterJdbcTemplate jdbc;

    @Test
    void anEndedCalendarEventReachesTheHubThroughThePushChannelOfTheGoogleSimulator() throws Exception {
        // on start the hub opened a push channel on the simulator's calendar (the simulator then sent "sync")
        await().atMost(Duration.ofSeconds(20)).until(() -> !googleSimulator.openChannels().isEmpty());

        String event = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT
                        + "/sandbox/google/simulate/ended-event?matterId=1001")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        assertThat(event).contains("Client call [M 1001]");
        // the simulator pushed "exists", the hub synced the calendar and reported the event on direct:calendar-event-ended
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM scheduled_action WHERE kind = 'gcal-event-ended' AND state = 'DONE'", Map.of(), Long.class) == 1);
        assertThat(googleSimulator.requests).anyMatch(r -> r.startsWith("push exists") && r.endsWith("-> 200"))
                .anyMatch(r -> r.startsWith("events.list alex@sandbox-law.example"));

        // the README's time-entry walkthrough: the attorney (not in staff.yaml, found in the Clio simulator's users) gets
        // the prompt by email; one tap on its link records the time in the Clio simulator
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/sandbox/state.json").contains("Record your time: Client call"));
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("http://localhost:" + PORT + "(/time/[A-Za-z0-9._-]+)")
                .matcher(get("/sandbox/state.json"));
        assertThat(link.find()).isTrue();
        String page = get(link.group(1));
        assertThat(page).contains("Doe v. Acme Trucking").contains("Record time");
        String recorded = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + link.group(1)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("hours=0.5&note=Client+call")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(recorded).contains("Recorded 0.5 h");
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/sandbox").contains("Time entries in the Clio simulator (quantity in seconds) (1)"));
        assertThat(get("/sandbox/state.json")).contains("\"quantity\":1800").contains("\"userId\":\"77\"");
    }
}
