package com.casewire.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.db.Dialect;
import com.casewire.support.TestDatabases;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A communication recorded twice inside one transaction is recorded once, and the transaction still commits. */
class CommunicationLogRepeatOnBothDatabasesTest {

    @AfterAll
    static void dropSchemas() throws Exception {
        TestDatabases.dropSchemas();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aRepeatInsideATransactionIsIgnoredAndTheTransactionCommits(String database) throws Exception {
        DataSource ds = TestDatabases.migrated(database);
        CommunicationLog log = new CommunicationLog(new NamedParameterJdbcTemplate(ds), new Dialect(ds));

        Boolean[] outcomes = new TransactionTemplate(new DataSourceTransactionManager(ds)).execute(status -> new Boolean[] {
                log.record(entry("call-1")), log.record(entry("call-1")), log.record(entry("call-2"))});

        assertThat(outcomes).containsExactly(true, false, true);
        assertThat(log.all()).extracting(e -> e.entry().idempotencyKey()).containsExactly("call-1", "call-2");
    }

    private static LogEntry entry(String key) {
        return new LogEntry(key, Instant.parse("2026-11-22T10:00:00Z"), "1001", "Pat Client", "+12015550100", "voice",
                "intake", null, null, "Missed call", "MISSED", "CA" + key, null);
    }
}
