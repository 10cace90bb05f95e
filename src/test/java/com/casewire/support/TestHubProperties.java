package com.casewire.support;

import com.casewire.config.HubProperties;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@link HubProperties} bound the way Spring binds them (defaults and validation included), without a
 * context: the required keys with placeholder values, plus a test's own overrides.
 */
public final class TestHubProperties {

    private TestHubProperties() {
    }

    /** The keys the hub cannot start without, with harmless values. */
    public static Map<String, String> required() {
        Map<String, String> p = new HashMap<>();
        p.put("hub.public-base-url", "https://hub.example");
        p.put("hub.practice-management", "clio");
        p.put("hub.firm.name", "Test Law");
        p.put("hub.clio.base-url", "https://app.clio.com/api/v4");
        p.put("hub.clio.access-token", "t");
        p.put("hub.twilio.account-sid", "AC1");
        p.put("hub.twilio.auth-token", "t");
        p.put("hub.twilio.from-number", "+12015550199");
        p.put("hub.mail.from", "a@b.example");
        return p;
    }

    public static HubProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bind("hub", HubProperties.class).get();
    }

    /** The required keys with {@code overrides} on top. */
    public static HubProperties with(Map<String, String> overrides) {
        Map<String, String> p = required();
        p.putAll(overrides);
        return bind(p);
    }
}
