package com.casewire.canonical;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Phone numbers in E.164, parsed and validated with libphonenumber. A national number is read in the firm's default
 * region ({@code hub.notifications.default-phone-region}); an international one (+...) in its own. Everything the hub
 * keeps as a phone number is a number it may text, so {@link #toE164} refuses what is not: invalid numbers, withheld
 * caller IDs, premium-rate, shared-cost, personal and pager numbers, and toll-free numbers outside North America
 * (toll-free texting exists only there). An extension ("x12", "ext. 12") is dropped: a text cannot dial it.
 */
public final class PhoneNumbers {

    /**
     * What Twilio puts in {@code From} / {@code Caller} when the caller withheld their number: keypad spellings of
     * ANONYMOUS, RESTRICTED, BLOCKED, UNKNOWN and UNAVAILABLE (not real subscribers, whatever country code they look
     * like), and the words themselves.
     */
    private static final Set<String> WITHHELD = Set.of("+266696687", "+7378742833", "+2562533", "+8656696", "+86282452253",
            "anonymous", "restricted", "blocked", "unknown", "unavailable", "private");
    /** Country calling code of the North American Numbering Plan, where toll-free numbers can be text-enabled. */
    private static final int NANP = 1;
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /**
     * The outcome of reading a number.
     *
     * @param e164 the number in E.164 without extension, when the hub may text it; else null
     * @param problem why not, for a person to read ("is a premium-rate number"); null when {@code e164} is set
     */
    public record Check(String e164, String problem) {
        public boolean textable() {
            return e164 != null;
        }
    }

    /** The E.164 form of a number the hub may text, or empty (see the class comment for what is refused). */
    public static Optional<String> toE164(String raw, String defaultRegion) {
        return Optional.ofNullable(check(raw, defaultRegion).e164());
    }

    /** Whether {@code raw} is a withheld caller ID rather than a number (never to be texted or called back). */
    public static boolean isWithheld(String raw) {
        if (raw == null) {
            return false;
        }
        return WITHHELD.contains(raw.replaceAll("[\\s()\\-.]", "").toLowerCase(Locale.ROOT));
    }

    public static Check check(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            return new Check(null, "is empty");
        }
        if (isWithheld(raw)) {
            return new Check(null, "is a withheld caller ID, not a number");
        }
        PhoneNumber number;
        try {
            number = UTIL.parse(raw.strip(), region(defaultRegion));
        } catch (NumberParseException e) {
            return new Check(null, "is not a phone number");
        }
        if (!UTIL.isValidNumber(number)) {
            return new Check(null, "is not a valid phone number");
        }
        PhoneNumberType type = UTIL.getNumberType(number);
        String refused = switch (type) {
            case MOBILE, FIXED_LINE, FIXED_LINE_OR_MOBILE, VOIP -> null;
            case TOLL_FREE -> number.getCountryCode() == NANP ? null : "is a toll-free number, which cannot receive texts";
            case PREMIUM_RATE -> "is a premium-rate number";
            case SHARED_COST -> "is a shared-cost number";
            case PERSONAL_NUMBER -> "is a personal (follow-me) number";
            case PAGER -> "is a pager number";
            default -> "is not a number that can receive texts (" + type.name().toLowerCase(Locale.ROOT) + ")";
        };
        if (refused != null) {
            return new Check(null, refused);
        }
        number.clearExtension();
        return new Check(UTIL.format(number, PhoneNumberFormat.E164), null);
    }

    /** libphonenumber wants an upper-case ISO 3166 region; "ZZ" (unknown) makes a national number unparseable. */
    private static String region(String defaultRegion) {
        return defaultRegion == null || defaultRegion.isBlank() ? "ZZ" : defaultRegion.strip().toUpperCase(Locale.ROOT);
    }
}
