package com.casewire.inbound;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * What every webhook endpoint shares: reading the raw body under a size limit, and the JSON bodies the
 * inbound edge answers with ({"error": code, "message": text} or a status).
 */
public final class WebhookBodies {

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

    public static ResponseEntity<Map<String, Object>> tooLarge(int maxBytes) {
        return error(HttpStatus.PAYLOAD_TOO_LARGE, "body_too_large", "request body exceeds " + maxBytes + " bytes");
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
