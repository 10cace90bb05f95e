package com.casewire.practice.mycase;

import com.casewire.vendor.OAuthTokenEndpoint;
import com.casewire.vendor.RatePacer;
import com.casewire.vendor.VendorException;
import com.casewire.vendor.VendorHttp;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * MyCase OAuth tokens. The access token is refreshed at {@code hub.mycase.token-url} (form
 * {@code grant_type=refresh_token, refresh_token, client_id, client_secret}) five minutes before its
 * {@code expires_in} runs out, and when MyCase answers 401. MyCase refresh tokens last two weeks and a refresh may
 * hand back a new one, so the current pair lives in {@code mycase_oauth_token}: a restart, or another instance,
 * continues from the rotated token instead of the configured one that MyCase may already have retired.
 * <p>
 * A refresh runs in a transaction of its own (never the caller's: a rolled-back inbox transaction must not
 * take a rotated refresh token with it) and holds the row lock while it talks to MyCase, so two instances never
 * spend the same refresh token.
 */
@Component
class MyCaseTokens {

    private static final Logger log = LoggerFactory.getLogger(MyCaseTokens.class);
    static final String VENDOR = "mycase-oauth";
    static final Duration EARLY_REFRESH = Duration.ofMinutes(5);

    static final String SELECT = """
            SELECT access_token, refresh_token, expires_at, configured_hash FROM mycase_oauth_token WHERE id = 1""";
    static final String SELECT_FOR_UPDATE = SELECT + " FOR UPDATE";
    static final String INSERT = """
            INSERT INTO mycase_oauth_token (id, access_token, refresh_token, expires_at, configured_hash, updated_at)
            VALUES (1, :accessToken, :refreshToken, :expiresAt, :configuredHash, :updatedAt)""";
    static final String UPDATE = """
            UPDATE mycase_oauth_token SET access_token = :accessToken, refresh_token = :refreshToken,
            expires_at = :expiresAt, configured_hash = :configuredHash, updated_at = :updatedAt WHERE id = 1""";

    /** A token pair; {@code expiresAt} null when unknown (a configured access token). */
    record Pair(String accessToken, String refreshToken, Instant expiresAt) {
    }

    private final MyCaseProperties settings;
    private final VendorHttp http;
    private final Clock clock;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final RatePacer pacer;
    private final String configuredHash;
    private Pair current;

    MyCaseTokens(MyCaseProperties settings, VendorHttp http, Clock clock, NamedParameterJdbcTemplate jdbc,
                 PlatformTransactionManager transactions) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.pacer = new RatePacer(VENDOR, settings.requestsPerSecond());
        this.configuredHash = sha256(settings.refreshToken());
    }

    /** An access token to send: the current one, refreshed first when it expires within five minutes. */
    synchronized String accessToken() {
        Pair pair = current();
        if (settings.canRefresh() && (pair.accessToken() == null || expiresSoon(pair))) {
            return refresh(pair.accessToken()).accessToken();
        }
        if (pair.accessToken() == null || pair.accessToken().isBlank()) {
            throw new IllegalStateException("MyCase is not configured: hub.mycase.access-token is blank and "
                    + "hub.mycase.refresh-token, client-id and client-secret are not all set");
        }
        return pair.accessToken();
    }

    /**
     * MyCase refused {@code rejected} (401): returns a fresh access token, or null when no refresh is configured.
     * When another caller or instance refreshed meanwhile, its token is used without a second refresh.
     */
    synchronized String afterRejection(String rejected) {
        if (!settings.canRefresh()) {
            return null;
        }
        return refresh(rejected).accessToken();
    }

    /** The refresh token the next refresh will spend (for operators and tests; never logged). */
    synchronized String currentRefreshToken() {
        return current().refreshToken();
    }

    private Pair current() {
        if (current == null) {
            current = stored(jdbc.query(SELECT, Map.of(), (rs, n) -> row(rs)));
        }
        return current;
    }

    private Pair refresh(String stale) {
        Pair fresh = ownTransaction.execute(status -> {
            List<Map<String, Object>> rows = jdbc.query(SELECT_FOR_UPDATE, Map.of(), (rs, n) -> row(rs));
            boolean exists = !rows.isEmpty();
            Pair stored = stored(rows);
            if (stored.accessToken() != null && !stored.accessToken().equals(stale) && !expiresSoon(stored)) {
                return stored; // refreshed by another caller or instance while we waited for the lock
            }
            Pair next = callTokenEndpoint(stored.refreshToken());
            Map<String, Object> params = new HashMap<>();
            params.put("accessToken", next.accessToken());
            params.put("refreshToken", next.refreshToken());
            params.put("expiresAt", next.expiresAt() == null ? null : Timestamp.from(next.expiresAt()));
            params.put("configuredHash", configuredHash);
            params.put("updatedAt", Timestamp.from(clock.instant()));
            jdbc.update(exists ? UPDATE : INSERT, params);
            return next;
        });
        current = fresh;
        return fresh;
    }

    private Pair callTokenEndpoint(String refreshToken) {
        String form = OAuthTokenEndpoint.form("client_id", settings.clientId(), "client_secret", settings.clientSecret(),
                "grant_type", "refresh_token", "refresh_token", refreshToken);
        Instant asked = clock.instant();
        OAuthTokenEndpoint.Token token;
        try {
            token = OAuthTokenEndpoint.request(http, VENDOR, pacer, settings.tokenUrl(), form);
        } catch (VendorException e) {
            if (!e.isTransient() && e.httpStatus() > 0) {
                log.error("MyCase refused the refresh token ({}); authorise the hub again and set hub.mycase.refresh-token",
                        e.getMessage());
            }
            throw e;
        }
        // a response without refresh_token keeps the one just spent
        String rotated = token.refreshToken();
        long expiresIn = token.expiresInSeconds();
        // measured from when we asked, so time in flight never makes us send an expired token
        return new Pair(token.accessToken(), rotated == null ? refreshToken : rotated,
                expiresIn > 0 ? asked.plusSeconds(expiresIn) : null);
    }

    /** The stored pair, unless the configured refresh token changed since it was stored (the firm re-authorised). */
    private Pair stored(List<Map<String, Object>> rows) {
        Pair configured = new Pair(blankToNull(settings.accessToken()), blankToNull(settings.refreshToken()), null);
        if (rows.isEmpty() || !configuredHash.equals(rows.get(0).get("configuredHash"))) {
            return configured;
        }
        Map<String, Object> row = rows.get(0);
        return new Pair((String) row.get("accessToken"), (String) row.get("refreshToken"), (Instant) row.get("expiresAt"));
    }

    private static Map<String, Object> row(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<String, Object> row = new HashMap<>();
        row.put("accessToken", rs.getString("access_token"));
        row.put("refreshToken", rs.getString("refresh_token"));
        Timestamp expires = rs.getTimestamp("expires_at");
        row.put("expiresAt", expires == null ? null : expires.toInstant());
        row.put("configuredHash", rs.getString("configured_hash"));
        return row;
    }

    private boolean expiresSoon(Pair pair) {
        return pair.expiresAt() != null && !clock.instant().isBefore(pair.expiresAt().minus(EARLY_REFRESH));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((value == null ? "" : value).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
