package com.casewire.billing;

import jakarta.validation.constraints.Email;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.billing.*}: the sender of billing email. {@code from} is the firm's billing address (empty: the hub's
 * {@code hub.mail.from}); {@code replyTo} where a client's answer goes (empty: {@code from}); {@code fromName} the
 * name shown (empty: "[firm] Billing"). Checked at start-up. The ladder's rules live in
 * {@code routes/billing.rules.yaml}.
 */
@Validated
@ConfigurationProperties("hub.billing")
record BillingProperties(@DefaultValue("") @Email(message = "hub.billing.from must be an email address") String from,
                         @DefaultValue("") @Email(message = "hub.billing.reply-to must be an email address") String replyTo,
                         @DefaultValue("") String fromName) {
}
