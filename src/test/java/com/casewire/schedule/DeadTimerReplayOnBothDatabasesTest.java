package com.casewire.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.support.TestClock;
import com.casewire.support.TestDatabases;
import com.casewire.support.TestHubProperties;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * A timer that exhausted its attempts stays dead until it is replayed; a replay resets it to due now without a new
 * row, and leaves it dead while the same action is already pending. On H2 and on PostgreSQL (the correlated
 * NOT EXISTS of the replay runs on both).
 */
class DeadTimerReplayOnBothDatabasesTest {

    static final Instant START = Instant.parse("2026-11-24T18:00:00Z");

    @AfterAll
    static void dropSchemas() throws Exception {
        TestDatabases.dropSchemas();
    }

    /** A handler of kind {@code flaky} that fails while {@code failing} is set and records what it ran. */
    static final class Flaky implements TimerHandler {
        final AtomicBoolean failing = new AtomicBoolean(true);
        final List<String> ran = new ArrayList<>();

        @Override
        public String kind() {
            return "flaky";
        }

        @Override
        public void run(String actionKey, String payload) {
            if (failing.get()) {
                throw new IllegalStateException("vendor down");
            }
            ran.add(actionKey + "=" + payload);
        }
    }

    record World(NamedParameterJdbcTemplate jdbc, DurableTimers timers, TestClock clock, Flaky handler) {

        long insert(String key, String kind, String state, String payload, int attempts) {
            jdbc.update("""
                    INSERT INTO scheduled_action (action_key, kind, due_at, state, payload, attempts, created_at)
                    VALUES (:key, :kind, :due, :state, :payload, :attempts, :due)""", Map.of("key", key, "kind", kind,
                    "due", Timestamp.from(clock.instant()), "state", state, "payload", payload, "attempts", attempts));
            return id(key);
        }

        long id(String key) {
            return jdbc.queryForObject("SELECT id FROM scheduled_action WHERE action_key = :key", Map.of("key", key), Long.class);
        }

        int attempts(String key) {
            return jdbc.queryForObject("SELECT attempts FROM scheduled_action WHERE action_key = :key", Map.of("key", key),
                    Integer.class);
        }

        long rows() {
            return jdbc.queryForObject("SELECT COUNT(*) FROM scheduled_action", Map.of(), Long.class);
        }
    }

    static World world(String database) {
        NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(TestDatabases.migrated(database));
        TestClock clock = new TestClock();
        clock.setTo(START);
        Flaky handler = new Flaky();
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("flaky", handler);
        // InsertOnce is only used by schedule(); these tests write their rows themselves
        DurableTimers timers = new DurableTimers(jdbc, null, clock, TestHubProperties.with(Map.of()).timers(),
                beans.getBeanProvider(TimerHandler.class));
        return new World(jdbc, timers, clock, handler);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void anExhaustedTimerIsDeadUntilReplayedThenRunsOnce(String database) {
        World w = world(database);
        w.insert("flaky:matter-7", "flaky", "PENDING", "matter-7", 0);

        for (int attempt = 1; attempt <= DurableTimers.MAX_ATTEMPTS; attempt++) {
            assertThat(w.timers().runDue()).as("attempt %d", attempt).isEqualTo(1);
            w.clock().setTo(w.clock().instant().plus(Duration.ofMinutes(11))); // past the longest back-off
        }
        assertThat(w.timers().stateOf("flaky:matter-7")).isEqualTo("FAILED");
        assertThat(w.timers().runDue()).as("nothing re-drives a dead timer").isZero();
        assertThat(w.timers().deadCount()).isEqualTo(1);
        assertThat(w.timers().deadByKind()).containsExactly(Map.entry("flaky", 1L));
        long id = w.id("flaky:matter-7");
        assertThat(w.timers().dead("flaky")).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(id);
            assertThat(d.attempts()).isEqualTo(DurableTimers.MAX_ATTEMPTS);
            assertThat(d.lastError()).contains("vendor down");
        });
        assertThat(w.timers().dead("other-kind")).isEmpty();

