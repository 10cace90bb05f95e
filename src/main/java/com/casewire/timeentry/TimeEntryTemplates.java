package com.casewire.timeentry;

import com.casewire.canonical.Channel;
import com.casewire.notify.WorkflowTemplates;

/**
 * The time-entry workflow's templates ({@code templates/time-entry/}): the placeholders {@link TimeEntryPrompts},
 * {@link TimeEntrySweeps}, {@link TimeEntryReplies} and {@link TimeCapture} put in their models, and their messages.
 */
public final class TimeEntryTemplates {

    public static final WorkflowTemplates DECLARED = WorkflowTemplates.notifying(TimeEntryPrompts.WORKFLOW)
            .provides("attorney.firstName", "event.title", "matter.name", "event.date", "event.hours", "link", "document.name",
                    "missing.count", "missing.list", "day", "recorded.hours", "week.from", "week.to", "rates", "firm.rate",
                    "manager.firstName")
            .message("prompt", Channel.SMS, Channel.EMAIL)
            .message("follow-up", Channel.SMS, Channel.EMAIL)
            .message("digest", Channel.SMS, Channel.EMAIL)
            .message("recovery", Channel.EMAIL)
            .message("weekly", Channel.EMAIL)
            .message("document", Channel.EMAIL)
            .message("help", Channel.SMS)
            .message("nothing-open", Channel.SMS)
            .message("recorded", Channel.SMS)
            .build();

    private TimeEntryTemplates() {
    }
}
