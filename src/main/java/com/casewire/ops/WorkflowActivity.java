package com.casewire.ops;

import com.casewire.outbox.OutboxSender;
import com.casewire.outbox.WorkflowPauses;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jmx.export.annotation.ManagedAttribute;
import org.springframework.jmx.export.annotation.ManagedOperation;
import org.springframework.jmx.export.annotation.ManagedResource;

/**
 * One workflow over JMX ({@code com.casewire:type=Workflow,name=<workflow>}, registered by
 * {@link WorkflowActivityMBeans}) and {@code GET /api/workflows}: what it sent by channel and what failed (from the
 * communication log, which every message a workflow sends is recorded on), what waits in the outbox, its dead letters
 * and vendor errors, what quiet hours and approvals hold back; and the operations to pause, resume and replay it.
 * The figures are counted on each read, over tables without an index on the workflow: cheap at a firm's volumes.
 */
@ManagedResource(description = "CaseWire workflow: messages sent, waiting, failed; pause, resume, replay")
public class WorkflowActivity {

    private final String workflow;
    private final NamedParameterJdbcTemplate jdbc;
    private final WorkflowPauses pauses;
    private final OutboxSender sender;

    WorkflowActivity(String workflow, NamedParameterJdbcTemplate jdbc, WorkflowPauses pauses, OutboxSender sender) {
        this.workflow = workflow;
        this.jdbc = jdbc;
        this.pauses = pauses;
        this.sender = sender;
    }

    @ManagedAttribute(description = "The workflow's name on the communication log")
    public String getWorkflow() {
        return workflow;
    }

    @ManagedAttribute(description = "Messages sent, by channel (sms, email, portal, ...)")
    public Map<String, Long> getSentByChannel() {
        Map<String, Long> sent = new TreeMap<>();
        jdbc.query("""
                SELECT channel, COUNT(*) AS n FROM communication_log
                WHERE workflow = :workflow AND outcome = 'SENT' GROUP BY channel""", Map.of("workflow", workflow),
                row -> {
                    sent.put(row.getString("channel"), row.getLong("n"));
                });
        return sent;
    }

    @ManagedAttribute(description = "Messages that failed for good (refused by the vendor, or given up)")
    public long getFailed() {
        return count("SELECT COUNT(*) FROM communication_log WHERE workflow = :workflow AND outcome = 'FAILED'");
    }

    @ManagedAttribute(description = "When the last message was sent (ISO-8601, UTC); empty when none yet")
    public String getLastSentAt() {
        Timestamp last = jdbc.queryForObject("""
                SELECT MAX(recorded_at) FROM communication_log WHERE workflow = :workflow AND outcome = 'SENT'""",
                Map.of("workflow", workflow), Timestamp.class);
        return last == null ? "" : last.toInstant().toString();
    }

    @ManagedAttribute(description = "Whether the workflow is paused (its messages are kept, none is sent)")
    public boolean isPaused() {
        return pauses.pause(workflow).isPresent();
    }

    @ManagedAttribute(description = "When the workflow was paused and by whom; empty when it runs")
    public String getPausedSince() {
        return pauses.pause(workflow).map(p -> p.since() + " by " + p.by()).orElse("");
    }

    @ManagedAttribute(description = "Messages in the outbox not sent yet: waiting their turn, a retry, or a pause")
    public long getWaiting() {
        return count("""
                SELECT COUNT(*) FROM outbox_message WHERE workflow = :workflow AND state IN ('PENDING', 'RETRY_WAIT')""");
    }

    @ManagedAttribute(description = "Dead-lettered messages: retries exhausted, replayable")
    public long getDeadLetters() {
        return count("SELECT COUNT(*) FROM outbox_message WHERE workflow = :workflow AND state = 'DEAD'");
    }

    @ManagedAttribute(description = "Messages whose last failed attempt had this vendor answer, as \"<vendor> <HTTP status>\" "
            + "(0: no answer, a time-out or a lost connection); a message counts once, sent since or not")
    public Map<String, Long> getVendorErrors() {
        Map<String, Long> errors = new TreeMap<>();
        jdbc.query("""
                SELECT vendor, last_status, COUNT(*) AS n FROM outbox_message
                WHERE workflow = :workflow AND last_status IS NOT NULL GROUP BY vendor, last_status""",
                Map.of("workflow", workflow), row -> {
                    errors.put(row.getString("vendor") + " " + row.getInt("last_status"), row.getLong("n"));
                });
        return errors;
    }

    @ManagedAttribute(description = "Notifications held for quiet hours, to go when they end")
    public long getHeldForQuietHours() {
        return count("""
                SELECT COUNT(*) FROM scheduled_action WHERE kind = 'notify-release' AND state = 'PENDING'
                AND payload LIKE :inPayload""");
    }

    @ManagedAttribute(description = "Notifications parked for an attorney's approval")
    public long getAwaitingApproval() {
        return count("SELECT COUNT(*) FROM approval WHERE state = 'PENDING' AND payload LIKE :inPayload");
    }

    @ManagedOperation(description = "Pause the workflow: its messages are kept in the outbox and none is sent until it is "
            + "resumed (on every instance). Returns false when it was paused already")
    public boolean pause() {
        return pauses.pause(workflow, "operator (JMX)");
    }

    @ManagedOperation(description = "Resume the workflow: what waited is sent now, in order. Returns false when it was not paused")
    public boolean resume() {
        return pauses.resume(workflow, "operator (JMX)");
    }

    @ManagedOperation(description = "Replay the workflow's dead-lettered messages; returns how many were replayed")
    public int replayDeadLetters() {
        List<Long> dead = jdbc.queryForList(
                "SELECT id FROM outbox_message WHERE workflow = :workflow AND state = 'DEAD' ORDER BY id",
                Map.of("workflow", workflow), Long.class);
        int replayed = 0;
        for (long id : dead) {
            if (sender.replay(id)) {
                replayed++;
            }
        }
        return replayed;
    }

    WorkflowPauses pauses() {
        return pauses;
    }

    /** The figures for {@code GET /api/workflows}. */
    Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("workflow", workflow);
        summary.put("paused", pauses.pause(workflow).orElse(null));
        summary.put("sentByChannel", getSentByChannel());
        summary.put("lastSentAt", getLastSentAt().isEmpty() ? null : getLastSentAt());
        summary.put("failed", getFailed());
        summary.put("waiting", getWaiting());
        summary.put("deadLetters", getDeadLetters());
        summary.put("vendorErrors", getVendorErrors());
        summary.put("heldForQuietHours", getHeldForQuietHours());
        summary.put("awaitingApproval", getAwaitingApproval());
        return summary;
    }

    private long count(String sql) {
        // Notifications (held for quiet hours, parked for approval) are stored as JSON that names their workflow
        Long n = jdbc.queryForObject(sql, Map.of("workflow", workflow,
                "inPayload", "%\"workflow\":\"" + workflow + "\"%"), Long.class);
        return n == null ? 0 : n;
    }
}
