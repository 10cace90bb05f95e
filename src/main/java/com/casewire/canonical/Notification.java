package com.casewire.canonical;

import java.util.List;
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
 * @param channels channel ids this message may use (sms, email, portal); empty means any
 * @param text the exact text to send instead of a template, pinned to one channel: set when an attorney
 *             was shown (and approved, perhaps edited) this text; null to render the template
 */
public record Notification(String idempotencyKey, String workflow, String milestone, String practiceArea,
                           String matterId, Recipient recipient, Map<String, String> model,
                           boolean requiresApproval, boolean approved, List<String> channels, Text text) {

    /** Exact text on one channel: what an attorney saw and approved. */
    public record Text(String channel, String subject, String body, String templateId) {
    }

    public Notification {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /** Any channel, text from the templates. */
    public Notification(String idempotencyKey, String workflow, String milestone, String practiceArea, String matterId,
                        Recipient recipient, Map<String, String> model, boolean requiresApproval, boolean approved) {
        this(idempotencyKey, workflow, milestone, practiceArea, matterId, recipient, model, requiresApproval, approved,
                List.of(), null);
    }

    public Notification approve() {
        return new Notification(idempotencyKey, workflow, milestone, practiceArea, matterId, recipient, model,
                requiresApproval, true, channels, text);
    }

    /** Approved with this exact text (the proposal as shown, or an attorney's edit of it). */
    public Notification approveWith(Text approvedText) {
        return new Notification(idempotencyKey, workflow, milestone, practiceArea, matterId, recipient, model,
                requiresApproval, true, channels, approvedText);
    }

    public Notification withText(Text proposed) {
        return new Notification(idempotencyKey, workflow, milestone, practiceArea, matterId, recipient, model,
                requiresApproval, approved, channels, proposed);
    }
}
