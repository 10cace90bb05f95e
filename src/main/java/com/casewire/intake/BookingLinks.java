package com.casewire.intake;

import com.casewire.config.HubProperties;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signed, expiring self-booking links: {@code <lead id>.<expiry epoch seconds>.<HMAC-SHA256 of both, base64url>},
 * keyed with {@code hub.intake.booking-secret}. A link whose signature does not verify was tampered with; one past
 * its expiry is refused even with a good signature.
 */
public final class BookingLinks {

    private static final Logger log = LoggerFactory.getLogger(BookingLinks.class);

    /** What a presented token turned out to be. */
    public enum Verdict { VALID, TAMPERED, EXPIRED }

    public record Check(Verdict verdict, long leadId) {
    }

    private final byte[] key;
    private final Duration ttl;
    private final String baseUrl;
    private final Clock clock;

    public BookingLinks(HubProperties hub, Clock clock) {
        String secret = hub.intake().bookingSecret();
        if (secret == null || secret.isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            this.key = random;
            log.warn("hub.intake.booking-secret is not set: booking links are signed with a random key and stop working "
                    + "when the hub restarts");
        } else {
            this.key = secret.getBytes(StandardCharsets.UTF_8);
        }
        this.ttl = hub.intake().bookingLinkTtl();
        this.baseUrl = hub.publicBaseUrl().replaceAll("/+$", "");
        this.clock = clock;
    }

    /** The booking page's address for the lead, valid for {@code hub.intake.booking-link-ttl} from now. */
    public String url(long leadId) {
        return baseUrl + "/intake/book/" + token(leadId, clock.instant().plus(ttl));
    }

    public String token(long leadId, Instant expires) {
        String payload = leadId + "." + expires.getEpochSecond();
        return payload + "." + sign(payload);
    }

    public Check check(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length != 3) {
            return new Check(Verdict.TAMPERED, 0);
        }
        String payload = parts[0] + "." + parts[1];
        if (!MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII), parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return new Check(Verdict.TAMPERED, 0);
        }
        OptionalLong lead = parse(parts[0]);
        OptionalLong expiry = parse(parts[1]);
        if (lead.isEmpty() || expiry.isEmpty()) {
            return new Check(Verdict.TAMPERED, 0);
        }
        if (!clock.instant().isBefore(Instant.ofEpochSecond(expiry.getAsLong()))) {
            return new Check(Verdict.EXPIRED, lead.getAsLong());
        }
        return new Check(Verdict.VALID, lead.getAsLong());
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

    private static OptionalLong parse(String digits) {
        try {
            return OptionalLong.of(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
