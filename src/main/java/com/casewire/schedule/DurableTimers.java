package com.casewire.schedule;

import com.casewire.audit.LogMask;
import com.casewire.db.InsertOnce;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Business timers as rows: "release this message at 08:00", "retry this send in 4 s", "escalate on day
 * 10". A quartz route calls {@link #runDue()}; each due row is claimed with a conditional update, so any
 * number of hub instances can poll one table. Nothing that carries business state waits in memory.
 */
@Component
public class DurableTimers {

    private static final Logger log = LoggerFactory.getLogger(DurableTimers.class);

    private static final String INSERT = """
            INSERT INTO scheduled_action (action_key, kind, due_at, state, payload, attempts, created_at)
            VALUES (:key, :kind, :due, 'PENDING', :payload, 0, :now)""";
    private static final String CANCEL = """
            UPDATE scheduled_action SET state = 'CANCELLED', completed_at = :now
            WHERE action_key = :key AND state = 'PENDING'""";
    private static final String DUE = """
            SELECT id FROM scheduled_action WHERE state = 'PENDING' AND due_at <= :now ORDER BY due_at""";
    private static final String CLAIM = """
            UPDATE scheduled_action SET state = 'CLAIMED', claimed_at = :now, attempts = attempts + 1
            WHERE id = :id AND state = 'PENDING'""";
    private static final String SELECT = "SELECT action_key, kind, payload, attempts FROM scheduled_action WHERE id = :id";
    private static final String DONE = """
            UPDATE scheduled_action SET state = 'DONE', completed_at = :now, last_error = NULL WHERE id = :id""";
    private static final String RETRY = """
            UPDATE scheduled_action SET state = :state, due_at = :due, last_error = :error WHERE id = :id""";
    private static final String RELEASE_STALE = """
            UPDATE scheduled_action SET state = 'PENDING' WHERE state = 'CLAIMED' AND claimed_at < :before""";
    private static final String STATE_OF = "SELECT state FROM scheduled_action WHERE action_key = :key";
    private static final String DUE_AT = "SELECT due_at FROM scheduled_action WHERE action_key = :key";
    private static final String PENDING_OF_KIND = """
            SELECT action_key, due_at FROM scheduled_action WHERE kind = :kind AND state = 'PENDING' ORDER BY due_at""";
    private static final String COUNT_PENDING = "SELECT COUNT(*) FROM scheduled_action WHERE state = 'PENDING'";
    private static final String FAILED = """
            SELECT id, action_key, kind, attempts, claimed_at, last_error FROM scheduled_action
            WHERE state = 'FAILED' ORDER BY id""";
    private static final String FAILED_OF_KIND = """
            SELECT id, action_key, kind, attempts, claimed_at, last_error FROM scheduled_action
            WHERE state = 'FAILED' AND kind = :kind ORDER BY id""";
    private static final String FAILED_BY_KIND = """
            SELECT kind, COUNT(*) AS n FROM scheduled_action WHERE state = 'FAILED' GROUP BY kind""";
    private static final String FAILED_ROW = """
            SELECT action_key, kind, attempts, last_error FROM scheduled_action WHERE id = :id AND state = 'FAILED'""";
    // the same action (kind and payload) waiting or running under another key: replaying would run it twice
    private static final String TWIN = """
            SELECT twin.action_key FROM scheduled_action dead JOIN scheduled_action twin
              ON twin.kind = dead.kind AND twin.payload = dead.payload AND twin.id <> dead.id
            WHERE dead.id = :id AND twin.state IN ('PENDING', 'CLAIMED')""";
    private static final String REPLAY = """
            UPDATE scheduled_action SET state = 'PENDING', attempts = 0, due_at = :now, claimed_at = NULL
            WHERE id = :id AND state = 'FAILED' AND NOT EXISTS (
              SELECT 1 FROM scheduled_action twin
              WHERE twin.kind = scheduled_action.kind AND twin.payload = scheduled_action.payload
                AND twin.state IN ('PENDING', 'CLAIMED'))""";

    static final int MAX_ATTEMPTS = 10;

