package com.casewire.vendor;

import java.util.function.Supplier;

/**
 * Work during which no vendor may be called: the inbox processes a delivery inside the edge's own transaction
 * only while that work stays local (database and CPU), because the edge answers the vendor only after that
 * transaction commits. {@link VendorHttp#send} asks {@link #check} first; a refused call throws
 * {@link Refused}, and {@link #refusedDuring} reports a refusal even when the caller's code caught and swallowed
 * that exception (say, as "conflict check unavailable"), so the work is redone where vendor calls are allowed
 * instead of going on with a degraded result.
 */
public final class VendorCalls {

    /** Thrown by a vendor call made while calls are refused. */
    public static final class Refused extends RuntimeException {
        public Refused(String vendor) {
            super("a call to " + vendor + " is not allowed here (processing at the edge); the work is redone by an inbox worker",
                    null, false, false);
        }
    }

    private static final ThreadLocal<int[]> REFUSALS = new ThreadLocal<>();

    private VendorCalls() {
    }

    /**
     * Runs {@code work} with vendor calls refused on this thread. Throws {@link Refused} when the work tried to
     * call a vendor, whether or not it caught the first {@link Refused}.
     */
    public static <T> T refusedDuring(Supplier<T> work) {
        int[] outer = REFUSALS.get();
        int[] refusals = {0};
        REFUSALS.set(refusals);
        T result;
        try {
            result = work.get();
        } finally {
            REFUSALS.set(outer);
        }
        if (refusals[0] > 0) {
            throw new Refused(refusals[0] + " vendor call(s)");
        }
        return result;
    }

    /** Throws {@link Refused} (and counts it) when vendor calls are refused on this thread. */
    public static void check(String vendor) {
        int[] refusals = REFUSALS.get();
        if (refusals != null) {
            refusals[0]++;
            throw new Refused(vendor);
        }
    }
}
