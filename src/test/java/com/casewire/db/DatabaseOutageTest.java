package com.casewire.db;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionSystemException;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

class DatabaseOutageTest {

    @Test
    void connectionFailuresAreUnreachableWhereverTheyAreWrapped() {
        SQLTransientConnectionException poolTimeout = new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 5000ms",
                new ConnectException("Connection refused"));
        assertThat(DatabaseOutage.isUnreachable(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                poolTimeout))).isTrue();
        assertThat(DatabaseOutage.isUnreachable(new CannotCreateTransactionException(
                "Could not open JDBC Connection for transaction", poolTimeout))).isTrue();
        assertThat(DatabaseOutage.isUnreachable(new RuntimeException("route failed",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")))).isTrue();
        assertThat(DatabaseOutage.reason(new CannotGetJdbcConnectionException("x", poolTimeout)))
                .isEqualTo("ConnectException: Connection refused");
    }

    @Test
    void aConnectionCutMidTransactionIsUnreachableThoughTheRollbackFailureHidesIt() {
        // seen under load with PostgreSQL cut: the work failed (08006), then the rollback on the closed connection too,
        // and Spring throws the rollback's failure with the work's beside it, not as its cause
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollback.initApplicationException(new DataAccessResourceFailureException("JDBC commit; An I/O error occurred",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")));
        assertThat(DatabaseOutage.isUnreachable(rollback)).isTrue();
        assertThat(DatabaseOutage.isTransient(new RuntimeException("wrapped", rollback))).isTrue();
        // a failed commit whose rollback then failed too: Spring only logs the commit's failure
        assertThat(DatabaseOutage.isUnreachable(new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed")))).isTrue();
        assertThat(DatabaseOutage.isTransient(new TransactionSystemException("Transaction silently rolled back")))
                .as("a transaction problem without a driver failure is not an outage").isFalse();
    }

    @Test
    void aLockTimeoutIsTransientButNotUnreachable() {
        CannotAcquireLockException lock = new CannotAcquireLockException("lock timeout");
        assertThat(DatabaseOutage.isTransient(lock)).isTrue();
        assertThat(DatabaseOutage.isUnreachable(lock)).isFalse();
    }

    @Test
    void faultsAreNeither() {
        assertThat(DatabaseOutage.isTransient(new DataIntegrityViolationException("duplicate key"))).isFalse();
        assertThat(DatabaseOutage.isTransient(new BadSqlGrammarException("select", "SELEC 1",
                new SQLException("syntax error", "42601")))).isFalse();
        assertThat(DatabaseOutage.isTransient(new IllegalStateException("bug"))).isFalse();
    }
}
