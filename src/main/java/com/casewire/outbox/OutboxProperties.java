package com.casewire.outbox;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.outbox.*}: how long and how often the outbox retries a send, how many senders work per vendor, and
 * how long a vendor call may take.
 */
@Validated
@ConfigurationProperties("hub.outbox")
public record OutboxProperties(
        @DefaultValue("24h") Duration retryFor,
        @DefaultValue("2s") Duration initialBackoff,
        @DefaultValue("10m") Duration maxBackoff,
        @DefaultValue("2m") Duration claimTimeout,
        @DefaultValue("8") @Min(1) int sendersPerVendor,
        @DefaultValue("10s") Duration vendorTimeout) {
}
