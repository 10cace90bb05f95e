package com.casewire.intake;

import com.casewire.config.HubProperties;
import com.casewire.links.SignedTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Signed, expiring self-booking links: {@code <lead id>.<expiry epoch seconds>.<HMAC-SHA256 of both, base64url>},
 * keyed with {@code hub.intake.booking-secret} ({@link SignedTokens}). A link whose signature does not verify was
 * tampered with; one past its expiry is refused even with a good signature.
 */
public final class BookingLinks {

    /** What a presented token turned out to be. */
    public enum Verdict { VALID, TAMPERED, EXPIRED }

    public record Check(Verdict verdict, long leadId) {
    }

    private final SignedTokens tokens;
    private final Duration ttl;
    private final String baseUrl;
    private final Clock clock;

    public BookingLinks(HubProperties hub, IntakeProperties settings, Clock clock) {
        this.tokens = new SignedTokens(settings.bookingSecret(), "hub.intake.booking-secret", "booking links",
                Pattern.compile("\\d{1,18}"), clock);
        this.ttl = settings.bookingLinkTtl();
        this.baseUrl = hub.publicBaseUrl().replaceAll("/+$", "");
        this.clock = clock;
    }

    /** The booking page's address for the lead, valid for {@code hub.intake.booking-link-ttl} from now. */
    public String url(long leadId) {
        return baseUrl + "/intake/book/" + token(leadId, clock.instant().plus(ttl));
    }

    public String token(long leadId, Instant expires) {
        return tokens.token(Long.toString(leadId), expires);
    }

    public Check check(String token) {
        SignedTokens.Check check = tokens.check(token);
        return new Check(Verdict.valueOf(check.verdict().name()), check.id() == null ? 0 : Long.parseLong(check.id()));
    }
}
