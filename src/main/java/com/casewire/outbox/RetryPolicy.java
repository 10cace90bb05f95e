package com.casewire.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long the outbox keeps trying a message and how long it waits between tries ({@code hub.outbox.initial-backoff},
 * {@code max-backoff}, {@code retry-for}): a vendor's outage delays a message, it does not need a person, so a row
 * is given up only once it is older than {@code retry-for} (a day by default), not after a count of attempts.
 */
final class RetryPolicy {

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration retryFor;

    RetryPolicy(OutboxProperties settings) {
        this.initialBackoff = settings.initialBackoff();
        this.maxBackoff = settings.maxBackoff();
        this.retryFor = settings.retryFor();
    }

    /** Exponential back-off with jitter, never shorter than the vendor's Retry-After. */
    Duration backoff(int attempts, Duration retryAfter) {
        long base = initialBackoff.toMillis() << Math.min(Math.max(attempts, 1) - 1, 20);
        long capped = Math.min(base, maxBackoff.toMillis());
        long jittered = (long) (capped * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
        long floor = retryAfter == null ? 0 : retryAfter.toMillis();
        return Duration.ofMillis(Math.max(jittered, floor));
    }

    /** Whether a row created at {@code createdAt} has been tried for as long as it may be. */
    boolean exhausted(Instant createdAt, Instant now) {
        return Duration.between(createdAt, now).compareTo(retryFor) >= 0;
    }
}
