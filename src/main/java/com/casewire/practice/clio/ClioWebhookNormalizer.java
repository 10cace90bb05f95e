package com.casewire.practice.clio;

import com.casewire.canonical.Matter;
import com.casewire.canonical.MatterEvent;
import com.casewire.inbox.UnprocessableEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * Turns a stored Clio webhook delivery ({"data":{...},"meta":{"event","webhook_id"}}) into a canonical
 * {@link MatterEvent} whose details carry the record's fields the milestone rules test (task name and
 * status, document name and category, calendar entry summary and start, activity note and type, matter
 * status). When the delivery lacks the client's contact details, one GET /matters/{id}.json with nested
 * fields brings matter, client, attorney and custom fields together.
 */
@Component("clioWebhookNormalizer")
public class ClioWebhookNormalizer {

    private final ObjectMapper json;
    private final ClioWebhookSecrets webhooks;
    private final ClioMatters matters;

    ClioWebhookNormalizer(ObjectMapper json, ClioWebhookSecrets webhooks, ClioMatters matters) {
        this.json = json;
        this.webhooks = webhooks;
        this.matters = matters;
    }

    public MatterEvent normalize(String payload, @Header("casewireDedupeKey") String dedupeKey,
                                 @Header("casewireReceivedAt") Instant receivedAt) throws IOException {
        JsonNode delivery = json.readTree(payload);
        JsonNode data = delivery.path("data");
        JsonNode meta = delivery.path("meta");
        String model = modelOf(meta, data);
        JsonNode matterData = "matter".equals(model) ? data : data.path("matter");
        String matterId = matterData.path("id").asText(null);
        if (matterId == null) {
            throw new UnprocessableEvent("Clio " + model + " " + data.path("id").asText() + " names no matter");
        }
        Matter matter = ClioMatterMapper.hasClientContactDetails(matterData)
                ? matters.fromData(matterData)
                : matters.find(matterId)
                        .orElseThrow(() -> new UnprocessableEvent("Clio matter " + matterId + " does not exist"));
        return new MatterEvent("clio", model, meta.path("event").asText(), data.path("id").asText(), dedupeKey, matter,
                receivedAt, ClioMatterMapper.details(model, data));
    }

    /**
     * Clio's delivery does not name the model; the hub knows it from the webhook subscription. A delivery
     * from an unknown webhook is a matter when its data carries no nested matter.
     */
    private String modelOf(JsonNode meta, JsonNode data) {
        if (meta.path("webhook_id").canConvertToLong()) {
            String known = webhooks.modelOf(meta.path("webhook_id").asLong());
            if (known != null && !known.isBlank()) {
                return known;
            }
        }
        return data.path("matter").isObject() ? "record" : "matter";
    }
}
