package com.casewire.sandbox;

import com.casewire.config.FirmProperties;
import com.casewire.gcal.GoogleProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Google Calendar v3 simulator, following shared/vendor-apis.md §3: the token endpoint ({@code refresh_token} with
 * the configured client, or a {@code jwt-bearer} assertion, whose signature the sandbox does not check), then with
 * the Bearer token it hands out: events.list (full sync from {@code timeMin}, incremental from {@code syncToken},
 * 410 Gone for a token it never issued), events.insert, freeBusy, events.watch and channels/stop. Errors use
 * Google's body. A watch gets the {@code sync} message, and every inserted event an {@code exists} notification
 * on each channel of its calendar, posted to the channel's address with the channel's token, as Google does.
 * {@code POST /sandbox/google/simulate/ended-event} puts an event that ended a minute ago on a calendar, for the
 * time-entry walkthrough.
 */
@RestController
@Profile("sandbox")
class SandboxGoogleCalendarController {

    static final String ACCESS_TOKEN = "sandbox-google-access";
    private static final String API = "/sandbox/google/calendar/v3";

    private record Stored(long seq, ObjectNode event) {
    }

    private record Channel(String id, String calendarId, String token, String address, String resourceId, long expiration) {
    }

    private final GoogleProperties google;
    private final FirmProperties firm;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final Map<String, List<Stored>> calendars = new ConcurrentHashMap<>();
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    /** What the simulator received, for the sandbox page and tests. */
    final List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

