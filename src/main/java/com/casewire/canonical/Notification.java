package com.casewire.canonical;

import java.util.Map;

/**
 * A message the hub intends to send to a person, before the policy gate and channel choice.
 *
 * @param idempotencyKey unique per intended message; re-processing the same event yields the same key
 * @param workflow the workflow that raised it (matter-status, intake, billing, ...)
 * @param milestone the workflow's step (matter-closed, invoice-day-7, ...); selects the template
 * @param model values the template may use
 * @param requiresApproval whether an attorney must approve it before it goes out
 * @param approved whether that approval has been given
 */
public record Notification(String idempotencyKey, String workflow, String milestone, String practiceArea,
                           String matterId, Recipient recipient, Map<String, String> model,
                           boolean requiresApproval, boolean approved) {

    public Notification approve() {
        return new Notification(idempotencyKey, workflow, milestone, practiceArea, matterId, recipient, model,
                requiresApproval, true);
    }
}
