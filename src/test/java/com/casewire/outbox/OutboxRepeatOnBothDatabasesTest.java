package com.casewire.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.db.Dialect;
import com.casewire.support.TestDatabases;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A message queued twice with one idempotency key inside one transaction: the repeat is an answer (empty), and the
 * transaction still commits what it did. On PostgreSQL a caught duplicate-key error would have aborted it, so an
 * inbox event that re-queued a message after a partial failure would end FAILED instead of PROCESSED.
 */
class OutboxRepeatOnBothDatabasesTest {

    @AfterAll
    static void dropSchemas() throws Exception {
        TestDatabases.dropSchemas();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aRepeatedKeyInsideATransactionIsSkippedAndTheTransactionCommits(String database) throws Exception {
        DataSource ds = TestDatabases.migrated(database);
        NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(ds);
        OutboxStore outbox = new OutboxStore(jdbc, new Dialect(ds));
        Instant now = Instant.parse("2026-11-22T10:00:00Z");

        Object[] outcomes = new TransactionTemplate(new DataSourceTransactionManager(ds)).execute(status -> new Object[] {
                outbox.insert("k-1", MessageKind.SMS, "twilio", "{}", null, null, now),
                outbox.insert("k-1", MessageKind.SMS, "twilio", "{}", null, null, now),
                outbox.insertClaimed("k-1", MessageKind.SMS, "twilio", "{}", null, null, now),
                outbox.insertClaimed("k-2", MessageKind.SMS, "twilio", "{}", null, null, now)});

        assertThat(outcomes[0]).isNotEqualTo(Optional.empty());
        assertThat(outcomes[1]).isEqualTo(Optional.empty());
        assertThat(outcomes[2]).isEqualTo(Optional.empty());
        assertThat(outcomes[3]).isNotEqualTo(Optional.empty());
        assertThat(jdbc.queryForList("SELECT idempotency_key || ':' || state || ':' || attempts FROM outbox_message ORDER BY id",
                Map.of(), String.class)).containsExactly("k-1:PENDING:0", "k-2:SENDING:1");
    }
}
