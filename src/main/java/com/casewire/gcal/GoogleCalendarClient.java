package com.casewire.gcal;

import com.casewire.vendor.RatePacer;
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
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Google Calendar API v3 over HTTP: Bearer tokens from {@link GoogleTokens} (a 401 drops the token and the call
 * is sent once more with a fresh one), errors as {"error":{"errors":[{"domain","reason","message"}],"code","message"}}.
 * 429 and a 403 whose reason is {@code rateLimitExceeded} or {@code userRateLimitExceeded} are transient; Google
 * asks for exponential backoff, which the caller's retry schedule provides. Calls are paced at
 * {@code hub.google.requests-per-minute} (our figure).
 */
@Component
class GoogleCalendarClient {

    static final String VENDOR = "google-calendar";
    static final Set<String> RATE_LIMIT_REASONS = Set.of("rateLimitExceeded", "userRateLimitExceeded");
    private static final int MAX_PAGES = 10_000;

    /** One completed events.list walk: every changed event and the token the next walk starts from. */
    record EventChanges(List<JsonNode> items, String nextSyncToken, String timeZone, boolean fullSync) {
    }

    /** A busy period from freeBusy: {@code start} inclusive, {@code end} exclusive. */
    record BusyInterval(Instant start, Instant end) {
    }

    /** What events.insert sends; {@code matterId} goes to extendedProperties.private.matterId when not null. */
    record NewEvent(String summary, String description, ZonedDateTime start, ZonedDateTime end,
                    List<String> attendeeEmails, String matterId) {
    }

    private final GoogleProperties settings;
    private final VendorHttp http;
    private final VendorRoutes routes;
    private final GoogleTokens tokens;
    private final ObjectMapper json;
    private final Clock clock;
    private final RatePacer pacer;
    private final com.casewire.vendor.VendorApi api;

