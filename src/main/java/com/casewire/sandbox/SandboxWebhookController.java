package com.casewire.sandbox;

import java.time.Instant;
import org.springframework.context.annotation.Profile;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A webhook target for the durable webhook channel ({@code direct:outbox-webhook}): {@code POST /sandbox/webhooks/{name}}
 * keeps the body and answers 200 {@code ok}, as Slack's incoming webhooks do, so a recipe that posts to Slack can point
 * {@code firm.slack-webhook-url} here and show the post on the sandbox page and in its route test.
 */
@RestController
@Profile("sandbox")
class SandboxWebhookController {

    private final SandboxState state;

    SandboxWebhookController(SandboxState state) {
        this.state = state;
    }

    @PostMapping("/sandbox/webhooks/{name}")
    ResponseEntity<String> receive(@PathVariable String name, @RequestBody(required = false) String body) {
        state.webhooks.add(new SandboxState.Webhook(name, body == null ? "" : body, Instant.now()));
        return ResponseEntity.ok("ok");
    }
}
