package com.casewire.inbox;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code hub.webhooks.*}: inbound edge limits (the largest webhook or form body the hub reads). */
@Validated
@ConfigurationProperties("hub.webhooks")
public record WebhookProperties(@DefaultValue("1048576") @Min(1024) int maxBodyBytes) {
}
