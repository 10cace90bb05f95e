package com.casewire.spine;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.net.Socket;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same scenarios on PostgreSQL (database {@code test} on 127.0.0.1:5432, or CASEWIRE_TEST_PG_URL),
 * in a schema of its own. Skipped, and said so, where no server answers.
 */
class SpineOnPostgresTest extends SpineScenarios {

    static final String URL = System.getenv().getOrDefault("CASEWIRE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String DEADLOCK = "40P01";
    static final String SCHEMA = "cw_spine_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeAll
    static void requirePostgres() {
        assumeTrue(reachable(), "PostgreSQL is not reachable at 127.0.0.1:5432; PostgreSQL scenarios skipped");
    }

    /**
     * JUnit runs this before Spring closes the cached context, so the hub's pollers may still hold locks in the
     * schema: a deadlock with them is retried rather than reported as a test failure.
     */
    @AfterAll
    static void dropSchema() throws Exception {
        if (!reachable()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try (Connection c = DriverManager.getConnection(URL,
                    System.getenv().getOrDefault("CASEWIRE_TEST_PG_USER", "postgres"),
                    System.getenv().getOrDefault("CASEWIRE_TEST_PG_PASSWORD", ""));
                 Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
                return;
            } catch (SQLException e) {
                if (!DEADLOCK.equals(e.getSQLState()) || attempt == 5) {
                    throw e;
                }
                Thread.sleep(500L * attempt);
            }
        }
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> URL + "?currentSchema=" + SCHEMA);
        registry.add("spring.datasource.username", () -> System.getenv().getOrDefault("CASEWIRE_TEST_PG_USER", "postgres"));
        registry.add("spring.datasource.password", () -> System.getenv().getOrDefault("CASEWIRE_TEST_PG_PASSWORD", ""));
        registry.add("spring.flyway.schemas", () -> SCHEMA);
        registry.add("spring.jmx.enabled", () -> "false"); // the H2 context owns the JMX names in this JVM
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
