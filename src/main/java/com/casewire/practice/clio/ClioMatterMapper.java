package com.casewire.practice.clio;

import com.casewire.canonical.Contact;
import com.casewire.canonical.Matter;
import com.casewire.canonical.PhoneNumbers;
import com.casewire.canonical.StaffMember;
import com.fasterxml.jackson.databind.JsonNode;

/** Clio matter JSON (webhook data or GET /matters/{id}.json data) to the canonical {@link Matter}. */
public final class ClioMatterMapper {

    /**
     * The fields one GET /matters/{id}.json asks for, so matter, client, practice area and attorney come in
     * one call. Clio allows one level of nesting only.
     */
    public static final String MATTER_FIELDS = "id,etag,display_number,description,status,"
            + "practice_area{id,name},responsible_attorney{id,name,email},"
            + "client{id,name,first_name,last_name,primary_email_address,primary_phone_number}";

    private ClioMatterMapper() {
    }

    public static Matter toMatter(JsonNode data, String defaultPhoneRegion) {
        JsonNode attorney = data.path("responsible_attorney");
        return new Matter(
                text(data, "id"),
                text(data, "display_number"),
                text(data, "description"),
                text(data, "status"),
                text(data.path("practice_area"), "name"),
                attorney.isObject() ? new StaffMember(text(attorney, "id"), text(attorney, "name"), text(attorney, "email")) : null,
                toContact(data.path("client"), defaultPhoneRegion));
    }

    static Contact toContact(JsonNode client, String defaultPhoneRegion) {
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

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
