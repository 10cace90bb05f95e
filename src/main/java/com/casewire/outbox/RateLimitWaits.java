package com.casewire.outbox;

import com.casewire.vendor.CallWaits;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per workflow, since this instance started: how often its sends waited for a vendor's pace, how long in all, and
 * how many 429 answers they met ({@link CallWaits}, tallied around each send and added to the row's workflow).
 * Lock-free: a send that neither waited nor met a 429 (the usual case) only reads its tally.
 */
public final class RateLimitWaits {

    /** One workflow's figures. */
    public record Figures(long waits, long waitMillis, long tooManyRequests) {
        static final Figures NONE = new Figures(0, 0, 0);
    }

    private static final class Adders {
        final LongAdder waits = new LongAdder();
        final LongAdder waitNanos = new LongAdder();
        final LongAdder tooManyRequests = new LongAdder();
    }

    private final Map<String, Adders> byWorkflow = new ConcurrentHashMap<>();

    void add(String workflow, CallWaits tally) {
        if (workflow == null || (tally.waits() == 0 && tally.tooManyRequests() == 0)) {
            return;
        }
        Adders adders = byWorkflow.get(workflow);
        if (adders == null) {
            adders = byWorkflow.computeIfAbsent(workflow, w -> new Adders());
        }
        adders.waits.add(tally.waits());
        adders.waitNanos.add(tally.waitNanos());
        adders.tooManyRequests.add(tally.tooManyRequests());
    }

    public Figures of(String workflow) {
        Adders adders = byWorkflow.get(workflow);
        if (adders == null) {
            return Figures.NONE;
        }
        return new Figures(adders.waits.sum(), TimeUnit.NANOSECONDS.toMillis(adders.waitNanos.sum()),
                adders.tooManyRequests.sum());
    }
}
