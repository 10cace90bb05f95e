package com.casewire.twilio;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.twilio.*}: the Twilio account the hub sends and receives SMS with. Required.
 */
@Validated
@ConfigurationProperties("hub.twilio")
public record TwilioProperties(
        @NotBlank(message = "hub.twilio.base-url is required (environment variable HUB_TWILIO_BASEURL)") @DefaultValue("https://api.twilio.com") @Pattern(regexp = "https?://\\S+", message = "hub.twilio.base-url must be an http(s) URL") String baseUrl,
        @NotBlank(message = "hub.twilio.account-sid is required (environment variable HUB_TWILIO_ACCOUNTSID)") @Pattern(regexp = "AC\\w+", message = "hub.twilio.account-sid must be a Twilio Account SID (AC...)") String accountSid,
        @NotBlank(message = "hub.twilio.auth-token is required (environment variable HUB_TWILIO_AUTHTOKEN)") String authToken,
        @NotBlank(message = "hub.twilio.from-number is required (environment variable HUB_TWILIO_FROMNUMBER)") @Pattern(regexp = "\\+[1-9]\\d{6,14}", message = "hub.twilio.from-number must be an E.164 number such as +12015550100") String fromNumber,
        @Min(value = 1, message = "hub.twilio.messages-per-second must be at least 1") @DefaultValue("1") double messagesPerSecond) {

    /** With no Twilio key at all, one line says so before the line for each key. */
    @AssertTrue(message = "hub.twilio.account-sid, auth-token and from-number are required")
    public boolean isAnyKeyPresent() {
        return !isBlank(accountSid) || !isBlank(authToken) || !isBlank(fromNumber);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
