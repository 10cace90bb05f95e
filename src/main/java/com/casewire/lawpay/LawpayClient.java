package com.casewire.lawpay;

import com.casewire.vendor.RatePacer;
import com.casewire.vendor.SharedPacing;
import com.casewire.vendor.VendorApi;
import com.casewire.vendor.VendorException;
import com.casewire.vendor.VendorHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The LawPay / AffiniPay gateway over HTTP: Basic auth with the merchant's secret key as the user name and
 * an empty password, errors as {"messages":[{"code","level","message","facility","context","sub_code"}]}.
 * Calls are paced at {@code hub.lawpay.requests-per-minute} (our figure: the gateway publishes no limit).
 */
@Component
class LawpayClient {

    static final String VENDOR = "lawpay";
    /** The Events API's start_date format: yyyy-MM-dd'T'HH:mm:ss.SSS'Z', in UTC. */
    static final DateTimeFormatter START_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final LawpayProperties settings;
    private final VendorHttp http;
    private final RatePacer pacer;
    private final ObjectMapper json;
    private final VendorApi api;

    /** Paced in this process only (tests that build the client by hand). */
    LawpayClient(LawpayProperties settings, VendorHttp http, ObjectMapper json) {
        this(settings, http, json, null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    LawpayClient(LawpayProperties settings, VendorHttp http, ObjectMapper json, SharedPacing pacing) {
        this.settings = settings;
        this.http = http;
        this.json = json;
        this.pacer = pacing == null ? RatePacer.perMinute(VENDOR, settings.requestsPerMinute())
                : pacing.perMinute(VENDOR, settings.requestsPerMinute());
        // the secret key never changes: a 401 stands
        this.api = new VendorApi(VENDOR, http, pacer, VendorApi.Credentials.fixed(basicAuth(settings.secretKey())),
                this::errorDetail, json);
    }

    /** GET /v1/events/{id}: the event as the gateway holds it; empty when the gateway does not know the id (404). */
    Optional<JsonNode> getEvent(String id) {
        return getOrEmpty("/v1/events/" + pathSegment(id));
    }

    /**
     * GET /v1/events?page=&page_size=&start_date=: one page of the events created after {@code startDate}, oldest
     * first (the gateway orders by time when a start date is given). The body is
     * {"page","page_size","total_entries","results":[events]}.
     */
    JsonNode listEvents(Instant startDate, int page, int pageSize) {
        String path = "/v1/events?page=" + page + "&page_size=" + pageSize + "&start_date="
                + URLEncoder.encode(START_DATE.format(startDate), StandardCharsets.UTF_8);
        return getOrEmpty(path).orElseThrow(() -> new VendorException(VENDOR, false, 404, null,
                "GET /v1/events answered 404", null, null));
    }

    /**
     * GET /v1/transactions?page=&page_size=&start_date=&end_date=&order_by=-created: one page of the transactions
     * created in the window (AP-DOCS-2017; the dates are sent in the Events API's format, the list's own format being
     * unconfirmed). The body is paged like the Events API: {"page","page_size","total_entries","results":[...]}.
     */
    JsonNode listTransactions(Instant startDate, Instant endDate, int page, int pageSize) {
        String path = "/v1/transactions?page=" + page + "&page_size=" + pageSize
                + "&start_date=" + URLEncoder.encode(START_DATE.format(startDate), StandardCharsets.UTF_8)
                + "&end_date=" + URLEncoder.encode(START_DATE.format(endDate), StandardCharsets.UTF_8)
                + "&order_by=-created";
        return getOrEmpty(path).orElseThrow(() -> new VendorException(VENDOR, false, 404, null,
                "GET /v1/transactions answered 404", null, null));
    }

    private Optional<JsonNode> getOrEmpty(String path) {
        if (!settings.enabled()) {
            throw new IllegalStateException("LawPay is not configured: hub.lawpay.secret-key is blank");
        }
        URI uri = URI.create(baseUrl() + path);
        return api.find(authorization -> http.request(uri).header("Authorization", authorization)
                .header("Accept", "application/json").GET().build());
    }

    private String baseUrl() {
        String base = settings.baseUrl();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    static String basicAuth(String secretKey) {
        return "Basic " + Base64.getEncoder().encodeToString((secretKey + ":").getBytes(StandardCharsets.UTF_8));
    }

    /** The first message's code; every message's text, with the field it concerns when the gateway names one. */
    VendorHttp.ErrorDetail errorDetail(String body) {
        JsonNode messages = read(body).path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode message : messages) {
            String text = message.path("message").asText("");
            String context = message.path("context").asText("");
            texts.add(context.isEmpty() ? text : context + ": " + text);
        }
        return new VendorHttp.ErrorDetail(messages.get(0).path("code").asText(null), String.join("; ", texts));
    }

    private JsonNode read(String body) {
        return api.read(body);
    }

    private static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
