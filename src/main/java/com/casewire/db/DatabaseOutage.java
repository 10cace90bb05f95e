package com.casewire.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Failures that pass by themselves: the database cannot be reached (connection refused, the pool's connection
 * timeout, a connection cut mid-transaction) or cannot take this work now (a lock or query timeout, a deadlock). A
 * request is answered 503 with Retry-After for them, and a background job logs them in one line and tries again on
 * its next run. Anything else is a fault that keeps its stack trace.
 */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    /** The database cannot be reached: retrying the same work at once would only wait out the timeout again. */
    public static boolean isUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            // SQLState class 08, connection exception (PostgreSQL: 08001 refused, 08006 cut)
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            // a connection cut mid-transaction: the commit or rollback then fails in the driver ("Connection is
            // closed", no SQLState), which Spring cannot translate and reports as a TransactionSystemException, with
            // the work's own failure beside it (or only logged), not as its cause. A commit or rollback the driver
            // could not carry out is a lost connection: a constraint or serialization failure arrives translated
            if (t instanceof TransactionSystemException tx && (t.getCause() instanceof SQLException
                    || tx.getApplicationException() != null && isUnreachable(tx.getApplicationException()))) {
                return true;
            }
        }
        return false;
    }

    /** Unreachable, or a transient refusal (lock or query timeout, deadlock): worth answering 503 and retrying later. */
    public static boolean isTransient(Throwable failure) {
        if (isUnreachable(failure)) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException) {
                return true;
            }
        }
        return false;
    }

    /** One line for a log: the innermost failure and its first line, without the stack. */
    public static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
