package com.casewire.ops;

import java.sql.Timestamp;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jmx.export.annotation.ManagedAttribute;
import org.springframework.jmx.export.annotation.ManagedResource;

/**
 * One workflow's messages over JMX ({@code com.casewire:type=Workflow,name=<workflow>}, registered by
 * {@link WorkflowActivityMBeans}), read from the communication log, which every message a workflow sends is recorded
 * on: what went out by channel, what failed for good, when the last went. An operator sees per workflow what the hub
 * MBean shows for the whole hub.
 */
@ManagedResource(description = "CaseWire workflow: messages sent and failed, from the communication log")
public class WorkflowActivity {

    private final String workflow;
    private final NamedParameterJdbcTemplate jdbc;

    WorkflowActivity(String workflow, NamedParameterJdbcTemplate jdbc) {
        this.workflow = workflow;
        this.jdbc = jdbc;
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
        Long failed = jdbc.queryForObject("""
                SELECT COUNT(*) FROM communication_log WHERE workflow = :workflow AND outcome = 'FAILED'""",
                Map.of("workflow", workflow), Long.class);
        return failed == null ? 0 : failed;
    }

    @ManagedAttribute(description = "When the last message was sent (ISO-8601, UTC); empty when none yet")
    public String getLastSentAt() {
        Timestamp last = jdbc.queryForObject("""
                SELECT MAX(recorded_at) FROM communication_log WHERE workflow = :workflow AND outcome = 'SENT'""",
                Map.of("workflow", workflow), Timestamp.class);
        return last == null ? "" : last.toInstant().toString();
    }
}
