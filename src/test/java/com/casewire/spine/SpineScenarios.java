package com.casewire.spine;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.audit.ChainSealer;
import com.casewire.audit.CommunicationLog;
import com.casewire.canonical.Channel;
import com.casewire.inbox.SecurityEvents;
import com.casewire.notify.OptOutList;
import com.casewire.outbox.OutboundMessage;
import com.casewire.outbox.Outbox;
import com.casewire.support.ClioFixtures;
import com.casewire.support.HubIntegrationTest;
import com.casewire.support.TwilioFixtures;
import com.casewire.twilio.TwilioSignature;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The spine end to end: a signed Clio matter webhook becomes one SMS (or email) to the client, one entry
 * on the hash-chained communication log and one note on the matter, whatever the vendors do.
 */
abstract class SpineScenarios extends HubIntegrationTest {

    @Autowired
    CommunicationLog commLog;
    @Autowired
    ChainSealer sealer;
    @Autowired
    SecurityEvents security;
    @Autowired
    OptOutList optOuts;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate tx;

    static String etag() {
        return "\"" + UUID.randomUUID() + "\"";
    }

    /** 12:00 in New York on a weekday: inside the SMS window. */
    void middayInNewYork() {
        clock.setTo(ZonedDateTime.of(2026, 11, 24, 12, 0, 0, 0, ZoneId.of("America/New_York")).toInstant());
    }

    @Test
    void signedEventSendsOneSmsLogsItAndWritesOneNote() throws Exception {
        middayInNewYork();
        String body = ClioFixtures.thinDelivery(1001, etag(), "matter_opened");

        HttpResponse<String> response = postSigned(body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"accepted\"");
        await().atMost(Duration.ofSeconds(10)).until(() -> noteRequests().size() == 1);
        List<LoggedRequest> sms = smsRequests();
        assertThat(sms).hasSize(1);
        assertThat(sms.get(0).formParameters().get("To").firstValue()).isEqualTo(CLIENT_PHONE);
        assertThat(sms.get(0).formParameters().get("From").firstValue()).isEqualTo(TwilioFixtures.FROM);
        String text = sms.get(0).formParameters().get("Body").firstValue();
        assertThat(text).startsWith("Hi Jane,").contains("injury claim"); // the personal-injury template
        // the callback names the outbox row, so a callback for a send the hub lost track of settles it
        assertThat(sms.get(0).formParameters().get("StatusCallback").firstValue())
                .startsWith("https://hub.test.example/webhooks/twilio/message-status?outbox=matter-status%3A1001%3A");

        String note = noteRequests().get(0).getBodyAsString();
        assertThat(note).contains("\"type\":\"Matter\"").contains("\"id\":1001").contains("by SMS")
                .contains(CLIENT_PHONE);
        assertThat(note).contains(text.substring(0, 40));

        sealer.sealAll();
        List<CommunicationLog.StoredEntry> log = commLog.forMatter("1001");
        assertThat(log).hasSize(1);
        assertThat(log.get(0).entry().channel()).isEqualTo("sms");
        assertThat(log.get(0).entry().recipientAddress()).isEqualTo(CLIENT_PHONE);
        assertThat(log.get(0).entry().body()).isEqualTo(text);
        assertThat(log.get(0).entry().outcome()).isEqualTo("SENT");
        assertThat(log.get(0).entry().vendorMessageId()).isEqualTo("SM0123456789abcdef0123456789abcdef");
        assertThat(log.get(0).entry().template()).isEqualTo("matter-status/matter-opened.personal-injury.sms.txt");
        assertThat(commLog.verify().valid()).isTrue();
    }

    @Test
    void deliveryCarryingTheClientIsProcessedBeforeItIsAnswered() throws Exception {
        middayInNewYork();

        HttpResponse<String> response = postSigned(ClioFixtures.fullDelivery(1001, etag(), "matter_closed", CLIENT_PHONE,
                CLIENT_EMAIL));

        // hub.inbox.process-at-edge: the transaction that made the delivery durable also processed it
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(count("SELECT COUNT(*) FROM inbox_event WHERE state = 'PROCESSED'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM outbox_message WHERE kind = 'SMS'")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> noteRequests().size() == 1);
        assertThat(smsRequests()).hasSize(1);
    }

