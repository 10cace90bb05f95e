package com.casewire.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Databases migrated with the hub's Flyway scripts, for repository tests without Spring: an in-memory H2, or a schema
 * of its own on PostgreSQL (database {@code test} on 127.0.0.1:5432, or CASEWIRE_TEST_PG_URL; the test is skipped,
 * and says so, where no server answers). Call {@link #dropSchemas()} after all tests of a class.
 */
public final class TestDatabases {

    public static final String PG_URL = System.getenv().getOrDefault("CASEWIRE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String PG_USER = System.getenv().getOrDefault("CASEWIRE_TEST_PG_USER", "postgres");
    public static final String PG_PASSWORD = System.getenv().getOrDefault("CASEWIRE_TEST_PG_PASSWORD", "");
    private static final List<String> SCHEMAS = new ArrayList<>();

    private TestDatabases() {
    }

    /** {@code h2} or {@code postgres}, migrated and empty. */
    public static DataSource migrated(String kind) {
        if (kind.equals("h2")) {
            String url = "jdbc:h2:mem:test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            Flyway.configure().dataSource(url, "sa", "").load().migrate();
            return new DriverManagerDataSource(url, "sa", "");
        }
        assumeTrue(postgresReachable(), "PostgreSQL is not reachable at 127.0.0.1:5432; skipped");
        String schema = "cw_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Flyway.configure().dataSource(PG_URL, PG_USER, PG_PASSWORD).schemas(schema).load().migrate();
        synchronized (SCHEMAS) {
            SCHEMAS.add(schema);
        }
        return new DriverManagerDataSource(PG_URL + "?currentSchema=" + schema, PG_USER, PG_PASSWORD);
    }

    /** Drops the PostgreSQL schemas made so far. */
    public static void dropSchemas() throws Exception {
        synchronized (SCHEMAS) {
            if (SCHEMAS.isEmpty()) {
                return;
            }
            try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
                 Statement statement = c.createStatement()) {
                for (String schema : SCHEMAS) {
                    statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
            SCHEMAS.clear();
        }
    }

    static boolean postgresReachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
