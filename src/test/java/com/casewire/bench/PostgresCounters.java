package com.casewire.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the hub asked of PostgreSQL while the benchmark measured, per event: commits and rollbacks and rows written
 * (the database's counters, {@code pg_stat_database}), rows written and index or sequential scans per table of the
 * benchmark's schema ({@code pg_stat_user_tables}; a scan is one statement reading that table, so their sum
 * approximates the statements that read), and, where the server loads {@code pg_stat_statements}, the statements
 * themselves. The counters are the server's own, so they count the hub's background work (schedules) too.
 */
final class PostgresCounters {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private final Map<String, Long> database;
    private final Map<String, long[]> tables;
    private final Long statements;

    private PostgresCounters(Map<String, Long> database, Map<String, long[]> tables, Long statements) {
        this.database = database;
        this.tables = tables;
        this.statements = statements;
    }

    /** The counters now. The server publishes a backend's counts within about a second: sample after a pause. */
    static PostgresCounters sample(String schema) {
        try (Connection c = DriverManager.getConnection(URL, "postgres", ""); Statement s = c.createStatement()) {
            Map<String, Long> database = new LinkedHashMap<>();
            try (ResultSet r = s.executeQuery("SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted"
                    + " FROM pg_stat_database WHERE datname = current_database()")) {
                r.next();
                for (String column : new String[] {"xact_commit", "xact_rollback", "tup_inserted", "tup_updated", "tup_deleted"}) {
                    database.put(column, r.getLong(column));
                }
            }
            Map<String, long[]> tables = new TreeMap<>();
            try (ResultSet r = s.executeQuery("SELECT relname, n_tup_ins + n_tup_upd + n_tup_del AS written,"
                    + " COALESCE(idx_scan, 0) AS idx_scan, seq_scan FROM pg_stat_user_tables WHERE schemaname = '"
                    + schema.replace("'", "") + "'")) {
                while (r.next()) {
                    tables.put(r.getString("relname"), new long[] {r.getLong("written"), r.getLong("idx_scan"), r.getLong("seq_scan")});
                }
            }
            return new PostgresCounters(database, tables, statements(s));
        } catch (SQLException e) {
            System.out.println("  PostgreSQL counters not read: " + e.getMessage());
            return null;
        }
    }

    private static Long statements(Statement s) {
        try (ResultSet r = s.executeQuery("SELECT SUM(calls) FROM pg_stat_statements"
                + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            return r.next() ? r.getLong(1) : null;
        } catch (SQLException notLoaded) {
            return null; // the extension is not created, or not in shared_preload_libraries
        }
    }

    void reportSince(PostgresCounters start, int events) {
        if (start == null) {
            return;
        }
        System.out.printf("  PostgreSQL per event   %.2f commits, %.2f rollbacks, rows %.2f inserted / %.2f updated / %.2f deleted%n",
                delta(start, "xact_commit", events), delta(start, "xact_rollback", events), delta(start, "tup_inserted", events),
                delta(start, "tup_updated", events), delta(start, "tup_deleted", events));
        System.out.println(statements != null && start.statements != null
                ? String.format("  statements per event   %.2f (pg_stat_statements)", (statements - start.statements) / (double) events)
                : "  statements per event   not counted (pg_stat_statements is not loaded on this server)");
        System.out.println("  per table, per event: rows written, index scans, sequential scans");
        tables.forEach((table, now) -> {
            long[] was = start.tables.getOrDefault(table, new long[3]);
            double written = (now[0] - was[0]) / (double) events;
            double indexScans = (now[1] - was[1]) / (double) events;
            double seqScans = (now[2] - was[2]) / (double) events;
            if (written >= 0.005 || indexScans >= 0.005 || seqScans >= 0.005) {
                System.out.printf("    %-28s %5.2f  %5.2f  %7.4f%n", table, written, indexScans, seqScans);
            }
        });
    }

    private double delta(PostgresCounters start, String column, int events) {
        return (database.get(column) - start.database.get(column)) / (double) events;
    }
}
