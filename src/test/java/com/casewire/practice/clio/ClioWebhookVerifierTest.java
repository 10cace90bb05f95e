package com.casewire.practice.clio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ClioWebhookVerifierTest {

    private static final String SECRET = "whsec-clio-0123456789";
    private static final byte[] BODY = """
            {"data":{"id":1001,"etag":"\\"abc\\""},"meta":{"event":"matter_closed","webhook_id":7}}"""
            .getBytes(StandardCharsets.UTF_8);

    /** The expectation, computed without the class under test. */
    private static String independentHmacHex(byte[] body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void acceptsCorrectLowercaseHexSignature() throws Exception {
        String sig = independentHmacHex(BODY, SECRET);
        assertThat(sig).hasSize(64).matches("[0-9a-f]{64}");

        assertThat(ClioWebhookVerifier.verify(BODY, sig, List.of(SECRET))).isTrue();
    }

    @Test
    void signEqualsIndependentlyComputedHmac() throws Exception {
        assertThat(ClioWebhookVerifier.sign(BODY, SECRET)).isEqualTo(independentHmacHex(BODY, SECRET));
    }

    @Test
    void acceptsUppercaseHexAndSurroundingWhitespace() throws Exception {
        String sig = independentHmacHex(BODY, SECRET).toUpperCase(Locale.ROOT);

        assertThat(ClioWebhookVerifier.verify(BODY, sig, List.of(SECRET))).isTrue();
        assertThat(ClioWebhookVerifier.verify(BODY, "  " + sig + " ", List.of(SECRET))).isTrue();
    }

    @Test
    void rejectsTamperedBody() throws Exception {
        String sig = independentHmacHex(BODY, SECRET);
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 3] ^= 0x01; // webhook_id 7 becomes 6
        assertThat(new String(tampered, StandardCharsets.UTF_8)).endsWith("\"webhook_id\":6}}");

        assertThat(ClioWebhookVerifier.verify(tampered, sig, List.of(SECRET))).isFalse();
        // and an appended byte
        byte[] longer = new String(BODY, StandardCharsets.UTF_8).concat(" ").getBytes(StandardCharsets.UTF_8);
        assertThat(ClioWebhookVerifier.verify(longer, sig, List.of(SECRET))).isFalse();
    }

    @Test
    void rejectsSignatureMadeWithAnotherSecret() throws Exception {
        String sig = independentHmacHex(BODY, "some-other-secret");

        assertThat(ClioWebhookVerifier.verify(BODY, sig, List.of(SECRET))).isFalse();
    }

    @Test
    void rejectsMissingBlankOrNonHexHeader() throws Exception {
        String good = independentHmacHex(BODY, SECRET);

        assertThat(ClioWebhookVerifier.verify(BODY, null, List.of(SECRET))).isFalse();
        assertThat(ClioWebhookVerifier.verify(BODY, "", List.of(SECRET))).isFalse();
        assertThat(ClioWebhookVerifier.verify(BODY, "   ", List.of(SECRET))).isFalse();
        assertThat(ClioWebhookVerifier.verify(BODY, "not-a-hex-signature", List.of(SECRET))).isFalse();
        assertThat(ClioWebhookVerifier.verify(BODY, "sha256=" + good, List.of(SECRET))).isFalse();
        // odd length: not valid hex
        assertThat(ClioWebhookVerifier.verify(BODY, good.substring(1), List.of(SECRET))).isFalse();
        // valid hex but truncated
        assertThat(ClioWebhookVerifier.verify(BODY, good.substring(0, 62), List.of(SECRET))).isFalse();
    }

    @Test
    void rejectsWhenNoCandidateSecrets() throws Exception {
        String sig = independentHmacHex(BODY, SECRET);

        assertThat(ClioWebhookVerifier.verify(BODY, sig, List.of())).isFalse();
    }

    @Test
    void acceptsWhenAnyOneOfSeveralSecretsMatches() throws Exception {
        String sig = independentHmacHex(BODY, "secret-b");

        assertThat(ClioWebhookVerifier.verify(BODY, sig, List.of("secret-a", "secret-b", "secret-c"))).isTrue();
        assertThat(ClioWebhookVerifier.verify(BODY, sig, List.of("secret-c", "secret-a", "secret-b"))).isTrue();
        assertThat(ClioWebhookVerifier.verify(BODY, sig, List.of("secret-a", "secret-c"))).isFalse();
    }

    @Test
    void emptyBodyIsSignedLikeAnyOther() throws Exception {
        byte[] empty = new byte[0];
        String sig = independentHmacHex(empty, SECRET);

        assertThat(ClioWebhookVerifier.verify(empty, sig, List.of(SECRET))).isTrue();
        assertThat(ClioWebhookVerifier.verify(BODY, sig, List.of(SECRET))).isFalse();
    }
}
