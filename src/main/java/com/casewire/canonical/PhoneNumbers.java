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
        // "+44 (0)20 ..." writes the national trunk prefix in brackets; it is not dialled internationally
        String trimmed = raw.strip().replace("(0)", "");
        String digits = trimmed.replaceAll("[^0-9]", "");
        if (trimmed.startsWith("+")) {
            return digits.length() >= 8 && digits.length() <= 15 && digits.charAt(0) != '0'
                    ? Optional.of("+" + digits) : Optional.empty();
        }
        if ("US".equalsIgnoreCase(defaultRegion) || "CA".equalsIgnoreCase(defaultRegion)) {
            String national = digits.length() == 11 && digits.charAt(0) == '1' ? digits.substring(1) : digits;
            // NANP: area code and exchange both start with 2-9
            if (national.length() == 10 && national.charAt(0) >= '2' && national.charAt(3) >= '2') {
                return Optional.of("+1" + national);
            }
        }
        return Optional.empty();
    }
}
