package com.casewire.billing;

import com.casewire.canonical.Channel;
import com.casewire.notify.WorkflowTemplates;

/**
 * The billing workflow's templates ({@code templates/billing/}): the placeholders {@link BillingMessages} puts in its
 * models, the ladder's stage emails ({@link LadderStage}), the statement, the tasks and the billing partner's alert.
 */
public final class BillingTemplates {

    public static final WorkflowTemplates DECLARED = declare();

    private BillingTemplates() {
    }

    private static WorkflowTemplates declare() {
        WorkflowTemplates.Builder b = WorkflowTemplates.notifying(BillingMessages.WORKFLOW)
                .provides("payLink", "invoice.number", "invoice.amountDue", "invoice.total", "invoice.dueDate",
                        "invoice.client", "matter.name", "statement.date", "statement.invoices", "statement.total",
                        "task.dueDate", "stage.name", "assignee.name");
        for (LadderStage stage : LadderStage.values()) {
            if (stage != LadderStage.ESCALATION) { // stage 3 sends no client email: a task and an alert
                b.message(stage.template(), Channel.EMAIL);
            }
        }
        return b.message("statement", Channel.EMAIL)
                .message("escalation-task", Channel.EMAIL)
                .message("no-recipient-task", Channel.EMAIL)
                .message("escalation", Channel.SMS, Channel.EMAIL)
                .build();
    }
}
