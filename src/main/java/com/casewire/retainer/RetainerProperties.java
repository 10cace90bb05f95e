package com.casewire.retainer;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.retainer.*}: how often the sweep runs (routes/retainer.camel.yaml reads the same key). The workflow's
 * rules live in {@code routes/retainer.rules.yaml} (integrator-owned).
 *
 * @param sweepIntervalMillis milliseconds between sweeps of every matter with a trust balance; daily by default.
 *                            Clio sends no webhook for bank transactions, so the sweep is what sees a withdrawal
 *                            from trust that no time entry or payment announced.
 */
@Validated
@ConfigurationProperties("hub.retainer")
record RetainerProperties(
        @Min(value = 60_000, message = "hub.retainer.sweep-interval-millis must be at least 60000 (a minute)")
        @DefaultValue("86400000") long sweepIntervalMillis) {
}
