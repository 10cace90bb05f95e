package com.casewire.practice.clio;

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
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Clio Manage API v4 over HTTP: Bearer token (refreshed on a 401 when {@code hub.clio.refresh-token},
 * {@code client-id} and {@code client-secret} are set), pinned {@code X-API-VERSION}, JSON bodies wrapped
 * in {"data": ...}, errors as {"error":{"type","message"}}. Every call is paced at
 * {@code hub.clio.requests-per-minute}; a 429's Retry-After pauses all Clio calls.
 */
@Component
public class ClioClient {

    static final String VENDOR = "clio";

    private final HubProperties.Clio settings;
    private final VendorHttp http;
    private final RatePacer pacer;
    private final ObjectMapper json;
    private final AtomicReference<String> accessToken;

    ClioClient(HubProperties hub, VendorHttp http, ObjectMapper json) {
        this.settings = hub.clio();
        this.http = http;
        this.json = json;
        this.pacer = RatePacer.perMinute(VENDOR, settings.requestsPerMinute());
        this.accessToken = new AtomicReference<>(settings.accessToken());
    }

    /**
     * Sends with the current access token; on a 401, when a refresh token is configured, refreshes the
     * access token once and sends again. Clio's refresh tokens do not expire, so a restart with an
     * expired access token recovers the same way.
     */
    private HttpResponse<String> send(Function<String, HttpRequest> request) {
        String token = accessToken.get();
        try {
            return http.send(VENDOR, pacer, request.apply(token), this::errorDetail);
        } catch (VendorException e) {
            if (e.httpStatus() != 401 || !settings.canRefresh()) {
                throw e;
            }
            refresh(token);
            return http.send(VENDOR, pacer, request.apply(accessToken.get()), this::errorDetail);
        }
    }

    private synchronized void refresh(String rejected) {
        if (!rejected.equals(accessToken.get())) {
            return; // another caller refreshed it meanwhile
        }
        String form = "grant_type=refresh_token&refresh_token=" + encode(settings.refreshToken())
                + "&client_id=" + encode(settings.clientId()) + "&client_secret=" + encode(settings.clientSecret());
        HttpRequest request = http.request(URI.create(settings.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        JsonNode token = read(http.send(VENDOR, pacer, request, this::oauthError).body());
        String fresh = token.path("access_token").asText(null);
        if (fresh == null || fresh.isBlank()) {
            throw new VendorException(VENDOR, false, 0, null, "token response has no access_token", null, null);
        }
        accessToken.set(fresh);
    }

    VendorHttp.ErrorDetail oauthError(String body) {
        JsonNode error = read(body);
        return new VendorHttp.ErrorDetail(error.path("error").asText(null),
                error.path("error_description").asText(error.path("error").asText(null)));
    }

    public RatePacer pacer() {
        return pacer;
    }

    /** GET /matters/{id}.json?fields=...; empty on 404. */
    public Optional<JsonNode> getMatter(String id, String fields) {
        URI uri = URI.create(settings.baseUrl() + "/matters/" + encode(id) + ".json?fields=" + encode(fields));
        try {
            HttpResponse<String> response = send(token -> authorized(uri, token).GET().build());
            return Optional.of(read(response.body()).path("data"));
        } catch (VendorException e) {
            if (e.httpStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** GET /contacts/{id}.json?fields=...; empty on 404. */
    public Optional<JsonNode> getContact(String id, String fields) {
        URI uri = URI.create(settings.baseUrl() + "/contacts/" + encode(id) + ".json?fields=" + encode(fields));
        try {
            HttpResponse<String> response = send(token -> authorized(uri, token).GET().build());
            return Optional.of(read(response.body()).path("data"));
        } catch (VendorException e) {
            if (e.httpStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** POST /notes.json with type Matter; returns the new note's id. */
    public String createMatterNote(String matterId, String subject, String detail, String isoDate) {
        var data = json.createObjectNode();
        data.put("type", "Matter");
        data.putObject("matter").put("id", Long.parseLong(matterId));
        data.put("subject", subject);
        data.put("detail", detail);
        data.put("date", isoDate);
        var body = json.createObjectNode();
        body.set("data", data);
        URI uri = URI.create(settings.baseUrl() + "/notes.json");
        HttpResponse<String> response = send(token -> authorized(uri, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        return read(response.body()).path("data").path("id").asText();
    }

    /**
     * Every record of a list endpoint: follows {@code meta.paging.next} (cursor pagination, which Clio
     * requires to be ordered by id) until it is absent.
     */
    public List<JsonNode> listAll(String path, String fields) {
        List<JsonNode> records = new ArrayList<>();
        URI next = URI.create(settings.baseUrl() + path + (path.contains("?") ? "&" : "?") + "fields=" + encode(fields)
                + "&limit=200&order=" + encode("id(asc)"));
        for (int page = 0; next != null; page++) {
            if (page > 10_000) {
                throw new VendorException(VENDOR, false, 0, null, "pagination of " + path + " does not end", null, null);
            }
            URI pageUri = next;
            JsonNode body = read(send(token -> authorized(pageUri, token).GET().build()).body());
            body.path("data").forEach(records::add);
            String link = body.path("meta").path("paging").path("next").asText(null);
            next = link == null || link.isBlank() ? null : URI.create(link);
        }
        return records;
    }

    /** POST /webhooks.json; returns the created webhook. */
    public JsonNode createWebhook(String url, String model, List<String> events, String fields, String expiresAt) {
        var data = json.createObjectNode();
        data.put("url", url);
        data.put("model", model);
        var eventArray = data.putArray("events");
        events.forEach(eventArray::add);
        data.put("fields", fields);
        data.put("expires_at", expiresAt);
        return write("POST", URI.create(settings.baseUrl() + "/webhooks.json"), data);
    }

    /** PATCH /webhooks/{id}.json with a new expiry. */
    public JsonNode renewWebhook(long id, String expiresAt) {
        var data = json.createObjectNode();
        data.put("expires_at", expiresAt);
        return write("PATCH", URI.create(settings.baseUrl() + "/webhooks/" + id + ".json"), data);
    }

    private JsonNode write(String method, URI uri, com.fasterxml.jackson.databind.node.ObjectNode data) {
        var body = json.createObjectNode();
        body.set("data", data);
        return read(send(token -> authorized(uri, token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString())).build()).body()).path("data");
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
