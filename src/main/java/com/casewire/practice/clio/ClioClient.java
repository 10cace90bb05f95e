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
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Clio Manage API v4 over HTTP: Bearer token (refreshed on a 401 when {@code hub.clio.refresh-token},
 * {@code client-id} and {@code client-secret} are set), pinned {@code X-API-VERSION}, JSON bodies wrapped
 * in {"data": ...}, errors as {"error":{"type","message"}}. Every call is paced at
 * {@code hub.clio.requests-per-minute}; a 429's Retry-After pauses all Clio calls. Writes go out through the Camel
 * routes {@code outbound-clio-<kind>} (camel-http, camel/outbound-json.camel.yaml); reads are direct calls ({@link VendorHttp}).
 */
@Component
public class ClioClient {

    static final String VENDOR = "clio";
    /** The header naming the record a write changes (its route's path has the id). */
    static final String RECORD_ID = "casewireClioId";

    private final ClioProperties settings;
    private final VendorHttp http;
    private final VendorRoutes routes;
    private final RatePacer pacer;
    private final ObjectMapper json;
    private final AtomicReference<String> accessToken;
    private final VendorApi api;

    /** Paced in this process only (tests that build the client by hand). */
    ClioClient(ClioProperties settings, VendorHttp http, VendorRoutes routes, ObjectMapper json) {
        this(settings, http, routes, json, null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    ClioClient(ClioProperties settings, VendorHttp http, VendorRoutes routes, ObjectMapper json, SharedPacing pacing) {
        this.settings = settings;
        this.http = http;
        this.routes = routes;
        this.json = json;
        this.pacer = pacing == null ? RatePacer.perMinute(VENDOR, settings.requestsPerMinute())
                : pacing.perMinute(VENDOR, settings.requestsPerMinute());
        this.accessToken = new AtomicReference<>(settings.accessToken());
        this.api = new VendorApi(VENDOR, http, pacer, new VendorApi.Credentials() {
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

    /**
     * Sends a read with the current access token ({@link VendorApi}: on a 401, when a refresh token is configured,
     * the access token is refreshed once and the read sent again; Clio's refresh tokens do not expire, so a restart
     * with an expired access token recovers the same way; a short 429 is waited out).
     */
    private HttpResponse<String> send(Function<String, HttpRequest> request) {
        return api.send(request);
    }

    /** Clio's OAuth token endpoint, once per rejected token (another caller may have refreshed it meanwhile). */
    private synchronized void refresh(String rejected) {
        if (!rejected.equals(accessToken.get())) {
            return; // another caller refreshed it meanwhile
        }
        String form = OAuthTokenEndpoint.form("grant_type", "refresh_token", "refresh_token", settings.refreshToken(),
                "client_id", settings.clientId(), "client_secret", settings.clientSecret());
        accessToken.set(OAuthTokenEndpoint.request(http, VENDOR, pacer, settings.tokenUrl(), form).accessToken());
    }

    public RatePacer pacer() {
        return pacer;
    }

    /** GET /matters/{id}.json?fields=...; empty on 404. */
    public Optional<JsonNode> getMatter(String id, String fields) {
        URI uri = URI.create(settings.baseUrl() + "/matters/" + encode(id) + ".json?fields=" + encode(fields));
        return api.find(token -> authorized(uri, token).GET().build()).map(body -> body.path("data"));
    }

    /** GET /contacts/{id}.json?fields=...; empty on 404. */
    public Optional<JsonNode> getContact(String id, String fields) {
        URI uri = URI.create(settings.baseUrl() + "/contacts/" + encode(id) + ".json?fields=" + encode(fields));
        return api.find(token -> authorized(uri, token).GET().build()).map(body -> body.path("data"));
    }

    /** POST /notes.json with type Matter; returns the new note's id. */
    public String createMatterNote(String matterId, String subject, String detail, String isoDate) {
        var data = json.createObjectNode();
        data.put("type", "Matter");
        data.putObject("matter").put("id", Long.parseLong(matterId));
        data.put("subject", subject);
        data.put("detail", detail);
        data.put("date", isoDate);
        return write("note", data).path("id").asText();
    }

    /**
     * Every record of a list endpoint: follows {@code meta.paging.next} (cursor pagination, which Clio
     * requires to be ordered by id) until it is absent.
     */
    public List<JsonNode> listAll(String path, String fields) {
        return list(path, fields, false);
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
        return list(query.toString(), fields, true);
    }

    /** Every page of a Clio list ({@code meta.paging.next}); strict: a page without a {@code data} list is an error. */
    private List<JsonNode> list(String path, String fields, boolean strict) {
        List<JsonNode> records = new ArrayList<>();
        pages(path, fields, strict).forEachRemaining(records::addAll);
        return records;
    }

    /**
     * The records of a list endpoint one page at a time, each page fetched only when asked for: what a reader that
     * must not hold every record at once (the reconciliation's staging) iterates. Strict as {@link #listCreatedSince}.
     */
    public java.util.Iterator<List<JsonNode>> pages(String path, String fields, boolean strict) {
        URI first = URI.create(settings.baseUrl() + path + (path.contains("?") ? "&" : "?") + "fields=" + encode(fields)
                + "&limit=200&order=" + encode("id(asc)"));
        return api.pageByPage(first, uri -> token -> authorized(uri, token).GET().build(), (response, body) -> {
            if (strict && !body.path("data").isArray()) {
                throw new VendorException(VENDOR, false, 0, null, path + " answered without a data list", null, null);
            }
            List<JsonNode> records = new ArrayList<>();
            body.path("data").forEach(records::add);
            String link = body.path("meta").path("paging").path("next").asText(null);
            return new VendorApi.Page(records, link == null || link.isBlank() ? Optional.empty() : Optional.of(URI.create(link)));
        }, 10_000, path);
    }

    // ---- Ledger operations (issue #3): communications, time entries, bills, trust, calendar entries, users.
    // Field names from shared/vendor-apis.md §1.3 (Clio's OpenAPI spec); reads follow meta.paging.next.

    /** Fields of a time entry (Activity) the hub reads; {@code quantity} is in seconds from API 4.0.4 on. */
    public static final String ACTIVITY_FIELDS = "id,etag,type,date,quantity,price,total,note,billed,non_billable,matter{id},user{id}";
    /** Fields of a bill; {@code balance} is what is still owed. */
    public static final String BILL_FIELDS = "id,etag,number,state,type,issued_at,due_at,balance,due,total,paid,client{id,name,first_name,primary_email_address},matters{id}";
    public static final String BANK_ACCOUNT_FIELDS = "id,etag,name,type,balance,currency";
    public static final String BANK_TRANSACTION_FIELDS = "id,etag,bank_account_id,amount,funds_in,funds_out,current_account_balance,date,description,transaction_type";
    /** A matter's balances per bank account (the association is third-party documented; see docs/connectors/clio.md). */
    public static final String ACCOUNT_BALANCE_FIELDS = "id,account_balances{id,type,name,balance}";
    public static final String CALENDAR_ENTRY_FIELDS = "id,etag,summary,description,start_at,end_at,all_day,calendar_owner_id,time_entries_count,matter{id}";
    public static final String USER_FIELDS = "id,etag,name,first_name,last_name,email,enabled,subscription_type,time_zone";

    /** A sender or receiver of a communication: {@code type} is {@code User} or {@code Contact}. */
    public record Participant(long id, String type) {
    }

    /**
     * POST /communications.json ({@code type} EmailCommunication or PhoneCommunication); returns the new id.
     * {@code externalKey}, when given, is stored as the external property {@code casewire_key}.
     */
    public String createCommunication(String type, String matterId, String subject, String body, String date,
                                      String receivedAt, List<Participant> senders, List<Participant> receivers,
                                      String externalKey) {
        var data = json.createObjectNode();
        data.put("type", type);
        data.put("subject", subject);
        data.put("body", body);
        if (matterId != null) {
            data.putObject("matter").put("id", Long.parseLong(matterId));
        }
        data.put("date", date);
        if (receivedAt != null) {
            data.put("received_at", receivedAt);
        }
        participants(data.putArray("senders"), senders);
        participants(data.putArray("receivers"), receivers);
        if (externalKey != null) {
            data.putArray("external_properties").addObject().put("name", ClioPracticeLedger.KEY_PROPERTY).put("value", externalKey);
        }
        return write("communication", data).path("id").asText();
    }

    private static void participants(com.fasterxml.jackson.databind.node.ArrayNode array, List<Participant> parties) {
        for (Participant p : parties == null ? List.<Participant>of() : parties) {
            array.addObject().put("id", p.id()).put("type", p.type());
        }
    }

    /** GET /activities.json?type=TimeEntry with the date range (inclusive) and optional user and matter filters. */
    public List<JsonNode> listTimeEntries(LocalDate from, LocalDate to, String userId, String matterId) {
        StringBuilder path = new StringBuilder("/activities.json?type=TimeEntry&start_date=").append(from)
                .append("&end_date=").append(to);
        if (userId != null) {
            path.append("&user_id=").append(encode(userId));
        }
        if (matterId != null) {
            path.append("&matter_id=").append(encode(matterId));
        }
        return listAll(path.toString(), ACTIVITY_FIELDS);
    }

    /**
     * POST /activities.json with type TimeEntry. {@code seconds} of work go out as {@code quantity} in the unit the
     * pinned API version uses: whole seconds from 4.0.4 on, decimal hours before. Returns the id.
     */
    public String createTimeEntry(String matterId, String userId, LocalDate date, long seconds, String note,
                                  boolean nonBillable) {
        var data = json.createObjectNode();
        data.put("type", "TimeEntry");
        data.put("date", date.toString());
        if (quantityInSeconds()) {
            data.put("quantity", seconds);
        } else {
            data.put("quantity", java.math.BigDecimal.valueOf(seconds).divide(java.math.BigDecimal.valueOf(3600), 4,
                    java.math.RoundingMode.HALF_UP));
        }
        if (matterId != null) {
            data.putObject("matter").put("id", Long.parseLong(matterId));
        }
        if (userId != null) {
            data.putObject("user").put("id", Long.parseLong(userId));
        }
        if (note != null) {
            data.put("note", note);
        }
        data.put("non_billable", nonBillable);
        return write("time-entry", data).path("id").asText();
    }

    /** GET /bills.json?overdue_only=true (the spec's boolean filter "Filter Bill records to those that are overdue"). */
    public List<JsonNode> listOverdueBills() {
        return listAll("/bills.json?overdue_only=true", BILL_FIELDS);
    }

    /** GET /bank_accounts.json?type=... ({@code TrustAccount} or {@code OperatingAccount}). */
    public List<JsonNode> listBankAccounts(String type) {
        return listAll("/bank_accounts.json?type=" + encode(type), BANK_ACCOUNT_FIELDS);
    }

    /** GET /bank_transactions.json filtered by bank account and/or matter (null: no filter). */
    public List<JsonNode> listBankTransactions(String bankAccountId, String matterId) {
        StringBuilder path = new StringBuilder("/bank_transactions.json");
        String sep = "?";
        if (bankAccountId != null) {
            path.append(sep).append("bank_account_id=").append(encode(bankAccountId));
            sep = "&";
        }
        if (matterId != null) {
            path.append(sep).append("matter_id=").append(encode(matterId));
        }
        return listAll(path.toString(), BANK_TRANSACTION_FIELDS);
    }

    /** Fields of a bank transaction the reconciliation reads: {@code confirmation} carries a payment's reference. */
    public static final String PAYMENT_TRANSACTION_FIELDS = BANK_TRANSACTION_FIELDS + ",confirmation";

    /**
     * GET /bank_transactions.json?created_since= one page at a time: every movement on any bank account created since
     * {@code since} (Clio documents no date filter on this list; the caller keeps the day it wants).
     */
    public java.util.Iterator<List<JsonNode>> bankTransactionPagesCreatedSince(Instant since) {
        return pages("/bank_transactions.json?created_since="
                + encode(DateTimeFormatter.ISO_INSTANT.format(since.truncatedTo(ChronoUnit.SECONDS))),
                PAYMENT_TRANSACTION_FIELDS, true);
    }

    /** The matter's {@code account_balances} (GET /matters/{id}.json); empty when the matter does not exist. */
    public Optional<JsonNode> getMatterAccountBalances(String matterId) {
        return getMatter(matterId, ACCOUNT_BALANCE_FIELDS).map(data -> data.path("account_balances"));
    }

    /** GET /calendar_entries.json?from=&to= (ISO-8601 timestamps), optionally for one matter. */
    public List<JsonNode> listCalendarEntries(Instant from, Instant to, String matterId) {
        String path = "/calendar_entries.json?from=" + encode(from.toString()) + "&to=" + encode(to.toString())
                + (matterId == null ? "" : "&matter_id=" + encode(matterId));
        return listAll(path, CALENDAR_ENTRY_FIELDS);
    }

    /**
     * POST /calendar_entries.json on the calendar {@code calendarOwnerId}; returns the entry's id, which Clio
     * types as a string. {@code externalKey}, when given, is stored as the external property {@code casewire_key}.
     */
    public String createCalendarEntry(long calendarOwnerId, String summary, String description, String startAt,
                                      String endAt, String matterId, String externalKey) {
        var data = json.createObjectNode();
        data.put("summary", summary);
        if (description != null) {
            data.put("description", description);
        }
        data.put("start_at", startAt);
        data.put("end_at", endAt);
        data.putObject("calendar_owner").put("id", calendarOwnerId);
        if (matterId != null) {
            data.putObject("matter").put("id", Long.parseLong(matterId));
        }
        if (externalKey != null) {
            data.putArray("external_properties").addObject().put("name", "casewire_key").put("value", externalKey);
        }
        return write("calendar-entry", data).path("id").asText();
    }

    /** GET /users.json?enabled=true. */
    public List<JsonNode> listEnabledUsers() {
        return listAll("/users.json?enabled=true", USER_FIELDS);
    }

    /** GET /users/who_am_i.json: the user the access token belongs to. */
    public JsonNode whoAmI() {
        URI uri = URI.create(settings.baseUrl() + "/users/who_am_i.json?fields=" + encode(USER_FIELDS));
        return read(send(token -> authorized(uri, token).GET().build()).body()).path("data");
    }

    /** Whether the pinned API version reports Activity {@code quantity} in seconds (4.0.4 and later) rather than hours. */
    public boolean quantityInSeconds() {
        return ClioApiVersion.atLeast(settings.apiVersion(), 4, 0, 4);
    }

    // Trust retainers (issue #16): matters with trust balances, unbilled work, custom fields, user rates.

    /** A matter's custom fields, as GET /matters/{id}.json nests them (CLIO-SPEC CustomFieldValue_base). */
    public static final String CUSTOM_FIELD_FIELDS = "id,custom_field_values{id,field_name,field_type,value}";
    /** What an unbilled activity adds: its total (CLIO-SPEC Activity), and whether it bills at all. */
    public static final String UNBILLED_ACTIVITY_FIELDS = "id,type,total,billed,non_billable";
    /** A user's hourly rate (CLIO-SPEC User {@code rate}). */
    public static final String USER_RATE_FIELDS = "id,rate";

    /** GET /matters.json?status=open with each matter's {@code account_balances}, every page. */
    public List<JsonNode> listOpenMatterBalances() {
        return listAll("/matters.json?status=open", ACCOUNT_BALANCE_FIELDS);
    }

    /** GET /activities.json?matter_id=&status=unbilled (time and expense entries alike), every page. */
    public List<JsonNode> listUnbilledActivities(String matterId) {
        return listAll("/activities.json?matter_id=" + encode(matterId) + "&status=unbilled", UNBILLED_ACTIVITY_FIELDS);
    }

    /** GET /users.json?enabled=true with each user's rate, every page. */
    public List<JsonNode> listUserRates() {
        return listAll("/users.json?enabled=true", USER_RATE_FIELDS);
    }

    // ---- end of ledger operations

    /** POST /webhooks.json; returns the created webhook. */
    public JsonNode createWebhook(String url, String model, List<String> events, String fields, String expiresAt) {
        var data = json.createObjectNode();
        data.put("url", url);
        data.put("model", model);
        var eventArray = data.putArray("events");
        events.forEach(eventArray::add);
        data.put("fields", fields);
        data.put("expires_at", expiresAt);
        return write("webhook", data);
    }

    /** PATCH /webhooks/{id}.json with a new expiry. */
    public JsonNode renewWebhook(long id, String expiresAt) {
        var data = json.createObjectNode();
        data.put("expires_at", expiresAt);
        return write("webhook-renewal", data, Map.of(RECORD_ID, id));
    }

    // --- Intake (issue #5): search, tasks, contacts, matters, practice areas. Kept together as one block. ---

    /**
     * GET {@code path}?query=...&fields=...: the first page (at most {@code limit} records) that Clio's free-text
     * search finds. Intake only narrows the field with it, so one page is enough.
     */
    public List<JsonNode> search(String path, String query, String fields, int limit) {
        URI uri = URI.create(settings.baseUrl() + path + "?query=" + encode(query) + "&fields=" + encode(fields)
                + "&limit=" + limit);
        List<JsonNode> records = new ArrayList<>();
        read(send(token -> authorized(uri, token).GET().build()).body()).path("data").forEach(records::add);
        return records;
    }

    /** GET /practice_areas.json?name=...: the id of the practice area with exactly that name (case-insensitive). */
    public Optional<String> findPracticeAreaId(String name) {
        URI uri = URI.create(settings.baseUrl() + "/practice_areas.json?name=" + encode(name) + "&fields="
                + encode("id,name"));
        for (JsonNode area : read(send(token -> authorized(uri, token).GET().build()).body()).path("data")) {
            if (name.equalsIgnoreCase(area.path("name").asText())) {
                return Optional.of(area.path("id").asText());
            }
        }
        return Optional.empty();
    }

    /** POST /tasks.json; returns the new task's id. */
    public String createTask(com.fasterxml.jackson.databind.node.ObjectNode task) {
        return write("task", task).path("id").asText();
    }

    /** POST /contacts.json; returns the new contact's id. */
    public String createContact(com.fasterxml.jackson.databind.node.ObjectNode contact) {
        return write("contact", contact).path("id").asText();
    }

    /** POST /matters.json; returns the new matter's id. */
    public String createMatter(com.fasterxml.jackson.databind.node.ObjectNode matter) {
        return write("matter", matter).path("id").asText();
    }

    /** A fresh object node for a request's {@code data}. */
    public com.fasterxml.jackson.databind.node.ObjectNode newData() {
        return json.createObjectNode();
    }

    // --- end of the intake block ---

    private JsonNode write(String kind, com.fasterxml.jackson.databind.node.ObjectNode data) {
        return write(kind, data, Map.of());
    }

    /**
     * A write through the Camel route {@code direct:outbound-clio-<kind>} (camel/outbound-json.camel.yaml), which ends
     * in the camel-http endpoint on the Clio API; {@code headers} name the record for routes whose path has an id.
     * A 401 refreshes the access token once ({@link VendorApi#authorized}), as for reads; a 429 is the outbox's to retry.
     */
    private JsonNode write(String kind, com.fasterxml.jackson.databind.node.ObjectNode data, Map<String, Object> headers) {
        var body = json.createObjectNode();
        body.set("data", data);
        String route = "direct:outbound-clio-" + kind;
        return read(api.authorized(token -> routes.call(VENDOR, pacer, route, writeHeaders(token, headers), body,
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

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
