package com.casewire.inbox;

import com.casewire.audit.LogMask;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * What every webhook endpoint shares: reading the raw body under a size limit, and the JSON bodies the
 * inbound edge answers with ({"error": code, "message": text} or a status). A refusal is logged in one line with
 * its reason ({@link #refused}); a refusal that is a security event is logged by {@link SecurityEvents} instead.
 */
public final class WebhookBodies {

    private static final Logger log = LoggerFactory.getLogger(WebhookBodies.class);

    private WebhookBodies() {
    }

    /** The raw body, or empty when it exceeds {@code maxBytes} (answer 413). */
    public static Optional<byte[]> read(HttpServletRequest request, int maxBytes) throws IOException {
        try {
            return Optional.of(LimitedBody.read(request, maxBytes));
        } catch (LimitedBody.TooLarge e) {
            return Optional.empty();
        }
    }

    public static ResponseEntity<Map<String, Object>> tooLarge(String source, int maxBytes) {
        return refused(source, HttpStatus.PAYLOAD_TOO_LARGE, "body_too_large", "request body exceeds " + maxBytes + " bytes");
    }

    /** The error answer for a refused request, and its one log line (INFO: the sender's mistake, not ours). */
    public static ResponseEntity<Map<String, Object>> refused(String source, HttpStatus status, String code, String message) {
        return refused(source, status, code, message, message);
    }

    /**
     * Like {@link #refused(String, HttpStatus, String, String)}, when the answer's message quotes the body (a parser's
     * complaint does) and the log should only give the reason.
     */
    public static ResponseEntity<Map<String, Object>> refused(String source, HttpStatus status, String code, String message,
                                                              String reason) {
        log.info("refused {} request: {} {}: {}", source, status.value(), code, LogMask.text(reason));
        return error(status, code, message);
    }

    public static ResponseEntity<Map<String, Object>> error(HttpStatus status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    public static ResponseEntity<Map<String, Object>> accepted(String status, Long inboxId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        if (inboxId != null) {
            body.put("inboxId", inboxId);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
