package com.casewire.ops;

import com.casewire.audit.CommunicationLog;
import com.casewire.inbox.InboxProcessor;
import com.casewire.inbox.InboxStore;
import com.casewire.notify.ApprovalState;
import com.casewire.notify.Approvals;
import com.casewire.outbox.OutboxSender;
import com.casewire.outbox.OutboxState;
import com.casewire.outbox.OutboxStore;
import com.casewire.schedule.DurableTimers;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jmx.export.annotation.ManagedAttribute;
import org.springframework.jmx.export.annotation.ManagedOperation;
import org.springframework.jmx.export.annotation.ManagedOperationParameter;
import org.springframework.jmx.export.annotation.ManagedResource;
import org.springframework.stereotype.Component;

/**
 * The operator's view over JMX ({@code com.casewire:type=Hub,name=operations}), beside Camel's own route
 * MBeans: inbox depth and failed inbox rows, outbox by state, dead letters, pending approvals, pending and dead timers,
 * and replay of failed inbox rows, dead letters and dead timers.
 */
@Component
@ManagedResource(objectName = "com.casewire:type=Hub,name=operations", description = "CaseWire hub operations")
public class HubOperations {

    private final InboxStore inbox;
    private final InboxProcessor inboxProcessor;
    private final OutboxStore outbox;
    private final OutboxSender sender;
    private final DurableTimers timers;
    private final Approvals approvals;
    private final CommunicationLog commLog;

    HubOperations(InboxStore inbox, InboxProcessor inboxProcessor, OutboxStore outbox, OutboxSender sender,
                  DurableTimers timers, Approvals approvals, CommunicationLog commLog) {
        this.inbox = inbox;
        this.inboxProcessor = inboxProcessor;
        this.outbox = outbox;
        this.sender = sender;
        this.timers = timers;
        this.approvals = approvals;
        this.commLog = commLog;
    }

    @ManagedAttribute(description = "Inbox rows received and not yet processed")
    public long getInboxDepth() {
        return inbox.countByState().getOrDefault("RECEIVED", 0L);
    }

    @ManagedAttribute(description = "Inbox rows that failed for good")
    public long getInboxFailed() {
        return inbox.countByState().getOrDefault("FAILED", 0L);
    }

    @ManagedAttribute(description = "Outbox rows by state")
    public Map<String, Long> getOutboxByState() {
        Map<String, Long> byName = new TreeMap<>();
        outbox.countByState().forEach((state, n) -> byName.put(state.name(), n));
        return byName;
    }

    @ManagedAttribute(description = "Outbox rows in the dead-letter state")
    public long getDeadLetters() {
        return outbox.countByState().getOrDefault(OutboxState.DEAD, 0L);
    }

    @ManagedAttribute(description = "Messages sent since start, by kind")
    public Map<String, Long> getSentByKind() {
        Map<String, Long> byName = new TreeMap<>();
        sender.sentByKind().forEach((kind, n) -> byName.put(kind.name(), n));
        return byName;
    }

    @ManagedAttribute(description = "Vendor call failures since start")
    public long getVendorErrors() {
        return sender.vendorErrors();
    }

    @ManagedAttribute(description = "Approvals waiting for an attorney")
    public long getPendingApprovals() {
        return approvals.inState(ApprovalState.PENDING).size();
    }

    @ManagedAttribute(description = "Durable timers waiting to fire")
    public long getPendingTimers() {
        return timers.pendingCount();
    }

    @ManagedAttribute(description = "Durable timers that exhausted their attempts (state FAILED) and wait for a replay")
    public long getDeadTimers() {
        return timers.deadCount();
    }

    @ManagedAttribute(description = "Dead durable timers by kind")
    public Map<String, Long> getDeadTimersByKind() {
        return timers.deadByKind();
    }

    @ManagedOperation(description = "Put a dead-lettered (or failed) outbox row back in the queue")
    @ManagedOperationParameter(name = "outboxId", description = "id of the outbox row")
    public boolean replayDeadLetter(long outboxId) {
        return sender.replay(outboxId);
    }

    @ManagedOperation(description = "Replay every dead-lettered outbox row; returns how many were replayed")
    public int replayAllDeadLetters() {
        List<OutboxStore.OutboxRow> dead = outbox.inState(OutboxState.DEAD);
        int n = 0;
        for (OutboxStore.OutboxRow row : dead) {
            if (sender.replay(row.id())) {
                n++;
            }
        }
        return n;
    }

    @ManagedOperation(description = "Replay a dead durable timer: attempts reset, due now; refused while the same action "
            + "is already pending. Returns replayed, already_pending or not_failed")
    @ManagedOperationParameter(name = "timerId", description = "id of the scheduled_action row")
    public String replayDeadTimer(long timerId) {
        return timers.replay(timerId, "jmx").name().toLowerCase(Locale.ROOT);
    }

    @ManagedOperation(description = "Replay every dead durable timer of one kind (e.g. status-flush); returns how many were replayed")
    @ManagedOperationParameter(name = "kind", description = "timer kind, e.g. status-flush, notify-release, outbox-retry")
    public int replayDeadTimers(String kind) {
        return timers.replayDead(kind, "jmx").replayed();
    }

    @ManagedAttribute(description = "Inbox rows that failed for good, oldest first (at most 50): id, source, event type and error")
    public List<String> getFailedInboxEvents() {
        return inbox.inState("FAILED", 50).stream()
                .map(e -> e.id() + " " + e.source() + " " + e.eventType() + ": " + e.lastError()).toList();
    }

    @ManagedOperation(description = "Re-drive a FAILED inbox row once the route, rules or template file that failed it is "
            + "fixed; what it sent before is not sent again. Returns false when the row is not FAILED")
    @ManagedOperationParameter(name = "inboxId", description = "id of the inbox_event row")
    public boolean replayInboxEvent(long inboxId) {
        return inboxProcessor.replay(inboxId);
    }

    @ManagedOperation(description = "Run the inbox recovery sweep now; returns rows re-driven")
    public int sweepInboxNow() {
        return inboxProcessor.sweep();
    }

    @ManagedOperation(description = "Verify the communication log's hash chain")
    public String verifyCommunicationLog() {
        return commLog.verify().toString();
    }
}
