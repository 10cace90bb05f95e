package com.casewire.gcal;

import com.casewire.support.TestVendorRoutes;
import com.casewire.support.TestHubProperties;
import com.casewire.vendor.VendorHttp;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Hub settings bound the way Spring binds them, Google's documented bodies, and an H2 schema from the migrations. */
final class GcalFixtures {

    static final String TOKEN_FORM = "grant_type=refresh_token&refresh_token=refresh-1&client_id=client-1&client_secret=secret-1";

    private GcalFixtures() {
    }

    static Map<String, String> required() {
        Map<String, String> p = TestHubProperties.required();
        p.put("hub.firm.name", "Calendar Law");
        return p;
    }

    static TestHubProperties bind(Map<String, String> properties) {
        return TestHubProperties.bind(properties);
    }

    /** Google pointed at a stub at {@code stubBaseUrl}: API under /calendar/v3, token endpoint at /token. */
    static TestHubProperties hub(String stubBaseUrl) {
        Map<String, String> p = required();
        p.put("hub.google.base-url", stubBaseUrl + "/calendar/v3");
        p.put("hub.google.token-url", stubBaseUrl + "/token");
        p.put("hub.google.client-id", "client-1");
        p.put("hub.google.client-secret", "secret-1");
        p.put("hub.google.refresh-token", "refresh-1");
        p.put("hub.google.calendar-ids[0]", "firm@example.com");
        p.put("hub.google.full-sync-look-back", "7d");
        return bind(p);
    }

    static GoogleCalendarClient client(TestHubProperties hub, Clock clock) {
        VendorHttp http = new VendorHttp(Duration.ofSeconds(5), clock);
        ObjectMapper json = new ObjectMapper();
        return new GoogleCalendarClient(hub.google(), http, TestVendorRoutes.forGoogle(hub.google().baseUrl()),
                new GoogleTokens(hub.google(), http, json, clock), json, clock);
    }

    static String tokenResponse(String accessToken, long expiresIn) {
        return """
                {"access_token":"%s","expires_in":%d,"scope":"https://www.googleapis.com/auth/calendar","token_type":"Bearer"}"""
                .formatted(accessToken, expiresIn);
    }

    /** Google's error body (https://developers.google.com/calendar/api/guides/errors). */
    static String error(int code, String domain, String reason, String message) {
        return """
                {"error":{"errors":[{"domain":"%s","reason":"%s","message":"%s"}],"code":%d,"message":"%s"}}"""
                .formatted(domain, reason, message, code, message);
    }

    /** A fresh in-memory H2 database migrated with the hub's Flyway scripts. */
    static NamedParameterJdbcTemplate database() {
        String url = "jdbc:h2:mem:gcal-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").load().migrate();
        return new NamedParameterJdbcTemplate(new DriverManagerDataSource(url, "sa", ""));
    }
}
