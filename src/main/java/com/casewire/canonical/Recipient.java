package com.casewire.canonical;

/**
 * Who a notification is for, and in which role (client, billing contact, attorney).
 */
public record Recipient(Contact contact, String role) {

    public static Recipient client(Contact contact) {
        return new Recipient(contact, "client");
    }
}
