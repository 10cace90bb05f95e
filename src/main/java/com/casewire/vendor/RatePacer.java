package com.casewire.vendor;

import java.util.concurrent.TimeUnit;

/**
 * Spaces calls to one vendor evenly at a configured rate, so a burst of events becomes a paced stream
 * instead of a burst of 429s. A vendor's Retry-After pauses every caller of that vendor. Where the next free slot is
 * kept is a {@link Slots}: in this process, or in the database so that every instance of the hub shares one budget
 * ({@link SharedPacing}: a vendor's limit is per account or token, not per process).
 */
public final class RatePacer {

    /** Keeps the next free slot of one vendor. */
    public interface Slots {
        /** Takes the next free slot, at least {@code intervalNanos} after the one before; returns how long to wait for it. */
        long reserve(long intervalNanos);

        /** No slot before {@code millis} from now. */
        void pauseFor(long millis);
    }

    /** Slots kept in this process. */
    static final class LocalSlots implements Slots {
        private long nextSlot = System.nanoTime();

        @Override
        public synchronized long reserve(long intervalNanos) {
            long now = System.nanoTime();
            long slot = Math.max(now, nextSlot);
            nextSlot = slot + intervalNanos;
            return slot - now;
        }

        @Override
        public synchronized void pauseFor(long millis) {
            nextSlot = Math.max(nextSlot, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
        }
    }

    private final String vendor;
    private final long intervalNanos;
    private final Slots slots;
    private long totalWaitNanos;
    private long waits;

    public RatePacer(String vendor, double permitsPerSecond) {
        this(vendor, permitsPerSecond, new LocalSlots());
    }

    public RatePacer(String vendor, double permitsPerSecond, Slots slots) {
        if (permitsPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
        this.vendor = vendor;
        this.intervalNanos = (long) (1_000_000_000L / permitsPerSecond);
        this.slots = slots;
    }

    public static RatePacer perMinute(String vendor, double permitsPerMinute) {
        return new RatePacer(vendor, permitsPerMinute / 60.0);
    }

    /** Blocks until this caller's slot comes up. */
    public void acquire() {
        long wait = slots.reserve(intervalNanos);
        if (wait > 0) {
            synchronized (this) {
                totalWaitNanos += wait;
                waits++;
            }
            CallWaits.paced(wait); // the workflow's share, when an outbox send is being tallied on this thread
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
    public void pauseFor(long millis) {
        slots.pauseFor(millis);
    }

    public String vendor() {
        return vendor;
    }

    /** Whether this pacer's slots are shared by every instance (kept in the database). */
    public boolean shared() {
        return !(slots instanceof LocalSlots);
    }

    public synchronized long waits() {
        return waits;
    }

    public synchronized long totalWaitMillis() {
        return TimeUnit.NANOSECONDS.toMillis(totalWaitNanos);
    }
}
