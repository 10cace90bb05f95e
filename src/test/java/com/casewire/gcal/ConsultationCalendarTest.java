package com.casewire.gcal;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.support.TestHubProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whether booking and free/busy routing can use Google: with an OAuth client's refresh token, and with a service
 * account's key (which the tokens use once calendars are configured); not without credentials.
 */
class ConsultationCalendarTest {

    @Test
    void configuredWithARefreshTokenOrAServiceAccountKeyAndNotWithout() {
        assertThat(calendar(Map.of()).configured()).isFalse();
        assertThat(calendar(Map.of("hub.google.client-id", "id", "hub.google.client-secret", "secret",
                "hub.google.refresh-token", "refresh")).configured()).isTrue();
        assertThat(calendar(Map.of("hub.google.credentials", "service-account", "hub.google.service-account-key",
                "/keys/hub.json", "hub.google.calendar-ids", "intake@firm.example")).configured()).isTrue();
        assertThat(calendar(Map.of("hub.google.credentials", "service-account", "hub.google.service-account-key",
                "/keys/hub.json")).configured()).as("no calendars: the connector is off").isFalse();
    }

    private static ConsultationCalendar calendar(Map<String, String> keys) {
        return new ConsultationCalendar(null, TestHubProperties.with(keys).google());
    }
}
