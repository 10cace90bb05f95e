package com.casewire.retainer;

import com.casewire.canonical.Channel;
import com.casewire.notify.Notifier;
import com.casewire.notify.WorkflowTemplates;

/**
 * The retainer workflow's templates ({@code templates/retainer/}): the placeholders {@link RetainerReminders} puts in
 * its models and the ladder's three messages.
 */
public final class RetainerTemplates {

    public static final WorkflowTemplates DECLARED = WorkflowTemplates.notifying(RetainerReminders.WORKFLOW)
            .provides("matter.name", "matter.number", "retainer.type", "balance", "unbilled", "threshold", "replenishTo",
                    "amount", "payBy", "payLink", Notifier.SENDER_NAME, "attorney.name", "lowSince", "staff.firstName")
            .sometimes(Notifier.SENDER_EMAIL, Notifier.COPY_TO)
            .message("reminder", Channel.SMS, Channel.EMAIL)
            .message("second-reminder", Channel.SMS, Channel.EMAIL)
            .message("alert", Channel.SMS, Channel.EMAIL)
            .build();

    private RetainerTemplates() {
    }
}
