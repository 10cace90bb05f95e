package com.casewire.practice.mycase;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.practice.mycase.MyCaseChanges.Seen;
import com.casewire.support.TestClock;
import com.casewire.support.TestDatabases;
import com.casewire.support.TestHubProperties;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The V6 tables on H2 and on PostgreSQL (database {@code test} on 127.0.0.1:5432, in a schema of its own; skipped
 * where no server answers): marks only move forward, record state is kept per resource, and a rotated refresh
 * token is stored under the row lock.
 */
class MyCaseStateOnBothDatabasesTest {

    @org.junit.jupiter.api.AfterAll
    static void dropSchemas() throws Exception {
        TestDatabases.dropSchemas();
    }

    static DataSource database(String kind) {
        return TestDatabases.migrated(kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void marksMoveOnlyForwardAndStateIsPerResource(String kind) {
        MyCasePollStore state = new MyCasePollStore(new NamedParameterJdbcTemplate(database(kind)),
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
            TestHubProperties hub = MyCaseFixtures.hub(mycase.baseUrl(), Map.of("hub.mycase.access-token", ""));
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
