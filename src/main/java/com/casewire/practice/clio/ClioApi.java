package com.casewire.practice.clio;

import com.casewire.vendor.OAuthTokenEndpoint;
import com.casewire.vendor.RatePacer;
import com.casewire.vendor.SharedPacing;
import com.casewire.vendor.VendorApi;
import com.casewire.vendor.VendorException;
import com.casewire.vendor.VendorHttp;
import com.casewire.vendor.VendorRoutes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How every Clio call is made, for {@link ClioClient}'s calls by resource: the Bearer token and its refresh, the pinned
 * {@code X-API-VERSION}, pacing, reads over {@link VendorHttp}, pages that follow {@code meta.paging.next}, writes
 * through the {@code outbound-clio-<kind>} routes with the body wrapped in {"data": ...}, and Clio's error body.
 */
final class ClioApi {

    private final ClioProperties settings;
    private final VendorHttp http;
    private final VendorRoutes routes;
    private final RatePacer pacer;
    private final ObjectMapper json;
    private final AtomicReference<String> accessToken;
    private final VendorApi api;

    /** {@code pacing} null: paced in this process only (tests that build the client by hand). */
    ClioApi(ClioProperties settings, VendorHttp http, VendorRoutes routes, ObjectMapper json, SharedPacing pacing) {
        this.settings = settings;
        this.http = http;
        this.routes = routes;
        this.json = json;
        this.pacer = pacing == null ? RatePacer.perMinute(ClioClient.VENDOR, settings.requestsPerMinute())
                : pacing.perMinute(ClioClient.VENDOR, settings.requestsPerMinute());
        this.accessToken = new AtomicReference<>(settings.accessToken());
        this.api = new VendorApi(ClioClient.VENDOR, http, pacer, new VendorApi.Credentials() {
            @Override
            public String current() {
                return accessToken.get();
            }

            @Override
            public String afterRejection(String rejected) {
                if (!settings.canRefresh()) {
                    return null;
                }
                refresh(rejected);
                return accessToken.get();
            }
        }, this::errorDetail, json);
    }

    /** Clio's OAuth token endpoint, once per rejected token (another caller may have refreshed it meanwhile). */
    private synchronized void refresh(String rejected) {
        if (!rejected.equals(accessToken.get())) {
            return; // another caller refreshed it meanwhile
        }
        String form = OAuthTokenEndpoint.form("grant_type", "refresh_token", "refresh_token", settings.refreshToken(),
                "client_id", settings.clientId(), "client_secret", settings.clientSecret());
        accessToken.set(OAuthTokenEndpoint.request(http, ClioClient.VENDOR, pacer, settings.tokenUrl(), form).accessToken());
    }

    RatePacer pacer() {
        return pacer;
    }

    /** The pinned API version ({@code hub.clio.api-version}). */
    String apiVersion() {
        return settings.apiVersion();
    }

    /** The API's address for {@code pathAndQuery} (which starts with /). */
    URI uri(String pathAndQuery) {
        return URI.create(settings.baseUrl() + pathAndQuery);
    }

    /**
     * A GET with the current access token ({@link VendorApi}: on a 401, when a refresh token is configured, the access
     * token is refreshed once and the read sent again; Clio's refresh tokens do not expire, so a restart with an
     * expired access token recovers the same way; a short 429 is waited out). Returns the whole answer.
     */
    JsonNode get(URI uri) {
        return read(api.send(token -> authorized(uri, token).GET().build()).body());
    }

    /** A GET of one record's {@code data}; empty on 404. */
    Optional<JsonNode> find(URI uri) {
        return api.find(token -> authorized(uri, token).GET().build()).map(body -> body.path("data"));
    }

    /** Every page of a Clio list ({@code meta.paging.next}); strict: a page without a {@code data} list is an error. */
    List<JsonNode> list(String path, String fields, boolean strict) {
        List<JsonNode> records = new ArrayList<>();
        pages(path, fields, strict).forEachRemaining(records::addAll);
        return records;
    }

    /**
     * The records of a list endpoint one page at a time, each page fetched only when asked for, ordered by id (which
     * Clio's cursor pagination requires). Strict: a page without a {@code data} list is an error, never "none".
     */
    Iterator<List<JsonNode>> pages(String path, String fields, boolean strict) {
        URI first = uri(path + (path.contains("?") ? "&" : "?") + "fields=" + encode(fields)
                + "&limit=200&order=" + encode("id(asc)"));
        return api.pageByPage(first, uri -> token -> authorized(uri, token).GET().build(), (response, body) -> {
            if (strict && !body.path("data").isArray()) {
                throw new VendorException(ClioClient.VENDOR, false, 0, null, path + " answered without a data list", null, null);
            }
            List<JsonNode> records = new ArrayList<>();
            body.path("data").forEach(records::add);
            String link = body.path("meta").path("paging").path("next").asText(null);
            return new VendorApi.Page(records, link == null || link.isBlank() ? Optional.empty() : Optional.of(URI.create(link)));
        }, 10_000, path);
    }

    /** A fresh object node for a request's {@code data}. */
    ObjectNode newData() {
        return json.createObjectNode();
    }

    JsonNode write(String kind, ObjectNode data) {
        return write(kind, data, Map.of());
    }

    /**
     * A write through the Camel route {@code direct:outbound-clio-<kind>} (camel/outbound-json.camel.yaml), which ends
     * in the camel-http endpoint on the Clio API; {@code headers} name the record for routes whose path has an id.
     * A 401 refreshes the access token once ({@link VendorApi#authorized}), as for reads; a 429 is the outbox's to retry.
     */
    JsonNode write(String kind, ObjectNode data, Map<String, Object> headers) {
        var body = json.createObjectNode();
        body.set("data", data);
        String route = "direct:outbound-clio-" + kind;
        return read(api.authorized(token -> routes.call(ClioClient.VENDOR, pacer, route, writeHeaders(token, headers), body,
                this::errorDetail))).path("data");
    }

    private Map<String, Object> writeHeaders(String token, Map<String, Object> extra) {
        Map<String, Object> headers = new java.util.HashMap<>(extra);
        headers.put("Authorization", "Bearer " + token);
        headers.put("X-API-VERSION", settings.apiVersion());
        headers.put("Accept", "application/json");
        headers.put("Content-Type", "application/json");
        return headers;
    }

    private HttpRequest.Builder authorized(URI uri, String token) {
        return http.request(uri)
                .header("Authorization", "Bearer " + token)
                .header("X-API-VERSION", settings.apiVersion())
                .header("Accept", "application/json");
    }

    VendorHttp.ErrorDetail errorDetail(String body) {
        JsonNode error = read(body).path("error");
        return new VendorHttp.ErrorDetail(error.path("type").asText(null), error.path("message").asText(null));
    }

    private JsonNode read(String body) {
        return api.read(body);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
