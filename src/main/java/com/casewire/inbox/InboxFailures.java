package com.casewire.inbox;

import com.casewire.audit.LogMask;
import com.casewire.vendor.VendorException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@link InboxProcessor} counts a failed attempt at an inbox row: an event no route can process is FAILED at once;
 * a vendor outage (no answer, 5xx, 429) uses up no attempts until it outlasts {@code hub.inbox.retry-for}; any other
 * failure is retried with backoff up to {@code hub.inbox.max-attempts}.
 */
final class InboxFailures {

    // logged under the processor's name, as before the split, so log settings for it still apply
    private static final Logger log = LoggerFactory.getLogger(InboxProcessor.class);

    private final InboxStore inbox;
    private final Clock clock;
    private final InboxProperties settings;

    InboxFailures(InboxStore inbox, Clock clock, InboxProperties settings) {
        this.inbox = inbox;
        this.clock = clock;
        this.settings = settings;
    }

    /** Counts the failed attempt and sets when the row is tried again (never, once it is FAILED). */
    void record(long id, RuntimeException e) {
        Throwable cause = rootCause(e);
        int attempt = inbox.attempts(id) + 1;
        boolean exhausted = cause instanceof UnprocessableEvent
                || (vendorOutage(cause) ? outageOutlasted(id) : attempt >= settings.maxAttempts());
        Instant next = exhausted ? null : clock.instant().plus(backoff(attempt));
        log.warn("inbox row {} failed attempt {}: {}{}", id, attempt, LogMask.text(cause.toString()),
                exhausted ? " — giving up, marked FAILED (GET /api/inbox?state=FAILED; POST /api/inbox/" + id
                        + "/replay once the cause is fixed)" : "");
        inbox.markFailedAttempt(id, next, cause.toString(), clock.instant());
    }

    /** A vendor that did not answer, or answered 5xx/429: it will, so this does not use up the attempts. */
    private static boolean vendorOutage(Throwable cause) {
        return cause instanceof VendorException vendor && vendor.isTransient();
    }

    /** Whether the row has waited longer than {@code hub.inbox.retry-for} for its vendor to come back. */
    private boolean outageOutlasted(long id) {
        return inbox.find(id).map(row -> !clock.instant().isBefore(row.receivedAt().plus(settings.retryFor())))
                .orElse(true);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            if (t instanceof UnprocessableEvent) {
                return t;
            }
            t = t.getCause();
        }
        return t;
    }

    static Duration backoff(int attempts) {
        return Duration.ofSeconds(Math.min(300, 5L << Math.min(attempts, 6)));
    }
}
