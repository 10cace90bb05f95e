package com.casewire.sandbox;

import com.casewire.practice.clio.ClioWebhookSecrets;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The sandbox profile: local simulators of Clio and Twilio that follow their public contracts, and a
 * captured-mail SMTP server, so a newcomer sees a workflow end to end without a vendor account.
 */
@Configuration(proxyBeanMethods = false)
@Profile("sandbox")
class SandboxConfig {

    @Bean
    SandboxState sandboxState() {
        SandboxState state = new SandboxState();
        seed(state);
        return state;
    }

    /** The sandbox's own matters and contacts, as the README's walkthroughs and the route test kit's defaults use them. */
    static void seed(SandboxState state) {
        state.matters.put("1001", matter(1001, "00001-Doe", "Doe v. Acme Trucking", "Open", "Personal Injury",
                client(501, "Jane Doe", "Jane", "jane.doe@example.com", "+12015550100")));
        state.matters.put("1002", matter(1002, "00002-Roe", "Roe Estate Plan", "Open", "Estate Planning",
                client(502, "Richard Roe", "Richard", "richard.roe@example.com", null)));
        // the walkthrough's matter: the client prefers text messages (the matter's preference custom field)
        Map<String, Object> garcia = matter(1003, "00003-Garcia", "Garcia Custody", "Open", "Family Law",
                client(503, "Maria Garcia", "Maria", "maria.garcia@example.com", "+12015550133"));
        garcia.put("custom_field_values", List.of(Map.of("id", "cf-301", "field_name", "Preferred contact method",
                "field_type", "text_line", "value", "Text")));
        state.matters.put("1003", garcia);
        // the retainer walkthrough's matter: $3,000 in trust, the firm's default threshold ($2,500, replenish to $5,000);
        // the company's CFO pays (the "Billing contact" custom field names her), not the client's director
        Map<String, Object> patel = matter(1004, "00004-Patel", "Patel Holdings v. Brightline", "Open", "Commercial Litigation",
                client(504, "Anil Patel", "Anil", "anil.patel@example.com", null));
        patel.put("account_balances", List.of(Map.of("id", 11, "type", "Trust", "name", "IOLTA Trust", "balance", 3000.00)));
        patel.put("custom_field_values", List.of(Map.of("id", "cf-401", "field_name", "Billing contact",
                "field_type", "contact", "value", Map.of("id", 604, "name", "Priya Shah"))));
        state.matters.put("1004", patel);
        state.contacts.put("604", client(604, "Priya Shah", "Priya", "priya.shah@patel-holdings.example", null));
    }

    /**
     * The webhooks Clio would have created for the hub (the hub cannot subscribe to the simulator: Clio only calls
     * https URLs), so the sample deliveries of scripts/sandbox-event.sh are normalised by model.
     */
    @Bean
    ApplicationRunner sandboxWebhooks(ClioWebhookSecrets webhooks) {
        return args -> SANDBOX_WEBHOOKS.forEach((id, model) ->
                webhooks.subscribed(id, model, Instant.now().plus(Duration.ofDays(31))));
    }

    /** Webhook ids the sample script uses, by model. */
    static final Map<Long, String> SANDBOX_WEBHOOKS = Map.of(4242L, "matter", 4243L, "task", 4244L, "document",
            4245L, "calendar_entry", 4246L, "activity");

    @Bean(initMethod = "start", destroyMethod = "stop")
    GreenMail sandboxMailServer(@Value("${hub.sandbox.smtp-port:3025}") int port) {
        return new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    static Map<String, Object> matter(long id, String number, String description, String status, String area,
                                              Map<String, Object> client) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("etag", "\"" + Long.toHexString(id * 7919) + "\"");
        m.put("display_number", number);
        m.put("description", description);
        m.put("status", status);
        m.put("practice_area", Map.of("id", id + 100, "name", area));
        m.put("responsible_attorney", Map.of("id", 77, "name", "Alex Counsel", "email", "alex@sandbox-law.example"));
        m.put("client", client);
        return m;
    }

    static Map<String, Object> client(long id, String name, String first, String email, String phone) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", id);
        c.put("name", name);
        c.put("first_name", first);
        c.put("last_name", name.substring(name.indexOf(' ') + 1));
        c.put("primary_email_address", email);
        c.put("primary_phone_number", phone);
        return c;
    }
}
