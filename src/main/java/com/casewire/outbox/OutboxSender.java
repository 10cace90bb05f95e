package com.casewire.outbox;

import com.casewire.audit.ChainSealer;
import com.casewire.audit.CommunicationLog;
import com.casewire.audit.LogEntry;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
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
    private final Map<String, ExecutorService> lanes = new ConcurrentHashMap<>();
    private final java.util.Set<Long> queued = ConcurrentHashMap.newKeySet();
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
        if (!queued.add(id)) {
            return;
        }
        OutboundChannel channel = channels.get(kind);
        String vendor = channel == null ? "unknown" : channel.vendor();
        lanes.computeIfAbsent(vendor, this::newLane).execute(() -> {
            try {
                send(id);
            } finally {
                queued.remove(id); // only now: a sweep must not re-queue a row while it is being worked on
            }
        });
    }

    void send(long id) {
        OutboxRow row = outbox.claim(id, clock.instant()).orElse(null);
        if (row == null) {
            return; // sent already, not due yet, or claimed by another sender
        }
        OutboundChannel channel = channels.get(row.kind());
        OutboundMessage message;
        try {
            message = json.readValue(row.payload(), OutboundMessage.class);
        } catch (JsonProcessingException e) {
            outbox.markFinal(id, "FAILED", 0, "unreadable payload: " + e.getOriginalMessage());
            return;
        }
        if (channel == null) {
            outbox.markFinal(id, "FAILED", 0, "no outbound channel for kind " + row.kind());
            return;
        }
        try {
            String vendorId = channel.send(message, row.idempotencyKey());
            completeSent(row, message, channel, vendorId);
        } catch (VendorException e) {
            vendorErrors.incrementAndGet();
            if (e.isTransient()) {
                retryOrGiveUp(row, message, e);
            } else {
                log.warn("outbox {} {} failed permanently: {}", id, row.kind(), e.getMessage());
                fail(row, message, "FAILED", e.httpStatus(), e.getMessage());
            }
        } catch (RuntimeException e) {
            vendorErrors.incrementAndGet();
            log.warn("outbox {} {} failed: {}", id, row.kind(), e.toString());
            retryOrGiveUp(row, message, new VendorException(channel.vendor(), true, 0, null, e.toString(), null, e));
        }
    }

    private void completeSent(OutboxRow row, OutboundMessage message, OutboundChannel channel, String vendorId) {
        Instant now = clock.instant();
        Optional<Long> noteId = tx.execute(status -> {
            if (!outbox.markSent(row.id(), vendorId, now)) {
                return Optional.<Long>empty();
            }
            if (message.clientCommunication()) {
                commLog.record(entry(row.idempotencyKey(), message, now, "SENT", vendorId, null));
            }
            if (message.writeBack() && message.matterId() != null) {
                return outbox.insert(row.idempotencyKey() + ":note", OutboundMessage.MATTER_NOTE,
                        channels.get(OutboundMessage.MATTER_NOTE).vendor(), toJson(writeBackNote(message, now)), now);
            }
            return Optional.<Long>empty();
        });
        sentByKind.computeIfAbsent(row.kind(), k -> new AtomicLong()).incrementAndGet();
        noteId.ifPresent(nid -> dispatch(nid, OutboundMessage.MATTER_NOTE));
        if (message.clientCommunication()) {
            sealer.requestSeal();
        }
    }

    private void retryOrGiveUp(OutboxRow row, OutboundMessage message, VendorException e) {
        if (row.attempts() >= settings.maxAttempts()) {
            log.warn("outbox {} {} dead after {} attempts: {}", row.id(), row.kind(), row.attempts(), e.getMessage());
            fail(row, message, "DEAD", e.httpStatus(), "gave up after " + row.attempts() + " attempts: " + e.getMessage());
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
                e.getMessage(), wait.toMillis());
    }

    private void fail(OutboxRow row, OutboundMessage message, String state, int status, String error) {
        tx.executeWithoutResult(s -> {
            outbox.markFinal(row.id(), state, status, error);
            if (message.clientCommunication()) {
                commLog.record(entry(row.idempotencyKey() + ":failed", message, clock.instant(), "FAILED", null, error));
            }
        });
        if (message.clientCommunication()) {
            sealer.requestSeal();
        }
    }

    /** Exponential back-off with jitter, never shorter than the vendor's Retry-After. */
    Duration backoff(int attempts, Duration retryAfter) {
        long base = settings.initialBackoff().toMillis() << Math.min(attempts - 1, 20);
        long capped = Math.min(base, settings.maxBackoff().toMillis());
        long jittered = (long) (capped * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
        long floor = retryAfter == null ? 0 : retryAfter.toMillis();
        return Duration.ofMillis(Math.max(jittered, floor));
    }

    /** Re-drives rows a crash or a full queue left behind; settles rows stuck mid-call. */
    public int sweep(Duration grace) {
        Instant now = clock.instant();
        int n = 0;
        for (OutboxRow row : outbox.pendingOrDue(now.minus(grace))) {
            dispatch(row.id(), row.kind());
            n++;
        }
        Instant staleBefore = now.minus(settings.claimTimeout());
        for (Long id : outbox.staleSending(staleBefore)) {
            OutboxRow row = outbox.find(id).orElseThrow();
            OutboundChannel channel = channels.get(row.kind());
            if (channel != null && channel.resendWhenOutcomeUnknown()) {
                outbox.resetStale(id, "PENDING", "resent: the previous attempt's outcome is unknown", staleBefore, now);
                dispatch(id, row.kind());
            } else {
                outbox.resetStale(id, "DEAD", "outcome unknown: the hub stopped during the vendor call; check the "
                        + "vendor's log before replaying", staleBefore, now);
            }
            n++;
        }
        return n;
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

    private ExecutorService newLane(String vendor) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(settings.sendersPerVendor(), settings.sendersPerVendor(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "outbox-" + vendor + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    @PreDestroy
    void stop() throws InterruptedException {
        for (ExecutorService lane : lanes.values()) {
            lane.shutdown();
        }
        for (ExecutorService lane : lanes.values()) {
            lane.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
