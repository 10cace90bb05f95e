package com.casewire.practice;

import com.casewire.config.HubProperties;
import com.casewire.outbox.OutboundChannel;
import com.casewire.outbox.OutboundMessage;
import org.springframework.stereotype.Component;

/**
 * Tasks in the practice-management system, through the outbox so a task is created once even when the workflow
 * that asked for it runs again. The message's {@code to} is the assignee's user id, {@code subject} the task's
 * name, {@code body} its description, {@code matterId} the matter it belongs to (or null).
 */
@Component
public class PracticeTaskChannel implements OutboundChannel {

    public static final String KIND = "PRACTICE_TASK";

    private final PracticeManagement practice;
    private final String vendor;

    PracticeTaskChannel(PracticeManagement practice, HubProperties hub) {
        this.practice = practice;
        this.vendor = hub.practiceManagement();
    }

    /** The outbox message for a task assigned to {@code assigneeId}. */
    public static OutboundMessage task(String assigneeId, String name, String description, String matterId, String workflow) {
        return new OutboundMessage(KIND, assigneeId, null, name, description, matterId, workflow, null, "task", false, false);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String vendor() {
        return vendor;
    }

    /** A second copy of a call-back task would have a person call twice: leave an unknown outcome to an operator. */
    @Override
    public boolean resendWhenOutcomeUnknown() {
        return false;
    }

    @Override
    public String send(OutboundMessage message, String idempotencyKey) {
        return practice.createTask(new PracticeManagement.NewTask(message.subject(), message.body(), message.to(),
                message.matterId(), null));
    }
}
