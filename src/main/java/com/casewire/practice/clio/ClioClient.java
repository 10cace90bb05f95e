package com.casewire.practice.clio;

import com.casewire.vendor.RatePacer;
import com.casewire.vendor.SharedPacing;
import com.casewire.vendor.VendorHttp;
import com.casewire.vendor.VendorRoutes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Clio Manage API v4 over HTTP: Bearer token (refreshed on a 401 when {@code hub.clio.refresh-token},
 * {@code client-id} and {@code client-secret} are set), pinned {@code X-API-VERSION}, JSON bodies wrapped
 * in {"data": ...}, errors as {"error":{"type","message"}}. Every call is paced at
 * {@code hub.clio.requests-per-minute}; a 429's Retry-After pauses all Clio calls. Writes go out through the Camel
 * routes {@code outbound-clio-<kind>} (camel-http, camel/outbound-json.camel.yaml); reads are direct calls ({@link VendorHttp}).
 * How a call is made lives in {@link ClioApi}; this class has the calls on matters, contacts, notes, webhooks and
 * intake, {@link ClioLedgerCalls} those behind the ledger port.
 */
@Component
public class ClioClient {

    static final String VENDOR = "clio";
    /** The header naming the record a write changes (its route's path has the id). */
    static final String RECORD_ID = "casewireClioId";

    /** A matter's balances per bank account (the association is third-party documented; see docs/connectors/clio.md). */
    public static final String ACCOUNT_BALANCE_FIELDS = "id,account_balances{id,type,name,balance}";
    /** A matter's custom fields, as GET /matters/{id}.json nests them (CLIO-SPEC CustomFieldValue_base). */
    public static final String CUSTOM_FIELD_FIELDS = "id,custom_field_values{id,field_name,field_type,value}";

    private final ClioApi api;

    /** Paced in this process only (tests that build the client by hand). */
    ClioClient(ClioProperties settings, VendorHttp http, VendorRoutes routes, ObjectMapper json) {
        this(settings, http, routes, json, null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    ClioClient(ClioProperties settings, VendorHttp http, VendorRoutes routes, ObjectMapper json, SharedPacing pacing) {
        this.api = new ClioApi(settings, http, routes, json, pacing);
    }

    /** How the calls are made (token, pacing, paging, writes), for the calls kept by resource beside this class. */
    ClioApi api() {
        return api;
    }

    public RatePacer pacer() {
        return api.pacer();
    }

    /** GET /matters/{id}.json?fields=...; empty on 404. */
    public Optional<JsonNode> getMatter(String id, String fields) {
        return api.find(api.uri("/matters/" + encode(id) + ".json?fields=" + encode(fields)));
    }

    /** GET /contacts/{id}.json?fields=...; empty on 404. */
    public Optional<JsonNode> getContact(String id, String fields) {
        return api.find(api.uri("/contacts/" + encode(id) + ".json?fields=" + encode(fields)));
    }

    /** POST /notes.json with type Matter; returns the new note's id. */
    public String createMatterNote(String matterId, String subject, String detail, String isoDate) {
        var data = api.newData();
        data.put("type", "Matter");
        data.putObject("matter").put("id", Long.parseLong(matterId));
        data.put("subject", subject);
        data.put("detail", detail);
        data.put("date", isoDate);
        return api.write("note", data).path("id").asText();
    }

    /**
     * Every record of a list endpoint: follows {@code meta.paging.next} (cursor pagination, which Clio
     * requires to be ordered by id) until it is absent.
     */
    public List<JsonNode> listAll(String path, String fields) {
        return api.list(path, fields, false);
    }

    /**
     * Every record of a list endpoint created since {@code since} ({@code created_since}, a filter of every Clio list
     * endpoint), narrowed by {@code filters}; all pages. Strict, because the caller decides from it whether the hub
     * wrote a record: a page without a {@code data} list is an error, never read as "none".
     */
    public List<JsonNode> listCreatedSince(String path, Map<String, String> filters, String fields, Instant since) {
        StringBuilder query = new StringBuilder(path).append("?");
        filters.forEach((name, value) -> query.append(encode(name)).append('=').append(encode(value)).append('&'));
        query.append("created_since=").append(encode(DateTimeFormatter.ISO_INSTANT.format(since.truncatedTo(ChronoUnit.SECONDS))));
        return api.list(query.toString(), fields, true);
    }

    /** POST /webhooks.json; returns the created webhook. */
    public JsonNode createWebhook(String url, String model, List<String> events, String fields, String expiresAt) {
        var data = api.newData();
        data.put("url", url);
        data.put("model", model);
        var eventArray = data.putArray("events");
        events.forEach(eventArray::add);
        data.put("fields", fields);
        data.put("expires_at", expiresAt);
        return api.write("webhook", data);
    }

    /** PATCH /webhooks/{id}.json with a new expiry. */
    public JsonNode renewWebhook(long id, String expiresAt) {
        var data = api.newData();
        data.put("expires_at", expiresAt);
        return api.write("webhook-renewal", data, Map.of(RECORD_ID, id));
    }

    // --- Intake (issue #5): search, tasks, contacts, matters, practice areas. Kept together as one block. ---

    /**
     * GET {@code path}?query=...&fields=...: the first page (at most {@code limit} records) that Clio's free-text
     * search finds. Intake only narrows the field with it, so one page is enough.
     */
    public List<JsonNode> search(String path, String query, String fields, int limit) {
        URI uri = api.uri(path + "?query=" + encode(query) + "&fields=" + encode(fields) + "&limit=" + limit);
        List<JsonNode> records = new ArrayList<>();
        api.get(uri).path("data").forEach(records::add);
        return records;
    }

    /** GET /practice_areas.json?name=...: the id of the practice area with exactly that name (case-insensitive). */
    public Optional<String> findPracticeAreaId(String name) {
        URI uri = api.uri("/practice_areas.json?name=" + encode(name) + "&fields=" + encode("id,name"));
        for (JsonNode area : api.get(uri).path("data")) {
            if (name.equalsIgnoreCase(area.path("name").asText())) {
                return Optional.of(area.path("id").asText());
            }
        }
        return Optional.empty();
    }

    /** POST /tasks.json; returns the new task's id. */
    public String createTask(ObjectNode task) {
        return api.write("task", task).path("id").asText();
    }

    /** POST /contacts.json; returns the new contact's id. */
    public String createContact(ObjectNode contact) {
        return api.write("contact", contact).path("id").asText();
    }

    /** POST /matters.json; returns the new matter's id. */
    public String createMatter(ObjectNode matter) {
        return api.write("matter", matter).path("id").asText();
    }

    /** A fresh object node for a request's {@code data}. */
    public ObjectNode newData() {
        return api.newData();
    }

    private static String encode(String value) {
        return ClioApi.encode(value);
    }
}
