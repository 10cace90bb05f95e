package com.casewire.notify;

import com.casewire.canonical.Notification;
import com.casewire.schedule.TimerHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/** Releases a notification held for quiet hours: it goes through {@code direct:notify} again. */
@Component
class NotifyReleaseTimer implements TimerHandler {

    private final ProducerTemplate camel;
    private final ObjectMapper json;

    NotifyReleaseTimer(ProducerTemplate camel, ObjectMapper json) {
        this.camel = camel;
        this.json = json;
    }

    @Override
    public String kind() {
        return Notifier.RELEASE_TIMER;
    }

    @Override
    public void run(String actionKey, String payload) {
        try {
            camel.sendBody("direct:notify", json.readValue(payload, Notification.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("held notification " + actionKey + " is unreadable", e);
        }
    }
}
