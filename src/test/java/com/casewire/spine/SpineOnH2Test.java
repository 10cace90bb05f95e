package com.casewire.spine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.UUID;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The spine on embedded H2, the hub's default database. Also checks the operator's JMX view. */
@DisableJmx(false)
// owns the hub's JMX names in this JVM while it runs: closed after the class, so the other test class with JMX on
// (SpineOnH2Test, OperationsOnH2Test) can register them
@DirtiesContext
class SpineOnH2Test extends SpineScenarios {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url",
                () -> "jdbc:h2:mem:spine-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("spring.jmx.enabled", () -> "true");
    }

    @Test
    void jmxShowsInboxOutboxAndDeadLetters() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("com.casewire:type=Hub,name=operations");
        jdbc.update("""
                INSERT INTO outbox_message (idempotency_key, kind, vendor, state, payload, attempts, created_at, next_attempt_at)
                VALUES ('jmx-test', 'SMS', 'twilio', 'DEAD', '{}', 4, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""", Map.of());

        assertThat(server.getAttribute(name, "DeadLetters")).isEqualTo(1L);
        assertThat(server.getAttribute(name, "InboxDepth")).isEqualTo(0L);
        assertThat(((Map<?, ?>) server.getAttribute(name, "OutboxByState")).get("DEAD")).isEqualTo(1L);
        assertThat(server.queryNames(new ObjectName("org.apache.camel:type=routes,*"), null)).isNotEmpty();
        // the time-entry workflow's same-day capture rate (no billable events here: empty)
        ObjectName capture = new ObjectName("com.casewire:type=TimeEntry,name=capture");
        assertThat((Map<?, ?>) server.getAttribute(capture, "CaptureRateLast7Days")).isEmpty();
        assertThat(server.invoke(capture, "captureRate", new Object[] {"2026-12-01", "2026-12-07"},
                new String[] {String.class.getName(), String.class.getName()})).isEqualTo("");
    }

    @Test
    void jmxShowsDeadTimersAndReplaysThem() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("com.casewire:type=Hub,name=operations");
        jdbc.update("""
                INSERT INTO scheduled_action (action_key, kind, due_at, state, payload, attempts, created_at, last_error)
                VALUES ('status-flush:jmx-1:1', 'status-flush', CURRENT_TIMESTAMP, 'FAILED', 'jmx-1', 10, CURRENT_TIMESTAMP,
                        'gave up')""", Map.of());
        long id = jdbc.queryForObject("SELECT id FROM scheduled_action WHERE action_key = 'status-flush:jmx-1:1'", Map.of(),
                Long.class);

        assertThat(server.getAttribute(name, "DeadTimers")).isEqualTo(1L);
        assertThat(((Map<?, ?>) server.getAttribute(name, "DeadTimersByKind")).get("status-flush")).isEqualTo(1L);
        assertThat(server.invoke(name, "replayDeadTimer", new Object[] {id}, new String[] {"long"})).isEqualTo("replayed");
        assertThat(server.getAttribute(name, "DeadTimers")).isEqualTo(0L);
        assertThat(server.invoke(name, "replayDeadTimers", new Object[] {"status-flush"}, new String[] {String.class.getName()}))
                .isEqualTo(0);
    }
}
