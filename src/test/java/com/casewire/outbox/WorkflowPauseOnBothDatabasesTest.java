package com.casewire.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.db.Dialect;
import com.casewire.support.TestDatabases;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The claim statements and a paused workflow: its rows are stored but neither claimed at their insert nor later, nor
 * listed for the sweep; its waiting row does not hold back another workflow's message to the same recipient, but a
 * row of it already SENDING does (it may have gone out); resumed, its row is claimed again.
 */
class WorkflowPauseOnBothDatabasesTest {

    static final String CLIENT = "SMS:+12015550100";

    @AfterAll
    static void dropSchemas() throws Exception {
        TestDatabases.dropSchemas();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aPausedWorkflowsRowsWaitWithoutHoldingBackOtherWorkflows(String database) throws Exception {
        DataSource ds = TestDatabases.migrated(database);
        NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(ds);
        OutboxStore outbox = new OutboxStore(jdbc, new Dialect(ds));
        Instant now = Instant.parse("2026-12-07T15:00:00Z");
        pause(jdbc, "billing", now);

        assertThat(outbox.insertClaimed("bill-1", MessageKind.SMS, "twilio", "{}", CLIENT, "billing", now))
                .as("not claimed as it is stored while its workflow is paused").isEmpty();
        long bill = outbox.insert("bill-1", MessageKind.SMS, "twilio", "{}", CLIENT, "billing", now).orElseThrow();
        assertThat(outbox.claimAll(List.of(bill), false, now)).containsExactly(false);
        assertThat(outbox.pendingOrDue(now)).as("the sweep leaves it alone").isEmpty();

        Optional<Long> status = outbox.insertClaimed("status-1", MessageKind.SMS, "twilio", "{}", CLIENT, "matter-status", now);
        assertThat(status).as("another workflow's text to the same client is not held back by the paused one").isPresent();
        assertThat(outbox.markSent(status.get(), "SM1", now)).isTrue();
        long unnamed = outbox.insert("ops-1", MessageKind.SMS, "twilio", "{}", CLIENT, null, now).orElseThrow();
        assertThat(outbox.claimAll(List.of(unnamed), false, now)).as("a row of no workflow is never paused")
                .containsExactly(true);
        assertThat(outbox.markSent(unnamed, "SM2", now)).isTrue();

        jdbc.update("DELETE FROM workflow_pause", Map.of());
        assertThat(outbox.pendingOrDue(now)).extracting(OutboxStore.OutboxRow::id).containsExactly(bill);
        assertThat(outbox.claimAll(List.of(bill), false, now)).as("resumed: claimed in turn").containsExactly(true);

        // paused while SENDING: it may have reached the vendor, so a later text to the client still waits for it
        pause(jdbc, "billing", now);
        assertThat(outbox.insertClaimed("status-2", MessageKind.SMS, "twilio", "{}", CLIENT, "matter-status", now)).isEmpty();
        long waiting = outbox.insert("status-2", MessageKind.SMS, "twilio", "{}", CLIENT, "matter-status", now).orElseThrow();
        assertThat(outbox.claimAll(List.of(waiting), false, now)).containsExactly(false);
        assertThat(outbox.markSent(bill, "SM3", now)).isTrue();
        assertThat(outbox.claimAll(List.of(waiting), false, now)).containsExactly(true);
        assertThat(jdbc.queryForList("SELECT workflow FROM outbox_message ORDER BY id", Map.of(), String.class))
                .containsExactly("billing", "matter-status", null, "matter-status");
    }

    private static void pause(NamedParameterJdbcTemplate jdbc, String workflow, Instant at) {
        jdbc.update("INSERT INTO workflow_pause (workflow, paused_at, paused_by) VALUES (:w, :at, 'test')",
                Map.of("w", workflow, "at", Timestamp.from(at)));
    }
}
