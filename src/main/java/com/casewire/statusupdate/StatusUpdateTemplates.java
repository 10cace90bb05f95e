package com.casewire.statusupdate;

import com.casewire.canonical.Channel;
import com.casewire.notify.WorkflowTemplates;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The status-update workflow's templates ({@code templates/matter-status/}, after its public key): what
 * {@link StatusUpdates} and {@link CombinedUpdate} put in a model, and the combined update. The milestones' own messages
 * come from the rules file ({@link #withMilestones}).
 */
public final class StatusUpdateTemplates {

    static final String MATTER_NAME = "matter.name";
    static final String MATTER_NUMBER = "matter.number";
    static final String ATTORNEY_NAME = "attorney.name";
    static final String ATTORNEY_EMAIL = "attorney.email";
    static final String UPDATES = "updates";
    static final String UPDATES_COUNT = "updates.count";
    static final String MILESTONES = "milestones";

    public static final WorkflowTemplates DECLARED = WorkflowTemplates.notifying(StatusUpdates.WORKFLOW)
            .provides(MATTER_NAME, CombinedUpdate.HEADLINE, UPDATES, UPDATES_COUNT, MILESTONES)
            .sometimes(MATTER_NUMBER, ATTORNEY_NAME, ATTORNEY_EMAIL)
            .message(CombinedUpdate.MILESTONE, Channel.SMS, Channel.EMAIL, Channel.PORTAL)
            .build();

    private StatusUpdateTemplates() {
    }

    /** The declaration with each milestone's template on the channels the milestone allows (all when it names none). */
    public static WorkflowTemplates withMilestones(MilestoneRules rules) {
        Map<String, Set<Channel>> messages = new LinkedHashMap<>();
        for (MilestoneRules.Rule rule : rules.rules()) {
            Set<Channel> channels = EnumSet.noneOf(Channel.class);
            rule.channels().forEach(id -> Channel.parse(id).ifPresent(channels::add));
            messages.computeIfAbsent(rule.template(), t -> EnumSet.noneOf(Channel.class))
                    .addAll(channels.isEmpty() ? EnumSet.allOf(Channel.class) : channels);
        }
        return DECLARED.withMessages(messages);
    }
}
