package com.casewire.canonical;

import java.util.Locale;
import java.util.Optional;

/** How a message reaches a person. */
public enum Channel {
    SMS, EMAIL, PORTAL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
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
