package com.casewire.practice.clio;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Clio's {@code X-Hook-Signature}: HMAC-SHA256 of the raw request body, keyed with the webhook's
 * secret, hex encoded. Runs on the raw bytes before anything parses them and compares in constant time.
 */
public final class ClioWebhookVerifier {

    private static final HexFormat HEX = HexFormat.of();

    private ClioWebhookVerifier() {
    }

    /** True when the signature matches the body under any of the candidate secrets. */
    public static boolean verify(byte[] rawBody, String signatureHeader, Collection<String> secrets) {
        if (signatureHeader == null || signatureHeader.isBlank() || secrets.isEmpty()) {
            return false;
        }
        byte[] presented;
        try {
            presented = HEX.parseHex(signatureHeader.trim().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        boolean match = false;
        for (String secret : secrets) {
            // no early exit: every candidate is checked, so timing does not reveal which one matched
            match |= MessageDigest.isEqual(hmac(rawBody, secret), presented);
        }
        return match;
    }

    public static String sign(byte[] rawBody, String secret) {
        return HEX.formatHex(hmac(rawBody, secret));
    }

    static byte[] hmac(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
