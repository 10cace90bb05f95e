package com.casewire.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Pausing a workflow: while it is paused its messages are still stored in the outbox (events are kept, nothing is
 * lost) but none is claimed or sent; resuming sends what waited, in order. The pause is a row in
 * {@code workflow_pause}, so every instance on the database honours it at its next claim: the outbox's claim
 * statements skip a paused workflow's rows (see {@code OutboxStore}), and a paused workflow's waiting row does
 * not hold back another workflow's message to the same recipient. A message already handed to a vendor when the pause
 * comes is not recalled.
 */
@Component
public class WorkflowPauses {

    private static final Logger log = LoggerFactory.getLogger(WorkflowPauses.class);

    /** When a workflow was paused, and by whom. */
    public record Pause(Instant since, String by) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final OutboxSender sender;
    private final Clock clock;

    WorkflowPauses(NamedParameterJdbcTemplate jdbc, OutboxSender sender, Clock clock) {
        this.jdbc = jdbc;
        this.sender = sender;
        this.clock = clock;
    }

    /** Pauses the workflow; false when it was paused already. */
    public boolean pause(String workflow, String by) {
        try {
            jdbc.update("INSERT INTO workflow_pause (workflow, paused_at, paused_by) VALUES (:workflow, :now, :by)",
                    Map.of("workflow", workflow, "now", Timestamp.from(clock.instant()), "by", by));
        } catch (DuplicateKeyException alreadyPaused) {
            return false;
        }
        log.info("workflow {} paused by {}: its messages are kept and none is sent until it is resumed", workflow, by);
        return true;
    }

    /** Resumes the workflow and sends what waited now rather than at the next sweep; false when it was not paused. */
    public boolean resume(String workflow, String by) {
        if (jdbc.update("DELETE FROM workflow_pause WHERE workflow = :workflow", Map.of("workflow", workflow)) == 0) {
            return false;
        }
        log.info("workflow {} resumed by {}", workflow, by);
        sender.sweep(Duration.ZERO);
        return true;
    }

    public Optional<Pause> pause(String workflow) {
        return jdbc.query("SELECT paused_at, paused_by FROM workflow_pause WHERE workflow = :workflow",
                Map.of("workflow", workflow), (rs, n) -> new Pause(rs.getTimestamp("paused_at").toInstant(),
                        rs.getString("paused_by"))).stream().findFirst();
    }

    /** Every paused workflow, by name. */
    public Map<String, Pause> paused() {
        Map<String, Pause> paused = new TreeMap<>();
        jdbc.query("SELECT workflow, paused_at, paused_by FROM workflow_pause", rs -> {
            paused.put(rs.getString("workflow"), new Pause(rs.getTimestamp("paused_at").toInstant(),
                    rs.getString("paused_by")));
        });
        return paused;
    }
}