    SandboxGoogleCalendarController(GoogleProperties google, FirmProperties firm, ObjectMapper json, Clock clock) {
        this.google = google;
        this.firm = firm;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping(path = "/sandbox/google/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Map<String, Object>> token(@RequestBody String form) {
        Map<String, String> p = new HashMap<>();
        for (String pair : form.split("&")) {
            String[] kv = pair.split("=", 2);
            p.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        boolean refresh = "refresh_token".equals(p.get("grant_type")) && google.refreshToken().equals(p.get("refresh_token"))
                && google.clientId().equals(p.get("client_id")) && google.clientSecret().equals(p.get("client_secret"));
        boolean jwt = "urn:ietf:params:oauth:grant-type:jwt-bearer".equals(p.get("grant_type"))
                && p.getOrDefault("assertion", "").split("\\.").length == 3;
        requests.add("token " + p.get("grant_type"));
        if (!refresh && !jwt) {
            return ResponseEntity.badRequest().body(Map.of("error", "invalid_grant", "error_description", "Bad Request"));
        }
        return ResponseEntity.ok(Map.of("access_token", ACCESS_TOKEN, "expires_in", 3599, "token_type", "Bearer",
                "scope", google.scope()));
    }

    @GetMapping(API + "/calendars/{calendarId}/events")
    ResponseEntity<?> list(@RequestHeader(value = "Authorization", required = false) String auth, @PathVariable String calendarId,
                           @RequestParam(required = false) String syncToken, @RequestParam(required = false) String timeMin) {
        if (!authorized(auth)) {
            return unauthorized();
        }
        requests.add("events.list " + calendarId + (syncToken != null ? " syncToken=" + syncToken : " full"));
        long since = -1;
        if (syncToken != null) {
            if (!syncToken.matches("sandbox-sync-\\d+") || Long.parseLong(syncToken.substring(13)) > seq.get()) {
                return error(HttpStatus.GONE, "global", "fullSyncRequired", "Sync token is no longer valid, a full sync is required.");
            }
            since = Long.parseLong(syncToken.substring(13));
        }
        Instant min = timeMin == null ? null : OffsetDateTime.parse(timeMin).toInstant();
        List<ObjectNode> items = new ArrayList<>();
        long issued;
        synchronized (this) {
            issued = seq.get();
            for (Stored s : calendars.getOrDefault(calendarId, List.of())) {
                boolean changed = since >= 0 ? s.seq() > since : min == null || end(s.event()).isAfter(min);
                if (changed) {
                    items.add(s.event());
                }
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "calendar#events");
        body.put("summary", calendarId);
        body.put("timeZone", firm.timeZone());
        body.put("items", items);
        body.put("nextSyncToken", "sandbox-sync-" + issued);
        return ResponseEntity.ok(body);
    }

    @PostMapping(API + "/calendars/{calendarId}/events")
    ResponseEntity<?> insert(@RequestHeader(value = "Authorization", required = false) String auth, @PathVariable String calendarId,
                             @RequestBody JsonNode body) {
        if (!authorized(auth)) {
            return unauthorized();
        }
        if (!body.path("end").isObject() || !body.path("start").isObject()) {
            return error(HttpStatus.BAD_REQUEST, "global", "required", "Missing end time.");
        }
        return ResponseEntity.ok(store(calendarId, (ObjectNode) body.deepCopy()));
    }

    @PostMapping(API + "/freeBusy")
    ResponseEntity<?> freeBusy(@RequestHeader(value = "Authorization", required = false) String auth, @RequestBody JsonNode body) {
        if (!authorized(auth)) {
            return unauthorized();
        }
        Instant min = OffsetDateTime.parse(body.path("timeMin").asText()).toInstant();
        Instant max = OffsetDateTime.parse(body.path("timeMax").asText()).toInstant();
        Map<String, Object> result = new LinkedHashMap<>();
        for (JsonNode item : body.path("items")) {
            List<Map<String, String>> busy = new ArrayList<>();
            for (Stored s : calendars.getOrDefault(item.path("id").asText(), List.of())) {
                Instant start = start(s.event());
                Instant end = end(s.event());
                if (!"cancelled".equals(s.event().path("status").asText()) && start.isBefore(max) && end.isAfter(min)) {
                    busy.add(Map.of("start", start.toString(), "end", end.toString()));
                }
            }
            result.put(item.path("id").asText(), Map.of("busy", busy));
        }
        return ResponseEntity.ok(Map.of("kind", "calendar#freeBusy", "timeMin", min.toString(), "timeMax", max.toString(),
                "calendars", result));
    }

    @PostMapping(API + "/calendars/{calendarId}/events/watch")
    ResponseEntity<?> watch(@RequestHeader(value = "Authorization", required = false) String auth, @PathVariable String calendarId,
                            @RequestBody JsonNode body) {
        if (!authorized(auth)) {
            return unauthorized();
        }
        String id = body.path("id").asText("");
        if (id.isEmpty() || id.length() > 64 || !"web_hook".equals(body.path("type").asText())
                || body.path("address").asText("").isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, "global", "invalid", "Channel id (at most 64 characters), type web_hook and address are required.");
        }
        long max = clock.instant().plus(Duration.ofDays(7)).toEpochMilli();
        long expiration = body.hasNonNull("expiration") ? Math.min(body.path("expiration").asLong(), max) : max;
        Channel channel = new Channel(id, calendarId, body.path("token").asText(null), body.path("address").asText(),
                "sandbox-resource-" + Math.abs(calendarId.hashCode()), expiration);
        channels.put(id, channel);
        requests.add("events.watch " + calendarId + " " + id);
        notifyChannel(channel, "sync");
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("kind", "api#channel");
        response.put("id", id);
        response.put("resourceId", channel.resourceId());
        response.put("resourceUri", "http://localhost" + API + "/calendars/" + calendarId + "/events");
        response.put("token", channel.token());
        response.put("expiration", String.valueOf(expiration));
        return ResponseEntity.ok(response);
    }

    @PostMapping(API + "/channels/stop")
    ResponseEntity<?> stop(@RequestHeader(value = "Authorization", required = false) String auth, @RequestBody JsonNode body) {
        if (!authorized(auth)) {
            return unauthorized();
        }
        Channel channel = channels.get(body.path("id").asText());
        if (channel == null || !channel.resourceId().equals(body.path("resourceId").asText())) {
            return error(HttpStatus.NOT_FOUND, "global", "notFound", "Channel not found for project");
        }
        channels.remove(channel.id());
        requests.add("channels.stop " + channel.id());
        return ResponseEntity.noContent().build();
    }

    /** Puts "Client call [M matter]" that ended a minute ago on the calendar (the first configured one by default). */
    @PostMapping("/sandbox/google/simulate/ended-event")
    ResponseEntity<?> simulateEndedEvent(@RequestParam(defaultValue = "1001") String matterId,
                                         @RequestParam(required = false) String calendarId) {
        String calendar = calendarId != null ? calendarId
                : google.calendarIds().isEmpty() ? "primary" : google.calendarIds().get(0);
        Instant end = clock.instant().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode event = json.createObjectNode();
        event.put("summary", "Client call [M " + matterId + "]");
        event.putObject("start").put("dateTime", end.minus(Duration.ofMinutes(30)).toString());
        event.putObject("end").put("dateTime", end.toString());
        return ResponseEntity.ok(store(calendar, event));
    }

    private ObjectNode store(String calendarId, ObjectNode event) {
        synchronized (this) {
            long s = seq.incrementAndGet();
            String now = clock.instant().toString();
            event.put("kind", "calendar#event");
            event.put("id", "sandboxevt" + s);
            event.put("status", event.path("status").asText("confirmed"));
            event.put("etag", "\"" + s + "\"");
            event.put("created", now);
            event.put("updated", now);
            calendars.computeIfAbsent(calendarId, c -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(new Stored(s, event));
        }
        requests.add("events.insert " + calendarId + " " + event.path("id").asText());
        channels.values().stream().filter(c -> c.calendarId().equals(calendarId)).forEach(c -> notifyChannel(c, "exists"));
        return event;
    }

    /** A push notification as Google sends it: headers only, no body; delivered in the background. */
    private void notifyChannel(Channel channel, String state) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(channel.address()))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody())
                .header("X-Goog-Channel-ID", channel.id())
                .header("X-Goog-Channel-Expiration", Instant.ofEpochMilli(channel.expiration()).toString())
                .header("X-Goog-Resource-ID", channel.resourceId())
                .header("X-Goog-Resource-URI", "http://localhost" + API + "/calendars/" + channel.calendarId() + "/events")
                .header("X-Goog-Resource-State", state)
                .header("X-Goog-Message-Number", String.valueOf(messages.incrementAndGet()));
        if (channel.token() != null) {
            request.header("X-Goog-Channel-Token", channel.token());
        }
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .thenAccept(r -> requests.add("push " + state + " " + channel.id() + " -> " + r.statusCode()));
    }

    private static Instant start(JsonNode event) {
        return time(event.path("start"));
    }

    private static Instant end(JsonNode event) {
        return time(event.path("end"));
    }

    private static Instant time(JsonNode t) {
        if (t.hasNonNull("dateTime")) {
            return OffsetDateTime.parse(t.path("dateTime").asText()).toInstant();
        }
        return java.time.LocalDate.parse(t.path("date").asText("1970-01-01")).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    }

    private static boolean authorized(String auth) {
        return ("Bearer " + ACCESS_TOKEN).equals(auth);
    }

    private static ResponseEntity<Map<String, Object>> unauthorized() {
        return error(HttpStatus.UNAUTHORIZED, "global", "authError", "Invalid Credentials");
    }

    /** Google's error body (shared/vendor-apis.md §3). */
    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String domain, String reason, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("errors", List.of(Map.of("domain", domain, "reason", reason, "message", message)));
        error.put("code", status.value());
        error.put("message", message);
        return ResponseEntity.status(status).body(Map.of("error", error));
    }

    /** The calendar's channels still open, for the sandbox page and tests. */
    List<String> openChannels() {
        return channels.values().stream().map(c -> c.calendarId() + " " + c.id()).toList();
    }
}
