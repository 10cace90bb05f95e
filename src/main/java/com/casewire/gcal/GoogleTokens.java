package com.casewire.gcal;

import com.casewire.config.HubProperties;
import com.casewire.vendor.RatePacer;
import com.casewire.vendor.VendorException;
import com.casewire.vendor.VendorHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Access tokens for Google from an OAuth client's refresh token ({@code grant_type=refresh_token} at
 * {@code hub.google.token-url}). A token is reused until 60 s before its {@code expires_in} runs out, and
 * dropped when Google answers 401 to it. Service-account (JWT bearer) credentials are not supported yet.
 */
@Component
class GoogleTokens {

    static final String VENDOR = "google-oauth";
    static final Duration EARLY_REFRESH = Duration.ofSeconds(60);

    private final HubProperties.Google settings;
    private final VendorHttp http;
    private final ObjectMapper json;
    private final Clock clock;
    private final RatePacer pacer;
    private String accessToken;
    private Instant refreshAt = Instant.MIN;

    GoogleTokens(HubProperties hub, VendorHttp http, ObjectMapper json, Clock clock) {
        this.settings = hub.google();
        this.http = http;
        this.json = json;
        this.clock = clock;
        this.pacer = RatePacer.perMinute(VENDOR, settings.requestsPerMinute());
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
        if (!settings.isCredentialsPresent() || settings.refreshToken().isBlank()) {
            throw new IllegalStateException(
                    "Google Calendar is not configured: hub.google.client-id, client-secret and refresh-token are required");
        }
        String form = "grant_type=refresh_token&refresh_token=" + encode(settings.refreshToken())
                + "&client_id=" + encode(settings.clientId()) + "&client_secret=" + encode(settings.clientSecret());
        HttpRequest request = http.request(URI.create(settings.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        Instant asked = clock.instant();
        JsonNode token = read(http.send(VENDOR, pacer, request, this::oauthError).body());
        String fresh = token.path("access_token").asText(null);
        if (fresh == null || fresh.isBlank()) {
            throw new VendorException(VENDOR, false, 0, null, "token response has no access_token", null, null);
        }
        long expiresIn = token.path("expires_in").asLong(0);
        accessToken = fresh;
        // measured from when we asked, so time spent in flight never makes us use a token past its expiry
        refreshAt = asked.plusSeconds(expiresIn).minus(EARLY_REFRESH);
    }

    VendorHttp.ErrorDetail oauthError(String body) {
        JsonNode error = read(body);
        return new VendorHttp.ErrorDetail(error.path("error").asText(null),
                error.path("error_description").asText(error.path("error").asText(null)));
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new VendorException(VENDOR, false, 0, null, "response is not JSON: " + e.getMessage(), null, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
