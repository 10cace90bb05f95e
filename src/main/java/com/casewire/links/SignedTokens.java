package com.casewire.links;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tokens for the links the hub texts and emails to people (booking, one-tap time entry):
 * {@code <id>.<expiry epoch seconds>.<HMAC-SHA256 of both, base64url>}. A token whose signature does not verify, or
 * whose parts are not what the link puts there, was tampered with; one past its expiry is refused even with a good
 * signature. Without a configured secret the key is random: links then stop working when the hub restarts, and the
 * start says so.
 */
public final class SignedTokens {

    private static final Logger log = LoggerFactory.getLogger(SignedTokens.class);
    private static final Pattern EXPIRY = Pattern.compile("\\d{1,12}");

    /** What a presented token turned out to be. */
    public enum Verdict { VALID, TAMPERED, EXPIRED }

    /** The verdict and, unless tampered with, the id the token names. */
    public record Check(Verdict verdict, String id) {
    }

    private final byte[] key;
    private final Pattern idShape;
    private final Clock clock;

    /**
     * @param setting the secret's configuration key, named in the warning when it is not set
     * @param links what the links are, for that warning ("booking links")
     * @param idShape what an id looks like; anything else is tampering
     */
    public SignedTokens(String secret, String setting, String links, Pattern idShape, Clock clock) {
        if (secret == null || secret.isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            this.key = random;
            log.warn("{} is not set: {} are signed with a random key and stop working when the hub restarts", setting, links);
        } else {
            this.key = secret.getBytes(StandardCharsets.UTF_8);
        }
        this.idShape = idShape;
        this.clock = clock;
    }

    public String token(String id, Instant expires) {
        String payload = id + "." + expires.getEpochSecond();
        return payload + "." + sign(payload);
    }

    public Check check(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length != 3 || !idShape.matcher(parts[0]).matches() || !EXPIRY.matcher(parts[1]).matches()) {
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
