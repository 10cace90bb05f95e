package com.casewire.twilio;

import com.casewire.canonical.Channel;
import com.casewire.config.HubProperties;
import com.casewire.notify.OptOutList;
import com.casewire.outbox.MessageKind;
import com.casewire.outbox.OutboundChannel;
import com.casewire.outbox.OutboundMessage;
import com.casewire.vendor.RatePacer;
import com.casewire.vendor.VendorException;
import com.casewire.vendor.VendorHttp;
import com.casewire.vendor.VendorRoutes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * SMS through Twilio's Messages resource: {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json},
 * form encoded, HTTP Basic with the Account SID and Auth Token, sent by the Camel route {@code outbound-sms}
 * (camel-http). Paced at {@code hub.twilio.messages-per-second}. Error bodies are {"code","message","more_info","status"}.
 * Looking a message up (an unknown outcome) reads the Messages list directly ({@link VendorHttp}).
 */
@Component
class TwilioSmsChannel implements OutboundChannel {

    static final String VENDOR = "twilio";
    /** The recipient replied STOP: Twilio refuses every message to them until they reply START. */
    static final String UNSUBSCRIBED = "21610";

    /** How far Twilio's clock may be behind ours when matching a message's creation time. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(2);
    static final int LOOKUP_PAGE_SIZE = 50;
    /** The status callback's query parameter naming the outbox row's idempotency key. */
    static final String OUTBOX_KEY = "outbox";
    static final int LOOKUP_MAX_PAGES = 20;
    static final double LOOKUPS_PER_SECOND = 10;
    /** The Camel route that sends one text (camel/outbound-twilio.camel.yaml). */
    static final String SEND_ROUTE = "direct:outbound-sms";

    private final HubProperties hub;
    private final TwilioProperties twilio;
    private final VendorHttp http;
    private final VendorRoutes calls;
    private final RatePacer pacer;
    private final RatePacer lookups;
    private final ObjectMapper json;
    private final OptOutList optOuts;
    private final Clock clock;
    private final String authorization;
    private final URI messagesUri;

    TwilioSmsChannel(HubProperties hub, TwilioProperties twilio, VendorHttp http, VendorRoutes calls, ObjectMapper json,
                     OptOutList optOuts, Clock clock) {
        this.hub = hub;
        this.twilio = twilio;
        this.http = http;
        this.calls = calls;
        this.json = json;
        this.optOuts = optOuts;
        this.clock = clock;
        this.pacer = new RatePacer(VENDOR, twilio.messagesPerSecond());
        // reading the Messages list is not sending: it must not spend the sender's one-message-a-second budget and
        // hold up texts after a restart; our own pace, as Twilio publishes no read limit in the contract we follow
        this.lookups = new RatePacer(VENDOR, LOOKUPS_PER_SECOND);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (twilio.accountSid() + ":" + twilio.authToken()).getBytes(StandardCharsets.UTF_8));
        this.messagesUri = URI.create(twilio.baseUrl() + "/2010-04-01/Accounts/" + twilio.accountSid() + "/Messages.json");
    }

    @Override
    public MessageKind kind() {
        return MessageKind.SMS;
    }

    @Override
    public String vendor() {
        return VENDOR;
    }


    RatePacer pacer() {
        return pacer;
    }

    @Override
    public String send(OutboundMessage message, String idempotencyKey) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", message.to());
        form.put("From", twilio.fromNumber());
        form.put("Body", message.body());
        if (hub.publicBaseUrl().startsWith("https://")) {
            // the row's key rides along, so a status callback for a send the hub lost track of settles that row
            form.put("StatusCallback", hub.publicBaseUrl() + "/webhooks/twilio/message-status?" + OUTBOX_KEY + "="
                    + URLEncoder.encode(idempotencyKey, StandardCharsets.UTF_8));
        }
        try {
            // through the route outbound-sms (camel-http). 401/403: wrong credentials are an operator's fix, not the
            // recipient's fault: retried, then dead-lettered
            String body = calls.call(VENDOR, pacer, SEND_ROUTE, Map.of("Authorization", authorization,
                    "Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"), encode(form),
                    this::errorDetail, 401, 403);
            return read(body).path("sid").asText();
        } catch (VendorException e) {
            if (UNSUBSCRIBED.equals(e.vendorCode())) {
                optOuts.optOut(Channel.SMS, message.to(), "twilio-21610", clock.instant());
            }
            throw e;
        }
    }

    /**
     * Looks the message up in Twilio's Messages list, filtered by {@code To} and {@code From}, newest first: a message
     * with the same body created since the unknown attempt was claimed (less {@link #CLOCK_SKEW}) is this one, unless
     * another row holds its SID. Paging stops at the first message older than that. Not filtered by
     * {@code DateSent}: a message still queued at Twilio has no date sent yet and would be missed, then sent twice.
     */
    @Override
    public Optional<String> findSent(OutboundMessage message, String idempotencyKey, Instant claimedAt,
                                     Predicate<String> heldByAnotherRow) {
        Instant since = claimedAt.minus(CLOCK_SKEW);
        String query = "?To=" + URLEncoder.encode(message.to(), StandardCharsets.UTF_8)
                + "&From=" + URLEncoder.encode(twilio.fromNumber(), StandardCharsets.UTF_8) + "&PageSize=" + LOOKUP_PAGE_SIZE;
        URI page = URI.create(messagesUri + query);
        for (int pages = 0; page != null && pages < LOOKUP_MAX_PAGES; pages++) {
            HttpRequest request = http.request(page).header("Authorization", authorization)
                    .header("Accept", "application/json").GET().build();
            // any failure to answer (401 included) leaves the outcome unknown: asked again later, never guessed
            JsonNode list = read(http.send(VENDOR, lookups, request, this::errorDetail, 400, 401, 403, 404).body());
            boolean older = false;
            for (JsonNode sent : list.path("messages")) {
                Instant created = createdAt(sent.path("date_created").asText(null));
                if (created != null && created.isBefore(since)) {
                    older = true;
                    continue;
                }
                String sid = sent.path("sid").asText("");
                if (!sid.isEmpty() && message.to().equals(sent.path("to").asText()) && sameBody(message.body(), sent.path("body").asText())
                        && !heldByAnotherRow.test(sid)) {
                    return Optional.of(sid);
                }
            }
            String next = list.path("next_page_uri").asText("");
            page = older || next.isEmpty() || "null".equals(next) ? null : URI.create(twilio.baseUrl() + next);
        }
        return Optional.empty();
    }

    /** Twilio's {@code date_created}, an RFC 2822 date ("Wed, 18 Aug 2010 20:01:40 +0000"); null when unreadable. */
    static Instant createdAt(String value) {
        try {
            return value == null ? null : ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Twilio keeps the body as sent; line endings may come back normalised. */
    static boolean sameBody(String ours, String theirs) {
        return ours.replace("\r\n", "\n").strip().equals(theirs.replace("\r\n", "\n").strip());
    }

    private VendorHttp.ErrorDetail errorDetail(String body) {
        JsonNode error = read(body);
        return new VendorHttp.ErrorDetail(error.path("code").isMissingNode() ? null : error.path("code").asText(),
                error.path("message").asText(null));
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new VendorException(VENDOR, false, 0, null, "response is not JSON", null, e);
        }
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
