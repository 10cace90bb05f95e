package com.casewire.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ChainHashTest {

    private static final Instant AT = Instant.parse("2026-06-10T12:00:00.123456789Z");

    private static LogEntry entry(String recipientAddress, String body, String outcome) {
        return new LogEntry("notify:m-1:matter-closed", AT, "m-1", "Jane Client", recipientAddress, "sms",
                "matter-status", "matter-status/matter-closed.sms.txt", null, body, outcome, "SM123", null);
    }

    private static final LogEntry BASE = entry("+12015550100", "Your matter is closed.", "SENT");

    @Test
    void genesisIsSixtyFourZeros() {
        assertThat(ChainHash.GENESIS).hasSize(64).matches("0{64}");
    }

    @Test
    void isDeterministicLowercaseSha256Hex() {
        String a = ChainHash.of(ChainHash.GENESIS, 1, BASE);
        String b = ChainHash.of(ChainHash.GENESIS, 1, entry("+12015550100", "Your matter is closed.", "SENT"));

        assertThat(a).isEqualTo(b).matches("[0-9a-f]{64}");
    }

    @Test
    void matchesIndependentlyComputedDigest() throws Exception {
        String micros = String.valueOf(AT.getEpochSecond() * 1_000_000L + 123_456L);
        StringBuilder text = new StringBuilder(ChainHash.GENESIS).append('\u001f').append(1);
        for (String field : new String[] {"notify:m-1:matter-closed", micros, "m-1", "Jane Client", "+12015550100", "sms",
                "matter-status", "matter-status/matter-closed.sms.txt", "", "Your matter is closed.", "SENT", "SM123", ""}) {
            text.append('\u001f').append(field.length()).append(':').append(field);
        }
        String expected = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));

        assertThat(ChainHash.of(ChainHash.GENESIS, 1, BASE)).isEqualTo(expected);
    }

    @Test
    void separatorInsideATextCannotMoveAFieldBoundary() {
        LogEntry a = new LogEntry("k", AT, "m-1", "Jane", "+12015550100", "sms", "wf", "t", "Subject\u001f", "Body",
                "SENT", null, null);
        LogEntry b = new LogEntry("k", AT, "m-1", "Jane", "+12015550100", "sms", "wf", "t", "Subject",
                "\u001fBody", "SENT", null, null);

        assertThat(ChainHash.of(ChainHash.GENESIS, 1, a)).isNotEqualTo(ChainHash.of(ChainHash.GENESIS, 1, b));
    }

    @Test
    void changesWhenBodyChanges() {
        assertThat(ChainHash.of(ChainHash.GENESIS, 1, entry("+12015550100", "Your matter is closed!", "SENT")))
                .isNotEqualTo(ChainHash.of(ChainHash.GENESIS, 1, BASE));
    }

    @Test
    void changesWhenRecipientAddressChanges() {
        assertThat(ChainHash.of(ChainHash.GENESIS, 1, entry("+12015550101", "Your matter is closed.", "SENT")))
                .isNotEqualTo(ChainHash.of(ChainHash.GENESIS, 1, BASE));
    }

    @Test
    void changesWhenOutcomeChanges() {
        assertThat(ChainHash.of(ChainHash.GENESIS, 1, entry("+12015550100", "Your matter is closed.", "FAILED")))
                .isNotEqualTo(ChainHash.of(ChainHash.GENESIS, 1, BASE));
    }

    @Test
    void changesWhenRecordedAtChangesByOneMicrosecond() {
        LogEntry later = new LogEntry(BASE.idempotencyKey(), AT.plusNanos(1_000), BASE.matterId(), BASE.recipientName(),
                BASE.recipientAddress(), BASE.channel(), BASE.workflow(), BASE.template(), BASE.subject(), BASE.body(),
                BASE.outcome(), BASE.vendorMessageId(), BASE.error());

        assertThat(ChainHash.of(ChainHash.GENESIS, 1, later)).isNotEqualTo(ChainHash.of(ChainHash.GENESIS, 1, BASE));
    }

    @Test
    void subMicrosecondDifferencesAreNotHashed() {
        // the database keeps microseconds; nanoseconds below that must not break verification after a round trip
        LogEntry truncated = new LogEntry(BASE.idempotencyKey(), Instant.parse("2026-06-10T12:00:00.123456Z"),
                BASE.matterId(), BASE.recipientName(), BASE.recipientAddress(), BASE.channel(), BASE.workflow(),
                BASE.template(), BASE.subject(), BASE.body(), BASE.outcome(), BASE.vendorMessageId(), BASE.error());

        assertThat(ChainHash.of(ChainHash.GENESIS, 1, truncated)).isEqualTo(ChainHash.of(ChainHash.GENESIS, 1, BASE));
    }

    @Test
    void changesWithPrevHash() {
        String other = "f".repeat(64);

        assertThat(ChainHash.of(other, 1, BASE)).isNotEqualTo(ChainHash.of(ChainHash.GENESIS, 1, BASE));
    }

    @Test
    void changesWithSeq() {
        assertThat(ChainHash.of(ChainHash.GENESIS, 2, BASE)).isNotEqualTo(ChainHash.of(ChainHash.GENESIS, 1, BASE));
    }

    @Test
    void chainsLinkThroughPrevHash() {
        String first = ChainHash.of(ChainHash.GENESIS, 1, BASE);
        String second = ChainHash.of(first, 2, entry("jane@example.com", "Email body", "SENT"));
        String secondFromTamperedFirst = ChainHash.of(
                ChainHash.of(ChainHash.GENESIS, 1, entry("+12015550100", "Tampered.", "SENT")), 2,
                entry("jane@example.com", "Email body", "SENT"));

        assertThat(second).isNotEqualTo(secondFromTamperedFirst);
    }

    @Test
    void nullAndEmptyFieldsHashAlike() {
        // documents current behaviour: a null field is hashed as the empty string
        LogEntry withNull = entry("+12015550100", null, "SENT");
        LogEntry withEmpty = entry("+12015550100", "", "SENT");

        assertThat(ChainHash.of(ChainHash.GENESIS, 1, withNull)).isEqualTo(ChainHash.of(ChainHash.GENESIS, 1, withEmpty));
    }
}
