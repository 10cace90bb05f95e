package com.casewire.inbox;

import com.casewire.db.DatabaseOutage;
import com.casewire.inbox.InboxStore.InboxRow;
import com.casewire.vendor.VendorCalls;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
            "web-form", "direct:intake-normalize-web-form", "email", "direct:intake-normalize-email");

    /** Most rows processed in one transaction. */
    static final int MAX_BATCH = 16;

    /** A row to process: read from the table by id, or handed over whole by the edge that stored it. */
    private record Work(long id, InboxRow row) {
    }

    private final InboxStore inbox;
    private final ProducerTemplate camel;
    private final Clock clock;
    private final InboxProperties settings;
    private final TransactionTemplate tx;
    private final InboxFailures failures;
    private final BlockingQueue<Work> queue = new ArrayBlockingQueue<>(20_000);
    private final Set<Long> queued = ConcurrentHashMap.newKeySet();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;

    InboxProcessor(InboxStore inbox, ProducerTemplate camel, Clock clock, InboxProperties settings,
                   TransactionTemplate tx) {
        this.inbox = inbox;
        this.tx = tx;
        this.camel = camel;
        this.clock = clock;
        this.settings = settings;
        this.failures = new InboxFailures(inbox, clock, settings);
        for (int i = 1; i <= settings.workers(); i++) {
            Thread t = new Thread(this::work, "inbox-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    /**
     * Hands a committed row to a worker; when the queue is full the sweep picks it up instead. A row that
     * is queued already is not queued twice (the sweep runs while a backlog drains).
     */
    public void dispatch(long id) {
        enqueue(new Work(id, null));
    }

    /** Like {@link #dispatch(long)}, for a row just stored: the worker need not read it back. */
    void dispatch(InboxRow row) {
        enqueue(new Work(row.id(), row));
    }

    private void enqueue(Work work) {
        if (!queued.add(work.id())) {
            return;
        }
        if (!queue.offer(work)) {
            queued.remove(work.id());
            log.warn("inbox queue full; row {} waits for the sweep", work.id());
        }
    }

    /** A worker takes what is queued (up to a batch) and processes it in one transaction. */
    private void work() {
        List<Work> batch = new ArrayList<>(MAX_BATCH);
        while (running) {
            try {
                Work first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                processBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (DatabaseOutage.isTransient(e)) {
                    log.warn("inbox worker: database unavailable, the sweep re-drives the rows: {}", DatabaseOutage.reason(e));
                } else {
                    log.error("inbox worker: unexpected failure; the sweep re-drives the rows", e);
                }
            } finally {
                // only now: a sweep must not re-queue a row while it is being worked on
                batch.forEach(w -> queued.remove(w.id()));
                batch.clear();
            }
        }
    }

    /**
     * Processes rows in one transaction: the claims, the normalizer and workflow routes, and every outbox
     * row, timer or approval they create commit together, so a batch costs one commit. When any row
     * fails, the whole batch rolls back and each row is processed again on its own ({@link #process}),
     * where a failure is counted against that row alone. Re-running is safe: processing is idempotent.
     */
    private void processBatch(List<Work> batch) {
        if (batch.size() == 1) {
            process(batch.get(0));
            return;
        }
        if (!camel.getCamelContext().isStarted()) {
            return; // see process(long)
        }
        try {
            tx.executeWithoutResult(status -> {
                List<Long> ids = batch.stream().map(Work::id).toList();
                boolean[] claimed = inbox.claimAll(ids, clock.instant());
                for (int i = 0; i < batch.size(); i++) {
                    if (claimed[i]) {
                        Work w = batch.get(i);
                        InboxRow row = w.row() != null ? w.row() : inbox.find(w.id()).orElseThrow();
                        route(row);
                    }
                }
            });
        } catch (RuntimeException e) {
            log.debug("inbox batch of {} failed ({}); processing each row on its own", batch.size(), e.toString());
            batch.forEach(this::process);
        }
    }

    /**
     * Processes rows just stored, inside the caller's transaction (the edge's, before it answers the vendor):
     * the claims and the normalizer and workflow routes, with vendor calls refused ({@link VendorCalls}). Returns,
     * in order, whether each row was processed; none is while the routes are not running. Throws when any row
     * failed or needed a vendor call: the caller must then roll back and leave the rows to the workers, where
     * they are processed as usual (and a failure is counted against its row alone).
     */
    boolean[] processHere(List<InboxRow> rows) {
        boolean[] processed = new boolean[rows.size()];
        if (rows.isEmpty() || !camel.getCamelContext().isStarted()) {
            return processed;
        }
        boolean[] claimed = inbox.claimAll(rows.stream().map(InboxRow::id).toList(), clock.instant());
        VendorCalls.refusedDuring(() -> {
            for (int i = 0; i < rows.size(); i++) {
                if (claimed[i]) {
                    route(rows.get(i));
                    processed[i] = true;
                }
            }
            return null;
        });
        return processed;
    }

    /**
     * Processes one row in one transaction: the claim, the normalizer and workflow routes, and every outbox
     * row, timer or approval they create commit together. Outbox rows are handed to senders after the
     * commit. On failure everything rolls back and the attempt is counted in a transaction of its own.
     */
    public void process(long id) {
        process(new Work(id, null));
    }

    private void process(Work work) {
        if (!camel.getCamelContext().isStarted()) {
            // the HTTP edge opens before the routes start (and stays open while they stop): the row stays
            // RECEIVED, uncounted, and the recovery sweep (a Camel route itself) drives it once they run
            return;
        }
        long id = work.id();
        try {
            tx.executeWithoutResult(status -> {
                boolean claimed = inbox.claimAll(List.of(id), clock.instant())[0];
                if (!claimed) {
                    return; // processed already, not due yet, or another worker or instance has it
                }
                route(work.row() != null ? work.row() : inbox.find(id).orElseThrow());
            });
        } catch (RuntimeException e) {
            failures.record(id, e);
        }
    }

    private void route(InboxRow row) {
        String endpoint = NORMALIZERS.get(row.source());
        if (endpoint == null) {
            throw new UnprocessableEvent("no normalizer for source " + row.source());
        }
        camel.sendBodyAndHeaders(endpoint, row.payload(), Map.of(
                "casewireInboxId", row.id(),
                "casewireDedupeKey", row.dedupeKey(),
                "casewireReceivedAt", row.receivedAt()));
    }

    /**
     * Puts a FAILED row back and hands it to a worker at once: for an operator, once the route, rules or template file
     * that failed it is fixed. Whatever the event's earlier attempts sent stays sent: every outbound message keeps its
     * idempotency key. False when the row does not exist or is not FAILED.
     */
    public boolean replay(long id) {
        if (!inbox.replay(id, clock.instant())) {
            return false;
        }
        log.info("inbox row {} replayed by an operator", id);
        dispatch(id);
        return true;
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
        return queue.size();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        for (Thread t : workers) {
            t.join(TimeUnit.SECONDS.toMillis(5));
        }
    }
}
