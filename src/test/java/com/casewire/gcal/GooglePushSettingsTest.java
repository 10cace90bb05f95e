package com.casewire.gcal;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.support.TestHubProperties;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The hub.google keys for credentials and push: defaults, and validation messages that name the key. */
class GooglePushSettingsTest {

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    Set<String> problems(Map<String, String> overrides) {
        Map<String, String> p = GcalFixtures.required();
        p.put("hub.google.calendar-ids[0]", "firm@example.com");
        p.putAll(overrides);
        GoogleProperties google = GcalFixtures.bind(p).google();
        return validator.validate(google).stream().map(ConstraintViolation::getMessage).collect(Collectors.toSet());
    }

    @Test
    void defaultsKeepRefreshTokenCredentialsAndWeeklyChannelsRenewedADayAhead() {
        GoogleProperties google = GcalFixtures.bind(GcalFixtures.required()).google();

        assertThat(google.credentials()).isEqualTo("refresh-token");
        assertThat(google.usesServiceAccount()).isFalse();
        assertThat(google.scope()).isEqualTo("https://www.googleapis.com/auth/calendar");
        assertThat(google.push()).isTrue();
        assertThat(google.channelLifetime()).isEqualTo(Duration.ofDays(7));
        assertThat(google.channelRenewBefore()).isEqualTo(Duration.ofDays(1));
        assertThat(google.syncIntervalMillis()).isEqualTo(900_000);
        assertThat(google.endedEventWindow()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aServiceAccountNeedsItsKeyButNoOAuthClient() {
        assertThat(problems(Map.of("hub.google.credentials", "service-account"))).containsExactly(
                "hub.google.service-account-key (a JSON key file's path or content) is required when hub.google.credentials is service-account");
        assertThat(problems(Map.of("hub.google.credentials", "service-account", "hub.google.service-account-key", "/etc/key.json")))
                .isEmpty();
        assertThat(problems(Map.of("hub.google.credentials", "api-key")))
                .contains("hub.google.credentials must be refresh-token or service-account");
    }

    @Test
    void channelsMustLiveLongerThanTheirRenewalMargin() {
        assertThat(problems(Map.of("hub.google.client-id", "c", "hub.google.client-secret", "s", "hub.google.refresh-token", "r",
                "hub.google.channel-lifetime", "12h", "hub.google.channel-renew-before", "1d", "hub.google.sync-interval-millis", "10")))
                .containsExactlyInAnyOrder(
                        "hub.google.channel-lifetime must be longer than hub.google.channel-renew-before, and both positive",
                        "hub.google.sync-interval-millis must be at least 1000");
    }
}
