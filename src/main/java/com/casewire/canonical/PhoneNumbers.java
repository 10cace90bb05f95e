package com.casewire.canonical;

import java.util.Optional;

/** Phone numbers in E.164. Only North American numbers are completed from a national format. */
public final class PhoneNumbers {

    private PhoneNumbers() {
    }

    public static Optional<String> toE164(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String trimmed = raw.strip();
        String digits = trimmed.replaceAll("[^0-9]", "");
        if (trimmed.startsWith("+")) {
            return digits.length() >= 8 && digits.length() <= 15 && digits.charAt(0) != '0'
                    ? Optional.of("+" + digits) : Optional.empty();
        }
        if ("US".equalsIgnoreCase(defaultRegion) || "CA".equalsIgnoreCase(defaultRegion)) {
            if (digits.length() == 10 && digits.charAt(0) >= '2') {
                return Optional.of("+1" + digits);
            }
            if (digits.length() == 11 && digits.charAt(0) == '1') {
                return Optional.of("+" + digits);
            }
        }
        return Optional.empty();
    }
}
