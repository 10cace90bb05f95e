package com.casewire.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The hub's top-level keys: {@code hub.public-base-url}, {@code hub.practice-management} and {@code hub.routes-dir}.
 * Every section of {@code hub.*} has a record of its own beside the feature that reads it ({@code hub.firm}:
 * {@link FirmProperties}, {@code hub.clio}: {@code practice.clio.ClioProperties}, ...). The keys are a public
 * contract: integrators and deployment scripts use these names, so renaming one is a breaking change.
 * {@link HubSettingsCheck} checks every section before the hub starts and names each offending key; the rules that
 * span sections live there.
 */
@Validated
@ConfigurationProperties("hub")
public record HubProperties(
        @NotBlank(message = "hub.public-base-url is required (environment variable HUB_PUBLICBASEURL)") @Pattern(regexp = "https?://\\S+", message = "hub.public-base-url must be an http(s) URL") String publicBaseUrl,
        @NotBlank(message = "hub.practice-management is required (environment variable HUB_PRACTICEMANAGEMENT)") @Pattern(regexp = "clio|mycase", message = "hub.practice-management must be clio or mycase") String practiceManagement,
        @NotBlank @DefaultValue("routes") String routesDir) {
}
