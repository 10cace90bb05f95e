package com.casewire.outbox;

import com.casewire.outbox.OutboxWriter.Claimed;
import com.casewire.outbox.OutboxWriter.Work;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One vendor's senders, so a slow vendor does not hold up the others. Rows are claimed a little ahead of the
 * senders, so claiming and sending overlap, but never more than {@link #CLAIM_AHEAD} per sender: rows further back
 * wait PENDING, so no row sits SENDING behind the vendor's pacer for long.
 */
final class SendLane {

    /**
     * Rows a lane may hold claimed (claim committed, vendor call not finished), per sender: enough for
     * claims to keep ahead of the senders under load (2 was not: the lane fell behind at 800 events/s),
     * few enough that a row waiting behind a paced vendor (Twilio's default 1/s) is sent well within the
     * claim timeout.
     */
    static final int CLAIM_AHEAD = 8;

    /** What the lane asks of the outbox. */
    interface Sending {
        /** Claims the row; empty when it is not to be sent now. */
        CompletableFuture<Optional<Claimed>> claim(Work work);

        /** Sends a claimed row and records the outcome (on one of the lane's senders). */
        void send(Claimed row);

        /** The row was not claimed ({@code failure} null: sent already, not due, or waiting its turn). */
        void notClaimed(Work work, Throwable failure);
    }

    private final ExecutorService senders;
    private final Semaphore slots;
    private final Queue<Work> waiting = new ConcurrentLinkedQueue<>();
    private final Sending sending;

    SendLane(String vendor, int sendersPerVendor, Sending sending) {
        AtomicInteger n = new AtomicInteger();
        this.senders = new ThreadPoolExecutor(sendersPerVendor, sendersPerVendor, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "outbox-" + vendor + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.slots = new Semaphore(CLAIM_AHEAD * sendersPerVendor);
        this.sending = sending;
    }

    void add(Work work) {
        waiting.add(work);
        pump();
    }

    /** Claims waiting rows while slots are free; runs again whenever a slot is released. */
    private void pump() {
        while (!waiting.isEmpty() && slots.tryAcquire()) {
            Work work = waiting.poll();
            if (work == null) {
                slots.release(); // another thread took it; look again
                continue;
            }
            sending.claim(work).whenComplete((claimed, failure) -> {
                if (failure == null && claimed.isPresent()) {
                    sendOnSlot(claimed.get());
                    return;
                }
                sending.notClaimed(work, failure);
                release();
            });
        }
    }

    private void release() {
        slots.release();
        pump();
    }

    /** A slot for a row about to be stored claimed; none while rows wait (they go first) or all are taken. */
    boolean reserve() {
        return waiting.isEmpty() && slots.tryAcquire();
    }

    void unreserve() {
        release();
    }

    /** A row whose claim has committed, on the slot it holds (reserved, or taken by {@link #pump}). */
    void sendOnSlot(Claimed row) {
        senders.execute(() -> {
            try {
                sending.send(row);
            } finally {
                release();
            }
        });
    }

    /** Work of the vendor's other than a claimed send (settling an unknown outcome). */
    void run(Runnable task) {
        senders.execute(task);
    }

    void stop() {
        senders.shutdown();
    }

    boolean awaitStop() throws InterruptedException {
        return senders.awaitTermination(5, TimeUnit.SECONDS);
    }
}
