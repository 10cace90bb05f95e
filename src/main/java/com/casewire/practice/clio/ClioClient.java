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
import org.springframework.stereotype.Component;

/**
 * Clio Manage API v4 over HTTP: Bearer token, pinned {@code X-API-VERSION}, JSON bodies wrapped in
 * {"data": ...}, errors as {"error":{"type","message"}}. Every call is paced at
 * {@code hub.clio.requests-per-minute}; a 429's Retry-After pauses all Clio calls.
 */
@Component
public class ClioClient {

    static final String VENDOR = "clio";

    private final HubProperties.Clio settings;
    private final VendorHttp http;
    private final RatePacer pacer;
    private final ObjectMapper json;

    ClioClient(HubProperties hub, VendorHttp http, ObjectMapper json) {
        this.settings = hub.clio();
        this.http = http;
        this.json = json;
        this.pacer = RatePacer.perMinute(VENDOR, settings.requestsPerMinute());
    }

    public RatePacer pacer() {
        return pacer;
    }

    /** GET /matters/{id}.json?fields=...; empty on 404. */
    public Optional<JsonNode> getMatter(String id, String fields) {
        URI uri = URI.create(settings.baseUrl() + "/matters/" + encode(id) + ".json?fields=" + encode(fields));
        try {
            HttpResponse<String> response = http.send(VENDOR, pacer, authorized(uri).GET().build(), this::errorDetail);
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
        HttpRequest request = authorized(URI.create(settings.baseUrl() + "/notes.json"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response = http.send(VENDOR, pacer, request, this::errorDetail);
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
            JsonNode body = read(http.send(VENDOR, pacer, authorized(next).GET().build(), this::errorDetail).body());
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
        HttpRequest request = authorized(uri).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return read(http.send(VENDOR, pacer, request, this::errorDetail).body()).path("data");
    }

    private HttpRequest.Builder authorized(URI uri) {
        return http.request(uri)
                .header("Authorization", "Bearer " + settings.accessToken())
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
