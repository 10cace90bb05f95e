package com.casewire.sandbox;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The sandbox simulators' world for the route test kit (com.casewire.routetest): what the practice system holds before
 * a case, and what the vendors received after it (texts, mail, webhook posts, notes written on matters).
 */
@Component
@Profile("sandbox")
public class SandboxWorld {

    /** A message a vendor simulator received: channel sms, email or webhook; {@code to} a number, address or hook name. */
    public record Sent(String channel, String to, String subject, String text) {
    }

    /** A note the hub wrote on a matter in the Clio simulator. */
    public record Note(String matterId, String subject, String detail) {
    }

    private final SandboxState state;
    private final GreenMail mail;

    SandboxWorld(SandboxState state, GreenMail mail) {
        this.state = state;
        this.mail = mail;
    }

    /**
     * Forgets everything the simulators received and sets the practice system's matters and contacts: the sandbox's
     * own (1001 to 1004) plus those given, in the shape a route test writes them ({@link #clioMatter}).
     */
    public void reset(List<Map<String, Object>> matters, List<Map<String, Object>> contacts)
            throws com.icegreen.greenmail.store.FolderException {
        state.messages.clear();
        state.notes.clear();
        state.webhooks.clear();
        state.timeEntries.clear();
        state.bills.clear();
        state.lawpayEvents.clear();
        state.matters.clear();
        state.contacts.clear();
        // record ids start again, so a case can name what it creates: its first overdue bill is INV-9001
        state.ids.set(9000);
        mail.purgeEmailFromAllMailboxes();
        SandboxConfig.seed(state);
        matters.forEach(m -> state.matters.put(String.valueOf(m.get("id")), clioMatter(m)));
        contacts.forEach(c -> state.contacts.put(String.valueOf(c.get("id")), clioContact(c)));
    }

    /** The id of the sandbox's Clio webhook for a model (matter, task, document, calendar_entry, activity), or empty. */
    public static java.util.OptionalLong webhookFor(String model) {
        return SandboxConfig.SANDBOX_WEBHOOKS.entrySet().stream().filter(e -> e.getValue().equals(model))
                .mapToLong(Map.Entry::getKey).findFirst();
    }

    /** Texts, then mail (once per message, however many it was addressed to), then webhook posts, each in the order they arrived. */
    public List<Sent> sent() throws MessagingException {
        List<Sent> out = new ArrayList<>();
        state.messages.forEach(m -> out.add(new Sent("sms", m.to(), null, m.body())));
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            // the SMTP server keeps a copy per recipient: a message with a copy to the attorney is one message sent
            if (m.getMessageID() != null && !seen.add(m.getMessageID())) {
                continue;
            }
            out.add(new Sent("email", String.join(", ", m.getHeader("To")), m.getSubject(),
                    SandboxPageController.readable(m).strip()));
        }
        state.webhooks.forEach(w -> out.add(new Sent("webhook", w.name(), null, w.body())));
        return out;
    }

    public List<Note> notes() {
        return state.notes.stream().map(n -> new Note(n.matterId(), n.subject(), n.detail())).toList();
    }

    /**
     * A matter as a route test writes it ({@code id, number, description, status, practiceArea, client, attorney,
     * preferredContact, trustBalance, customFields}) in the shape Clio's {@code GET /matters/{id}.json} returns.
     */
    static Map<String, Object> clioMatter(Map<String, Object> spec) {
        long id = Long.parseLong(String.valueOf(spec.get("id")));
        Map<String, Object> m = SandboxConfig.matter(id, text(spec, "number", String.format("%05d", id)),
                text(spec, "description", "Matter " + id), text(spec, "status", "Open"),
                text(spec, "practiceArea", "General"), clioContact(map(spec.get("client"))));
        Map<String, Object> attorney = map(spec.get("attorney"));
        if (!attorney.isEmpty()) {
            m.put("responsible_attorney", Map.of("id", Long.parseLong(text(attorney, "id", "77")),
                    "name", text(attorney, "name", "Alex Counsel"), "email", text(attorney, "email", "alex@sandbox-law.example")));
        }
        List<Map<String, Object>> fields = new ArrayList<>();
        Map<String, Object> custom = new LinkedHashMap<>(map(spec.get("customFields")));
        if (spec.get("preferredContact") != null) {
            custom.put("Preferred contact method", spec.get("preferredContact"));
        }
        custom.forEach((name, value) -> fields.add(Map.of("id", "cf-" + (fields.size() + 1), "field_name", name,
                "field_type", "text_line", "value", String.valueOf(value))));
        if (!fields.isEmpty()) {
            m.put("custom_field_values", fields);
        }
        if (spec.get("trustBalance") != null) {
            m.put("account_balances", List.of(Map.of("id", 11, "type", "Trust", "name", "IOLTA Trust",
                    "balance", Double.parseDouble(String.valueOf(spec.get("trustBalance"))))));
        }
        return m;
    }

    /** A contact ({@code id, name, firstName, email, phone}) as Clio returns it. */
    static Map<String, Object> clioContact(Map<String, Object> spec) {
        String name = text(spec, "name", "Client");
        return SandboxConfig.client(Long.parseLong(text(spec, "id", "1")), name,
                text(spec, "firstName", name.split(" ")[0]), text(spec, "email", null), text(spec, "phone", null));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String text(Map<String, Object> spec, String key, String fallback) {
        Object value = spec.get(key);
        return value == null ? fallback : String.valueOf(value);
    }
}
