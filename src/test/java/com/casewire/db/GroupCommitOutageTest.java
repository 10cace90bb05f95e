package com.casewire.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/** A failed batch: items are retried one by one, except when the database cannot be reached at all. */
class GroupCommitOutageTest {

    /** Runs the callback without a database, or fails as a pool with no reachable database does. */
    static final class FakeTransactions extends TransactionTemplate {
        volatile RuntimeException failure;

        @Override
        public <T> T execute(TransactionCallback<T> action) throws TransactionException {
            if (failure != null) {
                throw failure;
            }
            return action.doInTransaction(null);
        }
    }

    @Test
    void anUnreachableDatabaseFailsTheWholeBatchAtOnceWithoutWritingEachOnItsOwn() throws Exception {
        FakeTransactions tx = new FakeTransactions();
        tx.failure = new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 5000ms"));
        AtomicInteger singles = new AtomicInteger();
        GroupCommit<String, String> commit = new GroupCommit<>("test", tx, 64, items -> items,
                item -> "single:" + item + ":" + singles.incrementAndGet());
        try {
            List<CompletableFuture<String>> results = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                results.add(commit.submit("item" + i));
            }
            for (CompletableFuture<String> result : results) {
                assertThatThrownBy(() -> result.get(2, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(CannotGetJdbcConnectionException.class);
            }
            assertThat(singles).hasValue(0);

            tx.failure = null; // the database is back: the next batch commits
            assertThat(commit.submit("after").get(2, TimeUnit.SECONDS)).isEqualTo("after");
        } finally {
            commit.stop();
        }
    }

    @Test
    void anyOtherFailureRetriesEachItemOnItsOwn() throws Exception {
        FakeTransactions tx = new FakeTransactions();
        tx.failure = new DataIntegrityViolationException("duplicate key");
        AtomicInteger singles = new AtomicInteger();
        GroupCommit<String, String> commit = new GroupCommit<>("test", tx, 64, items -> items,
                item -> "single:" + item + ":" + singles.incrementAndGet());
        try {
            assertThat(commit.submit("a").get(2, TimeUnit.SECONDS)).startsWith("single:a:");
            assertThat(singles).hasValue(1);
        } finally {
            commit.stop();
        }
    }
}
