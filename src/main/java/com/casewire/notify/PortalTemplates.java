package com.casewire.notify;

import com.casewire.canonical.Channel;

/** The email that tells a client a portal note is waiting: its own folder, {@code templates/portal/}. */
public final class PortalTemplates {

    static final String WORKFLOW = "portal";
    static final String NUDGE = "nudge";

    public static final WorkflowTemplates DECLARED = WorkflowTemplates.notifying(WORKFLOW)
            .provides("matter.name")
            .message(NUDGE, Channel.EMAIL)
            .build();

    private PortalTemplates() {
    }
}
