package com.casewire.support;

import com.casewire.practice.clio.ClioWebhookVerifier;
import java.nio.charset.StandardCharsets;

/** Clio webhook deliveries and API bodies shaped as Clio sends them (shared/vendor-apis.md §1). */
public final class ClioFixtures {

    public static final String WEBHOOK_SECRET = "test-webhook-secret";
    public static final String ACCESS_TOKEN = "test-clio-token";

    private ClioFixtures() {
    }

    /** A delivery that carries only id and etag: the hub must fetch the matter. */
    public static String thinDelivery(long matterId, String etag, String event) {
        return """
                {"data":{"id":%d,"etag":"%s"},"meta":{"event":"%s","webhook_id":4242}}"""
                .formatted(matterId, etag.replace("\"", "\\\""), event);
    }

    /** A delivery whose webhook asked for the matter's client fields, so no fetch is needed. */
    public static String fullDelivery(long matterId, String etag, String event, String phone, String email) {
        return """
                {"data":{"id":%d,"etag":"%s","display_number":"%05d-Doe","description":"Doe v. Acme Trucking","status":"Open",\
                "practice_area":{"id":9,"name":"Personal Injury"},\
                "responsible_attorney":{"id":77,"name":"Alex Counsel","email":"alex@firm.example"},\
                "client":{"id":501,"name":"Jane Doe","first_name":"Jane","last_name":"Doe",\
                "primary_email_address":%s,"primary_phone_number":%s}},\
                "meta":{"event":"%s","webhook_id":4242}}"""
                .formatted(matterId, etag.replace("\"", "\\\""), matterId, json(email), json(phone), event);
    }

    /** GET /matters/{id}.json response with the nested fields the hub asks for. */
    public static String matterResponse(long matterId, String phone, String email) {
        return """
                {"data":{"id":%d,"etag":"\\"abc%d\\"","display_number":"%05d-Doe","description":"Doe v. Acme Trucking",\
                "status":"Open","practice_area":{"id":9,"name":"Personal Injury"},\
                "responsible_attorney":{"id":77,"name":"Alex Counsel","email":"alex@firm.example"},\
                "client":{"id":501,"name":"Jane Doe","first_name":"Jane","last_name":"Doe",\
                "primary_email_address":%s,"primary_phone_number":%s}}}"""
                .formatted(matterId, matterId, matterId, json(email), json(phone));
    }

    /** Every Clio call not matched by a stub made with {@link #authed} is refused as Clio refuses a bad token (401). */
    public static void refuseUnauthenticated(com.github.tomakehurst.wiremock.WireMockServer clio) {
        clio.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                        com.github.tomakehurst.wiremock.client.WireMock.urlMatching("/api/v4/.*")).atPriority(10)
                .willReturn(json(401, clioError("UnauthorizedError", "The access token is invalid"))));
    }

    /** A stub that answers only a call carrying the access token and the API version the hub pins. */
    public static com.github.tomakehurst.wiremock.client.MappingBuilder authed(
            com.github.tomakehurst.wiremock.client.MappingBuilder request) {
        return request.atPriority(1)
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + ACCESS_TOKEN))
                .withHeader("X-API-VERSION", com.github.tomakehurst.wiremock.client.WireMock.equalTo("4.0.9"));
    }

    /** A JSON answer with the given status. */
    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body);
    }

    public static String clioError(String type, String message) {
        return "{\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}";
    }

    public static String sign(String body) {
        return ClioWebhookVerifier.sign(body.getBytes(StandardCharsets.UTF_8), WEBHOOK_SECRET);
    }

    private static String json(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
