package com.casewire.statusupdate;

import jakarta.validation.constraints.AssertTrue;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The matter-status workflow ({@code hub.status-updates.*}): at most one client update per matter per
 * {@code window} (milestones inside it are combined), an optional {@code gatherDelay} before the first one,
 * the Clio custom fields that carry a client's channel preference and a matter's updates contact, and the
 * approval checkpoint (signed links, their lifetime, escalation).
 */
@Validated
@ConfigurationProperties("hub.status-updates")
public record StatusUpdateProperties(
        @DefaultValue("1h") Duration window,
        @DefaultValue("0s") Duration gatherDelay,
        @DefaultValue("Preferred contact method") String preferenceField,
        @DefaultValue("Updates contact") String recipientField,
        @DefaultValue("") String approvalSecret,
        @DefaultValue("72h") Duration approvalLinkTtl,
        @DefaultValue("4h") Duration approvalEscalateAfter,
        @DefaultValue("") String approvalEscalateTo,
        @DefaultValue("") String approvalFallbackTo) {

    @AssertTrue(message = "hub.status-updates.window and gather-delay must not be negative")
    public boolean isWindowValid() {
        return window != null && !window.isNegative() && gatherDelay != null && !gatherDelay.isNegative();
    }

    @AssertTrue(message = "hub.status-updates.approval-link-ttl and approval-escalate-after must be positive")
    public boolean isApprovalTimesValid() {
        return approvalLinkTtl != null && approvalLinkTtl.toSeconds() > 0
                && approvalEscalateAfter != null && approvalEscalateAfter.toSeconds() > 0;
    }

    @AssertTrue(message = "hub.status-updates.approval-secret must be at least 16 characters when set")
    public boolean isApprovalSecretValid() {
        return approvalSecret == null || approvalSecret.isEmpty() || approvalSecret.length() >= 16;
    }

    /** Whether approval emails carry signed approve/edit/reject links. */
    public boolean signsLinks() {
        return approvalSecret != null && !approvalSecret.isEmpty();
    }
}
