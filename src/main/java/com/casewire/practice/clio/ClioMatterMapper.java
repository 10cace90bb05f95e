package com.casewire.practice.clio;

import com.casewire.canonical.Channel;
import com.casewire.canonical.Contact;
import com.casewire.canonical.Matter;
import com.casewire.canonical.PhoneNumbers;
import com.casewire.canonical.StaffMember;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Clio matter JSON (webhook data or GET /matters/{id}.json data) to the canonical {@link Matter}. */
final class ClioMatterMapper {

    /**
     * The fields one GET /matters/{id}.json asks for, so matter, client, practice area, attorney and the custom
     * fields (channel preference, updates contact) come in one call. Clio allows one level of nesting only.
     */
    public static final String MATTER_FIELDS = "id,etag,display_number,description,status,"
            + "practice_area{id,name},responsible_attorney{id,name,email},"
            + "client{id,name,first_name,last_name,primary_email_address,primary_phone_number},"
            + "custom_field_values{id,field_name,field_type,value}";

    /** The fields GET /contacts/{id}.json asks for when a matter names an updates contact. */
    public static final String CONTACT_FIELDS = "id,name,first_name,last_name,primary_email_address,primary_phone_number";

    /** Which custom fields mean what (by field name, as the firm named them in Clio); null or blank: not used. */
    public record CustomFields(String preferenceField, String recipientField) {
        public static final CustomFields NONE = new CustomFields(null, null);
    }

    private ClioMatterMapper() {
    }

    public static Matter toMatter(JsonNode data, String defaultPhoneRegion) {
        return toMatter(data, defaultPhoneRegion, CustomFields.NONE, null);
    }

    /**
     * The matter; the client's channel preference from the preference custom field when it holds a channel
     * word; {@code notifyContact} (already fetched) as the matter's updates recipient.
     */
    public static Matter toMatter(JsonNode data, String defaultPhoneRegion, CustomFields fields, Contact notifyContact) {
        JsonNode attorney = data.path("responsible_attorney");
        Contact client = toContact(data.path("client"), defaultPhoneRegion);
        Optional<Channel> preference = customValue(data, fields.preferenceField()).flatMap(Channel::fromWords);
        if (preference.isPresent()) {
            if (client != null) {
                client = client.withPreferredChannel(preference.get());
            }
            if (notifyContact != null) {
                notifyContact = notifyContact.withPreferredChannel(preference.get());
            }
        }
        return new Matter(
                text(data, "id"),
                text(data, "display_number"),
                text(data, "description"),
                text(data, "status"),
                text(data.path("practice_area"), "name"),
                attorney.isObject() ? new StaffMember(text(attorney, "id"), text(attorney, "name"), text(attorney, "email")) : null,
                client,
                notifyContact);
    }

    /** The contact id in the matter's updates-contact custom field (a field of type contact), if set. */
    public static Optional<String> notifyContactId(JsonNode data, CustomFields fields) {
        return customValue(data, fields.recipientField());
    }

    static Optional<String> customValue(JsonNode data, String fieldName) {
        if (fieldName == null || fieldName.isBlank()) {
            return Optional.empty();
        }
        for (JsonNode value : data.path("custom_field_values")) {
            if (fieldName.equalsIgnoreCase(value.path("field_name").asText("").strip())) {
                JsonNode v = value.path("value");
                if (v.isObject()) {
                    v = v.path("id"); // a contact value given as an object: its id
                }
                String text = v.isMissingNode() || v.isNull() ? null : v.asText();
                return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.strip());
            }
        }
        return Optional.empty();
    }

    public static Contact toContact(JsonNode client, String defaultPhoneRegion) {
        if (!client.isObject()) {
            return null;
        }
        String phone = PhoneNumbers.toE164(text(client, "primary_phone_number"), defaultPhoneRegion).orElse(null);
        return new Contact(text(client, "id"), text(client, "name"), text(client, "first_name"),
                text(client, "primary_email_address"), phone, null, null);
    }

    /** Whether a webhook's matter data carries the client's contact details, or a GET is needed. */
    public static boolean hasClientContactDetails(JsonNode data) {
        JsonNode client = data.path("client");
        return client.isObject() && (client.has("primary_email_address") || client.has("primary_phone_number"));
    }

    /**
     * The fields a milestone rule may test, from a Clio record of {@code model} (Clio's names on the left):
     * task name, status; document name, document_category.name → category; calendar_entry summary, start_at, end_at;
     * activity note → summary, type → category; matter status.
     */
    public static Map<String, String> details(String model, JsonNode data) {
        Map<String, String> d = new HashMap<>();
        switch (model) {
            case "task" -> {
                d.put("name", text(data, "name"));
                d.put("status", text(data, "status"));
            }
            case "document" -> {
                d.put("name", text(data, "name"));
                d.put("category", text(data.path("document_category"), "name"));
            }
            case "calendar_entry" -> {
                d.put("summary", text(data, "summary"));
                d.put("start_at", text(data, "start_at"));
                d.put("end_at", text(data, "end_at"));
            }
            case "activity" -> {
                d.put("summary", text(data, "note"));
                d.put("category", text(data, "type"));
            }
            case "matter" -> d.put("status", text(data, "status"));
            default -> {
            }
        }
        return d;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
