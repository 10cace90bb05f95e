package com.casewire.pages;

import com.casewire.links.SignedTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Signed, expiring links to staff pages ({@code <base>/staff/<kind>/<token>}), so every link in a staff alert opens
 * a page on a phone without an API token; the API stays for scripts. The token names the kind as well as the id
 * ({@code lead-12}), so a link to one kind of page never opens another. Keyed with {@code hub.pages.staff-link-secret}.
 */
public final class StaffLinks {

    /** What a presented link turned out to be, and the id it names when it is not tampered with. */
    public record Check(SignedTokens.Verdict verdict, long id) {
    }

    private static final Pattern ID = Pattern.compile("[a-z]{1,20}-\\d{1,18}");

    private final SignedTokens tokens;
    private final String baseUrl;
    private final Duration ttl;
    private final Clock clock;

    StaffLinks(String secret, String baseUrl, Duration ttl, Clock clock) {
        this.tokens = new SignedTokens(secret, "hub.pages.staff-link-secret", "staff page links", ID, clock);
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The page's address, valid for {@code hub.pages.staff-link-ttl} from now; kind is the path segment ("lead"). */
    public String url(String kind, long id) {
        return baseUrl + "/staff/" + kind + "/" + tokens.token(kind + "-" + id, clock.instant().plus(ttl));
    }

    /** Checks a token presented on the page for {@code kind}; a token for another kind is tampering. */
    public Check check(String kind, String token) {
        SignedTokens.Check check = tokens.check(token);
        if (check.verdict() == SignedTokens.Verdict.TAMPERED || !check.id().startsWith(kind + "-")) {
            return new Check(SignedTokens.Verdict.TAMPERED, 0);
        }
        return new Check(check.verdict(), Long.parseLong(check.id().substring(kind.length() + 1)));
    }
}
