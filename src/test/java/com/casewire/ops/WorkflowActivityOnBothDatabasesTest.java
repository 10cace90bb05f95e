package com.casewire.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.support.TestDatabases;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * A workflow's MBean counts its own messages on the communication log, by channel, and no other workflow's; and the
 * inbound events of the sources its routes are fed from.
 */
class WorkflowActivityOnBothDatabasesTest {

    @AfterAll
    static void dropSchemas() throws Exception {
        TestDatabases.dropSchemas();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void countsSentByChannelFailedAndTheLastSendOfItsOwnWorkflow(String database) {
        DataSource ds = TestDatabases.migrated(database);
        NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(ds);
        WorkflowActivity billing = new WorkflowActivity("billing", jdbc, null, null, null);
        assertThat(billing.getSentByChannel()).isEmpty();
        assertThat(billing.getLastSentAt()).isEmpty();

        log(jdbc, "billing", "email", "SENT", "2026-12-07T14:00:00Z");
        log(jdbc, "billing", "email", "SENT", "2026-12-07T14:05:00Z");
        log(jdbc, "billing", "sms", "SENT", "2026-12-07T14:01:00Z");
        log(jdbc, "billing", "email", "FAILED", "2026-12-07T14:09:00Z");
        log(jdbc, "matter-status", "sms", "SENT", "2026-12-07T15:00:00Z");

        assertThat(billing.getSentByChannel()).containsExactly(Map.entry("email", 2L), Map.entry("sms", 1L));
        assertThat(billing.getFailed()).isEqualTo(1);
        assertThat(billing.getLastSentAt()).isEqualTo("2026-12-07T14:05:00Z");
        assertThat(new WorkflowActivity("matter-status", jdbc, null, null, null).getSentByChannel()).containsExactly(Map.entry("sms", 1L));
        assertThat(WorkflowActivityMBeans.name("time-entry").toString()).isEqualTo("com.casewire:type=Workflow,name=time-entry");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void countsAsEventsInTheProcessedInboxRowsOfTheSourcesItIsFedFromAndTheRecordedPayments(String database) {
        DataSource ds = TestDatabases.migrated(database);
        NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(ds);
        assertThat(new WorkflowActivity("matter-status", jdbc, null, null, null).getEventsIn()).isZero();

        inbox(jdbc, "clio", "PROCESSED");
        inbox(jdbc, "clio", "PROCESSED");
        inbox(jdbc, "clio", "RECEIVED"); // not taken in yet
        inbox(jdbc, "clio", "FAILED"); // never reached the workflows (its transaction rolled back)
        inbox(jdbc, "mycase", "PROCESSED");
        inbox(jdbc, "twilio-sms", "PROCESSED");
        inbox(jdbc, "twilio-voice", "PROCESSED");
        inbox(jdbc, "web-form", "PROCESSED");
        inbox(jdbc, "lawpay", "PROCESSED"); // a hint: what counts is the payment event recorded from it
        jdbc.update("""
                INSERT INTO payment_event (event_id, event_type, transaction_id, amount_cents, currency, occurred_at,
                                           recorded_at)
                VALUES ('evt_1', 'COMPLETED', 'txn_1', 25000, 'USD', :at, :at)""",
                Map.of("at", Timestamp.from(Instant.parse("2026-12-07T14:00:00Z"))));

        Map<String, Long> expected = Map.of("matter-status", 3L, "time-entry", 3L, "retainer", 3L, "intake", 3L,
                "billing", 1L, "approval", 0L, "reconciliation", 0L);
        assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(WorkflowActivityMBeans.WORKFLOWS);
        expected.forEach((workflow, n) -> assertThat(new WorkflowActivity(workflow, jdbc, null, null, null).getEventsIn())
                .as(workflow).isEqualTo(n));
    }

    private static void inbox(NamedParameterJdbcTemplate jdbc, String source, String state) {
        Timestamp at = Timestamp.from(Instant.parse("2026-12-07T14:00:00Z"));
        jdbc.update("""
                INSERT INTO inbox_event (source, dedupe_key, event_type, payload, state, attempts, received_at, next_attempt_at)
                VALUES (:source, :key, 'test', '{}', :state, 1, :at, :at)""",
                Map.of("source", source, "key", UUID.randomUUID().toString(), "state", state, "at", at));
    }

    private static void log(NamedParameterJdbcTemplate jdbc, String workflow, String channel, String outcome, String at) {
        jdbc.update("""
                INSERT INTO communication_log (recorded_at, idempotency_key, channel, workflow, body, outcome)
                VALUES (:at, :key, :channel, :workflow, 'text', :outcome)""",
                Map.of("at", Timestamp.from(Instant.parse(at)), "key", UUID.randomUUID().toString(), "channel", channel,
                        "workflow", workflow, "outcome", outcome));
    }
}
