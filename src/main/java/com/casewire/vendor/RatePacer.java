package com.casewire.vendor;

import java.util.concurrent.TimeUnit;

/**
 * Spaces calls to one vendor evenly at a configured rate, so a burst of events becomes a paced stream
 * instead of a burst of 429s. A vendor's Retry-After pauses every caller of that vendor.
 */
public final class RatePacer {

    private final String vendor;
    private final long intervalNanos;
    private long nextSlot = System.nanoTime();
    private long totalWaitNanos;
    private long waits;

    public RatePacer(String vendor, double permitsPerSecond) {
        if (permitsPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
        this.vendor = vendor;
        this.intervalNanos = (long) (1_000_000_000L / permitsPerSecond);
    }

    public static RatePacer perMinute(String vendor, double permitsPerMinute) {
        return new RatePacer(vendor, permitsPerMinute / 60.0);
    }

    /** Blocks until this caller's slot comes up. */
    public void acquire() {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(now, nextSlot);
            nextSlot = slot + intervalNanos;
            wait = slot - now;
            if (wait > 0) {
                totalWaitNanos += wait;
                waits++;
            }
        }
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing " + vendor, e);
            }
        }
    }

    /** No call to this vendor before {@code millis} from now (a 429's Retry-After). */
    public synchronized void pauseFor(long millis) {
        nextSlot = Math.max(nextSlot, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
    }

    public String vendor() {
        return vendor;
    }

    public synchronized long waits() {
        return waits;
    }

    public synchronized long totalWaitMillis() {
        return TimeUnit.NANOSECONDS.toMillis(totalWaitNanos);
    }
}
