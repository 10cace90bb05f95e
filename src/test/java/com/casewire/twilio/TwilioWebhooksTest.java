package com.casewire.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.audit.CommunicationLog;
import com.casewire.canonical.Channel;
import com.casewire.inbox.SecurityEvents;
import com.casewire.notify.OptOutList;
import com.casewire.support.ClioFixtures;
import com.casewire.support.HubIntegrationTest;
import com.casewire.support.TwilioFixtures;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Twilio's webhooks over real HTTP, signed as Twilio signs them (HMAC-SHA1 of URL + sorted params). */
class TwilioWebhooksTest extends HubIntegrationTest {

    static final String PUBLIC_BASE = "https://hub.test.example";

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:twilio-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @Autowired
    OptOutList optOuts;
    @Autowired
    SecurityEvents security;
    @Autowired
    CommunicationLog commLog;

    @BeforeEach
    void midday() {
        clock.setTo(ZonedDateTime.of(2026, 11, 24, 12, 0, 0, 0, ZoneId.of("America/New_York")).toInstant());
    }

    static Map<String, List<String>> inbound(String sid, String body) {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put("MessageSid", List.of(sid));
        p.put("AccountSid", List.of(TwilioFixtures.ACCOUNT_SID));
        p.put("From", List.of(CLIENT_PHONE));
        p.put("To", List.of(TwilioFixtures.FROM));
        p.put("Body", List.of(body));
        p.put("NumMedia", List.of("0"));
        return p;
    }

