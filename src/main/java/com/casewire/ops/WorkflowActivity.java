package com.casewire.ops;

import com.casewire.outbox.OutboxSender;
import com.casewire.outbox.RateLimitWaits;
import com.casewire.outbox.WorkflowPauses;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jmx.export.annotation.ManagedAttribute;
import org.springframework.jmx.export.annotation.ManagedOperation;
import org.springframework.jmx.export.annotation.ManagedOperationParameter;
import org.springframework.jmx.export.annotation.ManagedResource;

/**
 * One workflow over JMX ({@code com.casewire:type=Workflow,name=<workflow>}, registered by
 * {@link WorkflowActivityMBeans}) and {@code GET /api/workflows}: the inbound events it took in (from the inbox and
 * payment rows, {@link #getEventsIn}), what it sent by channel and what failed (from the
 * communication log, which every message a workflow sends is recorded on), what waits in the outbox, its dead letters
 * and vendor errors, its sends' waits for vendors' pace and the 429s they met (in memory, since this instance
 * started: {@link RateLimitWaits}), what quiet hours and approvals hold back, its schedules' last and next runs; and
 * the operations to pause, resume and replay it and to run a schedule now. A workflow's schedules are the quartz
 * triggers {@code casewire/<workflow>} and {@code casewire/<workflow>-*} (billing-ladder, retainer-sweep,
 * time-entry-weekly). The database figures are counted on each read, over tables without an index on the workflow:
 * cheap at a firm's volumes.
 */
@ManagedResource(description = "CaseWire workflow: events in, messages sent, waiting, failed, rate-limit waits; "
        + "pause, resume, replay")
public class WorkflowActivity {

    /**
     * The inbox sources whose events reach each workflow's routes (camel/inbox.camel.yaml, mycase.camel.yaml,
     * intake-edge.camel.yaml, mail-intake.camel.yaml): Clio deliveries go to matter-status, time-entry and retainer,
     * MyCase changes to matter-status, texts to time-entry and intake, calls, web forms and intake email to intake.
     */
    static final Map<String, List<String>> INBOX_SOURCES = Map.of(
            "matter-status", List.of("clio", "mycase"),
            "time-entry", List.of("clio", "twilio-sms"),
            "retainer", List.of("clio"),
            "intake", List.of("twilio-sms", "twilio-voice", "web-form", "email"));
    /** The workflows routes/payments.camel.yaml hands each recorded payment event to. */
    static final List<String> PAYMENT_WORKFLOWS = List.of("billing", "retainer");

    private final String workflow;
    private final NamedParameterJdbcTemplate jdbc;
    private final WorkflowPauses pauses;
    private final OutboxSender sender;
    private final Scheduler quartz;

    WorkflowActivity(String workflow, NamedParameterJdbcTemplate jdbc, WorkflowPauses pauses, OutboxSender sender,
                     Scheduler quartz) {
        this.workflow = workflow;
        this.jdbc = jdbc;
        this.pauses = pauses;
        this.sender = sender;
        this.quartz = quartz;
    }

    @ManagedAttribute(description = "The workflow's name on the communication log")
    public String getWorkflow() {
        return workflow;
    }

    @ManagedAttribute(description = "Inbound events the workflow took in, whether or not it acted on each: processed "
            + "inbox rows of the sources its routes are fed from (matter-status: clio, mycase; time-entry: clio, "
            + "twilio-sms; retainer: clio; intake: twilio-sms, twilio-voice, web-form, email), plus, for billing and "
            + "retainer, the payment events recorded (one per LawPay event). None for approval and reconciliation")
    public long getEventsIn() {
        List<String> sources = INBOX_SOURCES.getOrDefault(workflow, List.of());
        long in = 0;
        if (!sources.isEmpty()) {
            Long n = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM inbox_event WHERE state = 'PROCESSED' AND source IN (:sources)",
                    Map.of("sources", sources), Long.class);
            in += n == null ? 0 : n;
        }
        if (PAYMENT_WORKFLOWS.contains(workflow)) {
            Long n = jdbc.queryForObject("SELECT COUNT(*) FROM payment_event", Map.of(), Long.class);
            in += n == null ? 0 : n;
        }
        return in;
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

