package com.casewire.practice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PracticeRecordMarkerTest {

    @Test
    void theMarkerIsTheFirstSixteenHexDigitsOfTheKeysSha256() {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad (FIPS 180-2 example)
        assertThat(PracticeRecordMarker.of("abc")).isEqualTo("[casewire:ba7816bf8f01cfea]");
    }

    @Test
    void appendedOnALineOfItsOwnAfterTheText() {
        String detail = PracticeRecordMarker.append("Sent 2026-03-02 10:00 EST by SMS to Jane Doe", "status:1001:hearing");

        assertThat(detail).startsWith("Sent 2026-03-02 10:00 EST by SMS to Jane Doe\n\n[casewire:")
                .endsWith("]").hasLineCount(3);
        assertThat(PracticeRecordMarker.isMarked(detail, "status:1001:hearing")).isTrue();
    }

    @Test
    void withoutTextTheMarkerStandsAlone() {
        assertThat(PracticeRecordMarker.append(null, "k")).isEqualTo(PracticeRecordMarker.of("k"));
        assertThat(PracticeRecordMarker.append("  ", "k")).isEqualTo(PracticeRecordMarker.of("k"));
    }

    @Test
    void anotherKeysMarkerOrNoMarkerIsNotAMatch() {
        String detail = PracticeRecordMarker.append("Call the lead back", "intake:lead-1:callback");

        assertThat(PracticeRecordMarker.isMarked(detail, "intake:lead-2:callback")).isFalse();
        assertThat(PracticeRecordMarker.isMarked("Call the lead back", "intake:lead-1:callback")).isFalse();
        assertThat(PracticeRecordMarker.isMarked(null, "intake:lead-1:callback")).isFalse();
    }

    @Test
    void recognisedWhereTheVendorReformatsTheText() {
        String marker = PracticeRecordMarker.of("k-1");

        // line endings normalised and surrounding whitespace trimmed, as a web form may store it
        assertThat(PracticeRecordMarker.isMarked("Call back\r\n\r\n" + marker + "\n", "k-1")).isTrue();
    }
}
