package com.casewire.canonical;

/**
 * A person or company in the practice-management system.
 *
 * @param mobilePhone E.164 number that can receive SMS, or null
 * @param preferredChannel the contact's stated preference, or null when unknown
 * @param timeZone IANA zone of the contact, or null to use the firm's
 */
public record Contact(String id, String name, String firstName, String email, String mobilePhone,
                      Channel preferredChannel, String timeZone) {

    public String greetingName() {
        if (firstName != null && !firstName.isBlank()) {
            return firstName;
        }
        return name == null ? "" : name.split(" ")[0];
    }

    public Contact withPreferredChannel(Channel channel) {
        return new Contact(id, name, firstName, email, mobilePhone, channel, timeZone);
    }
}
