package com.casewire.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.firm.*}: the firm the hub works for; its time zone is the one times are shown and scheduled in.
 */
@Validated
@ConfigurationProperties("hub.firm")
public record FirmProperties(
        @NotBlank(message = "hub.firm.name is required (environment variable HUB_FIRM_NAME)") String name,
        @NotBlank(message = "hub.firm.time-zone is required (environment variable HUB_FIRM_TIMEZONE)") @DefaultValue("America/New_York") String timeZone) {

    @AssertTrue(message = "hub.firm.time-zone must be an IANA zone id such as America/New_York")
    public boolean isTimeZoneValid() {
        return isZone(timeZone);
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    private static boolean isZone(String zone) {
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException | NullPointerException e) {
            return false;
        }
    }
}
