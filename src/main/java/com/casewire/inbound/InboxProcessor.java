package com.casewire.inbound;

import com.casewire.config.HubProperties;
import com.casewire.inbound.InboxRepository.InboxRow;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drives inbox rows through the normalizer and workflow routes. A row is handed to a worker right after
 * its insert committed; {@link #sweep()} re-drives rows that a crash, a full queue or a failure left
 * behind. Processing is idempotent (every outbound message has an idempotency key), so re-driving a row
 * that was half processed before a crash sends nothing twice.
 */
@Component
public class InboxProcessor {

    private static final Logger log = LoggerFactory.getLogger(InboxProcessor.class);

    /** Camel endpoint per inbox source; the normalizer route of that vendor listens there. */
    static final Map<String, String> NORMALIZERS = Map.of(
            "clio", "direct:clio-normalize-webhook",
            "twilio-sms", "direct:twilio-normalize-inbound-sms",
            "twilio-voice", "direct:twilio-normalize-call-status",
            "lawpay", "direct:lawpay-normalize-webhook",
            "mycase", "direct:mycase-normalize-changes",
            "web-form", "direct:intake-normalize-web-form");

    private final InboxRepository inbox;
    private final ProducerTemplate camel;
    private final Clock clock;
    private final HubProperties.Inbox settings;
    private final ThreadPoolExecutor workers;
    private final TransactionTemplate tx;
    private final Set<Long> queued = ConcurrentHashMap.newKeySet();

    InboxProcessor(InboxRepository inbox, ProducerTemplate camel, Clock clock, HubProperties hub, TransactionTemplate tx) {
        this.inbox = inbox;
        this.tx = tx;
        this.camel = camel;
        this.clock = clock;
        this.settings = hub.inbox();
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(20_000), r -> {
                    Thread t = new Thread(r, "inbox-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Hands a committed row to a worker; when the queue is full the sweep picks it up instead. A row that
     * is queued already is not queued twice (the sweep runs while a backlog drains).
     */
    public void dispatch(long id) {
        if (!queued.add(id)) {
            return;
        }
        try {
            workers.execute(() -> {
                try {
                    process(id);
                } finally {
                    queued.remove(id); // only now: a sweep must not re-queue a row while it is being worked on
                }
            });
        } catch (RejectedExecutionException full) {
            queued.remove(id);
            log.warn("inbox queue full; row {} waits for the sweep", id);
        }
    }

    /**
     * Processes one row in one transaction: the claim, the normalizer and workflow routes, and every outbox
     * row, timer or approval they create commit together. Outbox rows are handed to senders after the
     * commit. On failure everything rolls back and the attempt is counted in a transaction of its own.
     */
    public void process(long id) {
        if (!camel.getCamelContext().isStarted()) {
            // the HTTP edge opens before the routes start (and stays open while they stop): the row stays
            // RECEIVED, uncounted, and the recovery sweep (a Camel route itself) drives it once they run
            return;
        }
        try {
            tx.executeWithoutResult(status -> {
                InboxRow row = inbox.claim(id, clock.instant()).orElse(null);
                if (row == null) {
                    return; // processed already, not due yet, or another worker or instance has it
                }
                String endpoint = NORMALIZERS.get(row.source());
                if (endpoint == null) {
                    throw new UnprocessableEvent("no normalizer for source " + row.source());
                }
                camel.sendBodyAndHeaders(endpoint, row.payload(), Map.of(
                        "casewireInboxId", row.id(),
                        "casewireDedupeKey", row.dedupeKey(),
                        "casewireReceivedAt", row.receivedAt()));
            });
        } catch (RuntimeException e) {
            recordFailure(id, e);
        }
    }

    private void recordFailure(long id, RuntimeException e) {
        Throwable cause = rootCause(e);
        int attempt = inbox.attempts(id) + 1;
        boolean exhausted = cause instanceof UnprocessableEvent || attempt >= settings.maxAttempts();
        Instant next = exhausted ? null : clock.instant().plus(backoff(attempt));
        log.warn("inbox row {} failed attempt {}: {}{}", id, attempt, cause.toString(),
                exhausted ? " — giving up, marked FAILED" : "");
        inbox.markFailedAttempt(id, next, cause.toString(), clock.instant());
    }

    /** Re-drives rows left RECEIVED (older than the grace period): after a crash, a full queue or a failure. */
    public int sweep() {
        Instant now = clock.instant();
        List<Long> due = inbox.dueForSweep(now.minus(settings.sweepGrace()));
        due.forEach(this::dispatch);
        if (!due.isEmpty()) {
            log.info("inbox sweep re-drove {} row(s)", due.size());
        }
        return due.size();
    }

    public int queued() {
        return workers.getQueue().size();
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

    @PreDestroy
    void stop() throws InterruptedException {
        workers.shutdown();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }
}
