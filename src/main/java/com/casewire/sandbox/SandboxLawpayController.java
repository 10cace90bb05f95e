package com.casewire.sandbox;

import com.casewire.config.FirmProperties;
import com.casewire.config.HubProperties;
import com.casewire.lawpay.LawpayProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * LawPay (AffiniPay gateway) simulator: the Events API ({@code GET /v1/events/{id}} and the paged list
 * {@code GET /v1/events}, Basic auth with the secret key, errors as {"messages":[...]}) and a payment page. Paying on
 * the page creates a {@code transaction.completed} event for a CHARGE and delivers it, unsigned, to the hub's
 * {@code /webhooks/lawpay} as the gateway does (or loses the delivery, for the poll to find); the hub then fetches
 * it back from this simulator.
 */
@RestController
@Profile("sandbox")
class SandboxLawpayController {

    private final SandboxState state;
    private final HubProperties hub;
    private final LawpayProperties lawpay;
    private final FirmProperties firm;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newHttpClient();

    SandboxLawpayController(SandboxState state, HubProperties hub, LawpayProperties lawpay, FirmProperties firm,
                            ObjectMapper json) {
        this.state = state;
        this.hub = hub;
        this.lawpay = lawpay;
        this.firm = firm;
        this.json = json;
    }

    @GetMapping("/sandbox/lawpay/v1/events/{id}")
    ResponseEntity<Map<String, Object>> event(@PathVariable String id,
                                              @RequestHeader(value = "Authorization", required = false) String auth) {
        if (!authorized(auth)) {
            return error(HttpStatus.UNAUTHORIZED, "unauthorized", "Invalid credentials");
        }
        Map<String, Object> event = state.lawpayEvents.get(id);
        return event == null ? error(HttpStatus.NOT_FOUND, "not_found", "Event " + id + " not found") : ResponseEntity.ok(event);
    }

    /**
     * GET /v1/events?page=&page_size=&start_date=: as the gateway documents it, newest first, or with a start date
     * only the events created after it, oldest first; {"page","page_size","total_entries","results"}.
     */
    @GetMapping("/sandbox/lawpay/v1/events")
    ResponseEntity<Map<String, Object>> events(@RequestParam(defaultValue = "1") int page,
                                               @RequestParam(name = "page_size", defaultValue = "20") int pageSize,
                                               @RequestParam(name = "start_date", required = false) String startDate,
                                               @RequestHeader(value = "Authorization", required = false) String auth) {
        if (!authorized(auth)) {
            return error(HttpStatus.UNAUTHORIZED, "unauthorized", "Invalid credentials");
        }
        if (page < 1 || pageSize < 1) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request", "page and page_size must be positive");
        }
        Instant after;
        try {
            after = startDate == null ? null : Instant.parse(startDate);
        } catch (java.time.format.DateTimeParseException e) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request", "start_date must be yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
        }
        Comparator<Map<String, Object>> byCreated = Comparator.comparing(e -> Instant.parse((String) e.get("created")));
        List<Map<String, Object>> all = state.lawpayEvents.values().stream()
                .filter(e -> after == null || Instant.parse((String) e.get("created")).isAfter(after))
                .sorted(after == null ? byCreated.reversed() : byCreated)
                .toList();
        int from = Math.min(all.size(), (page - 1) * pageSize);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("page", page);
        body.put("page_size", pageSize);
        body.put("total_entries", all.size());
        body.put("results", all.subList(from, Math.min(all.size(), from + pageSize)));
        return ResponseEntity.ok(body);
    }

    private boolean authorized(String auth) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((lawpay.secretKey() + ":")
                .getBytes(StandardCharsets.UTF_8));
        return expected.equals(auth);
    }

    /** The payment page a pay link opens: amount in cents and reference come from the link. */
    @GetMapping(path = "/sandbox/lawpay/pages/{page}", produces = MediaType.TEXT_HTML_VALUE)
    String page(@PathVariable String page, @RequestParam(defaultValue = "0") long amount,
                @RequestParam(defaultValue = "") String reference) {
        return """
                <!doctype html><html><head><meta charset="utf-8"><title>Pay %s</title></head><body>
                <h1>%s (sandbox payment page)</h1><p>Reference: <b>%s</b></p><p>Amount: <b>$%d.%02d</b></p>
                <form method="post" action="/sandbox/lawpay/pay"><input type="hidden" name="amount" value="%d">
                <input type="hidden" name="reference" value="%s"><button type="submit">Pay now</button></form>
                </body></html>""".formatted(HtmlUtils.htmlEscape(firm.name()), HtmlUtils.htmlEscape(firm.name()),
                HtmlUtils.htmlEscape(reference), amount / 100, amount % 100, amount, HtmlUtils.htmlEscape(reference));
    }

    /** Pays; {@code deliver=false} loses the webhook delivery, as a network can: the hub's poll finds the event. */
    @PostMapping(path = "/sandbox/lawpay/pay", produces = MediaType.TEXT_HTML_VALUE)
    String pay(@RequestParam long amount, @RequestParam String reference,
               @RequestParam(defaultValue = "true") boolean deliver) throws IOException, InterruptedException {
        String eventId = "evt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        Instant now = Instant.now();
        Map<String, Object> charge = new LinkedHashMap<>();
        charge.put("id", "txn_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));
        charge.put("created", now.toString());
        charge.put("type", "CHARGE");
        charge.put("account_id", "acct_sandbox_operating");
        charge.put("status", "COMPLETED");
        charge.put("amount", amount);
        charge.put("currency", "USD");
        charge.put("reference", reference);
        charge.put("method", Map.of("type", "card", "number", "************4242", "card_type", "VISA"));
        charge.put("messages", List.of());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", eventId);
        event.put("created", now.toString());
        event.put("type", "transaction.completed");
        event.put("data", charge);
        state.lawpayEvents.put(eventId, event);
        if (!deliver) {
            return "<!doctype html><html><body><h1>Payment received</h1><p>Event " + eventId + " created; its webhook"
                    + " delivery was lost on purpose. The hub's LawPay poll (hub.lawpay.poll-interval-millis) finds it.</p>"
                    + "<p><a href=\"/sandbox\">Back to the sandbox</a></p></body></html>";
        }
        HttpResponse<String> delivered = http.send(HttpRequest.newBuilder(URI.create(hub.publicBaseUrl() + "/webhooks/lawpay"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(event))).build(),
                HttpResponse.BodyHandlers.ofString());
        return "<!doctype html><html><body><h1>Payment received</h1><p>Event " + eventId + " delivered to the hub: HTTP "
                + delivered.statusCode() + "</p><p><a href=\"/sandbox\">Back to the sandbox</a></p></body></html>";
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(Map.of("messages",
                List.of(Map.of("code", code, "level", "error", "message", message, "facility", "gateway"))));
    }
}
