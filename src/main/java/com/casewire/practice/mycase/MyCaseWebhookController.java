package com.casewire.practice.mycase;

import com.casewire.inbox.WebhookBodies;
import com.casewire.inbox.WebhookProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/mycase}: MyCase's delivery format and signature are unconfirmed, so a delivery is only a
 * hint that something changed. Its body is neither trusted nor stored: the hub polls MyCase soon (hints arriving
 * meanwhile share that poll) and the poll's records are what it acts on. A forged hint costs one poll, nothing
 * more. 202 when a poll is scheduled; 404 when MyCase is not the practice-management system (no such endpoint on
 * this hub; a 5xx would ask the sender to retry something that can never succeed).
 */
@RestController
class MyCaseWebhookController {

    private final WebhookProperties webhooks;
    private final MyCasePoller poller;

    MyCaseWebhookController(WebhookProperties webhooks, MyCasePoller poller) {
        this.webhooks = webhooks;
        this.poller = poller;
    }

    @PostMapping(path = "/webhooks/mycase")
    ResponseEntity<Map<String, Object>> receive(HttpServletRequest request) throws IOException {
        if (!poller.enabled()) {
            return WebhookBodies.refused("mycase", HttpStatus.NOT_FOUND, "not_configured",
                    "MyCase is not the practice-management system of this hub (hub.practice-management)");
        }
        Optional<byte[]> body = WebhookBodies.read(request, webhooks.maxBodyBytes());
        if (body.isEmpty()) {
            return WebhookBodies.tooLarge("mycase", webhooks.maxBodyBytes());
        }
        poller.pollSoon();
        return ResponseEntity.status(HttpStatus.ACCEPTED).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("status", "poll_scheduled"));
    }
}
