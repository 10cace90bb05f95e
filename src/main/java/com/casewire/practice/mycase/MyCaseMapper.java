package com.casewire.practice.mycase;

import com.casewire.canonical.Channel;
import com.casewire.canonical.Contact;
import com.casewire.canonical.Matter;
import com.casewire.canonical.PhoneNumbers;
import com.casewire.canonical.StaffMember;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * MyCase JSON (cases, clients, staff, tasks, documents) to canonical records. Field names are the ones public
 * MyCase clients use (docs/connectors/mycase.md); where two shapes are reported both are read: a practice area
 * or stage as text or as {"name"}, a case's clients as {@code clients[{id}]}.
 */
final class MyCaseMapper {

    private MyCaseMapper() {
    }

    /**
     * A case with its client and lead attorney (either may be null when not fetched). {@code name} is what the
     * firm and client call the case; {@code case_number} is its number.
     */
    public static Matter toMatter(JsonNode kase, JsonNode client, JsonNode attorney, String phoneRegion,
                                  String preferenceField) {
        return new Matter(text(kase, "id"), text(kase, "case_number"), text(kase, "name"), text(kase, "status"),
                nameOf(kase.path("practice_area")), attorney == null ? null : toStaff(attorney),
                client == null ? null : toContact(client, phoneRegion, preferenceField));
    }

    /** A MyCase client (a person). The mobile number is {@code cell_phone_number}, made E.164. */
    public static Contact toContact(JsonNode client, String phoneRegion, String preferenceField) {
        String first = text(client, "first_name");
        String last = text(client, "last_name");
        String name = text(client, "name");
        if (name == null) {
            name = join(first, last);
        }
        String mobile = PhoneNumbers.toE164(text(client, "cell_phone_number"), phoneRegion).orElse(null);
        return new Contact(text(client, "id"), name, first, text(client, "email"), mobile,
                preference(client, preferenceField).orElse(null), null);
    }

    public static StaffMember toStaff(JsonNode staff) {
        String name = text(staff, "name");
        if (name == null) {
            name = join(text(staff, "first_name"), text(staff, "last_name"));
        }
        return new StaffMember(text(staff, "id"), name, text(staff, "email"));
    }

    /**
     * The client's channel preference from the custom field named (or numbered) {@code field}. The shape of custom
     * field values on a MyCase client is unconfirmed, so several are read: {@code custom_field_values[]} entries
     * naming the field by {@code field_name}, {@code name}, {@code custom_field{id,name}} or {@code custom_field_id},
     * with the value as text or as {"value"}/{"name"}/{"option_value"}; or a top-level key of that name.
     * Empty when no field is configured or the value is not a channel.
     */
    public static Optional<Channel> preference(JsonNode client, String field) {
        if (field == null || field.isBlank()) {
            return Optional.empty();
        }
        for (JsonNode entry : client.path("custom_field_values")) {
            if (names(entry, field)) {
                return channel(valueOf(entry.path("value")));
            }
        }
        if (client.has(field)) {
            return channel(valueOf(client.path(field)));
        }
        return Optional.empty();
    }

    private static boolean names(JsonNode entry, String field) {
        for (JsonNode candidate : new JsonNode[] {entry.path("field_name"), entry.path("name"),
                entry.path("custom_field").path("name"), entry.path("custom_field").path("id"), entry.path("custom_field_id")}) {
            if (candidate.isValueNode() && candidate.asText().equalsIgnoreCase(field.trim())) {
                return true;
            }
        }
        return false;
    }

    private static String valueOf(JsonNode value) {
        if (value.isValueNode() && !value.isNull()) {
            return value.asText();
        }
        for (String key : new String[] {"value", "name", "option_value"}) {
            if (value.path(key).isValueNode() && !value.path(key).isNull()) {
                return value.path(key).asText();
            }
        }
        return null;
    }

    /** "SMS", "Text message", "E-mail", "Client portal" and the like to a channel. */
    static Optional<Channel> channel(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        return switch (v) {
            case "sms", "text", "texts", "textmessage", "textmessages" -> Optional.of(Channel.SMS);
            case "email", "mail" -> Optional.of(Channel.EMAIL);
            case "portal", "clientportal" -> Optional.of(Channel.PORTAL);
            default -> Optional.empty();
        };
    }

    /** The case a task or document belongs to: {@code case{id}} or {@code case_id}; null when none. */
    public static String caseIdOf(JsonNode record) {
        String nested = text(record.path("case"), "id");
        return nested != null ? nested : text(record, "case_id");
    }

    /** The first client of a case ({@code clients[{id}]}, or {@code client{id}}); null when none. */
    public static String firstClientId(JsonNode kase) {
        JsonNode clients = kase.path("clients");
        if (clients.isArray() && !clients.isEmpty()) {
            return text(clients.get(0), "id");
        }
        return text(kase.path("client"), "id");
    }

    /**
     * The case's lead attorney among {@code staff[]}: the entry flagged {@code lead_lawyer} (flag name unconfirmed),
     * else the first; null when the case lists no staff.
     */
    public static String leadStaffId(JsonNode kase) {
        JsonNode staff = kase.path("staff");
        if (!staff.isArray() || staff.isEmpty()) {
            return null;
        }
        for (JsonNode member : staff) {
            if (member.path("lead_lawyer").asBoolean(false)) {
                return text(member, "id");
            }
        }
        return text(staff.get(0), "id");
    }

    /** A case stage or practice area: text, or an object with a name. */
    public static String nameOf(JsonNode value) {
        if (value.isValueNode() && !value.isNull()) {
            return value.asText().isBlank() ? null : value.asText();
        }
        return text(value, "name");
    }

    /** An ISO-8601 time with offset, an instant, or a local date-time taken as UTC; null when absent or unreadable. */
    public static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException notInstant) {
                try {
                    return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException unreadable) {
                    return null;
                }
            }
        }
    }

    /** An id as MyCase writes it: a number when it is one. */
    static JsonNode idValue(String id) {
        try {
            return JsonNodeFactory.instance.numberNode(Long.parseLong(id));
        } catch (NumberFormatException notNumeric) {
            return JsonNodeFactory.instance.textNode(id);
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    private static String join(String first, String last) {
        String joined = ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
        return joined.isEmpty() ? null : joined;
    }
}
