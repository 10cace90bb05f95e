package com.casewire.timeentry;

import com.casewire.links.SignedTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Signed, expiring one-tap links to record time: {@code <prompt id>.<expiry epoch seconds>.<HMAC-SHA256 of both,
 * base64url>}, keyed with {@code hub.time-entry.link-secret} ({@link SignedTokens}). A link whose signature does not verify was tampered
 * with (403); one past its expiry is refused even with a good signature (410).
 */
final class TimeEntryLinks {

    public enum Verdict { VALID, TAMPERED, EXPIRED }

    public record Check(Verdict verdict, String promptId) {
    }

    private final SignedTokens tokens;
    private final Duration ttl;
    private final String baseUrl;
    private final Clock clock;

    TimeEntryLinks(String secret, Duration ttl, String publicBaseUrl, Clock clock) {
        this.tokens = new SignedTokens(secret, "hub.time-entry.link-secret", "time-entry links",
                Pattern.compile("[0-9a-f]{16}"), clock);
        this.ttl = ttl;
        this.baseUrl = publicBaseUrl.replaceAll("/+$", "");
        this.clock = clock;
    }

    /** The page's address for the prompt, valid for the rules' {@code linkValidFor} from now. */
    public String url(String promptId) {
        return baseUrl + "/time/" + token(promptId, clock.instant().plus(ttl));
    }

    String token(String promptId, Instant expires) {
        return tokens.token(promptId, expires);
    }

    public Check check(String token) {
        SignedTokens.Check check = tokens.check(token);
        return new Check(Verdict.valueOf(check.verdict().name()), check.id());
    }
}
