package com.casewire.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    @Test
    void e164IsKept() {
        assertThat(PhoneNumbers.toE164("+12015550100", "US")).contains("+12015550100");
        assertThat(PhoneNumbers.toE164("+442079460958", "US")).contains("+442079460958");
        assertThat(PhoneNumbers.toE164("  +44 20 7946 0958 ", "GB")).contains("+442079460958");
    }

    @Test
    void usTenDigitsGetCountryCode() {
        assertThat(PhoneNumbers.toE164("2015550100", "US")).contains("+12015550100");
        assertThat(PhoneNumbers.toE164("201-555-0100", "us")).contains("+12015550100");
        assertThat(PhoneNumbers.toE164("4165550100", "CA")).contains("+14165550100");
    }

    @Test
    void usElevenDigitsWithLeadingOne() {
        assertThat(PhoneNumbers.toE164("12015550100", "US")).contains("+12015550100");
        assertThat(PhoneNumbers.toE164("1 (201) 555-0100", "US")).contains("+12015550100");
    }

    @Test
    void formattedNationalNumber() {
        assertThat(PhoneNumbers.toE164("(201) 555-0100", "US")).contains("+12015550100");
        assertThat(PhoneNumbers.toE164("201.555.0100", "US")).contains("+12015550100");
        assertThat(PhoneNumbers.toE164("tel:+1-201-555-0100", "US")).contains("+12015550100");
    }

    @Test
    void trunkPrefixInBracketsIsNotDialled() {
        assertThat(PhoneNumbers.toE164("+44 (0)20 7946 0958", "US")).contains("+442079460958");
    }

    @Test
    void extensionIsDroppedForTexting() {
        assertThat(PhoneNumbers.toE164("+1 201-555-0100 ext. 12", "US")).contains("+12015550100");
        assertThat(PhoneNumbers.toE164("201-555-0100 x12", "US")).contains("+12015550100");
        assertThat(PhoneNumbers.toE164("(201) 555-0100 #12", "US")).contains("+12015550100");
        assertThat(PhoneNumbers.toE164("+44 20 7946 0958 ext 3", "US")).contains("+442079460958");
    }

    @Test
    void tooShortOrTooLongIsRejected() {
        assertThat(PhoneNumbers.toE164("555-0100", "US")).isEmpty();
        assertThat(PhoneNumbers.toE164("+1234567", "US")).isEmpty();
        assertThat(PhoneNumbers.toE164("+1234567890123456", "US")).isEmpty();
    }

    @Test
    void leadingZeroAfterPlusIsRejected() {
        assertThat(PhoneNumbers.toE164("+02015550100", "US")).isEmpty();
    }

    @Test
    void tenDigitsStartingWithZeroOrOneAreNotNanp() {
        assertThat(PhoneNumbers.toE164("0555550100", "US")).isEmpty();
        assertThat(PhoneNumbers.toE164("1555550100", "US")).isEmpty();
    }

    /** Numbers that have the right shape but no such area code or range: the hand parser let them through. */
    @Test
    void unassignedNumbersAreInvalid() {
        assertThat(PhoneNumbers.toE164("+15555550100", "US")).isEmpty(); // area code 555 is not assigned
        assertThat(PhoneNumbers.toE164("(555) 555-0100", "US")).isEmpty();
        assertThat(PhoneNumbers.toE164("+1 700 234 5678", "US")).isEmpty();
        assertThat(PhoneNumbers.check("+15555550100", "US").problem()).isEqualTo("is not a valid phone number");
    }

    @Test
    void textIsNotANumber() {
        assertThat(PhoneNumbers.toE164("call me", "US")).isEmpty();
        assertThat(PhoneNumbers.toE164("{{client.phone}}", "US")).isEmpty();
        assertThat(PhoneNumbers.toE164("+1 201 555 0100\r\nBcc: victim@example.com", "US")).isEmpty();
        assertThat(PhoneNumbers.toE164("201 555 0100' OR '1'='1", "US")).isEmpty();
        assertThat(PhoneNumbers.toE164("1".repeat(300), "US")).isEmpty();
    }

    @Test
    void nullOrBlankGivesEmpty() {
        assertThat(PhoneNumbers.toE164(null, "US")).isEmpty();
        assertThat(PhoneNumbers.toE164("", "US")).isEmpty();
        assertThat(PhoneNumbers.toE164("   ", "US")).isEmpty();
    }

    @Test
    void premiumRateSharedCostAndPersonalNumbersAreNotTexted() {
        assertThat(PhoneNumbers.toE164("+1 900 234 5678", "US")).isEmpty();
        assertThat(PhoneNumbers.check("+1 900 234 5678", "US").problem()).isEqualTo("is a premium-rate number");
        assertThat(PhoneNumbers.toE164("09098 790000", "GB")).isEmpty();
        assertThat(PhoneNumbers.toE164("+44 871 234 5678", "US")).isEmpty();
        assertThat(PhoneNumbers.toE164("0845 464 7000", "GB")).isEmpty();
        assertThat(PhoneNumbers.toE164("+44 70 1234 5678", "US")).isEmpty();
    }

    @Test
    void tollFreeIsTextedOnlyInNorthAmerica() {
        assertThat(PhoneNumbers.toE164("1-800-234-5678", "US")).contains("+18002345678");
        assertThat(PhoneNumbers.toE164("0800 123 4567", "GB")).isEmpty();
        assertThat(PhoneNumbers.check("0800 123 4567", "GB").problem()).contains("toll-free");
    }

    @Test
    void nationalNumbersAreReadInTheFirmsRegion() {
        assertThat(PhoneNumbers.toE164("020 7946 0958", "GB")).contains("+442079460958");
        assertThat(PhoneNumbers.toE164("07400 123456", "GB")).contains("+447400123456");
        assertThat(PhoneNumbers.toE164("55 1234 5678", "MX")).contains("+525512345678");
        assertThat(PhoneNumbers.toE164("(416) 555-0100", "CA")).contains("+14165550100");
        // the same digits mean something else in another region
        assertThat(PhoneNumbers.toE164("55 1234 5678", "US")).contains("+15512345678");
        assertThat(PhoneNumbers.toE164("020 7946 0958", "US")).isEmpty();
    }

    @Test
    void internationalNumbersIgnoreTheDefaultRegion() {
        assertThat(PhoneNumbers.toE164("+1 613 555 0142", "GB")).contains("+16135550142");
        assertThat(PhoneNumbers.toE164("+52 55 1234 5678", "GB")).contains("+525512345678");
        assertThat(PhoneNumbers.toE164("+44 7400 123456", "MX")).contains("+447400123456");
    }

    @Test
    void nationalNumberWithoutAUsableRegionGivesEmpty() {
        assertThat(PhoneNumbers.toE164("2015550100", null)).isEmpty();
        assertThat(PhoneNumbers.toE164("2015550100", "")).isEmpty();
        assertThat(PhoneNumbers.toE164("2015550100", "XX")).isEmpty();
    }

    // Regression: "1 (055) 555-0100" once became the invalid "+10555550100" (the 11-digit branch skipped the
    // NANP area-code check), so the contact looked SMS-capable.
    @Test
    void elevenDigitsWithInvalidAreaCodeAreRejectedLikeTenDigits() {
        assertThat(PhoneNumbers.toE164("0555550100", "US")).isEmpty();
        assertThat(PhoneNumbers.toE164("10555550100", "US")).isEmpty();
        assertThat(PhoneNumbers.toE164("1 (155) 555-0100", "US")).isEmpty();
    }

    @ParameterizedTest(name = "withheld caller ID {0}")
    @ValueSource(strings = {"+266696687", "+7378742833", "+2562533", "+8656696", "+86282452253", "anonymous", "Anonymous",
            "RESTRICTED", " +266 696 687 "})
    void withheldCallerIdsAreRecognisedAndNeverANumber(String raw) {
        assertThat(PhoneNumbers.isWithheld(raw)).isTrue();
        assertThat(PhoneNumbers.toE164(raw, "US")).isEmpty();
        assertThat(PhoneNumbers.check(raw, "US").problem()).contains("withheld");
    }

    @Test
    void realNumbersAreNotWithheld() {
        assertThat(PhoneNumbers.isWithheld("+12015550100")).isFalse();
        assertThat(PhoneNumbers.isWithheld("+2665551234")).isFalse();
        assertThat(PhoneNumbers.isWithheld(null)).isFalse();
        assertThat(PhoneNumbers.isWithheld("")).isFalse();
    }
}
