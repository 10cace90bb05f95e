package com.casewire.gcal;

import com.casewire.vendor.OAuthTokenEndpoint;
import com.casewire.vendor.RatePacer;
import com.casewire.vendor.VendorHttp;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Access tokens for Google from {@code hub.google.token-url}, by {@code hub.google.credentials}: an OAuth client's
 * refresh token ({@code grant_type=refresh_token}), or a service account's signed JWT
 * ({@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer}, see {@link GoogleServiceAccount}). A token is
 * reused until 60 s before its {@code expires_in} runs out, and dropped when Google answers 401 to it.
 */
@Component
class GoogleTokens {

    static final String VENDOR = "google-oauth";
    static final Duration EARLY_REFRESH = Duration.ofSeconds(60);
    static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private final GoogleProperties settings;
    private final VendorHttp http;
    private final ObjectMapper json;
    private final Clock clock;
    private final RatePacer pacer;
    private final GoogleServiceAccount serviceAccount;
    private String accessToken;
    private Instant refreshAt = Instant.MIN;

    GoogleTokens(GoogleProperties settings, VendorHttp http, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.json = json;
        this.clock = clock;
        this.pacer = RatePacer.perMinute(VENDOR, settings.requestsPerMinute());
        // read at start-up, so a missing or broken key stops the hub with the key's name instead of failing later
        this.serviceAccount = settings.enabled() && settings.usesServiceAccount()
                ? GoogleServiceAccount.load(settings.serviceAccountKey(), json) : null;
    }

    /** A token that is valid for at least another minute, fetched when the cached one is missing or too old. */
    synchronized String accessToken() {
        if (accessToken == null || !clock.instant().isBefore(refreshAt)) {
            fetch();
        }
        return accessToken;
    }

    /** Google refused {@code rejected} (401): the next {@link #accessToken()} fetches a new one. */
    synchronized void rejected(String rejected) {
        if (rejected != null && rejected.equals(accessToken)) {
            accessToken = null;
        }
    }

    private void fetch() {
        Instant asked = clock.instant();
        String form = serviceAccount != null ? serviceAccountForm(asked) : refreshTokenForm();
        OAuthTokenEndpoint.Token token = OAuthTokenEndpoint.request(http, VENDOR, pacer, settings.tokenUrl(), form);
        accessToken = token.accessToken();
        // measured from when we asked, so time spent in flight never makes us use a token past its expiry
        refreshAt = asked.plusSeconds(token.expiresInSeconds()).minus(EARLY_REFRESH);
    }

    private String refreshTokenForm() {
        if (!settings.isCredentialsPresent() || settings.refreshToken().isBlank()) {
            throw new IllegalStateException(
                    "Google Calendar is not configured: hub.google.client-id, client-secret and refresh-token are required");
        }
        return OAuthTokenEndpoint.form("grant_type", "refresh_token", "refresh_token", settings.refreshToken(),
                "client_id", settings.clientId(), "client_secret", settings.clientSecret());
    }

    /**
     * The JWT bearer grant. The assertion's audience is the key's {@code token_uri} (what Google checks), or the
     * configured token URL when the key has none; the request goes to the configured token URL.
     */
    private String serviceAccountForm(Instant now) {
        String audience = serviceAccount.tokenUri() != null ? serviceAccount.tokenUri() : settings.tokenUrl();
        String assertion = serviceAccount.assertion(settings.scope(), audience, settings.delegatedUser(), now);
        return OAuthTokenEndpoint.form("grant_type", JWT_BEARER, "assertion", assertion);
    }
}
