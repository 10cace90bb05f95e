package com.casewire.mail;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.mail.*}: the hub's sender address and its pacing of outgoing mail. The SMTP server is Spring's
 * {@code spring.mail.*}.
 */
@Validated
@ConfigurationProperties("hub.mail")
public record MailProperties(@NotBlank(message = "hub.mail.from is required (environment variable HUB_MAIL_FROM)") String from, @DefaultValue("5") @Min(1) double messagesPerSecond) {
}
