package com.casewire.billing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub.billing.*}: the sender of billing email. {@code from} is the firm's billing address (empty: the hub's
 * {@code hub.mail.from}); {@code replyTo} where a client's answer goes (empty: {@code from}); {@code fromName} the
 * name shown (empty: "[firm] Billing"). The ladder's rules live in {@code routes/billing.rules.yaml}.
 */
@ConfigurationProperties("hub.billing")
record BillingProperties(@DefaultValue("") String from, @DefaultValue("") String replyTo, @DefaultValue("") String fromName) {
}
