package com.casewire.outbox;

import com.casewire.audit.ChainSealer;
import com.casewire.audit.CommunicationLog;
import com.casewire.audit.LogEntry;
import com.casewire.audit.LogMask;
import com.casewire.config.HubProperties;
import com.casewire.outbox.OutboxRepository.OutboxRow;
import com.casewire.schedule.DurableTimers;
import com.casewire.vendor.VendorException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends outbox rows. Each vendor has its own pool of senders, so a slow vendor does not hold up the
 * others, and its own pacer (inside the channel). Outcomes:
 * <ul>
 *   <li>sent: the row, the communication-log entry and the write-back note row commit together;</li>
 *   <li>transient failure: RETRY_WAIT with exponential back-off (never sooner than Retry-After), driven by a
 *       durable timer; DEAD when attempts run out;</li>
 *   <li>permanent failure: FAILED and recorded on the log; never retried.</li>
 * </ul>
 */
@Component
public class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    static final String RETRY_TIMER = "outbox-retry";
    /**
     * Rows a lane may hold claimed (claim committed, vendor call not finished), per sender: enough for
     * claims to keep ahead of the senders under load (2 was not: the lane fell behind at 800 events/s),
     * few enough that a row waiting behind a paced vendor (Twilio's default 1/s) is sent well within the
     * claim timeout.
     */
    static final int CLAIM_AHEAD = 8;
    /** Most claims and completions in one transaction. */
    static final int MAX_BATCH = 128;

    /** A row to send: by id (read back when claimed), or whole, as the outbox has just stored it. */
    record Work(long id, String kind, String idempotencyKey, OutboundMessage message) {
    }

    /** A row claimed for sending; {@code message} is null when the stored payload is unreadable. */
    record Claimed(long id, String idempotencyKey, String kind, int attempts, Instant createdAt, OutboundMessage message,
                   String problem) {
    }

    /** What the outbox writer does in a shared transaction. */
    private sealed interface Write permits Claim, Complete {
    }

    private record Claim(Work work) implements Write {
    }

    private record Complete(Claimed row, String vendorId, Instant at) implements Write {
    }

    private final OutboxRepository outbox;
    private final CommunicationLog commLog;
    private final ChainSealer sealer;
    private final DurableTimers timers;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;
    private final HubProperties.Outbox settings;
    private final ZoneId firmZone;
    private final Map<String, OutboundChannel> channels;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final java.util.Set<Long> queued = ConcurrentHashMap.newKeySet();
    /** Sequence keys (recipients) with a row waiting for an earlier one: when that settles, the next goes at once. */
    private final java.util.Set<String> held = ConcurrentHashMap.newKeySet();
    private final GroupCommit<Write, Object> writes;
    private final AtomicLong vendorErrors = new AtomicLong();
    private final Map<String, AtomicLong> sentByKind = new ConcurrentHashMap<>();

    OutboxSender(OutboxRepository outbox, CommunicationLog commLog, ChainSealer sealer, DurableTimers timers,
                 TransactionTemplate tx, ObjectMapper json, Clock clock, HubProperties hub, List<OutboundChannel> channels) {
        this.outbox = outbox;
        this.commLog = commLog;
        this.sealer = sealer;
        this.timers = timers;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
        this.settings = hub.outbox();
        this.firmZone = hub.firm().zone();
        this.channels = channels.stream().collect(Collectors.toMap(OutboundChannel::kind, Function.identity()));
        this.writes = new GroupCommit<>("outbox", tx, MAX_BATCH, batch -> writeAll(batch, false),
                write -> tx.execute(status -> writeAll(List.of(write), true).get(0)));
    }

    public String vendorOf(String kind) {
        OutboundChannel channel = channels.get(kind);
        if (channel == null) {
            throw new IllegalArgumentException("no outbound channel for kind " + kind);
        }
        return channel.vendor();
    }

    /** Hands a committed row to its vendor's senders, unless it is queued there already. */
    public void dispatch(long id, String kind) {
        dispatch(new Work(id, kind, null, null));
    }

    /**
     * Queues the row on its vendor's lane, which claims it (the claim commits before the vendor call, so a
     * crash mid-call leaves it SENDING, never silently re-sendable), sends it and records the outcome.
     * Claims and completions of many rows share transactions ({@link GroupCommit}).
     */
    void dispatch(Work work) {
        if (!queued.add(work.id())) {
            return;
        }
        OutboundChannel channel = channels.get(work.kind());
        lanes.computeIfAbsent(channel == null ? "unknown" : channel.vendor(), Lane::new).add(work);
    }

    /**
     * Inserts an outbox row in the current transaction and sees that it is sent once that commits. When the kind's
     * lane has a free slot the row is stored already claimed (SENDING, attempt 1) and goes straight to a sender
     * after the commit: that commit is the claim's, so the usual claim (an update and a commit of its own before
     * the vendor call) is saved. A crash between the commit and the call leaves it SENDING, exactly as after a
     * claim. When the lane is full, or there is no transaction, the row is stored PENDING and claimed in turn; so is
     * a row whose recipient has an earlier message still unsent or unsettled (it waits its turn: {@link #releaseNext}).
     * Empty for a repeat of the same key.
     */
    Optional<Long> store(String key, OutboundMessage message, Instant now) {
        String kind = message.kind();
        String vendor = vendorOf(kind);
        String sequence = message.sequenceKey();
        String payload = toJson(message);
        Lane lane = lanes.computeIfAbsent(vendor, Lane::new);
        if (!TransactionSynchronizationManager.isSynchronizationActive() || !lane.reserve()) {
            return storePending(key, message, payload, now);
        }
        long[] inserted = {-1};
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED && inserted[0] >= 0) {
                    lane.sendClaimed(new Claimed(inserted[0], key, kind, 1, now, message, null));
                } else {
                    lane.unreserve(); // rolled back, or a repeat: the slot goes back
                }
            }
        });
        Optional<Long> id = outbox.insertClaimed(key, kind, vendor, payload, sequence, now);
        if (id.isPresent()) {
            inserted[0] = id.get();
            return id;
        }
        // a repeat of the key, or an earlier message to the same recipient is unsettled (the slot goes back)
        Optional<Long> waiting = storePending(key, message, payload, now);
        if (waiting.isPresent() && sequence != null) {
            held.add(sequence);
        }
        return waiting;
    }

    private Optional<Long> storePending(String key, OutboundMessage message, String payload, Instant now) {
        String kind = message.kind();
        Optional<Long> id = outbox.insert(key, kind, vendorOf(kind), payload, message.sequenceKey(), now);
        id.ifPresent(rowId -> AfterCommit.run(() -> dispatch(new Work(rowId, kind, key, message))));
        return id;
    }

    /**
     * A row has settled (sent, failed for good, or found at the vendor): the row it held back, if any, is dispatched
     * now rather than at the next sweep. Looked up only where a row is known to wait ({@link #held}) or this one was
     * delayed (retried, or its outcome was unknown), so an undisturbed send costs no query.
     */
    private void releaseNext(Claimed row, boolean delayed) {
        String sequence = row.message() == null ? null : row.message().sequenceKey();
        if (sequence == null || !(held.remove(sequence) || delayed)) {
            return;
        }
        try {
            outbox.nextInSequence(row.id(), clock.instant()).ifPresent(next -> {
                held.add(sequence); // more may wait behind it
                dispatch(next.getKey(), next.getValue());
            });
        } catch (RuntimeException e) {
            log.warn("outbox {}: the next message to its recipient waits for the sweep ({})", row.id(),
                    LogMask.text(e.toString()));
        }
    }

    /**
     * One vendor's senders. Rows are claimed a little ahead of the senders, so claiming and sending
     * overlap, but never more than {@link #CLAIM_AHEAD} per sender: rows further back wait PENDING, so
     * no row sits SENDING behind the vendor's pacer for long.
     */
    private final class Lane {

        private final ExecutorService senders;
        private final Semaphore slots;
        private final java.util.Queue<Work> waiting = new java.util.concurrent.ConcurrentLinkedQueue<>();

        Lane(String vendor) {
            AtomicInteger n = new AtomicInteger();
            this.senders = new ThreadPoolExecutor(settings.sendersPerVendor(), settings.sendersPerVendor(), 60,
                    TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "outbox-" + vendor + "-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            this.slots = new Semaphore(CLAIM_AHEAD * settings.sendersPerVendor());
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
                writes.submit(new Claim(work)).whenComplete((result, failure) -> {
                    @SuppressWarnings("unchecked")
                    Optional<Claimed> claimed = failure == null ? (Optional<Claimed>) result : Optional.empty();
                    if (claimed.isPresent()) {
                        senders.execute(() -> {
                            try {
                                send(claimed.get());
                            } finally {
                                release();
                            }
                        });
                        return;
                    }
                    // sent already, not due yet, claimed by another sender, waiting for an earlier row to the same
                    // recipient (released when that settles), or the claim failed
                    queued.remove(work.id());
                    if (failure == null && work.message() != null && work.message().sequenceKey() != null) {
                        held.add(work.message().sequenceKey());
                    }
                    if (failure != null) {
                        log.warn("outbox {} could not be claimed ({}); the sweep retries", work.id(),
                                LogMask.text(failure.toString()));
                    }
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

        /** A row whose claim has committed (stored claimed, see {@link #store}), on the slot it reserved. */
        void sendClaimed(Claimed row) {
            queued.add(row.id());
            senders.execute(() -> {
                try {
                    send(row);
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

    private void send(Claimed row) {
        boolean completing = false;
        try {
            OutboundChannel channel = channels.get(row.kind());
            if (row.message() == null) {
                outbox.markFinal(row.id(), "FAILED", 0, "unreadable payload: " + row.problem());
                return;
            }
            if (channel == null) {
                outbox.markFinal(row.id(), "FAILED", 0, "no outbound channel for kind " + row.kind());
                return;
            }
            String vendorId;
            try {
                vendorId = channel.send(row.message(), row.idempotencyKey());
            } catch (VendorException e) {
                vendorErrors.incrementAndGet();
                if (e.outcomeUnknown()) {
                    unknown(row, e);
                } else if (e.isTransient()) {
                    retryOrGiveUp(row, row.message(), e);
                } else {
                    log.warn("outbox {} {} failed permanently: {}", row.id(), row.kind(), LogMask.text(e.getMessage()));
                    fail(row, row.message(), "FAILED", e.httpStatus(), e.getMessage());
                }
                return;
            } catch (RuntimeException e) {
                vendorErrors.incrementAndGet();
                log.warn("outbox {} {} failed: {}", row.id(), row.kind(), LogMask.text(e.toString()));
                retryOrGiveUp(row, row.message(), new VendorException(channel.vendor(), true, 0, null, e.toString(), null, e));
                return;
            }
            completing = true;
            writes.submit(new Complete(row, vendorId, clock.instant())).whenComplete((marked, failure) -> {
                queued.remove(row.id());
                if (failure != null) {
                    // the vendor has it but the row is still SENDING: once stale, the sweep asks the vendor, finds
                    // it there and records it; it is never sent again on its own (WARN while the database is away:
                    // expected, and settled the same way)
                    String line = "outbox {} {} was sent (vendor id {}) but recording it failed: {}; the vendor will be "
                            + "asked once the row is stale";
                    Object[] args = {row.id(), row.kind(), vendorId, LogMask.text(failure.toString())};
                    if (com.casewire.db.DatabaseOutage.isTransient(failure)) {
                        log.warn(line, args);
                    } else {
                        log.error(line, args);
                    }
                    return;
                }
                sentByKind.computeIfAbsent(row.kind(), k -> new AtomicLong()).incrementAndGet();
                releaseNext(row, row.attempts() > 1);
            });
        } finally {
            if (!completing) {
                queued.remove(row.id()); // only now: a sweep must not re-queue a row while it is being worked on
            }
        }
    }

    /**
     * Claims and completions queued meanwhile, written in one transaction; one result per write. The log
     * entries of the completed sends are recorded sealed, extending the hash chain in the same transaction.
     * {@code alone}: a write on its own after its batch failed, tolerating a log entry recorded before.
     */
    private List<Object> writeAll(List<Write> batch, boolean alone) {
        Instant now = clock.instant();
        Object[] results = new Object[batch.size()];
        List<Integer> fresh = new ArrayList<>();
        List<Integer> byId = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i) instanceof Claim claim) {
                (claim.work().message() != null ? fresh : byId).add(i);
            }
        }
        claim(batch, fresh, true, now, results);
        claim(batch, byId, false, now, results);
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i) instanceof Complete done) {
                results[i] = completeSent(done.row(), done.vendorId(), done.at(), entries);
            }
        }
        if (!entries.isEmpty()) {
            sealer.recordSealed(entries, alone);
        }
        return Arrays.asList(results);
    }

    private void claim(List<Write> batch, List<Integer> indexes, boolean fresh, Instant now, Object[] results) {
        if (indexes.isEmpty()) {
            return;
        }
        List<Long> ids = indexes.stream().map(i -> ((Claim) batch.get(i)).work().id()).toList();
        boolean[] claimed = outbox.claimAll(ids, fresh, now);
        for (int j = 0; j < indexes.size(); j++) {
            Work work = ((Claim) batch.get(indexes.get(j))).work();
            Optional<Claimed> row = Optional.empty();
            if (claimed[j] && fresh) {
                // claimed at its first attempt: what the outbox stored is what it handed over
                row = Optional.of(new Claimed(work.id(), work.idempotencyKey(), work.kind(), 1, now, work.message(), null));
            } else if (claimed[j]) {
                row = outbox.find(work.id()).map(this::claimed);
            }
            results[indexes.get(j)] = row;
        }
    }

    private Claimed claimed(OutboxRow row) {
        try {
            return new Claimed(row.id(), row.idempotencyKey(), row.kind(), row.attempts(), row.createdAt(),
                    json.readValue(row.payload(), OutboundMessage.class), null);
        } catch (JsonProcessingException e) {
            return new Claimed(row.id(), row.idempotencyKey(), row.kind(), row.attempts(), row.createdAt(), null,
                    e.getOriginalMessage());
        }
    }

    /**
     * Marks a row SENT and adds its log entry to {@code entries} (the caller records them); stores the
     * write-back note row, which goes to its sender when the transaction commits. Returns whether the row was
     * marked.
     */
    private boolean completeSent(Claimed row, String vendorId, Instant now, List<LogEntry> entries) {
        if (!outbox.markSent(row.id(), vendorId, now)) {
            return false;
        }
        OutboundMessage message = row.message();
        if (message.clientCommunication()) {
            entries.add(entry(row.idempotencyKey(), message, now, "SENT", vendorId, null));
        }
        if (message.writeBack() && message.matterId() != null) {
            store(row.idempotencyKey() + ":note", writeBackNote(message, now), now);
        }
        return true;
    }

    /**
     * Retries with back-off while the row is younger than {@code hub.outbox.retry-for} (a day by default): a vendor
     * outage delays a message, it does not need a person. DEAD only once that time has run out.
     */
    private void retryOrGiveUp(Claimed row, OutboundMessage message, VendorException e) {
        Duration age = Duration.between(row.createdAt(), clock.instant());
        if (age.compareTo(settings.retryFor()) >= 0) {
            log.warn("outbox {} {} dead after {} attempts over {} s: {}", row.id(), row.kind(), row.attempts(),
                    age.toSeconds(), LogMask.text(e.getMessage()));
            fail(row, message, "DEAD", e.httpStatus(), "gave up after " + row.attempts() + " attempts over "
                    + age.toSeconds() + " s: " + e.getMessage());
            return;
        }
        Duration wait = backoff(row.attempts(), e.retryAfter());
        Instant next = clock.instant().plus(wait);
        tx.executeWithoutResult(status -> {
            outbox.markRetry(row.id(), next, e.httpStatus(), e.getMessage());
            timers.schedule(RETRY_TIMER + ":" + row.id() + ":" + row.attempts(), RETRY_TIMER, next,
                    row.id() + ":" + row.kind());
        });
        log.info("outbox {} {} attempt {} failed ({}); retry in {} ms", row.id(), row.kind(), row.attempts(),
                LogMask.text(e.getMessage()), wait.toMillis());
    }

    private void fail(Claimed row, OutboundMessage message, String state, int status, String error) {
        tx.executeWithoutResult(s -> {
            outbox.markFinal(row.id(), state, status, error);
            if (message.clientCommunication()) {
                commLog.record(entry(row.idempotencyKey() + ":failed", message, clock.instant(), "FAILED", null, error));
            }
        });
        if (message.clientCommunication()) {
            sealer.requestSeal();
        }
        releaseNext(row, true);
    }

    /** Exponential back-off with jitter, never shorter than the vendor's Retry-After. */
    Duration backoff(int attempts, Duration retryAfter) {
        long base = settings.initialBackoff().toMillis() << Math.min(attempts - 1, 20);
        long capped = Math.min(base, settings.maxBackoff().toMillis());
        long jittered = (long) (capped * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
        long floor = retryAfter == null ? 0 : retryAfter.toMillis();
        return Duration.ofMillis(Math.max(jittered, floor));
    }

    /**
     * Re-drives rows a crash or a full queue left behind. A row left SENDING by a hub that stopped (claimed longer ago
     * than {@code hub.outbox.claim-timeout}, and not in this hub's hands) has an unknown outcome: it becomes UNKNOWN,
     * and every UNKNOWN row that is due is settled by asking its vendor ({@link #settle}).
     */
    public int sweep(Duration grace) {
        Instant now = clock.instant();
        int n = 0;
        for (OutboxRow row : outbox.pendingOrDue(now.minus(grace))) {
            dispatch(row.id(), row.kind());
            n++;
        }
        Instant staleBefore = now.minus(settings.claimTimeout());
        for (Long id : outbox.staleSending(staleBefore)) {
            if (!queued.contains(id)) { // else still in this hub's hands (waiting for its sender or being recorded)
                outbox.staleToUnknown(id, staleBefore, now);
            }
        }
        for (OutboxRow row : outbox.unknownDue(now)) {
            if (queued.add(row.id())) {
                OutboundChannel channel = channels.get(row.kind());
                lanes.computeIfAbsent(channel == null ? "unknown" : channel.vendor(), Lane::new)
                        .run(() -> settle(claimed(row), row.claimedAt()));
                n++;
            }
        }
        return n;
    }

    /**
     * An attempt whose answer never came (a time-out, a connection lost after the request left): the row waits
     * UNKNOWN, and the vendor is asked about it once the vendor has had time to finish it.
     */
    private void unknown(Claimed row, VendorException e) {
        Instant next = clock.instant().plus(backoff(row.attempts(), e.retryAfter()));
        outbox.markUnknown(row.id(), next, e.getMessage());
        log.warn("outbox {} {} attempt {}: {}; the vendor will be asked whether it has it", row.id(), row.kind(),
                row.attempts(), LogMask.text(e.getMessage()));
    }

    /**
     * Settles a row whose last attempt's outcome is unknown by asking the vendor: recorded SENT with the vendor's id
     * when the vendor has it (log entry and write-back note as for any send), sent again when it has no trace of it,
     * asked again later when it cannot answer, DEAD at once when the channel says a person must decide
     * ({@link OutcomeNeedsOperator}). Runs on the vendor's lane; the row is in {@code queued}.
     */
    private void settle(Claimed row, Instant claimedAt) {
        boolean handedOn = false; // to the writer or back to the lane, which take it out of queued
        try {
            OutboundChannel channel = channels.get(row.kind());
            if (row.message() == null || channel == null) {
                outbox.giveUpUnknown(row.id(), row.message() == null ? "unreadable payload: " + row.problem()
                        : "no outbound channel for kind " + row.kind());
                return;
            }
            Optional<String> found;
            try {
                found = channel.findSent(row.message(), row.idempotencyKey(),
                        claimedAt == null ? row.createdAt() : claimedAt,
                        vendorId -> outbox.vendorIdHeldByAnother(vendorId, row.kind(), row.id()));
            } catch (OutcomeNeedsOperator e) {
                outbox.giveUpUnknown(row.id(), "outcome unknown: " + e.getMessage());
                log.warn("outbox {} {}: outcome unknown and left to an operator: {}", row.id(), row.kind(), LogMask.text(e.getMessage()));
                releaseNext(row, true); // a dead letter does not hold the recipient's later messages back
                return;
            } catch (VendorException e) {
                Duration age = Duration.between(row.createdAt(), clock.instant());
                if (age.compareTo(settings.retryFor()) >= 0) {
                    outbox.giveUpUnknown(row.id(), "outcome unknown after " + age.toSeconds()
                            + " s: the vendor could not be asked: " + e.getMessage());
                    log.warn("outbox {} {} dead: its outcome is unknown and {} could not be asked for {} s", row.id(),
                            row.kind(), channel.vendor(), age.toSeconds());
                    releaseNext(row, true);
                    return;
                }
                Instant next = clock.instant().plus(backoff(Math.max(1, row.attempts()), e.retryAfter()));
                outbox.deferUnknown(row.id(), next, "outcome unknown; asking the vendor failed: " + e.getMessage());
                log.info("outbox {} {}: outcome unknown and {} could not say ({}); asking again later", row.id(),
                        row.kind(), channel.vendor(), LogMask.text(e.getMessage()));
                return;
            }
            if (found.isEmpty()) {
                if (outbox.resendUnknown(row.id(), clock.instant())) {
                    log.info("outbox {} {}: {} has no trace of the unknown attempt; sending it again", row.id(),
                            row.kind(), channel.vendor());
                    handedOn = true;
                    lanes.computeIfAbsent(channel.vendor(), Lane::new).add(new Work(row.id(), row.kind(), null, null));
                }
                return;
            }
            log.info("outbox {} {}: {} has it (id {}); recorded as sent", row.id(), row.kind(), channel.vendor(),
                    found.get());
            handedOn = true;
            writes.submit(new Complete(row, found.get(), clock.instant())).whenComplete((marked, failure) -> {
                queued.remove(row.id());
                if (failure != null) {
                    log.warn("outbox {} {}: recording the settled send failed ({}); settled again later", row.id(),
                            row.kind(), failure.toString());
                    return;
                }
                releaseNext(row, true);
            });
        } catch (RuntimeException e) {
            log.warn("outbox {} {}: settling failed ({}); the sweep tries again", row.id(), row.kind(), e.toString());
        } finally {
            if (!handedOn) {
                queued.remove(row.id());
            }
        }
    }

    /**
     * The vendor says it has the message of the row with this key (Twilio's status callback names it): a row whose
     * outcome was unknown is recorded as sent, with its log entry and write-back note. False when there is no such
     * row or its outcome was not in doubt.
     */
    public boolean settleFromVendor(String key, String vendorId) {
        Optional<OutboxRow> row = outbox.findByKey(key).filter(r -> "UNKNOWN".equals(r.state()));
        if (row.isEmpty()) {
            return false;
        }
        Claimed claimed = claimed(row.get());
        if (claimed.message() == null) {
            return false;
        }
        Object marked = tx.execute(status -> writeAll(List.of(new Complete(claimed, vendorId, clock.instant())), true).get(0));
        if (Boolean.TRUE.equals(marked)) {
            log.info("outbox {} {}: the vendor reported it (id {}); recorded as sent", claimed.id(), claimed.kind(), vendorId);
            releaseNext(claimed, true);
            return true;
        }
        return false;
    }

    /** Puts a DEAD or FAILED row back in the queue. */
    public boolean replay(long id) {
        Optional<OutboxRow> row = outbox.find(id);
        if (row.isEmpty() || !outbox.replay(id, clock.instant())) {
            return false;
        }
        log.info("outbox {} {} replayed by an operator", id, row.get().kind());
        dispatch(id, row.get().kind());
        return true;
    }

    public long vendorErrors() {
        return vendorErrors.get();
    }

    public Map<String, Long> sentByKind() {
        return sentByKind.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
    }

    private LogEntry entry(String key, OutboundMessage m, Instant at, String outcome, String vendorId, String error) {
        return new LogEntry(key, at, m.matterId(), m.recipientName(), m.to(), m.channel(), m.workflow(), m.template(),
                m.subject(), m.body(), outcome, vendorId, error);
    }

    private OutboundMessage writeBackNote(OutboundMessage sent, Instant at) {
        String when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z").format(at.atZone(firmZone));
        String channelName = switch (sent.channel()) {
            case "sms" -> "SMS";
            case "email" -> "email";
            default -> sent.channel();
        };
        String subject = "Client update sent by " + channelName;
        String detail = "Sent " + when + " by " + channelName + " to " + sent.recipientName() + " (" + sent.to() + ")"
                + (sent.template() != null ? ", template " + sent.template() : "") + ":\n\n"
                + (sent.subject() != null ? sent.subject() + "\n\n" : "") + sent.body();
        return new OutboundMessage(OutboundMessage.MATTER_NOTE, sent.matterId(), null, subject, detail, sent.matterId(),
                sent.workflow(), sent.template(), "note", false, false);
    }

    String toJson(OutboundMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        writes.stop();
        for (Lane lane : lanes.values()) {
            lane.stop();
        }
        for (Lane lane : lanes.values()) {
            lane.awaitStop();
        }
    }
}