    /** A timer that exhausted its attempts (state FAILED): nothing runs it again until an operator replays it. */
    public record DeadTimer(long id, String key, String kind, int attempts, Instant lastAttemptAt, String lastError) {
    }

    /** What a replay did. */
    public enum Replay {
        /** Attempts reset, due now: the poller runs it within one poll interval. */
        REPLAYED,
        /** Left FAILED: the same action (kind and payload) is already pending or running under another key. */
        ALREADY_PENDING,
        /** No FAILED timer with that id (unknown, or pending, running, done or cancelled). */
        NOT_FAILED
    }

    /** The outcome of replaying the dead timers of one kind. */
    public record ReplayCount(int replayed, int alreadyPending) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final InsertOnce insertOnce;
    private final Clock clock;
    private final Duration claimTimeout;
    private final ObjectProvider<TimerHandler> handlerBeans;
    private volatile Map<String, TimerHandler> handlers;

    // handlers are looked up lazily: they schedule timers themselves, so they depend on this class
    DurableTimers(NamedParameterJdbcTemplate jdbc, InsertOnce insertOnce, Clock clock, TimerProperties settings,
                  ObjectProvider<TimerHandler> handlers) {
        this.jdbc = jdbc;
        this.insertOnce = insertOnce;
        this.clock = clock;
        this.claimTimeout = settings.claimTimeout();
        this.handlerBeans = handlers;
    }

    private TimerHandler handler(String kind) {
        if (handlers == null) {
            handlers = handlerBeans.orderedStream().collect(Collectors.toMap(TimerHandler::kind, Function.identity()));
        }
        return handlers.get(kind);
    }

    /** Schedules an action; false when an action with this key exists (scheduling is idempotent). */
    public boolean schedule(String key, String kind, Instant dueAt, String payload) {
        return insertOnce.insert(INSERT, Map.of("key", key, "kind", kind, "due", Timestamp.from(dueAt), "payload", payload,
                "now", Timestamp.from(clock.instant())));
    }

    /** Cancels a pending action (the condition it waited for resolved). */
    public boolean cancel(String key) {
        return jdbc.update(CANCEL, Map.of("key", key, "now", Timestamp.from(clock.instant()))) == 1;
    }

    public String stateOf(String key) {
        return jdbc.queryForList(STATE_OF, Map.of("key", key), String.class).stream().findFirst().orElse(null);
    }

    public Instant dueAt(String key) {
        return jdbc.queryForList(DUE_AT, Map.of("key", key), Timestamp.class).stream().findFirst()
                .map(Timestamp::toInstant).orElse(null);
    }

    /** Pending actions of one kind: key and due time, soonest first. */
    public List<Map.Entry<String, Instant>> pending(String kind) {
        return jdbc.query(PENDING_OF_KIND, Map.of("kind", kind), (rs, n) ->
                Map.entry(rs.getString("action_key"), rs.getTimestamp("due_at").toInstant()));
    }

    public long pendingCount() {
        Long n = jdbc.queryForObject(COUNT_PENDING, Map.of(), Long.class);
        return n == null ? 0 : n;
    }

    /** Dead timers, oldest first; {@code kind} null for every kind. */
    public List<DeadTimer> dead(String kind) {
        return jdbc.query(kind == null ? FAILED : FAILED_OF_KIND, kind == null ? Map.of() : Map.of("kind", kind),
                (rs, n) -> new DeadTimer(rs.getLong("id"), rs.getString("action_key"), rs.getString("kind"),
                        rs.getInt("attempts"),
                        rs.getTimestamp("claimed_at") == null ? null : rs.getTimestamp("claimed_at").toInstant(),
                        rs.getString("last_error")));
    }

    public Map<String, Long> deadByKind() {
        Map<String, Long> byKind = new TreeMap<>();
        jdbc.query(FAILED_BY_KIND, Map.of(), rs -> {
            byKind.put(rs.getString("kind"), rs.getLong("n"));
        }); // a RowCallbackHandler: called once per row
        return byKind;
    }

