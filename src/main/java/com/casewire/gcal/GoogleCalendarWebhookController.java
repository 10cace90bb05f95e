package com.casewire.gcal;

import com.casewire.inbox.SecurityEvents;
import com.casewire.inbox.WebhookBodies;
import com.casewire.inbox.WebhookProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/google-calendar}: Google Calendar push notifications. They carry no event data and no
 * signature, only headers: {@code X-Goog-Channel-ID} names the channel, {@code X-Goog-Channel-Token} must equal the
 * token the hub gave that channel (its SHA-256 compared in constant time; 401 when missing, 403 when unknown or different, both
 * recorded as security events). {@code X-Goog-Resource-State: sync} (the first message after a watch) is
 * acknowledged; {@code exists} and {@code not_exists} become a durable sync request (a timer due now, keyed on
 * channel and {@code X-Goog-Message-Number}, so a redelivery asks once) before the 200, and the timer poller runs
 * the incremental sync.
 */
@RestController
class GoogleCalendarWebhookController {

    static final String SOURCE = "google-calendar";

    private final GoogleProperties google;
    private final WebhookProperties webhooks;
    private final GcalChannelStore channels;
    private final CalendarChanges changes;
    private final SecurityEvents security;

    GoogleCalendarWebhookController(GoogleProperties google, WebhookProperties webhooks, GcalChannelStore channels,
                                    CalendarChanges changes, SecurityEvents security) {
        this.google = google;
        this.webhooks = webhooks;
        this.channels = channels;
        this.changes = changes;
        this.security = security;
    }

    @PostMapping(path = GcalPushChannels.PATH)
    ResponseEntity<Map<String, Object>> receive(HttpServletRequest request) throws IOException {
        if (!google.enabled()) {
            return WebhookBodies.refused(SOURCE, HttpStatus.SERVICE_UNAVAILABLE, "not_configured",
                    "Google Calendar is not configured on this hub (hub.google.calendar-ids is empty)");
        }
        if (WebhookBodies.read(request, webhooks.maxBodyBytes()).isEmpty()) {
            return WebhookBodies.tooLarge(SOURCE, webhooks.maxBodyBytes());
        }
        String channelId = request.getHeader("X-Goog-Channel-ID");
        String token = request.getHeader("X-Goog-Channel-Token");
        if (isBlank(channelId) || isBlank(token)) {
            security.record(SOURCE, "missing_token", request.getRemoteAddr(), "X-Goog-Channel-ID or X-Goog-Channel-Token missing");
            return WebhookBodies.error(HttpStatus.UNAUTHORIZED, "missing_token",
                    "X-Goog-Channel-ID and X-Goog-Channel-Token are required");
        }
        Optional<GcalChannelStore.Channel> channel = channelId.length() > 64 ? Optional.empty()
                : channels.find(channelId);
        if (channel.isEmpty() || !channel.get().accepts(token)) {
            security.record(SOURCE, channel.isEmpty() ? "unknown_channel" : "invalid_token", request.getRemoteAddr(),
                    "X-Goog-Channel-Token did not match for channel " + abbreviate(channelId));
            return WebhookBodies.error(HttpStatus.FORBIDDEN, "invalid_token",
                    "X-Goog-Channel-Token does not match the channel");
        }
        String state = request.getHeader("X-Goog-Resource-State");
        if ("exists".equals(state) || "not_exists".equals(state)) {
            String number = request.getHeader("X-Goog-Message-Number");
            String hint = channelId + ":" + (isBlank(number) || number.length() > 40 ? "t" + System.nanoTime() : number.strip());
            changes.requestSync(channel.get().calendarId(), hint);
            return WebhookBodies.accepted("sync_requested", null);
        }
        return WebhookBodies.accepted("sync".equals(state) ? "acknowledged" : "ignored", null);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "...";
    }
}
