package com.casewire.practice.mycase;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.casewire.config.HubProperties;
import com.casewire.practice.mycase.MyCaseChanges.Seen;
import com.casewire.support.TestClock;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The V6 tables on H2 and on PostgreSQL (database {@code test} on 127.0.0.1:5432, in a schema of its own; skipped
 * where no server answers): marks only move forward, record state is kept per resource, and a rotated refresh
 * token is stored under the row lock.
 */
class MyCaseStateOnBothDatabasesTest {

    private static final java.util.List<String> SCHEMAS = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterAll
    static void dropSchemas() throws Exception {
        if (SCHEMAS.isEmpty()) {
            return;
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                System.getenv().getOrDefault("CASEWIRE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
                System.getenv().getOrDefault("CASEWIRE_TEST_PG_USER", "postgres"),
                System.getenv().getOrDefault("CASEWIRE_TEST_PG_PASSWORD", ""));
             java.sql.Statement statement = c.createStatement()) {
            for (String schema : SCHEMAS) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    static DataSource database(String kind) {
        if (kind.equals("h2")) {
            return MyCaseFixtures.database();
        }
        assumeTrue(postgresReachable(), "PostgreSQL is not reachable at 127.0.0.1:5432; skipped");
        String schema = "cw_mycase_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = System.getenv().getOrDefault("CASEWIRE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = System.getenv().getOrDefault("CASEWIRE_TEST_PG_USER", "postgres");
        String password = System.getenv().getOrDefault("CASEWIRE_TEST_PG_PASSWORD", "");
        Flyway.configure().dataSource(url, user, password).schemas(schema).load().migrate();
        SCHEMAS.add(schema);
        return new DriverManagerDataSource(url + "?currentSchema=" + schema, user, password);
    }

    static boolean postgresReachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void marksMoveOnlyForwardAndStateIsPerResource(String kind) {
        MyCasePollState state = new MyCasePollState(new NamedParameterJdbcTemplate(database(kind)),
                Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC));

        assertThat(state.mark("cases")).isEmpty();
        state.advance("cases", Instant.parse("2026-03-10T11:00:00Z"));
        state.advance("cases", Instant.parse("2026-03-10T11:30:00Z"));
        state.advance("cases", Instant.parse("2026-03-10T10:00:00Z")); // a slower poll elsewhere: ignored
        state.advance("tasks", Instant.parse("2026-03-09T00:00:00Z"));
        assertThat(state.mark("cases")).contains(Instant.parse("2026-03-10T11:30:00Z"));
        assertThat(state.mark("tasks")).contains(Instant.parse("2026-03-09T00:00:00Z"));

        state.remember("cases", "2001", new Seen("Discovery", "open"));
        state.remember("cases", "2001", new Seen("Trial", "open"));
        state.remember("tasks", "2001", new Seen(null, "completed"));
        assertThat(state.seen("cases", "2001")).contains(new Seen("Trial", "open"));
        assertThat(state.seen("tasks", "2001")).contains(new Seen(null, "completed"));
        assertThat(state.seen("cases", "9")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aRotatedRefreshTokenIsStoredAndSurvivesARestart(String kind) {
        DataSource db = database(kind);
        WireMockServer mycase = new WireMockServer(options().dynamicPort());
        mycase.start();
        try {
            mycase.stubFor(post(urlEqualTo("/tokens")).withRequestBody(equalTo(MyCaseFixtures.TOKEN_FORM + MyCaseFixtures.REFRESH_TOKEN))
                    .willReturn(aResponse().withHeader("Content-Type", "application/json")
                            .withBody(MyCaseFixtures.tokenResponse("access-2", "refresh-2", 86_400))));
            HubProperties hub = MyCaseFixtures.hub(mycase.baseUrl(), Map.of("hub.mycase.access-token", ""));
            TestClock clock = new TestClock();

            assertThat(MyCaseFixtures.tokens(hub, clock, db).accessToken()).isEqualTo("access-2");

            MyCaseTokens restarted = MyCaseFixtures.tokens(hub, clock, db);
            assertThat(restarted.accessToken()).isEqualTo("access-2");
            assertThat(restarted.currentRefreshToken()).isEqualTo("refresh-2");
            assertThat(mycase.getAllServeEvents()).hasSize(1);
        } finally {
            mycase.stop();
        }
    }
}