    public long deadCount() {
        return deadByKind().values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Puts a dead timer back: attempts reset to 0, due now. The row itself goes back to PENDING (no new row), and
     * not when the same action is already pending or running under another key, so a replay never runs an action
     * twice. {@code by} names who asked (operator, API caller, JMX), for the log.
     */
    public Replay replay(long id, String by) {
        List<Map<String, Object>> rows = jdbc.queryForList(FAILED_ROW, Map.of("id", id));
        if (rows.isEmpty()) {
            return Replay.NOT_FAILED;
        }
        Map<String, Object> row = rows.get(0);
        if (jdbc.update(REPLAY, Map.of("id", id, "now", Timestamp.from(clock.instant()))) == 1) {
            log.info("timer {} {} ({}) replayed by {}: attempts reset from {}, due now; its last error: {}", id,
                    row.get("action_key"), row.get("kind"), LogMask.text(by), row.get("attempts"),
                    LogMask.text(String.valueOf(row.get("last_error"))));
            return Replay.REPLAYED;
        }
        List<String> twins = jdbc.queryForList(TWIN, Map.of("id", id), String.class);
        if (twins.isEmpty()) {
            return Replay.NOT_FAILED; // replayed by someone else between the two statements
        }
        log.info("timer {} {} ({}) not replayed (asked by {}): the same action is already pending as {}", id,
                row.get("action_key"), row.get("kind"), LogMask.text(by), twins.get(0));
        return Replay.ALREADY_PENDING;
    }

    /** Replays every dead timer of one kind, oldest first (a later twin of an earlier one stays dead). */
    public ReplayCount replayDead(String kind, String by) {
        Objects.requireNonNull(kind, "kind");
        int replayed = 0;
        int alreadyPending = 0;
        for (DeadTimer dead : dead(kind)) {
            switch (replay(dead.id(), by)) {
                case REPLAYED -> replayed++;
                case ALREADY_PENDING -> alreadyPending++;
                case NOT_FAILED -> { }
            }
        }
        if (replayed + alreadyPending > 0) {
            log.info("dead {} timers replayed by {}: {} replayed, {} already pending", kind, LogMask.text(by), replayed,
                    alreadyPending);
        }
        return new ReplayCount(replayed, alreadyPending);
    }

    /** Claims and runs every due action; returns how many ran. */
    public int runDue() {
        Instant now = clock.instant();
        jdbc.update(RELEASE_STALE, Map.of("before", Timestamp.from(now.minus(claimTimeout))));
        int ran = 0;
        for (Long id : jdbc.queryForList(DUE, Map.of("now", Timestamp.from(now)), Long.class)) {
            if (jdbc.update(CLAIM, Map.of("id", id, "now", Timestamp.from(clock.instant()))) == 1) {
                run(id);
                ran++;
            }
        }
        return ran;
    }

    private void run(long id) {
        Map<String, Object> row = jdbc.queryForMap(SELECT, Map.of("id", id));
        String key = (String) row.get("action_key");
        String kind = (String) row.get("kind");
        int attempts = ((Number) row.get("attempts")).intValue();
        TimerHandler handler = handler(kind);
        try {
            if (handler == null) {
                throw new IllegalStateException("no handler for timer kind " + kind);
            }
            handler.run(key, (String) row.get("payload"));
            jdbc.update(DONE, Map.of("id", id, "now", Timestamp.from(clock.instant())));
        } catch (RuntimeException e) {
            boolean exhausted = attempts >= MAX_ATTEMPTS;
            log.warn("timer {} ({}) failed attempt {}: {}{}", key, kind, attempts, LogMask.text(e.toString()),
                    exhausted ? " — giving up" : "");
            Map<String, Object> p = new HashMap<>();
            p.put("id", id);
            p.put("state", exhausted ? "FAILED" : "PENDING");
            p.put("due", Timestamp.from(clock.instant().plusSeconds(Math.min(600, 5L << Math.min(attempts, 7)))));
            p.put("error", e.toString().length() > 2000 ? e.toString().substring(0, 2000) : e.toString());
            jdbc.update(RETRY, p);
        }
    }
}
