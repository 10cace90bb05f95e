package com.casewire.statusupdate;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The matter-status scenarios on PostgreSQL (database {@code test} on 127.0.0.1:5432, or CASEWIRE_TEST_PG_URL)
 * in a schema of their own: the window lock (SELECT ... FOR UPDATE), V5's ALTER TABLEs, IN (:ids). Skipped,
 * and said so, where no server answers.
 */
class MatterStatusOnPostgresTest extends MatterStatusScenarios {

    static final String URL = System.getenv().getOrDefault("CASEWIRE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getenv().getOrDefault("CASEWIRE_TEST_PG_USER", "postgres");
    static final String PASSWORD = System.getenv().getOrDefault("CASEWIRE_TEST_PG_PASSWORD", "");
    static final String SCHEMA = "cw_status_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeAll
    static void requirePostgres() {
        assumeTrue(reachable(), "PostgreSQL is not reachable at 127.0.0.1:5432; PostgreSQL scenarios skipped");
    }

    @AfterAll
    static void dropSchema() throws Exception {
        if (!reachable()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> URL + "?currentSchema=" + SCHEMA);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> PASSWORD);
        registry.add("spring.flyway.schemas", () -> SCHEMA);
        registry.add("spring.jmx.enabled", () -> "false");
    }

    static boolean reachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
