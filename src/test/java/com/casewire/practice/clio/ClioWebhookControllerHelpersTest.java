package com.casewire.practice.clio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ClioWebhookControllerHelpersTest {

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode parse(String text) throws Exception {
        return json.readTree(text);
    }

    private static String sha256(byte[] body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    }

    // ---- how the inbox treats a Clio delivery

    @Test
    void aClioDeliveryMayBeProcessedAtTheEdgeInOrderPerRecord() throws Exception {
        String text = """
                {"data":{"id":1001,"etag":"e1"},"meta":{"event":"matter_closed","webhook_id":7}}""";

        assertThat(ClioWebhookController.KIND.alwaysCallsVendor()).isFalse();
        assertThat(ClioWebhookController.KIND.sequenceKey().apply(parse(text))).isEqualTo("clio:wh7:1001");
    }

    // ---- dedupeKey

    @Test
    void dedupeKeyUsesWebhookIdRecordIdEtagAndEventWhenEtagPresent() throws Exception {
        String text = """
                {"data":{"id":1001,"etag":"\\"e-42\\""},"meta":{"event":"matter_closed","webhook_id":7}}""";
        byte[] body = text.getBytes(StandardCharsets.UTF_8);

        assertThat(ClioWebhookController.dedupeKey(parse(text), body))
                .isEqualTo("wh7:1001:\"e-42\":matter_closed");
    }

    @Test
    void etagKeyIgnoresIrrelevantBodyDifferences() throws Exception {
        String a = """
                {"data":{"id":1001,"etag":"e1","description":"A"},"meta":{"event":"updated","webhook_id":7}}""";
        String b = """
                {"meta":{"webhook_id":7,"event":"updated"},"data":{"etag":"e1","id":1001,"description":"B"}}""";

        assertThat(ClioWebhookController.dedupeKey(parse(a), a.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(ClioWebhookController.dedupeKey(parse(b), b.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void etagKeyDiffersWhenEtagOrEventDiffers() throws Exception {
        String base = """
                {"data":{"id":1001,"etag":"e1"},"meta":{"event":"updated","webhook_id":7}}""";
        String otherEtag = """
                {"data":{"id":1001,"etag":"e2"},"meta":{"event":"updated","webhook_id":7}}""";
        String otherEvent = """
                {"data":{"id":1001,"etag":"e1"},"meta":{"event":"matter_closed","webhook_id":7}}""";
        String k = ClioWebhookController.dedupeKey(parse(base), base.getBytes(StandardCharsets.UTF_8));

        assertThat(ClioWebhookController.dedupeKey(parse(otherEtag), otherEtag.getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(k);
        assertThat(ClioWebhookController.dedupeKey(parse(otherEvent), otherEvent.getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(k);
    }

    @Test
    void etagKeyDefaultsWebhookIdToZeroWhenMetaHasNone() throws Exception {
        String text = """
                {"data":{"id":"55","etag":"x"},"meta":{"event":"created"}}""";

        assertThat(ClioWebhookController.dedupeKey(parse(text), text.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("wh0:55:x:created");
    }

    @Test
    void dedupeKeyFallsBackToBodyDigestWithoutEtag() throws Exception {
        String text = """
                {"data":{"id":1001},"meta":{"event":"deleted","webhook_id":7}}""";
        byte[] body = text.getBytes(StandardCharsets.UTF_8);

        assertThat(ClioWebhookController.dedupeKey(parse(text), body)).isEqualTo("sha256:" + sha256(body));
    }

    @Test
    void blankOrNullEtagAlsoFallsBackToBodyDigest() throws Exception {
        String blank = """
                {"data":{"id":1,"etag":""},"meta":{"event":"deleted"}}""";
        String nul = """
                {"data":{"id":1,"etag":null},"meta":{"event":"deleted"}}""";

        assertThat(ClioWebhookController.dedupeKey(parse(blank), blank.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256:" + sha256(blank.getBytes(StandardCharsets.UTF_8)));
        assertThat(ClioWebhookController.dedupeKey(parse(nul), nul.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256:" + sha256(nul.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bodyDigestKeyChangesWithAnyByteOfTheBody() throws Exception {
        String a = """
                {"data":{"id":1001},"meta":{"event":"deleted"}}""";
        String b = """
                {"data":{"id":1001},"meta":{"event":"deleted"} }""";

        assertThat(ClioWebhookController.dedupeKey(parse(a), a.getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(ClioWebhookController.dedupeKey(parse(b), b.getBytes(StandardCharsets.UTF_8)));
    }

    // ---- shapeProblem

    @Test
    void wellFormedDeliveryHasNoShapeProblem() throws Exception {
        assertThat(ClioWebhookController.shapeProblem(parse("""
                {"data":{"id":1},"meta":{"event":"created"}}"""))).isEmpty();
    }

    @Test
    void nonObjectBodyIsAShapeProblem() throws Exception {
        assertThat(ClioWebhookController.shapeProblem(parse("[1,2,3]")))
                .contains("body must be a JSON object with data and meta");
        assertThat(ClioWebhookController.shapeProblem(parse("\"text\""))).isPresent();
        assertThat(ClioWebhookController.shapeProblem(parse("42"))).isPresent();
    }

    @Test
    void missingDataOrDataIdIsAShapeProblem() throws Exception {
        assertThat(ClioWebhookController.shapeProblem(parse("""
                {"meta":{"event":"created"}}"""))).contains("data.id is required");
        assertThat(ClioWebhookController.shapeProblem(parse("""
                {"data":{"name":"x"},"meta":{"event":"created"}}"""))).contains("data.id is required");
        assertThat(ClioWebhookController.shapeProblem(parse("""
                {"data":[{"id":1}],"meta":{"event":"created"}}"""))).contains("data.id is required");
    }

    @Test
    void missingOrNonTextMetaEventIsAShapeProblem() throws Exception {
        assertThat(ClioWebhookController.shapeProblem(parse("""
                {"data":{"id":1}}"""))).contains("meta.event is required");
        assertThat(ClioWebhookController.shapeProblem(parse("""
                {"data":{"id":1},"meta":{}}"""))).contains("meta.event is required");
        assertThat(ClioWebhookController.shapeProblem(parse("""
                {"data":{"id":1},"meta":{"event":5}}"""))).contains("meta.event is required");
    }
}
