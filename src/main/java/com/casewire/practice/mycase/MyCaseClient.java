package com.casewire.practice.mycase;

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
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * MyCase API v1 over HTTP (contract third-party documented, see docs/connectors/mycase.md): Bearer token from
 * {@link MyCaseTokens} (a 401 refreshes it once and the call is sent again), plain JSON bodies, every call paced
 * at {@code hub.mycase.requests-per-second}, all through {@link VendorApi} like every vendor: a 429 pauses every
 * MyCase call for its Retry-After and a read is sent again (up to three times, when the wait is at most 30 s); a
 * write's 429 goes back to the outbox, which retries it. Other failures surface as classified {@link VendorException}s.
 * <p>
 * Lists are read to the end whatever the paging turns out to be: a {@code Link: <...>; rel="next"} header (what
 * public clients report), a next link or page token in an envelope, or, when a full page comes back with neither,
 * {@code page=n+1} ({@link MyCasePaging}). A page that repeats the previous one, or paging past
 * {@code hub.mycase.max-pages}, is an error, never a silently short list. The shapes of records, lists and errors are
 * read in {@link MyCaseAnswers}.
 */
@Component
class MyCaseClient {

    static final String VENDOR = "mycase";
    /** The header naming the case a write belongs to (its route's path has the id). */
    static final String CASE_ID = "casewireMyCaseId";

    private final MyCaseProperties settings;
    private final VendorHttp http;
    private final VendorRoutes routes;
    private final MyCaseTokens tokens;
    private final ObjectMapper json;
    private final RatePacer pacer;
    private final VendorApi api;

