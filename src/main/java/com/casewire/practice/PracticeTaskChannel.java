package com.casewire.practice;

import com.casewire.config.HubProperties;
import com.casewire.outbox.MessageKind;
import com.casewire.outbox.OutboundMessage;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * Tasks in the practice-management system, through the outbox so a task is created once even when the workflow
 * that asked for it runs again. The message's {@code to} is the assignee's user id, {@code subject} the task's
 * name, {@code body} its description, {@code matterId} the matter it belongs to (or null).
 */
@Component
public class PracticeTaskChannel extends PracticeSystemChannel {

    private final PracticeManagement practice;

    PracticeTaskChannel(PracticeManagement practice, HubProperties hub) {
        super(MessageKind.PRACTICE_TASK, hub.practiceManagement());
        this.practice = practice;
    }

    /** The outbox message for a task assigned to {@code assigneeId}. */
    public static OutboundMessage task(String assigneeId, String name, String description, String matterId, String workflow) {
        return OutboundMessage.of(MessageKind.PRACTICE_TASK, assigneeId, name, description).withMatter(matterId)
                .withWorkflow(workflow).withChannel("task");
    }

    /**
     * The task on the matter (or, without one, assigned to the same user) carrying the row's marker, created since
     * the attempt was claimed (less clock skew). A duplicate task makes a person do the work twice.
     */
    @Override
    public Optional<String> findSent(OutboundMessage message, String idempotencyKey, Instant claimedAt,
                                     Predicate<String> heldByAnotherRow) {
        return practice.findTask(task(message, idempotencyKey), idempotencyKey,
                claimedAt.minus(PracticeManagement.LOOKUP_CLOCK_SKEW));
    }

    /** The task's description ends with the key's marker ({@link PracticeRecordMarker}) so {@link #findSent} can find it. */
    @Override
    public String send(OutboundMessage message, String idempotencyKey) {
        return practice.createTask(task(message, idempotencyKey));
    }

    private static PracticeManagement.NewTask task(OutboundMessage message, String idempotencyKey) {
        return new PracticeManagement.NewTask(message.subject(), PracticeRecordMarker.append(message.body(), idempotencyKey),
                message.to(), message.matterId(), null);
    }
}
