package com.casewire.intake;

import com.casewire.canonical.Lead;
import com.casewire.canonical.PhoneNumbers;
import com.casewire.inbox.InboxProcessor;
import com.casewire.inbox.InboxStore;
import com.casewire.inbox.SecurityEvents;
import com.casewire.inbox.WebhookBodies;
import com.casewire.inbox.WebhookProperties;
import com.casewire.notify.NotificationProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /intake/web-form}: the firm's website form as JSON ({@code name, phone, email, matterType, summary,
 * source}, optional {@code adverseParty}). Per-IP rate limit first (429 with Retry-After), then validation (400 naming
 * every bad field), then the honeypot: a filled-in {@code website} field is a bot, answered like a person and
 * dropped. A valid form is stored in the inbox (deduplicated on its digest, so a double submit is one contact) and
 * answered 202; the lead is made from the inbox row like any other contact.
 */
@RestController
class WebFormController {

    private static final Logger log = LoggerFactory.getLogger(WebFormController.class);

    static final String SOURCE = "web-form";
    static final String HONEYPOT = "website";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final WebhookProperties webhooks;
    private final IntakeProperties settings;
    private final NotificationProperties notifications;
    private final InboxStore inbox;
    private final InboxProcessor processor;
    private final SecurityEvents security;
    private final ObjectMapper json;
    private final Clock clock;
    private final WebFormRateLimit rateLimit;

    WebFormController(WebhookProperties webhooks, IntakeProperties settings, NotificationProperties notifications,
                      InboxStore inbox, InboxProcessor processor, SecurityEvents security, ObjectMapper json,
                      Clock clock, WebFormRateLimit rateLimit) {
        this.webhooks = webhooks;
        this.settings = settings;
        this.notifications = notifications;
        this.inbox = inbox;
        this.processor = processor;
        this.security = security;
        this.json = json;
        this.clock = clock;
        this.rateLimit = rateLimit;
    }

