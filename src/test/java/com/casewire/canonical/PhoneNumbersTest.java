package com.casewire.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @Test
    void e164IsKept() {
        assertThat(PhoneNumbers.toE164("+15555550100", "US")).contains("+15555550100");
        assertThat(PhoneNumbers.toE164("+442079460958", "US")).contains("+442079460958");
        assertThat(PhoneNumbers.toE164("  +44 20 7946 0958 ", "GB")).contains("+442079460958");
    }

    @Test
    void usTenDigitsGetCountryCode() {
        assertThat(PhoneNumbers.toE164("5555550100", "US")).contains("+15555550100");
        assertThat(PhoneNumbers.toE164("555-555-0100", "us")).contains("+15555550100");
        assertThat(PhoneNumbers.toE164("4165550100", "CA")).contains("+14165550100");
    }

    @Test
    void usElevenDigitsWithLeadingOne() {
        assertThat(PhoneNumbers.toE164("15555550100", "US")).contains("+15555550100");
        assertThat(PhoneNumbers.toE164("1 (555) 555-0100", "US")).contains("+15555550100");
    }

    @Test
    void formattedNationalNumber() {
        assertThat(PhoneNumbers.toE164("(555) 555-0100", "US")).contains("+15555550100");
        assertThat(PhoneNumbers.toE164("555.555.0100", "US")).contains("+15555550100");
    }

    @Test
    void tooShortIsRejected() {
        assertThat(PhoneNumbers.toE164("555-0100", "US")).isEmpty();
        assertThat(PhoneNumbers.toE164("+1234567", "US")).isEmpty(); // 7 digits after +
        assertThat(PhoneNumbers.toE164("+1234567890123456", "US")).isEmpty(); // 16 digits: too long
    }

    @Test
    void leadingZeroAfterPlusIsRejected() {
        assertThat(PhoneNumbers.toE164("+05555550100", "US")).isEmpty();
    }

    @Test
    void tenDigitsStartingWithZeroOrOneAreNotNanp() {
        assertThat(PhoneNumbers.toE164("0555550100", "US")).isEmpty();
        assertThat(PhoneNumbers.toE164("1555550100", "US")).isEmpty();
    }

    @Test
    void nullOrBlankGivesEmpty() {
        assertThat(PhoneNumbers.toE164(null, "US")).isEmpty();
        assertThat(PhoneNumbers.toE164("", "US")).isEmpty();
        assertThat(PhoneNumbers.toE164("   ", "US")).isEmpty();
    }

    @Test
    void nationalNumberOutsideNorthAmericaGivesEmpty() {
        assertThat(PhoneNumbers.toE164("020 7946 0958", "GB")).isEmpty();
        assertThat(PhoneNumbers.toE164("5555550100", "GB")).isEmpty();
        assertThat(PhoneNumbers.toE164("5555550100", null)).isEmpty();
    }

    // Regression: "1 (055) 555-0100" once became the invalid "+10555550100" (the 11-digit branch skipped the
    // NANP area-code check), so the contact looked SMS-capable.
    @Test
    void elevenDigitsWithInvalidAreaCodeAreRejectedLikeTenDigits() {
        assertThat(PhoneNumbers.toE164("0555550100", "US")).isEmpty();
        assertThat(PhoneNumbers.toE164("10555550100", "US")).isEmpty();
        assertThat(PhoneNumbers.toE164("1 (155) 555-0100", "US")).isEmpty();
    }
}
