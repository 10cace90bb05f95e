package com.casewire.canonical;

import java.util.Locale;
import java.util.Optional;

/** How a message reaches a person. */
public enum Channel {
    SMS, EMAIL, PORTAL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * A person's words for a channel, as a practice-management custom field or a client's reply says it:
     * SMS / text / text message, email / e-mail, portal / client portal (any case).
     */
    public static Optional<Channel> fromWords(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", " ").strip();
        return switch (v) {
            case "sms", "text", "texts", "text message", "text messages", "txt" -> Optional.of(SMS);
            case "email", "e mail", "mail" -> Optional.of(EMAIL);
            case "portal", "client portal" -> Optional.of(PORTAL);
            default -> Optional.empty();
        };
    }

    public static Optional<Channel> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
