package com.casewire.outbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.practice.PracticeRecordMarker;
import com.casewire.support.ClioFixtures;
import com.casewire.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A matter note whose send has an unknown outcome (the hub stopped mid-call: the row is UNKNOWN, claimed ten minutes
 * ago) is settled by asking Clio (H2, the hub over real HTTP, Clio stubbed to its contract): when Clio's notes on the
 * matter already hold the note with the row's marker, the row is SENT with Clio's id and nothing is posted again;
 * when they do not, the note is posted exactly once, carrying the marker.
 */
class UnknownMatterNoteSettlesFromClioTest extends HubIntegrationTest {

    private static final String KEY = "status:1001:hearing-set:note";

    @Autowired
    OutboxSender sender;
    @Autowired
    ObjectMapper json;

    @Test
    void aNoteClioAlreadyHasIsRecordedSentWithItsIdAndNotPostedAgain() throws Exception {
        Instant claimedAt = clock.instant().minus(Duration.ofMinutes(10));
        stubNotesOnMatter(claimedAt, "{\"id\":7004,\"subject\":\"Other\",\"detail\":\"Written by a person\"},"
                + "{\"id\":7005,\"subject\":\"Client update sent by SMS\",\"detail\":"
                + quote(PracticeRecordMarker.append("Sent by SMS to Jane Doe: Your hearing is set.", KEY)) + "}");
        long id = unknownNoteRow(claimedAt);

        sender.sweep(Duration.ZERO);

        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(state(id)));
        assertThat(jdbc.queryForObject("SELECT vendor_id FROM outbox_message WHERE id = :id", Map.of("id", id), String.class))
                .isEqualTo("7005");
        assertThat(clio.findAll(getRequestedFor(urlPathEqualTo("/api/v4/notes.json")))).isNotEmpty();
        assertThat(noteRequests()).isEmpty();
    }

    @Test
    void aNoteClioDoesNotHaveIsPostedExactlyOnceWithTheMarker() throws Exception {
        Instant claimedAt = clock.instant().minus(Duration.ofMinutes(10));
        stubNotesOnMatter(claimedAt, "{\"id\":7004,\"subject\":\"Other\",\"detail\":\"Written by a person\"}");
        long id = unknownNoteRow(claimedAt);

        sender.sweep(Duration.ZERO);

        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(state(id)));
        assertThat(jdbc.queryForObject("SELECT vendor_id FROM outbox_message WHERE id = :id", Map.of("id", id), String.class))
                .isEqualTo("7001");
        Thread.sleep(1000); // a second sweep (the hub's own runs every 500 ms) must not post it again
        assertThat(noteRequests()).hasSize(1);
        assertThat(json.readTree(noteRequests().get(0).getBodyAsString()).path("data").path("detail").asText())
                .isEqualTo(PracticeRecordMarker.append("Sent by SMS to Jane Doe: Your hearing is set.", KEY));
    }

    /** GET /notes.json for matter 1001 from five minutes before the claim: one page with these notes. */
    private void stubNotesOnMatter(Instant claimedAt, String notes) {
        String since = DateTimeFormatter.ISO_INSTANT.format(claimedAt.minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS));
        clio.stubFor(get(urlPathEqualTo("/api/v4/notes.json")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withQueryParam("matter_id", equalTo("1001")).withQueryParam("type", equalTo("Matter"))
                .withQueryParam("created_since", equalTo(since))
                .withQueryParam("fields", equalTo("id,subject,detail")).withQueryParam("order", equalTo("id(asc)"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":[" + notes + "],\"meta\":{\"paging\":{}}}")));
    }

    /** The row a hub that stopped mid-call leaves, after the sweep found it: UNKNOWN, due now. */
    private long unknownNoteRow(Instant claimedAt) throws Exception {
        OutboundMessage note = OutboundMessage.matterNote("1001", "Client update sent by SMS",
                "Sent by SMS to Jane Doe: Your hearing is set.").withWorkflow("matter-status").withTemplate("hearing-set");
        jdbc.update("""
                INSERT INTO outbox_message (idempotency_key, kind, vendor, state, payload, attempts, created_at,
                                            next_attempt_at, claimed_at, last_status, last_error)
                VALUES (:key, 'MATTER_NOTE', 'clio', 'UNKNOWN', :payload, 1, :claimed, :claimed, :claimed, 0,
                        'outcome unknown: the hub stopped during the vendor call; asking the vendor')""",
                Map.of("key", KEY, "payload", json.writeValueAsString(note), "claimed", Timestamp.from(claimedAt)));
        return jdbc.queryForObject("SELECT id FROM outbox_message WHERE idempotency_key = :key", Map.of("key", KEY), Long.class);
    }

    private String state(long id) {
        return jdbc.queryForObject("SELECT state FROM outbox_message WHERE id = :id", Map.of("id", id), String.class);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