    /** Paced in this process only (tests that build the client by hand). */
    MyCaseClient(MyCaseProperties settings, VendorHttp http, VendorRoutes routes, MyCaseTokens tokens, ObjectMapper json) {
        this(settings, http, routes, tokens, json, null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    MyCaseClient(MyCaseProperties settings, VendorHttp http, VendorRoutes routes, MyCaseTokens tokens, ObjectMapper json,
                 SharedPacing pacing) {
        this.routes = routes;
        this.settings = settings;
        this.http = http;
        this.tokens = tokens;
        this.json = json;
        this.pacer = pacing == null ? new RatePacer(VENDOR, settings.requestsPerSecond())
                : pacing.pacer(VENDOR, settings.requestsPerSecond());
        this.api = new VendorApi(VENDOR, http, pacer, new VendorApi.Credentials() {
            @Override
            public String current() {
                return tokens.accessToken();
            }

            @Override
            public String afterRejection(String rejected) {
                return tokens.afterRejection(rejected);
            }
        }, MyCaseAnswers::errorDetail, json);
    }

    public RatePacer pacer() {
        return pacer;
    }

    // ---- records ------------------------------------------------------------------------------------------

    /** GET /cases/{id}; empty on 404. */
    public Optional<JsonNode> getCase(String id) {
        return getRecord("/cases/" + encode(id), "case");
    }

    /** GET /clients/{id}; empty on 404. */
    public Optional<JsonNode> getClient(String id) {
        return getRecord("/clients/" + encode(id), "client");
    }

    /** GET /staff/{id}; empty on 404. */
    public Optional<JsonNode> getStaff(String id) {
        return getRecord("/staff/" + encode(id), "staff");
    }

    /** Every case (GET /cases, all pages). */
    public List<JsonNode> listCases() {
        return listAll("/cases", Map.of());
    }

    /** Clients matching exact-value filters, e.g. {@code filter[last_name]}; all pages. */
    public List<JsonNode> listClients(Map<String, String> filters) {
        return listAll("/clients", filters);
    }

    /** Every staff member (GET /staff). */
    public List<JsonNode> listStaff() {
        return listAll("/staff", Map.of());
    }

    /** Time entries changed after {@code updatedAfter} (GET /time_entries with the updated-after filter). */
    public List<JsonNode> listTimeEntries(Instant updatedAfter) {
        return listChangedSince("time_entries", updatedAfter);
    }

    /** Invoices, with optional filters such as {@code filter[case_id]} or {@code filter[status]}. */
    public List<JsonNode> listInvoices(Map<String, String> filters) {
        return listAll("/invoices", filters);
    }

    /** GET /events (calendar events), with optional filters such as the configured date range. */
    public List<JsonNode> listEvents(Map<String, String> filters) {
        return listAll("/events", filters);
    }

    /** GET /me: the staff member the access token belongs to. */
    public JsonNode me() {
        return getRecord("/me", "staff").orElseThrow(() -> new VendorException(VENDOR, false, 404, null,
                "GET /me answered 404: the token belongs to no staff member", null, null));
    }

    /** Records of {@code resource} (cases, tasks, documents, ...) changed after {@code since}. */
    public List<JsonNode> listChangedSince(String resource, Instant since) {
        return listAll("/" + resource, Map.of(settings.updatedAfterParam(), iso(since)));
    }

    /** Every note of the case (GET /cases/{id}/notes, all pages; third-party documented, no filters). */
    public List<JsonNode> listCaseNotes(String caseId) {
        return listAll("/cases/" + encode(caseId) + "/notes", Map.of());
    }

    /** POST /cases/{id}/notes {"subject","note","date"}; returns the note's id. */
    public String createCaseNote(String caseId, String subject, String note, String isoDate) {
        ObjectNode body = json.createObjectNode();
        body.put("subject", subject);
        body.put("note", note);
        body.put("date", isoDate);
        return MyCaseAnswers.idOf(post("case-note", caseId, body), "note");
    }

    /** POST /clients; returns the new client's id. */
    public String createClient(ObjectNode client) {
        return MyCaseAnswers.idOf(post("client", null, client), "client");
    }

    /** POST /cases; returns the new case's id. */
    public String createCase(ObjectNode kase) {
        return MyCaseAnswers.idOf(post("case", null, kase), "case");
    }

    /** POST /cases/{id}/relationships/clients {"clients":[{"id"}]}. */
    public void addClientToCase(String caseId, String clientId) {
        ObjectNode body = json.createObjectNode();
        body.putArray("clients").addObject().set("id", MyCaseMapper.idValue(clientId));
        post("case-client", caseId, body);
    }

    /** POST /cases/{id}/relationships/staff {"staff":[{"id"}]}. */
    public void addStaffToCase(String caseId, String staffId) {
        ObjectNode body = json.createObjectNode();
        body.putArray("staff").addObject().set("id", MyCaseMapper.idValue(staffId));
        post("case-staff", caseId, body);
    }

    /** POST /tasks; returns the new task's id. */
    public String createTask(ObjectNode task) {
        return MyCaseAnswers.idOf(post("task", null, task), "task");
    }

    /** GET /webhooks/subscriptions. */
    public List<JsonNode> listWebhookSubscriptions() {
        return listAll("/webhooks/subscriptions", Map.of());
    }

    /** POST /webhooks/subscriptions {"model","url","actions":"created,updated,deleted"}. */
    public JsonNode createWebhookSubscription(String model, String url, String actions) {
        ObjectNode body = json.createObjectNode();
        body.put("model", model);
        body.put("url", url);
        body.put("actions", actions);
        return MyCaseAnswers.unwrap(post("webhook-subscription", null, body), "subscription");
    }

    // ---- lists --------------------------------------------------------------------------------------------

    /** Every record of a list endpoint, across all its pages ({@link MyCasePaging}; at most {@code hub.mycase.max-pages}). */
    public List<JsonNode> listAll(String path, Map<String, String> filters) {
        Map<String, String> params = new LinkedHashMap<>(filters);
        params.put("page_size", Integer.toString(settings.pageSize()));
        URI first = uri(path, params);
        return api.pages(first, uri -> token -> authorized(uri, token).GET().build(),
                new MyCasePaging(settings.baseUrl(), settings.pageSize(), path, params, first),
                settings.maxPages(), path + " (hub.mycase.max-pages)");
    }

    // ---- transport ----------------------------------------------------------------------------------------

    private Optional<JsonNode> getRecord(String path, String singular) {
        URI uri = uri(path, Map.of());
        try {
            return Optional.of(MyCaseAnswers.unwrap(read(send(token -> authorized(uri, token).GET().build()).body()), singular));
        } catch (VendorException e) {
            if (e.httpStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * A write through the Camel route {@code direct:outbound-mycase-<kind>} (camel/outbound-json.camel.yaml), which
     * ends in the camel-http endpoint on the MyCase API; {@code caseId} names the case for routes whose path has it.
     */
    private JsonNode post(String kind, String caseId, ObjectNode body) {
        String answer = api.authorized(token -> {
            Map<String, Object> headers = new java.util.HashMap<>();
            headers.put("Authorization", "Bearer " + token);
            headers.put("Accept", "application/json");
            headers.put("Content-Type", "application/json");
            if (caseId != null) {
                headers.put(CASE_ID, caseId);
            }
            return routes.call(VENDOR, pacer, "direct:outbound-mycase-" + kind, headers, body, MyCaseAnswers::errorDetail);
        });
        return answer == null || answer.isBlank() ? json.createObjectNode() : read(answer);
    }

    /** A read: authorised with a refresh on 401, paced, a short 429 waited out ({@link VendorApi}). */
    private HttpResponse<String> send(Function<String, HttpRequest> request) {
        return api.send(request);
    }

    private HttpRequest.Builder authorized(URI uri, String token) {
        return http.request(uri).header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private URI uri(String path, Map<String, String> params) {
        return MyCasePaging.uri(settings.baseUrl(), path, params);
    }

    private JsonNode read(String body) {
        return api.read(body);
    }

    /** The updated-after value: UTC, whole seconds, rounded down (so nothing at the mark is skipped). */
    static String iso(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
