package com.casewire.practice.clio;

import com.casewire.config.HubProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps one Clio webhook per model in {@code hub.clio.webhook-models} pointing at
 * {@code hub.public-base-url}/webhooks/clio: creates the missing ones, renews those that expire within
 * 7 days (Clio allows at most 31), and records each webhook's model so deliveries can be normalised.
 * Run on start and daily by the {@code clio-ensure-webhooks} route. Clio only accepts https URLs.
 */
@Component("clioWebhookSubscriptions")
public class ClioWebhookSubscriptions {

    private static final Logger log = LoggerFactory.getLogger(ClioWebhookSubscriptions.class);
    static final Duration LIFETIME = Duration.ofDays(31);
    static final Duration RENEW_WITHIN = Duration.ofDays(7);
    static final String LIST_FIELDS = "id,etag,url,model,status,events,expires_at";

    /**
     * Fields each model's deliveries carry: what the milestone rules test (task name and status, document name
     * and category, calendar entry summary and start, activity note, matter status and custom fields) and the
     * matter id; the matter with its client is fetched when a delivery lacks it.
     */
    static final Map<String, String> DELIVERY_FIELDS = Map.of(
            "matter", ClioMatterMapper.MATTER_FIELDS,
            "task", "id,etag,name,status,completed_at,matter{id}",
            "document", "id,etag,name,created_at,document_category{id,name},matter{id}",
            "calendar_entry", "id,etag,summary,start_at,end_at,matter{id}",
            "activity", "id,etag,type,date,quantity,note,matter{id},user{id}");

    private final ClioClient clio;
    private final ClioWebhookSecrets webhooks;
    private final HubProperties hub;
    private final ClioProperties settings;
    private final Clock clock;

    ClioWebhookSubscriptions(ClioClient clio, ClioWebhookSecrets webhooks, HubProperties hub, ClioProperties settings,
                             Clock clock) {
        this.clio = clio;
        this.webhooks = webhooks;
        this.hub = hub;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Creates or renews what is needed; returns how many webhooks it created or renewed. Every model is tried: a
     * model Clio refuses (say the token lacks the Documents scope) is logged and the others are still subscribed;
     * then {@link Incomplete} names every refused model, so the run counts as failed.
     */
    public int ensure() {
        if (!settings.manageWebhooks() || !"clio".equals(hub.practiceManagement())) {
            return 0;
        }
        String url = hub.publicBaseUrl() + "/webhooks/clio";
        if (!url.startsWith("https://")) {
            log.warn("Clio webhooks not managed: Clio accepts only https URLs and hub.public-base-url is {}",
                    hub.publicBaseUrl());
            return 0;
        }
        List<JsonNode> existing = clio.listAll("/webhooks.json", LIST_FIELDS);
        Instant now = clock.instant();
        int changed = 0;
        Map<String, RuntimeException> failed = new LinkedHashMap<>();
        for (String model : settings.webhookModels()) {
            try {
                if (ensure(model, url, existing, now)) {
                    changed++;
                }
            } catch (RuntimeException e) {
                log.warn("Clio webhook for {} not created or renewed: {}", model, e.getMessage());
                failed.put(model, e);
            }
        }
        if (!failed.isEmpty()) {
            throw new Incomplete(failed, settings.webhookModels().size(), changed);
        }
        return changed;
    }

    /** One model's webhook: created, renewed, or recorded as it is; true when created or renewed. */
    private boolean ensure(String model, String url, List<JsonNode> existing, Instant now) {
        JsonNode ours = existing.stream()
                .filter(w -> url.equals(w.path("url").asText()) && model.equals(w.path("model").asText())
                        && !"suspended".equals(w.path("status").asText()))
                .findFirst().orElse(null);
        Instant expires = now.plus(LIFETIME).truncatedTo(ChronoUnit.SECONDS);
        if (ours == null) {
            JsonNode created = clio.createWebhook(url, model, events(model), fields(model), iso(expires));
            webhooks.subscribed(created.path("id").asLong(), model, expires);
            log.info("created Clio webhook {} for {}", created.path("id").asLong(), model);
            return true;
        }
        if (expiresSoon(ours, now)) {
            clio.renewWebhook(ours.path("id").asLong(), iso(expires));
            webhooks.subscribed(ours.path("id").asLong(), model, expires);
            log.info("renewed Clio webhook {} for {} until {}", ours.path("id").asLong(), model, expires);
            return true;
        }
        webhooks.subscribed(ours.path("id").asLong(), model, Instant.parse(normalize(ours.path("expires_at").asText())));
        return false;
    }

    /** Some models have no webhook after a run: each with Clio's answer (the causes are attached as suppressed). */
    static final class Incomplete extends RuntimeException {

        private final Map<String, String> failures;

        Incomplete(Map<String, RuntimeException> failed, int models, int changed) {
            super("Clio webhooks missing for " + failed.size() + " of " + models + " models ("
                    + failed.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue().getMessage())
                    .collect(Collectors.joining("; ")) + "); the other models are in place (" + changed
                    + " created or renewed in this run)");
            Map<String, String> byModel = new LinkedHashMap<>();
            failed.forEach((model, e) -> {
                byModel.put(model, String.valueOf(e.getMessage()));
                addSuppressed(e);
            });
            this.failures = Collections.unmodifiableMap(byModel);
        }

        /** Model → Clio's error, in the configured order. */
        Map<String, String> failures() {
            return failures;
        }
    }

    static List<String> events(String model) {
        return "matter".equals(model)
                ? List.of("created", "updated", "deleted", "matter_opened", "matter_pended", "matter_closed")
                : List.of("created", "updated", "deleted");
    }

    static String fields(String model) {
        return DELIVERY_FIELDS.getOrDefault(model, "id,etag");
    }

    private static boolean expiresSoon(JsonNode webhook, Instant now) {
        String at = webhook.path("expires_at").asText(null);
        return at == null || Instant.parse(normalize(at)).isBefore(now.plus(RENEW_WITHIN));
    }

    private static String normalize(String iso) {
        return OffsetDateTime.parse(iso).toInstant().toString();
    }

    private static String iso(Instant at) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atOffset(ZoneOffset.UTC));
    }
}