    @PostMapping(path = "/intake/web-form")
    ResponseEntity<?> submit(HttpServletRequest request) throws IOException {
        Optional<Duration> wait = rateLimit.acquire(request.getRemoteAddr());
        if (wait.isPresent()) {
            security.record("intake", "web_form_rate_limited", request.getRemoteAddr(), "more than "
                    + settings.webFormMaxPerIp() + " forms in " + settings.webFormWindow());
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", String.valueOf(Math.max(1, wait.get().toSeconds())))
                    .body(Map.of("error", "rate_limited", "message", "too many forms from this address; try again later"));
        }
        Optional<byte[]> raw = WebhookBodies.read(request, webhooks.maxBodyBytes());
        if (raw.isEmpty()) {
            return WebhookBodies.tooLarge(SOURCE, webhooks.maxBodyBytes());
        }
        if (!isJson(request.getContentType())) {
            // text/plain would let any web page post the form cross-site without a CORS preflight
            security.record("intake", "web_form_media_type", request.getRemoteAddr(),
                    "Content-Type " + request.getContentType() + " refused");
            return WebhookBodies.error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "the form must be posted as application/json");
        }
        JsonNode form;
        try {
            form = json.readTree(raw.get());
        } catch (IOException e) {
            return WebhookBodies.refused(SOURCE, HttpStatus.BAD_REQUEST, "invalid_json", "the body must be a JSON object");
        }
        if (form == null || !form.isObject()) {
            return WebhookBodies.refused(SOURCE, HttpStatus.BAD_REQUEST, "invalid_json", "the body must be a JSON object");
        }
        Map<String, String> problems = new LinkedHashMap<>();
        String name = field(form, "name", 200, problems);
        String phoneRaw = field(form, "phone", 40, problems);
        String email = field(form, "email", 320, problems);
        String matterType = field(form, "matterType", 100, problems);
        String summary = text(form, "summary", 4000, problems);
        String source = field(form, "source", 100, problems);
        String adverse = field(form, "adverseParty", 300, problems);
        if (name == null && !problems.containsKey("name")) {
            problems.put("name", "is required");
        }
        String phone = null;
        if (phoneRaw != null) {
            PhoneNumbers.Check checked = PhoneNumbers.check(phoneRaw, notifications.defaultPhoneRegion());
            phone = checked.e164();
            if (phone == null) {
                problems.put("phone", checked.problem() + "; give a number we can text (such as +1 201 555 0100 or "
                        + "201-555-0100)");
            }
        }
        if (email != null && !EMAIL.matcher(email).matches()) {
            problems.put("email", "is not an email address");
        }
        if (phoneRaw == null && email == null && !problems.containsKey("phone") && !problems.containsKey("email")) {
            problems.put("phone", "or email is required, so we can reach you");
        }
        if (!problems.isEmpty()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "invalid_request");
            body.put("message", "please correct: " + String.join("; ", problems.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).toList()));
            body.put("fields", problems);
            // the fields' names only: their values are what a person typed
            log.info("refused {} request: 400 invalid_request: fields {}", SOURCE, problems.keySet());
            return ResponseEntity.badRequest().body(body);
        }
        if (form.hasNonNull(HONEYPOT) && !form.path(HONEYPOT).asText().isBlank()) {
            security.record("intake", "web_form_honeypot", request.getRemoteAddr(), "honeypot field filled in: dropped");
            return accepted();
        }
        ObjectNode lead = json.createObjectNode();
        lead.put("name", name);
        lead.put("phone", phone);
        lead.put("email", email == null ? null : email.toLowerCase(java.util.Locale.ROOT));
        lead.put("matterType", matterType);
        lead.put("summary", summary);
        lead.put("source", source);
        lead.put("adverseParty", adverse);
        String payload = lead.toString();
        inbox.insert(SOURCE, "sha256:" + sha256(payload), SOURCE, payload, clock.instant()).ifPresent(processor::dispatch);
        return accepted();
    }

    private static ResponseEntity<?> accepted() {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("status", "received",
                "message", "Thank you. We received your request; an attorney's team will respond shortly."));
    }

    /**
     * A one-line field: these end up in message greetings, email display names, calendar titles and task names, so
     * control characters (CR/LF would start a new mail header) and template or expression syntax ({@code {{...}}},
     * {@code ${...}}) are refused rather than carried along. The summary is free text and only length-checked.
     */
    private static String field(JsonNode form, String field, int max, Map<String, String> problems) {
        String text = text(form, field, max, problems);
        if (text == null) {
            return null;
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            problems.put(field, "must be one line without control characters");
            return null;
        }
        if (text.contains("{{") || text.contains("}}") || text.contains("${")) {
            problems.put(field, "must not contain template or expression syntax ({{ }} or ${ })");
            return null;
        }
        return text;
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_JSON.includes(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static String text(JsonNode form, String field, int max, Map<String, String> problems) {
        JsonNode value = form.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            problems.put(field, "must be text");
            return null;
        }
        String text = value.asText().strip();
        if (text.length() > max) {
            problems.put(field, "is longer than " + max + " characters");
            return null;
        }
        return text.isEmpty() ? null : text;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The normalizer of stored web forms (route {@code intake-normalize-web-form}). */
    @Component("webFormLeads")
    static class Normalizer {

        private final ObjectMapper json;

        Normalizer(ObjectMapper json) {
            this.json = json;
        }

        public Lead normalize(@Body String payload, @Header("casewireDedupeKey") String dedupeKey,
                              @Header("casewireReceivedAt") Instant receivedAt) throws IOException {
            JsonNode f = json.readTree(payload);
            String summary = f.path("summary").asText(null);
            return new Lead(SOURCE, dedupeKey, f.path("phone").asText(null), f.path("name").asText(null),
                    f.path("email").asText(null), f.path("matterType").asText(null), summary,
                    f.path("adverseParty").asText(null), f.hasNonNull("source") ? f.path("source").asText() : SOURCE,
                    "web form" + (summary == null ? "" : ": " + summary), receivedAt);
        }
    }
}
