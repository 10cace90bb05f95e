package com.casewire.practice.clio;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.clio.*}: the Clio connection. The access token is required only when {@code hub.practice-management=clio}
 * (checked by {@code config.HubSettingsCheck}); the OAuth keys let the hub refresh it.
 */
@Validated
@ConfigurationProperties("hub.clio")
public record ClioProperties(
        @NotBlank(message = "hub.clio.base-url is required (environment variable HUB_CLIO_BASEURL)") @DefaultValue("https://app.clio.com/api/v4") @Pattern(regexp = "https?://\\S+", message = "hub.clio.base-url must be an http(s) URL") String baseUrl,
        @DefaultValue("") String accessToken,
        String webhookSecret,
        @Min(value = 1, message = "hub.clio.requests-per-minute must be at least 1") @DefaultValue("50") int requestsPerMinute,
        @NotBlank @DefaultValue("4.0.9") String apiVersion,
        @DefaultValue({"matter", "task", "document", "calendar_entry", "activity"}) List<String> webhookModels,
        @DefaultValue("true") boolean manageWebhooks,
        @DefaultValue("") String refreshToken,
        @DefaultValue("") String clientId,
        @DefaultValue("") String clientSecret,
        @DefaultValue("https://app.clio.com/oauth/token") String tokenUrl) {

    public boolean canRefresh() {
        return !refreshToken.isBlank() && !clientId.isBlank() && !clientSecret.isBlank();
    }
}