    @Test
    void deliveryThatNeedsAClioLookUpIsAnsweredAtOnceAndProcessedByAWorker() throws Exception {
        middayInNewYork();

        HttpResponse<String> response = postSigned(ClioFixtures.thinDelivery(1001, etag(), "matter_opened"));

        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> noteRequests().size() == 1);
        assertThat(smsRequests()).hasSize(1);
        // the edge refused to call Clio inside its transaction: the one fetch is the worker's
        assertThat(clio.findAll(getRequestedFor(
                urlPathEqualTo("/api/v4/matters/1001.json")))).hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM inbox_event WHERE state = 'PROCESSED' AND attempts = 1")).isEqualTo(1);
    }

    @Test
    void sameDeliveryThreeTimesSendsOneSms() throws Exception {
        middayInNewYork();
        String body = ClioFixtures.fullDelivery(1001, etag(), "matter_closed", CLIENT_PHONE, CLIENT_EMAIL);

        List<String> statuses = List.of(postSigned(body).body(), postSigned(body).body(), postSigned(body).body());

        assertThat(statuses.get(0)).contains("accepted");
        assertThat(statuses.subList(1, 3)).allMatch(s -> s.contains("duplicate"));
        await().atMost(Duration.ofSeconds(10)).until(() -> noteRequests().size() == 1);
        Thread.sleep(500); // a second send, if there were one, would land within this
        assertThat(smsRequests()).hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM inbox_event")).isEqualTo(1);
    }

    @Test
    void badOrMissingSignatureIsRefusedAndRecorded() throws Exception {
        middayInNewYork();
        String body = ClioFixtures.fullDelivery(1001, etag(), "matter_closed", CLIENT_PHONE, CLIENT_EMAIL);
        String tamperedSignature = ClioFixtures.sign(body.replace("Jane", "Joan"));

        HttpResponse<String> bad = postClio(body, tamperedSignature);
        HttpResponse<String> missing = postClio(body, null);

        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.body()).contains("\"error\":\"invalid_signature\"");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(security.count("clio", "invalid_signature")).isEqualTo(1);
        assertThat(security.count("clio", "missing_signature")).isEqualTo(1);
        Thread.sleep(300);
        assertThat(count("SELECT COUNT(*) FROM inbox_event")).isZero();
        assertThat(smsRequests()).isEmpty();
    }

    @Test
    void malformedJsonGets400WithAJsonError() throws Exception {
        String body = "{\"data\":{\"id\":1001,";

        HttpResponse<String> response = postSigned(body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        assertThat(response.body()).contains("\"error\":\"malformed_json\"");
        assertThat(count("SELECT COUNT(*) FROM inbox_event")).isZero();
    }

    @Test
    void deliveryWithoutMatterIdGets400() throws Exception {
        HttpResponse<String> response = postSigned("{\"data\":{\"etag\":\"x\"},\"meta\":{\"event\":\"updated\"}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("data.id is required");
    }

    @Test
    void bodyOverTheLimitGets413() throws Exception {
        String padding = "x".repeat(70_000); // the test limit is 64 KiB
        String body = "{\"data\":{\"id\":1001,\"description\":\"" + padding + "\"},\"meta\":{\"event\":\"updated\"}}";

        HttpResponse<String> response = postSigned(body);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("body_too_large");
    }

    @Test
    void twilio503TwiceThen201SendsExactlyOneSms() throws Exception {
        middayInNewYork();
        twilio.resetAll();
        twilio.stubFor(post(urlEqualTo(TwilioFixtures.MESSAGES_PATH)).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
        twilio.stubFor(post(urlEqualTo(TwilioFixtures.MESSAGES_PATH)).inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        twilio.stubFor(post(urlEqualTo(TwilioFixtures.MESSAGES_PATH)).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(TwilioFixtures.created("SMretry", CLIENT_PHONE))));

        postSigned(ClioFixtures.fullDelivery(1001, etag(), "matter_closed", CLIENT_PHONE, CLIENT_EMAIL));

        await().atMost(Duration.ofSeconds(15)).until(() -> "SENT".equals(outboxState("SMS")));
        assertThat(smsRequests()).hasSize(3);
        assertThat(jdbc.queryForObject("SELECT attempts FROM outbox_message WHERE kind = 'SMS'", Map.of(), Integer.class))
                .isEqualTo(3);
        sealer.sealAll();
        assertThat(commLog.forMatter("1001")).singleElement()
                .satisfies(e -> assertThat(e.entry().vendorMessageId()).isEqualTo("SMretry"));
    }

    @Test
    void twilio429WithRetryAfterWaitsAtLeastThatLong() throws Exception {
        middayInNewYork();
        twilio.resetAll();
        twilio.stubFor(post(urlEqualTo(TwilioFixtures.MESSAGES_PATH)).inScenario("limited").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")
                        .withHeader("Content-Type", "application/json")
                        .withBody(TwilioFixtures.error(20429, "Too Many Requests", 429)))
                .willSetStateTo("ok"));
        twilio.stubFor(post(urlEqualTo(TwilioFixtures.MESSAGES_PATH)).inScenario("limited").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(TwilioFixtures.created("SMafter429", CLIENT_PHONE))));

        postSigned(ClioFixtures.fullDelivery(1001, etag(), "matter_closed", CLIENT_PHONE, CLIENT_EMAIL));

        await().atMost(Duration.ofSeconds(15)).until(() -> "SENT".equals(outboxState("SMS")));
        List<LoggedRequest> calls = smsRequests();
        assertThat(calls).hasSize(2);
        long waitedMillis = calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime();
        assertThat(waitedMillis).isGreaterThanOrEqualTo(2000);
    }

    @Test
    void invalidNumber21211IsNotRetriedAndIsRecorded() throws Exception {
        middayInNewYork();
        twilio.resetAll();
        twilio.stubFor(post(urlEqualTo(TwilioFixtures.MESSAGES_PATH))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(TwilioFixtures.error(21211, "The 'To' number +12015550100 is not a valid phone number.", 400))));

        postSigned(ClioFixtures.fullDelivery(1001, etag(), "matter_closed", CLIENT_PHONE, CLIENT_EMAIL));

        await().atMost(Duration.ofSeconds(10)).until(() -> "FAILED".equals(outboxState("SMS")));
        Thread.sleep(1000); // longer than the first back-off: a retry would have happened by now
        assertThat(smsRequests()).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT last_error FROM outbox_message WHERE kind = 'SMS'", Map.of(), String.class))
                .contains("21211").contains("not a valid phone number");
        sealer.sealAll();
        assertThat(commLog.forMatter("1001")).singleElement().satisfies(e -> {
            assertThat(e.entry().outcome()).isEqualTo("FAILED");
            assertThat(e.entry().error()).contains("21211");
        });
        assertThat(noteRequests()).isEmpty(); // nothing was sent, so nothing is written back as sent
    }

    @Test
    void quietHoursHoldTheSmsUntilTheWindowOpens() throws Exception {
        ZoneId newYork = ZoneId.of("America/New_York");
        clock.setTo(ZonedDateTime.of(2026, 11, 24, 22, 30, 0, 0, newYork).toInstant());

        postSigned(ClioFixtures.fullDelivery(1001, etag(), "matter_closed", CLIENT_PHONE, CLIENT_EMAIL));
        awaitInboxSettled();

        Instant opens = ZonedDateTime.of(2026, 11, 25, 8, 0, 0, 0, newYork).toInstant();
        List<Instant> due = jdbc.queryForList(
                "SELECT due_at FROM scheduled_action WHERE kind = 'notify-release' AND state = 'PENDING'", Map.of(),
                java.sql.Timestamp.class).stream().map(java.sql.Timestamp::toInstant).toList();
        assertThat(due).containsExactly(opens);
        Thread.sleep(500);
        assertThat(smsRequests()).isEmpty();

        clock.setTo(opens.plusSeconds(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> smsRequests().size() == 1);
        assertThat(count("SELECT COUNT(*) FROM scheduled_action WHERE kind = 'notify-release' AND state = 'DONE'"))
                .isEqualTo(1);
    }

    @Test
    void optedOutRecipientFallsBackToEmail() throws Exception {
        middayInNewYork();
        optOuts.optOut(Channel.SMS, CLIENT_PHONE, "test", Instant.now());

        postSigned(ClioFixtures.fullDelivery(1001, etag(), "matter_closed", CLIENT_PHONE, CLIENT_EMAIL));

        await().atMost(Duration.ofSeconds(10)).until(() -> mail.getReceivedMessages().length == 1);
        MimeMessage email = mail.getReceivedMessages()[0];
        assertThat(email.getAllRecipients()[0].toString()).isEqualTo(CLIENT_EMAIL);
        assertThat(email.getFrom()[0].toString()).contains("updates@testlaw.example");
        assertThat(email.getSubject()).isEqualTo("Your matter is closed: Doe v. Acme Trucking");
        await().atMost(Duration.ofSeconds(10)).until(() -> noteRequests().size() == 1);
        assertThat(smsRequests()).isEmpty();
        sealer.sealAll();
        assertThat(commLog.forMatter("1001")).singleElement()
                .satisfies(e -> assertThat(e.entry().channel()).isEqualTo("email"));
    }

    @Test
    void noMobileNumberFallsBackToEmail() throws Exception {
        middayInNewYork();

        postSigned(ClioFixtures.fullDelivery(1001, etag(), "matter_opened", null, CLIENT_EMAIL));

        await().atMost(Duration.ofSeconds(10)).until(() -> mail.getReceivedMessages().length == 1);
        assertThat(smsRequests()).isEmpty();
    }

    @Test
    void eventThatIsNotAMilestoneSendsNothing() throws Exception {
        middayInNewYork();

        postSigned(ClioFixtures.fullDelivery(1001, etag(), "updated", CLIENT_PHONE, CLIENT_EMAIL));
        awaitInboxSettled();

        Thread.sleep(300);
        assertThat(smsRequests()).isEmpty();
        assertThat(mail.getReceivedMessages()).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM inbox_event WHERE state = 'PROCESSED'")).isEqualTo(1);
    }

    @Test
    void unknownMatterIsARecordedFailureNotACrash() throws Exception {
        middayInNewYork();

        HttpResponse<String> response = postSigned(ClioFixtures.thinDelivery(999_999, etag(), "matter_closed"));

        assertThat(response.statusCode()).isEqualTo(200); // verified and durable: Clio must not retry it
        awaitInboxSettled();
        assertThat(jdbc.queryForObject("SELECT last_error FROM inbox_event", Map.of(), String.class))
                .contains("999999").contains("does not exist");
        assertThat(jdbc.queryForObject("SELECT state FROM inbox_event", Map.of(), String.class)).isEqualTo("FAILED");
        assertThat(smsRequests()).isEmpty();
    }

    @Test
    void handshakeEchoesTheSecretAndLaterDeliveriesVerifyWithIt() throws Exception {
        middayInNewYork();
        var handshake = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/webhooks/clio"))
                .header("X-Hook-Secret", "learned-secret-123").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"data\":{\"webhook_id\":777}}")).build();

        HttpResponse<String> answer = HttpClient.newHttpClient().send(handshake,
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("X-Hook-Secret")).hasValue("learned-secret-123");
        String body = ClioFixtures.fullDelivery(1001, etag(), "matter_closed", CLIENT_PHONE, CLIENT_EMAIL);
        String signature = com.casewire.practice.clio.ClioWebhookVerifier.sign(body.getBytes(), "learned-secret-123");
        assertThat(postClio(body, signature).body()).contains("accepted");
        await().atMost(Duration.ofSeconds(10)).until(() -> smsRequests().size() == 1);
    }

    @Test
    void exhaustedRetriesDeadLetterAndReplaySendsOnce() throws Exception {
        middayInNewYork();
        twilio.resetAll();
        twilio.stubFor(post(urlEqualTo(TwilioFixtures.MESSAGES_PATH)).willReturn(aResponse().withStatus(500)));

        postSigned(ClioFixtures.fullDelivery(1001, etag(), "matter_closed", CLIENT_PHONE, CLIENT_EMAIL));

        await().atMost(Duration.ofSeconds(20)).until(() -> "DEAD".equals(outboxState("SMS")));
        // hub.outbox.retry-for is 2 s in the test profile, with back-off from 300 ms: 3 to 5 attempts
        assertThat(smsRequests()).hasSizeBetween(3, 5);
        HttpResponse<String> deadLetters = api("GET", "/api/outbox/dead-letters");
        assertThat(deadLetters.body()).contains("gave up after " + smsRequests().size() + " attempts over");
        long id = jdbc.queryForObject("SELECT id FROM outbox_message WHERE kind = 'SMS'", Map.of(), Long.class);

        twilio.resetAll();
        stubTwilioAccepts();
        assertThat(api("POST", "/api/outbox/" + id + "/replay").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(outboxState("SMS")));
        assertThat(smsRequests()).hasSize(1);
        assertThat(api("POST", "/api/outbox/" + id + "/replay").statusCode()).isEqualTo(409); // sent rows are not replayable
    }

    /** Twilio's answer is lost (the connection drops after the request left): the row waits UNKNOWN. */
    private String sendWhoseAnswerIsLost() throws Exception {
        middayInNewYork();
        twilio.resetMappings();
        twilio.stubFor(post(urlEqualTo(TwilioFixtures.MESSAGES_PATH))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        postSigned(ClioFixtures.fullDelivery(1001, etag(), "matter_closed", CLIENT_PHONE, CLIENT_EMAIL));
        await().atMost(Duration.ofSeconds(10)).until(() -> "UNKNOWN".equals(outboxState("SMS")));
        assertThat(smsRequests()).hasSize(1);
        assertThat(noteRequests()).isEmpty();
        return smsRequests().get(0).formParameters().get("Body").firstValue();
    }

    @Test
    void aRetryHoldsBackTheRecipientsLaterTextsButNobodyElses() throws Exception {
        middayInNewYork();
        twilio.resetAll();
        // the client's first text is refused for 2 s (429 with Retry-After); every other send is accepted
        twilio.stubFor(post(urlEqualTo(TwilioFixtures.MESSAGES_PATH)).atPriority(1)
                .withFormParam("Body", equalTo("first")).inScenario("limited").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")
                        .withHeader("Content-Type", "application/json")
                        .withBody(TwilioFixtures.error(20429, "Too Many Requests", 429)))
                .willSetStateTo("accepted"));
        twilio.stubFor(post(urlEqualTo(TwilioFixtures.MESSAGES_PATH)).atPriority(5)
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(TwilioFixtures.created("SM0123456789abcdef0123456789abcdef", CLIENT_PHONE))));
        String otherPhone = "+12015550177";

        tx.executeWithoutResult(s -> outbox.enqueue("order-1", text(CLIENT_PHONE, "first")));
        await().atMost(Duration.ofSeconds(10)).until(() -> smsRequests().size() == 1); // refused: waits 2 s
        tx.executeWithoutResult(s -> {
            outbox.enqueue("order-2", text(CLIENT_PHONE, "second"));
            outbox.enqueue("order-3", text(otherPhone, "other"));
        });

        await().atMost(Duration.ofSeconds(15))
                .until(() -> count("SELECT COUNT(*) FROM outbox_message WHERE state = 'SENT'") == 3);
        List<String> sent = smsRequests().stream()
                .map(r -> r.formParameters().get("To").firstValue() + " " + r.formParameters().get("Body").firstValue())
                .toList();
        assertThat(sent.stream().filter(t -> t.startsWith(CLIENT_PHONE)))
                .as("the client's texts, in the order they were queued")
                .containsExactly(CLIENT_PHONE + " first", CLIENT_PHONE + " first", CLIENT_PHONE + " second");
        assertThat(sent.indexOf(otherPhone + " other")).as("another client's text does not wait for the retry")
                .isLessThan(sent.lastIndexOf(CLIENT_PHONE + " first"));
    }

    @Test
    void aDeliveryWaitsWhileAnEarlierOneAboutTheSameMatterIsRetried() throws Exception {
        middayInNewYork();
        // Clio is down for the first fetch of the matter: the "opened" delivery waits for its retry
        clio.stubFor(get(urlPathEqualTo("/api/v4/matters/1001.json")).atPriority(1).inScenario("clio")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody(ClioFixtures.clioError("ServiceUnavailable", "Clio is down for maintenance")))
                .willSetStateTo("up"));

        assertThat(postSigned(ClioFixtures.thinDelivery(1001, etag(), "matter_opened")).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> count("SELECT COUNT(*) FROM inbox_event WHERE attempts = 1 AND state = 'RECEIVED'") == 1);
        assertThat(postSigned(ClioFixtures.thinDelivery(1001, etag(), "matter_closed")).statusCode()).isEqualTo(200);

        // several sweeps (every 500 ms here) pass: the later delivery is not processed ahead of the earlier one
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> count("SELECT COUNT(*) FROM inbox_event WHERE state = 'RECEIVED'") == 2);
        assertThat(smsRequests()).isEmpty();

        clock.setTo(clock.instant().plus(Duration.ofMinutes(1))); // past the retry's back-off
        awaitInboxSettled();
        await().atMost(Duration.ofSeconds(10)).until(() -> smsRequests().size() == 1);
        // "opened" went first and opened the matter's update window; "closed" waits in it, as it would have in order
        sealer.sealAll();
        assertThat(commLog.forMatter("1001")).singleElement().satisfies(e -> assertThat(e.entry().template())
                .isEqualTo("matter-status/matter-opened.personal-injury.sms.txt"));
    }

    private static OutboundMessage text(String to, String body) {
        return OutboundMessage.sms(to, "Jane Doe", body).withMatter("1001").withWorkflow("test");
    }

    private void stubTwilioLists(String... messages) {
        twilio.stubFor(get(
                        urlPathEqualTo(TwilioFixtures.MESSAGES_PATH))
                .withBasicAuth(TwilioFixtures.ACCOUNT_SID, TwilioFixtures.AUTH_TOKEN)
                .withQueryParam("To", equalTo(CLIENT_PHONE))
                .withQueryParam("From", equalTo(TwilioFixtures.FROM))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(TwilioFixtures.messagesPage(messages))));
    }

    @Test
    void aSendWhoseAnswerWasLostIsFoundInTwilioAndNotSentAgain() throws Exception {
        String text = sendWhoseAnswerIsLost();
        // Twilio did create it; an older message with the same text belongs to another row and is not taken
        jdbc.update("INSERT INTO outbox_message (idempotency_key, kind, vendor, state, payload, attempts, created_at, "
                + "next_attempt_at, vendor_id) VALUES ('earlier', 'SMS', 'twilio', 'SENT', '{}', 1, :now, :now, 'SMearlier')",
                Map.of("now", Timestamp.from(clock.instant())));
        stubTwilioLists(TwilioFixtures.listed("SMfound0000000000000000000000000", CLIENT_PHONE, text, clock.instant()),
                TwilioFixtures.listed("SMearlier", CLIENT_PHONE, text, clock.instant()));

        clock.setTo(clock.instant().plus(Duration.ofMinutes(1))); // past the back-off: the sweep asks Twilio

        // this row's state, not the other's (two SMS rows now; which one a plain query returns first is up to the
        // database: PostgreSQL put the updated row last and the test read the other row's SENT)
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(jdbc.queryForObject(
                "SELECT state FROM outbox_message WHERE kind = 'SMS' AND idempotency_key <> 'earlier'", Map.of(), String.class)));
        assertThat(jdbc.queryForObject("SELECT vendor_id FROM outbox_message WHERE kind = 'SMS' AND idempotency_key <> 'earlier'",
                Map.of(), String.class)).isEqualTo("SMfound0000000000000000000000000");
        await().atMost(Duration.ofSeconds(10)).until(() -> noteRequests().size() == 1);
        assertThat(smsRequests()).hasSize(1); // asked, not sent again
        sealer.sealAll();
        assertThat(commLog.forMatter("1001")).singleElement()
                .satisfies(e -> assertThat(e.entry().vendorMessageId()).isEqualTo("SMfound0000000000000000000000000"));
    }

    @Test
    void aSendWhoseAnswerWasLostIsSentAgainOnceWhenTwilioHasNoTraceOfIt() throws Exception {
        sendWhoseAnswerIsLost();
        stubTwilioLists(); // an empty list: the request never reached Twilio
        twilio.stubFor(post(urlEqualTo(TwilioFixtures.MESSAGES_PATH)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(TwilioFixtures.created("SMresent000000000000000000000000", CLIENT_PHONE))));

        clock.setTo(clock.instant().plus(Duration.ofMinutes(1)));

        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(outboxState("SMS")));
        await().atMost(Duration.ofSeconds(10)).until(() -> noteRequests().size() == 1);
        Thread.sleep(1_000); // further sweeps: a third attempt would show now
        assertThat(smsRequests()).hasSize(2);
        assertThat(count("SELECT COUNT(*) FROM outbox_message WHERE state = 'DEAD'")).isZero();
    }

    @Test
    void whileTwilioCannotBeAskedTheSendWaitsUnknownAndIsNotSentAgain() throws Exception {
        sendWhoseAnswerIsLost();
        twilio.stubFor(get(
                        urlPathEqualTo(TwilioFixtures.MESSAGES_PATH))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody(TwilioFixtures.error(20500, "Service unavailable", 503))));

        // past the back-off (about 300 ms here), well within hub.outbox.retry-for (2 s here, counted from the row's
        // creation: a loaded machine must not turn the wait into a dead letter before the assertions)
        clock.setTo(clock.instant().plus(Duration.ofMillis(400)));

        await().atMost(Duration.ofSeconds(10)).until(() -> !twilio.findAll(
                getRequestedFor(
                        urlPathEqualTo(TwilioFixtures.MESSAGES_PATH))).isEmpty());
        assertThat(outboxState("SMS")).isEqualTo("UNKNOWN");
        Thread.sleep(300);
        assertThat(smsRequests()).hasSize(1);
    }

    @Test
    void aLateStatusCallbackNamingTheRowSettlesIt() throws Exception {
        sendWhoseAnswerIsLost();
        String callback = smsRequests().get(0).formParameters().get("StatusCallback").firstValue();
        Map<String, List<String>> params = Map.of("MessageSid", List.of("SMlate00000000000000000000000000"),
                "MessageStatus", List.of("delivered"), "To", List.of(CLIENT_PHONE), "From", List.of(TwilioFixtures.FROM),
                "AccountSid", List.of(TwilioFixtures.ACCOUNT_SID));
        String form = "MessageSid=SMlate00000000000000000000000000&MessageStatus=delivered&To="
                + URLEncoder.encode(CLIENT_PHONE, StandardCharsets.UTF_8)
                + "&From=" + URLEncoder.encode(TwilioFixtures.FROM, StandardCharsets.UTF_8)
                + "&AccountSid=" + TwilioFixtures.ACCOUNT_SID;
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + callback.substring("https://hub.test.example".length())))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", TwilioSignature.compute(TwilioFixtures.AUTH_TOKEN, callback, params))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();

        HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(204);
        assertThat(outboxState("SMS")).isEqualTo("SENT");
        assertThat(jdbc.queryForObject("SELECT vendor_id FROM outbox_message WHERE kind = 'SMS'", Map.of(), String.class))
                .isEqualTo("SMlate00000000000000000000000000");
        await().atMost(Duration.ofSeconds(10)).until(() -> noteRequests().size() == 1);
        sealer.sealAll();
        assertThat(commLog.forMatter("1001")).singleElement()
                .satisfies(e -> assertThat(e.deliveryStatus()).isEqualTo("delivered"));
    }

    @Test
    void editedLogEntryBreaksTheChain() throws Exception {
        middayInNewYork();
        postSigned(ClioFixtures.fullDelivery(1001, etag(), "matter_closed", CLIENT_PHONE, CLIENT_EMAIL));
        // another matter: a second update to the same matter would wait for its update window (issue #4)
        postSigned(ClioFixtures.fullDelivery(1002, etag(), "matter_opened", CLIENT_PHONE, CLIENT_EMAIL));
        await().atMost(Duration.ofSeconds(10)).until(() -> noteRequests().size() == 2);
        sealer.sealAll();
        assertThat(api("GET", "/api/communications/verify").body()).contains("\"valid\":true").contains("\"sealedEntries\":2");

        jdbc.update("UPDATE communication_log SET body = 'We never said that' WHERE chain_seq = 1", Map.of());

        CommunicationLog.Verification verification = commLog.verify();
        assertThat(verification.valid()).isFalse();
        assertThat(verification.firstBrokenSeq()).isEqualTo(1L);
        assertThat(verification.problem()).contains("changed");
    }

    @Test
    void apiNeedsTheToken() throws Exception {
        var request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/outbox/dead-letters")).GET().build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }
}
