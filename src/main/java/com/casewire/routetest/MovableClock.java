package com.casewire.routetest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The route test hub's clock: it runs with real time (timers a case sets a few seconds out still fire) from the instant
 * a case names, and a case's {@code advance} step moves it on. The hub's own tests use it too (support.TestClock).
 */
public class MovableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    public void setTo(Instant instant) {
        offset = Duration.between(Instant.now(), instant);
    }

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    /** Back to real time. */
    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        Clock outer = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return outer.withZone(other);
            }

            @Override
            public Instant instant() {
                return outer.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
