package com.casewire.practice.mycase;

import com.casewire.config.HubProperties;
import com.casewire.vendor.VendorException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps one MyCase webhook subscription per model in {@code hub.mycase.webhook-models} pointing at
 * {@code hub.public-base-url}/webhooks/mycase (GET and POST /webhooks/subscriptions, body
 * {"model","url","actions":"created,updated,deleted"}). Opt-in with {@code hub.mycase.manage-webhooks}: the
 * subscription API is third-party documented and only some accounts have it. Deliveries are hints that trigger a
 * poll; the poller stays the dependable path. Run on start and daily by the {@code mycase-ensure-webhooks} route.
 */
@Component("myCaseWebhookSubscriptions")
public class MyCaseWebhookSubscriptions {

    private static final Logger log = LoggerFactory.getLogger(MyCaseWebhookSubscriptions.class);
    static final String ACTIONS = "created,updated,deleted";

    private final MyCaseClient mycase;
    private final HubProperties hub;
    private final MyCaseProperties settings;

    MyCaseWebhookSubscriptions(MyCaseClient mycase, HubProperties hub, MyCaseProperties settings) {
        this.mycase = mycase;
        this.hub = hub;
        this.settings = settings;
    }

    /** Creates the missing subscriptions; returns how many it created. */
    public int ensure() {
        if (!settings.manageWebhooks() || !"mycase".equals(hub.practiceManagement())) {
            return 0;
        }
        String url = hub.publicBaseUrl() + "/webhooks/mycase";
        List<JsonNode> existing;
        try {
            existing = mycase.listWebhookSubscriptions();
        } catch (VendorException e) {
            log.warn("MyCase webhook subscriptions are not available on this account ({}); polling carries on alone",
                    e.getMessage());
            return 0;
        }
        int created = 0;
        for (String model : settings.webhookModels()) {
            boolean present = existing.stream().anyMatch(s -> url.equals(s.path("url").asText())
                    && model.equals(s.path("model").asText()));
            if (!present) {
                JsonNode subscription = mycase.createWebhookSubscription(model, url, ACTIONS);
                log.info("created MyCase webhook subscription {} for {}", subscription.path("id").asText("?"), model);
                created++;
            }
        }
        return created;
    }
}
