package com.casewire.spine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.canonical.Channel;
import com.casewire.notify.OptOutList;
import com.casewire.support.ClioFixtures;
import com.casewire.support.HubIntegrationTest;
import com.casewire.support.LogEntries;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the hub's log shows of a realistic morning, read the way a firm's log store would keep it: a thin Clio
 * delivery for a matter Clio does not know (404 with Clio's error body), a thin delivery redone by a worker that
 * texts the client, one with the client's details processed at the edge, one for a client who opted out of texts,
 * a forged signature and a malformed body. No line carries the client's full phone number or email address, the expected failures print no
 * stack trace, and each refusal is one line with its reason.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogsAFirmCanKeepTest extends HubIntegrationTest {

    @Autowired
    OptOutList optOuts;

    private static final String PHONE_DIGITS = CLIENT_PHONE.substring(2); // 2015550100, however it is written
    private static final String OTHER_PHONE = "+12015550142";
    private static final String OTHER_EMAIL = "sam.client@example.org";
    private static final List<String> EXPECTED_FAILURES = List.of("999999", "not allowed here", "RecordNotFound",
            "invalid_signature", "malformed_json");

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:logs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @Test
    void aMorningOfDeliveriesLeavesNoContactDetailsNoStackTraceAndOneLinePerRefusal(CapturedOutput output) throws Exception {
        clock.setTo(ZonedDateTime.of(2026, 11, 24, 12, 0, 0, 0, ZoneId.of("America/New_York")).toInstant());
        int logFrom = output.getOut().length(); // what the hub logs from here on, not its start-up

        // a matter Clio does not know: 404 {"error":{"type":"RecordNotFound",...}}
        assertThat(postSigned(ClioFixtures.thinDelivery(999_999, etag(), "matter_closed")).statusCode()).isEqualTo(200);
        // a thin delivery: refused at the edge (it needs GET /matters/1001.json), redone by a worker, one SMS
        assertThat(postSigned(ClioFixtures.thinDelivery(1001, etag(), "matter_opened")).statusCode()).isEqualTo(200);
        awaitInboxSettled();
        await().atMost(Duration.ofSeconds(10)).until(() -> smsRequests().size() == 1 && noteRequests().size() == 1);
        // another matter with the client's details in the delivery: processed at the edge, a second SMS
        assertThat(postSigned(ClioFixtures.fullDelivery(1002, etag(), "matter_closed", CLIENT_PHONE, CLIENT_EMAIL))
                .statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> smsRequests().size() == 2 && noteRequests().size() == 2);
        // a client who replied STOP: the update goes by email, and the log says why in one line
        optOuts.optOut(Channel.SMS, OTHER_PHONE, "sms-keyword", clock.instant());
        postSigned(ClioFixtures.fullDelivery(1003, etag(), "matter_closed", OTHER_PHONE, OTHER_EMAIL));
        await().atMost(Duration.ofSeconds(10)).until(() -> mail.getReceivedMessages().length == 1);
        // refusals
        String body = ClioFixtures.thinDelivery(1001, etag(), "matter_opened");
        // the right signature with its first digit changed (the body's etag is random: writing "00" over the first two
        // digits left one signature in 256 unchanged, and the post was answered 200)
        String signature = ClioFixtures.sign(body);
        String forged = (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);
        assertThat(postClio(body, forged).statusCode()).isEqualTo(401);
        String malformed = "{\"data\":{\"id\":1001,\"client\":{\"email\":\"" + CLIENT_EMAIL + "\"";
        assertThat(postClio(malformed, ClioFixtures.sign(malformed)).statusCode()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT state FROM inbox_event WHERE dedupe_key LIKE '%:999999:%'", Map.of(),
                String.class)).isEqualTo("FAILED");
        Thread.sleep(500); // let the senders' and the sealer's last lines arrive

        List<LogEntries.Entry> entries = LogEntries.of(output.getOut().substring(logFrom));
        List<String> logged = entries.stream().filter(LogEntries.Entry::atInfoOrAbove)
                .filter(e -> !e.header().contains("icegreen")) // the test's mail server, not the hub
                .map(LogEntries.Entry::text).toList();
        assertThat(logged).as("INFO and above").isNotEmpty()
                .noneMatch(l -> l.contains(PHONE_DIGITS))
                .noneMatch(l -> l.contains(CLIENT_EMAIL))
                .noneMatch(l -> l.contains(OTHER_PHONE.substring(2)))
                .noneMatch(l -> l.contains(OTHER_EMAIL))
                .noneMatch(l -> l.contains(ClioFixtures.ACCESS_TOKEN))
                .noneMatch(l -> l.contains(ClioFixtures.WEBHOOK_SECRET));
        // the expected failures: one line each, no stack trace, no Camel "Failed delivery" block
        List<LogEntries.Entry> expected = entries.stream().filter(e -> EXPECTED_FAILURES.stream().anyMatch(e.text()::contains))
                .toList();
        assertThat(expected).as("entries about the expected failures").isNotEmpty()
                .noneMatch(LogEntries.Entry::hasStackTrace);
        assertThat(logged.stream().filter(l -> l.contains("999999"))).as("the unknown matter, once")
                .singleElement().asString().contains(" WARN ").contains("Clio matter 999999 does not exist");
        assertThat(logged.stream().filter(l -> l.contains("stored for the inbox workers")))
                .as("each thin delivery's redo, once")
                .hasSize(2).allMatch(l -> l.contains(" INFO ") && l.contains("a call to clio is not allowed here"));
        assertThat(logged.stream().filter(l -> l.contains("invalid_signature"))).as("the forged signature, once")
                .singleElement().asString().contains(" WARN ").contains("source=clio");
        assertThat(logged.stream().filter(l -> l.contains("opted out"))).as("the opted-out recipient, once")
                .singleElement().asString().contains(" INFO ").contains("goes by email").contains("sms: opted out of SMS");
        assertThat(logged.stream().filter(l -> l.contains("malformed_json"))).as("the malformed body, once")
                .singleElement().asString().contains("refused clio request: 400");
    }

    private static String etag() {
        return "\"" + UUID.randomUUID() + "\"";
    }
}
