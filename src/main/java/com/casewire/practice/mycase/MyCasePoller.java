package com.casewire.practice.mycase;

import com.casewire.config.HubProperties;
import com.casewire.inbox.InboxProcessor;
import com.casewire.inbox.InboxStore;
import com.casewire.practice.mycase.MyCaseChanges.Seen;
import com.casewire.vendor.VendorException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dependable path for MyCase changes, run by the {@code mycase-poll-changes} route every
 * {@code hub.mycase.poll-interval-millis} (and soon after a webhook hint). Per resource in
 * {@code hub.mycase.poll-resources}: list the records updated after the stored high-water mark minus
 * {@code hub.mycase.poll-overlap}, then in one transaction write each one not seen before into the inbox (source
 * {@code mycase}, dedupe key resource + id + updated_at), remember a case's stage and status or a task's status,
 * and advance the mark. The rows go to the normalizer after the commit. A failed listing writes nothing and leaves
 * the mark where it was, so an outage delays changes and never skips them; the overlap and the dedupe key make a
 * re-read harmless.
 * <p>
 * The first poll of a resource is a baseline: it records where the firm is (each case's stage and status, each
 * task's status) and emits nothing, so the hub's first minute does not replay the firm's history to its clients.
 */
@Component("myCasePoller")
public class MyCasePoller {

    private static final Logger log = LoggerFactory.getLogger(MyCasePoller.class);
    static final String SOURCE = "mycase";
    static final int MAX_KEY_LENGTH = 200;

    private final MyCaseClient mycase;
    private final MyCasePollStore state;
    private final InboxStore inbox;
    private final InboxProcessor processor;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final HubProperties hub;
    private final MyCaseProperties settings;
    private final ObjectMapper json;
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicBoolean hintQueued = new AtomicBoolean();
    private final ExecutorService hints = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mycase-poll-hint");
        t.setDaemon(true);
        return t;
    });

    MyCasePoller(MyCaseClient mycase, MyCasePollStore state, InboxStore inbox, InboxProcessor processor,
                 TransactionTemplate tx, Clock clock, HubProperties hub, MyCaseProperties settings,
                 ObjectMapper json) {
        this.mycase = mycase;
        this.state = state;
        this.inbox = inbox;
        this.processor = processor;
        this.tx = tx;
        this.clock = clock;
        this.hub = hub;
        this.settings = settings;
        this.json = json;
    }

    public boolean enabled() {
        return "mycase".equals(hub.practiceManagement());
    }

    /**
     * Polls every configured resource; returns how many inbox rows it wrote. A poll asked for while one runs (a
     * webhook hint) makes the running one go round once more instead of running beside it.
     */
    public int poll() {
        if (!enabled()) {
            return 0;
        }
        if (!running.tryLock()) {
            again.set(true);
            return 0;
        }
        try {
            int written = 0;
            do {
                again.set(false);
                for (String resource : settings.pollResources()) {
                    written += pollSafely(resource);
                }
            } while (again.get());
            return written;
        } finally {
            running.unlock();
        }
    }

    /** Polls soon on a thread of its own (a webhook hint); hints that arrive meanwhile share that one poll. */
    public void pollSoon() {
        if (!enabled() || !hintQueued.compareAndSet(false, true)) {
            return;
        }
        hints.execute(() -> {
            hintQueued.set(false);
            try {
                poll();
            } catch (RuntimeException e) {
                log.warn("MyCase poll after a webhook hint failed: {}", e.toString());
            }
        });
    }

    private int pollSafely(String resource) {
        try {
            return pollResource(resource);
        } catch (VendorException e) {
            log.warn("MyCase poll of {} failed; its mark stays at {} and the next poll starts there: {}", resource,
                    state.mark(resource).map(Instant::toString).orElse("(no baseline yet)"), e.getMessage());
            return 0;
        }
    }

    /** One resource: a baseline when it has no mark yet, otherwise the changes since the mark. */
    int pollResource(String resource) {
        Instant mark = state.mark(resource).orElse(null);
        if (mark == null) {
            baseline(resource);
            return 0;
        }
        Instant since = mark.minus(settings.pollOverlap());
        Instant now = clock.instant();
        // the filter may be ignored by the endpoint: anything older than `since` is dropped here
        List<JsonNode> changed = mycase.listChangedSince(resource, since).stream()
                .filter(record -> MyCaseMapper.text(record, "id") != null)
                .filter(record -> updatedAt(record) == null || !updatedAt(record).isBefore(since))
                .sorted(Comparator.comparing(MyCasePoller::updatedAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        Instant newest = changed.stream().map(MyCasePoller::updatedAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(mark);
        // a MyCase clock ahead of ours must not push the mark past changes still to come
        Instant next = newest.isAfter(now) ? now : newest;
        List<Long> written = tx.execute(status -> {
            List<Long> ids = new ArrayList<>();
            for (JsonNode record : changed) {
                write(resource, record, since, now).ifPresent(ids::add);
            }
            state.advance(resource, next.isAfter(mark) ? next : mark);
            return ids;
        });
        written.forEach(processor::dispatch);
        if (!written.isEmpty()) {
            log.info("MyCase {}: {} change(s) since {}", resource, written.size(), since);
        }
        return written.size();
    }

    private java.util.Optional<Long> write(String resource, JsonNode record, Instant since, Instant now) {
        String id = MyCaseMapper.text(record, "id");
        String key = dedupeKey(resource, record);
        if (inbox.contains(SOURCE, key)) {
            return java.util.Optional.empty(); // seen by an earlier poll (the overlap) or another instance
        }
        boolean tracked = MyCaseChanges.tracksState(resource);
        Seen previous = tracked ? state.seen(resource, id).orElse(null) : null;
        boolean created = tracked ? previous == null : createdSince(record, since);
        ObjectNode payload = json.createObjectNode();
        payload.put("resource", resource);
        payload.set("record", record);
        if (previous != null) {
            ObjectNode seen = payload.putObject("previous");
            seen.put("stage", previous.stage());
            seen.put("status", previous.status());
        }
        payload.put("created", created);
        java.util.Optional<Long> row = inbox.insert(SOURCE, key, resource, payload.toString(), now);
        if (row.isPresent() && tracked) {
            state.remember(resource, id, MyCaseChanges.seen(resource, record));
        }
        return row;
    }

    /**
     * Records where the firm is. Cases and tasks: every record's state, mark = when the listing started (a record
     * changed during the listing is read again by the next poll). Documents keep no state: mark = now.
     */
    private void baseline(String resource) {
        Instant started = clock.instant();
        List<JsonNode> all = MyCaseChanges.tracksState(resource) ? mycase.listAll("/" + resource, Map.of()) : List.of();
        tx.executeWithoutResult(status -> {
            for (JsonNode record : all) {
                String id = MyCaseMapper.text(record, "id");
                if (id != null) {
                    state.remember(resource, id, MyCaseChanges.seen(resource, record));
                }
            }
            state.advance(resource, started);
        });
        log.info("MyCase {}: baseline of {} record(s); changes after {} become events", resource, all.size(), started);
    }

    /** A document is new when it was created at or after the start of this poll's window. */
    private static boolean createdSince(JsonNode record, Instant since) {
        Instant createdAt = MyCaseMapper.instant(MyCaseMapper.text(record, "created_at"));
        return createdAt == null || !createdAt.isBefore(since);
    }

    private static Instant updatedAt(JsonNode record) {
        return MyCaseMapper.instant(MyCaseMapper.text(record, "updated_at"));
    }

    /** resource:id:updated_at, so one version of a record is written once; without updated_at, its content digest. */
    static String dedupeKey(String resource, JsonNode record) {
        Instant updated = updatedAt(record);
        String version = updated != null ? updated.toString() : "sha256:" + sha256(record.toString());
        String key = resource + ":" + MyCaseMapper.text(record, "id") + ":" + version;
        return key.length() <= MAX_KEY_LENGTH ? key : resource + ":sha256:" + sha256(key);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        hints.shutdownNow();
        hints.awaitTermination(5, TimeUnit.SECONDS);
    }
}
