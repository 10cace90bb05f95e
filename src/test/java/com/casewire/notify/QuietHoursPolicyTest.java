package com.casewire.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.casewire.canonical.Channel;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuietHoursPolicyTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

    /** Sending window 08:00-21:00; quiet hours apply to SMS only. */
    private final QuietHoursPolicy policy =
            new QuietHoursPolicy(LocalTime.of(8, 0), LocalTime.of(21, 0), Set.of(Channel.SMS));

    private static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    @Test
    void justBeforeWindowOpensHoldsUntilEightTheSameDay() {
        Optional<Instant> hold = policy.holdUntil(at("2026-06-10T07:59", NEW_YORK), NEW_YORK, Channel.SMS);

        assertThat(hold).contains(at("2026-06-10T08:00", NEW_YORK));
        assertThat(hold).contains(Instant.parse("2026-06-10T12:00:00Z")); // EDT = UTC-4
    }

    @Test
    void justAfterMidnightHoldsUntilEightTheSameDay() {
        assertThat(policy.holdUntil(at("2026-06-10T00:15", NEW_YORK), NEW_YORK, Channel.SMS))
                .contains(at("2026-06-10T08:00", NEW_YORK));
    }

    @Test
    void atWindowCloseHoldsUntilEightTheNextDay() {
        assertThat(policy.holdUntil(at("2026-06-10T21:00", NEW_YORK), NEW_YORK, Channel.SMS))
                .contains(at("2026-06-11T08:00", NEW_YORK));
        assertThat(policy.holdUntil(at("2026-06-10T23:45", NEW_YORK), NEW_YORK, Channel.SMS))
                .contains(at("2026-06-11T08:00", NEW_YORK));
    }

    @Test
    void insideWindowSendsNow() {
        assertThat(policy.holdUntil(at("2026-06-10T12:00", NEW_YORK), NEW_YORK, Channel.SMS)).isEmpty();
        assertThat(policy.holdUntil(at("2026-06-10T08:00", NEW_YORK), NEW_YORK, Channel.SMS)).isEmpty();
        assertThat(policy.holdUntil(at("2026-06-10T20:59:59", NEW_YORK), NEW_YORK, Channel.SMS)).isEmpty();
    }

    @Test
    void channelsNotListedAreNeverHeld() {
        Instant night = at("2026-06-10T23:30", NEW_YORK);

        assertThat(policy.holdUntil(night, NEW_YORK, Channel.SMS)).isPresent();
        assertThat(policy.holdUntil(night, NEW_YORK, Channel.EMAIL)).isEmpty();
        assertThat(policy.holdUntil(night, NEW_YORK, Channel.PORTAL)).isEmpty();
    }

    @Test
    void recipientZoneDecides() {
        // 2026-06-11T04:30Z is 00:30 in New York (quiet) and 21:30 the day before in Los Angeles (quiet)
        Instant now = Instant.parse("2026-06-11T04:30:00Z");
        assertThat(policy.holdUntil(now, NEW_YORK, Channel.SMS)).contains(Instant.parse("2026-06-11T12:00:00Z"));
        assertThat(policy.holdUntil(now, LOS_ANGELES, Channel.SMS)).contains(Instant.parse("2026-06-11T15:00:00Z"));

        // 2026-06-11T12:30Z is 08:30 in New York (open) and 05:30 in Los Angeles (quiet)
        Instant morning = Instant.parse("2026-06-11T12:30:00Z");
        assertThat(policy.holdUntil(morning, NEW_YORK, Channel.SMS)).isEmpty();
        assertThat(policy.holdUntil(morning, LOS_ANGELES, Channel.SMS)).contains(Instant.parse("2026-06-11T15:00:00Z"));

        // 2026-06-12T01:30Z is 21:30 in New York (quiet) and 18:30 in Los Angeles (open)
        Instant evening = Instant.parse("2026-06-12T01:30:00Z");
        assertThat(policy.holdUntil(evening, NEW_YORK, Channel.SMS)).contains(Instant.parse("2026-06-12T12:00:00Z"));
        assertThat(policy.holdUntil(evening, LOS_ANGELES, Channel.SMS)).isEmpty();
    }

    @Test
    void springForwardDayStillReleasesAtEightLocal() {
        // 2026-03-08: New York clocks jump from 02:00 EST to 03:00 EDT.
        // 01:30 EST, before the jump
        assertThat(policy.holdUntil(Instant.parse("2026-03-08T06:30:00Z"), NEW_YORK, Channel.SMS))
                .contains(Instant.parse("2026-03-08T12:00:00Z")); // 08:00 EDT
        // 03:30 EDT, after the jump
        assertThat(policy.holdUntil(Instant.parse("2026-03-08T07:30:00Z"), NEW_YORK, Channel.SMS))
                .contains(Instant.parse("2026-03-08T12:00:00Z"));
        // 21:30 EST the evening before: next opening is 08:00 EDT, only 9.5 hours later
        assertThat(policy.holdUntil(Instant.parse("2026-03-08T02:30:00Z"), NEW_YORK, Channel.SMS))
                .contains(Instant.parse("2026-03-08T12:00:00Z"));
    }

    @Test
    void fallBackDayStillReleasesAtEightLocal() {
        // 2026-11-01: New York clocks go from 02:00 EDT back to 01:00 EST; 01:30 happens twice.
        Instant firstOneThirty = Instant.parse("2026-11-01T05:30:00Z");  // 01:30 EDT
        Instant secondOneThirty = Instant.parse("2026-11-01T06:30:00Z"); // 01:30 EST
        assertThat(policy.holdUntil(firstOneThirty, NEW_YORK, Channel.SMS))
                .contains(Instant.parse("2026-11-01T13:00:00Z")); // 08:00 EST
        assertThat(policy.holdUntil(secondOneThirty, NEW_YORK, Channel.SMS))
                .contains(Instant.parse("2026-11-01T13:00:00Z"));
        // 22:00 EDT the evening before
        assertThat(policy.holdUntil(Instant.parse("2026-11-01T02:00:00Z"), NEW_YORK, Channel.SMS))
                .contains(Instant.parse("2026-11-01T13:00:00Z"));
    }

    @Test
    void constructorRejectsWindowThatDoesNotOpenBeforeItCloses() {
        assertThatThrownBy(() -> new QuietHoursPolicy(LocalTime.of(21, 0), LocalTime.of(8, 0), Set.of(Channel.SMS)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QuietHoursPolicy(LocalTime.of(8, 0), LocalTime.of(8, 0), Set.of(Channel.SMS)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void channelSetIsCopied() {
        java.util.Set<Channel> channels = new java.util.HashSet<>(Set.of(Channel.SMS));
        QuietHoursPolicy p = new QuietHoursPolicy(LocalTime.of(8, 0), LocalTime.of(21, 0), channels);
        channels.add(Channel.EMAIL);

        assertThat(p.holdUntil(at("2026-06-10T23:00", NEW_YORK), NEW_YORK, Channel.EMAIL)).isEmpty();
    }
}
