package com.casewire.routetest;

import com.casewire.canonical.Matter;
import com.casewire.canonical.MatterEvent;
import com.casewire.practice.PracticeManagement;
import com.casewire.practice.clio.ClioWebhookVerifier;
import com.casewire.sandbox.SandboxWorld;
import com.casewire.twilio.TwilioSignature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.camel.ProducerTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs route test cases one after another on one {@link RouteTestHub}: before each, the hub's tables and the
 * simulators are emptied and the practice system is given the case's matters; then the case's input steps run, each
 * waited out until the hub is quiet (inbox drained, outbox sent, due timers fired), and what the simulators received
 * is compared with the case's expectation.
 */
final class RouteTestRunner {

    static final Set<String> CASE_KEYS = Set.of("name", "clock", "practice", "input", "expect");
    static final Set<String> STEP_KINDS = Set.of("clio", "twilio", "post", "event", "advance");
    /** A case without a clock runs at noon on a Tuesday in the firm's zone: inside every shipped quiet-hours window. */
    static final LocalDateTime DEFAULT_CLOCK = LocalDateTime.parse("2026-11-24T12:00:00");

    private final RouteTestHub hub;
    private final SandboxWorld world;
    private final RouteTestHubState state;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json;
    private final ZoneId firmZone;
    private final AtomicLong recordIds = new AtomicLong(880_000);

    RouteTestRunner(RouteTestHub hub) {
        this.hub = hub;
        this.world = hub.bean(SandboxWorld.class);
        this.state = new RouteTestHubState(hub, world);
        this.json = hub.bean(ObjectMapper.class);
        this.firmZone = ZoneId.of(hub.property("hub.firm.time-zone"));
    }

    RouteTestResult run(RouteTestCase c) {
        try {
            Specs.requireOnly(c.spec(), CASE_KEYS, "a case");
            state.clear();
            Map<String, Object> practice = Specs.map(c.spec().get("practice"), "practice");
            Specs.requireOnly(practice, Set.of("matters", "contacts"), "practice");
            world.reset(Specs.maps(practice.get("matters"), "practice.matters"),
                    Specs.maps(practice.get("contacts"), "practice.contacts"));
            hub.clock().setTo(clockOf(c.spec().get("clock")));
            List<Map<String, Object>> steps = Specs.maps(c.spec().get("input"), "input");
            if (steps.isEmpty()) {
                throw new Specs.BadCase("a case needs an input: one of " + String.join(", ", STEP_KINDS));
            }
            for (Map<String, Object> step : steps) {
                perform(step);
                state.settle();
            }
            String problems = state.problems();
            String diff = Expectations.compare(Specs.map(c.spec().get("expect"), "expect"), world.sent(), world.notes());
            return RouteTestResult.of(c, problems + diff);
        } catch (Specs.BadCase e) {
            return RouteTestResult.of(c, "the case is not written right: " + e.getMessage());
        } catch (IllegalStateException e) {
            return RouteTestResult.of(c, "the case could not run: " + e.getMessage());
        } catch (Exception e) {
            return RouteTestResult.of(c, "the case could not run: " + e);
        }
    }

    private Instant clockOf(Object clock) {
        if (clock == null) {
            return DEFAULT_CLOCK.atZone(firmZone).toInstant();
        }
        String text = clock.toString().strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (RuntimeException noOffset) {
            try {
                return LocalDateTime.parse(text).atZone(firmZone).toInstant();
            } catch (RuntimeException e) {
                throw new Specs.BadCase("clock is a date and time, 2026-11-24T12:00:00 (the firm's zone) or with an"
                        + " offset, 2026-11-24T17:00:00Z; got '" + text + "'");
            }
        }
    }

    private void perform(Map<String, Object> step) throws Exception {
        List<String> kinds = step.keySet().stream().filter(STEP_KINDS::contains).toList();
        if (kinds.size() != 1) {
            throw new Specs.BadCase("each input step is one of " + String.join(", ", new java.util.TreeSet<>(STEP_KINDS))
                    + "; got " + step.keySet());
        }
        String kind = kinds.get(0);
        Specs.requireOnly(step, kind.equals("post") ? Set.of("post", "form", "json") : Set.of(kind), "an input step");
        switch (kind) {
            case "clio" -> clio(Specs.map(step.get("clio"), "clio"));
            case "twilio" -> twilio(Specs.map(step.get("twilio"), "twilio"));
            case "post" -> post(step);
            case "event" -> event(Specs.map(step.get("event"), "event"));
            case "advance" -> hub.clock().advance(Specs.duration(String.valueOf(step.get("advance"))));
            default -> throw new IllegalStateException("no step " + kind);
        }
    }

