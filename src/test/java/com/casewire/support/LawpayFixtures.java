package com.casewire.support;

import com.casewire.inbox.WebhookProperties;
import com.casewire.lawpay.LawpayProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * LawPay / AffiniPay gateway bodies shaped as the contract documents them (shared/vendor-apis.md §4): Event
 * {"id","created","type","data":{charge}}, charge fields from the charge object, errors as {"messages":[...]}.
 */
public final class LawpayFixtures {

    public static final String SECRET_KEY = "test-lawpay-secret-key";
    /** Basic auth: the secret key is the user name, the password is empty. */
    public static final String AUTHORIZATION = "Basic "
            + Base64.getEncoder().encodeToString((SECRET_KEY + ":").getBytes(StandardCharsets.UTF_8));

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private LawpayFixtures() {
    }

    /** An Event wrapping a CHARGE transaction; {@code amount} is written as given (a number or a quoted string). */
    public static String event(String id, String type, String transactionId, String amount, String reference,
                               String failureCode) {
        return event(id, "2026-11-24T17:03:13.317Z", type, transactionId, amount, reference, failureCode);
    }

    /** The same, created at {@code created} (the gateway's yyyy-MM-dd'T'HH:mm:ss.SSS'Z'). */
    public static String event(String id, String created, String type, String transactionId, String amount,
                               String reference, String failureCode) {
        String status = type.equals("transaction.failed") ? "FAILED" : type.equals("transaction.completed") ? "COMPLETED"
                : "AUTHORIZED";
        return """
                {"id":"%s","created":"%s","type":"%s",\
                "data":{"id":"%s","created":"2026-11-24T17:03:12.001Z","modified":"2026-11-24T17:03:13.300Z",\
                "type":"CHARGE","account_id":"acct_operating_1","status":"%s","failure_code":%s,\
                "amount":%s,"currency":"USD","amount_refunded":0,"authorization_code":"A1B2C3","auto_capture":true,\
                "method":{"type":"card","number":"************4242","card_type":"VISA","exp_month":12,"exp_year":2030,\
                "name":"Jane Doe"},"reference":%s,"messages":[]}}"""
                .formatted(id, created, type, transactionId, status, json(failureCode), amount, json(reference));
    }

    /** A page of GET /v1/events: {"page","page_size","total_entries","results":[events]}. */
    public static String eventsPage(int page, int pageSize, int totalEntries, String... events) {
        return """
                {"page":%d,"page_size":%d,"total_entries":%d,"results":[%s]}"""
                .formatted(page, pageSize, totalEntries, String.join(",", events));
    }

    /** Delivers an event to the hub's /webhooks/lawpay as the gateway does: a JSON POST without a signature. */
    public static HttpResponse<String> deliver(int port, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/lawpay"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The gateway's error body. */
    public static String error(String code, String message) {
        return """
                {"messages":[{"code":"%s","level":"error","message":"%s","facility":"gateway"}]}"""
                .formatted(code, message);
    }

    /** The inbound edge limit for plain unit tests of the LawPay webhook. */
    public static WebhookProperties webhooks() {
        return new WebhookProperties(65536);
    }

    public static LawpayProperties lawpay(String baseUrl, String secretKey, String paymentPageUrl) {
        return new LawpayProperties(baseUrl, secretKey, paymentPageUrl, 60, true, 300_000, Duration.ofMinutes(10),
                Duration.ofDays(1), 20, 50);
    }

    private static String json(String value) {
        return value == null ? "null" : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
