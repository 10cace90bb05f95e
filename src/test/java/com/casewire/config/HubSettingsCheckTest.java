package com.casewire.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.support.TestHubProperties;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The start-up check of every hub.* section: all problems at once, each naming its key. */
class HubSettingsCheckTest {

    static Binder binder(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties));
    }

    @Test
    void aBareStartNamesEachMissingKeyAndItsEnvironmentVariable() {
        assertThat(HubSettingsCheck.problems(binder(Map.of()))).containsExactly(
                "hub.practice-management is required (environment variable HUB_PRACTICEMANAGEMENT)",
                "hub.public-base-url is required (environment variable HUB_PUBLICBASEURL)",
                "hub.firm.name is required (environment variable HUB_FIRM_NAME)",
                "hub.twilio.account-sid is required (environment variable HUB_TWILIO_ACCOUNTSID)",
                "hub.twilio.account-sid, auth-token and from-number are required",
                "hub.twilio.auth-token is required (environment variable HUB_TWILIO_AUTHTOKEN)",
                "hub.twilio.from-number is required (environment variable HUB_TWILIO_FROMNUMBER)",
                "hub.mail.from is required (environment variable HUB_MAIL_FROM)");
    }

    @Test
    void theRequiredKeysAreEnough() {
        assertThat(HubSettingsCheck.problems(binder(TestHubProperties.required()))).isEmpty();
    }

    @Test
    void problemsInSeveralSectionsAreReportedTogether() {
        Map<String, String> p = new HashMap<>(TestHubProperties.required());
        p.put("hub.practice-management", "mycase");
        p.put("hub.webhooks.max-body-bytes", "10");
        p.put("hub.intake.mailbox.enabled", "true");
        assertThat(HubSettingsCheck.problems(binder(p))).containsExactly(
                "hub.webhooks.max-body-bytes must be greater than or equal to 1024",
                "hub.intake.mailbox.host, username and password are required when hub.intake.mailbox.enabled=true",
                "hub.mycase.access-token or hub.mycase.refresh-token is required when hub.practice-management=mycase");
    }

    @Test
    void theClioTokenIsRequiredOnlyForClio() {
        Map<String, String> p = new HashMap<>(TestHubProperties.required());
        p.remove("hub.clio.access-token");
        assertThat(HubSettingsCheck.problems(binder(p)))
                .containsExactly("hub.clio.access-token is required when hub.practice-management=clio");
        p.put("hub.practice-management", "mycase");
        p.put("hub.mycase.refresh-token", "r");
        p.put("hub.mycase.client-id", "c");
        p.put("hub.mycase.client-secret", "s");
        assertThat(HubSettingsCheck.problems(binder(p))).isEmpty();
    }

    @Test
    void aValueThatDoesNotConvertIsNamed() {
        Map<String, String> p = new HashMap<>(TestHubProperties.required());
        p.put("hub.outbox.senders-per-vendor", "many");
        assertThat(HubSettingsCheck.problems(binder(p))).singleElement().asString()
                .startsWith("hub.outbox.senders-per-vendor = many: ");
    }
}
