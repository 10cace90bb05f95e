package com.casewire.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RatePacerTest {

    private static long elapsedMillisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    @Test
    void elevenAcquiresAtTwentyPerSecondTakeAboutHalfASecond() {
        RatePacer pacer = new RatePacer("test", 20);

        long start = System.nanoTime();
        for (int i = 0; i < 11; i++) {
            pacer.acquire();
        }
        long elapsed = elapsedMillisSince(start);

        // first is immediate, then 10 slots of 50 ms
        assertThat(elapsed).isGreaterThanOrEqualTo(450).isLessThan(3_000);
        assertThat(pacer.waits()).isGreaterThanOrEqualTo(10);
        assertThat(pacer.totalWaitMillis()).isGreaterThanOrEqualTo(450);
        assertThat(pacer.vendor()).isEqualTo("test");
    }

    @Test
    void pauseForDelaysTheNextAcquire() {
        RatePacer pacer = new RatePacer("test", 1_000);
        pacer.acquire();

        pacer.pauseFor(300);
        long start = System.nanoTime();
        pacer.acquire();
        long elapsed = elapsedMillisSince(start);

        assertThat(elapsed).isGreaterThanOrEqualTo(280).isLessThan(3_000);
    }

    @Test
    void constructorRejectsNonPositiveRate() {
        assertThatThrownBy(() -> new RatePacer("test", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RatePacer("test", -5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RatePacer.perMinute("test", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