    /** Paced in this process only (tests that build the client by hand). */
    GoogleCalendarClient(GoogleProperties settings, VendorHttp http, VendorRoutes routes, GoogleTokens tokens, ObjectMapper json,
                         Clock clock) {
        this(settings, http, routes, tokens, json, clock, null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    GoogleCalendarClient(GoogleProperties settings, VendorHttp http, VendorRoutes routes, GoogleTokens tokens, ObjectMapper json,
                         Clock clock, com.casewire.vendor.SharedPacing pacing) {
        this.routes = routes;
        this.settings = settings;
        this.http = http;
        this.tokens = tokens;
        this.json = json;
        this.clock = clock;
        this.pacer = pacing == null ? RatePacer.perMinute(VENDOR, settings.requestsPerMinute())
                : pacing.perMinute(VENDOR, settings.requestsPerMinute());
        this.api = new com.casewire.vendor.VendorApi(VENDOR, http, pacer, new com.casewire.vendor.VendorApi.Credentials() {
            @Override
            public String current() {
                return tokens.accessToken();
            }

            @Override
            public String afterRejection(String rejected) {
                tokens.rejected(rejected);
                return tokens.accessToken();
            }
        }, this::errorDetail, json);
    }

    /**
     * events.list with {@code singleEvents=true}: incremental from {@code syncToken} when given, otherwise a full
     * sync from now minus {@code hub.google.full-sync-look-back}. Follows {@code nextPageToken} until the last page
     * brings {@code nextSyncToken}. A 410 Gone on the sync token (expired, or ACL changes) drops it and runs a full
     * sync instead, as Google's sync guide asks.
     */
    EventChanges listChanges(String calendarId, String syncToken) {
        if (syncToken != null) {
            try {
                return walk(calendarId, "syncToken=" + encode(syncToken), false);
            } catch (VendorException e) {
                if (e.httpStatus() != 410) {
                    throw e;
                }
            }
        }
        Instant timeMin = clock.instant().minus(settings.fullSyncLookBack());
        return walk(calendarId, "timeMin=" + encode(DateTimeFormatter.ISO_INSTANT.format(timeMin)), true);
    }

    private EventChanges walk(String calendarId, String startQuery, boolean fullSync) {
        String base = settings.baseUrl() + "/calendars/" + pathSegment(calendarId) + "/events?singleEvents=true&"
                + startQuery;
        List<JsonNode> items = new ArrayList<>();
        String pageToken = null;
        String timeZone = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            URI uri = URI.create(pageToken == null ? base : base + "&pageToken=" + encode(pageToken));
            JsonNode body = read(send(token -> authorized(uri, token).GET().build()).body());
            body.path("items").forEach(items::add);
            if (timeZone == null) {
                timeZone = body.path("timeZone").asText(null);
            }
            String nextSync = body.path("nextSyncToken").asText(null);
            if (nextSync != null) {
                return new EventChanges(items, nextSync, timeZone, fullSync);
            }
            pageToken = body.path("nextPageToken").asText(null);
            if (pageToken == null) {
                throw new VendorException(VENDOR, false, 200, null,
                        "events.list page has neither nextPageToken nor nextSyncToken", null, null);
            }
        }
        throw new VendorException(VENDOR, false, 0, null, "events.list pagination does not end", null, null);
    }

    /**
     * freebusy.query for the given calendars; busy periods per calendar id. A calendar Google could not read
     * (an entry in its {@code errors}) fails the call rather than showing as free.
     */
    Map<String, List<BusyInterval>> freeBusy(Instant timeMin, Instant timeMax, String timeZone, List<String> calendarIds) {
        ObjectNode request = json.createObjectNode();
        request.put("timeMin", DateTimeFormatter.ISO_INSTANT.format(timeMin));
        request.put("timeMax", DateTimeFormatter.ISO_INSTANT.format(timeMax));
        request.put("timeZone", timeZone);
        var items = request.putArray("items");
        calendarIds.forEach(id -> items.addObject().put("id", id));
        URI uri = URI.create(settings.baseUrl() + "/freeBusy");
        JsonNode calendars = read(send(token -> postJson(uri, token, request)).body()).path("calendars");
        Map<String, List<BusyInterval>> busy = new LinkedHashMap<>();
        for (String id : calendarIds) {
            JsonNode calendar = calendars.path(id);
            JsonNode errors = calendar.path("errors");
            if (errors.size() > 0) {
                String reason = errors.get(0).path("reason").asText(null);
                throw new VendorException(VENDOR, false, 200, reason, "freeBusy could not read calendar " + id, null, null);
            }
            List<BusyInterval> periods = new ArrayList<>();
            calendar.path("busy").forEach(period -> periods.add(new BusyInterval(
                    Instant.parse(period.path("start").asText()), Instant.parse(period.path("end").asText()))));
            busy.put(id, periods);
        }
        return busy;
    }

    /** events.insert with {@code sendUpdates=all} (attendees get Google's invitation); returns the new event's id. */
    String insertEvent(String calendarId, NewEvent event) {
        ObjectNode body = json.createObjectNode();
        body.put("summary", event.summary());
        if (event.description() != null) {
            body.put("description", event.description());
        }
        time(body.putObject("start"), event.start());
        time(body.putObject("end"), event.end());
        if (event.attendeeEmails() != null && !event.attendeeEmails().isEmpty()) {
            var attendees = body.putArray("attendees");
            event.attendeeEmails().forEach(email -> attendees.addObject().put("email", email));
        }
        if (event.matterId() != null) {
            body.putObject("extendedProperties").putObject("private").put("matterId", event.matterId());
        }
        // sendUpdates=all: attendees get Google's invitation
        return read(write("event", calendarId, Map.of(Exchange.HTTP_QUERY, "sendUpdates=all"), body)).path("id").asText();
    }

    /** A push channel as Google granted it: {@code expiration} may be earlier than asked for. */
    record WatchedChannel(String id, String resourceId, Instant expiration) {
    }

    /**
     * events.watch: {@code POST calendars/{id}/events/watch} with {@code id, type=web_hook, address, token, expiration}
     * (unix milliseconds). Returns the Channel's {@code resourceId} and granted {@code expiration}.
     */
    WatchedChannel watch(String calendarId, String channelId, String address, String token, Instant expiration) {
        ObjectNode body = json.createObjectNode();
        body.put("id", channelId);
        body.put("type", "web_hook");
        body.put("address", address);
        body.put("token", token);
        body.put("expiration", expiration.toEpochMilli());
        JsonNode channel = read(write("watch", calendarId, Map.of(), body));
        String granted = channel.path("expiration").asText(null); // int64 as a string in Google's JSON
        return new WatchedChannel(channel.path("id").asText(channelId), channel.path("resourceId").asText(null),
                granted == null || granted.isBlank() ? expiration : Instant.ofEpochMilli(Long.parseLong(granted)));
    }

    /** channels.stop: {@code POST channels/stop} with the channel's {@code id} and {@code resourceId}. */
    void stopChannel(String channelId, String resourceId) {
        ObjectNode body = json.createObjectNode();
        body.put("id", channelId);
        body.put("resourceId", resourceId);
        write("channel-stop", null, Map.of(), body);
    }

    private static void time(ObjectNode node, ZonedDateTime at) {
        node.put("dateTime", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at));
        node.put("timeZone", at.getZone().getId());
    }

