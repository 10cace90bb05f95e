package com.casewire.inbox;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.inbox.*}: the inbox's workers, attempts and sweep of deliveries left behind.
 */
@Validated
@ConfigurationProperties("hub.inbox")
public record InboxProperties(
        @DefaultValue("8") @Min(1) int workers,
        @DefaultValue("5") @Min(1) int maxAttempts,
        @DefaultValue("5s") Duration sweepGrace,
        @DefaultValue("5000") @Min(100) long sweepIntervalMillis,
        @DefaultValue("true") boolean processAtEdge,
        @DefaultValue("24h") Duration retryFor) {
}
