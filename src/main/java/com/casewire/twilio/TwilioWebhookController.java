package com.casewire.twilio;

import com.casewire.audit.CommunicationLog;
import com.casewire.canonical.Channel;
import com.casewire.config.HubProperties;
import com.casewire.inbox.InboxProcessor;
import com.casewire.inbox.InboxStore.NewDelivery;
import com.casewire.inbox.InboxStore;
import com.casewire.inbox.SecurityEvents;
import com.casewire.inbox.WebhookBodies;
import com.casewire.inbox.WebhookProperties;
import com.casewire.notify.OptOutList;
import com.casewire.outbox.OutboxSender;
import com.casewire.vendor.Sha256;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's webhooks. Every request is checked against {@code X-Twilio-Signature} for
 * {@code hub.public-base-url} + the path Twilio called (and its query); a request that fails gets 403 and a
 * security event. Before that: a body over {@code hub.webhooks.max-body-bytes} gets 413, one that is not
 * {@code application/x-www-form-urlencoded} (Twilio sends nothing else to these endpoints) 415, and one whose form
 * encoding is broken ({@code Body=%ZZ}) 400; each refusal is a security event (one log line with the reason). A
 * verified request whose ids are not Twilio-shaped (a SID of letters and digits, a status word) gets 400.
 * <ul>
 *   <li>{@code /webhooks/twilio/sms}: an inbound text. Stored in the inbox (deduped on MessageSid) and
 *       answered with empty TwiML; the opt-out list and the matter are updated by the
 *       {@code hub-record-inbound-sms} route.</li>
 *   <li>{@code /webhooks/twilio/voice-status}: a call status callback, stored in the inbox (deduped on
 *       CallSid + CallStatus) and normalised to a {@code CallEvent} on {@code direct:call-event}.</li>
 *   <li>{@code /webhooks/twilio/message-status}: a delivery status for a message the hub sent. Recorded
 *       on the communication log before the 200; a 21610 error records the opt-out. The callback URL names the
 *       outbox row ({@code ?outbox=key}): a row whose send had an unknown outcome is recorded as sent.</li>
 * </ul>
 */
@RestController
class TwilioWebhookController {

    static final String SMS_SOURCE = "twilio-sms";
    static final String VOICE_SOURCE = "twilio-voice";
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";
    /** Twilio SIDs are two letters and 32 hex digits; tests and Twilio's own examples use shorter ones. */
    private static final Pattern SID = Pattern.compile("[A-Za-z0-9]{2,64}");
    /** CallStatus and MessageStatus values: lower-case words with hyphens (no-answer, in-progress, undelivered). */
    private static final Pattern STATUS = Pattern.compile("[a-z][a-z_-]{0,31}");

    private final HubProperties hub;
    private final TwilioProperties twilio;
    private final WebhookProperties webhooks;
    private final InboxStore inbox;
    private final InboxProcessor processor;
    private final SecurityEvents security;
    private final CommunicationLog commLog;
    private final OptOutList optOuts;
    private final OutboxSender outbox;
    private final Clock clock;

    TwilioWebhookController(HubProperties hub, TwilioProperties twilio, WebhookProperties webhooks, InboxStore inbox,
                            InboxProcessor processor, SecurityEvents security, CommunicationLog commLog, OptOutList optOuts, OutboxSender outbox, Clock clock) {
        this.hub = hub;
        this.twilio = twilio;
        this.webhooks = webhooks;
        this.inbox = inbox;
        this.processor = processor;
        this.security = security;
        this.commLog = commLog;
        this.optOuts = optOuts;
        this.outbox = outbox;
        this.clock = clock;
    }

    @PostMapping(path = "/webhooks/twilio/sms")
    ResponseEntity<?> inboundSms(HttpServletRequest request) throws IOException {
        Verified verified = verify(request);
        if (verified.refusal() != null) {
            return verified.refusal();
        }
        String sid = FormBody.first(verified.params(), "MessageSid");
        if (sid == null || FormBody.first(verified.params(), "From") == null) {
            return WebhookBodies.refused("twilio", HttpStatus.BAD_REQUEST, "invalid_request",
                    "MessageSid and From are required");
        }
        if (!SID.matcher(sid).matches()) {
            return WebhookBodies.error(HttpStatus.BAD_REQUEST, "invalid_request", "MessageSid must be a Twilio SID");
        }
        // a sender's texts in the order they came (a reply, then STOP)
        inbox.insert(new NewDelivery(SMS_SOURCE, sid, "inbound-sms", verified.body(), clock.instant(),
                sequenceKey("sms-from", FormBody.first(verified.params(), "From")))).ifPresent(processor::dispatch);
        return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(EMPTY_TWIML);
    }

    /** {@code prefix:value}, or a digest of the value where it is too long to be a key (a hostile From). */
    static String sequenceKey(String prefix, String value) {
        return value.length() <= 64 ? "twilio-" + prefix + ":" + value : "twilio-" + prefix + ":sha256:" + Sha256.hex(value);
    }

