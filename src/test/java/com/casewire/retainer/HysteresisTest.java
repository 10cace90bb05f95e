package com.casewire.retainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.retainer.Hysteresis.Transition;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A balance hovering around its threshold reminds once; re-armed only once seen back (no Spring). */
class HysteresisTest {

    static final long THRESHOLD = 250_000;

    @Test
    void aHoveringBalanceGoesLowOnceAndReArmsOnlyWhenBackAtTheThreshold() {
        boolean low = false;
        int episodes = 0;
        for (long available : new long[] {260_000, 249_999, 240_000, 249_000, 200_000, 249_999, 250_000, 249_000}) {
            Transition t = Hysteresis.next(low, available, THRESHOLD);
            if (t == Transition.WENT_LOW) {
                episodes++;
            }
            low = t == Transition.WENT_LOW || t == Transition.STILL_LOW;
        }
        // down at 249,999 (one episode); 240,000 to 249,999 stay in it; back at 250,000 re-arms; 249,000 is a new one
        assertThat(episodes).isEqualTo(2);
    }

    @Test
    void eachTransition() {
        assertThat(Hysteresis.next(false, 100, 200)).isEqualTo(Transition.WENT_LOW);
        assertThat(Hysteresis.next(false, 200, 200)).isEqualTo(Transition.STILL_OK);
        assertThat(Hysteresis.next(true, 199, 200)).isEqualTo(Transition.STILL_LOW);
        assertThat(Hysteresis.next(true, 200, 200)).isEqualTo(Transition.RECOVERED);
    }

    @Test
    void aRecentDepositCountsUntilThePracticeSystemShowsItButNeverTwice() {
        Instant paid = Instant.parse("2026-12-10T15:00:00Z");
        RetainerStore.Row row = row(240_000L, 100_000, paid);
        Duration credit = Duration.ofDays(3);
        // Clio still shows 240,000: the deposit counts on top of what the episode began with
        assertThat(RetainerWatch.effectiveAvailable(row, 240_000, paid.plusSeconds(60), credit)).isEqualTo(340_000);
        // Clio caught up (340,000 shown): not counted twice
        assertThat(RetainerWatch.effectiveAvailable(row, 340_000, paid.plusSeconds(60), credit)).isEqualTo(340_000);
        // after the credit window only the system's balance counts
        assertThat(RetainerWatch.effectiveAvailable(row, 240_000, paid.plus(Duration.ofDays(3)), credit)).isEqualTo(240_000);
        // no deposit: what the system shows
        assertThat(RetainerWatch.effectiveAvailable(row(240_000L, 0, null), 230_000, paid, credit)).isEqualTo(230_000);
    }

    static RetainerStore.Row row(Long lowAvailable, long deposits, Instant lastDeposit) {
        return new RetainerStore.Row("1", RetainerStore.LOW, 1, RetainerTerms.FIRM, null, "m", null, 240_000L, 0L,
                240_000L, THRESHOLD, 500_000L, lowAvailable, deposits, lastDeposit, null, null, null);
    }
}
