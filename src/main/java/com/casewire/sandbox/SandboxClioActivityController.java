package com.casewire.sandbox;

import com.casewire.config.HubProperties;
import com.casewire.practice.clio.ClioProperties;
import com.casewire.practice.clio.ClioWebhookVerifier;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Recording time in the Clio simulator as a person does in Clio: {@code POST /sandbox/clio/simulate/time-entry?matterId=
 * &hours=} adds a TimeEntry by the matter's attorney and delivers the activity webhook Clio would send (model activity,
 * event created, the fields the hub subscribes to), signed with {@code hub.clio.webhook-secret}, to
 * {@code /webhooks/clio}.
 */
@RestController
@Profile("sandbox")
class SandboxClioActivityController {

    private final SandboxState state;
    private final HubProperties hub;
    private final ClioProperties clio;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newHttpClient();

    SandboxClioActivityController(SandboxState state, HubProperties hub, ClioProperties clio, ObjectMapper json) {
        this.state = state;
        this.hub = hub;
        this.clio = clio;
        this.json = json;
    }

    @PostMapping("/sandbox/clio/simulate/time-entry")
    ResponseEntity<Map<String, Object>> recordTime(@RequestParam String matterId, @RequestParam BigDecimal hours,
                                                   @RequestParam(defaultValue = "Work on the matter") String note)
            throws IOException, InterruptedException {
        Map<String, Object> matter = state.matters.get(matterId);
        if (matter == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no sandbox matter " + matterId));
        }
        if (hours.signum() <= 0 || hours.compareTo(BigDecimal.valueOf(24)) > 0) {
            return ResponseEntity.badRequest().body(Map.of("error", "hours must be more than 0 and at most 24"));
        }
        String userId = matter.get("responsible_attorney") instanceof Map<?, ?> a ? String.valueOf(a.get("id")) : "77";
        long seconds = hours.multiply(BigDecimal.valueOf(3600)).setScale(0, RoundingMode.HALF_UP).longValueExact();
        long id = state.ids.incrementAndGet();
        String date = LocalDate.now().toString();
        state.timeEntries.add(new SandboxState.TimeEntry(id, matterId, userId, date, seconds, note, Instant.now()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("etag", "\"" + Long.toHexString(id) + "\"");
        data.put("type", "TimeEntry");
        data.put("date", date);
        data.put("quantity", seconds);
        data.put("note", note);
        data.put("matter", Map.of("id", Long.parseLong(matterId)));
        data.put("user", Map.of("id", Long.parseLong(userId)));
        String body = json.writeValueAsString(Map.of("data", data, "meta", Map.of("event", "created", "webhook_id", 4246)));
        String signature = ClioWebhookVerifier.sign(body.getBytes(StandardCharsets.UTF_8), clio.webhookSecret());
        HttpResponse<String> delivered = http.send(HttpRequest.newBuilder(URI.create(hub.publicBaseUrl() + "/webhooks/clio"))
                .header("Content-Type", "application/json").header("X-Hook-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("timeEntryId", id, "seconds", seconds,
                "webhookStatus", delivered.statusCode()));
    }
}
