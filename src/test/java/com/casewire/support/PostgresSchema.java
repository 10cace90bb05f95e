package com.casewire.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A schema of its own on the test PostgreSQL (database {@code test} on 127.0.0.1:5432, or CASEWIRE_TEST_PG_URL) for
 * one integration-test class: the hub's datasource and Flyway point at it, and it is dropped after the class.
 */
public final class PostgresSchema {

    static final String DEADLOCK = "40P01";

    private final String name;

    public PostgresSchema(String prefix) {
        this.name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Creates the schema now, for a hub started as its own process ({@link #hubArguments}). */
    public PostgresSchema create() throws SQLException {
        try (Connection c = DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.PG_USER, TestDatabases.PG_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + name);
        }
        return this;
    }

    /** The command-line arguments that point a packaged hub's datasource and Flyway at this schema. */
    public java.util.List<String> hubArguments() {
        return hubArguments(TestDatabases.PG_URL);
    }

    /** Like {@link #hubArguments()}, with the hub connecting through {@code proxy} (to 127.0.0.1:5432). */
    public java.util.List<String> hubArgumentsThrough(CuttableTcpProxy proxy) {
        return hubArguments(throughProxy(proxy));
    }

    private static String throughProxy(CuttableTcpProxy proxy) {
        return TestDatabases.PG_URL.replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
    }

    private java.util.List<String> hubArguments(String url) {
        return java.util.List.of("--spring.datasource.url=" + url + "?currentSchema=" + name,
                "--spring.datasource.username=" + TestDatabases.PG_USER,
                "--spring.datasource.password=" + TestDatabases.PG_PASSWORD, "--spring.flyway.schemas=" + name);
    }

    /** Skips the calling test class, and says so, where no server answers. */
    public static void require(String what) {
        assumeTrue(reachable(), "PostgreSQL is not reachable at 127.0.0.1:5432; " + what + " skipped");
    }

    public void register(DynamicPropertyRegistry registry) {
        register(registry, TestDatabases.PG_URL);
    }

    /** Like {@link #register(DynamicPropertyRegistry)}, with the hub connecting through {@code proxy} (to 127.0.0.1:5432). */
    public void registerThrough(DynamicPropertyRegistry registry, CuttableTcpProxy proxy) {
        register(registry, throughProxy(proxy));
    }

    private void register(DynamicPropertyRegistry registry, String url) {
        registry.add("spring.datasource.url", () -> url + "?currentSchema=" + name);
        registry.add("spring.datasource.username", () -> TestDatabases.PG_USER);
        registry.add("spring.datasource.password", () -> TestDatabases.PG_PASSWORD);
        registry.add("spring.flyway.schemas", () -> name);
        registry.add("spring.jmx.enabled", () -> "false"); // an H2 context owns the JMX names in this JVM
    }

    /**
     * Stops the hub's routes (its quartz pollers, the inbox sweep and the outbox lanes), then drops the schema. JUnit
     * runs @AfterAll before Spring closes even a dirtied context, and a hub left polling every 100 ms logs an ERROR
     * with a stack trace against a dropped schema in every later test's output. Use with {@code @DirtiesContext} on
     * the class, so Spring then closes the context rather than caching it.
     */
    public void dropAfter(org.springframework.context.ApplicationContext hub) throws Exception {
        hub.getBean(org.apache.camel.CamelContext.class).stop();
        drop();
    }

    /**
     * Drops the schema. Where a hub context may still run against it, use {@link #dropAfter}; a deadlock with a
     * straggling poller is retried rather than reported as a test failure.
     */
    public void drop() throws Exception {
        if (!reachable()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try (Connection c = DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.PG_USER,
                    TestDatabases.PG_PASSWORD);
                 Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
                return;
            } catch (SQLException e) {
                if (!DEADLOCK.equals(e.getSQLState()) || attempt == 5) {
                    throw e;
                }
                Thread.sleep(500L * attempt);
            }
        }
    }

    public static boolean reachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
