package com.casewire.routetest;

import com.casewire.inbox.InboxStore;
import com.casewire.sandbox.SandboxWorld;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The hub's state around a route test case, for {@link RouteTestRunner}: its tables emptied before the case, the hub
 * waited on until quiet after each input step, and what it failed to process or send reported.
 */
final class RouteTestHubState {

    private static final Duration SETTLE_WITHIN = Duration.ofSeconds(20);
    /** Tables a case keeps: the schema's history, Quartz's, the sandbox's Clio webhook secrets and the chain head. */
    private static final Set<String> KEPT = Set.of("FLYWAY_SCHEMA_HISTORY", "CLIO_WEBHOOK", "COMMUNICATION_CHAIN_HEAD");
    private static final Timestamp NEVER = Timestamp.from(Instant.parse("2999-01-01T00:00:00Z"));

    private final RouteTestHub hub;
    private final SandboxWorld world;
    private final NamedParameterJdbcTemplate jdbc;
    private final InboxStore inbox;

    RouteTestHubState(RouteTestHub hub, SandboxWorld world) {
        this.hub = hub;
        this.world = world;
        this.jdbc = hub.bean(NamedParameterJdbcTemplate.class);
        this.inbox = hub.bean(InboxStore.class);
    }

    /**
     * Waits until the hub is quiet: no inbox row waiting, no message queued or being sent, no timer due or running,
     * and what the simulators received unchanged for a moment.
     */
    void settle() throws Exception {
        long deadline = System.nanoTime() + SETTLE_WITHIN.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            String now = busy() + "|" + world.sent().size() + "|" + world.notes().size();
            if (now.startsWith("0|") && now.equals(last)) {
                return;
            }
            last = now;
            Thread.sleep(250);
        }
        throw new IllegalStateException("the hub did not settle within " + SETTLE_WITHIN.toSeconds() + " s");
    }

    private long busy() {
        Map<String, Object> now = Map.of("now", Timestamp.from(hub.clock().instant()));
        return count("SELECT COUNT(*) FROM inbox_event WHERE state = 'RECEIVED'", now)
                + count("SELECT COUNT(*) FROM outbox_message WHERE state IN ('PENDING', 'SENDING') AND next_attempt_at <= :now", now)
                + count("SELECT COUNT(*) FROM scheduled_action WHERE state = 'CLAIMED'"
                        + " OR (state = 'PENDING' AND due_at <= :now)", now);
    }

    /** Events the hub failed to process and messages it gave up on: never expected, always reported. */
    String problems() {
        List<String> lines = new ArrayList<>();
        inbox.inState("FAILED", 20).forEach(e -> lines.add("  the hub failed to process " + e.source() + " event "
                + e.eventType() + ": " + e.lastError()));
        jdbc.queryForList("SELECT kind, last_error FROM outbox_message WHERE state IN ('FAILED', 'DEAD', 'RETRY_WAIT')", Map.of())
                .forEach(r -> lines.add("  the hub could not send a " + r.get("KIND") + ": " + r.get("LAST_ERROR")));
        return lines.isEmpty() ? "" : "problems:\n" + String.join("\n", lines) + "\n";
    }

    /**
     * Empties the hub's tables for the next case, once the timers and messages a case left for later are out of reach
     * and none is running.
     */
    void clear() throws InterruptedException {
        jdbc.update("UPDATE scheduled_action SET due_at = :never WHERE state = 'PENDING'", Map.of("never", NEVER));
        jdbc.update("UPDATE outbox_message SET next_attempt_at = :never WHERE state IN ('PENDING', 'RETRY_WAIT')",
                Map.of("never", NEVER));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && (count("SELECT COUNT(*) FROM scheduled_action WHERE state = 'CLAIMED'", Map.of())
                + count("SELECT COUNT(*) FROM outbox_message WHERE state = 'SENDING'", Map.of())) > 0) {
            Thread.sleep(50);
        }
        List<String> tables = jdbc.queryForList("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"
                + " AND TABLE_TYPE = 'BASE TABLE'", Map.of(), String.class);
        jdbc.update("SET REFERENTIAL_INTEGRITY FALSE", Map.of());
        try {
            for (String table : tables) {
                if (!KEPT.contains(table) && !table.startsWith("QRTZ_")) {
                    jdbc.update("DELETE FROM \"" + table + "\"", Map.of());
                }
            }
        } finally {
            jdbc.update("SET REFERENTIAL_INTEGRITY TRUE", Map.of());
        }
        jdbc.update("UPDATE communication_chain_head SET last_seq = 0, last_hash = :genesis", Map.of("genesis", "0".repeat(64)));
    }

    private long count(String sql, Map<String, Object> params) {
        Long n = jdbc.queryForObject(sql, params, Long.class);
        return n == null ? 0 : n;
    }
}
