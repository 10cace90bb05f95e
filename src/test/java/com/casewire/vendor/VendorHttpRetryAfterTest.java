package com.casewire.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VendorHttpRetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-06-10T12:00:00Z");

    @Test
    void deltaSeconds() {
        assertThat(VendorHttp.retryAfter(Optional.of("120"), NOW)).contains(Duration.ofSeconds(120));
        assertThat(VendorHttp.retryAfter(Optional.of(" 7 "), NOW)).contains(Duration.ofSeconds(7));
        assertThat(VendorHttp.retryAfter(Optional.of("0"), NOW)).contains(Duration.ZERO);
    }

    @Test
    void negativeDeltaIsClampedToZero() {
        assertThat(VendorHttp.retryAfter(Optional.of("-5"), NOW)).contains(Duration.ZERO);
    }

    @Test
    void httpDateInTheFuture() {
        // NOW is Wed, 10 Jun 2026 12:00:00 GMT
        assertThat(VendorHttp.retryAfter(Optional.of("Wed, 10 Jun 2026 12:01:30 GMT"), NOW))
                .contains(Duration.ofSeconds(90));
    }

    @Test
    void httpDateInThePastGivesZero() {
        assertThat(VendorHttp.retryAfter(Optional.of("Wed, 10 Jun 2026 11:59:00 GMT"), NOW)).contains(Duration.ZERO);
        assertThat(VendorHttp.retryAfter(Optional.of("Sun, 06 Nov 1994 08:49:37 GMT"), NOW)).contains(Duration.ZERO);
    }

    @Test
    void garbageGivesEmpty() {
        assertThat(VendorHttp.retryAfter(Optional.of("soon"), NOW)).isEmpty();
        assertThat(VendorHttp.retryAfter(Optional.of("2026-06-10T12:01:30Z"), NOW)).isEmpty();
        assertThat(VendorHttp.retryAfter(Optional.of("1.5"), NOW)).isEmpty();
    }

    @Test
    void absentOrBlankGivesEmpty() {
        assertThat(VendorHttp.retryAfter(Optional.empty(), NOW)).isEmpty();
        assertThat(VendorHttp.retryAfter(Optional.of(""), NOW)).isEmpty();
        assertThat(VendorHttp.retryAfter(Optional.of("   "), NOW)).isEmpty();
    }
}