    /** A read through {@link com.casewire.vendor.VendorApi} (a 401 gets a new token once), classified as Google's. */
    private HttpResponse<String> send(Function<String, HttpRequest> request) {
        return classified(() -> api.send(request));
    }

    /**
     * A write through the Camel route {@code direct:outbound-gcal-<kind>} (camel/outbound-json.camel.yaml), which ends
     * in the camel-http endpoint on the Calendar API; a 401 gets a new token once, as {@link #send} does for reads.
     */
    private String write(String kind, String calendarId, Map<String, Object> extra, JsonNode body) {
        return classified(() -> api.authorized(token -> routes.call(VENDOR, pacer, "direct:outbound-gcal-" + kind,
                writeHeaders(token, calendarId, extra), body, this::errorDetail)));
    }

    private static Map<String, Object> writeHeaders(String token, String calendarId, Map<String, Object> extra) {
        Map<String, Object> headers = new java.util.HashMap<>(extra);
        headers.put("Authorization", "Bearer " + token);
        headers.put("Accept", "application/json");
        headers.put("Content-Type", "application/json");
        if (calendarId != null) {
            headers.put("casewireCalendarId", pathSegment(calendarId));
        }
        return headers;
    }

    private HttpResponse<String> sendClassified(HttpRequest request) {
        return classified(() -> http.send(VENDOR, pacer, request, this::errorDetail));
    }

    /** The status decides, as for every vendor; a 403 is transient only for Google's rate-limit reasons. */
    private static <T> T classified(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (VendorException e) {
            if (e.httpStatus() == 403 && !e.isTransient() && RATE_LIMIT_REASONS.contains(e.vendorCode())) {
                throw new VendorException(VENDOR, true, 403, e.vendorCode(), googleMessage(e), e.retryAfter(), e);
            }
            throw e;
        }
    }

    private static String googleMessage(VendorException e) {
        String prefix = VENDOR + " HTTP 403 code " + e.vendorCode() + ": ";
        String message = e.getMessage();
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private HttpRequest postJson(URI uri, String token, JsonNode body) {
        return authorized(uri, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private HttpRequest.Builder authorized(URI uri, String token) {
        return http.request(uri).header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    /** Google's error body: the first entry's reason as the code, the top-level message as the message. */
    VendorHttp.ErrorDetail errorDetail(String body) {
        JsonNode error = read(body).path("error");
        JsonNode first = error.path("errors").path(0);
        String message = error.path("message").asText(first.path("message").asText(null));
        return new VendorHttp.ErrorDetail(first.path("reason").asText(null), message);
    }

    private JsonNode read(String body) {
        return api.read(body);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String pathSegment(String value) {
        return encode(value).replace("+", "%20");
    }
}
