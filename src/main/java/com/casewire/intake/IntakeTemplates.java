package com.casewire.intake;

import com.casewire.canonical.Channel;
import com.casewire.notify.WorkflowTemplates;

/**
 * The intake workflow's templates ({@code templates/intake/}): the placeholders {@link IntakeCapture},
 * {@link IntakeScreening} and {@link IntakeFollowUps} put in their models, and the messages they send.
 */
public final class IntakeTemplates {

    public static final WorkflowTemplates DECLARED = WorkflowTemplates.notifying(IntakeCapture.WORKFLOW)
            .provides("lead.firstName", "lead.contactKind", "booking.link", "lead.id", "lead.name", "lead.phone",
                    "lead.email", "lead.practiceArea", "lead.attorney", "lead.url", "lead.matterType", "lead.source",
                    "lead.summary", "lead.adverseParty", "conflict.status", "conflict.detail", "owner.firstName",
                    "attorney.firstName", "consultation.when", "consultation.attorney")
            .message("acknowledgment", Channel.SMS, Channel.EMAIL)
            .message("attorney-alert", Channel.SMS, Channel.EMAIL)
            .message("booking-confirmed", Channel.SMS, Channel.EMAIL)
            .message("consultation-reminder", Channel.SMS, Channel.EMAIL)
            .message("escalation", Channel.SMS, Channel.EMAIL)
            .build();

    private IntakeTemplates() {
    }
}