    @ManagedAttribute(description = "Since this instance started: vendor calls of the workflow's sends that waited for "
            + "the vendor's pace (its configured rate, or the pause a 429's Retry-After set)")
    public long getRateLimitWaits() {
        return sender.rateLimitWaits().of(workflow).waits();
    }

    @ManagedAttribute(description = "Since this instance started: how long the workflow's sends waited for vendors' "
            + "pace in all, in milliseconds")
    public long getRateLimitWaitMillis() {
        return sender.rateLimitWaits().of(workflow).waitMillis();
    }

    @ManagedAttribute(description = "Since this instance started: 429 Too Many Requests answers the workflow's sends met")
    public long getTooManyRequests() {
        return sender.rateLimitWaits().of(workflow).tooManyRequests();
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

    @ManagedAttribute(description = "The workflow's schedules (quartz triggers, shared by every instance): "
            + "name -> last and next run (ISO-8601, UTC)")
    public Map<String, String> getSchedules() {
        Map<String, String> schedules = new TreeMap<>();
        for (Trigger trigger : triggers()) {
            schedules.put(trigger.getKey().getName(), "last " + (trigger.getPreviousFireTime() == null ? "none"
                    : trigger.getPreviousFireTime().toInstant()) + ", next " + (trigger.getNextFireTime() == null
                    ? "none" : trigger.getNextFireTime().toInstant()));
        }
        return schedules;
    }

    @ManagedOperation(description = "Run one of the workflow's schedules now (once, on whichever instance takes it); "
            + "returns false for a name that is not one of its schedules")
    @ManagedOperationParameter(name = "schedule", description = "the schedule's name, as in Schedules")
    public boolean runScheduleNow(String schedule) {
        for (Trigger trigger : triggers()) {
            if (trigger.getKey().getName().equals(schedule)) {
                JobKey job = trigger.getJobKey();
                try {
                    quartz.triggerJob(job, trigger.getJobDataMap());
                } catch (SchedulerException e) {
                    throw new IllegalStateException("schedule " + schedule + " could not be run: " + e.getMessage(), e);
                }
                return true;
            }
        }
        return false;
    }

    private List<Trigger> triggers() {
        if (quartz == null) {
            return List.of();
        }
        try {
            List<Trigger> mine = new java.util.ArrayList<>();
            for (TriggerKey key : quartz.getTriggerKeys(GroupMatcher.triggerGroupEquals("casewire"))) {
                if (key.getName().equals(workflow) || key.getName().startsWith(workflow + "-")) {
                    Trigger trigger = quartz.getTrigger(key);
                    if (trigger != null) {
                        mine.add(trigger);
                    }
                }
            }
            return mine;
        } catch (SchedulerException e) {
            throw new IllegalStateException("the schedules could not be read: " + e.getMessage(), e);
        }
    }

    /** The figures for {@code GET /api/workflows}. */
    Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("workflow", workflow);
        summary.put("paused", pauses.pause(workflow).orElse(null));
        summary.put("eventsIn", getEventsIn());
        summary.put("sentByChannel", getSentByChannel());
        summary.put("lastSentAt", getLastSentAt().isEmpty() ? null : getLastSentAt());
        summary.put("failed", getFailed());
        summary.put("waiting", getWaiting());
        summary.put("deadLetters", getDeadLetters());
        summary.put("vendorErrors", getVendorErrors());
        RateLimitWaits.Figures waits = sender.rateLimitWaits().of(workflow);
        summary.put("rateLimitWaits", waits.waits());
        summary.put("rateLimitWaitMillis", waits.waitMillis());
        summary.put("tooManyRequests", waits.tooManyRequests());
        summary.put("heldForQuietHours", getHeldForQuietHours());
        summary.put("awaitingApproval", getAwaitingApproval());
        summary.put("schedules", getSchedules());
        return summary;
    }

    private long count(String sql) {
        // Notifications (held for quiet hours, parked for approval) are stored as JSON that names their workflow
        Long n = jdbc.queryForObject(sql, Map.of("workflow", workflow,
                "inPayload", "%\"workflow\":\"" + workflow + "\"%"), Long.class);
        return n == null ? 0 : n;
    }
}
