package com.casewire.practice.clio;

import com.casewire.db.InsertOnce;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Secrets that may sign Clio deliveries: the optional static {@code hub.clio.webhook-secret} and one per
 * webhook learned from its X-Hook-Secret activation handshake. Kept in memory after the first read: the
 * list is checked on every delivery.
 */
@Repository
public class ClioWebhookSecrets {

    public enum Learned { NEW, SAME, CONFLICT }

    private static final String SELECT_ALL = "SELECT secret FROM clio_webhook WHERE secret IS NOT NULL";
    private static final String SELECT_ONE = "SELECT secret FROM clio_webhook WHERE webhook_id = :id";
    private static final String MODEL_OF = "SELECT model FROM clio_webhook WHERE webhook_id = :id";
    private static final String INSERT = """
            INSERT INTO clio_webhook (webhook_id, model, secret, learned_at)
            VALUES (:id, :model, :secret, :at)""";
    private static final String SET_SECRET = """
            UPDATE clio_webhook SET secret = :secret, learned_at = :at WHERE webhook_id = :id AND secret IS NULL""";
    private static final String SUBSCRIBED = """
            INSERT INTO clio_webhook (webhook_id, model, secret, learned_at, expires_at) VALUES (:id, :model, NULL, :at, :expires)""";
    private static final String RENEWED = "UPDATE clio_webhook SET model = :model, expires_at = :expires WHERE webhook_id = :id";

    private final NamedParameterJdbcTemplate jdbc;
    private final InsertOnce insertOnce;
    private final ClioProperties clio;
    private final Clock clock;
    private volatile List<String> cache;
    private final Map<Long, Optional<String>> models = new java.util.concurrent.ConcurrentHashMap<>();

    ClioWebhookSecrets(NamedParameterJdbcTemplate jdbc, InsertOnce insertOnce, ClioProperties clio, Clock clock) {
        this.jdbc = jdbc;
        this.insertOnce = insertOnce;
        this.clio = clio;
        this.clock = clock;
    }

    public List<String> candidates() {
        List<String> current = cache;
        if (current == null) {
            List<String> all = new ArrayList<>(jdbc.queryForList(SELECT_ALL, Map.of(), String.class));
            String fixed = clio.webhookSecret();
            if (fixed != null && !fixed.isBlank()) {
                all.add(fixed);
            }
            current = List.copyOf(all);
            cache = current;
        }
        return current;
    }

    /** Records a webhook the hub created or renewed, with its model and expiry. */
    public void subscribed(long webhookId, String model, java.time.Instant expiresAt) {
        Map<String, Object> p = Map.of("id", webhookId, "model", model, "at", Timestamp.from(clock.instant()),
                "expires", Timestamp.from(expiresAt));
        if (jdbc.update(RENEWED, p) == 0) {
            if (!insertOnce.insert(SUBSCRIBED, p)) {
                jdbc.update(RENEWED, p); // another instance recorded it first
            }
        }
        models.remove(webhookId);
    }

    /** The model a webhook was subscribed for, or null when the hub does not know the webhook. */
    public String modelOf(long webhookId) {
        return models.computeIfAbsent(webhookId, id -> jdbc.queryForList(MODEL_OF, Map.of("id", id), String.class)
                .stream().findFirst()).orElse(null);
    }

    /**
     * Records the secret Clio sent for a webhook. A webhook's secret is learned once: a second handshake
     * with a different secret is refused, so a forged handshake cannot replace a real one.
     */
    public Learned learn(long webhookId, String model, String secret) {
        List<String> rows = jdbc.queryForList(SELECT_ONE, Map.of("id", webhookId), String.class);
        if (!rows.isEmpty() && rows.get(0) == null) {
            // a webhook the hub subscribed, activated now
            jdbc.update(SET_SECRET, Map.of("id", webhookId, "secret", secret, "at", Timestamp.from(clock.instant())));
            cache = null;
            return Learned.NEW;
        }
        Optional<String> existing = rows.stream().findFirst();
        if (existing.isPresent()) {
            return existing.get().equals(secret) ? Learned.SAME : Learned.CONFLICT;
        }
        if (!insertOnce.insert(INSERT, Map.of("id", webhookId, "model", model == null ? "" : model, "secret", secret,
                "at", Timestamp.from(clock.instant())))) {
            return learn(webhookId, model, secret); // a concurrent handshake recorded it first
        }
        cache = null;
        models.remove(webhookId);
        return Learned.NEW;
    }
}
