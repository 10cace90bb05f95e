package com.casewire.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The communication log anchored outside the hub: a database administrator rewrites a past entry and recomputes every
 * later hash and the head, so the chain alone verifies; the head an earlier day's report carried does not.
 */
class ChainAnchorTest extends HubIntegrationTest {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:chain-anchor-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @Autowired
    CommunicationLog commLog;
    @Autowired
    ChainSealer sealer;
    @Autowired
    ObjectMapper json;

    void send(String key, String body, Instant at) {
        commLog.record(new LogEntry(key, at, "1001", "Jane Doe", CLIENT_PHONE, "sms", "matter-status", "update", null,
                body, "SENT", "SM" + key, null));
    }

    JsonNode verify(CommunicationLog.Anchor anchor) throws Exception {
        HttpResponse<String> response = api("GET", "/api/communications/verify?anchorSeq=" + anchor.seq() + "&anchorHash="
                + anchor.hash());
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    void aRewriteThatRecomputesTheWholeChainIsCaughtByAnEarlierDaysAnchor() throws Exception {
        Instant monday = Instant.parse("2026-12-07T15:00:00Z");
        send("m1", "Your hearing is on Friday.", monday);
        send("m2", "The settlement offer is $40,000.", monday.plusSeconds(60));
        send("m3", "Please sign the retainer.", monday.plusSeconds(120));
        sealer.sealAll();
        CommunicationLog.Anchor mondaysReport = commLog.head(); // what Monday's reconciliation email carried
        assertThat(mondaysReport.seq()).isEqualTo(3);
        assertThat(verify(mondaysReport).path("anchor").path("holds").asBoolean()).isTrue();

        send("t1", "Your documents arrived.", monday.plusSeconds(86_400));
        send("t2", "See you tomorrow.", monday.plusSeconds(86_460));
        sealer.sealAll();

        rewriteAsAnAdministratorCould(2, "The settlement offer is $25,000.");

        // the chain on its own is consistent again: the edit does not show
        assertThat(commLog.verify().valid()).isTrue();
        assertThat(jdbc.queryForObject("SELECT body FROM communication_log WHERE chain_seq = 2", Map.of(), String.class))
                .isEqualTo("The settlement offer is $25,000.");
        // Monday's anchor does
        JsonNode checked = verify(mondaysReport);
        assertThat(checked.path("chain").path("valid").asBoolean()).isTrue();
        assertThat(checked.path("anchor").path("holds").asBoolean()).isFalse();
        assertThat(checked.path("anchor").path("problem").asText()).contains("no longer hash to the anchor");
        // a head taken after the rewrite is of course consistent with it: anchors only protect what came before them
        assertThat(commLog.verifyAnchor(commLog.head()).holds()).isTrue();
    }

    @Test
    void deletingAnchoredEntriesAndRenumberingIsCaughtToo() throws Exception {
        Instant at = Instant.parse("2026-12-07T15:00:00Z");
        send("d1", "one", at);
        send("d2", "two", at.plusSeconds(1));
        sealer.sealAll();
        CommunicationLog.Anchor anchor = commLog.head();

        jdbc.update("DELETE FROM communication_log WHERE chain_seq = 1", Map.of());
        jdbc.update("UPDATE communication_log SET chain_seq = 1 WHERE chain_seq = 2", Map.of());
        recomputeFrom(1);

        assertThat(commLog.verify().valid()).isTrue();
        CommunicationLog.AnchorCheck check = commLog.verifyAnchor(anchor);
        assertThat(check.holds()).isFalse();
        assertThat(check.problem()).contains("entries were removed");
    }

    /** Changes one sealed entry's body, then recomputes its hash, every later hash and the head. */
    private void rewriteAsAnAdministratorCould(long seq, String newBody) {
        jdbc.update("UPDATE communication_log SET body = :body WHERE chain_seq = :seq", Map.of("body", newBody, "seq", seq));
        recomputeFrom(seq);
    }

    private void recomputeFrom(long seq) {
        List<CommunicationLog.StoredEntry> entries = jdbc.query("SELECT * FROM communication_log WHERE chain_seq >= :seq"
                + " ORDER BY chain_seq", Map.of("seq", seq), CommunicationLog::row);
        String prev = seq == 1 ? ChainHash.GENESIS : jdbc.queryForObject(
                "SELECT entry_hash FROM communication_log WHERE chain_seq = :seq", Map.of("seq", seq - 1), String.class);
        long last = seq - 1;
        for (CommunicationLog.StoredEntry e : entries) {
            String hash = ChainHash.of(prev, e.chainSeq(), e.entry());
            jdbc.update("UPDATE communication_log SET prev_hash = :prev, entry_hash = :hash WHERE id = :id",
                    Map.of("prev", prev, "hash", hash, "id", e.id()));
            prev = hash;
            last = e.chainSeq();
        }
        jdbc.update("UPDATE communication_chain_head SET last_seq = :seq, last_hash = :hash WHERE id = 1",
                Map.of("seq", last, "hash", prev));
    }
}
