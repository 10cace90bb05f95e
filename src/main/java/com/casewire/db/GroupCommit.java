package com.casewire.db;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Shares one transaction among many small writes. Callers hand in items; one thread writes whatever queued
 * up meanwhile in one transaction and completes each caller's future once that transaction has committed.
 * Under load N commits become one; alone, an item waits no longer than its own commit, because nothing is
 * held back to fill a batch. When a batch fails it is rolled back and every item is written again on its
 * own ({@code single}, which manages its own transaction), so one bad item fails alone and the others are
 * unaffected (when the database is unreachable, the whole batch fails at once instead: one by one, each item would
 * wait out the pool's connection timeout). Writers must therefore be safe to run again for the same items (they
 * are: conditional updates and inserts keyed by a unique key).
 *
 * <p>Futures complete on the writer thread: what callers chain onto them must be quick (a hand-off).
 *
 * @param <T> what a caller asks to write
 * @param <R> what the caller gets back for its item
 */
public final class GroupCommit<T, R> {

    /** Writes a batch inside the shared transaction; returns one result per item, in order. */
    @FunctionalInterface
    public interface Writer<T, R> {
        List<R> write(List<T> items);
    }

    private record Pending<T, R>(T item, CompletableFuture<R> result) {
    }

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private final String name;
    private final TransactionTemplate tx;
    private final int maxBatch;
    private final Writer<T, R> writer;
    private final Function<T, R> single;
    private final BlockingQueue<Pending<T, R>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param name names the writer thread ({@code commit-<name>})
     * @param maxBatch most items in one transaction
     * @param writer writes a batch inside the shared transaction
     * @param single writes one item in a transaction of its own: the fallback when a batch fails
     */
    public GroupCommit(String name, TransactionTemplate tx, int maxBatch, Writer<T, R> writer, Function<T, R> single) {
        this.name = name;
        this.tx = tx;
        this.maxBatch = maxBatch;
        this.writer = writer;
        this.single = single;
        this.thread = new Thread(this::run, "commit-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues an item; the future completes after the transaction that wrote it has committed. */
    public CompletableFuture<R> submit(T item) {
        CompletableFuture<R> result = new CompletableFuture<>();
        if (!running) {
            result.completeExceptionally(new IllegalStateException(name + " writer is stopped"));
            return result;
        }
        queue.add(new Pending<>(item, result));
        return result;
    }

    /** Writes an item and waits for its commit; rethrows what the write threw. */
    public R write(T item) {
        try {
            return submit(item).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        } catch (CancellationException e) {
            throw new IllegalStateException(name + " writer stopped before the write", e);
        }
    }

    private void run() {
        List<Pending<T, R>> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending<T, R> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                flush(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                log.error("{} writer: unexpected failure", name, e);
                batch.forEach(p -> p.result().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
        for (Pending<T, R> left; (left = queue.poll()) != null; ) {
            left.result().cancel(false);
        }
    }

    private void flush(List<Pending<T, R>> batch) {
        List<T> batchItems = new ArrayList<>(batch.size());
        batch.forEach(p -> batchItems.add(p.item()));
        List<R> results;
        try {
            results = tx.execute(status -> writer.write(batchItems));
        } catch (RuntimeException e) {
            if (DatabaseOutage.isUnreachable(e)) {
                // every caller gets the outage now (the edge answers 503) and the next batch tries the database
                // again; the callers log it, one line each
                log.debug("{} writer: database unavailable, {} write(s) refused: {}", name, batch.size(),
                        DatabaseOutage.reason(e));
                batch.forEach(p -> p.result().completeExceptionally(e));
                return;
            }
            log.debug("{} writer: batch of {} failed ({}); writing each on its own", name, batch.size(), e.toString());
            for (Pending<T, R> p : batch) {
                try {
                    p.result().complete(single.apply(p.item()));
                } catch (RuntimeException one) {
                    p.result().completeExceptionally(one);
                }
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(results.get(i));
        }
    }

    /** Writes what is queued, then stops the writer thread. */
    public void stop() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(5));
    }
}
