package com.casewire.practice.clio;

import com.casewire.audit.LogMask;
import com.casewire.canonical.Contact;
import com.casewire.canonical.Matter;
import com.casewire.notify.NotificationProperties;
import com.casewire.statusupdate.StatusUpdateProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Clio matters as canonical {@link Matter}s, with the custom fields the hub reads
 * ({@code hub.status-updates.preference-field}, {@code recipient-field}): the client's channel preference,
 * and the updates contact (a guardian, a company's representative), fetched with GET /contacts/{id}.json.
 */
@Component
class ClioMatters {

    private static final Logger log = LoggerFactory.getLogger(ClioMatters.class);

    private final ClioClient clio;
    private final String phoneRegion;
    private final ClioMatterMapper.CustomFields fields;

    ClioMatters(ClioClient clio, NotificationProperties notifications, StatusUpdateProperties statusUpdates) {
        this.clio = clio;
        this.phoneRegion = notifications.defaultPhoneRegion();
        this.fields = new ClioMatterMapper.CustomFields(statusUpdates.preferenceField(),
                statusUpdates.recipientField());
    }

    /** GET /matters/{id}.json with nested fields; empty when Clio does not know the matter. */
    Optional<Matter> find(String matterId) {
        return clio.getMatter(matterId, ClioMatterMapper.MATTER_FIELDS).map(this::fromData);
    }

    /** Matter data (fetched, or a webhook delivery that carries the client) to a Matter. */
    Matter fromData(JsonNode data) {
        Contact notifyContact = ClioMatterMapper.notifyContactId(data, fields).flatMap(this::contact).orElse(null);
        return ClioMatterMapper.toMatter(data, phoneRegion, fields, notifyContact);
    }

    private Optional<Contact> contact(String id) {
        if (!id.matches("\\d+")) {
            log.warn("custom field {} holds '{}', not a Clio contact id; updates go to the client", fields.recipientField(),
                    LogMask.text(id));
            return Optional.empty();
        }
        Optional<Contact> contact = clio.getContact(id, ClioMatterMapper.CONTACT_FIELDS)
                .map(data -> ClioMatterMapper.toContact(data, phoneRegion));
        if (contact.isEmpty()) {
            log.warn("updates contact {} named by custom field {} does not exist in Clio; updates go to the client", id,
                    fields.recipientField());
        }
        return contact;
    }
}