    HttpResponse<String> postTwilio(String path, Map<String, List<String>> params, String signature) throws Exception {
        String form = params.entrySet().stream().flatMap(e -> e.getValue().stream()
                        .map(v -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postSignedTwilio(String path, Map<String, List<String>> params) throws Exception {
        return postTwilio(path, params, TwilioSignature.compute(TwilioFixtures.AUTH_TOKEN, PUBLIC_BASE + path, params));
    }

    void sendMatterUpdate() throws Exception {
        postSigned(ClioFixtures.fullDelivery(1001, "\"" + UUID.randomUUID() + "\"", "matter_closed", CLIENT_PHONE,
                CLIENT_EMAIL));
    }

    @Test
    void stopPutsTheClientOnTheOptOutListAndTheNextUpdateGoesByEmail() throws Exception {
        HttpResponse<String> answer = postSignedTwilio("/webhooks/twilio/sms", inbound("SMstop1", "STOP"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("xml"));
        await().atMost(Duration.ofSeconds(10)).until(() -> optOuts.isOptedOut(Channel.SMS, CLIENT_PHONE));

        sendMatterUpdate();

        await().atMost(Duration.ofSeconds(10)).until(() -> mail.getReceivedMessages().length == 1);
        assertThat(smsRequests()).isEmpty();
    }

    @Test
    void startAfterStopOptsBackIn() throws Exception {
        postSignedTwilio("/webhooks/twilio/sms", inbound("SMstop2", "Stop please"));
        await().atMost(Duration.ofSeconds(10)).until(() -> optOuts.isOptedOut(Channel.SMS, CLIENT_PHONE));

        postSignedTwilio("/webhooks/twilio/sms", inbound("SMstart2", "START"));

        await().atMost(Duration.ofSeconds(10)).until(() -> !optOuts.isOptedOut(Channel.SMS, CLIENT_PHONE));
        sendMatterUpdate();
        await().atMost(Duration.ofSeconds(10)).until(() -> smsRequests().size() == 1);
    }

    @Test
    void tamperedOrMissingSignatureGets403AndIsRecorded() throws Exception {
        Map<String, List<String>> params = inbound("SMbad", "STOP");
        String signature = TwilioSignature.compute(TwilioFixtures.AUTH_TOKEN, PUBLIC_BASE + "/webhooks/twilio/sms", params);
        Map<String, List<String>> tampered = inbound("SMbad", "START");

        assertThat(postTwilio("/webhooks/twilio/sms", tampered, signature).statusCode()).isEqualTo(403);
        assertThat(postTwilio("/webhooks/twilio/sms", params, null).statusCode()).isEqualTo(403);
        String wrongToken = TwilioSignature.compute("not-the-token", PUBLIC_BASE + "/webhooks/twilio/sms", params);
        assertThat(postTwilio("/webhooks/twilio/sms", params, wrongToken).statusCode()).isEqualTo(403);

        assertThat(security.count("twilio", "invalid_signature")).isEqualTo(2);
        assertThat(security.count("twilio", "missing_signature")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM inbox_event")).isZero();
        assertThat(optOuts.isOptedOut(Channel.SMS, CLIENT_PHONE)).isFalse();
    }

    @Test
    void signatureOverTheUrlWithTheDefaultPortIsAccepted() throws Exception {
        Map<String, List<String>> params = inbound("SMport", "HELP");
        String signature = TwilioSignature.compute(TwilioFixtures.AUTH_TOKEN,
                "https://hub.test.example:443/webhooks/twilio/sms", params);

        assertThat(postTwilio("/webhooks/twilio/sms", params, signature).statusCode()).isEqualTo(200);
    }

    @Test
    void replayedDeliveryIsProcessedOnce() throws Exception {
        Map<String, List<String>> params = inbound("SMreplay", "Thanks!");

        postSignedTwilio("/webhooks/twilio/sms", params);
        postSignedTwilio("/webhooks/twilio/sms", params);
        awaitInboxSettled();

        assertThat(count("SELECT COUNT(*) FROM inbox_event WHERE source = 'twilio-sms'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM communication_log WHERE vendor_message_id = 'SMreplay'")).isEqualTo(1);
    }

    @Test
    void replyIsWrittenOnTheMatterItAnswers() throws Exception {
        sendMatterUpdate();
        await().atMost(Duration.ofSeconds(10)).until(() -> noteRequests().size() == 1);

        postSignedTwilio("/webhooks/twilio/sms", inbound("SMreply", "Thanks, see you Tuesday"));

        await().atMost(Duration.ofSeconds(10)).until(() -> noteRequests().size() == 2);
        String note = noteRequests().get(1).getBodyAsString();
        assertThat(note).contains("\"id\":1001").contains("Client replied by SMS").contains("see you Tuesday");
        assertThat(commLog.forMatter("1001")).anySatisfy(e -> {
            assertThat(e.entry().outcome()).isEqualTo("RECEIVED");
            assertThat(e.entry().body()).isEqualTo("Thanks, see you Tuesday");
        });
    }

    @Test
    void deliveryStatusIsRecordedAndNeverGoesBackwards() throws Exception {
        sendMatterUpdate();
        await().atMost(Duration.ofSeconds(10)).until(() -> noteRequests().size() == 1);
        String sid = "SM0123456789abcdef0123456789abcdef"; // what the Twilio stub answered

        Map<String, List<String>> delivered = new LinkedHashMap<>();
        delivered.put("MessageSid", List.of(sid));
        delivered.put("MessageStatus", List.of("delivered"));
        delivered.put("AccountSid", List.of(TwilioFixtures.ACCOUNT_SID));
        delivered.put("To", List.of(CLIENT_PHONE));
        delivered.put("From", List.of(TwilioFixtures.FROM));
        assertThat(postSignedTwilio("/webhooks/twilio/message-status", delivered).statusCode()).isEqualTo(204);
        Map<String, List<String>> lateSent = new LinkedHashMap<>(delivered);
        lateSent.put("MessageStatus", List.of("sent"));
        postSignedTwilio("/webhooks/twilio/message-status", lateSent);

        assertThat(jdbc.queryForObject("SELECT delivery_status FROM communication_log WHERE vendor_message_id = :sid",
                Map.of("sid", sid), String.class)).isEqualTo("delivered");
        assertThat(commLog.verify().valid()).isTrue(); // delivery status is outside the hash by design
    }

    @Test
    void undeliveredWith21610RecordsTheOptOut() throws Exception {
        Map<String, List<String>> status = new LinkedHashMap<>();
        status.put("MessageSid", List.of("SMblocked"));
        status.put("MessageStatus", List.of("undelivered"));
        status.put("ErrorCode", List.of("21610"));
        status.put("To", List.of(CLIENT_PHONE));
        status.put("From", List.of(TwilioFixtures.FROM));

        assertThat(postSignedTwilio("/webhooks/twilio/message-status", status).statusCode()).isEqualTo(204);

        assertThat(optOuts.isOptedOut(Channel.SMS, CLIENT_PHONE)).isTrue();
    }

    static Map<String, List<String>> call(String sid, String status) {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put("CallSid", List.of(sid));
        p.put("AccountSid", List.of(TwilioFixtures.ACCOUNT_SID));
        p.put("From", List.of(CLIENT_PHONE));
        p.put("To", List.of(TwilioFixtures.FROM));
        p.put("CallStatus", List.of(status));
        return p;
    }

    @Test
    void missedCallIsRecordedOnceOnTheCommunicationLog() throws Exception {
        assertThat(postSignedTwilio("/webhooks/twilio/voice-status", call("CAmissed", "ringing")).statusCode()).isEqualTo(204);
        assertThat(postSignedTwilio("/webhooks/twilio/voice-status", call("CAmissed", "no-answer")).statusCode()).isEqualTo(204);
        assertThat(postSignedTwilio("/webhooks/twilio/voice-status", call("CAmissed", "no-answer")).statusCode()).isEqualTo(204);
        awaitInboxSettled();

        assertThat(count("SELECT COUNT(*) FROM inbox_event WHERE source = 'twilio-voice'")).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT outcome FROM communication_log WHERE vendor_message_id = 'CAmissed'", Map.of(),
                String.class)).containsExactly("MISSED");
    }

    @Test
    void voiceStatusWithABadSignatureIsRefused() throws Exception {
        Map<String, List<String>> params = call("CAforged", "no-answer");
        String signature = TwilioSignature.compute(TwilioFixtures.AUTH_TOKEN, PUBLIC_BASE + "/webhooks/twilio/sms", params);

        assertThat(postTwilio("/webhooks/twilio/voice-status", params, signature).statusCode()).isEqualTo(403);
        assertThat(count("SELECT COUNT(*) FROM inbox_event")).isZero();
    }
}
