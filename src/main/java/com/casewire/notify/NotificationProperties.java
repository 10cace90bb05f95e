package com.casewire.notify;

import jakarta.validation.constraints.NotEmpty;
import java.time.LocalTime;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.notifications.*}: quiet hours, the channel fallback order and the region phone numbers without a
 * country code are read in.
 */
@Validated
@ConfigurationProperties("hub.notifications")
public record NotificationProperties(
        @DefaultValue("08:00") LocalTime quietHoursEnd,
        @DefaultValue("21:00") LocalTime quietHoursStart,
        @NotEmpty @DefaultValue({"sms"}) List<String> quietHoursChannels,
        @NotEmpty @DefaultValue({"sms", "email", "portal"}) List<String> fallbackOrder,
        @DefaultValue("US") String defaultPhoneRegion) {
}
