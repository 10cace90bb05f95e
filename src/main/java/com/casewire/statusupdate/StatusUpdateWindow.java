package com.casewire.statusupdate;

import com.casewire.canonical.Notification;
import com.casewire.schedule.DurableTimers;
import com.casewire.schedule.TimerHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The per-matter aggregator: at most one client update per matter per {@code hub.status-updates.window}.
 * A milestone becomes a {@code status_update} row in the transaction of the event that raised it. When the
 * matter's window is open (nothing sent within the window, and the optional {@code gather-delay} is zero) it
 * goes out at once and its row is SENT; otherwise the row is PENDING and a durable timer {@value #FLUSH_TIMER}
 * is due when the window closes, and then every milestone pending by that time goes out combined. State lives in rows, not in memory: a restart loses nothing and the timer fires after it.
 */
@Component("statusUpdateWindow")
public class StatusUpdateWindow implements TimerHandler {

    private static final Logger log = LoggerFactory.getLogger(StatusUpdateWindow.class);
    static final String FLUSH_TIMER = "status-flush";

    private final StatusUpdateStore store;
    private final DurableTimers timers;
    private final ObjectMapper json;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final ProducerTemplate camel;
    private final Duration window;
    private final Duration gatherDelay;

    StatusUpdateWindow(StatusUpdateStore store, DurableTimers timers, ObjectMapper json, Clock clock, TransactionTemplate tx,
                       ProducerTemplate camel, StatusUpdateProperties settings) {
        this.store = store;
        this.timers = timers;
        this.json = json;
        this.clock = clock;
        this.tx = tx;
        this.camel = camel;
        this.window = settings.window();
        this.gatherDelay = settings.gatherDelay();
    }

    /** When the matter's pending milestones may go out: after the gather delay, and not within the window of the last one. */
    static Instant dueAt(Instant now, Instant lastSentAt, Duration window, Duration gatherDelay) {
        Instant gathered = now.plus(gatherDelay);
        if (lastSentAt == null) {
            return gathered;
        }
        Instant windowCloses = lastSentAt.plus(window);
        return windowCloses.isAfter(gathered) ? windowCloses : gathered;
    }

    /**
     * A new milestone occurrence ({@link StatusUpdates#admit} found it unrecorded). Returns the notification to
     * send now, or null when it waits for the matter's window as a PENDING row. The common case, a milestone on a
     * matter with no update in its window, costs one lock read and two inserts or updates: the occurrence is
     * recorded as SENT at once (nothing else can be pending when no flush is due, because every PENDING row sets
     * one under this same lock).
     */
    public Notification offer(@Body Notification n, @Header(StatusUpdates.OCCURRENCE) String occurrence,
                              @Header("casewireDedupeKey") String sourceKey) {
        String matterId = n.matterId();
        StatusUpdateStore.Window w = store.lockWindow(matterId);
        Instant now = clock.instant();
        if (w != null && w.flushDueAt() != null) {
            store.insert(occurrence, matterId, n.milestone(), sourceKey, StatusUpdateState.PENDING, toJson(n), now, null);
            log.info("{} joins the update for matter {} due {}", n.milestone(), matterId, w.flushDueAt());
            return null;
        }
        Instant due = dueAt(now, w == null ? null : w.lastSentAt(), window, gatherDelay);
        if (!due.isAfter(now)) {
            store.insert(occurrence, matterId, n.milestone(), sourceKey, StatusUpdateState.SENT, toJson(n), now, now);
            if (w == null) {
                store.createWindow(matterId, now, null);
            } else {
                store.flushed(matterId, now);
            }
            return n;
        }
        store.insert(occurrence, matterId, n.milestone(), sourceKey, StatusUpdateState.PENDING, toJson(n), now, null);
        if (w == null) {
            store.createWindow(matterId, null, due);
        } else {
            store.setFlushDue(matterId, due);
        }
        timers.schedule(FLUSH_TIMER + ":" + matterId + ":" + due.toEpochMilli(), FLUSH_TIMER, due, matterId);
        log.info("{} on matter {} waits for the update window; due {}", n.milestone(), matterId, due);
        return null;
    }

    /** The window closed: every milestone pending for the matter as one notification, or null when none is left. */
    public Notification flush(@Body String matterId) {
        if (store.lockWindow(matterId) == null) {
            return null; // nothing was ever held for this matter
        }
        return release(matterId, clock.instant());
    }

    private Notification release(String matterId, Instant now) {
        List<StatusUpdateStore.Row> rows = store.pending(matterId);
        store.flushed(matterId, now);
        if (rows.isEmpty()) {
            return null;
        }
        List<Long> ids = new ArrayList<>();
        List<Notification> parts = new ArrayList<>();
        for (StatusUpdateStore.Row row : rows) {
            ids.add(row.id());
            parts.add(read(row.payload()));
        }
        Notification update = CombinedUpdate.of(matterId, ids, parts);
        store.markSent(ids, update.idempotencyKey(), now);
        if (parts.size() > 1) {
            log.info("matter {}: {} milestones combined into one update ({})", matterId, parts.size(),
                    update.model().get("milestones"));
        }
        return update;
    }

    @Override
    public String kind() {
        return FLUSH_TIMER;
    }

    /** The window timer: flush in one transaction (rows marked sent and the outbox rows commit together). */
    @Override
    public void run(String actionKey, String matterId) {
        tx.executeWithoutResult(status -> camel.sendBody("direct:status-flush-window", matterId));
    }

    private String toJson(Notification n) {
        try {
            return json.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Notification read(String payload) {
        try {
            return json.readValue(payload, Notification.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("pending status update is unreadable", e);
        }
    }
}
