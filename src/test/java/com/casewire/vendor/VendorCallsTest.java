package com.casewire.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.net.URI;
import org.junit.jupiter.api.Test;

class VendorCallsTest {

    private final VendorHttp http = new VendorHttp(Duration.ofSeconds(1), Clock.systemUTC());
    private final RatePacer pacer = new RatePacer("clio", 1000);

    @Test
    void aVendorCallWhileRefusedThrowsBeforeAnythingIsSent() {
        // port 9 (discard) on loopback: were the call made, it would fail differently (a VendorException)
        assertThatThrownBy(() -> VendorCalls.refusedDuring(() -> http.send("clio", pacer,
                http.request(URI.create("http://127.0.0.1:9/api/v4/matters/1.json")).GET().build(), body -> null)))
                .isInstanceOf(VendorCalls.Refused.class).hasMessageContaining("clio");
    }

    @Test
    void aRefusalTheWorkCaughtAndSwallowedStillFailsTheWork() {
        assertThatThrownBy(() -> VendorCalls.refusedDuring(() -> {
            try {
                VendorCalls.check("clio");
            } catch (RuntimeException degraded) {
                return "conflict check unavailable"; // what a forgiving caller might do
            }
            return "checked";
        })).isInstanceOf(VendorCalls.Refused.class).hasMessageContaining("1 vendor call");
    }

    @Test
    void workWithoutVendorCallsRunsAndCallsAreAllowedAgainAfterwards() {
        assertThat(VendorCalls.refusedDuring(() -> "local only")).isEqualTo("local only");
        VendorCalls.check("clio"); // outside: allowed, no exception
        assertThatThrownBy(() -> VendorCalls.refusedDuring(() -> {
            throw new IllegalStateException("the work's own failure");
        })).isInstanceOf(IllegalStateException.class);
        VendorCalls.check("clio"); // restored after a failure too
    }
}