    /** A Clio webhook delivery for the sandbox's webhook of that model, signed with the webhook's secret. */
    private void clio(Map<String, Object> spec) throws Exception {
        Specs.requireOnly(spec, Set.of("model", "event", "matter", "data"), "clio");
        String model = String.valueOf(spec.get("model"));
        long webhook = SandboxWorld.webhookFor(model).orElseThrow(() -> new Specs.BadCase(
                "clio model is one of matter, task, document, calendar_entry, activity; got '" + model + "'"));
        Map<String, Object> data = new LinkedHashMap<>(Specs.map(spec.get("data"), "clio.data"));
        Object matter = spec.get("matter");
        if ("matter".equals(model)) {
            data.putIfAbsent("id", number(matter));
        } else {
            data.putIfAbsent("id", recordIds.incrementAndGet());
            if (matter != null) {
                data.putIfAbsent("matter", Map.of("id", number(matter)));
            }
        }
        data.putIfAbsent("etag", "\"" + Long.toHexString(System.nanoTime()) + "\"");
        Map<String, Object> body = Map.of("data", data,
                "meta", Map.of("event", String.valueOf(spec.get("event")), "webhook_id", webhook));
        byte[] raw = json.writeValueAsBytes(body);
        send(HttpRequest.newBuilder(uri("/webhooks/clio")).header("Content-Type", "application/json")
                .header("X-Hook-Signature", ClioWebhookVerifier.sign(raw, hub.property("hub.clio.webhook-secret")))
                .POST(HttpRequest.BodyPublishers.ofByteArray(raw)), "Clio webhook");
    }

    /** A Twilio webhook (voice-status, sms, message-status) as a form, signed as Twilio signs it. */
    private void twilio(Map<String, Object> spec) throws Exception {
        Specs.requireOnly(spec, Set.of("webhook", "form"), "twilio");
        String path = "/webhooks/twilio/" + spec.get("webhook");
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("AccountSid", List.of(hub.property("hub.twilio.account-sid")));
        Specs.map(spec.get("form"), "twilio.form").forEach((k, v) -> form.put(k, List.of(String.valueOf(v))));
        String url = hub.property("hub.public-base-url") + path;
        send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", TwilioSignature.compute(hub.property("hub.twilio.auth-token"), url, form))
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))), "Twilio webhook");
    }

    /**
     * A POST to the hub: a sandbox simulator's action ({@code /sandbox/lawpay/pay}, {@code /sandbox/clio/simulate/...}),
     * the web form, or the API ({@code /api/billing/ladder/run}) with the API token; a {@code form} or {@code json} body.
     */
    private void post(Map<String, Object> step) throws Exception {
        String path = String.valueOf(step.get("post"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + hub.property("hub.api.token"));
        if (step.containsKey("form")) {
            Map<String, List<String>> form = new LinkedHashMap<>();
            Specs.map(step.get("form"), "post.form").forEach((k, v) -> form.put(k, List.of(String.valueOf(v))));
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        } else if (step.containsKey("json")) {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(step.get("json"))));
        } else {
            request.POST(HttpRequest.BodyPublishers.noBody());
        }
        send(request, "POST " + path);
    }

    /**
     * A canonical {@link MatterEvent} on {@code direct:matter-event}, as a normalizer hands it over (in a transaction,
     * as the inbox runs it): for a MyCase rule, or any event without writing the vendor's delivery.
     */
    private void event(Map<String, Object> spec) {
        Specs.requireOnly(spec, Set.of("source", "model", "event", "matter", "recordId", "details"), "event");
        String matterId = String.valueOf(spec.get("matter"));
        Matter matter = hub.bean(PracticeManagement.class).findMatter(matterId)
                .orElseThrow(() -> new Specs.BadCase("event.matter " + matterId + " is not in the practice system"));
        Map<String, String> details = new LinkedHashMap<>();
        Specs.map(spec.get("details"), "event.details").forEach((k, v) -> details.put(k, String.valueOf(v)));
        String recordId = spec.get("recordId") == null ? String.valueOf(recordIds.incrementAndGet()) : spec.get("recordId").toString();
        MatterEvent event = new MatterEvent(String.valueOf(spec.getOrDefault("source", "clio")), String.valueOf(spec.get("model")),
                String.valueOf(spec.get("event")), recordId, "routetest:" + recordId, matter, hub.clock().instant(), details);
        hub.bean(TransactionTemplate.class).executeWithoutResult(status ->
                hub.bean(ProducerTemplate.class).sendBody("direct:matter-event", event));
    }

    private void send(HttpRequest.Builder request, String what) throws Exception {
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() >= 300) {
            throw new IllegalStateException(what + " was refused: HTTP " + answer.statusCode() + " " + answer.body());
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + hub.port() + path);
    }

    private static String encode(Map<String, List<String>> form) {
        return form.entrySet().stream().flatMap(e -> e.getValue().stream().map(v ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
    }

    private static long number(Object id) {
        try {
            return Long.parseLong(String.valueOf(id));
        } catch (NumberFormatException e) {
            throw new Specs.BadCase("a Clio id is a number; got '" + id + "'");
        }
    }
}
