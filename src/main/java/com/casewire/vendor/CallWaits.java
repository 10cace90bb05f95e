package com.casewire.vendor;

/**
 * What the vendor calls made on one thread during one piece of work (an outbox row's send) met: how often and how
 * long they waited for a vendor's pace ({@link RatePacer}, including a pause that a 429's Retry-After set), and how
 * many 429 answers they got. The outbox opens one around each send, so that the figures are the row's workflow's;
 * calls made while none is open are not tallied. One per thread, reused: a send allocates nothing for it.
 */
public final class CallWaits {

    private static final ThreadLocal<CallWaits> CURRENT = new ThreadLocal<>();

    private boolean open;
    private long waits;
    private long waitNanos;
    private long tooManyRequests;

    private CallWaits() {
    }

    /** Starts tallying this thread's vendor calls, from zero, until {@link #close}. */
    public static CallWaits open() {
        CallWaits tally = CURRENT.get();
        if (tally == null) {
            tally = new CallWaits();
            CURRENT.set(tally);
        }
        tally.waits = 0;
        tally.waitNanos = 0;
        tally.tooManyRequests = 0;
        tally.open = true;
        return tally;
    }

    /** Stops tallying; the figures stay readable until the thread's next {@link #open}. */
    public void close() {
        open = false;
    }

    /** A call on this thread waited {@code nanos} (more than zero) for its vendor's pace. */
    static void paced(long nanos) {
        CallWaits tally = CURRENT.get();
        if (tally != null && tally.open) {
            tally.waits++;
            tally.waitNanos += nanos;
        }
    }

    /** A call on this thread was answered 429 Too Many Requests. */
    static void answered429() {
        CallWaits tally = CURRENT.get();
        if (tally != null && tally.open) {
            tally.tooManyRequests++;
        }
    }

    /** How many of the calls waited for their vendor's pace. */
    public long waits() {
        return waits;
    }

    public long waitNanos() {
        return waitNanos;
    }

    /** How many answers were 429 Too Many Requests. */
    public long tooManyRequests() {
        return tooManyRequests;
    }
}
