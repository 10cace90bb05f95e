package com.casewire.inbound;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The JSON bodies the inbound edge answers with: {"error": code, "message": text} or a status. */
final class WebhookResponses {

    private WebhookResponses() {
    }

    static ResponseEntity<Map<String, Object>> error(HttpStatus status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    static ResponseEntity<Map<String, Object>> accepted(String status, Long inboxId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        if (inboxId != null) {
            body.put("inboxId", inboxId);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
