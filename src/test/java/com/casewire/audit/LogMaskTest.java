package com.casewire.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogMaskTest {

    @Test
    void phoneKeepsOnlyTheLastFourDigits() {
        assertThat(LogMask.phone("+15555550100")).isEqualTo("***0100");
        assertThat(LogMask.phone("(555) 555-0100")).isEqualTo("***0100");
        assertThat(LogMask.phone("1234")).isEqualTo("***");
        assertThat(LogMask.phone("anonymous")).isEqualTo("***");
        assertThat(LogMask.phone(null)).isNull();
    }

    @Test
    void emailKeepsTheFirstLetterAndTheDomain() {
        assertThat(LogMask.email("jane.doe@example.com")).isEqualTo("j***@example.com");
        assertThat(LogMask.email("@example.com")).isEqualTo("***@example.com");
        assertThat(LogMask.email("not an address")).isEqualTo("***");
        assertThat(LogMask.email("jane@")).isEqualTo("***");
        assertThat(LogMask.email(null)).isNull();
    }

    @Test
    void addressPicksTheKind() {
        assertThat(LogMask.address("jane.doe@example.com")).isEqualTo("j***@example.com");
        assertThat(LogMask.address("+15555550100")).isEqualTo("***0100");
    }

    @Test
    void textMasksEveryAddressAndLeavesIdsAlone() {
        String twilio = "Twilio HTTP 400 code 21211: The 'To' number +15555550100 is not a valid phone number.";
        assertThat(LogMask.text(twilio)).isEqualTo("Twilio HTTP 400 code 21211: The 'To' number ***0100 is not a valid phone number.");
        assertThat(LogMask.text("call (555) 555-0100 or 555.555.0199, mail Jane.Doe+law@mail.example.co.uk today"))
                .isEqualTo("call ***0100 or ***0199, mail J***@mail.example.co.uk today");
        assertThat(LogMask.text("Clio matter 1234567890 does not exist (inbox row 42, at 2026-11-24T12:00:00Z)"))
                .isEqualTo("Clio matter 1234567890 does not exist (inbox row 42, at 2026-11-24T12:00:00Z)");
        assertThat(LogMask.text(null)).isNull();
    }
}
