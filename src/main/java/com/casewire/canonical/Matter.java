package com.casewire.canonical;

/**
 * A matter (Clio) or case (MyCase), with the people a workflow needs.
 *
 * @param notifyContact the person the matter names to receive client updates instead of the client (a
 *                      minor's guardian, a company's representative); null when the client hears directly
 */
public record Matter(String id, String displayNumber, String description, String status,
                     String practiceArea, StaffMember responsibleAttorney, Contact client, Contact notifyContact) {

    public Matter(String id, String displayNumber, String description, String status, String practiceArea,
                  StaffMember responsibleAttorney, Contact client) {
        this(id, displayNumber, description, status, practiceArea, responsibleAttorney, client, null);
    }

    /** What the client calls it: the description, else the number. */
    public String name() {
        return description != null && !description.isBlank() ? description : displayNumber;
    }

    /** Who hears about this matter: the contact the matter names for updates, else the client. */
    public Contact updatesRecipient() {
        return notifyContact != null ? notifyContact : client;
    }
}