    @PostMapping(path = "/webhooks/twilio/voice-status")
    ResponseEntity<?> voiceStatus(HttpServletRequest request) throws IOException {
        Verified verified = verify(request);
        if (verified.refusal() != null) {
            return verified.refusal();
        }
        String sid = FormBody.first(verified.params(), "CallSid");
        String status = FormBody.first(verified.params(), "CallStatus");
        if (sid == null || status == null || FormBody.first(verified.params(), "From") == null) {
            return WebhookBodies.refused("twilio", HttpStatus.BAD_REQUEST, "invalid_request",
                    "CallSid, CallStatus and From are required");
        }
        if (!SID.matcher(sid).matches() || !STATUS.matcher(status).matches()) {
            return WebhookBodies.error(HttpStatus.BAD_REQUEST, "invalid_request",
                    "CallSid must be a Twilio SID and CallStatus a Twilio call status");
        }
        // a call's statuses in the order they came (ringing before no-answer)
        inbox.insert(new NewDelivery(VOICE_SOURCE, sid + ":" + status, "call-" + status, verified.body(), clock.instant(),
                "twilio-call:" + sid)).ifPresent(processor::dispatch);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/webhooks/twilio/message-status")
    ResponseEntity<?> messageStatus(HttpServletRequest request) throws IOException {
        Verified verified = verify(request);
        if (verified.refusal() != null) {
            return verified.refusal();
        }
        String sid = FormBody.first(verified.params(), "MessageSid");
        String status = FormBody.first(verified.params(), "MessageStatus");
        if (sid == null || status == null) {
            return WebhookBodies.refused("twilio", HttpStatus.BAD_REQUEST, "invalid_request",
                    "MessageSid and MessageStatus are required");
        }
        if (!SID.matcher(sid).matches() || !STATUS.matcher(status).matches()) {
            return WebhookBodies.error(HttpStatus.BAD_REQUEST, "invalid_request",
                    "MessageSid must be a Twilio SID and MessageStatus a Twilio message status");
        }
        // a send whose outcome the hub lost (a crash, a time-out) is settled by Twilio's word before the status is recorded
        outboxKey(request.getQueryString()).ifPresent(key -> outbox.settleFromVendor(key, sid));
        commLog.recordDeliveryStatus(sid, status, clock.instant());
        String to = FormBody.first(verified.params(), "To");
        if (TwilioSmsChannel.UNSUBSCRIBED.equals(FormBody.first(verified.params(), "ErrorCode")) && to != null) {
            optOuts.optOut(Channel.SMS, to, "twilio-21610", clock.instant());
        }
        return ResponseEntity.noContent().build();
    }

    /** The outbox row's key that {@link TwilioSmsChannel} put in the StatusCallback URL, if any. */
    static Optional<String> outboxKey(String query) {
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(TwilioSmsChannel.OUTBOX_KEY + "=")) {
                try {
                    return Optional.of(URLDecoder.decode(pair.substring(TwilioSmsChannel.OUTBOX_KEY.length() + 1),
                            StandardCharsets.UTF_8)).filter(key -> !key.isBlank());
                } catch (IllegalArgumentException malformed) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private record Verified(String body, Map<String, List<String>> params, ResponseEntity<?> refusal) {
    }

    private Verified verify(HttpServletRequest request) throws IOException {
        Optional<byte[]> raw = WebhookBodies.read(request, webhooks.maxBodyBytes());
        if (raw.isEmpty()) {
            return new Verified(null, null, WebhookBodies.tooLarge("twilio", webhooks.maxBodyBytes()));
        }
        if (!isForm(request.getContentType())) {
            return refuse(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "Content-Type must be application/x-www-form-urlencoded, not " + request.getContentType());
        }
        String body = new String(raw.get(), StandardCharsets.UTF_8);
        Map<String, List<String>> params;
        try {
            params = FormBody.parse(body);
        } catch (FormBody.Malformed e) {
            return refuse(request, HttpStatus.BAD_REQUEST, "malformed_body",
                    "the body is not valid application/x-www-form-urlencoded: " + e.getMessage());
        }
        String url = hub.publicBaseUrl() + request.getRequestURI()
                + (request.getQueryString() != null ? "?" + request.getQueryString() : "");
        String signature = request.getHeader("X-Twilio-Signature");
        if (!TwilioSignature.validate(twilio.authToken(), url, params, signature)) {
            security.record("twilio", signature == null ? "missing_signature" : "invalid_signature", request.getRemoteAddr(),
                    request.getRequestURI() + ": X-Twilio-Signature did not verify for " + url);
            return new Verified(body, params, WebhookBodies.error(HttpStatus.FORBIDDEN, "invalid_signature",
                    "X-Twilio-Signature is missing or does not match"));
        }
        return new Verified(body, params, null);
    }

    private Verified refuse(HttpServletRequest request, HttpStatus status, String code, String reason) {
        security.record("twilio", code, request.getRemoteAddr(), request.getRequestURI() + ": " + reason);
        return new Verified(null, null, WebhookBodies.error(status, code, reason));
    }

    private static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
