package com.casewire.schedule;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.timers.*}: how often durable timers are polled and how long a claimed timer stays claimed.
 */
@Validated
@ConfigurationProperties("hub.timers")
public record TimerProperties(@DefaultValue("1000") @Min(50) long pollIntervalMillis, @DefaultValue("2m") Duration claimTimeout) {
}
