package com.casewire.timeentry;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signed, expiring one-tap links to record time: {@code <prompt id>.<expiry epoch seconds>.<HMAC-SHA256 of both,
 * base64url>}, keyed with {@code hub.time-entry.link-secret}. A link whose signature does not verify was tampered
 * with (403); one past its expiry is refused even with a good signature (410).
 */
public final class TimeEntryLinks {

    private static final Logger log = LoggerFactory.getLogger(TimeEntryLinks.class);

    public enum Verdict { VALID, TAMPERED, EXPIRED }

    public record Check(Verdict verdict, String promptId) {
    }

    private final byte[] key;
    private final Duration ttl;
    private final String baseUrl;
    private final Clock clock;

    TimeEntryLinks(String secret, Duration ttl, String publicBaseUrl, Clock clock) {
        if (secret == null || secret.isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            this.key = random;
            log.warn("hub.time-entry.link-secret is not set: time-entry links are signed with a random key and stop "
                    + "working when the hub restarts");
        } else {
            this.key = secret.getBytes(StandardCharsets.UTF_8);
        }
        this.ttl = ttl;
        this.baseUrl = publicBaseUrl.replaceAll("/+$", "");
        this.clock = clock;
    }

    /** The page's address for the prompt, valid for the rules' {@code linkValidFor} from now. */
    public String url(String promptId) {
        return baseUrl + "/time/" + token(promptId, clock.instant().plus(ttl));
    }

    String token(String promptId, Instant expires) {
        String payload = promptId + "." + expires.getEpochSecond();
        return payload + "." + sign(payload);
    }

    public Check check(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length != 3 || !parts[0].matches("[0-9a-f]{16}") || !parts[1].matches("\\d{1,12}")) {
            return new Check(Verdict.TAMPERED, null);
        }
        String payload = parts[0] + "." + parts[1];
        if (!MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII), parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return new Check(Verdict.TAMPERED, null);
        }
        if (!clock.instant().isBefore(Instant.ofEpochSecond(Long.parseLong(parts[1])))) {
            return new Check(Verdict.EXPIRED, parts[0]);
        }
        return new Check(Verdict.VALID, parts[0]);
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
