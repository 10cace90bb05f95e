package com.casewire.support;

import com.casewire.config.FirmProperties;
import com.casewire.config.HubProperties;
import com.casewire.gcal.GoogleProperties;
import com.casewire.inbox.InboxProperties;
import com.casewire.inbox.WebhookProperties;
import com.casewire.intake.IntakeProperties;
import com.casewire.lawpay.LawpayProperties;
import com.casewire.mail.MailProperties;
import com.casewire.notify.NotificationProperties;
import com.casewire.ops.ApiProperties;
import com.casewire.outbox.OutboxProperties;
import com.casewire.practice.clio.ClioProperties;
import com.casewire.practice.mycase.MyCaseProperties;
import com.casewire.schedule.TimerProperties;
import com.casewire.statusupdate.StatusUpdateProperties;
import com.casewire.twilio.TwilioProperties;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The {@code hub.*} configuration records bound the way Spring binds them (defaults included), without a context:
 * the required keys with placeholder values, plus a test's own overrides. One method per section, named as the
 * section: {@code TestHubProperties.with(Map.of("hub.clio.base-url", url)).clio()}.
 */
public final class TestHubProperties {

    private final Binder binder;

    private TestHubProperties(Map<String, String> properties) {
        this.binder = new Binder(new MapConfigurationPropertySource(properties));
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

    /** Exactly {@code properties}, nothing added. */
    public static TestHubProperties bind(Map<String, String> properties) {
        return new TestHubProperties(properties);
    }

    /** The required keys with {@code overrides} on top. */
    public static TestHubProperties with(Map<String, String> overrides) {
        Map<String, String> p = required();
        p.putAll(overrides);
        return bind(p);
    }

    /** The top-level keys: public-base-url, practice-management, routes-dir. */
    public HubProperties hub() {
        return section("hub", HubProperties.class);
    }

    public FirmProperties firm() {
        return section("hub.firm", FirmProperties.class);
    }

    public ClioProperties clio() {
        return section("hub.clio", ClioProperties.class);
    }

    public MyCaseProperties mycase() {
        return section("hub.mycase", MyCaseProperties.class);
    }

    public TwilioProperties twilio() {
        return section("hub.twilio", TwilioProperties.class);
    }

    public MailProperties mail() {
        return section("hub.mail", MailProperties.class);
    }

    public WebhookProperties webhooks() {
        return section("hub.webhooks", WebhookProperties.class);
    }

    public NotificationProperties notifications() {
        return section("hub.notifications", NotificationProperties.class);
    }

    public OutboxProperties outbox() {
        return section("hub.outbox", OutboxProperties.class);
    }

    public InboxProperties inbox() {
        return section("hub.inbox", InboxProperties.class);
    }

    public TimerProperties timers() {
        return section("hub.timers", TimerProperties.class);
    }

    public ApiProperties api() {
        return section("hub.api", ApiProperties.class);
    }

    public LawpayProperties lawpay() {
        return section("hub.lawpay", LawpayProperties.class);
    }

    public GoogleProperties google() {
        return section("hub.google", GoogleProperties.class);
    }

    public IntakeProperties intake() {
        return section("hub.intake", IntakeProperties.class);
    }

    public StatusUpdateProperties statusUpdates() {
        return section("hub.status-updates", StatusUpdateProperties.class);
    }

    private <T> T section(String prefix, Class<T> type) {
        return binder.bindOrCreate(prefix, type);
    }
}
