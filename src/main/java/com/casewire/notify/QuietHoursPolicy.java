package com.casewire.notify;

import com.casewire.canonical.Channel;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;

/**
 * No messages on the listed channels between {@code start} (e.g. 21:00) and {@code end} (e.g. 08:00) in
 * the recipient's time zone. A held message is released when the window opens.
 */
public final class QuietHoursPolicy {

    private final LocalTime windowOpens;
    private final LocalTime windowCloses;
    private final Set<Channel> channels;

    public QuietHoursPolicy(LocalTime windowOpens, LocalTime windowCloses, Set<Channel> channels) {
        if (!windowOpens.isBefore(windowCloses)) {
            throw new IllegalArgumentException("quiet hours must end (" + windowOpens + ") before they start ("
                    + windowCloses + ") on the same day");
        }
        this.windowOpens = windowOpens;
        this.windowCloses = windowCloses;
        this.channels = Set.copyOf(channels);
    }

    /** When the message may go out, if not now. */
    public Optional<Instant> holdUntil(Instant now, ZoneId zone, Channel channel) {
        if (!channels.contains(channel)) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        if (!time.isBefore(windowOpens) && time.isBefore(windowCloses)) {
            return Optional.empty();
        }
        ZonedDateTime opens = time.isBefore(windowOpens)
                ? local.with(windowOpens)
                : local.plusDays(1).with(windowOpens);
        return Optional.of(opens.toInstant());
    }
}