        Instant asked = w.clock().instant();
        assertThat(w.timers().replay(id, "test")).isEqualTo(DurableTimers.Replay.REPLAYED);
        assertThat(w.timers().stateOf("flaky:matter-7")).isEqualTo("PENDING");
        assertThat(w.attempts("flaky:matter-7")).isZero();
        assertThat(w.timers().dueAt("flaky:matter-7")).isBetween(asked, w.clock().instant());
        assertThat(w.timers().replay(id, "test")).as("a pending timer is not replayed again")
                .isEqualTo(DurableTimers.Replay.NOT_FAILED);
        assertThat(w.timers().replay(id + 1000, "test")).isEqualTo(DurableTimers.Replay.NOT_FAILED);
        assertThat(w.rows()).as("the row itself is put back: no new timer").isEqualTo(1);
        assertThat(w.timers().deadCount()).isZero();

        w.handler().failing.set(false);
        assertThat(w.timers().runDue()).isEqualTo(1);
        assertThat(w.handler().ran).containsExactly("flaky:matter-7=matter-7");
        assertThat(w.timers().stateOf("flaky:matter-7")).isEqualTo("DONE");
        assertThat(w.timers().runDue()).isZero();
        assertThat(w.timers().replay(id, "test")).as("a done timer is not replayed")
                .isEqualTo(DurableTimers.Replay.NOT_FAILED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aDeadTimerStaysDeadWhileTheSameActionIsPendingUnderAnotherKey(String database) {
        World w = world(database);
        long dead = w.insert("flaky:matter-7:1", "flaky", "FAILED", "matter-7", 10);
        w.insert("flaky:matter-7:2", "flaky", "PENDING", "matter-7", 0);
        long otherPayload = w.insert("flaky:matter-8:1", "flaky", "FAILED", "matter-8", 10);

        assertThat(w.timers().replay(dead, "test")).isEqualTo(DurableTimers.Replay.ALREADY_PENDING);
        assertThat(w.timers().stateOf("flaky:matter-7:1")).isEqualTo("FAILED");
        assertThat(w.timers().replay(otherPayload, "test")).isEqualTo(DurableTimers.Replay.REPLAYED);

        // a running twin counts too
        w.jdbc().update("UPDATE scheduled_action SET state = 'CLAIMED' WHERE action_key = 'flaky:matter-7:2'", Map.of());
        assertThat(w.timers().replay(dead, "test")).isEqualTo(DurableTimers.Replay.ALREADY_PENDING);

        // once the twin is done, the dead one may go again
        w.jdbc().update("UPDATE scheduled_action SET state = 'DONE' WHERE action_key = 'flaky:matter-7:2'", Map.of());
        assertThat(w.timers().replay(dead, "test")).isEqualTo(DurableTimers.Replay.REPLAYED);
        assertThat(w.timers().stateOf("flaky:matter-7:1")).isEqualTo("PENDING");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void replayingAKindPutsBackEachOfItsDeadTimersOnceAndNoOtherKind(String database) {
        World w = world(database);
        w.insert("flaky:a", "flaky", "FAILED", "matter-1", 10);
        w.insert("flaky:b", "flaky", "FAILED", "matter-2", 10);
        w.insert("flaky:b-again", "flaky", "FAILED", "matter-2", 10); // the same action: only the older one goes
        w.insert("flaky:c", "flaky", "DONE", "matter-3", 1);
        w.insert("other:a", "other", "FAILED", "matter-1", 10);

        assertThat(w.timers().replayDead("flaky", "test")).isEqualTo(new DurableTimers.ReplayCount(2, 1));

        assertThat(w.timers().stateOf("flaky:a")).isEqualTo("PENDING");
        assertThat(w.timers().stateOf("flaky:b")).isEqualTo("PENDING");
        assertThat(w.timers().stateOf("flaky:b-again")).isEqualTo("FAILED");
        assertThat(w.timers().stateOf("flaky:c")).isEqualTo("DONE");
        assertThat(w.timers().stateOf("other:a")).isEqualTo("FAILED");
        assertThat(w.timers().deadByKind()).containsOnly(Map.entry("flaky", 1L), Map.entry("other", 1L));
        assertThat(w.timers().replayDead("flaky", "test")).as("the same request again changes nothing")
                .isEqualTo(new DurableTimers.ReplayCount(0, 1));
        assertThat(w.rows()).isEqualTo(5);

        w.handler().failing.set(false);
        assertThat(w.timers().runDue()).isEqualTo(2);
        assertThat(w.handler().ran).containsExactlyInAnyOrder("flaky:a=matter-1", "flaky:b=matter-2");
    }
}
