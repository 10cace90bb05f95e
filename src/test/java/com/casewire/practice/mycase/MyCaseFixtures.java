package com.casewire.practice.mycase;

import com.casewire.support.TestVendorRoutes;
import com.casewire.support.TestHubProperties;
import com.casewire.vendor.VendorHttp;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * MyCase as public clients report it (docs/connectors/mycase.md): API under /v1, Bearer tokens, token endpoint
 * /tokens taking a form, list endpoints answering bare JSON arrays with a {@code Link: <...>; rel="next"} header
 * carrying {@code page_token}, records with the field names those clients read.
 */
final class MyCaseFixtures {

    static final String ACCESS_TOKEN = "mycase-access-1";
    static final String REFRESH_TOKEN = "mycase-refresh-1";
    static final String CLIENT_ID = "client-1";
    static final String CLIENT_SECRET = "secret-1";
    static final String TOKEN_FORM = "client_id=client-1&client_secret=secret-1&grant_type=refresh_token&refresh_token=";

    private MyCaseFixtures() {
    }

    /** MyCase pointed at a stub: API at {@code stub}/v1, token endpoint at {@code stub}/tokens. */
    static TestHubProperties hub(String stub, Map<String, String> overrides) {
        Map<String, String> p = TestHubProperties.required();
        p.put("hub.practice-management", "mycase");
        p.put("hub.mycase.base-url", stub + "/v1");
        p.put("hub.mycase.token-url", stub + "/tokens");
        p.put("hub.mycase.access-token", ACCESS_TOKEN);
        p.put("hub.mycase.refresh-token", REFRESH_TOKEN);
        p.put("hub.mycase.client-id", CLIENT_ID);
        p.put("hub.mycase.client-secret", CLIENT_SECRET);
        p.put("hub.mycase.requests-per-second", "25");
        p.putAll(overrides);
        return TestHubProperties.bind(p);
    }

    /** A fresh in-memory H2 database migrated with the hub's Flyway scripts. */
    static DataSource database() {
        String url = "jdbc:h2:mem:mycase-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").load().migrate();
        return new DriverManagerDataSource(url, "sa", "");
    }

    static MyCaseTokens tokens(TestHubProperties hub, Clock clock, DataSource db) {
        return new MyCaseTokens(hub.mycase(), http(clock), clock, new NamedParameterJdbcTemplate(db),
                new DataSourceTransactionManager(db));
    }

    static MyCaseClient client(TestHubProperties hub, Clock clock, DataSource db) {
        return new MyCaseClient(hub.mycase(), http(clock), TestVendorRoutes.forMyCase(hub.mycase().baseUrl()), tokens(hub, clock, db),
                new ObjectMapper());
    }

    static VendorHttp http(Clock clock) {
        return new VendorHttp(Duration.ofSeconds(5), clock);
    }

    static String tokenResponse(String access, String refresh, long expiresIn) {
        return """
                {"access_token":"%s","token_type":"bearer","expires_in":%d,"refresh_token":"%s"}"""
                .formatted(access, expiresIn, refresh);
    }

    static String kase(long id, String name, String status, String stage, String updatedAt) {
        return """
                {"id":%d,"name":"%s","case_number":"MC-%d","status":"%s","case_stage":%s,"practice_area":"Family Law",\
                "description":"","opened_date":"2026-01-05","clients":[{"id":501}],"staff":[{"id":77}],\
                "created_at":"2026-01-05T15:00:00Z","updated_at":"%s"}"""
                .formatted(id, name, id, status, stage == null ? "null" : "\"" + stage + "\"", updatedAt);
    }

    static String client(long id, String first, String last, String email, String cell) {
        return """
                {"id":%d,"first_name":"%s","last_name":"%s","email":%s,"cell_phone_number":%s,\
                "cases":[{"id":2001}],"created_at":"2025-12-01T10:00:00Z","updated_at":"2026-01-05T15:00:00Z"}"""
                .formatted(id, first, last, quoted(email), quoted(cell));
    }

    static String staff(long id, String first, String last, String email) {
        return """
                {"id":%d,"first_name":"%s","last_name":"%s","email":"%s","active":true}"""
                .formatted(id, first, last, email);
    }

    static String task(long id, String name, boolean completed, Long caseId, String updatedAt) {
        return """
                {"id":%d,"name":"%s","description":"","priority":"Medium","due_date":"2026-03-20","completed":%s,\
                "case":%s,"staff":[{"id":77}],"created_at":"2026-03-01T09:00:00Z","updated_at":"%s"}"""
                .formatted(id, name, completed, caseId == null ? "null" : "{\"id\":" + caseId + "}", updatedAt);
    }

    static String document(long id, String filename, long caseId, String createdAt, String updatedAt) {
        return """
                {"id":%d,"filename":"%s","description":"","case":{"id":%d},"created_at":"%s","updated_at":"%s"}"""
                .formatted(id, filename, caseId, createdAt, updatedAt);
    }

    /** A time entry as one public client writes it (entry_date, staff{id}, case{id}); hours as a decimal. */
    static String timeEntry(long id, String entryDate, String hours, String rate, Long caseId, long staffId,
                            boolean billable, String updatedAt) {
        return """
                {"id":%d,"activity_name":"Research","entry_date":"%s","hours":%s,"rate":%s,"billable":%s,\
                "description":"Research for %s","case":%s,"staff":{"id":%d},"created_at":"%s","updated_at":"%s"}"""
                .formatted(id, entryDate, hours, rate, billable, entryDate,
                        caseId == null ? "null" : "{\"id\":" + caseId + "}", staffId, updatedAt, updatedAt);
    }

    /** An invoice with the fields a public client reads (invoice_number, status, issued_at, due_date, total, balance). */
    static String invoice(long id, String number, String status, String dueDate, String total, String balance, long caseId) {
        return """
                {"id":%d,"invoice_number":"%s","status":"%s","issued_at":"2026-02-01","due_date":"%s","total":%s,\
                "balance":%s,"paid_amount":0,"case":{"id":%d}}"""
                .formatted(id, number, status, dueDate, total, balance, caseId);
    }

    /** A calendar event as one public client creates it (name, start, end, staff[], case{id}). */
    static String event(long id, String name, String start, String end, Long caseId) {
        return """
                {"id":%d,"name":"%s","start":"%s","end":"%s","staff":[{"id":77}],"case":%s}"""
                .formatted(id, name, start, end, caseId == null ? "null" : "{\"id\":" + caseId + "}");
    }

    static String array(String... records) {
        return "[" + String.join(",", records) + "]";
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
